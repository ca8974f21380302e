package render_test

import (
	"strings"
	"testing"

	"sokbo/render"
)

// TestWrapAddressHost: an address wider than its line breaks at a slash,
// and keeps its host whole where the host fits (https://ko.wikipedia.org
// then /wiki/…), never after one of the host's dots (ko.wikipedia. then
// org/…) unless nothing else fits.
func TestWrapAddressHost(t *testing.T) {
	for name, tt := range map[string]struct {
		in   string
		w    int
		want []string
	}{
		"host whole":     {"https://ko.wikipedia.org/wiki/기준금리", 24, []string{"https://ko.wikipedia.org", "/wiki/기준금리"}},
		"after a slash":  {"https://ko.wikipedia.org/wiki/기준금리", 30, []string{"https://ko.wikipedia.org/wiki/", "기준금리"}},
		"host too wide":  {"https://en.wikipedia.org/wiki/Bank_rate", 20, []string{"https://", "en.wikipedia.org/", "wiki/Bank_rate"}},
		"host alone":     {"https://www.gg.go.kr/", 20, []string{"https://", "www.gg.go.kr/"}},
		"dots if needed": {"https://news.example.co.kr/", 12, []string{"https://", "news.", "example.co.", "kr/"}},
		"mail domain":    {"mailto:kim@news.example.kr", 20, []string{"mailto:kim@", "news.example.kr"}},
	} {
		t.Run(name, func(t *testing.T) {
			if got := render.Wrap(tt.in, tt.w); strings.Join(got, "⏎") != strings.Join(tt.want, "⏎") {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
		})
	}
	// At every width from 20, no line of these ends at a host's dot.
	for _, u := range []string{"https://ko.wikipedia.org/wiki/한국은행", "https://en.wikipedia.org/wiki/Bank_rate", "https://www.yna.co.kr/view/AKR20240718000100001", "mailto:press.office@news.example.co.kr"} {
		for w := 20; w <= 40; w++ {
			for _, l := range render.Wrap(u, w) {
				if strings.HasSuffix(l, ".") {
					t.Errorf("Wrap(%q, %d) leaves %q", u, w, l)
				}
			}
		}
	}
}
