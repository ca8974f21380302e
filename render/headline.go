package render

import "strings"

// Headline rows for a terminal: what `sokbo list` and `sokbo search`
// print when stdout is one, instead of their tab-separated lines.
const (
	rowNumber   = 4  // cells of N, right-aligned; a longer N takes its own
	rowDate     = 16 // "2006-01-02 15:04"; a date alone is padded to it
	minRowTitle = 20 // the fewest title cells a link is printed beside
	maxRowLink  = 60 // a link wider than this is printed only on a wide line
)

// HeadlineRow lays one headline out on a line of at most width cells:
// N, the date, the title cut to fit, and the link after it when the title
// keeps minRowTitle cells beside it whole. Below 50 cells the date goes
// too. The texts are one line each, cleaned by the caller.
func HeadlineRow(n, date, title, link string, width int) string {
	var b strings.Builder
	b.WriteString(PadLeft(n, rowNumber))
	b.WriteString("  ")
	if width >= 50 {
		b.WriteString(Pad(date, rowDate))
		b.WriteString("  ")
	}
	room := width - Width(b.String())
	lw := Width(link)
	if link != "" && lw <= max(maxRowLink, width/2) && room-2-lw >= minRowTitle {
		b.WriteString(Pad(Truncate(title, room-2-lw), room-2-lw))
		b.WriteString("  ")
		b.WriteString(link)
	} else {
		b.WriteString(Truncate(title, max(room, 1)))
	}
	return strings.TrimRight(b.String(), " ")
}
