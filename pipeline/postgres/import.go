package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

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
			old, err := q.BuyerGet(ctx, b.ID)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return dbError(err, "buyer "+b.ID)
			}
			known := err == nil
			if err := q.BuyerUpsert(ctx, db.BuyerUpsertParams{ID: b.ID, Name: b.Name, USCC: b.USCC, DivisionCode: b.DivisionCode, Kind: string(b.Kind)}); err != nil {
				return dbError(err, "buyer "+b.ID)
			}
			if known {
				diff := changes(
					[]string{"name", "uscc", "division_code", "kind"},
					[]any{old.Name, old.USCC, old.DivisionCode, old.Kind},
					[]any{b.Name, b.USCC, b.DivisionCode, string(b.Kind)})
				held, err := s.masterChanged(ctx, q, actor, "buyer", b.ID, diff, q.OrdersOfBuyer)
				if err != nil {
					return err
				}
				res.OrdersHeld += held
			}
		}
		res.Buyers = len(ds.Buyers)
		for _, sp := range ds.Suppliers {
			old, err := q.SupplierGet(ctx, sp.ID)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return dbError(err, "supplier "+sp.ID)
			}
			known := err == nil
			if err := q.SupplierUpsert(ctx, db.SupplierUpsertParams{
				ID: sp.ID, Name: sp.Name, USCC: sp.USCC, DivisionCode: sp.DivisionCode,
				BankName: sp.BankName, BankAccount: sp.BankAccount, Admitted: sp.Admitted,
			}); err != nil {
				return dbError(err, "supplier "+sp.ID)
			}
			if known {
				diff := changes(
					[]string{"name", "uscc", "division_code", "bank_name", "bank_account", "admitted"},
					[]any{old.Name, old.USCC, old.DivisionCode, old.BankName, old.BankAccount, old.Admitted},
					[]any{sp.Name, sp.USCC, sp.DivisionCode, sp.BankName, sp.BankAccount, sp.Admitted})
				held, err := s.masterChanged(ctx, q, actor, "supplier", sp.ID, diff, q.OrdersOfSupplier)
				if err != nil {
					return err
				}
				res.OrdersHeld += held
			}
		}
		res.Suppliers = len(ds.Suppliers)
		for _, p := range ds.Products {
			old, err := q.ProductGet(ctx, p.SKU)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return dbError(err, "product "+p.SKU)
			}
			known := err == nil
			err = q.ProductUpsert(ctx, db.ProductUpsertParams{SKU: p.SKU, SupplierID: p.SupplierID, Name: p.Name, Category: string(p.Category), Unit: p.Unit})
			if err != nil {
				return dbError(err, "product "+p.SKU)
			}
			if known {
				// A product's category is what the statement's category
				// table counts its sales under.
				diff := changes(
					[]string{"supplier_id", "name", "category", "unit"},
					[]any{old.SupplierID, old.Name, old.Category, old.Unit},
					[]any{p.SupplierID, p.Name, string(p.Category), p.Unit})
				held, err := s.masterChanged(ctx, q, actor, "product", p.SKU, diff, q.OrdersOfProduct)
				if err != nil {
					return err
				}
				res.OrdersHeld += held
			}
		}
		res.Products = len(ds.Products)
		for _, r := range ds.ReservedShares {
			if err := q.ReservedShareUpsert(ctx, db.ReservedShareUpsertParams{BuyerID: r.BuyerID, Year: int32(r.Year), TargetFen: int64(r.Target)}); err != nil {
				return dbError(err, "reserved share of "+r.BuyerID)
			}
		}
		for _, p := range ds.Platform832 {
			if err := q.Platform832Upsert(ctx, db.Platform832UpsertParams{BuyerID: p.BuyerID, Year: int32(p.Year), AmountFen: int64(p.Amount)}); err != nil {
				return dbError(err, "832 purchases of "+p.BuyerID)
			}
		}
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
			"reserved_shares": len(ds.ReservedShares), "platform_832": len(ds.Platform832),
			"orders_new": res.OrdersNew, "orders_existing": res.OrdersExisting, "orders_held": res.OrdersHeld,
		})
	})
	return res, err
}

// change is one field of a party that a re-import changed.
type change struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

// changes returns, by field name, the fields whose values differ.
func changes(fields []string, before, after []any) map[string]change {
	out := map[string]change{}
	for i, f := range fields {
		if before[i] != after[i] {
			out[f] = change{before[i], after[i]}
		}
	}
	return out
}

// masterChanged records what a re-import changed of a party or product
// (audit entry kind.change, every field before and after) and holds its
// verified orders for review: they were verified against the old facts (a
// name, a tax ID, a county, the registered account, a category), and a
// person says whether they stand. Its other orders get an order.facts
// entry with their new facts, so that audit verify finds every order as
// its log left it. It returns how many orders it held; nothing when
// nothing changed.
func (s *Store) masterChanged(ctx context.Context, q *db.Queries, actor pipeline.Actor, kind, id string, diff map[string]change,
	ordersOf func(context.Context, string) ([]db.Order, error)) (int, error) {
	if len(diff) == 0 {
		return 0, nil
	}
	orders, err := ordersOf(ctx, id)
	if err != nil {
		return 0, dbError(err, kind+" "+id+" orders")
	}
	var held []db.Order
	var nos []string
	for _, o := range orders {
		if pipeline.Status(o.Status) == pipeline.StatusVerified {
			held = append(held, o)
			nos = append(nos, o.OrderNo)
		}
	}
	if err := s.audit(ctx, q, actor, kind+".change", kind+":"+id, map[string]any{"changes": diff, "orders_held": nos}); err != nil {
		return 0, err
	}
	fields := make([]string, 0, len(diff))
	for f := range diff {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	reason := fmt.Sprintf("master data changed after verification: %s %s %s", kind, id, strings.Join(fields, ", "))
	for _, o := range orders {
		if pipeline.Status(o.Status) == pipeline.StatusVerified {
			if err := s.setStatus(ctx, q, o, pipeline.Transition{To: pipeline.StatusNeedsReview, RequiresReview: true, Reason: reason}, actor); err != nil {
				return 0, err
			}
			continue
		}
		facts, err := q.OrderFacts(ctx, o.ID)
		if err != nil {
			return 0, dbError(err, "order facts")
		}
		if err := s.audit(ctx, q, actor, "order.facts", pipeline.OrderSubject(o.OrderNo), map[string]any{
			"reason": reason, "facts": factsDigest(facts),
		}); err != nil {
			return 0, err
		}
	}
	return len(held), nil
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
