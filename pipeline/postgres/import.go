package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// SeedDivisions writes Hunan's administrative divisions; idempotent.
func (s *Store) SeedDivisions(ctx context.Context) error {
	return s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		for _, d := range pipeline.HunanDivisions() {
			err := q.DivisionUpsert(ctx, db.DivisionUpsertParams{
				Code: d.Code, Name: d.Name, CityName: d.CityName,
				CityCode: pgtype.Text{String: d.CityCode, Valid: d.CityCode != ""},
			})
			if err != nil {
				return dbError(err, "division "+d.Code)
			}
		}
		return nil
	})
}

// ImportMaster writes a dataset's buyers, suppliers, products and orders in one
// transaction: either all of it lands or none. It is idempotent: parties and
// products are upserted, and an order already present is left as it is (an
// order with the same number but a different buyer, supplier, date or total is
// refused, since evidence may already have been checked against it).
// Documents are added separately (AddDocument), each in its own transaction.
func (s *Store) ImportMaster(ctx context.Context, ds *pipeline.Dataset, actor pipeline.Actor) (pipeline.ImportResult, error) {
	var res pipeline.ImportResult
	err := s.inTx(ctx, func(_ pgx.Tx, q *db.Queries) error {
		for _, b := range ds.Buyers {
			err := q.BuyerUpsert(ctx, db.BuyerUpsertParams{ID: b.ID, Name: b.Name, USCC: b.USCC, DivisionCode: b.DivisionCode, Kind: string(b.Kind)})
			if err != nil {
				return dbError(err, "buyer "+b.ID)
			}
		}
		res.Buyers = len(ds.Buyers)
		for _, sp := range ds.Suppliers {
			err := q.SupplierUpsert(ctx, db.SupplierUpsertParams{
				ID: sp.ID, Name: sp.Name, USCC: sp.USCC, DivisionCode: sp.DivisionCode,
				BankName: sp.BankName, BankAccount: sp.BankAccount, Admitted: sp.Admitted,
			})
			if err != nil {
				return dbError(err, "supplier "+sp.ID)
			}
		}
		res.Suppliers = len(ds.Suppliers)
		for _, p := range ds.Products {
			err := q.ProductUpsert(ctx, db.ProductUpsertParams{SKU: p.SKU, SupplierID: p.SupplierID, Name: p.Name, Category: string(p.Category), Unit: p.Unit})
			if err != nil {
				return dbError(err, "product "+p.SKU)
			}
		}
		res.Products = len(ds.Products)
		for _, o := range ds.Orders {
			created, err := s.importOrder(ctx, q, o)
			if err != nil {
				return err
			}
			if created {
				res.OrdersNew++
			} else {
				res.OrdersExisting++
			}
		}
		return s.audit(ctx, q, actor, "dataset.import", "dataset", map[string]int{
			"buyers": res.Buyers, "suppliers": res.Suppliers, "products": res.Products,
			"orders_new": res.OrdersNew, "orders_existing": res.OrdersExisting,
		})
	})
	return res, err
}

func (s *Store) importOrder(ctx context.Context, q *db.Queries, o pipeline.Order) (created bool, err error) {
	id, err := q.OrderInsert(ctx, db.OrderInsertParams{
		OrderNo: o.No, BuyerID: o.BuyerID, SupplierID: o.SupplierID,
		OrderDate: o.Date.Time(), TotalFen: int64(o.Total),
	})
	if errors.Is(err, pgx.ErrNoRows) { // on conflict do nothing: already there
		old, err := q.OrderGetByNo(ctx, o.No)
		if err != nil {
			return false, dbError(err, "order "+o.No)
		}
		if old.BuyerID != o.BuyerID || old.SupplierID != o.SupplierID || old.TotalFen != int64(o.Total) || !old.OrderDate.Equal(o.Date.Time()) {
			return false, pipeline.Errorf(pipeline.EConflict, "order %s is already imported with other values (buyer %s, supplier %s, date %s, total %s)",
				o.No, old.BuyerID, old.SupplierID, dbDate(old.OrderDate).String(), money.Fen(old.TotalFen).String())
		}
		return false, nil
	}
	if err != nil {
		return false, dbError(err, "order "+o.No)
	}
	for i, l := range o.Lines {
		err := q.OrderLineInsert(ctx, db.OrderLineInsertParams{
			OrderID: id, LineNo: int32(i + 1), SKU: l.SKU, QuantityMilli: int64(l.Quantity),
			UnitPriceFen: int64(l.UnitPrice), AmountFen: int64(l.Amount),
		})
		if err != nil {
			return false, dbError(err, fmt.Sprintf("order %s line %d", o.No, i+1))
		}
	}
	return true, nil
}
