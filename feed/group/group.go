// Package group provides "one story, many outlets": it folds headlines that
// report the same event, from several outlets within a few hours of each
// other, into one group.
//
// Korean outlets report a breaking event within minutes of each other, each
// in its own words: 가람시에 정전, 가람시 전역서 정전, 가람시 정전으로…
// Particles glued to the words (에, 서, 으로) defeat word matching, so
// titles are compared as sets of character 3-grams, after the parts that
// differ between outlets for no reason are removed (see [Normalize]), and
// two titles are alike when the Jaccard index of their sets reaches a
// threshold. On the package's fixtures, pairs of titles about one story
// score 0.46 at the median (a tenth below 0.32), pairs of unrelated titles
// 0 at the median and below 0.27 but for a handful, the highest 0.36.
// Alike titles that tell of different events (a number, a place, a market
// differs: 코스닥 3% and 코스피 2% 하락 마감) are kept apart by a check on
// their words (see distinct.go).
//
// [Fold] is the entry point. It takes small [Headline] values, independent
// of the store, so the TUI list, `sokbo list` and `sokbo watch` can all use
// it. It runs in time near-linear in the number of headlines: an inverted
// index over the rarest 3-grams of each title (prefix filtering) finds the
// candidates, and only headlines within the window are compared.
package group

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Headline is what grouping needs to know about an item.
type Headline struct {
	// Key identifies the item to the caller; grouping only uses it to
	// order headlines published at the same instant.
	Key string
	// Title is the headline, as cleaned by feed (one line, sanitised).
	Title string
	// Outlet is the name of the publisher or feed. It is removed from the
	// title before comparing, since some outlets put their name in it.
	Outlet string
	// Published is when the item was published. A headline without a
	// date is never grouped: there is no telling whether it is within the
	// window of another.
	Published time.Time
}

// Group is a set of headlines about one event. Members indexes the slice
// given to [Fold], in chronological order (then by Key, then by index);
// Members[0] is the group's representative, the earliest report. A
// headline that is like no other is a group of one.
type Group struct {
	Members []int
}

// Lead returns the index of the group's representative: the earliest
// report of the event.
//
// The earliest is chosen over the "most informative" (say the longest
// title) for two reasons. It is stable: later reports join the group
// without changing the row the reader sees, so a live list does not
// rewrite a row under the cursor each time another outlet catches up. And
// it is fair: the row credits the outlet that broke the story
// ("가람일보 외 4곳").
func (g Group) Lead() int { return g.Members[0] }

// Len returns the number of headlines in the group.
func (g Group) Len() int { return len(g.Members) }

// Others returns how many outlets other than the lead's reported the
// story: the N of "가람일보 외 N곳". Outlets are counted once however many
// items each sent (a 1보 and a 2보 are one outlet); an item without an
// outlet counts for none.
func (g Group) Others(hs []Headline) int {
	lead := hs[g.Members[0]].Outlet
	seen := make(map[string]struct{}, len(g.Members))
	for _, i := range g.Members[1:] {
		if o := hs[i].Outlet; o != lead && o != "" {
			seen[o] = struct{}{}
		}
	}
	return len(seen)
}

// DefaultWindow is how far apart in time two reports of one event may be.
const DefaultWindow = 6 * time.Hour

// DefaultThreshold is the 3-gram Jaccard index from which two titles count
// as the same story. It was tuned on testdata/tune.tsv, favouring
// precision: a wrong fold hides a story from the reader, a missed one only
// shows it twice. There it reaches precision 1.000 and recall 0.935 (at
// 0.35 the first wrong fold appears); on the held-out
// testdata/holdout.tsv, precision 1.000 and recall 0.921. See
// TestFixturePrecisionRecall and, for other thresholds, TestThresholdSweep.
const DefaultThreshold = 0.38

// Options tunes [Fold]. The zero value means the defaults.
type Options struct {
	// Window is the largest gap in publication time between a group's
	// first report and any other, counted in whole seconds; 0 means
	// DefaultWindow. A story reported at 09:00, 14:00 and 19:00 is two
	// rows with the default, however alike the reports.
	Window time.Duration
	// Threshold is the Jaccard index of two titles' 3-gram sets from
	// which they are alike, in (0, 1]; 0 means DefaultThreshold.
	Threshold float64
}

func (o Options) withDefaults() Options {
	if o.Window <= 0 {
		o.Window = DefaultWindow
	}
	if o.Threshold <= 0 || math.IsNaN(o.Threshold) {
		o.Threshold = DefaultThreshold
	}
	if o.Threshold > 1 {
		o.Threshold = 1
	}
	return o
}

// Fold groups hs. Two titles are alike when the Jaccard index of their
// normalised 3-grams reaches Threshold. Headlines are taken in the order
// they were published; each joins the group of an earlier, alike headline
// when it is also somewhat like that group's lead, its first report
// (leadRatio of Threshold), and published within Window of it; of several
// such groups, the one whose lead is most like it, and it merges in the
// others whose leads are alike to that one's. So every member of a group
// is like its lead, or like a lead that is like the first: a chain of
// pairs, each a little different from the one before, cannot draw a
// dense vocabulary's unrelated titles into one row, as single-link
// grouping would.
//
// The result does not depend on the order of hs; only the order of the
// groups does: a group sits where its first member in hs sits, so a list
// sorted newest first stays sorted by each group's newest member.
//
// Every index of hs is in exactly one group. Fold does not modify hs.
func Fold(hs []Headline, opt Options) []Group {
	opt = opt.withDefaults()
	n := len(hs)
	if n == 0 {
		return nil
	}
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	link(hs, opt, parent)
	return collect(hs, parent)
}

// link unions, in parent, every pair of dated headlines within the window
// whose titles are alike.
func link(hs []Headline, opt Options, parent []int32) {
	// Dated headlines in chronological order: order[p] is the index in hs
	// of the headline at position p, times[p] its time.
	type dated struct {
		at int64
		i  int32
	}
	ds := make([]dated, 0, len(hs))
	for i := range hs {
		if !hs[i].Published.IsZero() {
			ds = append(ds, dated{unixSeconds(hs[i].Published), int32(i)})
		}
	}
	if len(ds) < 2 {
		return
	}
	slices.SortFunc(ds, func(a, b dated) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		return chrono(hs, a.i, b.i)
	})
	order := make([]int32, len(ds))
	times := make([]int64, len(ds))
	for p, d := range ds {
		order[p], times[p] = d.i, d.at
	}

	// The 3-grams of each title, by position in order, in one arena:
	// those of position p are arena[start[p]:start[p+1]].
	size := 0
	for _, i := range order {
		size += len(hs[i].Title)
	}
	var (
		// A guess that fits Korean titles without growing: a Hangul
		// syllable is 3 bytes and 1 gram, and each word adds 1.
		arena = make([]uint64, 0, min(size, len(order)*maxTitle)/2+len(order)*4)
		start = make([]int32, len(order)+1)
		nz    normalizer
		// The normalised titles, for distinct: those of position p are
		// text[tstart[p]:tstart[p+1]].
		text   = make([]rune, 0, size/2)
		tstart = make([]int32, len(order)+1)
	)
	for p, i := range order {
		rs := nz.runes(hs[i].Title, hs[i].Outlet)
		arena = appendGrams(arena, rs)
		start[p+1] = int32(len(arena))
		text = append(text, rs...)
		tstart[p+1] = int32(len(text))
	}
	norm := func(p int32) []rune { return text[tstart[p]:tstart[p+1]] }
	outlet := func(p int32) string { return hs[order[p]].Outlet }
	var dj distincter

	// Dense token IDs numbered from the rarest gram up, so that each set,
	// sorted, starts with its rarest grams. Any order works for
	// correctness; this one keeps the probed posting lists short.
	ids := newGramTable(len(arena))
	var count []int32
	var grams []uint64
	tok := make([]int32, len(arena))
	for k, g := range arena {
		id := ids.id(g, int32(len(count)))
		if int(id) == len(count) {
			count = append(count, 0)
			grams = append(grams, g)
		}
		count[id]++
		tok[k] = id
	}
	byRarity := make([]int32, len(count))
	for id := range byRarity {
		byRarity[id] = int32(id)
	}
	slices.SortFunc(byRarity, func(a, b int32) int {
		if c := cmp.Compare(count[a], count[b]); c != 0 {
			return c
		}
		return cmp.Compare(grams[a], grams[b])
	})
	rank := make([]int32, len(count))
	for r, id := range byRarity {
		rank[id] = int32(r)
	}
	for k, id := range tok {
		tok[k] = rank[id]
	}
	// Sort each set and drop its repeats, closing the gaps in tok.
	n := int32(0)
	for p := range order {
		set := tok[start[p]:start[p+1]]
		slices.Sort(set)
		set = slices.Compact(set)
		start[p] = n
		n += int32(copy(tok[n:], set))
	}
	start[len(order)] = n

	// Prefix filtering (Bayardo et al.; PPJoin, Xiao et al.): if
	// J(x, y) ≥ t then |x ∩ y| ≥ α = ⌈t/(1+t)·(|x|+|y|)⌉ ≥ ⌈t·|x|⌉, so x
	// and y share one of the first |x| − ⌈t·|x|⌉ + 1 tokens of x, and one
	// of the first of y. Only those prefixes are indexed and probed. The
	// positional filter then drops a candidate as soon as the tokens left
	// after a shared one cannot make up α, so few are verified.
	t := opt.Threshold
	tt := t / (1 + t)
	window := int64(opt.Window / time.Second)

	// The index, one array for all posting lists: the list of rank r is
	// post[pstart[r]:pend[r]], in time order, and its entries before
	// phead[r] have left the window.
	pstart := make([]int32, len(count)+1)
	for p := range order {
		for _, r := range tok[start[p]:start[p+1]][:prefixLen(int(start[p+1]-start[p]), t)] {
			pstart[r+1]++
		}
	}
	for r := range count {
		pstart[r+1] += pstart[r]
	}
	post := make([]posting, pstart[len(count)])
	pend := slices.Clone(pstart[:len(count)])
	phead := slices.Clone(pstart[:len(count)])

	// Each headline joins at most one group, when it arrives in time
	// order: byPos[p] is the position of p's group's lead, its first
	// report (p itself for a lead). A group grows only by headlines
	// alike both to one of its members and to its lead, published
	// within the window of the lead: no chain of pairs, each a little
	// different from the one before, can draw unrelated headlines into
	// one row, however dense the vocabulary.
	byPos := make([]int32, len(order))
	for p := range byPos {
		byPos[p] = int32(p)
	}
	met := make([]int32, len(order))     // the last x that met y
	overlap := make([]int32, len(order)) // prefix tokens y shares with x; -1 pruned
	judged := make([]int32, len(order))  // the last x whose likeness to lead r was judged
	for p := range met {
		met[p], judged[p] = -1, -1
	}
	var cands []int32
	var leads []leadScore
	tl := leadRatio * t
	lo := int32(0) // the first position within the window of x
	for x := range order {
		for times[x]-times[lo] > window {
			lo++
		}
		xs := tok[start[x]:start[x+1]]
		nx := len(xs)
		if nx == 0 {
			continue
		}
		pre := prefixLen(nx, t)
		cands = cands[:0]
		for i, r := range xs[:pre] {
			h := phead[r]
			for h < pend[r] && post[h].y < lo {
				h++
			}
			phead[r] = h
			for _, e := range post[h:pend[r]] {
				y, ny := e.y, int(e.n)
				if met[y] != int32(x) {
					met[y] = int32(x)
					overlap[y] = -1
					if float64(ny) < t*float64(nx)-1e-9 || float64(nx) < t*float64(ny)-1e-9 {
						continue // sizes too far apart to reach t
					}
					if find(byPos, y) < lo {
						continue // its group's lead is out of the window
					}
					overlap[y] = 0
					cands = append(cands, y)
				}
				if overlap[y] < 0 {
					continue
				}
				alpha := int32(math.Ceil(tt*float64(nx+ny) - 1e-9))
				if overlap[y]+1+int32(min(nx-i-1, ny-int(e.j)-1)) < alpha {
					overlap[y] = -1
					continue
				}
				overlap[y]++
			}
		}
		leads = leads[:0]
		for _, y := range cands {
			if overlap[y] <= 0 {
				continue
			}
			lead := find(byPos, y)
			if judged[lead] == int32(x) {
				continue
			}
			ys := tok[start[y]:start[y+1]]
			alpha := int(math.Ceil(tt*float64(nx+len(ys)) - 1e-9))
			// The overlap counted is every shared token in the prefix
			// whose last token is the smaller; the rest are in the
			// other's suffix (PPJoin's bound before verifying).
			prey := prefixLen(len(ys), t)
			rest := len(ys) - prey
			if xs[pre-1] < ys[prey-1] {
				rest = nx - pre
			}
			if int(overlap[y])+rest < alpha || !overlapAtLeast(xs, ys, alpha) ||
				!dj.alike(jaccard(xs, ys), nx, len(ys), norm(int32(x)), norm(y), outlet(int32(x)), outlet(y), t) {
				continue
			}
			// y is alike; its group is judged once, by its lead.
			judged[lead] = int32(x)
			if score := jaccard(xs, tok[start[lead]:start[lead+1]]); score >= tl-1e-9 && (lead == y || !dj.distinct(norm(int32(x)), norm(lead))) {
				leads = append(leads, leadScore{lead, score})
			}
		}
		if len(leads) == 0 {
			goto index
		}
		// x joins the group whose lead is most like it (the earliest on
		// a tie). A group x bridges to it is merged in when their leads
		// are alike too and within the window of each other: every lead
		// merged is like the first, and every member like its lead.
		slices.SortFunc(leads, func(a, b leadScore) int {
			if c := cmp.Compare(b.score, a.score); c != 0 {
				return c
			}
			return cmp.Compare(a.lead, b.lead)
		})
		byPos[x] = leads[0].lead
		for _, g := range leads[1:] {
			root := find(byPos, int32(x))
			a, b := min(root, g.lead), max(root, g.lead)
			if times[b]-times[a] <= window && jaccard(tok[start[a]:start[a+1]], tok[start[b]:start[b+1]]) >= tl-1e-9 && !dj.distinct(norm(a), norm(b)) {
				byPos[b] = a
			}
		}
	index:
		for j, r := range xs[:pre] {
			post[pend[r]] = posting{y: int32(x), j: int32(j), n: int32(nx)}
			pend[r]++
		}
	}
	for p := range order {
		if lead := find(byPos, int32(p)); lead != int32(p) {
			union(parent, order[lead], order[p])
		}
	}
}

// gramTable gives each distinct gram a dense ID. It is a map[uint64]int32
// with linear probing and no deletes, which is all Fold needs, at a third
// of the cost of the built-in map.
type gramTable struct {
	keys []uint64 // 0 is empty: no gram is 0
	ids  []int32
	mask uint64
}

func newGramTable(n int) *gramTable {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &gramTable{keys: make([]uint64, size), ids: make([]int32, size), mask: uint64(size - 1)}
}

// id returns g's ID, giving it next if g is new. The table holds at most
// the n grams it was made for.
func (t *gramTable) id(g uint64, next int32) int32 {
	for h := (g * 0x9e3779b97f4a7c15 >> 32) & t.mask; ; h = (h + 1) & t.mask {
		switch t.keys[h] {
		case g:
			return t.ids[h]
		case 0:
			t.keys[h], t.ids[h] = g, next
			return next
		}
	}
}

// posting is one entry of the inverted index: the headline at position y
// of the chronological order has the token at position j of its set of n.
type posting struct{ y, j, n int32 }

// jaccard is the Jaccard index of the sorted sets a and b.
func jaccard(a, b []int32) float64 {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	if u := len(a) + len(b) - inter; u > 0 {
		return float64(inter) / float64(u)
	}
	return 0
}

// overlapAtLeast reports whether the sorted sets a and b share at least
// alpha tokens, which for Jaccard index t and α = ⌈t/(1+t)·(|a|+|b|)⌉ is
// J(a, b) ≥ t. It stops as soon as what is left cannot make up α.
func overlapAtLeast(a, b []int32, alpha int) bool {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if inter+min(len(a)-i, len(b)-j) < alpha {
			return false
		}
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return inter >= alpha
}

// unixSeconds is t in seconds since 1970, bounded so that no difference of
// two overflows, whatever year a hostile feed gives. Ties within a second
// are ordered by chrono.
func unixSeconds(t time.Time) int64 {
	const bound = 1 << 60
	return min(max(t.Unix(), -bound), bound)
}

// prefixLen is how many of a set's n tokens, rarest first, prefix
// filtering must index at threshold t.
func prefixLen(n int, t float64) int {
	need := int(math.Ceil(t*float64(n) - 1e-9)) // overlap any match needs
	need = max(need, 1)
	return min(n-need+1, n)
}

// chrono orders headlines by publication time, then Key, then index.
func chrono(hs []Headline, a, b int32) int {
	if c := hs[a].Published.Compare(hs[b].Published); c != 0 {
		return c
	}
	if c := cmp.Compare(hs[a].Key, hs[b].Key); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

func find(parent []int32, i int32) int32 {
	for parent[i] != i {
		parent[i] = parent[parent[i]]
		i = parent[i]
	}
	return i
}

func union(parent []int32, a, b int32) {
	if ra, rb := find(parent, a), find(parent, b); ra != rb {
		parent[rb] = ra
	}
}

// collect turns the union-find forest into groups: members in
// chronological order, groups in the order of their first member in hs.
func collect(hs []Headline, parent []int32) []Group {
	n := len(hs)
	gid := make([]int32, n) // root → group number, or -1
	for i := range gid {
		gid[i] = -1
	}
	var sizes []int
	for i := range n {
		r := find(parent, int32(i))
		if gid[r] < 0 {
			gid[r] = int32(len(sizes))
			sizes = append(sizes, 0)
		}
		sizes[gid[r]]++
	}
	// One backing array for all members: one allocation, not one a group.
	members := make([]int, n)
	groups := make([]Group, len(sizes))
	off := 0
	for k, s := range sizes {
		groups[k].Members = members[off : off : off+s]
		off += s
	}
	for i := range n {
		k := gid[find(parent, int32(i))]
		groups[k].Members = append(groups[k].Members, i)
	}
	for _, g := range groups {
		if len(g.Members) > 1 {
			slices.SortFunc(g.Members, func(a, b int) int { return chrono(hs, int32(a), int32(b)) })
		}
	}
	return groups
}

// leadScore is a group that a new headline may join, and how like its
// lead the headline is.
type leadScore struct {
	lead  int32
	score float64
}

// leadRatio is the share of the threshold a headline must reach in
// likeness to a group's lead, besides reaching the threshold with one of
// its members; two leads merge at it too. On the fixtures any ratio up to
// 0.8 keeps the recall of single-link grouping (1.0 loses a seventh of
// it), and the lower the ratio the further a group can drift: 0.75 keeps
// it close to its lead.
const leadRatio = 0.75
