package library

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/store"
)

// sameFeeds groups the subscriptions that are one feed: a page and the
// feed it announces (or that was found at one of the usual paths), two
// pages of one feed, an address and the one it moved to for good, two
// spellings of one address. The subscriptions are config's, the feeds of
// the config file, whether stored or not, then the subscribed feeds of
// feeds, the store's. Each group holds two or more: a feed of the config
// file first, if any, else the one stored first; the groups are in that
// order too. Older sokbos subscribed to a page whose feed was subscribed
// already as a second subscription, with items and marks of its own, and
// a subscription the store holds may be a feed the config file came to
// list later.
func sameFeeds(feeds []store.FeedInfo, config []feed.Subscription) [][]store.FeedInfo {
	var subs []store.FeedInfo
	var stored []store.FeedInfo
	for _, f := range feeds {
		if f.Subscribed {
			stored = append(stored, f)
		}
	}
	slices.SortStableFunc(stored, func(a, b store.FeedInfo) int { return cmp.Compare(a.Order, b.Order) })
	// Each address is put in its canonical form once.
	canonical := map[string]string{}
	canon := func(u string) string {
		c, ok := canonical[u]
		if !ok {
			c = clean.CanonicalURL(u)
			canonical[u] = c
		}
		return c
	}
	// A feed of the config file is its stored row, when there is one:
	// stored under the address the file spells, mostly, else under
	// another spelling of it.
	var exact, byURL map[string]store.FeedInfo
	if len(config) > 0 {
		exact = make(map[string]store.FeedInfo, len(feeds))
		for _, f := range feeds {
			exact[f.URL] = f
		}
	}
	taken := map[string]bool{}
	for _, c := range config {
		row, ok := exact[c.URL]
		if !ok {
			if byURL == nil {
				byURL = make(map[string]store.FeedInfo, len(feeds))
				for _, f := range slices.Backward(feeds) { // the first of two spellings wins
					byURL[canon(f.URL)] = f
				}
			}
			row, ok = byURL[canon(c.URL)]
		}
		if !ok {
			row = store.FeedInfo{URL: c.URL, Name: c.Name}
		}
		taken[row.URL] = true
		subs = append(subs, row)
	}
	for _, f := range stored {
		if !taken[f.URL] {
			subs = append(subs, f)
		}
	}
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
			c := canon(u)
			j, ok := at[c]
			if !ok {
				at[c] = i
				continue
			}
			if a, b := find(i), find(j); a != b {
				parent[max(a, b)] = min(a, b) // the root is the config's, or the one stored first
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
// into the config file's, or else the one subscribed first, with every
// item and mark the others held (store.MergeFeed), so that the feed is
// listed once, with all its marks, and removing it removes it. A feed of
// the config file is stored first if it is not yet, as feeds add stores
// it (pageOf), and is never merged into another: the file would bring it
// back. A group another process merged meanwhile is skipped.
func (l *Library) repair(ctx context.Context, st *store.Store) error {
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, g := range sameFeeds(feeds, l.opts.Feeds) {
		var from []string
		for _, o := range g[1:] {
			if _, ok := l.configFeed(o.URL); !ok {
				from = append(from, o.URL)
			}
		}
		if len(from) == 0 {
			continue // feeds of the config file only: its to mend
		}
		into := g[0].URL
		if c, ok := l.configFeed(into); ok {
			if err := st.AddFeed(ctx, into, c.Name); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		for _, u := range from {
			if err := st.MergeFeed(ctx, u, into); err != nil && !errors.Is(err, store.ErrNotFound) {
				errs = append(errs, err)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("joining subscriptions of one feed: %w", err)
	}
	return nil
}

// configFeed is the feed of the config file at url (any spelling of it).
func (l *Library) configFeed(url string) (feed.Subscription, bool) {
	for _, s := range l.opts.Feeds {
		if clean.SameURL(s.URL, url) {
			return s, true
		}
	}
	return feed.Subscription{}, false
}
