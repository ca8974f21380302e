package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

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
	if out, _, _ := sokboEnv(t, env, "feeds", "add", good); out != "already subscribed to "+good+"\n" {
		t.Errorf("again: %q", out)
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

// TestFeedsLsColumns: a header and aligned columns on a terminal, tabs
// and no header when piped.
func TestFeedsLsColumns(t *testing.T) {
	srv, _ := feedsServer(t)
	env := testEnv(t)
	u := srv.URL + "/atom.xml"
	sokboEnv(t, env, "feeds", "add", u, "--name", "한글 이름")
	piped, _, _ := sokboEnv(t, env, "feeds", "ls")
	if strings.Contains(piped, "NAME") || !strings.HasPrefix(piped, "한글 이름\t"+u+"\t6\t6\t") || strings.Count(piped, "\t") != 6 {
		t.Errorf("piped:\n%q", piped)
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
