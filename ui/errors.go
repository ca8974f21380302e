package ui

import (
	"errors"
	"os/exec"
	"time"

	"sokbo/feed/clean"
	"sokbo/render"
	"sokbo/render/lang"
)

// readerError is a failure of the reader's own (a browser, a command, a
// save), worded by ownCause in the reader's language; its Error is the
// English, for the log.
type readerError struct {
	kind readerErrorKind
	arg  string        // what it is about: a program, an entry, a path
	d    time.Duration // pipeTimeoutError's
	err  error
}

type readerErrorKind uint8

const (
	errNoBrowser       readerErrorKind = iota // arg: the browsers tried
	errNoLauncher                             // arg: the launcher missing
	errBadBrowser                             // arg: the BROWSER entry
	errPipeTimeout                            // d: the time allowed
	errNoSaveDir                              // no save_dir
	errNameTaken                              // arg: the path
	errUnbalancedQuote                        // arg: the command line
	errNeedsShell                             // arg: the command line
	errCommandFailed                          // arg: its stderr's first line; err: the exit
)

func (e *readerError) Error() string { return e.say(lang.En) }

func (e *readerError) Unwrap() error { return e.err }

// say words e in l.
func (e *readerError) say(l lang.Lang) string {
	switch e.kind {
	case errNoBrowser:
		return l.NoBrowser(e.arg)
	case errNoLauncher:
		return l.NoLauncher(e.arg)
	case errBadBrowser:
		return l.BadBrowser(e.arg)
	case errPipeTimeout:
		return l.PipeTimeout(e.d.String())
	case errNoSaveDir:
		return l.NoSaveDir()
	case errNameTaken:
		return l.FileNameTaken(e.arg)
	case errUnbalancedQuote:
		return e.arg + ": " + l.UnbalancedQuotes()
	case errNeedsShell:
		return e.arg + ": " + l.ShellSyntax()
	case errCommandFailed:
		why := execCause(l, e.err)
		if e.arg != "" {
			why += ": " + e.arg
		}
		return why
	}
	return l.Unknown()
}

// ownCause words the reader's own errors, and the errors of the programs
// it runs: a program that is not there is the source of its error. ok is
// false for an error of the library's.
func ownCause(l lang.Lang, err error) (source, cause string, ok bool) {
	var ex *exec.Error
	if errors.As(err, &ex) && errors.Is(err, exec.ErrNotFound) {
		return clean.OneLine(ex.Name), l.NoSuchProgramHere(), true
	}
	// A refused command line is the source, so that a narrow footer
	// cuts it and keeps the cause (render.ErrorLine).
	var re *readerError
	if errors.As(err, &re) && (re.kind == errNeedsShell || re.kind == errUnbalancedQuote) {
		if re.kind == errNeedsShell {
			return re.arg, l.ShellSyntax(), true
		}
		return re.arg, l.UnbalancedQuotes(), true
	}
	c, ok := ownWords(l, err)
	return "", c, ok
}

func ownWords(l lang.Lang, err error) (string, bool) {
	var re *readerError
	var ee *exec.ExitError
	switch {
	case errors.As(err, &re):
		return re.say(l), true
	case errors.Is(err, errNotOpenable):
		return l.NotOpenable(), true
	case errors.Is(err, errTooLong):
		return l.AddressTooLong(), true
	case errors.Is(err, ErrShellSyntax):
		return l.ShellSyntax(), true
	case errors.Is(err, ErrEmptyCommand):
		return l.EmptyCommand(), true
	case errors.As(err, &ee):
		return execCause(l, err), true
	case errors.Is(err, exec.ErrNotFound):
		return l.NoSuchProgramHere(), true
	}
	return "", false
}

// execCause words why a program failed: its exit status, or that there
// is no such program.
func execCause(l lang.Lang, err error) string {
	var ee *exec.ExitError
	var ex *exec.Error
	switch {
	case errors.As(err, &ee):
		return l.ExitStatus(ee.ExitCode())
	case errors.As(err, &ex) && errors.Is(err, exec.ErrNotFound):
		return l.NoSuchProgram(clean.OneLine(ex.Name))
	case err == nil:
		return l.Unknown()
	}
	return clean.OneLine(err.Error())
}

// cutNote is the line after a pipe's output cut at n bytes.
func cutNote(l lang.Lang, n int) string { return l.PipeCut(render.Thousands(n)) }

// Cause words err in l as the reader does, for the command line's use of
// what the reader runs (the pager is split as | splits): the reader's own
// errors and a program's, then the library's.
func Cause(l lang.Lang, err error) string {
	source, cause := describe(l, err)
	if source != "" {
		return source + ": " + cause
	}
	return cause
}
