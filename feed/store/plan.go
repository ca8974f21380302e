package store

import (
	"slices"
	"strings"

	"sokbo/feed/search"
)

const (
	trigramTable = "search_trigrams"
	bigramTable  = "search_bigrams"
)

// Bounds on the FTS5 expressions a term becomes. Each word of an OR costs
// a lookup in every segment of the index, found or not, so a class of
// characters is spelled out only when small (a syllable and its compound
// finals); a larger one (any final on 회: 회 … 횧) is looked up by its
// initial instead (국ㅎ), and verification drops the extra candidates.
// A term is narrowed by a few of its n-grams, which already pick its
// documents out.
const (
	maxSpelled  = 8 // bigram words one window of a term may expand to
	maxWindows  = 6 // bigram windows ANDed per sequence
	maxTrigrams = 6 // trigrams ANDed per sequence
)

// planIndex chooses the table and the FTS5 query that narrow a search to
// candidates: every document q.Match accepts is among them. It returns
// "" when no term can be narrowed by, and the search scans.
//
// The trigram table answers a term of three or more literal characters
// (카카오톡, "국회 의장") about exactly; when every term that can be
// narrowed is one, it is used. Otherwise the bigram table, which narrows
// terms of any length and shape (북한, ㅂㅎ, a last syllable still being
// typed), takes them all.
func planIndex(terms []search.Term) (table, expr string) {
	var tri, bi []string
	allTrigram := true
	for _, t := range terms {
		seqs := t.Seqs
		if t.TitleOnly {
			seqs = [][]search.Class{literalClasses(t.Initials)}
		}
		te := ""
		if literal(seqs) {
			te = termExpr(seqs, trigramSeq)
		}
		be := termExpr(seqs, bigramSeq)
		if te != "" {
			tri = append(tri, te)
		} else if be != "" {
			allTrigram = false
		}
		if be != "" {
			bi = append(bi, be)
		}
	}
	switch {
	case len(tri) > 0 && allTrigram:
		return trigramTable, strings.Join(tri, " AND ")
	case len(bi) > 0:
		return bigramTable, strings.Join(bi, " AND ")
	}
	return "", ""
}

// literal reports whether every class of every sequence is one rune.
func literal(seqs [][]search.Class) bool {
	for _, s := range seqs {
		for _, c := range s {
			if _, ok := singleRune(c); !ok {
				return false
			}
		}
	}
	return true
}

// literalClasses returns the classes that match s letter for letter.
func literalClasses(s string) []search.Class {
	var out []search.Class
	for _, r := range s {
		out = append(out, search.Class{{Lo: r, Hi: r}})
	}
	return out
}

// termExpr ORs the expressions of a term's sequences; a sequence that
// cannot be narrowed makes the whole term so.
func termExpr(seqs [][]search.Class, seqExpr func([]search.Class) string) string {
	var alts []string
	for _, s := range seqs {
		e := seqExpr(s)
		if e == "" {
			return ""
		}
		if !slices.Contains(alts, e) {
			alts = append(alts, e)
		}
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return "(" + strings.Join(alts, " OR ") + ")"
}

// trigramSeq ANDs trigrams of three literal characters in a row, spread
// over the sequence.
func trigramSeq(classes []search.Class) string {
	var grams []string
	for i := 0; i+3 <= len(classes); i++ {
		var b strings.Builder
		ok := true
		for _, c := range classes[i : i+3] {
			r, single := singleRune(c)
			if !single {
				ok = false
				break
			}
			b.WriteRune(r)
		}
		if ok {
			grams = append(grams, quote(b.String()))
		}
	}
	return and(spread(grams, maxTrigrams))
}

// bigramSeq ANDs the most specific windows of two characters in a row,
// each an OR of the bigram words it may be (appendBigrams): the pairs
// spelled out, or a character and the initial every syllable of the next
// class starts with (북ㅎ for 북 and any of 하 … 힣). With no such
// window, it falls back to a prefix query on one character, or on the
// syllables without final of a class that is any final on them (부 for
// 부 … 붛).
func bigramSeq(classes []search.Class) string {
	type window struct {
		expr string
		n    int // bigram words it spells out
	}
	var windows []window
	for i := 0; i+2 <= len(classes); i++ {
		a := spell(classes[i])
		if a == nil {
			continue
		}
		b := spell(classes[i+1])
		if b == nil || len(a)*len(b) > maxSpelled {
			j := sharedInitial(classes[i+1])
			if j == 0 {
				continue
			}
			b = []rune{j}
		}
		var words []string
		for _, x := range a {
			for _, y := range b {
				words = append(words, quote(string([]rune{x, y})))
			}
		}
		windows = append(windows, window{or(words), len(words)})
	}
	if len(windows) > 0 {
		// The fewest words first: a window of two literal letters is one
		// lookup.
		slices.SortStableFunc(windows, func(a, b window) int { return a.n - b.n })
		var exprs []string
		for _, w := range windows[:min(len(windows), maxWindows)] {
			exprs = append(exprs, w.expr)
		}
		return and(exprs)
	}
	var best []string
	for _, c := range classes {
		if p := prefixWords(c); p != nil && (best == nil || len(p) < len(best)) {
			best = p
		}
	}
	if best == nil {
		return ""
	}
	return or(best)
}

// spell lists the runes of a class when it is small and every one of them
// takes part in bigrams, or returns nil.
func spell(c search.Class) []rune {
	var out []rune
	for _, rg := range c {
		if int(rg.Hi-rg.Lo) >= maxSpelled || len(out)+int(rg.Hi-rg.Lo)+1 > maxSpelled {
			return nil
		}
		for r := rg.Lo; r <= rg.Hi; r++ {
			if !bigramRune(r) {
				return nil
			}
			out = append(out, r)
		}
	}
	return out
}

// sharedInitial returns the initial consonant every rune of a class
// starts with, the class holding only syllables starting with it and the
// jamo itself, or 0.
func sharedInitial(c search.Class) rune {
	var j rune
	for _, rg := range c {
		lo, hi := search.InitialOf(rg.Lo), search.InitialOf(rg.Hi)
		if lo == 0 && rg.Lo == rg.Hi && rg.Lo >= 'ㄱ' && rg.Lo <= 'ㅎ' {
			lo, hi = rg.Lo, rg.Lo // the jamo itself
		}
		if lo == 0 || lo != hi || (j != 0 && lo != j) {
			return 0
		}
		j = lo
	}
	return j
}

// prefixWords returns the prefix queries that find every rune of a class
// starting a bigram word: each rune when the class spells out, or each
// syllable without final when the class is whole blocks of finals, which
// appendBigrams also writes alone. It returns nil for any other class.
func prefixWords(c search.Class) []string {
	if rs := spell(c); rs != nil {
		var out []string
		for _, r := range rs {
			out = append(out, quote(string(r))+"*")
		}
		return out
	}
	var out []string
	for _, rg := range c {
		open, ok := search.WithoutFinal(rg.Lo + 1)
		switch {
		case rg.Lo == rg.Hi && bigramRune(rg.Lo):
			out = append(out, quote(string(rg.Lo))+"*")
		case ok && open == rg.Lo && rg.Hi == rg.Lo+finalBlock-1:
			out = append(out, quote(string(open))+"*")
		default:
			return nil
		}
	}
	if len(out) > maxSpelled {
		return nil
	}
	return out
}

// finalBlock is how many syllables share an initial and a medial: one per
// final, none included.
const finalBlock = 28

func singleRune(c search.Class) (rune, bool) {
	if len(c) == 1 && c[0].Lo == c[0].Hi {
		return c[0].Lo, true
	}
	return 0, false
}

// quote makes s one FTS5 string.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func or(words []string) string {
	if len(words) == 1 {
		return words[0]
	}
	return "(" + strings.Join(words, " OR ") + ")"
}

// spread returns up to n of exprs: the first, the last and evenly between.
func spread(exprs []string, n int) []string {
	if len(exprs) <= n {
		return exprs
	}
	picked := make([]string, 0, n)
	for k := range n {
		picked = append(picked, exprs[k*(len(exprs)-1)/(n-1)])
	}
	return picked
}

// and joins expressions with AND, in parentheses when there are several,
// since FTS5 binds AND tighter than OR only by precedence a reader may not
// expect.
func and(exprs []string) string {
	switch len(exprs) {
	case 0:
		return ""
	case 1:
		return exprs[0]
	}
	return "(" + strings.Join(exprs, " AND ") + ")"
}
