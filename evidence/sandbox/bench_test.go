package sandbox

import (
	"context"
	"os"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
)

// BenchmarkExtract compares reading a document in process with reading it
// in a warm child, on a real invoice (166 KiB) and a one-page generated
// receipt (2 KiB); the difference is the cost of the sandbox per document.
func BenchmarkExtract(b *testing.B) {
	docs := []struct {
		name string
		data []byte
	}{
		{"real-invoice", realInvoice(b)},
		{"small-receipt", smallReceipt()},
	}
	for _, d := range docs {
		b.Run(d.name+"/in-process", func(b *testing.B) {
			b.SetBytes(int64(len(d.data)))
			for b.Loop() {
				evidence.ExtractPDF(d.data, "", evidence.Limits{})
			}
		})
		b.Run(d.name+"/child", func(b *testing.B) {
			p := newPool(b, Config{Workers: 1})
			if _, err := p.Extract(context.Background(), "", d.data); err != nil {
				b.Fatal(err) // and the child is warm
			}
			b.SetBytes(int64(len(d.data)))
			for b.Loop() {
				if _, err := p.Extract(context.Background(), "", d.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkChildStart measures what replacing a child costs: a start, its
// hello, and the first (small) document.
func BenchmarkChildStart(b *testing.B) {
	data := smallReceipt()
	for b.Loop() {
		p, err := New(Config{Workers: 1, Command: []string{os.Args[0], ChildArg}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Extract(context.Background(), "", data); err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
}
