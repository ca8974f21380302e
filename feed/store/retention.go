package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Retention defaults: what a feed keeps when Options.Retention is zero.
const (
	DefaultKeep     = 90 * 24 * time.Hour
	DefaultMaxItems = 5000
)

// compactAfter is how many items one save must delete before the store
// gives the freed pages back and checkpoints the WAL.
const compactAfter = 256

// Retention bounds what the store keeps of each feed. Starred items are
// never dropped, and neither is an item the feed still lists as last
// fetched: it would only come back, as new, on the next refresh.
type Retention struct {
	// Keep drops items dated (for an undated item: sorted as) longer ago
	// than Keep. 0 means DefaultKeep; a negative value keeps every age.
	Keep time.Duration
	// MaxItems keeps at most this many items per feed, the newest; 0
	// means DefaultMaxItems, a negative value sets no cap.
	MaxItems int
}

func (r Retention) withDefaults() Retention {
	if r.Keep == 0 {
		r.Keep = DefaultKeep
	}
	if r.MaxItems == 0 {
		r.MaxItems = DefaultMaxItems
	}
	return r
}

// retain applies the store's Retention to one feed inside a save, given
// the IDs the feed lists now. It returns how many items it deleted. The
// walk reads the (feed, sort_time, id) index only, and happens only when
// the feed is over its cap (feed_counts says) or holds an item past its
// age (one probe of that index says).
func (s *Store) retain(ctx context.Context, tx *txStmts, feedURL string, current map[string]bool, now time.Time) (int, error) {
	r := s.keep
	if r.Keep < 0 && r.MaxItems < 0 {
		return 0, nil
	}
	cutoff := int64(-1 << 63)
	if r.Keep >= 0 {
		cutoff = now.Add(-r.Keep).UnixNano()
	}
	n, err := feedItems(ctx, tx, feedURL)
	if err != nil {
		return 0, err
	}
	var oldest sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT min(sort_time) FROM items WHERE feed = ?`, feedURL).Scan(&oldest); err != nil {
		return 0, err
	}
	if (r.MaxItems < 0 || n <= r.MaxItems) && (!oldest.Valid || oldest.Int64 >= cutoff) {
		return 0, nil
	}
	starred := map[string]bool{}
	srows, err := tx.QueryContext(ctx, `SELECT id FROM state WHERE feed = ? AND starred`, feedURL)
	if err != nil {
		return 0, err
	}
	for srows.Next() {
		var id string
		if err := srows.Scan(&id); err != nil {
			srows.Close()
			return 0, err
		}
		starred[id] = true
	}
	srows.Close()
	if err := srows.Err(); err != nil {
		return 0, err
	}

	type victim struct {
		rowid int64
		id    string
	}
	var victims []victim
	rows, err := tx.QueryContext(ctx, `SELECT rowid, id, sort_time FROM items INDEXED BY items_by_feed_time_id
WHERE feed = ? ORDER BY sort_time DESC`, feedURL)
	if err != nil {
		return 0, err
	}
	// The items the feed lists and the starred ones stay, and count
	// towards the cap first; the newest of the rest fill what is left.
	kept := 0
	for rows.Next() {
		var v victim
		var t int64
		if err := rows.Scan(&v.rowid, &v.id, &t); err != nil {
			rows.Close()
			return 0, err
		}
		if current[v.id] || starred[v.id] {
			kept++
			continue
		}
		victims = append(victims, v)
		if t >= cutoff {
			// A candidate for the cap; marked by a negative rowid
			// until the cap is known.
			victims[len(victims)-1].rowid = -v.rowid - 1
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	budget := len(victims) // no cap: every young item stays
	if r.MaxItems >= 0 {
		budget = max(r.MaxItems-kept, 0)
	}
	out := victims[:0]
	for _, v := range victims {
		if v.rowid < 0 { // young enough
			if budget > 0 {
				budget--
				continue
			}
			v.rowid = -v.rowid - 1
		}
		out = append(out, v)
	}
	victims = out
	if len(victims) == 0 {
		return 0, nil
	}
	// A read mark of a dropped item goes with it; the item is gone from
	// its feed and the cache alike.
	for _, v := range victims {
		if _, err := tx.ExecContext(ctx, `DELETE FROM items WHERE rowid = ?`, v.rowid); err != nil {
			return 0, fmt.Errorf("dropping old item: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM state WHERE feed = ? AND id = ? AND NOT starred`, feedURL, v.id); err != nil {
			return 0, fmt.Errorf("dropping old item: %w", err)
		}
	}
	return len(victims), nil
}

// afterDelete gives back the pages a large deletion freed, when the
// database allows it (auto_vacuum = INCREMENTAL, as every database made
// since retention was added is), and checkpoints the WAL so it does not
// keep the deleted pages. Neither waits for a reader; both are best effort.
func (s *Store) afterDelete(ctx context.Context) {
	_ = s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `PRAGMA incremental_vacuum`)
		return err
	})
	_, _ = s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
}

// Size is the room the database file takes.
type Size struct {
	// Bytes is the file's size; Free is how much of it is free pages,
	// reused by later writes.
	Bytes, Free int64
}

// DiskSize returns the size of the database file and its free space.
func (s *Store) DiskSize(ctx context.Context) (Size, error) {
	var pages, free, size int64
	for _, q := range []struct {
		pragma string
		dest   *int64
	}{{"page_count", &pages}, {"freelist_count", &free}, {"page_size", &size}} {
		if err := s.db.QueryRowContext(ctx, "PRAGMA "+q.pragma).Scan(q.dest); err != nil {
			return Size{}, dbError(err)
		}
	}
	return Size{Bytes: pages * size, Free: free * size}, nil
}

// Compact gives the database's free pages back to the file system. A
// database made before retention existed has auto_vacuum off, so the
// first Compact rewrites it whole (VACUUM, which needs as much free disk
// as the database and takes the write lock for its duration: about a
// second per 100 MB) and turns incremental vacuum on; later ones only
// truncate free pages. It returns the sizes before and after.
func (s *Store) Compact(ctx context.Context) (before, after Size, err error) {
	if s.readOnly {
		return Size{}, Size{}, ErrReadOnly
	}
	if before, err = s.DiskSize(ctx); err != nil {
		return before, after, err
	}
	var mode int
	if err := s.db.QueryRowContext(ctx, `PRAGMA auto_vacuum`).Scan(&mode); err != nil {
		return before, after, dbError(err)
	}
	s.mu.Lock()
	err = dbError(retryWrite(ctx, s.writeTimeout, func() error {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if mode != 2 {
			if _, err := conn.ExecContext(ctx, `PRAGMA auto_vacuum = INCREMENTAL`); err != nil {
				return err
			}
			_, err = conn.ExecContext(ctx, `VACUUM`)
		} else {
			_, err = conn.ExecContext(ctx, `PRAGMA incremental_vacuum`)
		}
		if err != nil {
			return err
		}
		_, err = conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
		return err
	}))
	s.mu.Unlock()
	if err != nil {
		return before, after, fmt.Errorf("compacting the offline cache: %w", err)
	}
	after, err = s.DiskSize(ctx)
	return before, after, err
}

// FeedSize is what one feed takes in the store.
type FeedSize struct {
	Items int
	// Bytes counts the text of its items (bodies, cached Markdown and
	// the rest), not SQLite's own overhead, which adds about a tenth.
	Bytes int64
}

// FeedSizes returns each cached feed's size, keyed by feed URL, for
// `feeds ls`. It reads every item's row header once (octet_length reads
// no overflow page), so it costs about as much as listing the headlines.
func (s *Store) FeedSizes(ctx context.Context) (map[string]FeedSize, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT feed, count(*), sum(
	octet_length(id) + octet_length(title) + octet_length(link) + octet_length(author) +
	octet_length(categories) + octet_length(summary) + octet_length(image) +
	octet_length(body) + octet_length(source) + coalesce(octet_length(markdown), 0))
FROM items GROUP BY feed`)
	if err != nil {
		return nil, fmt.Errorf("measuring feeds: %w", dbError(err))
	}
	defer rows.Close()
	out := map[string]FeedSize{}
	for rows.Next() {
		var u string
		var fs FeedSize
		if err := rows.Scan(&u, &fs.Items, &fs.Bytes); err != nil {
			return nil, fmt.Errorf("measuring feeds: %w", dbError(err))
		}
		out[u] = fs
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("measuring feeds: %w", dbError(err))
	}
	if err := s.addFullTextSizes(ctx, out); err != nil {
		return nil, fmt.Errorf("measuring feeds: %w", dbError(err))
	}
	return out, nil
}
