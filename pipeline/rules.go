package pipeline

import (
	"fmt"
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
)

// Rule is one rule of the cross-check catalogue. Its ID is stable: findings,
// truth labels of generated samples and operators' filters name it.
type Rule struct {
	ID    string `json:"id"`
	Group string `json:"group"` // completeness, amounts, parties, lines, dates, uniqueness, eligibility, red flags
	// Severity is what the rule's findings usually are. A rule may report a
	// lesser severity when it cannot tell (an amount it cannot read is a
	// warning, not a contradiction); CheckConfig.Severity overrides both.
	Severity Severity `json:"severity"`
	Zh       string   `json:"zh"`
	En       string   `json:"en"`
	// Config names the CheckConfig fields that tune the rule.
	Config []string `json:"config,omitempty"`
}

// Rule IDs. The first ones predate the catalogue and keep their names.
const (
	RuleMissing        = "completeness.missing"
	RuleUnreadable     = "completeness.unreadable"
	RuleIntegrity      = "integrity.hash"
	RuleFieldMissing   = "field.missing"
	RuleFieldInvalid   = "field.invalid"
	RuleAmount         = "amount.mismatch"
	RuleUppercase      = "amount.uppercase"
	RuleBuyer          = "party.buyer"
	RuleSeller         = "party.seller"
	RulePayeeAccount   = "party.payee_account"
	RuleCounty         = "logistics.county"
	RuleArithmetic     = "invoice.arithmetic"
	RuleTaxRate        = "invoice.tax_rate"
	RuleLineProduct    = "lines.product"
	RuleLineQuantity   = "lines.quantity"
	RuleLinePrice      = "lines.price"
	RuleConclusion     = "acceptance.conclusion"
	RuleReceived       = "acceptance.received"
	RuleDateSequence   = "date.sequence"
	RuleDatePeriod     = "date.period"
	RuleDateFuture     = "date.future"
	RuleSupplierElig   = "eligibility.supplier"
	RuleCategoryElig   = "eligibility.category"
	RuleUniqueInvoice  = "unique.invoice"
	RuleUniqueTracking = "unique.tracking"
	RuleUniquePayment  = "unique.payment"
	RuleUniqueFile     = "unique.file"
	RuleUSCCCheck      = "ident.uscc"
	RuleHoliday        = "date.holiday"
	RuleRoundAmount    = "amount.round"
	RuleSplit          = "orders.split"
	RuleRedFlags       = "redflags.combined"
	RuleLocated        = "field.located"
	RuleLowConfidence  = "field.confidence"
	RuleCorrected      = "field.corrected"
)

// MinConfidence is the confidence below which a field the checks use goes
// to a person (field.confidence).
const MinConfidence = 0.6

// catalogue is every rule, in the order the checks report them.
var catalogue = []Rule{
	{RuleMissing, "completeness", SeverityContradiction, "五类单据齐全", "all five documents are present", nil},
	{RuleIntegrity, "completeness", SeverityContradiction, "存储文件的 SHA-256 与上传时记录一致（核查时重新计算）", "the stored object's SHA-256 still matches the one recorded at upload (re-hashed at every check)", nil},
	{RuleUnreadable, "completeness", SeverityContradiction, "五类单据均可读取", "every document can be read", nil},
	{RuleFieldMissing, "completeness", SeverityWarning, "核对所需字段已读到", "the fields a rule needs were read", nil},
	{RuleFieldInvalid, "completeness", SeverityWarning, "读到的字段格式有效（金额、日期、数量、税率）", "the fields read are well-formed (amounts, dates, quantities, tax rates)", nil},
	{RuleLowConfidence, "completeness", SeverityWarning, "核对所用字段识读可靠（置信度不低于 0.6；扫描件识别不清或无法确定归属的，由人工复核）", "the fields the checks use were read with confidence (0.6 or more; an unclear scan, or a value of no certain party, goes to a person)", nil},
	{RuleLocated, "completeness", SeverityInfo, "未见标签的字段按订单值在原文中找到（注明位置与归属）；一页多份单据时取与订单相符的一份", "a field no label gave was found by the order's value, with where and in whose section; of several documents on a page the order's is taken", nil},
	{RuleCorrected, "completeness", SeverityInfo, "扫描件上的识读差错按订单核对并注明原文：名称只差一个字而同一单据上该方的统一社会信用代码（收款人为账号）与订单完全一致；代码校验位不通过且只差一个字符", "a misreading on a scan is checked as the order's value, with what was read: a name one character away from the order's where the same document's code of that party (the payee's account) matches exactly; a code that fails its check character and is one character from the order's", nil},
	{RuleAmount, "amounts", SeverityContradiction, "合同、发票价税合计、付款、验收金额均等于订单金额", "contract, invoice total, payment and acceptance amounts equal the order total", nil},
	{RuleUppercase, "amounts", SeverityContradiction, "大写金额与小写金额一致", "the uppercase amount spells the figures", nil},
	{RuleBuyer, "parties", SeverityContradiction, "合同、发票、付款、验收的采购人名称与统一社会信用代码为订单采购人（名称规范化比较，代码精确比较）", "the buyer named on contract, invoice, payment and acceptance is the order's buyer (names normalised, codes exact)", nil},
	{RuleSeller, "parties", SeverityContradiction, "合同、发票、付款、验收的供应商名称与统一社会信用代码为订单供应商（名称规范化比较，代码精确比较）", "the seller named on contract, invoice, payment and acceptance is the order's supplier (names normalised, codes exact)", nil},
	{RulePayeeAccount, "parties", SeverityContradiction, "收款账号为供应商登记账号", "the payee account is the supplier's registered account", nil},
	{RuleCounty, "parties", SeverityContradiction, "快递收件地址在采购人所在县（市、区）", "the courier delivered to the buyer's county", nil},
	{RuleArithmetic, "amounts", SeverityContradiction, "发票计算正确：金额 = 数量 × 单价、税额 = 金额 × 税率、合计与价税合计相符", "invoice arithmetic: amount = quantity × price, tax = amount × rate, totals add up exactly", []string{"LineTolerance", "TaxTolerance"}},
	{RuleTaxRate, "amounts", SeverityContradiction, "发票税率适用于商品类别", "each invoice line's tax rate applies to its product's category", []string{"TaxRates"}},
	{RuleLineProduct, "lines", SeverityContradiction, "发票、验收单商品与订单商品一致", "invoice and acceptance lines name the order's products, all of them", nil},
	{RuleLineQuantity, "lines", SeverityContradiction, "发票、验收单数量与订单数量一致", "invoice and acceptance quantities equal the order's", nil},
	{RuleLinePrice, "lines", SeverityContradiction, "发票、验收单单价与金额与订单一致", "invoice and acceptance prices and line amounts equal the order's", []string{"LineTolerance"}},
	{RuleConclusion, "lines", SeverityContradiction, "验收结论为合格（收货单、入库单不写结论的，以收货人签字为准）", "the acceptance conclusion is 合格 (passed); a receiving note without one is accepted by its receiver's signature", nil},
	{RuleReceived, "lines", SeverityContradiction, "实收数量不少于订单数量", "received quantities cover the order", nil},
	{RuleDateSequence, "dates", SeverityContradiction, "签订合同 ≤ 发货 ≤ 签收 ≤ 验收，发票与付款不早于合同", "contract ≤ shipped ≤ signed for ≤ accepted; invoice and payment not before the contract", nil},
	{RuleDatePeriod, "dates", SeverityContradiction, "单据日期在订单期间内（订单日期前 30 天至后 90 天）", "document dates fall in the order's period (order date − 30 days … + 90 days)", []string{"PeriodBefore", "PeriodAfter"}},
	{RuleDateFuture, "dates", SeverityContradiction, "单据日期不晚于核查当天", "no document is dated after the day of the check", nil},
	{RuleSupplierElig, "eligibility", SeverityContradiction, "供应商已准入且位于名录内的县（市、区）", "the supplier is admitted and registered in a listed county", nil},
	{RuleCategoryElig, "eligibility", SeverityContradiction, "商品属于六大类（湘米、湘油、湘菜、湘茶、湘菌、湘果）", "every product is in one of the six categories", nil},
	{RuleUniqueInvoice, "uniqueness", SeverityContradiction, "发票号码未用于其他订单", "the invoice number is used by no other order", nil},
	{RuleUniqueTracking, "uniqueness", SeverityContradiction, "运单号未用于其他订单", "the tracking number is used by no other order", nil},
	{RuleUniquePayment, "uniqueness", SeverityContradiction, "交易流水号、回单编号未用于其他订单", "the bank serial and receipt numbers are used by no other order", nil},
	{RuleUniqueFile, "uniqueness", SeverityContradiction, "同一文件未用于其他订单", "no identical file is evidence of another order", nil},
	{RuleUSCCCheck, "red flags", SeverityWarning, "统一社会信用代码校验位正确（错误者人工复核，不直接否定）", "the unified social credit codes pass their check character (a failure goes to a person, it is not a rejection)", nil},
	{RuleHoliday, "red flags", SeverityInfo, "合同、付款、发票、验收日期为周末或法定节假日（调休上班日除外）", "contract, payment, invoice or acceptance dated on a weekend or public holiday (adjusted working days excepted)", nil},
	{RuleRoundAmount, "red flags", SeverityInfo, "订单金额为整千元", "a suspiciously round order total", []string{"RoundMin", "RoundStep"}},
	{RuleSplit, "red flags", SeverityInfo, "同一采购人与供应商同日多笔订单（合计达到拆单限额时为警告）", "orders split between the same buyer and supplier on one day (a warning when together they reach the split limit)", []string{"SplitLimit"}},
	{RuleRedFlags, "red flags", SeverityWarning, "同一订单出现两种及以上提示（节假日、整数金额、拆单）", "two or more kinds of red flag (holiday date, round amount, split order) on one order", nil},
}

// Rules returns the rule catalogue, in the order the checks report them.
func Rules() []Rule { return slices.Clone(catalogue) }

// RuleByID returns the rule with the given ID.
func RuleByID(id string) (Rule, bool) {
	for _, r := range catalogue {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// CheckConfig holds the rules' tolerances and thresholds. DefaultCheckConfig
// gives the values heshi runs with; each field says what it tunes.
type CheckConfig struct {
	// LineTolerance: an invoice line's amount may differ from quantity ×
	// unit price by this much (invoices print unit prices rounded), and so
	// may a document line's amount from the order line's (lines.price).
	// Default ¥0.01.
	LineTolerance money.Fen
	// TaxTolerance: an invoice line's tax may differ from round(amount ×
	// rate) by this much, as the tax authority's rules allow. Default ¥0.06.
	TaxTolerance money.Fen
	// TaxRates lists the rates an invoice may apply to each category, as
	// printed: 免税, 9%, 13%, 3%, 1%. Unprocessed farm produce is 9% (or
	// exempt when producers sell their own or for vegetables); processed
	// goods (edible oil, packed tea, dried mushrooms) may be 13%; small-scale
	// taxpayers charge 3% or 1%.
	TaxRates map[Category][]string
	// PeriodBefore and PeriodAfter bound the order's period: documents are
	// dated from the order date minus PeriodBefore days (a contract signed
	// before the order was placed on the platform) to the order date plus
	// PeriodAfter days (invoice and payment follow delivery). Defaults 30
	// and 90.
	PeriodBefore, PeriodAfter int
	// RoundMin and RoundStep: an order total of at least RoundMin that is a
	// multiple of RoundStep is suspiciously round. Defaults ¥1,000 and
	// ¥1,000. RoundStep 0 turns the rule off.
	RoundMin, RoundStep money.Fen
	// SplitLimit: orders of one buyer and supplier on one day that are each
	// below it but together reach it look split to stay under a limit, a
	// warning; other same-day orders are noted (info). Default ¥50,000, a
	// stand-in for the direct-purchase limit in force; 0: never a warning.
	SplitLimit money.Fen
	// Severity overrides the severity of every finding of a rule, by rule
	// ID: for example raise date.holiday to warning to have a person look
	// at every weekend order.
	Severity map[string]Severity
}

// DefaultCheckConfig returns the configuration heshi checks with.
func DefaultCheckConfig() CheckConfig {
	all := []string{"免税", "9%", "13%", "3%", "1%"}
	primary := []string{"免税", "9%", "3%", "1%"}
	return CheckConfig{
		LineTolerance: 1,
		TaxTolerance:  6,
		TaxRates: map[Category][]string{
			CategoryRice:      primary,
			CategoryOil:       {"9%", "13%", "3%", "1%"},
			CategoryVegetable: primary,
			CategoryTea:       all,
			CategoryMushroom:  all,
			CategoryFruit:     primary,
		},
		PeriodBefore: 30,
		PeriodAfter:  90,
		RoundMin:     100000,
		RoundStep:    100000,
		SplitLimit:   5000000,
	}
}

// Check runs the rule catalogue over one order's evidence with the default
// configuration. It is pure: the caller gathers the input (including the
// integrity re-hash) and stores the findings. unique.* findings come from
// claiming identifiers when the verdict is recorded (see Identifiers).
func Check(in CheckInput) []Finding { return CheckWith(DefaultCheckConfig(), in) }

// CheckWith runs the rule catalogue with cfg.
func CheckWith(cfg CheckConfig, in CheckInput) []Finding {
	c := &checker{cfg: cfg, in: in, usable: map[DocKind]*CheckDoc{}}
	for _, pass := range passes {
		pass(c)
	}
	return c.out
}

// passes run in turn; each reports the findings of one or more rules.
var passes = []func(*checker){
	(*checker).documents,
	(*checker).amounts,
	(*checker).parties,
	(*checker).county,
	(*checker).invoiceArithmetic,
	(*checker).lines,
	(*checker).acceptance,
	(*checker).dates,
	(*checker).eligibility,
	(*checker).redFlags,
}

// checker is one run of the checks.
type checker struct {
	cfg    CheckConfig
	in     CheckInput
	usable map[DocKind]*CheckDoc // present, intact and readable
	out    []Finding
}

// add reports a finding of rule: zh and en are the message's Chinese and
// English halves, printed "zh (en)".
func (c *checker) add(rule string, sev Severity, detail map[string]any, zh, en string) {
	if s, ok := c.cfg.Severity[rule]; ok {
		sev = s
	}
	c.out = append(c.out, Finding{Rule: rule, Severity: sev, Message: zh + " (" + en + ")", Detail: detail})
}

// field returns the value of a field of a usable document, "" if absent.
func (c *checker) field(k DocKind, key string) (string, bool) {
	d := c.usable[k]
	if d == nil {
		return "", false
	}
	f, ok := d.Fields[key]
	return f.Value, ok && f.Value != ""
}

// missing reports a field a rule needs that was not read.
func (c *checker) missing(k DocKind, key, label string) {
	c.add(RuleFieldMissing, SeverityWarning, map[string]any{"kind": k, "field": key},
		fmt.Sprintf("%s 未读到%s", k.Label(), label), fmt.Sprintf("%s: %s not found", k, key))
}

// invalid reports a field that does not read as what it should be.
func (c *checker) invalid(k DocKind, key, label, value, what string) {
	c.add(RuleFieldInvalid, SeverityWarning, map[string]any{"kind": k, "field": key, "value": value},
		fmt.Sprintf("%s %s「%s」不是%s", k.Label(), label, value, what), fmt.Sprintf("%s: %s %q is not %s", k, key, value, what))
}

// documents: completeness.missing, integrity.hash, completeness.unreadable.
func (c *checker) documents() {
	for _, k := range DocKinds {
		d := c.in.Docs[k]
		switch {
		case d == nil:
			c.add(RuleMissing, SeverityContradiction, map[string]any{"kind": k},
				"缺少"+k.Label(), string(k)+" missing")
		case d.Integrity != nil:
			c.add(RuleIntegrity, SeverityContradiction, map[string]any{"kind": k, "document_id": d.ID, "sha256": d.SHA256, "error": d.Integrity.Error()},
				fmt.Sprintf("%s 第%d版 存储文件与上传时的 SHA-256 不符", k.Label(), d.Version),
				fmt.Sprintf("%s v%d: stored object does not match its recorded hash: %v", k, d.Version, d.Integrity))
		case !d.Extracted || !d.Readable:
			reason := d.Reason
			if !d.Extracted {
				reason = "not yet read"
			}
			c.add(RuleUnreadable, SeverityContradiction, map[string]any{"kind": k, "document_id": d.ID, "reason": reason},
				fmt.Sprintf("%s 无法读取：%s", k.Label(), reason), fmt.Sprintf("%s unreadable: %s", k, reason))
		default:
			c.usable[k] = d
		}
	}
	c.confidence()
}

// confidence: field.confidence — a field the checks use that was read, or
// found by the order's value, with too little confidence goes to a person.
func (c *checker) confidence() {
	for _, e := range expectations(&c.in) {
		d := c.usable[e.kind]
		if d == nil {
			continue
		}
		f, ok := d.Fields[e.field]
		if !ok || f.Value == "" || f.Conf == 0 || f.Conf >= MinConfidence {
			continue
		}
		c.add(RuleLowConfidence, SeverityWarning, map[string]any{"kind": e.kind, "field": e.field, "value": f.Value, "confidence": f.Conf, "via": f.Via, "text": f.Text},
			fmt.Sprintf("%s %s「%s」识读不可靠（置信度 %.2f，%s）", e.kind.Label(), e.label, f.Value, f.Conf, f.Via),
			fmt.Sprintf("%s: %s %q read with confidence %.2f (%s)", e.kind, e.field, f.Value, f.Conf, f.Via))
	}
}

// yuan formats an amount for a message: ¥12,345.00.
func yuan(f money.Fen) string {
	s := money.Fen(abs64(int64(f))).String()
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if f < 0 {
		b.WriteByte('-')
	}
	b.WriteString("¥")
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String() + "." + frac
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
