package library

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"sokbo/feed"
	"sokbo/feed/group"
	"sokbo/feed/store"
)

// Row is one row of a list: an item of its own, or one story that several
// outlets reported, folded (feed/group) into the row of its first report.
type Row struct {
	// N numbers the row, from 1, as `sokbo list` prints it.
	N int
	// Entry is the row's item: the story's first report, its lead.
	*Entry
	// Members are the row's items in the order they were published,
	// the lead first; one for an item of its own. `sokbo read N.M`
	// reads Members[M-1].
	Members []*Entry
	// Others is how many outlets besides the lead's reported the story:
	// the N of "가람일보 외 N곳".
	Others int
}

// Folded reports whether the row holds more than one item.
func (r *Row) Folded() bool { return len(r.Members) > 1 }

// GroupEntries folds entries, newest first, into rows: each story that
// several headlines report within group.DefaultWindow, in several
// outlets' words, becomes one row, where the story's newest report sits;
// the row's item is its first report. Every entry is in exactly one row;
// the rows are numbered from 1.
func GroupEntries(entries []*Entry) []Row {
	return rowsOf(entries, group.Fold(headlinesOf(entries), group.Options{}))
}

// headlinesOf is what folding entries reads of them.
func headlinesOf(entries []*Entry) []group.Headline {
	hs := make([]group.Headline, len(entries))
	for i, e := range entries {
		hs[i] = group.Headline{Key: e.Source + "\x00" + e.ID, Title: e.Title, Outlet: e.FeedName, Published: e.Published}
	}
	return hs
}

// rowsOf numbers the rows of entries that groups make. The rows'
// Members share one array: every entry is in exactly one group.
func rowsOf(entries []*Entry, groups []group.Group) []Row {
	rows := make([]Row, len(groups))
	members := make([]*Entry, len(entries))
	for i, g := range groups {
		n := len(g.Members)
		if n > len(members) {
			members = make([]*Entry, n) // groups that are not a partition of entries
		}
		r := Row{N: i + 1, Entry: entries[g.Lead()], Members: members[:n:n]}
		members = members[n:]
		for j, m := range g.Members {
			r.Members[j] = entries[m]
		}
		if n > 1 {
			r.Others = othersOf(r.Members)
		}
		rows[i] = r
	}
	return rows
}

// othersOf is group.Group.Others of a row's members: how many outlets
// besides the lead's reported the story. A story has few members, so
// each is compared with those before it, without allocating.
func othersOf(members []*Entry) int {
	if len(members) > 32 {
		hs := make([]group.Headline, len(members))
		g := group.Group{Members: make([]int, len(members))}
		for i, e := range members {
			hs[i].Outlet = e.FeedName
			g.Members[i] = i
		}
		return g.Others(hs)
	}
	lead := members[0].FeedName
	n := 0
outlets:
	for i := 1; i < len(members); i++ {
		o := members[i].FeedName
		if o == lead || o == "" {
			continue
		}
		for _, before := range members[1:i] {
			if before.FeedName == o {
				continue outlets
			}
		}
		n++
	}
	return n
}

// Key returns what a listing of these sources is kept under: "" for the
// subscriptions, else the arguments that named them, local paths made
// absolute.
func (s Sources) Key() string { return s.key }

func sourcesKey(args []string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		if IsURL(a) {
			parts[i] = a
		} else {
			parts[i] = localKey(a)
		}
	}
	return strings.Join(parts, "\x1f")
}

// List calls fn with the rows of src as `sokbo list` prints them: after
// Prepare, newest first, folded into stories unless NoGroup, numbered from
// 1. It then keeps the numbering in the cache, so that Find reads the
// item a row showed by its number until src is listed again, whatever
// came in meanwhile; failing to keep it is said to Warn. fn must not keep
// the row. d says how much of each entry to read. It returns the problems
// of Each and an error from fn.
func (l *Library) List(ctx context.Context, src Sources, d Detail, fn func(*Row) error) ([]Problem, error) {
	var kept []store.ListingRow
	keep := func(r *Row) {
		for m, e := range r.Members {
			k := e.stateKey()
			kept = append(kept, store.ListingRow{N: r.N, M: m + 1, ItemKey: store.ItemKey{Feed: k.Source, ID: k.ID}})
		}
	}
	var problems []Problem
	var err error
	if l.opts.NoGroup {
		// One row for every entry: fn does not keep it.
		var r Row
		members := make([]*Entry, 1)
		problems, err = l.each(ctx, src, d, nil, func(e *Entry) error {
			members[0] = e
			r = Row{N: r.N + 1, Entry: e, Members: members}
			keep(&r)
			return fn(&r)
		})
	} else {
		var entries []*Entry
		var digest foldDigest
		// Each entry of a walk is its own, not reused: kept as it is.
		// Its digest, which finds a kept fold, is taken here, while the
		// store reads the next rows.
		problems, err = l.each(ctx, src, d, nil, func(e *Entry) error {
			entries = append(entries, e)
			digest.add(e)
			return nil
		})
		if err == nil {
			rows := l.foldDigested(ctx, "list\x00"+src.Key(), entries, &digest)
			kept = make([]store.ListingRow, 0, len(entries))
			for i := range rows {
				keep(&rows[i])
			}
			// The numbering is whole before the first row is printed:
			// it is kept on one core while the rows go out on the other
			// (50k headlines: 6 ms).
			saved := make(chan struct{})
			go func() {
				defer close(saved)
				l.keepListing(src, kept, problems)
			}()
			for i := range rows {
				if err = fn(&rows[i]); err != nil {
					break
				}
			}
			<-saved
			return problems, err
		}
	}
	l.keepListing(src, kept, problems)
	return problems, err
}

// keepListing keeps the numbering a list of src printed, unless the list
// failed, which keeps the last good numbering. Failing to keep it is
// said to Warn.
func (l *Library) keepListing(src Sources, kept []store.ListingRow, problems []Problem) {
	if src.Empty() || (len(kept) == 0 && len(problems) > 0) {
		return
	}
	if err := l.saveListing(context.Background(), src.Key(), kept); err != nil && l.opts.Warn != nil {
		l.opts.Warn(fmt.Errorf("%w; `sokbo read N` may not read what this list numbered N", err))
	}
}

func (l *Library) saveListing(ctx context.Context, key string, rows []store.ListingRow) error {
	st, err := l.writer(ctx)
	if err != nil {
		return fmt.Errorf("the numbering of this list was not kept: %w", err)
	}
	return st.SaveListing(ctx, key, rows)
}

// parseRowRef reads "N" or "N.M" (row N, its Mth item), digits only. M
// is 0 for "N.0", which names no item but is a row reference, not a
// source: findRow says why it names none. A number too long to hold is
// as far out of range as it looks.
func parseRowRef(key string) (n, m int, ok bool) {
	key = strings.TrimSpace(key)
	ns, ms, dotted := strings.Cut(key, ".")
	if !digits(ns) || (dotted && !digits(ms)) {
		return 0, 0, false
	}
	n, m = atoiMax(ns), 1
	if dotted {
		m = atoiMax(ms)
	}
	return n, m, true
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoiMax reads ASCII digits, as the largest int when they overflow it.
func atoiMax(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return math.MaxInt
	}
	return n
}

// ErrListingGone is wrapped by Find's error for a number the last list
// printed whose item the cache no longer holds.
var ErrListingGone = errors.New("no longer in the offline cache")

// Find returns the entry of src that key names, with the problems of
// loading: N (or N.M, the Mth item folded into row N) as the last List
// of src numbered it, or as List would number it now when src was never
// listed; or an item's ID or link.
func (l *Library) Find(ctx context.Context, src Sources, key string) (*Entry, []Problem, error) {
	var entries []*Entry
	problems, err := l.Each(ctx, src, func(e *Entry) error {
		c := *e
		entries = append(entries, &c)
		return nil
	})
	if err != nil {
		return nil, problems, err
	}
	if len(entries) == 0 && len(problems) > 0 {
		return nil, problems, nil
	}
	if n, m, ok := parseRowRef(key); ok {
		e, err := l.findRow(ctx, src, entries, strings.TrimSpace(key), n, m)
		return e, problems, err
	}
	items := make([]*feed.Item, len(entries))
	for i, e := range entries {
		items[i] = e.Item
	}
	it, err := feed.Find(&feed.Feed{Items: items}, key)
	if err != nil {
		return nil, problems, err
	}
	for _, e := range entries {
		if e.Item == it {
			return e, problems, nil
		}
	}
	return nil, problems, &feed.NoItemError{Key: key}
}

// findRow finds row n's mth item, which ref (as given) names: through the kept numbering of src's last
// listing, else by numbering entries now.
func (l *Library) findRow(ctx context.Context, src Sources, entries []*Entry, ref string, n, m int) (*Entry, error) {
	if m < 1 {
		return nil, &feed.NoItemError{Key: ref, Why: feed.NoItemMember, Row: n}
	}
	if st := l.existingStore(ctx); st != nil {
		made, ok, err := st.Listing(ctx, src.Key())
		if err == nil && ok {
			when := made.In(l.now().Location()).Format("15:04")
			k, err := st.ListingItem(ctx, src.Key(), n, m)
			if err != nil {
				rows, _ := st.ListingMembers(ctx, src.Key(), n)
				switch {
				case rows > 0:
					return nil, &feed.NoItemError{Key: ref, Why: feed.NoItemListRow, Row: n, At: when, Count: rows}
				default:
					last, _ := st.ListingRows(ctx, src.Key())
					return nil, &feed.NoItemError{Key: ref, Why: feed.NoItemNotListed, At: when, Count: last}
				}
			}
			for _, e := range entries {
				if sk := e.stateKey(); sk.Source == k.Feed && sk.ID == k.ID {
					return e, nil
				}
			}
			return nil, fmt.Errorf("item %s of the list made at %s: %w; list again", ref, when, ErrListingGone)
		}
	}
	var rows []Row
	if l.opts.NoGroup {
		rows = make([]Row, len(entries))
		for i, e := range entries {
			rows[i] = Row{N: i + 1, Entry: e, Members: []*Entry{e}}
		}
	} else {
		rows = GroupEntries(entries)
	}
	switch {
	case len(rows) == 0:
		return nil, &feed.NoItemError{Key: ref, Why: feed.NoItemEmpty}
	case n < 1 || n > len(rows):
		return nil, &feed.NoItemError{Key: ref, Why: feed.NoItemRange, Count: len(rows)}
	case m > len(rows[n-1].Members):
		return nil, &feed.NoItemError{Key: ref, Why: feed.NoItemRow, Row: n, Count: len(rows[n-1].Members)}
	}
	return rows[n-1].Members[m-1], nil
}
