package main

import (
	"os"
	"path/filepath"
	"strings"

	"sokbo/feed/clean"
	"sokbo/render/lang"
	"sokbo/ui"
)

// handsSettings are the config's keys for what the reader does with an
// article beyond showing it.
type handsSettings struct {
	// terminalBrowsers name programs that draw in the terminal, beside
	// the ones sokbo knows (ui.TerminalBrowsers).
	terminalBrowsers []string
	// pipe is the command | offers; "" for none.
	pipe string
	// saveDir is where S saves articles: the config's save_dir, or
	// $XDG_DATA_HOME/sokbo/saved (~/.local/share/sokbo/saved).
	saveDir string
}

// handsConfig are those keys in the config file:
//
//	terminal_browsers = ["mybrowser"]  # more programs that run in the terminal
//	pipe = "text: wc -m"               # what | offers; text: gives plain text
//	save_dir = "~/sokbo"               # where S saves articles
type handsConfig struct {
	TerminalBrowsers []string `toml:"terminal_browsers"`
	Pipe             string   `toml:"pipe"`
	SaveDir          string   `toml:"save_dir"`
}

// read checks the keys into h; bad builds the error for a bad value.
func (h *handsSettings) read(l lang.Lang, c handsConfig, bad func(key, val, want string) error) error {
	for _, name := range c.TerminalBrowsers {
		if name == "" || strings.ContainsAny(name, "/ \t") || !clean.IsCleanLine(name) {
			return bad("terminal_browsers", name, l.WantBrowsers())
		}
	}
	h.terminalBrowsers = c.TerminalBrowsers
	if c.Pipe != "" {
		if err := ui.CheckPipeCommand(c.Pipe); err != nil || !clean.IsCleanLine(c.Pipe) {
			return bad("pipe", c.Pipe, l.WantPipe())
		}
		h.pipe = c.Pipe
	}
	if c.SaveDir != "" {
		dir := c.SaveDir
		if rest, ok := strings.CutPrefix(dir, "~/"); ok {
			home, err := os.UserHomeDir()
			if err != nil {
				return bad("save_dir", c.SaveDir, l.WantSaveDirHome())
			}
			dir = filepath.Join(home, rest)
		}
		if !filepath.IsAbs(dir) || !clean.IsCleanLine(c.SaveDir) {
			return bad("save_dir", c.SaveDir, l.WantSaveDir())
		}
		h.saveDir = filepath.Clean(dir)
	}
	return nil
}

// defaults fills in what the config did not set.
func (h *handsSettings) defaults(env func(string) string) {
	if h.saveDir == "" {
		h.saveDir = defaultSaveDir(env)
	}
}

// defaultSaveDir is $XDG_DATA_HOME/sokbo/saved, or
// ~/.local/share/sokbo/saved: beside the offline cache, out of the way
// of the home folder; the footer names the file on every save.
func defaultSaveDir(env func(string) string) string {
	return filepath.Join(filepath.Dir(defaultDataPath(env)), "saved")
}
