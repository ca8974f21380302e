package main

import (
	"fmt"
	"strings"
	"testing"

	"sokbo/render/rendertest"
)

// TestEveryWidth reads the seed and a five-column table in text and ansi
// at every width from 30 to 200: every line fits, table borders line up,
// and no word of the tables is lost or cut with an ellipsis.
func TestEveryWidth(t *testing.T) {
	docs := map[string][]string{
		seed: strings.Fields("시작 시간 완전 복구 소요 오전 10시54분 낮 12시20분 약 1시간 26분"),
		"testdata/wide-table.html": strings.Fields("시도 이재민(명) 일시 대피(명) 도로 통제 비고 경기도 강원특별자치도 " +
			"1,240 3,105 27곳 괴산댐 방류량 늘려 구분 구간 재개 예정 철도 경원선 태백선 11일 첫차 동부간선도로"),
	}
	for path, words := range docs {
		for _, format := range []string{"text", "ansi"} {
			for w := 30; w <= 200; w++ {
				out, stderr, status := sokbo(t, "read", "--format", format, "--style", "dark", "--width", fmt.Sprint(w), path)
				if status != 0 {
					t.Fatalf("%s %s %d: %s", path, format, w, stderr)
				}
				if err := rendertest.Layout(out, w); err != nil {
					t.Fatalf("%s as %s at %d: %v\n%s", path, format, w, err, out)
				}
				seen := map[string]bool{}
				for _, f := range strings.Fields(rendertest.StripANSI(out)) {
					seen[strings.Trim(f, "│|:")] = true
				}
				for _, word := range words {
					if !seen[word] {
						t.Fatalf("%s as %s at %d lost the word %q:\n%s", path, format, w, word, out)
					}
				}
			}
		}
	}
}
