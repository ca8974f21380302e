package feed

import (
	"testing"
	"time"
)

func TestMerge(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2024, 7, 14, h, 0, 0, 0, time.UTC) }
	a := &Feed{Items: []*Item{{ID: "a9", Published: at(9)}, {ID: "a-undated"}, {ID: "a5", Published: at(5)}}}
	b := &Feed{Items: []*Item{{ID: "b8", Published: at(8)}, {ID: "b7", Published: at(7)}, {ID: "b1", Published: at(1)}}}
	// The undated items follow every dated one, feed by feed.
	a.Items = append(a.Items, &Item{ID: "a-undated-2"})
	b.Items = append(b.Items, &Item{ID: "b-undated"})
	a.Items[1], a.Items[2] = a.Items[2], a.Items[1] // as Load sorts a feed
	got := Merge(a, b)
	want := []string{"a9", "b8", "b7", "a5", "b1", "a-undated", "a-undated-2", "b-undated"}
	if len(got) != len(want) {
		t.Fatalf("got %d items, want %d", len(got), len(want))
	}
	for i, id := range want {
		if got[i].ID != id {
			t.Errorf("item %d = %s, want %s", i, got[i].ID, id)
		}
	}
	if got := Merge(); len(got) != 0 {
		t.Errorf("Merge() = %d items, want 0", len(got))
	}
}
