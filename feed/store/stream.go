package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"sokbo/feed"
	"sokbo/feed/clean"
)

// ErrStreamVoid is FeedStream.Finish's error when the feed it is given
// does not hold exactly the items the stream was given, in that order, or
// when the stream was never given any: nothing was saved, and the feed is
// to be saved as ever (SaveFeed).
var ErrStreamVoid = errors.New("the items streamed are not the feed's")

// A FeedStream saves a feed's items while the rest of its body is still
// being parsed (feed.Options.Items): a first refresh of 10k items
// parsed for 220 ms and then saved for 250, one after the other, on two
// cores. Its items and then the feed's row are written in one
// transaction, which Finish commits with what SaveFeed would have saved
// of the whole feed, or which Abort rolls back.
//
// From its first batch to Finish or Abort it holds the Store's write
// lock: the goroutine that streams must make no other write of the Store
// meanwhile, and must end it with one of the two, after the parse
// returned and before anything else it writes.
type FeedStream struct {
	s       *Store
	ctx     context.Context
	url     string
	batches chan []*feed.Item
	end     chan *FeedSave // the feed to save, or nil to roll back
	done    chan streamDone
	ended   bool
}

type streamDone struct {
	res SaveResult
	err error
}

// streamQueue is how many batches wait for the writer at most; past it,
// the parse waits, and what is held in memory stays bounded.
const streamQueue = 4

// StreamFeed returns a stream that saves the items of the stored feed
// feedURL (a key, as SaveFeed's) under ctx. Nothing is written before
// its first batch.
func (s *Store) StreamFeed(ctx context.Context, feedURL string) *FeedStream {
	return &FeedStream{s: s, ctx: ctx, url: feedURL}
}

// Items writes batch after the batches before it; the first begins the
// transaction. It is feed.Options.Items: called from one goroutine, never
// after Finish or Abort.
func (w *FeedStream) Items(batch []*feed.Item) {
	if w.batches == nil {
		w.batches = make(chan []*feed.Item, streamQueue)
		w.end = make(chan *FeedSave, 1)
		w.done = make(chan streamDone, 1)
		go w.run()
	}
	w.batches <- batch
}

// Started reports whether the stream was given items.
func (w *FeedStream) Started() bool { return w != nil && w.batches != nil }

// Finish saves what SaveFeed(f, res) would, f being the feed whose items
// were given, and ends the stream. On ErrStreamVoid, nothing was saved;
// a nil stream is void.
func (w *FeedStream) Finish(f *feed.Feed, res FetchResult) (SaveResult, error) {
	if w == nil || w.batches == nil || w.ended {
		return SaveResult{}, ErrStreamVoid
	}
	w.ended = true
	close(w.batches)
	w.end <- &FeedSave{URL: w.url, Feed: f, Result: res}
	d := <-w.done
	return d.res, d.err
}

// Abort ends the stream and saves nothing. It does nothing after Finish
// or Abort, when the stream was given no items, or on a nil stream.
func (w *FeedStream) Abort() {
	if w == nil || w.batches == nil || w.ended {
		return
	}
	w.ended = true
	close(w.batches)
	w.end <- nil
	<-w.done
}

// errStreamAborted is the error that rolls an aborted stream back.
var errStreamAborted = errors.New("stream aborted")

func (w *FeedStream) run() {
	var out SaveResult
	ran := false
	ctx := w.ctx
	err := w.s.write(ctx, func(tx *sql.Tx) error {
		if ran {
			// Tried again (the commit was busy): the batches are gone.
			return fmt.Errorf("%w: its save was tried again", ErrStreamVoid)
		}
		ran = true
		now := w.s.now()
		ts := &txStmts{tx: tx}
		before, err := feedItems(ctx, ts, w.url)
		var given []*feed.Item
		var times []int64
		st := sortTimes{now: now.UnixNano()}
		written, total := 0, 0
		for batch := range w.batches {
			given = append(given, batch...)
			if err != nil {
				continue // drained, so that the parse never waits
			}
			n := len(times)
			times = st.append(times, batch)
			var wr, tot int
			wr, tot, err = upsertBatch(ctx, ts, w.url, batch, times[n:], now)
			written, total = written+wr, total+tot
		}
		fs := <-w.end
		switch {
		case fs == nil:
			return errStreamAborted
		case err != nil:
			return err
		case !slices.Equal(given, fs.Feed.Items) || !slices.Equal(times, neighbourTimes(fs.Feed.Items, now)):
			return ErrStreamVoid
		}
		current := make(map[string]bool, len(given))
		for _, it := range given {
			if it != nil {
				current[itemID(it)] = true
			}
		}
		return w.s.saveAround(ctx, ts, *fs, current, now, &out, func() error {
			return countSaved(ctx, ts, w.url, before, written, total, &out)
		})
	})
	if !ran {
		// The transaction never began: the batches are drained here.
		for range w.batches {
		}
		<-w.end
	}
	switch {
	case errors.Is(err, errStreamAborted), errors.Is(err, ErrStreamVoid):
	case err != nil:
		err = fmt.Errorf("storing %s: %w", clean.OneLine(w.url), err)
	case out.Dropped >= compactAfter:
		w.s.afterDelete(ctx)
	}
	w.done <- streamDone{out, err}
}

// sortTimes gives a stream's items their sort times as neighbourTimes
// gives a feed's, one batch after another, for items in sortItems' order
// (undated ones last): an undated item takes the last dated item's time,
// or now when none is dated. Finish checks the result against
// neighbourTimes of the whole feed.
type sortTimes struct {
	above     int64
	haveAbove bool
	now       int64
}

func (t *sortTimes) append(out []int64, items []*feed.Item) []int64 {
	for _, it := range items {
		var v int64
		switch {
		case it != nil && !it.Published.IsZero():
			t.above, t.haveAbove = publishedNanos(it.Published), true
			v = t.above
		case t.haveAbove:
			v = t.above
		default:
			v = t.now
		}
		if n := len(out); n > 0 && v >= out[n-1] {
			v = out[n-1] - 1
		}
		out = append(out, v)
	}
	return out
}
