package ui

import (
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
)

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
	// label says what failed ("열 수 없음"), or is ""; source is what an
	// error names (a feed, a file, a page), or ""; text is the rest: the
	// cause of an error, or the whole of any other notice.
	label, source string
	text          string
	// sep is what comes between source and text; "" is ": ".
	sep string
	// keys are a question's answer keys ("(y/n)"), drawn after text and
	// never cut: the question is shortened instead.
	keys string
	// background marks a notice no key asked for: what an automatic
	// refresh found. Such a notice gives way to any other, and never
	// replaces one a key brought (see Model.showRound); news counts the
	// new items it announces, summed over the rounds it stands for.
	background bool
	news       int
}

func newNotice(kind noticeKind, text string) notice {
	return notice{kind: kind, text: clean.OneLine(text)}
}

func info(text string) notice { return newNotice(noticeInfo, text) }

// question is a notice that asks: text, then its answer keys, which stay
// whole at every width.
func question(text, keys string) notice {
	n := info(text)
	n.keys = clean.OneLine(keys)
	return n
}

// problemIn is the notice of an error in l: after label (what failed,
// such as "열 수 없음", or ""), the source it names and its cause, as
// library.Describe words them, or as the reader's own errors say.
func problemIn(l lang.Lang, kind noticeKind, label string, err error) notice {
	return problemOf(nil, l, kind, label, err)
}

// problemOf is problemIn, with lib's cache file and what to do when the
// cache is damaged (library.DescribeCache); lib may be nil.
func problemOf(lib *library.Library, l lang.Lang, kind noticeKind, label string, err error) notice {
	source, cause := describeWith(lib, l, err)
	return notice{kind: kind, label: clean.OneLine(label), source: clean.OneLine(source), text: clean.OneLine(cause)}
}

// problem is problemOf in the reader's language, with its cache.
func (m Model) problem(kind noticeKind, label string, err error) notice {
	return problemOf(m.lib, m.lang, kind, label, err)
}

func (n notice) empty() bool { return n.text == "" && n.source == "" && n.label == "" }

// body is the notice without its kind: "label: source: cause".
func (n notice) body() string {
	s := n.text
	if n.keys != "" {
		s += " " + n.keys
	}
	if n.source != "" {
		s = n.source + n.separator() + s
	}
	if n.label != "" {
		s = n.label + ": " + s
	}
	return s
}

// head is what comes before the source: the kind of a line above the rows
// ("오류: "), then the label.
func (n notice) head(l lang.Lang, kind bool) string {
	h := ""
	if kind {
		switch n.kind {
		case noticeError:
			h = l.ErrorLabel() + ": "
		case noticeWarning:
			h = l.WarningLabel() + ": "
		}
	}
	if n.label != "" {
		h += n.label + ": "
	}
	return h
}

// line is the notice as a line above the rows: "오류: …", "경고: …".
func (n notice) line(l lang.Lang) string {
	h := n.head(l, true)
	if n.source != "" {
		return h + n.source + n.separator() + n.text
	}
	return h + n.text
}

// fit is line in w cells: a source too long for the line is cut in its
// middle, so that the cause stays (render.ErrorLine).
func (n notice) fit(l lang.Lang, w int) string {
	return render.SourceLine(n.head(l, true), n.source, n.separator(), n.text, w)
}

// least is the fewest cells the notice needs in the footer to keep its
// cause (or its answer keys) whole, its source cut to a few cells.
func (n notice) least(l lang.Lang) int {
	w := render.Width(n.head(l, false)) + render.Width(n.text)
	if n.source != "" {
		w += min(render.Width(n.source), 6) + render.Width(n.separator())
	}
	if n.keys != "" {
		w += 1 + render.Width(n.keys)
	}
	return w
}

// fitFooter is the notice in the footer, without its kind, in w cells.
func (n notice) fitFooter(l lang.Lang, w int) string {
	if n.keys != "" {
		kw := render.Width(n.keys)
		if kw+1 >= w {
			return render.Truncate(n.keys, w)
		}
		return render.Truncate(n.head(l, false)+n.text, w-kw-1) + " " + n.keys
	}
	return render.SourceLine(n.head(l, false), n.source, n.separator(), n.text, w)
}

func (n notice) separator() string {
	if n.sep == "" {
		return ": "
	}
	return n.sep
}

// savedNotice says where S saved the article: "저장함: name · dir". A name
// too long for the footer loses its middle, never its end, where a save
// that would not overwrite says "-2.md".
func savedNotice(l lang.Lang, name, dir string) notice {
	return notice{kind: noticeInfo, label: clean.OneLine(l.SavedLabel()), source: clean.Name(name), sep: " · ", text: clean.Name(dir)}
}

// describe words err in l: the reader's own errors first, then the
// library's and feed's (library.Describe).
func describe(l lang.Lang, err error) (source, cause string) {
	return describeWith(nil, l, err)
}

// describeWith is describe, through lib.DescribeCache when lib is not nil.
func describeWith(lib *library.Library, l lang.Lang, err error) (source, cause string) {
	if s, c, ok := ownCause(l, err); ok {
		return s, c
	}
	if lib != nil {
		return lib.DescribeCache(l, err)
	}
	return library.Describe(l, err)
}

// connState is what the last refresh says of the network.
type connState uint8

const (
	connUnknown connState = iota // no refresh has finished yet
	connOnline                   // every feed answered
	connPartial                  // some feeds failed
	connOffline                  // every feed failed
)
