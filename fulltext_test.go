package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"sokbo/feed"
	"sokbo/feed/fulltext/fulltexttest"
	"sokbo/render/rendertest"
)

// newsSite serves an invented news site of n articles, the newest an hour
// before a fixed time, on 127.0.0.1, and returns it with its feed's URL.
func newsSite(t *testing.T, n int) (*fulltexttest.Site, string, string) {
	t.Helper()
	site := fulltexttest.NewSite(n, time.Date(2025, 3, 14, 9, 12, 0, 0, feed.Seoul))
	base := fulltexttest.Start(t, site)
	return site, base, base + fulltexttest.FeedPath
}

// stableBase stands for the site's address in golden files: the same
// length as http://127.0.0.1:NNNNN (Start's ports have five digits), so
// every line wraps as it did.
const stableBase = "http://news.example.kr"

// inSeoul shows local times in Seoul for the rest of the test.
func inSeoul(t *testing.T) {
	t.Helper()
	old := time.Local
	time.Local = feed.Seoul
	t.Cleanup(func() { time.Local = old })
}

// TestReadFull: read --full fetches the article's page, prints its full
// text in place of the feed's sentence, and keeps it: offline and without
// --full it is printed again, and JSON says which body it holds.
func TestReadFull(t *testing.T) {
	inSeoul(t)
	site, base, url := newsSite(t, 3)
	env := testEnv(t)
	for _, w := range []int{60, 100} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			out, stderr, status := sokboEnv(t, env, "--lang", "ko", "read", "--full", "--format", "text", "--width", fmt.Sprint(w), url, "1")
			if status != 0 || stderr != "" {
				t.Fatalf("status %d, stderr %q", status, stderr)
			}
			if len(base) != len(stableBase) {
				t.Fatalf("base %q is not as long as %q", base, stableBase)
			}
			out = strings.ReplaceAll(out, base, stableBase)
			noEscapes(t, out)
			rendertest.CheckLayout(t, out, w)
			golden.RequireEqual(t, []byte(out))
		})
	}
	if n := site.PageHits(); n != 1 {
		t.Errorf("%d page fetches for two reads, want 1: the full text is kept", n)
	}

	// Kept: read prints it offline, without --full.
	out, stderr, status := sokboEnv(t, env, "read", "--offline", "--format", "text", url, "1")
	if status != 0 || stderr != "" || !strings.Contains(out, "하반기로") {
		t.Errorf("read --offline: status %d, stderr %q\n%s", status, stderr, out)
	}
	out, _, status = sokboEnv(t, env, "read", "--offline", "--format", "json", url, "1")
	var got struct {
		Title, Markdown, Body string
		URL                   string    `json:"fulltext_url"`
		At                    time.Time `json:"fulltext_at"`
		Via                   string    `json:"fulltext_via"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || status != 0 {
		t.Fatalf("json: %v, status %d\n%s", err, status, out)
	}
	link := fulltexttest.Link(base, site.Articles()[0].ID)
	if got.Body != "fulltext" || got.URL != link || got.At.IsZero() || got.Via != "rule:ndsoft" ||
		got.Title != site.Articles()[0].Title || !strings.Contains(got.Markdown, "하반기로") {
		t.Errorf("json %+v", got)
	}
	out, _, _ = sokboEnv(t, env, "read", "--offline", "--format", "json", url, "2")
	if !strings.Contains(out, `"body": "feed"`) || strings.Contains(out, "fulltext_url") {
		t.Errorf("json of an item without full text:\n%s", out)
	}
	out, _, _ = sokboEnv(t, env, "list", "--offline", "--json", url)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"body":"fulltext"`) || !strings.Contains(lines[1], `"body":"feed"`) {
		t.Errorf("list --json:\n%s", out)
	}
}

// TestReadFullFailure: a page with nothing to extract, or --offline with
// nothing kept, prints the feed's text with one line on stderr saying why.
func TestReadFullFailure(t *testing.T) {
	site, _, url := newsSite(t, 2)
	site.Update(site.Articles()[1].ID, func(a *fulltexttest.Article) { a.Kind = fulltexttest.KindEmpty })
	env := testEnv(t)
	out, stderr, status := sokboEnv(t, env, "read", "--full", "--format", "text", url, "2")
	if status != 0 || !strings.Contains(out, "기상청은") || !strings.Contains(stderr, "no full text: no article text found") ||
		strings.Count(stderr, "\n") != 1 {
		t.Errorf("status %d, stderr %q\n%s", status, stderr, out)
	}
	out, _, _ = sokboEnv(t, env, "read", "--offline", "--format", "json", url, "2")
	if !strings.Contains(out, `"body": "feed"`) || !strings.Contains(out, `"fulltext_error": "no article text found`) {
		t.Errorf("json after the failure:\n%s", out)
	}
	out, stderr, status = sokboEnv(t, env, "read", "--offline", "--full", "--format", "text", url, "1")
	if status != 0 || !strings.Contains(out, "서울시는") || !strings.Contains(stderr, "not in the offline cache") || site.PageHits() != 1 {
		t.Errorf("--offline --full: status %d, stderr %q, %d page fetches\n%s", status, stderr, site.PageHits(), out)
	}
	noEscapes(t, stderr)
}

// TestRefreshFullText: a feed with fulltext = true has the full text of
// its items fetched by sokbo refresh, and the next refresh fetches only
// the new item's page.
func TestRefreshFullText(t *testing.T) {
	site, _, url := newsSite(t, 3)
	env := testEnv(t)
	cfg := filepath.Join(env("XDG_CONFIG_HOME"), "sokbo", "config.toml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf("[[feed]]\nname = \"속보신문\"\nurl = %q\nfulltext = true\n", url)
	if err := os.WriteFile(cfg, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, status := sokboEnv(t, env, "refresh")
	if status != 0 || !strings.Contains(out, "속보신문: 3 new") || !strings.Contains(out, "full text: 3 fetched, 0 failed") {
		t.Fatalf("refresh: status %d, stderr %q\n%s", status, stderr, out)
	}
	site.Publish(fulltexttest.Article{ID: 30000, Title: "새로 들어온 속보", Reporter: "한결 기자",
		Paragraphs: []string{"새 기사의 첫 문장이다. 둘째 문장은 페이지에만 있다."}})
	out, _, _ = sokboEnv(t, env, "refresh")
	if !strings.Contains(out, "1 new") || !strings.Contains(out, "full text: 1 fetched, 0 failed") || site.PageHits() != 4 {
		t.Errorf("second refresh (%d page fetches):\n%s", site.PageHits(), out)
	}
	out, _, _ = sokboEnv(t, env, "read", "--offline", "--format", "text", "1")
	if !strings.Contains(out, "둘째 문장은 페이지에만") {
		t.Errorf("the new item's full text:\n%s", out)
	}
}

// TestConfigFullTextRules: fulltext = true and [[rule]] tables are read;
// a bad rule is refused with one line naming the rule and the key.
func TestConfigFullTextRules(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	good := `
[[feed]]
url = "https://dongne.example/rss/allArticle.xml"
fulltext = true

[[rule]]
name = "우리 동네 신문"
hosts = ["dongne.example"]
body = ["#article-body", ".news-text"]
drop = [".reporter-box"]
drop_text = ["^ⓒ 우리동네"]
`
	if err := os.WriteFile(cfg, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := loadSettings(flagValues{config: cfg}, testEnv(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.feeds) != 1 || !s.feeds[0].FullText || s.rules == nil || s.rules.Names()[0] != "우리 동네 신문" {
		t.Errorf("feeds %+v, rules %v", s.feeds, s.rules.Names())
	}
	for body, want := range map[string]string{
		"[[rule]]\nname = \"블로그\"\nhosts = [\"b.example\"]\n":                                                                                   `rule 1 "블로그": no body selectors`,
		"[[rule]]\nname = \"a\"\nhosts = [\"a.example\"]\nbody = [\"p\"]\n[[rule]]\nname = \"b\"\nhosts = [\"b.example\"]\nbody = [\"div[\"]\n": `rule 2 "b": body selector "div["`,
		"[[rule]]\nname = \"c\"\nhosts = [\"https://c.example/\"]\nbody = [\"p\"]\n":                                                            `rule 1 "c": host "https://c.example/": give the host name alone`,
		"[[rule]]\nname = \"d\"\nhosts = [\"d.example\"]\nbodies = [\"p\"]\n":                                                                   `unknown key "rule.bodies"`,
		"[[rule]]\nname = \"e\"\nhosts = [\"e.example\"]\nbody = [\"p\"]\ndrop_text = [\"(\"]\n":                                                `rule 1 "e": drop_text pattern "("`,
		"[[feed]]\nurl = \"https://a.example/\"\nfulltext = \"yes\"\n":                                                                          "fulltext",
	} {
		if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, stderr, status := sokbo(t, "--config", cfg, "list", seed)
		if status != 1 || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "config ") {
			t.Errorf("%s: status %d, stderr %q; want one line with %q", body, status, stderr, want)
		}
		noEscapes(t, stderr)
	}
}

// TestReadFullRefused (QA): a page whose server refuses the connection
// says so, naming the host, as a feed's fetch of the same port does, not
// only "network error (offline?)".
func TestReadFullRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.Listener.Addr().String()
	srv.Close() // nothing listens there now
	link := "http://" + addr + "/art1"
	path := filepath.Join(t.TempDir(), "f.xml")
	doc := `<rss version="2.0"><channel><title>T</title><item><title>One</title><link>` + link +
		`</link><guid>1</guid><description>body one</description></item></channel></rss>`
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	env := testEnv(t)
	for l, want := range map[string]string{
		"en": "sokbo: " + link + ": no full text: cannot connect to " + addr + ": connection refused (offline?); printing the feed's text\n",
		"ko": "sokbo: " + link + ": 전문 없음: " + addr + "에 연결할 수 없음: 연결 거부 (오프라인?); 피드의 본문을 출력함\n",
	} {
		out, stderr, status := sokboEnv(t, env, "--lang", l, "read", "--full", "--format", "text", path, "1")
		if status != 0 || stderr != want || !strings.Contains(out, "body one") {
			t.Errorf("%s: status %d, stderr %q, want %q\n%s", l, status, stderr, want, out)
		}
	}
}
