package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed/library"
	"sokbo/render"
)

// articleModel is the pager over one rendered article. Its lines come from
// the render cache; it only keeps a scroll offset.
type articleModel struct {
	keys   KeyMap
	styles styles

	entry *library.Entry
	want  renderKey // the rendering this view is waiting for or shows
	lines []string
	// links are the article's numbered links and spots where they stand
	// on its lines; count is a link's number being typed (3o), 0 for none
	// (links.go).
	links     []render.Link
	spots     []render.LinkSpot
	count     int
	err       error
	rendering bool
	offset    int
	width     int
	height    int
}

func newArticle(keys KeyMap, s styles, e *library.Entry) articleModel {
	return articleModel{keys: keys, styles: s, entry: e}
}

func (a *articleModel) setSize(w, h int) {
	a.width, a.height = w, h
	a.clamp()
}

func (a *articleModel) setContent(l laidArticle, err error) {
	lines := l.lines
	// Keep the reader's place, in proportion, when a resize re-wraps the
	// text.
	if len(a.lines) > 0 && len(lines) > 0 && a.offset > 0 {
		a.offset = a.offset * len(lines) / len(a.lines)
	}
	a.lines, a.links, a.spots, a.err, a.rendering = lines, l.links, l.spots, err, false
	a.clamp()
}

func (a *articleModel) maxOffset() int { return max(len(a.lines)-a.height, 0) }

func (a *articleModel) clamp() { a.offset = min(max(a.offset, 0), a.maxOffset()) }

// Update scrolls.
func (a articleModel) Update(msg tea.Msg) (articleModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		a.offset = scroll(a.keys, k, a.offset, a.height, a.maxOffset())
	}
	return a, nil
}

// scroll moves a pager's offset by a key: a line, a screen of height
// lines less one, or to either end; the result stays within 0 and end.
func scroll(keys KeyMap, k tea.KeyPressMsg, offset, height, end int) int {
	page := max(height-1, 1)
	switch {
	case key.Matches(k, keys.Up):
		offset--
	case key.Matches(k, keys.Down):
		offset++
	case key.Matches(k, keys.PageUp):
		offset -= page
	case key.Matches(k, keys.PageDown):
		offset += page
	case key.Matches(k, keys.Top):
		offset = 0
	case key.Matches(k, keys.Bottom):
		offset = end
	}
	return min(max(offset, 0), end)
}

// scrollPercent is how far through the article the bottom of the screen is.
func (a articleModel) scrollPercent() int {
	if len(a.lines) <= a.height {
		return 100
	}
	return (a.offset + a.height) * 100 / len(a.lines)
}

// View draws the visible lines, height lines in all; spin is the spinner
// shown while the article renders.
func (a articleModel) View(spin string) string {
	var lines []string
	switch {
	case a.err != nil:
		lines = []string{"", a.styles.err.Render(problemIn(a.styles.lang, noticeError, "", a.err).fit(a.styles.lang, a.width))}
	case a.rendering && a.lines == nil:
		lines = []string{"", render.Truncate("  "+spin+" "+a.styles.lang.Rendering(), a.width)}
	default:
		end := min(a.offset+a.height, len(a.lines))
		lines = a.lines[a.offset:end]
	}
	var b strings.Builder
	for i := range a.height {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(lines[i])
		}
	}
	return b.String()
}
