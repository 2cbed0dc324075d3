package evidence

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// The lexicon is what the reader knows of how documents print their
// fields: labels, section captions, titles and table headers by kind, as
// data (lexicon/*.tsv, embedded; see lexicon/README.md). A deployer adds
// labels through HESHI_LEXICON, a folder of files of the same form.

//go:embed lexicon/*.tsv
var lexiconFS embed.FS

// LexiconEnv names the environment variable of a folder of further
// lexicon files.
const LexiconEnv = "HESHI_LEXICON"

// entryKind is what a lexicon entry's labels are.
type entryKind int

const (
	eField   entryKind = iota // labels naming a field
	eGeneric                  // labels that need a section to name a field
	eRole                     // section captions
	eIgnore                   // labels that hold no field
)

// Lexicon is the reader's knowledge of every kind.
type Lexicon struct {
	kinds map[string]*kindSpec
	// places are the place names documents print (places.tsv): see
	// correctPlaces.
	places [][]rune
}

var (
	defaultLexicon     *Lexicon
	defaultLexiconErr  error
	defaultLexiconOnce sync.Once
)

// DefaultLexicon returns the embedded lexicon with the files of
// $HESHI_LEXICON, if set, added. It is read once per process.
func DefaultLexicon() (*Lexicon, error) {
	defaultLexiconOnce.Do(func() {
		var extra fs.FS
		if dir := os.Getenv(LexiconEnv); dir != "" {
			extra = os.DirFS(dir)
		}
		defaultLexicon, defaultLexiconErr = LoadLexicon(extra)
	})
	return defaultLexicon, defaultLexiconErr
}

// mustLexicon is DefaultLexicon for readers, which cannot fail on it: the
// embedded files are checked by a test, and a broken extra file is
// reported once at start (see DefaultLexicon) and read without.
func mustLexicon() *Lexicon {
	lx, err := DefaultLexicon()
	if err == nil {
		return lx
	}
	lx, err = LoadLexicon(nil)
	if err != nil {
		panic(err) // embedded at build time; TestLexicon reads it
	}
	return lx
}

// LoadLexicon reads the embedded lexicon and then, when extra is not nil,
// the <kind>.tsv files found in extra, which add to it.
func LoadLexicon(extra fs.FS) (*Lexicon, error) {
	lx := &Lexicon{kinds: map[string]*kindSpec{}}
	for _, k := range Kinds {
		ks := &kindSpec{kind: k, markers: map[string]bool{}}
		lx.kinds[k] = ks
		for _, fsys := range []fs.FS{lexiconFS, extra} {
			if fsys == nil {
				continue
			}
			name := k + ".tsv"
			if fsys == fs.FS(lexiconFS) {
				name = "lexicon/" + name
			}
			f, err := fsys.Open(name)
			if err != nil {
				if fsys != fs.FS(lexiconFS) && errors.Is(err, fs.ErrNotExist) {
					continue
				}
				return nil, fmt.Errorf("lexicon: %w", err)
			}
			err = ks.parse(f, filepath.Base(name))
			f.Close()
			if err != nil {
				return nil, err
			}
		}
		if err := ks.check(); err != nil {
			return nil, err
		}
	}
	for _, fsys := range []fs.FS{lexiconFS, extra} {
		if fsys == nil {
			continue
		}
		name := "places.tsv"
		if fsys == fs.FS(lexiconFS) {
			name = "lexicon/" + name
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			if fsys != fs.FS(lexiconFS) && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if p := strings.TrimSpace(line); p != "" && !strings.HasPrefix(p, "#") {
				lx.places = append(lx.places, []rune(p))
			}
		}
	}
	return lx, nil
}

// Without returns a copy of the lexicon without the labels that were seen
// only in src (such as "layout:payment/colheads"), for measuring the
// reader on a layout it was not tuned on.
func (lx *Lexicon) Without(src string) *Lexicon {
	return lx.without(func(s string) bool { return s == src })
}

// WithoutLayouts returns a copy of the lexicon without every label seen
// only on generated layouts (src=layout:…): what the reader knows from
// real documents and knowledge alone, for tests of its rules.
func (lx *Lexicon) WithoutLayouts() *Lexicon {
	return lx.without(func(s string) bool { return strings.HasPrefix(s, "layout:") })
}

func (lx *Lexicon) without(drop func(src string) bool) *Lexicon {
	out := &Lexicon{kinds: map[string]*kindSpec{}}
	for k, ks := range lx.kinds {
		out.kinds[k] = ks.without(drop)
	}
	out.places = lx.places
	return out
}

// Labels returns how many labels the lexicon holds for a kind, for tests
// and reports.
func (lx *Lexicon) Labels(kind string) int {
	n := 0
	if ks := lx.kinds[kind]; ks != nil {
		for _, f := range ks.fields {
			n += len(f.labels)
		}
		for _, c := range ks.columns {
			n += len(c.labels)
		}
		n += len(ks.titles)
	}
	return n
}

// parse reads one lexicon file into ks.
func (ks *kindSpec) parse(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || len(cols) > 3 {
			return fmt.Errorf("lexicon %s line %d: want key, labels and options separated by tabs", name, n)
		}
		opts := ""
		if len(cols) == 3 {
			opts = cols[2]
		}
		if err := ks.add(cols[0], splitLabels(cols[1]), opts); err != nil {
			return fmt.Errorf("lexicon %s line %d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func splitLabels(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "|") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// lexOptions are the options of one line.
type lexOptions struct {
	typ      valueType
	hasType  bool
	optional bool
	alone    bool
	pair     string
	value    string
	src      []string
	byRole   map[string]string
}

var valueTypes = map[string]valueType{
	"text": vText, "name": vName, "code": vCode, "id": vID, "account": vAccount, "orderno": vOrderNo,
	"amount": vAmount, "upper": vUpper, "date": vDate, "compact": vCompact, "weight": vWeight, "count": vCount, "choice": vChoice,
}

func parseOptions(s string) (lexOptions, error) {
	var o lexOptions
	for _, tok := range strings.Fields(s) {
		k, v, hasValue := strings.Cut(tok, "=")
		switch {
		case k == "optional" && !hasValue:
			o.optional = true
		case k == "alone" && !hasValue:
			o.alone = true
		case k == "type":
			t, ok := valueTypes[v]
			if !ok {
				return o, fmt.Errorf("unknown type %q", v)
			}
			o.typ, o.hasType = t, true
		case k == "pair":
			o.pair = v
		case k == "value":
			o.value = v
		case k == "src":
			o.src = append(o.src, v)
		case hasValue && v != "":
			if o.byRole == nil {
				o.byRole = map[string]string{}
			}
			o.byRole[k] = v
		default:
			return o, fmt.Errorf("unknown option %q", tok)
		}
	}
	return o, nil
}

// add adds one line's labels under key.
func (ks *kindSpec) add(key string, labels []string, opts string) error {
	o, err := parseOptions(opts)
	if err != nil {
		return err
	}
	if len(o.src) == 0 {
		o.src = []string{"knowledge"}
	}
	if len(labels) == 0 {
		return fmt.Errorf("%s: no labels", key)
	}
	head, name, _ := strings.Cut(key, ":")
	switch head {
	case "title":
		for _, l := range labels {
			ks.titles = appendNew(ks.titles, squeeze(fold(l))) // compared folded, for every row read
		}
		if fk := o.byRole["issuer"]; fk != "" {
			if !contractField(ks.kind, fk) {
				return fmt.Errorf("title issuer=%s: no field of the kind", fk)
			}
			if ks.issuer == nil {
				ks.issuer, ks.issuerSrc = map[string]string{}, map[string][]string{}
			}
			for _, l := range labels {
				t := squeeze(fold(l))
				ks.issuer[t] = fk
				ks.issuerSrc[t] = appendNew(ks.issuerSrc[t], o.src...)
			}
		}
		return nil
	case "marker":
		for _, l := range labels {
			ks.markers[fold(l)] = true
		}
		return nil
	case "direction":
		switch name {
		case "debit":
			ks.debit = appendNew(ks.debit, labels...)
		case "credit":
			ks.credit = appendNew(ks.credit, labels...)
		case "debit-value":
			ks.debitValues = appendNew(ks.debitValues, labels...)
		case "credit-value":
			ks.creditValues = appendNew(ks.creditValues, labels...)
		case "label":
			f := ks.entry(eField, directionKey)
			if f == nil {
				ks.fields = append(ks.fields, fieldSpec{key: directionKey, what: eField, typ: vName, optional: true, src: map[string][]string{}})
				f = &ks.fields[len(ks.fields)-1]
			}
			for _, l := range labels {
				f.labels = appendNew(f.labels, l)
				f.src[l] = appendNew(f.src[l], o.src...)
			}
		default:
			return fmt.Errorf("direction %q: want debit, credit, debit-value, credit-value or label", name)
		}
		return nil
	case "column":
		col, ok := columnNames[name]
		if !ok {
			return fmt.Errorf("unknown column %q", name)
		}
		for i := range ks.columns {
			if ks.columns[i].col == col {
				ks.columns[i].labels = appendNew(ks.columns[i].labels, labels...)
				return nil
			}
		}
		ks.columns = append(ks.columns, columnSpec{col: col, labels: labels})
		return nil
	}
	what, fieldKey := eField, key
	switch head {
	case "generic":
		what, fieldKey = eGeneric, name
	case "role":
		what, fieldKey = eRole, name
	case "ignore":
		what, fieldKey = eIgnore, ""
	}
	if fieldKey == "" && what != eIgnore {
		return fmt.Errorf("%q: no name", key)
	}
	f := ks.entry(what, fieldKey)
	if f == nil {
		ks.fields = append(ks.fields, fieldSpec{key: fieldKey, what: what, src: map[string][]string{}})
		f = &ks.fields[len(ks.fields)-1]
	}
	for _, l := range labels {
		if !slices.Contains(f.labels, l) {
			f.labels = append(f.labels, l)
		}
		f.src[l] = appendNew(f.src[l], o.src...)
		if o.alone {
			if f.aloneLabels == nil {
				f.aloneLabels = map[string]bool{}
			}
			f.aloneLabels[l] = true
		}
	}
	if o.hasType {
		f.typ = o.typ
	}
	f.optional = f.optional || o.optional
	if o.pair != "" {
		f.pair = o.pair
	}
	if o.value != "" {
		f.value = o.value
	}
	for r, fk := range o.byRole {
		if f.byRole == nil {
			f.byRole = map[string]string{}
		}
		f.byRole[r] = fk
	}
	return nil
}

// entry returns the entry of what and key, or nil.
func (ks *kindSpec) entry(what entryKind, key string) *fieldSpec {
	for i := range ks.fields {
		if ks.fields[i].what == what && ks.fields[i].key == key {
			return &ks.fields[i]
		}
	}
	return nil
}

// check reports entries that cannot work: a field outside the kind's
// contract (KindFields), a role caption whose value is a generic the kind
// does not have.
func (ks *kindSpec) check() error {
	for _, f := range ks.fields {
		if f.what == eField && f.key != directionKey && !contractField(ks.kind, f.key) {
			return fmt.Errorf("lexicon %s: %s is no field of the kind (see KindFields)", ks.kind, f.key)
		}
		for _, fk := range f.byRole {
			if !contractField(ks.kind, fk) {
				return fmt.Errorf("lexicon %s: generic %s names %s, no field of the kind (see KindFields)", ks.kind, f.key, fk)
			}
		}
		if f.what == eRole && f.value != "" && f.value != "contact" && ks.entry(eGeneric, f.value) == nil {
			return fmt.Errorf("lexicon %s: role %s takes value=%s, which is no generic of the kind", ks.kind, f.key, f.value)
		}
	}
	return nil
}

// without returns a copy of ks without the labels seen only in sources
// drop says to drop.
func (ks *kindSpec) without(drop func(src string) bool) *kindSpec {
	out := &kindSpec{kind: ks.kind, markers: ks.markers, titles: ks.titles, debit: ks.debit, credit: ks.credit,
		debitValues: ks.debitValues, creditValues: ks.creditValues}
	for t, fk := range ks.issuer {
		if onlyFrom(ks.issuerSrc[t], drop) {
			continue
		}
		if out.issuer == nil {
			out.issuer = map[string]string{}
		}
		out.issuer[t] = fk
	}
	for _, f := range ks.fields {
		g := f
		g.labels = nil
		for _, l := range f.labels {
			if onlyFrom(f.src[l], drop) {
				continue
			}
			g.labels = append(g.labels, l)
		}
		out.fields = append(out.fields, g)
	}
	for _, c := range ks.columns {
		out.columns = append(out.columns, c) // columns carry no sources yet
	}
	return out
}

// onlyFrom reports whether every one of srcs is to be dropped.
func onlyFrom(srcs []string, drop func(string) bool) bool {
	for _, s := range srcs {
		if !drop(s) {
			return false
		}
	}
	return len(srcs) > 0
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

// directionKey is the entry of the labels whose value tells a receipt's
// direction (交易类型 收款, 借贷标志 借).
const directionKey = "~direction"

// spec returns what the lexicon knows of kind, or nil.
func (lx *Lexicon) spec(kind string) *kindSpec { return lx.kinds[kind] }

// specOf returns what the default lexicon knows of kind, or nil.
func specOf(kind string) *kindSpec { return mustLexicon().spec(kind) }
