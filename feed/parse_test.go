package feed

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// controlChecksAgree fails t when hasControl or hasControlRef tells data
// otherwise than the plain loop and the regular expression they stand for.
func controlChecksAgree(t *testing.T, data []byte) {
	t.Helper()
	want := false
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			want = true
		}
	}
	if got := hasControl(data); got != want {
		t.Errorf("hasControl(%q) = %v, want %v", data, got, want)
	}
	if got, want := hasControlRef(data), controlRef.Match(data); got != want {
		t.Errorf("hasControlRef(%q) = %v, controlRef says %v", data, got, want)
	}
}

// TestControlChecks: the word-at-a-time control test and the reference
// test without a regular expression find what the byte loop and controlRef
// find, at every position in a word and across words.
func TestControlChecks(t *testing.T) {
	docs := []string{
		"", "a", "<p>속보</p>\n", "tab\there\r\n", "\x00", "\x1b[2J", "\x1f", " \x7f", "\xff\xfe",
		"&#0;", "&#9;", "&#10;", "&#13;", "&#31;", "&#32;", "&#031;", "&#00000000031;", "&#0000000032;",
		"&#x0;", "&#x1f;", "&#X1F;", "&#x20;", "&#x001F;", "&#x;", "&#;", "&#", "&#1", "&#12a;", "&#xg;",
		"&#34; &#39; &amp; &#x27;", "&&#5;", "&#&#5;", "&#1&#2;", "&#999999999999999999999;", "&#x1f",
		"속보&#1;단독", strings.Repeat("가", 100) + "&#x0a;",
	}
	for _, doc := range docs {
		controlChecksAgree(t, []byte(doc))
		// At every offset, so that the control falls in every byte
		// of a word and in the tail.
		for pad := range 17 {
			controlChecksAgree(t, []byte(strings.Repeat("a", pad)+doc+strings.Repeat("\n", pad%3)))
		}
	}
}

func FuzzControlChecks(f *testing.F) {
	for _, s := range []string{"&#31;", "&#x1F;", "a\x01b", "<p>\t</p>\r\n", "&#0000032;"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { controlChecksAgree(t, data) })
}

// TestLinkCleanedAtEntry: a link with a tab, a space, a quote or angle
// brackets in it is percent-encoded where it enters, so no tab-separated
// line it is printed on splits and no address carries a control.
func TestLinkCleanedAtEntry(t *testing.T) {
	data := []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[` +
		`{"id":"1","title":"a b c d","url":"https://t.example/1\t2","image":"https://t.example/i m.png"},` +
		`{"id":"2","title":"q","url":"https://x.example/a b\"c<d>"},` +
		`{"id":"3","title":"k","url":"https://ko.wikipedia.org/wiki/한국은행"}]}`)
	f, err := parseFeed(data, "t.json", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://t.example/1%092", "https://x.example/a%20b%22c%3Cd%3E", "https://ko.wikipedia.org/wiki/한국은행"}
	for i, it := range f.Items {
		if it.Link != want[i] {
			t.Errorf("item %d: link %q, want %q", i+1, it.Link, want[i])
		}
	}
	if got := f.Items[0].Image; got != "https://t.example/i%20m.png" {
		t.Errorf("image %q", got)
	}
}

// TestLoadBadDates: items whose dates do not read are shown undated,
// and the feed warns of them once, with how many and the first date, in
// RSS and in JSON Feed alike; an item with no date is no bad date.
func TestLoadBadDates(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"rss.xml": `<rss version="2.0"><channel><title>t</title>` +
			`<item><title>나쁜 날짜</title><guid>1</guid><pubDate>2024-13-45 99:99</pubDate></item>` +
			`<item><title>또 나쁜 날짜</title><guid>2</guid><pubDate>어제쯤</pubDate></item>` +
			`<item><title>좋은 날짜</title><guid>3</guid><pubDate>Mon, 07 Dec 2026 10:00:00 +0900</pubDate></item>` +
			`<item><title>날짜 없음</title><guid>4</guid></item></channel></rss>`,
		"feed.json": `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[` +
			`{"id":"1","title":"나쁜 날짜","date_published":"2024-13-45 99:99"},{"id":"5","title":"또","date_published":"어제쯤"},` +
			`{"id":"3","title":"좋은 날짜","date_published":"2026-12-07T10:00:00+09:00"},{"id":"4","title":"날짜 없음"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			var warns []error
			f, err := Load(context.Background(), path, Options{Warn: func(err error) { warns = append(warns, err) }})
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 4 || f.Items[0].Title != "좋은 날짜" || !f.Items[1].Published.IsZero() {
				t.Errorf("items: %d, first %q", len(f.Items), f.Items[0].Title)
			}
			var bd *BadDatesError
			if len(warns) != 1 || !errors.As(warns[0], &bd) || bd.Count != 2 || bd.First != "2024-13-45 99:99" {
				t.Errorf("warnings = %v; want one of 2 bad dates, the first 2024-13-45 99:99", warns)
			}
		})
	}
}
