// Package refresh provides sokbo's refresh of many feeds at once: bounded
// concurrent fetches with conditional GET from the stored validators, feed
// discovery for subscriptions that point at a web page, and the results
// written to the offline cache (feed/store). A feed that fails keeps its
// cached items and gets its error recorded.
package refresh

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/fetch"
	"sokbo/feed/store"
)

// DefaultConcurrency is how many feeds are fetched at once by default.
const DefaultConcurrency = 4

// maxDiscovered is how many of a page's feed links are tried.
const maxDiscovered = 3

// ParseFunc loads a source through the given Fetcher. The default calls
// feed.Load(ctx, src, feed.Options{Fetcher: fetcher}).
type ParseFunc func(ctx context.Context, src string, fetcher fetch.Fetcher) (*feed.Feed, error)

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
	// concurrently, from Run's worker goroutines. A TUI should forward it
	// as a message (p.Send) rather than touch its model.
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
	// Now reads the clock for Retry-After; nil means time.Now.
	Now func() time.Time
}

// ErrDeadline is the error of a feed not refreshed within Options.Deadline.
var ErrDeadline = errors.New("not refreshed in time; its cached items stand")

// Result is the outcome of refreshing one feed.
type Result struct {
	URL  string // the subscription
	Name string // the subscription's name, or its feed's title, or ""
	// FeedURL is where the feed was found by discovery, or "" when URL
	// is the feed itself.
	FeedURL string
	// Discovered is true when FeedURL was found during this refresh.
	Discovered bool
	// NotModified is true when the server answered 304.
	NotModified bool
	New         int
	Updated     int
	Unchanged   int
	// Err is why the feed could not be refreshed; its cached items stay.
	Err error
	// Cached is how many items the feed had in the cache before.
	Cached int
	// Deferred is set when the feed was not fetched because its server
	// asked (Retry-After) to be left alone until then.
	Deferred time.Time
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
	case !r.Deferred.IsZero():
		return fmt.Sprintf("%s: deferred: the server asked not to be fetched before %s (%d cached %s kept)",
			name, r.Deferred.Local().Format("15:04 Jan 2"), r.Cached, plural(r.Cached, "item", "items"))
	case r.Err != nil && r.Cached == 0:
		return fmt.Sprintf("%s: failed: %s", name, causeOf(r.Err))
	case r.Err != nil && r.Cached == 1:
		return fmt.Sprintf("%s: failed: %s (1 cached item kept)", name, strings.TrimSuffix(causeOf(r.Err), feed.OfflineHint))
	case r.Err != nil:
		return fmt.Sprintf("%s: failed: %s (%d cached items kept)", name, strings.TrimSuffix(causeOf(r.Err), feed.OfflineHint), r.Cached)
	case r.NotModified:
		return fmt.Sprintf("%s: not modified", name)
	}
	s := fmt.Sprintf("%s: %d new, %d updated, %d unchanged", name, r.New, r.Updated, r.Unchanged)
	if r.Discovered {
		s += fmt.Sprintf(" (feed found at %s)", r.FeedURL)
	}
	return s
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
	r := &runner{st: st, fetcher: opts.Fetcher, parse: opts.Parse, timeout: opts.FeedTimeout, now: opts.Now}
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
		r.parse = func(ctx context.Context, src string, f fetch.Fetcher) (*feed.Feed, error) {
			return feed.Load(ctx, src, feed.Options{Fetcher: f})
		}
	}
	n := opts.Concurrency
	if n <= 0 {
		n = DefaultConcurrency
	}
	n = min(n, max(len(subs), 1))

	results := make([]Result, len(subs))
	jobs := make(chan int)
	var mu sync.Mutex // serialises Progress and counts done
	done := 0
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for i := range jobs {
				res := r.refresh(ctx, subs[i])
				results[i] = res
				mu.Lock()
				done++
				if opts.Progress != nil {
					opts.Progress(Progress{Done: done, Total: len(subs), Result: res})
				}
				mu.Unlock()
			}
		})
	}
	var ctxErr error
feed:
	for i := range subs {
		select {
		case jobs <- i:
		case <-ctx.Done():
			ctxErr = ctx.Err()
			for j := i; j < len(subs); j++ {
				results[j] = Result{URL: subs[j].URL, Name: subs[j].Name, Err: ctxErr}
			}
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if parent.Err() == nil && ctx.Err() != nil {
		// Only the run's own deadline passed: not a failure.
		for i := range results {
			if errors.Is(results[i].Err, context.DeadlineExceeded) {
				results[i].Err = ErrDeadline
			}
		}
		return results, nil
	}
	if ctxErr == nil {
		ctxErr = ctx.Err()
	}
	return results, ctxErr
}

type runner struct {
	st      *store.Store
	fetcher fetch.ConditionalFetcher
	parse   ParseFunc
	timeout time.Duration
	now     func() time.Time
}

// refresh refreshes one subscription and records the outcome.
func (r *runner) refresh(ctx context.Context, sub feed.Subscription) Result {
	res := Result{URL: sub.URL, Name: sub.Name}
	if err := r.st.AddFeed(ctx, sub.URL, sub.Name); err != nil {
		res.Err = err
		return res
	}
	info, err := r.st.Feed(ctx, sub.URL)
	if err != nil {
		res.Err = err
		return res
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
		return res
	}

	// One deadline for everything this subscription costs, discovery
	// included; the store is written under ctx, so that a save is never
	// cut short by it.
	fctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	f, resp, err := r.load(fctx, info.FetchURL(), info.Validators)
	if err != nil && info.FeedURL != "" && isGone(err) {
		// The discovered feed moved away: start again from the page.
		res.FeedURL = ""
		f, resp, err = r.load(fctx, sub.URL, fetch.Validators{})
	}
	if err != nil && resp != nil && res.FeedURL == "" && isHTML(resp) {
		var found string
		f, resp, found, err = r.discover(fctx, resp, err)
		if found != "" {
			res.FeedURL, res.Discovered = found, true
		}
	}
	switch {
	case ctx.Err() != nil:
		res.Err = ctx.Err()
		return res
	case err != nil && fctx.Err() != nil:
		err = &feed.SourceError{Source: sub.URL, Err: &fetch.TimeoutError{After: r.timeout}}
	}
	switch {
	case errors.Is(err, fetch.ErrNotModified):
		res.NotModified = true
		res.Unchanged = info.Items
		if err := r.st.SaveNotModified(ctx, key); err != nil {
			res.Err = err
		}
		return res
	case err != nil:
		res.Err = err
		if serr := r.st.SaveError(ctx, key, causeError{err}); serr != nil {
			res.Err = errors.Join(err, serr)
		}
		return res
	}

	var v fetch.Validators
	if resp != nil {
		v = resp.Validators()
	}
	saved, err := r.st.SaveFeed(ctx, key, f, store.FetchResult{FeedURL: res.FeedURL, Validators: v})
	if err != nil {
		// Recorded, so that `feeds ls` says why rather than "not
		// fetched yet"; on a full disk this small write may still fit
		// where the feed's did not.
		res.Err = err
		if ctx.Err() == nil {
			_ = r.st.SaveError(ctx, key, err)
		}
		return res
	}
	if sub.Name == "" && f.Title != "" {
		res.Name = f.Title
	}
	res.New, res.Updated, res.Unchanged = saved.New, saved.Updated, saved.Unchanged
	return res
}

// causeError is a refresh error as the store records it: the cause
// without the "<source>: " prefix, still unwrapping to the error (for a
// Retry-After the store keeps).
type causeError struct{ err error }

func (e causeError) Error() string { return causeOf(e.err) }
func (e causeError) Unwrap() error { return e.err }

// load parses src, sending v with the request for src itself, and returns
// the response that was fetched for src, if any.
func (r *runner) load(ctx context.Context, src string, v fetch.Validators) (*feed.Feed, *fetch.Response, error) {
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
	f, err := r.parse(ctx, src, vf)
	mu.Lock()
	defer mu.Unlock()
	return f, got, err
}

// discover looks for feed links in an HTML page that failed to parse as a
// feed and loads the first that works. It returns the page's error when
// none does.
func (r *runner) discover(ctx context.Context, page *fetch.Response, pageErr error) (*feed.Feed, *fetch.Response, string, error) {
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
		f, resp, err := r.load(ctx, link, fetch.Validators{})
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
	return nil, nil, "", firstErr
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

// Due reports whether a feed should be refreshed at now: it never
// succeeded, or its interval (the subscription's, else def) has passed
// since its last attempt. def <= 0 means always. A feed whose server
// asked (Retry-After) to be left alone until later is not due before
// then.
func Due(sub feed.Subscription, info store.FeedInfo, def time.Duration, now time.Time) bool {
	if info.RetryAt.After(now) {
		return false
	}
	interval := sub.Interval
	if interval <= 0 {
		interval = def
	}
	if interval <= 0 || info.LastSuccess.IsZero() {
		return true
	}
	return !now.Before(info.LastFetch.Add(interval))
}
