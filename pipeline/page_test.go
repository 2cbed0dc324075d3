package pipeline

import "testing"

func TestPage(t *testing.T) {
	tests := []struct {
		q                              string
		total                          int
		n, pages, prev, next, from, to int
	}{
		{"", 0, 1, 1, 0, 0, 0, 0},
		{"", 7, 1, 1, 0, 0, 1, 7},
		{"1", 50, 1, 1, 0, 0, 1, 50},
		{"1", 51, 1, 2, 0, 2, 1, 50},
		{"2", 51, 2, 2, 1, 0, 51, 51},
		{"3", 120, 3, 3, 2, 0, 101, 120},
		{"x", 120, 1, 3, 0, 2, 1, 50},
		{"-4", 120, 1, 3, 0, 2, 1, 50},
		{"9", 120, 9, 3, 3, 0, 0, 0}, // past the end: nothing shown, back to the last page
	}
	for _, tt := range tests {
		p := PageOf(tt.q, 50)
		p.Total = tt.total
		if p.N != tt.n || p.Pages() != tt.pages || p.Prev() != tt.prev || p.Next() != tt.next || p.From() != tt.from || p.To() != tt.to {
			t.Errorf("PageOf(%q) of %d = n %d pages %d prev %d next %d rows %d–%d, want %d %d %d %d %d–%d", tt.q, tt.total,
				p.N, p.Pages(), p.Prev(), p.Next(), p.From(), p.To(), tt.n, tt.pages, tt.prev, tt.next, tt.from, tt.to)
		}
	}
	all := make([]int, 120)
	for i := range all {
		all[i] = i
	}
	p := PageOf("3", 50)
	if got := Slice(&p, all); len(got) != 20 || got[0] != 100 || p.Total != 120 {
		t.Errorf("page 3 of 120 = %d rows from %v", len(got), got[:1])
	}
	p = PageOf("4", 50)
	if got := Slice(&p, all); len(got) != 20 || p.N != 3 {
		t.Errorf("page 4 of 120 = page %d, %d rows; want the last page", p.N, len(got))
	}
	p = PageOf("2", 50)
	if got := Slice(&p, all[:0]); len(got) != 0 || p.N != 1 {
		t.Errorf("page 2 of nothing = page %d, %d rows", p.N, len(got))
	}
}
