package store

import (
	"testing"
	"time"

	"sokbo/feed"
)

// TestDayOrTime: whether an item's date names only a day (feed.DateOnly)
// survives the cache, with no column of its own: a day and a time given
// as 00:00:00 in Seoul, the same instant, come back apart, from every
// way of reading an item.
func TestDayOrTime(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	midnight := time.Date(2026, 12, 2, 0, 0, 0, 0, feed.Seoul)
	tests := []struct {
		id   string
		in   time.Time
		want time.Time
		day  bool
	}{
		{"day", feed.Day(2026, 12, 2), midnight, true},
		{"midnight", midnight.UTC(), midnight, false},
		{"midnight in Seoul", midnight, midnight, false},
		{"a second after", midnight.Add(time.Second), midnight.Add(time.Second), false},
		{"a day long ago", feed.Day(1901, 1, 1), time.Date(1901, 1, 1, 0, 0, 0, 0, feed.Seoul), true},
		{"midnight long ago", time.Date(1901, 1, 1, 0, 0, 0, 0, feed.Seoul), time.Date(1901, 1, 1, 0, 0, 0, 0, feed.Seoul), false},
		{"nanoseconds", midnight.Add(-time.Nanosecond), midnight.Add(-time.Nanosecond), false},
	}
	f := testFeed("d", len(tests))
	for i, tc := range tests {
		f.Items[i].ID, f.Items[i].Published = tc.id, tc.in
	}
	if _, err := s.SaveFeed(ctx, "https://d", f, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	check := func(how, id string, got time.Time) {
		t.Helper()
		for _, tc := range tests {
			if tc.id != id {
				continue
			}
			if !got.Equal(tc.want) || feed.DateOnly(got) != tc.day {
				t.Errorf("%s %q: %s (a day: %v), want %s (a day: %v)", how, id, got, feed.DateOnly(got), tc.want, tc.day)
			}
			if !tc.day && got.Location() != time.UTC {
				t.Errorf("%s %q: %s, not in UTC", how, id, got)
			}
			return
		}
		t.Errorf("%s: unknown item %q", how, id)
	}
	hs, err := s.Headlines(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != len(tests) {
		t.Fatalf("%d headlines, want %d", len(hs), len(tests))
	}
	for _, h := range hs {
		check("headline", h.ID, h.Published)
	}
	loaded, err := s.LoadFeed(ctx, "https://d")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range loaded.Items {
		check("item", it.ID, it.Published)
	}
	for _, tc := range tests {
		it, _, err := s.ReadArticle(ctx, "https://d", tc.id)
		if err != nil {
			t.Fatal(err)
		}
		check("article", tc.id, it.Published)
	}

	// A feed that turns a day into a time of the same instant has
	// changed, and the cache says so.
	f.Items[0].Published = midnight
	res, err := s.SaveFeed(ctx, "https://d", f, FetchResult{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 1 {
		t.Errorf("day to time: %+v, want 1 updated", res)
	}
	if loaded, err = s.LoadFeed(ctx, "https://d"); err != nil {
		t.Fatal(err)
	}
	if got := loaded.Items[0].Published; feed.DateOnly(got) || !got.Equal(midnight) {
		t.Errorf("after the change: %s, a day %v", got, feed.DateOnly(got))
	}
}

// TestDayDigest: the feed's digest, by which an unchanged body is not
// saved again, tells a day from a time at its midnight.
func TestDayDigest(t *testing.T) {
	a, b := testFeed("x", 1), testFeed("x", 1)
	a.Items[0].Published = feed.Day(2026, 12, 2)
	b.Items[0].Published = time.Date(2026, 12, 2, 0, 0, 0, 0, feed.Seoul)
	if ItemsDigest(a) == ItemsDigest(b) {
		t.Error("a day and a time at its midnight have one digest")
	}
}
