package render_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"sokbo/render"
	"sokbo/render/rendertest"
)

var (
	seedHeader = []string{"시작 시간", "완전 복구 시간", "복구 소요 시간"}
	seedRows   = [][]string{{"오전 10시54분", "낮 12시20분", "약 1시간 26분"}}
	seedAlign  = []render.Align{render.AlignCenter, render.AlignCenter, render.AlignCenter}
)

func TestTable(t *testing.T) {
	if render.AmbiguousWide() {
		t.Skip("goldens use box drawing")
	}
	tests := map[string]struct {
		header []string
		rows   [][]string
		align  []render.Align
		width  int
	}{
		"seed_36":     {seedHeader, seedRows, seedAlign, 36},
		"seed_26":     {seedHeader, seedRows, seedAlign, 26},
		"seed_41":     {seedHeader, seedRows, seedAlign, 41},
		"seed_46":     {seedHeader, seedRows, seedAlign, 46},
		"align_40":    {[]string{"왼쪽", "가운데", "오른쪽"}, [][]string{{"가", "나", "다"}, {"가나다라", "마바사아", "자차카타"}}, []render.Align{render.AlignLeft, render.AlignCenter, render.AlignRight}, 40},
		"ragged_40":   {[]string{"항목", "값", "비고"}, [][]string{{"하나"}, {"둘", "2"}, {"셋", "3", "끝", "넘치는 칸"}}, nil, 40},
		"noheader":    {[]string{"", ""}, [][]string{{"첫 줄", "1"}, {"둘째 줄", "2"}}, nil, 30},
		"long_word":   {[]string{"출처", "주소"}, [][]string{{"뉴스다오", "https://newsdao.kr/2024/07/18/kakaotalk-outage"}}, nil, 40},
		"header_only": {[]string{"시작 시간", "복구 시간"}, nil, nil, 30},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			out := render.Table(tt.header, tt.rows, tt.align, tt.width, render.StylePlain)
			rendertest.CheckLayout(t, out, tt.width)
			if strings.Contains(out, "…") {
				t.Errorf("ellipsis in a table:\n%s", out)
			}
			golden.RequireEqual(t, []byte(out+"\n"))
		})
	}
}

// TestTableWeighsBody pins how column widths weigh a body cell against a
// header cell: a header wraps onto a second line before a time in the data
// is split, and a cell that must wrap breaks between word groups. The
// widths are the seed's table in the reader at 40, 45, 50 and 70 columns
// and the headerless fixture's at 70.
func TestTableWeighsBody(t *testing.T) {
	headerless := [][]string{
		{"가람시 동구 일대", "오전 10시54분부터 낮 12시20분까지", "급수차 두 대 배치, 생수 배부"},
		{"나래시 서구", "오후 2시부터", "복구 중"},
	}
	tests := map[string]struct {
		header []string
		rows   [][]string
		width  int
		want   []string // lines each cell of the body keeps whole
		not    []string // lines no cell may be broken into
	}{
		"seed_36": {seedHeader, seedRows, 36, []string{"낮 12시20분"}, []string{"낮", "12시20분"}},
		"seed_41": {seedHeader, seedRows, 41, []string{"낮 12시20분", "약 1시간 26분"}, []string{"약 1시간", "26분"}},
		"seed_46": {seedHeader, seedRows, 46, []string{"오전 10시54분", "낮 12시20분", "약 1시간 26분"}, nil},
		"seed_66": {seedHeader, seedRows, 66, []string{"오전 10시54분", "낮 12시20분", "약 1시간 26분", "완전 복구 시간"}, nil},
		"headerless_66": {
			[]string{"", "", ""}, headerless, 66,
			[]string{"오전 10시54분부터", "낮 12시20분까지", "급수차 두 대 배치,"},
			[]string{"오전 10시54분부터 낮", "12시20분까지"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			out := render.Table(tt.header, tt.rows, seedAlign, tt.width, render.StylePlain)
			rendertest.CheckLayout(t, out, tt.width)
			cells := map[string]bool{}
			for _, line := range strings.Split(out, "\n") {
				// Box drawing, or ASCII in wide mode.
				for _, c := range strings.FieldsFunc(line, func(r rune) bool { return r == '│' || r == '|' }) {
					cells[strings.TrimSpace(c)] = true
				}
			}
			for _, w := range tt.want {
				if !cells[w] {
					t.Errorf("no cell line %q in\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if cells[n] {
					t.Errorf("cell line %q in\n%s", n, out)
				}
			}
		})
	}
}

// TestTableStacked checks the layout that replaces a grid too wide for the
// width: every row a block of "header: value" lines.
func TestTableStacked(t *testing.T) {
	header := []string{"지역", "피해 유형", "발생 시각", "복구 상태", "비고"}
	rows := [][]string{
		{"서울 강남구", "도로 침수 및 차량 고립", "오전 8시30분", "부분 복구", "우회 도로 안내 중"},
		{"인천 부평구", "정전", "오전 10시02분", "복구 중", ""},
	}
	out := render.Table(header, rows, nil, 30, render.StylePlain)
	rendertest.CheckLayout(t, out, 30)
	want := "지역: 서울 강남구\n피해 유형:\n  도로 침수 및 차량 고립\n발생 시각: 오전 8시30분\n복구 상태: 부분 복구\n비고: 우회 도로 안내 중\n\n" +
		"지역: 인천 부평구\n피해 유형: 정전\n발생 시각: 오전 10시02분\n복구 상태: 복구 중\n비고:"
	if out != want {
		t.Errorf("stacked table:\n%s\nwant:\n%s", out, want)
	}
}

// TestTableManyColumns checks that a table far too wide for any terminal
// falls back to the stacked layout quickly and keeps every cell.
func TestTableManyColumns(t *testing.T) {
	const ncols = 1000
	header := make([]string, ncols)
	row := make([]string, ncols)
	for i := range ncols {
		header[i] = "열" + strconv.Itoa(i)
		row[i] = "값" + strconv.Itoa(i)
	}
	rows := [][]string{row, row, row}
	start := time.Now()
	out := render.Table(header, rows, nil, 120, render.StylePlain)
	if d := time.Since(start); d > time.Second {
		t.Errorf("a %d-column table took %v", ncols, d)
	}
	rendertest.CheckLayout(t, out, 120)
	if n := strings.Count(out, "값999"); n != 3 {
		t.Errorf("last cell appears %d times, want 3", n)
	}
}

// TestTableStyled checks that a styled table uses SGR sequences only and
// lines up like the plain one.
func TestTableStyled(t *testing.T) {
	for _, style := range []render.Style{render.StyleDark, render.StyleLight} {
		for _, w := range []int{26, 36, 60} {
			out := render.Table(seedHeader, seedRows, seedAlign, w, style)
			plain := render.Table(seedHeader, seedRows, seedAlign, w, render.StylePlain)
			if got := rendertest.StripANSI(out); got != plain {
				t.Errorf("%s at %d: text differs from plain:\n%s\nplain:\n%s", style, w, got, plain)
			}
			if !strings.Contains(out, "\x1b[1m") {
				t.Errorf("%s at %d: header not bold", style, w)
			}
			for _, seq := range strings.Split(out, "\x1b")[1:] {
				if !strings.HasPrefix(seq, "[") || !strings.Contains(seq, "m") {
					t.Errorf("%s at %d: non-SGR escape %q", style, w, seq)
				}
			}
			rendertest.CheckLayout(t, out, w)
		}
	}
}

// TestTableSpans: a cell spanning columns is drawn once across them, and a
// note under a narrow table takes the room the width leaves it.
func TestTableSpans(t *testing.T) {
	if render.AmbiguousWide() {
		t.Skip("box drawing")
	}
	md := "| 경보 | 지역 |\n| --- | --- |\n| 호우 | 서울 |\n| ※ 성수지선·신정지선은 정상 운행 ||\n| 합계 | 2곳 |\n"
	out, err := render.Article(md, 60, render.StylePlain)
	if err != nil {
		t.Fatal(err)
	}
	rendertest.CheckLayout(t, out, 60)
	if strings.Count(out, "성수지선") != 1 || !strings.Contains(out, " ※ 성수지선·신정지선은 정상 운행\n") {
		t.Errorf("the note is not one line, once:\n%s", out)
	}
}

// TestTableRowSpan: a place that the cell above spans (feed/convert's
// rowspan mark) has no rule through it, the rule joining the columns it
// leaves with ├ and ┤; a cell that is empty in the source keeps its rule;
// and a mark with no cell above it of the same columns is an empty cell.
func TestTableRowSpan(t *testing.T) {
	if render.AmbiguousWide() {
		t.Skip("box drawing")
	}
	const long = "경원선 동두천–연천 구간 선로 점검 뒤 운행 재개"
	tests := map[string]struct {
		md   string
		want []string // lines, after the margin, that the table must hold
		not  []string // lines it must not hold
	}{
		"span": {
			md: "| 구분 | 구간 | 재개 |\n| --- | --- | --- |\n| 철도 | " + long + " | 11일 |\n| <!--^^--> | 태백선 | <!--^^--> |\n| 도로 | 동부간선 | 미정 |\n",
			want: []string{
				"  ──────┼────────────────────┼──────",
				"   철도 │ 경원선 동두천–연천 │ 11일",
				"        │ 구간 선로 점검 뒤  │",
				"        │ 운행 재개          │",
				"        ├────────────────────┤",
				"        │ 태백선             │",
				"  ──────┼────────────────────┼──────",
				"   도로 │ 동부간선           │ 미정",
			},
		},
		"empty cell keeps its rule": {
			md: "| 구분 | 구간 | 재개 |\n| --- | --- | --- |\n| 철도 | " + long + " | 11일 |\n|  | 태백선 |  |\n",
			want: []string{
				"        │ 운행 재개          │",
				"  ──────┼────────────────────┼──────",
				"        │ 태백선             │",
			},
			not: []string{"├", "┤"},
		},
		"span under a colspan": {
			md: "| 구분 | 구간 | 재개 |\n| --- | --- | --- |\n| 철도 " + long + " || 11일 |\n| <!--^^--> || 미정 |\n| 도로 | 동부간선 | 미정 |\n",
			want: []string{
				"   구간 선로 점검 뒤 운행 재개 │",
				"                               ├──────",
				"                               │ 미정",
				"  ────────────┬────────────────┼──────",
			},
		},
		"mark in the header row is empty": {
			md:   "| <!--^^--> | 구간 |\n| --- | --- |\n| 철도 | " + long + " |\n| 도로 | 동부간선 |\n",
			want: []string{"        │ 구간"},
			not:  []string{"├", "^^"},
		},
		"mark under a wider cell is empty": {
			md:  "| 구분 | 구간 | 재개 |\n| --- | --- | --- |\n| 철도 " + long + " || 11일 |\n| <!--^^--> | 태백선 | 미정 |\n",
			not: []string{"├", "┤"},
		},
		"mark under the header is empty": {
			md:  "| 구분 | 구간 |\n| --- | --- |\n| <!--^^--> | " + long + " |\n| 도로 | 동부간선 |\n",
			not: []string{"├", "┤"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			out, err := render.Article(tt.md, 40, render.StylePlain)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.CheckLayout(t, out, 40)
			if want := strings.Join(tt.want, "\n") + "\n"; !strings.Contains(out, want) {
				t.Errorf("no lines\n%s\nin\n%s", want, out)
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("%q in\n%s", w, out)
				}
			}
		})
	}
}

// TestTableRowSpanStacked: in the "header: value" layout, a cell spanning
// rows is repeated in each record it covers.
func TestTableRowSpanStacked(t *testing.T) {
	md := "| 구분 | 구간 | 재개 예정 |\n| --- | --- | --- |\n| 철도 | 경원선 | 11일 첫차 |\n| <!--^^--> | 태백선 | <!--^^--> |\n|  | 중앙선 |  |\n"
	out, err := render.Article(md, 12, render.StylePlain)
	if err != nil {
		t.Fatal(err)
	}
	rendertest.CheckLayout(t, out, 12)
	want := "\n구분: 철도\n구간: 경원선\n재개 예정:\n  11일 첫차\n\n구분: 철도\n구간: 태백선\n재개 예정:\n  11일 첫차\n\n구분:\n구간: 중앙선\n재개 예정:\n"
	if out != want {
		t.Errorf("stacked:\n%q\nwant\n%q", out, want)
	}
}

// TestTableColSpanStacked: in the "header: value" layout, a cell spanning
// columns carries the labels of the columns it spans, each once, as a
// cell spanning rows carries its column's; it stands alone only when no
// column it spans has a label.
func TestTableColSpanStacked(t *testing.T) {
	tests := map[string]struct{ md, want string }{
		"two columns": {
			md:   "| 구분 | 구간 | 재개 예정 |\n| --- | --- | --- |\n| 도로 | 동부간선 통제 ||\n",
			want: "\n구분: 도로\n구간 / 재개\n  예정:\n  동부간선\n  통제\n",
		},
		"under a heading over both": {
			md:   "| 지역 | 인원 ||\n| --- | --- | --- |\n| **<!--^^-->** | **이재민** | **대피** |\n| 경기 | 합계 1,240명 ||\n",
			want: "\n지역: 경기\n인원 이재민\n  / 대피:\n  합계\n  1,240명\n",
		},
		"spanning rows too": {
			md:   "| 구분 | 구간 | 재개 |\n| --- | --- | --- |\n| 철도 | 운행 중지 ||\n| 도로 | <!--^^--> ||\n",
			want: "\n구분: 철도\n구간 / 재개:\n  운행 중지\n\n구분: 도로\n구간 / 재개:\n  운행 중지\n",
		},
		"no label": {
			md:   "|  |  | 재개 |\n| --- | --- | --- |\n| 도로 통제 || 미정 |\n",
			want: "\n도로 통제\n재개: 미정\n",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			out, err := render.Article(tt.md, 12, render.StylePlain)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.CheckLayout(t, out, 14)
			if out != tt.want {
				t.Errorf("stacked:\n%q\nwant\n%q", out, tt.want)
			}
		})
	}
}

// TestTableEmptyHeader: a GFM table whose header row is empty, as GFM
// writes a table with none and feed/convert an HTML table with no header,
// is drawn as its rows alone: no empty header, no rule under it, and a
// bold row under it is data that is bold, not a header row. In the
// stacked layout its records have no labels: neither empty ones nor the
// first row's text.
func TestTableEmptyHeader(t *testing.T) {
	if render.AmbiguousWide() {
		t.Skip("the want strings use box drawing")
	}
	tests := map[string]struct {
		md    string
		width int
		want  string
	}{
		"grid": {
			md:    "|  |  |\n| --- | --- |\n| 셀1 | 셀2 |\n| 셀3 | 셀4 |\n",
			width: 40,
			want:  "\n   셀1 │ 셀2\n   셀3 │ 셀4\n",
		},
		"bold first row": {
			md:    "|  |  |\n| --- | --- |\n| **지역** | **시간** |\n| 가람시 | 10시 |\n",
			width: 60,
			want:  "\n   지역   │ 시간\n   가람시 │ 10시\n",
		},
		"stacked": {
			md:    "|  |  |  |  |  |  |\n| --- | --- | --- | --- | --- | --- |\n| **구분** | 가 | 나 | 다 | 라 | 마 |\n| 1 | 2 | 3 | 4 | 5 | 6 |\n",
			width: 20,
			want:  "\n  구분\n  가\n  나\n  다\n  라\n  마\n\n  1\n  2\n  3\n  4\n  5\n  6\n",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			out, err := render.Article(tt.md, tt.width, render.StylePlain)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.CheckLayout(t, out, tt.width)
			if out != tt.want {
				t.Errorf("got\n%q\nwant\n%q", out, tt.want)
			}
			dark, err := render.Article(tt.md, tt.width, render.StyleDark)
			if err != nil {
				t.Fatal(err)
			}
			if got := rendertest.StripANSI(dark); strings.Contains(got, "─") {
				t.Errorf("dark: a rule under a data row:\n%s", got)
			}
		})
	}
}

// TestTableCellLines: a cell keeps the lines its Markdown writes. A <br>
// that starts it leaves its first line blank (QA 06-md.md: "<br>빈 줄 뒤"
// lost it, while "하나<br><br>셋" kept its blank line), as in a browser;
// no-break spaces that start a line indent it (code, a nested list, as
// feed/convert writes them); a <br> or white space that ends the cell
// shows nothing, in a browser as here.
func TestTableCellLines(t *testing.T) {
	if render.AmbiguousWide() {
		t.Skip("the want strings use box drawing")
	}
	tests := map[string]struct{ cell, want string }{
		"leading break":   {"<br>빈 줄 뒤", "\n   가 │\n      │ 빈 줄 뒤\n"},
		"blank line":      {"하나<br><br>셋", "\n   가 │ 하나\n      │\n      │ 셋\n"},
		"indented lines":  {"- 둘<br>\u00a0\u00a0- 안쪽<br>`\u00a0\u00a0코드`", "\n   가 │ - 둘\n      │ \u00a0\u00a0- 안쪽\n      │ \u00a0\u00a0코드\n"},
		"trailing breaks": {"끝<br><br>\u00a0", "\n   가 │ 끝\n"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			md := "|  |  |\n| --- | --- |\n| 가 | " + tt.cell + " |\n"
			for _, w := range []int{40, 60, 120} {
				out, err := render.Article(md, w, render.StylePlain)
				if err != nil {
					t.Fatal(err)
				}
				rendertest.CheckLayout(t, out, w)
				if out != tt.want {
					t.Errorf("at %d got\n%q\nwant\n%q", w, out, tt.want)
				}
			}
		})
	}
}

// TestWrapCell checks that a table cell breaks between loosely bound word
// groups, on no more lines than Wrap gives.
func TestWrapCell(t *testing.T) {
	tests := map[string]struct {
		text  string
		width int
		want  []string
	}{
		"duration":    {"약 1시간 26분", 10, []string{"약", "1시간 26분"}},
		"duration_9":  {"약 1시간 26분", 9, []string{"약 1시간", "26분"}},
		"range":       {"오전 10시54분부터 낮 12시20분까지", 20, []string{"오전 10시54분부터", "낮 12시20분까지"}},
		"amount":      {"피해액 41만 원", 10, []string{"피해액", "41만 원"}},
		"fits":        {"낮 12시20분", 11, []string{"낮 12시20분"}},
		"line_breaks": {"오전 10시54분\n약 1시간 26분", 10, []string{"오전", "10시54분", "약", "1시간 26분"}},
		"long_word":   {"주소 https://newsdao.kr/2024", 12, render.Wrap("주소 https://newsdao.kr/2024", 12)},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := render.WrapCell(tt.text, tt.width)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("WrapCell(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
			if n := len(render.Wrap(tt.text, tt.width)); len(got) > n {
				t.Errorf("%d lines, Wrap gives %d", len(got), n)
			}
		})
	}
}
