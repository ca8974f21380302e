package render_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// fuzzSeeds are texts every fuzz target starts from.
var fuzzSeeds = []string{
	"",
	"카카오톡 접속 장애가 오전 10시54분부터 시작되었습니다.",
	"띄어쓰기없이길게이어지는한국어문장은줄바꿈되어야합니다.",
	"https://newsdao.kr/2024/07/18/kakaotalk-network-outage?utm_source=rss",
	family + " " + krFlag + thumb + " " + sun + keycap,
	"· … ※ ○ ① “인용” ‘작은’",
	nfdKa + nfdKa + " " + nfdKa,
	"  들여쓰기\n\n두 번째 문단\t탭",
	"\x1b[1;38;5;39m굵은 제목\x1b[m 보통",
	"재난안전\u00ad상황실은 중앙\u00ad재난\u00ad안전\u00ad대책\u00ad본부와",
	"제\u00a01\u00a0조\u3000평균182.5㎜, 1,250명, 02-123-4567, “인용”이며「책」",
}

// dropPrepend removes what the layout drops (render.IsPrepend).
func dropPrepend(s string) string {
	if !strings.ContainsFunc(s, render.IsPrepend) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		if render.IsPrepend(r) {
			return -1
		}
		return r
	}, s)
}

// fuzzWidth maps any int to a width of 2 to 121 cells: two cells hold any
// cluster, so every invariant applies.
func fuzzWidth(w int) int {
	if w < 0 {
		w = -(w + 1)
	}
	return 2 + w%120
}

func FuzzWrap(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, i*7)
	}
	f.Fuzz(func(t *testing.T, s string, w int) {
		checkWrap(t, dropPrepend(s), fuzzWidth(w))
		if got, want := render.Wrap(s, fuzzWidth(w)), render.Wrap(dropPrepend(s), fuzzWidth(w)); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("Wrap(%q) does not drop Prepend characters: %q", s, got)
		}
	})
}

func FuzzTruncate(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, i*3-2)
	}
	f.Fuzz(func(t *testing.T, s string, w int) {
		if w > 1000 || w < -1000 {
			w %= 1000
		}
		checkTruncate(t, dropPrepend(s), w)
		if got, want := render.Truncate(s, w), render.Truncate(dropPrepend(s), w); got != want {
			t.Fatalf("Truncate(%q) = %q, want %q", s, got, want)
		}
		checkTruncateTitle(t, dropPrepend(s), w)
		if got, want := render.TruncateTitle(s, w), render.TruncateTitle(dropPrepend(s), w); got != want {
			t.Fatalf("TruncateTitle(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzTruncateTitle cuts headlines that titleFrom builds from the fuzzed
// bytes, Korean news text with numbers, ranges and units in it: none
// ends inside a number or a range.
func FuzzTruncateTitle(f *testing.F) {
	f.Add("\x00\x13\x07\xff\x42\x99\x10\x03", 3)
	f.Add("한국은행, 기준금리 연 3.50% 다섯 번째 동결", 0)
	f.Add("정부, 반도체 R&D 예산 3조 원 증액", 17)
	f.Fuzz(func(t *testing.T, s string, w int) {
		if len(s) > 200 {
			return
		}
		title := titleFrom([]byte(s))
		w = 40 + abs(w)%40
		checkTruncateTitle(t, title, w)
		checkTitleNumbers(t, title, w)
	})
}

// titleFrom builds a headline as breakWordGen draws one, its choices read
// from b a byte at a time: pieces of an optional opening mark, one to
// three syllables, an optional number with its unit and a particle, an
// optional closing mark, a space or none between them.
func titleFrom(b []byte) string {
	next := func() int {
		if len(b) == 0 {
			return 0
		}
		c := int(b[0])
		b = b[1:]
		return c
	}
	pick := func(choices []string) string { return choices[next()%len(choices)] }
	syllable := func() string { return string(rune(0xAC00 + (next()*257+next())%(0xD7A3-0xAC00+1))) }
	var out strings.Builder
	for piece := 0; len(b) > 0 && piece < 12; piece++ {
		if piece > 0 && next()%2 == 0 {
			out.WriteString(" ")
		}
		if next()%3 == 0 {
			out.WriteString(pick([]string{"“", "‘", "「", "『", "(", "[", "〈", "《"}))
		}
		for range 1 + next()%3 {
			out.WriteString(syllable())
		}
		if next()%2 == 0 {
			out.WriteString(pick([]string{"182.5", "1,250", "02-123-4567", "92", "10:54", "3.14", "2024.7.18", "24~31", "3〜5", "−3.2", "±0.5", "3.5%p", "10시54분", "3조"}))
			out.WriteString(pick([]string{"㎜", "℃", "%", "명", "시간", "원", ""}))
			out.WriteString(syllable())
		}
		if next()%3 == 0 {
			out.WriteString(pick([]string{"”", "’", "」", "』", ")", "]", ".", ",", "%", "。", "、", "〉"}))
		}
	}
	return out.String()
}

// FuzzTable builds a table from two strings: cells split at "|", rows at
// newlines.
func FuzzTable(f *testing.F) {
	f.Add("시작 시간|완전 복구 시간|복구 소요 시간", "오전 10시54분|낮 12시20분|약 1시간 26분", 40)
	f.Add("지역|피해 유형|발생 시각|복구 상태|비고", "서울 강남구|도로 침수 및 차량 고립|오전 8시30분|부분 복구|우회 도로 안내 중\n인천|정전", 60)
	f.Add("a|b", "", 8)
	f.Add("", "x|y|z\n\n|", 3)
	f.Add(family+"|"+krFlag, "https://newsdao.kr/very/long/path|"+nfdKa, 20)
	f.Fuzz(func(t *testing.T, head, body string, width int) {
		if len(head)+len(body) > 1024 { // keeps each run quick; size is fuzzed elsewhere
			return
		}
		header := strings.Split(head, "|")
		var rows [][]string
		if body != "" {
			for _, line := range strings.Split(body, "\n") {
				rows = append(rows, strings.Split(line, "|"))
			}
		}
		clean := func(s string) string {
			// Cells come from one Markdown line, trimmed, with no table
			// borders of their own.
			s = strings.Map(func(r rune) rune {
				if r < 0x20 || r == 0x7f || strings.ContainsRune("│┼─|+-", r) {
					return ' '
				}
				if render.IsPrepend(r) {
					return -1 // the layout drops it
				}
				return r
			}, s)
			return strings.TrimSpace(s)
		}
		for i := range header {
			header[i] = clean(header[i])
		}
		for _, r := range rows {
			for i := range r {
				r[i] = clean(r[i])
			}
		}
		checkTable(t, header, rows, max(fuzzWidth(width), 8))
		if out := render.Table(header, rows, nil, fuzzWidth(width), render.StyleDark); render.Width(out) < 0 {
			t.Fatal("unreachable")
		}
	})
}

// FuzzTableSpans lays out Markdown tables with spans, as feed/convert
// writes them: cells split at "|", rows at newlines; a cell "^" is the
// rowspan mark, and a cell "<" joins the cell before it (a colspan).
// Marks where no cell spans are fuzzed too; every layout must fit.
func FuzzTableSpans(f *testing.F) {
	f.Add("구분|구간|재개 예정", "철도|경원선 동두천–연천|11일 첫차\n^|태백선 제천–영월|^\n도로|동부간선도로 수락지하차도–성수JC 양방향 전면 통제|<", 60)
	f.Add("시도|인원|<", "^|이재민|대피\n경기도|1,240|3,105", 30)
	f.Add("^|a", "^|^\nb|<\n^|^", 12)
	f.Add(" | | ", "a|<|b\n^|c|^\n|d|", 20) // an empty header: no header
	f.Fuzz(func(t *testing.T, head, body string, width int) {
		if len(head)+len(body) > 1024 {
			return
		}
		row := func(line string) string {
			var b strings.Builder
			b.WriteString("|")
			for _, cell := range strings.Split(line, "|") {
				cell = strings.TrimSpace(strings.Map(func(r rune) rune {
					if r < 0x20 || r == 0x7f || strings.ContainsRune("\\`>[]*_~#&!│┼─├┤┬┴+-", r) {
						return ' '
					}
					if render.IsPrepend(r) {
						return -1
					}
					return r
				}, cell))
				switch cell {
				case "^":
					b.WriteString(" <!--^^--> |")
				case "<":
					b.WriteString("|")
				default:
					b.WriteString(" " + cell + " |")
				}
			}
			return b.String()
		}
		head = strings.ReplaceAll(head, "\n", " ")
		if strings.Count(head, "|") > 30 || strings.Count(body, "|") > 300 {
			return
		}
		md := row(head) + "\n|" + strings.Repeat(" --- |", strings.Count(head, "|")+1) + "\n"
		for _, line := range strings.Split(body, "\n") {
			md += row(line) + "\n"
		}
		w := max(fuzzWidth(width), 8)
		for _, style := range []render.Style{render.StylePlain, render.StyleDark} {
			out, err := render.Article(md, w, style)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.CheckLayout(t, out, w)
			if strings.Contains(out, "<!--") {
				t.Fatalf("the mark is shown:\n%s\nfrom\n%s", out, md)
			}
		}
	})
}
