package render

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/net/idna"

	"sokbo/feed/clean"
)

// How a link's address is shown, in one place: after the link's text in
// angle brackets, in the form a Korean reader reads (DisplayURL), and, in
// a styled render, as a terminal hyperlink (OSC 8) to the address in the
// ASCII form every program accepts (hyperlinkTarget). Links in glamour's
// output are rewritten to this form (see fixLinks) and links in table
// cells are written with it (cellLink), so a later change, such as
// numbering the links of an article like footnotes ("텍스트[3]"), has one
// place to go: cellLink and the address part of fixLinks.

// DisplayURL returns address raw as a reader should see it: percent
// escapes that spell printable UTF-8 decoded
// (https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD… →
// https://ko.wikipedia.org/wiki/한국은행), a punycode host in its own
// script, and anything a terminal could act on, or that would hide the
// address's real form, left escaped. Escapes of characters that mean
// something in an address (%2F, %3F, %25, %20 …) stay as they are, so
// the address reads back to the same one.
func DisplayURL(raw string) string {
	s := clean.DecodeIRI(raw)
	if u, err := url.Parse(raw); err == nil && strings.Contains(u.Host, "xn--") {
		host := u.Hostname()
		if uni, err := idna.ToUnicode(host); err == nil && uni != host && clean.PrintableIRI(uni) {
			s = strings.Replace(s, host, uni, 1)
		}
	}
	return s
}

// hyperlinkTarget returns the address a terminal hyperlink to raw opens:
// ASCII, as OSC 8 expects. A Korean host becomes punycode and every other
// byte outside printable ASCII is percent-encoded, as a browser does with
// an address typed in Korean. glamour writes a Korean address raw, and
// its UTF-8 holds bytes a parser takes for C1 controls (태 is ED 83 9C,
// and 9C is ST), which ended the sequence early and spilled the rest of
// the address onto the screen.
func hyperlinkTarget(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" && !isASCII(u.Host) {
		host := u.Hostname()
		if ascii, err := idna.ToASCII(host); err == nil {
			raw = strings.Replace(raw, host, ascii, 1)
		}
	}
	return asciiURI(raw)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiURI percent-encodes every byte of uri outside printable ASCII.
func asciiURI(uri string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(uri); i++ {
		c := uri[i]
		if c > ' ' && c < 0x7f {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0x0f])
	}
	return b.String()
}

// Linkable reports whether a URL may become a terminal hyperlink: an
// absolute http or https URL with a host, or a mailto: address.
func Linkable(raw string) bool { return clean.URLOK(raw, clean.Hyperlink) }

// hyperlink wraps shown in an OSC 8 hyperlink to dest when dest may be
// one (Linkable), in a styled render; otherwise it returns shown.
func hyperlink(shown, dest string, style Style) string {
	if style == StylePlain || !Linkable(dest) {
		return shown
	}
	return ansi.SetHyperlink(hyperlinkTarget(dest)) + shown + ansi.ResetHyperlink()
}

// linkStyle is how an address is drawn in a styled render: glamour's link
// colour, underlined.
func linkStyle(s string, style Style) string {
	if style == StylePlain || s == "" {
		return s
	}
	cfg := styles.DarkStyleConfig
	if style == StyleLight {
		cfg = styles.LightStyleConfig
	}
	st := ansi.Style{}.Underline(true)
	if cfg.Link.Color != nil {
		st = st.ForegroundColor(lipgloss.Color(*cfg.Link.Color))
	}
	return st.Styled(s)
}

// cellLink writes a link in a table cell: its text, then its address in
// angle brackets, or only the address when the text is the address.
func cellLink(text, dest string, style Style) string {
	shown := DisplayURL(dest)
	if strings.HasPrefix(strings.ToLower(shown), "mailto:") && (text == shown[len("mailto:"):] || text == "") {
		return hyperlink(linkStyle(shown[len("mailto:"):], style), dest, style)
	}
	addr := hyperlink(linkStyle(shown, style), dest, style)
	text = strings.TrimSpace(text)
	if text == "" || text == dest || text == shown {
		return addr
	}
	return text + " <" + addr + ">"
}

// hyperlinkSpan matches an OSC 8 hyperlink glamour wrote, from its opening
// sequence (ESC ] 8 ; params ; URI, ended by BEL or ST) to its closing one
// (an empty URI): params, URI and what it shows.
var hyperlinkSpan = regexp.MustCompile("\x1b\\]8;([^;\x07\x1b]*);([^\x07\x1b]+)(?:\x07|\x1b\\\\)(.*?)\x1b\\]8;;(?:\x07|\x1b\\\\)")

// hyperlinkOpen matches the opening sequence of an OSC 8 hyperlink.
var hyperlinkOpen = regexp.MustCompile("\x1b\\]8;([^;\x07\x1b]*);([^\x07\x1b]*)(?:\x07|\x1b\\\\)")

// fixLinks rewrites the links in glamour's output (every style writes them
// as OSC 8 hyperlinks; plain style strips them afterwards):
//   - feed links are hostile: one whose address is not http, https or
//     mailto stays visible as text but is never made a hyperlink;
//   - a hyperlink's target is the ASCII form of the address
//     (hyperlinkTarget);
//   - an address shown as text is shown decoded (DisplayURL), and set
//     apart in angle brackets after a link's text ("기사 <https://…>"),
//     or, written out on its own, only where a word follows it straight
//     away (<https://www.gg.go.kr>에서), so that the particle is not read
//     as part of the address and "(https://x.kr/a.jpg)" stays as written.
func fixLinks(s string) string {
	if !strings.Contains(s, "\x1b]8;") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 64)
	last := 0
	prevEnd, prevTarget := -1, ""
	for _, m := range hyperlinkSpan.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(s[last:m[0]])
		params, target, inner := s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]
		last = m[1]
		shown := ansi.Strip(inner)
		// An address right after the text of a link to it is that link's
		// own; one on its own is an autolink, whose text CommonMark takes
		// as it is written, while it decodes the entities in a link's.
		afterText := prevEnd >= 0 && prevTarget == target && strings.TrimSpace(ansi.Strip(s[prevEnd:m[0]])) == ""
		isText := shown != target
		dest := target
		if isText || afterText {
			dest = html.UnescapeString(target)
		}
		if !Linkable(dest) {
			b.WriteString(inner)
			prevEnd, prevTarget = -1, ""
			continue
		}
		open := "\x1b]8;" + params + ";" + hyperlinkTarget(dest) + "\x07"
		if isText {
			// The text of a link.
			b.WriteString(open + inner + ansi.ResetHyperlink())
			prevEnd, prevTarget = m[1], target
			continue
		}
		// An address.
		brackets := afterText || wordFollows(s[m[1]:])
		addr := strings.Replace(inner, shown, DisplayURL(dest), 1)
		if brackets {
			b.WriteString("<" + open + addr + ansi.ResetHyperlink() + ">")
		} else {
			b.WriteString(open + addr + ansi.ResetHyperlink())
		}
		prevEnd, prevTarget = -1, ""
	}
	b.WriteString(s[last:])
	return b.String()
}

// wordFollows reports whether the visible text of s starts with a letter
// or digit.
func wordFollows(s string) bool {
	for _, t := range tokenize(s[:min(len(s), 128)]) {
		switch t.kind {
		case tokEsc:
			continue
		case tokText:
			r, _ := utf8.DecodeRuneInString(t.s)
			return unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		return false
	}
	return false
}
