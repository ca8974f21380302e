package render

import (
	"html"
	"net/url"
	"regexp"
	"strings"

	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/net/idna"

	"sokbo/feed/clean"
)

// How a link's address is shown, in one place: in the form a Korean
// reader reads (DisplayURL), in the list of links that ends an article
// (see linkSet: the text shows "기사[3]") and wherever an address is
// written out, and, in a styled render, as a terminal hyperlink (OSC 8)
// to the address in the ASCII form every program accepts
// (hyperlinkTarget). Links in glamour's output are rewritten to this form
// (fixLinks) and links in table cells are written with it (cellLink).

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

// ASCIIURL returns address raw in the ASCII form a browser copies and
// sends (clean.ASCIIURL): the form sokbo copies and makes hyperlinks to.
func ASCIIURL(raw string) string { return clean.ASCIIURL(raw) }

// hyperlinkTarget returns the address a terminal hyperlink to raw opens:
// ASCII, as OSC 8 expects (clean.ASCIIURL). glamour writes a Korean
// address raw, and its UTF-8 holds bytes a parser takes for C1 controls
// (태 is ED 83 9C, and 9C is ST), which ended the sequence early and
// spilled the rest of the address onto the screen.
func hyperlinkTarget(raw string) string { return clean.ASCIIURL(raw) }

// Linkable reports whether a URL may become a terminal hyperlink: an
// absolute http or https URL with a host, or a mailto: address, in the
// form it is written and in the ASCII form the hyperlink goes to
// (hyperlinkTarget). Go's parser takes https://"x for a host, whose
// ASCII form https://%22x no program reads as one: no link.
func Linkable(raw string) bool {
	return clean.URLOK(raw, clean.Hyperlink) && clean.URLOK(hyperlinkTarget(raw), clean.Hyperlink)
}

// maxHyperlink is the longest OSC 8 sequence a link is drawn with, its
// address included. A wrapped link opens its hyperlink again on each of
// its lines, so a hostile address of 40,000 characters, wrapped at 80
// columns, made 500 lines that each carried it whole: 11 MB of output
// for 40 KB of text, and a layout that grew with the square of the
// address. VTE ignores a hyperlink to an address over 2083 bytes (the
// OSC 8 spec's figure); a longer one keeps its number and its place in
// the list of links, and no hyperlink.
const maxHyperlink = 2083

// hyperlinkSeqs are the OSC 8 sequences that open, with params, and end
// a hyperlink to dest; both "" for an address longer than maxHyperlink.
func hyperlinkSeqs(params, dest string) (open, end string) {
	target := hyperlinkTarget(dest)
	if len(target) > maxHyperlink {
		return "", ""
	}
	return "\x1b]8;" + params + ";" + target + "\x07", ansi.ResetHyperlink()
}

// hyperlink wraps shown in an OSC 8 hyperlink to dest when dest may be
// one (Linkable), in a styled render; otherwise it returns shown.
func hyperlink(shown, dest string, style Style) string {
	if style == StylePlain || !Linkable(dest) {
		return shown
	}
	open, end := hyperlinkSeqs("", dest)
	return open + shown + end
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

// cellLink writes a link in a table cell, numbered with the article's
// other links (see linkSet): its text, then its number ("기사[3]"), or the
// address and its number when the text is the address. plain is the
// link's text without styles, for the list of links. An address that is
// not to be followed gets no number and no hyperlink: its text, then the
// address in angle brackets, as glamour shows such a link outside a table.
func cellLink(text, plain, dest string, image bool, style Style, links *linkSet) string {
	shown := DisplayURL(dest)
	text = strings.TrimSpace(text)
	isMail := strings.HasPrefix(strings.ToLower(shown), "mailto:")
	addrText := text == "" || text == dest || text == shown || isMail && text == shown[len("mailto:"):]
	n := links.add(dest, plain, image)
	if n == 0 {
		if addrText {
			return shown
		}
		return text + " <" + shown + ">"
	}
	if addrText {
		if isMail {
			shown = shown[len("mailto:"):]
		}
		text = linkStyle(shown, style)
	}
	return span(text+marker(n, style), dest)
}

// hyperlinkSeq matches an OSC 8 sequence, ended by BEL or ST: its params
// and its URI, which is empty in the sequence that ends a hyperlink.
var hyperlinkSeq = regexp.MustCompile("\x1b\\]8;([^;\x07\x1b]*);([^\x07\x1b]*)(?:\x07|\x1b\\\\)")

// linkRun is one run of glamour's output under one hyperlink: from its
// opening sequence to the next OSC 8 sequence, which ends it (and is
// part of the run when it is the closing one).
type linkRun struct {
	start, end      int // the run, its closing sequence included
	inner, innerEnd int // what it shows
	params, target  string
	isText          bool // it shows text, not its own address
}

// linkRuns finds the hyperlinks in glamour's output. Glamour writes each
// piece of a link's text as a hyperlink, then its address as another;
// an image as its alt text, " →" and its address; and an image inside a
// link as a hyperlink opened inside the link's, ending both.
func linkRuns(s string) []linkRun {
	seqs := hyperlinkSeq.FindAllStringSubmatchIndex(s, -1)
	var runs []linkRun
	for i, m := range seqs {
		if m[5] == m[4] {
			continue // a closing sequence
		}
		r := linkRun{start: m[0], inner: m[1], innerEnd: len(s), end: len(s),
			params: s[m[2]:m[3]], target: s[m[4]:m[5]]}
		if i+1 < len(seqs) {
			next := seqs[i+1]
			r.innerEnd, r.end = next[0], next[0]
			if next[5] == next[4] {
				r.end = next[1]
			}
		}
		r.isText = ansi.Strip(s[r.inner:r.innerEnd]) != r.target
		runs = append(runs, r)
	}
	return runs
}

// fixLinks rewrites the links in glamour's output (every style writes them
// as OSC 8 hyperlinks) and numbers them, as links (see linkSet):
//   - feed links are hostile: one whose address is not http, https or
//     mailto stays visible as text, its address too, but is never made a
//     hyperlink and gets no number;
//   - a link's text is followed by its number, "기사[3]", in place of the
//     address glamour writes after it (and the " →" of an image): the
//     address is in the list at the end;
//   - an address written out is shown decoded (DisplayURL), then its
//     number: "https://www.gg.go.kr[3]에서" keeps the particle apart;
//   - a hyperlink's target is the ASCII form of the address
//     (hyperlinkTarget), in every style: Article reads where the links
//     stand from them and, in plain style, then drops them.
func fixLinks(s string, style Style, links *linkSet) string {
	if !strings.Contains(s, "\x1b]8;") {
		return s
	}
	runs := linkRuns(s)
	var b strings.Builder
	b.Grow(len(s) + 64)
	last := 0
	// pending holds the targets of the links whose text has been written
	// and whose number waits for the address glamour writes after it.
	pending := map[string]bool{}
	for i, r := range runs {
		gap := s[last:r.start]
		last = r.end
		inner := s[r.inner:r.innerEnd]
		// CommonMark decodes the entities in a link's address, not in an
		// address written out, whose text is the address as written.
		dest := r.target
		if r.isText || pending[r.target] {
			dest = html.UnescapeString(r.target)
		}
		if !Linkable(dest) {
			b.WriteString(gap)
			b.WriteString(inner)
			continue
		}
		n := links.number(dest)
		if n == 0 {
			n = links.add(dest, ansi.Strip(inner), false)
		}
		open, end := hyperlinkSeqs(r.params, dest)
		num := open + marker(n, style) + end
		switch {
		case !r.isText && pending[r.target] && skippable(gap):
			// The address after a link's text: its number instead.
			delete(pending, r.target)
			b.WriteString(num)
			writeEscapes(&b, gap)
		case r.isText:
			b.WriteString(gap)
			b.WriteString(open + inner + end)
			if addressFollows(s, runs, i) {
				pending[r.target] = true
			} else {
				// An address glamour shows only as text (kim@news.kr).
				b.WriteString(num)
			}
		default:
			// An address written out.
			b.WriteString(gap)
			addr := strings.Replace(inner, ansi.Strip(inner), DisplayURL(dest), 1)
			b.WriteString(open + addr + marker(n, style) + end)
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

// addressFollows reports whether the text run runs[i] is followed, past
// the rest of the link's text and anything nested in it (an image), by
// the address glamour writes after a link's text, with nothing but
// spaces or an image's " →" outside hyperlinks in between.
func addressFollows(s string, runs []linkRun, i int) bool {
	target := runs[i].target
	for k := i + 1; k < len(runs); k++ {
		if !skippable(s[runs[k-1].end:runs[k].start]) {
			return false
		}
		if runs[k].target == target {
			if !runs[k].isText {
				return true
			}
		}
	}
	return false
}

// skippable reports whether text between hyperlinks shows nothing but
// spaces and an image's arrow.
func skippable(gap string) bool {
	return strings.Trim(ansi.Strip(gap), " →") == ""
}

// writeEscapes writes the escape sequences of s, and nothing it shows.
func writeEscapes(b *strings.Builder, s string) {
	for _, t := range tokenize(s) {
		if t.kind == tokEsc {
			b.WriteString(t.s)
		}
	}
}
