package web

import (
	"html/template"
	"net/url"
	"strconv"

	"github.com/heshi-verify/heshi/pipeline"
)

// pager is what a long list shows below itself: which rows of how many,
// and links to the pages before and after that keep the list's filters.
type pager struct {
	pipeline.Page
	path  string
	query url.Values // the request's, less its page
}

// newPager reads the page a request asks for (?page=N).
func newPager(path string, q url.Values) *pager {
	p := &pager{Page: pipeline.PageOf(q.Get("page"), pipeline.PageSize), path: path, query: url.Values{}}
	for k, vs := range q {
		if k != "page" {
			p.query[k] = vs
		}
	}
	return p
}

// Link is the address of page n of the list, with its filters.
func (p *pager) Link(n int) template.URL {
	v := url.Values{}
	for k, vs := range p.query {
		v[k] = vs
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return template.URL(p.path) //nolint:gosec // a path of this site
	}
	return template.URL(p.path + "?" + v.Encode()) //nolint:gosec // encoded by url.Values
}
