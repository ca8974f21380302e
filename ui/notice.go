package ui

import "sokbo/feed/clean"

// noticeKind is how much a notice matters, which decides how it is drawn.
type noticeKind uint8

const (
	noticeInfo noticeKind = iota
	noticeWarning
	noticeError
)

// notice is a message for the reader: in the footer after a key (what r,
// m, s and o just did), or above the rows (a source that failed, a
// warning from loading). Every notice is built by newNotice, which cleans
// its text, so nothing from a feed or an error reaches the screen raw.
type notice struct {
	kind noticeKind
	text string
}

func newNotice(kind noticeKind, text string) notice {
	return notice{kind: kind, text: clean.OneLine(text)}
}

func info(text string) notice { return newNotice(noticeInfo, text) }

// problem is the notice of an error: its text after a label such as
// "열 수 없음".
func problem(label string, err error) notice {
	return newNotice(noticeError, label+": "+err.Error())
}

func (n notice) empty() bool { return n.text == "" }

// line is the notice as a line above the rows: "오류: …", "경고: …".
func (n notice) line() string {
	switch n.kind {
	case noticeError:
		return "오류: " + n.text
	case noticeWarning:
		return "경고: " + n.text
	}
	return n.text
}

// connState is what the last refresh says of the network.
type connState uint8

const (
	connUnknown connState = iota // no refresh has finished yet
	connOnline                   // every feed answered
	connPartial                  // some feeds failed
	connOffline                  // every feed failed
)
