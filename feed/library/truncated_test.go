package library

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"sokbo/feed"
	"sokbo/feed/fetch"
	"sokbo/render/lang"
)

// TestTruncatedBodySaysSo: a server that announces 1000 bytes and closes
// the connection after 5 is one clear cause in both languages, live and
// as stored (the next list, `feeds ls`), not Go's "unexpected EOF".
func TestTruncatedBodySaysSo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("<rss>"))
	}))
	defer srv.Close()
	const (
		en = "the server closed the connection before the whole answer came (5 of 1,000 bytes)"
		ko = "서버가 응답을 다 보내기 전에 연결을 끊음 (1,000바이트 중 5바이트)"
	)
	l := New(Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Pacer: fetch.NewPacer(fetch.PacerOptions{Gap: -1})})
	defer l.Close()
	ctx := context.Background()
	src := Sources{Feeds: []feed.Subscription{{URL: srv.URL + "/feed"}}}
	check := func(when string, problems []Problem) {
		t.Helper()
		if len(problems) != 1 {
			t.Fatalf("%s: problems %+v, want one", when, problems)
		}
		for l, want := range map[lang.Lang]string{lang.En: en, lang.Ko: ko} {
			source, cause := Describe(l, problems[0].Err)
			if source != srv.URL+"/feed" || !strings.HasPrefix(cause, want) {
				t.Errorf("%s %v: %q: %q, want %q", when, l, source, cause, want)
			}
		}
	}
	check("live", l.Prepare(ctx, src))
	check("stored", l.Prepare(ctx, src)) // not due again: its last failure
	infos, err := l.FeedInfos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	info := infos[srv.URL+"/feed"]
	for l, want := range map[lang.Lang]string{lang.En: en, lang.Ko: ko} {
		if got := StoredCause(l, info); got != want {
			t.Errorf("StoredCause(%v) = %q, want %q", l, got, want)
		}
	}
}
