package ui

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sokbo/render"
	"sokbo/render/lang"
	"sokbo/render/rendertest"
)

// helpLines is the help of a reader speaking l at width w, mouse on or
// off, every line of it, plain.
func helpLines(t *testing.T, l lang.Lang, w int, mouse bool) []string {
	t.Helper()
	cfg := testConfig(t, englishFeed(1))
	cfg.Lang, cfg.Mouse = l, mouse
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: 80})
	m = press(t, m, "?")
	lines := m.help.lines()
	for i, s := range lines {
		lines[i] = rendertest.StripANSI(s)
	}
	return lines
}

// cells splits a plain line into its display cells: a wide character
// fills its first cell, and its second is "".
func cells(s string) []string {
	var out []string
	for _, r := range s {
		out = append(out, string(r))
		for range render.Width(string(r)) - 1 {
			out = append(out, "")
		}
	}
	return out
}

// helpColumns checks that each row of sections lines up, and returns how
// many sections sit side by side in its first row: a section's title
// starts its column, and no line of that row of sections has anything in
// the two cells before a column but spaces.
func helpColumns(t *testing.T, lines []string, w int, what string) int {
	t.Helper()
	first := 0
	for i := 3; i < len(lines); i++ {
		if lines[i-1] != "" || lines[i] == "" {
			continue
		}
		// A title row: where each title starts is where its column does.
		title := cells(lines[i])
		var starts []int
		for c := 2; c < len(title); c++ {
			if title[c] != " " && title[c] != "" && (c == 2 || title[c-1] == " " && title[c-2] == " ") {
				starts = append(starts, c)
			}
		}
		if first == 0 {
			first = len(starts)
		}
		for j := i; j < len(lines) && lines[j] != ""; j++ {
			row := cells(lines[j])
			if len(row) > w {
				t.Fatalf("%s: line %d is %d cells wide:\n%s", what, j, len(row), strings.Join(lines, "\n"))
			}
			for _, c := range starts[1:] {
				for k := c - 2; k < c && k < len(row); k++ {
					if row[k] != " " {
						t.Fatalf("%s: line %d runs into the column at cell %d:\n%s", what, j, c, strings.Join(lines, "\n"))
					}
				}
				// A column's lines start with its title, a key two
				// cells in, or a description further in.
				if c < len(row) && row[c] != " " && j != i {
					t.Fatalf("%s: line %d does not start its column at cell %d like its title:\n%s", what, j, c, strings.Join(lines, "\n"))
				}
			}
		}
	}
	return first
}

// TestHelpColumnsEitherLanguage: help lays its sections side by side by
// the width of the screen, the same in English as in Korean, whose
// descriptions are shorter; the longer English ones wrap inside their
// column. At every width each column lines up and nothing overflows.
func TestHelpColumnsEitherLanguage(t *testing.T) {
	for _, mouse := range []bool{false, true} {
		for w := 30; w <= 200; w++ {
			ko := helpColumns(t, helpLines(t, lang.Ko, w, mouse), w, "ko at "+strconv.Itoa(w))
			en := helpColumns(t, helpLines(t, lang.En, w, mouse), w, "en at "+strconv.Itoa(w))
			if ko != en {
				t.Errorf("at %d columns (mouse %v), help is %d sections wide in Korean and %d in English", w, mouse, ko, en)
			}
			if want := map[int]int{40: 1, 60: 1, 120: 2}[w]; want != 0 && en != want {
				t.Errorf("at %d columns (mouse %v), help is %d sections wide, want %d", w, mouse, en, want)
			}
		}
	}
}
