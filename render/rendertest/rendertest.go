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

	"sokbo/render"
)

// StripANSI removes every ANSI escape sequence from s.
func StripANSI(s string) string { return ansi.Strip(s) }

// CheckLayout fails t when out, with its ANSI sequences removed, has a line
// wider than width display cells, or a table whose borders do not line up,
// measured as render measures under the current width policy
// (render.SetWidthPolicy). See Layout for the rules.
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
// as ───┼─── or ---+---, every border of every line of it must stand at a
// column where the rule has a junction; lines whose borders all stand
// before their text (a quote bar around the table) are not rows and are
// skipped. A run with no rule must have its borders at columns of the line
// with the most borders, on every line that has a border after its text
// begins. A row may have fewer borders than the rule: a cell that spans
// columns has none between them.
func Layout(out string, width int) error {
	var errs []error
	lines := strings.Split(strings.TrimSuffix(StripANSI(out), "\n"), "\n")
	for i, l := range lines {
		if w := render.Width(l); w > width {
			errs = append(errs, fmt.Errorf("line %d is %d cells wide, more than %d: %q", i+1, w, width, l))
		}
	}
	parsed := make([]line, len(lines))
	for i, l := range lines {
		parsed[i] = parse(l, anyBorder)
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
		// A table drawn with box-drawing characters may have | and + in
		// its text, and the other way round: read each with its own.
		kind := asciiBorder
		for _, l := range lines[start:end] {
			if strings.ContainsAny(l, "│┼├┤┌┐└┘┬┴─") {
				kind = boxBorder
				break
			}
		}
		block := make([]line, len(parsed))
		for i := start; i < end; i++ {
			block[i] = parse(lines[i], kind)
		}
		errs = append(errs, checkBlock(lines, block, start, end)...)
		start = end
	}
	return errors.Join(errs...)
}

// borderKind says which characters draw a table's borders.
type borderKind uint8

const (
	anyBorder   borderKind = iota // box drawing or ASCII
	boxBorder                     // box drawing only: │ ┼ ─ …
	asciiBorder                   // ASCII only: | + -
)

// line is one output line as the checker sees it.
type line struct {
	borders []int // display columns of vertical borders and junctions
	leading int   // how many of borders stand before the line's text
	rule    bool  // a horizontal rule with at least one junction
}

// inTable reports whether a line can be part of a table block.
func (l line) inTable() bool { return len(l.borders) > 0 || l.rule }

// isVertical reports whether a cluster is a vertical border or a junction
// of kind.
func isVertical(c string, kind borderKind) bool {
	switch c {
	case "│", "┃", "║", "┼", "├", "┤", "┌", "┐", "└", "┘", "┬", "┴", "╋":
		return kind != asciiBorder
	case "|", "+":
		return kind != boxBorder
	}
	return false
}

// isHorizontal reports whether a cluster draws a horizontal rule of kind.
func isHorizontal(c string, kind borderKind) bool {
	switch c {
	case "─", "━", "═":
		return kind != asciiBorder
	case "-", "=":
		return kind != boxBorder
	}
	return false
}

// otherKind reports whether c would be a border or rule of another kind
// than kind: it is neither text nor border then.
func otherKind(c string, kind borderKind) bool {
	return kind != anyBorder && (isVertical(c, anyBorder) || isHorizontal(c, anyBorder))
}

// parse finds the border columns of a line, drawn with kind.
func parse(s string, kind borderKind) line {
	var l line
	col, text, horiz, other := 0, false, 0, 0
	for len(s) > 0 {
		c, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		if c == "" {
			break
		}
		w := render.Width(c)
		s = s[len(c):]
		switch {
		case isVertical(c, kind):
			l.borders = append(l.borders, col)
			if !text {
				l.leading++
			}
		case isHorizontal(c, kind):
			horiz++
		case c == " " || otherKind(c, kind) && !text:
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
			if !contains(ref, l.borders) {
				errs = append(errs, fmt.Errorf("table line %d has borders at columns %v, the rule on line %d at %v:\n%s\n%s",
					i+1, l.borders, refLine+1, ref, lines[refLine], lines[i]))
			}
		}
		return errs
	}
	for i := start; i < end; i++ {
		l := parsed[i]
		if l.leading != len(l.borders) && len(l.borders) > len(ref) {
			ref, refLine = l.borders, i
		}
	}
	for i := start; i < end; i++ {
		l := parsed[i]
		if l.leading == len(l.borders) || i == refLine {
			continue
		}
		if !contains(ref, l.borders) {
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
