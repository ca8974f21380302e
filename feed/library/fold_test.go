package library

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	"sokbo/feed/group"
)

// rowKeys is what a list shows of rows: each row's items, by key.
func rowKeys(rows []Row) [][]Key {
	out := make([][]Key, len(rows))
	for i, r := range rows {
		for _, m := range r.Members {
			out[i] = append(out[i], m.Key())
		}
		out[i] = append(out[i], Key{"others", string(rune('0' + r.Others))})
	}
	return out
}

func TestFoldKeepsStoriesForTheSameHeadlines(t *testing.T) {
	ctx := context.Background()
	l, subs := headLibrary(t)
	b, err := l.LoadCached(ctx, subs, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := rowKeys(GroupEntries(b.Entries))
	st, _ := l.store(ctx)
	digest := digestOf(b.Entries)
	if _, ok, _ := st.FoldOf(ctx, "t", digest); ok {
		t.Fatal("a fold is kept before any was made")
	}
	if got := rowKeys(l.Fold(ctx, "t", b.Entries)); !reflect.DeepEqual(got, want) {
		t.Fatal("Fold's rows differ from GroupEntries'")
	}
	if _, ok, err := st.FoldOf(ctx, "t", digest); !ok || err != nil {
		t.Fatalf("the fold was not kept: %v", err)
	}
	// Read back: the same rows.
	again, _ := l.LoadCached(ctx, subs, time.Time{})
	if got := rowKeys(l.Fold(ctx, "t", again.Entries)); !reflect.DeepEqual(got, want) {
		t.Fatal("the kept fold's rows differ from GroupEntries'")
	}
	folded := 0
	for _, r := range want {
		if len(r) > 2 {
			folded++
		}
	}
	if folded == 0 {
		t.Fatal("the fixture folds no story")
	}

	// Another title: another digest, folded anew.
	again.Entries[3].Title = "[속보] 가람시 0번 도로 정전 복구 작업 진행"
	if reflect.DeepEqual(digestOf(again.Entries), digest) {
		t.Fatal("a changed title keeps the digest")
	}
	if got, want := rowKeys(l.Fold(ctx, "t", again.Entries)), rowKeys(GroupEntries(again.Entries)); !reflect.DeepEqual(got, want) {
		t.Fatal("after a change, Fold's rows differ from GroupEntries'")
	}
}

func TestFoldIgnoresAKeptFoldThatDoesNotFit(t *testing.T) {
	ctx := context.Background()
	l, subs := headLibrary(t)
	b, err := l.LoadCached(ctx, subs, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := rowKeys(GroupEntries(b.Entries))
	w, err := l.writer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := len(b.Entries)
	for name, blob := range map[string][]byte{
		"garbage":       {0xff, 0xff, 0xff},
		"out of range":  encodeGroups([]group.Group{{Members: []int{0, n}}}),
		"one twice":     encodeGroups([]group.Group{{Members: []int{0, 1}}, {Members: []int{1, 2}}}),
		"trailing":      append(encodeGroups([]group.Group{{Members: []int{0, 1}}}), 7),
		"group of one":  {1, 1, 0},
		"empty":         {},
		"too many told": {200, 2, 0, 1},
	} {
		if err := w.SaveFold(ctx, "t", digestOf(b.Entries), blob); err != nil {
			t.Fatal(err)
		}
		if got := rowKeys(l.Fold(ctx, "t", b.Entries)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: rows differ from GroupEntries'", name)
		}
	}
}

func FuzzDecodeGroups(f *testing.F) {
	f.Add(encodeGroups([]group.Group{{Members: []int{3, 1}}, {Members: []int{0}}, {Members: []int{2, 4, 5}}}), 6)
	f.Add([]byte{0}, 0)
	f.Add([]byte{1, 2, 0, 0}, 3)
	f.Fuzz(func(t *testing.T, blob []byte, n int) {
		if n < 0 || n > 1<<12 {
			return
		}
		groups, err := decodeGroups(blob, n)
		if err != nil {
			return
		}
		seen := make([]bool, n)
		last := -1
		for _, g := range groups {
			lo := n
			for _, m := range g.Members {
				if m < 0 || m >= n || seen[m] {
					t.Fatalf("member %d of %d out of range or twice", m, n)
				}
				seen[m] = true
				lo = min(lo, m)
			}
			if lo <= last {
				t.Fatalf("group at %d after one at %d", lo, last)
			}
			last = lo
		}
		for i, s := range seen {
			if !s {
				t.Fatalf("entry %d in no group", i)
			}
		}
	})
}

// TestOthersOf: counting a row's other outlets without a map agrees with
// group.Group.Others, for rows short and long.
func TestOthersOf(t *testing.T) {
	outlets := []string{"", "가람일보", "나래신문", "다온뉴스", "라온"}
	for size := 1; size <= 40; size++ {
		for seed := range 20 {
			members := make([]*Entry, size)
			hs := make([]group.Headline, size)
			g := group.Group{Members: make([]int, size)}
			for i := range members {
				o := outlets[(i*7+seed*3+i*i*seed)%len(outlets)]
				if size > 33 && i > 0 {
					o = strconv.Itoa(i % (seed + 1))
				}
				members[i] = &Entry{FeedName: o}
				hs[i].Outlet = o
				g.Members[i] = i
			}
			if got, want := othersOf(members), g.Others(hs); got != want {
				t.Errorf("%d members, seed %d: othersOf = %d, want %d", size, seed, got, want)
			}
		}
	}
}

// digestOf is the fold digest of entries.
func digestOf(entries []*Entry) []byte {
	var d foldDigest
	for _, e := range entries {
		d.add(e)
	}
	return d.sum()
}

// TestListKeepsItsFold: the digest a list takes as it walks the store is
// the one Fold takes of the same entries, so a fold kept by one list is
// found by the next.
func TestListKeepsItsFold(t *testing.T) {
	ctx := context.Background()
	l, subs := headLibrary(t)
	src := Sources{Feeds: subs}
	rows := 0
	if _, err := l.List(ctx, src, TitlesOnly, func(*Row) error { rows++; return nil }); err != nil {
		t.Fatal(err)
	}
	b, err := l.LoadCached(ctx, subs, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if rows == 0 || rows >= len(b.Entries) {
		t.Fatalf("list gave %d rows of %d entries; want some folded", rows, len(b.Entries))
	}
	st, _ := l.store(ctx)
	if _, ok, err := st.FoldOf(ctx, "list\x00"+src.Key(), digestOf(b.Entries)); !ok || err != nil {
		t.Fatalf("the list's fold is not kept under the entries' digest: %v", err)
	}
}
