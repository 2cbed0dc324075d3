package sandbox

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/mediatype"
)

// The committed hostile-file corpus, testdata/hostile at the repository's
// root: files that once hung, crashed or exhausted a reader, or that try
// to. MANIFEST.tsv names each file, its media type, the kind it is
// uploaded as, and what its reason must contain. CI reads every one of
// them through the sandbox (TestHostileCorpus); the fuzz targets start
// from them too. `go test ./evidence/sandbox -run TestHostileCorpus
// -update-corpus` writes the files again from the builders below.

var updateCorpus = flag.Bool("update-corpus", false, "write testdata/hostile from its builders")

const corpusDir = "../../testdata/hostile"

// hostileFile is one file of the corpus.
type hostileFile struct {
	name, mediaType, kind string
	want                  string // in the reason
	why                   string // what the file does
	build                 func() []byte
}

func hostileCorpus() []hostileFile {
	return []hostileFile{
		{"pdf-objstm-bomb.pdf", mediatype.PDF, evidence.KindInvoice, "over limits",
			"object stream deflated twice, 1 KiB of file per MiB: inflates to 1 GiB of spaces", func() []byte { return bombPDF(1 << 10) }},
		{"pdf-xref-4e9.pdf", mediatype.PDF, evidence.KindInvoice, "/Size 4000000000",
			"cross-reference stream of 4 billion entries, /Size spelled /S#69ze", hugeXrefPDF},
		{"pdf-cyclic-pages.pdf", mediatype.PDF, evidence.KindContract, "malformed page tree",
			"a page tree whose Kids contain the tree itself", cyclicPagesPDF},
		{"pdf-declared-16gib.pdf", mediatype.PDF, evidence.KindPayment, "needs human reading",
			"a content stream declaring /Length 16 GiB over a few bytes", declaredHugePDF},
		{"pdf-truncated.pdf", mediatype.PDF, evidence.KindInvoice, "truncated PDF",
			"a real invoice cut off after 5,000 bytes", func() []byte { return mustRead("testdata/real-invoice-digital-goods.pdf")[:5000] }},
		{"pdf-empty.pdf", mediatype.PDF, evidence.KindInvoice, "not a PDF file",
			"no bytes at all", func() []byte { return nil }},
		{"ofd-zip-bomb.ofd", mediatype.OFD, evidence.KindInvoice, "over limits",
			"an OFD whose document part inflates to 64 MiB of spaces", ofdZipBomb},
		{"ofd-many-entries.ofd", mediatype.OFD, evidence.KindInvoice, "over limits",
			"an OFD of 1,200 empty entries", ofdManyEntries},
		{"ofd-escape.ofd", mediatype.OFD, evidence.KindInvoice, "unsafe entry names",
			"an OFD whose entry names climb out of the package (../)", ofdEscape},
		{"ofd-not-zip.ofd", mediatype.OFD, evidence.KindInvoice, "not a zip package",
			"text where the zip should be", func() []byte { return []byte("<OFD>this is not a zip</OFD>") }},
		{"xml-billion-laughs.xml", mediatype.XML, evidence.KindInvoice, "invalid character entity",
			"an XML invoice with nested entity definitions (a billion laughs)", billionLaughs},
		{"xml-deep.xml", mediatype.XML, evidence.KindInvoice, "nested deeper than",
			"an XML invoice nested 10,000 elements deep", deepXML},
		{"png-60000x60000.png", mediatype.PNG, evidence.KindPayment, "over limits",
			"a PNG header declaring 60,000×60,000 pixels", func() []byte { return pngHeader(60000, 60000) }},
		{"jpeg-65535x65535.jpg", mediatype.JPEG, evidence.KindLogistics, "invalid JPEG format",
			"a JPEG frame header declaring 65,535×65,535 pixels", hugeJPEG},
	}
}

func mustRead(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return b
}

// classicPDF assembles a PDF with a classic cross-reference table.
func classicPDF(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, body := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func cyclicPagesPDF() []byte {
	return classicPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
		"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
	})
}

func declaredHugePDF() []byte {
	return classicPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		"<< /Length 17179869184 /Filter /FlateDecode >>\nstream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream",
	})
}

func zipOf(entries func(w *zip.Writer)) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	entries(w)
	w.Close()
	return b.Bytes()
}

func ofdZipBomb() []byte {
	return zipOf(func(w *zip.Writer) {
		f, _ := w.Create("OFD.xml")
		f.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`))
		f, _ = w.Create("Doc_0/Document.xml")
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for range 64 {
			f.Write(chunk)
		}
	})
}

func ofdManyEntries() []byte {
	return zipOf(func(w *zip.Writer) {
		w.Create("OFD.xml")
		for i := range 1200 {
			w.Create(fmt.Sprintf("Doc_0/e%d", i))
		}
	})
}

func ofdEscape() []byte {
	return zipOf(func(w *zip.Writer) {
		w.Create("OFD.xml")
		f, _ := w.Create("Doc_0/../../../etc/passwd")
		f.Write([]byte("root:x:0:0"))
	})
}

func billionLaughs() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE EInvoice [<!ENTITY l0 "哈">`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, `<!ENTITY l%d "%s">`, i, strings.Repeat(fmt.Sprintf("&l%d;", i-1), 10))
	}
	b.WriteString(`]><EInvoice><Header><InvoiceNumber>&l9;</InvoiceNumber></Header></EInvoice>`)
	return []byte(b.String())
}

func deepXML() []byte {
	const depth = 10_000
	return []byte(`<?xml version="1.0"?><EInvoice>` + strings.Repeat("<a>", depth) + strings.Repeat("</a>", depth) + `</EInvoice>`)
}

// hugeJPEG is a JPEG's start, a baseline frame header (SOF0) declaring
// 65535×65535 pixels, and its end.
func hugeJPEG() []byte {
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xD8})             // SOI
	b.Write([]byte{0xFF, 0xC0, 0x00, 0x0B}) // SOF0, length 11
	b.WriteByte(8)                          // precision
	binary.Write(&b, binary.BigEndian, uint16(65535))
	binary.Write(&b, binary.BigEndian, uint16(65535))
	b.Write([]byte{1, 1, 0x11, 0}) // one component
	b.Write([]byte{0xFF, 0xD9})    // EOI
	return b.Bytes()
}

// TestHostileCorpus reads every file of the committed corpus through the
// sandbox: each is reported unreadable with its reason, none takes the
// pool down, and a good document reads after them.
func TestHostileCorpus(t *testing.T) {
	t.Parallel()
	corpus := hostileCorpus()
	if *updateCorpus {
		writeCorpus(t, corpus)
	}
	manifest := readManifest(t)
	if len(manifest) != len(corpus) {
		t.Fatalf("MANIFEST.tsv lists %d files, the builders %d: run with -update-corpus", len(manifest), len(corpus))
	}
	p := poolForCorpus(t)
	for _, row := range manifest {
		name, mt, kind, want := row[0], row[1], row[2], row[3]
		data, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Fatal(err)
		}
		parser := ParserFor(mt)
		if parser == ParserImage && p.cfg.OCRDir == "" {
			t.Logf("%s: skipped (no OCR engine in -short mode)", name)
			continue
		}
		x, err := p.ExtractWith(context.Background(), parser, kind, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		t.Logf("%s: %s", name, x.Reason)
		if x.Readable || !strings.Contains(x.Reason, want) {
			t.Errorf("%s: readable %v, reason %q; want unreadable, reason with %q", name, x.Readable, x.Reason, want)
		}
	}
	want := evidence.ExtractPDF(smallReceipt(), "", evidence.Limits{})
	if got, err := p.Extract(context.Background(), "", smallReceipt()); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("a good document after the corpus: %v\n%s", err, diff(got, want))
	}
}

// poolForCorpus is a pool with the OCR engine unless in -short mode.
func poolForCorpus(t *testing.T) *Pool {
	if testing.Short() {
		return newPool(t, Config{Workers: 1})
	}
	return scanPool(t)
}

func readManifest(t *testing.T) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.Comment = '\t', '#'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:] // the header
}

func writeCorpus(t *testing.T, corpus []hostileFile) {
	t.Helper()
	if err := os.MkdirAll(corpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var m strings.Builder
	m.WriteString("# The hostile-file corpus: see evidence/sandbox/corpus_test.go, which writes it (-update-corpus) and reads it.\n")
	m.WriteString("file\tmedia_type\tkind\treason_contains\twhat_it_does\n")
	for _, h := range corpus {
		if err := os.WriteFile(filepath.Join(corpusDir, h.name), h.build(), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&m, "%s\t%s\t%s\t%s\t%s\n", h.name, h.mediaType, h.kind, h.want, h.why)
	}
	if err := os.WriteFile(filepath.Join(corpusDir, "MANIFEST.tsv"), []byte(m.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
