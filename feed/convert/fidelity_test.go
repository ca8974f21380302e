package convert

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"pgregory.net/rapid"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/render"
	"sokbo/render/lang"
	"sokbo/render/rendertest"
)

// gfm reads Markdown as GitHub does, raw HTML kept: anything sokbo writes
// that a GFM renderer would take for markup shows up as a difference.
var gfm = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// tester is what the checks need of a *testing.T or a *rapid.T.
type tester interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// gfmText is the text a GFM renderer shows for md.
func gfmText(t tester, md string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := gfm.Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	return htmlText(buf.String())
}

// htmlText is the visible text of an HTML fragment, in document order: its
// text and the alt text of its images, with a newline at every line break
// and block. What sokbo drops on purpose (scripts, styles, templates,
// embedded objects) is left out here too.
func htmlText(body string) string {
	text, _ := htmlTexts(body)
	return text
}

// htmlTexts is htmlText split in two: the text outside tables, and the
// text of each table cell. A table's layout interleaves the lines of its
// cells, or repeats its header before every row, so only the text within
// one cell keeps its order.
func htmlTexts(body string) (outside string, cells []string) {
	nodes, err := xhtml.ParseFragment(strings.NewReader(body), &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return "", nil
	}
	var b, outer strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th) {
			// The cell's text goes to the whole text, and on its own
			// to cells.
			start := b.Len()
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			cells = append(cells, b.String()[start:])
			b.WriteByte('\n')
			return
		}
		switch n.Type {
		case xhtml.TextNode:
			b.WriteString(clean.Sanitize(n.Data))
			return
		case xhtml.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Object, atom.Embed, atom.Head, atom.Title:
				return
			case atom.Br:
				b.WriteByte('\n')
				return
			case atom.Img:
				for _, a := range n.Attr {
					if a.Key == "alt" {
						b.WriteString(clean.Sanitize(a.Val))
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == xhtml.ElementNode && clean.IsBlockTag(n.DataAtom) {
			b.WriteByte('\n')
		}
	}
	for _, n := range nodes {
		if n.Type == xhtml.ElementNode && n.DataAtom == atom.Table {
			// Its text is in b, for the whole; outside leaves it out.
			walk(n)
			continue
		}
		start := b.Len()
		walk(n)
		outer.WriteString(b.String()[start:])
	}
	if len(cells) == 0 {
		return b.String(), nil
	}
	return outer.String(), cells
}

// noSpace removes all white space: the properties compare text, and
// layout may collapse, add or move spaces and line breaks.
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}

// shown is text as the layout shows it, white space removed and percent
// escapes of Korean decoded everywhere: an address shows them decoded
// (render.DisplayURL), and where an address ends is the converter's call.
func shown(s string, decode bool) string {
	// A table's rules go first: an address wrapped inside a cell has one
	// between its pieces, and it is read whole, as DisplayURL decodes it.
	s = strings.Map(func(r rune) rune {
		if r >= '─' && r <= '╿' {
			return -1
		}
		return r
	}, noSpace(s))
	if decode {
		s = render.DisplayURL(s)
	}
	return strings.Map(func(r rune) rune {
		if render.Drops(r) {
			return -1 // left out by the layout, by design
		}
		return r
	}, s)
}

// subsequence reports whether every rune of want is in have, in order,
// and if not, how much of want was found.
func subsequence(have, want string) (ok bool, found string) {
	h := []rune(have)
	i := 0
	for k, r := range want {
		for i < len(h) && h[i] != r {
			i++
		}
		if i == len(h) {
			return false, want[:k]
		}
		i++
	}
	return true, want
}

// words are what the random articles are written with: Korean news text
// and every character Markdown gives a meaning to.
var words = []string{
	"낮", "기온은", "24~31℃", "3~5일", "오전 9시~오후 6시", "4만~5만 원", "한국은행",
	"182.5㎜", "1,250명", "02-123-4567", "“인용”", "(괄호)", "「책」",
	"~", "~~", "*", "**", "_", "__", "#", "##", "|", "[", "]", "(", ")", "<", ">",
	"\\", "`", "```", "!", "![사진](https://x.kr/a.jpg)", "[링크](https://x.kr)",
	"1.", "2)", "-", "+", "=", "===", "---", "***", ":", "&", "&amp;", "&lt;b&gt;",
	"<b>", "$", "@", "'", "\"", "https://ko.wikipedia.org/wiki/한국은행", "a@b.kr",
	"{", "}", "^", "%", "%ED%95%9C",
}

// textGen draws a run of words joined by spaces, sometimes with none.
func textGen() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		n := rapid.IntRange(1, 6).Draw(t, "n")
		var b strings.Builder
		for i := range n {
			if i > 0 && rapid.IntRange(0, 3).Draw(t, "glue") > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(rapid.SampledFrom(words).Draw(t, "word"))
		}
		return b.String()
	})
}

// inlineGen draws inline HTML: escaped text, emphasis, code, struck text,
// links and line breaks.
func inlineGen(depth int) *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		n := rapid.IntRange(1, 4).Draw(t, "parts")
		var b strings.Builder
		for range n {
			kind := rapid.IntRange(0, 9).Draw(t, "kind")
			if depth > 1 {
				kind = 0
			}
			text := html.EscapeString(textGen().Draw(t, "text"))
			switch kind {
			case 0, 1, 2:
				b.WriteString(text)
			case 3:
				b.WriteString("<b>" + inlineGen(depth+1).Draw(t, "b") + "</b>")
			case 4:
				b.WriteString("<em>" + inlineGen(depth+1).Draw(t, "em") + "</em>")
			case 5:
				b.WriteString("<del>" + inlineGen(depth+1).Draw(t, "del") + "</del>")
			case 6:
				// goldmark's linkify reads RFC 5322 addresses, whose local
				// part may hold a backtick: after a delimiter or a space,
				// "1.`a@b.kr`" became an address with the code span's
				// backticks in it. GFM's addresses hold none; the case is
				// goldmark's and left out.
				b.WriteString("<code>" + strings.ReplaceAll(text, "@", "＠") + "</code>")
			case 7:
				b.WriteString(`<a href="https://news.example/a?q=1">` + text + "</a>")
			case 8:
				b.WriteString("<br>")
			case 9:
				b.WriteString(" ")
			}
		}
		return b.String()
	})
}

// blockGen draws one block of HTML.
func blockGen() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		in := inlineGen(0)
		switch rapid.IntRange(0, 7).Draw(t, "block") {
		case 0, 1, 2:
			return "<p>" + in.Draw(t, "p") + "</p>"
		case 3:
			return "<h2>" + in.Draw(t, "h") + "</h2>"
		case 4:
			return "<ul><li>" + in.Draw(t, "li1") + "</li><li>" + in.Draw(t, "li2") + "</li></ul>"
		case 5:
			return "<blockquote><p>" + in.Draw(t, "q") + "</p></blockquote>"
		case 6:
			return "<pre><code>" + html.EscapeString(textGen().Draw(t, "code")) + "\n\t" +
				html.EscapeString(textGen().Draw(t, "code2")) + "</code></pre>"
		default:
			return "<table><tr><th>" + in.Draw(t, "th1") + "</th><th>항목</th></tr><tr><td>" +
				in.Draw(t, "td1") + "</td><td>" + in.Draw(t, "td2") + "</td></tr></table>"
		}
	})
}

// articleGen draws an HTML article of a few blocks.
func articleGen() *rapid.Generator[string] {
	return rapid.Map(rapid.SliceOfN(blockGen(), 1, 4), func(bs []string) string { return strings.Join(bs, "\n") })
}

// checkFidelity checks that what the source says survives: the Markdown
// reads, in a GFM renderer, as the same text as the HTML; the plain text
// at width holds all of it in order; and a Markdown round trip changes
// neither.
func checkFidelity(t tester, body string, width int) {
	t.Helper()
	want := noSpace(htmlText(body))
	outside, cells := htmlTexts(body)
	md, err := Markdown(&feed.Item{Body: body, Link: "https://news.example/1"})
	if err != nil {
		t.Fatal(err)
	}
	back, err := Markdown(&feed.Item{Body: md, Format: feed.FormatMarkdown})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct{ name, md string }{{"the Markdown", md}, {"the Markdown read back as a post", back}} {
		if got := noSpace(gfmText(t, m.md)); got != want {
			t.Fatalf("%s reads differently in a GFM renderer:\nhtml: %q\n  md: %q\nwant: %q\n got: %q", m.name, body, m.md, want, got)
		}
		out, err := render.Article(m.md, width, render.StylePlain)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range append([]string{outside}, cells...) {
			ok, found := subsequence(shown(out, true), shown(part, true))
			if !ok {
				// Percent escapes that are text, not an address, are
				// shown as written, and may be wrapped apart.
				ok, _ = subsequence(shown(out, false), shown(part, false))
			}
			if !ok {
				t.Fatalf("the text of %s at width %d loses what comes after %q:\nhtml: %q\n  md: %q\ntext:\n%s", m.name, width, found, body, m.md, out)
			}
		}
		if len(cells) == 0 {
			// The layout adds bullets, brackets around addresses and ~~
			// around struck text, but never one of these.
			// The list of links at the end repeats their addresses, so
			// only the text above it is counted.
			body := out
			if i := strings.LastIndex(body, "\n"+lang.Ko.LinksHeading()+"\n"); i >= 0 {
				body = body[:i]
			} else if i := strings.LastIndex(body, "  "+lang.Ko.LinksHeading()+"\n"); i >= 0 {
				body = body[:i]
			}
			for _, c := range []string{`\`, "&", "*", "_"} {
				if got, want := strings.Count(body, c), strings.Count(want, c); got != want {
					t.Fatalf("the text of %s at width %d has %d %q, the source %d:\nhtml: %q\n  md: %q\ntext:\n%s", m.name, width, got, c, want, body, m.md, out)
				}
			}
		}
	}
}

// TestFidelityProperty: for any article, the visible text of every output
// holds every character of the source's visible text, in order.
func TestFidelityProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		body := articleGen().Draw(t, "body")
		width := rapid.SampledFrom([]int{30, 40, 60, 80, 120}).Draw(t, "width")
		checkFidelity(t, body, width)
	})
}

func FuzzFidelity(f *testing.F) {
	for _, s := range []string{
		"<p>낮 기온은 24~31℃, 비는 3~5일 이어진다.<br>둘째 줄</p>",
		"<p><del>정액 지원</del> → 성능 연동형</p>",
		"<p>*별표* _밑줄_ #해시 |파이프| [대괄호] &lt;b&gt; \\ `백틱`</p>",
		"<p>1. 첫째</p><p>- 빼기</p><p>+ 더하기</p><p># 제목</p><p>&gt; 인용</p>",
		"<table><tr><th>기온</th></tr><tr><td>24~31℃<br>체감 33~35℃</td></tr></table>",
		"<ul><li>첫 줄<br>둘째 줄</li></ul>",
		"<p>낮<del>a@b.kr</del></p>",
		"<p>낮낮낮 https://ko.wikipedia.org/wiki/한국은행***낮</p>",
	} {
		f.Add(s, 60)
	}
	f.Fuzz(func(t *testing.T, body string, width int) {
		if len(body) > 2000 || strings.ContainsAny(body, "\x00") {
			return
		}
		checkFidelity(t, body, 20+abs(width)%120)
	})
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1)
	}
	return n
}

// goldenWidths are the widths every fidelity fixture is laid out at.
var goldenWidths = []int{30, 40, 60, 80, 120}

// TestFidelity converts each post in testdata/fidelity, one per defect of
// issue 11, and lays it out at every golden width in plain text and in
// the dark style (its escape codes stripped), through the width checker.
// The Markdown is a golden too.
func TestFidelity(t *testing.T) {
	paths, err := filepath.Glob("testdata/fidelity/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		t.Run(name, func(t *testing.T) {
			md := mustMarkdown(t, loadOne(t, path))
			t.Run("markdown", func(t *testing.T) { golden.RequireEqual(t, []byte(md)) })
			for _, w := range goldenWidths {
				for _, style := range []render.Style{render.StylePlain, render.StyleDark} {
					kind := "text"
					if style != render.StylePlain {
						kind = "ansi"
					}
					t.Run(kind+"-"+strconv.Itoa(w), func(t *testing.T) {
						out, err := render.Article(md, w, style)
						if err != nil {
							t.Fatal(err)
						}
						rendertest.CheckLayout(t, out, w)
						golden.RequireEqual(t, []byte(rendertest.StripANSI(out)))
					})
				}
			}
		})
	}
}

// TestFidelityTerminals lays every fidelity fixture out under the width
// policies terminals answer the probe with (tmux 3.3: VS16 in one cell; a
// CJK set-up: ambiguous wide, ZWJ split) and checks it with the width
// checker, which measures the same way.
func TestFidelityTerminals(t *testing.T) {
	paths, err := filepath.Glob("testdata/fidelity/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []render.WidthPolicy{{TextEmojiNarrow: true}, {AmbiguousWide: true, ZWJSplit: true}} {
		old := render.CurrentWidthPolicy()
		render.SetWidthPolicy(p)
		for _, path := range paths {
			md := mustMarkdown(t, loadOne(t, path))
			for _, w := range goldenWidths {
				for _, style := range []render.Style{render.StylePlain, render.StyleDark} {
					out, err := render.Article(md, w, style)
					if err != nil {
						t.Fatal(err)
					}
					if err := rendertest.Layout(out, w); err != nil {
						t.Errorf("%s at %d under %v: %v", filepath.Base(path), w, p, err)
					}
				}
			}
		}
		render.SetWidthPolicy(old)
	}
}

// TestStruckText: real <del> and <s> are ~~…~~ in Markdown and in plain
// text, and crossed out (SGR 9 … 29) in the dark style, where the
// tildes of a range stay plain.
func TestStruckText(t *testing.T) {
	body := "<p>낮 24~31℃, <del>정액 지원</del> → 성능 연동형, <s>7월 1일</s></p>"
	md := mustMarkdown(t, &feed.Item{Body: body})
	if want := "낮 24\\~31℃, ~~정액 지원~~ → 성능 연동형, ~~7월 1일~~\n"; md != want {
		t.Fatalf("markdown = %q, want %q", md, want)
	}
	plain, err := render.Article(md, 80, render.StylePlain)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plain, "24~31℃, ~~정액 지원~~ → 성능 연동형, ~~7월 1일~~") {
		t.Errorf("plain:\n%s", plain)
	}
	dark, err := render.Article(md, 80, render.StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	struck := regexp.MustCompile("\x1b\\[9m((?:[^\x1b]|\x1b\\[[0-9;]*m)*?)\x1b\\[29m")
	var got []string
	for _, m := range struck.FindAllStringSubmatch(dark, -1) {
		got = append(got, rendertest.StripANSI(m[1]))
	}
	if want := []string{"정액 지원", "7월 1일"}; !slices.Equal(got, want) {
		t.Errorf("struck spans = %q, want %q in %q", got, want, dark)
	}
	if plainDark := rendertest.StripANSI(dark); !strings.Contains(plainDark, "24~31℃") || strings.Contains(plainDark, "~~") {
		t.Errorf("dark:\n%s", plainDark)
	}
}

// TestRangesInPosts: a Markdown post keeps its single tildes as text, as
// kramdown shows them, and strikes only ~~…~~; its one inline <br> breaks
// the line without making the post HTML.
func TestRangesInPosts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "2024-07-01-rain.md")
	post := "---\ntitle: 장맛비\n---\n\n낮 기온은 24~31℃, 비는 3~5일 이어진다.<br>둘째 줄\n\n~~취소~~ `a~b` 끝\n"
	if err := os.WriteFile(path, []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	it := loadOne(t, path)
	if it.Format != feed.FormatMarkdown {
		t.Fatalf("format = %v", it.Format)
	}
	md := mustMarkdown(t, it)
	if want := "낮 기온은 24\\~31℃, 비는 3\\~5일 이어진다.  \n둘째 줄\n\n~~취소~~ `a~b` 끝\n"; md != want {
		t.Fatalf("markdown = %q, want %q", md, want)
	}
	out, err := render.Article(md, 60, render.StylePlain)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "24~31℃, 비는 3~5일 이어진다.\n  둘째 줄") || !strings.Contains(out, "~~취소~~ a~b 끝") {
		t.Errorf("text:\n%s", out)
	}
}

// TestLinkWithoutAddress: an <a> with no address, or one into the page,
// is its text, not a link to the article.
func TestLinkWithoutAddress(t *testing.T) {
	for _, body := range []string{`<p><a>주소 없음</a></p>`, `<p><a href="">주소 없음</a></p>`, `<p><a href="#top">주소 없음</a></p>`} {
		md := mustMarkdown(t, &feed.Item{Body: body, Link: "https://news.example/1"})
		if md != "주소 없음\n" {
			t.Errorf("%s → %q", body, md)
		}
	}
}

// TestBareAddressInPost: an address written out in a Markdown post links
// whole, Hangul path and all, and a tilde in it stays as it is.
func TestBareAddressInPost(t *testing.T) {
	md := mustMarkdown(t, &feed.Item{Format: feed.FormatMarkdown,
		Body: "참고: https://ko.wikipedia.org/wiki/한국은행 과 https://x.kr/~user 그리고 `https://x.kr/코드`\n"})
	if want := "참고: <https://ko.wikipedia.org/wiki/한국은행> 과 <https://x.kr/~user> 그리고 `https://x.kr/코드`\n"; md != want {
		t.Errorf("markdown = %q, want %q", md, want)
	}
}

// TestRowSpan: a cell spanning rows is written once, a GFM renderer shows
// the places under it empty, as before, and sokbo draws no rule through
// it, while a cell that is empty in the source keeps its rule. A post
// holding the Markdown sokbo wrote reads back the same.
func TestRowSpan(t *testing.T) {
	body := `<table><tr><th>구분</th><th>구간</th><th>재개 예정</th></tr>` +
		`<tr><td rowspan="2">철도</td><td>경원선 동두천–연천 구간 선로 점검</td><td rowspan="2">11일 첫차</td></tr>` +
		`<tr><td>태백선 제천–영월</td></tr>` +
		`<tr><td>도로</td><td>동부간선도로</td><td></td></tr>` +
		`<tr><td></td><td>내부순환로 정릉 구간 양방향</td><td>미정</td></tr></table>`
	md := mustMarkdown(t, &feed.Item{Body: body})
	if got, want := gfmText(t, md), gfmText(t, strings.ReplaceAll(md, "<!--^^-->", "")); got != want {
		t.Errorf("a GFM renderer shows the mark:\n%s\nnot\n%s", got, want)
	}
	if md2 := mustMarkdown(t, &feed.Item{Format: feed.FormatMarkdown, Body: md}); md2 != md {
		t.Errorf("as a post:\n%s\nnot\n%s", md2, md)
	}
	out, err := render.Article(md, 40, render.StylePlain)
	if err != nil {
		t.Fatal(err)
	}
	rendertest.CheckLayout(t, out, 40)
	for _, want := range []string{
		"        │ 구간 선로 점검       │ 첫차\n        ├──────────────────────┤\n        │ 태백선 제천–영월     │\n",
		"   도로 │ 동부간선도로         │\n  ──────┼──────────────────────┼──────\n        │ 내부순환로 정릉 구간 │ 미정\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no\n%s\nin\n%s", want, out)
		}
	}
	if strings.Count(out, "철도") != 1 || strings.Count(out, "11일") != 1 || strings.Count(out, "첫차") != 1 {
		t.Errorf("a spanning cell is not drawn once:\n%s", out)
	}
}
