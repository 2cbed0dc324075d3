package dataset_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
)

// baseFiles is a small valid dataset: two buyers, two suppliers, three
// products, two orders with three lines.
var baseFiles = map[string]string{
	"buyers.csv": `buyer_id,name,uscc,division_code,kind
B1,茶陵县第一中学,12430224MB1234567X,430224,budget_unit
B2,张三,,430224,individual
`,
	"suppliers.csv": `supplier_id,name,uscc,division_code,bank_name,bank_account
S1,炎陵县农产品合作社,93430225MA4L000001,430225,中国农业银行炎陵支行,18123456789
S2,安化黑茶有限公司,91430923MA4L000002,430923,中国银行安化支行,6000123
`,
	"products.csv": `sku,supplier_id,name,category,unit
P1,S1,炎陵黄桃,fruit,箱
P2,S1,茶陵大米,rice,袋
P3,S2,安化黑茶,tea,盒
`,
	"orders.csv": `order_no,buyer_id,supplier_id,order_date,total
O1,B1,S1,2021-12-20,1262.50
O2,B2,S2,2021-12-21,88.00
`,
	"order_lines.csv": `order_no,sku,quantity,unit_price,amount
O1,P1,10,100.00,1000.00
O1,P2,2.5,105.00,262.50
O2,P3,1,88.00,88.00
`,
}

// baseDataset is what baseFiles read as.
func baseDataset() *pipeline.Dataset {
	return &pipeline.Dataset{
		Buyers: []pipeline.Buyer{
			{ID: "B1", Name: "茶陵县第一中学", USCC: "12430224MB1234567X", DivisionCode: "430224", Kind: pipeline.BuyerBudgetUnit},
			{ID: "B2", Name: "张三", DivisionCode: "430224", Kind: pipeline.BuyerIndividual},
		},
		Suppliers: []pipeline.Supplier{
			{ID: "S1", Name: "炎陵县农产品合作社", USCC: "93430225MA4L000001", DivisionCode: "430225", BankName: "中国农业银行炎陵支行", BankAccount: "18123456789", Admitted: true},
			{ID: "S2", Name: "安化黑茶有限公司", USCC: "91430923MA4L000002", DivisionCode: "430923", BankName: "中国银行安化支行", BankAccount: "6000123", Admitted: true},
		},
		Products: []pipeline.Product{
			{SKU: "P1", SupplierID: "S1", Name: "炎陵黄桃", Category: pipeline.CategoryFruit, Unit: "箱"},
			{SKU: "P2", SupplierID: "S1", Name: "茶陵大米", Category: pipeline.CategoryRice, Unit: "袋"},
			{SKU: "P3", SupplierID: "S2", Name: "安化黑茶", Category: pipeline.CategoryTea, Unit: "盒"},
		},
		Orders: []pipeline.Order{
			{No: "O1", BuyerID: "B1", SupplierID: "S1", Date: pipeline.Date{Year: 2021, Month: 12, Day: 20}, Total: 126250, Lines: []pipeline.OrderLine{
				{SKU: "P1", Quantity: 10000, UnitPrice: 10000, Amount: 100000},
				{SKU: "P2", Quantity: 2500, UnitPrice: 10500, Amount: 26250},
			}},
			{No: "O2", BuyerID: "B2", SupplierID: "S2", Date: pipeline.Date{Year: 2021, Month: 12, Day: 21}, Total: 8800, Lines: []pipeline.OrderLine{
				{SKU: "P3", Quantity: 1000, UnitPrice: 8800, Amount: 8800},
			}},
		},
		Documents: map[string]map[pipeline.DocKind]string{},
	}
}

// writeFiles writes files (path relative to dir, slash-separated → content)
// into a new temporary directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// withFiles returns baseFiles with some files replaced or added.
func withFiles(changes map[string]string) map[string]string {
	files := make(map[string]string, len(baseFiles)+len(changes))
	for k, v := range baseFiles {
		files[k] = v
	}
	for k, v := range changes {
		files[k] = v
	}
	return files
}

// problems returns the messages of Read's *ErrorList, failing the test if
// err is not one.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var list *dataset.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Read error = %v (%T), want an *ErrorList", err, err)
	}
	msgs := make([]string, len(list.Errs))
	for i, e := range list.Errs {
		msgs[i] = e.Error()
	}
	return msgs
}

func TestReadValid(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, baseFiles)
	got, err := dataset.Read(dir)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if want := baseDataset(); !reflect.DeepEqual(got, want) {
		t.Errorf("Read =\n%+v\nwant\n%+v", got, want)
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	want := baseDataset()
	// Amounts that exercise formatting and the one-fen rounding tolerance:
	// 0.125 × 10.01 = 1.25125, written as 1.26.
	want.Products = append(want.Products, pipeline.Product{SKU: "P4", SupplierID: "S2", Name: "香菇, \"干\"", Category: pipeline.CategoryMushroom, Unit: "kg"})
	want.Orders = append(want.Orders, pipeline.Order{
		No: "O3", BuyerID: "B1", SupplierID: "S2", Date: pipeline.Date{Year: 2022, Month: 1, Day: 5}, Total: 126,
		Lines: []pipeline.OrderLine{{SKU: "P4", Quantity: 125, UnitPrice: 1001, Amount: 126}},
	})
	want.Documents = map[string]map[pipeline.DocKind]string{
		"O1": {
			pipeline.KindContract: dataset.DocumentPath("O1", pipeline.KindContract, "pdf"),
			pipeline.KindInvoice:  dataset.DocumentPath("O1", pipeline.KindInvoice, "xml"),
		},
		"O3": {pipeline.KindAcceptance: dataset.DocumentPath("O3", pipeline.KindAcceptance, "jpg")},
	}
	want.Truth = []pipeline.Truth{
		{OrderNo: "O1", Label: "clean"},
		{OrderNo: "O3", Label: "amount_mismatch", Detail: "发票金额 1.36, 订单 1.26"},
	}

	dir := t.TempDir()
	if err := dataset.Write(dir, want); err != nil {
		t.Fatalf("Write: %v", err)
	}
	for _, docs := range want.Documents {
		for _, rel := range docs {
			p := filepath.Join(dir, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("%PDF-1.7"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := dataset.Read(dir)
	if err != nil {
		t.Fatalf("Read after Write: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read after Write =\n%+v\nwant\n%+v", got, want)
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	wantNames := []string{"buyers.csv", "documents", "order_lines.csv", "orders.csv", "products.csv", "suppliers.csv", "truth.csv"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("files in dir = %v, want %v (no temporary files left)", names, wantNames)
	}
}

func TestWriteFormat(t *testing.T) {
	t.Parallel()
	ds := baseDataset()
	ds.Orders[0].Lines[1].Quantity = 2125 // 2.125
	dir := t.TempDir()
	if err := dataset.Write(dir, ds); err != nil {
		t.Fatalf("Write: %v", err)
	}
	tests := []struct {
		file string
		want string
	}{
		{"orders.csv", "order_no,buyer_id,supplier_id,order_date,total\nO1,B1,S1,2021-12-20,1262.50\nO2,B2,S2,2021-12-21,88.00\n"},
		{"order_lines.csv", "order_no,sku,quantity,unit_price,amount\nO1,P1,10,100.00,1000.00\nO1,P2,2.125,105.00,262.50\nO2,P3,1,88.00,88.00\n"},
		{"buyers.csv", baseFiles["buyers.csv"]},
		{"suppliers.csv", baseFiles["suppliers.csv"]},
		{"products.csv", baseFiles["products.csv"]},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		if got := string(b); got != tt.want {
			t.Errorf("%s =\n%q\nwant\n%q", tt.file, got, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "truth.csv")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("truth.csv with no Truth: Stat error = %v, want not exist", err)
	}
}

func TestWriteNil(t *testing.T) {
	t.Parallel()
	if err := dataset.Write(t.TempDir(), nil); err == nil {
		t.Error("Write(nil) = nil error, want an error")
	}
}

func TestDocumentPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		orderNo string
		kind    pipeline.DocKind
		ext     string
		want    string
	}{
		{"D2021001", pipeline.KindInvoice, "pdf", "documents/D2021001/invoice.pdf"},
		{"D2021001", pipeline.KindPayment, ".png", "documents/D2021001/payment.png"},
		{"HN-2021-7", pipeline.KindAcceptance, "ofd", "documents/HN-2021-7/acceptance.ofd"},
	}
	for _, tt := range tests {
		if got := dataset.DocumentPath(tt.orderNo, tt.kind, tt.ext); got != tt.want {
			t.Errorf("DocumentPath(%q, %q, %q) = %q, want %q", tt.orderNo, tt.kind, tt.ext, got, tt.want)
		}
	}
}

func TestReadValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		file     string // a file of baseFiles, or a new one
		old, new string // old replaced by new in file; if old is empty, new is the whole file
		want     []string
	}{
		// buyers.csv
		{"empty required field", "buyers.csv", "B1,茶陵县第一中学,", "B1,,",
			[]string{"buyers.csv:2: name: is empty"}},
		{"blank field", "buyers.csv", "B1,茶陵县第一中学,", "B1,  ,",
			[]string{"buyers.csv:2: name: is empty"}},
		{"unknown buyer kind", "buyers.csv", "430224,individual", "430224,school",
			[]string{`buyers.csv:3: kind: "school" is not a buyer kind (want budget_unit, union or individual)`}},
		{"budget unit without uscc", "buyers.csv", "B1,茶陵县第一中学,12430224MB1234567X,", "B1,茶陵县第一中学,,",
			[]string{"buyers.csv:2: uscc: is empty (required for a buyer of kind budget_unit)"}},
		{"uscc check character is not verified", "buyers.csv", "12430224MB1234567X", "12430224MB12345670",
			nil},
		{"division with letters", "buyers.csv", "430224,individual", "4302X4,individual",
			[]string{`buyers.csv:3: division_code: "4302X4" is not a six-digit division code`}},
		{"duplicate buyer", "buyers.csv", "B2,张三", "B1,张三", []string{
			`buyers.csv:3: buyer_id: duplicate "B1" (first on line 2)`,
			`orders.csv:3: buyer_id: "B2" is not in buyers.csv`,
		}},

		// suppliers.csv
		{"five-digit division", "suppliers.csv", ",430225,", ",43025,",
			[]string{`suppliers.csv:2: division_code: "43025" is not a six-digit division code`}},
		{"supplier without bank account", "suppliers.csv", ",6000123", ",",
			[]string{"suppliers.csv:3: bank_account: is empty"}},
		{"duplicate supplier", "suppliers.csv", "S2,安化", "S1,安化", []string{
			`suppliers.csv:3: supplier_id: duplicate "S1" (first on line 2)`,
			`products.csv:4: supplier_id: "S2" is not in suppliers.csv`,
			`orders.csv:3: supplier_id: "S2" is not in suppliers.csv`,
		}},

		// products.csv
		{"unknown category", "products.csv", "fruit", "fruits",
			[]string{`products.csv:2: category: "fruits" is not a category (want rice, oil, vegetable, tea, mushroom or fruit)`}},
		{"duplicate sku", "products.csv", "P2,S1", "P1,S1", []string{
			`products.csv:3: sku: duplicate "P1" (first on line 2)`,
			`order_lines.csv:3: sku: "P2" is not in products.csv`,
		}},
		{"product of unknown supplier", "products.csv", "P3,S2", "P3,S9", []string{
			`products.csv:4: supplier_id: "S9" is not in suppliers.csv`,
			`order_lines.csv:4: sku: "P3" is a product of supplier "S9", not of the order's supplier "S2"`,
		}},

		// orders.csv
		{"impossible date", "orders.csv", "2021-12-20", "2021-02-30",
			[]string{`orders.csv:2: order_date: "2021-02-30" is not a date (want YYYY-MM-DD)`}},
		{"date with slashes", "orders.csv", "2021-12-20", "2021/12/20",
			[]string{`orders.csv:2: order_date: "2021/12/20" is not a date (want YYYY-MM-DD)`}},
		{"total with three decimals", "orders.csv", "1262.50", "1262.505",
			[]string{`orders.csv:2: total: "1262.505" has more than two decimals`}},
		{"total not an amount", "orders.csv", "1262.50", "¥1262.50",
			[]string{`orders.csv:2: total: "¥1262.50" is not an amount in yuan (like 1234.50)`}},
		{"negative total", "orders.csv", ",88.00", ",-88.00",
			[]string{`orders.csv:3: total: "-88.00" is negative`}},
		{"unknown buyer", "orders.csv", "O2,B2", "O2,B9",
			[]string{`orders.csv:3: buyer_id: "B9" is not in buyers.csv`}},
		{"unknown supplier", "orders.csv", "O2,B2,S2", "O2,B2,S9", []string{
			`orders.csv:3: supplier_id: "S9" is not in suppliers.csv`,
			`order_lines.csv:4: sku: "P3" is a product of supplier "S2", not of the order's supplier "S9"`,
		}},
		{"duplicate order", "orders.csv", "O2,B2", "O1,B2", []string{
			`orders.csv:3: order_no: duplicate "O1" (first on line 2)`,
			`order_lines.csv:4: order_no: "O2" is not in orders.csv`,
		}},
		{"order number with a slash", "orders.csv", "O2,B2", "O/2,B2", []string{
			`orders.csv:3: order_no: "O/2" cannot name a directory under documents/`,
			`order_lines.csv:4: order_no: "O2" is not in orders.csv`,
			`orders.csv:3: order_no: order "O/2" has no lines in order_lines.csv`,
		}},
		{"order total is not the sum of its lines", "orders.csv", "1262.50", "1262.40",
			[]string{`orders.csv:2: total: 1262.40 is not the sum of the order's line amounts, 1262.50`}},

		// order_lines.csv
		{"line of unknown order", "order_lines.csv", "O2,P3", "O9,P3", []string{
			`order_lines.csv:4: order_no: "O9" is not in orders.csv`,
			`orders.csv:3: order_no: order "O2" has no lines in order_lines.csv`,
		}},
		{"order without lines", "order_lines.csv", "O2,P3,1,88.00,88.00\n", "",
			[]string{`orders.csv:3: order_no: order "O2" has no lines in order_lines.csv`}},
		{"line of unknown sku", "order_lines.csv", "O2,P3", "O2,P9",
			[]string{`order_lines.csv:4: sku: "P9" is not in products.csv`}},
		{"sku of another supplier", "order_lines.csv", "O2,P3", "O2,P1",
			[]string{`order_lines.csv:4: sku: "P1" is a product of supplier "S1", not of the order's supplier "S2"`}},
		{"quantity with four decimals", "order_lines.csv", "O1,P1,10,", "O1,P1,10.0001,",
			[]string{`order_lines.csv:2: quantity: "10.0001" has more than three decimals`}},
		{"quantity not a number", "order_lines.csv", "O1,P1,10,", "O1,P1,ten,",
			[]string{`order_lines.csv:2: quantity: "ten" is not a quantity (like 12 or 2.5)`}},
		{"negative quantity", "order_lines.csv", "O1,P1,10,", "O1,P1,-10,",
			[]string{`order_lines.csv:2: quantity: "-10" is not a quantity (like 12 or 2.5)`}},
		{"zero quantity", "order_lines.csv", "O2,P3,1,", "O2,P3,0,",
			[]string{`order_lines.csv:4: quantity: "0" is zero`}},
		{"unit price not an amount", "order_lines.csv", "100.00,1000.00", "100元,1000.00",
			[]string{`order_lines.csv:2: unit_price: "100元" is not an amount in yuan (like 1234.50)`}},
		{"amount empty", "order_lines.csv", "100.00,1000.00", "100.00,",
			[]string{`order_lines.csv:2: amount: is empty`}},
		{"amount two fen off", "order_lines.csv", "O2,P3,1,88.00,88.00", "O2,P3,1,88.00,88.02", []string{
			`order_lines.csv:4: amount: 88.02 is not quantity × unit_price (1 × 88.00 = 88.00)`,
			`orders.csv:3: total: 88.00 is not the sum of the order's line amounts, 88.02`,
		}},
		{"amount one fen off is tolerated", "order_lines.csv", "O2,P3,1,88.00,88.00", "O2,P3,1,88.01,88.00",
			nil},
		{"half a fen rounds up", "order_lines.csv", "O2,P3,1,88.00,88.00", "O2,P3,0.5,176.01,88.03", []string{
			`order_lines.csv:4: amount: 88.03 is not quantity × unit_price (0.5 × 176.01 = 88.01)`,
			`orders.csv:3: total: 88.00 is not the sum of the order's line amounts, 88.03`,
		}},
		{"wrong number of fields", "order_lines.csv", "O2,P3,1,88.00,88.00", "O2,P3,1,88.00", []string{
			"order_lines.csv:4: has 4 fields; the header has 5",
			`orders.csv:3: order_no: order "O2" has no lines in order_lines.csv`,
		}},
		{"bare quote", "buyers.csv", "张三", `张"三`,
			[]string{`buyers.csv:3: not valid CSV: bare " in non-quoted-field`}},

		// headers
		{"unknown column", "buyers.csv", "kind\n", "kind,email\n",
			[]string{"buyers.csv:1: header: unknown column \"email\" (columns are buyer_id, name, uscc, division_code, kind)"}},
		{"missing column", "orders.csv", "order_date,total\n", "order_date\n",
			[]string{`orders.csv:1: header: missing column "total"`}},
		{"repeated column", "products.csv", "category,unit\n", "category,Unit,unit\n",
			[]string{`products.csv:1: header: column "unit" appears twice`}},
		{"unnamed column", "products.csv", "category,unit\n", "category,unit,\n",
			[]string{`products.csv:1: header: column 6 has no name (columns are sku, supplier_id, name, category, unit)`}},
		{"empty file", "suppliers.csv", "", "",
			[]string{"suppliers.csv: empty file; want the header row supplier_id,name,uscc,division_code,bank_name,bank_account"}},

		// truth.csv
		{"truth", "truth.csv", "", "order_no,label,detail\nO9,clean,\nO1,,x\nO1,clean,\n", []string{
			`truth.csv:2: order_no: "O9" is not in orders.csv`,
			`truth.csv:3: label: is empty`,
			`truth.csv:4: order_no: duplicate "O1" (first on line 3)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			content := tt.new
			if tt.old != "" {
				base, ok := baseFiles[tt.file]
				if !ok || !strings.Contains(base, tt.old) {
					t.Fatalf("bad test: %q not in %s", tt.old, tt.file)
				}
				content = strings.Replace(base, tt.old, tt.new, 1)
			}
			dir := writeFiles(t, withFiles(map[string]string{tt.file: content}))
			ds, err := dataset.Read(dir)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				return
			}
			if ds != nil {
				t.Errorf("Read returned a dataset along with errors")
			}
			if got := problems(t, err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Read problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestReadHeaderTolerance(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, withFiles(map[string]string{
		"orders.csv": " Total , order_no ,buyer_id,ORDER_DATE,supplier_id\n1262.50,O1,B1,2021-12-20,S1\n 88.00 , O2 ,B2,2021-12-21,S2\n",
	}))
	got, err := dataset.Read(dir)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if want := baseDataset(); !reflect.DeepEqual(got, want) {
		t.Errorf("Read =\n%+v\nwant\n%+v", got, want)
	}
}

func TestReadDocuments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files []string // under the dataset directory
		want  map[string]map[pipeline.DocKind]string
		errs  []string
	}{
		{
			name:  "all kinds and extensions",
			files: []string{"documents/O1/contract.pdf", "documents/O1/payment.jpeg", "documents/O1/logistics.png", "documents/O1/invoice.ofd", "documents/O1/acceptance.jpg", "documents/O2/invoice.xml"},
			want: map[string]map[pipeline.DocKind]string{
				"O1": {
					pipeline.KindContract:   "documents/O1/contract.pdf",
					pipeline.KindPayment:    "documents/O1/payment.jpeg",
					pipeline.KindLogistics:  "documents/O1/logistics.png",
					pipeline.KindInvoice:    "documents/O1/invoice.ofd",
					pipeline.KindAcceptance: "documents/O1/acceptance.jpg",
				},
				"O2": {pipeline.KindInvoice: "documents/O2/invoice.xml"},
			},
		},
		{
			name:  "upper-case extension, hidden files ignored, empty order directory",
			files: []string{"documents/O1/invoice.PDF", "documents/O1/.DS_Store", "documents/.hidden", "documents/O2/"},
			want:  map[string]map[pipeline.DocKind]string{"O1": {pipeline.KindInvoice: "documents/O1/invoice.PDF"}},
		},
		{
			name:  "no documents directory",
			files: nil,
			want:  map[string]map[pipeline.DocKind]string{},
		},
		{
			name:  "unknown kind",
			files: []string{"documents/O1/scan.pdf"},
			errs:  []string{`documents/O1/scan.pdf: "scan" is not a document kind (want contract, payment, logistics, invoice or acceptance)`},
		},
		{
			name:  "unknown extension",
			files: []string{"documents/O1/invoice.docx"},
			errs:  []string{`documents/O1/invoice.docx: extension ".docx" is not one of pdf, ofd, xml, jpg, jpeg, png`},
		},
		{
			name:  "no extension",
			files: []string{"documents/O1/invoice"},
			errs:  []string{`documents/O1/invoice: extension "" is not one of pdf, ofd, xml, jpg, jpeg, png`},
		},
		{
			name:  "two files of one kind",
			files: []string{"documents/O1/invoice.pdf", "documents/O1/invoice.xml"},
			errs:  []string{`documents/O1/invoice.xml: a second invoice for order "O1" (the first is invoice.pdf)`},
		},
		{
			name:  "directory of an unknown order",
			files: []string{"documents/O9/invoice.pdf"},
			errs:  []string{`documents/O9: no order "O9" in orders.csv`},
		},
		{
			name:  "file directly under documents",
			files: []string{"documents/invoice.pdf"},
			errs:  []string{"documents/invoice.pdf: not a directory: documents/ holds one directory per order, named by its order number"},
		},
		{
			name:  "directory inside an order's directory",
			files: []string{"documents/O1/old/invoice.pdf"},
			errs:  []string{"documents/O1/old: a directory; an order's directory holds only its document files"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, baseFiles)
			for _, f := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(f))
				if strings.HasSuffix(f, "/") {
					if err := os.MkdirAll(p, 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ds, err := dataset.Read(dir)
			if tt.errs != nil {
				if got := problems(t, err); !reflect.DeepEqual(got, tt.errs) {
					t.Errorf("Read problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.errs, "\n"))
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !reflect.DeepEqual(ds.Documents, tt.want) {
				t.Errorf("Documents = %v, want %v", ds.Documents, tt.want)
			}
		})
	}
}

func TestReadEncodings(t *testing.T) {
	t.Parallel()
	gb := func(s string) string {
		b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
		if err != nil {
			t.Fatalf("encoding GB18030: %v", err)
		}
		if utf8.ValidString(b) {
			t.Fatalf("bad test: GB18030 form of %q is valid UTF-8", s)
		}
		return b
	}
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	const bom = "\uFEFF"
	// products.csv with a name outside GBK, so GB18030 needs its four-byte form.
	products := strings.Replace(baseFiles["products.csv"], "炎陵黄桃", "炎陵黄桃𠀀", 1)
	tests := []struct {
		name   string
		change map[string]string
	}{
		{"UTF-8 with BOM", map[string]string{"buyers.csv": bom + baseFiles["buyers.csv"], "orders.csv": bom + baseFiles["orders.csv"]}},
		{"CRLF", map[string]string{"buyers.csv": crlf(baseFiles["buyers.csv"]), "order_lines.csv": crlf(baseFiles["order_lines.csv"])}},
		{"GB18030", map[string]string{"buyers.csv": gb(baseFiles["buyers.csv"]), "suppliers.csv": gb(baseFiles["suppliers.csv"]), "products.csv": gb(products)}},
		{"GB18030 with BOM and CRLF", map[string]string{"products.csv": gb(bom + crlf(products))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, withFiles(tt.change))
			got, err := dataset.Read(dir)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			want := baseDataset()
			if _, ok := tt.change["products.csv"]; ok {
				want.Products[0].Name = "炎陵黄桃𠀀"
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Read =\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

func TestReadRefusesNonText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		content string
		want    string
	}{
		{
			name:    "PNG image",
			content: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
			want:    "buyers.csv:2: control character U+001A: this is a binary file, not CSV text",
		},
		{
			name:    "ZIP archive",
			content: "PK\x03\x04\x14\x00\x00\x00\x08\x00",
			want:    "buyers.csv:1: control character U+0003: this is a binary file, not CSV text",
		},
		{
			name:    "NUL in UTF-8 text",
			content: "buyer_id,name,uscc,division_code,kind\nB1,一中\x00,,430224,individual\n",
			want:    "buyers.csv:2: control character U+0000: this is a binary file, not CSV text",
		},
		{
			name:    "neither UTF-8 nor GB18030",
			content: "buyer_id,name,uscc,division_code,kind\nB1,\xff\xfe,,430224,individual\n",
			want:    "buyers.csv:2: the file is neither UTF-8 nor GB18030 text; save it as CSV (UTF-8)",
		},
		{
			name:    "truncated GB18030 sequence",
			content: "buyer_id,name,uscc,division_code,kind\nB1,name,,430224,individual\n\x81",
			want:    "buyers.csv:3: the file is neither UTF-8 nor GB18030 text; save it as CSV (UTF-8)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, withFiles(map[string]string{"buyers.csv": tt.content}))
			ds, err := dataset.Read(dir)
			if ds != nil {
				t.Error("Read returned a dataset for a non-text file")
			}
			got := problems(t, err)
			if want := []string{tt.want}; !reflect.DeepEqual(got, want) {
				t.Errorf("Read problems = %q, want %q", got, want)
			}
		})
	}
}

func TestReadStopsAfterMaxErrors(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("order_no,buyer_id,supplier_id,order_date,total\n")
	for i := range dataset.MaxErrors + 10 {
		b.WriteString("X" + strings.Repeat("x", i) + ",B1,S1,someday,1.00\n")
	}
	dir := writeFiles(t, withFiles(map[string]string{"orders.csv": b.String()}))
	_, err := dataset.Read(dir)
	var list *dataset.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Read error = %v, want an *ErrorList", err)
	}
	if got, want := len(list.Errs), dataset.MaxErrors; got != want {
		t.Errorf("len(Errs) = %d, want %d", got, want)
	}
	if !list.Truncated {
		t.Error("Truncated = false, want true")
	}
	if got, want := list.Errs[dataset.MaxErrors-1].Error(), `orders.csv:21: order_date: "someday" is not a date (want YYYY-MM-DD)`; got != want {
		t.Errorf("last problem = %q, want %q", got, want)
	}
	if msg := err.Error(); !strings.HasSuffix(msg, "\n(stopped after 20 problems; there are more)") || strings.Count(msg, "\n") != dataset.MaxErrors {
		t.Errorf("Error() =\n%s\nwant %d problems, one a line, and a note that there are more", msg, dataset.MaxErrors)
	}
	var rowErr *dataset.RowError
	if !errors.As(err, &rowErr) || rowErr.File != "orders.csv" || rowErr.Line != 2 || rowErr.Column != "order_date" {
		t.Errorf("errors.As(*RowError) = %+v, want the first problem, orders.csv line 2 order_date", rowErr)
	}
}

func TestReadMissingFile(t *testing.T) {
	t.Parallel()
	files := withFiles(nil)
	delete(files, "order_lines.csv")
	_, err := dataset.Read(writeFiles(t, files))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read without order_lines.csv: error = %v, want fs.ErrNotExist", err)
	}
	if err != nil && !strings.Contains(err.Error(), "order_lines.csv") {
		t.Errorf("error %q does not name order_lines.csv", err)
	}
}

func TestRowErrorError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  dataset.RowError
		want string
	}{
		{dataset.RowError{File: "orders.csv", Line: 17, Column: "total", Reason: `"12.345" has more than two decimals`}, `orders.csv:17: total: "12.345" has more than two decimals`},
		{dataset.RowError{File: "orders.csv", Line: 4, Reason: "has 4 fields; the header has 5"}, "orders.csv:4: has 4 fields; the header has 5"},
		{dataset.RowError{File: "documents/O1/scan.pdf", Reason: "bad"}, "documents/O1/scan.pdf: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// Amounts in the tests are written as literals; check one against money to
// guard against a misreading of the units.
func TestUnits(t *testing.T) {
	t.Parallel()
	if got, want := money.Qty(2500).Times(10500), money.Fen(26250); got != want {
		t.Errorf("2.5 × 105.00 = %v, want %v", got, want)
	}
}

// TestReadShares: the optional reserved-share and 832-platform files are
// read and checked like the rest.
func TestReadShares(t *testing.T) {
	t.Parallel()
	ds, err := dataset.Read(writeFiles(t, withFiles(map[string]string{
		"reserved_shares.csv": "buyer_id,year,target\nB1,2021,12000.00\n",
		"platform_832.csv":    "buyer_id,year,amount\nB1,2021,3456.70\n",
	})))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.ReservedShares) != 1 || ds.ReservedShares[0] != (pipeline.ReservedShare{BuyerID: "B1", Year: 2021, Target: 1200000}) ||
		len(ds.Platform832) != 1 || ds.Platform832[0].Amount != 345670 {
		t.Errorf("shares %+v, 832 %+v", ds.ReservedShares, ds.Platform832)
	}
	_, err = dataset.Read(writeFiles(t, withFiles(map[string]string{
		"reserved_shares.csv": "buyer_id,year,target\nB9,2021,1.00\nB1,21,1.00\nB1,2021,-5\nB1,2022,1\nB1,2022,2\n",
	})))
	got := strings.Join(problems(t, err), "\n")
	for _, want := range []string{"reserved_shares.csv:2: buyer_id", "reserved_shares.csv:3: year", "reserved_shares.csv:4: target", "reserved_shares.csv:6: buyer_id"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems\n%s\nlack %q", got, want)
		}
	}
}

// TestSupplierAdmitted (issue 12): suppliers.csv may say which suppliers
// applied and were not admitted; without the column every supplier is
// admitted; a dataset with one not admitted writes and reads back the column.
func TestSupplierAdmitted(t *testing.T) {
	files := maps.Clone(baseFiles)
	files["suppliers.csv"] = `supplier_id,name,uscc,division_code,bank_name,bank_account,admitted
S1,炎陵县农产品合作社,93430225MA4L000001,430225,中国农业银行炎陵支行,18123456789,true
S2,安化黑茶有限公司,91430923MA4L000002,430923,中国银行安化支行,6000123,否
`
	ds, err := dataset.Read(writeFiles(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if !ds.Suppliers[0].Admitted || ds.Suppliers[1].Admitted {
		t.Fatalf("admitted %v %v, want true false", ds.Suppliers[0].Admitted, ds.Suppliers[1].Admitted)
	}
	dir := t.TempDir()
	if err := dataset.Write(dir, ds); err != nil {
		t.Fatal(err)
	}
	back, err := dataset.Read(dir)
	if err != nil || back.Suppliers[1].Admitted || !back.Suppliers[0].Admitted {
		t.Fatalf("round trip: %v, %+v", err, back.Suppliers)
	}
	files["suppliers.csv"] = strings.Replace(files["suppliers.csv"], ",否\n", ",maybe\n", 1)
	if _, err := dataset.Read(writeFiles(t, files)); err == nil || !strings.Contains(err.Error(), `suppliers.csv:3: admitted: "maybe" is not true or false`) {
		t.Errorf("a bad admitted value: %v", err)
	}
	base, err := dataset.Read(writeFiles(t, baseFiles))
	if err != nil || !base.Suppliers[0].Admitted || !base.Suppliers[1].Admitted {
		t.Errorf("without the column: %v %+v, want every supplier admitted", err, base.Suppliers)
	}
}
