package library

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/fetch"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
)

var testNow = time.Date(2024, 7, 15, 12, 0, 0, 0, time.FixedZone("KST", 9*3600))

func items(src, prefix string, n int, newest time.Time) *feed.Feed {
	f := &feed.Feed{Title: prefix, Source: src}
	for i := range n {
		f.Items = append(f.Items, &feed.Item{
			ID: fmt.Sprintf("%s-%d", prefix, i), Title: fmt.Sprintf("%s %d", prefix, i),
			Published: newest.Add(-time.Duration(i) * time.Hour), Body: "<p>본문</p>", Source: src,
		})
	}
	return f
}

// newTestLibrary is a library on a fresh cache holding feeds a (3 items)
// and b (2), whose local sources come from locals.
func newTestLibrary(t *testing.T, locals map[string]*feed.Feed) (*Library, *store.Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	st, err := store.Open(ctx, store.Options{Path: path, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, f := range []*feed.Feed{items("https://a.example/", "a", 3, testNow.Add(-time.Hour)), items("https://b.example/", "b", 2, testNow.Add(-90*time.Minute))} {
		if _, err := st.SaveFeed(ctx, f.Source, f, store.FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	l := New(Options{
		StorePath: path, Offline: true, Now: func() time.Time { return testNow },
		Load: func(_ context.Context, src string, _ feed.Options) (*feed.Feed, error) {
			if f, ok := locals[src]; ok {
				return f, nil
			}
			return nil, &feed.SourceError{Source: src, Err: errors.New("no such file")}
		},
	})
	t.Cleanup(func() { l.Close() })
	return l, st
}

var bothFeeds = []feed.Subscription{{URL: "https://a.example/"}, {URL: "https://b.example/"}}

func titles(entries []*Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Title
	}
	return out
}

func TestEachMergesLocalAndCached(t *testing.T) {
	local := items("posts", "p", 2, testNow.Add(-30*time.Minute))
	l, _ := newTestLibrary(t, map[string]*feed.Feed{"posts": local})
	var got []*Entry
	problems, err := l.Each(context.Background(), Sources{Feeds: bothFeeds, Locals: []string{"posts", "gone"}}, func(e *Entry) error {
		c := *e
		got = append(got, &c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"p 0", "a 0", "p 1", "b 0", "a 1", "b 1", "a 2"}
	if fmt.Sprint(titles(got)) != fmt.Sprint(want) {
		t.Errorf("merged = %q, want %q", titles(got), want)
	}
	if len(problems) != 1 || problems[0].Source != "gone" || !problems[0].Missing() {
		t.Errorf("problems = %+v, want the missing local source", problems)
	}
	for _, e := range got {
		if e.Cached == (e.Source == "posts") {
			t.Errorf("%s: cached %v", e.Title, e.Cached)
		}
	}
}

func TestPrepareOfflineNamesUnfetched(t *testing.T) {
	l, _ := newTestLibrary(t, nil)
	problems := l.Prepare(context.Background(), Sources{Feeds: append(bothFeeds, feed.Subscription{URL: "https://never.example/"})})
	if len(problems) != 1 || !problems[0].NotCached || problems[0].Source != "https://never.example/" {
		t.Errorf("problems = %+v", problems)
	}
}

func TestFind(t *testing.T) {
	l, _ := newTestLibrary(t, nil)
	ctx := context.Background()
	src := Sources{Feeds: bothFeeds}
	for key, want := range map[string]string{"1": "a 0", "2": "b 0", "b-1": "b 1"} {
		e, _, err := l.Find(ctx, src, key)
		if err != nil || e.Title != want {
			t.Errorf("Find(%q) = %v, %v; want %q", key, e, err, want)
		}
	}
	if _, _, err := l.Find(ctx, src, "9"); !errors.Is(err, feed.ErrNoItem) {
		t.Errorf("Find(9) error = %v", err)
	}
	e, _, _ := l.Find(ctx, src, "1")
	a, err := l.Article(ctx, e)
	if err != nil || a.Item.Body == "" || a.Markdown != "본문\n" || a.Body != BodyFeed {
		t.Errorf("Article = %+v, %v", a, err)
	}
}

func TestViewMarksAndFilters(t *testing.T) {
	l, st := newTestLibrary(t, nil)
	ctx := context.Background()
	v := NewView()
	seq := v.Seq()
	b, err := l.LoadCached(ctx, bothFeeds, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	b.Seq = seq
	v.Add(b)
	if v.Len() != 5 || v.Unread("") != 5 || v.Unread("https://b.example/") != 2 {
		t.Fatalf("len %d, unread %d / %d", v.Len(), v.Unread(""), v.Unread("https://b.example/"))
	}
	first := v.Items(Filter{})[0]
	mark, changed := v.SetRead(first, true)
	if !changed || v.Unread("") != 4 || v.Unread("https://a.example/") != 2 {
		t.Fatalf("after SetRead: changed %v, unread %d", changed, v.Unread(""))
	}
	if _, again := v.SetRead(first, true); again {
		t.Error("a second SetRead(true) changed something")
	}
	if err := l.Save(ctx, mark); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.UnreadCount(ctx, ""); n != 4 {
		t.Errorf("store unread = %d, want 4", n)
	}
	if got := v.Items(Filter{UnreadOnly: true}); len(got) != 4 {
		t.Errorf("unread only: %q", titles(got))
	}
	if got := v.Items(Filter{UnreadOnly: true, Keep: first}); len(got) != 5 {
		t.Errorf("unread only, keeping the cursor's: %q", titles(got))
	}
	if got := v.Items(Filter{Feed: "https://b.example/"}); fmt.Sprint(titles(got)) != "[b 0 b 1]" {
		t.Errorf("one feed: %q", titles(got))
	}

	// A star made after a snapshot was asked for survives it.
	stale, err := l.LoadCached(ctx, bothFeeds, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	stale.Seq = v.Seq()
	second := v.Items(Filter{})[1]
	v.SetStarred(second, true)
	v.Add(stale)
	if e := v.Lookup(second.Key()); e == nil || !e.Starred {
		t.Errorf("the snapshot undid a star made after it was asked for: %+v", e)
	}
}

func TestDueAndTick(t *testing.T) {
	l, _ := newTestLibrary(t, nil) // both feeds stored at testNow
	l.opts.Offline = false
	feeds := []feed.Subscription{
		{URL: "https://a.example/", Interval: 2 * time.Hour},
		{URL: "https://b.example/"},
		{URL: "https://never.example/"},
	}
	l.opts.Interval = 30 * time.Minute
	got := l.Due(context.Background(), feeds, testNow.Add(time.Hour))
	if len(got) != 2 || got[0].URL != "https://b.example/" || got[1].URL != "https://never.example/" {
		t.Errorf("due after 1h = %v; want b (30m interval) and the never-fetched feed", got)
	}
	if d := l.TickInterval(feeds); d != time.Second {
		t.Errorf("tick = %v with a feed never fetched, want the least, 1s", d)
	}
	if d := l.TickInterval(feeds[:2]); d != time.Minute {
		t.Errorf("tick = %v, want 1m: due feeds are looked for at least every minute", d)
	}
	l.now = func() time.Time { return testNow.Add(29*time.Minute + 30*time.Second) }
	if d := l.TickInterval(feeds[:2]); d != 30*time.Second {
		t.Errorf("tick = %v, want 30s: until b falls due", d)
	}
	l.opts.Interval = 0 // auto-refresh off, but a feed may keep its own
	got = l.Due(context.Background(), feeds, testNow.Add(3*time.Hour))
	if len(got) != 2 || got[0].URL != "https://a.example/" || got[1].URL != "https://never.example/" {
		t.Errorf("with auto-refresh off, due = %v; want a, which has its own interval, and the feed never fetched", got)
	}
	feeds[0].Interval = 0
	if d := l.TickInterval(feeds[:2]); d != 0 {
		t.Errorf("tick = %v with every interval off, want 0", d)
	}
}

// clockFetcher serves one small feed per URL and takes latency on the
// test's clock to answer.
type clockFetcher struct {
	clk     *testClock
	latency time.Duration
	mu      sync.Mutex
	fetched map[string][]time.Time
}

func (f *clockFetcher) Fetch(ctx context.Context, url string) (*fetch.Response, error) {
	return f.FetchConditional(ctx, url, fetch.Validators{})
}

func (f *clockFetcher) FetchConditional(_ context.Context, url string, v fetch.Validators) (*fetch.Response, error) {
	f.mu.Lock()
	f.fetched[url] = append(f.fetched[url], f.clk.Now())
	f.mu.Unlock()
	f.clk.Add(f.latency)
	if v.ETag == `"1"` {
		return nil, &fetch.NotModifiedError{}
	}
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>기사</title></item></channel></rss>`
	return &fetch.Response{URL: url, ContentType: "application/rss+xml", Body: []byte(body), ETag: `"1"`}, nil
}

type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// TestScheduleKeepsIntervals runs a reader's loop for an hour on a fake
// clock: wait TickInterval, refresh what is Due. A 1m feed is fetched
// every minute and a 3m feed every three, give or take the fetch's own
// time and refresh.Slack; they used to be fetched every 2 and 4.
func TestScheduleKeepsIntervals(t *testing.T) {
	clk := &testClock{now: testNow}
	f := &clockFetcher{clk: clk, latency: 700 * time.Millisecond, fetched: map[string][]time.Time{}}
	l := New(Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Interval: 10 * time.Minute, Now: clk.Now, Fetcher: f})
	defer l.Close()
	feeds := []feed.Subscription{
		{URL: "https://one.example/rss", Interval: time.Minute},
		{URL: "https://three.example/rss", Interval: 3 * time.Minute},
		{URL: "https://ten.example/rss"},
	}
	ctx := context.Background()
	for clk.Now().Before(testNow.Add(time.Hour)) {
		if due := l.Due(ctx, feeds, clk.Now()); len(due) > 0 {
			if _, err := l.Refresh(ctx, due, nil); err != nil {
				t.Fatal(err)
			}
		}
		d := l.TickInterval(feeds)
		if d <= 0 {
			t.Fatal("no tick")
		}
		clk.Add(d)
	}
	for _, tt := range []struct {
		url      string
		interval time.Duration
	}{{feeds[0].URL, time.Minute}, {feeds[1].URL, 3 * time.Minute}, {feeds[2].URL, 10 * time.Minute}} {
		times := f.fetched[tt.url]
		if want := int(time.Hour / tt.interval); len(times) < want-1 || len(times) > want+1 {
			t.Errorf("%s: %d fetches in an hour, want %d", tt.url, len(times), want)
		}
		for i := 1; i < len(times); i++ {
			gap := times[i].Sub(times[i-1])
			if gap < tt.interval-refresh.Slack || gap > tt.interval+3*time.Second {
				t.Errorf("%s: fetch %d came %v after the one before, want %v", tt.url, i+1, gap, tt.interval)
				break
			}
		}
	}
}

func TestSubscribeAndUnsubscribe(t *testing.T) {
	l, _ := newTestLibrary(t, nil)
	l.opts.Feeds = []feed.Subscription{{Name: "설정", URL: "https://config.example/"}}
	ctx := context.Background()
	if _, err := l.Subscribe(ctx, "exec:rm -rf ~", ""); err == nil {
		t.Error("subscribed to a command")
	}
	for _, u := range []string{"https://x.example/", "https://y.example/"} {
		if added, err := l.Subscribe(ctx, u, "같은 이름"); !added || err != nil {
			t.Fatalf("Subscribe(%s) = %v, %v", u, added, err)
		}
	}
	if added, err := l.Subscribe(ctx, "https://x.example/", ""); added || err != nil {
		t.Errorf("second Subscribe = %v, %v; want already subscribed", added, err)
	}
	var amb *AmbiguousError
	if _, _, err := l.Unsubscribe(ctx, "같은 이름"); !errors.As(err, &amb) || len(amb.URLs) != 2 {
		t.Errorf("Unsubscribe by a shared name = %v", err)
	}
	if _, _, err := l.Unsubscribe(ctx, "설정"); !errors.Is(err, ErrInConfig) {
		t.Errorf("Unsubscribe of a config feed = %v", err)
	}
	if _, _, err := l.Unsubscribe(ctx, "https://z.example/"); !errors.Is(err, ErrNoFeed) {
		t.Errorf("Unsubscribe of an unknown feed = %v", err)
	}
	if _, _, err := l.Unsubscribe(ctx, "https://x.example/"); err != nil {
		t.Error(err)
	}
	subs, err := l.Subscriptions(ctx)
	if err != nil || len(subs) != 2 || subs[0].URL != "https://config.example/" || subs[1].URL != "https://y.example/" {
		t.Errorf("subscriptions = %v, %v", subs, err)
	}
}

// TestOpenGivenUpIsNotKept: an open that failed because its caller's
// context ended is not the cache's failure, so the next caller (the
// reader's index build after a key's wait, a refresh after a cancelled
// one) opens the cache, not that old error.
func TestOpenGivenUpIsNotKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sokbo.db")
	for _, exists := range []bool{false, true} {
		if exists {
			w := New(Options{StorePath: path, Offline: true})
			if _, err := w.Subscriptions(context.Background()); err != nil {
				t.Fatal(err)
			}
			w.Close()
		}
		l := New(Options{StorePath: path, Offline: true})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := l.Subscriptions(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("exists=%v: Subscriptions with an ended context = %v; want canceled", exists, err)
		}
		if _, err := l.Subscriptions(context.Background()); err != nil {
			t.Errorf("exists=%v: Subscriptions after an ended one = %v; want the cache opened", exists, err)
		}
		l.Close()
	}
}

// TestViewKeepsSourceOrder: the undated items of local sources stand
// source by source in the order SetOrder gave, whichever batch arrives
// first, as List numbers them; a source it did not name follows.
func TestViewKeepsSourceOrder(t *testing.T) {
	batch := func(src string, titles ...string) *Batch {
		b := &Batch{Source: src}
		for _, title := range titles {
			b.Entries = append(b.Entries, &Entry{Item: &feed.Item{ID: src + title, Title: title, Source: src}})
		}
		return b
	}
	v := NewView()
	v.SetOrder([]string{"a.md", "b.md", "c/"})
	v.Add(batch("extra.md", "덧붙임"))
	v.Add(batch("c/", "다섯", "여섯"))
	v.Add(batch("b.md", "셋", "넷"))
	v.Add(batch("a.md", "하나", "둘"))
	v.Add(batch("b.md", "셋", "넷")) // loaded again: keeps its place
	var got []string
	for _, e := range v.Items(Filter{}) {
		got = append(got, e.Title)
	}
	if want := []string{"하나", "둘", "셋", "넷", "다섯", "여섯", "덧붙임"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// TestEmptyFolderFails: a folder with no posts is the failure of a
// walk with nothing else to show (its only source, or all the others
// failed too), said once as its problem; beside a source that shows, it
// is a warning.
func TestEmptyFolderFails(t *testing.T) {
	noPosts := &feed.NoPostsError{Skipped: 2, FirstName: "a.txt", First: &feed.NotPostError{Kind: feed.NotFeedText}}
	never := feed.Subscription{URL: "https://never.example/"}
	tests := map[string]struct {
		src      Sources
		problems []string // their sources, in order
		warned   []string
	}{
		"the only source":          {Sources{Locals: []string{"empty"}}, []string{"empty"}, nil},
		"two of them":              {Sources{Locals: []string{"empty", "empty2"}}, []string{"empty", "empty2"}, nil},
		"all others failed":        {Sources{Locals: []string{"empty", "gone"}}, []string{"empty", "gone"}, nil},
		"after one that failed":    {Sources{Locals: []string{"gone", "empty"}}, []string{"gone", "empty"}, nil},
		"the only feed not cached": {Sources{Feeds: []feed.Subscription{never}, Locals: []string{"empty"}}, []string{never.URL, "empty"}, nil},
		"beside posts":             {Sources{Locals: []string{"empty", "posts"}}, nil, []string{"empty"}},
		"beside posts and a fail":  {Sources{Locals: []string{"gone", "empty", "posts"}}, []string{"gone"}, []string{"empty"}},
		"beside a cached feed":     {Sources{Feeds: bothFeeds, Locals: []string{"empty"}}, nil, []string{"empty"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			l, _ := newTestLibrary(t, nil)
			var warned []string
			l.opts.Warn = func(err error) {
				var se *feed.SourceError
				if errors.As(err, &se) {
					warned = append(warned, se.Source)
				}
			}
			l.opts.Load = func(_ context.Context, src string, opts feed.Options) (*feed.Feed, error) {
				switch src {
				case "posts":
					return items(src, "p", 2, testNow), nil
				case "gone":
					return nil, &feed.SourceError{Source: src, Err: errors.New("no such file")}
				}
				opts.Warn(&feed.SourceError{Source: src, Err: noPosts})
				return &feed.Feed{Title: src, Source: src}, nil
			}
			var got []*Entry
			problems, err := l.Each(context.Background(), tc.src, func(e *Entry) error {
				got = append(got, e)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var sources []string
			for _, p := range problems {
				sources = append(sources, p.Source)
				if !p.Missing() {
					t.Errorf("%s: not missing", p.Source)
				}
				if p.Source == "empty" && !errors.Is(p.Err, feed.ErrNoPosts) {
					t.Errorf("problem %v is not ErrNoPosts", p.Err)
				}
			}
			if !slices.Equal(sources, tc.problems) || !slices.Equal(warned, tc.warned) {
				t.Errorf("problems %q, warnings %q; want %q, %q", sources, warned, tc.problems, tc.warned)
			}
			if tc.problems != nil && tc.warned == nil {
				if e, probs, err := l.Find(context.Background(), tc.src, "1"); e != nil || err != nil || len(probs) != len(tc.problems) {
					t.Errorf("Find = %v, %d problems, %v; want its problems alone", e, len(probs), err)
				}
			}
		})
	}
}

// TestScheduleKeepsASiteTogether: three feeds of one site, fetched one
// after another (a fetch takes a pacing gap here), fall due a gap apart;
// each round takes the three along, hour after hour, and keeps their
// interval, rather than drifting into a round each.
func TestScheduleKeepsASiteTogether(t *testing.T) {
	clk := &testClock{now: testNow}
	f := &clockFetcher{clk: clk, latency: fetch.DefaultPaceGap + 100*time.Millisecond, fetched: map[string][]time.Time{}}
	l := New(Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Interval: 5 * time.Minute, Now: clk.Now, Fetcher: f})
	defer l.Close()
	feeds := []feed.Subscription{
		{URL: "https://news.example/politics.xml"},
		{URL: "https://news.example/society.xml"},
		{URL: "https://news.example/economy.xml"},
		{URL: "https://other.example/rss", Interval: 2 * time.Minute},
	}
	ctx := context.Background()
	rounds := 0
	for clk.Now().Before(testNow.Add(time.Hour)) {
		if due := l.Due(ctx, feeds, clk.Now()); len(due) > 0 {
			site := 0
			for _, s := range due {
				if strings.HasPrefix(s.URL, "https://news.example/") {
					site++
				}
			}
			if site != 0 && site != 3 {
				t.Errorf("a round at %v took %d of the site's 3 feeds", clk.Now().Sub(testNow), site)
			}
			if site == 3 {
				rounds++
			}
			if _, err := l.Refresh(ctx, due, nil); err != nil {
				t.Fatal(err)
			}
		}
		d := l.TickInterval(feeds)
		if d <= 0 {
			t.Fatal("no tick")
		}
		clk.Add(d)
	}
	if rounds < 11 || rounds > 13 {
		t.Errorf("the site's feeds came in %d rounds in an hour, want 12", rounds)
	}
	for _, s := range feeds[:3] {
		times := f.fetched[s.URL]
		for i := 1; i < len(times); i++ {
			if gap := times[i].Sub(times[i-1]); gap < 5*time.Minute-10*time.Second || gap > 5*time.Minute+10*time.Second {
				t.Errorf("%s: fetch %d came %v after the one before, want 5m", s.URL, i+1, gap)
				break
			}
		}
	}
}
