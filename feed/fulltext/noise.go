package fulltext

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"sokbo/feed/clean"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Sizes that decide what may be noise.
const (
	// maxWidgetText is the most text, links not counted, that an element
	// a noise selector matches may hold and still be dropped: a widget
	// class on the article's container must not take the article along.
	maxWidgetText = 300
	// maxNoiseText is the longest block, in characters, that the text
	// filters look at. Widget text is short; a long block is prose.
	maxNoiseText = 120
	// maxCopyrightText is the longest block taken for the copyright line.
	maxCopyrightText = 200
	// maxNoiseNodes bounds the nodes of a block whose text is read, so
	// that reading texts stays linear in the page.
	maxNoiseNodes = 400
)

// noise is rules.toml's [noise] section compiled.
type noise struct {
	// The selectors, sorted for speed: tags are bare element names;
	// attrs are single attribute tests ([class*=share]) by attribute
	// name, which a string search answers faster than a general
	// matcher; attrSel joins the rest, each a compound selector that
	// needs an attribute (see compileNoise), so an element with no
	// attributes skips both.
	tags      map[string]bool
	attrs     map[string][]attrTest
	attrSel   cascadia.Selector
	words     map[string]bool
	heading   *regexp.Regexp // the whole text is a list heading
	headStart *regexp.Regexp // the text starts with one
	// phrases are kept apart rather than joined: Go's matcher runs a
	// pattern that starts with ^ or a literal in a fraction of the time
	// an alternation of all of them takes.
	phrases   []*regexp.Regexp
	copyright []*regexp.Regexp
}

func compileNoise(f noiseFile) (*noise, error) {
	n := &noise{words: make(map[string]bool, len(f.Words)), tags: make(map[string]bool), attrs: make(map[string][]attrTest)}
	var attrSels []string
	for _, sel := range f.Selectors {
		switch m := oneAttr.FindStringSubmatch(sel); {
		case bareTag.MatchString(sel):
			n.tags[sel] = true
		case m != nil:
			n.attrs[m[1]] = append(n.attrs[m[1]], attrTest{op: m[2], val: m[3] + m[4] + m[5]})
		case needsAttr.MatchString(sel):
			attrSels = append(attrSels, sel)
		default:
			return nil, fmt.Errorf("noise selector %q: want an element name or a compound selector with a class, id or attribute", sel)
		}
	}
	var err error
	if len(attrSels) > 0 {
		if n.attrSel, err = cascadia.Compile(strings.Join(attrSels, ", ")); err != nil {
			return nil, fmt.Errorf("noise selectors: %v", err)
		}
	}
	for _, w := range f.Words {
		n.words[strings.ToLower(w)] = true
	}
	alt := func(list []string) string {
		parts := make([]string, len(list))
		for i, p := range list {
			parts[i] = "(?:" + p + ")"
		}
		return strings.Join(parts, "|")
	}
	if n.heading, err = regexp.Compile(`^(?:` + alt(f.Headings) + `)$`); err != nil {
		return nil, fmt.Errorf("noise headings: %v", err)
	}
	if n.headStart, err = regexp.Compile(`^(?:[▶☞▷►■□◆◇●○※]\s*)?(?:` + alt(f.Headings) + `)`); err != nil {
		return nil, fmt.Errorf("noise headings: %v", err)
	}
	if n.phrases, err = compilePatterns("noise phrases", f.Phrases); err != nil {
		return nil, err
	}
	if n.copyright, err = compilePatterns("noise copyright", f.Copyright); err != nil {
		return nil, err
	}
	return n, nil
}

// attrTest is one [key op val] selector, key aside.
type attrTest struct{ op, val string }

func (t attrTest) match(v string) bool {
	switch t.op {
	case "":
		return true
	case "=":
		return v == t.val
	case "*=":
		return strings.Contains(v, t.val)
	case "^=":
		return strings.HasPrefix(v, t.val)
	case "$=":
		return strings.HasSuffix(v, t.val)
	case "~=":
		for _, w := range strings.Fields(v) {
			if w == t.val {
				return true
			}
		}
	}
	return false
}

// matches reports whether a noise selector matches d.
func (n *noise) matches(d *html.Node) bool {
	if n.tags[d.Data] {
		return true
	}
	if len(d.Attr) == 0 {
		return false
	}
	for _, a := range d.Attr {
		if a.Namespace != "" {
			continue
		}
		for _, t := range n.attrs[a.Key] {
			if t.match(a.Val) {
				return true
			}
		}
	}
	return n.attrSel != nil && n.attrSel.Match(d)
}

var (
	oneAttr   = regexp.MustCompile(`^\[([a-z][a-z-]*)(?:([*^$~]?=)(?:'([^']*)'|"([^"]*)"|([\w-]+)))?\]$`)
	bareTag   = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	needsAttr = regexp.MustCompile(`^([a-z][a-z0-9]*)?([.#][\w-]+|\[[^\]]+\])+$`)
)

// dropWidgets removes from doc what the noise selectors match, except
// elements that hold or are one of keep, and elements with more than
// maxWidgetText characters of text outside links.
func (n *noise) dropWidgets(doc *html.Node, keep []*html.Node) {
	protected := make(map[*html.Node]bool)
	for _, k := range keep {
		for p := k; p != nil; p = p.Parent {
			protected[p] = true
		}
	}
	var found []*html.Node
	for d := range doc.Descendants() {
		if d.Type == html.ElementNode && n.matches(d) {
			found = append(found, d)
		}
	}
	for _, m := range found {
		if protected[m] || m.Parent == nil {
			continue
		}
		if m.DataAtom != atom.Script && m.DataAtom != atom.Style {
			// A big subtree is a container, not a widget.
			if s := measure(m, maxNoiseNodes*4); s.over || s.text-s.link > maxWidgetText {
				continue
			}
		}
		m.Parent.RemoveChild(m)
	}
}

// dropAll removes from root every element a selector matches.
func dropAll(root *html.Node, sels []cascadia.Selector) {
	for _, sel := range sels {
		for _, m := range sel.MatchAll(root) {
			if m.Parent != nil {
				m.Parent.RemoveChild(m)
			}
		}
	}
}

// dropText removes the blocks of root whose text is widget noise, by the
// noise lists and by extra, a rule's own patterns.
func (n *noise) dropText(root *html.Node, extra []*regexp.Regexp) {
	var walk func(parent *html.Node)
	walk = func(parent *html.Node) {
		for c := parent.FirstChild; c != nil; {
			next := c.NextSibling
			if !isCandidate(c) {
				// An inline element that is not a line of its own is
				// part of a sentence: "<b>광고</b> 시장은" is prose.
				if c.Type == html.ElementNode && !isTablePart(c) && (isBlock(c) || !isInline(c)) {
					walk(c)
				}
				c = next
				continue
			}
			s := measure(c, maxNoiseNodes)
			if s.over || s.text > maxNoiseText {
				walk(c)
				c = next
				continue
			}
			t := blockText(c)
			switch {
			case t == "" || s.breaks == 0 && n.isCopyright(t):
			case n.heading.MatchString(t):
				next = dropLinkLines(parent, next)
				parent.RemoveChild(c)
			case n.isNoise(t, s, extra):
				parent.RemoveChild(c)
			default:
				walk(c)
			}
			c = next
		}
	}
	walk(root)
}

// dropLinkLines removes, from next on, the link lists that follow a
// heading such as "관련기사": lists and blocks made of links, and lines of
// links between <br>s, up to the first other content or blank line. It
// returns the sibling to go on from.
func dropLinkLines(parent, next *html.Node) *html.Node {
	var pending []*html.Node // blanks and <br>s since the last link line
	brs := 0
	for next != nil {
		after := next.NextSibling
		switch {
		case isBlank(next):
			pending = append(pending, next)
		case next.Type == html.ElementNode && next.DataAtom == atom.Br:
			if brs++; brs > 1 {
				return next // a blank line ends the list
			}
			pending = append(pending, next)
		case isLinkList(next) || isLinkLine(next):
			for _, p := range pending {
				parent.RemoveChild(p)
			}
			pending, brs = nil, 0
			parent.RemoveChild(next)
		default:
			if len(pending) > 0 {
				return pending[0]
			}
			return next
		}
		next = after
	}
	if len(pending) > 0 {
		return pending[0]
	}
	return nil
}

// isLinkLine reports whether n is an inline element that is all link, as
// the items of a related-article list written as lines are.
func isLinkLine(n *html.Node) bool {
	if n.Type != html.ElementNode || !isInline(n) {
		return false
	}
	s := measure(n, maxNoiseNodes)
	return !s.over && s.text > 0 && s.link == s.text
}

// isInline reports whether n is an element of phrasing content: text
// level, inside a line.
func isInline(n *html.Node) bool {
	switch n.DataAtom {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code, atom.Data,
		atom.Dfn, atom.Em, atom.Font, atom.I, atom.Kbd, atom.Mark, atom.Q, atom.S, atom.Samp,
		atom.Small, atom.Span, atom.Strike, atom.Strong, atom.Sub, atom.Sup, atom.Time,
		atom.Tt, atom.U, atom.Var, atom.Big, atom.Nobr, atom.Label, atom.Ins, atom.Del:
		return true
	}
	return false
}

// isNoise reports whether a short block with text t is a widget.
//
// A block of several lines (with <br>s or blocks inside) is judged whole
// only by what holds for every line: all widget words, or a list heading
// over links. A phrase found in one of its lines says nothing of the
// others, so for phrases the lines are judged one by one.
func (n *noise) isNoise(t string, s stats, extra []*regexp.Regexp) bool {
	switch {
	case n.allWords(t):
		return true
	case s.text > 0 && s.link*2 >= s.text && n.headStart.MatchString(t):
		return true
	case s.breaks > 0:
		return false
	case matchAny(extra, t):
		return true
	case isProse(t):
		return false
	}
	return matchAny(n.phrases, t)
}

func matchAny(list []*regexp.Regexp, s string) bool {
	for _, re := range list {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// allWords reports whether every word of t is a widget word, digits
// aside, and one at least is.
//
// A block of one word of one letter ("가", "X") is not a widget: a list of
// choices has items like that. Font-size buttons come in twos or threes.
func (n *noise) allWords(t string) bool {
	found, words, short := false, 0, false
	for len(t) > 0 {
		i := strings.IndexFunc(t, isWordBreak)
		w := t
		if i >= 0 {
			w = t[:i]
			_, size := utf8.DecodeRuneInString(t[i:])
			t = t[i+size:]
		} else {
			t = ""
		}
		if w != "" {
			words++
			short = utf8.RuneCountInString(strings.TrimRight(w, "+-")) == 1
		}
		switch {
		case w == "":
		case n.words[w], n.words[strings.ToLower(w)]:
			found = true
		case isDigits(w):
		default:
			// Prose fails at its first word; no need to read on.
			return false
		}
	}
	return found && !(words == 1 && short)
}

func isWordBreak(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("|·/,:;()[]<>•ㆍ・", r)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// isProse reports whether t reads as a sentence of the article rather than
// a prompt: it opens with a quote mark, or ends with the plain 다 of news
// prose ("쏟아졌다."), not the polite 니다 or 요 of a widget.
func isProse(t string) bool {
	if r, _ := utf8.DecodeRuneInString(t); strings.ContainsRune(`"“‘'「『`, r) {
		return true
	}
	t = strings.TrimRight(t, " .!?\"”’'」』)")
	return strings.HasSuffix(t, "다") && !strings.HasSuffix(t, "니다")
}

// findCopyright returns the copyright line of doc: the text of the block
// around the first text that matches, or that text alone when the block
// is long. It looks at text nodes only, so it is linear in the page.
func (n *noise) findCopyright(doc *html.Node) string {
	for d := range doc.Descendants() {
		if d.Type != html.TextNode || inScript(d) || !matchAny(n.copyright, d.Data) {
			continue
		}
		line := oneLine(d.Data, 1<<20)
		for p := d.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
			if s := measure(p, maxNoiseNodes); s.over || s.text > maxCopyrightText {
				break
			}
			line = blockText(p)
			if isBlock(p) {
				break
			}
		}
		if utf8.RuneCountInString(line) <= maxCopyrightText && n.isCopyright(line) {
			return line
		}
	}
	return ""
}

// isCopyright reports whether t is a copyright line: it matches the
// pattern and is not a sentence of the article ("기사를 무단 전재한 업체가
// 적발됐다." is news, not a notice).
func (n *noise) isCopyright(t string) bool {
	return matchAny(n.copyright, t) && !isProse(t)
}

// takeCopyright removes every copyright block from content and returns
// the first one's text, or "". A copyright block is the outermost block or
// line around a text that matches, as long as it stays short. Only text
// nodes are matched, so this is linear in the content.
func (n *noise) takeCopyright(content []*html.Node) string {
	var first string
	for _, root := range content {
		var hits []*html.Node
		for d := range root.Descendants() {
			if d.Type == html.TextNode && matchAny(n.copyright, d.Data) {
				hits = append(hits, d)
			}
		}
		for _, d := range hits {
			if !isAncestor(root, d) {
				continue // went with an earlier block
			}
			var block *html.Node
			if isCandidate(d) {
				block = d
			}
			for p := d.Parent; p != nil && p != root; p = p.Parent {
				if s := measure(p, maxNoiseNodes); s.over || s.text > maxCopyrightText {
					break
				}
				if isCandidate(p) || isBlock(p) {
					block = p
				}
			}
			if block == nil {
				continue
			}
			if t := blockText(block); n.isCopyright(t) {
				if first == "" {
					first = t
				}
				block.Parent.RemoveChild(block)
			}
		}
	}
	return first
}

// isCandidate reports whether the text filters judge n as a whole: a block
// element, or an inline element or text that stands on a line of its own
// (between blocks or <br>s), as "<strong>관련기사</strong><ul>…" and
// "기사 읽어주기<br>" do. Inline text inside a sentence never is.
func isCandidate(n *html.Node) bool {
	switch n.Type {
	case html.ElementNode:
		if isTablePart(n) || n.DataAtom == atom.Br || n.DataAtom == atom.Img {
			return false
		}
		if isBlock(n) {
			return n.DataAtom != atom.Figure && n.DataAtom != atom.Figcaption
		}
	case html.TextNode:
		if strings.TrimSpace(n.Data) == "" {
			return false
		}
	default:
		return false
	}
	return standsAlone(n.PrevSibling, func(s *html.Node) *html.Node { return s.PrevSibling }) &&
		standsAlone(n.NextSibling, func(s *html.Node) *html.Node { return s.NextSibling })
}

// standsAlone reports whether the first sibling from s that is not blank
// is nothing, a <br> or a block.
func standsAlone(s *html.Node, step func(*html.Node) *html.Node) bool {
	for ; s != nil; s = step(s) {
		if isBlank(s) {
			continue
		}
		return s.Type == html.ElementNode && (s.DataAtom == atom.Br || isBlock(s))
	}
	return true
}

func isBlank(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		return strings.TrimSpace(n.Data) == ""
	case html.CommentNode:
		return true
	}
	return false
}

// isLinkList reports whether n is a list or block made mostly of links, as
// follows a "관련기사" heading.
func isLinkList(n *html.Node) bool {
	if n.Type != html.ElementNode || !isBlock(n) {
		return false
	}
	s := measure(n, maxNoiseNodes*4)
	return s.text > 0 && s.link*2 >= s.text
}

func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Aside, atom.Header,
		atom.Footer, atom.Main, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote,
		atom.Address, atom.Center, atom.Figure, atom.Figcaption, atom.Table, atom.Hr,
		atom.Pre:
		return true
	}
	return false
}

func isTablePart(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption, atom.Colgroup, atom.Col:
		return true
	}
	return false
}

// stats counts the text of a subtree: characters other than white space,
// those inside links, and nodes, stopping once nodes passes a limit.
type stats struct {
	text, link, nodes int
	// breaks counts the <br>s and blocks below the root: a block with
	// any holds several lines.
	breaks int
	over   bool
}

// measure counts n's subtree, up to limit nodes.
func measure(n *html.Node, limit int) stats {
	var s stats
	root := n
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		if s.over {
			return
		}
		s.nodes++
		if s.nodes > limit {
			s.over = true
			return
		}
		switch n.Type {
		case html.TextNode:
			k := countText(n.Data)
			s.text += k
			if inLink {
				s.link += k
			}
			return
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
			if n != root && (n.DataAtom == atom.Br || isBlock(n)) {
				s.breaks++
			}
			inLink = inLink || n.DataAtom == atom.A
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	return s
}

// countText counts the characters of s other than white space.
func countText(s string) int {
	k := 0
	for _, r := range s {
		switch {
		case r > ' ' && r < utf8.RuneSelf, r >= 0xAC00 && r <= 0xD7A3:
			// Printable ASCII and Hangul syllables: most of a Korean
			// page, and never space.
			k++
		case !unicode.IsSpace(r):
			k++
		}
	}
	return k
}

// textLen counts the text of nodes, white space aside.
func textLen(nodes []*html.Node) int {
	k := 0
	for _, n := range nodes {
		k += measure(n, 1<<30).text
	}
	return k
}

// linkShare is the share of nodes' text inside links.
func linkShare(nodes []*html.Node) float64 {
	var text, link int
	for _, n := range nodes {
		s := measure(n, 1<<30)
		text += s.text
		link += s.link
	}
	if text == 0 {
		return 0
	}
	return float64(link) / float64(text)
}

// nodeText returns the text of n's subtree, words separated by single
// spaces, unsanitised.
func nodeText(n *html.Node) string {
	var b strings.Builder
	space := false
	add := func(s string) {
		for len(s) > 0 {
			r, size := utf8.DecodeRuneInString(s)
			s = s[size:]
			if unicode.IsSpace(r) {
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	if n.Type == html.TextNode {
		add(n.Data)
	}
	for d := range n.Descendants() {
		if d.Type == html.TextNode && !inScript(d) {
			space = true
			add(d.Data)
		}
	}
	return b.String()
}

func inScript(n *html.Node) bool {
	p := n.Parent
	return p != nil && (p.DataAtom == atom.Script || p.DataAtom == atom.Style)
}

// blockText is nodeText as the filters read it: sanitised, in NFC, so a
// pattern sees the same characters a reader would.
func blockText(n *html.Node) string {
	// Sanitize drops characters and never adds white space, so the
	// collapsed text stays collapsed but for spaces it brings together.
	t := clean.Sanitize(nodeText(n))
	if strings.Contains(t, "  ") {
		t = strings.Join(strings.Fields(t), " ")
	}
	return t
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// isAncestor reports whether a is n or holds it.
func isAncestor(a, n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// oneLine sanitises s for a terminal, folds it onto one line and cuts it
// to max characters.
func oneLine(s string, max int) string { return cutRunes(clean.OneLine(s), max) }

// cutRunes cuts s to max characters, marking the cut with "…". A value
// of a rule is kept as given, cut but not cleaned, for an error to quote
// with %q: so the message names it as the file writes it.
func cutRunes(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// visible is a library's message that may embed a value as given (a
// pattern's "missing closing ]: `[\x1b[2J(`"), on one line with its
// controls escaped, not dropped: dropping an escape sequence would eat
// the text after it. It is cut to max characters.
func visible(s string, max int) string { return cutRunes(clean.Visible(s), max) }
