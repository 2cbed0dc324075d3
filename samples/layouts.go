package samples

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
)

// Layouts. Each kind has its classic layouts (the three of the text
// contract: lines, bordered grid, compact; the invoice has two) and layouts
// modelled on real documents, with their own vocabularies and geometries.
// Options.Layouts chooses which are drawn; each document draws one of them
// from its seed, among those that print what its planted anomaly changed.

// Values of Options.Layouts besides layout ids and kind names.
const (
	LayoutsClassic = "classic" // the classic layouts only (the default)
	LayoutsAll     = "all"     // every layout
	LayoutsNew     = "new"     // every layout but the classic ones
	// LayoutsHoldout is the held-out set: layouts the reader was never
	// tuned on, drawn only when asked for by this name or by id (all, new
	// and kind names leave them out, so that those sets stay as they were).
	LayoutsHoldout = "holdout"
)

// holdoutPrefix starts the name of every held-out layout: payment/ho-….
const holdoutPrefix = "ho-"

// lineCaps says what a layout's lines table shows.
type lineCaps uint8

const (
	capNames    lineCaps = 1 << iota // product names
	capQty                           // ordered (or invoiced) quantities
	capPrice                         // unit prices
	capReceived                      // received quantities beside the ordered ones
	capTax                           // line amounts, rates and taxes (invoices)
)

// layoutSpec is one layout of one kind.
type layoutSpec struct {
	id      string // kind/name, as layouts.csv prints it
	kind    pipeline.DocKind
	classic int      // the classic renderer's variant, or -1
	prints  []string // fields it prints (buyer_id only when the buyer has one)
	lines   lineCaps
	family  string // invoices: "digital" (one 20-digit number) or "old" (code and 8-digit number)
	about   string // the real document it imitates
	holdout bool   // held out (LayoutsHoldout): its name starts with holdoutPrefix
	draw    func(p *page, rng *rand.Rand, d *orderDocs)
	// fits, if not nil, says which orders the layout can be drawn for (a
	// courier's label does not fit goods sent by freight van).
	fits func(d *orderDocs) bool
}

// layoutSpecs are all layouts in registration order (files' init order:
// the lay_*.go files register before layouts.go registers the classic ones).
var layoutSpecs []*layoutSpec

func register(specs ...*layoutSpec) {
	for _, s := range specs {
		if s.classic == 0 && s.draw != nil {
			s.classic = -1
		}
		k, name, _ := strings.Cut(s.id, "/")
		if s.kind == "" {
			s.kind = pipeline.DocKind(k)
		}
		s.holdout = strings.HasPrefix(name, holdoutPrefix)
		layoutSpecs = append(layoutSpecs, s)
	}
}

// Layouts returns the ids of every layout of kind that LayoutsAll draws,
// classic ones first; HoldoutLayouts lists the held-out ones.
func Layouts(kind pipeline.DocKind) []string {
	var ids []string
	for _, classic := range []bool{true, false} {
		for _, s := range layoutSpecs {
			if s.kind == kind && s.isClassic() == classic && !s.holdout {
				ids = append(ids, s.id)
			}
		}
	}
	return ids
}

// HoldoutLayouts returns the ids of the held-out layouts of kind
// (LayoutsHoldout).
func HoldoutLayouts(kind pipeline.DocKind) []string {
	var ids []string
	for _, s := range layoutSpecs {
		if s.kind == kind && s.holdout {
			ids = append(ids, s.id)
		}
	}
	return ids
}

func specByID(id string) *layoutSpec {
	for _, s := range layoutSpecs {
		if s.id == id {
			return s
		}
	}
	return nil
}

func (s *layoutSpec) isClassic() bool { return s.draw == nil }

func (s *layoutSpec) printsField(key string) bool { return slices.Contains(s.prints, key) }

// classicPrints are the fields every classic layout of a kind prints.
var classicPrints = map[pipeline.DocKind][]string{
	pipeline.KindContract:   {"number", "date", "buyer_name", "buyer_id", "seller_name", "seller_id", "order_no", "total", "total_upper"},
	pipeline.KindPayment:    {"date", "serial", "receipt_no", "payer_name", "payer_account", "payer_bank", "payee_name", "payee_account", "payee_bank", "amount", "amount_upper", "purpose"},
	pipeline.KindLogistics:  {"carrier", "tracking_no", "shipped", "signed", "sender", "recipient", "address", "pieces", "weight", "order_no"},
	pipeline.KindInvoice:    {"number", "date", "buyer_name", "buyer_id", "seller_name", "seller_id", "total", "total_upper", "amount", "tax", "issuer", "order_no"},
	pipeline.KindAcceptance: {"order_no", "contract_no", "buyer_name", "seller_name", "date", "total", "conclusion", "signer"},
}

func init() {
	classic := func(id string, variant int, lines lineCaps, family, about string) *layoutSpec {
		k, _, _ := strings.Cut(id, "/")
		return &layoutSpec{id: id, classic: variant, prints: classicPrints[pipeline.DocKind(k)], lines: lines, family: family, about: about}
	}
	contractLines := capNames | capQty | capPrice
	acceptLines := capNames | capQty | capPrice | capReceived
	invLines := capNames | capQty | capPrice | capTax
	register(
		classic("contract/lines", 0, contractLines, "", "classic: one or two label: value pairs a row"),
		classic("contract/grid", 1, contractLines, "", "classic: bordered label/value grid"),
		classic("contract/compact", 2, contractLines, "", "classic: compact pairs, short party labels"),
		classic("payment/grid", 0, 0, "", "classic: bordered receipt, payer and payee side by side"),
		classic("payment/lines", 1, 0, "", "classic: one field a row"),
		classic("payment/compact", 2, 0, "", "classic: business receipt, two pairs a row"),
		classic("logistics/lines", 0, 0, "", "classic: electronic waybill, pairs in rows"),
		classic("logistics/grid", 1, 0, "", "classic: bordered courier detail sheet"),
		classic("logistics/compact", 2, 0, "", "classic: delivery proof, pairs in rows"),
		classic("invoice/stacked", 0, invLines, "digital", "classic: parties stacked in one box"),
		classic("invoice/columns", 1, invLines, "digital", "classic: buyer left, seller right"),
		classic("acceptance/lines", 0, acceptLines, "", "classic: 验收报告, pairs in rows"),
		classic("acceptance/grid", 1, acceptLines, "", "classic: 货物验收单, bordered grid"),
		classic("acceptance/compact", 2, acceptLines, "", "classic: 农副产品验收单, compact"),
	)
}

// selection is the layouts Options.Layouts enables, per kind.
type selection map[pipeline.DocKind][]*layoutSpec

// parseLayouts parses Options.Layouts: a comma-separated list of layout
// ids, kind names (every layout of the kind), "classic", "new", "all" and
// "holdout". A kind the list does not name keeps its classic layouts; "" is
// classic. The held-out layouts are in "holdout" and their ids only: not in
// "all", "new" or a kind's name.
func parseLayouts(s string) (selection, error) {
	sel := selection{}
	add := func(sp *layoutSpec) {
		if !slices.Contains(sel[sp.kind], sp) {
			sel[sp.kind] = append(sel[sp.kind], sp)
		}
	}
	for _, tok := range strings.Split(s, ",") {
		tok = strings.TrimSpace(tok)
		switch {
		case tok == "" || tok == LayoutsClassic || tok == LayoutsAll || tok == LayoutsNew:
			for _, sp := range layoutSpecs {
				if !sp.holdout && (tok == LayoutsAll || (tok == LayoutsNew) != sp.isClassic()) {
					add(sp)
				}
			}
		case tok == LayoutsHoldout:
			for _, sp := range layoutSpecs {
				if sp.holdout {
					add(sp)
				}
			}
		case pipeline.DocKind(tok).Valid():
			for _, sp := range layoutSpecs {
				if sp.kind == pipeline.DocKind(tok) && !sp.holdout {
					add(sp)
				}
			}
		default:
			sp := specByID(tok)
			if sp == nil {
				return nil, fmt.Errorf("samples: unknown layout %q (want %s, %s, %s, %s, a kind or a layout id such as payment/colheads; samples.Layouts and samples.HoldoutLayouts list them)",
					tok, LayoutsClassic, LayoutsAll, LayoutsNew, LayoutsHoldout)
			}
			add(sp)
		}
	}
	for _, k := range pipeline.DocKinds {
		if len(sel[k]) == 0 {
			for _, sp := range layoutSpecs {
				if sp.kind == k && sp.isClassic() {
					add(sp)
				}
			}
		}
	}
	// Registration order, whatever the order of the list.
	for k := range sel {
		slices.SortStableFunc(sel[k], func(a, b *layoutSpec) int {
			return slices.Index(layoutSpecs, a) - slices.Index(layoutSpecs, b)
		})
	}
	return sel, nil
}

// classicOnly reports whether sel enables the classic layouts only.
func (sel selection) classicOnly() bool {
	for _, specs := range sel {
		for _, sp := range specs {
			if !sp.isClassic() {
				return false
			}
		}
	}
	return true
}

// kindIndex is k's index in pipeline.DocKinds.
func kindIndex(k pipeline.DocKind) int { return slices.Index(pipeline.DocKinds, k) }

// kindSalt is the salt of a kind's random stream (render uses it).
func kindSalt(k pipeline.DocKind) uint64 { return uint64(kindIndex(k) + 1) }

// Salts of the other per-document streams.
const (
	saltLayout = 1000 // which layout
	saltScan   = 2000 // whether it is a scan, and how
	saltDecoy  = 3000 // the decoy receipt on a two-up page
)

// needs returns what kind's layout must print for d's planted anomaly to
// be visible in it: fields and line capabilities.
func needs(d *orderDocs, kind pipeline.DocKind) (fields []string, lines lineCaps) {
	on := d.plantedKind == kind
	switch d.rule {
	case RuleAmount:
		if on {
			fields = []string{"total"}
			if kind == pipeline.KindPayment {
				fields = []string{"amount"}
			}
		}
	case RuleUppercase:
		if on {
			fields = []string{"total", "total_upper"}
			if kind == pipeline.KindPayment {
				fields = []string{"amount", "amount_upper"}
			}
		}
	case RulePayeeAccount:
		if kind == pipeline.KindPayment {
			fields = []string{"payee_account"}
		}
	case RuleBuyer:
		if kind == pipeline.KindInvoice {
			fields = []string{"buyer_name"}
		}
	case RuleInvoiceReuse:
		if kind == pipeline.KindInvoice {
			fields = []string{"number"}
		}
	case RuleTrackReuse:
		if kind == pipeline.KindLogistics {
			fields = []string{"tracking_no"}
		}
	case RuleDateSequence:
		switch {
		case kind == pipeline.KindLogistics && d.plantedAlt:
			fields = []string{"shipped"}
		case kind == pipeline.KindLogistics:
			fields = []string{"shipped", "signed"}
		case kind == pipeline.KindAcceptance && d.plantedAlt:
			fields = []string{"date"}
		}
	case RuleSeller:
		if on {
			fields = []string{"seller_name"}
			if kind == pipeline.KindPayment {
				fields = []string{"payee_name"}
			}
		}
	case RuleCounty:
		if kind == pipeline.KindLogistics {
			fields = []string{"address"}
		}
	case RuleArithmetic, RuleTaxRate:
		if kind == pipeline.KindInvoice {
			lines = capTax
		}
	case RuleLineQuantity:
		if on {
			lines = capQty
		}
	case RuleLinePrice:
		if on {
			lines = capPrice
		}
	case RuleLineProduct:
		if on {
			lines = capNames
		}
	case RuleReceived:
		if on {
			lines = capQty | capReceived
		}
	case RuleConclusion:
		if kind == pipeline.KindAcceptance {
			fields = []string{"conclusion"}
		}
	case RuleDatePeriod:
		if on {
			fields = []string{"date"}
		}
	}
	return fields, lines
}

// shows reports whether sp fits d and prints what d's anomaly changed in
// its kind.
func (sp *layoutSpec) shows(d *orderDocs) bool {
	if sp.fits != nil && !sp.fits(d) {
		return false
	}
	fields, lines := needs(d, sp.kind)
	for _, f := range fields {
		if !sp.printsField(f) {
			return false
		}
	}
	return sp.lines&lines == lines
}

// assignLayouts draws each document's layout among those sel enables and
// that show its order's anomaly (a classic one if none of them does), and
// whether it is a scan (share scans of the documents; never the one planted
// unreadable, which stays a broken PDF). A copied invoice number is drawn in
// a layout of the same numbering as the invoice it copies, so that both
// print the same number.
//
// A kind whose selection is its classic layouts exactly gets no layout (nil):
// its classic renderer draws the variant as it does by default, so that
// LayoutsClassic draws the default's documents.
func assignLayouts(docs []*orderDocs, sel selection, scans float64) {
	choose := func(d *orderDocs, k pipeline.DocKind, family string) *layoutSpec {
		if sel.classicSet(k) {
			return nil
		}
		rng := rand.New(rand.NewPCG(d.seed, saltLayout+kindSalt(k)))
		var cands []*layoutSpec
		for _, sp := range sel[k] {
			if sp.shows(d) && (family == "" || sp.family == family) {
				cands = append(cands, sp)
			}
		}
		if len(cands) == 0 {
			for _, sp := range layoutSpecs {
				if sp.kind == k && sp.isClassic() && sp.shows(d) && (family == "" || sp.family == family) {
					cands = append(cands, sp)
				}
			}
		}
		if len(cands) == 0 {
			return nil
		}
		return pick(rng, cands)
	}
	for _, d := range docs {
		for _, k := range pipeline.DocKinds {
			d.layouts[kindIndex(k)] = choose(d, k, "")
		}
	}
	for _, d := range docs {
		if d.rule == RuleInvoiceReuse && d.copiedFrom != nil {
			if fam := d.copiedFrom.invoiceFamily(); d.invoiceFamily() != fam {
				d.layouts[kindIndex(pipeline.KindInvoice)] = choose(d, pipeline.KindInvoice, fam)
			}
		}
	}
	if scans <= 0 {
		return
	}
	for _, d := range docs {
		for _, k := range pipeline.DocKinds {
			rng := rand.New(rand.NewPCG(d.seed, saltScan+kindSalt(k)))
			if rng.Float64() >= scans || k == d.unreadable || k == d.missing {
				continue
			}
			d.scans[kindIndex(k)] = scanFormats[weighted(rng, []float64{45, 25, 30})]
		}
	}
}

// classicSet reports whether sel's layouts of k are its classic ones.
func (sel selection) classicSet(k pipeline.DocKind) bool {
	n := 0
	for _, sp := range layoutSpecs {
		if sp.kind == k && sp.isClassic() {
			n++
		}
	}
	for _, sp := range sel[k] {
		if !sp.isClassic() {
			return false
		}
	}
	return len(sel[k]) == n
}

// invoiceFamily is the numbering d's invoice is printed with.
func (d *orderDocs) invoiceFamily() string {
	if sp := d.layout(pipeline.KindInvoice); sp != nil {
		return sp.family
	}
	return "digital"
}

// layout returns the layout assigned to d's document of kind k, or nil
// (the classic renderer then chooses, as it always has).
func (d *orderDocs) layout(k pipeline.DocKind) *layoutSpec { return d.layouts[kindIndex(k)] }

// scan returns the scan format of d's document of kind k, or "".
func (d *orderDocs) scan(k pipeline.DocKind) string { return d.scans[kindIndex(k)] }
