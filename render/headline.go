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
	return HeadlineRowWith(n, date, title, nil, link, width)
}

// HeadlineRowWith is HeadlineRow with a tail after the title that is
// kept when the title is cut: the first of tails, longest first, that
// leaves the title half its room, or else the last, where it leaves the
// title 6 cells; none where even that does not fit. A folded story's row
// so keeps saying what it stands for (" · 가람일보 외 2곳", " · 3곳") on
// a narrow terminal.
func HeadlineRowWith(n, date, title string, tails []string, link string, width int) string {
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
		b.WriteString(Pad(titleWithTail(title, tails, room-2-lw), room-2-lw))
		b.WriteString("  ")
		b.WriteString(link)
	} else {
		b.WriteString(titleWithTail(title, tails, max(room, 1)))
	}
	return strings.TrimRight(b.String(), " ")
}

// titleWithTail is title cut to w cells with one of tails after it; see
// HeadlineRowWith.
func titleWithTail(title string, tails []string, w int) string {
	for i, t := range tails {
		tw := Width(t)
		if Width(title)+tw <= w {
			return title + t // all of it fits
		}
		if left := w - tw; left >= w/2 || i == len(tails)-1 && left >= 6 {
			return TruncateTitle(title, left) + t
		}
	}
	return TruncateTitle(title, w)
}
