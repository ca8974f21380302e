package library

import (
	"slices"
	"testing"

	"sokbo/feed"
	"sokbo/feed/store"
)

// TestSameFeeds: two pages of one feed and the feed are one group, the
// one stored first first; another spelling of an address is the same; a
// feed only read by URL, and a feed of its own, are in none.
func TestSameFeeds(t *testing.T) {
	feeds := []store.FeedInfo{
		{URL: "https://a.example/page", FeedURL: "https://a.example/rss", Subscribed: true, Order: 3},
		{URL: "https://a.example/other", FeedURL: "https://A.example/rss#top", Subscribed: true, Order: 5},
		{URL: "https://a.example/rss", Subscribed: true, Order: 4},
		{URL: "https://a.example/read-once", FeedURL: "https://a.example/rss", Order: 1},
		{URL: "https://b.example/rss", Subscribed: true, Order: 2},
		{URL: "HTTPS://b.example:443/rss", Subscribed: true, Order: 6},
		{URL: "https://c.example/rss", Subscribed: true, Order: 7},
	}
	var got [][]string
	for _, g := range sameFeeds(feeds, nil) {
		var urls []string
		for _, f := range g {
			urls = append(urls, f.URL)
		}
		got = append(got, urls)
	}
	want := [][]string{
		{"https://b.example/rss", "HTTPS://b.example:443/rss"},
		{"https://a.example/page", "https://a.example/rss", "https://a.example/other"},
	}
	if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("groups %q, want %q", got, want)
	}
	if n := groupName([]store.FeedInfo{{}, {Name: "둘"}, {Name: "셋"}}); n != "둘" {
		t.Errorf("groupName = %q", n)
	}
}

// TestSameFeedsWithConfig: a feed of the config file, stored or not, is
// the first of its group, before subscriptions the store holds of it,
// even ones stored earlier; feeds of the file alone are grouped too (and
// left to the file by repair).
func TestSameFeedsWithConfig(t *testing.T) {
	feeds := []store.FeedInfo{
		{URL: "https://c.example/page", FeedURL: "https://c.example/rss", Subscribed: true, Order: 1},
		{URL: "https://c.example/rss", Order: 2}, // the config's, stored unsubscribed by a refresh
		{URL: "https://d.example/page", FeedURL: "https://d.example/rss", Subscribed: true, Order: 3},
		{URL: "https://e.example/rss", Subscribed: true, Order: 4},
		{URL: "https://g.example/", FeedURL: "https://g.example/rss", Order: 5},
	}
	config := []feed.Subscription{
		{URL: "https://c.example/rss", Name: "씨"},
		{URL: "https://D.example/rss#top", Name: "디"}, // not stored yet
		{URL: "https://g.example/"},
		{URL: "https://g.example/rss"},
	}
	var got [][]string
	for _, g := range sameFeeds(feeds, config) {
		var urls []string
		for _, f := range g {
			urls = append(urls, f.URL)
		}
		got = append(got, urls)
	}
	want := [][]string{
		{"https://c.example/rss", "https://c.example/page"},
		{"https://D.example/rss#top", "https://d.example/page"},
		{"https://g.example/", "https://g.example/rss"},
	}
	if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("groups %q, want %q", got, want)
	}
}
