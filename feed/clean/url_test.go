package clean

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckURLLinks(t *testing.T) {
	tests := []struct {
		url         string
		link, image bool // with mailto allowed, and not
	}{
		{"https://newsdao.kr/1", true, true},
		{"HTTP://newsdao.kr", true, true},
		{"/4082", true, true},
		{"//newsdao.kr/a.jpg", true, true},
		{"?page=2", true, true},
		{"#top", true, true},
		{"a/b:c", true, true},
		{"https://%28", true, true},
		{"mailto:a@b.kr", true, false},
		{"javascript:alert(1)", false, false},
		{"JavaScript:x", false, false},
		{" \x01javascript:x", false, false},
		{"java\nscript:alert(1)", false, false},
		{"java\tscript:alert(1)", false, false},
		{"data:text/html;base64,AA", false, false},
		{"file:///etc/passwd", false, false},
		{"vbscript:x", false, false},
		{"java script:x", false, false},
		{":x", false, false},
	}
	for _, tc := range tests {
		if got := URLOK(tc.url, Link); got != tc.link {
			t.Errorf("URLOK(%q, Link) = %v, want %v", tc.url, got, tc.link)
		}
		if got := URLOK(tc.url, Media); got != tc.image {
			t.Errorf("URLOK(%q, Media) = %v, want %v", tc.url, got, tc.image)
		}
	}
}

func TestCheckURLFetch(t *testing.T) {
	tests := map[string]struct {
		url  string
		want error // nil: allowed for Fetch and Open
	}{
		"https":         {"https://newsdao.kr/rss/allArticle.xml", nil},
		"http upper":    {"HTTP://newsdao.kr/", nil},
		"korean path":   {"https://ko.wikipedia.org/wiki/한국은행", nil},
		"relative":      {"/rss.xml", ErrNotHTTP},
		"no host":       {"https:///x", ErrNotHTTP},
		"opaque":        {"https:x", ErrNotHTTP},
		"file":          {"file:///etc/passwd", ErrNotHTTP},
		"exec":          {"exec:rm -rf /", ErrCommandURL},
		"exec no space": {"exec:ls", ErrCommandURL},
		"filter":        {"filter:x.sh:https://a/", ErrCommandURL},
		"esc":           {"https://a.kr/\x1b]0;x\a", ErrUnprintableURL},
		"c1":            {"https://a.kr/\u009b31m", ErrUnprintableURL},
		"bidi":          {"https://a.kr/\u202egnp.exe", ErrUnprintableURL},
		"zero width":    {"https://a.kr/\u200bx", ErrUnprintableURL},
		"space":         {"https://a.kr/a b", nil},
		"ideographic":   {"https://a.kr/a\u3000b", ErrUnprintableURL},
		"empty":         {"", ErrUnprintableURL},
		"bad utf8":      {"https://a.kr/\xff", ErrUnprintableURL},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for _, use := range []URLUse{Fetch, Open} {
				err := CheckURL(tc.url, use)
				if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
					t.Errorf("CheckURL(%q, %d) = %v, want %v", tc.url, use, err, tc.want)
				}
			}
		})
	}
	if err := CheckURL("-https://a.kr/", Open); err == nil {
		t.Errorf("CheckURL(-https://…, Open) = nil, want an error")
	}
}

// TestURLEscapes: an address cleaned where it enters holds no white space
// or control, percent-encoded as a browser does; Korean stays; URL is
// idempotent. ASCIIURL is the form a browser copies.
func TestURLEscapes(t *testing.T) {
	for _, c := range []struct{ in, url, ascii string }{
		{"https://t.example/1\t2", "https://t.example/1%092", "https://t.example/1%092"},
		{"  https://x.example/a b\"c<d>`e  ", "https://x.example/a%20b%22c%3Cd%3E%60e", "https://x.example/a%20b%22c%3Cd%3E%60e"},
		{"https://x.example/a\nb\u00a0c\u3000d", "https://x.example/a%0Ab%C2%A0c%E3%80%80d", "https://x.example/a%0Ab%C2%A0c%E3%80%80d"},
		{"https://ko.wikipedia.org/wiki/한국은행", "https://ko.wikipedia.org/wiki/한국은행", "https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD%EC%9D%80%ED%96%89"},
		{"https://한국.kr/a%20b", "https://한국.kr/a%20b", "https://xn--3e0b707e.kr/a%20b"},
	} {
		got := URL(c.in)
		if got != c.url {
			t.Errorf("URL(%q) = %q, want %q", c.in, got, c.url)
		}
		if again := URL(got); again != got {
			t.Errorf("URL is not idempotent: %q → %q", got, again)
		}
		if a := ASCIIURL(got); a != c.ascii {
			t.Errorf("ASCIIURL(%q) = %q, want %q", got, a, c.ascii)
		}
	}
}

// FuzzPlainURL: what URL's fast path lets by as it is, its whole
// cleaning would also leave as it is.
func FuzzPlainURL(f *testing.F) {
	for _, s := range []string{"https://x.kr/a?b=1#c", "https://x.kr/a b", "https://x.kr/\"", "https://한국.kr", "", " https://x.kr", "https://x.kr/\x1b[2J", "https://x.kr/`<>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainURL(s) {
			if full := escapeURL(strings.TrimSpace(Sanitize(s)), false); full != s {
				t.Fatalf("plainURL(%q), but its cleaning is %q", s, full)
			}
		}
	})
}
