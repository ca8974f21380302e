package store

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"sokbo/bench/feedgen"
	"sokbo/feed"
)

// BenchmarkSaveMany stores 100 feeds of 50 generated items into an empty
// store, as a multi-feed refresh does: in batches of 32 feeds
// (SaveFeeds), and all 5000 items as one feed for comparison.
func BenchmarkSaveMany(b *testing.B) {
	const feeds, per = 100, 50
	fs := make([]FeedSave, feeds)
	var all feed.Feed
	for k := range fs {
		var buf bytes.Buffer
		if err := feedgen.GenerateFrom(&buf, per, uint64(k+1), (k+1)*1000+per); err != nil {
			b.Fatal(err)
		}
		url := fmt.Sprintf("http://127.0.0.1/%d.xml", k)
		f, err := feed.Load(context.Background(), url, feed.Options{Fetcher: bytesFetcher(buf.Bytes())})
		if err != nil {
			b.Fatal(err)
		}
		fs[k] = FeedSave{URL: url, Feed: f}
		all.Items = append(all.Items, f.Items...)
	}
	b.Run("batches", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := openTest(b, filepath.Join(b.TempDir(), "bench.db"))
			b.StartTimer()
			for i := 0; i < feeds; i += 32 {
				if _, err := s.SaveFeeds(context.Background(), fs[i:min(i+32, feeds)]); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("one", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := openTest(b, filepath.Join(b.TempDir(), "bench.db"))
			b.StartTimer()
			if _, err := s.SaveFeed(context.Background(), "http://127.0.0.1/all.xml", &all, FetchResult{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
