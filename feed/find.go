package feed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sokbo/feed/clean"
)

// ErrNoItem is wrapped by Find's error when no item matches.
var ErrNoItem = errors.New("no such item")

// Find returns the item of f for key: a 1-based index N as `sokbo list`
// prints it, an item ID, or a link.
func Find(f *Feed, key string) (*Item, error) {
	if f == nil {
		return nil, fmt.Errorf("%w: %s", ErrNoItem, clean.OneLine(key))
	}
	key = strings.TrimSpace(key)
	if n, err := strconv.Atoi(key); err == nil {
		if n >= 1 && n <= len(f.Items) {
			return f.Items[n-1], nil
		}
		if len(f.Items) == 0 {
			return nil, fmt.Errorf("%w: %d (the source has no items)", ErrNoItem, n)
		}
		return nil, fmt.Errorf("%w: %d (choose 1 to %d)", ErrNoItem, n, len(f.Items))
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
	return nil, fmt.Errorf("%w: %s (give its number, ID or link)", ErrNoItem, clean.OneLine(key))
}
