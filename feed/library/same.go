package library

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"sokbo/feed/clean"
	"sokbo/feed/store"
)

// sameFeeds groups the subscribed feeds of feeds that are one feed: a
// page and the feed it announces (or that was found at one of the usual
// paths), two pages of one feed, two spellings of one address. Each
// group holds two or more, the one stored first first; the groups are in
// that order too. Older sokbos subscribed to a page whose feed was
// subscribed already as a second subscription, with items and marks of
// its own.
func sameFeeds(feeds []store.FeedInfo) [][]store.FeedInfo {
	var subs []store.FeedInfo
	for _, f := range feeds {
		if f.Subscribed {
			subs = append(subs, f)
		}
	}
	slices.SortStableFunc(subs, func(a, b store.FeedInfo) int { return cmp.Compare(a.Order, b.Order) })
	// Union by shared address: a feed's own and the one it is fetched at
	// (FetchURL).
	parent := make([]int, len(subs))
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	at := map[string]int{}
	for i, f := range subs {
		parent[i] = i
		for _, u := range []string{f.URL, f.FeedURL} {
			if u == "" {
				continue
			}
			c := clean.CanonicalURL(u)
			j, ok := at[c]
			if !ok {
				at[c] = i
				continue
			}
			if a, b := find(i), find(j); a != b {
				parent[max(a, b)] = min(a, b) // the root is the one stored first
			}
		}
	}
	members := map[int][]store.FeedInfo{}
	var roots []int
	for i, f := range subs {
		r := find(i)
		if members[r] == nil {
			roots = append(roots, r)
		}
		members[r] = append(members[r], f)
	}
	var out [][]store.FeedInfo
	for _, r := range roots {
		if len(members[r]) > 1 {
			out = append(out, members[r])
		}
	}
	return out
}

// groupName is the name a group of sameFeeds goes by once merged: the
// first feed's, or the first name another has (see store.MergeFeed).
func groupName(g []store.FeedInfo) string {
	for _, f := range g {
		if f.Name != "" {
			return f.Name
		}
	}
	return ""
}

// repair merges each group of subscriptions that are one feed (sameFeeds)
// into the one subscribed first, with every item and mark the others
// held (store.MergeFeed), so that the feed is listed once, with all its
// marks, and removing it removes it. A group another process merged
// meanwhile is skipped.
func (l *Library) repair(ctx context.Context, st *store.Store) error {
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, g := range sameFeeds(feeds) {
		for _, o := range g[1:] {
			if err := st.MergeFeed(ctx, o.URL, g[0].URL); err != nil && !errors.Is(err, store.ErrNotFound) {
				errs = append(errs, err)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("joining subscriptions of one feed: %w", err)
	}
	return nil
}
