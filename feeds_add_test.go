package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/korean"

	"sokbo/feed/store"
	"sokbo/render"
)

// feedsServer serves the bundled Atom feed at /atom.xml and 404
// elsewhere, on 127.0.0.1, counting requests.
func feedsServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
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
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestFeedsAddFetchesFirst(t *testing.T) {
	srv, hits := feedsServer(t)
	env := testEnv(t)
	feedsLs := func() string {
		t.Helper()
		out, _, _ := sokboEnv(t, env, "feeds", "ls")
		return out
	}

	// A good feed: its title and how many items, fetched into the cache.
	good := srv.URL + "/atom.xml"
	out, stderr, status := sokboEnv(t, env, "feeds", "add", good)
	if status != 0 || stderr != "" || out != "subscribed to 뉴스다오 | 실시간 뉴스 속보 ("+good+"): 6 items\n" {
		t.Errorf("a good feed: %d %q %q", status, out, stderr)
	}
	if list, _, _ := sokboEnv(t, env, "list", "--offline"); strings.Count(list, "\n") != 6 {
		t.Errorf("the fetched items are not in the cache:\n%s", list)
	}
	// Again: said, with the name it is shown by.
	if out, _, _ := sokboEnv(t, env, "feeds", "add", good); out != "already subscribed to "+good+", as 뉴스다오 | 실시간 뉴스 속보\n" {
		t.Errorf("again: %q", out)
	}
	if out, _, _ := sokboEnv(t, env, "--lang", "ko", "feeds", "add", good); out != "이미 구독 중: "+good+" → 뉴스다오 | 실시간 뉴스 속보\n" {
		t.Errorf("again, in Korean: %q", out)
	}

	// A 404, and a page that is no feed on a site with none: said, and
	// not subscribed. (On srv, discovery would find /atom.xml.)
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/page.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><head><title>그냥 페이지</title></head><body>피드 없음</body></html>")
	}))
	t.Cleanup(bare.Close)
	for u, cause := range map[string]string{srv.URL + "/gone.xml": "404", bare.URL + "/page.html": "not a feed"} {
		out, stderr, status := sokboEnv(t, env, "feeds", "add", u)
		if status != 1 || out != "" || !strings.Contains(stderr, cause) || !strings.Contains(stderr, "not subscribed (--force subscribes anyway)") ||
			strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: %d %q %q", u, status, out, stderr)
		}
		noEscapes(t, stderr)
		if strings.Contains(feedsLs(), u) {
			t.Errorf("%s was subscribed:\n%s", u, feedsLs())
		}
	}

	// --force subscribes all the same, and says why it could not fetch.
	gone := srv.URL + "/gone.xml"
	out, stderr, status = sokboEnv(t, env, "feeds", "add", "--force", gone)
	if status != 0 || !strings.Contains(stderr, "404") || out != "subscribed to "+gone+" all the same (--force); `sokbo refresh` tries again\n" {
		t.Errorf("--force: %d %q %q", status, out, stderr)
	}
	if !strings.Contains(feedsLs(), gone) {
		t.Errorf("--force did not subscribe:\n%s", feedsLs())
	}

	// --offline fetches nothing.
	before := hits.Load()
	other := srv.URL + "/other.xml"
	out, _, status = sokboEnv(t, env, "--offline", "feeds", "add", other)
	if status != 0 || hits.Load() != before || out != "subscribed to "+other+"; not fetched (--offline), `sokbo refresh` fetches it\n" {
		t.Errorf("--offline: %d %q, %d requests", status, out, hits.Load()-before)
	}
}

// TestFeedsAddName: --name names the feed in the report and the list.
func TestFeedsAddName(t *testing.T) {
	srv, _ := feedsServer(t)
	env := testEnv(t)
	u := srv.URL + "/atom.xml"
	out, _, status := sokboEnv(t, env, "feeds", "add", u, "--name", "내 속보")
	if status != 0 || out != "subscribed to 내 속보 ("+u+"): 6 items\n" {
		t.Errorf("%d %q", status, out)
	}
	if ls, _, _ := sokboEnv(t, env, "feeds", "ls"); !strings.HasPrefix(ls, "내 속보\t"+u+"\t6\t") {
		t.Errorf("feeds ls:\n%s", ls)
	}
	// A name with an escape sequence in it is reported as it is stored,
	// the whole sequence gone, not its ESC and BEL alone.
	srv2, _ := feedsServer(t)
	u2 := srv2.URL + "/atom.xml"
	out, _, status = sokboEnv(t, env, "feeds", "add", u2, "--name", "이름\x1b]52;c;aGk=\x07X")
	if status != 0 || !strings.HasPrefix(out, "subscribed to 이름X ("+u2+"): ") {
		t.Errorf("a name with OSC 52: %d %q; want it reported as stored, 이름X", status, out)
	}
	if ls, _, _ := sokboEnv(t, env, "feeds", "ls"); !strings.Contains(ls, "\n이름X\t"+u2+"\t") && !strings.HasPrefix(ls, "이름X\t"+u2) {
		t.Errorf("feeds ls:\n%s", ls)
	}
}

func TestFeedsRename(t *testing.T) {
	srv, _ := feedsServer(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("[[feed]]\nname = \"설정 피드\"\nurl = \"https://config.example/rss\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := testEnv(t, "XDG_CONFIG_HOME", dir)
	os.MkdirAll(filepath.Join(dir, "sokbo"), 0o700)
	os.Rename(cfg, filepath.Join(dir, "sokbo", "config.toml"))
	u := srv.URL + "/atom.xml"
	sokboEnv(t, env, "feeds", "add", u)

	out, stderr, status := sokboEnv(t, env, "feeds", "rename", u, "속보 하나")
	if status != 0 || out != "renamed 뉴스다오 | 실시간 뉴스 속보 ("+u+") to 속보 하나\n" {
		t.Errorf("by URL: %d %q %q", status, out, stderr)
	}
	out, _, status = sokboEnv(t, env, "feeds", "rename", "속보 하나", "속보 둘")
	if status != 0 || !strings.HasSuffix(out, "to 속보 둘\n") {
		t.Errorf("by name: %d %q", status, out)
	}
	if ls, _, _ := sokboEnv(t, env, "feeds", "ls"); !strings.Contains(ls, "속보 둘\t"+u) {
		t.Errorf("feeds ls:\n%s", ls)
	}
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"in the config": {[]string{"설정 피드", "다른 이름"}, "is listed in"},
		"unknown":       {[]string{"없는 피드", "이름"}, `no feed "없는 피드"`},
		"empty name":    {[]string{u, " \t"}, "the new name is empty"},
		"one argument":  {[]string{u}, "feeds rename takes a URL or NAME and the new name"},
	} {
		t.Run(name, func(t *testing.T) {
			_, stderr, status := sokboEnv(t, env, append([]string{"feeds", "rename"}, tc.args...)...)
			if status == 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("%d %q", status, stderr)
			}
		})
	}
}

// TestImportKeepsNames: importing an OPML file that names a subscription
// otherwise keeps the subscription's name and says so, one line each.
func TestImportKeepsNames(t *testing.T) {
	srv, _ := feedsServer(t)
	env := testEnv(t)
	u := srv.URL + "/atom.xml"
	sokboEnv(t, env, "feeds", "add", u, "--name", "내 이름")
	path := filepath.Join(t.TempDir(), "subs.opml")
	opml := `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="파일 속 이름" type="rss" xmlUrl="` + u + `"/>
<outline text="새 피드" type="rss" xmlUrl="https://new.example/rss"/>
</body></opml>`
	if err := os.WriteFile(path, []byte(opml), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, status := sokboEnv(t, env, "import", path)
	want := "imported 2 feeds from " + path + ", 1 new, 1 name kept\n" +
		`kept the name "내 이름" for ` + u + " (" + path + ` calls it "파일 속 이름"; sokbo feeds rename changes it)` + "\n"
	if status != 0 || out != want {
		t.Errorf("import: %d %q %q\nwant %q", status, out, stderr, want)
	}
	ls, _, _ := sokboEnv(t, env, "feeds", "ls")
	if !strings.Contains(ls, "내 이름\t"+u) || !strings.Contains(ls, "새 피드\thttps://new.example/rss") {
		t.Errorf("feeds ls:\n%s", ls)
	}
}

// TestImportTakenNames: an OPML outline whose text is the name another
// feed goes by (a subscription, one of the config file, an outline
// before it) is subscribed under a name of its own, told apart as a feed
// of another's title is, and a line says so; feeds ls shows no name
// twice.
func TestImportTakenNames(t *testing.T) {
	for _, tc := range []struct {
		lang, head string
		lines      []string
	}{
		{"en", "imported 5 feeds from %s, 5 new, 4 feeds renamed", []string{
			`named https://garam.example/rss/politics.xml "가람일보 (politics)" (%s calls it "가람일보", the name of https://garam.example/rss/all.xml; sokbo feeds rename changes it)`,
			`named https://garam.example/rss/ "가람일보 (2)" (%s calls it "가람일보", the name of https://garam.example/rss/all.xml; sokbo feeds rename changes it)`,
			`named https://other.example/feed.xml "설정 피드 (2)" (%s calls it "설정 피드", the name of https://config.example/rss; sokbo feeds rename changes it)`,
			`named https://b.example/y.xml "새 이름 (y)" (%s calls it "새 이름", the name of https://a.example/x.xml; sokbo feeds rename changes it)`,
		}},
		{"ko", "%s에서 피드 5개를 가져옴, 새 피드 5개, 피드 4개는 이름을 바꿈", []string{
			`이름을 바꿈: https://garam.example/rss/politics.xml → "가람일보 (politics)" (%s에서는 "가람일보"인데, 이미 https://garam.example/rss/all.xml의 이름임; sokbo feeds rename으로 바꿀 수 있음)`,
			`이름을 바꿈: https://garam.example/rss/ → "가람일보 (2)" (%s에서는 "가람일보"인데, 이미 https://garam.example/rss/all.xml의 이름임; sokbo feeds rename으로 바꿀 수 있음)`,
			`이름을 바꿈: https://other.example/feed.xml → "설정 피드 (2)" (%s에서는 "설정 피드"인데, 이미 https://config.example/rss의 이름임; sokbo feeds rename으로 바꿀 수 있음)`,
			`이름을 바꿈: https://b.example/y.xml → "새 이름 (y)" (%s에서는 "새 이름"인데, 이미 https://a.example/x.xml의 이름임; sokbo feeds rename으로 바꿀 수 있음)`,
		}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			env := testEnv(t)
			cfg := filepath.Join(env("XDG_CONFIG_HOME"), "sokbo", "config.toml")
			if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cfg, []byte("[[feed]]\nname = \"설정 피드\"\nurl = \"https://config.example/rss\"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, stderr, status := sokboEnv(t, env, "--offline", "feeds", "add", "https://garam.example/rss/all.xml", "--name", "가람일보"); status != 0 {
				t.Fatalf("add: %d %q", status, stderr)
			}
			path := filepath.Join(t.TempDir(), "subs.opml")
			opml := `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="가람일보" type="rss" xmlUrl="https://garam.example/rss/politics.xml"/>
<outline text="가람일보" type="rss" xmlUrl="https://garam.example/rss/"/>
<outline text="설정 피드" type="rss" xmlUrl="https://other.example/feed.xml"/>
<outline text="새 이름" type="rss" xmlUrl="https://a.example/x.xml"/>
<outline text="새 이름" type="rss" xmlUrl="https://b.example/y.xml"/>
</body></opml>`
			if err := os.WriteFile(path, []byte(opml), 0o600); err != nil {
				t.Fatal(err)
			}
			out, stderr, status := sokboEnv(t, env, "--lang", tc.lang, "import", path)
			want := fmt.Sprintf(tc.head, path) + "\n"
			for _, l := range tc.lines {
				want += fmt.Sprintf(l, path) + "\n"
			}
			if status != 0 || out != want || stderr != "" {
				t.Errorf("import: %d %q\n%s\nwant\n%s", status, stderr, out, want)
			}
			ls, _, _ := sokboEnv(t, env, "feeds", "ls")
			var names []string
			for _, line := range strings.Split(strings.TrimSuffix(ls, "\n"), "\n") {
				n, _, _ := strings.Cut(line, "\t")
				names = append(names, n)
			}
			wantNames := []string{"가람일보", "가람일보 (2)", "가람일보 (politics)", "새 이름", "새 이름 (y)", "설정 피드", "설정 피드 (2)"}
			if slices.Sort(names); !slices.Equal(names, wantNames) {
				t.Errorf("feeds ls names %q, want %q", names, wantNames)
			}
		})
	}
}

// TestFeedsLsColumns: a header and aligned columns on a terminal, tabs
// and no header when piped, eight fields, MUTED last (0 without rules).
func TestFeedsLsColumns(t *testing.T) {
	srv, _ := feedsServer(t)
	env := testEnv(t)
	u := srv.URL + "/atom.xml"
	sokboEnv(t, env, "feeds", "add", u, "--name", "한글 이름")
	piped, _, _ := sokboEnv(t, env, "feeds", "ls")
	if strings.Contains(piped, "NAME") || !strings.HasPrefix(piped, "한글 이름\t"+u+"\t6\t6\t") || strings.Count(piped, "\t") != 7 || !strings.HasSuffix(piped, "\t0\n") {
		t.Errorf("piped:\n%q", piped)
	}
	// SIZE in bytes and FETCHED as a time, for scripts (QA: "just now").
	if f := strings.Split(piped, "\t"); len(f) == 8 {
		if n, err := strconv.ParseInt(f[4], 10, 64); err != nil || n <= 0 {
			t.Errorf("piped SIZE %q, want bytes", f[4])
		}
		if at, err := time.Parse(time.RFC3339, f[5]); err != nil || time.Since(at) > time.Hour {
			t.Errorf("piped FETCHED %q, want the time of the fetch (RFC 3339): %v", f[5], err)
		}
	}
	var out, errb bytes.Buffer
	std := &streams{in: strings.NewReader(""), out: &out, err: &errb, env: env, outTTY: true, width: 120, height: 40}
	if status := run(context.Background(), []string{"feeds", "ls"}, std); status != 0 {
		t.Fatal(errb.String())
	}
	lines := strings.Split(out.String(), "\n")
	if !strings.HasPrefix(lines[0], "NAME") || strings.Contains(out.String(), "\t") || !strings.HasPrefix(lines[1], "한글 이름  ") {
		t.Errorf("on a terminal:\n%s", out.String())
	}
	// Narrow terminals: every line fits, and the address is whole.
	for _, w := range []int{40, 60} {
		for _, l := range []string{"en", "ko"} {
			out.Reset()
			std.width = w
			if status := run(context.Background(), []string{"--lang", l, "feeds", "ls"}, std); status != 0 {
				t.Fatal(errb.String())
			}
			for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
				if render.Width(line) > w {
					t.Errorf("%s at %d: %q is %d cells", l, w, line, render.Width(line))
				}
			}
			if !strings.Contains(out.String(), u) || !strings.HasPrefix(out.String(), "한글 이름\n") {
				t.Errorf("%s at %d:\n%s", l, w, out.String())
			}
		}
	}
}

// TestFeedsAddSpellings: an empty query is the same feed, so adding it
// again changes nothing; a doubled slash is kept apart (servers may serve
// another resource there).
func TestFeedsAddSpellings(t *testing.T) {
	srv, _ := feedsServer(t)
	env := testEnv(t)
	u := srv.URL + "/atom.xml"
	if _, stderr, status := sokboEnv(t, env, "feeds", "add", u); status != 0 {
		t.Fatalf("add: %d %q", status, stderr)
	}
	for _, again := range []string{u + "?", u + "?#top", strings.Replace(u, "http://", "HTTP://", 1) + "?"} {
		out, stderr, status := sokboEnv(t, env, "feeds", "add", again)
		if status != 0 || !strings.Contains(out, "already") {
			t.Errorf("add %s: %d %q %q", again, status, out, stderr)
		}
	}
	ls, _, _ := sokboEnv(t, env, "feeds", "ls")
	if n := strings.Count(ls, "\n"); n != 1 {
		t.Errorf("feeds ls has %d rows:\n%s", n, ls)
	}
}

// TestFeedsRenameTaken: a rename to the name another feed is shown by is
// refused with one line naming it; a name with terminal controls is
// echoed as stored, not as typed.
func TestFeedsRenameTaken(t *testing.T) {
	srv, _ := feedsServer(t)
	env := testEnv(t)
	u, v := srv.URL+"/atom.xml", srv.URL+"/atom.xml?edition=2"
	for _, x := range []string{u, v} {
		if _, stderr, status := sokboEnv(t, env, "feeds", "add", x); status != 0 {
			t.Fatalf("add %s: %d %q", x, status, stderr)
		}
	}
	if _, stderr, status := sokboEnv(t, env, "feeds", "rename", u, "속보 하나"); status != 0 {
		t.Fatalf("rename: %d %q", status, stderr)
	}
	out, stderr, status := sokboEnv(t, env, "feeds", "rename", v, "속보 하나")
	want := `feeds rename: "속보 하나" is already the name of ` + u + "\n"
	if status != 1 || out != "" || !strings.HasSuffix(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("taken: %d %q %q, want %q", status, out, stderr, want)
	}
	// Renaming a feed to its own name is no conflict.
	if _, stderr, status := sokboEnv(t, env, "feeds", "rename", u, "속보 하나"); status != 0 {
		t.Errorf("same name: %d %q", status, stderr)
	}
	out, stderr, status = sokboEnv(t, env, "feeds", "rename", v, "둘\x1b[31m빨강\x1b[0m")
	if status != 0 {
		t.Fatalf("escape: %d %q", status, stderr)
	}
	noEscapes(t, out)
	ls, _, _ := sokboEnv(t, env, "feeds", "ls")
	var stored string
	for _, line := range strings.Split(ls, "\n") {
		if name, rest, ok := strings.Cut(line, "\t"); ok && strings.HasPrefix(rest, v+"\t") {
			stored = name
		}
	}
	if stored == "" || !strings.HasSuffix(out, " to "+stored+"\n") {
		t.Errorf("echoed %q, stored %q", out, stored)
	}
}

// pageServer serves the bundled Atom feed at /feed.xml and at
// /rss/allArticle.xml, a page announcing /feed.xml at /page.html, and a
// page announcing nothing at /bare.html, whose feed is found at the
// first of the usual paths. /moved redirects to /feed.xml for good
// (301), /temp for now (302), and /hop for good to /temp.
func pageServer(t *testing.T) *httptest.Server {
	t.Helper()
	body, err := os.ReadFile("testdata/atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml", "/rss/allArticle.xml":
			w.Header().Set("Content-Type", "application/atom+xml")
			w.Write(body)
		case "/page.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><title>페이지</title><link rel="alternate" type="application/atom+xml" href="/feed.xml"></head><body>기사</body></html>`)
		case "/bare.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><title>맨 페이지</title></head><body>기사</body></html>`)
		case "/moved":
			http.Redirect(w, r, "/feed.xml", http.StatusMovedPermanently)
		case "/temp":
			http.Redirect(w, r, "/feed.xml", http.StatusFound)
		case "/hop":
			http.Redirect(w, r, "/temp", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// markItems reads item 1 of feedURL and stars item 2, as the reader
// would, in the cache at db.
func markItems(t *testing.T, db, feedURL string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SetRead(ctx, feedURL, "https://newsdao.kr/4085", true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(ctx, feedURL, "https://newsdao.kr/4082", true); err != nil {
		t.Fatal(err)
	}
}

// marked is what `list --json` shows read or starred, one line each.
func marked(t *testing.T, env func(string) string, db string) string {
	t.Helper()
	out, stderr, status := sokboEnv(t, env, "--db", db, "--offline", "list", "--json")
	if status != 0 {
		t.Fatalf("list: %d %q", status, stderr)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var it struct {
			ID            string
			Read, Starred bool
		}
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatalf("%v: %q", err, line)
		}
		if it.Read || it.Starred {
			got = append(got, fmt.Sprintf("%s read=%v starred=%v", it.ID, it.Read, it.Starred))
		}
	}
	return strings.Join(got, "\n")
}

const wantMarks = "https://newsdao.kr/4085 read=true starred=false\nhttps://newsdao.kr/4082 read=false starred=true"

// TestFeedsAddPageOfSubscribedFeed: a page whose feed, once discovered,
// is subscribed already is that subscription: adding it says so, naming
// it, or renames it with --name and says that; nothing is stored twice,
// and no mark is lost.
func TestFeedsAddPageOfSubscribedFeed(t *testing.T) {
	srv := pageServer(t)
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "r6.db")
	feedURL, page, bare, usual := srv.URL+"/feed.xml", srv.URL+"/page.html", srv.URL+"/bare.html", srv.URL+"/rss/allArticle.xml"
	sokbo := func(args ...string) (string, string, int) {
		t.Helper()
		return sokboEnv(t, env, append([]string{"--db", db}, args...)...)
	}
	if _, stderr, status := sokbo("feeds", "add", feedURL); status != 0 {
		t.Fatalf("add: %d %q", status, stderr)
	}
	markItems(t, db, feedURL)

	out, stderr, status := sokbo("feeds", "add", page)
	if want := "already subscribed to " + page + ", as 뉴스다오 | 실시간 뉴스 속보 (" + feedURL + ")\n"; status != 0 || out != want || stderr != "" {
		t.Errorf("page: %d %q %q, want %q", status, out, stderr, want)
	}
	out, stderr, status = sokbo("feeds", "add", page, "--name", "P")
	if want := "renamed 뉴스다오 | 실시간 뉴스 속보 (" + feedURL + ") to P\n"; status != 0 || out != want || stderr != "" {
		t.Errorf("page --name: %d %q %q, want %q", status, out, stderr, want)
	}
	out, stderr, status = sokbo("--lang", "ko", "feeds", "add", feedURL, "--name", "다른이름")
	if want := "이름을 바꿈: P (" + feedURL + ") → 다른이름\n"; status != 0 || out != want || stderr != "" {
		t.Errorf("--name on the feed itself: %d %q %q, want %q", status, out, stderr, want)
	}
	out, _, _ = sokbo("--lang", "ko", "feeds", "add", page)
	if want := "이미 구독 중: " + page + " → 다른이름 (" + feedURL + ")\n"; out != want {
		t.Errorf("page in Korean: %q, want %q", out, want)
	}
	if got := marked(t, env, db); got != wantMarks {
		t.Errorf("marks:\n%s\nwant\n%s", got, wantMarks)
	}
	if ls, _, _ := sokbo("feeds", "ls"); strings.Count(ls, "\n") != 1 || !strings.HasPrefix(ls, "다른이름\t"+feedURL+"\t6\t5\t") {
		t.Errorf("feeds ls:\n%s", ls)
	}

	// A page that announces nothing, whose feed is found at a usual path.
	if _, stderr, status := sokbo("feeds", "add", usual, "--name", "전체기사"); status != 0 {
		t.Fatalf("add %s: %d %q", usual, status, stderr)
	}
	out, _, status = sokbo("feeds", "add", bare)
	if want := "already subscribed to " + bare + ", as 전체기사 (" + usual + ")\n"; status != 0 || out != want {
		t.Errorf("bare page: %d %q, want %q", status, out, want)
	}
	ls, _, _ := sokbo("feeds", "ls")
	if strings.Count(ls, "\n") != 2 || strings.Contains(ls, page) || strings.Contains(ls, bare) {
		t.Errorf("feeds ls:\n%s", ls)
	}

	out, _, status = sokbo("feeds", "rm", "전체기사")
	if status != 0 || out != "removed "+usual+" and its 6 cached items\n" {
		t.Errorf("rm: %d %q", status, out)
	}
	if got := marked(t, env, db); got != wantMarks {
		t.Errorf("marks after rm:\n%s\nwant\n%s", got, wantMarks)
	}
	// Removing the feed that holds the star says the star goes with it.
	out, _, status = sokbo("feeds", "rm", "다른이름")
	if want := "removed " + feedURL + " and its 6 cached items, 1 of them starred\n"; status != 0 || out != want {
		t.Errorf("rm of the starred feed: %d %q, want %q", status, out, want)
	}
}

// TestFeedsDuplicateSubscriptionsRepaired: a cache in which an older
// sokbo subscribed to a page whose feed was subscribed already, each
// with marks of its own, lists the feed once, under one name whatever
// the order of names, and the first write joins the two with all their
// marks.
func TestFeedsDuplicateSubscriptionsRepaired(t *testing.T) {
	srv := pageServer(t)
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "old.db")
	feedURL, page := srv.URL+"/feed.xml", srv.URL+"/page.html"
	sokbo := func(args ...string) (string, string, int) {
		t.Helper()
		return sokboEnv(t, env, append([]string{"--db", db}, args...)...)
	}
	if _, stderr, status := sokbo("feeds", "add", feedURL); status != 0 {
		t.Fatalf("add: %d %q", status, stderr)
	}
	markItems(t, db, feedURL)
	// What an older sokbo did with `feeds add PAGE --name P`: the page
	// fetched into a row of its own, subscribed, and a star made there.
	if _, stderr, status := sokbo("list", page); status != 0 {
		t.Fatalf("list %s: %d %q", page, status, stderr)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"P", "하나"} { // before the feed's title, then after
		if err := st.Subscribe(ctx, page, name); err != nil {
			t.Fatal(err)
		}
		if f, err := st.Feed(ctx, page); err != nil || f.FeedURL != feedURL || f.Items != 6 {
			t.Fatalf("the page's row: %+v, %v", f, err)
		}
		st.Close()
		for range 2 {
			if ls, _, _ := sokbo("feeds", "ls"); strings.Count(ls, "\n") != 1 || !strings.HasPrefix(ls, name+"\t"+feedURL+"\t6\t5\t") {
				t.Errorf("feeds ls with the page named %s:\n%s", name, ls)
			}
		}
		if st, err = store.Open(ctx, store.Options{Path: db}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetStarred(ctx, page, "https://newsdao.kr/4079", true); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// The first write joins them.
	if _, stderr, status := sokbo("refresh"); status != 0 {
		t.Fatalf("refresh: %d %q", status, stderr)
	}
	want := wantMarks + "\nhttps://newsdao.kr/4079 read=false starred=true"
	if got := marked(t, env, db); got != want {
		t.Errorf("marks:\n%s\nwant\n%s", got, want)
	}
	if st, err = store.Open(ctx, store.Options{Path: db}); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if feeds, err := st.Feeds(ctx); err != nil || len(feeds) != 1 || feeds[0].URL != feedURL || feeds[0].Name != "하나" {
		t.Errorf("feeds after the repair: %+v, %v", feeds, err)
	}
}

// TestFeedsAddRedirectToSubscribedFeed: an address that redirects to a
// feed subscribed already, for good or for now, is that subscription, as
// a page of it is: adding it says so and stores nothing twice, and no
// mark is lost. A feed subscribed at an address that moved for good is
// the subscription of the address it moved to.
func TestFeedsAddRedirectToSubscribedFeed(t *testing.T) {
	srv := pageServer(t)
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "redirect.db")
	feedURL := srv.URL + "/feed.xml"
	sokbo := func(args ...string) (string, string, int) {
		t.Helper()
		return sokboEnv(t, env, append([]string{"--db", db}, args...)...)
	}
	if _, stderr, status := sokbo("feeds", "add", feedURL); status != 0 {
		t.Fatalf("add: %d %q", status, stderr)
	}
	markItems(t, db, feedURL)
	for _, path := range []string{"/moved", "/temp", "/hop"} {
		u := srv.URL + path
		out, stderr, status := sokbo("feeds", "add", u)
		if want := "already subscribed to " + u + ", as 뉴스다오 | 실시간 뉴스 속보 (" + feedURL + ")\n"; status != 0 || out != want || stderr != "" {
			t.Errorf("%s: %d %q %q, want %q", path, status, out, stderr, want)
		}
	}
	out, _, _ := sokbo("--lang", "ko", "feeds", "add", srv.URL+"/moved")
	if want := "이미 구독 중: " + srv.URL + "/moved → 뉴스다오 | 실시간 뉴스 속보 (" + feedURL + ")\n"; out != want {
		t.Errorf("in Korean: %q, want %q", out, want)
	}
	if got := marked(t, env, db); got != wantMarks {
		t.Errorf("marks:\n%s\nwant\n%s", got, wantMarks)
	}
	storedFeeds := func(db string) []string {
		t.Helper()
		st, err := store.Open(context.Background(), store.Options{Path: db})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		feeds, err := st.Feeds(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, f := range feeds {
			urls = append(urls, fmt.Sprintf("%s subscribed=%v", f.URL, f.Subscribed))
		}
		return urls
	}
	if got, want := storedFeeds(db), []string{feedURL + " subscribed=true"}; !slices.Equal(got, want) {
		t.Errorf("stored feeds %q, want %q", got, want)
	}

	// The other way round: subscribed at the address that moved, the
	// feed it moved to is that subscription.
	db2 := filepath.Join(t.TempDir(), "moved-first.db")
	moved := srv.URL + "/moved"
	if _, stderr, status := sokboEnv(t, env, "--db", db2, "feeds", "add", moved); status != 0 {
		t.Fatalf("add %s: %d %q", moved, status, stderr)
	}
	out, stderr, status := sokboEnv(t, env, "--db", db2, "feeds", "add", feedURL)
	if want := "already subscribed to " + feedURL + ", as 뉴스다오 | 실시간 뉴스 속보 (" + moved + ")\n"; status != 0 || out != want {
		t.Errorf("the feed after the address that moved: %d %q %q, want %q", status, out, stderr, want)
	}
	if got, want := storedFeeds(db2), []string{moved + " subscribed=true"}; !slices.Equal(got, want) {
		t.Errorf("stored feeds %q, want %q", got, want)
	}
}

// TestImportedRedirectJoined: two subscriptions an OPML file brings in,
// one at an address that moved for good to the other, are one feed once
// a refresh has seen the move: the next write joins them, with the
// marks of both.
func TestImportedRedirectJoined(t *testing.T) {
	srv := pageServer(t)
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "import.db")
	feedURL, moved := srv.URL+"/feed.xml", srv.URL+"/moved"
	sokbo := func(args ...string) (string, string, int) {
		t.Helper()
		return sokboEnv(t, env, append([]string{"--db", db}, args...)...)
	}
	path := filepath.Join(t.TempDir(), "subs.opml")
	opml := `<opml version="2.0"><body><outline text="피드" xmlUrl="` + feedURL + `"/><outline text="옮긴 곳" xmlUrl="` + moved + `"/></body></opml>`
	if err := os.WriteFile(path, []byte(opml), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, status := sokbo("import", path); status != 0 {
		t.Fatalf("import: %d %q", status, stderr)
	}
	if _, stderr, status := sokbo("refresh"); status != 0 {
		t.Fatalf("refresh: %d %q", status, stderr)
	}
	markItems(t, db, feedURL)
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	if f, err := st.Feed(ctx, moved); err != nil || f.FeedURL != feedURL || !f.Subscribed {
		t.Fatalf("the moved address's row: %+v, %v", f, err)
	}
	if err := st.SetStarred(ctx, moved, "https://newsdao.kr/4079", true); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if ls, _, _ := sokbo("feeds", "ls"); strings.Count(ls, "\n") != 1 || !strings.HasPrefix(ls, "피드\t"+feedURL+"\t") {
		t.Errorf("feeds ls:\n%s", ls)
	}
	if _, stderr, status := sokbo("refresh"); status != 0 {
		t.Fatalf("refresh: %d %q", status, stderr)
	}
	want := wantMarks + "\nhttps://newsdao.kr/4079 read=false starred=true"
	if got := marked(t, env, db); got != want {
		t.Errorf("marks:\n%s\nwant\n%s", got, want)
	}
	if st, err = store.Open(ctx, store.Options{Path: db}); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if feeds, err := st.Feeds(ctx); err != nil || len(feeds) != 1 || feeds[0].URL != feedURL || feeds[0].Name != "피드" {
		t.Errorf("feeds after the repair: %+v, %v", feeds, err)
	}
}

// TestConfigFeedJoinsStoredSubscription: a subscription the cache holds
// that is a feed the config file comes to list (here a page whose feed
// it is) is joined to the config's on the first write, with its items
// and marks, as two subscriptions of one feed in the cache are; the feed
// is listed once, by the config's name, and stays subscribed when the
// file stops listing it, since the user subscribed to it.
func TestConfigFeedJoinsStoredSubscription(t *testing.T) {
	srv := pageServer(t)
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "config.db")
	feedURL, page := srv.URL+"/feed.xml", srv.URL+"/page.html"
	sokbo := func(args ...string) (string, string, int) {
		t.Helper()
		return sokboEnv(t, env, append([]string{"--db", db}, args...)...)
	}
	if _, stderr, status := sokbo("feeds", "add", page, "--name", "페이지"); status != 0 {
		t.Fatalf("add: %d %q", status, stderr)
	}
	markItems(t, db, page)
	cfg := filepath.Join(env("XDG_CONFIG_HOME"), "sokbo", "config.toml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte("[[feed]]\nname = \"설정 피드\"\nurl = \""+feedURL+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if ls, _, _ := sokbo("feeds", "ls"); strings.Count(ls, "\n") != 1 || !strings.HasPrefix(ls, "설정 피드\t"+feedURL+"\t") {
		t.Errorf("feeds ls with the config:\n%s", ls)
	}
	if _, stderr, status := sokbo("refresh"); status != 0 {
		t.Fatalf("refresh: %d %q", status, stderr)
	}
	if got := marked(t, env, db); got != wantMarks {
		t.Errorf("marks:\n%s\nwant\n%s", got, wantMarks)
	}
	if ls, _, _ := sokbo("feeds", "ls"); strings.Count(ls, "\n") != 1 || !strings.HasPrefix(ls, "설정 피드\t"+feedURL+"\t6\t5\t") {
		t.Errorf("feeds ls after the join:\n%s", ls)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	feeds, err := st.Feeds(ctx)
	st.Close()
	if err != nil || len(feeds) != 1 || feeds[0].URL != feedURL || !feeds[0].Subscribed || feeds[0].Name != "설정 피드" {
		t.Fatalf("feeds after the join: %+v, %v", feeds, err)
	}

	if err := os.Remove(cfg); err != nil {
		t.Fatal(err)
	}
	if ls, _, _ := sokbo("feeds", "ls"); strings.Count(ls, "\n") != 1 || !strings.HasPrefix(ls, "설정 피드\t"+feedURL+"\t6\t5\t") {
		t.Errorf("feeds ls without the config:\n%s", ls)
	}
}

// TestImportNotWellFormed: an OPML file whose elements do not nest is
// refused whole, in one line naming the file, the line and the cause,
// and nothing of it is imported; a well-formed file with no feed says it
// holds none rather than "imported 0 feeds". Both exit 1, in either
// language.
func TestImportNotWellFormed(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	const head = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">\n<head><title>x</title></head>\n<body>\n"
	first := write("first.opml", head+`<outline text="첫 피드" type="rss" xmlUrl="https://first.example/rss"/>`+"\n</body>\n</opml>\n")
	stray := write("stray.opml", head+"</outline>\n"+`<outline text="B" type="rss" xmlUrl="https://b.example/rss"/>`+"\n</body>\n</opml>\n")
	noBody := write("nobody.opml", head+`<outline text="C" type="rss" xmlUrl="https://c.example/rss"/>`+"\n</opml>\n")
	empty := write("empty.opml", head+"<outline text=\"빈 폴더\"></outline>\n</body>\n</opml>\n")
	for _, tc := range []struct {
		locale                 string
		stray, noBody, noFeeds string
	}{
		{"C.UTF-8", "not an OPML file: line 5: </outline> closes no open element",
			"not an OPML file: line 4: <body> is not closed before </opml> on line 6", "an OPML file with no feeds in it"},
		{"ko_KR.UTF-8", "OPML 파일이 아님: 5번째 줄: 여는 태그 없는 닫는 태그 </outline>",
			"OPML 파일이 아님: 4번째 줄: 6번째 줄의 </opml> 앞까지 닫히지 않은 <body>", "피드가 하나도 없는 OPML 파일"},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			env := testEnv(t, "LANG", tc.locale)
			if _, stderr, status := sokboEnv(t, env, "import", first); status != 0 {
				t.Fatalf("import %s: %d %q", first, status, stderr)
			}
			before, _, _ := sokboEnv(t, env, "feeds", "ls")
			for path, cause := range map[string]string{stray: tc.stray, noBody: tc.noBody, empty: tc.noFeeds} {
				out, stderr, status := sokboEnv(t, env, "import", path)
				if want := "sokbo: " + path + ": " + cause + "\n"; status != 1 || out != "" || stderr != want {
					t.Errorf("import %s: %d %q %q\nwant 1, %q", path, status, out, stderr, want)
				}
			}
			if after, _, _ := sokboEnv(t, env, "feeds", "ls"); after != before {
				t.Errorf("a refused file changed the subscriptions:\n%s\nwas\n%s", after, before)
			}
		})
	}
}

// TestFeedsAddNameTaken: feeds add --name refuses the name another feed
// is shown by, in the words a rename to it gets, and subscribes nothing;
// an empty --name is refused, where no --name keeps the feed's title.
func TestFeedsAddNameTaken(t *testing.T) {
	srv, _ := feedsServer(t)
	env := testEnv(t)
	u, v, w := srv.URL+"/atom.xml", srv.URL+"/atom.xml?edition=2", srv.URL+"/atom.xml?edition=3"
	if _, stderr, status := sokboEnv(t, env, "feeds", "add", u, "--name", "속보 하나"); status != 0 {
		t.Fatalf("add %s: %d %q", u, status, stderr)
	}
	// w is shown by its title.
	if _, stderr, status := sokboEnv(t, env, "feeds", "add", w); status != 0 {
		t.Fatalf("add %s: %d %q", w, status, stderr)
	}
	for name, tc := range map[string]struct {
		args  []string
		taken string // the feed that has the name
	}{
		"fetched": {[]string{"feeds", "add", v, "--name", "속보 하나"}, u},
		"offline": {[]string{"--offline", "feeds", "add", v, "--name", "속보 하나"}, u},
		"a title": {[]string{"feeds", "add", v, "--name", "뉴스다오 | 실시간 뉴스 속보"}, w},
	} {
		t.Run(name, func(t *testing.T) {
			out, stderr, status := sokboEnv(t, env, tc.args...)
			want := "sokbo: feeds add: " + strconv.Quote(tc.args[len(tc.args)-1]) + " is already the name of " + tc.taken + "\n"
			if status != 1 || out != "" || stderr != want {
				t.Errorf("%d %q %q, want %q", status, out, stderr, want)
			}
			if ls, _, _ := sokboEnv(t, env, "feeds", "ls"); strings.Contains(ls, v) {
				t.Errorf("subscribed all the same:\n%s", ls)
			}
		})
	}
	// A rename by the name is still one feed's.
	if out, stderr, status := sokboEnv(t, env, "feeds", "rename", "속보 하나", "속보 둘"); status != 0 || !strings.HasSuffix(out, "to 속보 둘\n") {
		t.Errorf("rename by name: %d %q %q", status, out, stderr)
	}

	for _, name := range []string{"", " \t", "\x1b[31m"} {
		for l, want := range map[string]string{
			"en": "sokbo: feeds add: --name is empty; leave it out to keep the feed's title\n",
			"ko": "sokbo: feeds add: --name 값이 비어 있음; 피드 제목을 그대로 쓰려면 --name을 빼세요\n",
		} {
			out, stderr, status := sokboEnv(t, env, "--lang", l, "feeds", "add", v, "--name", name)
			if status != 1 || out != "" || stderr != want {
				t.Errorf("--name %q in %s: %d %q %q, want %q", name, l, status, out, stderr, want)
			}
		}
	}
	if ls, _, _ := sokboEnv(t, env, "feeds", "ls"); strings.Contains(ls, v) {
		t.Errorf("an empty --name subscribed:\n%s", ls)
	}
	out, stderr, status := sokboEnv(t, env, "feeds", "add", v)
	if status != 0 || !strings.HasPrefix(out, "subscribed to ") {
		t.Errorf("no --name: %d %q %q", status, out, stderr)
	}
}

// TestFeedsNameAsTyped: a name typed on the command line is plain text,
// not HTML: its tags and entities stay as typed, in the report and in
// feeds ls; control characters still go, and one with nothing else is
// empty.
func TestFeedsNameAsTyped(t *testing.T) {
	srv, _ := feedsServer(t)
	env := testEnv(t)
	u, v := srv.URL+"/atom.xml", srv.URL+"/atom.xml?edition=2"
	stored := func(url string) string {
		t.Helper()
		ls, _, _ := sokboEnv(t, env, "feeds", "ls")
		for _, line := range strings.Split(ls, "\n") {
			if name, rest, ok := strings.Cut(line, "\t"); ok && strings.HasPrefix(rest, url+"\t") {
				return name
			}
		}
		t.Fatalf("%s is not in feeds ls:\n%s", url, ls)
		return ""
	}
	out, stderr, status := sokboEnv(t, env, "feeds", "add", u, "--name", "AT&T <b>굵게</b> 1<2")
	if status != 0 || out != "subscribed to AT&T <b>굵게</b> 1<2 ("+u+"): 6 items\n" || stored(u) != "AT&T <b>굵게</b> 1<2" {
		t.Errorf("add --name: %d %q %q, stored %q", status, out, stderr, stored(u))
	}
	sokboEnv(t, env, "feeds", "add", v)
	for _, name := range []string{"<script>x</script>", `a"<b>&c`, "&amp; &lt;i&gt;", "AT&T <b>굵게</b> 1<2 "} {
		want := strings.TrimSpace(name)
		out, stderr, status := sokboEnv(t, env, "feeds", "rename", v, name)
		if want == "AT&T <b>굵게</b> 1<2" {
			// u has it: taken, as typed.
			if status != 1 || !strings.Contains(stderr, "is already the name of "+u) {
				t.Errorf("rename to %q: %d %q %q, want it taken", name, status, out, stderr)
			}
			continue
		}
		if status != 0 || !strings.HasSuffix(out, " to "+want+"\n") || stored(v) != want {
			t.Errorf("rename to %q: %d %q %q, stored %q", name, status, out, stderr, stored(v))
		}
	}
	out, stderr, status = sokboEnv(t, env, "feeds", "rename", v, "\u200b\x1b[1m\u202e")
	if status != 1 || !strings.Contains(stderr, "the new name is empty") {
		t.Errorf("only invisible characters: %d %q %q", status, out, stderr)
	}
	out, _, _ = sokboEnv(t, env, "feeds", "rename", v, "이름\u200b\x1b[1m<i>")
	if !strings.HasSuffix(out, " to 이름<i>\n") || stored(v) != "이름<i>" {
		t.Errorf("controls go, the rest stays: %q, stored %q", out, stored(v))
	}
}

// TestFeedNameBounded: a name is cut as a title is, at a character
// boundary with "…", wherever it enters: an OPML file's 6 MB title,
// --name and feeds rename.
func TestFeedNameBounded(t *testing.T) {
	srv, _ := feedsServer(t)
	env := testEnv(t)
	long := strings.Repeat("가", 2_000_000)
	path := filepath.Join(t.TempDir(), "long.opml")
	doc := `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="` + long + `" xmlUrl="https://long.example/rss"/></body></opml>`
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, status := sokboEnv(t, env, "import", path); status != 0 {
		t.Fatalf("import: %d %q", status, stderr)
	}
	u := srv.URL + "/atom.xml"
	if _, stderr, status := sokboEnv(t, env, "--offline", "feeds", "add", u, "--name", "나"+long); status != 0 {
		t.Fatalf("add: %d %q", status, stderr)
	}
	v := srv.URL + "/atom.xml?edition=2"
	sokboEnv(t, env, "--offline", "feeds", "add", v)
	if _, stderr, status := sokboEnv(t, env, "feeds", "rename", v, "다"+long); status != 0 {
		t.Fatalf("rename: %d %q", status, stderr)
	}
	ls, _, _ := sokboEnv(t, env, "feeds", "ls")
	names := map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(ls, "\n"), "\n") {
		name, rest, _ := strings.Cut(line, "\t")
		url, _, _ := strings.Cut(rest, "\t")
		names[url] = name
	}
	for url, first := range map[string]string{"https://long.example/rss": "가", u: "나", v: "다"} {
		name := names[url]
		if len(name) > 1100 || !strings.HasPrefix(name, first+"가가") || !strings.HasSuffix(name, "가…") || !utf8.ValidString(name) {
			t.Errorf("%s: a name of %d bytes: %.40q…%q", url, len(name), name, name[max(0, len(name)-12):])
		}
	}

	// And a config file's.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sokbo"), 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := "[[feed]]\nname = \"" + strings.Repeat("라", 100_000) + "\"\nurl = \"https://config.example/rss\"\n"
	if err := os.WriteFile(filepath.Join(dir, "sokbo", "config.toml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	ls, stderr, _ := sokboEnv(t, testEnv(t, "XDG_CONFIG_HOME", dir), "feeds", "ls")
	name, _, _ := strings.Cut(ls, "\t")
	if len(name) > 1100 || !strings.HasSuffix(name, "라…") {
		t.Errorf("the config file's name: %d bytes, %q", len(name), stderr)
	}
}

// TestImportSaysSkipped (QA): every outline import does not subscribe is
// named on a line of its own, and counted: a url for want of an xmlUrl
// is the address, one with only a site's page or nothing is skipped, as
// is one whose feed an earlier entry is, however it is spelt.
func TestImportSaysSkipped(t *testing.T) {
	env := testEnv(t)
	path := filepath.Join(t.TempDir(), "subs.opml")
	doc := `<?xml version="1.0"?><opml version="2.0"><body>
<outline type="rss" text="하나" xmlUrl="http://host.example/rss.xml"/>
<outline type="rss" text="url 속성" url="https://url.example/rss"/>
<outline type="rss" text="사이트만" htmlUrl="https://site.example/"/>
<outline type="rss" text="no url"/>
<outline type="rss" text="둘" xmlUrl="HTTP://host.example/rss.xml#frag"/>
<outline type="rss" text="셋" xmlUrl="https://three.example/rss"/>
<outline type="rss" text="실행" xmlUrl="exec:make-feed"/>
</body></opml>`
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for l, want := range map[string]struct{ out, err string }{
		"en": {"imported 3 feeds from " + path + ", 3 new (1 refused, 3 skipped)\n",
			"sokbo: " + path + `: refused "실행" (exec:make-feed): commands are never run` + "\n" +
				"sokbo: " + path + `: skipped "사이트만": no feed address (xmlUrl), only its site's, https://site.example/` + "\n" +
				"sokbo: " + path + `: skipped "no url": no feed address (xmlUrl)` + "\n" +
				"sokbo: " + path + `: skipped "둘" (HTTP://host.example/rss.xml#frag): the same feed as "하나"` + "\n"},
		"ko": {path + "에서 피드 3개를 가져옴, 새 피드 3개 (거부 1개, 건너뜀 3개)\n",
			"sokbo: " + path + `: "실행" (exec:make-feed) 거부: 명령은 절대 실행하지 않음` + "\n" +
				"sokbo: " + path + `: "사이트만" 건너뜀: 피드 주소(xmlUrl)가 없고 사이트 주소 https://site.example/만 있음` + "\n" +
				"sokbo: " + path + `: "no url" 건너뜀: 피드 주소(xmlUrl)가 없음` + "\n" +
				"sokbo: " + path + `: "둘" (HTTP://host.example/rss.xml#frag) 건너뜀: "하나"와(과) 같은 피드` + "\n"},
	} {
		// Each into a cache of its own: both are new.
		db := filepath.Join(t.TempDir(), l+".db")
		out, stderr, status := sokboEnv(t, env, "--db", db, "--lang", l, "import", path)
		if status != 0 || out != want.out || stderr != want.err {
			t.Errorf("%s: %d\n%s%s\nwant\n%s%s", l, status, out, stderr, want.out, want.err)
		}
	}
	sokboEnv(t, env, "import", path)
	ls, _, _ := sokboEnv(t, env, "feeds", "ls")
	if n := strings.Count(ls, "\n"); n != 3 || !strings.Contains(ls, "url 속성\thttps://url.example/rss\t") {
		t.Errorf("feeds ls:\n%s", ls)
	}

	// A file of many bad outlines is not as many lines: as a folder's
	// files, the first few one by one, then how many more.
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><opml version="2.0"><body>`)
	for i := range 5000 {
		fmt.Fprintf(&b, `<outline type="rss" text="빈 %d"/><outline type="rss" text="명령 %d" xmlUrl="exec:x%d"/>`, i, i, i)
	}
	b.WriteString(`<outline type="rss" text="좋은" xmlUrl="https://good.example/rss"/></body></opml>`)
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, status := sokboEnv(t, env, "import", path)
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if status != 0 || out != "imported 1 feed from "+path+", 1 new (5000 refused, 5000 skipped)\n" || len(lines) != 21 ||
		lines[20] != "sokbo: "+path+": 9,980 more entries not imported, not said one by one" {
		t.Errorf("many: %d %q, %d lines, the last %q", status, out, len(lines), lines[len(lines)-1])
	}
	// A file of outlines that are all skipped has nothing imported.
	if err := os.WriteFile(path, []byte(`<opml version="2.0"><body><outline type="rss" text="no url"/></body></opml>`), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, stderr, status := sokboEnv(t, env, "import", path); status != 1 || !strings.Contains(stderr, `skipped "no url"`) {
		t.Errorf("all skipped: %d %q %q", status, out, stderr)
	}
}

// TestImportUnknownCharset (QA): an OPML file that declares a charset no
// one knows is read by its bytes, with one warning naming the label, as
// a feed gets.
func TestImportUnknownCharset(t *testing.T) {
	doc, err := korean.EUCKR.NewEncoder().String(`<?xml version="1.0" encoding="klingon-9"?><opml version="2.0"><body><outline type="rss" text="가람일보" xmlUrl="https://garam.example/rss"/></body></opml>`)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "subs.opml")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for l, want := range map[string]string{
		"en": "sokbo: " + path + ": read as CP949 (EUC-KR): declared klingon-9 by the XML declaration, a charset sokbo does not know\n",
		"ko": "sokbo: " + path + ": CP949(EUC-KR)로 읽음: XML 선언에는 klingon-9로 되어 있으나 알 수 없는 문자 인코딩임\n",
	} {
		env := testEnv(t)
		out, stderr, status := sokboEnv(t, env, "--lang", l, "import", path)
		if status != 0 || stderr != want || !strings.Contains(out, "1") {
			t.Errorf("%s: %d %q %q, want %q", l, status, out, stderr, want)
		}
		if ls, _, _ := sokboEnv(t, env, "feeds", "ls"); !strings.HasPrefix(ls, "가람일보\thttps://garam.example/rss\t") {
			t.Errorf("%s: feeds ls:\n%s", l, ls)
		}
	}
}

// TestFeedsAddTitleOfConfigFeed: a feed added with no name whose title
// is the name a feed of the config file goes by, or the title of one the
// file gives no name, is told apart from it, as from a feed added before:
// feeds ls shows two names, and each names its own feed to feeds rm. So
// is one reached through an address that moved for good.
func TestFeedsAddTitleOfConfigFeed(t *testing.T) {
	srv := pageServer(t)
	const title = "뉴스다오 | 실시간 뉴스 속보"
	for name, tc := range map[string]struct {
		config string // the [[feed]] table
		add    string // the path added
		want   string // the name it is given
	}{
		"a name":   {"name = \"" + title + "\"\nurl = \"" + srv.URL + "/gone.xml\"", "/feed.xml", title + " (2)"},
		"a title":  {"url = \"" + srv.URL + "/rss/allArticle.xml\"", "/feed.xml", title + " (2)"},
		"redirect": {"name = \"" + title + "\"\nurl = \"" + srv.URL + "/gone.xml\"", "/moved", title + " (moved)"},
	} {
		t.Run(name, func(t *testing.T) {
			env := testEnv(t)
			cfg := filepath.Join(env("XDG_CONFIG_HOME"), "sokbo", "config.toml")
			if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(cfg, []byte("[[feed]]\n"+tc.config+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, stderr, status := sokboEnv(t, env, "refresh"); status != 0 && !strings.Contains(tc.config, "gone") {
				t.Fatalf("refresh: %d %q", status, stderr)
			}
			u := srv.URL + tc.add
			out, stderr, status := sokboEnv(t, env, "feeds", "add", u)
			if want := "subscribed to " + tc.want + " (" + u + "): 6 items\n"; status != 0 || out != want {
				t.Errorf("add: %d %q %q, want %q", status, out, stderr, want)
			}
			ls, _, _ := sokboEnv(t, env, "feeds", "ls")
			var names []string
			for _, line := range strings.Split(strings.TrimSuffix(ls, "\n"), "\n") {
				n, _, _ := strings.Cut(line, "\t")
				names = append(names, n)
			}
			if want := []string{title, tc.want}; !slices.Equal(names, want) {
				t.Errorf("feeds ls names %q, want %q", names, want)
			}
			if out, stderr, status := sokboEnv(t, env, "feeds", "rm", tc.want); status != 0 || !strings.Contains(out, u) {
				t.Errorf("rm %q: %d %q %q", tc.want, status, out, stderr)
			}
		})
	}
}
