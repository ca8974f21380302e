package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestOnlySafeLinksBecomeHyperlinks(t *testing.T) {
	md := "[웹](https://newsdao.kr/1) [메일](mailto:desk@newsdao.kr) [악성](javascript:alert(1)) " +
		"[파일](file:///etc/passwd) [데이터](data:text/html,x) [상대](/4082)\n\n![그림](data:image/png;base64,AAAA)\n"
	for _, style := range []Style{StyleDark, StyleLight} {
		out, err := Article(md, 80, style)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range hyperlinkSeq.FindAllStringSubmatch(out, -1) {
			if uri := m[2]; uri != "" && !Linkable(uri) {
				t.Errorf("%v: %q became a hyperlink", style, uri)
			}
		}
		for _, want := range []string{"\x1b]8;", "https://newsdao.kr/1", "mailto:desk@newsdao.kr"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q", style, want)
			}
		}
		// The unsafe links stay readable as text.
		if !strings.Contains(strings.Join(strings.Fields(ansi.Strip(out)), " "), "javascript:alert(1)") {
			t.Errorf("%v: the javascript: link text is gone", style)
		}
	}
}

func TestLinkable(t *testing.T) {
	for raw, want := range map[string]bool{
		"https://newsdao.kr/4082": true, "HTTP://x.kr": true, "mailto:a@b.kr": true,
		"javascript:alert(1)": false, "data:text/html,x": false, "file:///etc/passwd": false,
		"https://": false, "/4082": false, "mailto:": false, "vbscript:x": false,
	} {
		if got := Linkable(raw); got != want {
			t.Errorf("Linkable(%q) = %v, want %v", raw, got, want)
		}
	}
}

func TestDisplayURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD%EC%9D%80%ED%96%89": "https://ko.wikipedia.org/wiki/한국은행",
		"https://x.kr/search?q=%EC%86%8D%EB%B3%B4%20%ED%8F%AD%EC%9A%B0":      "https://x.kr/search?q=속보%20폭우",
		"https://x.kr/a%2Fb%3F%25":           "https://x.kr/a%2Fb%3F%25",
		"https://x.kr/a%E2%80%AEb":           "https://x.kr/a%E2%80%AEb",
		"https://x.kr/%ED%95":                "https://x.kr/%ED%95",
		"https://xn--3e0b707e.xn--3e0b707e/": "https://한국.한국/",
		"https://x.kr/100%":                  "https://x.kr/100%",
	} {
		if got := DisplayURL(raw); got != want {
			t.Errorf("DisplayURL(%q) = %q, want %q", raw, got, want)
		}
	}
	for raw, want := range map[string]string{
		"https://ko.wikipedia.org/wiki/한국은행": "https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD%EC%9D%80%ED%96%89",
		"https://한국.한국/기사":                   "https://xn--3e0b707e.xn--3e0b707e/%EA%B8%B0%EC%82%AC",
	} {
		if got := hyperlinkTarget(raw); got != want {
			t.Errorf("hyperlinkTarget(%q) = %q, want %q", raw, got, want)
		}
	}
}

// TestLinkMarkers: a link's text is followed by its number, not its
// address; an address written out keeps its text, then its number, which
// sets a particle after it apart.
func TestLinkMarkers(t *testing.T) {
	md := "[기사](https://x.kr/1) 보기. <https://x.kr/2>에서, (<https://x.kr/3>) 끝.\n"
	for _, style := range []Style{StylePlain, StyleDark} {
		out, err := Article(md, 80, style)
		if err != nil {
			t.Fatal(err)
		}
		body, _, _ := strings.Cut(strings.TrimSpace(ansi.Strip(out)), "\n")
		if got, want := body, "기사[1] 보기. https://x.kr/2[2]에서, (https://x.kr/3[3]) 끝."; got != want {
			t.Errorf("%v: %q, want %q", style, got, want)
		}
	}
}

// TestHyperlinkTargetEncodesQuotes: the OSC 8 target is the address as a
// browser copies it: a space, a quote and angle brackets percent-encoded,
// as y copies it.
func TestHyperlinkTargetEncodesQuotes(t *testing.T) {
	if got := hyperlinkTarget(`https://x.example/a b"c<d>`); got != "https://x.example/a%20b%22c%3Cd%3E" {
		t.Errorf("hyperlinkTarget = %q", got)
	}
	if got, want := ASCIIURL("https://x.example/a b"), hyperlinkTarget("https://x.example/a b"); got != want {
		t.Errorf("ASCIIURL %q and the hyperlink %q differ", got, want)
	}
}

// TestLongAddressNoHyperlink: an address longer than maxHyperlink keeps
// its number and its place in the list of links, whole, but is drawn
// with no hyperlink. A wrapped hyperlink is opened again on each of its
// lines, so a hostile address of 20,000 characters made each of its
// 250 lines carry it: 5.5 MB of output, and a layout that grew with the
// square of the address (QA). A short one is a hyperlink as before.
func TestLongAddressNoHyperlink(t *testing.T) {
	long := "https://a.kr/" + strings.Repeat("a", 20000)
	md := "주소 <" + long + "> 끝\n\n[기사](" + long + ") 와 [짧은](https://a.kr/1)\n"
	for _, style := range []Style{StyleDark, StylePlain} {
		r, err := Render(md, 80, style)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Links) != 2 || r.Links[0].URL != long || r.Links[1].URL != "https://a.kr/1" {
			t.Fatalf("%v: links %d, want the long address [1] and the short [2]", style, len(r.Links))
		}
		if strings.Contains(r.Text, "\x1b]8;;"+long[:100]) {
			t.Errorf("%v: the long address is a hyperlink", style)
		}
		if style == StyleDark && !strings.Contains(r.Text, "\x1b]8;;https://a.kr/1\x07") {
			t.Errorf("%v: the short address is no hyperlink", style)
		}
		// The address is shown twice (in the text, in the list) and the
		// text is short: the output is a small multiple of it.
		if n := len(r.Text); n > 4*len(long) {
			t.Errorf("%v: %d bytes of output for a %d-byte address", style, n, len(long))
		}
		if !strings.Contains(ansi.Strip(r.Text), "기사[1]") {
			t.Errorf("%v: the link's text lost its number", style)
		}
	}
}
