package web_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/crypto/bcrypt"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/pdftext"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/report"
	"github.com/heshi-verify/heshi/samples"
	"github.com/heshi-verify/heshi/web/account"
)

const testPassword = "correct horse battery"

// browser is a signed-in user: the session cookie and its CSRF token.
type browser struct {
	b      *bundle
	cookie string
	csrf   string
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// signIn gives user a password and a session.
func (b *bundle) signIn(t *testing.T, user string) *browser {
	t.Helper()
	ctx := context.Background()
	if err := b.accounts.SetPassword(ctx, pipeline.System, user, testPassword); err != nil {
		t.Fatal(err)
	}
	sess, err := b.accounts.SignIn(ctx, user, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{b: b, cookie: sess.Token, csrf: sess.CSRF}
}

func (br *browser) req(t *testing.T, method, path string, body io.Reader, contentType string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, br.b.srv.URL+path, body)
	req.Header.Set("Accept", "text/html")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return br.send(t, req)
}

// send sends req with the browser's session cookie, following no redirect,
// and returns the response with its body read.
func (br *browser) send(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	if br != nil && br.cookie != "" {
		req.AddCookie(&http.Cookie{Name: "heshi_session", Value: br.cookie})
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp, string(raw)
}

func (br *browser) get(t *testing.T, path string) (*http.Response, string) {
	return br.req(t, "GET", path, nil, "")
}

// post sends a form, with the CSRF token unless withCSRF is false.
func (br *browser) post(t *testing.T, path string, form url.Values, withCSRF bool) (*http.Response, string) {
	if form == nil {
		form = url.Values{}
	}
	if withCSRF {
		form.Set("csrf", br.csrf)
	}
	return br.req(t, "POST", path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// uploadFirst uploads the first document of an order and returns it as
// recorded.
func (br *browser) uploadFirst(t *testing.T, orderNo, kind, name string, file []byte) pipeline.Document {
	t.Helper()
	if r, body := br.upload(t, orderNo, kind, name, file); r.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %s", r.StatusCode, body)
	}
	det, err := br.b.store.OrderDetail(context.Background(), pipeline.System, orderNo)
	if err != nil || len(det.Documents) != 1 {
		t.Fatalf("%s documents %+v (%v), want the one uploaded", orderNo, det, err)
	}
	return det.Documents[0].Document
}

// upload sends one file through the session twin of the upload route.
func (br *browser) upload(t *testing.T, orderNo, kind, name string, file []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("kind", kind)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(file)
	mw.Close()
	req, _ := http.NewRequest("POST", br.b.srv.URL+"/orders/"+orderNo+"/documents", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", br.csrf)
	return br.send(t, req)
}

func (b *bundle) setStatus(t *testing.T, orderNo string, st pipeline.Status) {
	t.Helper()
	if _, err := b.pool.Exec(context.Background(), `update orders set status = $2 where order_no = $1`, orderNo, string(st)); err != nil {
		t.Fatal(err)
	}
}

func init() { account.PasswordCost = bcrypt.MinCost } // sign-ins are not what these tests measure

func TestRoomsByRole(t *testing.T) {
	t.Parallel()
	b := setup(t)
	if _, err := b.accounts.CreateUser(context.Background(), pipeline.System, "ad", pipeline.RoleAdmin, ""); err != nil {
		t.Fatal(err)
	}
	s1, s2, op, as, ad := b.signIn(t, "s1"), b.signIn(t, "s2"), b.signIn(t, "op"), b.signIn(t, "as"), b.signIn(t, "ad")
	anon := &browser{b: b}

	cases := []struct {
		name   string
		br     *browser
		path   string
		status int
		want   string
	}{
		{"home sends a supplier to its room", s1, "/", http.StatusSeeOther, ""},
		{"supplier room", s1, "/supplier", http.StatusOK, "HN1"},
		{"supplier sees its order", s1, "/orders/HN1", http.StatusOK, "茶陵县第二中学"},
		{"another supplier's order", s2, "/orders/HN1", http.StatusForbidden, "HN1"},
		{"other supplier's room lists nothing of S1", s2, "/supplier", http.StatusOK, ""},
		{"operator queue", op, "/review", http.StatusOK, "审核队列"},
		{"supplier in the queue", s1, "/review", http.StatusForbidden, ""},
		{"assessor totals", as, "/totals", http.StatusOK, "核实统计"},
		{"supplier in totals", s1, "/totals", http.StatusForbidden, ""},
		{"assessor on an unverified order", as, "/orders/HN1", http.StatusForbidden, ""},
		{"assessor in the queue", as, "/review", http.StatusForbidden, ""},
		{"admin room", ad, "/admin", http.StatusOK, "任务队列"},
		{"operator in admin", op, "/admin", http.StatusForbidden, ""},
		{"anonymous to sign-in", anon, "/review", http.StatusSeeOther, ""},
		{"sign-in page", anon, "/login", http.StatusOK, "登录"},
		{"drill-down", as, "/totals/orders", http.StatusOK, ""},
		{"static", anon, "/static/app.js", http.StatusOK, "guessKind"},
	}
	for _, c := range cases {
		r, body := c.br.get(t, c.path)
		if r.StatusCode != c.status || !strings.Contains(body, c.want) {
			t.Errorf("%s: GET %s = %d (want %d), body has %q: %v", c.name, c.path, r.StatusCode, c.status, c.want, strings.Contains(body, c.want))
		}
	}
	if _, body := s2.get(t, "/supplier"); strings.Contains(body, "HN1") {
		t.Error("supplier S2's room lists S1's order HN1")
	}
	if r, _ := anon.get(t, "/review"); !strings.HasPrefix(r.Header.Get("Location"), "/login?next=") {
		t.Errorf("anonymous redirect to %q, want the sign-in page", r.Header.Get("Location"))
	}
	// English on request.
	req, _ := http.NewRequest("GET", b.srv.URL+"/login", nil)
	req.AddCookie(&http.Cookie{Name: "heshi_lang", Value: "en"})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(raw), "Sign in") {
		t.Error("the English sign-in page does not say Sign in")
	}
}

func TestRoomsRefuse(t *testing.T) {
	t.Parallel()
	b := setup(t)
	s1, s2, op, as := b.signIn(t, "s1"), b.signIn(t, "s2"), b.signIn(t, "op"), b.signIn(t, "as")
	b.setStatus(t, "HN1", pipeline.StatusNeedsReview)

	if r, body := s2.upload(t, "HN1", "contract", "合同.pdf", pdf); r.StatusCode != http.StatusForbidden {
		t.Errorf("S2 uploading to S1's order: %d %s, want 403", r.StatusCode, body)
	}
	if r, body := as.upload(t, "HN1", "contract", "合同.pdf", pdf); r.StatusCode != http.StatusForbidden {
		t.Errorf("assessor uploading: %d %s, want 403", r.StatusCode, body)
	}
	noCSRF := *s1
	noCSRF.csrf = "forged"
	if r, _ := noCSRF.upload(t, "HN1", "contract", "合同.pdf", pdf); r.StatusCode != http.StatusForbidden {
		t.Errorf("upload with a wrong CSRF token: %d, want 403", r.StatusCode)
	}
	if r, _ := op.post(t, "/review/next", nil, false); r.StatusCode != http.StatusForbidden {
		t.Errorf("Next without a CSRF token: %d, want 403", r.StatusCode)
	}
	if r, _ := as.post(t, "/orders/HN1/decision", url.Values{"decision": {"approve"}, "reason": {"x"}}, true); r.StatusCode != http.StatusForbidden {
		t.Errorf("assessor posting a decision: %d, want 403", r.StatusCode)
	}
	if r, _ := op.post(t, "/orders/HN1/decision", url.Values{"decision": {"approve"}, "reason": {"x"}}, true); r.StatusCode != http.StatusConflict {
		t.Errorf("deciding without a claim: %d, want 409", r.StatusCode)
	}
	if r, _ := op.post(t, "/orders/HN1/claim", nil, false); r.StatusCode != http.StatusForbidden {
		t.Errorf("claim without a CSRF token: %d, want 403", r.StatusCode)
	}
	if r, _ := s1.post(t, "/logout", nil, false); r.StatusCode != http.StatusForbidden {
		t.Errorf("sign-out without a CSRF token: %d, want 403", r.StatusCode)
	}
	if r, _ := s1.post(t, "/admin/users", url.Values{"name": {"x"}, "role": {"admin"}}, true); r.StatusCode != http.StatusForbidden {
		t.Errorf("supplier adding a user: %d, want 403", r.StatusCode)
	}
	// A document of S1's order is S1's to read, not S2's nor the assessor's.
	r, body := s1.upload(t, "HN1", "invoice", "<img src=x onerror=alert(1)>发票.pdf", pdf)
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("S1 upload: %d %s", r.StatusCode, body)
	}
	det, err := b.store.OrderDetail(context.Background(), pipeline.System, "HN1")
	if err != nil || len(det.Documents) != 1 {
		t.Fatalf("documents %v, %v", det, err)
	}
	path := "/documents/" + itoa(det.Documents[0].ID) + "/file"
	r, got := s1.get(t, path)
	if r.StatusCode != http.StatusOK || got != string(pdf) || r.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(r.Header.Get("Content-Disposition"), "inline") {
		t.Errorf("S1 reading its document: %d %q %q", r.StatusCode, r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"))
	}
	for _, br := range []*browser{s2, as} {
		if r, _ := br.get(t, path); r.StatusCode != http.StatusForbidden {
			t.Errorf("reading another's document: %d, want 403", r.StatusCode)
		}
	}
	// Untrusted text is escaped.
	_, page := s1.get(t, "/orders/HN1")
	if strings.Contains(page, "<img src=x") || !strings.Contains(page, "&lt;img src=x onerror=alert(1)&gt;发票.pdf") {
		t.Error("the file name is not escaped on the order page")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestReviewApproveMovesTotal(t *testing.T) {
	t.Parallel()
	b := setup(t)
	op, as := b.signIn(t, "op"), b.signIn(t, "as")
	b.setStatus(t, "HN1", pipeline.StatusNeedsReview)

	_, before := as.get(t, "/totals")
	if !strings.Contains(before, `id="verified-total">0.00<`) {
		t.Fatalf("verified total before approval is not 0.00")
	}
	r, _ := op.post(t, "/review/next", nil, true)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/orders/HN1" {
		t.Fatalf("Next = %d → %q, want /orders/HN1", r.StatusCode, r.Header.Get("Location"))
	}
	if _, page := op.get(t, "/orders/HN1"); !strings.Contains(page, `id="decision-form"`) {
		t.Fatal("the claimant's order page has no decision form")
	}
	if r, _ := op.post(t, "/orders/HN1/decision", url.Values{"decision": {"approve"}, "reason": {""}}, true); r.StatusCode != http.StatusBadRequest {
		t.Errorf("approve without a reason: %d, want 400", r.StatusCode)
	}
	r, _ = op.post(t, "/orders/HN1/decision", url.Values{"decision": {"approve"}, "reason": {"<b>凭证一致</b>"}}, true)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", r.StatusCode)
	}
	// The operator is told what happened (issue 11, bug 3).
	if _, page := op.get(t, r.Header.Get("Location")); !strings.Contains(page, `class="flash">订单 HN1 已通过审核，计入统计。`) {
		t.Errorf("after approving, %s says nothing of it", r.Header.Get("Location"))
	}
	_, after := as.get(t, "/totals")
	if !strings.Contains(after, `id="verified-total">100.00<`) {
		t.Errorf("verified total after approval is not 100.00")
	}
	if _, page := as.get(t, "/orders/HN1"); !strings.Contains(page, "HN1") {
		t.Error("the assessor cannot read the verified order's evidence")
	}
	if _, page := op.get(t, "/orders/HN1"); strings.Contains(page, "<b>凭证一致") || !strings.Contains(page, "&lt;b&gt;凭证一致") {
		t.Error("the reason is not escaped")
	}
	if r, body := as.get(t, "/totals/orders?supplier=S1"); r.StatusCode != http.StatusOK || !strings.Contains(body, "/orders/HN1") {
		t.Errorf("drill-down to S1's orders: %d, lists HN1: %v", r.StatusCode, strings.Contains(body, "/orders/HN1"))
	}
	r, csv := as.get(t, "/totals/export?table=summary&format=csv")
	if r.StatusCode != http.StatusOK || !strings.HasPrefix(csv, "\ufeff指标,数值") || !strings.Contains(csv, "金额（元）,100.00") {
		t.Errorf("CSV export: %d %q", r.StatusCode, csv)
	}
	r, xlsx := as.get(t, "/totals/export?format=xlsx")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("XLSX export: %d", r.StatusCode)
	}
	f, err := excelize.OpenReader(strings.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != len(report.Tables) {
		t.Errorf("sheets %v, want one per table %v", got, report.Tables)
	}
	// The overview's amount in yuan, found by its label.
	amount := ""
	for i := 2; i < 20; i++ {
		if label, _ := f.GetCellValue("概况", fmt.Sprintf("A%d", i)); label == "金额（元）" {
			amount = fmt.Sprintf("B%d", i)
		}
	}
	if v, _ := f.GetCellValue("概况", amount); amount == "" || v != "100.00" {
		t.Errorf("概况 amount %s = %q, want 100.00", amount, v)
	}
	if typ, _ := f.GetCellType("概况", amount); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("概况!%s is of type %v, want a number", amount, typ)
	}
}

func TestLoginForm(t *testing.T) {
	t.Parallel()
	b := setup(t)
	if err := b.accounts.SetPassword(context.Background(), pipeline.System, "op", testPassword); err != nil {
		t.Fatal(err)
	}
	anon := &browser{b: b}
	login := func(pw string) *http.Response {
		r, _ := anon.post(t, "/login", url.Values{"name": {"op"}, "password": {pw}, "next": {"/review"}}, false)
		return r
	}
	r := login(testPassword)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/review" {
		t.Fatalf("sign in: %d → %q", r.StatusCode, r.Header.Get("Location"))
	}
	var c *http.Cookie
	for _, k := range r.Cookies() {
		if k.Name == "heshi_session" {
			c = k
		}
	}
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v, want HttpOnly SameSite=Lax", c)
	}
	for i := range 5 {
		if r := login("wrong password " + itoa(int64(i))); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d, want 401", i, r.StatusCode)
		}
	}
	// Guessing from this address is slowed: the next try waits a second.
	if r := login(testPassword); r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "1" {
		t.Errorf("after five failures: %d, Retry-After %q; want 429 and 1", r.StatusCode, r.Header.Get("Retry-After"))
	}
	// The real user, signing in from elsewhere, is not held up by it.
	elsewhere := &http.Client{
		CheckRedirect: noRedirect.CheckRedirect,
		Transport:     &http.Transport{DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}).DialContext},
	}
	form := url.Values{"name": {"op"}, "password": {testPassword}, "next": {"/review"}}
	if r, err := elsewhere.PostForm(b.srv.URL+"/login", form); err != nil || r.StatusCode != http.StatusSeeOther {
		t.Errorf("the right password from another address: %v %v, want 303", r.Status, err)
	} else {
		r.Body.Close()
	}
	// Nor is anyone locked out here for good: once the delay has passed.
	b.clock.advance(time.Second)
	if r := login(testPassword); r.StatusCode != http.StatusSeeOther {
		t.Errorf("after the delay: %d, want 303", r.StatusCode)
	}
	if r, _ := anon.post(t, "/login", url.Values{"name": {"op"}, "password": {testPassword}, "next": {"//evil.example"}}, false); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Errorf("next=//evil.example: %d → %q, want 303 → /", r.StatusCode, r.Header.Get("Location"))
	}
}

// TestSignInStaysOnSite: the language switch and sign-in redirect only
// within the site, whatever a crafted next says, and a sign-in posted from
// an opaque origin ("null": a sandboxed frame, a data: URL) is refused.
func TestSignInStaysOnSite(t *testing.T) {
	t.Parallel()
	b := setup(t)
	if err := b.accounts.SetPassword(context.Background(), pipeline.System, "op", testPassword); err != nil {
		t.Fatal(err)
	}
	anon := &browser{b: b}
	for _, next := range []string{"/%09/evil.example/", "/%0a/evil.example/", "/%5cevil.example", "//evil.example", "https:evil.example"} {
		if r, _ := anon.get(t, "/lang?to=en&next="+next); r.Header.Get("Location") != "/" {
			t.Errorf("/lang?next=%s redirects to %q, want /", next, r.Header.Get("Location"))
		}
	}
	form := url.Values{"name": {"op"}, "password": {testPassword}, "next": {"/\t/evil.example/"}}
	req, _ := http.NewRequest("POST", b.srv.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "null")
	if r, _ := anon.send(t, req); r.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with Origin: null: %d, want 403", r.StatusCode)
	}
	r, _ := anon.post(t, "/login", form, false)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Errorf("sign-in with next=/\\t/evil.example/: %d → %q, want 303 → /", r.StatusCode, r.Header.Get("Location"))
	}
}

// TestAdminUserAddRefusesBadPassword: a password that cannot be set
// (too long for bcrypt, too short) is refused before the user and its token
// are made.
func TestAdminUserAddRefusesBadPassword(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	if _, err := b.accounts.CreateUser(ctx, pipeline.System, "ad", pipeline.RoleAdmin, ""); err != nil {
		t.Fatal(err)
	}
	ad := b.signIn(t, "ad")
	for name, pw := range map[string]string{"long": strings.Repeat("密码", 13), "short": "短密码"} {
		r, _ := ad.post(t, "/admin/users", url.Values{"name": {name}, "role": {"operator"}, "password": {pw}}, true)
		if r.StatusCode != http.StatusBadRequest {
			t.Errorf("%s password: %d, want 400", name, r.StatusCode)
		}
		users, err := b.accounts.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range users {
			if u.Name == name {
				t.Errorf("%s password refused, yet user %q was made", name, name)
			}
		}
	}
}

// TestDocumentProxyServesOnlyRecordedBytes: an object overwritten in
// storage is never served whole (the transfer breaks before its end), and a
// missing one is an error, not a 200 with fewer bytes than promised.
func TestDocumentProxyServesOnlyRecordedBytes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	s1 := b.signIn(t, "s1")
	doc := s1.uploadFirst(t, "HN1", "invoice", "发票.pdf", pdf)
	get := func() (*http.Response, []byte, error) {
		req, _ := http.NewRequest("GET", b.srv.URL+"/documents/"+itoa(doc.ID)+"/file", nil)
		req.AddCookie(&http.Cookie{Name: "heshi_session", Value: s1.cookie})
		resp, err := noRedirect.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		return resp, raw, err
	}
	if r, raw, err := get(); err != nil || r.StatusCode != http.StatusOK || !bytes.Equal(raw, pdf) {
		t.Fatalf("as recorded: %v, %d bytes, %v", r, len(raw), err)
	}
	forged := bytes.Clone(pdf)
	forged[len(forged)/2] ^= 0x20
	if err := b.objects.PutBytes(ctx, doc.ObjectKey, forged); err != nil {
		t.Fatal(err)
	}
	if r, raw, err := get(); err == nil || bytes.Equal(raw, forged) {
		t.Errorf("overwritten in storage: status %v, %d of %d bytes, error %v; want a broken transfer", r.Status, len(raw), len(forged), err)
	}
	if err := b.objects.Remove(ctx, doc.ObjectKey); err != nil {
		t.Fatal(err)
	}
	if r, raw, err := get(); err != nil || r.StatusCode != http.StatusInternalServerError || bytes.HasPrefix(raw, []byte("%PDF")) {
		t.Errorf("missing from storage: %v %d bytes %v; want a 500 error page", r.Status, len(raw), err)
	}
}

// TestClaimRenew: the order page renews the operator's claim on each load
// and from JavaScript while the operator works; nobody else can renew it.
func TestClaimRenew(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	if _, err := b.accounts.CreateUser(ctx, pipeline.System, "op2", pipeline.RoleOperator, ""); err != nil {
		t.Fatal(err)
	}
	s1, op, op2, as := b.signIn(t, "s1"), b.signIn(t, "op"), b.signIn(t, "op2"), b.signIn(t, "as")
	b.setStatus(t, "HN1", pipeline.StatusNeedsReview)
	if r, body := op.post(t, "/orders/HN1/claim", nil, true); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim: %d %s", r.StatusCode, body)
	}
	soon := func() {
		t.Helper()
		if _, err := b.pool.Exec(ctx, `update review_claims set expires_at = now() + interval '1 minute'`); err != nil {
			t.Fatal(err)
		}
	}
	renewed := func(what string) {
		t.Helper()
		c, err := b.store.ClaimOf(ctx, "HN1")
		if err != nil || c == nil || time.Until(c.ExpiresAt) < pipeline.ClaimTTL-time.Minute || c.ClaimedBy != "op" {
			t.Errorf("after %s the claim is %+v (%v), want op's for another %v", what, c, err, pipeline.ClaimTTL)
		}
	}

	soon()
	if r, body := op.get(t, "/orders/HN1"); r.StatusCode != http.StatusOK || !strings.Contains(body, `id="claim-until"`) {
		t.Fatalf("operator's order page: %d", r.StatusCode)
	}
	renewed("opening the order")

	soon()
	jsonPost := func(br *browser, csrf string) (*http.Response, string) {
		req, _ := http.NewRequest("POST", b.srv.URL+"/orders/HN1/claim/renew", nil)
		req.Header.Set("Accept", "application/json")
		req.Header.Set("X-CSRF-Token", csrf)
		return br.send(t, req)
	}
	if r, body := jsonPost(op, op.csrf); r.StatusCode != http.StatusOK || !strings.Contains(body, `"expires_at"`) {
		t.Errorf("renew: %d %s", r.StatusCode, body)
	}
	renewed("the page's renewal")

	for _, c := range []struct {
		name   string
		br     *browser
		csrf   string
		status int
	}{
		{"without a CSRF token", op, "", http.StatusForbidden},
		{"another operator", op2, op2.csrf, http.StatusConflict},
		{"an assessor", as, as.csrf, http.StatusForbidden},
		{"a supplier", s1, s1.csrf, http.StatusForbidden},
	} {
		if r, body := jsonPost(c.br, c.csrf); r.StatusCode != c.status {
			t.Errorf("renewing %s: %d %s, want %d", c.name, r.StatusCode, body, c.status)
		}
	}
	if c, _ := b.store.ClaimOf(ctx, "HN1"); c == nil || c.ClaimedBy != "op" {
		t.Errorf("claim after refused renewals %+v, want op's", c)
	}
}

// TestTotalsCategoryPending: the category table shows beside each figure
// how many orders are in review or rejected, with a zero row for a category
// that has nothing verified yet.
func TestTotalsCategoryPending(t *testing.T) {
	t.Parallel()
	b := setup(t)
	as := b.signIn(t, "as")
	categories := func() string {
		t.Helper()
		r, body := as.get(t, "/totals")
		if r.StatusCode != http.StatusOK {
			t.Fatalf("/totals: %d", r.StatusCode)
		}
		i := strings.Index(body, `id="categories"`)
		if i < 0 {
			t.Fatal("no category table")
		}
		body = body[i:]
		return body[:strings.Index(body, "</table>")]
	}
	cases := []struct {
		status pipeline.Status
		want   []string
		not    string
	}{
		{pipeline.StatusNeedsReview, []string{"湘米", "0.00", "审核中 1"}, "已驳回"},
		{pipeline.StatusRejected, []string{"湘米", "0.00", "已驳回 1"}, "审核中"},
		{pipeline.StatusVerified, []string{"湘米", "100.00"}, "pending"},
	}
	for _, c := range cases {
		b.setStatus(t, "HN1", c.status)
		got := categories()
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("HN1 %s: category table %q lacks %q", c.status, got, w)
			}
		}
		if strings.Contains(got, c.not) {
			t.Errorf("HN1 %s: category table %q has %q", c.status, got, c.not)
		}
	}
}

// TestKindDetected: a document whose title reads as another kind than the
// one chosen on upload shows that in the order's findings, in plain words.
func TestKindDetected(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	s1 := b.signIn(t, "s1")
	doc := s1.uploadFirst(t, "HN1", "contract", "scan.pdf", pdf)
	if err := b.store.SaveExtraction(ctx, doc.ID, evidence.Extraction{Kind: "contract", Source: "pdf", Readable: true, Detected: "invoice",
		Problems: []string{"title reads as invoice, not contract"}}); err != nil {
		t.Fatal(err)
	}
	_, body := s1.get(t, "/orders/HN1")
	for _, want := range []string{"kind.detected", "标题显示此凭证为", "scan.pdf: 采购合同 ≠ 发票", "上传时选择的类别与凭证标题不符"} {
		if !strings.Contains(body, want) {
			t.Errorf("order page lacks %q", want)
		}
	}
}

// TestTotalsLinksKeepPeriod (issue 11, bug 1): once a period is chosen,
// every drill-down, export and back link of the totals carries it as its
// own from and to parameters, not escaped into one.
func TestTotalsLinksKeepPeriod(t *testing.T) {
	t.Parallel()
	b := setup(t)
	as := b.signIn(t, "as")
	b.setStatus(t, "HN1", pipeline.StatusVerified)
	const from, to = "2021-10-01", "2021-12-31"
	hrefs := func(path string) []string {
		t.Helper()
		r, body := as.get(t, path)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, r.StatusCode)
		}
		var out []string
		for _, m := range regexp.MustCompile(`href="(/totals[^"]*)"`).FindAllStringSubmatch(body, -1) {
			out = append(out, html.UnescapeString(m[1]))
		}
		return out
	}
	var links []string
	for _, l := range hrefs("/totals?from=" + from + "&to=" + to) {
		if !strings.HasPrefix(l, "/totals?") && !strings.HasPrefix(l, "/totals/statement") { // the presets choose other periods; the statement is a year's
			links = append(links, l)
		}
	}
	if len(links) < 10 {
		t.Fatalf("only %d links on /totals: %v", len(links), links)
	}
	links = append(links, hrefs("/totals/orders?supplier=S1&from="+from+"&to="+to)...)
	for _, l := range links {
		if l == "/totals" || l == "/totals/assessment" {
			continue // the menu's links to the rooms: a fresh start
		}
		u, err := url.Parse(l)
		if err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		if q := u.Query(); q.Get("from") != from || q.Get("to") != to {
			t.Errorf("link %q loses the period (from %q, to %q)", l, q.Get("from"), q.Get("to"))
		}
	}
}

// TestReviewHeadingCountsFiltered (issue 11, bug 2): the queue's heading
// counts the orders the filters show, and the whole queue beside it.
func TestReviewHeadingCountsFiltered(t *testing.T) {
	t.Parallel()
	b := setup(t)
	op := b.signIn(t, "op")
	b.setStatus(t, "HN1", pipeline.StatusNeedsReview)
	total := regexp.MustCompile(`id="queue-total">(\d+)<`)
	for _, c := range []struct {
		path, shown string
		all         bool
	}{{"/review", "1", false}, {"/review?supplier=S2", "0", true}, {"/review?supplier=S1", "1", false}} {
		_, body := op.get(t, c.path)
		m := total.FindStringSubmatch(body)
		if m == nil || m[1] != c.shown || strings.Contains(body, `id="queue-all"`) != c.all {
			t.Errorf("%s: heading %v, whole queue shown %v; want %s, %v", c.path, m, strings.Contains(body, `id="queue-all"`), c.shown, c.all)
		}
	}
}

// TestErrorPageInChinese (issue 11): a refusal in a room reads in Chinese,
// and in English after the switch; the API's body carries both.
func TestErrorPageInChinese(t *testing.T) {
	t.Parallel()
	b := setup(t)
	s2 := b.signIn(t, "s2")
	r, page := s2.get(t, "/orders/HN1")
	if r.StatusCode != http.StatusForbidden || !strings.Contains(page, "您无权查看订单 HN1") {
		t.Errorf("another's order: %d, page lacks the Chinese refusal", r.StatusCode)
	}
	req, _ := http.NewRequest("GET", b.srv.URL+"/orders/HN1", nil)
	req.AddCookie(&http.Cookie{Name: "heshi_lang", Value: "en"})
	resp, body := s2.send(t, req)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "order HN1 is not yours to see") {
		t.Error("in English the refusal is not in English")
	}
}

// TestTotalsPage (issue 11): figures grouped in thousands, units in the
// headers, 合计 rows that add the rows up, and the period presets.
func TestTotalsPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	as := b.signIn(t, "as")
	b.setStatus(t, "HN1", pipeline.StatusVerified)
	_, page := as.get(t, "/totals")
	for _, want := range []string{"预算单位采购（万元）", "订单数（笔）", `<tr id="counties-sum"><th>合计</th>`, ">本月<", ">本季度<", ">本年<", ">上年<", "<th>排名</th>"} {
		if !strings.Contains(page, want) {
			t.Errorf("/totals lacks %q", want)
		}
	}
}

// TestRequestDocumentNamesKind (issue 11): an operator's request for a
// document names which one; the supplier sees it at the top of the order
// and as an action on its list, until it is answered.
func TestRequestDocumentNamesKind(t *testing.T) {
	t.Parallel()
	b := setup(t)
	op, s1 := b.signIn(t, "op"), b.signIn(t, "s1")
	b.setStatus(t, "HN1", pipeline.StatusNeedsReview)
	if r, _ := op.post(t, "/review/next", nil, true); r.Header.Get("Location") != "/orders/HN1" {
		t.Fatalf("next: %q", r.Header.Get("Location"))
	}
	if r, body := op.post(t, "/orders/HN1/decision", url.Values{"decision": {"request_document"}, "kind": {"receipt"}, "reason": {"x"}}, true); r.StatusCode != http.StatusBadRequest {
		t.Errorf("a request for an unknown kind: %d %s, want 400", r.StatusCode, body)
	}
	r, _ := op.post(t, "/orders/HN1/decision", url.Values{"decision": {"request_document"}, "kind": {"acceptance"}, "reason": {"请补充加盖公章的验收报告"}}, true)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("request: %d", r.StatusCode)
	}
	label := pipeline.KindAcceptance.Label()
	_, page := s1.get(t, "/orders/HN1")
	i := strings.Index(page, `id="request"`)
	if i < 0 || !strings.Contains(page[i:], "审核员要求补充凭证："+label) || !strings.Contains(page[i:], "请补充加盖公章的验收报告") {
		t.Errorf("the supplier's order page shows no request for %s", label)
	}
	if j := strings.Index(page, `id="documents"`); j >= 0 && j < i {
		t.Error("the request is not at the top of the order")
	}
	if _, list := s1.get(t, "/supplier"); !strings.Contains(list, "需补充凭证："+label) {
		t.Errorf("the supplier's list shows no action for the request")
	}
	if _, page := op.get(t, "/orders/HN1"); !strings.Contains(page, "要求补充凭证</b>（"+label+"）") {
		t.Error("the decisions do not say which document was requested")
	}
}

// TestAdminUsers (issue 11): the admin disables a user (signed out at
// once, its token and password refused), enables it again, resets its
// password; a refused form shows its error beside the form, in Chinese,
// with what was typed kept.
func TestAdminUsers(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	if _, err := b.accounts.CreateUser(ctx, pipeline.System, "ad", pipeline.RoleAdmin, ""); err != nil {
		t.Fatal(err)
	}
	ad, op := b.signIn(t, "ad"), b.signIn(t, "op")
	token, err := b.accounts.NewToken(ctx, pipeline.System, "op")
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := ad.post(t, "/admin/users/op/disable", nil, true); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", r.StatusCode)
	}
	if r, _ := op.get(t, "/review"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("a disabled user's session: %d → %q, want the sign-in page", r.StatusCode, r.Header.Get("Location"))
	}
	if _, err := b.accounts.Authenticate(ctx, token); pipeline.ErrorCodeOf(err) != pipeline.EUnauthorized {
		t.Errorf("a disabled user's token: %v, want unauthorized", err)
	}
	if _, err := b.accounts.SignIn(ctx, "op", testPassword); pipeline.ErrorCodeOf(err) != pipeline.EUnauthorized {
		t.Errorf("a disabled user's password: %v, want unauthorized", err)
	}
	if _, page := ad.get(t, "/admin"); !strings.Contains(page, "已停用") {
		t.Error("the admin page does not show op disabled")
	}
	if r, _ := ad.post(t, "/admin/users/ad/disable", nil, true); r.StatusCode != http.StatusBadRequest {
		t.Errorf("an admin disabling itself: %d, want 400", r.StatusCode)
	}
	if r, _ := ad.post(t, "/admin/users/op/enable", nil, true); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("enable: %d", r.StatusCode)
	}
	if _, err := b.accounts.Authenticate(ctx, token); err != nil {
		t.Errorf("the token after enabling: %v", err)
	}
	if r, _ := ad.post(t, "/admin/users/op/password", url.Values{"password": {"a brand new password"}}, true); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset password: %d", r.StatusCode)
	}
	if _, err := b.accounts.SignIn(ctx, "op", "a brand new password"); err != nil {
		t.Errorf("sign in with the reset password: %v", err)
	}
	r, page := ad.post(t, "/admin/users", url.Values{"name": {"newsup"}, "role": {"supplier"}, "supplier": {""}, "password": {"短"}}, true)
	if r.StatusCode != http.StatusBadRequest || !strings.Contains(page, `id="form-error"`) || !strings.Contains(page, `value="newsup"`) || !strings.Contains(page, "密码至少需要") {
		t.Errorf("a refused form: %d; want 400 with the Chinese error beside the form and the name kept", r.StatusCode)
	}
}

// TestOrderPageLines (issue 11): the order page sets the order's lines
// beside the lines each document was read with.
func TestOrderPageLines(t *testing.T) {
	t.Parallel()
	b := setup(t)
	op := b.signIn(t, "op")
	_, page := op.get(t, "/orders/HN1")
	i := strings.Index(page, `id="order-lines"`)
	if i < 0 || !strings.Contains(page[i:], "大米") || !strings.Contains(page[i:], "50.00") {
		t.Errorf("the order page lacks the order's lines (大米, 2 袋 at 50.00)")
	}
}

// TestSamplingRoom (issue 12): an operator draws a round in the review
// room, marks its orders right or wrong; a wrong one leaves the totals; the
// totals page states the latest round's bound.
func TestSamplingRoom(t *testing.T) {
	t.Parallel()
	b := setup(t)
	op, as := b.signIn(t, "op"), b.signIn(t, "as")
	b.setStatus(t, "HN1", pipeline.StatusVerified)
	if r, page := op.get(t, "/review/sample"); r.StatusCode != http.StatusOK || !strings.Contains(page, `id="draw-form"`) {
		t.Fatalf("the sampling room before any round: %d", r.StatusCode)
	}
	r, _ := op.post(t, "/review/sample", url.Values{"confidence": {"95"}, "tolerable": {"5"}, "seed": {"11"}}, true)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("draw: %d", r.StatusCode)
	}
	loc := r.Header.Get("Location")
	_, page := op.get(t, loc)
	if !strings.Contains(page, `href="/orders/HN1"`) || !strings.Contains(page, "待复核") || !strings.Contains(page, "种子 11") {
		t.Fatalf("the round at %s does not list HN1 to check with its seed", loc)
	}
	id := strings.TrimPrefix(loc, "/review/sample?id=")
	if r, _ := op.post(t, "/review/sample/"+id+"/check", url.Values{"order_no": {"HN1"}, "result": {"error"}, "note": {"发票金额与订单不符"}}, true); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d", r.StatusCode)
	}
	if _, page := op.get(t, loc); !strings.Contains(page, "核实有误") || !strings.Contains(page, `id="sample-bound">100.00%`) {
		t.Errorf("after one wrong of one, the round does not say so")
	}
	if _, page := as.get(t, "/totals"); !strings.Contains(page, `id="sample"`) || !strings.Contains(page, `id="verified-total">0.00<`) || !strings.Contains(page, "进行中") {
		t.Errorf("the totals page lacks the round's result in progress, or still counts the wrong order")
	}
	if _, page := op.get(t, loc); !strings.Contains(page, `id="close-form"`) {
		t.Fatal("every order re-checked, the round offers no close")
	}
	if r, _ := op.post(t, "/review/sample/"+id+"/close", nil, true); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", r.StatusCode)
	}
	if _, page := op.get(t, loc); !strings.Contains(page, `id="round-closed"`) || strings.Contains(page, `id="close-form"`) {
		t.Error("the closed round does not say it is closed")
	}
	if r, page := op.post(t, "/review/sample/"+id+"/close", nil, true); r.StatusCode != http.StatusConflict || !strings.Contains(page, "抽样已结束") {
		t.Errorf("closing twice: %d, want 409 in Chinese", r.StatusCode)
	}
	if _, page := as.get(t, "/totals"); !strings.Contains(page, "已结束") {
		t.Error("the totals page does not say the round is final")
	}
	if r, _ := as.get(t, "/review/sample"); r.StatusCode != http.StatusForbidden {
		t.Errorf("an assessor in the sampling room: %d, want 403", r.StatusCode)
	}
}

// TestAssessmentPage (issue 12): the assessor's reserved shares and
// penetration for a year, by county, city and unit.
func TestAssessmentPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	as := b.signIn(t, "as")
	b.setStatus(t, "HN1", pipeline.StatusVerified)
	r, page := as.get(t, "/totals/assessment?year=2021")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("/totals/assessment: %d", r.StatusCode)
	}
	for _, want := range []string{`id="assess-counties"`, `id="assess-total"`, "茶陵县", "1 / 1", "100.00%", "渗透率"} {
		if !strings.Contains(page, want) {
			t.Errorf("the assessment page lacks %q", want)
		}
	}
	r, csv := as.get(t, "/totals/assessment?year=2021&format=csv")
	if r.StatusCode != http.StatusOK || !strings.HasPrefix(csv, "\ufeff分县预留份额与渗透率") || !strings.Contains(csv, "合计,,0,0.00,100.00,0.00,0.00%,0,1,1,100.00%") || !strings.Contains(csv, "B1,茶陵县第二中学") {
		t.Errorf("the assessment's CSV: %d\n%s", r.StatusCode, csv)
	}
	if r, _ := as.get(t, "/totals/assessment?year=abc"); r.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad year: %d, want 400", r.StatusCode)
	}
	if r, _ := b.signIn(t, "s1").get(t, "/totals/assessment"); r.StatusCode != http.StatusForbidden {
		t.Errorf("a supplier: %d, want 403", r.StatusCode)
	}
}

// TestStatement (issue 12): the year's statement, from verified orders
// only, as a printable page in Chinese.
func TestStatement(t *testing.T) {
	t.Parallel()
	b := setup(t)
	as := b.signIn(t, "as")
	b.setStatus(t, "HN1", pipeline.StatusVerified)
	r, page := as.get(t, "/totals/statement?year=2021")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("/totals/statement: %d", r.StatusCode)
	}
	for _, want := range []string{"湖南省政府采购电子卖场乡村振兴馆交易情况 2021", `id="st-counties"`, "二、各县（市、区）情况", "茶陵县", "茶陵县第二中学", "0.01", "<svg", "合计"} {
		if !strings.Contains(page, want) {
			t.Errorf("the statement lacks %q", want)
		}
	}
	if i := strings.Index(page, `id="st-county-units"`); i < 0 || !strings.Contains(page[i:], "茶陵县第二中学") || strings.Contains(page, `id="st-prefecture-units"`) {
		t.Error("the statement does not rank the county's unit among the county units (and no prefecture units, there being none)")
	}
	if _, page := as.get(t, "/totals/statement?year=2022"); strings.Contains(page, "茶陵县第二中学") {
		t.Error("the 2022 statement lists 2021's buyer")
	}
	r, body := as.get(t, "/totals/statement?year=2021&format=pdf")
	if _, err := samples.LoadFont(); err != nil {
		if r.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "中文字体") {
			t.Errorf("the PDF statement without a font: %d %.100q, want 503 saying so", r.StatusCode, body)
		}
		return
	}
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("the PDF statement: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	rows, err := pdftext.Rows([]byte(body), pdftext.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, row := range rows {
		text.WriteString(row.Text() + "\n")
	}
	for _, want := range []string{"湖南省政府采购电子卖场乡村振兴馆交易情况 2021", "茶陵县第二中学", "合计"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the PDF statement lacks %q", want)
		}
	}
}

// TestDocumentVersions (issue 11): every version of a document can be
// opened from the order page with what was read differently from the one
// before, and an order verified before shows what of its evidence came
// after: the findings say why the order is back, not "no findings" alone.
func TestDocumentVersions(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	s1, op := b.signIn(t, "s1"), b.signIn(t, "op")
	read := func(id int64, total string) {
		t.Helper()
		if err := b.store.SaveExtraction(ctx, id, evidence.Extraction{Kind: "contract", Source: "pdf", Readable: true,
			Fields: map[string]evidence.Field{evidence.FieldTotal: {Value: total, Text: "合同金额 " + total}}}); err != nil {
			t.Fatal(err)
		}
	}
	v1 := s1.uploadFirst(t, "HN1", "contract", "合同-初版.pdf", pdf)
	read(v1.ID, "100.00")
	if _, err := b.pool.Exec(ctx, `insert into order_status_history (order_id, from_status, to_status, actor, reason)
		select id, 'checking', 'verified', 'worker', 'all checks passed' from orders where order_no = 'HN1'`); err != nil {
		t.Fatal(err)
	}
	if _, page := op.get(t, "/orders/HN1"); strings.Contains(page, `id="versions-contract"`) || strings.Contains(page, `id="changed-since"`) {
		t.Error("one version, no change since verification: the page shows versions or changes")
	}
	if r, body := s1.upload(t, "HN1", "contract", "合同-改.pdf", append(slices.Clone(pdf), "% v2\n"...)); r.StatusCode != http.StatusCreated {
		t.Fatalf("second version: %d %s", r.StatusCode, body)
	}
	det, err := b.store.OrderDetail(ctx, pipeline.System, "HN1")
	if err != nil || len(det.Documents) != 1 || det.Documents[0].Version != 2 || len(det.Earlier) != 1 || det.Earlier[0].ID != v1.ID {
		t.Fatalf("detail: %+v (%v), want v2 current and v1 earlier", det, err)
	}
	read(det.Documents[0].ID, "120.00")
	b.setStatus(t, "HN1", pipeline.StatusNeedsReview)
	_, page := op.get(t, "/orders/HN1")
	i := strings.Index(page, `id="versions-contract"`)
	if i < 0 {
		t.Fatal("the contract's versions are not on the page")
	}
	vs := page[i:]
	for _, want := range []string{"历次版本（2）", "v2", "合同-改.pdf", "v1", "合同-初版.pdf", "<del>100.00</del>", "<ins>120.00</ins>",
		"首次上传", fmt.Sprintf(`href="/documents/%d/file"`, v1.ID)} {
		if !strings.Contains(vs, want) {
			t.Errorf("the versions lack %q", want)
		}
	}
	j := strings.Index(page, `id="changed-since"`)
	if j < 0 || !strings.Contains(page[j:], "核实后的凭证变动") || !strings.Contains(page[j:], "<ins>120.00</ins>") {
		t.Error("the order page does not show what changed since the order was verified")
	}
	if r, _ := op.get(t, fmt.Sprintf("/documents/%d/file", v1.ID)); r.StatusCode != http.StatusOK {
		t.Errorf("the earlier version's file: %d", r.StatusCode)
	}
	req, _ := http.NewRequest("GET", b.srv.URL+"/orders/HN1", nil)
	req.AddCookie(&http.Cookie{Name: "heshi_lang", Value: "en"})
	if _, en := op.send(t, req); !strings.Contains(en, "All versions (2)") || !strings.Contains(en, "first upload") {
		t.Error("the versions are not named in English")
	}
}

// TestLongListsPage (issue 11): the review queue, a supplier's orders and
// the orders behind a figure come in pages of pipeline.PageSize that keep
// the list's filters; the figure's count and sum are of every order, not of
// the page shown (the list used to stop at 5,000 and sum only those).
func TestLongListsPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	if _, err := b.pool.Exec(ctx, `insert into orders (order_no, buyer_id, supplier_id, order_date, total_fen, status)
		select 'HP' || lpad(i::text, 3, '0'), 'B1', 'S1', date '2021-10-01' + (i % 20), 100 * i,
		       case when i <= 60 then 'verified' else 'needs_review' end
		from generate_series(1, 130) i`); err != nil {
		t.Fatal(err)
	}
	op, as, s1 := b.signIn(t, "op"), b.signIn(t, "as"), b.signIn(t, "s1")
	rows := func(page, table string) int {
		i := strings.Index(page, `id="`+table+`"`)
		if i < 0 {
			t.Fatalf("no table %s", table)
		}
		return strings.Count(page[i:i+strings.Index(page[i:], "</table>")], "<tr>") - 1 // less the header
	}

	_, q1 := op.get(t, "/review?sort=largest")
	if n := rows(q1, "queue-table"); n != pipeline.PageSize {
		t.Errorf("review page 1: %d rows, want %d", n, pipeline.PageSize)
	}
	if !strings.Contains(q1, `href="/review?page=2&amp;sort=largest"`) || !strings.Contains(q1, "第 1–50 条，共 70 条") {
		t.Error("review page 1 lacks its pager keeping the sort")
	}
	_, q2 := op.get(t, "/review?sort=largest&page=2")
	if n := rows(q2, "queue-table"); n != 20 || !strings.Contains(q2, "HP061") || strings.Contains(q2, "HP130") {
		t.Errorf("review page 2: %d rows, want the 20 smallest", n)
	}
	if _, q9 := op.get(t, "/review?page=9"); !strings.Contains(q9, "第 2 / 2 页") {
		t.Error("a page past the end is not the last page")
	}

	_, l3 := s1.get(t, "/supplier?page=3")
	if n := rows(l3, "orders"); n != 31 || !strings.Contains(l3, "第 101–131 条，共 131 条") || !strings.Contains(l3, `rel="prev" href="/supplier?page=2"`) {
		t.Errorf("supplier page 3: %d rows, want 31 of 131 with a link back", n)
	}

	_, f1 := as.get(t, "/totals/orders?supplier=S1&from=2021-10-01&to=2021-12-31")
	if n := rows(f1, "behind"); n != pipeline.PageSize {
		t.Errorf("orders behind, page 1: %d rows", n)
	}
	// HP001…HP060 verified: 100 × (1+…+60) fen = 1,830.00 yuan; HN1 is not verified.
	if !strings.Contains(f1, `<span id="behind-count">60</span>`) || !strings.Contains(f1, `<span id="behind-total">1,830.00</span>`) {
		t.Errorf("orders behind: the count and sum are not of all 60 orders")
	}
	if !strings.Contains(f1, "page=2") || !strings.Contains(f1, "supplier=S1") || !strings.Contains(f1, "from=2021-10-01") {
		t.Error("the figure's pager loses its filters")
	}
}
