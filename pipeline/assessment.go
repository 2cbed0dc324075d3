package pipeline

import (
	"cmp"
	"slices"

	"github.com/heshi-verify/heshi/evidence/money"
)

// The assessment of budget units (issue 12): a budget unit is assessed on
// its reserved share (预留份额), the part of its canteen food purchases it
// must buy from poverty-relieved areas, on the 832 platform and on this
// market together; the market aims at a penetration (交易渗透率) of over 90%
// of budget units transacting.

// PenetrationAim is the share of budget units the market aims to see
// transacting.
const PenetrationAim = 0.9

// ReservedShare is a budget unit's reserved-share target for a year
// (reserved_shares.csv).
type ReservedShare struct {
	BuyerID string
	Year    int
	Target  money.Fen
}

// Platform832 is what a budget unit bought on the 832 platform in a year
// (platform_832.csv, from that platform's export).
type Platform832 struct {
	BuyerID string
	Year    int
	Amount  money.Fen
}

// UnitShare is one budget unit's reserved share for a year: its target,
// what it bought here (verified orders only) and on the 832 platform.
type UnitShare struct {
	BuyerID, Name            string
	CountyCode, County, City string
	Target, Here, On832      money.Fen
}

// Done is what counts against the target: here and on the 832 platform.
func (u UnitShare) Done() money.Fen { return u.Here + u.On832 }

// Completion is Done / Target; 0 without a target.
func (u UnitShare) Completion() float64 {
	if u.Target <= 0 {
		return 0
	}
	return float64(u.Done()) / float64(u.Target)
}

// Below reports whether a unit with a target has not reached it.
func (u UnitShare) Below() bool { return u.Target > 0 && u.Done() < u.Target }

// AreaShare sums the units of a county or a city, with its penetration:
// budget units transacting here (a verified order in the year) of those
// registered.
type AreaShare struct {
	Code, Name                     string
	Units, WithTarget, BelowTarget int
	Target, Here, On832            money.Fen
	Registered, Transacting        int
}

// Completion is (Here + On832) / Target; 0 without a target.
func (a AreaShare) Completion() float64 {
	if a.Target <= 0 {
		return 0
	}
	return float64(a.Here+a.On832) / float64(a.Target)
}

// Penetration is Transacting / Registered; 0 with none registered.
func (a AreaShare) Penetration() float64 {
	if a.Registered == 0 {
		return 0
	}
	return float64(a.Transacting) / float64(a.Registered)
}

// MeetsAim reports whether the area's penetration reaches PenetrationAim.
func (a AreaShare) MeetsAim() bool { return a.Penetration() >= PenetrationAim }

// Assessment is a year's reserved shares and penetration.
type Assessment struct {
	Year     int
	Units    []UnitShare // every budget unit, lowest completion first among those with a target
	Counties []AreaShare
	Cities   []AreaShare
	Total    AreaShare
}

// NewAssessment sums units (every registered budget unit, transacting or
// not) by county and city.
func NewAssessment(year int, units []UnitShare) *Assessment {
	a := &Assessment{Year: year, Units: slices.Clone(units)}
	slices.SortStableFunc(a.Units, func(x, y UnitShare) int {
		if (x.Target > 0) != (y.Target > 0) {
			if x.Target > 0 {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(x.Completion(), y.Completion()), cmp.Compare(x.BuyerID, y.BuyerID))
	})
	counties, cities := map[string]*AreaShare{}, map[string]*AreaShare{}
	add := func(m map[string]*AreaShare, code, name string, u UnitShare) {
		s := m[code]
		if s == nil {
			s = &AreaShare{Code: code, Name: name}
			m[code] = s
		}
		addUnit(s, u)
	}
	a.Total.Name = "合计"
	for _, u := range a.Units {
		add(counties, u.CountyCode, u.County, u)
		add(cities, u.City, u.City, u)
		addUnit(&a.Total, u)
	}
	a.Counties, a.Cities = sortedAreas(counties), sortedAreas(cities)
	return a
}

func addUnit(s *AreaShare, u UnitShare) {
	s.Units++
	s.Registered++
	if u.Here > 0 {
		s.Transacting++
	}
	if u.Target > 0 {
		s.WithTarget++
		if u.Below() {
			s.BelowTarget++
		}
	}
	s.Target += u.Target
	s.Here += u.Here
	s.On832 += u.On832
}

func sortedAreas(m map[string]*AreaShare) []AreaShare {
	out := make([]AreaShare, 0, len(m))
	for _, s := range m {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b AreaShare) int { return cmp.Compare(a.Code, b.Code) })
	return out
}
