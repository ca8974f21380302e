package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render"
)

// TestSourceLabelIsClean: the footer names a file or URL as the command
// line gave it, and a name can hold an escape sequence: a file's name is
// shown quoted, the sequence escaped (the file it is), a URL without it. Several local sources are counted as sources in the
// header as in the footer.
func TestSourceLabelIsClean(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "evil\x1b[31mname\u009b2J.xml")
	rssFile(t, path, [3]string{"첫 기사", "a", "첫 본문"})
	lib := library.New(library.Options{StorePath: filepath.Join(dir, "sokbo.db"), Now: func() time.Time { return testNow }})
	t.Cleanup(func() { lib.Close() })
	for _, src := range []library.Sources{
		{Locals: []string{path}},
		{Feeds: []feed.Subscription{{URL: "https://newsdao.kr/rss?a=\x1b[31mred"}}},
	} {
		m := New(Config{Library: lib, Sources: src, Style: render.StylePlain, Now: func() time.Time { return testNow }})
		m = update(t, m, tea.WindowSizeMsg{Width: 120, Height: 8})
		m = update(t, m, quietOverMsg{}) // a feed's cache still loading shows its screen
		if len(src.Locals) > 0 {
			m = runCmds(t, m, m.loadLocalCmd(path))
		}
		s := screen(m)
		if strings.Contains(s, "\x1b") || strings.Contains(s, "\u009b") {
			t.Errorf("the screen holds an escape from the source's name:\n%q", s)
		}
		if !strings.Contains(s, `evil\x1b[31mname\u009b2J.xml"`) && !strings.Contains(s, "rss?a=") {
			t.Errorf("the footer does not name the source:\n%s", s)
		}
	}

	a, b := filepath.Join(dir, "a.xml"), filepath.Join(dir, "b.xml")
	rssFile(t, a, [3]string{"첫 기사", "a", "첫 본문"})
	rssFile(t, b, [3]string{"둘째 기사", "b", "둘째 본문"})
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{a, b}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 120, Height: 8})
	m = runCmds(t, m, m.loadLocalCmd(a))
	m = runCmds(t, m, m.loadLocalCmd(b))
	lines := strings.Split(screen(m), "\n")
	if head, foot := lines[0], lines[len(lines)-1]; !strings.Contains(head, "소스 2개") || !strings.Contains(foot, "소스 2개") {
		t.Errorf("header and footer count the sources differently:\n%s\n%s", head, foot)
	}

	// A source that brings nothing (a feed that does not parse) is
	// counted apart in the footer, which then agrees with the header.
	bad := filepath.Join(dir, "bad.xml")
	if err := os.WriteFile(bad, []byte("<rss><channel><item><title>끝나지 않음"), 0o644); err != nil {
		t.Fatal(err)
	}
	m = New(Config{Library: lib, Sources: library.Sources{Locals: []string{a, b, bad}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 120, Height: 8})
	for _, p := range []string{a, b, bad} {
		m = runCmds(t, m, m.loadLocalCmd(p))
	}
	lines = strings.Split(screen(m), "\n")
	if head, foot := lines[0], lines[len(lines)-1]; !strings.Contains(head, "소스 2개") || !strings.Contains(foot, "소스 3개 중 2개") {
		t.Errorf("with a source that failed:\n%s\n%s", head, foot)
	}
}
