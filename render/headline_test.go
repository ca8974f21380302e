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

// TestTruncateTitle: a title cut to fit ends where a line could break,
// not inside a number, a range or a number and its unit (QA: 연 3.…,
// 서울 24~3…, 민생 법안 32…, R&D 예산 3… where the source says 3조), and
// backs off at most to half its room.
func TestTruncateTitle(t *testing.T) {
	if AmbiguousWide() {
		t.Skip("expectations assume a one-cell ellipsis")
	}
	for name, tc := range map[string]struct {
		title string
		w     int
		was   string // what Truncate shows
		want  string
	}{
		"decimal": {"한국은행, 기준금리 연 3.50% 다섯 번째 동결", 25,
			"한국은행, 기준금리 연 3.…", "한국은행, 기준금리 연…"},
		"number and its unit sign": {"한국은행, 기준금리 연 3.50% 다섯 번째 동결", 27,
			"한국은행, 기준금리 연 3.50…", "한국은행, 기준금리 연…"},
		"range": {"폭염 계속… 서울 24~31℃ 열대야", 21,
			"폭염 계속… 서울 24~3…", "폭염 계속… 서울…"},
		"digits": {"[속보] 국회 본회의, 민생 법안 32건 처리", 33,
			"[속보] 국회 본회의, 민생 법안 32…", "[속보] 국회 본회의, 민생 법안…"},
		"number and its counter": {"정부, 반도체 R&D 예산 3조 원 증액… 차세대 메모리·AI 반도체 집중 지원", 25,
			"정부, 반도체 R&D 예산 3…", "정부, 반도체 R&D 예산…"},
		"a time in two parts": {"카카오톡접속장애오전10시54분부터", 26,
			"카카오톡접속장애오전10시5…", "카카오톡접속장애오전…"},
		"between syllables as before": {"서울 지하철 운행 중단", 10,
			"서울 지하…", "서울 지하…"},
		"a number and a counter of two syllables": {"서울 지하철 2호선 운행 중단", 16,
			"서울 지하철 2호…", "서울 지하철…"},
		"a closing mark dropped as before": {"[속보] 국회 본회의, 민생 법안", 19,
			"[속보] 국회 본회의…", "[속보] 국회 본회의…"},
		"a space far back: cut as before": {"속보 1234567890123456789", 12,
			"속보 123456…", "속보 123456…"},
		"one unbreakable run: cut as before": {"12345678901234567890123456789", 10,
			"123456789…", "123456789…"},
		"in one run, where a line holds nothing better": {"1234510시54분", 11,
			"1234510시5…", "1234510시…"},
		"fits": {"폭염 24~31℃", 11, "폭염 24~31℃", "폭염 24~31℃"},
	} {
		t.Run(name, func(t *testing.T) {
			if got := Truncate(tc.title, tc.w); got != tc.was {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tc.title, tc.w, got, tc.was)
			}
			if got := TruncateTitle(tc.title, tc.w); got != tc.want {
				t.Errorf("TruncateTitle(%q, %d) = %q, want %q", tc.title, tc.w, got, tc.want)
			}
		})
	}
}

// TestHeadlineRowCutsAtABreak: `sokbo list` at 60 columns showed
// "… 서울 24~3…" (QA); a title now ends before the range, here before
// "24~31…", and before "3…" of 3조 when a tail follows it.
func TestHeadlineRowCutsAtABreak(t *testing.T) {
	if AmbiguousWide() {
		t.Skip("expectations assume a one-cell ellipsis")
	}
	got := HeadlineRow("1", "2026-12-08 09:10", "폭염특보 전국 확대… 내일 서울 24~31℃ 열대야", "", 60)
	if want := "   1  2026-12-08 09:10  폭염특보 전국 확대… 내일 서울…"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	got = HeadlineRowWith("1", "2026-12-08 09:10", "정부, 반도체 R&D 예산 3조 원 증액", []string{" · 뉴스다오 외 2곳", " · 3곳"}, "", 37)
	if want := "   1  정부, 반도체 R&D 예산… · 3곳"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
