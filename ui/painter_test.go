package ui

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"sokbo/render"
)

// manualClock is a frame clock that moves only when told, and whose
// timers fire only when the test fires them.
type manualClock struct {
	now    time.Time
	timers []manualTimer
}

type manualTimer struct {
	d       time.Duration
	f       func()
	stopped *bool
}

func (c *manualClock) clock() frameClock {
	return frameClock{
		now: func() time.Time { return c.now },
		afterFunc: func(d time.Duration, f func()) func() bool {
			stopped := new(bool)
			c.timers = append(c.timers, manualTimer{d: d, f: f, stopped: stopped})
			return func() bool { *stopped = true; return true }
		},
	}
}

// fire runs the last timer, as its time had come.
func (c *manualClock) fire(t *testing.T) {
	t.Helper()
	if len(c.timers) == 0 {
		t.Fatal("no timer to fire")
	}
	tm := c.timers[len(c.timers)-1]
	c.now = c.now.Add(tm.d)
	if !*tm.stopped {
		tm.f()
	}
}

func altView(content string) tea.View {
	v := tea.NewView(content)
	v.AltScreen = true
	return v
}

// TestPainterDrawsOnChange: a frame that changed is drawn at once, with
// no timer; one that did not is not drawn and schedules nothing, however
// often Bubble Tea asks; frames in a burst, closer than the gap, wait
// for one timer, which draws the newest of them.
func TestPainterDrawsOnChange(t *testing.T) {
	var out bytes.Buffer
	c := &manualClock{now: time.Unix(1_700_000_000, 0)}
	p := newPainter(&out, []string{"TERM=xterm-256color"}, 20, 3, c.clock())
	emu := vt.NewEmulator(20, 3)
	go func() { // the emulator's answers to queries, which no one reads here
		buf := make([]byte, 64)
		for {
			if _, err := emu.Read(buf); err != nil {
				return
			}
		}
	}()
	defer emu.InputPipe().(*io.PipeWriter).Close()
	shown := func() string {
		t.Helper()
		if _, err := emu.Write(out.Bytes()); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		return emu.String()
	}

	p.render(altView("one\ntwo\nthree"))
	if got := shown(); got != "one\ntwo\nthree" || len(c.timers) != 0 {
		t.Fatalf("the first frame: %q with %d timers", got, len(c.timers))
	}
	for range 100 {
		p.render(altView("one\ntwo\nthree"))
	}
	if out.Len() != 0 || len(c.timers) != 0 {
		t.Fatalf("an unchanged view wrote %q and set %d timers", out.String(), len(c.timers))
	}

	c.now = c.now.Add(time.Second)
	p.render(altView("one\n2\nthree"))
	if got := shown(); got != "one\n2\nthree" || len(c.timers) != 0 {
		t.Fatalf("a change a second later: %q with %d timers", got, len(c.timers))
	}

	// A burst: the next change comes 1 ms after that frame.
	c.now = c.now.Add(time.Millisecond)
	p.render(altView("one\n3\nthree"))
	p.render(altView("one\n4\nthree"))
	p.render(altView("one\n5\nthree"))
	if out.Len() != 0 || len(c.timers) != 1 || c.timers[0].d != frameGap-time.Millisecond {
		t.Fatalf("a burst wrote %q and set %d timers (%v)", out.String(), len(c.timers), c.timers)
	}
	if !p.pending() {
		t.Fatal("no frame waits")
	}
	c.fire(t)
	if got := shown(); got != "one\n5\nthree" {
		t.Fatalf("the burst's frame: %q", got)
	}
	if p.pending() {
		t.Fatal("a frame still waits after the timer")
	}
	p.render(altView("one\n5\nthree"))
	if out.Len() != 0 || len(c.timers) != 1 {
		t.Fatalf("after the burst, an unchanged view wrote %q and set %d timers", out.String(), len(c.timers))
	}
}

// TestPainterBlankFrameHoldsNothing: a frame with nothing on it (the
// screen set up while the reader starts) does not make the first frame
// with something on it wait for the gap.
func TestPainterBlankFrameHoldsNothing(t *testing.T) {
	var out bytes.Buffer
	c := &manualClock{now: time.Unix(1_700_000_000, 0)}
	p := newPainter(&out, []string{"TERM=xterm-256color"}, 20, 3, c.clock())
	p.render(altView(""))
	if out.Len() == 0 {
		t.Fatal("the blank first frame did not set up the screen")
	}
	out.Reset()
	c.now = c.now.Add(time.Millisecond)
	p.render(altView("목록"))
	if len(c.timers) != 0 || !strings.Contains(out.String(), "목록") {
		t.Fatalf("the first frame with something on it, 1 ms after a blank one, waited (%d timers): %q", len(c.timers), out.String())
	}
	c.now = c.now.Add(time.Millisecond)
	p.render(altView("목록 둘"))
	if len(c.timers) != 1 {
		t.Fatalf("a frame 1 ms after one with something on it did not wait: %d timers", len(c.timers))
	}
}

// TestPainterStop: stopping draws the frame that waited, undoes the
// modes and leaves the alt screen; nothing is drawn until start, which
// draws the whole frame again.
func TestPainterStop(t *testing.T) {
	var out bytes.Buffer
	c := &manualClock{now: time.Unix(1_700_000_000, 0)}
	p := newPainter(&out, []string{"TERM=xterm-256color"}, 20, 3, c.clock())
	v := altView("a\nb\nc")
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "sokbo"
	p.render(v)
	first := out.String()
	for _, want := range []string{"\x1b[?1049h", "\x1b[?2004h", "\x1b[?1002h", "\x1b[?1006h", "\x1b]2;sokbo\a", "\x1b[?25l"} {
		if !strings.Contains(first, want) {
			t.Errorf("the first frame lacks %q: %q", want, first)
		}
	}
	out.Reset()
	v2 := v
	v2.Content = "a\nB\nc"
	p.render(v2) // within the gap: waits
	if err := p.stop(false); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "B") {
		t.Errorf("stop did not draw the frame that waited: %q", got)
	}
	for _, want := range []string{"\x1b[?1049l", "\x1b[?2004l", "\x1b[?1002l", "\x1b]2;\a", "\x1b[?25h"} {
		if !strings.Contains(got, want) {
			t.Errorf("stop lacks %q: %q", want, got)
		}
	}
	out.Reset()
	c.now = c.now.Add(time.Second)
	p.render(v)
	if out.Len() != 0 {
		t.Fatalf("a stopped painter drew %q", out.String())
	}
	p.start()
	again := out.String()
	for _, want := range []string{"\x1b[?1049h", "\x1b[?1002h", "\x1b]2;sokbo\a", "a", "b", "c"} {
		if !strings.Contains(again, want) {
			t.Errorf("start lacks %q: %q", want, again)
		}
	}
}

// TestPainterSendsChangedRows: a frame that changes one row of Hangul
// sends that row alone; the renderer rewrites whole any row with wide
// characters it is told changed, so the others must not be touched.
func TestPainterSendsChangedRows(t *testing.T) {
	var out bytes.Buffer
	c := &manualClock{now: time.Unix(1_700_000_000, 0)}
	p := newPainter(&out, []string{"TERM=xterm-256color"}, 20, 3, c.clock())
	p.render(altView("속보 하나\n속보 둘\n속보 셋"))
	out.Reset()
	c.now = c.now.Add(time.Second)
	p.render(altView("속보 하나\n> 속보 둘\n속보 셋"))
	got := out.String()
	if !strings.Contains(got, "둘") {
		t.Fatalf("the changed row was not sent: %q", got)
	}
	if strings.Contains(got, "하나") || strings.Contains(got, "셋") {
		t.Errorf("rows that did not change were sent again: %q", got)
	}
}

// TestPainterClearScreen: tea.ClearScreen, which the screen turns into
// clearScreen, redraws every row at the next frame, the same view too.
func TestPainterClearScreen(t *testing.T) {
	var out bytes.Buffer
	c := &manualClock{now: time.Unix(1_700_000_000, 0)}
	p := newPainter(&out, []string{"TERM=xterm-256color"}, 20, 3, c.clock())
	p.render(altView("속보 하나\n속보 둘\n속보 셋"))
	if msg := filterScreen(nil, tea.ClearScreen()); msg != (clearMsg{}) {
		t.Fatalf("tea.ClearScreen became %#v", msg)
	}
	p.clearScreen()
	out.Reset()
	c.now = c.now.Add(time.Second)
	p.render(altView("속보 하나\n속보 둘\n속보 셋"))
	if got := out.String(); !strings.Contains(got, "하나") || !strings.Contains(got, "셋") {
		t.Errorf("after a clear the frame was not drawn whole: %q", got)
	}
}

// TestFilterScreen: what Bubble Tea would write to a terminal it keeps
// reaches the screen as the same sequence, between frames.
func TestFilterScreen(t *testing.T) {
	run := func(c tea.Cmd) tea.Msg { return c() }
	tests := map[string]struct {
		msg  tea.Msg
		want tea.Msg
	}{
		"raw":              {run(tea.Raw("\x1b]9;속보\x07")), rawMsg{seq: "\x1b]9;속보\x07"}},
		"clipboard":        {run(tea.SetClipboard("https://x.kr/1")), rawMsg{seq: ansi.SetSystemClipboard("https://x.kr/1")}},
		"primary":          {run(tea.SetPrimaryClipboard("a")), rawMsg{seq: ansi.SetPrimaryClipboard("a")}},
		"background":       {tea.RequestBackgroundColor(), rawMsg{seq: ansi.RequestBackgroundColor}},
		"foreground":       {tea.RequestForegroundColor(), rawMsg{seq: ansi.RequestForegroundColor}},
		"cursor position":  {tea.RequestCursorPosition(), rawMsg{seq: ansi.RequestCursorPositionReport}},
		"terminal version": {tea.RequestTerminalVersion(), rawMsg{seq: ansi.RequestNameVersion}},
		"capability":       {run(tea.RequestCapability("RGB")), rawMsg{seq: ansi.RequestTermcap("RGB")}},
		"suspend":          {tea.Suspend(), suspendMsg{}},
		"a key":            {tea.KeyPressMsg{Code: 'j', Text: "j"}, tea.KeyPressMsg{Code: 'j', Text: "j"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := filterScreen(nil, tc.msg); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("filterScreen(%#v) = %#v, want %#v", tc.msg, got, tc.want)
			}
		})
	}
}

// TestPainterConjoiningJamo: a syllable of conjoining jamo (ᄒᆞᆫ, old
// Hangul) takes the two cells terminals draw it in, as the layout
// measured it, not the four x/ansi counts codepoint by codepoint, so
// the end of its row (a date, in the list) is not cut off.
func TestPainterConjoiningJamo(t *testing.T) {
	var out bytes.Buffer
	c := &manualClock{now: time.Unix(1_700_000_000, 0)}
	p := newPainter(&out, []string{"TERM=xterm-256color"}, 20, 2, c.clock())
	row := "ᄒᆞᆫ글 옛" + strings.Repeat(" ", 10) + "END"
	if w := render.Width(row); w != 20 {
		t.Fatalf("the row is %d cells by the layout, want 20", w)
	}
	p.render(altView(row + "\n가나다"))
	line := p.cellbuf.Lines[0]
	var got strings.Builder
	for x := 0; x < len(line); x++ {
		got.WriteString(line[x].Content)
	}
	if s := got.String(); !strings.HasSuffix(s, "END") {
		t.Errorf("row drawn as %q, want it to end with END", s)
	}
	if c := line[0]; c.Content != "ᄒᆞᆫ" || c.Width != 2 {
		t.Errorf("first cell %q, %d cells; want ᄒᆞᆫ in 2", c.Content, c.Width)
	}
	if c := line[2]; c.Content != "글" {
		t.Errorf("third cell %q, want 글", c.Content)
	}
	if s := p.cellbuf.Lines[1][0].Content; s != "가" {
		t.Errorf("second row starts with %q", s)
	}
}

func TestHasConjoiningJamo(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "한글": false, "ᄒ": false, "ᄒᆞ": true, "ᄒᆞᆫ": true, "\u1160": true, "\u11ff": true,
		"\u115f": false, "\ud7b0": true, "\ud7ff": true, "\ud7a3": false, "ㅎㅏ": false,
	} {
		if got := hasConjoiningJamo(s); got != want {
			t.Errorf("hasConjoiningJamo(%q) = %v, want %v", s, got, want)
		}
	}
}
