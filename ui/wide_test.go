package ui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// TestReaderAmbiguousWide draws the list, an article and help in a child
// process with RUNEWIDTH_EASTASIAN=1, as --ambiguous wide runs sokbo:
// titles full of ambiguous characters (… · “ ” ※ ①) still fit every
// width, and the columns still line up, by the wide measure.
func TestReaderAmbiguousWide(t *testing.T) {
	if os.Getenv("SOKBO_WIDE_CHILD") != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestReaderAmbiguousWide$", "-test.v")
		cmd.Env = append(os.Environ(), "SOKBO_WIDE_CHILD=1", "RUNEWIDTH_EASTASIAN=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestReaderAmbiguousWide") {
			t.Fatalf("wide-mode child failed: %v\n%s", err, out)
		}
		return
	}
	if !render.AmbiguousWide() {
		t.Fatal("not in wide mode")
	}
	f := fakeFeed(40)
	for i, it := range f.Items {
		it.Title = fmt.Sprintf("※ 태풍 ‘카눈’ 북상… 기상청 “10일 남해안 상륙” · 피해 ①②③ 속보 %d", i)
		it.Categories = []string{"날씨·재난"}
	}
	for w := 30; w <= 160; w++ {
		m := newTestModel(t, f, w, 20)
		s := screen(m)
		checkScreen(t, s, w, 20)
		// The right-aligned time column ends at the same cell in every
		// row that shows it.
		col := -1
		for _, line := range strings.Split(rendertest.StripANSI(s), "\n")[1:19] {
			i := strings.Index(line, " 전")
			if w < 40 || i < 0 {
				continue
			}
			at := render.Width(line[:i+len(" 전")])
			if col >= 0 && at != col {
				t.Fatalf("at %d the time column moves from cell %d to %d:\n%s", w, col, at, s)
			}
			col = at
		}
		if w%10 == 0 {
			m = press(t, m, "enter")
			checkScreen(t, screen(m), w, 20)
			m = press(t, m, "esc", "?")
			checkScreen(t, screen(m), w, 20)
		}
		if w >= splitMinWidth && w%10 == 0 {
			// Split: the pane rule │ is two cells wide here, and the
			// article's pane is what is left of the screen.
			m = press(t, m, "?", "v", "j")
			if a := m.articleArea(); ruleWidth() != 2 || a.x != m.listWidth()+2 || a.x+a.w != w {
				t.Errorf("at %d the rule is %d wide and the article's pane %+v", w, ruleWidth(), a)
			}
			checkSplit(t, screen(m), w, 20, m.listWidth())
			m = press(t, m, "enter")
			checkSplit(t, screen(m), w, 20, m.listWidth())
		}
	}
}
