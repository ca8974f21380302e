package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sokbo/feed/clean"
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
	// pools holds *glamour.TermRenderer by style and by margin (wide or
	// narrow). A term renderer keeps per-render state, so each is used
	// by one goroutine at a time.
	pools [3][2]sync.Pool
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
func (r *Renderer) Article(md string, width int, style Style) (string, error) {
	width = max(width, 1)
	if style > StyleLight {
		style = StylePlain
	}
	m := margin
	if width < marginMinWidth {
		m = narrowMargin
	}
	src, tables := r.prepare(md)

	tr, err := r.termRenderer(style, m)
	if err != nil {
		return "", err
	}
	out, err := tr.Render(src)
	r.pools[style][poolIndex(m)].Put(tr)
	if err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	out = safeHyperlinks(out)
	if style == StylePlain {
		// notty still writes OSC 8 hyperlinks; plain means no escapes.
		out = strings.ReplaceAll(ansi.Strip(out), "\x1b", "")
	}

	lines := strings.Split(out, "\n")
	res := make([]string, 0, len(lines)+8)
	res = append(res, "")
	blank := true // collapse runs of blank lines; none at the start
	for _, line := range lines {
		var laid []string
		if i, at, ok := tables.find(line); ok {
			t := tables.list[i]
			laid = placeTable(line[:at], t, width, m, style)
		} else {
			laid = wrapRendered(line, width-m)
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
	return strings.Join(res, "\n") + "\n", nil
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
func (r *Renderer) termRenderer(style Style, m int) (*glamour.TermRenderer, error) {
	if tr, ok := r.pools[style][poolIndex(m)].Get().(*glamour.TermRenderer); ok {
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
	// A link's address is set apart in angle brackets, so a particle
	// that follows it (https://www.gg.go.kr에서) is not read, or linked,
	// as part of the address.
	cfg.Link.Prefix, cfg.Link.Suffix = "<", ">"
	if style == StylePlain {
		// Plain text marks no emphasis with asterisks.
		cfg.Strong.BlockPrefix, cfg.Strong.BlockSuffix = "", ""
		cfg.Emph.BlockPrefix, cfg.Emph.BlockSuffix = "", ""
	}
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(0))
	if err != nil {
		return nil, fmt.Errorf("create markdown renderer: %w", err)
	}
	return tr, nil
}

// tableRef is one GFM table found in an article.
type tableRef struct {
	start, end int // byte range in the Markdown, from the header's first byte
	header     []string
	rows       [][]string
	align      []Align
}

// tableSet is the tables of an article and the placeholder that stands for
// them in what glamour renders: base followed by the table's index and Z.
type tableSet struct {
	base string
	list []tableRef
}

// find reports whether a rendered line is a table's placeholder line, which
// table, and where the placeholder starts.
func (ts tableSet) find(line string) (i, at int, ok bool) {
	if len(ts.list) == 0 {
		return 0, 0, false
	}
	at = strings.Index(line, ts.base)
	if at < 0 {
		return 0, 0, false
	}
	rest := line[at+len(ts.base):]
	end := strings.IndexByte(rest, 'Z')
	if end < 0 {
		return 0, 0, false
	}
	i, err := strconv.Atoi(rest[:end])
	if err != nil || i < 0 || i >= len(ts.list) {
		return 0, 0, false
	}
	return i, at, true
}

// edit replaces src[start:end] with repl.
type edit struct {
	start, end int
	repl       string
}

// prepare parses md and returns the Markdown glamour should render, with
// each table replaced by a placeholder paragraph, and the tables.
func (r *Renderer) prepare(md string) (string, tableSet) {
	src := []byte(md)
	doc := r.md.Parser().Parse(text.NewReader(src))
	var ts tableSet
	var edits []edit
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.Table:
			if t, ok := tableFrom(n, src); ok {
				ts.list = append(ts.list, t)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if e, ok := autolinkEdit(n, src); ok {
				edits = append(edits, e)
			}
		}
		return ast.WalkContinue, nil
	})
	if len(ts.list) == 0 && len(edits) == 0 {
		return md, ts
	}
	// A placeholder that the article cannot contain.
	ts.base = "SOKBOTABLE"
	for n := 0; strings.Contains(md, ts.base); n++ {
		ts.base = "SOKBOTABLE" + strconv.Itoa(n) + "X"
	}
	for i, t := range ts.list {
		lineStart := strings.LastIndexByte(md[:t.start], '\n') + 1
		prefix := md[lineStart:t.start]
		tok := ts.base + strconv.Itoa(i) + "Z"
		repl := tok
		if strings.Trim(prefix, " \t>") == "" {
			// Blank lines around the placeholder make it a paragraph of
			// its own, inside the same blockquote or list item.
			rp := strings.TrimRight(prefix, " \t")
			repl = "\n" + rp + "\n" + prefix + tok + "\n" + rp
		}
		edits = append(edits, edit{t.start, t.end, repl})
	}
	sortEdits(edits)
	var b strings.Builder
	b.Grow(len(md) + 64)
	last := 0
	for _, e := range edits {
		if e.start < last {
			continue // inside an earlier edit (a link in a table)
		}
		b.WriteString(md[last:e.start])
		b.WriteString(e.repl)
		last = e.end
	}
	b.WriteString(md[last:])
	return b.String(), ts
}

// sortEdits orders edits by start (insertion sort: there are few).
func sortEdits(edits []edit) {
	for i := 1; i < len(edits); i++ {
		for j := i; j > 0 && edits[j].start < edits[j-1].start; j-- {
			edits[j], edits[j-1] = edits[j-1], edits[j]
		}
	}
}

// autolinkEdit turns [https://x](https://x), a link whose text is its own
// address, into <https://x>, so glamour prints the address once, not twice.
func autolinkEdit(n *ast.Link, src []byte) (edit, bool) {
	t, ok := n.FirstChild().(*ast.Text)
	if !ok || t.NextSibling() != nil {
		return edit{}, false
	}
	dest := string(n.Destination)
	seg := t.Segment
	if dest == "" || string(seg.Value(src)) != dest || seg.Start < 1 || src[seg.Start-1] != '[' ||
		!strings.Contains(dest, "://") || strings.ContainsAny(dest, " <>\n") {
		return edit{}, false
	}
	tail := "](" + dest + ")"
	if !bytes.HasPrefix(src[seg.Stop:], []byte(tail)) {
		return edit{}, false
	}
	return edit{seg.Start - 1, seg.Stop + len(tail), "<" + dest + ">"}, true
}

// tableFrom reads a goldmark table: its byte range and its cells as plain
// text.
func tableFrom(n *east.Table, src []byte) (tableRef, bool) {
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
	t.header = rowCells(head, src)
	lastLine := lineEnd(src, t.start) + 1 // the delimiter row
	for row := head.NextSibling(); row != nil; row = row.NextSibling() {
		t.rows = append(t.rows, rowCells(row, src))
		if p := row.Pos(); p > t.start && p <= len(src) {
			lastLine = p
		}
	}
	t.end = lineEnd(src, min(lastLine, len(src)))
	if t.end <= t.start {
		return tableRef{}, false
	}
	return t, true
}

// lineEnd returns the index of the newline ending the line that holds pos,
// or len(src).
func lineEnd(src []byte, pos int) int {
	if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
		return pos + i
	}
	return len(src)
}

// rowCells returns the plain text of a table row's cells.
func rowCells(row ast.Node, src []byte) []string {
	var cells []string
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		var b strings.Builder
		inlineText(&b, c, src)
		// GFM reads \| in a cell as a pipe, even in a code span; goldmark
		// leaves the backslash in the text.
		cells = append(cells, strings.TrimSpace(strings.ReplaceAll(b.String(), `\|`, "|")))
	}
	return cells
}

// inlineText writes the text of an inline subtree: emphasis and code lose
// their markers, a link keeps its text, an autolink its address, an image
// its alt text, and <br> becomes a line break.
func inlineText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = util.ResolveNumericReferences(util.ResolveEntityNames(util.UnescapePunctuations(v)))
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
			b.Write(c.URL(src))
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
			inlineText(b, c, src)
		}
	}
}

// placeTable lays out table t where its placeholder stood, after prefix
// (the margin, and any quote bar or list marker of the block holding it).
func placeTable(prefix string, t tableRef, width, m int, style Style) []string {
	ptoks := tokenize(prefix)
	_, cont, _ := prefixes(ptoks, len(ptoks))
	first := prefix
	if strings.Contains(prefix, "\x1b") {
		first += ansi.ResetStyle
	}
	pw := Width(prefix)
	lines := tableLines(t.header, t.rows, t.align, max(width-pw-m, 1), style)
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
		case t.s == "│" || t.s == "|" || t.kind == tokSpace:
			c.WriteString(t.s)
		default:
			c.WriteString(spaces(t.w))
		}
	}
	return f.String(), c.String() + st.close(), st
}

// wrapRendered wraps one line of glamour's output at width cells. The
// line's leading structure, made of spaces, quote bars (│ or |) and one
// list marker (•, 1., [x]) or heading marker (##), is kept on the first
// line; continuation lines get the same indent, with the bars and without
// the marker.
func wrapRendered(line string, width int) []string {
	width = max(width, 1)
	if Width(line) <= width {
		return []string{line}
	}
	toks := tokenize(line)
	end := structureEnd(toks)
	pw := 0
	for _, t := range toks[:end] {
		pw += t.w
	}
	if width-pw < min(10, width/2) {
		// Too deep to keep the indent: use the whole width.
		end, pw = 0, 0
	}
	first, cont, st := prefixes(toks, end)
	lines := wrapTokens(toks[end:], width-pw, width-pw, false)
	return joinLinesFrom(lines, first, cont, st)
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

// hyperlinkOpen matches an OSC 8 hyperlink: ESC ] 8 ; params ; URI, ended
// by BEL or ST. The closing sequence has an empty URI.
var hyperlinkOpen = regexp.MustCompile("\x1b\\]8;([^;\x07\x1b]*);([^\x07\x1b]*)(?:\x07|\x1b\\\\)")

// safeHyperlinks removes every OSC 8 hyperlink glamour made of a link whose
// scheme is not http, https or mailto. Feed links are hostile: a
// javascript:, data: or file: link stays visible as text but is never made
// clickable. The URI of a link that stays is made ASCII, as OSC 8 expects:
// glamour writes it raw, and the UTF-8 of a Korean address holds bytes a
// parser takes for C1 controls (태 is ED 83 9C, and 9C is ST), which ended
// the sequence early and spilled the rest of the address onto the screen.
func safeHyperlinks(s string) string {
	if !strings.Contains(s, "\x1b]8;") {
		return s
	}
	return hyperlinkOpen.ReplaceAllStringFunc(s, func(seq string) string {
		m := hyperlinkOpen.FindStringSubmatch(seq)
		params, uri := m[1], m[2]
		if uri == "" {
			return seq
		}
		if !Linkable(uri) {
			return ""
		}
		return "\x1b]8;" + params + ";" + asciiURI(uri) + "\x07"
	})
}

// asciiURI percent-encodes every byte of uri outside printable ASCII, as a
// browser does with an address typed in Korean.
func asciiURI(uri string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(uri); i++ {
		c := uri[i]
		if c > ' ' && c < 0x7f {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0x0f])
	}
	return b.String()
}

// Linkable reports whether a URL may become a terminal hyperlink: an
// absolute http or https URL with a host, or a mailto: address.
func Linkable(raw string) bool { return clean.URLOK(raw, clean.Hyperlink) }
