package samples

import (
	"slices"
	"testing"

	"github.com/heshi-verify/heshi/pipeline"
)

// TestHoldoutCatalogue: the held-out set has layouts of every kind but
// the invoice (whose forms are standard), two or more of each, named and
// described like the others.
func TestHoldoutCatalogue(t *testing.T) {
	n := 0
	for _, k := range pipeline.DocKinds {
		ids := HoldoutLayouts(k)
		n += len(ids)
		if k != pipeline.KindInvoice && len(ids) < 2 {
			t.Errorf("%s: %d held-out layouts %v, want two or more", k, len(ids), ids)
		}
		for _, id := range ids {
			sp := specByID(id)
			if !sp.holdout || sp.isClassic() || sp.about == "" {
				t.Errorf("%s: held out %v, classic %v, about %q", id, sp.holdout, sp.isClassic(), sp.about)
			}
		}
	}
	if n < 10 {
		t.Errorf("%d held-out layouts, want ten", n)
	}
}

// TestHoldoutShowsAnomalies: with the held-out set and every order
// anomalous, each document drawn in a held-out layout prints what its
// anomaly changed, and every held-out layout is drawn.
func TestHoldoutShowsAnomalies(t *testing.T) {
	f := testFace(t)
	g, err := plan(Options{Orders: 300, Seed: 8, AnomalyRate: 1, Layouts: LayoutsHoldout})
	if err != nil {
		t.Fatal(err)
	}
	drawn := map[string]int{}
	for _, d := range g.docs {
		for _, k := range pipeline.DocKinds {
			sp := d.layout(k)
			if sp == nil || sp.isClassic() {
				continue // no held-out layout of k shows this order's anomaly
			}
			if !sp.holdout {
				t.Fatalf("%s %s: holdout drew %s", d.no, k, sp.id)
			}
			drawn[sp.id]++
			if !sp.shows(d) {
				t.Errorf("%s (%s): %s does not show it", d.no, d.rule, sp.id)
			}
			fields, _ := needs(d, k)
			p := render(f, d, k)
			for _, want := range fields {
				if !slices.ContainsFunc(p.fields, func(fv fieldVal) bool { return fv.key == want }) {
					t.Errorf("%s (%s): %s prints no %s", d.no, d.rule, sp.id, want)
				}
			}
		}
	}
	for _, k := range pipeline.DocKinds {
		for _, id := range HoldoutLayouts(k) {
			if drawn[id] == 0 {
				t.Errorf("%s never drawn in 300 orders", id)
			}
		}
	}
	t.Logf("drawn: %v", drawn)
}

// TestHoldoutTextDoesNotOverlap draws every held-out layout for orders of
// every kind of party (each layout for every order it fits) and finds no
// run of text printed over another.
func TestHoldoutTextDoesNotOverlap(t *testing.T) {
	f := testFace(t)
	for _, seed := range []int64{44, 45} {
		g, err := plan(Options{Orders: 200, Seed: seed, AnomalyRate: 0.5, Layouts: LayoutsHoldout})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range g.docs {
			for _, sp := range layoutSpecs {
				if !sp.holdout || (sp.fits != nil && !sp.fits(d)) {
					continue
				}
				i := kindIndex(sp.kind)
				was := d.layouts[i]
				d.layouts[i] = sp
				p := render(f, d, sp.kind)
				d.layouts[i] = was
				for j, a := range p.items {
					aw := p.f.Width(a.s, a.size)
					for _, b := range p.items[j+1:] {
						bw := p.f.Width(b.s, b.size)
						if a.x < b.x+bw-0.5 && b.x < a.x+aw-0.5 && a.y-a.size*0.8 < b.y-0.5 && b.y-b.size*0.8 < a.y-0.5 {
							t.Errorf("%s %s: %q at (%.0f, %.0f) overlaps %q at (%.0f, %.0f)", sp.id, d.no, a.s, a.x, a.y, b.s, b.x, b.y)
						}
					}
				}
			}
		}
	}
}
