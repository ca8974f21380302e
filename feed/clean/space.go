package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CollapseSpace trims s and turns every run of white space into one
// space: strings.Join(strings.Fields(s), " ") in one pass, returning s
// itself when it is already collapsed. Spaces that do not break
// (IsNoBreakSpace) are text and stay as they are.
func CollapseSpace(s string) string {
	if collapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(r) {
			space = true
		} else {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// collapsed reports whether collapseSpace would return s unchanged: no
// white space but single spaces between words.
func collapsed(s string) bool {
	prevSpace := true // no space at the start
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(r) {
			if r != ' ' || prevSpace {
				return false
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
		i += size
	}
	return !prevSpace || s == ""
}

// isSpace is strings.Fields' notion of white space, less the spaces that
// do not break: NBSP (U+00A0), the figure and narrow no-break spaces
// (U+2007, U+202F) and the ideographic space (U+3000) hold words together
// on purpose ("제 1 조", a full-width gap in a title), so they are text.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r'
	}
	return unicode.IsSpace(r) && !IsNoBreakSpace(r)
}

// IsNoBreakSpace reports whether r is a space that never breaks a line:
// U+00A0, U+2007, U+202F or U+3000.
func IsNoBreakSpace(r rune) bool {
	return r == '\u00a0' || r == '\u2007' || r == '\u202f' || r == '\u3000'
}

// OneLine sanitizes s and folds it onto one line, collapsing white space:
// the form of a source name, an ID or a file name in a message.
func OneLine(s string) string { return CollapseSpace(Sanitize(s)) }

// CutBytes cuts s to at most n bytes at a character boundary and marks
// the cut with "…".
func CutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimSpace(s[:cut]) + "…"
}
