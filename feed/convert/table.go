package convert

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// gridTable is an HTML table laid onto a grid, spans expanded. Row 0 is the
// header.
type gridTable struct {
	rows  [][]string
	align []alignment
	note  string // says what was left out when a cap was hit
}

// slot is one grid position while the table is being placed.
type slot struct {
	text  string
	align alignment
	set   bool
}

// buildTable places the rows of table n onto a grid. render gives a cell's
// one-line Markdown. It returns nil when the table has no rows at all.
func buildTable(n *html.Node, render func(*html.Node) string) *gridTable {
	rows := tableRows(n)
	if len(rows) == 0 {
		return nil
	}
	cells := make([][]*html.Node, len(rows))
	perRow := 0
	for i, r := range rows {
		cells[i] = rowCells(r)
		perRow = max(perRow, len(cells[i]))
	}
	if perRow == 0 {
		return nil
	}
	// The real column count: the widest row, counting each span at most
	// as wide as the row with most cells. A colspan beyond it is a mistake
	// or an attack, and must not cost memory.
	realCols := 0
	for _, rc := range cells {
		sum := 0
		for _, c := range rc {
			sum += spanAttr(c, "colspan", perRow)
		}
		realCols = max(realCols, sum)
	}
	realCols = min(realCols, MaxTableColumns)
	spanLimit := min(realCols, maxSpan)

	var grid [][]slot
	used, droppedCells, shownRows := 0, 0, len(rows)
placing:
	for r, rc := range cells {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		col := 0
		for _, cell := range rc {
			for col < len(grid[r]) && grid[r][col].set {
				col++
			}
			if col >= MaxTableColumns {
				droppedCells++
				continue
			}
			cs := min(spanAttr(cell, "colspan", spanLimit), MaxTableColumns-col)
			rs := spanAttr(cell, "rowspan", len(rows)-r)
			if used+cs*rs > MaxTableCells {
				// Keep whole rows only: drop this one and the rest.
				shownRows = r
				grid = grid[:r]
				break placing
			}
			used += cs * rs
			text := render(cell)
			if r == 0 {
				text = unbold(text)
			}
			s := slot{text: text, align: cellAlign(cell), set: true}
			for dy := range rs {
				for len(grid) <= r+dy {
					grid = append(grid, nil)
				}
				row := grid[r+dy]
				for len(row) < col+cs {
					row = append(row, slot{})
				}
				for dx := range cs {
					if !row[col+dx].set {
						row[col+dx] = s
					}
				}
				grid[r+dy] = row
			}
			col += cs
		}
	}
	if len(grid) > shownRows {
		grid = grid[:shownRows]
	}

	t := &gridTable{}
	ncols := 0
	for _, row := range grid {
		ncols = max(ncols, len(row))
	}
	t.align = make([]alignment, ncols)
	for c := range ncols {
		for _, row := range grid {
			if c < len(row) && row[c].align != alignNone {
				t.align[c] = row[c].align
				break
			}
		}
	}
	for _, row := range grid {
		texts := make([]string, ncols)
		empty := true
		for c := range row {
			texts[c] = row[c].text
			if texts[c] != "" {
				empty = false
			}
		}
		// Empty rows carry no text; dropping them also keeps an empty
		// first row from becoming the header.
		if empty {
			continue
		}
		t.rows = append(t.rows, texts)
	}
	switch {
	case shownRows < len(rows):
		t.note = fmt.Sprintf("(table truncated: %d of %d rows shown, over %d cells)", shownRows, len(rows), MaxTableCells)
	case droppedCells > 0:
		t.note = fmt.Sprintf("(table truncated: %d cells beyond column %d not shown)", droppedCells, MaxTableColumns)
	}
	return t
}

// unbold strips the ** around a header cell that is bold as a whole: a
// table with no <thead> often bolds its first row instead.
func unbold(s string) string {
	if len(s) > 4 && strings.HasPrefix(s, "**") && strings.HasSuffix(s, "**") &&
		!strings.Contains(s[2:len(s)-2], "**") {
		return strings.TrimSpace(s[2 : len(s)-2])
	}
	return s
}

// markdown writes the table as GFM, every column padded to its widest
// cell in display cells.
func (t *gridTable) markdown() string {
	if len(t.rows) == 0 {
		return t.note
	}
	ncols := len(t.align)
	widths := make([]int, ncols)
	for c := range widths {
		widths[c] = 3 // the shortest delimiter, ---, or :-: with alignment
		for _, row := range t.rows {
			widths[c] = max(widths[c], ansi.StringWidth(row[c]))
		}
	}
	var b strings.Builder
	writeRow := func(row []string) {
		b.WriteByte('|')
		for c, text := range row {
			b.WriteByte(' ')
			gap := widths[c] - ansi.StringWidth(text)
			left := 0
			switch t.align[c] {
			case alignCenter:
				left = gap / 2
			case alignRight:
				left = gap
			}
			b.WriteString(strings.Repeat(" ", left))
			b.WriteString(text)
			b.WriteString(strings.Repeat(" ", gap-left))
			b.WriteString(" |")
		}
		b.WriteByte('\n')
	}
	writeRow(t.rows[0])
	b.WriteByte('|')
	for c, w := range widths {
		b.WriteByte(' ')
		switch t.align[c] {
		case alignLeft:
			b.WriteString(":" + strings.Repeat("-", w-1))
		case alignCenter:
			b.WriteString(":" + strings.Repeat("-", w-2) + ":")
		case alignRight:
			b.WriteString(strings.Repeat("-", w-1) + ":")
		default:
			b.WriteString(strings.Repeat("-", w))
		}
		b.WriteString(" |")
	}
	b.WriteByte('\n')
	for _, row := range t.rows[1:] {
		writeRow(row)
	}
	if t.note != "" {
		b.WriteString("\n")
		b.WriteString(t.note)
	}
	return b.String()
}

// tableRows returns the rows of table t, those of its <thead> first, not
// descending into nested tables.
func tableRows(t *html.Node) []*html.Node {
	var head, rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.DataAtom != atom.Tr {
					continue
				}
				if c.DataAtom == atom.Thead {
					head = append(head, r)
				} else {
					rows = append(rows, r)
				}
			}
		}
	}
	return append(head, rows...)
}

// rowCells returns the td and th children of row.
func rowCells(row *html.Node) []*html.Node {
	var cells []*html.Node
	for c := row.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			cells = append(cells, c)
		}
	}
	return cells
}
