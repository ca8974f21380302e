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
	results, err := l.refresh(ctx, feeds, progress, 0)
	if len(results) > 0 {
		// What the round brought is searchable through the index from
		// now on; a search is exact meanwhile, only slower.
		if _, ierr := l.UpdateIndex(ctx); ierr != nil && l.opts.Warn != nil {
			l.opts.Warn(ierr)
		}
	}
	return results, err
}

// refresh is Refresh with a deadline for the whole run (0: none); feeds
// not done by then end with refresh.ErrDeadline.
func (l *Library) refresh(ctx context.Context, feeds []feed.Subscription, progress func(refresh.Progress), wait time.Duration) ([]refresh.Result, error) {
	st, err := l.writer(ctx)
	if err != nil {
		return nil, err
	}
	return refresh.Run(ctx, st, feeds, refresh.Options{
		Fetcher:  l.fetcher(),
		Progress: progress,
		Deadline: wait,
		Now:      l.opts.Now,
		Parse: func(ctx context.Context, src string, f fetch.Fetcher) (*feed.Feed, error) {
			return feed.Load(ctx, src, feed.Options{Fetcher: f})
		},
	})
}

// Due returns the feeds whose own interval, or the default, has passed
// since their last fetch at now. A feed whose interval is off is never
// due; when the cache cannot be read, every feed is.
func (l *Library) Due(ctx context.Context, feeds []feed.Subscription, now time.Time) []feed.Subscription {
	st, err := l.store(ctx)
	if err != nil {
		return feeds
	}
	infos, err := st.Feeds(ctx)
	if err != nil {
		return feeds
	}
	byURL := make(map[string]store.FeedInfo, len(infos))
	for _, f := range infos {
		byURL[f.URL] = f
	}
	var due []feed.Subscription
	for _, s := range feeds {
		if s.Interval <= 0 && l.opts.Interval <= 0 {
			continue
		}
		if refresh.Due(s, byURL[s.URL], l.opts.Interval, now) {
			due = append(due, s)
		}
	}
	return due
}

// TickInterval is how often a long-running front end should look for due
// feeds: the shortest interval in use, at least once a minute, or 0 when
// every interval is off. Checking often costs one small query, and a feed
// another process fetched meanwhile is then due again on time, not a
// whole interval late.
func (l *Library) TickInterval(feeds []feed.Subscription) time.Duration {
	if l.opts.Offline {
		return 0
	}
	d := l.opts.Interval
	for _, s := range feeds {
		if s.Interval > 0 && (d <= 0 || s.Interval < d) {
			d = s.Interval
		}
	}
	return min(d, time.Minute)
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
