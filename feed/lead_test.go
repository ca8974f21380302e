package feed

import (
	"strings"
	"testing"
)

func TestLead(t *testing.T) {
	long := strings.Repeat("가나다라 ", 30)
	tests := map[string]struct {
		it   Item
		want string
	}{
		"summary first":  {Item{Summary: "요약이 먼저", Body: "<p>본문</p>"}, "요약이 먼저"},
		"html body":      {Item{Body: "<h2>소제목</h2><p>서울에 <b>호우</b> &amp; 강풍</p>"}, "소제목 서울에 호우 & 강풍"},
		"markdown body":  {Item{Body: "## 소제목\n\n[링크 글](https://x) 와 **굵게** 쓴 말\n\n| 표 | 칸 |", Format: FormatMarkdown}, "소제목 링크 글 와 굵게 쓴 말"},
		"twelve words":   {Item{Summary: "하나 둘 셋 넷 다섯 여섯 일곱 여덟 아홉 열 열하나 열둘 열셋"}, "하나 둘 셋 넷 다섯 여섯 일곱 여덟 아홉 열 열하나 열둘…"},
		"80 runes":       {Item{Summary: strings.Repeat("가", 100)}, strings.Repeat("가", 80) + "…"},
		"cut at a space": {Item{Summary: "가나다 " + strings.Repeat("라", 90)}, "가나다…"},
		"nothing":        {Item{Body: "<img src=x>"}, ""},
		"range kept":     {Item{Summary: "기온 24~31℃"}, "기온 24~31℃"},
		"long body":      {Item{Body: "<p>" + long + strings.Repeat("x", 1<<20) + "</p>"}, strings.TrimSpace(strings.Repeat("가나다라 ", 11)) + " 가나다라…"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Lead(&tc.it); got != tc.want {
				t.Errorf("Lead = %q, want %q", got, tc.want)
			}
		})
	}
}
