// Package refresh provides sokbo's refresh of many feeds at once: bounded
// concurrent fetches with conditional GET from the stored validators, feed
// discovery for subscriptions that point at a web page, and the results
// written to the offline cache (feed/store). A feed that fails keeps its
// cached items and gets its error recorded.
package refresh

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/fetch"
	"sokbo/feed/store"
)

// DefaultConcurrency is how many feeds are fetched at once by default.
const DefaultConcurrency = 4

// claimSlack is added to twice the feed timeout to make a claim's lease:
// the time a fetch with its discovery and its save may take.
const claimSlack = 30 * time.Second

// maxDiscovered is how many of a page's feed links are tried.
const maxDiscovered = 3

// ParseFunc loads a source with opts, which hold the Fetcher to get it
// through and may hold an Items to stream its items to (both to be kept;
// Warn is the ParseFunc's own). The default calls feed.Load(ctx, src,
// opts).
type ParseFunc func(ctx context.Context, src string, opts feed.Options) (*feed.Feed, error)

// Options configure Run. The zero value works: an HTTPFetcher with default
// limits, feed.Load, four feeds at once and no progress reports.
type Options struct {
	// Fetcher fetches; nil means &fetch.HTTPFetcher{}. Set the UserAgent
	// to "sokbo/" + version.
	Fetcher fetch.ConditionalFetcher
	// Parse turns a source into a feed; nil means feed.Load.
	Parse ParseFunc
	// Concurrency bounds the feeds fetched at once; 0 means
	// DefaultConcurrency.
	Concurrency int
	// Progress, if set, is called once per feed as it finishes, never
	// concurrently, from the goroutine that called Run. A TUI should
	// forward it as a message (p.Send) rather than touch its model.
	Progress func(Progress)
	// FeedTimeout bounds all the work for one subscription: the fetch
	// with its retries and redirects, and discovery's probes of the
	// page's links and the common feed paths. 0 means the Fetcher's
	// Timeout when it is an *fetch.HTTPFetcher, else fetch.DefaultTimeout.
	FeedTimeout time.Duration
	// Deadline, if not zero, bounds the whole run: feeds not refreshed
	// by then are given up with ErrDeadline, nothing is recorded for
	// them, and Run returns what it has without an error. `list` uses it
	// to answer from the cache after a few seconds.
	Deadline time.Duration
	// Now reads the clock for Retry-After and the servers' freshness;
	// nil means time.Now.
	Now func() time.Time

	// gather is maxGather, or what a test sets.
	gather time.Duration
}

// ErrDeadline is the error of a feed not refreshed within Options.Deadline.
var ErrDeadline = errors.New("not refreshed in time; its cached items stand")

// LookingError is ErrDeadline for a subscription whose address is a web
// page: the run's deadline came while sokbo was still looking for the
// page's feed (at the paths such sites keep one, each asked in turn, a
// pacer's gap apart), which is what to say, not only that it took long.
type LookingError struct{}

func (*LookingError) Error() string {
	return "an HTML page; its feed was still being looked for when the wait ran out"
}

// Is makes a LookingError ErrDeadline.
func (*LookingError) Is(target error) bool { return target == ErrDeadline }

// Result is the outcome of refreshing one feed.
type Result struct {
	URL  string // the subscription
	Name string // the subscription's name, or its feed's title, or ""
	// FeedURL is where the feed was found by discovery, or "" when URL
	// is the feed itself.
	FeedURL string
	// Discovered is true when FeedURL was found during this refresh.
	Discovered bool
	// RedirectedTo is the address the feed was fetched at in the end,
	// after HTTP redirects, when that is not the address asked for; ""
	// otherwise. A permanent move (fetch.Response.Moved) is also kept as
	// FeedURL, the address the feed is fetched at from then on.
	RedirectedTo string
	// NotModified is true when the server answered 304.
	NotModified bool
	New         int
	Updated     int
	Unchanged   int
	// Err is why the feed could not be refreshed; its cached items stay.
	Err error
	// Failure is Err's kind: FailNetwork when the host could not be
	// reached, FailHTTP or FailFeed when it was and the feed failed, and
	// so on; FailNone without an error. See Offline.
	Failure Failure
	// Cached is how many items the feed had in the cache before.
	Cached int
	// Deferred is set when the feed was not fetched because its server
	// asked (Retry-After) to be left alone until then.
	Deferred time.Time
	// Busy is true when the feed was not fetched because another sokbo
	// on the same cache was fetching it; what that one stores stands.
	Busy bool
	// looking says the run ended while the feed of the page URL is was
	// being looked for: Run's deadline makes its error a LookingError.
	looking bool
}

// String returns the one-line summary `sokbo refresh` prints. It is
// cleaned as a whole: the name, the URL and the cause may all come from
// outside.
func (r Result) String() string { return clean.OneLine(r.summary()) }

func (r Result) summary() string {
	name := r.Name
	if name == "" {
		name = r.URL
	}
	switch {
	case r.Busy:
		return fmt.Sprintf("%s: being fetched by another sokbo", name)
	case !r.Deferred.IsZero():
		return fmt.Sprintf("%s: deferred: the server asked not to be fetched before %s (%d cached %s kept)",
			name, r.Deferred.Local().Format("15:04 Jan 2"), r.Cached, plural(r.Cached, "item", "items"))
	case r.Err != nil && r.Cached == 0:
		return fmt.Sprintf("%s: failed: %s", name, causeOf(r.Err))
	case r.Err != nil && r.Cached == 1:
		return fmt.Sprintf("%s: failed: %s (1 cached item kept)", name, causeOf(r.Err))
	case r.Err != nil:
		return fmt.Sprintf("%s: failed: %s (%d cached items kept)", name, causeOf(r.Err), r.Cached)
	case r.NotModified:
		return fmt.Sprintf("%s: not modified", name)
	}
	s := fmt.Sprintf("%s: %d new, %d updated, %d unchanged", name, r.New, r.Updated, r.Unchanged)
	if r.Discovered {
		s += fmt.Sprintf(" (feed found at %s)", r.FeedURL)
	}
	return s
}

// Cause is why the feed failed, in one line, without the feed's address
// that an error of feed.Load starts with, nor the hint to read a file
// instead; "" without an error.
func (r Result) Cause() string {
	if r.Err == nil {
		return ""
	}
	return causeOf(r.Err)
}

// causeOf drops the "<source>: " prefix of a feed.SourceError, which the
// summary line already names, and cleans what is left: unlike
// SourceError.Error, its cause's own message has not been.
func causeOf(err error) string {
	var se *feed.SourceError
	if errors.As(err, &se) && se.Err != nil {
		return clean.OneLine(se.Err.Error())
	}
	return clean.OneLine(err.Error())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Progress reports one finished feed: Done of Total feeds are finished.
type Progress struct {
	Done  int
	Total int
	Result
}

// Run refreshes subs concurrently and stores what it fetched in st. It
// returns one Result per subscription, in order, and an error only when
// ctx ends first; feeds not refreshed by then report ctx's error, and
// nothing is recorded for them.
func Run(ctx context.Context, st *store.Store, subs []feed.Subscription, opts Options) ([]Result, error) {
	r := &runner{st: st, fetcher: opts.Fetcher, parse: opts.Parse, timeout: opts.FeedTimeout, now: opts.Now, gather: cmp.Or(opts.gather, maxGather)}
	if r.fetcher == nil {
		r.fetcher = &fetch.HTTPFetcher{}
	}
	if r.timeout <= 0 {
		r.timeout = fetch.DefaultTimeout
		if hf, ok := r.fetcher.(*fetch.HTTPFetcher); ok && hf.Timeout > 0 {
			r.timeout = hf.Timeout
		}
	}
	if r.now == nil {
		r.now = time.Now
	}
	parent := ctx
	if opts.Deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Deadline)
		defer cancel()
	}
	if r.parse == nil {
		r.parse = feed.Load
	}
	n := opts.Concurrency
	if n <= 0 {
		n = DefaultConcurrency
	}
	n = min(n, max(len(subs), 1))

	var pacer *fetch.Pacer
	if hf, ok := r.fetcher.(*fetch.HTTPFetcher); ok {
		pacer = hf.Pacer
	}
	// Every feed is added and claimed before any is fetched, in one
	// transaction, so that no fetch waits for the write lock behind a
	// save; the claims are released together at the end. When that
	// cannot be done, each feed is claimed in its turn.
	r.claimAll(ctx, subs)
	defer r.releaseAll(ctx)
	// Saves go through one saver, which saves together the feeds that
	// finish while it is saving others, or soon after one another.
	saves := make(chan saveRequest)
	saverDone := make(chan struct{})
	r.toCome.Store(int64(len(subs)))
	r.nudge = make(chan struct{}, 1)
	go func() {
		defer close(saverDone)
		r.saveBatches(ctx, parent, saves)
	}()
	r.saves = saves
	results := dispatch(ctx, subs, n, pacer, r.refresh, opts.Progress)
	close(saves)
	<-saverDone
	if parent.Err() == nil && ctx.Err() != nil {
		// Only the run's own deadline passed: not a failure.
		for i := range results {
			switch {
			case !errors.Is(results[i].Err, context.DeadlineExceeded):
			case results[i].looking:
				results[i].Err, results[i].Failure = &LookingError{}, FailStopped
			default:
				results[i].Err, results[i].Failure = ErrDeadline, FailStopped
			}
		}
		return results, nil
	}
	return results, ctx.Err()
}

// dispatch refreshes subs with at most n at once and at most one per
// host: feeds of one site are asked one after another (and pacer spaces
// the requests), while other sites' feeds go on beside them. Of the
// feeds whose host is free, the one whose host pacer lets go first goes
// first, so that a worker does not sit out a host's gap while another
// host is ready. When ctx ends, the feeds not begun end with its error
// and nothing is recorded for them.
//
// A feed whose fetch is done and whose save waits (refresh calls freed)
// holds neither its worker nor its host: the next feed is fetched while
// it waits to be saved with others.
func dispatch(ctx context.Context, subs []feed.Subscription, n int, pacer *fetch.Pacer, refresh func(ctx context.Context, sub feed.Subscription, freed func()) Result, progress func(Progress)) []Result {
	results := make([]Result, len(subs))
	type done struct {
		i   int
		res Result
	}
	finished := make(chan done)
	freedCh := make(chan int)
	freed := make([]bool, len(subs))
	waiting := 0 // begun, not finished: running, or freed and saving
	busy := map[string]bool{}
	pending := make([]int, len(subs))
	for i := range pending {
		pending[i] = i
	}
	hosts := make([]string, len(subs))
	for i, s := range subs {
		hosts[i] = hostOf(s.URL)
	}
	running, count := 0, 0
	stop := ctx.Done() // nil once seen, so that the wait for the rest does not spin
	for len(pending) > 0 || waiting > 0 {
		for running < n && ctx.Err() == nil {
			k := -1
			var ready time.Time
			for j, i := range pending {
				if busy[hosts[i]] {
					continue
				}
				at := pacer.ReadyAt(hosts[i])
				if k < 0 || at.Before(ready) {
					k, ready = j, at
				}
				if at.IsZero() {
					break // ready now: no better one
				}
			}
			if k < 0 {
				break
			}
			i := pending[k]
			pending = slices.Delete(pending, k, k+1)
			busy[hosts[i]] = true
			running++
			waiting++
			go func() {
				finished <- done{i, refresh(ctx, subs[i], func() { freedCh <- i })}
			}()
		}
		if waiting == 0 {
			// ctx ended with feeds not begun.
			for _, i := range pending {
				results[i] = Result{URL: subs[i].URL, Name: subs[i].Name, Err: ctx.Err(), Failure: FailStopped}
			}
			break
		}
		var d done
		select {
		case i := <-freedCh:
			freed[i] = true
			running--
			busy[hosts[i]] = false
			continue
		case d = <-finished:
		case <-stop:
			stop = nil
			for _, i := range pending {
				results[i] = Result{URL: subs[i].URL, Name: subs[i].Name, Err: ctx.Err(), Failure: FailStopped}
			}
			pending = nil
			continue
		}
		waiting--
		if !freed[d.i] {
			running--
			busy[hosts[d.i]] = false
		}
		results[d.i] = d.res
		count++
		if progress != nil {
			progress(Progress{Done: count, Total: len(subs), Result: d.res})
		}
	}
	return results
}

// hostOf is the host a subscription's requests go to first, lower-cased,
// as fetch.Pacer keys it;
// "" for an address that names none.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

type runner struct {
	st    *store.Store
	saves chan<- saveRequest // to saveBatches
	// toCome counts the feeds that may still send a save: neither sent
	// nor finished without one. nudge wakes saveBatches when a feed
	// finishes without one.
	toCome atomic.Int64
	nudge  chan struct{}
	gather time.Duration // maxGather
	// claims are claimAll's, by subscription URL, until a feed's turn
	// takes its own; held are the claims to release at the end, by
	// key, with the time each was made.
	mu     sync.Mutex
	claims map[string]store.FeedClaim
	held   map[string]time.Time
	// waitingItems counts the items of feeds waiting in save.
	waitingItems atomic.Int64
	fetcher      fetch.ConditionalFetcher
	parse        ParseFunc
	timeout      time.Duration
	now          func() time.Time
}

// refresh refreshes one subscription, records the outcome and classifies
// its failure, if any.
func (r *runner) refresh(ctx context.Context, sub feed.Subscription, freed func()) Result {
	saved := false
	res, cacheErr := r.refreshOne(ctx, sub, func() { saved = true }, freed)
	if !saved && r.saves != nil {
		r.toCome.Add(-1)
		select {
		case r.nudge <- struct{}{}:
		default:
		}
	}
	switch {
	case res.Err == nil:
		res.Failure = FailNone
	case ctx.Err() != nil && errors.Is(res.Err, ctx.Err()):
		res.Failure = FailStopped
	case cacheErr:
		res.Failure = FailCache
	default:
		res.Failure = Classify(res.Err)
	}
	return res
}

// lease is how long a claim stands: the time a fetch with its discovery
// and its save may take.
func (r *runner) lease() time.Duration { return 2*r.timeout + claimSlack }

// claimAll adds and claims subs in one transaction (store.ClaimFeeds).
func (r *runner) claimAll(ctx context.Context, subs []feed.Subscription) {
	names := make([]store.FeedName, len(subs))
	for i, s := range subs {
		names[i] = store.FeedName{URL: s.URL, Name: s.Name}
	}
	claims, err := r.st.ClaimFeeds(ctx, names, r.lease(), r.now())
	if err != nil {
		return
	}
	r.claims = make(map[string]store.FeedClaim, len(subs))
	r.held = map[string]time.Time{}
	for i, c := range claims {
		if _, dup := r.claims[subs[i].URL]; dup {
			continue
		}
		r.claims[subs[i].URL] = c
		if !c.At.IsZero() {
			r.held[c.Key] = c.At
		}
	}
}

// claimed takes claimAll's claim of a subscription, if there is one.
func (r *runner) claimed(url string) (store.FeedClaim, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.claims[url]
	delete(r.claims, url)
	return c, ok
}

// hold records a claim's new time, or that it is no longer held (zero).
func (r *runner) hold(key string, at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if at.IsZero() {
		delete(r.held, key)
	} else {
		r.held[key] = at
	}
}

// releaseAll releases the claims claimAll made, also those of feeds
// whose turn never came.
func (r *runner) releaseAll(ctx context.Context) {
	r.mu.Lock()
	held := r.held
	r.held = nil
	r.mu.Unlock()
	_ = r.st.ReleaseClaims(context.WithoutCancel(ctx), held)
}

// refreshOne does refresh's work; cacheErr says res.Err is the cache's.
// It calls saving before it asks for a save.
func (r *runner) refreshOne(ctx context.Context, sub feed.Subscription, saving, freed func()) (res Result, cacheErr bool) {
	res = Result{URL: sub.URL, Name: sub.Name}
	pre, added := r.claimed(sub.URL)
	switch {
	case added && pre.Err != nil:
		res.Err = pre.Err
		return res, true
	case !added:
		if err := r.st.AddFeed(ctx, sub.URL, sub.Name); err != nil {
			res.Err = err
			return res, true
		}
	}
	info, err := r.st.Feed(ctx, sub.URL)
	if err != nil {
		res.Err = err
		return res, true
	}
	// The feed's key: sub.URL, or another spelling of it stored first.
	key := info.URL
	if res.Name == "" {
		res.Name = info.DisplayName()
	}
	res.FeedURL = info.FeedURL
	res.Cached = info.Items
	if now := r.now(); info.RetryAt.After(now) {
		res.Deferred = info.RetryAt
		return res, false
	}
	// Another sokbo on this cache fetching the feed now is left to it. A
	// claim that cannot be had (the cache busy) does not hold the fetch
	// up. claimAll's claim stands unless half its lease has passed (a
	// long run, paced), when it is renewed.
	switch {
	case !pre.At.IsZero() && pre.Key == key && time.Since(pre.At) < r.lease()/2:
	case !pre.At.IsZero() && pre.Key == key:
		at, err := r.st.Reclaim(ctx, key, pre.At, r.lease())
		if err == nil {
			r.hold(key, at)
			if at.IsZero() {
				res.Busy = true
				return res, false
			}
		}
	default:
		switch claimed, err := r.st.Claim(ctx, key, r.lease()); {
		case err == nil && !claimed:
			res.Busy = true
			return res, false
		case err == nil:
			defer r.st.Release(context.WithoutCancel(ctx), key)
		}
	}

	// One deadline for everything this subscription costs, discovery
	// included; the store is written under ctx, so that a save is never
	// cut short by it.
	fctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	// A feed with no items stored has nothing a save could find
	// unchanged: a large one is saved while it is parsed (store.FeedStream,
	// feed.Options.Items), which ends before any other write of the
	// store's here.
	var stream *store.FeedStream
	if info.Items == 0 {
		stream = r.st.StreamFeed(ctx, key)
		defer stream.Abort()
	}
	asked := info.FetchURL()
	f, resp, err := r.load(fctx, asked, info.Validators, stream)
	if err != nil && info.FeedURL != "" && isGone(err) {
		// The discovered feed moved away: start again from the page.
		res.FeedURL, asked = "", sub.URL
		f, resp, err = r.load(fctx, sub.URL, fetch.Validators{}, stream)
	}
	if err != nil && resp != nil && res.FeedURL == "" && !sub.FeedOnly && isHTML(resp) {
		var found string
		f, resp, found, err = r.discover(fctx, resp, err, stream)
		if found != "" {
			res.FeedURL, res.Discovered, asked = found, true, found
		}
		res.looking = err != nil && ctx.Err() != nil
	}
	if err != nil || ctx.Err() != nil {
		stream.Abort()
	}
	if err == nil && resp != nil && resp.URL != "" && !clean.SameURL(resp.URL, asked) {
		// Redirected: a feed that moved for good is fetched where it
		// went from now on, as a page's feed is, and so is known as the
		// feed there (a subscription of that address is the same one).
		res.RedirectedTo = resp.URL
		if resp.Moved {
			res.FeedURL = resp.URL
			if clean.SameURL(resp.URL, sub.URL) {
				res.FeedURL = ""
			}
		}
	}
	switch {
	case ctx.Err() != nil:
		res.Err = ctx.Err()
		return res, false
	case err != nil && fctx.Err() != nil && !isNetwork(err):
		err = &feed.SourceError{Source: sub.URL, Err: &fetch.TimeoutError{After: r.timeout}}
	}
	now := r.now()
	var nm *fetch.NotModifiedError
	switch {
	case errors.Is(err, fetch.ErrNotModified):
		res.NotModified = true
		res.Unchanged = info.Items
		var said time.Duration
		if errors.As(err, &nm) {
			said = nm.FreshFor
		}
		// A 304 has no body and so no <ttl>: the feed's last word on
		// it stands, unless the headers say more.
		if !info.FreshUntil.IsZero() && !info.LastSuccess.IsZero() {
			said = max(said, info.FreshUntil.Sub(info.LastSuccess))
		}
		if err := r.st.SaveNotModified(ctx, key, freshUntil(now, said)); err != nil {
			res.Err = err
			return res, true
		}
		return res, false
	case err != nil && sub.FeedOnly && info.LastSuccess.IsZero() && errors.Is(err, feed.ErrNotFeed):
		// A page read only as a feed has not failed as the page it is:
		// recorded, the failure would hold reading it as a source back.
		res.Err = err
		return res, false
	case err != nil:
		res.Err = err
		if serr := r.st.SaveError(ctx, key, causeError{err}); serr != nil {
			res.Err = errors.Join(err, serr)
		}
		return res, false
	}

	var v fetch.Validators
	var said time.Duration
	if resp != nil {
		v = resp.Validators()
		said = resp.FreshFor
	}
	said = max(said, f.TTL)
	fr := store.FetchResult{FeedURL: res.FeedURL, Validators: v, FreshUntil: freshUntil(now, said)}
	if sub.Name == "" && f.Title != "" {
		res.Name = f.Title
	}
	// A body that changed nowhere the store keeps (a lastBuildDate, the
	// order of attributes) has the items digest stored: its items are
	// not written again, as saving would find each unchanged. Every
	// item of it must be stored still (none lost to a full disk). A
	// feed with more items than are stored cannot be unchanged: its
	// digest is left to the save, which sums it while it writes.
	if info.Items >= len(f.Items) {
		fr.ItemsDigest = store.ItemsDigest(f)
	}
	if fr.ItemsDigest != "" && fr.ItemsDigest == info.ItemsDigest {
		stream.Abort()
		err := r.st.SaveUnchanged(ctx, key, fr)
		if err == nil {
			res.Unchanged = len(f.Items)
			return res, false
		}
		if !errors.Is(err, store.ErrChanged) {
			res.Err = err
			if ctx.Err() == nil {
				_ = r.st.SaveError(ctx, key, cacheFailure{err})
			}
			return res, true
		}
		// Saved by another process meanwhile: saved here as ever.
	}
	saved, err := stream.Finish(f, fr)
	if errors.Is(err, store.ErrStreamVoid) {
		saving()
		saved, err = r.save(ctx, freed, store.FeedSave{URL: key, Feed: f, Result: fr})
	}
	if err != nil {
		// Recorded, so that `feeds ls` says why rather than "not
		// fetched yet"; on a full disk this small write may still fit
		// where the feed's did not.
		res.Err = err
		if ctx.Err() == nil {
			_ = r.st.SaveError(ctx, key, cacheFailure{err})
		}
		return res, true
	}
	res.New, res.Updated, res.Unchanged = saved.New, saved.Updated, saved.Unchanged
	if sub.Name == "" && info.Name == "" && info.Title != f.Title {
		// A new title may have been told apart from another feed's by
		// a name of its own (see store.SaveFeeds): said by that.
		if stored, err := r.st.Feed(ctx, key); err == nil && stored.Name != "" {
			res.Name = stored.Name
		}
	}
	return res, false
}

// saveRequest is one feed for saveBatches, and where its result goes.
type saveRequest struct {
	save store.FeedSave
	done chan<- saveResult
}

type saveResult struct {
	res store.SaveResult
	err error
}

// maxSaveBatch and maxBatchItems bound the feeds saved in one
// transaction, and so how long it holds the cache's write lock: 32 feeds
// of 50 items took about 70 ms. A feed larger than maxBatchItems is saved
// alone.
const (
	maxSaveBatch  = 32
	maxBatchItems = 2000
)

// maxGather is how long saveBatches waits for more feeds to save with the
// first one waiting, while more may come: the feeds of a round wait that
// long at most before they are saved and reported.
const maxGather = 250 * time.Millisecond

// save saves one feed through saveBatches, or directly when the runner has
// none. ctx ending stops the wait, not the save.
//
// While the items of feeds waiting to be saved are few (maxWaitingItems),
// it calls freed first, so that the next feed is fetched meanwhile; past
// that, the worker waits with its feed, and the parsed feeds held in
// memory stay bounded.
func (r *runner) save(ctx context.Context, freed func(), fs store.FeedSave) (store.SaveResult, error) {
	if r.saves == nil {
		return r.st.SaveFeed(ctx, fs.URL, fs.Feed, fs.Result)
	}
	items := int64(len(fs.Feed.Items))
	if r.waitingItems.Add(items) <= maxWaitingItems {
		freed()
	}
	defer r.waitingItems.Add(-items)
	done := make(chan saveResult, 1)
	r.saves <- saveRequest{save: fs, done: done}
	got := <-done
	return got.res, got.err
}

// maxWaitingItems bounds the items of the feeds whose fetch is done and
// whose save waits, beyond which a worker waits with its own.
const maxWaitingItems = 5000

// saveBatches saves the feeds sent on reqs until it is closed: the first
// that comes, with others in one transaction (store.SaveFeeds). While
// more feeds may come (toCome), it waits for them, up to maxSaveBatch
// feeds, maxBatchItems items or maxGather: 100 feeds of 50 items took
// 640 ms to save one by one, 360 ms four at a time and 290 ms 25 at a
// time, since each commit writes the index pages it touched to the log
// again. When ctx ends (the run's deadline), it waits no more, and saves
// what has come under parent, as it would have before the deadline. A
// batch that fails is saved again feed by feed, so that one feed's
// failure is its own.
func (r *runner) saveBatches(ctx, parent context.Context, reqs <-chan saveRequest) {
	st := r.st
	for first := range reqs {
		r.toCome.Add(-1)
		batch := []saveRequest{first}
		items := len(first.save.Feed.Items)
		timer := time.NewTimer(r.gather)
	gather:
		for len(batch) < maxSaveBatch && items < maxBatchItems && r.toCome.Load() > 0 {
			select {
			case req, ok := <-reqs:
				if !ok {
					break gather
				}
				r.toCome.Add(-1)
				batch = append(batch, req)
				items += len(req.save.Feed.Items)
			case <-r.nudge:
			case <-timer.C:
				break gather
			case <-ctx.Done():
				break gather
			}
		}
		timer.Stop()
		saves := make([]store.FeedSave, len(batch))
		for i, req := range batch {
			saves[i] = req.save
		}
		out, err := st.SaveFeeds(parent, saves)
		if err != nil && len(batch) > 1 {
			for _, req := range batch {
				res, err := st.SaveFeed(parent, req.save.URL, req.save.Feed, req.save.Result)
				req.done <- saveResult{res, err}
			}
			continue
		}
		for i, req := range batch {
			if err != nil {
				req.done <- saveResult{err: err}
			} else {
				req.done <- saveResult{res: out[i]}
			}
		}
	}
}

// freshUntil is now plus what the server said of its freshness, or zero
// when it said nothing.
func freshUntil(now time.Time, said time.Duration) time.Time {
	if said <= 0 {
		return time.Time{}
	}
	return now.Add(said)
}

// isNetwork reports whether err is a failure to reach the server.
func isNetwork(err error) bool {
	_, ok := fetch.AsNetError(err)
	return ok
}

// causeError is a refresh error as the store records it: the cause
// without the "<source>: " prefix, still unwrapping to the error (for a
// Retry-After the store keeps), with its kind.
type causeError struct{ err error }

func (e causeError) Error() string       { return causeOf(e.err) }
func (e causeError) Unwrap() error       { return e.err }
func (e causeError) FailureKind() string { return Classify(e.err).String() }

// cacheFailure is a failure to store a fetched feed, as recorded.
type cacheFailure struct{ err error }

func (e cacheFailure) Error() string       { return e.err.Error() }
func (e cacheFailure) Unwrap() error       { return e.err }
func (e cacheFailure) FailureKind() string { return FailCache.String() }

// load parses src, sending v with the request for src itself, and returns
// the response that was fetched for src, if any.
//
// A stream that is not nil is given the items of a large feed while it
// is parsed (feed.Options.Items).
func (r *runner) load(ctx context.Context, src string, v fetch.Validators, stream *store.FeedStream) (*feed.Feed, *fetch.Response, error) {
	var mu sync.Mutex
	var got *fetch.Response
	vf := &fetch.ValidatorFetcher{
		Fetcher: r.fetcher,
		Lookup: func(u string) fetch.Validators {
			if u == src {
				return v
			}
			return fetch.Validators{}
		},
		Record: func(u string, resp *fetch.Response) {
			if u == src {
				mu.Lock()
				got = resp
				mu.Unlock()
			}
		},
	}
	opts := feed.Options{Fetcher: vf}
	if stream != nil {
		opts.Items = stream.Items
	}
	f, err := r.parse(ctx, src, opts)
	mu.Lock()
	defer mu.Unlock()
	return f, got, err
}

// discover looks for feed links in an HTML page that failed to parse as a
// feed and loads the first that works. It returns the page's error when
// none does.
func (r *runner) discover(ctx context.Context, page *fetch.Response, pageErr error, stream *store.FeedStream) (*feed.Feed, *fetch.Response, string, error) {
	links := fetch.Discover(fetch.DecodeCharset(page.Body, page.ContentType), page.URL)
	announced := len(links) > 0
	if !announced {
		// No alternate link: try where such sites usually keep a feed.
		links = fetch.CommonFeedURLs(page.URL)
	}
	var firstErr error
	for i, link := range links {
		if announced && i == maxDiscovered {
			break
		}
		f, resp, err := r.load(ctx, link, fetch.Validators{}, stream)
		if err == nil {
			return f, resp, link, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	if !announced {
		// feed.Load already says it is a web page; say where else it looked.
		return nil, nil, "", alsoLooked(pageErr)
	}
	if firstErr == nil {
		return nil, nil, "", pageErr
	}
	// Named by the page it was announced on, with its own address and
	// cause: "https://site/: its feed https://site/rss.xml: http 404".
	return nil, nil, "", &feed.SourceError{Source: page.URL, Err: &AnnouncedError{URL: links[0], Err: firstErr}}
}

// alsoLooked adds to the error of a page that announces no feed the
// common paths that had none either, keeping the error's source.
func alsoLooked(pageErr error) error {
	more := func(err error) error {
		return fmt.Errorf("%w; no feed at %s either", err, strings.Join(fetch.CommonFeedPaths, ", "))
	}
	var se *feed.SourceError
	if errors.As(pageErr, &se) {
		return &feed.SourceError{Source: se.Source, Err: more(se.Err)}
	}
	return more(pageErr)
}

// isHTML reports whether a response is a web page rather than a feed.
func isHTML(resp *fetch.Response) bool {
	if mt, _, err := mime.ParseMediaType(resp.ContentType); err == nil && (mt == "text/html" || mt == "application/xhtml+xml") {
		return true
	}
	return strings.HasPrefix(http.DetectContentType(resp.Body), "text/html")
}

// isGone reports whether err says the resource is no longer there.
func isGone(err error) bool {
	var he *fetch.HTTPError
	return errors.As(err, &he) && (he.StatusCode == http.StatusNotFound || he.StatusCode == http.StatusGone)
}
