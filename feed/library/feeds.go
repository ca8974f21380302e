package library

import (
	"context"
	"errors"
	"fmt"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/store"
)

// resolveSubscription finds the subscription a URL (any spelling of it)
// or a name names, in the store: ErrInConfig for one the config file
// lists, ErrNoFeed for none, an *AmbiguousError for a name several share.
func (l *Library) resolveSubscription(ctx context.Context, key string) (*store.Store, FeedInfo, error) {
	for _, s := range l.opts.Feeds {
		if clean.SameURL(s.URL, key) || (s.Name != "" && s.Name == key) {
			return nil, FeedInfo{}, ErrInConfig
		}
	}
	st, err := l.writer(ctx)
	if err != nil {
		return nil, FeedInfo{}, err
	}
	infos, err := st.Feeds(ctx)
	if err != nil {
		return nil, FeedInfo{}, err
	}
	var match []FeedInfo
	var atFeed *FeedInfo // the subscription whose page's feed key is
	for i, f := range infos {
		if clean.SameURL(f.URL, key) {
			match = []FeedInfo{f}
			break
		}
		if f.Subscribed && f.DisplayName() == key {
			match = append(match, f)
		}
		if f.Subscribed && f.FeedURL != "" && atFeed == nil && clean.SameURL(f.FeedURL, key) {
			atFeed = &infos[i]
		}
	}
	if len(match) == 0 && atFeed != nil {
		// The address it is fetched at, as export writes it.
		match = []FeedInfo{*atFeed}
	}
	switch len(match) {
	case 0:
		return nil, FeedInfo{}, fmt.Errorf("%w %q", ErrNoFeed, clean.OneLine(key))
	case 1:
		return st, match[0], nil
	}
	urls := make([]string, len(match))
	for i, f := range match {
		urls[i] = f.URL
	}
	return nil, FeedInfo{}, &AmbiguousError{Name: key, URLs: urls}
}

// Rename gives the subscription a URL or name names a new name, and
// returns its record as it was and the name as stored (cleaned). A name
// another feed is shown by is refused with a *NameTakenError: two feeds
// of one name could no longer be told apart by it.
func (l *Library) Rename(ctx context.Context, key, name string) (FeedInfo, string, error) {
	name = feed.GivenName(name)
	if name == "" {
		return FeedInfo{}, "", ErrNoName
	}
	st, f, err := l.resolveSubscription(ctx, key)
	if err != nil {
		return FeedInfo{}, "", err
	}
	if !f.Subscribed {
		return FeedInfo{}, "", fmt.Errorf("%w %q", ErrNoFeed, clean.OneLine(key))
	}
	if err := l.checkNameFree(ctx, st, name, f.URL); err != nil {
		return FeedInfo{}, "", err
	}
	return f, name, st.AddFeed(ctx, f.URL, name)
}

// checkNameFree returns a *NameTakenError when name is the name another
// subscription than the one at url is shown by, in the config file or
// the store: two feeds of one name could no longer be told apart by it.
func (l *Library) checkNameFree(ctx context.Context, st *store.Store, name, url string) error {
	for _, s := range l.opts.Feeds {
		if s.Name == name && !clean.SameURL(s.URL, url) {
			return &NameTakenError{Name: name, URL: s.URL}
		}
	}
	infos, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	for _, o := range infos {
		if o.Subscribed && !clean.SameURL(o.URL, url) && o.DisplayName() == name {
			return &NameTakenError{Name: name, URL: o.URL}
		}
	}
	return nil
}

// NameTakenError is a rename, or a subscription under a name, to the
// name another feed (URL) is shown by.
type NameTakenError struct{ Name, URL string }

func (e *NameTakenError) Error() string {
	return fmt.Sprintf("%q is already the name of %s", clean.OneLine(e.Name), clean.OneLine(e.URL))
}

// ErrNoName is a rename to a name that is empty once cleaned.
var ErrNoName = errors.New("the new name is empty")

// Added is what AddFeed did.
type Added struct {
	// Already is true when the feed was subscribed before and nothing
	// changed. URL is then the subscription's, which is a page whose feed
	// this is, or the feed the page given announces, when it differs
	// from the one given; Name is the name it goes by.
	Already bool
	URL     string
	Name    string // also the name given, as stored (cleaned)
	// Renamed is true when the feed was subscribed before and took the
	// name given: Was is the name it went by, Name the one stored.
	Renamed bool
	Was     string
	// Subscribed is true when the subscription was recorded.
	Subscribed bool
	// Fetched is true when the feed was fetched now; Title and Items are
	// then its title and how many items the cache holds of it.
	Fetched bool
	Title   string
	Items   int
	// FetchErr is why the fetch failed; with force the feed is
	// subscribed all the same.
	FetchErr error
}

// AddFeed subscribes to an http(s) feed under name ("" keeps the feed's
// own title), after fetching it once into the cache and indexing it, as
// a refresh would, to see that it is a feed: one that cannot be fetched
// or is no feed is not subscribed, unless force. Offline, nothing is
// fetched and the feed is subscribed as given. A name another feed is
// shown by is refused with a *NameTakenError, as Rename refuses it.
//
// A feed subscribed already is that subscription, under any spelling of
// its address, as a page whose feed it is, as the feed that the page
// given turns out to announce, or as the feed an address given redirects
// to: nothing is subscribed twice, and a name given renames the
// subscription.
func (l *Library) AddFeed(ctx context.Context, url, name string, force bool) (Added, error) {
	if err := clean.CheckURL(url, clean.Fetch); err != nil {
		// Named as a source, so the message says which address.
		return Added{}, &feed.SourceError{Source: url, Err: err}
	}
	// Subscribed already: by this URL, or by a page whose feed it is.
	status, err := l.Status(ctx)
	if err != nil {
		return Added{}, err
	}
	if have, ok := l.subscribedAt(ctx, status, url, ""); ok {
		return l.addedAgain(ctx, have, name)
	}
	var out Added
	if !l.opts.Offline {
		// Fetched without the name, which goes to the subscription
		// below: a page that is a subscription's feed is merged into it.
		results, err := l.refreshIndexed(ctx, []feed.Subscription{{URL: url}}, nil)
		if err != nil {
			return Added{}, err
		}
		r := results[0]
		switch {
		case r.Err != nil:
			out.FetchErr = r.Err
		case r.Deferred.IsZero():
			out.Fetched = true
			if st, err := l.store(ctx); err == nil {
				if info, err := st.Feed(ctx, url); err == nil {
					// Where the feed was found (a page's feed, or where
					// a permanent redirect led), or where a temporary
					// redirect led this once.
					if have, ok := l.subscribedAt(ctx, status, info.FetchURL(), info.URL); ok && info.FeedURL != "" && !info.Subscribed {
						return l.pageOf(ctx, info, have, name)
					}
					if have, ok := l.subscribedAt(ctx, status, r.RedirectedTo, info.URL); ok && r.RedirectedTo != "" && !info.Subscribed {
						return l.pageOf(ctx, info, have, name)
					}
					out.Title, out.Items = info.Title, info.Items
				}
			}
		}
		if out.FetchErr != nil && !force {
			return out, nil
		}
	}
	// Recorded even when the default subscription, which stands in while
	// there is none, has this URL: it is the user's own from now on.
	st, err := l.writer(ctx)
	if err != nil {
		return out, err
	}
	stored := feed.GivenName(name)
	if stored != "" {
		// Refused as a rename to it is.
		if err := l.checkNameFree(ctx, st, stored, url); err != nil {
			return Added{}, err
		}
	}
	sub, err := st.AddSubscription(ctx, url, stored)
	if err != nil {
		return out, err
	}
	out.Subscribed = true
	out.Already = sub.Already && name == ""
	if stored != "" {
		out.Name = stored
	} else if info, err := st.Feed(ctx, sub.URL); err == nil && !sub.Already {
		out.Name = info.Name // told apart from another of its title, if it was
	}
	return out, nil
}

// subscribedAt returns the subscription (one the user made) of status
// that u is: its address, or the address its feed is fetched at. One
// stored under except is not it.
func (l *Library) subscribedAt(ctx context.Context, status []FeedStatus, u, except string) (FeedStatus, bool) {
	for _, s := range status {
		if except != "" && clean.SameURL(s.URL, except) {
			continue
		}
		same := clean.SameURL(s.URL, u) || s.Known && clean.SameURL(s.Info.FetchURL(), u)
		if same && l.isSubscribed(ctx, s.URL) {
			return s, true
		}
	}
	return FeedStatus{}, false
}

// pageOf makes page, a page just fetched whose feed is the subscription
// have (or an address that redirects to it), part of have: what its fetch stored, and any mark it held from
// being read by its URL, go to have (store.MergeFeed).
func (l *Library) pageOf(ctx context.Context, page FeedInfo, have FeedStatus, name string) (Added, error) {
	st, err := l.writer(ctx)
	if err != nil {
		return Added{}, err
	}
	// A subscription of the config file may not be stored yet.
	if err := st.AddFeed(ctx, have.URL, ""); err != nil {
		return Added{}, err
	}
	if err := st.MergeFeed(ctx, page.URL, have.URL); err != nil {
		return Added{}, err
	}
	return l.addedAgain(ctx, have, name)
}

// addedAgain is AddFeed of the subscription have: nothing to do, or a
// rename to name.
func (l *Library) addedAgain(ctx context.Context, have FeedStatus, name string) (Added, error) {
	name = feed.GivenName(name)
	if name == "" || name == have.Name() {
		return Added{Already: true, URL: have.URL, Name: have.Name()}, nil
	}
	was, stored, err := l.Rename(ctx, have.URL, name)
	if err != nil {
		return Added{}, err
	}
	return Added{Renamed: true, URL: was.URL, Was: was.DisplayName(), Name: stored}, nil
}

// isSubscribed reports whether url is a subscription the user made (in
// the config file or the store), not the default one that stands in when
// there is none.
func (l *Library) isSubscribed(ctx context.Context, url string) bool {
	for _, s := range l.opts.Feeds {
		if clean.SameURL(s.URL, url) {
			return true
		}
	}
	st, err := l.store(ctx)
	if err != nil {
		return false
	}
	info, err := st.Feed(ctx, url)
	return err == nil && info.Subscribed
}

// NameConflict is a feed an OPML file names otherwise than its
// subscription does: Import keeps the subscription's name.
type NameConflict struct {
	URL     string
	Kept    string // the name the subscription keeps
	Offered string // the name the file gives
}

// NameConflicts lists the feeds of subs, as read from an OPML file, that
// are already subscribed under another name. Import keeps those names; a
// front end says so, one line each.
func (l *Library) NameConflicts(ctx context.Context, subs []feed.Subscription) ([]NameConflict, error) {
	status, err := l.Status(ctx)
	if err != nil {
		return nil, err
	}
	// The first subscribed feed under each canonical address, as one walk
	// of the subscriptions per entry found it.
	subscribed := make(map[string]FeedStatus, len(status))
	for _, have := range status {
		if !have.Known || !have.Info.Subscribed {
			continue
		}
		c := clean.CanonicalURL(have.URL)
		if _, ok := subscribed[c]; !ok {
			subscribed[c] = have
		}
	}
	// And under the feed a page was found to have, where no subscription
	// is stored under it: Import finds the page's subscription so.
	for _, have := range status {
		if have.Known && have.Info.Subscribed && have.Info.FeedURL != "" {
			c := clean.CanonicalURL(have.Info.FeedURL)
			if _, ok := subscribed[c]; !ok {
				subscribed[c] = have
			}
		}
	}
	var out []NameConflict
	for _, s := range subs {
		if s.Name == "" || s.Name == s.URL {
			continue
		}
		have, ok := subscribed[clean.CanonicalURL(s.URL)]
		if !ok {
			continue
		}
		if kept := have.Name(); kept != clean.PlainText(s.Name) {
			out = append(out, NameConflict{URL: have.URL, Kept: kept, Offered: s.Name})
		}
	}
	return out, nil
}
