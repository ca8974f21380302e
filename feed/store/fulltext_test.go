package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sokbo/feed"
)

// articleHTML is an extracted body as feed/fulltext gives one: a table and
// hostile markup that only the conversion may remove.
const articleHTML = `<div><p>전문 첫 문단이다. 기온은 24~31℃였다.</p>` +
	`<table><tr><th>구간</th><th>시간</th></tr><tr><td>동호대교</td><td>밤 11시</td></tr></table>` +
	`<p onclick="x">둘째 문단 <a href="javascript:alert(1)">링크</a>` + "\x1b[31m" + `</p></div>`

func keepFullText(t *testing.T, s *Store, feedURL, id, link string) {
	t.Helper()
	err := s.SaveFullText(t.Context(), feedURL, id, link, FullText{
		URL: link + "?page=1", Fetched: base, Via: "rule:ndsoft", HTML: articleHTML,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFullTextKeptOffline keeps an item's full text and reads it back
// through a read-only store, as `read --offline` does: the item's own
// title and link, the full text's body converted like any feed body, and
// where and when it came from.
func TestFullTextKeptOffline(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s := openTest(t, path)
	f := testFeed("a", 2)
	if _, err := s.SaveFeed(ctx, f.Source, f, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	keepFullText(t, s, f.Source, "a-0", f.Items[0].Link)
	s.Close()

	ro, err := Open(ctx, Options{Path: path, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	it, md, ft, err := ro.ReadFullText(ctx, f.Source, "a-0")
	if err != nil {
		t.Fatal(err)
	}
	if it.Title != "a 기사 0" || it.Link != f.Items[0].Link || it.Source != f.Source {
		t.Errorf("item %+v: not the item's own title and link", it)
	}
	if ft.URL != f.Items[0].Link+"?page=1" || !ft.Fetched.Equal(base) || ft.Via != "rule:ndsoft" || ft.Failed() {
		t.Errorf("record %+v", ft)
	}
	for _, want := range []string{"전문 첫 문단이다. 기온은 24\\~31℃였다.", "| 구간", "동호대교", "둘째 문단"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	for _, bad := range []string{"<p", "onclick", "javascript", "\x1b"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown holds %q:\n%s", bad, md)
		}
	}
	// The feed's own body is still there, beside it.
	if a, err := ro.Article(ctx, f.Source, "a-0"); err != nil || !strings.Contains(a.Item.Body, "본문 0") {
		t.Errorf("the feed's body: %+v, %v", a, err)
	}
	items, err := ro.FullTextItems(ctx)
	if err != nil || len(items) != 1 || !items[f.Source]["a-0"] || items[f.Source]["a-1"] {
		t.Errorf("FullTextItems = %v, %v", items, err)
	}
	if _, _, _, err := ro.ReadFullText(ctx, f.Source, "a-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an item without full text: %v", err)
	}
}

// TestFullTextMarkdownKept: the conversion is made once and kept.
func TestFullTextMarkdownKept(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	f := testFeed("a", 1)
	if _, err := s.SaveFeed(ctx, f.Source, f, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	keepFullText(t, s, f.Source, "a-0", f.Items[0].Link)
	_, md, _, err := s.ReadFullText(ctx, f.Source, "a-0")
	if err != nil {
		t.Fatal(err)
	}
	if _, kept, err := s.fullText(ctx, f.Source, "a-0"); err != nil || !kept.Valid || kept.String != md {
		t.Errorf("conversion not kept: %v %v", kept, err)
	}
}

// TestFullTextInvalidated: a refresh that changes an item's body or link
// drops its full text; one that changes only its title keeps it; an item
// that leaves the store takes its full text with it.
func TestFullTextInvalidated(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	f := testFeed("a", 4)
	if _, err := s.SaveFeed(ctx, f.Source, f, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	for _, it := range f.Items {
		keepFullText(t, s, f.Source, it.ID, it.Link)
	}
	f.Items[0].Body = "<p>고친 본문</p>"
	f.Items[1].Link = "https://example.com/a/moved"
	f.Items[2].Title = "제목만 고친 기사"
	res, err := s.SaveFeed(ctx, f.Source, f, FetchResult{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 3 {
		t.Fatalf("%+v, want 3 updated", res)
	}
	for id, kept := range map[string]bool{"a-0": false, "a-1": false, "a-2": true, "a-3": true} {
		_, err := s.FullText(ctx, f.Source, id)
		if got := err == nil; got != kept {
			t.Errorf("%s: kept %v, want %v (%v)", id, got, kept, err)
		}
	}
	if _, md, _, err := s.ReadFullText(ctx, f.Source, "a-2"); err != nil || !strings.Contains(md, "전문 첫 문단") {
		t.Errorf("a-2 after a title change: %v", err)
	}
	if err := s.RemoveFeed(ctx, f.Source); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM fulltext`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d full texts left after the feed went (%v)", n, err)
	}
}

// TestFullTextStale: a page fetched for a link the item no longer has is
// not kept; nor is one for an item the store does not hold.
func TestFullTextStale(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	f := testFeed("a", 1)
	if _, err := s.SaveFeed(ctx, f.Source, f, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	err := s.SaveFullText(ctx, f.Source, "a-0", "https://example.com/old", FullText{URL: "https://example.com/old", HTML: articleHTML})
	if !errors.Is(err, ErrStale) {
		t.Errorf("stale link: %v", err)
	}
	err = s.SaveFullText(ctx, f.Source, "nope", "https://example.com/a/0", FullText{HTML: articleHTML})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("missing item: %v", err)
	}
	if _, err := s.FullText(ctx, f.Source, "a-0"); !errors.Is(err, ErrNotFound) {
		t.Errorf("something was kept: %v", err)
	}
}

// TestFullTextFailureAndMissing: a failed attempt is kept with its reason,
// is no full text to read, and takes the item off the list of those to
// fetch until the item changes; MissingFullText lists the items of the
// feed's newest window without one, newest first.
func TestFullTextFailureAndMissing(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	f := testFeed("a", 5)
	f.Items[3].Link = ""
	if _, err := s.SaveFeed(ctx, f.Source, f, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	keepFullText(t, s, f.Source, "a-0", f.Items[0].Link)
	jobs, err := s.MissingFullText(ctx, f.Source, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := jobIDs(jobs); got != "a-1 a-2 a-4" {
		t.Errorf("missing %q, want the items with a link and no full text, newest first", got)
	}
	if jobs, _ := s.MissingFullText(ctx, f.Source, 3); jobIDs(jobs) != "a-1 a-2" {
		t.Errorf("window of 3: %q, want only those among the 3 newest", jobIDs(jobs))
	}

	err = s.SaveFullText(ctx, f.Source, "a-1", f.Items[1].Link, FullText{URL: f.Items[1].Link, Err: "no article text found\x1b[2J"})
	if err != nil {
		t.Fatal(err)
	}
	ft, err := s.FullText(ctx, f.Source, "a-1")
	if err != nil || !ft.Failed() || ft.Err != "no article text found" {
		t.Errorf("failure kept as %+v, %v; want its reason, cleaned", ft, err)
	}
	if _, _, got, err := s.ReadFullText(ctx, f.Source, "a-1"); !errors.Is(err, ErrNotFound) || got == nil || !got.Failed() {
		t.Errorf("a failure read as a full text: %v", err)
	}
	if jobs, _ := s.MissingFullText(ctx, f.Source, 10); jobIDs(jobs) != "a-2 a-4" {
		t.Errorf("after a failure: %q", jobIDs(jobs))
	}
	// A refresh brings a new item and changes a-1: both are to be fetched.
	more := testFeed("a", 5)
	more.Items[3].Link = ""
	more.Items[1].Body = "<p>새 요약</p>"
	more.Items = append([]*feed.Item{{ID: "new", Title: "새 기사", Link: "https://example.com/a/new", Published: base.Add(time.Hour), Body: "<p>새</p>"}}, more.Items...)
	keepFullText(t, s, f.Source, "a-2", f.Items[2].Link)
	keepFullText(t, s, f.Source, "a-4", f.Items[4].Link)
	if _, err := s.SaveFeed(ctx, f.Source, more, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if jobs, _ := s.MissingFullText(ctx, f.Source, 10); jobIDs(jobs) != "new a-1" {
		t.Errorf("after a refresh: %q, want the new item and the changed one", jobIDs(jobs))
	}
}

func jobIDs(jobs []FullTextJob) string {
	ids := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i] = j.ID
	}
	return strings.Join(ids, " ")
}

// TestRecentBodies reads a feed's newest bodies, a summary standing in
// for a missing body, and stops when asked.
func TestRecentBodies(t *testing.T) {
	ctx := t.Context()
	s := openTest(t, "")
	f := testFeed("a", 3)
	f.Items[1].Body = ""
	if _, err := s.SaveFeed(ctx, f.Source, f, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := s.RecentBodies(ctx, f.Source, 10, func(body string, format feed.BodyFormat) bool {
		got = append(got, format.String()+":"+body)
		return len(got) < 2
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], "html:<p>본문 0") || got[1] != "markdown:요약" {
		t.Errorf("bodies %q", got)
	}
}
