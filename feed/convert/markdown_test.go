package convert

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/clean/cleantest"
)

// loadOne loads a source that must hold exactly one item.
func loadOne(t *testing.T, src string) *feed.Item {
	t.Helper()
	f, err := feed.Load(context.Background(), src, feed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 1 {
		t.Fatalf("%s: %d items, want 1", src, len(f.Items))
	}
	return f.Items[0]
}

func mustMarkdown(t *testing.T, it *feed.Item) string {
	t.Helper()
	md, err := Markdown(it)
	if err != nil {
		t.Fatal(err)
	}
	return md
}

// tableCells returns the cells of each table line in md, trimmed, with
// the delimiter row left out.
func tableCells(md string) [][]string {
	var rows [][]string
	for line := range strings.SplitSeq(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		var cells []string
		for _, c := range splitRow(line) {
			cells = append(cells, strings.TrimSpace(c))
		}
		if strings.Trim(strings.Join(cells, ""), ":-") == "" {
			continue
		}
		rows = append(rows, cells)
	}
	return rows
}

// splitRow splits a GFM table line at its unescaped pipes.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			cur.WriteByte(line[i])
			cur.WriteByte(line[i+1])
			i++
		case line[i] == '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		cells = append(cells, cur.String())
	}
	return cells
}

// assertTableAligned fails unless every line of every table in md has the
// same display width and its pipes at the same display columns. The pipes
// after a cell spanning columns ("||") stand together, the last of them
// at a column of the table.
func assertTableAligned(t *testing.T, md string) {
	t.Helper()
	var block []string
	check := func() {
		if len(block) == 0 {
			return
		}
		want := pipeColumns(block[1]) // the delimiter row has every column
		for _, line := range block {
			if got := pipeColumns(line); !slices.Equal(got, want) && !(isSubset(got, want) && got[len(got)-1] == want[len(want)-1]) {
				t.Errorf("table not aligned:\n%s\n%s\npipes at %v and %v", block[0], line, want, got)
			}
		}
		block = nil
	}
	for line := range strings.SplitSeq(md, "\n") {
		if strings.HasPrefix(line, "|") {
			block = append(block, line)
			continue
		}
		check()
	}
	check()
}

// pipeColumns returns the display columns of a table line's pipes, a run
// of pipes counted once, at its last.
func pipeColumns(line string) []int {
	var cols []int
	col := 0
	escaped := false
	for _, r := range line {
		if r == '|' && !escaped {
			if n := len(cols); n > 0 && cols[n-1] == col-1 {
				cols = cols[:n-1]
			}
			cols = append(cols, col)
		}
		escaped = r == '\\' && !escaped
		col += ansi.StringWidth(string(r))
	}
	return cols
}

func isSubset(a, b []int) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func TestMarkdown(t *testing.T) {
	t.Run("seed", func(t *testing.T) {
		it := loadOne(t, "testdata/seed.txt")
		md := mustMarkdown(t, it)
		golden.RequireEqual(t, []byte(md))

		rows := tableCells(md)
		want := [][]string{
			{"시작 시간", "완전 복구 시간", "복구 소요 시간"},
			{"오전 10시54분", "낮 12시20분", "약 1시간 26분"},
		}
		if !slices.EqualFunc(rows, want, slices.Equal) {
			t.Errorf("table rows = %q, want %q", rows, want)
		}
		lines := strings.Split(md, "\n")
		for i, line := range lines {
			if strings.HasPrefix(line, "|") {
				if !strings.Contains(line, "시작 시간") {
					t.Errorf("first table line %d is not the header: %q", i, line)
				}
				if !strings.HasPrefix(lines[i+1], "| :---") {
					t.Errorf("header is not followed by a centred delimiter row: %q", lines[i+1])
				}
				break
			}
		}
		for _, bad := range []string{"&nbsp;", "\u00a0", "<", "**시작", "\x1b"} {
			if strings.Contains(md, bad) {
				t.Errorf("markdown holds %q", bad)
			}
		}
		if !strings.Contains(md, "\n실시간 뉴스 속보는, [https://newsdao.kr](https://newsdao.kr)\n") {
			t.Error("the text after the last element is lost")
		}
		if !strings.HasPrefix(md, "![koreaapp 속보](/assets/img/newsdao_breakingnews.jpg)\n") {
			t.Error("the image is not the first line, relative, as the seed has no link")
		}
		assertTableAligned(t, md)
	})
	t.Run("atom-seed", func(t *testing.T) {
		// The same article from the Atom feed has a link, so its image
		// is absolute.
		f, err := feed.Load(context.Background(), "testdata/atom-seed.xml", feed.Options{})
		if err != nil {
			t.Fatal(err)
		}
		md := mustMarkdown(t, f.Items[0])
		golden.RequireEqual(t, []byte(md))
		seed := mustMarkdown(t, loadOne(t, "testdata/seed.txt"))
		if strings.Replace(md, "](https://newsdao.kr/assets/", "](/assets/", 1) != seed {
			t.Error("the feed's copy of the seed converts differently from the post")
		}
	})
}

func TestMarkdownBody(t *testing.T) {
	tests := map[string]struct {
		item       feed.Item
		want       []string // substrings of the output
		notWant    []string
		wantOutput string // the whole output, when set
	}{
		"markdown passes through": {
			item:       feed.Item{Format: feed.FormatMarkdown, Body: "# 제목\n\n그대로 **굵게** [링크][1]\n\n\n\n끝\n\n[1]: https://newsdao.kr/1"},
			wantOutput: "# 제목\n\n그대로 **굵게** [링크][1]\n\n끝\n\n[1]: https://newsdao.kr/1\n",
		},
		"html in markdown becomes markdown": {
			item:       feed.Item{Format: feed.FormatMarkdown, Body: "# 제목\n\n<b>굵게</b> 그리고 *기울임*\n\n<table><tr><th>시작</th><th>복구</th></tr><tr><td>10시54분</td><td>12시20분</td></tr></table>\n"},
			wantOutput: "# 제목\n\n**굵게** 그리고 *기울임*\n\n| 시작     | 복구     |\n| -------- | -------- |\n| 10시54분 | 12시20분 |\n",
		},
		"markdown is sanitized": {
			item:    feed.Item{Format: feed.FormatMarkdown, Body: "a\x1b[2Jb &#27;[2J &#x9b; &#x202e; &#65;"},
			want:    []string{"ab", "&#65;"},
			notWant: []string{"\x1b", "&#27;", "&#x9b;", "&#x202e;"},
		},
		"details summary set apart": {
			item:       feed.Item{Body: "<details><summary>요약</summary>숨은 내용</details>"},
			wantOutput: "요약\n\n숨은 내용\n",
		},
		"nbsp paragraphs vanish": {
			item:       feed.Item{Body: "<p>하나</p><p>&nbsp;</p><p>&nbsp; &nbsp;</p><p>둘</p>"},
			wantOutput: "하나\n\n둘\n",
		},
		"script and style dropped": {
			item:       feed.Item{Body: "<p>본문</p><script>alert(1)</script><style>p{}</style><noscript>x</noscript>"},
			wantOutput: "본문\n",
		},
		"relative links resolve against the item link": {
			item: feed.Item{Link: "https://newsdao.kr/4082", Body: `<p><a href="/4070">앞 기사</a> <a href="4071">옆</a> <img src="img/a.jpg" alt="사진"></p>`},
			want: []string{"[앞 기사](https://newsdao.kr/4070)", "[옆](https://newsdao.kr/4071)", "![사진](https://newsdao.kr/img/a.jpg)"},
		},
		"relative links stay without a link": {
			item: feed.Item{Body: `<p><a href="/4070">앞 기사</a></p>`},
			want: []string{"[앞 기사](/4070)"},
		},
		"text outside elements kept": {
			item: feed.Item{Body: "<p>문단</p>\n끝 줄 <a href=\"https://newsdao.kr\">링크</a>"},
			want: []string{"문단\n\n끝 줄 [링크](https://newsdao.kr)"},
		},
		"entities decoded once": {
			item: feed.Item{Body: "<p>R&amp;D &amp;amp; &lt;b&gt;</p>"},
			// Markdown renderers decode entities, so a literal "&amp;"
			// must stay escaped and "<b>" must not become a tag.
			want: []string{`R&D &amp;amp; &lt;b&gt;`},
		},
		"escape sequences from entities removed": {
			item: feed.Item{Body: "<p>a&#27;[2Jb&#x9b;c&#x202e;d&#7;</p><p title=\"&#27;]0;x&#7;\">e</p>"},
			// &#x9b; is "›" in HTML, which maps C1 references to
			// windows-1252; a raw U+009B is tested in TestSanitize.
			want:    []string{"ab›cd", "e"},
			notWant: []string{"\x1b", "\u009b", "\u202e", "\a"},
		},
		"one comment between two lists, no list end comment": {
			item:       feed.Item{Body: "<ul><li>가</li></ul><ul><li>나</li></ul>"},
			wantOutput: "- 가\n\n<!-- -->\n\n- 나\n",
		},
		"empty body": {
			item:       feed.Item{Body: ""},
			wantOutput: "",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			md := mustMarkdown(t, &tc.item)
			if tc.wantOutput != "" || len(tc.want) == 0 && len(tc.notWant) == 0 {
				if md != tc.wantOutput {
					t.Errorf("got %q, want %q", md, tc.wantOutput)
				}
			}
			for _, s := range tc.want {
				if !strings.Contains(md, s) {
					t.Errorf("%q does not contain %q", md, s)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(md, s) {
					t.Errorf("%q contains %q", md, s)
				}
			}
			cleantest.AssertClean(t, md)
		})
	}
}

func TestMarkdownTable(t *testing.T) {
	tests := map[string]struct {
		html      string
		rows      [][]string
		delimiter string // the delimiter row, trimmed of padding, when set
		note      string
	}{
		"thead": {
			html: `<table><thead><tr><th>지역</th><th>가격</th></tr></thead><tbody><tr><td>서울</td><td>1,768</td></tr></tbody></table>`,
			rows: [][]string{{"지역", "가격"}, {"서울", "1,768"}},
		},
		"th first row": {
			html: `<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>`,
			rows: [][]string{{"a", "b"}, {"1", "2"}},
		},
		"bold first row loses its stars": {
			html: `<table><tr><td><strong>시작</strong></td><td><b>끝</b></td></tr><tr><td>1</td><td>2</td></tr></table>`,
			rows: [][]string{{"시작", "끝"}, {"1", "2"}},
		},
		"partly bold header keeps its stars": {
			html: `<table><tr><td><b>시작</b> 시간</td></tr><tr><td>1</td></tr></table>`,
			rows: [][]string{{"**시작** 시간"}, {"1"}},
		},
		"empty first row is not the header": {
			html: `<table><tr><td></td><td> </td></tr><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>`,
			rows: [][]string{{"a", "b"}, {"1", "2"}},
		},
		"colspan written once": {
			html: `<table><tr><th>a</th><th>b</th><th>c</th></tr><tr><td colspan="2">넓은 칸</td><td>x</td></tr></table>`,
			rows: [][]string{{"a", "b", "c"}, {"넓은 칸", "", "x"}},
		},
		"rowspan written once": {
			html: `<table><tr><th>구분</th><th>값</th></tr><tr><td rowspan="2">서울</td><td>1</td></tr><tr><td>2</td></tr></table>`,
			rows: [][]string{{"구분", "값"}, {"서울", "1"}, {"<!--^^-->", "2"}},
		},
		"rowspan and colspan": {
			html: `<table><tr><th colspan="2" rowspan="2">합계</th><th>c</th></tr><tr><td>1</td></tr><tr><td>x</td><td>y</td><td>z</td></tr></table>`,
			// The header cell spans two rows, so both are header rows.
			rows: [][]string{{"합계", "", "c"}, {"<!--^^-->", "", "**1**"}, {"x", "y", "z"}},
		},
		"rowspan mark is not the text": {
			html: `<table><tr><th>a</th><th>b</th></tr><tr><td>^^</td><td>&lt;!--^^--&gt;</td></tr></table>`,
			rows: [][]string{{"a", "b"}, {"^^", "&lt;!--^^--&gt;"}},
		},
		"empty rowspan in an empty row": {
			// The empty row goes, and with it the empty cell that spans
			// down from it: the row under it starts its own cells.
			html: `<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr><tr><td rowspan="2"></td><td></td></tr><tr><td>3</td></tr></table>`,
			rows: [][]string{{"a", "b"}, {"1", "2"}, {"", "3"}},
		},
		"huge colspan is clamped": {
			html: `<table><tr><th>a</th><th>b</th><th>c</th></tr><tr><td colspan="100000">전체</td></tr><tr><td rowspan="100000">r</td><td>1</td><td>2</td></tr></table>`,
			rows: [][]string{{"a", "b", "c"}, {"전체", "", ""}, {"r", "1", "2"}},
		},
		"bad spans read as one": {
			html: `<table><tr><th colspan="-3">a</th><th colspan="x">b</th><th colspan="2px">c</th></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr></table>`,
			rows: [][]string{{"a", "b", "c", ""}, {"1", "2", "3", "4"}},
		},
		"alignment": {
			html:      `<table><tr><th align="right">r</th><th style="text-align: center">c</th><th style="color:red; text-align:left">l</th><th>n</th></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr></table>`,
			rows:      [][]string{{"r", "c", "l", "n"}, {"1", "2", "3", "4"}},
			delimiter: "| --: | :-: | :-- | --- |",
		},
		"alignment from the row": {
			html:      `<table><tr align="center"><th>a</th></tr><tr><td>1</td></tr></table>`,
			rows:      [][]string{{"a"}, {"1"}},
			delimiter: "| :-: |",
		},
		"pipes escaped": {
			html: `<table><tr><th>a|b</th><th><code>x|y</code></th><th><a href="https://x.kr/?q=a|b">링크</a></th></tr><tr><td>\|</td><td>1</td><td>2</td></tr></table>`,
			rows: [][]string{{`a\|b`, "`x\\|y`", `[링크](https://x.kr/?q=a%7Cb)`}, {`\\\|`, "1", "2"}},
		},
		"line breaks kept": {
			html: "<table><tr><th>첫 줄<br>둘째 줄</th></tr><tr><td><p>문단 하나</p><p>문단 둘</p></td></tr><tr><td><ul><li>가</li><li>나</li></ul></td></tr></table>",
			rows: [][]string{{"첫 줄<br>둘째 줄"}, {"문단 하나<br>문단 둘"}, {"- 가<br>- 나"}},
		},
		"nested table flattened": {
			html: `<table><tr><th>바깥</th></tr><tr><td><table><tr><td>안1</td><td>안2</td></tr></table></td></tr></table>`,
			rows: [][]string{{"바깥"}, {"안1 안2"}},
		},
		"caption": {
			html: `<table><caption>표 1. 유가</caption><tr><th>a</th></tr><tr><td>1</td></tr></table>`,
			rows: [][]string{{"a"}, {"1"}},
		},
		"short rows filled": {
			html: `<table><tr><th>a</th><th>b</th><th>c</th></tr><tr><td>1</td></tr></table>`,
			rows: [][]string{{"a", "b", "c"}, {"1", "", ""}},
		},
		"cell cap": {
			html: "<table>" + strings.Repeat("<tr>"+strings.Repeat("<td>x</td>", 100)+"</tr>", 200) + "</table>",
			note: "(table truncated: 100 of 200 rows shown, over 10000 cells)",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			md := mustMarkdown(t, &feed.Item{Body: tc.html})
			if tc.rows != nil {
				if got := tableCells(md); !slices.EqualFunc(got, tc.rows, slices.Equal) {
					t.Errorf("rows = %q, want %q\n%s", got, tc.rows, md)
				}
			}
			if tc.delimiter != "" {
				lines := strings.Split(md, "\n")
				if len(lines) < 2 || squeezeDelimiter(lines[1]) != tc.delimiter {
					t.Errorf("delimiter row = %q, want %q", lines[1], tc.delimiter)
				}
			}
			if tc.note != "" && !strings.Contains(md, tc.note) {
				t.Errorf("no note %q in\n%.300s", tc.note, md)
			}
			assertTableAligned(t, md)
			cleantest.AssertClean(t, md)
		})
	}
}

// squeezeDelimiter shortens every run of dashes in a delimiter row to
// the shape the test names: --: :-: :-- ---.
func squeezeDelimiter(line string) string {
	var cells []string
	for _, c := range splitRow(line) {
		c = strings.TrimSpace(c)
		left, right := strings.HasPrefix(c, ":"), strings.HasSuffix(c, ":")
		switch {
		case left && right:
			c = ":-:"
		case left:
			c = ":--"
		case right:
			c = "--:"
		default:
			c = "---"
		}
		cells = append(cells, c)
	}
	return "| " + strings.Join(cells, " | ") + " |"
}

func TestMarkdownTableCaption(t *testing.T) {
	md := mustMarkdown(t, &feed.Item{Body: `<p>앞</p><table><caption>표 1. 유가</caption><tr><th>a</th></tr><tr><td>1</td></tr></table>`})
	if !strings.Contains(md, "앞\n\n표 1. 유가\n\n| a   |") {
		t.Errorf("caption is not a paragraph before the table:\n%s", md)
	}
}

func TestMarkdownTableHangulPadding(t *testing.T) {
	md := mustMarkdown(t, &feed.Item{Body: `<table><tr><th>지역</th><th>value</th></tr><tr><td>서울특별시</td><td>1</td></tr><tr><td>ab</td><td>가나다라마바사</td></tr></table>`})
	assertTableAligned(t, md)
	want := "| 지역       | value          |\n" +
		"| ---------- | -------------- |\n" +
		"| 서울특별시 | 1              |\n" +
		"| ab         | 가나다라마바사 |\n"
	if md != want {
		t.Errorf("got\n%s\nwant\n%s", md, want)
	}
}

// TestMarkdownBounds runs the inputs issue 5 names as bad: each must come
// back quickly with its text, not blow the stack or allocate by a span.
func TestMarkdownBounds(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "깊은 곳" + strings.Repeat(close, n)
	}
	tests := map[string]struct {
		html string
		want string
	}{
		"10,000 nested divs":        {deep("<div>", "</div>", 10_000), "깊은 곳"},
		"10,000 nested bold":        {deep("<b>", "</b>", 10_000), "깊은 곳"},
		"10,000 nested lists":       {deep("<ul><li>", "</li></ul>", 10_000), "깊은 곳"},
		"10,000 nested blockquotes": {deep("<blockquote>", "</blockquote>", 10_000), "깊은 곳"},
		"10,000 nested tables":      {deep("<table><tr><td>", "</td></tr></table>", 10_000), "깊은 곳"},
		"100 nested tables":         {deep("<table><tr><td>", "</td></tr></table>", 100), "깊은 곳"},
		"300 nested divs unclosed":  {strings.Repeat("<div>", 300) + "깊은 곳", "깊은 곳"},
		"1,000 columns":             {"<table><tr>" + strings.Repeat("<th>h</th>", 1000) + "</tr><tr>" + strings.Repeat("<td>값</td>", 1000) + "</tr></table>", "| 값  | 값  |"},
		"colspan 100000 alone":      {`<table><tr><td colspan="100000" rowspan="100000">하나</td></tr></table>`, "| 하나 |"},
		"2,000 columns":             {"<table><tr>" + strings.Repeat("<td>c</td>", 2000) + "</tr></table>", "(table truncated: 1000 cells beyond column 1000 not shown)"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			md := mustMarkdown(t, &feed.Item{Body: tc.html})
			if !strings.Contains(md, tc.want) {
				t.Errorf("output lacks %q:\n%.400s", tc.want, md)
			}
			// Generous: this is a bound against quadratic blow-ups, not
			// a benchmark; each case takes milliseconds.
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestMarkdownNilItem(t *testing.T) {
	if _, err := Markdown(nil); err == nil {
		t.Error("no error for a nil item")
	}
}

func FuzzMarkdown(f *testing.F) {
	seed, err := feed.Load(context.Background(), "testdata/seed.txt", feed.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed.Items[0].Body)
	for _, s := range []string{
		"<table><tr><td colspan=100000>x</td></tr></table>",
		"<table><tr><td rowspan=0>a<td>b<tr><td>c</table>",
		"<table><caption>c</caption><thead><tr><th align=right>|</th></tr></thead></table>",
		"<div><div><p>&#27;[2J&#x9b;&#x202e;</p>",
		"<pre><code>a\n\n\n\nb</code></pre>",
		"<ul><li><table><tr><td>x</td></tr></table></li></ul>",
		"<table><tr><td rowspan=2><b>a</b><td><b>b</b><tr><td></td><tr><th>c</th></table>",
		"<table><thead><tr><th colspan=2></th></tr><tr><th>a<th rowspan=2>b</thead><tr><td>c</table>",
		"<a href=\"javascript:alert(1)\">x</a><img src=x onerror=y>",
		"```\n<p>x</p>",
	} {
		f.Add(s)
	}
	paths, err := filepath.Glob("../testdata/*.html")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, format := range []feed.BodyFormat{feed.FormatHTML, feed.FormatMarkdown} {
			md, err := Markdown(&feed.Item{Body: body, Format: format, Link: "https://newsdao.kr/1"})
			if err != nil {
				t.Fatalf("%v error: %v", format, err)
			}
			cleantest.AssertClean(t, md)
			assertNoUnsafeMarkdown(t, md)
			if limitNesting(md) != md {
				t.Fatalf("%v output nests past the limits: %q", format, md)
			}
			if md != "" && !strings.HasSuffix(md, "\n") {
				t.Fatalf("%v output does not end with a newline: %q", format, md)
			}
			if strings.Contains(md, "\n\n\n") && !strings.Contains(md, "```") && !strings.Contains(md, "~~~") {
				t.Fatalf("%v output has a run of blank lines: %q", format, md)
			}
			if format == feed.FormatMarkdown {
				if again := finishMarkdown(md); again != md {
					t.Fatalf("finishMarkdown not idempotent: %q → %q", md, again)
				}
			}
		}
	})
}

func ExampleMarkdown() {
	it := &feed.Item{
		Link: "https://newsdao.kr/4082",
		Body: `<p>속보 <a href="/4070">관련 기사</a></p>` +
			`<table><tr><td><b>시작</b></td><td><b>복구</b></td></tr>` +
			`<tr><td align="center">10시54분</td><td align="center">12시20분</td></tr></table>`,
	}
	md, err := Markdown(it)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(md)
	// Output:
	// 속보 [관련 기사](https://newsdao.kr/4070)
	//
	// |   시작   |   복구   |
	// | :------: | :------: |
	// | 10시54분 | 12시20분 |
}

// TestDangerousAddressesDropped: a link or image whose address is not
// http, https (or mailto for a link) keeps its text, never its address,
// because the printed Markdown is itself a post other tools render.
func TestDangerousAddressesDropped(t *testing.T) {
	it := &feed.Item{
		Link:  "javascript:alert(1)",
		Image: "data:image/png;base64,AAAA",
		Body: `<p><a href="javascript:alert(1)">악성</a> <a href=" JaVaScRiPt:alert(2)">대소문자</a> ` +
			`<a href="data:text/html,x">데이터</a> <a href="file:///etc/passwd">파일</a> <a href="vbscript:x">vb</a> ` +
			`<a href="https://newsdao.kr/1">웹</a> <a href="mailto:desk@newsdao.kr">메일</a> <a href="/4082">상대</a> ` +
			`<img src="javascript:alert(3)" alt="그림"> <img src="https://newsdao.kr/a.jpg" alt="사진"></p>`,
	}
	// feed.Load drops such an item's own link and image (see feed's
	// tests); here they are the policy's to refuse.
	if clean.URLOK(it.Link, clean.Media) || clean.URLOK(it.Image, clean.Media) {
		t.Errorf("the policy allows link %q or image %q", it.Link, it.Image)
	}
	it.Link = "https://newsdao.kr/4082"
	md, err := Markdown(it)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"javascript", "JaVaScRiPt", "data:", "file:", "vbscript"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown keeps %q:\n%s", bad, md)
		}
	}
	for _, want := range []string{"악성", "대소문자", "데이터", "파일", "그림", "[웹](https://newsdao.kr/1)",
		"[메일](mailto:desk@newsdao.kr)", "[상대](https://newsdao.kr/4082)", "![사진](https://newsdao.kr/a.jpg)"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

// TestDangerousMarkdownPostLinks checks the forms of Markdown that carry
// an address besides the inline link: none lets an unsafe one through.
func TestDangerousMarkdownPostLinks(t *testing.T) {
	bodies := map[string]string{
		"reference":       "[누르세요][x] 끝\n\n[x]: javascript:alert(1)\n",
		"reference image": "![그림][p] 끝\n\n[p]: <data:text/html;base64,AA> \"제목\"\n",
		"autolink":        "<javascript:alert(1)> 끝\n",
		"raw link":        "앞 <a href=\"javascript:alert(1)\">누르세요</a> 끝\n",
		"raw image":       "<img src=\"x\" onerror=\"alert(1)\"> 끝\n",
		"script block":    "<script>alert(1)</script>\n\n끝\n",
		"iframe":          "<iframe src=\"javascript:alert(1)\"></iframe>\n\n끝\n",
		"file link":       "[파일](<file:///etc/passwd>) 끝\n",
		"entity":          "[x](&#106;avascript:alert(1)) 끝\n",
		"entity colon":    "[x](javascript&#58;alert(1)) 끝\n",
		"named colon":     "[x](javascript&colon;alert(1)) 끝\n",
		"angle entity":    "[x](<javascript&#58;alert(1)>) 끝\n",
		"entity ref":      "[x][a] 끝\n\n[a]: javascript&#x3a;alert(1)\n",
		"escaped colon":   "[x](javascript\\:alert(1)) 끝\n",
		"image colon":     "![x](data&colon;image/svg+xml,abc) 끝\n",
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			md, err := Markdown(&feed.Item{Format: feed.FormatMarkdown, Body: body})
			if err != nil {
				t.Fatal(err)
			}
			assertNoUnsafeMarkdown(t, md)
			for _, bad := range []string{"onerror", "<script", "<iframe"} {
				if strings.Contains(md, bad) {
					t.Errorf("keeps %q: %q", bad, md)
				}
			}
			if !strings.Contains(md, "끝") {
				t.Errorf("lost the text: %q", md)
			}
		})
	}
}

// assertNoUnsafeMarkdown fails when md, read as Markdown, holds raw HTML,
// or renders to HTML with a link or image whose address is unsafe, as a
// browser would read it.
func assertNoUnsafeMarkdown(t testing.TB, md string) {
	t.Helper()
	src := []byte(md)
	doc := postMarkdown.Parser().Parse(text.NewReader(src))
	if err := gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		switch n := n.(type) {
		case *gast.HTMLBlock:
			// The comment between two lists is the one block.
			if !isListSeparator(n, src) {
				return gast.WalkStop, fmt.Errorf("raw HTML")
			}
		case *gast.RawHTML:
			// <br> in a table cell is the one tag sokbo writes, and
			// the comment that marks a rowspan the one comment inline.
			if !isCellBreak(n, src) && !isSpanMark(n, src) {
				return gast.WalkStop, fmt.Errorf("raw HTML")
			}
		}
		return gast.WalkContinue, nil
	}); err != nil {
		t.Fatalf("%v in %q", err, md)
	}
	var buf bytes.Buffer
	if err := postMarkdown.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for n := range root.Descendants() {
		for _, a := range n.Attr {
			if (a.Key == "href" || a.Key == "src") && !clean.URLOK(a.Val, map[bool]clean.URLUse{true: clean.Link, false: clean.Media}[a.Key == "href"]) {
				t.Fatalf("unsafe %s=%q from %q", a.Key, a.Val, md)
			}
		}
	}
}

// TestEncodedSchemesInHTML checks addresses in feed HTML whose entities
// Markdown would decode a second time.
func TestEncodedSchemesInHTML(t *testing.T) {
	for _, body := range []string{
		`<a href="&amp;#106;avascript:alert(1)">x</a> 끝`,
		`<a href="javascript&amp;colon;alert(1)">x</a> 끝`,
		`<img src="data&amp;colon;image/png,AA" alt="그림"> 끝`,
	} {
		md, err := Markdown(&feed.Item{Body: body})
		if err != nil {
			t.Fatal(err)
		}
		assertNoUnsafeMarkdown(t, md)
	}
	// A dropped image is its alt text, escaped once, as text.
	md, err := Markdown(&feed.Item{Body: `<img src="data:image/png,AA" alt="배열 a[1] <b> c">`})
	if err != nil {
		t.Fatal(err)
	}
	if want := "배열 a\\[1] &lt;b&gt; c\n"; md != want {
		t.Errorf("got %q, want %q", md, want)
	}
	assertNoUnsafeMarkdown(t, md)
}

func TestDangerousMarkdownLinksDropped(t *testing.T) {
	it := &feed.Item{Format: feed.FormatMarkdown, Body: "[악성](javascript:alert(1)) 끝 [대문자](JavaScript:x) ![그림](data:image/png;base64,AA) " +
		"[파일](<file:///etc/passwd>) [웹](https://newsdao.kr/1 \"제목\") [메일](mailto:a@b.kr) [상대](/4082) ![사진](https://newsdao.kr/a.jpg)\n"}
	md, err := Markdown(it)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"javascript", "JavaScript", "data:", "file:"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown keeps %q: %s", bad, md)
		}
	}
	for _, want := range []string{"악성 끝", "대문자", "그림", "파일", `[웹](https://newsdao.kr/1 "제목")`, "[메일](mailto:a@b.kr)", "[상대](/4082)", "![사진](https://newsdao.kr/a.jpg)"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q: %s", want, md)
		}
	}
}

// TestEmptyInlineCode: inline code with no text writes nothing, not an
// empty code span that a renderer shows as two backticks; code with text,
// and an empty code block, are kept as they were.
func TestEmptyInlineCode(t *testing.T) {
	for in, want := range map[string]string{
		"<p>a<code></code>b</p>":        "ab",
		"<p>a <kbd><b></b></kbd> b</p>": "a b",
		"<p>x<tt></tt></p>":             "x",
		"<p>a <code>b</code> c</p>":     "a `b` c",
	} {
		got, err := Markdown(&feed.Item{Body: in})
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(got) != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTableInHeading: a table in a heading is written after it, as a
// table, and the heading keeps its text on one line.
func TestTableInHeading(t *testing.T) {
	md, err := Markdown(&feed.Item{Body: "<h2>정전 현황<table><tr><th>지역</th><th>시간</th></tr><tr><td>가람시</td><td>오전<br>10시</td></tr></table></h2><p>끝</p>"})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(md, "\n")
	if lines[0] != "## 정전 현황" || !strings.Contains(md, "| 지역") || !strings.Contains(md, "가람시") || strings.Index(md, "끝") < strings.Index(md, "가람시") {
		t.Errorf("a table in a heading:\n%s", md)
	}
}

// TestTableInEmphasis: a table inside <b>, <strong>, <i> or <del> is a
// table block between the text before and after it, which keeps its
// emphasis; the table itself is not wrapped in the delimiters.
func TestTableInEmphasis(t *testing.T) {
	const table = "<table><tr><td>가</td><td>나</td></tr><tr><td>1</td><td>2</td></tr></table>"
	// The table has no header: its first row is data.
	const grid = "|     |     |\n| --- | --- |\n| 가  | 나  |\n| 1   | 2   |"
	tests := map[string]struct{ html, want string }{
		"strong": {
			html: "<p><strong>앞 " + table + " 뒤</strong></p>",
			want: "**앞**\n\n" + grid + "\n\n**뒤**\n",
		},
		"b, then text": {
			html: "<p><b>앞 " + table + " 뒤</b> 그리고</p>",
			want: "**앞**\n\n" + grid + "\n\n**뒤** 그리고\n",
		},
		"i at the end": {
			html: "<p>문단 <i>기울임 " + table + "</i></p>",
			want: "문단 *기울임*\n\n" + grid + "\n",
		},
		"nested, with a link": {
			html: `<p><strong><em>앞 <a href="https://example.com/a">링크</a> 글 ` + table + ` 뒤</em></strong></p>`,
			want: "***앞 [링크](https://example.com/a) 글***\n\n" + grid + "\n\n***뒤***\n",
		},
		"two tables": {
			html: "<p><del>하나 " + table + " 둘 " + table + " 셋</del></p>",
			want: "~~하나~~\n\n" + grid + "\n\n~~둘~~\n\n" + grid + "\n\n~~셋~~\n",
		},
		"only a table": {
			html: "<p><b> " + table + " </b></p>",
			want: grid + "\n",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			md, err := Markdown(&feed.Item{Body: tt.html})
			if err != nil {
				t.Fatal(err)
			}
			if md != tt.want {
				t.Errorf("got\n%s\nwant\n%s", md, tt.want)
			}
		})
	}
}

// TestAltTextMarksKept (QA 3): the marks of an image's alt text are text,
// escaped as the body's are, so that no renderer takes "*사진*" or "_a_"
// for emphasis, "`a`" for code or "~18~22℃~" for struck text, and drops
// them, or reads a literal "&lt;" as "<".
func TestAltTextMarksKept(t *testing.T) {
	for alt, want := range map[string]string{
		"현장 *사진*":      `![현장 \*사진\*](https://a.example/1.jpg)`,
		"a_b_c _기울임_":  `![a\_b\_c \_기울임\_](https://a.example/1.jpg)`,
		"`코드`":         "![\\`코드\\`](https://a.example/1.jpg)",
		"배열 a[1] \\ 끝": `![배열 a\[1\] \\ 끝](https://a.example/1.jpg)`,
		"기온 ~18~22℃~":  `![기온 \~18\~22℃\~](https://a.example/1.jpg)`,
		"R&D &lt;":     `![R\&D \&lt;](https://a.example/1.jpg)`,
	} {
		md, err := Markdown(&feed.Item{Body: `<p><img src="https://a.example/1.jpg" alt="` + html.EscapeString(alt) + `"></p>`})
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(md) != want {
			t.Errorf("alt %q: got %q, want %q", alt, md, want)
		}
		assertNoUnsafeMarkdown(t, md)
	}
}
