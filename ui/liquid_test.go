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
)

// TestJekyllCodeOnScreen: a Jekyll post's {% highlight %} block reads
// on the reader's screen as it does in the text, a line for each line of
// code; it was one line, "{% highlight ruby %} puts "안녕" x = 1
// {% endhighlight %}" (a new user's test).
func TestJekyllCodeOnScreen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "posts")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	post := "---\ntitle: 코드\ndate: 2024-07-01 10:00:00 +0900\n---\n본문\n\n" +
		"{% highlight ruby %}\nputs \"안녕\"\nx = 1\n{% endhighlight %}\n\n끝\n"
	if err := os.WriteFile(filepath.Join(dir, "2024-07-01-code.md"), []byte(post), 0o600); err != nil {
		t.Fatal(err)
	}
	lib := library.New(library.Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Now: func() time.Time { return testNow }})
	t.Cleanup(func() { lib.Close() })
	m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{dir}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 60, Height: 25})
	m = runCmds(t, m, m.loadLocalCmd(dir))
	m = press(t, m, "enter")
	s := screen(m)
	lines := map[string]bool{}
	for _, l := range strings.Split(s, "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	for _, want := range []string{`puts "안녕"`, "x = 1", "본문", "끝"} {
		if !lines[want] {
			t.Errorf("no line %q on the screen:\n%s", want, s)
		}
	}
	if strings.Contains(s, "highlight") {
		t.Errorf("the screen shows the Liquid tags:\n%s", s)
	}
}
