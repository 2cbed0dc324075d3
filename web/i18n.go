package web

import (
	"fmt"
	"net/http"

	"github.com/heshi-verify/heshi/pipeline"
)

// Lang is a page's language: Chinese by default, English on request.
type Lang string

const (
	LangZH Lang = "zh"
	LangEN Lang = "en"
)

const langCookie = "heshi_lang"

func langOf(r *http.Request) Lang {
	if c, err := r.Cookie(langCookie); err == nil && c.Value == string(LangEN) {
		return LangEN
	}
	return LangZH
}

// messages is the small catalogue: key → {Chinese, English}. A missing key
// shows itself, so a gap is visible rather than blank.
var messages = map[string][2]string{
	"app":                          {"核实", "heshi"},
	"app.sub":                      {"乡村振兴馆交易核实", "e-market transaction verification"},
	"lang.other":                   {"English", "中文"},
	"signin":                       {"登录", "Sign in"},
	"signout":                      {"退出", "Sign out"},
	"name":                         {"用户名", "Name"},
	"password":                     {"密码", "Password"},
	"role.supplier":                {"供应商", "supplier"},
	"role.operator":                {"审核员", "operator"},
	"role.assessor":                {"考核人员", "assessor"},
	"role.admin":                   {"管理员", "admin"},
	"nav.supplier":                 {"我的订单", "My orders"},
	"nav.review":                   {"审核队列", "Review queue"},
	"nav.totals":                   {"核实统计", "Verified totals"},
	"nav.admin":                    {"管理", "Admin"},
	"order":                        {"订单", "Order"},
	"order_no":                     {"订单号", "Order no."},
	"date":                         {"日期", "Date"},
	"total":                        {"金额（元）", "Total (yuan)"},
	"status":                       {"状态", "Status"},
	"buyer":                        {"采购人", "Buyer"},
	"supplier":                     {"供应商", "Supplier"},
	"county":                       {"县（市、区）", "County"},
	"rule":                         {"规则", "Rule"},
	"rules":                        {"问题", "Findings"},
	"documents":                    {"凭证", "Documents"},
	"findings":                     {"核查发现", "Findings"},
	"no_findings":                  {"未发现问题", "No findings"},
	"ver.all":                      {"历次版本（%d）", "All versions (%d)"},
	"category.rice":                {"湘米", "Rice"},
	"category.oil":                 {"湘油", "Edible oil"},
	"category.vegetable":           {"湘菜", "Vegetables"},
	"category.tea":                 {"湘茶", "Tea"},
	"category.mushroom":            {"湘菌", "Mushrooms"},
	"category.fruit":               {"湘果", "Fruit"},
	"sort":                         {"排序", "Sort"},
	"chart.counties":               {"各县（市、区）本地产品销售额，万元", "Local product sales by county, 10k yuan"},
	"chart.categories":             {"各类别核实金额，万元", "Verified amount by category, 10k yuan"},
	"pager":                        {"分页", "Pages"},
	"pager.rows":                   {"第 %d–%d 条，共 %d 条", "rows %d–%d of %d"},
	"pager.page":                   {"第 %d / %d 页", "page %d of %d"},
	"pager.prev":                   {"上一页", "Previous"},
	"pager.next":                   {"下一页", "Next"},
	"ver.first":                    {"首次上传", "first upload"},
	"ver.same_file":                {"与上一版为同一文件", "the same file as the version before"},
	"ver.no_change":                {"文件不同，读到的内容未变", "another file; nothing read from it changed"},
	"ver.before":                   {"原", "before"},
	"ver.after":                    {"改为", "after"},
	"ver.line":                     {"明细第 %s 行", "line %s"},
	"ver.since_verified":           {"核实后的凭证变动", "Evidence changed since verification"},
	"busy":                         {"正在读取与核查，页面将自动刷新…", "reading and checking; this page refreshes itself…"},
	"kind_detected":                {"标题显示此凭证为", "the title reads as"},
	"history":                      {"状态记录", "History"},
	"all":                          {"全部", "all"},
	"filter":                       {"筛选", "Filter"},
	"oldest":                       {"最早优先", "Oldest first"},
	"largest":                      {"金额最大优先", "Largest first"},
	"next":                         {"下一个 (n)", "Next (n)"},
	"claim":                        {"领取", "Claim"},
	"release":                      {"放回队列", "Return to queue"},
	"claimed_by":                   {"处理人", "Claimed by"},
	"claimed_until":                {"领取至", "Claimed until"},
	"in_queue":                     {"待审核订单", "orders in review"},
	"queue_all":                    {"筛选前共", "before filtering:"},
	"claimed_now":                  {"正在处理", "being worked"},
	"queue_empty":                  {"队列中没有待审核订单。", "Nothing is waiting for review."},
	"st.title":                     {"湖南省政府采购电子卖场乡村振兴馆交易情况", "Hunan e-market for rural revitalization: the year's trade"},
	"st.basis":                     {"本表只计入经五证核实的订单。", "Only orders whose five documents were verified count."},
	"st.generated":                 {"生成于", "Generated"},
	"st.purchasers_registered":     {"注册采购人（个）", "Purchasers registered"},
	"st.suppliers_applied":         {"申请入驻供应商（家）", "Suppliers applied"},
	"st.suppliers_admitted":        {"准入供应商（家）", "Suppliers admitted"},
	"st.products_registered":       {"上架商品（个）", "Products registered"},
	"st.products_traded":           {"成交商品（个）", "Products transacted"},
	"registered_short":             {"注册", "registered"},
	"admitted_short":               {"准入", "admitted"},
	"applied_short":                {"申请", "applied"},
	"products_traded":              {"成交商品", "Products traded"},
	"sample.closed":                {"本轮已结束，结果为最终结果", "Round closed: its result is final"},
	"sample.final":                 {"已结束", "final"},
	"sample.in_progress":           {"进行中", "in progress"},
	"sample.close":                 {"结束本轮", "Close the round"},
	"sample.close_note":            {"全部抽中订单已复核；结束后不再记录复核结果。", "Every sampled order is re-checked; once closed, no re-check is recorded."},
	"sample.open":                  {"进行中：复核全部抽中订单后可结束本轮。", "In progress: close the round once every sampled order is re-checked."},
	"st.overview":                  {"一、总体情况", "1. Overview"},
	"st.counties":                  {"二、各县（市、区）情况", "2. Counties"},
	"st.budget_units":              {"三、预算单位采购排名（前50名）", "3. Budget units by purchases (top 50)"},
	"st.prefecture_units":          {"（一）市州本级预算单位采购排名（前20名）", "Prefectures' own budget units (top 20)"},
	"st.county_units":              {"（二）县级预算单位采购排名（前20名）", "County budget units (top 20)"},
	"st.suppliers":                 {"四、供应商销售排名（前30名）", "4. Suppliers by sales (top 30)"},
	"st.categories":                {"五、分品类情况", "5. Categories"},
	"st.open":                      {"年度交易情况表", "Annual statement"},
	"nav.assessment":               {"预留份额与渗透率", "Reserved shares"},
	"year":                         {"年度", "Year"},
	"city":                         {"市（州）", "City"},
	"assess.note":                  {"预算单位按预留份额考核：年度内在本馆已核实的采购与在 832 平台的采购合计，对照其预留份额目标；渗透率为在本馆有已核实交易的预算单位占登记预算单位的比例。", "Budget units are assessed on their reserved share: their verified purchases here and their purchases on the 832 platform in the year, against their target; penetration is the share of registered budget units with a verified purchase here."},
	"assess.counties":              {"分县（市、区）", "By county"},
	"assess.cities":                {"分市（州）", "By city"},
	"assess.units":                 {"预算单位（完成率由低到高）", "Budget units (lowest completion first)"},
	"assess.with_target":           {"有目标单位", "Units with a target"},
	"assess.target":                {"预留份额（万元）", "Target (10k yuan)"},
	"assess.here":                  {"本馆采购（万元）", "Here (10k yuan)"},
	"assess.on832":                 {"832 平台采购（万元）", "832 platform (10k yuan)"},
	"assess.completion":            {"完成率", "Completion"},
	"assess.below":                 {"未完成单位", "Units below target"},
	"assess.transacting":           {"交易单位 / 登记单位", "Transacting / registered"},
	"assess.penetration":           {"渗透率", "Penetration"},
	"assess.aim":                   {"渗透率目标：", "Penetration aim:"},
	"nav.sample":                   {"抽样复核", "Sampling audit"},
	"sample.note":                  {"从未经人工审核而核实的订单中随机抽样，由审核员重新核对，据此估计自动核实的差错率上限及可能涉及的金额。种子记录在案，抽样可以重现。", "A random sample of the orders verified without a person, re-checked by operators: it bounds the rate of wrongly verified orders and the amount it may involve. The seed is recorded, so the draw can be reproduced."},
	"sample.draw":                  {"抽取新一轮", "Draw a round"},
	"sample.draw_button":           {"抽取", "Draw"},
	"sample.confidence":            {"置信度（%）", "Confidence (%)"},
	"sample.tolerable":             {"可容忍差错率（%）", "Tolerable error rate (%)"},
	"sample.seed":                  {"种子", "Seed"},
	"sample.seed_random":           {"留空则随机", "random if empty"},
	"sample.round":                 {"第几轮", "Round"},
	"sample.result":                {"复核结果", "Re-check"},
	"sample.ok":                    {"核实无误", "rightly verified"},
	"sample.error":                 {"核实有误", "wrongly verified"},
	"sample.pending":               {"待复核", "to check"},
	"sample.mark_ok":               {"无误", "Right"},
	"sample.mark_error":            {"有误", "Wrong"},
	"sample.what_wrong":            {"错在何处", "What is wrong"},
	"sample.checked":               {"已复核", "Re-checked"},
	"sample.errors":                {"有误", "wrong"},
	"sample.rate":                  {"差错率", "error rate"},
	"sample.bound":                 {"差错率上限", "upper bound"},
	"sample.at_risk":               {"可能涉及金额（元）", "amount at risk (yuan)"},
	"sample.latest":                {"自动核实的可靠性（最近一轮抽样复核）", "How sure the automatic verification is (latest sampling round)"},
	"order_lines":                  {"订单明细", "Order lines"},
	"doc_lines":                    {"单据所列商品", "Lines on the document"},
	"product":                      {"商品", "Product"},
	"quantity":                     {"数量", "Quantity"},
	"received":                     {"实收", "Received"},
	"unit_price":                   {"单价（元）", "Unit price (yuan)"},
	"line_amount":                  {"金额（元）", "Amount (yuan)"},
	"user.disabled":                {"已停用", "disabled"},
	"user.active":                  {"正常", "active"},
	"user.disable":                 {"停用", "Disable"},
	"user.enable":                  {"启用", "Enable"},
	"user.new_password":            {"新密码", "New password"},
	"user.reset_password":          {"重设密码", "Reset password"},
	"requested_kind":               {"补充哪份凭证", "Which document"},
	"any_document":                 {"任一凭证", "any document"},
	"action.request":               {"需补充凭证", "Document requested"},
	"request.banner":               {"审核员要求补充凭证", "An operator asks for a document"},
	"preset.month":                 {"本月", "This month"},
	"preset.quarter":               {"本季度", "This quarter"},
	"preset.year":                  {"本年", "This year"},
	"preset.last_year":             {"上年", "Last year"},
	"preset.all":                   {"全部", "All time"},
	"sum":                          {"合计", "Total"},
	"unit.wan":                     {"（万元）", " (10k yuan)"},
	"unit.yuan":                    {"（元）", " (yuan)"},
	"unit.orders":                  {"（笔）", ""},
	"unit.suppliers":               {"（家）", ""},
	"rank":                         {"排名", "Rank"},
	"party_name":                   {"名称", "Name"},
	"rule.completeness.missing":    {"缺少单据", "document missing"},
	"rule.completeness.unreadable": {"单据无法读取", "document unreadable"},
	"rule.integrity.hash":          {"存储文件被改动", "stored file altered"},
	"rule.field.missing":           {"字段未读到", "field not read"},
	"rule.field.invalid":           {"字段格式无效", "field malformed"},
	"rule.amount.mismatch":         {"金额不符", "amounts differ"},
	"rule.amount.uppercase":        {"大小写金额不符", "amount in words differs"},
	"rule.party.buyer":             {"采购人不符", "buyer differs"},
	"rule.party.seller":            {"供应商不符", "supplier differs"},
	"rule.party.payee_account":     {"收款账号不符", "payee account differs"},
	"rule.logistics.county":        {"收件地址不在采购人所在县", "delivered outside the buyer's county"},
	"rule.invoice.arithmetic":      {"发票计算错误", "invoice arithmetic wrong"},
	"rule.invoice.tax_rate":        {"税率不适用", "tax rate does not apply"},
	"rule.lines.product":           {"商品不符", "products differ"},
	"rule.lines.quantity":          {"数量不符", "quantities differ"},
	"rule.lines.price":             {"单价或金额不符", "prices differ"},
	"rule.acceptance.conclusion":   {"验收不合格", "acceptance not passed"},
	"rule.acceptance.received":     {"实收不足", "received short"},
	"rule.date.sequence":           {"日期顺序不合理", "dates out of order"},
	"rule.date.period":             {"日期不在订单期间", "date outside the order's period"},
	"rule.date.future":             {"日期晚于今天", "date in the future"},
	"rule.eligibility.supplier":    {"供应商不符合准入", "supplier not admitted"},
	"rule.eligibility.category":    {"商品不在六大类", "product outside the six categories"},
	"rule.unique.invoice":          {"发票重复使用", "invoice reused"},
	"rule.unique.tracking":         {"运单号重复使用", "tracking number reused"},
	"rule.unique.payment":          {"付款凭证重复使用", "payment reused"},
	"rule.unique.file":             {"文件重复使用", "file reused"},
	"rule.ident.uscc":              {"信用代码校验位错误", "credit code check digit wrong"},
	"rule.date.holiday":            {"节假日日期", "dated on a holiday"},
	"rule.amount.round":            {"整数金额", "round amount"},
	"rule.orders.split":            {"疑似拆单", "possibly split"},
	"rule.redflags.combined":       {"多项提示", "several red flags"},
	"rule.field.located":           {"按订单值定位", "located by the order's value"},
	"rule.field.confidence":        {"识读不可靠", "reading uncertain"},
	"rule.field.corrected":         {"识读差错已核对", "misreading corrected"},
	"field.number":                 {"编号", "number"},
	"field.contract.number":        {"合同编号", "contract number"},
	"field.invoice.number":         {"发票号码", "invoice number"},
	"field.date":                   {"日期", "date"},
	"field.contract.date":          {"签订日期", "date signed"},
	"field.payment.date":           {"交易日期", "payment date"},
	"field.invoice.date":           {"开票日期", "date issued"},
	"field.acceptance.date":        {"验收日期", "date accepted"},
	"field.buyer_name":             {"采购人名称", "buyer"},
	"field.buyer_id":               {"采购人统一社会信用代码", "buyer's credit code"},
	"field.seller_name":            {"供应商名称", "supplier"},
	"field.seller_id":              {"供应商统一社会信用代码", "supplier's credit code"},
	"field.order_no":               {"订单号", "order number"},
	"field.total":                  {"金额合计", "total"},
	"field.contract.total":         {"合同金额", "contract amount"},
	"field.invoice.total":          {"价税合计", "total with tax"},
	"field.acceptance.total":       {"验收金额", "amount accepted"},
	"field.total_upper":            {"金额（大写）", "total in words"},
	"field.serial":                 {"交易流水号", "transaction serial"},
	"field.receipt_no":             {"回单编号", "receipt number"},
	"field.payer_name":             {"付款人户名", "payer"},
	"field.payer_account":          {"付款人账号", "payer's account"},
	"field.payer_bank":             {"付款人开户行", "payer's bank"},
	"field.payee_name":             {"收款人户名", "payee"},
	"field.payee_account":          {"收款人账号", "payee's account"},
	"field.payee_bank":             {"收款人开户行", "payee's bank"},
	"field.amount":                 {"金额", "amount"},
	"field.payment.amount":         {"交易金额", "amount paid"},
	"field.invoice.amount":         {"金额（不含税）", "amount before tax"},
	"field.amount_upper":           {"金额（大写）", "amount in words"},
	"field.purpose":                {"用途/附言", "purpose"},
	"field.carrier":                {"承运公司", "carrier"},
	"field.tracking_no":            {"运单号", "tracking number"},
	"field.shipped":                {"寄件日期", "date shipped"},
	"field.signed":                 {"签收日期", "date signed for"},
	"field.sender":                 {"寄件人", "sender"},
	"field.recipient":              {"收件人", "recipient"},
	"field.address":                {"收件地址", "delivery address"},
	"field.pieces":                 {"件数", "pieces"},
	"field.weight":                 {"重量（千克）", "weight (kg)"},
	"field.code":                   {"发票代码", "invoice code"},
	"field.tax":                    {"税额", "tax"},
	"field.issuer":                 {"开票人", "issued by"},
	"field.check_code":             {"校验码", "check code"},
	"field.contract_no":            {"合同编号", "contract number"},
	"field.conclusion":             {"验收结论", "conclusion"},
	"field.signer":                 {"验收人", "accepted by"},
	"decision.approve":             {"通过", "approved"},
	"decision.reject":              {"驳回", "rejected"},
	"decision.request_document":    {"要求补充凭证", "document requested"},
	"party.buyer":                  {"采购人", "buyer"},
	"party.supplier":               {"供应商", "supplier"},
	"party.product":                {"商品", "product"},
	"notes":                        {"提示", "Notes"},
	"note.identifier_reused": {"本订单的%s %s 也出现在较晚提交的订单 %s 中；该订单已转人工审核，本订单仍计入统计。请核对两单，必要时驳回其一。",
		"This order's %s %s also appears on order %s, which came later; that order went to review and this one still counts. Compare the two and reject one if need be."},
	"identifier.invoice_number":  {"发票号码", "invoice number"},
	"identifier.tracking_number": {"运单号", "tracking number"},
	"identifier.payment_serial":  {"交易流水号", "payment serial"},
	"identifier.payment_receipt": {"回单编号", "receipt number"},
	"identifier.file":            {"文件", "file"},
	"decided.approve":            {"订单 %s 已通过审核，计入统计。", "Order %s approved: it counts in the totals."},
	"decided.reject":             {"订单 %s 已驳回，不计入统计。", "Order %s rejected: it does not count."},
	"decided.request_document":   {"已要求供应商为订单 %s 补充凭证。", "The supplier was asked for a document of order %s."},
	"decide":                     {"审核决定", "Decision"},
	"reason":                     {"理由（必填）", "Reason (required)"},
	"approve":                    {"通过 (a)", "Approve (a)"},
	"reject":                     {"驳回 (r)", "Reject (r)"},
	"request_doc":                {"要求补充凭证 (d)", "Request a document (d)"},
	"decisions":                  {"审核记录", "Decisions"},
	"field":                      {"字段", "Field"},
	"read_value":                 {"识读值", "Read"},
	"order_value":                {"订单值", "Order's value"},
	"read_from":                  {"原文", "Read from"},
	"page":                       {"页", "Page"},
	"doc.missing":                {"未上传", "missing"},
	"doc.reading":                {"识读中", "being read"},
	"doc.read":                   {"已识读", "read"},
	"doc.unreadable":             {"无法识读", "unreadable"},
	"open":                       {"打开", "open"},
	"upload":                     {"上传凭证", "Upload documents"},
	"upload.hint":                {"可一次选择或拖入多个文件；类别按文件名推断，可在发送前修改。PDF、OFD、XML、JPEG、PNG。", "Choose or drop several files at once; the kind is guessed from the name and can be changed before sending. PDF, OFD, XML, JPEG, PNG."},
	"upload.choose":              {"选择文件", "Choose files"},
	"upload.send":                {"发送", "Send"},
	"upload.max":                 {"单个文件上限", "Largest file"},
	"upload.nojs":                {"上传需要启用 JavaScript；也可使用 API。", "Uploading needs JavaScript; the API works too."},
	"kind":                       {"类别", "Kind"},
	"what_to_fix":                {"需要更正的地方", "What to correct"},
	"period":                     {"期间", "Period"},
	"from":                       {"起", "From"},
	"to":                         {"止", "To"},
	"show":                       {"显示", "Show"},
	"summary":                    {"概况", "Summary"},
	"purchasers":                 {"交易采购人", "Purchasers transacting"},
	"suppliers_tx":               {"交易供应商", "Suppliers transacting"},
	"orders":                     {"订单数", "Orders"},
	"amount":                     {"金额", "Amount"},
	"wan":                        {"万元", "10k yuan"},
	"pending":                    {"未计入", "Not counted"},
	"in_review":                  {"审核中", "in review"},
	"rejected":                   {"已驳回", "rejected"},
	"pending.note":               {"统计只计入已核实订单；审核中和已驳回的订单列在旁边，以免把“尚未核实”误作“没有销售”。", "Only verified orders count; orders in review or rejected are shown beside, so “not yet verified” is not mistaken for “not sold”."},
	"counties":                   {"分县统计", "By county"},
	"bu_purchase":                {"预算单位采购", "Budget-unit purchases"},
	"local_sales":                {"本地产品销售", "Local product sales"},
	"admitted":                   {"入驻供应商", "Suppliers admitted"},
	"budget_units":               {"预算单位排名", "Budget-unit ranking"},
	"top_suppliers":              {"供应商前30名", "Top 30 suppliers"},
	"categories":                 {"分品类", "By category"},
	"category":                   {"品类", "Category"},
	"export":                     {"导出", "Export"},
	"orders_behind":              {"构成该数字的订单", "The orders behind the figure"},
	"evidence":                   {"凭证", "Evidence"},
	"users":                      {"用户", "Users"},
	"add_user":                   {"添加用户", "Add a user"},
	"role":                       {"角色", "Role"},
	"supplier_id":                {"供应商编号", "Supplier ID"},
	"has_password":               {"可网页登录", "Web sign-in"},
	"tokens":                     {"API 令牌", "API tokens"},
	"sessions":                   {"会话", "Sessions"},
	"new_token":                  {"新令牌", "New token"},
	"revoke":                     {"吊销令牌并注销", "Revoke tokens, sign out"},
	"token_once":                 {"新的 API 令牌（只显示这一次）：", "The new API token (shown this once):"},
	"queue_health":               {"任务队列", "Job queue"},
	"state":                      {"状态", "State"},
	"job_kind":                   {"任务", "Job"},
	"count":                      {"数量", "Count"},
	"failures":                   {"失败的任务", "Failed jobs"},
	"error":                      {"错误", "Error"},
	"retry":                      {"重试", "Retry"},
	"attempts":                   {"次数", "Attempts"},
	"none":                       {"无", "none"},
	"back":                       {"返回", "Back"},
	"done":                       {"完成", "Done"},
	"yes":                        {"是", "yes"},
	"no":                         {"否", "no"},
	"add":                        {"添加", "Add"},
	"err.title":                  {"出错了", "Something went wrong"},
	"readonly":                   {"只读", "read-only"},
	"shortcuts":                  {"快捷键：n 下一个，a 通过，r 驳回，d 要求补充凭证", "Shortcuts: n next, a approve, r reject, d request a document"},
	"not_claimed":                {"领取该订单后才能作出决定。", "Claim this order to decide on it."},
	"claimed_other":              {"该订单正由他人处理。", "Another operator is working on this order."},
	"requires_review":            {"凭证在核实后有变动", "evidence changed after verification"},
	"since":                      {"进入队列", "In review since"},
}

var statusLabels = map[pipeline.Status][2]string{
	pipeline.StatusAwaitingDocuments: {"待上传凭证", "awaiting documents"},
	pipeline.StatusChecking:          {"核查中", "checking"},
	pipeline.StatusVerified:          {"已核实", "verified"},
	pipeline.StatusNeedsReview:       {"待人工审核", "in review"},
	pipeline.StatusRejected:          {"已驳回", "rejected"},
}

var kindLabelsEN = map[pipeline.DocKind]string{
	pipeline.KindContract: "contract", pipeline.KindPayment: "payment voucher", pipeline.KindLogistics: "courier receipt",
	pipeline.KindInvoice: "invoice", pipeline.KindAcceptance: "acceptance report",
}

func (l Lang) pick(m [2]string) string {
	if l == LangEN {
		return m[1]
	}
	return m[0]
}

// T translates a catalogue key.
func (l Lang) T(key string) string {
	if m, ok := messages[key]; ok {
		return l.pick(m)
	}
	return key
}

// Status names an order status.
func (l Lang) Status(s pipeline.Status) string {
	if m, ok := statusLabels[s]; ok {
		return l.pick(m)
	}
	return string(s)
}

// Kind names a document kind.
func (l Lang) Kind(k pipeline.DocKind) string {
	if l == LangEN {
		return kindLabelsEN[k]
	}
	return k.Label()
}

// Note says an order's note in words.
func (l Lang) Note(n pipeline.OrderNote) string {
	what := l.T("identifier." + n.IDKind)
	if n.Kind != pipeline.NoteIdentifierReused {
		return n.Kind
	}
	return fmt.Sprintf(l.T("note.identifier_reused"), what, n.Value, n.OtherOrder)
}

// Field names a document's field: the kind's own name of it where it has
// one (an invoice's number is its 发票号码), else the field's.
func (l Lang) Field(k pipeline.DocKind, key string) string {
	if m, ok := messages["field."+string(k)+"."+key]; ok {
		return l.pick(m)
	}
	return l.T("field." + key)
}

// Rule names a check's rule briefly (the queue's tags and filter).
func (l Lang) Rule(id string) string { return l.T("rule." + id) }

// Role names a role.
func (l Lang) Role(r pipeline.Role) string { return l.T("role." + string(r)) }

// Category names a product category.
func (l Lang) Category(c pipeline.Category) string {
	if l == LangEN {
		if m, ok := messages["category."+string(c)]; ok {
			return m[1]
		}
		return string(c)
	}
	return c.Label()
}
