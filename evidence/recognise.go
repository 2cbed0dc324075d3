package evidence

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
)

// Values recognised by their form where no label introduces them: a
// courier label prints its tracking number under the barcode and its
// carrier as a logo, a receipt its direction in its title.

var (
	// trackingRe matches the shapes of couriers' numbers (see
	// ident.TrackingShape): letters and digits of a known prefix, or a
	// long run of digits, possibly in groups.
	trackingRe = regexp.MustCompile(`\b(?:SF\d{12,13}|YT\d{13}|JT\d{13}|JD[0-9A-Z]{11,15}|[A-Z]{2}\d{9}[A-Z]{2}|DPK\d{9,12}|\d{12,15}|\d{4}(?: \d{4}){2,3}(?: \d{1,6})?)\b`)
	// carriers are the couriers' names as they print them, and what
	// they go by.
	carriers = []struct{ printed, name string }{
		{"顺丰", "顺丰速运"}, {"京东", "京东物流"}, {"EMS", "中国邮政EMS"}, {"中国邮政", "中国邮政"}, {"邮政", "中国邮政"},
		{"中通", "中通快递"}, {"圆通", "圆通速递"}, {"韵达", "韵达快递"}, {"申通", "申通快递"}, {"德邦", "德邦快递"},
		{"极兔", "极兔速递"}, {"百世", "百世快递"}, {"汇通", "百世快递"}, {"货拉拉", "货拉拉"},
	}
)

// recognise fills fields of the document's kind that no label gave, from
// values of recognisable form, at lower confidence.
func (rd *reader) recognise(x *Extraction) {
	rd.issuerName(x)
	rd.uppercaseAmount(x)
	rd.partyCode(x, "buyer_name", "buyer_id", "seller_id")
	rd.partyCode(x, "seller_name", "seller_id", "buyer_id")
	if x.Kind == KindAcceptance {
		rd.headerDate(x)
		rd.tickedChoice(x)
	}
	rd.orderAfterWord(x)
	if x.Kind != KindLogistics {
		return
	}
	if _, ok := x.Fields["carrier"]; !ok {
		rd.carrier(x)
	}
	if _, ok := x.Fields["tracking_no"]; !ok {
		// A freight platform (货拉拉) numbers the shipment by its own
		// order: an 订单编号 that is no order of the market's is the
		// shipment's number.
		if o, ok := x.Fields["order_no"]; ok && !orderRe.MatchString(o.Value) && trackingRe.MatchString(o.Value) {
			rd.setVia(x, "tracking_no", o, viaRecog, "the carrier's order number, the shipment's only number", prioOther)
			delete(x.Fields, "order_no")
			return
		}
		for i, l := range rd.lines {
			t := strings.ToUpper(fold(l.row.Text()))
			if len(rd.occs[i]) > 0 {
				t = strings.ToUpper(rd.unlabelled(i)) // a labelled number is its label's
			}
			for _, m := range trackingRe.FindAllString(t, -1) {
				n := strings.ReplaceAll(m, " ", "")
				if phoneRe.MatchString(n) && len(n) <= 12 || dateRe.MatchString(m) || ident.NormalizeUSCC(n) == n && len(n) == 18 && strings.ContainsAny(n, "ABCDEFGHJKLMNPQRTUWXY") {
					continue
				}
				rd.setVia(x, "tracking_no", Field{Value: n, Text: l.row.Text(), Page: l.row.Page}, viaRecog, "recognised as a tracking number", prioOther)
				return
			}
		}
	}
}

// carrierName returns the courier a carrier's value names (顺丰速运永州营业部
// is 顺丰速运), or the value as read.
func carrierName(v string) string {
	for _, c := range carriers {
		if strings.Contains(v, c.printed) {
			return c.name
		}
	}
	return v
}

// carrier fills a waybill's carrier from the courier's name: printed in
// the head (the logo's words, the title), else the one courier the
// document names anywhere (货拉拉仅作为制作方… in a platform's footer).
func (rd *reader) carrier(x *Extraction) {
	for _, l := range rd.lines[:min(len(rd.lines), 12)] {
		t := string(l.compact)
		for _, c := range carriers {
			if strings.Contains(t, c.printed) {
				rd.setVia(x, "carrier", Field{Value: c.name, Text: l.row.Text(), Page: l.row.Page}, viaTitle, "carrier named in the title: "+c.printed, prioOther)
				return
			}
		}
	}
	var named *Field
	for _, l := range rd.lines {
		t := string(l.compact)
		for _, c := range carriers {
			if !strings.Contains(t, c.printed) {
				continue
			}
			if named != nil && named.Value != c.name {
				return // two couriers: neither is certain
			}
			named = &Field{Value: c.name, Text: l.row.Text(), Page: l.row.Page}
			break
		}
	}
	if named != nil {
		rd.setVia(x, "carrier", *named, viaRecog, "the one courier the document names", prioOther)
	}
}

// unlabelled returns the folded text of line i outside its labels' values:
// what precedes its first label.
func (rd *reader) unlabelled(i int) string {
	l := rd.lines[i]
	return l.text(0, rd.occs[i][0].start)
}

// uppercaseAmount fills the kind's uppercase amount field (金额（大写）),
// where no label gave it, from the one uppercase amount the document
// prints: 人民币 柒佰肆拾捌元玖角整 on its own row reads as nothing else.
// Two different ones (a receipt's and a fee's) leave it unread.
func (rd *reader) uppercaseAmount(x *Extraction) {
	key := ""
	for _, e := range rd.spec.fields {
		if e.what == eField && e.typ == vUpper {
			key = e.key
			break
		}
	}
	if _, ok := x.Fields[key]; key == "" || ok {
		return
	}
	var found *Field
	for _, l := range rd.lines {
		u := upperRun(l.row.Text())
		if u == "" {
			continue
		}
		if _, err := money.ParseUppercase(u); err != nil {
			continue
		}
		if found != nil && found.Value != u {
			return
		}
		found = &Field{Value: u, Text: l.row.Text(), Page: l.row.Page}
	}
	if found != nil {
		rd.setVia(x, key, *found, viaRecog, "the one uppercase amount printed", prioOther)
	}
}

var (
	// orgRe tells a supplier's name by how it ends.
	orgRe = regexp.MustCompile(`(?:公司|合作社|农场|厂|店|中心|商行|经营部|门市部|基地)$`)
	// unitRe tells a budget unit's name by how it ends: schools,
	// hospitals, bureaus, townships.
	unitRe = regexp.MustCompile(`(?:学校|学|学院|幼儿园|医院|卫生院|局|所|委员会|政府|办事处|街道|镇|乡|站|队|馆|院|部|处|室|会|社区|村)$`)
)

// isOrganisation reports whether a name is an organisation's (a supplier
// or a budget unit), not a person's.
func isOrganisation(name string) bool {
	name = squeeze(name)
	return utf8.RuneCountInString(name) >= 4 && (orgRe.MatchString(name) || unitRe.MatchString(name))
}

// issuerName fills the field a title's issuer is (lexicon issuer=) from
// the organisation's name printed alone on a row just above the title, or
// before it on the title's row.
func (rd *reader) issuerName(x *Extraction) {
	for i, l := range rd.lines[:min(len(rd.lines), titleRows)] {
		t := string(l.compact)
		for title, key := range rd.spec.issuer {
			at := strings.Index(t, title)
			if at < 0 {
				continue
			}
			if _, ok := x.Fields[key]; ok {
				return
			}
			cands := []string{strings.TrimSpace(string([]rune(t)[:len([]rune(t[:at]))]))}
			if i > 0 {
				cands = append(cands, tidyName(rd.lines[i-1].row.Text()))
			}
			for _, c := range cands {
				if c != "" && isOrganisation(c) && !rd.startsWithLabel(fold(c)) {
					rd.setVia(x, key, Field{Value: tidyName(c), Text: l.row.Text(), Page: l.row.Page}, viaTitle, "the issuer named above the title "+title, prioOther)
					return
				}
			}
		}
	}
}

// headerDate fills a form's date, where no label gave it, from a date
// printed without a label in its head (the first rows below its title, as
// a paper 入库单 prints 2021 年 10 月 25 日 beside the deliverer): the only
// one there.
func (rd *reader) headerDate(x *Extraction) {
	if _, ok := x.Fields["date"]; ok {
		return
	}
	var found []Field
	for i, l := range rd.lines[:min(len(rd.lines), titleRows)] {
		t := fold(l.row.Text())
		for _, o := range rd.occs[i] {
			// Text after a date label was read (or was not a date).
			if e := rd.spec.fields[o.field]; e.typ == vDate && e.what == eField {
				t = ""
			}
		}
		for _, m := range dateRe.FindAllString(t, -1) {
			if v, p := date(m); p == "" {
				found = append(found, Field{Value: v, Text: l.row.Text(), Page: l.row.Page})
			}
		}
	}
	if len(found) == 1 {
		rd.setVia(x, "date", found[0], viaRecog, "the one date in the form's head, without a label", prioOther)
	}
}

// partyCode fills a party's credit code (idKey), where no label gave it,
// from the one well-formed credit code (check character and all) printed
// on the row its name was read from: a grid of 名称 | name | 税号 | code
// rows whose code label the lexicon does not know. A code already taken
// by the other party (otherKey) does not count.
func (rd *reader) partyCode(x *Extraction, nameKey, idKey, otherKey string) {
	if rd.spec.entry(eField, idKey) == nil {
		return
	}
	name, ok := x.Fields[nameKey]
	if _, has := x.Fields[idKey]; !ok || has || name.Text == "" {
		return
	}
	for _, l := range rd.lines {
		if l.row.Page != name.Page || l.row.Text() != name.Text {
			continue
		}
		var found string
		for _, it := range l.row.Items {
			for _, tok := range strings.Fields(fold(it.Text)) {
				code := ident.NormalizeUSCC(tok)
				if len(code) != ident.USCCLen || ident.ValidUSCC(code) != nil || code == x.Fields[otherKey].Value || code == found {
					continue
				}
				if found != "" {
					return // two codes on the row: neither is certain
				}
				found = code
			}
		}
		if found != "" {
			rd.setVia(x, idKey, Field{Value: found, Text: l.row.Text(), Page: l.row.Page}, viaPosition, "the one credit code on the row of the "+nameKey, prioOther)
		}
		return
	}
}

// tickedChoice reads an acceptance's conclusion from a row of options one
// of which is ticked (验收情况： √ 合格 □部分合格 □不合格) when no label gave
// it: the only row of two options or more with exactly one ticked.
func (rd *reader) tickedChoice(x *Extraction) {
	if _, ok := x.Fields["conclusion"]; ok || rd.spec.entry(eField, "conclusion") == nil {
		return
	}
	var pick Field
	for _, l := range rd.lines {
		t := fold(l.row.Text())
		if len(optionRe.FindAllString(t, -1)) < 2 {
			continue
		}
		ms := checked.FindAllStringSubmatch(t, -1)
		if len(ms) != 1 || !optionRe.MatchString(ms[0][1]) {
			continue
		}
		if pick.Value != "" {
			return // two such rows: neither is certain
		}
		pick = Field{Value: optionRe.FindStringSubmatch(ms[0][1])[2], Text: l.row.Text(), Page: l.row.Page}
	}
	if pick.Value != "" {
		rd.setVia(x, "conclusion", pick, viaRecog, "the option ticked on a row of options", prioOther)
	}
}

// orderAfterWord reads the order number written after the word 订单 where
// no label gave it (备注：订单HN2021000003, 电商订单 HN…): the only number of
// the market's form that follows the word closely.
func (rd *reader) orderAfterWord(x *Extraction) {
	if _, ok := x.Fields["order_no"]; ok || rd.spec.entry(eField, "order_no") == nil {
		return
	}
	var pick Field
	for _, l := range rd.lines {
		t := strings.ToUpper(string(l.compact))
		for rest := t; ; {
			k := strings.Index(rest, "订单")
			if k < 0 {
				break
			}
			rest = rest[k+len("订单"):]
			loc := orderRe.FindStringIndex(rest)
			if loc == nil || utf8.RuneCountInString(rest[:loc[0]]) > 4 {
				continue
			}
			v := rest[loc[0]:loc[1]]
			if pick.Value != "" && pick.Value != v {
				return // two numbers: neither is certain
			}
			pick = Field{Value: v, Text: l.row.Text(), Page: l.row.Page}
		}
	}
	if pick.Value != "" {
		rd.setVia(x, "order_no", pick, viaRecog, "the number after the word 订单", prioOther)
	}
}
