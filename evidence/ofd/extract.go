package ofd

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/evidence/xmlinvoice"
)

// DefaultMaxPages bounds the pages read when Extract is given none.
const DefaultMaxPages = 100

// Extract reads an OFD document of the given kind ("" detects it). It
// prefers structured data: an attached invoice XML (Source "ofd-xml") or
// XBRL bank receipt ("ofd-xbrl"), else the custom tags that point at the
// page's text objects together with OFD.xml's CustomData
// ("ofd-customtag"); fields they lack are taken from the page text, and a
// field the page shows differently is a problem. Without structured data
// the page text is read as a PDF's would be ("ofd-text"). It never
// panics: a file it cannot read gives an unreadable Extraction with the
// reason.
func Extract(data []byte, kind string, maxPages int) (x evidence.Extraction) {
	defer recoverUnreadable(kind, &x)
	d, err := readPages(data, maxPages)
	if err != nil {
		return unreadable(kind, reason(err))
	}
	text := evidence.ExtractRows(d.rows, kind, evidence.SourceOFDText)
	if s, source, ok := d.structured(); ok {
		var tx *evidence.Extraction
		if text.Readable {
			tx = &text
		}
		x := evidence.ExtractStructured(s, kind, source, tx)
		x.Problems = append(x.Problems, d.problems...)
		return x
	}
	text.Problems = append(text.Problems, d.problems...)
	return text
}

func reason(err error) string {
	if errors.Is(err, ErrTooLarge) {
		return "over limits: " + err.Error()
	}
	return err.Error()
}

func unreadable(kind, reason string) evidence.Extraction {
	return evidence.Extraction{Kind: kind, Source: evidence.SourceOFDText, Fields: map[string]evidence.Field{}, Reason: reason}
}

// doc is what was read of an OFD package.
type doc struct {
	p          *pkg
	rows       []pdftext.Row
	text       pageText
	customData map[string]string
	docDir     string // directory of Document.xml
	document   *xmlinvoice.Node
	problems   []string // parts that were skipped
}

// read opens the package and reads the first document's pages.
func read(data []byte, maxPages int) (*doc, error) {
	p, err := open(data)
	if err != nil {
		return nil, err
	}
	root, err := p.xml("OFD.xml")
	if err != nil {
		return nil, err
	}
	d := &doc{p: p, text: pageText{objects: map[string]textObject{}}, customData: map[string]string{}}
	body := root.Find("DocBody")
	for _, cd := range body.Find("CustomDatas").All("CustomData") {
		if name := strings.TrimSpace(cd.Attrs["Name"]); name != "" && cd.Text != "" {
			d.customData[name] = cd.Text
		}
	}
	docRoot := ""
	if n := body.Find("DocRoot"); n != nil {
		docRoot = p.resolve("", n.Text)
	}
	if docRoot == "" {
		return nil, fmt.Errorf("%w: OFD.xml names no document in the package", ErrUnreadable)
	}
	d.docDir = path.Dir(docRoot)
	if d.document, err = p.xml(docRoot); err != nil {
		return nil, err
	}

	common := d.document.Path("CommonData")
	defaultBox := [4]float64{0, 0, 210, 297}
	if b, ok := box(text(common.Find("PageArea").Find("PhysicalBox"))); ok && b[2] > 0 && b[3] > 0 {
		defaultBox = b
	}
	templates := map[string]string{}
	for _, t := range common.All("TemplatePage") {
		if loc := p.resolve(d.docDir, t.Attrs["BaseLoc"]); loc != "" {
			templates[t.Attrs["ID"]] = loc
		}
	}
	templateTrees := map[string]*xmlinvoice.Node{}
	pages := d.document.Find("Pages").All("Page")
	if len(pages) > maxPages {
		return nil, fmt.Errorf("%w: %d pages, more than %d", ErrTooLarge, len(pages), maxPages)
	}
	for i, pg := range pages {
		loc := p.resolve(d.docDir, pg.Attrs["BaseLoc"])
		if loc == "" {
			d.problems = append(d.problems, fmt.Sprintf("page %d: content %q not in the package", i+1, pg.Attrs["BaseLoc"]))
			continue
		}
		content, err := p.xml(loc)
		if err != nil {
			return nil, err
		}
		pbox := defaultBox
		if b, ok := box(text(content.Path("Area", "PhysicalBox"))); ok && b[2] > 0 && b[3] > 0 {
			pbox = b
		}
		template := func(t *xmlinvoice.Node) ([]pdftext.Glyph, error) {
			tl := templates[t.Attrs["TemplateID"]]
			if tl == "" {
				return nil, nil
			}
			tree, ok := templateTrees[tl]
			if !ok {
				var err error
				if tree, err = p.xml(tl); err != nil {
					return nil, err
				}
				templateTrees[tl] = tree
			}
			return d.text.glyphs(tree, i+1), nil
		}
		// Templates (the printed labels of an invoice form) and the page's
		// own objects; the order does not matter for rows.
		var gs []pdftext.Glyph
		for _, t := range content.All("Template") {
			tg, err := template(t)
			if err != nil {
				return nil, err
			}
			gs = append(gs, tg...)
		}
		gs = append(gs, d.text.glyphs(content, i+1)...)
		// Page coordinates are relative to the physical box's origin.
		for j := range gs {
			gs[j].X -= pbox[0]
			gs[j].Y -= pbox[1]
		}
		d.rows = append(d.rows, rows(gs, i+1, pbox[2], pbox[3])...)
	}
	return d, nil
}

func text(n *xmlinvoice.Node) string {
	if n == nil {
		return ""
	}
	return n.Text
}

// structured returns the document's structured data, preferring an
// attached XML over custom tags.
func (d *doc) structured() (evidence.Structured, string, bool) {
	for _, name := range d.attachments() {
		tree, err := d.p.xml(name)
		if err != nil {
			d.problems = append(d.problems, fmt.Sprintf("attachment %s: %v", path.Base(name), err))
			continue
		}
		s, schema := xmlinvoice.Read(tree)
		switch schema {
		case xmlinvoice.SchemaBker:
			return s, evidence.SourceOFDXBRL, true
		case xmlinvoice.SchemaEInvoice, xmlinvoice.SchemaFP:
			s.Values = append(s.Values, d.customValues()...)
			return s, evidence.SourceOFDXML, true
		}
	}
	var s evidence.Structured
	for _, tree := range d.customTags() {
		if t, schema := xmlinvoice.Read(tree); schema == xmlinvoice.SchemaFP || schema == xmlinvoice.SchemaEInvoice {
			s = t
			s.Lines = nil // tags list the first line's cells at best; the page's table is read instead
			break
		}
	}
	s.Values = append(s.Values, d.customValues()...)
	if len(s.Values) == 0 {
		return s, "", false
	}
	s.Kind = evidence.KindInvoice
	return s, evidence.SourceOFDCustomTag, true
}

// attachments returns the XML attachments of the document: those its
// Attachments part lists, else the .xml entries of its Attachs directory.
func (d *doc) attachments() []string {
	var out []string
	if n := d.document.Find("Attachments"); n != nil {
		if loc := d.p.resolve(d.docDir, n.Text); loc != "" {
			if tree, err := d.p.xml(loc); err == nil {
				for _, a := range tree.All("Attachment") {
					if f := a.Find("FileLoc"); f != nil {
						if l := d.p.resolve(path.Dir(loc), f.Text); l != "" && strings.EqualFold(path.Ext(l), ".xml") {
							out = append(out, l)
						}
					}
				}
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	for name := range d.p.files {
		if strings.HasPrefix(name, d.docDir+"/Attachs/") && strings.EqualFold(path.Ext(name), ".xml") && path.Base(name) != "Attachments.xml" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// customTags returns the custom tag trees of the document with every
// element that refers to text objects (ObjectRef children) given the text
// of those objects and their page as attribute "page".
func (d *doc) customTags() []*xmlinvoice.Node {
	n := d.document.Find("CustomTags")
	if n == nil {
		return nil
	}
	loc := d.p.resolve(d.docDir, n.Text)
	if loc == "" {
		return nil
	}
	index, err := d.p.xml(loc)
	if err != nil {
		d.problems = append(d.problems, fmt.Sprintf("custom tags: %v", err))
		return nil
	}
	var out []*xmlinvoice.Node
	for _, ct := range index.All("CustomTag") {
		f := ct.Find("FileLoc")
		if f == nil {
			continue
		}
		l := d.p.resolve(path.Dir(loc), f.Text)
		if l == "" {
			continue
		}
		tree, err := d.p.xml(l)
		if err != nil {
			d.problems = append(d.problems, fmt.Sprintf("custom tag %s: %v", path.Base(l), err))
			continue
		}
		d.resolveRefs(tree)
		out = append(out, tree)
	}
	return out
}

// resolveRefs gives each element with ObjectRef children the text of the
// objects referred to, joined, and the page of the first.
func (d *doc) resolveRefs(n *xmlinvoice.Node) {
	var b strings.Builder
	page := 0
	refs := false
	for _, k := range n.Kids {
		if k.Name != "ObjectRef" {
			d.resolveRefs(k)
			continue
		}
		refs = true
		if o, ok := d.text.objects[strings.TrimSpace(k.Text)]; ok {
			b.WriteString(o.text)
			if page == 0 {
				page = o.page
			}
		}
	}
	if refs {
		n.Text = strings.TrimSpace(b.String())
		if n.Attrs == nil {
			n.Attrs = map[string]string{}
		}
		n.Attrs["page"] = fmt.Sprint(page)
	}
}

// customDataKeys maps the CustomData names of OFD.xml to field keys.
var customDataKeys = []struct{ name, key string }{
	{"发票号码", "number"},
	{"发票代码", "code"},
	{"开票日期", "date"},
	{"购买方纳税人识别号", "buyer_id"},
	{"销售方纳税人识别号", "seller_id"},
	{"合计金额", "amount"},
	{"合计税额", "tax"},
	{"校验码", "check_code"},
}

// customValues returns the invoice fields of OFD.xml's CustomData.
func (d *doc) customValues() []evidence.Value {
	var out []evidence.Value
	for _, c := range customDataKeys {
		if v := d.customData[c.name]; v != "" {
			out = append(out, evidence.Value{Key: c.key, Raw: v, Text: "CustomData " + c.name + " " + v})
		}
	}
	return out
}

// ExtractText reads only the page text of an OFD document, ignoring its
// structured data (Source "ofd-text"): for comparison and tests.
func ExtractText(data []byte, kind string, maxPages int) (x evidence.Extraction) {
	defer recoverUnreadable(kind, &x)
	d, err := readPages(data, maxPages)
	if err != nil {
		return unreadable(kind, reason(err))
	}
	return evidence.ExtractRows(d.rows, kind, evidence.SourceOFDText)
}

// recoverUnreadable turns a panic of the reader into an unreadable
// Extraction: a hostile file never takes the process down.
func recoverUnreadable(kind string, x *evidence.Extraction) {
	if r := recover(); r != nil {
		*x = unreadable(kind, fmt.Sprintf("extractor failure: %v", r))
	}
}

// readPages reads the package with at most maxPages pages (DefaultMaxPages
// when 0 or less).
func readPages(data []byte, maxPages int) (*doc, error) {
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	return read(data, maxPages)
}

// Rows returns the page text of an OFD document as positioned rows, the
// form the reader reads (for tools that show what a reader saw).
func Rows(data []byte, maxPages int) (rows []pdftext.Row, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extractor failure: %v", r)
		}
	}()
	d, err := readPages(data, maxPages)
	if err != nil {
		return nil, err
	}
	return d.rows, nil
}
