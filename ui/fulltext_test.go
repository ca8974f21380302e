package ui

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sokbo/feed"
	"sokbo/feed/clean/cleantest"
	"sokbo/feed/fetch"
	"sokbo/feed/fulltext/fulltexttest"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/rendertest"
)

// siteFixture is the reader on an invented news site whose feed carries
// one sentence of each article, served on 127.0.0.1 and refreshed into a
// fresh cache.
type siteFixture struct {
	site *fulltexttest.Site
	lib  *library.Library
	sub  feed.Subscription
}

func newSiteFixture(t testing.TB, n int, full bool) *siteFixture {
	t.Helper()
	site := fulltexttest.NewSite(n, testNow.Add(-time.Hour))
	base := fulltexttest.Start(t, site)
	fx := &siteFixture{site: site, sub: feed.Subscription{URL: base + fulltexttest.FeedPath, FullText: full}}
	fx.lib = library.New(library.Options{
		StorePath:   filepath.Join(t.TempDir(), "sokbo.db"),
		Now:         func() time.Time { return testNow },
		FullTextGap: -1,
	})
	t.Cleanup(func() { fx.lib.Close() })
	if res, err := fx.lib.Refresh(context.Background(), []feed.Subscription{fx.sub}, nil); err != nil || res[0].Err != nil {
		t.Fatalf("refresh: %v %+v", err, res)
	}
	return fx
}

func (fx *siteFixture) model(t testing.TB, w, h int) Model {
	t.Helper()
	m := New(Config{Library: fx.lib, Sources: library.Sources{Feeds: []feed.Subscription{fx.sub}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return runCmds(t, m, m.cachedCmd(time.Time{}))
}

// footerOf is the last line of the screen.
func footerOf(m Model) string {
	s := screen(m)
	return s[strings.LastIndex(s, "\n")+1:]
}

// TestFullTextKey: x in an open article of a summary-only feed fetches the
// page and shows the full text in place, with a notice while it runs; the
// footer offered it first. A second x fetches it again.
func TestFullTextKey(t *testing.T) {
	for _, w := range []int{40, 60, 120} {
		fx := newSiteFixture(t, 3, false)
		m := fx.model(t, w, 20)
		m = press(t, m, "enter")
		s := screen(m)
		if !strings.Contains(s, "서울시는 한강 다리") || strings.Contains(s, "하반기로") {
			t.Fatalf("%d: the article is not the feed's sentence:\n%s", w, s)
		}
		if !strings.Contains(footerOf(m), "x: 전문 보기") {
			t.Errorf("%d: the footer does not offer the full text: %q", w, footerOf(m))
		}
		checkScreen(t, s, w, 20)

		// The key: a notice while the page is fetched, the summary stays.
		next, cmd := m.Update(keyPress("x"))
		m = next.(Model)
		if !strings.Contains(footerOf(m), "전문 받는 중") || !strings.Contains(screen(m), "서울시는 한강 다리") {
			t.Errorf("%d: while fetching:\n%s", w, screen(m))
		}
		m = runCmds(t, m, cmd)
		s = screen(m)
		if !strings.Contains(s, "하반기로") || !strings.Contains(s, "서울시는") {
			t.Fatalf("%d: the full text is not shown in place:\n%s", w, s)
		}
		if !strings.Contains(footerOf(m), "전문 가져옴") {
			t.Errorf("%d: footer %q", w, footerOf(m))
		}
		for _, widget := range []string{"기사 읽어주기", "로그인", "관련기사"} {
			if strings.Contains(s, widget) {
				t.Errorf("%d: widget text %q on screen", w, widget)
			}
		}
		checkScreen(t, s, w, 20)
		m = press(t, m, "j")
		if f := footerOf(m); !strings.Contains(f, "전문") || strings.Contains(f, "x: 전문 보기") {
			t.Errorf("%d: footer after a key: %q", w, f)
		}
		// The table is below: scroll to it.
		m = press(t, m, "G")
		if !strings.Contains(screen(m), "무단전재") {
			t.Errorf("%d: the end of the article:\n%s", w, screen(m))
		}
		m = press(t, m, "x")
		if fx.site.PageHits() != 2 {
			t.Errorf("%d: %d page fetches after two x, want 2", w, fx.site.PageHits())
		}
		// Back in the list and in again: the full text, from the cache.
		m = press(t, m, "esc", "enter")
		if !strings.Contains(screen(m), "하반기로") || fx.site.PageHits() != 2 {
			t.Errorf("%d: reopened:\n%s", w, screen(m))
		}
	}
}

// TestFullTextKeyFailure: a page with no article leaves the summary, with
// a one-line reason in the footer, and the footer keeps offering x.
func TestFullTextKeyFailure(t *testing.T) {
	fx := newSiteFixture(t, 2, false)
	fx.site.Update(fx.site.Articles()[0].ID, func(a *fulltexttest.Article) { a.Kind = fulltexttest.KindEmpty })
	m := fx.model(t, 60, 16)
	m = press(t, m, "enter", "x")
	s := screen(m)
	if !strings.Contains(s, "서울시는 한강 다리") {
		t.Fatalf("the summary is gone:\n%s", s)
	}
	if f := footerOf(m); !strings.Contains(f, "전문 실패: 127.0.") || !strings.Contains(f, ": 기사 본문을 찾지 못함") {
		t.Errorf("footer %q", f)
	}
	checkScreen(t, s, 60, 16)
	m = press(t, m, "j")
	if f := footerOf(m); !strings.Contains(f, "x: 다시") || !strings.Contains(f, "전문 실패") {
		t.Errorf("footer after a key %q", f)
	}
	// No link: says so.
	m.article.entry.Item = &feed.Item{ID: "x", Title: "링크 없는 기사", Source: fx.sub.URL}
	m = press(t, m, "x")
	if f := footerOf(m); !strings.Contains(f, "링크가 없어") {
		t.Errorf("no link: footer %q", f)
	}
}

// TestFullTextNoOffer: an article of a feed that carries its articles is
// not offered the full text.
func TestFullTextNoOffer(t *testing.T) {
	f := fakeFeed(3)
	for _, it := range f.Items {
		it.Body = "<p>" + strings.Repeat("본문이 충분히 긴 기사의 문장이다. ", 20) + "</p>"
	}
	m := newTestModel(t, f, 80, 12)
	m = press(t, m, "enter")
	if f := footerOf(m); strings.Contains(f, "x:") || !strings.Contains(f, "fake") {
		t.Errorf("footer %q, want the source and no offer", f)
	}
}

// TestFullTextBackground: with fulltext = true, the refresh is followed by
// fetching the full text of the items it brought, in the background; an
// open article showing the summary is replaced in place. The next refresh
// fetches only the new item's page.
func TestFullTextBackground(t *testing.T) {
	fx := newSiteFixture(t, 2, true)
	m := fx.model(t, 60, 20)
	m = press(t, m, "enter")
	if strings.Contains(screen(m), "하반기로") {
		t.Fatal("full text before any was fetched")
	}
	m = runCmds(t, m, m.refresher.start(false))
	if fx.site.PageHits() != 2 {
		t.Errorf("%d page fetches after the refresh, want 2", fx.site.PageHits())
	}
	if s := screen(m); !strings.Contains(s, "하반기로") {
		t.Errorf("the open article was not replaced by its full text:\n%s", s)
	}
	if m.full.running {
		t.Error("the background fetch is still marked running")
	}
	fx.site.Publish(fulltexttest.Article{ID: 30000, Title: "새로 들어온 속보", Reporter: "한결 기자",
		Paragraphs: []string{"새 기사의 첫 문장이다. 둘째 문장은 페이지에만 있다."}})
	m = press(t, m, "esc")
	m = runCmds(t, m, m.refresher.start(false))
	if fx.site.PageHits() != 3 || fx.site.Hits("/news/articleView.html?idxno=30000") != 1 {
		t.Errorf("%d page fetches after the second refresh, want 3: only the new item's", fx.site.PageHits())
	}
	m = press(t, m, "g", "enter")
	if !strings.Contains(screen(m), "둘째 문장은 페이지에만") {
		t.Errorf("the new item's full text:\n%s", screen(m))
	}
}

// TestFullTextEndToEnd drives the real program: open the first article,
// press x, read the full text with its table.
func TestFullTextEndToEnd(t *testing.T) {
	fx := newSiteFixture(t, 3, false)
	m := New(Config{Library: fx.lib, Sources: library.Sources{Feeds: []feed.Subscription{fx.sub}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 40))
	waitOutput(t, tm, "한강 다리 세 곳")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	// The summary; the footer's offer may wait behind the notice of the
	// refresh that Init started.
	waitOutput(t, tm, "밝혔다.")
	tm.Send(tea.KeyPressMsg{Code: 'x', Text: "x"})
	waitOutput(t, tm, "하반기로")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	frame := tm.FinalModel(t).(Model).View().Content
	for _, want := range []string{"하반기로", "잠실철교 보행로", "23:00~05:00"} {
		if !strings.Contains(frame, want) {
			t.Errorf("final frame lacks %q:\n%s", want, frame)
		}
	}
	rendertest.CheckLayout(t, frame, 80)
}

func waitOutput(t *testing.T, tm *teatest.TestModel, want string) {
	t.Helper()
	// WaitFor hands the condition all it has read so far in this call.
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(rendertest.StripANSI(string(b)), want)
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestFullTextHostilePage: a page carrying terminal attacks reaches the
// screen through x with its text and without a control, a javascript:
// address or a script.
func TestFullTextHostilePage(t *testing.T) {
	fx := newSiteFixture(t, 1, false)
	fx.site.Update(fx.site.Articles()[0].ID, func(a *fulltexttest.Article) { a.Kind = fulltexttest.KindHostile })
	for _, w := range []int{40, 100} {
		m := fx.model(t, w, 40)
		m = press(t, m, "enter", "x")
		s := screen(m)
		for _, want := range []string{"원문 그대로", "이 문장은 그대로", "자바스크립트 링크"} {
			if !strings.Contains(strings.ReplaceAll(s, "\n  ", " "), want) {
				t.Errorf("%d: %q lost:\n%s", w, want, s)
			}
		}
		for _, bad := range []string{"javascript", "alert", "evil.example", "스크립트\")"} {
			if strings.Contains(s, bad) {
				t.Errorf("%d: %q on screen:\n%s", w, bad, s)
			}
		}
		cleantest.AssertClean(t, s)
		checkScreen(t, s, w, 40)
	}
}

// TestFullTextStoredFailure (QA 3): a failed attempt kept in the cache
// (by `sokbo read --full`, or an earlier reader) is shown with its cause
// in the article's footer, in the reader's words, not only that it
// failed.
func TestFullTextStoredFailure(t *testing.T) {
	tests := map[string]struct {
		kind fulltexttest.Kind
		want string
	}{
		"404":     {fulltexttest.KindGone, "전문 실패: 서버 응답 404 (찾을 수 없음)"},
		"no text": {fulltexttest.KindEmpty, "전문 실패: 기사 본문을 찾지 못함"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			fx := newSiteFixture(t, 2, false)
			a := fx.site.Articles()[0]
			fx.site.Update(a.ID, func(a *fulltexttest.Article) { a.Kind = tt.kind })
			// Fetched by another front end, then shown by a reader
			// started afterwards.
			first := fx.model(t, 60, 16)
			if _, err := fx.lib.FullText(context.Background(), first.list.current(), true); err == nil {
				t.Fatal("the full text did not fail")
			}
			m := fx.model(t, 90, 16)
			m = press(t, m, "enter")
			if f := footerOf(m); !strings.Contains(f, tt.want) {
				t.Errorf("footer %q, want %q", f, tt.want)
			}
			checkScreen(t, screen(m), 90, 16)
		})
	}
}

// stuckSite is the invented site whose newest article's page never comes:
// its handler holds the request until the test ends. Its library keeps
// one request at a time to a host, as the feeds' pacer does, with no gap
// between them, and a timeout longer than any test waits.
type stuckSite struct {
	*siteFixture
	started chan struct{} // a request for the stuck page came in
	fetches sync.WaitGroup
}

func newStuckSite(t *testing.T) *stuckSite {
	t.Helper()
	site := fulltexttest.NewSite(2, testNow.Add(-time.Hour))
	stuck := fulltexttest.Link("", site.Articles()[0].ID)
	s := &stuckSite{started: make(chan struct{}, 4)}
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RequestURI() == stuck {
			s.started <- struct{}{}
			<-release
			return
		}
		site.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s.siteFixture = &siteFixture{site: site, sub: feed.Subscription{URL: srv.URL + fulltexttest.FeedPath}}
	s.lib = library.New(library.Options{
		StorePath:   filepath.Join(t.TempDir(), "sokbo.db"),
		Now:         func() time.Time { return testNow },
		Pacer:       fetch.NewPacer(fetch.PacerOptions{Gap: -1, Now: func() time.Time { return testNow }}),
		FullTextGap: time.Nanosecond, // paced, so the pacer above holds the host, but never waiting
		Timeout:     time.Hour,
	})
	t.Cleanup(func() { s.lib.Close() })
	// First: the stuck page is let go, and the fetches still running end.
	t.Cleanup(func() {
		close(release)
		s.fetches.Wait()
	})
	if res, err := s.lib.Refresh(context.Background(), []feed.Subscription{s.sub}, nil); err != nil || res[0].Err != nil {
		t.Fatalf("refresh: %v %+v", err, res)
	}
	return s
}

// start runs cmd, the command of an x, as Bubble Tea would, and returns
// its messages when it ends.
func (s *stuckSite) start(cmd tea.Cmd) <-chan []tea.Msg {
	out := make(chan []tea.Msg, 1)
	s.fetches.Go(func() { out <- runCmd(cmd) })
	return out
}

// await is what ch gives, or a failure saying what did not happen if it
// gives nothing for 10 seconds: a watchdog, never reached when all is well.
func await[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("not within 10 s: %s", what)
	}
	var zero T
	return zero
}

// TestFullTextLeaveCancels (QA): x on an article whose page never comes,
// back to the list, another article of the same host and x there: the
// first fetch was cancelled as the reader left its article, so the page
// asked for next does not wait behind it for the host's one request at a
// time. The cancelled fetch leaves no failure on screen, and x on the
// first article fetches it afresh.
func TestFullTextLeaveCancels(t *testing.T) {
	s := newStuckSite(t)
	m := s.model(t, 60, 20)
	m = press(t, m, "enter")
	next, cmd := m.Update(keyPress("x"))
	m = next.(Model)
	first := s.start(cmd)
	await(t, s.started, "the stuck page asked for")

	m = press(t, m, "q", "j", "enter")
	if !strings.Contains(screen(m), "수도권 밤사이 최대") {
		t.Fatalf("not the second article:\n%s", screen(m))
	}
	next, cmd = m.Update(keyPress("x"))
	m = next.(Model)
	for _, msg := range await(t, s.start(cmd), "the second article's page, asked for by x") {
		m = update(t, m, msg)
	}
	if !strings.Contains(screen(m), "하천변 산책로") || !strings.Contains(footerOf(m), "전문 가져옴") {
		t.Fatalf("the second article's full text:\n%s", screen(m))
	}

	// The cancelled fetch's end says nothing.
	for _, msg := range await(t, first, "the first fetch ended") {
		m = update(t, m, msg)
	}
	if f := footerOf(m); !strings.Contains(f, "전문 가져옴") {
		t.Errorf("footer after the cancelled fetch ended: %q", f)
	}
	for _, bad := range []string{"취소", "cancel", "실패"} {
		if strings.Contains(screen(m), bad) {
			t.Errorf("%q on screen after the cancelled fetch ended:\n%s", bad, screen(m))
		}
	}
	m = press(t, m, "q", "k", "enter")
	if f := footerOf(m); !strings.Contains(f, "x: 전문 보기") || strings.Contains(f, "실패") {
		t.Errorf("the first article's footer: %q, want the offer and no failure", f)
	}
	cleantest.AssertClean(t, screen(m))
	next, cmd = m.Update(keyPress("x"))
	m = next.(Model)
	if f := footerOf(m); !strings.Contains(f, "전문 받는 중") {
		t.Errorf("x again: footer %q", f)
	}
	s.start(cmd)
	await(t, s.started, "the first article's page asked for again by x")
}

// TestFullTextSplitKeepsFetch: back in a split list whose right pane
// still shows the article, its fetch goes on; moving to another item
// cancels it.
func TestFullTextSplitKeepsFetch(t *testing.T) {
	s := newStuckSite(t)
	m := New(Config{Library: s.lib, Sources: library.Sources{Feeds: []feed.Subscription{s.sub}}, Style: render.StylePlain,
		Now: func() time.Time { return testNow }, Split: true})
	m = update(t, m, tea.WindowSizeMsg{Width: 130, Height: 20})
	m = runCmds(t, m, m.cachedCmd(time.Time{}))
	m = press(t, m, "enter")
	next, cmd := m.Update(keyPress("x"))
	m = next.(Model)
	first := s.start(cmd)
	await(t, s.started, "the stuck page asked for")

	m = press(t, m, "q")
	if !m.full.busy || !strings.Contains(screen(m), "한강 다리 세 곳의") {
		t.Fatalf("the fetch stopped while the split pane shows its article:\n%s", screen(m))
	}
	m = press(t, m, "j")
	if m.full.busy {
		t.Error("the fetch goes on after the pane moved to another item")
	}
	for _, msg := range await(t, first, "the first fetch ended") {
		m = update(t, m, msg)
	}
	for _, bad := range []string{"취소", "cancel", "실패"} {
		if strings.Contains(screen(m), bad) {
			t.Errorf("%q on screen after the cancelled fetch ended:\n%s", bad, screen(m))
		}
	}
}

// TestFullTextKeyNamesHost (QA): x's failure names where it went: the
// page's host before a cause that does not name it, and a refused
// connection's own words, which do, as a feed's fetch says them. The
// notice fits the footer.
func TestFullTextKeyNamesHost(t *testing.T) {
	t.Run("404", func(t *testing.T) {
		fx := newSiteFixture(t, 2, false)
		for _, a := range fx.site.Articles() {
			fx.site.Update(a.ID, func(a *fulltexttest.Article) { a.Kind = fulltexttest.KindGone })
		}
		m := press(t, fx.model(t, 100, 16), "enter", "x")
		u, err := url.Parse(fx.sub.URL)
		if err != nil {
			t.Fatal(err)
		}
		if f, want := footerOf(m), "전문 실패: "+u.Host+": 서버 응답 404"; !strings.Contains(f, want) {
			t.Errorf("footer %q, want %q in it", f, want)
		}
		checkScreen(t, screen(m), 100, 16)
	})
	t.Run("refused", func(t *testing.T) {
		closed := httptest.NewServer(http.NotFoundHandler())
		addr := closed.Listener.Addr().String()
		closed.Close() // nothing listens there now
		doc := `<rss version="2.0"><channel><title>T</title><item><title>One</title><link>http://` + addr +
			`/art1</link><guid>1</guid><description>body one</description></item></channel></rss>`
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			_, _ = w.Write([]byte(doc))
		}))
		t.Cleanup(srv.Close)
		sub := feed.Subscription{URL: srv.URL + "/feed.xml"}
		lib := library.New(library.Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Now: func() time.Time { return testNow }, FullTextGap: -1})
		t.Cleanup(func() { lib.Close() })
		if res, err := lib.Refresh(context.Background(), []feed.Subscription{sub}, nil); err != nil || res[0].Err != nil {
			t.Fatalf("refresh: %v %+v", err, res)
		}
		for w, want := range map[int]string{
			100: "전문 실패: " + addr + "에 연결할 수 없음: 연결 거부 (오프라인?)",
			30:  "전문 실패: " + addr[:5],
		} {
			m := New(Config{Library: lib, Sources: library.Sources{Feeds: []feed.Subscription{sub}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
			m = update(t, m, tea.WindowSizeMsg{Width: w, Height: 16})
			m = runCmds(t, m, m.cachedCmd(time.Time{}))
			m = press(t, m, "enter", "x")
			if f := footerOf(m); !strings.Contains(f, want) {
				t.Errorf("%d: footer %q, want %q in it", w, f, want)
			}
			checkScreen(t, screen(m), w, 16)
		}
	})
}
