package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"modernc.org/sqlite"

	"sokbo/feed/clean"
)

// SQLite's primary result codes that the store tells apart.
const (
	codeBusy     = 5
	codeLocked   = 6
	codeReadOnly = 8
	codeCorrupt  = 11
	codeIOErr    = 10
	codeCantOpen = 14
	codeFull     = 13
	codeNotADB   = 26
)

// openError is dbError for opening path: an I/O error on a full disk
// (SQLite cannot grow the -shm index there) is ErrFull.
func openError(path string, err error) error {
	if c := sqliteCode(err); (c == codeIOErr || c == codeCantOpen) && diskFull(path) {
		return &codeError{ErrFull, err}
	}
	return dbError(err)
}

// walEmpty reports whether path has no WAL content waiting to be
// checkpointed: then the database file alone is the whole database.
func walEmpty(path string) bool {
	info, err := os.Stat(path + "-wal")
	return err != nil || info.Size() == 0
}

// errNewerSchema is wrapped by the error for a database from a newer sokbo.
var errNewerSchema = errors.New("newer than this sokbo understands")

func errNewer(v int) error {
	return fmt.Errorf("database schema version %d is %w (%d)", v, errNewerSchema, SchemaVersion)
}

// sqliteCode returns the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// dbError names what a SQLite error means for the user (a damaged file,
// a full disk, a lock held too long) and cleans its message, which may
// quote a path. Other errors are cleaned and kept.
func dbError(err error) error {
	if err == nil {
		return nil
	}
	switch sqliteCode(err) {
	case codeCorrupt, codeNotADB:
		return &codeError{ErrCorrupt, err}
	case codeFull:
		return &codeError{ErrFull, err}
	case codeBusy, codeLocked:
		return &codeError{ErrBusy, err}
	}
	return clean.Error(err)
}

// codeError is a SQLite error under the name of what it means: its
// message is the sentinel's, with SQLite's own words in brackets.
type codeError struct {
	kind error
	err  error
}

func (e *codeError) Error() string {
	return e.kind.Error() + " (" + clean.CutBytes(clean.OneLine(e.err.Error()), 200) + ")"
}

func (e *codeError) Unwrap() []error { return []error{e.kind, e.err} }

// fileError is an OS error about the database file, cleaned.
func fileError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no offline cache yet; run sokbo refresh to make one")
	}
	return clean.Error(err)
}

// readOnlyFS reports whether path's file system is mounted read-only.
func readOnlyFS(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err == nil {
		f.Close()
		// The file is writable, but its directory may not be, which
		// keeps SQLite from making the -shm file.
		probe, err := os.CreateTemp(filepath.Dir(path), ".sokbo-probe-*")
		if err == nil {
			probe.Close()
			os.Remove(probe.Name())
			return false
		}
		return errors.Is(err, syscall.EROFS)
	}
	return errors.Is(err, syscall.EROFS)
}

// retryable reports whether a write failed only because another process
// held the lock.
func retryable(err error) bool {
	switch sqliteCode(err) {
	case codeBusy, codeLocked:
		return true
	}
	return false
}

// retryWrite runs attempt until it succeeds, fails for another reason
// than a lock, ctx ends, or timeout has passed. Each attempt already
// waited the busy timeout in SQLite; between attempts it backs off a
// little, so that six processes do not retry in step.
func retryWrite(ctx context.Context, timeout time.Duration, attempt func() error) error {
	deadline := time.Now().Add(timeout)
	wait := 10 * time.Millisecond
	for {
		err := attempt()
		if err == nil || !retryable(err) {
			return err
		}
		if time.Now().Add(wait).After(deadline) {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, time.Second)
	}
}
