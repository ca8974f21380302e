package main

import (
	"errors"
	"io"
	"log"
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sokbo/feed/alert"
	"sokbo/ui"
)

// tui runs the interactive reader. The reader owns the terminal, so while
// it runs everything else that would write to it (warnings, Go's own log
// lines, a crash report) goes to a log file in the user cache dir instead,
// and the user sees one line on stderr after the terminal is restored.
func (c *command) tui(a *app) int {
	std := a.std
	// Measure as the terminal draws, before anything is laid out.
	policy := a.widthPolicy(true)
	reexecForReader(policy, std.env)
	setWidthPolicy(policy)
	logPath, logFile := openLog()
	var logOut io.Writer = io.Discard
	if logFile != nil {
		defer logFile.Close()
		logOut = logFile
	}
	logger := log.New(logOut, "", log.LstdFlags)

	// Warnings go to the log and, once the reader runs, to its list. Those
	// of reading a local source come to the reader with the read, which
	// shows them until the next read of the source, and logs them.
	logWarning := func(err error) { logger.Printf("warning: %v", err) }
	var p *ui.Program
	cfg, err := c.uiConfig(a, func(err error) {
		logWarning(err)
		if p != nil {
			p.Send(ui.Warning{Err: err})
		}
	})
	if err != nil {
		a.fail(err)
		return 1
	}
	cfg.Log, cfg.LogPath = logWarning, logPath
	cfg.TypedAhead = a.typed
	var restoreTitle func()
	cfg.WindowTitle, restoreTitle = claimTitle(os.Stdout, std.env)
	// lipgloss detected the terminal's colours when it loaded; asking
	// again costs a `tmux info` in tmux, 10 ms and more before the first
	// frame.
	p = ui.NewProgram(cfg, tea.WithContext(a.ctx), tea.WithColorProfile(lipgloss.Writer.Profile))
	restore := divertOutput(logFile)
	_, err = p.Run()
	restore()
	restoreTitle() // after the reader has cleared the title it set
	switch {
	case err == nil, a.ctx.Err() != nil:
		// A signal ended the reader; main says so in the exit status.
		return 0
	case errors.Is(err, tea.ErrProgramPanic) && logPath != "":
		a.say(a.lang.InternalAt(logPath))
	default:
		a.fail(err)
	}
	logger.Printf("exit: %v", err)
	return 1
}

// uiConfig builds the reader's configuration from the command line: local
// sources load directly; URLs, or the subscriptions when no source is
// given, come from the offline cache and refresh in the background.
// Warnings from loading go to warn.
func (c *command) uiConfig(a *app, warn func(error)) (ui.Config, error) {
	a.warn = warn
	src, err := a.lib.Sources(a.context(), c.args)
	if err != nil {
		return ui.Config{}, err
	}
	h := a.set.hands
	cfg := ui.Config{Lang: a.lang, Library: a.lib, Sources: src, Env: a.std.env, TerminalBrowsers: h.terminalBrowsers, PipeCommand: h.pipe, SaveDir: h.saveDir, Mouse: a.set.reader.mouse, Split: a.set.reader.split, Keys: a.set.reader.keys}
	if a.lib.Alerter() != nil {
		// The reader owns the terminal: it writes the sequence between
		// its frames.
		var desktop *alert.NotifySend
		cfg.Terminal, desktop = notifyTargets(a.std.env, &a.set.alertSettings)
		if desktop != nil {
			cfg.Desktop = desktop
		}
	}
	var fixed bool
	cfg.Style, fixed = a.set.renderStyle()
	cfg.AutoStyle = !fixed
	return cfg, nil
}

// openLog opens sokbo's log file in the user cache dir for appending. It
// returns no file when there is no writable cache dir.
func openLog() (string, *os.File) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", nil
	}
	dir = filepath.Join(dir, "sokbo")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", nil
	}
	path := filepath.Join(dir, "sokbo.log")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return "", nil
	}
	return path, f
}
