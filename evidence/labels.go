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
)

// fieldSpec is one field of a kind: its JSON key, the label variants that
// introduce it, and how its value is normalised. Optional fields are not
// reported missing.
type fieldSpec struct {
	key      string
	labels   []string
	typ      valueType
	optional bool
	// alone: the label counts only at the start of the row or after a
	// space, so that 名称 is not read inside 酒店名称 or 货物(劳务)名称.
	alone bool
}

// Keys of the invoice fields whose label both parties print (layout (b)
// and the old stacked layout); they are assigned to buyer or seller by
// position.
const (
	partyName = "~name"
	partyID   = "~id"
)

// ignored labels end the value before them but hold no field: column
// headers and signature captions that share rows with fields.
const ignored = ""

// kindSpec is what the extractor knows of one kind of document.
type kindSpec struct {
	fields  []fieldSpec
	columns []columnSpec // lines table header; nil if the kind has none
	// markers are single-character items that are never values: the
	// vertical section headers of a VAT invoice (购买方 printed 购/买/方).
	markers map[string]bool
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

// specs is the label contract of the generated documents (the samples
// package) and of real VAT invoices. Labels are compared after NFKC and
// with spaces removed, so 名 称 and 采购人（甲方） match 名称 and 采购人(甲方).
var specs = map[string]kindSpec{
	KindContract: {
		fields: []fieldSpec{
			{key: "number", labels: []string{"合同编号"}, typ: vCode},
			{key: "date", labels: []string{"签订日期", "签订时间"}, typ: vDate},
			{key: "buyer_name", labels: []string{"采购人（甲方）", "甲方（采购人）", "甲方"}, typ: vName},
			{key: "buyer_id", labels: []string{"采购人统一社会信用代码", "甲方统一社会信用代码"}, typ: vID},
			{key: "seller_name", labels: []string{"供应商（乙方）", "乙方（供应商）", "乙方"}, typ: vName},
			{key: "seller_id", labels: []string{"供应商统一社会信用代码", "乙方统一社会信用代码"}, typ: vID},
			{key: "order_no", labels: []string{"订单编号"}, typ: vOrderNo},
			{key: "total", labels: []string{"合同总金额（小写）", "合同金额（小写）"}, typ: vAmount},
			{key: "total_upper", labels: []string{"合同总金额（大写）", "合同金额（大写）"}, typ: vUpper},
		},
		columns: []columnSpec{
			{colSkip, []string{"序号"}},
			{colName, []string{"商品名称", "品名"}},
			{colSkip, []string{"规格", "规格型号"}},
			{colUnit, []string{"单位"}},
			{colQuantity, []string{"数量"}},
			{colUnitPrice, []string{"单价（元）", "单价"}},
			{colAmount, []string{"金额（元）", "金额"}},
		},
	},
	KindPayment: {
		fields: []fieldSpec{
			{key: "date", labels: []string{"交易日期", "记账日期"}, typ: vDate},
			{key: "serial", labels: []string{"交易流水号", "流水号"}, typ: vCode},
			{key: "receipt_no", labels: []string{"回单编号", "回单号"}, typ: vCode},
			{key: "payer_name", labels: []string{"付款人户名", "付款人名称", "付款方户名"}, typ: vName},
			{key: "payer_account", labels: []string{"付款人账号", "付款方账号"}, typ: vAccount},
			{key: "payer_bank", labels: []string{"付款人开户行", "付款方开户行"}, typ: vName},
			{key: "payee_name", labels: []string{"收款人户名", "收款人名称", "收款方户名"}, typ: vName},
			{key: "payee_account", labels: []string{"收款人账号", "收款方账号"}, typ: vAccount},
			{key: "payee_bank", labels: []string{"收款人开户行", "收款方开户行"}, typ: vName},
			{key: "amount", labels: []string{"金额（小写）", "交易金额（小写）", "小写金额"}, typ: vAmount},
			{key: "amount_upper", labels: []string{"金额（大写）", "交易金额（大写）", "大写金额"}, typ: vUpper},
			{key: "purpose", labels: []string{"用途", "摘要"}},
		},
	},
	KindLogistics: {
		fields: []fieldSpec{
			{key: "carrier", labels: []string{"承运公司", "快递公司", "承运商"}, typ: vName},
			{key: "tracking_no", labels: []string{"运单号", "快递单号", "运单号码"}, typ: vCode},
			{key: "shipped", labels: []string{"寄件日期", "发货日期", "揽收日期"}, typ: vDate},
			{key: "signed", labels: []string{"签收日期"}, typ: vDate},
			{key: "sender", labels: []string{"寄件人"}, typ: vName},
			{key: "recipient", labels: []string{"收件人"}, typ: vName},
			{key: "address", labels: []string{"收件地址"}},
			{key: "pieces", labels: []string{"件数"}, typ: vCompact},
			{key: "weight", labels: []string{"重量"}, typ: vCompact},
			{key: "order_no", labels: []string{"订单编号", "备注（订单）"}, typ: vOrderNo},
		},
	},
	KindInvoice: {
		fields: []fieldSpec{
			{key: "number", labels: []string{"发票号码"}, typ: vCode},
			{key: "code", labels: []string{"发票代码"}, typ: vCode, optional: true},
			{key: "date", labels: []string{"开票日期"}, typ: vDate},
			{key: "buyer_name", labels: []string{"购买方名称"}, typ: vName},
			{key: "buyer_id", labels: []string{"购买方纳税人识别号", "购买方统一社会信用代码/纳税人识别号"}, typ: vID},
			{key: "seller_name", labels: []string{"销售方名称"}, typ: vName},
			{key: "seller_id", labels: []string{"销售方纳税人识别号", "销售方统一社会信用代码/纳税人识别号"}, typ: vID},
			{key: partyName, labels: []string{"名称"}, typ: vName, alone: true},
			{key: partyID, labels: []string{"统一社会信用代码/纳税人识别号", "纳税人识别号", "统一社会信用代码"}, typ: vID, alone: true},
			{key: "total", labels: []string{"（小写）", "价税合计（小写）"}, typ: vAmount},
			{key: "total_upper", labels: []string{"价税合计（大写）"}, typ: vUpper},
			{key: "issuer", labels: []string{"开票人"}, typ: vName},
			{key: "order_no", labels: []string{"备注"}, typ: vOrderNo},
			{key: ignored, labels: []string{"购买方信息", "销售方信息", "购买方", "销售方", "收款人", "复核", "校验码", "机器编号", "密码区", "下载次数"}},
		},
		columns: []columnSpec{
			{colSkip, []string{"序号"}},
			{colName, []string{"项目名称", "货物或应税劳务、服务名称", "货物或应税劳务名称", "货物（劳务）名称", "货物名称"}},
			{colSkip, []string{"规格型号"}},
			{colUnit, []string{"单位"}},
			{colQuantity, []string{"数量"}},
			{colUnitPrice, []string{"单价"}},
			{colAmount, []string{"金额"}},
			{colTaxRate, []string{"税率/征收率", "税率", "征收率"}},
			{colTax, []string{"税额"}},
		},
		markers: map[string]bool{
			"购": true, "买": true, "方": true, "销": true, "售": true, "信": true, "息": true,
			"密": true, "码": true, "区": true, "备": true, "注": true,
		},
	},
	KindAcceptance: {
		fields: []fieldSpec{
			{key: "order_no", labels: []string{"订单编号"}, typ: vOrderNo},
			{key: "contract_no", labels: []string{"合同编号"}, typ: vCode},
			{key: "buyer_name", labels: []string{"采购单位", "验收单位"}, typ: vName},
			{key: "seller_name", labels: []string{"供应商", "供货单位"}, typ: vName},
			{key: "date", labels: []string{"验收日期"}, typ: vDate},
			{key: "total", labels: []string{"验收金额（小写）", "合计金额"}, typ: vAmount},
			{key: "conclusion", labels: []string{"验收结论"}, typ: vName},
			{key: "signer", labels: []string{"验收人"}, typ: vName},
		},
		columns: []columnSpec{
			{colSkip, []string{"序号"}},
			{colName, []string{"品名", "商品名称"}},
			{colSkip, []string{"规格"}},
			{colUnit, []string{"单位"}},
			{colQuantity, []string{"应收数量"}},
			{colReceived, []string{"实收数量"}},
			{colUnitPrice, []string{"单价（元）", "单价"}},
			{colAmount, []string{"金额（元）", "金额"}},
		},
	},
}

// titleWords decide a document's kind from its title, first match wins:
// 验收 before 合同 (an acceptance report names its contract), 回单 and
// 发票 before the courier words.
var titleWords = []struct{ word, kind string }{
	{"验收", KindAcceptance},
	{"回单", KindPayment},
	{"发票", KindInvoice},
	{"运单", KindLogistics},
	{"快递", KindLogistics},
	{"物流", KindLogistics},
	{"签收凭证", KindLogistics},
	{"采购合同", KindContract},
	{"合同", KindContract},
}
