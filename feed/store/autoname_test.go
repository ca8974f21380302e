package store

import (
	"path/filepath"
	"testing"
)

// TestAutoName: a Korean outlet's section feeds all carry the site's
// title. The first keeps it; each other, subscribed before or after its
// first fetch, is named by what of its address tells it apart, else by a
// number; the names stay through refreshes, a user's name wins, and a
// one-off read names nothing.
func TestAutoName(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	const site = "가람일보"
	save := func(u string) {
		t.Helper()
		if _, err := s.SaveFeed(ctx, u, newsFeed(site, korean[:1]...), FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	subscribe := func(u, name string) {
		t.Helper()
		if err := s.Subscribe(ctx, u, name); err != nil {
			t.Fatal(err)
		}
	}
	// As feeds add does: fetched, then subscribed.
	save("https://garam.example/feed.xml")
	subscribe("https://garam.example/feed.xml", "")
	save("https://garam.example/feed.xml?third")
	subscribe("https://garam.example/feed.xml?third", "")
	// As an import of text="" does: subscribed, then fetched.
	subscribe("https://garam.example/rss/politics.xml", "")
	save("https://garam.example/rss/politics.xml")
	subscribe("https://garam.example/rss/", "")
	save("https://garam.example/rss/")
	subscribe("https://garam.example/rss/economy.xml", "경제")
	save("https://garam.example/rss/economy.xml")
	// Read once, not subscribed.
	save("https://garam.example/rss/once.xml")
	// Refreshed again: nothing is renamed.
	for _, u := range []string{"https://garam.example/feed.xml", "https://garam.example/feed.xml?third", "https://garam.example/rss/politics.xml"} {
		save(u)
	}
	want := map[string]string{
		"https://garam.example/feed.xml":         site,
		"https://garam.example/feed.xml?third":   site + " (third)",
		"https://garam.example/rss/politics.xml": site + " (politics)",
		"https://garam.example/rss/":             site + " (2)",
		"https://garam.example/rss/economy.xml":  "경제",
		"https://garam.example/rss/once.xml":     site,
	}
	for u, w := range want {
		f, err := s.Feed(ctx, u)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if got := f.DisplayName(); got != w {
			t.Errorf("%s: shown as %q, want %q", u, got, w)
		}
	}
}

// TestAutoNameListed: the feeds the config file lists take the names
// they are shown by, though the store holds no subscription of them: its
// name in the file, or the title stored of one the file names not. A
// subscribed feed of that title is told apart from them, subscribed
// before its first fetch or after; the listed feed itself is not named.
func TestAutoNameListed(t *testing.T) {
	ctx := t.Context()
	const site = "가람일보"
	listed := []ListedFeed{{URL: "https://garam.example/rss/all.xml", Name: site}, {URL: "HTTPS://other.example/rss#top"}}
	s, err := Open(ctx, Options{Path: filepath.Join(t.TempDir(), "sokbo.db"), Now: newClock().Now, Listed: listed})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	save := func(u, title string) {
		t.Helper()
		if _, err := s.SaveFeed(ctx, u, newsFeed(title, korean[:1]...), FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	subscribe := func(u string) {
		t.Helper()
		if err := s.Subscribe(ctx, u, ""); err != nil {
			t.Fatal(err)
		}
	}
	save("https://garam.example/rss/all.xml", "가람일보 전체")
	save("https://other.example/rss", "다른일보")
	// Subscribed, then fetched.
	subscribe("https://garam.example/rss/politics.xml")
	save("https://garam.example/rss/politics.xml", site)
	// Fetched, then subscribed.
	save("https://other.example/rss/economy.xml", "다른일보")
	subscribe("https://other.example/rss/economy.xml")
	want := map[string]string{
		"https://garam.example/rss/politics.xml": site + " (politics)",
		"https://other.example/rss/economy.xml":  "다른일보 (economy)",
		"https://other.example/rss":              "다른일보",
	}
	for u, w := range want {
		f, err := s.Feed(ctx, u)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if got := f.DisplayName(); got != w {
			t.Errorf("%s: shown as %q, want %q", u, got, w)
		}
	}
}

// TestAddressPart: what of an address names a section feed.
func TestAddressPart(t *testing.T) {
	tests := map[string]string{
		"https://a.example/feed.xml?third":         "third",
		"https://a.example/rss?sec=politics":       "politics",
		"https://a.example/rss?sec=1&sub=2":        "sec=1&sub=2",
		"https://a.example/rss/politics.xml":       "politics",
		"https://a.example/politics/rss/":          "politics",
		"https://a.example/rss/%EC%A0%95%EC%B9%98": "정치",
		"https://a.example/rss/":                   "",
		"https://a.example/rss/a%1B[2Jb.xml":       "ab",
	}
	for u, want := range tests {
		if got := addressPart(u); got != want {
			t.Errorf("addressPart(%q) = %q, want %q", u, got, want)
		}
	}
}
