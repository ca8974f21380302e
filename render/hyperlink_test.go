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
		for _, m := range hyperlinkOpen.FindAllStringSubmatch(out, -1) {
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
