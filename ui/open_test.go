package ui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sokbo/render/lang"
	"strings"
	"testing"
)

func TestOpenable(t *testing.T) {
	tests := map[string]bool{
		"https://newsdao.kr/4082":          true,
		"http://example.com/a?b=c":         true,
		"javascript:alert(1)":              false,
		"data:text/html,<script>":          false,
		"file:///etc/passwd":               false,
		"mailto:desk@newsdao.kr":           false,
		"-nope":                            false,
		"--help":                           false,
		"//newsdao.kr/4082":                false,
		"https://":                         false,
		"":                                 false,
		"HTTPS://NEWSDAO.KR/4082":          true,
		"https://newsdao.kr/$(rm -rf ~)":   true, // harmless: argv, no shell
		"https://newsdao.kr/`touch pwned`": true,
	}
	for link, want := range tests {
		if got := openable(link); got != want {
			t.Errorf("openable(%q) = %v, want %v", link, got, want)
		}
	}
}

// testFinder is a browserFinder over an environment and the programs
// installed, by name.
func testFinder(env map[string]string, installed ...string) browserFinder {
	return browserFinder{
		env:      func(k string) string { return env[k] },
		terminal: append(slices.Clone(TerminalBrowsers), "mybrowser"),
		lookPath: func(name string) (string, error) {
			if slices.Contains(installed, name) {
				return "/usr/bin/" + name, nil
			}
			return "", errors.New("not found")
		},
		goos: "linux",
	}
}

func TestFindBrowser(t *testing.T) {
	const link = "https://newsdao.kr/4082;rm -rf ~"
	gui := map[string]string{"DISPLAY": ":0"}
	with := func(env map[string]string, browser string) map[string]string {
		out := map[string]string{"BROWSER": browser}
		for k, v := range env {
			out[k] = v
		}
		return out
	}
	tests := map[string]struct {
		env       map[string]string
		installed []string
		argv      []string
		terminal  bool
		err       string
	}{
		"the first installed of the list": {with(gui, "nosuch:firefox --new-tab:w3m"), []string{"firefox", "w3m"}, []string{"firefox", "--new-tab", link}, false, ""},
		"a terminal browser later in it":  {with(gui, "firefox:w3m"), []string{"w3m"}, []string{"w3m", link}, true, ""},
		"%s placed as its own word":       {with(gui, "lynx -accept_all_cookies %s -nopause"), []string{"lynx"}, []string{"lynx", "-accept_all_cookies", link, "-nopause"}, true, ""},
		"quoted words":                    {with(gui, `"my browser" --profile 'work 1'`), []string{"my browser"}, []string{"my browser", "--profile", "work 1", link}, false, ""},
		"configured as a terminal one":    {with(gui, "mybrowser"), []string{"mybrowser"}, []string{"mybrowser", link}, true, ""},
		"empty entries skipped":           {with(gui, "::elinks:"), []string{"elinks"}, []string{"elinks", link}, true, ""},
		"none installed":                  {with(gui, "firefox:chromium"), nil, nil, false, "firefox, chromium"},
		"%s inside a word refused":        {with(gui, "surf --url=%s"), []string{"surf"}, nil, false, "%s는 따로"},
		"a shell line refused":            {with(gui, "firefox | tee log"), []string{"firefox"}, nil, false, "셸이 필요함"},
		"default: xdg-open":               {gui, []string{"xdg-open", "w3m"}, []string{"xdg-open", link}, false, ""},
		"no display: a terminal browser":  {map[string]string{}, []string{"xdg-open", "lynx"}, []string{"lynx", link}, true, ""},
		"no display, none: xdg-open":      {map[string]string{}, []string{"xdg-open"}, []string{"xdg-open", link}, false, ""},
		"no launcher at all":              {gui, nil, nil, false, "xdg-open 없음"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			b, err := testFinder(tc.env, tc.installed...).find(link)
			if tc.err != "" {
				// The reader says it in Korean.
				if _, cause := describe(lang.Ko, err); err == nil || !strings.Contains(cause, tc.err) {
					t.Fatalf("find = %q, %v; want an error with %q", b.argv, err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(b.argv, tc.argv) || b.terminal != tc.terminal {
				t.Fatalf("find = %q terminal %v, %v; want %q terminal %v", b.argv, b.terminal, err, tc.argv, tc.terminal)
			}
			if !slices.Contains(b.argv, link) {
				t.Errorf("the link is not one word of its own: %q", b.argv)
			}
		})
	}
	f := testFinder(map[string]string{"DISPLAY": ":0"}, "open")
	f.goos = "darwin"
	if b, err := f.find(link); err != nil || !slices.Equal(b.argv, []string{"open", link}) {
		t.Errorf("macOS: %q, %v", b.argv, err)
	}
}

// TestTerminalBrowserBySymlink: www-browser or a name of the user's own
// that links to w3m is a terminal browser too.
func TestTerminalBrowserBySymlink(t *testing.T) {
	dir := t.TempDir()
	w3m := filepath.Join(dir, "w3m")
	if err := os.WriteFile(w3m, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(w3m, filepath.Join(dir, "textweb")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	f := newBrowserFinder(Config{Env: func(k string) string { return map[string]string{"BROWSER": "textweb", "DISPLAY": ":0"}[k] }})
	b, err := f.find("https://newsdao.kr/1")
	if err != nil || !b.terminal {
		t.Errorf("textweb → w3m: %+v, %v", b, err)
	}
}

func TestOpenKey(t *testing.T) {
	f := fakeFeed(2)
	f.Items[1].Link = "javascript:alert(1)"
	var opened []string
	m := newTestModel(t, f, 60, 10)
	m.cfg.OpenURL = func(link string) error { opened = append(opened, link); return nil }
	m = press(t, m, "o")
	if !slices.Equal(opened, []string{"https://newsdao.kr/4000"}) {
		t.Fatalf("opened %q", opened)
	}
	m = update(t, m, runOpen(t, m, "j"))
	if len(opened) != 1 {
		t.Errorf("a javascript: link was handed to the browser: %q", opened)
	}
	if !strings.Contains(screen(m), "열 수 없음") {
		t.Errorf("refusal not shown:\n%s", screen(m))
	}
}

// runOpen presses k, then o, and returns the message the open command
// produced.
func runOpen(t *testing.T, m Model, k string) openedMsg {
	t.Helper()
	m = press(t, m, k)
	_, cmd := m.Update(keyPress("o"))
	if cmd == nil {
		t.Fatal("o returned no command")
	}
	return cmd().(openedMsg)
}

// TestOpenKeyNoLink checks that o on an item without a link says so.
func TestOpenKeyNoLink(t *testing.T) {
	f := fakeFeed(1)
	f.Items[0].Link = ""
	var opened []string
	m := newTestModel(t, f, 60, 10)
	m.cfg.OpenURL = func(link string) error { opened = append(opened, link); return nil }
	m = press(t, m, "o")
	if len(opened) != 0 {
		t.Fatalf("opened %q", opened)
	}
	if !strings.Contains(screen(m), "열 링크가 없습니다") {
		t.Errorf("no note:\n%s", screen(m))
	}
}

// TestCopyKeyNoLink (QA 4): y on an item without a link says there is
// nothing to copy, not nothing to open.
func TestCopyKeyNoLink(t *testing.T) {
	f := fakeFeed(1)
	f.Items[0].Link = ""
	m := newTestModel(t, f, 60, 10)
	m = press(t, m, "y")
	if f := lastLine(screen(m)); !strings.Contains(f, "복사할 링크가 없습니다") {
		t.Errorf("footer %q", f)
	}
}

// TestOpenOldLinkEncoded: the browser gets a stored link with a space, a
// quote or angle brackets in the form a browser copies, percent-encoded.
func TestOpenOldLinkEncoded(t *testing.T) {
	f := fakeFeed(1)
	f.Items[0].Link = `https://x.example/a b"c<d>`
	var opened []string
	m := newTestModel(t, f, 60, 10)
	m.cfg.OpenURL = func(link string) error { opened = append(opened, link); return nil }
	press(t, m, "o")
	if !slices.Equal(opened, []string{"https://x.example/a%20b%22c%3Cd%3E"}) {
		t.Fatalf("opened %q", opened)
	}
}
