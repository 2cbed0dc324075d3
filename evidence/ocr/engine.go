// Package ocr reads the text of a page image with the PaddleOCR PP-OCRv4
// models run by ONNX Runtime: DB text detection, an optional direction
// classifier, and CRNN/SVTR recognition with CTC decoding. It returns
// words with boxes and confidences in reading order, on a page turned
// upright (quarter turns found from the boxes and the classifier) and
// with coordinates deskewed (small tilts measured from the text lines).
//
// The runtime (libonnxruntime.so.1) and the models are not part of the
// module; scripts/ocr.sh fetches them by name and version and checks
// their SHA-256, into the directory HESHI_OCR_DIR names (var/ocr by
// default). The engine runs one intra-op thread by default: heshi runs one
// OCR per core, each in its own sandboxed child process.
//
// An Engine is not safe for concurrent use. The ONNX Runtime environment
// is process-wide and is created by the first New and kept for the life
// of the process.
package ocr

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	ort "github.com/yalue/onnxruntime_go"
)

// ErrTooLarge reports an image with a side longer than Config.MaxSide.
var ErrTooLarge = errors.New("ocr: image too large")

// Files of an installation directory laid out by scripts/ocr.sh.
const (
	RuntimeFile = "libonnxruntime.so.1"
	DetFile     = "ch_PP-OCRv4_det_infer.onnx"
	RecFile     = "ch_PP-OCRv4_rec_infer.onnx"
	ClsFile     = "ch_ppocr_mobile_v2.0_cls_infer.onnx"
	DictFile    = "ppocr_keys_v1.txt"
)

// Config says where the runtime and models are and how to run them. A
// zero numeric field takes its default; the Skip fields turn steps off.
type Config struct {
	Runtime  string // libonnxruntime.so.1
	DetModel string // text detection
	RecModel string // text recognition
	ClsModel string // text direction (0° or 180°); "" disables its uses
	Dict     string // the recogniser's character list, one a line

	// MaxSide is the longest image side accepted (default 2500 px): an
	// A4 page at 200 dpi is 1654×2339. Check it before decoding with
	// DecodeImage.
	MaxSide int
	// DetMaxSide is the longest side the page is scaled down to for
	// detection (default 1600); detection costs grow with its square.
	DetMaxSide int

	DetThresh   float64 // pixel threshold of the probability map (0.3)
	BoxThresh   float64 // minimum mean probability of a box (0.6)
	UnclipRatio float64 // box growth (1.5)
	MinConf     float64 // lines read with a lower mean confidence are dropped (0.5)
	// RecBatch is how many lines are recognised in one run (default 1).
	// On one thread batching saves nothing, and the padding a batch needs
	// costs time and changes what a line reads as (the recogniser's
	// attention sees the padding).
	RecBatch int
	// RecMinWidth is the width lines narrower are padded to (default
	// 320, the recogniser's training width; 160 was 12% faster at the
	// same accuracy on the test set).
	RecMinWidth int
	Threads     int // intra-op threads of each model (1)
	// DetDilate grows the text mask by a pixel before finding boxes
	// (PaddleOCR's use_dilation): it joins lines that break apart but
	// merges the lines of small, tight print; off by default.
	DetDilate bool

	// KeepSeals reads the page as it is, red seals and all, instead of
	// whitening the seals first (see dropSeals).
	KeepSeals bool
	// SkipOrientation keeps the page as given instead of finding its
	// quarter turn.
	SkipOrientation bool
	// SkipDeskew reports coordinates as found instead of in a frame
	// turned by the measured skew.
	SkipDeskew bool
	// LineCls runs the direction classifier on every line and reads those
	// it finds upside down turned round (PaddleOCR's use_angle_cls).
	// Pages are turned as a whole anyway, so this only helps pages that
	// mix directions.
	LineCls bool
}

// DefaultDir is the installation directory: HESHI_OCR_DIR, else var/ocr
// (relative to the working directory, as make runs heshi).
func DefaultDir() string {
	if dir := os.Getenv("HESHI_OCR_DIR"); dir != "" {
		return dir
	}
	return filepath.Join("var", "ocr")
}

// Installed reports whether dir holds the runtime and every model file,
// and if not, which is missing.
func Installed(dir string) error {
	for _, f := range []string{RuntimeFile, DetFile, RecFile, ClsFile, DictFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return fmt.Errorf("ocr: not installed in %s: %w", dir, err)
		}
	}
	return nil
}

// DefaultConfig returns the configuration for an installation directory
// laid out by scripts/ocr.sh.
func DefaultConfig(dir string) Config {
	return Config{
		Runtime:  filepath.Join(dir, RuntimeFile),
		DetModel: filepath.Join(dir, DetFile),
		RecModel: filepath.Join(dir, RecFile),
		ClsModel: filepath.Join(dir, ClsFile),
		Dict:     filepath.Join(dir, DictFile),
	}
}

func (c *Config) fill() {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt(&c.MaxSide, 2500)
	defInt(&c.DetMaxSide, 1600)
	def(&c.DetThresh, 0.3)
	def(&c.BoxThresh, 0.6)
	def(&c.UnclipRatio, 1.5)
	def(&c.MinConf, 0.5)
	defInt(&c.RecBatch, 1)
	defInt(&c.RecMinWidth, 320)
	defInt(&c.Threads, 1)
}

// Engine holds the loaded models.
type Engine struct {
	cfg           Config
	det, rec, cls *ort.DynamicAdvancedSession
	dict          []string
	db            dbParams
}

var (
	envMu      sync.Mutex
	envRuntime string
)

// initRuntime loads the runtime library once per process.
func initRuntime(path string) error {
	envMu.Lock()
	defer envMu.Unlock()
	if envRuntime != "" {
		if envRuntime != path {
			return fmt.Errorf("ocr: runtime %s already loaded, cannot load %s", envRuntime, path)
		}
		return nil
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("ocr: runtime: %w", err)
	}
	ort.SetSharedLibraryPath(path)
	if err := ort.InitializeEnvironment(ort.WithLogLevelError()); err != nil {
		return fmt.Errorf("ocr: runtime %s: %w", path, err)
	}
	envRuntime = path
	return nil
}

// New loads the models of cfg.
func New(cfg Config) (*Engine, error) {
	cfg.fill()
	if err := initRuntime(cfg.Runtime); err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, db: dbParams{
		thresh:      float32(cfg.DetThresh),
		boxThresh:   cfg.BoxThresh,
		unclipRatio: cfg.UnclipRatio,
		minSize:     3,
		maxBoxes:    1000,
		dilate:      cfg.DetDilate,
	}}
	var err error
	if e.dict, err = loadDict(cfg.Dict); err != nil {
		return nil, err
	}
	if e.det, _, err = e.session(cfg.DetModel); err != nil {
		e.Close()
		return nil, err
	}
	var classes int64
	if e.rec, classes, err = e.session(cfg.RecModel); err != nil {
		e.Close()
		return nil, err
	}
	if classes != int64(len(e.dict)+1) {
		e.Close()
		return nil, fmt.Errorf("ocr: %s has %d classes, %s gives %d (+1 blank)", cfg.RecModel, classes, cfg.Dict, len(e.dict))
	}
	if cfg.ClsModel != "" {
		if e.cls, _, err = e.session(cfg.ClsModel); err != nil {
			e.Close()
			return nil, err
		}
	}
	return e, nil
}

// session opens a model with one input and one output, and returns the
// size of the output's last dimension.
func (e *Engine) session(path string) (*ort.DynamicAdvancedSession, int64, error) {
	ins, outs, err := ort.GetInputOutputInfo(path)
	if err != nil {
		return nil, 0, fmt.Errorf("ocr: %s: %w", path, err)
	}
	if len(ins) != 1 || len(outs) != 1 {
		return nil, 0, fmt.Errorf("ocr: %s has %d inputs and %d outputs, want 1 and 1", path, len(ins), len(outs))
	}
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, 0, fmt.Errorf("ocr: session options: %w", err)
	}
	defer opts.Destroy()
	if err := opts.SetIntraOpNumThreads(e.cfg.Threads); err != nil {
		return nil, 0, fmt.Errorf("ocr: threads: %w", err)
	}
	if err := opts.SetInterOpNumThreads(1); err != nil {
		return nil, 0, fmt.Errorf("ocr: threads: %w", err)
	}
	// ONNX Runtime's memory arena stays on: without it the allocations
	// of every run go to malloc, and the process's peak memory was larger
	// and varied from run to run (fragmentation). Memory patterns plan
	// for one input shape; every page and line has its own.
	if err := opts.SetMemPattern(false); err != nil {
		return nil, 0, fmt.Errorf("ocr: memory pattern: %w", err)
	}
	s, err := ort.NewDynamicAdvancedSession(path, []string{ins[0].Name}, []string{outs[0].Name}, opts)
	if err != nil {
		return nil, 0, fmt.Errorf("ocr: %s: %w", path, err)
	}
	dims := outs[0].Dimensions
	return s, dims[len(dims)-1], nil
}

// loadDict reads the character list; the recogniser's last class is a
// space, which the list does not hold.
func loadDict(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ocr: dictionary: %w", err)
	}
	defer f.Close()
	var dict []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		dict = append(dict, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ocr: dictionary: %w", err)
	}
	return append(dict, " "), nil
}

// Close releases the models.
func (e *Engine) Close() error {
	for _, s := range []*ort.DynamicAdvancedSession{e.det, e.rec, e.cls} {
		if s != nil {
			s.Destroy()
		}
	}
	e.det, e.rec, e.cls = nil, nil, nil
	return nil
}

// Word is a run of characters on one line with no wide gap, in the
// upright, deskewed page: X, Y the top left corner and W, H the size of
// its box in pixels (origin at the top left, y down), Conf the mean
// probability of its characters, Line the index of its visual line (top
// to bottom; words of one line share it and come left to right).
type Word struct {
	Text       string
	X, Y, W, H float64
	Conf       float64
	Line       int
	// Chars are the word's characters; their X0 and X1 are page x
	// coordinates (in the same frame as X) from the recogniser's time
	// steps, good to about a quarter of a character.
	Chars []Char
	// Vertical marks a word of a column of text read top to bottom.
	Vertical bool
}

// Page is the text of one page image.
type Page struct {
	// Width and Height of the page after it was turned upright.
	Width, Height int
	// Rotation is how far the image was turned clockwise to stand it
	// upright: 0, 90, 180 or 270 degrees.
	Rotation int
	// Skew is the tilt of the text lines in degrees (positive: rising to
	// the right, i.e. turned counter-clockwise). Word boxes are in a frame
	// turned by it about the page centre, so that a printed line has one y.
	Skew  float64
	Words []Word
	// Timing says how long each step took.
	Timing Timing
}

// Timing is the wall time of each step of one page.
type Timing struct {
	Detect    time.Duration // text detection (twice for a page on its side)
	Orient    time.Duration // the upside-down check, beyond detection
	Recognize time.Duration // cropping and recognising the lines
}

// Recognize returns the words of img in reading order.
func (e *Engine) Recognize(img image.Image) ([]Word, error) {
	p, err := e.RecognizePage(img)
	if err != nil {
		return nil, err
	}
	return p.Words, nil
}

// RecognizePage reads img and says how it was turned and deskewed.
func (e *Engine) RecognizePage(img image.Image) (*Page, error) {
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return &Page{}, nil
	}
	if b.Dx() > e.cfg.MaxSide || b.Dy() > e.cfg.MaxSide {
		return nil, fmt.Errorf("%w: %d×%d, longest side allowed %d", ErrTooLarge, b.Dx(), b.Dy(), e.cfg.MaxSide)
	}
	var tm Timing
	t0 := time.Now()
	page := toRaster(img)
	if !e.cfg.KeepSeals {
		page.dropSeals()
	}
	boxes, err := e.detect(page)
	if err != nil {
		return nil, err
	}
	tm.Detect = time.Since(t0)
	rotation := 0
	if !e.cfg.SkipOrientation {
		t := time.Now()
		var det time.Duration
		if page, boxes, rotation, det, err = e.orient(page, boxes); err != nil {
			return nil, err
		}
		tm.Detect += det
		tm.Orient = time.Since(t) - det
	}
	t1 := time.Now()
	skew := 0.0
	if !e.cfg.SkipDeskew {
		skew = measureSkew(boxes)
	}

	boxes = mergeOverlaps(boxes)
	padBoxes(boxes)
	strips := make([]strip, len(boxes))
	for i, bx := range boxes {
		strips[i] = makeStrip(page, bx.r, false)
	}
	if e.cfg.LineCls && e.cls != nil && len(strips) > 0 {
		up, err := e.classifyAll(page, strips)
		if err != nil {
			return nil, err
		}
		for i, p := range up {
			if p > 0.9 {
				strips[i] = makeStrip(page, boxes[i].r, true)
			}
		}
	}
	texts, err := e.recognize(page, strips)
	if err != nil {
		return nil, err
	}
	frame := deskewFrame{cx: float64(page.w) / 2, cy: float64(page.h) / 2, angle: skew * math.Pi / 180}
	var words []Word
	for i, lt := range texts {
		if len(lt.chars) == 0 || lt.conf < e.cfg.MinConf {
			continue
		}
		words = append(words, placeWords(strips[i], lt, frame)...)
	}
	orderWords(words)
	tm.Recognize = time.Since(t1)
	return &Page{Width: page.w, Height: page.h, Rotation: rotation, Skew: skew, Words: words, Timing: tm}, nil
}

// classifyAll runs the direction classifier over strips in batches.
func (e *Engine) classifyAll(page *raster, strips []strip) ([]float64, error) {
	var out []float64
	for start := 0; start < len(strips); start += 16 {
		p, err := e.classify(page, strips[start:min(start+16, len(strips))])
		if err != nil {
			return nil, err
		}
		out = append(out, p...)
	}
	return out, nil
}

// measureSkew returns the tilt of the text in degrees (positive rising to
// the right): the median angle of the long, thin boxes (a text line
// is at least three times as long as it is high), 0 with fewer than three.
func measureSkew(boxes []detBox) float64 {
	var angles []float64
	for _, b := range boxes {
		if b.r.w >= 3*b.r.h {
			angles = append(angles, b.r.angle)
		}
	}
	if len(angles) < 3 {
		return 0
	}
	sort.Float64s(angles)
	m := angles[len(angles)/2]
	if len(angles)%2 == 0 {
		m = (m + angles[len(angles)/2-1]) / 2
	}
	// The image's y axis points down: a line rising to the right has a
	// negative angle.
	return -m * 180 / math.Pi
}

// deskewFrame turns page points by angle (radians, clockwise on screen
// positive) about (cx, cy).
type deskewFrame struct{ cx, cy, angle float64 }

func (f deskewFrame) apply(p point) point {
	if f.angle == 0 {
		return p
	}
	s, c := math.Sincos(f.angle)
	dx, dy := p.x-f.cx, p.y-f.cy
	return point{f.cx + dx*c - dy*s, f.cy + dx*s + dy*c}
}
