package library

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"sokbo/feed"
	"sokbo/feed/store"
	"sokbo/render/lang"
)

// importSubs is n subscriptions as an OPML file of Korean section feeds
// lists them.
func importSubs(n int) []feed.Subscription {
	subs := make([]feed.Subscription, n)
	for i := range subs {
		subs[i] = feed.Subscription{
			URL:  fmt.Sprintf("https://news%d.example/rss/section-%d.xml", i%97, i),
			Name: fmt.Sprintf("피드 %d", i),
			Tags: []string{"속보"},
		}
	}
	return subs
}

// TestImportCap: more than MaxImport feeds are refused whole, with one
// line in the user's language, and nothing is subscribed.
func TestImportCap(t *testing.T) {
	l := New(Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Offline: true})
	defer l.Close()
	ctx := t.Context()
	before, err := l.Subscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = l.Import(ctx, importSubs(MaxImport+1))
	var many *ImportTooLargeError
	if !errors.As(err, &many) || many.Feeds != MaxImport+1 {
		t.Fatalf("Import of %d = %v; want ImportTooLargeError", MaxImport+1, err)
	}
	for l, want := range map[lang.Lang]string{
		lang.Ko: "피드가 10,001개로 한 번에 가져오는 한도 10,000개를 넘음; 아무것도 구독하지 않음",
		lang.En: "10,001 feeds, over the 10,000 one import takes; nothing was subscribed",
	} {
		if got := Cause(l, err); got != want {
			t.Errorf("%v: %q\nwant %q", l, got, want)
		}
	}
	if subs, err := l.Subscriptions(ctx); err != nil || len(subs) != len(before) {
		t.Errorf("after a refused import: %d subscriptions, %v; want %d", len(subs), err, len(before))
	}
	if n, _, err := l.Import(ctx, importSubs(MaxImport)); err != nil || n != MaxImport {
		t.Errorf("Import of %d = %d, %v", MaxImport, n, err)
	}
}

// BenchmarkImport: the cost of subscribing to an OPML file's feeds is
// linear in their number; it was quadratic (0.17 s for 500 feeds, 6.7 s
// for 5,000, on the command line).
func BenchmarkImport(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		subs := importSubs(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				l := New(Options{StorePath: filepath.Join(b.TempDir(), "sokbo.db"), Offline: true})
				b.StartTimer()
				if added, _, err := l.Import(b.Context(), subs); err != nil || added != n {
					b.Fatalf("Import = %d, %v", added, err)
				}
				if _, err := l.NameConflicts(b.Context(), subs); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				l.Close()
				b.StartTimer()
			}
		})
	}
}

// TestImportConfigFeeds: an OPML file's feed that the config file
// subscribes to already, at its own address or through the page it was
// found at (as export writes it), is not subscribed again in the store.
func TestImportConfigFeeds(t *testing.T) {
	ctx := t.Context()
	l, st := newTestLibrary(t, nil)
	page, found := "https://site.example/", "https://site.example/rss.xml"
	l.opts.Feeds = []feed.Subscription{{URL: page}, {URL: "https://other.example/feed"}}
	if _, err := st.SaveFeed(ctx, page, items(page, "s", 1, testNow), store.FetchResult{FeedURL: found}); err != nil {
		t.Fatal(err)
	}
	n, _, err := l.Import(ctx, []feed.Subscription{{URL: found, Name: "사이트"}, {URL: "https://OTHER.example/feed"}, {URL: "https://new.example/"}})
	if err != nil || n != 1 {
		t.Fatalf("Import = %d, %v; want 1 new", n, err)
	}
	for _, u := range []string{page, found, "https://other.example/feed"} {
		if info, err := st.Feed(ctx, u); err == nil && info.Subscribed {
			t.Errorf("%s is subscribed in the store beside the config file", u)
		}
	}
	if info, err := st.Feed(ctx, "https://new.example/"); err != nil || !info.Subscribed {
		t.Errorf("the new feed: %+v, %v", info, err)
	}
}
