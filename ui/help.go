package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sokbo/render"
)

// helpModel is the help screen, built from the key map so that it never
// drifts from what the keys do. It scrolls when it is taller than the
// screen.
type helpModel struct {
	keys   KeyMap
	styles styles
	// mouse adds what the mouse does, when it is on.
	mouse  bool
	width  int
	height int
	offset int
}

func newHelp(keys KeyMap, s styles) helpModel { return helpModel{keys: keys, styles: s} }

func (h *helpModel) setSize(w, hgt int) {
	h.width, h.height = w, hgt
	h.clamp()
}

func (h *helpModel) clamp() {
	h.offset = min(max(h.offset, 0), max(len(h.lines())-h.height, 0))
}

// Update scrolls the help by the moving keys.
func (h helpModel) Update(msg tea.Msg) (helpModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		h.offset = scroll(h.keys, k, h.offset, h.height, max(len(h.lines())-h.height, 0))
	}
	return h, nil
}

// sections are the key map's sections, and the mouse's when it is on.
func (h helpModel) sections() []helpSection {
	secs := h.keys.helpSections(h.styles.lang)
	if h.mouse {
		secs = append(secs, mouseHelp(h.styles.lang))
	}
	return secs
}

// lines lays out every binding of the key map, one section after
// another, in as many columns as the width allows.
func (h helpModel) lines() []string {
	keyCol := 0
	for _, sec := range h.sections() {
		for _, b := range sec.bindings {
			keyCol = max(keyCol, render.Width(b.Help().Key))
		}
	}
	// The description wraps beside its key, or below it when the screen
	// is too narrow for both.
	indent, descWidth := 2+keyCol+1, h.width-2-keyCol-3
	below := descWidth < 10
	if below {
		indent, descWidth = 4, max(h.width-6, 1)
	}
	var blocks [][]string
	for _, sec := range h.sections() {
		block := []string{h.styles.title.Render(sec.title)}
		for _, b := range sec.bindings {
			hb := b.Help()
			desc := render.Wrap(hb.Desc, descWidth)
			if below {
				block = append(block, "  "+h.styles.key.Render(hb.Key))
			} else {
				block = append(block, "  "+h.styles.key.Render(render.Pad(hb.Key, keyCol))+" "+desc[0])
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
	perRow := max(min((h.width-2)/colWidth, len(blocks)), 1)

	lines := []string{"", render.Truncate("  "+h.styles.brand.Render(h.styles.lang.HelpTitle()), h.width), ""}
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
			lines = append(lines, render.Truncate(b.String(), h.width))
		}
		lines = append(lines, "")
	}
	return lines
}

// scroll is the footer's note of how far the help is scrolled, or "" when
// it fits.
func (h helpModel) scroll() string {
	n := len(h.lines())
	if n <= h.height {
		return ""
	}
	off := min(h.offset, max(n-h.height, 0))
	return fmt.Sprintf("%d%% · %s/%s", (off+h.height)*100/n, hint(h.keys.Down), hint(h.keys.Up))
}

// View draws the help from its scroll offset, height lines in all.
func (h helpModel) View() string {
	lines := h.lines()
	off := min(h.offset, max(len(lines)-h.height, 0))
	lines = lines[off:]
	for len(lines) < h.height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:h.height], "\n")
}
