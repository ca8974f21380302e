package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/fetch"
)

// openAt opens a store in a new directory whose clock stands still, so
// that two stores saving the same feed write the same rows.
func openAt(t *testing.T, opts Options) *Store {
	t.Helper()
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	if opts.Path == "" {
		opts.Path = filepath.Join(t.TempDir(), "sokbo.db")
	}
	opts.Now = func() time.Time { return at }
	s, err := Open(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// dump is every row a save writes, as text: the feed's row, its items,
// its counts and the search queue.
func dump(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT url, name, title, link, feed_url, etag, last_modified, last_fetch, last_ok, last_error, retry_at, digest, items_digest FROM feeds ORDER BY url`,
		`SELECT feed, id, title, link, published, sort_time, author, categories, summary, image, body, format, source, markdown, first_seen, updated FROM items ORDER BY feed, id`,
		`SELECT * FROM feed_counts ORDER BY feed`,
		`SELECT feed, id FROM search_pending ORDER BY feed, id`,
		`SELECT * FROM feed_schedule ORDER BY 1`,
	} {
		rows, err := s.db.QueryContext(t.Context(), q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

// streamed gives f's items to a stream of s in batches of size and
// finishes it with f.
func streamed(t *testing.T, s *Store, url string, f *feed.Feed, size int, res FetchResult) (SaveResult, error) {
	t.Helper()
	w := s.StreamFeed(t.Context(), url)
	for i := 0; i < len(f.Items); i += size {
		w.Items(f.Items[i:min(i+size, len(f.Items))])
	}
	return w.Finish(f, res)
}

// undatedTail is testFeed with its last items undated, as a feed sorted
// by sortItems has them.
func undatedTail(prefix string, n, undated int) *feed.Feed {
	f := testFeed(prefix, n)
	for _, it := range f.Items[n-undated:] {
		it.Published = time.Time{}
	}
	return f
}

// TestStreamSavesAsSaveFeed: a feed saved while its items come, in
// batches of any size, leaves the rows SaveFeed leaves, and says the
// same counts; a feed saved so once is saved again as ever.
func TestStreamSavesAsSaveFeed(t *testing.T) {
	res := FetchResult{Validators: fetch.Validators{ETag: `"e1"`, Digest: "d"}, FreshUntil: time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)}
	feeds := map[string]*feed.Feed{
		"dated":             testFeed("a", 300),
		"undated tail":      undatedTail("b", 200, 30),
		"all undated":       undatedTail("c", 100, 100),
		"tied dates":        tied(testFeed("d", 150)),
		"one item":          testFeed("e", 1),
		"in batches of one": testFeed("h", 20),
		"long ids":          longIDs(testFeed("f", 70)),
		"no categories":     noCategories(testFeed("g", 90)),
	}
	for name, f := range feeds {
		sizes := []int{7, 256}
		if name == "in batches of one" {
			sizes = []int{1}
		}
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s/%d", name, size), func(t *testing.T) {
				const url = "https://newsdao.kr/rss"
				want, got := openAt(t, Options{}), openAt(t, Options{})
				for _, s := range []*Store{want, got} {
					if err := s.AddFeed(t.Context(), url, ""); err != nil {
						t.Fatal(err)
					}
				}
				wantRes, err := want.SaveFeed(t.Context(), url, f, res)
				if err != nil {
					t.Fatal(err)
				}
				gotRes, err := streamed(t, got, url, f, size, res)
				if err != nil {
					t.Fatal(err)
				}
				if gotRes != wantRes {
					t.Errorf("streamed save says %+v, SaveFeed %+v", gotRes, wantRes)
				}
				if g, w := dump(t, got), dump(t, want); g != w {
					t.Errorf("streamed save wrote\n%s\nSaveFeed wrote\n%s", g, w)
				}
				if _, err := got.SaveFeed(t.Context(), url, f, res); err != nil {
					t.Fatal(err)
				}
				if _, err := want.SaveFeed(t.Context(), url, f, res); err != nil {
					t.Fatal(err)
				}
				if g, w := dump(t, got), dump(t, want); g != w {
					t.Errorf("saved again, the stores differ")
				}
			})
		}
	}
}

func tied(f *feed.Feed) *feed.Feed {
	for i, it := range f.Items {
		it.Published = base.Add(-time.Duration(i/10) * time.Hour)
	}
	return f
}

func longIDs(f *feed.Feed) *feed.Feed {
	for i, it := range f.Items {
		it.ID = strings.Repeat("긴", 300) + fmt.Sprint(i)
	}
	return f
}

func noCategories(f *feed.Feed) *feed.Feed {
	for _, it := range f.Items {
		it.Categories = nil
	}
	return f
}

// TestStreamVoid: a stream finished with a feed that is not what it was
// given (other items, another order, fewer, none given at all) saves
// nothing, says ErrStreamVoid, and leaves the store to save the feed as
// ever; so does an aborted one.
func TestStreamVoid(t *testing.T) {
	const url = "https://newsdao.kr/rss"
	cases := map[string]func(f *feed.Feed) (given []*feed.Item, finish *feed.Feed){
		"other order": func(f *feed.Feed) ([]*feed.Item, *feed.Feed) {
			g := append([]*feed.Item{}, f.Items...)
			g[3], g[4] = g[4], g[3]
			return g, f
		},
		"fewer": func(f *feed.Feed) ([]*feed.Item, *feed.Feed) { return f.Items[:len(f.Items)-1], f },
		"more":  func(f *feed.Feed) ([]*feed.Item, *feed.Feed) { return append(f.Items, testFeed("x", 1).Items...), f },
		"equal items, not the same": func(f *feed.Feed) ([]*feed.Item, *feed.Feed) {
			return testFeed("a", len(f.Items)).Items, f
		},
		"undated first": func(f *feed.Feed) ([]*feed.Item, *feed.Feed) {
			f.Items[0].Published = time.Time{}
			return f.Items, f
		},
	}
	for name, mix := range cases {
		t.Run(name, func(t *testing.T) {
			s := openAt(t, Options{})
			if err := s.AddFeed(t.Context(), url, ""); err != nil {
				t.Fatal(err)
			}
			before := dump(t, s)
			f := testFeed("a", 100)
			given, finish := mix(f)
			w := s.StreamFeed(t.Context(), url)
			for i := 0; i < len(given); i += 16 {
				w.Items(given[i:min(i+16, len(given))])
			}
			if _, err := w.Finish(finish, FetchResult{}); !errors.Is(err, ErrStreamVoid) {
				t.Fatalf("Finish = %v, want ErrStreamVoid", err)
			}
			if got := dump(t, s); got != before {
				t.Errorf("a void stream wrote\n%s", got)
			}
			if out, err := s.SaveFeed(t.Context(), url, finish, FetchResult{}); err != nil || out.New != len(finish.Items) {
				t.Errorf("SaveFeed after it = %+v, %v", out, err)
			}
		})
	}
	t.Run("never given", func(t *testing.T) {
		s := openAt(t, Options{})
		w := s.StreamFeed(t.Context(), url)
		if _, err := w.Finish(testFeed("a", 3), FetchResult{}); !errors.Is(err, ErrStreamVoid) {
			t.Fatalf("Finish = %v, want ErrStreamVoid", err)
		}
		var nilStream *FeedStream
		nilStream.Abort()
		if _, err := nilStream.Finish(testFeed("a", 3), FetchResult{}); !errors.Is(err, ErrStreamVoid) || nilStream.Started() {
			t.Fatalf("a nil stream's Finish = %v", err)
		}
	})
	t.Run("aborted", func(t *testing.T) {
		s := openAt(t, Options{})
		if err := s.AddFeed(t.Context(), url, ""); err != nil {
			t.Fatal(err)
		}
		before := dump(t, s)
		f := testFeed("a", 500)
		w := s.StreamFeed(t.Context(), url)
		for i := 0; i < len(f.Items); i += 64 {
			w.Items(f.Items[i:min(i+64, len(f.Items))])
		}
		w.Abort()
		w.Abort()
		if _, err := w.Finish(f, FetchResult{}); !errors.Is(err, ErrStreamVoid) {
			t.Errorf("Finish after Abort = %v", err)
		}
		if got := dump(t, s); got != before {
			t.Errorf("an aborted stream wrote\n%s", got)
		}
		if err := s.SaveError(t.Context(), url, errors.New("boom")); err != nil {
			t.Errorf("the write lock is still held: %v", err)
		}
	})
}

// TestStreamThatCannotWrite: a stream whose transaction cannot begin (a
// read-only store) or whose writes fail (its context ended) takes every
// batch still, so that the parse giving them never waits for good, and
// Finish says why nothing was saved.
func TestStreamThatCannotWrite(t *testing.T) {
	const url = "https://newsdao.kr/rss"
	path := filepath.Join(t.TempDir(), "sokbo.db")
	rw := openAt(t, Options{Path: path})
	if err := rw.AddFeed(t.Context(), url, ""); err != nil {
		t.Fatal(err)
	}
	ro := openAt(t, Options{Path: path, ReadOnly: true})
	f := testFeed("a", 300)
	if _, err := streamed(t, ro, url, f, 8, FetchResult{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only: Finish = %v, want ErrReadOnly", err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	w := rw.StreamFeed(ctx, url)
	w.Items(f.Items[:8])
	cancel()
	for i := 8; i < len(f.Items); i += 8 {
		w.Items(f.Items[i:min(i+8, len(f.Items))])
	}
	if _, err := w.Finish(f, FetchResult{}); err == nil || errors.Is(err, ErrStreamVoid) {
		t.Errorf("cancelled: Finish = %v, want the write's error", err)
	}
	if n, err := rw.UnreadCount(t.Context(), url); err != nil || n != 0 {
		t.Errorf("cancelled: %d items stored (%v)", n, err)
	}
	if out, err := rw.SaveFeed(t.Context(), url, f, FetchResult{}); err != nil || out.New != 300 {
		t.Errorf("SaveFeed after it = %+v, %v", out, err)
	}
}

// TestSortTimesAsNeighbourTimes: for items in sortItems' order, the sort
// times given batch by batch are neighbourTimes' of the whole feed.
func TestSortTimesAsNeighbourTimes(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for _, f := range []*feed.Feed{testFeed("a", 50), undatedTail("b", 50, 10), undatedTail("c", 20, 20), tied(testFeed("d", 40)), {}} {
		for _, size := range []int{1, 3, 64} {
			st := sortTimes{now: now.UnixNano()}
			var got []int64
			for i := 0; i < len(f.Items); i += size {
				got = st.append(got, f.Items[i:min(i+size, len(f.Items))])
			}
			if want := neighbourTimes(f.Items, now); !reflect.DeepEqual(got, want) && len(want) > 0 {
				t.Errorf("%d items in batches of %d: %v, want %v", len(f.Items), size, got, want)
			}
		}
	}
}
