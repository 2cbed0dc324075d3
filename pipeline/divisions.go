package pipeline

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
)

// hunanDivisionsCSV is GB/T 2260 for Hunan: the 14 prefectures and their
// county-level divisions (code,name,city_code,city_name).
//
//go:embed data/hunan-divisions.csv
var hunanDivisionsCSV string

var hunanDivisions = sync.OnceValues(func() ([]Division, error) {
	rows, err := csv.NewReader(strings.NewReader(hunanDivisionsCSV)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("embedded hunan-divisions.csv: %w", err)
	}
	out := make([]Division, 0, len(rows))
	for i, r := range rows {
		if i == 0 {
			continue
		}
		if len(r) != 4 {
			return nil, fmt.Errorf("embedded hunan-divisions.csv line %d: want 4 fields, got %d", i+1, len(r))
		}
		out = append(out, Division{Code: r[0], Name: r[1], CityCode: r[2], CityName: r[3]})
	}
	return out, nil
})

// HunanDivisions returns Hunan's administrative divisions, prefectures first.
// The slice is shared: do not modify it.
func HunanDivisions() []Division {
	d, err := hunanDivisions()
	if err != nil {
		panic(err) // the file is embedded at build time; a test covers it
	}
	return d
}

// HunanCounties returns the county-level divisions of Hunan.
func HunanCounties() []Division {
	var out []Division
	for _, d := range HunanDivisions() {
		if d.IsCounty() {
			out = append(out, d)
		}
	}
	return out
}
