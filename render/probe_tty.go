package render

import (
	"os"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/muesli/cancelreader"
)

// ProbeTTY runs ProbeTerminal on a real terminal: in and out must both be
// terminals (else it returns ErrNoAnswer at once). It puts in into raw mode
// for the probe and restores it, and reads through a reader it can cancel,
// so that nothing typed after the probe is lost to it. Call it before a
// program takes the terminal (Bubble Tea's Run, or printing ansi output).
func ProbeTTY(in, out *os.File, timeout time.Duration) (ProbeResult, error) {
	if !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return ProbeResult{}, ErrNoAnswer
	}
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return ProbeResult{}, err
	}
	defer func() { _ = term.Restore(in.Fd(), state) }()
	cr, err := cancelreader.NewReader(in)
	if err != nil {
		return ProbeResult{}, err
	}
	defer func() { _ = cr.Close() }()
	return ProbeTerminal(ProbeIO{In: cr, Out: out, Cancel: func() { cr.Cancel() }}, timeout)
}
