package render

import "strings"

// Columns lays out rows of plain-text cells, the first row their header,
// as aligned columns two cells apart, every line at most width cells: a
// listing such as `sokbo feeds ls` on a terminal. The last column is not
// padded.
//
// When the columns are wider than width, the cells of column shrink (a
// name) are cut with an ellipsis, down to minShrink cells. When that is
// not enough, each row after the header becomes a block: its first cell,
// then its other cells as "header: value", as many to a line as fit,
// indented by two cells; a cell wider than a line is wrapped by Wrap on
// lines of its own. Nothing but
// the shrink column is cut, and that only in the aligned form. width < 1
// counts as 1; shrink < 0 shrinks nothing.
func Columns(rows [][]string, width, shrink, minShrink int) []string {
	width = max(width, 1)
	n := 0
	for _, r := range rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return nil
	}
	widths := make([]int, n)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], Width(c))
		}
	}
	total := func() int {
		t := 2 * (n - 1)
		for _, w := range widths {
			t += w
		}
		return t
	}
	if over := total() - width; over > 0 && shrink >= 0 && shrink < n-1 {
		widths[shrink] = max(widths[shrink]-over, min(minShrink, widths[shrink]))
	}
	if total() > width {
		return columnBlocks(rows, width)
	}
	lines := make([]string, 0, len(rows))
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(Pad(Truncate(c, widths[i]), widths[i]))
			b.WriteString("  ")
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	return lines
}

// columnBlocks is Columns' form for a width the columns do not fit.
func columnBlocks(rows [][]string, width int) []string {
	header := rows[0]
	const indent = "  "
	inner := max(width-Width(indent), 1)
	var lines []string
	for _, r := range rows[1:] {
		if len(r) == 0 {
			continue
		}
		lines = append(lines, Wrap(r[0], width)...)
		line := ""
		flush := func() {
			if line != "" {
				lines = append(lines, indent+line)
				line = ""
			}
		}
		for i, c := range r[1:] {
			field := c
			if h := header[min(i+1, len(header)-1)]; i+1 < len(header) && h != "" {
				field = h + ": " + c
			}
			switch {
			case line == "" && Width(field) <= inner:
				line = field
			case line != "" && Width(line)+Width(" · ")+Width(field) <= inner:
				line += " · " + field
			default:
				flush()
				if Width(field) <= inner {
					line = field
					continue
				}
				// A field wider than a line has its lines to itself.
				for _, l := range Wrap(field, inner) {
					lines = append(lines, indent+l)
				}
			}
		}
		flush()
	}
	return lines
}
