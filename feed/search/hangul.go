package search

// Hangul syllables are arithmetic: U+AC00 + (initial×21 + medial)×28 +
// final, with 19 initial consonants (초성), 21 medial vowels (중성) and 28
// finals (종성, 0 meaning none). A query is typed in compatibility jamo
// (ㄱ U+3131 … ㅣ U+3163), the letters an IME shows for a consonant or
// vowel on its own; the tables below map between the two.
const (
	syllableBase  = 0xAC00
	syllableLast  = 0xD7A3
	medialCount   = 21
	finalCount    = 28
	initialStride = medialCount * finalCount // 588 syllables per initial

	jamoFirst = 0x3131 // ㄱ
	jamoLast  = 0x3163 // ㅣ
	vowelBase = 0x314F // ㅏ; the 21 medials are contiguous from here
)

// initialJamo[i] is the compatibility jamo of initial consonant i.
var initialJamo = [19]rune{
	'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ',
	'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
}

// finalJamo[t] is the compatibility jamo of final t; finalJamo[0] is
// unused (no final).
var finalJamo = [finalCount]rune{
	0, 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ',
	'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ',
	'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
}

// jamoInitial and jamoFinal map a compatibility jamo (offset from
// jamoFirst) to its initial or final index, or -1 where it has none:
// ㄸ ㅃ ㅉ never end a syllable, and ㄳ ㄵ … ㅄ never start one.
var jamoInitial, jamoFinal [jamoLast - jamoFirst + 1]int8

func init() {
	for i := range jamoInitial {
		jamoInitial[i], jamoFinal[i] = -1, -1
	}
	for i, j := range initialJamo {
		jamoInitial[j-jamoFirst] = int8(i)
	}
	for t, j := range finalJamo[1:] {
		jamoFinal[j-jamoFirst] = int8(t + 1)
	}
}

// finalCompounds are the finals an IME builds from two consonants: final
// first, then the consonant added (ㄱ+ㅅ → ㄳ, ㄹ+ㄱ → ㄺ, …).
var finalCompounds = [...]struct {
	first, final int
	added        rune
}{
	{1, 3, 'ㅅ'},              // ㄳ
	{4, 5, 'ㅈ'}, {4, 6, 'ㅎ'}, // ㄵ ㄶ
	{8, 9, 'ㄱ'}, {8, 10, 'ㅁ'}, {8, 11, 'ㅂ'}, {8, 12, 'ㅅ'}, {8, 13, 'ㅌ'}, {8, 14, 'ㅍ'}, {8, 15, 'ㅎ'}, // ㄺ … ㅀ
	{17, 18, 'ㅅ'}, // ㅄ
}

// medialCompounds are the medials an IME builds from two vowels: ㅗ → ㅘ
// ㅙ ㅚ, ㅜ → ㅝ ㅞ ㅟ, ㅡ → ㅢ.
var medialCompounds = [...]struct{ first, medial int }{
	{8, 9}, {8, 10}, {8, 11},
	{13, 14}, {13, 15}, {13, 16},
	{18, 19},
}

// isSyllable reports whether r is a precomposed Hangul syllable.
func isSyllable(r rune) bool { return r >= syllableBase && r <= syllableLast }

// decompose splits a syllable into its initial, medial and final indexes.
// r must be a syllable.
func decompose(r rune) (l, v, t int) {
	n := int(r - syllableBase)
	return n / initialStride, n % initialStride / finalCount, n % finalCount
}

// compose is the inverse of decompose.
func compose(l, v, t int) rune {
	return rune(syllableBase + l*initialStride + v*finalCount + t)
}

// InitialOf returns the compatibility jamo of a syllable's initial
// consonant (북 → ㅂ), or 0 when r is not a Hangul syllable.
func InitialOf(r rune) rune {
	if !isSyllable(r) {
		return 0
	}
	return initialJamo[(r-syllableBase)/initialStride]
}

// WithoutFinal returns a syllable that has a final consonant without it
// (북 → 부, 닭 → 다), or ok false for any other rune.
func WithoutFinal(r rune) (rune, bool) {
	if !isSyllable(r) || (r-syllableBase)%finalCount == 0 {
		return 0, false
	}
	return r - (r-syllableBase)%finalCount, true
}

// initialIndex returns the initial index of a compatibility consonant, or
// -1 when r cannot start a syllable.
func initialIndex(r rune) int {
	if r < jamoFirst || r > jamoLast {
		return -1
	}
	return int(jamoInitial[r-jamoFirst])
}

// finalIndex returns the final index of a compatibility consonant, or -1
// when r cannot end a syllable.
func finalIndex(r rune) int {
	if r < jamoFirst || r > jamoLast {
		return -1
	}
	return int(jamoFinal[r-jamoFirst])
}

// isConsonantJamo reports whether r is a compatibility consonant (ㄱ … ㅎ).
func isConsonantJamo(r rune) bool { return r >= jamoFirst && r < vowelBase }

// initialRange returns the syllables whose initial consonant is the
// compatibility jamo j, which must be able to start a syllable: a
// contiguous block of 588.
func initialRange(j rune) Range {
	lo := rune(syllableBase + initialIndex(j)*initialStride)
	return Range{lo, lo + initialStride - 1}
}

// compatJamo maps a modern conjoining jamo (the U+1100 block NFD text is
// made of) to the compatibility jamo a query would type, or returns r
// unchanged. NFC composes every modern syllable, so only jamo standing
// alone get here.
func compatJamo(r rune) rune {
	switch {
	case r >= 0x1100 && r <= 0x1112:
		return initialJamo[r-0x1100]
	case r >= 0x1161 && r <= 0x1175:
		return vowelBase + (r - 0x1161)
	case r >= 0x11A8 && r <= 0x11C2:
		return finalJamo[r-0x11A7]
	}
	return r
}
