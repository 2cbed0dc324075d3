package dataset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
)

// documentExts are the extensions a document file may have, in lower case.
var documentExts = []string{"pdf", "ofd", "xml", "jpg", "jpeg", "png"}

// Read reads the dataset in directory dir and checks it (see the package
// documentation for the format). If the data has problems, Read returns no
// dataset and an *ErrorList of up to MaxErrors of them; any other error is an
// I/O error, such as a missing file (errors.Is(err, fs.ErrNotExist)).
//
// Orders carry their lines in the order of order_lines.csv; Documents holds
// the paths of the files under documents/, relative to dir and
// slash-separated, and is never nil. A supplier is Admitted unless its
// admitted column says false. Truth is nil
// if there is no truth.csv.
func Read(dir string) (*pipeline.Dataset, error) {
	r := &reader{
		dir:       dir,
		ds:        &pipeline.Dataset{Documents: make(map[string]map[pipeline.DocKind]string)},
		buyers:    make(map[string]int),
		suppliers: make(map[string]int),
		products:  make(map[string]productInfo),
		orders:    make(map[string]*orderInfo),
		truth:     make(map[string]int),
	}
	steps := []func() error{
		r.readBuyers,
		r.readSuppliers,
		r.readProducts,
		r.readOrders,
		r.readLines,
		r.checkOrders,
		r.readTruth,
		r.readShares,
		r.readDocuments,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
		if r.errs.full() {
			break
		}
	}
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	return r.ds, nil
}

// reader holds what Read has learned so far. The maps record every ID seen,
// even on rows with other problems, so that one bad field does not also make
// every reference to its row an error. The ...OK flags tell whether a file
// was read through; references into a file that was not are not checked.
type reader struct {
	dir  string
	ds   *pipeline.Dataset
	errs collector

	buyers      map[string]int // buyer ID → line
	buyersOK    bool
	suppliers   map[string]int // supplier ID → line
	suppliersOK bool
	products    map[string]productInfo
	productsOK  bool
	orders      map[string]*orderInfo
	ordersOK    bool
	linesOK     bool
	truth       map[string]int // order number → line
}

type productInfo struct {
	line       int
	supplierID string
}

type orderInfo struct {
	line       int
	index      int // in ds.Orders
	supplierID string
	totalOK    bool // Total parsed
	lines      int  // lines seen in order_lines.csv
	sum        money.Fen
	sumOK      bool // every line's amount parsed
}

// firstSeen records id in seen, reporting a duplicate.
func firstSeen(r *row, col, id string, seen map[string]int) {
	if id == "" {
		return
	}
	if first, dup := seen[id]; dup {
		r.fail(col, "duplicate %q (first on line %d)", id, first)
		return
	}
	seen[id] = r.line
}

// reference reports id if it is not in known, which was read from file.
func reference(r *row, col, id string, known map[string]int, knownOK bool, file string) {
	if id == "" || !knownOK {
		return
	}
	if _, ok := known[id]; !ok {
		r.fail(col, "%q is not in %s", id, file)
	}
}

func (rd *reader) readBuyers() error {
	var err error
	rd.buyersOK, err = readTable(rd.dir, buyersFile, buyerColumns, false, &rd.errs, func(r *row) {
		b := pipeline.Buyer{
			ID:           r.need("buyer_id"),
			Name:         r.need("name"),
			USCC:         r.get("uscc"),
			DivisionCode: r.division("division_code"),
			Kind:         pipeline.BuyerKind(r.need("kind")),
		}
		switch {
		case b.Kind == "":
		case !b.Kind.Valid():
			r.fail("kind", "%q is not a buyer kind (want budget_unit, union or individual)", b.Kind)
		case b.Kind != pipeline.BuyerIndividual && b.USCC == "":
			r.fail("uscc", "is empty (required for a buyer of kind %s)", b.Kind)
		}
		firstSeen(r, "buyer_id", b.ID, rd.buyers)
		rd.ds.Buyers = append(rd.ds.Buyers, b)
	})
	return err
}

func (rd *reader) readSuppliers() error {
	var err error
	rd.suppliersOK, err = readTable(rd.dir, suppliersFile, supplierColumns, false, &rd.errs, func(r *row) {
		s := pipeline.Supplier{
			ID:           r.need("supplier_id"),
			Name:         r.need("name"),
			USCC:         r.need("uscc"),
			DivisionCode: r.division("division_code"),
			BankName:     r.need("bank_name"),
			BankAccount:  r.need("bank_account"),
			Admitted:     r.flag("admitted", true),
		}
		firstSeen(r, "supplier_id", s.ID, rd.suppliers)
		rd.ds.Suppliers = append(rd.ds.Suppliers, s)
	})
	return err
}

func (rd *reader) readProducts() error {
	var err error
	rd.productsOK, err = readTable(rd.dir, productsFile, productColumns, false, &rd.errs, func(r *row) {
		p := pipeline.Product{
			SKU:        r.need("sku"),
			SupplierID: r.need("supplier_id"),
			Name:       r.need("name"),
			Category:   pipeline.Category(r.need("category")),
			Unit:       r.need("unit"),
		}
		if p.Category != "" && !p.Category.Valid() {
			r.fail("category", "%q is not a category (want rice, oil, vegetable, tea, mushroom or fruit)", p.Category)
		}
		reference(r, "supplier_id", p.SupplierID, rd.suppliers, rd.suppliersOK, suppliersFile)
		if p.SKU != "" {
			if first, dup := rd.products[p.SKU]; dup {
				r.fail("sku", "duplicate %q (first on line %d)", p.SKU, first.line)
			} else {
				rd.products[p.SKU] = productInfo{line: r.line, supplierID: p.SupplierID}
			}
		}
		rd.ds.Products = append(rd.ds.Products, p)
	})
	return err
}

func (rd *reader) readOrders() error {
	var err error
	rd.ordersOK, err = readTable(rd.dir, ordersFile, orderColumns, false, &rd.errs, func(r *row) {
		o := pipeline.Order{
			No:         r.need("order_no"),
			BuyerID:    r.need("buyer_id"),
			SupplierID: r.need("supplier_id"),
		}
		if strings.ContainsAny(o.No, `/\`) || o.No == "." || o.No == ".." {
			r.fail("order_no", "%q cannot name a directory under documents/", o.No)
		}
		o.Date, _ = r.date("order_date")
		var totalOK bool
		o.Total, totalOK = r.yuan("total")
		reference(r, "buyer_id", o.BuyerID, rd.buyers, rd.buyersOK, buyersFile)
		reference(r, "supplier_id", o.SupplierID, rd.suppliers, rd.suppliersOK, suppliersFile)
		if o.No != "" {
			if first, dup := rd.orders[o.No]; dup {
				r.fail("order_no", "duplicate %q (first on line %d)", o.No, first.line)
			} else {
				rd.orders[o.No] = &orderInfo{
					line:       r.line,
					index:      len(rd.ds.Orders),
					supplierID: o.SupplierID,
					totalOK:    totalOK,
					sumOK:      true,
				}
			}
		}
		rd.ds.Orders = append(rd.ds.Orders, o)
	})
	return err
}

func (rd *reader) readLines() error {
	var err error
	rd.linesOK, err = readTable(rd.dir, linesFile, lineColumns, false, &rd.errs, func(r *row) {
		orderNo := r.need("order_no")
		l := pipeline.OrderLine{SKU: r.need("sku")}
		var qtyOK, priceOK, amountOK bool
		l.Quantity, qtyOK = r.qty("quantity")
		l.UnitPrice, priceOK = r.yuan("unit_price")
		l.Amount, amountOK = r.yuan("amount")
		if qtyOK && priceOK && amountOK {
			if want := l.Quantity.Times(l.UnitPrice); l.Amount-want > 1 || want-l.Amount > 1 {
				r.fail("amount", "%s is not quantity × unit_price (%s × %s = %s)", l.Amount, l.Quantity, l.UnitPrice, want)
			}
		}

		o := rd.orders[orderNo]
		if orderNo != "" && o == nil && rd.ordersOK {
			r.fail("order_no", "%q is not in %s", orderNo, ordersFile)
		}
		if l.SKU != "" && rd.productsOK {
			p, ok := rd.products[l.SKU]
			switch {
			case !ok:
				r.fail("sku", "%q is not in %s", l.SKU, productsFile)
			case o != nil && o.supplierID != "" && p.supplierID != "" && p.supplierID != o.supplierID:
				r.fail("sku", "%q is a product of supplier %q, not of the order's supplier %q", l.SKU, p.supplierID, o.supplierID)
			}
		}
		if o == nil {
			return
		}
		o.lines++
		o.sum += l.Amount
		o.sumOK = o.sumOK && amountOK
		lines := &rd.ds.Orders[o.index].Lines
		*lines = append(*lines, l)
	})
	return err
}

// checkOrders checks each order against its lines: that it has some, and
// that its total is their sum.
func (rd *reader) checkOrders() error {
	if !rd.linesOK {
		return nil
	}
	for i, o := range rd.ds.Orders {
		info := rd.orders[o.No]
		if info == nil || info.index != i {
			continue // no order number, or a duplicate, already reported
		}
		switch {
		case info.lines == 0:
			rd.errs.add(&RowError{File: ordersFile, Line: info.line, Column: "order_no",
				Reason: fmt.Sprintf("order %q has no lines in %s", o.No, linesFile)})
		case info.totalOK && info.sumOK && info.sum != o.Total:
			rd.errs.add(&RowError{File: ordersFile, Line: info.line, Column: "total",
				Reason: fmt.Sprintf("%s is not the sum of the order's line amounts, %s", o.Total, info.sum)})
		}
		if rd.errs.full() {
			break
		}
	}
	return nil
}

func (rd *reader) readTruth() error {
	_, err := readTable(rd.dir, truthFile, truthColumns, true, &rd.errs, func(r *row) {
		t := pipeline.Truth{
			OrderNo: r.need("order_no"),
			Label:   r.need("label"),
			Detail:  r.get("detail"),
		}
		if t.OrderNo != "" && rd.ordersOK && rd.orders[t.OrderNo] == nil {
			r.fail("order_no", "%q is not in %s", t.OrderNo, ordersFile)
		}
		firstSeen(r, "order_no", t.OrderNo, rd.truth)
		rd.ds.Truth = append(rd.ds.Truth, t)
	})
	return err
}

// readShares reads the optional reserved_shares.csv (buyer_id, year,
// target in yuan) and platform_832.csv (buyer_id, year, amount in yuan):
// the budget units' reserved-share targets and their purchases on the 832
// platform, one row per unit and year.
func (rd *reader) readShares() error {
	seen := map[string]int{}
	_, err := readTable(rd.dir, sharesFile, sharesColumns, true, &rd.errs, func(r *row) {
		s := pipeline.ReservedShare{BuyerID: r.need("buyer_id"), Year: r.year("year")}
		s.Target, _ = r.yuan("target")
		reference(r, "buyer_id", s.BuyerID, rd.buyers, rd.buyersOK, buyersFile)
		firstSeen(r, "buyer_id", s.BuyerID+" "+strconv.Itoa(s.Year), seen)
		rd.ds.ReservedShares = append(rd.ds.ReservedShares, s)
	})
	if err != nil {
		return err
	}
	seen = map[string]int{}
	_, err = readTable(rd.dir, p832File, p832Columns, true, &rd.errs, func(r *row) {
		p := pipeline.Platform832{BuyerID: r.need("buyer_id"), Year: r.year("year")}
		p.Amount, _ = r.yuan("amount")
		reference(r, "buyer_id", p.BuyerID, rd.buyers, rd.buyersOK, buyersFile)
		firstSeen(r, "buyer_id", p.BuyerID+" "+strconv.Itoa(p.Year), seen)
		rd.ds.Platform832 = append(rd.ds.Platform832, p)
	})
	return err
}

// readDocuments fills ds.Documents from documents/<order_no>/<kind>.<ext>.
// A dataset without a documents directory has no documents.
func (rd *reader) readDocuments() error {
	top, err := os.ReadDir(filepath.Join(rd.dir, documentsDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	for _, e := range top {
		if rd.errs.full() {
			return nil
		}
		if hidden(e.Name()) {
			continue
		}
		rel := path.Join(documentsDir, e.Name())
		if !e.IsDir() {
			rd.errs.add(&RowError{File: rel, Reason: "not a directory: documents/ holds one directory per order, named by its order number"})
			continue
		}
		orderNo := e.Name()
		if rd.ordersOK && rd.orders[orderNo] == nil {
			rd.errs.add(&RowError{File: rel, Reason: fmt.Sprintf("no order %q in %s", orderNo, ordersFile)})
			continue
		}
		if err := rd.readOrderDocuments(orderNo); err != nil {
			return err
		}
	}
	return nil
}

func (rd *reader) readOrderDocuments(orderNo string) error {
	files, err := os.ReadDir(filepath.Join(rd.dir, documentsDir, orderNo))
	if err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	for _, f := range files {
		name := f.Name()
		if hidden(name) {
			continue
		}
		rel := path.Join(documentsDir, orderNo, name)
		ext := path.Ext(name)
		kind := pipeline.DocKind(strings.TrimSuffix(name, ext))
		ext = strings.ToLower(strings.TrimPrefix(ext, "."))
		switch {
		case f.IsDir():
			rd.errs.add(&RowError{File: rel, Reason: "a directory; an order's directory holds only its document files"})
		case !kind.Valid():
			rd.errs.add(&RowError{File: rel, Reason: fmt.Sprintf("%q is not a document kind (want contract, payment, logistics, invoice or acceptance)", string(kind))})
		case !contains(documentExts, ext):
			rd.errs.add(&RowError{File: rel, Reason: fmt.Sprintf("extension %q is not one of %s", path.Ext(name), strings.Join(documentExts, ", "))})
		default:
			docs := rd.ds.Documents[orderNo]
			if docs == nil {
				docs = make(map[pipeline.DocKind]string)
				rd.ds.Documents[orderNo] = docs
			}
			if other, dup := docs[kind]; dup {
				rd.errs.add(&RowError{File: rel, Reason: fmt.Sprintf("a second %s for order %q (the first is %s)", kind, orderNo, path.Base(other))})
				continue
			}
			docs[kind] = rel
		}
	}
	return nil
}

// hidden reports whether a file name is hidden (.DS_Store and the like).
func hidden(name string) bool { return strings.HasPrefix(name, ".") }
