package feed

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/korean"

	"sokbo/feed/fetch"
)

// TestLoadMislabelled: a file of CP949 bytes that declares UTF-8 loads
// right, with one warning naming the file and the declaration; in a
// folder, one a post.
func TestLoadMislabelled(t *testing.T) {
	cp949 := func(s string) []byte {
		b, err := korean.EUCKR.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	dir := t.TempDir()
	lie := filepath.Join(dir, "lie.xml")
	if err := os.WriteFile(lie, cp949(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>피드</title>`+
		`<item><title>속보: 코드 잘못 선언</title><link>https://example.com/1</link></item>`+
		"<item><title>\u3164ㄸㅗㅁ방각하</title><link>https://example.com/2</link></item></channel></rss>"), 0o644); err != nil {
		t.Fatal(err)
	}
	posts := filepath.Join(dir, "posts")
	if err := os.Mkdir(posts, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"2026-12-01-a.html": "---\ntitle: 가\n---\n<meta charset=\"utf-8\"><p>본문</p>",
		"2026-12-02-b.html": "---\ntitle: 나\n---\n<p>본문</p>", // undeclared: no warning
	} {
		if err := os.WriteFile(filepath.Join(posts, name), cp949(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for src, want := range map[string]struct {
		titles []string
		by     fetch.Declared
		from   string
	}{
		lie:   {[]string{"속보: 코드 잘못 선언", "똠방각하"}, fetch.DeclaredXML, lie},
		posts: {[]string{"나", "가"}, fetch.DeclaredMeta, filepath.Join(posts, "2026-12-01-a.html")},
	} {
		var warned []error
		f, err := Load(context.Background(), src, Options{Warn: func(err error) { warned = append(warned, err) }})
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, it := range f.Items {
			titles = append(titles, it.Title)
		}
		if len(titles) != len(want.titles) || titles[0] != want.titles[0] || titles[1] != want.titles[1] {
			t.Errorf("%s: titles %q, want %q", src, titles, want.titles)
		}
		var se *SourceError
		var me *fetch.MislabelledError
		if len(warned) != 1 || !errors.As(warned[0], &se) || !errors.As(warned[0], &me) || se.Source != want.from || me.By != want.by {
			t.Errorf("%s: warnings %v, want one for %s by %v", src, warned, want.from, want.by)
		}
	}
}
