package convert

import "testing"

// TestBareURLParticles: Korean attaches its particles to the address a
// sentence names, and the particle is no part of the address, after a
// path as after a host (QA: "https://www.gg.go.kr/path에서" was linked
// with its 에서, and "(https://x.kr/p)에서" with the parenthesis too).
// Hangul that begins a segment of a path is the address's own.
func TestBareURLParticles(t *testing.T) {
	for text, want := range map[string]string{
		"가 https://www.gg.go.kr에서 나":                 "https://www.gg.go.kr",
		"나 https://www.gg.go.kr/path에서 보라":           "https://www.gg.go.kr/path",
		"다 https://x.kr/a_b에서":                       "https://x.kr/a_b",
		"라 https://x.kr/news?q=1에서":                  "https://x.kr/news?q=1",
		"마 https://x.kr/view.html?idxno=123을 보라":     "https://x.kr/view.html?idxno=123",
		"사 (https://x.kr/p)에서 아":                     "https://x.kr/p",
		"자 https://x.kr/a*b*에서":                      "https://x.kr/a*b",
		"위키 https://ko.wikipedia.org/wiki/한국은행 참고":   "https://ko.wikipedia.org/wiki/한국은행",
		"검색 https://x.kr/search?query=서울&page=2 참고":  "https://x.kr/search?query=서울&page=2",
		"문서 https://ko.wikipedia.org/wiki/수원_(도시)에서": "https://ko.wikipedia.org/wiki/수원_(도시)",
		"노선 https://x.kr/서울-부산 참고":                   "https://x.kr/서울-부산",
		"계정 https://x.kr/@기자 참고":                     "https://x.kr/@기자",
		// A path all in Hangul cannot be told from its particle.
		"태그 https://x.kr/tag/한국은행에서": "https://x.kr/tag/한국은행에서",
	} {
		spans := bareURLs(text, false)
		if len(spans) != 1 {
			t.Errorf("%q: %d addresses, want 1", text, len(spans))
			continue
		}
		if got := text[spans[0][0]:spans[0][1]]; got != want {
			t.Errorf("%q: address %q, want %q", text, got, want)
		}
	}
}
