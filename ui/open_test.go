package ui

import (
	"slices"
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

func TestBrowserArgv(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "BROWSER" {
				return v
			}
			return ""
		}
	}
	link := "https://newsdao.kr/4082;rm -rf ~"
	got := browserArgv(link, env("firefox --new-tab:chromium"))
	if want := []string{"firefox", "--new-tab", link}; !slices.Equal(got, want) {
		t.Errorf("argv = %q, want %q", got, want)
	}
	got = browserArgv(link, env(""))
	if got[len(got)-1] != link || len(got) != 2 {
		t.Errorf("default argv = %q", got)
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
