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

// TestPathLine: a path between two texts keeps its start and its file
// name, losing the end of its folders, and the texts stay whole; a name
// too long for the line is cut in its middle. No line is wider than
// asked. (The ellipsis is one cell or two, as the terminal draws
// ambiguous characters: the cut is checked by what stays.)
func TestPathLine(t *testing.T) {
	tests := map[string]struct {
		path string
		w    int
		// The line starts with "(in "+start and ends with end+")".
		start, end string
	}{
		"fits":           {"~/.cache/sokbo/sokbo.log", 60, "~/.cache/sokbo/sokbo.log", ""},
		"folders cut":    {"~/.cache/sokbo/sokbo.log", 24, "~/.cach", "/sokbo.log"},
		"folders go":     {"~/.cache/sokbo/sokbo.log", 18, "~", "/sokbo.log"},
		"name cut":       {"/var/log/a-very-long-log-file-name.log", 24, "/var/log", "-name.log"},
		"no folder":      {"sokbo-with-a-long-name.log", 20, "sokbo-", "ame.log"},
		"narrow, Hangul": {"~/문서/속보/sokbo.log", 20, "~/", "/sokbo.log"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := PathLine("(in ", tc.path, ")", tc.w)
			if Width(got) > tc.w || !strings.HasPrefix(got, "(in "+tc.start) || !strings.HasSuffix(got, tc.end+")") {
				t.Errorf("PathLine at %d = %q (%d cells), want %q…%q", tc.w, got, Width(got), "(in "+tc.start, tc.end+")")
			}
			if cut := Width(tc.path) > tc.w-5; cut != strings.Contains(got, Ellipsis) {
				t.Errorf("PathLine at %d = %q: cut %v, ellipsis %v", tc.w, got, cut, !cut)
			}
		})
	}
}
