package library

import (
	"slices"
	"testing"

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
	for _, g := range sameFeeds(feeds) {
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
