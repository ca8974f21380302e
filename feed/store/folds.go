package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// maxFolds bounds the folds kept, the most recent first: one per set of
// sources listed, and the reader's.
const maxFolds = 16

// maxFoldBlob bounds what SaveFold keeps and FoldOf reads back: a fold of
// a hundred thousand headlines takes well under this.
const maxFoldBlob = 8 << 20

// FoldOf returns the groups kept under name when they were kept for
// digest; ok is false when none are, or they were kept for other
// headlines. What the groups say is the caller's to check: the store
// keeps the bytes.
func (s *Store) FoldOf(ctx context.Context, name string, digest []byte) (groups []byte, ok bool, err error) {
	var d []byte
	err = s.db.QueryRowContext(ctx, `SELECT digest, groups FROM folds WHERE name = ? AND length(groups) <= ?`, name, maxFoldBlob).Scan(&d, &groups)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, readError(err)
	}
	if !bytes.Equal(d, digest) {
		return nil, false, nil
	}
	return groups, true, nil
}

// SaveFold keeps groups under name for the headlines of digest. Like a
// listing, it is worth less than the wait for a lock: beside another
// process's long write it gives up with ErrBusy.
func (s *Store) SaveFold(ctx context.Context, name string, digest, groups []byte) error {
	if len(groups) > maxFoldBlob {
		return nil
	}
	now := s.now().UnixNano()
	err := s.writeQuick(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO folds (name, made, digest, groups) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (name) DO UPDATE SET made = ?2, digest = ?3, groups = ?4`, name, now, digest, groups); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM folds WHERE name NOT IN
			(SELECT name FROM folds ORDER BY made DESC, name LIMIT ?)`, maxFolds)
		return err
	})
	if err != nil {
		return fmt.Errorf("keeping the stories folded: %w", err)
	}
	return nil
}
