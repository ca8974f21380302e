package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/render"
)

// listModel is the headline list. It keeps only a cursor and an offset, and
// its view draws just the rows on screen, so a key costs the same with ten
// items or ten thousand.
type listModel struct {
	items  []*feed.Item
	cursor int
	offset int
	width  int
	height int
}

func (l *listModel) setItems(items []*feed.Item) {
	var cur *feed.Item
	if l.cursor < len(l.items) {
		cur = l.items[l.cursor]
	}
	row := l.cursor - l.offset
	l.items = items
	// Keep the cursor on the same article, at the same row of the screen,
	// when a refresh or a source adds items: the cache hands back new
	// values, so match by source and ID. When the article is gone the
	// cursor keeps its place.
	if cur != nil {
		k := keyOf(cur)
		for i, it := range items {
			if it == cur || keyOf(it) == k {
				l.cursor = i
				break
			}
		}
	}
	l.offset = l.cursor - row
	l.clamp()
}

func (l *listModel) setSize(w, h int) {
	l.width, l.height = w, h
	l.clamp()
}

func (l *listModel) current() *feed.Item {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return nil
	}
	return l.items[l.cursor]
}

func (l *listModel) handleKey(msg tea.KeyPressMsg, k KeyMap) {
	page := max(l.height-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		l.cursor--
	case key.Matches(msg, k.Down):
		l.cursor++
	case key.Matches(msg, k.PageUp):
		l.cursor -= page
		l.offset -= page
	case key.Matches(msg, k.PageDown):
		l.cursor += page
		l.offset += page
	case key.Matches(msg, k.Top):
		l.cursor = 0
	case key.Matches(msg, k.Bottom):
		l.cursor = len(l.items) - 1
	}
	l.clamp()
}

// clamp keeps the cursor on an item and the cursor's row on screen.
func (l *listModel) clamp() {
	n := len(l.items)
	l.cursor = min(max(l.cursor, 0), max(n-1, 0))
	h := max(l.height, 1)
	l.offset = min(max(l.offset, 0), max(n-h, 0))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
}

// listColumns are the widths of a row's columns at one screen width. A
// column of width 0 is dropped; narrow panes drop the category, the feed,
// then the time.
type listColumns struct {
	title, when, feed, category int
}

const (
	markWidth     = 3  // cursor, flag and a space before the title
	gap           = 2  // between columns
	whenWidth     = 10 // "2024-07-14", "12시간 전"
	feedWidth     = 12
	categoryWidth = 12
)

// columnsFor lays out the columns at width; multiFeed adds the feed column.
func columnsFor(width int, multiFeed bool) listColumns {
	// Past 100 cells the feed and category columns take a share of the
	// room, up to twice their width, so names are not cut on a wide
	// screen.
	grow := min(max(width-100, 0)/8, feedWidth)
	c := listColumns{when: whenWidth, category: categoryWidth + grow}
	if multiFeed {
		c.feed = feedWidth + grow
	}
	if width < 100 && multiFeed {
		c.category = 0
	}
	if width < 64 {
		c.category, c.feed = 0, 0
	}
	if width < 40 {
		c.when = 0
	}
	used := markWidth
	for _, w := range []int{c.when, c.feed, c.category} {
		if w > 0 {
			used += gap + w
		}
	}
	c.title = max(width-used, 1)
	return c
}

// listView draws the header line, the visible rows and the footer.
func (m Model) listView() string {
	var b strings.Builder
	w := m.width
	now := m.cfg.Now()

	right := m.headerRight()
	b.WriteString(m.spread(m.headerLeft(w-render.Width(right)-1), right, w))
	b.WriteByte('\n')

	rows := m.listHeight()
	lines := m.listStatus()
	cols := columnsFor(w, len(m.feedChoices()) > 1 && m.feedOnly == "")
	end := min(m.list.offset+m.list.height, len(m.list.items))
	for i := m.list.offset; i < end; i++ {
		lines = append(lines, m.row(m.list.items[i], i == m.list.cursor, cols, now))
	}
	for len(lines) < rows {
		lines = append(lines, "")
	}
	b.WriteString(strings.Join(lines[:rows], "\n"))
	b.WriteByte('\n')

	pos := ""
	if n := len(m.list.items); n > 0 {
		pos = fmt.Sprintf("%d/%d", m.list.cursor+1, n)
	}
	b.WriteString(m.footer(m.sourceLabel(), pos))
	return b.String()
}

// headerLeft names what is on show: the brand, the feed or how many
// feeds, the filters and the unread count.
func (m Model) headerLeft(w int) string {
	// The title gives way first: the brand, the filter and the unread
	// count are what the header is for.
	var tail []string
	if m.unreadOnly {
		tail = append(tail, "[안 읽음만]")
	}
	if n := m.unread; n > 0 {
		tail = append(tail, fmt.Sprintf("안 읽음 %d", n))
	}
	const sep = " · "
	brand := m.styles.brand.Render("속보")
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

// headerRight shows a refresh in progress (3/7), the offline note, or the
// number of items.
func (m Model) headerRight() string {
	switch {
	case m.refreshing:
		return fmt.Sprintf("%s 새로 고침 %d/%d", m.spinner.View(), m.progress.Done, m.progress.Total)
	case m.note == "offline":
		return m.styles.err.Render(offlineNote(m.cfg.Now(), m.cacheFeeds))
	case m.note != "":
		return m.styles.err.Render(m.note)
	case len(m.list.items) > 0:
		return fmt.Sprintf("%d건", len(m.list.items))
	}
	return ""
}

// unreadCount counts the unread items of the feeds on show. It walks every
// item, so rebuildList calls it and View reads the result.
func (m Model) unreadCount() int {
	n := 0
	count := func(it *feed.Item) {
		if m.feedOnly != "" && it.Source != m.feedOnly {
			return
		}
		if st := m.rows[keyOf(it)]; st == nil || !st.read {
			n++
		}
	}
	for _, f := range m.feeds {
		for _, it := range f.Items {
			count(it)
		}
	}
	for _, it := range m.cached {
		count(it)
	}
	return n
}

// maxNotes is how many lines of errors and warnings stand above the rows.
const maxNotes = 3

// listStatus is what stands above the rows: load errors, the spinner, or
// a note that there is nothing to show. Errors never push every row off
// the screen.
func (m Model) listStatus() []string {
	rows := m.listHeight()
	var lines []string
	errs := m.errs
	if len(m.list.items) == 0 {
		errs = append(errs[:len(errs):len(errs)], m.refreshErrs...)
		if err := m.narrowedFeedError(); err != nil {
			errs = append(errs, err)
		}
	}
	notes := make([]string, 0, len(errs)+len(m.warns))
	for _, err := range errs {
		notes = append(notes, "오류: "+err.Error())
	}
	for _, err := range m.warns {
		notes = append(notes, "경고: "+err.Error())
	}
	if len(m.list.items) > 0 && len(notes) > maxNotes {
		// Rows are waiting: a few notes, and how many more.
		more := fmt.Sprintf("… 외 %d건 (모두 sokbo.log에)", len(notes)-maxNotes+1)
		notes = append(notes[:maxNotes-1:maxNotes-1], more)
	}
	for _, msg := range notes {
		if len(lines) >= rows-1 && len(m.list.items) > 0 {
			break
		}
		if len(m.list.items) > 0 {
			// Rows are waiting below: one line per note.
			lines = append(lines, m.styles.err.Render(render.Truncate(msg, m.width)))
			continue
		}
		// Nothing else to show: the whole message, wrapped.
		for _, l := range render.Wrap(msg, m.width) {
			lines = append(lines, m.styles.err.Render(l))
		}
	}
	switch {
	case m.pending > 0:
		lines = append(lines, render.Truncate(m.spinner.View()+" 불러오는 중…", m.width))
	case len(m.list.items) == 0 && m.refreshing:
		lines = append(lines, render.Truncate(m.spinner.View()+" 새로 고치는 중…", m.width))
	case len(m.list.items) == 0 && m.unreadOnly:
		lines = append(lines, m.styles.dim.Render(render.Truncate("안 읽은 기사가 없습니다. u: 모두 보기", m.width)))
	case len(m.list.items) == 0 && len(notes) == 0:
		lines = append(lines, m.styles.dim.Render(render.Truncate("기사가 없습니다.", m.width)))
	}
	return lines[:min(len(lines), rows)]
}

// layoutList gives the list the rows left under the status lines.
func (m *Model) layoutList() {
	m.list.setSize(m.width, m.listHeight()-len(m.listStatus()))
}

// row draws one headline: the cursor, a flag (* starred, N unread), the
// title, and the time, feed and category columns that fit.
func (m Model) row(it *feed.Item, selected bool, c listColumns, now time.Time) string {
	st := m.rows[keyOf(it)]
	if st == nil {
		st = &rowState{}
	}
	cursor, flag := " ", " "
	if selected {
		cursor = ">"
	}
	switch {
	case st.starred:
		flag = "*"
	case !st.read:
		flag = "N"
	}
	titleStyle := m.styles.plain
	switch {
	case selected:
		titleStyle = m.styles.selected
	case st.fresh:
		titleStyle = m.styles.title
	case st.read:
		titleStyle = m.styles.read
	}
	var b strings.Builder
	b.WriteString(titleStyle.Render(cursor + flag + " " + render.Pad(it.Title, c.title)))
	if c.when > 0 {
		b.WriteString(strings.Repeat(" ", gap))
		b.WriteString(m.styles.dim.Render(render.PadLeft(render.RelativeTime(now, it.Published), c.when)))
	}
	if c.feed > 0 {
		b.WriteString(strings.Repeat(" ", gap))
		b.WriteString(m.styles.dim.Render(render.Pad(st.feedName, c.feed)))
	}
	if c.category > 0 {
		b.WriteString(strings.Repeat(" ", gap))
		b.WriteString(m.styles.category.Render(render.Pad(strings.Join(it.Categories, ", "), c.category)))
	}
	return b.String()
}

// narrowedFeedError is the last fetch error of the cached feed the list
// is narrowed to, when its last fetch failed: an empty list then says why.
func (m Model) narrowedFeedError() error {
	if m.feedOnly == "" {
		return nil
	}
	for _, f := range m.cacheFeeds {
		if f.URL == m.feedOnly && f.LastError != "" {
			return fmt.Errorf("%s: %s", f.DisplayName(), f.LastError)
		}
	}
	return nil
}

// headerTitle names what is on show: the feed the list is narrowed to,
// the one feed, or how many feeds.
func (m Model) headerTitle() string {
	if m.feedOnly != "" {
		return m.feedName(m.feedOnly)
	}
	choices := m.feedChoices()
	switch len(choices) {
	case 0:
		return ""
	case 1:
		return choices[0].name
	}
	return fmt.Sprintf("피드 %d개", len(choices))
}

// sourceLabel is the footer's name for where the articles come from: the
// one source or feed, or how many there are.
func (m Model) sourceLabel() string {
	all := append([]string(nil), m.cfg.Sources...)
	if m.cfg.Library != nil {
		for _, s := range m.cfg.Library.Feeds {
			all = append(all, s.URL)
		}
	}
	if len(all) == 1 {
		return all[0]
	}
	return fmt.Sprintf("소스 %d개", len(all))
}

// spread puts left and right on one line of width w, truncating left
// first so the right part stays visible.
func (m Model) spread(left, right string, w int) string {
	rw := render.Width(right)
	if rw > 0 && rw+1 < w {
		left = render.Truncate(left, w-rw-1)
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
// not its start, when the line is short.
func (m Model) footerLine(label string, isSource bool, extra ...string) string {
	source := label
	var parts []string
	for _, r := range extra {
		if r != "" {
			parts = append(parts, r)
		}
	}
	if m.showHelp {
		parts = append(parts, "? 닫기")
	} else {
		parts = append(parts, "? 도움말")
	}
	right := strings.Join(parts, " · ")
	if m.status != "" {
		source = m.status
	} else if isSource {
		// A path or URL keeps its end, the file name, when cut.
		source = render.TruncateLeft(source, m.width-render.Width(right)-1)
	}
	return m.styles.footer.Render(m.spread(source, right, m.width))
}
