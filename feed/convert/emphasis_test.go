package convert

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
