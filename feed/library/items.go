package library

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/group"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
	"sokbo/render"
)

// Key names an item across sources: IDs are only unique within one.
type Key struct{ Source, ID string }

// Entry is one item as a front end lists it. A cached entry's Item has no
// body; Article reads it.
type Entry struct {
	*feed.Item
	// FeedName is the name of the entry's feed or source.
	FeedName string
	// Cached is true for an item of the offline cache; its body and its
	// Markdown are in the store.
	Cached bool
	// FirstSeen is when the cache first stored it; zero for a local item.
	FirstSeen time.Time
	Read      bool
	Starred   bool
	// Fresh is true for an unread item that came with the last refresh.
	Fresh bool
	// Lead stands in for the title of an untitled item: the first words
	// of its summary or body (feed.Lead). It is "" for an item with a
	// title.
	Lead string
	// HasFullText is true for a cached item whose full text is kept
	// (Each sets it; the reader's list does not need it).
	HasFullText bool
	// Tags are the tags of the entry's feed (its OPML folders); an
	// item's own categories are in Item.Categories.
	Tags []string

	// changed is the View's sequence number at the entry's last mark, so
	// that a snapshot taken before it does not undo it.
	changed uint64
}

// Key returns the entry's key.
func (e *Entry) Key() Key { return Key{e.Source, e.ID} }

// Headline is what a list shows for the entry: its title, or for an
// untitled item its first words (Lead), as the reader shows them.
func (e *Entry) Headline() string {
	if e.Title == "" {
		return e.Lead
	}
	return e.Title
}

// stateKey is the key an entry's marks are stored under: the feed's URL
// for a cached item; for a local one, its file's absolute path, so that
// the same post keeps its marks however its path is written.
func (e *Entry) stateKey() Key {
	if e.Cached {
		return e.Key()
	}
	return Key{localKey(e.Source), e.ID}
}

func localKey(src string) string {
	if abs, err := filepath.Abs(src); err == nil {
		return abs
	}
	return src
}

// Batch is the items of one load: one local source, or every cached feed
// of a Sources.
type Batch struct {
	// Source is the local source as given; "" for the cache.
	Source string
	// Title is the local source's title.
	Title   string
	Entries []*Entry
	// Feeds are the cached feeds' records, in the store's order; nil for
	// a local source.
	Feeds []store.FeedInfo
	// Seq is the View's sequence number when the load began (see
	// View.Seq); marks made since are kept when the batch is applied.
	Seq uint64
	// Head is true for the newest headlines of the cache alone (LoadHead),
	// which stand in until the whole cache is read; Total and Unread then
	// count the whole cache's entries, and the unread among them.
	Head          bool
	Total, Unread int
	// Warnings are what reading a local source found wrong without
	// failing, each a *feed.SourceError naming the file: a file of a
	// folder that is not a post, a cap that was hit, a charset declared
	// wrongly. They are this load's: the next load of the source says its
	// own, so a warning lasts as long as its cause.
	Warnings []error
}

// LoadLocal reads one local file or folder, with the marks kept for its
// items. An unreadable cache only loses the marks. The batch carries the
// load's warnings; they are not said to Options.Warn. A load that fails
// has its error to say, and its warnings are dropped.
func (l *Library) LoadLocal(ctx context.Context, src string) (*Batch, error) {
	b, _, err := l.loadLocal(ctx, src)
	return b, err
}

// loadLocal is LoadLocal, with the warnings of a load that failed too.
func (l *Library) loadLocal(ctx context.Context, src string) (*Batch, []error, error) {
	load := l.opts.Load
	if load == nil {
		load = feed.Load
	}
	var (
		mu       sync.Mutex
		warnings []error
	)
	opts := l.loadOptions()
	opts.Warn = func(err error) {
		mu.Lock()
		defer mu.Unlock()
		warnings = append(warnings, err)
	}
	f, err := load(ctx, src, opts)
	mu.Lock()
	defer mu.Unlock()
	if err != nil {
		return nil, warnings, err
	}
	name := f.Title
	if name == "" {
		name = src
	}
	b := &Batch{Source: src, Title: f.Title, Entries: make([]*Entry, len(f.Items)), Warnings: warnings}
	for i, it := range f.Items {
		b.Entries[i] = &Entry{Item: it, FeedName: name}
		if it.Title == "" {
			b.Entries[i].Lead = feed.Lead(it)
		}
	}
	l.noteLocalShort(src, f.Items)
	if st := l.existingStore(ctx); st != nil {
		l.applyLocalState(ctx, st, b.Entries)
	}
	if rules := l.mutes(); len(rules) > 0 {
		b.Entries = slices.DeleteFunc(b.Entries, func(e *Entry) bool { return mutedLocal(e, rules) })
	}
	return b, warnings, nil
}

// applyLocalState reads the marks of local entries. The marks are few, so
// they are read per source file in one query each.
func (l *Library) applyLocalState(ctx context.Context, st *store.Store, entries []*Entry) {
	bySource := map[string]map[string]store.State{}
	for _, e := range entries {
		k := e.stateKey()
		states, ok := bySource[k.Source]
		if !ok {
			states, _ = st.States(ctx, k.Source)
			bySource[k.Source] = states
		}
		if s, ok := states[k.ID]; ok {
			e.Read, e.Starred = s.Read, s.Starred
		}
	}
}

// cachedRead is what a read of the cache's headlines for some feeds
// needs: the store, the feeds wanted and their tags, and the items a mute
// rule hides.
type cachedRead struct {
	st    *store.Store
	infos []store.FeedInfo
	want  map[string]bool
	muted map[Key]bool
	tags  map[string][]string

	// The last headline's feed, whether it is wanted and its tags: a
	// feed's headlines mostly come in runs, so most cost no lookup.
	feed     string
	wanted   bool
	feedTags []string
	// slab holds the entries made next, allocated a slab at a time.
	slab []cachedEntry
}

// entrySlab is how many entries a read allocates at once: fifty
// thousand headlines make four hundred allocations, not fifty thousand,
// and a few entries kept of a slab keep at most this many alive.
const entrySlab = 128

// readCached opens a read of the cache's headlines for feeds.
func (l *Library) readCached(ctx context.Context, feeds []feed.Subscription) (*cachedRead, error) {
	st, err := l.store(ctx)
	if err != nil {
		return nil, err
	}
	infos, err := st.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	muted, err := l.mutedCached(ctx, st, l.mutes())
	if err != nil {
		return nil, err
	}
	return &cachedRead{st: st, infos: infos, want: wanted(feeds), muted: muted, tags: tagsOf(infos)}, nil
}

// batch is an empty Batch with the records of the feeds wanted.
func (r *cachedRead) batch() *Batch {
	b := &Batch{}
	for _, f := range r.infos {
		if r.want[f.URL] {
			b.Feeds = append(b.Feeds, f)
		}
	}
	return b
}

// entry is h as an entry, or nil for a headline of a feed not wanted or
// one a mute rule hides.
func (r *cachedRead) entry(h *store.Headline, since time.Time) *Entry {
	if h.Feed != r.feed || r.feed == "" {
		r.feed, r.wanted, r.feedTags = h.Feed, r.want[h.Feed], r.tags[h.Feed]
	}
	if !r.wanted {
		return nil
	}
	if len(r.muted) > 0 {
		if _, ok := r.muted[Key{h.Feed, h.ID}]; ok {
			return nil
		}
	}
	if len(r.slab) == 0 {
		r.slab = make([]cachedEntry, entrySlab)
	}
	c := &r.slab[0]
	r.slab = r.slab[1:]
	e := c.fill(h, since)
	e.Tags = r.feedTags
	return e
}

// LoadCached reads the cached headlines of feeds, newest first, without
// bodies, with the feeds' records; items a mute rule hides are left out.
// Items first stored since since (a refresh's start; zero for none) are
// marked fresh.
func (l *Library) LoadCached(ctx context.Context, feeds []feed.Subscription, since time.Time) (*Batch, error) {
	r, err := l.readCached(ctx, feeds)
	if err != nil {
		return nil, err
	}
	hs, err := r.st.Headlines(ctx, store.Query{})
	if err != nil {
		return nil, err
	}
	b := r.batch()
	b.Entries = make([]*Entry, 0, len(hs))
	for i := range hs {
		if e := r.entry(&hs[i], since); e != nil {
			b.Entries = append(b.Entries, e)
		}
	}
	return b, nil
}

// LoadHead reads the newest n cached headlines of feeds, as LoadCached
// reads them all, and a little more: every one published within twice
// the story window (group.DefaultWindow) of the nth, so that the stories
// those n show fold as they do in the whole cache. It stops reading
// there, and takes the counts from the store's per-feed counts, so that a reader
// draws its first screen of fifty thousand headlines, with their counts,
// as fast as one of fifty. The batch is marked Head, unless it holds the
// whole cache, which it is then as LoadCached reads it.
func (l *Library) LoadHead(ctx context.Context, feeds []feed.Subscription, n int, since time.Time) (*Batch, error) {
	r, err := l.readCached(ctx, feeds)
	if err != nil {
		return nil, err
	}
	counts, err := r.st.Counts(ctx)
	if err != nil {
		return nil, err
	}
	b := r.batch()
	b.Head = true
	for u := range r.want {
		b.Total += counts[u].Items
		b.Unread += counts[u].Unread
	}
	for k, read := range r.muted {
		if r.want[k.Source] {
			b.Total--
			if !read {
				b.Unread--
			}
		}
	}
	var bound time.Time // set once n are read
	err = r.st.EachHeadline(ctx, store.Query{}, func(h *store.Headline) error {
		if len(b.Entries) >= n && (h.Published.IsZero() || h.Published.Before(bound)) {
			return errEnough
		}
		e := r.entry(h, since)
		if e == nil {
			return nil
		}
		b.Entries = append(b.Entries, e)
		if len(b.Entries) == n && !h.Published.IsZero() {
			bound = h.Published.Add(-2 * group.DefaultWindow)
		}
		return nil
	})
	switch {
	case errors.Is(err, errEnough):
		return b, nil
	case err != nil:
		return nil, err
	}
	// Everything was read: the batch is the whole cache.
	b.Head, b.Total, b.Unread = false, 0, 0
	return b, nil
}

// tagsOf maps each tagged feed's URL to its tags.
func tagsOf(infos []store.FeedInfo) map[string][]string {
	out := map[string][]string{}
	for _, f := range infos {
		if len(f.Tags) > 0 {
			out[f.URL] = f.Tags
		}
	}
	return out
}

// cachedEntry is an entry with its item, allocated as one: a list of
// fifty thousand makes one allocation per headline, not two.
type cachedEntry struct {
	entry Entry
	item  feed.Item
}

func entryOf(h *store.Headline, since time.Time) *Entry {
	return new(cachedEntry).fill(h, since)
}

// fill makes c, which is zero (fresh from a slab or new), the entry of h.
// Field by field: a composite literal was built aside and copied in whole,
// 320 bytes with write barriers, 11 ms of a 50k list.
func (c *cachedEntry) fill(h *store.Headline, since time.Time) *Entry {
	e, it := &c.entry, &c.item
	e.FeedName = h.FeedName
	e.Cached = true
	e.FirstSeen = h.FirstSeen
	e.Read, e.Starred = h.Read, h.Starred
	e.Fresh = !since.IsZero() && !h.Read && !h.FirstSeen.Before(since)
	e.Lead = h.Lead
	it.ID, it.Title, it.Link, it.Published, it.Categories, it.Source = h.ID, h.Title, h.Link, h.Published, h.Categories, h.Feed
	c.entry.Item = &c.item
	return &c.entry
}

func wanted(feeds []feed.Subscription) map[string]bool {
	want := make(map[string]bool, len(feeds))
	for _, s := range feeds {
		want[s.URL] = true
	}
	return want
}

// Problem is a source that failed, for a front end to say on one line.
type Problem struct {
	// Source is the subscription's URL or the local source as given.
	Source string
	// Err is the failure; nil with NotCached.
	Err error
	// Cached is how many cached items stand in for a feed that could not
	// be fetched; 0 means the feed is missing from the list.
	Cached int
	// SavedAt is when those cached items were last fetched.
	SavedAt time.Time
	// NotCached says a feed was never fetched and --offline fetches
	// nothing.
	NotCached bool
	// Stored is the cache's record of a NotCached feed that was tried
	// and failed: its LastError says why it is not cached (StoredCause
	// words it). Zero when the feed was never tried.
	Stored FeedInfo
	// Offline says the feed's server could not be reached (DNS, connect,
	// TLS, a timeout); else it answered, and the feed failed on its own.
	Offline bool
	// Busy says another sokbo on the cache was fetching a feed that has
	// nothing cached yet, so it was left to that one and is missing from
	// the list; Err is nil. A busy feed with cached items is no problem:
	// they are listed.
	Busy bool
}

// Missing reports whether the problem leaves the source out of the list.
func (p Problem) Missing() bool { return p.Cached == 0 }

// Prepare gets the cache ready to answer for src: unless offline, it
// first refreshes the feeds that are due (see Due), or every feed with
// RefreshAll; the others answer from the cache. It returns one Problem
// per feed that failed or, offline, was never fetched.
func (l *Library) Prepare(ctx context.Context, src Sources) []Problem {
	if len(src.Feeds) == 0 {
		return nil
	}
	problems := l.prepare(ctx, src)
	if src.link {
		for i, p := range problems {
			if p.Source == src.Feeds[0].URL && p.Err != nil {
				problems[i].Err = &LinkError{Err: p.Err}
			}
		}
	}
	return problems
}

func (l *Library) prepare(ctx context.Context, src Sources) []Problem {
	var problems []Problem
	if !l.opts.Offline {
		due := src.Feeds
		if !l.opts.RefreshAll {
			due = l.Due(ctx, src.Feeds, l.now())
		}
		// The feeds not due whose last attempt failed say so still.
		problems = l.lastFailures(ctx, src.Feeds, due)
		if len(due) == 0 {
			return problems
		}
		results, err := l.refresh(ctx, due, nil, l.opts.Wait)
		if err != nil && len(results) == 0 {
			return []Problem{{Err: err}}
		}
		st, serr := l.store(ctx)
		if serr != nil {
			return []Problem{{Err: serr}}
		}
		if err != nil && !reported(results, err) {
			problems = append(problems, Problem{Err: err})
		}
		// A feed its server asked to be left alone (Retry-After) was not
		// fetched: its last failure stands, and says so, as it does for
		// a feed not due.
		var deferred []feed.Subscription
		for _, r := range results {
			if r.Err == nil && !r.Deferred.IsZero() {
				for _, s := range due {
					if s.URL == r.URL {
						deferred = append(deferred, s)
					}
				}
			}
		}
		if len(deferred) > 0 {
			problems = append(problems, l.lastFailures(ctx, deferred, nil)...)
		}
		for _, r := range results {
			if r.Busy && r.Err == nil {
				// Left to another sokbo: its first fetch, saved by now
				// or not, is what the list shows; read again, as that
				// one may have finished meanwhile.
				if info, err := st.Feed(ctx, r.URL); err != nil || info.LastSuccess.IsZero() && info.Items == 0 {
					problems = append(problems, Problem{Source: r.URL, Busy: true})
				}
				continue
			}
			if r.Err == nil {
				continue
			}
			p := Problem{Source: r.URL, Err: r.Err, Offline: r.Failure.Network()}
			if info, err := st.Feed(ctx, r.URL); err == nil {
				p.Cached, p.SavedAt = info.Items, info.LastSuccess
			}
			problems = append(problems, p)
		}
		return problems
	}
	st, err := l.store(ctx)
	if err != nil {
		return []Problem{{Err: err}}
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return []Problem{{Err: err}}
	}
	known := make(map[string]FeedInfo, len(feeds))
	for _, f := range feeds {
		known[f.URL] = f
	}
	for _, s := range src.Feeds {
		if f, ok := known[s.URL]; !ok || f.LastSuccess.IsZero() {
			p := Problem{Source: s.URL, NotCached: true}
			if ok && f.LastError != "" {
				p.Stored = f
			}
			problems = append(problems, p)
		}
	}
	return problems
}

// reported reports whether a feed's result says err already: a signal
// during a refresh ends the feeds it stopped with its error, and one
// line each says so, not one more without a source.
func reported(results []refresh.Result, err error) bool {
	for _, r := range results {
		if r.Err != nil && errors.Is(r.Err, err) {
			return true
		}
	}
	return false
}

// Each calls fn with every item of src, merged newest first, after
// Prepare, and returns Prepare's problems and those of local sources that
// failed: a folder with no posts fails when no other source is shown,
// else it is a warning. Items a mute rule hides are left out. When every
// source is in the cache the items stream from it without being
// collected, which is what makes a list of ten thousand headlines quick.
// An error from fn stops the walk and is returned.
func (l *Library) Each(ctx context.Context, src Sources, fn func(*Entry) error) ([]Problem, error) {
	return l.each(ctx, src, Everything, nil, fn)
}

// Detail is how much of each cached entry a walk of the items reads.
type Detail int

const (
	// Everything reads all a headline holds.
	Everything Detail = iota
	// TitlesOnly leaves cached entries' Categories, FirstSeen and
	// HasFullText out: what a plain list prints does not need them.
	TitlesOnly
)

// each is Each at detail d; ready, when not nil, runs once the sources
// are prepared and before the first entry, and an error from it ends the
// walk.
func (l *Library) each(ctx context.Context, src Sources, d Detail, ready func() error, fn func(*Entry) error) ([]Problem, error) {
	// Local sources load while the feeds refresh.
	var (
		locals     []*Batch
		localProbs []Problem
		warnings   []error
		wg         sync.WaitGroup
	)
	wg.Go(func() { locals, localProbs, warnings = l.loadLocals(ctx, src.Locals) })
	problems := l.Prepare(ctx, src)
	wg.Wait()
	if !feedsShown(src.Feeds, problems) {
		locals, localProbs, warnings = emptyFoldersFail(src.Locals, locals, localProbs, warnings)
	}
	if l.opts.Warn != nil {
		for _, w := range warnings {
			l.opts.Warn(w)
		}
	}
	problems = append(problems, localProbs...)
	var st *store.Store
	if len(src.Feeds) > 0 {
		var err error
		if st, err = l.store(ctx); err != nil {
			return problems, nil // Prepare said so
		}
	}
	if ready != nil {
		if err := ready(); err != nil {
			return problems, err
		}
	}
	if len(locals) == 0 {
		if st == nil {
			return problems, nil
		}
		r, err := l.readCached(ctx, src.Feeds)
		if err != nil {
			return problems, err
		}
		markFull := func(*Entry) {}
		if d == Everything {
			markFull = fullTextEntries(ctx, st)
		}
		return problems, st.EachHeadline(ctx, store.Query{TitlesOnly: d == TitlesOnly}, func(h *store.Headline) error {
			e := r.entry(h, time.Time{})
			if e == nil {
				return nil
			}
			markFull(e)
			return fn(e)
		})
	}
	v := NewView()
	for _, b := range locals {
		v.Add(b)
	}
	if st != nil {
		b, err := l.LoadCached(ctx, src.Feeds, time.Time{})
		if err != nil {
			problems = append(problems, Problem{Err: err})
		} else {
			markFull := fullTextEntries(ctx, st)
			for _, e := range b.Entries {
				markFull(e)
			}
			v.Add(b)
		}
	}
	for _, e := range v.Items(Filter{}) {
		if err := fn(e); err != nil {
			return problems, err
		}
	}
	return problems, nil
}

// feedsShown reports whether any of feeds is in the list, its items
// fetched or cached, after Prepare's problems.
func feedsShown(feeds []feed.Subscription, problems []Problem) bool {
	missing := map[string]bool{}
	for _, p := range problems {
		if p.Missing() {
			if p.Source == "" {
				return false // the cache failed: no feed is shown
			}
			missing[p.Source] = true
		}
	}
	return slices.ContainsFunc(feeds, func(s feed.Subscription) bool { return !missing[s.URL] })
}

// emptyFoldersFail makes the folders with no posts among the local
// sources loaded failures, their warning (a *feed.NoPostsError) their
// problem, when no other local source loaded (and no feed is shown):
// a folder with no posts is the command's only source, or all the others
// failed too, and the command has nothing to show but why. Beside a
// source that shows, it stays a warning. The problems keep the order of
// srcs.
func emptyFoldersFail(srcs []string, locals []*Batch, problems []Problem, warnings []error) ([]*Batch, []Problem, []error) {
	noPosts := func(b *Batch) error {
		for _, w := range b.Warnings {
			if errors.As(w, new(*feed.NoPostsError)) {
				return w
			}
		}
		return nil
	}
	if len(locals) == 0 || slices.ContainsFunc(locals, func(b *Batch) bool { return noPosts(b) == nil }) {
		return locals, problems, warnings
	}
	for _, b := range locals {
		w := noPosts(b)
		warnings = slices.DeleteFunc(warnings, func(e error) bool { return e == w })
		problems = append(problems, Problem{Source: b.Source, Err: w})
	}
	slices.SortStableFunc(problems, func(a, b Problem) int {
		return slices.Index(srcs, a.Source) - slices.Index(srcs, b.Source)
	})
	return nil, problems, warnings
}

// loadLocals reads local sources concurrently, keeping their order. The
// warnings are theirs in that order, those of a source that failed too.
func (l *Library) loadLocals(ctx context.Context, srcs []string) (batches []*Batch, problems []Problem, warnings []error) {
	loaded := make([]*Batch, len(srcs))
	warned := make([][]error, len(srcs))
	errs := make([]error, len(srcs))
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Go(func() { loaded[i], warned[i], errs[i] = l.loadLocal(ctx, src) })
	}
	wg.Wait()
	for i, src := range srcs {
		warnings = append(warnings, warned[i]...)
		if errs[i] != nil {
			problems = append(problems, Problem{Source: src, Err: errs[i]})
			continue
		}
		batches = append(batches, loaded[i])
	}
	return batches, problems, warnings
}

// lastFailures are the problems of the feeds not in due whose last
// attempt failed: their error, when it was, and when the next is.
func (l *Library) lastFailures(ctx context.Context, feeds, due []feed.Subscription) []Problem {
	infos, err := l.feedInfos(ctx)
	if err != nil {
		return nil
	}
	isDue := wanted(due)
	var problems []Problem
	for _, s := range feeds {
		info, ok := infos[s.URL]
		if isDue[s.URL] || !ok || info.LastError == "" || !info.LastFetch.After(info.LastSuccess) {
			continue
		}
		p := Problem{Source: s.URL, Err: &lastError{info: info, sub: s, def: l.opts.Interval, now: l.now()},
			SavedAt: info.LastSuccess, Offline: refresh.ParseFailure(info.Failure).Network()}
		if st, err := l.store(ctx); err == nil {
			if full, err := st.Feed(ctx, s.URL); err == nil {
				p.Cached = full.Items
			}
		}
		problems = append(problems, p)
	}
	return problems
}

// lastError is a feed's last failure, as the cache recorded it.
type lastError struct {
	info store.FeedInfo
	sub  feed.Subscription
	def  time.Duration
	now  time.Time // when it was read; its zone is the times'
}

// Error returns "<url>: <cause> (tried at 09:41; next at 09:43)", with
// the date of a time not of today: "next at 2026-12-03 09:41".
func (e *lastError) Error() string {
	msg := clean.OneLine(e.sub.URL) + ": " + e.info.LastError + " (tried at " + e.stamp(e.info.LastFetch)
	if next, ok := refresh.Next(e.sub, e.info, e.def); ok {
		msg += "; next at " + e.stamp(next)
	}
	return msg + ")"
}

// stamp is t as the line says it, by render.AppendStamp.
func (e *lastError) stamp(t time.Time) string {
	return string(render.AppendStamp(nil, t, e.now, e.now.Location()))
}

// Unwrap returns the error as feed.SourceError would carry it.
func (e *lastError) Unwrap() error {
	return &feed.SourceError{Source: e.sub.URL, Err: errors.New(e.info.LastError)}
}
