package library

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/fetch"
)

// BenchmarkRefreshMany is `sokbo refresh` of 100 feeds of 50 items into
// an empty cache, as bench/compare.sh's many-feeds row, in process and
// unpaced (compare.sh serves each feed on a port of its own so that the
// pacer does not space them): fetch over 127.0.0.1, parse, save, and
// the index share Refresh takes.
func BenchmarkRefreshMany(b *testing.B) {
	const feeds, per = 100, 50
	bodies := make([][]byte, feeds)
	for k := range bodies {
		var buf bytes.Buffer
		if err := feedgen.GenerateFrom(&buf, per, uint64(k+1), (k+1)*1000+per); err != nil {
			b.Fatal(err)
		}
		bodies[k] = buf.Bytes()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var k int
		fmt.Sscanf(r.URL.Path, "/%d.xml", &k)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(bodies[k])
	}))
	defer srv.Close()
	subs := make([]feed.Subscription, feeds)
	for k := range subs {
		subs[k] = feed.Subscription{URL: fmt.Sprintf("%s/%d.xml", srv.URL, k)}
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		l := New(Options{StorePath: filepath.Join(b.TempDir(), "sokbo.db"), Pacer: fetch.NewPacer(fetch.PacerOptions{Gap: -1})})
		b.StartTimer()
		results, err := l.Refresh(ctx, subs, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range results {
			if r.Err != nil || r.New != per {
				b.Fatalf("%s: %d new, %v", r.URL, r.New, r.Err)
			}
		}
		b.StopTimer()
		l.Close()
		b.StartTimer()
	}
}
