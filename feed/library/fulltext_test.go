package library

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean/cleantest"
	"sokbo/feed/fetch"
	"sokbo/feed/fulltext"
	"sokbo/feed/fulltext/fulltexttest"
	"sokbo/feed/store"
)

// newSiteLibrary serves an invented news site of n articles on 127.0.0.1
// and returns a library that fetches from it, unpaced, with the site's
// feed refreshed into a fresh cache.
func newSiteLibrary(t *testing.T, n int, full bool) (*Library, *fulltexttest.Site, feed.Subscription) {
	t.Helper()
	site := fulltexttest.NewSite(n, testNow.Add(-time.Hour))
	base := fulltexttest.Start(t, site)
	sub := feed.Subscription{URL: base + fulltexttest.FeedPath, FullText: full}
	path := filepath.Join(t.TempDir(), "sokbo.db")
	l := New(Options{StorePath: path, Now: func() time.Time { return testNow }, FullTextGap: -1,
		Pacer: fetch.NewPacer(fetch.PacerOptions{Gap: -1})})
	t.Cleanup(func() { l.Close() })
	refreshOK(t, l, sub)
	return l, site, sub
}

func refreshOK(t *testing.T, l *Library, sub feed.Subscription) {
	t.Helper()
	res, err := l.Refresh(context.Background(), []feed.Subscription{sub}, nil)
	if err != nil || res[0].Err != nil {
		t.Fatalf("refresh: %v, %+v", err, res)
	}
}

func findEntry(t *testing.T, l *Library, sub feed.Subscription, key string) *Entry {
	t.Helper()
	l.opts.Wait = time.Nanosecond // the cache answers; nothing is fetched for Find
	offline := l.opts.Offline
	l.opts.Offline = true
	defer func() { l.opts.Offline = offline }()
	e, _, err := l.Find(context.Background(), Sources{Feeds: []feed.Subscription{sub}}, key)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// widgets is text of the site's pages that is not the article.
var widgets = []string{"기사 읽어주기", "로그인", "광고", "관련기사", "많이 본", "페이스북", "URL복사", "정치", "추적 스크립트", "[속보신문]"}

// TestFullTextOnDemand: the feed carries a sentence; FullText fetches the
// article's page once, keeps it, and serves it offline with the item's
// own title, every paragraph and the table, and none of the widgets. A
// forced FullText fetches again.
func TestFullTextOnDemand(t *testing.T) {
	l, site, sub := newSiteLibrary(t, 3, false)
	ctx := context.Background()
	e := findEntry(t, l, sub, "1")
	a, err := l.Article(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if a.Body != BodyFeed || !a.SummaryOnly || a.FullTextErr() != "" {
		t.Fatalf("before: body %q, summary only %v", a.Body, a.SummaryOnly)
	}
	if strings.Contains(a.Markdown, "정밀 안전 점검") {
		t.Fatalf("the feed carries the whole article:\n%s", a.Markdown)
	}

	a, err = l.FullText(ctx, e, false)
	if err != nil {
		t.Fatal(err)
	}
	art := site.Articles()[0]
	if a.Body != BodyFullText || a.SummaryOnly || a.Item.Title != art.Title || a.Item.Link != e.Link {
		t.Errorf("full text: body %q, title %q, link %q", a.Body, a.Item.Title, a.Item.Link)
	}
	if a.FullText == nil || a.FullText.URL != e.Link || a.FullText.Via != "rule:ndsoft" || !a.FullText.Fetched.Equal(testNow) {
		t.Errorf("record %+v", a.FullText)
	}
	checkArticle(t, a.Markdown, art)
	if n := site.Hits(strings.TrimPrefix(e.Link, baseOf(e.Link))); n != 1 {
		t.Errorf("%d page fetches, want 1", n)
	}

	// Kept: asked again, nothing is fetched; offline, it is served.
	if again, err := l.FullText(ctx, e, false); err != nil || again.Body != BodyFullText || site.PageHits() != 1 {
		t.Errorf("again: %v, %d fetches", err, site.PageHits())
	}
	off := New(Options{StorePath: l.opts.StorePath, Offline: true})
	defer off.Close()
	oa, err := off.Article(ctx, e)
	if err != nil || oa.Body != BodyFullText || oa.Markdown != a.Markdown {
		t.Errorf("offline: %v, body %q", err, oa.Body)
	}
	if oa, err := off.FullText(ctx, e, true); err != nil || oa.Body != BodyFullText {
		t.Errorf("offline, forced: %v", err)
	}
	// x again: fetched again.
	if _, err := l.FullText(ctx, e, true); err != nil || site.PageHits() != 2 {
		t.Errorf("forced: %v, %d fetches, want 2", err, site.PageHits())
	}
}

func baseOf(link string) string { return link[:strings.Index(link, "/news/")] }

// checkArticle: every paragraph and table cell of the article, the
// reporter and the copyright once; none of the widgets; clean.
func checkArticle(t *testing.T, md string, art fulltexttest.Article) {
	t.Helper()
	cleantest.AssertClean(t, md)
	flat := strings.Join(strings.Fields(strings.ReplaceAll(md, "\\", "")), " ")
	for _, p := range art.Paragraphs {
		if !strings.Contains(flat, strings.Join(strings.Fields(p), " ")) {
			t.Errorf("paragraph lost: %q\n%s", p, md)
		}
	}
	for _, row := range art.Table {
		for _, c := range row {
			if !strings.Contains(flat, c) {
				t.Errorf("table cell %q lost", c)
			}
		}
	}
	if len(art.Table) > 0 && !strings.Contains(md, "| 구간") {
		t.Errorf("the table is not a table:\n%s", md)
	}
	if !strings.Contains(md, art.Reporter) || strings.Count(md, "무단전재 및 재배포 금지") != 1 {
		t.Errorf("byline or copyright:\n%s", md)
	}
	for _, w := range widgets {
		if strings.Contains(md, w) {
			t.Errorf("widget text %q kept:\n%s", w, md)
		}
	}
}

// TestFullTextFailureKeepsSummary: a page with no article is a one-line
// error; the article keeps the feed's body, with the reason noted.
func TestFullTextFailureKeepsSummary(t *testing.T) {
	l, site, sub := newSiteLibrary(t, 3, false)
	ctx := context.Background()
	site.Update(site.Articles()[1].ID, func(a *fulltexttest.Article) { a.Kind = fulltexttest.KindEmpty })
	site.Update(site.Articles()[2].ID, func(a *fulltexttest.Article) { a.Kind = fulltexttest.KindGone })
	for key, want := range map[string]string{"2": "no article text found", "3": "http 404 Not Found"} {
		e := findEntry(t, l, sub, key)
		_, err := l.FullText(ctx, e, false)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Fatalf("%s: error %v, want one line saying %q", key, err, want)
		}
		if key == "2" && !errors.Is(err, fulltext.ErrNoArticle) {
			t.Errorf("%v, want ErrNoArticle", err)
		}
		a, err := l.Article(ctx, e)
		if err != nil || a.Body != BodyFeed || !strings.Contains(a.Markdown, "다.") || !strings.HasPrefix(a.FullTextErr(), want) {
			t.Errorf("%s after the failure: %v, %q, reason %q", key, err, a.Body, a.FullTextErr())
		}
	}
	// No link: nothing to fetch.
	if _, err := l.FullText(ctx, &Entry{Item: &feed.Item{ID: "x", Source: sub.URL}, Cached: true}, false); !errors.Is(err, ErrNoLink) {
		t.Errorf("no link: %v", err)
	}
	// Offline and not kept.
	l.opts.Offline = true
	if _, err := l.FullText(ctx, findEntry(t, l, sub, "1"), false); !errors.Is(err, ErrNotStored) {
		t.Errorf("offline: %v", err)
	}
}

// TestFullTextInvalidated: when the feed changes an item, its kept full
// text goes, and the article shows the feed's body until it is fetched
// again.
func TestFullTextInvalidated(t *testing.T) {
	l, site, sub := newSiteLibrary(t, 2, false)
	ctx := context.Background()
	e := findEntry(t, l, sub, "1")
	if _, err := l.FullText(ctx, e, false); err != nil {
		t.Fatal(err)
	}
	site.Update(site.Articles()[0].ID, func(a *fulltexttest.Article) {
		a.Paragraphs[0] = "정정: " + a.Paragraphs[0]
	})
	refreshOK(t, l, sub)
	a, err := l.Article(ctx, e)
	if err != nil || a.Body != BodyFeed || !strings.Contains(a.Markdown, "정정:") {
		t.Errorf("after the change: %v, body %q\n%s", err, a.Body, a.Markdown)
	}
}

// TestFetchFullTexts: a fulltext = true feed has its items' full text
// fetched after a refresh, and after the next refresh only the new item's;
// a feed that does not ask has none fetched.
func TestFetchFullTexts(t *testing.T) {
	l, site, sub := newSiteLibrary(t, 3, true)
	ctx := context.Background()
	var mu sync.Mutex
	var seen []FullTextProgress
	progress := func(p FullTextProgress) {
		mu.Lock()
		seen = append(seen, p)
		mu.Unlock()
	}
	sum, err := l.FetchFullTexts(ctx, []feed.Subscription{sub}, progress)
	if err != nil || sum.Fetched != 3 || sum.Failed != 0 || site.PageHits() != 3 || len(seen) != 3 || seen[2].Done != 3 || seen[2].Total != 3 {
		t.Fatalf("first: %+v, %v, %d page fetches, progress %+v", sum, err, site.PageHits(), seen)
	}
	for _, key := range []string{"1", "2", "3"} {
		if a, err := l.Article(ctx, findEntry(t, l, sub, key)); err != nil || a.Body != BodyFullText {
			t.Errorf("item %s: %v, %q", key, err, a.Body)
		}
	}
	site.Publish(fulltexttest.Article{ID: 30000, Title: "새로 들어온 속보", Reporter: "한결 기자",
		Paragraphs: []string{"새 기사의 첫 문장이다. 그 뒤로 이어지는 문장은 피드에 없다.", "둘째 문단도 페이지에만 있다."}})
	refreshOK(t, l, sub)
	sum, err = l.FetchFullTexts(ctx, []feed.Subscription{sub}, nil)
	if err != nil || sum.Fetched != 1 || site.PageHits() != 4 || site.Hits("/news/articleView.html?idxno=30000") != 1 {
		t.Errorf("second: %+v, %v, %d page fetches; want only the new item's", sum, err, site.PageHits())
	}
	if sum.String() != "full text: 1 fetched, 0 failed" {
		t.Errorf("summary %q", sum)
	}

	plain := sub
	plain.FullText = false
	if sum, err := l.FetchFullTexts(ctx, []feed.Subscription{plain}, nil); err != nil || sum != (FullTextSummary{}) {
		t.Errorf("a feed without fulltext = true: %+v, %v", sum, err)
	}
	// The config's subscription says so for the same URL given bare.
	l.opts.Feeds = []feed.Subscription{sub}
	if !l.FullTextFeed(plain) {
		t.Error("the config's fulltext = true is not found by URL")
	}
}

// TestFullTextLocal: a local item's full text is fetched and kept in
// memory while its link and body stay the same.
func TestFullTextLocal(t *testing.T) {
	site := fulltexttest.NewSite(1, testNow)
	base := fulltexttest.Start(t, site)
	art := site.Articles()[0]
	it := &feed.Item{ID: "p1", Title: "로컬 글", Link: fulltexttest.Link(base, art.ID), Body: "<p>한 문장.</p>", Source: "posts"}
	l, _ := newTestLibrary(t, map[string]*feed.Feed{"posts": {Title: "글", Items: []*feed.Item{it}}})
	l.opts.Offline, l.opts.FullTextGap = false, -1
	ctx := context.Background()
	b, err := l.LoadLocal(ctx, "posts")
	if err != nil {
		t.Fatal(err)
	}
	e := b.Entries[0]
	if a, err := l.Article(ctx, e); err != nil || !a.SummaryOnly || a.Body != BodyFeed {
		t.Fatalf("before: %v, %+v", err, a)
	}
	a, err := l.FullText(ctx, e, false)
	if err != nil || a.Body != BodyFullText || a.Item.Title != "로컬 글" {
		t.Fatalf("FullText: %v, %+v", err, a)
	}
	checkArticle(t, a.Markdown, art)
	if a, err := l.Article(ctx, e); err != nil || a.Body != BodyFullText || site.PageHits() != 1 {
		t.Errorf("kept: %v, %q, %d fetches", err, a.Body, site.PageHits())
	}
	changed := *e
	changed.Item = &feed.Item{ID: "p1", Title: "로컬 글", Link: it.Link, Body: "<p>고친 문장.</p>", Source: "posts"}
	if a, err := l.Article(ctx, &changed); err != nil || a.Body != BodyFeed {
		t.Errorf("after the body changed: %v, %q", err, a.Body)
	}
}

// TestSummaryOnly: a feed whose items carry their articles is not offered
// the full text.
func TestSummaryOnly(t *testing.T) {
	long := strings.Repeat("긴 본문의 문장이 이어진다. ", 20)
	f := &feed.Feed{Title: "전문 피드", Items: []*feed.Item{
		{ID: "1", Title: "첫 기사", Link: "https://full.example/1", Body: "<p>" + long + "</p>", Source: "full"},
		{ID: "2", Title: "짧은 사진 기사", Link: "https://full.example/2", Body: "<p>사진 한 장.</p>", Source: "full"},
	}}
	l, st := newTestLibrary(t, map[string]*feed.Feed{"full": f})
	ctx := context.Background()
	b, err := l.LoadLocal(ctx, "full")
	if err != nil {
		t.Fatal(err)
	}
	if a, err := l.Article(ctx, b.Entries[1]); err != nil || a.SummaryOnly {
		t.Errorf("local: %v, summary only %v", err, a.SummaryOnly)
	}
	f.Source = "https://full.example/feed"
	if _, err := st.SaveFeed(ctx, f.Source, f, store.FetchResult{}); err != nil {
		t.Fatal(err)
	}
	e := &Entry{Item: &feed.Item{ID: "2", Link: "https://full.example/2"}, Cached: true}
	e.Source = f.Source
	if a, err := l.Article(ctx, e); err != nil || a.SummaryOnly {
		t.Errorf("cached: %v, summary only %v", err, a.SummaryOnly)
	}
}

// TestFetchFullTextsEndsOnClose: a background fetch held back by the
// host's pacing ends when the library closes; no fetch starts after.
func TestFetchFullTextsEndsOnClose(t *testing.T) {
	l, site, sub := newSiteLibrary(t, 3, true)
	l.opts.FullTextGap = time.Hour // the second page would wait an hour
	first := make(chan struct{}, 1)
	done := make(chan error, 1)
	go func() {
		_, err := l.FetchFullTexts(context.Background(), []feed.Subscription{sub}, func(FullTextProgress) {
			select {
			case first <- struct{}{}:
			default:
			}
		})
		done <- err
	}()
	<-first
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if n := site.PageHits(); n != 1 {
		t.Errorf("%d pages fetched, want 1", n)
	}
	if _, err := l.FetchFullTexts(context.Background(), []feed.Subscription{sub}, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}
