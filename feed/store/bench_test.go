package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

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
			for b.Loop() {
				b.StopTimer()
				s := openTest(b, filepath.Join(b.TempDir(), "bench.db"))
				b.StartTimer()
				if _, err := s.SaveFeed(context.Background(), benchFeedURL, f, FetchResult{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("unchanged/items=%d", n), func(b *testing.B) {
			s := openTest(b, "")
			if _, err := s.SaveFeed(context.Background(), benchFeedURL, f, FetchResult{}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
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
