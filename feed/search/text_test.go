package search

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/clean"
)

// TestBodyText compares folded text: BodyText leaves runs of white space,
// which folding collapses.
func TestBodyText(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"plain":                {"북한 미사일", "북한 미사일"},
		"inline tags join":     {"<b>북</b>한", "북한"},
		"block tags separate":  {"<p>북</p><p>한</p>", "북 한"},
		"br separates":         {"북<br>한<br/>국", "북 한 국"},
		"entities":             {"&lt;저작권자 &copy; 뉴스다오&gt; &amp; &#54620;&#xAD6D;", "<저작권자 © 뉴스다오> & 한국"},
		"unknown entity kept":  {"&nosuch; &", "&nosuch; &"},
		"script skipped":       {"앞<script>var x = '<p>북한</p>';</script>뒤", "앞뒤"},
		"style skipped":        {"앞<STYLE>p{}</STYLE>뒤", "앞뒤"},
		"self-closing script":  {"앞<script src=x />뒤", "앞뒤"},
		"comment skipped":      {"앞<!-- 북한 -->뒤", "앞뒤"},
		"unclosed comment":     {"앞<!-- 북한", "앞"},
		"doctype skipped":      {"<!DOCTYPE html>본문", "본문"},
		"quoted gt in attr":    {`<a title="a>b" href='x>y'>링크</a>`, "링크"},
		"lt not a tag":         {"3 < 5 그리고 a<=b", "3 < 5 그리고 a<=b"},
		"lone lt at end":       {"끝<", "끝<"},
		"unclosed tag":         {"본문<p class=", "본문 "},
		"end tag junk":         {"가</ 나>다", "가다"},
		"attribute not text":   {`<img alt="북한" src="x.png">사진`, "사진"},
		"markdown keeps marks": {"**북한** [링크](https://x.kr)", "**북한** [링크](https://x.kr)"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Fold(BodyText(tc.in)); got != Fold(tc.want) {
				t.Errorf("BodyText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestBodyTextAgreesWithPlainText checks the scanner against the feed
// package's HTML parser on real-shaped bodies: after folding, the same
// text.
func TestBodyTextAgreesWithPlainText(t *testing.T) {
	for _, it := range loadItems(t, 200) {
		if got, want := Fold(BodyText(it.Body)), Fold(clean.PlainText(it.Body)); got != want {
			t.Fatalf("item %s:\nBodyText  %q\nPlainText %q", it.ID, got, want)
		}
	}
}

// loadItems loads n generated newsdao.kr-shaped items as a refresh would.
func loadItems(tb testing.TB, n int) []*feed.Item {
	tb.Helper()
	var buf bytes.Buffer
	if err := feedgen.Generate(&buf, n, 1); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "feed.xml")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
	f, err := feed.Load(context.Background(), path, feed.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return f.Items
}
