package pipeline

import (
	"testing"

	"github.com/heshi-verify/heshi/evidence"
)

// TestExpectedByKind (issue 11, bug 4): an invoice's amount is before tax,
// so the order's total is no value for it and no mismatch; a payment's
// amount is the order's total.
func TestExpectedByKind(t *testing.T) {
	d := &OrderDetail{Order: Order{No: "HN1", Total: 41300}}
	tests := []struct {
		kind          DocKind
		field, value  string
		want          string
		expected, bad bool
	}{
		{KindInvoice, evidence.FieldAmount, "378.90", "", false, false},
		{KindInvoice, evidence.FieldTotal, "413.00", "413.00", true, false},
		{KindInvoice, evidence.FieldTotal, "378.90", "413.00", true, true},
		{KindPayment, evidence.FieldAmount, "413.00", "413.00", true, false},
		{KindPayment, evidence.FieldAmount, "378.90", "413.00", true, true},
		{KindContract, evidence.FieldOrderNo, "HN1", "HN1", true, false},
	}
	for _, tt := range tests {
		got, ok := d.Expected(tt.kind, tt.field)
		if got != tt.want || ok != tt.expected || d.Disagrees(tt.kind, tt.field, tt.value) != tt.bad {
			t.Errorf("%s %s %s: expected %q %v, disagrees %v; want %q %v, %v", tt.kind, tt.field, tt.value,
				got, ok, d.Disagrees(tt.kind, tt.field, tt.value), tt.want, tt.expected, tt.bad)
		}
	}
}
