package fulltext_test

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/idna"

	"sokbo/feed/fulltext"
)

// TestDefaultRules checks the built-in rules.toml: it compiles, and ships
// the ND소프트 detector and the national outlets.
func TestDefaultRules(t *testing.T) {
	names := fulltext.DefaultRules().Names()
	want := []string{"ndsoft", "yonhap", "naver-news", "daum-news", "kbs", "ytn", "hani", "khan", "donga"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("rules = %q, want %q", names, want)
	}
}

// TestParseRulesErrors: each bad rule is refused with a one-line message
// that names the rule and the cause.
func TestParseRulesErrors(t *testing.T) {
	for name, tc := range map[string]struct{ toml, want string }{
		"no name":          {`[[rule]]` + "\n" + `hosts = ["a.example"]` + "\n" + `body = ["main"]`, `rule 1: no name`},
		"no body":          {`[[rule]]` + "\n" + `name = "a"` + "\n" + `hosts = ["a.example"]`, `rule 1 "a": no body selectors`},
		"never":            {`[[rule]]` + "\n" + `name = "a"` + "\n" + `body = ["main"]`, `rule 1 "a": no hosts and no detect selectors: it would never apply`},
		"bad selector":     {`[[rule]]` + "\n" + `name = "a"` + "\n" + `hosts = ["a.example"]` + "\n" + `body = ["div["]`, `rule 1 "a": body selector "div[": `},
		"bad pattern":      {`[[rule]]` + "\n" + `name = "a"` + "\n" + `hosts = ["a.example"]` + "\n" + `body = ["main"]` + "\n" + `drop_text = ["(광고"]`, `rule 1 "a": drop_text pattern "(광고": error parsing regexp: missing closing )`},
		"scheme":           {`[[rule]]` + "\n" + `name = "a"` + "\n" + `hosts = ["https://a.example"]` + "\n" + `body = ["main"]`, `rule 1 "a": host "https://a.example": give the host name alone, without a scheme`},
		"path":             {`[[rule]]` + "\n" + `name = "a"` + "\n" + `hosts = ["a.example/news"]` + "\n" + `body = ["main"]`, `rule 1 "a": host "a.example/news": give the host name alone, without a path`},
		"port":             {`[[rule]]` + "\n" + `name = "a"` + "\n" + `hosts = ["a.example:8080"]` + "\n" + `body = ["main"]`, `rule 1 "a": host "a.example:8080": give the host name alone, without a port`},
		"wildcard":         {`[[rule]]` + "\n" + `name = "a"` + "\n" + `hosts = ["*.a.example"]` + "\n" + `body = ["main"]`, `rule 1 "a": host "*.a.example": a host already covers its subdomains; drop the "*."`},
		"bad host":         {`[[rule]]` + "\n" + `name = "a"` + "\n" + `hosts = ["a b.example"]` + "\n" + `body = ["main"]`, `rule 1 "a": host "a b.example": not a valid host name`},
		"second":           {"[[rule]]\nname = \"a\"\nhosts = [\"a.example\"]\nbody = [\"main\"]\n[[rule]]\nname = \"b\"\nhosts = [\"b.example\"]\nbody = [\"\"]", `rule 2 "b": empty body selector`},
		"unknown key":      {`[[rule]]` + "\n" + `name = "a"` + "\n" + `hosts = ["a.example"]` + "\n" + `bodies = ["main"]`, `reading rules: unknown key rule.bodies`},
		"not toml":         {`[[rule]`, `reading rules: `},
		"hostile selector": {"[[rule]]\nname = \"a\"\nhosts = [\"a.example\"]\nbody = [\"div[\\u001b[2J\"]", `rule 1 "a": body selector "div[\x1b[2J": expected identifier, found \x1b instead`},
		"hostile name":     {"[[rule]]\nname = \"a\\u001b[2Jb\\u202e\"\nhosts = [\"a.example\"]", `rule 1 "ab": no body selectors`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := fulltext.ParseRules([]byte(tc.toml))
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tc.want) {
				t.Errorf("error %q, want it to start %q", msg, tc.want)
			}
			if strings.ContainsAny(msg, "\n\x1b\u202e") {
				t.Errorf("error %q is not one clean line", msg)
			}
		})
	}
}

// TestNewRules: user rules go first, and a bad one is a *RuleError.
func TestNewRules(t *testing.T) {
	user := []fulltext.Rule{{Name: "mine", Hosts: []string{"한국일보.kr", "yna.co.kr"}, Body: []string{"#body"}}}
	rs, err := fulltext.NewRules(user)
	if err != nil {
		t.Fatal(err)
	}
	if names := rs.Names(); names[0] != "mine" || names[1] != "ndsoft" {
		t.Errorf("order %q: want the user's rule first", names)
	}
	page := []byte(`<html><body><div class="story-news article"><p>` + strings.Repeat("통신사 규칙이 잡는 본문이다. ", 5) +
		`</p></div><div id="body"><p>` + strings.Repeat("사용자 규칙이 잡는 본문이다. ", 5) + `</p></div></body></html>`)
	a, err := fulltext.Extract(page, "text/html", "https://www.yna.co.kr/view/1", rs)
	if err != nil {
		t.Fatal(err)
	}
	if a.Via != "rule:mine" || !strings.Contains(a.HTML, "사용자 규칙") || strings.Contains(a.HTML, "통신사 규칙") {
		t.Errorf("Via %q, HTML %q: want the user's rule to win", a.Via, a.HTML)
	}
	// The Hangul host matches its punycode form.
	puny, err := idna.Lookup.ToASCII("www.한국일보.kr")
	if err != nil {
		t.Fatal(err)
	}
	a, err = fulltext.Extract(page, "text/html", "https://"+puny+"/1", rs)
	if err != nil || a.Via != "rule:mine" {
		t.Errorf("punycode host: Via %q, err %v", a.Via, err)
	}

	_, err = fulltext.NewRules([]fulltext.Rule{user[0], {Name: "bad", Hosts: []string{"x.example"}, Body: []string{">>"}}})
	var re *fulltext.RuleError
	if !errors.As(err, &re) || re.Index != 2 || re.Name != "bad" {
		t.Errorf("err %v, want a *RuleError for rule 2", err)
	}
	if err := (fulltext.Rule{Name: "ok", Detect: []string{"#x"}, Body: []string{"#x"}}).Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

// TestHostMatch: a host covers its subdomains, and only them.
func TestHostMatch(t *testing.T) {
	page := []byte(`<html><body><div class="article-text"><p>` + strings.Repeat("한겨레 규칙의 본문이다. ", 5) + `</p></div>` +
		`<main><p>` + strings.Repeat("다른 곳의 본문이다. ", 12) + `</p></main></body></html>`)
	for u, via := range map[string]string{
		"https://www.hani.co.kr/arti/1.html": "rule:hani",
		"https://hani.co.kr/arti/1.html":     "rule:hani",
		"https://HANI.CO.KR./arti/1.html":    "rule:hani",
		"https://nothani.co.kr/arti/1.html":  "readability",
		"https://hani.co.kr.example/1.html":  "readability",
	} {
		a, err := fulltext.Extract(page, "text/html", u, nil)
		if err != nil {
			t.Errorf("%s: %v", u, err)
			continue
		}
		if a.Via != via {
			t.Errorf("%s: Via %q, want %q", u, a.Via, via)
		}
	}
}

// TestRuleShortBody (QA): a rule's body is the article however short it
// is, as a breaking-news item of one sentence is; only a body with no text
// once cleaned (its drop selectors, widget text, the title, the copyright
// line) leaves the page to readability.
func TestRuleShortBody(t *testing.T) {
	rs, err := fulltext.NewRules([]fulltext.Rule{{
		Name: "mine", Hosts: []string{"127.0.0.3"}, Body: []string{"#empty", "#main"}, Drop: []string{".ad"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	side := `<div id="side"><p>` + strings.Repeat("사이드바에 걸린 다른 기사의 긴 소개 글이다. ", 8) + `</p></div>`
	for name, tc := range map[string]struct {
		main    string
		via     string
		want    []string
		notWant []string
	}{
		"one sentence": {
			main: `<p>진짜 본문 짧음.</p>`,
			via:  "rule:mine", want: []string{"진짜 본문 짧음."}, notWant: []string{"사이드바"},
		},
		"with the copyright line": {
			main: `<p>[속보] 가람시 정전.</p><p>저작권자 © 가람일보 무단전재 및 재배포 금지</p>`,
			via:  "rule:mine", want: []string{"[속보] 가람시 정전.", "무단전재"}, notWant: []string{"사이드바"},
		},
		"only dropped": {
			main: `<div class="ad">광고 문의</div>`,
			via:  "readability", want: []string{"사이드바"},
		},
		"only widgets": {
			main: `<p>기사 읽어주기</p><p>저작권자 © 가람일보 무단전재 및 재배포 금지</p>`,
			via:  "readability", want: []string{"사이드바", "무단전재"}, notWant: []string{"기사 읽어주기"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			page := `<html><head><title>가람일보</title></head><body><div id="empty"> </div><div id="main">` + tc.main + `</div>` + side + `</body></html>`
			a, err := fulltext.Extract([]byte(page), "text/html; charset=utf-8", "http://127.0.0.3/news/1", rs)
			if err != nil {
				t.Fatal(err)
			}
			if a.Via != tc.via {
				t.Errorf("Via = %q, want %q", a.Via, tc.via)
			}
			for _, w := range tc.want {
				if !strings.Contains(a.HTML, w) {
					t.Errorf("HTML %q lacks %q", a.HTML, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(a.HTML, w) {
					t.Errorf("HTML %q holds %q", a.HTML, w)
				}
			}
			if strings.Count(a.HTML, "무단전재") > 1 {
				t.Errorf("the copyright line twice: %q", a.HTML)
			}
		})
	}
}
