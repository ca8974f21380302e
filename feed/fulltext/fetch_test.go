package fulltext_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sokbo/feed/clean/cleantest"
	"sokbo/feed/fetch"
	"sokbo/feed/fulltext"
	"sokbo/render"
)

// TestFetchRefusesSchemes: only http and https are fetched, and a redirect
// to anything else is refused, even by a transport that could follow it.
func TestFetchRefusesSchemes(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "secret.html"), []byte("<html><body><p>"+strings.Repeat("비밀 파일의 내용이다. ", 20)+"</p></body></html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	redirect := func(to string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
	}
	s := newSite(t, nil, map[string]http.HandlerFunc{
		"/to-file": redirect("file:///secret.html"),
		"/to-ftp":  redirect("ftp://127.0.0.1/article.html"),
		"/to-js":   redirect("javascript:alert(1)"),
		"/to-data": redirect("data:text/html,<p>hi</p>"),
		"/hop":     redirect("/to-file"),
	})
	// A transport that can read files: without the guard, /to-file
	// would return the secret.
	tr := s.client.HTTP.Client.Transport.(*http.Transport)
	tr.RegisterProtocol("file", http.NewFileTransport(http.Dir(dir)))

	for path, want := range map[string]string{
		"/to-file": "redirect to a file address refused: only http and https pages are fetched",
		"/hop":     "redirect to a file address refused: only http and https pages are fetched",
		"/to-ftp":  "redirect to a ftp address refused: only http and https pages are fetched",
		"/to-js":   "redirect to a javascript address refused: only http and https pages are fetched",
		"/to-data": "redirect to a data address refused: only http and https pages are fetched",
	} {
		u := "http://news.example" + path
		a, err := s.client.Fetch(context.Background(), u)
		if err == nil {
			t.Errorf("%s: fetched %q", path, a.HTML)
			continue
		}
		if !errors.Is(err, fulltext.ErrScheme) {
			t.Errorf("%s: %v, want ErrScheme", path, err)
		}
		if got := err.Error(); got != u+": "+want {
			t.Errorf("%s: error %q, want %q", path, got, u+": "+want)
		}
	}
	for u, want := range map[string]string{
		"file:///etc/passwd":  ": file address refused: only http and https pages are fetched",
		"javascript:alert(1)": ": javascript address refused: only http and https pages are fetched",
		"news.example/a":      ": address without a scheme refused: only http and https pages are fetched",
		"http:///nohost":      "not a valid address: no host",
	} {
		_, err := s.client.Fetch(context.Background(), u)
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", u, err, want)
		}
	}
}

// TestFetchOversized: a page over the cap is refused with a clean message,
// at the Client's own cap and at a smaller one the shared fetcher sets.
func TestFetchOversized(t *testing.T) {
	big := bytes.Repeat([]byte("<p>아주 긴 페이지의 문단이다.</p>\n"), (fulltext.DefaultMaxBytes/40)+1000)
	s := newSite(t, map[string]page{"/big": {body: big, contentType: "text/html"}}, nil)
	_, err := s.client.Fetch(context.Background(), "http://news.example/big")
	if !errors.Is(err, fetch.ErrTooLarge) {
		t.Fatalf("err %v, want ErrTooLarge", err)
	}
	if want := "http://news.example/big: response body exceeds size limit (5 MiB)"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	s.client.HTTP.MaxBytes = 1 << 20
	_, err = s.client.Fetch(context.Background(), "http://news.example/big")
	if err == nil || !strings.HasSuffix(err.Error(), "(1 MiB)") {
		t.Errorf("error %v, want the fetcher's 1 MiB cap", err)
	}
}

// TestFetchErrors: what cannot be an article is a one-line error, never an
// empty article.
func TestFetchErrors(t *testing.T) {
	s := newSite(t, map[string]page{
		"/empty":  {file: "empty.html", contentType: "text/html; charset=utf-8"},
		"/pdf":    {body: []byte("%PDF-1.7\n..."), contentType: "application/pdf"},
		"/feed":   {body: []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`), contentType: "application/rss+xml"},
		"/blank":  {body: nil, contentType: "text/html"},
		"/sniffd": {body: []byte("\x89PNG\r\n\x1a\n...."), contentType: ""},
	}, map[string]http.HandlerFunc{
		"/gone": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) },
	})
	for path, tc := range map[string]struct {
		is   error
		want string
	}{
		"/empty":  {fulltext.ErrNoArticle, "no article text found ("}, // and a count
		"/pdf":    {fulltext.ErrNotHTML, "not an HTML page (application/pdf)"},
		"/feed":   {fulltext.ErrNotHTML, "not an HTML page (application/rss+xml)"},
		"/blank":  {fulltext.ErrNoArticle, "no article text found"},
		"/sniffd": {fulltext.ErrNotHTML, "not an HTML page (image/png)"},
		"/gone":   {nil, "http 404 Not Found"},
	} {
		u := "http://news.example" + path
		a, err := s.client.Fetch(context.Background(), u)
		if err == nil {
			t.Errorf("%s: got an article %q", path, a.HTML)
			continue
		}
		if tc.is != nil && !errors.Is(err, tc.is) {
			t.Errorf("%s: %v, want %v", path, err, tc.is)
		}
		if got := err.Error(); got != u+": "+tc.want && !(strings.HasSuffix(tc.want, "(") && strings.HasPrefix(got, u+": "+tc.want)) {
			t.Errorf("%s: error %q, want %q", path, got, u+": "+tc.want)
		}
		var fe *fulltext.Error
		if !errors.As(err, &fe) || fe.URL != u {
			t.Errorf("%s: %T, want a *fulltext.Error naming the page", path, err)
		}
	}
}

// TestFetchPoliteness: the User-Agent names sokbo, and Pace is asked for
// the page's host before every fetch and can stop it.
func TestFetchPoliteness(t *testing.T) {
	s := newSite(t, map[string]page{"/a": {file: "ndsoft.html", contentType: "text/html"}}, nil)
	var hosts []string
	s.client.Pace = func(ctx context.Context, host string) error {
		hosts = append(hosts, host)
		if host == "slow.example" {
			return context.DeadlineExceeded
		}
		return nil
	}
	if _, err := s.client.Fetch(context.Background(), "http://www.sokbo-news.test:8080/a"); err != nil {
		t.Fatal(err)
	}
	_, err := s.client.Fetch(context.Background(), "http://slow.example/a")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v, want the pacer's", err)
	}
	if fmt.Sprint(hosts) != "[www.sokbo-news.test slow.example]" {
		t.Errorf("paced hosts %q", hosts)
	}
	if len(s.agents) != 1 || s.agents[0] != fulltext.UserAgent || !strings.Contains(s.agents[0], "sokbo") {
		t.Errorf("User-Agent %q, want %q, once", s.agents, fulltext.UserAgent)
	}
	s.client.HTTP.UserAgent = "sokbo/1.2.3"
	if _, err := s.client.Fetch(context.Background(), "http://www.sokbo-news.test/a"); err != nil {
		t.Fatal(err)
	}
	if s.agents[1] != "sokbo/1.2.3" {
		t.Errorf("User-Agent %q, want the shared fetcher's", s.agents[1])
	}
	if s.client.HTTP.Client.Transport == nil || s.client.HTTP.MaxBytes != 0 {
		t.Error("Fetch changed the shared fetcher")
	}
}

// TestHostile fetches a page carrying every terminal attack of
// feed/testdata/hostile.xml, plus scripts and javascript: links, and
// checks the article as Markdown and rendered in every style: no control
// character, escape or bidi override, no script, no dangerous address.
func TestHostile(t *testing.T) {
	s := newSite(t, map[string]page{"/news/articleView.html": {file: "hostile.html", contentType: "text/html; charset=utf-8"}}, nil)
	u := "http://www.sokbo-news.test/news/articleView.html?idxno=1"
	a, err := s.client.Fetch(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	md, err := a.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"원문 그대로", "이 문단의 글은 남고", "엔티티로", "자바스크립트 링크", "줄바꿈 숨긴 링크", "엔티티 링크", "데이터 링크",
		"안전한 링크", "뒤집힌 글", "격리된 글", "이 문장은 그대로 나와야 한다.", "무단전재 및 재배포 금지"} {
		if !strings.Contains(md, want) {
			t.Errorf("text %q lost", want)
		}
	}
	for _, bad := range []string{"alert", "javascript", "data:", "script", "숨은 문단", "evil.example", "onclick", "onload"} {
		if strings.Contains(strings.ToLower(md), bad) {
			t.Errorf("Markdown holds %q:\n%s", bad, md)
		}
	}
	for _, v := range []string{a.Title, a.Byline, md} {
		cleantest.AssertClean(t, v)
	}
	for _, style := range []render.Style{render.StylePlain, render.StyleDark} {
		out, err := render.Page(render.ArticleDoc(a.Item(nil), md, time.UTC), 80, style)
		if err != nil {
			t.Fatal(err)
		}
		if style != render.StylePlain {
			// sokbo's own styling and hyperlinks to http(s) pages are
			// the only escapes allowed.
			out = sgr.ReplaceAllString(out, "")
			out = osc8.ReplaceAllStringFunc(out, func(seq string) string {
				if uri := osc8.FindStringSubmatch(seq)[1]; uri == "" || render.Linkable(uri) {
					return ""
				}
				return seq
			})
		}
		cleantest.AssertClean(t, out)
	}
}

var (
	sgr  = regexp.MustCompile("\x1b\\[[0-9;:]*m")
	osc8 = regexp.MustCompile("\x1b\\]8;[^;\x07\x1b]*;([^\x07\x1b]*)(?:\x07|\x1b\\\\)")
)
