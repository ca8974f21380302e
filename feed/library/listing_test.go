package library

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/store"
)

func listRows(t *testing.T, l *Library, src Sources) []string {
	t.Helper()
	var out []string
	problems, err := l.List(context.Background(), src, Everything, func(r *Row) error {
		s := fmt.Sprintf("%d %s", r.N, r.Title)
		if r.Folded() {
			s += fmt.Sprintf(" +%d (외 %d곳)", len(r.Members)-1, r.Others)
		}
		out = append(out, s)
		return nil
	})
	if err != nil || len(problems) > 0 {
		t.Fatalf("List: %v %v", problems, err)
	}
	return out
}

// TestStableNumbers: `read N` reads the N the last list printed, though
// news came in since; a new list numbers afresh.
func TestStableNumbers(t *testing.T) {
	l, st := newTestLibrary(t, nil)
	ctx := context.Background()
	src := Sources{Feeds: bothFeeds}
	rows := listRows(t, l, src)
	if fmt.Sprint(rows) != "[1 a 0 2 b 0 3 a 1 4 b 1 5 a 2]" {
		t.Fatalf("rows %q", rows)
	}
	// News arrives: a new item on top of a.
	f := items("https://a.example/", "a", 3, testNow.Add(-time.Hour))
	f.Items = append([]*feed.Item{{ID: "a-new", Title: "a 새 기사", Published: testNow, Source: "https://a.example/"}}, f.Items...)
	if _, err := st.SaveFeed(ctx, "https://a.example/", f, store.FetchResult{}); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"1": "a 0", "3": "a 1", "5": "a 2"} {
		e, _, err := l.Find(ctx, src, key)
		if err != nil || e.Title != want {
			t.Errorf("read %s after news came in: %v %v, want %q", key, e, err, want)
		}
	}
	for _, key := range []string{"6", "0"} {
		if _, _, err := l.Find(ctx, src, key); !errors.Is(err, feed.ErrNoItem) || !strings.Contains(err.Error(), "numbers 1 to 5)") {
			t.Errorf("read %s of a list of 5: %v", key, err)
		}
	}
	// Another source's listing is its own.
	one := Sources{Feeds: bothFeeds[1:], key: "https://b.example/"}
	if rows := listRows(t, l, one); len(rows) != 2 {
		t.Errorf("rows of b: %q", rows)
	}
	if e, _, err := l.Find(ctx, src, "1"); err != nil || e.Title != "a 0" {
		t.Errorf("listing b renumbered the subscriptions: %v %v", e, err)
	}
	// The next list numbers what is there now.
	listRows(t, l, src)
	if e, _, err := l.Find(ctx, src, "1"); err != nil || e.Title != "a 새 기사" {
		t.Errorf("read 1 after a new list: %v %v", e, err)
	}
	// An item the cache has dropped since is said to be gone.
	if err := st.RemoveFeed(ctx, "https://a.example/"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := l.Find(ctx, src, "1"); !errors.Is(err, ErrListingGone) {
		t.Errorf("read 1 of a dropped feed: %v", err)
	}
}

// TestListGroups: one story from two outlets is one row, its first report
// on it; N.M reads the Mth report.
func TestListGroups(t *testing.T) {
	l, st := newTestLibrary(t, nil)
	ctx := context.Background()
	story := func(src, id, title string, at time.Time) *feed.Feed {
		return &feed.Feed{Title: src, Source: src, Items: []*feed.Item{{ID: id, Title: title, Published: at, Source: src}}}
	}
	for _, f := range []*feed.Feed{
		story("https://a.example/", "a-s", "[속보] 가람시 전역 정전… 지하철 운행 중단", testNow.Add(-20*time.Minute)),
		story("https://b.example/", "b-s", "가람시 전역에 정전, 지하철 운행도 중단돼", testNow.Add(-10*time.Minute)),
	} {
		if _, err := st.SaveFeed(ctx, f.Source, f, store.FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	src := Sources{Feeds: bothFeeds}
	rows := listRows(t, l, src)
	if len(rows) != 6 || rows[0] != "1 [속보] 가람시 전역 정전… 지하철 운행 중단 +1 (외 1곳)" {
		t.Fatalf("rows %q", rows)
	}
	for key, want := range map[string]string{"1": "a-s", "1.1": "a-s", "1.2": "b-s"} {
		if e, _, err := l.Find(ctx, src, key); err != nil || e.ID != want {
			t.Errorf("read %s: %v %v, want %s", key, e, err, want)
		}
	}
	if _, _, err := l.Find(ctx, src, "1.3"); !errors.Is(err, feed.ErrNoItem) || !strings.Contains(err.Error(), "holds 2") {
		t.Errorf("read 1.3: %v", err)
	}
	// N.0 is a row reference that names no item, not a source, and
	// the error says why, keeping the reference as given.
	if _, _, err := l.Find(ctx, src, "1.0"); !errors.Is(err, feed.ErrNoItem) || !strings.Contains(err.Error(), "no such item: 1.0 (the reports of row 1 count from 1: 1.1)") {
		t.Errorf("read 1.0: %v", err)
	}
	if _, _, err := l.Find(ctx, src, "0.1"); !errors.Is(err, feed.ErrNoItem) || !strings.Contains(err.Error(), "no such item: 0.1 (") {
		t.Errorf("read 0.1: %v", err)
	}
	l.opts.NoGroup = true
	if rows := listRows(t, l, src); len(rows) != 7 {
		t.Errorf("--no-group: %q", rows)
	}
}

func TestParseRowRef(t *testing.T) {
	for key, want := range map[string]string{"3": "3.1", "3.2": "3.2", " 7 ": "7.1", "3.0": "3.0", "0.1": "0.1", "-3": "no", "3.-1": "no", "99999999999999999999": "9223372036854775807.1", "3.": "no", "+3": "no", "x": "no", "3.x": "no", "https://a/3": "no"} {
		n, m, ok := parseRowRef(key)
		got := "no"
		if ok {
			got = fmt.Sprintf("%d.%d", n, m)
		}
		if got != want {
			t.Errorf("%q: %s, want %s", key, got, want)
		}
	}
}
