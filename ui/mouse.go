package ui

import (
	"sokbo/render/lang"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The mouse, when Config.Mouse is on: the wheel scrolls what is under
// it (the list, an article, help, a pipe's output, the link and feed
// lists); a click on a headline selects it and a double click opens it;
// a click on a numbered link of an article, or on the item's link in its
// header, opens it as 3o and o do. In the link and feed lists a click
// selects a row and a double click opens it. The clock is Config.Now, so
// tests click twice without waiting.

// mouseHelp is the help's section on the mouse.
func mouseHelp(l lang.Lang) helpSection {
	return helpSection{l.SectionMouse(), []key.Binding{
		key.NewBinding(key.WithHelp(l.MouseWheel(), l.MouseScroll())),
		key.NewBinding(key.WithHelp(l.MouseClick(), l.MouseClickDoes())),
		key.NewBinding(key.WithHelp(l.MouseDoubleClick(), l.MouseDoubleClickDoes())),
	}}
}

// wheelLines is how far one notch of the wheel scrolls, as bubbles'
// viewport does.
const wheelLines = 3

// doubleClick is the longest time between the two clicks of a double
// click, on the same row.
const doubleClick = 500 * time.Millisecond

// lastClick is the click before, to tell a double click.
type lastClick struct {
	at    time.Time
	y     int
	state state
}

// area is a rectangle of the screen, in cells.
type area struct{ x, y, w, h int }

func (r area) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// listArea is where the list's notes and rows are drawn: under the
// header, above the footer.
func (m Model) listArea() area {
	return area{0, 1, m.listWidth(), max(m.height-2, 1)}
}

// articleArea is where the article's lines are drawn: the screen above
// the footer, or the right pane.
func (m Model) articleArea() area {
	if m.splitOn() {
		lw := m.listWidth()
		rw := ruleWidth()
		if m.banner {
			// Under the alert's notice, which spans both panes.
			return area{lw + rw, 2, m.width - lw - rw, max(m.height-3, 1)}
		}
		return area{lw + rw, 1, m.width - lw - rw, max(m.height-2, 1)}
	}
	return area{0, 0, m.width, m.bodyHeight()}
}

// mouse handles a click or a turn of the wheel.
func (m Model) mouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if m.pipe.active || m.find.confirm > 0 {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft {
			return m, nil
		}
		double := m.isDouble(msg.Y)
		m.status = notice{}
		return m.click(msg.X, msg.Y, double)
	}
	return m, nil
}

// isDouble records a click on row y and reports whether it is the second
// of a double click. The third click of three starts again.
func (m *Model) isDouble(y int) bool {
	now := m.cfg.Now()
	prev := m.lastClick
	m.lastClick = lastClick{at: now, y: y, state: m.state}
	if !prev.at.IsZero() && prev.y == y && prev.state == m.state && now.Sub(prev.at) >= 0 && now.Sub(prev.at) <= doubleClick {
		m.lastClick = lastClick{}
		return true
	}
	return false
}

// wheel scrolls what is under the pointer.
func (m Model) wheel(msg tea.MouseWheelMsg) (tea.Model, tea.Cmd) {
	var d int
	switch msg.Button {
	case tea.MouseWheelUp:
		d = -wheelLines
	case tea.MouseWheelDown:
		d = wheelLines
	default:
		return m, nil
	}
	switch {
	case m.showHelp:
		m.help.offset += d
		m.help.clamp()
	case m.state == stateOutput:
		m.output.offset = min(max(m.output.offset+d, 0), m.output.maxOffset())
	case m.state == stateLinks:
		m.links.cursor += d
		m.links.clamp()
	case m.state == stateFeeds:
		m.find.feeds.cursor += d
		m.find.feeds.clamp(sign(d))
	case m.state == stateArticle && !m.splitOn(),
		m.splitOn() && m.articleArea().contains(msg.X, msg.Y):
		m.article.offset += d
		m.article.clamp()
	default:
		m.list.held = true
		m.list.scrollBy(d)
		return m, m.moreHits()
	}
	return m, nil
}

func sign(d int) int {
	if d < 0 {
		return -1
	}
	return 1
}

// click acts on a left click at x, y; double says it is the second of a
// double click.
func (m Model) click(x, y int, double bool) (tea.Model, tea.Cmd) {
	switch {
	case m.showHelp, m.state == stateOutput:
		return m, nil
	case m.state == stateLinks:
		e, ok := m.links.at(y)
		if !ok {
			return m, nil
		}
		m.links.cursor = m.links.index(e)
		m.links.clamp()
		if !double {
			return m, nil
		}
		chosen := linkChosenMsg{n: e.n, url: e.url}
		return m, func() tea.Msg { return chosen }
	case m.state == stateFeeds:
		i, ok := m.find.feeds.at(y)
		if !ok {
			return m, nil
		}
		m.find.feeds.cursor = i
		m.find.feeds.clamp(1)
		if !double {
			return m, nil
		}
		return m.openScope()
	}
	if a := m.articleArea(); (m.state == stateArticle || m.splitOn()) && a.contains(x, y) {
		if double {
			return m, nil // the first click did it: one link opens once
		}
		return m.clickArticle(x-a.x, y-a.y)
	}
	if m.state == stateList || m.splitOn() {
		return m.clickList(x, y, double)
	}
	return m, nil
}

// clickList selects the headline at x, y, and opens it on a double click.
func (m Model) clickList(x, y int, double bool) (tea.Model, tea.Cmd) {
	a := m.listArea()
	if !a.contains(x, y) {
		return m, nil
	}
	i, ok := m.list.at(y - a.y)
	if !ok {
		return m, nil
	}
	m.list.held = true
	m.list.cursor = i
	m.list.clamp()
	if m.state == stateArticle {
		// Split: the list takes the keys again, and shows its choice.
		m.state = stateList
		m.layout()
	}
	if double {
		return m.openEntry(m.list.items[i])
	}
	return m, m.moreHits()
}

// clickArticle opens the link drawn at x, y of the article. In a split
// pane a click on the article under the list's cursor gives it the keys,
// and opens it as Open does.
func (m Model) clickArticle(x, y int) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	if m.state == stateList {
		e := m.list.current()
		if e == nil {
			return m, nil
		}
		var cmd tea.Cmd
		m, cmd = m.openEntry(e)
		cmds = append(cmds, cmd)
	}
	if n, ok := m.article.linkAt(x, y); ok {
		var cmd tea.Cmd
		m, cmd = m.openLink(n)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// at is the row of the item drawn on line y of the list's view (0 is its
// first line, notes included).
func (l listModel) at(y int) (int, bool) {
	row := y - len(l.notes)
	if row < 0 || row >= l.rows() {
		return 0, false
	}
	i := l.offset + row
	if i >= len(l.items) {
		return 0, false
	}
	return i, true
}

// scrollBy scrolls the rows by d, as a wheel does: the cursor stays where
// it is while it is on screen, and is carried along at the edge.
func (l *listModel) scrollBy(d int) {
	h := l.rows()
	l.offset = min(max(l.offset+d, 0), max(len(l.items)-h, 0))
	l.cursor = min(max(l.cursor, l.offset), l.offset+h-1)
	l.clamp()
}

// index is e's place in the link list.
func (l linksModel) index(e linkEntry) int {
	for i, x := range l.entries {
		if x == e {
			return i
		}
	}
	return l.cursor
}

// at is the row drawn on line y of the feed list (0 is its title), when
// it is one the cursor can stand on.
func (f feedListModel) at(y int) (int, bool) {
	if y < 1 || y >= f.height {
		return 0, false
	}
	i := f.offset + y - 1
	if i >= len(f.rows) || i >= f.offset+f.rows1() || f.rows[i].title {
		return 0, false
	}
	return i, true
}
