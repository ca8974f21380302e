package render_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"

	"sokbo/render"
)

// sgr matches one colour or attribute escape.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestCodeBlocksHighlighted checks that glamour still colours code through
// the lazily loaded chroma of third_party/chroma: a lexer written in Go
// (go) and one from the embedded XML (python) both split their line into
// differently coloured tokens.
func TestCodeBlocksHighlighted(t *testing.T) {
	md := "```go\nfunc main() { fmt.Println(\"hi\") }\n```\n\n```python\ndef f(): return 1\n```\n"
	for _, style := range []render.Style{render.StyleDark, render.StyleLight} {
		out, err := render.Article(md, 60, style)
		if err != nil {
			t.Fatal(err)
		}
		for _, word := range []string{"func", "def"} {
			var line string
			for l := range strings.SplitSeq(out, "\n") {
				if strings.Contains(l, word) {
					line = l
				}
			}
			colours := map[string]bool{}
			for _, m := range sgr.FindAllString(line, -1) {
				colours[m] = true
			}
			if len(colours) < 4 {
				t.Errorf("style %v: the %q line is not highlighted (%d distinct escapes): %q", style, word, len(colours), line)
			}
		}
	}
}

// TestChromaLazyRegistry checks the patch in third_party/chroma: the
// registries built on first use hold what upstream's built at init.
func TestChromaLazyRegistry(t *testing.T) {
	if n := len(lexers.Names(false)); n < 250 {
		t.Errorf("%d lexers registered, want the 240 embedded ones and those written in Go", n)
	}
	for _, name := range []string{"go", "python", "html", "markdown", "Common Lisp", "Zed"} {
		if lexers.Get(name) == nil {
			t.Errorf("no lexer %q", name)
		}
	}
	// The analysers that upstream sets in init functions are set after the
	// registry is built.
	zone := "$ORIGIN example.com.\n@ IN SOA ns.example.com. admin.example.com. ( 1 2 3 4 5 )\n"
	if l := lexers.Analyse(zone); l == nil || l.Config().Name != "dns" {
		t.Errorf("Analyse(zone file) = %v, want dns", l)
	}
	if s := styles.Get("monokai"); s == nil || s.Name != "monokai" {
		t.Errorf("styles.Get(monokai) = %v", s)
	}
	if styles.Fallback == nil || styles.Get("no such style") != styles.Fallback {
		t.Error("the fallback style is not set")
	}
	if len(styles.Names()) < 60 {
		t.Errorf("%d styles, want the embedded ones", len(styles.Names()))
	}
}
