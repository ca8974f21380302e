package convert

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/render"
	"sokbo/render/lang"
	"sokbo/render/rendertest"
)

// styled is one visible character and the markup that shows it: bold,
// italic, struck, a link.
type styled struct {
	r                    rune
	bold, italic, strike bool
	link                 bool
}

func (s styled) String() string {
	var b strings.Builder
	b.WriteRune(s.r)
	for _, f := range []struct {
		on bool
		c  byte
	}{{s.bold, 'B'}, {s.italic, 'I'}, {s.strike, 'S'}, {s.link, 'L'}} {
		if f.on {
			b.WriteByte(f.c)
		}
	}
	return b.String()
}

// styledText is the visible characters of an HTML fragment, but white
// space, each with the markup around it.
func styledText(t tester, body string) []styled {
	t.Helper()
	nodes, err := xhtml.ParseFragment(strings.NewReader(body), &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	var out []styled
	var walk func(n *xhtml.Node, s styled)
	walk = func(n *xhtml.Node, s styled) {
		switch n.Type {
		case xhtml.TextNode:
			for _, r := range n.Data {
				if !unicode.IsSpace(r) {
					s.r = r
					out = append(out, s)
				}
			}
			return
		case xhtml.ElementNode:
			switch n.DataAtom {
			case atom.B, atom.Strong:
				s.bold = true
			case atom.I, atom.Em:
				s.italic = true
			case atom.Del, atom.S, atom.Strike:
				s.strike = true
			case atom.A:
				s.link = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, s)
		}
	}
	for _, n := range nodes {
		walk(n, styled{})
	}
	return out
}

// gfmStyled is styledText of md as a GFM renderer shows it.
func gfmStyled(t tester, md string) []styled {
	t.Helper()
	var buf bytes.Buffer
	if err := gfm.Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	return styledText(t, buf.String())
}

// checkEmphasis converts body and checks that a GFM renderer shows every
// visible character of it with the markup it has in the source, no more;
// with exact, no less. It returns how many letters lost markup.
func checkEmphasis(t tester, body string, exact bool) int {
	t.Helper()
	md, err := htmlToMarkdown(body, "")
	if err != nil {
		t.Fatal(err)
	}
	want, got := styledText(t, body), gfmStyled(t, md)
	if len(want) != len(got) {
		t.Fatalf("%s\nwritten %q\nshows %v, want %v", body, md, got, want)
	}
	lost := 0
	for i := range want {
		w, g := want[i], got[i]
		if g.r != w.r || g.bold && !w.bold || g.italic && !w.italic || g.strike && !w.strike || g.link != w.link {
			t.Fatalf("%s\nwritten %q\nshows %v, want %v (at %d)", body, md, got, want, i)
		}
		if g != w {
			if exact {
				t.Fatalf("%s\nwritten %q\nloses markup: shows %v, want %v (at %d)", body, md, got, want, i)
			}
			if unicode.IsLetter(w.r) {
				lost++
			}
		}
	}
	return lost
}

// TestEmphasisAroundLinks: emphasis nested in emphasis, around a link or
// in it, is all kept, and written as Markdown a GFM renderer shows so
// (QA: <strong><em>앞 <a>링크</a></em></strong> lost the em).
func TestEmphasisAroundLinks(t *testing.T) {
	link := `<a href="https://x.kr">링크</a>`
	for _, body := range []string{
		`<p><strong><em>앞 ` + link + `</em></strong></p>`,
		`<p><em><strong>앞 ` + link + `</strong></em></p>`,
		`<p><b><i>앞 ` + link + `</i></b></p>`,
		`<p><i><b>앞 ` + link + `</b></i> 뒤</p>`,
		`<p><strong>굵게 <em>기울임 ` + link + `</em></strong></p>`,
		`<p><em>기울임 <strong>굵게 ` + link + `</strong></em></p>`,
		`<p><strong><em>` + link + `</em></strong></p>`,
		`<p><strong><em>` + link + ` 뒤</em></strong></p>`,
		`<p><strong><em>앞</em></strong>뒤</p>`,
		`<p>앞<strong><em>뒤</em></strong></p>`,
		`<p><strong><em>앞</em> 뒤</strong></p>`,
		`<p><em>앞 <strong>굵게</strong></em></p>`,
		`<p><strong>앞 <em>기울</em></strong></p>`,
		`<p><b>앞 <span><i>` + link + `</i></span></b></p>`,
		`<p><a href="https://x.kr"><strong><em>링크</em></strong></a></p>`,
		`<p><strong>앞 <a href="https://x.kr"><em>링크</em> 글</a></strong></p>`,
		`<p><b>` + link + `</b> 뒤, <i>` + link + `</i>.</p>`,
	} {
		checkEmphasis(t, body, true)
	}
}

var linkNumber = regexp.MustCompile(`\[[0-9]+\]`)

// checkNesting checks that every character of body's text, and nothing
// more, reaches the reader: in a GFM renderer, in sokbo's text layout,
// and with no markup on a character that the source does not give it.
func checkNesting(t tester, body string) {
	t.Helper()
	md, err := htmlToMarkdown(body, "")
	if err != nil {
		t.Fatal(err)
	}
	want := noSpace(htmlText(body))
	if got := noSpace(gfmText(t, md)); got != want {
		t.Fatalf("%s\nwritten %q\nGFM shows %q\nwant      %q", body, md, got, want)
	}
	checkEmphasis(t, body, false)
	out, err := render.Article(md, 200, render.StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	text := rendertest.StripANSI(out)
	if i := strings.LastIndex(text, lang.Ko.LinksHeading()); i >= 0 {
		text = text[:i]
	}
	if got := linkNumber.ReplaceAllString(noSpace(text), ""); got != want {
		t.Fatalf("%s\nwritten %q\ntext shows %q\nwant       %q", body, md, got, want)
	}
}

// TestEmphasisNesting: emphasis nested in emphasis, repeated, next to
// ℃, ~, ㎜, quotes, links and code, or with empty elements between, is
// written with delimiters that goldmark (glamour's parser) pairs as meant,
// or shown plain: never a stray *, _ or ~, never a character lost. With
// exact, every character keeps all its markup; otherwise what loses it is
// punctuation moved out of the emphasis, or (unwrapped) all of it.
func TestEmphasisNesting(t *testing.T) {
	for name, tc := range map[string]struct {
		body, md string
		exact    bool
	}{
		// QA: the closer after ℃ could not close before 앞, and the
		// reader saw 앞**앞24~31℃앞.
		"closer after a symbol": {`<p>앞<b><b><b><i>앞</i><i>24~31℃</i><span></span></b>앞</b></b></p>`, "앞***앞24\\~31*℃앞**\n", false},
		// QA: the em was dropped (**앞뒤**끝).
		"em ending strong":   {`<p><strong>앞<em>뒤</em></strong>끝</p>`, "**앞*뒤***끝\n", true},
		"em starting strong": {`<p><strong><em>앞</em>뒤</strong>끝</p>`, "***앞*뒤**끝\n", true},
		"strong ending em":   {`<p>앞<em>뒤<strong>끝</strong></em>다</p>`, "앞*뒤**끝***다\n", true},
		"quotes":             {`<p><b>“속보”</b>에</p>`, "“**속보**”에\n", false},
		"quotes in em":       {`<p><strong>앞 <em>“뒤”</em></strong>에</p>`, "**앞 “*뒤***”에\n", false},
		"single quotes":      {`<p><em>‘인용’</em>이라</p>`, "‘*인용*’이라\n", false},
		"range and unit":     {`<p>낮 <b><i>24~31℃</i></b>이다</p>`, "낮 ***24\\~31***℃이다\n", false},
		"millimetres":        {`<p><b>강수량 <i>182.5㎜</i></b>를</p>`, "**강수량 *182.5***㎜를\n", false},
		"repeated bold":      {`<p><b><b>앞</b></b><b>뒤</b></p>`, "**앞뒤**\n", true},
		"empty elements":     {`<p><i>앞</i><b></b><span></span><i>뒤</i></p>`, "*앞뒤*\n", true},
		// The span emptied when its bold went; the two bolds were written
		// side by side, **앞****앞**.
		"bold, emptied span, bold": {`<p><b>앞</b><span><b></b></span><b>앞</b></p>`, "**앞앞**\n", true},
		"em in a span after em":    {`<p><i>앞</i><span><i>뒤</i></span></p>`, "*앞뒤*\n", true},
		"tilde after strike":       {`<p><del>3~5일</del>~7일</p>`, "~~3\\~5일~~\\~7일\n", true},
		"tilde before a span":      {`<p>~<span><del>앞</del></span></p>`, "&#126;~~앞~~\n", true},
		"bold link":                {`<p>앞<b><a href="https://x.kr">링크</a></b>뒤</p>`, "앞[**링크**](https://x.kr)뒤\n", true},
		"bold link after span":     {`<p>앞<b><span></span><a href="https://x.kr">링크</a></b></p>`, "앞[**링크**](https://x.kr)\n", true},
		"bold code":                {`<p>앞<b><code>코드</code></b>뒤</p>`, "앞 **`코드`** 뒤\n", true},
		// html-to-markdown merged the code after the bold into the
		// bold's code, through its end.
		"code after bold code": {`<p>앞<b><code>앞</code><code>앞</code></b><code>앞</code></p>`, "앞 **`앞앞`** `앞`\n", true},
		// Unwrapping the bold and the italic left the two code spans side
		// by side, written `24~31℃``24~31℃`: one code span, backticks
		// shown (fuzz).
		"code after code in a span": {`<p><a href="https://x.kr"><b><code>24~31℃</code><i><span><code>24~31℃</code></span></i></b>링크</a></p>`, "[`24~31℃24~31℃`링크](https://x.kr)\n", false},
		"struck bold, bold":         {`<p><s><b>취소</b></s><b>확정</b></p>`, "~~**취소**~~**확정**\n", true},
		// The same merge struck 뒤.
		"bold after struck bold": {`<p><del>앞<b>앞</b><b>앞</b></del><b>뒤</b></p>`, "~~앞**앞앞**~~**뒤**\n", true},
		"mis-nested":             {`<p><b>앞<i>뒤</b>끝</i>다</p>`, "**앞뒤**끝다\n", false},
	} {
		t.Run(name, func(t *testing.T) {
			md, err := htmlToMarkdown(tc.body, "")
			if err != nil {
				t.Fatal(err)
			}
			if md != tc.md {
				t.Errorf("%s\nwritten %q\nwant    %q", tc.body, md, tc.md)
			}
			checkNesting(t, tc.body)
			checkEmphasis(t, tc.body, tc.exact)
		})
	}
}
