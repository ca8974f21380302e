package store

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"sokbo/feed"
)

// TestUndatedAfterDated checks the list's order over more than one chunk
// of each kind: every dated item newest first, then the undated ones feed
// by feed, each in its feed's order, as feed.Merge orders a View; and
// that an untitled headline carries its Lead.
func TestUndatedAfterDated(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	const n = headlineChunk + 300
	mk := func(prefix string, offset time.Duration) *feed.Feed {
		f := testFeed(prefix, n)
		for i, it := range f.Items {
			it.Published = base.Add(offset - time.Duration(i)*time.Minute)
			if i%2 == 1 {
				it.Published = time.Time{} // every other item is undated
			}
		}
		return f
	}
	a, b := mk("a", 0), mk("b", 30*time.Second)
	b.Items[1].Title = ""
	b.Items[1].Summary = ""
	b.Items[1].Body = "<p>제목 없는 <b>속보</b>: 서울 전역에 호우 경보</p>"
	for _, f := range []struct {
		url string
		f   *feed.Feed
	}{{"https://a", a}, {"https://b", b}} {
		if _, err := s.SaveFeed(ctx, f.url, f.f, FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	hs, err := s.Headlines(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := 0; i < n; i += 2 {
		want = append(want, fmt.Sprintf("b-%d", i), fmt.Sprintf("a-%d", i))
	}
	for _, p := range []string{"a", "b"} {
		for i := 1; i < n; i += 2 {
			want = append(want, fmt.Sprintf("%s-%d", p, i))
		}
	}
	got := make([]string, len(hs))
	for i, h := range hs {
		got[i] = h.ID
	}
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("%d headlines; the first difference at %d: %s, want %s", len(got), i, got[i], want[i])
			}
		}
		t.Fatalf("%d headlines, want %d", len(got), len(want))
	}
	for _, h := range hs {
		switch {
		case h.ID == "b-1" && h.Lead != "제목 없는 속보: 서울 전역에 호우 경보":
			t.Errorf("lead of the untitled item = %q", h.Lead)
		case h.ID != "b-1" && h.Lead != "":
			t.Errorf("%s has a title and a lead %q", h.ID, h.Lead)
		}
	}

	// One feed, and a limit that ends among the undated items.
	hs, err = s.Headlines(ctx, Query{Feed: "https://b", Limit: n/2 + 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != n/2+2 || hs[n/2-1].ID != fmt.Sprintf("b-%d", n-2) || hs[n/2].ID != "b-1" || hs[n/2+1].ID != "b-3" {
		t.Errorf("one feed with a limit: %d headlines, around the turn %v", len(hs), hs[n/2-1:])
	}
}
