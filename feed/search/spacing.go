package search

import (
	"strings"
	"unicode/utf8"
)

// Korean spacing (띄어쓰기) varies between headlines and what people type:
// 서울지하철 and 서울 지하철, 급락마감 and 급락 마감. A term of at least
// minSpacedTerm characters therefore matches its characters with one space
// or none between any two of them that are both spaceable (a syllable, a
// jamo or a digit), and a space the term itself has there is optional too.
// The index holds each text Despaced, so that every such match is a run of
// the despaced term there.

// minSpacedTerm is the shortest term, not counting its spaces, that
// ignores spacing: a two-syllable word (한국) would otherwise match across
// every pair of words ending and starting with its syllables (대한 국민).
const minSpacedTerm = 3

// spaceable reports whether a space beside r may be left out: r is a
// Hangul syllable, a compatibility jamo, an ASCII digit or the middle dot
// that joins Korean nouns, which is written with spaces around it or
// without (서울·부산, 서울 · 부산; Fold makes ㆍ and ・ this one).
func spaceable(r rune) bool {
	return r >= '0' && r <= '9' || isSyllable(r) || r >= 0x3131 && r <= 0x318E || r == '·'
}

// Despace returns folded text without the spaces that have a spaceable
// character on either side: what the index holds, so that a term found
// with spaces the term lacks (or lacking spaces it has) is a run there.
func Despace(folded string) string {
	k := strings.IndexByte(folded, ' ')
	if k < 0 {
		return folded
	}
	var b strings.Builder
	b.Grow(len(folded))
	last := 0
	for ; k >= 0; k = nextSpace(folded, k+1) {
		if spaceAround(folded, k) {
			b.WriteString(folded[last:k])
			last = k + 1
		}
	}
	if last == 0 {
		return folded
	}
	b.WriteString(folded[last:])
	return b.String()
}

func nextSpace(s string, from int) int {
	if k := strings.IndexByte(s[from:], ' '); k >= 0 {
		return from + k
	}
	return -1
}

// spaceAround reports whether the space at s[k] has a spaceable character
// on either side.
func spaceAround(s string, k int) bool {
	if k == 0 || k+1 >= len(s) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:k])
	after, _ := decodeRune(s, k+1)
	return spaceable(before) && spaceable(after)
}

// despaceRunes removes from a term's runes the spaces Despace would.
func despaceRunes(runes []rune) []rune {
	out := runes[:0:0]
	for i, r := range runes {
		if r == ' ' && i > 0 && i+1 < len(runes) && spaceable(runes[i-1]) && spaceable(runes[i+1]) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// despaceClasses removes the one-space classes between two classes of
// spaceable runes only: a term's sequences as the despaced index sees them.
func despaceClasses(classes []Class) []Class {
	out := classes[:0:0]
	for i, c := range classes {
		if r, ok := c.single(); ok && r == ' ' && i > 0 && i+1 < len(classes) &&
			classSpaceable(classes[i-1]) && classSpaceable(classes[i+1]) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// classSpaceable reports whether every rune of c is spaceable.
func classSpaceable(c Class) bool {
	for _, rg := range c {
		switch {
		case rg.Hi <= '9' && rg.Lo >= '0':
		case rg.Lo >= 0x3131 && rg.Hi <= 0x318E:
		case rg.Lo >= 0xAC00 && rg.Hi <= 0xD7A3:
		case rg.Lo == '·' && rg.Hi == '·':
		default:
			return false
		}
	}
	return len(c) > 0
}
