package pipeline

import (
	"fmt"
	"strings"
	"time"

	"github.com/heshi-verify/heshi/evidence"
)

// dateRef names a date field of one document.
type dateRef struct {
	kind  DocKind
	field string
	label string
}

var (
	dContract = dateRef{KindContract, evidence.FieldDate, "合同签订日期"}
	dShipped  = dateRef{KindLogistics, evidence.FieldShipped, "寄件日期"}
	dSigned   = dateRef{KindLogistics, evidence.FieldSigned, "签收日期"}
	dAccepted = dateRef{KindAcceptance, evidence.FieldDate, "验收日期"}
	dInvoice  = dateRef{KindInvoice, evidence.FieldDate, "开票日期"}
	dPayment  = dateRef{KindPayment, evidence.FieldDate, "付款日期"}
	// allDates are the documents' dates, in the order of events.
	allDates = []dateRef{dContract, dShipped, dSigned, dAccepted, dInvoice, dPayment}
	// eventChain is the order of the goods' events: each date is on or
	// after the one before it that the documents print.
	eventChain = []dateRef{dContract, dShipped, dSigned, dAccepted}
	// afterContract are the dates that are on or after the contract's.
	afterContract = []dateRef{dInvoice, dPayment}
	// officeDates are the dates of what offices and banks do, which a
	// weekend or holiday makes unusual (couriers work every day).
	officeDates = []dateRef{dContract, dPayment, dInvoice, dAccepted}
)

// addDays returns d moved by n days.
func (d Date) addDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, Shanghai))
}

// date returns a usable document's date; ok is false when it is absent.
// A date that does not parse is reported once, as field.invalid.
func (c *checker) date(r dateRef) (Date, bool) {
	v, ok := c.field(r.kind, r.field)
	if !ok {
		return Date{}, false
	}
	d, err := ParseDate(v)
	return d, err == nil
}

// dates: date.sequence, date.future and date.period.
func (c *checker) dates() {
	for _, r := range allDates {
		if v, ok := c.field(r.kind, r.field); ok {
			if _, err := ParseDate(v); err != nil {
				c.invalid(r.kind, r.field, r.label, v, "日期 (a date)")
			}
		}
	}
	// The chain of events, over the dates printed: a date a document does
	// not print is skipped, so the contract is compared with the
	// acceptance when the courier's dates are missing.
	var pairs [][2]dateRef
	var prev *dateRef
	for i := range eventChain {
		if _, ok := c.date(eventChain[i]); ok {
			if prev != nil {
				pairs = append(pairs, [2]dateRef{*prev, eventChain[i]})
			}
			prev = &eventChain[i]
		}
	}
	for _, r := range afterContract {
		pairs = append(pairs, [2]dateRef{dContract, r})
	}
	for _, p := range pairs {
		a, ok1 := c.date(p[0])
		b, ok2 := c.date(p[1])
		if !ok1 || !ok2 || !b.Before(a) {
			continue
		}
		c.add(RuleDateSequence, SeverityContradiction, map[string]any{
			"earlier": map[string]any{"kind": p[0].kind, "field": p[0].field, "value": a.String()},
			"later":   map[string]any{"kind": p[1].kind, "field": p[1].field, "value": b.String()},
		}, fmt.Sprintf("%s %s 早于 %s %s", p[1].label, b, p[0].label, a),
			fmt.Sprintf("%s %s is before %s %s", p[1].kind, p[1].field, p[0].kind, p[0].field))
	}
	// The goods' delivery must be dated: the acceptance, and the courier's
	// pickup or delivery.
	if c.usable[KindAcceptance] != nil {
		if _, ok := c.field(KindAcceptance, evidence.FieldDate); !ok {
			c.missing(KindAcceptance, evidence.FieldDate, dAccepted.label)
		}
	}
	if c.usable[KindLogistics] != nil {
		_, shipped := c.field(KindLogistics, evidence.FieldShipped)
		_, signed := c.field(KindLogistics, evidence.FieldSigned)
		if !shipped && !signed {
			c.missing(KindLogistics, evidence.FieldShipped, "寄件或签收日期")
		}
	}
	o := c.in.Order.Date
	from, to := o.addDays(-c.cfg.PeriodBefore), o.addDays(c.cfg.PeriodAfter)
	for _, r := range allDates {
		d, ok := c.date(r)
		if !ok {
			continue
		}
		detail := map[string]any{"kind": r.kind, "field": r.field, "value": d.String()}
		switch {
		case !c.in.Today.IsZero() && c.in.Today.Before(d):
			detail["today"] = c.in.Today.String()
			c.add(RuleDateFuture, SeverityContradiction, detail,
				fmt.Sprintf("%s %s 晚于今天 %s", r.label, d, c.in.Today),
				fmt.Sprintf("%s %s %s is after today %s", r.kind, r.field, d, c.in.Today))
		case !o.IsZero() && (d.Before(from) || to.Before(d)):
			detail["from"], detail["to"], detail["order_date"] = from.String(), to.String(), o.String()
			c.add(RuleDatePeriod, SeverityContradiction, detail,
				fmt.Sprintf("%s %s 不在订单期间 %s 至 %s（订单日期 %s）", r.label, d, from, to, o),
				fmt.Sprintf("%s %s %s is outside the order's period %s … %s (ordered %s)", r.kind, r.field, d, from, to, o))
		}
	}
}

// holidays are China's public holidays (放假) and the weekend days worked
// instead (调休上班), as the State Council's notices for 2021-2026 set them
// (国办发明电〔2020〕27号 for 2021, and the notices of each following
// November). Each entry is a first day, a last day and a name; a name
// starting with "+" marks working days.
var holidays = []struct{ from, to, name string }{
	{"2021-01-01", "2021-01-03", "元旦"}, {"2021-02-11", "2021-02-17", "春节"},
	{"2021-04-03", "2021-04-05", "清明节"}, {"2021-05-01", "2021-05-05", "劳动节"},
	{"2021-06-12", "2021-06-14", "端午节"}, {"2021-09-19", "2021-09-21", "中秋节"},
	{"2021-10-01", "2021-10-07", "国庆节"},
	{"2021-02-07", "2021-02-07", "+春节"}, {"2021-02-20", "2021-02-20", "+春节"},
	{"2021-04-25", "2021-04-25", "+劳动节"}, {"2021-05-08", "2021-05-08", "+劳动节"},
	{"2021-09-18", "2021-09-18", "+中秋节"}, {"2021-09-26", "2021-09-26", "+国庆节"},
	{"2021-10-09", "2021-10-09", "+国庆节"},

	{"2022-01-01", "2022-01-03", "元旦"}, {"2022-01-31", "2022-02-06", "春节"},
	{"2022-04-03", "2022-04-05", "清明节"}, {"2022-04-30", "2022-05-04", "劳动节"},
	{"2022-06-03", "2022-06-05", "端午节"}, {"2022-09-10", "2022-09-12", "中秋节"},
	{"2022-10-01", "2022-10-07", "国庆节"},
	{"2022-01-29", "2022-01-30", "+春节"}, {"2022-04-02", "2022-04-02", "+清明节"},
	{"2022-04-24", "2022-04-24", "+劳动节"}, {"2022-05-07", "2022-05-07", "+劳动节"},
	{"2022-10-08", "2022-10-09", "+国庆节"},

	{"2022-12-31", "2023-01-02", "元旦"}, {"2023-01-21", "2023-01-27", "春节"},
	{"2023-04-05", "2023-04-05", "清明节"}, {"2023-04-29", "2023-05-03", "劳动节"},
	{"2023-06-22", "2023-06-24", "端午节"}, {"2023-09-29", "2023-10-06", "中秋节、国庆节"},
	{"2023-01-28", "2023-01-29", "+春节"}, {"2023-04-23", "2023-04-23", "+劳动节"},
	{"2023-05-06", "2023-05-06", "+劳动节"}, {"2023-06-25", "2023-06-25", "+端午节"},
	{"2023-10-07", "2023-10-08", "+国庆节"},

	{"2023-12-30", "2024-01-01", "元旦"}, {"2024-02-10", "2024-02-17", "春节"},
	{"2024-04-04", "2024-04-06", "清明节"}, {"2024-05-01", "2024-05-05", "劳动节"},
	{"2024-06-08", "2024-06-10", "端午节"}, {"2024-09-15", "2024-09-17", "中秋节"},
	{"2024-10-01", "2024-10-07", "国庆节"},
	{"2024-02-04", "2024-02-04", "+春节"}, {"2024-02-18", "2024-02-18", "+春节"},
	{"2024-04-07", "2024-04-07", "+清明节"}, {"2024-04-28", "2024-04-28", "+劳动节"},
	{"2024-05-11", "2024-05-11", "+劳动节"}, {"2024-09-14", "2024-09-14", "+中秋节"},
	{"2024-09-29", "2024-09-29", "+国庆节"}, {"2024-10-12", "2024-10-12", "+国庆节"},

	{"2025-01-01", "2025-01-01", "元旦"}, {"2025-01-28", "2025-02-04", "春节"},
	{"2025-04-04", "2025-04-06", "清明节"}, {"2025-05-01", "2025-05-05", "劳动节"},
	{"2025-05-31", "2025-06-02", "端午节"}, {"2025-10-01", "2025-10-08", "国庆节、中秋节"},
	{"2025-01-26", "2025-01-26", "+春节"}, {"2025-02-08", "2025-02-08", "+春节"},
	{"2025-04-27", "2025-04-27", "+劳动节"}, {"2025-09-28", "2025-09-28", "+国庆节"},
	{"2025-10-11", "2025-10-11", "+国庆节"},

	{"2026-01-01", "2026-01-03", "元旦"}, {"2026-02-15", "2026-02-23", "春节"},
	{"2026-04-04", "2026-04-06", "清明节"}, {"2026-05-01", "2026-05-05", "劳动节"},
	{"2026-06-19", "2026-06-21", "端午节"}, {"2026-09-25", "2026-09-27", "中秋节"},
	{"2026-10-01", "2026-10-07", "国庆节"},
	{"2026-01-04", "2026-01-04", "+元旦"}, {"2026-02-14", "2026-02-14", "+春节"},
	{"2026-02-28", "2026-02-28", "+春节"}, {"2026-05-09", "2026-05-09", "+劳动节"},
	{"2026-09-20", "2026-09-20", "+国庆节"}, {"2026-10-10", "2026-10-10", "+国庆节"},
}

// calendar maps each date of holidays to its name ("+…" for a worked
// weekend day).
var calendar = func() map[Date]string {
	m := map[Date]string{}
	for _, h := range holidays {
		from, err1 := ParseDate(h.from)
		to, err2 := ParseDate(h.to)
		if err1 != nil || err2 != nil || to.Before(from) {
			panic(fmt.Sprintf("pipeline: holiday %v", h))
		}
		for d := from; !to.Before(d); d = d.addDays(1) {
			m[d] = h.name
		}
	}
	return m
}()

// NonWorkingDay reports whether d is a weekend day that is not an adjusted
// working day (调休上班), or a public holiday, and names it: "周六", "周日",
// or the holiday. Years the calendar does not cover (before 2021, after
// 2026) know weekends only.
func NonWorkingDay(d Date) (string, bool) {
	if name, ok := calendar[d]; ok {
		if strings.HasPrefix(name, "+") {
			return "", false
		}
		return name, true
	}
	switch d.Time().Weekday() {
	case time.Saturday:
		return "周六", true
	case time.Sunday:
		return "周日", true
	}
	return "", false
}
