package ui

import (
	"fmt"
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

// TestReloadLocalArrivals: what a reload of a local source brings is
// treated as a refresh's arrivals are: marked new (+), and counted in the
// header (↑ 새 기사) while it is above the window, the cursor's row kept.
func TestReloadLocalArrivals(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "local.xml")
	var items [][3]string
	for c := 'b'; c <= 'p'; c++ {
		items = append(items, [3]string{"기사 " + string(c), string(c), "본문"})
	}
	rssFile(t, path, items...)
	lib := library.New(library.Options{StorePath: filepath.Join(dir, "sokbo.db"), Now: func() time.Time { return testNow }})
	t.Cleanup(func() { lib.Close() })
	m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{path}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 10})
	m = runCmds(t, m, m.loadLocalCmd(path))
	for _, e := range m.list.items {
		if e.Fresh {
			t.Fatalf("the first load is not news: %q marked new", e.Title)
		}
	}
	m = press(t, m, "j", "j", "j", "j", "j", "j", "j", "j", "j", "j")
	if m.list.offset == 0 {
		t.Fatalf("the window did not scroll: offset 0, cursor %d", m.list.cursor)
	}
	cur := m.list.current().Title

	rssFile(t, path, append([][3]string{{"[속보] 새로 온 기사", "a", "새 본문"}}, items...)...)
	m = press(t, m, "r")
	s := screen(m)
	if header := strings.Split(s, "\n")[0]; !strings.Contains(header, lang.Ko.NewAbove(1)) {
		t.Errorf("the header does not count the arrival above: %q", header)
	}
	if got := m.list.current().Title; got != cur {
		t.Errorf("the cursor moved from %q to %q", cur, got)
	}
	checkScreen(t, s, 80, 10)
	m = press(t, m, "t")
	s = screen(m)
	if e := m.list.current(); e == nil || e.Title != "[속보] 새로 온 기사" || !e.Fresh {
		t.Fatalf("t did not reach the new item, marked new: %+v", e)
	}
	if !strings.Contains(s, "+  [속보] 새로 온 기사") {
		t.Errorf("the new item's row is not marked +:\n%s", s)
	}
	// Another reload with nothing new: still new until read.
	m = press(t, m, "r")
	if e := m.view.Lookup(library.Key{Source: path, ID: "a"}); e == nil || !e.Fresh {
		t.Errorf("a second reload dropped the mark: %+v", e)
	}
}

// TestReloadWarnsOnce: a folder of posts that holds a file that is not a
// post warns of it on every read; r three times shows the warning once,
// and the rows below it stay where they were. It stood twice, then with
// "… 외 2건", pushing the list down (QA, build ce61e37).
func TestReloadWarnsOnce(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "posts")
	if err := os.Mkdir(posts, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"2024-07-14-a.md": "---\ntitle: 가람시 정전 복구\ndate: 2024-07-14\n---\n\n본문.\n",
		"2024-07-15-b.md": "---\ntitle: 다온강 홍수 경보\ndate: 2024-07-15\n---\n\n본문.\n",
		"notes.txt":       "할 일: 기사 두 건 더 쓰기\n",
	} {
		if err := os.WriteFile(filepath.Join(posts, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The warnings come with each read, and each read is logged; none
	// goes to the library's Warn, whose Warning would stand for good.
	var warned, logged []error
	lib := library.New(library.Options{StorePath: filepath.Join(dir, "sokbo.db"), Now: func() time.Time { return testNow },
		Warn: func(err error) { warned = append(warned, err) }})
	t.Cleanup(func() { lib.Close() })
	m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{posts}}, Style: render.StylePlain, Now: func() time.Time { return testNow },
		Log: func(err error) { logged = append(logged, err) }})
	m = update(t, m, tea.WindowSizeMsg{Width: 120, Height: 12})
	m = runCmds(t, m, m.loadLocalCmd(posts))
	first := screen(m)
	if strings.Count(first, "notes.txt") != 1 {
		t.Fatalf("the first read does not warn of notes.txt once:\n%s", first)
	}
	for i := range 3 {
		m = press(t, m, "r")
		if n := len(m.list.notes); n != 1 {
			t.Errorf("after r #%d: %d notes above the rows: %q", i+1, n, m.list.notes)
		}
	}
	if len(warned) != 0 || len(logged) != 4 {
		t.Errorf("4 reads: %d warnings to Warn, %d logged; want 0 and 4: %v %v", len(warned), len(logged), warned, logged)
	}
	s := screen(m)
	if strings.Count(s, "notes.txt") != 1 || strings.Contains(s, "외 ") {
		t.Errorf("the warning piled up:\n%s", s)
	}
	// Everything but the footer, which says what r found, is as it was.
	body := func(s string) string { return s[:strings.LastIndex(s, "\n")] }
	if body(s) != body(first) {
		t.Errorf("the screen moved:\n%s\n---\n%s", first, s)
	}
	checkScreen(t, s, 120, 12)
}

// TestReloadClearsWarnings: a warning lasts as long as its cause. A
// folder with good posts and files that are not posts warns of each (the
// first few above the rows, then how many more); once the bad files are
// deleted, or mended into posts, r reads the folder cleanly and every
// warning goes, on screen and in the notes. A folder that could not be
// read at first says so until r reads it. They stood until the reader
// quit (QA).
func TestReloadClearsWarnings(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // the sources as a user gives them, short enough to read whole
	posts := "posts"
	if err := os.Mkdir(posts, 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(posts, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("2024-07-14-a.md", "---\ntitle: 가람시 정전 복구\ndate: 2024-07-14\n---\n\n본문.\n")
	write("2024-07-15-b.md", "---\ntitle: 다온강 홍수 경보\ndate: 2024-07-15\n---\n\n본문.\n")
	for i := range 20 {
		write(fmt.Sprintf("bad%02d.txt", i), "할 일: 기사 두 건 더 쓰기\n")
	}
	// Whatever the library says to Warn reaches the reader as the
	// program's Warning messages, as tui.go sends them.
	var warned []error
	lib := library.New(library.Options{StorePath: filepath.Join(dir, "sokbo.db"), Now: func() time.Time { return testNow },
		Warn: func(err error) { warned = append(warned, err) }})
	t.Cleanup(func() { lib.Close() })
	deliver := func(m Model) Model {
		for _, err := range warned {
			m = update(t, m, Warning{Err: err})
		}
		warned = nil
		return m
	}
	m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{posts}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 120, Height: 12})
	m = deliver(runCmds(t, m, m.loadLocalCmd(posts)))
	s := screen(m)
	if !strings.Contains(s, "bad00.txt") || !strings.Contains(s, "외 18건") {
		t.Fatalf("the bad files are not warned of:\n%s", s)
	}

	// Mend one and delete the rest: r reads the folder cleanly.
	write("bad00.txt", "---\ntitle: 고친 기사\ndate: 2024-07-16\n---\n\n본문.\n")
	for i := 1; i < 20; i++ {
		if err := os.Remove(filepath.Join(posts, fmt.Sprintf("bad%02d.txt", i))); err != nil {
			t.Fatal(err)
		}
	}
	m = deliver(press(t, m, "r"))
	s = screen(m)
	if len(m.list.notes) != 0 || strings.Contains(s, "경고") || strings.Contains(s, "외 ") {
		t.Errorf("the warnings outlived the files (notes %q):\n%s", m.list.notes, s)
	}
	if !strings.Contains(s, "고친 기사") {
		t.Errorf("the mended post is not listed:\n%s", s)
	}
	checkScreen(t, s, 120, 12)

	// A bad file again: warned of again.
	write("notes.txt", "할 일\n")
	m = deliver(press(t, m, "r"))
	if s = screen(m); strings.Count(s, "notes.txt") != 1 {
		t.Errorf("a new bad file is not warned of once:\n%s", s)
	}

	// A folder that is not there says so, until r finds it.
	gone := "later"
	m = New(Config{Library: lib, Sources: library.Sources{Locals: []string{gone}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 120, Height: 12})
	m = deliver(runCmds(t, m, m.loadLocalCmd(gone)))
	if s = screen(m); !strings.Contains(s, "오류") {
		t.Fatalf("a missing folder is not an error:\n%s", s)
	}
	if err := os.Rename(posts, gone); err != nil {
		t.Fatal(err)
	}
	m = deliver(press(t, m, "r"))
	s = screen(m)
	if strings.Contains(s, "오류") || !strings.Contains(s, "notes.txt") || !strings.Contains(s, "고친 기사") {
		t.Errorf("after r found the folder, its error should be gone and its warning shown:\n%s", s)
	}
	checkScreen(t, s, 120, 12)
}
