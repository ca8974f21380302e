package ui

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed/clean"
)

// errNotOpenable is returned for a link whose scheme sokbo will not hand
// to a browser.
var errNotOpenable = errors.New("only http and https links open in a browser")

// TerminalBrowsers are the browsers that draw in the terminal they are
// started from, by program name. sokbo hands them its terminal and waits
// for them to exit; a browser with a window of its own starts detached.
// Config.TerminalBrowsers adds to them.
var TerminalBrowsers = []string{"w3m", "lynx", "links", "links2", "elinks", "browsh", "carbonyl", "www-browser"}

// openable reports whether link may be handed to a browser: an absolute
// http or https URL with a host, in printable characters, not starting
// with "-" (see clean.Open). Feed links are hostile; javascript:, data: and
// file: links, and anything a browser launcher could take for an option,
// are refused.
func openable(link string) bool { return clean.URLOK(link, clean.Open) }

// browser is a command that opens one link.
type browser struct {
	argv []string
	// terminal says the browser draws in the terminal: it gets sokbo's,
	// and the reader waits for it.
	terminal bool
}

// browserFinder resolves the browser for a link from the environment.
type browserFinder struct {
	env func(string) string
	// terminal names the programs that run in the terminal.
	terminal []string
	lookPath func(string) (string, error)
	goos     string
}

func newBrowserFinder(cfg Config) browserFinder {
	env := cfg.Env
	if env == nil {
		env = os.Getenv
	}
	return browserFinder{
		env:      env,
		terminal: slices.Concat(TerminalBrowsers, cfg.TerminalBrowsers),
		lookPath: exec.LookPath,
		goos:     runtime.GOOS,
	}
}

// find returns the command that opens link. $BROWSER is a colon-separated
// list of commands, tried in order: the first whose program is installed
// opens it. Each entry is split into words by shell rules, never run
// through a shell; a word "%s" is replaced by the link, and without one
// the link is added as the last word. Either way the link is one word of
// its own. With no $BROWSER it is open on macOS; elsewhere xdg-open, or,
// with no display to show a window on (a session over ssh), the first
// terminal browser installed.
func (f browserFinder) find(link string) (browser, error) {
	if list := strings.TrimSpace(f.env("BROWSER")); list != "" {
		var tried []string
		var bad error
		for entry := range strings.SplitSeq(list, ":") {
			argv, err := browserWords(entry, link)
			if err != nil {
				bad = err
				continue
			}
			if argv == nil {
				continue
			}
			if _, err := f.lookPath(argv[0]); err != nil {
				tried = append(tried, argv[0])
				continue
			}
			return browser{argv: argv, terminal: f.isTerminal(argv[0])}, nil
		}
		if bad != nil && len(tried) == 0 {
			return browser{}, bad
		}
		return browser{}, &readerError{kind: errNoBrowser, arg: clean.OneLine(strings.Join(tried, ", "))}
	}
	if f.goos == "darwin" {
		return browser{argv: []string{"open", link}}, nil
	}
	if f.env("DISPLAY") == "" && f.env("WAYLAND_DISPLAY") == "" {
		for _, name := range f.terminal {
			if _, err := f.lookPath(name); err == nil {
				return browser{argv: []string{name, link}, terminal: true}, nil
			}
		}
	}
	if _, err := f.lookPath("xdg-open"); err != nil {
		return browser{}, &readerError{kind: errNoLauncher, arg: "xdg-open"}
	}
	return browser{argv: []string{"xdg-open", link}}, nil
}

// browserWords splits one $BROWSER entry into argv for link, or returns
// nil for an empty entry.
func browserWords(entry, link string) ([]string, error) {
	if strings.TrimSpace(entry) == "" {
		return nil, nil
	}
	words, err := SplitCommand(entry)
	if err != nil {
		return nil, err
	}
	placed := false
	for i, w := range words {
		switch {
		case w == "%s":
			words[i], placed = link, true
		case strings.Contains(w, "%s"):
			return nil, &readerError{kind: errBadBrowser, arg: clean.OneLine(entry)}
		}
	}
	if !placed {
		words = append(words, link)
	}
	return words, nil
}

// isTerminal reports whether program is a terminal browser: its name, or
// the name of the file a symlink such as www-browser points to.
func (f browserFinder) isTerminal(program string) bool {
	if slices.Contains(f.terminal, filepath.Base(program)) {
		return true
	}
	if path, err := f.lookPath(program); err == nil {
		if real, err := filepath.EvalSymlinks(path); err == nil {
			return slices.Contains(f.terminal, filepath.Base(real))
		}
	}
	return false
}

// startBrowser starts a browser with a window of its own, or returns why
// it cannot: it starts argv directly, never through a shell, and does not
// wait for it.
func startBrowser(argv []string) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return &readerError{kind: errNoLauncher, arg: clean.Name(argv[0]), err: err}
		}
		return err
	}
	go cmd.Wait() //nolint:errcheck // the launcher's status says nothing useful
	return nil
}

// OpenURL opens link as the reader's o does with no terminal browser:
// the first browser of $BROWSER, xdg-open or open, started detached.
func OpenURL(link string) error {
	if !openable(link) {
		return errNotOpenable
	}
	b, err := newBrowserFinder(Config{}).find(link)
	if err != nil {
		return err
	}
	return startBrowser(b.argv)
}

// Messages of opening a link.
type (
	// openedMsg reports a browser started detached, or why none was.
	openedMsg struct {
		link string
		err  error
	}
	// browserClosedMsg reports that a terminal browser, which had the
	// terminal, exited.
	browserClosedMsg struct {
		link string
		err  error
	}
)

// openCmd opens link: a terminal browser gets the terminal until it exits
// (execProcess), any other starts detached. Config.OpenURL, when set,
// opens every link instead.
func (m Model) openCmd(link string) tea.Cmd {
	if !openable(link) {
		return func() tea.Msg { return openedMsg{link: link, err: errNotOpenable} }
	}
	// The browser gets the address as a browser copies it (clean.ASCIIURL):
	// a link stored by an older sokbo may still hold a space or a quote.
	target := clean.ASCIIURL(link)
	if open := m.cfg.OpenURL; open != nil {
		return func() tea.Msg { return openedMsg{link: link, err: open(target)} }
	}
	b, err := newBrowserFinder(m.cfg).find(target)
	if err != nil {
		return func() tea.Msg { return openedMsg{link: link, err: err} }
	}
	if b.terminal {
		cmd := exec.Command(b.argv[0], b.argv[1:]...)
		return execProcess(cmd, func(err error) tea.Msg { return browserClosedMsg{link: link, err: err} })
	}
	return func() tea.Msg { return openedMsg{link: link, err: startBrowser(b.argv)} }
}
