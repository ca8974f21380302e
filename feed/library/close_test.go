package library

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"

	"sokbo/feed"
	"sokbo/feed/fetch"
)

// TestCloseReleasesRefreshClaims: a reader quit while its refresh waits
// on a server. Close stops the refresh and lets it give up its claim, so
// the next sokbo on the cache fetches the feed at once rather than
// skipping it as "being fetched by another sokbo" until the claim
// lapses, a minute later. A refresh asked of the closed library is
// refused.
func TestCloseReleasesRefreshClaims(t *testing.T) {
	var hung atomic.Bool
	asked := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hung.Swap(true) {
			asked <- struct{}{}
			<-r.Context().Done() // the first request is never answered
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<rss version="2.0"><channel><title>속보</title><item><title>정전</title><link>http://x.kr/1</link><guid>1</guid></item></channel></rss>`))
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	open := func() *Library {
		return New(Options{StorePath: path, Pacer: fetch.NewPacer(fetch.PacerOptions{Gap: -1})})
	}
	subs := []feed.Subscription{{URL: srv.URL + "/feed"}}

	first := open()
	ended := make(chan error, 1)
	go func() {
		_, err := first.Refresh(context.Background(), subs, nil)
		ended <- err
	}()
	<-asked
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	<-ended
	if _, err := first.Refresh(context.Background(), subs, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("a refresh after Close: %v, want ErrClosed", err)
	}

	second := open()
	defer second.Close()
	results, err := second.Refresh(context.Background(), subs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := results[0]; r.Busy || r.Err != nil || r.New != 1 {
		t.Errorf("the next refresh: busy %v, err %v, %d new; want the feed fetched, 1 new", r.Busy, r.Err, r.New)
	}
}
