package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations[i] brings the schema from version i to version i+1. The
// version lives in PRAGMA user_version. Never edit a released migration;
// append a new one.
var migrations = [...]string{
	// 1: feeds, items and read state.
	`
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,          -- the subscription, as the user gave it
	name          TEXT NOT NULL DEFAULT '',  -- the user's name for it
	title         TEXT NOT NULL DEFAULT '',  -- the feed's own title
	link          TEXT NOT NULL DEFAULT '',
	feed_url      TEXT NOT NULL DEFAULT '',  -- found by discovery when url is a page
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_fetch    INTEGER,                   -- unix ns of the last attempt
	last_ok       INTEGER,                   -- unix ns of the last success or 304
	last_error    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE items (
	feed       TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
	id         TEXT NOT NULL,
	title      TEXT NOT NULL,
	link       TEXT NOT NULL,
	published  INTEGER,                      -- unix ns, NULL when unknown
	sort_time  INTEGER NOT NULL,             -- published, or a neighbour's when unknown
	author     TEXT NOT NULL,
	categories TEXT NOT NULL,                -- joined by U+001F
	summary    TEXT NOT NULL,
	image      TEXT NOT NULL,
	body       TEXT NOT NULL,
	format     INTEGER NOT NULL,
	source     TEXT NOT NULL,
	markdown   TEXT,                         -- cached conversion of body, NULL when stale
	first_seen INTEGER NOT NULL,
	updated    INTEGER NOT NULL,
	PRIMARY KEY (feed, id)
);
CREATE INDEX items_by_time ON items (sort_time DESC);
CREATE INDEX items_by_feed_time ON items (feed, sort_time DESC);

-- State is kept apart from items so that it outlives an item that drops
-- out of its feed and comes back, and so that a refresh, which rewrites
-- items, can never touch it.
CREATE TABLE state (
	feed    TEXT NOT NULL,
	id      TEXT NOT NULL,
	read    INTEGER NOT NULL DEFAULT 0,
	starred INTEGER NOT NULL DEFAULT 0,
	changed INTEGER NOT NULL,
	PRIMARY KEY (feed, id)
);
`,
	// 2: subscriptions. A feed read once by URL is cached like any other,
	// but only the ones the user subscribed to are listed and refreshed
	// by default.
	`
ALTER TABLE feeds ADD COLUMN subscribed INTEGER NOT NULL DEFAULT 0;
`,
	// 3: the headline list reads a covering index. An item's row holds
	// its body, about a page each, so walking items by time read one page
	// per headline; the index holds just what the list shows, in order.
	`
CREATE INDEX items_headlines ON items (sort_time DESC, feed, id, title, link, published, categories, first_seen);
DROP INDEX items_by_time;
`,
	// 4: cached Markdown made before image alt text was escaped and
	// Markdown posts were cleaned whole could hold raw HTML or an unsafe
	// link; it is made again when the article is next opened.
	`
UPDATE items SET markdown = NULL WHERE markdown IS NOT NULL;
`,
	// 5: retention and Retry-After. Retention walks a feed's items by
	// time with their IDs, which this index holds, so it reads no item
	// row; it replaces the index on (feed, sort_time). retry_at is when a
	// server that asked to be left alone (Retry-After) may be fetched
	// again, in unix ns. Error texts stored before they were cleaned are
	// cleaned on the way out (scanFeed).
	`
CREATE INDEX items_by_feed_time_id ON items (feed, sort_time DESC, id);
DROP INDEX items_by_feed_time;
ALTER TABLE feeds ADD COLUMN retry_at INTEGER;
`,
	// 6: the search index (index.go). Two contentless FTS5 tables hold
	// no text, only which documents hold which trigrams and which
	// bigrams; search_docs maps their rowids, ordered newest first, to
	// items. Triggers queue every new or changed item in search_pending,
	// and drop a removed item from the index at once; UpdateIndex indexes
	// the queue. Every item cached so far starts queued. The step can run
	// again over its own tables (a database set back a version) and
	// only queues everything again.
	`
CREATE TABLE IF NOT EXISTS search_docs (
	doc  INTEGER PRIMARY KEY,  -- rowid in both tables: idealDoc(sort_time) plus a probe
	feed TEXT NOT NULL,
	id   TEXT NOT NULL,
	UNIQUE (feed, id)
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_trigrams USING fts5(
	text, tokenize = 'trigram case_sensitive 1', detail = none, content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE IF NOT EXISTS search_bigrams USING fts5(
	text, tokenize = 'ascii', detail = none, content = '', contentless_delete = 1, prefix = '1');
-- The queue is appended to and read in order, with no index: queueing an
-- item must cost SaveFeed next to nothing. An item may be queued twice,
-- or stay queued after it is gone; UpdateIndex sorts that out.
CREATE TABLE IF NOT EXISTS search_pending (
	feed TEXT NOT NULL,
	id   TEXT NOT NULL
);
-- max_probe bounds how far a document's rowid lies from its time.
CREATE TABLE IF NOT EXISTS search_meta (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO search_meta (key, value) VALUES ('max_probe', 0);

CREATE TRIGGER IF NOT EXISTS search_item_added AFTER INSERT ON items BEGIN
	INSERT INTO search_pending (feed, id) VALUES (NEW.feed, NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS search_item_changed AFTER UPDATE ON items
WHEN OLD.title IS NOT NEW.title OR OLD.summary IS NOT NEW.summary OR OLD.body IS NOT NEW.body
	OR OLD.sort_time IS NOT NEW.sort_time
BEGIN
	INSERT INTO search_pending (feed, id) VALUES (NEW.feed, NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS search_item_removed AFTER DELETE ON items BEGIN
	DELETE FROM search_trigrams WHERE rowid = (SELECT doc FROM search_docs WHERE feed = OLD.feed AND id = OLD.id);
	DELETE FROM search_bigrams WHERE rowid = (SELECT doc FROM search_docs WHERE feed = OLD.feed AND id = OLD.id);
	DELETE FROM search_docs WHERE feed = OLD.feed AND id = OLD.id;
END;

INSERT INTO search_pending (feed, id) SELECT feed, id FROM items;
`,
	// 7: undated items are listed after the dated ones, feed by feed in
	// each feed's order (sort_time keeps that order for them). This
	// partial index holds just those rows, with what the list shows, so
	// the list reads them without a sort or a row lookup.
	`
CREATE INDEX IF NOT EXISTS items_undated ON items (feed, sort_time DESC, id, title, link, published, categories, first_seen)
	WHERE published IS NULL;
`,
	// 8: full text. The body extracted from an item's page (feed/fulltext)
	// is kept beside the body its feed gave, never in its place, with
	// where and when it came from; a failed attempt keeps its reason
	// instead (html = '') so that a refresh does not ask again. link is
	// the item's link it was fetched for. The triggers drop it when the
	// item's body or link changes, or the item goes. A migration that
	// makes items.markdown again must clear fulltext.markdown too. Like 6 and 7,
	// the step can run again over its own tables.
	`
CREATE TABLE IF NOT EXISTS fulltext (
	feed     TEXT NOT NULL,
	id       TEXT NOT NULL,
	link     TEXT NOT NULL,
	url      TEXT NOT NULL,               -- the page, after redirects
	fetched  INTEGER NOT NULL,            -- unix ns
	via      TEXT NOT NULL,               -- "rule:<name>" or "readability"
	html     TEXT NOT NULL,               -- the extracted body; '' when it failed
	error    TEXT NOT NULL,               -- why it failed; '' when it did not
	markdown TEXT,                        -- cached conversion of html
	PRIMARY KEY (feed, id)
);
CREATE TRIGGER IF NOT EXISTS fulltext_item_changed AFTER UPDATE OF body, format, link ON items
WHEN OLD.body IS NOT NEW.body OR OLD.format IS NOT NEW.format OR OLD.link IS NOT NEW.link
BEGIN
	DELETE FROM fulltext WHERE feed = NEW.feed AND id = NEW.id;
END;
CREATE TRIGGER IF NOT EXISTS fulltext_item_deleted AFTER DELETE ON items
BEGIN
	DELETE FROM fulltext WHERE feed = OLD.feed AND id = OLD.id;
END;
`,
	// 9: tags of feeds, as OPML folders give them (tags.go), joined by
	// U+001F like an item's categories.
	`
ALTER TABLE feeds ADD COLUMN tags TEXT NOT NULL DEFAULT '';
`,
	// 10: scheduling, numbered listings and watch marks. feed_schedule
	// holds what the refresh schedule knows of a feed besides its fetch
	// times: fresh_until, the server's own word on when the feed is worth
	// asking again (RSS <ttl>, Cache-Control max-age, Expires), in unix
	// ns; failures, the attempts that failed in a row, for the backoff;
	// failure, the last one's kind ("network", "http", ...). The index on
	// first_seen finds what came in since a time without a scan, for
	// `sokbo watch`. listings keeps the numbers the last `sokbo list` of
	// each set of sources printed, so that `sokbo read N` reads that N
	// whatever came in since; watch_marks the newest item each watch has
	// printed. Like 6 to 8, the step can run again over its own
	// tables.
	`
CREATE TABLE IF NOT EXISTS feed_schedule (
	url         TEXT PRIMARY KEY REFERENCES feeds(url) ON DELETE CASCADE,
	fresh_until INTEGER,
	failures    INTEGER NOT NULL DEFAULT 0,
	failure     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_by_first_seen ON items (first_seen);
-- One row per listing: its numbering in one blob (listing.go), written
-- in one statement, so that keeping it costs a list of ten thousand
-- next to nothing.
CREATE TABLE IF NOT EXISTS listings (
	sources TEXT PRIMARY KEY,   -- what was listed: '' for the subscriptions
	made    INTEGER NOT NULL,   -- unix ns
	rows    BLOB NOT NULL       -- the numbered items, encoded
);
CREATE TABLE IF NOT EXISTS watch_marks (
	name    TEXT PRIMARY KEY,
	seen    INTEGER NOT NULL,   -- unix ns: the first_seen of the newest item printed
	changed INTEGER NOT NULL
);
`,
	// 11: claims. A process about to fetch a feed claims it, so that two
	// sokbos on one cache (the reader and a watch in a tmux split) do not
	// both fetch a feed that falls due; the claim lapses by itself should
	// its process die. Runnable again, like 10.
	`
CREATE TABLE IF NOT EXISTS feed_claims (
	url TEXT PRIMARY KEY,
	at  INTEGER NOT NULL   -- unix ns of the claim
) WITHOUT ROWID;
`,
	// 12: the digest of a feed's last body (fetch.Digest), so that a
	// server that sends no validator and the same body again costs a
	// checksum, not a parse and a save.
	`
ALTER TABLE feeds ADD COLUMN digest TEXT NOT NULL DEFAULT '';
`,
	// 13: the digest of a feed's items as last saved (ItemsDigest), so
	// that a body that changed only where nothing is stored (a
	// lastBuildDate) is parsed but not saved again.
	`
ALTER TABLE feeds ADD COLUMN items_digest TEXT NOT NULL DEFAULT '';
`,
	// 14: folds. The stories a set of headlines folded into
	// (feed/group), under the digest of those headlines, so that a list
	// or a reader of an unchanged cache does not fold fifty thousand
	// headlines again. Runnable again, like 10.
	`
CREATE TABLE IF NOT EXISTS folds (
	name   TEXT PRIMARY KEY,  -- what was folded: a listing's sources, the reader's
	made   INTEGER NOT NULL,  -- unix ns
	digest BLOB NOT NULL,     -- of the headlines folded
	groups BLOB NOT NULL      -- the stories, encoded by feed/library
);
`,
	// 15: counts. feed_counts holds, for each feed that has items, how
	// many it has and how many of them are unread (no state row, or one
	// not read), as counting the items and the read marks that have an
	// item gives: the reader's first paint counted them by walking every
	// item and every read mark (4 ms at 50k items, 35 ms with 25k of them
	// read, in BenchmarkCounts). Triggers keep it exact in the statement
	// that changes items, state or feeds: a mark of an item not cached
	// counts nowhere until the item comes (again); an item without a mark
	// is unread. A feed whose items are all gone keeps a row of zeros
	// until the feed goes. Runnable again, like 10: it counts everything
	// afresh.
	`
CREATE TABLE IF NOT EXISTS feed_counts (
	feed   TEXT PRIMARY KEY,
	items  INTEGER NOT NULL,
	unread INTEGER NOT NULL
) WITHOUT ROWID;
DELETE FROM feed_counts;
INSERT INTO feed_counts (feed, items, unread)
SELECT i.feed, count(*), count(*) - count(CASE WHEN s.read THEN 1 END)
FROM items i LEFT JOIN state s ON s.feed = i.feed AND s.id = i.id
GROUP BY i.feed;

CREATE TRIGGER IF NOT EXISTS feed_counts_item_added AFTER INSERT ON items BEGIN
	INSERT INTO feed_counts (feed, items, unread)
	VALUES (NEW.feed, 1, NOT EXISTS (SELECT 1 FROM state WHERE feed = NEW.feed AND id = NEW.id AND read))
	ON CONFLICT (feed) DO UPDATE SET items = items + 1, unread = unread + excluded.unread;
END;
CREATE TRIGGER IF NOT EXISTS feed_counts_item_removed AFTER DELETE ON items BEGIN
	UPDATE feed_counts SET items = items - 1,
		unread = unread - NOT EXISTS (SELECT 1 FROM state WHERE feed = OLD.feed AND id = OLD.id AND read)
	WHERE feed = OLD.feed;
END;
-- No code moves an item to another feed or ID; were it done, it would
-- count as the old item gone and the new one come.
CREATE TRIGGER IF NOT EXISTS feed_counts_item_moved AFTER UPDATE OF feed, id ON items
WHEN OLD.feed IS NOT NEW.feed OR OLD.id IS NOT NEW.id
BEGIN
	UPDATE feed_counts SET items = items - 1,
		unread = unread - NOT EXISTS (SELECT 1 FROM state WHERE feed = OLD.feed AND id = OLD.id AND read)
	WHERE feed = OLD.feed;
	INSERT INTO feed_counts (feed, items, unread)
	VALUES (NEW.feed, 1, NOT EXISTS (SELECT 1 FROM state WHERE feed = NEW.feed AND id = NEW.id AND read))
	ON CONFLICT (feed) DO UPDATE SET items = items + 1, unread = unread + excluded.unread;
END;
CREATE TRIGGER IF NOT EXISTS feed_counts_read_added AFTER INSERT ON state
WHEN NEW.read
BEGIN
	UPDATE feed_counts SET unread = unread - 1
	WHERE feed = NEW.feed AND EXISTS (SELECT 1 FROM items WHERE feed = NEW.feed AND id = NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS feed_counts_read_removed AFTER DELETE ON state
WHEN OLD.read
BEGIN
	UPDATE feed_counts SET unread = unread + 1
	WHERE feed = OLD.feed AND EXISTS (SELECT 1 FROM items WHERE feed = OLD.feed AND id = OLD.id);
END;
CREATE TRIGGER IF NOT EXISTS feed_counts_read_changed AFTER UPDATE OF feed, id, read ON state
WHEN (CASE WHEN OLD.read THEN 1 ELSE 0 END) <> (CASE WHEN NEW.read THEN 1 ELSE 0 END)
	OR OLD.feed IS NOT NEW.feed OR OLD.id IS NOT NEW.id
BEGIN
	UPDATE feed_counts SET unread = unread + 1
	WHERE OLD.read AND feed = OLD.feed AND EXISTS (SELECT 1 FROM items WHERE feed = OLD.feed AND id = OLD.id);
	UPDATE feed_counts SET unread = unread - 1
	WHERE NEW.read AND feed = NEW.feed AND EXISTS (SELECT 1 FROM items WHERE feed = NEW.feed AND id = NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS feed_counts_feed_removed AFTER DELETE ON feeds BEGIN
	DELETE FROM feed_counts WHERE feed = OLD.url;
END;
`,
	// 16: the search index holds text despaced (search.Despace), so that
	// a query ignoring Korean spacing finds 서울 지하철 by 서울지하철:
	// every item is queued to be indexed again. Searches stay exact
	// meanwhile, as while the index was first built (index.go).
	// Runnable again, like 10; an item queued already is not queued twice.
	`
INSERT INTO search_pending (feed, id)
SELECT feed, id FROM items EXCEPT SELECT feed, id FROM search_pending;
`,
	// 17: the file says it is a sokbo cache (applicationID), so that a
	// database of another program given as the cache is told apart by
	// its header (checkForeign). Runnable again.
	fmt.Sprintf(`PRAGMA application_id = %d;`, applicationID),
	// 18: search.Fold reads raised and lowered digits and signs as the
	// plain ones (10⁻³ as 10-3, H₂O as H2O), as titles now write <sup>
	// and <sub>: every item is queued to be indexed again, as in 16.
	`
INSERT INTO search_pending (feed, id)
SELECT feed, id FROM items EXCEPT SELECT feed, id FROM search_pending;
`,
	// 19: search.Fold drops a comma between digits (1,300원 as 1300원)
	// and the index leaves out the spaces around a middle dot (서울 · 부산
	// as 서울·부산): every item is queued to be indexed again, as in 16.
	`
INSERT INTO search_pending (feed, id)
SELECT feed, id FROM items EXCEPT SELECT feed, id FROM search_pending;
`,
}

// applicationID is the header's application ID of a sokbo cache: "sokb".
const applicationID = 0x736f6b62

// SchemaVersion is the schema version this package writes.
const SchemaVersion = len(migrations)

// migrate brings the database to SchemaVersion, one transaction per step.
// A database already current costs one read and takes no write lock, so
// opening it never waits for another process's writer.
func migrate(ctx context.Context, db *sql.DB) error {
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("reading schema version: %w", err)
	}
	if v > SchemaVersion {
		return errNewer(v)
	}
	if v == SchemaVersion {
		if ok, err := schemaWhole(ctx, db); err != nil || ok {
			return err
		}
		// A cache that builds of 2 December 2026 brought to this version
		// without a column (see migrateStep): add it.
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		return retryWrite(ctx, DefaultWriteTimeout, func() error {
			tx, err := conn.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			if err := addColumnIfMissing(ctx, tx, "feeds", "items_digest", `TEXT NOT NULL DEFAULT ''`); err != nil {
				return fmt.Errorf("repairing the schema: %w", err)
			}
			return tx.Commit()
		})
	}
	// One connection for it all: auto_vacuum is a setting of the
	// connection that creates the first table.
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if v == 0 {
		// A new database gives freed pages back (see Store.Compact for
		// an old one). Switching to WAL has already written its header,
		// so the setting takes a VACUUM, instant on an empty file. Two
		// processes creating the store at once may both run it: harmless.
		for _, q := range []string{`PRAGMA auto_vacuum = INCREMENTAL`, `VACUUM`} {
			if _, err := conn.ExecContext(ctx, q); err != nil && !retryable(err) {
				return fmt.Errorf("setting auto_vacuum: %w", err)
			}
		}
	}
	for {
		var done bool
		err := retryWrite(ctx, DefaultWriteTimeout, func() (err error) {
			done, err = migrateStep(ctx, conn)
			return err
		})
		if err != nil || done {
			return err
		}
	}
}

// schemaWhole reports whether a database at SchemaVersion has every
// column of it: for an hour on 2 December 2026 builds numbered the folds
// table migration 13 and then 14, so a cache can be at this version
// without feeds.items_digest.
func schemaWhole(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('feeds') WHERE name = 'items_digest'`).Scan(&n)
	return n > 0, err
}

// addColumnIfMissing adds column to table, with its type and default
// decl, unless the table has it. table, column and decl are this
// package's constants.
func addColumnIfMissing(ctx context.Context, tx *sql.Tx, table, column, decl string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = ?`, table, column).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, "ALTER TABLE "+table+" ADD COLUMN "+column+" "+decl)
	return err
}

// migrateStep applies the next migration, if any. It reads the version
// inside the write transaction, so two processes opening a new database at
// once do not both apply it.
func migrateStep(ctx context.Context, db *sql.Conn) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("reading schema version: %w", err)
	}
	switch {
	case v > SchemaVersion:
		return false, errNewer(v)
	case v == SchemaVersion:
		return true, nil
	}
	// A new database takes every step in this one transaction: it holds
	// nothing to keep step by step, and a commit a step was most of what
	// creating it cost. An old one takes one step a transaction.
	end := v + 1
	if v == 0 {
		end = SchemaVersion
	}
	for ; v < end; v++ {
		if v == 13 || v == 14 {
			// Builds of 2 December 2026 numbered the folds table 13 for an
			// hour, before the items digest took that number: a cache one of
			// them brought to version 13 has the folds and lacks the digest,
			// and so does one a later build then brought to 14.
			if err := addColumnIfMissing(ctx, tx, "feeds", "items_digest", `TEXT NOT NULL DEFAULT ''`); err != nil {
				return false, fmt.Errorf("migrating schema to version %d: %w", v+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return false, fmt.Errorf("migrating schema to version %d: %w", v+1, err)
		}
	}
	// PRAGMA takes no parameters; end is an int from this package.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", end)); err != nil {
		return false, fmt.Errorf("setting schema version %d: %w", end, err)
	}
	return end == SchemaVersion, tx.Commit()
}
