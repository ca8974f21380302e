package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/feed/search"
	"sokbo/feed/store"
	"sokbo/render"
	"sokbo/render/rendertest"
)

// findHeadlines are the titles of the find fixture, cycled.
var findHeadlines = []string{
	"북한, 동해상으로 탄도미사일 발사",
	"부하직원 폭행 논란 확산",
	"국회의장 선출 임박",
	"라면 값 또 오른다",
	"카카오톡 접속 장애 두 시간",
	"수도권 집중 호우 대비",
}

const (
	findA = "https://a.example/rss" // 속보 채널, tagged 속보
	findB = "https://b.example/rss" // 경제 신문
	findC = "https://c.example/rss" // a feed that fails
)

// findFeed is n items of one feed, titled from findHeadlines, an hour
// apart from newest, each body naming its number.
func findFeed(url, title string, n int, newest time.Time) *feed.Feed {
	f := &feed.Feed{Title: title, Source: url}
	for i := range n {
		h := findHeadlines[i%len(findHeadlines)]
		f.Items = append(f.Items, &feed.Item{
			ID:        fmt.Sprintf("%s-%d", title, i),
			Title:     fmt.Sprintf("%s (%s %d)", h, title, i),
			Link:      fmt.Sprintf("%s/%d", url, i),
			Published: newest.Add(-time.Duration(i) * time.Hour),
			Body:      fmt.Sprintf("<p>%s 본문 %d. 평양 발 소식.</p><p>둘째 문단: 북한 관련 해설.</p>", title, i),
			Source:    url,
		})
	}
	return f
}

// findModel is the reader, offline, on a cache of feeds A (na items) and
// B (nb items) and a failed feed C, at w×h, with the library's options
// changed by opts. The cache is indexed, as a refresh leaves it.
func findModel(t testing.TB, na, nb int, w, h int, style render.Style, opts ...func(*library.Options)) (Model, *store.Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	st, err := store.Open(ctx, store.Options{Path: path, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, f := range []*feed.Feed{findFeed(findA, "속보채널", na, testNow.Add(-time.Minute)), findFeed(findB, "경제신문", nb, testNow.Add(-30*time.Minute))} {
		if _, err := st.SaveFeed(ctx, f.Source, f, store.FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AddFeedTags(ctx, findA, []string{"속보"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Subscribe(ctx, findC, "다 뉴스"); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveError(ctx, findC, fmt.Errorf("http 500 Internal Server Error")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.UpdateIndex(ctx); err != nil {
		t.Fatal(err)
	}
	// The fixture's titles differ by a number: they would fold.
	o := library.Options{StorePath: path, Offline: true, NoGroup: true, Now: func() time.Time { return testNow }}
	for _, opt := range opts {
		opt(&o)
	}
	lib := library.New(o)
	t.Cleanup(func() { lib.Close() })
	feeds := []feed.Subscription{{URL: findA}, {URL: findB}, {URL: findC, Name: "다 뉴스"}}
	m := New(Config{Library: lib, Sources: library.Sources{Feeds: feeds}, Style: style, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = runCmds(t, m, m.cachedCmd(time.Time{}))
	return m, st
}

func listTitles(m Model) []string {
	out := make([]string, len(m.list.items))
	for i, e := range m.list.items {
		out[i] = e.Title
	}
	return out
}

// TestSearchNarrowsAsYouType: / ㅂ ㅎ narrows the list to the titles with
// those initials and the bodies with 북한 in them, Enter keeps the list,
// Enter again opens the first match, and Esc clears the search.
func TestSearchNarrowsAsYouType(t *testing.T) {
	m, _ := findModel(t, 12, 0, 80, 20, render.StylePlain)
	if len(m.list.items) != 12 {
		t.Fatalf("%d items at the start", len(m.list.items))
	}
	m = press(t, m, "/")
	if !m.find.typing || !strings.HasPrefix(lastLine(screen(m)), "/") {
		t.Fatalf("/ did not open the field:\n%s", screen(m))
	}
	m = typeText(t, m, "ㅂ")
	afterB := len(m.list.items)
	m = typeText(t, m, "ㅎ")
	// Every body names 북한, so ㅂㅎ, a word of initials, is looked for
	// in titles only: 북한… and 부하직원….
	for _, title := range listTitles(m) {
		if !strings.HasPrefix(title, "북한") && !strings.HasPrefix(title, "부하") {
			t.Errorf("ㅂㅎ kept %q", title)
		}
	}
	if len(m.list.items) != 4 || afterB < len(m.list.items) {
		t.Fatalf("ㅂ kept %d, ㅂㅎ %d; want 4:\n%s", afterB, len(m.list.items), screen(m))
	}
	if s := screen(m); !strings.Contains(s, "4건") || !strings.HasPrefix(lastLine(s), "/ㅂㅎ") {
		t.Errorf("the field or the count is missing:\n%s", s)
	}
	checkScreen(t, screen(m), 80, 20)
	m = press(t, m, "enter")
	if m.find.typing || len(m.list.items) != 4 || m.View().Cursor != nil {
		t.Fatalf("enter did not keep the narrowed list (typing %v, %d items)", m.find.typing, len(m.list.items))
	}
	if s := screen(m); !strings.Contains(strings.SplitN(s, "\n", 2)[0], "/ㅂㅎ") {
		t.Errorf("the header does not name the search:\n%s", s)
	}
	first := m.list.items[0]
	m = press(t, m, "enter")
	if m.state != stateArticle || m.article.entry.Key() != first.Key() || !strings.HasPrefix(first.Title, "북한") {
		t.Fatalf("enter did not open the first match: %v %+v", m.state, m.article.entry)
	}
	m = press(t, m, "esc", "esc")
	if m.state != stateList || m.find.text != "" || len(m.list.items) != 12 {
		t.Errorf("esc did not clear the search: %q, %d items", m.find.text, len(m.list.items))
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

// TestSearchHighlights: in colour, the matches in the titles are drawn in
// the match style, and only they.
func TestSearchHighlights(t *testing.T) {
	m, _ := findModel(t, 6, 0, 100, 12, render.StyleDark)
	m = press(t, m, "/")
	m = typeText(t, m, "국회")
	on := m.styles.match.on
	if on == "" {
		t.Fatal("no match style in colour")
	}
	var rows []string
	for _, l := range strings.Split(screen(m), "\n") {
		if strings.Contains(l, on) {
			rows = append(rows, l)
		}
	}
	if len(rows) != 1 || !strings.Contains(rows[0], on+"국회"+m.styles.match.off) {
		t.Errorf("highlighted rows: %q", rows)
	}
	rendertest.CheckLayout(t, screen(m), 100)
}

// TestSearchCursorByDisplayWidth: the terminal's cursor stands after the
// text by display width, so the IME composes where the next syllable goes.
func TestSearchCursorByDisplayWidth(t *testing.T) {
	m, _ := findModel(t, 6, 0, 60, 12, render.StylePlain)
	m = press(t, m, "/")
	check := func(name string, wantX int) {
		t.Helper()
		c := m.View().Cursor
		if c == nil {
			t.Fatalf("%s: no cursor", name)
		}
		if c.Position.X != wantX || c.Position.Y != 11 {
			t.Errorf("%s: cursor at %d,%d; want %d,11", name, c.Position.X, c.Position.Y, wantX)
		}
		// The cell under the cursor is the one after what is drawn
		// before it.
		line := lastLine(screen(m))
		if got := render.Width(rendertest.StripANSI(line)); got != 60 {
			t.Errorf("%s: the field's line is %d cells", name, got)
		}
	}
	check("empty", 1)
	m = typeText(t, m, "북한")
	check("북한", 5) // "/" and two syllables of two cells
	m = typeText(t, m, " a")
	check("북한 a", 7)
	m = press(t, m, "left", "left")
	check("two to the left", 5)
	m = typeText(t, m, "ㄱ")
	check("ㄱ inserted", 7)
	if m.find.text != "북한ㄱ a" {
		t.Errorf("text = %q", m.find.text)
	}
	m = press(t, m, "backspace")
	check("backspace", 5)
	// Longer than the field: the text scrolls and the cursor stays on
	// the screen, after the last syllable drawn.
	m = press(t, m, "end")
	m = typeText(t, m, strings.Repeat("가나다라", 10))
	c := m.View().Cursor
	line := lastLine(screen(m))
	if c == nil || c.Position.X > 59 || render.Width(line) != 60 {
		t.Fatalf("scrolled: cursor %+v, line %q", c, line)
	}
	// The cursor is at the end of the text, so what stands left of it
	// is the drawn text, exactly its column wide, ending in the last
	// syllable typed.
	if left := ansi.Truncate(line, c.Position.X, ""); render.Width(left) != c.Position.X || !strings.HasSuffix(left, "라") || c.Position.X < 50 {
		t.Errorf("left of the cursor at %d: %q", c.Position.X, left)
	}
}

// TestStaleSearchDropped: the results of a keystroke typed past are
// dropped, whatever order the commands finish in.
func TestStaleSearchDropped(t *testing.T) {
	m, _ := findModel(t, 12, 0, 80, 20, render.StylePlain)
	m = press(t, m, "/")
	next, first := m.Update(tea.KeyPressMsg{Code: '국', Text: "국"})
	m = next.(Model)
	next, second := m.Update(tea.KeyPressMsg{Code: '회', Text: "회"})
	m = next.(Model)
	m = update(t, m, second())
	want := listTitles(m)
	m = update(t, m, first())
	if got := listTitles(m); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != 2 {
		t.Errorf("the stale result replaced the list: %q, want %q", got, want)
	}
}

// openFeed opens the feed list and picks the row of scope value v.
func openFeed(t testing.TB, m Model, v string) Model {
	t.Helper()
	m = press(t, m, "F")
	if m.state != stateFeeds {
		t.Fatalf("F did not open the feed list")
	}
	for range len(m.find.feeds.rows) {
		if m.find.feeds.current().value == v {
			return press(t, m, "enter")
		}
		m = press(t, m, "down")
	}
	t.Fatalf("no row %q in the feed list:\n%s", v, screen(m))
	return m
}

// TestFeedList: F shows everything, the starred items, the saved views,
// the tags and the feeds, each with its unread count and its feed's last
// error, in the reader's language; Enter opens one, and esc goes back
// to all.
func TestFeedList(t *testing.T) {
	views := []library.SavedView{{Name: "국회 소식", Query: "국회 is:unread"}, {Name: "최근", Query: "within:3h"}}
	m, _ := findModel(t, 12, 6, 80, 24, render.StylePlain, func(o *library.Options) { o.Views = views })
	m = press(t, m, "s") // star the newest
	m = press(t, m, "F")
	s := screen(m)
	for _, want := range []string{"피드 목록", "> 전체", "별표", "보기", "국회 소식", "최근", "태그", "#속보", "피드", "속보채널", "경제신문", "다 뉴스", "서버 응답 500 (서버 내부 오류)"} {
		if !strings.Contains(s, want) {
			t.Errorf("the feed list lacks %q:\n%s", want, s)
		}
	}
	checkScreen(t, s, 80, 24)
	row := func(name string) string {
		for _, l := range strings.Split(screen(m), "\n") {
			if strings.Contains(l, name) {
				return strings.Join(strings.Fields(l), " ")
			}
		}
		return ""
	}
	for name, count := range map[string]string{"전체": "18", "#속보": "12", "경제신문": "6", "국회 소식": "3", "최근": "6", "별표": "1"} {
		if r := row(name); !strings.HasSuffix(r, " "+count) {
			t.Errorf("row %s = %q, want its unread count %s", name, r, count)
		}
	}
	// Enter on the first view.
	m = press(t, m, "down", "down")
	if m.find.feeds.current().name != "국회 소식" {
		t.Fatalf("the cursor skipped to %+v", m.find.feeds.current())
	}
	m = press(t, m, "enter")
	if m.state != stateList || len(m.list.items) != 3 {
		t.Fatalf("the view shows %d items:\n%s", len(m.list.items), screen(m))
	}
	for _, title := range listTitles(m) {
		if !strings.HasPrefix(title, "국회의장") {
			t.Errorf("the view holds %q", title)
		}
	}
	if !strings.Contains(strings.SplitN(screen(m), "\n", 2)[0], "국회 소식") {
		t.Errorf("the header does not name the view:\n%s", screen(m))
	}
	// A search within the view narrows it further.
	m = press(t, m, "/")
	m = typeText(t, m, "경제")
	m = press(t, m, "enter")
	if len(m.list.items) != 1 {
		t.Errorf("view and search: %q", listTitles(m))
	}
	m = press(t, m, "esc")
	if len(m.list.items) != 3 {
		t.Errorf("esc should drop the search and keep the view: %q", listTitles(m))
	}
	m = press(t, m, "esc")
	if len(m.list.items) != 18 {
		t.Errorf("esc should go back to all: %d", len(m.list.items))
	}
	// The tag and the starred items.
	m = openFeed(t, m, "속보")
	if len(m.list.items) != 12 {
		t.Errorf("#속보 shows %d", len(m.list.items))
	}
	m = press(t, m, "F")
	for m.find.feeds.current().kind != scopeStarred {
		m = press(t, m, "up")
	}
	m = press(t, m, "enter")
	if len(m.list.items) != 1 || !m.list.items[0].Starred {
		t.Errorf("별표 shows %q", listTitles(m))
	}
	// f opens the list too, and esc closes it as it was.
	m = press(t, m, "f", "esc")
	if m.state != stateList || len(m.list.items) != 1 {
		t.Errorf("f, esc: state %v, %d items", m.state, len(m.list.items))
	}
}

// TestMuteInReader: a mute rule hides its matches from the list, the
// search and the counts.
func TestMuteInReader(t *testing.T) {
	m, _ := findModel(t, 12, 0, 80, 20, render.StylePlain, func(o *library.Options) { o.Mute = []string{"라면"} })
	if len(m.list.items) != 10 || strings.Contains(screen(m), "라면") {
		t.Errorf("muted items shown: %d\n%s", len(m.list.items), screen(m))
	}
	if !strings.Contains(screen(m), "안 읽음 10") {
		t.Errorf("the count includes muted items:\n%s", screen(m))
	}
	m = press(t, m, "/")
	m = typeText(t, m, "값")
	if len(m.list.items) != 0 || !strings.Contains(screen(m), "일치하는 기사가 없습니다") {
		t.Errorf("search shows muted items: %q", listTitles(m))
	}
}

// TestMarkAll: A marks the list on show read, asking first above 50; the
// store has the marks.
func TestMarkAll(t *testing.T) {
	m, st := findModel(t, 60, 6, 80, 20, render.StylePlain)
	ctx := context.Background()
	// 6 items of B: no question.
	m = openFeed(t, m, findB)
	m = press(t, m, "A")
	if n, _ := st.UnreadCount(ctx, findB); n != 0 || !strings.Contains(screen(m), "6건을 읽음으로 표시") {
		t.Errorf("A on 6 items: %d unread left\n%s", n, screen(m))
	}
	// All 60 unread of A: a question; n says no.
	m = press(t, m, "esc")
	m = press(t, m, "A")
	if !strings.Contains(screen(m), "60건을 모두 읽음으로 표시할까요? (y/n)") {
		t.Fatalf("no question:\n%s", screen(m))
	}
	m = press(t, m, "n")
	if n, _ := st.UnreadCount(ctx, findA); n != 60 || !strings.Contains(screen(m), "취소함") {
		t.Errorf("after n: %d unread\n%s", n, screen(m))
	}
	m = press(t, m, "A", "y")
	if n, _ := st.UnreadCount(ctx, findA); n != 0 {
		t.Errorf("after y: %d unread", n)
	}
	if strings.Contains(screen(m), "안 읽음") {
		t.Errorf("the header still counts unread items:\n%s", screen(m))
	}
	m = press(t, m, "A")
	if !strings.Contains(screen(m), "안 읽은 기사가 없습니다") {
		t.Errorf("A with nothing unread:\n%s", screen(m))
	}
}

// TestMarkAllFetchesEveryMatch: A on a search that has fetched only its
// first matches marks every match, not those.
func TestMarkAllFetchesEveryMatch(t *testing.T) {
	m, st := findModel(t, 1800, 0, 80, 20, render.StylePlain)
	m = press(t, m, "/")
	m = typeText(t, m, "국회")
	m = press(t, m, "enter")
	limit := m.searchLimit()
	if m.find.hits.Complete() || len(m.list.items) != limit {
		t.Fatalf("the search fetched %d (complete %v); the test wants it cut at %d", len(m.list.items), m.find.hits.Complete(), limit)
	}
	if !strings.Contains(screen(m), fmt.Sprintf("%d+건", limit)) {
		t.Errorf("the header does not say there are more:\n%s", screen(m))
	}
	m = press(t, m, "A")
	if !strings.Contains(screen(m), "300건을 모두 읽음으로") {
		t.Fatalf("A asked:\n%s", screen(m))
	}
	m = press(t, m, "y")
	q := "국회 is:unread"
	hs, err := st.Search(context.Background(), mustParse(t, q), 0)
	if err != nil || len(hs) != 0 {
		t.Errorf("%d matches left unread (%v)", len(hs), err)
	}
	if n, _ := st.UnreadCount(context.Background(), findA); n != 1500 {
		t.Errorf("%d unread left, want the 1500 that do not match", n)
	}
}

// TestMoreMatchesAsTheCursorNears: scrolling to the end of the first
// matches fetches more.
func TestMoreMatchesAsTheCursorNears(t *testing.T) {
	m, _ := findModel(t, 1800, 0, 80, 20, render.StylePlain)
	m = press(t, m, "/")
	m = typeText(t, m, "ㄹ")
	m = press(t, m, "enter")
	before := len(m.list.items)
	m = press(t, m, "end")
	if len(m.list.items) <= before {
		t.Errorf("end did not fetch more: %d, then %d", before, len(m.list.items))
	}
}

// TestArticleMoves: J and K open the next and previous article, n the
// next unread one; with a search, n and N move between its matches in the
// article.
func TestArticleMoves(t *testing.T) {
	m, _ := findModel(t, 8, 0, 80, 16, render.StylePlain)
	titles := listTitles(m)
	m = press(t, m, "enter", "J")
	if m.state != stateArticle || m.article.entry.Title != titles[1] || m.list.cursor != 1 {
		t.Fatalf("J opened %q, cursor %d", m.article.entry.Title, m.list.cursor)
	}
	m = press(t, m, "K")
	if m.article.entry.Title != titles[0] {
		t.Fatalf("K opened %q", m.article.entry.Title)
	}
	m = press(t, m, "K")
	if !strings.Contains(screen(m), "첫 기사입니다") {
		t.Errorf("K at the top:\n%s", screen(m))
	}
	// 0 and 1 are read; mark 2 and 3 read from the list, then n from 0
	// opens 4.
	m = press(t, m, "esc", "j", "j", "m", "j", "m", "g", "enter", "n")
	if m.article.entry.Title != titles[4] {
		t.Errorf("n opened %q, want %q", m.article.entry.Title, titles[4])
	}
	m = press(t, m, "esc", "g", "n")
	if m.list.cursor != 5 {
		t.Errorf("n in the list moved to %d, want 5", m.list.cursor)
	}

	// With a search, n and N go from match to match in the article.
	m, _ = findModel(t, 3, 0, 80, 8, render.StylePlain)
	m = press(t, m, "/")
	m = typeText(t, m, "북한")
	m = press(t, m, "enter", "enter")
	if m.state != stateArticle {
		t.Fatalf("not in the article")
	}
	m = press(t, m, "n")
	if !strings.Contains(screen(m), "일치 ") {
		t.Fatalf("n found no match:\n%s", screen(m))
	}
	at := m.article.offset
	lines := m.article.lines
	if !strings.Contains(rendertest.StripANSI(strings.Join(lines[at:min(at+6, len(lines))], "\n")), "북한") {
		t.Errorf("n scrolled to a screen without the match:\n%s", screen(m))
	}
	m = press(t, m, "N")
	if !strings.Contains(screen(m), "일치 ") {
		t.Errorf("N:\n%s", screen(m))
	}
}

// TestNextUnreadWraps: n from the last unread row goes round to the first
// one at the top, and N from the first to the last, and the footer says
// so, in the list and in an article; a move that does not go round says
// nothing of it. It went round silently (QA).
func TestNextUnreadWraps(t *testing.T) {
	m, _ := findModel(t, 6, 0, 80, 16, render.StylePlain)
	titles := listTitles(m)
	// Rows 1 and 4 unread, the rest read.
	m = press(t, m, "m", "j", "j", "m", "j", "m", "j", "j", "m")
	m = press(t, m, "g", "n")
	if m.list.cursor != 1 || strings.Contains(screen(m), "돌아옴") {
		t.Fatalf("n from the top: row %d\n%s", m.list.cursor, screen(m))
	}
	m = press(t, m, "n")
	if m.list.cursor != 4 || strings.Contains(screen(m), "돌아옴") {
		t.Fatalf("n to row 4: row %d\n%s", m.list.cursor, screen(m))
	}
	m = press(t, m, "n")
	if s := screen(m); m.list.cursor != 1 || !strings.Contains(s, "끝에서 맨 위로 돌아옴") {
		t.Errorf("n from the last unread: row %d\n%s", m.list.cursor, s)
	}
	m = press(t, m, "N")
	if s := screen(m); m.list.cursor != 4 || !strings.Contains(s, "맨 위에서 맨 아래로 돌아옴") {
		t.Errorf("N from the first unread: row %d\n%s", m.list.cursor, s)
	}
	// In an article: n from the last unread opens the first.
	m = press(t, m, "enter", "n")
	if s := screen(m); m.state != stateArticle || m.article.entry.Title != titles[1] || !strings.Contains(s, "돌아옴") {
		t.Errorf("n in the last unread article opened %q\n%s", m.article.entry.Title, s)
	}
}

func mustParse(t testing.TB, q string) *search.Query {
	t.Helper()
	p, err := search.Parse(q, search.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMarkAllEmptiesUnreadView: A on a view of unread items leaves it
// empty once the marks are saved.
func TestMarkAllEmptiesUnreadView(t *testing.T) {
	views := []library.SavedView{{Name: "안 읽은 국회", Query: "국회 is:unread"}}
	m, _ := findModel(t, 12, 0, 80, 20, render.StylePlain, func(o *library.Options) { o.Views = views })
	m = openFeed(t, m, "국회 is:unread")
	if len(m.list.items) != 2 {
		t.Fatalf("the view shows %q", listTitles(m))
	}
	m = press(t, m, "A")
	if len(m.list.items) != 0 || !strings.Contains(screen(m), "이 보기에는 기사가 없습니다") {
		t.Errorf("after A the view shows %q\n%s", listTitles(m), screen(m))
	}
}

// TestSearchLocal: a local file's items are matched in the search's
// command, bodies included, and marks made since are seen by the next
// keystroke.
func TestSearchLocal(t *testing.T) {
	m := newTestModel(t, fakeFeed(12), 80, 20)
	m = press(t, m, "/")
	m = typeText(t, m, "1번")
	if got := listTitles(m); len(got) != 2 || !strings.HasPrefix(got[0], "1번 속보") || !strings.HasPrefix(got[1], "11번 속보") {
		t.Errorf("1번: %q", got)
	}
	m = press(t, m, "ctrl+u")
	m = typeText(t, m, `"본문 1"`)
	if got := listTitles(m); len(got) != 3 || !strings.HasPrefix(got[0], "2번") { // 본문 1, 본문 10, 본문 11
		t.Errorf("\"본문 1\" matched %q", got)
	}
	m = press(t, m, "enter", "m") // the first match read
	m = press(t, m, "/")
	m = typeText(t, m, " is:unread")
	if got := len(m.list.items); got != 2 {
		t.Errorf("본문 1 is:unread matched %d: %q", got, listTitles(m))
	}
}

// TestSearchBadQuery: a filter that cannot become valid (is:later) is
// said to be wrong at the field's right, in the run's language, and
// Enter keeps the field open rather than pretending it matched.
func TestSearchBadQuery(t *testing.T) {
	m, _ := findModel(t, 12, 0, 60, 20, render.StylePlain)
	m = press(t, m, "/")
	m = typeText(t, m, "is:later")
	want := library.SyntaxReason(m.lang, &search.SyntaxError{Kind: search.SyntaxIs, Key: "is"})
	if s := lastLine(screen(m)); !strings.Contains(s, want) || !strings.HasPrefix(s, "/is:later ") {
		t.Fatalf("footer %q, want %q", s, want)
	}
	m = press(t, m, "enter")
	if !m.find.typing || !strings.Contains(lastLine(screen(m)), want) {
		t.Errorf("enter closed the field on a bad query:\n%s", screen(m))
	}
	checkScreen(t, screen(m), 60, 20)
}

// TestSearchBadQueryList: while a query cannot be read, the list shows
// no rows, not the last good query's, and says all that is wrong,
// wrapped; the footer keeps the word at fault at every width, cutting
// the reason instead. Mended, the query's rows come back.
func TestSearchBadQueryList(t *testing.T) {
	for _, w := range []int{40, 60, 120} {
		m, _ := findModel(t, 12, 0, w, 12, render.StylePlain)
		m = press(t, m, "/")
		m = typeText(t, m, "국회")
		good := len(m.list.items)
		if good == 0 {
			t.Fatalf("국회 matched nothing")
		}
		m = typeText(t, m, " is:later")
		if n := len(m.list.items); n != 0 {
			t.Errorf("width %d: a bad query shows %d rows", w, n)
		}
		s := screen(m)
		want := library.Cause(m.lang, &search.SyntaxError{Token: "is:later", Kind: search.SyntaxIs, Key: "is"})
		body := strings.Join(strings.Fields(strings.Join(strings.Split(s, "\n")[:11], " ")), " ")
		if !strings.Contains(body, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("width %d: the list does not say %q:\n%s", w, want, s)
		}
		if foot := lastLine(s); !strings.Contains(foot, "is:later: ") {
			t.Errorf("width %d: footer %q lost the word at fault", w, foot)
		}
		checkScreen(t, s, w, 12)
		for range " is:later" {
			m = press(t, m, "backspace")
		}
		if n := len(m.list.items); n != good {
			t.Errorf("width %d: mended, %d rows, want %d", w, n, good)
		}
	}
}

// TestPromptKeysAtEveryWidth: A's question keeps its answer keys whole at
// every width down to 40, shortening the question instead; a refused
// command line in the footer keeps its cause, cutting the line instead.
func TestPromptKeysAtEveryWidth(t *testing.T) {
	for _, w := range []int{40, 41, 50, 60, 80, 120} {
		m, _ := findModel(t, 300, 0, w, 12, render.StylePlain)
		m = press(t, m, "A")
		foot := lastLine(screen(m))
		if !strings.Contains(foot, m.lang.YesNo()) || !strings.Contains(foot, "안 읽은") {
			t.Errorf("width %d: footer %q lacks the keys", w, foot)
		}
		checkScreen(t, screen(m), w, 12)
		m = press(t, m, "n")
		m = runPipeLine(t, m, "cat | wc")
		if foot := lastLine(screen(m)); !strings.Contains(foot, "셸이 필요함") {
			t.Errorf("width %d: footer %q lost the cause", w, foot)
		}
		checkScreen(t, screen(m), w, 12)
	}
}

// TestBottomReachesLastMatch: one G (or end) on a search of a large cache
// that fetched only its first page of matches goes to the last match of
// all, not to the end of the page (QA 2: four presses, 1/55 → 55/195 →
// 195/791 → 791/2,711 → 2,711/2,711).
func TestBottomReachesLastMatch(t *testing.T) {
	for _, k := range []string{"G", "end"} {
		t.Run(k, func(t *testing.T) {
			m, st := findModel(t, 3000, 0, 80, 20, render.StylePlain)
			m = press(t, m, "/")
			m = typeText(t, m, "평양")
			m = press(t, m, "enter")
			if m.find.hits.Complete() {
				t.Fatalf("the search fetched all %d at once; the test wants it cut", len(m.list.items))
			}
			all, err := st.Search(context.Background(), mustParse(t, "평양"), 0)
			if err != nil || len(all) != 3000 {
				t.Fatalf("store: %d matches, %v", len(all), err)
			}
			m = press(t, m, k)
			if n := len(m.list.items); n != len(all) || m.list.cursor != n-1 || !m.find.hits.Complete() {
				t.Errorf("after one %s: row %d of %d (complete %v), want %d of %d", k, m.list.cursor+1, n, m.find.hits.Complete(), len(all), len(all))
			}
			if scr := screen(m); strings.Contains(scr, "+건") || !strings.Contains(scr, "3,000/3,000") {
				t.Errorf("after one %s:\n%s", k, scr)
			}
			// A key after G is the reader's: k moves up from the end.
			m = press(t, m, "k")
			if m.list.cursor != len(all)-2 {
				t.Errorf("k after %s: row %d", k, m.list.cursor+1)
			}
		})
	}
}

// TestKeysHoldIndexingBack: a key pressed in the reader holds the index
// it builds behind the user back (library.NoteInput), so that scrolling
// does not share the cores with it; the fixture's clock does not move,
// so only the deadline ends the wait.
func TestKeysHoldIndexingBack(t *testing.T) {
	m, st := findModel(t, 3, 3, 60, 20, render.StyleDark)
	ctx := context.Background()
	more := findFeed("https://more.example/rss", "더뉴스", 3, testNow.Add(-time.Hour))
	if _, err := st.SaveFeed(ctx, more.Source, more, store.FetchResult{}); err != nil {
		t.Fatal(err)
	}
	m = update(t, m, keyPress("j"))
	wait, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if n, err := m.lib.IndexPending(wait); !errors.Is(err, context.DeadlineExceeded) || n != 0 {
		t.Fatalf("IndexPending right after j = %d, %v; want 0, deadline exceeded", n, err)
	}
	if n, err := st.PendingIndex(ctx); err != nil || n != 3 {
		t.Errorf("pending after the wait = %d, %v; want 3", n, err)
	}
}
