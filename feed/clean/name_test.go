package clean

import (
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
		{"a\u009bb", `"a\x9bb"`},
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

// FuzzName: whatever the name, what Name shows is one clean line, and
// names that differ are shown differently once either is quoted.
func FuzzName(f *testing.F) {
	for _, s := range []string{"a.md", "bad\x1b]0;t.txt", "\xff", "한\u200d", norm.NFD.String("한국")} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Name(s)
		if !shownLine(got) {
			t.Fatalf("Name(%q) = %q is not one clean line", s, got)
		}
		if needsQuote(s) && (len(got) < 2 || got[0] != '"' || got[len(got)-1] != '"') {
			t.Fatalf("Name(%q) = %q is not quoted", s, got)
		}
	})
}

// shownLine reports whether s is clean text on one line, its spaces as
// they are.
func shownLine(s string) bool {
	return Sanitize(s) == s && !strings.ContainsAny(s, "\n\t\r\u2028\u2029")
}
