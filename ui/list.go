package ui

import (
	"slices"
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
	// blurred draws the cursor's row as the pane without the keys: the
	// article beside the list has them.
	blurred bool
	// notes are drawn above the rows, one line each, already styled.
	notes []string
	// highlight, when not nil, is the search whose matches are drawn in
	// the titles (find.go).
	highlight *search.Query
	// held is set once the reader has pressed a key: until then the
	// cursor stays on the newest headline, the top row, however the
	// sources' items merge in as they arrive.
	held bool
	// overhang is how many rows the window may stand past the end of the
	// list: items that arrive above the cursor of a list shorter than
	// the screen push the window down rather than the cursor's row. It
	// only shrinks as the reader moves.
	overhang int
	// folds describe the rows of folded stories, by row; nil when no
	// story is folded (live.go).
	folds []rowFold
	// flat is every entry on show, the folded ones too, newest first:
	// what A marks and the unread count counts.
	flat []*library.Entry
	// alerts are the entries an [[alert]] rule matched, drawn with !.
	alerts map[library.Key]bool
}

func newList(keys KeyMap, s styles, now func() time.Time) listModel {
	return listModel{keys: keys, styles: s, now: now}
}

// setItems replaces the entries on show. Before the first key the cursor
// stays on the top row, the newest headline. After it, the cursor stays
// on the same article, at the same row of the screen, when a refresh or a
// source adds items: the cache hands back new values, so match by key.
// When the article is gone the cursor keeps its place.
//
// So the list never moves under the reader: what arrives above the
// window stays above it (the header counts it, newAbove), and the row
// under the cursor keeps its line even in a list shorter than the screen.
func (l *listModel) setItems(items []*library.Entry, folds []rowFold) {
	if !l.held {
		l.items, l.folds, l.cursor, l.offset, l.overhang = items, folds, 0, 0, 0
		l.clamp()
		return
	}
	cur := l.current()
	row := l.cursor - l.offset
	l.items, l.folds = items, folds
	if cur != nil {
		k := cur.Key()
		// The cursor's article is most often where it was, or a few
		// rows below when items arrived above it: look there first.
		found := false
		for i := l.cursor; i < len(items) && i < l.cursor+256; i++ {
			if e := items[i]; e == cur || e.Key() == k {
				l.cursor, found = i, true
				break
			}
		}
		for i := 0; !found && i < len(items); i++ {
			if e := items[i]; e == cur || e.Key() == k {
				l.cursor, found = i, true
			}
		}
		// An item folded away: the cursor goes to its story's row.
		for i := 0; !found && i < len(folds); i++ {
			if f := folds[i]; f.story != nil && !f.member && slices.ContainsFunc(f.story.members, func(e *library.Entry) bool { return e.Key() == k }) {
				l.cursor, found = i, true
			}
		}
	}
	l.offset = l.cursor - row
	l.overhang = max(l.offset-max(len(items)-l.rows(), 0), 0)
	l.clamp()
}

// fill lets the window stand no further than the list's end, so that
// the screen is full: after the reader changed what the list shows (a
// filter, a search, the unread-only view, a story folded), the rows above
// the window are not arrivals the header counts, and a window kept past
// the end would hide them above a blank screen. The cursor stays on its
// item, at its line where the list is long enough.
func (l *listModel) fill() {
	l.overhang = 0
	l.clamp()
}

func (l *listModel) setSize(w, h int) {
	l.width, l.height = w, h
	l.clamp()
}

// setNotes sets the lines above the rows; they never take every row while
// there are headlines to show.
//
// Once the reader holds the cursor, a note that comes or goes scrolls
// the window by as many rows, so the cursor's row keeps its line.
func (l *listModel) setNotes(notes []string) {
	if d := len(notes) - len(l.notes); d != 0 && l.held {
		l.offset += d
		l.overhang = max(l.overhang, l.offset-max(len(l.items)-max(l.height-len(notes), 1), 0))
	}
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
	case key.Matches(k, l.keys.Newest):
		l.cursor = l.newest()
	}
	l.clamp()
	return l, nil
}

// newest is the row of the newest arrival: the first row marked new, or
// the top row.
func (l listModel) newest() int {
	for i := range l.items {
		if l.fresh(i) {
			return i
		}
	}
	return 0
}

// newAbove counts the rows marked new above the window.
func (l listModel) newAbove() int {
	n := 0
	for i := range min(l.offset, len(l.items)) {
		if l.fresh(i) {
			n++
		}
	}
	return n
}

// fresh reports whether row i is marked new: its item, or for a folded
// story one of its items.
func (l listModel) fresh(i int) bool {
	if i < len(l.folds) && l.folds[i].fresh {
		return true
	}
	return l.items[i].Fresh
}

// clamp keeps the cursor on an item and the cursor's row on screen.
func (l *listModel) clamp() {
	n := len(l.items)
	l.cursor = min(max(l.cursor, 0), max(n-1, 0))
	h := l.rows()
	l.offset = min(max(l.offset, 0), max(n-h, 0)+l.overhang)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
	l.overhang = min(l.overhang, max(l.offset-max(n-h, 0), 0))
}

// View draws the notes and the visible rows, height lines in all.
func (l listModel) View() string {
	lines := make([]string, 0, l.height)
	lines = append(lines, l.notes...)
	cols := columnsFor(l.width, l.multiFeed)
	now := l.now()
	if cols.when > 0 {
		// The time column as wide as its widest time, the title the rest.
		w := l.whenCells(now)
		cols.title, cols.when = cols.title+cols.when-w, w
		if w == 0 {
			cols.title += gap // and the gap before the column
		}
	}
	end := min(l.offset+l.rows(), len(l.items))
	for i := l.offset; i < end; i++ {
		var f rowFold
		if i < len(l.folds) {
			f = l.folds[i]
		}
		lines = append(lines, l.row(l.items[i], f, i == l.cursor, cols, now))
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:l.height], "\n")
}

// whenCells is how wide the time column must be for every time the list
// can show now: the widest of the times of its newest and oldest dated
// items, and of the widest time of each kind ("59분 전", "23시간 전",
// "어제", "6일 전", a date) whose span of ages lies between them. Items are
// newest first, so every row's time is of one of those kinds; the
// column holds still as the list scrolls, and a list of one day's dates
// ("11-24") gives its titles the five cells a year would take. At most
// whenWidth; 0 when no row is dated, the titles then taking the column's
// room.
func (l listModel) whenCells(now time.Time) int {
	var newest, oldest time.Time
	for _, e := range l.items {
		if !e.Published.IsZero() {
			newest = e.Published
			break
		}
	}
	for i := len(l.items) - 1; i >= 0 && oldest.IsZero(); i-- {
		oldest = l.items[i].Published
	}
	if newest.IsZero() {
		if len(l.items) > 0 {
			return 0 // rows, none of them dated: no column to keep
		}
		return whenWidth // no rows yet: the room a date takes
	}
	if oldest.After(newest) {
		oldest, newest = newest, oldest // folded rows stand at their newest
	}
	w := 0
	widest := func(t time.Time) {
		if !t.Before(oldest) && !t.After(newest) {
			w = max(w, render.Width(render.RelativeTime(l.lang, now, t)))
		}
	}
	widest(newest)
	widest(oldest)
	// One time of each kind RelativeTime says: just now, minutes, hours,
	// yesterday (a day ago is always the day before), days, a date.
	for _, d := range []time.Duration{30 * time.Second, 59 * time.Minute, 23 * time.Hour, 24*time.Hour + time.Minute, 6 * 24 * time.Hour, 8 * 24 * time.Hour} {
		widest(now.Add(-d))
		widest(now.Add(d))
	}
	return min(max(w, 1), whenWidth)
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

// row draws one headline: the cursor, the flags (N unread, + new since
// the reader last looked, ! an alert's match; * starred, so N* or +*),
// the title, and the time, feed and category columns that fit. An
// untitled item shows its first words, dimmed. A folded story's row
// ends its title with the outlets that reported it ("· 가람일보 외 4곳");
// the items of an expanded one stand indented below it.
func (l listModel) row(e *library.Entry, f rowFold, selected bool, c listColumns, now time.Time) string {
	cursor, unread, star := " ", " ", " "
	if selected {
		cursor = ">"
	}
	alerted := l.alerts[e.Key()] && !e.Read || f.alerted
	fresh, read := e.Fresh || f.fresh, e.Read && !f.unread
	switch {
	case alerted:
		unread = "!"
	case fresh:
		unread = "+"
	case !read:
		unread = "N"
	}
	if e.Starred || f.starred {
		star = "*"
	}
	flag := unread + star
	title := e.Title
	if title == "" {
		title = e.Lead
	}
	titleStyle := l.styles.plain
	switch {
	case selected && l.blurred:
		titleStyle = l.styles.blurred
	case selected:
		titleStyle = l.styles.selected
	case alerted:
		titleStyle = l.styles.alert
	case fresh:
		titleStyle = l.styles.title
	case read:
		titleStyle = l.styles.read
	}
	tw := c.title
	indent := ""
	if f.member && tw > 6 {
		indent = "  "
		tw -= 2
	}
	// A story's outlets follow its title, which keeps at least half its
	// room: on a narrow screen the lead's outlet goes first (" · 외 2곳"),
	// then the whole suffix.
	suffix, pad := f.suffix(l.lang, e, tw, c.feed > 0), 0
	if sw := render.Width(suffix); sw > 0 {
		w := render.Width(render.TruncateTitle(title, tw-sw))
		pad, tw = tw-sw-w, w
	}
	var b strings.Builder
	b.WriteString(titleStyle.Render(cursor+flag+" ") + indent)
	if e.Title == "" {
		lead := l.styles.lead
		if selected {
			lead = l.styles.leadSelected
		}
		b.WriteString(lead.Render(render.Pad(render.TruncateTitle(title, tw), tw)))
	} else {
		b.WriteString(l.highlighted(title, tw, titleStyle))
	}
	if suffix != "" {
		b.WriteString(l.styles.dim.Render(suffix) + strings.Repeat(" ", pad))
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
