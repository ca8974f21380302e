package convert

import (
	"unicode"
	"unicode/utf8"

	"github.com/JohannesKaufmann/html-to-markdown/v2/marker"
)

// escapeMarkup decides, for html-to-markdown's escaping, which characters
// of the text get a backslash so that they stay text:
//   - what can open or close markup in the middle of a line, always: \ * ~
//     ` [ and a _ that is not inside a word. The plugins' own rules look at
//     one character at a time and miss it next to real markup: <b>* 낮</b>
//     became "*** 낮**". A _ between two letters or digits (snake_case,
//     한국_은행) can neither open nor close emphasis, so it stays bare;
//   - what starts a block at the start of a line (# - + = and the . or )
//     of "1." followed by a space), where the line starts after any quote
//     markers: html-to-markdown missed "> 1." in a quote, an empty list.
//     A ":" there too: sokbo's renderer, like kramdown, reads a line
//     ": 낮" after a paragraph as a definition, and a "|": "낮<br>|-"
//     is a table's header and delimiter rows in GFM.
//
// Anything else goes on to html-to-markdown's own rules.
//
// It is an UnEscaper: chars[index] follows an escaping placeholder, and
// the result is 1 to escape it or -1 to let the next handler decide.
func escapeMarkup(chars []byte, index int) int {
	switch chars[index] {
	case '\\', '*', '~', '`', '[':
		return 1
	case '#', '-', '+', '=', ':', '|':
		if atLineStart(chars, index) {
			return 1
		}
	case '.', ')':
		i := index
		for i > 0 && chars[i-1] == escapePlaceholder {
			i--
		}
		digits := 0
		for i > 0 && chars[i-1] >= '0' && chars[i-1] <= '9' {
			i--
			digits++
		}
		if digits > 0 && digits <= 9 && atLineStart(chars, i) {
			if next := runeAfter(chars, index); next == 0 || unicode.IsSpace(next) {
				return 1
			}
		}
	case '_':
		if isWordRune(runeBefore(chars, index)) && isWordRune(runeAfter(chars, index)) {
			return -1
		}
		return 1
	}
	return -1
}

// atLineStart reports whether only spaces, quote markers and escaping
// placeholders stand between chars[index] and the start of its line.
func atLineStart(chars []byte, index int) bool {
	for i := index - 1; i >= 0; i-- {
		switch chars[i] {
		case '\n':
			return true
		case ' ', '\t', '>', escapePlaceholder:
			continue
		}
		return false
	}
	return true
}

// escapePlaceholder is the byte html-to-markdown puts before each
// character it may escape.
var escapePlaceholder = marker.BytesMarkerEscaping[0]

// runeBefore returns the character before chars[index], skipping escaping
// placeholders, or 0 at the start.
func runeBefore(chars []byte, index int) rune {
	i := index
	for i > 0 && chars[i-1] == escapePlaceholder {
		i--
	}
	if i == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRune(chars[:i])
	return r
}

// runeAfter returns the character after chars[index], skipping escaping
// placeholders, or 0 at the end.
func runeAfter(chars []byte, index int) rune {
	i := index + 1
	for i < len(chars) && chars[i] == escapePlaceholder {
		i++
	}
	if i >= len(chars) {
		return 0
	}
	r, _ := utf8.DecodeRune(chars[i:])
	return r
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
