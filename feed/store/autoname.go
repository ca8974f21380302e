package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"

	"sokbo/feed/clean"
)

// nameTaken reports whether a feed other than feedURL is shown by name:
// a subscribed feed by its name, or its title when it has none, or a feed
// the config file lists (listed, from listedNames).
func nameTaken(ctx context.Context, tx querier, listed map[string]string, feedURL, name string) (bool, error) {
	if u, ok := listed[name]; ok && !clean.SameURL(u, feedURL) {
		return true, nil
	}
	var one int
	err := tx.QueryRowContext(ctx, `
SELECT 1 FROM feeds WHERE url <> ?1 AND subscribed = 1 AND (name = ?2 OR (name = '' AND title = ?2)) LIMIT 1`,
		feedURL, name).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// listedNames are the names the config file's feeds are shown by, each
// with the feed's address: its name in the file, or, where it gives none,
// the name or title the store holds of it. The store has no subscription
// of them, so nameTaken's query alone would not see them.
func (s *Store) listedNames(ctx context.Context, tx querier) (map[string]string, error) {
	out := make(map[string]string, len(s.listed))
	for _, l := range s.listed {
		name := l.Name
		if name == "" {
			key, _, err := resolveFeed(ctx, tx, l.URL)
			if err != nil {
				return nil, err
			}
			if key == "" {
				continue // never fetched: shown by its address
			}
			var stored, title string
			if err := tx.QueryRowContext(ctx, `SELECT name, title FROM feeds WHERE url = ?`, key).Scan(&stored, &title); err != nil {
				return nil, err
			}
			name = cmp.Or(stored, title)
		}
		if _, ok := out[name]; name != "" && !ok {
			out[name] = l.URL
		}
	}
	return out, nil
}

// autoName gives a subscribed feed with no name of its own a name of its
// own when its new title is already another feed's name: a Korean
// outlet's section feeds all carry the site's title. See distinctName.
// It is stored as the feed's name, so it stays through refreshes, and a
// rename replaces it. It looks only when the title changes, so a refresh
// of unchanged feeds costs no walk of them. It is read before the feed is
// saved; "" means no name.
func (s *Store) autoName(ctx context.Context, tx querier, feedURL, title string) (string, error) {
	if title == "" {
		return "", nil
	}
	var name, was string
	var subscribed bool
	err := tx.QueryRowContext(ctx, `SELECT name, title, subscribed FROM feeds WHERE url = ?`, feedURL).Scan(&name, &was, &subscribed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil // not subscribed: a one-off read, or a page's
	}
	if err != nil || name != "" || was == title || !subscribed {
		return "", err
	}
	return s.distinctName(ctx, tx, feedURL, title)
}

// distinctName is "" when no other feed, subscribed or in the config
// file, is shown by title; else the first of distinctTries that none is
// shown by.
func (s *Store) distinctName(ctx context.Context, tx querier, feedURL, title string) (string, error) {
	listed, err := s.listedNames(ctx, tx)
	if err != nil {
		return "", err
	}
	if taken, err := nameTaken(ctx, tx, listed, feedURL, title); err != nil || !taken {
		return "", err
	}
	for _, try := range distinctTries(feedURL, title) {
		taken, err := nameTaken(ctx, tx, listed, feedURL, try)
		if err != nil || !taken {
			return try, err
		}
	}
	return "", nil
}

// distinctTries are the names a feed at feedURL is given in turn where
// another is shown by name: name with what of the address tells the
// feeds apart ("가람일보 (politics)", from …/rss/politics.xml or
// …?sec=politics), then with a number ("가람일보 (2)").
func distinctTries(feedURL, name string) []string {
	var tries []string
	if part := addressPart(feedURL); part != "" {
		tries = append(tries, fmt.Sprintf("%s (%s)", name, part))
	}
	for n := 2; n <= 99; n++ {
		tries = append(tries, fmt.Sprintf("%s (%d)", name, n))
	}
	return tries
}

// addressPart is what of a feed's address names its section: the query's
// value(s), else the path's last segment that is not a generic feed name,
// without its extension. "" when there is none.
func addressPart(feedURL string) string {
	u, err := url.Parse(feedURL)
	if err != nil {
		return ""
	}
	part := ""
	if q := u.Query(); len(q) > 0 {
		var vals []string
		for _, vs := range q {
			for _, v := range vs {
				if v != "" {
					vals = append(vals, v)
				}
			}
		}
		if len(vals) == 1 {
			part = vals[0]
		} else {
			part = u.RawQuery
		}
		if part == "" {
			part = u.RawQuery
		}
	}
	if part == "" {
		segs := strings.Split(strings.Trim(u.Path, "/"), "/")
		for i := len(segs) - 1; i >= 0 && part == ""; i-- {
			s := strings.TrimSuffix(segs[i], path.Ext(segs[i]))
			switch strings.ToLower(s) {
			case "", "rss", "feed", "feeds", "atom", "index", "all", "xml", "rss2", "news":
				continue
			}
			part = s
		}
	}
	if d, err := url.PathUnescape(part); err == nil {
		part = d
	}
	return clean.CutBytes(clean.PlainText(part), 64)
}
