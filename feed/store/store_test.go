package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/fetch"
)

// clock is a fake time source that advances one second per reading.
type clock struct{ t atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.t.Store(time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *clock) Now() time.Time { return time.Unix(0, c.t.Add(int64(time.Second))).UTC() }

func openTest(t testing.TB, path string) *Store {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "sokbo.db")
	}
	s, err := Open(context.Background(), Options{Path: path, Now: newClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var base = time.Date(2024, 7, 14, 3, 20, 0, 0, time.UTC)

// testFeed builds a feed of n items, newest first, IDs prefix-0 … prefix-(n-1).
func testFeed(prefix string, n int) *feed.Feed {
	f := &feed.Feed{Title: "속보 " + prefix, Link: "https://example.com/" + prefix, Source: "https://example.com/" + prefix + "/feed.xml"}
	for i := range n {
		f.Items = append(f.Items, &feed.Item{
			ID:         fmt.Sprintf("%s-%d", prefix, i),
			Title:      fmt.Sprintf("%s 기사 %d", prefix, i),
			Link:       fmt.Sprintf("https://example.com/%s/%d", prefix, i),
			Published:  base.Add(-time.Duration(i) * time.Minute),
			Author:     "기자",
			Categories: []string{"사회", "속보"},
			Summary:    "요약",
			Image:      "https://example.com/a.png",
			Body:       fmt.Sprintf("<p>본문 %d</p><table><tr><td>시작 시간</td></tr></table>", i),
			Format:     feed.FormatHTML,
			Source:     f.Source,
		})
	}
	return f
}

func TestOpenMigrates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "dir", "sokbo.db")
	s := openTest(t, path)
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != SchemaVersion {
		t.Fatalf("user_version = %d, want %d", v, SchemaVersion)
	}
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var vacuum int
	if err := s.db.QueryRow("PRAGMA auto_vacuum").Scan(&vacuum); err != nil || vacuum != 2 {
		t.Errorf("auto_vacuum = %d, %v; want 2 (incremental)", vacuum, err)
	}
	var page int
	if err := s.db.QueryRow("PRAGMA page_size").Scan(&page); err != nil || page != pageSize {
		t.Errorf("page_size = %d, %v; want %d", page, err, pageSize)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q", s.Path())
	}

	// A database from a newer sokbo is refused, not damaged.
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(t.Context(), Options{Path: path})
	if err == nil || !strings.Contains(err.Error(), "newer than this sokbo") {
		t.Fatalf("opening a newer schema: err = %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, err := DefaultPath(); err != nil || p != "/data/sokbo/sokbo.db" {
		t.Errorf("with XDG_DATA_HOME: %q, %v", p, err)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/u")
	if p, err := DefaultPath(); err != nil || p != "/home/u/.local/share/sokbo/sokbo.db" {
		t.Errorf("without XDG_DATA_HOME: %q, %v", p, err)
	}
}

func TestItemsSurviveReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s := openTest(t, path)
	f := testFeed("a", 3)
	f.Items[1].Published = time.Time{} // an undated item
	f.Items[2].Format = feed.FormatMarkdown
	res, err := s.SaveFeed(t.Context(), "https://example.com/a", f, FetchResult{Validators: fetch.Validators{ETag: `"e1"`, LastModified: "Sun, 14 Jul 2024 03:20:00 GMT"}})
	if err != nil {
		t.Fatal(err)
	}
	if res != (SaveResult{New: 3}) {
		t.Fatalf("SaveResult = %+v", res)
	}
	if err := s.SetRead(t.Context(), "https://example.com/a", "a-2", true); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openTest(t, path)
	got, err := s.LoadFeed(t.Context(), "https://example.com/a")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != f.Title || got.Link != f.Link || len(got.Items) != 3 {
		t.Fatalf("LoadFeed = %+v", got)
	}
	// The undated item comes back after the dated ones, as feed.Load
	// would order the feed.
	order := []*feed.Item{f.Items[0], f.Items[2], f.Items[1]}
	for i, it := range got.Items {
		want := order[i]
		if it.ID != want.ID || it.Title != want.Title || it.Link != want.Link || !it.Published.Equal(want.Published) ||
			it.Author != want.Author || !slices.Equal(it.Categories, want.Categories) || it.Summary != want.Summary ||
			it.Image != want.Image || it.Body != want.Body || it.Format != want.Format || it.Source != want.Source {
			t.Errorf("item %d = %+v\nwant %+v", i, it, want)
		}
	}
	if !got.Items[2].Published.IsZero() {
		t.Errorf("undated item came back dated: %v", got.Items[2].Published)
	}
	info, err := s.Feed(t.Context(), "https://example.com/a")
	if err != nil {
		t.Fatal(err)
	}
	if info.Validators.ETag != `"e1"` || info.Items != 3 || info.Unread != 2 || info.LastSuccess.IsZero() || info.LastError != "" {
		t.Errorf("FeedInfo = %+v", info)
	}
	a, err := s.Article(t.Context(), "https://example.com/a", "a-2")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Read || a.Item.Body != f.Items[2].Body {
		t.Errorf("Article = %+v", a)
	}
	if _, err := s.Article(t.Context(), "https://example.com/a", "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: err = %v", err)
	}
	if _, err := s.LoadFeed(t.Context(), "https://example.com/nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing feed: err = %v", err)
	}
}

func TestRefreshKeepsStateAndNeverDuplicates(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	const u = "https://example.com/a"
	if _, err := s.SaveFeed(ctx, u, testFeed("a", 5), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a-0", "a-3"} {
		if err := s.SetRead(ctx, u, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetStarred(ctx, u, "a-1", true); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a-0", "a-1"} {
		if err := s.SetMarkdown(ctx, u, id, "cached "+id); err != nil {
			t.Fatal(err)
		}
	}
	var updatedBefore int64
	if err := s.db.QueryRow(`SELECT updated FROM items WHERE id = 'a-1'`).Scan(&updatedBefore); err != nil {
		t.Fatal(err)
	}

	// The refresh: a new item on top, a-0's body edited, a-4 dropped.
	f := testFeed("a", 4)
	f.Items[0].Body = "<p>정정된 본문</p>"
	f.Items = append([]*feed.Item{{ID: "a-new", Title: "새 기사", Published: base.Add(time.Hour)}}, f.Items...)
	res, err := s.SaveFeed(ctx, u, f, FetchResult{})
	if err != nil {
		t.Fatal(err)
	}
	if res != (SaveResult{New: 1, Updated: 1, Unchanged: 3}) {
		t.Fatalf("SaveResult = %+v", res)
	}
	// Saving the same again rewrites nothing.
	if res, err := s.SaveFeed(ctx, u, f, FetchResult{}); err != nil || res != (SaveResult{Unchanged: 5}) {
		t.Fatalf("second SaveResult = %+v, %v", res, err)
	}
	var updatedAfter int64
	if err := s.db.QueryRow(`SELECT updated FROM items WHERE id = 'a-1'`).Scan(&updatedAfter); err != nil {
		t.Fatal(err)
	}
	if updatedAfter != updatedBefore {
		t.Errorf("unchanged item was rewritten")
	}

	hs, err := s.Headlines(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	state := map[string]string{}
	for _, h := range hs {
		ids = append(ids, h.ID)
		state[h.ID] = fmt.Sprint(h.Read, h.Starred)
	}
	if want := []string{"a-new", "a-0", "a-1", "a-2", "a-3", "a-4"}; !slices.Equal(ids, want) {
		t.Fatalf("headlines = %v, want %v", ids, want)
	}
	wantState := map[string]string{
		"a-new": "false false", "a-0": "true false", "a-1": "false true",
		"a-2": "false false", "a-3": "true false", "a-4": "false false",
	}
	for id, want := range wantState {
		if state[id] != want {
			t.Errorf("%s read/starred = %s, want %s", id, state[id], want)
		}
	}
	if n, err := s.UnreadCount(ctx, ""); err != nil || n != 4 {
		t.Errorf("UnreadCount = %d, %v; want 4", n, err)
	}

	a0, err := s.Article(ctx, u, "a-0")
	if err != nil {
		t.Fatal(err)
	}
	if a0.HasMarkdown || a0.Item.Body != "<p>정정된 본문</p>" {
		t.Errorf("edited a-0: HasMarkdown=%v body=%q; the stale cache must go", a0.HasMarkdown, a0.Item.Body)
	}
	a1, err := s.Article(ctx, u, "a-1")
	if err != nil {
		t.Fatal(err)
	}
	if !a1.HasMarkdown || a1.Markdown != "cached a-1" {
		t.Errorf("unchanged a-1 lost its cached markdown: %+v", a1)
	}
}

func TestHeadlinesOrderAndFilters(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	// Two feeds interleaved in time; b has an undated item between two
	// dated ones, which comes after every dated item.
	a := testFeed("a", 3) // 03:20, 03:19, 03:18
	b := testFeed("b", 3)
	for i, it := range b.Items {
		it.Published = base.Add(-time.Duration(i)*time.Minute - 30*time.Second) // 03:19:30, 03:18:30, 03:17:30
	}
	b.Items[1].Published = time.Time{}
	if _, err := s.SaveFeed(ctx, "https://a", a, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFeed(ctx, "https://b", b, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddFeed(ctx, "https://b", "비 피드"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRead(ctx, "https://a", "a-1", true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, "https://b", "b-2", true); err != nil {
		t.Fatal(err)
	}

	ids := func(q Query) string {
		t.Helper()
		hs, err := s.Headlines(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return strings.Join(out, " ")
	}
	tests := map[string]struct {
		q    Query
		want string
	}{
		"merged":         {Query{}, "a-0 b-0 a-1 a-2 b-2 b-1"},
		"one feed":       {Query{Feed: "https://b"}, "b-0 b-2 b-1"},
		"unread":         {Query{UnreadOnly: true}, "a-0 b-0 a-2 b-2 b-1"},
		"starred":        {Query{StarredOnly: true}, "b-2"},
		"limit":          {Query{Limit: 2}, "a-0 b-0"},
		"unread in feed": {Query{Feed: "https://a", UnreadOnly: true}, "a-0 a-2"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := ids(tt.q); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}

	hs, err := s.Headlines(ctx, Query{Feed: "https://b"})
	if err != nil {
		t.Fatal(err)
	}
	if hs[0].FeedName != "비 피드" || !slices.Equal(hs[0].Categories, []string{"사회", "속보"}) || hs[0].Link != "https://example.com/b/0" {
		t.Errorf("headline = %+v", hs[0])
	}
	if !hs[2].Published.IsZero() {
		t.Errorf("undated headline has a date: %v", hs[2].Published)
	}

	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 || feeds[0].URL != "https://b" || feeds[0].DisplayName() != "비 피드" || feeds[1].DisplayName() != "속보 a" {
		t.Errorf("Feeds = %+v", feeds)
	}

	if err := s.MarkAllRead(ctx, "https://a"); err != nil {
		t.Fatal(err)
	}
	if n, err := s.UnreadCount(ctx, "https://a"); err != nil || n != 0 {
		t.Errorf("after MarkAllRead(a): unread = %d, %v", n, err)
	}
	if n, err := s.UnreadCount(ctx, ""); err != nil || n != 3 {
		t.Errorf("after MarkAllRead(a): total unread = %d, %v", n, err)
	}
	if err := s.SetRead(ctx, "https://a", "a-0", false); err != nil {
		t.Fatal(err)
	}
	if got := ids(Query{Feed: "https://a", UnreadOnly: true}); got != "a-0" {
		t.Errorf("after marking a-0 unread: %s", got)
	}

	if err := s.RemoveFeed(ctx, "https://a"); err != nil {
		t.Fatal(err)
	}
	if got := ids(Query{}); got != "b-0 b-2 b-1" {
		t.Errorf("after RemoveFeed(a): %s", got)
	}
}

func TestErrorsKeepItems(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	const u = "https://example.com/a"
	if _, err := s.SaveFeed(ctx, u, testFeed("a", 2), FetchResult{FeedURL: "https://example.com/a/rss"}); err != nil {
		t.Fatal(err)
	}
	ok, err := s.Feed(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if ok.FetchURL() != "https://example.com/a/rss" {
		t.Errorf("FetchURL = %q", ok.FetchURL())
	}
	if err := s.SaveError(ctx, u, errors.New("http 503 Service Unavailable")); err != nil {
		t.Fatal(err)
	}
	info, err := s.Feed(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if info.LastError != "http 503 Service Unavailable" || info.Items != 2 || !info.LastSuccess.Equal(ok.LastSuccess) ||
		!info.LastFetch.After(ok.LastFetch) || info.FeedURL != ok.FeedURL {
		t.Errorf("after error: %+v", info)
	}
	if err := s.SaveNotModified(ctx, u, time.Time{}); err != nil {
		t.Fatal(err)
	}
	info, err = s.Feed(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if info.LastError != "" || !info.LastSuccess.After(ok.LastSuccess) || info.Items != 2 {
		t.Errorf("after 304: %+v", info)
	}
	// An error for a feed never fetched creates its row.
	if err := s.SaveError(ctx, "https://new", errors.New("timed out after 15s")); err != nil {
		t.Fatal(err)
	}
	if info, err := s.Feed(ctx, "https://new"); err != nil || info.LastError != "timed out after 15s" || !info.LastSuccess.IsZero() {
		t.Errorf("new feed after error: %+v, %v", info, err)
	}
	if err := s.SetMarkdown(ctx, u, "missing", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetMarkdown on a missing item: %v", err)
	}
}

func TestSave10kItems(t *testing.T) {
	s := openTest(t, "")
	n := 10_000
	if raceEnabled {
		n = 1000
	}
	f := testFeed("big", n)
	start := time.Now()
	res, err := s.SaveFeed(t.Context(), "https://big", f, FetchResult{})
	if err != nil {
		t.Fatal(err)
	}
	first := time.Since(start)
	start = time.Now()
	again, err := s.SaveFeed(t.Context(), "https://big", f, FetchResult{})
	if err != nil {
		t.Fatal(err)
	}
	second := time.Since(start)
	t.Logf("%d items: first save %v, unchanged save %v", n, first, second)
	if res.New != n || again.Unchanged != n {
		t.Fatalf("results %+v, %+v", res, again)
	}
	start = time.Now()
	hs, err := s.Headlines(t.Context(), Query{})
	if err != nil || len(hs) != n {
		t.Fatalf("Headlines: %d, %v", len(hs), err)
	}
	t.Logf("%d headlines: %v", n, time.Since(start))
	// Generous, for slow CI; the benchmark measures for real.
	if !raceEnabled && first > 3*time.Second {
		t.Errorf("saving 10k items took %v", first)
	}
}

func BenchmarkSave10kItems(b *testing.B) {
	f := testFeed("big", 10_000)
	for b.Loop() {
		b.StopTimer()
		s := openTest(b, filepath.Join(b.TempDir(), "bench.db"))
		b.StartTimer()
		if _, err := s.SaveFeed(context.Background(), "https://big", f, FetchResult{}); err != nil {
			b.Fatal(err)
		}
	}
}

// The writer the SIGKILL test runs in a child process. It commits batches
// of items forever, reporting each commit on stdout, until it is killed.
const helperEnv = "SOKBO_STORE_HELPER_DB"

// helperBatch is large enough that the kill lands inside a transaction.
const helperBatch = 2000

func TestHelperWriter(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("run by TestKilledWriterLeavesUsableDB")
	}
	// Every batch is a new set of old items: keep them all.
	s, err := Open(context.Background(), Options{Path: path, Retention: Retention{Keep: -1, MaxItems: -1}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for batch := 0; batch < 10_000; batch++ {
		f := testFeed("batch"+strconv.Itoa(batch), helperBatch)
		if _, err := s.SaveFeed(context.Background(), "https://example.com/kill", f, FetchResult{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Printf("committed %d\n", batch)
	}
	os.Exit(3) // the parent should have killed us long before
}

func TestKilledWriterLeavesUsableDB(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	path := filepath.Join(t.TempDir(), "sokbo.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill the writer as soon as it has committed three batches; by then
	// it is inside the fourth transaction.
	lines := bufio.NewScanner(out)
	lastCommitted := -1
	for lines.Scan() {
		var n int
		if _, err := fmt.Sscanf(lines.Text(), "committed %d", &n); err != nil {
			continue
		}
		lastCommitted = n
		if n >= 2 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait() // "signal: killed" is the expected outcome
	if lastCommitted < 2 {
		t.Fatalf("writer stopped after batch %d: %s", lastCommitted, stderr.String())
	}

	s := openTest(t, path)
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	hs, err := s.Headlines(t.Context(), Query{Feed: "https://example.com/kill"})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, h := range hs {
		have[h.ID] = true
	}
	for batch := 0; batch <= lastCommitted; batch++ {
		for i := range helperBatch {
			if id := fmt.Sprintf("batch%d-%d", batch, i); !have[id] {
				t.Fatalf("item %s of committed batch %d is missing", id, batch)
			}
		}
	}
	// Whole batches only: a transaction is never half there.
	if len(hs)%helperBatch != 0 {
		t.Fatalf("%d items: a transaction was half committed", len(hs))
	}
	t.Logf("killed after batch %d; %d items survived", lastCommitted, len(hs))
}

func TestSubscribe(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	// A feed read once by URL is cached but not subscribed.
	if _, err := s.SaveFeed(ctx, "https://example.com/a", testFeed("a", 2), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Subscribe(ctx, "https://example.com/b", "비"); err != nil {
		t.Fatal(err)
	}
	// Subscribing to a cached feed keeps its items.
	if err := s.Subscribe(ctx, "https://example.com/a", ""); err != nil {
		t.Fatal(err)
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]FeedInfo{}
	for _, f := range feeds {
		if got[f.URL], err = s.Feed(ctx, f.URL); err != nil {
			t.Fatal(err)
		}
	}
	if a := got["https://example.com/a"]; !a.Subscribed || a.Items != 2 {
		t.Errorf("a = %+v, want subscribed with 2 items", a)
	}
	if b := got["https://example.com/b"]; !b.Subscribed || b.Name != "비" {
		t.Errorf("b = %+v, want subscribed, named 비", b)
	}
	if err := s.AddFeed(ctx, "https://example.com/c", ""); err != nil {
		t.Fatal(err)
	}
	if c, err := s.Feed(ctx, "https://example.com/c"); err != nil || c.Subscribed {
		t.Errorf("AddFeed subscribed: %+v, %v", c, err)
	}
}

func TestReadArticleConvertsOnceAndCaches(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	f := testFeed("a", 1)
	if _, err := s.SaveFeed(ctx, f.Source, f, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	it, md, err := s.ReadArticle(ctx, f.Source, "a-0")
	if err != nil {
		t.Fatal(err)
	}
	if it.Source != f.Source || it.Body == "" || !strings.Contains(md, "본문 0") || strings.Contains(md, "<p>") {
		t.Fatalf("item %+v, markdown %q", it, md)
	}
	a, err := s.Article(ctx, f.Source, "a-0")
	if err != nil || !a.HasMarkdown || a.Markdown != md {
		t.Errorf("conversion not cached: %+v %v", a, err)
	}
	if _, _, err := s.ReadArticle(ctx, f.Source, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing item: %v", err)
	}
}

// TestMigrationDropsStaleMarkdown checks migration 4: Markdown cached by an
// older converter is made again, and nothing else changes.
func TestMigrationDropsStaleMarkdown(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s := openTest(t, path)
	const u = "https://newsdao.kr/rss"
	if _, err := s.SaveFeed(ctx, u, testFeed("a", 2), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRead(ctx, u, "a-1", true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMarkdown(ctx, u, "a-0", "![<b>](x)"); err != nil {
		t.Fatal(err)
	}
	// Back to version 3, as an older sokbo left it: the later migrations
	// undone, newest first.
	for _, undo := range []string{
		// 15
		`DROP TRIGGER feed_counts_item_added`,
		`DROP TRIGGER feed_counts_item_removed`,
		`DROP TRIGGER feed_counts_item_moved`,
		`DROP TRIGGER feed_counts_read_added`,
		`DROP TRIGGER feed_counts_read_removed`,
		`DROP TRIGGER feed_counts_read_changed`,
		`DROP TRIGGER feed_counts_feed_removed`,
		`DROP TABLE feed_counts`,
		// 13
		`ALTER TABLE feeds DROP COLUMN items_digest`,
		// 12
		`ALTER TABLE feeds DROP COLUMN digest`,
		// 9
		`ALTER TABLE feeds DROP COLUMN tags`,
		// 8
		`DROP TRIGGER fulltext_item_changed`,
		`DROP TRIGGER fulltext_item_deleted`,
		`DROP TABLE fulltext`,
		// 7 (6, the search index, can run again over its own tables)
		`DROP INDEX items_undated`,
		// 5
		`DROP INDEX items_by_feed_time_id`,
		`CREATE INDEX items_by_feed_time ON items (feed, sort_time DESC)`,
		`ALTER TABLE feeds DROP COLUMN retry_at`,
		"PRAGMA user_version = 3",
	} {
		if _, err := s.db.Exec(undo); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	s = openTest(t, path)
	a, err := s.Article(ctx, u, "a-0")
	if err != nil {
		t.Fatal(err)
	}
	if a.HasMarkdown {
		t.Errorf("the cached Markdown survived the migration: %q", a.Markdown)
	}
	b, err := s.Article(ctx, u, "a-1")
	if err != nil {
		t.Fatal(err)
	}
	if !b.Read {
		t.Error("the migration lost the read state")
	}
}

// TestSaveFeeds: several feeds saved in one transaction count what each
// brought, as SaveFeed would, and a save of them again finds each
// unchanged.
func TestSaveFeeds(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	saves := []FeedSave{
		{URL: "https://a.example/feed", Feed: testFeed("a", 3)},
		{URL: "https://b.example/feed", Feed: testFeed("b", 5), Result: FetchResult{Validators: fetch.Validators{ETag: `"b1"`, Digest: "d"}}},
	}
	out, err := s.SaveFeeds(ctx, saves)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0].New != 3 || out[1].New != 5 {
		t.Fatalf("SaveFeeds = %+v", out)
	}
	out, err = s.SaveFeeds(ctx, saves)
	if err != nil || out[0].Unchanged != 3 || out[1].Unchanged != 5 || out[0].New+out[1].New != 0 {
		t.Fatalf("SaveFeeds again = %+v, %v", out, err)
	}
	b, err := s.Feed(ctx, "https://b.example/feed")
	if err != nil || b.Items != 5 || b.Validators != saves[1].Result.Validators {
		t.Errorf("feed b = %+v, %v", b, err)
	}
}

// TestOpenRepairsFoldsNumberedThirteen: a cache that a build numbering the
// folds migration 13 brought to version 13 (folds, no items digest), or
// a later build then to 14, opens, gains the digest and saves feeds, read
// only too.
func TestOpenRepairsFoldsNumberedThirteen(t *testing.T) {
	for _, v := range []int{13, 14} {
		t.Run(fmt.Sprint(v), func(t *testing.T) { repairsDigest(t, v) })
	}
}

func repairsDigest(t *testing.T, version int) {
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s := openTest(t, path)
	for _, q := range []string{`ALTER TABLE feeds DROP COLUMN items_digest`, fmt.Sprintf(`PRAGMA user_version = %d`, version)} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	ro, err := Open(t.Context(), Options{Path: path, ReadOnly: true})
	if err != nil {
		t.Fatalf("a read-only open: %v", err)
	}
	if _, err := ro.Feeds(t.Context()); err != nil {
		t.Errorf("feeds of the repaired cache, read only: %v", err)
	}
	ro.Close()
	s = openTest(t, path)
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("user_version = %d, %v; want %d", v, err, SchemaVersion)
	}
	f := testFeed("https://a.example/", 3)
	if _, err := s.SaveFeed(t.Context(), f.Source, f, FetchResult{}); err != nil {
		t.Fatalf("saving into the repaired cache: %v", err)
	}
}

// TestOpenKeepsOldPageSize: a cache made with SQLite's 4 KiB pages, before
// new ones got 16 KiB, keeps them and its items, and takes new ones.
func TestOpenKeepsOldPageSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sokbo.db")
	old, err := sql.Open("sqlite", path+"?_pragma=page_size(4096)&_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	// As an older sokbo left it: at version 1, in 4 KiB pages.
	if _, err := old.Exec(migrations[0] + `; PRAGMA user_version = 1`); err != nil {
		t.Fatal(err)
	}
	old.Close()
	s := openTest(t, path)
	if _, err := s.SaveFeed(t.Context(), "https://example.com/feed.xml", testFeed("old", 3), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTest(t, path)
	var page int
	if err := s.db.QueryRow("PRAGMA page_size").Scan(&page); err != nil || page != 4096 {
		t.Errorf("page_size = %d, %v; want the old 4096", page, err)
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM items").Scan(&n); err != nil || n != 3 {
		t.Errorf("%d items, %v; want 3", n, err)
	}
}

// TestSaveCountsAcrossBatches saves feeds whose sizes cross the batches
// upsertItems writes in (64 items a statement, then halving), with nil
// items, a repeated ID, and a second save that changes some items, adds
// some and leaves the rest: the counts are right and every item reads
// back as it was given.
func TestSaveCountsAcrossBatches(t *testing.T) {
	ctx := t.Context()
	for _, n := range []int{1, 63, 64, 65, 150, 257} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			s := openTest(t, "")
			const u = "https://example.com/batches"
			f := testFeed("b", n)
			f.Items = append(f.Items, nil)
			f.Items = append([]*feed.Item{nil}, f.Items...)
			res, err := s.SaveFeed(ctx, u, f, FetchResult{})
			if err != nil {
				t.Fatal(err)
			}
			if res.New != n || res.Updated != 0 || res.Unchanged != 0 {
				t.Fatalf("first save: %+v, want %d new", res, n)
			}
			// Change every third item, add n/2 more, and repeat the first.
			g := testFeed("b", n+n/2)
			changed := 0
			for i, it := range g.Items[:n] {
				if i%3 == 0 {
					it.Title += " (수정)"
					changed++
				}
			}
			g.Items = append(g.Items, g.Items[0])
			res, err = s.SaveFeed(ctx, u, g, FetchResult{})
			if err != nil {
				t.Fatal(err)
			}
			if want := (SaveResult{New: n / 2, Updated: changed, Unchanged: n - changed + 1}); res.New != want.New || res.Updated != want.Updated || res.Unchanged != want.Unchanged {
				t.Fatalf("second save: %+v, want %+v", res, want)
			}
			got, err := s.LoadFeed(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			byID := map[string]*feed.Item{}
			for _, it := range got.Items {
				byID[it.ID] = it
			}
			if len(byID) != n+n/2 {
				t.Fatalf("%d items stored, want %d", len(byID), n+n/2)
			}
			for _, want := range g.Items {
				it := byID[want.ID]
				if it == nil || it.Title != want.Title || it.Body != want.Body || it.Link != want.Link || !it.Published.Equal(want.Published) {
					t.Fatalf("%s reads back as %+v, want %+v", want.ID, it, want)
				}
			}
		})
	}
}

// TestNewSchemaAsMigrated: a new database takes every migration in one
// transaction, and ends with the schema an old one gets step by step,
// one transaction a migration, from version 1.
func TestNewSchemaAsMigrated(t *testing.T) {
	schema := func(s *Store) string {
		rows, err := s.db.Query(`SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var typ, name, tbl, text string
			if err := rows.Scan(&typ, &name, &tbl, &text); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %s %s\n%s\n", typ, name, tbl, text)
		}
		var v int
		if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "version %d\n", v)
		return b.String()
	}
	fresh := openTest(t, "")
	path := filepath.Join(t.TempDir(), "sokbo.db")
	old, err := sql.Open("sqlite", path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Exec(migrations[0] + `; PRAGMA user_version = 1`); err != nil {
		t.Fatal(err)
	}
	old.Close()
	stepped := openTest(t, path)
	if a, b := schema(fresh), schema(stepped); a != b {
		t.Errorf("a new database's schema:\n%s\nis not the one migrated step by step:\n%s", a, b)
	}
}

// TestStarredCount counts a feed's starred items that are cached, and
// answers without an error.
func TestStarredCount(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	const u = "https://example.com/stars"
	if _, err := s.SaveFeed(ctx, u, testFeed("s", 3), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"s-0", "s-2"} {
		if err := s.SetStarred(ctx, u, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetStarred(ctx, u, "not-cached", true); err != nil {
		t.Fatal(err)
	}
	if n, err := s.StarredCount(ctx, u); n != 2 || err != nil {
		t.Errorf("StarredCount = %d, %v; want 2, nil", n, err)
	}
}
