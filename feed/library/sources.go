package library

import (
	"context"
	"errors"
	"os"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/store"
)

// Sources are what a front end shows: subscriptions read through the
// cache, and local files and folders read directly, in the order given.
type Sources struct {
	Feeds  []feed.Subscription
	Locals []string
	key    string // see Key
	// link says the one feed is a link read alone that no cached item
	// has: its problems say so (LinkError).
	link bool
}

// Empty reports whether there is nothing to show.
func (s Sources) Empty() bool { return len(s.Feeds) == 0 && len(s.Locals) == 0 }

// Count is how many sources there are.
func (s Sources) Count() int { return len(s.Feeds) + len(s.Locals) }

// Sources resolves a command line's source arguments: URLs become
// subscriptions for this run (cached like any other), anything else a
// local source. No arguments means the subscriptions.
func (l *Library) Sources(ctx context.Context, args []string) (Sources, error) {
	if len(args) == 0 {
		subs, err := l.Subscriptions(ctx)
		return Sources{Feeds: subs}, err
	}
	s := Sources{key: sourcesKey(args)}
	for _, a := range args {
		if IsURL(a) {
			s.Feeds = append(s.Feeds, feed.Subscription{URL: a})
		} else {
			s.Locals = append(s.Locals, a)
		}
	}
	return s, nil
}

// Subscriptions are the feeds followed by default: those in the config
// file, then those added with Subscribe or Import, and newsdao.kr when
// there are none. A subscription whose feed is another's (a page whose
// alternate link is a feed also subscribed) counts once, so no headline is
// listed twice.
func (l *Library) Subscriptions(ctx context.Context) ([]feed.Subscription, error) {
	st, err := l.store(ctx)
	if err != nil {
		return nil, err
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	info := make(map[string]store.FeedInfo, len(feeds))
	for _, f := range feeds {
		info[f.URL] = f
	}
	// Subscriptions of one feed that an older sokbo kept apart are
	// listed as the cache's repair will make them (repair): the first,
	// under the group's name.
	hidden, named := map[string]bool{}, map[string]string{}
	for _, g := range sameFeeds(feeds, l.opts.Feeds) {
		named[g[0].URL] = groupName(g)
		for _, o := range g[1:] {
			hidden[o.URL] = true
		}
	}
	var subs []feed.Subscription
	seen := map[string]bool{}
	add := func(s feed.Subscription) {
		fetch := s.URL
		if f, ok := info[s.URL]; ok {
			fetch = f.FetchURL()
		}
		own, at := clean.CanonicalURL(s.URL), clean.CanonicalURL(fetch)
		if seen[own] || seen[at] {
			return
		}
		seen[own], seen[at] = true, true
		subs = append(subs, s)
	}
	for _, s := range l.opts.Feeds {
		add(s)
	}
	for _, f := range feeds {
		if f.Subscribed && !hidden[f.URL] {
			name := f.Name
			if n, ok := named[f.URL]; ok {
				name = n
			}
			add(feed.Subscription{Name: name, URL: f.URL})
		}
	}
	if len(subs) == 0 {
		subs = []feed.Subscription{{Name: DefaultName, URL: feed.DefaultSource}}
	}
	return subs, nil
}

// ReadArgs resolves `sokbo read`'s arguments into the sources and the
// key of the item to read. SOURCE ITEM is that; one argument is an item
// of the subscriptions when it is a number that is not a file (N or N.M),
// or the link or ID of a cached item; else it is a source, whose first
// item is read. A URL of that kind the cache does not know as a feed is
// read only if it is a feed itself (FeedOnly): an article's page that no
// cached item links to announces its site's feed, and reading that would
// print another article. Its problems say that no cached item has the
// link (LinkError).
func (l *Library) ReadArgs(ctx context.Context, args []string) (Sources, string, error) {
	switch {
	case len(args) > 1:
		src, err := l.Sources(ctx, args[:1])
		return src, args[1], err
	case len(args) == 0:
		src, err := l.Sources(ctx, nil)
		return src, "1", err
	}
	kind, of := l.lone(ctx, args[0])
	switch {
	case kind == loneItem && of != "":
		// A cached item's link or ID: read from its own feed, which
		// need not be a subscription (a feed listed once by its URL).
		return Sources{Feeds: []feed.Subscription{{URL: of}}, key: sourcesKey([]string{of})}, args[0], nil
	case kind == loneItem:
		src, err := l.Sources(ctx, nil)
		return src, args[0], err
	case kind == loneLink:
		src, err := l.Sources(ctx, args)
		if err == nil && len(src.Feeds) == 1 {
			src.Feeds[0].FeedOnly, src.link = true, true
		}
		return src, "1", err
	}
	src, err := l.Sources(ctx, args)
	return src, "1", err
}

// loneKind is what one argument of `sokbo read` names.
type loneKind uint8

const (
	loneSource loneKind = iota // a file, folder or feed the cache knows
	loneItem                   // a row number, or a cached item's link or ID
	loneLink                   // a URL that is neither
)

// lone says what the one argument of `sokbo read` names, and for a cached
// item's link or ID the feed it is in: a number that is not a file, or
// the link or ID of a cached item that is not itself a feed, is an item; a URL the cache knows as a feed (subscribed, or
// fetched once), or anything else, a source; any other URL a link.
func (l *Library) lone(ctx context.Context, arg string) (kind loneKind, of string) {
	if _, err := os.Stat(arg); err == nil {
		return loneSource, ""
	}
	if _, _, ok := parseRowRef(arg); ok {
		return loneItem, ""
	}
	if !IsURL(arg) {
		return loneSource, ""
	}
	st, err := l.store(ctx)
	if err != nil {
		return loneLink, ""
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return loneLink, ""
	}
	for _, f := range feeds {
		if (f.URL == arg || f.FeedURL == arg) && (f.Subscribed || !f.LastSuccess.IsZero()) {
			return loneSource, ""
		}
	}
	found := errors.New("found")
	err = st.EachHeadline(ctx, store.Query{}, func(h *store.Headline) error {
		if h.Link == arg || h.ID == arg {
			of = h.Feed
			return found
		}
		return nil
	})
	if errors.Is(err, found) {
		return loneItem, of
	}
	return loneLink, ""
}

// LinkError is the failure of a link read alone that no cached item has,
// read as a feed (see ReadArgs).
type LinkError struct {
	Err error
}

func (e *LinkError) Error() string {
	return "no item in the cache has this link, and reading it as a feed failed: " + e.Err.Error()
}

func (e *LinkError) Unwrap() error { return e.Err }
