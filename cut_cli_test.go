package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCutTitlesSaidForURLs (QA): titles and a feed's name over 1 KiB are
// said to be cut for a feed served over http as for the same file: on
// the refresh that stores them, once, naming the feed; a later list
// from the cache, or a refresh that finds the same body, stores nothing
// and says nothing more.
func TestCutTitlesSaidForURLs(t *testing.T) {
	long := strings.Repeat("가", 2400)
	doc := func(edition int64) string {
		return `<?xml version="1.0"?><rss version="2.0"><channel><title>` + strings.Repeat("나", 2400) + `</title>` +
			`<item><title>` + long + `1</title><guid>1</guid></item>` +
			`<item><title>` + long + `2</title><guid>2</guid></item>` +
			`<item><title>짧은 제목</title><guid>3</guid><description>판 ` + strconv.FormatInt(edition, 10) +
			`</description></item></channel></rss>`
	}
	body := doc(0)
	var edition atomic.Int64 // a new edition stores again
	path := filepath.Join(t.TempDir(), "long.xml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		_, _ = w.Write([]byte(doc(edition.Load())))
	}))
	defer srv.Close()
	url := srv.URL + "/long.xml"
	said := func(src string) string {
		return "sokbo: warning: " + src + ": cut the feed's name longer than 1 KiB\n" +
			"sokbo: warning: " + src + ": cut 2 titles longer than 1 KiB\n"
	}
	env := testEnv(t)
	for _, tc := range []struct {
		name    string
		edition int64
		args    []string
		want    string
	}{
		{"file", 0, []string{"list", path}, said(path)},
		{"url", 0, []string{"list", url}, said(url)},
		{"cached", 0, []string{"list", url}, ""},
		{"same body", 0, []string{"list", "--refresh", url}, ""},
		{"refresh", 1, []string{"list", "--refresh", url}, said(url)},
		{"read", 2, []string{"read", "--refresh", "--format", "text", url, "1"}, said(url)},
	} {
		edition.Store(tc.edition)
		out, stderr, status := sokboEnv(t, env, tc.args...)
		if status != 0 || stderr != tc.want || !strings.Contains(out, "가가가") {
			t.Errorf("%s: status %d, stderr %q\nwant %q\n%.200s", tc.name, status, stderr, tc.want, out)
		}
	}
	edition.Store(3)
	out, stderr, status := sokboEnv(t, env, "--lang", "ko", "list", "--refresh", url)
	if want := "sokbo: 경고: " + url + ": 피드 이름이 1 KiB보다 길어 잘림\n"; status != 0 || !strings.HasPrefix(stderr, want) {
		t.Errorf("ko: status %d, stderr %q, want %q first\n%.200s", status, stderr, want, out)
	}
}
