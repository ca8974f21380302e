package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/feed/store"
	"sokbo/render"
)

// benchLibrary is an offline cache holding one feed of n items.
func benchLibrary(b *testing.B, n int) (*library.Library, library.Sources) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Path: filepath.Join(b.TempDir(), "sokbo.db"), Now: func() time.Time { return testNow }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	const url = "http://127.0.0.1/feed.xml"
	if _, err := st.SaveFeed(ctx, url, cacheFeed(url, "가", n, testNow), store.FetchResult{}); err != nil {
		b.Fatal(err)
	}
	lib := library.New(library.Options{StorePath: st.Path(), Offline: true, Now: func() time.Time { return testNow }})
	b.Cleanup(func() { lib.Close() })
	return lib, library.Sources{Feeds: []feed.Subscription{{URL: url}}}
}

// startCached is the reader's start on a cache: New, the window size, the
// cached-headlines command and its message, as the runtime runs them.
func startCached(lib *library.Library, src library.Sources, w, h int) Model {
	m := New(Config{Library: lib, Sources: src, Style: render.StyleDark, Now: func() time.Time { return testNow }})
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	next, _ = next.(Model).Update(next.(Model).cachedCmd(time.Time{})())
	return next.(Model)
}

// BenchmarkStartup is the reader's start to its first frame of the list
// from a cache of n items: New, WindowSizeMsg, the first read of the
// cache (its head, with the counts of all) and View.
func BenchmarkStartup(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			lib, src := benchLibrary(b, n)
			b.ReportAllocs()
			for b.Loop() {
				m := New(Config{Library: lib, Sources: src, Style: render.StyleDark, Now: func() time.Time { return testNow }})
				next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				next, _ = next.(Model).Update(next.(Model).firstCacheCmd()())
				if v := next.(Model).View().Content; !strings.Contains(v, render.Thousands(n)) {
					b.Fatalf("first frame lacks the count:\n%s", v)
				}
			}
		})
	}
}

// BenchmarkStartupWhole is the reader's start to the frame of its whole
// list of n cached items: what follows the first frame.
func BenchmarkStartupWhole(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			lib, src := benchLibrary(b, n)
			b.ReportAllocs()
			for b.Loop() {
				m := startCached(lib, src, 120, 40)
				if v := m.View().Content; !strings.Contains(v, render.Thousands(n)) {
					b.Fatalf("first frame lacks the list:\n%s", v)
				}
			}
		})
	}
}

// BenchmarkKeypress is one key in a list of n cached items: Update and
// View, as the runtime runs them for every key.
func BenchmarkKeypress(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		lib, src := benchLibrary(b, n)
		for _, k := range []struct{ name, a, b string }{
			{"move", "j", "k"}, // next / previous headline
			{"page", "pgdown", "b"},
			{"filter", "u", "u"}, // unread only / all: rebuilds the list
		} {
			b.Run(fmt.Sprintf("%s/items=%d", k.name, n), func(b *testing.B) {
				m := startCached(lib, src, 120, 40)
				keys := [2]tea.KeyPressMsg{keyPress(k.a), keyPress(k.b)}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					next, _ := m.Update(keys[i%2])
					m = next.(Model)
					_ = m.View()
					i++
				}
			})
		}
	}
}

// seedItem is the seed article, and the same body 50 times over.
func seedItem(b *testing.B, times int) *feed.Item {
	b.Helper()
	f, err := feed.Load(context.Background(), filepath.Join("..", "testdata", "seed.txt"), feed.Options{})
	if err != nil {
		b.Fatal(err)
	}
	it := *f.Items[0]
	it.Body = strings.Repeat(it.Body+"\n", times)
	return &it
}

// BenchmarkOpenArticle opens an article from the list at 100 columns:
// cold is the first open (HTML to Markdown, then layout), cached a later
// open of the same article at the same width, which the render cache
// answers.
func BenchmarkOpenArticle(b *testing.B) {
	for _, c := range []struct {
		name  string
		times int
	}{{"seed", 1}, {"seed50x", 50}} {
		f := &feed.Feed{Title: "bench", Source: "bench", Items: []*feed.Item{seedItem(b, c.times)}}
		b.Run(c.name+"/cold", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				m := newTestModel(b, f, 100, 40)
				b.StartTimer()
				m = update(b, m, keyPress("enter"))
				if m.article.lines == nil {
					b.Fatal("article not rendered")
				}
				_ = m.View()
			}
		})
		b.Run(c.name+"/cached", func(b *testing.B) {
			m := newTestModel(b, f, 100, 40)
			m = press(b, m, "enter", "esc")
			b.ReportAllocs()
			for b.Loop() {
				next, cmd := m.Update(keyPress("enter"))
				if cmd != nil {
					b.Fatal("cached open ran a command")
				}
				m = next.(Model)
				_ = m.View()
				b.StopTimer()
				next, _ = m.Update(keyPress("esc"))
				m = next.(Model)
				b.StartTimer()
			}
		})
	}
}

// BenchmarkSplitMove is one key in the list of a split screen of 200×50,
// from one headline to the next: Update, which shows the article under
// the cursor in the right pane from the render cache, and View, which
// draws both panes.
func BenchmarkSplitMove(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			lib, src := benchLibrary(b, n)
			m := New(Config{Library: lib, Sources: src, Style: render.StyleDark, Now: func() time.Time { return testNow }, Split: true})
			m = update(b, m, tea.WindowSizeMsg{Width: 200, Height: 50})
			m = runCmds(b, m, m.cachedCmd(time.Time{}))
			m = press(b, m, "j", "k") // both articles rendered, and cached
			keys := [2]tea.KeyPressMsg{keyPress("j"), keyPress("k")}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				next, cmd := m.Update(keys[i%2])
				if cmd != nil && len(runCmd(cmd)) > 0 {
					b.Fatal("a cached article was rendered again")
				}
				m = next.(Model)
				_ = m.View()
				i++
			}
			if !m.splitOn() || m.article.lines == nil {
				b.Fatal("the right pane is empty")
			}
		})
	}
}

// BenchmarkApplyRefresh is a refresh that brought 50 new items to a list
// of 10,000, as the reader applies it with the cursor mid-list: the cache
// read (and its stories folded) in its command, then Update and the
// frame. The figure is Update and View, what the reader's loop pays.
func BenchmarkApplyRefresh(b *testing.B) {
	ctx := context.Background()
	now := testNow
	st, err := store.Open(ctx, store.Options{Path: filepath.Join(b.TempDir(), "sokbo.db"), Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	const url = "http://127.0.0.1/feed.xml"
	rng := rand.New(rand.NewPCG(7, 8))
	syll := []rune("가나다라마바사아자차카타파하강남동서북정전지진산불폭우선거파업환율증시태풍")
	title := func() string {
		var w []string
		for range 4 + rng.IntN(4) {
			n := 2 + rng.IntN(3)
			var r []rune
			for range n {
				r = append(r, syll[rng.IntN(len(syll))])
			}
			w = append(w, string(r))
		}
		return strings.Join(w, " ")
	}
	f := &feed.Feed{Title: "가람일보", Source: url}
	for i := range 10000 {
		f.Items = append(f.Items, &feed.Item{ID: fmt.Sprint("old-", i), Title: title(), Link: fmt.Sprintf("https://example.com/%d", i),
			Published: testNow.Add(-time.Duration(i) * time.Minute), Source: url})
	}
	if _, err := st.SaveFeed(ctx, url, f, store.FetchResult{}); err != nil {
		b.Fatal(err)
	}
	lib := library.New(library.Options{StorePath: st.Path(), Offline: true, Now: func() time.Time { return now }})
	b.Cleanup(func() { lib.Close() })
	m := startCached(lib, library.Sources{Feeds: []feed.Subscription{{URL: url}}}, 120, 40)
	for range 100 {
		next, _ := m.Update(keyPress("pgdown"))
		m = next.(Model)
	}
	// The refresh: 50 new items, stored a minute later.
	now = testNow.Add(time.Minute)
	var fresh []*feed.Item
	for i := range 50 {
		fresh = append(fresh, &feed.Item{ID: fmt.Sprint("new-", i), Title: title(), Link: fmt.Sprintf("https://example.com/new/%d", i),
			Published: now.Add(-time.Duration(i) * time.Second), Source: url})
	}
	f.Items = append(fresh, f.Items...)
	if _, err := st.SaveFeed(ctx, url, f, store.FetchResult{}); err != nil {
		b.Fatal(err)
	}
	msg := m.cacheReader()(now)
	row := m.list.cursor - m.list.offset
	b.ReportAllocs()
	for b.Loop() {
		next, _ := m.Update(msg)
		_ = next.(Model).View()
		if n := next.(Model); n.list.cursor-n.list.offset != row || n.list.newAbove() != 50 {
			b.Fatalf("the cursor's row moved, or the arrivals are not above it: row %d, want %d; %d above", n.list.cursor-n.list.offset, row, n.list.newAbove())
		}
	}
}

// BenchmarkArticleMatches is the seed article 50 times over (about 500
// matches of 장애) at 100×40 in colour with the search 장애 on show:
// open is a cached open, which finds and marks every match, then draws;
// next is n, which moves the current match, then draws.
func BenchmarkArticleMatches(b *testing.B) {
	f := &feed.Feed{Title: "bench", Source: "bench", Items: []*feed.Item{seedItem(b, 50)}}
	start := func(b *testing.B) Model {
		cfg := testConfig(b, f)
		cfg.Style = render.StyleDark
		m := New(cfg)
		m = update(b, m, tea.WindowSizeMsg{Width: 100, Height: 40})
		m = runCmds(b, m, m.loadLocalCmd("fake"))
		m = press(b, m, "/", "장", "애", "enter", "enter")
		if m.state != stateArticle || len(m.article.lines) == 0 || m.find.query == nil {
			b.Fatal("the article is not open with the search on show")
		}
		return m
	}
	b.Run("open", func(b *testing.B) {
		m := press(b, start(b), "esc")
		b.ReportAllocs()
		for b.Loop() {
			next, cmd := m.Update(keyPress("enter"))
			if cmd != nil {
				b.Fatal("cached open ran a command")
			}
			m = next.(Model)
			_ = m.View()
			b.StopTimer()
			next, _ = m.Update(keyPress("esc"))
			m = next.(Model)
			b.StartTimer()
		}
	})
	b.Run("next", func(b *testing.B) {
		m := start(b)
		b.ReportAllocs()
		for b.Loop() {
			next, _ := m.Update(keyPress("n"))
			m = next.(Model)
			_ = m.View()
		}
	})
}
