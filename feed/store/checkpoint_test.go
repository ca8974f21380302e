package store

import (
	"context"
	"path/filepath"
	"testing"
)

// TestSaveDoesNotWaitForCheckpoint: a save that leaves the WAL past
// checkpointFrom wakes the checkpointer, and the next save goes on while
// that checkpoint is still under way; the checkpoint then copies the
// whole WAL into the database file.
func TestSaveDoesNotWaitForCheckpoint(t *testing.T) {
	ctx := context.Background()
	started := make(chan struct{}, 8)
	release := make(chan struct{})
	type ran struct {
		log, copied int
		err         error
	}
	done := make(chan ran, 8)
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s, err := Open(ctx, Options{Path: path, Now: newClock().Now, checkpoints: &checkpointWatch{
		from:   1, // any WAL at all
		before: func() { started <- struct{}{}; <-release },
		after:  func(log, copied int, err error) { done <- ran{log, copied, err} },
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, b := testFeed("a", 20), testFeed("b", 20)
	if _, err := s.SaveFeed(ctx, "https://example.com/a/feed.xml", a, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	<-started // a's checkpoint has begun, and waits for release
	if _, err := s.SaveFeed(ctx, "https://example.com/b/feed.xml", b, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	hs, err := s.Headlines(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 40 {
		t.Fatalf("%d headlines while the checkpoint waits, want 40", len(hs))
	}
	close(release)
	first := <-done
	if first.err != nil {
		t.Fatalf("checkpoint: %v", first.err)
	}
	// b's commit woke the checkpointer again while it was busy: one
	// more checkpoint, which leaves nothing uncopied.
	second := <-done
	if second.err != nil || second.copied != second.log || second.log == 0 {
		t.Errorf("second checkpoint copied %d of %d frames (%v), want all", second.copied, second.log, second.err)
	}
}

// TestSmallWALLeftToClose: a commit that leaves the WAL under
// checkpointFrom does not wake the checkpointer; one past it does.
func TestSmallWALLeftToClose(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, "")
	if _, err := s.SaveFeed(ctx, "https://example.com/a/feed.xml", testFeed("a", 20), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if s.walPast(s.ckpt.from) {
		t.Fatalf("20 items passed checkpointFrom (%d bytes)", s.ckpt.from)
	}
	if !s.walPast(1) {
		t.Fatal("no WAL after a save")
	}
	var pages int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if pages != autoCheckpointPages {
		t.Errorf("wal_autocheckpoint = %d, want %d", pages, autoCheckpointPages)
	}
}

// TestCloseStopsCheckpointer: Close waits for the checkpointer, twice
// is harmless, and a commit after it wakes nothing.
func TestCloseStopsCheckpointer(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s, err := Open(ctx, Options{Path: path, checkpoints: &checkpointWatch{from: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFeed(ctx, "https://example.com/a/feed.xml", testFeed("a", 5), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s.committed() // not heard: no panic, no wait
	s2 := openTest(t, path)
	hs, err := s2.Headlines(ctx, Query{})
	if err != nil || len(hs) != 5 {
		t.Fatalf("after Close: %d headlines (%v), want 5", len(hs), err)
	}
}
