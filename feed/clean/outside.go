package clean

import "fmt"

// Text is one line of text from outside sokbo that is not feed content: an
// HTTP status line or header, a file name, an OS or library error string.
// It can only be made by Outside, which cleans it, so a field or an error
// of type Text cannot hold a raw string: a message built from it is safe
// to print by construction. The zero value is the empty text.
type Text struct{ s string }

// Outside cleans s into a Text: OneLine, cut to MaxOutsideBytes.
func Outside(s string) Text { return Text{CutBytes(OneLine(s), MaxOutsideBytes)} }

// MaxOutsideBytes bounds a Text: a server's status line or a file name in
// an error needs no more, and a 1 MB header must not become a 1 MB message.
const MaxOutsideBytes = 512

// String returns the cleaned text.
func (t Text) String() string { return t.s }

// IsZero reports whether t is empty.
func (t Text) IsZero() bool { return t.s == "" }

// Error wraps err so that its message is cleaned to one line: an error
// whose text quotes a server, a file name or the OS may leave a package
// only through Error (or Errorf). errors.Is and errors.As see through it.
// An error whose message is already clean is returned as it is, so that
// comparisons with == keep working for sentinels. Error(nil) is nil.
func Error(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*cleanError); ok {
		return err
	}
	msg := err.Error()
	if c := CutBytes(OneLine(msg), maxErrorBytes); c != msg {
		return &cleanError{msg: c, err: err}
	}
	return err
}

// maxErrorBytes bounds a cleaned error message, which may be stored and
// shown on every later `feeds ls`.
const maxErrorBytes = 1 << 10

// Errorf is fmt.Errorf with its message cleaned as Error cleans it.
func Errorf(format string, args ...any) error {
	return Error(fmt.Errorf(format, args...))
}

// IsCleanLine reports whether s is what OneLine makes of it: one line with
// nothing a terminal could act on. Tests and fuzz targets use it.
func IsCleanLine(s string) bool { return OneLine(s) == s }

// cleanError is an error with a cleaned message.
type cleanError struct {
	msg string
	err error
}

func (e *cleanError) Error() string { return e.msg }
func (e *cleanError) Unwrap() error { return e.err }
