package ofd_test

import (
	"archive/zip"
	"bytes"
	"sort"
)

// zipOf returns a zip of the given entries, deflated, in name order.
func zipOf(entries map[string]string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := w.Create(n)
		if err != nil {
			panic(err)
		}
		if _, err := f.Write([]byte(entries[n])); err != nil {
			panic(err)
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
