package library

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/fetch"
	"sokbo/feed/store"
)

// TestRefreshIndexesOnlyWhatItBrought: a round that stores a usual number
// of items indexes them at once; a round that brings thousands (a first
// refresh) or nothing (the same body again, from a server with no
// validators) leaves what is queued for the reader's background indexing
// and the next round that brings a few.
func TestRefreshIndexesOnlyWhatItBrought(t *testing.T) {
	var body, small bytes.Buffer
	if err := feedgen.Generate(&body, 1000, 3); err != nil {
		t.Fatal(err)
	}
	if err := feedgen.Generate(&small, 20, 4); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		if r.URL.Path == "/small.xml" {
			w.Write(small.Bytes())
			return
		}
		w.Write(body.Bytes())
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	l := New(Options{StorePath: path, Pacer: fetch.NewPacer(fetch.PacerOptions{Gap: -1})})
	defer l.Close()
	ctx := context.Background()
	subs := []feed.Subscription{{URL: srv.URL + "/feed.xml"}}
	pending := func() int {
		t.Helper()
		st, err := store.Open(ctx, store.Options{Path: path, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		n, err := st.PendingIndex(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	res, err := l.Refresh(ctx, subs, nil)
	if err != nil || res[0].Err != nil || res[0].New != 1000 {
		t.Fatalf("first refresh: %+v, %v", res, err)
	}
	first := pending()
	if first != 1000 {
		t.Fatalf("after the first round %d of 1000 wait for the index; want all", first)
	}
	res, err = l.Refresh(ctx, subs, nil)
	if err != nil || res[0].Err != nil || !res[0].NotModified {
		t.Fatalf("second refresh: %+v, %v", res, err)
	}
	if n := pending(); n != first {
		t.Errorf("a round that brought nothing indexed: %d queued, was %d", n, first)
	}
	// A round of 20 new items indexes them and at least a batch more.
	res, err = l.Refresh(ctx, []feed.Subscription{{URL: srv.URL + "/small.xml"}}, nil)
	if err != nil || res[0].Err != nil || res[0].New != 20 {
		t.Fatalf("small refresh: %+v, %v", res, err)
	}
	left := pending()
	if left > first+20-64 {
		t.Errorf("a round of 20 left %d of %d queued; want at least 64 indexed", left, first+20)
	}
	if n, err := l.UpdateIndex(ctx); err != nil || n != left {
		t.Errorf("UpdateIndex = %d, %v; want the %d left", n, err, left)
	}
}
