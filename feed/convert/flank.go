package convert

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/feed/clean"
)

// Emphasis next to Korean text. CommonMark lets ** (and GFM's ~~) close
// only where it is "right-flanking": after punctuation, the next character
// must be a space or punctuation too. Korean attaches particles straight
// to a word, so <b>“속보”</b>에 and <b>24~31℃</b>이다 became **“속보”**에
// and **24\~31℃**이다, which every renderer shows with the asterisks as
// text. fixFlanking makes each delimiter one that works: punctuation at
// the edge of an emphasis moves out of it (**“속보”**에 → “**속보**”에,
// the marks plain), and an emphasis that still cannot open or close is
// unwrapped, its text kept. Where these rules cannot tell how a parser
// pairs the delimiters, the parser is asked (verifyEmphasis). Emphasis is
// presentation; the words are what the source says.

// isEmphasis reports whether n is written with delimiters that must flank
// the text they wrap: ** or * (b, strong, i, em) and ~~ (del, s, strike).
func isEmphasis(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.B, atom.Strong, atom.I, atom.Em, atom.Del, atom.S, atom.Strike:
		return true
	}
	return false
}

// isMarkdownPunct is punctuation as CommonMark and goldmark read it for
// flanking: Unicode P and S categories, so ℃, ㎜ and ~ count.
func isMarkdownPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// Stand-ins for what sits next to a delimiter when that is not text.
const (
	edgeSpace = ' ' // a line break, the edge of a block, white space
	edgePunct = '!' // a delimiter or bracket of other markup
)

// fixFlanking is a pre-render step of the HTML converter: see above. It
// runs after html-to-markdown has collapsed white space, innermost
// emphasis first. Unwrapping one emphasis puts text where a delimiter
// stood next to its neighbours and the emphasis around it, so the pass
// repeats until nothing changes; each round that changes anything removes
// an element or moves punctuation out of one, so it ends. What the rounds
// leave, verifyEmphasis then reads back with goldmark.
func fixFlanking(ctx converter.Context, doc *html.Node) {
	dropEmptyCode(doc)
	list, codes := emphasisNodes(doc)
	doubtful := map[*html.Node]bool{}
	for range maxFlankingRounds {
		changed := false
		for _, n := range list {
			if n.Parent != nil && fixEmphasis(n, doubtful) {
				changed = true
			}
		}
		for _, n := range list {
			changed = mergeNext(n) || changed
		}
		if !changed {
			break
		}
	}
	mergeCodes(codes)
	for _, n := range list {
		if n.Parent != nil && delimiterOf(n) == "~~" {
			markTildeBefore(edgeText(writtenBefore(n)))
			markTildesIn(n)
		}
	}
	verifyEmphasis(ctx, doc, doubtful)
	// Unwrapping emphasis can leave code next to code.
	mergeCodes(codes)
}

// mergeCodes joins to each code element in codes the code written right
// after it, through spans and other wrappers that write nothing: two code
// spans side by side read as one, the backticks between them in it, and
// no unwrapping of emphasis keeps them apart.
func mergeCodes(codes []*html.Node) {
	for _, n := range codes {
		if n.Parent == nil {
			continue
		}
		for {
			next := codeAfter(n)
			if next == nil {
				break
			}
			absorb(n, next)
		}
	}
}

// codeAfter is the code element written right after code element n, with
// only wrappers that write nothing between them, or nil.
func codeAfter(n *html.Node) *html.Node {
	if delimiterOf(n) != "`" {
		return nil
	}
	cur := n
	for {
		// Past cur, out of the wrappers it ends,
		for cur.NextSibling == nil {
			if !transparent(cur.Parent) {
				return nil
			}
			cur = cur.Parent
		}
		cur = cur.NextSibling
		// and into those the next thing starts.
		for transparent(cur) && cur.FirstChild != nil {
			cur = cur.FirstChild
		}
		switch {
		case cur.Type == html.CommentNode, cur.Type == html.TextNode && cur.Data == "", transparent(cur):
			continue // writes nothing
		case cur.Type == html.ElementNode && delimiterOf(cur) == "`":
			return cur
		}
		return nil
	}
}

// dropEmptyWrappers removes the spans and other wrappers that hold
// nothing (<span></span>, <font><span></span></font>), before the
// conversion: one between a delimiter and the text would be taken for the
// edge of a block, and the delimiter's flanking judged by what is not
// there, and html-to-markdown no longer sees that <b><span></span><a>…</a></b>
// is a link in bold.
func dropEmptyWrappers(doc *html.Node) {
	var empty []*html.Node
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) (writes bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				writes = true
			}
		}
		switch n.Type {
		case html.TextNode:
			return n.Data != ""
		case html.ElementNode:
			if !transparent(n) {
				return true
			}
			if !writes {
				empty = append(empty, n)
			}
		}
		return writes
	}
	// Depth is bounded by prepareDOM (MaxDepth), so recursion is safe.
	walk(doc)
	for _, n := range empty {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// dropEmptyCode removes the inline code elements that hold no text
// (<tt></tt>, <code><b></b></code>): they would be written as an empty
// code span, "“", which a Markdown renderer shows as two backticks the
// article never had.
func dropEmptyCode(doc *html.Node) {
	var empty []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && n.Parent != nil && isInlineCode(n) && !holdsText(n) {
			empty = append(empty, n)
		}
	}
	// Depth is bounded by prepareDOM (MaxDepth), so recursion is safe.
	walk(doc)
	for _, n := range empty {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// isInlineCode reports whether n is written as a code span.
func isInlineCode(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Code, atom.Tt, atom.Kbd, atom.Samp:
		return n.Parent == nil || n.Parent.DataAtom != atom.Pre
	}
	return false
}

// holdsText reports whether any text is inside n.
func holdsText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && c.Data != "" || holdsText(c) {
			return true
		}
	}
	return false
}

// maxFlankingRounds bounds fixFlanking's rounds for a hostile article;
// real ones settle in two.
const maxFlankingRounds = 16

// emphasisNodes lists the emphasis and inline code elements of the tree,
// children before their parents.
func emphasisNodes(doc *html.Node) (list, codes []*html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if isEmphasis(n) {
			list = append(list, n)
		} else if n.Type == html.ElementNode && n.DataAtom == atom.Code {
			codes = append(codes, n)
		}
	}
	// Depth is bounded by prepareDOM (MaxDepth), so recursion is safe.
	walk(doc)
	return list, codes
}

// edgeText returns the text node whose last character is written just
// before what follows n: n itself, or the last text inside it when n is a
// span or another plain wrapper.
func edgeText(n *html.Node) *html.Node {
	for n != nil {
		switch {
		case n.Type == html.TextNode:
			return n
		case n.Type == html.ElementNode && elementEdge(n, false) != edgePunct && n.DataAtom != atom.Br &&
			!clean.IsBlockTag(n.DataAtom) && !isCell(n):
			n = n.LastChild
			continue
		}
		return nil
	}
	return nil
}

// writtenBefore is what is written just before n: its previous sibling,
// or, at the start of a span or another wrapper that writes nothing of its
// own, what is before the wrapper.
func writtenBefore(n *html.Node) *html.Node {
	for {
		prev := nextWritten(n, true)
		if prev != nil || !transparent(n.Parent) {
			return prev
		}
		n = n.Parent
	}
}

// markTildesIn marks the tilde at the end of every text inside a struck
// element n: html-to-markdown closes and reopens the delimiters at each
// line break inside it, so any text there may end right before a
// delimiter. A mark where none was needed is still a tilde.
func markTildesIn(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			markTildeBefore(c)
		case html.ElementNode:
			if c.DataAtom != atom.Code && c.DataAtom != atom.Pre && c.DataAtom != atom.A {
				markTildesIn(c)
			}
		}
	}
}

// tildeMark stands, in the converter's text, for a tilde right before a
// ~~ delimiter: goldmark joins an escaped "\~" to the run after it, so
// <del>~</del> written "~~\~~~" was never struck and showed five tildes.
// writeTildeMarks writes it as &#126;, which no parser takes for a
// delimiter. The mark is a C0 control, which clean.Sanitize keeps out of
// every text, so it cannot come from the article.
const tildeMark = "\x1a"

// markTildeBefore replaces the tilde that ends text node n, if any, by
// tildeMark. White space after it is moved past the delimiter by
// html-to-markdown, so it does not keep them apart.
func markTildeBefore(n *html.Node) {
	if n == nil {
		return
	}
	text := strings.TrimRightFunc(n.Data, unicode.IsSpace)
	if strings.HasSuffix(text, "~") {
		n.Data = text[:len(text)-1] + tildeMark + n.Data[len(text):]
	}
}

// writeTildeMarks is a post-render step of the HTML converter: see
// tildeMark.
func writeTildeMarks(_ converter.Context, md []byte) []byte {
	return bytes.ReplaceAll(md, []byte(tildeMark), []byte("&#126;"))
}

// fixEmphasis makes n's delimiters open and close, or unwraps n. It
// reports whether it changed anything. Emphasis whose delimiters could
// pair otherwise than meant (ambiguous) is kept and put in doubtful, for
// verifyEmphasis to judge with the parser itself; with no doubtful, it
// is unwrapped.
func fixEmphasis(n *html.Node, doubtful map[*html.Node]bool) bool {
	if n.FirstChild == nil {
		// Empty, or emptied by moving its punctuation out: it writes
		// nothing, but it would stand between what is around it.
		n.Parent.RemoveChild(n)
		return true
	}
	changed := false
	if !opens(n) {
		changed = moveEdgePunct(n, true)
	}
	if !closes(n) && moveEdgePunct(n, false) {
		changed = true
		// A quote or bracket that closed outside opens outside too:
		// “**속보**”에, not **“속보**”에.
		if r := innerEdge(n, true); unicode.In(r, unicode.Ps, unicode.Pi) {
			moveEdgePunct(n, true)
		}
	}
	if opens(n) && closes(n) && !redundant(n) {
		if !ambiguous(n) {
			return changed
		}
		if doubtful != nil {
			doubtful[n] = true
			return changed
		}
	}
	unwrap(n)
	return true
}

// redundant reports whether n is inside emphasis of its own kind, such as
// html-to-markdown makes when it merges <em>a</em><b><em>b</em></b> into
// one <em>: "*a *b**" does not parse back.
func redundant(n *html.Node) bool {
	d := delimiterOf(n)
	for p := n.Parent; p != nil && p.Type == html.ElementNode && !clean.IsBlockTag(p.DataAtom) && !isCell(p); p = p.Parent {
		if delimiterOf(p) == d {
			return true
		}
	}
	return false
}

// ambiguous reports whether n is * emphasis inside other * emphasis with
// a delimiter between two letters: such a run can both open and close, and
// "***낮**낮**낮***" does not parse as it was meant.
func ambiguous(n *html.Node) bool {
	if !isStar(n) {
		return false
	}
	inside := false
	for p := n.Parent; p != nil && p.Type == html.ElementNode && !clean.IsBlockTag(p.DataAtom) && !isCell(p); p = p.Parent {
		if isStar(p) {
			inside = true
			break
		}
	}
	// Another kind of * emphasis right next to n: "**a***b*" runs their
	// delimiters together into one "***".
	for _, sib := range []*html.Node{nextWritten(n, true), nextWritten(n, false)} {
		if sib != nil && isStar(sib) && delimiterOf(sib) != delimiterOf(n) {
			return true
		}
	}
	if !inside {
		return false
	}
	// An edge n shares with the * emphasis around it is one run with
	// that emphasis's delimiter ("***앞***뒤"), which is the outer one's
	// to open or close.
	return (!sharesEdge(n, true) && bothFlanking(runOuter(n, true), runInner(n, true))) ||
		(!sharesEdge(n, false) && bothFlanking(runInner(n, false), runOuter(n, false)))
}

// writesNothing reports whether n is empty text, a comment, or a span or
// another wrapper holding only those: a wrapper emptied by the rounds
// (its emphasis merged away) stands between delimiters, but writes
// nothing between them. Depth is bounded by prepareDOM (MaxDepth).
func writesNothing(n *html.Node) bool {
	switch {
	case n.Type == html.CommentNode, n.Type == html.TextNode && n.Data == "":
		return true
	case !transparent(n):
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !writesNothing(c) {
			return false
		}
	}
	return true
}

// nextWritten is the sibling before (or after) n that writes anything:
// empty text, comments and empty wrappers are skipped.
func nextWritten(n *html.Node, before bool) *html.Node {
	s := step(n, before)
	for s != nil && writesNothing(s) {
		s = step(s, before)
	}
	return s
}

// keepEmphasisApart puts an empty text node after each b, strong, i or
// em that a span or the other kind of * emphasis follows: html-to-markdown
// merges emphasis that follows emphasis, through spans, whatever its kind,
// so <b>앞</b><i>뒤</i> became <b>앞뒤</b>, the italic text shown bold.
// Its merge (of code too) also goes on out of the element it ends in:
// <del><span><b>앞</b></span></del><b>뒤</b> became ~~**앞뒤**~~, 뒤
// struck, so an inline element that ends in an element gets one after it
// too. (Not in it: html-to-markdown spaces emphasis that ends in code off
// the text after it, and must see the code last.) The empty text stops
// the merge and writes nothing; fixFlanking then sees them side by side,
// as they are, and mergeNext joins what is of one kind.
func keepEmphasisApart(doc *html.Node) {
	var marks []*html.Node
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		next := n.NextSibling
		if isStar(n) && next != nil && next.Type == html.ElementNode &&
			(transparent(next) || isStar(next) && delimiterOf(next) != delimiterOf(n)) ||
			n.Type == html.ElementNode && n.Parent != nil && !isBlockLike(n) &&
				n.LastChild != nil && n.LastChild.Type == html.ElementNode {
			marks = append(marks, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
	for _, n := range marks {
		n.Parent.InsertBefore(&html.Node{Type: html.TextNode}, n.NextSibling)
	}
}

// edgeChild is the first (or last) child of n that writes anything:
// empty text, comments and empty wrappers are skipped.
func edgeChild(n *html.Node, first bool) *html.Node {
	c := n.FirstChild
	if !first {
		c = n.LastChild
	}
	for c != nil && writesNothing(c) {
		c = step(c, !first)
	}
	return c
}

// atEdge reports whether nothing is written between n and the start (or
// end) of its parent.
func atEdge(n *html.Node, start bool) bool {
	for s := step(n, start); s != nil; s = step(s, start) {
		if !writesNothing(s) {
			return false
		}
	}
	return true
}

// starAround is the * emphasis whose start (or end) n's is, through
// wrappers that write nothing, or nil: their delimiters are written
// side by side, one run.
func starAround(n *html.Node, start bool) *html.Node {
	for cur := n; cur.Parent != nil && atEdge(cur, start); {
		p := cur.Parent
		if isStar(p) {
			return p
		}
		if !transparent(p) {
			break
		}
		cur = p
	}
	return nil
}

// sharesEdge reports whether n is * emphasis whose start (or end) is
// that of * emphasis around it.
func sharesEdge(n *html.Node, start bool) bool {
	return isStar(n) && starAround(n, start) != nil
}

// runInner is innerEdge for * emphasis n: the * emphasis at its start
// (or end), through wrappers that write nothing, writes its delimiter
// next to n's, one run, so what counts is the character inside them.
func runInner(n *html.Node, first bool) rune {
	for isStar(n) {
		c := edgeChild(n, first)
		for c != nil && transparent(c) {
			c = edgeChild(c, first)
		}
		if c == nil || !isStar(c) {
			break
		}
		n = c
	}
	return innerEdge(n, first)
}

// runOuter is outerEdge for * emphasis n, whose delimiter is one run
// with that of the * emphasis it starts (or ends), if any: the character
// outside them all.
func runOuter(n *html.Node, before bool) rune {
	for isStar(n) {
		p := starAround(n, before)
		if p == nil {
			break
		}
		n = p
	}
	return outerEdge(n, before)
}

// isStar reports whether n is written with * delimiters.
func isStar(n *html.Node) bool {
	switch n.DataAtom {
	case atom.B, atom.Strong, atom.I, atom.Em:
		return n.Type == html.ElementNode
	}
	return false
}

// bothFlanking reports whether a delimiter run between before and after
// is both left- and right-flanking.
func bothFlanking(before, after rune) bool {
	left := !unicode.IsSpace(after) && (!isMarkdownPunct(after) || isSpaceOrPunct(before))
	right := !unicode.IsSpace(before) && (!isMarkdownPunct(before) || isSpaceOrPunct(after))
	return left && right
}

// mergeNext joins to n the emphasis or code of the same delimiter that
// follows it directly (but for empty text and comments), and reports
// whether it did: unwrapping can leave <del>a</del><del>b</del> side
// by side, and "~~a~~~~b~~" strikes neither; "`a“b`" is one code span
// with the backticks in it.
func mergeNext(n *html.Node) (merged bool) {
	if n.Parent == nil {
		return false
	}
	for next := nextWritten(n, false); next != nil && delimiterOf(next) != "" && delimiterOf(next) == delimiterOf(n); next = nextWritten(n, false) {
		absorb(n, next) // next is n's sibling
		merged = true
	}
	// The last thing in a wrapper that writes nothing of its own, before
	// emphasis of the same kind right after the wrapper: the HTML parser
	// makes that of 00<x>0<b>0</x>0 (<x>0<b>0</b></x><b>0</b>), which
	// would be written **0****0**. The second joins the first.
	for nextWritten(n, false) == nil && transparent(n.Parent) {
		next := nextWritten(n.Parent, false)
		if next == nil || delimiterOf(next) == "" || delimiterOf(next) != delimiterOf(n) {
			break
		}
		absorb(n, next)
		merged = true
	}
	// The same before a wrapper that starts with emphasis of the kind:
	// <i>앞</i><span><i>뒤</i></span> is written *앞뒤*.
	for {
		next := nextWritten(n, false)
		for next != nil && transparent(next) {
			next = edgeChild(next, true)
		}
		if next == nil || next.Parent == n.Parent || delimiterOf(next) == "" || delimiterOf(next) != delimiterOf(n) {
			break
		}
		absorb(n, next)
		merged = true
	}
	return merged
}

// absorb moves next's children to the end of n's and removes next: two
// emphases of one kind joined into one.
func absorb(n, next *html.Node) {
	for c := next.FirstChild; c != nil; {
		cn := c.NextSibling
		next.RemoveChild(c)
		n.AppendChild(c)
		c = cn
	}
	next.Parent.RemoveChild(next)
}

// transparent reports whether n is an inline element that writes nothing
// but what is inside it: a span, a font, an element HTML does not know.
func transparent(n *html.Node) bool {
	if n == nil || n.Type != html.ElementNode || n.Parent == nil {
		return false
	}
	switch n.DataAtom {
	case 0, atom.Span, atom.Font, atom.Small, atom.Big, atom.Abbr, atom.Cite, atom.Dfn, atom.Time, atom.Data, atom.Mark, atom.Bdi, atom.Label, atom.Nobr:
		return true
	}
	return false
}

// delimiterOf returns the delimiter n is written with, or "".
func delimiterOf(n *html.Node) string {
	if n.Type != html.ElementNode {
		return ""
	}
	switch n.DataAtom {
	case atom.B, atom.Strong:
		return "**"
	case atom.I, atom.Em:
		return "*"
	case atom.Del, atom.S, atom.Strike:
		return "~~"
	case atom.Code:
		if n.Parent != nil && n.Parent.DataAtom == atom.Pre {
			return ""
		}
		return "`"
	}
	return ""
}

// opens reports whether n's opening delimiter would be left-flanking.
// The delimiters of * emphasis at the start of * emphasis are one run,
// and flank what is outside them all ("***앞").
func opens(n *html.Node) bool {
	first := runInner(n, true)
	if first == edgeSpace {
		// html-to-markdown moves the space out, before the delimiter.
		return true
	}
	return !isMarkdownPunct(first) || isSpaceOrPunct(runOuter(n, true))
}

// closes reports whether n's closing delimiter would be right-flanking;
// see opens.
func closes(n *html.Node) bool {
	last := runInner(n, false)
	if last == edgeSpace {
		return true
	}
	return !isMarkdownPunct(last) || isSpaceOrPunct(runOuter(n, false))
}

func isSpaceOrPunct(r rune) bool { return unicode.IsSpace(r) || isMarkdownPunct(r) }

// innerEdge returns the first (or last) character written inside n.
func innerEdge(n *html.Node, first bool) rune {
	c := n.FirstChild
	if !first {
		c = n.LastChild
	}
	for c != nil {
		switch {
		case c.Type == html.TextNode:
			if c.Data != "" {
				if first {
					r, _ := utf8.DecodeRuneInString(c.Data)
					return spaceAsEdge(r)
				}
				r, _ := utf8.DecodeLastRuneInString(c.Data)
				return spaceAsEdge(r)
			}
		case c.Type == html.ElementNode && !writesNothing(c):
			return elementEdge(c, first)
		}
		if first {
			c = c.NextSibling
		} else {
			c = c.PrevSibling
		}
	}
	return edgeSpace
}

// outerEdge returns the character written just before (or after) n.
func outerEdge(n *html.Node, before bool) rune {
	for cur := n; cur != nil; cur = cur.Parent {
		sib := cur.NextSibling
		if before {
			sib = cur.PrevSibling
		}
		for ; sib != nil; sib = step(sib, before) {
			switch sib.Type {
			case html.TextNode:
				if sib.Data == "" {
					continue
				}
				var r rune
				if before {
					r, _ = utf8.DecodeLastRuneInString(sib.Data)
				} else {
					r, _ = utf8.DecodeRuneInString(sib.Data)
				}
				return spaceAsEdge(r)
			case html.ElementNode:
				if !writesNothing(sib) {
					return elementEdge(sib, !before)
				}
			}
		}
		p := cur.Parent
		if p == nil || p.Type != html.ElementNode || clean.IsBlockTag(p.DataAtom) || isCell(p) {
			return edgeSpace
		}
		if isEmphasis(p) || p.DataAtom == atom.A {
			// Its own delimiter or bracket comes next.
			return edgePunct
		}
	}
	return edgeSpace
}

func step(n *html.Node, back bool) *html.Node {
	if back {
		return n.PrevSibling
	}
	return n.NextSibling
}

// elementEdge is what an element next to a delimiter starts (or ends)
// with as Markdown.
func elementEdge(e *html.Node, start bool) rune {
	switch {
	case e.DataAtom == atom.Br || clean.IsBlockTag(e.DataAtom) || isCell(e):
		return edgeSpace
	case isEmphasis(e), e.DataAtom == atom.A, e.DataAtom == atom.Img, e.DataAtom == atom.Code:
		return edgePunct
	}
	// A span or another inline wrapper: what it holds.
	if e.FirstChild == nil {
		return edgeSpace
	}
	return innerEdge(e, start)
}

func isCell(n *html.Node) bool { return n.DataAtom == atom.Td || n.DataAtom == atom.Th }

func spaceAsEdge(r rune) rune {
	if unicode.IsSpace(r) {
		return edgeSpace
	}
	return r
}

// moveEdgePunct moves the punctuation at the start (or end) of n's first
// (or last) text out of n, next to it, and reports whether it moved any.
// It never splits what reads as a character reference ("&amp;"), which
// would turn text into an entity.
func moveEdgePunct(n *html.Node, start bool) bool {
	c := n.FirstChild
	if !start {
		c = n.LastChild
	}
	if c == nil || c.Type != html.TextNode {
		return false
	}
	var cut int
	if start {
		cut = len(c.Data) - len(strings.TrimLeftFunc(c.Data, isMarkdownPunct))
		if amp := strings.LastIndexByte(c.Data[:cut], '&'); amp >= 0 {
			if m := entityLike.FindStringIndex(c.Data[amp:]); m != nil && m[0] == 0 && amp+m[1] > cut {
				cut = amp
			}
		}
	} else {
		cut = len(strings.TrimRightFunc(c.Data, isMarkdownPunct))
		if amp := strings.LastIndexByte(c.Data[:cut], '&'); amp >= 0 {
			if m := entityLike.FindStringIndex(c.Data[amp:]); m != nil && m[0] == 0 && amp+m[1] > cut {
				cut = amp + m[1]
			}
		}
	}
	// Nor a percent escape (%ED).
	if start && cut > 0 && c.Data[cut-1] == '%' && isPercentEscape(c.Data[cut-1:]) {
		cut--
	}
	if !start {
		if p := strings.LastIndexByte(c.Data[:cut], '%'); p >= 0 && p+3 > cut && isPercentEscape(c.Data[p:]) {
			cut = p + 3
		}
	}
	var moved string
	if start {
		moved, c.Data = c.Data[:cut], c.Data[cut:]
	} else {
		c.Data, moved = c.Data[:cut], c.Data[cut:]
	}
	if moved == "" {
		return false
	}
	t := &html.Node{Type: html.TextNode, Data: moved}
	if start {
		n.Parent.InsertBefore(t, n)
	} else {
		n.Parent.InsertBefore(t, n.NextSibling)
	}
	if c.Data == "" {
		n.RemoveChild(c)
	}
	return true
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	p := n.Parent
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		p.InsertBefore(c, n)
		c = next
	}
	p.RemoveChild(n)
}
