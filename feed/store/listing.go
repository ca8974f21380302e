package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"time"

	"sokbo/feed/clean"
)

// ListingRow is one numbered item of a listing: row N, and M = 1 for the
// row's own item, 2, 3 … for the items folded into it.
type ListingRow struct {
	N, M int
	ItemKey
}

// maxListings bounds the listings kept: one per set of sources listed,
// the most recent first.
const maxListings = 16

// SaveListing replaces the numbering of the listing of sources (the
// command line's sources; "" for the subscriptions) with rows, so that a
// later `read N` finds the item the listing printed as N, whatever came
// in since. Only the most recent few listings are kept. The numbering is
// one blob in one row: ten thousand numbers cost one write.
//
// A listing is worth less than the wait for a lock: beside another
// process's long write, it gives up after listingBusy and returns
// ErrBusy, and the list is printed all the same.
func (s *Store) SaveListing(ctx context.Context, sources string, rows []ListingRow) error {
	now := s.now().UnixNano()
	blob := encodeListing(rows)
	err := s.writeQuick(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO listings (sources, made, rows) VALUES (?1, ?2, ?3)
ON CONFLICT (sources) DO UPDATE SET made = ?2, rows = ?3`, sources, now, blob); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM listings WHERE sources NOT IN
			(SELECT sources FROM listings ORDER BY made DESC, sources LIMIT ?)`, maxListings)
		return err
	})
	if err != nil {
		return fmt.Errorf("saving the numbering of the list: %w", err)
	}
	return nil
}

// encodeListing writes rows as: the number of distinct feeds, each feed
// (length, bytes), then per row n, m, the feed's index and the ID
// (length, bytes), every number a uvarint.
func encodeListing(rows []ListingRow) []byte {
	feeds := map[string]int{}
	var order []string
	size := 0 // the blob's size, so that it is made once: 3 MB at 50k rows
	for _, r := range rows {
		if _, ok := feeds[r.Feed]; !ok {
			feeds[r.Feed] = len(order)
			order = append(order, r.Feed)
			size += uvarintLen(len(r.Feed)) + len(r.Feed)
		}
		size += uvarintLen(r.N) + uvarintLen(r.M) + uvarintLen(feeds[r.Feed]) + uvarintLen(len(r.ID)) + len(r.ID)
	}
	size += uvarintLen(len(order))
	b := make([]byte, 0, size)
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, f := range order {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	last, lastIndex := "", 0 // a feed's rows mostly come in runs
	for _, r := range rows {
		if r.Feed != last || last == "" {
			last, lastIndex = r.Feed, feeds[r.Feed]
		}
		b = binary.AppendUvarint(b, uint64(r.N))
		b = binary.AppendUvarint(b, uint64(r.M))
		b = binary.AppendUvarint(b, uint64(lastIndex))
		b = binary.AppendUvarint(b, uint64(len(r.ID)))
		b = append(b, r.ID...)
	}
	return b
}

// uvarintLen is how many bytes binary.AppendUvarint writes for n.
func uvarintLen(n int) int { return (bits.Len64(uint64(n)|1) + 6) / 7 }

// errBadListing is a listing blob that does not decode: a damaged cache.
var errBadListing = fmt.Errorf("a kept list numbering is damaged: %w", ErrCorrupt)

// eachListingRow calls fn with each row of an encoded listing until fn
// returns false.
func eachListingRow(b []byte, fn func(ListingRow) bool) error {
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	bytesOf := func() (string, bool) {
		n, ok := next()
		if !ok || n > uint64(len(b)) {
			return "", false
		}
		s := string(b[:n])
		b = b[n:]
		return s, true
	}
	count, ok := next()
	if !ok || count > uint64(len(b)) {
		return errBadListing
	}
	feeds := make([]string, count)
	for i := range feeds {
		if feeds[i], ok = bytesOf(); !ok {
			return errBadListing
		}
	}
	for len(b) > 0 {
		n, ok1 := next()
		m, ok2 := next()
		f, ok3 := next()
		id, ok4 := bytesOf()
		if !ok1 || !ok2 || !ok3 || !ok4 || f >= uint64(len(feeds)) {
			return errBadListing
		}
		if !fn(ListingRow{N: int(n), M: int(m), ItemKey: ItemKey{Feed: feeds[f], ID: id}}) {
			return nil
		}
	}
	return nil
}

// listing reads the encoded listing of sources; nil, false when none.
func (s *Store) listing(ctx context.Context, sources string) (made time.Time, rows []byte, ok bool, err error) {
	var n int64
	err = s.db.QueryRowContext(ctx, `SELECT made, rows FROM listings WHERE sources = ?`, sources).Scan(&n, &rows)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return time.Time{}, nil, false, nil
	case err != nil:
		return time.Time{}, nil, false, readError(err)
	}
	return time.Unix(0, n).UTC(), rows, true, nil
}

// Listing says whether a listing of sources is kept, and when it was made.
func (s *Store) Listing(ctx context.Context, sources string) (made time.Time, ok bool, err error) {
	made, _, ok, err = s.listing(ctx, sources)
	return made, ok, err
}

// ListingItem returns the item the listing of sources numbered n.m, or an
// error wrapping ErrNotFound when it numbered nothing so.
func (s *Store) ListingItem(ctx context.Context, sources string, n, m int) (ItemKey, error) {
	_, rows, ok, err := s.listing(ctx, sources)
	if err != nil {
		return ItemKey{}, err
	}
	var k ItemKey
	found := false
	if ok {
		if err := eachListingRow(rows, func(r ListingRow) bool {
			if r.N == n && r.M == m {
				k, found = r.ItemKey, true
			}
			return !found
		}); err != nil {
			return ItemKey{}, err
		}
	}
	if !found {
		return ItemKey{}, fmt.Errorf("item %d.%d of the list: %w", n, m, ErrNotFound)
	}
	return k, nil
}

// ListingMembers returns how many items row n of the listing of sources
// holds: 1 for an item of its own, more for a folded story, 0 for none.
func (s *Store) ListingMembers(ctx context.Context, sources string, n int) (int, error) {
	_, rows, ok, err := s.listing(ctx, sources)
	if err != nil || !ok {
		return 0, err
	}
	c := 0
	err = eachListingRow(rows, func(r ListingRow) bool {
		if r.N == n {
			c++
		}
		return true
	})
	return c, err
}

// ListingRows returns how many rows the listing of sources numbered: its
// last row's number, 0 for none.
func (s *Store) ListingRows(ctx context.Context, sources string) (int, error) {
	_, rows, ok, err := s.listing(ctx, sources)
	if err != nil || !ok {
		return 0, err
	}
	last := 0
	err = eachListingRow(rows, func(r ListingRow) bool {
		last = max(last, r.N)
		return true
	})
	return last, err
}

// WatchMark returns the newest item's first-seen time that the watch
// called name has printed, and false when it has never run.
func (s *Store) WatchMark(ctx context.Context, name string) (time.Time, bool, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT seen FROM watch_marks WHERE name = ?`, name).Scan(&n)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return time.Time{}, false, nil
	case err != nil:
		return time.Time{}, false, readError(err)
	}
	return time.Unix(0, n).UTC(), true, nil
}

// SetWatchMark records seen as the watch's mark. A mark never goes back:
// two watches of one name running at once keep the later of theirs.
func (s *Store) SetWatchMark(ctx context.Context, name string, seen time.Time) error {
	now := s.now().UnixNano()
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO watch_marks (name, seen, changed) VALUES (?1, ?2, ?3)
ON CONFLICT (name) DO UPDATE SET seen = max(seen, ?2), changed = ?3`, name, seen.UnixNano(), now)
		return err
	})
	if err != nil {
		return fmt.Errorf("saving the watch's mark: %w", err)
	}
	return nil
}

// SeenAfter returns the headlines first stored after t, in the order they
// were stored, at most limit of them (0: no limit). It reads an index on
// the time an item was first stored, so asking costs nothing when nothing
// came in.
func (s *Store) SeenAfter(ctx context.Context, t time.Time, limit int) ([]Headline, error) {
	if limit <= 0 {
		limit = -1
	}
	after := int64(math.MinInt64) // the zero time: everything
	if !t.IsZero() {
		after = t.UnixNano()
	}
	rows, err := s.db.QueryContext(ctx, `SELECT i.feed, i.id, i.title, i.link, i.published, i.categories, i.first_seen,
	COALESCE(NULLIF(f.name, ''), NULLIF(f.title, ''), f.url), COALESCE(st.read, 0), COALESCE(st.starred, 0)
FROM items i JOIN feeds f ON f.url = i.feed LEFT JOIN state st ON st.feed = i.feed AND st.id = i.id
WHERE i.first_seen > ? ORDER BY i.first_seen, i.sort_time, i.feed, i.id LIMIT ?`, after, limit)
	if err != nil {
		return nil, readError(err)
	}
	defer rows.Close()
	var out []Headline
	for rows.Next() {
		var h Headline
		var published sql.NullInt64
		var firstSeen int64
		var cats string
		if err := rows.Scan(&h.Feed, &h.ID, &h.Title, &h.Link, &published, &cats, &firstSeen, &h.FeedName, &h.Read, &h.Starred); err != nil {
			return nil, readError(err)
		}
		h.Published = fromPublished(published)
		h.FirstSeen = time.Unix(0, firstSeen).UTC()
		h.Categories = splitCategories(cats)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, readError(err)
	}
	return out, nil
}

// LastSeen returns when the newest item was first stored, or zero for an
// empty cache: one look at the index on first_seen.
func (s *Store) LastSeen(ctx context.Context) (time.Time, error) {
	var n sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT max(first_seen) FROM items`).Scan(&n); err != nil {
		return time.Time{}, readError(err)
	}
	return fromNullNanos(n), nil
}

// listingBusy is how long SaveListing waits for the write lock.
const listingBusy = 300 * time.Millisecond

// writeQuick is write with one attempt that waits at most listingBusy for
// the lock, on a connection of its own whose busy timeout is set for it
// and set back after.
func (s *Store) writeQuick(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return dbError(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", listingBusy.Milliseconds())); err != nil {
		return dbError(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA busy_timeout = %d", s.busy.Milliseconds()))
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return dbError(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return dbError(err)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err)
	}
	s.committed()
	return nil
}

// Claim claims the feed for a fetch by this process, and reports false
// when another holds a claim younger than lease: it is fetching the feed
// now. Release ends the claim; a claim older than lease counts for
// nothing, so a process that died holds nothing.
func (s *Store) Claim(ctx context.Context, feedURL string, lease time.Duration) (bool, error) {
	now := s.now()
	var n int64
	err := s.writeQuick(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `INSERT INTO feed_claims (url, at) VALUES (?1, ?2)
ON CONFLICT (url) DO UPDATE SET at = ?2 WHERE at < ?3 OR at > ?2`, feedURL, now.UnixNano(), now.Add(-lease).UnixNano())
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("claiming %s: %w", clean.OneLine(feedURL), err)
	}
	return n > 0, nil
}

// Release ends this process's claim on the feed.
func (s *Store) Release(ctx context.Context, feedURL string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM feed_claims WHERE url = ?`, feedURL)
		return err
	})
}

// FeedName is a feed to add by its address, with the user's name for it
// or "".
type FeedName struct {
	URL, Name string
}

// FeedClaim is what ClaimFeeds did with one feed.
type FeedClaim struct {
	// Key is the URL the feed is stored under: its URL, or another
	// spelling of it stored first.
	Key string
	// At is when it was claimed, zero when it was not: deferred, or
	// claimed by another process.
	At time.Time
	// Err is why the feed could not be added (an unprintable address).
	Err error
}

// ClaimFeeds adds feeds as AddFeed does and claims each as Claim does, in
// one transaction: a refresh of many feeds makes its writes before any
// fetch, so that its fetches do not wait for the write lock behind its
// saves. A feed whose server asked to be left alone past now (retry_at)
// is not claimed, nor one another process holds. Like Claim, it waits
// only briefly for the lock, and returns an error when it cannot have it.
func (s *Store) ClaimFeeds(ctx context.Context, feeds []FeedName, lease time.Duration, now time.Time) ([]FeedClaim, error) {
	out := make([]FeedClaim, len(feeds))
	at := s.now()
	err := s.writeQuick(ctx, func(tx *sql.Tx) error {
		// The stored feeds are read once, not walked for each feed that
		// is not stored as written (resolveFeed): on an empty cache that
		// walk was 80% of claiming 100 feeds, before any fetch began.
		ts := &txStmts{tx: tx}
		idx, err := loadFeedIndex(ctx, ts)
		if err != nil {
			return err
		}
		for i, f := range feeds {
			out[i] = FeedClaim{}
			if err := checkKey(f.URL); err != nil {
				out[i].Err = err
				continue
			}
			key := f.URL
			if stored := idx.find(f.URL); stored != nil {
				key = stored.url
			} else {
				idx.add(&indexedFeed{url: key})
			}
			out[i].Key = key
			if err := upsertFeedName(ctx, ts, key, f.Name); err != nil {
				return err
			}
			r, err := ts.ExecContext(ctx, `INSERT INTO feed_claims (url, at)
SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM feeds WHERE url = ?1 AND retry_at > ?4)
ON CONFLICT (url) DO UPDATE SET at = ?2 WHERE at < ?3 OR at > ?2`, key, at.UnixNano(), at.Add(-lease).UnixNano(), now.UnixNano())
			if err != nil {
				return err
			}
			if n, err := r.RowsAffected(); err != nil {
				return err
			} else if n > 0 {
				out[i].At = at
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claiming %d feeds: %w", len(feeds), err)
	}
	return out, nil
}

// Reclaim renews this process's claim on the feed, made at at (Claim's,
// ClaimFeeds' or Reclaim's own), and returns its new time; when the claim
// is no longer that one (it lapsed and another took it), it claims the
// feed as Claim does, and returns zero when another holds it.
func (s *Store) Reclaim(ctx context.Context, feedURL string, at time.Time, lease time.Duration) (time.Time, error) {
	now := s.now()
	var n int64
	err := s.writeQuick(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE feed_claims SET at = ?2 WHERE url = ?1 AND at = ?3`, feedURL, now.UnixNano(), at.UnixNano())
		if err != nil {
			return err
		}
		if n, err = r.RowsAffected(); err != nil || n > 0 {
			return err
		}
		r, err = tx.ExecContext(ctx, `INSERT INTO feed_claims (url, at) VALUES (?1, ?2)
ON CONFLICT (url) DO UPDATE SET at = ?2 WHERE at < ?3 OR at > ?2`, feedURL, now.UnixNano(), now.Add(-lease).UnixNano())
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("claiming %s: %w", clean.OneLine(feedURL), err)
	}
	if n == 0 {
		return time.Time{}, nil
	}
	return now, nil
}

// ReleaseClaims ends this process's claims, each on a feed by its key and
// the time it was made, in one transaction; a claim since taken by
// another process (this one's lapsed) is left to it.
func (s *Store) ReleaseClaims(ctx context.Context, claims map[string]time.Time) error {
	if len(claims) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		for key, at := range claims {
			if _, err := tx.ExecContext(ctx, `DELETE FROM feed_claims WHERE url = ? AND at = ?`, key, at.UnixNano()); err != nil {
				return err
			}
		}
		return nil
	})
}
