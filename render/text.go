package render

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/parser"
)

// Ellipsis marks text cut by [Truncate]. It is East Asian Ambiguous: one
// cell in narrow mode, two in wide mode, and Truncate measures it each time.
const Ellipsis = "…"

// ambiguousWide is the ambiguous-width mode, fixed when the program starts.
// x/ansi reads RUNEWIDTH_EASTASIAN in its init, which runs before ours, so
// asking it how wide an ambiguous character is gives exactly the rule that
// lipgloss, glamour and every measurement here follow.
var ambiguousWide = ansi.StringWidth("\u00b7") == 2

// AmbiguousWide reports whether East Asian Ambiguous characters (· … ※ ○ ①
// “ ” and the box-drawing set) count as two cells. It follows the
// RUNEWIDTH_EASTASIAN environment variable as read at program start, the
// only switch that x/ansi, lipgloss and glamour honour; to change the mode,
// start the program again with the variable set.
func AmbiguousWide() bool { return ambiguousWide }

// Width returns the number of terminal cells s occupies. It measures by
// grapheme cluster, so a Hangul syllable, an emoji ZWJ sequence or a flag
// counts once at its display width, and it ignores ANSI escape sequences.
// It agrees with lipgloss.Width and glamour because all three use x/ansi.
// Prepend characters (see isPrepend) do not count: the layout drops them.
func Width(s string) int {
	return ansi.StringWidth(dropPrepend(s))
}

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
)

// token is one grapheme cluster or escape sequence with its display width.
type token struct {
	s    string
	w    int
	kind tokKind
}

// tokenize splits s into grapheme clusters and escape sequences. It reads
// s with the same state machine as ansi.StringWidth, so the widths add up to
// Width(s) and the clusters are the ones it measures: a cluster starts at
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
			if cluster == " " {
				toks = append(toks, token{s: " ", w: 1, kind: tokSpace})
			} else {
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
	s = dropPrepend(s)
	if w < 1 {
		return ""
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if Width(s) <= w && !strings.ContainsAny(s, "\n\t") {
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
	var b strings.Builder
	b.Grow(len(s))
	if total <= w && lines == 1 {
		// It fits once its tabs are spaces.
		for _, t := range toks {
			b.WriteString(t.s)
		}
		return b.String()
	}
	// Spaces wait until a visible cluster follows them, so a cut never
	// leaves a space before the ellipsis; and text that already ends in
	// an ellipsis gets no second one.
	cur, cut, spaces, endsInEllipsis := 0, false, 0, false
	for _, t := range toks {
		if t.kind == tokEsc {
			if !cut && spaces > 0 {
				// Keep the order of spaces and escapes before a cut.
				b.WriteString(strings.Repeat(" ", spaces))
				cur += spaces
				spaces = 0
			}
			b.WriteString(t.s)
			continue
		}
		if cut {
			continue
		}
		if t.kind == tokNewline || cur+spaces+t.w > w-tw {
			if !endsInEllipsis {
				b.WriteString(tail)
			}
			cut = true
			continue
		}
		if t.kind == tokSpace {
			spaces++
			continue
		}
		b.WriteString(strings.Repeat(" ", spaces))
		cur += spaces + t.w
		spaces = 0
		b.WriteString(t.s)
		endsInEllipsis = t.s == Ellipsis
	}
	return b.String()
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
	if sw > w || strings.ContainsAny(s, "\n\t") {
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
	if sw > w || strings.ContainsAny(s, "\n\t") {
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
		for _, t := range pending {
			if t.kind == tokEsc {
				cur = append(cur, t)
			}
		}
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
		j, ww := i, 0
		for j < len(toks) && toks[j].kind != tokSpace {
			ww += toks[j].w
			j++
		}
		word := toks[i:j]
		i = j
		switch {
		case curW > 0 && curW+pendW+ww <= w:
			cur = append(cur, pending...)
			curW += pendW + ww
			cur = append(cur, word...)
			pending, pendW = pending[:0], 0
			continue
		case curW > 0:
			flush()
		case first && keepIndent && pendW+ww <= w:
			// Leading indentation on the first line.
			cur = append(cur, pending...)
			curW += pendW
			pending, pendW = pending[:0], 0
		}
		// The word starts a line; only escapes survive of the spaces before it.
		for _, t := range pending {
			if t.kind == tokEsc {
				cur = append(cur, t)
			}
		}
		pending, pendW = pending[:0], 0
		if curW+ww <= w {
			cur = append(cur, word...)
			curW += ww
			continue
		}
		// Wider than a line: break between grapheme clusters.
		for _, t := range word {
			if t.w > 0 && curW > 0 && curW+t.w > w {
				carry := kinsoku(cur, t)
				lines = append(lines, cur[:len(cur)-len(carry)])
				cur, curW = append([]token(nil), carry...), 0
				for _, c := range carry {
					curW += c.w
				}
				first = false
				w = restW
			}
			cur = append(cur, t)
			curW += t.w
		}
	}
	// Trailing spaces are dropped; escapes in them are kept.
	for _, t := range pending {
		if t.kind == tokEsc {
			cur = append(cur, t)
		}
	}
	return append(lines, cur)
}

// noLineStart holds punctuation that should not begin a line: a break in a
// long run before it takes the cluster in front along, so "다." stays whole.
const noLineStart = ".,!?:;)]}%…·、。，．！？：；」』”’〉》】"

// kinsoku returns the tail of line that should move to the next line when
// a hard break falls before next: the last cluster (with the escapes after
// it) when next is closing punctuation and the line keeps other text.
func kinsoku(line []token, next token) []token {
	if next.kind != tokText || !strings.Contains(noLineStart, next.s) {
		return nil
	}
	k := len(line) - 1
	for k >= 0 && line[k].kind == tokEsc {
		k--
	}
	if k < 0 || line[k].kind != tokText || line[k].w+next.w > 4 {
		return nil
	}
	for i := k - 1; i >= 0; i-- {
		if line[i].kind == tokText {
			return line[k:]
		}
	}
	return nil
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
