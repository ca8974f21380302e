package ui

import (
	"charm.land/lipgloss/v2"

	"sokbo/render"
)

// styles are the lipgloss styles of the reader's chrome. The article body
// is styled by render/; these cover the list, headers, footer and help.
type styles struct {
	brand    lipgloss.Style
	title    lipgloss.Style
	selected lipgloss.Style
	read     lipgloss.Style
	dim      lipgloss.Style
	category lipgloss.Style
	footer   lipgloss.Style
	err      lipgloss.Style
	key      lipgloss.Style
}

// newStyles returns the chrome styles for a render style. StylePlain gives
// styles that add no escape codes at all.
func newStyles(s render.Style) styles {
	if s == render.StylePlain {
		plain := lipgloss.NewStyle()
		return styles{plain, plain, plain, plain, plain, plain, plain, plain, plain}
	}
	ld := lipgloss.LightDark(s == render.StyleDark)
	accent := ld(lipgloss.Color("#C2185B"), lipgloss.Color("#FF6B8B"))
	faint := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	return styles{
		brand:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		title:    lipgloss.NewStyle().Bold(true),
		selected: lipgloss.NewStyle().Bold(true).Foreground(accent),
		read:     lipgloss.NewStyle().Foreground(faint),
		dim:      lipgloss.NewStyle().Foreground(faint),
		category: lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#00796B"), lipgloss.Color("#4DB6AC"))),
		footer:   lipgloss.NewStyle().Foreground(faint),
		err:      lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#C62828"), lipgloss.Color("#FF8A80"))),
		key:      lipgloss.NewStyle().Bold(true).Foreground(accent),
	}
}
