package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"

	"sokbo/feed/clean"
)

// ImportEntry is one feed ImportSubscriptions subscribes to.
type ImportEntry struct {
	URL  string
	Name string   // set only when the feed is new to the subscriptions; "" keeps its title
	Tags []string // added beside any the feed has
}

// ImportRenamed is an entry ImportSubscriptions gave a name of its own:
// the name the file gave it was another feed's.
type ImportRenamed struct {
	URL     string // the feed's key in the store
	Offered string // the name the entry gave, cleaned
	Name    string // the name stored: "가람일보 (politics)", "가람일보 (2)"
	Taken   string // the address of the feed shown by Offered
}

// ImportSubscriptions subscribes to every entry in one transaction and
// returns how many were not subscribed before, under any spelling of
// their address. It is AddSubscription, AddFeedTags and, for a new
// subscription with a name, Subscribe, for each entry in turn; but the
// stored feeds are read once into maps, so that its cost is linear in
// the feeds stored plus the entries, where one call per entry walked
// every stored feed for each new address. Nothing is written when any
// entry's address is refused.
//
// A new subscription is never shown by a name another feed is, in the
// store, in the config file (Options.Listed) or earlier in entries: one
// whose name (or, with none, its stored title) is taken is named as
// autoName names a feed, and one renamed from the entry's name is in
// renamed.
func (s *Store) ImportSubscriptions(ctx context.Context, entries []ImportEntry) (added int, renamed []ImportRenamed, err error) {
	for _, e := range entries {
		if err := checkKey(e.URL); err != nil {
			return 0, nil, err
		}
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		added, renamed = 0, nil
		known, err := loadFeedIndex(ctx, tx)
		if err != nil {
			return err
		}
		shown, err := s.loadShownNames(ctx, tx)
		if err != nil {
			return err
		}
		insert, err := tx.PrepareContext(ctx, `
INSERT INTO feeds (url, name, subscribed) VALUES (?1, ?2, 1)
ON CONFLICT (url) DO UPDATE SET subscribed = 1`)
		if err != nil {
			return err
		}
		defer insert.Close()
		update, err := tx.PrepareContext(ctx, `UPDATE feeds SET subscribed = 1, name = ?2, tags = ?3 WHERE url = ?1`)
		if err != nil {
			return err
		}
		defer update.Close()
		for _, e := range entries {
			f := known.subscription(e.URL)
			if f == nil {
				f = &indexedFeed{url: clean.CanonicalURL(e.URL)}
				if _, err := insert.ExecContext(ctx, f.url, ""); err != nil {
					return err
				}
				known.add(f)
			}
			name := f.name
			if !f.subscribed {
				added++
				offered := clean.PlainText(e.Name)
				name = cmp.Or(offered, f.name)
				if shownAs := cmp.Or(name, shown.titles[f.url]); shownAs != "" {
					free := shown.free(f.url, shownAs)
					switch {
					case free == shownAs:
					case offered != "" && name == offered:
						renamed = append(renamed, ImportRenamed{URL: f.url, Offered: offered, Name: free, Taken: shown.by[shownAs]})
						name = free
					default:
						name = free // told apart from another of its title
					}
					shown.take(f.url, cmp.Or(name, shownAs))
				}
			}
			tags := f.tags
			if more := cleanTags(e.Tags); len(more) > 0 {
				tags = joinCategories(cleanTags(append(splitCategories(f.tags), more...)))
			}
			if f.subscribed && name == f.name && tags == f.tags {
				continue // nothing to write
			}
			if _, err := update.ExecContext(ctx, f.url, name, tags); err != nil {
				return err
			}
			f.subscribed, f.name, f.tags = true, name, tags
			known.addFeed(f) // a page now subscribed: its feed names it
		}
		return nil
	})
	if err != nil {
		return 0, nil, fmt.Errorf("subscribing: %w", err)
	}
	return added, renamed, nil
}

// shownNames are the names feeds are shown by, as ImportSubscriptions
// tracks them through one transaction: nameTaken and listedNames from
// maps, read once.
type shownNames struct {
	by     map[string]string // a name → the address of a feed shown by it
	titles map[string]string // a feed not subscribed → its stored title
}

func (s *Store) loadShownNames(ctx context.Context, tx querier) (*shownNames, error) {
	listed, err := s.listedNames(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := &shownNames{by: listed, titles: map[string]string{}}
	rows, err := tx.QueryContext(ctx, `SELECT url, name, title, subscribed FROM feeds WHERE name <> '' OR title <> '' ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var u, name, title string
		var subscribed bool
		if err := rows.Scan(&u, &name, &title, &subscribed); err != nil {
			return nil, err
		}
		switch {
		case subscribed:
			out.take(u, cmp.Or(name, title))
		case name == "" && title != "":
			out.titles[u] = title
		}
	}
	return out, rows.Err()
}

// take records that the feed at u is shown by name, unless another is.
func (n *shownNames) take(u, name string) {
	if _, ok := n.by[name]; !ok && name != "" {
		n.by[name] = u
	}
}

// free is name when no feed but the one at u is shown by it, else the
// first of distinctTries none is shown by; name if all are.
func (n *shownNames) free(u, name string) string {
	taken := func(try string) bool {
		by, ok := n.by[try]
		return ok && !clean.SameURL(by, u)
	}
	if !taken(name) {
		return name
	}
	for _, try := range distinctTries(u, name) {
		if !taken(try) {
			return try
		}
	}
	return name
}

// indexedFeed is a stored feed as ImportSubscriptions and ClaimFeeds track it.
type indexedFeed struct {
	url, name, tags string
	feedURL         string // found by discovery when url is a page
	subscribed      bool
}

// feedIndex finds stored feeds as resolveFeed does, from maps: by the
// address as written, then by its canonical form, then by the canonical
// form of any stored spelling (the first stored wins).
type feedIndex struct {
	byURL   map[string]*indexedFeed
	byCanon map[string]*indexedFeed
	// byFeed holds the feeds stored under a page, by the canonical form
	// of the feed found there (see addFeed).
	byFeed map[string]*indexedFeed
}

func loadFeedIndex(ctx context.Context, q querier) (*feedIndex, error) {
	rows, err := q.QueryContext(ctx, `SELECT url, name, tags, feed_url, subscribed FROM feeds ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idx := &feedIndex{byURL: map[string]*indexedFeed{}, byCanon: map[string]*indexedFeed{}, byFeed: map[string]*indexedFeed{}}
	for rows.Next() {
		f := &indexedFeed{}
		var name sql.NullString
		if err := rows.Scan(&f.url, &name, &f.tags, &f.feedURL, &f.subscribed); err != nil {
			return nil, err
		}
		f.name = name.String
		idx.add(f)
	}
	return idx, rows.Err()
}

func (idx *feedIndex) add(f *indexedFeed) {
	idx.byURL[f.url] = f
	if c := clean.CanonicalURL(f.url); idx.byCanon[c] == nil {
		idx.byCanon[c] = f
	}
	idx.addFeed(f)
}

// addFeed puts f in byFeed when it was found through a page: the first
// stored wins, but one subscribed over one that is not.
func (idx *feedIndex) addFeed(f *indexedFeed) {
	if f.feedURL == "" {
		return
	}
	c := clean.CanonicalURL(f.feedURL)
	if had := idx.byFeed[c]; had == nil || !had.subscribed && f.subscribed {
		idx.byFeed[c] = f
	}
}

// subscription is find for an address a subscription list names: where
// no subscription is stored under it, the subscription whose page it is
// the feed of, or, where nothing at all is stored under it, the page
// (read once, not subscribed) it was found on; so that the feed a page
// was found to have is not subscribed to a second time beside it,
// whichever of the two a file lists first.
func (idx *feedIndex) subscription(u string) *indexedFeed {
	f := idx.find(u)
	if f != nil && f.subscribed {
		return f
	}
	if page := idx.byFeed[clean.CanonicalURL(u)]; page != nil && (page.subscribed || f == nil) {
		return page
	}
	return f
}

func (idx *feedIndex) find(u string) *indexedFeed {
	if f := idx.byURL[u]; f != nil {
		return f
	}
	c := clean.CanonicalURL(u)
	if f := idx.byURL[c]; f != nil {
		return f
	}
	return idx.byCanon[c]
}
