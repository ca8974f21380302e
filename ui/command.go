package ui

import (
	"errors"
	"strings"

	"github.com/mattn/go-shellwords"

	"sokbo/feed/clean"
)

// Errors of SplitCommand.
var (
	// ErrShellSyntax is a command line that needs a shell: a pipe, a
	// redirection, a list (; &&) or a command substitution. sokbo runs
	// programs directly, never through a shell.
	ErrShellSyntax = errors.New("needs a shell (| ; & < > ` $( )), and sokbo runs commands without one")
	// ErrEmptyCommand is a command line with no words.
	ErrEmptyCommand = errors.New("no command")
)

// SplitCommand splits a command line into argv by the shell's quoting
// rules ('single', "double", backslash), without a shell: no variable,
// no glob, no command substitution is expanded, and a line that needs a
// shell to mean anything is refused rather than cut short. The pipe
// command, $BROWSER's entries and $PAGER are split by it.
//
// It uses go-shellwords with its expansions off: a maintained, small
// implementation of the quoting rules, where a hand-written one would
// get the corners (a backslash in double quotes, an empty quoted word)
// wrong.
func SplitCommand(line string) ([]string, error) {
	p := shellwords.NewParser()
	p.ParseEnv, p.ParseBacktick, p.ParseComment = false, false, false
	words, err := p.Parse(line)
	if err != nil {
		return nil, &readerError{kind: errUnbalancedQuote, arg: clean.OneLine(line)}
	}
	if p.Position >= 0 && p.Position < len(line) {
		return nil, &readerError{kind: errNeedsShell, arg: clean.OneLine(line), err: ErrShellSyntax}
	}
	for _, w := range words {
		if strings.HasPrefix(w, "$(") || strings.HasPrefix(w, "`") {
			return nil, &readerError{kind: errNeedsShell, arg: clean.OneLine(line), err: ErrShellSyntax}
		}
	}
	if len(words) == 0 {
		return nil, ErrEmptyCommand
	}
	return words, nil
}
