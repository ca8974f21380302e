package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render"
)

// TestStoriesFoldAcrossLocalFiles: one story that two local files report
// is one row in the reader, as `sokbo list` folds it, once both are in.
func TestStoriesFoldAcrossLocalFiles(t *testing.T) {
	at := testNow.Add(-time.Hour)
	files := map[string]*feed.Feed{
		"a.xml": {Title: "가람일보", Items: []*feed.Item{
			{ID: "a1", Title: "[속보] 가람시 전역 대규모 정전 사태 발생", Published: at, Source: "a.xml"},
			{ID: "a2", Title: "누리군 가을 축제 개막 행사 열려", Published: at.Add(-3 * time.Hour), Source: "a.xml"},
		}},
		"b.xml": {Title: "나래신문", Items: []*feed.Item{
			{ID: "b1", Title: "가람시 전역 대규모 정전 사태 발생… 복구 중", Published: at.Add(20 * time.Minute), Source: "b.xml"},
		}},
	}
	lib := library.New(library.Options{
		StorePath: filepath.Join(t.TempDir(), "sokbo.db"),
		Load:      func(_ context.Context, src string, _ feed.Options) (*feed.Feed, error) { return files[src], nil },
		Now:       func() time.Time { return testNow },
	})
	t.Cleanup(func() { lib.Close() })
	m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{"a.xml", "b.xml"}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 10})
	m = runCmds(t, m, m.loadLocalCmd("a.xml"))
	m = runCmds(t, m, m.loadLocalCmd("b.xml"))
	s := screen(m)
	if got := strings.Count(s, "대규모 정전"); got != 1 {
		t.Fatalf("the story two files report shows on %d rows:\n%s", got, s)
	}
	if !strings.Contains(s, "가람일보 외 1곳") || len(m.list.items) != 2 {
		t.Errorf("the folded row does not name both outlets, or the list is not two rows:\n%s", s)
	}
	// A fold asked for before the last load is not applied over it.
	stale := m.foldAllCmd()
	m = runCmds(t, m, m.loadLocalCmd("a.xml"))
	m = runCmds(t, m, stale)
	if got := strings.Count(screen(m), "대규모 정전"); got != 1 {
		t.Errorf("after a stale fold the story shows on %d rows", got)
	}
}
