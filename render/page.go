package render

import (
	"strings"

	"charm.land/lipgloss/v2"

	"sokbo/render/lang"
)

// Margin is the left margin of every rendered article, in cells: glamour's
// document margin, which the header and sokbo's tables share so that every
// block lines up.
const Margin = 2

// Doc is an article ready for layout: the header fields and the Markdown
// body. Meta holds the header's second line (date, categories, author),
// joined with " · ".
type Doc struct {
	// Lang is the language of the words sokbo adds (the heading of the
	// links); the zero value is Korean.
	Lang     lang.Lang
	Title    string
	Meta     []string
	Link     string
	Markdown string
}

// Page lays out a whole article at width cells: the title (wrapped, bold),
// the meta line, the link, then the body by Article. Every line fits the
// width; StylePlain output holds no escape code.
func Page(d Doc, width int, style Style) (string, error) {
	p, err := RenderPage(d, width, style)
	return p.Text, err
}

// RenderPage is Page with the body's numbered links and where they stand
// on the page; the item's own link in the header stands as link 0.
func RenderPage(d Doc, width int, style Style) (Rendered, error) {
	r, err := RenderIn(d.Lang, d.Markdown, width, style)
	if err != nil {
		return Rendered{}, err
	}
	body := r.Text
	title, meta, link := lipgloss.NewStyle(), lipgloss.NewStyle(), lipgloss.NewStyle()
	if style != StylePlain {
		ld := lipgloss.LightDark(style == StyleDark)
		title = title.Bold(true)
		meta = meta.Foreground(ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A")))
		link = link.Foreground(ld(lipgloss.Color("#00796B"), lipgloss.Color("#4DB6AC")))
	}
	inner := max(width-2*Margin, 1)
	pad := strings.Repeat(" ", Margin)
	if width < 2*Margin+10 {
		// Too narrow for a margin worth having.
		inner, pad = max(width, 1), ""
	}
	var b strings.Builder
	b.WriteByte('\n')
	lines := 1
	for _, l := range Wrap(d.Title, inner) {
		b.WriteString(pad + title.Render(l) + "\n")
		lines++
	}
	if len(d.Meta) > 0 {
		for _, l := range Wrap(strings.Join(d.Meta, " · "), inner) {
			b.WriteString(pad + meta.Render(l) + "\n")
			lines++
		}
	}
	var spots []LinkSpot
	if d.Link != "" {
		// The link is there to be copied, so it is wrapped whole, never
		// cut, and shown as a reader reads it (DisplayURL); in colour it
		// is a hyperlink to the address itself.
		for _, l := range Wrap(DisplayURL(d.Link), inner) {
			b.WriteString(pad + hyperlink(link.Render(l), d.Link, style) + "\n")
			if Linkable(d.Link) {
				spots = append(spots, LinkSpot{Line: lines, Start: Width(pad), End: Width(pad) + Width(l)})
			}
			lines++
		}
	}
	b.WriteString(strings.TrimRight(body, "\n"))
	b.WriteByte('\n')
	for _, s := range r.Spots {
		s.Line += lines
		spots = append(spots, s)
	}
	return Rendered{Text: b.String(), Links: r.Links, Spots: spots}, nil
}
