package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Name is a name from outside (a file name, a path, an argument) as a
// message shows it, in NFC. One that is printable on one line is shown as
// it is. Any other is shown in double quotes, with Go's escapes for what
// cannot be shown: \x1b for a control, \u202e for a bidi control, an
// invisible format character or filler, \xff for a byte that is not
// UTF-8, and \" and \\; a combining mark that would fall on an escape or
// a quote is escaped too. So a file named with an escape sequence in it
// is named by a message as the file it is, not as what OneLine leaves of
// it, and nothing in it reaches the terminal.
func Name(s string) string {
	s = nfcKeepingBytes(s)
	if !needsQuote(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	writeEscaped(&b, s, true)
	b.WriteByte('"')
	return b.String()
}

// Visible is s with Name's escapes for what cannot be shown, and no
// quotes: the form of a library's message that embeds a value as it was
// given (a regular expression's "missing closing ]: `[\x1b[2J(`"). OneLine
// would drop the escape sequence, and with it the text the library wrote
// after it; Visible keeps every character of the message, on one line.
func Visible(s string) string {
	s = nfcKeepingBytes(s)
	if !needsQuote(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	writeEscaped(&b, s, false)
	return b.String()
}

// writeEscaped writes s to b with Name's escapes; quoted escapes the
// quote and the backslash too, as between quotes they must be.
func writeEscaped(b *strings.Builder, s string, quoted bool) {
	var prev rune
	escaped := quoted // the quote: a mark must not fall on it
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		esc := true
		switch {
		case r == utf8.RuneError && size <= 1:
			writeByteEscape(b, s[i])
		case quoted && (r == '"' || r == '\\'):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80 && shownEscaped(r, prev, s[i+size:]):
			writeByteEscape(b, byte(r))
		case shownEscaped(r, prev, s[i+size:]), escaped && unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc):
			writeUnicodeEscape(b, r)
		default:
			b.WriteRune(r)
			esc = false
		}
		prev, escaped = r, esc
		i += size
	}
}

// writeByteEscape writes c as \xXX.
func writeByteEscape(b *strings.Builder, c byte) {
	b.WriteString(`\x`)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}

// writeUnicodeEscape writes r as \uXXXX, or \UXXXXXXXX beyond the BMP.
func writeUnicodeEscape(b *strings.Builder, r rune) {
	digits := 4
	if r > 0xffff {
		b.WriteString(`\U`)
		digits = 8
	} else {
		b.WriteString(`\u`)
	}
	for sh := 4 * (digits - 1); sh >= 0; sh -= 4 {
		b.WriteByte(hexDigits[r>>sh&0xf])
	}
}

// nfcKeepingBytes is s in NFC, its bytes that are not UTF-8 kept as they
// are (norm would make each U+FFFD).
func nfcKeepingBytes(s string) string {
	if utf8.ValidString(s) {
		return norm.NFC.String(s)
	}
	var b strings.Builder
	for len(s) > 0 {
		i := 0
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		b.WriteString(norm.NFC.String(s[:i]))
		if i < len(s) {
			b.WriteByte(s[i])
			i++
		}
		s = s[i:]
	}
	return b.String()
}

const hexDigits = "0123456789abcdef"

// needsQuote reports whether Name quotes s: it holds a byte that is not
// UTF-8, a line break or tab, a rune shownEscaped escapes, or starts with
// a quote or with a combining mark, which would fall on the quote.
func needsQuote(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); r == '"' || unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) {
		return true // a name in quotes of its own would read as a quoted one
	}
	var prev rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || r == '\n' || r == '\t' || r == '\r' || shownEscaped(r, prev, s[i+size:]) {
			return true
		}
		prev = r
		i += size
	}
	return false
}

// shownEscaped reports whether r, after prev and before rest, is shown
// as an escape: a control; an invisible format character (a bidi
// control, a zero-width space or a joiner that joins nothing, a soft
// hyphen, a tag); a line or paragraph separator; or a Hangul filler,
// which is drawn as nothing.
func shownEscaped(r, prev rune, rest string) bool {
	switch r {
	case zwj:
		next, _ := utf8.DecodeRuneInString(rest)
		return !joins(prev, next)
	case '\u2028', '\u2029', '\u115f', '\u1160', '\u3164', '\uffa0':
		return true
	}
	if r >= 0xfe00 && r <= 0xfe0f || r >= 0xe0100 && r <= 0xe01ef {
		return false // variation selectors: an emoji's, shown as it
	}
	return DropRune(r) || unicode.Is(unicode.Cf, r) && !(r >= 0xe0020 && r <= 0xe007f && pictographBefore(prev))
}

// pictographBefore reports whether a tag character after prev belongs
// to an emoji tag sequence (a subdivision flag: 🏴 and its tags).
func pictographBefore(prev rune) bool {
	return pictograph(prev) || prev >= 0xe0020 && prev <= 0xe007f
}
