package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heshi-verify/heshi/evidence/objstore"
	"github.com/heshi-verify/heshi/internal/testenv"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres"
	"github.com/heshi-verify/heshi/samples"
	"github.com/heshi-verify/heshi/web"
	"github.com/heshi-verify/heshi/web/account"
	"github.com/jackc/pgx/v5/pgxpool"
)

type bundle struct {
	srv      *httptest.Server
	pool     *pgxpool.Pool
	store    *postgres.Store
	accounts *account.Accounts
	objects  *objstore.Store
	tokens   map[string]string // by user name
	clock    *clock            // the sign-in back-off's
}

// clock is a time that stands still until a test moves it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

const maxUpload = 64 << 10

func setup(t *testing.T) *bundle {
	t.Helper()
	ctx := context.Background()
	ds := &pipeline.Dataset{
		Buyers: []pipeline.Buyer{{ID: "B1", Name: "茶陵县第二中学", USCC: "121200004013590816", DivisionCode: "430224", Kind: pipeline.BuyerBudgetUnit}},
		Suppliers: []pipeline.Supplier{
			{ID: "S1", Name: "茶陵县绿野农业开发有限公司", USCC: "91110000600037341L", DivisionCode: "430224", BankName: "农业银行", BankAccount: "1", Admitted: true},
			{ID: "S2", Name: "平江县山里香合作社", USCC: "91350100M000100Y43", DivisionCode: "430626", BankName: "农业银行", BankAccount: "2", Admitted: true},
		},
		Products: []pipeline.Product{{SKU: "P1", SupplierID: "S1", Name: "大米", Category: pipeline.CategoryRice, Unit: "袋"}},
		Orders: []pipeline.Order{{No: "HN1", BuyerID: "B1", SupplierID: "S1", Date: pipeline.Date{Year: 2021, Month: 10, Day: 8}, Total: 10000,
			Lines: []pipeline.OrderLine{{SKU: "P1", Quantity: 2000, UnitPrice: 5000, Amount: 10000}}}},
	}
	store, pool := testenv.Market(t, ds)
	b := &bundle{pool: pool, store: store, accounts: account.New(store), objects: testenv.Objects(t), tokens: map[string]string{}}
	for _, u := range []struct {
		name     string
		role     pipeline.Role
		supplier string
	}{{"s1", pipeline.RoleSupplier, "S1"}, {"s2", pipeline.RoleSupplier, "S2"}, {"op", pipeline.RoleOperator, ""}, {"as", pipeline.RoleAssessor, ""}} {
		tok, err := b.accounts.CreateUser(ctx, pipeline.System, u.name, u.role, u.supplier)
		if err != nil {
			t.Fatal(err)
		}
		b.tokens[u.name] = tok
	}
	b.clock = &clock{t: time.Now()}
	b.srv = httptest.NewServer(web.NewServer(web.Config{Store: store, Objects: b.objects, Jobs: testenv.Jobs(t, pool), MaxUploadBytes: maxUpload, Now: b.clock.now,
		StatementFont: samples.LoadFont}))
	t.Cleanup(b.srv.Close)
	return b
}

// upload posts a multipart form; fields are written in order.
func (b *bundle) upload(t *testing.T, user, orderNo string, fields [][2]string, file []byte) (*http.Response, map[string]any) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	if file != nil {
		fw, _ := mw.CreateFormFile("file", "合同.pdf")
		fw.Write(file)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", b.srv.URL+"/api/v1/orders/"+orderNo+"/documents", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+b.tokens[user])
	}
	return b.do(t, req)
}

func (b *bundle) do(t *testing.T, req *http.Request) (*http.Response, map[string]any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("response %d is not JSON: %q", resp.StatusCode, raw)
	}
	return resp, m
}

func errCode(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	s, _ := e["code"].(string)
	return s
}

var pdf = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

func TestUpload(t *testing.T) {
	t.Parallel()
	b := setup(t)
	kind := [][2]string{{"kind", "contract"}}

	resp, m := b.upload(t, "s1", "HN1", kind, pdf)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v, want 201", resp.StatusCode, m)
	}
	doc := m["document"].(map[string]any)
	if doc["version"].(float64) != 1 || doc["media_type"] != "application/pdf" || doc["kind"] != "contract" {
		t.Fatalf("document = %v", doc)
	}
	key := doc["object_key"].(string)
	if !strings.HasPrefix(key, "sha256/") {
		t.Fatalf("object key %q is not content-addressed", key)
	}

	// The same file again: nothing new.
	resp, m = b.upload(t, "s1", "HN1", kind, pdf)
	if resp.StatusCode != http.StatusOK || m["created"] != false {
		t.Fatalf("duplicate upload: %d %v, want 200 and created false", resp.StatusCode, m)
	}
	// A corrected file: version 2; the kind may come after the file.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "合同-改.pdf")
	fw.Write(append(append([]byte{}, pdf...), "% corrected\n"...))
	mw.WriteField("kind", "contract")
	mw.Close()
	req, _ := http.NewRequest("POST", b.srv.URL+"/api/v1/orders/HN1/documents", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+b.tokens["s1"])
	resp, m = b.do(t, req)
	if resp.StatusCode != http.StatusCreated || m["document"].(map[string]any)["version"].(float64) != 2 {
		t.Fatalf("second version: %d %v", resp.StatusCode, m)
	}
	if keys := testenv.ListKeys(t, b.objects); len(keys) != 2 {
		t.Fatalf("bucket holds %v, want the two versions only", keys)
	}
	// The order's detail shows the current version.
	req, _ = http.NewRequest("GET", b.srv.URL+"/api/v1/orders/HN1", nil)
	req.Header.Set("Authorization", "Bearer "+b.tokens["op"])
	resp, m = b.do(t, req)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("order show: %d %v", resp.StatusCode, m)
	}
	docs := m["documents"].([]any)
	if len(docs) != 1 || docs[0].(map[string]any)["version"].(float64) != 2 || docs[0].(map[string]any)["original_name"] != "合同-改.pdf" {
		t.Fatalf("documents = %v, want contract v2 only", docs)
	}
}

// TestUploadOddFileNames: a file name with a NUL (sent through RFC 2231's
// filename*=) or bytes that are not UTF-8 is stored under a cleaned name,
// not answered with a 500.
func TestUploadOddFileNames(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tests := []struct{ disposition, want string }{
		{`form-data; name="file"; filename*=UTF-8''%E5%90%88%00%E5%90%8C.pdf`, "合同.pdf"},
		{"form-data; name=\"file\"; filename=\"\xff\xfe\u53d1\u7968.pdf\"", "\uFFFD发票.pdf"},
	}
	for i, tt := range tests {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("kind", "contract")
		fw, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Disposition": {tt.disposition}, "Content-Type": {"application/pdf"}})
		fw.Write(append(append([]byte{}, pdf...), fmt.Sprintf("%% version %d\n", i)...))
		mw.Close()
		req, _ := http.NewRequest("POST", b.srv.URL+"/api/v1/orders/HN1/documents", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+b.tokens["s1"])
		resp, m := b.do(t, req)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("%s: %d %v, want 201", tt.disposition, resp.StatusCode, m)
		}
		if got := m["document"].(map[string]any)["original_name"]; got != tt.want {
			t.Errorf("%s: original name %q, want %q", tt.disposition, got, tt.want)
		}
	}
}

// TestUploadTruncated: a multipart body cut off before its closing
// boundary, inside the file or just after it, is refused (400) and stores
// nothing: neither a document nor an object.
func TestUploadTruncated(t *testing.T) {
	t.Parallel()
	b := setup(t)
	file := append(bytes.Clone(pdf), bytes.Repeat([]byte("% filler line\n"), 400)...) // ~5.6 KB
	var whole bytes.Buffer
	mw := multipart.NewWriter(&whole)
	mw.WriteField("kind", "payment") // first: a cut-off file is the only thing wrong
	fw, _ := mw.CreateFormFile("file", "回单.pdf")
	fw.Write(file)
	mw.Close()
	full := whole.Bytes()
	fileEnd := bytes.Index(full, file) + len(file)
	for name, body := range map[string][]byte{
		"cut inside the file":           full[:fileEnd-2000],
		"cut right after the file":      full[:fileEnd],
		"cut before the closing dashes": full[:len(full)-len("--\r\n")],
	} {
		req, _ := http.NewRequest("POST", b.srv.URL+"/api/v1/orders/HN1/documents", bytes.NewReader(body))
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+b.tokens["s1"])
		resp, m := b.do(t, req)
		if resp.StatusCode != http.StatusBadRequest || errCode(m) != "invalid" {
			t.Errorf("%s: %d %v, want 400 invalid", name, resp.StatusCode, m)
		}
	}
	b.nothingKept(t, "HN1", "truncated uploads")
}

// nothingKept fails the test unless the bucket is empty and the order has
// no document, after what.
func (b *bundle) nothingKept(t *testing.T, orderNo, what string) {
	t.Helper()
	if keys := testenv.ListKeys(t, b.objects); len(keys) != 0 {
		t.Errorf("bucket holds %v after %s, want nothing", keys, what)
	}
	det, err := b.store.OrderDetail(context.Background(), pipeline.System, orderNo)
	if err != nil {
		t.Fatal(err)
	}
	if len(det.Documents) != 0 {
		t.Errorf("order has documents %v after %s", det.Documents, what)
	}
}

// TestUploadRefusalKeepsOthersEvidence: a refused upload (an unknown
// kind, sent after its file) racing an accepted upload of the same bytes
// never removes the object the accepted one recorded. Refusals only ever
// discard their own temporary object.
func TestUploadRefusalKeepsOthersEvidence(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	send := func(file []byte, kind string) (*http.Response, map[string]any) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "回单.pdf")
		fw.Write(file)
		mw.WriteField("kind", kind)
		mw.Close()
		req, _ := http.NewRequest("POST", b.srv.URL+"/api/v1/orders/HN1/documents", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+b.tokens["s1"])
		return b.do(t, req)
	}
	const pairs = 12
	type result struct {
		file []byte
		resp *http.Response
		m    map[string]any
	}
	results := make(chan result, pairs)
	var wg sync.WaitGroup
	for i := range pairs {
		file := append(bytes.Clone(pdf), fmt.Sprintf("%% pair %d\n", i)...)
		wg.Add(2)
		go func() { defer wg.Done(); send(file, "photo") }()
		go func() {
			defer wg.Done()
			resp, m := send(file, "payment")
			results <- result{file, resp, m}
		}()
	}
	wg.Wait()
	close(results)
	for r := range results {
		if r.resp.StatusCode != http.StatusCreated && r.resp.StatusCode != http.StatusOK {
			t.Errorf("accepted upload: %d %v", r.resp.StatusCode, r.m)
			continue
		}
		key := r.m["document"].(map[string]any)["object_key"].(string)
		sum, size, err := b.objects.Hash(ctx, key)
		want := sha256.Sum256(r.file)
		if err != nil || size != int64(len(r.file)) || !bytes.Equal(sum, want[:]) {
			t.Errorf("recorded object %s: %d bytes, %v; want the %d bytes uploaded", key, size, err, len(r.file))
		}
	}
}

func TestUploadRefusals(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tests := []struct {
		name   string
		user   string
		order  string
		fields [][2]string
		file   []byte
		status int
		code   string
	}{
		{"no token", "", "HN1", [][2]string{{"kind", "contract"}}, pdf, 401, "unauthorized"},
		{"unknown order", "s1", "HN404", [][2]string{{"kind", "contract"}}, pdf, 404, "not_found"},
		{"another supplier's order", "s2", "HN1", [][2]string{{"kind", "contract"}}, pdf, 403, "forbidden"},
		{"assessor may not upload", "as", "HN1", [][2]string{{"kind", "contract"}}, pdf, 403, "forbidden"},
		{"unknown kind", "s1", "HN1", [][2]string{{"kind", "photo"}}, pdf, 400, "invalid"},
		{"no kind", "s1", "HN1", nil, pdf, 400, "invalid"},
		{"no file", "s1", "HN1", [][2]string{{"kind", "invoice"}}, nil, 400, "invalid"},
		{"empty file", "s1", "HN1", [][2]string{{"kind", "invoice"}}, []byte{}, 400, "invalid"},
		{"wrong type", "s1", "HN1", [][2]string{{"kind", "invoice"}}, []byte("MZ\x90\x00 an executable"), 415, "unsupported_media_type"},
		{"zip that is not OFD", "s1", "HN1", [][2]string{{"kind", "invoice"}}, []byte("PK\x03\x04 not really a zip"), 415, "unsupported_media_type"},
		{"too large", "s1", "HN1", [][2]string{{"kind", "invoice"}}, append([]byte("%PDF-1.4\n"), make([]byte, maxUpload)...), 413, "too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, m := b.upload(t, tt.user, tt.order, tt.fields, tt.file)
			if resp.StatusCode != tt.status || errCode(m) != tt.code {
				t.Fatalf("got %d %v, want %d %s", resp.StatusCode, m, tt.status, tt.code)
			}
		})
	}
	b.nothingKept(t, "HN1", "refused uploads")
}

func TestReadAccess(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tests := []struct {
		user, path string
		status     int
	}{
		{"s1", "/api/v1/orders/HN1", 200},
		{"s2", "/api/v1/orders/HN1", 403},
		{"as", "/api/v1/orders/HN1", 403}, // assessors see verified orders only
		{"op", "/api/v1/orders/HN1", 200},
		{"as", "/api/v1/stats", 200},
		{"s1", "/api/v1/stats", 403},
		{"op", "/api/v1/stats?from=2021-13-01", 400},
		{"as", "/api/v1/stats?format=csv", 200},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", b.srv.URL+tt.path, nil)
		req.Header.Set("Authorization", "Bearer "+b.tokens[tt.user])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s GET %s = %d, want %d", tt.user, tt.path, resp.StatusCode, tt.status)
		}
	}
}

// TestMetricsEndpoint (issue 13): /metrics answers Prometheus's text format
// to an operator's or an admin's API token only: the figures are not public.
func TestMetricsEndpoint(t *testing.T) {
	t.Parallel()
	b := setup(t)
	get := func(user string) (int, string) {
		req, _ := http.NewRequest("GET", b.srv.URL+"/metrics", nil)
		if user != "" {
			req.Header.Set("Authorization", "Bearer "+b.tokens[user])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(raw)
	}
	if r, _ := b.upload(t, "s1", "HN1", [][2]string{{"kind", "contract"}}, pdf); r.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d", r.StatusCode)
	}
	code, body := get("op")
	if code != http.StatusOK || !strings.Contains(body, `heshi_documents_total{outcome="stored",stage="upload"}`) || !strings.Contains(body, "# TYPE heshi_stage_seconds histogram") {
		t.Errorf("operator: %d, want the upload counted in the text format", code)
	}
	for _, c := range []struct {
		user string
		want int
	}{{"", http.StatusUnauthorized}, {"s1", http.StatusForbidden}, {"as", http.StatusForbidden}} {
		if code, _ := get(c.user); code != c.want {
			t.Errorf("/metrics as %q: %d, want %d", c.user, code, c.want)
		}
	}
}
