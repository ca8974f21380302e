package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/parser"
)

// layoutSpecials are the characters that text cannot be written with as
// it is: a newline and a tab, which have no width of their own, and a
// soft hyphen, which is never written (see tokShy).
const layoutSpecials = "\n\t\u00ad"

// Ellipsis marks text cut by [Truncate]. It is East Asian Ambiguous: one
// cell in narrow mode, two in wide mode, and Truncate measures it each time.
const Ellipsis = "…"

// AmbiguousWide reports whether East Asian Ambiguous characters (· … ※ ○ ①
// “ ” and the box-drawing set) count as two cells under the current width
// policy (see SetWidthPolicy). Tables are drawn with ASCII borders then.
func AmbiguousWide() bool { return policy.Load().AmbiguousWide }

// dropPrepend returns s without its Prepend characters (see isPrepend).
// Every layout function starts with it, so none writes them.
func dropPrepend(s string) string {
	if !hasPrepend(s) {
		return s
	}
	// Invalid UTF-8 becomes U+FFFD first, as tokenize makes it: removing
	// a character from between two stray bytes could join them into a
	// new one.
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		if isPrepend(r) {
			return -1
		}
		return r
	}, s)
}

// isPrepend reports whether r has the Unicode grapheme break property
// Prepend (U+0600 ARABIC NUMBER SIGN and its kind, some Indic repha): it
// joins the character after it into one cluster. After the last word of
// a table cell that character is the padding, so the cell measured one
// width alone and another on its line, and borders broke. The layout
// functions drop these characters, which are format marks and almost
// never in Korean news, and Width does not count them.
func isPrepend(r rune) bool {
	switch {
	case r >= 0x0600 && r <= 0x0605, r == 0x06dd, r == 0x070f, r == 0x0890, r == 0x0891,
		r == 0x08e2, r == 0x0d4e, r == 0x110bd, r == 0x110cd, r == 0x111c2, r == 0x111c3,
		r == 0x1193f, r == 0x11941, r == 0x11a3a, r >= 0x11a84 && r <= 0x11a89,
		r == 0x11d46, r == 0x11f02:
		return true
	}
	return false
}

// Drops reports whether the layout leaves r out of what it draws: the
// Prepend format marks above. A check that the output holds the source's
// text leaves them out of the source too.
func Drops(r rune) bool { return isPrepend(r) }

// hasPrepend reports cheaply whether s may hold a Prepend character: they
// all have one of these UTF-8 lead bytes.
func hasPrepend(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xd8, 0xdb, 0xdc, 0xe0, 0xf0:
			return strings.ContainsFunc(s, isPrepend)
		}
	}
	return false
}

// tokKind classifies a token of text.
type tokKind uint8

const (
	tokText    tokKind = iota // a printable grapheme cluster
	tokSpace                  // a breakable space (U+0020 or a tab)
	tokEsc                    // an escape sequence or a control byte; zero width
	tokNewline                // an explicit line break
	// tokShy is a soft hyphen (U+00AD): a break point inside a word,
	// drawn as nothing, or as "-" where a line breaks at it. Terminals
	// disagree on its width, so it is never written itself.
	tokShy
)

// token is one grapheme cluster or escape sequence with its display width.
type token struct {
	s    string
	w    int
	kind tokKind
}

// tokenize splits s into grapheme clusters and escape sequences. It reads
// s with the same state machine as Width, so the widths add up to Width(s)
// and the clusters are the ones it measures: a cluster starts at
// every printable byte, ASCII included, so "1️⃣" or "e" with a combining
// accent stays one token.
//
// Invalid UTF-8, which feed/ never lets through, becomes U+FFFD first: stray
// bytes would otherwise be read as C1 controls by one reader and as text by
// another.
func tokenize(s string) []token {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	toks := make([]token, 0, len(s)/2+1)
	pstate := parser.GroundState
	esc := -1 // start of the escape sequence being read
	flushEsc := func(end int) {
		if esc >= 0 && end > esc {
			toks = append(toks, token{s: s[esc:end], kind: tokEsc})
		}
		esc = -1
	}
	for i := 0; i < len(s); {
		c := s[i]
		state, action := parser.Table.Transition(pstate, c)
		if action == parser.PrintAction || state == parser.Utf8State {
			flushEsc(i)
			if c >= utf8.RuneSelf {
				if r, size := utf8.DecodeRuneInString(s[i:]); isPrepend(r) {
					i += size // dropped: see isPrepend
					pstate = parser.GroundState
					continue
				}
			}
			cluster, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			if len(cluster) == 0 {
				cluster, w = s[i:i+1], 1
			}
			w = clusterWidth(cluster, w)
			switch cluster {
			case " ":
				toks = append(toks, token{s: " ", w: 1, kind: tokSpace})
			case "\u00ad":
				// A mark after it (a combining accent) is drawn on the
				// character before, the hyphen being drawn as nothing:
				// no break there, which would leave the mark alone at
				// the start of a line.
				if r, _ := utf8.DecodeRuneInString(s[i+len(cluster):]); !unicode.In(r, unicode.Mn, unicode.Me) {
					toks = append(toks, token{kind: tokShy})
				}
			default:
				toks = append(toks, token{s: cluster, w: w, kind: tokText})
			}
			i += len(cluster)
			pstate = parser.GroundState
			continue
		}
		if pstate == parser.GroundState && state == parser.GroundState {
			// A C0 control on its own.
			flushEsc(i)
			switch c {
			case '\n':
				toks = append(toks, token{s: "\n", kind: tokNewline})
			case '\t':
				// Tabs have no fixed width; lay them out as one space.
				toks = append(toks, token{s: " ", w: 1, kind: tokSpace})
			case '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					// CRLF is one break; it is not a cursor movement.
					toks = append(toks, token{s: "\n", kind: tokNewline})
					i++
					break
				}
				toks = append(toks, token{s: "\r", kind: tokEsc})
			default:
				toks = append(toks, token{s: s[i : i+1], kind: tokEsc})
			}
			i++
			continue
		}
		if esc < 0 {
			esc = i
		}
		i++
		pstate = state
		if state == parser.GroundState {
			flushEsc(i)
		}
	}
	flushEsc(len(s))
	return toks
}

// Truncate shortens s to one line of at most w cells. When it has to cut,
// at the width or at a newline, it ends the text with an ellipsis (…) that
// counts inside w; it never splits a grapheme cluster. A tab becomes a
// space, since its width depends on the column; invalid UTF-8 becomes
// U+FFFD. Escape sequences after the cut are kept, so a style that s opens
// and resets still resets. Text that fits is returned unchanged; w < 1
// gives "".
func Truncate(s string, w int) string {
	return truncate(s, w, false)
}

// truncate is Truncate, and TruncateTitle where title is set.
func truncate(s string, w int, title bool) string {
	s = dropPrepend(s)
	if w < 1 {
		return ""
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if Width(s) <= w && !strings.ContainsAny(s, layoutSpecials) {
		return s
	}
	tail := Ellipsis
	tw := Width(tail)
	if tw > w {
		// Wide mode at one cell: no room for a marker at all.
		tail, tw = "", 0
	}
	toks := tokenize(s)
	total, lines := 0, 1
	for _, t := range toks {
		total += t.w
		if t.kind == tokNewline {
			lines++
		}
	}
	if total <= w && lines == 1 {
		// It fits once its tabs are spaces.
		var b strings.Builder
		b.Grow(len(s))
		for _, t := range toks {
			b.WriteString(t.s)
		}
		return b.String()
	}
	end := truncateEnd(toks, w-tw)
	if title {
		end = titleEnd(toks, end, w-tw)
	}
	return writeCut(toks, end, tail, len(s))
}

// truncateEnd returns the index of the first token that [Truncate] leaves
// out when it keeps w cells of toks: a newline, or the first cluster that
// does not fit, with the spaces before it. Escapes are not counted.
func truncateEnd(toks []token, w int) int {
	cur, spaces := 0, 0
	for i, t := range toks {
		switch {
		case t.kind == tokEsc:
			cur += spaces
			spaces = 0
		case t.kind == tokNewline || cur+spaces+t.w > w:
			return i
		case t.kind == tokSpace:
			spaces++
		default:
			cur += spaces + t.w
			spaces = 0
		}
	}
	return len(toks)
}

// writeCut writes toks up to end, then tail, then the escapes after end.
// Spaces wait until a visible cluster follows them, so a cut never
// leaves a space before the ellipsis; and text that already ends in an
// ellipsis gets no second one.
func writeCut(toks []token, end int, tail string, size int) string {
	var b strings.Builder
	b.Grow(size)
	spaces, endsInEllipsis := 0, false
	for i, t := range toks {
		if i == end && !endsInEllipsis {
			b.WriteString(tail)
		}
		switch {
		case t.kind == tokEsc:
			if i < end && spaces > 0 {
				// Keep the order of spaces and escapes before a cut.
				b.WriteString(strings.Repeat(" ", spaces))
				spaces = 0
			}
			b.WriteString(t.s)
		case i >= end:
		case t.kind == tokSpace:
			spaces++
		default:
			b.WriteString(strings.Repeat(" ", spaces))
			spaces = 0
			b.WriteString(t.s)
			endsInEllipsis = t.s == Ellipsis
		}
	}
	return b.String()
}

// TruncateTitle is [Truncate] for a headline: where the cut would fall
// where the wrap's rules keep a number whole (inside a number or a
// range, between a number and its unit: 24~3…, 3.…, 3… of 3조), it backs
// off to the last place before it where they do not, most often the
// space before the number, so that a title does not show a number it
// does not hold. It backs off at most to half its room (w less the
// ellipsis): in a long run with no such place there, it cuts where a
// wrapped line holding nothing better would break (10시… of 10시54분),
// and failing that where Truncate cuts. A closing mark the cut drops is
// no matter (한국은행… of 한국은행,). Text that fits is returned
// unchanged; otherwise the result is a prefix of what Truncate keeps,
// with its ellipsis.
func TruncateTitle(s string, w int) string {
	return truncate(s, w, true)
}

// titleEnd returns where TruncateTitle cuts toks, which Truncate cuts
// before toks[end] to keep room cells: see TruncateTitle.
func titleEnd(toks []token, end, room int) int {
	if end >= len(toks) || toks[end].kind != tokText && toks[end].kind != tokShy {
		return end // at a newline or a space
	}
	// The word the cut falls in: from after the last space before it to
	// the next space or newline.
	ws := end
	for ws > 0 && toks[ws-1].kind != tokSpace && toks[ws-1].kind != tokNewline {
		ws--
	}
	we := end
	for we < len(toks) && toks[we].kind != tokSpace && toks[we].kind != tokNewline {
		we++
	}
	word := toks[ws:we]
	// hasText(word[:k]) is k > seen, found once: asking it at every
	// cluster made a run of zero-width characters cost its length squared.
	seen := len(word)
	for k, t := range word {
		if isVisible(t) {
			seen = k
			break
		}
	}
	if end-ws <= seen {
		return end // the cut is at the word's start, after a space
	}
	hs, he := hostSpan(word)
	best, bestClass := end, 0
	kept := tokensWidth(toks[:end]) // what toks[:i] shows, kept as i falls
	for i := end; i > ws; i-- {
		if i < end {
			kept -= toks[i].w
			if 2*kept < room {
				return best
			}
		}
		if toks[i].kind != tokText && toks[i].kind != tokShy || i-ws <= seen {
			continue
		}
		if class := cutClass(word, i-ws, hs, he); class > bestClass {
			best, bestClass = i, class
			if class == 2 {
				return best
			}
		}
	}
	// At the space before the word, when text stands before it.
	before := ws
	for before > 0 && toks[before-1].kind != tokText && toks[before-1].kind != tokShy {
		before--
	}
	if kept -= tokensWidth(toks[before : ws+1]); hasText(toks[:ws]) && 2*kept >= room {
		return ws
	}
	return best
}

// cutClass rates the end of a cut title before word[k] by the rules
// that keep a number whole (breakRank): 0 where no line breaks at a
// number (inside one, a range or a percentage point, or between a number
// and its sign or its unit sign: 3.…, 24~3…, 3.5%…, 3.5…), 1 where a line
// breaks between a number and what follows it only when nothing better
// fits (241…, 3…, 24시…, 10시…), 2 elsewhere. The rules for marks are
// not asked: a closing mark the cut drops never starts a line.
func cutClass(word []token, k, hs, he int) int {
	b, a := textAt(word, k-1, -1).s, textAt(word, k, 1).s
	number := isDigit(b) || isDigit(a) || isDigit(textAt(word, k-2, -1).s) && (isHangulSyllable(b) || b == "%")
	if !number {
		return 2
	}
	return min(breakRank(word, k, hs, he), 2)
}

// TruncateLeft is Truncate from the other end: it keeps the end of s and
// puts the ellipsis first, for a path or address whose last part matters
// most. s is plain text (no escape sequences).
func TruncateLeft(s string, w int) string {
	s = dropPrepend(s)
	if w < 1 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	toks := tokenize(s)
	keep := w - Width(Ellipsis)
	if keep < 0 {
		return Truncate(s, w)
	}
	cur, i := 0, len(toks)
	for i > 0 {
		t := toks[i-1]
		if t.kind == tokNewline || cur+t.w > keep {
			break
		}
		cur += t.w
		i--
	}
	var b strings.Builder
	b.WriteString(Ellipsis)
	for _, t := range toks[i:] {
		b.WriteString(t.s)
	}
	return b.String()
}

// Pad pads s on the right with spaces to exactly w cells, truncating it
// with [Truncate] first when it is wider.
func Pad(s string, w int) string {
	s = dropPrepend(s)
	sw := Width(s)
	if sw > w || strings.ContainsAny(s, layoutSpecials) {
		s = Truncate(s, w)
		sw = Width(s)
	}
	return s + spaces(w-sw)
}

// PadLeft pads s on the left with spaces to exactly w cells, truncating it
// with [Truncate] first when it is wider. Use it to right-align.
func PadLeft(s string, w int) string {
	s = dropPrepend(s)
	sw := Width(s)
	if sw > w || strings.ContainsAny(s, layoutSpecials) {
		s = Truncate(s, w)
		sw = Width(s)
	}
	return spaces(w-sw) + s
}

// Center centers s in exactly w cells, the odd cell going to the right,
// truncating it with [Truncate] first when it is wider.
func Center(s string, w int) string {
	s = dropPrepend(s)
	s = Truncate(s, w)
	gap := w - Width(s)
	return spaces(gap/2) + s + spaces(gap-gap/2)
}

// spaces returns n spaces, or "" when n < 1.
func spaces(n int) string {
	if n < 1 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// Wrap wraps s to lines of at most w cells and returns the lines.
//
// Lines break at spaces, which in Korean fall between eojeol, so a word such
// as 10시54분 stays whole. A run wider than w, such as a long compound or a
// URL, starts a new line and breaks between grapheme clusters, never inside
// one. Explicit newlines are kept, spaces at a break are dropped, and spaces
// inside a line are kept as they are. w < 1 counts as 1; a cluster wider
// than w (a Hangul syllable at w = 1) gets a line of its own.
//
// Wrap is meant for plain text, but it is ANSI-aware: escape sequences take
// no room, and an SGR style or OSC 8 link that is open at a break is closed
// at the end of the line and opened again on the next.
func Wrap(s string, w int) []string {
	s = dropPrepend(s)
	if w < 1 {
		w = 1
	}
	toks := tokenize(s)
	var lines [][]token
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i == len(toks) || toks[i].kind == tokNewline {
			lines = append(lines, wrapTokens(toks[start:i], w, w, true)...)
			start = i + 1
		}
	}
	return joinLines(lines, "", "")
}

// wrapTokens wraps one line of tokens (no newlines): the first line at
// firstW cells, the others at restW. keepIndent keeps leading spaces on the
// first line; otherwise they are dropped.
//
// Lines break at spaces. A word that does not fit where it stands moves
// to the next line, or is broken at a soft hyphen when its first part
// fits (shown there as "-"); a word wider than a whole line is broken
// where breakRank allows best: never inside a number (182.5, 1,250,
// 02-123-4567), never before a closing mark or after an opening one, and
// between a number and its unit (241㎜, 24시간) only when nothing better
// fits. A break that no rule allows is made only when a line would
// otherwise hold nothing.
func wrapTokens(toks []token, firstW, restW int, keepIndent bool) [][]token {
	w := firstW
	var (
		lines   [][]token
		cur     []token
		curW    int
		pending []token // the space run (with any escapes in it) before the next word
		pendW   int
		first   = true
	)
	flush := func() {
		// Spaces at the break are dropped, escapes in them are kept.
		keepEscapes(&cur, pending)
		pending, pendW = pending[:0], 0
		lines = append(lines, cur)
		cur, curW = nil, 0
		first = false
		w = restW
	}
	for i := 0; i < len(toks); {
		if toks[i].kind != tokText {
			// A run of spaces and zero-width escapes.
			j := i
			for j < len(toks) && toks[j].kind != tokText {
				j++
			}
			for _, t := range toks[i:j] {
				pending = append(pending, t)
				pendW += t.w
			}
			i = j
			continue
		}
		// A word: text clusters, with any escapes inside it.
		j := i
		for j < len(toks) && toks[j].kind != tokSpace {
			j++
		}
		word := toks[i:j]
		full := word // word is what of it is left as lines fill
		i = j
		ww := tokensWidth(word)
		switch {
		case curW > 0 && curW+pendW+ww <= w:
			cur = append(cur, pending...)
			curW += pendW + ww
			cur = append(cur, word...)
			pending, pendW = pending[:0], 0
			continue
		case curW > 0:
			// A soft hyphen may let the word start on this line.
			if k := shyBreak(word, w-curW-pendW); k > 0 {
				cur = append(cur, pending...)
				pending, pendW = pending[:0], 0
				cur = append(cur, word[:k]...)
				cur = append(cur, hyphen)
				flush()
				ww -= tokensWidth(word[:k])
				word = word[k:]
				break
			}
			flush()
		case first && keepIndent && pendW+ww <= w:
			// Leading indentation on the first line.
			cur = append(cur, pending...)
			curW += pendW
			pending, pendW = pending[:0], 0
		}
		// The word starts a line; only escapes survive of the spaces before it.
		keepEscapes(&cur, pending)
		pending, pendW = pending[:0], 0
		for curW+ww > w {
			// Wider than the rest of the line: break inside it.
			k, shy := bestBreak(full, len(full)-len(word), w-curW)
			if k == 0 {
				if hasText(cur) {
					flush()
					continue
				}
				k = forcedBreak(word, w-curW)
				if k == len(word) {
					break // one cluster wider than a line: it stands alone
				}
			}
			cur = append(cur, word[:k]...)
			if shy {
				cur = append(cur, hyphen)
			}
			flush()
			// What stays of the word is measured by what left it, a
			// line's worth: measuring the rest again at every break
			// made a run with no space cost its length squared.
			ww -= tokensWidth(word[:k])
			word = word[k:]
		}
		cur = append(cur, word...)
		curW += ww
	}
	// Trailing spaces are dropped; escapes in them are kept.
	keepEscapes(&cur, pending)
	return append(lines, cur)
}

// hyphen is what a line broken at a soft hyphen ends with.
var hyphen = token{s: "-", w: 1, kind: tokText}

// keepEscapes appends to line the escapes among toks.
func keepEscapes(line *[]token, toks []token) {
	for _, t := range toks {
		if t.kind == tokEsc {
			*line = append(*line, t)
		}
	}
}

func tokensWidth(toks []token) int {
	w := 0
	for _, t := range toks {
		w += t.w
	}
	return w
}

func hasText(toks []token) bool {
	for _, t := range toks {
		if isVisible(t) {
			return true
		}
	}
	return false
}

// isVisible reports whether t is text that takes room on a line.
func isVisible(t token) bool { return t.kind == tokText && t.w > 0 }

// shyBreak returns how many tokens of word to keep on a line with avail
// cells left when it breaks at its last soft hyphen that lets the part
// before it, and the hyphen drawn there, fit; 0 when none does.
func shyBreak(word []token, avail int) int {
	best, acc := 0, 0
	seen := false // hasText(word[:k]), kept as k grows
	for k, t := range word {
		acc += t.w
		if acc+1 > avail {
			break
		}
		if t.kind == tokShy && k+1 < len(word) && seen {
			best = k + 1
		}
		seen = seen || isVisible(t)
	}
	return best
}

// bestBreak chooses where to break full[start:], the rest of a word that
// does not fit in avail cells: it returns how many of its tokens stay on
// the line, and whether the break is at a soft hyphen (then a hyphen
// follows them, within avail). The rules see the whole word: the rest of
// an address knows where its host is.
// It takes the best-ranked break that fits (see breakRank), the latest of
// those, a break that leaves the line less than half full counting one
// rank less; 0 when no break is allowed at all.
func bestBreak(full []token, start, avail int) (k int, shy bool) {
	word := full[start:]
	hs, he := hostSpan(full)
	bestRank := 0
	acc := 0
	// seen is hasText(word[:i+1]), kept as i grows: asking it again at
	// every cluster made a run of zero-width characters (U+2060) cost
	// its length squared.
	seen := false
	for i := 0; i < len(word); i++ {
		acc += word[i].w
		if acc > avail {
			break
		}
		seen = seen || isVisible(word[i])
		if !seen || i+1 >= len(word) || word[i+1].kind != tokText && word[i+1].kind != tokShy {
			continue
		}
		r := breakRank(full, start+i+1, hs, he)
		if r > 1 && 2*acc < avail {
			r-- // a line at least half full reads better
		}
		atShy := textAt(word, i, -1).kind == tokShy
		if atShy && acc+1 > avail {
			continue
		}
		if r > 0 && r >= bestRank {
			bestRank, k, shy = r, i+1, atShy
		}
	}
	return k, shy
}

// forcedBreak returns how many tokens of word fit in avail cells, at least
// one cluster: the break no rule allows, made when a line would otherwise
// hold nothing.
func forcedBreak(word []token, avail int) int {
	acc := 0
	seen := false // hasText(word[:i]), kept as i grows
	for i, t := range word {
		if acc+t.w > avail && seen {
			return i
		}
		acc += t.w
		seen = seen || isVisible(t)
	}
	return len(word)
}

// breakRank rates a break before word[k] inside a word: 0 never, 1 only
// when nothing better fits, 2 allowed, 3 best: at a soft hyphen, or after
// a slash. hs and he are the host of an address the word starts with
// (hostSpan).
func breakRank(word []token, k, hs, he int) int {
	before, after := textAt(word, k-1, -1), textAt(word, k, 1)
	b, a := before.s, after.s
	switch {
	case before.kind == tokShy:
		return 3
	case after.kind == tokShy:
		return 0
	case markerBefore(word, k):
		return 3 // after a link's number: https://www.gg.go.kr[2]⏎에서
	case markerAfter(word, k):
		return 1 // a link's number stays with its link
	case a == "%" && escapedContinuation(word, k):
		return 0 // the escapes of one character: %ED%95%9C is 한
	case a == "%" && !isDigit(b) && isHexDigit(textAt(word, k+1, 1).s) && isHexDigit(textAt(word, k+2, 1).s):
		return 2 // not a number's percent sign: a percent escape, %ED
	case strings.Contains(noLineStart, a) || isUnitSymbol(a):
		return 0
	case isNoBreakSpace(a) || isNoBreakSpace(b):
		return 0
	case b == "%" && isHexDigit(a), isHexDigit(b) && textAt(word, k-2, -1).s == "%" && isHexDigit(a):
		return 0 // a percent escape, %ED
	case strings.Contains(noLineEnd, b):
		return 0
	case isDigit(b) && isDigit(a):
		return 0
	case b == "%" && a == "p" && !isASCIILetter(textAt(word, k+1, 1).s):
		return 0 // a percentage point: 3.5%p
	case strings.Contains(rangeMarks, a) && isDigit(b) && isDigit(textAt(word, k+1, 1).s),
		strings.Contains(rangeMarks, b) && isDigit(a) && isDigit(textAt(word, k-2, -1).s):
		return 0 // a range keeps its ends: 24~31℃
	case strings.Contains(signs, b) && isDigit(a) && !isDigit(textAt(word, k-2, -1).s) && !isASCIILetter(textAt(word, k-2, -1).s):
		if b == "-" {
			return 1 // most likely a minus (기온은-3.2℃), maybe a hyphen (코로나-19)
		}
		return 0 // a sign keeps its number: −3.2℃, ±0.5
	case isDigit(b) && strings.Contains(numberJoiners, a) && isDigit(textAt(word, k+1, 1).s):
		return 0
	case strings.Contains(numberJoiners, b) && isDigit(a) && isDigit(textAt(word, k-2, -1).s):
		return 0
	case isDigit(b) && isHangulSyllable(a):
		return 1 // a number and its counter: 241㎜, 1,250명
	case isHangulSyllable(b) && isHangulSyllable(a) && isDigit(textAt(word, k-2, -1).s):
		return 1 // a counter of two syllables: 24시간, 3개월
	case isHangulSyllable(b) && isDigit(a) && isDigit(textAt(word, k-2, -1).s):
		return 1 // a time or an amount in two parts: 10시54분, 1시간26분
	case isDigit(b) && isASCIILetter(a):
		return 1 // a number and its unit: 20mm, 5m/s, 3.2km
	case hs == he && (b == "/" && unitSlash(word, k-1) || a == "/" && unitSlash(word, k)):
		return 0 // a unit per unit, outside an address: 5m/s, 60km/h
	case a == "/" && b != "/" && hs < k && k <= he && hasText(word[k+1:]):
		return 2 // before the path, the host whole: https://ko.wikipedia.org⏎/wiki/…
	case hs < k && k <= he && b == ".":
		return 1 // after a host's dot only when nothing better fits: not ko.wikipedia.⏎org
	case hs < k && k <= he:
		return 0 // and nowhere else in it, but where a line holds nothing else
	case isASCIILetter(b) && isASCIILetter(a):
		return 1 // inside a Latin word
	case a == "/" && b != "/":
		return 1 // an address breaks after a slash, not before
	case b == "/" && a != "/":
		return 3 // and best there: https://ko.wikipedia.org/wiki/⏎한국은행
	}
	return 2
}

// unitSlash reports whether the slash at word[j] divides a unit after a
// number, as in 5m/s or 60km/h: up to three Latin letters between a digit
// and it, and a letter after it.
func unitSlash(word []token, j int) bool {
	if !isASCIILetter(textAt(word, j+1, 1).s) {
		return false
	}
	i := j - 1
	for i >= 0 && j-i <= 3 && isASCIILetter(textAt(word, i, -1).s) {
		i--
	}
	return i < j-1 && isDigit(textAt(word, i, -1).s)
}

// hostSpan finds the host of an address at the start of word: the
// tokens after its "//" (within its first 64 tokens, where a scheme
// ends), up to the next slash or maxHost tokens on; for a mailto:
// address, the domain after its "@", up to a "?" or maxHost tokens on. A break before
// word[k] falls inside the host when hs < k <= he; hs == he when there
// is none. Found once per line, it costs a line the same wherever it is
// in a long run.
func hostSpan(word []token) (hs, he int) {
	if isMailto(word) {
		return mailHost(word)
	}
	for i := 0; i+1 < min(len(word), 64); i++ {
		if word[i].kind == tokText && word[i].s == "/" && word[i+1].kind == tokText && word[i+1].s == "/" {
			hs = i + 2
			break
		}
	}
	if hs == 0 {
		return 0, 0
	}
	for j := hs; j < min(len(word), hs+maxHost); j++ {
		if word[j].kind == tokText && word[j].s == "/" {
			return hs, j
		}
	}
	return hs, min(len(word), hs+maxHost)
}

// isMailto reports whether word starts with "mailto:", in any case.
func isMailto(word []token) bool {
	const scheme = "mailto:"
	if len(word) < len(scheme) {
		return false
	}
	for i := range len(scheme) {
		if word[i].kind != tokText || !strings.EqualFold(word[i].s, scheme[i:i+1]) {
			return false
		}
	}
	return true
}

// mailHost is hostSpan's span for a mailto: word: the domain after the
// first "@" within its first 64 tokens.
func mailHost(word []token) (hs, he int) {
	for i := 0; i < min(len(word), 64); i++ {
		if word[i].kind == tokText && word[i].s == "@" {
			hs = i + 1
			break
		}
	}
	if hs == 0 {
		return 0, 0
	}
	for j := hs; j < min(len(word), hs+maxHost); j++ {
		if word[j].kind == tokText && word[j].s == "?" {
			return hs, j
		}
	}
	return hs, min(len(word), hs+maxHost)
}

// maxHost bounds a host's length in tokens: a DNS name's, 253.
const maxHost = 256

// markerBefore reports whether the text of word before word[k] ends with
// a link's number, "[3]".
func markerBefore(word []token, k int) bool {
	return isMarker(word, k-1, -1, "]", "[")
}

// markerAfter reports whether the text of word from word[k] starts with a
// link's number, "[3]".
func markerAfter(word []token, k int) bool {
	return isMarker(word, k, 1, "[", "]")
}

// isMarker reports whether the text of word read from word[i] in
// direction dir is first, one digit or more, then last: a link's number
// read from one end.
func isMarker(word []token, i, dir int, first, last string) bool {
	next := func() string {
		for i >= 0 && i < len(word) && word[i].kind == tokEsc {
			i += dir
		}
		if i < 0 || i >= len(word) {
			return ""
		}
		s := word[i].s
		i += dir
		return s
	}
	if next() != first {
		return false
	}
	digits := 0
	for {
		switch s := next(); {
		case isDigit(s):
			digits++
		case s == last:
			return digits > 0
		default:
			return false
		}
	}
}

// escapedContinuation reports whether the percent escape starting at
// word[k] encodes a UTF-8 continuation byte and follows another escape:
// both are bytes of one character.
func escapedContinuation(word []token, k int) bool {
	h1, h2 := textAt(word, k+1, 1).s, textAt(word, k+2, 1).s
	if !isHexDigit(h1) || !isHexDigit(h2) || !strings.Contains("89abAB", h1) {
		return false
	}
	return isHexDigit(textAt(word, k-1, -1).s) && isHexDigit(textAt(word, k-2, -1).s) && textAt(word, k-3, -1).s == "%"
}

// textAt returns the text token nearest word[i] in direction dir (-1 back,
// 1 forward), skipping escapes; the zero token past the ends.
func textAt(word []token, i, dir int) token {
	for ; i >= 0 && i < len(word); i += dir {
		if word[i].kind == tokText || word[i].kind == tokShy {
			return word[i]
		}
	}
	return token{}
}

// noLineStart holds punctuation that should not begin a line, and
// noLineEnd that which should not end one: a break inside a run moves
// back to before the cluster in front ("다." stays whole, and so do
// “말 and 「책).
const (
	noLineStart = ".,!?:;)]}>%…·‥、。，．！？：；」』”’〉》】〕）］｝＞〛〙〗"
	noLineEnd   = "([{<“‘「『〈《【〔（［｛＜〚〘〖"
)

// numberJoiners join digits into one number: 182.5, 1,250, 02-123-4567,
// 10:54, 2024/07/18.
const numberJoiners = ".,-:/"

// rangeMarks join the two ends of a range, 24~31℃ or 3〜5m/s, and signs
// start a number, -3.2℃: no line ends at them.
const (
	rangeMarks = "~～〜∼"
	signs      = "-−+±"
)

func isDigit(s string) bool { return len(s) == 1 && s[0] >= '0' && s[0] <= '9' }

func isHexDigit(s string) bool {
	return len(s) == 1 && (s[0] >= '0' && s[0] <= '9' || s[0] >= 'a' && s[0] <= 'f' || s[0] >= 'A' && s[0] <= 'F')
}

func isASCIILetter(s string) bool {
	return len(s) == 1 && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// isHangulSyllable reports whether cluster s starts with a precomposed
// Hangul syllable.
func isHangulSyllable(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0xac00 && r <= 0xd7a3
}

// isNoBreakSpace reports whether cluster s is a space that never breaks a
// line (NBSP, U+2007, U+202F, U+3000): it is text, and the words either
// side of it stay together.
func isNoBreakSpace(s string) bool {
	switch s {
	case "\u00a0", "\u2007", "\u202f", "\u3000":
		return true
	}
	return false
}

// isUnitSymbol reports whether cluster s is a unit sign that belongs to the
// number before it: ℃ ℉ ° ′ ″ ‰ and the squared units ㎜ ㎞ ㎏ ㎡ ….
func isUnitSymbol(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case r == '℃', r == '℉', r == '°', r == '′', r == '″', r == '‰', r == '‱':
		return true
	case r >= 0x3380 && r <= 0x33ff:
		return true
	}
	return false
}

// joinLines turns token lines into strings, putting first before the first
// line and cont before every other, and carrying SGR and OSC 8 state across
// the breaks so that every line stands on its own.
func joinLines(lines [][]token, first, cont string) []string {
	return joinLinesFrom(lines, first, cont, escState{})
}

// joinLinesFrom is joinLines starting from state st, the styles that first
// leaves open.
func joinLinesFrom(lines [][]token, first, cont string, st escState) []string {
	out := make([]string, len(lines))
	var b strings.Builder
	for i, line := range lines {
		b.Reset()
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(cont)
		}
		b.WriteString(st.open())
		for _, t := range line {
			b.WriteString(t.s)
			if t.kind == tokEsc {
				st.update(t.s)
			}
		}
		if i < len(lines)-1 {
			b.WriteString(st.close())
		}
		out[i] = b.String()
	}
	return out
}

// escState tracks which SGR attributes and OSC 8 hyperlink are open.
type escState struct {
	sgr  []string
	link string
}

// update records the effect of one escape sequence.
func (e *escState) update(seq string) {
	switch {
	case strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m") &&
		strings.Trim(seq[2:len(seq)-1], "0123456789;:") == "":
		params := seq[2 : len(seq)-1]
		if params == "" || strings.Trim(params, "0") == "" {
			e.sgr = e.sgr[:0]
			return
		}
		e.sgr = append(e.sgr, seq)
	case strings.HasPrefix(seq, "\x1b]8;"):
		body := strings.TrimRight(strings.TrimPrefix(seq, "\x1b]8;"), "\x07\x1b\\")
		if _, uri, ok := strings.Cut(body, ";"); ok && uri != "" {
			e.link = seq
		} else {
			e.link = ""
		}
	}
}

// open returns the sequences that restore the state at the start of a line.
func (e *escState) open() string {
	if len(e.sgr) == 0 && e.link == "" {
		return ""
	}
	return strings.Join(e.sgr, "") + e.link
}

// close returns the sequences that end the state at the end of a line.
func (e *escState) close() string {
	var s string
	if e.link != "" {
		s += ansi.ResetHyperlink()
	}
	if len(e.sgr) > 0 {
		s += ansi.ResetStyle
	}
	return s
}
