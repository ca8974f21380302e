// Package rendertest provides test helpers that check terminal output laid
// out by sokbo: that no line is wider than the terminal, and that table
// borders line up. Any package's tests may use it.
package rendertest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// StripANSI removes every ANSI escape sequence from s.
func StripANSI(s string) string { return ansi.Strip(s) }

// CheckLayout fails t when out, with its ANSI sequences removed, has a line
// wider than width display cells, or a table whose borders do not line up.
// See Layout for the rules.
func CheckLayout(t testing.TB, out string, width int) {
	t.Helper()
	if err := Layout(out, width); err != nil {
		t.Error(err)
	}
}

// Layout reports, as one error, every line of out (ANSI sequences removed)
// wider than width display cells and every table whose borders do not line
// up; it returns nil when there is none. It is CheckLayout for callers
// without a testing.TB, such as property tests.
//
// A table is a run of consecutive lines that hold border characters (│ ┼
// ├ ┤ ┌ ┐ └ ┘ ┬ ┴, or ASCII | and +). When the run has a rule line, such
// as ───┼─── or ---+---, every line of it must have a border at each
// column where the rule has a junction; lines whose borders all stand
// before their text (a quote bar around the table) are not rows and are
// skipped. A run with no rule must have its borders at the same columns on
// every line that has a border after its text begins.
func Layout(out string, width int) error {
	var errs []error
	lines := strings.Split(strings.TrimSuffix(StripANSI(out), "\n"), "\n")
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			errs = append(errs, fmt.Errorf("line %d is %d cells wide, more than %d: %q", i+1, w, width, l))
		}
	}
	parsed := make([]line, len(lines))
	for i, l := range lines {
		parsed[i] = parse(l)
	}
	for start := 0; start < len(parsed); {
		if !parsed[start].inTable() {
			start++
			continue
		}
		end := start
		for end < len(parsed) && parsed[end].inTable() {
			end++
		}
		errs = append(errs, checkBlock(lines, parsed, start, end)...)
		start = end
	}
	return errors.Join(errs...)
}

// line is one output line as the checker sees it.
type line struct {
	borders []int // display columns of vertical borders and junctions
	leading int   // how many of borders stand before the line's text
	rule    bool  // a horizontal rule with at least one junction
}

// inTable reports whether a line can be part of a table block.
func (l line) inTable() bool { return len(l.borders) > 0 || l.rule }

// isVertical reports whether a cluster is a vertical border or a junction.
func isVertical(c string) bool {
	switch c {
	case "│", "┃", "║", "┼", "├", "┤", "┌", "┐", "└", "┘", "┬", "┴", "╋", "|", "+":
		return true
	}
	return false
}

// isHorizontal reports whether a cluster draws a horizontal rule.
func isHorizontal(c string) bool {
	switch c {
	case "─", "━", "═", "-", "=":
		return true
	}
	return false
}

// parse finds the border columns of a line.
func parse(s string) line {
	var l line
	col, text, horiz, other := 0, false, 0, 0
	for len(s) > 0 {
		c, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		if c == "" {
			break
		}
		s = s[len(c):]
		switch {
		case isVertical(c):
			l.borders = append(l.borders, col)
			if !text {
				l.leading++
			}
		case isHorizontal(c):
			horiz++
		case c == " ":
		default:
			text = true
			other++
		}
		col += w
	}
	l.rule = other == 0 && horiz >= 2 && len(l.borders) > 0
	return l
}

// checkBlock checks that the borders of lines[start:end] line up.
func checkBlock(lines []string, parsed []line, start, end int) []error {
	var errs []error
	var ref []int
	refLine := -1
	for i := start; i < end; i++ {
		if parsed[i].rule {
			ref, refLine = parsed[i].borders, i
			break
		}
	}
	if refLine >= 0 {
		for i := start; i < end; i++ {
			l := parsed[i]
			if l.leading == len(l.borders) && len(l.borders) < len(ref) {
				continue // a quote bar or gutter, not a row
			}
			if !contains(l.borders, ref) {
				errs = append(errs, fmt.Errorf("table line %d has borders at columns %v, the rule on line %d at %v:\n%s\n%s",
					i+1, l.borders, refLine+1, ref, lines[refLine], lines[i]))
			}
		}
		return errs
	}
	for i := start; i < end; i++ {
		l := parsed[i]
		if l.leading == len(l.borders) {
			continue
		}
		if ref == nil {
			ref, refLine = l.borders, i
			continue
		}
		if !equal(l.borders, ref) {
			errs = append(errs, fmt.Errorf("table line %d has borders at columns %v, line %d at %v:\n%s\n%s",
				i+1, l.borders, refLine+1, ref, lines[refLine], lines[i]))
		}
	}
	return errs
}

// contains reports whether every column of want is in have (both sorted).
func contains(have, want []int) bool {
	j := 0
	for _, w := range want {
		for j < len(have) && have[j] < w {
			j++
		}
		if j == len(have) || have[j] != w {
			return false
		}
	}
	return true
}

// equal reports whether two column lists are the same.
func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
