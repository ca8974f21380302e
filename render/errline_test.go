package render

import (
	"slices"
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

// TestSourceLines: a warning above the list wraps, as one does when the
// list is empty, on at most n lines: whole when it fits; else its source
// loses its middle so that the cause stays whole; else the last line ends
// in an ellipsis, and only then is it cut. Every line is at most w cells, Hangul two each (QA: at
// 40 columns the one line left neither the file nor the cause).
func TestSourceLines(t *testing.T) {
	const (
		head  = "경고: "
		src   = "testdata/posts/notes.txt"
		cause = "글이 아닙니다 (머리말 없는 텍스트); 건너뜀"
	)
	deep := "testdata/" + strings.Repeat("아주/깊은/폴더/", 6) + "notes.txt"
	long := strings.Repeat("아주 긴 원인 ", 20)
	tests := map[string]struct {
		source, cause string
		w, n          int
		want          []string
		cut           bool
	}{
		"40, two lines": {src, cause, 40, 3, []string{
			"경고: testdata/posts/notes.txt: 글이",
			"아닙니다 (머리말 없는 텍스트); 건너뜀",
		}, false},
		"60, two lines": {src, cause, 60, 3, []string{
			"경고: testdata/posts/notes.txt: 글이 아닙니다 (머리말 없는",
			"텍스트); 건너뜀",
		}, false},
		"120, one line": {src, cause, 120, 3, []string{head + src + ": " + cause}, false},
		"one line asked": {src, cause, 40, 1, []string{
			SourceLine(head, src, ": ", cause, 40),
		}, true},
		"deep folder": {deep, cause, 40, 3, nil, false},
		"long cause":  {src, long, 40, 3, nil, true},
		"no source":   {"", long, 40, 2, nil, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, cut := SourceLines(head, tc.source, ": ", tc.cause, tc.w, tc.n)
			if tc.want != nil && !slices.Equal(got, tc.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			if cut != tc.cut {
				t.Errorf("cut = %v, want %v", cut, tc.cut)
			}
			if len(got) > max(tc.n, 1) {
				t.Errorf("%d lines, want at most %d: %q", len(got), tc.n, got)
			}
			for _, l := range got {
				if Width(l) > tc.w {
					t.Errorf("%q is %d cells, wider than %d", l, Width(l), tc.w)
				}
			}
			joined := strings.Join(got, " ")
			switch name {
			case "deep folder":
				// The cause whole, the path's start and file name kept.
				if !strings.HasSuffix(joined, cause) || !strings.Contains(joined, "notes.txt") || !strings.HasPrefix(joined, "경고: testdata/") {
					t.Errorf("%q", got)
				}
			case "long cause", "no source":
				if !strings.HasSuffix(got[len(got)-1], Ellipsis) {
					t.Errorf("the last line %q does not end in an ellipsis", got[len(got)-1])
				}
			}
		})
	}
}
