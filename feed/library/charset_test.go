package library

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/korean"

	"sokbo/feed"
	"sokbo/feed/fetch"
	"sokbo/render/lang"
)

// TestRefreshNotesMislabelled: a fetched feed whose bytes are CP949 but
// whose header says UTF-8 is read right, and Warn is told once, naming
// the feed, however many rounds fetch it; a feed labelled right is not
// mentioned.
func TestRefreshNotesMislabelled(t *testing.T) {
	const title = "속보: 코드 잘못 선언"
	body, err := korean.EUCKR.NewEncoder().String(`<?xml version="1.0"?><rss version="2.0"><channel><title>피드</title>` +
		`<item><title>` + title + `</title><link>https://example.com/1</link></item></channel></rss>`)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		charset := "utf-8"
		if r.URL.Path == "/right.xml" {
			charset = "euc-kr"
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset="+charset)
		w.Write([]byte(body))
	}))
	defer srv.Close()
	l, warnings := warnedLibrary(t)
	ctx := context.Background()
	subs := []feed.Subscription{{URL: srv.URL + "/lie.xml"}, {URL: srv.URL + "/right.xml"}}
	for round := range 3 {
		res, err := l.Refresh(ctx, subs, nil)
		if err != nil || res[0].Err != nil || res[1].Err != nil {
			t.Fatalf("round %d: %+v, %v", round, res, err)
		}
	}
	warned := warnings()
	if len(warned) != 1 {
		t.Fatalf("warned %d times, want once: %v", len(warned), warned)
	}
	var me *fetch.MislabelledError
	if !errors.As(warned[0], &me) || me.By != fetch.DeclaredHeader {
		t.Errorf("warning %v, want a MislabelledError by the header", warned[0])
	}
	for l, want := range map[lang.Lang]string{
		lang.En: srv.URL + "/lie.xml: read as CP949 (EUC-KR): declared UTF-8 by the Content-Type header but is not",
		lang.Ko: srv.URL + "/lie.xml: CP949(EUC-KR)로 읽음: HTTP 헤더에는 UTF-8로 되어 있으나 UTF-8이 아님",
	} {
		source, cause := Describe(l, warned[0])
		if got := source + ": " + cause; got != want {
			t.Errorf("%v: %q, want %q", l, got, want)
		}
	}
	var got []string
	if _, err := l.Each(ctx, Sources{Feeds: subs}, func(e *Entry) error {
		got = append(got, e.Title)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != title || got[1] != title {
		t.Errorf("titles %q, want %q twice", got, title)
	}
}

// TestRefreshNotesUnknownCharset: a fetched feed of UTF-8 whose header
// names a charset no one knows is read as UTF-8, and Warn is told once,
// naming the feed and the label, however many rounds fetch it; a feed
// large enough for the parse that checks as it goes says it too.
func TestRefreshNotesUnknownCharset(t *testing.T) {
	const title = "속보: 모르는 문자 인코딩"
	item := `<item><title>` + title + `</title><link>https://example.com/1</link></item>`
	small := `<?xml version="1.0"?><rss version="2.0"><channel><title>피드</title>` + item + `</channel></rss>`
	large := `<?xml version="1.0"?><rss version="2.0"><channel><title>피드</title>` + item +
		strings.Repeat(`<item><title>다른 기사</title><link>https://example.com/2</link><description>`+strings.Repeat("본문 ", 200)+`</description></item>`, 80) +
		`</channel></rss>`
	if len(large) < 64<<10 {
		t.Fatalf("large feed is %d bytes", len(large))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=klingon-9")
		if r.URL.Path == "/large.xml" {
			w.Write([]byte(large))
			return
		}
		w.Write([]byte(small))
	}))
	defer srv.Close()
	l, warnings := warnedLibrary(t)
	ctx := context.Background()
	subs := []feed.Subscription{{URL: srv.URL + "/small.xml"}, {URL: srv.URL + "/large.xml"}}
	for round := range 3 {
		res, err := l.Refresh(ctx, subs, nil)
		if err != nil || res[0].Err != nil || res[1].Err != nil {
			t.Fatalf("round %d: %+v, %v", round, res, err)
		}
	}
	warned := warnings()
	var got []string
	for _, w := range warned {
		source, cause := Describe(lang.En, w)
		got = append(got, source+": "+cause)
	}
	slices.Sort(got)
	want := []string{
		srv.URL + "/large.xml: read as UTF-8: declared klingon-9 by the Content-Type header, a charset sokbo does not know",
		srv.URL + "/small.xml: read as UTF-8: declared klingon-9 by the Content-Type header, a charset sokbo does not know",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(warned) > 0 {
		source, cause := Describe(lang.Ko, warned[0])
		if want := "UTF-8로 읽음: HTTP 헤더에는 klingon-9로 되어 있으나 알 수 없는 문자 인코딩임"; cause != want || !strings.HasPrefix(source, srv.URL) {
			t.Errorf("ko: %q: %q, want %q", source, cause, want)
		}
	}
	var titles []string
	if _, err := l.Each(ctx, Sources{Feeds: subs[:1]}, func(e *Entry) error {
		titles = append(titles, e.Title)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(titles) != 1 || titles[0] != title {
		t.Errorf("titles %q, want %q", titles, title)
	}
}

// TestRefreshSaysCutTitles (QA): a fetched feed whose titles, or own
// name, are over 1 KiB says so, naming the feed, on the refresh that
// stores the cut text, once each, as a file's load does; a refresh the
// server answers 304 stores nothing and says nothing.
func TestRefreshSaysCutTitles(t *testing.T) {
	long := strings.Repeat("가", 2400)
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>` + strings.Repeat("나", 2400) + `</title>` +
		`<item><title>` + long + `1</title><guid>1</guid></item>` +
		`<item><title>` + long + `2</title><guid>2</guid></item>` +
		`<item><title>짧은 제목</title><guid>3</guid></item></channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	l, warnings := warnedLibrary(t)
	subs := []feed.Subscription{{URL: srv.URL + "/long.xml"}}
	for round := range 2 {
		res, err := l.Refresh(context.Background(), subs, nil)
		if err != nil || res[0].Err != nil {
			t.Fatalf("round %d: %+v, %v", round, res, err)
		}
	}
	var said []string
	for _, err := range warnings() {
		source, cause := Describe(lang.Ko, err)
		said = append(said, source+": "+cause)
		_, cause = Describe(lang.En, err)
		said = append(said, cause)
	}
	want := []string{
		srv.URL + "/long.xml: 피드 이름이 1 KiB보다 길어 잘림", "cut the feed's name longer than 1 KiB",
		srv.URL + "/long.xml: 제목 2개가 1 KiB보다 길어 잘림", "cut 2 titles longer than 1 KiB",
	}
	if !slices.Equal(said, want) {
		t.Errorf("said %q\nwant %q", said, want)
	}
}

// warnedLibrary is a library on a cache of its own that paces no fetch
// and keeps what it warns of; warnings returns that so far.
func warnedLibrary(t *testing.T) (l *Library, warnings func() []error) {
	t.Helper()
	var (
		mu     sync.Mutex
		warned []error
	)
	l = New(Options{
		StorePath: filepath.Join(t.TempDir(), "sokbo.db"),
		Pacer:     fetch.NewPacer(fetch.PacerOptions{Gap: -1}),
		Warn: func(err error) {
			mu.Lock()
			warned = append(warned, err)
			mu.Unlock()
		},
	})
	t.Cleanup(func() { l.Close() })
	return l, func() []error {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(warned)
	}
}
