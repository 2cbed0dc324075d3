package web

import (
	"github.com/heshi-verify/heshi/pipeline"
)

// plainAdvice says, for a supplier, what to correct when a rule finds
// something: {Chinese, English}. Rules that a supplier cannot correct by
// uploading (red flags, eligibility) say what happens next instead. A rule
// not listed falls back to its catalogue description (pipeline.Rules).
var plainAdvice = map[string][2]string{
	"completeness.missing":    {"缺少凭证：请上传全部五类凭证（合同、付款凭证、物流凭证、发票、验收报告）。", "A document is missing: upload all five (contract, payment voucher, courier receipt, invoice, acceptance report)."},
	"completeness.unreadable": {"有凭证无法读取：请上传清晰的原始 PDF（不要拍照或扫描件加密），或重新导出后再上传。", "A document cannot be read: upload a clear original PDF (not a photo or an encrypted scan), or export it again and upload it."},
	"integrity.hash":          {"存储的文件已损坏：请重新上传该凭证。", "The stored file is damaged: upload that document again."},
	"field.missing":           {"凭证上缺少核对所需的内容（如金额、日期、名称）：请上传完整、未裁剪的凭证。", "A document lacks something needed for the check (an amount, a date, a name): upload the complete, uncropped document."},
	"field.invalid":           {"凭证上的金额、日期、数量或税率格式不正确：请核对原件后上传正确版本。", "An amount, date, quantity or tax rate on a document is malformed: check the original and upload a correct version."},
	"amount.mismatch":         {"凭证金额与订单金额不一致：请核对合同、发票、付款和验收金额，上传与订单金额相符的凭证。", "A document's amount differs from the order total: check the contract, invoice, payment and acceptance amounts and upload documents that match the order."},
	"amount.uppercase":        {"大写金额与小写金额不一致：请更正凭证上的大写金额后重新上传。", "The amount in words does not match the figures: correct the amount in words and upload again."},
	"party.buyer":             {"凭证上的采购人名称或统一社会信用代码与订单不符：请上传写明本订单采购人的凭证。", "The buyer's name or credit code on a document is not the order's buyer: upload documents that name this order's buyer."},
	"party.seller":            {"凭证上的供应商名称或统一社会信用代码与订单不符：请上传以贵单位名义开具的凭证。", "The seller's name or credit code on a document is not yours: upload documents issued in your company's name."},
	"party.payee_account":     {"收款账号不是贵单位登记的账号：请上传付款到登记账号的回单，或先更新登记账号。", "The payee account is not your registered account: upload a receipt for a payment to the registered account, or update the registered account first."},
	"logistics.county":        {"快递收件地址不在采购人所在县（市、区）：请上传寄往采购人的物流凭证。", "The courier delivered outside the buyer's county: upload the courier receipt of the delivery to the buyer."},
	"invoice.arithmetic":      {"发票计算有误（数量 × 单价、税额或合计）：请上传正确的发票。", "The invoice does not add up (quantity × price, tax or totals): upload a correct invoice."},
	"invoice.tax_rate":        {"发票税率不适用于该类商品：请核对税率，上传正确的发票。", "An invoice tax rate does not apply to the product: check the rate and upload a correct invoice."},
	"lines.product":           {"发票或验收单上的商品与订单商品不一致：请上传列明订单全部商品的凭证。", "The invoice or acceptance report names other products than the order: upload documents that list all the order's products."},
	"lines.quantity":          {"发票或验收单上的数量与订单不一致：请核对数量后上传正确的凭证。", "A quantity on the invoice or acceptance report differs from the order: check it and upload a correct document."},
	"lines.price":             {"发票或验收单上的单价或金额与订单不一致：请核对后上传正确的凭证。", "A price or line amount on the invoice or acceptance report differs from the order: check it and upload a correct document."},
	"acceptance.conclusion":   {"验收结论不是“合格”：请上传采购人验收合格的报告。", "The acceptance conclusion is not 合格 (passed): upload the report of the buyer's passed acceptance."},
	"acceptance.received":     {"实收数量少于订单数量：请补足货物后上传新的验收报告。", "Fewer goods were received than ordered: deliver the rest and upload a new acceptance report."},
	"date.sequence":           {"凭证日期先后顺序不对（应为合同 ≤ 发货 ≤ 签收 ≤ 验收）：请核对日期后上传正确的凭证。", "The documents' dates are out of order (contract ≤ shipped ≤ signed for ≤ accepted): check the dates and upload correct documents."},
	"date.period":             {"凭证日期不在订单期间内（订单日前 30 天至后 90 天）：请上传本订单对应的凭证。", "A document is dated outside the order's period (30 days before to 90 days after): upload this order's own documents."},
	"date.future":             {"凭证日期晚于今天：请核对日期后重新上传。", "A document is dated in the future: check the date and upload again."},
	"eligibility.supplier":    {"贵单位未准入或不在名录内的县（市、区）：请联系主管部门，上传凭证无法更正。", "Your company is not admitted or not in a listed county: contact the authority; uploading cannot correct this."},
	"eligibility.category":    {"有商品不属于六大类：请联系主管部门确认商品类别。", "A product is outside the six categories: contact the authority about its category."},
	"unique.invoice":          {"发票号码已用于其他订单：请上传本订单自己的发票。", "The invoice number is already used by another order: upload this order's own invoice."},
	"unique.tracking":         {"运单号已用于其他订单：请上传本订单自己的物流凭证。", "The tracking number is already used by another order: upload this order's own courier receipt."},
	"unique.payment":          {"付款流水号或回单编号已用于其他订单：请上传本订单自己的付款凭证。", "The bank serial or receipt number is already used by another order: upload this order's own payment voucher."},
	"unique.file":             {"同一文件已作为其他订单的凭证：请上传本订单自己的凭证。", "The same file is already evidence of another order: upload this order's own document."},
	"ident.uscc":              {"统一社会信用代码校验位不正确：审核员将人工核对，如凭证有误请上传更正版本。", "A credit code fails its check character: an operator will check it; if a document is wrong, upload a corrected one."},
	"date.holiday":            {"提示：有凭证日期为周末或节假日。无需更正，审核员将人工复核；如日期有误请上传更正版本。", "Note: a document is dated on a weekend or holiday. Nothing to correct; an operator will check it. If the date is wrong, upload a corrected version."},
	"amount.round":            {"提示：订单金额为整千元。无需更正，审核员将人工复核。", "Note: the order total is a round thousand. Nothing to correct; an operator will check it."},
	"orders.split":            {"提示：同一采购人同日向贵单位下了多笔订单。无需更正，审核员将人工复核。", "Note: the same buyer placed several orders with you on one day. Nothing to correct; an operator will check them."},
	"redflags.combined":       {"提示：本订单有多项风险提示。无需更正，审核员将人工复核。", "Note: this order has several red flags. Nothing to correct; an operator will check it."},
	"kind.detected":           {"上传时选择的类别与凭证标题不符：请确认类别，必要时以正确类别重新上传。", "The kind chosen on upload differs from the document's title: check the kind and upload it again under the right one if needed."},
}

// Advice says in plain words what a finding of rule asks the supplier to
// correct, in l's language.
func (l Lang) Advice(rule string) string {
	if m, ok := plainAdvice[rule]; ok {
		return l.pick(m)
	}
	if r, ok := pipeline.RuleByID(rule); ok {
		if l == LangEN {
			return "Should hold: " + r.En + "."
		}
		return "应满足：" + r.Zh + "。"
	}
	return ""
}

// operatorAdvice says, for an operator, what to look at when a rule finds
// something and which decision it usually leads to: {Chinese, English}. It
// is not the supplier's advice: the supplier is told what to upload, the
// operator what to verify and how to decide. Every rule of the catalogue
// has one (TestOperatorAdvice).
var operatorAdvice = map[string][2]string{
	"completeness.missing":    {"核对缺少哪类凭证；订单不能在缺凭证时通过，请“要求补交凭证”并选定类别。", "See which document is missing; an order cannot pass without it: request that document, naming its kind."},
	"completeness.unreadable": {"打开原件：清晰可读的，照原件核对各项后可通过；模糊、加密或损坏的，要求补交该凭证。", "Open the original: if it is legible, check it by eye and approve; if blurred, encrypted or damaged, request that document again."},
	"integrity.hash":          {"存储文件与上传时不一致，可能被改动：不要凭现有文件通过；要求供应商重新上传，并向管理员报告。", "The stored file no longer matches its upload and may have been altered: do not approve on it; request the document again and report to the administrator."},
	"field.missing":           {"在原件上找到该字段（见“原文”一栏与页码）：找到且与订单一致的可通过；确实缺少的，要求补交完整凭证。", "Find the field on the original (see the source text and page): if it is there and matches the order, approve; if it is truly absent, request a complete document."},
	"field.invalid":           {"对照原件核实该字段的写法：系识读差错的可通过；原件本身有误的，要求补交更正的凭证。", "Check how the field is written on the original: a reading slip can be approved; an error on the original needs a corrected document."},
	"field.confidence":        {"扫描件识读不够可靠：对照图像逐项核对标红字段，一致的可通过。", "The scan was read with low confidence: check the flagged fields against the image; approve when they match."},
	"field.located":           {"该字段未见标签，系按订单值在原文中找到：核实其位置与归属（是否属于本单、本方）后决定。", "The field had no label and was found by the order's value: check where it stands and whose it is (this order, this party) before deciding."},
	"field.corrected":         {"扫描件上的识读差错已按订单更正：核对原文与更正值，确属识读差错的可通过。", "A reading slip on the scan was corrected against the order: compare the source text with the corrected value; approve if it is only a slip."},
	"amount.mismatch":         {"比较各凭证金额与订单金额（字段表中标红者）：差额有合理解释（如分批付款且有全部回单）的可通过，否则驳回或要求更正。", "Compare each document's amount with the order total (red in the fields table): approve only if the difference is explained (e.g. instalments with every receipt); otherwise reject or request a correction."},
	"amount.uppercase":        {"大写与小写金额不符是常见的篡改或填写错误：以原件为准核对；原件不符的，要求补交更正凭证。", "Amount in words and figures disagree, a common sign of alteration or a slip: check the original; if the original disagrees, request a corrected document."},
	"party.buyer":             {"核对凭证上的采购人名称与统一社会信用代码是否为订单采购人（简称、旧名需有依据）；不是同一单位的，驳回。", "Check that the buyer named with its credit code is the order's buyer (a short or former name needs proof); another entity means reject."},
	"party.seller":            {"核对凭证上的供应商名称与代码；由其他单位开具或收款的凭证不能证明本单交易，驳回或要求更正。", "Check the seller's name and code; a document issued or paid to another entity does not prove this order: reject or request a correction."},
	"party.payee_account":     {"款项付至非登记账号，存在资金回流或代收风险：核实账号归属（开户许可证、变更登记）后再决定。", "Payment went to an unregistered account, a sign of round-tripping or collection by others: verify who holds the account (bank licence, registered change) before deciding."},
	"logistics.county":        {"收件地址不在采购人所在县：核实是否为采购人另一收货点（食堂、分院）；无法说明的，驳回。", "The delivery address is outside the buyer's county: check whether it is another site of the buyer (a canteen, a branch); unexplained, reject."},
	"invoice.arithmetic":      {"发票金额、税额或合计不相加：到国家税务总局全国增值税发票查验平台查验真伪，不符的驳回。", "The invoice does not add up: verify it on the national VAT invoice verification platform; reject if it does not verify."},
	"invoice.tax_rate":        {"税率与商品类别不符：农产品一般为 9% 或免税；核实商品编码与税率，错误的要求补交正确发票。", "The tax rate does not fit the product: farm produce is usually 9% or exempt; check the goods code and rate and request a correct invoice if wrong."},
	"lines.product":           {"对照订单明细与发票、验收单明细：品名不同而实为同一商品的可通过；不同商品的，要求更正。", "Set the order lines beside the invoice and acceptance lines: a different name for the same product can be approved; other products need a correction."},
	"lines.quantity":          {"对照订单明细核对数量差异；差异未经说明的，要求补交更正凭证或驳回。", "Compare the quantities with the order lines; an unexplained difference needs a corrected document or a rejection."},
	"lines.price":             {"对照订单明细核对单价与金额；单价变动需有合同变更依据。", "Compare prices and line amounts with the order lines; a changed price needs an amended contract."},
	"acceptance.conclusion":   {"验收未写“合格”：核实验收报告原件与签章；不合格或未验收的订单不得计入统计。", "The acceptance does not say passed: check the original report and its seals; an order not accepted must not count."},
	"acceptance.received":     {"实收少于订购：核实是否补发并有新的验收单；否则按实际驳回或要求补交。", "Fewer goods received than ordered: check for a later delivery with a new acceptance report; otherwise reject or request one."},
	"date.sequence":           {"凭证日期先后颠倒（如先验收后发货）是补做凭证的迹象：逐一核对日期，无法说明的驳回。", "Documents dated out of order (accepted before shipped) suggest evidence made after the fact: check each date; reject when unexplained."},
	"date.period":             {"凭证日期离订单日期过远：核实是否为本订单的凭证，而非他单挪用。", "A document is dated far from the order: check that it is this order's, not borrowed from another."},
	"date.future":             {"凭证日期晚于今天：原件日期有误或为预开凭证，要求补交。", "A document is dated in the future: the original is wrong or made in advance; request it again."},
	"eligibility.supplier":    {"供应商未准入或不在名录县：上传凭证无法更正，按规定驳回，或请主管部门先核实名录。", "The supplier is not admitted or not in a listed county: documents cannot fix this; reject, or have the authority check the register first."},
	"eligibility.category":    {"商品不属于六大类：核实商品类别；确属目录外商品的，该订单不计入统计。", "A product is outside the six categories: check its category; goods outside the catalogue do not count."},
	"unique.invoice":          {"同一发票号码用于多个订单，是重复报送的典型迹象：打开关联订单比较，确认哪一单为真。", "One invoice number on several orders is a classic sign of double reporting: open the linked order and decide which one is genuine."},
	"unique.tracking":         {"同一运单号用于多个订单：打开关联订单比较收件人与货物，确认哪一单为真。", "One tracking number on several orders: open the linked order, compare addressee and goods, and decide which is genuine."},
	"unique.payment":          {"同一笔付款用于多个订单：核实回单金额是否覆盖各单（合并付款须有说明），否则视为重复报送。", "One payment on several orders: check whether the receipt covers each of them (a combined payment needs an explanation); otherwise it is double reporting."},
	"unique.file":             {"同一文件用于多个订单：打开关联订单比较，确认文件属于哪一单。", "The same file is evidence of several orders: open the linked order and decide whose file it is."},
	"ident.uscc":              {"统一社会信用代码校验位不通过：在国家企业信用信息公示系统核对代码；系抄写错误的可通过。", "A credit code fails its check character: look it up in the national enterprise credit register; a copying slip can be approved."},
	"date.holiday":            {"提示：节假日日期本身不是问题；结合其他提示判断，无其他问题的可通过。", "Note: a holiday date is not a problem by itself; weigh it with other flags and approve when nothing else is wrong."},
	"amount.round":            {"提示：整千元订单本身不是问题；核对明细是否真实对应，无其他问题的可通过。", "Note: a round total is not a problem by itself; check that the lines really add up to it and approve when nothing else is wrong."},
	"orders.split":            {"同日多笔可能是拆单规避限额：打开同日订单比较货物与收货地址，合计达限额的重点核查。", "Several orders on one day may split a purchase to stay under a limit: open the same-day orders, compare goods and addresses, and look hard when their sum reaches the limit."},
	"redflags.combined":       {"多项提示同时出现，风险叠加：逐项核对各凭证原件后再决定，必要时要求补交证明。", "Several flags at once compound the risk: check every original before deciding, and request proof when needed."},
}

// OperatorAdvice says what an operator should verify when rule finds
// something, in l's language; it falls back to the supplier's advice.
func (l Lang) OperatorAdvice(rule string) string {
	if m, ok := operatorAdvice[rule]; ok {
		return l.pick(m)
	}
	return l.Advice(rule)
}
