package ofd_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ofd"
)

// FuzzExtract checks that no package takes the process down or hangs:
// every result is well formed, and the recover in Extract never fires
// (a panic inside is a bug even though it is caught).
func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "*.ofd"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add(zipOf(map[string]string{"OFD.xml": `<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>`,
		"Doc_0/Document.xml": `<Document><Pages><Page ID="1" BaseLoc="P.xml"/></Pages></Document>`,
		"Doc_0/P.xml":        `<Page><Content><Layer><TextObject ID="2" Boundary="0 0 50 5" Size="3"><TextCode X="0" Y="3" DeltaX="g 3 1.5">电子发票</TextCode></TextObject></Layer></Content></Page>`}))
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(10*time.Second, func() {
			panic(fmt.Sprintf("Extract still running after 10s on %d bytes", len(data)))
		})
		defer watchdog.Stop()
		x := ofd.Extract(data, "", 8)
		if x.Fields == nil || !strings.HasPrefix(x.Source, "ofd-") {
			t.Fatalf("source %q fields %v", x.Source, x.Fields)
		}
		if !x.Readable && x.Reason == "" {
			t.Fatal("unreadable without a reason")
		}
		if strings.HasPrefix(x.Reason, "extractor failure:") {
			t.Fatalf("panic inside: %s", x.Reason)
		}
		if x.Readable && x.Kind != "" && x.Kind != evidence.KindInvoice && x.Kind != evidence.KindPayment &&
			x.Kind != evidence.KindContract && x.Kind != evidence.KindLogistics && x.Kind != evidence.KindAcceptance {
			t.Fatalf("kind %q", x.Kind)
		}
	})
}
