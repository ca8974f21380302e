package feed

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// Sanitize makes text from a feed safe to print to a terminal. It is the one
// cleaner: every field sokbo reads from a source passes through it, after
// entity decoding, and nothing downstream cleans again.
//
// It removes:
//   - whole escape sequences, in their 7-bit (ESC-led) and 8-bit (C1-led)
//     forms: CSI, OSC, DCS, APC, PM and SOS, and the short ESC forms such as
//     ESC c. A string sequence (OSC, DCS, APC, PM, SOS) ends at BEL, at ST,
//     or, so that a stray introducer cannot swallow the rest of an article,
//     at the next newline, which is kept;
//   - the remaining C0 controls except TAB and LF, and DEL;
//   - C1 controls U+0080–U+009F;
//   - bidi embeddings, overrides and isolates U+202A–U+202E and
//     U+2066–U+2069;
//   - a lone CR; CRLF becomes LF.
//
// Invalid UTF-8 becomes U+FFFD, and the result is normalised to NFC, so
// decomposed Hangul (as in macOS file names) composes into syllables while
// compatibility jamo and old Hangul are left as they are. Sanitize is
// idempotent.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
			i += size
		case r == 0x1b:
			i = skipEscape(s, i+size)
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
		case r == 0x90, r == 0x9d, r == 0x98, r == 0x9e, r == 0x9f: // DCS, OSC, SOS, PM, APC
			i = skipString(s, i+size)
		case r == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				b.WriteByte('\n')
				i += 2
				continue
			}
			i += size
		case dropRune(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return norm.NFC.String(b.String())
}

// isClean reports whether s needs no work, which is the common case; it
// saves an allocation per field.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || r <= 0x9f || isBidiControl(r) {
			return false
		}
		i += size
	}
	return isNFC(s)
}

// dropRune reports whether r is a control character removed on its own.
func dropRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	}
	return isBidiControl(r)
}

func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// skipEscape skips what follows an ESC at s[i:] and returns the index after
// the sequence.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC
		return skipString(s, i+1)
	}
	// nF/Fp/Fe/Fs forms: intermediates 0x20–0x2F, then one final 0x30–0x7E.
	j := i
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		return j + 1
	}
	// Not a sequence: drop the ESC alone and keep what follows.
	return i
}

// skipCSI skips the parameter and intermediate bytes and the final byte of
// a control sequence. Anything else ends the sequence without being eaten,
// as a terminal would abort it.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f:
			i++
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipString skips the body of a string sequence up to and including its
// terminator: BEL, ESC \ or 8-bit ST. A newline also ends it and is kept.
func skipString(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case 0x07, 0x9c:
			return i + size
		case '\n':
			return i
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			// Another ESC starts a new sequence; let the caller see it.
			return i
		}
		i += size
	}
	return i
}

// PlainText turns a title-like field into one line of plain text: entities
// are decoded exactly once, tags are stripped (script and style with their
// content), the result is sanitized and runs of white space become one
// space.
func PlainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapseSpace(Sanitize(s))
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside script/style
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return collapseSpace(Sanitize(b.String()))
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if (a == atom.Script || a == atom.Style) && tt == html.StartTagToken {
				skip++
			}
			if isBlockTag(a) || a == atom.Br {
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if (a == atom.Script || a == atom.Style) && skip > 0 {
				skip--
			}
			if isBlockTag(a) {
				b.WriteByte(' ')
			}
		}
	}
}
