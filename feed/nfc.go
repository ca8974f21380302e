package feed

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isNFC reports whether s is in NFC, as norm.NFC.IsNormalString does, but
// several times faster on Korean text. ASCII and precomposed Hangul
// syllables (U+AC00–U+D7A3) are NFC in any sequence, and no character
// composes with or reorders across an ASCII one, so only the runs between
// two ASCII bytes that hold something else go to the full check, with the
// ASCII byte before them.
func isNFC(s string) bool {
	if !utf8.ValidString(s) {
		// The run-by-run check assumes whole runes; let norm judge
		// broken text as a whole.
		return norm.NFC.IsNormalString(s)
	}
	seg := 0 // the last ASCII byte: where the next run to check starts
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			seg = i
			i++
			continue
		}
		if c >= 0xea && c <= 0xed {
			if r, size := utf8.DecodeRuneInString(s[i:]); r >= 0xac00 && r <= 0xd7a3 {
				i += size
				continue
			}
		}
		j := i
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		if !norm.NFC.IsNormalString(s[seg:j]) {
			return false
		}
		seg, i = j, j
	}
	return true
}

// collapseSpace trims s and turns every run of white space into one
// space: strings.Join(strings.Fields(s), " ") in one pass, returning s
// itself when it is already collapsed.
func collapseSpace(s string) string {
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

// isSpace is strings.Fields' notion of white space.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r'
	}
	return unicode.IsSpace(r)
}
