package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"sokbo/feed/library"
	"sokbo/feed/search"
	"sokbo/render"
)

// articleModel is the pager over one rendered article. Its lines come from
// the render cache; it only keeps a scroll offset.
type articleModel struct {
	keys   KeyMap
	styles styles

	entry *library.Entry
	want  renderKey // the rendering this view is waiting for or shows
	lines []string
	// links are the article's numbered links and spots where they stand
	// on its lines; count is a link's number being typed (3o), 0 for none
	// (links.go).
	links     []render.Link
	spots     []render.LinkSpot
	count     int
	err       error
	rendering bool
	offset    int
	width     int
	height    int

	// query is the search on show, whose matches the article marks as it
	// draws them, or nil. matches are all of them in reading order, found
	// when n or N first asks (found); current is the one n or N went to
	// last (-1: none yet).
	query   *search.Query
	matches []articleMatch
	found   bool
	current int
}

// articleMatch is one match of the search in the article: its line, and
// its bytes in the line's text without escape codes.
type articleMatch struct {
	line int
	span search.Span
}

func newArticle(keys KeyMap, s styles, e *library.Entry) articleModel {
	return articleModel{keys: keys, styles: s, entry: e, current: -1}
}

func (a *articleModel) setSize(w, h int) {
	a.width, a.height = w, h
	a.clamp()
}

func (a *articleModel) setContent(l laidArticle, err error) {
	lines := l.lines
	// Keep the reader's place, in proportion, when a resize re-wraps the
	// text.
	if len(a.lines) > 0 && len(lines) > 0 && a.offset > 0 {
		a.offset = a.offset * len(lines) / len(a.lines)
	}
	a.lines, a.links, a.spots, a.err, a.rendering = lines, l.links, l.spots, err, false
	a.clamp()
	// Laid out again (a resize): the current match is found again, by
	// its number, when the matches are the same.
	keep := a.current
	a.matches, a.found, a.current = nil, false, -1
	if keep >= 0 {
		a.findMatches()
		if keep < len(a.matches) {
			a.current = keep
		}
	}
}

// setQuery sets the search whose matches the article marks; nil marks
// none.
func (a *articleModel) setQuery(q *search.Query) {
	if q == a.query || q != nil && a.query != nil && q.String() == a.query.String() {
		return
	}
	a.query, a.matches, a.found, a.current = q, nil, false, -1
}

// findMatches finds every match of the query in the lines, once per
// rendering and query. A line is matched as it is drawn, so a phrase
// broken across two lines is not found.
func (a *articleModel) findMatches() {
	if a.found {
		return
	}
	a.found = true
	if a.query == nil {
		return
	}
	for i, l := range a.lines {
		for _, sp := range a.query.Highlights(ansi.Strip(l)) {
			a.matches = append(a.matches, articleMatch{line: i, span: sp})
		}
	}
}

// nextMatch makes the next match (dir 1) or the previous one (dir -1)
// the current one, wrapping round, and scrolls it into view; false when
// the article holds none. From a current match on screen it goes to the
// one after it; otherwise (the first n, or the reader scrolled away) to
// the first match from the top of the screen down, or for N the last
// from its bottom up.
func (a *articleModel) nextMatch(dir int) bool {
	a.findMatches()
	n := len(a.matches)
	if n == 0 {
		return false
	}
	onScreen := func(line int) bool { return line >= a.offset && line < a.offset+a.height }
	next := -1
	switch {
	case a.current >= 0 && onScreen(a.matches[a.current].line):
		next = ((a.current+dir)%n + n) % n
	case dir > 0:
		next = 0
		for k, mt := range a.matches {
			if mt.line >= a.offset {
				next = k
				break
			}
		}
	default:
		next = n - 1
		for k := n - 1; k >= 0; k-- {
			if a.matches[k].line < a.offset+a.height {
				next = k
				break
			}
		}
	}
	a.current = next
	if line := a.matches[next].line; !onScreen(line) {
		// A match is shown two lines below the top, with its context
		// above.
		const above = 2
		a.offset = line - above
		a.clamp()
	}
	return true
}

// marked is line i as drawn: its matches in the match style, the
// current one in the current match's style. Without colour (StylePlain)
// the current match's line has > in its margin instead. Only the lines
// on screen are marked, as the list marks only its rows: about 0.1 ms
// for 38 lines of Korean text.
func (a articleModel) marked(i int) string {
	l := a.lines[i]
	var cur *articleMatch
	if a.current >= 0 && a.current < len(a.matches) && a.matches[a.current].line == i {
		cur = &a.matches[a.current]
	}
	if cur == nil && a.styles.match == (paint{}) {
		return l // nothing to draw without colour
	}
	spans := a.query.Highlights(ansi.Strip(l))
	if len(spans) == 0 {
		return l
	}
	marks := make([]markSpan, len(spans))
	for k, sp := range spans {
		marks[k] = markSpan{sp, a.styles.match}
		if cur != nil && cur.span == sp {
			marks[k].p = a.styles.matchCurrent
		}
	}
	l = markSpans(l, marks)
	if cur != nil && a.styles.matchCurrent == (paint{}) && strings.HasPrefix(l, " ") {
		l = ">" + l[1:]
	}
	return l
}

// markSpan is a span of a line's text to draw in a paint.
type markSpan struct {
	span search.Span
	p    paint
}

// markSpans draws line, which may hold escape codes, with the spans of
// its text (its bytes without the escape codes, sorted and apart) in
// their paints. A paint ends with a reset, so the line's own codes met
// before the end of a span are given again after it; those met inside a
// span are followed by the span's paint again, so that the match stays
// marked whatever the line's styles do there. Cells are untouched: the
// line is as wide as before, Hangul and all.
func markSpans(line string, spans []markSpan) string {
	if !slices.ContainsFunc(spans, func(s markSpan) bool { return s.p != (paint{}) }) {
		return line
	}
	var b strings.Builder
	var codes []string // the line's SGR sequences so far
	pos, k, open := 0, 0, -1
	var state byte
	for rest := line; len(rest) > 0; {
		seq, _, n, st := ansi.DecodeSequence(rest, state, nil)
		state, rest = st, rest[n:]
		if seq[0] == ansi.ESC {
			b.WriteString(seq)
			if isSGR(seq) {
				if seq == "\x1b[m" || seq == "\x1b[0m" {
					codes = codes[:0] // what came before is undone
				} else {
					codes = append(codes, seq)
				}
				if open >= 0 {
					b.WriteString(spans[open].p.on)
				}
			}
			continue
		}
		for k < len(spans) && spans[k].span.End <= pos {
			k++
		}
		in := -1
		if k < len(spans) && spans[k].span.Start < pos+len(seq) {
			in = k
		}
		if in != open {
			if open >= 0 && spans[open].p.off != "" {
				b.WriteString(spans[open].p.off)
				for _, c := range codes {
					b.WriteString(c)
				}
			}
			if in >= 0 {
				b.WriteString(spans[in].p.on)
			}
			open = in
		}
		b.WriteString(seq)
		pos += len(seq)
	}
	if open >= 0 && spans[open].p.off != "" {
		b.WriteString(spans[open].p.off)
		for _, c := range codes {
			b.WriteString(c)
		}
	}
	return b.String()
}

// isSGR reports whether seq is a Select Graphic Rendition sequence, ESC [
// ... m.
func isSGR(seq string) bool {
	return len(seq) > 2 && seq[0] == ansi.ESC && seq[1] == '[' && seq[len(seq)-1] == 'm'
}

func (a *articleModel) maxOffset() int { return max(len(a.lines)-a.height, 0) }

func (a *articleModel) clamp() { a.offset = min(max(a.offset, 0), a.maxOffset()) }

// Update scrolls.
func (a articleModel) Update(msg tea.Msg) (articleModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		a.offset = scroll(a.keys, k, a.offset, a.height, a.maxOffset())
	}
	return a, nil
}

// scroll moves a pager's offset by a key: a line, a screen of height
// lines less one, or to either end; the result stays within 0 and end.
func scroll(keys KeyMap, k tea.KeyPressMsg, offset, height, end int) int {
	page := max(height-1, 1)
	switch {
	case key.Matches(k, keys.Up):
		offset--
	case key.Matches(k, keys.Down):
		offset++
	case key.Matches(k, keys.PageUp):
		offset -= page
	case key.Matches(k, keys.PageDown):
		offset += page
	case key.Matches(k, keys.Top):
		offset = 0
	case key.Matches(k, keys.Bottom):
		offset = end
	}
	return min(max(offset, 0), end)
}

// scrollPercent is how far through the article the bottom of the screen is.
func (a articleModel) scrollPercent() int {
	if len(a.lines) <= a.height {
		return 100
	}
	return (a.offset + a.height) * 100 / len(a.lines)
}

// View draws the visible lines, height lines in all; spin is the spinner
// shown while the article renders.
func (a articleModel) View(spin string) string {
	var lines []string
	switch {
	case a.err != nil:
		lines = []string{"", a.styles.err.Render(problemIn(a.styles.lang, noticeError, "", a.err).fit(a.styles.lang, a.width))}
	case a.rendering && a.lines == nil:
		lines = []string{"", render.Truncate("  "+spin+" "+a.styles.lang.Rendering(), a.width)}
	default:
		end := min(a.offset+a.height, len(a.lines))
		lines = a.lines[a.offset:end]
		if a.query != nil {
			lines = slices.Clone(lines)
			for i := range lines {
				lines[i] = a.marked(a.offset + i)
			}
		}
	}
	var b strings.Builder
	for i := range a.height {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(lines[i])
		}
	}
	return b.String()
}
