package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/fetch"
)

// TestItemsDigest: the digest of a feed's items changes with every field
// the store keeps, of the feed and of any item, and with their order; it
// does not change with what the store does not keep.
func TestItemsDigest(t *testing.T) {
	want := ItemsDigest(testFeed("d", 3))
	if got := ItemsDigest(testFeed("d", 3)); got != want {
		t.Fatalf("not stable: %s, %s", got, want)
	}
	changes := map[string]func(f *feed.Feed){
		"feed title": func(f *feed.Feed) { f.Title += "!" },
		"feed link":  func(f *feed.Feed) { f.Link += "x" },
		"id":         func(f *feed.Feed) { f.Items[1].ID += "x" },
		"title":      func(f *feed.Feed) { f.Items[1].Title += "!" },
		"link":       func(f *feed.Feed) { f.Items[1].Link += "x" },
		"published":  func(f *feed.Feed) { f.Items[1].Published = f.Items[1].Published.Add(time.Nanosecond) },
		"undated":    func(f *feed.Feed) { f.Items[1].Published = time.Time{} },
		"author":     func(f *feed.Feed) { f.Items[1].Author = "" },
		"category":   func(f *feed.Feed) { f.Items[1].Categories = f.Items[1].Categories[:1] },
		"summary":    func(f *feed.Feed) { f.Items[1].Summary += "." },
		"image":      func(f *feed.Feed) { f.Items[1].Image = "" },
		"body":       func(f *feed.Feed) { f.Items[1].Body += " " },
		"format":     func(f *feed.Feed) { f.Items[1].Format = feed.FormatMarkdown },
		"source":     func(f *feed.Feed) { f.Items[1].Source += "x" },
		"order":      func(f *feed.Feed) { f.Items[0], f.Items[1] = f.Items[1], f.Items[0] },
		"one fewer":  func(f *feed.Feed) { f.Items = f.Items[:2] },
		// A field's end moved into the next one: the lengths count.
		"shifted": func(f *feed.Feed) {
			f.Items[1].Title, f.Items[1].Link = f.Items[1].Title+f.Items[1].Link[:1], f.Items[1].Link[1:]
		},
	}
	for name, change := range changes {
		f := testFeed("d", 3)
		change(f)
		if got := ItemsDigest(f); got == want {
			t.Errorf("%s: the digest stayed %s", name, got)
		}
	}
	f := testFeed("d", 3)
	f.TTL = time.Hour // not stored with the items
	if got := ItemsDigest(f); got != want {
		t.Errorf("TTL changed the digest: %s", got)
	}
}

// TestSaveUnchanged: SaveUnchanged records the fetch of a feed whose
// items digest is the stored one without touching its items, and refuses
// (ErrChanged), writing nothing, when the stored digest is another.
func TestSaveUnchanged(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, "")
	const u = "https://example.com/d/feed.xml"
	f := testFeed("d", 3)
	if _, err := s.SaveFeed(ctx, u, f, FetchResult{Validators: fetch.Validators{Digest: "old"}}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Feed(ctx, u)
	if err != nil || before.ItemsDigest != ItemsDigest(f) {
		t.Fatalf("stored: %+v, %v", before, err)
	}
	other := testFeed("d", 4)
	res := FetchResult{Validators: fetch.Validators{ETag: `"e"`, Digest: "new"}, FreshUntil: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), ItemsDigest: ItemsDigest(other)}
	if err := s.SaveUnchanged(ctx, u, res); !errors.Is(err, ErrChanged) {
		t.Fatalf("SaveUnchanged with another digest: %v", err)
	}
	if info, _ := s.Feed(ctx, u); info.Validators.Digest != "old" || !info.LastSuccess.Equal(before.LastSuccess) {
		t.Errorf("a refused SaveUnchanged wrote: %+v", info)
	}
	res.ItemsDigest = ItemsDigest(f)
	if err := s.SaveUnchanged(ctx, u, res); err != nil {
		t.Fatal(err)
	}
	after, err := s.Feed(ctx, u)
	if err != nil || after.Validators.Digest != "new" || after.Validators.ETag != `"e"` || !after.LastSuccess.After(before.LastSuccess) ||
		!after.FreshUntil.Equal(res.FreshUntil) || after.Items != 3 || after.ItemsDigest != before.ItemsDigest {
		t.Errorf("after SaveUnchanged: %+v, %v", after, err)
	}
	if err := s.SaveUnchanged(ctx, "https://example.com/none", res); !errors.Is(err, ErrChanged) {
		t.Errorf("SaveUnchanged of a feed not stored: %v", err)
	}
}
