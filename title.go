package main

import (
	"io"
	"strconv"
	"strings"
)

// The window title stack (XTWINOPS 22 and 23): push saves the title the
// terminal shows, pop gives it back.
const (
	pushTitle = "\x1b[22;0t"
	popTitle  = "\x1b[23;0t"
)

// readerTitle is the window title while the reader runs.
const readerTitle = "sokbo"

// titleStack reports whether the terminal sokbo runs in keeps a stack of
// window titles, so that the title sokbo sets can be taken back on exit.
// A terminal cannot be asked for its title (that is refused for safety),
// and one without the stack would be left with sokbo's title, or none,
// after it quits; there the reader leaves the title alone. The terminals
// are those known to keep the stack: tmux (which keeps its own, whatever
// the terminal outside), xterm, VTE 0.54 and later (GNOME Terminal,
// Tilix, ...), kitty, Alacritty, foot, WezTerm, iTerm2 and Ghostty.
func titleStack(env func(string) string) bool {
	if env("TMUX") != "" {
		return true
	}
	if env("STY") != "" {
		return false // GNU screen keeps no stack
	}
	if env("XTERM_VERSION") != "" {
		return true
	}
	if v, err := strconv.Atoi(env("VTE_VERSION")); err == nil && v >= 5400 {
		return true
	}
	switch env("TERM_PROGRAM") {
	case "WezTerm", "iTerm.app", "ghostty":
		return true
	}
	term := env("TERM")
	switch {
	case term == "xterm-kitty", term == "alacritty", term == "xterm-ghostty", term == "wezterm",
		strings.HasPrefix(term, "foot"):
		return true
	}
	return false
}

// claimTitle prepares the reader's window title: where the terminal keeps
// a title stack it saves the title shown now on w and returns the title to
// set, and restore, which gives the saved title back once the reader has
// quit. Elsewhere it returns "" (the reader sets no title) and a restore
// that does nothing.
func claimTitle(w io.Writer, env func(string) string) (title string, restore func()) {
	if !titleStack(env) {
		return "", func() {}
	}
	if _, err := io.WriteString(w, pushTitle); err != nil {
		return "", func() {}
	}
	return readerTitle, func() { io.WriteString(w, popTitle) } //nolint:errcheck // the terminal is going away
}
