package library

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/store"
)

// FeedInfo is a cached feed's record: names, fetch times, counts, status.
type FeedInfo = store.FeedInfo

// Errors of Subscribe and Unsubscribe, for errors.Is.
var (
	// ErrInConfig is a feed listed in the config file, which only the file
	// can remove.
	ErrInConfig = errors.New("listed in the config file")
	// ErrNoFeed is a name or URL that no subscription has.
	ErrNoFeed = errors.New("no such feed")
)

// AmbiguousError is a name that several subscriptions share.
type AmbiguousError struct {
	Name string
	URLs []string
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q names %d feeds (%s); give the URL", clean.OneLine(e.Name), len(e.URLs), strings.Join(e.URLs, ", "))
}

// FeedStatus is one subscription with what the cache knows of it.
type FeedStatus struct {
	feed.Subscription
	// Info is the cached record; Known is false when there is none yet.
	Info  FeedInfo
	Known bool
	// Size is what the feed takes in the cache.
	Size store.FeedSize
	// Muted is how many of its cached items a mute rule hides; Info's
	// Items and Unread count only the others.
	Muted int
}

// Name is the subscription's name, its feed's title, or its URL.
func (s FeedStatus) Name() string {
	switch {
	case s.Subscription.Name != "":
		return s.Subscription.Name
	case s.Known:
		return s.Info.DisplayName()
	}
	return s.URL
}

// Status lists the subscriptions with their cached records.
func (l *Library) Status(ctx context.Context) ([]FeedStatus, error) {
	subs, err := l.Subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	st, err := l.store(ctx)
	if err != nil {
		return nil, err
	}
	sizes, err := st.FeedSizes(ctx)
	if err != nil {
		return nil, err
	}
	muted, err := l.mutedCached(ctx, st, l.mutes())
	if err != nil {
		return nil, err
	}
	type hidden struct{ all, unread int }
	byFeed := map[string]hidden{}
	for k, read := range muted {
		h := byFeed[k.Source]
		h.all++
		if !read {
			h.unread++
		}
		byFeed[k.Source] = h
	}
	out := make([]FeedStatus, len(subs))
	for i, s := range subs {
		out[i].Subscription = s
		if info, err := st.Feed(ctx, s.URL); err == nil {
			h := byFeed[info.URL]
			info.Items -= h.all
			info.Unread -= h.unread
			out[i].Info, out[i].Known, out[i].Muted = info, true, h.all
			out[i].Size = sizes[info.URL]
		}
	}
	return out, nil
}

// Duplicates lists the feeds the cache holds under two spellings of one
// address (stored before addresses were compared by their canonical form).
func (l *Library) Duplicates(ctx context.Context) ([][]string, error) {
	st, err := l.store(ctx)
	if err != nil {
		return nil, err
	}
	return st.DuplicateFeeds(ctx)
}

// Subscribe subscribes to an http(s) feed under name ("" keeps the feed's
// own title). It reports false when the feed was already subscribed and
// no name was given.
func (l *Library) Subscribe(ctx context.Context, url, name string) (bool, error) {
	if err := clean.CheckURL(url, clean.Fetch); err != nil {
		return false, fmt.Errorf("%s: %w", clean.OneLine(url), err)
	}
	subs, err := l.Subscriptions(ctx)
	if err != nil {
		return false, err
	}
	for _, s := range subs {
		if clean.SameURL(s.URL, url) && name == "" {
			return false, nil
		}
	}
	st, err := l.writer(ctx)
	if err != nil {
		return false, err
	}
	sub, err := st.AddSubscription(ctx, url, feed.GivenName(name))
	return err == nil && (!sub.Already || name != ""), err
}

// Unsubscribe removes the subscription a URL or name names, with its
// cached items, and returns its record as it was.
func (l *Library) Unsubscribe(ctx context.Context, key string) (f FeedInfo, starred int, err error) {
	st, f, err := l.resolveSubscription(ctx, key)
	if err != nil {
		return FeedInfo{}, 0, err
	}
	if counted, err := st.Feed(ctx, f.URL); err == nil {
		f = counted
	}
	starred, _ = st.StarredCount(ctx, f.URL) // only for the message
	return f, starred, st.RemoveFeed(ctx, f.URL)
}

// MaxImport is how many feeds one Import takes: a real subscription list
// is hundreds.
const MaxImport = 10_000

// ImportTooLargeError is Import's error for more than MaxImport feeds;
// nothing is subscribed.
type ImportTooLargeError struct {
	Feeds int // how many were offered
	Max   int
}

func (e *ImportTooLargeError) Error() string {
	return fmt.Sprintf("%d feeds to import, over the limit of %d", e.Feeds, e.Max)
}

// ImportRenamed is a feed Import subscribed to under a name of its own,
// since the name the file gave it was another feed's.
type ImportRenamed = store.ImportRenamed

// Import subscribes to subs, as read from an OPML file, and returns how
// many were new. A feed already subscribed, under any spelling of its
// address, keeps its name. A new one the file names as another feed is
// named (a subscription, one of the config file, or one the file named
// before) is told apart from it as a feed of another's title is,
// "가람일보 (politics)" or "가람일보 (2)", and returned in renamed: two
// feeds of one name could not be told apart by it. It writes in one
// transaction, at a cost linear in the feeds stored and offered, and
// takes at most MaxImport feeds.
func (l *Library) Import(ctx context.Context, subs []feed.Subscription) (added int, renamed []ImportRenamed, err error) {
	if len(subs) > MaxImport {
		return 0, nil, &ImportTooLargeError{Feeds: len(subs), Max: MaxImport}
	}
	st, err := l.writer(ctx)
	if err != nil {
		return 0, nil, err
	}
	inConfig := l.configAddresses(ctx, st)
	entries := make([]store.ImportEntry, 0, len(subs))
	for _, s := range subs {
		if inConfig[clean.CanonicalURL(s.URL)] {
			// The config file subscribes to it already (at this address,
			// or through the page it was found at, as export writes it):
			// only the file changes that subscription.
			continue
		}
		if s.Name == s.URL {
			s.Name = "" // an outline with no text: keep the name the feed has
		}
		// Folders become tags, beside any the feed has.
		entries = append(entries, store.ImportEntry{URL: s.URL, Name: s.Name, Tags: s.Tags})
	}
	return st.ImportSubscriptions(ctx, entries)
}

// configAddresses are the canonical addresses the config file's feeds
// are known by: each as written, and the feed found at one that is a
// page.
func (l *Library) configAddresses(ctx context.Context, st *store.Store) map[string]bool {
	out := make(map[string]bool, len(l.opts.Feeds))
	for _, s := range l.opts.Feeds {
		out[clean.CanonicalURL(s.URL)] = true
		if info, err := st.Feed(ctx, s.URL); err == nil && info.FeedURL != "" {
			out[clean.CanonicalURL(info.FeedURL)] = true
		}
	}
	return out
}

// Export returns the subscriptions under the names they are shown by, at
// the address each is fetched at: for one made through a page, the feed
// found there, which a reader that finds no feeds in pages can read, and
// which Import takes back as the same subscription.
func (l *Library) Export(ctx context.Context) ([]feed.Subscription, error) {
	status, err := l.Status(ctx)
	if err != nil {
		return nil, err
	}
	subs := make([]feed.Subscription, len(status))
	for i, s := range status {
		subs[i] = s.Subscription
		if s.Known && subs[i].Name == "" {
			subs[i].Name = s.Info.DisplayName()
		}
		if s.Known && len(subs[i].Tags) == 0 {
			subs[i].Tags = s.Info.Tags
		}
		if s.Known {
			subs[i].URL = s.Info.FetchURL()
		}
	}
	return subs, nil
}
