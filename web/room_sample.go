package web

import (
	"net/http"
	"strconv"

	"github.com/heshi-verify/heshi/pipeline"
)

// samplePage is the operators' sampling audit: the latest round (or one
// asked for) with its orders to re-check, and a form to draw a new one.
type samplePage struct {
	Base
	Round *pipeline.SampleRound // nil before the first round
}

// sampleShow handles GET /review/sample[?id=N].
func (s *Server) sampleShow(w http.ResponseWriter, r *http.Request) {
	p := &samplePage{Base: s.base(r, "nav.sample")}
	id, _ := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	round, err := s.store.SampleRound(r.Context(), id)
	switch {
	case pipeline.ErrorCodeOf(err) == pipeline.ENotFound && id == 0:
	case err != nil:
		s.error(w, r, err)
		return
	default:
		p.Round = round
	}
	s.render(w, r, "sample", http.StatusOK, p)
}

// sampleDraw handles POST /review/sample (from, to, confidence, tolerable,
// seed): a new round, its seed random unless given.
func (s *Server) sampleDraw(w http.ResponseWriter, r *http.Request) {
	r.ParseForm() //nolint:errcheck // a bad form is refused below
	per, err := period(r.PostForm)
	if err != nil {
		s.error(w, r, err)
		return
	}
	conf, err1 := strconv.ParseFloat(r.PostFormValue("confidence"), 64)
	tol, err2 := strconv.ParseFloat(r.PostFormValue("tolerable"), 64)
	if err1 != nil || err2 != nil {
		s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "confidence and tolerable error rate must lie between 0 and 1"))
		return
	}
	seed, _ := strconv.ParseUint(r.PostFormValue("seed"), 10, 63) // 0: a random one
	round, err := s.store.DrawSampleRound(r.Context(), actorFrom(r.Context()), per, conf/100, tol/100, seed)
	if err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/review/sample?id="+strconv.FormatInt(round.ID, 10), http.StatusSeeOther)
}

// sampleCheck handles POST /review/sample/{id}/check (order_no, result ok|error, note).
func (s *Server) sampleCheck(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.error(w, r, pipeline.Errorf(pipeline.ENotFound, "no such sample"))
		return
	}
	res := r.PostFormValue("result")
	if res != "ok" && res != "error" {
		s.error(w, r, pipeline.Errorf(pipeline.EInvalid, "result: want ok or error"))
		return
	}
	if err := s.store.RecordSampleCheck(r.Context(), actorFrom(r.Context()), id, r.PostFormValue("order_no"), res == "error", r.PostFormValue("note")); err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/review/sample?id="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// sampleClose handles POST /review/sample/{id}/close: the round's result is
// final once every sampled order was re-checked.
func (s *Server) sampleClose(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.error(w, r, pipeline.Errorf(pipeline.ENotFound, "no such sample"))
		return
	}
	if err := s.store.CloseSampleRound(r.Context(), actorFrom(r.Context()), id); err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/review/sample?id="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
