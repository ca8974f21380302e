package feed

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/mmcdole/gofeed"

	"sokbo/bench/feedgen"
)

// The feed benchmarks run on the generator's Korean feeds (bench/feedgen):
// about 3.9 KB of XML per item, 38 MB for 10k items. Each size is a
// sub-benchmark, so `-bench Load` shows how the cost scales; 50k runs only
// with SOKBO_BENCH_LARGE=1.

// BenchmarkLoad reads a generated feed file through Load: read, detect,
// parse, clean every field and sort, as `sokbo FILE` does.
func BenchmarkLoad(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		data := feedgen.Bytes(n)
		if len(data) > MaxFileBytes {
			// 50k items are 192 MB: a file that size is refused, by
			// design. Parse measures them.
			continue
		}
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "feed.xml")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				f, err := Load(context.Background(), path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(f.Items) != n {
					b.Fatalf("got %d items, want %d", len(f.Items), n)
				}
			}
		})
	}
}

// BenchmarkParse is the parse and normalise step alone, on bytes already
// in memory: what a refresh does with a fetched body.
func BenchmarkParse(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			data := feedgen.Bytes(n)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parse(data, "application/rss+xml", "http://127.0.0.1/feed.xml", "http://127.0.0.1/feed.xml", &Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGofeed10k is gofeed's Parse alone on the 10k feed, with no
// translation or cleaning: the reference the fast path is measured by.
func BenchmarkGofeed10k(b *testing.B) {
	data := feedgen.Bytes(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gofeed.NewParser().Parse(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
