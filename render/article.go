package render

import (
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"

	"sokbo/feed/clean"
	"sokbo/render/lang"
)

// margin is glamour's document margin in the dark, light and notty styles,
// kept on both sides; narrowMargin is what is left of it in a pane too
// narrow to spare four cells.
const (
	margin       = 2
	narrowMargin = 0
	// marginMinWidth is the narrowest width that keeps the margin.
	marginMinWidth = 2*margin + 10
)

// Renderer renders Markdown articles for the terminal. It keeps glamour
// term renderers for reuse, since building one costs far more than
// rendering a short article. Create it with NewRenderer; it is safe for
// concurrent use.
type Renderer struct {
	// pools holds *glamour.TermRenderer by language, by style and by margin (wide or
	// narrow). A term renderer keeps per-render state, so each is used
	// by one goroutine at a time.
	pools [2][3][2]sync.Pool
	md    goldmark.Markdown
}

// NewRenderer returns a Renderer with no term renderer built yet.
func NewRenderer() *Renderer {
	return &Renderer{
		// The same extensions glamour parses with, so that both see the
		// same tables.
		md: goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList)),
	}
}

// defaultRenderer serves the package-level Article. It is never reassigned;
// its pools only cache term renderers.
var defaultRenderer = NewRenderer()

// Article renders clean Markdown (as feed/ produces it) at width cells in
// the given style, using a shared Renderer. See Renderer.Article.
func Article(md string, width int, style Style) (string, error) {
	return defaultRenderer.Article(md, width, style)
}

// Render is Article with the article's numbered links and where they
// stand, using a shared Renderer. See Renderer.Render.
func Render(md string, width int, style Style) (Rendered, error) {
	return defaultRenderer.Render(md, width, style)
}

// RenderIn is Render with the words sokbo adds (the heading of the links)
// in l, using a shared Renderer.
func RenderIn(l lang.Lang, md string, width int, style Style) (Rendered, error) {
	return defaultRenderer.RenderIn(l, md, width, style)
}

// Article renders clean Markdown (as feed/ produces it) at width cells.
//
// Glamour renders every block except GFM tables, which Table lays out so
// that no header text is lost and no word is split; they line up with the
// text at glamour's left margin. Every line is then wrapped by sokbo's own
// rules: at spaces, with long runs broken between grapheme clusters, list
// items and blockquotes keeping their hanging indent and quote bar. No line
// is wider than width cells (width < 1 counts as 1).
//
// The result starts with a blank line and ends with a newline, as glamour's
// does. StylePlain output contains no ESC byte at all. Article is a pure
// function of (md, width, style), so callers may cache it by that key. A
// Style value outside the three constants renders as StylePlain.
//
// Links are numbered like footnotes ("기사[3]") and listed at the end,
// under the heading 링크 (see linkSet); Render returns them too.
func (r *Renderer) Article(md string, width int, style Style) (string, error) {
	out, err := r.Render(md, width, style)
	return out.Text, err
}

// Render is Article with the article's numbered links and where they
// stand in the text. The words it adds are Korean; see RenderIn.
func (r *Renderer) Render(md string, width int, style Style) (Rendered, error) {
	return r.RenderIn(lang.Ko, md, width, style)
}

// RenderIn is Render with the words sokbo adds to the article (the
// heading of its links) in l.
func (r *Renderer) RenderIn(l lang.Lang, md string, width int, style Style) (Rendered, error) {
	width = max(width, 1)
	if style > StyleLight {
		style = StylePlain
	}
	m := margin
	if width < marginMinWidth {
		m = narrowMargin
	}
	prep := r.prepare(md, style)
	tables := prep.tables

	tr, err := r.termRenderer(l, style, m)
	if err != nil {
		return Rendered{}, err
	}
	out, err := tr.Render(prep.src)
	r.pools[l&1][style][poolIndex(m)].Put(tr)
	if err != nil {
		return Rendered{}, fmt.Errorf("render markdown: %w", err)
	}
	out = fixLinks(out, style, prep.links)
	if style == StylePlain {
		// Plain means no escapes, but the hyperlinks of numbered links
		// stay until their places are read (linkSpots).
		out = stripButLinks(out)
	}
	if prep.marked {
		out = strikeStyle(out, style)
		out = strings.ReplaceAll(out, altTilde, "~")
	}

	lines := strings.Split(out, "\n")
	res := make([]string, 0, len(lines)+8)
	res = append(res, "")
	blank := true // collapse runs of blank lines; none at the start
	if prep.marked && strings.Contains(out, hardBreak) {
		lines = splitBreaks(lines)
	}
	lines = dropQuoteFill(lines)
	for _, line := range lines {
		if prep.marked && strings.Contains(line, itemMark) {
			// The blank line glamour put before this item is none of
			// the list's (see itemMarkEdit).
			// In a quote it holds the quote's bars.
			line = strings.ReplaceAll(line, itemMark, "")
			if k := len(res) - 1; k > 0 && strings.Trim(ansi.Strip(res[k]), " |│") == "" {
				res = res[:k]
				blank = false
			}
		}
		var laid []string
		if i, at, ok := tables.find(line); ok {
			t := tables.list[i]
			laid = placeTable(line[:at], t, width, m, style)
		} else if i := strings.Index(line, headingMark); i >= 0 && style == StylePlain {
			laid = headingLines(line, i, width-m, m)
		} else {
			laid = wrapRendered(line, width-m, m)
		}
		for _, l := range laid {
			if style == StylePlain {
				l = strings.TrimRight(l, " ")
			}
			if strings.TrimSpace(ansi.Strip(l)) == "" {
				if blank {
					continue
				}
				blank = true
				res = append(res, "")
				continue
			}
			blank = false
			res = append(res, l)
		}
	}
	for len(res) > 1 && res[len(res)-1] == "" {
		res = res[:len(res)-1]
	}
	res = append(res, linksSection(l.LinksHeading(), prep.links.links, width, m, style)...)
	spots := linkSpots(res, prep.links)
	if style == StylePlain {
		for i, l := range res {
			res[i] = strings.TrimRight(strings.ReplaceAll(ansi.Strip(l), "\x1b", ""), " ")
		}
	}
	return Rendered{Text: strings.Join(res, "\n") + "\n", Links: prep.links.links, Spots: spots}, nil
}

// headingMark, then the level's digit, starts a heading in glamour's plain
// output in place of its "## ".
const headingMark = "\u2e3c\u2e3c" // ⸼⸼

// headingLines lays out a heading of plain text, whose mark starts at
// line[at]: its text wrapped, without # marks, and the top two levels
// underlined with = and -, as plain text sets a heading apart. Glamour
// puts a blank line after it. The line starts with a margin of m cells.
func headingLines(line string, at, width, m int) []string {
	rest := line[at+len(headingMark):]
	if rest == "" || rest[0] < '1' || rest[0] > '6' {
		return wrapRendered(line, width, m)
	}
	level := rest[0] - '0'
	lines := wrapRendered(line[:at]+rest[1:], width, m)
	if level > 2 {
		return lines
	}
	ptoks := tokenize(line[:at])
	ptoks, end, pw := fitStructure(ptoks, len(ptoks), width, m)
	_, cont, _ := prefixes(ptoks, end)
	widest := 0
	for _, l := range lines {
		widest = max(widest, Width(l)-pw)
	}
	rule := "="
	if level == 2 {
		rule = "-"
	}
	return append(lines, cont+strings.Repeat(rule, max(min(widest, width-pw), 1)))
}

// poolIndex maps a margin to its pool.
func poolIndex(m int) int {
	if m == margin {
		return 0
	}
	return 1
}

// termRenderer takes a glamour renderer for style and margin from the pool,
// or builds one. It renders without wrapping (word wrap 0): sokbo wraps
// every line itself afterwards.
func (r *Renderer) termRenderer(l lang.Lang, style Style, m int) (*glamour.TermRenderer, error) {
	if tr, ok := r.pools[l&1][style][poolIndex(m)].Get().(*glamour.TermRenderer); ok {
		return tr, nil
	}
	var cfg gansi.StyleConfig
	switch style {
	case StyleDark:
		cfg = styles.DarkStyleConfig
	case StyleLight:
		cfg = styles.LightStyleConfig
	default:
		cfg = styles.NoTTYStyleConfig
	}
	mm := uint(m)
	cfg.Document.Margin = &mm
	// A nested list stands two cells in from its parent's marker in
	// every style, under the text of a "• " item: the plain style's four
	// put the text and the reader (dark, light: two) at odds.
	cfg.List.LevelIndent = 2
	// Glamour labels an image in English; the label is sokbo's, in l.
	cfg.ImageText.Format = l.ImageLabel() + " {{.text}} →"
	// fixLinks sets a link's address apart in angle brackets, where it
	// is needed (see there).
	cfg.Link.Prefix, cfg.Link.Suffix = "", ""
	if style == StylePlain {
		// Plain text marks no emphasis with asterisks.
		cfg.Strong.BlockPrefix, cfg.Strong.BlockSuffix = "", ""
		cfg.Emph.BlockPrefix, cfg.Emph.BlockSuffix = "", ""
		// Nor headings with #: headingLines sets them apart.
		for i, h := range []*gansi.StyleBlock{&cfg.H1, &cfg.H2, &cfg.H3, &cfg.H4, &cfg.H5, &cfg.H6} {
			h.Prefix = headingMark + strconv.Itoa(i+1)
		}
	} else {
		styleHeadings(&cfg)
	}
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(0))
	if err != nil {
		return nil, fmt.Errorf("create markdown renderer: %w", err)
	}
	return tr, nil
}

// styleHeadings draws headings by style alone. Glamour's dark and light
// styles start H2 to H6 with the Markdown source's "## " to "###### ",
// which reads as raw markup on a terminal; the heading's colour and bold
// stay, H2 (an article's sections) is underlined as well, and H1 keeps
// its coloured block.
func styleHeadings(cfg *gansi.StyleConfig) {
	for _, h := range []*gansi.StyleBlock{&cfg.H2, &cfg.H3, &cfg.H4, &cfg.H5, &cfg.H6} {
		h.Prefix = ""
	}
	underline := true
	cfg.H2.Underline = &underline
}

// tableRef is one GFM table found in an article.
type tableRef struct {
	start, end int // byte range in the Markdown, from the header's first byte
	grid       tgrid
	align      []Align
	// joined is set when the table stands inside a list item among
	// paragraphs that prepare joins into one (see itemEdits): its
	// placeholder then goes in without blank lines around it.
	joined bool
}

// tableFrom reads a goldmark table: its byte range and its cells as text
// laid out in style.
//
// A cell is spanned the way MultiMarkdown writes it and feed/convert
// writes an HTML colspan: the empty cells right after it with nothing at
// all between their pipes (| 합계 ||| 312명 |). GFM renderers show such a
// cell once, followed by empty cells. A cell that holds rowSpanMark alone,
// under a cell spanning the same columns, is a place the cell above spans,
// as feed/convert writes an HTML rowspan. Rows right under a header with
// text whose every cell is bold are header rows too, as feed/convert
// writes the second header row of an HTML table.
func tableFrom(n *east.Table, src []byte, style Style, links *linkSet) (tableRef, bool) {
	head, ok := n.FirstChild().(*east.TableHeader)
	if !ok {
		return tableRef{}, false
	}
	t := tableRef{start: head.Pos()}
	if t.start < 0 || t.start > len(src) {
		return tableRef{}, false
	}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignLeft:
			t.align = append(t.align, AlignLeft)
		case east.AlignCenter:
			t.align = append(t.align, AlignCenter)
		case east.AlignRight:
			t.align = append(t.align, AlignRight)
		default:
			t.align = append(t.align, AlignDefault)
		}
	}
	t.grid.head = 1
	t.grid.rows = append(t.grid.rows, rowCells(head, src, style, links))
	lastLine := lineEnd(src, t.start) + 1 // the delimiter row
	// Under an empty header, which is how GFM writes a table with none,
	// a bold row is data that is bold, not a header row: feed/convert
	// writes a header's second row under its first, never under nothing.
	headerRows := !t.grid.blank(0)
	for row := head.NextSibling(); row != nil; row = row.NextSibling() {
		cells := rowCells(row, src, style, links)
		if headerRows && boldRow(row, src) {
			t.grid.head++
		} else {
			headerRows = false
		}
		t.grid.rows = append(t.grid.rows, cells)
		if p := row.Pos(); p > t.start && p <= len(src) {
			lastLine = p
		}
	}
	for _, r := range t.grid.rows {
		t.grid.ncols = max(t.grid.ncols, len(r))
	}
	for i, r := range t.grid.rows {
		for len(r) < t.grid.ncols {
			r = append(r, tcell{span: 1})
		}
		t.grid.rows[i] = r
	}
	t.grid.checkDown()
	t.end = lineEnd(src, min(lastLine, len(src)))
	if t.end <= t.start {
		return tableRef{}, false
	}
	return t, true
}

// boldRow reports whether every cell of a table row with text is bold as a
// whole, as feed/convert writes a header row after the first.
func boldRow(row ast.Node, src []byte) bool {
	any := false
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		if c.FirstChild() == nil || spanMark(c, src) {
			continue
		}
		e, ok := c.FirstChild().(*ast.Emphasis)
		if !ok || e.Level != 2 || c.FirstChild() != c.LastChild() {
			return false
		}
		any = true
	}
	return any
}

// lineEnd returns the index of the newline ending the line that holds pos,
// or len(src).
func lineEnd(src []byte, pos int) int {
	if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
		return pos + i
	}
	return len(src)
}

// rowCells returns a table row's cells as text laid out in style, with
// the spans its raw line writes (see tableFrom).
func rowCells(row ast.Node, src []byte, style Style, links *linkSet) []tcell {
	cont := continuationCells(row, src)
	var cells []tcell
	for c, i := row.FirstChild(), 0; c != nil; c, i = c.NextSibling(), i+1 {
		if i > 0 && i < len(cont) && cont[i] && len(cells) > 0 {
			// Spanned by the cell before it.
			for k := len(cells) - 1; k >= 0; k-- {
				if cells[k].span > 0 {
					cells[k].span++
					break
				}
			}
			cells = append(cells, tcell{})
			continue
		}
		if spanMark(c, src) {
			cells = append(cells, tcell{span: 1, down: true})
			continue
		}
		var b strings.Builder
		inlineText(&b, c, src, style, links)
		cells = append(cells, tcell{text: trimCell(b.String()), span: 1})
	}
	return cells
}

// trimCell trims a cell's text as feed/convert writes its lines: a <br>
// that starts the cell leaves its first line blank, as in a browser, and
// stays; blank lines at its end only make the row taller and go, as does
// white space that ends it. A no-break space that starts a line is text:
// it indents a line of code or a nested list.
func trimCell(s string) string {
	return strings.TrimLeft(strings.TrimRightFunc(s, unicode.IsSpace), " \t")
}

// rowSpanMark, alone in a table cell, is how feed/convert writes a place
// that the cell above spans (an HTML rowspan): an HTML comment, which GFM
// renderers show as nothing. It is MultiMarkdown's mark of a cell joined
// to the one above, ^^, made a comment.
const rowSpanMark = "<!--^^-->"

// spanMark reports whether table cell c holds rowSpanMark and nothing
// else.
func spanMark(c ast.Node, src []byte) bool {
	h, ok := c.FirstChild().(*ast.RawHTML)
	if !ok || c.FirstChild() != c.LastChild() {
		return false
	}
	var raw []byte
	for i := 0; i < h.Segments.Len(); i++ {
		seg := h.Segments.At(i)
		raw = append(raw, seg.Value(src)...)
	}
	return string(raw) == rowSpanMark
}

// continuationCells splits the raw line of a table row at its unescaped
// pipes and reports, for each cell, whether it is written with nothing
// at all between its pipes: a column the cell before it spans.
func continuationCells(row ast.Node, src []byte) []bool {
	p := row.Pos()
	if p < 0 || p >= len(src) {
		return nil
	}
	line := src[p:lineEnd(src, p)]
	line = bytes.TrimLeft(line, " \t>")
	if len(line) == 0 || line[0] != '|' {
		return nil
	}
	line = bytes.TrimRight(line, " \t\r")
	var cont []bool
	start := 1
	for i := 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			cont = append(cont, i == start)
			start = i + 1
		}
	}
	if start < len(line) {
		cont = append(cont, false)
	}
	return cont
}

// inlineText writes the text of an inline subtree as a table cell shows it
// in style: emphasis and code lose their markers, struck text is crossed
// out (~~ in plain style), a link keeps its text and gets its number
// (cellLink), an autolink its address and number, an image its alt text
// and number, and <br> becomes a line break.
func inlineText(b *strings.Builder, n ast.Node, src []byte, style Style, links *linkSet) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if _, code := n.(*ast.CodeSpan); code || c.IsRaw() {
				// GFM reads \| in a cell as a pipe, even in a code span,
				// where goldmark leaves the backslash in the text.
				v = bytes.ReplaceAll(v, []byte(`\|`), []byte("|"))
			} else {
				v = clean.MarkdownText(v)
			}
			b.Write(v)
			if c.HardLineBreak() {
				b.WriteByte('\n')
			} else if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			u := string(c.URL(src))
			if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
				u = "mailto:" + u
			}
			b.WriteString(cellLink("", string(c.URL(src)), u, false, style, links))
		case *ast.Link:
			// Its text first: an image in it is numbered before it.
			var t strings.Builder
			inlineText(&t, c, src, style, links)
			b.WriteString(cellLink(t.String(), nodeText(c, src), html.UnescapeString(string(c.Destination)), false, style, links))
		case *ast.Image:
			var t strings.Builder
			inlineText(&t, c, src, style, links)
			b.WriteString(cellLink(t.String(), nodeText(c, src), html.UnescapeString(string(c.Destination)), true, style, links))
		case *east.Strikethrough:
			var t strings.Builder
			inlineText(&t, c, src, style, links)
			if style == StylePlain {
				b.WriteString("~~" + t.String() + "~~")
			} else {
				b.WriteString(ansi.SGR(ansi.AttrStrikethrough) + t.String() + ansi.SGR(ansi.AttrNoStrikethrough))
			}
		case *ast.RawHTML:
			var raw []byte
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw = append(raw, seg.Value(src)...)
			}
			tag := strings.ToLower(strings.ReplaceAll(string(raw), " ", ""))
			if tag == "<br>" || tag == "<br/>" {
				b.WriteByte('\n')
			}
		default:
			inlineText(b, c, src, style, links)
		}
	}
}

// placeTable lays out table t where its placeholder stood, after prefix
// (the margin, and any quote bar or list marker of the block holding it),
// capped as wrapRendered caps a line's structure.
func placeTable(prefix string, t tableRef, width, m int, style Style) []string {
	ptoks := tokenize(prefix)
	ptoks, end, pw := fitStructure(ptoks, len(ptoks), width-m, m)
	first, cont, _ := prefixes(ptoks, end)
	if strings.Contains(first, "\x1b") {
		first += ansi.ResetStyle
	}
	lines := tableLines(t.grid, t.align, max(width-pw-m, 1), style)
	for i, l := range lines {
		if i == 0 {
			lines[i] = first + l
		} else {
			lines[i] = cont + l
		}
	}
	return lines
}

// prefixes splits off the first end tokens of a line as the prefix of its
// first line, and renders the prefix of its continuation lines, where list
// markers become spaces; st is the style the prefix leaves open. The
// continuation prefix ends with a reset when it holds a style, so that it
// cannot colour what follows; the line's own state is reopened after it.
func prefixes(toks []token, end int) (first, cont string, st escState) {
	var f, c strings.Builder
	for _, t := range toks[:end] {
		f.WriteString(t.s)
		switch {
		case t.kind == tokEsc:
			c.WriteString(t.s)
			st.update(t.s)
		case isBar(t) || isMark(t) || t.kind == tokSpace:
			c.WriteString(t.s)
		default:
			c.WriteString(spaces(t.w))
		}
	}
	return f.String(), c.String() + st.close(), st
}

// wrapRendered wraps one line of glamour's output at width cells; the
// line starts with a margin of m cells. The line's leading structure,
// made of spaces, quote bars (│ or |) and one list marker (•, 1., [x]) or
// heading marker (##), is kept on the first line; continuation lines get
// the same indent, with the bars and without the marker.
//
// A structure so deep that less than minText cells would be left for the
// text (a list at its fifth level in a narrow pane, a quote in 32 quotes)
// is capped instead, on every line of it (see fitStructure).
func wrapRendered(line string, width, m int) []string {
	width = max(width, 1)
	if Width(line) <= width && !strings.Contains(line, "\u00ad") {
		if lead := leadingStructure(line); lead+4 <= width-minText(width) && lead-m <= barRoom(width, m) {
			return []string{line}
		}
	}
	toks := tokenize(line)
	toks, end, pw := fitStructure(toks, structureEnd(toks), width, m)
	if tokensWidth(toks) <= width {
		return joinLines([][]token{toks}, "", "") // fits, once capped
	}
	first, cont, st := prefixes(toks, end)
	lines := wrapTokens(toks[end:], width-pw, width-pw, false)
	return joinLinesFrom(lines, first, cont, st)
}

// splitBreaks splits the rendered lines at their hard-break marks (see
// prepare). What follows a mark becomes a line of its own that starts
// with the line's continuation prefix (its indent and quote bars, the list
// marker made spaces) and the styles open at the mark, so the lines of a
// byline, and the paragraphs and tables of a list item, stand under each
// other. Two marks in a row leave a blank line between.
func splitBreaks(lines []string) []string {
	out := make([]string, 0, len(lines)+8)
	for _, line := range lines {
		if !strings.Contains(line, hardBreak) {
			out = append(out, line)
			continue
		}
		toks := tokenize(line)
		end := structureEnd(toks)
		first, cont, st := prefixes(toks, end)
		var b strings.Builder
		b.WriteString(first)
		rest := toks[end:]
		for i := 0; i < len(rest); i++ {
			t := rest[i]
			if t.s != hardBreak {
				b.WriteString(t.s)
				if t.kind == tokEsc {
					st.update(t.s)
				}
				continue
			}
			// The space after the mark is the joined line break.
			for i+1 < len(rest) && rest[i+1].kind == tokSpace {
				i++
			}
			if blankTokens(rest[i+1:]) {
				// A break at the end of a paragraph breaks nothing.
				for _, t := range rest[i+1:] {
					b.WriteString(t.s)
				}
				break
			}
			b.WriteString(st.close())
			out = append(out, b.String())
			b.Reset()
			b.WriteString(cont)
			b.WriteString(st.open())
		}
		out = append(out, b.String())
	}
	return out
}

// leadingStructure measures the spaces and quote bars that start line,
// escapes aside, counting a │ as two cells, as it is at most.
func leadingStructure(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == ' ' || line[i] == '|':
			n++
		case strings.HasPrefix(line[i:], "│"):
			n += 2
			i += len("│") - 1
		case line[i] == '\x1b':
			i += escapeLen(line[i:]) - 1
		default:
			return n
		}
	}
	return n
}

// minText is the room a line of width cells keeps for its text however
// deep its structure: half the width up to 10 cells, and never less than
// the two cells a Hangul syllable takes.
func minText(width int) int {
	return min(max(width/2, 2), 10)
}

// barRoom is the room, in cells, that the bars of a quote may take on a
// line of width cells after its margin of m: at most half the line, and
// no more than leaves room for a list marker and the text.
func barRoom(width, m int) int {
	return min((width-m)/2, width-minText(width)-m-barReserve)
}

// fitStructure caps the structure prefix toks[:end] of a line of width
// cells, which starts with a margin of m cells, so that minText(width)
// cells stay for the text. The margin always stays. A quote whose bars
// would take more than barRoom loses whole levels (elideBars), on every
// line of it alike; then the indentation after the margin gives way, a
// cell at a time, though not the space after a quote bar; and if a list
// marker still takes the room, it becomes text after the margin and the
// bars that fit. It returns the tokens, where the prefix now ends and its
// width.
func fitStructure(toks []token, end, width, m int) ([]token, int, int) {
	limit := width - minText(width)
	toks, end = elideBars(toks, end, barRoom(width, m))
	pw := tokensWidth(toks[:end])
	if pw <= limit {
		return toks, end, pw
	}
	excess := pw - max(limit, m)
	out := make([]token, 0, len(toks))
	w := 0            // the width of out
	afterBar := false // the last visible token of out is a quote bar
	prefix := end
	for i, t := range toks {
		if i < prefix && excess > 0 && t.kind == tokSpace && w >= m && !afterBar {
			excess--
			end--
			pw--
			continue
		}
		out = append(out, t)
		w += t.w
		if t.kind != tokEsc {
			afterBar = isBar(t) || isMark(t)
		}
	}
	toks = out
	if pw > limit {
		// The markers alone leave no room: they become text after the
		// margin and the bars that fit.
		prefix, end, pw = end, 0, 0
		w, bar := 0, false
		for i, t := range toks[:prefix] {
			if t.kind == tokText && !isBar(t) && !isMark(t) {
				break
			}
			if w += t.w; w > max(limit, m) {
				break
			}
			switch t.kind {
			case tokSpace:
				if w <= m || bar {
					end, pw = i+1, w
				}
				bar = false
			case tokText:
				bar = true
			}
		}
	}
	return toks, end, pw
}

// blankTokens reports whether toks hold no visible text.
func blankTokens(toks []token) bool {
	for _, t := range toks {
		if t.kind == tokText {
			return false
		}
	}
	return true
}

// structureEnd returns the index of the first token after a rendered
// line's structure prefix.
func structureEnd(toks []token) int {
	var vis []int // indexes of visible tokens
	for i, t := range toks {
		if t.kind != tokEsc {
			vis = append(vis, i)
		}
	}
	at := func(q int) string {
		if q < len(vis) {
			return toks[vis[q]].s
		}
		return ""
	}
	end := 0
	p := 0
	for {
		q := p
		for q < len(vis) && toks[vis[q]].kind == tokSpace {
			q++
		}
		if q > 0 && q <= len(vis) {
			end = vis[q-1] + 1 // indentation is structure
		}
		if q >= len(vis) {
			if p > 0 {
				return end // a blank line in a quote: bars and spaces
			}
			return 0 // nothing but spaces
		}
		s := at(q)
		// after reports whether the marker spanning q..r is followed by a
		// space, and moves past both.
		after := func(r int) bool {
			if at(r) != " " {
				return false
			}
			p = r + 1
			end = vis[r] + 1
			return true
		}
		switch {
		case s == "│" || s == "|":
			if after(q + 1) {
				continue
			}
		case s == "•" || s == "*" || s == "-" || s == "+" || s == "◦" || s == "▪":
			after(q + 1)
		case s >= "0" && s <= "9" && len(s) == 1:
			r := q
			for r < len(vis) && r-q < 9 && len(at(r)) == 1 && at(r) >= "0" && at(r) <= "9" {
				r++
			}
			if at(r) == "." || at(r) == ")" {
				after(r + 1)
			}
		case s == "[":
			if at(q+2) == "]" {
				after(q + 3)
			}
		case s == "#":
			r := q
			for r < len(vis) && at(r) == "#" {
				r++
			}
			if r-q <= 6 {
				after(r)
			}
		}
		return end
	}
}
