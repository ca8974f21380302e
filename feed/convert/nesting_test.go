package convert

import (
	"html"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// nestWords are what random nestings wrap: Korean words and particles,
// digits, and the characters next to which a delimiter flanks differently
// (℃ and ㎜ are symbols, quotes and ~ punctuation).
var nestWords = []string{"앞", "뒤", "에", "는", "24", "24~31℃", "~", "℃", "㎜", "182.5㎜", "“", "”", "‘", "’", "\"", "'", "(", ")", ",", ".", "3~5일", " ", "a", "*", "_"}

var nestTags = []string{"b", "strong", "i", "em", "del", "s", "span"}

// nestGen draws inline HTML of emphasis, spans, links and code nested up to
// depth, with repeated tags and empty elements. Links do not nest: the
// HTML parser makes an empty link of the outer one, which shows its
// address.
func nestGen(depth int, inLink bool) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		n := rapid.IntRange(1, 3).Draw(t, "parts")
		var b strings.Builder
		for range n {
			kind := rapid.IntRange(0, 6).Draw(t, "kind")
			if depth >= 5 || kind == 5 && inLink {
				kind = 0
			}
			switch kind {
			case 0, 1:
				b.WriteString(html.EscapeString(rapid.SampledFrom(nestWords).Draw(t, "word")))
			case 2, 3:
				tag := rapid.SampledFrom(nestTags).Draw(t, "tag")
				b.WriteString("<" + tag + ">" + nestGen(depth+1, inLink).Draw(t, "in") + "</" + tag + ">")
			case 4:
				tag := rapid.SampledFrom(nestTags).Draw(t, "empty")
				b.WriteString("<" + tag + "></" + tag + ">")
			case 5:
				// A link with no text shows its address; it holds a word.
				b.WriteString(`<a href="https://x.kr/a">` + nestGen(depth+1, true).Draw(t, "link") + "링크</a>")
			case 6:
				b.WriteString("<code>" + html.EscapeString(rapid.SampledFrom(nestWords).Draw(t, "code")) + "</code>")
			}
		}
		return b.String()
	})
}

// TestNestingProperty: for any nesting of emphasis, spans, links and
// code around Korean text, digits, ℃, ~ and quotes, the reader sees the
// source's text, no more, no less, and no markup it does not have.
func TestNestingProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		checkNesting(t, "<p>"+nestGen(0, false).Draw(t, "body")+"</p>")
	})
}

// nestingHTML reads data as a walk through nested inline markup, each
// byte one step: open a b, strong, i, em, del, s or span, or a link;
// close the innermost element, or one further out (mis-nested, as feeds
// write it); write a word or a code span. What is open at the end is
// closed. A link holds a word, opens no link and has nothing mis-nested
// in it: an empty one shows its address, and the parser makes nested ones
// empty, and copies of the link around mis-nested tags.
func nestingHTML(data []byte) string {
	var b strings.Builder
	var open []string
	inLink := func() bool { return slices.Contains(open, "a") }
	closeTo := func(i int) {
		// Closing element i closes what is inside it in the parser's
		// eyes only for a link; elsewhere the end tag is written as is.
		if open[i] == "a" {
			for len(open) > i {
				tag := open[len(open)-1]
				if tag == "a" {
					b.WriteString("링크")
				}
				b.WriteString("</" + tag + ">")
				open = open[:len(open)-1]
			}
			return
		}
		b.WriteString("</" + open[i] + ">")
		open = slices.Delete(open, i, i+1)
	}
	for _, c := range data {
		switch op := c % 16; {
		case op < 7:
			tag := nestTags[op]
			b.WriteString("<" + tag + ">")
			open = append(open, tag)
		case op == 7 && !inLink():
			b.WriteString(`<a href="https://x.kr/a">`)
			open = append(open, "a")
		case op == 8 && len(open) > 0:
			closeTo(len(open) - 1)
		case op == 9 && len(open) > 0:
			i := int(c/16) % len(open)
			if inLink() {
				// The parser's repair of mis-nested tags copies a link
				// around them, empty.
				i = len(open) - 1
			}
			closeTo(i)
		case op == 10:
			b.WriteString("<code>" + html.EscapeString(nestWords[int(c/16)%len(nestWords)]) + "</code>")
		default:
			b.WriteString(html.EscapeString(nestWords[int(c)%len(nestWords)]))
		}
	}
	for len(open) > 0 {
		closeTo(len(open) - 1)
	}
	return b.String()
}

// FuzzEmphasis checks checkNesting on the markup nestingHTML reads from
// the fuzzer's bytes.
func FuzzEmphasis(f *testing.F) {
	// The cases of TestEmphasisNesting, as steps.
	for _, s := range []string{
		"\x4b\x00\x00\x00\x02\x4b\x08\x02\x1e\x08\x06\x08\x08\x4b\x08\x08",
		"\x01\x4b\x03\x4c\x08\x08\x1b",
		"\x00\x3c\x1e\x0b\x08\x1b",
		"\x4b\x03\x07\x4b\x08\x08\x4c",
		"\x04\x2d\x08\x1f\x05\x01\x6b\x08\x08\x1b",
		"\x02\x02\x03\x3b\x08\x08\x08\x1c",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 200 {
			return
		}
		checkNesting(t, "<p>"+nestingHTML(data)+"</p>")
	})
}
