package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime/multipart"
	"testing"

	"github.com/heshi-verify/heshi/pipeline"
)

// formSink stands in for the intake: it checks the kind as the intake does
// and reads the file to its end, keeping it.
type formSink struct {
	kind  pipeline.DocKind
	name  string
	file  []byte
	files int
}

func (s *formSink) SetKind(k pipeline.DocKind) error {
	if !k.Valid() {
		return pipeline.ErrUnknownKind(k)
	}
	s.kind = k
	return nil
}

func (s *formSink) Put(_ context.Context, name string, r io.Reader) error {
	if s.files++; s.files > 1 {
		return pipeline.Errorf(pipeline.EInvalid, "send one file per request")
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return readErr(err)
	}
	s.name, s.file = pipeline.CleanFileName(name), b
	return nil
}

const fuzzBoundary = "heshiFuzzBoundary"

// form writes an upload form: fields in order, "file" as a file part.
func form(fields ...string) []byte {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.SetBoundary(fuzzBoundary)
	for i := 0; i+1 < len(fields); i += 2 {
		if fields[i] == "file" {
			p, _ := w.CreateFormFile("file", "回单.pdf")
			p.Write([]byte(fields[i+1]))
			continue
		}
		w.WriteField(fields[i], fields[i+1])
	}
	w.Close()
	return b.Bytes()
}

func readForm(body []byte) (*formSink, error) {
	sink := &formSink{}
	err := readUploadForm(context.Background(), bytes.NewReader(body), fuzzBoundary, sink)
	return sink, err
}

// FuzzUploadForm fuzzes the upload's multipart framing (issue 10, items 2
// and 10): whatever the body, reading it never panics and every refusal is
// a domain error (a 4xx, never a 500); a body that is read whole has its
// closing boundary; and any cut of a body before its closing boundary is
// refused, so a truncated upload is never stored as a shorter file.
func FuzzUploadForm(f *testing.F) {
	pdf := "%PDF-1.4\n" + string(bytes.Repeat([]byte("x"), 200)) + "\n%%EOF\n"
	f.Add(form("kind", "payment", "file", pdf), uint16(1500))
	f.Add(form("file", pdf, "kind", "invoice"), uint16(40))
	f.Add(form("note", "备注", "kind", "contract", "file", pdf), uint16(300))
	f.Add(form("kind", "receipt", "file", pdf), uint16(0))
	f.Add(form("kind", "payment", "file", pdf, "file", pdf), uint16(9000))
	f.Add([]byte("--"+fuzzBoundary+"\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''a%00b.pdf\r\n\r\n%PDF-1.4\r\n--"+fuzzBoundary+"--\r\n"), uint16(60))
	f.Add([]byte("--"+fuzzBoundary+"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\xff\xfe.pdf\"\r\n\r\n%PDF\r\n--"+fuzzBoundary+"--"), uint16(10))
	f.Add([]byte("--"+fuzzBoundary+"\r\n\r\n"), uint16(5))
	f.Fuzz(func(t *testing.T, body []byte, cut uint16) {
		sink, err := readForm(body)
		var perr *pipeline.Error
		if err != nil && !errors.As(err, &perr) {
			t.Fatalf("refused with %T %v, not a domain error", err, err)
		}
		closing := []byte("\n--" + fuzzBoundary + "--")
		if err == nil && sink.files > 0 && !bytes.Contains(append([]byte("\n"), body...), closing) {
			t.Fatalf("a body without its closing boundary was read whole: %d file bytes", len(sink.file))
		}
		if err != nil || len(body) == 0 {
			return
		}
		prefix := body[:int(cut)%len(body)]
		if end := bytes.Index(body, closing); end >= 0 && len(prefix) <= end {
			if s, err := readForm(prefix); err == nil && s.files > 0 {
				t.Fatalf("a body cut at %d of %d bytes, before its closing boundary at %d, was read whole (%d file bytes)", len(prefix), len(body), end, len(s.file))
			}
		}
	})
}

// TestUploadFormCuts checks every cut of a form: before its closing
// boundary each one is refused as cut off; with it, the file is whole.
func TestUploadFormCuts(t *testing.T) {
	t.Parallel()
	pdf := "%PDF-1.4\n" + string(bytes.Repeat([]byte("y"), 500)) + "\n%%EOF\n"
	body := form("kind", "payment", "file", pdf)
	end := bytes.Index(body, []byte("\r\n--"+fuzzBoundary+"--"))
	for n := 0; n <= len(body); n++ {
		sink, err := readForm(body[:n])
		switch {
		case n < end && err == nil && sink.files > 0:
			t.Fatalf("cut at %d of %d bytes: the file was taken (%d bytes)", n, len(body), len(sink.file))
		case n == len(body) && (err != nil || string(sink.file) != pdf || sink.kind != pipeline.KindPayment):
			t.Fatalf("whole form (%d bytes of %d): %v, kind %q, %d file bytes; want the file", n, len(body), err, sink.kind, len(sink.file))
		}
	}
	if _, err := readForm(body[:len(body)/2]); pipeline.ErrorCodeOf(err) != pipeline.EInvalid {
		t.Errorf("half a form: %v, want invalid", err)
	}
}

// TestUploadFormDelimiterInData (the re-probe's N4): the close delimiter's
// text inside a file, its name or the preamble is no close delimiter; a
// form cut off after the file is refused however it is spelt.
func TestUploadFormDelimiterInData(t *testing.T) {
	t.Parallel()
	d := "--" + fuzzBoundary
	bodies := map[string]string{
		"in the file": d + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npayment\r\n" + d + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 x" + d + "--x\r\n" + d + "\r\n",
		"in the name": d + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x" + d + "--x.pdf\"\r\n\r\n%PDF-1.4\r\n" + d + "\r\n",
		"in preamble": "preamble x" + d + "--x\r\n" + d + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n" + d + "\r\n",
		"no line end": d + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n" + d,
	}
	for name, b := range bodies {
		if s, err := readForm([]byte(b)); err == nil {
			t.Errorf("%s: read whole (%d file bytes), want it refused as cut off", name, len(s.file))
		}
	}
	whole := d + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x" + d + "--.pdf\"\r\n\r\n%PDF-1.4\r\n" + d + "--\r\n"
	if s, err := readForm([]byte(whole)); err != nil || string(s.file) != "%PDF-1.4" {
		t.Errorf("a whole form with the delimiter's text in its file name: %v, %q", err, s.file)
	}
}
