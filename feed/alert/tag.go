package alert

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxLabel bounds, in runes, how far a bracketed label may stretch either
// side of the tag: [긴급·속보] is a label, a bracket that closes forty
// characters later is not one.
const maxLabel = 16

// HasTag reports whether title carries tag as a label, the way Korean
// outlets mark a headline: [속보], 【단독】, (속보), <속보>, [속보·단독],
// [긴급 속보], and mistyped [속보} or 【속보]; at the start, 속보: …,
// 속보=…, 속보 | …, ■속보▶ …. A compound that ends in the tag counts
// (긴급속보 is a kind of 속보), one that merely starts with it does not
// (단독선두 is a lead, not a 단독), and the word alone in running text is
// no label. Latin tags match in any case ([LIVE], [Breaking]).
//
// tag is a label as [NormalizeTag] gives it: no brackets, no spaces.
// HasTag costs a substring search for titles without the tag, and a look
// either side of each occurrence for the others.
func HasTag(title, tag string) bool {
	if tag == "" {
		return false
	}
	for off := 0; ; {
		k := indexFold(title[off:], tag)
		if k < 0 {
			return false
		}
		i := off + k
		if isLabel(title, i, i+len(tag)) {
			return true
		}
		_, size := utf8.DecodeRuneInString(title[i:])
		off = i + size
	}
}

// indexFold is strings.Index with ASCII letters matched in any case, which
// is what Latin labels ([LIVE], [Breaking]) need, without the allocation
// of lower-casing the title.
func indexFold(s, sub string) int {
	if !hasLatin(sub) {
		return strings.Index(s, sub)
	}
	first := lowerASCII(sub[0])
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerASCII(s[i]) == first && equalFoldASCII(s[i+1:i+len(sub)], sub[1:]) {
			return i
		}
	}
	return -1
}

// equalFoldASCII reports whether a and b, of one length, are equal with
// ASCII letters in any case.
func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// isLabel reports whether the tag at title[i:j] is a label (see HasTag).
func isLabel(title string, i, j int) bool {
	// The label ends where the tag ends: 단독선두 is not 단독.
	if r, _ := utf8.DecodeRuneInString(title[j:]); j < len(title) && isWordRune(r) {
		return false
	}
	// It may start earlier, as a compound: 긴급속보.
	ls := i
	for ls > 0 {
		r, size := utf8.DecodeLastRuneInString(title[:ls])
		if !isWordRune(r) {
			break
		}
		ls -= size
	}
	if opener, ok := enclosingOpener(title, ls); ok {
		return closes(title, j) || opener == 0 && followedBySpace(title, j)
	}
	return ls == bodyStart(title) && endsLeadingTag(title, j)
}

// enclosingOpener looks left of a label starting at ls, over other labels
// and their separators, for the bracket that opens them, and returns its
// byte offset.
func enclosingOpener(title string, ls int) (int, bool) {
	k := ls
	for n := 0; k > 0 && n < maxLabel; n++ {
		r, size := utf8.DecodeLastRuneInString(title[:k])
		k -= size
		switch {
		case isOpener(r):
			return k, true
		case isWordRune(r) || isSeparator(r):
		default:
			return 0, false
		}
	}
	return 0, false
}

// closes reports whether, right of a label ending at j, other labels and
// separators lead to a closing bracket, of any kind: outlets mistype
// [속보} and 【속보].
func closes(title string, j int) bool {
	k := j
	for n := 0; k < len(title) && n < maxLabel; n++ {
		r, size := utf8.DecodeRuneInString(title[k:])
		k += size
		switch {
		case isCloser(r):
			return true
		case isWordRune(r) || isSeparator(r):
		default:
			return false
		}
	}
	return false
}

// followedBySpace is the unclosed bracket at the very start, [속보 가람시…:
// the label is a word of its own.
func followedBySpace(title string, j int) bool {
	r, _ := utf8.DecodeRuneInString(title[j:])
	return j < len(title) && unicode.IsSpace(r)
}

// bodyStart returns where the headline proper starts: after leading
// ornaments (■ ▶ ◆ ※ …), white space and bracketed labels.
func bodyStart(title string) int {
	k := 0
	for k < len(title) {
		r, size := utf8.DecodeRuneInString(title[k:])
		switch {
		case isOpener(r):
			end := closerAfter(title, k+size)
			if end < 0 {
				return k
			}
			k = end
		case isWordRune(r) || isCloser(r):
			return k
		default: // ornament, space, punctuation
			k += size
		}
	}
	return k
}

// closerAfter returns the offset after the first closer within maxLabel
// runes from k, or -1.
func closerAfter(title string, k int) int {
	for n := 0; k < len(title) && n <= maxLabel; n++ {
		r, size := utf8.DecodeRuneInString(title[k:])
		k += size
		if isCloser(r) {
			return k
		}
		if isOpener(r) {
			return -1
		}
	}
	return -1
}

// endsLeadingTag reports whether what follows a leading word at j marks
// it as a label: 속보: …, 속보 = …, 속보| …, 속보▶ …, 속보) ….
func endsLeadingTag(title string, j int) bool {
	k := j
	for k < len(title) {
		r, size := utf8.DecodeRuneInString(title[k:])
		if !unicode.IsSpace(r) {
			return isTagMark(r) || isCloser(r)
		}
		k += size
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// isOpener and isCloser are the brackets labels come in, in their
// half-width, full-width and CJK forms.
func isOpener(r rune) bool {
	switch r {
	case '(', '[', '{', '<', '（', '［', '｛', '＜', '【', '〔', '〖', '〘', '〚', '〈', '《', '「', '『', '«', '⟨', '\u2329':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case ')', ']', '}', '>', '）', '］', '｝', '＞', '】', '〕', '〗', '〙', '〛', '〉', '》', '」', '』', '»', '⟩', '\u232a':
		return true
	}
	return false
}

// isSeparator separates labels inside one bracket: [속보·단독], [단독/속보].
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '·', '・', 'ㆍ', '･', '∙', '•', '/', ',', '|', '+', '&', '_', '，', '／', '｜':
		return true
	}
	return false
}

// isTagMark ends a leading label written without brackets.
func isTagMark(r rune) bool {
	switch r {
	case ':', '：', '=', '＝', '|', '｜', '-', '–', '—', '▶', '►', '▷', '>', '/', '…':
		return true
	}
	return false
}

func hasLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// NormalizeTag turns a tag as a user writes it in the config ("속보",
// "[속보]", "【단독】") into the label HasTag looks for: brackets and
// white space removed. It reports false when nothing is left, or when what
// is left has characters a label cannot hold.
func NormalizeTag(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case isOpener(r) || isCloser(r) || unicode.IsSpace(r):
		case isWordRune(r):
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	tag := b.String()
	if tag == "" || utf8.RuneCountInString(tag) > maxLabel {
		return "", false
	}
	return tag, true
}
