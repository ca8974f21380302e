package feed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sokbo/feed/clean"
)

// ErrNoItem is matched by Find's error when no item matches.
var ErrNoItem = errors.New("no such item")

// NoItemError is the error of a key no item answers to: Key as given,
// and why it found none. It matches ErrNoItem.
type NoItemError struct {
	Key string
	Why NoItemWhy
	// Count is how many items (rows) there are, for NoItemRange; for
	// NoItemRow, how many reports Row holds. At is when the list a
	// number refers to was made (NoItemListRow, NoItemNotListed).
	Count, Row int
	At         string
}

// NoItemWhy says why a key found no item.
type NoItemWhy uint8

const (
	NoItemUnknown   NoItemWhy = iota // nothing said
	NoItemEmpty                      // the source has no items
	NoItemRange                      // a number out of 1..Count
	NoItemKey                        // no number, ID or link matches
	NoItemRow                        // N.M past the reports of row N
	NoItemListRow                    // N.M past the reports of a row of an earlier list
	NoItemNotListed                  // not in the earlier list
	NoItemMember                     // N.0: the reports of row N count from 1
)

func (e *NoItemError) Error() string {
	key := clean.OneLine(e.Key)
	switch e.Why {
	case NoItemEmpty:
		return fmt.Sprintf("no such item: %s (the source has no items)", key)
	case NoItemRange:
		return fmt.Sprintf("no such item: %s (choose 1 to %d)", key, e.Count)
	case NoItemKey:
		return fmt.Sprintf("no such item: %s (give its number, ID or link)", key)
	case NoItemRow:
		return fmt.Sprintf("no such item: %s (row %d holds %d)", key, e.Row, e.Count)
	case NoItemListRow:
		return fmt.Sprintf("no such item: %s (row %d of the list made at %s holds %d)", key, e.Row, e.At, e.Count)
	case NoItemNotListed:
		if e.Count > 0 {
			return fmt.Sprintf("no such item: %s (the list made at %s numbers 1 to %d)", key, e.At, e.Count)
		}
		return fmt.Sprintf("no such item: %s (not in the list made at %s)", key, e.At)
	case NoItemMember:
		return fmt.Sprintf("no such item: %s (the reports of row %d count from 1: %d.1)", key, e.Row, e.Row)
	}
	return "no such item: " + key
}

// Is reports whether target is ErrNoItem.
func (e *NoItemError) Is(target error) bool { return target == ErrNoItem }

// Find returns the item of f for key: a 1-based index N as `sokbo list`
// prints it, an item ID, or a link.
func Find(f *Feed, key string) (*Item, error) {
	if f == nil {
		return nil, &NoItemError{Key: key}
	}
	key = strings.TrimSpace(key)
	if n, err := strconv.Atoi(key); err == nil {
		if n >= 1 && n <= len(f.Items) {
			return f.Items[n-1], nil
		}
		if len(f.Items) == 0 {
			return nil, &NoItemError{Key: strconv.Itoa(n), Why: NoItemEmpty}
		}
		return nil, &NoItemError{Key: strconv.Itoa(n), Why: NoItemRange, Count: len(f.Items)}
	}
	for _, it := range f.Items {
		if it.ID == key {
			return it, nil
		}
	}
	// An address may be given as a browser shows it, decoded, or as it
	// was percent-encoded, and in either Unicode form.
	addr := clean.DecodeIRI(clean.Sanitize(key))
	for _, it := range f.Items {
		if it.Link != "" && (it.Link == key || clean.DecodeIRI(it.Link) == addr) {
			return it, nil
		}
	}
	for _, it := range f.Items {
		if clean.DecodeIRI(it.ID) == addr {
			return it, nil
		}
	}
	return nil, &NoItemError{Key: key, Why: NoItemKey}
}
