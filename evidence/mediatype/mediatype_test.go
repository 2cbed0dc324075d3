package mediatype

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"
)

func TestSniff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		head string
		want string
	}{
		{"pdf", "%PDF-1.7\n%\xe2\xe3", PDF},
		{"pdf after junk", "\r\n%PDF-1.4", PDF},
		{"zip", "PK\x03\x04\x14\x00", OFD},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF", JPEG},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00", PNG},
		{"xml decl", "<?xml version=\"1.0\"?><EInvoice/>", XML},
		{"xml bom", "\xef\xbb\xbf\n <EInvoice>", XML},
		{"text", "hello world", ""},
		{"html-ish lt space", "< not xml", ""},
		{"exe", "MZ\x90\x00", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff([]byte(tt.head))
			if tt.want == "" {
				if !errors.Is(err, ErrUnsupported) {
					t.Fatalf("Sniff(%q) = %q, %v; want ErrUnsupported", tt.head, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Sniff(%q) = %q, %v; want %q", tt.head, got, err, tt.want)
			}
		})
	}
}

func TestCheckOFD(t *testing.T) {
	t.Parallel()
	mk := func(names ...string) []byte {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		for _, n := range names {
			f, err := w.Create(n)
			if err != nil {
				t.Fatal(err)
			}
			f.Write([]byte("<x/>"))
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	ofd := mk("OFD.xml", "Doc_0/Document.xml")
	if err := CheckOFD(bytes.NewReader(ofd), int64(len(ofd))); err != nil {
		t.Errorf("CheckOFD(ofd) = %v, want nil", err)
	}
	docx := mk("[Content_Types].xml", "word/document.xml")
	if err := CheckOFD(bytes.NewReader(docx), int64(len(docx))); !errors.Is(err, ErrUnsupported) {
		t.Errorf("CheckOFD(docx) = %v, want ErrUnsupported", err)
	}
	junk := []byte("PK\x03\x04garbage")
	if err := CheckOFD(bytes.NewReader(junk), int64(len(junk))); !errors.Is(err, ErrUnsupported) {
		t.Errorf("CheckOFD(junk) = %v, want ErrUnsupported", err)
	}
}
