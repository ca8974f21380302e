package feed

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// postMarkdown reads the Markdown of posts as GitHub does. Its renderer
// keeps raw HTML, which htmlToMarkdown then cleans like any feed's HTML.
// A goldmark.Markdown is safe for concurrent use.
var postMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

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

// needsHTMLPass reports whether a parsed post holds raw HTML or a link
// that is not safe to keep.
func needsHTMLPass(doc gast.Node, src []byte) bool {
	found := false
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gast.HTMLBlock, *gast.RawHTML:
			found = true
		case *gast.Link:
			found = !safeURL(string(n.Destination), true)
		case *gast.Image:
			found = !safeURL(string(n.Destination), false)
		case *gast.AutoLink:
			found = n.AutoLinkType == gast.AutoLinkURL && !safeURL(string(n.URL(src)), true)
		}
		if found {
			return gast.WalkStop, nil
		}
		return gast.WalkContinue, nil
	})
	return found
}

// Limits on how deep Markdown may nest, applied to every body sokbo
// writes. goldmark and glamour
// handle nesting recursively and, for containers opened on one line, in
// time that grows with the square of the depth: a line of 50,000 "- "
// took minutes, and 100,000 "*" around a word overflowed the stack, which
// no recover catches. Real posts nest a few levels.
const (
	// maxMarkdownNesting caps the block quote and list markers that open
	// containers at the start of one line.
	maxMarkdownNesting = 32
	// maxDelimiterRun caps a run of emphasis and strikethrough delimiters
	// (*, _, ~), each pair of which can open a level.
	maxDelimiterRun = 64
	// maxIndent caps a line's indentation, in columns: list items nest by
	// indenting two or more columns a level, and 3,000 levels over as
	// many lines took more than 20 s.
	maxIndent = 64
)

// limitNesting cuts what would nest a Markdown post deeper than the
// limits above: markers past the 32nd at the start of a line are dropped,
// and a run of more than 64 delimiters is cut to 64. Fenced code is left
// alone. Text is never dropped.
func limitNesting(md string) string {
	if !needsNestingLimit(md) {
		return md
	}
	var b strings.Builder
	b.Grow(len(md))
	var fence string // the open code fence, or ""
	for line := range strings.SplitAfterSeq(md, "\n") {
		if f := lineFence(line); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence[:1]) && len(f) >= len(fence):
				fence = ""
			}
			b.WriteString(line)
			continue
		}
		if fence != "" {
			b.WriteString(line)
			continue
		}
		if cut, end := containerCut(line); cut < end {
			line = line[:cut] + line[end:]
		}
		if i := indentCut(line); i > 0 {
			line = strings.Repeat(" ", maxIndent) + line[i:]
		}
		writeDelimiterRuns(&b, line)
	}
	return b.String()
}

// needsNestingLimit reports, cheaply, whether limitNesting could change
// md: a run of delimiters longer than the limit, or a line that starts
// with more markers than the limit allows.
func needsNestingLimit(md string) bool {
	run := 0
	for i := 0; i < len(md); i++ {
		switch md[i] {
		case '*', '_', '~':
			run++
			if run > maxDelimiterRun {
				return true
			}
			continue
		}
		run = 0
	}
	for line := range strings.SplitSeq(md, "\n") {
		if cut, end := containerCut(line); cut < end || indentCut(line) > 0 {
			return true
		}
	}
	return false
}

// indentCut returns where the indentation of a line indented more than
// maxIndent columns ends (a tab counts four), or 0.
func indentCut(line string) int {
	col := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4
		default:
			if col > maxIndent {
				return i
			}
			return 0
		}
	}
	return 0
}

// lineFence returns the fence a line opens or closes (``` or ~~~, three
// or more, after at most three spaces), or "".
func lineFence(line string) string {
	s := strings.TrimLeft(line, " ")
	if len(line)-len(s) > 3 {
		return ""
	}
	return fenceOf(s)
}

// containerCut finds the markers that open containers at the start of
// line: block quote markers (>) and list markers (-, +, * or a number with
// . or ) and a space). cut is where the marker after the limit starts and
// end where the last marker ends; cut == end when the line is within the
// limit.
func containerCut(line string) (cut, end int) {
	i, n := 0, 0
	cut = -1
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		start := i
		switch {
		case i < len(line) && line[i] == '>':
			i++
		case i+1 < len(line) && (line[i] == '-' || line[i] == '+' || line[i] == '*') && (line[i+1] == ' ' || line[i+1] == '\t'):
			i++
		default:
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == i || j+1 >= len(line) || line[j] != '.' && line[j] != ')' || line[j+1] != ' ' && line[j+1] != '\t' {
				if cut < 0 {
					return start, start
				}
				return cut, start
			}
			i = j + 1
		}
		n++
		if n == maxMarkdownNesting+1 {
			cut = start
		}
	}
}

// writeDelimiterRuns writes line with every run of *, _ and ~ longer than
// maxDelimiterRun cut to that length.
func writeDelimiterRuns(b *strings.Builder, line string) {
	run := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '*' || c == '_' || c == '~' {
			run++
			if run > maxDelimiterRun {
				continue
			}
		} else {
			run = 0
		}
		b.WriteByte(c)
	}
}
