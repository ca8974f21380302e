package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"sokbo/feed"
	"sokbo/feed/search"
	"sokbo/render"
	"sokbo/render/rendertest"
)

// outageFeed is one article that says 장애 many times, twice in some
// paragraphs, from its title to its last lines.
func outageFeed() *feed.Feed {
	var body strings.Builder
	for i := range 16 {
		if i%4 == 1 {
			fmt.Fprintf(&body, "<p>%d. 장애 복구는 늦어졌고 장애 원인은 아직 밝혀지지 않았습니다.</p>", i)
		} else {
			fmt.Fprintf(&body, "<p>%d. 카카오톡과 포털 이용자들이 <b>접속 장애</b>로 불편을 겪었습니다.</p>", i)
		}
	}
	return &feed.Feed{Title: "장애 속보", Source: "fake", Items: []*feed.Item{{
		ID: "outage", Title: "카카오톡 네트워크 오류 두 달 만에 접속 장애", Link: "https://newsdao.kr/4082",
		Published: testNow, Body: body.String(), Format: feed.FormatHTML, Source: "fake",
	}}}
}

// outageArticle is the reader at w×h in style, with the search 장애 on
// show and its article open.
func outageArticle(t *testing.T, w, h int, style render.Style) Model {
	t.Helper()
	cfg := testConfig(t, outageFeed())
	cfg.Style = style
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = runCmds(t, m, m.loadLocalCmd("fake"))
	m = press(t, m, "/")
	m = typeText(t, m, "장애")
	m = press(t, m, "enter", "enter")
	if m.state != stateArticle || len(m.article.lines) == 0 {
		t.Fatalf("the article is not open:\n%s", screen(m))
	}
	return m
}

// wordsIn counts word in the article's lines, as drawn.
func wordsIn(lines []string, word string) int {
	n := 0
	for _, l := range lines {
		n += strings.Count(ansi.Strip(l), word)
	}
	return n
}

// TestArticleMatchesInTurn: n goes to every match of the search in the
// article in turn, the last screen's too, then wraps to the first, and N
// goes back the same way; the footer says which match it is, and it is
// on screen. At 120×40 every n said 2/10, and at 60×24 n stopped at the
// match that scrolled to the end (QA, build ce61e37).
func TestArticleMatchesInTurn(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {60, 24}, {40, 12}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := outageArticle(t, w, h, render.StylePlain)
			total := wordsIn(m.article.lines, "장애")
			a := m.article
			if a.findMatches(); total < 20 || len(a.matches) != total {
				t.Fatalf("%d matches found, %d in the text", len(a.matches), total)
			}
			m = press(t, m, "g")
			seen := map[int]bool{}
			check := func(step string, want int) {
				t.Helper()
				foot := lastLine(screen(m))
				if !strings.Contains(foot, fmt.Sprintf("일치 %d/%d", want, total)) {
					t.Fatalf("%s: the footer says %q, want match %d/%d", step, foot, want, total)
				}
				line := m.article.matches[m.article.current].line
				if line < m.article.offset || line >= m.article.offset+m.article.height {
					t.Fatalf("%s: match %d is on line %d, the screen shows %d-%d", step, want, line, m.article.offset, m.article.offset+m.article.height-1)
				}
				checkScreen(t, screen(m), w, h)
			}
			for i := 1; i <= total; i++ {
				m = press(t, m, "n")
				check(fmt.Sprintf("n #%d", i), i)
				seen[m.article.current] = true
			}
			if len(seen) != total {
				t.Errorf("n visited %d matches of %d", len(seen), total)
			}
			m = press(t, m, "n")
			check("n past the last", 1)
			m = press(t, m, "N")
			check("N from the first", total)
			m = press(t, m, "N")
			check("N again", total-1)
		})
	}
}

// TestArticleMatchesMarked: in colour the current match is drawn in the
// current match's style and every other match in the match style, the
// cells of every line as they were; without colour the screen holds no
// escape code and the current match's line has > in its margin.
func TestArticleMatchesMarked(t *testing.T) {
	t.Setenv("LANG", "ko_KR.UTF-8")
	t.Setenv("RUNEWIDTH_EASTASIAN", "1")
	m := outageArticle(t, 60, 24, render.StyleDark)
	before := screen(m)
	if strings.Count(before, m.styles.match.on+"장애") != wordsIn(strings.Split(before, "\n"), "장애") {
		t.Errorf("not every match on screen is marked:\n%q", before)
	}
	m = press(t, m, "n")
	s := screen(m)
	cur := m.styles.matchCurrent
	if cur.on == "" || cur.on == m.styles.match.on {
		t.Fatal("no current match style in colour")
	}
	if got := strings.Count(s, cur.on+"장애"+cur.off); got != 1 {
		t.Errorf("%d matches drawn as the current one, want 1:\n%q", got, s)
	}
	body := func(s string) string { return rendertest.StripANSI(s[:strings.LastIndex(s, "\n")]) }
	if body(s) != body(before) {
		t.Errorf("marking changed the text:\n%s\n---\n%s", body(before), body(s))
	}
	checkScreen(t, s, 60, 24)
	// The second match takes the mark; the first is drawn as the rest.
	m = press(t, m, "n")
	if s2 := screen(m); strings.Count(s2, cur.on+"장애"+cur.off) != 1 || s2 == s {
		t.Errorf("n did not move the mark:\n%q", s2)
	}

	m = outageArticle(t, 60, 24, render.StylePlain)
	m = press(t, m, "n")
	s = screen(m)
	if strings.ContainsRune(s, '\x1b') {
		t.Errorf("an escape code without colour:\n%q", s)
	}
	mt := m.article.matches[m.article.current]
	row := mt.line - m.article.offset
	if l := strings.Split(s, "\n")[row]; !strings.HasPrefix(l, ">") || !strings.Contains(l, "장애") {
		t.Errorf("the current match's line is not marked: %q", l)
	}
	checkScreen(t, s, 60, 24)
}

// TestMarkSpans: spans of a line's text are drawn in their paints across
// the line's own codes, which hold again after each span; the text and
// its cells are as they were.
func TestMarkSpans(t *testing.T) {
	hi := paint{"\x1b[7m", "\x1b[m"}
	tests := map[string]struct {
		line  string
		spans [][2]int // bytes of the stripped line
		want  string
	}{
		"plain text": {
			line: "  접속 장애 발생", spans: [][2]int{{9, 15}},
			want: "  접속 \x1b[7m장애\x1b[m 발생",
		},
		"inside a style": {
			line: "\x1b[1m접속 장애\x1b[m 발생", spans: [][2]int{{7, 13}},
			want: "\x1b[1m접속 \x1b[7m장애\x1b[m\x1b[7m\x1b[m 발생",
		},
		"across a code": {
			line: "장\x1b[4m애 발생\x1b[m", spans: [][2]int{{0, 6}},
			want: "\x1b[7m장\x1b[4m\x1b[7m애\x1b[m\x1b[4m 발생\x1b[m",
		},
		"two on a line": {
			line: "장애 복구, 장애 원인", spans: [][2]int{{0, 6}, {15, 21}},
			want: "\x1b[7m장애\x1b[m 복구, \x1b[7m장애\x1b[m 원인",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var spans []markSpan
			for _, s := range tc.spans {
				spans = append(spans, markSpan{span: search.Span{Start: s[0], End: s[1]}, p: hi})
			}
			got := markSpans(tc.line, spans)
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if ansi.Strip(got) != ansi.Strip(tc.line) || render.Width(got) != render.Width(tc.line) {
				t.Errorf("the text changed: %q", ansi.Strip(got))
			}
			if plain := markSpans(tc.line, []markSpan{{span: search.Span{Start: 0, End: 3}}}); plain != tc.line {
				t.Errorf("an empty paint changed the line: %q", plain)
			}
		})
	}
}
