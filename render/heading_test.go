package render_test

import (
	"strings"
	"testing"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// TestHeadingsStyled: in the terminal's styles a heading is drawn by its
// style, with no "## " of the Markdown source, and so is the heading of
// the links; H2 is underlined.
func TestHeadingsStyled(t *testing.T) {
	md := "## 기준금리 동결\n\n본문 [한국은행](https://www.bok.or.kr/)\n\n### 시장 반응\n\n둘째 문단\n\n#### 전망\n\n셋째"
	for _, style := range []render.Style{render.StyleDark, render.StyleLight} {
		for _, w := range []int{30, 60, 120} {
			out, err := render.Article(md, w, style)
			if err != nil {
				t.Fatal(err)
			}
			plain := rendertest.StripANSI(out)
			if strings.Contains(plain, "#") {
				t.Errorf("style %v at %d keeps #:\n%s", style, w, plain)
			}
			for _, h := range []string{"기준금리 동결", "시장 반응", "전망", "링크"} {
				if !strings.Contains(plain, "  "+h) {
					t.Errorf("style %v at %d lost the heading %q:\n%s", style, w, h, plain)
				}
			}
			if !strings.Contains(out, ";4m") && !strings.Contains(out, "[4m") && !strings.Contains(out, ";4;") {
				t.Errorf("style %v at %d: no heading is underlined:\n%q", style, w, out)
			}
		}
	}
}
