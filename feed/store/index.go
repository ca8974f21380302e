package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"sokbo/feed/search"
)

// The search index (schema 6, its text despaced since 16) is two
// contentless FTS5 tables over the folded text of each item (search.Fold
// of its title, summary and body text, and search.Initials of its title,
// each search.Despace'd: 서울 지하철 as 서울지하철, which is how a query
// that ignores spacing finds both), holding no text, only which
// documents hold which n-grams:
//
//   - search_trigrams, FTS5's trigram tokenizer: a word of three or more
//     characters is found by the trigrams inside it;
//   - search_bigrams, the pairs of adjacent letters of each word and a few
//     more (appendBigrams), written out as words for the ascii tokenizer,
//     with a prefix index on first letters: a word of one or two
//     characters, which has no trigram (북한, 국회, ㅂㅎ), or one still
//     being typed (북ㅎ), is found by its bigrams or its first letter.
//
// Neither stores positions (detail=none): an index answers which documents
// may match, and search.Query.Match, run on every candidate, decides. The
// two never disagree, because the index only narrows.
//
// Both tables share rowids, which search_docs maps to items. A rowid is
// the item's sort time in units of 2^35 ns (34 s), negated, so that FTS5's
// natural rowid order is newest first and a search reads only as many
// candidates as it shows; items that fall in one unit take the next free
// rowids (the probe), and search_meta keeps the largest probe so that a
// search knows how far out of order a candidate can be.
//
// Indexing an item costs ten times what saving it does (about 400 µs
// against 30), so SaveFeed does not index: triggers queue new and changed
// items in search_pending; a refresh indexes what a share of its own time
// allows (IndexFor), and the long-running front ends the rest in the
// background (UpdateIndex). A search treats queued items as candidates,
// or scans when many are queued, so it is exact while the index catches
// up.
//
// What the tables hold follows search.Fold, search.BodyText,
// search.Initials, search.Despace and appendBigrams. A change to any of them that changes
// their output needs a migration that queues every item again (INSERT INTO
// search_pending SELECT feed, id FROM items), or the index will miss what
// the matcher finds.

// docShift is the unit of a rowid: 2^35 ns, about 34 s.
const docShift = 35

// idealDoc is the rowid an item sorting at sortTime takes, probe aside.
func idealDoc(sortTime int64) int64 { return -(sortTime >> docShift) }

// indexBatch is how many queued items UpdateIndex indexes per transaction:
// about 100 ms of holding the write lock, so that a mark waits little and
// FTS5 still merges few segments at each commit.
const indexBatch = 512

// firstBatch is the least IndexFor indexes: a usual refresh round's new
// items, whatever its budget.
const firstBatch = 64

// UpdateIndex indexes every item queued since the last call (new, changed,
// or all of them after the migration that made the index), a batch per
// transaction, and returns how many it indexed. Cancelling ctx stops it
// between batches; what is done is kept.
func (s *Store) UpdateIndex(ctx context.Context) (int, error) {
	return s.updateIndex(ctx, -1, false, nil)
}

// UpdateIndexGently is UpdateIndex for a long-running front end indexing
// behind its user: smaller batches (gentleBatch), each followed by a rest
// as long as it took, so that it takes at most half a core and holds the
// write lock a few tens of milliseconds at a time. Indexing 10k items at
// full speed behind the reader slowed its keypresses from 16 ms to 26 ms
// at the median, on two cores.
//
// Before each batch it calls quiet, when not nil, which returns once the
// user is not busy (the reader: when no key has come for a moment), or
// with ctx's error; so the index is built while the user reads, not while
// they scroll. Half a core was still a tenth of the keys at 18–30 ms at
// 10k and 50k items, where 4 ms is the rest.
func (s *Store) UpdateIndexGently(ctx context.Context, quiet func(context.Context) error) (int, error) {
	return s.updateIndex(ctx, -1, true, quiet)
}

// gentleBatch is UpdateIndexGently's batch: about 50 ms of indexing.
const gentleBatch = 128

// IndexFor is UpdateIndex within a budget of time: it indexes the first
// firstBatch queued items whatever the budget, then more, a batch at a
// time, each sized by the time the last took per item, while the budget
// lasts; what it leaves stays queued, and searches stay exact meanwhile.
// A refresh calls it with a share of the round's own time, so that a
// first refresh of a large feed is not held up by indexing it.
func (s *Store) IndexFor(ctx context.Context, budget time.Duration) (int, error) {
	return s.updateIndex(ctx, max(budget, 0), false, nil)
}

// updateIndex is UpdateIndex with a budget, or none when budget < 0, and
// gently (UpdateIndexGently, waiting for quiet if not nil) or at full
// speed.
func (s *Store) updateIndex(ctx context.Context, budget time.Duration, gently bool, quiet func(context.Context) error) (int, error) {
	start := time.Now()
	total := 0
	limit := indexBatch
	switch {
	case budget >= 0:
		limit = firstBatch
	case gently:
		limit = gentleBatch
	}
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		if quiet != nil {
			if err := quiet(ctx); err != nil {
				return total, err
			}
		}
		n := 0
		batchStart := time.Now()
		err := s.write(ctx, func(tx *sql.Tx) error {
			var err error
			n, err = indexPending(ctx, tx, limit)
			return err
		})
		if err != nil {
			return total, fmt.Errorf("updating the search index: %w", err)
		}
		total += n
		if n < limit {
			break
		}
		if gently {
			t := time.NewTimer(time.Since(batchStart))
			select {
			case <-ctx.Done():
				t.Stop()
				return total, ctx.Err()
			case <-t.C:
			}
		}
		if budget >= 0 {
			left := budget - time.Since(start)
			perItem := time.Since(batchStart) / time.Duration(n)
			if perItem <= 0 {
				perItem = 1
			}
			limit = min(int(left/perItem), indexBatch)
			if limit < 1 {
				return total, nil // the rest waits
			}
		}
	}
	// A build of many items leaves many small segments, and every
	// lookup visits each; merging them into one halves the time of a
	// search that ORs many words. It rewrites the whole index, which no
	// budget allows for.
	if budget < 0 && total >= optimizeAfter {
		if err := s.optimizeIndex(ctx); err != nil {
			return total, err
		}
	}
	return total, nil
}

// optimizeIndex merges each index table into one segment, and gives the
// pages of the old segments back to the file system where the database
// allows it (auto_vacuum = INCREMENTAL, as retention sets).
func (s *Store) optimizeIndex(ctx context.Context) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, t := range []string{trigramTable, bigramTable} {
			// t is one of two constants.
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+t+`(`+t+`) VALUES ('optimize')`); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `PRAGMA incremental_vacuum`)
		return err
	})
	if err != nil {
		return fmt.Errorf("merging the search index: %w", err)
	}
	return nil
}

// optimizeAfter is how many items indexed in one UpdateIndex make it merge
// the index's segments: a first build or a large import, not a refresh.
const optimizeAfter = 2000

// PendingIndex counts the queue entries waiting for UpdateIndex: about the
// items new or changed since it last ran (an item changed twice counts
// twice).
func (s *Store) PendingIndex(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM search_pending`).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting items to index: %w", err)
	}
	return n, nil
}

type pendingItem struct {
	feed, id             string
	sortTime             int64
	title, summary, body string
	exists               bool
	ideal                int64
}

// indexPending indexes the items of up to limit queue entries and returns
// how many entries it cleared.
func indexPending(ctx context.Context, tx *sql.Tx, limit int) (int, error) {
	rows, err := tx.QueryContext(ctx, `
SELECT p.rowid, p.feed, p.id, i.sort_time, i.title, i.summary, i.body
FROM search_pending p LEFT JOIN items i ON i.feed = p.feed AND i.id = p.id
ORDER BY p.rowid LIMIT ?`, limit)
	if err != nil {
		return 0, err
	}
	var batch []pendingItem
	queued := map[stateKey]bool{}
	read, last := 0, int64(0)
	for rows.Next() {
		var it pendingItem
		var sortTime sql.NullInt64
		var title, summary, body sql.NullString
		if err := rows.Scan(&last, &it.feed, &it.id, &sortTime, &title, &summary, &body); err != nil {
			rows.Close()
			return 0, err
		}
		read++
		if k := (stateKey{it.feed, it.id}); !queued[k] {
			queued[k] = true
			it.exists = sortTime.Valid
			it.sortTime, it.title, it.summary, it.body = sortTime.Int64, title.String, summary.String, body.String
			it.ideal = idealDoc(it.sortTime)
			batch = append(batch, it)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if read == 0 {
		return 0, nil
	}
	// FTS5 appends to its in-memory segment only while rowids rise
	// within a transaction; out of order it flushes on every insert,
	// four times slower.
	slices.SortFunc(batch, func(a, b pendingItem) int {
		return cmp.Or(cmp.Compare(a.ideal, b.ideal), strings.Compare(a.feed, b.feed), strings.Compare(a.id, b.id))
	})
	w, err := newIndexWriter(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer w.close()
	for i := range batch {
		if err := w.index(ctx, &batch[i]); err != nil {
			return 0, fmt.Errorf("indexing item %s: %w", batch[i].id, err)
		}
	}
	if err := w.finish(ctx); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_pending WHERE rowid <= ?`, last); err != nil {
		return 0, err
	}
	return read, nil
}

// indexWriter holds the statements one batch uses.
type indexWriter struct {
	tx                                   *sql.Tx
	oldDoc, taken, delTri, delBi, delDoc *sql.Stmt
	addDoc, addTri, addBi                *sql.Stmt
	last, maxProbe, oldMaxProbe          int64
	started                              bool
	seen                                 wordSet // indexText's scratch
}

func newIndexWriter(ctx context.Context, tx *sql.Tx) (*indexWriter, error) {
	w := &indexWriter{tx: tx}
	if err := tx.QueryRowContext(ctx, `SELECT value FROM search_meta WHERE key = 'max_probe'`).Scan(&w.oldMaxProbe); err != nil {
		return nil, fmt.Errorf("reading the index's probe bound: %w", err)
	}
	w.maxProbe = w.oldMaxProbe
	for _, st := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&w.oldDoc, `SELECT doc FROM search_docs WHERE feed = ? AND id = ?`},
		{&w.taken, `SELECT EXISTS (SELECT 1 FROM search_docs WHERE doc = ?)`},
		{&w.delTri, `DELETE FROM search_trigrams WHERE rowid = ?`},
		{&w.delBi, `DELETE FROM search_bigrams WHERE rowid = ?`},
		{&w.delDoc, `DELETE FROM search_docs WHERE doc = ?`},
		{&w.addDoc, `INSERT INTO search_docs (doc, feed, id) VALUES (?, ?, ?)`},
		{&w.addTri, `INSERT INTO search_trigrams (rowid, text) VALUES (?, ?)`},
		{&w.addBi, `INSERT INTO search_bigrams (rowid, text) VALUES (?, ?)`},
	} {
		stmt, err := tx.PrepareContext(ctx, st.query)
		if err != nil {
			w.close()
			return nil, err
		}
		*st.dst = stmt
	}
	return w, nil
}

func (w *indexWriter) close() {
	for _, st := range []*sql.Stmt{w.oldDoc, w.taken, w.delTri, w.delBi, w.delDoc, w.addDoc, w.addTri, w.addBi} {
		if st != nil {
			st.Close()
		}
	}
}

// index replaces the item's entry, if any, with one for its text now.
func (w *indexWriter) index(ctx context.Context, it *pendingItem) error {
	var old int64
	switch err := w.oldDoc.QueryRowContext(ctx, it.feed, it.id).Scan(&old); {
	case err == nil:
		for _, st := range []*sql.Stmt{w.delTri, w.delBi, w.delDoc} {
			if _, err := st.ExecContext(ctx, old); err != nil {
				return err
			}
		}
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	if !it.exists {
		return nil // removed since it was queued
	}
	doc, err := w.assign(ctx, it.ideal)
	if err != nil {
		return err
	}
	tri, bi := indexText(it.title, it.summary, it.body, &w.seen)
	if _, err := w.addDoc.ExecContext(ctx, doc, it.feed, it.id); err != nil {
		return err
	}
	if _, err := w.addTri.ExecContext(ctx, doc, tri); err != nil {
		return err
	}
	_, err = w.addBi.ExecContext(ctx, doc, bi)
	return err
}

// assign returns the first free rowid at or after ideal, and after the
// batch's last, so that rowids rise through the batch.
func (w *indexWriter) assign(ctx context.Context, ideal int64) (int64, error) {
	doc := ideal
	if w.started && doc <= w.last {
		doc = w.last + 1
	}
	for {
		var taken bool
		if err := w.taken.QueryRowContext(ctx, doc).Scan(&taken); err != nil {
			return 0, err
		}
		if !taken {
			break
		}
		doc++
	}
	w.last, w.started = doc, true
	w.maxProbe = max(w.maxProbe, doc-ideal)
	return doc, nil
}

func (w *indexWriter) finish(ctx context.Context) error {
	if w.maxProbe == w.oldMaxProbe {
		return nil
	}
	_, err := w.tx.ExecContext(ctx, `UPDATE search_meta SET value = ? WHERE key = 'max_probe'`, w.maxProbe)
	return err
}

// indexText returns what the two tables index for an item: its folded
// fields, one a line, and the initials of its title; and the bigram words
// of the same, each once. seen is scratch space, reused across calls.
func indexText(title, summary, body string, seen *wordSet) (trigrams, bigrams string) {
	t := search.Despace(search.Fold(title))
	fields := [...]string{t, search.Despace(search.Fold(summary)), search.Despace(search.Fold(search.BodyText(body))), search.Initials(t)}
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	seen.reset()
	var bb strings.Builder
	bb.Grow(b.Len())
	for _, f := range fields {
		appendBigrams(&bb, f, seen)
	}
	return b.String(), bb.String()
}

// bigramRune reports whether r takes part in bigrams: the characters Korean
// text is searched by. All are letters or digits, and the ascii tokenizer
// keeps every non-ASCII byte in a word, so it never splits a bigram word;
// others (punctuation, symbols, other scripts) end a word here.
func bigramRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return true
	case r >= 0xAC00 && r <= 0xD7A3: // syllables
		return true
	case r >= 0x3131 && r <= 0x318E: // compatibility jamo
		return true
	case r >= 0x4E00 && r <= 0x9FFF: // CJK ideographs (한자)
		return true
	}
	return false
}

// appendBigrams writes the bigram words of folded text that seen does not
// hold yet: with positions not kept, a word twice in one document is
// indexed once, and writing it once spares the tokenizer. For each word (a
// run of bigramRune characters) they are:
//
//   - each pair of adjacent characters (북한), and the word's last
//     character alone, so that every character starts a word and a
//     prefix query on one character finds it;
//   - each character with the initial of the syllable after it (북ㅎ), for
//     the states an IME passes through (북ㅎ, 북하 on the way to 북한) and
//     mixed words (국ㅎ의장);
//   - each syllable with a final, without it (부 for 북), for a first
//     syllable still being typed, which may yet gain any final.
func appendBigrams(b *strings.Builder, text string, seen *wordSet) {
	word := func(x, y rune) {
		if !seen.add(uint64(x)<<32 | uint64(y)) {
			return
		}
		b.WriteRune(x)
		if y != 0 {
			b.WriteRune(y)
		}
		b.WriteByte(' ')
	}
	var prev rune
	inWord := false
	for _, r := range text {
		if !bigramRune(r) {
			if inWord {
				word(prev, 0)
			}
			inWord = false
			continue
		}
		if open, ok := search.WithoutFinal(r); ok {
			word(open, 0)
		}
		if inWord {
			word(prev, r)
			if j := search.InitialOf(r); j != 0 {
				word(prev, j)
			}
		}
		prev, inWord = r, true
	}
	if inWord {
		word(prev, 0)
	}
}

// wordSet is a set of bigram words, each two runes packed in a uint64
// (never 0), for one document at a time: an open-addressed table that
// reset empties by bumping a generation, so a batch of documents reuses
// it without clearing. A map costs five times as much here.
type wordSet struct {
	keys []uint64
	gens []uint32
	gen  uint32
	n    int
}

func (s *wordSet) reset() {
	s.gen++
	s.n = 0
	if s.gen == 0 { // wrapped: old generations would look current
		clear(s.gens)
		s.gen = 1
	}
}

// add adds k and reports whether it was new.
func (s *wordSet) add(k uint64) bool {
	if 2*(s.n+1) > len(s.keys) {
		s.grow()
	}
	mask := uint64(len(s.keys) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> 40 & mask; ; i = (i + 1) & mask {
		if s.gens[i] != s.gen {
			s.keys[i], s.gens[i] = k, s.gen
			s.n++
			return true
		}
		if s.keys[i] == k {
			return false
		}
	}
}

func (s *wordSet) grow() {
	oldKeys, oldGens, gen := s.keys, s.gens, s.gen
	size := max(4096, 2*len(s.keys))
	s.keys, s.gens, s.n = make([]uint64, size), make([]uint32, size), 0
	if s.gen == 0 {
		s.gen = 1
	}
	for i, k := range oldKeys {
		if oldGens[i] == gen {
			s.add(k)
		}
	}
}
