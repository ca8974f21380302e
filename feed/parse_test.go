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
