package render

import "strings"

// elided is what stands for the quote levels a structure too deep for
// the width leaves out, in place of one bar: ASCII, so that it takes one
// cell under every width policy, and drawn in the bar's own style.
const elided = ":"

// isBar reports whether t is a quote bar as glamour draws one: │ in the
// colour styles, | in plain.
func isBar(t token) bool {
	return t.kind == tokText && (t.s == "│" || t.s == "|")
}

// isMark reports whether t is the mark elideBars puts in place of the
// levels it leaves out.
func isMark(t token) bool {
	return t.kind == tokText && strings.HasPrefix(t.s, elided)
}

// barAt reports whether toks[i] is a quote bar followed by its space, as
// glamour writes every level of a quote, and returns the index of that
// space.
func barAt(toks []token, i int) (space int, ok bool) {
	if !isBar(toks[i]) {
		return 0, false
	}
	for j := i + 1; j < len(toks); j++ {
		switch toks[j].kind {
		case tokEsc:
			continue
		case tokSpace:
			return j, true
		}
		break
	}
	return 0, false
}

// quoteDepth reads the quote bars that start a line of glamour's output:
// how many there are, and whether the line holds nothing else, a blank
// line inside a quote. A | that is text, such as a paragraph that is a
// lone \|, has no space after it.
func quoteDepth(line string) (depth int, blank bool) {
	if !strings.ContainsAny(line, "|│") {
		return 0, false
	}
	toks := tokenize(line)
	for i := 0; i < len(toks); i++ {
		if toks[i].kind == tokEsc || toks[i].kind == tokSpace {
			continue
		}
		sp, ok := barAt(toks, i)
		if !ok {
			return depth, false
		}
		depth++
		i = sp
	}
	return depth, depth > 0
}

// dropQuoteFill drops the blank quoted lines of glamour's output that
// separate nothing. Glamour starts every quote, and some blocks inside one
// (a list, a code block), with a blank line in the block around it: a
// quote nested in a quote with no text between them (> > > 말) gets a
// line of bars alone before each deeper level, and a list in a quote ends
// with one. A blank quoted line stays only where it stands between two
// blocks of the quote it is in, as between two paragraphs; of a run of
// them, one stays, the shallowest.
func dropQuoteFill(lines []string) []string {
	depth := make([]int, len(lines))
	blank := make([]bool, len(lines))
	some := false
	for i, l := range lines {
		depth[i], blank[i] = quoteDepth(l)
		some = some || blank[i]
	}
	if !some {
		return lines
	}
	out := make([]string, 0, len(lines))
	prev := 0 // the depth of the last line that is not a blank quoted line
	for i := 0; i < len(lines); {
		if !blank[i] {
			out = append(out, lines[i])
			prev = depth[i]
			i++
			continue
		}
		j := i
		for j < len(lines) && blank[j] {
			j++
		}
		next := 0
		if j < len(lines) {
			next = depth[j]
		}
		keep := -1
		for k := i; k < j; k++ {
			if depth[k] <= min(prev, next) && (keep < 0 || depth[k] < depth[keep]) {
				keep = k
			}
		}
		if keep >= 0 {
			out = append(out, lines[keep])
		}
		i = j
	}
	return out
}

// barReserve is the room, in cells, that a capped quote leaves after its
// bars for the list marker a line of it may hold (• and its space), so
// that the marker's line shows the same bars as the lines around it.
const barReserve = 2

// elideBars takes whole quote levels out of the structure prefix
// toks[:end] until its bars and their spaces take at most room cells. It
// keeps the outermost bars and the innermost, the one next to the text,
// and puts elided in place of the first level it leaves out, so that the
// reader sees there were more. How many levels stay depends on room
// alone, so every line of a quote too deep for the width shows the same
// bars, and all quotes deeper than that stand at one column, never left
// of a shallower one. With room for one level or none, the innermost bar
// stays (fitStructure drops it if even that leaves the text no room). It
// returns the tokens and where the prefix now ends.
func elideBars(toks []token, end, room int) ([]token, int) {
	var bars []int // each bar's index; its space follows it
	for i := 0; i < end; i++ {
		if sp, ok := barAt(toks, i); ok && sp < end {
			bars = append(bars, i)
			i = sp
		}
	}
	if len(bars) == 0 {
		return toks, end
	}
	bw := toks[bars[0]].w + 1 // a bar and its space
	keep := max(room/bw, 1)
	if len(bars) <= keep {
		return toks, end
	}
	// Levels bars[from:to] go, all but the innermost; with two or more
	// kept, the one before them becomes the mark.
	from, to, mark := 0, len(bars)-1, -1
	if keep >= 2 {
		from, mark = keep-1, keep-2
	}
	gone := make([]bool, len(toks))
	for _, b := range bars[from:to] {
		sp, _ := barAt(toks, b)
		gone[b], gone[sp] = true, true
	}
	out := make([]token, 0, len(toks))
	newEnd := end
	for i, t := range toks {
		if gone[i] {
			newEnd--
			continue
		}
		if mark >= 0 && i == bars[mark] {
			t = token{s: elided + spaces(t.w-1), w: t.w, kind: tokText}
		}
		out = append(out, t)
	}
	return out, newEnd
}
