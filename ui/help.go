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

// minHelpDesc is the narrowest a description may be wrapped to so that
// the help takes one more column: narrower, and most descriptions break
// into several lines, so the help grows taller instead of fitting more.
const minHelpDesc = 24

// lines lays out every binding of the key map, one section after
// another, in as many columns as the width allows.
//
// The number of columns is chosen by the room each description gets, not
// by the longest one unwrapped: a language whose words are longer wraps
// its descriptions inside the same columns rather than losing them.
func (h helpModel) lines() []string {
	secs := h.sections()
	keyCol, longest := 0, 0
	for _, sec := range secs {
		for _, b := range sec.bindings {
			keyCol = max(keyCol, render.Width(b.Help().Key))
			longest = max(longest, render.Width(b.Help().Desc))
		}
	}
	// A row is a margin of 2, then per column 2 cells of indent, the
	// key, a space and the description, with a gap of 4 between columns.
	descIn := func(perRow int) int { return (h.width-2-(perRow-1)*4)/perRow - 2 - keyCol - 1 }
	perRow := 1
	for n := len(secs); n > 1; n-- {
		if d := descIn(n); d >= longest || d >= minHelpDesc {
			perRow = n
			break
		}
	}
	blocks := h.blocks(secs, keyCol, min(descIn(perRow), longest))
	colWidth := 0
	for _, bl := range blocks {
		for _, l := range bl {
			colWidth = max(colWidth, render.Width(l))
		}
	}
	colWidth += 4

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

// blocks lays out each section as a column: its title, then each key
// padded to keyCol with its description wrapped to descWidth beside it,
// or below it when descWidth is too narrow for that.
func (h helpModel) blocks(secs []helpSection, keyCol, descWidth int) [][]string {
	indent := 2 + keyCol + 1
	below := descWidth < 10
	if below {
		indent, descWidth = 4, max(h.width-6, 1)
	}
	var blocks [][]string
	for _, sec := range secs {
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
	return blocks
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
