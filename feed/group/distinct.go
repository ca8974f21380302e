package group

import "slices"

// Jaccard on 3-grams cannot see the one word that makes two events
// different: 코스닥 3% 하락 마감 and 코스피 2% 하락 마감 share most of their
// grams, as do 서울 and 부산 낮 최고 31도 폭염. So a pair that reaches the
// threshold is still kept apart when it is distinct (see [distinct]), and
// a short pair, or one outlet's own pair, must reach a higher index.

// shortGrams is the size of a 3-gram set under which a title is short:
// "빈 페이지 기사" has 9. Few grams make the index noisy; one differing
// word is a third of them.
const shortGrams = 16

// shortThreshold is the index two titles must reach when either is short.
const shortThreshold = 0.6

// sameOutletThreshold is the index two titles of one outlet must reach: an
// outlet does not report its own story twice in other words; what it
// sends alike is a 1보 and its 2보, near-identical, or another story.
const sameOutletThreshold = 0.7

// need returns the index two titles with nx and ny distinct grams, of
// outlets oa and ob, must reach, given the threshold t.
func need(nx, ny int, oa, ob string, t float64) float64 {
	if min(nx, ny) < shortGrams {
		t = max(t, shortThreshold)
	}
	if oa != "" && oa == ob {
		t = max(t, sameOutletThreshold)
	}
	return t
}

// distinct reports whether the normalised titles a and b tell of different
// events however alike their grams:
//
//   - a number differs: each has a number the other lacks with the same
//     unit after it (3 하락 and 2 하락, 2명 and 7명; 1시간 and 50여 명 say
//     different things of one event);
//   - one word stands for another, at the same place: the titles are the
//     same words but one, and the two start differently (서울 and 부산
//     낮 최고 31도 폭염; not 가람시에 and 가람시서, 영업이익 and 영업익);
//     or, where they differ
//     word against word, two words at one place are as long and differ in
//     one syllable, not a particle (코스닥 and 코스피, 남부 and 북부).
func distinct(a, b []rune) bool {
	var d distincter
	return d.distinct(a, b)
}

// distincter judges [distinct] with buffers reused from one pair to the
// next. The zero value is ready to use.
type distincter struct {
	wa, wb [][]rune
	na, nb []number
}

func (d *distincter) distinct(a, b []rune) bool {
	d.wa, d.wb = appendWords(d.wa[:0], a), appendWords(d.wb[:0], b)
	wa, wb := d.wa, d.wb
	d.na, d.nb = appendNumbers(d.na[:0], wa), appendNumbers(d.nb[:0], wb)
	if numbersDiffer(d.na, d.nb) {
		return true
	}
	// What is left of each once the words both start and end with are
	// set aside: the part in which they differ, word against word.
	for len(wa) > 0 && len(wb) > 0 && slices.Equal(wa[0], wb[0]) {
		wa, wb = wa[1:], wb[1:]
	}
	for len(wa) > 0 && len(wb) > 0 && slices.Equal(wa[len(wa)-1], wb[len(wb)-1]) {
		wa, wb = wa[:len(wa)-1], wb[:len(wb)-1]
	}
	if len(wa) != len(wb) {
		return false
	}
	if len(wa) == 1 && wa[0][0] != wb[0][0] {
		return true // one word for another
	}
	for i := range wa {
		if rivals(wa[i], wb[i]) {
			return true
		}
	}
	return false
}

// rivals reports whether x and y are as long, of two or three syllables,
// and differ in one, which is not a particle of both.
func rivals(x, y []rune) bool {
	if len(x) != len(y) || len(x) < 2 || len(x) > 3 {
		return false
	}
	diff := -1
	for i := range x {
		if !isHangul(x[i]) || !isHangul(y[i]) {
			return false
		}
		if x[i] != y[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	if diff < 0 {
		return false
	}
	return diff != len(x)-1 || !particles[x[diff]] || !particles[y[diff]]
}

// particles are the one-syllable particles glued to the end of a word.
var particles = map[rune]bool{
	'은': true, '는': true, '이': true, '가': true, '을': true, '를': true,
	'에': true, '서': true, '로': true, '의': true, '도': true, '와': true,
	'과': true, '만': true,
}

func isHangul(r rune) bool { return r >= 0xac00 && r <= 0xd7a3 }

// numbersDiffer reports whether, for some unit, each of the titles whose
// numbers are na and nb has a number
// with that unit after it which the other has not.
func numbersDiffer(na, nb []number) bool {
	for _, x := range na {
		if slices.Contains(nb, x) || !hasUnit(nb, x.unit) {
			continue
		}
		for _, y := range nb {
			if y.unit == x.unit && !slices.Contains(na, y) {
				return true
			}
		}
	}
	return false
}

// number is a number in a title and the rune after it (0 for none).
type number struct {
	n    string
	unit rune
}

// appendNumbers appends the numbers of the words ws to out.
func appendNumbers(out []number, ws [][]rune) []number {
	for _, w := range ws {
		for i := 0; i < len(w); {
			if !isDigit(w[i]) {
				i++
				continue
			}
			j := i
			for j < len(w) && (isDigit(w[j]) || w[j] == '.') {
				j++
			}
			x := number{n: string(w[i:j])}
			if j < len(w) {
				x.unit = w[j]
			}
			out = append(out, x)
			i = j
		}
	}
	return out
}

func hasUnit(ns []number, unit rune) bool {
	return slices.ContainsFunc(ns, func(x number) bool { return x.unit == unit })
}

// appendWords appends the words of a normalised title to out.
func appendWords(out [][]rune, rs []rune) [][]rune {
	for len(rs) > 0 {
		end := slices.Index(rs, ' ')
		if end < 0 {
			end = len(rs)
		}
		if end > 0 {
			out = append(out, rs[:end])
		}
		rs = rs[min(end+1, len(rs)):]
	}
	return out
}

// pairAlike reports whether two titles whose index reaches the threshold t
// are one story: a short or same-outlet pair reaches its higher need, and
// the pair is not distinct. ga and gb are the sizes of their gram sets, na
// and nb their normalised forms.
func pairAlike(score float64, ga, gb int, na, nb []rune, oa, ob string, t float64) bool {
	var d distincter
	return d.alike(score, ga, gb, na, nb, oa, ob, t)
}

func (d *distincter) alike(score float64, ga, gb int, na, nb []rune, oa, ob string, t float64) bool {
	return score >= need(ga, gb, oa, ob, t)-1e-9 && !d.distinct(na, nb)
}
