package pdftext

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Scanned PDFs: a scanner or a phone app wraps each page's photo in a PDF
// page that draws one image and no text. PageImages returns those images
// so that OCR can read them.

// PageImage is the largest image a page draws: its scan.
type PageImage struct {
	Page int // 1-based
	// JPEG is the image as stored, for a DCTDecode image (most scans);
	// nil otherwise.
	JPEG []byte
	// Samples are the decoded samples of an uncompressed or FlateDecode
	// image, rows top down, Components samples a pixel of Bits bits
	// each, rows padded to a byte; nil for a JPEG.
	Samples                         []byte
	Width, Height, Components, Bits int
}

// MaxImagePixels bounds the pixels of a page image PageImages returns.
const MaxImagePixels = 50_000_000

// minScanPixels is the least size of an image taken for a page's scan: a
// logo or a seal is smaller.
const minScanPixels = 200 * 200

// ErrImageFormat reports a page image in a form PageImages does not
// decode (JPEG 2000, CCITT fax, JBIG2, or an unusual colour space); it
// wraps ErrUnreadable.
var ErrImageFormat = fmt.Errorf("%w: page image in an unsupported form", ErrUnreadable)

// PageImages returns, for each page of the PDF in data that draws an
// image, the largest one it names in its resources (its scan), pages in
// order. Pages without one are left out. A page image larger than
// MaxImagePixels, or stored in a form it does not read, is an error: the
// document needs a person.
func PageImages(data []byte, lim Limits) (out []PageImage, err error) {
	lim, err = lim.admit(data)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			out = nil
			err = classify(fmt.Errorf("parser failure: %v", r))
		}
	}()
	pages, raw, err := openPages(data, lim)
	if err != nil {
		return nil, err
	}
	for i, pv := range pages {
		img, ok := largestImage(inherited(pv, "Resources").Key("XObject"))
		if !ok {
			continue
		}
		pi, err := readImage(img, raw)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		pi.Page = i + 1
		out = append(out, pi)
	}
	return out, nil
}

// largestImage returns the image XObject of most pixels among xobjects,
// looking one level into form XObjects (a scan app wraps its image in
// one).
func largestImage(xobjects pdf.Value) (pdf.Value, bool) {
	var best pdf.Value
	most := int64(minScanPixels - 1)
	var visit func(xs pdf.Value, depth int)
	visit = func(xs pdf.Value, depth int) {
		for _, k := range xs.Keys() {
			x := xs.Key(k)
			switch x.Key("Subtype").Name() {
			case "Image":
				if n := x.Key("Width").Int64() * x.Key("Height").Int64(); n > most {
					best, most = x, n
				}
			case "Form":
				if depth == 0 {
					visit(x.Key("Resources").Key("XObject"), depth+1)
				}
			}
		}
	}
	visit(xobjects, 0)
	return best, most >= minScanPixels
}

// readImage reads the samples, or the JPEG file, of image XObject img;
// raw is the file, for a JPEG's bytes as stored.
func readImage(img pdf.Value, raw []byte) (PageImage, error) {
	w, h := img.Key("Width").Int64(), img.Key("Height").Int64()
	if w <= 0 || h <= 0 || w*h > MaxImagePixels {
		return PageImage{}, fmt.Errorf("%w: page image of %d×%d pixels", ErrTooLarge, w, h)
	}
	pi := PageImage{Width: int(w), Height: int(h), Bits: int(img.Key("BitsPerComponent").Int64())}
	filter := img.Key("Filter")
	if filter.Kind() == pdf.Array && filter.Len() == 1 {
		filter = filter.Index(0)
	}
	switch filter.Name() {
	case "DCTDecode":
		b, err := storedBytes(img, raw)
		if err != nil {
			return PageImage{}, err
		}
		pi.JPEG = b
		return pi, nil
	case "FlateDecode", "":
		if filter.Kind() == pdf.Array {
			break // a chain of filters
		}
		if img.Key("DecodeParms").Key("Predictor").Int64() > 1 {
			break
		}
		switch img.Key("ColorSpace").Name() {
		case "DeviceGray", "CalGray":
			pi.Components = 1
		case "DeviceRGB", "CalRGB":
			pi.Components = 3
		}
		if img.Key("ImageMask").Bool() {
			pi.Components, pi.Bits = 1, 1
		}
		if pi.Components == 0 || pi.Bits != 8 && pi.Bits != 1 {
			break
		}
		want := int64(pi.Height) * int64((pi.Width*pi.Components*pi.Bits+7)/8)
		b, err := io.ReadAll(io.LimitReader(img.Reader(), want+1))
		if err != nil {
			return PageImage{}, fmt.Errorf("%w: page image: %w", ErrUnreadable, err)
		}
		if int64(len(b)) < want {
			return PageImage{}, fmt.Errorf("%w: page image holds %d bytes, %d×%d needs %d", ErrUnreadable, len(b), w, h, want)
		}
		pi.Samples = b[:want]
		return pi, nil
	}
	return PageImage{}, fmt.Errorf("%w: %s, %s", ErrImageFormat, img.Key("Filter"), img.Key("ColorSpace"))
}

// storedBytes returns a stream's bytes as the file stores them, before
// any filter: the parser gives a stream's offset only in its printed form
// (<<…>>@offset).
func storedBytes(v pdf.Value, raw []byte) ([]byte, error) {
	s := v.String()
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return nil, fmt.Errorf("%w: image stream without an offset", ErrUnreadable)
	}
	off, err := strconv.ParseInt(s[at+1:], 10, 64)
	n := v.Key("Length").Int64()
	if err != nil || off < 0 || n <= 0 || off > int64(len(raw)) || n > int64(len(raw))-off {
		return nil, fmt.Errorf("%w: image stream of %d bytes at %d, outside the file", ErrUnreadable, n, off)
	}
	b := raw[off : off+n]
	if !bytes.HasPrefix(b, []byte{0xff, 0xd8}) {
		return nil, fmt.Errorf("%w: DCTDecode image is no JPEG", ErrUnreadable)
	}
	return b, nil
}
