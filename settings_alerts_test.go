package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokbo/feed/alert"
)

// TestAlertConfig: [[alert]] tables, notify and group are read strictly:
// a bad value is one line naming the key; good ones compile.
func TestAlertConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	bad := map[string]string{
		"notify = \"loud\"":                              "notify = \"loud\"",
		"group = \"yes\"":                                "group",
		"[[alert]]\nname = \"x\"":                        "needs a query, a tag or a feed",
		"[[alert]]\nname = \"x\"\nquery = \"\\u001b\"":   "needs a query, a tag or a feed",
		"[[alert]]\nname = \"x\"\nquery = \"\\u200b\"":   "needs a query, a tag or a feed",
		"[[alert]]\nname = \"x\"\nquery = \"\\u0007\"":   "needs a query, a tag or a feed",
		"[[alert]]\ntag = \"속보\"\nrate = \"5/x\"":        "rate = \"5/x\"",
		"[[alert]]\ntag = \"속보\"\nquiet = \"25:00\"":     "quiet",
		"[[alert]]\ntag = \"속보\"\ncolour = \"red\"":      "unknown key \"alert.colour\"",
		"[[alert]]\nquery = \"within:1h 정전\"":            "query",
		"[[alert]]\ntag = \"속보\"\nname = \"\\u001b[2J\"": "",
	}
	for body, want := range bad {
		if err := os.WriteFile(cfg, []byte(body+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := loadSettings(flagValues{config: cfg}, testEnv(t))
		if want == "" {
			if err != nil {
				t.Errorf("%q: %v", body, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "config ") {
			t.Errorf("%q: error %v, want one line with %q", body, err, want)
		}
	}
	good := "notify = \"osc777\"\ngroup = false\n[[alert]]\nname = \"정전\"\nquery = \"정전\"\nrate = \"5/h\"\n[[alert]]\ntag = \"속보\"\nquiet = \"23:00-07:00\"\n"
	if err := os.WriteFile(cfg, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := loadSettings(flagValues{config: cfg}, testEnv(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.alerts) != 2 || s.alerts[0].Name() != "정전" || s.alerts[1].Name() != "alert 2" || s.notify != alert.OSC777 || s.notifyAuto || s.group {
		t.Errorf("settings %+v", s.alertSettings)
	}
	if err := os.WriteFile(cfg, []byte("notify = \"off\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err = loadSettings(flagValues{config: cfg}, testEnv(t)); err != nil || !s.notifyOff || !s.group {
		t.Errorf("notify = off: %+v %v", s.alertSettings, err)
	}
	if s, err = loadSettings(flagValues{}, testEnv(t)); err != nil || !s.notifyAuto || s.notifyOff || !s.group || s.alerts != nil {
		t.Errorf("defaults: %+v %v", s.alertSettings, err)
	}
}

// TestRefreshIntervalMessage: the minimum is stated, and why.
func TestRefreshIntervalMessage(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte("refresh = \"10s\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := loadSettings(flagValues{config: cfg}, testEnv(t))
	if err == nil || !strings.Contains(err.Error(), "at least 30s (sokbo asks no server more often, to spare it)") {
		t.Errorf("error %v", err)
	}
}
