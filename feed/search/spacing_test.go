package search

import "testing"

func TestDespace(t *testing.T) {
	tests := map[string]string{
		"서울 지하철 2호선": "서울지하철2호선",
		"kbs 뉴스":     "kbs 뉴스",
		"뉴스 kbs":     "뉴스 kbs",
		"1 000":      "1000",
		"ㄱㅎ ㅇㅈ":      "ㄱㅎㅇㅈ",
		"서울 · 지하철":   "서울·지하철", // the middle dot is spaced or not
		"서울, 지하철":    "서울, 지하철",
		"없음":         "없음",
		"":           "",
		" 서울":        " 서울",
		"서울 ":        "서울 ",
	}
	for in, want := range tests {
		if got := Despace(in); got != want {
			t.Errorf("Despace(%q) = %q, want %q", in, got, want)
		}
	}
}
