package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"

	"sokbo/feed/clean"
)

// nameTaken reports whether a subscribed feed other than feedURL is shown
// by name: its name, or its title when it has none.
func nameTaken(ctx context.Context, tx querier, feedURL, name string) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, `
SELECT 1 FROM feeds WHERE url <> ?1 AND subscribed = 1 AND (name = ?2 OR (name = '' AND title = ?2)) LIMIT 1`,
		feedURL, name).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// autoName gives a subscribed feed with no name of its own a name of its
// own when its new title is already another subscribed feed's name: a
// Korean outlet's section feeds all carry the site's title. See
// distinctName. It is stored as the feed's name, so it stays through
// refreshes, and a rename replaces it. It looks only when the title
// changes, so a refresh of unchanged feeds costs no walk of them. It is
// read before the feed is saved; "" means no name.
func autoName(ctx context.Context, tx querier, feedURL, title string) (string, error) {
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
	return distinctName(ctx, tx, feedURL, title)
}

// distinctName is "" when no other subscribed feed is shown by title;
// else the title with what of the address tells the feeds apart
// ("가람일보 (politics)", from …/rss/politics.xml or …?sec=politics), or
// with a number ("가람일보 (2)").
func distinctName(ctx context.Context, tx querier, feedURL, title string) (string, error) {
	if taken, err := nameTaken(ctx, tx, feedURL, title); err != nil || !taken {
		return "", err
	}
	var tries []string
	if part := addressPart(feedURL); part != "" {
		tries = append(tries, fmt.Sprintf("%s (%s)", title, part))
	}
	for n := 2; n <= 99; n++ {
		tries = append(tries, fmt.Sprintf("%s (%d)", title, n))
	}
	for _, try := range tries {
		taken, err := nameTaken(ctx, tx, feedURL, try)
		if err != nil || !taken {
			return try, err
		}
	}
	return "", nil
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
