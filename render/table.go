package render

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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

// borders are the characters a grid is drawn with: up and down are the
// junctions of a rule with a border only above it or only below it, where
// a cell spans the column boundary on the other side; right and left are
// those of a rule that goes on only to the right or only to the left,
// where a cell spans the rows on the other side.
type borders struct {
	vert, horiz, cross, up, down, right, left string
}

// boxBorders are one cell wide only when ambiguous characters are narrow;
// asciiBorders are one cell wide always.
var (
	boxBorders   = borders{vert: "│", horiz: "─", cross: "┼", up: "┴", down: "┬", right: "├", left: "┤"}
	asciiBorders = borders{vert: "|", horiz: "-", cross: "+", up: "+", down: "+", right: "+", left: "+"}
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
	return strings.Join(tableLines(plainGrid(header, rows), align, width, style), "\n")
}

// tcell is one cell of a table to lay out: its text, whose lines are
// separated by "\n", and how many columns it spans. A span of 0 marks a
// column that a cell to its left spans. A cell marked down is a place
// that the cell above spans (a rowspan): it has no text of its own, spans
// the columns that cell spans, and no rule is drawn between them.
type tcell struct {
	text string
	span int
	down bool
}

// tgrid is a table to lay out: every row ncols cells long, the first head
// rows its header rows.
type tgrid struct {
	rows  [][]tcell
	head  int
	ncols int
}

// plainGrid makes a grid of one header row and no spans.
func plainGrid(header []string, rows [][]string) tgrid {
	g := tgrid{head: 1, ncols: len(header)}
	for _, r := range rows {
		g.ncols = max(g.ncols, len(r))
	}
	for _, r := range append([][]string{header}, rows...) {
		row := make([]tcell, g.ncols)
		for c := range row {
			row[c].span = 1
			if c < len(r) {
				row[c].text = r[c]
			}
		}
		g.rows = append(g.rows, row)
	}
	return g
}

// blank reports whether every cell of row r is blank.
func (g tgrid) blank(r int) bool {
	for _, c := range g.rows[r] {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}

// headerBlank reports whether the table has no header text at all.
func (g tgrid) headerBlank() bool {
	for r := range g.head {
		if !g.blank(r) {
			return false
		}
	}
	return true
}

// covered reports, for each column of row r, whether the cell above spans
// it down into r.
func (g tgrid) covered(r int) []bool {
	cov := make([]bool, g.ncols)
	for c, cell := range g.rows[r] {
		for k := c; cell.down && k < c+cell.span && k < g.ncols; k++ {
			cov[k] = true
		}
	}
	return cov
}

// origin returns the cell that spans (r, c) down from a row above, or the
// cell itself when none does.
func (g tgrid) origin(r, c int) tcell {
	for r > 0 && g.rows[r][c].down {
		r--
	}
	return g.rows[r][c]
}

// checkDown keeps the down marks of a grid that say what a rowspan says,
// and makes the others empty cells: a mark needs a cell above it that
// spans the same columns, in the same part of the table (the header or
// the body).
func (g tgrid) checkDown() {
	for r, row := range g.rows {
		for c := range row {
			if !row[c].down {
				continue
			}
			ok := r > 0 && (r-1 < g.head) == (r < g.head) && c < len(g.rows[r-1]) &&
				g.rows[r-1][c].span == row[c].span && row[c].span > 0
			row[c].down = ok
		}
	}
}

// spanWidth is the width cell (c, span) has in a grid of widths: its
// columns and the borders between them.
func spanWidth(widths []int, c, span int) int {
	w := 3 * (span - 1)
	for k := c; k < c+span && k < len(widths); k++ {
		w += widths[k]
	}
	return w
}

// tableLines is Table as lines, for a grid that may have spans and more
// than one header row.
func tableLines(g tgrid, align []Align, width int, style Style) []string {
	width = max(width, 1)
	ncols := g.ncols
	empty := true
	for r := range g.rows {
		empty = empty && g.blank(r)
	}
	if ncols == 0 || empty {
		return nil
	}
	// A grid needs at least one cell of text and three of padding and
	// border per column: give up on it before measuring a thousand columns.
	if 4*ncols-1 > width {
		return stackedLines(g, width, style)
	}
	natural := make([]int, ncols) // widest line of each column
	minimum := make([]int, ncols) // widest word of each column, capped
	for _, row := range g.rows {
		for c, cell := range row {
			if cell.span != 1 {
				continue // a spanning cell is fitted below
			}
			nat, word := measureCell(cell.text)
			natural[c] = max(natural[c], nat)
			minimum[c] = max(minimum[c], word)
		}
	}
	for c := range ncols {
		natural[c] = max(natural[c], 1)
		minimum[c] = max(min(minimum[c], natural[c]), 1)
	}
	content := width - (3*ncols - 1) // " text " per column, a border between
	widths, ok := fitColumns(natural, minimum, content)
	if !ok || !fitSpans(g, widths, content) {
		return stackedLines(g, width, style)
	}
	if len(g.rows)*ncols <= maxBalanceCells {
		balance(g, widths, natural, minimum, content)
		// Trimmed columns may no longer hold a spanning cell's words.
		fitSpans(g, widths, content)
	}

	b := tableBorders()
	bold := style != StylePlain
	head := g.head
	if g.headerBlank() {
		head = 0 // an empty header row stays empty: it is not drawn
	}
	body := make([][][]string, len(g.rows))
	tall := false
	for r, row := range g.rows {
		body[r] = make([][]string, ncols)
		for c, cell := range row {
			if cell.span > 0 {
				body[r][c] = wrapCell(cell.text, spanWidth(widths, c, cell.span))
			}
		}
		if r >= g.head {
			for _, lines := range body[r] {
				tall = tall || len(lines) > 1
			}
		}
	}
	var out []string
	emit := func(r int) {
		row := g.rows[r]
		height := 1
		for _, lines := range body[r] {
			height = max(height, len(lines))
		}
		isHeader := r < g.head
		for i := range height {
			var sb strings.Builder
			for c := 0; c < ncols; {
				cell := row[c]
				span := max(cell.span, 1)
				if c > 0 {
					sb.WriteString(b.vert)
				}
				text := ""
				if cell.span > 0 && i < len(body[r][c]) {
					text = body[r][c][i]
				}
				a := AlignDefault
				if c < len(align) {
					a = align[c]
				}
				if span > 1 || isHeader && span == 1 && g.head > 1 {
					// A heading over several columns is centred over them.
					if isHeader && span > 1 {
						a = AlignCenter
					}
				}
				cw := spanWidth(widths, c, span)
				gap := cw - Width(text)
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
				c += span
			}
			out = append(out, strings.TrimRight(sb.String(), " "))
		}
	}
	// rule draws the line between rows above and below (-1 for none): a
	// junction where either has a border, drawn as the borders meet. It
	// leaves out the columns where a cell of above spans down into below.
	rule := func(above, below int) string {
		cov := make([]bool, ncols)
		if below > above {
			cov = g.covered(below)
		}
		var sb strings.Builder
		for c := range ncols {
			if c > 0 {
				up := above >= 0 && g.rows[above][c].span != 0
				down := below >= 0 && g.rows[below][c].span != 0
				left, right := !cov[c-1], !cov[c]
				switch {
				case !left && !right && (up || down):
					sb.WriteString(b.vert)
				case !left && !right:
					sb.WriteString(" ")
				case !left:
					sb.WriteString(b.right)
				case !right:
					sb.WriteString(b.left)
				case up && down:
					sb.WriteString(b.cross)
				case up:
					sb.WriteString(b.up)
				case down:
					sb.WriteString(b.down)
				default:
					sb.WriteString(b.horiz)
				}
			}
			if cov[c] {
				sb.WriteString(spaces(widths[c] + 2))
			} else {
				sb.WriteString(strings.Repeat(b.horiz, widths[c]+2))
			}
		}
		return strings.TrimRight(sb.String(), " ")
	}
	for r := range g.rows {
		if r < g.head && head == 0 {
			continue
		}
		if r > 0 && (r < g.head || r == g.head && head > 0 || r > g.head && tall) {
			out = append(out, rule(r-1, r))
		}
		emit(r)
	}
	if head > 0 && len(g.rows) == g.head {
		// A header with no rows keeps the rule that ends a header.
		out = append(out, rule(g.head-1, g.head-1))
	}
	return out
}

// measureCell returns the widest line of a cell's text and its widest word,
// capped at maxMinColumn. A number and the short counter written after it
// ("41만 원", "3 개") count as one word: a column split between them reads
// as two things.
func measureCell(text string) (natural, word int) {
	for _, line := range strings.Split(text, "\n") {
		natural = max(natural, Width(line))
		words := strings.Fields(line)
		for i, w := range words {
			ww := Width(w)
			if i+1 < len(words) && endsInDigitOrUnit(w) && isCounter(words[i+1]) {
				ww += 1 + Width(words[i+1])
			}
			word = max(word, min(ww, maxMinColumn))
		}
	}
	return natural, word
}

// endsInDigitOrUnit reports whether word ends a number: a digit, or a
// Hangul number unit after digits (41만, 3천).
func endsInDigitOrUnit(word string) bool {
	r, size := utf8.DecodeLastRuneInString(word)
	if r >= '0' && r <= '9' {
		return true
	}
	if strings.ContainsRune("십백천만억조", r) {
		p, _ := utf8.DecodeLastRuneInString(word[:len(word)-size])
		return p >= '0' && p <= '9'
	}
	return false
}

// isCounter reports whether word is a counter of one or two Hangul
// syllables (원, 명, 개, 시간 …), perhaps with a particle or punctuation.
func isCounter(word string) bool {
	n := 0
	for _, r := range word {
		switch {
		case r >= 0xac00 && r <= 0xd7a3:
			n++
		case unicode.IsPunct(r):
		default:
			return false
		}
	}
	return n >= 1 && n <= 2
}

// fitSpans widens the columns under each spanning cell whose longest word
// does not fit across them, out of the cells content leaves over, and then
// toward the cell's whole text. It reports false when the words cannot all
// be fitted.
func fitSpans(g tgrid, widths []int, content int) bool {
	slack := content
	for _, w := range widths {
		slack -= w
	}
	for _, row := range g.rows {
		for c, cell := range row {
			if cell.span <= 1 {
				continue
			}
			nat, word := measureCell(cell.text)
			for need := word - spanWidth(widths, c, cell.span); need > 0; need-- {
				if slack == 0 {
					return false
				}
				widths[c+cell.span-1]++
				slack--
			}
			// Room to spare goes to the spanning cell too, so that a note
			// under a narrow table reads on one line where it can; it is
			// shared among the columns it spans.
			for k := 0; slack > 0 && spanWidth(widths, c, cell.span) < nat; k++ {
				widths[c+k%cell.span]++
				slack--
			}
		}
	}
	return true
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

// maxBalanceCells bounds the tables that balance improves: it wraps every
// cell of a column once per trial, which a huge table cannot afford.
const maxBalanceCells = 4096

// maxTradeColumns and maxTradeCells bound the tables in which balance
// also trades cells between columns: it tries every pair of columns at
// each step, and each pair wraps a column at a width of its own. An
// article's table (the seed's is 3 by 2, an outage list 5 by 10) trades;
// at 12 columns of 30 rows trading took 122 ms against 31 without, at
// 200 cells wide, so a larger table is balanced by handing out the cells
// left over alone, as before.
const (
	maxTradeColumns = 12
	maxTradeCells   = 256
)

// Line weights for balance: a line more in a row of the body costs twice
// one in a header row. A header that wraps onto a second line reads
// better than a time or an amount split in the data under it ("오전" over
// "10시54분"), and the reader looks up a header once but reads every cell.
const (
	headLineWeight = 1
	bodyLineWeight = 2
)

// balance improves the column widths fitColumns chose, in place. It trims
// each column to its widest wrapped line, then, while that helps, either
// hands the cells left over to one column or takes cells from one column
// to give to another, whichever lowers the table's weighted height most:
// rows first, a body row's lines weighing more than a header row's (see
// bodyLineWeight), then cell lines, weighed so too. Cells that help
// nowhere are left unused, which makes the table narrower, never taller.
func balance(g tgrid, widths, natural, minimum []int, content int) {
	ncols := len(widths)
	grid := g.rows
	weight := func(r int) int {
		if r < g.head {
			return headLineWeight
		}
		return bodyLineWeight
	}
	// cellFit is how a column's cells wrap at one width: the line count
	// and the break cost (see wrapCellCost) of each cell, a spanning cell
	// left out.
	type cellFit struct{ lines, breaks []int }
	type wrapped struct {
		fit    cellFit
		widest int
	}
	// wrapColumn wraps column c at w: its cells and its widest line. A
	// trial wraps the same column at the same width again and again, so
	// it is kept.
	memo := make([]map[int]wrapped, ncols)
	wrapColumn := func(c, w int) (cellFit, int) {
		if m, ok := memo[c][w]; ok {
			return m.fit, m.widest
		}
		fit := cellFit{make([]int, len(grid)), make([]int, len(grid))}
		widest := 0
		for r, row := range grid {
			if row[c].span != 1 {
				continue
			}
			ls, breaks := wrapCellCost(row[c].text, w)
			if len(ls) > 1 {
				breaks++ // a cell kept whole reads best of all
			}
			fit.lines[r], fit.breaks[r] = len(ls), breaks
			for _, l := range ls {
				widest = max(widest, Width(l))
			}
		}
		if memo[c] == nil {
			memo[c] = make(map[int]wrapped)
		}
		memo[c][w] = wrapped{fit, widest}
		return fit, widest
	}
	// lines[c] is how column c wraps at widths[c].
	lines := make([]cellFit, ncols)
	// cost is the weighted height plus the weighted break cost of the
	// table with the columns of trial wrapped so instead.
	cost := func(trial map[int]cellFit) int {
		height, breaks := 0, 0
		for r := range grid {
			h := 1
			for k := range ncols {
				f := lines[k]
				if t, ok := trial[k]; ok {
					f = t
				}
				h = max(h, f.lines[r])
				breaks += weight(r) * f.breaks[r]
			}
			height += weight(r) * h
		}
		return height + breaks
	}
	for c := range ncols {
		var widest int
		lines[c], widest = wrapColumn(c, widths[c])
		widths[c] = max(widest, minimum[c])
	}
	// grow is what column c is at up to w cells: its width, trimmed to
	// its widest line, and its counts.
	grow := func(c, w int) (int, cellFit) {
		w = min(w, natural[c])
		counts, widest := wrapColumn(c, w)
		return max(widest, minimum[c]), counts
	}
	trade := ncols <= maxTradeColumns && ncols*len(grid) <= maxTradeCells
	for range 4 * ncols {
		slack := content
		for _, w := range widths {
			slack -= w
		}
		bestCost := cost(nil)
		type move struct {
			from, to   int
			fromW, toW int
			fromC, toC cellFit
		}
		var best *move
		consider := func(m move) {
			trial := map[int]cellFit{m.to: m.toC}
			if m.from >= 0 {
				trial[m.from] = m.fromC
			}
			if c := cost(trial); c < bestCost {
				bestCost, best = c, &m
			}
		}
		for to := range ncols {
			if widths[to] >= natural[to] {
				continue
			}
			if slack > 0 {
				w, counts := grow(to, widths[to]+slack)
				consider(move{from: -1, to: to, toW: w, toC: counts})
			}
			if !trade {
				continue
			}
			for from := range ncols {
				if from == to || widths[from] <= minimum[from] {
					continue
				}
				// The donor gives up what it must to lose one cell.
				fromC, fromWidest := wrapColumn(from, widths[from]-1)
				fromW := max(fromWidest, minimum[from])
				if fromW >= widths[from] {
					continue
				}
				w, counts := grow(to, widths[to]+slack+widths[from]-fromW)
				if w <= widths[to] {
					continue
				}
				consider(move{from: from, to: to, fromW: fromW, toW: w, fromC: fromC, toC: counts})
			}
		}
		if best == nil {
			return
		}
		if best.from >= 0 {
			widths[best.from], lines[best.from] = best.fromW, best.fromC
		}
		widths[best.to], lines[best.to] = best.toW, best.toC
	}
}

// stackedLines lays out a table that cannot fit as a grid: each row is a
// block of "header: value" lines, wrapped with a hanging indent, and blocks
// are separated by a blank line. A column's label is the text of the
// header cells over it, top to bottom (a heading spanning it, then its
// own); the header rows themselves are no records. A cell spanning
// columns is labelled with the labels of the columns it spans, each once,
// joined by " / " (구간 / 재개 예정: …); it stands alone only when none of
// them has a label. A cell spanning rows is repeated in each record it
// covers, with the label of the columns the cell spans.
func stackedLines(g tgrid, width int, style Style) []string {
	const indent = "  "
	cont := indent
	if width <= len(indent) {
		cont = ""
	}
	labels := make([]string, g.ncols)
	for r := range g.head {
		for c, cell := range g.rows[r] {
			if cell.span == 0 {
				continue
			}
			text := strings.Join(strings.Fields(cell.text), " ")
			for k := c; k < c+cell.span && k < g.ncols; k++ {
				if text != "" && !strings.HasSuffix(labels[k], text) {
					labels[k] = strings.TrimSpace(labels[k] + " " + text)
				}
			}
		}
	}
	var out []string
	records := 0
	for r := g.head; r < len(g.rows); r++ {
		if g.blank(r) {
			continue
		}
		if records > 0 {
			out = append(out, "")
		}
		records++
		for c, cell := range g.rows[r] {
			if cell.span == 0 {
				continue // spanned: drawn once, with the cell that spans it
			}
			if cell.down {
				// A cell spanning rows holds for each of them, and each
				// record is read alone: it is repeated in every one.
				cell = g.origin(r, c)
			}
			label, value := spanLabel(labels, c, cell.span), cell.text
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
	if records == 0 {
		// A header with no rows: list the header cells.
		for r := range g.head {
			for _, cell := range g.rows[r] {
				if cell.span > 0 && strings.TrimSpace(cell.text) != "" {
					out = append(out, wrapIndented(cell.text, width, "", cont)...)
				}
			}
		}
	}
	return out
}

// spanLabel is the label of a cell spanning columns c to c+span-1: the
// labels of those columns, in order, each once and none empty, joined by
// " / ". A heading over all of them is already the start of each of
// their labels, so it is kept once, in front: 인적 사항 이름 and 인적
// 사항 나이 give "인적 사항 이름 / 나이".
func spanLabel(labels []string, c, span int) string {
	end := min(c+max(span, 1), len(labels))
	if c >= end {
		return ""
	}
	var parts []string
	for k := c; k < end; k++ {
		if l := labels[k]; l != "" && !slices.Contains(parts, l) {
			parts = append(parts, l)
		}
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	// The words every part starts with, up to a whole word and leaving
	// each part a word of its own.
	common := strings.Fields(parts[0])
	for _, p := range parts[1:] {
		f := strings.Fields(p)
		n := 0
		for n < len(common) && n < len(f)-1 && common[n] == f[n] {
			n++
		}
		common = common[:n]
	}
	if n := len(common); n > 0 && n < len(strings.Fields(parts[0])) {
		prefix := strings.Join(common, " ")
		for i, p := range parts {
			rest := strings.Fields(p)[n:]
			parts[i] = strings.Join(rest, " ")
		}
		parts[0] = prefix + " " + parts[0]
	}
	return strings.Join(parts, " / ")
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

// wrapCell wraps the text of a table cell at w cells. It breaks a line
// where Wrap does, on as few lines, but of the breaks that give that many
// lines it takes those between loosely bound words: a number and what
// counts or extends it ("1시간 26분", "41만 원") hold together most, and a
// short word before a number ("오전 10시54분", "약 1시간") next, so that
// "오전 10시54분부터 낮 12시20분까지" breaks before "낮", not after it. A
// line that holds a word wider than w, a soft hyphen or leading spaces is
// left to Wrap as it is.
func wrapCell(text string, w int) []string {
	lines, _ := wrapCellCost(text, w)
	return lines
}

// wrapCellCost is wrapCell, with what its breaks cost: the binding (see
// binding) of the words each break parts, and forcedBinding for each
// break of a line left to Wrap. A line break in the text costs nothing.
func wrapCellCost(text string, w int) (lines []string, cost int) {
	w = max(w, 1)
	toks := tokenize(dropPrepend(text))
	var ls [][]token
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && toks[i].kind != tokNewline {
			continue
		}
		para := toks[start:i]
		start = i + 1
		// Wrap's lines, unless breaks between looser words give as few.
		greedy := wrapTokens(para, w, w, true)
		if len(greedy) < 2 {
			ls = append(ls, greedy...)
			continue
		}
		if pl, c, ok := wrapGroups(para, w); ok && len(pl) == len(greedy) {
			ls = append(ls, pl...)
			cost += c
			continue
		}
		ls = append(ls, greedy...)
		cost += forcedBinding * (len(greedy) - 1)
	}
	return joinLines(ls, "", ""), cost
}

// forcedBinding is what balance counts for a break wrapCell leaves to
// Wrap: more than any break between words, since it is most often one
// inside a word too wide for its column.
const forcedBinding = 4

// wrapGroups is wrapCellCost for one line of tokens; ok is false when it
// is Wrap's to break (see wrapCell).
func wrapGroups(toks []token, w int) (lines [][]token, cost int, ok bool) {
	// words[k] is toks[words[k].from:words[k].to]; gaps[k] is the run of
	// spaces and escapes before word k (gaps[len(words)] the one after
	// the last).
	type span struct{ from, to, w int }
	var words, gaps []span
	for i := 0; i < len(toks); {
		j := i
		g := span{from: i}
		for j < len(toks) && toks[j].kind != tokText {
			switch toks[j].kind {
			case tokShy:
				return nil, 0, false
			case tokSpace:
				if len(words) == 0 {
					return nil, 0, false // an indent: Wrap keeps it
				}
			}
			g.w += toks[j].w
			j++
		}
		g.to = j
		gaps = append(gaps, g)
		if j == len(toks) {
			break
		}
		wd := span{from: j}
		for j < len(toks) && toks[j].kind != tokSpace {
			if toks[j].kind == tokShy {
				return nil, 0, false
			}
			wd.w += toks[j].w
			j++
		}
		wd.to = j
		if wd.w > w {
			return nil, 0, false
		}
		words = append(words, wd)
		i = j
	}
	if len(gaps) == len(words) {
		gaps = append(gaps, span{from: len(toks), to: len(toks)})
	}
	n := len(words)
	if n < 2 {
		return nil, 0, false
	}
	text := func(k int) string {
		var b strings.Builder
		for _, t := range toks[words[k].from:words[k].to] {
			if t.kind == tokText {
				b.WriteString(t.s)
			}
		}
		return b.String()
	}
	plain := make([]string, n)
	for k := range n {
		plain[k] = text(k)
	}
	// best[k] is the fewest lines, then the least binding broken, that
	// words k… take; next[k] the word the first of those lines ends before.
	type score struct{ lines, bind int }
	best := make([]score, n+1)
	next := make([]int, n+1)
	for k := n - 1; k >= 0; k-- {
		best[k] = score{lines: n + 1}
		width := 0
		for j := k + 1; j <= n; j++ {
			if j > k+1 {
				width += gaps[j-1].w
			}
			width += words[j-1].w
			if width > w {
				break
			}
			s := score{lines: best[j].lines + 1, bind: best[j].bind}
			if j < n {
				s.bind += binding(plain[j-1], plain[j])
			}
			// Ties go to the longer first line, as Wrap fills lines.
			if s.lines < best[k].lines || s.lines == best[k].lines && s.bind <= best[k].bind {
				best[k], next[k] = s, j
			}
		}
	}
	var cur []token
	cur = append(cur, toks[gaps[0].from:gaps[0].to]...) // escapes only
	for k := 0; k < n; {
		j := next[k]
		for m := k; m < j; m++ {
			if m > k {
				cur = append(cur, toks[gaps[m].from:gaps[m].to]...)
			}
			cur = append(cur, toks[words[m].from:words[m].to]...)
		}
		// Spaces at a break are dropped, escapes in them are kept.
		keepEscapes(&cur, toks[gaps[j].from:gaps[j].to])
		lines = append(lines, cur)
		cur = nil
		k = j
	}
	return lines, best[0].bind, true
}

// binding is how closely word b holds to word a before it, for wrapCell:
// 3 for a number and its counter or a number after a number ("41만 원",
// "1시간 26분"), 2 for a short word before a number ("오전 10시54분", "약
// 3명"), and 1 between any other words.
func binding(a, b string) int {
	bDigit := startsWithDigit(b)
	switch {
	case endsInDigitOrUnit(a) && isCounter(b), bDigit && strings.ContainsAny(a, "0123456789"):
		return 3
	case bDigit && isCounter(a):
		return 2
	}
	return 1
}

// startsWithDigit reports whether word starts with an ASCII digit.
func startsWithDigit(word string) bool {
	return word != "" && word[0] >= '0' && word[0] <= '9'
}
