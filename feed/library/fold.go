package library

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"math"

	"sokbo/feed/group"
)

// foldVersion names how stories are folded: changing feed/group's rules
// changes it, so that folds kept by an older sokbo are not used.
const foldVersion = "group-1"

// Fold is GroupEntries for a front end that folds the same headlines
// again and again (a `list` of a cache nothing came into since, a reader
// opened again): the stories are kept in the store under name and the
// digest of the entries (their keys, titles, outlets and dates, in
// order), and an unchanged set of entries reads them back instead of
// folding fifty thousand headlines again. Anything else (other entries, a
// kept fold that does not fit them, a store that cannot be read or
// written) folds them anew, so the rows are always GroupEntries'.
func (l *Library) Fold(ctx context.Context, name string, entries []*Entry) []Row {
	var d foldDigest
	for _, e := range entries {
		d.add(e)
	}
	return l.foldDigested(ctx, name, entries, &d)
}

// foldDigested is Fold with the digest of entries already taken, as a
// walk takes it while the store reads the next rows.
func (l *Library) foldDigested(ctx context.Context, name string, entries []*Entry, d *foldDigest) []Row {
	if len(entries) < 2 {
		return GroupEntries(entries)
	}
	st, err := l.store(ctx)
	if err != nil {
		return GroupEntries(entries)
	}
	digest := d.sum()
	if blob, ok, err := st.FoldOf(ctx, name, digest); err == nil && ok {
		if groups, err := decodeGroups(blob, len(entries)); err == nil {
			return rowsOf(entries, groups)
		}
	}
	groups := group.Fold(headlinesOf(entries), group.Options{})
	if w, err := l.writer(ctx); err == nil {
		// A fold not kept costs a fold the next time.
		_ = w.SaveFold(ctx, name, digest, encodeGroups(groups))
	}
	return rowsOf(entries, groups)
}

// foldDigest takes the SHA-256 of what folding entries reads, in order,
// an entry at a time. Its zero value is ready to use.
type foldDigest struct {
	h   hash.Hash
	buf []byte
}

// add adds e to the digest.
func (d *foldDigest) add(e *Entry) {
	if d.h == nil {
		d.h = sha256.New()
		d.buf = append(make([]byte, 0, 32<<10+1<<10), foldVersion...)
	}
	for _, s := range [...]string{e.Source, e.ID, e.Title, e.FeedName} {
		d.buf = binary.AppendUvarint(d.buf, uint64(len(s)))
		d.buf = append(d.buf, s...)
	}
	var at int64 = math.MinInt64 // undated
	if !e.Published.IsZero() {
		at = e.Published.UnixNano()
	}
	d.buf = binary.AppendVarint(d.buf, at)
	if len(d.buf) > 32<<10 {
		d.h.Write(d.buf)
		d.buf = d.buf[:0]
	}
}

// sum is the digest of the entries added.
func (d *foldDigest) sum() []byte {
	if d.h == nil {
		d.h = sha256.New()
		d.buf = append(d.buf, foldVersion...)
	}
	d.h.Write(d.buf)
	d.buf = d.buf[:0]
	return d.h.Sum(nil)
}

// encodeGroups writes the groups of more than one member: their count,
// then each one's size and members' indexes, every number a uvarint.
func encodeGroups(groups []group.Group) []byte {
	var out []byte
	n := 0
	for _, g := range groups {
		if g.Len() > 1 {
			n++
		}
	}
	out = binary.AppendUvarint(out, uint64(n))
	for _, g := range groups {
		if g.Len() < 2 {
			continue
		}
		out = binary.AppendUvarint(out, uint64(g.Len()))
		for _, m := range g.Members {
			out = binary.AppendUvarint(out, uint64(m))
		}
	}
	return out
}

var errBadFold = errors.New("a kept fold that does not fit")

// decodeGroups reads what encodeGroups wrote for n entries back into the
// groups group.Fold returned: every entry in exactly one group, each
// group where its first member in entries sits. Anything that does not
// fit n entries so is errBadFold.
func decodeGroups(blob []byte, n int) ([]group.Group, error) {
	read := func() (int, bool) {
		v, k := binary.Uvarint(blob)
		if k <= 0 || v > uint64(n) {
			return 0, false
		}
		blob = blob[k:]
		return int(v), true
	}
	count, ok := read()
	if !ok {
		return nil, errBadFold
	}
	owner := make([]int32, n) // 1 + the folded group an entry is in; 0 for none
	folded := make([]group.Group, 0, count)
	for range count {
		size, ok := read()
		if !ok || size < 2 {
			return nil, errBadFold
		}
		g := group.Group{Members: make([]int, size)}
		for j := range size {
			m, ok := read()
			if !ok || m >= n || owner[m] != 0 {
				return nil, errBadFold
			}
			owner[m] = int32(len(folded) + 1)
			g.Members[j] = m
		}
		folded = append(folded, g)
	}
	if len(blob) != 0 {
		return nil, errBadFold
	}
	// Each group where its first member in entries sits; every other
	// entry a group of its own, whose one member is a slice of self.
	groups := make([]group.Group, 0, n)
	placed := make([]bool, len(folded))
	self := make([]int, n)
	for i := range n {
		k := owner[i]
		if k == 0 {
			self[i] = i
			groups = append(groups, group.Group{Members: self[i : i+1 : i+1]})
			continue
		}
		if !placed[k-1] {
			placed[k-1] = true
			groups = append(groups, folded[k-1])
		}
	}
	return groups, nil
}
