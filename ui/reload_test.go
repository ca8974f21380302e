package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
	"sokbo/render/rendertest"
)

// rssFile writes an RSS feed of items (title, guid, body) to path; the
// guid, a letter, dates the item: a an hour before b.
func rssFile(t *testing.T, path string, items ...[3]string) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>로컬 속보</title>`)
	for _, it := range items {
		b.WriteString("<item><title>" + it[0] + "</title><guid>" + it[1] + "</guid><link>https://newsdao.kr/" + it[1] + "</link>")
		b.WriteString("<pubDate>" + testNow.Add(-time.Duration(it[1][0]-'a')*time.Hour).Format(time.RFC1123Z) + "</pubDate>")
		b.WriteString("<description><![CDATA[<p>" + it[2] + "</p>]]></description></item>")
	}
	b.WriteString("</channel></rss>")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestReloadLocal: r reads a local file again, says what changed, keeps
// the marks, and shows the open article as it now is.
func TestReloadLocal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "local.xml")
	rssFile(t, path, [3]string{"첫 기사", "a", "첫 본문"}, [3]string{"둘째 기사", "b", "둘째 본문"}, [3]string{"셋째 기사", "c", "셋째 본문"})
	lib := library.New(library.Options{StorePath: filepath.Join(dir, "sokbo.db"), Now: func() time.Time { return testNow }})
	t.Cleanup(func() { lib.Close() })
	m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{path}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 12})
	m = runCmds(t, m, m.loadLocalCmd(path))

	m = press(t, m, "r")
	if got := m.status.body(); got != lang.Ko.ReloadNone() {
		t.Errorf("r on an unchanged file: %q", got)
	}

	m = press(t, m, "j", "s", "enter") // star b and open it
	rssFile(t, path, [3]string{"새 기사", "Z", "새 본문"}, [3]string{"첫 기사", "a", "첫 본문"}, [3]string{"둘째 기사 (수정)", "b", "고친 본문"})
	m = press(t, m, "r")
	if got, want := m.status.body(), "파일 다시 읽음: 새 기사 1건 · 바뀜 1건 · 없어짐 1건"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	art := rendertest.StripANSI(screen(m))
	if !strings.Contains(art, "고친 본문") || !strings.Contains(art, "둘째 기사 (수정)") {
		t.Errorf("the open article is not the new one:\n%s", art)
	}
	m = press(t, m, "esc")
	s := screen(m)
	for _, want := range []string{"새 기사", "첫 기사", "둘째 기사 (수정)"} {
		if !strings.Contains(s, want) {
			t.Errorf("list lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "셋째 기사") {
		t.Errorf("a gone item is still listed:\n%s", s)
	}
	if e := m.view.Lookup(library.Key{Source: path, ID: "b"}); e == nil || !e.Starred || !e.Read {
		t.Errorf("b lost its marks: %+v", e)
	}
	checkScreen(t, s, 80, 12)

	// A file that went: what was shown stays, and r says why.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "r")
	if !strings.HasPrefix(m.status.body(), lang.Ko.ReloadFailed()) || !strings.Contains(m.status.body(), "local.xml") {
		t.Errorf("status after the file went: %q", m.status.body())
	}
	if len(m.list.items) != 3 {
		t.Errorf("the list lost its items: %d", len(m.list.items))
	}
}
