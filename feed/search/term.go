package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Range is an inclusive range of runes.
type Range struct{ Lo, Hi rune }

// Class is a set of runes, as ranges sorted by Lo: what one character of a
// term accepts. A syllable or a letter accepts itself; an initial
// consonant ㅂ accepts itself and every syllable that starts with it
// (바 … 빟).
type Class []Range

// Has reports whether c holds r.
func (c Class) Has(r rune) bool {
	for _, rg := range c {
		if r < rg.Lo {
			return false
		}
		if r <= rg.Hi {
			return true
		}
	}
	return false
}

// single returns the rune of a class of one rune.
func (c Class) single() (rune, bool) {
	if len(c) == 1 && c[0].Lo == c[0].Hi {
		return c[0].Lo, true
	}
	return 0, false
}

// Term is one word or phrase of a query, as an index sees it: the text a
// document must hold for the term to match it.
type Term struct {
	// Seqs are the alternatives: a document matches the term when one of
	// its fields holds a run of characters matching, one for one, the
	// classes of any one sequence. There is one sequence, or up to three
	// for the last word of an incremental query, whose last syllable may
	// still be changing under the IME.
	Seqs [][]Class
	// TitleOnly is true for a term of initial consonants only (ㅂㅎ,
	// ㄱㅎㅇㅈ): it is matched against the title alone, since almost
	// every body holds some pair of syllables starting ㅂ, ㅎ.
	TitleOnly bool
	// Initials is, for a TitleOnly term, the jamo to find in
	// Initials(Fold(title)); "" otherwise.
	Initials string
}

// compiled is a Term ready to match.
type compiled struct {
	Term
	seqs []seq
	// loose are seqs again, with one-rune anchors, for a term that
	// ignores spacing: a match the anchors of seqs miss because a space
	// splits them is found by these. nil otherwise.
	loose []seq
}

// finders returns the sequences that find every match of the term, one
// after another: loose for a term that ignores spacing, seqs otherwise.
func (c *compiled) finders() []seq {
	if c.loose != nil {
		return c.loose
	}
	return c.seqs
}

// seq is one alternative of a term, with the longest run of literal
// characters found first, by strings.Index, before the classes around it
// are checked.
type seq struct {
	classes []Class
	// anchor is the literal text of classes[lo:hi]; the whole sequence
	// when every class is one rune.
	anchor string
	lo, hi int
	// spaced lets a match have one space between two runes the text
	// holds that are both spaceable, where the classes have none.
	spaced bool
}

// classOf returns the class one folded rune of a query accepts.
func classOf(r rune) Class {
	if initialIndex(r) >= 0 {
		return Class{{r, r}, initialRange(r)}
	}
	return Class{{r, r}}
}

// compileTerm builds the matcher for folded, non-empty term text. When
// composing is true the text ends where the IME is still at work, and its
// last syllable or jamo may yet become something longer: see composingTails.
func compileTerm(text string, composing bool) *compiled {
	runes := []rune(text)
	spaced := false
	if d := despaceRunes(runes); len(d)-strings.Count(string(d), " ") >= minSpacedTerm {
		runes, text, spaced = d, string(d), true
	}
	c := &compiled{}
	c.TitleOnly = true
	for _, r := range runes {
		if initialIndex(r) < 0 {
			c.TitleOnly = false
			break
		}
	}
	if c.TitleOnly {
		c.Initials = text
	}
	classes := make([]Class, len(runes))
	for i, r := range runes {
		classes[i] = classOf(r)
	}
	c.Seqs = [][]Class{classes}
	if composing {
		if keep, tails := composingTails(runes); len(tails) > 0 {
			c.Seqs = c.Seqs[:0]
			for _, t := range tails {
				c.Seqs = append(c.Seqs, append(slices.Clip(classes[:keep]), t...))
			}
		}
	}
	for i, s := range c.Seqs {
		c.seqs = append(c.seqs, newSeq(s))
		if spaced {
			sq := newSeq(s)
			sq.spaced = true
			c.seqs[i].spaced = true
			// A one-rune anchor, which a space cannot split.
			if sq.hi > sq.lo+1 {
				sq.hi = sq.lo + 1
				r, _ := s[sq.lo].single()
				sq.anchor = string(r)
			}
			c.loose = append(c.loose, sq)
		}
		// The index holds despaced text (Despace).
		c.Seqs[i] = despaceClasses(s)
	}
	return c
}

// composingTails returns what the end of a word being typed may still turn
// into, as alternatives replacing its runes from keep on; no tails when
// the word's end cannot change. A 2-beolsik IME shows, on the way to 북한:
// ㅂ 부 북 북ㅎ 북하 북한. Each must find what the finished word finds:
//
//   - a syllable with no final, 부, may gain one and a compound vowel:
//     any of 부 … 붛 and 붜 … 뷓 (ㅝ ㅞ ㅟ);
//   - a syllable with a final, 북, may keep it, grow it into a compound
//     (붃), or lose it to the next syllable as its initial (부 then ㄱ…);
//   - a consonant after a syllable, 라ㅁ, may start the next syllable
//     (라면), become the final (람), or join the final (갈ㄱ → 갉).
func composingTails(runes []rune) (keep int, tails [][]Class) {
	n := len(runes)
	last := runes[n-1]
	if isSyllable(last) {
		return n - 1, syllableTails(last)
	}
	if !isConsonantJamo(last) || n < 2 || !isSyllable(runes[n-2]) {
		return n, nil
	}
	prev := runes[n-2]
	l, v, t := decompose(prev)
	tails = [][]Class{{{{prev, prev}}, classOf(last)}}
	switch {
	case t == 0 && finalIndex(last) > 0:
		// 라ㅁ as 람 being composed; its other tail, 라 then ㅁ…, is
		// the one above.
		tails = append(tails, syllableTails(compose(l, v, finalIndex(last)))[0])
	case t != 0:
		for _, fc := range finalCompounds {
			if fc.first == t && fc.added == last {
				s := compose(l, v, fc.final)
				tails = append(tails, []Class{{{s, s}}})
			}
		}
	}
	return n - 2, tails
}

// syllableTails returns what a syllable still under the IME may become,
// each a sequence of classes; the first is always one class, the syllable
// itself or its growths.
func syllableTails(s rune) [][]Class {
	l, v, t := decompose(s)
	if t == 0 {
		// Any final, and the compound vowels built on v.
		var c Class
		c = append(c, Range{compose(l, v, 0), compose(l, v, finalCount-1)})
		for _, mc := range medialCompounds {
			if mc.first == v {
				c = append(c, Range{compose(l, mc.medial, 0), compose(l, mc.medial, finalCount-1)})
			}
		}
		return [][]Class{{c}}
	}
	if first, added, ok := splitFinal(t); ok {
		// 닭: itself, or 달 then ㄱ….
		f := compose(l, v, first)
		return [][]Class{{{{s, s}}}, {{{f, f}}, classOf(added)}}
	}
	// 북: itself or a compound final on it, or 부 then ㄱ….
	c := Class{{s, s}}
	for _, fc := range finalCompounds {
		if fc.first == t {
			r := compose(l, v, fc.final)
			c = append(c, Range{r, r})
		}
	}
	open := compose(l, v, 0)
	return [][]Class{{c}, {{{open, open}}, classOf(finalJamo[t])}}
}

// splitFinal undoes finalCompounds: the first consonant of compound final t
// and the one added to it, or ok false when t is not a compound.
func splitFinal(t int) (first int, added rune, ok bool) {
	for _, fc := range finalCompounds {
		if fc.final == t {
			return fc.first, fc.added, true
		}
	}
	return 0, 0, false
}

func newSeq(classes []Class) seq {
	s := seq{classes: classes}
	// The longest run of one-rune classes; ties go to the first.
	for i := 0; i < len(classes); {
		if _, ok := classes[i].single(); !ok {
			i++
			continue
		}
		j := i
		for j < len(classes) {
			if _, ok := classes[j].single(); !ok {
				break
			}
			j++
		}
		if j-i > s.hi-s.lo {
			s.lo, s.hi = i, j
		}
		i = j
	}
	var b strings.Builder
	for _, c := range classes[s.lo:s.hi] {
		r, _ := c.single()
		b.WriteRune(r)
	}
	s.anchor = b.String()
	return s
}

// find returns the byte range of the first match of s in text at or after
// byte from, or ok false.
func (s *seq) find(text string, from int) (start, end int, ok bool) {
	if s.anchor == "" {
		// Classes only: try every rune.
		for i := from; i < len(text); {
			if e, ok := s.matchForward(text, i, 0); ok {
				return i, e, true
			}
			_, size := decodeRune(text, i)
			i += size
		}
		return 0, 0, false
	}
	for i := from; i <= len(text); {
		k := strings.Index(text[i:], s.anchor)
		if k < 0 {
			return 0, 0, false
		}
		a := i + k
		if st, ok := s.matchBackward(text, a, from); ok {
			if e, ok := s.matchForward(text, a+len(s.anchor), s.hi); ok {
				return st, e, true
			}
		}
		_, size := decodeRune(text, a)
		i = a + size
	}
	return 0, 0, false
}

// matchBackward checks classes[:lo] against the runes ending at byte a,
// none before byte from, and returns where the match starts.
func (s *seq) matchBackward(text string, a, from int) (int, bool) {
	for k := s.lo - 1; k >= 0; k-- {
		if s.spaced && a-1 > from && text[a-1] == ' ' && spaceAround(text, a-1) {
			a--
		}
		if a <= from {
			return 0, false
		}
		r, size := utf8.DecodeLastRuneInString(text[:a])
		if !s.classes[k].Has(r) {
			return 0, false
		}
		a -= size
	}
	return a, true
}

// matchForward checks classes[k:] against the runes from byte i on and
// returns where the match ends.
func (s *seq) matchForward(text string, i, k int) (int, bool) {
	for ; k < len(s.classes); k++ {
		if s.spaced && k > 0 && i < len(text) && text[i] == ' ' && spaceAround(text, i) {
			i++
		}
		if i >= len(text) {
			return 0, false
		}
		r, size := decodeRune(text, i)
		if !s.classes[k].Has(r) {
			return 0, false
		}
		i += size
	}
	return i, true
}

// in reports whether the term matches folded text.
func (c *compiled) in(text string) bool {
	for i := range c.seqs {
		if _, _, ok := c.seqs[i].find(text, 0); ok {
			return true
		}
	}
	for i := range c.loose {
		// A seq anchored by one rune or none has found what its loose
		// twin would.
		if c.loose[i].anchor == c.seqs[i].anchor {
			continue
		}
		if _, _, ok := c.loose[i].find(text, 0); ok {
			return true
		}
	}
	return false
}
