package library

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/fetch"
)

// roundFeeds and roundItems shape BenchmarkRefreshRound: ten feeds of 100
// items, as a reader's subscriptions, each round bringing newPerRound new
// items to each.
const (
	roundFeeds  = 10
	roundItems  = 100
	newPerRound = 5
)

// roundServer serves roundFeeds generated feeds on 127.0.0.1; every call
// of next moves each feed on by newPerRound new items, as a newsroom
// publishing between two refreshes.
func roundServer(b *testing.B) (urls []string, next func()) {
	b.Helper()
	var pool bytes.Buffer
	if err := feedgen.Generate(&pool, roundItems+200*newPerRound, 7); err != nil {
		b.Fatal(err)
	}
	head, rest, _ := strings.Cut(pool.String(), "<item>")
	items := strings.Split("<item>"+rest, "<item>")[1:]
	tail := "</channel>\n</rss>\n"
	items[len(items)-1] = strings.TrimSuffix(items[len(items)-1], tail)
	var round atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var k int
		fmt.Sscanf(r.URL.Path, "/%d.xml", &k)
		// The window of items on show slides back through the pool: the
		// newest come first, and each round adds newPerRound above.
		start := max(len(items)-roundItems-int(round.Load())*newPerRound, 0)
		var out strings.Builder
		out.WriteString(head)
		for _, it := range items[start : start+roundItems] {
			// Each feed's items are its own.
			out.WriteString("<item>" + strings.ReplaceAll(it, "newsdao-", fmt.Sprintf("f%d-", k)))
		}
		out.WriteString(tail)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(out.String()))
	}))
	b.Cleanup(srv.Close)
	for k := range roundFeeds {
		urls = append(urls, fmt.Sprintf("%s/%d.xml", srv.URL, k))
	}
	return urls, func() { round.Add(1) }
}

// BenchmarkRefreshRound is one refresh round of ten subscriptions over
// 127.0.0.1, each bringing five new items, as the reader's auto-refresh
// and cron's `sokbo refresh` run it: fetch, parse, save (the triggers
// queueing the new items for the index), then UpdateIndex. It reports the
// round's time without the index step (save-ms) and the index step's
// (index-ms), and the index's share of the round (%-index).
func BenchmarkRefreshRound(b *testing.B) {
	urls, next := roundServer(b)
	subs := make([]feed.Subscription, len(urls))
	for i, u := range urls {
		subs[i] = feed.Subscription{URL: u}
	}
	ctx := context.Background()
	// Unpaced: the ten feeds share one host, which fetch.Pacer would ask
	// two seconds apart, and the round would measure the gaps.
	l := New(Options{StorePath: filepath.Join(b.TempDir(), "sokbo.db"), Pacer: fetch.NewPacer(fetch.PacerOptions{Gap: -1})})
	defer l.Close()
	if _, err := l.Refresh(ctx, subs, nil); err != nil {
		b.Fatal(err)
	}
	// What the first round's budget left queued, so that each round's
	// index step is its own items.
	if _, err := l.UpdateIndex(ctx); err != nil {
		b.Fatal(err)
	}
	var save, index time.Duration
	for b.Loop() {
		next()
		start := time.Now()
		results, err := l.refresh(ctx, subs, nil, 0)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range results {
			if r.Err != nil || r.New != newPerRound {
				b.Fatalf("%s: %d new, %v", r.URL, r.New, r.Err)
			}
		}
		mid := time.Now()
		n, err := l.UpdateIndex(ctx)
		if err != nil || n != roundFeeds*newPerRound {
			b.Fatalf("UpdateIndex = %d, %v", n, err)
		}
		save += mid.Sub(start)
		index += time.Since(mid)
	}
	b.ReportMetric(float64(save.Microseconds())/1000/float64(b.N), "save-ms")
	b.ReportMetric(float64(index.Microseconds())/1000/float64(b.N), "index-ms")
	b.ReportMetric(100*float64(index)/float64(save), "%-index")
}
