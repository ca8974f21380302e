package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"sokbo/render"
)

// The split pane: from splitMinWidth columns up, with Config.Split or
// after the Split key, the list stands on the left and the article under
// its cursor on the right, under one header and over one footer. Moving
// in the list shows the next article at once from the render cache, or
// renders it while the previous render is cancelled; showing it does not
// mark it read. Open (enter) gives the article the keys and marks it
// read, as it does full screen, and Back gives them to the list again.
// Below splitMinWidth, and in help and the other lists, one pane fills
// the screen as before.

// splitMinWidth is the narrowest screen that splits: below it the list's
// titles and the article would both be too narrow to read.
const splitMinWidth = 120

// splitRule stands between the panes. It is East Asian Ambiguous, two
// cells wide under --ambiguous wide, so it is measured (ruleWidth).
const splitRule = "│"

// ruleWidth is the width of splitRule under the width policy.
func ruleWidth() int { return render.Width(splitRule) }

// splitOn reports whether the screen is split now.
func (m Model) splitOn() bool {
	return m.split && m.width >= splitMinWidth && !m.showHelp &&
		(m.state == stateList || m.state == stateArticle)
}

// listWidth is the width of the list: the whole screen, or the left
// pane. The article pane takes the rest, at most render.ReadingWidth,
// and the list at least two fifths.
func (m Model) listWidth() int {
	if !m.splitOn() {
		return m.width
	}
	return max((m.width-ruleWidth())*2/5, m.width-ruleWidth()-render.ReadingWidth)
}

// splitGap is the blank cell between the list's rows and the rule, so
// that the last column of a row ("9시간 전", a date) does not run into it.
const splitGap = 1

// listRowWidth is the width the list lays its rows and notes out in: the
// whole screen, or the left pane less the gap before the rule.
func (m Model) listRowWidth() int {
	if !m.splitOn() {
		return m.width
	}
	return max(m.listWidth()-splitGap, 1)
}

// toggleSplit turns the split pane on or off.
func (m Model) toggleSplit() (Model, tea.Cmd) {
	m.split = !m.split
	switch {
	case m.split && m.width < splitMinWidth:
		m.status = info(m.lang.SplitNarrow())
	case m.split:
		m.status = info(m.lang.SplitOn())
	default:
		m.status = info(m.lang.SplitOff())
		if m.state == stateList {
			m.cancelRender()
		}
	}
	m.layout()
	return m, m.renderCurrent()
}

// syncPreview keeps the right pane on the list's cursor while the list
// has the keys: a new entry there is shown, from the cache or by a render
// that replaces the one in progress.
func (m *Model) syncPreview() tea.Cmd {
	if !m.splitOn() || m.state != stateList {
		return nil
	}
	e := m.list.current()
	switch {
	case e == nil:
		if m.article.entry != nil {
			m.cancelRender()
			m.article = newArticle(m.keys, m.styles, nil)
		}
		return nil
	case m.article.entry != nil && m.article.entry.Key() == e.Key():
		m.article.entry = e // the same item, perhaps newly marked
		return nil
	}
	m.article = newArticle(m.keys, m.styles, e)
	m.article.setQuery(m.articleQuery())
	return m.renderCurrent() // which sizes the article to its pane
}

// previewBehind reports whether the right pane is not on the entry under
// the list's cursor, while the list has the keys of a split screen.
func (m Model) previewBehind() bool {
	return m.splitOn() && m.state == stateList && m.list.current() != m.article.entry
}

// splitBody draws the two panes side by side, rows lines of each: the
// left padded to its width, a rule, then the right.
func (m Model) splitBody(left, right string, rows int) string {
	lw := m.listWidth()
	ls, rs := strings.Split(left, "\n"), strings.Split(right, "\n")
	rule := m.styles.dim.Render(splitRule)
	var b strings.Builder
	for i := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		l := ""
		if i < len(ls) {
			l = ls[i]
		}
		w := render.Width(l)
		if w > lw {
			l = render.Truncate(l, lw)
			w = render.Width(l)
		}
		b.WriteString(l)
		b.WriteString(strings.Repeat(" ", max(lw-w, 0)))
		b.WriteString(rule)
		if i < len(rs) {
			b.WriteString(rs[i])
		}
	}
	return b.String()
}

// splitPanes is the body of the split screen from the list's view: the
// alert's notice first, across the whole width (m.banner), then the
// panes.
func (m Model) splitPanes(list string) string {
	rows := m.list.height
	if m.banner {
		banner, rest, _ := strings.Cut(list, "\n")
		return render.Truncate(banner, m.width) + "\n" + m.splitBody(rest, m.articlePane(m.spinner.View()), max(rows-1, 1))
	}
	return m.splitBody(list, m.articlePane(m.spinner.View()), rows)
}

// articlePane is the right pane: the article, or nothing when the list
// is empty.
func (m Model) articlePane(spin string) string {
	if m.article.entry == nil {
		return ""
	}
	return m.article.View(spin)
}
