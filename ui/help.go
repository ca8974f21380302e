package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sokbo/render"
)

// helpLines lays out every binding of the key map, one section after
// another, in as many columns as the width allows.
func (m Model) helpLines() []string {
	keyCol := 0
	for _, sec := range m.keys.helpSections() {
		for _, b := range sec.bindings {
			keyCol = max(keyCol, render.Width(b.Help().Key))
		}
	}
	// The description wraps beside its key, or below it when the screen
	// is too narrow for both.
	indent, descWidth := 2+keyCol+1, m.width-2-keyCol-3
	below := descWidth < 10
	if below {
		indent, descWidth = 4, max(m.width-6, 1)
	}
	var blocks [][]string
	for _, sec := range m.keys.helpSections() {
		block := []string{m.styles.title.Render(sec.title)}
		for _, b := range sec.bindings {
			h := b.Help()
			desc := render.Wrap(h.Desc, descWidth)
			if below {
				block = append(block, "  "+m.styles.key.Render(h.Key))
			} else {
				block = append(block, "  "+m.styles.key.Render(render.Pad(h.Key, keyCol))+" "+desc[0])
				desc = desc[1:]
			}
			for _, d := range desc {
				block = append(block, strings.Repeat(" ", indent)+d)
			}
		}
		blocks = append(blocks, block)
	}
	colWidth := 0
	for _, bl := range blocks {
		for _, l := range bl {
			colWidth = max(colWidth, render.Width(l))
		}
	}
	colWidth += 4
	perRow := max(min((m.width-2)/colWidth, len(blocks)), 1)

	lines := []string{"", "  " + m.styles.brand.Render("sokbo 도움말"), ""}
	for start := 0; start < len(blocks); start += perRow {
		group := blocks[start:min(start+perRow, len(blocks))]
		height := 0
		for _, bl := range group {
			height = max(height, len(bl))
		}
		for i := range height {
			var b strings.Builder
			b.WriteString("  ")
			for j, bl := range group {
				cell := ""
				if i < len(bl) {
					cell = bl[i]
				}
				if j < len(group)-1 {
					cell = render.Pad(cell, colWidth)
				}
				b.WriteString(cell)
			}
			lines = append(lines, render.Truncate(b.String(), m.width))
		}
		lines = append(lines, "")
	}
	return lines
}

// helpHeight is the rows the help has above the footer.
func (m Model) helpHeight() int { return max(m.height-1, 1) }

// scrollHelp moves the help by the scrolling keys when it is taller than
// the screen.
func (m *Model) scrollHelp(msg tea.KeyPressMsg) {
	page := max(m.helpHeight()-1, 1)
	switch {
	case key.Matches(msg, m.keys.Up):
		m.helpOffset--
	case key.Matches(msg, m.keys.Down):
		m.helpOffset++
	case key.Matches(msg, m.keys.PageUp):
		m.helpOffset -= page
	case key.Matches(msg, m.keys.PageDown):
		m.helpOffset += page
	case key.Matches(msg, m.keys.Top):
		m.helpOffset = 0
	case key.Matches(msg, m.keys.Bottom):
		m.helpOffset = len(m.helpLines())
	}
	m.helpOffset = min(max(m.helpOffset, 0), max(len(m.helpLines())-m.helpHeight(), 0))
}

// helpView draws the help from its scroll offset, with the scroll in the
// footer when it does not fit.
func (m Model) helpView() string {
	lines := m.helpLines()
	rows := m.helpHeight()
	off := min(m.helpOffset, max(len(lines)-rows, 0))
	scroll := ""
	if len(lines) > rows {
		scroll = fmt.Sprintf("%d%% · j/k", (off+rows)*100/len(lines))
	}
	lines = lines[off:]
	for len(lines) < rows {
		lines = append(lines, "")
	}
	return strings.Join(lines[:rows], "\n") + "\n" + m.footerLine("sokbo 도움말", false, scroll)
}
