// Package render provides how an article looks in a terminal: Markdown to
// terminal text at a given width, and the one text-layout module (display
// width, wrap, truncate) that every part of sokbo uses to place text.
package render

import (
	"fmt"
	"strings"
)

// Style is how rendered text looks. The zero value is StylePlain.
type Style uint8

const (
	// StylePlain has no escape codes at all: for NO_COLOR, piped output and
	// --format text.
	StylePlain Style = iota
	// StyleDark is glamour's dark style, for a dark terminal background.
	StyleDark
	// StyleLight is glamour's light style, for a light terminal background.
	StyleLight
)

// String returns the name ParseStyle accepts for s.
func (s Style) String() string {
	switch s {
	case StyleDark:
		return "dark"
	case StyleLight:
		return "light"
	default:
		return "plain"
	}
}

// ParseStyle parses a style name: "plain" or "notty" (no escape codes),
// "dark" or "light". "auto" is the caller's to resolve, because it depends
// on the terminal and the environment.
func ParseStyle(s string) (Style, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "plain", "notty":
		return StylePlain, nil
	case "dark":
		return StyleDark, nil
	case "light":
		return StyleLight, nil
	}
	return StylePlain, fmt.Errorf("unknown style %q: want plain, notty, dark or light", s)
}
