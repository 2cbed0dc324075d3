package pipeline

import "strconv"

// PageSize is how many rows a page of a long list shows: the review queue,
// a supplier's orders, the orders behind a figure.
const PageSize = 50

// Page is one page of a long list: its number from 1, its size, and how
// many rows the whole list has (known once the page was read).
type Page struct {
	N     int
	Size  int
	Total int
}

// PageOf reads a page number as a query gives it ("" or garbage: the
// first page).
func PageOf(s string, size int) Page {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		n = 1
	}
	return Page{N: n, Size: size}
}

// Offset is how many rows come before the page.
func (p Page) Offset() int { return (p.N - 1) * p.Size }

// Pages is how many pages the list has (at least one).
func (p Page) Pages() int { return max(1, (p.Total+p.Size-1)/p.Size) }

// Prev is the number of the page before, 0 on the first.
func (p Page) Prev() int {
	if p.N > 1 {
		return min(p.N-1, p.Pages())
	}
	return 0
}

// Next is the number of the page after, 0 on the last.
func (p Page) Next() int {
	if p.N < p.Pages() {
		return p.N + 1
	}
	return 0
}

// From and To are the row numbers (from 1) the page shows; 0 and 0 when
// it shows none.
func (p Page) From() int {
	if p.Offset() >= p.Total {
		return 0
	}
	return p.Offset() + 1
}

// To is the number of the page's last row (see From).
func (p Page) To() int {
	if p.From() == 0 {
		return 0
	}
	return min(p.Total, p.Offset()+p.Size)
}

// Slice returns the page's rows of a list held whole, and sets Total. A
// page past the end is the last one, as the store's pages are.
func Slice[T any](p *Page, all []T) []T {
	p.Total = len(all)
	p.N = min(p.N, p.Pages())
	lo := min(p.Offset(), len(all))
	return all[lo:min(lo+p.Size, len(all))]
}
