package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokbo/render/rendertest"
)

// TestReadNestedQuotes reads a post whose HTML nests quotes 3 and 32
// deep. Markdown keeps the nesting as the source has it. Text lays it
// out at each width with no line of bars alone before a deeper level,
// the margin and the bars kept however deep, and every word there.
func TestReadNestedQuotes(t *testing.T) {
	deep := strings.Repeat("<blockquote>", 32) + "<p>서른두 겹 인용 속의 문장입니다.</p>" + strings.Repeat("</blockquote>", 32)
	body := "<p>앞 문단.</p>" +
		"<blockquote><blockquote><blockquote><p>세 겹 인용입니다.</p></blockquote></blockquote></blockquote>" +
		"<blockquote><p>첫 문단.</p><p>둘째 문단.</p></blockquote>" +
		deep + "<p>끝.</p>"
	post := filepath.Join(t.TempDir(), "2024-07-01-quotes.html")
	if err := os.WriteFile(post, []byte("---\ntitle: 겹친 인용\n---\n"+body+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	md, stderr, status := sokbo(t, "read", "--format", "markdown", post)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	for _, want := range []string{
		"\n> > > 세 겹 인용입니다.\n",
		"\n> 첫 문단.\n> \n> 둘째 문단.\n",
		"\n" + strings.Repeat("> ", 32) + "서른두 겹 인용 속의 문장입니다.\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}

	for _, w := range []int{40, 60, 120} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			out, stderr, status := sokbo(t, "read", "--format", "text", "--width", fmt.Sprint(w), post)
			if status != 0 {
				t.Fatalf("status %d, stderr %q", status, stderr)
			}
			noEscapes(t, out)
			rendertest.CheckLayout(t, out, w)
			lines := strings.Split(out, "\n")
			bars := 0
			for i, l := range lines {
				if l != "" && !strings.HasPrefix(l, "  ") {
					t.Errorf("line %d does not keep the margin: %q", i, l)
				}
				if strings.Trim(l, "| ") == "" && strings.Contains(l, "|") {
					bars++
					if l != "  |" || !strings.Contains(lines[i-1], "첫 문단.") {
						t.Errorf("line %d holds bars alone: %q", i, l)
					}
				}
			}
			if bars != 1 {
				t.Errorf("%d lines of bars alone, want the one between the paragraphs of a quote:\n%s", bars, out)
			}
			if !strings.Contains(out, "\n  | | | 세 겹 인용입니다.\n") {
				t.Errorf("the quote three deep is not on one line after its bars:\n%s", out)
			}
			text := strings.Fields(strings.NewReplacer("|", " ", ":", " ").Replace(out))
			want := strings.Fields("겹친 인용 2024-07-01 앞 문단. 세 겹 인용입니다. 첫 문단. 둘째 문단. 서른두 겹 인용 속의 문장입니다. 끝.")
			if strings.Join(text, " ") != strings.Join(want, " ") {
				t.Errorf("text %q, want %q", text, want)
			}
		})
	}
}
