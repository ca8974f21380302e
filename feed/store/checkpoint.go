package store

import (
	"cmp"
	"context"
	"os"
	"sync"
	"time"
)

// A write's pages go to the WAL first and are copied into the database
// file by a checkpoint. SQLite's own checkpoint runs in the commit that
// takes the WAL past wal_autocheckpoint pages, with the write lock still
// held: a 100-feed refresh stalled 25-30 ms in one of its commits, and
// every mark made meanwhile waited with it. A Store that writes copies
// them instead on a goroutine of its own after a commit that leaves the
// WAL past checkpointFrom (checkpointer), beside the next write, which a
// PASSIVE checkpoint never blocks nor waits for; SQLite's own stays as a
// bound, at autoCheckpointPages, for a WAL that grows faster than it is
// copied. A smaller WAL is left, as before, to Close (which checkpoints
// what the last connection leaves) or to a later commit: copying it
// after each commit cost a first refresh of 1k items 6 ms more (68.8 →
// 75.2) and a list of 50k 5 ms (96.0 → 100.9), two checkpoints and their
// fsyncs where Close made one. 100 feeds × 50 items: 317 → 302 ms
// (checkpointFrom at 16 MiB), 300 → 281 (at 8 MiB).

// autoCheckpointPages is the WAL size, in pages, past which a commit
// checkpoints itself: 64 MiB at 16 KiB pages, the journal_size_limit.
const autoCheckpointPages = 4096

// checkpointFrom is the size of the WAL file past which a commit wakes
// the checkpointer: 8 MiB, 512 pages of 16 KiB. 100 feeds × 50 items, by
// it: 1 byte (every commit) 288.8 ms, 4 MiB 286.0, 8 MiB 281.2, 16 MiB
// 300.0 (the first checkpoint came after the third of four batches, and
// Close waited for it); a first refresh of 1k items, whose WAL stays
// under it, is as before. The file is not cut back when SQLite starts it
// again from its beginning (only past journal_size_limit), so once a
// large write made it this large, every commit wakes the checkpointer,
// which then has only that commit's pages to copy.
const checkpointFrom = 8 << 20

// checkpointDeadline bounds one background checkpoint. A PASSIVE
// checkpoint waits for no lock; it copies what the WAL holds, about a
// second for a first refresh of 50k items on this machine.
const checkpointDeadline = time.Minute

// checkpointer copies the WAL into the database file each time it is
// kicked, until it is stopped. A checkpoint that fails (another
// process checkpointing, a full disk) is left for the next one, or for
// SQLite's own at autoCheckpointPages, or for Close.
type checkpointer struct {
	kicks    chan struct{}
	stop     chan struct{}
	stopOnce sync.Once
	done     chan struct{}
	from     int64 // checkpointFrom
	watch    checkpointWatch
}

// checkpointWatch is what a test sees of the checkpointer and sets.
type checkpointWatch struct {
	from int64 // for checkpointFrom, when not 0
	// before is called as each checkpoint begins; after, when it ends,
	// with the WAL's frames and how many of them are now in the
	// database file, or its error.
	before func()
	after  func(log, copied int, err error)
}

// startCheckpointer starts s's checkpointer, watched by w when not nil.
func (s *Store) startCheckpointer(w *checkpointWatch) {
	c := &checkpointer{kicks: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}), from: checkpointFrom}
	if w != nil {
		c.watch = *w
		c.from = cmp.Or(w.from, c.from)
	}
	s.ckpt = c
	go func() {
		defer close(c.done)
		for {
			select {
			case <-c.kicks:
			case <-c.stop:
				return // Close checkpoints what is left
			}
			if c.watch.before != nil {
				c.watch.before()
			}
			log, copied, err := s.checkpoint()
			if c.watch.after != nil {
				c.watch.after(log, copied, err)
			}
		}
	}()
}

// checkpoint runs one PASSIVE checkpoint.
func (s *Store) checkpoint() (log, copied int, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), checkpointDeadline)
	defer cancel()
	var busy int
	err = s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &copied)
	return log, copied, err
}

// committed wakes the checkpointer after a commit, when the WAL is past
// checkpointFrom. It never waits: a kick while one is pending is the same
// kick, and one after Close is not heard.
func (s *Store) committed() {
	if s.ckpt == nil || !s.walPast(s.ckpt.from) {
		return
	}
	select {
	case s.ckpt.kicks <- struct{}{}:
	default:
	}
}

// walPast reports whether the WAL file is n bytes or more.
func (s *Store) walPast(n int64) bool {
	fi, err := os.Stat(s.path + "-wal")
	return err == nil && fi.Size() >= n
}

// stopCheckpointer waits for the checkpoint under way, if any, and stops
// the checkpointer; only the first call does.
func (s *Store) stopCheckpointer() {
	if s.ckpt == nil {
		return
	}
	s.ckpt.stopOnce.Do(func() { close(s.ckpt.stop) })
	<-s.ckpt.done
}
