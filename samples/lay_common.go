package samples

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// What the newer layouts print values as: the forms real documents use.

// Dates.
func dateCN(d pipeline.Date) string {
	return fmt.Sprintf("%04d年%02d月%02d日", d.Year, int(d.Month), d.Day)
}
func dateCNSpaced(d pipeline.Date) string {
	return fmt.Sprintf("%04d 年 %02d 月 %02d 日", d.Year, int(d.Month), d.Day)
}
func dateCNShort(d pipeline.Date) string { // 2021年10月5日
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}
func dateCompact(d pipeline.Date) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}
func dateSlash(d pipeline.Date) string {
	return fmt.Sprintf("%04d/%02d/%02d", d.Year, int(d.Month), d.Day)
}

// clock is a time of day.
type clock struct{ h, m, s int }

// workTime draws a time in office hours.
func workTime(rng *rand.Rand) clock {
	return clock{8 + rng.IntN(10), rng.IntN(60), rng.IntN(60)}
}

func (c clock) String() string { return fmt.Sprintf("%02d:%02d:%02d", c.h, c.m, c.s) }
func (c clock) hm() string     { return fmt.Sprintf("%02d:%02d", c.h, c.m) }

// later returns c moved on by minutes (within the day).
func (c clock) later(minutes int) clock {
	t := min(23*60+59, c.h*60+c.m+minutes)
	return clock{t / 60, t % 60, c.s}
}

// Amounts.
func yen(f money.Fen) string      { return "¥" + grouped(f) }
func yenPlain(f money.Fen) string { return "¥" + f.String() }
func yenWide(f money.Fen) string  { return "￥" + grouped(f) }
func cny(f money.Fen) string      { return "CNY" + grouped(f) }
func cnyPlain(f money.Fen) string { return "CNY" + f.String() }
func yuanSuffix(f money.Fen) string {
	return grouped(f) + "元"
}

// upperZheng writes the uppercase amount with 正 instead of 整 (both are
// accepted), as some banks print it.
func upperZheng(f money.Fen) string {
	s := money.Uppercase(f)
	if t, ok := strings.CutSuffix(s, "整"); ok {
		return t + "正"
	}
	return s
}

// lineQtyText prints a quantity with its unit: 12袋, 35.5kg.
func lineQtyText(q money.Qty, unit string) string { return q.String() + unit }

// maskName masks a person's given name as tracking pages do: 王*, 欧阳**.
func maskName(s string) string {
	rs := []rune(s)
	if len(rs) <= 1 {
		return s
	}
	return string(rs[0]) + strings.Repeat("*", len(rs)-1)
}

// cityOf returns the city and county of an address that starts with
// 湖南省: "株洲市", "茶陵县".
func cityOf(addr string) (city, county string) {
	rest := strings.TrimPrefix(addr, "湖南省")
	for _, c := range pipeline.HunanCounties() {
		if strings.HasPrefix(rest, c.CityName+c.Name) {
			return c.CityName, c.Name
		}
	}
	return "", ""
}

// otherCompany makes a company name for a decoy document: someone the
// holder also does business with.
func otherCompany(rng *rand.Rand) string {
	places := []string{"长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "益阳", "郴州", "永州", "怀化", "娄底"}
	kinds := []string{"物流有限公司", "包装材料有限公司", "农资经营部", "冷链运输有限公司", "商贸有限公司", "印务有限公司", "电子商务有限公司", "机械设备有限公司"}
	return pick(rng, places) + pick(rng, supplierWords) + pick(rng, kinds)
}

// decoyAccount is an account number of the length a bank uses.
func decoyAccount(rng *rand.Rand) string {
	return pick(rng, []string{"1830", "1901", "4305", "5962", "8101", "7319"}) + digits(rng, 12+rng.IntN(4))
}

// decoyBank is a branch for a decoy's counterparty.
func decoyBank(rng *rand.Rand) string {
	return pick(rng, []string{"中国农业银行长沙芙蓉支行", "中国建设银行株洲分行营业部", "中国工商银行衡阳雁峰支行",
		"长沙银行岳麓支行", "交通银行湘潭分行", "招商银行股份有限公司长沙分行", "湖南银行常德分行", "中国银行益阳分行"})
}

// sealFor is the seal an organisation stamps: its name round the arc.
func sealFor(name, center string, cx, cy float64) seal {
	return seal{cx: cx, cy: cy, rx: 44, ry: 44, arc: name, center: center, star: true}
}

// bankSeal is a bank's oval seal.
func bankSeal(bank, center string, cx, cy float64) seal {
	return seal{cx: cx, cy: cy, rx: 56, ry: 36, arc: bankBrand(bank) + "股份有限公司", center: center}
}

// goodsTable is the rows of a contract's goods table: 序号, name, (spec,)
// unit, quantity, price and amount.
func goodsTable(lines []docLine, withSpec bool) [][]string {
	var rows [][]string
	for i, l := range lines {
		r := []string{fmt.Sprint(i + 1), l.name}
		if withSpec {
			r = append(r, l.spec)
		}
		rows = append(rows, append(r, l.unit, l.qty.String(), l.price.String(), l.amount.String()))
	}
	return rows
}
