package ui

import (
	"errors"
	"strings"

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

// SplitCommand splits a command line into argv by the quoting rules of
// POSIX sh (XCU 2.2), without a shell: no variable, no tilde, no glob is
// expanded, and a line that needs a shell to mean anything (an operator
// or a command substitution outside single quotes) is refused rather
// than cut short. The pipe command, $BROWSER's entries and $PAGER are
// split by it.
//
// As in sh:
//   - 'single quotes' keep every character, a backslash too;
//   - inside "double quotes" a backslash escapes only $ ` " \ and a
//     newline, and is kept before any other character ("\033" is \033);
//   - outside quotes a backslash keeps the next character, and a
//     backslash-newline joins the lines;
//   - a # that starts a word starts a comment;
//   - an empty quoted word (” or "") is a word.
//
// It was go-shellwords, which drops the backslash of "\033"; sh's rules
// are short enough to follow exactly here.
func SplitCommand(line string) ([]string, error) {
	needsShell := func() error {
		return &readerError{kind: errNeedsShell, arg: clean.OneLine(line), err: ErrShellSyntax}
	}
	var (
		words  []string
		word   strings.Builder
		inWord bool // a word is under way, maybe empty ('' or "")
	)
	end := func() {
		if inWord {
			words = append(words, word.String())
		}
		word.Reset()
		inWord = false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			end()
		case c == '\\':
			if i+1 == len(line) {
				// sh reads a trailing backslash as a line to be continued.
				return nil, &readerError{kind: errUnbalancedQuote, arg: clean.OneLine(line)}
			}
			i++
			if line[i] != '\n' {
				word.WriteByte(line[i])
				inWord = true
			}
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, &readerError{kind: errUnbalancedQuote, arg: clean.OneLine(line)}
			}
			word.WriteString(line[i+1 : i+1+j])
			inWord = true
			i += 1 + j
		case c == '"':
			inWord = true
			closed := false
			for i++; i < len(line); i++ {
				d := line[i]
				if d == '"' {
					closed = true
					break
				}
				switch {
				case d == '\\' && i+1 < len(line) && strings.IndexByte("$`\"\\\n", line[i+1]) >= 0:
					i++
					if line[i] != '\n' {
						word.WriteByte(line[i])
					}
					continue
				case d == '`' || d == '$' && i+1 < len(line) && line[i+1] == '(':
					return nil, needsShell()
				}
				word.WriteByte(d)
			}
			if !closed {
				return nil, &readerError{kind: errUnbalancedQuote, arg: clean.OneLine(line)}
			}
		case c == '#' && !inWord:
			i = len(line)
		case strings.IndexByte("|;&<>()`\n", c) >= 0, c == '$' && i+1 < len(line) && line[i+1] == '(':
			return nil, needsShell()
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	end()
	if len(words) == 0 {
		return nil, ErrEmptyCommand
	}
	return words, nil
}
