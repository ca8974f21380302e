package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache prepares each statement once per store. The zero value is
// ready; close releases them.
type stmtCache struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
	// wanted are the queries in asked for that the cache lacked, for warm
	// to prepare once no transaction is held.
	wanted map[string]bool
}

// maxCachedStmts bounds the cache: queries built from a search's filters
// vary, and past this many the rest are prepared each time.
const maxCachedStmts = 64

// in returns query prepared for tx: the cached statement when there is
// one, and otherwise one prepared on tx alone, the query noted for warm
// while the cache has room. It never prepares on the pool: while tx
// holds a connection that would wait for another, forever with a pool of
// one (as the upsert's did, before it moved to the transaction).
func (c *stmtCache) in(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	st := c.stmts[query]
	if st == nil && len(c.stmts)+len(c.wanted) < maxCachedStmts {
		if c.wanted == nil {
			c.wanted = map[string]bool{}
		}
		c.wanted[query] = true
	}
	c.mu.Unlock()
	if st == nil {
		return tx.PrepareContext(ctx, query)
	}
	return tx.StmtContext(ctx, st), nil
}

// warm prepares on db the queries in noted, and caches them for the transactions that
// ask for them next. Call it with no transaction held: it takes a
// connection of the pool for each. A query it cannot prepare is left
// for a later in to note again.
func (c *stmtCache) warm(ctx context.Context, db *sql.DB) {
	c.mu.Lock()
	var queries []string
	for q := range c.wanted {
		queries = append(queries, q)
	}
	c.wanted = nil
	c.mu.Unlock()
	for _, q := range queries {
		// Prepared without the lock: another goroutine's transaction may
		// hold the pool's connection and, to finish, need in.
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if c.stmts[q] != nil || len(c.stmts) >= maxCachedStmts {
			st.Close()
		} else {
			if c.stmts == nil {
				c.stmts = map[string]*sql.Stmt{}
			}
			c.stmts[q] = st
		}
		c.mu.Unlock()
	}
}

// db returns query prepared on db, outside a transaction: from the
// cache when it is there, and otherwise prepared and cached while there
// is room. The caller closes a statement only when cached is false.
func (c *stmtCache) db(ctx context.Context, db *sql.DB, query string) (st *sql.Stmt, cached bool, err error) {
	c.mu.Lock()
	st = c.stmts[query]
	c.mu.Unlock()
	if st != nil {
		return st, true, nil
	}
	// Prepared without the lock, as in warm.
	if st, err = db.PrepareContext(ctx, query); err != nil {
		return nil, false, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if had := c.stmts[query]; had != nil {
		st.Close()
		return had, true, nil
	}
	if len(c.stmts) >= maxCachedStmts {
		return st, false, nil
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
	return st, true, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts, c.wanted = nil, nil
}
