package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseSize(t *testing.T) {
	tests := map[string]int64{
		"20MiB": 20 << 20, "1.5MiB": 3 << 19, "1.5 MB": 1_500_000, "4096": 4096, "64kib": 64 << 10,
		"1GiB": 1 << 30, "1KB": 1000, "2 kb": 2000,
	}
	for in, want := range tests {
		if got, err := parseSize(in, 1, 1<<30); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"1TB", "9999999999GiB", "500GiB", "1.5", "MiB", "", "-1MiB", "1e3MiB", "1 megabyte", "NaNMiB", "0"} {
		if got, err := parseSize(bad, 1<<10, 1<<30); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", bad, got)
		}
	}
}

func TestParseDurations(t *testing.T) {
	if d, err := parseInterval("off"); err != nil || d != 0 {
		t.Errorf("off = %v, %v", d, err)
	}
	if d, err := parseInterval("1m"); err != nil || d != time.Minute {
		t.Errorf("1m = %v, %v", d, err)
	}
	for _, bad := range []string{"10s", "soon", "-5m", "1000h"} {
		if _, err := parseInterval(bad); err == nil {
			t.Errorf("interval %q accepted", bad)
		}
	}
	for in, want := range map[string]time.Duration{"90d": 90 * 24 * time.Hour, "2w": 14 * 24 * time.Hour, "48h": 48 * time.Hour} {
		if got, err := parseAge(in); err != nil || got != want {
			t.Errorf("parseAge(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"1h", "0d", "forever", "99999d"} {
		if _, err := parseAge(bad); err == nil {
			t.Errorf("age %q accepted", bad)
		}
	}
}

// TestConfigMistyped: a value of the wrong TOML type (refresh = 5, where
// a duration goes in quotes) is one line naming the file, the line, the
// key as written and what it takes, in either language; not the TOML
// decoder's English about Go's types.
func TestConfigMistyped(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	tests := map[string][2]string{
		"refresh = 5": {
			`line 1: refresh = 5: want a string in quotes, such as refresh = "10m"`,
			`1번째 줄: refresh = 5: 따옴표로 싼 문자열이어야 합니다. 예: refresh = "10m"`},
		"style = \"dark\"\n[[feed]]\nurl = \"https://a.kr/rss\"\n[[feed]]\nurl = \"https://b.kr/rss\"\nrefresh = 300": {
			`line 6: feed[2].refresh = 300: want a string in quotes, such as refresh = "10m"`,
			`6번째 줄: feed[2].refresh = 300: 따옴표로 싼 문자열이어야 합니다. 예: refresh = "10m"`},
		"max_items = \"5000\"": {
			`line 1: max_items = "5000": want a whole number, without quotes`,
			`1번째 줄: max_items = "5000": 따옴표 없는 정수여야 합니다`},
		"mouse = \"yes\"": {
			`line 1: mouse = "yes": want true or false, without quotes`,
			`1번째 줄: mouse = "yes": 따옴표 없이 true나 false여야 합니다`},
		"terminal_browsers = \"w3m\"": {
			`line 1: terminal_browsers = "w3m": want a list of strings in quotes, such as terminal_browsers = ["w3m"]`,
			`1번째 줄: terminal_browsers = "w3m": 따옴표로 싼 문자열의 목록이어야 합니다. 예: terminal_browsers = ["w3m"]`},
		"terminal_browsers = [\"w3m\", 5]": {
			`line 1: terminal_browsers = ["w3m", 5]: want a list of strings in quotes, such as terminal_browsers = ["w3m"]`,
			`1번째 줄: terminal_browsers = ["w3m", 5]: 따옴표로 싼 문자열의 목록이어야 합니다. 예: terminal_browsers = ["w3m"]`},
		"[[rule]]\nname = \"x\"\nhosts = \"a.kr\"\nbody = [\"div\"]": {
			`line 3: rule[1].hosts = "a.kr": want a list of strings in quotes, such as hosts = ["dongne.example"]`,
			`3번째 줄: rule[1].hosts = "a.kr": 따옴표로 싼 문자열의 목록이어야 합니다. 예: hosts = ["dongne.example"]`},
		"feed = 5": {
			`line 1: feed = 5: want a table [[feed]]`,
			`1번째 줄: feed = 5: [[feed]] 표여야 합니다`},
		"lang = \"en\"\n[alert]\ntag = \"속보\"": {
			`line 2: alert = {…}: want a table [[alert]]`,
			`2번째 줄: alert = {…}: [[alert]] 표여야 합니다`},
		"view = [\"속보\"]": {
			`line 1: view = ["속보"]: want a table [[view]]`,
			`1번째 줄: view = ["속보"]: [[view]] 표여야 합니다`},
	}
	for body, want := range tests {
		if err := os.WriteFile(cfg, []byte(body+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for i, l := range []string{"en", "ko"} {
			_, stderr, status := sokbo(t, "--lang", l, "--config", cfg, "list", seed)
			word := map[string]string{"en": "config ", "ko": "설정 "}[l]
			if line := "sokbo: " + word + cfg + ": " + want[i] + "\n"; status != 1 || stderr != line {
				t.Errorf("%s (%s): status %d, stderr %q, want %q", body, l, status, stderr, line)
			}
		}
	}
}

// TestConfigProblemLines: a syntax error gives the parser's cause in
// Korean too, an unknown key its line (found by a scan: the decoder keeps
// none), a number is echoed bare, as the file writes it, and two
// [[feed]] tables of one name or one feed name both.
func TestConfigProblemLines(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	tests := map[string][2]string{
		"refresh = \"10m": {
			`line 1: TOML syntax error: strings cannot contain newlines`,
			`1번째 줄: TOML 문법 오류: strings cannot contain newlines`},
		"lang = \"ko\"\n\nunknownkey = 1": {
			`line 3: unknown key "unknownkey"`,
			`3번째 줄: 모르는 키 "unknownkey"`},
		"[[feed]]\nurl = \"https://a.kr/rss\"\n[[mute]]\nquery = \"x\"\n\"what\" = \"y\"": {
			`line 5: unknown key "mute.what"`,
			`5번째 줄: 모르는 키 "mute.what"`},
		"mous = true": {
			`line 1: unknown key "mous" (did you mean mouse?)`,
			`1번째 줄: 모르는 키 "mous" (혹시 mouse?)`},
		"[[feed]]\nurl = \"https://a.kr/rss\"\nfull_text = true": {
			`line 3: unknown key "feed.full_text" (did you mean fulltext?)`,
			`3번째 줄: 모르는 키 "feed.full_text" (혹시 fulltext?)`},
		"[[alert]]\ntag = \"속보\"\nqeury = \"정전\"": {
			`line 3: unknown key "alert.qeury" (did you mean query?)`,
			`3번째 줄: 모르는 키 "alert.qeury" (혹시 query?)`},
		"ket = 1": {
			`line 1: unknown key "ket" (did you mean keep or keys?)`,
			`1번째 줄: 모르는 키 "ket" (혹시 keep 또는 keys?)`},
		"# 설정\n[nowhere]\nx = 1": {
			`line 2: unknown key "nowhere"`,
			`2번째 줄: 모르는 키 "nowhere"`},
		"[[feed]]\nurl = \"https://a.kr/rss\"\n\n[[feed]]\nurl = \"https://b.kr/rss\"\nrefresh = \"abc\"": {
			`feed 2: https://b.kr/rss: refresh = "abc": want a duration of at least 30s (sokbo asks no server more often, to spare it), such as "10m", or "off"`,
			`2번째 feed: https://b.kr/rss: refresh = "abc": 바른 값: 30s 이상의 시간 (서버를 아끼려고 그보다 자주 묻지 않습니다). 예: "10m", 또는 "off"`},
		"[[feed]]\nurl = \"https://a.kr/rss\"\n[[feed]]\nname = \"a\"": {
			`feed 2: url is missing`,
			`2번째 feed: url이 없음`},
		"[[feed]]\nname = \"a\"\nurl = \" \"": {
			`feed 1: url is missing`,
			`1번째 feed: url이 없음`},
		"[[feed]]\nname = \"가람일보\"\nurl = \"https://a.kr/rss\"\n[[feed]]\nurl = \"https://c.kr/rss\"\n[[feed]]\nname = \"가람일보\"\nurl = \"https://b.kr/rss\"": {
			`feed 3: name "가람일보" is taken by feed 1`,
			`3번째 feed: name "가람일보": 1번째 feed가 이미 씀`},
		"[[feed]]\nname = \"하나\"\nurl = \"HTTP://a.kr/r1.xml#x\"\n[[feed]]\nname = \"둘\"\nurl = \"http://a.kr/r1.xml\"": {
			`feed 2: http://a.kr/r1.xml: the same feed as feed 1`,
			`2번째 feed: http://a.kr/r1.xml: 1번째 feed와 같은 피드`},
		"max_items = -5": {
			`max_items = -5: want a number of items from 100 to 100,000`,
			`max_items = -5: 바른 값: 100부터 100,000까지의 기사 수`},
	}
	for body, want := range tests {
		if err := os.WriteFile(cfg, []byte(body+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for i, l := range []string{"en", "ko"} {
			_, stderr, status := sokbo(t, "--lang", l, "--config", cfg, "list", seed)
			word := map[string]string{"en": "config ", "ko": "설정 "}[l]
			if line := "sokbo: " + word + cfg + ": " + want[i] + "\n"; status != 1 || stderr != line {
				t.Errorf("%q (%s): status %d, stderr %q\nwant %q", body, l, status, stderr, line)
			}
		}
	}
}

// TestConfigQuotesValueAsWritten: a refused value is quoted as the file
// writes it, its controls escaped (\x1b, \a, \u200b), as [keys] quotes a
// key: not what cleaning leaves of it, which would say refresh = "5m" is
// too short; and a library's message that embeds the value keeps every
// character after an escape sequence in it.
func TestConfigQuotesValueAsWritten(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	tests := map[string][2]string{
		`refresh = "\u001b[2J5m"`: {
			`refresh = "\x1b[2J5m": want a duration of at least 30s (sokbo asks no server more often, to spare it), such as "10m", or "off"`,
			`refresh = "\x1b[2J5m": 바른 값: 30s 이상의 시간 (서버를 아끼려고 그보다 자주 묻지 않습니다). 예: "10m", 또는 "off"`},
		`lang = "\u001b]52;c;aGVsbG8=\u0007"`: {
			`lang = "\x1b]52;c;aGVsbG8=\a": want ko or en`,
			`lang = "\x1b]52;c;aGVsbG8=\a": 바른 값: ko 또는 en`},
		`notify = "\u200b"`: {
			`notify = "\u200b": want "auto", "osc9", "osc777", "osc99" or "off"`,
			`notify = "\u200b": 바른 값: "auto", "osc9", "osc777", "osc99" 또는 "off"`},
		"[[rule]]\nname = \"x\"\nhosts = [\"a.kr\"]\nbody = [\"div[\\u001b[2J\"]": {
			`rule 1 "x": body selector "div[\x1b[2J": expected identifier, found \x1b instead`,
			`1번째 rule "x": body selector "div[\x1b[2J": 읽을 수 없음`},
		"[[rule]]\nname = \"x\"\nhosts = [\"a.kr\"]\nbody = [\"div\"]\ndrop_text = [\"\\u001b[2J(\"]": {
			`rule 1 "x": drop_text pattern "\x1b[2J(": error parsing regexp: missing closing ]: ` + "`[2J(`",
			`1번째 rule "x": drop_text pattern "\x1b[2J(": 읽을 수 없음`},
		"[[feed]]\nurl = \"https://a.kr/\\u001b[2J\"": {
			`feed 1: "https://a.kr/\x1b[2J": holds control or invisible characters`,
			`1번째 feed: "https://a.kr/\x1b[2J": 제어 문자나 보이지 않는 문자가 있음`},
		"[[alert]]\ntag = \"속보\"\nquiet = \"\\u001b[2J\"": {
			`alert 1: quiet = "\x1b[2J": want a span of hours such as "23:00-07:00"`,
			`1번째 alert: quiet = "\x1b[2J": 바른 값: 시간의 범위. 예: "23:00-07:00"`},
		"[[view]]\nname = \"v\"\nquery = \"\\u001b[2Jis:later\"": {
			`view 1: query = "\x1b[2Jis:later": bad query at "is:later": is: takes unread, read or starred`,
			`1번째 view: query = "\x1b[2Jis:later": 검색어 오류 "is:later": is:에는 unread, read, starred만 씀`},
		`"\u001b[2J" = 1`: {
			`unknown key "\x1b[2J"`,
			`모르는 키 "\x1b[2J"`},
	}
	for body, want := range tests {
		if err := os.WriteFile(cfg, []byte(body+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for i, l := range []string{"en", "ko"} {
			_, stderr, status := sokbo(t, "--lang", l, "--config", cfg, "list", seed)
			word := map[string]string{"en": "config ", "ko": "설정 "}[l]
			if line := "sokbo: " + word + cfg + ": " + want[i] + "\n"; status != 1 || stderr != line {
				t.Errorf("%q (%s): status %d, stderr %q\nwant %q", body, l, status, stderr, line)
			}
			noEscapes(t, stderr)
		}
	}
}

// TestConfigValues: each bad value is refused with one line that names the
// key and the accepted form; good ones are read.
func TestConfigValues(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	tests := map[string]string{
		"max_body = \"1TB\"":                          "max_body",
		"max_body = \"1.5\"":                          "max_body",
		"timeout = \"1h\"":                            "timeout",
		"refresh = \"10s\"":                           "at least 30s",
		"keep = \"1h\"":                               "keep",
		"max_items = 3":                               "max_items",
		"wait = \"forever\"":                          "wait",
		"style = \"neon\"":                            "style",
		"[[feed]]\nurl = \"https://a.kr/\\u001b[2J\"": "feed 1",
	}
	for body, key := range tests {
		t.Run(key, func(t *testing.T) {
			if err := os.WriteFile(cfg, []byte(body+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			_, stderr, status := sokbo(t, "--config", cfg, "list", seed)
			if status != 1 || !strings.Contains(stderr, key) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("%s: status %d, stderr %q", body, status, stderr)
			}
			noEscapes(t, stderr)
		})
	}
	good := "max_body = \"1.5MiB\"\ntimeout = \"20s\"\nrefresh = \"off\"\nkeep = \"30d\"\nmax_items = 1000\nwait = \"2s\"\n"
	if err := os.WriteFile(cfg, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := loadSettings(flagValues{config: cfg}, testEnv(t))
	if err != nil {
		t.Fatal(err)
	}
	if s.maxBody != 3<<19 || s.timeout != 20*time.Second || s.refresh != 0 || s.keep != 30*24*time.Hour || s.maxItems != 1000 || s.wait != 2*time.Second {
		t.Errorf("settings = %+v", s)
	}
}

// TestConfigDevNull: --config /dev/null means no config, as the idiom goes,
// though a config must otherwise be a regular file.
func TestConfigDevNull(t *testing.T) {
	out, stderr, status := sokbo(t, "--config", os.DevNull, "read", seed, "--format", "text")
	if status != 0 || !strings.Contains(out, "카카오톡") {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
}
