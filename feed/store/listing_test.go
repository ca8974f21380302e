package store

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestListing: a listing's numbering is kept per set of sources, replaced
// by the next listing of them, and only the most recent few are kept.
func TestListing(t *testing.T) {
	ctx := t.Context()
	now := time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)
	s, err := Open(ctx, Options{Path: filepath.Join(t.TempDir(), "sokbo.db"), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rows []ListingRow
	for n := 1; n <= 450; n++ {
		rows = append(rows, ListingRow{N: n, M: 1, ItemKey: ItemKey{Feed: "https://a", ID: "id" + string(rune('가'+n))}})
	}
	rows = append(rows, ListingRow{N: 3, M: 2, ItemKey: ItemKey{Feed: "https://b", ID: "b3"}})
	if err := s.SaveListing(ctx, "", rows); err != nil {
		t.Fatal(err)
	}
	if k, err := s.ListingItem(ctx, "", 450, 1); err != nil || k.ID != "id"+string(rune('가'+450)) {
		t.Errorf("row 450: %v %v", k, err)
	}
	if k, err := s.ListingItem(ctx, "", 3, 2); err != nil || k != (ItemKey{"https://b", "b3"}) {
		t.Errorf("row 3.2: %v %v", k, err)
	}
	if n, err := s.ListingMembers(ctx, "", 3); err != nil || n != 2 {
		t.Errorf("row 3 holds %d, %v", n, err)
	}
	if _, err := s.ListingItem(ctx, "", 451, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("row 451: %v", err)
	}
	if made, ok, err := s.Listing(ctx, ""); !ok || err != nil || !made.Equal(now) {
		t.Errorf("Listing = %v %v %v", made, ok, err)
	}
	// The next listing replaces it whole.
	if err := s.SaveListing(ctx, "", rows[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ListingItem(ctx, "", 2, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("row 2 of a list of one: %v", err)
	}
	for i := range maxListings + 4 {
		now = now.Add(time.Second)
		if err := s.SaveListing(ctx, string(rune('a'+i)), rows[:2]); err != nil {
			t.Fatal(err)
		}
	}
	var listings int
	if err := s.db.QueryRow(`SELECT count(*) FROM listings`).Scan(&listings); err != nil {
		t.Fatal(err)
	}
	if listings != maxListings {
		t.Errorf("%d listings kept, want %d", listings, maxListings)
	}
	// A damaged numbering is said, not misread.
	if _, err := s.db.Exec(`UPDATE listings SET rows = x'05ff'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ListingItem(ctx, string(rune('a'+maxListings+3)), 1, 1); !errors.Is(err, ErrCorrupt) {
		t.Errorf("damaged listing: %v", err)
	}
	if _, ok, _ := s.Listing(ctx, ""); ok {
		t.Error("the oldest listing was kept")
	}
}

func TestWatchMarkAndSeenAfter(t *testing.T) {
	ctx := t.Context()
	now := time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)
	s, err := Open(ctx, Options{Path: filepath.Join(t.TempDir(), "sokbo.db"), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok, err := s.WatchMark(ctx, "w"); ok || err != nil {
		t.Fatalf("a new watch has a mark: %v %v", ok, err)
	}
	if _, err := s.SaveFeed(ctx, "https://a", testFeed("a", 3), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	first := now
	now = now.Add(time.Minute)
	if _, err := s.SaveFeed(ctx, "https://a", testFeed("a", 5), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	hs, err := s.SeenAfter(ctx, first, 0)
	if err != nil || len(hs) != 2 {
		t.Fatalf("seen after the first save: %d, %v", len(hs), err)
	}
	if hs[0].FeedName == "" || !hs[0].FirstSeen.Equal(now) {
		t.Errorf("headline %+v", hs[0])
	}
	if err := s.SetWatchMark(ctx, "w", now); err != nil {
		t.Fatal(err)
	}
	if err := s.SetWatchMark(ctx, "w", first); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := s.WatchMark(ctx, "w"); !ok || err != nil || !got.Equal(now) {
		t.Errorf("the mark went back: %v %v %v", got, ok, err)
	}
}

// TestParseInt64: the integers of a headline's row read as
// strconv.ParseInt reads them, over and under the int64 range too.
func TestParseInt64(t *testing.T) {
	for _, s := range []string{"0", "7", "-7", "1717200000000000000", "-1717200000000000000",
		"9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
		"18446744073709551615", "99999999999999999999", "", "-", "+1", " 1", "1 ", "1e3", "0x10", "１", "00012", "-0"} {
		want, err := strconv.ParseInt(s, 10, 64)
		got, ok := parseInt64(s)
		if ok != (err == nil && !strings.HasPrefix(s, "+")) || ok && got != want {
			t.Errorf("parseInt64(%q) = %d, %v; ParseInt: %d, %v", s, got, ok, want, err)
		}
	}
}

// TestEncodeListingSize: a listing's blob is made once, at its size.
func TestEncodeListingSize(t *testing.T) {
	var rows []ListingRow
	for i := range 300 {
		rows = append(rows, ListingRow{N: i * 1000, M: 1 + i%3, ItemKey: ItemKey{Feed: "https://newsdao.kr/rss/" + strconv.Itoa(i%7), ID: strings.Repeat("가", i)}})
	}
	for _, rs := range [][]ListingRow{nil, rows[:1], rows} {
		if b := encodeListing(rs); len(b) != cap(b) {
			t.Errorf("%d rows: a blob of %d bytes made with room for %d", len(rs), len(b), cap(b))
		}
	}
}
