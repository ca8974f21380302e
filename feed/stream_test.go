package feed

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"sokbo/feed/internal/fastrss"
)

// newestRSS is an RSS feed of n items, newest first, larger than
// streamMin for n of 4000 and more; item i is written by edit, if set,
// and extra goes in the channel after the items.
func newestRSS(n int, edit func(i int, item string) string, extra string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<rss version=\"2.0\"><channel><title>속보</title><link>https://newsdao.kr/</link>\n")
	for i := range n {
		item := fmt.Sprintf("<item><title>서울 지하철 %d호선 운행 재개</title><link>/news/%d</link><guid>n%d</guid>"+
			"<pubDate>%s</pubDate><description><![CDATA[<p>오전 10시54분 신호 장애로 24~31℃ 폭염 속 운행 중단.</p><table><tr><td>%d</td></tr></table>]]></description></item>\n",
			i, i, i, pubDate(i), i)
		if edit != nil {
			item = edit(i, item)
		}
		b.WriteString(item)
	}
	b.WriteString(extra + "</channel></rss>\n")
	return []byte(b.String())
}

// pubDate is the date of newestRSS's item i: a minute before item i-1's.
func pubDate(i int) string {
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.FixedZone("KST", 9*3600))
	return at.Add(-time.Duration(i) * time.Minute).Format(time.RFC1123Z)
}

// streamParse parses data as a fetched body twice, giving its items to
// Options.Items and not, and returns both feeds, the items given and the
// size of each batch.
func streamParse(t *testing.T, data []byte) (got, want *Feed, given []*Item, batches []int) {
	t.Helper()
	var gotWarn, wantWarn []string
	got, gotErr := parse(data, "", "test", "https://newsdao.kr/rss", &Options{
		Warn: func(err error) { gotWarn = append(gotWarn, err.Error()) },
		Items: func(batch []*Item) {
			given = append(given, batch...)
			batches = append(batches, len(batch))
		},
	})
	want, wantErr := parse(data, "", "test", "https://newsdao.kr/rss", &Options{Warn: func(err error) { wantWarn = append(wantWarn, err.Error()) }})
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("error %v, not streamed %v", gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the streamed parse and the other differ")
	}
	if !reflect.DeepEqual(gotWarn, wantWarn) {
		t.Errorf("warnings %q, not streamed %q", gotWarn, wantWarn)
	}
	return got, want, given, batches
}

// TestStreamGivesTheFeedsItems: a large feed in its final order gives
// every item while it is parsed, the feed's own, in order, in batches
// (the first small); one that is not in that order, or whose channel
// says more of its items after them, or that needs repair or gofeed,
// parses as ever, and what it gave is not its items. Either way the feed
// is the one a parse with no Items makes.
func TestStreamGivesTheFeedsItems(t *testing.T) {
	const n = 4500
	whole := map[string][]byte{
		"newest first": newestRSS(n, nil, ""),
		"undated last": newestRSS(n, func(i int, item string) string {
			if i >= n-100 {
				item = cutTag(item, "pubDate")
			}
			return item
		}, ""),
		"title after the items": newestRSS(n, nil, "<title>늦은 제목</title>"),
		"ties": newestRSS(n, func(i int, item string) string {
			return strings.Replace(item, pubDate(i), pubDate(i-i%2), 1)
		}, ""),
	}
	void := map[string][]byte{
		"oldest first at the end": newestRSS(n, func(i int, item string) string {
			if i == n-1 {
				item = strings.Replace(item, "<pubDate>", "<pubDate>Thu, 03 Dec 2026 10:00:00 +0900</pubDate><x>", 1)
				item = strings.Replace(item, "</pubDate>", "</x>", 1)
			}
			return item
		}, ""),
		"undated in the middle": newestRSS(n, func(i int, item string) string {
			if i == n/2 {
				item = cutTag(item, "pubDate")
			}
			return item
		}, ""),
		"link after the items": newestRSS(n, nil, "<link>https://other.example/</link>"),
		"author after the items": newestRSS(n, func(i int, item string) string {
			return item
		}, "<managingEditor>desk@newsdao.kr (편집국)</managingEditor>"),
		"noncharacter late": newestRSS(n, func(i int, item string) string {
			if i == n-10 {
				item = strings.Replace(item, "운행", "\uFFFE운행", 1)
			}
			return item
		}, ""),
		"escape sequence late": newestRSS(n, func(i int, item string) string { return strings.Replace(item, "운행", "\x1b[2J운행", 1) }, ""),
		"gofeed for a late item": newestRSS(n, func(i int, item string) string {
			return strings.Replace(item, "</item>", "<comments><b>x</b></comments></item>", 1)
		}, ""),
	}
	if _, ok := fastrss.ParseUTF8(void["gofeed for a late item"], dateOK); ok {
		t.Fatal("the gofeed case is read by the fast path")
	}
	for name, data := range whole {
		t.Run(name, func(t *testing.T) {
			if len(data) < streamMin {
				t.Fatalf("the body is %d bytes, under streamMin", len(data))
			}
			got, _, given, batches := streamParse(t, data)
			if !slices.Equal(given, got.Items) {
				t.Fatalf("gave %d items, not the feed's %d", len(given), len(got.Items))
			}
			if batches[0] != streamFirst || slices.Max(batches) != streamBatch {
				t.Errorf("batches of %v", batches)
			}
		})
	}
	for name, data := range void {
		t.Run(name, func(t *testing.T) {
			got, _, given, _ := streamParse(t, data)
			if got == nil {
				return // an error, as without Items
			}
			if len(got.Items) != n {
				t.Fatalf("%d items", len(got.Items))
			}
			if slices.Equal(given, got.Items) {
				t.Errorf("gave the feed's items")
			}
		})
	}
}

// cutTag drops the element name from item.
func cutTag(item, name string) string {
	start := strings.Index(item, "<"+name+">")
	end := strings.Index(item, "</"+name+">")
	return item[:start] + item[end+len(name)+3:]
}

// TestStreamOnlyLargeFetchedFeeds: a small body, a local file and a
// folder give nothing to Items; Load of a large fetched feed gives all.
func TestStreamOnlyLargeFetchedFeeds(t *testing.T) {
	large := newestRSS(4500, nil, "")
	var mu sync.Mutex
	given := 0
	opts := Options{Items: func(batch []*Item) {
		mu.Lock()
		given += len(batch)
		mu.Unlock()
	}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		if r.URL.Path == "/small.xml" {
			w.Write(newestRSS(100, nil, ""))
			return
		}
		w.Write(large)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(path, large, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{srv.URL + "/small.xml", path, dir} {
		if _, err := Load(context.Background(), src, opts); err != nil {
			t.Fatal(err)
		}
		if given != 0 {
			t.Errorf("%s gave %d items", src, given)
		}
	}
	f, err := Load(context.Background(), srv.URL+"/feed.xml", opts)
	if err != nil {
		t.Fatal(err)
	}
	if given != len(f.Items) || given != 4500 {
		t.Errorf("gave %d items of %d", given, len(f.Items))
	}
}

// FuzzParseStream: whatever one item in the middle and the end of the
// channel hold, a streamed parse makes the feed a parse with no Items
// makes, and gives the feed's own items or items it does not keep.
func FuzzParseStream(f *testing.F) {
	for _, s := range []string{"", "\x1b[2J", "&#27;", "<b>", "</item><item><title>x</title>", "]]>", "<pubDate>Thu, 03 Dec 2026 10:00:00 +0900</pubDate>", "<link>x</link>", "<author>a</author>", "<media:x/>"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, mid, end string) {
		const n = 300
		data := newestRSS(n, func(i int, item string) string {
			if i == n/2 {
				item = strings.Replace(item, "</title>", "</title>"+mid, 1)
			}
			return item
		}, end)
		var given []*Item
		got, gotErr := parseFeedStream(data, "test", "https://newsdao.kr/rss", func(b []*Item) { given = append(given, b...) })
		want, wantErr := parseFeedBytes(data, "test", "https://newsdao.kr/rss")
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("error %v, not streamed %v", gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the streamed parse and the other differ for %q, %q", mid, end)
		}
		if got != nil && len(given) > 0 && !slices.Equal(given, got.Items[:min(len(given), len(got.Items))]) {
			// Given items are the feed's first ones, or none of them.
			for _, it := range given {
				if slices.Contains(got.Items, it) {
					t.Fatalf("gave some of the feed's items, not its first ones")
				}
			}
		}
	})
}
