//go:build ignore

// gen_gb1 writes adobe-gb1.bin, the Unicode value of every CID of the
// Adobe-GB1 character collection, from Adobe's Adobe-GB1-UCS2 CMap
// (https://github.com/adobe-type-tools/cmap-resources, BSD-3-Clause; Debian
// ships it in poppler-data as /usr/share/poppler/cMap/Adobe-GB1/Adobe-GB1-UCS2):
//
//	go run gen_gb1.go /usr/share/poppler/cMap/Adobe-GB1/Adobe-GB1-UCS2
//
// Its licence, which must travel with the table, is in adobe-gb1.LICENSE.
// The output holds 3 bytes (big-endian code point, 0 for none) per CID.
// Where the CMap gives a sequence (a character and a variation selector)
// only the first character is kept.
package main

import (
	"bufio"
	"log"
	"os"
	"strconv"
	"strings"
	"unicode/utf16"
)

func main() {
	in, err := os.Open(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	defer in.Close()
	table := map[int]rune{}
	maxCID := 0
	mode := ""
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasSuffix(line, "beginbfchar"):
			mode = "char"
			continue
		case strings.HasSuffix(line, "beginbfrange"):
			mode = "range"
			continue
		case strings.HasPrefix(line, "end"):
			mode = ""
			continue
		}
		f := strings.Fields(strings.NewReplacer("<", " ", ">", " ").Replace(line))
		switch {
		case mode == "char" && len(f) == 2:
			set(table, &maxCID, hex(f[0]), first(f[1]))
		case mode == "range" && len(f) == 3:
			lo, hi, dst := hex(f[0]), hex(f[1]), first(f[2])
			for c := lo; c <= hi; c++ {
				set(table, &maxCID, c, dst+rune(c-lo))
			}
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	out := make([]byte, 3*(maxCID+1))
	for c, r := range table {
		out[3*c], out[3*c+1], out[3*c+2] = byte(r>>16), byte(r>>8), byte(r)
	}
	if err := os.WriteFile("adobe-gb1.bin", out, 0o644); err != nil {
		log.Fatal(err)
	}
}

func set(t map[int]rune, max *int, cid int, r rune) {
	if r == 0xFFFD || r == 0 {
		return
	}
	t[cid] = r
	if cid > *max {
		*max = cid
	}
}

func hex(s string) int {
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		log.Fatalf("bad hex %q", s)
	}
	return int(n)
}

// first decodes a UTF-16BE hex string and returns its first character.
func first(s string) rune {
	var u []uint16
	for i := 0; i+4 <= len(s); i += 4 {
		u = append(u, uint16(hex(s[i:i+4])))
	}
	r := utf16.Decode(u)
	if len(r) == 0 {
		return 0
	}
	return r[0]
}
