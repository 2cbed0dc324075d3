package ocr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"math"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/image/draw"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// Reading scans: page images go through the engine, their words become
// the positioned rows every reader of heshi takes (pdftext.Row), and the
// layout reader reads the fields from them as from a PDF's text layer.

// MaxPixels bounds the pixels of an image that is decoded at all (50
// megapixels: a phone's photo is 12-48); an image with more is refused
// from its header, before its pixels are allocated. One with a side
// longer than Config.MaxSide is scaled down after decoding.
const MaxPixels = 50_000_000

// pageWidth is the width, in points, a page image is scaled to in its
// rows: an A4 page's. The reader's geometry is relative to the text's
// size, so only the proportions matter.
const pageWidth = 595.0

// DecodeScaled decodes a JPEG or PNG page image, refusing one of more
// than MaxPixels from its header and scaling one with a side longer than
// maxSide down to it.
func DecodeScaled(data []byte, maxSide int) (image.Image, error) {
	return decodeScaled(data, maxSide, MaxPixels)
}

func decodeScaled(data []byte, maxSide int, maxPixels int64) (image.Image, error) {
	if maxSide <= 0 {
		maxSide = 2500
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("ocr: image header: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("ocr: image of %d×%d pixels", cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, fmt.Errorf("%w: %d×%d, more than %d pixels", ErrTooLarge, cfg.Width, cfg.Height, maxPixels)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("ocr: image: %w", err)
	}
	return fit(img, maxSide), nil
}

// DecodePageImage decodes a scanned PDF page's image (see
// pdftext.PageImages), scaling it down to maxSide.
func DecodePageImage(pi pdftext.PageImage, maxSide int) (image.Image, error) {
	if maxSide <= 0 {
		maxSide = 2500
	}
	if pi.JPEG != nil {
		return DecodeScaled(pi.JPEG, maxSide)
	}
	if int64(pi.Width)*int64(pi.Height) > MaxPixels {
		return nil, fmt.Errorf("%w: %d×%d, more than %d pixels", ErrTooLarge, pi.Width, pi.Height, MaxPixels)
	}
	stride := (pi.Width*pi.Components*pi.Bits + 7) / 8
	if len(pi.Samples) < stride*pi.Height {
		return nil, fmt.Errorf("ocr: page image of %d bytes, %d×%d needs %d", len(pi.Samples), pi.Width, pi.Height, stride*pi.Height)
	}
	r := image.Rect(0, 0, pi.Width, pi.Height)
	var img image.Image
	switch {
	case pi.Components == 1 && pi.Bits == 8:
		img = &image.Gray{Pix: pi.Samples, Stride: stride, Rect: r}
	case pi.Components == 3 && pi.Bits == 8:
		rgba := image.NewRGBA(r)
		for y := 0; y < pi.Height; y++ {
			src, dst := pi.Samples[y*stride:], rgba.Pix[y*rgba.Stride:]
			for x := 0; x < pi.Width; x++ {
				dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = src[3*x], src[3*x+1], src[3*x+2], 0xff
			}
		}
		img = rgba
	case pi.Components == 1 && pi.Bits == 1:
		g := image.NewGray(r)
		for y := 0; y < pi.Height; y++ {
			for x := 0; x < pi.Width; x++ {
				if pi.Samples[y*stride+x/8]&(0x80>>(x%8)) != 0 {
					g.Pix[y*g.Stride+x] = 0xff
				}
			}
		}
		img = g
	default:
		return nil, fmt.Errorf("ocr: page image of %d components of %d bits", pi.Components, pi.Bits)
	}
	return fit(img, maxSide), nil
}

// ExtractPDFScan reads a PDF whose pages are scans: the image each page
// draws.
func (e *Engine) ExtractPDFScan(pages []pdftext.PageImage, kind string) evidence.Extraction {
	imgs := make([]image.Image, 0, len(pages))
	for _, pi := range pages {
		img, err := DecodePageImage(pi, e.cfg.MaxSide)
		if err != nil {
			return unreadable(kind, fmt.Sprintf("page %d: %v", pi.Page, err))
		}
		imgs = append(imgs, img)
	}
	return e.ExtractImages(imgs, kind)
}

// fit scales img down so that no side is longer than maxSide.
func fit(img image.Image, maxSide int) image.Image {
	b := img.Bounds()
	long := max(b.Dx(), b.Dy())
	if long <= maxSide {
		return img
	}
	f := float64(maxSide) / float64(long)
	w, h := max(1, int(math.Round(float64(b.Dx())*f))), max(1, int(math.Round(float64(b.Dy())*f)))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.BiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

// sealText matches the straight text of a seal (回单专用章, 财务专用章,
// 发票专用章): a stamp's words, read as a line of their own, are never a
// field's value.
var sealText = regexp.MustCompile(`^(?:电子)?(?:回单|业务|财务|发票|合同|结算|验收|收货|印鉴)?专用章$|^(?:公章|财务章)$`)

// Rows turns the words of a page image into the rows of page number page,
// scaled to an A4 page's width in points, y up from the bottom as in a
// PDF. Each word stays an item of its own, its place names misread with
// doubt mended (evidence.MendPlaces; notes says what was). conf holds, for
// each row, the lowest confidence of its words.
func Rows(p *Page, page int) (rows []pdftext.Row, conf []float64, notes []string) {
	if p.Width <= 0 || len(p.Words) == 0 {
		return nil, nil, nil
	}
	s := pageWidth / float64(p.Width)
	// The engine groups words into visual lines (Word.Line); words of one
	// line share a baseline here, the median of their boxes' middles less
	// a third of their height, so that a big and a small word of one line
	// (合计 beside its figures) stay on one row however their boxes end.
	middles := map[int][]float64{}
	for _, w := range p.Words {
		if !w.Vertical {
			middles[w.Line] = append(middles[w.Line], w.Y+w.H/2-w.H/3)
		}
	}
	base := map[int]float64{}
	for line, ms := range middles {
		sort.Float64s(ms)
		base[line] = ms[len(ms)/2]
	}
	// Each word is an item of its own: the engine split the line's text
	// at its gaps, and boxes padded into each other must not run words
	// together (a vertical caption's 收 into the 户名 beside it).
	type word struct {
		it   pdftext.Item
		conf float64
	}
	var words []word
	for _, w := range p.Words {
		t := strings.TrimSpace(w.Text)
		if t == "" || sealText.MatchString(t) {
			continue
		}
		if !w.Vertical && t == w.Text {
			cs := make([]float64, len(w.Chars))
			for k, c := range w.Chars {
				cs[k] = c.Conf
			}
			var ns []string
			if t, ns = evidence.MendPlaces(t, cs); len(ns) > 0 {
				for _, n := range ns {
					notes = append(notes, fmt.Sprintf("page %d: %s", page, n))
				}
			}
		}
		if rs := []rune(t); w.Vertical && len(rs) > 1 {
			// A column read top to bottom (付/款/人 beside a receipt's
			// rows, a margin's 本凭证作…) is one character a row, as a
			// PDF page draws it: the reader finds such captions.
			pitch := w.H / float64(len(rs))
			for k, r := range rs {
				y := (float64(p.Height) - (w.Y + float64(k+1)*pitch)) * s
				words = append(words, word{pdftext.Item{X: w.X * s, Y: y, W: w.W * s, Size: math.Min(w.W, pitch) * s, Text: string(r)}, w.Conf})
			}
			continue
		}
		y := (float64(p.Height) - (base[w.Line] + w.H/3)) * s
		words = append(words, word{pdftext.Item{X: w.X * s, Y: y, W: w.W * s, Size: w.H * s, Text: t}, w.Conf})
	}
	// Rows as a PDF's: top to bottom, an item joining the row whose first
	// item's baseline is within half the smaller size of its own.
	sort.SliceStable(words, func(i, j int) bool { return words[i].it.Y > words[j].it.Y })
	for start := 0; start < len(words); {
		anchor := words[start].it
		end := start + 1
		for end < len(words) && anchor.Y-words[end].it.Y <= 0.5*math.Min(anchor.Size, words[end].it.Size) {
			end++
		}
		line := words[start:end]
		start = end
		sort.SliceStable(line, func(i, j int) bool { return line[i].it.X < line[j].it.X })
		row := pdftext.Row{Page: page, Y: anchor.Y, PageWidth: pageWidth}
		c := 1.0
		for _, w := range line {
			row.Items = append(row.Items, w.it)
			c = math.Min(c, w.conf)
		}
		rows, conf = append(rows, row), append(conf, c)
	}
	return rows, conf, notes
}

// ExtractImages reads the fields of a document of kind ("" to detect it)
// from its page images, in order: each is recognised, its words laid out
// in rows and the rows read as a text layer is. A field's confidence is
// the reader's times the lowest confidence of the words on its row.
func (e *Engine) ExtractImages(pages []image.Image, kind string) evidence.Extraction {
	var rows []pdftext.Row
	var notes []string
	confOf := map[string]float64{} // page and row text → confidence
	for i, img := range pages {
		p, err := e.RecognizePage(img)
		if err != nil {
			return unreadable(kind, fmt.Sprintf("page %d: %v", i+1, err))
		}
		rs, cs, ns := Rows(p, i+1)
		for k, r := range rs {
			confOf[rowKey(r.Page, r.Text())] = cs[k]
		}
		rows = append(rows, rs...)
		notes = append(notes, ns...)
	}
	x := evidence.ExtractRows(rows, kind, evidence.SourceOCR)
	x.Problems = append(x.Problems, notes...)
	if !x.Readable && x.Reason == evidence.ReasonNoText {
		x.Reason = "no text found on the image (needs human reading)"
	}
	weigh := func(x *evidence.Extraction) {
		for k, f := range x.Fields {
			if c, ok := confOf[rowKey(f.Page, f.Text)]; ok {
				f.Conf = math.Round(f.Conf*c*1000) / 1000
				x.Fields[k] = f
			}
		}
	}
	weigh(&x)
	for i := range x.Slips {
		weigh(&x.Slips[i])
	}
	return x
}

// ExtractImage reads a JPEG or PNG file: one page.
func (e *Engine) ExtractImage(data []byte, kind string) evidence.Extraction {
	img, err := DecodeScaled(data, e.cfg.MaxSide)
	if err != nil {
		reason := err.Error()
		if errors.Is(err, ErrTooLarge) {
			reason = "over limits: " + reason
		}
		return unreadable(kind, reason)
	}
	return e.ExtractImages([]image.Image{img}, kind)
}

func rowKey(page int, text string) string { return fmt.Sprintf("%d\x00%s", page, text) }

func unreadable(kind, reason string) evidence.Extraction {
	return evidence.Extraction{Kind: kind, Source: evidence.SourceOCR, Fields: map[string]evidence.Field{}, Reason: reason + " (needs human reading)"}
}
