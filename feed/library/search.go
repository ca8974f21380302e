package library

import (
	"context"
	"errors"
	"slices"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/search"
	"sokbo/feed/store"
)

// Search, saved views and mute rules all speak feed/search's query
// language. The store's index answers for cached items; local items, which
// the library reads whole, are matched in memory with the same Match, so
// the two kinds of source agree on every query.

// SavedView is a named query shown beside the feeds, as the config's
// [[view]] gives it: name = "속보", query = "[속보] within:24h".
type SavedView struct {
	Name  string
	Query string
}

// Views returns the saved views, in the config's order.
func (l *Library) Views() []SavedView { return l.opts.Views }

// ParseQuery reads a query on the library's clock, so that within: counts
// back from now: a saved view or a rule is parsed again each time it is
// used, never kept with the window of the moment it was first read.
// incremental reads it as the reader's search field does (see
// search.Options.Incremental).
func (l *Library) ParseQuery(s string, incremental bool) (*search.Query, error) {
	// A query is text from outside, cleaned where it enters as feed text
	// is: an escape sequence or a control character in an argument is no
	// part of what is searched for, and the query said back (no match
	// for "서울") is the one searched.
	return search.Parse(clean.Sanitize(s), search.Options{Now: l.now(), Incremental: incremental})
}

// errEnough ends a walk of matches at its limit.
var errEnough = errors.New("enough matches")

// Hits are what a search found among the items of a Sources: the cached
// items the store's index found, and the query, with which a View
// matches its local entries in memory. Create them with Library.Search.
type Hits struct {
	q        *search.Query
	keys     map[Key]bool
	complete bool
	// local holds the local entries that match, once MatchLocal has
	// run; nil until then, when matches asks the query itself.
	local map[Key]bool
}

// NoHits are the hits of a query that cannot be read: nothing matches,
// as the reader shows while a bad query stands in its search field.
func NoHits() *Hits {
	return &Hits{keys: map[Key]bool{}, complete: true, local: map[Key]bool{}}
}

// Query is the query searched for.
func (h *Hits) Query() *search.Query { return h.q }

// Complete reports whether every cached match is in h: false when the
// search stopped at its limit.
func (h *Hits) Complete() bool { return h.complete }

// matches reports whether the query matches e: by the index's answer for
// a cached entry, in memory for a local one.
func (h *Hits) matches(e *Entry) bool {
	if e.Cached {
		return h.keys[e.Key()]
	}
	if h.local != nil {
		return h.local[e.Key()]
	}
	d := docOf(e)
	return h.q.Match(&d)
}

// LocalSnapshot is a View's local entries as a search reads them: taken
// by the reader in its Update, where the View is, and matched in a
// command, off the loop that draws the screen. Take it with
// View.LocalSnapshot.
type LocalSnapshot struct {
	keys []Key
	docs []search.Doc
}

// LocalSnapshot copies what a query reads of the View's local entries:
// their fields and marks as they are now. Their bodies are read when a
// query needs them, through lib's cache of their text.
func (v *View) LocalSnapshot(lib *Library) LocalSnapshot {
	var s LocalSnapshot
	for _, b := range v.locals {
		for _, e := range b.Entries {
			d := docOf(e)
			k, it := e.Key(), e.Item
			d.LoadBody = func() string { return lib.bodyText(k, it) }
			s.keys = append(s.keys, k)
			s.docs = append(s.docs, d)
		}
	}
	return s
}

// MatchLocal decides h for the local entries of snap, so that View.Items
// only looks them up. It stops early, leaving h as it was, when ctx ends.
func (h *Hits) MatchLocal(ctx context.Context, snap LocalSnapshot) error {
	local := make(map[Key]bool)
	for i := range snap.docs {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if h.q.Match(&snap.docs[i]) {
			local[snap.keys[i]] = true
		}
	}
	h.local = local
	return nil
}

// bodyText is the text of a local item's body as search reads it,
// extracted once and kept in a bounded cache: a search at each keystroke
// would otherwise take every body apart again.
func (l *Library) bodyText(k Key, it *feed.Item) string {
	if t, ok := l.bodies.get(k, it); ok {
		return t
	}
	t := search.BodyText(it.Body)
	l.bodies.put(k, it, t)
	return t
}

// docOf is a local entry as a query sees it.
func docOf(e *Entry) search.Doc {
	it := e.Item
	tags := it.Categories
	if len(e.Tags) > 0 {
		tags = append(slices.Clip(tags), e.Tags...)
	}
	return search.Doc{
		Title:     it.Title,
		Summary:   it.Summary,
		LoadBody:  func() string { return search.BodyText(it.Body) },
		FeedURL:   e.Source,
		FeedName:  e.FeedName,
		Tags:      tags,
		Read:      e.Read,
		Starred:   e.Starred,
		Published: it.Published,
		FirstSeen: e.FirstSeen,
	}
}

// Search finds the items of src that q matches: the cached items of
// src.Feeds through the store's index, newest first and at most limit of
// them (0: all), and, for src.Locals, the query itself, which View.Items
// applies to the local entries it holds. It fetches nothing: the reader
// calls it on every keystroke.
func (l *Library) Search(ctx context.Context, src Sources, q *search.Query, limit int) (*Hits, error) {
	h := &Hits{q: q, keys: map[Key]bool{}, complete: true}
	if len(src.Feeds) == 0 {
		return h, nil
	}
	st, err := l.store(ctx)
	if err != nil {
		return nil, err
	}
	want := wanted(src.Feeds)
	err = st.EachMatch(ctx, q, func(hd *store.Headline) error {
		if !want[hd.Feed] {
			return nil
		}
		if limit > 0 && len(h.keys) == limit {
			h.complete = false
			return errEnough
		}
		h.keys[Key{hd.Feed, hd.ID}] = true
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	return h, nil
}

// EachMatch calls fn with each entry of src that q matches, as Each lists
// them (newest first, after Prepare, every item on its own, unfolded),
// with its number n in Each's list. It keeps that numbering as List
// does, so that n is the N that `sokbo read N` takes until the next list
// or search of src. It returns Each's problems.
func (l *Library) EachMatch(ctx context.Context, src Sources, q *search.Query, fn func(n int, e *Entry) error) ([]Problem, error) {
	var hits *Hits
	var kept []store.ListingRow
	n := 0
	problems, err := l.each(ctx, src, Everything, func() (err error) {
		hits, err = l.Search(ctx, src, q, 0)
		return err
	}, func(e *Entry) error {
		n++
		k := e.stateKey()
		kept = append(kept, store.ListingRow{N: n, M: 1, ItemKey: store.ItemKey{Feed: k.Source, ID: k.ID}})
		if !hits.matches(e) {
			return nil
		}
		return fn(n, e)
	})
	l.keepListing(src, kept, problems)
	return problems, err
}

// mutes are the mute rules, parsed now.
func (l *Library) mutes() []*search.Query {
	var out []*search.Query
	for _, s := range l.opts.Mute {
		if q, err := l.ParseQuery(s, false); err == nil && !q.Empty() {
			out = append(out, q)
		}
	}
	return out
}

// mutedCached returns the cached items a mute rule hides, each with
// whether it is read.
func (l *Library) mutedCached(ctx context.Context, st *store.Store, rules []*search.Query) (map[Key]bool, error) {
	if len(rules) == 0 {
		return nil, nil
	}
	out := map[Key]bool{}
	for _, q := range rules {
		err := st.EachMatch(ctx, q, func(h *store.Headline) error {
			out[Key{h.Feed, h.ID}] = h.Read
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// mutedLocal reports whether a mute rule hides a local entry.
func mutedLocal(e *Entry, rules []*search.Query) bool {
	if len(rules) == 0 {
		return false
	}
	d := docOf(e)
	for _, q := range rules {
		if q.Match(&d) {
			return true
		}
	}
	return false
}

// UpdateIndex indexes what the cache has queued for search since it last
// ran (store.UpdateIndex): Refresh indexes what a share of its round's
// time allows, and the long-running front ends call this for the rest, at
// the reader's start and after each round. It returns how many items it
// indexed. When another call is indexing it returns 0 at once, since that
// one indexes what is queued; Close stops it between batches. A cache
// that cannot be written (a read-only file) is an error wrapping
// ErrCache; searches stay exact without the index, only slower.
func (l *Library) UpdateIndex(ctx context.Context) (int, error) {
	return l.index(ctx, (*store.Store).UpdateIndex)
}

// indexFor is UpdateIndex within budget (store.IndexFor).
func (l *Library) indexFor(ctx context.Context, budget time.Duration) (int, error) {
	return l.index(ctx, func(st *store.Store, ctx context.Context) (int, error) { return st.IndexFor(ctx, budget) })
}

// index runs one of the store's ways of indexing, one at a time.
func (l *Library) index(ctx context.Context, do func(*store.Store, context.Context) (int, error)) (int, error) {
	if !l.indexing.TryLock() {
		return 0, nil
	}
	defer l.indexing.Unlock()
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	defer context.AfterFunc(l.bg, stop)()
	st, err := l.writer(ctx)
	if err != nil {
		return 0, err
	}
	return do(st, ctx)
}

// IndexPending is UpdateIndex when the cache has items waiting to be
// indexed, and nothing otherwise: it opens the cache for writing only
// then, so a reader on a read-only cache that is up to date never tries.
// It indexes gently (store.UpdateIndexGently), as the reader runs it
// behind its user: at most half a core, so that keys stay quick.
func (l *Library) IndexPending(ctx context.Context) (int, error) {
	st := l.existingStore(ctx)
	if st == nil {
		return 0, ctx.Err() // no cache, or ctx ended while it opened
	}
	n, err := st.PendingIndex(ctx)
	if err != nil || n == 0 {
		return 0, err
	}
	return l.index(ctx, func(st *store.Store, ctx context.Context) (int, error) {
		return st.UpdateIndexGently(ctx, l.quiet)
	})
}

// inputQuiet is how long after the user's last key the library's work
// behind them (indexing) goes on: a held key or steady scrolling keeps
// it waiting; reading an article lets it run.
const inputQuiet = 500 * time.Millisecond

// NoteInput tells the library that its user just pressed a key (or used
// the mouse): the index IndexPending builds waits until inputQuiet has
// passed without another. It costs an atomic store. The pause is timed
// on the monotonic clock, not the library's Now: it is a length of time
// the user waits, whatever the date says.
func (l *Library) NoteInput() { l.lastInput.Store(int64(time.Since(epoch))) }

// epoch is what the monotonic times of NoteInput are counted from.
var epoch = time.Now()

// quiet returns once inputQuiet has passed since the last NoteInput, or
// with ctx's error.
func (l *Library) quiet(ctx context.Context) error {
	for {
		last := l.lastInput.Load()
		if last == 0 {
			return nil
		}
		wait := inputQuiet - (time.Since(epoch) - time.Duration(last))
		if wait <= 0 {
			return nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
