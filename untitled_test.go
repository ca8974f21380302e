package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// untitledRSS is a feed whose newest item has no title: the reader shows
// its first words, and so do list, search and watch.
func untitledRSS(now time.Time) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>가람일보</title><link>http://example.com/</link>` +
		`<item><guid>u1</guid><link>http://example.com/u1</link><description>&lt;p&gt;제목 없이 온 속보, 서울 전역에 &lt;b&gt;호우 경보&lt;/b&gt;&lt;/p&gt;</description><pubDate>` + now.Format(time.RFC1123Z) + `</pubDate></item>` +
		`<item><guid>t1</guid><title>국회, 예산안 처리 합의</title><link>http://example.com/t1</link><pubDate>` + now.Add(-time.Hour).Format(time.RFC1123Z) + `</pubDate></item>` +
		`</channel></rss>`
}

// TestUntitledInList: an untitled item's row holds its first words where
// the title goes, from a local file and from the cache alike, in list,
// search and watch.
func TestUntitledInList(t *testing.T) {
	now := time.Now().Add(-time.Minute)
	body := untitledRSS(now)
	path := filepath.Join(t.TempDir(), "untitled.xml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	env := testEnv(t)
	lead := "제목 없이 온 속보, 서울 전역에 호우 경보"
	for _, src := range []string{path, srv.URL + "/rss"} {
		out, stderr, status := sokboEnv(t, env, "list", src)
		first := strings.Split(strings.Split(out, "\n")[0], "\t")
		if status != 0 || len(first) != 4 || first[2] != lead {
			t.Errorf("list %s: %d %q\n%s", src, status, stderr, out)
		}
		out, stderr, status = sokboEnv(t, env, "search", "호우", src)
		first = strings.Split(strings.Split(out, "\n")[0], "\t")
		if status != 0 || len(first) != 4 || first[2] != lead {
			t.Errorf("search %s: %d %q\n%s", src, status, stderr, out)
		}
	}
	out, stderr, _ := sokboEnv(t, env, "watch", "--once", "--offline", "--since", "2h", srv.URL+"/rss")
	if !strings.Contains(out, "\t가람일보\t"+lead+"\t") {
		t.Errorf("watch: %q\n%s", stderr, out)
	}
}
