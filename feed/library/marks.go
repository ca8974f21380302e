package library

import (
	"context"
	"errors"
	"fmt"

	"sokbo/feed/store"
)

// Mark is one change to an item's marks, made in a View and saved by
// Library.Save. It carries only the field that changed, so saving it never
// writes back a mark another process has made since.
type Mark struct {
	key     Key // where the store keeps the item's marks
	starred bool
	on      bool
	// keys, when not nil, make the mark one read mark on many items
	// (View.SetReadAll), saved in one transaction.
	keys []Key
}

// Source and ID are where the store keeps the marked item's marks.
func (m Mark) Source() string { return m.key.Source }

// ID is the marked item's ID.
func (m Mark) ID() string { return m.key.ID }

// Star reports whether the mark is the star (else the read mark), and On
// its new value.
func (m Mark) Star() bool { return m.starred }

// On is the mark's new value.
func (m Mark) On() bool { return m.on }

// SetRead marks e read or unread in the View. It returns the Mark to save,
// and false when e was already so.
func (v *View) SetRead(e *Entry, read bool) (Mark, bool) {
	if e.Read == read {
		return Mark{}, false
	}
	e.Read = read
	d := 1
	if read {
		e.Fresh = false
		d = -1
	}
	if v.byKey[e.Key()] == e {
		v.unread[e.Source] += d
		v.unread[""] += d
	}
	v.mark(e)
	return Mark{key: e.stateKey(), on: read}, true
}

// SetStarred stars or unstars e in the View, as SetRead.
func (v *View) SetStarred(e *Entry, starred bool) (Mark, bool) {
	if e.Starred == starred {
		return Mark{}, false
	}
	e.Starred = starred
	v.mark(e)
	return Mark{key: e.stateKey(), starred: true, on: starred}, true
}

// Queue puts a mark in line to be saved, in the order marks are queued.
// It is cheap and never blocks on the store, so the reader calls it from
// its Update, where keys arrive in order, and then Flush from a command:
// three quick presses of m end in the store as they end on the screen,
// whichever command runs first.
func (l *Library) Queue(m Mark) {
	l.qmu.Lock()
	l.queue = append(l.queue, m)
	l.qmu.Unlock()
}

// Flush writes every queued mark to the store, oldest first: that one
// field of that one item each. A mark that fails is dropped with the
// error returned, and the rest are still written.
func (l *Library) Flush(ctx context.Context) error {
	l.flushMu.Lock()
	defer l.flushMu.Unlock()
	l.qmu.Lock()
	marks := l.queue
	l.queue = nil
	l.qmu.Unlock()
	if len(marks) == 0 {
		return nil
	}
	st, err := l.writer(ctx)
	if err != nil {
		return fmt.Errorf("saving a mark: %w", err)
	}
	var errs []error
	for _, m := range marks {
		switch {
		case m.keys != nil:
			err = saveAll(ctx, st, m)
		case m.starred:
			err = st.SetStarred(ctx, m.key.Source, m.key.ID, m.on)
		default:
			err = st.SetRead(ctx, m.key.Source, m.key.ID, m.on)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if l.opts.Saved != nil {
			for _, one := range m.each() {
				l.opts.Saved(one)
			}
		}
	}
	return errors.Join(errs...)
}

// Save writes one Mark to the store, after any queued before it.
func (l *Library) Save(ctx context.Context, m Mark) error {
	l.Queue(m)
	return l.Flush(ctx)
}

// SetReadAll marks entries read or unread in the View, as `A` marks every
// entry of the list on show. It returns the one Mark that saves them all,
// as a delta on just those items (store.MarkRead), so an item a refresh
// brought since the list was drawn keeps its mark; false when none
// changed.
func (v *View) SetReadAll(entries []*Entry, read bool) (Mark, bool) {
	m := Mark{on: read, keys: []Key{}}
	for _, e := range entries {
		if _, changed := v.SetRead(e, read); changed {
			m.keys = append(m.keys, e.stateKey())
		}
	}
	return m, len(m.keys) > 0
}

// Count is how many items the mark changes.
func (m Mark) Count() int {
	if m.keys != nil {
		return len(m.keys)
	}
	return 1
}

// each is the mark as one mark per item.
func (m Mark) each() []Mark {
	if m.keys == nil {
		return []Mark{m}
	}
	out := make([]Mark, len(m.keys))
	for i, k := range m.keys {
		out[i] = Mark{key: k, on: m.on}
	}
	return out
}

func saveAll(ctx context.Context, st *store.Store, m Mark) error {
	keys := make([]store.ItemKey, len(m.keys))
	for i, k := range m.keys {
		keys[i] = store.ItemKey{Feed: k.Source, ID: k.ID}
	}
	_, err := st.MarkRead(ctx, keys, m.on)
	return err
}
