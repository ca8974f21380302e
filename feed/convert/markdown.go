// Package convert provides the conversion of an article's body to
// Markdown: feed HTML through html-to-markdown with sokbo's own tables and
// unsafe links dropped, and Markdown posts cleaned or, when they hold raw
// HTML or unsafe links, rendered and converted back the same way. Its
// output is what the renderer lays out and what `sokbo read` prints.
package convert

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/JohannesKaufmann/dom"
	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/marker"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/feed"
	"sokbo/feed/clean"
)

// Limits of the HTML → Markdown conversion. They bound the time and memory
// one hostile article can take; each is reported in the output when hit.
const (
	// MaxDepth is how deep elements may nest. Deeper elements are flattened
	// into their text, which keeps the converter's recursion shallow. It is
	// below the 512 open elements the HTML parser accepts.
	MaxDepth = 256
	// MaxTableCells caps the cells of one table, counted after spans are
	// expanded.
	MaxTableCells = 10_000
	// MaxTableColumns caps the columns of one table.
	MaxTableColumns = 1_000
	// maxSpan caps one colspan; a span is also clamped to the table's real
	// column count, so colspan="100000" costs nothing.
	maxSpan = 64
)

// Markdown converts an item's body to clean Markdown. An HTML body goes
// through html-to-markdown (with sokbo's own table renderer, see
// renderTable); relative links and images resolve against the item's link.
// A FormatMarkdown body is never run through the HTML converter: it is
// returned as is apart from the cleaning every output gets.
//
// The result is sanitized, has no blank lines at either end, no runs of
// blank lines, and ends with one newline unless it is empty.
func Markdown(it *feed.Item) (string, error) {
	if it == nil {
		return "", errors.New("no item")
	}
	if it.Format == feed.FormatMarkdown {
		return markdownPost(it.Body)
	}
	md, err := htmlToMarkdown(it.Body, it.Link)
	if err != nil {
		return "", fmt.Errorf("converting %q: %w", clean.CutBytes(it.Title, 60), err)
	}
	return md, nil
}

// htmlToMarkdown converts an HTML fragment. base is the address relative
// URLs resolve against; "" leaves them as they are.
func htmlToMarkdown(body, baseURL string) (md string, err error) {
	defer func() {
		if r := recover(); r != nil {
			md, err = "", fmt.Errorf("html converter failed: %v", r)
		}
	}()
	body, rest := capElements(body, MaxElements)
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		// x/net/html refuses more than 512 open elements. Drop the tags
		// nested deeper than MaxDepth and try once more: the text stays.
		doc, err = html.Parse(strings.NewReader(capNesting(body, MaxDepth)))
		if err != nil {
			return "", fmt.Errorf("parsing html: %w", err)
		}
	}
	prepareDOM(doc)
	markScripts(doc)
	liftTables(doc)
	splitEmphasisAtTables(doc)
	if rest != "" {
		appendPlain(doc, rest, MaxElements)
	}
	linkBareURLs(doc)
	dropEmptyWrappers(doc)
	keepEmphasisApart(doc)

	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(
			// Its end-of-list comment stands after every list that a
			// list follows; renderList writes listSeparator where two
			// lists would be read as one.
			commonmark.WithListEndComment(false),
		),
		// The table plugin registers "|" escaping and serves as fallback;
		// tables themselves go through renderTable, registered earlier.
		table.NewTablePlugin(table.WithSpanCellBehavior(table.SpanBehaviorMirror)),
		// <del>, <s> and <strike> become ~~…~~, and a tilde in the text
		// is escaped: GFM strikes "24~31℃, 3~5일" out between the two.
		strikethrough.NewStrikethroughPlugin(),
	))
	conv.Register.Renderer(renderTable, converter.PriorityEarly)
	conv.Register.Renderer(renderList, converter.PriorityEarly)
	conv.Register.Renderer(renderBareURL, converter.PriorityEarly)
	conv.Register.Renderer(renderCellBreak, converter.PriorityEarly)
	conv.Register.Renderer(renderCellCode, converter.PriorityEarly)
	conv.Register.TextTransformer(escapeEntities, converter.PriorityEarly)
	conv.Register.PreRenderer(fixFlanking, converter.PriorityLate+50)
	conv.Register.EscapedChar(':')
	conv.Register.UnEscaper(escapeMarkup, converter.PriorityEarly)
	conv.Register.PostRenderer(writeTildeMarks, converter.PriorityLate)
	conv.Register.TagType("template", converter.TagTypeRemove, converter.PriorityStandard)
	conv.Register.TagType("object", converter.TagTypeRemove, converter.PriorityStandard)
	conv.Register.TagType("embed", converter.TagTypeRemove, converter.PriorityStandard)
	// A disclosure's summary is its heading: a block of its own, not text
	// run into the content ("요약숨은 내용").
	conv.Register.TagType("details", converter.TagTypeBlock, converter.PriorityStandard)
	conv.Register.TagType("summary", converter.TagTypeBlock, converter.PriorityStandard)

	out, err := conv.ConvertNode(doc, converter.WithDomain(baseURL))
	if err != nil {
		return "", err
	}
	return finishMarkdown(string(out)), nil
}

// prepareDOM cleans the parsed tree before conversion: text and attributes
// are sanitized (entities are decoded by now, so "&#27;" is an ESC here),
// script and style go, and nesting deeper than MaxDepth is flattened.
// It walks with an explicit stack, so no input can exhaust the Go stack.
// liftTables moves each table out of the heading it stands in, to just
// after the heading, in order: a heading is one line of inline text, and
// a table written into it (# | 0<br>00 | …) is neither. Its depth is
// bounded by prepareDOM (MaxDepth), so the walk's recursion is safe.
func liftTables(doc *html.Node) {
	var headings []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && isHeading(n.DataAtom) {
			headings = append(headings, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, h := range headings {
		var tables []*html.Node
		var find func(n *html.Node)
		find = func(n *html.Node) {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Table {
					tables = append(tables, c)
					continue
				}
				find(c)
			}
		}
		find(h)
		after := h
		for _, t := range tables {
			t.Parent.RemoveChild(t)
			h.Parent.InsertBefore(t, after.NextSibling)
			after = t
		}
	}
}

// splitEmphasisAtTables ends each emphasis a table stands in before the
// table and starts it again after it: <b>앞 <table>…</table> 뒤</b> becomes
// <b>앞 </b><table>…</table><b> 뒤</b>. The converter writes an emphasis
// as its content between delimiters, and a table between them
// (**| 가 | 나 |**) is no table. The elements between the emphasis and
// the table are split with it, so the text on either side keeps all its
// markup; an emphasis left with nothing but white space is no element,
// its white space kept. Tables in a table's cells are flattened to text
// and stay where they are. Depth is bounded by prepareDOM (MaxDepth), so
// the recursion is safe.
func splitEmphasisAtTables(doc *html.Node) {
	var tables []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Table {
				tables = append(tables, c)
				continue
			}
			walk(c)
		}
	}
	walk(doc)
	for _, t := range tables {
		// The outermost emphasis around t, now: splitting for a table
		// before it has given it new ancestors.
		var outer *html.Node
		for p := t.Parent; p != nil; p = p.Parent {
			if isEmphasis(p) {
				outer = p
			}
		}
		if outer == nil || outer.Parent == nil {
			continue
		}
		before, after := splitAt(outer, t)
		parent := outer.Parent
		for _, n := range []*html.Node{before, t, after} {
			if n == t || holdsContent(n) {
				parent.InsertBefore(n, outer)
				continue
			}
			for n.FirstChild != nil { // white space only
				c := n.FirstChild
				n.RemoveChild(c)
				parent.InsertBefore(c, outer)
			}
		}
		parent.RemoveChild(outer)
	}
}

// splitAt takes n, an ancestor of t, apart at t: it returns a copy of n
// holding what comes before t and one holding what comes after it, each
// with copies of the elements between n and t, and leaves t detached.
func splitAt(n, t *html.Node) (before, after *html.Node) {
	before, after = shallowCopy(n), shallowCopy(n)
	c := t
	for c.Parent != n {
		c = c.Parent
	}
	for n.FirstChild != c {
		k := n.FirstChild
		n.RemoveChild(k)
		before.AppendChild(k)
	}
	for c.NextSibling != nil {
		k := c.NextSibling
		n.RemoveChild(k)
		after.AppendChild(k)
	}
	n.RemoveChild(c)
	if c == t {
		return before, after
	}
	b, a := splitAt(c, t)
	if holdsContent(b) {
		before.AppendChild(b)
	}
	if holdsContent(a) {
		after.InsertBefore(a, after.FirstChild)
	}
	return before, after
}

// shallowCopy is a detached copy of element n, without its children.
func shallowCopy(n *html.Node) *html.Node {
	return &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace,
		Attr: append([]html.Attribute(nil), n.Attr...)}
}

// holdsContent reports whether n holds an element or text other than
// white space.
func holdsContent(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode || c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return true
		}
	}
	return false
}

// isHeading reports whether a is h1 to h6.
func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func prepareDOM(doc *html.Node) {
	type frame struct {
		n     *html.Node
		depth int
	}
	stack := []frame{{doc, 0}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		switch n.Type {
		case html.TextNode, html.CommentNode:
			n.Data = clean.Sanitize(n.Data)
			continue
		case html.ElementNode:
			for i := range n.Attr {
				n.Attr[i].Val = clean.Sanitize(n.Attr[i].Val)
			}
			if defangLink(n) {
				continue // an image became its alt text, escaped as text
			}
			if n.DataAtom == atom.Img {
				for i := range n.Attr {
					if n.Attr[i].Key == "alt" {
						n.Attr[i].Val = escapeAlt(n.Attr[i].Val)
					}
				}
			}
		}
		// A table's own structure is not flattened: text directly in a
		// <tr> would be dropped with it. Cells are at most three levels
		// further down.
		if f.depth >= MaxDepth && !isTableStructure(n.DataAtom) {
			flatten(n)
			continue
		}
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style) {
				n.RemoveChild(c)
			} else {
				stack = append(stack, frame{c, f.depth + 1})
			}
			c = next
		}
	}
}

// defangLink makes a link or image with a dangerous address harmless: a
// link whose scheme is not http, https or mailto keeps its text but loses
// its address, as does a link with no address, and such an image becomes
// its alt text. The Markdown sokbo
// prints is itself a post other tools render, so a javascript: or data:
// address must not survive into it. It reports whether n was replaced.
func defangLink(n *html.Node) bool {
	switch n.DataAtom {
	case atom.A:
		// An <a> with no address, or one that points only into the page
		// (href="#"), links nowhere: the converter would make it a link
		// to the article itself.
		href, ok := "", false
		for _, a := range n.Attr {
			if a.Key == "href" {
				href, ok = strings.TrimSpace(a.Val), true
			}
		}
		if !ok || href == "" || strings.HasPrefix(href, "#") || !clean.URLOK(href, clean.Link) {
			// A span keeps the text and renders as nothing else.
			n.Data, n.DataAtom, n.Attr = "span", atom.Span, nil
		}
	case atom.Img:
		for _, a := range n.Attr {
			if a.Key == "src" && !clean.URLOK(a.Val, clean.Media) {
				alt := ""
				for _, b := range n.Attr {
					if b.Key == "alt" {
						alt = b.Val
					}
				}
				n.Type, n.Data, n.DataAtom, n.Attr = html.TextNode, alt, 0, nil
				return true
			}
		}
	}
	return false
}

// escapeAlt escapes what would be markup in an image's alt text, which
// html-to-markdown writes between "![" and "]" with only its brackets
// escaped: "<b>" there would be raw HTML in the Markdown, and "<x:y>" an
// autolink; "*사진*", "_a_" and "`a`" would lose their marks as emphasis
// and code, "~18~22℃~" be struck, and "&lt;" be read as "<". These are
// escaped here, and backslashes too, so that html-to-markdown, which
// skips a bracket after a backslash, adds nothing.
func escapeAlt(s string) string {
	if !strings.ContainsAny(s, "\\<[]*_`~&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\', '<', '[', ']', '*', '_', '`', '~', '&':
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// capNesting drops the tags of elements nested deeper than limit, keeping
// all text. Depth is counted naively (an unclosed <p> counts until the
// end), which only makes it drop more tags in an input already this odd.
func capNesting(body string, limit int) string {
	var b strings.Builder
	b.Grow(len(body))
	z := html.NewTokenizer(strings.NewReader(body))
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			if isVoid(atom.Lookup(name)) {
				b.Write(z.Raw())
				continue
			}
			depth++
			if depth <= limit {
				b.Write(z.Raw())
			}
		case html.EndTagToken:
			if depth <= limit {
				b.Write(z.Raw())
			}
			depth = max(depth-1, 0)
		default:
			b.Write(z.Raw())
		}
	}
}

// isVoid reports whether a is an element with no end tag.
func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// flatten replaces the children of n by one text node holding the text of
// all its descendants, in document order.
func flatten(n *html.Node) {
	var b strings.Builder
	stack := []*html.Node{}
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, c)
	}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			if c.DataAtom == atom.Script || c.DataAtom == atom.Style {
				continue
			}
			if clean.IsBlockTag(c.DataAtom) {
				b.WriteByte(' ')
			}
			for cc := c.LastChild; cc != nil; cc = cc.PrevSibling {
				stack = append(stack, cc)
			}
		}
	}
	for n.FirstChild != nil {
		n.RemoveChild(n.FirstChild)
	}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: clean.Sanitize(b.String())})
}

func isTableStructure(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr:
		return true
	}
	return false
}

// numericRef matches a numeric character reference. Markdown renderers
// decode these, so one naming a control character would smuggle it past
// Sanitize into the terminal.
var numericRef = regexp.MustCompile(`&#(?:[0-9]{1,8}|[xX][0-9a-fA-F]{1,7});`)

// finishMarkdown is the last step for every Markdown body: sanitize, drop
// numeric references to characters Sanitize would remove, cut nesting that
// would make a renderer crawl or crash (limitNesting), blank out lines
// holding only white space (such as a paragraph of one &nbsp;), and squeeze
// runs of blank lines outside fenced code.
func finishMarkdown(s string) string {
	s = clean.Sanitize(s)
	// Dropping a reference can join its neighbours into a new one
	// ("&#0&#0;;"), so repeat until nothing changes.
	for strings.Contains(s, "&#") {
		before := s
		s = numericRef.ReplaceAllStringFunc(s, func(ref string) string {
			digits := ref[2 : len(ref)-1]
			var n uint64
			var err error
			if digits[0] == 'x' || digits[0] == 'X' {
				n, err = strconv.ParseUint(digits[1:], 16, 32)
			} else {
				n, err = strconv.ParseUint(digits, 10, 32)
			}
			if err != nil || n == 0 || n > unicode.MaxRune {
				return ""
			}
			r := rune(n)
			if r == '\t' || r == '\n' || !clean.DropRune(r) && r != 0x1b && r != '\r' {
				return ref
			}
			return ""
		})
		if s == before {
			break
		}
	}
	s = limitNesting(s)

	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	fence := ""
	blank := true // at the start, so leading blank lines go
	for _, line := range lines {
		trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
		if fence != "" {
			out = append(out, line)
			if strings.HasPrefix(trimmed, fence) && strings.TrimSpace(strings.TrimLeft(trimmed, fence[:1])) == "" {
				fence = ""
			}
			continue
		}
		if f := fenceOf(trimmed); f != "" {
			fence = f
			out = append(out, line)
			blank = false
			continue
		}
		if strings.TrimFunc(line, unicode.IsSpace) == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, line)
		blank = false
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "\n") + "\n"
}

// fenceOf returns the fence a line opens (``` or ~~~, at least three), or "".
func fenceOf(line string) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(line) && line[n] == c {
			n++
		}
		if n >= 3 {
			return line[:n]
		}
	}
	return ""
}

// entityLike matches text that a Markdown renderer would read as an
// entity reference.
var entityLike = regexp.MustCompile(`&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});`)

// escapeEntities keeps text that looks like an entity literal. The HTML
// parser has decoded the entities once already; without this, the
// literal text "&amp;" would reach the reader as "&" after the Markdown
// renderer decodes it a second time.
func escapeEntities(_ converter.Context, content string) string {
	if !strings.Contains(content, "&") {
		return content
	}
	return entityLike.ReplaceAllString(content, "&amp;$1;")
}

// ctxKey keys values sokbo puts into the converter's context.
type ctxKey string

const inTableKey ctxKey = "sokbo-in-table"

// renderTable renders a <table> as a GFM table laid out for terminals:
//   - the header is the <thead> row, else a first row of <th> cells or of
//     cells bold as a whole (which lose their ** markers); a table with
//     none of these gets an empty header, GFM's table with no header,
//     and every row of it is data (see buildTable);
//   - a cell with a colspan or rowspan is written once, its colspan as
//     empty pipes after it and the places its rowspan covers as
//     rowSpanMark (see gridTable.markdown), with spans clamped (see
//     maxSpan) and the table capped at MaxTableCells cells and
//     MaxTableColumns columns, noted when hit;
//   - alignment from align= or style="text-align:…" becomes :---: or ---:;
//   - cells are one line, "|" escaped, a line break in a cell written
//     <br>, and padded by display width (ansi.StringWidth: a Hangul
//     syllable is two cells) so the raw Markdown lines up.
//
// A table inside a table cell is flattened to its text.
func renderTable(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	if n.DataAtom != atom.Table {
		return converter.RenderTryNext
	}
	if in, _ := ctx.Value(inTableKey).(bool); in {
		renderFlatTable(ctx, w, n)
		return converter.RenderSuccess
	}
	cctx := ctx.WithValue(inTableKey, true)
	t := buildTable(n, func(cell *html.Node) string { return renderCell(cctx, cell) })
	if t == nil {
		return converter.RenderTryNext
	}
	if caption := dom.FindFirstNode(n, func(c *html.Node) bool { return c.DataAtom == atom.Caption }); caption != nil {
		lines := cellLines(cctx, caption)
		for len(lines) > 0 && lines[0] == "" {
			lines = lines[1:] // a caption is a line of text alone
		}
		if text := strings.Join(lines, "<br>"); text != "" {
			w.WriteString("\n\n")
			w.WriteString(text)
		}
	}
	w.WriteString("\n\n")
	w.WriteString(t.markdown())
	w.WriteString("\n\n")
	return converter.RenderSuccess
}

// renderFlatTable writes a nested table's cell texts separated by spaces.
func renderFlatTable(ctx converter.Context, w converter.Writer, n *html.Node) {
	rows, _ := tableRows(n)
	for _, row := range rows {
		for _, cell := range rowCells(row) {
			w.WriteByte(' ')
			ctx.RenderChildNodes(ctx, w, cell)
			w.WriteByte(' ')
		}
	}
}

// renderCell renders a cell's content as one line of Markdown with "|"
// escaped. Each line of the cell (after a <br>, a paragraph or a list
// item) stays a line: GFM tables write the break as <br>, the one HTML
// tag they have for it. See cellLines for what the lines are.
func renderCell(ctx converter.Context, cell *html.Node) string {
	return strings.Join(cellLines(ctx, cell), "<br>")
}

// cellLines renders a cell's content as its lines of Markdown, "|"
// escaped, none holding a newline: a GFM cell cannot. A <br> ends a line
// (renderCellBreak) and so does a block (a paragraph, a list item, each
// line of code); the blocks' own blank lines between them go, the source's
// <br>s stay, so "하나<br><br><br>넷" is 하나, two blank lines and 넷, as a
// browser shows it, and a <br> that starts the cell leaves its first line
// blank. A <br> that ends a block (a paragraph, a list item, the cell)
// ends a line that ends anyway, and a browser shows nothing for it: it
// adds no line. Blank lines at the very end of the cell go too: they only
// make the row taller, which sokbo's tables do not show. A nested list's
// items stand two no-break spaces in from their parent's per level (GFM
// keeps those, and sokbo's renderer too), as do the further lines of an
// item.
func cellLines(ctx converter.Context, cell *html.Node) []string {
	markCodePipes(cell)
	var buf bytes.Buffer
	ctx.RenderChildNodes(ctx, &buf, cell)
	content := string(ctx.UnEscapeContent(buf.Bytes()))
	// A code block's newlines, should one be written in a cell after all,
	// are line breaks too: the converter would turn them back into
	// newlines at the very end, inside the row.
	content = strings.ReplaceAll(content, codeBlockNewline, cellBreak)
	var lines []string
	var lists []int // indentation of each list level open, outermost first
	for block := range strings.SplitSeq(content, "\n") {
		pieces := strings.Split(block, cellBreak)
		if len(pieces) > 1 && clean.CollapseSpace(pieces[len(pieces)-1]) == "" {
			pieces = pieces[:len(pieces)-1]
		}
		if len(pieces) == 1 && clean.CollapseSpace(pieces[0]) == "" && !strings.Contains(block, cellBreak) {
			continue // the blank line between two blocks
		}
		indent := len(block) - len(strings.TrimLeft(block, " "))
		first := clean.CollapseSpace(pieces[0])
		for len(lists) > 0 && lists[len(lists)-1] >= indent {
			lists = lists[:len(lists)-1]
		}
		// The first line of an item stands at its level, the lines after
		// it one further in, under its text; so do the further blocks of
		// an item, indented under it in the Markdown.
		firstIn, restIn := len(lists), len(lists)
		if listItem.MatchString(first) {
			lists = append(lists, indent)
			restIn++
		} else if indent == 0 {
			lists = lists[:0]
			firstIn, restIn = 0, 0
		}
		// A quote's converter marks each line of it; the lines its <br>s
		// start are marked the same.
		quote := quoteMarks.FindString(first)
		for i, p := range pieces {
			p = clean.CollapseSpace(p)
			in, marks := restIn, quote
			if i == 0 {
				in, marks = firstIn, ""
			}
			if p == "" {
				marks = strings.TrimSuffix(marks, " ")
			}
			if p != "" || marks != "" {
				p = strings.Repeat(levelIndent, in) + marks + escapePipes(p)
			}
			lines = append(lines, strings.ReplaceAll(p, codePipe, `\|`))
		}
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// listItem matches the start of a list item as the converter writes it.
var listItem = regexp.MustCompile(`^(?:[-*+]|[0-9]{1,9}[.)])(?: |$)`)

// quoteMarks matches the marks of a quoted line: the text's own ">" is
// escaped.
var quoteMarks = regexp.MustCompile(`^(?:> ?)+`)

// levelIndent is how far in a nested list stands in a cell, per level: two
// no-break spaces, which neither GFM nor sokbo trims or collapses.
const levelIndent = "\u00a0\u00a0"

// cellBreak stands for a <br> in a table cell while the cell is rendered
// (renderCellBreak), so that cellLines can tell it from the newlines that
// end blocks. It is a C0 control, which clean.Sanitize keeps out of every
// text.
const cellBreak = "\x1d"

// codeBlockNewline is the mark the converter writes for a newline in a
// code block and turns into one at the end.
const codeBlockNewline = string(marker.MarkerCodeBlockNewline)

// renderCellBreak writes a <br> in a table cell as cellBreak.
func renderCellBreak(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	if in, _ := ctx.Value(inTableKey).(bool); !in || n.DataAtom != atom.Br {
		return converter.RenderTryNext
	}
	w.WriteString(cellBreak)
	return converter.RenderSuccess
}

// renderCellCode writes a <pre> in a table cell as its lines, each a code
// span on a line of its own, which cellLines keeps a line of the cell, and
// a blank one as cellBreak: a code block's fences and newlines cannot
// stand in a GFM cell. A tab goes to the next stop of tabStop
// cells, as sokbo's renderer does in code, and the spaces that indent a
// line or line things up become no-break spaces, which GFM keeps.
func renderCellCode(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	if in, _ := ctx.Value(inTableKey).(bool); !in || n.DataAtom != atom.Pre {
		return converter.RenderTryNext
	}
	var b strings.Builder
	codeText(&b, n)
	code := strings.TrimSuffix(b.String(), "\n")
	for line := range strings.SplitSeq(code, "\n") {
		w.WriteString("\n")
		if span := codeSpan(codeLine(line)); span != "" {
			w.WriteString(span)
		} else {
			w.WriteString(cellBreak) // a blank line, which a block's newline is not
		}
	}
	w.WriteString("\n")
	return converter.RenderSuccess
}

// tabStop is how far apart tab stops are in code, in cells, as in sokbo's
// renderer (render/prepare.go).
const tabStop = 4

// codeText writes the text of n as the converter reads a code block's: a
// <br> or <div> starts a line.
func codeText(b *strings.Builder, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Br || c.DataAtom == atom.Div:
			b.WriteByte('\n')
			codeText(b, c)
		case c.DataAtom != atom.Script && c.DataAtom != atom.Style && c.DataAtom != atom.Textarea:
			codeText(b, c)
		}
	}
}

// codeLine expands the tabs of a line of code and makes its leading
// spaces, and every space next to another, no-break spaces.
func codeLine(line string) string {
	if !strings.ContainsAny(line, " \t") {
		return line
	}
	var spaced strings.Builder
	col := 0
	for i, seg := range strings.Split(line, "\t") {
		if i > 0 {
			n := tabStop - col%tabStop
			spaced.WriteString(strings.Repeat(" ", n))
			col += n
		}
		spaced.WriteString(seg)
		col += ansi.StringWidth(strings.ReplaceAll(seg, codePipe, "|"))
	}
	s := spaced.String()
	var b strings.Builder
	lead := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != ' ' {
			lead = false
			b.WriteByte(c)
			continue
		}
		if lead || i > 0 && s[i-1] == ' ' || i+1 < len(s) && s[i+1] == ' ' {
			b.WriteString("\u00a0")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// codeSpan writes s as a GFM code span, its fence one backtick longer than
// the longest run in it; a line of nothing but white space is left blank.
func codeSpan(s string) string {
	if strings.TrimFunc(s, unicode.IsSpace) == "" {
		return ""
	}
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// codePipe stands for a "|" in code inside a table cell. GFM reads "\|"
// in a cell as a pipe even in code, where backslashes are otherwise text,
// so every pipe there gets one more backslash than it has: code "a\|" is
// written "a\\|". escapePipes cannot tell such a pipe from one the text
// escaping already gave its backslash; the mark keeps it out of its way.
// It is a C0 control, which clean.Sanitize keeps out of every text.
const codePipe = "\x1c"

// markCodePipes replaces every "|" in the code under n with codePipe.
func markCodePipes(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && (c.DataAtom == atom.Code || c.DataAtom == atom.Pre):
			markPipes(c)
		case c.Type == html.ElementNode:
			markCodePipes(c)
		}
	}
}

func markPipes(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			c.Data = strings.ReplaceAll(c.Data, "|", codePipe)
		} else {
			markPipes(c)
		}
	}
}

// escapePipes puts a backslash before every "|" not already escaped, so a
// pipe in text, code or a URL cannot end the cell.
func escapePipes(s string) string {
	if !strings.Contains(s, "|") {
		return s
	}
	var b strings.Builder
	backslashes := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '|' && backslashes%2 == 0 {
			b.WriteByte('\\')
		}
		if c == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		b.WriteByte(c)
	}
	return b.String()
}

// alignment is a column's GFM alignment.
type alignment uint8

const (
	alignNone alignment = iota
	alignLeft
	alignCenter
	alignRight
)

// cellAlign reads a cell's alignment from its align attribute or its
// style's text-align, falling back to its row's.
func cellAlign(cell *html.Node) alignment {
	for _, n := range []*html.Node{cell, cell.Parent} {
		if n == nil {
			continue
		}
		if a := parseAlign(dom.GetAttributeOr(n, "align", "")); a != alignNone {
			return a
		}
		style := strings.ToLower(dom.GetAttributeOr(n, "style", ""))
		for decl := range strings.SplitSeq(style, ";") {
			prop, val, ok := strings.Cut(decl, ":")
			if ok && strings.TrimSpace(prop) == "text-align" {
				if a := parseAlign(val); a != alignNone {
					return a
				}
			}
		}
	}
	return alignNone
}

func parseAlign(s string) alignment {
	s = strings.TrimSpace(strings.ToLower(s))
	s = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(s, "!important")), " ")
	switch s {
	case "left", "start", "justify":
		return alignLeft
	case "center", "middle":
		return alignCenter
	case "right", "end":
		return alignRight
	}
	return alignNone
}

// spanAttr reads a colspan or rowspan; anything unreadable or below 1 is 1
// (a rowspan of 0, "to the end of the section", comes back as limit).
func spanAttr(n *html.Node, key string, limit int) int {
	v, ok := dom.GetAttribute(n, key)
	if !ok {
		return 1
	}
	v = strings.TrimSpace(v)
	// Browsers read the leading digits: "2px" is 2.
	end := 0
	for end < len(v) && end < 9 && v[end] >= '0' && v[end] <= '9' {
		end++
	}
	num, err := strconv.Atoi(v[:end])
	if err != nil {
		return 1
	}
	if num == 0 && key == "rowspan" {
		return max(limit, 1)
	}
	return min(max(num, 1), max(limit, 1))
}
