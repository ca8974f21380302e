package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"sokbo/feed"
	"sokbo/feed/library"
)

// jsonAsEncoder is what `sokbo list --json` printed of r through
// encoding/json before appendListJSON, or an error.
func jsonAsEncoder(r *library.Row) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(jsonWriter{&buf})
	enc.SetEscapeHTML(false)
	err := enc.Encode(listJSON(r))
	return buf.Bytes(), err
}

// hostileStrings are texts whose JSON has escapes: every byte alone, bytes
// that are not UTF-8, U+2028 and U+2029, HTML's characters, other scripts.
func hostileStrings() []string {
	out := []string{"", "속보", "<a href=\"x\">&amp;</a>", "\u2028\u2029", "😀 \U0010ffff", "\xff\xfe", "a\xe2\x80", "\xed\xa0\x80", "\\\"/"}
	for c := range 256 {
		out = append(out, "x"+string(rune(c))+"y", "x"+string([]byte{byte(c)})+"y")
	}
	return out
}

// TestListJSONAsEncoder: appendListJSON writes every row, items of their
// own and folded ones, with hostile texts, times in several zones and
// none, marks and tags or none, as encoding/json wrote listJSON of it.
func TestListJSONAsEncoder(t *testing.T) {
	seoul := feed.Seoul
	times := []time.Time{{}, time.Date(2026, 12, 2, 9, 41, 7, 123456789, time.UTC), time.Date(2026, 12, 2, 0, 0, 0, 0, seoul),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("", -(23*3600+59*60)))}
	check := func(t interface {
		Helper()
		Fatalf(string, ...any)
	}, r *library.Row) {
		t.Helper()
		want, werr := jsonAsEncoder(r)
		got, ok := appendListJSON(nil, r)
		if !ok {
			if werr == nil {
				t.Fatalf("appendListJSON gave up on a row encoding/json writes: %s", want)
			}
			return
		}
		if werr != nil || !bytes.Equal(got, want) {
			t.Fatalf("appendListJSON =\n%s\nencoding/json =\n%s (%v)", got, want, werr)
		}
	}
	entry := func(s string, i int) *library.Entry {
		e := &library.Entry{Item: &feed.Item{ID: s + "-id", Title: s, Link: s, Author: s, Published: times[i%len(times)], Source: "https://" + s},
			FeedName: s, Read: i%2 == 0, Starred: i%3 == 0, HasFullText: i%5 == 0}
		if i%4 == 1 {
			e.Categories = []string{s, "정치"}
			e.Tags = []string{"news", s}
		}
		if i%7 == 3 {
			e.Link, e.Author = "", ""
		}
		return e
	}
	for i, s := range hostileStrings() {
		e := entry(s, i)
		check(t, &library.Row{N: i + 1, Entry: e, Members: []*library.Entry{e}})
		m := entry(strings.ToUpper(s), i+1)
		check(t, &library.Row{N: i + 1, Entry: e, Members: []*library.Entry{e, m, entry(s+"2", i+2)}, Others: i % 3})
	}
	// Times encoding/json cannot write: both give up.
	for _, tm := range []time.Time{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600))} {
		e := &library.Entry{Item: &feed.Item{ID: "x", Published: tm}}
		check(t, &library.Row{N: 1, Entry: e, Members: []*library.Entry{e}})
	}
	rapid.Check(t, func(rt *rapid.T) {
		text := func(name string) string {
			if rapid.Bool().Draw(rt, name+" is bytes") {
				return string(rapid.SliceOf(rapid.Byte()).Draw(rt, name))
			}
			return rapid.String().Draw(rt, name)
		}
		i := rapid.IntRange(0, 100).Draw(rt, "i")
		e, m := entry(text("lead"), i), entry(text("member"), i+1)
		m.Categories, m.Tags = []string{text("category")}, []string{text("tag")}
		check(rt, &library.Row{N: i, Entry: e, Members: []*library.Entry{e, m}, Others: 1})
	})
}
