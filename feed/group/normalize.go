package group

import (
	"slices"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the form of title that grouping compares: what is left
// once the parts that differ between outlets for no reason are removed.
//
//   - Compatibility forms are folded (NFKC): ［속보］ is [속보], ㎞ is km.
//   - Short bracketed tags, in any brackets and even mismatched ones, go:
//     [속보], 【단독】, (1보), <종합>, [속보}. A longer bracketed text is
//     kept without its brackets, since it is part of the headline.
//   - A leading tag word followed by a colon or similar goes: 속보: …
//   - The outlet's own name goes, wherever it is.
//   - The one-character Hanja of headline style become Hangul: 北 → 북,
//     美 → 미, 與 → 여, so 北 미사일 and 북한 미사일 share grams.
//   - Punctuation and white space become one space between words, but a
//     thousands separator or a decimal point inside a number stays part
//     of it (2,500 is 2500, 3.25 stays); letters are lower-cased.
//
// The result is for comparison only, never for display.
func Normalize(title, outlet string) string {
	return string(normRunes(nil, title, outlet))
}

// Similarity returns the Jaccard index of the 3-gram sets of the
// normalised titles of a and b, from 0 (nothing shared) to 1 (the same
// set). It ignores time; [Fold] also requires the window.
func Similarity(a, b Headline) float64 {
	ga := uniqueGrams(appendGrams(nil, normRunes(nil, a.Title, a.Outlet)))
	gb := uniqueGrams(appendGrams(nil, normRunes(nil, b.Title, b.Outlet)))
	if len(ga) == 0 || len(gb) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(ga) && j < len(gb); {
		switch {
		case ga[i] < gb[j]:
			i++
		case ga[i] > gb[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(ga)+len(gb)-inter)
}

// maxTitle bounds, in bytes, how much of a title is compared: a headline
// is rarely a third of it, and a hostile title of a megabyte costs no more
// than a long headline.
const maxTitle = 600

// maxTag is the longest bracketed text, in runes, that counts as a tag and
// is removed with its brackets: [속보], (종합2보), [포토뉴스].
const maxTag = 10

// normRunes appends the normalised form of title (see Normalize) to dst.
func normRunes(dst []rune, title, outlet string) []rune {
	var nz normalizer
	return append(dst, nz.runes(title, outlet)...)
}

// normalizer normalises titles (see Normalize) with buffers reused from
// one title to the next. The zero value is ready to use.
type normalizer struct {
	src, out []rune
	outlets  map[string][]rune
}

// runes returns the normalised form of title, valid until the next call.
func (nz *normalizer) runes(title, outlet string) []rune {
	rs := nz.src[:0]
	if len(title) > maxTitle {
		title = title[:maxTitle] // a broken last rune is dropped below
	}
	for _, r := range title {
		if !plain(r) {
			// Start again with the compatibility forms folded.
			rs = rs[:0]
			for _, r := range norm.NFKC.String(title) {
				rs = append(rs, r)
			}
			break
		}
		rs = append(rs, r)
	}
	nz.src = rs
	dst := nz.out[:0]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isOpener(r) {
			if j := closerWithin(rs, i+1); j >= 0 {
				if j-i-1 <= maxTag {
					i = j // drop the tag and both brackets
				}
				// A long bracketed text stays; its brackets are
				// punctuation and go below.
			}
			continue
		}
		switch {
		case r >= 0xac00 && r <= 0xd7a3, r >= '0' && r <= '9', r >= 'a' && r <= 'z':
			dst = append(dst, r) // the common case, first
		case (r == ',' || r == '.') && inNumber(dst, rs[i+1:], r):
			// 2,500 is 2500, as another outlet writes it; 3.25 is one
			// number, not 3 and 25.
			if r == '.' {
				dst = append(dst, r)
			}
		case hanja[r] != 0:
			dst = append(dst, hanja[r])
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			dst = append(dst, unicode.ToLower(r))
		case isTagEnd(r) && len(dst) > 0 && isTagWord(trimSpace(dst)):
			dst = dst[:0] // 속보: …
		case len(dst) > 0 && dst[len(dst)-1] != ' ':
			dst = append(dst, ' ') // a word ends
		}
	}
	if outlet != "" {
		name, ok := nz.outlets[outlet]
		if !ok {
			name = normOutlet(outlet)
			if nz.outlets == nil {
				nz.outlets = make(map[string][]rune)
			}
			nz.outlets[outlet] = name
		}
		if len(name) >= 2 {
			dst = removeAll(dst, name)
		}
	}
	nz.out = dst
	return tidySpace(dst)
}

// tidySpace makes the spaces of rs single and drops them at the ends, in
// place.
func tidySpace(rs []rune) []rune {
	out := rs[:0]
	for _, r := range rs {
		if r == ' ' && (len(out) == 0 || out[len(out)-1] == ' ') {
			continue
		}
		out = append(out, r)
	}
	return trimSpace(out)
}

// inNumber reports whether the separator sep, between the normalised text
// so far and the rest of the title, sits inside a number: a decimal point
// between digits, or a comma before a group of three digits.
func inNumber(done, rest []rune, sep rune) bool {
	if len(done) == 0 || !isDigit(done[len(done)-1]) || len(rest) == 0 || !isDigit(rest[0]) {
		return false
	}
	if sep == '.' {
		return true
	}
	return len(rest) >= 3 && isDigit(rest[1]) && isDigit(rest[2]) && (len(rest) == 3 || !isDigit(rest[3]))
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// plain reports whether NFKC leaves r alone, or changes it in a way that
// makes no difference here. Korean headlines are ASCII, Hangul syllables
// and punctuation, which NFKC leaves alone or which are dropped anyway, so
// most skip the work.
func plain(r rune) bool {
	switch {
	case r < 0x80, r >= 0xac00 && r <= 0xd7a3:
	case r >= 0x2000 && r <= 0x206f: // general punctuation
	case r >= 0x3000 && r <= 0x303f: // CJK punctuation, 【】〈〉
	case r >= 0x3130 && r <= 0x318f: // compatibility jamo: ㅋㅋ
	default:
		return false
	}
	return true
}

// foldCompat applies NFKC to s when it has a rune that is not plain.
func foldCompat(s string) string {
	for _, r := range s {
		if !plain(r) {
			return norm.NFKC.String(s)
		}
	}
	return s
}

func normOutlet(outlet string) []rune {
	var out []rune
	for _, r := range foldCompat(outlet) {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			out = append(out, unicode.ToLower(r))
		}
	}
	return out
}

// removeAll returns s without the occurrences of sub, in place.
func removeAll(s, sub []rune) []rune {
	out := s[:0]
	for i := 0; i < len(s); {
		if i+len(sub) <= len(s) && slices.Equal(s[i:i+len(sub)], sub) {
			i += len(sub)
			continue
		}
		out = append(out, s[i])
		i++
	}
	return out
}

// isOpener and isCloser are the brackets tags come in, after NFKC. 「」
// and 『』 are left out: Korean headlines use them as quotation marks,
// around the very words that tell stories apart.
func isOpener(r rune) bool {
	switch r {
	case '(', '[', '{', '<', '【', '〔', '〖', '〘', '〚', '〈', '《', '«', '⟨':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case ')', ']', '}', '>', '】', '〕', '〗', '〙', '〛', '〉', '》', '»', '⟩':
		return true
	}
	return false
}

// closerWithin returns the index of the first closer at or after i, any
// kind (outlets mistype [속보} and 【속보]), if one comes before another
// opener and within a tag's length; otherwise -1.
func closerWithin(rs []rune, i int) int {
	for j := i; j < len(rs) && j <= i+maxTag*2; j++ {
		switch {
		case isCloser(rs[j]):
			return j
		case isOpener(rs[j]):
			return -1
		}
	}
	return -1
}

// isTagEnd is what ends a leading tag written without brackets: 속보: …,
// 속보= …, 속보| …, 속보▶ ….
func isTagEnd(r rune) bool {
	switch r {
	case ':', '=', '|', '▶', '►', '>', ')', ']', '}':
		return true
	}
	return false
}

// tagWords are the labels outlets put before a headline.
var tagWords = map[string]bool{
	"속보": true, "단독": true, "긴급": true, "종합": true, "상보": true,
	"특보": true, "1보": true, "2보": true, "3보": true, "4보": true,
	"5보": true, "포토": true, "사진": true, "영상": true, "날씨": true,
	"인터뷰": true, "르포": true, "분석": true, "이슈": true, "긴급속보": true,
	"breaking": true, "live": true,
}

func trimSpace(rs []rune) []rune {
	for len(rs) > 0 && rs[len(rs)-1] == ' ' {
		rs = rs[:len(rs)-1]
	}
	return rs
}

func isTagWord(rs []rune) bool { return len(rs) <= 4 && tagWords[string(rs)] }

// hanja maps the one-character Hanja abbreviations of Korean headline
// style to the Hangul syllable they are read as.
var hanja = map[rune]rune{
	'北': '북', '南': '남', '美': '미', '中': '중', '日': '일', '韓': '한',
	'與': '여', '野': '야', '英': '영', '佛': '불', '獨': '독', '露': '러',
	'印': '인', '伊': '이', '濠': '호', '尹': '윤', '李': '이', '文': '문',
	'朴': '박', '檢': '검', '軍': '군', '靑': '청', '前': '전', '現': '현',
	'新': '신', '故': '고', '反': '반', '親': '친', '對': '대', '總': '총',
	'株': '주', '銀': '은', '亞': '아', '歐': '구', '重': '중', '輕': '경',
}

// appendGrams appends the character 3-grams of rs, a normalised title, to
// dst, packed 21 bits a rune, in the order they come, repeats included.
// Grams are formed as
// PostgreSQL's pg_trgm forms them: each word is padded with two spaces
// before and one after, and no gram spans two words. So word order does not
// matter, a word's start counts (" 산불" is shared by 산불, 산불로 and
// 산불이), and a particle glued to a word costs only the grams at its end.
func appendGrams(dst []uint64, rs []rune) []uint64 {
	for len(rs) > 0 {
		end := slices.Index(rs, ' ')
		if end < 0 {
			end = len(rs)
		}
		if word := rs[:end]; len(word) > 0 {
			// The padded word is "  w0 w1 … wn ": grams over it.
			a, b := uint64(' '), uint64(' ')
			for _, r := range word {
				dst = append(dst, a<<42|b<<21|uint64(r))
				a, b = b, uint64(r)
			}
			dst = append(dst, a<<42|b<<21|' ')
		}
		rs = rs[min(end+1, len(rs)):]
	}
	return dst
}

func uniqueGrams(g []uint64) []uint64 {
	slices.Sort(g)
	return slices.Compact(g)
}
