package web

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
)

// The reasons of an order's history are written by the domain in English
// (pipeline.OnNewVersion, AfterVerdict, AfterDecision, the fan-in, the
// claims, a re-import); the rooms say them in the page's language. A
// reason no pattern knows is shown as written.

// reasonPattern is one form of reason and how to say it in Chinese.
type reasonPattern struct {
	re *regexp.Regexp
	zh func(l Lang, m []string) string
}

var reasonPatterns = []reasonPattern{
	{regexp.MustCompile(`^all five documents read$`), func(Lang, []string) string { return "五份凭证均已识读" }},
	{regexp.MustCompile(`^(\d+) findings$`), func(_ Lang, m []string) string { return findingsZH(m[1]) }},
	{regexp.MustCompile(`^(\d+) findings; evidence changed after verification$`), func(_ Lang, m []string) string {
		return findingsZH(m[1]) + "；凭证在核实后有变动"
	}},
	{regexp.MustCompile(`^evidence changed after verification: new (\w+) version (\d+)$`), func(l Lang, m []string) string {
		return fmt.Sprintf("凭证在核实后有变动：%s 第 %s 版", l.Kind(pipeline.DocKind(m[1])), m[2])
	}},
	{regexp.MustCompile(`^new (\w+) version (\d+)$`), func(l Lang, m []string) string {
		return fmt.Sprintf("%s 第 %s 版", l.Kind(pipeline.DocKind(m[1])), m[2])
	}},
	{regexp.MustCompile(`^(approve|reject|request_document): (?s)(.*)$`), func(l Lang, m []string) string {
		return l.Decision(pipeline.Decision(m[1])) + "：" + m[2]
	}},
	{regexp.MustCompile(`^(\w+) (\S+) is also used by order (\S+)$`), func(l Lang, m []string) string {
		return fmt.Sprintf("%s %s 也出现在订单 %s 中", l.T("identifier."+m[1]), m[2], m[3])
	}},
	{regexp.MustCompile(`^sampling audit (\d+) found it wrongly verified: (?s)(.*)$`), func(_ Lang, m []string) string {
		return fmt.Sprintf("第 %s 轮抽样复核发现核实有误：%s", m[1], m[2])
	}},
	{regexp.MustCompile(`^master data changed after verification: (buyer|supplier|product) (\S+) (.*)$`), func(l Lang, m []string) string {
		fields := strings.Split(m[3], ", ")
		for i, f := range fields {
			if zh, ok := partyFieldsZH[f]; ok {
				fields[i] = zh
			}
		}
		return fmt.Sprintf("核实后主数据变更：%s %s（%s）", l.T("party."+m[1]), m[2], strings.Join(fields, "、"))
	}},
}

// partyFieldsZH name the parties' fields a re-import can change.
var partyFieldsZH = map[string]string{
	"name": "名称", "uscc": "统一社会信用代码", "division_code": "所在区县", "kind": "类型",
	"bank_name": "开户银行", "bank_account": "开户账号", "admitted": "入驻状态",
	"supplier_id": "所属供应商", "category": "品类", "unit": "单位",
}

func findingsZH(n string) string {
	if n == "0" {
		return "未发现问题"
	}
	return "发现 " + n + " 个问题"
}

// Reason says a history entry's reason in the page's language.
func (l Lang) Reason(reason string) string {
	if l == LangEN {
		return reason
	}
	for _, p := range reasonPatterns {
		if m := p.re.FindStringSubmatch(strings.TrimSpace(reason)); m != nil {
			return p.zh(l, m)
		}
	}
	return reason
}

// Decision names an operator's decision.
func (l Lang) Decision(d pipeline.Decision) string { return l.T("decision." + string(d)) }
