package clean

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var cleanCases = []string{
	"", "abc", "카카오톡 접속 장애", "\u1100\u1161", "가\u11a8", "e\u0301", "é", "a\u0301b",
	"카\u0301", "IT·과학 © 뉴스다오", "\u212b", "한\u0300글 a\u0323\u0301", "x\u0345\u0301", "\ufb2c", "ｶﾞ",
	"한국 \u1100\u1161\u11a8 끝", "\xff\xfe", "가\xed\x9e\xa4", "\u3131\u314f",
	"a\x1b[31mb", "\u0085", "\u009f", "a\u202eb", "\u2069", "\u2028", "\r", "\x7f", "tab\tnl\n", "\xea\xb0", "가\xea",
}

// isCleanRef is what isClean computes, written plainly.
func isCleanRef(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		// Zero-width spaces and joiners go or stay by what is around
		// them (a joiner inside an emoji stays): the full cleaner
		// decides, so the quick test sends every one to it.
		if DropRune(r) || r == '\r' || r == 0x1b || r == '\u200b' || r == '\u200d' || r == '\ufeff' {
			return false
		}
	}
	return norm.NFC.IsNormalString(s)
}

func TestIsClean(t *testing.T) {
	for _, s := range cleanCases {
		if got, want := isClean(s), isCleanRef(s); got != want {
			t.Errorf("isClean(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a  b", "a\tb", "가\u3000나", "a\u00a0b", "a \n b ", "\u2028x", "한 글"} {
		if got, want := CollapseSpace(s), strings.Join(strings.FieldsFunc(s, isSpace), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
	// Spaces that do not break are text.
	for s, want := range map[string]string{"제\u00a01\u00a0조": "제\u00a01\u00a0조", " 가\u3000나 ": "가\u3000나", "a \u202f b": "a \u202f b"} {
		if got := CollapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzIsClean(f *testing.F) {
	for _, s := range cleanCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isClean(s), isCleanRef(s); got != want {
			t.Errorf("isClean(%q) = %v, want %v", s, got, want)
		}
		if got, want := CollapseSpace(s), strings.Join(strings.FieldsFunc(s, isSpace), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
