package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestHandsConfig: the reader's keys for browsers, pipe and save are
// read, and a bad value is refused with one line naming the key.
func TestHandsConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	write := func(body string) {
		t.Helper()
		if err := os.WriteFile(cfg, []byte(body+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for body, key := range map[string]string{
		`terminal_browsers = ["w3m -T text/html"]`: "terminal_browsers",
		`terminal_browsers = ["/usr/bin/w3m"]`:     "terminal_browsers",
		`terminal_browsers = ["w3m\u001b[2J"]`:     "terminal_browsers",
		`terminal_browsers = "w3m"`:                "terminal_browsers",
	} {
		t.Run(body, func(t *testing.T) {
			write(body)
			_, stderr, status := sokbo(t, "--config", cfg, "list", seed)
			if status != 1 || !strings.Contains(stderr, key) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("status %d, stderr %q", status, stderr)
			}
			noEscapes(t, stderr)
		})
	}
	write(`terminal_browsers = ["mybrowser", "w3m-img"]`)
	s, err := loadSettings(flagValues{config: cfg}, testEnv(t))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.hands.terminalBrowsers, []string{"mybrowser", "w3m-img"}) {
		t.Errorf("hands = %+v", s.hands)
	}
}
