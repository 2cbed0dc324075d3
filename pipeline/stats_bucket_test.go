package pipeline

import (
	"testing"
	"time"
)

func TestPeriodBucket(t *testing.T) {
	d := func(y int, m time.Month, day int) Date { return Date{Year: y, Month: m, Day: day} }
	for _, c := range []struct {
		p    Period
		want string
	}{
		{Period{}, "all"},
		{YearPeriod(2021), "Y2021"},
		{Period{d(2021, 10, 1), d(2021, 12, 31)}, "Q2021-4"},
		{Period{d(2024, 1, 1), d(2024, 3, 31)}, "Q2024-1"},
		{Period{d(2024, 2, 1), d(2024, 2, 29)}, "M2024-02"},
		{Period{d(2023, 2, 1), d(2023, 2, 28)}, "M2023-02"},
		{Period{d(2021, 10, 1), d(2021, 10, 31)}, "M2021-10"},
		// not one bucket: aggregated from the orders
		{Period{d(2023, 2, 1), d(2023, 2, 27)}, ""},   // not to the month's end
		{Period{d(2021, 10, 2), d(2021, 10, 31)}, ""}, // not from its first day
		{Period{d(2021, 2, 1), d(2021, 4, 30)}, ""},   // three months, not a quarter
		{Period{d(2021, 1, 1), d(2021, 6, 30)}, ""},   // half a year
		{Period{d(2020, 1, 1), d(2021, 12, 31)}, ""},  // two years
		{Period{From: d(2021, 1, 1)}, ""},             // open at one end
		{Period{To: d(2021, 12, 31)}, ""},
	} {
		got, ok := c.p.Bucket()
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%+v: Bucket() = %q, %v; want %q", c.p, got, ok, c.want)
		}
	}
}
