package convert

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/JohannesKaufmann/dom"
	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/marker"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/feed/clean"
)

// html-to-markdown writes every list with a blank line before it, a list
// nested in an item too ("1. 첫째\n\n   1. 하위 가"), which makes the item,
// and so its whole list, loose; and it writes two lists in a row as one
// ("3. 셋째\n4. 넷째\n\n1. 하나" is one list, 3 to 5, in every CommonMark
// renderer). renderList writes lists as the source has them: a list
// nested after an item's text on the next line, so that a tight list
// stays tight, and listSeparator between two lists of one kind, so that
// each keeps its own numbers.

// listSeparator stands between two lists that would otherwise be read as
// one: an HTML comment, which CommonMark reads as a block of its own and
// GFM renderers show as nothing.
const listSeparator = "<!-- -->"

// delimAttr carries a Markdown post's ordered list delimiter, ")" as in
// "1) 괄호", through the HTML that posts with raw HTML are converted from
// (see markPostDelims): HTML has no delimiter, and a list of "1)" right
// after one of "1." is a list of its own in CommonMark.
const delimAttr = "data-sokbo-delim"

// renderList renders an <ol> or <ul> as html-to-markdown does (each item
// indented under its marker, numbers padded to one width), but for what
// is said above and an ordered list's delimiter kept (delimAttr).
func renderList(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	if n.DataAtom != atom.Ol && n.DataAtom != atom.Ul {
		return converter.RenderTryNext
	}
	var items [][]byte
	for _, child := range dom.AllChildNodes(n) {
		var buf bytes.Buffer
		ctx.RenderNodes(ctx, &buf, child)
		if content := bytes.TrimSpace(buf.Bytes()); len(content) > 0 {
			items = append(items, content)
		}
	}
	if len(items) == 0 {
		return converter.RenderSuccess
	}
	prefix := listPrefix(n, len(items))
	indent := bytes.Repeat([]byte(" "), utf8.RuneCountInString(prefix(0)))
	if nestedTight(n) {
		w.WriteString("\n")
	} else {
		w.WriteString("\n\n")
	}
	for i, item := range items {
		w.WriteString(prefix(i))
		item = trimHardBreaks(squeezeNewlines(item))
		item = ctx.UnEscapeContent(item)
		// Every line after the first stands under the item's text, the
		// lines of a code block in it too.
		codeNewline := append(append([]byte(nil), marker.BytesMarkerCodeBlockNewline...), indent...)
		for k, line := range bytes.Split(item, []byte("\n")) {
			if k > 0 {
				w.WriteByte('\n')
				w.Write(indent)
			}
			w.Write(bytes.ReplaceAll(line, marker.BytesMarkerCodeBlockNewline, codeNewline))
		}
		if i < len(items)-1 {
			w.WriteByte('\n')
		}
	}
	w.WriteString("\n\n")
	if continuedBy(n) {
		w.WriteString(listSeparator + "\n\n")
	}
	return converter.RenderSuccess
}

// listPrefix returns the marker of list n's item i: "- ", or its number
// (from the start attribute, padded to the width of the last) and
// delimiter.
func listPrefix(n *html.Node, count int) func(int) string {
	if n.DataAtom == atom.Ul {
		return func(int) string { return "- " }
	}
	start := listStart(n)
	delim := listDelim(n)
	width := len(strconv.Itoa(start + count - 1))
	return func(i int) string {
		return fmt.Sprintf("%0*d%s ", width, start+i, delim)
	}
}

// listStart is where ordered list n starts counting; anything unreadable
// is 1, as in html-to-markdown.
func listStart(n *html.Node) int {
	start, err := strconv.Atoi(dom.GetAttributeOr(n, "start", "1"))
	if err != nil {
		return 1
	}
	return start
}

// listDelim is the delimiter of ordered list n's numbers.
func listDelim(n *html.Node) string {
	if dom.GetAttributeOr(n, delimAttr, ".") == ")" {
		return ")"
	}
	return "."
}

// nestedTight reports whether list n stands in a list item after nothing
// but the item's inline text, and can follow it on the next line: a
// bullet list, or an ordered list that starts at 1 (CommonMark lets no
// other list interrupt a paragraph; "3." there would be read as text).
func nestedTight(n *html.Node) bool {
	if n.Parent == nil || n.Parent.DataAtom != atom.Li {
		return false
	}
	if n.DataAtom == atom.Ol && listStart(n) != 1 {
		return false
	}
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if holdsBlockTag(c) {
			return false
		}
	}
	return true
}

// holdsBlockTag reports whether n is or holds a block element. Depth is
// bounded by prepareDOM (MaxDepth), so the recursion is safe.
func holdsBlockTag(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if clean.IsBlockTag(n.DataAtom) || n.DataAtom == atom.Br {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if holdsBlockTag(c) {
			return true
		}
	}
	return false
}

// continuedBy reports whether the next thing written after list n is a
// list that a Markdown parser would read as part of n: a list of the same
// kind (and delimiter) with nothing but elements between them, as
// html-to-markdown's own list end comment looks for one. A list nested
// in n's items is no such list, nor one in another item of n's parent.
func continuedBy(n *html.Node) bool {
	for c := dom.GetNextNeighborNodeExcludingOwnChild(n); c != nil; c = dom.GetNextNeighborNode(c) {
		switch {
		case c.Type == html.TextNode, c.DataAtom == atom.Li, c.DataAtom == atom.Hr:
			return false
		case c.DataAtom == atom.Ul || c.DataAtom == atom.Ol:
			return c.DataAtom == n.DataAtom && (n.DataAtom == atom.Ul || listDelim(c) == listDelim(n))
		}
	}
	return false
}

// squeezeNewlines cuts every run of more than two newlines (with only
// spaces among them) to two: the spaces before a newline it drops go with
// it.
func squeezeNewlines(b []byte) []byte {
	out := make([]byte, 0, len(b))
	newlines, spaces := 0, 0 // spaces: held back since the last other byte
	for _, c := range b {
		switch c {
		case ' ':
			spaces++
			continue
		case '\n':
			newlines++
			if newlines > 2 {
				spaces = 0
				continue
			}
		default:
			newlines = 0
		}
		out = append(out, bytes.Repeat([]byte(" "), spaces)...)
		spaces = 0
		out = append(out, c)
	}
	return append(out, bytes.Repeat([]byte(" "), spaces)...)
}

// trimHardBreaks drops the hard line break before a blank line, which
// breaks nothing there.
func trimHardBreaks(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("  \n\n"), []byte("\n\n"))
	b = bytes.ReplaceAll(b, []byte("  \n  \n"), []byte("\n\n"))
	return bytes.ReplaceAll(b, []byte("  \n \n"), []byte("\n\n"))
}
