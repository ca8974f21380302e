package convert

import (
	"bytes"
	"slices"
	"unicode"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/feed/clean"
)

// The flanking rules above predict how a Markdown parser pairs the
// delimiters sokbo writes, but CommonMark's pairing (delimiter runs that
// both open and close, the rule of three, the order closers look back in)
// is more than a prediction of each delimiter's flanking can cover:
// <b><b><b><i>앞</i><i>24~31℃</i><span></span></b>앞</b></b> was written
// "***앞24\~31℃*앞**", shown with a stray "**". verifyEmphasis asks the
// parser itself. Each run of inline content holding emphasis is written
// on its own, read back with goldmark (as glamour reads it), and compared
// with the source character by character: the same text, and no
// character with markup the source does not give it. A run that reads
// differently loses, in turn, the emphasis the rules were in doubt about
// (as the rules alone would have it), the emphasis whose delimiters
// stand where the reading first goes wrong, and at last all its
// emphasis. Losing emphasis shows the words plain; a stray delimiter
// shows the reader a character the article never had.

// maxVerifyTries bounds the targeted unwrapping of one run before all its
// emphasis goes; each try writes and reads the run once more.
const maxVerifyTries = 4

// styledRune is a character that is not white space and the emphasis it
// is shown with.
type styledRune struct {
	r                    rune
	bold, italic, strike bool
}

// within reports whether s shows no markup that want does not have.
func (s styledRune) within(want styledRune) bool {
	return s.r == want.r && (!s.bold || want.bold) && (!s.italic || want.italic) && (!s.strike || want.strike)
}

// inlineRun is consecutive inline children of parent, between the block
// children (or ends) before and after; unwrapping inside it keeps those.
type inlineRun struct {
	parent, before, after *html.Node
}

func (r inlineRun) nodes() []*html.Node {
	var out []*html.Node
	c := r.parent.FirstChild
	if r.before != nil {
		c = r.before.NextSibling
	}
	for ; c != nil && c != r.after; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}

// verifyEmphasis is the last step of fixFlanking: see above. doubtful
// holds the emphasis the rules kept though they could not tell how it
// pairs.
func verifyEmphasis(ctx converter.Context, doc *html.Node, doubtful map[*html.Node]bool) {
	holdsBlock := map[*html.Node]bool{}
	holdsEm := map[*html.Node]bool{}
	var mark func(n *html.Node) (block, em bool)
	mark = func(n *html.Node) (block, em bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b, e := mark(c)
			block, em = block || b, em || e
		}
		holdsBlock[n], holdsEm[n] = block, em
		return block || isBlockLike(n), em || isEmphasis(n)
	}
	// Depth is bounded by prepareDOM (MaxDepth), so recursion is safe.
	mark(doc)
	var runs []inlineRun
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		run, em := inlineRun{parent: n}, false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !isBlockLike(c) && !holdsBlock[c] {
				em = em || isEmphasis(c) || holdsEm[c]
				continue
			}
			if em {
				run.after = c
				runs = append(runs, run)
			}
			run, em = inlineRun{parent: n, before: c}, false
			if holdsEm[c] && c.DataAtom != atom.Pre {
				collect(c)
			}
		}
		if em {
			runs = append(runs, run)
		}
	}
	collect(doc)
	for _, r := range runs {
		verifyRun(ctx, r, doubtful)
	}
}

// isBlockLike reports whether n is written as a block of its own.
func isBlockLike(n *html.Node) bool {
	return n.Type == html.ElementNode && (clean.IsBlockTag(n.DataAtom) || isCell(n))
}

// verifyRun writes run r, reads it back and unwraps emphasis in it until
// it reads as the source does.
func verifyRun(ctx converter.Context, r inlineRun, doubtful map[*html.Node]bool) {
	if plainRun(r.nodes(), doubtful) {
		return
	}
	for try := 0; ; try++ {
		nodes := r.nodes()
		want, edges := sourceRunes(nodes)
		if len(edges) == 0 {
			return
		}
		var buf bytes.Buffer
		ctx.RenderNodes(ctx, &buf, nodes...)
		md := writeTildeMarks(ctx, ctx.UnEscapeContent(buf.Bytes()))
		got := shownRunes(md)
		bad := firstDifference(got, want)
		if bad < 0 {
			return
		}
		var culprits []*html.Node
		switch {
		case try == 0 && slices.ContainsFunc(edges, func(e emphasisEdge) bool { return doubtful[e.n] }):
			// The rules alone, which unwrap what they doubt one at a
			// time, judging what is left again.
			refix(edges)
			continue
		case try < maxVerifyTries:
			for _, e := range edges {
				if e.start == bad || e.end == bad {
					culprits = append(culprits, e.n)
				}
			}
		}
		if len(culprits) == 0 {
			for _, e := range edges {
				culprits = append(culprits, e.n)
			}
		}
		for _, n := range culprits {
			if n.Parent != nil {
				unwrap(n)
			}
		}
		if len(culprits) == len(edges) {
			return // all of it plain text now
		}
	}
}

// refix runs fixFlanking's rounds again over the emphasis of edges,
// ambiguous emphasis now unwrapped as the rules alone would.
func refix(edges []emphasisEdge) {
	for range maxFlankingRounds {
		changed := false
		// Inner emphasis first, as in fixFlanking.
		for i := len(edges) - 1; i >= 0; i-- {
			if n := edges[i].n; n.Parent != nil && fixEmphasis(n, nil) {
				changed = true
			}
		}
		for i := len(edges) - 1; i >= 0; i-- {
			changed = mergeNext(edges[i].n) || changed
		}
		if !changed {
			return
		}
	}
}

// emphasisEdge is an emphasis element and where, among the characters of
// its run, its text starts and ends.
type emphasisEdge struct {
	n          *html.Node
	start, end int
}

// sourceRunes is the text of nodes as the source shows it, and where each
// emphasis in them starts and ends.
func sourceRunes(nodes []*html.Node) ([]styledRune, []emphasisEdge) {
	var out []styledRune
	var edges []emphasisEdge
	var walk func(n *html.Node, s styledRune)
	walk = func(n *html.Node, s styledRune) {
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if string(r) == tildeMark {
					r = '~'
				}
				if !unicode.IsSpace(r) {
					s.r = r
					out = append(out, s)
				}
			}
			return
		case html.ElementNode:
		default:
			return
		}
		switch n.DataAtom {
		case atom.B, atom.Strong:
			s.bold = true
		case atom.I, atom.Em:
			s.italic = true
		case atom.Del, atom.S, atom.Strike:
			s.strike = true
		}
		i := len(edges)
		if isEmphasis(n) {
			edges = append(edges, emphasisEdge{n: n, start: len(out)})
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, s)
		}
		if isEmphasis(n) {
			edges[i].end = len(out)
		}
	}
	for _, n := range nodes {
		walk(n, styledRune{})
	}
	return out, edges
}

// shownRunes is the text of Markdown md as goldmark reads it (the parser
// glamour uses), with the emphasis each character is shown with.
func shownRunes(md []byte) []styledRune {
	doc := postMarkdown.Parser().Parse(text.NewReader(md))
	var out []styledRune
	add := func(v []byte, s styledRune) {
		for _, r := range string(v) {
			if !unicode.IsSpace(r) {
				s.r = r
				out = append(out, s)
			}
		}
	}
	var walk func(n gast.Node, s styledRune)
	walk = func(n gast.Node, s styledRune) {
		switch n := n.(type) {
		case *gast.Text:
			v := n.Segment.Value(md)
			if _, code := n.Parent().(*gast.CodeSpan); !code && !n.IsRaw() {
				v = clean.MarkdownText(v)
			}
			add(v, s)
			return
		case *gast.String:
			add(n.Value, s)
			return
		case *gast.AutoLink:
			add(n.Label(md), s)
			return
		case *gast.Image, *gast.RawHTML:
			return
		case *gast.Emphasis:
			if n.Level >= 2 {
				s.bold = true
			} else {
				s.italic = true
			}
		case *east.Strikethrough:
			s.strike = true
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, s)
		}
	}
	walk(doc, styledRune{})
	return out
}

// firstDifference is the index of the first character of got that is
// not want's or shows markup want's does not have, or -1.
func firstDifference(got, want []styledRune) int {
	for i := range min(len(got), len(want)) {
		if !got[i].within(want[i]) {
			return i
		}
	}
	if len(got) != len(want) {
		return min(len(got), len(want))
	}
	return -1
}

// plainRun reports whether the emphasis in nodes can only pair as meant,
// which spares most articles the second writing and reading: each holds
// only text, starts and ends inside with a letter or digit (so its
// delimiters open and close, whatever is outside), and has no markup
// right next to it. Its delimiters then close one another in order, each
// opener's run consumed by its closer, and a delimiter between two
// letters finds no opener left to close.
func plainRun(nodes []*html.Node, doubtful map[*html.Node]bool) bool {
	var ok func(n *html.Node) bool
	ok = func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if isEmphasis(n) {
			if doubtful[n] || !onlyText(n) || !plainEdge(innerEdge(n, true)) || !plainEdge(innerEdge(n, false)) {
				return false
			}
			// Other markup right outside (emphasis, a link, code, through
			// spans) writes its delimiters into the same run or next to
			// it: "*앞**앞*". outerEdge gives it as edgePunct, as it gives
			// a "!", which is verified too.
			// Nor the delimiter's own character, which goldmark may join
			// to its run though escaped ("\~~~앞~~").
			d := rune(delimiterOf(n)[0])
			for _, r := range []rune{outerEdge(n, true), outerEdge(n, false)} {
				if r == edgePunct || r == d || string(r) == tildeMark {
					return false
				}
			}
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !ok(c) {
				return false
			}
		}
		return true
	}
	for _, n := range nodes {
		if !ok(n) {
			return false
		}
	}
	return true
}

// onlyText reports whether n holds nothing but text, directly or in
// wrappers that write nothing of their own.
func onlyText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode, c.Type == html.CommentNode:
		case transparent(c) && onlyText(c):
		default:
			return false
		}
	}
	return true
}

// plainEdge reports whether a delimiter next to r, inside the emphasis,
// opens or closes whatever stands outside it. A tildeMark is written
// "&#126;", which ends in punctuation.
func plainEdge(r rune) bool {
	return !unicode.IsSpace(r) && !isMarkdownPunct(r) && string(r) != tildeMark
}
