package library

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/group"
	"sokbo/feed/store"
)

// headLibrary is a library on a cache of three feeds: a, 600 items five
// minutes apart, with every fiftieth titled like a story that outlet b
// reports too; b, 300 items twenty minutes apart; c, 100 items nobody
// subscribed to. Some of a's and b's are read, and a mute rule hides a's
// "광고" items.
func headLibrary(t *testing.T) (*Library, []feed.Subscription) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	st, err := store.Open(ctx, store.Options{Path: path, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	gen := func(src, prefix string, n int, step time.Duration, title func(i int) string) *feed.Feed {
		f := &feed.Feed{Title: prefix, Source: src}
		for i := range n {
			f.Items = append(f.Items, &feed.Item{ID: fmt.Sprintf("%s-%d", prefix, i), Title: title(i),
				Published: testNow.Add(-time.Duration(i) * step), Body: "<p>본문</p>", Source: src})
		}
		return f
	}
	a := gen("https://a.example/", "a", 600, 5*time.Minute, func(i int) string {
		switch {
		case i%50 == 0:
			return fmt.Sprintf("[속보] 가람시 %d번 도로 정전 복구 작업 진행", i)
		case i%7 == 0:
			return fmt.Sprintf("광고 %d", i)
		}
		return fmt.Sprintf("가람일보 기사 %d 제목", i)
	})
	b := gen("https://b.example/", "b", 300, 20*time.Minute, func(i int) string {
		if i%4 == 0 && (i*20/5)%50 == 0 {
			return fmt.Sprintf("가람시 %d번 도로 정전 복구 작업 진행 중", i*20/5)
		}
		return fmt.Sprintf("나래신문 소식 %d 알림", i)
	})
	c := gen("https://c.example/", "c", 100, time.Minute, func(i int) string { return fmt.Sprintf("c %d", i) })
	for _, f := range []*feed.Feed{a, b, c} {
		if _, err := st.SaveFeed(ctx, f.Source, f, store.FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 600; i += 3 {
		if err := st.SetRead(ctx, "https://a.example/", fmt.Sprintf("a-%d", i), true); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 300; i += 5 {
		if err := st.SetRead(ctx, "https://b.example/", fmt.Sprintf("b-%d", i), true); err != nil {
			t.Fatal(err)
		}
	}
	l := New(Options{StorePath: path, Offline: true, Now: func() time.Time { return testNow }, Mute: []string{"광고"}})
	t.Cleanup(func() { l.Close() })
	return l, []feed.Subscription{{URL: "https://a.example/"}, {URL: "https://b.example/"}}
}

func TestLoadHeadIsTheWholeCachesTop(t *testing.T) {
	ctx := context.Background()
	l, subs := headLibrary(t)
	all, err := l.LoadCached(ctx, subs, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	head, err := l.LoadHead(ctx, subs, 40, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !head.Head {
		t.Fatalf("a head of 40 of %d entries is not marked Head", len(all.Entries))
	}
	unread := 0
	for _, e := range all.Entries {
		if !e.Read {
			unread++
		}
	}
	if head.Total != len(all.Entries) || head.Unread != unread {
		t.Errorf("head counts %d items, %d unread; the whole cache holds %d, %d unread", head.Total, head.Unread, len(all.Entries), unread)
	}
	// The head is the whole cache's newest entries, in its order, down
	// to twice the story window below the 40th.
	if len(head.Entries) < 40 || len(head.Entries) >= len(all.Entries) {
		t.Fatalf("head holds %d entries of %d", len(head.Entries), len(all.Entries))
	}
	for i, e := range head.Entries {
		if e.Key() != all.Entries[i].Key() || e.Read != all.Entries[i].Read {
			t.Fatalf("head entry %d is %v (read %v), the cache's is %v (read %v)", i, e.Key(), e.Read, all.Entries[i].Key(), all.Entries[i].Read)
		}
	}
	last := head.Entries[len(head.Entries)-1].Published
	if want := head.Entries[39].Published.Add(-2 * group.DefaultWindow); last.After(want) && len(head.Entries) < len(all.Entries) {
		if next := all.Entries[len(head.Entries)].Published; !next.Before(want) {
			t.Errorf("head stops at %v, before %v, twice the window below its 40th", last, want)
		}
	}
	// The rows its first 40 entries fold into are the whole cache's.
	headRows, allRows := GroupEntries(head.Entries), GroupEntries(all.Entries)
	folded := 0
	for i := 0; i < len(headRows) && headRows[i].Published.After(head.Entries[39].Published.Add(-time.Second)); i++ {
		h, a := headRows[i], allRows[i]
		if len(h.Members) != len(a.Members) || h.Entry.Key() != a.Entry.Key() || h.Others != a.Others {
			t.Fatalf("row %d: head folds %v (%d members), the cache %v (%d)", i+1, h.Entry.Key(), len(h.Members), a.Entry.Key(), len(a.Members))
		}
		if h.Folded() {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no story folded in the head's rows; the fixture should fold some")
	}
}

func TestLoadHeadOfASmallCacheIsTheCache(t *testing.T) {
	ctx := context.Background()
	l, subs := headLibrary(t)
	all, err := l.LoadCached(ctx, subs, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	head, err := l.LoadHead(ctx, subs, len(all.Entries), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if head.Head || len(head.Entries) != len(all.Entries) {
		t.Errorf("a head as large as the cache: Head %v, %d entries of %d", head.Head, len(head.Entries), len(all.Entries))
	}
}

func TestViewCountsTheWholeCacheFromItsHead(t *testing.T) {
	ctx := context.Background()
	l, subs := headLibrary(t)
	head, err := l.LoadHead(ctx, subs, 40, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	v := NewView()
	v.Add(head)
	if !v.Head() || v.Len() != head.Total || v.Unread("") != head.Unread {
		t.Fatalf("view of a head: Head %v, Len %d, Unread %d; want true, %d, %d", v.Head(), v.Len(), v.Unread(""), head.Total, head.Unread)
	}
	// A mark made on the head counts once.
	var e *Entry
	for _, x := range v.Items(Filter{}) {
		if !x.Read {
			e = x
			break
		}
	}
	v.SetRead(e, true)
	if v.Unread("") != head.Unread-1 {
		t.Errorf("after marking one read: %d unread, want %d", v.Unread(""), head.Unread-1)
	}
	all, err := l.LoadCached(ctx, subs, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	all.Seq = 0
	v.Add(all)
	if v.Head() || v.Len() != len(all.Entries) || v.Unread("") != head.Unread-1 {
		t.Errorf("after the whole cache: Head %v, Len %d, Unread %d; want false, %d, %d", v.Head(), v.Len(), v.Unread(""), len(all.Entries), head.Unread-1)
	}
}
