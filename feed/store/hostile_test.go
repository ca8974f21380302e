package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/clean/cleantest"
	"sokbo/feed/fetch"
)

// TestRefreshNeverUndoesMarks runs a refresh loop in one store handle, as
// a cron `sokbo refresh` would, while another handle, as the TUI would,
// toggles stars and read marks on the same items. Every mark must be
// there afterwards.
func TestRefreshNeverUndoesMarks(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	refresher := openTest(t, path)
	tui := openTest(t, path)
	const u = "https://example.com/a"
	if _, err := refresher.SaveFeed(ctx, u, testFeed("a", 50), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		for i := range 30 {
			f := testFeed("a", 50)
			f.Items[0].Title = fmt.Sprintf("고침 %d", i) // an update each time
			if _, err := refresher.SaveFeed(ctx, u, f, FetchResult{}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	want := map[string]bool{}
	for i := range 50 {
		id := fmt.Sprintf("a-%d", i)
		on, err := tui.ToggleStarred(ctx, u, id)
		if err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 { // and some twice: off again
			if on, err = tui.ToggleStarred(ctx, u, id); err != nil {
				t.Fatal(err)
			}
		}
		want[id] = on
		if err := tui.SetRead(ctx, u, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	hs, err := refresher.Headlines(ctx, Query{Feed: u})
	if err != nil {
		t.Fatal(err)
	}
	lost := 0
	for _, h := range hs {
		if h.Starred != want[h.ID] || !h.Read {
			lost++
			t.Errorf("%s: starred %v read %v, want starred %v read", h.ID, h.Starred, h.Read, want[h.ID])
		}
	}
	if len(hs) != 50 || lost > 0 {
		t.Fatalf("%d headlines, %d marks lost", len(hs), lost)
	}
}

func TestStatesAndChanges(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	const u = "https://example.com/a"
	if _, err := s.SaveFeed(ctx, u, testFeed("a", 5), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	before := s.now()
	if on, err := s.ToggleRead(ctx, u, "a-1"); err != nil || !on {
		t.Fatalf("ToggleRead = %v, %v", on, err)
	}
	n, err := s.MarkRead(ctx, []ItemKey{{u, "a-1"}, {u, "a-2"}, {u, "a-3"}}, true)
	if err != nil || n != 2 {
		t.Fatalf("MarkRead = %d, %v; want 2 changed (a-1 was read)", n, err)
	}
	if on, err := s.ToggleStarred(ctx, u, "a-4"); err != nil || !on {
		t.Fatalf("ToggleStarred = %v, %v", on, err)
	}
	st, err := s.States(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if st["a-0"].Read || !st["a-1"].Read || !st["a-4"].Starred || st["a-4"].Read {
		t.Fatalf("States = %+v", st)
	}
	ch, err := s.StateChanges(ctx, before)
	if err != nil || len(ch) != 4 {
		t.Fatalf("StateChanges = %+v, %v; want a-1, a-2, a-3, a-4", ch, err)
	}
}

// TestReadOnlyOpen opens a copy of a store read-only, with the file and
// its folder read-only: it reads, writes nothing, and refuses writes.
func TestReadOnlyOpen(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	path := filepath.Join(dir, "sokbo.db")
	s := openTest(t, path)
	const u = "https://example.com/a"
	if _, err := s.SaveFeed(ctx, u, testFeed("a", 3), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	roDir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(roDir, 0o755); err != nil {
		t.Fatal(err)
	}
	roPath := filepath.Join(roDir, "sokbo.db")
	copyFile(t, path, roPath)
	if err := os.Chmod(roPath, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(roDir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(roDir, 0o755) })
	info, _ := os.Stat(roPath)

	ro, err := Open(ctx, Options{Path: roPath, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	hs, err := ro.Headlines(ctx, Query{})
	if err != nil || len(hs) != 3 {
		t.Fatalf("Headlines = %d, %v", len(hs), err)
	}
	if err := ro.SetRead(ctx, u, "a-0", true); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("SetRead on a read-only store: %v", err)
	}
	if _, err := ro.SaveFeed(ctx, u, testFeed("a", 3), FetchResult{}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("SaveFeed on a read-only store: %v", err)
	}
	after, _ := os.Stat(roPath)
	if !after.ModTime().Equal(info.ModTime()) || after.Size() != info.Size() {
		t.Fatal("a read-only open changed the database file")
	}

	// A read-only open of a missing store says so and makes nothing.
	_, err = Open(ctx, Options{Path: filepath.Join(dir, "none.db"), ReadOnly: true})
	if err == nil {
		t.Fatal("opened a missing store")
	}
	if _, serr := os.Stat(filepath.Join(dir, "none.db")); serr == nil {
		t.Fatal("a read-only open created the file")
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestOpenBesideAWriter holds a write transaction open in one handle
// while others open the store, read-only and read-write, and read: none
// waits for the writer.
func TestOpenBesideAWriter(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	w := openTest(t, path)
	const u = "https://example.com/a"
	if _, err := w.SaveFeed(ctx, u, testFeed("a", 3), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	tx, err := w.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE feeds SET title = 'x'`); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{true, false} {
		// A busy timeout long enough that any wait for the lock would
		// fail the test's deadline below.
		ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		s, err := Open(ctx, Options{Path: path, ReadOnly: ro, BusyTimeout: time.Minute})
		if err != nil {
			cancel()
			t.Fatalf("read-only %v: %v", ro, err)
		}
		hs, err := s.Headlines(ctx, Query{})
		cancel()
		s.Close()
		if err != nil || len(hs) != 3 {
			t.Fatalf("read-only %v: Headlines = %d, %v", ro, len(hs), err)
		}
	}
}

// TestConcurrentWriters runs six store handles, as six `sokbo refresh`
// processes, each saving feeds with a busy timeout short enough that
// they collide: every save must succeed.
func TestConcurrentWriters(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	openTest(t, path) // create and migrate once
	var wg sync.WaitGroup
	errs := make(chan error, 6*10)
	for p := range 6 {
		s, err := Open(ctx, Options{Path: path, Now: newClock().Now, BusyTimeout: 10 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		wg.Go(func() {
			for i := range 10 {
				u := fmt.Sprintf("https://example.com/%d", i)
				if _, err := s.SaveFeed(ctx, u, testFeed(fmt.Sprint(p), 200), FetchResult{}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestRetentionRotatingFeed saves a feed whose GUIDs change on every
// fetch: the store keeps at most MaxItems (plus the feed's own), never
// drops a starred item, and its file stops growing.
func TestRetentionRotatingFeed(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	c := newClock()
	s, err := Open(ctx, Options{Path: path, Now: c.Now, Retention: Retention{MaxItems: 300}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const u = "https://example.com/rot"
	const rounds = 60
	var sizes []int64
	for round := range rounds {
		f := testFeed(fmt.Sprintf("r%d", round), 100)
		for _, it := range f.Items {
			it.Body = string(make([]byte, 2000)) + it.Body // a page each
		}
		if _, err := s.SaveFeed(ctx, u, f, FetchResult{}); err != nil {
			t.Fatal(err)
		}
		// As a refresh round of 100 items does: the index queue holds
		// the dropped items too until it is indexed.
		if _, err := s.UpdateIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if round == 0 {
			if _, err := s.ToggleStarred(ctx, u, "r0-7"); err != nil {
				t.Fatal(err)
			}
		}
		sz, err := s.DiskSize(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, sz.Bytes-sz.Free)
	}
	info, err := s.Feed(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if info.Items > 301 {
		t.Fatalf("%d items kept, want at most 300 and the starred one", info.Items)
	}
	if _, err := s.Article(ctx, u, "r0-7"); err != nil {
		t.Fatalf("the starred item was dropped: %v", err)
	}
	for _, id := range []string{fmt.Sprintf("r%d-0", rounds-1), fmt.Sprintf("r%d-99", rounds-1)} {
		if _, err := s.Article(ctx, u, id); err != nil {
			t.Fatalf("an item of the last fetch was dropped: %v", err)
		}
	}
	// Pages fill and empty unevenly as items come and go (a 16 KiB page
	// holds four or five of these), so the used size wavers a little
	// from round to round: what is asserted is that it levels off once
	// the cap is reached.
	early, late := slices.Max(sizes[10:20]), slices.Max(sizes[rounds-20:])
	if late > early*6/5 {
		t.Fatalf("used size grew from at most %d bytes in rounds 11-20 to %d in the last 20", early, late)
	}
	t.Logf("used bytes after rounds 5, 10, 20, 40, %d: %d %d %d %d %d", rounds, sizes[4], sizes[9], sizes[19], sizes[39], sizes[rounds-1])
}

func TestRetentionByAge(t *testing.T) {
	ctx := t.Context()
	c := newClock()
	s, err := Open(ctx, Options{Path: filepath.Join(t.TempDir(), "sokbo.db"), Now: c.Now, Retention: Retention{Keep: 24 * time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const u = "https://example.com/age"
	old := testFeed("old", 3) // dated 2024-07-14, a day before the clock
	for _, it := range old.Items {
		it.Published = it.Published.Add(-48 * time.Hour)
	}
	if _, err := s.SaveFeed(ctx, u, old, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	// Still in the feed: kept, though old.
	if info, _ := s.Feed(ctx, u); info.Items != 3 {
		t.Fatalf("%d items, want the 3 the feed still lists", info.Items)
	}
	if _, err := s.ToggleStarred(ctx, u, "old-1"); err != nil {
		t.Fatal(err)
	}
	res, err := s.SaveFeed(ctx, u, testFeed("new", 2), FetchResult{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dropped != 2 {
		t.Fatalf("dropped %d, want old-0 and old-2", res.Dropped)
	}
	if _, err := s.Article(ctx, u, "old-1"); err != nil {
		t.Fatal("the starred old item was dropped")
	}
}

func TestSubscribeVariantsOnce(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	first, err := s.AddSubscription(ctx, "HTTP://Example.COM:80/feed.xml#top", "")
	if err != nil {
		t.Fatal(err)
	}
	if first.URL != "http://example.com/feed.xml" || first.Already {
		t.Fatalf("first = %+v", first)
	}
	for _, v := range []string{"http://example.com/feed.xml", "http://EXAMPLE.com/feed.xml#x", "http://example.com:80/feed.xml"} {
		got, err := s.AddSubscription(ctx, v, "")
		if err != nil || !got.Already || got.URL != first.URL {
			t.Fatalf("%s: %+v, %v", v, got, err)
		}
	}
	feeds, err := s.Feeds(ctx)
	if err != nil || len(feeds) != 1 {
		t.Fatalf("%d feeds, %v", len(feeds), err)
	}
	// A refresh under another spelling finds the same feed.
	if err := s.AddFeed(ctx, "http://Example.com/feed.xml", ""); err != nil {
		t.Fatal(err)
	}
	if info, err := s.Feed(ctx, "http://Example.com/feed.xml#a"); err != nil || info.URL != first.URL {
		t.Fatalf("Feed(variant) = %+v, %v", info, err)
	}
	// Rows an older sokbo stored under two spellings are reported.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO feeds (url) VALUES ('HTTP://EXAMPLE.COM/feed.xml')`); err != nil {
		t.Fatal(err)
	}
	dups, err := s.DuplicateFeeds(ctx)
	if err != nil || len(dups) != 1 || len(dups[0]) != 2 {
		t.Fatalf("DuplicateFeeds = %v, %v", dups, err)
	}
}

func TestStoredErrorsAreClean(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	const u = "https://example.com/a"
	hostile := &fetch.HTTPError{StatusCode: 503, Status: clean.Outside("503 \x1b]0;PWN\a\u009b2J\u202eevil"), RetryAfter: time.Hour}
	if err := s.SaveError(ctx, u, fmt.Errorf("raw %s: %w", "\x1b[31m\u0085", hostile)); err != nil {
		t.Fatal(err)
	}
	info, err := s.Feed(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	cleantest.AssertClean(t, info.LastError)
	if info.RetryAt.IsZero() {
		t.Error("Retry-After was not recorded")
	}
	var raw string
	if err := s.db.QueryRowContext(ctx, `SELECT last_error FROM feeds WHERE url = ?`, u).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	cleantest.AssertClean(t, raw)

	// A row an older sokbo stored raw is cleaned on the way out.
	if _, err := s.db.ExecContext(ctx, `UPDATE feeds SET last_error = ?, name = ? WHERE url = ?`, "http 503 \x1b]52;c;eA==\a\u009d0;x\u009c", "\x1b[2J", u); err != nil {
		t.Fatal(err)
	}
	for _, get := range []func() (FeedInfo, error){
		func() (FeedInfo, error) { return s.Feed(ctx, u) },
		func() (FeedInfo, error) { fs, err := s.Feeds(ctx); return fs[0], err },
	} {
		info, err := get()
		if err != nil {
			t.Fatal(err)
		}
		cleantest.AssertClean(t, info.LastError)
		cleantest.AssertClean(t, info.DisplayName())
	}
}

func TestCorruptDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sokbo.db")
	if err := os.WriteFile(path, []byte("SQLite format 3\x00 this is not a database at all, just bytes"+string(make([]byte, 4096))), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		_, err := Open(t.Context(), Options{Path: path, ReadOnly: ro})
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("read-only %v: err = %v, want ErrCorrupt", ro, err)
		}
		cleantest.AssertClean(t, err.Error())
	}
}

// TestStalledReaderDoesNotPinTheWAL starts a headline walk and stalls in
// its callback, as `sokbo list | less` left open does, while another
// handle writes: a full checkpoint must still succeed, so the WAL cannot
// grow without bound.
func TestStalledReaderDoesNotPinTheWAL(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	r := openTest(t, path)
	w := openTest(t, path)
	const u = "https://example.com/a"
	if _, err := w.SaveFeed(ctx, u, testFeed("a", 3*headlineChunk), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	stalled, release := make(chan struct{}), make(chan struct{})
	walked := make(chan error)
	n := 0
	go func() {
		walked <- r.EachHeadline(ctx, Query{}, func(h *Headline) error {
			if n++; n == 10 {
				close(stalled)
				<-release
			}
			return nil
		})
	}()
	<-stalled
	for i := range 5 {
		if _, err := w.SaveFeed(ctx, u, testFeed(fmt.Sprint("b", i), 200), FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	var busy, logPages, done int
	if err := w.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done); err != nil {
		t.Fatal(err)
	}
	close(release)
	if err := <-walked; err != nil {
		t.Fatal(err)
	}
	if busy != 0 {
		t.Fatalf("checkpoint blocked by the stalled reader (busy=%d, %d of %d pages)", busy, done, logPages)
	}
	if n != 3*headlineChunk+5*200 && n != 3*headlineChunk {
		t.Logf("walked %d headlines", n)
	}
}

// TestEachHeadlineChunksKeepOrder checks the chunked walk against one
// query, with ties in sort time across feeds.
func TestEachHeadlineChunksKeepOrder(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	for _, p := range []string{"b", "a", "c"} {
		f := testFeed(p, headlineChunk+7)
		for i, it := range f.Items {
			it.Published = base.Add(-time.Duration(i/3) * time.Minute) // ties
		}
		if _, err := s.SaveFeed(ctx, "https://example.com/"+p, f, FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT feed, id FROM items ORDER BY sort_time DESC, feed, id`)
	if err != nil {
		t.Fatal(err)
	}
	var want []ItemKey
	for rows.Next() {
		var k ItemKey
		if err := rows.Scan(&k.Feed, &k.ID); err != nil {
			t.Fatal(err)
		}
		want = append(want, k)
	}
	rows.Close()
	var got []ItemKey
	if err := s.EachHeadline(ctx, Query{}, func(h *Headline) error {
		got = append(got, ItemKey{h.Feed, h.ID})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d headlines, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("headline %d = %v, want %v", i, got[i], want[i])
		}
	}
	limited, err := s.Headlines(ctx, Query{Feed: "https://example.com/a", Limit: headlineChunk + 3})
	if err != nil || len(limited) != headlineChunk+3 {
		t.Fatalf("Limit: %d, %v", len(limited), err)
	}
}

// TestUndatedItemsAreLinear: each undated item before the first dated one
// used to look ahead for it, which made 100k undated items 5·10⁹ steps.
func TestUndatedItemsAreLinear(t *testing.T) {
	items := make([]*feed.Item, 100_000)
	for i := range items {
		items[i] = &feed.Item{ID: fmt.Sprint(i)}
	}
	items[len(items)-1].Published = base
	times := neighbourTimes(items, base.Add(time.Hour))
	if times[0] != base.UnixNano() || times[1] != base.UnixNano()-1 {
		t.Fatalf("times start %d %d, want the dated item's time, then one less", times[0], times[1])
	}
}

// TestFullDisk fills the database to a page cap, as a full disk would:
// the save fails with ErrFull, what was stored stays, and the failure
// can still be recorded for `feeds ls`.
func TestFullDisk(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	const u = "https://example.com/a"
	if _, err := s.SaveFeed(ctx, u, testFeed("a", 5), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	s.db.SetMaxOpenConns(1) // the cap below is the connection's
	var pages int
	if err := s.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	big := testFeed("big", 500)
	_, err := s.SaveFeed(ctx, u, big, FetchResult{})
	if !errors.Is(err, ErrFull) {
		t.Fatalf("err = %v, want ErrFull", err)
	}
	cleantest.AssertClean(t, err.Error())
	if err := s.SaveError(ctx, u, err); err != nil {
		t.Fatalf("recording the failure: %v", err)
	}
	info, err := s.Feed(ctx, u)
	if err != nil || info.Items != 5 || !strings.Contains(info.LastError, "disk is full") {
		t.Fatalf("after a full disk: %+v, %v", info, err)
	}
}

func TestUnprintableAddressNotStored(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	for _, u := range []string{"https://example.com/\u0085", "https://example.com/\u202eevil", "https://example.com/\x1b[2J"} {
		if err := s.Subscribe(ctx, u, ""); !errors.Is(err, clean.ErrUnprintableURL) {
			t.Errorf("Subscribe(%q) = %v", u, err)
		} else {
			cleantest.AssertClean(t, err.Error())
		}
		if err := s.AddFeed(ctx, u, ""); !errors.Is(err, clean.ErrUnprintableURL) {
			t.Errorf("AddFeed(%q) = %v", u, err)
		}
	}
	if feeds, _ := s.Feeds(ctx); len(feeds) != 0 {
		t.Fatalf("%d feeds stored", len(feeds))
	}
}

// TestNotADatabase: a file that does not start as an SQLite database (a
// text file, random bytes, /proc/version, whose size reads as 0) is not
// a sokbo cache, said with its path, and is never written to; an empty
// file is a new cache.
func TestNotADatabase(t *testing.T) {
	dir := t.TempDir()
	paths := map[string][]byte{"text.db": []byte("hello\n"), "random.db": {0x8f, 0x01, 0xfe, 'S', 'Q', 0, 0, 7}}
	var files []string
	for name, b := range paths {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	if _, err := os.Stat("/proc/version"); err == nil {
		files = append(files, "/proc/version")
	}
	for _, path := range files {
		before, _ := os.ReadFile(path)
		for _, ro := range []bool{false, true} {
			_, err := Open(t.Context(), Options{Path: path, ReadOnly: ro})
			var pe *fs.PathError
			if !errors.Is(err, ErrNotCache) || !errors.As(err, &pe) || pe.Path != path {
				t.Errorf("%s, read-only %v: err = %v, want ErrNotCache naming the file", path, ro, err)
			}
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Errorf("%s was written to", path)
		}
	}
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(t.Context(), Options{Path: empty})
	if err != nil {
		t.Fatalf("an empty file: %v", err)
	}
	s.Close()
}

// TestHeadlinesWhoseTextDoesNotPart: a cache an older sokbo wrote may hold
// U+001E, which parts the one text a headline is read as, in a title, an
// ID or a link; such rows are read again column by column, in their
// place, including at a chunk's end, where the next chunk starts, and
// undated ones.
func TestHeadlinesWhoseTextDoesNotPart(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	f := testFeed("a", headlineChunk+5)
	f.Items[3].Published = time.Time{}
	f.Items[4].Published = time.Time{}
	f.Items[5].Categories = nil
	if _, err := s.SaveFeed(ctx, "https://example.com/a", f, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Headlines(ctx, Query{})
	if err != nil || len(before) != len(f.Items) {
		t.Fatalf("Headlines = %d, %v", len(before), err)
	}
	// The last of the first chunk, one beside it, an undated one.
	mangled := map[string]bool{before[headlineChunk-1].ID: true, before[10].ID: true, "a-4": true}
	for id := range mangled {
		if _, err := s.db.ExecContext(ctx, `UPDATE items SET title = title || x'1e' || '끝', link = link || x'1e' WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
	}
	after, err := s.Headlines(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Fatalf("%d headlines after, %d before", len(after), len(before))
	}
	for i, h := range after {
		want := before[i]
		if mangled[want.ID] {
			want.Title += "\x1e끝"
			want.Link += "\x1e"
		}
		if !reflect.DeepEqual(h, want) {
			t.Errorf("headline %d = %+v\nwant %+v", i, h, want)
		}
	}
	// A row deleted before it is read again is left out.
	w := headlineWalk{s: s, interned: map[string]string{}}
	chunk := []Headline{{Feed: "x", ID: "y"}}
	if err := w.readAgain(ctx, chunk, []string{""}, []int64{0}, []rowAgain{{0, 1 << 40}}); err != nil || chunk[0].Feed != "" {
		t.Errorf("readAgain of a deleted row = %+v, %v; want it emptied", chunk[0], err)
	}
}

// TestForeignDatabase: an SQLite database another program made, given as
// the cache, is not a sokbo cache, said with its path, and is left byte
// for byte as it was (no WAL switch, no tables added), for a write open
// and a read-only one; an SQLite file without any schema is a new cache,
// and an older sokbo's cache, whose header names no application, is
// still one and is marked as sokbo's.
func TestForeignDatabase(t *testing.T) {
	dir := t.TempDir()
	makeDB := func(name string, stmts ...string) string {
		p := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range stmts {
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%s: %s: %v", name, q, err)
			}
		}
		db.Close()
		return p
	}
	foreign := []string{
		makeDB("notes.db", `CREATE TABLE notes (x TEXT)`, `INSERT INTO notes VALUES ('메모')`),
		makeDB("versioned.db", `CREATE TABLE things (x)`, `PRAGMA user_version = 3`),
		makeDB("named.db", `PRAGMA application_id = 42`, `CREATE TABLE feeds (url)`),
		makeDB("lookalike.db", `CREATE TABLE feeds (url)`, `CREATE TABLE items (feed)`),
	}
	for _, path := range foreign {
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, ro := range []bool{false, true} {
			_, err := Open(t.Context(), Options{Path: path, ReadOnly: ro})
			var pe *fs.PathError
			if !errors.Is(err, ErrForeign) || !errors.Is(err, ErrNotCache) || !errors.As(err, &pe) || pe.Path != path {
				t.Errorf("%s, read-only %v: err = %v, want ErrForeign naming the file", filepath.Base(path), ro, err)
			}
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
			t.Errorf("%s was written to", filepath.Base(path))
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Errorf("%s got a WAL", filepath.Base(path))
		}
	}

	bare := makeDB("bare.db", `PRAGMA page_size = 4096`, `VACUUM`)
	if fi, err := os.Stat(bare); err != nil || fi.Size() == 0 {
		t.Fatalf("bare.db: %v, %v", fi, err)
	}
	s, err := Open(t.Context(), Options{Path: bare})
	if err != nil {
		t.Fatalf("an SQLite file with no schema: %v", err)
	}
	s.Close()

	// An older sokbo's cache: its header names no application. It is at
	// the version before the step that names it.
	old := filepath.Join(dir, "old.db")
	s = openTest(t, old)
	before := slices.IndexFunc(migrations[:], func(m string) bool { return strings.Contains(m, "application_id") })
	if _, err := s.db.Exec(fmt.Sprintf(`PRAGMA application_id = 0; PRAGMA user_version = %d`, before)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, ro := range []bool{true, false} {
		s, err := Open(t.Context(), Options{Path: old, ReadOnly: ro})
		if err != nil {
			t.Fatalf("an older cache, read-only %v: %v", ro, err)
		}
		var id int
		if err := s.db.QueryRow(`PRAGMA application_id`).Scan(&id); err != nil || id != applicationID {
			t.Errorf("application_id = %d, %v; want %d", id, err, applicationID)
		}
		s.Close()
	}
}
