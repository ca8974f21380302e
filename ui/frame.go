package ui

import (
	"slices"
	"strings"

	"sokbo/feed"
	"sokbo/feed/clean"

	"sokbo/feed/library"
	"sokbo/render"
)

// header is the list's top line: what is on show on the left; the
// unread count and the number of items (both in items, the folded too), or a refresh's progress or
// outcome, on the right. Two numbers never touch: the parts of the right
// are joined by " · ", and at least two cells stand between the sides.
func (m Model) header() string {
	const gap = 2
	unread, status, isCount := "", "", false
	fresh := m.newLabel()
	if n := m.unreadOnShow(); n > 0 {
		unread = m.lang.Unread(m.moreLabel(render.Thousands(n)))
	}
	if r := m.refresher.header(m.spinner, m.styles, m.view.CachedFeeds(), m.view.Len() > 0); r != "" {
		status = r
	} else if r := m.full.header(m.spinner); r != "" {
		status = r
	} else if n := m.itemsOnShow(); n > 0 {
		// Items, as the unread count counts them, folded or not: a
		// story of five reports is one row and five items.
		status, isCount = m.countLabel(n), true
	}
	// What gives way on a narrow screen: the title first (headerLeft),
	// then the number of items, then the unread count; a refresh's
	// progress or outcome goes last.
	choices := []string{joinParts(unread, status), status, ""}
	if isCount {
		choices[1] = unread
	}
	if fresh != "" {
		// What arrived above the window goes last of all.
		choices = []string{joinParts(fresh, unread, status), joinParts(fresh, choices[1]), fresh, ""}
	}
	room := m.width - gap - render.Width(m.lang.Brand())
	right := ""
	for _, c := range choices {
		if render.Width(c) <= room {
			right = c
			break
		}
	}
	rw := render.Width(right)
	if rw == 0 {
		return render.Truncate(m.headerLeft(m.width), m.width)
	}
	left := render.Truncate(m.headerLeft(m.width-rw-gap), m.width-rw-gap)
	return left + strings.Repeat(" ", max(m.width-render.Width(left)-rw, gap)) + right
}

// itemsOnShow counts the items of the list, folded or not: while the list
// holds only the cache's head, those of the whole cache.
func (m Model) itemsOnShow() int {
	if m.view.Head() && m.filter == (library.Filter{}) {
		return m.view.Len()
	}
	if m.view.Head() && m.filter == (library.Filter{UnreadOnly: true}) {
		return m.view.Unread("")
	}
	return len(m.list.flat)
}

// joinParts joins the parts that are not empty with " · ".
func joinParts(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " · ")
}

// headerLeft names what is on show in w cells: the brand, the feed or how
// many feeds, and the unread-only filter.
func (m Model) headerLeft(w int) string {
	// The title gives way first: the brand and the filter are what the
	// header is for.
	var tail []string
	if m.filter.UnreadOnly {
		tail = append(tail, m.lang.UnreadOnlyTag())
	}
	const sep = " · "
	brand := m.styles.brand.Render(m.lang.Brand())
	used := render.Width(brand)
	for _, t := range tail {
		used += render.Width(sep + t)
	}
	parts := []string{brand}
	if t := m.headerTitle(); t != "" {
		if room := w - used - render.Width(sep); room >= 6 {
			parts = append(parts, render.Truncate(t, room))
		}
	}
	return strings.Join(append(parts, tail...), sep)
}

// headerTitle names what is on show: the feed the list is narrowed to,
// the one feed, or how many feeds.
func (m Model) headerTitle() string {
	if t := m.findTitle(); t != "" {
		return t
	}
	if m.filter.Feed != "" {
		return m.feedName(m.filter.Feed)
	}
	choices := m.view.Feeds()
	switch len(choices) {
	case 0:
		return ""
	case 1:
		return choices[0].Name
	}
	if len(m.cfg.Sources.Locals) > 0 {
		// Files and folders are sources, as the footer counts them.
		return m.lang.SourceCount(len(choices))
	}
	return m.lang.FeedCount(len(choices))
}

// sourceLabel is the footer's name for where the articles come from: the
// one source or feed, or how many there are, named as the header names
// them. A path or URL is the command line's, as it was typed, and shown
// clean: a file name can hold an escape sequence as well as a feed can.
func (m Model) sourceLabel() string {
	src := m.cfg.Sources
	switch {
	case m.filter.Feed != "":
		// The list narrowed to one feed (the feed list): that feed, not
		// how many there are.
		if slices.ContainsFunc(src.Feeds, func(s feed.Subscription) bool { return s.URL == m.filter.Feed }) {
			return clean.URL(m.filter.Feed)
		}
		return clean.OneLine(m.filter.Feed)
	case src.Count() != 1 && len(src.Locals) == 0:
		// Subscriptions only: feeds, as the header counts them.
		return m.lang.FeedCount(src.Count())
	case src.Count() != 1:
		// Files and folders are sources, not feeds; once all are read,
		// those that brought nothing (said above the list) are counted
		// apart, so that the header's count, of those on show, agrees.
		if shown := len(m.view.Feeds()); m.pending == 0 && shown < src.Count() {
			return m.lang.SourcesShown(shown, src.Count())
		}
		return m.lang.SourceCount(src.Count())
	case len(src.Locals) == 1:
		return clean.Name(src.Locals[0])
	}
	return clean.URL(src.Feeds[0].URL)
}

// minFooterLabel is the fewest cells the footer's label keeps before the
// parts at its right give way.
const minFooterLabel = 6

// footerGap is the fewest cells between the footer's right part and a
// label that is a path or a notice: with one, a path ran into the
// position ("…/saved 1/93"). A label of hints ends in a word and keeps one.
const footerGap = 2

// endsInAddress reports whether a label of hints ends in a host or a
// path, not a word ("전문 · www.hani.co.kr"): with one cell before the
// position it reads on into it ("127.0.0.1 4/6"), as a path would.
func endsInAddress(label string) bool {
	if i := strings.LastIndex(label, " · "); i >= 0 {
		label = label[i+len(" · "):]
	}
	return strings.ContainsAny(label, "./") && !strings.Contains(label, " ")
}

// spread puts left and right on one line of width w, gap cells apart at
// least, truncating left first so the right part stays visible.
func spread(left, right string, w, gap int) string {
	rw := render.Width(right)
	if rw > 0 && rw+gap < w {
		left = render.Truncate(left, w-rw-gap)
		return left + strings.Repeat(" ", w-render.Width(left)-rw) + right
	}
	return render.Truncate(left, w)
}

// footer is the status line: the source on the left; the position, the
// scroll and the help key on the right.
func (m Model) footer(source string, extra ...string) string {
	return m.footerLine(source, true, extra...)
}

// footerLine is footer with a label that is not a source: cut at its end,
// not its start, when the line is short, and a label of hints ("x: 전문
// 보기 · 요약만 있는 피드") loses its last hints whole first
// (hintChoices). A notice from the last key takes the label's place.
func (m Model) footerLine(label string, isSource bool, extra ...string) string {
	if isSource {
		return m.footerChoices([]string{label}, 0, true, extra...)
	}
	choices := hintChoices(label)
	return m.footerChoices(choices, len(choices)-1, false, extra...)
}

// hintChoices are the ways to say label in the footer, longest first: all
// of it, then without its last part after " · ", and so on to its first.
func hintChoices(label string) []string {
	parts := strings.Split(label, " · ")
	choices := make([]string, 0, len(parts))
	for i := len(parts); i > 0; i-- {
		choices = append(choices, strings.Join(parts[:i], " · "))
	}
	return choices
}

// footerChoices is footerLine with the ways to say its label, longest
// first: the label is the longest that fits beside the right part, as the
// header picks its right part, and only the shortest is ever cut. The
// right part gives way (its help key, then the hints before the
// position) for labels[keep], which says what the label is for, to stay
// whole; then for the shortest; then for a few cells of it.
func (m Model) footerChoices(labels []string, keep int, isSource bool, extra ...string) string {
	label := labels[0]
	gap := 1
	if isSource || !m.status.empty() || endsInAddress(label) {
		gap = footerGap
	}
	var all []string
	for _, r := range extra {
		if r != "" {
			all = append(all, r)
		}
	}
	if m.showHelp {
		all = append(all, m.lang.CloseKey(hint(m.keys.Help)))
	} else {
		all = append(all, m.lang.HelpKey(hint(m.keys.Help)))
	}
	// On a narrow screen the right part gives way so that the footer
	// still says something: first the help key, then the hints before
	// the position, which goes last.
	giveWay := func(least int) []string {
		parts := all
		for len(parts) > 0 && render.Width(strings.Join(parts, " · "))+gap+least > m.width {
			if last := len(parts) - 1; !m.showHelp && parts[last] == m.lang.HelpKey(hint(m.keys.Help)) {
				parts = parts[:last]
			} else if len(parts) > 1 {
				parts = parts[1:]
			} else {
				break
			}
		}
		return parts
	}
	shortest := labels[len(labels)-1]
	leasts := []int{render.Width(labels[keep]), render.Width(shortest), min(render.Width(shortest), minFooterLabel)}
	if len(labels) == 1 {
		leasts = leasts[2:]
	}
	if !m.status.empty() {
		leasts = []int{0}
	}
	var parts []string
	var least int
	for _, least = range leasts {
		parts = giveWay(least)
		if render.Width(strings.Join(parts, " · "))+gap+least <= m.width {
			break
		}
	}
	right := strings.Join(parts, " · ")
	if right != "" && render.Width(right)+gap+least > m.width && m.status.empty() {
		// Not even the position fits beside the label: it alone.
		return m.styles.footer.Render(render.Truncate(right, m.width))
	}
	switch {
	case !m.status.empty():
		// The help key gives way to a notice first, as to any label,
		// so that the position stays beside a short one.
		least := m.status.least(m.lang)
		if last := len(parts) - 1; last > 0 && !m.showHelp && parts[last] == m.lang.HelpKey(hint(m.keys.Help)) &&
			render.Width(right)+gap+least > m.width {
			right = strings.Join(parts[:last], " · ")
		}
		room := m.width
		if rw := render.Width(right); rw > 0 && rw+gap < m.width {
			room = m.width - rw - gap
		}
		// A notice too long for the room beside the position takes the
		// whole line: its cause matters more.
		if least > room {
			room, right = m.width, ""
		}
		label = m.status.fitFooter(m.lang, room)
	case isSource:
		// A path or URL keeps its end, the file name, when cut.
		label = render.TruncateLeft(label, m.width-render.Width(right)-gap)
	default:
		room := m.width
		if rw := render.Width(right); rw > 0 {
			room = m.width - rw - gap
		}
		label = labels[len(labels)-1]
		for _, l := range labels {
			if render.Width(l) <= room {
				label = l
				break
			}
		}
	}
	return m.styles.footer.Render(spread(label, right, m.width, gap))
}
