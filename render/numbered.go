package render

import (
	"html"
	"sokbo/feed/clean"
	"strconv"
	"strings"

	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
)

// An article's links are numbered like footnotes, in reading order: the
// text shows "텍스트[3]", and a section at the end, headed 링크 (Links),
// lists "[3] 주소" with the address as a reader reads it (DisplayURL).
// Links, images, addresses written out and links in table cells are all
// numbered the same way, by one linkSet per render:
//
//   - a link is numbered where its marker stands: after its text, so an
//     image inside a link gets its number before the link's own
//     ("Image: 사진[3][4]");
//   - one address is one number wherever it stands, however it is spelt
//     (한국은행 or %ED%95%9C…): "3o" then means one page, the list at the
//     end holds no repeats, and glamour's hyperlinks are matched to
//     their numbers by address, in whatever order it writes them;
//   - only an address a reader can follow is numbered: http and https
//     with a host, and mailto (Linkable). A javascript:, data: or
//     relative address, or one holding controls or bidi marks, stays
//     text, as before, and never gets a number to be opened by.
//
// Every numbered link is written as an OSC 8 hyperlink to its address,
// in the plain style too, until the layout is done: LinkSpots reads
// where each one ended up from them, and the plain style then drops
// them.

// Link is one numbered link of an article.
type Link struct {
	// N is its number, from 1, as the text shows it: "기사[3]".
	N int
	// Text is what the article shows for it: the link's text, an
	// image's alt text, or the address itself for one written out.
	Text string
	// URL is the address, entities decoded, as the source gives it.
	// It passed clean.CheckURL(URL, clean.Hyperlink); check it for what
	// it is used for (clean.Open before a browser gets it). Show it with
	// DisplayURL.
	URL string
	// Image reports an image.
	Image bool
}

// LinkSpot is where a numbered link stands in laid-out text: on line Line
// (counted from 0, as strings.Split(text, "\n") counts), cells Start to
// End, End excluded, counted from 0. A link wrapped over two lines has a
// spot on each; a link shown twice has a spot wherever it is shown, its
// entry in the list at the end included. N 0 is the item's own link, in
// the header of a Page.
type LinkSpot struct {
	Line, Start, End int
	N                int
}

// Rendered is an article laid out at one width and style: its text, its
// numbered links and where they stand. Render and RenderPage return it.
type Rendered struct {
	// Text is the laid-out article, as Article and Page return it.
	Text string
	// Links are the numbered links, Links[i].N == i+1.
	Links []Link
	// Spots are where they stand, by line, then by column.
	Spots []LinkSpot
}

// Link returns link n, numbered from 1.
func (r Rendered) Link(n int) (Link, bool) {
	if n < 1 || n > len(r.Links) {
		return Link{}, false
	}
	return r.Links[n-1], true
}

// LinkAt returns the number of the link shown at cell col of line line,
// as a click on the screen finds it: 0 and true for the item's own link
// in a Page's header, false where there is none.
func (r Rendered) LinkAt(line, col int) (n int, ok bool) {
	return SpotAt(r.Spots, line, col)
}

// SpotAt is Rendered.LinkAt on spots alone.
func SpotAt(spots []LinkSpot, line, col int) (n int, ok bool) {
	for _, s := range spots {
		if s.Line == line && col >= s.Start && col < s.End {
			return s.N, true
		}
		if s.Line > line {
			break
		}
	}
	return 0, false
}

// linkSet numbers the links of one article. The zero value is empty; a nil
// *linkSet numbers nothing.
type linkSet struct {
	links []Link
	// byKey finds a number by the address in the ASCII form a hyperlink
	// to it has (hyperlinkTarget): one address, one number.
	byKey map[string]int
}

// add numbers the link to dest shown as text, or finds the number it has
// already; 0 for an address that is not to be followed (see Linkable).
func (s *linkSet) add(dest, text string, image bool) int {
	if s == nil || !Linkable(dest) {
		return 0
	}
	key := hyperlinkTarget(dest)
	if n, ok := s.byKey[key]; ok {
		return n
	}
	if s.byKey == nil {
		s.byKey = map[string]int{}
	}
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		text = DisplayURL(dest)
	}
	n := len(s.links) + 1
	s.links = append(s.links, Link{N: n, Text: text, URL: dest, Image: image})
	s.byKey[key] = n
	return n
}

// number returns the number of the link to dest, 0 for none.
func (s *linkSet) number(dest string) int {
	if s == nil || len(s.links) == 0 {
		return 0
	}
	return s.byKey[hyperlinkTarget(dest)]
}

// addNode numbers a link, image or written-out address of the Markdown
// source src, as it is shown outside a table (glamour draws those).
func (s *linkSet) addNode(n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Link:
		s.add(html.UnescapeString(string(n.Destination)), nodeText(n, src), false)
	case *ast.Image:
		s.add(html.UnescapeString(string(n.Destination)), nodeText(n, src), true)
	case *ast.AutoLink:
		u := string(n.URL(src))
		text := u
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
			u = "mailto:" + u
		}
		s.add(u, text, false)
	}
}

// nodeText is the plain text of an inline subtree: its text, an image's
// alt text, an address written out; no markers.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(clean.MarkdownText(c.Segment.Value(src)))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.AutoLink:
				b.Write(c.URL(src))
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// marker is the "[3]" after a numbered link, in the link colour in a
// styled render, never underlined (an address is).
func marker(n int, style Style) string {
	m := "[" + strconv.Itoa(n) + "]"
	if style == StylePlain {
		return m
	}
	st := ansi.Style{}.Underline(false)
	if c := linkConfig(style).Link.Color; c != nil {
		st = st.ForegroundColor(lipgloss.Color(*c))
	}
	return st.Styled(m)
}

// linkConfig is glamour's style configuration for a styled render.
func linkConfig(style Style) *gansi.StyleConfig {
	if style == StyleLight {
		return &styles.LightStyleConfig
	}
	return &styles.DarkStyleConfig
}

// span writes shown as a hyperlink to dest, in every style: the plain
// style keeps it only until LinkSpots has read it.
func span(shown, dest string) string {
	open, end := hyperlinkSeqs("", dest)
	return open + shown + end
}

// linksSection lays out the list of links that ends an article, at width
// cells after a margin of m: its heading (lang's LinksHeading), then
// "[3] 주소" for each, the address wrapped under itself.
func linksSection(heading string, links []Link, width, m int, style Style) []string {
	if len(links) == 0 {
		return nil
	}
	pad := spaces(m)
	inner := max(width-m, 1)
	out := []string{""}
	switch style {
	case StylePlain:
		for _, l := range Wrap(heading, inner) {
			out = append(out, pad+l)
		}
		out = append(out, pad+strings.Repeat("-", min(Width(heading), inner)))
	default:
		cfg := linkConfig(style)
		st := ansi.Style{}.Bold()
		if c := cfg.H2.Color; c != nil {
			st = st.ForegroundColor(lipgloss.Color(*c))
		} else if c := cfg.Heading.Color; c != nil {
			st = st.ForegroundColor(lipgloss.Color(*c))
		}
		// Styled as an H2 is (styleHeadings): no "## ".
		st = st.Underline(true)
		for _, l := range Wrap(heading, inner) {
			out = append(out, pad+st.Styled(l))
		}
	}
	out = append(out, "")
	numW := Width(marker(len(links), StylePlain))
	addrW := inner - numW - 1
	for _, l := range links {
		addr := DisplayURL(l.URL)
		if style != StylePlain {
			addr = linkStyle(addr, style)
		}
		// The number and the address are one hyperlink, so a click on
		// either, or on any line of a wrapped address, opens it.
		num := marker(l.N, style)
		if addrW < minLinkWidth {
			// Too narrow to set the address beside its number.
			for _, line := range Wrap(span(num, l.URL), inner) {
				out = append(out, pad+line)
			}
			for _, line := range Wrap(span(addr, l.URL), inner) {
				out = append(out, pad+line)
			}
			continue
		}
		align := spaces(numW - Width(marker(l.N, StylePlain)))
		for i, line := range Wrap(span(addr, l.URL), addrW) {
			if i == 0 {
				out = append(out, pad+align+span(num+" ", l.URL)+line)
				continue
			}
			out = append(out, pad+spaces(numW+1)+line)
		}
	}
	return out
}

// minLinkWidth is the narrowest an address is set beside its number in
// the list of links, in cells; narrower, it goes under it.
const minLinkWidth = 10

// stripButLinks removes every escape sequence and control from glamour's
// plain output but the OSC 8 hyperlinks fixLinks wrote.
func stripButLinks(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, m := range hyperlinkSeq.FindAllStringIndex(s, -1) {
		b.WriteString(strings.ReplaceAll(ansi.Strip(s[last:m[0]]), "\x1b", ""))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(strings.ReplaceAll(ansi.Strip(s[last:]), "\x1b", ""))
	return b.String()
}

// linkSpots finds where the numbered links stand in laid-out lines, by
// the hyperlinks to them.
func linkSpots(lines []string, links *linkSet) []LinkSpot {
	if links == nil || len(links.links) == 0 {
		return nil
	}
	var spots []LinkSpot
	for i, line := range lines {
		if !strings.Contains(line, "\x1b]8;") {
			continue
		}
		col, cur := 0, 0
		for _, t := range tokenize(line) {
			if t.kind == tokEsc {
				if m := hyperlinkSeq.FindStringSubmatch(t.s); m != nil {
					cur = 0
					if m[2] != "" {
						cur = links.number(m[2])
					}
				}
				continue
			}
			if cur > 0 && t.w > 0 {
				if k := len(spots) - 1; k >= 0 && spots[k].Line == i && spots[k].N == cur && spots[k].End == col {
					spots[k].End += t.w
				} else {
					spots = append(spots, LinkSpot{Line: i, Start: col, End: col + t.w, N: cur})
				}
			}
			col += t.w
		}
	}
	return spots
}
