package library

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"sokbo/feed"
	"sokbo/feed/fetch"
)

// TestRefreshAllDeferredSaysLastFailure: a feed whose server answered 503
// with a Retry-After is not fetched again by RefreshAll before then, and
// its last failure is still a problem of the list: a second `list
// --refresh` must not say nothing of it.
func TestRefreshAllDeferredSaysLastFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "999999999")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	dir := t.TempDir()
	ctx := context.Background()
	src := Sources{Feeds: []feed.Subscription{{URL: srv.URL + "/feed"}}}
	for run := range 2 {
		l := New(Options{
			StorePath:  filepath.Join(dir, "sokbo.db"),
			Pacer:      fetch.NewPacer(fetch.PacerOptions{Gap: -1}),
			RefreshAll: true,
		})
		problems := l.Prepare(ctx, src)
		l.Close()
		if len(problems) != 1 || problems[0].Source != srv.URL+"/feed" || problems[0].Err == nil {
			t.Fatalf("run %d: problems %+v, want the 503 of %s", run, problems, srv.URL+"/feed")
		}
	}
}
