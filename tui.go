package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	tea "charm.land/bubbletea/v2"

	"sokbo/render"
	"sokbo/ui"
)

// tui runs the interactive reader. The TUI owns the terminal, so warnings
// show in the list and go to a log file in the user cache dir with any
// crash report, of which the user sees one line on stderr after the
// terminal is restored.
func (c *command) tui(a *app) int {
	std := a.std
	logPath, logFile := openLog()
	if logFile != nil {
		defer logFile.Close()
	}
	var logOut io.Writer = io.Discard
	if logFile != nil {
		logOut = logFile
	}
	logger := log.New(logOut, "", log.LstdFlags)

	// Warnings go to the log and, once the reader runs, to its list.
	var p *tea.Program
	cfg, err := c.uiConfig(a, func(err error) {
		logger.Printf("warning: %v", err)
		if p != nil {
			p.Send(ui.Warning{Err: err})
		}
	})
	if err != nil {
		fmt.Fprintf(std.err, "sokbo: %v\n", err)
		return 1
	}

	// Bubble Tea restores the terminal on a panic but then prints the
	// stack to stderr; send stderr to the log while the TUI runs.
	stderr := os.Stderr
	if logFile != nil {
		os.Stderr = logFile
	}
	p = ui.NewProgram(cfg)
	// Bubble Tea handles SIGINT and SIGTERM; a closed terminal (SIGHUP)
	// must also restore the terminal state and leave no alternate screen.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		if _, ok := <-hup; ok {
			p.Quit()
		}
	}()
	_, err = p.Run()
	os.Stderr = stderr
	if err != nil {
		if errors.Is(err, tea.ErrProgramPanic) && logPath != "" {
			fmt.Fprintf(std.err, "sokbo: internal error; details in %s\n", logPath)
		} else {
			fmt.Fprintf(std.err, "sokbo: %v\n", err)
		}
		logger.Printf("exit: %v", err)
		return 1
	}
	return 0
}

// uiConfig builds the reader's configuration from the command line: local
// sources load directly; URLs, or the subscriptions when no source is
// given, come from the offline cache and refresh in the background.
// Warnings from loading go to warn.
func (c *command) uiConfig(a *app, warn func(error)) (ui.Config, error) {
	a.warn = warn
	src, err := a.lib.Sources(context.Background(), c.args)
	if err != nil {
		return ui.Config{}, err
	}
	cfg := ui.Config{Library: a.lib, Sources: src, Style: render.StyleDark}
	switch {
	case a.std.env("NO_COLOR") != "" || c.global.style == "plain":
		cfg.Style = render.StylePlain
	case c.global.style == "light":
		cfg.Style = render.StyleLight
	case c.global.style == "dark":
	default:
		cfg.AutoStyle = true
	}
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
