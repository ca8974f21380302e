package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeConfig writes body as a config file and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(body+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMouseConfig: the mouse is on without a config and with one that
// does not mention it, off with mouse = false, and a value that is not a
// boolean is refused in one line.
func TestMouseConfig(t *testing.T) {
	for body, want := range map[string]bool{"": true, "mouse = true": true, "mouse = false": false, `style = "plain"`: true} {
		s, err := loadSettings(flagValues{config: writeConfig(t, body)}, testEnv(t))
		if err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		if s.reader.mouse != want {
			t.Errorf("%q: mouse %v, want %v", body, s.reader.mouse, want)
		}
	}
	s, err := loadSettings(flagValues{}, testEnv(t))
	if err != nil || !s.reader.mouse {
		t.Errorf("no config: mouse %v, %v", s != nil && s.reader.mouse, err)
	}
	_, stderr, status := sokbo(t, "--config", writeConfig(t, `mouse = "no"`), "list", seed)
	if status != 1 || !strings.Contains(stderr, "mouse") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("mouse = \"no\": status %d, stderr %q", status, stderr)
	}
}

// TestSplitConfig: split = true starts the reader split; it is off
// otherwise, and a value that is not a boolean is refused in one line.
func TestSplitConfig(t *testing.T) {
	for body, want := range map[string]bool{"": false, "split = true": true, "split = false": false} {
		s, err := loadSettings(flagValues{config: writeConfig(t, body)}, testEnv(t))
		if err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		if s.reader.split != want {
			t.Errorf("%q: split %v, want %v", body, s.reader.split, want)
		}
	}
	_, stderr, status := sokbo(t, "--config", writeConfig(t, `split = 1`), "list", seed)
	if status != 1 || !strings.Contains(stderr, "split") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("split = 1: status %d, stderr %q", status, stderr)
	}
}

// TestKeysConfig: a [keys] table rebinds actions, with a key or a list
// of keys; a name that is no action, a value of another type and keys
// two actions would share are refused in one line naming them.
func TestKeysConfig(t *testing.T) {
	s, err := loadSettings(flagValues{config: writeConfig(t, "[keys]\nopen = [\"enter\", \"l\"]\nquit = \"Q\"")}, testEnv(t))
	if err != nil {
		t.Fatal(err)
	}
	if k := s.reader.keys; k == nil || strings.Join(k.Open.Keys(), ",") != "enter,l" || strings.Join(k.Quit.Keys(), ",") != "Q" || strings.Join(k.Back.Keys(), ",") != "esc,backspace,q" {
		t.Errorf("keys %+v", s.reader.keys)
	}
	if s, err := loadSettings(flagValues{config: writeConfig(t, `style = "plain"`)}, testEnv(t)); err != nil || s.reader.keys != nil {
		t.Errorf("no [keys]: %v %v", s.reader.keys, err)
	}
	for body, want := range map[string][]string{
		"[keys]\nopne = \"l\"":               {`keys: no action "opne"`},
		"[keys]\nopen = 3":                   {"keys: open: want a key or a list of keys"},
		"[keys]\nopen = [\"l\", 3]":          {"keys: open: want"},
		"[keys]\nopen_link = \"enter\"":      {`"enter" is bound to both open and open_link`},
		"[keys]\nstar = \"l\"\nsave = \"l\"": {`"l" is bound to both star and save`},
		"[keys]\nopen = \"\\u001b[2J\"":      {`open = "\x1b[2J"`},
		"[keys]\n\"x\\u001by\" = \"l\"":      {`no action "x\x1by"`},
		"keys = \"l\"":                       {"keys"},
	} {
		t.Run(body, func(t *testing.T) {
			_, stderr, status := sokbo(t, "--config", writeConfig(t, body), "list", seed)
			if status != 1 || strings.Count(stderr, "\n") != 1 {
				t.Fatalf("status %d, stderr %q", status, stderr)
			}
			noEscapes(t, stderr)
			for _, w := range want {
				if !strings.Contains(stderr, w) {
					t.Errorf("%q lacks %q", stderr, w)
				}
			}
		})
	}
}
