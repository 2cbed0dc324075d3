package evidence

// Document kinds, as DetectKind returns them and Extraction.Kind holds.
const (
	KindContract   = "contract"
	KindPayment    = "payment"
	KindLogistics  = "logistics"
	KindInvoice    = "invoice"
	KindAcceptance = "acceptance"
)

// Kinds lists the document kinds in the order a transaction produces them.
var Kinds = []string{KindContract, KindPayment, KindLogistics, KindInvoice, KindAcceptance}

// Sources of an Extraction.
const (
	SourcePDFText      = "pdf-text"      // the text layer of a PDF
	SourceXML          = "xml"           // an XML invoice (EInvoice) or bank receipt (XBRL) file
	SourceOFDXML       = "ofd-xml"       // an OFD's attached invoice XML (original_invoice.xml)
	SourceOFDXBRL      = "ofd-xbrl"      // an OFD's attached XBRL bank receipt (bker_issuer_*.xml)
	SourceOFDCustomTag = "ofd-customtag" // an OFD's custom tags (and OFD.xml CustomData)
	SourceOFDText      = "ofd-text"      // the text of an OFD's pages
	SourceOCR          = "ocr"           // text recognised on page images (scans, photos)
)

// valueType says how a field's value is normalised.
type valueType int

const (
	vText    valueType = iota // trimmed, runs of spaces collapsed
	vName                     // vText without spaces between CJK characters
	vCode                     // first token: document numbers
	vID                       // first token through ident.NormalizeUSCC
	vAccount                  // spaces removed: bank accounts are printed in groups
	vOrderNo                  // an order number HN…; else the first token
	vAmount                   // figures through money.ParseFigures, as yuan
	vUpper                    // uppercase amount, kept as printed; checked with money.ParseUppercase
	vDate                     // ISO YYYY-MM-DD
	vCompact                  // all spaces removed (12.5 kg → 12.5kg)
	vWeight                   // kilograms, the number alone (12.5 kg → 12.5; 500g → 0.5)
	vCount                    // a whole number (18件 → 18)
	vChoice                   // the option a form marks (■合格 □不合格 → 合格), else a name
)

// fieldSpec is one entry of a kind's lexicon: a field with the label
// variants that introduce it and how its value is normalised, or a
// generic label, a section caption or an ignored label (what). Optional
// fields are not reported missing.
type fieldSpec struct {
	key    string
	what   entryKind
	labels []string
	src    map[string][]string // where each label was seen (lexicon src=)
	typ    valueType
	// optional fields are not reported missing.
	optional bool
	// alone: the label counts only at the start of the row or after a
	// space, so that 名称 is not read inside 酒店名称 or 货物(劳务)名称;
	// aloneLabels holds the labels that do so when not all of them do.
	alone       bool
	aloneLabels map[string]bool
	// pair is the field that the value may also hold in the other form
	// (an amount label printing figures and the uppercase amount).
	pair string
	// value, for a section caption, is the generic its own value is
	// (甲方：某某学校 is the buyer's name); "contact" for a name, phone
	// and address in one run.
	value string
	// byRole, for a generic label, is the field it names in each section.
	byRole map[string]string
}

// kindSpec is what the reader knows of one kind of document.
type kindSpec struct {
	kind    string
	fields  []fieldSpec
	columns []columnSpec // lines table header; nil if the kind has none
	// markers are single-character items that are never values: the
	// vertical section headers of a VAT invoice (购买方 printed 购/买/方).
	markers map[string]bool
	titles  []string // document titles of the kind, folded and without spaces
	// issuer maps titles (folded, without spaces) to the field their
	// issuer's name is: a 送货单 is printed by the seller, its name above
	// the title.
	issuer    map[string]string
	issuerSrc map[string][]string
	// debit and credit mark a receipt for the account holder's side: on a
	// debit the holder paid, on a credit the holder was paid; debitValues
	// and creditValues are the values of a direction label (交易类型 收款).
	debit, credit             []string
	debitValues, creditValues []string
}

// columnSpec is one column of a lines table: the Line field it fills and
// the header variants.
type columnSpec struct {
	col    lineCol
	labels []string
}

// lineCol names a column of Line.
type lineCol int

const (
	colSkip lineCol = iota // printed but not kept (序号, 规格型号)
	colName
	colUnit
	colQuantity
	colUnitPrice
	colAmount
	colTaxRate
	colTax
	colReceived
)

// columnNames are the lexicon's names of the columns.
var columnNames = map[string]lineCol{
	"skip": colSkip, "name": colName, "unit": colUnit, "quantity": colQuantity, "unit_price": colUnitPrice,
	"amount": colAmount, "tax_rate": colTaxRate, "tax": colTax, "received": colReceived,
}
