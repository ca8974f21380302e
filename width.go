package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"

	"sokbo/render"
)

// How sokbo measures what a terminal draws. A Hangul syllable is two cells
// everywhere, but East Asian Ambiguous characters (· … ※ ○ “ ”), emoji
// with VS16 (⚠️) and ZWJ sequences (👨‍👩‍👧) are drawn at widths that no
// table can tell, so on a terminal sokbo asks it (render.ProbeTerminal,
// at most 100 ms) and measures everything by its answers. --ambiguous,
// SOKBO_AMBIGUOUS and the config's ambiguous override the answer for
// ambiguous characters; with no answer (a pipe, an old terminal) the
// fallback is narrow ambiguous characters and emoji as one glyph.

// widthPolicy is the width policy for output to the terminal (tui: the
// reader's screen, else printed output), asking the terminal when stdout
// is one.
func (a *app) widthPolicy(tui bool) render.WidthPolicy {
	if p, ok := inheritedPolicy(a.std.env); ok {
		return p // asked already, before a restart
	}
	// The default follows RUNEWIDTH_EASTASIAN, never the locale: tmux and
	// most terminals draw ambiguous characters narrow under ko_KR too.
	p := render.DefaultWidthPolicy()
	if a.std.outTTY && a.std.probe != nil {
		res, err := a.std.probe()
		if err == nil && res.Answered {
			p = res.Policy()
			if tui {
				p = res.TUIPolicy()
			}
		}
		a.typed = res.Typed
	}
	switch a.set.ambiguous {
	case ambiguousWide:
		p.AmbiguousWide = true
	case ambiguousNarrow:
		p.AmbiguousWide = false
	}
	return p
}

// setWidthPolicy makes p the policy of the process, before anything is
// measured.
func setWidthPolicy(p render.WidthPolicy) {
	if render.CurrentWidthPolicy() != p {
		render.SetWidthPolicy(p)
	}
}

// policyEnv carries a probed policy to a re-executed process, so that it
// does not ask the terminal again.
const policyEnv = "SOKBO_WIDTH_POLICY"

// reexecForReader re-executes sokbo when the reader's screen needs another
// ambiguous width than Bubble Tea will measure with. Bubble Tea places
// every cell by x/ansi's width, and x/ansi reads RUNEWIDTH_EASTASIAN once,
// in its init (github.com/charmbracelet/x/ansi@v0.11.9/method.go:20-25),
// with no setting to change it after; lipgloss (lipgloss/v2 size.go,
// Width) and ultraviolet (styled.go:165, printString) measure through it.
// That one case alone, a terminal that draws ambiguous characters at the
// other width than the variable says (a CJK terminal set-up, or
// --ambiguous wide), restarts the process with the variable set; every
// other width decision follows render.SetWidthPolicy at run time. It
// returns only when no restart is needed, or the restart failed.
func reexecForReader(p render.WidthPolicy, env func(string) string) {
	if p.AmbiguousWide == render.DefaultWidthPolicy().AmbiguousWide || env(policyEnv) != "" {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	vars := append(os.Environ(), "RUNEWIDTH_EASTASIAN="+strconv.FormatBool(p.AmbiguousWide), policyEnv+"="+encodePolicy(p))
	_ = syscall.Exec(exe, os.Args, vars) // returns only on failure
}

func encodePolicy(p render.WidthPolicy) string {
	bit := func(b bool) string { return strconv.FormatBool(b) }
	return bit(p.AmbiguousWide) + "," + bit(p.TextEmojiNarrow) + "," + bit(p.ZWJSplit) + "," + bit(p.ModifierSplit)
}

// inheritedPolicy is the policy a re-executing parent probed, if any.
func inheritedPolicy(env func(string) string) (render.WidthPolicy, bool) {
	parts := strings.Split(env(policyEnv), ",")
	if len(parts) != 4 {
		return render.WidthPolicy{}, false
	}
	var b [4]bool
	for i, s := range parts {
		v, err := strconv.ParseBool(s)
		if err != nil {
			return render.WidthPolicy{}, false
		}
		b[i] = v
	}
	return render.WidthPolicy{AmbiguousWide: b[0], TextEmojiNarrow: b[1], ZWJSplit: b[2], ModifierSplit: b[3]}, true
}
