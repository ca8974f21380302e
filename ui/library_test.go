package ui

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/feed/store"
	"sokbo/render"
	"sokbo/render/lang"
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

// rssOf writes f as an RSS 2.0 document.
func rssOf(f *feed.Feed) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>` + html.EscapeString(f.Title) + `</title>`)
	for _, it := range f.Items {
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>`,
			html.EscapeString(it.Title), html.EscapeString(it.Link), html.EscapeString(it.ID),
			it.Published.Format(time.RFC1123Z), html.EscapeString(it.Body))
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

type libraryFixture struct {
	st   *store.Store // a second handle on the cache, as another process
	lib  *library.Library
	srv  *httptest.Server
	a, b string // the two feeds' URLs

	mu      sync.Mutex
	fetches int
}

// newLibrary makes a cache holding two feeds served on 127.0.0.1; a
// refresh of the first brings one more item.
func newLibrary(t *testing.T, opts ...func(*library.Options)) *libraryFixture {
	t.Helper()
	fx := &libraryFixture{}
	fx.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fx.mu.Lock()
		fx.fetches++
		fx.mu.Unlock()
		var f *feed.Feed
		switch r.URL.Path {
		case "/a":
			f = cacheFeed(fx.a, "가", 3, testNow.Add(-time.Hour))
			f.Items = append([]*feed.Item{{ID: "fresh", Title: "방금 들어온 속보", Published: testNow, Source: fx.a}}, f.Items...)
		case "/b":
			f = cacheFeed(fx.b, "나", 2, testNow.Add(-90*time.Minute))
		default:
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssOf(f))
	}))
	t.Cleanup(fx.srv.Close)
	fx.a, fx.b = fx.srv.URL+"/a", fx.srv.URL+"/b"

	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	st, err := store.Open(ctx, store.Options{Path: path, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fx.st = st
	for _, f := range []*feed.Feed{cacheFeed(fx.a, "가", 3, testNow.Add(-time.Hour)), cacheFeed(fx.b, "나", 2, testNow.Add(-90*time.Minute))} {
		if _, err := st.SaveFeed(ctx, f.Source, f, store.FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	// The fixture's titles differ by a number: they would fold, which
	// grouping's own tests ask for (withGrouping).
	o := library.Options{StorePath: path, NoGroup: true, Now: func() time.Time { return testNow }}
	for _, opt := range opts {
		opt(&o)
	}
	fx.lib = library.New(o)
	t.Cleanup(func() { fx.lib.Close() })
	return fx
}

func (fx *libraryFixture) feeds() []feed.Subscription {
	return []feed.Subscription{{URL: fx.a}, {URL: fx.b}}
}

func (fx *libraryFixture) fetched() int {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	return fx.fetches
}

func startLibrary(t *testing.T, fx *libraryFixture, feeds []feed.Subscription, w, h int) Model {
	t.Helper()
	m := New(Config{Library: fx.lib, Sources: library.Sources{Feeds: feeds}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	nm, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m = nm.(Model)
	// Init without the timers: the cache, then the refresh.
	m = runCmds(t, m, m.cachedCmd(time.Time{}))
	return m
}

func TestLibraryShowsCacheThenRefreshes(t *testing.T) {
	fx := newLibrary(t)
	m := startLibrary(t, fx, fx.feeds(), 100, 15)
	s := screen(m)
	if !strings.Contains(s, "가 기사 0") || !strings.Contains(s, "나 기사 1") {
		t.Fatalf("cached items not listed:\n%s", s)
	}
	if !strings.Contains(s, "안 읽음 5") {
		t.Errorf("unread count missing:\n%s", s)
	}
	checkScreen(t, s, 100, 15)

	m = runCmds(t, m, m.refresher.start(false))
	s = screen(m)
	if fx.fetched() != 2 || !strings.Contains(s, "방금 들어온 속보") {
		t.Fatalf("refresh did not bring the new item (%d fetches):\n%s", fx.fetched(), s)
	}
	if e := m.view.Lookup(library.Key{Source: fx.a, ID: "fresh"}); e == nil || !e.Fresh {
		t.Errorf("the new item is not marked new: %+v", e)
	}
	if !strings.Contains(s, "안 읽음 6") {
		t.Errorf("unread count not updated:\n%s", s)
	}
}

func TestLibraryReadStatePersists(t *testing.T) {
	fx := newLibrary(t)
	m := startLibrary(t, fx, fx.feeds(), 80, 12)
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
	m2 := startLibrary(t, fx, fx.feeds(), 80, 12)
	if !strings.Contains(screen(m2), "안 읽음 4") {
		t.Errorf("read state lost across restart:\n%s", screen(m2))
	}
}

// TestMarksSurviveRefresh: a star made while a refresh's snapshot of the
// cache is on its way is not undone by it, and a cron refresh in another
// process does not undo the reader's marks.
func TestMarksSurviveRefresh(t *testing.T) {
	fx := newLibrary(t)
	m := startLibrary(t, fx, fx.feeds(), 80, 12)
	stale := m.cachedCmd(time.Time{}) // the snapshot is asked for now...
	m = press(t, m, "s")              // ...the star is made...
	m = runCmds(t, m, stale)          // ...and the snapshot arrives after it.
	if e := m.list.current(); e == nil || !e.Starred {
		t.Fatalf("a snapshot taken before the star undid it: %+v", e)
	}
	// Another process refreshes the feed; the star stays in the store.
	f := cacheFeed(fx.a, "가", 3, testNow.Add(-time.Hour))
	if _, err := fx.st.SaveFeed(context.Background(), fx.a, f, store.FetchResult{}); err != nil {
		t.Fatal(err)
	}
	m2 := startLibrary(t, fx, fx.feeds(), 80, 12)
	if e := m2.list.current(); e == nil || !e.Starred {
		t.Errorf("the star is lost after another process's refresh: %+v", e)
	}
}

func TestLibraryNarrowToFeed(t *testing.T) {
	fx := newLibrary(t)
	m := startLibrary(t, fx, fx.feeds(), 100, 12)
	m = openFeed(t, m, fx.feeds()[0].URL)
	for _, e := range m.list.items {
		if e.Source != m.filter.Feed {
			t.Fatalf("the feed list left an item of %s in a list narrowed to %s", e.Source, m.filter.Feed)
		}
	}
	if len(m.list.items) != 3 || !strings.Contains(screen(m), "가 속보") {
		t.Errorf("narrowed list:\n%s", screen(m))
	}
	m = press(t, m, "esc")
	if m.filter.Feed != "" || len(m.list.items) != 5 {
		t.Errorf("esc did not go back to all feeds: %q, %d items", m.filter.Feed, len(m.list.items))
	}
}

func TestLibraryOfflineNote(t *testing.T) {
	fx := newLibrary(t)
	fx.srv.Close() // every fetch now fails to connect
	m := startLibrary(t, fx, fx.feeds(), 80, 10)
	m = runCmds(t, m, m.refresher.start(false))
	s := screen(m)
	if !strings.Contains(s, "오프라인") || !strings.Contains(s, "가 기사 0") {
		t.Errorf("failed refresh should keep the cache and say offline:\n%s", s)
	}
	checkScreen(t, s, 80, 10)
}

func TestLibraryOfflineNeverFetches(t *testing.T) {
	fx := newLibrary(t, func(o *library.Options) { o.Offline = true })
	m := startLibrary(t, fx, fx.feeds(), 80, 10)
	if cmd := m.refresher.start(false); cmd != nil {
		t.Error("--offline started a refresh")
	}
	m = press(t, m, "r")
	if fx.fetched() != 0 {
		t.Error("r fetched with --offline")
	}
	if !strings.Contains(screen(m), "--offline") {
		t.Errorf("r does not say why nothing is fetched:\n%s", screen(m))
	}
}

func TestRefreshKeepsCursorAndCount(t *testing.T) {
	fx := newLibrary(t)
	m := startLibrary(t, fx, fx.feeds(), 100, 15)
	m = press(t, m, "j", "j", "j")
	before := m.list.current()
	row := m.list.cursor - m.list.offset
	m = runCmds(t, m, m.refresher.start(false))
	if got := m.list.current(); got == nil || got.Key() != before.Key() {
		t.Fatalf("refresh moved the cursor from %q to %v", before.Title, got)
	}
	// The list fits the screen, yet the new item above does not push the
	// cursor's row down: it waits above the window, counted in the header.
	if got := m.list.cursor - m.list.offset; got != row {
		t.Errorf("the cursor's row moved from %d to %d", row, got)
	}
	if s := screen(m); !strings.Contains(s, "↑ 새 기사 1건") || strings.Contains(s, "방금 들어온 속보") {
		t.Errorf("the new item is not counted above the window:\n%s", s)
	}
	m = press(t, m, "t")
	if e := m.list.current(); e == nil || e.ID != "fresh" || !strings.Contains(screen(m), "+  방금 들어온 속보") {
		t.Fatalf("t did not go to the new item, marked +:\n%s", screen(m))
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

// TestLibraryNarrowToFailedFeed: opening a feed whose last fetch failed and
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
	feeds := append(fx.feeds(), feed.Subscription{URL: c, Name: "다 뉴스"})
	m := startLibrary(t, fx, feeds, 80, 10)
	m = openFeed(t, m, c)
	if m.filter.Feed != c {
		t.Fatalf("the feed list never narrowed to %s (at %q)", c, m.filter.Feed)
	}
	s := screen(m)
	if !strings.Contains(s, "다 뉴스: 마지막 가져오기 실패: 서버 응답 500 (서버 내부 오류)") {
		t.Errorf("the empty list does not say why:\n%s", s)
	}
	checkScreen(t, s, 80, 10)
}

// TestLocalMarksPersist: read and star marks on a local file's items are
// kept in the cache and come back after a restart.
func TestLocalMarksPersist(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sokbo.db")
	start := func() Model {
		lib := library.New(library.Options{StorePath: db, Now: func() time.Time { return testNow }})
		t.Cleanup(func() { lib.Close() })
		m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{"../testdata/atom.xml"}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
		m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 12})
		return runCmds(t, m, m.loadLocalCmd("../testdata/atom.xml"))
	}
	m := start()
	press(t, m, "s", "j", "enter", "esc")
	m2 := start()
	first, second := m2.list.items[0], m2.list.items[1]
	if !first.Starred || first.Read || !second.Read {
		t.Errorf("after a restart: first starred %v read %v, second read %v; want true, false, true", first.Starred, first.Read, second.Read)
	}
}

// TestLibraryFeedCountOneWord: with subscriptions only, the header and
// the footer count them in one word, 피드 N개, not 피드 in one and 소스 in
// the other.
func TestLibraryFeedCountOneWord(t *testing.T) {
	fx := newLibrary(t)
	feeds := fx.feeds()
	m := startLibrary(t, fx, feeds, 80, 10)
	want := lang.Ko.FeedCount(len(feeds))
	s := screen(m)
	lines := strings.Split(s, "\n")
	if !strings.Contains(lines[0], want) || !strings.HasPrefix(lines[len(lines)-1], want) {
		t.Errorf("header and footer do not both say %q:\n%s", want, s)
	}
}

// TestDamagedCacheSaysItsFile: a cache found damaged while the reader
// runs is said as the command line says it: the file, and how to start
// afresh, in both languages.
func TestDamagedCacheSaysItsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sokbo.db")
	lib := library.New(library.Options{StorePath: path, Offline: true})
	defer lib.Close()
	damaged := &store.ReadError{Err: fmt.Errorf("database disk image is malformed: %w", store.ErrCorrupt)}
	for _, l := range []lang.Lang{lang.En, lang.Ko} {
		m := New(Config{Library: lib, Lang: l})
		n := m.problem(noticeError, "", damaged)
		if body := n.body(); !strings.Contains(body, l.CacheAt(path)) || !strings.Contains(body, "mv "+path+" "+path+".bad") {
			t.Errorf("%v: the notice of a damaged cache is %q; want its file and the mv that starts afresh", l, body)
		}
	}
}
