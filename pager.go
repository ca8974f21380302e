package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"

	"sokbo/feed/clean"
	"sokbo/ui"
)

// defaultPager is the pager when neither $SOKBO_PAGER nor $PAGER names
// one: less, passing sokbo's colours through.
const defaultPager = "less -R"

// page writes out, an article `sokbo read` prints, to w, or through the
// user's pager when stdout is a terminal and the article is longer than
// the screen, as git and glow do. --no-pager, a pager named "cat" and a
// stdout that is not a terminal write straight to w. A pager that cannot
// be started is said on stderr, and the article written straight.
func (c *command) page(a *app, w io.Writer, out string) int {
	std := a.std
	argv, why := pagerFor(std, c.noPager, out)
	if argv == nil {
		if _, err := io.WriteString(w, out); err != nil {
			return a.writeFailed(err)
		}
		// Said after the article, where the reader's eyes are: before it,
		// the line scrolls off the top of the screen.
		if why != nil {
			a.say(a.lang.PagerFailed(ui.Cause(a.lang, why)))
		} else if name := missingPager(std, c.noPager); name != "" {
			// The article fits the screen, but the pager the user named
			// is not installed: said now, not first when one is long.
			a.say(a.lang.PagerNotFound(clean.Name(name)))
		}
		return 0
	}
	if w != std.out {
		// Plain text passes the same cleaning on its way to the pager as
		// it would on its way to the terminal.
		var b strings.Builder
		clean.Writer(&b).Write([]byte(out)) //nolint:errcheck // a Builder does not fail
		out = b.String()
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin = strings.NewReader(out)
	cmd.Stdout, cmd.Stderr = std.out, std.err
	cmd.Env = pagerEnv(std.env)
	if err := cmd.Start(); err != nil {
		if _, werr := io.WriteString(w, out); werr != nil {
			return a.writeFailed(werr)
		}
		if errors.Is(err, exec.ErrNotFound) {
			a.say(a.lang.PagerNotFound(clean.Name(argv[0])))
		} else {
			a.say(a.lang.PagerNotStarted(clean.Name(argv[0]), ui.Cause(a.lang, unwrapExec(err))))
		}
		return 0
	}
	// The pager's status is the reader's business: q, or an interrupt
	// inside less, is not sokbo failing.
	cmd.Wait() //nolint:errcheck
	return 0
}

// pagerFor returns the pager's argv for out, or nil to write it straight,
// with the reason when that is a problem to say.
func pagerFor(std *streams, noPager bool, out string) ([]string, error) {
	if noPager || !std.outTTY || std.height <= 0 || strings.Count(out, "\n") < std.height {
		return nil, nil
	}
	line := strings.TrimSpace(std.env("SOKBO_PAGER"))
	if line == "" {
		line = strings.TrimSpace(std.env("PAGER"))
	}
	if line == "" {
		line = defaultPager
	}
	argv, err := ui.SplitCommand(line)
	if err != nil {
		return nil, err
	}
	if argv[0] == "cat" && len(argv) == 1 {
		return nil, nil
	}
	return argv, nil
}

// missingPager returns the program of the pager $SOKBO_PAGER or $PAGER
// names when sokbo would page on this terminal but that program is not
// installed, or "". The default pager is not checked: a system without
// less is not a mistake to report on every read.
func missingPager(std *streams, noPager bool) string {
	if noPager || !std.outTTY || std.height <= 0 {
		return ""
	}
	line := strings.TrimSpace(std.env("SOKBO_PAGER"))
	if line == "" {
		line = strings.TrimSpace(std.env("PAGER"))
	}
	if line == "" {
		return ""
	}
	argv, err := ui.SplitCommand(line)
	if err != nil || len(argv) == 0 || argv[0] == "cat" && len(argv) == 1 {
		return ""
	}
	if _, err := exec.LookPath(argv[0]); errors.Is(err, exec.ErrNotFound) {
		return argv[0]
	}
	return ""
}

// pagerEnv is the pager's environment: sokbo's, with LESS=FRX when LESS
// is not set (as git sets it: colours kept, the screen left as it was on
// quitting), LV=-c likewise for lv, and LESSCHARSET=utf-8 when that is not
// set: sokbo writes UTF-8 whatever the locale says, and less in a locale
// it does not know shows Hangul as <EC><A0><95>.
func pagerEnv(env func(string) string) []string {
	out := os.Environ()
	if env("LESS") == "" {
		out = append(out, "LESS=FRX")
	}
	if env("LESSCHARSET") == "" {
		out = append(out, "LESSCHARSET=utf-8")
	}
	if env("LV") == "" {
		out = append(out, "LV=-c")
	}
	return out
}

// unwrapExec drops the path exec repeats in its error.
func unwrapExec(err error) error {
	var ee *exec.Error
	if errors.As(err, &ee) {
		return ee.Err
	}
	return err
}
