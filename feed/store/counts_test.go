package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sokbo/feed"
)

// scannedCounts counts every feed's items and unread items from the items
// and state tables themselves, as Counts did before feed_counts: the
// truth the table must equal.
func scannedCounts(t testing.TB, db *sql.DB) map[string]FeedCount {
	t.Helper()
	out := map[string]FeedCount{}
	rows, err := db.Query(`
SELECT i.feed, count(*), count(*) - count(CASE WHEN s.read THEN 1 END)
FROM items i LEFT JOIN state s ON s.feed = i.feed AND s.id = i.id GROUP BY i.feed`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		var c FeedCount
		if err := rows.Scan(&u, &c.Items, &c.Unread); err != nil {
			t.Fatal(err)
		}
		out[u] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkCounts fails unless every reader of feed_counts agrees with the
// scan: Counts, UnreadCount, Feed, and the table's own rows, which hold
// no negative count and no row of zeros for a feed not cached.
func checkCounts(t *testing.T, s *Store, step string) {
	t.Helper()
	ctx := t.Context()
	want := scannedCounts(t, s.db)
	got, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, want) {
		t.Fatalf("after %s: Counts = %v, the scan says %v", step, got, want)
	}
	total := 0
	for u, c := range want {
		total += c.Unread
		if n, err := s.UnreadCount(ctx, u); err != nil || n != c.Unread {
			t.Fatalf("after %s: UnreadCount(%s) = %d, %v; want %d", step, u, n, err, c.Unread)
		}
	}
	if n, err := s.UnreadCount(ctx, ""); err != nil || n != total {
		t.Fatalf("after %s: UnreadCount(all) = %d, %v; want %d", step, n, err, total)
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		info, err := s.Feed(ctx, f.URL)
		if err != nil {
			t.Fatal(err)
		}
		if c := want[f.URL]; info.Items != c.Items || info.Unread != c.Unread {
			t.Fatalf("after %s: Feed(%s) counts %d items, %d unread; want %+v", step, f.URL, info.Items, info.Unread, c)
		}
	}
	rows, err := s.db.Query(`SELECT c.feed, c.items, c.unread, f.url IS NOT NULL FROM feed_counts c LEFT JOIN feeds f ON f.url = c.feed`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		var items, unread int
		var cached bool
		if err := rows.Scan(&u, &items, &unread, &cached); err != nil {
			t.Fatal(err)
		}
		if unread < 0 || unread > items || items == 0 && (unread != 0 || !cached) {
			t.Fatalf("after %s: feed_counts holds %s: %d items, %d unread (feed cached: %v)", step, u, items, unread, cached)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestCountsFollowEveryChange drives stores through random sequences of
// everything that adds, drops or marks items (saves with retention by
// count and by age, marks of cached items and of items not cached,
// toggles, mark-all, stars, feed removal, merging two feeds' keys), and
// of changes no code makes but the schema allows (an item or a mark moved
// to another key, a feed's row deleted with its items cascading, a read
// mark of 2), and checks after each step that feed_counts says what the
// scan says.
func TestCountsFollowEveryChange(t *testing.T) {
	seeds, steps := 40, 60
	if testing.Short() || raceEnabled {
		seeds, steps = 8, 40
	}
	for seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { randomCounts(t, uint64(seed), steps) })
	}
}

func randomCounts(t *testing.T, seed uint64, steps int) {
	ctx := context.Background()
	rnd := rand.New(rand.NewPCG(seed, 17))
	c := newClock()
	s, err := Open(ctx, Options{Path: filepath.Join(t.TempDir(), "sokbo.db"), Now: c.Now,
		Retention: Retention{Keep: 24 * time.Hour, MaxItems: 6}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	urls := []string{"https://a.example/rss", "https://b.example/rss", "https://c.example/rss"}
	url := func() string { return urls[rnd.IntN(len(urls))] }
	id := func() string { return fmt.Sprintf("n-%d", rnd.IntN(12)) }
	now := c.Now()
	// feedOf makes a feed of up to 9 of the 12 IDs, in a random order,
	// some dated past the retention age, some undated, some with
	// changed text.
	feedOf := func(u string) *feed.Feed {
		f := &feed.Feed{Title: u, Link: u}
		for _, k := range rnd.Perm(12)[:rnd.IntN(10)] {
			it := &feed.Item{ID: fmt.Sprintf("n-%d", k), Title: fmt.Sprintf("기사 %d %d", k, rnd.IntN(2)), Link: u + fmt.Sprint(k)}
			switch rnd.IntN(4) {
			case 0:
				it.Published = now.Add(-time.Duration(48+k) * time.Hour)
			case 1:
			default:
				it.Published = now.Add(-time.Duration(k) * time.Minute)
			}
			f.Items = append(f.Items, it)
		}
		return f
	}
	keys := func() []ItemKey {
		var out []ItemKey
		for range rnd.IntN(6) {
			out = append(out, ItemKey{Feed: url(), ID: id()})
		}
		return out
	}
	// raw runs a statement no code of the store runs; one that breaks a
	// constraint fails, and must leave the counts as they were.
	raw := func(q string, args ...any) {
		_, _ = s.db.ExecContext(ctx, q, args...)
	}
	for step := range steps {
		var what string
		var err error
		switch op := rnd.IntN(16); op {
		case 0, 1, 2:
			u := url()
			what = "saving " + u
			_, err = s.SaveFeed(ctx, u, feedOf(u), FetchResult{})
		case 3:
			what = "saving two feeds"
			_, err = s.SaveFeeds(ctx, []FeedSave{{URL: urls[0], Feed: feedOf(urls[0])}, {URL: urls[2], Feed: feedOf(urls[2])}})
		case 4, 5:
			what = "setting a read mark"
			err = s.SetRead(ctx, url(), id(), rnd.IntN(3) > 0)
		case 6:
			what = "toggling a read mark"
			_, err = s.ToggleRead(ctx, url(), id())
		case 7:
			what = "marking some read or unread"
			_, err = s.MarkRead(ctx, keys(), rnd.IntN(2) == 0)
		case 8:
			u := url()
			if rnd.IntN(3) == 0 {
				u = ""
			}
			what = "marking all read in " + u
			err = s.MarkAllRead(ctx, u)
		case 9:
			what = "starring"
			err = s.SetStarred(ctx, url(), id(), rnd.IntN(2) == 0)
		case 10:
			u := url()
			what = "removing " + u
			err = s.RemoveFeed(ctx, u)
		case 15:
			from, into := url(), url()
			what = "merging " + from + " into " + into
			if err = s.MergeFeed(ctx, from, into); errors.Is(err, ErrNotFound) {
				err = nil // one of them is not stored
			}
		case 11:
			what = "moving an item"
			if rnd.IntN(2) == 0 {
				raw(`UPDATE items SET id = ?3 WHERE feed = ?1 AND id = ?2`, url(), id(), id())
			} else {
				raw(`UPDATE items SET feed = ?3 WHERE feed = ?1 AND id = ?2`, url(), id(), url())
			}
		case 12:
			what = "moving a mark"
			if rnd.IntN(2) == 0 {
				raw(`UPDATE state SET id = ?3 WHERE feed = ?1 AND id = ?2`, url(), id(), id())
			} else {
				raw(`UPDATE state SET feed = ?3, read = ?4 WHERE feed = ?1 AND id = ?2`, url(), id(), url(), rnd.IntN(3))
			}
		case 13:
			what = "deleting marks and a feed's row"
			raw(`DELETE FROM state WHERE feed = ? AND id > ?`, url(), id())
			if rnd.IntN(3) == 0 {
				raw(`DELETE FROM feeds WHERE url = ?`, url()) // its items cascade
			}
		case 14:
			what = "a read mark of 2 and of 0"
			raw(`UPDATE state SET read = 2 WHERE feed = ? AND read`, url())
			raw(`UPDATE state SET read = 0 WHERE feed = ? AND id = ?`, url(), id())
		}
		if err != nil {
			t.Fatalf("step %d, %s: %v", step, what, err)
		}
		checkCounts(t, s, fmt.Sprintf("step %d, %s", step, what))
	}
}

// countsVersion is the schema version that made feed_counts.
var countsVersion = func() int {
	for i, m := range migrations {
		if strings.Contains(m, "CREATE TABLE IF NOT EXISTS feed_counts") {
			return i + 1
		}
	}
	panic("no migration makes feed_counts")
}()

// TestMigrationCountsCache: a cache at the version before feed_counts,
// with read marks of cached items and of items gone, unread items with
// no mark, and a feed with marks and no items, gets counts equal to the
// scan, and keeps them as it changes.
func TestMigrationCountsCache(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s := openTest(t, path)
	const a, b, gone = "https://a.example/rss", "https://b.example/rss", "https://gone.example/rss"
	for u, n := range map[string]int{a: 5, b: 3} {
		if _, err := s.SaveFeed(ctx, u, testFeed(u, n), FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []ItemKey{{a, a + "-0"}, {a, a + "-3"}, {a, "not cached"}, {b, b + "-2"}, {gone, "x"}} {
		if err := s.SetRead(ctx, k.Feed, k.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetStarred(ctx, a, a+"-1", true); err != nil { // a mark, not read
		t.Fatal(err)
	}
	// Back to the version before, as an older sokbo left it.
	for _, undo := range []string{
		`DROP TRIGGER feed_counts_item_added`,
		`DROP TRIGGER feed_counts_item_removed`,
		`DROP TRIGGER feed_counts_item_moved`,
		`DROP TRIGGER feed_counts_read_added`,
		`DROP TRIGGER feed_counts_read_removed`,
		`DROP TRIGGER feed_counts_read_changed`,
		`DROP TRIGGER feed_counts_feed_removed`,
		`DROP TABLE feed_counts`,
		fmt.Sprintf("PRAGMA user_version = %d", countsVersion-1),
	} {
		if _, err := s.db.Exec(undo); err != nil {
			t.Fatal(err)
		}
	}
	// What the older sokbo did meanwhile.
	if err := s.SetRead(ctx, b, b+"-0", true); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openTest(t, path)
	want := map[string]FeedCount{a: {Items: 5, Unread: 3}, b: {Items: 3, Unread: 1}}
	if got := scannedCounts(t, s.db); !maps.Equal(got, want) {
		t.Fatalf("the scan says %v; want %v", got, want)
	}
	checkCounts(t, s, "the migration")
	if _, err := s.SaveFeed(ctx, a, testFeed(a, 7), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFeed(ctx, b); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, "a save and a removal after it")
	if got, _ := s.Counts(ctx); !maps.Equal(got, map[string]FeedCount{a: {Items: 7, Unread: 5}}) {
		t.Errorf("Counts = %v", got)
	}

	// Run again over its own table (a version set back by hand), it
	// counts afresh.
	if _, err := s.db.Exec(`UPDATE feed_counts SET items = 99, unread = 98`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", countsVersion-1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTest(t, path)
	checkCounts(t, s, "the migration run again")
}
