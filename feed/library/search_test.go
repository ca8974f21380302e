package library

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/store"
)

// newsItems are headlines a Korean reader searches, newest first, an hour
// apart.
func newsItems(src, prefix string, newest time.Time, titles ...string) *feed.Feed {
	f := &feed.Feed{Title: prefix, Source: src}
	for i, title := range titles {
		f.Items = append(f.Items, &feed.Item{
			ID: fmt.Sprintf("%s-%d", prefix, i), Title: title, Link: fmt.Sprintf("https://%s.example/%d", prefix, i),
			Published: newest.Add(-time.Duration(i) * time.Hour), Body: "<p>본문 " + title + "</p>", Source: src,
		})
	}
	return f
}

// searchLibrary is a library on a cache of two feeds, n (tagged 속보) and
// e, and a local source "posts", with options changed by opts.
func searchLibrary(t *testing.T, opts func(*Options)) (*Library, *store.Store, Sources) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	st, err := store.Open(ctx, store.Options{Path: path, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, f := range []*feed.Feed{
		newsItems("https://n.example/", "n", testNow.Add(-time.Hour), "[속보] 북한 미사일 발사", "국회의장 선출", "부하직원 폭행 논란", "광고: 북한산 등산화"),
		newsItems("https://e.example/", "e", testNow.Add(-90*time.Minute), "증시 마감, 북한 리스크", "라면 값 인상"),
	} {
		if _, err := st.SaveFeed(ctx, f.Source, f, store.FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AddFeedTags(ctx, "https://n.example/", []string{"속보"}); err != nil {
		t.Fatal(err)
	}
	local := newsItems("posts", "p", testNow.Add(-30*time.Minute), "북한 관련 메모", "점심 메뉴")
	o := Options{
		StorePath: path, Offline: true, Now: func() time.Time { return testNow },
		Load: func(_ context.Context, src string, _ feed.Options) (*feed.Feed, error) {
			if src == "posts" {
				return local, nil
			}
			return nil, errors.New("no such file")
		},
	}
	if opts != nil {
		opts(&o)
	}
	l := New(o)
	t.Cleanup(func() { l.Close() })
	src := Sources{Feeds: []feed.Subscription{{URL: "https://n.example/"}, {URL: "https://e.example/"}}, Locals: []string{"posts"}}
	return l, st, src
}

// matchTitles are the titles EachMatch gives, each with its N.
func matchTitles(t *testing.T, l *Library, src Sources, query string) string {
	t.Helper()
	q, err := l.ParseQuery(query, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	problems, err := l.EachMatch(context.Background(), src, q, func(n int, e *Entry) error {
		got = append(got, fmt.Sprintf("%d %s", n, e.Title))
		return nil
	})
	if err != nil || len(problems) > 0 {
		t.Fatalf("EachMatch(%q): %v %v", query, problems, err)
	}
	return strings.Join(got, " | ")
}

// TestEachMatch: the cache through the index and local items in memory
// agree on a query, and each match carries its number in Each's list.
func TestEachMatch(t *testing.T) {
	l, _, src := searchLibrary(t, nil)
	tests := map[string]string{
		"북한":             "1 북한 관련 메모 | 2 [속보] 북한 미사일 발사 | 4 증시 마감, 북한 리스크 | 8 광고: 북한산 등산화",
		"ㅂㅎ":             "1 북한 관련 메모 | 2 [속보] 북한 미사일 발사 | 4 증시 마감, 북한 리스크 | 7 부하직원 폭행 논란 | 8 광고: 북한산 등산화",
		"tag:속보 북한":      "2 [속보] 북한 미사일 발사 | 8 광고: 북한산 등산화",
		"feed:e.example": "4 증시 마감, 북한 리스크 | 6 라면 값 인상",
		"라면 -북한":         "6 라면 값 인상",
		"메뉴":             "3 점심 메뉴",
		"is:starred":     "",
	}
	for query, want := range tests {
		if got := matchTitles(t, l, src, query); got != want {
			t.Errorf("%s:\n got %s\nwant %s", query, got, want)
		}
	}
}

// TestMuteHidesEverywhere: a mute rule hides what it matches from Each,
// the reader's loads, searches and the counts, and feeds ls counts it.
func TestMuteHidesEverywhere(t *testing.T) {
	l, _, src := searchLibrary(t, func(o *Options) {
		o.Mute = []string{"광고", "메뉴"}
		o.Feeds = []feed.Subscription{{URL: "https://n.example/"}, {URL: "https://e.example/"}}
	})
	ctx := context.Background()
	var all []string
	if _, err := l.Each(ctx, src, func(e *Entry) error { all = append(all, e.Title); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, title := range all {
		if strings.Contains(title, "광고") || strings.Contains(title, "메뉴") {
			t.Errorf("Each lists muted %q", title)
		}
	}
	if len(all) != 6 {
		t.Errorf("Each lists %d items, want 6: %q", len(all), all)
	}
	// Without locals, Each streams from the store: muted there too.
	var cached []string
	if _, err := l.Each(ctx, Sources{Feeds: src.Feeds}, func(e *Entry) error { cached = append(cached, e.Title); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(cached) != 5 || slices.Contains(cached, "광고: 북한산 등산화") {
		t.Errorf("streamed = %q", cached)
	}
	if got := matchTitles(t, l, src, "북한"); got != "1 북한 관련 메모 | 2 [속보] 북한 미사일 발사 | 3 증시 마감, 북한 리스크" {
		t.Errorf("search = %s", got)
	}
	b, err := l.LoadCached(ctx, src.Feeds, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != 5 {
		t.Errorf("LoadCached has %d entries", len(b.Entries))
	}
	lb, err := l.LoadLocal(ctx, "posts")
	if err != nil {
		t.Fatal(err)
	}
	if len(lb.Entries) != 1 {
		t.Errorf("LoadLocal has %d entries", len(lb.Entries))
	}
	status, err := l.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	muted := map[string]int{}
	for _, s := range status {
		muted[s.URL] = s.Muted
		if s.URL == "https://n.example/" && (s.Info.Items != 3 || s.Info.Unread != 3) {
			t.Errorf("n counts %d items, %d unread; want 3 and 3", s.Info.Items, s.Info.Unread)
		}
	}
	if muted["https://n.example/"] != 1 || muted["https://e.example/"] != 0 {
		t.Errorf("muted counts = %v", muted)
	}
}

// TestMuteWithinMoves: a mute rule with within: counts back from each use,
// not from when it was read.
func TestMuteWithinMoves(t *testing.T) {
	now := testNow
	l, _, src := searchLibrary(t, func(o *Options) {
		o.Mute = []string{"within:2h"}
		o.Now = func() time.Time { return now }
	})
	count := func() int {
		n := 0
		if _, err := l.Each(context.Background(), Sources{Feeds: src.Feeds}, func(*Entry) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := count(); got != 3 {
		t.Errorf("at first %d items show, want 3 (older than 2h)", got)
	}
	now = now.Add(10 * time.Hour)
	if got := count(); got != 6 {
		t.Errorf("ten hours on %d items show, want all 6", got)
	}
}

// TestViewSearchHits: View.Items keeps what a search found, matches local
// entries in memory, and ends an incomplete search at its last match.
func TestViewSearchHits(t *testing.T) {
	l, _, src := searchLibrary(t, nil)
	ctx := context.Background()
	v := NewView()
	lb, err := l.LoadLocal(ctx, "posts")
	if err != nil {
		t.Fatal(err)
	}
	v.Add(lb)
	b, err := l.LoadCached(ctx, src.Feeds, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	v.Add(b)
	q, err := l.ParseQuery("ㅂ", true)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := l.Search(ctx, src, q, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := titles(v.Items(Filter{Hits: hits}))
	want := []string{"북한 관련 메모", "[속보] 북한 미사일 발사", "증시 마감, 북한 리스크", "부하직원 폭행 논란", "광고: 북한산 등산화"}
	if !slices.Equal(got, want) || !hits.Complete() {
		t.Errorf("ㅂ: %q (complete %v)", got, hits.Complete())
	}
	// Two cached matches: the list stops at the second.
	hits, err = l.Search(ctx, src, q, 2)
	if err != nil {
		t.Fatal(err)
	}
	got = titles(v.Items(Filter{Hits: hits}))
	if !slices.Equal(got, want[:3]) || hits.Complete() {
		t.Errorf("ㅂ, limit 2: %q (complete %v)", got, hits.Complete())
	}
	// With the other filters.
	got = titles(v.Items(Filter{Tag: "속보"}))
	if !slices.Equal(got, []string{"[속보] 북한 미사일 발사", "국회의장 선출", "부하직원 폭행 논란", "광고: 북한산 등산화"}) {
		t.Errorf("tag 속보: %q", got)
	}
	e := v.Items(Filter{})[1]
	v.SetStarred(e, true)
	if got := titles(v.Items(Filter{Starred: true})); !slices.Equal(got, []string{e.Title}) {
		t.Errorf("starred: %q", got)
	}
}

// TestSetReadAll: one mark saves many items in one delta, and only them.
func TestSetReadAll(t *testing.T) {
	var saved []Mark
	l, st, src := searchLibrary(t, func(o *Options) { o.Saved = func(m Mark) { saved = append(saved, m) } })
	ctx := context.Background()
	v := NewView()
	b, err := l.LoadCached(ctx, src.Feeds, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	v.Add(b)
	lb, err := l.LoadLocal(ctx, "posts")
	if err != nil {
		t.Fatal(err)
	}
	v.Add(lb)
	some := v.Items(Filter{Tag: "속보"})
	v.SetRead(some[0], true)
	m, changed := v.SetReadAll(some, true)
	if !changed || m.Count() != len(some)-1 {
		t.Fatalf("SetReadAll changed %v, %d marks", changed, m.Count())
	}
	if v.Unread("") != 4 {
		t.Errorf("%d unread in the view, want 4", v.Unread(""))
	}
	if _, changed := v.SetReadAll(some, true); changed {
		t.Error("marking them again changed something")
	}
	if err := l.Save(ctx, m); err != nil {
		t.Fatal(err)
	}
	if len(saved) != 3 {
		t.Errorf("Saved told of %d marks, want 3", len(saved))
	}
	info, err := st.Feed(ctx, "https://n.example/")
	if err != nil {
		t.Fatal(err)
	}
	if info.Unread != 1 { // the one marked alone was never saved
		t.Errorf("n has %d unread in the store, want 1", info.Unread)
	}
	if e, _ := st.UnreadCount(ctx, "https://e.example/"); e != 2 {
		t.Errorf("e has %d unread, want 2", e)
	}
	// Local items are marked by the same delta.
	lm, _ := v.SetReadAll(lb.Entries, true)
	if err := l.Save(ctx, lm); err != nil {
		t.Fatal(err)
	}
	again, err := l.LoadLocal(ctx, "posts")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range again.Entries {
		if !e.Read {
			t.Errorf("local %s unread after SetReadAll", e.ID)
		}
	}
}

// TestIndexPending: the reader's start indexes what is queued, and then
// finds nothing to do.
func TestIndexPending(t *testing.T) {
	l, st, _ := searchLibrary(t, nil)
	ctx := context.Background()
	if n, err := st.PendingIndex(ctx); err != nil || n != 6 {
		t.Fatalf("pending = %d, %v", n, err)
	}
	if n, err := l.IndexPending(ctx); err != nil || n != 6 {
		t.Fatalf("IndexPending = %d, %v", n, err)
	}
	if n, err := l.IndexPending(ctx); err != nil || n != 0 {
		t.Fatalf("IndexPending again = %d, %v", n, err)
	}
	// A library with no cache on disk creates none.
	empty := New(Options{StorePath: filepath.Join(t.TempDir(), "none.db")})
	defer empty.Close()
	if n, err := empty.IndexPending(ctx); err != nil || n != 0 {
		t.Fatalf("IndexPending without a cache = %d, %v", n, err)
	}
}

// TestIndexPendingWaitsForQuiet: a key just pressed (NoteInput) holds
// the reader's indexing back, queued items and all, until the user has
// paused for inputQuiet.
func TestIndexPendingWaitsForQuiet(t *testing.T) {
	l, st, _ := searchLibrary(t, nil)
	// The cache is open before the deadline starts: on a loaded machine
	// (the race detector, shuffled) opening it took longer than the
	// deadline, which is the wait's alone.
	if l.existingStore(context.Background()) == nil {
		t.Fatal("no cache")
	}
	l.NoteInput()
	// The key is fresh for far longer than the deadline, which ends the
	// wait.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if n, err := l.IndexPending(ctx); !errors.Is(err, context.DeadlineExceeded) || n != 0 {
		t.Fatalf("IndexPending just after a key = %d, %v; want 0, deadline exceeded", n, err)
	}
	if n, err := st.PendingIndex(context.Background()); err != nil || n != 6 {
		t.Fatalf("pending after the wait = %d, %v; want all 6", n, err)
	}
	l.lastInput.Store(int64(time.Since(epoch) - inputQuiet)) // the key, a pause ago
	if n, err := l.IndexPending(context.Background()); err != nil || n != 6 {
		t.Fatalf("IndexPending once quiet = %d, %v; want 6", n, err)
	}
}

// TestImportExportFeedOfPage: a subscription made through a page is
// exported at the feed found there, which another reader can fetch, and
// an OPML file naming that feed (sokbo's own export, or another
// reader's) is the same subscription: it gains the file's folders and
// keeps its name, and nothing new is subscribed.
func TestImportExportFeedOfPage(t *testing.T) {
	l := New(Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Offline: true})
	defer l.Close()
	ctx := t.Context()
	st, err := l.writer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page, feedURL := "https://site.example/", "https://site.example/rss.xml"
	if err := st.Subscribe(ctx, page, ""); err != nil {
		t.Fatal(err)
	}
	f := &feed.Feed{Title: "사이트 속보", Items: []*feed.Item{{ID: "a1", Title: "첫 기사"}}}
	if _, err := st.SaveFeed(ctx, page, f, store.FetchResult{FeedURL: feedURL}); err != nil {
		t.Fatal(err)
	}
	out, err := l.Export(ctx)
	if err != nil || len(out) != 1 || out[0].URL != feedURL || out[0].Name != "사이트 속보" {
		t.Fatalf("Export = %+v, %v; want %s as 사이트 속보", out, err, feedURL)
	}
	n, _, err := l.Import(ctx, []feed.Subscription{{Name: "내 피드", URL: feedURL, Tags: []string{"정치"}}})
	if err != nil || n != 0 {
		t.Fatalf("Import of the page's feed = %d, %v; want 0 new", n, err)
	}
	subs, err := l.Status(ctx)
	if err != nil || len(subs) != 1 {
		t.Fatalf("Status = %d subscriptions, %v; want the one", len(subs), err)
	}
	if s := subs[0]; s.URL != page || s.Info.DisplayName() != "사이트 속보" || !slices.Equal(s.Info.Tags, []string{"정치"}) {
		t.Errorf("after the import: %s named %q, tags %q; want %s, its own name, 정치", s.URL, s.Info.DisplayName(), s.Info.Tags, page)
	}
	// The file's other name is said as kept, as for any subscription.
	conflicts, err := l.NameConflicts(ctx, []feed.Subscription{{Name: "내 피드", URL: feedURL}})
	if err != nil || len(conflicts) != 1 || conflicts[0].Kept != "사이트 속보" || conflicts[0].URL != page {
		t.Errorf("NameConflicts = %+v, %v; want the page's name kept", conflicts, err)
	}
	// And the address export wrote names the subscription to remove.
	if f, _, err := l.Unsubscribe(ctx, "https://SITE.example/rss.xml"); err != nil || f.URL != page {
		t.Errorf("Unsubscribe by the feed's address = %s, %v; want %s", f.URL, err, page)
	}
}

// TestImportTags: OPML folders, as Subscription.Tags, are kept on import,
// added to a feed already subscribed, and exported again.
func TestImportTags(t *testing.T) {
	l := New(Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Offline: true})
	defer l.Close()
	ctx := context.Background()
	subs := []feed.Subscription{
		{Name: "한경", URL: "https://hk.example/rss", Tags: []string{"경제", "속보"}},
		{Name: "맨 위", URL: "https://top.example/rss"},
	}
	if n, _, err := l.Import(ctx, subs); err != nil || n != 2 {
		t.Fatalf("Import = %d, %v", n, err)
	}
	if _, _, err := l.Import(ctx, []feed.Subscription{{URL: "https://HK.example/rss", Tags: []string{"국내", "경제"}}}); err != nil {
		t.Fatal(err)
	}
	out, err := l.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, s := range out {
		got[s.Name] = s.Tags
	}
	if !slices.Equal(got["한경"], []string{"경제", "속보", "국내"}) || got["맨 위"] != nil {
		t.Errorf("exported tags = %q", got)
	}
}
