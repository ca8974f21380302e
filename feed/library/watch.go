package library

import (
	"context"
	"time"

	"sokbo/feed/alert"
	"sokbo/feed/store"
)

// MaxArrivals bounds the items Arrivals returns at once: after a long
// time away, the newest thousands say enough.
const MaxArrivals = 5000

// Arrivals returns the items of src's feeds that the cache first stored
// after since, by any process, in the order they came in, with the newest
// such time (since itself when none came). Local sources have no
// arrivals. It reads an index, so a call that finds nothing costs
// nothing.
func (l *Library) Arrivals(ctx context.Context, src Sources, since time.Time) ([]*Entry, time.Time, error) {
	if len(src.Feeds) == 0 {
		return nil, since, nil
	}
	st, err := l.store(ctx)
	if err != nil {
		return nil, since, err
	}
	hs, err := st.SeenAfter(ctx, since, MaxArrivals)
	if err != nil {
		return nil, since, err
	}
	want := wanted(src.Feeds)
	newest := since
	var out []*Entry
	for i := range hs {
		h := &hs[i]
		if h.FirstSeen.After(newest) {
			newest = h.FirstSeen
		}
		if want[h.Feed] {
			out = append(out, entryOf(h, time.Time{}))
		}
	}
	return out, newest, nil
}

// LastArrival is when the cache last stored a new item of any feed, or
// zero: where a watch that starts now begins.
func (l *Library) LastArrival(ctx context.Context) (time.Time, error) {
	st := l.existingStore(ctx)
	if st == nil {
		return time.Time{}, nil
	}
	return st.LastSeen(ctx)
}

// WatchMark is the newest arrival the watch called name has shown, and
// false when it has never run.
func (l *Library) WatchMark(ctx context.Context, name string) (time.Time, bool, error) {
	st := l.existingStore(ctx)
	if st == nil {
		return time.Time{}, false, nil
	}
	return st.WatchMark(ctx, name)
}

// SetWatchMark records the newest arrival the watch called name has
// shown; a mark never goes back.
func (l *Library) SetWatchMark(ctx context.Context, name string, seen time.Time) error {
	st, err := l.writer(ctx)
	if err != nil {
		return err
	}
	return st.SetWatchMark(ctx, name, seen)
}

// FeedInfos returns the cached records of every feed, by URL.
func (l *Library) FeedInfos(ctx context.Context) (map[string]store.FeedInfo, error) {
	return l.feedInfos(ctx)
}

// AlertItem is what an alert rule looks at in e. Its key, for `sokbo read`,
// is the item's link, or its ID when it has none.
func AlertItem(e *Entry) alert.Item {
	key := e.Link
	if key == "" {
		key = e.ID
	}
	return alert.Item{
		Key: key, Title: e.Title, Summary: e.Summary,
		Outlet: e.FeedName, Feed: e.FeedName, FeedURL: e.Source,
		Tags: e.Categories, Published: e.Published,
	}
}
