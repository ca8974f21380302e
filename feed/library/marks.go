package library

import (
	"context"
	"fmt"
)

// Mark is one change to an item's marks, made in a View and saved by
// Library.Save. It carries only the field that changed, so saving it never
// writes back a mark another process has made since.
type Mark struct {
	key     Key // where the store keeps the item's marks
	starred bool
	on      bool
}

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

// Save writes a Mark to the store: that one field of that one item.
func (l *Library) Save(ctx context.Context, m Mark) error {
	st, err := l.writer(ctx)
	if err != nil {
		return fmt.Errorf("saving a mark: %w", err)
	}
	if m.starred {
		return st.SetStarred(ctx, m.key.Source, m.key.ID, m.on)
	}
	return st.SetRead(ctx, m.key.Source, m.key.ID, m.on)
}
