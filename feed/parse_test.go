package feed

import (
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
