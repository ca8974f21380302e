package store

import (
	"errors"
	"slices"
	"testing"
)

// TestFeedTags: tags are added without repeats, cleaned, listed with the
// feed, kept through a refresh, and matched by tag: beside an item's
// categories.
func TestFeedTags(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", korean[:2]...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFeed(ctx, "https://o", newsFeed("o", korean[5:6]...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddFeedTags(ctx, "https://k", []string{"속보", " 경제\x1b[2J ", "속보", ""}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddFeedTags(ctx, "https://k", []string{"경제", "국내"}); err != nil {
		t.Fatal(err)
	}
	f, err := s.Feed(ctx, "https://k")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"속보", "경제", "국내"}; !slices.Equal(f.Tags, want) {
		t.Errorf("tags = %q, want %q", f.Tags, want)
	}
	// A refresh leaves them.
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", korean[:3]...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		want := []string(nil)
		if f.URL == "https://k" {
			want = []string{"속보", "경제", "국내"}
		}
		if !slices.Equal(f.Tags, want) {
			t.Errorf("%s: tags = %q, want %q", f.URL, f.Tags, want)
		}
	}
	// tag: is a feed's tag or an item's category; the headline's
	// categories stay the item's own.
	if got := searchIDs(t, s, "tag:경제", false); got != "k-0 k-1 k-2" {
		t.Errorf("tag:경제 = %q", got)
	}
	if got := searchIDs(t, s, "tag:정치 -tag:국내", false); got != "o-0" {
		t.Errorf("tag:정치 -tag:국내 = %q", got)
	}
	hs, err := s.Search(ctx, parseQuery(t, "tag:속보", false), 1)
	if err != nil || len(hs) != 1 || !slices.Equal(hs[0].Categories, []string{"정치"}) {
		t.Errorf("headline categories = %+v, %v", hs, err)
	}
	if err := s.SetFeedTags(ctx, "https://k", nil); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, "tag:경제", false); got != "" {
		t.Errorf("after clearing, tag:경제 = %q", got)
	}
	if err := s.AddFeedTags(ctx, "https://nowhere", []string{"x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("tagging a feed not stored: %v", err)
	}
}
