package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/convert"
)

// FullText is the full text of an item, extracted from its page and kept
// beside the body its feed gave, or, with Err set, why the last attempt to
// extract it failed.
type FullText struct {
	// URL is the page it came from, after redirects.
	URL string
	// Fetched is when the page was fetched, or the attempt failed.
	Fetched time.Time
	// Via says how the body was found: "rule:" and a rule's name, or
	// "readability".
	Via string
	// HTML is the extracted body, an HTML fragment in the shape
	// fulltext.Article.HTML has: not sanitised until it is converted.
	// It is "" for a failed attempt.
	HTML string
	// Err is the one-line reason the last attempt failed; "" when it did
	// not.
	Err string
}

// Failed reports whether ft records a failed attempt rather than a body.
func (ft *FullText) Failed() bool { return ft.HTML == "" }

// ErrStale is returned by SaveFullText when the item's link is no longer
// the one the page was fetched for: the item changed meanwhile, and the
// page may not be its article any more.
var ErrStale = errors.New("the item changed while its page was fetched")

// SaveFullText keeps ft as the full text, or the failed attempt, of the
// item (feedURL, id), in place of what was kept before. link is the
// item's link the page was fetched for: when the item's link is another
// by now, nothing is kept and the error wraps ErrStale. An item not in
// the store gives an error wrapping ErrNotFound.
func (s *Store) SaveFullText(ctx context.Context, feedURL, id, link string, ft FullText) error {
	fetched := ft.Fetched
	if fetched.IsZero() {
		fetched = s.now()
	}
	errText := clean.CutBytes(clean.OneLine(ft.Err), maxErrorBytes)
	if ft.HTML == "" && errText == "" {
		errText = "no article text"
	}
	if ft.HTML != "" {
		errText = ""
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var current string
		err := tx.QueryRowContext(ctx, `SELECT link FROM items WHERE feed = ? AND id = ?`, feedURL, id).Scan(&current)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if current != link {
			return ErrStale
		}
		_, err = tx.ExecContext(ctx, `
INSERT INTO fulltext (feed, id, link, url, fetched, via, html, error, markdown)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)
ON CONFLICT (feed, id) DO UPDATE SET
	link = ?3, url = ?4, fetched = ?5, via = ?6, html = ?7, error = ?8, markdown = NULL`,
			feedURL, id, link, ft.URL, fetched.UnixNano(), ft.Via, ft.HTML, errText)
		return err
	})
	if err != nil {
		return fmt.Errorf("keeping the full text of %s: %w", clean.OneLine(id), err)
	}
	return nil
}

// FullText returns what is kept of the item's full text: the body, or
// the failed attempt (see FullText.Failed). It returns an error wrapping
// ErrNotFound when nothing is.
func (s *Store) FullText(ctx context.Context, feedURL, id string) (*FullText, error) {
	ft, _, err := s.fullText(ctx, feedURL, id)
	return ft, err
}

func (s *Store) fullText(ctx context.Context, feedURL, id string) (*FullText, sql.NullString, error) {
	var ft FullText
	var fetched int64
	var md sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT url, fetched, via, html, error, markdown FROM fulltext WHERE feed = ? AND id = ?`,
		feedURL, id).Scan(&ft.URL, &fetched, &ft.Via, &ft.HTML, &ft.Err, &md)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, md, fmt.Errorf("full text of %s: %w", clean.OneLine(id), ErrNotFound)
	}
	if err != nil {
		return nil, md, fmt.Errorf("reading the full text of %s: %w", clean.OneLine(id), dbError(err))
	}
	ft.Fetched = time.Unix(0, fetched).UTC()
	return &ft, md, nil
}

// ReadFullText returns the item with its full text in place of its feed's
// body, the Markdown of that, and the full text's record: what opening the
// article shows once its full text is kept. The Markdown is converted by
// convert.Markdown, as every feed body is, once, and kept. The item keeps
// its own title, date and link. It returns an error wrapping ErrNotFound
// when no full text is kept for the item, or only a failed attempt.
func (s *Store) ReadFullText(ctx context.Context, feedURL, id string) (*feed.Item, string, *FullText, error) {
	ft, md, err := s.fullText(ctx, feedURL, id)
	if err != nil {
		return nil, "", nil, err
	}
	if ft.Failed() {
		return nil, "", ft, fmt.Errorf("full text of %s: %w", clean.OneLine(id), ErrNotFound)
	}
	a, err := s.Article(ctx, feedURL, id)
	if err != nil {
		return nil, "", nil, err
	}
	it := a.Item
	it.Source = feedURL
	it.Body, it.Format = ft.HTML, feed.FormatHTML
	if md.Valid {
		return it, md.String, ft, nil
	}
	out, err := convert.Markdown(it)
	if err != nil {
		return nil, "", nil, err
	}
	// A failure to keep it costs only a conversion the next time (and a
	// read-only store cannot keep it).
	_ = s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE fulltext SET markdown = ?3 WHERE feed = ?1 AND id = ?2 AND html = ?4`, feedURL, id, out, ft.HTML)
		return err
	})
	return it, out, ft, nil
}

// FullTextJob is an item whose full text is to be fetched.
type FullTextJob struct {
	ID, Title, Link string
}

// MissingFullText lists the items among a feed's newest window whose
// full text is to be fetched: those with a link and nothing kept of their
// full text, not even a failed attempt. After a refresh these are the
// items it brought and the ones whose body or link it changed. Newest
// first.
func (s *Store) MissingFullText(ctx context.Context, feedURL string, window int) ([]FullTextJob, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT i.id, i.title, i.link FROM (
	SELECT id, title, link, sort_time FROM items INDEXED BY items_by_feed_time_id
	WHERE feed = ?1 ORDER BY sort_time DESC LIMIT ?2) i
WHERE i.link != ''
	AND NOT EXISTS (SELECT 1 FROM fulltext f WHERE f.feed = ?1 AND f.id = i.id)
ORDER BY i.sort_time DESC`, feedURL, window)
	if err != nil {
		return nil, fmt.Errorf("listing items for their full text: %w", dbError(err))
	}
	defer rows.Close()
	var out []FullTextJob
	for rows.Next() {
		var j FullTextJob
		if err := rows.Scan(&j.ID, &j.Title, &j.Link); err != nil {
			return nil, fmt.Errorf("listing items for their full text: %w", dbError(err))
		}
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing items for their full text: %w", dbError(err))
	}
	return out, nil
}

// FullTextItems returns the items whose full text is kept, as IDs by feed
// URL. Failed attempts are not among them.
func (s *Store) FullTextItems(ctx context.Context) (map[string]map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT feed, id FROM fulltext WHERE html != ''`)
	if err != nil {
		return nil, fmt.Errorf("reading full texts: %w", dbError(err))
	}
	defer rows.Close()
	out := map[string]map[string]bool{}
	for rows.Next() {
		var f, id string
		if err := rows.Scan(&f, &id); err != nil {
			return nil, fmt.Errorf("reading full texts: %w", dbError(err))
		}
		if out[f] == nil {
			out[f] = map[string]bool{}
		}
		out[f][id] = true
	}
	return out, rows.Err()
}

// RecentBodies calls fn with the bodies of a feed's newest n items, newest
// first, until fn returns false. An item without a body gives its summary,
// plain text, as FormatMarkdown. It reads nothing else of the items.
func (s *Store) RecentBodies(ctx context.Context, feedURL string, n int, fn func(body string, format feed.BodyFormat) bool) error {
	rows, err := s.db.QueryContext(ctx, `
SELECT CASE WHEN body != '' THEN body ELSE summary END, CASE WHEN body != '' THEN format ELSE 1 END
FROM items INDEXED BY items_by_feed_time_id WHERE feed = ? ORDER BY sort_time DESC LIMIT ?`, feedURL, n)
	if err != nil {
		return fmt.Errorf("reading bodies: %w", dbError(err))
	}
	defer rows.Close()
	for rows.Next() {
		var body string
		var format int
		if err := rows.Scan(&body, &format); err != nil {
			return fmt.Errorf("reading bodies: %w", dbError(err))
		}
		if !fn(body, feed.BodyFormat(format)) {
			return nil
		}
	}
	return rows.Err()
}

// addFullTextSizes adds the full texts kept to the feeds' sizes.
func (s *Store) addFullTextSizes(ctx context.Context, sizes map[string]FeedSize) error {
	rows, err := s.db.QueryContext(ctx, `SELECT feed, sum(
	octet_length(id) + octet_length(link) + octet_length(url) + octet_length(via) +
	octet_length(html) + octet_length(error) + coalesce(octet_length(markdown), 0))
FROM fulltext GROUP BY feed`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		var n int64
		if err := rows.Scan(&u, &n); err != nil {
			return err
		}
		if fs, ok := sizes[u]; ok {
			fs.Bytes += n
			sizes[u] = fs
		}
	}
	return rows.Err()
}
