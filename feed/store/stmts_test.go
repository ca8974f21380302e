package store

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSearchOneConnection: a search runs in a transaction, which holds a
// connection of the pool; a statement it prepared on the pool waited for
// a second connection, forever when the pool has one. With one, every
// search finishes, before the index is built and after, its statements
// prepared once and then taken from the cache. A regression ends at the
// deadline instead of hanging.
func TestSearchOneConnection(t *testing.T) {
	s := openTest(t, "")
	if _, err := s.SaveFeed(t.Context(), "https://k", newsFeed("k", korean...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	s.db.SetMaxOpenConns(1)
	search := func(q, want string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		hs, err := s.Search(ctx, parseQuery(t, q, false), 0)
		if err != nil {
			t.Fatalf("Search(%q) with one connection: %v", q, err)
		}
		var ids []string
		for _, h := range hs {
			ids = append(ids, h.ID)
		}
		if got := strings.Join(ids, " "); got != want {
			t.Errorf("Search(%q) = %q, want %q", q, got, want)
		}
	}
	// The items wait for the index: the search merges them.
	search("북한", "k-0")
	search("is:starred", "")
	if n, err := s.UpdateIndex(t.Context()); err != nil || n == 0 {
		t.Fatalf("UpdateIndex = %d, %v", n, err)
	}
	for range 2 {
		search("북한", "k-0")
		search("ㅂㅎ", "k-0 k-2")
		search("회의 is:unread", "k-0 k-1")
	}
	s.stmts.mu.Lock()
	cached, wanted := len(s.stmts.stmts), len(s.stmts.wanted)
	s.stmts.mu.Unlock()
	if cached == 0 || wanted != 0 {
		t.Errorf("after the searches %d statements are cached and %d wait to be: want some, and none waiting", cached, wanted)
	}
}

// TestPoolKeepsConnections: reads on as many connections at once as a
// refresh makes (its workers and its saver) leave them open for the next
// reads, rather than closing all but two, each of which the next read
// opened again and read the schema of.
func TestPoolKeepsConnections(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	if err := s.AddFeed(ctx, "https://newsdao.kr/rss", ""); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		var wg sync.WaitGroup
		for range 6 {
			wg.Go(func() {
				if _, err := s.Feed(ctx, "https://newsdao.kr/rss"); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	if st := s.db.Stats(); st.MaxIdleClosed > 0 || st.OpenConnections > maxIdleConns {
		t.Errorf("the pool closed %d idle connections and holds %d", st.MaxIdleClosed, st.OpenConnections)
	}
}
