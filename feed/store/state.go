package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The read and starred marks are written as deltas: each method changes
// one field of the rows it names, in SQL, and never writes a row image
// held in memory. Two processes marking at once (a TUI and another TUI, or
// a cron refresh, which writes no mark at all) therefore never undo each
// other's marks, whatever their snapshots said.

// ItemKey names one item: its feed's URL (the feed's key in the store)
// and its ID.
type ItemKey struct {
	Feed, ID string
}

// ToggleRead flips an item's read mark in the store and returns the new
// value: what the item is now, whatever the caller's copy said.
func (s *Store) ToggleRead(ctx context.Context, feedURL, id string) (bool, error) {
	return s.toggle(ctx, "read", feedURL, id)
}

// ToggleStarred flips an item's star in the store and returns the new
// value.
func (s *Store) ToggleStarred(ctx context.Context, feedURL, id string) (bool, error) {
	return s.toggle(ctx, "starred", feedURL, id)
}

func (s *Store) toggle(ctx context.Context, column, feedURL, id string) (bool, error) {
	// column is one of two constants above, never user input.
	query := `INSERT INTO state (feed, id, ` + column + `, changed) VALUES (?1, ?2, 1, ?3)
ON CONFLICT (feed, id) DO UPDATE SET ` + column + ` = NOT ` + column + `, changed = ?3
RETURNING ` + column
	var on bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, query, feedURL, id, s.now().UnixNano()).Scan(&on)
	})
	if err != nil {
		return false, fmt.Errorf("marking %s %s: %w", id, column, err)
	}
	return on, nil
}

// MarkRead sets the read mark of the given items, in one transaction, as
// marking everything in a view does: only the items named, so an item a
// refresh added since the view was drawn stays unread. It returns how
// many marks changed.
func (s *Store) MarkRead(ctx context.Context, keys []ItemKey, read bool) (int, error) {
	var n int
	err := s.write(ctx, func(tx *sql.Tx) error {
		n = 0
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO state (feed, id, read, changed) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (feed, id) DO UPDATE SET read = ?3, changed = ?4 WHERE read IS NOT ?3`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		now := s.now().UnixNano()
		for _, k := range keys {
			r, err := stmt.ExecContext(ctx, k.Feed, k.ID, read, now)
			if err != nil {
				return err
			}
			c, _ := r.RowsAffected()
			n += int(c)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("marking %d items read: %w", len(keys), err)
	}
	return n, nil
}

// StateChange is one item whose marks changed.
type StateChange struct {
	ItemKey
	State
	// Changed is when a mark last changed.
	Changed time.Time
}

// StateChanges returns the marks changed at or after since, by any
// process, oldest first: what a front end merges into a list it loaded
// before then, so that a refresh's snapshot never hides a mark made
// meanwhile.
func (s *Store) StateChanges(ctx context.Context, since time.Time) ([]StateChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT feed, id, read, starred, changed FROM state WHERE changed >= ? ORDER BY changed`, since.UnixNano())
	if err != nil {
		return nil, readError(err)
	}
	defer rows.Close()
	var out []StateChange
	for rows.Next() {
		var c StateChange
		var changed int64
		if err := rows.Scan(&c.Feed, &c.ID, &c.Read, &c.Starred, &changed); err != nil {
			return nil, readError(err)
		}
		c.Changed = time.Unix(0, changed).UTC()
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, readError(err)
	}
	return out, nil
}
