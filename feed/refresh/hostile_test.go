package refresh

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean/cleantest"
	"sokbo/feed/fetch"
	"sokbo/feed/internal/hostiletest"
)

// TestHostileStatusNeverReachesOutput refreshes a feed whose server
// answers 503 with escape sequences in its status text: neither the
// summary line nor the stored error (what `feeds ls` replays) holds any.
func TestHostileStatusNeverReachesOutput(t *testing.T) {
	url := hostiletest.RawServer(t, func(string) string {
		return "HTTP/1.1 503 " + hostiletest.Text + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
	})
	st := openStore(t)
	ctx := t.Context()
	results, err := Run(ctx, st, []feed.Subscription{{URL: url + "/feed.xml", Name: "이름\x1b[2J"}}, Options{Fetcher: testFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	if r.Err == nil {
		t.Fatal("no error for a 503")
	}
	cleantest.AssertClean(t, r.String())
	cleantest.AssertClean(t, r.Err.Error())
	if !strings.Contains(r.String(), "http 503") {
		t.Fatalf("summary %q does not say what failed", r.String())
	}
	info, err := st.Feed(ctx, url+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	cleantest.AssertClean(t, info.LastError)
	if !strings.HasPrefix(info.LastError, "http 503") {
		t.Fatalf("stored error %q", info.LastError)
	}
}

// TestDeadlineCoversDiscovery serves a page that announces no feed on a
// host whose common feed paths all trickle, a byte every 20 ms, never
// ending: the refresh of that one subscription must end within its
// timeout plus a second, not a timeout per probe.
func TestDeadlineCoversDiscovery(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			fmt.Fprint(w, `<!doctype html><html><head><title>뉴스</title></head><body>기사</body></html>`)
			return
		}
		hostiletest.Trickle("application/rss+xml", []byte(" "))(w, r)
	}))
	defer srv.Close()
	st := openStore(t)
	f := testFetcher()
	f.Timeout = time.Second
	start := time.Now()
	results, err := Run(t.Context(), st, []feed.Subscription{{URL: srv.URL + "/"}}, Options{Fetcher: f})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(results[0].Err, fetch.ErrTimeout) {
		t.Fatalf("err = %v, want a timeout", results[0].Err)
	}
	// Trickling until every attempt's own timeout would take many
	// seconds; the margin over the 1s deadline is for a loaded CI machine.
	if elapsed > 4*time.Second {
		t.Fatalf("took %v with a 1s timeout", elapsed)
	}
	t.Logf("gave up after %v: %s", elapsed, results[0])
}

// TestRetryAfterDefers answers 429 with a Retry-After longer than the
// timeout: the refresh returns at once, records when to ask again, and
// the next run does not ask before then.
func TestRetryAfterDefers(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	st := openStore(t)
	ctx := t.Context()
	sub := feed.Subscription{URL: srv.URL + "/feed.xml"}
	start := time.Now()
	results, err := Run(ctx, st, []feed.Subscription{sub}, Options{Fetcher: testFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 10*time.Second { // sleeping would take 120 s
		t.Fatalf("waited %v for a Retry-After past the deadline", time.Since(start))
	}
	var he *fetch.HTTPError
	if !errors.As(results[0].Err, &he) || he.RetryAfter != 120*time.Second {
		t.Fatalf("err = %v", results[0].Err)
	}
	info, err := st.Feed(ctx, sub.URL)
	if err != nil || info.RetryAt.IsZero() {
		t.Fatalf("RetryAt not recorded: %+v, %v", info, err)
	}
	// The Retry-After is longer than the first backoff: it decides, and
	// to the second, without the Slack.
	if Due(sub, info, time.Minute, time.Now()) || Due(sub, info, time.Minute, info.RetryAt.Add(-time.Second)) {
		t.Error("Due before the Retry-After has passed")
	}
	if !Due(sub, info, time.Minute, info.RetryAt) {
		t.Error("not Due once the Retry-After has passed")
	}
	results, err = Run(ctx, st, []feed.Subscription{sub}, Options{Fetcher: testFetcher()})
	if err != nil || results[0].Deferred.IsZero() || hits != 1 {
		t.Fatalf("second run: %+v, %v, %d requests", results[0], err, hits)
	}
	cleantest.AssertClean(t, results[0].String())
	// Later than asked, it is fetched again.
	later := func() time.Time { return info.RetryAt.Add(time.Second) }
	if _, err := Run(ctx, st, []feed.Subscription{sub}, Options{Fetcher: testFetcher(), Now: later}); err != nil || hits != 2 {
		t.Fatalf("after the wait: %v, %d requests", err, hits)
	}
}

// TestRunDeadline gives a run of one quick and one endless feed a
// deadline: Run returns at it, without an error, with the quick feed
// saved and the other given up with ErrDeadline and nothing recorded.
func TestRunDeadline(t *testing.T) {
	srv := newServer(t)
	stall := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer stall.Close()
	st := openStore(t)
	f := testFetcher()
	f.Timeout = time.Minute
	subs := []feed.Subscription{{URL: srv.URL + "/feed.xml"}, {URL: stall.URL + "/feed.xml"}}
	start := time.Now()
	results, err := Run(t.Context(), st, subs, Options{Fetcher: f, Deadline: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 5*time.Second { // the stalled feed alone would take a minute
		t.Fatalf("took %v with a 500ms deadline", time.Since(start))
	}
	if results[0].Err != nil || results[0].New != 2 {
		t.Fatalf("quick feed: %+v", results[0])
	}
	if !errors.Is(results[1].Err, ErrDeadline) {
		t.Fatalf("endless feed: %v, want ErrDeadline", results[1].Err)
	}
	info, err := st.Feed(t.Context(), stall.URL+"/feed.xml")
	if err != nil || info.LastError != "" || !info.LastFetch.IsZero() {
		t.Fatalf("the endless feed was recorded: %+v, %v", info, err)
	}
}

// TestSubscriptionVariantsShareAFeed refreshes two spellings of one
// feed: one row in the store, its items once.
func TestSubscriptionVariantsShareAFeed(t *testing.T) {
	srv := newServer(t)
	st := openStore(t)
	ctx := t.Context()
	u := srv.URL + "/feed.xml"
	variant := strings.Replace(u, "http://", "HTTP://", 1) + "#top"
	for _, s := range []string{u, variant} {
		if _, err := Run(ctx, st, []feed.Subscription{{URL: s}}, Options{Fetcher: testFetcher()}); err != nil {
			t.Fatal(err)
		}
	}
	feeds, err := st.Feeds(ctx)
	if err != nil || len(feeds) != 1 {
		t.Fatalf("%d feeds, %v", len(feeds), err)
	}
}
