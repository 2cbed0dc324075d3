package main

import (
	"context"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/mediatype"
	"github.com/heshi-verify/heshi/evidence/ocr"
	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/samples"
)

// cmdAccuracy measures the reader on a generated dataset written with
// --layouts: every field each document prints against what is read, by
// layout, and with --leave-out each layout with the labels tuned on it
// left out of the lexicon.
func cmdAccuracy(ctx context.Context, e *env, args []string) error {
	fs := e.flags("accuracy")
	leaveOut := fs.Bool("leave-out", false, "also measure each layout with the lexicon's labels of that layout (src=layout:ID) left out")
	misses := fs.Int("misses", 0, "list up to this many fields read wrong per layout")
	format := fs.String("format", "table", "table or json")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (*format != "table" && *format != "json") {
		return fmt.Errorf("%w: heshi accuracy DIR [--leave-out] [--misses N] [--format table|json]", errUsage)
	}
	dir := pos[0]
	truth, err := samples.ReadDocTruth(dir)
	if err != nil {
		return err
	}
	lx, err := evidence.DefaultLexicon()
	if err != nil {
		return err
	}
	rows := map[string][]pdftext.Row{}
	sources := map[string]string{}
	var eng *ocr.Engine // started on the first scan
	defer func() {
		if eng != nil {
			eng.Close()
		}
	}()
	read := func(lx *evidence.Lexicon, d samples.DocTruth) (evidence.Extraction, error) {
		r, ok := rows[d.Path]
		if !ok {
			var src string
			if r, src, err = documentRows(filepath.Join(dir, d.Path), &eng); err != nil {
				return evidence.Extraction{Kind: string(d.Kind), Reason: err.Error(), Fields: map[string]evidence.Field{}}, nil
			}
			rows[d.Path], sources[d.Path] = r, src
		}
		return lx.ExtractRows(r, string(d.Kind), sources[d.Path]), ctx.Err()
	}
	res, err := samples.MeasureAccuracy(truth, lx, *leaveOut, read)
	if err != nil {
		return err
	}
	for i := range res {
		res[i].Misses = res[i].Misses[:min(len(res[i].Misses), *misses)]
		res[i].HeldOutMisses = res[i].HeldOutMisses[:min(len(res[i].HeldOutMisses), *misses)]
	}
	if *format == "json" {
		return writeJSONOut(e.stdout, res)
	}
	return writeAccuracy(e.stdout, res, *leaveOut)
}

// documentRows reads a document's positioned text: a PDF's text layer,
// or what OCR (*eng, loaded from HESHI_OCR_DIR on first use) recognises
// on a scan.
func documentRows(path string, eng **ocr.Engine) ([]pdftext.Row, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	mt, err := mediatype.Sniff(data[:min(len(data), mediatype.SniffLen)])
	if err != nil {
		return nil, "", err
	}
	var imgs []image.Image
	switch mt {
	case mediatype.PDF:
		rows, err := pdftext.Rows(data, pdftext.Limits{})
		if err != nil || len(rows) > 0 {
			return rows, evidence.SourcePDFText, err
		}
		pis, err := pdftext.PageImages(data, pdftext.Limits{})
		if err != nil {
			return nil, "", err
		}
		for _, pi := range pis {
			img, err := ocr.DecodePageImage(pi, 0)
			if err != nil {
				return nil, "", err
			}
			imgs = append(imgs, img)
		}
	case mediatype.JPEG, mediatype.PNG:
		img, err := ocr.DecodeScaled(data, 0)
		if err != nil {
			return nil, "", err
		}
		imgs = []image.Image{img}
	default:
		return nil, "", fmt.Errorf("reading %s is not supported here", mt)
	}
	rows, err := scanRows(eng, imgs)
	return rows, evidence.SourceOCR, err
}

// scanRows recognises the text of page images.
func scanRows(eng **ocr.Engine, pages []image.Image) ([]pdftext.Row, error) {
	if *eng == nil {
		e, err := ocr.New(ocr.DefaultConfig(ocr.DefaultDir()))
		if err != nil {
			return nil, err
		}
		*eng = e
	}
	var rows []pdftext.Row
	for i, img := range pages {
		p, err := (*eng).RecognizePage(img)
		if err != nil {
			return nil, err
		}
		rs, _, _ := ocr.Rows(p, i+1)
		rows = append(rows, rs...)
	}
	return rows, nil
}

func writeAccuracy(w io.Writer, res []samples.LayoutAccuracy, leaveOut bool) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	head := "layout\tscans\tdocuments\tfields\tright\tshare"
	if leaveOut {
		head += "\theld out\tshare held out"
	}
	fmt.Fprintln(tw, head)
	var docs, fields, right, held int
	for _, a := range res {
		scans := ""
		if a.Scans {
			scans = "yes"
		}
		line := fmt.Sprintf("%s\t%s\t%d\t%d\t%d\t%.1f%%", a.Layout, scans, a.Docs, a.Fields, a.Right, 100*a.Share())
		if leaveOut {
			line += fmt.Sprintf("\t%d\t%.1f%%", a.HeldOut, 100*a.HeldOutShare())
			held += a.HeldOut
		}
		fmt.Fprintln(tw, line)
		docs, fields, right = docs+a.Docs, fields+a.Fields, right+a.Right
	}
	total := fmt.Sprintf("all\t\t%d\t%d\t%d\t%.1f%%", docs, fields, right, 100*float64(right)/float64(max(fields, 1)))
	if leaveOut {
		total += fmt.Sprintf("\t%d\t%.1f%%", held, 100*float64(held)/float64(max(fields, 1)))
	}
	fmt.Fprintln(tw, total)
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, a := range res {
		for _, m := range a.Misses {
			fmt.Fprintf(w, "%s %s %s: want %q, got %q (%s)\n", a.Layout, m.OrderNo, m.Field, m.Want, m.Got, m.Via)
		}
	}
	for _, a := range res {
		for _, m := range a.HeldOutMisses {
			fmt.Fprintf(w, "held out: %s %s %s: want %q, got %q (%s)\n", a.Layout, m.OrderNo, m.Field, m.Want, m.Got, m.Via)
		}
	}
	return nil
}
