package render

import "strings"

// isBar reports whether t is a quote bar as glamour draws one: │ in the
// colour styles, | in plain.
func isBar(t token) bool {
	return t.kind == tokText && (t.s == "│" || t.s == "|")
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
