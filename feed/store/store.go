// Package store provides sokbo's offline cache: an embedded SQLite database
// (modernc.org/sqlite, pure Go) holding the feeds, every item with its body,
// and the reader's read and starred state.
//
// Nothing outside this package speaks SQL. Items are upserted by (feed URL,
// item ID), so a refresh never duplicates an item and never resets its read
// state, and an unchanged item is not rewritten. The schema is versioned
// with PRAGMA user_version and migrated on Open. The database runs in WAL
// mode so that the reader keeps reading while a refresh writes.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"sokbo/feed"
	"sokbo/feed/convert"
	"sokbo/feed/fetch"
)

// ErrNotFound is returned when a feed or an item is not in the store.
var ErrNotFound = errors.New("not in the offline cache")

// DefaultPath returns where the database lives by default:
// $XDG_DATA_HOME/sokbo/sokbo.db, or ~/.local/share/sokbo/sokbo.db.
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "sokbo", "sokbo.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the data directory: %w", err)
	}
	return filepath.Join(home, ".local", "share", "sokbo", "sokbo.db"), nil
}

// Options configure Open. The zero value opens the database at DefaultPath.
type Options struct {
	// Path is the database file (the --db flag); "" means DefaultPath.
	// Its directory is created if missing.
	Path string
	// Now reads the clock for first-seen and fetch times; nil means
	// time.Now.
	Now func() time.Time
}

// Store is the offline cache. Create it with Open and release it with
// Close. A Store is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
	// mu serialises this process's writers, so they queue here instead
	// of spinning on SQLite's busy timeout. Other processes (a cron
	// `sokbo refresh` beside an open TUI) still wait on the busy timeout.
	mu sync.Mutex
}

// Open opens the database, creating it and migrating its schema as needed.
func Open(ctx context.Context, opts Options) (*Store, error) {
	path := opts.Path
	if path == "" {
		p, err := DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating the data directory: %w", err)
	}
	q := url.Values{}
	q.Set("_busy_timeout", "5000")
	q.Set("_journal_mode", "WAL")
	// NORMAL is durable across a crash of sokbo itself; only a power cut
	// can lose the last commits, never corrupt the database.
	q.Set("_synchronous", "NORMAL")
	q.Set("_foreign_keys", "1")
	// Write transactions take the lock at BEGIN, so two writers never
	// deadlock upgrading a read lock.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Store{db: db, path: path, now: now}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// FeedInfo describes one cached feed.
type FeedInfo struct {
	URL   string // the subscription, as given
	Name  string // the user's name for it, or ""
	Title string // the feed's own title
	Link  string
	// FeedURL is where the feed was found when URL is an HTML page, or "".
	FeedURL    string
	Validators fetch.Validators
	// LastFetch is the last attempt; LastSuccess the last one that
	// succeeded or answered 304. Both are zero when never fetched.
	LastFetch   time.Time
	LastSuccess time.Time
	// LastError is the last attempt's error, or "" when it succeeded.
	LastError string
	Items     int
	Unread    int
	// Subscribed is true for a feed added by Subscribe, false for one
	// only cached because it was read by URL.
	Subscribed bool
}

// DisplayName returns the user's name for the feed, its title, or its URL.
func (f FeedInfo) DisplayName() string {
	switch {
	case f.Name != "":
		return f.Name
	case f.Title != "":
		return f.Title
	}
	return f.URL
}

// FetchURL returns the address to fetch: FeedURL once discovered, else URL.
func (f FeedInfo) FetchURL() string {
	if f.FeedURL != "" {
		return f.FeedURL
	}
	return f.URL
}

// Headline is an item as the list shows it, without its body.
type Headline struct {
	Feed     string // the feed's URL, its key in the store
	FeedName string // FeedInfo.DisplayName of the feed
	ID       string
	Title    string
	Link     string
	// Published is the zero time when the item has no readable date.
	Published  time.Time
	Categories []string
	FirstSeen  time.Time
	Read       bool
	Starred    bool
}

// Article is one item with its body and state.
type Article struct {
	Feed string
	Item *feed.Item
	// Markdown is the cached conversion of the body set by SetMarkdown;
	// HasMarkdown is false when there is none or the body has changed
	// since.
	Markdown    string
	HasMarkdown bool
	FirstSeen   time.Time
	Read        bool
	Starred     bool
}

// Query selects headlines. The zero value selects every item.
type Query struct {
	Feed        string // only this feed's items; "" means all feeds
	UnreadOnly  bool
	StarredOnly bool
	Limit       int // at most this many; 0 means no limit
}

// AddFeed records a feed in the cache, or renames it when name is not "".
// It does not subscribe to it; see Subscribe.
func (s *Store) AddFeed(ctx context.Context, feedURL, name string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		return upsertFeedName(ctx, tx, feedURL, name)
	})
}

func upsertFeedName(ctx context.Context, tx *sql.Tx, feedURL, name string) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO feeds (url, name) VALUES (?1, ?2)
ON CONFLICT (url) DO UPDATE SET name = ?2 WHERE ?2 <> '' AND name IS NOT ?2`, feedURL, name)
	return err
}

// Subscribe records a subscription: the feed is listed and refreshed by
// default from now on. A non-empty name renames it.
func (s *Store) Subscribe(ctx context.Context, feedURL, name string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := upsertFeedName(ctx, tx, feedURL, name); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE feeds SET subscribed = 1 WHERE url = ?`, feedURL)
		return err
	})
}

// RemoveFeed deletes a feed with its items and their state.
func (s *Store) RemoveFeed(ctx context.Context, feedURL string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM state WHERE feed = ?`, feedURL); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM items WHERE feed = ?`, feedURL); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE url = ?`, feedURL)
		return err
	})
}

// feedColumns are a feed's own columns; countColumns count its items and
// its read items, which costs a walk of its index entries, so only Feed
// asks for them.
const (
	feedColumns = `
	f.url, f.name, f.title, f.link, f.feed_url, f.etag, f.last_modified,
	f.last_fetch, f.last_ok, f.last_error, f.subscribed`
	countColumns = `,
	(SELECT count(*) FROM items i WHERE i.feed = f.url),
	(SELECT count(*) FROM state s WHERE s.feed = f.url AND s.read
		AND EXISTS (SELECT 1 FROM items i WHERE i.feed = s.feed AND i.id = s.id))`
)

func scanFeed(sc interface{ Scan(...any) error }, counts bool) (FeedInfo, error) {
	var f FeedInfo
	var lastFetch, lastOK sql.NullInt64
	dest := []any{&f.URL, &f.Name, &f.Title, &f.Link, &f.FeedURL, &f.Validators.ETag, &f.Validators.LastModified,
		&lastFetch, &lastOK, &f.LastError, &f.Subscribed}
	if counts {
		dest = append(dest, &f.Items, &f.Unread)
	}
	err := sc.Scan(dest...)
	f.Unread = f.Items - f.Unread // the query counts the read ones
	f.LastFetch = fromNullNanos(lastFetch)
	f.LastSuccess = fromNullNanos(lastOK)
	return f, err
}

// Feeds lists every cached feed, by display name. Items and Unread are
// left zero: counting them walks every item, and Feed does it for one.
func (s *Store) Feeds(ctx context.Context) ([]FeedInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds f
ORDER BY lower(COALESCE(NULLIF(f.name, ''), NULLIF(f.title, ''), f.url))`)
	if err != nil {
		return nil, fmt.Errorf("listing feeds: %w", err)
	}
	defer rows.Close()
	var out []FeedInfo
	for rows.Next() {
		f, err := scanFeed(rows, false)
		if err != nil {
			return nil, fmt.Errorf("listing feeds: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing feeds: %w", err)
	}
	return out, nil
}

// Feed returns one feed, or an error wrapping ErrNotFound.
func (s *Store) Feed(ctx context.Context, feedURL string) (FeedInfo, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, `SELECT `+feedColumns+countColumns+` FROM feeds f WHERE f.url = ?`, feedURL), true)
	if errors.Is(err, sql.ErrNoRows) {
		return FeedInfo{}, fmt.Errorf("feed %s: %w", feedURL, ErrNotFound)
	}
	if err != nil {
		return FeedInfo{}, fmt.Errorf("reading feed %s: %w", feedURL, err)
	}
	return f, nil
}

// FetchResult is what a successful fetch of a feed tells the store besides
// its items.
type FetchResult struct {
	// FeedURL is the address the feed was found at by discovery, or "".
	FeedURL string
	// Validators are the new response's ETag and Last-Modified.
	Validators fetch.Validators
}

// SaveResult counts what SaveFeed did to the items.
type SaveResult struct {
	New       int // not in the store before
	Updated   int // in the store, with something changed
	Unchanged int // in the store as they are; not rewritten
}

// SaveFeed stores a freshly fetched feed in one transaction: the feed's
// title, link and validators, the fetch time, a cleared error, and every
// item, upserted by ID. Read and starred state are untouched. Items that
// dropped out of the feed stay in the cache.
func (s *Store) SaveFeed(ctx context.Context, feedURL string, f *feed.Feed, res FetchResult) (SaveResult, error) {
	var out SaveResult
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = SaveResult{}
		if _, err := tx.ExecContext(ctx, `
INSERT INTO feeds (url, title, link, feed_url, etag, last_modified, last_fetch, last_ok, last_error)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, '')
ON CONFLICT (url) DO UPDATE SET
	title = ?2, link = ?3, feed_url = ?4, etag = ?5, last_modified = ?6,
	last_fetch = ?7, last_ok = ?7, last_error = ''`,
			feedURL, f.Title, f.Link, res.FeedURL, res.Validators.ETag, res.Validators.LastModified, now.UnixNano()); err != nil {
			return fmt.Errorf("saving feed: %w", err)
		}
		return upsertItems(ctx, tx, feedURL, f.Items, now, &out)
	})
	if err != nil {
		return SaveResult{}, fmt.Errorf("storing %s: %w", feedURL, err)
	}
	return out, nil
}

// upsertItemSQL inserts an item, or rewrites it only when a field changed:
// an unchanged item costs a lookup and no write. SET reads the old row, so
// the Markdown cache survives unless the body changed, and an undated item
// keeps its sort position.
const upsertItemSQL = `
INSERT INTO items (feed, id, title, link, published, sort_time, author, categories,
	summary, image, body, format, source, first_seen, updated)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)
ON CONFLICT (feed, id) DO UPDATE SET
	title = ?3, link = ?4, published = ?5,
	sort_time = CASE WHEN ?5 IS NOT NULL THEN ?5 ELSE sort_time END,
	author = ?7, categories = ?8, summary = ?9, image = ?10,
	markdown = CASE WHEN body IS ?11 AND format IS ?12 THEN markdown END,
	body = ?11, format = ?12, source = ?13, updated = ?14
WHERE title IS NOT ?3 OR link IS NOT ?4 OR published IS NOT ?5 OR author IS NOT ?7
	OR categories IS NOT ?8 OR summary IS NOT ?9 OR image IS NOT ?10
	OR body IS NOT ?11 OR format IS NOT ?12 OR source IS NOT ?13`

func upsertItems(ctx context.Context, tx *sql.Tx, feedURL string, items []*feed.Item, now time.Time, out *SaveResult) error {
	countItems := func() (int, error) {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM items WHERE feed = ?`, feedURL).Scan(&n)
		return n, err
	}
	before, err := countItems()
	if err != nil {
		return err
	}
	upsert, err := tx.PrepareContext(ctx, upsertItemSQL)
	if err != nil {
		return err
	}
	defer upsert.Close()

	sortTimes := neighbourTimes(items, now)
	written, total := 0, 0
	for i, it := range items {
		if it == nil {
			continue
		}
		total++
		var published any
		if !it.Published.IsZero() {
			published = it.Published.UnixNano()
		}
		r, err := upsert.ExecContext(ctx,
			feedURL, itemID(it), it.Title, it.Link, published, sortTimes[i], it.Author,
			joinCategories(it.Categories), it.Summary, it.Image, it.Body, int(it.Format), it.Source,
			now.UnixNano())
		if err != nil {
			return fmt.Errorf("saving item %s: %w", it.ID, err)
		}
		n, err := r.RowsAffected()
		if err != nil {
			return err
		}
		written += int(n)
	}
	// A row written is new or updated; the count tells which.
	after, err := countItems()
	if err != nil {
		return err
	}
	out.New = after - before
	out.Updated = written - out.New
	out.Unchanged = total - written
	return nil
}

// neighbourTimes gives each item the time it sorts by: its own date, or for
// an undated item the date of the nearest dated item above it in the feed
// (below, when none is above), so that it keeps its place among its
// neighbours in a merged list instead of jumping to the top or the bottom.
// The times strictly decrease down the feed, a nanosecond apart where
// dates tie, so the feed's own order is the order of the times and the
// headline index needs no tie-break of its own.
func neighbourTimes(items []*feed.Item, now time.Time) []int64 {
	out := make([]int64, len(items))
	var above int64
	haveAbove := false
	for i, it := range items {
		switch {
		case it != nil && !it.Published.IsZero():
			above, haveAbove = it.Published.UnixNano(), true
			out[i] = above
		case haveAbove:
			out[i] = above
		default:
			out[i] = now.UnixNano()
			for _, next := range items[i+1:] {
				if next != nil && !next.Published.IsZero() {
					out[i] = next.Published.UnixNano()
					break
				}
			}
		}
		if i > 0 && out[i] >= out[i-1] {
			out[i] = out[i-1] - 1
		}
	}
	return out
}

// itemID is the item's ID, or a stand-in for a source that gave none.
func itemID(it *feed.Item) string {
	switch {
	case it.ID != "":
		return it.ID
	case it.Link != "":
		return it.Link
	}
	return "title:" + it.Title
}

// categorySep joins categories in one column. Cleaned text never holds
// control characters; any that slipped through are dropped.
const categorySep = "\x1f"

func joinCategories(cats []string) string {
	clean := make([]string, 0, len(cats))
	for _, c := range cats {
		if c = strings.ReplaceAll(c, categorySep, ""); c != "" {
			clean = append(clean, c)
		}
	}
	return strings.Join(clean, categorySep)
}

func splitCategories(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, categorySep)
}

// SaveNotModified records a fetch answered 304: the feed is current.
func (s *Store) SaveNotModified(ctx context.Context, feedURL string) error {
	now := s.now().UnixNano()
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
INSERT INTO feeds (url, last_fetch, last_ok) VALUES (?1, ?2, ?2)
ON CONFLICT (url) DO UPDATE SET last_fetch = ?2, last_ok = ?2, last_error = ''`, feedURL, now)
		return err
	})
}

// SaveError records a failed fetch. The feed's items stay.
func (s *Store) SaveError(ctx context.Context, feedURL string, fetchErr error) error {
	msg := "unknown error"
	if fetchErr != nil {
		msg = fetchErr.Error()
	}
	now := s.now().UnixNano()
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
INSERT INTO feeds (url, last_fetch, last_error) VALUES (?1, ?2, ?3)
ON CONFLICT (url) DO UPDATE SET last_fetch = ?2, last_error = ?3`, feedURL, now, msg)
		return err
	})
}

// Headlines lists items newest first, without their bodies. Undated items
// sit beside their neighbours in their feed.
//
// The items come from one scan of a covering index; feed names and
// read/starred state, both small, are read apart and joined here, so the
// list of ten thousand headlines costs one pass over compact pages.
func (s *Store) Headlines(ctx context.Context, q Query) ([]Headline, error) {
	// Size the result once: growing a slice of ten thousand headlines
	// copies it a dozen times.
	countQuery, args := `SELECT count(*) FROM items`, []any{}
	if q.Feed != "" {
		countQuery += ` WHERE feed = ?`
		args = append(args, q.Feed)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, countQuery, args...).Scan(&n); err != nil {
		return nil, fmt.Errorf("listing headlines: %w", err)
	}
	if q.Limit > 0 {
		n = min(n, q.Limit)
	}
	out := make([]Headline, 0, n)
	err := s.EachHeadline(ctx, q, func(h *Headline) error {
		out = append(out, *h)
		return nil
	})
	return out, err
}

// EachHeadline calls fn with each headline Headlines would list, in order,
// without building the list; fn must not keep h. An error from fn stops
// the walk and is returned.
func (s *Store) EachHeadline(ctx context.Context, q Query, fn func(h *Headline) error) error {
	names, err := s.feedNames(ctx)
	if err != nil {
		return fmt.Errorf("listing headlines: %w", err)
	}
	states, err := s.states(ctx, q.Feed)
	if err != nil {
		return fmt.Errorf("listing headlines: %w", err)
	}
	// The order is the covering index's own: no sort step.
	query, args := `SELECT feed, id, title, link, published, categories, first_seen FROM items`, []any{}
	if q.Feed != "" {
		query += ` WHERE feed = ?`
		args = append(args, q.Feed)
	}
	query += ` ORDER BY sort_time DESC, feed, id`
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("listing headlines: %w", err)
	}
	defer rows.Close()
	var (
		h         Headline
		feedRaw   sql.RawBytes
		cats      sql.RawBytes
		published sql.NullInt64
		firstSeen int64
		count     int
		interned  = map[string]string{}
	)
	for rows.Next() {
		if err := rows.Scan(&feedRaw, &h.ID, &h.Title, &h.Link, &published, &cats, &firstSeen); err != nil {
			return fmt.Errorf("listing headlines: %w", err)
		}
		// Every headline of a feed shares one copy of its URL.
		if h.Feed != string(feedRaw) {
			u, ok := interned[string(feedRaw)]
			if !ok {
				u = string(feedRaw)
				interned[u] = u
			}
			h.Feed = u
		}
		st := states[stateKey{h.Feed, h.ID}]
		if (q.UnreadOnly && st.read) || (q.StarredOnly && !st.starred) {
			continue
		}
		h.Read, h.Starred = st.read, st.starred
		h.FeedName = names[h.Feed]
		h.Published = fromNullNanos(published)
		h.Categories = splitCategories(string(cats))
		h.FirstSeen = time.Unix(0, firstSeen).UTC()
		if err := fn(&h); err != nil {
			return err
		}
		if count++; q.Limit > 0 && count == q.Limit {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("listing headlines: %w", err)
	}
	return nil
}

// feedNames maps each feed's URL to its display name.
func (s *Store) feedNames(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT url, COALESCE(NULLIF(name, ''), NULLIF(title, ''), url) FROM feeds`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[string]string{}
	for rows.Next() {
		var u, name string
		if err := rows.Scan(&u, &name); err != nil {
			return nil, err
		}
		names[u] = name
	}
	return names, rows.Err()
}

type stateKey struct{ feed, id string }

// State is an item's marks.
type State struct{ Read, Starred bool }

// States returns the marks kept under one feed key, by item ID: those of
// a cached feed, or of a local source's items, which have no rows in the
// cache but keep their marks here.
func (s *Store) States(ctx context.Context, feedKey string) (map[string]State, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, read, starred FROM state WHERE feed = ? AND (read OR starred)`, feedKey)
	if err != nil {
		return nil, fmt.Errorf("reading marks: %w", err)
	}
	defer rows.Close()
	out := map[string]State{}
	for rows.Next() {
		var id string
		var st State
		if err := rows.Scan(&id, &st.Read, &st.Starred); err != nil {
			return nil, fmt.Errorf("reading marks: %w", err)
		}
		out[id] = st
	}
	return out, rows.Err()
}

type itemState struct{ read, starred bool }

// states returns the read and starred items, of one feed or all.
func (s *Store) states(ctx context.Context, feedURL string) (map[stateKey]itemState, error) {
	query := `SELECT feed, id, read, starred FROM state WHERE (read OR starred)`
	var args []any
	if feedURL != "" {
		query += ` AND feed = ?`
		args = append(args, feedURL)
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[stateKey]itemState{}
	for rows.Next() {
		var k stateKey
		var st itemState
		if err := rows.Scan(&k.feed, &k.id, &st.read, &st.starred); err != nil {
			return nil, err
		}
		out[k] = st
	}
	return out, rows.Err()
}

const itemColumns = `i.id, i.title, i.link, i.published, i.author, i.categories, i.summary,
	i.image, i.body, i.format, i.source, i.markdown, i.first_seen,
	COALESCE(s.read, 0), COALESCE(s.starred, 0)`

func scanArticle(sc interface{ Scan(...any) error }) (*Article, error) {
	it := &feed.Item{}
	a := &Article{Item: it}
	var published sql.NullInt64
	var markdown sql.NullString
	var cats string
	var format int
	var firstSeen int64
	if err := sc.Scan(&it.ID, &it.Title, &it.Link, &published, &it.Author, &cats, &it.Summary,
		&it.Image, &it.Body, &format, &it.Source, &markdown, &firstSeen, &a.Read, &a.Starred); err != nil {
		return nil, err
	}
	it.Published = fromNullNanos(published)
	it.Categories = splitCategories(cats)
	it.Format = feed.BodyFormat(format)
	a.Markdown, a.HasMarkdown = markdown.String, markdown.Valid
	a.FirstSeen = time.Unix(0, firstSeen).UTC()
	return a, nil
}

// Article returns one item with its body, or an error wrapping ErrNotFound.
func (s *Store) Article(ctx context.Context, feedURL, id string) (*Article, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+itemColumns+`
FROM items i LEFT JOIN state s ON s.feed = i.feed AND s.id = i.id
WHERE i.feed = ? AND i.id = ?`, feedURL, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("item %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reading item %s: %w", id, err)
	}
	a.Feed = feedURL
	return a, nil
}

// LoadFeed returns a cached feed with all its items and their bodies,
// ordered as Headlines orders them: what feed.Load would have returned
// when the feed was last fetched, plus older items since dropped from it.
// It returns an error wrapping ErrNotFound for a feed never stored.
func (s *Store) LoadFeed(ctx context.Context, feedURL string) (*feed.Feed, error) {
	info, err := s.Feed(ctx, feedURL)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+itemColumns+`
FROM items i LEFT JOIN state s ON s.feed = i.feed AND s.id = i.id
WHERE i.feed = ? ORDER BY i.sort_time DESC, i.rowid`, feedURL)
	if err != nil {
		return nil, fmt.Errorf("reading feed %s: %w", feedURL, err)
	}
	defer rows.Close()
	f := &feed.Feed{Title: info.Title, Link: info.Link, Source: feedURL}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("reading feed %s: %w", feedURL, err)
		}
		f.Items = append(f.Items, a.Item)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading feed %s: %w", feedURL, err)
	}
	return f, nil
}

// SetRead marks an item read or unread.
func (s *Store) SetRead(ctx context.Context, feedURL, id string, read bool) error {
	return s.setState(ctx, "read", feedURL, id, read)
}

// SetStarred stars or unstars an item.
func (s *Store) SetStarred(ctx context.Context, feedURL, id string, starred bool) error {
	return s.setState(ctx, "starred", feedURL, id, starred)
}

func (s *Store) setState(ctx context.Context, column, feedURL, id string, on bool) error {
	// column is one of two constants above, never user input.
	query := `INSERT INTO state (feed, id, ` + column + `, changed) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (feed, id) DO UPDATE SET ` + column + ` = ?3, changed = ?4 WHERE ` + column + ` IS NOT ?3`
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, feedURL, id, on, s.now().UnixNano())
		return err
	})
	if err != nil {
		return fmt.Errorf("marking %s %s: %w", id, column, err)
	}
	return nil
}

// MarkAllRead marks every item of a feed read; "" means every feed.
func (s *Store) MarkAllRead(ctx context.Context, feedURL string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
INSERT INTO state (feed, id, read, changed)
SELECT feed, id, 1, ?2 FROM items WHERE ?1 = '' OR feed = ?1
ON CONFLICT (feed, id) DO UPDATE SET read = 1, changed = ?2 WHERE NOT read`, feedURL, s.now().UnixNano())
		return err
	})
	if err != nil {
		return fmt.Errorf("marking all read: %w", err)
	}
	return nil
}

// UnreadCount counts unread items of a feed; "" means every feed.
func (s *Store) UnreadCount(ctx context.Context, feedURL string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `
SELECT count(*) FROM items i LEFT JOIN state s ON s.feed = i.feed AND s.id = i.id
WHERE (?1 = '' OR i.feed = ?1) AND NOT COALESCE(s.read, 0)`, feedURL).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("counting unread items: %w", err)
	}
	return n, nil
}

// SetMarkdown caches the Markdown conversion of an item's body, so that
// HTML→Markdown runs once per item, off the refresh path. The cache is
// dropped when a refresh changes the body.
func (s *Store) SetMarkdown(ctx context.Context, feedURL, id, markdown string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE items SET markdown = ?3 WHERE feed = ?1 AND id = ?2`, feedURL, id, markdown)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("caching markdown of %s: %w", id, err)
	}
	return nil
}

// ReadArticle returns an item with its body and its Markdown, as opening
// it needs: the cached conversion when there is one, otherwise the body
// converted by convert.Markdown now and cached for next time. The item's
// Source is the feed's URL, the key it is stored under.
func (s *Store) ReadArticle(ctx context.Context, feedURL, id string) (*feed.Item, string, error) {
	a, err := s.Article(ctx, feedURL, id)
	if err != nil {
		return nil, "", err
	}
	a.Item.Source = feedURL
	if a.HasMarkdown {
		return a.Item, a.Markdown, nil
	}
	md, err := convert.Markdown(a.Item)
	if err != nil {
		return nil, "", err
	}
	// A failure to cache costs only a conversion the next time.
	_ = s.SetMarkdown(ctx, feedURL, id, md)
	return a.Item, md, nil
}

// write runs fn in a write transaction, committing when it returns nil.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func fromNullNanos(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}
