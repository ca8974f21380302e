package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"sokbo/feed/clean"
)

// Tags group feeds: an OPML folder becomes a tag of each feed in it, the
// reader's feed list shows each tag with its feeds' unread count, and a
// query's tag: matches a feed's tags as it matches an item's categories.

// Bounds of a feed's tags: a real OPML file nests folders a few deep.
const (
	maxFeedTags = 32
	maxTagBytes = 200
)

// cleanTags returns tags as the store keeps them: one line each, cut to
// maxTagBytes, without empty ones or repeats, at most maxFeedTags.
func cleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(clean.CutBytes(clean.OneLine(strings.ReplaceAll(t, categorySep, " ")), maxTagBytes))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
		if len(out) == maxFeedTags {
			break
		}
	}
	return out
}

// AddFeedTags gives a stored feed the tags it lacks of tags, after the ones
// it has; a feed not stored is an error wrapping ErrNotFound. Tags are
// cleaned to one line each.
func (s *Store) AddFeedTags(ctx context.Context, feedURL string, tags []string) error {
	tags = cleanTags(tags)
	if len(tags) == 0 {
		return nil
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var have string
		if err := tx.QueryRowContext(ctx, `SELECT tags FROM feeds WHERE url = ?`, feedURL).Scan(&have); err != nil {
			if err == sql.ErrNoRows {
				return fmt.Errorf("feed %s: %w", clean.OneLine(feedURL), ErrNotFound)
			}
			return err
		}
		merged := cleanTags(append(splitCategories(have), tags...))
		_, err := tx.ExecContext(ctx, `UPDATE feeds SET tags = ? WHERE url = ?`, joinCategories(merged), feedURL)
		return err
	})
	if err != nil {
		return fmt.Errorf("tagging feed %s: %w", clean.OneLine(feedURL), err)
	}
	return nil
}

// SetFeedTags replaces a stored feed's tags.
func (s *Store) SetFeedTags(ctx context.Context, feedURL string, tags []string) error {
	tags = cleanTags(tags)
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE feeds SET tags = ? WHERE url = ?`, joinCategories(tags), feedURL)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("feed %s: %w", clean.OneLine(feedURL), ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("tagging feed %s: %w", clean.OneLine(feedURL), err)
	}
	return nil
}

// feedTags maps each tagged feed's URL to its tags.
func feedTags(ctx context.Context, q querier) (map[string][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT url, tags FROM feeds WHERE tags <> ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var u, tags string
		if err := rows.Scan(&u, &tags); err != nil {
			return nil, err
		}
		out[u] = splitCategories(tags)
	}
	return out, rows.Err()
}
