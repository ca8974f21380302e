package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"sokbo/render/lang"
)

// hangul matches a Hangul syllable or letter.
var hangul = regexp.MustCompile(`[\x{AC00}-\x{D7A3}\x{3131}-\x{318E}]`)

// TestLanguage runs the command lines a user meets trouble with in a
// Korean and an English locale, and keeps what each says, stdout and
// stderr, in a golden file per language: every line of sokbo's own is in
// the run's language, and no English run says a word of Korean.
func TestLanguage(t *testing.T) {
	dir := t.TempDir()
	badConfig := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(badConfig, []byte("style = \"neon\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	badAlert := filepath.Join(dir, "alert.toml")
	if err := os.WriteFile(badAlert, []byte("[[alert]]\nname = \"garam\"\nquery = \"outage\"\nrate = \"5/x\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	badRule := filepath.Join(dir, "rule.toml")
	if err := os.WriteFile(badRule, []byte("[[rule]]\nname = \"dongne\"\nhosts = [\"https://dongne.example\"]\nbody = [\"#a\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	badKeys := filepath.Join(dir, "keys.toml")
	if err := os.WriteFile(badKeys, []byte("[keys]\nopen = [\"shift+l\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	notFeed := filepath.Join(dir, "page.html")
	if err := os.WriteFile(notFeed, []byte("<!doctype html><html><body>hi</body></html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/rss"
	ln.Close() // nothing listens there: the connection is refused
	cases := [][]string{
		{"lsit"},
		{"feeds", "lsit"},
		{"read", "--width", "5", seed},
		{"read", "--format", "pdf", seed},
		{"--unknown"},
		{"read", seed, "99"},
		{"read", "nope.xml"},
		{"list", notFeed},
		{"--config", badConfig, "list", seed},
		{"--config", badAlert, "list", seed},
		{"--config", badRule, "list", seed},
		{"--config", badKeys, "list", seed},
		{"import", seed},
		{"list", closed},
		{"feeds", "rm", "https://nowhere.example/rss"},
		{"refresh", "--offline"},
		{"search", "is:maybe", seed},
		{"export", "extra"},
	}
	for _, l := range []string{"ko", "en"} {
		t.Run(l, func(t *testing.T) {
			locale := map[string]string{"ko": "ko_KR.UTF-8", "en": "C.UTF-8"}[l]
			var b strings.Builder
			for _, args := range cases {
				stdout, stderr, status := sokboEnv(t, testEnv(t, "LANG", locale), args...)
				stderr = strings.ReplaceAll(stderr, dir, "DIR")
				stderr = strings.ReplaceAll(stderr, ln.Addr().String(), "127.0.0.1:PORT")
				fmt.Fprintf(&b, "$ sokbo %s\n", strings.ReplaceAll(strings.ReplaceAll(strings.Join(args, " "), dir, "DIR"), ln.Addr().String(), "127.0.0.1:PORT"))
				fmt.Fprintf(&b, "%s%s[%d]\n\n", stdout, stderr, status)
				for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
					switch {
					case l == "en" && hangul.MatchString(line):
						t.Errorf("%v: an English run says Korean: %q", args, line)
					case l == "ko" && line != "" && !hangul.MatchString(line) && !strings.HasPrefix(line, "usage"):
						t.Errorf("%v: a Korean run says no Korean: %q", args, line)
					}
				}
			}
			golden.RequireEqual(t, []byte(b.String()))
		})
	}
}

// TestLanguageChoice: --lang wins over the config's lang, which wins over
// the locale; LC_ALL wins over LC_MESSAGES, which wins over LANG.
func TestLanguageChoice(t *testing.T) {
	dir := t.TempDir()
	cfgEn := filepath.Join(dir, "en.toml")
	if err := os.WriteFile(cfgEn, []byte("lang = \"en\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		env  []string
		args []string
		want lang.Lang
	}{
		"C":                     {[]string{"LANG", "C.UTF-8"}, nil, lang.En},
		"unset":                 {nil, nil, lang.En},
		"ko":                    {[]string{"LANG", "ko_KR.UTF-8"}, nil, lang.Ko},
		"LC_MESSAGES over LANG": {[]string{"LANG", "ko_KR.UTF-8", "LC_MESSAGES", "en_US.UTF-8"}, nil, lang.En},
		"LC_ALL over both":      {[]string{"LANG", "en_US.UTF-8", "LC_MESSAGES", "en_US.UTF-8", "LC_ALL", "ko_KR.UTF-8"}, nil, lang.Ko},
		"--lang over locale":    {[]string{"LANG", "ko_KR.UTF-8"}, []string{"--lang", "en"}, lang.En},
		"--lang=ko":             {[]string{"LANG", "C"}, []string{"--lang=ko"}, lang.Ko},
		"config over locale":    {[]string{"LANG", "ko_KR.UTF-8"}, []string{"--config", cfgEn}, lang.En},
		"--lang over config":    {[]string{"LANG", "C"}, []string{"--config", cfgEn, "--lang", "ko"}, lang.Ko},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			env := testEnv(t, tc.env...)
			if got := earlyLang(tc.args, env); got != tc.want {
				t.Errorf("earlyLang = %v, want %v", got, tc.want)
			}
			// The settings decide alike, once the flags are parsed.
			var f flagValues
			for i, a := range tc.args {
				switch {
				case a == "--lang":
					f.lang = tc.args[i+1]
				case strings.HasPrefix(a, "--lang="):
					f.lang = strings.TrimPrefix(a, "--lang=")
				case a == "--config":
					f.config = tc.args[i+1]
				}
			}
			s, err := loadSettings(f, env)
			if err != nil {
				t.Fatal(err)
			}
			if s.lang != tc.want {
				t.Errorf("settings: %v, want %v", s.lang, tc.want)
			}
		})
	}
}
