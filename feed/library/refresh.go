package library

import (
	"context"
	"errors"
	"time"

	"sokbo/feed"
	"sokbo/feed/fetch"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
)

// ErrOffline is returned by Refresh when the library never fetches.
var ErrOffline = errors.New("offline: nothing is fetched")

// Refresh fetches feeds into the cache, at most a few at once, reporting
// each finished feed to progress (which may be nil). It returns one
// result per feed, in order.
func (l *Library) Refresh(ctx context.Context, feeds []feed.Subscription, progress func(refresh.Progress)) ([]refresh.Result, error) {
	if l.opts.Offline {
		return nil, ErrOffline
	}
	return l.refreshIndexed(ctx, feeds, progress)
}

// refreshIndexed is a round of Refresh, or AddFeed's fetch, with its
// share of indexing.
func (l *Library) refreshIndexed(ctx context.Context, feeds []feed.Subscription, progress func(refresh.Progress)) ([]refresh.Result, error) {
	// Ended by Close, as the round in it is (refresh): the index is
	// not built for a reader that has gone.
	ctx, done, ok := l.backgroundContext(ctx)
	if !ok {
		return nil, ErrClosed
	}
	defer done()
	start := time.Now()
	results, err := l.refresh(ctx, feeds, progress, 0)
	if n := brought(results); n > 0 && n <= bigRound {
		// What a usual round brings is indexed at once, in at most a
		// fifth of the round's time. A round that brought thousands (a
		// first refresh, an import) indexes none of them: indexing
		// costs ten times what saving does, and in a fifth of its time
		// such a round indexed a twentieth of what it brought, 16% of
		// a first refresh of 10k items for a search no faster. Its
		// items wait, queued, for the reader's background indexing
		// (UpdateIndex) and the next rounds' shares; searches are exact
		// meanwhile, only slower. A round that brought nothing (every
		// feed a 304 or the same body) leaves the queue to those too:
		// it would index at least a batch, which cost a round of 10k
		// unchanged items 15-20 ms, a fifth of it.
		if _, ierr := l.indexFor(ctx, time.Since(start)/indexShare); ierr != nil && ctx.Err() == nil && l.opts.Warn != nil {
			l.opts.Warn(ierr)
		}
	}
	return results, err
}

// brought counts the new and changed items of a round, which the store
// queued for the index.
func brought(results []refresh.Result) int {
	n := 0
	for _, r := range results {
		n += r.New + r.Updated
	}
	return n
}

// bigRound is the most items a refresh round indexes itself.
const bigRound = 512

// indexShare is the part of a refresh round's time that Refresh spends
// indexing what it brought, at most: 1/indexShare.
const indexShare = 5

// refresh is Refresh with a deadline for the whole run (0: none); feeds
// not done by then end with refresh.ErrDeadline. Close ends it, and
// waits for it to release its claims.
func (l *Library) refresh(ctx context.Context, feeds []feed.Subscription, progress func(refresh.Progress), wait time.Duration) ([]refresh.Result, error) {
	ctx, done, ok := l.backgroundContext(ctx)
	if !ok {
		return nil, ErrClosed
	}
	defer done()
	st, err := l.writer(ctx)
	if err != nil {
		return nil, err
	}
	return refresh.Run(ctx, st, feeds, refresh.Options{
		Fetcher:  l.fetcher(),
		Progress: progress,
		Deadline: wait,
		Now:      l.opts.Now,
		Parse: func(ctx context.Context, src string, o feed.Options) (*feed.Feed, error) {
			o.Warn = l.noteCharset
			return feed.Load(ctx, src, o)
		},
	})
}

// noteCharset says to Warn, once a feed for the Library's life, that a
// fetched feed declared its charset wrongly (*fetch.MislabelledError):
// its text is right, read as CP949, but its site is worth telling; or
// that it held bytes no charset read (*fetch.InvalidBytesError), shown
// as U+FFFD; or that it declared a charset no one knows
// (*fetch.UnknownCharsetError), and was read as UTF-8. Titles or a
// feed's name cut at 1 KiB (*feed.TitlesCutError, *feed.NameCutError)
// it says each time a fetched body is parsed, once a refresh, naming the
// feed, as a file's load says them: what is stored is cut. The other
// warnings of a fetched feed are dropped, as refresh.Run's own result
// says what matters. It is called from refresh's goroutines.
func (l *Library) noteCharset(err error) {
	var se *feed.SourceError
	charset := errors.As(err, new(*fetch.MislabelledError)) || errors.As(err, new(*fetch.InvalidBytesError)) ||
		errors.As(err, new(*fetch.UnknownCharsetError))
	cut := errors.As(err, new(*feed.TitlesCutError)) || errors.As(err, new(*feed.NameCutError))
	if !charset && !cut || !errors.As(err, &se) || l.opts.Warn == nil {
		return
	}
	if cut {
		l.opts.Warn(err)
		return
	}
	l.notedMu.Lock()
	defer l.notedMu.Unlock()
	if l.noted[se.Source] {
		return
	}
	if l.noted == nil {
		l.noted = map[string]bool{}
	}
	l.noted[se.Source] = true
	l.opts.Warn(err)
}

// Due returns the feeds due at now (see refresh.Due): never fetched; or
// their interval (their own, or the default) passed since their last
// fetch, stretched by what their server said of its freshness; or, after
// a failure, their backoff passed; and with them, the healthy feeds of
// their sites about to fall due (refresh.DueRound), so that a site's
// feeds stay in one round. When the cache cannot be read, every feed is
// due.
func (l *Library) Due(ctx context.Context, feeds []feed.Subscription, now time.Time) []feed.Subscription {
	byURL, err := l.feedInfos(ctx)
	if err != nil {
		return feeds
	}
	return refresh.DueRound(feeds, func(url string) store.FeedInfo { return byURL[url] }, l.opts.Interval, now)
}

// NextDue returns when the first of feeds falls due after now, and false
// when none ever does (every interval off, or offline). A feed due
// already gives now.
func (l *Library) NextDue(ctx context.Context, feeds []feed.Subscription, now time.Time) (time.Time, bool) {
	if l.opts.Offline {
		return time.Time{}, false
	}
	byURL, err := l.feedInfos(ctx)
	if err != nil {
		return now, len(feeds) > 0
	}
	var first time.Time
	found := false
	for _, s := range feeds {
		next, ok := refresh.Next(s, byURL[s.URL], l.opts.Interval)
		if !ok {
			continue
		}
		if next.Before(now) {
			next = now
		}
		if !found || next.Before(first) {
			first, found = next, true
		}
	}
	return first, found
}

func (l *Library) feedInfos(ctx context.Context) (map[string]store.FeedInfo, error) {
	st, err := l.store(ctx)
	if err != nil {
		return nil, err
	}
	infos, err := st.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	byURL := make(map[string]store.FeedInfo, len(infos))
	for _, f := range infos {
		byURL[f.URL] = f
	}
	return byURL, nil
}

// Bounds of TickInterval.
const (
	minTick = time.Second
	maxTick = time.Minute
)

// TickInterval is how long a long-running front end should wait before it
// next looks for due feeds: until the first falls due, at least a second
// and at most a minute, or 0 when none ever does. It reads the cache, so
// call it from a command, not from a model's Update. Waking at the time a
// feed falls due, not on a fixed tick, is what keeps a 1m feed fetched
// every minute rather than every two; waking at least once a minute sees
// in time a feed another process fetched meanwhile.
func (l *Library) TickInterval(feeds []feed.Subscription) time.Duration {
	now := l.now()
	next, ok := l.NextDue(context.Background(), feeds, now)
	if !ok {
		return 0
	}
	return min(max(next.Sub(now), minTick), maxTick)
}

// LastSaved is the last time any of feeds was fetched successfully, or
// zero: what an offline reader can say of its cache.
func LastSaved(feeds []store.FeedInfo) time.Time {
	var last time.Time
	for _, f := range feeds {
		if f.LastSuccess.After(last) {
			last = f.LastSuccess
		}
	}
	return last
}
