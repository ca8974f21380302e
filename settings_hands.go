package main

import (
	"strings"

	"sokbo/feed/clean"
)

// handsSettings are the config's keys for what the reader does with an
// article beyond showing it.
type handsSettings struct {
	// terminalBrowsers name programs that draw in the terminal, beside
	// the ones sokbo knows (ui.TerminalBrowsers).
	terminalBrowsers []string
}

// handsConfig are those keys in the config file:
//
//	terminal_browsers = ["mybrowser"]  # more programs that run in the terminal
type handsConfig struct {
	TerminalBrowsers []string `toml:"terminal_browsers"`
}

// read checks the keys into h; bad builds the error for a bad value.
func (h *handsSettings) read(c handsConfig, bad func(key, val, want string) error) error {
	for _, name := range c.TerminalBrowsers {
		if name == "" || strings.ContainsAny(name, "/ \t") || !clean.IsCleanLine(name) {
			return bad("terminal_browsers", name, `program names, such as ["w3m", "mybrowser"]`)
		}
	}
	h.terminalBrowsers = c.TerminalBrowsers
	return nil
}
