package sandbox

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/heshi-verify/heshi/evidence/mediatype"
	"github.com/heshi-verify/heshi/evidence/ofd"
	"github.com/heshi-verify/heshi/evidence/xmlinvoice"
)

// TestExtractOFDAndXML: OFD and XML files read in a child give what the
// in-process readers give.
func TestExtractOFDAndXML(t *testing.T) {
	t.Parallel()
	p := newPool(t, Config{Workers: 1})
	files := []struct{ file, mediaType string }{
		{"real-invoice-ofd-xml-526.ofd", mediatype.OFD},
		{"real-receipt-ofd-icbc.ofd", mediatype.OFD},
		{"synthetic-invoice-einvoice.xml", mediatype.XML},
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("..", "testdata", f.file))
		if err != nil {
			t.Fatal(err)
		}
		want := ofd.Extract(data, "", p.cfg.MaxPages)
		if f.mediaType == mediatype.XML {
			want = xmlinvoice.Extract(data, "")
		}
		got, err := p.ExtractWith(context.Background(), ParserFor(f.mediaType), "", data)
		if err != nil || !got.Readable || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v\n%s", f.file, err, diff(got, want))
		}
		// Read in process by the same table, it is the same.
		if in := ReadInProcess(ParserFor(f.mediaType), "", data, 0, 0); !reflect.DeepEqual(in, got) {
			t.Errorf("%s in process:\n%s", f.file, diff(in, got))
		}
	}
}
