package render_test

import (
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

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

// deep is a paragraph quoted 32 times over, as a hostile feed may nest
// it.
var deep = strings.Repeat("> ", 32) + "깊은 인용 속 문장"

// TestDeepQuote: a quote whose bars would take more than half the line
// keeps the margin and its outermost bars, shows the levels it leaves out
// as one ':' just before the innermost bar, and leaves the text at least
// min(10, width/2) cells and the two a list marker may take.
func TestDeepQuote(t *testing.T) {
	tests := map[int][]string{
		40: {
			"  | | | | | | | : | 깊은 인용 속 문장",
		},
		60: {
			"  " + strings.Repeat("| ", 12) + ": | 깊은 인용 속 문장",
		},
		120: {
			"  " + strings.Repeat("| ", 27) + ": | 깊은 인용 속 문장",
		},
		20: {
			"  : | 깊은 인용 속",
			"  : | 문장",
		},
		// Too narrow for a margin, or a mark: the innermost bar alone
		// stands at column 0.
		10: {
			"| 깊은",
			"| 인용 속",
			"| 문장",
		},
	}
	for w, want := range tests {
		t.Run(strconv.Itoa(w), func(t *testing.T) {
			sameLines(t, articleLines(t, deep, w, render.StylePlain), want)
		})
	}
}

// quoteText returns where the text of a line starts after its margin and
// quote bars, in cells, and the text; ok is false for a line that is not
// quoted.
func quoteText(l string) (col int, text string, ok bool) {
	l = rendertest.StripANSI(l)
	text = strings.TrimLeft(l, " |│:")
	prefix := l[:len(l)-len(text)]
	return render.Width(prefix), text, strings.ContainsAny(prefix, "|│")
}

// TestDeepQuoteStairs: a quote with text at each of 32 levels, at every
// width and in every style. Every line keeps the margin and fits; the text
// of a deeper level never starts left of a shallower one's, and always
// has min(10, width/2) cells; all text is there, in order.
func TestDeepQuoteStairs(t *testing.T) {
	var md strings.Builder
	var words []string
	for d := 1; d <= 32; d++ {
		word := "단계" + strings.Repeat("가", d%3)
		words = append(words, word)
		md.WriteString(strings.Repeat("> ", d) + word + " 인용문 본문입니다\n")
	}
	for _, style := range []render.Style{render.StylePlain, render.StyleDark} {
		for _, w := range []int{14, 20, 30, 40, 60, 80, 120} {
			lines := articleLines(t, md.String(), w, style)
			last := 0
			var text []string
			for i, l := range lines {
				if l == "" {
					continue
				}
				plain := rendertest.StripANSI(l)
				if !strings.HasPrefix(plain, "  ") || plain[2] == ' ' {
					t.Fatalf("style %d width %d: line %d does not keep the margin: %q", style, w, i, plain)
				}
				col, s, ok := quoteText(l)
				if !ok {
					t.Fatalf("style %d width %d: line %d is not quoted: %q", style, w, i, plain)
				}
				if s == "" {
					continue
				}
				if col < last {
					t.Errorf("style %d width %d: line %d starts at %d, left of %d above:\n%s", style, w, i, col, last, strings.Join(lines, "\n"))
				}
				last = col
				if room := w - render.Margin - col; room < min(10, (w-render.Margin)/2) {
					t.Errorf("style %d width %d: line %d leaves %d cells for the text: %q", style, w, i, room, plain)
				}
				text = append(text, strings.Fields(s)...)
			}
			var want []string
			for _, word := range words {
				want = append(want, word, "인용문", "본문입니다")
			}
			// Narrow widths break the longer words.
			if strings.Join(text, "") != strings.Join(want, "") {
				t.Errorf("style %d width %d: text\n%s\nwant\n%s", style, w, strings.Join(text, " "), strings.Join(want, " "))
			}
		}
	}
}

// TestDeepQuoteBlocks: a heading and a table quoted 32 times over fit
// the width and keep the margin and the bars, as the text around them.
func TestDeepQuoteBlocks(t *testing.T) {
	q := strings.Repeat("> ", 32)
	tests := map[string]struct {
		md, text string
		want40   []string // in plain style
	}{
		"heading": {q + "## 제목 둘째\n" + q + "본문\n", "제목 둘째 본문", []string{
			"  | | | | | | | : | 제목 둘째",
			"  | | | | | | | : | ---------",
			"  | | | | | | | : |",
			"  | | | | | | | : | 본문",
		}},
		"table": {q + "| 가 | 나 |\n" + q + "|---|---|\n" + q + "| 1 | 2 |\n", "가 나 1 2", nil},
	}
	for name, tt := range tests {
		for _, style := range []render.Style{render.StylePlain, render.StyleDark} {
			for _, w := range []int{20, 40, 60, 120} {
				lines := articleLines(t, tt.md, w, style)
				if style == render.StylePlain && w == 40 && tt.want40 != nil {
					sameLines(t, lines, tt.want40)
				}
				var text []string
				for i, l := range lines {
					plain := rendertest.StripANSI(l)
					if !strings.HasPrefix(plain, "  ") || plain[2] == ' ' {
						t.Errorf("%s, style %d width %d: line %d does not keep the margin and the bars: %q", name, style, w, i, plain)
					}
					text = append(text, strings.Fields(strings.Map(func(r rune) rune {
						if strings.ContainsRune("|│:+-─┼", r) {
							return ' '
						}
						return r
					}, plain))...)
				}
				if got := strings.Join(text, " "); got != tt.text {
					t.Errorf("%s, style %d width %d: text %q, want %q:\n%s", name, style, w, got, tt.text, strings.Join(lines, "\n"))
				}
			}
		}
	}
}

// hangul keeps the Hangul syllables of s, in order.
func hangul(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xAC00 && r <= 0xD7A3 {
			return r
		}
		return -1
	}, s)
}

// TestNestingProperties: quotes and lists nested at random, up to 40
// deep, at any width and in any style. Every line fits and keeps the
// margin, the text is all there in order, and a line of quote bars alone
// stands only between two quoted lines.
func TestNestingProperties(t *testing.T) {
	words := []string{"속보", "인용", "기상청은", "말했습니다", "가", "대피소로"}
	rapid.Check(t, func(t *rapid.T) {
		var md strings.Builder
		for range rapid.IntRange(1, 6).Draw(t, "blocks") {
			prefix := strings.Join(rapid.SliceOfN(rapid.SampledFrom([]string{"> ", "> ", "- ", "1. "}), 1, 40).Draw(t, "prefix"), "")
			for i := range rapid.IntRange(1, 3).Draw(t, "lines") {
				if i > 0 && rapid.Bool().Draw(t, "blank") {
					md.WriteString(strings.TrimRight(prefix, " ") + "\n")
				}
				md.WriteString(prefix + strings.Join(rapid.SliceOfN(rapid.SampledFrom(words), 1, 6).Draw(t, "words"), " ") + "\n")
			}
			if rapid.Bool().Draw(t, "apart") {
				md.WriteString("\n")
			}
		}
		w := rapid.IntRange(14, 130).Draw(t, "width")
		style := rapid.SampledFrom([]render.Style{render.StylePlain, render.StyleDark}).Draw(t, "style")
		out, err := render.Article(md.String(), w, style)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(rendertest.StripANSI(out), "\n"), "\n")
		quoted := func(i int) bool {
			return i >= 0 && i < len(lines) && strings.ContainsAny(lines[i], "|│") && strings.TrimSpace(lines[i]) != ""
		}
		for i, l := range lines {
			if lw := render.Width(l); lw > w {
				t.Fatalf("line %d is %d cells wide, more than %d: %q", i, lw, w, l)
			}
			if l != "" && (!strings.HasPrefix(l, "  ") || strings.TrimSpace(l) == "") {
				t.Fatalf("line %d does not keep the margin: %q", i, l)
			}
			if barsOnly(l) && (!quoted(i-1) || !quoted(i+1)) {
				t.Fatalf("line %d of bars alone does not stand between quoted lines:\n%s", i, strings.Join(lines, "\n"))
			}
		}
		if got, want := hangul(out), hangul(md.String()); got != want {
			t.Fatalf("text\n%s\nwant\n%s", got, want)
		}
	})
}
