package lang

import (
	"strings"
	"testing"
	"unicode"
)

func TestFromEnv(t *testing.T) {
	tests := map[string]struct {
		env  map[string]string
		want Lang
	}{
		"none":               {map[string]string{}, En},
		"C":                  {map[string]string{"LANG": "C.UTF-8"}, En},
		"POSIX":              {map[string]string{"LANG": "POSIX"}, En},
		"ko_KR":              {map[string]string{"LANG": "ko_KR.UTF-8"}, Ko},
		"ko":                 {map[string]string{"LANG": "ko"}, Ko},
		"ko@euro-ish":        {map[string]string{"LANG": "ko_KR.eucKR@x"}, Ko},
		"messages over lang": {map[string]string{"LANG": "ko_KR.UTF-8", "LC_MESSAGES": "C"}, En},
		"all over messages":  {map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "ko_KR.UTF-8"}, Ko},
		"empty is unset":     {map[string]string{"LC_ALL": "", "LANG": "ko_KR.UTF-8"}, Ko},
		"kok is not ko":      {map[string]string{"LANG": "kok_IN"}, En},
	}
	for name, tc := range tests {
		if got := FromEnv(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("%s: FromEnv = %v, want %v", name, got, tc.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 20000: "20,000", -1234567: "-1,234,567"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestFoldedCounts: a folded row's counts agree in number in English.
func TestFoldedCounts(t *testing.T) {
	tests := []struct{ got, want string }{
		{En.FoldedOthers("", 1), "2 outlets"},
		{En.FoldedOthers("", 4), "5 outlets"},
		{Ko.FoldedOthers("", 1), "2곳"},
		{Ko.FoldedOthers("", 1200), "1,201곳"},
		{En.FoldedOthers("Garam", 1), "Garam and 1 more"},
		{Ko.FoldedOthers("가람일보", 4), "가람일보 외 4곳"},
		{En.FoldedReports("", 1), "1 report"},
		{En.FoldedReports("Garam", 3), "Garam, 3 reports"},
		{Ko.FoldedReports("가람일보", 3), "가람일보 3건"},
		{Ko.FoldedReports("", 2), "2건"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestFlagUsageFirstWord: the help (fang) title-cases the first word of
// each flag's usage, which turned "페이저($PAGER)를" into "($Pager)";
// a Korean usage starts with a word that has no Latin letter to change.
func TestFlagUsageFirstWord(t *testing.T) {
	for name, u := range flagUsage {
		first, _, _ := strings.Cut(strings.TrimSpace(u[0]), " ")
		if strings.IndexFunc(first, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }) >= 0 {
			t.Errorf("%s: the Korean usage starts with %q, which the help title-cases", name, first)
		}
	}
}

func TestItemsSingular(t *testing.T) {
	for l, want := range map[Lang][3]string{En: {"1 item", "2 items", "200+ items"}, Ko: {"1건", "2건", "200+건"}} {
		for i, n := range []string{"1", "2", "200+"} {
			if got := l.Items(n); got != want[i] {
				t.Errorf("%v.Items(%q) = %q, want %q", l, n, got, want[i])
			}
		}
	}
}

func TestRefreshFailuresSingular(t *testing.T) {
	if got := En.RefreshFailures(1); got != "1 feed failed to refresh" {
		t.Errorf("En.RefreshFailures(1) = %q", got)
	}
	if got := En.RefreshFailures(2); got != "2 feeds failed to refresh" {
		t.Errorf("En.RefreshFailures(2) = %q", got)
	}
}

// TestCappedCounts: both languages say the kept count as kept and the
// whole as the whole, though their words take them in other orders.
func TestCappedCounts(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{En.CappedItems(100000, 120000), "kept the first 100,000 of 120,000 items"},
		{Ko.CappedItems(100000, 120000), "기사 120,000건 중 처음 100,000건만 읽음"},
		{En.CappedFiles(10000, 12000), "read the last 10,000 of 12,000 files by name"},
		{Ko.CappedFiles(10000, 12000), "파일 12,000개 중 이름순으로 마지막 10,000개만 읽음"},
		{En.TitlesCut(1, 1), "cut a title longer than 1 KiB"},
		{En.TitlesCut(1200, 1), "cut 1,200 titles longer than 1 KiB"},
		{Ko.TitlesCut(1, 1), "제목 1개가 1 KiB보다 길어 잘림"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

// TestSubscribedNamesOnce: a feed with no name or title of its own is
// named by its address once, not "X (X)".
func TestSubscribedNamesOnce(t *testing.T) {
	const u, feedURL = "https://a.example/", "https://a.example/rss.xml"
	for _, c := range []struct{ got, want string }{
		{En.Subscribed("속보", u, 2), "subscribed to 속보 (https://a.example/): 2 items"},
		{En.Subscribed(u, u, 1), "subscribed to https://a.example/: 1 item"},
		{Ko.Subscribed("", u, 1200), "구독함: https://a.example/, 기사 1,200건"},
		{En.AlreadyAs(u, "속보", feedURL), "already subscribed to https://a.example/, as 속보 (https://a.example/rss.xml)"},
		{En.AlreadyAs(u, feedURL, feedURL), "already subscribed to https://a.example/, as https://a.example/rss.xml"},
		{Ko.AlreadyAs(u, "", feedURL), "이미 구독 중: https://a.example/ → https://a.example/rss.xml"},
	} {
		if c.got != c.want {
			t.Errorf("got  %q\nwant %q", c.got, c.want)
		}
	}
}
