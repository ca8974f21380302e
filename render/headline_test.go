package render

import (
	"strings"
	"testing"
)

// TestHeadlineRow: a headline fits the terminal at every width, its title
// cut before anything else, its link whole or left out.
func TestHeadlineRow(t *testing.T) {
	title := "[속보] 수도권 집중 호우로 동부간선도로 전면 통제… 출근길 혼잡 24~31℃"
	link := "https://newsdao.kr/news/articleView.html?idxno=4095"
	for w := 20; w <= 200; w++ {
		got := HeadlineRow("12", "2023-08-08 21:45", title, link, w)
		if gw := Width(got); gw > w {
			t.Errorf("width %d: %d cells: %q", w, gw, got)
		}
		if !strings.HasPrefix(got, "  12  ") {
			t.Errorf("width %d: %q does not start with N", w, got)
		}
		if strings.Contains(got, "https") && !strings.HasSuffix(got, link) {
			t.Errorf("width %d: link cut: %q", w, got)
		}
	}
	if got := HeadlineRow("3", "2023-08-07", "태풍", "", 80); got != "   3  2023-08-07        태풍" {
		t.Errorf("a date alone: %q", got)
	}
	if got := HeadlineRow("3", "2023-08-07", title, link, 160); !strings.Contains(got, title) || !strings.HasSuffix(got, link) {
		t.Errorf("160 cells: %q", got)
	}
	if got := HeadlineRow("3", "2023-08-07", title, link, 45); strings.Contains(got, "2023") || strings.Contains(got, "https") {
		t.Errorf("45 cells keep the date or link: %q", got)
	}
}

// TestHeadlineRowWithTail: a folded story's tail stays when the title is
// cut: the long one while the title keeps half its room, then the short
// one, then none; a title that fits keeps the long one whole.
func TestHeadlineRowWithTail(t *testing.T) {
	if AmbiguousWide() {
		t.Skip("expectations assume a one-cell ellipsis")
	}
	title := "서울 지하철 2호선 운행 중단… 출근길 혼잡 심각"
	tails := []string{" · 뉴스다오 외 2곳", " · 3곳"}
	for _, tc := range []struct {
		width int
		want  string
	}{
		{100, "   1  2026-12-06 23:01  서울 지하철 2호선 운행 중단… 출근길 혼잡 심각 · 뉴스다오 외 2곳"},
		{60, "   1  2026-12-06 23:01  서울 지하철 2호선… · 뉴스다오 외 2곳"},
		{40, "   1  서울 지하철 2호선 운행 중단… · 3곳"},
		{20, "   1  서울 지… · 3곳"},
		{16, "   1  서울 지하…"},
	} {
		got := HeadlineRowWith("1", "2026-12-06 23:01", title, tails, "", tc.width)
		if got != tc.want || Width(got) > tc.width {
			t.Errorf("at %d:\n got %q\nwant %q", tc.width, got, tc.want)
		}
	}
}
