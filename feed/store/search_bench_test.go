package store

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/search"
)

// searchSizes are the caches the search benchmarks build: 5k items, so
// that CI's single run of every benchmark stays short, and 10k and 50k
// with SOKBO_BENCH_LARGE=1 (building and indexing 50k takes about half a
// minute).
func searchSizes() []int {
	if os.Getenv(feedgen.LargeEnv) == "1" {
		return []int{10_000, 50_000}
	}
	return []int{5_000}
}

// benchFeeds are n generated items as feeds of at most 10k items each, the
// largest a feed file may be, with different words (seeds) and the same
// times, as several outlets publishing through the day.
func benchFeeds(b *testing.B, n int) []*feed.Feed {
	b.Helper()
	var out []*feed.Feed
	for seed := uint64(1); n > 0; seed++ {
		k := min(n, 10_000)
		n -= k
		var buf bytes.Buffer
		if err := feedgen.Generate(&buf, k, seed); err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(b.TempDir(), fmt.Sprintf("feed%d.xml", seed))
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			b.Fatal(err)
		}
		f, err := feed.Load(context.Background(), path, feed.Options{})
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func saveAll(b *testing.B, s *Store, feeds []*feed.Feed) {
	b.Helper()
	for i, f := range feeds {
		if _, err := s.SaveFeed(context.Background(), fmt.Sprintf("http://127.0.0.1/%d.xml", i), f, FetchResult{}); err != nil {
			b.Fatal(err)
		}
	}
}

// fileSize is the database's size with its WAL checkpointed into it.
func fileSize(b *testing.B, s *Store) int64 {
	b.Helper()
	var pages, pageSize int64
	if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	if err := s.db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		b.Fatal(err)
	}
	if err := s.db.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		b.Fatal(err)
	}
	return pages * pageSize
}

// typing lists what the search field holds after each keystroke of a
// 2-beolsik IME, the last syllable still composing.
var typing = []struct {
	name string
	keys []string
}{
	// 국회: ㄱ ㅜ ㄱ ㅎ ㅗ ㅣ
	{"2 syllables", []string{"ㄱ", "구", "국", "국ㅎ", "국호", "국회"}},
	// ㅋㅋㅇㅌ, the initials of 카카오톡
	{"초성", []string{"ㅋ", "ㅋㅋ", "ㅋㅋㅇ", "ㅋㅋㅇㅌ"}},
	// 카카오톡: ㅋ ㅏ ㅋ ㅏ ㅇ ㅗ ㅌ ㅗ ㄱ; only the states of three
	// syllables or more count against its budget
	{"3+ syllables", []string{"카카오", "카카옽", "카카오토", "카카오톡"}},
	// A word in no item: the index answers at once.
	{"absent 북한", []string{"ㅂ", "부", "북", "북ㅎ", "북하", "북한"}},
}

// keystrokeLimit is how many headlines a keystroke fetches: a screen and
// a half. The reader asks for more as the list scrolls.
const keystrokeLimit = 50

// BenchmarkSearch builds a cache of generated newsdao.kr-shaped items and
// its index, then measures:
//
//   - keystroke/…: one search per state of the search field as a word is
//     typed (ns/op is per keystroke; max-ms is the slowest keystroke), each
//     fetching the first keystrokeLimit matches;
//   - all/…: every match of the finished query;
//   - scan/…: queries the index cannot narrow (filters only), which walk
//     the cache;
//
// and, under size, the database's size without and with the index.
func BenchmarkSearch(b *testing.B) {
	for _, n := range searchSizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			s := openTest(b, "")
			saveAll(b, s, benchFeeds(b, n))
			before := fileSize(b, s)
			if _, err := s.UpdateIndex(context.Background()); err != nil {
				b.Fatal(err)
			}
			after := fileSize(b, s)
			b.Run("size", func(b *testing.B) {
				for b.Loop() {
				}
				b.ReportMetric(float64(before)/1e6, "MB-without-index")
				b.ReportMetric(float64(after)/1e6, "MB")
				b.ReportMetric(100*float64(after-before)/float64(before), "%-index")
			})

			for _, tc := range typing {
				queries := make([]*search.Query, len(tc.keys))
				for i, k := range tc.keys {
					queries[i] = parseQuery(b, k, true)
				}
				b.Run("keystroke/"+tc.name, func(b *testing.B) {
					var slowest time.Duration
					cpu := cpuTime()
					for b.Loop() {
						for _, q := range queries {
							start := time.Now()
							if _, err := s.Search(context.Background(), q, keystrokeLimit); err != nil {
								b.Fatal(err)
							}
							slowest = max(slowest, time.Since(start))
						}
					}
					keys := float64(b.N * len(queries))
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/keys, "ns/op")
					b.ReportMetric(float64(slowest.Microseconds())/1000, "max-ms")
					reportCPU(b, cpuTime()-cpu, keys)
				})
			}
			for _, qs := range []string{"국회", "ㅋㅋㅇㅌ", "카카오톡", `"두 시간" -복구`, "두시간", "정부긴급"} {
				q := parseQuery(b, qs, false)
				b.Run("all/"+qs, func(b *testing.B) {
					var found int
					for b.Loop() {
						hs, err := s.Search(context.Background(), q, 0)
						if err != nil {
							b.Fatal(err)
						}
						found = len(hs)
					}
					b.ReportMetric(float64(found), "matches")
				})
			}
			// What a search costs before the index has caught up: the
			// same queries, every item scanned and matched.
			for _, qs := range []string{"국회", "카카오톡", "정부긴급"} {
				for _, limit := range []int{keystrokeLimit, 0} {
					q := parseQuery(b, qs, limit > 0)
					b.Run(fmt.Sprintf("unindexed/%s/limit=%d", qs, limit), func(b *testing.B) {
						for b.Loop() {
							if err := s.eachMatch(context.Background(), q, func(*Headline) error { return nil }, true); err != nil {
								b.Fatal(err)
							}
						}
					})
				}
			}
			for _, qs := range []string{"is:unread", "is:starred"} {
				q := parseQuery(b, qs, false)
				b.Run("scan/"+qs, func(b *testing.B) {
					for b.Loop() {
						if _, err := s.Search(context.Background(), q, keystrokeLimit); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkIndexCost measures what the index costs a refresh: saving a
// new feed as SaveFeed does now, with the triggers queueing every item
// (save), as it did before the index (save-without-index), and indexing
// the queue afterwards (UpdateIndex, which a refresh runs once done).
func BenchmarkIndexCost(b *testing.B) {
	for _, n := range searchSizes() {
		feeds := benchFeeds(b, n)
		fresh := func(b *testing.B, withIndex bool) *Store {
			b.StopTimer()
			defer b.StartTimer()
			s := openTest(b, filepath.Join(b.TempDir(), "bench.db"))
			if !withIndex {
				for _, stmt := range []string{`DROP TRIGGER search_item_added`, `DROP TRIGGER search_item_changed`, `DROP TRIGGER search_item_removed`} {
					if _, err := s.db.Exec(stmt); err != nil {
						b.Fatal(err)
					}
				}
			}
			return s
		}
		for _, withIndex := range []bool{true, false} {
			name := "save"
			if !withIndex {
				name = "save-without-index"
			}
			b.Run(fmt.Sprintf("%s/items=%d", name, n), func(b *testing.B) {
				var cpu time.Duration
				for b.Loop() {
					s := fresh(b, withIndex)
					start := cpuTime()
					saveAll(b, s, feeds)
					cpu += cpuTime() - start
				}
				reportCPU(b, cpu, float64(b.N))
			})
		}
		b.Run(fmt.Sprintf("UpdateIndex/items=%d", n), func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				s := fresh(b, true)
				b.StopTimer()
				saveAll(b, s, feeds)
				b.StartTimer()
				start := cpuTime()
				if _, err := s.UpdateIndex(context.Background()); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - start
			}
			reportCPU(b, cpu, float64(b.N))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
		})
	}
}

// reportCPU reports CPU time used per operation, beside the wall time that
// a shared machine's load inflates. It reports nothing where cpuTime does
// not measure.
func reportCPU(b *testing.B, used time.Duration, ops float64) {
	if cpuTime() == 0 || ops == 0 {
		return
	}
	b.ReportMetric(float64(used.Nanoseconds())/ops, "cpu-ns/op")
}
