package refresh

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/korean"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/fetch"
	"sokbo/feed/store"
)

func rss(title string, ids ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%s</title><link>https://example.com/</link>`, title)
	for i, id := range ids {
		fmt.Fprintf(&b, `<item><guid>%s</guid><title>%s 기사 %s</title><link>https://example.com/%s</link><pubDate>Sun, 14 Jul 2024 %02d:00:00 +0900</pubDate><description>본문 %s</description></item>`,
			id, title, id, id, 12-i, id)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// server serves the test feeds and counts what it answered.
type server struct {
	*httptest.Server
	full, notModified atomic.Int32
	flakyDown         atomic.Bool
}

func newServer(t *testing.T) *server {
	s := &server{}
	mux := http.NewServeMux()
	serveFeed := func(etag, body, contentType string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == etag {
				s.notModified.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			s.full.Add(1)
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", contentType)
			fmt.Fprint(w, body)
		}
	}
	mux.HandleFunc("/feed.xml", serveFeed(`"feed-1"`, rss("속보", "a", "b"), "application/rss+xml"))
	mux.HandleFunc("/page/", func(w http.ResponseWriter, r *http.Request) {
		s.full.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><title>뉴스</title>
<link rel="alternate" type="application/rss+xml" href="../discovered.xml"></head><body>기사</body></html>`)
	})
	mux.HandleFunc("/discovered.xml", serveFeed(`"disc-1"`, rss("발견", "x", "y", "z"), "text/xml"))
	eucBody, err := korean.EUCKR.NewEncoder().String(strings.Replace(rss("똠방 뉴스", "k1"), "UTF-8", "EUC-KR", 1))
	if err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("/euckr.xml", serveFeed(`"euc"`, eucBody, "text/xml; charset=euc-kr"))
	mux.HandleFunc("/flaky.xml", func(w http.ResponseWriter, r *http.Request) {
		if s.flakyDown.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, rss("가끔", "f1", "f2"))
	})
	mux.HandleFunc("/gone.xml", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), store.Options{Path: filepath.Join(t.TempDir(), "sokbo.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func testFetcher() *fetch.HTTPFetcher {
	return &fetch.HTTPFetcher{
		UserAgent: "sokbo/test",
		Timeout:   5 * time.Second,
		Sleep:     func(ctx context.Context, d time.Duration) error { return ctx.Err() },
	}
}

// lonelyPage serves one HTML page that announces no feed, on a host with
// no feed at any common path.
func lonelyPage(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/nofeed" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `<html><head><title>no feed</title></head><body>nothing</body></html>`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/nofeed"
}

func TestRun(t *testing.T) {
	srv := newServer(t)
	nofeed := lonelyPage(t)
	st := openStore(t)
	ctx := t.Context()
	subs := []feed.Subscription{
		{Name: "속보", URL: srv.URL + "/feed.xml"},
		{URL: srv.URL + "/page/index.html"},
		{URL: srv.URL + "/flaky.xml"},
		{Name: "EUC", URL: srv.URL + "/euckr.xml"},
		{URL: srv.URL + "/gone.xml"},
		{URL: nofeed},
	}
	var progress []Progress
	opts := Options{Fetcher: testFetcher(), Progress: func(p Progress) { progress = append(progress, p) }}

	results, err := Run(ctx, st, subs, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"속보: 2 new, 0 updated, 0 unchanged",
		"발견: 3 new, 0 updated, 0 unchanged (feed found at " + srv.URL + "/discovered.xml)",
		"가끔: 2 new, 0 updated, 0 unchanged",
		"EUC: 1 new, 0 updated, 0 unchanged",
		srv.URL + "/gone.xml: failed: http 404 Not Found",
		nofeed + ": failed: not a feed or a post",
	}
	for i, r := range results {
		if got := r.String(); !strings.HasPrefix(got, want[i]) {
			t.Errorf("result %d = %q\nwant prefix %q", i, got, want[i])
		}
	}
	if !strings.Contains(results[5].String(), "HTML page") {
		t.Errorf("nofeed result = %q", results[5])
	}
	checkProgress(t, progress, len(subs))

	hs, err := st.Headlines(ctx, store.Query{Feed: srv.URL + "/euckr.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 1 || hs[0].Title != "똠방 뉴스 기사 k1" {
		t.Errorf("EUC-KR headline = %+v", hs)
	}
	if err := st.SetRead(ctx, srv.URL+"/feed.xml", "a", true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRead(ctx, srv.URL+"/page/index.html", "x", true); err != nil {
		t.Fatal(err)
	}

	// Second run: unchanged feeds answer 304 (the discovered one is
	// fetched directly), the flaky one fails and keeps its items.
	srv.flakyDown.Store(true)
	srv.full.Store(0)
	srv.notModified.Store(0)
	progress = nil
	results, err = Run(ctx, st, subs, opts)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{
		"속보: not modified",
		"발견: not modified",
		"가끔: failed: http 503 Service Unavailable (2 cached items kept)",
		"EUC: not modified",
	}
	for i, w := range want {
		if got := results[i].String(); got != w {
			t.Errorf("second run %d = %q, want %q", i, got, w)
		}
	}
	if n := srv.notModified.Load(); n != 3 {
		t.Errorf("304s = %d, want 3", n)
	}
	if n := srv.full.Load(); n != 0 {
		t.Errorf("full responses = %d, want 0 (the page must not be fetched again)", n)
	}
	checkProgress(t, progress, len(subs))

	info, err := st.Feed(ctx, srv.URL+"/flaky.xml")
	if err != nil {
		t.Fatal(err)
	}
	if info.Items != 2 || info.LastError != "http 503 Service Unavailable" {
		t.Errorf("flaky feed after failure: %+v", info)
	}
	unread, err := st.UnreadCount(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if unread != 2+3+2+1-2 {
		t.Errorf("unread = %d, want 6: read state lost or items duplicated", unread)
	}
	page, err := st.Feed(ctx, srv.URL+"/page/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if page.FeedURL != srv.URL+"/discovered.xml" || page.Items != 3 {
		t.Errorf("page feed = %+v", page)
	}
}

func checkProgress(t *testing.T, ps []Progress, total int) {
	t.Helper()
	if len(ps) != total {
		t.Fatalf("%d progress reports, want %d", len(ps), total)
	}
	for i, p := range ps {
		if p.Done != i+1 || p.Total != total {
			t.Errorf("progress %d = %d/%d", i, p.Done, p.Total)
		}
	}
}

func TestRunBoundsConcurrency(t *testing.T) {
	var inflight, peak atomic.Int32
	gate := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inflight.Add(1)
		defer inflight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		if n >= DefaultConcurrency {
			once.Do(func() { close(gate) })
		}
		select {
		case <-gate:
		case <-r.Context().Done():
		}
		fmt.Fprint(w, rss("병렬", r.URL.Path[1:]))
	}))
	defer srv.Close()
	// Six sites of two feeds each: one feed per site at a time, four
	// sites at once.
	var subs []feed.Subscription
	for i := range 12 {
		site := srv.URL
		if i%6 > 0 {
			other := httptest.NewServer(srv.Config.Handler)
			defer other.Close()
			site = other.URL
		}
		subs = append(subs, feed.Subscription{URL: fmt.Sprintf("%s/f%d", site, i)})
	}
	results, err := Run(t.Context(), openStore(t), subs, Options{Fetcher: testFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Err != nil || r.New != 1 {
			t.Errorf("%s", r)
		}
	}
	if p := peak.Load(); p != DefaultConcurrency {
		t.Errorf("peak concurrency = %d, want %d", p, DefaultConcurrency)
	}
}

func TestRunRediscoversWhenFeedMoves(t *testing.T) {
	var moved atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		href := "/old.xml"
		if moved.Load() {
			href = "/new.xml"
		}
		fmt.Fprintf(w, `<html><head><link rel="alternate" type="application/atom+xml" href="%s"></head></html>`, href)
	})
	mux.HandleFunc("/old.xml", func(w http.ResponseWriter, r *http.Request) {
		if moved.Load() {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, rss("옛", "o1"))
	})
	mux.HandleFunc("/new.xml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, rss("새", "n1")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	st := openStore(t)
	subs := []feed.Subscription{{URL: srv.URL + "/"}}
	if _, err := Run(t.Context(), st, subs, Options{Fetcher: testFetcher()}); err != nil {
		t.Fatal(err)
	}
	moved.Store(true)
	results, err := Run(t.Context(), st, subs, Options{Fetcher: testFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	if r := results[0]; r.Err != nil || r.FeedURL != srv.URL+"/new.xml" || r.New != 1 {
		t.Fatalf("after the move: %+v", r)
	}
}

// TestRunFollowsMovedFeed: a feed that redirects for good (301, 308) is
// fetched where it went from then on, kept as its FeedURL; one that
// redirects for now (302) is fetched at its own address still. Both say
// where the fetch ended. A page's discovered feed that moved for good is
// kept where it moved to.
func TestRunFollowsMovedFeed(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/feed.xml":
			fmt.Fprint(w, rss("피드", "f1"))
		case "/301", "/old.xml":
			http.Redirect(w, r, "/feed.xml", http.StatusMovedPermanently)
		case "/308":
			http.Redirect(w, r, "/feed.xml", http.StatusPermanentRedirect)
		case "/302":
			http.Redirect(w, r, "/feed.xml", http.StatusFound)
		case "/page":
			fmt.Fprint(w, `<html><head><link rel="alternate" type="application/atom+xml" href="/old.xml"></head></html>`)
		default:
			http.NotFound(w, r)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	st := openStore(t)
	u := func(p string) string { return srv.URL + p }
	subs := []feed.Subscription{{URL: u("/301")}, {URL: u("/308")}, {URL: u("/302")}, {URL: u("/page")}}
	want := []struct{ feedURL, redirected string }{
		{u("/feed.xml"), u("/feed.xml")},
		{u("/feed.xml"), u("/feed.xml")},
		{"", u("/feed.xml")},
		{u("/feed.xml"), u("/feed.xml")},
	}
	results, err := Run(t.Context(), st, subs, Options{Fetcher: testFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if r.Err != nil || r.FeedURL != want[i].feedURL || r.RedirectedTo != want[i].redirected {
			t.Errorf("%s: FeedURL %q, RedirectedTo %q, err %v; want %q, %q", subs[i].URL, r.FeedURL, r.RedirectedTo, r.Err, want[i].feedURL, want[i].redirected)
		}
		if f, err := st.Feed(t.Context(), subs[i].URL); err != nil || f.FeedURL != want[i].feedURL {
			t.Errorf("%s stored with FeedURL %q (%v), want %q", subs[i].URL, f.FeedURL, err, want[i].feedURL)
		}
	}
	// The next round asks the moved feeds where they went, and the one
	// that redirects for now at its own address again.
	mu.Lock()
	before := map[string]int{"/301": hits["/301"], "/308": hits["/308"], "/302": hits["/302"], "/old.xml": hits["/old.xml"]}
	mu.Unlock()
	results, err = Run(t.Context(), st, subs, Options{Fetcher: testFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for p, more := range map[string]int{"/301": 0, "/308": 0, "/302": 1, "/old.xml": 0} {
		if hits[p]-before[p] != more {
			t.Errorf("second round asked %s %d times, want %d", p, hits[p]-before[p], more)
		}
	}
	for i, r := range results {
		if r.Err != nil || r.FeedURL != want[i].feedURL {
			t.Errorf("second round, %s: FeedURL %q, err %v; want %q", subs[i].URL, r.FeedURL, r.Err, want[i].feedURL)
		}
	}
}

func TestRunCancelled(t *testing.T) {
	srv := newServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	st := openStore(t)
	results, err := Run(ctx, st, []feed.Subscription{{URL: srv.URL + "/feed.xml"}, {URL: srv.URL + "/flaky.xml"}}, Options{Fetcher: testFetcher()})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	for _, r := range results {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("%+v", r)
		}
	}
	feeds, err := st.Feeds(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if f.LastError != "" {
			t.Errorf("a cancellation was recorded as a feed error: %+v", f)
		}
	}
}

func TestDue(t *testing.T) {
	now := time.Date(2024, 7, 15, 12, 0, 0, 0, time.UTC)
	fetched := store.FeedInfo{LastFetch: now.Add(-5 * time.Minute), LastSuccess: now.Add(-5 * time.Minute)}
	tests := map[string]struct {
		sub  feed.Subscription
		info store.FeedInfo
		def  time.Duration
		want bool
	}{
		"never fetched":          {feed.Subscription{}, store.FeedInfo{}, 10 * time.Minute, true},
		"fresh":                  {feed.Subscription{}, fetched, 10 * time.Minute, false},
		"stale":                  {feed.Subscription{}, fetched, 3 * time.Minute, true},
		"own interval overrides": {feed.Subscription{Interval: time.Minute}, fetched, time.Hour, true},
		"interval off":           {feed.Subscription{}, fetched, 0, false},
		"interval off, never":    {feed.Subscription{}, store.FeedInfo{}, 0, true},
	}
	for name, tt := range tests {
		if got := Due(tt.sub, tt.info, tt.def, now); got != tt.want {
			t.Errorf("%s: Due = %v, want %v", name, got, tt.want)
		}
	}
}

// TestCommonFeedPaths: a home page that announces no feed, like the
// default source may, is refreshed from the feed at a common path, and
// that address is remembered.
func TestCommonFeedPaths(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html><head><title>뉴스다오</title></head><body><a href="/4082">속보</a></body></html>`)
		case "/rss/allArticle.xml":
			hits.Add(1)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, rss("뉴스다오", "4082", "4081"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	results, err := Run(t.Context(), st, []feed.Subscription{{URL: srv.URL + "/"}}, Options{Fetcher: testFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	want := "뉴스다오: 2 new, 0 updated, 0 unchanged (feed found at " + srv.URL + "/rss/allArticle.xml)"
	if got := results[0].String(); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	info, err := st.Feed(t.Context(), srv.URL+"/")
	if err != nil || info.FeedURL != srv.URL+"/rss/allArticle.xml" {
		t.Errorf("feed URL not remembered: %+v %v", info, err)
	}
}

// TestNoFeedAnywhere: a page that announces no feed and has none at the
// common paths gives one error that says where sokbo looked.
func TestNoFeedAnywhere(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><title>x</title></head><body>없음</body></html>`)
	}))
	t.Cleanup(srv.Close)
	results, err := Run(t.Context(), openStore(t), []feed.Subscription{{URL: srv.URL + "/"}}, Options{Fetcher: testFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	got := results[0].String()
	for _, want := range []string{"an HTML page", "no feed at /rss/allArticle.xml, /feed.xml, /feed, /rss.xml, /atom.xml either"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Count(got, "\n") > 0 {
		t.Errorf("not one line: %q", got)
	}
}

// TestRunSameBodyWithoutValidators: a server that sends no ETag or
// Last-Modified and the same body again is answered as a 304 would be,
// from the body's digest, without parsing or saving it; a changed body
// is saved as ever.
func TestRunSameBodyWithoutValidators(t *testing.T) {
	var body atomic.Value
	body.Store(rss("속보", "a", "b"))
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
			t.Errorf("a conditional request without validators: %v", r.Header)
		}
		served.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body.Load().(string))
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	ctx := t.Context()
	subs := []feed.Subscription{{URL: srv.URL + "/feed.xml"}}
	opts := Options{Fetcher: testFetcher()}
	run := func() string {
		t.Helper()
		results, err := Run(ctx, st, subs, opts)
		if err != nil || len(results) != 1 {
			t.Fatalf("Run = %v, %v", results, err)
		}
		return results[0].String()
	}
	if got := run(); got != "속보: 2 new, 0 updated, 0 unchanged" {
		t.Fatalf("first run: %q", got)
	}
	if got := run(); got != "속보: not modified" {
		t.Errorf("same body: %q, want not modified", got)
	}
	body.Store(rss("속보", "c", "a", "b"))
	if got := run(); got != "속보: 1 new, 2 updated, 0 unchanged" { // rss dates items by position
		t.Errorf("changed body: %q", got)
	}
	if got := run(); got != "속보: not modified" {
		t.Errorf("the changed body again: %q, want not modified", got)
	}
	if n := served.Load(); n != 4 {
		t.Errorf("%d bodies served, want 4", n)
	}
	info, err := st.Feed(ctx, subs[0].URL)
	if err != nil || info.Items != 3 {
		t.Errorf("feed = %+v, %v; want 3 items", info, err)
	}
}

// TestRunSameLargeBody: a large body (read without being kept until it
// proves new) that is the same again is not parsed or saved; one that
// differs only in one item near its end, at the same length, is fetched
// again to be kept, and that item alone is updated; its digest then
// matches in turn.
func TestRunSameLargeBody(t *testing.T) {
	ids := make([]string, 3000)
	for i := range ids {
		ids[i] = fmt.Sprintf("%04d", i)
	}
	first := rss("속보", ids...)
	first = strings.ReplaceAll(first, "<description>본문", "<description>"+strings.Repeat("긴 ", 100)+"본문")
	if len(first) < 1<<20 {
		t.Fatalf("the body is only %d bytes", len(first))
	}
	// The same length in bytes: 본문 and 속보 are both two syllables.
	edited := strings.Replace(first, "본문 2998", "속보 2998", 1)
	var body atomic.Value
	body.Store(first)
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body.Load().(string))
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	ctx := t.Context()
	subs := []feed.Subscription{{URL: srv.URL + "/feed.xml"}}
	var parsed atomic.Int32
	opts := Options{Fetcher: testFetcher(), Parse: func(ctx context.Context, src string, o feed.Options) (*feed.Feed, error) {
		got, err := feed.Load(ctx, src, o)
		if err == nil {
			parsed.Add(1)
		}
		return got, err
	}}
	run := func() string {
		t.Helper()
		results, err := Run(ctx, st, subs, opts)
		if err != nil || len(results) != 1 {
			t.Fatalf("Run = %v, %v", results, err)
		}
		return results[0].String()
	}
	if got := run(); got != "속보: 3000 new, 0 updated, 0 unchanged" {
		t.Fatalf("first run: %q", got)
	}
	if got := run(); got != "속보: not modified" || parsed.Load() != 1 || served.Load() != 2 {
		t.Errorf("same body: %q, parsed %d times, %d bodies served", got, parsed.Load(), served.Load())
	}
	body.Store(edited)
	if got := run(); got != "속보: 0 new, 1 updated, 2999 unchanged" || parsed.Load() != 2 || served.Load() != 4 {
		t.Errorf("one item changed: %q, parsed %d times, %d bodies served (the first read was not kept)", got, parsed.Load(), served.Load())
	}
	if got := run(); got != "속보: not modified" || parsed.Load() != 2 {
		t.Errorf("the changed body again: %q, parsed %d times", got, parsed.Load())
	}
	it, _, err := st.ReadArticle(ctx, subs[0].URL, "2998")
	if err != nil || !strings.Contains(it.Body, "속보 2998") {
		t.Errorf("the updated item: %v, %v", it, err)
	}
}

// TestRunSavesTogetherWithoutWaiting: feeds saved together in a round
// are saved as soon as none can come any more; the feeds that end without
// a save (a 304, a 404, a feed given up when the run's deadline passes)
// count as come. With the wait for more feeds made an hour, a round
// that counted wrong would not end. The claims a run makes at its start
// are all released at its end.
func TestRunSavesTogetherWithoutWaiting(t *testing.T) {
	srv := newServer(t)
	st := openStore(t)
	ctx := t.Context()
	var subs []feed.Subscription
	for i := range 12 {
		subs = append(subs, feed.Subscription{URL: fmt.Sprintf("%s/feed.xml?%d", srv.URL, i)})
	}
	subs = append(subs, feed.Subscription{URL: srv.URL + "/gone.xml"}, feed.Subscription{URL: srv.URL + "/euckr.xml"})
	opts := Options{Fetcher: testFetcher(), Concurrency: 3, gather: time.Hour}
	results, err := Run(ctx, st, subs, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if (r.Err == nil) == (subs[i].URL == srv.URL+"/gone.xml") || r.Err == nil && r.New == 0 {
			t.Errorf("%s: %s", subs[i].URL, r)
		}
	}
	// Again: every feed a 304, or the 404.
	results, err = Run(ctx, st, subs, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if (r.Err == nil) != r.NotModified {
			t.Errorf("%s again: %s", subs[i].URL, r)
		}
	}
	// One feed saved, the rest left when the run's deadline passes
	// while they wait for a host that the first holds.
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("n") != "0" {
			<-r.Context().Done()
			return
		}
		fmt.Fprint(w, rss("느림", "s1"))
	}))
	t.Cleanup(slow.Close)
	var slowSubs []feed.Subscription
	for i := range 3 {
		slowSubs = append(slowSubs, feed.Subscription{URL: fmt.Sprintf("%s/feed.xml?n=%d", slow.URL, i)})
	}
	opts.Deadline = 300 * time.Millisecond
	results, err = Run(ctx, st, slowSubs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if results[0].Err != nil || results[0].New != 1 {
		t.Errorf("the feed fetched in time: %s", results[0])
	}
	for _, r := range results[1:] {
		if !errors.Is(r.Err, ErrDeadline) {
			t.Errorf("a feed left at the deadline: %s", r)
		}
	}
	// The run claimed every feed before fetching any, and released them
	// all at its end, those never begun too.
	for _, s := range slowSubs {
		if ok, err := st.Claim(ctx, s.URL, time.Hour); err != nil || !ok {
			t.Errorf("%s is still claimed after the run: %v", s.URL, err)
		}
	}
}

// TestRunItemsUnchanged: a body from a server without validators that
// changed only where nothing is stored (its lastBuildDate) is parsed and
// found unchanged without its items being written, its new digest kept,
// so that the same body again is not parsed; a body differing in one item
// updates that item alone.
func TestRunItemsUnchanged(t *testing.T) {
	var body atomic.Value
	withDate := func(s, date string) string {
		return strings.Replace(s, "<title>속보</title>", "<title>속보</title><lastBuildDate>"+date+"</lastBuildDate>", 1)
	}
	body.Store(withDate(rss("속보", "a", "b", "c"), "Sun, 14 Jul 2024 12:00:00 +0900"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body.Load().(string))
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	ctx := t.Context()
	subs := []feed.Subscription{{URL: srv.URL + "/feed.xml"}}
	var parsed atomic.Int32
	opts := Options{Fetcher: testFetcher(), Parse: func(ctx context.Context, src string, o feed.Options) (*feed.Feed, error) {
		got, err := feed.Load(ctx, src, o)
		if err == nil {
			parsed.Add(1)
		}
		return got, err
	}}
	run := func() string {
		t.Helper()
		results, err := Run(ctx, st, subs, opts)
		if err != nil || len(results) != 1 {
			t.Fatalf("Run = %v, %v", results, err)
		}
		return results[0].String()
	}
	if got := run(); got != "속보: 3 new, 0 updated, 0 unchanged" {
		t.Fatalf("first run: %q", got)
	}
	before, err := st.Feed(ctx, subs[0].URL)
	if err != nil || before.ItemsDigest == "" {
		t.Fatalf("no items digest stored: %+v, %v", before, err)
	}
	// Another lastBuildDate: parsed, nothing to write.
	body.Store(withDate(rss("속보", "a", "b", "c"), "Sun, 14 Jul 2024 13:00:00 +0900"))
	if got := run(); got != "속보: 0 new, 0 updated, 3 unchanged" || parsed.Load() != 2 {
		t.Errorf("a new lastBuildDate: %q, parsed %d times", got, parsed.Load())
	}
	after, err := st.Feed(ctx, subs[0].URL)
	if err != nil || after.ItemsDigest != before.ItemsDigest || after.Validators.Digest == before.Validators.Digest || !after.LastSuccess.After(before.LastSuccess) {
		t.Errorf("after the unchanged items: %+v, %v (before %+v)", after, err, before)
	}
	if got := run(); got != "속보: not modified" || parsed.Load() != 2 {
		t.Errorf("that body again: %q, parsed %d times", got, parsed.Load())
	}
	// One item's text changed, and the date: that item is updated.
	body.Store(withDate(strings.Replace(rss("속보", "a", "b", "c"), "본문 b", "본문 b, 고침", 1), "Sun, 14 Jul 2024 14:00:00 +0900"))
	if got := run(); got != "속보: 0 new, 1 updated, 2 unchanged" {
		t.Errorf("one item changed: %q", got)
	}
	it, _, err := st.ReadArticle(ctx, subs[0].URL, "b")
	if err != nil || !strings.Contains(it.Body, "고침") {
		t.Errorf("item b: %v, %v", it, err)
	}
	if info, _ := st.Feed(ctx, subs[0].URL); info.ItemsDigest == before.ItemsDigest {
		t.Error("the items digest did not change with an item")
	}
}

// TestFirstRefreshStreams: a large feed with nothing stored is saved
// while it is parsed, and leaves the cache as a save after the parse
// does; a feed with items stored is parsed first, as ever; a large feed
// that breaks after its first items saves none of them and records why.
func TestFirstRefreshStreams(t *testing.T) {
	var body bytes.Buffer
	if err := feedgen.Generate(&body, 600, 1); err != nil {
		t.Fatal(err)
	}
	full := body.Bytes()
	broken := full[:len(full)*2/3]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		if r.URL.Path == "/broken.xml" {
			w.Write(broken)
			return
		}
		w.Write(full)
	}))
	t.Cleanup(srv.Close)
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	open := func() *store.Store {
		st, err := store.Open(t.Context(), store.Options{Path: filepath.Join(t.TempDir(), "sokbo.db"), Now: func() time.Time { return at }})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	var batches atomic.Int32
	streaming := func(ctx context.Context, src string, o feed.Options) (*feed.Feed, error) {
		if give := o.Items; give != nil {
			o.Items = func(b []*feed.Item) {
				batches.Add(1)
				give(b)
			}
		}
		return feed.Load(ctx, src, o)
	}
	parsedFirst := func(ctx context.Context, src string, o feed.Options) (*feed.Feed, error) {
		o.Items = nil
		return feed.Load(ctx, src, o)
	}
	subs := []feed.Subscription{{URL: srv.URL + "/feed.xml"}}
	run := func(st *store.Store, parse ParseFunc, subs []feed.Subscription) Result {
		t.Helper()
		results, err := Run(t.Context(), st, subs, Options{Fetcher: testFetcher(), Parse: parse, Now: func() time.Time { return at }})
		if err != nil || len(results) != 1 {
			t.Fatalf("Run = %v, %v", results, err)
		}
		return results[0]
	}
	streamed, saved := open(), open()
	if res := run(streamed, streaming, subs); res.Err != nil || res.New != 600 {
		t.Fatalf("streamed refresh: %+v", res)
	}
	if batches.Load() < 2 {
		t.Fatalf("the first refresh gave %d batches", batches.Load())
	}
	if res := run(saved, parsedFirst, subs); res.Err != nil || res.New != 600 {
		t.Fatalf("refresh: %+v", res)
	}
	headlines := func(st *store.Store) string {
		hs, err := st.Headlines(t.Context(), store.Query{})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(hs)
	}
	if headlines(streamed) != headlines(saved) {
		t.Errorf("a streamed refresh stored other headlines")
	}
	batches.Store(0)
	if res := run(streamed, streaming, subs); res.Err != nil || res.Unchanged != 600 || batches.Load() != 0 {
		t.Errorf("second refresh: %+v, %d batches", res, batches.Load())
	}

	bad := []feed.Subscription{{URL: srv.URL + "/broken.xml"}}
	res := run(streamed, streaming, bad)
	if res.Err == nil || batches.Load() == 0 {
		t.Fatalf("broken feed: %+v after %d batches", res, batches.Load())
	}
	info, err := streamed.Feed(t.Context(), bad[0].URL)
	if err != nil || info.Items != 0 || info.LastError == "" {
		t.Errorf("broken feed stored %+v, %v", info, err)
	}
}

// TestDeadlineWhileLooking: a run's deadline that comes while a page's
// feed is being looked for at the common paths (here one that never
// answers) gives a LookingError, which is ErrDeadline, and says so.
func TestDeadlineWhileLooking(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			<-r.Context().Done() // a common path that never answers
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><title>x</title></head><body>없음</body></html>`)
	}))
	t.Cleanup(srv.Close)
	f := testFetcher()
	f.Timeout = time.Minute
	results, err := Run(t.Context(), openStore(t), []feed.Subscription{{URL: srv.URL + "/"}}, Options{Fetcher: f, Deadline: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	var looking *LookingError
	if !errors.As(results[0].Err, &looking) || !errors.Is(results[0].Err, ErrDeadline) || results[0].Failure != FailStopped {
		t.Errorf("result: %v (%v), want a LookingError, which is ErrDeadline", results[0].Err, results[0].Failure)
	}
}
