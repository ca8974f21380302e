package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as the matcher compares it: in NFC, with Latin (and every
// other cased script) in lower case, full-width ASCII as ASCII, conjoining
// jamo left alone after NFC as compatibility jamo, the look-alike middle
// dots, tildes, dashes and curly quotes of Korean text as one character
// each (ㆍ → ·, ∼ → ~, – → -, “ → "), raised and lowered digits and
// signs as the plain ones (10⁻³ → 10-3, H₂O → h2o), a comma between
// digits dropped (1,300 → 1300), zero-width characters removed, and
// every run of white space as one space, trimmed. Query words and
// document text both pass through it, so NFD text matches an NFC query
// and 'Seoul' matches 'SEOUL'.
//
// Fold returns s itself when it is already folded, which is the common
// case for cleaned Korean text.
func Fold(s string) string {
	if needsNFC(s) {
		s = norm.NFC.String(s)
	}
	n := foldedPrefix(s)
	if n == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:n])
	foldRest(&b, s, n)
	return renormalized(b.String())
}

// renormalized is folded text in NFC again: a letter put in lower case
// can compose with the marks after it where its capital did not (T̈ is
// two characters, ẗ one), and the text would fold otherwise a second
// time.
func renormalized(s string) string {
	if needsNFC(s) && !norm.NFC.IsNormalString(s) {
		return norm.NFC.String(s)
	}
	return s
}

// renormalize is renormalized for m, whose map follows: each character
// NFC makes comes from all that its part of m came from.
func (m *mapped) renormalize() {
	if !needsNFC(m.text) || norm.NFC.IsNormalString(m.text) {
		return
	}
	var it norm.Iter
	it.InitString(norm.NFC, m.text)
	b := make([]byte, 0, len(m.text))
	start, end := make([]int32, 0, len(m.text)), make([]int32, 0, len(m.text))
	for !it.Done() {
		from := it.Pos()
		seg := it.Next()
		to := segmentEnd(m.text, from, it.Pos())
		lo, hi := m.start[from], m.end[from]
		for k := from + 1; k < to; k++ {
			lo, hi = min(lo, m.start[k]), max(hi, m.end[k])
		}
		for range seg {
			start, end = append(start, lo), append(end, hi)
		}
		b = append(b, seg...)
	}
	m.text, m.start, m.end = string(b), start, end
}

// segmentEnd is where the NFC segment of s that starts at from ends in
// s, given the iterator's position after it, to. A segment given before
// the iterator moves on (the first part of a character NFC splits in
// two, as U+0F77 ཷ is) comes from the character at from.
func segmentEnd(s string, from, to int) int {
	if to <= from && from < len(s) {
		_, size := utf8.DecodeRuneInString(s[from:])
		return from + size
	}
	return to
}

// plainASCII[c] is true for the ASCII bytes folding keeps as they are: all
// but upper case letters, white space, control characters and the comma,
// which a number's digits drop (groupComma).
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := '!'; c < 0x7f; c++ {
		t[c] = (c < 'A' || c > 'Z') && c != ','
	}
	return t
}()

// A number is written with its thousands grouped or not, 1,300원 and
// 1300원, and a reader types either: a comma between two digits is
// dropped, in the text and in the query alike. groupComma reports
// whether a comma (or a full-width one) is such a comma: after the digit
// folded text ends in, before a rune that folds to a digit, past any
// that fold to nothing.
func groupComma(before byte, after ...string) bool {
	if before < '0' || before > '9' {
		return false
	}
	for _, a := range after {
		for i := 0; i < len(a); {
			r, size := decodeRune(a, i)
			out, kind := foldRune(r)
			switch kind {
			case foldDrop:
				i += size
				continue
			case foldKeep:
				return out >= '0' && out <= '9'
			}
			return false
		}
	}
	return false
}

// syllableAt decodes a Hangul syllable at s[i], whose three bytes start
// with 0xEA … 0xED, or returns ok false for anything else.
func syllableAt(s string, i int) (r rune, ok bool) {
	if i+2 >= len(s) {
		return 0, false
	}
	c0, c1, c2 := s[i], s[i+1], s[i+2]
	if c0 < 0xEA || c0 > 0xED || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 {
		return 0, false
	}
	r = rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
	return r, isSyllable(r)
}

// foldedPrefix returns the length of the longest prefix of s, in NFC,
// that Fold leaves as it is, up to a point where folding can go on from
// (after text, or after a single space between text).
func foldedPrefix(s string) int {
	space := true // at the start, a space would be trimmed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case plainASCII[c]:
				i++
				space = false
				continue
			case c == ' ' && !space && i+1 < len(s) && startsText(s, i+1):
				i++
				space = true
				continue
			case c == ',' && (i == 0 || !groupComma(s[i-1], s[i+1:])):
				i++
				space = false
				continue
			}
			return i
		}
		if _, ok := syllableAt(s, i); ok {
			i += 3
			space = false
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if out, kind := foldRune(r); kind != foldKeep || out != r || r == utf8.RuneError {
			return i
		}
		i += size
		space = false
	}
	return len(s)
}

// startsText reports whether the rune at s[i] folds to text, not to space
// or nothing.
func startsText(s string, i int) bool {
	r, _ := decodeRune(s, i)
	_, kind := foldRune(r)
	return kind == foldKeep
}

// foldRest folds s, in NFC, from byte i into b, which holds the folded
// text before i. Runs of bytes that fold to themselves are copied whole.
func foldRest(b *strings.Builder, s string, i int) {
	space := i == 0 || s[i-1] == ' ' // b ends in a space, or is empty
	pending := false                 // a space is due before the next text
	text := func(t string) {
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteString(t)
		space = false
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && plainASCII[c] {
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && plainASCII[s[j]] {
				j++
			}
			text(s[i:j])
			i = j
			continue
		}
		if _, ok := syllableAt(s, i); ok {
			j := i + 3
			for {
				if _, ok := syllableAt(s, j); !ok {
					break
				}
				j += 3
			}
			text(s[i:j])
			i = j
			continue
		}
		r, size := decodeRune(s, i)
		i += size
		switch out, kind := foldRune(r); kind {
		case foldSpace:
			if !space {
				pending = true
			}
			space = true
		case foldKeep:
			if out == ',' && !pending && b.Len() > 0 && groupComma(b.String()[b.Len()-1], s[i:]) {
				continue
			}
			if pending {
				b.WriteByte(' ')
				pending = false
			}
			b.WriteRune(out)
			space = false
		}
	}
}

// mapped is a folded string with, for each of its bytes, the byte range
// of s it came from, so that a match in the folded text can be shown in
// the original.
type mapped struct {
	text       string
	start, end []int32
}

// foldMapped folds s as Fold does and keeps the map back to s.
func foldMapped(s string) mapped {
	var m mapped
	b := make([]byte, 0, len(s))
	m.start = make([]int32, 0, len(s))
	m.end = make([]int32, 0, len(s))
	space, pending := true, false
	var spaceStart, spaceEnd int
	emit := func(r rune, from, to int) {
		n := len(b)
		b = utf8.AppendRune(b, r)
		for range len(b) - n {
			m.start = append(m.start, int32(from))
			m.end = append(m.end, int32(to))
		}
	}
	// each folds r, which came from s[from:to], and before what is
	// left of its NFC segment, rest, then s[to:].
	each := func(r rune, from, to int, rest []byte) {
		out, kind := foldRune(r)
		switch kind {
		case foldDrop:
			return
		case foldSpace:
			if !space {
				pending, spaceStart, spaceEnd = true, from, to
			}
			space = true
			return
		}
		// What follows the comma in s folds as it does after NFC:
		// digits, commas and what folds to nothing are left by NFC as
		// they are, and a mark after the comma stays in its segment.
		if out == ',' && !pending && len(b) > 0 && groupComma(b[len(b)-1], string(rest), s[to:]) {
			return
		}
		if pending {
			emit(' ', spaceStart, spaceEnd)
			pending = false
		}
		space = false
		emit(out, from, to)
	}
	if !needsNFC(s) {
		for i := 0; i < len(s); {
			r, size := decodeRune(s, i)
			each(r, i, i+size, nil)
			i += size
		}
	} else {
		// Each segment NFC yields covers a known range of s; its runes
		// map to all of it.
		var it norm.Iter
		it.InitString(norm.NFC, s)
		for !it.Done() {
			from := it.Pos()
			seg := it.Next()
			to := segmentEnd(s, from, it.Pos())
			for j := 0; j < len(seg); {
				r, size := utf8.DecodeRune(seg[j:])
				each(r, from, to, seg[j+size:])
				j += size
			}
		}
	}
	m.text = string(b)
	m.renormalize()
	return m
}

// decodeRune decodes the rune at s[i], with the ASCII fast path inline.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

type foldKind uint8

const (
	foldKeep  foldKind = iota // the rune, possibly changed
	foldSpace                 // white space: part of a run folded to one space
	foldDrop                  // nothing
)

// foldRune folds one rune of NFC text.
func foldRune(r rune) (rune, foldKind) {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + ('a' - 'A'), foldKeep
		case r == ' ', r >= '\t' && r <= '\r':
			return ' ', foldSpace
		case r < ' ', r == 0x7f:
			return ' ', foldSpace // cleaned text has none; never glue words
		}
		return r, foldKeep
	}
	if isSyllable(r) {
		return r, foldKeep
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return foldRune(r - 0xFEE0)
	case r >= 0x1100 && r <= 0x11FF:
		return compatJamo(r), foldKeep
	case r >= 0x2070 && r <= 0x208E:
		// Raised and lowered digits and signs, as titles write <sup>
		// and <sub> (clean.ScriptText): 10⁻³ is found by 10-3, H₂O
		// by H2O.
		if p := scriptPlain[r-0x2070]; p != 0 {
			return p, foldKeep
		}
	}
	switch r {
	case 0x00B9:
		return '1', foldKeep
	case 0x00B2:
		return '2', foldKeep
	case 0x00B3:
		return '3', foldKeep
	case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return 0, foldDrop
	case 0x318D, 0x30FB, 0xFF65, 0x2027, 0x2219, 0x22C5: // ㆍ ・ ･ ‧ ∙ ⋅
		return '·', foldKeep
	case 0x223C, 0x301C: // ∼ 〜
		return '~', foldKeep
	case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212: // hyphens, en dash, minus
		return '-', foldKeep
	case 0x2018, 0x2019, 0x201B, 0x2032:
		return '\'', foldKeep
	case 0x201C, 0x201D, 0x201F, 0x2033:
		return '"', foldKeep
	}
	if unicode.IsSpace(r) || (r >= 0x80 && r < 0xA0) {
		return ' ', foldSpace
	}
	return unicode.ToLower(r), foldKeep
}

// needsNFC reports whether s could change under NFC: whether it holds a
// rune outside the blocks that never compose, decompose or reorder. Most
// Korean text is ASCII, syllables, compatibility jamo and punctuation,
// and skips the normaliser.
func needsNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r < 0x300, // Latin-1 and extended Latin, precomposed
			isSyllable(r),
			r >= 0x3131 && r <= 0x318E,                             // compatibility jamo
			r >= 0x3000 && r <= 0x3029, r >= 0x3030 && r <= 0x303F, // CJK punctuation
			r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E, // general punctuation
			r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			continue
		}
		return true
	}
	return false
}

// Initials returns folded text with each Hangul syllable replaced by the
// compatibility jamo of its initial consonant, 북한 → ㅂㅎ, and every
// other rune kept: the form a query of initials (초성) is found in. An
// index of titles stores it beside the text.
func Initials(folded string) string {
	var b strings.Builder
	b.Grow(len(folded))
	for _, r := range folded {
		if isSyllable(r) {
			r = InitialOf(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// scriptPlain maps the raised and lowered characters from U+2070 to
// U+208E to the plain ones they raise or lower; 0 where none is
// assigned. ¹ ² ³ are in Latin-1, apart.
var scriptPlain = [...]rune{
	'0', 'i', 0, 0, '4', '5', '6', '7', '8', '9', '+', '-', '=', '(', ')', 'n', // U+2070–207F
	'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '-', '=', '(', ')', // U+2080–208E
}
