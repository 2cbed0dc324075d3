package dataset

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/heshi-verify/heshi/pipeline"
)

// DocumentPath returns the path, relative to the dataset directory and
// slash-separated, at which an order's document of the given kind and
// extension ("pdf", "xml", …; a leading dot is dropped) belongs:
// documents/<order_no>/<kind>.<ext>.
func DocumentPath(orderNo string, kind pipeline.DocKind, ext string) string {
	return documentsDir + "/" + orderNo + "/" + string(kind) + "." + strings.TrimPrefix(ext, ".")
}

// Write writes ds's CSV files into directory dir, creating it if need be:
// UTF-8 without a byte-order mark, LF line endings, a header row, then one
// row per record in the order of ds's slices (order_lines.csv order by order).
// Amounts are yuan with two decimals, quantities as money.Qty formats them and
// dates YYYY-MM-DD. truth.csv is written only if ds.Truth is not empty.
//
// Write neither checks the data nor writes documents: the generator writes
// those itself, at DocumentPath. suppliers.csv has an admitted column when
// a supplier is not admitted. Each file is replaced whole, never left half written.
func Write(dir string, ds *pipeline.Dataset) error {
	if ds == nil {
		return errors.New("dataset: write: nil dataset")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("dataset: write: %w", err)
	}
	// The admitted column only when a supplier applied and was not
	// admitted: a dataset of admitted suppliers reads as it always did.
	supplierCols := supplierColumns
	if slices.ContainsFunc(ds.Suppliers, func(s pipeline.Supplier) bool { return !s.Admitted }) {
		supplierCols = append(slices.Clone(supplierColumns), "admitted")
	}
	tables := []outTable{
		{buyersFile, buyerColumns, func(yield func([]string) bool) {
			for _, b := range ds.Buyers {
				if !yield([]string{b.ID, b.Name, b.USCC, b.DivisionCode, string(b.Kind)}) {
					return
				}
			}
		}},
		{suppliersFile, supplierCols, func(yield func([]string) bool) {
			for _, s := range ds.Suppliers {
				r := []string{s.ID, s.Name, s.USCC, s.DivisionCode, s.BankName, s.BankAccount}
				if len(supplierCols) > len(supplierColumns) {
					r = append(r, strconv.FormatBool(s.Admitted))
				}
				if !yield(r) {
					return
				}
			}
		}},
		{productsFile, productColumns, func(yield func([]string) bool) {
			for _, p := range ds.Products {
				if !yield([]string{p.SKU, p.SupplierID, p.Name, string(p.Category), p.Unit}) {
					return
				}
			}
		}},
		{ordersFile, orderColumns, func(yield func([]string) bool) {
			for _, o := range ds.Orders {
				if !yield([]string{o.No, o.BuyerID, o.SupplierID, o.Date.String(), o.Total.String()}) {
					return
				}
			}
		}},
		{linesFile, lineColumns, func(yield func([]string) bool) {
			for _, o := range ds.Orders {
				for _, l := range o.Lines {
					if !yield([]string{o.No, l.SKU, l.Quantity.String(), l.UnitPrice.String(), l.Amount.String()}) {
						return
					}
				}
			}
		}},
	}
	if len(ds.Truth) > 0 {
		tables = append(tables, outTable{truthFile, truthColumns, func(yield func([]string) bool) {
			for _, t := range ds.Truth {
				if !yield([]string{t.OrderNo, t.Label, t.Detail}) {
					return
				}
			}
		}})
	}
	if len(ds.ReservedShares) > 0 {
		tables = append(tables, outTable{sharesFile, sharesColumns, func(yield func([]string) bool) {
			for _, r := range ds.ReservedShares {
				if !yield([]string{r.BuyerID, strconv.Itoa(r.Year), r.Target.String()}) {
					return
				}
			}
		}})
	}
	if len(ds.Platform832) > 0 {
		tables = append(tables, outTable{p832File, p832Columns, func(yield func([]string) bool) {
			for _, p := range ds.Platform832 {
				if !yield([]string{p.BuyerID, strconv.Itoa(p.Year), p.Amount.String()}) {
					return
				}
			}
		}})
	}
	for _, t := range tables {
		if err := writeTable(dir, t.name, t.columns, t.rows); err != nil {
			return fmt.Errorf("dataset: write %s: %w", t.name, err)
		}
	}
	return nil
}

// outTable is a CSV file for Write to write.
type outTable struct {
	name    string
	columns []string
	rows    iter.Seq[[]string]
}

// writeTable writes a CSV file to a temporary file beside it and renames it
// into place.
func writeTable(dir, name string, header []string, rows iter.Seq[[]string]) (err error) {
	tmp, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	w := csv.NewWriter(bw)
	if err := w.Write(header); err != nil {
		return err
	}
	for rec := range rows {
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, name))
}
