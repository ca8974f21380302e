package convert

import (
	"strings"
	"testing"

	"sokbo/feed"
)

// TestLimitNesting checks that Markdown which would nest deeper than a
// renderer can take is cut to the limits, with its text kept, and that
// ordinary Markdown and fenced code pass untouched.
func TestLimitNesting(t *testing.T) {
	var indented strings.Builder
	for i := range 300 {
		indented.WriteString(strings.Repeat("  ", i) + "- 항목\n")
	}
	tests := map[string]struct {
		in    string
		check func(t *testing.T, out string)
	}{
		"markers on one line": {strings.Repeat("> ", 5000) + "속보\n", func(t *testing.T, out string) {
			if got := strings.Count(out, ">"); got != maxMarkdownNesting {
				t.Errorf("%d quote markers, want %d", got, maxMarkdownNesting)
			}
		}},
		"list markers on one line": {strings.Repeat("- ", 5000) + "속보\n", func(t *testing.T, out string) {
			if got := strings.Count(out, "-"); got != maxMarkdownNesting {
				t.Errorf("%d list markers, want %d", got, maxMarkdownNesting)
			}
		}},
		"mixed markers": {strings.Repeat("> 1. * ", 2000) + "속보\n", func(t *testing.T, out string) {
			if got := strings.Count(out, ">") + strings.Count(out, "1.") + strings.Count(out, "*"); got != maxMarkdownNesting {
				t.Errorf("%d markers, want %d", got, maxMarkdownNesting)
			}
		}},
		"delimiter run": {strings.Repeat("*", 100000) + "속보" + strings.Repeat("_~", 50000) + "\n", func(t *testing.T, out string) {
			if len(out) != 2*maxDelimiterRun+len("속보\n") {
				t.Errorf("runs not cut: %d bytes", len(out))
			}
		}},
		"emphasis openers": {strings.Repeat("*속보 ", 20000) + "x" + strings.Repeat(" 속보*", 20000) + "\n", func(t *testing.T, out string) {
			if got := strings.Count(out, "*") - strings.Count(out, "\\*"); got != maxDelimiters {
				t.Errorf("%d live delimiters, want %d", got, maxDelimiters)
			}
		}},
		"not a fence": {"``` `\n" + strings.Repeat("*", 1000) + "속보\n", func(t *testing.T, out string) {
			if strings.Count(out, "*") != maxDelimiterRun {
				t.Errorf("a line that only looks like a fence protected a run: %d", strings.Count(out, "*"))
			}
		}},
		"indented after a marker": {strings.Repeat("> "+strings.Repeat("  ", 200)+"- 항목\n", 3), func(t *testing.T, out string) {
			for line := range strings.SplitSeq(out, "\n") {
				if n := strings.Count(line, " "); n > maxIndent+2 {
					t.Fatalf("%d spaces in %q", n, line)
				}
			}
		}},
		"indentation": {indented.String(), func(t *testing.T, out string) {
			for line := range strings.SplitSeq(out, "\n") {
				if n := len(line) - len(strings.TrimLeft(line, " ")); n > maxIndent {
					t.Fatalf("a line indented %d columns", n)
				}
			}
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			out := limitNesting(tc.in)
			if strings.Count(out, "속보")+strings.Count(out, "항목") != strings.Count(tc.in, "속보")+strings.Count(tc.in, "항목") {
				t.Errorf("text lost: %.200q", out)
			}
			tc.check(t, out)
			if again := limitNesting(out); again != out {
				t.Error("not idempotent")
			}
			// The whole conversion finishes on it, as a post.
			if _, err := Markdown(&feed.Item{Format: feed.FormatMarkdown, Body: tc.in}); err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, md := range []string{
		"# 제목\n\n> 인용\n> > 안의 인용\n\n- 하나\n  - 둘\n    1. 셋\n\n**굵게** _기울임_ ~~취소~~ ***\n",
		"```go\nfunc main() {\n\tfmt.Println(\"**\")\n}\n```\n",
		"| a | *b* |\n|---|---|\n| 1 | __2__ |\n",
	} {
		if out := limitNesting(md); out != md {
			t.Errorf("changed %.80q into %.80q", md, out)
		}
	}
}
