//go:build linux

package ui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the test holds master, the program
// under test gets slave, whose name it returns.
func openPTY(t *testing.T) (master, slave *os.File, name string) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	name = fmt.Sprintf("/dev/pts/%d", n)
	s, err := os.OpenFile(name, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(int(s.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: 80}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s, name
}

// stub writes an executable shell script named name into dir.
func stub(t *testing.T, dir, name, script string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
}

// fifo makes a named pipe in dir and returns its path and a function
// that reads everything a stub writes to it, failing the test after a
// deadline: the stub's writing is the event the test waits for, so no
// test sleeps.
func fifo(t *testing.T, dir string) (string, func() string) {
	t.Helper()
	path := filepath.Join(dir, "report")
	if err := unix.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, func() string {
		t.Helper()
		got := make(chan string, 1)
		go func() {
			f, err := os.Open(path) // blocks until the stub opens it
			if err != nil {
				got <- "open: " + err.Error()
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			got <- string(b)
		}()
		select {
		case s := <-got:
			return s
		case <-time.After(20 * time.Second):
			t.Fatal("the stub never reported")
			return ""
		}
	}
}

// loaded runs a model already loaded, as a program: Init loads nothing
// again, and every message is seen by watch first.
type loaded struct {
	Model
	watch func(tea.Msg)
}

func (l loaded) Init() tea.Cmd { return nil }

func (l loaded) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	l.watch(msg)
	next, cmd := l.Model.Update(msg)
	l.Model = next.(Model)
	return l, cmd
}

// TestTerminalBrowserGetsTheTerminal runs the reader on a real
// pseudo-terminal with BROWSER naming a stub w3m that reports the
// terminal it was given: o hands it the reader's terminal (the same tty
// on stdin and stdout), and the reader comes back when it exits.
func TestTerminalBrowserGetsTheTerminal(t *testing.T) {
	master, slave, ttyName := openPTY(t)
	dir := t.TempDir()
	report, read := fifo(t, dir)
	stub(t, dir, "w3m", `[ -t 1 ] && out="stdout is a terminal"; { tty; echo "$out"; printf '%s\n' "$@"; } > "`+report+`"`+"\n")
	stub(t, dir, "firefox", "exit 0\n")
	t.Setenv("PATH", dir+":/usr/bin:/bin") // the stub runs tty

	m := newTestModel(t, fakeFeed(3), 80, 24)
	m.cfg.Env = func(k string) string {
		return map[string]string{"BROWSER": "nosuch:w3m:firefox", "DISPLAY": ":0"}[k]
	}
	closed := make(chan error, 1)
	p := tea.NewProgram(loaded{m, func(msg tea.Msg) {
		if c, ok := msg.(browserClosedMsg); ok {
			closed <- c.err
		}
	}}, tea.WithInput(slave), tea.WithOutput(slave))
	go io.Copy(io.Discard, master) //nolint:errcheck // drains the screen until the test ends
	done := make(chan tea.Model, 1)
	go func() {
		final, err := p.Run()
		if err != nil {
			t.Error(err)
		}
		done <- final
	}()
	if _, err := master.Write([]byte("o")); err != nil {
		t.Fatal(err)
	}
	got := read()
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 3 || lines[0] != ttyName || lines[1] != "stdout is a terminal" || lines[2] != "https://newsdao.kr/4000" {
		t.Fatalf("the browser reported %q; want the reader's tty %s on stdin and stdout, and the link", got, ttyName)
	}
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("the browser's exit: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the reader never heard the browser exit")
	}
	// The reader is back and takes keys again.
	if _, err := master.Write([]byte("jq")); err != nil {
		t.Fatal(err)
	}
	select {
	case final := <-done:
		if l := final.(loaded); l.list.cursor != 1 || !l.status.empty() {
			t.Errorf("after the browser: cursor %d, status %q", l.list.cursor, l.status.body())
		}
	case <-time.After(20 * time.Second):
		p.Kill()
		t.Fatal("the reader did not come back after the browser")
	}
}

// TestGUIBrowserStartsDetached: a browser with a window of its own gets
// the link as one argument and no terminal, and the reader does not wait
// for it.
func TestGUIBrowserStartsDetached(t *testing.T) {
	dir := t.TempDir()
	report, read := fifo(t, dir)
	stub(t, dir, "firefox", `{ [ -t 0 ] || echo "no terminal"; printf '%s\n' "$@"; } > "`+report+`"`+"\n")
	t.Setenv("PATH", dir)
	m := newTestModel(t, fakeFeed(2), 60, 10)
	m.cfg.Env = func(k string) string {
		return map[string]string{"BROWSER": "w3m:firefox --new-tab", "DISPLAY": ":0"}[k]
	}
	m = press(t, m, "o")
	if !strings.Contains(screen(m), "브라우저로 여는 중") {
		t.Errorf("footer:\n%s", screen(m))
	}
	if got := read(); got != "no terminal\n--new-tab\nhttps://newsdao.kr/4000\n" {
		t.Errorf("the browser got %q", got)
	}
}
