//go:build linux

package ui

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/charmbracelet/x/vt"
	"golang.org/x/sys/unix"
)

// ptyScreen is what a terminal on a pseudo-terminal's master shows: every
// byte the program writes, through a terminal emulator, which answers the
// program's queries as a terminal would.
type ptyScreen struct {
	t       *testing.T
	master  *os.File
	mu      sync.Mutex
	emu     *vt.Emulator
	raw     bytes.Buffer
	changed chan struct{}
}

func watchPTY(t *testing.T, master *os.File, w, h int) *ptyScreen {
	s := &ptyScreen{t: t, master: master, emu: vt.NewEmulator(w, h), changed: make(chan struct{}, 1)}
	go func() {
		buf := make([]byte, 1<<16)
		for {
			n, err := master.Read(buf)
			if n > 0 {
				s.mu.Lock()
				s.raw.Write(buf[:n])
				_, _ = s.emu.Write(buf[:n])
				s.mu.Unlock()
				select {
				case s.changed <- struct{}{}:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		// The emulator's answers (mode reports, the kitty keyboard's
		// flags) go back to the program, as a terminal's would.
		buf := make([]byte, 256)
		for {
			n, err := s.emu.Read(buf)
			if err != nil {
				return
			}
			if _, err := master.Write(buf[:n]); err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { s.emu.InputPipe().(*io.PipeWriter).Close() })
	return s
}

// waitFor waits until cond holds of the screen's text and of the bytes
// written from offset from on, and returns the text.
func (s *ptyScreen) waitFor(what string, from int, cond func(text, raw string) bool) string {
	s.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		s.mu.Lock()
		text, raw := s.emu.String(), s.raw.String()[from:]
		s.mu.Unlock()
		if cond(text, raw) {
			return text
		}
		select {
		case <-s.changed:
		case <-deadline:
			s.t.Fatalf("the terminal never showed %s; it shows:\n%s\nafter %q", what, text, raw)
		}
	}
}

// mark is how many bytes the program has written so far.
func (s *ptyScreen) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw.Len()
}

func (s *ptyScreen) altScreen() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.IsAltScreen()
}

func (s *ptyScreen) press(keys string) {
	s.t.Helper()
	if _, err := s.master.Write([]byte(keys)); err != nil {
		s.t.Fatal(err)
	}
}

// cursorRow is the row of the list's cursor on text, "" if none.
func cursorRow(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, ">") {
			return l
		}
	}
	return ""
}

// countingClock is a frame clock whose time jumps a second at every look,
// so that no two frames are ever within the gap: a frame timer it is
// asked for is one the painter did not need. It records every timer and
// fires none; fire runs one.
type countingClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	d       time.Duration
	f       func()
	stopped bool
}

func (c *countingClock) clock() frameClock {
	return frameClock{
		now: func() time.Time {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.now = c.now.Add(time.Second)
			return c.now
		},
		afterFunc: func(d time.Duration, f func()) func() bool {
			c.mu.Lock()
			defer c.mu.Unlock()
			tm := &fakeTimer{d: d, f: f}
			c.timers = append(c.timers, tm)
			return func() bool {
				c.mu.Lock()
				defer c.mu.Unlock()
				tm.stopped = true
				return true
			}
		},
	}
}

// set is the timers set so far, and whether each was stopped.
func (c *countingClock) set() []fakeTimer {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []fakeTimer
	for _, tm := range c.timers {
		out = append(out, *tm)
	}
	return out
}

// fire runs timer i, as its time had come.
func (c *countingClock) fire(i int) {
	c.mu.Lock()
	f := c.timers[i].f
	c.mu.Unlock()
	f()
}

// runOnPTY runs root on a pseudo-terminal of w × h cells as the reader
// runs, and returns the screen, the program and its end.
func runOnPTY(t *testing.T, root tea.Model, w, h int, clock frameClock) (*ptyScreen, *Program, *os.File, <-chan tea.Model) {
	t.Helper()
	master, slave, _ := openPTY(t)
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: uint16(h), Col: uint16(w)}); err != nil {
		t.Fatal(err)
	}
	s := watchPTY(t, master, w, h)
	p := newProgram(root, slave, slave, []string{"TERM=xterm-256color"}, clock)
	return s, p, slave, start(t, p)
}

// start runs p, and kills it at the test's end if it still runs.
func start(t *testing.T, p *Program) <-chan tea.Model {
	done, ended := make(chan tea.Model, 1), make(chan struct{})
	go func() {
		defer close(ended)
		final, err := p.Run()
		if err != nil {
			t.Error(err)
		}
		done <- final
	}()
	t.Cleanup(func() {
		select {
		case <-ended:
		default:
			p.Kill()
			<-ended
		}
	})
	return done
}

func finished(t *testing.T, done <-chan tea.Model) tea.Model {
	t.Helper()
	select {
	case m := <-done:
		return m
	case <-time.After(20 * time.Second):
		t.Fatal("the reader did not quit")
		return nil
	}
}

// TestScreenDrawsOnChange runs the reader on a pseudo-terminal: the first
// frame and each key's frame reach the terminal with no timer and no
// ticker (Bubble Tea's is stopped), the screen shows exactly the reader's
// rows, and q gives the terminal back as it was: its mode, the main
// screen, the cursor, the mouse and paste modes off.
func TestScreenDrawsOnChange(t *testing.T) {
	m := newTestModel(t, fakeFeed(5), 80, 24)
	m.cfg.Mouse = true
	var c countingClock
	master, slave, _ := openPTY(t)
	before, err := term.GetState(slave.Fd())
	if err != nil {
		t.Fatal(err)
	}
	s := watchPTY(t, master, 80, 24)
	p := newProgram(loaded{m, func(tea.Msg) {}}, slave, slave, []string{"TERM=xterm-256color"}, c.clock())
	done := start(t, p)

	text := s.waitFor("the list", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), "1번 속보") })
	if !s.altScreen() || !strings.Contains(text, "1/5") {
		t.Errorf("alt screen %v; the screen:\n%s", s.altScreen(), text)
	}
	select {
	case <-p.t.tickerStopped:
	case <-time.After(20 * time.Second):
		t.Fatal("Bubble Tea's ticker was never stopped")
	}
	// Its goroutine has been told to stop; it is gone once it has run.
	for deadline := time.Now().Add(20 * time.Second); strings.Contains(allStacks(), "startRenderer"); runtime.Gosched() {
		if time.Now().After(deadline) {
			t.Fatalf("Bubble Tea's frame ticker still runs:\n%s", allStacks())
		}
	}

	for i, want := range []string{"2번 속보", "3번 속보", "2번 속보"} {
		key := "j"
		if i == 2 {
			key = "k"
		}
		s.press(key)
		s.waitFor(want+" under the cursor", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), want) })
	}
	// One timer in all: the clock's, for when the first row's "방금"
	// turns into "1분 전"; none for frames a second apart.
	if timers := c.set(); len(timers) != 1 || timers[0].d != time.Minute || timers[0].stopped {
		t.Errorf("the screen set timers %+v; want one of a minute, the clock's", timers)
	}

	from := s.mark()
	s.press("q")
	finished(t, done)
	s.waitFor("the terminal given back", from, func(_, raw string) bool {
		return strings.Contains(raw, "\x1b[?1049l") && strings.Contains(raw, "\x1b[?25h") &&
			strings.Contains(raw, "\x1b[?2004l") && strings.Contains(raw, "\x1b[?1002l")
	})
	if s.altScreen() {
		t.Error("the terminal is still in the alt screen")
	}
	after, err := term.GetState(slave.Fd())
	if err != nil {
		t.Fatal(err)
	}
	if *after != *before {
		t.Errorf("the terminal's mode was not restored:\n%+v\nwant\n%+v", *after, *before)
	}
}

func allStacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// TestScreenExecGivesTerminalBack: a terminal browser gets the terminal
// as the shell left it (cooked, the main screen, the cursor shown, no
// mouse), and the reader takes it back, redraws it whole and reads keys.
func TestScreenExecGivesTerminalBack(t *testing.T) {
	dir := t.TempDir()
	report, read := fifo(t, dir)
	stub(t, dir, "w3m", `stty -a > "`+report+`"`+"\n")
	t.Setenv("PATH", dir+":/usr/bin:/bin")
	m := newTestModel(t, fakeFeed(3), 80, 24)
	m.cfg.Mouse = true
	m.cfg.Env = func(k string) string { return map[string]string{"BROWSER": "w3m"}[k] }
	closed := make(chan error, 1)
	var c countingClock
	s, _, _, done := runOnPTY(t, loaded{m, func(msg tea.Msg) {
		if b, ok := msg.(browserClosedMsg); ok {
			closed <- b.err
		}
	}}, 80, 24, c.clock())
	s.waitFor("the list", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), "1번 속보") })

	from := s.mark()
	s.press("o")
	modes := read()
	set := strings.Fields(modes)
	for _, want := range []string{"icanon", "echo", "opost", "icrnl", "isig"} {
		if !slices.Contains(set, want) {
			t.Errorf("the browser's terminal lacks %s:\n%s", want, modes)
		}
	}
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("the browser's exit: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the reader never heard the browser exit")
	}
	s.waitFor("the reader back", from, func(text, raw string) bool {
		left := strings.Index(raw, "\x1b[?1049l")
		back := strings.LastIndex(raw, "\x1b[?1049h")
		return left >= 0 && back > left && strings.Contains(raw[:back], "\x1b[?1002l") &&
			strings.Contains(raw[back:], "\x1b[?1002h") && strings.Contains(cursorRow(text), "1번 속보")
	})
	if !s.altScreen() {
		t.Error("the reader did not go back to the alt screen")
	}
	s.press("j")
	s.waitFor("a key after the browser", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), "2번 속보") })
	s.press("q")
	finished(t, done)
}

// TestScreenSuspendGivesTerminalBack: ctrl+z gives the shell its
// terminal (cooked, the main screen) while the reader is stopped, and fg
// brings the reader back, redrawn, with tea.ResumeMsg.
func TestScreenSuspendGivesTerminalBack(t *testing.T) {
	m := newTestModel(t, fakeFeed(3), 80, 24)
	resumed := make(chan struct{}, 1)
	var c countingClock
	master, slave, _ := openPTY(t)
	s := watchPTY(t, master, 80, 24)
	p := newProgram(loaded{m, func(msg tea.Msg) {
		if _, ok := msg.(tea.ResumeMsg); ok {
			resumed <- struct{}{}
		}
	}}, slave, slave, []string{"TERM=xterm-256color"}, c.clock())
	var stoppedIn *term.State
	var stoppedAlt bool
	p.t.stopProcess = func() {
		// Where the shell would have the terminal.
		stoppedIn, _ = term.GetState(slave.Fd())
		s.waitFor("the main screen", 0, func(_, raw string) bool { return strings.Contains(raw, "\x1b[?1049l") })
		stoppedAlt = s.altScreen()
	}
	done := start(t, p)
	s.waitFor("the list", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), "1번 속보") })
	s.press("j")
	s.waitFor("the cursor on 2", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), "2번 속보") })

	from := s.mark()
	s.press("\x1a") // ctrl+z
	select {
	case <-resumed:
	case <-time.After(20 * time.Second):
		t.Fatal("the reader never resumed")
	}
	if stoppedIn == nil || stoppedIn.Lflag&unix.ICANON == 0 || stoppedIn.Lflag&unix.ECHO == 0 {
		t.Errorf("the stopped reader left the terminal raw: %+v", stoppedIn)
	}
	if stoppedAlt {
		t.Error("the stopped reader left the terminal in the alt screen")
	}
	s.waitFor("the reader redrawn", from, func(text, raw string) bool {
		return strings.Contains(raw, "\x1b[?1049h") && strings.Contains(cursorRow(text), "2번 속보") && strings.Contains(text, "2/3")
	})
	now, err := term.GetState(slave.Fd())
	if err != nil {
		t.Fatal(err)
	}
	if now.Lflag&unix.ICANON != 0 {
		t.Error("the resumed reader is not in raw mode")
	}
	s.press("j")
	s.waitFor("a key after fg", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), "3번 속보") })
	s.press("q")
	finished(t, done)
}

// TestScreenClock: the reader wakes when a time on the screen changes, by
// one timer set for that instant: "방금" becomes "1분 전" when its minute
// is up, keys that leave the times alone set no other timer, and a screen
// without times (an article) stops it.
func TestScreenClock(t *testing.T) {
	var mu sync.Mutex
	now := testNow
	cfg := testConfig(t, fakeFeed(3))
	cfg.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = runCmds(t, m, m.loadLocalCmd("fake"))
	var c countingClock
	s, _, _, done := runOnPTY(t, loaded{m, func(tea.Msg) {}}, 80, 24, c.clock())
	s.waitFor("the list", 0, func(text, _ string) bool {
		return strings.Contains(cursorRow(text), "방금") && strings.Contains(text, "37분 전")
	})
	timers := c.set()
	if len(timers) != 1 || timers[0].d != time.Minute {
		t.Fatalf("timers %+v; want one, a minute on", timers)
	}

	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	c.fire(0)
	s.waitFor("the times a minute on", 0, func(text, _ string) bool {
		return strings.Contains(cursorRow(text), "1분 전") && strings.Contains(text, "38분 전")
	})
	if timers = c.set(); len(timers) != 2 || timers[1].d != time.Minute {
		t.Fatalf("after the minute, timers %+v; want a second, a minute on", timers)
	}

	s.press("j")
	s.waitFor("the cursor on 2", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), "38분 전") })
	if timers = c.set(); len(timers) != 2 || timers[1].stopped {
		t.Fatalf("a key set or stopped timers: %+v", timers)
	}

	s.press("\r") // the article: no times on the screen
	s.waitFor("the article", 0, func(text, _ string) bool { return strings.Contains(text, "본문 1") })
	if timers = c.set(); len(timers) != 2 || !timers[1].stopped {
		t.Fatalf("with no times on the screen, timers %+v; want the last stopped", timers)
	}
	s.press("q")
	s.waitFor("the list again", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), "38분 전") })
	if timers = c.set(); len(timers) != 3 || timers[2].stopped {
		t.Fatalf("back in the list, timers %+v; want a third", timers)
	}
	s.press("q")
	finished(t, done)
}

// TestScreenTakesTypedAhead: keys typed before the reader took the
// terminal (while its width was probed) are its first input.
func TestScreenTakesTypedAhead(t *testing.T) {
	m := newTestModel(t, fakeFeed(5), 80, 24)
	master, slave, _ := openPTY(t)
	s := watchPTY(t, master, 80, 24)
	p := newProgram(loaded{m, func(tea.Msg) {}}, slave, slave, []string{"TERM=xterm-256color"}, realClock)
	p.t.typed = "jj"
	done := start(t, p)
	s.waitFor("the keys typed ahead applied", 0, func(text, _ string) bool { return strings.Contains(cursorRow(text), "3번 속보") })
	s.press("q")
	finished(t, done)
}
