package render

import (
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/parser"
	"github.com/clipperhouse/displaywidth"
	"github.com/mattn/go-runewidth"
)

// WidthPolicy is how many cells the terminal draws for the characters on
// whose width terminals disagree. Where the terminal draws a character
// differently from a width table, the terminal is right: ProbeTerminal
// asks it. The zero value is the fallback when nothing can be asked:
// ambiguous characters narrow, emoji with VS16 and ZWJ sequences as one
// two-cell glyph.
//
// Whatever the policy, a halfwidth katakana voiced mark (ﾞ ﾟ) is one cell
// of its own, as every terminal draws it, though Unicode joins it to the
// character before.
type WidthPolicy struct {
	// AmbiguousWide: East Asian Ambiguous characters (· … ※ ○ ① “ ” and
	// the box-drawing set) take two cells, as in many CJK set-ups, not
	// one as in tmux and most terminals, whatever the locale.
	AmbiguousWide bool
	// TextEmojiNarrow: a character that is text by default followed by
	// VS16 (⚠️ 🌧️ ☀️) takes the one cell of the character, as tmux 3.3
	// and terminals without Unicode core (mode 2027) draw it, not the two
	// of an emoji.
	TextEmojiNarrow bool
	// ZWJSplit: a ZWJ sequence (👨‍👩‍👧) takes the cells of each emoji in
	// it, as terminals that do not join them draw it, not the two of one
	// glyph.
	ZWJSplit bool
	// ModifierSplit: an emoji with a skin-tone modifier (👍🏽) takes the
	// cells of the emoji and of the modifier's own swatch, as tmux 3.3a
	// and terminals that do not join them draw it (four), not the two
	// of one glyph.
	ModifierSplit bool
}

// String names the policy as a log line would: "ambiguous narrow, VS16
// wide, ZWJ joined, modifiers joined".
func (p WidthPolicy) String() string {
	pick := func(b bool, yes, no string) string {
		if b {
			return yes
		}
		return no
	}
	return "ambiguous " + pick(p.AmbiguousWide, "wide", "narrow") +
		", VS16 " + pick(p.TextEmojiNarrow, "narrow", "wide") +
		", ZWJ " + pick(p.ZWJSplit, "split", "joined") +
		", modifiers " + pick(p.ModifierSplit, "split", "joined")
}

// policy is the process's width policy. Everything that measures reads it,
// so it is set once, at start-up (SetWidthPolicy); an atomic keeps a late
// set from racing with a render.
var policy atomic.Pointer[WidthPolicy]

func init() {
	// Until told otherwise, measure as x/ansi, lipgloss and Bubble Tea
	// do: they read RUNEWIDTH_EASTASIAN in x/ansi's init
	// (github.com/charmbracelet/x/ansi@v0.11.9/method.go:20-25), and
	// ambiguous characters are wide only when it is set.
	p := DefaultWidthPolicy()
	policy.Store(&p)
}

// DefaultWidthPolicy is the policy before any is set: ambiguous characters
// wide only when RUNEWIDTH_EASTASIAN was set when the process started, as
// x/ansi reads it, and emoji as one two-cell glyph.
func DefaultWidthPolicy() WidthPolicy {
	return WidthPolicy{AmbiguousWide: ansi.StringWidth("\u00b7") == 2}
}

// CurrentWidthPolicy returns the policy everything is measured by.
func CurrentWidthPolicy() WidthPolicy { return *policy.Load() }

// SetWidthPolicy makes p the policy that every measurement of the process
// follows: render's Width, Wrap, Truncate, Pad, tables and articles, and,
// for ambiguous characters, go-runewidth's DefaultCondition and
// displaywidth's DefaultOptions, which bubbles and other libraries measure
// with (go-runewidth also guesses wide from a CJK LANG, which tmux and most
// terminals do not draw).
//
// Call it once, at start-up, before any goroutine measures text: the two
// libraries' settings are plain variables. A render made before it, and
// cached, was measured the old way.
//
// Libraries that read the environment only at init cannot follow it: x/ansi
// reads RUNEWIDTH_EASTASIAN once
// (github.com/charmbracelet/x/ansi@v0.11.9/method.go:20-25), and lipgloss
// (lipgloss/v2 size.go, Width) and Bubble Tea's cell buffer (ultraviolet
// styled.go:165, printString) measure through it; VS16 and ZWJ follow
// Bubble Tea's width method (wcwidth, or grapheme clusters once the
// terminal reports mode 2027). So the TUI measures with render, never
// lipgloss.Width, and a terminal whose ambiguous width differs from that
// variable draws Bubble Tea's own cells (not sokbo's layout) off by one
// per ambiguous character.
func SetWidthPolicy(p WidthPolicy) {
	policy.Store(&p)
	if runewidth.DefaultCondition.EastAsianWidth != p.AmbiguousWide {
		runewidth.DefaultCondition.EastAsianWidth = p.AmbiguousWide
		// CreateLUT rebuilds the table only if one was built.
		runewidth.DefaultCondition.CreateLUT()
	}
	displaywidth.DefaultOptions.EastAsianWidth = p.AmbiguousWide
}

// Measuring options for displaywidth, which x/ansi measures grapheme
// clusters with, in either ambiguous mode.
var (
	narrowWidth = displaywidth.Options{}
	wideWidth   = displaywidth.Options{EastAsianWidth: true}
)

// clusterWidth returns the cells one grapheme cluster takes under the
// current policy. ansiWidth is what x/ansi measured for it, which stands
// when the policy changes nothing.
func clusterWidth(c string, ansiWidth int) int {
	if len(c) == 1 {
		return ansiWidth // ASCII and controls: no policy applies
	}
	if n := strayModifiers(c); n > 0 {
		// Unicode joins a skin-tone modifier to whatever it follows
		// (" 🏽" is one cluster, of the space's one cell), but after
		// anything but an emoji it is drawn as a swatch of its own,
		// two cells, as tmux and the terminals draw it.
		rest := withoutStrayModifiers(c)
		w := 2 * n
		if rest != "" {
			w += Width(rest)
		}
		return w
	}
	p := policy.Load()
	opts := narrowWidth
	if p.AmbiguousWide {
		opts = wideWidth
	}
	w := ansiWidth
	if p.AmbiguousWide != ambiguousAtInit || p.TextEmojiNarrow || p.ZWJSplit || p.ModifierSplit {
		w = policyWidth(c, opts, p)
	}
	// A halfwidth voiced mark is a cell of its own (see WidthPolicy).
	if strings.ContainsAny(c, "\uff9e\uff9f") {
		w += strings.Count(c, "\uff9e") + strings.Count(c, "\uff9f")
	}
	return w
}

// ambiguousAtInit is the ambiguous mode x/ansi measured in.
var ambiguousAtInit = ansi.StringWidth("\u00b7") == 2

// policyWidth measures cluster c with opts under policy p.
func policyWidth(c string, opts displaywidth.Options, p *WidthPolicy) int {
	if p.ZWJSplit && strings.Contains(c, "\u200d") {
		w := 0
		for part := range strings.SplitSeq(c, "\u200d") {
			if part != "" {
				w += policyWidth(part, opts, &WidthPolicy{AmbiguousWide: p.AmbiguousWide, TextEmojiNarrow: p.TextEmojiNarrow, ModifierSplit: p.ModifierSplit})
			}
		}
		return w
	}
	if p.ModifierSplit {
		if n := countModifiers(c); n > 0 {
			// The emoji, and each modifier as a swatch of its own.
			base := strings.Map(func(r rune) rune {
				if isModifier(r) {
					return -1
				}
				return r
			}, c)
			w := 2 * n
			if base != "" {
				w += policyWidth(base, opts, &WidthPolicy{AmbiguousWide: p.AmbiguousWide, TextEmojiNarrow: p.TextEmojiNarrow})
			}
			return w
		}
	}
	if p.TextEmojiNarrow && strings.Contains(c, "\ufe0f") {
		// The character without its emoji presentation: a text
		// character keeps its own width, an emoji one its two.
		if base := strings.ReplaceAll(c, "\ufe0f", ""); base != "" {
			return max(opts.String(base), 1)
		}
	}
	return opts.String(c)
}

// isModifier reports whether r is an emoji skin-tone modifier (Fitzpatrick
// types 1-2 to 6), U+1F3FB to U+1F3FF.
func isModifier(r rune) bool { return r >= 0x1f3fb && r <= 0x1f3ff }

// strayModifier reports whether a skin-tone modifier after prev modifies
// nothing: prev is not an emoji (the blocks that hold the emoji a
// modifier modifies), or is a modifier itself.
func strayModifier(prev rune) bool {
	return isModifier(prev) || !(prev >= 0x1f000 && prev <= 0x1faff || prev >= 0x2600 && prev <= 0x27bf)
}

// strayModifiers counts the modifiers in cluster c that modify nothing.
func strayModifiers(c string) int {
	if !strings.Contains(c, "\xf0\x9f\x8f") {
		return 0 // no modifier: U+1F3FB to U+1F3FF all begin so
	}
	n := 0
	var prev rune
	for _, r := range c {
		if isModifier(r) && strayModifier(prev) {
			n++
		}
		prev = r
	}
	return n
}

// withoutStrayModifiers is c without the modifiers strayModifiers counts.
func withoutStrayModifiers(c string) string {
	var b strings.Builder
	var prev rune
	for _, r := range c {
		if !isModifier(r) || !strayModifier(prev) {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// countModifiers counts the skin-tone modifiers in c.
func countModifiers(c string) int {
	n := 0
	for _, r := range c {
		if isModifier(r) {
			n++
		}
	}
	return n
}

// Width returns the number of terminal cells s occupies under the current
// width policy (see WidthPolicy). It measures by grapheme cluster, so a
// Hangul syllable, an emoji ZWJ sequence or a flag counts once at its
// display width, and it ignores ANSI escape sequences and controls but
// the tab, which the layout writes as one space. Prepend characters
// (see isPrepend) and soft hyphens do not count: the layout drops them.
// Under the default policy it agrees with lipgloss.Width and glamour, which
// measure with x/ansi.
func Width(s string) int {
	s = dropPrepend(s)
	if s == "" {
		return 0
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD") // as tokenize reads it
	}
	width := 0
	pstate := parser.GroundState
	for i := 0; i < len(s); i++ {
		state, action := parser.Table.Transition(pstate, s[i])
		if action == parser.PrintAction || state == parser.Utf8State {
			if s[i] < utf8.RuneSelf && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
				// Printable ASCII with no mark after it ("1️⃣" is one
				// cluster that starts with an ASCII byte).
				width++
				pstate = parser.GroundState
				continue
			}
			cluster, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			if len(cluster) == 0 {
				width++
				pstate = parser.GroundState
				continue
			}
			if cluster != "\u00ad" {
				width += clusterWidth(cluster, w)
			}
			i += len(cluster) - 1
			pstate = parser.GroundState
			continue
		}
		if s[i] == '\t' && pstate == parser.GroundState && state == parser.GroundState {
			width++ // laid out as one space, as tokenize reads it
		}
		pstate = state
	}
	return width
}
