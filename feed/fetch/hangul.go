package fetch

import (
	"bytes"
	"unicode/utf8"
)

// hangulFiller is U+3164 HANGUL FILLER, KS X 1001's 0xA4D4. It opens an
// 8-byte combination sequence (filler, initial, medial, final; an absent
// part is the filler again), the way KS X 1001 writes the syllables of
// the 11,172 it has no code for, such as 똠 (A4D4 A4A8 A4C7 A4B1).
// korean.EUCKR decodes the sequence to four characters, the filler and
// three compatibility jamo, which show as ㅤㄸㅗㅁ.
const hangulFiller = '\u3164'

var fillerUTF8 = []byte(string(hangulFiller))

// Indexes into the syllable arithmetic of Unicode's Hangul block of the
// compatibility jamo, which is what KS X 1001 codes: leads[r-0x3131] is
// the initial's index plus one (0 when r is no initial), trails likewise
// for finals. Vowels, U+314F–U+3163, are in order.
var leads, trails [0x314F - 0x3131]int8

func init() {
	for i, r := range []rune("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ") {
		leads[r-0x3131] = int8(i + 1)
	}
	for i, r := range []rune("ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ") {
		trails[r-0x3131] = int8(i + 1)
	}
}

func isVowel(r rune) bool { return r >= 0x314F && r <= 0x3163 }

func isConsonant(r rune) bool { return r >= 0x3131 && r < 0x314F }

// composeHangul replaces each KS X 1001 8-byte combination sequence in s,
// decoded to UTF-8, by what it writes: a syllable (initial and medial,
// with or without a final), or a jamo alone (one part, the rest filler).
// A filler that opens no such sequence is left as it is. One pass; s is
// returned as it is when it holds no filler.
func composeHangul(s []byte) []byte {
	i := bytes.Index(s, fillerUTF8)
	if i < 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	for i >= 0 {
		out = append(out, s[:i]...)
		s = s[i+len(fillerUTF8):]
		r, n := compose(s)
		if n > 0 {
			out = utf8.AppendRune(out, r)
			s = s[n:]
		} else {
			out = append(out, fillerUTF8...)
		}
		i = bytes.Index(s, fillerUTF8)
	}
	return append(out, s...)
}

// compose reads the three parts after a filler at the start of s and
// returns what they write and their length in bytes, or n = 0 when they
// are not a combination sequence.
func compose(s []byte) (r rune, n int) {
	var parts [3]rune
	for k := range parts {
		c, size := utf8.DecodeRune(s[n:])
		if size == 0 || c == utf8.RuneError {
			return 0, 0
		}
		parts[k] = c
		n += size
	}
	lead, vowel, trail := parts[0], parts[1], parts[2]
	switch {
	case lead != hangulFiller && !(isConsonant(lead) && leads[lead-0x3131] > 0),
		vowel != hangulFiller && !isVowel(vowel),
		trail != hangulFiller && !(isConsonant(trail) && trails[trail-0x3131] > 0):
		return 0, 0
	case lead != hangulFiller && vowel != hangulFiller:
		t := 0
		if trail != hangulFiller {
			t = int(trails[trail-0x3131])
		}
		l, v := int(leads[lead-0x3131])-1, int(vowel-0x314F)
		return rune(0xAC00 + (l*21+v)*28 + t), n
	case lead != hangulFiller && vowel == hangulFiller && trail == hangulFiller:
		return lead, n
	case lead == hangulFiller && vowel != hangulFiller && trail == hangulFiller:
		return vowel, n
	case lead == hangulFiller && vowel == hangulFiller && trail != hangulFiller:
		return trail, n
	}
	return 0, 0
}
