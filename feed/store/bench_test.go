package store

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/fetch"
)

// generatedFeed loads the generator's feed of n items as a refresh would
// hand it to SaveFeed: fetched (from memory), parsed and cleaned. Not from
// a file: 50k items are 192 MB, over feed.MaxFileBytes.
func generatedFeed(b *testing.B, n int) *feed.Feed {
	b.Helper()
	body := feedgen.Bytes(n)
	f, err := feed.Load(context.Background(), benchFeedURL, feed.Options{Fetcher: bytesFetcher(body)})
	if err != nil {
		b.Fatal(err)
	}
	return f
}

const benchFeedURL = "http://127.0.0.1/feed.xml"

// bytesFetcher answers every fetch with its bytes, as RSS.
type bytesFetcher []byte

func (f bytesFetcher) Fetch(_ context.Context, url string) (*fetch.Response, error) {
	return &fetch.Response{URL: url, ContentType: "application/rss+xml", Body: f}, nil
}

// BenchmarkSaveFeed stores a generated feed: into an empty store (first),
// and again unchanged (unchanged), which must cost lookups and no writes.
func BenchmarkSaveFeed(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		f := generatedFeed(b, n)
		b.Run(fmt.Sprintf("first/items=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				s := openTest(b, filepath.Join(b.TempDir(), "bench.db"))
				b.StartTimer()
				start := cpuTime()
				if _, err := s.SaveFeed(context.Background(), benchFeedURL, f, FetchResult{}); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - start
			}
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
		b.Run(fmt.Sprintf("unchanged/items=%d", n), func(b *testing.B) {
			s := openTest(b, "")
			if _, err := s.SaveFeed(context.Background(), benchFeedURL, f, FetchResult{}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			start := cpuTime()
			defer cpuMetric(b, start)
			for b.Loop() {
				res, err := s.SaveFeed(context.Background(), benchFeedURL, f, FetchResult{})
				if err != nil {
					b.Fatal(err)
				}
				if res.Unchanged != n {
					b.Fatalf("%d unchanged, want %d", res.Unchanged, n)
				}
			}
		})
	}
}

// BenchmarkHeadlines loads the list's columns of every item, as the
// reader and `sokbo list --offline` do.
func BenchmarkHeadlines(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			s := openTest(b, "")
			if _, err := s.SaveFeed(context.Background(), benchFeedURL, generatedFeed(b, n), FetchResult{}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				hs, err := s.Headlines(context.Background(), Query{})
				if err != nil {
					b.Fatal(err)
				}
				if len(hs) != n {
					b.Fatalf("got %d headlines, want %d", len(hs), n)
				}
			}
		})
	}
}

// cpuMetric reports the user+system CPU time per op since start, beside
// ns/op: on this shared machine wall time swings with the load.
func cpuMetric(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// BenchmarkCounts reads every feed's item and unread counts, as the
// reader does before its first frame, from a cache of n items in feeds
// of at most 10k, with no item read and with every other one read.
func BenchmarkCounts(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		s := openTest(b, "")
		saveAll(b, s, benchFeeds(b, n))
		for _, read := range []int{0, n / 2} {
			if read > 0 {
				hs, err := s.Headlines(context.Background(), Query{})
				if err != nil {
					b.Fatal(err)
				}
				keys := make([]ItemKey, 0, read)
				for i := 0; i < len(hs); i += 2 {
					keys = append(keys, ItemKey{Feed: hs[i].Feed, ID: hs[i].ID})
				}
				if _, err := s.MarkRead(context.Background(), keys, true); err != nil {
					b.Fatal(err)
				}
			}
			b.Run(fmt.Sprintf("items=%d/read=%d", n, read), func(b *testing.B) {
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					c, err := s.Counts(context.Background())
					if err != nil {
						b.Fatal(err)
					}
					items, unread := 0, 0
					for _, fc := range c {
						items, unread = items+fc.Items, unread+fc.Unread
					}
					if items != n || unread != n-read {
						b.Fatalf("counted %d items, %d unread; want %d, %d", items, unread, n, n-read)
					}
				}
				cpuMetric(b, start)
			})
		}
	}
}

// BenchmarkSaveRound is a refresh round of one feed of n items: a tenth
// of them new on top, the oldest tenth gone from the feed and dropped by
// retention (MaxItems n), the rest unchanged. Rounds alternate between
// two such feeds, so every round inserts and deletes n/10 items. Half
// the items are read, so the deleted ones take their marks with them.
func BenchmarkSaveRound(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			k := n / 10
			var buf bytes.Buffer
			if err := feedgen.GenerateFrom(&buf, n+k, 1, 90_000+k); err != nil {
				b.Fatal(err)
			}
			all, err := feed.Load(context.Background(), benchFeedURL, feed.Options{Fetcher: bytesFetcher(buf.Bytes())})
			if err != nil {
				b.Fatal(err)
			}
			older, newer := *all, *all
			older.Items, newer.Items = all.Items[k:], all.Items[:n]
			s, err := Open(context.Background(), Options{Path: filepath.Join(b.TempDir(), "bench.db"),
				Now: newClock().Now, Retention: Retention{Keep: -1, MaxItems: n}})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			if _, err := s.SaveFeed(context.Background(), benchFeedURL, &older, FetchResult{}); err != nil {
				b.Fatal(err)
			}
			keys := make([]ItemKey, 0, n)
			for i, it := range all.Items {
				if i%2 == 0 {
					keys = append(keys, ItemKey{Feed: benchFeedURL, ID: it.ID})
				}
			}
			if _, err := s.MarkRead(context.Background(), keys, true); err != nil {
				b.Fatal(err)
			}
			feeds := []*feed.Feed{&newer, &older}
			b.ReportAllocs()
			start := cpuTime()
			i := 0
			for b.Loop() {
				res, err := s.SaveFeed(context.Background(), benchFeedURL, feeds[i%2], FetchResult{})
				if err != nil {
					b.Fatal(err)
				}
				if res.New != k || res.Dropped != k || res.Unchanged != n-k {
					b.Fatalf("round %d: %+v, want %d new and dropped", i, res, k)
				}
				i++
			}
			cpuMetric(b, start)
		})
	}
}
