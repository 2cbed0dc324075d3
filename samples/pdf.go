package samples

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/signintech/gopdf"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
)

// fontFamily is the name the documents' font goes by inside a PDF.
const fontFamily = "WenQuanYiMicroHei"

// docJob is one document to write.
type docJob struct {
	d    *orderDocs
	kind pipeline.DocKind
}

// docDate is the date a document bears, used as its PDF creation date.
func docDate(d *orderDocs, kind pipeline.DocKind) pipeline.Date {
	switch kind {
	case pipeline.KindPayment:
		return d.payment.date
	case pipeline.KindLogistics:
		return d.logistics.signed
	case pipeline.KindInvoice:
		return d.invoice.date
	case pipeline.KindAcceptance:
		return d.acceptance.date
	}
	return d.contract.date
}

// pdfBytes draws a laid-out page with gopdf. The creation date is fixed by
// the caller, so the same page gives the same bytes.
func pdfBytes(fonts *gopdf.FontContainer, pg *page, created time.Time) ([]byte, error) {
	gp := &gopdf.GoPdf{}
	size := *gopdf.PageSizeA4
	if pg.w != pageW || pg.h != pageH {
		size = gopdf.Rect{W: pg.w, H: pg.h}
	}
	gp.Start(gopdf.Config{PageSize: size})
	gp.SetInfo(gopdf.PdfInfo{Producer: "heshi samples (gopdf)", CreationDate: created})
	if err := gp.AddTTFFontFromFontContainer(fontFamily, fonts); err != nil {
		return nil, err
	}
	gp.AddPage()
	// Fills, strokes and inks are drawn only by the newer layouts: a
	// classic page gives the same bytes as before they existed.
	if len(pg.fills) > 0 {
		for _, f := range pg.fills {
			gp.SetFillColor(f.ink.components())
			gp.RectFromUpperLeftWithStyle(f.x, f.y, f.w, f.h, "F")
		}
		gp.SetFillColor(0, 0, 0) // text is filled too
	}
	gp.SetLineWidth(0.6)
	for _, r := range pg.rules {
		gp.Line(r.x1, r.y1, r.x2, r.y2)
	}
	if len(pg.strokes) > 0 {
		for _, s := range pg.strokes {
			gp.SetLineWidth(s.width)
			gp.SetStrokeColor(s.ink.components())
			if s.dash {
				gp.SetCustomLineType([]float64{2.5, 2}, 0)
			}
			gp.Line(s.x1, s.y1, s.x2, s.y2)
			if s.dash {
				gp.SetLineType("solid")
			}
		}
		gp.SetStrokeColor(0, 0, 0)
	}
	fontSize := 0.0
	color := inkBlack
	for _, it := range pg.items {
		if it.size != fontSize {
			if err := gp.SetFont(fontFamily, "", it.size); err != nil {
				return nil, err
			}
			fontSize = it.size
		}
		if it.ink != color {
			gp.SetTextColor(it.ink.components())
			color = it.ink
		}
		gp.SetXY(it.x, it.y)
		if err := gp.Text(it.s); err != nil {
			return nil, err
		}
	}
	return gp.GetBytesPdfReturnErr()
}

// brokenBytes returns what an unreadable document holds instead of pdf.
func brokenBytes(rng *rand.Rand, mode int, pdf []byte) []byte {
	switch mode {
	case brokenTruncated:
		return pdf[:len(pdf)*(25+rng.IntN(45))/100]
	case brokenCorrupt:
		// Content, cross-reference table and trailer overwritten; the file
		// still ends as a PDF does.
		b := append([]byte(nil), pdf...)
		for i := len(b) / 5; i < len(b)-6; i++ {
			b[i] = byte(rng.UintN(256))
		}
		return append(b[:len(b)-6], "%%EOF\n"...)
	}
	b := append([]byte("%PDF-1.7\n"), make([]byte, 2048+rng.IntN(10240))...)
	for i := 9; i < len(b); i++ {
		b[i] = byte(rng.UintN(256))
	}
	return b
}

// writeDocuments writes the documents of docs under dir, using workers
// goroutines, and returns their paths. The font is reduced to the
// characters the documents print before any is drawn (see face).
func writeDocuments(ctx context.Context, dir string, f *face, docs []*orderDocs, workers int, progress func(done, total int)) (map[string]map[pipeline.DocKind]string, error) {
	var jobs []docJob
	paths := make(map[string]map[pipeline.DocKind]string, len(docs))
	for _, d := range docs {
		paths[d.no] = make(map[pipeline.DocKind]string, len(pipeline.DocKinds))
		for _, k := range pipeline.DocKinds {
			if k != d.missing {
				jobs = append(jobs, docJob{d, k})
				ext := "pdf"
				if f := d.scan(k); f != "" {
					ext = scanExt(f)
				}
				paths[d.no][k] = dataset.DocumentPath(d.no, k, ext)
			}
		}
	}

	// Pass 1: the characters the documents print.
	sets := make([]map[rune]bool, workers)
	err := parallel(ctx, workers, len(jobs), func(w, i int) error {
		if sets[w] == nil {
			sets[w] = make(map[rune]bool, 4096)
		}
		render(f, jobs[i].d, jobs[i].kind).runes(sets[w])
		return nil
	}, nil)
	if err != nil {
		return nil, err
	}
	var runes []rune
	seen := map[rune]bool{}
	for _, s := range sets {
		for r := range s {
			if !seen[r] {
				seen[r] = true
				runes = append(runes, r)
			}
		}
	}
	sub, err := f.Subset(runes)
	if err != nil {
		return nil, fmt.Errorf("samples: font: %w", err)
	}

	// Pass 2: draw and write. Each worker parses the reduced font once, and
	// has its own scanner for the documents written as scans.
	containers := make([]*gopdf.FontContainer, workers)
	scanners := make([]*scanner, workers)
	err = parallel(ctx, workers, len(jobs), func(w, i int) error {
		if containers[w] == nil {
			containers[w] = &gopdf.FontContainer{}
			if err := containers[w].AddTTFFontData(fontFamily, sub); err != nil {
				return fmt.Errorf("samples: font: %w", err)
			}
		}
		j := jobs[i]
		dd := docDate(j.d, j.kind)
		created := time.Date(dd.Year, dd.Month, dd.Day, 9, 30, 0, 0, pipeline.Shanghai)
		pg := render(f, j.d, j.kind)
		var b []byte
		var err error
		if format := j.d.scan(j.kind); format != "" {
			if scanners[w] == nil {
				if scanners[w], err = newScanner(f); err != nil {
					return err
				}
			}
			if len(pg.seals) == 0 {
				pg.stamp(defaultSeal(pg, j.kind, j.d))
			}
			b, err = scanners[w].scanBytes(pg, rand.New(rand.NewPCG(j.d.seed, saltScan+100+kindSalt(j.kind))), format, created)
		} else {
			b, err = pdfBytes(containers[w], pg, created)
		}
		if err != nil {
			return fmt.Errorf("samples: %s %s: %w", j.d.no, j.kind, err)
		}
		if j.kind == j.d.unreadable {
			b = brokenBytes(rand.New(rand.NewPCG(j.d.seed, 99)), j.d.brokenMode, b)
		}
		path := filepath.Join(dir, filepath.FromSlash(paths[j.d.no][j.kind]))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, b, 0o644)
	}, progress)
	if err != nil {
		return nil, err
	}
	return paths, nil
}

// parallel runs fn(worker, i) for i in [0, n) on workers goroutines, stops
// at the first error or when ctx is done, and reports progress (from the
// calling goroutine, at most every 1% and at the end) if progress is not
// nil.
func parallel(ctx context.Context, workers, n int, fn func(worker, i int) error, progress func(done, total int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	done := make(chan struct{}, workers)
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(w, i); err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
				done <- struct{}{}
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range n {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	count, step := 0, max(1, n/100)
	for {
		select {
		case <-done:
			count++
			if progress != nil && (count%step == 0 || count == n) {
				progress(count, n)
			}
		case <-finished:
			// Drain completions sent before the workers stopped.
			for len(done) > 0 {
				<-done
				count++
				if progress != nil && count == n {
					progress(count, n)
				}
			}
			if firstErr != nil {
				return firstErr
			}
			if err := context.Cause(ctx); err != nil && count < n {
				return err
			}
			return nil
		}
	}
}

// writeGroundTruth writes layouts.csv and fields.csv: every document
// written, order by order, laid out again to learn its layout and fields
// (one page at a time).
func writeGroundTruth(ctx context.Context, dir string, f *face, docs []*orderDocs) error {
	t, err := newTruthWriter(dir)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			t.close()
			return err
		}
		for _, k := range pipeline.DocKinds {
			if k == d.missing {
				continue
			}
			pg := render(f, d, k)
			if k == d.unreadable {
				pg.fields = nil // nothing reads from a broken file
			}
			t.add(d.no, k, pg, d.scan(k))
		}
	}
	return t.finish()
}
