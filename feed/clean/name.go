package clean

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Name is a name from outside (a file name, a path, an argument) as a
// message shows it. One that is printable on one line is shown as it is,
// in NFC. Any other is shown in double quotes, with Go's escapes for
// what cannot be shown: \x1b for a control, \u202e for a bidi control or
// a zero-width character, \xff for a byte that is not UTF-8, and \" and
// \\. So a file named with an escape sequence in it is named by a
// message as the file it is, not as what OneLine leaves of it, and
// nothing in it reaches the terminal.
func Name(s string) string {
	if !needsQuote(s) {
		return norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	var prev rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[s[i]>>4])
			b.WriteByte(hexDigits[s[i]&0xf])
		case r == '"', r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case shownEscaped(r, prev, s[i+size:]):
			if r < 0x100 {
				b.WriteString(`\x`)
				b.WriteByte(hexDigits[r>>4])
				b.WriteByte(hexDigits[r&0xf])
			} else {
				b.WriteString(`\u`)
				for sh := 12; sh >= 0; sh -= 4 {
					b.WriteByte(hexDigits[r>>sh&0xf])
				}
			}
		default:
			b.WriteRune(r)
		}
		prev = r
		i += size
	}
	b.WriteByte('"')
	return norm.NFC.String(b.String())
}

const hexDigits = "0123456789abcdef"

// needsQuote reports whether Name quotes s: it holds a byte that is not
// UTF-8, a line break or tab, or a rune Sanitize drops.
func needsQuote(s string) bool {
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
// as an escape: a control, a bidi control, a line or paragraph
// separator, or a zero-width character Sanitize drops there.
func shownEscaped(r, prev rune, rest string) bool {
	switch r {
	case zwsp, bom, '\u2028', '\u2029': // the last two, line and paragraph separators
		return true
	case zwj:
		next, _ := utf8.DecodeRuneInString(rest)
		return !joins(prev, next)
	}
	return DropRune(r)
}
