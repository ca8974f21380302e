package main

import (
	"strings"
	"testing"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render/lang"
)

// TestTSVLinkStaysOneField: a link stored by an older sokbo, with a tab,
// a newline or a space in it, is printed percent-encoded on list's and
// search's tab-separated lines, so every line keeps its four fields.
func TestTSVLinkStaysOneField(t *testing.T) {
	e := &library.Entry{Item: &feed.Item{ID: "1", Title: "a b c d", Link: "https://t.example/1\t2\n3 4"}}
	want := "https://t.example/1%092%0A3%204"
	for name, line := range map[string]string{
		"list":   string(appendRowLine(lang.Ko, nil, &library.Row{N: 1, Entry: e, Members: []*library.Entry{e}})),
		"search": string(appendListLine(nil, 1, e)),
	} {
		fields := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(fields) != 4 || fields[3] != want || strings.Count(line, "\n") != 1 {
			t.Errorf("%s: %q, want four fields ending in %q", name, line, want)
		}
	}
}
