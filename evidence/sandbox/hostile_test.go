package sandbox

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
)

// Hostile PDFs that get past the guards of package pdftext and so must be
// contained by the child: one that keeps the parser busy for minutes and
// one that kills its process.

// xrefStreamPDF assembles a PDF whose cross-reference table is a stream
// (PDF 1.5), so that objects can live in object streams. objs[i] is the
// body of object i+1; inStream maps the number of an object whose body is
// not in objs (give "") to the number of the object stream holding it, at
// index 0.
func xrefStreamPDF(objs []string, inStream map[int]int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var table bytes.Buffer
	entry := func(typ byte, f2 uint32, f3 uint16) {
		table.WriteByte(typ)
		binary.Write(&table, binary.BigEndian, f2)
		binary.Write(&table, binary.BigEndian, f3)
	}
	entry(0, 0, 0xffff)
	for i, body := range objs {
		if s, ok := inStream[i+1]; ok {
			entry(2, uint32(s), 0)
			continue
		}
		entry(1, uint32(b.Len()), 0)
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	entry(1, uint32(xref), 0)
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n",
		len(objs)+1, len(objs)+2, table.Len())
	b.Write(table.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// hugeXrefPDF declares a cross-reference stream of 4 billion entries,
// spelling the key /Size as /S#69ze so that pdftext's count check, which
// looks for the text "/Size", misses it. The parser allocates the table at
// once: 128 GB, a fatal out-of-memory error that recover cannot catch.
func hugeXrefPDF() []byte {
	data := xrefStreamPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}, nil)
	// The xref stream comes last, so offsets stay valid.
	return bytes.Replace(data, []byte("/Size 5 "), []byte("/S#69ze 4000000000 "), 1)
}

// bombPDF keeps its page tree (object 2) in an object stream whose data is
// deflated twice: about mib KiB of file that inflates to mib MiB of spaces,
// which the parser reads byte by byte looking for the stream's first
// number. No read budget notices, since the file itself is read once.
func bombPDF(mib int) []byte {
	bomb := spaceBomb(mib)
	return xrefStreamPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"",
		fmt.Sprintf("<< /Type /ObjStm /N 1 /First 8 /Filter [/FlateDecode /FlateDecode] /Length %d >>\nstream\n%s\nendstream", len(bomb), bomb),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}, map[int]int{2: 3})
}

// spaceBomb returns mib MiB of spaces, zlib-compressed twice. The inner
// stream is built without compressing gigabytes: deflating 1 MiB of
// spaces after the first gives the same bytes every time (measured; the
// window holds nothing but spaces), so it is the first MiB's bytes and
// then the second's repeated, a final empty block, and the Adler-32 of
// the whole, computed in closed form.
func spaceBomb(mib int) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	next := func(f func() error) []byte {
		f()
		out := bytes.Clone(b.Bytes())
		b.Reset()
		return out
	}
	first := next(func() error { w.Write(chunk); return w.Flush() })
	rest := next(func() error { w.Write(chunk); return w.Flush() })
	final := next(w.Close)

	var outer bytes.Buffer
	zw := zlib.NewWriter(&outer)
	zw.Write([]byte{0x78, 0xda}) // zlib header: deflate, 32 KiB window
	zw.Write(first)
	for range mib - 1 {
		zw.Write(rest)
	}
	zw.Write(final)
	binary.Write(zw, binary.BigEndian, adler32Spaces(uint64(mib)<<20))
	zw.Close()
	return outer.Bytes()
}

// adler32Spaces is the Adler-32 checksum of n spaces: after i spaces the
// first sum is 1+32i, and the second sums those for i from 1 to n.
func adler32Spaces(n uint64) uint32 {
	const mod = 65521
	a := (1 + 32*(n%mod)) % mod
	tri := n / 2 % mod * ((n + 1) % mod) % mod // n(n+1)/2, n even
	if n%2 == 1 {
		tri = n % mod * ((n + 1) / 2 % mod) % mod
	}
	b := (n%mod + 32*tri) % mod
	return uint32(b<<16 | a)
}

// TestSpaceBomb checks the construction of spaceBomb on a size that is
// quick to inflate: valid streams, the checksum included, of exactly the
// spaces announced.
func TestSpaceBomb(t *testing.T) {
	t.Parallel()
	const mib = 48
	outer, err := zlib.NewReader(bytes.NewReader(spaceBomb(mib)))
	if err != nil {
		t.Fatal(err)
	}
	inner, err := zlib.NewReader(outer)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(inner)
	if err != nil {
		t.Fatalf("inflating: %v", err)
	}
	if len(got) != mib<<20 || bytes.Count(got, []byte{' '}) != len(got) {
		t.Fatalf("inflated %d bytes, %d of them spaces; want %d spaces", len(got), bytes.Count(got, []byte{' '}), mib<<20)
	}
}

// TestPDFGuardsInProcess: the hostile files above that once needed the
// child are now refused by pdftext's guards in-process, early: the name
// escape of /S#69ze is decoded before counting, and object streams are
// decoded within a budget before the parser sees them.
func TestPDFGuardsInProcess(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"object stream inflating to 64 GiB", bombPDF(64 << 10), "over limits: PDF over limits: object and cross-reference streams decode to more than"},
		{"xref stream of 4 billion entries", hugeXrefPDF(), "unreadable PDF: /Size 4000000000"},
	}
	// The reasons name the guard that stopped the reading: the decoding
	// budget ends the inflation at 32 MiB, and the entry count is refused
	// before any allocation. (No timing: a loaded machine makes any bound
	// on time flaky, and the reason already says where reading stopped.)
	for _, tc := range tests {
		x := evidence.ExtractPDF(tc.data, "invoice", evidence.Limits{})
		if x.Readable || !strings.HasPrefix(x.Reason, tc.want) {
			t.Errorf("%s: readable %v reason %q; want unreadable, reason %q…", tc.name, x.Readable, x.Reason, tc.want)
		}
	}
}
