package render

import (
	"strings"
	"testing"
)

// TestErrorLine: a long error keeps its cause whole and cuts the source
// in its middle; only when even that is too long is the cause cut, at
// its end. No line is wider than asked.
func TestErrorLine(t *testing.T) {
	src := "https://news.example.kr/rss/allArticle.xml?section=politics"
	cause := "서버 응답 404 (찾을 수 없음)"
	for _, w := range []int{20, 30, 40, 60, 80, 120} {
		got := ErrorLine("오류: ", src, cause, w)
		if Width(got) > w {
			t.Errorf("%d: %q is %d cells", w, got, Width(got))
		}
		if w >= 50 && !strings.HasSuffix(got, cause) {
			t.Errorf("%d: %q lost its cause", w, got)
		}
		if w >= 30 && !strings.HasPrefix(got, "오류: ht") || w >= 60 && !strings.HasPrefix(got, "오류: https") {
			t.Errorf("%d: %q lost the start of its source", w, got)
		}
		if w >= 60 && !strings.Contains(got, "politics") {
			t.Errorf("%d: %q lost the end of its source", w, got)
		}
	}
	if got := ErrorLine("", "a.xml", "no such file", 80); got != "a.xml: no such file" {
		t.Errorf("fits: %q", got)
	}
	if got := TruncateMiddle("abcdefghijklmnopqrstuvwxyz", 11); Width(got) > 11 || !strings.HasPrefix(got, "abcd") || !strings.HasSuffix(got, "wxyz") {
		t.Errorf("TruncateMiddle: %q", got)
	}
}

// TestErrorLineNarrow: at 40 columns a warning about a file keeps its
// cause, the path cut to a quarter of the line.
func TestErrorLineNarrow(t *testing.T) {
	got := ErrorLine("경고: ", "/tmp/i18n-empty.xml", "피드에 기사가 없습니다", 40)
	if !strings.HasSuffix(got, "피드에 기사가 없습니다") || Width(got) > 40 {
		t.Errorf("%q", got)
	}
}
