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
