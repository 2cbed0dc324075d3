package evidence_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
)

// BenchmarkExtractPDF measures ExtractPDF per kind of document, on the
// synthetic documents and on real VAT invoices, and reports docs/s.
func BenchmarkExtractPDF(b *testing.B) {
	docs := synthetic()
	cases := []struct{ name, file string }{
		{"contract", "synthetic-contract"},
		{"payment", "synthetic-payment"},
		{"logistics", "synthetic-logistics"},
		{"invoice", "synthetic-invoice-columns"},
		{"acceptance", "synthetic-acceptance"},
		{"invoice-real-old", "real-invoice-old-15.94"},
		{"invoice-real-digital", "real-invoice-digital-goods"},
	}
	// Documents of the sample generator (gopdf, embedded font subset), when
	// a sample dataset is there: the first order with all five.
	if ents, err := os.ReadDir(filepath.Join(samplesDir, "documents")); err == nil {
	order:
		for _, e := range ents {
			dir := filepath.Join(samplesDir, "documents", e.Name())
			var add []struct{ name, file string }
			for _, k := range evidence.Kinds {
				f := filepath.Join(dir, k+".pdf")
				data, err := os.ReadFile(f)
				if err != nil || !evidence.ExtractPDF(data, k, evidence.Limits{}).Readable {
					continue order
				}
				docs[f] = data
				add = append(add, struct{ name, file string }{"sample-" + k, f})
			}
			cases = append(cases, add...)
			break
		}
	}
	for _, c := range cases {
		data, ok := docs[c.file]
		if !ok {
			var err error
			if data, err = os.ReadFile(filepath.Join("testdata", c.file+".pdf")); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if x := evidence.ExtractPDF(data, "", evidence.Limits{}); !x.Readable {
					b.Fatal(x.Reason)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkExtractStructured measures the OFD and XML readers on real
// files, per kind and source, and reports docs/s.
func BenchmarkExtractStructured(b *testing.B) {
	cases := []struct{ name, file string }{
		{"invoice-ofd-xml", "real-invoice-ofd-xml-526.ofd"},
		{"invoice-ofd-customtag", "real-invoice-ofd-digital-customtag.ofd"},
		{"payment-ofd-xbrl", "real-receipt-ofd-icbc.ofd"},
		{"invoice-xml", "real-invoice-fp-526.xml"},
		{"invoice-xml-einvoice", "synthetic-invoice-einvoice.xml"},
		{"payment-xml-xbrl", "real-receipt-bker-icbc.xml"},
	}
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			b.Fatal(err)
		}
		read := readers[filepath.Ext(c.file)]
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if x := read(data); !x.Readable {
					b.Fatal(x.Reason)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
