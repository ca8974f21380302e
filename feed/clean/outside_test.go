package clean

import (
	"errors"
	"io/fs"
	"testing"
)

func TestOutsideAndError(t *testing.T) {
	if got := Outside("503 \x1b]0;PWN\a\u009b2J\u202eevil\nnext").String(); got != "503 evil next" {
		t.Errorf("Outside = %q", got)
	}
	wrapped := Errorf("open %s: %w", "a\x1b[2Jb", fs.ErrNotExist)
	if wrapped.Error() != "open ab: file does not exist" || !errors.Is(wrapped, fs.ErrNotExist) {
		t.Errorf("Errorf = %q, Is = %v", wrapped, errors.Is(wrapped, fs.ErrNotExist))
	}
	sentinel := errors.New("already clean")
	if Error(sentinel) != sentinel {
		t.Error("a clean error was wrapped")
	}
	if Error(nil) != nil {
		t.Error("Error(nil) != nil")
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := map[string]string{
		"HTTP://Example.COM":             "http://example.com/",
		"http://example.com:80/a#top":    "http://example.com/a",
		"https://example.com:443/?q=1#x": "https://example.com/?q=1",
		"https://example.com:8443/Feed":  "https://example.com:8443/Feed",
		"http://example.com:/a":          "http://example.com/a",
		"https://User@Example.com/a?B=C": "https://User@example.com/a?B=C",
		"https://[::1]:443/x":            "https://[::1]/x",
		"https://[::1]/x":                "https://[::1]/x",
		"https://뉴스.kr/기사/1":             "https://뉴스.kr/기사/1",
		"feed.xml":                       "feed.xml",
		"ftp://Example.com/":             "ftp://Example.com/",
		"https:///nohost":                "https:///nohost",
		"http://example.com/garam.xml?":  "http://example.com/garam.xml",
		"http://example.com/?#top":       "http://example.com/",
		"http://example.com?":            "http://example.com/",
		"http://example.com/a.xml??":     "http://example.com/a.xml?",
		"http://example.com//garam.xml":  "http://example.com//garam.xml",
	}
	for in, want := range tests {
		if got := CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
	if !SameURL("HTTP://x.com#a", "http://x.com/") || SameURL("http://x.com/a", "http://x.com/A") {
		t.Error("SameURL")
	}
}
