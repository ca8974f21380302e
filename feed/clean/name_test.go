package clean

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"posts/2024-07-01-속보.md", "posts/2024-07-01-속보.md"},
		{"a  b.md", "a  b.md"}, // as named: spaces are not collapsed
		{norm.NFD.String("한국.md"), "한국.md"},
		{"👩\u200d💻.md", "👩\u200d💻.md"},
		{"bad\x1b]0;t.txt", `"bad\x1b]0;t.txt"`},
		{"x\x1b[31my", `"x\x1b[31my"`},
		{"a\x01b", `"a\x01b"`},
		{"a\x7fb", `"a\x7fb"`},
		{"a\u009bb", `"a\u009bb"`},
		{"a\x9bb", `"a\x9bb"`}, // a byte, not the rune
		{"x\u202e\u0301", `"x\u202e\u0301"`},
		{"a\n\u0303b", `"a\n\u0303b"`},
		{"\u0301abc", `"\u0301abc"`},
		{"rtl\u200fmark\u00adshy", `"rtl\u200fmark\u00adshy"`},
		{"빈\u3164칸", `"빈\u3164칸"`},
		{`"a\x1b"`, `"\"a\\x1b\""`}, // quotes of its own: quoted again
		{"태그\U000e0041", `"태그\U000e0041"`},
		{"a\nb\tc\rd", `"a\nb\tc\rd"`},
		{"line\u2028sep", `"line\u2028sep"`},
		{"evil\u202etxt.exe", `"evil\u202etxt.exe"`},
		{"zero\u200bwidth", `"zero\u200bwidth"`},
		{"a\u200db", `"a\u200db"`},
		{"bad\xffbyte", `"bad\xffbyte"`},
		{"C:\\dir\\\x1b.md", `"C:\\dir\\\x1b.md"`},
		{"say \"hi\"\x07", `"say \"hi\"\x07"`},
		{norm.NFD.String("한\x01국"), "\"한\\x01국\""},
	} {
		got := Name(c.in)
		if got != c.want {
			t.Errorf("Name(%q) = %q, want %q", c.in, got, c.want)
		}
		if !shownLine(got) {
			t.Errorf("Name(%q) = %q is not one clean line", c.in, got)
		}
	}
}

// TestVisible: a library's message is kept whole, its controls escaped
// where OneLine would drop them with the text an escape sequence seems to
// take after it ("found \x1b instead", not "found nstead"), and its own
// quotes and backslashes left as the library wrote them.
func TestVisible(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"expected identifier, found \x1b instead", `expected identifier, found \x1b instead`},
		{"missing closing ]: `[\x1b[2J(`", "missing closing ]: `[\\x1b[2J(`"},
		{`got '\' in "a"`, `got '\' in "a"`},
		{"two\nlines\a", `two\nlines\x07`},
		{"빈\u3164칸 \u200b", `빈\u3164칸 \u200b`},
		{"한국어", "한국어"},
	} {
		got := Visible(c.in)
		if got != c.want {
			t.Errorf("Visible(%q) = %q, want %q", c.in, got, c.want)
		}
		if !shownLine(got) {
			t.Errorf("Visible(%q) = %q is not one clean line", c.in, got)
		}
	}
}

// FuzzName: whatever the name, what Name shows is one clean line, and a
// quoted one reads back, as a Go string, as the name itself (in NFC): so
// names that differ, but for their Unicode form, are shown differently.
func FuzzName(f *testing.F) {
	for _, s := range []string{"a.md", "bad\x1b]0;t.txt", "\xff", "한\u200d", norm.NFD.String("한국"), "x\u202e\u0301", `"q"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Name(s)
		if !shownLine(got) {
			t.Fatalf("Name(%q) = %q is not one clean line", s, got)
		}
		if !strings.HasPrefix(got, `"`) {
			if got != nfcKeepingBytes(s) {
				t.Fatalf("Name(%q) = %q, unquoted but not the name", s, got)
			}
			return
		}
		back, err := strconv.Unquote(got)
		if err != nil || back != nfcKeepingBytes(s) {
			t.Fatalf("Name(%q) = %q reads back as %q, %v", s, got, back, err)
		}
	})
}

// shownLine reports whether s is clean text on one line, its spaces as
// they are.
func shownLine(s string) bool {
	return Sanitize(s) == s && !strings.ContainsAny(s, "\n\t\r\u2028\u2029")
}
