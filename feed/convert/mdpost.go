package convert

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sokbo/feed/clean"
)

// postMarkdown reads the Markdown of posts as GitHub does. Its renderer
// keeps raw HTML, which htmlToMarkdown then cleans like any feed's HTML.
// A goldmark.Markdown is safe for concurrent use.
var postMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(markPostDelims{}, 1000))),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// markPostDelims gives each ordered list of a post numbered "1)" the
// attribute delimAttr, which goldmark renders into its <ol> and
// renderList reads back: HTML has no delimiter, and "1)" after "1." is a
// list of its own.
type markPostDelims struct{}

// Transform implements parser.ASTTransformer.
func (markPostDelims) Transform(doc *gast.Document, _ text.Reader, _ parser.Context) {
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if l, ok := n.(*gast.List); ok && entering && l.IsOrdered() && l.Marker == ')' {
			l.SetAttributeString(delimAttr, []byte(")"))
		}
		return gast.WalkContinue, nil
	})
}

// markdownPost cleans the body of a Markdown post. Most posts are plain
// Markdown and come back as they are, sanitized. A post that holds raw
// HTML, or a link or image whose address is unsafe (javascript:, data:,
// file:…), in any of Markdown's forms (inline, reference-style, autolink,
// inside raw HTML), is rendered to HTML and converted back like a feed's
// article: the same cleaner drops what is unsafe, HTML tables become
// sokbo's tables, and no later step meets HTML.
func markdownPost(md string) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("markdown parser failed: %v", r)
		}
	}()
	// Clean first: removing a control can make markup ("<A0\x7f>"
	// becomes the tag "<A0>").
	md = finishMarkdown(md)
	md = fixPostText(md)
	src := []byte(md)
	doc := postMarkdown.Parser().Parse(text.NewReader(src))
	if !needsHTMLPass(doc, src) {
		return md, nil
	}
	var buf bytes.Buffer
	if err := postMarkdown.Renderer().Render(&buf, src, doc); err != nil {
		return "", fmt.Errorf("rendering markdown: %w", err)
	}
	// Relative addresses stay relative, as in posts that need no pass.
	return htmlToMarkdown(buf.String(), "")
}

// postPlain reads a post's Markdown without strikethrough and without
// linkify, so that every tilde and every address of its text is in a text
// node.
var postPlain = goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList))

// fixPostText rewrites the text of a post so that it reads the same in
// every renderer:
//   - every tilde that is not part of a pair is escaped: Jekyll's kramdown
//     strikes only ~~text~~ and shows a single tilde as itself, while GFM,
//     goldmark and so sokbo's renderer strike "24~31℃, 3~5일" out between
//     the two; ~~ stays, which kramdown strikes too;
//   - an address written out in the text becomes an autolink of its whole
//     extent (see bareURLs): linkify stopped https://ko.wikipedia.org/wiki/
//     한국은행 at the Hangul.
//
// Code, raw HTML, links and what is already an autolink are not text and
// stay as they are.
func fixPostText(md string) string {
	if !strings.Contains(md, "~") && !strings.Contains(md, "://") && !strings.Contains(md, "@") {
		return md
	}
	src := []byte(md)
	doc := postPlain.Parser().Parse(text.NewReader(src))
	// Runs of text that stand together in the source: goldmark splits
	// text at a tilde and at other marks.
	var runs [][2]int
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n.(type) {
		case *gast.CodeSpan, *gast.Link, *gast.Image, *gast.AutoLink, *gast.RawHTML:
			return gast.WalkSkipChildren, nil
		}
		t, ok := n.(*gast.Text)
		if !ok {
			return gast.WalkContinue, nil
		}
		if k := len(runs) - 1; k >= 0 && runs[k][1] == t.Segment.Start {
			runs[k][1] = t.Segment.Stop
		} else {
			runs = append(runs, [2]int{t.Segment.Start, t.Segment.Stop})
		}
		return gast.WalkContinue, nil
	})
	type insert struct {
		at int
		s  string
	}
	var ins []insert
	var tildes []int
	for _, r := range runs {
		run := md[r[0]:r[1]]
		urls := bareURLs(run, false)
		for _, u := range urls {
			if breaksDelimiter(md, r[0]+u[0], r[0]+u[1]) {
				// Linkify finds it where it is; brackets would undo
				// the emphasis around it.
				continue
			}
			ins = append(ins, insert{r[0] + u[0], "<"}, insert{r[0] + u[1], ">"})
		}
		for i := 0; i < len(run); i++ {
			if run[i] == '~' && !inSpans(urls, i) {
				tildes = append(tildes, r[0]+i)
			}
		}
	}
	for k := 0; k < len(tildes); {
		i := tildes[k]
		end := k + 1
		for end < len(tildes) && tildes[end] == tildes[end-1]+1 {
			end++
		}
		escaped := 0
		for b := i - 1; b >= 0 && src[b] == '\\'; b-- {
			escaped++
		}
		first := k
		if escaped%2 == 1 {
			first++ // escaped already
		}
		if end-first != 2 {
			for _, t := range tildes[first:end] {
				ins = append(ins, insert{t, "\\"})
			}
		}
		k = end
	}
	if len(ins) == 0 {
		return md
	}
	slices.SortStableFunc(ins, func(a, b insert) int { return a.at - b.at })
	var b strings.Builder
	b.Grow(len(md) + len(ins))
	last := 0
	for _, in := range ins {
		b.WriteString(md[last:in.at])
		b.WriteString(in.s)
		last = in.at
	}
	b.WriteString(md[last:])
	return b.String()
}

// breaksDelimiter reports whether brackets around md[start:end] would stop
// a delimiter run next to it from opening or closing: in "낮~~a@b.kr~~" the
// ~~ opens because a letter follows it, but before "<" it would need a
// space or punctuation in front of it, and Korean has a syllable there.
func breaksDelimiter(md string, start, end int) bool {
	isDelim := func(c byte) bool { return c == '~' || c == '*' || c == '_' }
	i := start
	for i > 0 && isDelim(md[i-1]) {
		i--
	}
	if i < start {
		before := rune(' ')
		if i > 0 {
			before, _ = utf8.DecodeLastRuneInString(md[:i])
		}
		if !isSpaceOrPunct(before) {
			return true
		}
	}
	j := end
	for j < len(md) && isDelim(md[j]) {
		j++
	}
	if j > end {
		after := rune(' ')
		if j < len(md) {
			after, _ = utf8.DecodeRuneInString(md[j:])
		}
		if !isSpaceOrPunct(after) {
			return true
		}
	}
	return false
}

// needsHTMLPass reports whether a parsed post holds raw HTML or a link
// that is not safe to keep.
func needsHTMLPass(doc gast.Node, src []byte) bool {
	found := false
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gast.HTMLBlock:
			// sokbo writes listSeparator between two lists.
			found = !isListSeparator(n, src)
		case *gast.RawHTML:
			// A <br> in a table cell is how GFM breaks a line there,
			// and how sokbo writes one, as it writes a rowspan
			// (rowSpanMark): the post stays as it is.
			found = !isCellBreak(n, src) && !isSpanMark(n, src)
		case *gast.Link:
			found = !clean.URLOK(string(n.Destination), clean.Link)
		case *gast.Image:
			found = !clean.URLOK(string(n.Destination), clean.Media)
		case *gast.AutoLink:
			found = n.AutoLinkType == gast.AutoLinkURL && !clean.URLOK(string(n.URL(src)), clean.Link)
		}
		if found {
			return gast.WalkStop, nil
		}
		return gast.WalkContinue, nil
	})
	return found
}

// isListSeparator reports whether n is listSeparator, alone on its line
// between two lists.
func isListSeparator(n *gast.HTMLBlock, src []byte) bool {
	raw := n.Lines().Value(src)
	if n.HasClosure() {
		raw = append(raw, n.ClosureLine.Value(src)...)
	}
	_, before := n.PreviousSibling().(*gast.List)
	_, after := n.NextSibling().(*gast.List)
	return before && after && string(bytes.TrimSpace(raw)) == listSeparator
}

// isCellBreak reports whether n is a <br> tag in a table cell.
func isCellBreak(n *gast.RawHTML, src []byte) bool {
	tag := strings.ToLower(strings.ReplaceAll(rawText(n, src), " ", ""))
	return (tag == "<br>" || tag == "<br/>") && inTableCell(n)
}

// isSpanMark reports whether n is rowSpanMark, alone in a table cell.
func isSpanMark(n *gast.RawHTML, src []byte) bool {
	p := n.Parent()
	return rawText(n, src) == rowSpanMark && p != nil && p.Kind() == east.KindTableCell &&
		p.FirstChild() == gast.Node(n) && p.LastChild() == gast.Node(n)
}

// rawText is the source text of a raw HTML node.
func rawText(n *gast.RawHTML, src []byte) string {
	var raw []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		raw = append(raw, seg.Value(src)...)
	}
	return string(raw)
}

// inTableCell reports whether n stands in a table cell.
func inTableCell(n gast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == east.KindTableCell {
			return true
		}
	}
	return false
}

// Limits on how deep Markdown may nest, applied to every body sokbo
// writes. goldmark and glamour handle nesting recursively and, for
// containers opened on one line, in time that grows with the square of
// the depth: a line of 50,000 "- " took minutes, 3,000 list levels over as
// many lines more than 20 s, and 100,000 "*" around a word, or 60,000
// "*a " before it, overflowed the stack, which no recover catches. Real
// articles nest a few levels.
const (
	// maxMarkdownNesting caps the block quote and list markers that open
	// containers at the start of one line.
	maxMarkdownNesting = 32
	// maxIndent caps the white space, in columns, at the start of a line
	// and between its markers: list items nest by indenting.
	maxIndent = 64
	// maxDelimiterRun caps a run of emphasis and strikethrough delimiters
	// (*, _, ~).
	maxDelimiterRun = 64
	// maxDelimiters caps the delimiters of one block (the lines between
	// two blank lines): each can open a level of emphasis. Those past it
	// are escaped, so they show as themselves.
	maxDelimiters = 4096
)

// limitNesting cuts what would nest Markdown deeper than the limits
// above, everywhere, code included: whether a line is code depends on the
// lines around it, and a guess that differs from the parser's would let
// the rest through. Markers past the 32nd at the start of a line and
// indentation past 64 columns are dropped, runs of more than 64
// delimiters are cut, and a block's delimiters past the 4,096th are
// escaped. Words are never dropped; only pathological input changes.
func limitNesting(md string) string {
	var b strings.Builder
	changed := false
	delims := 0 // delimiters in the current block
	start := 0
	for start < len(md) {
		end := strings.IndexByte(md[start:], '\n')
		if end < 0 {
			end = len(md)
		} else {
			end += start + 1
		}
		line := md[start:end]
		if strings.TrimSpace(line) == "" {
			delims = 0
		}
		out, ok := limitLine(line, &delims)
		if !ok && !changed {
			b.Grow(len(md))
			b.WriteString(md[:start])
			changed = true
		}
		if changed {
			b.WriteString(out)
		}
		start = end
	}
	if !changed {
		return md
	}
	return b.String()
}

// limitLine applies the limits to one line; ok reports that it needed no
// change, and then out is line itself.
func limitLine(line string, delims *int) (out string, ok bool) {
	prefixEnd, prefix := limitPrefix(line)
	rest := line[prefixEnd:]
	// Delimiters: is there anything to cut or escape?
	need := prefix != line[:prefixEnd]
	run := 0
	n := *delims
	for i := 0; i < len(rest) && !need; i++ {
		switch rest[i] {
		case '*', '_', '~':
			if i > 0 && rest[i-1] == '\\' {
				run = 0 // escaped: text, not a delimiter
				continue
			}
			run++
			n++
			if run > maxDelimiterRun || n > maxDelimiters {
				need = true
			}
		default:
			run = 0
		}
	}
	if !need {
		*delims = n
		return line, true
	}
	var b strings.Builder
	b.Grow(len(line) + 16)
	b.WriteString(prefix)
	run = 0
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch c {
		case '*', '_', '~':
			if i > 0 && rest[i-1] == '\\' {
				run = 0
				break
			}
			run++
			if run > maxDelimiterRun {
				continue
			}
			*delims++
			if *delims > maxDelimiters {
				b.WriteByte('\\')
			}
		default:
			run = 0
		}
		b.WriteByte(c)
	}
	return b.String(), false
}

// limitPrefix reads the container prefix of a line: white space, block
// quote markers (>) and list markers (-, +, * or a number with . or ),
// followed by white space). It returns where the prefix ends and the
// prefix to write instead: at most maxMarkdownNesting markers, and at most
// maxIndent columns of white space, each kept marker still followed by a
// space where it was. Within the limits the prefix comes back as it was.
func limitPrefix(line string) (end int, prefix string) {
	var b strings.Builder
	changed := false
	i, markers, cols := 0, 0, 0
	for {
		// White space before the next marker or the content.
		j, w := i, 0
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			if line[j] == '\t' {
				w += 4
			} else {
				w++
			}
			j++
		}
		keep := w
		if cols+w > maxIndent {
			keep = max(maxIndent-cols, min(w, 1))
			changed = true
		}
		cols += keep
		m := markerEnd(line, j)
		if m < 0 {
			if keep == w {
				b.WriteString(line[i:j])
			} else {
				b.WriteString(strings.Repeat(" ", keep))
			}
			if !changed {
				return j, line[:j]
			}
			return j, b.String()
		}
		markers++
		if markers > maxMarkdownNesting {
			changed = true
			i = m
			continue
		}
		if keep == w {
			b.WriteString(line[i:j])
		} else {
			b.WriteString(strings.Repeat(" ", keep))
		}
		b.WriteString(line[j:m])
		i = m
	}
}

// markerEnd returns where the container marker at line[i:] ends, or -1
// when none starts there.
func markerEnd(line string, i int) int {
	if i >= len(line) {
		return -1
	}
	switch c := line[i]; {
	case c == '>':
		return i + 1
	case c == '-' || c == '+' || c == '*':
		if i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t') {
			return i + 1
		}
		return -1
	}
	j := i
	for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
		j++
	}
	if j == i || j+1 >= len(line) || line[j] != '.' && line[j] != ')' || line[j+1] != ' ' && line[j+1] != '\t' {
		return -1
	}
	return j + 1
}
