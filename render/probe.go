package render

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"time"
)

// A terminal draws some characters at widths that no table can tell (see
// WidthPolicy), so sokbo asks it: ProbeTerminal writes an ambiguous
// character, an emoji with VS16, a ZWJ sequence and an emoji with a
// skin-tone modifier, each from the start
// of the line, and reads where the cursor went (CPR); it also asks
// whether the terminal knows Unicode core, mode 2027, in which it joins
// grapheme clusters itself. A device-attributes request at the end, which
// every terminal answers, says when all answers are in.

// Probe samples and what each measures.
const (
	probeAmbiguous = "\u00b7"                                     // · East Asian Ambiguous
	probeTextEmoji = "\u26a0\ufe0f"                               // ⚠️ text default + VS16
	probeZWJ       = "\U0001f468\u200d\U0001f469\u200d\U0001f467" // 👨‍👩‍👧
	probeModifier  = "\U0001f44d\U0001f3fd"                       // 👍🏽 emoji + skin tone
	probeQuery     = "\r" + probeAmbiguous + "\x1b[6n" +          // CPR after ·
		"\r" + probeTextEmoji + "\x1b[6n" + //                              CPR after ⚠️
		"\r" + probeZWJ + "\x1b[6n" + //                                   CPR after 👨‍👩‍👧
		"\r" + probeModifier + "\x1b[6n" + //                              CPR after 👍🏽
		"\x1b[?2027$p" + //                                                 DECRQM Unicode core
		"\r\x1b[K" + //                                                     wipe the samples
		"\x1b[c" //                                                         DA1: the last answer
)

// ProbeTimeout is how long ProbeTerminal waits for a terminal's answers: a
// local terminal answers within a few milliseconds, and one that cannot
// (a pipe, an old terminal) would otherwise hold up the start.
const ProbeTimeout = 100 * time.Millisecond

// ProbeIO is the terminal ProbeTerminal asks, and its clock.
type ProbeIO struct {
	// In reads the terminal's answers; it must be in raw mode, so that
	// they arrive at once and are not echoed.
	In io.Reader
	// Out writes to the terminal.
	Out io.Writer
	// Cancel, if set, makes a Read of In that is still waiting when the
	// probe gives up return, so that it does not take what the user types
	// next (a cancelreader.CancelReader's Cancel). Without it, a Read
	// left waiting ends with the next input, which it swallows.
	Cancel func()
	// After is the clock: time.After, unless a test gives another.
	After func(time.Duration) <-chan time.Time
}

// ProbeResult is what a terminal answered.
type ProbeResult struct {
	// Answered reports whether the terminal answered at all. When it did
	// not, the widths are zero and Policy gives the fallback.
	Answered bool
	// Ambiguous, TextEmoji and ZWJ are the cells the terminal advanced
	// for each sample: 1 or 2, 1 or 2, and 2 for a joined ZWJ sequence
	// (6 for one drawn emoji by emoji). 0 means no answer for it.
	Ambiguous, TextEmoji, ZWJ int
	// Modifier is the cells the terminal advanced for an emoji with a
	// skin-tone modifier: 2 joined, 4 drawn apart (tmux 3.3a).
	Modifier int
	// Typed is what the user typed while the probe read the answers (a
	// key pressed right after starting sokbo), in order, for the program
	// that reads the terminal next to take as its first input.
	Typed string
	// UnicodeCore reports whether the terminal knows mode 2027, in which
	// it clusters graphemes itself (Bubble Tea turns it on when it does).
	UnicodeCore bool
}

// Policy is the width policy the terminal's answers call for, as it draws
// now: the fallback (the zero WidthPolicy) for what it did not answer.
func (r ProbeResult) Policy() WidthPolicy {
	return WidthPolicy{
		AmbiguousWide:   r.Ambiguous == 2,
		TextEmojiNarrow: r.TextEmoji == 1,
		ZWJSplit:        r.ZWJ > 2,
		ModifierSplit:   r.Modifier > 2,
	}
}

// TUIPolicy is the policy for Bubble Tea's screen. Bubble Tea places each
// cell by its own measure: wcwidth (x/ansi's WcWidth: ⚠️ one cell, a ZWJ
// sequence the sum of its emoji, ambiguous characters as
// RUNEWIDTH_EASTASIAN said at start-up), or grapheme clusters once the
// terminal reports mode 2027, which Bubble Tea then turns on. Where sokbo
// measures a line narrower than Bubble Tea does, Bubble Tea cuts its end
// ("2일 전" lost its "일 전" after a ZWJ family under tmux 3.3, which draws
// the family in two cells but Bubble Tea counts six). So each kind of
// character is measured at the wider of the terminal's width and Bubble
// Tea's: the terminal's where it is the wider, and Bubble Tea's where the
// terminal draws less, which leaves that row short rather than cut.
func (r ProbeResult) TUIPolicy() WidthPolicy {
	p := r.Policy()
	p.AmbiguousWide = p.AmbiguousWide || ambiguousAtInit
	if r.UnicodeCore {
		// Grapheme clusters, as modern terminals draw them in that mode.
		p.TextEmojiNarrow, p.ZWJSplit, p.ModifierSplit = false, false, false
		return p
	}
	// wcwidth: a text character with VS16 keeps its own width, which the
	// terminal's answer gives (one cell, or two if it widens it); a ZWJ
	// sequence is its parts, and so is an emoji with a modifier.
	p.ZWJSplit, p.ModifierSplit = true, true
	return p
}

// ErrNoAnswer is returned by ProbeTerminal when the terminal did not answer
// in time.
var ErrNoAnswer = errors.New("the terminal did not answer the width probe")

// ProbeTerminal asks the terminal how wide it draws the characters
// WidthPolicy is about, and waits at most timeout for the answers. It
// returns what it learnt; with no full answer in time it returns what it
// has (Policy falls back for the rest) and ErrNoAnswer. A write or read
// error is returned as it is.
//
// The probe writes on the current line, from its start, and wipes what it
// wrote: call it before a program draws, in raw mode, on the terminal the
// program will draw to. Answers that come after it gave up arrive as input;
// Bubble Tea reads them as reports and ignores them.
func ProbeTerminal(t ProbeIO, timeout time.Duration) (ProbeResult, error) {
	after := t.After
	if after == nil {
		after = time.After
	}
	if _, err := io.WriteString(t.Out, probeQuery); err != nil {
		return ProbeResult{}, err
	}
	chunks := make(chan []byte)
	errs := make(chan error, 1)
	done := make(chan struct{})
	exited := make(chan struct{})
	// late is what the reading goroutine read after the probe stopped
	// taking chunks: the user's keys, which must not be lost.
	var late []byte
	go func() {
		defer close(exited)
		buf := make([]byte, 256)
		for {
			n, err := t.In.Read(buf)
			if n > 0 {
				select {
				case chunks <- append([]byte(nil), buf[:n]...):
				case <-done:
					late = append(late, buf[:n]...)
					return
				}
			}
			if err != nil {
				errs <- err
				return
			}
		}
	}()
	// finish stops the reading goroutine and, when its read can be
	// cancelled, waits until it has returned: a read left behind would
	// wait on the terminal beside the program that reads it next and take
	// the user's next key from it (tmux showed a third of first keys lost).
	finish := func() {
		close(done)
		if t.Cancel != nil {
			t.Cancel()
			<-exited
		}
	}
	// typedToo adds to res what came after it stopped reading, once the
	// goroutine has surely returned (with a Cancel): keys typed then.
	typedToo := func(res ProbeResult) ProbeResult {
		if t.Cancel != nil {
			res.Typed += string(late)
		}
		return res
	}
	deadline := after(timeout)
	var got []byte
	var res ProbeResult
	for {
		select {
		case c := <-chunks:
			got = append(got, c...)
			var complete bool
			res, complete = parseProbe(got)
			if complete {
				finish()
				return typedToo(res), nil
			}
		case err := <-errs:
			finish()
			if errors.Is(err, io.EOF) {
				err = ErrNoAnswer
			}
			return typedToo(res), err
		case <-deadline:
			finish()
			return typedToo(res), ErrNoAnswer
		}
	}
}

// parseProbe reads the terminal's answers so far: four cursor position
// reports (ESC [ row ; col R), perhaps a mode report (ESC [ ? 2027 ; Ps $
// y) and the device attributes (ESC [ ? … c), which end them. Anything
// else (a key pressed meanwhile, an arrow's ESC [ A) is the user's: it is
// kept, in order, in Typed, with what came after the last answer.
func parseProbe(b []byte) (res ProbeResult, complete bool) {
	cprs := 0
	var typed []byte
	defer func() { res.Typed = string(typed) }()
	for {
		i := bytes.Index(b, []byte("\x1b["))
		if i < 0 {
			typed = append(typed, b...)
			return res, false
		}
		typed = append(typed, b[:i]...)
		seq := b[i:]
		b = b[i+2:]
		// Parameters, then the final byte.
		j := 0
		for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] == ';' || b[j] == '?' || b[j] == '$') {
			j++
		}
		if j == len(b) {
			// Incomplete: an answer still coming, or the user's, which
			// the caller keeps if nothing more comes.
			typed = append(typed, seq...)
			return res, false
		}
		params, final := string(b[:j]), b[j]
		b = b[j+1:]
		answer := false
		switch final {
		case 'R':
			// Columns count from 1: the cursor stood at 1 before.
			if _, col, ok := cutInts(params); ok && col >= 1 && cprs < 4 {
				answer = true
				res.Answered = true
				switch cprs {
				case 0:
					res.Ambiguous = col - 1
				case 1:
					res.TextEmoji = col - 1
				case 2:
					res.ZWJ = col - 1
				case 3:
					res.Modifier = col - 1
				}
				cprs++
			}
		case 'y':
			// ?2027;Ps$ — 1 set, 2 reset, 3 permanently set: known.
			if p, ok := cutPrefix(params, "?2027;"); ok {
				answer = true
				res.Answered = true
				ps, _ := strconv.Atoi(trimDollar(p))
				res.UnicodeCore = ps == 1 || ps == 2 || ps == 3
			}
		case 'c':
			if len(params) > 0 && params[0] == '?' {
				res.Answered = true
				typed = append(typed, b...)
				return res, true
			}
		}
		if !answer {
			typed = append(typed, seq[:2+j+1]...)
		}
	}
}

// cutInts splits "row;col" into its numbers.
func cutInts(s string) (a, b int, ok bool) {
	x, y, found := bytes.Cut([]byte(s), []byte(";"))
	if !found {
		return 0, 0, false
	}
	a, err1 := strconv.Atoi(string(x))
	b, err2 := strconv.Atoi(string(y))
	return a, b, err1 == nil && err2 == nil
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return "", false
}

func trimDollar(s string) string {
	if n := len(s); n > 0 && s[n-1] == '$' {
		return s[:n-1]
	}
	return s
}
