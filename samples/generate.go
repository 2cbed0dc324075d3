package samples

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
)

// Options says what Generate makes.
type Options struct {
	// Orders is the number of orders; ignored when calibrating, where the
	// table fixes the clean orders.
	Orders int
	// Seed makes the dataset: the same options give the same files.
	Seed int64
	// AnomalyRate is the share of orders carrying one planted anomaly, in
	// [0, 1] ([0, 1) when calibrating, where anomalous orders are added on
	// top of the table's clean ones).
	AnomalyRate float64
	// Calibrate is "" or CalibrateHunan2021.
	Calibrate string
	// Workers is the number of goroutines drawing documents;
	// runtime.NumCPU() if 0.
	Workers int
	// Progress, if not nil, is told how many documents are written, from one
	// goroutine, about every 1% and at the end.
	Progress func(done, total int)
	// NoDocuments skips the documents (and the font): only the CSV files
	// and truth.csv are written.
	NoDocuments bool
	// Layouts chooses the documents' layouts: "" or LayoutsClassic for the
	// classic ones, LayoutsAll, LayoutsNew, LayoutsHoldout, or a
	// comma-separated list of layout ids and kind names (a kind the list
	// does not name keeps its classic layouts). See Layouts and
	// HoldoutLayouts for the ids. Set (even to
	// LayoutsClassic), it also writes layouts.csv and fields.csv.
	Layouts string
	// Scans is the share of documents, in [0, 1], written as scans
	// (images, or PDFs of an image) instead of text PDFs.
	Scans float64
}

// groundTruth reports whether the options ask for layouts.csv and
// fields.csv: whenever Layouts or Scans is set. The default writes exactly
// what it wrote before the layouts existed.
func (opt Options) groundTruth() bool { return opt.Layouts != "" || opt.Scans > 0 }

// Generate writes a sample dataset into dir: the CSV files and truth.csv
// (with dataset.Write) and, unless opt.NoDocuments, the five documents of
// every order as PDFs at documents/<order_no>/<kind>.pdf (scans, see
// Options.Scans, as .jpg, .png or image-only .pdf). It returns the dataset,
// its Documents listing the files written (a missing document, planted as
// an anomaly, is not listed; an unreadable one is).
//
// The dataset depends on opt.Seed (and the other options) only: the same
// options write the same bytes. dir may exist but must not hold documents
// already.
func Generate(ctx context.Context, dir string, opt Options) (*pipeline.Dataset, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	if ents, err := os.ReadDir(filepath.Join(dir, "documents")); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("samples: %s already holds documents; generate into an empty directory", dir)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var f *face
	if !opt.NoDocuments {
		ttf, err := LoadFont()
		if err != nil {
			return nil, err
		}
		if f, err = parseFace(ttf); err != nil {
			return nil, fmt.Errorf("samples: font: %w", err)
		}
	}

	g, err := plan(opt)
	if err != nil {
		return nil, err
	}
	ds := g.dataset()

	if opt.NoDocuments {
		ds.Documents = map[string]map[pipeline.DocKind]string{}
	} else {
		if ds.Documents, err = writeDocuments(ctx, dir, f, g.docs, workers, opt.Progress); err != nil {
			return nil, err
		}
		if opt.groundTruth() {
			if err := writeGroundTruth(ctx, dir, f, g.docs); err != nil {
				return nil, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := dataset.Write(dir, ds); err != nil {
		return nil, err
	}
	return ds, nil
}

func (opt Options) check() error {
	if _, err := parseLayouts(opt.Layouts); err != nil {
		return err
	}
	if !(opt.Scans >= 0 && opt.Scans <= 1) {
		return fmt.Errorf("samples: scans must be in [0, 1], got %v", opt.Scans)
	}
	switch opt.Calibrate {
	case "":
		if opt.Orders <= 0 {
			return fmt.Errorf("samples: orders must be positive, got %d", opt.Orders)
		}
		if opt.Orders > 999_999 {
			return fmt.Errorf("samples: at most 999999 orders (six-digit order numbers), got %d", opt.Orders)
		}
		if !(opt.AnomalyRate >= 0 && opt.AnomalyRate <= 1) {
			return fmt.Errorf("samples: anomaly rate must be in [0, 1], got %v", opt.AnomalyRate)
		}
	case CalibrateHunan2021:
		if !(opt.AnomalyRate >= 0 && opt.AnomalyRate < 1) {
			return fmt.Errorf("samples: anomaly rate must be in [0, 1) when calibrating, got %v", opt.AnomalyRate)
		}
	default:
		return fmt.Errorf("samples: unknown calibration %q (want %q)", opt.Calibrate, CalibrateHunan2021)
	}
	return nil
}

// generated is a planned dataset: the world, the numbered orders and their
// documents.
type generated struct {
	w      *world
	orders []*pipeline.Order
	docs   []*orderDocs
}

// plan makes the dataset in memory: everything random is drawn here, in
// one sequence from the seed.
func plan(opt Options) (*generated, error) {
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0x6865736869)) // "heshi"
	w := newWorld(rng)
	var (
		planned []*plannedOrder
		err     error
	)
	if opt.Calibrate == CalibrateHunan2021 {
		planned, err = planCalibrated(w, opt.AnomalyRate)
	} else {
		planned, err = planFree(w, opt.Orders, opt.AnomalyRate)
	}
	if err != nil {
		return nil, err
	}
	numberOrders(planned)

	g := &generated{w: w}
	ids := &idGen{rng: rng, seen: map[string]bool{}}
	anomalous := make([]bool, len(planned))
	for i, po := range planned {
		o := &pipeline.Order{No: orderNo(i), BuyerID: po.buyer.ID, SupplierID: po.supplier.ID, Date: po.date, Total: po.total}
		for _, l := range po.lines {
			o.Lines = append(o.Lines, pipeline.OrderLine{SKU: l.product.SKU, Quantity: l.qty, UnitPrice: l.price, Amount: l.amount})
		}
		g.orders = append(g.orders, o)
		g.docs = append(g.docs, buildDocs(rng, ids, i, po, o))
		anomalous[i] = po.anomalous
	}
	sel, err := parseLayouts(opt.Layouts)
	if err != nil {
		return nil, err
	}
	if !sel.classicOnly() {
		widen(opt.Seed, g.docs)
	}
	plantAnomalies(rng, w, g.docs, anomalous)
	if opt.groundTruth() {
		assignLayouts(g.docs, sel, opt.Scans)
	}
	return g, nil
}

// dataset returns the pipeline form of g (without Documents).
func (g *generated) dataset() *pipeline.Dataset {
	ds := &pipeline.Dataset{Orders: make([]pipeline.Order, 0, len(g.orders))}
	for _, b := range g.w.buyers {
		ds.Buyers = append(ds.Buyers, b.Buyer)
	}
	for _, s := range g.w.suppliers {
		ds.Suppliers = append(ds.Suppliers, s.Supplier)
		for _, p := range s.products {
			ds.Products = append(ds.Products, p.Product)
		}
	}
	for i, o := range g.orders {
		ds.Orders = append(ds.Orders, *o)
		d := g.docs[i]
		t := pipeline.Truth{OrderNo: o.No, Label: LabelClean}
		if d.rule != "" {
			t.Label, t.Detail = d.rule, d.detail
		}
		ds.Truth = append(ds.Truth, t)
	}
	return ds
}

// planFree plans n orders between suppliers in the table's supplier
// counties (weighted by their 2021 sales) and buyers across Hunan, each
// anomalous with probability rate.
func planFree(w *world, n int, rate float64) ([]*plannedOrder, error) {
	targets, err := CalibrationTargets()
	if err != nil {
		return nil, err
	}
	var codes []string
	var ws []float64
	for _, t := range targets {
		if _, ok := w.counties[t.Code]; ok && t.Sales > 0 {
			codes = append(codes, t.Code)
			ws = append(ws, float64(t.Sales))
		}
	}
	nSup := min(400, max(3, (n+7)/8))
	for range nSup {
		w.addSupplier(w.counties[codes[weighted(w.rng, ws)]])
	}
	if err := w.addBuyers(min(6000, max(4, (n+2)/3))); err != nil {
		return nil, err
	}
	dates := newDatePicker()
	out := make([]*plannedOrder, 0, n)
	for range n {
		s := w.pickSupplier(w.suppliers)
		out = append(out, freeOrder(w, dates, s, w.rng.Float64() < rate))
	}
	return out, nil
}

// freeOrder plans an order from s of about the amount its buyer's kind
// usually spends.
func freeOrder(w *world, dates *datePicker, s *supplier, anomalous bool) *plannedOrder {
	date := dates.pick(w.rng)
	b := w.pickBuyerOn(s, date)
	lines := freeLines(w.rng, s, orderAmount(w.rng, b.Kind))
	return &plannedOrder{
		buyer: b, supplier: s, date: date, lines: lines, total: lineTotal(lines),
		anomalous: anomalous, sortKey: w.rng.Uint64(),
	}
}

// splitAmount splits total into n positive amounts (n ≤ total) with random
// weights, exactly: the last takes what rounding left.
func splitAmount(rng *rand.Rand, total money.Fen, n int) []money.Fen {
	ws := make([]float64, n)
	sum := 0.0
	for i := range ws {
		ws[i] = 0.25 + lognormal(rng, 0.8)
		sum += ws[i]
	}
	out := make([]money.Fen, n)
	var used money.Fen
	for i := range n - 1 {
		out[i] = max(1, money.Fen(float64(total)*ws[i]/sum))
		used += out[i]
	}
	out[n-1] = total - used
	// Rounding up to one fen can overdraw a tiny total: take it back from
	// the largest amounts.
	for out[n-1] < 1 {
		big := 0
		for i := range out {
			if out[i] > out[big] {
				big = i
			}
		}
		out[big]--
		out[n-1]++
	}
	return out
}
