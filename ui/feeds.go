package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sokbo/render"
)

// scopeKind is what the list is narrowed to: everything, the starred
// items, a saved view, a tag or one feed.
type scopeKind uint8

const (
	scopeAll scopeKind = iota
	scopeStarred
	scopeView
	scopeTag
	scopeFeed
)

// scope is one entry of the feed list, and what the list shows once it is
// opened. value is the view's query, the tag, or the feed's Source.
type scope struct {
	kind  scopeKind
	name  string
	value string
}

// feedRow is one line of the feed list: a scope with its unread count
// and its feed's last error, or a section's title.
type feedRow struct {
	scope
	title   bool // a section's title, which the cursor skips
	unread  int
	counted bool // unread is known (a saved view's is counted by a search)
	err     string
}

// feedListModel is the feed list opened with F (or Tab, or f): every
// feed, tag and saved view, and 별표, each with its unread count and its
// feed's last error. Enter opens one. Its rows are built by the root,
// which knows the items; it only moves and draws. Use newFeedList.
type feedListModel struct {
	keys   KeyMap
	styles styles
	rows   []feedRow
	cursor int
	offset int
	width  int
	height int
}

func newFeedList(keys KeyMap, s styles, rows []feedRow, current scope) feedListModel {
	f := feedListModel{keys: keys, styles: s, rows: rows}
	for i, r := range rows {
		if !r.title && r.scope == current {
			f.cursor = i
			break
		}
	}
	f.clamp(1)
	return f
}

func (f *feedListModel) setSize(w, h int) {
	f.width, f.height = w, h
	f.clamp(1)
}

// setRows replaces the rows (their counts arrived), keeping the cursor on
// the same scope.
func (f *feedListModel) setRows(rows []feedRow) {
	cur := f.current()
	f.rows = rows
	for i, r := range rows {
		if !r.title && r.scope == cur {
			f.cursor = i
			break
		}
	}
	f.clamp(1)
}

func (f feedListModel) current() scope {
	if f.cursor < 0 || f.cursor >= len(f.rows) {
		return scope{}
	}
	return f.rows[f.cursor].scope
}

// feedListEvent is what a key did in the feed list.
type feedListEvent uint8

const (
	feedListNone  feedListEvent = iota
	feedListOpen                // enter: open the row under the cursor
	feedListClose               // esc, q, F, Tab: back to the list as it was
)

// Update moves the cursor, or opens or closes.
func (f feedListModel) Update(msg tea.Msg) (feedListModel, feedListEvent) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return f, feedListNone
	}
	page := max(f.rows1()-1, 1)
	dir := 1
	switch {
	case key.Matches(k, f.keys.Open):
		return f, feedListOpen
	case key.Matches(k, f.keys.Back), key.Matches(k, f.keys.FeedList):
		return f, feedListClose
	case key.Matches(k, f.keys.Up):
		f.cursor--
		dir = -1
	case key.Matches(k, f.keys.Down):
		f.cursor++
	case key.Matches(k, f.keys.PageUp):
		f.cursor -= page
		dir = -1
	case key.Matches(k, f.keys.PageDown):
		f.cursor += page
	case key.Matches(k, f.keys.Top):
		f.cursor = 0
	case key.Matches(k, f.keys.Bottom):
		f.cursor = len(f.rows) - 1
		dir = -1
	}
	f.clamp(dir)
	return f, feedListNone
}

// rows1 is how many rows fit under the title line.
func (f feedListModel) rows1() int { return max(f.height-1, 1) }

// clamp keeps the cursor on a row that is not a title, moving it in dir
// past titles, and on screen.
func (f *feedListModel) clamp(dir int) {
	n := len(f.rows)
	f.cursor = min(max(f.cursor, 0), max(n-1, 0))
	for f.cursor >= 0 && f.cursor < n && f.rows[f.cursor].title {
		f.cursor += dir
	}
	if f.cursor < 0 || f.cursor >= n {
		// A title at an end: the nearest row the other way.
		f.cursor = min(max(f.cursor, 0), max(n-1, 0))
		for f.cursor >= 0 && f.cursor < n && f.rows[f.cursor].title {
			f.cursor -= dir
		}
		f.cursor = min(max(f.cursor, 0), max(n-1, 0))
	}
	h := f.rows1()
	// Keep a section's title on screen above its first row.
	top := f.cursor
	if top > 0 && f.rows[top-1].title {
		top--
	}
	f.offset = min(max(f.offset, 0), max(n-h, 0))
	if top < f.offset {
		f.offset = top
	}
	if f.cursor >= f.offset+h {
		f.offset = f.cursor - h + 1
	}
}

// View draws a title line and the rows on show, height lines in all.
func (f feedListModel) View() string {
	lines := make([]string, 0, f.height)
	lines = append(lines, render.Truncate(f.styles.brand.Render(f.styles.lang.Brand())+" · "+f.styles.lang.FeedListTitle(), f.width))
	end := min(f.offset+f.rows1(), len(f.rows))
	for i := f.offset; i < end; i++ {
		lines = append(lines, f.row(f.rows[i], i == f.cursor))
	}
	for len(lines) < f.height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:f.height], "\n")
}

// row draws one row: the cursor, the name, the feed's last error, and
// the unread count at the right.
func (f feedListModel) row(r feedRow, selected bool) string {
	if r.title {
		return f.styles.dim.Render(render.Truncate(" "+r.name, f.width))
	}
	cursor := "  "
	if selected {
		cursor = "> "
	}
	count := ""
	switch {
	case !r.counted:
		count = "…"
	case r.unread > 0:
		count = render.Thousands(r.unread)
	}
	room := f.width - render.Width(cursor) - render.Width(count) - 1
	if room < 1 {
		return render.Truncate(cursor+r.name, f.width)
	}
	name := r.name
	if r.kind == scopeTag {
		name = "#" + name
	}
	name = render.Truncate(name, room)
	left := name
	if r.err != "" {
		if errRoom := room - render.Width(name) - 2; errRoom >= 6 {
			left += "  " + f.styles.err.Render(render.Truncate(r.err, errRoom))
		}
	}
	style := f.styles.plain
	if selected {
		style = f.styles.selected
	}
	gap := f.width - render.Width(cursor) - render.Width(left) - render.Width(count)
	return style.Render(cursor) + style.Render(left) + strings.Repeat(" ", max(gap, 1)) + f.styles.dim.Render(count)
}
