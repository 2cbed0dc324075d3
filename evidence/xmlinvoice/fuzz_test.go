package xmlinvoice_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/xmlinvoice"
)

// FuzzExtract checks that no input takes the process down or hangs, and
// that every result is well formed.
func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "*.xml"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`<EInvoice><EInvoiceData><BasicInformation><TotalTax-includedAmount>1</TotalTax-includedAmount></BasicInformation></EInvoiceData></EInvoice>`))
	f.Add([]byte(`<xbrl><TransactionAmountInFigures decimals="2">1.00</TransactionAmountInFigures></xbrl>`))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(10*time.Second, func() {
			panic(fmt.Sprintf("Extract still running after 10s on %d bytes", len(data)))
		})
		defer watchdog.Stop()
		x := xmlinvoice.Extract(data, "")
		checkExtraction(t, x)
	})
}

func checkExtraction(t *testing.T, x evidence.Extraction) {
	t.Helper()
	if x.Source != evidence.SourceXML || x.Fields == nil {
		t.Fatalf("source %q fields %v", x.Source, x.Fields)
	}
	if !x.Readable && x.Reason == "" {
		t.Fatal("unreadable without a reason")
	}
	if x.Readable && x.Kind != evidence.KindInvoice && x.Kind != evidence.KindPayment {
		t.Fatalf("readable with kind %q", x.Kind)
	}
	if len(x.Reason) > 0 && x.Reason[:min(len(x.Reason), 18)] == "extractor failure:" {
		t.Fatalf("panic inside: %s", x.Reason)
	}
}
