package render_test

import (
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// grapheme draws as a terminal in Unicode core mode: clusters joined,
// ambiguous characters narrow.
func grapheme(c string) int {
	if c == "\u00b7" {
		return 1
	}
	return ansi.StringWidth(c)
}

// never is a clock that never runs out, so a test waits for the answers.
func never(time.Duration) <-chan time.Time { return nil }

func TestProbeTmux(t *testing.T) {
	term := rendertest.NewFakeTerminal(rendertest.Tmux33, -1)
	res, err := render.ProbeTerminal(render.ProbeIO{In: term, Out: term, Cancel: term.Cancel, After: never}, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	want := render.ProbeResult{Answered: true, Ambiguous: 1, TextEmoji: 1, ZWJ: 2, Modifier: 4}
	if res != want {
		t.Fatalf("probe = %+v, want %+v", res, want)
	}
	if p := res.Policy(); p != (render.WidthPolicy{TextEmojiNarrow: true, ModifierSplit: true}) {
		t.Errorf("policy = %v", p)
	}
	if !term.Canceled() {
		t.Error("the probe left its read waiting")
	}
}

func TestProbeAnswers(t *testing.T) {
	wide := func(c string) int {
		if c == "\u00b7" {
			return 2
		}
		if strings.Contains(c, "\u200d") {
			w := 0
			for p := range strings.SplitSeq(c, "\u200d") {
				w += ansi.StringWidth(p)
			}
			return w
		}
		return ansi.StringWidth(c)
	}
	tests := map[string]struct {
		width   func(string) int
		mode    int
		want    render.WidthPolicy
		wantTUI render.WidthPolicy // where RUNEWIDTH_EASTASIAN is unset
	}{
		// Bubble Tea counts a ZWJ family as six cells without mode 2027,
		// and an emoji with a skin tone as four.
		"tmux 3.3":                 {rendertest.Tmux33, -1, render.WidthPolicy{TextEmojiNarrow: true, ModifierSplit: true}, render.WidthPolicy{TextEmojiNarrow: true, ZWJSplit: true, ModifierSplit: true}},
		"CJK wide, ZWJ split":      {wide, 0, render.WidthPolicy{AmbiguousWide: true, ZWJSplit: true}, render.WidthPolicy{AmbiguousWide: true, ZWJSplit: true, ModifierSplit: true}},
		"mode 2027 off, can be on": {wide, 2, render.WidthPolicy{AmbiguousWide: true, ZWJSplit: true}, render.WidthPolicy{AmbiguousWide: true}},
		"grapheme terminal":        {grapheme, 3, render.WidthPolicy{}, render.WidthPolicy{}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			term := rendertest.NewFakeTerminal(tc.width, tc.mode)
			res, err := render.ProbeTerminal(render.ProbeIO{In: term, Out: term, Cancel: term.Cancel, After: never}, time.Second)
			if err != nil {
				t.Fatal(err)
			}
			if render.DefaultWidthPolicy().AmbiguousWide {
				tc.wantTUI.AmbiguousWide = true // Bubble Tea counts them wide
			}
			if got := res.Policy(); got != tc.want {
				t.Errorf("policy = %v, want %v (%+v)", got, tc.want, res)
			}
			if got := res.TUIPolicy(); got != tc.wantTUI {
				t.Errorf("policy for Bubble Tea = %v, want %v (%+v)", got, tc.wantTUI, res)
			}
		})
	}
}

// TestProbeNoAnswer: a terminal that answers nothing (a pipe, an old
// terminal) gives the fallback when the clock runs out, and the probe's
// read is cancelled.
func TestProbeNoAnswer(t *testing.T) {
	term := rendertest.NewFakeTerminal(rendertest.Tmux33, -1)
	term.Mute = true
	tick := make(chan time.Time, 1)
	after := func(d time.Duration) <-chan time.Time {
		if d != render.ProbeTimeout {
			t.Errorf("waits %v", d)
		}
		tick <- time.Time{}
		return tick
	}
	res, err := render.ProbeTerminal(render.ProbeIO{In: term, Out: term, Cancel: term.Cancel, After: after}, render.ProbeTimeout)
	if !errors.Is(err, render.ErrNoAnswer) {
		t.Fatalf("err = %v", err)
	}
	if res.Answered || res.Policy() != (render.WidthPolicy{}) {
		t.Errorf("probe = %+v, policy %v", res, res.Policy())
	}
	if !term.Canceled() {
		t.Error("the probe left its read waiting")
	}
}

// TestProbeWriteError: a terminal that cannot be written to is an error.
func TestProbeWriteError(t *testing.T) {
	_, err := render.ProbeTerminal(render.ProbeIO{In: strings.NewReader(""), Out: failWriter{}, After: never}, time.Second)
	if err == nil || errors.Is(err, render.ErrNoAnswer) {
		t.Fatalf("err = %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }

// TestProbedLayout lays out the fixtures with the policy a tmux 3.3 probe
// gives and checks them with the width checker, which measures the same
// way: lines fit and table borders line up with ⚠️ as one cell.
func TestProbedLayout(t *testing.T) {
	term := rendertest.NewFakeTerminal(rendertest.Tmux33, -1)
	res, err := render.ProbeTerminal(render.ProbeIO{In: term, Out: term, Cancel: term.Cancel, After: never}, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	withPolicy(t, res.Policy())
	if render.Width("⚠️ 주의") != 6 || render.Width("👨‍👩‍👧") != 2 || render.Width("·") != 1 {
		t.Fatalf("widths: %d %d %d", render.Width("⚠️ 주의"), render.Width("👨‍👩‍👧"), render.Width("·"))
	}
	table := render.Table([]string{"경보", "지역 · 시각"}, [][]string{{"⚠️ 호우", "서울 · 오전 9시"}, {"🌧️ 비", "인천"}}, nil, 40, render.StylePlain)
	rendertest.CheckLayout(t, table, 40)
	for _, name := range fixtures {
		md := readFixture(t, name)
		for _, w := range []int{30, 60} {
			out, err := render.Article(md, w, render.StyleDark)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.CheckLayout(t, out, w)
		}
	}
}

// withPolicy sets the width policy for the rest of the test.
func withPolicy(t *testing.T, p render.WidthPolicy) {
	old := render.CurrentWidthPolicy()
	render.SetWidthPolicy(p)
	t.Cleanup(func() { render.SetWidthPolicy(old) })
}

func TestWidthPolicy(t *testing.T) {
	tests := map[string]struct {
		p    render.WidthPolicy
		want map[string]int
	}{
		"fallback": {render.WidthPolicy{}, map[string]int{"·": 1, "⚠️": 2, "👨‍👩‍👧": 2, "ｶﾞ": 2, "가": 2, "1️⃣": 2, "재\u00ad난": 4, "👍🏽": 2, "🇰🇷": 2}},
		"tmux 3.3": {render.WidthPolicy{TextEmojiNarrow: true, ModifierSplit: true}, map[string]int{"·": 1, "⚠️": 1, "🌧️": 1, "👨‍👩‍👧": 2, "ｶﾞ": 2, "😀": 2, "👍🏽": 4, "박수👏🏿": 8, "🇰🇷": 2}},
		"CJK":      {render.WidthPolicy{AmbiguousWide: true, ZWJSplit: true}, map[string]int{"·": 2, "“인용”": 8, "👨‍👩‍👧": 6, "ﾊﾟﾝ": 3, "👍🏽": 2}},
		"wcwidth":  {render.WidthPolicy{ZWJSplit: true, ModifierSplit: true}, map[string]int{"👍🏽": 4, "👩🏽‍💻": 6, "👨‍👩‍👧": 6}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			withPolicy(t, tc.p)
			for s, want := range tc.want {
				if got := render.Width(s); got != want {
					t.Errorf("Width(%q) = %d, want %d", s, got, want)
				}
				var sum int
				for _, l := range render.Wrap(s, 80) {
					sum += render.Width(l)
				}
				if sum != want {
					t.Errorf("Wrap(%q) lines add up to %d cells, want %d", s, sum, want)
				}
			}
		})
	}
}

// blockingIn is a terminal input whose Read waits for input or for its
// cancel, counting the reads in progress.
type blockingIn struct {
	mu       sync.Mutex
	active   int
	input    chan []byte
	canceled chan struct{}
}

func (b *blockingIn) Read(p []byte) (int, error) {
	b.mu.Lock()
	b.active++
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.active--
		b.mu.Unlock()
	}()
	select {
	case in := <-b.input:
		return copy(p, in), nil
	case <-b.canceled:
		return 0, errors.New("read canceled")
	}
}

// TestProbeLeavesNoReader: when the probe returns, its read of the
// terminal has returned too, so it cannot take the user's next key from
// the program that reads the terminal after it.
func TestProbeLeavesNoReader(t *testing.T) {
	in := &blockingIn{input: make(chan []byte), canceled: make(chan struct{})}
	timeout := make(chan time.Time)
	go func() { timeout <- time.Time{} }() // the terminal never answers
	var once sync.Once
	_, err := render.ProbeTerminal(render.ProbeIO{In: in, Out: io.Discard,
		Cancel: func() { once.Do(func() { close(in.canceled) }) },
		After:  func(time.Duration) <-chan time.Time { return timeout }}, time.Second)
	if !errors.Is(err, render.ErrNoAnswer) {
		t.Fatalf("err = %v", err)
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.active != 0 {
		t.Errorf("%d reads of the terminal are still waiting after the probe returned", in.active)
	}
}

// TestProbeKeepsWhatWasTyped: keys the user pressed while the probe read
// the answers (a j right after starting, an arrow, Hangul after the last
// answer) are kept, in order, for the program to take.
func TestProbeKeepsWhatWasTyped(t *testing.T) {
	in := strings.NewReader("j\x1b[1;2R\x1b[1;2R\x1b[1;3R/\x1b[1;5R\x1b[A\x1b[?1;2c국")
	res, err := render.ProbeTerminal(render.ProbeIO{In: in, Out: io.Discard, After: never}, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	want := render.ProbeResult{Answered: true, Ambiguous: 1, TextEmoji: 1, ZWJ: 2, Modifier: 4, Typed: "j/\x1b[A국"}
	if res != want {
		t.Errorf("probe = %+v, want %+v", res, want)
	}
}
