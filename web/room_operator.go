package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/heshi-verify/heshi/pipeline"
)

// reviewPage is the operator's queue.
type reviewPage struct {
	Base
	Filter pipeline.QueueFilter
	Queue  *pipeline.ReviewQueueView
	Rows   []pipeline.QueueItem // the page of the matching orders shown
	Pager  *pager
}

func queueFilter(v url.Values) pipeline.QueueFilter {
	return pipeline.QueueFilter{County: v.Get("county"), Rule: v.Get("rule"), Supplier: v.Get("supplier"), Largest: v.Get("sort") == "largest"}
}

// reviewList handles GET /review.
func (s *Server) reviewList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := &reviewPage{Base: s.base(r, "nav.review"), Filter: queueFilter(q), Pager: newPager("/review", q)}
	var err error
	if p.Queue, err = s.store.ReviewQueue(r.Context(), p.Filter); err != nil {
		s.error(w, r, err)
		return
	}
	p.Pager.query.Del("decided")
	p.Pager.query.Del("decision")
	p.Pager.query.Del("empty")
	p.Rows = pipeline.Slice(&p.Pager.Page, p.Queue.Items)
	if r.URL.Query().Get("empty") != "" {
		p.Flash = p.Lang.T("queue_empty")
	}
	if no := r.URL.Query().Get("decided"); no != "" {
		if d := pipeline.Decision(r.URL.Query().Get("decision")); d.Valid() {
			p.Flash = fmt.Sprintf(p.Lang.T("decided."+string(d)), no)
		}
	}
	s.render(w, r, "review", http.StatusOK, p)
}

// reviewNext handles POST /review/next: claim the next order and open it.
func (s *Server) reviewNext(w http.ResponseWriter, r *http.Request) {
	r.ParseForm() //nolint:errcheck // a bad form filters nothing
	f := queueFilter(r.PostForm)
	no, err := s.store.ClaimNext(r.Context(), actorFrom(r.Context()), f, pipeline.ClaimTTL)
	if pipeline.ErrorCodeOf(err) == pipeline.ENotFound {
		http.Redirect(w, r, "/review?empty=1", http.StatusSeeOther)
		return
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/orders/"+url.PathEscape(no), http.StatusSeeOther)
}

// orderClaim handles POST /orders/{order_no}/claim.
func (s *Server) orderClaim(w http.ResponseWriter, r *http.Request) {
	no := r.PathValue("order_no")
	if err := s.store.Claim(r.Context(), actorFrom(r.Context()), no, pipeline.ClaimTTL); err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/orders/"+url.PathEscape(no), http.StatusSeeOther)
}

// orderClaimRenew handles POST /orders/{order_no}/claim/renew: the order
// page sends it while the operator works (keys, clicks, scrolling), so a
// claim lapses only when nobody is at the page. It answers the new expiry.
func (s *Server) orderClaimRenew(w http.ResponseWriter, r *http.Request) {
	exp, err := s.store.RenewClaim(r.Context(), actorFrom(r.Context()), r.PathValue("order_no"), pipeline.ClaimTTL)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"expires_at": exp.In(pipeline.Shanghai).Format("2006-01-02 15:04")})
}

// orderRelease handles POST /orders/{order_no}/release.
func (s *Server) orderRelease(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Release(r.Context(), actorFrom(r.Context()), r.PathValue("order_no")); err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/review", http.StatusSeeOther)
}

// orderDecide handles POST /orders/{order_no}/decision (decision, reason):
// recorded with the status change and an audit entry in one transaction;
// then the operator goes on to the queue.
func (s *Server) orderDecide(w http.ResponseWriter, r *http.Request) {
	no := r.PathValue("order_no")
	d := pipeline.Decision(r.PostFormValue("decision"))
	var err error
	if d == pipeline.DecisionRequestDocument {
		err = s.store.RequestDocument(r.Context(), actorFrom(r.Context()), no, pipeline.DocKind(r.PostFormValue("kind")), r.PostFormValue("reason"))
	} else {
		err = s.store.Decide(r.Context(), actorFrom(r.Context()), no, d, r.PostFormValue("reason"))
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/review?"+url.Values{"decided": {no}, "decision": {string(d)}}.Encode(), http.StatusSeeOther)
}
