package library

import (
	"slices"

	"sokbo/feed"
	"sokbo/feed/store"
)

// View is what the reader shows, as it arrives: local sources as each is
// read, and the cache, replaced whole after every refresh; merged newest
// first, with counts and filters. Create it with NewView. A View is not
// safe for concurrent use: one model owns it.
type View struct {
	locals []*Batch // in the order of rank, else as they arrived
	// rank places the local sources given to SetOrder: a source's
	// batches stand in that order however their loads arrive.
	rank   map[string]int
	cached *Batch   // nil until the cache is read
	all    []*Entry // every entry, merged
	byKey  map[Key]*Entry
	seq    uint64
	// unread counts the unread entries of each Source, and of all under
	// "", kept in step by merge and the marks so a frame never walks
	// every entry.
	unread map[string]int
	// restUnread counts the unread entries of the cache beyond its Head.
	restUnread int
}

// NewView returns an empty View.
func NewView() *View { return &View{byKey: map[Key]*Entry{}, unread: map[string]int{}} }

// SetOrder says the order of the local sources, as given on the command
// line: their undated items follow one another source by source in that
// order, as Library.List numbers them, whichever source loads first. A
// source not given stands after them, as it arrived.
func (v *View) SetOrder(sources []string) {
	v.rank = make(map[string]int, len(sources))
	for i, s := range sources {
		if _, ok := v.rank[s]; !ok {
			v.rank[s] = i
		}
	}
}

// Seq is the View's mark counter. Record it when a load begins and put it
// in the Batch, so that marks made while the load ran survive it.
func (v *View) Seq() uint64 { return v.seq }

// Add puts a batch in the View: a local source beside the others (or in
// place of its last load), or the cache in place of the last one.
// Entries that were marked in the View since the batch's Seq keep those
// marks, and an entry of the cache that was fresh stays fresh while
// unread.
func (v *View) Add(b *Batch) {
	if b == nil {
		return
	}
	if b.Source != "" {
		v.addLocal(b)
	} else {
		for _, e := range b.Entries {
			old := v.byKey[e.Key()]
			if old == nil || !old.Cached {
				continue
			}
			if old.changed > b.Seq {
				e.Read, e.Starred, e.changed = old.Read, old.Starred, old.changed
			}
			if old.Fresh && !e.Read {
				e.Fresh = true
			}
		}
		v.cached = b
		v.restUnread = 0
		if b.Head {
			v.restUnread = b.Unread
			for _, e := range b.Entries {
				if !e.Read {
					v.restUnread--
				}
			}
		}
	}
	v.merge()
}

// addLocal puts a local source's batch in the View, in place of its last
// load if it had one. Entries marked in the View since the batch's Seq
// keep those marks.
func (v *View) addLocal(b *Batch) {
	for i, old := range v.locals {
		if old.Source != b.Source {
			continue
		}
		for _, e := range b.Entries {
			if prev := v.byKey[e.Key()]; prev != nil && !prev.Cached && prev.changed > b.Seq {
				e.Read, e.Starred, e.changed = prev.Read, prev.Starred, prev.changed
			}
		}
		v.locals[i] = b
		return
	}
	at := len(v.locals)
	if r, ok := v.rank[b.Source]; ok {
		at = 0
		for at < len(v.locals) {
			if o, ok := v.rank[v.locals[at].Source]; !ok || o > r {
				break
			}
			at++
		}
	}
	v.locals = slices.Insert(v.locals, at, b)
}

// Changes is what a new load of a local source changed.
type Changes struct {
	// New, Changed and Gone count the items that were not there, that
	// changed (title, link, date, summary or body) and that went.
	New, Changed, Gone int
	// Stale are the keys of the changed and gone items: what a front end
	// laid out for them is out of date.
	Stale []Key
}

// None reports whether nothing changed.
func (c Changes) None() bool { return c.New == 0 && c.Changed == 0 && c.Gone == 0 }

// Add counts d in c.
func (c *Changes) Add(d Changes) {
	c.New += d.New
	c.Changed += d.Changed
	c.Gone += d.Gone
	c.Stale = append(c.Stale, d.Stale...)
}

// Reload puts a new load of a local source in the View, as Add does, and
// returns what changed since its last load. A source not loaded before
// is all new. What a reload brings is marked fresh, unread, as a
// refresh's arrivals are; what was fresh stays so until read.
func (v *View) Reload(b *Batch) Changes {
	var c Changes
	var old *Batch
	for _, l := range v.locals {
		if l.Source == b.Source {
			old = l
		}
	}
	before := map[Key]*Entry{}
	if old != nil {
		for _, e := range old.Entries {
			before[e.Key()] = e
		}
	}
	var fresh []*Entry
	for _, e := range b.Entries {
		prev, ok := before[e.Key()]
		switch {
		case !ok:
			c.New++
			if old != nil {
				fresh = append(fresh, e)
			}
		case !sameItem(prev.Item, e.Item):
			c.Changed++
			c.Stale = append(c.Stale, e.Key())
		}
		if ok && prev.Fresh {
			fresh = append(fresh, e)
		}
		delete(before, e.Key())
	}
	for k := range before {
		c.Gone++
		c.Stale = append(c.Stale, k)
	}
	v.Add(b)
	for _, e := range fresh {
		e.Fresh = !e.Read // after Add, which carries the marks over
	}
	return c
}

// sameItem reports whether a reload left an item as it was, as a reader
// sees it.
func sameItem(a, b *feed.Item) bool {
	return a.Title == b.Title && a.Link == b.Link && a.Published.Equal(b.Published) &&
		feed.DateOnly(a.Published) == feed.DateOnly(b.Published) && a.Summary == b.Summary &&
		a.Body == b.Body && a.Format == b.Format && a.Author == b.Author && a.Image == b.Image
}

func (v *View) merge() {
	var batches []*Batch
	batches = append(batches, v.locals...)
	if v.cached != nil {
		batches = append(batches, v.cached)
	}
	if len(batches) == 1 {
		// One batch is in order already (feed.Merge of one feed is
		// the feed): no merging, no map from items to entries. A
		// refresh of a list of subscriptions costs this.
		v.index(slices.Clone(batches[0].Entries))
		return
	}
	feeds := make([]*feed.Feed, 0, len(v.locals)+1)
	entries := map[*feed.Item]*Entry{}
	add := func(b *Batch) {
		f := &feed.Feed{Items: make([]*feed.Item, len(b.Entries))}
		for i, e := range b.Entries {
			f.Items[i] = e.Item
			entries[e.Item] = e
		}
		feeds = append(feeds, f)
	}
	for _, b := range v.locals {
		add(b)
	}
	if v.cached != nil {
		add(v.cached)
	}
	items := feed.Merge(feeds...)
	all := make([]*Entry, len(items))
	for i, it := range items {
		all[i] = entries[it]
	}
	v.index(all)
}

// index makes all, merged, the View's entries, with their keys and
// unread counts.
func (v *View) index(all []*Entry) {
	v.all = all
	clear(v.byKey)
	clear(v.unread)
	for _, e := range all {
		v.byKey[e.Key()] = e
		if !e.Read {
			v.unread[e.Source]++
			v.unread[""]++
		}
	}
}

// Loaded reports whether the cache has been read into the View.
func (v *View) Loaded() bool { return v.cached != nil }

// Head reports whether the View holds only the newest of the cache's
// headlines (Library.LoadHead), until the whole cache is read.
func (v *View) Head() bool { return v.cached != nil && v.cached.Head }

// Loads counts the loads the View holds entries of: each local source
// with entries, and the cache with entries.
func (v *View) Loads() int {
	n := 0
	for _, b := range v.locals {
		if len(b.Entries) > 0 {
			n++
		}
	}
	if v.cached != nil && len(v.cached.Entries) > 0 {
		n++
	}
	return n
}

// Len is how many entries the View holds, unfiltered: while it holds the
// cache's Head, with those of the cache it has not read yet.
func (v *View) Len() int {
	if v.Head() {
		return len(v.all) - len(v.cached.Entries) + v.cached.Total
	}
	return len(v.all)
}

// Lookup returns the entry with key k, or nil.
func (v *View) Lookup(k Key) *Entry { return v.byKey[k] }

// Filter narrows a View's entries. The zero value keeps every entry.
type Filter struct {
	// UnreadOnly drops read entries.
	UnreadOnly bool
	// Feed keeps only the entries of one feed or source (an entry's
	// Source); "" keeps all.
	Feed string
	// Tag keeps only the entries of feeds with this tag; "" keeps all.
	Tag string
	// Starred keeps only starred entries.
	Starred bool
	// Hits keeps only what a search found (Library.Search); nil keeps
	// all. When the search stopped at its limit, the list ends at its
	// last cached match.
	Hits *Hits
	// Keep is an entry kept whatever the filter says, so that marking the
	// one under the cursor read does not make the list jump.
	Keep *Entry
}

func (f Filter) keeps(e *Entry) bool {
	if e == f.Keep {
		return true
	}
	if f.Feed != "" && e.Source != f.Feed {
		return false
	}
	if f.Tag != "" && !slices.Contains(e.Tags, f.Tag) {
		return false
	}
	if f.Starred && !e.Starred {
		return false
	}
	if f.UnreadOnly && e.Read {
		return false
	}
	return f.Hits == nil || f.Hits.matches(e)
}

// Items returns the entries that pass f, newest first. With the zero
// Filter it returns the View's own slice, which the caller must not
// change.
func (v *View) Items(f Filter) []*Entry {
	if f == (Filter{}) {
		return v.all
	}
	out := make([]*Entry, 0, min(len(v.all), 1024))
	// An incomplete search has found its matches up to some time; past
	// its last cached match the list would miss the ones it did not reach.
	left := -1
	if f.Hits != nil && !f.Hits.complete {
		left = len(f.Hits.keys)
	}
	for _, e := range v.all {
		if left == 0 {
			break
		}
		if f.keeps(e) {
			out = append(out, e)
		}
		if left > 0 && e.Cached && f.Hits.keys[e.Key()] {
			left--
		}
	}
	return out
}

// Unread counts the unread entries of one feed or source, or of all with
// "". While the View holds the cache's Head, the count of all includes
// the cache's entries not read yet.
func (v *View) Unread(feedKey string) int {
	if feedKey == "" && v.Head() {
		return v.unread[""] + v.restUnread
	}
	return v.unread[feedKey]
}

// FeedChoice is one feed or local source the View can be narrowed to.
type FeedChoice struct {
	// Source is the entries' Source: the feed's URL or the local source.
	Source string
	Name   string
}

// Feeds lists the feeds on show: local sources with items, in the order
// they were read, then the cached feeds, names that several share told
// apart (DistinctNames).
func (v *View) Feeds() []FeedChoice {
	var out []FeedChoice
	for _, b := range v.locals {
		if len(b.Entries) > 0 {
			name := b.Title
			if name == "" {
				name = b.Source
			}
			out = append(out, FeedChoice{b.Entries[0].Source, name})
		}
	}
	if v.cached != nil {
		for _, f := range v.cached.Feeds {
			out = append(out, FeedChoice{f.URL, f.DisplayName()})
		}
	}
	names, sources := make([]string, len(out)), make([]string, len(out))
	for i, c := range out {
		names[i], sources[i] = c.Name, c.Source
	}
	for i, n := range DistinctNames(names, sources) {
		out[i].Name = n
	}
	return out
}

// CachedFeeds returns the records of the cached feeds on show.
func (v *View) CachedFeeds() []store.FeedInfo {
	if v.cached == nil {
		return nil
	}
	return v.cached.Feeds
}

// mark records a mark made in the View.
func (v *View) mark(e *Entry) {
	v.seq++
	e.changed = v.seq
}
