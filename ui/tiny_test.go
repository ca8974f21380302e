package ui

import (
	"fmt"
	"strings"
	"testing"

	"sokbo/render"
)

// TestTinyWindows: a tiny window shows exactly its height in lines, none
// wider than it, and what it keeps is the header, then the footer, then
// the rows; the footer is never blank, and in the list it keeps the
// position when the help key and the source no longer fit beside it (QA
// 15: at 10×3 and 15×4 the footer row was empty, and at a height of 1 or
// 2 the screen had a line more than the window).
func TestTinyWindows(t *testing.T) {
	t.Setenv("RUNEWIDTH_EASTASIAN", "0")
	for _, sz := range [][2]int{{10, 3}, {15, 4}, {20, 5}, {40, 2}, {40, 1}} {
		w, h := sz[0], sz[1]
		for name, keys := range map[string][]string{"list": nil, "article": {"enter"}, "help": {"?"}, "search": {"/"}, "feeds": {"F"}} {
			t.Run(fmt.Sprintf("%dx%d/%s", w, h, name), func(t *testing.T) {
				m := press(t, newTestModel(t, fakeFeed(5), w, h), keys...)
				lines := strings.Split(screen(m), "\n")
				if len(lines) != h {
					t.Fatalf("%d lines in a window of %d:\n%s", len(lines), h, screen(m))
				}
				for i, l := range lines {
					if render.Width(l) > w {
						t.Errorf("line %d is %d cells: %q", i, render.Width(l), l)
					}
				}
				foot := lines[h-1]
				if h >= 2 && name != "search" && strings.TrimSpace(foot) == "" {
					t.Errorf("blank footer:\n%s", screen(m))
				}
				if name == "list" && h >= 2 && !strings.Contains(foot, "1/5") {
					t.Errorf("footer %q lacks the position", foot)
				}
				if name == "search" && !strings.HasPrefix(foot, "/") {
					t.Errorf("the search field is not the last line:\n%s", screen(m))
				}
				if h >= 2 && (name == "list" || name == "feeds") && !strings.HasPrefix(lines[0], "속보") {
					t.Errorf("header lost:\n%s", screen(m))
				}
			})
		}
	}
}
