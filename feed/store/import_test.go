package store

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestImportSubscriptions: one transaction does what AddSubscription,
// AddFeedTags and Subscribe did per entry: a stored feed not subscribed
// is subscribed and counts as new, under any spelling of its address; a
// subscribed one keeps its name and gains tags; an address listed twice
// is one feed; a new feed takes the entry's name.
func TestImportSubscriptions(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	// Cached by a one-off read, never subscribed.
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", korean[:1]...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Subscribe(ctx, "https://o.example/rss", "내 이름"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddFeedTags(ctx, "https://o.example/rss", []string{"정치"}); err != nil {
		t.Fatal(err)
	}
	added, _, err := s.ImportSubscriptions(ctx, []ImportEntry{
		{URL: "HTTPS://K", Name: "케이"},
		{URL: "https://o.example/rss#top", Name: "파일 속 이름", Tags: []string{"속보", "정치"}},
		{URL: "https://new.example/rss", Name: "새 피드\x1b[2J", Tags: []string{"경제"}},
		{URL: "https://new.example/rss", Name: "두 번째", Tags: []string{"국내"}},
		{URL: "https://bare.example/rss"},
	})
	if err != nil || added != 3 {
		t.Fatalf("ImportSubscriptions = %d, %v; want 3 new", added, err)
	}
	want := map[string]struct {
		name string
		tags []string
	}{
		"https://k":                {"케이", nil},
		"https://o.example/rss":    {"내 이름", []string{"정치", "속보"}},
		"https://new.example/rss":  {"새 피드", []string{"경제", "국내"}},
		"https://bare.example/rss": {"", nil},
	}
	for u, w := range want {
		f, err := s.Feed(ctx, u)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if !f.Subscribed || f.Name != w.name || !slices.Equal(f.Tags, w.tags) {
			t.Errorf("%s: subscribed %v, name %q, tags %q; want %q %q", u, f.Subscribed, f.Name, f.Tags, w.name, w.tags)
		}
	}
	feeds, err := s.Feeds(ctx)
	if err != nil || len(feeds) != len(want) {
		t.Errorf("stored %d feeds, %v; want %d", len(feeds), err, len(want))
	}
	// Again: nothing new, nothing renamed.
	if added, _, err := s.ImportSubscriptions(ctx, []ImportEntry{{URL: "https://k", Name: "다른 이름"}}); err != nil || added != 0 {
		t.Errorf("again = %d, %v; want 0", added, err)
	}
	if f, _ := s.Feed(ctx, "https://k"); f.Name != "케이" {
		t.Errorf("name after a second import = %q", f.Name)
	}
}

// TestImportSubscriptionsRefused: an unprintable address refuses the
// whole import before anything is written.
func TestImportSubscriptionsRefused(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	_, _, err := s.ImportSubscriptions(ctx, []ImportEntry{{URL: "https://a.example/rss"}, {URL: "https://b.example/\x1b[2J"}})
	if err == nil {
		t.Fatal("no error for an unprintable address")
	}
	if feeds, _ := s.Feeds(ctx); len(feeds) != 0 {
		t.Errorf("stored %d feeds after a refused import", len(feeds))
	}
}

// TestImportSubscriptionsFeedOfPage: an OPML file names a feed by its own
// address, where the user subscribed through the page it was found on
// (as an export from another reader does). That is the subscription the
// user has: it keeps its name, gains the file's folders, counts as
// nothing new, and no second subscription is made beside it.
func TestImportSubscriptionsFeedOfPage(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	page, feedURL := "https://site.example/", "https://site.example/rss.xml"
	if err := s.Subscribe(ctx, page, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFeed(ctx, page, newsFeed("사이트", korean[:1]...), FetchResult{FeedURL: feedURL}); err != nil {
		t.Fatal(err)
	}
	added, _, err := s.ImportSubscriptions(ctx, []ImportEntry{{URL: "HTTPS://site.example/rss.xml", Name: "내 피드", Tags: []string{"정치"}}})
	if err != nil || added != 0 {
		t.Fatalf("ImportSubscriptions = %d, %v; want 0 new", added, err)
	}
	f, err := s.Feed(ctx, page)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Subscribed || f.Name != "" || !slices.Equal(f.Tags, []string{"정치"}) {
		t.Errorf("page: subscribed %v, name %q, tags %q; want its own name and 정치", f.Subscribed, f.Name, f.Tags)
	}
	if feeds, _ := s.Feeds(ctx); len(feeds) != 1 {
		t.Errorf("stored %d feeds, want the one subscription", len(feeds))
	}
}

// TestImportSubscriptionsPageAndFeed: a file listing both a page read
// once (stored, not subscribed) and the feed found on it, in either
// order, makes one subscription, the page's.
func TestImportSubscriptionsPageAndFeed(t *testing.T) {
	page, feedURL := "https://site.example/", "https://site.example/rss.xml"
	for name, order := range map[string][]string{"page first": {page, feedURL}, "feed first": {feedURL, page}} {
		t.Run(name, func(t *testing.T) {
			s := openTest(t, "")
			ctx := t.Context()
			if _, err := s.SaveFeed(ctx, page, newsFeed("사이트", korean[:1]...), FetchResult{FeedURL: feedURL}); err != nil {
				t.Fatal(err)
			}
			var entries []ImportEntry
			for _, u := range order {
				entries = append(entries, ImportEntry{URL: u, Tags: []string{"정치"}})
			}
			added, _, err := s.ImportSubscriptions(ctx, entries)
			if err != nil || added != 1 {
				t.Fatalf("ImportSubscriptions = %d, %v; want 1 new", added, err)
			}
			feeds, err := s.Feeds(ctx)
			if err != nil || len(feeds) != 1 || feeds[0].URL != page || !feeds[0].Subscribed {
				t.Errorf("stored %+v, %v; want the page alone, subscribed", feeds, err)
			}
		})
	}
}

// TestImportSubscriptionsTakenNames: a new subscription is not shown by a
// name another feed is: an entry's name taken by a subscription, a feed
// the config file lists or an entry before it is told apart and
// returned; one with no name, fetched before under a title another
// subscription shows, is told apart too, as AddSubscription tells it, and
// not returned, since the file named it nothing.
func TestImportSubscriptionsTakenNames(t *testing.T) {
	ctx := t.Context()
	s, err := Open(ctx, Options{Path: filepath.Join(t.TempDir(), "sokbo.db"), Now: newClock().Now,
		Listed: []ListedFeed{{URL: "https://config.example/rss", Name: "설정"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Subscribe(ctx, "https://garam.example/rss/all.xml", "가람일보"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFeed(ctx, "https://garam.example/rss/sports.xml", newsFeed("가람일보", korean[:1]...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	added, renamed, err := s.ImportSubscriptions(ctx, []ImportEntry{
		{URL: "https://garam.example/rss/politics.xml", Name: "가람일보"},
		{URL: "https://garam.example/rss/sports.xml"},
		{URL: "https://a.example/rss", Name: "설정"},
		{URL: "https://b.example/rss", Name: "설정"},
		{URL: "https://garam.example/rss/all.xml", Name: "다른 이름"},
	})
	if err != nil || added != 4 {
		t.Fatalf("ImportSubscriptions = %d, %v; want 4 new", added, err)
	}
	wantRenamed := []ImportRenamed{
		{URL: "https://garam.example/rss/politics.xml", Offered: "가람일보", Name: "가람일보 (politics)", Taken: "https://garam.example/rss/all.xml"},
		{URL: "https://a.example/rss", Offered: "설정", Name: "설정 (2)", Taken: "https://config.example/rss"},
		{URL: "https://b.example/rss", Offered: "설정", Name: "설정 (3)", Taken: "https://config.example/rss"},
	}
	if !slices.Equal(renamed, wantRenamed) {
		t.Errorf("renamed %+v\nwant %+v", renamed, wantRenamed)
	}
	for u, want := range map[string]string{
		"https://garam.example/rss/all.xml":      "가람일보",
		"https://garam.example/rss/politics.xml": "가람일보 (politics)",
		"https://garam.example/rss/sports.xml":   "가람일보 (sports)",
		"https://a.example/rss":                  "설정 (2)",
		"https://b.example/rss":                  "설정 (3)",
	} {
		if f, err := s.Feed(ctx, u); err != nil || f.DisplayName() != want {
			t.Errorf("%s: shown as %q, %v; want %q", u, f.DisplayName(), err, want)
		}
	}
}
