package evidence

import (
	"math"
	"strings"

	"github.com/heshi-verify/heshi/evidence/ident"
	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/evidence/pdftext"
)

// Expectation-guided reading: the cross-check knows the order (its parties,
// their codes, the registered account, the total). Where the reader found
// no value for a field the checks need, Locate looks for the expected
// value in the document's text and says in whose section it stands, so
// that the value counts only where its party is confirmed: the payee's
// account in the payee's section, not the payer's.

// Located is the outcome of looking for an expected value.
type Located int

const (
	NotFound  Located = iota // the value is nowhere in the document
	Confirmed                // found where the field's party prints it
	Unplaced                 // found, but nothing says whose it is
	OtherRole                // found, but in the other party's section
)

// roleOf is the party a field belongs to: payer, payee, buyer, seller,
// sender, recipient; "" for a field of the document as a whole.
func roleOf(field string) string {
	for _, r := range []string{"payer", "payee", "buyer", "seller"} {
		if strings.HasPrefix(field, r+"_") {
			return r
		}
	}
	switch field {
	case "sender", "recipient":
		return field
	case "address":
		return "recipient"
	}
	return ""
}

// otherRole is the party opposite r.
var otherRole = map[string]string{"payer": "payee", "payee": "payer", "buyer": "seller", "seller": "buyer", "sender": "recipient", "recipient": "sender"}

// Locate looks for want, the value the order expects field to have, in
// rows of a document of kind, compared as the field's type is (names
// loosely, codes and accounts exactly, amounts as money). It returns the
// field as found, with its confidence and how it was found, and whether
// its party is confirmed.
func Locate(rows []pdftext.Row, kind, field, want string) (Field, Located) {
	return mustLexicon().Locate(rows, kind, field, want)
}

// Locate is Locate with this lexicon.
func (lx *Lexicon) Locate(rows []pdftext.Row, kind, field, want string) (Field, Located) {
	spec := lx.spec(kind)
	if spec == nil || want == "" || len(rows) == 0 {
		return Field{}, NotFound
	}
	typ := vName
	if e := spec.entry(eField, field); e != nil {
		typ = e.typ
	}
	rd := newReader(spec, rows, false)
	rd.findCaptions(make([]bool, len(rd.lines)))
	role := roleOf(field)
	best, bestAt := Field{}, NotFound
	for i, l := range rd.lines {
		x, ok := rd.findValue(l, typ, want)
		if !ok {
			continue
		}
		got := rd.placeAt(i, x)
		f := Field{Value: normalisedWant(typ, want), Text: l.row.Text(), Page: l.row.Page}
		var at Located
		switch {
		case role == "" || got == role:
			at, f.Conf, f.Via = Confirmed, 0.85, "the order's value, found"
		case got == otherRole[role]:
			at, f.Via = OtherRole, "the order's value, found in the "+got+"'s section"
		default:
			at, f.Conf, f.Via = Unplaced, 0.55, "the order's value, found in no party's section"
		}
		if got != "" && at == Confirmed {
			f.Via += " in the " + got + "'s section"
		}
		if rank(at) > rank(bestAt) {
			best, bestAt = f, at
		}
	}
	return best, bestAt
}

// rank orders the outcomes of Locate, best last.
func rank(l Located) int {
	switch l {
	case Confirmed:
		return 3
	case Unplaced:
		return 2
	case OtherRole:
		return 1
	}
	return 0
}

// normalisedWant is the expected value as the field's type records it.
func normalisedWant(typ valueType, want string) string {
	v, _ := normalise(typ, fold(want), want)
	if v == "" {
		return want
	}
	return v
}

// findValue returns the x where want stands on line l, compared as type
// typ compares.
func (rd *reader) findValue(l *line, typ valueType, want string) (float64, bool) {
	text := string(l.compact)
	switch typ {
	case vAmount:
		w, err := money.ParseYuan(want)
		if err != nil {
			return 0, false
		}
		folded := string(l.runes)
		for _, loc := range figureRe.FindAllStringIndex(folded, -1) {
			if f, err := money.ParseFigures(squeeze(folded[loc[0]:loc[1]])); err == nil && f == w && strings.ContainsAny(folded[loc[0]:loc[1]], "0123456789") {
				return l.xs[runeIndex(folded, loc[0])], true
			}
		}
		return 0, false
	case vID:
		w := ident.NormalizeUSCC(want)
		if i := strings.Index(strings.ToUpper(text), w); i >= 0 && w != "" {
			return l.xs[l.at[runeIndex(text, i)]], true
		}
		return 0, false
	case vAccount, vCode:
		w := squeeze(fold(want))
		if i := strings.Index(text, w); i >= 0 && w != "" {
			return l.xs[l.at[runeIndex(text, i)]], true
		}
		return 0, false
	}
	// Names: the registered name or its core (without 有限公司, 合作社…).
	for _, w := range []string{squeeze(fold(want)), squeeze(fold(ident.SimilarName(want)))} {
		if len([]rune(w)) < 2 {
			continue
		}
		if i := strings.Index(text, w); i >= 0 {
			return l.xs[l.at[runeIndex(text, i)]], true
		}
	}
	return 0, false
}

// runeIndex converts a byte offset of s to a rune index.
func runeIndex(s string, byteOff int) int { return len([]rune(s[:byteOff])) }

// placeAt returns the party in whose section x on line i stands: the label
// before it on its row names a field of a party, or a generic label's or
// the text's section does; "" when nothing says.
func (rd *reader) placeAt(i int, x float64) string {
	l := rd.lines[i]
	var label *occurrence
	for k := range rd.occs[i] {
		if o := &rd.occs[i][k]; o.x < x && (label == nil || o.x > label.x) {
			label = o
		}
	}
	if label != nil {
		e := rd.spec.fields[label.field]
		switch e.what {
		case eField:
			if r := roleOf(e.key); r != "" {
				return r
			}
		case eRole:
			return e.key
		}
	}
	if c := rd.sectionOf(i, x); c != nil {
		return c.role
	}
	// A label above the value (a grid's header cell).
	for up := i - 1; up >= 0 && up >= i-2; up-- {
		m := rd.lines[up]
		if m.row.Page != l.row.Page || m.row.Y-l.row.Y > 2.5*math.Max(l.size, m.size) {
			break
		}
		for _, o := range rd.occs[up] {
			if o.x <= x+l.size && x < o.x+12*m.size {
				if r := roleOf(rd.spec.fields[o.field].key); r != "" && rd.spec.fields[o.field].what == eField {
					return r
				}
				if rd.spec.fields[o.field].what == eRole {
					return rd.spec.fields[o.field].key
				}
			}
		}
	}
	return ""
}
