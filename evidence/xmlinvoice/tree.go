package xmlinvoice

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Bounds on the XML a Node tree is built from. Real invoice and receipt
// data is a few kilobytes, a few hundred elements, less than ten deep.
const (
	MaxBytes    = 4 << 20 // size of one XML document
	maxDepth    = 64      // nesting of elements
	maxElements = 100000  // elements in one document
)

// ErrMalformed reports data that is not well-formed XML or exceeds the
// bounds above.
var ErrMalformed = errors.New("malformed XML")

// Node is an element: its local name (no namespace prefix), its
// attributes by local name, its character data (trimmed) and its child
// elements in order.
type Node struct {
	Name  string
	Attrs map[string]string
	Text  string
	Kids  []*Node
}

// Parse builds the element tree of data. encoding/xml resolves no
// external entities and fetches nothing; the bounds stop deep nesting and
// element floods. Documents in encodings other than UTF-8 are refused.
func Parse(data []byte) (*Node, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrMalformed, len(data), MaxBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte-order mark, as real files start
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8":
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q not supported", charset)
	}
	var root *Node
	var stack []*Node
	var text [][]byte
	elements := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if elements > maxElements {
				return nil, fmt.Errorf("%w: more than %d elements", ErrMalformed, maxElements)
			}
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("%w: nested deeper than %d", ErrMalformed, maxDepth)
			}
			n := &Node{Name: t.Name.Local}
			for _, a := range t.Attr {
				if n.Attrs == nil {
					n.Attrs = map[string]string{}
				}
				n.Attrs[a.Name.Local] = a.Value
			}
			switch {
			case len(stack) > 0:
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, n)
			case root != nil:
				return nil, fmt.Errorf("%w: more than one root element", ErrMalformed)
			default:
				root = n
			}
			stack = append(stack, n)
			text = append(text, nil)
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.Text = strings.TrimSpace(string(text[len(text)-1]))
			stack, text = stack[:len(stack)-1], text[:len(text)-1]
		case xml.CharData:
			if len(text) > 0 {
				text[len(text)-1] = append(text[len(text)-1], t...)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%w: no root element", ErrMalformed)
	}
	return root, nil
}

// Find returns the first element named name in n's subtree, depth first,
// n included; nil when there is none.
func (n *Node) Find(name string) *Node {
	if n == nil {
		return nil
	}
	if n.Name == name {
		return n
	}
	for _, k := range n.Kids {
		if f := k.Find(name); f != nil {
			return f
		}
	}
	return nil
}

// Path follows child names from n: Path("Buyer", "BuyerName").
func (n *Node) Path(names ...string) *Node {
	for _, name := range names {
		if n == nil {
			return nil
		}
		var next *Node
		for _, k := range n.Kids {
			if k.Name == name {
				next = k
				break
			}
		}
		n = next
	}
	return n
}

// All returns the elements named name in n's subtree, depth first.
func (n *Node) All(name string) []*Node {
	var out []*Node
	var walk func(*Node)
	walk = func(m *Node) {
		if m.Name == name {
			out = append(out, m)
		}
		for _, k := range m.Kids {
			walk(k)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}
