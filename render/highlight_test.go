package render_test

import (
	"regexp"
	"strings"
	"testing"

	"sokbo/render"
)

// sgr matches one colour or attribute escape.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestCodeBlocksHighlighted checks that glamour colours code through
// chroma: a lexer written in Go (go) and one from chroma's embedded XML
// (python) both split their line into differently coloured tokens.
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
