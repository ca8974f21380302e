package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/search"
)

var searchNow = time.Date(2024, 7, 15, 12, 0, 0, 0, time.UTC)

func parseQuery(t testing.TB, s string, incremental bool) *search.Query {
	t.Helper()
	q, err := search.Parse(s, search.Options{Now: searchNow, Location: time.UTC, Incremental: incremental})
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return q
}

// newsFeed builds a feed from title, summary, body triples, newest first,
// a minute apart.
func newsFeed(prefix string, texts ...[3]string) *feed.Feed {
	f := &feed.Feed{Title: prefix, Source: "https://example.com/" + prefix}
	for i, tx := range texts {
		f.Items = append(f.Items, &feed.Item{
			ID:         fmt.Sprintf("%s-%d", prefix, i),
			Title:      tx[0],
			Summary:    tx[1],
			Body:       tx[2],
			Link:       fmt.Sprintf("https://example.com/%s/%d", prefix, i),
			Published:  base.Add(-time.Duration(i) * time.Minute),
			Categories: []string{"정치"},
		})
	}
	return f
}

var korean = [][3]string{
	{"[속보] 북한, 동해상으로 탄도미사일 발사", "합참은 북한이 오전 7시께 미사일을 쐈다고 밝혔다.", "<p>정부는 긴급 회의를 열었다.</p>"},
	{"국회의장 선출 임박", "여야가 의장 선출에 합의했다.", "<p>국회 본회의가 <b>오후</b>에 열린다.</p>"},
	{"부하직원 폭행 논란", "경찰이 수사에 나섰다.", "<p>피해자는 북부 지역 출신이다.</p>"},
	{"라면 값 또 오른다", "식품업계가 가격을 올렸다.", "<p>람보르기니와는 상관없다.</p>"},
	{"한복 입고 출근하는 날", "문화 행사가 열린다.", "<p>서울 시내 곳곳에서.</p>"},
	{"Seoul 증시 마감", "KOSPI가 올랐다.", "<p>외국인 순매수.</p>"},
	{"날씨", "", "<p>기온 24~31℃, 곳에 따라 소나기.</p>"},
}

// searchIDs returns the IDs Search finds, in order.
func searchIDs(t *testing.T, s *Store, q string, incremental bool) string {
	t.Helper()
	hs, err := s.Search(t.Context(), parseQuery(t, q, incremental), 0)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var ids []string
	for _, h := range hs {
		ids = append(ids, h.ID)
	}
	return strings.Join(ids, " ")
}

func TestSearchFinds(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", korean...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, "https://k", "k-1", true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRead(ctx, "https://k", "k-1", true); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		query       string
		incremental bool
		want        string
	}{
		"2 syllables in title and summary": {"북한", false, "k-0"},
		"2 syllables in body":              {"회의", false, "k-0 k-1"},
		"2 syllables across tags":          {"오후", false, "k-1"},
		"1 syllable":                       {"북", false, "k-0 k-2"},
		"3 syllables":                      {"미사일", false, "k-0"},
		"phrase":                           {`"국회 본회의"`, false, "k-1"},
		"phrase is not words":              {`"국회의장 임박"`, false, ""},
		"초성":                               {"ㅂㅎ", false, "k-0 k-2"},
		"초성 4":                             {"ㄱㅎㅇㅈ", false, "k-1"},
		"초성 reversed":                      {"ㅎㅂ", false, "k-4"},
		"mixed":                            {"국ㅎ의장", false, "k-1"},
		"trailing jamo":                    {"라ㅁ", false, "k-3"},
		"typing 라ㅁ":                        {"라ㅁ", true, "k-3"},
		"typing 부":                         {"부", true, "k-0 k-2"},
		"typing 북ㅎ":                        {"북ㅎ", true, "k-0"},
		"Latin case":                       {"kospi seoul", false, "k-5"},
		"NOT":                              {"회의 -북한", false, "k-1"},
		"filters only":                     {"is:starred", false, "k-1"},
		"filter and word":                  {"회의 is:unread", false, "k-0"},
		"tag":                              {"tag:정치 날씨", false, "k-6"},
		"punctuation only":                 {"~31℃", false, "k-6"},
		"nothing":                          {"남한", false, ""},
		"spacing in body":                  {"서울시내", false, "k-4"},
		"spacing in title":                 {"라면값", false, "k-3"},
		"spacing phrase joined":            {`"국회 의장 선출"`, false, "k-1"},
		"spacing initials":                 {"ㄹㅁㄱ", false, "k-3"},
		"spacing typing":                   {"서울시ㄴ", true, "k-4"},
		"spacing not across fields":        {"발사합참", false, ""},
		"empty":                            {"", false, "k-0 k-1 k-2 k-3 k-4 k-5 k-6"},
	}
	check := func(t *testing.T) {
		for name, tc := range tests {
			t.Run(name, func(t *testing.T) {
				if got := searchIDs(t, s, tc.query, tc.incremental); got != tc.want {
					t.Errorf("Search(%q) = %q, want %q", tc.query, got, tc.want)
				}
			})
		}
	}
	// Before indexing, every item is a pending candidate; after, the
	// index finds them. The answers are the same.
	t.Run("pending", check)
	if n, err := s.UpdateIndex(ctx); err != nil || n != len(korean) {
		t.Fatalf("UpdateIndex = %d, %v; want %d", n, err, len(korean))
	}
	t.Run("indexed", check)
}

// TestSearchIndexKeptInStep edits and removes items and checks the index
// through each step, before and after UpdateIndex.
func TestSearchIndexKeptInStep(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	const u = "https://k"
	save := func(f *feed.Feed) {
		t.Helper()
		if _, err := s.SaveFeed(ctx, u, f, FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	update := func() {
		t.Helper()
		if _, err := s.UpdateIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PendingIndex(ctx); err != nil || n != 0 {
			t.Fatalf("PendingIndex = %d, %v after UpdateIndex", n, err)
		}
	}
	expect := func(step, query, want string) {
		t.Helper()
		if got := searchIDs(t, s, query, false); got != want {
			t.Errorf("%s: Search(%q) = %q, want %q", step, query, got, want)
		}
	}
	save(newsFeed("k", korean[:3]...))
	update()
	expect("insert", "북한", "k-0")
	expect("insert", "ㄱㅎㅇㅈ", "k-1")

	// k-0 is corrected: 북한 → 남한.
	edited := newsFeed("k", korean[:3]...)
	edited.Items[0].Title = "[속보] 남한, 동해상으로"
	edited.Items[0].Summary = "정정"
	save(edited)
	if n, err := s.PendingIndex(ctx); err != nil || n != 1 {
		t.Fatalf("PendingIndex after an edit = %d, %v; want 1", n, err)
	}
	expect("edited, pending", "북한", "")
	expect("edited, pending", "남한", "k-0")
	update()
	expect("edited, indexed", "북한", "")
	expect("edited, indexed", "남한", "k-0")
	// An unchanged save queues nothing.
	save(edited)
	if n, _ := s.PendingIndex(ctx); n != 0 {
		t.Errorf("an unchanged save queued %d items", n)
	}
	// A change the index does not hold (the link) queues nothing either.
	edited.Items[1].Link = "https://example.com/moved"
	save(edited)
	if n, _ := s.PendingIndex(ctx); n != 0 {
		t.Errorf("a link change queued %d items", n)
	}

	// A new item, dated like another: the two share a rowid unit.
	more := *edited
	more.Items = append(slices.Clip(more.Items), &feed.Item{ID: "k-new", Title: "남한 또 발사", Published: edited.Items[0].Published})
	save(&more)
	expect("added, pending", "남한", "k-0 k-new")
	update()
	expect("added, indexed", "남한", "k-0 k-new")

	// Removing the feed empties the index.
	indexFinds := func() (n int) {
		t.Helper()
		for _, q := range []string{
			`SELECT count(*) FROM search_trigrams WHERE search_trigrams MATCH '"한또발"'`,
			`SELECT count(*) FROM search_bigrams WHERE search_bigrams MATCH '"남한"'`,
		} {
			var k int
			if err := s.db.QueryRow(q).Scan(&k); err != nil {
				t.Fatal(err)
			}
			n += k
		}
		return n
	}
	if n := indexFinds(); n != 3 {
		t.Fatalf("before removal the tables find %d entries, want 3", n)
	}
	if err := s.RemoveFeed(ctx, u); err != nil {
		t.Fatal(err)
	}
	expect("removed", "남한", "")
	if n := indexFinds(); n != 0 {
		t.Errorf("after removal the tables still find %d entries", n)
	}
	for _, table := range []string{"search_docs", "search_pending"} {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s holds %d rows after the feed went (%v)", table, n, err)
		}
	}
}

// TestSearchMigration opens a cache made before the index and checks that
// the migration queues every item and that indexing them finds them.
func TestSearchMigration(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s := openTest(t, path)
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", korean...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	// Back a version, as an older sokbo left it: no search index at all.
	for _, stmt := range []string{
		`DROP TRIGGER search_item_added`, `DROP TRIGGER search_item_changed`, `DROP TRIGGER search_item_removed`,
		`DROP TABLE search_docs`, `DROP TABLE search_trigrams`, `DROP TABLE search_bigrams`,
		// Version 5, the one before the index; the later steps run
		// again over what they made.
		`DROP TABLE search_pending`, `DROP TABLE search_meta`, `ALTER TABLE feeds DROP COLUMN tags`, `ALTER TABLE feeds DROP COLUMN digest`, `ALTER TABLE feeds DROP COLUMN items_digest`, "PRAGMA user_version = 5",
	} {
		if _, err := s.db.Exec(stmt); err != nil {
			t.Fatal(stmt, err)
		}
	}
	s.Close()

	s = openTest(t, path)
	if n, err := s.PendingIndex(ctx); err != nil || n != len(korean) {
		t.Fatalf("after the migration %d items are queued (%v), want %d", n, err, len(korean))
	}
	if got := searchIDs(t, s, "ㅂㅎ", false); got != "k-0 k-2" {
		t.Errorf("before indexing: %q", got)
	}
	if n, err := s.UpdateIndex(ctx); err != nil || n != len(korean) {
		t.Fatalf("UpdateIndex = %d, %v", n, err)
	}
	if got := searchIDs(t, s, "ㅂㅎ", false); got != "k-0 k-2" {
		t.Errorf("after indexing: %q", got)
	}
}

// TestSearchDespaceMigration opens a cache indexed before the index held
// despaced text and checks that every item is queued again, and that a
// query ignoring spacing finds its item before and after reindexing.
func TestSearchDespaceMigration(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s := openTest(t, path)
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", korean...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("PRAGMA user_version = 15"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openTest(t, path)
	if n, err := s.PendingIndex(ctx); err != nil || n != len(korean) {
		t.Fatalf("after the migration %d items are queued (%v), want %d", n, err, len(korean))
	}
	if got := searchIDs(t, s, "서울시내", false); got != "k-4" {
		t.Errorf("before indexing: %q", got)
	}
	if n, err := s.UpdateIndex(ctx); err != nil || n != len(korean) {
		t.Fatalf("UpdateIndex = %d, %v", n, err)
	}
	if got := searchIDs(t, s, "서울시내", false); got != "k-4" {
		t.Errorf("after indexing: %q", got)
	}
}

// TestSearchScriptsMigration: raised and lowered digits are found by the
// plain ones, once a cache indexed before the fold knew them has
// indexed everything again (migration 18), and while it does.
func TestSearchScriptsMigration(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s := openTest(t, path)
	scripts := [][3]string{
		{"미세먼지 오차 10⁻³ 이하", "", "<p>측정값</p>"},
		{"H₂O 농도 평년 수준¹", "", "<p>관측</p>"},
		{"오차 10-3 이하", "", "<p>측정값</p>"},
	}
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", scripts...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateIndex(ctx); err != nil {
		t.Fatal(err)
	}
	// As a cache indexed before the step: its index holds ⁻³ as it is.
	if _, err := s.db.Exec("PRAGMA user_version = 17"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openTest(t, path)
	if n, err := s.PendingIndex(ctx); err != nil || n != len(scripts) {
		t.Fatalf("after the migration %d items are queued (%v), want %d", n, err, len(scripts))
	}
	want := map[string]string{"10-3": "k-0 k-2", "10⁻³": "k-0 k-2", "h2o": "k-1", "수준1": "k-1"}
	for _, when := range []string{"before indexing", "after indexing"} {
		for q, ids := range want {
			if got := searchIDs(t, s, q, false); got != ids {
				t.Errorf("%s: Search(%q) = %q, want %q", when, q, got, ids)
			}
		}
		if n, err := s.UpdateIndex(ctx); err != nil || (when == "before indexing" && n != len(scripts)) {
			t.Fatalf("UpdateIndex = %d, %v", n, err)
		}
	}
}

// TestSearchGroupingMigration: a cache indexed before step 19 holds
// 1,300원 with its comma and 서울 · 부산 with its spaces; the step queues
// every item to be indexed again, and 1300원 and 서울·부산 find them
// before the index has caught up and after.
func TestSearchGroupingMigration(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	s := openTest(t, path)
	texts := [][3]string{
		{"라면값 1,300원으로 인상", "", "<p>가격</p>"},
		{"서울 · 부산 폭우 특보", "", "<p>기상청</p>"},
		{"라면값 13,000원", "", "<p>가격</p>"},
	}
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", texts...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("PRAGMA user_version = 18"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openTest(t, path)
	if n, err := s.PendingIndex(ctx); err != nil || n != len(texts) {
		t.Fatalf("after the migration %d items are queued (%v), want %d", n, err, len(texts))
	}
	want := map[string]string{"1300원": "k-0", "1,300원": "k-0", "13000원": "k-2", "서울·부산": "k-1", "서울 · 부산": "k-1"}
	for _, when := range []string{"before indexing", "after indexing"} {
		for q, ids := range want {
			if got := searchIDs(t, s, q, false); got != ids {
				t.Errorf("%s: Search(%q) = %q, want %q", when, q, got, ids)
			}
		}
		if n, err := s.UpdateIndex(ctx); err != nil || (when == "before indexing" && n != len(texts)) {
			t.Fatalf("UpdateIndex = %d, %v", n, err)
		}
	}
}

// TestSearchAgreesWithMatch checks the index against the matcher run on
// every item, for many queries over two feeds whose items share times: the
// same items, in Headlines' order, with and without limits, indexed or
// partly not.
func TestSearchAgreesWithMatch(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	words := []string{"북한", "국회", "의장", "미사일", "발사", "정부", "회의", "부하", "라면", "람", "KBS", "속보", "24~31℃", "닭갈비", "달걀"}
	for f := range 3 {
		var texts [][3]string
		for i := range 40 {
			w := func(k int) string { return words[(i*7+k*3+f)%len(words)] }
			texts = append(texts, [3]string{
				w(0) + " " + w(1) + w(2),
				w(3) + "은 " + w(4),
				"<p>" + w(5) + "이 " + w(6) + "</p><p>" + w(7) + "</p>",
			})
		}
		fd := newsFeed(fmt.Sprintf("f%d", f), texts...)
		// Feeds 1 and 2 publish at the same minutes, feed 0 at the same
		// second as every tenth item of theirs: rowids probe.
		if _, err := s.SaveFeed(ctx, fmt.Sprintf("https://f%d", f), fd, FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	// A burst: sixty items of one second, between the others' minutes,
	// probe far from their ideal rowids.
	burst := newsFeed("burst")
	for i := range 60 {
		burst.Items = append(burst.Items, &feed.Item{
			ID: fmt.Sprintf("burst-%02d", i), Title: words[i%len(words)] + " 속보",
			Published: base.Add(-10*time.Minute - 30*time.Second),
		})
	}
	if _, err := s.SaveFeed(ctx, "https://burst", burst, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateIndex(ctx); err != nil {
		t.Fatal(err)
	}
	// Indexed after the burst, an item a second newer finds its ideal
	// rowid taken and lands after all sixty, which it lists before.
	late := newsFeed("late")
	late.Items = append(late.Items, &feed.Item{ID: "late-0", Title: "속보 북한", Published: base.Add(-10*time.Minute - 29*time.Second)})
	if _, err := s.SaveFeed(ctx, "https://late", late, FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateIndex(ctx); err != nil {
		t.Fatal(err)
	}
	var probe int64
	if err := s.db.QueryRow(`SELECT value FROM search_meta WHERE key = 'max_probe'`).Scan(&probe); err != nil || probe < 59 {
		t.Fatalf("max_probe = %d (%v); the burst should have probed 59 or more", probe, err)
	}
	// Some items change after indexing and wait in the queue.
	if _, err := s.db.Exec(`UPDATE items SET title = '북한 정정 ' || title WHERE id LIKE '%-1_'`); err != nil {
		t.Fatal(err)
	}
	for _, mark := range []struct{ feed, id string }{{"https://f1", "f1-3"}, {"https://f2", "f2-30"}} {
		if err := s.SetRead(ctx, mark.feed, mark.id, true); err != nil {
			t.Fatal(err)
		}
		if err := s.SetStarred(ctx, mark.feed, mark.id, true); err != nil {
			t.Fatal(err)
		}
	}

	all, err := s.Headlines(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]search.Doc, len(all))
	for i, h := range all {
		a, err := s.Article(ctx, h.Feed, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		docs[i] = search.Doc{
			Title: a.Item.Title, Summary: a.Item.Summary, Body: search.BodyText(a.Item.Body),
			FeedURL: h.Feed, FeedName: h.FeedName, Tags: h.Categories, Read: h.Read, Starred: h.Starred,
			Published: h.Published, FirstSeen: h.FirstSeen,
		}
	}
	// The index as UpdateIndex leaves it, and merged as after a build.
	for _, merged := range []bool{false, true} {
		if merged {
			if err := s.optimizeIndex(ctx); err != nil {
				t.Fatal(err)
			}
		}
		checkAgreement(t, s, all, docs)
	}
}

// checkAgreement runs many queries through Search, the scan and the
// matcher over docs, the documents of all.
func checkAgreement(t *testing.T, s *Store, all []Headline, docs []search.Doc) {
	t.Helper()
	ctx := t.Context()
	queries := []string{
		"북한", "국회 의장", "미사일", "ㅂㅎ", "ㄱㅎ", "ㅁㅅㅇ", "국ㅎ", "라ㅁ", "부", "북", "북ㅎ", "닭", "달ㄱ",
		`"정부이 회의"`, "kbs", "24~31℃", "-북한", "북한 -정정", "is:read", "feed:f1 속보", "정정",
		"is:starred", "-is:read", "is:unread 북한", "after:2024-07-14T03:00", "before:2024-07-14T03:10 의장",
		"feed:f2", "feed:nowhere", "-feed:f1 ㅂㅎ", "tag:정치 라면",
		// Spacing: terms of three or more syllables across words.
		"국회의장", "북한국회", "미사일발사", `"북한 국회의장"`, "정부이회의", "ㅂㅎㄱㅎ", "의장미사",
	}
	for _, qs := range queries {
		for _, incremental := range []bool{false, true} {
			q := parseQuery(t, qs, incremental)
			var want []string
			for i := range all {
				if q.Match(&docs[i]) {
					want = append(want, all[i].Feed+" "+all[i].ID)
				}
			}
			for _, limit := range []int{0, 1, 7} {
				hs, err := s.Search(ctx, q, limit)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, h := range hs {
					got = append(got, h.Feed+" "+h.ID)
				}
				w := want
				if limit > 0 && len(w) > limit {
					w = w[:limit]
				}
				if !slices.Equal(got, w) {
					t.Errorf("Search(%q, incremental %v, limit %d):\n got %q\nwant %q", qs, incremental, limit, got, w)
				}
				// The scan, used while the index is built, agrees too.
				got = got[:0]
				err = s.eachMatch(ctx, q, func(h *Headline) error {
					if got = append(got, h.Feed+" "+h.ID); len(got) == limit {
						return errStop
					}
					return nil
				}, true)
				if err != nil && err != errStop {
					t.Fatal(err)
				}
				if !slices.Equal(got, w) {
					t.Errorf("scan(%q, incremental %v, limit %d):\n got %q\nwant %q", qs, incremental, limit, got, w)
				}
			}
		}
	}
}

// TestIndexFor: with no budget, IndexFor indexes a usual round's items and
// leaves the rest queued, and searches agree with the matcher on the half
// indexed cache; with time enough it indexes the rest.
func TestIndexFor(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	var texts [][3]string
	for i := range 3 * firstBatch {
		k := korean[i%len(korean)]
		texts = append(texts, [3]string{fmt.Sprintf("%s %d", k[0], i), k[1], k[2]})
	}
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", texts...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.IndexFor(ctx, 0); err != nil || n != firstBatch {
		t.Fatalf("IndexFor(0) = %d, %v; want %d", n, err, firstBatch)
	}
	if n, err := s.PendingIndex(ctx); err != nil || n != len(texts)-firstBatch {
		t.Fatalf("PendingIndex = %d, %v; want %d", n, err, len(texts)-firstBatch)
	}
	all, err := s.Headlines(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]search.Doc, len(all))
	for i, h := range all {
		a, err := s.Article(ctx, h.Feed, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		docs[i] = search.Doc{
			Title: a.Item.Title, Summary: a.Item.Summary, Body: search.BodyText(a.Item.Body),
			FeedURL: h.Feed, FeedName: h.FeedName, Tags: h.Categories, Read: h.Read, Starred: h.Starred,
			Published: h.Published, FirstSeen: h.FirstSeen,
		}
	}
	checkAgreement(t, s, all, docs)
	if n, err := s.IndexFor(ctx, time.Hour); err != nil || n != len(texts)-firstBatch {
		t.Fatalf("IndexFor(1h) = %d, %v; want %d", n, err, len(texts)-firstBatch)
	}
	if n, err := s.PendingIndex(ctx); err != nil || n != 0 {
		t.Fatalf("PendingIndex after IndexFor(1h) = %d, %v", n, err)
	}
	checkAgreement(t, s, all, docs)
}

// TestUpdateIndexGently: the reader's way of indexing, in small batches
// with rests between, indexes everything queued, in more than one batch.
func TestUpdateIndexGently(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	var texts [][3]string
	for i := range 2*gentleBatch + 5 {
		k := korean[i%len(korean)]
		texts = append(texts, [3]string{fmt.Sprintf("%s %d", k[0], i), k[1], k[2]})
	}
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", texts...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.UpdateIndexGently(ctx, nil); err != nil || n != len(texts) {
		t.Fatalf("UpdateIndexGently = %d, %v; want %d", n, err, len(texts))
	}
	if n, err := s.PendingIndex(ctx); err != nil || n != 0 {
		t.Fatalf("PendingIndex after UpdateIndexGently = %d, %v", n, err)
	}
	if got := searchIDs(t, s, "ㅂㅎ", false); got == "" {
		t.Errorf("nothing found after indexing gently")
	}
}

// TestUpdateIndexGentlyWaitsForQuiet: the gentle build asks quiet before
// every batch, and indexes nothing while quiet holds it back.
func TestUpdateIndexGentlyWaitsForQuiet(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	var texts [][3]string
	for i := range gentleBatch + 5 {
		k := korean[i%len(korean)]
		texts = append(texts, [3]string{fmt.Sprintf("%s %d", k[0], i), k[1], k[2]})
	}
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", texts...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	asked, release := make(chan struct{}), make(chan struct{})
	calls := 0
	quiet := func(ctx context.Context) error {
		if calls++; calls == 1 {
			close(asked)
			<-release
		}
		return nil
	}
	done := make(chan error, 1)
	var n int
	go func() {
		var err error
		n, err = s.UpdateIndexGently(ctx, quiet)
		done <- err
	}()
	<-asked
	if p, err := s.PendingIndex(ctx); err != nil || p != len(texts) {
		t.Fatalf("pending while quiet waits = %d, %v; want all %d", p, err, len(texts))
	}
	close(release)
	if err := <-done; err != nil || n != len(texts) {
		t.Fatalf("UpdateIndexGently = %d, %v; want %d", n, err, len(texts))
	}
	if calls != 2 {
		t.Errorf("quiet asked %d times for two batches", calls)
	}
}

func TestEachMatchStops(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	if _, err := s.SaveFeed(ctx, "https://k", newsFeed("k", korean...), FetchResult{}); err != nil {
		t.Fatal(err)
	}
	stop := fmt.Errorf("stop")
	n := 0
	err := s.EachMatch(ctx, parseQuery(t, "", false), func(h *Headline) error {
		if n++; n == 2 {
			return stop
		}
		return nil
	})
	if err != stop || n != 2 {
		t.Errorf("EachMatch = %v after %d, want the callback's error after 2", err, n)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Search(cancelled, parseQuery(t, "북한", false), 0); err == nil {
		t.Error("a cancelled search succeeded")
	}
	if _, err := s.UpdateIndex(cancelled); err == nil {
		t.Error("a cancelled UpdateIndex succeeded")
	}
}

func TestAppendBigrams(t *testing.T) {
	tests := map[string]string{
		"북한이 미사일": "부 하 북한 북ㅎ 한이 한ㅇ 이 미사 미ㅅ 사일 사ㅇ 일 ",
		"북":       "부 북 ",
		"a1 b":    "a1 1 b ",
		"24~31℃":  "24 4 31 1 ",
		"국회·여당":   "구 국회 국ㅎ 회 다 여당 여ㄷ 당 ",
		"ㅂㅎ\n":    "ㅂㅎ ㅎ ",
		"":        "",
	}
	for in, want := range tests {
		var b strings.Builder
		var seen wordSet
		seen.reset()
		appendBigrams(&b, in, &seen)
		if got := b.String(); got != want {
			t.Errorf("appendBigrams(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlanIndex(t *testing.T) {
	tests := map[string]struct {
		query       string
		incremental bool
		table, expr string
	}{
		"3+ syllables":     {"카카오톡", false, trigramTable, `("카카오" AND "카오톡")`},
		"phrase":           {`"국회 의장"`, false, trigramTable, `("국회의" AND "회의장")`},
		"short phrase":     {`"북 한"`, false, bigramTable, `"북한"`},
		"phrase of Latin":  {`"kbs 뉴스"`, false, trigramTable, `("kbs" AND "bs " AND "s 뉴" AND " 뉴스")`},
		"two 3+ words":     {"미사일 본회의", false, trigramTable, `"미사일" AND "본회의"`},
		"2 syllables":      {"북한", false, bigramTable, `"북한"`},
		"2 and 3":          {"북한 미사일", false, bigramTable, `"북한" AND ("미사" AND "사일")`},
		"1 syllable":       {"북", false, bigramTable, `"북"*`},
		"초성 2":             {"ㅂㅎ", false, bigramTable, `"ㅂㅎ"`},
		"초성 4":             {"ㄱㅎㅇㅈ", false, trigramTable, `("ㄱㅎㅇ" AND "ㅎㅇㅈ")`},
		"mixed":            {"국ㅎ의장", false, bigramTable, `("국ㅎ" AND "의장")`},
		"typing 북ㅎ":        {"북ㅎ", true, bigramTable, `"북ㅎ"`},
		"typing 라ㅁ":        {"라ㅁ", true, bigramTable, `("라ㅁ" OR "람"*)`},
		"typing 부":         {"부", true, bigramTable, `("부"* OR "붜"* OR "붸"* OR "뷔"*)`},
		"typing 국호":        {"국호", true, bigramTable, `"국ㅎ"`},
		"typing 북한 grows":  {"북한", true, bigramTable, `(("북한" OR "북핝" OR "북핞") OR ("북하" AND "하ㄴ"))`},
		"NOT not narrowed": {"-북한", false, "", ""},
		"filters only":     {"is:unread within:1d", false, "", ""},
		"punctuation only": {"~", false, "", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			table, expr := planIndex(parseQuery(t, tc.query, tc.incremental).Terms())
			if table != tc.table || expr != tc.expr {
				t.Errorf("planIndex(%q) = %s %s, want %s %s", tc.query, table, expr, tc.table, tc.expr)
			}
		})
	}
}

// TestWordSet checks the set against a map across resets and growth.
func TestWordSet(t *testing.T) {
	var s wordSet
	for round := range 4 {
		s.reset()
		want := map[uint64]bool{}
		for i := range 5000 * (round + 1) {
			k := uint64(i*7919%3001+1)<<32 | uint64(round)
			if got, isNew := s.add(k), !want[k]; got != isNew {
				t.Fatalf("round %d: add(%x) = %v, want %v", round, k, got, isNew)
			}
			want[k] = true
		}
		if s.n != len(want) {
			t.Fatalf("round %d: %d in the set, want %d", round, s.n, len(want))
		}
	}
}

// TestSearchWhileIndexing searches while another goroutine saves and
// indexes: every search reads one snapshot and finds what the matcher
// finds in it, whether its items are indexed yet or not.
func TestSearchWhileIndexing(t *testing.T) {
	s := openTest(t, "")
	ctx := t.Context()
	var texts [][3]string
	for i := range 300 {
		texts = append(texts, [3]string{fmt.Sprintf("북한 기사 %d", i), "요약", "<p>본문</p>"})
	}
	done := make(chan error, 1)
	go func() {
		for k := range 3 {
			if _, err := s.SaveFeed(ctx, fmt.Sprintf("https://w%d", k), newsFeed(fmt.Sprintf("w%d", k), texts...), FetchResult{}); err != nil {
				done <- err
				return
			}
			if _, err := s.UpdateIndex(ctx); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	q := parseQuery(t, "북한", true)
	for finished := false; !finished; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			finished = true
		default:
		}
		hs, err := s.Search(ctx, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Whole feeds only: a save is one transaction.
		if len(hs)%300 != 0 {
			t.Fatalf("a search saw %d items, not whole feeds of 300", len(hs))
		}
	}
	if hs, err := s.Search(ctx, q, 0); err != nil || len(hs) != 900 {
		t.Fatalf("after indexing: %d items, %v; want 900", len(hs), err)
	}
}
