package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
	"sokbo/render"
)

// cacheFeed builds a feed of n items for the cache, newest first.
func cacheFeed(url, prefix string, n int, newest time.Time) *feed.Feed {
	f := &feed.Feed{Title: prefix + " 속보", Source: url}
	for i := range n {
		f.Items = append(f.Items, &feed.Item{
			ID:        fmt.Sprintf("%s-%d", prefix, i),
			Title:     fmt.Sprintf("%s 기사 %d: 수도권 집중 호우로 동부간선도로 통제", prefix, i),
			Link:      fmt.Sprintf("https://example.com/%s/%d", prefix, i),
			Published: newest.Add(-time.Duration(i) * time.Hour),
			Body:      "<p>본문</p>",
			Source:    url,
		})
	}
	return f
}

type libraryFixture struct {
	st      *store.Store
	lib     *Library
	fetches int
	fail    bool
}

// newLibrary makes a cache holding two feeds, and a Refresh that adds one
// item to the first feed, or fails every feed when fail is set.
func newLibrary(t *testing.T) *libraryFixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Path: filepath.Join(t.TempDir(), "sokbo.db"), Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fx := &libraryFixture{st: st}
	a, b := "https://a.example/feed", "https://b.example/feed"
	for _, f := range []*feed.Feed{cacheFeed(a, "가", 3, testNow.Add(-time.Hour)), cacheFeed(b, "나", 2, testNow.Add(-90*time.Minute))} {
		if _, err := st.SaveFeed(ctx, f.Source, f, store.FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	fx.lib = &Library{
		Store: st,
		Feeds: []feed.Subscription{{URL: a}, {URL: b}},
		Refresh: func(ctx context.Context, subs []feed.Subscription, progress func(refresh.Progress)) ([]refresh.Result, error) {
			fx.fetches++
			var results []refresh.Result
			for i, s := range subs {
				r := refresh.Result{URL: s.URL}
				if fx.fail {
					r.Err = errors.New("cannot connect")
				} else if s.URL == a {
					f := cacheFeed(a, "가", 3, testNow.Add(-time.Hour))
					f.Items = append([]*feed.Item{{ID: "fresh", Title: "방금 들어온 속보", Published: testNow, Source: a}}, f.Items...)
					if _, err := st.SaveFeed(ctx, a, f, store.FetchResult{}); err != nil {
						return nil, err
					}
				}
				results = append(results, r)
				progress(refresh.Progress{Done: i + 1, Total: len(subs), Result: r})
			}
			return results, nil
		},
	}
	return fx
}

func startLibrary(t *testing.T, lib *Library, w, h int) Model {
	t.Helper()
	m := New(Config{Library: lib, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	nm, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m = nm.(Model)
	// Init without the timers: the cache, then the refresh.
	m = runCmds(t, m, m.cachedCmd(time.Time{}))
	return m
}

func TestLibraryShowsCacheThenRefreshes(t *testing.T) {
	fx := newLibrary(t)
	m := startLibrary(t, fx.lib, 100, 15)
	s := screen(m)
	if !strings.Contains(s, "가 기사 0") || !strings.Contains(s, "나 기사 1") {
		t.Fatalf("cached items not listed:\n%s", s)
	}
	if !strings.Contains(s, "안 읽음 5") {
		t.Errorf("unread count missing:\n%s", s)
	}
	checkScreen(t, s, 100, 15)

	m = runCmds(t, m, m.refreshCmd())
	s = screen(m)
	if fx.fetches != 1 || !strings.Contains(s, "방금 들어온 속보") {
		t.Fatalf("refresh did not bring the new item:\n%s", s)
	}
	if st := m.rows[itemKey{"https://a.example/feed", "fresh"}]; st == nil || !st.fresh {
		t.Errorf("the new item is not marked new: %+v", st)
	}
	if !strings.Contains(s, "안 읽음 6") {
		t.Errorf("unread count not updated:\n%s", s)
	}
}

func TestLibraryReadStatePersists(t *testing.T) {
	fx := newLibrary(t)
	m := startLibrary(t, fx.lib, 80, 12)
	// Open the first item: it is marked read in the store.
	next, cmd := m.Update(keyPress("enter"))
	m = runCmds(t, next.(Model), cmd)
	if !strings.Contains(screen(m), "본문") {
		t.Fatalf("article body not loaded from the cache:\n%s", screen(m))
	}
	next, _ = m.Update(keyPress("esc"))
	m = next.(Model)
	hs, err := fx.st.Headlines(context.Background(), store.Query{UnreadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 4 {
		t.Errorf("%d unread in the store after opening one of 5, want 4", len(hs))
	}
	// m toggles it back; u shows unread only.
	next, cmd = m.Update(keyPress("m"))
	m = runCmds(t, next.(Model), cmd)
	if n, _ := fx.st.UnreadCount(context.Background(), ""); n != 5 {
		t.Errorf("unread in store after m = %d, want 5", n)
	}
	next, cmd = m.Update(keyPress("m"))
	m = runCmds(t, next.(Model), cmd)
	m = press(t, m, "j") // leave the read item
	m = press(t, m, "u")
	if got := len(m.list.items); got != 4 {
		t.Errorf("u shows %d items, want 4 unread", got)
	}
	if !strings.Contains(screen(m), "[안 읽음만]") {
		t.Errorf("filter not shown:\n%s", screen(m))
	}

	// A new model on the same store, as after a restart, keeps the state.
	m2 := startLibrary(t, fx.lib, 80, 12)
	if !strings.Contains(screen(m2), "안 읽음 4") {
		t.Errorf("read state lost across restart:\n%s", screen(m2))
	}
}

func TestLibraryNarrowToFeed(t *testing.T) {
	fx := newLibrary(t)
	m := startLibrary(t, fx.lib, 100, 12)
	m = press(t, m, "f")
	for _, it := range m.list.items {
		if it.Source != m.feedOnly {
			t.Fatalf("f left an item of %s in a list narrowed to %s", it.Source, m.feedOnly)
		}
	}
	if len(m.list.items) != 3 || !strings.Contains(screen(m), "가 속보") {
		t.Errorf("narrowed list:\n%s", screen(m))
	}
	m = press(t, m, "f", "f")
	if m.feedOnly != "" || len(m.list.items) != 5 {
		t.Errorf("f did not cycle back to all feeds: %q, %d items", m.feedOnly, len(m.list.items))
	}
}

func TestLibraryOfflineNote(t *testing.T) {
	fx := newLibrary(t)
	fx.fail = true
	m := startLibrary(t, fx.lib, 80, 10)
	m = runCmds(t, m, m.refreshCmd())
	s := screen(m)
	if !strings.Contains(s, "오프라인") || !strings.Contains(s, "가 기사 0") {
		t.Errorf("failed refresh should keep the cache and say offline:\n%s", s)
	}
	checkScreen(t, s, 80, 10)
}

func TestLibraryOfflineNeverFetches(t *testing.T) {
	fx := newLibrary(t)
	fx.lib.Offline = true
	m := startLibrary(t, fx.lib, 80, 10)
	if cmd := m.refreshCmd(); cmd != nil {
		t.Error("--offline started a refresh")
	}
	m = press(t, m, "r")
	if fx.fetches != 0 {
		t.Error("r fetched with --offline")
	}
}

func TestDueFeeds(t *testing.T) {
	fx := newLibrary(t) // both feeds stored at testNow
	lib := fx.lib
	lib.Feeds = []feed.Subscription{
		{URL: "https://a.example/feed", Interval: 2 * time.Hour},
		{URL: "https://b.example/feed"},
		{URL: "https://never.example/feed"},
	}
	lib.Interval = 30 * time.Minute
	got := dueFeeds(lib, testNow.Add(time.Hour))
	if len(got) != 2 || got[0].URL != "https://b.example/feed" || got[1].URL != "https://never.example/feed" {
		t.Errorf("due after 1h = %v; want b (30m interval) and the never-fetched feed", got)
	}
	if d := lib.tickInterval(); d != time.Minute {
		t.Errorf("tick = %v, want 1m: due feeds are looked for every minute", d)
	}
	lib.Interval = 0 // auto-refresh off, but a feed may keep its own
	got = dueFeeds(lib, testNow.Add(3*time.Hour))
	if len(got) != 1 || got[0].URL != "https://a.example/feed" {
		t.Errorf("with auto-refresh off, due = %v; want only a, which has its own interval", got)
	}
	if d := lib.tickInterval(); d != time.Minute {
		t.Errorf("tick = %v, want 1m", d)
	}
	lib.Feeds[0].Interval = 0
	if d := lib.tickInterval(); d != 0 {
		t.Errorf("tick = %v with every interval off, want 0", d)
	}
}

func TestRefreshKeepsCursorAndCount(t *testing.T) {
	fx := newLibrary(t)
	m := startLibrary(t, fx.lib, 100, 15)
	m = press(t, m, "j", "j", "j")
	before := m.list.current()
	row := m.list.cursor - m.list.offset
	m = runCmds(t, m, m.refreshCmd())
	if got := m.list.current(); got == nil || keyOf(got) != keyOf(before) {
		t.Fatalf("refresh moved the cursor from %q to %v", before.Title, got)
	}
	// The list fits the screen, so the new item above pushes the cursor's
	// row down by one; it never jumps back to the top.
	if got := m.list.cursor - m.list.offset; got != row+1 {
		t.Errorf("the cursor's row moved from %d to %d", row, got)
	}
	// Opening an article takes it off the unread count at once.
	if !strings.Contains(screen(m), "안 읽음 6") {
		t.Fatalf("before opening:\n%s", screen(m))
	}
	m = press(t, m, "enter", "esc")
	if !strings.Contains(screen(m), "안 읽음 5") {
		t.Errorf("opening did not update the unread count:\n%s", screen(m))
	}
	m = press(t, m, "m")
	if !strings.Contains(screen(m), "안 읽음 6") {
		t.Errorf("m did not update the unread count:\n%s", screen(m))
	}
}

// TestLibraryNarrowToFailedFeed: f on a feed whose last fetch failed and
// which has nothing cached says why the list is empty.
func TestLibraryNarrowToFailedFeed(t *testing.T) {
	fx := newLibrary(t)
	ctx := context.Background()
	c := "https://c.example/feed"
	if err := fx.st.Subscribe(ctx, c, "다 뉴스"); err != nil {
		t.Fatal(err)
	}
	if err := fx.st.SaveError(ctx, c, errors.New("http 500 Internal Server Error")); err != nil {
		t.Fatal(err)
	}
	fx.lib.Feeds = append(fx.lib.Feeds, feed.Subscription{URL: c, Name: "다 뉴스"})
	m := startLibrary(t, fx.lib, 80, 10)
	for range 3 {
		if m.feedOnly == c {
			break
		}
		m = press(t, m, "f")
	}
	if m.feedOnly != c {
		t.Fatalf("f never narrowed to %s (at %q)", c, m.feedOnly)
	}
	s := screen(m)
	if !strings.Contains(s, "http 500 Internal Server Error") {
		t.Errorf("the empty list does not say why:\n%s", s)
	}
	checkScreen(t, s, 80, 10)
}
