package search

import (
	"html"
	"strings"
)

// BodyText returns the text of an item's body as search matches it: tags
// removed, a block tag or <br> as a space, script, style and comments
// skipped, entities decoded, runs of ASCII white space as one space. It serves HTML bodies and Markdown ones
// (whose inline HTML it removes and whose markup it keeps, which costs a
// phrase across emphasis and nothing else).
//
// It is a scanner, not an HTML parser: it reads a 3 KB body several times
// faster than clean.PlainText, which matters because the store runs it on
// every candidate it verifies. The index and the matcher both use it, so
// they agree on every body, well-formed or not. Its cost is linear in
// len(body).
func BodyText(body string) string {
	if strings.IndexByte(body, '<') < 0 && strings.IndexByte(body, '&') < 0 {
		return body
	}
	t := textWriter{}
	t.b.Grow(len(body))
	for i := 0; i < len(body); {
		j := i
		for j < len(body) && body[j] != '<' && body[j] != '&' {
			j++
		}
		t.text(body[i:j])
		if j == len(body) {
			break
		}
		if body[j] == '&' {
			i = entity(&t, body, j)
			continue
		}
		i = tag(&t, body, j)
	}
	return t.b.String()
}

// textWriter collects a body's text with its ASCII white space already
// folded to single spaces, as Fold leaves it, so that folding the result
// usually returns it as it is instead of copying it again.
type textWriter struct {
	b     strings.Builder
	space bool // a space is due before the next text
}

func (t *textWriter) text(s string) {
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && !asciiSpace(s[j]) {
			j++
		}
		if j > i {
			if t.space && t.b.Len() > 0 {
				t.b.WriteByte(' ')
			}
			t.space = false
			t.b.WriteString(s[i:j])
		}
		for j < len(s) && asciiSpace(s[j]) {
			t.space = true
			j++
		}
		i = j
	}
}

// blank marks a break between words: a block tag or a br.
func (t *textWriter) blank() { t.space = true }

func asciiSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// entity decodes the character reference at s[i] ('&') into b and returns
// where the text goes on; an '&' that starts none is itself.
func entity(t *textWriter, s string, i int) int {
	end := strings.IndexByte(s[i:min(len(s), i+40)], ';')
	if end > 1 {
		ref := s[i : i+end+1]
		if dec := html.UnescapeString(ref); dec != ref {
			t.text(dec)
			return i + end + 1
		}
	}
	t.text("&")
	return i + 1
}

// tag skips the markup at s[i] ('<') and returns where the text goes on.
// As in an HTML tokenizer, '<' starts a tag only before a letter, '/', '!'
// or '?'; otherwise it is text.
func tag(t *textWriter, s string, i int) int {
	if i+1 >= len(s) {
		t.text("<")
		return i + 1
	}
	switch c := s[i+1]; {
	case strings.HasPrefix(s[i:], "<!--"):
		if k := strings.Index(s[i+4:], "-->"); k >= 0 {
			return i + 4 + k + 3
		}
		return len(s)
	case c == '!' || c == '?':
		return skipTo(s, i+2, '>')
	case c == '/':
		if i+2 < len(s) && isLetter(s[i+2]) {
			name := tagName(s, i+2)
			if blockTag(name) {
				t.blank()
			}
			return skipTo(s, i+2, '>')
		}
		return skipTo(s, i+2, '>') // </ followed by junk: a bogus comment
	case isLetter(c):
		name := tagName(s, i+1)
		end := skipAttributes(s, i+1)
		if blockTag(name) || name == "br" {
			t.blank()
		}
		if (name == "script" || name == "style") && s[end-2] != '/' {
			return skipRawText(s, end, name)
		}
		return end
	}
	t.text("<")
	return i + 1
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// tagName returns the lower-case name of the tag whose name starts at
// s[i]; a name too long for any tag sokbo cares about is cut.
func tagName(s string, i int) string {
	var buf [12]byte
	n := 0
	for ; i < len(s) && n < len(buf); i++ {
		c := s[i]
		if !isLetter(c) && (c < '0' || c > '9') {
			break
		}
		buf[n] = c | 0x20
		n++
	}
	return string(buf[:n])
}

// skipTo returns the index after the next c at or after i, or len(s).
func skipTo(s string, i int, c byte) int {
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k + 1
	}
	return len(s)
}

// skipAttributes returns the index after the '>' closing a start tag whose
// name starts at i, stepping over quoted attribute values that may hold
// a '>'.
func skipAttributes(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '>':
			return i + 1
		case '"', '\'':
			if k := strings.IndexByte(s[i+1:], s[i]); k >= 0 {
				i += k + 2
				continue
			}
			return len(s)
		}
		i++
	}
	return len(s)
}

// skipRawText skips a script or style element's content, from i to past
// its end tag.
func skipRawText(s string, i int, name string) int {
	for i < len(s) {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return len(s)
		}
		i += k + 2
		if len(s)-i >= len(name) && strings.EqualFold(s[i:i+len(name)], name) {
			return skipTo(s, i, '>')
		}
	}
	return len(s)
}

// blockTag reports whether a tag breaks the text as a block does, so that
// words on either side of it do not run together.
func blockTag(name string) bool {
	switch name {
	case "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
		"fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
		"h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
		"table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption":
		return true
	}
	return false
}
