package ui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"sokbo/render"
	"sokbo/render/lang"
)

// styles are the styles of the reader's chrome. The article body is
// styled by render/; these cover the list, headers, footer and help.
type styles struct {
	brand    paint
	title    paint
	plain    paint
	selected paint
	// blurred is the list's cursor row while the article beside it, in
	// the split pane, has the keys.
	blurred  paint
	read     paint
	dim      paint
	category paint
	// lead is an untitled item's first words in the list, which stand
	// in for its title; leadSelected the same under the cursor.
	lead         paint
	leadSelected paint
	footer       paint
	err          paint
	// match is a search's match in a title or an article; matchCurrent
	// the match n or N went to in the article, which stands out more.
	match        paint
	matchCurrent paint
	// alert is the title of an item an [[alert]] rule matched, and the
	// notice of the last alert under the header.
	alert paint
	key   paint
	// lang is the language of the reader's words: like the colours, one
	// setting every component draws with, so it travels with them.
	lang lang.Lang
}

// paint applies a lipgloss style to one line of text the cheap way: the
// style's escape codes are worked out once, and Render only wraps the
// text in them. The list draws a few dozen cells per keypress, and a
// lipgloss Render each cost more than the rest of the frame.
type paint struct{ on, off string }

// paintOf turns a single-line text style (colours and attributes, no
// padding, borders or width) into a paint.
func paintOf(s lipgloss.Style) paint {
	const mark = "\x00"
	on, off, _ := strings.Cut(s.Render(mark), mark)
	return paint{on, off}
}

// Render wraps text in the style's codes.
func (p paint) Render(text string) string {
	if p.on == "" && p.off == "" {
		return text
	}
	return p.on + text + p.off
}

// newStyles returns the chrome styles for a render style. StylePlain gives
// styles that add no escape codes at all.
func newStyles(s render.Style) styles {
	if s == render.StylePlain {
		return styles{}
	}
	ld := lipgloss.LightDark(s == render.StyleDark)
	accent := ld(lipgloss.Color("#C2185B"), lipgloss.Color("#FF6B8B"))
	faint := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	return styles{
		brand:        paintOf(lipgloss.NewStyle().Bold(true).Foreground(accent)),
		title:        paintOf(lipgloss.NewStyle().Bold(true)),
		selected:     paintOf(lipgloss.NewStyle().Bold(true).Foreground(accent)),
		blurred:      paintOf(lipgloss.NewStyle().Bold(true).Foreground(faint)),
		read:         paintOf(lipgloss.NewStyle().Foreground(faint)),
		dim:          paintOf(lipgloss.NewStyle().Foreground(faint)),
		category:     paintOf(lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#00796B"), lipgloss.Color("#4DB6AC")))),
		lead:         paintOf(lipgloss.NewStyle().Italic(true).Foreground(faint)),
		leadSelected: paintOf(lipgloss.NewStyle().Italic(true).Foreground(accent)),
		footer:       paintOf(lipgloss.NewStyle().Foreground(faint)),
		err:          paintOf(lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#C62828"), lipgloss.Color("#FF8A80")))),
		alert:        paintOf(lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("#C62828"), lipgloss.Color("#FF8A80")))),
		key:          paintOf(lipgloss.NewStyle().Bold(true).Foreground(accent)),
		match:        paintOf(lipgloss.NewStyle().Bold(true).Underline(true).Foreground(ld(lipgloss.Color("#8A4B00"), lipgloss.Color("#FFD54F")))),
		matchCurrent: paintOf(lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1A1A"))).Background(ld(lipgloss.Color("#8A4B00"), lipgloss.Color("#FFD54F")))),
	}
}
