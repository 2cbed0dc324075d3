package evidence_test

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/money"
)

// samplesDir is the small dataset the sample generator commits, or the
// dataset directory named by $HESHI_SAMPLES (to check a larger one).
var samplesDir = func() string {
	if d := os.Getenv("HESHI_SAMPLES"); d != "" {
		return d
	}
	return filepath.Join("..", "samples", "testdata", "small")
}()

// readCSV reads a dataset CSV file into maps keyed by its header names.
func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(samplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty", name)
	}
	head := recs[0]
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range head {
			if i < len(r) {
				m[strings.ToLower(strings.TrimSpace(h))] = strings.TrimSpace(r[i])
			}
		}
		out = append(out, m)
	}
	return out
}

func byKey(rows []map[string]string, key string) map[string]map[string]string {
	m := map[string]map[string]string{}
	for _, r := range rows {
		m[r[key]] = r
	}
	return m
}

// TestSamples extracts every document of the committed small sample
// dataset. On clean orders the fields must equal the dataset: order number,
// total, the parties' names and codes, the payee's account. On anomalous
// orders the planted anomaly must show in what was read.
func TestSamples(t *testing.T) {
	if _, err := os.Stat(filepath.Join(samplesDir, "orders.csv")); errors.Is(err, fs.ErrNotExist) {
		t.Skip("no sample dataset at", samplesDir)
	}
	buyers := byKey(readCSV(t, "buyers.csv"), "buyer_id")
	suppliers := byKey(readCSV(t, "suppliers.csv"), "supplier_id")
	orders := readCSV(t, "orders.csv")
	orderLines := map[string][]string{} // order → sorted "quantity amount"
	for _, l := range readCSV(t, "order_lines.csv") {
		orderLines[l["order_no"]] = append(orderLines[l["order_no"]], l["quantity"]+" "+l["amount"])
	}
	for _, ls := range orderLines {
		sort.Strings(ls)
	}
	labels := map[string]string{}
	if _, err := os.Stat(filepath.Join(samplesDir, "truth.csv")); err == nil {
		for _, r := range readCSV(t, "truth.csv") {
			labels[r["order_no"]] = r["label"]
		}
	}

	docs, fields := 0, 0
	for _, o := range orders {
		no := o["order_no"]
		b, s := buyers[o["buyer_id"]], suppliers[o["supplier_id"]]
		label := labels[no]
		if label == "" {
			label = "clean"
		}
		got := map[string]evidence.Extraction{}
		for _, kind := range evidence.Kinds {
			data, err := os.ReadFile(filepath.Join(samplesDir, "documents", no, kind+".pdf"))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			x := evidence.ExtractPDF(data, "", evidence.Limits{})
			got[kind] = x
			docs++
			if x.Readable && x.Kind != kind {
				t.Errorf("%s/%s: detected kind %q", no, kind, x.Kind)
			}
		}

		// What each document must say of the order, by kind and field.
		want := map[string]map[string]string{
			evidence.KindContract: {
				"order_no": no, "total": o["total"],
				"buyer_name": b["name"], "buyer_id": b["uscc"], "seller_name": s["name"], "seller_id": s["uscc"],
			},
			evidence.KindPayment: {
				"order_no": no, "amount": o["total"],
				"payer_name": b["name"], "payee_name": s["name"], "payee_account": s["bank_account"],
			},
			evidence.KindLogistics: {"order_no": no},
			evidence.KindInvoice: {
				"order_no": no, "total": o["total"],
				"buyer_name": b["name"], "buyer_id": b["uscc"], "seller_name": s["name"], "seller_id": s["uscc"],
			},
			evidence.KindAcceptance: {
				"order_no": no, "total": o["total"], "buyer_name": b["name"], "seller_name": s["name"],
			},
		}
		if b["uscc"] == "" { // individuals have no code
			delete(want[evidence.KindContract], "buyer_id")
			delete(want[evidence.KindInvoice], "buyer_id")
		}

		var diffs []string // field differences from the dataset
		for kind, ws := range want {
			x, ok := got[kind]
			if !ok || !x.Readable {
				continue
			}
			for k, v := range ws {
				fields++
				if x.Fields[k].Value != v {
					diffs = append(diffs, kind+"."+k+": got "+quote(x.Fields[k].Value)+" want "+quote(v))
				}
			}
		}
		sort.Strings(diffs)

		switch label {
		case "clean":
			if len(got) != len(evidence.Kinds) {
				t.Errorf("%s (clean): %d documents, want %d", no, len(got), len(evidence.Kinds))
			}
			for kind, x := range got {
				if !x.Readable {
					t.Errorf("%s/%s (clean): unreadable: %s", no, kind, x.Reason)
				}
				for _, p := range x.Problems {
					if p == "missing field buyer_id" && b["uscc"] == "" {
						continue // an individual has no code to print
					}
					t.Errorf("%s/%s (clean): problem %s", no, kind, p)
				}
			}
			for _, d := range diffs {
				t.Errorf("%s (clean): %s", no, d)
			}
			checkLines(t, no, got, orderLines[no], o["total"])
		case "completeness.unreadable":
			if !anyUnreadable(got) {
				t.Errorf("%s (%s): every document read", no, label)
			}
		case "amount.mismatch", "party.payee_account", "party.buyer":
			if len(diffs) == 0 {
				t.Errorf("%s (%s): every field agrees with the dataset", no, label)
			}
		case "amount.uppercase":
			if !upperDisagrees(got) {
				t.Errorf("%s (%s): every uppercase amount agrees with its figures", no, label)
			}
		}
	}
	if docs == 0 {
		t.Fatal("no documents read")
	}
	t.Logf("%d orders, %d documents, %d field comparisons", len(orders), docs, fields)
}

// checkLines compares the goods tables of a clean order with its lines:
// the contract's and acceptance report's quantities and amounts are the
// order's, and the invoice's amounts and taxes add up to the total.
func checkLines(t *testing.T, no string, got map[string]evidence.Extraction, want []string, total string) {
	t.Helper()
	for _, kind := range []string{evidence.KindContract, evidence.KindAcceptance} {
		var have []string
		for _, l := range got[kind].Lines {
			have = append(have, l.Quantity+" "+l.Amount)
			if kind == evidence.KindAcceptance && l.Received != l.Quantity {
				t.Errorf("%s/%s: line %q received %q of %q", no, kind, l.Name, l.Received, l.Quantity)
			}
		}
		sort.Strings(have)
		if strings.Join(have, "|") != strings.Join(want, "|") {
			t.Errorf("%s/%s: lines (quantity amount) %q, want %q", no, kind, have, want)
		}
	}
	inv := got[evidence.KindInvoice].Lines
	var sum money.Fen
	for _, l := range inv {
		for _, v := range []string{l.Amount, l.Tax} {
			f, err := money.ParseYuan(v)
			if err != nil {
				t.Errorf("%s/invoice: line %q: %v", no, l.Name, err)
			}
			sum += f
		}
	}
	if len(inv) != len(want) || sum.String() != total {
		t.Errorf("%s/invoice: %d lines adding up to %s, want %d lines and %s", no, len(inv), sum, len(want), total)
	}
}

func quote(s string) string { return "\"" + s + "\"" }

func anyUnreadable(got map[string]evidence.Extraction) bool {
	for _, x := range got {
		if !x.Readable {
			return true
		}
	}
	return false
}

// upperDisagrees reports whether some uppercase amount differs from the
// figures beside it (or does not read).
func upperDisagrees(got map[string]evidence.Extraction) bool {
	pairs := [][2]string{{"total_upper", "total"}, {"amount_upper", "amount"}}
	for _, x := range got {
		for _, p := range pairs {
			u, ok1 := x.Fields[p[0]]
			f, ok2 := x.Fields[p[1]]
			if !ok1 || !ok2 {
				continue
			}
			v, err := money.ParseUppercase(u.Value)
			if err != nil || v.String() != f.Value {
				return true
			}
		}
	}
	return false
}
