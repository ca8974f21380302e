package refresh

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean/cleantest"
	"sokbo/feed/fetch"
	"sokbo/feed/store"
)

// clock is a fake clock that tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func openStoreAt(t *testing.T, now func() time.Time) *store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), store.Options{Path: filepath.Join(t.TempDir(), "sokbo.db"), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestBackoff(t *testing.T) {
	got := []time.Duration{}
	for k := 1; k <= 6; k++ {
		got = append(got, Backoff(k, 10*time.Minute))
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 10 * time.Minute, 10 * time.Minute}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("backoff of a 10m feed = %v, want %v", got, want)
	}
	if b := Backoff(3, 30*time.Second); b != 30*time.Second {
		t.Errorf("backoff of a 30s feed = %v: never longer than its interval", b)
	}
	if b := Backoff(1000, time.Hour); b != time.Hour {
		t.Errorf("backoff after 1000 failures = %v", b)
	}
}

func TestNext(t *testing.T) {
	t0 := time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)
	ok := store.FeedInfo{LastFetch: t0, LastSuccess: t0}
	with := func(f func(*store.FeedInfo)) store.FeedInfo {
		info := ok
		f(&info)
		return info
	}
	tests := map[string]struct {
		sub  feed.Subscription
		info store.FeedInfo
		def  time.Duration
		want time.Duration // after t0; -1: never due
	}{
		"interval":                {feed.Subscription{Interval: time.Minute}, ok, 10 * time.Minute, time.Minute},
		"default":                 {feed.Subscription{}, ok, 3 * time.Minute, 3 * time.Minute},
		"off":                     {feed.Subscription{}, ok, 0, -1},
		"ttl stretches":           {feed.Subscription{}, with(func(i *store.FeedInfo) { i.FreshUntil = t0.Add(30 * time.Minute) }), 10 * time.Minute, 30 * time.Minute},
		"ttl never shrinks":       {feed.Subscription{}, with(func(i *store.FeedInfo) { i.FreshUntil = t0.Add(2 * time.Minute) }), 10 * time.Minute, 10 * time.Minute},
		"stretch is bounded":      {feed.Subscription{}, with(func(i *store.FeedInfo) { i.FreshUntil = t0.Add(24 * time.Hour) }), 10 * time.Minute, MaxStretch},
		"long interval stands":    {feed.Subscription{Interval: 3 * time.Hour}, with(func(i *store.FeedInfo) { i.FreshUntil = t0.Add(24 * time.Hour) }), 0, 3 * time.Hour},
		"first failure":           {feed.Subscription{}, with(func(i *store.FeedInfo) { i.Failures, i.LastError = 1, "http 404" }), 10 * time.Minute, time.Minute},
		"third failure":           {feed.Subscription{}, with(func(i *store.FeedInfo) { i.Failures, i.LastError = 3, "http 404" }), 10 * time.Minute, 4 * time.Minute},
		"old store's failure":     {feed.Subscription{}, with(func(i *store.FeedInfo) { i.LastError = "http 404" }), 10 * time.Minute, time.Minute},
		"retry-after wins":        {feed.Subscription{}, with(func(i *store.FeedInfo) { i.RetryAt = t0.Add(time.Hour) }), 10 * time.Minute, time.Hour},
		"retry-after after fail":  {feed.Subscription{}, with(func(i *store.FeedInfo) { i.Failures, i.RetryAt = 1, t0.Add(5*time.Minute) }), 10 * time.Minute, 5 * time.Minute},
		"short retry-after waits": {feed.Subscription{}, with(func(i *store.FeedInfo) { i.Failures, i.RetryAt = 1, t0.Add(5*time.Second) }), 10 * time.Minute, time.Minute},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			next, due := Next(tt.sub, tt.info, tt.def)
			switch {
			case tt.want < 0 && due:
				t.Errorf("due at %v, want never", next)
			case tt.want >= 0 && (!due || next.Sub(t0) != tt.want):
				t.Errorf("next = %v (due %v), want t0+%v", next.Sub(t0), due, tt.want)
			}
		})
	}
	if next, due := Next(feed.Subscription{}, store.FeedInfo{}, 0); !due || !next.IsZero() {
		t.Errorf("a feed never fetched is due at once: %v %v", next, due)
	}
}

// TestDueSlack: a feed is due from Slack before its time, so that feeds
// falling due a moment apart are fetched in one run; a 1m feed is not
// due at 57 s.
func TestDueSlack(t *testing.T) {
	t0 := time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)
	info := store.FeedInfo{LastFetch: t0, LastSuccess: t0}
	sub := feed.Subscription{Interval: time.Minute}
	if Due(sub, info, 0, t0.Add(57*time.Second)) {
		t.Error("due 3 s early")
	}
	if !Due(sub, info, 0, t0.Add(59*time.Second)) {
		t.Error("not due a second before its time")
	}
}

// TestFailureKinds: a 404 beside a healthy feed is never offline; a page
// that is not a feed is the feed's failure; only feeds that could not be
// reached at all say offline.
func TestFailureKinds(t *testing.T) {
	srv := newServer(t)
	lonely := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>no feed here</body></html>")
	}))
	defer lonely.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/feed.xml"
	ln.Close()

	st := openStore(t)
	run := func(urls ...string) []Result {
		t.Helper()
		var subs []feed.Subscription
		for _, u := range urls {
			subs = append(subs, feed.Subscription{URL: u})
		}
		results, err := Run(t.Context(), st, subs, Options{Fetcher: testFetcher()})
		if err != nil {
			t.Fatal(err)
		}
		return results
	}

	rs := run(srv.URL+"/feed.xml", srv.URL+"/gone.xml", lonely.URL+"/", refused)
	want := []Failure{FailNone, FailHTTP, FailFeed, FailNetwork}
	for i, r := range rs {
		if r.Failure != want[i] {
			t.Errorf("%s: failure %v, want %v (%v)", r.URL, r.Failure, want[i], r.Err)
		}
	}
	if Offline(rs) {
		t.Error("offline with a healthy feed")
	}
	if rs := run(srv.URL+"/gone.xml", refused); Offline(rs) {
		t.Error("a 404 beside an unreachable feed says offline: the 404 came from a server")
	}
	if rs := run(refused); !Offline(rs) {
		t.Errorf("an unreachable feed alone is not offline: %v", rs[0].Failure)
	}
	if Offline(nil) || Offline([]Result{{Deferred: time.Now()}}) {
		t.Error("offline with nothing tried")
	}
	// The kind is stored with the feed, for `feeds ls` and the reader.
	info, err := st.Feed(t.Context(), srv.URL+"/gone.xml")
	if err != nil || ParseFailure(info.Failure) != FailHTTP || info.Failures != 2 {
		t.Errorf("stored failure %q ×%d, %v", info.Failure, info.Failures, err)
	}
}

// TestAnnouncedFeedFails: a page whose announced feed fails names that
// feed and its cause, and says nothing of being offline: the page was
// reached.
func TestAnnouncedFeedFails(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/rss.xml"
	ln.Close()
	mux := http.NewServeMux()
	page := func(href string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><link rel="alternate" type="application/rss+xml" href="%s"></head><body>뉴스</body></html>`, href)
		}
	}
	mux.HandleFunc("/missing", page("/rss.xml"))
	mux.HandleFunc("/elsewhere", page(refused))
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	results, err := Run(t.Context(), openStore(t), []feed.Subscription{{URL: srv.URL + "/missing"}, {URL: srv.URL + "/elsewhere"}}, Options{Fetcher: testFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		want    string
		failure Failure
	}{
		{"its feed " + srv.URL + "/rss.xml: http 404 Not Found", FailHTTP},
		{"its feed " + refused + ": cannot connect to " + ln.Addr().String() + ": connection refused", FailFeed},
	}
	for i, tt := range tests {
		line := results[i].String()
		cleantest.AssertClean(t, line)
		if !strings.HasSuffix(line, "failed: "+tt.want) || strings.Contains(line, "offline") {
			t.Errorf("line %q, want it to end %q", line, tt.want)
		}
		if results[i].Failure != tt.failure {
			t.Errorf("%s: failure %v, want %v", results[i].URL, results[i].Failure, tt.failure)
		}
	}
	if Offline(results) {
		t.Error("offline, though both pages answered")
	}
}

// TestServerFreshness: <ttl>, max-age and Expires are stored as when the
// feed is worth asking again, a 304 keeps the feed's ttl, and a failure
// is counted for the backoff.
func TestServerFreshness(t *testing.T) {
	clk := newClock()
	var mu sync.Mutex
	headers := map[string]string{}
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		w.Header().Set("ETag", `"v"`)
		switch {
		case status != http.StatusOK:
			w.WriteHeader(status)
		case r.Header.Get("If-None-Match") == `"v"`:
			w.WriteHeader(http.StatusNotModified)
		default:
			fmt.Fprint(w, strings.Replace(rss("ttl", "a"), "<link>", "<ttl>45</ttl><link>", 1))
		}
	}))
	defer srv.Close()
	set := func(h map[string]string, code int) {
		mu.Lock()
		headers, status = h, code
		mu.Unlock()
	}
	st := openStoreAt(t, clk.Now)
	sub := feed.Subscription{URL: srv.URL + "/feed.xml"}
	opts := Options{Fetcher: testFetcher(), Now: clk.Now}
	next := func() time.Duration {
		t.Helper()
		info, err := st.Feed(t.Context(), sub.URL)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := Next(sub, info, 10*time.Minute)
		return n.Sub(clk.Now())
	}
	refresh := func() Result {
		t.Helper()
		rs, err := Run(t.Context(), st, []feed.Subscription{sub}, opts)
		if err != nil {
			t.Fatal(err)
		}
		return rs[0]
	}

	refresh()
	if d := next(); d != 45*time.Minute {
		t.Errorf("after <ttl>45</ttl>: next in %v, want 45m", d)
	}
	clk.Add(time.Hour)
	set(map[string]string{"Cache-Control": "public, max-age=120"}, http.StatusOK)
	if r := refresh(); !r.NotModified {
		t.Fatalf("want a 304: %s", r)
	}
	if d := next(); d != 45*time.Minute {
		t.Errorf("a 304 with max-age=120 after <ttl>45</ttl>: next in %v, want the ttl's 45m", d)
	}
	clk.Add(time.Hour)
	set(map[string]string{"Cache-Control": "max-age=2400"}, http.StatusOK)
	refresh()
	if d := next(); d != 45*time.Minute {
		t.Errorf("max-age=2400 (40m) under <ttl>45: next in %v", d)
	}
	clk.Add(time.Hour)
	date := clk.Now().Add(-time.Hour) // the server's clock is an hour slow
	set(map[string]string{"Date": date.Format(http.TimeFormat), "Expires": date.Add(55 * time.Minute).Format(http.TimeFormat)}, http.StatusOK)
	refresh()
	if d := next(); d != 55*time.Minute {
		t.Errorf("Expires 55m after the server's Date: next in %v", d)
	}

	// Failures: 1, 2, 4 minutes, and a Retry-After that is longer.
	for i, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute} {
		clk.Add(time.Hour)
		set(nil, http.StatusNotFound)
		if r := refresh(); r.Failure != FailHTTP {
			t.Fatalf("failure %d: %v", i+1, r)
		}
		if d := next(); d != want {
			t.Errorf("after %d failures: next in %v, want %v", i+1, d, want)
		}
	}
	clk.Add(time.Hour)
	set(map[string]string{"Retry-After": "600"}, http.StatusServiceUnavailable)
	r := refresh()
	if d := next(); d != 10*time.Minute || r.Failure != FailHTTP {
		t.Errorf("503 with Retry-After 600: next in %v, %v", d, r)
	}
	set(nil, http.StatusOK)
	if r := refresh(); r.Deferred.IsZero() {
		t.Errorf("fetched before the Retry-After: %v", r)
	}
	clk.Add(10 * time.Minute)
	if r := refresh(); r.Err != nil {
		t.Fatal(r.Err)
	}
	if info, _ := st.Feed(t.Context(), sub.URL); info.Failures != 0 || info.Failure != "" {
		t.Errorf("a success leaves failures %d %q", info.Failures, info.Failure)
	}
}

// TestClaim: two sokbos on one cache (two stores on one file) do not both
// fetch a feed: while one fetches it, the other's run leaves it, Busy;
// once the first is done, the feed can be fetched again.
func TestClaim(t *testing.T) {
	gate, inside := make(chan struct{}), make(chan struct{}, 1)
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			inside <- struct{}{}
			<-gate
		}
		fmt.Fprint(w, rss("속보", "a"))
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	open := func() *store.Store {
		st, err := store.Open(t.Context(), store.Options{Path: path})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	reader, watch := open(), open()
	subs := []feed.Subscription{{URL: srv.URL + "/feed.xml"}}
	first := make(chan []Result)
	go func() {
		rs, _ := Run(t.Context(), reader, subs, Options{Fetcher: testFetcher()})
		first <- rs
	}()
	<-inside
	rs, err := Run(t.Context(), watch, subs, Options{Fetcher: testFetcher()})
	if err != nil || !rs[0].Busy || rs[0].Err != nil || rs[0].String() != srv.URL+"/feed.xml: being fetched by another sokbo" {
		t.Fatalf("the second run: %+v, %v", rs[0], err)
	}
	if Offline(rs) {
		t.Error("a feed another sokbo fetches counts as offline")
	}
	close(gate)
	if r := (<-first)[0]; r.Err != nil || r.New != 1 {
		t.Fatalf("the first run: %v", r)
	}
	if rs, _ := Run(t.Context(), watch, subs, Options{Fetcher: testFetcher()}); rs[0].Busy || rs[0].Err != nil || hits.Load() != 2 {
		t.Errorf("after the first run: %+v, %d requests", rs[0], hits.Load())
	}
}

// TestDispatchPicksReadyHost: with one worker and two sites of three
// feeds each, the run takes the site whose pacing gap has passed, so the
// sites alternate and no request waits out a gap.
func TestDispatchPicksReadyHost(t *testing.T) {
	clk := newClock()
	var mu sync.Mutex
	var order []string
	var waited time.Duration
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		order = append(order, r.Host)
		mu.Unlock()
		fmt.Fprint(w, rss("속보", r.URL.Path[1:]))
	})
	a, b := httptest.NewServer(handler), httptest.NewServer(handler)
	defer a.Close()
	defer b.Close()
	f := testFetcher()
	f.Pacer = fetch.NewPacer(fetch.PacerOptions{Now: clk.Now, Sleep: func(ctx context.Context, d time.Duration) error {
		waited += d
		clk.Add(d)
		return ctx.Err()
	}})
	var subs []feed.Subscription
	for _, site := range []string{a.URL, a.URL, a.URL, b.URL, b.URL, b.URL} {
		subs = append(subs, feed.Subscription{URL: fmt.Sprintf("%s/f%d", site, len(subs))})
	}
	if _, err := Run(t.Context(), openStore(t), subs, Options{Fetcher: f, Concurrency: 1, Now: clk.Now}); err != nil {
		t.Fatal(err)
	}
	ha, hb := strings.TrimPrefix(a.URL, "http://"), strings.TrimPrefix(b.URL, "http://")
	if fmt.Sprint(order) != fmt.Sprint([]string{ha, hb, ha, hb, ha, hb}) {
		t.Errorf("order %v, want the sites in turn", order)
	}
	// Only the last turns wait: a's third feed 2 s after its second
	// started, less the time b's took (none, on this clock).
	if waited > 2*fetch.DefaultPaceGap {
		t.Errorf("waited %v for pacing", waited)
	}
}

// TestDueRound: when one feed of a site is due, the site's healthy feeds
// due within a gap per feed come along; a failing one keeps its backoff,
// one told to wait (Retry-After) waits, another site's feed waits for its
// own time, and nothing is due when no feed is.
func TestDueRound(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	fetched := func(at time.Duration) store.FeedInfo {
		return store.FeedInfo{LastFetch: t0.Add(at), LastSuccess: t0.Add(at)}
	}
	infos := map[string]store.FeedInfo{
		"https://news.example/a": fetched(0),
		"https://news.example/b": fetched(2 * time.Second),
		"https://news.example/c": fetched(4 * time.Second),
		"https://news.example/failing": {LastFetch: t0.Add(58 * time.Second), Failures: 4, LastError: "503",
			LastSuccess: t0.Add(-time.Hour)},
		"https://news.example/wait": {LastFetch: t0.Add(3 * time.Second), LastSuccess: t0.Add(3 * time.Second), RetryAt: t0.Add(time.Hour)},
		"https://other.example/rss": fetched(3 * time.Second),
	}
	var subs []feed.Subscription
	for _, u := range []string{"https://news.example/a", "https://news.example/b", "https://news.example/c",
		"https://news.example/failing", "https://news.example/wait", "https://other.example/rss"} {
		subs = append(subs, feed.Subscription{URL: u, Interval: 5 * time.Minute})
	}
	info := func(u string) store.FeedInfo { return infos[u] }
	if got := DueRound(subs, info, 0, t0.Add(4*time.Minute+50*time.Second)); got != nil {
		t.Errorf("10 s early: %v", got)
	}
	got := DueRound(subs, info, 0, t0.Add(5*time.Minute-time.Second))
	var urls []string
	for _, s := range got {
		urls = append(urls, s.URL)
	}
	want := []string{"https://news.example/a", "https://news.example/b", "https://news.example/c"}
	if !slices.Equal(urls, want) {
		t.Errorf("due round = %v, want %v", urls, want)
	}
}
