package convert

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean/cleantest"
)

// TestRoundTrip writes items as posts and loads them back: the article
// must come back the same.
func TestRoundTrip(t *testing.T) {
	atom, err := feed.Load(context.Background(), "../../testdata/atom.xml", feed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]*feed.Item{
		"seed":  loadOne(t, "testdata/seed.txt"),
		"odd":   {Title: "<b>태그</b> &amp; 따옴표 '\"' : # - [x]", Summary: "줄 하나", Categories: []string{"a b", "&lt;"}, Body: "<p>본문</p>", Published: time.Date(2023, 8, 8, 10, 54, 0, 0, feed.Seoul)},
		"empty": {Title: "빈 본문"},
	}
	for i, it := range atom.Items {
		items[fmt.Sprintf("atom-%d", i+1)] = it
	}
	dir := t.TempDir()
	for name, it := range items {
		t.Run(name, func(t *testing.T) {
			md, err := Markdown(it)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := feed.WritePost(&buf, it, md); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, name+".md")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			back := loadOne(t, path)
			if back.Title != it.Title || back.Link != it.Link || !back.Published.Equal(it.Published) ||
				!slices.Equal(back.Categories, it.Categories) || back.Image != it.Image ||
				back.Summary != it.Summary || back.Author != it.Author {
				t.Errorf("metadata changed:\n got %+v\nwant %+v", back, it)
			}
			if back.Format != feed.FormatMarkdown {
				t.Errorf("format = %v, want markdown", back.Format)
			}
			if md2 := mustMarkdown(t, back); md2 != md {
				t.Errorf("markdown changed:\n got %q\nwant %q", md2, md)
			}
			var again bytes.Buffer
			if err := feed.WritePost(&again, back, md); err != nil {
				t.Fatal(err)
			}
			if again.String() != buf.String() {
				t.Errorf("second write differs:\n%s\n%s", again.String(), buf.String())
			}
		})
	}
}

// The samples in the repository's testdata/ convert as the CLI, the TUI and
// the README show them.
func TestSharedSampleMarkdown(t *testing.T) {
	f, err := feed.Load(context.Background(), "../../testdata/atom.xml", feed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	md := mustMarkdown(t, f.Items[1])
	if !strings.Contains(md, "복구 소요 시간") || !strings.Contains(md, "](https://newsdao.kr/assets/img/newsdao_breakingnews.jpg)") {
		t.Errorf("seed markdown:\n%s", md)
	}
}

// Hostile fixtures, already cleaned by feed.Load, also convert to clean
// Markdown.
func TestHostileFixturesMarkdown(t *testing.T) {
	for _, src := range []string{"../testdata/hostile.xml", "../../testdata/posts"} {
		f, err := feed.Load(context.Background(), src, feed.Options{})
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		for _, it := range f.Items {
			cleantest.AssertClean(t, mustMarkdown(t, it))
		}
	}
}
