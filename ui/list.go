package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed/library"
	"sokbo/feed/search"
	"sokbo/render"
	"sokbo/render/lang"
)

// listModel is the headline list: the entries on show, a cursor and an
// offset, and the notes that stand above the rows. Its view draws just
// the rows on screen, so a key costs the same with ten items or ten
// thousand.
type listModel struct {
	keys   KeyMap
	styles styles
	now    func() time.Time
	lang   lang.Lang

	items  []*library.Entry
	cursor int
	offset int
	width  int
	height int // rows for notes and headlines together
	// multiFeed adds the feed column.
	multiFeed bool
	// notes are drawn above the rows, one line each, already styled.
	notes []string
	// highlight, when not nil, is the search whose matches are drawn in
	// the titles (find.go).
	highlight *search.Query
	// held is set once the reader has pressed a key: until then the
	// cursor stays on the newest headline, the top row, however the
	// sources' items merge in as they arrive.
	held bool
}

func newList(keys KeyMap, s styles, now func() time.Time) listModel {
	return listModel{keys: keys, styles: s, now: now}
}

// setItems replaces the entries on show. Before the first key the cursor
// stays on the top row, the newest headline. After it, the cursor stays
// on the same article, at the same row of the screen, when a refresh or a
// source adds items: the cache hands back new values, so match by key.
// When the article is gone the cursor keeps its place.
func (l *listModel) setItems(items []*library.Entry) {
	if !l.held {
		l.items, l.cursor, l.offset = items, 0, 0
		l.clamp()
		return
	}
	cur := l.current()
	row := l.cursor - l.offset
	l.items = items
	if cur != nil {
		k := cur.Key()
		for i, e := range items {
			if e == cur || e.Key() == k {
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

// setNotes sets the lines above the rows; they never take every row while
// there are headlines to show.
func (l *listModel) setNotes(notes []string) {
	l.notes = notes
	l.clamp()
}

// rows is how many headlines fit under the notes.
func (l listModel) rows() int { return max(l.height-len(l.notes), 1) }

func (l listModel) current() *library.Entry {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return nil
	}
	return l.items[l.cursor]
}

// Update moves the cursor.
func (l listModel) Update(msg tea.Msg) (listModel, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return l, nil
	}
	page := max(l.rows()-1, 1)
	switch {
	case key.Matches(k, l.keys.Up):
		l.cursor--
	case key.Matches(k, l.keys.Down):
		l.cursor++
	case key.Matches(k, l.keys.PageUp):
		l.cursor -= page
		l.offset -= page
	case key.Matches(k, l.keys.PageDown):
		l.cursor += page
		l.offset += page
	case key.Matches(k, l.keys.Top):
		l.cursor = 0
	case key.Matches(k, l.keys.Bottom):
		l.cursor = len(l.items) - 1
	}
	l.clamp()
	return l, nil
}

// clamp keeps the cursor on an item and the cursor's row on screen.
func (l *listModel) clamp() {
	n := len(l.items)
	l.cursor = min(max(l.cursor, 0), max(n-1, 0))
	h := l.rows()
	l.offset = min(max(l.offset, 0), max(n-h, 0))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
}

// View draws the notes and the visible rows, height lines in all.
func (l listModel) View() string {
	lines := make([]string, 0, l.height)
	lines = append(lines, l.notes...)
	cols := columnsFor(l.width, l.multiFeed)
	now := l.now()
	end := min(l.offset+l.rows(), len(l.items))
	for i := l.offset; i < end; i++ {
		lines = append(lines, l.row(l.items[i], i == l.cursor, cols, now))
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:l.height], "\n")
}

// listColumns are the widths of a row's columns at one screen width. A
// column of width 0 is dropped; narrow panes drop the category, the feed,
// then the time.
type listColumns struct {
	title, when, feed, category int
}

const (
	markWidth     = 4  // cursor, two flags and a space before the title
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

// row draws one headline: the cursor, the flags (N unread, * starred,
// both as N*), the title, and the time, feed and category columns that
// fit. An untitled item shows its first words, dimmed.
func (l listModel) row(e *library.Entry, selected bool, c listColumns, now time.Time) string {
	cursor, unread, star := " ", " ", " "
	if selected {
		cursor = ">"
	}
	if !e.Read {
		unread = "N"
	}
	if e.Starred {
		star = "*"
	}
	flag := unread + star
	title := e.Title
	if title == "" {
		title = e.Lead
	}
	titleStyle := l.styles.plain
	switch {
	case selected:
		titleStyle = l.styles.selected
	case e.Fresh:
		titleStyle = l.styles.title
	case e.Read:
		titleStyle = l.styles.read
	}
	var b strings.Builder
	if e.Title == "" {
		lead := l.styles.lead
		if selected {
			lead = l.styles.leadSelected
		}
		b.WriteString(titleStyle.Render(cursor+flag+" ") + lead.Render(render.Pad(title, c.title)))
	} else {
		b.WriteString(titleStyle.Render(cursor+flag+" ") + l.highlighted(title, c.title, titleStyle))
	}
	if c.when > 0 {
		b.WriteString(strings.Repeat(" ", gap))
		b.WriteString(l.styles.dim.Render(render.PadLeft(render.RelativeTime(l.lang, now, e.Published), c.when)))
	}
	if c.feed > 0 {
		b.WriteString(strings.Repeat(" ", gap))
		b.WriteString(l.styles.dim.Render(render.Pad(e.FeedName, c.feed)))
	}
	if c.category > 0 {
		b.WriteString(strings.Repeat(" ", gap))
		b.WriteString(l.styles.category.Render(render.Pad(strings.Join(e.Categories, ", "), c.category)))
	}
	return b.String()
}
