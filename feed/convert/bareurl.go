package convert

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/feed/clean"
)

// An address written out in the text of an article, such as
// https://ko.wikipedia.org/wiki/한국은행, is made an autolink (<…>) of
// exactly its own extent. Left to a renderer's linkify, Korean addresses
// were linked only up to …/wiki/, and goldmark's linkify, which sokbo's
// own renderer uses, ran on over a code span or an escaped bracket that
// followed ("https://x.kr/a.jpg)`낮`"), showing their markup as text.

// bareURLStart matches where an address starts.
var bareURLStart = regexp.MustCompile(`(?i)https?://`)

// bareURLs returns the byte ranges of the http(s) addresses written out in
// s.
//
// An address runs over letters (Hangul included), digits, marks and the
// ASCII characters RFC 3986 allows, and then, as GFM's extended autolinks
// do, gives back trailing punctuation (. , : ; ! ? ' " * _ ~), a closing
// parenthesis it did not open and a character reference at its end.
// Korean attaches particles to a word, so Hangul straight after the
// ASCII of a host ends the address (https://www.gg.go.kr에서), and so
// does Hangul straight after an ASCII word of its path
// (https://x.kr/path에서, isParticleStart), while Hangul that begins a
// segment of a path (/wiki/한국은행) or a Korean host name
// (https://도메인.한국) belongs to it.
//
// An e-mail address is one too, but only straight after other text or,
// when afterMarkup is set, at the start of s: there goldmark's linkify ran
// over a ** before it ("…**a@b.kr"). After a space one stays as written.
func bareURLs(s string, afterMarkup bool) [][2]int {
	var spans [][2]int
	for _, m := range bareURLStart.FindAllStringIndex(s, -1) {
		start := m[0]
		if len(spans) > 0 && start < spans[len(spans)-1][1] {
			continue
		}
		if start > 0 {
			// "xhttps://" is not the start of an address, and "\h" in
			// Markdown is a backslash before the address's first letter.
			if r, _ := utf8.DecodeLastRuneInString(s[:start]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\\' {
				continue
			}
		}
		end := m[1]
		inHost := true
		var prev rune
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !isIRIRune(r) || r == '%' && !isPercentEscape(s[end:]) {
				break
			}
			if r == '/' || r == '?' || r == '#' {
				inHost = false
			}
			if inHost && !isHostRune(r, prev) {
				break
			}
			if !inHost && isParticleStart(r, prev) {
				break
			}
			prev = r
			end += size
		}
		end = trimURLEnd(s[start:end]) + start
		if end-m[1] < 1 || !clean.URLOK(s[start:end], clean.Link) {
			continue
		}
		spans = append(spans, [2]int{start, end})
	}
	for _, m := range bareEmail.FindAllStringIndex(s, -1) {
		if inSpans(spans, m[0]) || m[0] == 0 && !afterMarkup || !autolinkEmail.MatchString(s[m[0]:m[1]]) {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:m[0]]); m[0] > 0 && (unicode.IsSpace(r) || isWordRune(r) || strings.ContainsRune(".+-_@\\", r)) {
			continue
		}
		spans = append(spans, [2]int{m[0], m[1]})
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	return spans
}

// bareEmail matches an e-mail address as GFM's extended autolinks read
// one.
var bareEmail = regexp.MustCompile(`[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.[A-Za-z0-9]+`)

// autolinkEmail is an e-mail address that CommonMark reads between < and
// >: GFM's linkify takes a "_" in the domain (a@b.kr_1), an autolink does
// not, and shows the brackets.
var autolinkEmail = regexp.MustCompile(`^[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$`)

func inSpans(spans [][2]int, i int) bool {
	for _, sp := range spans {
		if i >= sp[0] && i < sp[1] {
			return true
		}
	}
	return false
}

// isPercentEscape reports whether s starts with a percent escape, %XX. A
// lone "%" (a rate, 92%) is text, and no URL parser accepts it in an
// address.
func isPercentEscape(s string) bool {
	return len(s) >= 3 && s[0] == '%' && isHex(s[1]) && isHex(s[2])
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// isIRIRune reports whether r may stand in an address written out in text.
func isIRIRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r > ' ' && r < 0x7f && !strings.ContainsRune("<>\"`{}|\\^[]", r)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isParticleStart reports whether r, after prev, in the path or query of
// an address, is where a particle the sentence attaches to it begins:
// Hangul straight after an ASCII letter, digit or closing mark, as in
// https://x.kr/path에서, ?q=1에서 or (https://x.kr/p)에서. Hangul that
// begins a segment (after / = & ? # and the like: /wiki/한국은행, ?q=서울)
// or follows Hangul is the address's own; a path all in Hangul with its
// particle (/tag/한국은행에서) cannot be told apart, and stays whole.
func isParticleStart(r, prev rune) bool {
	return prev < utf8.RuneSelf && unicode.Is(unicode.Hangul, r) && !strings.ContainsRune(pathJoiners, prev)
}

// pathJoiners are the ASCII characters after which Hangul goes on with
// an address's path or query: those that begin a segment or join words
// within one (수원_(도시), 서울-부산).
const pathJoiners = "/?#&=+-_.~:;,!$'(@"

// isHostRune reports whether r, after prev, may stand in the host part of
// an address: letters, digits and - . : @ % _ ~, but not Hangul straight
// after ASCII, which is a particle (https://www.gg.go.kr에서).
func isHostRune(r, prev rune) bool {
	if r < utf8.RuneSelf {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-.:@%_~", r)
	}
	if unicode.Is(unicode.Hangul, r) && prev < utf8.RuneSelf {
		return prev == '/' || prev == '.'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// trimURLEnd returns the length of u without the trailing punctuation a
// sentence puts after an address.
func trimURLEnd(u string) int {
	for len(u) > 0 {
		c := u[len(u)-1]
		switch {
		case c == ';' && strings.LastIndexByte(u, '&') >= 0 && entityLike.MatchString(u[strings.LastIndexByte(u, '&'):]):
			// GFM leaves a trailing "&amp;" out of the address.
			u = u[:strings.LastIndexByte(u, '&')]
		case strings.IndexByte(".,:;!?'\"*_~", c) >= 0:
			u = u[:len(u)-1]
		case c == ')' && strings.Count(u, ")") > strings.Count(u, "("):
			u = u[:len(u)-1]
		default:
			return len(u)
		}
	}
	return 0
}

// bareAttr marks an <a> that linkBareURLs made of an address in the text.
const bareAttr = "data-sokbo-bare"

// linkBareURLs wraps every address written out in the text of the tree in
// an <a> marked bareAttr, which renderBareURL writes as an autolink.
// Addresses in links, code and preformatted text are left alone.
func linkBareURLs(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.TextNode:
			splitBareURLs(c)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.A, atom.Code, atom.Pre, atom.Kbd, atom.Samp, atom.Tt, atom.Var,
				atom.Script, atom.Style, atom.Textarea, atom.Title:
			default:
				linkBareURLs(c)
			}
		}
		c = next
	}
}

// splitBareURLs splits text node t around the addresses in it.
func splitBareURLs(t *html.Node) {
	// Markup right before the text: an inline element before it, or the
	// opening delimiter of the emphasis it starts ("**a@b.kr**").
	before := t.PrevSibling
	if before == nil {
		before = t.Parent
	}
	afterMarkup := before != nil && before.Type == html.ElementNode && !clean.IsBlockTag(before.DataAtom) &&
		before.DataAtom != atom.Br && !isCell(before)
	spans := bareURLs(t.Data, afterMarkup)
	if len(spans) == 0 {
		return
	}
	text := t.Data
	last := 0
	for _, sp := range spans {
		// This text is decoded, so "&amp;" in it is what the article
		// shows, and an autolink would show "&": the address ends there.
		if i := entityIn(text[sp[0]:sp[1]]); i >= 0 {
			sp[1] = sp[0] + trimURLEnd(text[sp[0]:sp[0]+i])
			if !clean.URLOK(text[sp[0]:sp[1]], clean.Link) {
				continue
			}
		}
		if sp[0] > last {
			t.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: text[last:sp[0]]}, t)
		}
		u := text[sp[0]:sp[1]]
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A,
			Attr: []html.Attribute{{Key: "href", Val: u}, {Key: bareAttr}}}
		a.AppendChild(&html.Node{Type: html.TextNode, Data: u})
		t.Parent.InsertBefore(a, t)
		last = sp[1]
	}
	t.Data = text[last:]
	if t.Data == "" {
		t.Parent.RemoveChild(t)
	}
}

// entityIn returns where the first "&" that reads as a character reference
// stands in s, or -1.
func entityIn(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		// A reference is at most 34 bytes long: "&" and ";" around 32.
		if loc := entityLike.FindStringIndex(s[i:min(len(s), i+34)]); loc != nil && loc[0] == 0 {
			return i
		}
	}
	return -1
}

// renderBareURL writes an address linkBareURLs found as an autolink: the
// address itself between < and >, which no Markdown renderer reads on
// past.
func renderBareURL(_ converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	if n.DataAtom != atom.A {
		return converter.RenderTryNext
	}
	var href string
	bare := false
	for _, a := range n.Attr {
		switch a.Key {
		case "href":
			href = a.Val
		case bareAttr:
			bare = true
		}
	}
	// The mark could come from the article itself: only an address
	// that is its own text, with nothing an autolink cannot hold, is one.
	if !bare || n.FirstChild == nil || n.FirstChild != n.LastChild || n.FirstChild.Type != html.TextNode ||
		n.FirstChild.Data != href || strings.ContainsAny(href, " \t\n<>") {
		return converter.RenderTryNext
	}
	w.WriteString("<" + href + ">")
	return converter.RenderSuccess
}
