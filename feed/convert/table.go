package convert

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// gridTable is an HTML table laid onto a grid. Row 0 is the header, and
// so are the head rows after it; in a table with no header row 0 is
// empty and head is 1.
type gridTable struct {
	rows  [][]slot
	head  int // header rows, at least 1
	align []alignment
	note  string // says what was left out when a cap was hit
}

// slot is one grid position. A cell with a colspan fills the slot where it
// starts (span columns) and marks those after it cont; a rowspan marks
// the slots below it down, spanning as many columns, so that the cell is
// written once, not copied into every position it covers.
type slot struct {
	text  string
	align alignment
	set   bool
	span  int  // columns, in the slot where a cell starts
	cont  bool // a column that the slot to the left spans
	down  bool // a position that the cell above spans (rowspan)
}

// rowSpanMark is what a slot that the cell above spans is written as: an
// HTML comment, which GFM renderers show as nothing, so the cell reads
// empty there as before, while sokbo's renderer (render/article.go, which
// knows the same mark) draws the cell above across it, with no rule
// between. The ^^ is MultiMarkdown's mark of a cell joined to the one
// above. It stands alone in its cell: a source cell whose text is "^^",
// or holds a comment, is written as text and escaped, never as this.
const rowSpanMark = "<!--^^-->"

// buildTable places the rows of table n onto a grid. render gives a cell's
// one-line Markdown. It returns nil when the table has no rows at all.
func buildTable(n *html.Node, render func(*html.Node) string) *gridTable {
	rows, theadRows := tableRows(n)
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

	// The first row is rendered before the rows are placed: whether it is
	// the header depends on what its cells hold.
	first := make([]string, len(cells[0]))
	for i, c := range cells[0] {
		first[i] = render(c)
	}

	var grid [][]slot
	used, droppedCells, shownRows := 0, 0, len(rows)
	// Header rows: those of <thead>, or else a first row of header cells
	// (see headerRow), and any row a header cell reaches down into with
	// its rowspan. A row of <th> cells right under them is a header row
	// too (checked as the rows are placed, below). A table with none has
	// no header: every row of it is data, and a data row made the header
	// would be drawn as one.
	headEnd := theadRows
	if headEnd == 0 && headerRow(cells[0], first) {
		headEnd = 1
	}
	// In a table with a header, a cell bold as a whole loses its ** (see
	// unbold); in one with none, nothing would read the bold as a header,
	// and it is kept as written.
	headed := headEnd > 0
placing:
	for r, rc := range cells {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		if r > 0 && r == headEnd && allHeaderCells(rc) {
			headEnd++ // a row of <th> right under the header is one too
		}
		col := 0
		for i, cell := range rc {
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
			var text string
			if r == 0 {
				text = first[i]
			} else {
				text = render(cell)
			}
			if headed {
				text = unbold(text)
			}
			if r < headEnd {
				headEnd = max(headEnd, r+rs)
			}
			a := cellAlign(cell)
			for dy := range rs {
				for len(grid) <= r+dy {
					grid = append(grid, nil)
				}
				row := grid[r+dy]
				for len(row) < col+cs {
					row = append(row, slot{})
				}
				for dx := range cs {
					if row[col+dx].set {
						continue
					}
					switch {
					case dx > 0:
						row[col+dx] = slot{align: a, set: true, cont: true}
					case dy > 0:
						row[col+dx] = slot{align: a, set: true, span: cs, down: true}
					default:
						row[col+dx] = slot{text: text, align: a, set: true, span: cs}
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
	for r, row := range grid {
		for len(row) < ncols {
			row = append(row, slot{span: 1})
		}
		for c := range row {
			if !row[c].cont && row[c].span < 1 {
				row[c].span = 1
			}
		}
		empty := true
		for _, sl := range row {
			if sl.text != "" {
				empty = false
			}
		}
		// Empty rows carry no text and go, but for an empty header row
		// with no other under it: it stays, so that the first row of data
		// does not become the header. An empty first row over more header
		// rows goes, so the next of them is the first; one of a table with
		// no header goes too, and the empty header is added below.
		if empty && (r > 0 || headEnd != 1) {
			// An empty cell of this row that spans the rows below goes
			// with it: the first of them now starts it.
			if r+1 < len(grid) {
				for c, sl := range row {
					if !sl.cont && !sl.down && c < len(grid[r+1]) {
						grid[r+1][c].down = false
					}
				}
			}
			if r < headEnd {
				headEnd--
			}
			continue
		}
		t.rows = append(t.rows, row)
	}
	if headEnd == 0 && ncols > 0 {
		// GFM has no table without a header row: a table with none gets
		// an empty one, which GFM renderers draw as an empty header and
		// sokbo's renderer not at all (render.Table).
		header := make([]slot, ncols)
		for c := range header {
			header[c] = slot{set: true, span: 1}
		}
		t.rows = append([][]slot{header}, t.rows...)
	}
	t.head = min(max(headEnd, 1), len(t.rows))
	if t.head == len(t.rows) {
		// A table of header cells only has one header row: the rest is
		// what it says.
		t.head = 1
	}
	switch {
	case shownRows < len(rows):
		t.note = fmt.Sprintf("(table truncated: %d of %d rows shown, over %d cells)", shownRows, len(rows), MaxTableCells)
	case droppedCells > 0:
		t.note = fmt.Sprintf("(table truncated: %d cells beyond column %d not shown)", droppedCells, MaxTableColumns)
	}
	return t
}

// headerRow reports whether the first row of a table with no <thead>,
// cells as text, is its header: a row of <th> cells, with perhaps an
// empty <td> among them (the corner over a column of row headings). A
// row of bold <td> cells, which many Korean articles write as a header,
// is one too: it is bold as a whole, every cell with text, which a row
// of data is seldom.
func headerRow(cells []*html.Node, text []string) bool {
	th, bold := false, false
	for i, c := range cells {
		switch {
		case text[i] == "":
		case c.DataAtom == atom.Th:
			th = true
		case unbold(text[i]) != text[i]:
			bold = true
		default:
			return false
		}
	}
	return th || bold
}

// allHeaderCells reports whether cells are all <th>.
func allHeaderCells(cells []*html.Node) bool {
	for _, c := range cells {
		if c.DataAtom != atom.Th {
			return false
		}
	}
	return len(cells) > 0
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
//
// A cell spanning columns is written once, followed by a pipe for each
// column more it covers with nothing between them, as MultiMarkdown writes
// a colspan (| 합계 ||| 312명 |): GFM renderers show it once, followed by
// empty cells, and sokbo's renderer draws it across the columns. A
// position that a cell above spans (rowspan) is written rowSpanMark, with
// the pipes of the cell's colspan after it. Header rows after the first are written as the first rows of the body, every
// cell bold, which is how sokbo's renderer knows them.
func (t *gridTable) markdown() string {
	if len(t.rows) == 0 {
		return t.note
	}
	ncols := len(t.align)
	cellText := func(r int, sl slot) string {
		if sl.down && r > 0 {
			return rowSpanMark
		}
		if r > 0 && r < t.head && sl.text != "" {
			return "**" + sl.text + "**"
		}
		return sl.text
	}
	widths := make([]int, ncols)
	for c := range widths {
		widths[c] = 3 // the shortest delimiter, ---, or :-: with alignment
		for r, row := range t.rows {
			if row[c].span == 1 && !row[c].cont {
				widths[c] = max(widths[c], ansi.StringWidth(cellText(r, row[c])))
			}
		}
	}
	// spanWidth is the room a cell spanning columns c.. has: theirs, and
	// two cells of each " | " it replaces with a "|".
	spanWidth := func(c, span int) int {
		w := 2 * (span - 1)
		for k := c; k < c+span && k < ncols; k++ {
			w += widths[k]
		}
		return w
	}
	for r, row := range t.rows {
		for c, sl := range row {
			if sl.span > 1 {
				if need := ansi.StringWidth(cellText(r, sl)) - spanWidth(c, sl.span); need > 0 {
					widths[min(c+sl.span, ncols)-1] += need
				}
			}
		}
	}
	var b strings.Builder
	writeRow := func(r int) {
		row := t.rows[r]
		b.WriteByte('|')
		for c := 0; c < ncols; {
			sl := row[c]
			span := max(sl.span, 1)
			text := cellText(r, sl)
			b.WriteByte(' ')
			gap := spanWidth(c, span) - ansi.StringWidth(text)
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
			b.WriteString(strings.Repeat("|", span-1))
			c += span
		}
		b.WriteByte('\n')
	}
	writeRow(0)
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
	for r := 1; r < len(t.rows); r++ {
		writeRow(r)
	}
	if t.note != "" {
		b.WriteString("\n")
		b.WriteString(t.note)
	}
	return b.String()
}

// tableRows returns the rows of table t, those of its <thead> first, not
// descending into nested tables, and how many are <thead>'s.
func tableRows(t *html.Node) (rows []*html.Node, headRows int) {
	var head []*html.Node
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
	return append(head, rows...), len(head)
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
