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
