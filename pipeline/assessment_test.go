package pipeline

import (
	"math"
	"testing"
)

// TestAssessmentArithmetic: completion counts the market and the 832
// platform against the target; penetration counts the registered budget
// units transacting here; areas sum their units.
func TestAssessmentArithmetic(t *testing.T) {
	t.Parallel()
	units := []UnitShare{
		{BuyerID: "B1", CountyCode: "430224", County: "茶陵县", City: "株洲市", Target: 1000000, Here: 600000, On832: 500000}, // 110%
		{BuyerID: "B2", CountyCode: "430224", County: "茶陵县", City: "株洲市", Target: 2000000, Here: 500000, On832: 500000}, // 50%
		{BuyerID: "B3", CountyCode: "430225", County: "炎陵县", City: "株洲市", Target: 0, Here: 100},                         // no target
		{BuyerID: "B4", CountyCode: "430225", County: "炎陵县", City: "株洲市", Target: 500000},                               // 0%, not transacting
	}
	a := NewAssessment(2021, units)
	if got := a.Units[0].BuyerID; got != "B4" {
		t.Errorf("first unit %s, want B4 (lowest completion first)", got)
	}
	if got := a.Units[3].BuyerID; got != "B3" {
		t.Errorf("last unit %s, want B3 (no target last)", got)
	}
	if c := units[0].Completion(); math.Abs(c-1.1) > 1e-12 || units[0].Below() {
		t.Errorf("B1 completion %v, below %v; want 110%%, not below", c, units[0].Below())
	}
	if c := units[1].Completion(); math.Abs(c-0.5) > 1e-12 || !units[1].Below() {
		t.Errorf("B2 completion %v; want 50%%, below", c)
	}
	cha := a.Counties[0]
	if cha.Code != "430224" || cha.Target != 3000000 || cha.Here != 1100000 || cha.On832 != 1000000 || cha.BelowTarget != 1 || math.Abs(cha.Completion()-0.7) > 1e-12 {
		t.Errorf("茶陵县 %+v; want target 30000, done 21000 (70%%), one below", cha)
	}
	if cha.Registered != 2 || cha.Transacting != 2 || cha.Penetration() != 1 || !cha.MeetsAim() {
		t.Errorf("茶陵县 penetration %d/%d", cha.Transacting, cha.Registered)
	}
	yan := a.Counties[1]
	if yan.Registered != 2 || yan.Transacting != 1 || yan.Penetration() != 0.5 || yan.MeetsAim() {
		t.Errorf("炎陵县 penetration %d/%d, want 1/2 below the aim", yan.Transacting, yan.Registered)
	}
	if len(a.Cities) != 1 || a.Total.Registered != 4 || a.Total.Transacting != 3 || a.Total.Target != 3500000 || a.Total.WithTarget != 3 || a.Total.BelowTarget != 2 {
		t.Errorf("total %+v, cities %d", a.Total, len(a.Cities))
	}
}
