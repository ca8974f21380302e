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

// articleModel is the pager over one rendered article. Its lines come from
// the render cache; it only keeps a scroll offset.
type articleModel struct {
	item      *feed.Item
	want      renderKey // the rendering this view is waiting for or shows
	lines     []string
	err       error
	rendering bool
	offset    int
	width     int
	height    int
}

func (a *articleModel) setSize(w, h int) {
	a.width, a.height = w, h
	a.clamp()
}

func (a *articleModel) setContent(lines []string, err error) {
	// Keep the reader's place, in proportion, when a resize re-wraps the
	// text.
	if len(a.lines) > 0 && len(lines) > 0 && a.offset > 0 {
		a.offset = a.offset * len(lines) / len(a.lines)
	}
	a.lines, a.err, a.rendering = lines, err, false
	a.clamp()
}

func (a *articleModel) maxOffset() int { return max(len(a.lines)-a.height, 0) }

func (a *articleModel) clamp() { a.offset = min(max(a.offset, 0), a.maxOffset()) }

func (a *articleModel) handleKey(msg tea.KeyPressMsg, k KeyMap) {
	page := max(a.height-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		a.offset--
	case key.Matches(msg, k.Down):
		a.offset++
	case key.Matches(msg, k.PageUp):
		a.offset -= page
	case key.Matches(msg, k.PageDown):
		a.offset += page
	case key.Matches(msg, k.Top):
		a.offset = 0
	case key.Matches(msg, k.Bottom):
		a.offset = a.maxOffset()
	}
	a.clamp()
}

// scrollPercent is how far through the article the bottom of the screen is.
func (a *articleModel) scrollPercent() int {
	if len(a.lines) <= a.height {
		return 100
	}
	return (a.offset + a.height) * 100 / len(a.lines)
}

func (m Model) articleView() string {
	a := m.article
	var lines []string
	switch {
	case a.err != nil:
		lines = []string{"", m.styles.err.Render(render.Truncate("  오류: "+a.err.Error(), m.width))}
	case a.rendering && a.lines == nil:
		lines = []string{"", render.Truncate("  "+m.spinner.View()+" 렌더링 중…", m.width)}
	default:
		end := min(a.offset+a.height, len(a.lines))
		lines = a.lines[a.offset:end]
	}
	var b strings.Builder
	for i := range a.height {
		if i < len(lines) {
			b.WriteString(lines[i])
		}
		b.WriteByte('\n')
	}
	pos := ""
	if n := len(m.list.items); n > 0 {
		pos = fmt.Sprintf("%d/%d", m.list.cursor+1, n)
	}
	b.WriteString(m.footer(m.sourceLabel(), pos, fmt.Sprintf("%d%%", a.scrollPercent())))
	return b.String()
}

// articleLines lays out a whole article at width: the header and the body,
// by render.Page. It runs in a command, never in View.
func articleLines(it *feed.Item, md string, width int, style render.Style, loc *time.Location) ([]string, error) {
	out, err := render.Page(render.ArticleDoc(it, md, loc), width, style)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimRight(out, "\n"), "\n"), nil
}
