package rendertest

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// FakeTerminal answers what a terminal is asked, as one that draws
// characters at the widths it is given: it moves its cursor as it draws
// and answers CPR, DECRQM 2027 (when mode is not -1) and DA1. It is the
// terminal of render.ProbeTerminal's tests and of the reader's: use it as
// ProbeIO's In and Out, with Cancel as its Cancel.
type FakeTerminal struct {
	width func(cluster string) int // the cells the terminal draws a cluster in
	mode  int                      // DECRQM Ps for 2027, or -1 for no answer
	// Mute answers nothing at all, as a pipe or an old terminal.
	Mute bool

	mu       sync.Mutex
	col      int
	answers  *io.PipeWriter
	in       *io.PipeReader
	canceled bool
}

// NewFakeTerminal returns a terminal that draws each grapheme cluster in
// width(cluster) cells and answers DECRQM 2027 with mode (-1: never).
func NewFakeTerminal(width func(string) int, mode int) *FakeTerminal {
	r, w := io.Pipe()
	return &FakeTerminal{width: width, mode: mode, col: 1, in: r, answers: w}
}

// Tmux33 draws as tmux 3.3 does, as measured in it: ambiguous characters
// and text emoji with VS16 in one cell, a ZWJ sequence as one glyph of
// two, an emoji with a skin-tone modifier as the two apart (four), and
// (with mode -1) no answer about mode 2027.
func Tmux33(c string) int {
	switch {
	case c == "\u00b7":
		return 1
	case strings.Contains(c, "\u200d"):
		return 2
	case strings.ContainsAny(c, "\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"):
		return 4
	case strings.Contains(c, "\ufe0f"):
		return 1
	}
	return ansi.StringWidth(c)
}

func (f *FakeTerminal) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := string(p)
	var reply strings.Builder
	for len(s) > 0 {
		switch {
		case s[0] == '\r':
			f.col = 1
			s = s[1:]
		case strings.HasPrefix(s, "\x1b[6n"):
			reply.WriteString("\x1b[1;" + strconv.Itoa(f.col) + "R")
			s = s[4:]
		case strings.HasPrefix(s, "\x1b[?2027$p"):
			if f.mode >= 0 {
				reply.WriteString("\x1b[?2027;" + strconv.Itoa(f.mode) + "$y")
			}
			s = s[len("\x1b[?2027$p"):]
		case strings.HasPrefix(s, "\x1b[c"):
			reply.WriteString("\x1b[?1;2c")
			s = s[3:]
		case s[0] == '\x1b':
			// Another sequence (erase line): skip to its final byte.
			i := 2
			for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
				i++
			}
			s = s[min(i+1, len(s)):]
		default:
			c, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
			f.col += f.width(c)
			s = s[len(c):]
		}
	}
	if reply.Len() > 0 && !f.Mute {
		go func(b string) { _, _ = io.WriteString(f.answers, b) }(reply.String())
	}
	return len(p), nil
}

func (f *FakeTerminal) Read(p []byte) (int, error) { return f.in.Read(p) }

// Cancel ends a waiting Read, as a cancelreader's Cancel does.
func (f *FakeTerminal) Cancel() {
	f.mu.Lock()
	f.canceled = true
	f.mu.Unlock()
	_ = f.in.CloseWithError(errors.New("read canceled"))
}

// Canceled reports whether Cancel was called.
func (f *FakeTerminal) Canceled() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.canceled
}
