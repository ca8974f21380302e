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
}

// maxCachedStmts bounds the cache: queries built from a search's filters
// vary, and past this many the rest are prepared each time.
const maxCachedStmts = 64

// in returns query prepared for tx: from the cache when it is there, and
// otherwise prepared, and cached while there is room.
func (c *stmtCache) in(ctx context.Context, db *sql.DB, tx *sql.Tx, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.stmts[query]
	if !ok && len(c.stmts) < maxCachedStmts {
		var err error
		if st, err = db.PrepareContext(ctx, query); err != nil {
			c.mu.Unlock()
			return nil, err
		}
		if c.stmts == nil {
			c.stmts = map[string]*sql.Stmt{}
		}
		c.stmts[query], ok = st, true
	}
	c.mu.Unlock()
	if !ok {
		return tx.PrepareContext(ctx, query)
	}
	return tx.StmtContext(ctx, st), nil
}

// db returns query prepared on db, outside a transaction: from the
// cache when it is there, and otherwise prepared and cached while there
// is room. The caller closes a statement only when cached is false.
func (c *stmtCache) db(ctx context.Context, db *sql.DB, query string) (st *sql.Stmt, cached bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.stmts[query]; st != nil {
		return st, true, nil
	}
	if st, err = db.PrepareContext(ctx, query); err != nil {
		return nil, false, err
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
	c.stmts = nil
}
