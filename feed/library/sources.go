package library

import (
	"context"
	"errors"
	"os"

	"sokbo/feed"
	"sokbo/feed/store"
)

// Sources are what a front end shows: subscriptions read through the
// cache, and local files and folders read directly, in the order given.
type Sources struct {
	Feeds  []feed.Subscription
	Locals []string
	key    string // see Key
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
	var subs []feed.Subscription
	seen := map[string]bool{}
	add := func(s feed.Subscription) {
		fetch := s.URL
		if f, ok := info[s.URL]; ok {
			fetch = f.FetchURL()
		}
		if seen[s.URL] || seen[fetch] {
			return
		}
		seen[s.URL], seen[fetch] = true, true
		subs = append(subs, s)
	}
	for _, s := range l.opts.Feeds {
		add(s)
	}
	for _, f := range feeds {
		if f.Subscribed {
			add(feed.Subscription{Name: f.Name, URL: f.URL})
		}
	}
	if len(subs) == 0 {
		subs = []feed.Subscription{{Name: DefaultName, URL: feed.DefaultSource}}
	}
	return subs, nil
}

// IsItemRef reports whether the one argument of `sokbo read` names an item
// of the subscriptions rather than a source: a number that is not a file,
// or the link or ID of a cached item that is not itself a feed.
func (l *Library) IsItemRef(ctx context.Context, arg string) bool {
	if _, err := os.Stat(arg); err == nil {
		return false
	}
	if _, _, ok := parseRowRef(arg); ok {
		return true
	}
	if !IsURL(arg) {
		return false
	}
	st, err := l.store(ctx)
	if err != nil {
		return false
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return false
	}
	for _, f := range feeds {
		if f.URL == arg || f.FeedURL == arg {
			return false
		}
	}
	found := errors.New("found")
	err = st.EachHeadline(ctx, store.Query{}, func(h *store.Headline) error {
		if h.Link == arg || h.ID == arg {
			return found
		}
		return nil
	})
	return errors.Is(err, found)
}
