package render_test

import (
	"strings"
	"testing"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// TestArticleLists pins what QA found in lists (issues C1 to C3): each
// list shows the source's numbers, the comment feed/convert writes
// between two lists shows nowhere, and a tight list has no blank line
// after a sublist.
func TestArticleLists(t *testing.T) {
	tests := map[string]struct {
		md, want string
	}{
		"two lists in a row": {
			md:   "3. 셋째\n4. 넷째\n\n<!-- -->\n\n1. 하나\n2. 둘\n",
			want: "\n  3. 셋째\n  4. 넷째\n\n  1. 하나\n  2. 둘\n",
		},
		"a change of delimiter": {
			md:   "3. 셋째\n4. 넷째\n\n1) 괄호\n2) 둘\n",
			want: "\n  3. 셋째\n  4. 넷째\n\n  1. 괄호\n  2. 둘\n",
		},
		"tight, nested three deep": {
			md:   "1. 첫째\n   1. 하위 가\n   2. 하위 나\n      - 더 깊은 항목\n2. 둘째\n",
			want: "\n  1. 첫째\n    1. 하위 가\n    2. 하위 나\n      • 더 깊은 항목\n  2. 둘째\n",
		},
		"tight, nested four deep": {
			md:   "- 가\n  - 나\n    - 다\n      - 라\n- 마\n",
			want: "\n  • 가\n    • 나\n      • 다\n        • 라\n  • 마\n",
		},
		"tight, in a quote": {
			md:   "> - 가\n>   - 나\n>     - 다\n> - 라\n",
			want: "\n  | • 가\n  |   • 나\n  |     • 다\n  | • 라\n",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			out, err := render.Article(tc.md, 40, render.StylePlain)
			if err != nil {
				t.Fatal(err)
			}
			if out != tc.want {
				t.Errorf("got\n%s\nwant\n%s", out, tc.want)
			}
			for _, style := range []render.Style{render.StylePlain, render.StyleDark, render.StyleLight} {
				out, err := render.Article(tc.md, 40, style)
				if err != nil {
					t.Fatal(err)
				}
				if got := rendertest.StripANSI(out); strings.Contains(got, "<!--") || strings.Contains(got, "⸾") {
					t.Errorf("%s shows markup:\n%s", style, got)
				}
			}
		})
	}
}
