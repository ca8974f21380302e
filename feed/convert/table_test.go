package convert

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"sokbo/feed"
	"sokbo/render"
	"sokbo/render/rendertest"
)

// headerless is the table of the new-user report: two rows of <td> and
// nothing that makes either a header.
const headerless = "<table><tr><td>셀1</td><td>셀2</td></tr><tr><td>셀3</td><td>셀4</td></tr></table>"

// TestTableHeader: only <thead>, a first row of <th> cells or a first row
// bold as a whole is a table's header. A table with none is written with
// an empty header row, GFM's table with no header, and all its rows under
// the delimiter row, as data.
func TestTableHeader(t *testing.T) {
	tests := map[string]struct{ html, want string }{
		"no header": {
			html: headerless,
			want: "|     |     |\n| --- | --- |\n| 셀1 | 셀2 |\n| 셀3 | 셀4 |\n",
		},
		"th first row": {
			html: "<table><tr><th>지역</th><th>시간</th></tr><tr><td>가람시</td><td>10시</td></tr></table>",
			want: "| 지역   | 시간 |\n| ------ | ---- |\n| 가람시 | 10시 |\n",
		},
		"thead": {
			html: "<table><thead><tr><td>지역</td><td>시간</td></tr></thead><tr><td>가람시</td><td>10시</td></tr></table>",
			want: "| 지역   | 시간 |\n| ------ | ---- |\n| 가람시 | 10시 |\n",
		},
		"bold first row": {
			html: "<table><tr><td><b>지역</b></td><td><b>시간</b></td></tr><tr><td>가람시</td><td>10시</td></tr></table>",
			want: "| 지역   | 시간 |\n| ------ | ---- |\n| 가람시 | 10시 |\n",
		},
		"partly bold first row is data": {
			html: "<table><tr><td><b>시작</b> 시간</td></tr><tr><td>1</td></tr></table>",
			want: "|               |\n| ------------- |\n| **시작** 시간 |\n| 1             |\n",
		},
		"bold data rows keep their stars": {
			html: "<table><tr><td>지역</td><td><b>합계</b></td></tr><tr><td><b>가람시</b></td><td><b>312명</b></td></tr></table>",
			want: "|            |           |\n| ---------- | --------- |\n| 지역       | **합계**  |\n| **가람시** | **312명** |\n",
		},
		"th row under an empty corner": {
			html: "<table><tr><td></td><th>서울</th><th>부산</th></tr><tr><th>기온</th><td>31℃</td><td>29℃</td></tr></table>",
			want: "|      | 서울 | 부산 |\n| ---- | ---- | ---- |\n| 기온 | 31℃  | 29℃  |\n",
		},
		"row headings only": {
			// A <th> at the start of each row heads that row, not the
			// columns: the first row is data like the rest.
			html: "<table><tr><th>기온</th><td>31℃</td></tr><tr><th>습도</th><td>80%</td></tr></table>",
			want: "|      |     |\n| ---- | --- |\n| 기온 | 31℃ |\n| 습도 | 80% |\n",
		},
		"empty row over a header row": {
			// The empty first row of <thead> goes, so the second is the
			// header, not a bold row under an empty one.
			html: "<table><thead><tr><th></th><th></th></tr><tr><th>항목</th><th>값</th></tr></thead><tr><td>강수</td><td>3~5일</td></tr></table>",
			want: "| 항목 | 값     |\n| ---- | ------ |\n| 강수 | 3\\~5일 |\n",
		},
		"empty first row of no header": {
			html: "<table><tr><td></td><td> </td></tr><tr><td>a</td><td>b</td></tr></table>",
			want: "|     |     |\n| --- | --- |\n| a   | b   |\n",
		},
		"rowspan in no header": {
			html: `<table><tr><td rowspan="2">서울</td><td>1</td></tr><tr><td>2</td></tr></table>`,
			want: "|           |     |\n| --------- | --- |\n| 서울      | 1   |\n| <!--^^--> | 2   |\n",
		},
		"colspan in no header": {
			html: `<table><tr><td colspan="2">합계</td></tr><tr><td>1</td><td>2</td></tr></table>`,
			want: "|     |     |\n| --- | --- |\n| 합계     ||\n| 1   | 2   |\n",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			md := mustMarkdown(t, &feed.Item{Body: tt.html})
			if md != tt.want {
				t.Errorf("got\n%s\nwant\n%s", md, tt.want)
			}
			assertTableAligned(t, md)
		})
	}
}

// TestTableNoHeaderText: a table with no header is drawn as its rows, the
// first not set apart from the second by a rule or by bold, at every
// width, its Hangul cells two cells wide and lined up.
func TestTableNoHeaderText(t *testing.T) {
	md := mustMarkdown(t, &feed.Item{Body: headerless})
	for _, w := range []int{40, 60, 120} {
		for _, style := range []render.Style{render.StylePlain, render.StyleDark} {
			t.Run(strconv.Itoa(w)+"/"+style.String(), func(t *testing.T) {
				out, err := render.Article(md, w, style)
				if err != nil {
					t.Fatal(err)
				}
				rendertest.CheckLayout(t, out, w)
				if strings.Contains(out, "\x1b[1m") {
					t.Errorf("a cell is bold:\n%q", out)
				}
				plain := rendertest.StripANSI(out)
				if strings.ContainsAny(plain, "─┼-+") {
					t.Errorf("a rule under a data row:\n%s", plain)
				}
				var rows []string
				for line := range strings.SplitSeq(plain, "\n") {
					if strings.TrimSpace(line) != "" {
						rows = append(rows, line)
					}
				}
				if want := []string{"   셀1 │ 셀2", "   셀3 │ 셀4"}; !slices.Equal(rows, want) {
					t.Errorf("lines = %q, want %q", rows, want)
				}
			})
		}
	}
}

// bodyCell converts a table whose one row of data holds cell and returns
// that cell as the Markdown writes it, its padding trimmed (and no more:
// a no-break space that starts it is text), with the Markdown. It fails
// unless the table is still a header, a delimiter row and that row, each
// of two cells and lined up: a newline in the cell would break the row.
func bodyCell(t *testing.T, cell string) (got, md string) {
	t.Helper()
	md = mustMarkdown(t, &feed.Item{Body: "<table><tr><th>항목</th><th>내용</th></tr><tr><td>가</td><td>" + cell + "</td></tr></table>"})
	lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("not one row under the header:\n%s", md)
	}
	cells := splitRow(lines[2])
	if len(cells) != 2 || len(splitRow(lines[0])) != 2 {
		t.Fatalf("not two cells a row:\n%s", md)
	}
	assertTableAligned(t, md)
	return strings.Trim(cells[1], " "), md
}

// shownCell lays md out at width in plain text, checks that every line
// fits, and returns the lines of the second column under the header rule,
// no-break spaces shown as spaces.
func shownCell(t *testing.T, md string, width int) []string {
	t.Helper()
	out, err := render.Article(md, width, render.StylePlain)
	if err != nil {
		t.Fatal(err)
	}
	rendertest.CheckLayout(t, out, width)
	var col []string
	body := false
	for line := range strings.SplitSeq(out, "\n") {
		if strings.Contains(line, "─") {
			body = true
			continue
		}
		if _, after, ok := strings.Cut(line, "│"); ok && body {
			after = strings.TrimPrefix(strings.TrimRight(after, " "), " ")
			col = append(col, strings.ReplaceAll(after, "\u00a0", " "))
		}
	}
	return col
}

// nb is a run of n no-break spaces.
func nb(n int) string { return strings.Repeat("\u00a0", n) }

// TestTableCellBlocks: a block in a table cell stays in its cell, for a
// GFM cell cannot hold a newline. Code (QA 09-cells.html: a <pre> broke
// its row, with a raw newline and its fences as text) is a code span a
// line, its tab taken to the next stop of four cells as sokbo's renderer
// takes one in code, the spaces that indent or line up kept as no-break
// spaces; a quote, a heading, a rule and a nested table keep the row.
func TestTableCellBlocks(t *testing.T) {
	tests := map[string]struct {
		cell  string
		want  string   // the cell in the Markdown; "" checks the row only
		shown []string // the cell's lines laid out
	}{
		"pre": {
			cell:  "<pre>코드\t탭\n  두칸</pre>",
			want:  "`코드" + nb(4) + "탭`<br>`" + nb(2) + "두칸`",
			shown: []string{"코드    탭", "  두칸"},
		},
		"pre with a blank line and a pipe": {
			cell:  "<pre>a | b\n\n  c</pre>",
			want:  "`a \\| b`<br><br>`" + nb(2) + "c`",
			shown: []string{"a | b", "", "  c"},
		},
		"pre with backticks": {
			cell:  "<pre>``x``</pre>",
			want:  "``` ``x`` ```",
			shown: []string{"``x``"},
		},
		"pre between text": {
			cell:  "앞<pre>x</pre>뒤",
			want:  "앞<br>`x`<br>뒤",
			shown: []string{"앞", "x", "뒤"},
		},
		"pre in a quote": {
			cell: "<blockquote><pre>a\n b</pre></blockquote>",
			want: "> `a`<br>> `" + nb(1) + "b`",
		},
		"pre in a nested table": {
			cell:  "<table><tr><td><pre>a\n  b</pre></td></tr></table>",
			want:  "`a`<br>`" + nb(2) + "b`",
			shown: []string{"a", "  b"},
		},
		"quote":        {cell: "<blockquote><p>인용</p><p>둘</p></blockquote>"},
		"heading":      {cell: "<h2>제목</h2>본문"},
		"rule":         {cell: "위<hr>아래"},
		"nested table": {cell: "<table><tr><td>안1</td><td>안2<br>안3</td></tr></table>"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, md := bodyCell(t, tt.cell)
			if tt.want != "" && got != tt.want {
				t.Errorf("cell = %q, want %q\n%s", got, tt.want, md)
			}
			if strings.Contains(got, "```\u00a0") || strings.HasPrefix(got, "```<br>") {
				t.Errorf("a fence in the cell: %q", got)
			}
			for _, w := range []int{40, 60, 120} {
				col := shownCell(t, md, w)
				if tt.shown != nil && !slices.Equal(col, tt.shown) {
					t.Errorf("at %d the cell shows %q, want %q", w, col, tt.shown)
				}
			}
		})
	}
}

// TestTableCellBreaks: the line breaks of a cell are kept as the source's
// browser shows them, blank lines too (QA 09-cells.html, 04-tables.html:
// "하나<br><br><br>넷" was 하나 and 넷, and a leading <br> went). A <br>
// that starts a cell leaves its first line blank. One that ends a block
// (a paragraph, a <div>, the cell) ends a line that ends there anyway: a
// browser shows nothing for it, and it adds no line; so "<div><br></div>"
// is one blank line. Blank lines at the very end of a cell go too: they
// only make the row taller, and sokbo's tables, which fit each row to its
// text, do not show that.
func TestTableCellBreaks(t *testing.T) {
	tests := map[string]cellCase{
		"three breaks":         {"하나<br><br><br>넷", "하나<br><br><br>넷", []string{"하나", "", "", "넷"}},
		"a blank line":         {"첫째 줄<br>둘째 줄<br><br>넷째 줄", "첫째 줄<br>둘째 줄<br><br>넷째 줄", []string{"첫째 줄", "둘째 줄", "", "넷째 줄"}},
		"leading break":        {"<br>앞 줄바꿈", "<br>앞 줄바꿈", []string{"", "앞 줄바꿈"}},
		"trailing break":       {"뒤 줄바꿈<br>", "뒤 줄바꿈", []string{"뒤 줄바꿈"}},
		"trailing blank line":  {"뒤<br><br>", "뒤", []string{"뒤"}},
		"only a break":         {"<br>", "", []string{""}},
		"paragraphs":           {"<p>문단 하나</p><p>문단 둘</p>", "문단 하나<br>문단 둘", []string{"문단 하나", "문단 둘"}},
		"break ending a block": {"<p>하나<br></p><p>둘</p>", "하나<br>둘", []string{"하나", "둘"}},
		"blank div":            {"<div>하나</div><div><br></div><div>셋</div>", "하나<br><br>셋", []string{"하나", "", "셋"}},
		"spaces around breaks": {"하나 <br> <br>\n셋", "하나<br><br>셋", []string{"하나", "", "셋"}},
		"breaks in a quote":    {"<blockquote><p>하나<br><br>셋</p></blockquote>", "> 하나<br>><br>> 셋", []string{"> 하나", ">", "> 셋"}},
	}
	checkCells(t, tests)
}

// TestTableCellNestedLists: a list nested in a list in a cell stands two
// no-break spaces further in per level, and so do an item's further
// lines, under its text (QA 04-tables.html, 09-cells.html: the levels
// were flattened, and a nested <ol> read as the list starting again).
func TestTableCellNestedLists(t *testing.T) {
	tests := map[string]cellCase{
		"ul": {
			cell:  "<ul><li>목록 하나</li><li>목록 둘<ul><li>안쪽 목록</li></ul></li></ul>",
			want:  "- 목록 하나<br>- 목록 둘<br>" + nb(2) + "- 안쪽 목록",
			shown: []string{"- 목록 하나", "- 목록 둘", "  - 안쪽 목록"},
		},
		"ol": {
			cell:  "<ol><li>첫째</li><li>둘째<ol><li>둘째의 하나</li></ol></li></ol>",
			want:  "1. 첫째<br>2. 둘째<br>" + nb(2) + "1. 둘째의 하나",
			shown: []string{"1. 첫째", "2. 둘째", "  1. 둘째의 하나"},
		},
		"three levels and back": {
			cell:  "<ul><li>가<ul><li>나<ol><li>다</li></ol></li></ul></li><li>라</li></ul>",
			want:  "- 가<br>" + nb(2) + "- 나<br>" + nb(4) + "1. 다<br>- 라",
			shown: []string{"- 가", "  - 나", "    1. 다", "- 라"},
		},
		"an item's further lines": {
			cell:  "<ul><li>가<br>가의 둘째 줄<ul><li>나<p>나의 문단</p></li></ul></li></ul>뒤",
			want:  "- 가<br>" + nb(2) + "가의 둘째 줄<br>" + nb(2) + "- 나<br>" + nb(4) + "나의 문단<br>뒤",
			shown: []string{"- 가", "  가의 둘째 줄", "  - 나", "    나의 문단", "뒤"},
		},
	}
	checkCells(t, tests)
}

// cellCase is a table cell's HTML, the Markdown cell it makes, and the
// lines it shows as in every layout.
type cellCase struct {
	cell  string
	want  string
	shown []string
}

// checkCells converts each case's cell in a table and checks its
// Markdown, and the lines it shows at 40, 60 and 120 columns.
func checkCells(t *testing.T, tests map[string]cellCase) {
	t.Helper()
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, md := bodyCell(t, tt.cell)
			if got != tt.want {
				t.Errorf("cell = %q, want %q\n%s", got, tt.want, md)
			}
			for _, w := range []int{40, 60, 120} {
				if col := shownCell(t, md, w); !slices.Equal(col, tt.shown) {
					t.Errorf("at %d the cell shows %q, want %q", w, col, tt.shown)
				}
			}
		})
	}
}
