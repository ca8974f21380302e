package ui

import (
	"strings"

	"sokbo/render"
)

// helpView lists every binding of the key map, one section after another,
// in as many columns as the width allows.
func (m Model) helpView() string {
	const keyCol = 12
	var blocks [][]string
	for _, sec := range m.keys.helpSections() {
		block := []string{m.styles.title.Render(sec.title)}
		for _, b := range sec.bindings {
			h := b.Help()
			block = append(block, "  "+m.styles.key.Render(render.Pad(h.Key, keyCol))+" "+h.Desc)
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
	rows := m.height - 1
	for len(lines) < rows {
		lines = append(lines, "")
	}
	return strings.Join(lines[:rows], "\n") + "\n" + m.footer("sokbo 도움말")
}
