package render

import (
	"strings"
	"testing"
)

// TestColumns: aligned while the columns fit; a name cut first when they
// do not; blocks, every cell whole, when even that is not enough. Every
// line fits, Hangul taking two cells.
func TestColumns(t *testing.T) {
	rows := [][]string{
		{"이름", "URL", "기사", "안 읽음", "상태"},
		{"뉴스다오 | 실시간 뉴스 속보", "http://127.0.0.1:18932/atom.xml", "6", "6", "정상"},
		{"가람일보", "https://garam.example/rss/allArticle.xml", "1,204", "13", "오류: http 404 (찾을 수 없음)"},
	}
	for name, tt := range map[string]struct {
		width int
		want  []string
	}{
		"fits": {120, []string{
			"이름                         URL                                       기사   안 읽음  상태",
			"뉴스다오 | 실시간 뉴스 속보  http://127.0.0.1:18932/atom.xml           6      6        정상",
			"가람일보                     https://garam.example/rss/allArticle.xml  1,204  13       오류: http 404 (찾을 수 없음)",
		}},
		"name cut": {106, []string{
			"이름               URL                                       기사   안 읽음  상태",
			"뉴스다오 | 실시…   http://127.0.0.1:18932/atom.xml           6      6        정상",
			"가람일보           https://garam.example/rss/allArticle.xml  1,204  13       오류: http 404 (찾을 수 없음)",
		}},
		"blocks at 60": {60, []string{
			"뉴스다오 | 실시간 뉴스 속보",
			"  URL: http://127.0.0.1:18932/atom.xml · 기사: 6",
			"  안 읽음: 6 · 상태: 정상",
			"가람일보",
			"  URL: https://garam.example/rss/allArticle.xml",
			"  기사: 1,204 · 안 읽음: 13",
			"  상태: 오류: http 404 (찾을 수 없음)",
		}},
		"blocks at 40": {40, []string{
			"뉴스다오 | 실시간 뉴스 속보",
			"  URL: http://127.0.0.1:18932/atom.xml",
			"  기사: 6 · 안 읽음: 6 · 상태: 정상",
			"가람일보",
			"  URL:",
			"  https://garam.example/rss/",
			"  allArticle.xml",
			"  기사: 1,204 · 안 읽음: 13",
			"  상태: 오류: http 404 (찾을 수 없음)",
		}},
	} {
		t.Run(name, func(t *testing.T) {
			got := Columns(rows, tt.width, 0, 12)
			// The lines are pinned with … one cell wide; where it takes
			// two (TestAmbiguousWide's run), they still fit.
			if !AmbiguousWide() && strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("at %d:\n%s\nwant\n%s", tt.width, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, l := range got {
				if Width(l) > tt.width {
					t.Errorf("%q is %d cells, wider than %d", l, Width(l), tt.width)
				}
			}
		})
	}
}
