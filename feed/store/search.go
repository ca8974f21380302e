package store

import (
	"cmp"
	"container/heap"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"sokbo/feed/search"
)

// errStop ends a walk early; Search's callback returns it at its limit.
var errStop = errors.New("enough")

// Search returns the headlines matching q, newest first, in the order
// Headlines lists them: at most limit of them, or all when limit is 0.
// The index finds the candidates and q.Match decides each one, so a
// search finds exactly what Match would on every item, including items
// not yet indexed.
func (s *Store) Search(ctx context.Context, q *search.Query, limit int) ([]Headline, error) {
	var out []Headline
	err := s.EachMatch(ctx, q, func(h *Headline) error {
		out = append(out, *h)
		if limit > 0 && len(out) == limit {
			return errStop
		}
		return nil
	})
	return out, err
}

// EachMatch calls fn with each headline matching q, newest first, as
// Search would list them, without building the list; fn must not keep h.
// An error from fn stops the walk and is returned. The walk reads one
// snapshot of the cache: a refresh writing meanwhile is seen whole or not
// at all.
func (s *Store) EachMatch(ctx context.Context, q *search.Query, fn func(h *Headline) error) error {
	err := s.eachMatch(ctx, q, fn, false)
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

// eachMatch is EachMatch; scanOnly walks every item, never the index, as
// a search does while the index is being built.
func (s *Store) eachMatch(ctx context.Context, q *search.Query, fn func(h *Headline) error, scanOnly bool) error {
	// fn's own error comes back as it is; the store's are wrapped.
	var fnErr error
	calls := func(h *Headline) error {
		fnErr = fn(h)
		return fnErr
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("searching: %w", err)
	}
	defer func() {
		_ = tx.Rollback()
		// The statements this search prepared on its transaction alone
		// are prepared for the next, now that it holds no connection.
		s.stmts.warm(ctx, s.db)
	}()
	w := &matchWalk{ctx: ctx, s: s, tx: tx, q: q, fn: calls, text: q.NeedsText()}
	if err := w.load(); err != nil {
		return fmt.Errorf("searching: %w", err)
	}
	table, expr := planIndex(q.Terms())
	if scanOnly || expr == "" || len(w.pending) > maxPendingMerge {
		err = w.scan()
	} else {
		err = w.indexed(table, expr)
	}
	if err != nil && fnErr == nil {
		return fmt.Errorf("searching: %w", err)
	}
	return err
}

// maxPendingMerge is how many unindexed items a search merges into the
// index's candidates; with more (the index is being built) it scans.
const maxPendingMerge = 2000

// matchWalk is one search in progress.
type matchWalk struct {
	ctx   context.Context
	s     *Store
	tx    *sql.Tx
	q     *search.Query
	fn    func(h *Headline) error
	text  bool // q reads summaries or bodies: fetch them
	names map[string]string
	// tags are the tagged feeds' tags, which tag: matches beside an
	// item's categories.
	tags map[string][]string
	// pending holds the items not yet indexed, or indexed with text
	// they no longer have; their index entries are skipped.
	pending  map[stateKey]bool
	maxProbe int64
	h        Headline
}

// query runs a statement of the search, prepared once per store.
func (w *matchWalk) query(query string, args ...any) (*sql.Rows, error) {
	st, err := w.s.stmts.in(w.ctx, w.tx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(w.ctx, args...)
}

func (w *matchWalk) load() error {
	var err error
	if w.names, err = feedNames(w.ctx, w.tx); err != nil {
		return err
	}
	if w.tags, err = feedTags(w.ctx, w.tx); err != nil {
		return err
	}
	rows, err := w.query(`SELECT value FROM search_meta WHERE key = 'max_probe'`)
	if err != nil {
		return err
	}
	for rows.Next() {
		if err := rows.Scan(&w.maxProbe); err != nil {
			rows.Close()
			return err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = w.query(`SELECT feed, id FROM search_pending LIMIT ?`, maxPendingMerge+1)
	if err != nil {
		return err
	}
	defer rows.Close()
	w.pending = map[stateKey]bool{}
	for rows.Next() {
		var k stateKey
		if err := rows.Scan(&k.feed, &k.id); err != nil {
			return err
		}
		w.pending[k] = true
	}
	return rows.Err()
}

// candidate is an item a search may show: its headline columns, its text
// when the query reads it, and the key it sorts by.
type candidate struct {
	doc                   int64
	sortTime              int64
	feed, id, title, link string
	categories            string
	published             sql.NullInt64
	firstSeen             int64
	summary, body         string
	read, starred         bool
}

// before reports whether a lists before b: newer, then by feed and ID, as
// Headlines orders them.
func (a *candidate) before(b *candidate) bool {
	if a.sortTime != b.sortTime {
		return a.sortTime > b.sortTime
	}
	return cmp.Or(strings.Compare(a.feed, b.feed), strings.Compare(a.id, b.id)) < 0
}

// candidateColumns are what every candidate query selects, from items i
// and state st; textColumns are added when the query reads text.
const (
	candidateColumns = `i.sort_time, i.feed, i.id, i.title, i.link, i.categories, i.published, i.first_seen,
	COALESCE(st.read, 0), COALESCE(st.starred, 0)`
	textColumns   = `, i.summary, i.body`
	noTextColumns = `, '', ''`
)

func (w *matchWalk) columns() string {
	if w.text {
		return candidateColumns + textColumns
	}
	return candidateColumns + noTextColumns
}

func scanCandidate(rows *sql.Rows, c *candidate, extra ...any) error {
	dest := append(extra, &c.sortTime, &c.feed, &c.id, &c.title, &c.link, &c.categories, &c.published, &c.firstSeen,
		&c.read, &c.starred, &c.summary, &c.body)
	return rows.Scan(dest...)
}

// offer verifies a candidate with the query and passes a match to fn.
func (w *matchWalk) offer(c *candidate) error {
	body := c.body
	cats := splitCategories(c.categories)
	tags := cats
	if ft := w.tags[c.feed]; len(ft) > 0 {
		tags = append(slices.Clip(cats), ft...)
	}
	d := search.Doc{
		Title:     c.title,
		Summary:   c.summary,
		LoadBody:  func() string { return search.BodyText(body) },
		FeedURL:   c.feed,
		FeedName:  w.names[c.feed],
		Tags:      tags,
		Read:      c.read,
		Starred:   c.starred,
		Published: fromPublished(c.published),
		FirstSeen: time.Unix(0, c.firstSeen).UTC(),
	}
	if !w.q.Match(&d) {
		return nil
	}
	w.h = Headline{
		Feed: c.feed, FeedName: d.FeedName, ID: c.id, Title: c.title, Link: c.link,
		Published: d.Published, Categories: cats, FirstSeen: d.FirstSeen,
		Read: c.read, Starred: c.starred,
	}
	return w.fn(&w.h)
}

// scanChunk is how many items a scan reads per query.
const scanChunk = 256

// scan walks every item newest first: for a query the index cannot narrow
// (filters only, or words of punctuation), or while the index is being
// built. The query's filters that SQL can test narrow the walk; Match
// still decides. It stops as soon as fn has had enough.
func (w *matchWalk) scan() error {
	where, args, ok := w.filterSQL()
	if !ok {
		return nil // no feed matches feed:
	}
	var last candidate
	first := true
	for {
		query := `SELECT ` + w.columns() + ` FROM items i LEFT JOIN state st ON st.feed = i.feed AND st.id = i.id WHERE 1` + where
		a := slices.Clip(args)
		if !first {
			query += ` AND i.sort_time <= ? AND (i.sort_time < ? OR i.feed > ? OR (i.feed = ? AND i.id > ?))`
			a = append(a, last.sortTime, last.sortTime, last.feed, last.feed, last.id)
		}
		query += ` ORDER BY i.sort_time DESC, i.feed, i.id LIMIT ?`
		a = append(a, scanChunk)
		rows, err := w.query(query, a...)
		if err != nil {
			return err
		}
		var chunk []candidate
		for rows.Next() {
			var c candidate
			if err := scanCandidate(rows, &c); err != nil {
				rows.Close()
				return err
			}
			chunk = append(chunk, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range chunk {
			if err := w.offer(&chunk[i]); err != nil {
				return err
			}
		}
		if len(chunk) < scanChunk {
			return nil
		}
		last, first = chunk[len(chunk)-1], false
	}
}

// filterSQL turns the query's filters into conditions on items i and state
// st, each starting " AND "; ok is false when feed: matches no feed.
func (w *matchWalk) filterSQL() (where string, args []any, ok bool) {
	f := w.q.Filters()
	var b strings.Builder
	if f.Starred {
		b.WriteString(` AND st.starred = 1`)
	}
	if f.Read {
		b.WriteString(` AND st.read = 1`)
	}
	if f.Unread {
		b.WriteString(` AND COALESCE(st.read, 0) = 0`)
	}
	// The matcher's time: published, or first seen for an undated item.
	if !f.After.IsZero() {
		b.WriteString(` AND COALESCE(i.published, i.first_seen) >= ?`)
		args = append(args, f.After.UnixNano())
	}
	if !f.Before.IsZero() {
		b.WriteString(` AND COALESCE(i.published, i.first_seen) < ?`)
		args = append(args, f.Before.UnixNano())
	}
	if len(f.Feeds) > 0 {
		var urls []any
		for u, name := range w.names {
			fu, fn := search.Fold(u), search.Fold(name)
			all := true
			for _, v := range f.Feeds {
				if !strings.Contains(fu, v) && !strings.Contains(fn, v) {
					all = false
					break
				}
			}
			if all {
				urls = append(urls, u)
			}
		}
		if len(urls) == 0 {
			return "", nil, false
		}
		b.WriteString(` AND i.feed IN (?` + strings.Repeat(`, ?`, len(urls)-1) + `)`)
		args = append(args, urls...)
	}
	return b.String(), args, true
}

// indexed walks the index's candidates for expr in table, in rowid order,
// merged with the unindexed items, and offers them newest first.
//
// Rowids follow sort times only to within the probe: a candidate read
// later can sort before one read earlier, but not by more than maxProbe
// units. Candidates wait in a heap until no later one can precede them.
func (w *matchWalk) indexed(table, expr string) error {
	pend, err := w.pendingCandidates()
	if err != nil {
		return err
	}
	var waiting candidateHeap
	after := int64(-1 << 63)
	chunk := 32
	done := false
	for {
		if !done && (waiting.Len() == 0 || !w.settled(waiting[0], after)) {
			batch, last, more, err := w.indexChunk(table, expr, after, chunk)
			if err != nil {
				return err
			}
			for i := range batch {
				heap.Push(&waiting, &batch[i])
			}
			if more {
				after = last
			} else {
				done = true
			}
			chunk = min(chunk*2, 1024)
			continue
		}
		// The next to offer: the heap's top, settled, or the newest
		// unindexed item when that is newer still.
		if waiting.Len() > 0 && (len(pend) == 0 || waiting[0].before(&pend[0])) {
			if err := w.offer(heap.Pop(&waiting).(*candidate)); err != nil {
				return err
			}
			continue
		}
		if len(pend) == 0 {
			return nil
		}
		if err := w.offer(&pend[0]); err != nil {
			return err
		}
		pend = pend[1:]
	}
}

// settled reports whether c sorts before every candidate the index has yet
// to give. Those have rowids above after, so their units of sort time are
// below maxProbe - after.
func (w *matchWalk) settled(c *candidate, after int64) bool {
	return c.sortTime>>docShift >= w.maxProbe-after
}

// indexChunk reads the index's next n candidates with rowids above after
// and returns them, less the unindexed ones, whose entries may be stale;
// last is the last rowid read, and more is false at the index's end.
//
// The rowids and the rows are two statements: FTS5 makes SQLite prepare a
// statement again whenever its MATCH argument changes, which costs little
// for the first and would cost a join's planning for both together.
func (w *matchWalk) indexChunk(table, expr string, after int64, n int) (kept []candidate, last int64, more bool, err error) {
	// table is one of two constants; expr is bound.
	rows, err := w.query(`SELECT rowid FROM `+table+` WHERE `+table+` MATCH ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3`, expr, after, n)
	if err != nil {
		return nil, 0, false, err
	}
	var docs []byte
	read := 0
	for rows.Next() {
		if err := rows.Scan(&last); err != nil {
			rows.Close()
			return nil, 0, false, err
		}
		docs = append(docs, ',')
		docs = strconv.AppendInt(docs, last, 10)
		read++
	}
	rows.Close()
	if err := rows.Err(); err != nil || read == 0 {
		return nil, 0, false, err
	}
	docs[0] = '['
	docs = append(docs, ']')
	rows, err = w.query(`SELECT d.doc, `+w.columns()+`
FROM search_docs d JOIN items i ON i.feed = d.feed AND i.id = d.id
LEFT JOIN state st ON st.feed = i.feed AND st.id = i.id
WHERE d.doc IN (SELECT value FROM json_each(?1))`, string(docs))
	if err != nil {
		return nil, 0, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var c candidate
		if err := scanCandidate(rows, &c, &c.doc); err != nil {
			return nil, 0, false, err
		}
		if !w.pending[stateKey{c.feed, c.id}] {
			kept = append(kept, c)
		}
	}
	return kept, last, read == n, rows.Err()
}

// pendingCandidates returns the unindexed items, newest first.
func (w *matchWalk) pendingCandidates() ([]candidate, error) {
	if len(w.pending) == 0 {
		return nil, nil
	}
	rows, err := w.query(`SELECT ` + w.columns() + `
FROM items i LEFT JOIN state st ON st.feed = i.feed AND st.id = i.id
WHERE (i.feed, i.id) IN (SELECT feed, id FROM search_pending)
ORDER BY i.sort_time DESC, i.feed, i.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []candidate
	for rows.Next() {
		var c candidate
		if err := scanCandidate(rows, &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// candidateHeap orders candidates as they list.
type candidateHeap []*candidate

func (h candidateHeap) Len() int           { return len(h) }
func (h candidateHeap) Less(i, j int) bool { return h[i].before(h[j]) }
func (h candidateHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *candidateHeap) Push(x any)        { *h = append(*h, x.(*candidate)) }
func (h *candidateHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}
