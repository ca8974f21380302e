package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Align is the horizontal alignment of a table column, from the GFM
// delimiter row (:--, :-:, --:).
type Align uint8

const (
	// AlignDefault is a column with no alignment marker; laid out left.
	AlignDefault Align = iota
	// AlignLeft is a :-- column.
	AlignLeft
	// AlignCenter is a :-: column.
	AlignCenter
	// AlignRight is a --: column.
	AlignRight
)

// maxMinColumn caps the width a column insists on for its longest word.
// A longer word (a URL, say) breaks inside its cell rather than pushing
// the whole table into the stacked layout.
const maxMinColumn = 16

// borders are the characters a grid is drawn with.
type borders struct {
	vert, horiz, cross string
}

// boxBorders are one cell wide only when ambiguous characters are narrow;
// asciiBorders are one cell wide always.
var (
	boxBorders   = borders{vert: "│", horiz: "─", cross: "┼"}
	asciiBorders = borders{vert: "|", horiz: "-", cross: "+"}
)

// tableBorders picks the border set for the ambiguous-width mode: in wide
// mode the box-drawing characters take two cells, so the grid is ASCII.
func tableBorders() borders {
	if AmbiguousWide() {
		return asciiBorders
	}
	return boxBorders
}

// Table lays out one table at most width cells wide and returns its lines
// joined by "\n", with no trailing newline and no margin.
//
// Cells are plain text. Rows shorter than the widest row are padded with
// empty cells; a header of blank cells is left out, and a table of blank
// cells gives "". Column widths come from the display widths of the content;
// when the table is too wide, the widest columns shrink first and the text
// wraps inside its cells, header text included: nothing is ever truncated,
// and a word breaks only when it alone is wider than its column. When even
// the narrowest grid cannot fit, each row becomes a block of
// "header: value" lines instead. In StyleDark and StyleLight the header is
// bold; StylePlain output has no escape code. width < 1 counts as 1.
func Table(header []string, rows [][]string, align []Align, width int, style Style) string {
	return strings.Join(tableLines(header, rows, align, width, style), "\n")
}

// tableLines is Table as lines.
func tableLines(header []string, rows [][]string, align []Align, width int, style Style) []string {
	width = max(width, 1)
	ncols := len(header)
	empty := blankRow(header)
	for _, r := range rows {
		ncols = max(ncols, len(r))
		empty = empty && blankRow(r)
	}
	if ncols == 0 || empty {
		return nil
	}
	// A grid needs at least one cell of text and three of padding and
	// border per column: give up on it before measuring a thousand columns.
	if 4*ncols-1 > width {
		return stackedLines(header, rows, width, style)
	}
	cell := func(r []string, c int) string {
		if c < len(r) {
			return r[c]
		}
		return ""
	}
	natural := make([]int, ncols) // widest line of each column
	minimum := make([]int, ncols) // widest word of each column, capped
	measure := func(r []string) {
		for c := range ncols {
			for _, line := range strings.Split(cell(r, c), "\n") {
				natural[c] = max(natural[c], Width(line))
				for _, word := range strings.Fields(line) {
					minimum[c] = max(minimum[c], min(Width(word), maxMinColumn))
				}
			}
		}
	}
	measure(header)
	for _, r := range rows {
		measure(r)
	}
	for c := range ncols {
		natural[c] = max(natural[c], 1)
		minimum[c] = max(min(minimum[c], natural[c]), 1)
	}
	content := width - (3*ncols - 1) // " text " per column, a border between
	widths, ok := fitColumns(natural, minimum, content)
	if !ok {
		return stackedLines(header, rows, width, style)
	}
	if (len(rows)+1)*ncols <= maxBalanceCells {
		grid := make([][]string, 0, len(rows)+1)
		for _, r := range append([][]string{header}, rows...) {
			g := make([]string, ncols)
			for c := range ncols {
				g[c] = cell(r, c)
			}
			grid = append(grid, g)
		}
		balance(grid, widths, natural, minimum, content)
	}

	b := tableBorders()
	bold := style != StylePlain
	var out []string
	wrapRow := func(r []string) [][]string {
		cells := make([][]string, ncols)
		for c := range ncols {
			cells[c] = Wrap(cell(r, c), widths[c])
		}
		return cells
	}
	emit := func(cells [][]string, isHeader bool) {
		height := 1
		for _, lines := range cells {
			height = max(height, len(lines))
		}
		for i := range height {
			var sb strings.Builder
			for c := range ncols {
				if c > 0 {
					sb.WriteString(b.vert)
				}
				text := ""
				if i < len(cells[c]) {
					text = cells[c][i]
				}
				a := AlignDefault
				if c < len(align) {
					a = align[c]
				}
				gap := widths[c] - Width(text)
				left := 0
				switch a {
				case AlignCenter:
					left = gap / 2
				case AlignRight:
					left = gap
				}
				sb.WriteString(spaces(1 + left))
				if isHeader && bold && text != "" {
					sb.WriteString(ansi.SGR(ansi.AttrBold) + text + ansi.SGR(ansi.AttrNormalIntensity))
				} else {
					sb.WriteString(text)
				}
				sb.WriteString(spaces(gap - left + 1))
			}
			out = append(out, strings.TrimRight(sb.String(), " "))
		}
	}
	rule := func() string {
		parts := make([]string, ncols)
		for c := range ncols {
			parts[c] = strings.Repeat(b.horiz, widths[c]+2)
		}
		return strings.Join(parts, b.cross)
	}

	if !blankRow(header) {
		emit(wrapRow(header), true)
		out = append(out, rule())
	}
	body := make([][][]string, len(rows))
	tall := false
	for i, r := range rows {
		body[i] = wrapRow(r)
		for _, lines := range body[i] {
			tall = tall || len(lines) > 1
		}
	}
	for i, cells := range body {
		// Rows of several lines run together without a rule between them.
		if i > 0 && tall {
			out = append(out, rule())
		}
		emit(cells, false)
	}
	return out
}

// fitColumns chooses column widths that add up to at most content cells.
// Every column gets its natural width when they all fit. Otherwise the
// widest columns shrink first, level by level, but none below its minimum;
// cells left over go back to the columns that were cut most. ok is false
// when even the minimums do not fit.
func fitColumns(natural, minimum []int, content int) (widths []int, ok bool) {
	widths = make([]int, len(natural))
	sumNat, sumMin, widest := 0, 0, 0
	for c := range natural {
		sumNat += natural[c]
		sumMin += minimum[c]
		widest = max(widest, natural[c])
	}
	if sumNat <= content {
		copy(widths, natural)
		return widths, true
	}
	if sumMin > content {
		return nil, false
	}
	at := func(level int) int {
		total := 0
		for c := range natural {
			total += max(minimum[c], min(natural[c], level))
		}
		return total
	}
	// The highest level (cap on any column) whose total still fits.
	lo, hi := 0, widest
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if at(mid) <= content {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	total := 0
	for c := range natural {
		widths[c] = max(minimum[c], min(natural[c], lo))
		total += widths[c]
	}
	// Hand the remainder, one cell each, to the columns still short of
	// their natural width, widest content first.
	for total < content {
		best := -1
		for c := range natural {
			if widths[c] < natural[c] && (best < 0 || natural[c] > natural[best]) {
				best = c
			}
		}
		if best < 0 {
			break
		}
		widths[best]++
		total++
	}
	return widths, true
}

// blankRow reports whether every cell of r is blank.
func blankRow(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// maxBalanceCells bounds the tables that balance improves: it wraps every
// cell of a column once per trial, which a huge table cannot afford.
const maxBalanceCells = 4096

// balance improves the column widths fitColumns chose, in place. It trims
// each column to its widest wrapped line, then hands the cells saved to the
// column where they save the most lines (rows first, then cell lines), and
// repeats while that helps. Cells that help nowhere are left unused, which
// makes the table narrower, never taller.
func balance(grid [][]string, widths, natural, minimum []int, content int) {
	ncols := len(widths)
	// lines[c][r] is the line count of cell (r, c) at widths[c].
	lines := make([][]int, ncols)
	wrapColumn := func(c, w int) (counts []int, widest int) {
		counts = make([]int, len(grid))
		for r, row := range grid {
			ls := Wrap(row[c], w)
			counts[r] = len(ls)
			for _, l := range ls {
				widest = max(widest, Width(l))
			}
		}
		return counts, widest
	}
	cost := func(c int, counts []int) (height, total int) {
		for r := range grid {
			h := 1
			for k := range ncols {
				n := lines[k][r]
				if k == c {
					n = counts[r]
				}
				h = max(h, n)
				total += n
			}
			height += h
		}
		return height, total
	}
	for c := range ncols {
		var widest int
		lines[c], widest = wrapColumn(c, widths[c])
		widths[c] = max(widest, minimum[c])
	}
	for range 2 * ncols {
		slack := content
		for _, w := range widths {
			slack -= w
		}
		if slack <= 0 {
			return
		}
		bestH, bestT := cost(-1, nil)
		best, bestW := -1, 0
		var bestCounts []int
		for c := range ncols {
			if widths[c] >= natural[c] {
				continue
			}
			w := min(widths[c]+slack, natural[c])
			counts, widest := wrapColumn(c, w)
			h, t := cost(c, counts)
			if h < bestH || (h == bestH && t < bestT) {
				best, bestW, bestCounts, bestH, bestT = c, max(widest, minimum[c]), counts, h, t
			}
		}
		if best < 0 {
			return
		}
		widths[best], lines[best] = bestW, bestCounts
	}
}

// stackedLines lays out a table that cannot fit as a grid: each row is a
// block of "header: value" lines, wrapped with a hanging indent, and blocks
// are separated by a blank line.
func stackedLines(header []string, rows [][]string, width int, style Style) []string {
	const indent = "  "
	cont := indent
	if width <= len(indent) {
		cont = ""
	}
	var out []string
	for i, r := range rows {
		if i > 0 {
			out = append(out, "")
		}
		n := max(len(r), len(header))
		for c := range n {
			label, value := "", ""
			if c < len(header) {
				label = strings.Join(strings.Fields(header[c]), " ")
			}
			if c < len(r) {
				value = r[c]
			}
			if label == "" && strings.TrimSpace(value) == "" {
				continue
			}
			if label == "" {
				out = append(out, wrapIndented(value, width, "", cont)...)
				continue
			}
			if style != StylePlain {
				label = ansi.SGR(ansi.AttrBold) + label + ansi.SGR(ansi.AttrNormalIntensity)
			}
			text := label + ": " + value
			vw := Width(value)
			if Width(text) > width && !strings.Contains(value, "\n") && vw > 0 && vw <= width-Width(cont) {
				// "낮 12시20분" reads better whole on its own line than
				// split after the label.
				out = append(out, wrapIndented(label+":", width, "", cont)...)
				out = append(out, cont+value)
				continue
			}
			out = append(out, wrapIndented(text, width, "", cont)...)
		}
	}
	if len(rows) == 0 {
		// A header with no rows: list the header cells.
		for _, h := range header {
			if strings.TrimSpace(h) != "" {
				out = append(out, wrapIndented(h, width, "", cont)...)
			}
		}
	}
	return out
}

// wrapIndented wraps s at width cells with first before the first line and
// cont before the others; both are plain runs of cells (spaces, a marker).
func wrapIndented(s string, width int, first, cont string) []string {
	fw, cw := Width(first), Width(cont)
	var lines [][]token
	toks := tokenize(s)
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && toks[i].kind != tokNewline {
			continue
		}
		firstW := width - cw
		if len(lines) == 0 {
			firstW = width - fw
		}
		lines = append(lines, wrapTokens(toks[start:i], max(firstW, 1), max(width-cw, 1), false)...)
		start = i + 1
	}
	return joinLines(lines, first, cont)
}
