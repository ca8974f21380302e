package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"sokbo/render"
)

// outputModel is the pager over a pipe command's output: its lines,
// cleaned, wrapped at the screen's width, and a scroll offset. Use
// newOutput.
type outputModel struct {
	keys   KeyMap
	styles styles
	title  string   // the footer's label: the command
	raw    []string // the output's lines, cleaned
	lines  []string // raw wrapped at width
	offset int
	width  int
	height int
}

func newOutput(keys KeyMap, s styles, title string, lines []string) outputModel {
	return outputModel{keys: keys, styles: s, title: title, raw: lines}
}

func (o *outputModel) setSize(w, h int) {
	if w != o.width {
		o.lines = o.lines[:0]
		for _, l := range o.raw {
			if l == "" {
				o.lines = append(o.lines, "")
				continue
			}
			o.lines = append(o.lines, render.Wrap(l, max(w, 1))...)
		}
	}
	o.width, o.height = w, h
	o.offset = min(max(o.offset, 0), o.maxOffset())
}

func (o outputModel) maxOffset() int { return max(len(o.lines)-o.height, 0) }

// Update scrolls.
func (o outputModel) Update(msg tea.Msg) (outputModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		o.offset = scroll(o.keys, k, o.offset, o.height, o.maxOffset())
	}
	return o, nil
}

// scrollPercent is how far through the output the bottom of the screen is.
func (o outputModel) scrollPercent() int {
	if len(o.lines) <= o.height {
		return 100
	}
	return (o.offset + o.height) * 100 / len(o.lines)
}

// View draws the visible lines, height lines in all.
func (o outputModel) View() string {
	end := min(o.offset+o.height, len(o.lines))
	var b strings.Builder
	for i := range o.height {
		if i > 0 {
			b.WriteByte('\n')
		}
		if o.offset+i < end {
			b.WriteString(o.lines[o.offset+i])
		}
	}
	return b.String()
}
