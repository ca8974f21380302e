package store

import (
	"maps"
	"slices"
	"testing"
)

// TestMergeFeed: merging a page's row into its feed's loses nothing: the
// items only the page held, their full texts, every mark under either
// key, the tags, the subscription; the feed keeps its name, or takes the
// page's.
func TestMergeFeed(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	const page, fd = "https://example.com/page.html", "https://example.com/feed.xml"
	if _, err := s.SaveFeed(ctx, fd, testFeed("a", 4), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFeed(ctx, page, testFeed("a", 5), FetchResult{FeedURL: fd}); err != nil {
		t.Fatal(err)
	}
	if err := s.Subscribe(ctx, page, "P"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFeedTags(ctx, fd, []string{"뉴스"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFeedTags(ctx, page, []string{"속보", "뉴스"}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		feed, id      string
		read, starred bool
	}{
		{fd, "a-0", true, false},
		{page, "a-1", false, true},
		{page, "a-4", true, true}, // only the page has a-4
		{fd, "a-2", true, true},
		{page, "a-2", false, false},
		{page, "gone", false, true}, // a starred item no longer cached
	} {
		if err := s.SetRead(ctx, m.feed, m.id, m.read); err != nil {
			t.Fatal(err)
		}
		if err := s.SetStarred(ctx, m.feed, m.id, m.starred); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveFullText(ctx, page, "a-4", "https://example.com/a/4", FullText{URL: "https://example.com/a/4", Via: "readability", HTML: "<p>본문</p>"}); err != nil {
		t.Fatal(err)
	}

	if err := s.MergeFeed(ctx, page, fd); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Feed(ctx, page); err == nil {
		t.Error("the page's row is still stored")
	}
	f, err := s.Feed(ctx, fd)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "P" || !f.Subscribed || f.Items != 5 || !slices.Equal(f.Tags, []string{"뉴스", "속보"}) {
		t.Errorf("merged feed: name %q, subscribed %v, %d items, tags %q", f.Name, f.Subscribed, f.Items, f.Tags)
	}
	states, err := s.States(ctx, fd)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]State{"a-0": {Read: true}, "a-1": {Starred: true}, "a-2": {Read: true, Starred: true}, "a-4": {Read: true, Starred: true}, "gone": {Starred: true}}
	if !maps.Equal(states, want) {
		t.Errorf("marks %v, want %v", states, want)
	}
	if ft, err := s.FullText(ctx, fd, "a-4"); err != nil || ft.HTML != "<p>본문</p>" {
		t.Errorf("full text: %+v, %v", ft, err)
	}
	if left, err := s.States(ctx, page); err != nil || len(left) != 0 {
		t.Errorf("marks left under the page: %v, %v", left, err)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
	// The moved item is found by search, under the feed, once indexed.
	if _, err := s.UpdateIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if hs, err := s.Search(ctx, parseQuery(t, "기사 4", false), 0); err != nil || len(hs) != 1 || hs[0].Feed != fd {
		t.Errorf("search: %+v, %v", hs, err)
	}

	// A named feed keeps its name; a feed not stored is an error.
	if _, err := s.SaveFeed(ctx, page, testFeed("a", 1), FetchResult{FeedURL: fd}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddFeed(ctx, page, "Q"); err != nil {
		t.Fatal(err)
	}
	if err := s.MergeFeed(ctx, page, fd); err != nil {
		t.Fatal(err)
	}
	if f, _ := s.Feed(ctx, fd); f.Name != "P" {
		t.Errorf("name %q, want P", f.Name)
	}
	if err := s.MergeFeed(ctx, "https://example.com/none", fd); err == nil {
		t.Error("merging a feed not stored: no error")
	}
}
