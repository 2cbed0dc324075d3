package evidence

import (
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence/pdftext"
)

func TestNormalise(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ         valueType
		in          string // printed; the folded form is derived with fold
		want        string
		wantProblem string // prefix; "" for none
	}{
		{vDate, "2021年10月05日", "2021-10-05", ""},
		{vDate, "2022年 08月30日", "2022-08-30", ""},
		{vDate, "2021/9/5", "2021-09-05", ""},
		{vDate, "2021-10-12 14:30:05", "2021-10-12", ""},
		{vDate, "２０２１年１０月０５日", "2021-10-05", ""},
		{vDate, "2024年02月29日", "2024-02-29", ""},
		{vDate, "2021年02月29日", "", "impossible date"},
		{vDate, "下周一", "", "no date"},
		{vAmount, "¥1,234.50", "1234.50", ""},
		{vAmount, "￥1234.5", "1234.50", ""},
		{vAmount, "1,234.50元", "1234.50", ""},
		{vAmount, "¥ 21.06", "21.06", ""},
		{vAmount, "-¥12.00", "-12.00", ""},
		{vAmount, "¥1,2345.00", "", "amount"},
		{vAmount, "见附件", "", "no amount"},
		{vAmount, "1000 元/吨 × 1000 吨 = 1,000,000 元", "1000000.00", ""},
		{vUpper, "⊗壹仟贰佰叁拾肆圆伍角", "⊗壹仟贰佰叁拾肆圆伍角", ""},
		{vUpper, "人民币 壹仟贰佰叁拾肆元伍角整", "人民币壹仟贰佰叁拾肆元伍角整", ""},
		{vUpper, "壹佰伍元", "壹佰伍元", "uppercase amount"},
		{vID, "９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43", ""},
		{vID, "91520000ma6dkwdm90 88901</-+912", "91520000MA6DKWDM90", ""},
		{vCode, "SF1234567890123 （已签收）", "SF1234567890123", ""},
		{vOrderNo, "订单编号：HN2021000123", "HN2021000123", ""},
		{vOrderNo, "货款 订单hn2021000123", "HN2021000123", ""},
		{vOrderNo, "T-77 加急", "T-77", ""},
		{vAccount, "6228 4800 1234 5678 901", "6228480012345678901", ""},
		{vCompact, "12.5 kg", "12.5kg", ""},
		{vName, " 茶陵县 第二中学 ", "茶陵县第二中学", ""},
		{vName, "湖南某某有限公司（茶陵分公司）", "湖南某某有限公司（茶陵分公司）", ""}, // printed brackets kept
		{vName, "王建国 138****0001", "王建国 138****0001", ""},
		{vText, "货款  订单HN2021000123", "货款 订单HN2021000123", ""},
		{vID, "号91431321MAL277CEYG", "91431321MAL277CEYG", ""},
		{vChoice, "■合格 □不合格", "合格", ""},
		{vChoice, "□合格 ☑不合格", "不合格", ""},
		{vChoice, "合格", "合格", ""},
		{vChoice, "合格口不合格", "合格", ""},
		{vChoice, "■合格口不合格", "合格", ""},
		{vChoice, "合格口部分合格口不合格口待整改", "合格", ""},
		{vChoice, "合格部分合格口不合格口待整改", "合格部分合格口不合格口待整改", ""}, // two without a box: for a person
		{vChoice, "口合格■不合格", "不合格", ""},                   // a scan: the tick lost, the empty box read as 口
		{vChoice, "口合格 不合格", "不合格", ""},                   // the same, the other way
		{vChoice, "合格 □不合格", "合格", ""},
		{vChoice, "□合格 □不合格", "□合格 □不合格", ""}, // nothing marked: for a person
		{vChoice, "合格 不合格", "合格不合格", ""},      // no box at all: for a person
		{vChoice, "货物数量、规格、质量符合合同约定，包装完好，同意验收。", "合格", ""},
		{vChoice, "经验收，货物包装完好无破损，验收通过", "合格", ""},
		{vChoice, "不合格", "不合格", ""},
		{vChoice, "部分合格", "部分合格", ""},
		{vChoice, "质量合格，数量不足，待补货", "质量合格，数量不足，待补货", ""},
		{vChoice, "同意验收，但有两箱破损", "同意验收，但有两箱破损", ""},
		{vChoice, "待整改", "待整改", ""},
	}
	for _, tc := range tests {
		got, problem := normalise(tc.typ, fold(tc.in), tc.in)
		if got != tc.want || !strings.HasPrefix(problem, tc.wantProblem) || (tc.wantProblem == "") != (problem == "") {
			t.Errorf("normalise(%d, %q) = %q, %q; want %q, problem %q…", tc.typ, tc.in, got, problem, tc.want, tc.wantProblem)
		}
	}
}

func TestOCRFigures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"（小写）￥1.438:20S", "1438.20", true},
		{"¥12,615:70", "12615.70", true},
		{"1;234.50元", "1234.50", true},
		{"4.70", "4.70", true},
		{"12.3456", "", false}, // the last group is no two decimals
		{"1.23.45", "", false}, // a thousands group of two digits
		{"见附件", "", false},
	}
	for _, tc := range tests {
		if got, ok := ocrFigures(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("ocrFigures(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLabelFind(t *testing.T) {
	t.Parallel()
	fields := []fieldSpec{
		{key: "total", labels: []string{"合同总金额（小写）", "合同金额（小写）"}},
		{key: "total_upper", labels: []string{"合同总金额（大写）"}},
		{key: "buyer_name", labels: []string{"采购人（甲方）", "甲方"}},
		{key: "buyer_id", labels: []string{"甲方统一社会信用代码"}},
		{key: "name", labels: []string{"名称"}, alone: true},
	}
	set := newLabelSet(fields)
	tests := []struct {
		items []string
		want  []string // key=value per occurrence
	}{
		{[]string{"合同总金额（小写）：¥1.00", "合同总金额（大写）：壹元整"}, []string{"total=¥1.00", "total_upper=壹元整"}},
		{[]string{"合同总金额(小写):¥1.00"}, []string{"total=¥1.00"}},
		{[]string{"采购人（甲方）", "某某学校"}, []string{"buyer_name=某某学校"}},
		{[]string{"甲方统一社会信用代码：12430224MB12345670"}, []string{"buyer_id=12430224MB12345670"}},
		{[]string{"甲方应于收货后十日内付款"}, nil},                // not followed by a separator
		{[]string{"甲方（盖章）："}, []string{"buyer_name="}}, // a seal's caption: the label, blank here
		{[]string{"甲方（盖章）：某某学校"}, []string{"buyer_name=某某学校"}},
		{[]string{"甲", "方", "：某某学校"}, []string{"buyer_name=某某学校"}}, // spaced-out label
		// 名称 is no label inside 酒店名称, and that word with its colon,
		// unknown as it is, ends the value before it.
		{[]string{"名 称:某某公司 酒店名称：某酒店"}, []string{"name=某某公司"}},
		{[]string{"货物(劳务)名称 规格型号"}, nil},
	}
	for _, tc := range tests {
		row := pdftext.Row{Page: 1, PageWidth: 600}
		x := 10.0
		for _, s := range tc.items {
			w := 10 * float64(len([]rune(s)))
			row.Items = append(row.Items, pdftext.Item{X: x, W: w, Text: s})
			x += w + 15
		}
		l := newLine(row, nil)
		occs := set.find(l)
		var got []string
		for i, o := range occs {
			folded, _ := l.value(occs, i, 0)
			got = append(got, fields[o.field].key+"="+folded)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: got %q, want %q", tc.items, got, tc.want)
		}
	}
}

// TestJoinWrappedLabels: a label cut by a paragraph's line break is
// mended on the next line; a caption ending a row of cells (销售方 over
// 名称：) is not the start of a label cut in two.
func TestJoinWrappedLabels(t *testing.T) {
	t.Parallel()
	row := func(y float64, items ...string) pdftext.Row {
		r := pdftext.Row{Page: 1, Y: y, PageWidth: 600}
		x := 50.0
		for _, s := range items {
			w := 10 * float64(len([]rune(s)))
			r.Items = append(r.Items, pdftext.Item{X: x, Y: y, W: w, Size: 10, Text: s})
			x += w + 30
		}
		return r
	}
	tests := []struct {
		kind string
		rows []pdftext.Row
		want string // the second line's text after newReader
	}{
		{KindContract, []pdftext.Row{row(700, "第四条 结算方式：需方验收合格后付款（湖南省政府采购电子卖场订单"), row(683, "号：HN2021000007）。")},
			"订单 号:HN2021000007)。"},
		{KindInvoice, []pdftext.Row{row(700, "购买方信息", "销售方"), row(683, "名称：绥宁县枫林镇人民政府", "名称：双牌县清泉蔬菜专业合作社")},
			"名称:绥宁县枫林镇人民政府 名称:双牌县清泉蔬菜专业合作社"},
	}
	for _, tc := range tests {
		rd := newReader(specOf(tc.kind), tc.rows, false)
		if got := string(rd.lines[1].runes); got != tc.want {
			t.Errorf("%s: second line %q, want %q", tc.kind, got, tc.want)
		}
	}
}
