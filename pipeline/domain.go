package pipeline

import (
	"fmt"
	"time"

	"github.com/heshi-verify/heshi/evidence/money"
)

// DocKind names one of the five documents an order needs.
type DocKind string

const (
	KindContract   DocKind = "contract"   // 采购合同
	KindPayment    DocKind = "payment"    // 付款凭证 (bank receipt)
	KindLogistics  DocKind = "logistics"  // 物流（快递）凭证
	KindInvoice    DocKind = "invoice"    // 发票
	KindAcceptance DocKind = "acceptance" // 验收报告
)

// DocKinds lists the five kinds in the order operators read them.
var DocKinds = []DocKind{KindContract, KindPayment, KindLogistics, KindInvoice, KindAcceptance}

// Valid reports whether k is one of the five kinds.
func (k DocKind) Valid() bool {
	for _, v := range DocKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Label is the kind's name in Chinese, as printed on the documents.
func (k DocKind) Label() string {
	switch k {
	case KindContract:
		return "采购合同"
	case KindPayment:
		return "付款凭证"
	case KindLogistics:
		return "物流凭证"
	case KindInvoice:
		return "发票"
	case KindAcceptance:
		return "验收报告"
	}
	return string(k)
}

// BuyerKind distinguishes the purchasers the statement counts separately.
type BuyerKind string

const (
	BuyerBudgetUnit BuyerKind = "budget_unit" // 预算单位
	BuyerUnion      BuyerKind = "union"       // 工会
	BuyerIndividual BuyerKind = "individual"  // 个人
)

// Valid reports whether k is a known buyer kind.
func (k BuyerKind) Valid() bool {
	return k == BuyerBudgetUnit || k == BuyerUnion || k == BuyerIndividual
}

// Category is one of the six registered product categories.
type Category string

const (
	CategoryRice      Category = "rice"      // 湘米
	CategoryOil       Category = "oil"       // 湘油
	CategoryVegetable Category = "vegetable" // 湘菜
	CategoryTea       Category = "tea"       // 湘茶
	CategoryMushroom  Category = "mushroom"  // 湘菌
	CategoryFruit     Category = "fruit"     // 湘果
)

// Categories lists the six categories in the statement's order.
var Categories = []Category{CategoryRice, CategoryOil, CategoryVegetable, CategoryTea, CategoryMushroom, CategoryFruit}

// Valid reports whether c is one of the six categories.
func (c Category) Valid() bool {
	for _, v := range Categories {
		if c == v {
			return true
		}
	}
	return false
}

// Label is the category's name in the statement (湘米, 湘油, …).
func (c Category) Label() string {
	switch c {
	case CategoryRice:
		return "湘米"
	case CategoryOil:
		return "湘油"
	case CategoryVegetable:
		return "湘菜"
	case CategoryTea:
		return "湘茶"
	case CategoryMushroom:
		return "湘菌"
	case CategoryFruit:
		return "湘果"
	}
	return string(c)
}

// Division is an administrative division (GB/T 2260).
type Division struct {
	Code     string // six digits, e.g. 430224
	Name     string // e.g. 茶陵县
	CityCode string // the prefecture's code; empty for a prefecture itself
	CityName string
}

// IsCounty reports whether d is a county-level division (county, county-level
// city or district) rather than a prefecture.
func (d Division) IsCounty() bool { return d.CityCode != "" }

// Buyer is a purchaser: a budget unit, a union or an individual.
type Buyer struct {
	ID           string
	Name         string
	USCC         string // empty for individuals
	DivisionCode string
	Kind         BuyerKind
}

// Supplier sells products of a poverty-relieved county.
type Supplier struct {
	ID           string
	Name         string
	USCC         string
	DivisionCode string
	BankName     string
	BankAccount  string // the registered account payments must go to
	Admitted     bool
}

// Product is a supplier's registered product.
type Product struct {
	SKU        string
	SupplierID string
	Name       string
	Category   Category
	Unit       string // 袋, 瓶, 斤, kg …
}

// Order is a purchase on the market.
type Order struct {
	No         string
	BuyerID    string
	SupplierID string
	Date       Date
	Total      money.Fen
	Lines      []OrderLine
}

// OrderLine is one product of an order.
type OrderLine struct {
	SKU       string
	Quantity  money.Qty
	UnitPrice money.Fen
	Amount    money.Fen
}

// Date is a calendar date. Dates in heshi are dates in Asia/Shanghai; a Date
// carries no time zone of its own.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Shanghai is the time zone in which heshi's dates are reckoned.
var Shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600) // China has kept UTC+8 without DST since 1991
	}
	return loc
}()

// DateOf returns the calendar date of t in Asia/Shanghai.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Shanghai).Date()
	return Date{y, m, d}
}

// ParseDate parses an ISO date, 2021-12-20.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("not a date (want YYYY-MM-DD): %q", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight of d in UTC, the form pgx uses for a date column.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }
