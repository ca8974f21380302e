package render_test

import (
	"strings"
	"testing"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// articleLines renders md and returns its lines without the leading blank
// line and the final newline every article has.
func articleLines(t *testing.T, md string, width int, style render.Style) []string {
	t.Helper()
	out, err := render.Article(md, width, style)
	if err != nil {
		t.Fatal(err)
	}
	rendertest.CheckLayout(t, out, width)
	if !strings.HasPrefix(out, "\n") || !strings.HasSuffix(out, "\n") {
		t.Fatalf("article does not start with a blank line and end with a newline: %q", out)
	}
	return strings.Split(strings.TrimSuffix(out[1:], "\n"), "\n")
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestQuoteLevels: a quote nested in a quote with no text of its own
// between them starts on the deeper level's first line, with no line of
// bars alone before it; a blank quoted line stays where it separates two
// blocks inside one quote.
func TestQuoteLevels(t *testing.T) {
	tests := map[string]struct {
		md   string
		want []string
	}{
		"three deep": {"> > > 깊은 인용", []string{
			"  | | | 깊은 인용",
		}},
		"two paragraphs": {"> 첫 문단\n>\n> 둘째 문단", []string{
			"  | 첫 문단",
			"  |",
			"  | 둘째 문단",
		}},
		"text before and after the deeper levels": {"> 바깥\n>\n> > > 안쪽\n>\n> 다시 바깥", []string{
			"  | 바깥",
			"  |",
			"  | | | 안쪽",
			"  |",
			"  | 다시 바깥",
		}},
		"two paragraphs two deep": {"> > 첫째\n> >\n> > 둘째", []string{
			"  | | 첫째",
			"  | |",
			"  | | 둘째",
		}},
		"a paragraph after a deeper level": {"> > > 가\n> >\n> > 나", []string{
			"  | | | 가",
			"  | |",
			"  | | 나",
		}},
		"two quotes in a quote": {"> > 가\n>\n> > 나", []string{
			"  | | 가",
			"  |",
			"  | | 나",
		}},
		"a list in a quote": {"> - 항목", []string{
			"  | • 항목",
		}},
		"a quote in a list in a quote": {"> - > 항목 속 인용", []string{
			"  | •",
			"  | | 항목 속 인용",
		}},
		"a code block in a quote": {"> ```\n> 코드\n> ```", []string{
			"  |   코드",
		}},
		"text after the quote": {"> > 인용 끝\n\n본문", []string{
			"  | | 인용 끝",
			"",
			"  본문",
		}},
		"a paragraph of bars": {"첫 줄\n\n\\|\n\n\\| \\|\n\n끝 줄", []string{
			"  첫 줄",
			"",
			"  |",
			"",
			"  | |",
			"",
			"  끝 줄",
		}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			sameLines(t, articleLines(t, tt.md, 40, render.StylePlain), tt.want)
		})
	}
}

// barsOnly reports whether a line, its styles removed, holds quote bars
// and nothing else.
func barsOnly(l string) bool {
	l = strings.TrimSpace(rendertest.StripANSI(l))
	return l != "" && strings.Trim(l, "│| ") == ""
}

// TestQuoteLevelsStyled: the colour styles draw the same lines.
func TestQuoteLevelsStyled(t *testing.T) {
	for _, style := range []render.Style{render.StyleDark, render.StyleLight} {
		lines := articleLines(t, "> > > 깊은 인용\n\n> 첫 문단\n>\n> 둘째 문단", 40, style)
		var bars []int
		for i, l := range lines {
			if barsOnly(l) {
				bars = append(bars, i)
			}
		}
		if len(bars) != 1 || !strings.Contains(rendertest.StripANSI(lines[bars[0]-1]), "첫 문단") {
			t.Errorf("style %d: lines of bars alone at %v, want one, between the paragraphs:\n%s", style, bars, strings.Join(lines, "\n"))
		}
	}
}
