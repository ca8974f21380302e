package render

import (
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Glamour reads Markdown with goldmark, but what it then prints is not
// always what the Markdown says: it runs html.UnescapeString over the raw
// text of every text node and code span, strips the backslash of only
// some escapes (so "24\~31℃" showed its backslash), takes backslashes
// out of code blocks in plain style, turns every hard line break into a
// space, draws a struck span as one flat run of text (its links and code
// lost) and prints tabs raw. prepare rewrites the article, before glamour
// parses it, into Markdown of the same structure that glamour prints
// faithfully, and leaves marks that Article turns into what glamour
// cannot do (see strikeOpen, hardBreak).

// Marks prepare leaves in what glamour renders. They are punctuation, as
// the delimiters and spaces they stand for are to the Markdown parser, so
// that emphasis around them opens and closes as before. An article that
// holds one of them already is not rewritten that way (see prepare).
const (
	// strikeOpen and strikeClose stand for the ~~ delimiters of struck
	// text: Article draws what is between them crossed out (SGR 9), or
	// between ~~ and ~~ in plain style.
	strikeOpen  = "\u2e28" // ⸨
	strikeClose = "\u2e29" // ⸩
	// hardBreak stands for a hard line break ("  \n", "\\\n", <br>):
	// Article breaks the line there, the next line indented under the
	// first, in a list item or a quote as in a paragraph.
	hardBreak = "\u2e3f" // ⸿
	// altTilde stands for a "~" in an image's text, which glamour prints
	// as its source with no character reference decoded (see imageTextEdits).
	altTilde = "\u2e1e" // ⸞
	// itemMark starts the text of a list item that glamour would set
	// apart by a blank line (see itemMarkEdit): Article drops the blank
	// line before it.
	itemMark = "\u2e3e" // ⸾
)

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

// prepared is an article made ready for glamour.
type prepared struct {
	src    string   // the Markdown glamour renders
	tables tableSet // the tables, each replaced by a placeholder in src
	marked bool     // src may hold strikeOpen, strikeClose or hardBreak
	links  *linkSet // the article's links, numbered in reading order
}

// noStrike reads Markdown as the Renderer does but without strikethrough:
// comparing its text with the Renderer's tells which tildes are
// delimiters.
var noStrike = goldmark.New(goldmark.WithExtensions(
	extension.Table, extension.Linkify, extension.TaskList, extension.DefinitionList,
))

// prepare parses md and returns what glamour should render: md with each
// table replaced by a placeholder paragraph, and the rewrites described
// at the top of this file. style matters because glamour's plain style
// alone strips backslashes from code blocks.
func (r *Renderer) prepare(md string, style Style) prepared {
	src := []byte(md)
	doc := r.md.Parser().Parse(text.NewReader(src))
	var ts tableSet
	var edits []edit
	// An article that holds a mark already cannot use it.
	marks := !strings.Contains(md, strikeOpen) && !strings.Contains(md, strikeClose) &&
		!strings.Contains(md, hardBreak) && !strings.Contains(md, altTilde) &&
		!strings.Contains(md, itemMark)
	strikes := 0
	joinedTables := map[*east.Table]bool{}
	links := &linkSet{}
	var unparsed []string // autolinks whose address does not parse
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			switch n.(type) {
			case *ast.Link, *ast.Image:
				// Numbered where the marker goes, after the text, so
				// an image in a link comes first.
				links.addNode(n, src)
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.AutoLink:
			if u := string(n.URL(src)); n.AutoLinkType == ast.AutoLinkURL && !parses(u) {
				// glamour shows an autolink by its address, and one it
				// cannot parse not at all: it is shown as text.
				unparsed = append(unparsed, u)
				break
			}
			links.addNode(n, src)
		case *east.Table:
			if t, ok := tableFrom(n, src, style, links); ok {
				t.joined = joinedTables[n]
				ts.list = append(ts.list, t)
			}
			// strikeEdits finds the delimiters of the cells too; the
			// table's layout draws those, and its edits are skipped.
			strikes += countStrikes(n)
			return ast.WalkSkipChildren, nil
		case *ast.ListItem:
			if marks {
				// First: an edit of the item's first text at the same
				// place comes after it.
				if e, ok := itemMarkEdit(n); ok {
					edits = append(edits, e)
				}
				edits = itemEdits(edits, n, src, joinedTables)
			}
		case *ast.Link:
			if e, ok := autolinkEdit(n, src); ok {
				edits = append(edits, e)
			}
		case *east.Strikethrough:
			strikes++
		case *east.DefinitionDescription:
			if e, ok := definitionEdit(n, src); ok {
				edits = append(edits, e)
			}
		case *ast.FencedCodeBlock:
			edits = codeBlockEdits(edits, n.Lines(), src, style)
		case *ast.CodeBlock:
			edits = codeBlockEdits(edits, n.Lines(), src, style)
		case *ast.Text:
			_, code := n.Parent().(*ast.CodeSpan)
			if marks && inImage(n) {
				edits = imageTextEdits(edits, n.Segment.Value(src), n.Segment.Start)
			} else {
				edits = textEdits(edits, n.Segment.Value(src), n.Segment.Start, code)
			}
			hard := false
			if marks && n.HardLineBreak() {
				if e, ok := hardBreakEdit(n, src); ok {
					edits = append(edits, e)
					hard = true
				}
			}
			if marks && (hard || n.SoftLineBreak()) && inListItem(n) {
				if e, ok := lineJoinEdit(n, src, hard); ok {
					edits = append(edits, e)
				}
			} else if marks && !hard && n.SoftLineBreak() {
				if e, ok := softBreakEdit(n, src); ok {
					edits = append(edits, e)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if marks && strikes > 0 {
		edits = append(edits, strikeEdits(doc, src, strikes)...)
	}
	edits = append(edits, autolinkTextEdits(src, unparsed)...)
	if len(ts.list) == 0 && len(edits) == 0 {
		return prepared{src: md, links: links}
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
		if !t.joined && strings.Trim(prefix, " \t>") == "" {
			// Blank lines around the placeholder make it a paragraph of
			// its own, inside the same blockquote or list item.
			rp := strings.TrimRight(prefix, " \t")
			repl = "\n" + rp + "\n" + prefix + tok + "\n" + rp
		}
		edits = append(edits, edit{t.start, t.end, repl})
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return a.start - b.start })
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
	return prepared{src: b.String(), tables: ts, marked: marks, links: links}
}

// Glamour draws the paragraphs of a list item run together ("항목둘째
// 문단"), a table among them on the item's own line, and a soft line
// break in an item as a line break back at the margin. itemEdits and
// lineJoinEdit make each such run of paragraphs and tables one paragraph
// for glamour, with two hard-break marks where one block ends and the
// next begins and a space for each soft break: Article then starts each
// block on a line of its own, indented under the item, a blank line
// between.

// itemEdits joins the runs of paragraphs and tables in list item n, and
// records in joined the tables it joins.
func itemEdits(edits []edit, n *ast.ListItem, src []byte, joined map[*east.Table]bool) []edit {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		next := c.NextSibling()
		if next == nil || !joinable(c) || !joinable(next) {
			continue
		}
		end, ok := blockEnd(c, src)
		start, ok2 := blockStart(next, src)
		if !ok || !ok2 || start <= end {
			continue
		}
		edits = append(edits, edit{end, start, hardBreak + hardBreak + " "})
		for _, b := range []ast.Node{c, next} {
			if t, ok := b.(*east.Table); ok {
				joined[t] = true
			}
		}
	}
	return edits
}

// itemMarkEdit puts itemMark before the text of list item n when the item
// before it ends in a list whose last item ends in a list too. Glamour
// ends each list with a newline, and an item that ends in a list with
// none, so that two or more lists ending together leave a blank line
// before the next item ("• 더 깊은 항목", blank, "2. 둘째"), in a tight
// list too; Article takes it out again.
func itemMarkEdit(n *ast.ListItem) (edit, bool) {
	prev, ok := n.PreviousSibling().(*ast.ListItem)
	if !ok {
		return edit{}, false
	}
	inner, ok := prev.LastChild().(*ast.List)
	if !ok {
		return edit{}, false
	}
	last, ok := inner.LastChild().(*ast.ListItem)
	if !ok {
		return edit{}, false
	}
	if _, ok := last.LastChild().(*ast.List); !ok {
		return edit{}, false
	}
	// Only before text: a mark before a heading, fence or list marker
	// would make it text, and before a task's box no box.
	first := n.FirstChild()
	switch first.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		return edit{}, false
	}
	if _, box := first.FirstChild().(*east.TaskCheckBox); box || first.Lines().Len() == 0 {
		return edit{}, false
	}
	at := first.Lines().At(0).Start
	return edit{at, at, itemMark}, true
}

// joinable reports whether a block of a list item is joined by itemEdits.
func joinable(n ast.Node) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *east.Table:
		return true
	}
	return false
}

// blockStart returns where block n's text starts in src.
func blockStart(n ast.Node, src []byte) (int, bool) {
	if t, ok := n.(*east.Table); ok {
		p := t.FirstChild().Pos()
		return p, p >= 0 && p <= len(src)
	}
	if n.Lines().Len() == 0 {
		return 0, false
	}
	return n.Lines().At(0).Start, true
}

// blockEnd returns where block n's text ends in src, before the newline
// that ends its last line.
func blockEnd(n ast.Node, src []byte) (int, bool) {
	if t, ok := n.(*east.Table); ok {
		last := t.LastChild()
		p := last.Pos()
		if p < 0 || p > len(src) {
			return 0, false
		}
		if _, head := last.(*east.TableHeader); head {
			p = lineEnd(src, p) + 1 // its delimiter row
			if p > len(src) {
				return 0, false
			}
		}
		return lineEnd(src, p), true
	}
	if n.Lines().Len() == 0 {
		return 0, false
	}
	seg := n.Lines().At(n.Lines().Len() - 1)
	end := seg.Stop
	for end > seg.Start && (src[end-1] == '\n' || src[end-1] == '\r') {
		end--
	}
	return end, true
}

// inListItem reports whether n stands inside a list item.
func inListItem(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.ListItem); ok {
			return true
		}
	}
	return false
}

// inImage reports whether n is part of an image's text.
func inImage(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Image); ok {
			return true
		}
	}
	return false
}

// lineJoinEdit replaces the line break after text node n, with the next
// line's indentation and markers, by one space. A soft break goes from
// the end of n's text; a hard one (hard set) from its newline, since
// hardBreakEdit has put its mark before it.
func lineJoinEdit(n *ast.Text, src []byte, hard bool) (edit, bool) {
	i := n.Segment.Stop
	nl := bytes.IndexByte(src[i:], '\n')
	if nl < 0 {
		return edit{}, false
	}
	nl += i
	if !hard && strings.TrimSpace(string(src[i:nl])) != "" {
		return edit{}, false
	}
	from := i
	if hard {
		from = nl
	}
	// The next line's own text starts at a line segment of the block
	// that holds n.
	var lines *text.Segments
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			lines = p.Lines()
			break
		}
	}
	if lines == nil {
		return edit{}, false
	}
	for k := 0; k < lines.Len(); k++ {
		if seg := lines.At(k); seg.Start > nl {
			return edit{from, seg.Start, " "}, true
		}
	}
	return edit{}, false
}

// glamourUnescapes are the ASCII characters whose backslash escape glamour
// strips itself (ansi/baseelement.go, escapeReplacer). For the others it
// prints the backslash.
const glamourUnescapes = "\\`*_{}[]<>()#+-.!|"

// isASCIIPunct reports whether c is ASCII punctuation, which CommonMark
// lets a backslash escape.
func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// entityRef matches a character reference as CommonMark reads one, with
// its semicolon.
var entityRef = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// textEdits adds the edits that make glamour print the raw text of a text
// node (or, with code set, of a code span) as CommonMark reads it. text is
// the node's raw text, starting at byte start of the source.
//   - glamour runs html.UnescapeString over it, which also decodes HTML's
//     legacy forms without a semicolon ("&copy 2024", "&amp" → "&") and
//     everything in code (`&amp;` showed "&"): an "&" that CommonMark
//     leaves as text is written "&amp;", which comes out as "&";
//   - an escape glamour does not strip (\~ \" \& \: …) is written as its
//     character reference, which reads the same to the parser: no
//     delimiter, no block marker.
func textEdits(edits []edit, text []byte, start int, code bool) []edit {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\\' && !code && i+1 < len(text) && isASCIIPunct(text[i+1]):
			if strings.IndexByte(glamourUnescapes, text[i+1]) < 0 {
				edits = append(edits, edit{start + i, start + i + 2, "&#" + strconv.Itoa(int(text[i+1])) + ";"})
			}
			i++
		case c == '&' && (code || !entityRef.Match(text[i:])):
			edits = append(edits, edit{start + i + 1, start + i + 1, "amp;"})
		}
	}
	return edits
}

// imageTextEdits is textEdits for the text of an image, which glamour
// prints from its source with only the escapes of glamourUnescapes
// undone and no character reference decoded: "R&D" written "R&amp;D"
// showed so, and "24\~31℃" as "24&#126;31℃". Another escape loses its
// backslash, and an escaped "~", which would strike text once bare,
// becomes altTilde, which Article turns back into "~".
func imageTextEdits(edits []edit, text []byte, start int) []edit {
	for i := 0; i+1 < len(text); i++ {
		if text[i] != '\\' || !isASCIIPunct(text[i+1]) {
			continue
		}
		switch c := text[i+1]; {
		case c == '~':
			edits = append(edits, edit{start + i, start + i + 2, altTilde})
		case strings.IndexByte(glamourUnescapes, c) < 0:
			edits = append(edits, edit{start + i, start + i + 1, ""})
		}
		i++
	}
	return edits
}

// codeBlockEdits adds the edits that make glamour print a code block as it
// is: tabs expanded to stops of 4 cells (glamour prints them raw, and a
// tab has no width of its own in a layout), and in plain style, where
// glamour strips backslash escapes from code too, backslashes doubled.
func codeBlockEdits(edits []edit, lines *text.Segments, src []byte, style Style) []edit {
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := seg.Value(src)
		if seg.Padding > 0 {
			// Columns of a tab the block's indentation began to use.
			line = append(bytes.Repeat([]byte{' '}, seg.Padding), line...)
		}
		if !bytes.ContainsAny(line, "\t\\") {
			continue
		}
		start := seg.Start - seg.Padding
		col := 0
		for j := 0; j < len(line); {
			c := line[j]
			switch {
			case c == '\t':
				n := tabStop - col%tabStop
				if j >= seg.Padding {
					edits = append(edits, edit{start + j, start + j + 1, strings.Repeat(" ", n)})
				}
				col += n
				j++
				continue
			case c == '\\' && style == StylePlain && j >= seg.Padding:
				edits = append(edits, edit{start + j, start + j, `\`})
			}
			cluster, _ := ansi.FirstGraphemeCluster(string(line[j:]), ansi.GraphemeWidth)
			if len(cluster) == 0 {
				cluster = string(line[j : j+1])
			}
			w := Width(cluster)
			for k := 1; k < len(cluster); k++ {
				if cluster[k] == '\\' && style == StylePlain {
					edits = append(edits, edit{start + j + k, start + j + k, `\`})
				}
			}
			col += w
			j += len(cluster)
		}
	}
	return edits
}

// tabStop is how far apart tab stops are in code, in cells.
const tabStop = 4

// hardBreakEdit replaces what makes a text node's hard line break (two
// spaces or a backslash before the newline) with hardBreak, so glamour,
// which prints the break as a space, prints the mark.
func hardBreakEdit(n *ast.Text, src []byte) (edit, bool) {
	i := n.Segment.Stop
	j, ok := newlineAfter(src, i, " \t\\")
	if !ok {
		return edit{}, false
	}
	// The newline stays: the next line may carry a quote marker.
	return edit{i, j, hardBreak}, true
}

// newlineAfter is where the line break after src[i] stands, past the
// bytes of trailing and a carriage return; ok is false when something
// else comes first.
func newlineAfter(src []byte, i int, trailing string) (int, bool) {
	j := i
	for j < len(src) && strings.IndexByte(trailing, src[j]) >= 0 {
		j++
	}
	if j < len(src) && src[j] == '\r' {
		j++
	}
	return j, j < len(src) && src[j] == '\n'
}

// softBreakEdit keeps a footnote's definition ("[^1]: …"), which neither
// GFM as sokbo writes it nor glamour reads as a footnote, as written, on
// a line of its own, where the soft line break after n would run it into
// the line before: a hard break stands there. Lines in a quote, whose
// markers come first, are left as they are.
func softBreakEdit(n *ast.Text, src []byte) (edit, bool) {
	i := n.Segment.Stop
	j, ok := newlineAfter(src, i, " \t")
	if !ok {
		return edit{}, false
	}
	k := j + 1
	for k < len(src) && k-(j+1) < 3 && src[k] == ' ' {
		k++
	}
	if !footnoteDefinition.Match(src[k:]) {
		return edit{}, false
	}
	// The newline stays, as in hardBreakEdit.
	return edit{i, j, hardBreak}, true
}

// definitionEdit joins the line of a definition's description to the
// line before it, as GFM reads "용어\n: 정의": one paragraph, "용어 : 정의".
// Glamour's parser, and the one prepare reads with to match it, have
// definition lists, and glamour drew the description as an item ("*
// 정의"), a line the Markdown output does not have. A description after
// a blank line (a loose list) is what GFM reads it as, a paragraph of its
// own that begins ":".
func definitionEdit(n *east.DefinitionDescription, src []byte) (edit, bool) {
	first := n.FirstChild()
	if first == nil || first.Lines().Len() == 0 {
		return edit{}, false
	}
	start := first.Lines().At(0).Start
	colon := start - 1
	for colon >= 0 && (src[colon] == ' ' || src[colon] == '\t') {
		colon--
	}
	if colon < 0 || src[colon] != ':' {
		return edit{}, false
	}
	// Back over the line's indentation and any quote markers to the
	// newline that ends the line before.
	nl := colon - 1
	for nl >= 0 && (src[nl] == ' ' || src[nl] == '\t' || src[nl] == '>') {
		nl--
	}
	if nl < 0 || src[nl] != '\n' {
		return edit{}, false
	}
	end := nl
	if end > 0 && src[end-1] == '\r' {
		end--
	}
	// A blank line before (a loose list): a paragraph that begins ":",
	// its colon written as a character reference so that glamour's
	// parser reads it so too (glamour decodes it as it prints).
	if prev := bytes.LastIndexByte(src[:end], '\n'); len(bytes.Trim(src[prev+1:end], " \t>")) == 0 {
		return edit{colon, colon + 1, "&#58;"}, true
	}
	return edit{end, colon + 1, " :"}, true
}

// footnoteDefinition matches a line that begins with a GFM footnote's
// definition: [^label]:.
var footnoteDefinition = regexp.MustCompile(`^\[\^[^\]\s]+\]:`)

// countStrikes counts the struck spans under n.
func countStrikes(n ast.Node) int {
	count := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := c.(*east.Strikethrough); ok && entering {
			count++
		}
		return ast.WalkContinue, nil
	})
	return count
}

// strikeEdits replaces the ~~ (or ~) delimiters of the struck spans in doc
// with strikeOpen and strikeClose. goldmark does not record where a
// delimiter stood, so the tildes are found as those the same source read
// without strikethrough has in its text and doc does not. If that does
// not give an opening and a closing run for each of the count spans,
// nothing is rewritten and glamour strikes them itself.
func strikeEdits(doc ast.Node, src []byte, count int) []edit {
	plain := noStrike.Parser().Parse(text.NewReader(src))
	inText := func(root ast.Node) map[int]bool {
		at := map[int]bool{}
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := n.(*ast.Text); ok && entering {
				for i := t.Segment.Start; i < t.Segment.Stop; i++ {
					if src[i] == '~' {
						at[i] = true
					}
				}
			}
			return ast.WalkContinue, nil
		})
		return at
	}
	kept := inText(doc)
	var runs [][2]int
	for i := range inText(plain) {
		if !kept[i] {
			runs = append(runs, [2]int{i, i + 1})
		}
	}
	slices.SortFunc(runs, func(a, b [2]int) int { return a[0] - b[0] })
	// Join adjacent tildes into runs.
	var joined [][2]int
	for _, r := range runs {
		if len(joined) > 0 && joined[len(joined)-1][1] == r[0] {
			joined[len(joined)-1][1] = r[1]
			continue
		}
		joined = append(joined, r)
	}
	if len(joined) != 2*count {
		return nil
	}
	edits := make([]edit, len(joined))
	for i, r := range joined {
		mark := strikeOpen
		if i%2 == 1 {
			mark = strikeClose
		}
		edits[i] = edit{r[0], r[1], mark}
	}
	return edits
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

// parses reports whether u is an address url.Parse reads, as glamour
// needs to show an autolink.
func parses(u string) bool {
	_, err := url.Parse(u)
	return err == nil
}

// autolinkTextEdits writes each <u> of src, an autolink of one of addrs,
// as the text of its address, every ASCII punctuation mark a character
// reference (glamour shows a backslash escape's backslash), so that no
// renderer takes it for a link again: https&#58;&#47;&#47;… shows as
// https://….
func autolinkTextEdits(src []byte, addrs []string) []edit {
	var out []edit
	seen := map[string]bool{}
	for _, u := range addrs {
		if seen[u] {
			continue
		}
		seen[u] = true
		var esc strings.Builder
		for i := 0; i < len(u); i++ {
			if c := u[i]; c < utf8.RuneSelf && (unicode.IsPunct(rune(c)) || unicode.IsSymbol(rune(c))) {
				esc.WriteString("&#" + strconv.Itoa(int(c)) + ";")
				continue
			}
			esc.WriteByte(u[i])
		}
		pat := []byte("<" + u + ">")
		for at := 0; ; {
			i := bytes.Index(src[at:], pat)
			if i < 0 {
				break
			}
			out = append(out, edit{at + i, at + i + len(pat), esc.String()})
			at += i + len(pat)
		}
	}
	return out
}

// strikeStyle replaces the strike marks in rendered text: with SGR 9 and 29
// around the struck text in a styled render, renewed after every reset
// glamour writes inside it, or with "~~" in plain style, as glamour's own
// plain style marks struck text.
func strikeStyle(s string, style Style) string {
	if !strings.Contains(s, strikeOpen) && !strings.Contains(s, strikeClose) {
		return s
	}
	if style == StylePlain {
		return strings.NewReplacer(strikeOpen, "~~", strikeClose, "~~").Replace(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	on := false
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, strikeOpen):
			on = true
			b.WriteString(ansi.SGR(ansi.AttrStrikethrough))
			s = s[len(strikeOpen):]
		case strings.HasPrefix(s, strikeClose):
			on = false
			b.WriteString(ansi.SGR(ansi.AttrNoStrikethrough))
			s = s[len(strikeClose):]
		case s[0] == '\n':
			// A struck span never crosses a block; each line starts clean.
			on = false
			b.WriteByte('\n')
			s = s[1:]
		case s[0] == '\x1b' && on:
			seq := s[:escapeLen(s)]
			b.WriteString(seq)
			if seq == "\x1b[0m" || seq == "\x1b[m" {
				b.WriteString(ansi.SGR(ansi.AttrStrikethrough))
			}
			s = s[len(seq):]
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	return b.String()
}

// escapeLen returns the length of the escape sequence at the start of s:
// a CSI sequence (SGR) or an OSC one (a hyperlink), which is all glamour
// writes; 1 for anything else.
func escapeLen(s string) int {
	if len(s) < 2 {
		return 1
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
	case ']':
		for i := 2; i < len(s); i++ {
			if s[i] == '\x07' {
				return i + 1
			}
			if s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
	}
	return 1
}
