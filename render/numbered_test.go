package render_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"sokbo/feed/clean"
	"sokbo/render"
	"sokbo/render/lang"
	"sokbo/render/rendertest"
)

var allStyles = []render.Style{render.StylePlain, render.StyleDark, render.StyleLight}

// TestLinkNumbers: links, images, addresses written out and links in
// table cells are numbered in reading order, one number per address.
func TestLinkNumbers(t *testing.T) {
	md := readFixture(t, "links")
	want := []render.Link{
		{N: 1, Text: "기준금리", URL: "https://ko.wikipedia.org/wiki/%EA%B8%B0%EC%A4%80%EA%B8%88%EB%A6%AC"},
		{N: 2, Text: "https://www.bok.or.kr", URL: "https://www.bok.or.kr"},
		{N: 3, Text: "한국은행 본관 앞 모습", URL: "https://img.example.kr/2024/07/bok.jpg", Image: true},
		{N: 4, Text: "영상 썸네일", URL: "https://img.example.kr/thumb.png", Image: true},
		{N: 5, Text: "영상 썸네일", URL: "https://news.example.kr/video/1"},
		{N: 6, Text: "굵은 글씨 링크", URL: "https://news.example.kr/list?page=2&sort=new"},
		{N: 7, Text: "kim@news.example.kr", URL: "mailto:kim@news.example.kr"},
		{N: 8, Text: "통계청 발표", URL: "https://kostat.go.kr/보도자료/2024/07"},
		{N: 9, Text: "물가 추이 그래프", URL: "https://img.example.kr/graph.png", Image: true},
		{N: 10, Text: "https://data.example.kr/cpi", URL: "https://data.example.kr/cpi"},
		{N: 11, Text: "마지막 링크", URL: "https://news.example.kr/end"},
	}
	for _, style := range allStyles {
		for _, w := range []int{30, 60, 120} {
			for _, l := range []lang.Lang{lang.Ko, lang.En} {
				r, err := render.RenderIn(l, md, w, style)
				if err != nil {
					t.Fatal(err)
				}
				if got, wantS := fmt.Sprint(r.Links), fmt.Sprint(want); got != wantS {
					t.Fatalf("%v at %d: links\n got %v\nwant %v", style, w, got, wantS)
				}
				text := rendertest.StripANSI(r.Text)
				at := regexp.MustCompile(`\n  (## )?` + l.LinksHeading() + `\n`).FindStringIndex(text)
				if at == nil {
					t.Fatalf("%v at %d: no list of links:\n%s", style, w, text)
				}
				body, list := text[:at[0]], text[at[1]:]
				// Each number shows first in the order of the numbers.
				seen := 0
				for _, m := range regexp.MustCompile(`\[(\d+)\]`).FindAllStringSubmatch(body, -1) {
					var n int
					fmt.Sscan(m[1], &n)
					if n > seen+1 {
						t.Errorf("%v at %d: [%d] shows before [%d]:\n%s", style, w, n, seen+1, body)
					}
					seen = max(seen, n)
				}
				if seen != len(want) {
					t.Errorf("%v at %d: the text shows numbers up to %d, want %d", style, w, seen, len(want))
				}
				squeezed := strings.Join(strings.Fields(list), "")
				for _, l := range want {
					if !strings.Contains(squeezed, fmt.Sprintf("[%d]%s", l.N, render.DisplayURL(l.URL))) {
						t.Errorf("%v at %d: the list lacks [%d] %s:\n%s", style, w, l.N, render.DisplayURL(l.URL), list)
					}
				}
				for _, bad := range []string{"javascript:", "data:", "/local/path"} {
					if strings.Contains(list, bad) {
						t.Errorf("%v at %d: the list holds %q", style, w, bad)
					}
				}
			}
		}
	}
}

// TestLinkTextAsShown: a link's text in the list is the text the
// article shows, its escapes and entities read once: html-to-markdown
// writes an alt text "&lt;태그&gt;" (the characters, not the tag) as
// `\&lt;태그\&gt;`, which reads "&lt;태그&gt;", not "<태그>".
func TestLinkTextAsShown(t *testing.T) {
	md := "![\\&lt;태그\\&gt; 사진 \\& 설명](https://x.kr/a.png) " +
		"[링크 &amp;lt;하나&amp;gt; &lt;둘&gt;](https://x.kr/b)\n\n" +
		"| 구분 | 내용 |\n| --- | --- |\n| \\&lt;칸\\&gt; | ![\\&lt;표 사진\\&gt;](https://x.kr/c.png) |\n"
	want := []render.Link{
		{N: 1, Text: "&lt;태그&gt; 사진 & 설명", URL: "https://x.kr/a.png", Image: true},
		{N: 2, Text: "링크 &lt;하나&gt; <둘>", URL: "https://x.kr/b"},
		{N: 3, Text: "&lt;표 사진&gt;", URL: "https://x.kr/c.png", Image: true},
	}
	for _, style := range allStyles {
		r, err := render.Render(md, 80, style)
		if err != nil {
			t.Fatal(err)
		}
		if got, wantS := fmt.Sprint(r.Links), fmt.Sprint(want); got != wantS {
			t.Errorf("%v: links\n got %v\nwant %v", style, got, wantS)
		}
		text := rendertest.StripANSI(r.Text)
		for _, shown := range []string{"&lt;태그&gt; 사진 & 설명", "링크 &lt;하나&gt; <둘>", "&lt;칸&gt;", "&lt;표 사진&gt;"} {
			if !strings.Contains(text, shown) {
				t.Errorf("%v: the article does not show %q:\n%s", style, shown, text)
			}
		}
	}
}

// TestLinkNumbersHostile: an address that is not http(s) or mailto, or
// that holds a control or a bidi mark, is never numbered, never a
// hyperlink, and never in the list.
func TestLinkNumbersHostile(t *testing.T) {
	md := "[스크립트](javascript:alert(1)) [데이터](data:text/html;base64,PHNjcmlwdD4=) " +
		"[파일](file:///etc/passwd) [상대](/4082) [앵커](#top) [vb](vbscript:x) " +
		"[엔티티](&#106;avascript:alert(1)) [뒤집기](https://x.kr/\u202eevil) " +
		"[제어](https://x.kr/\u0085a) ![그림](data:image/png;base64,AAAA) " +
		"<javascript:alert(2)> 그리고 [정상](https://x.kr/ok)\n"
	for _, style := range allStyles {
		r, err := render.Render(md, 80, style)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Links) != 1 || r.Links[0].URL != "https://x.kr/ok" {
			t.Fatalf("%v: links %v, want only https://x.kr/ok", style, r.Links)
		}
		for _, l := range r.Links {
			if err := clean.CheckURL(l.URL, clean.Hyperlink); err != nil {
				t.Errorf("%v: link %d %q: %v", style, l.N, l.URL, err)
			}
		}
		for _, m := range regexp.MustCompile("\x1b\\]8;[^;]*;([^\x07\x1b]*)").FindAllStringSubmatch(r.Text, -1) {
			if m[1] != "" && m[1] != "https://x.kr/ok" {
				t.Errorf("%v: a hyperlink to %q", style, m[1])
			}
		}
		if got := strings.Count(rendertest.StripANSI(r.Text), "[1]"); got != 2 {
			t.Errorf("%v: [1] shows %d times, want 2 (the text and the list):\n%s", style, got, r.Text)
		}
	}
}

// TestLinkSpots: every number shown stands at a spot for its link, in the
// text and in the list; LinkAt finds it there and nothing elsewhere; and
// every link stands in the body.
func TestLinkSpots(t *testing.T) {
	md := readFixture(t, "links")
	for _, w := range []int{20, 30, 40, 60, 80, 120} {
		for _, style := range allStyles {
			r, err := render.Render(md, w, style)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(rendertest.StripANSI(r.Text), "\n")
			covered := map[[2]int]bool{}
			for _, s := range r.Spots {
				if s.N < 1 || s.N > len(r.Links) || s.Start >= s.End || s.Line >= len(lines) || s.End > render.Width(lines[s.Line]) {
					t.Fatalf("%v at %d: a bad spot %+v for line %q", style, w, s, lines[s.Line])
				}
				for c := s.Start; c < s.End; c++ {
					covered[[2]int{s.Line, c}] = true
				}
			}
			markers := 0
			for i, line := range lines {
				for _, m := range regexp.MustCompile(`\[(\d+)\]`).FindAllStringSubmatchIndex(line, -1) {
					var n int
					fmt.Sscan(line[m[2]:m[3]], &n)
					col := render.Width(line[:m[0]])
					if got, ok := r.LinkAt(i, col); !ok || got != n {
						t.Errorf("%v at %d: line %d col %d shows [%d], LinkAt says %d %v:\n%s", style, w, i, col, n, got, ok, line)
					}
					markers++
				}
				for c := 0; c < render.Width(line); c++ {
					if _, ok := r.LinkAt(i, c); ok != covered[[2]int{i, c}] {
						t.Fatalf("%v at %d: LinkAt(%d, %d) = %v disagrees with the spots", style, w, i, c, ok)
					}
				}
			}
			if markers < 2*len(r.Links) {
				t.Errorf("%v at %d: %d numbers shown, want at least %d", style, w, markers, 2*len(r.Links))
			}
			heading := len(lines)
			for i, l := range lines {
				if strings.TrimLeft(l, " #") == lang.Ko.LinksHeading() {
					heading = i
				}
			}
			// Every link stands in the body, at least once.
			inBody := map[int]bool{}
			for _, s := range r.Spots {
				if s.Line < heading {
					inBody[s.N] = true
				}
			}
			if len(inBody) != len(r.Links) {
				t.Errorf("%v at %d: %d links stand in the body, want %d", style, w, len(inBody), len(r.Links))
			}
		}
	}
}

// TestRenderPageSpots: the item's own link in the header is link 0, and
// the body's spots move down under the header.
func TestRenderPageSpots(t *testing.T) {
	d := render.Doc{Title: "기준금리 동결", Meta: []string{"2024-07-15 09:00"}, Link: "https://news.example.kr/기사/1", Markdown: "본문 [링크](https://x.kr/1).\n"}
	for _, style := range allStyles {
		p, err := render.RenderPage(d, 60, style)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(rendertest.StripANSI(p.Text), "\n")
		if n, ok := p.LinkAt(3, 2); !ok || n != 0 || !strings.Contains(lines[3], "https://news.example.kr/기사/1") {
			t.Errorf("%v: the header link is not link 0 at line 3: %v %v\n%s", style, n, ok, p.Text)
		}
		for i, line := range lines {
			if at := strings.Index(line, "링크[1]"); at >= 0 {
				if n, ok := p.LinkAt(i, render.Width(line[:at])); !ok || n != 1 {
					t.Errorf("%v: LinkAt on 링크[1] at line %d = %d %v", style, i, n, ok)
				}
			}
		}
		if l, ok := p.Link(1); !ok || l.URL != "https://x.kr/1" {
			t.Errorf("%v: Link(1) = %v %v", style, l, ok)
		}
		if _, ok := p.Link(2); ok {
			t.Errorf("%v: Link(2) exists", style)
		}
	}
}

// TestLinksNarrow: the list of links fits every width, down to one cell.
func TestLinksNarrow(t *testing.T) {
	md := readFixture(t, "links")
	for _, w := range []int{-5, 0, 1, 2, 5, 9, 13, 14, 19, 20, 24, 25, 26, 30} {
		for _, style := range allStyles {
			out, err := render.Article(md, w, style)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.CheckLayout(t, out, max(w, 2))
		}
	}
}

// TestLinkMarkersStyled: in colour, a number is drawn in the link colour
// and inside the hyperlink to its address, so a terminal opens it on a
// click as it does the text.
func TestLinkMarkersStyled(t *testing.T) {
	out, err := render.Article("[기사](https://x.kr/1) 끝\n", 80, render.StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	open := strings.LastIndex(out[:strings.Index(out, "[1]")], "\x1b]8;")
	if open < 0 || !strings.HasPrefix(out[open:], "\x1b]8;") || !strings.Contains(out[open:strings.Index(out, "[1]")], "https://x.kr/1") {
		t.Errorf("[1] is not inside the hyperlink:\n%q", out)
	}
	if ansi.Strip(out) == out {
		t.Error("no styling")
	}
}

// FuzzLinkSpots: for any Markdown, every numbered link is an address a
// reader may follow, numbered from 1 in order, every hyperlink goes to
// one of them, and every spot lies on a line, within it, on a link.
func FuzzLinkSpots(f *testing.F) {
	for _, s := range []string{
		readFixture(f, "links"),
		"[a](https://x.kr/1) [b](https://x.kr/1) <https://x.kr/2> kim@x.kr ![c](https://x.kr/i.png)",
		"[![a](https://x.kr/i.png)](https://x.kr/p) [![](https://x.kr/j.png)](https://x.kr/q)",
		"| a | b |\n|---|---|\n| [x](https://x.kr/t) | ![y](https://x.kr/u.png) <https://x.kr/v> |\n",
		"> [인용](https://x.kr/인용)\n\n- [목록](https://x.kr/목록)\n  - [안](javascript:x)\n",
		"[&#106;avascript](&#106;avascript:alert(1)) [x](https://x.kr/a&amp;b) [y](<https://x.kr/a b>)",
		"~~[취소](https://x.kr/del)~~ **[굵게](https://x.kr/b)** `[코드](https://x.kr/c)`",
		"[용어](https://x.kr/t)\n: [정의](https://x.kr/d)\n> 인용\n> : 둘째\n\n본문[^1]\n[^1]: [주](https://x.kr/f)\n",
	} {
		f.Add(s, 40)
	}
	f.Fuzz(func(t *testing.T, md string, w int) {
		if len(md) > 4000 || !utf8.ValidString(md) || strings.ContainsFunc(md, func(r rune) bool {
			return unicode.IsControl(r) && r != '\n' && r != '\t'
		}) {
			return // feed/ lets no such text through
		}
		w = fuzzWidth(w)
		for _, style := range []render.Style{render.StylePlain, render.StyleDark} {
			r, err := render.Render(md, w, style)
			if err != nil {
				t.Fatal(err)
			}
			for i, l := range r.Links {
				if l.N != i+1 || !render.Linkable(l.URL) || clean.CheckURL(l.URL, clean.Hyperlink) != nil {
					t.Fatalf("%v: link %d is %+v", style, i+1, l)
				}
			}
			if style == render.StylePlain && strings.ContainsRune(r.Text, '\x1b') {
				t.Fatalf("plain output holds an escape: %q", r.Text)
			}
			lines := strings.Split(rendertest.StripANSI(r.Text), "\n")
			for _, s := range r.Spots {
				if s.N < 1 || s.N > len(r.Links) || s.Line < 0 || s.Line >= len(lines) || s.Start < 0 || s.Start >= s.End || s.End > render.Width(lines[s.Line]) {
					t.Fatalf("%v: spot %+v outside the text or the links (%d):\n%s", style, s, len(r.Links), r.Text)
				}
			}
			for _, m := range regexp.MustCompile("\x1b\\]8;[^;\x07\x1b]*;([^\x07\x1b]*)").FindAllStringSubmatch(r.Text, -1) {
				if m[1] != "" && !render.Linkable(m[1]) {
					t.Fatalf("%v: a hyperlink to %q", style, m[1])
				}
			}
		}
	})
}

// TestUnparsedAutolinkIsText: an autolink whose address does not parse (a
// percent escape in its host) shows as the text of its address, not as
// nothing, and is no link.
func TestUnparsedAutolinkIsText(t *testing.T) {
	for _, style := range []render.Style{render.StylePlain, render.StyleDark} {
		r, err := render.RenderIn(lang.Ko, "앞 <https://a.example%00/b> 뒤, 그리고 <https://b.example/c>\n", 80, style)
		if err != nil {
			t.Fatal(err)
		}
		plain := ansi.Strip(r.Text)
		if !strings.Contains(plain, "앞 https://a.example%00/b 뒤") {
			t.Errorf("style %v: the address is not shown as text:\n%s", style, plain)
		}
		if len(r.Links) != 1 || r.Links[0].URL != "https://b.example/c" {
			t.Errorf("style %v: links %+v, want only https://b.example/c", style, r.Links)
		}
	}
}
