package ui

import (
	"time"

	"sokbo/feed/library"
	"sokbo/render"
)

// nextTimeChange is when a time on the screen will next read otherwise
// ("방금" becomes "1분 전", "59분 전" becomes "1시간 전", "어제" at
// midnight), by the reader's clock: the times of the list's rows on show,
// and of the header's offline note. The zero time means none will, and
// now is the clock's reading it counted from. The screen (screen.go) sets
// one timer for it, so an idle reader wakes only when what it shows
// changes: once a minute at most while a row says minutes, once an hour
// for hours, at midnight for days.
func (m Model) nextTimeChange() (due, now time.Time) {
	now = m.cfg.Now()
	if m.width <= 0 || m.height <= 0 || m.showHelp {
		return time.Time{}, now
	}
	listShown := m.state == stateList || m.state == stateArticle && m.splitOn()
	if !listShown {
		return time.Time{}, now
	}
	soonest := func(t time.Time) {
		if c := render.RelativeTimeChanges(now, t); !c.IsZero() && (due.IsZero() || c.Before(due)) {
			due = c
		}
	}
	l := m.list
	if columnsFor(l.width, l.multiFeed).when > 0 {
		for _, e := range l.items[min(l.offset, len(l.items)):min(l.offset+l.rows(), len(l.items))] {
			soonest(e.Published)
		}
	}
	if m.refresher.conn == connOffline {
		soonest(library.LastSaved(m.view.CachedFeeds()))
	}
	return due, now
}
