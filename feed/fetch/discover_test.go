package fetch

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestDiscover(t *testing.T) {
	const page = "https://newsdao.kr/news/index.html"
	tests := map[string]struct {
		html string
		want []string
	}{
		"rss relative": {
			`<html><head><link rel="alternate" type="application/rss+xml" title="RSS" href="/rss/allArticle.xml"></head></html>`,
			[]string{"https://newsdao.kr/rss/allArticle.xml"},
		},
		"relative to page directory": {
			`<link rel="alternate" type="application/atom+xml" href="feed.xml">`,
			[]string{"https://newsdao.kr/news/feed.xml"},
		},
		"base href": {
			`<head><base href="https://mirror.example.com/site/"><link rel="alternate" type="application/atom+xml" href="feed.xml"></head>`,
			[]string{"https://mirror.example.com/site/feed.xml"},
		},
		"relative base href": {
			`<head><base href="/blog/"><link rel="alternate" type="application/rss+xml" href="rss"></head>`,
			[]string{"https://newsdao.kr/blog/rss"},
		},
		"only the first base counts": {
			`<base href="/a/"><base href="/b/"><link rel="alternate" type="application/rss+xml" href="rss">`,
			[]string{"https://newsdao.kr/a/rss"},
		},
		"rss and atom before json": {
			`<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/1">
			 <link rel="alternate" type="application/feed+json" href="/feed.json">
			 <link rel="alternate" type="application/atom+xml" href="/atom.xml">
			 <link rel="alternate" type="application/rss+xml" href="/rss.xml">`,
			[]string{"https://newsdao.kr/atom.xml", "https://newsdao.kr/rss.xml", "https://newsdao.kr/feed.json", "https://newsdao.kr/wp-json/wp/v2/pages/1"},
		},
		"case and extra rel tokens and params": {
			`<LINK REL="Alternate nofollow" TYPE="Application/RSS+XML; charset=UTF-8" HREF="https://example.com/rss?a=1&amp;b=2">`,
			[]string{"https://example.com/rss?a=1&b=2"},
		},
		"duplicates dropped": {
			`<link rel="alternate" type="application/rss+xml" href="/rss"><link rel="alternate" type="application/rss+xml" href="https://newsdao.kr/rss#x">`,
			[]string{"https://newsdao.kr/rss"},
		},
		"self closing in body": {
			`<body><p>hi</p><link rel="alternate" type="application/rss+xml" href="//cdn.example.com/rss"/></body>`,
			[]string{"https://cdn.example.com/rss"},
		},
		"not alternate": {
			`<link rel="stylesheet" type="text/css" href="/s.css"><link rel="alternate" hreflang="en" href="/en/">`,
			nil,
		},
		"html alternate ignored": {
			`<link rel="alternate" type="text/html" href="/m/">`,
			nil,
		},
		"unsafe schemes refused": {
			`<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
			 <link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">`,
			nil,
		},
		"no href": {`<link rel="alternate" type="application/rss+xml">`, nil},
		"empty":   {``, nil},
		"garbage": {"\x00<<<>>><link", nil},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Discover([]byte(tt.html), page); !slices.Equal(got, tt.want) {
				t.Errorf("Discover = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDiscoverServedPage(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=euc-kr")
		w.Write(eucKR(t, `<!doctype html><html><head><meta charset="euc-kr"><title>뉴스다오</title>
<link rel="alternate" type="application/rss+xml" title="전체기사" href="/rss/allArticle.xml">
</head><body>속보</body></html>`))
	})
	mux.HandleFunc("/rss/allArticle.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>속보</title></channel></rss>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	f := newFetcher(&fakeSleeper{})
	resp, err := f.Fetch(t.Context(), srv.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	links := Discover(DecodeCharset(resp.Body, resp.ContentType), resp.URL)
	if want := []string{srv.URL + "/rss/allArticle.xml"}; !slices.Equal(links, want) {
		t.Fatalf("Discover = %q, want %q", links, want)
	}
	feedResp, err := f.Fetch(t.Context(), links[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(feedResp.Body), "<rss") {
		t.Fatalf("feed body = %q", feedResp.Body)
	}
}

func FuzzDiscover(f *testing.F) {
	f.Add([]byte(`<base href="/x/"><link rel="alternate" type="application/rss+xml" href="rss">`), "https://a.example/")
	f.Fuzz(func(t *testing.T, page []byte, pageURL string) {
		for _, u := range Discover(page, pageURL) {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("Discover returned %q", u)
			}
		}
	})
}
