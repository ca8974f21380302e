package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/feed/store"
)

// searchBenchSizes are the caches BenchmarkSearchKeystroke builds: 5k
// items, and 50k with SOKBO_BENCH_LARGE=1 (building and indexing them
// takes about half a minute).
func searchBenchSizes() []int {
	if os.Getenv(feedgen.LargeEnv) == "1" {
		return []int{50_000}
	}
	return []int{5_000}
}

// searchBenchLibrary is an offline, indexed cache of n generated items in
// feeds of at most 10k, as several outlets publishing through the day.
func searchBenchLibrary(b *testing.B, n int) (*library.Library, library.Sources) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Path: filepath.Join(b.TempDir(), "sokbo.db")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var src library.Sources
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
		f, err := feed.Load(ctx, path, feed.Options{})
		if err != nil {
			b.Fatal(err)
		}
		u := fmt.Sprintf("http://127.0.0.1/%d.xml", seed)
		if _, err := st.SaveFeed(ctx, u, f, store.FetchResult{}); err != nil {
			b.Fatal(err)
		}
		src.Feeds = append(src.Feeds, feed.Subscription{URL: u})
	}
	if _, err := st.UpdateIndex(ctx); err != nil {
		b.Fatal(err)
	}
	lib := library.New(library.Options{StorePath: st.Path(), Offline: true})
	b.Cleanup(func() { lib.Close() })
	return lib, src
}

// keystrokes are what the terminal sends as a word is typed into the
// field: each syllable once the IME commits it, or each initial.
var keystrokes = []struct {
	name string
	keys []string
}{
	{"2 syllables 국회", []string{"국", "회"}},
	{"초성 ㅋㅋㅇㅌ", []string{"ㅋ", "ㅋ", "ㅇ", "ㅌ"}},
	{"3+ syllables 카카오톡", []string{"카", "카", "오", "톡"}},
	{"mixed 코ㅅ피", []string{"코", "ㅅ", "피"}},
}

// runSync runs cmd and feeds every message it makes back in, as the
// runtime does, and returns the model.
func runSync(m Model, cmd tea.Cmd) Model {
	for cmd != nil {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				m = runSync(m, c)
			}
			return m
		}
		if msg == nil {
			return m
		}
		next, c := m.Update(msg)
		m, cmd = next.(Model), c
	}
	return m
}

// BenchmarkSearchKeystroke is the reader's keystroke-to-results time in
// the search field: the key's Update, the search command it returns (the
// library and the store's index), the results' Update, and the frame's
// View. ns/op is per keystroke; max-ms is the slowest keystroke.
func BenchmarkSearchKeystroke(b *testing.B) {
	for _, n := range searchBenchSizes() {
		lib, src := searchBenchLibrary(b, n)
		for _, tc := range keystrokes {
			b.Run(fmt.Sprintf("items=%d/%s", n, tc.name), func(b *testing.B) {
				m := startCached(lib, src, 120, 40)
				m = runSync(m, nil)
				var slowest time.Duration
				b.ReportAllocs()
				for b.Loop() {
					next, _ := m.Update(keyPress("/"))
					typing := next.(Model)
					for _, k := range tc.keys {
						start := time.Now()
						next, cmd := typing.Update(tea.KeyPressMsg{Code: []rune(k)[0], Text: k})
						typing = runSync(next.(Model), cmd)
						_ = typing.View()
						slowest = max(slowest, time.Since(start))
					}
					if len(typing.list.items) == 0 {
						b.Fatalf("%s found nothing", tc.name)
					}
				}
				keys := float64(b.N * len(tc.keys))
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/keys, "ns/op")
				b.ReportMetric(float64(slowest.Microseconds())/1000, "max-ms")
			})
		}
	}
}
