// Package clean provides the one cleaner of text that enters sokbo: every
// field of a feed, post, page or OPML file passes through it once, where it
// enters, and nothing downstream cleans again. It removes control and
// escape sequences and bidi controls, normalises to NFC, strips tags for
// plain text, and judges addresses (CheckURL): which may be fetched,
// opened in a browser, or kept as a link.
package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
//   - a lone CR; CRLF becomes LF;
//   - zero-width spaces U+200B and U+FEFF (a BOM), which would make two
//     spellings of one word and throw width out, and a zero-width joiner
//     U+200D that joins nothing: one stays inside an emoji sequence
//     (👩‍💻) and after a combining mark before a letter (a conjunct's
//     virama), and goes anywhere else.
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
			i = SkipEscape(s, i+size)
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
		case DropRune(r), r == zwsp, r == bom:
			i += size
		case r == zwj:
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			if joins(prev, next) {
				b.WriteString(s[i : i+size])
			}
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return norm.NFC.String(b.String())
}

// isClean reports whether s needs no work, which is the common case; it
// saves an allocation per field. It is one pass that checks UTF-8, looks
// for the runes Sanitize drops and checks NFC together, with fast paths
// for ASCII and precomposed Hangul, the bytes of a Korean feed. ASCII and
// precomposed syllables are NFC in any sequence, and nothing composes
// with or reorders across an ASCII byte, so only a run of other runes goes
// to norm, with the ASCII byte before it.
func isClean(s string) bool {
	seg := 0 // the last ASCII byte: where the next run for norm starts
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
				return false
			}
			seg = i
			i++
			continue
		}
		if c >= 0xea && c <= 0xed && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			// U+AC00–U+D7A3 is EA B0 80 – ED 9E A3, far from the
			// surrogates, so a syllable in range is valid UTF-8.
			if r := rune(c&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f); r >= 0xac00 && r <= 0xd7a3 {
				i += 3
				continue
			}
		}
		// A run of other non-ASCII runes, up to the next ASCII byte.
		j := i
		for j < len(s) && s[j] >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError && size <= 1 || r <= 0x9f || isBidiControl(r) || r == zwsp || r == zwj || r == bom {
				return false
			}
			j += size
		}
		if !norm.NFC.IsNormalString(s[seg:j]) {
			return false
		}
		seg, i = j, j
	}
	return true
}

// DropRune reports whether r is a control character removed on its own.
func DropRune(r rune) bool {
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

// The zero-width characters Sanitize drops, or keeps only where a joiner
// joins.
const (
	zwsp = '\u200b'
	zwj  = '\u200d'
	bom  = '\ufeff'
)

// joins reports whether a zero-width joiner between prev and next joins
// something: two pictographs of an emoji sequence (prev may be one's
// variation selector, skin tone or tag), or a combining mark, such as a
// virama, and a letter.
func joins(prev, next rune) bool {
	switch {
	case pictograph(next):
		return pictograph(prev) || prev == '\ufe0f' || prev >= 0xe0020 && prev <= 0xe007f
	case unicode.Is(unicode.Mn, prev):
		return unicode.IsLetter(next)
	}
	return false
}

// pictograph reports whether r is in the blocks that hold emoji (skin
// tones included): close enough to Extended_Pictographic for joiners.
func pictograph(r rune) bool {
	switch {
	case r >= 0x1f000 && r <= 0x1faff, r >= 0x2600 && r <= 0x27bf, r >= 0x2300 && r <= 0x23ff,
		r >= 0x2b00 && r <= 0x2bff, r >= 0x2190 && r <= 0x21ff:
		return true
	}
	switch r {
	case 0xa9, 0xae, 0x203c, 0x2049, 0x2122, 0x2139, 0x3030, 0x303d, 0x3297, 0x3299:
		return true
	}
	return false
}

func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// SkipEscape skips what follows an ESC at s[i:] and returns the index after
// the sequence.
func SkipEscape(s string, i int) int {
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
		return CollapseSpace(Sanitize(s))
	}
	var b strings.Builder
	textChunks(s, func(text []byte) bool {
		b.Write(text)
		return true
	})
	return CollapseSpace(Sanitize(b.String()))
}

// blockSpace is the chunk textChunks gives for a block tag or a br.
var blockSpace = []byte{' '}

// textChunks walks the text of an HTML fragment as PlainText sees it,
// before cleaning: each text node with its entities decoded, and a space
// for every block tag and br. Script and style content is skipped. The
// text of a <sup> or <sub> comes as one chunk when it ends, written as
// ScriptText writes it: 10⁻³, 수준^(주1). It stops when yield returns
// false.
func textChunks(s string, yield func(text []byte) bool) {
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside script/style
	// The texts of the scripts open, innermost last; a script's text goes
	// to the one around it, or to yield, when it ends. Scripts nested
	// deeper than maxScripts are read as text, which bounds the copying.
	var scripts []scriptText
	give := func(text []byte) bool {
		if n := len(scripts); n > 0 {
			scripts[n-1].text = append(scripts[n-1].text, text...)
			return true
		}
		return yield(text)
	}
	// end ends the innermost script open.
	end := func() bool {
		top := scripts[len(scripts)-1]
		scripts = scripts[:len(scripts)-1]
		return give([]byte(ScriptText(string(top.text), top.super)))
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			for len(scripts) > 0 {
				if !end() {
					return
				}
			}
			return
		case html.TextToken:
			if skip == 0 && !give(z.Text()) {
				return
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if (a == atom.Script || a == atom.Style) && tt == html.StartTagToken {
				skip++
			}
			if (a == atom.Sup || a == atom.Sub) && tt == html.StartTagToken && skip == 0 && len(scripts) < maxScripts {
				scripts = append(scripts, scriptText{super: a == atom.Sup})
			}
			if (IsBlockTag(a) || a == atom.Br) && !give(blockSpace) {
				return
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if (a == atom.Script || a == atom.Style) && skip > 0 {
				skip--
			}
			if (a == atom.Sup || a == atom.Sub) && skip == 0 && len(scripts) > 0 && !end() {
				return
			}
			if IsBlockTag(a) && !give(blockSpace) {
				return
			}
		}
	}
}

// scriptText is the text of a <sup> (super) or <sub> read so far.
type scriptText struct {
	super bool
	text  []byte
}

// maxScripts bounds how deep textChunks reads scripts inside scripts.
const maxScripts = 4

// SamePlainText reports whether PlainText(s) == want, usually without
// building PlainText(s): the text of s is compared with want as it is
// read, and a difference ends the walk. A text node that cleaning could
// change (a control character, or text not in NFC) or one whose first
// character could combine with the text before it sends s to the full
// comparison; so does a difference found just before such a node, which
// could change the characters compared. An item's body is compared with
// its summary this way on every refresh, and most differ early.
func SamePlainText(s, want string) bool {
	if !strings.ContainsAny(s, "<&") {
		return PlainText(s) == want
	}
	pos := 0        // how much of want has matched
	space := false  // white space seen since the last word
	differ := false // a difference was found
	settled := true // false when only the full comparison can decide
	textChunks(s, func(text []byte) bool {
		if len(text) == 0 {
			return true
		}
		// A view of the tokenizer's buffer, read before the next token
		// reuses it: no copy per text node.
		if !isClean(unsafe.String(&text[0], len(text))) ||
			text[0] >= utf8.RuneSelf && !norm.NFC.Properties(text).BoundaryBefore() {
			settled = false
			return false
		}
		if differ {
			// The difference stands: nothing after this can combine
			// with the text before.
			return false
		}
		for i := 0; i < len(text); {
			r, size := rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRune(text[i:])
			}
			if isSpace(r) {
				space = true
				i += size
				continue
			}
			if space && pos > 0 {
				if pos >= len(want) || want[pos] != ' ' {
					differ = true
					return true
				}
				pos++
			}
			space = false
			if pos+size > len(want) || string(text[i:i+size]) != want[pos:pos+size] {
				differ = true
				return true
			}
			pos += size
			i += size
		}
		return true
	})
	if !settled {
		return PlainText(s) == want
	}
	return !differ && pos == len(want)
}

// IsBlockTag reports whether a starts a block, so its text is set apart
// from its neighbours' when tags are stripped.
func IsBlockTag(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Dd, atom.Details,
		atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr,
		atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary,
		atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul,
		atom.Caption:
		return true
	}
	return false
}
