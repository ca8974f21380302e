package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/unix"
)

// Program is the reader running on the terminal: Bubble Tea's event loop
// and commands, with the terminal kept by the reader itself, which draws
// a frame when the screen changes and does nothing while it does not (see
// painter). Create it with NewProgram; Send and the rest are Bubble Tea's.
type Program struct {
	*tea.Program
	t    *terminal // nil: Bubble Tea keeps the terminal (no terminal to keep)
	jobs *jobs     // the reader's, ended when it quits
}

// NewProgram returns the reader for cfg on the terminal of stdin and
// stdout, in the alternate screen. opts are Bubble Tea's options; the
// reader sets the renderer, the input, the signal handler, the frame rate,
// the window size and the message filter itself. Where stdin or stdout is
// not a terminal, Bubble Tea draws as it would.
func NewProgram(cfg Config, opts ...tea.ProgramOption) *Program {
	in, out := os.Stdin, os.Stdout
	m := New(cfg)
	if !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return &Program{Program: tea.NewProgram(m, opts...), jobs: m.jobs}
	}
	p := newProgram(m, in, out, os.Environ(), realClock, opts...)
	p.t.typed = cfg.TypedAhead
	p.jobs = m.jobs
	return p
}

// newProgram runs root on the terminal in and out, both of it.
func newProgram(root tea.Model, in, out *os.File, env []string, clock frameClock, opts ...tea.ProgramOption) *Program {
	w, h, err := term.GetSize(out.Fd())
	if err != nil || w <= 0 || h <= 0 {
		w, h = 80, 24
	}
	t := &terminal{in: in, out: out, env: env, events: make(chan uv.Event, 64), quit: make(chan struct{}),
		tickerStopped: make(chan struct{}), stopProcess: stopProcessGroup}
	t.paint = newPainter(out, env, w, h, clock)
	opts = append(opts,
		// The painter draws; Bubble Tea calls View after every Update
		// all the same (tea.go, Program.render).
		tea.WithoutRenderer(),
		// The reader reads the keys, and queries the terminal itself: it
		// stops its input to hand the terminal to another program.
		tea.WithInput(nil),
		tea.WithOutput(out),
		// Signals end the reader through the context main passes.
		tea.WithoutSignalHandler(),
		// Bubble Tea ticks even without a renderer, until the reader stops
		// it (stopTicker): at most once before then.
		tea.WithFPS(1),
		// With no renderer Bubble Tea measures no terminal: the first
		// WindowSizeMsg comes from here.
		tea.WithWindowSize(w, h),
		tea.WithFilter(filterScreen),
	)
	t.prog = tea.NewProgram(screenModel{root: root, t: t}, opts...)
	return &Program{Program: t.prog, t: t}
}

// Run runs the reader until it quits, and gives the terminal back as it
// found it, whatever ended it. It returns the reader's final model.
func (p *Program) Run() (tea.Model, error) {
	// A pipe command still running ends with the reader, its processes
	// too, before Run returns and the process exits.
	defer p.jobs.stop()
	if p.t == nil {
		return p.Program.Run()
	}
	if err := p.t.enter(); err != nil {
		return nil, err
	}
	final, err := p.Program.Run()
	if lerr := p.t.leave(errors.Is(err, tea.ErrProgramKilled)); err == nil {
		err = lerr
	}
	if s, ok := final.(screenModel); ok {
		final = s.root
	}
	if err == nil {
		err = p.t.inputError()
	}
	return final, err
}

// Messages the screen handles before the reader's model sees them.
type (
	// rawMsg is a sequence to write between frames (tea.Raw).
	rawMsg struct{ seq string }
	// suspendMsg stops the reader, as ctrl+z does a shell's job
	// (tea.Suspend).
	suspendMsg struct{}
	// execMsg hands the terminal to cmd until it exits; fn's message
	// reports how it ended. execProcess makes one.
	execMsg struct {
		cmd *exec.Cmd
		fn  tea.ExecCallback
	}
	// inputErrMsg reports that the terminal's input ended.
	inputErrMsg struct{ err error }
	// clearMsg redraws the whole screen (tea.ClearScreen).
	clearMsg struct{}
	// clockMsg says a time on the screen reads otherwise now: the one
	// the timer set for due.
	clockMsg struct{ due time.Time }
)

// timeTeller is a model whose screen shows times that change as the
// clock runs (Model.nextTimeChange).
type timeTeller interface {
	nextTimeChange() (due, now time.Time)
}

// execProcess is tea.ExecProcess for the reader: the screen hands the
// terminal over itself, and a model running without it (in tests) hands
// the message to Bubble Tea (Model.Update).
func execProcess(cmd *exec.Cmd, fn tea.ExecCallback) tea.Cmd {
	return func() tea.Msg { return execMsg{cmd: cmd, fn: fn} }
}

// filterScreen turns the commands Bubble Tea would carry out on a
// terminal it keeps into the screen's own, before Bubble Tea sees them:
// without input and a renderer it would drop the queries (tea.go
// executeQuery) and hold the rest until it quits (Program.execute).
func filterScreen(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.RawMsg:
		return rawMsg{seq: fmt.Sprint(msg.Msg)}
	case tea.SuspendMsg:
		return suspendMsg{}
	}
	if seq, ok := terminalRequest(msg); ok {
		return rawMsg{seq: seq}
	}
	if reflect.TypeOf(msg) == clearScreenType {
		return clearMsg{}
	}
	// tea.Println and tea.Printf print nothing, as Bubble Tea prints
	// nothing above a program in the alt screen, which the reader is.
	return msg
}

// Bubble Tea's requests of the terminal are messages of unexported types;
// their constructors name them.
var (
	setClipboardType        = reflect.TypeOf(tea.SetClipboard("")())
	setPrimaryClipboardType = reflect.TypeOf(tea.SetPrimaryClipboard("")())
	capabilityType          = reflect.TypeOf(tea.RequestCapability("")())
	clearScreenType         = reflect.TypeOf(tea.ClearScreen())
	requests                = map[reflect.Type]string{
		reflect.TypeOf(tea.ReadClipboard()):          ansi.RequestSystemClipboard,
		reflect.TypeOf(tea.ReadPrimaryClipboard()):   ansi.RequestPrimaryClipboard,
		reflect.TypeOf(tea.RequestBackgroundColor()): ansi.RequestBackgroundColor,
		reflect.TypeOf(tea.RequestForegroundColor()): ansi.RequestForegroundColor,
		reflect.TypeOf(tea.RequestCursorColor()):     ansi.RequestCursorColor,
		reflect.TypeOf(tea.RequestCursorPosition()):  ansi.RequestCursorPositionReport,
		reflect.TypeOf(tea.RequestTerminalVersion()): ansi.RequestNameVersion,
	}
)

// terminalRequest is the sequence Bubble Tea writes for msg, one of its
// requests of the terminal (tea.go eventLoop).
func terminalRequest(msg tea.Msg) (string, bool) {
	t := reflect.TypeOf(msg)
	switch t {
	case nil:
		return "", false
	case setClipboardType:
		return ansi.SetSystemClipboard(reflect.ValueOf(msg).String()), true
	case setPrimaryClipboardType:
		return ansi.SetPrimaryClipboard(reflect.ValueOf(msg).String()), true
	case capabilityType:
		return ansi.RequestTermcap(reflect.ValueOf(msg).String()), true
	}
	seq, ok := requests[t]
	return seq, ok
}

// screenModel is the model Bubble Tea runs: the reader's model, whose every
// View it paints.
type screenModel struct {
	root tea.Model
	t    *terminal
}

func (s screenModel) Init() tea.Cmd {
	s.t.armClock(s.root) // for the first frame, drawn before any Update
	return tea.Batch(s.t.stopTicker, s.root.Init())
}

func (s screenModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var own tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.t.paint.resize(msg.Width, msg.Height)
	case tea.ColorProfileMsg:
		s.t.paint.setColorProfile(msg.Profile)
	case tea.ModeReportMsg:
		switch msg.Mode {
		case ansi.ModeSynchronizedOutput:
			if msg.Value == ansi.ModeReset {
				// Supported and off: the painter turns it on per frame.
				s.t.paint.setSyncdUpdates(true)
			}
		case ansi.ModeUnicodeCore:
			if msg.Value == ansi.ModeReset || msg.Value == ansi.ModeSet || msg.Value == ansi.ModePermanentlySet {
				s.t.paint.setWidthMethod(ansi.GraphemeWidth)
			}
		}
	case tea.MouseClickMsg, tea.MouseReleaseMsg, tea.MouseWheelMsg, tea.MouseMotionMsg:
		own = s.t.paint.onMouse(msg.(tea.MouseMsg))
	case rawMsg:
		s.t.paint.writeRaw(msg.seq)
		return s, nil
	case clearMsg:
		s.t.paint.clearScreen()
		return s, nil
	case suspendMsg:
		return s, s.t.suspend()
	case execMsg:
		return s, s.t.exec(msg)
	case inputErrMsg:
		return s, tea.Quit
	case clockMsg:
		// Drawn again, after this Update, at the time it now is; the next
		// timer is for the next change. A timer stopped too late to keep
		// it from firing set nothing that still stands.
		if msg.due.Equal(s.t.clockDue) {
			s.t.clockDue = time.Time{}
			s.t.armClock(s.root)
		}
		return s, nil
	}
	root, cmd := s.root.Update(msg)
	s.root = root
	s.t.armClock(root)
	if own != nil {
		cmd = tea.Batch(own, cmd)
	}
	return s, cmd
}

// View paints the reader's view; what it returns goes to Bubble Tea's
// renderer, which there is none of.
func (s screenModel) View() tea.View {
	v := s.root.View()
	s.t.paint.render(v)
	return v
}

// terminal is the reader's terminal: raw mode, the keys, its size, and
// handing it to another program or the shell and back.
type terminal struct {
	in, out *os.File
	env     []string
	prog    *tea.Program
	paint   *painter

	saved  *term.State   // the terminal's mode before raw
	events chan uv.Event // the input's events, forwarded to prog
	quit   chan struct{} // closed by leave
	winch  chan os.Signal
	// stopInput ends the input reader and waits for it; nil when none
	// runs.
	stopInput func()

	// typed is input read before the terminal was taken (the width
	// probe's Typed): the first input reader reads it first.
	typed string

	// stopProcess stops the process until it is continued (suspend);
	// tests pass another.
	stopProcess func()

	// clockDue is when the clock's timer fires, zero when none is set;
	// stopClock stops it. Only the event loop touches them.
	clockDue  time.Time
	stopClock func() bool

	mu       sync.Mutex
	inputErr error
	// tickerStopped is closed once Bubble Tea's ticker is stopped.
	tickerStopped chan struct{}
	stopped       sync.Once
}

// enter takes the terminal: raw mode, the input, resizes, and the
// queries of its capabilities.
func (t *terminal) enter() error {
	if err := t.raw(); err != nil {
		return err
	}
	if err := t.startInput(); err != nil {
		_ = term.Restore(t.in.Fd(), t.saved)
		return err
	}
	go t.forward()
	t.winch = make(chan os.Signal, 1)
	signal.Notify(t.winch, syscall.SIGWINCH)
	go t.resizes()
	if querySyncOutput(uv.Environ(t.env)) {
		// As Bubble Tea asks: synchronized output (2026) and grapheme
		// widths (2027), answered as ModeReportMsg.
		t.paint.writeRaw(ansi.RequestModeSynchronizedOutput + ansi.RequestModeUnicodeCore)
	}
	return nil
}

// leave gives the terminal back: the last frame (unless killed), the
// modes undone, the input stopped, the mode before raw.
func (t *terminal) leave(killed bool) error {
	if t.stopClock != nil {
		t.stopClock()
	}
	signal.Stop(t.winch)
	close(t.quit)
	err := t.paint.stop(killed)
	t.endInput()
	if rerr := term.Restore(t.in.Fd(), t.saved); err == nil && rerr != nil {
		err = fmt.Errorf("restoring the terminal: %w", rerr)
	}
	return err
}

// raw puts the terminal in raw mode, and tells the painter which cursor
// movements the terminal's output settings allow.
func (t *terminal) raw() error {
	saved, err := term.MakeRaw(t.in.Fd())
	if err != nil {
		return fmt.Errorf("entering raw mode: %w", err)
	}
	t.saved = saved
	// As Bubble Tea reads them (termios_unix.go).
	t.paint.setOptimizations(saved.Oflag&unix.TABDLY == unix.TAB0, saved.Lflag&unix.BSDLY == unix.BS0)
	return nil
}

// startInput reads the terminal's input into events until stopInput.
func (t *terminal) startInput() error {
	cr, err := uv.NewCancelReader(t.in)
	if err != nil {
		return fmt.Errorf("reading the terminal: %w", err)
	}
	var src io.Reader = cr
	if t.typed != "" {
		src, t.typed = io.MultiReader(strings.NewReader(t.typed), cr), ""
	}
	r := uv.NewTerminalReader(src, uv.Environ(t.env).Getenv("TERM"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := r.StreamEvents(ctx, t.events); err != nil {
			t.mu.Lock()
			t.inputErr = fmt.Errorf("reading the terminal: %w", err)
			t.mu.Unlock()
			select {
			case t.events <- inputErrMsg{err: err}:
			case <-t.quit:
			}
		}
	}()
	t.stopInput = func() {
		cr.Cancel()
		// As Bubble Tea waits for its reader: a bounded wait, for a
		// reader stuck on a full channel must not hang the reader.
		select {
		case <-done:
		case <-time.After(500 * time.Millisecond):
		}
		cancel()
		_ = cr.Close()
	}
	return nil
}

func (t *terminal) endInput() {
	if t.stopInput != nil {
		t.stopInput()
		t.stopInput = nil
	}
}

func (t *terminal) inputError() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.inputErr
}

// forward hands the input's events to the program, which turns them into
// messages (tea.go translateInputEvent).
func (t *terminal) forward() {
	for {
		select {
		case ev := <-t.events:
			t.prog.Send(ev)
		case <-t.quit:
			return
		}
	}
}

// resizes sends the terminal's size when it changes.
func (t *terminal) resizes() {
	for {
		select {
		case <-t.winch:
			t.sendSize()
		case <-t.quit:
			return
		}
	}
}

func (t *terminal) sendSize() {
	w, h, err := term.GetSize(t.out.Fd())
	if err != nil || w <= 0 || h <= 0 {
		return
	}
	t.prog.Send(tea.WindowSizeMsg{Width: w, Height: h})
}

// armClock sets the one timer that redraws the screen when a time on it
// changes (timeTeller), or stops it when none will. A timer already set
// for that instant stays; the reader's own keys redraw the screen too.
func (t *terminal) armClock(root tea.Model) {
	tt, ok := root.(timeTeller)
	if !ok {
		return
	}
	due, now := tt.nextTimeChange()
	if due.Equal(t.clockDue) {
		return
	}
	if t.stopClock != nil {
		t.stopClock()
		t.stopClock = nil
	}
	t.clockDue = due
	if due.IsZero() {
		return
	}
	t.stopClock = t.paint.clock.afterFunc(due.Sub(now), func() { t.prog.Send(clockMsg{due: due}) })
}

// stopTicker stops Bubble Tea's frame ticker. Bubble Tea v2.1.1 starts it
// in Run with or without a renderer (tea.go startRenderer) and only
// Program.ReleaseTerminal stops it (stopRenderer). Without a renderer and
// without input, releasing touches nothing else of the terminal: there is
// no reader to cancel, no terminal mode saved to restore (tty.go
// initTerminal returns at once without a renderer), and nothing queued to
// write, for the screen takes every raw sequence (filterScreen). It waits
// half a second for a read loop there is none of (tty.go
// waitForReadLoop), off the event loop. The reader never calls
// RestoreTerminal, which would start the ticker again: it hands the
// terminal to other programs itself (exec, suspend).
func (t *terminal) stopTicker() tea.Msg {
	t.stopped.Do(func() {
		_ = t.prog.ReleaseTerminal()
		close(t.tickerStopped)
	})
	return nil
}

// release hands the terminal away: the input stopped, the last frame
// drawn and the screen's modes undone, the mode before raw.
func (t *terminal) release() error {
	t.endInput()
	if err := t.paint.stop(false); err != nil {
		return err
	}
	if err := term.Restore(t.in.Fd(), t.saved); err != nil {
		return fmt.Errorf("restoring the terminal: %w", err)
	}
	return nil
}

// restore takes the terminal back after release, and redraws it whole at
// its size now, which may have changed meanwhile.
func (t *terminal) restore() error {
	if err := t.raw(); err != nil {
		return err
	}
	if err := t.startInput(); err != nil {
		return err
	}
	if w, h, err := term.GetSize(t.out.Fd()); err == nil && w > 0 && h > 0 {
		t.paint.resize(w, h)
	}
	t.paint.start()
	// Off the event loop, which is running this.
	go t.sendSize()
	return nil
}

// exec runs msg's command on the terminal, then takes the terminal back.
// It blocks the event loop while the command runs, as Bubble Tea's
// ExecProcess does: nothing is drawn meanwhile.
func (t *terminal) exec(msg execMsg) tea.Cmd {
	report := func(err error) tea.Cmd {
		if msg.fn == nil {
			return nil
		}
		return func() tea.Msg { return msg.fn(err) }
	}
	if err := t.release(); err != nil {
		_ = t.restore()
		return report(err)
	}
	c := msg.cmd
	if c.Stdin == nil {
		c.Stdin = t.in
	}
	if c.Stdout == nil {
		c.Stdout = t.out
	}
	if c.Stderr == nil {
		c.Stderr = os.Stderr
	}
	err := c.Run()
	if rerr := t.restore(); err == nil {
		err = rerr
	}
	return report(err)
}

// suspend stops the reader's process group, as a shell's ctrl+z would,
// with the terminal given back meanwhile; the reader comes back on fg.
func (t *terminal) suspend() tea.Cmd {
	if err := t.release(); err != nil {
		_ = t.restore()
		return nil
	}
	t.stopProcess()
	_ = t.restore()
	return func() tea.Msg { return tea.ResumeMsg{} }
}

// stopProcessGroup stops the reader's process group, as the shell's
// ctrl+z does, and returns when it is continued (fg).
func stopProcessGroup() {
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	defer signal.Stop(cont)
	_ = syscall.Kill(0, syscall.SIGTSTP)
	<-cont
}

// querySyncOutput reports whether to ask the terminal about synchronized
// output: Bubble Tea's rule (tea.go shouldQuerySynchronizedOutput), which
// leaves out SSH sessions and Apple's Terminal, whose answers are not to be
// trusted, but for terminals known to answer.
func querySyncOutput(env uv.Environ) bool {
	termType := env.Getenv("TERM")
	termProg, okTermProg := env.LookupEnv("TERM_PROGRAM")
	_, okSSH := env.LookupEnv("SSH_TTY")
	_, okWT := env.LookupEnv("WT_SESSION")
	if (!okTermProg && !okSSH) || okWT || (okTermProg && !strings.Contains(termProg, "Apple") && !okSSH) {
		return true
	}
	for _, known := range []string{"ghostty", "wezterm", "alacritty", "kitty", "rio"} {
		if strings.Contains(termType, known) {
			return true
		}
	}
	return false
}
