package ofd_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/ofd"
)

const (
	ofdXML   = `<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>`
	document = `<Document><CommonData><PageArea><PhysicalBox>0 0 210 140</PhysicalBox></PageArea></CommonData><Pages><Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></Pages></Document>`
)

// page returns page content with one text object per line of text, 8 mm
// apart, starting 10 mm from the top.
func page(lines ...string) string {
	var b strings.Builder
	b.WriteString(`<Page><Content><Layer>`)
	for i, l := range lines {
		fmt.Fprintf(&b, `<TextObject ID="%d" Boundary="10 %d 190 6" Size="4"><TextCode X="0" Y="4">%s</TextCode></TextObject>`, 100+i, 10+8*i, l)
	}
	b.WriteString(`</Layer></Content></Page>`)
	return b.String()
}

// TestExtractText reads a page without structured data from its text.
func TestExtractText(t *testing.T) {
	t.Parallel()
	data := zipOf(map[string]string{"OFD.xml": ofdXML, "Doc_0/Document.xml": document,
		"Doc_0/Pages/Page_0/Content.xml": page("中国农业银行 电子回单", "交易日期：2021-10-12", "付款人户名：茶陵县第二中学", "金额（小写）：¥1,234.50")})
	x := ofd.Extract(data, "", 0)
	if !x.Readable || x.Kind != evidence.KindPayment || x.Source != evidence.SourceOFDText ||
		x.Fields["date"].Value != "2021-10-12" || x.Fields["payer_name"].Value != "茶陵县第二中学" || x.Fields["amount"].Value != "1234.50" {
		t.Fatalf("got %+v", x)
	}
	if f := x.Fields["date"]; f.Page != 1 || f.Text != "交易日期：2021-10-12" {
		t.Errorf("date field %+v, want page 1 and its row's text", f)
	}
}

// TestExtractHostile: packages built to exhaust or escape are refused
// quickly with the reason.
func TestExtractHostile(t *testing.T) {
	t.Parallel()
	many := map[string]string{"OFD.xml": ofdXML}
	for i := range 1001 {
		many[fmt.Sprintf("f%d", i)] = ""
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("PK\x03\x04 junk"), "unreadable OFD: not a zip package"},
		{"no OFD.xml", zipOf(map[string]string{"a.xml": "<a/>"}), "unreadable OFD: no OFD.xml"},
		{"path traversal", zipOf(map[string]string{"OFD.xml": ofdXML, "../../etc/x.xml": "<a/>"}), "OFD with unsafe entry names"},
		{"absolute entry", zipOf(map[string]string{"OFD.xml": ofdXML, "/etc/x.xml": "<a/>"}), "OFD with unsafe entry names"},
		{"duplicate entry", dupZip(), "OFD with unsafe entry names"},
		{"too many entries", zipOf(many), "over limits: OFD over limits: 1002 entries"},
		{"DocRoot leaves the package", zipOf(map[string]string{"OFD.xml": `<OFD><DocBody><DocRoot>../../Document.xml</DocRoot></DocBody></OFD>`, "Document.xml": document}), "unreadable OFD: OFD.xml names no document"},
		{"part inflating past its bound", zipOf(map[string]string{"OFD.xml": "<OFD>" + strings.Repeat(" ", 8<<20) + "</OFD>"}), "over limits: OFD over limits: OFD.xml inflates to more than"},
		{"deep XML", zipOf(map[string]string{"OFD.xml": strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100)}), "unreadable OFD: OFD.xml: malformed XML: nested deeper than 64"},
		{"external entity", zipOf(map[string]string{"OFD.xml": `<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><OFD><DocBody><DocRoot>&e;</DocRoot></DocBody></OFD>`}), "unreadable OFD: OFD.xml: malformed XML"},
	}
	for _, tc := range tests {
		x := ofd.Extract(tc.data, evidence.KindInvoice, 0)
		if x.Readable || !strings.HasPrefix(x.Reason, tc.want) || x.Kind != evidence.KindInvoice {
			t.Errorf("%s: readable %v reason %q kind %q; want unreadable, reason %q…", tc.name, x.Readable, x.Reason, x.Kind, tc.want)
		}
	}
}

// dupZip holds OFD.xml twice.
func dupZip() []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, body := range []string{ofdXML, "<OFD/>"} {
		f, _ := w.Create("OFD.xml")
		f.Write([]byte(body))
	}
	w.Close()
	return buf.Bytes()
}
