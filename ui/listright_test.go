package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
	"sokbo/render/rendertest"
)

// newMultiModel is the reader on several local sources, named as feeds'
// keys, loaded in the order given.
func newMultiModel(t testing.TB, feeds map[string]*feed.Feed, order []string, w, h int) Model {
	t.Helper()
	lib := library.New(library.Options{
		StorePath: filepath.Join(t.TempDir(), "sokbo.db"),
		Load: func(_ context.Context, src string, _ feed.Options) (*feed.Feed, error) {
			return feeds[src], nil
		},
		Now:     func() time.Time { return testNow },
		NoGroup: true, // the titles differ by a number: they would fold
	})
	t.Cleanup(func() { lib.Close() })
	m := New(Config{
		Library: lib,
		Sources: library.Sources{Locals: order},
		Style:   render.StylePlain,
		Now:     func() time.Time { return testNow },
	})
	return update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
}

// sourceFeed is n items of one source, the newest at newest, 10 minutes
// apart.
func sourceFeed(src string, n int, newest time.Time) *feed.Feed {
	f := &feed.Feed{Title: src, Source: src}
	for i := range n {
		f.Items = append(f.Items, &feed.Item{
			ID: fmt.Sprintf("%s-%d", src, i), Title: fmt.Sprintf("%s 속보 %d", src, i),
			Link: fmt.Sprintf("https://example.com/%s/%d", src, i), Published: newest.Add(-time.Duration(i) * 10 * time.Minute),
			Source: src,
		})
	}
	return f
}

// TestStartCursorOnNewest: with several sources, the cursor starts on
// the newest headline, whatever order the sources arrive in, until a key
// is pressed; after that it stays on its article.
func TestStartCursorOnNewest(t *testing.T) {
	feeds := map[string]*feed.Feed{
		"old": sourceFeed("old", 20, testNow.Add(-5*time.Hour)),
		"mid": sourceFeed("mid", 20, testNow.Add(-2*time.Hour)),
		"new": sourceFeed("new", 20, testNow.Add(-time.Minute)),
	}
	order := []string{"old", "mid", "new"}
	m := newMultiModel(t, feeds, order, 80, 12)
	for _, src := range order {
		m = runCmds(t, m, m.loadLocalCmd(src))
		if m.list.cursor != 0 || m.list.offset != 0 {
			t.Fatalf("after %s arrived: cursor %d, offset %d; want the top", src, m.list.cursor, m.list.offset)
		}
	}
	if got := m.list.current().ID; got != "new-0" {
		t.Fatalf("cursor on %s, want the newest, new-0", got)
	}
	if !strings.Contains(screen(m), ">N  new 속보 0") {
		t.Errorf("the top row is not the selected newest headline:\n%s", screen(m))
	}

	// Once the reader moves, an arriving source keeps the cursor on its
	// article.
	m = newMultiModel(t, feeds, order, 80, 12)
	m = runCmds(t, m, m.loadLocalCmd("old"))
	m = press(t, m, "j", "j")
	m = runCmds(t, m, m.loadLocalCmd("new"))
	if got := m.list.current().ID; got != "old-2" {
		t.Errorf("after a key and a new source, the cursor is on %s, want old-2", got)
	}
}

// TestUndatedAndUntitled: undated items follow the dated ones, source by
// source in feed order; an untitled item shows its first words, and its
// article is headed by the same line.
func TestUndatedAndUntitled(t *testing.T) {
	a := sourceFeed("a", 3, testNow.Add(-time.Hour))
	b := sourceFeed("b", 3, testNow.Add(-30*time.Minute))
	a.Items[1].Published = time.Time{}
	b.Items[0].Published = time.Time{}
	b.Items[2].Title = ""
	b.Items[2].Body = "<p>제목 없이 온 속보, 서울 전역에 <b>호우 경보</b></p><p>둘째 문단</p>"
	b.Items[2].Format = feed.FormatHTML
	for _, f := range []*feed.Feed{a, b} {
		// As feed.Load hands them over: undated last, in source order.
		var dated, undated []*feed.Item
		for _, it := range f.Items {
			if it.Published.IsZero() {
				undated = append(undated, it)
			} else {
				dated = append(dated, it)
			}
		}
		f.Items = append(dated, undated...)
	}
	m := newMultiModel(t, map[string]*feed.Feed{"a": a, "b": b}, []string{"a", "b"}, 80, 12)
	m = runCmds(t, m, m.loadLocalCmd("a"))
	m = runCmds(t, m, m.loadLocalCmd("b"))
	var ids []string
	for _, e := range m.list.items {
		ids = append(ids, e.ID)
	}
	if got, want := strings.Join(ids, " "), "b-1 b-2 a-0 a-2 a-1 b-0"; got != want {
		t.Errorf("order %s, want %s", got, want)
	}
	s := screen(m)
	if !strings.Contains(s, " N  제목 없이 온 속보, 서울 전역에 호우 경보 둘째 문단") {
		t.Errorf("the untitled item does not show its first words:\n%s", s)
	}
	checkScreen(t, s, 80, 12)

	m = press(t, m, "j", "enter")
	art := rendertest.StripANSI(screen(m))
	if !strings.Contains(art, "제목 없이 온 속보, 서울 전역에 호우 경보 둘째 문단") {
		t.Errorf("the untitled article is not headed by its first words:\n%s", art)
	}
}

// TestUntitledIsDimmed: the first words standing in for a title are drawn
// in the lead style, not as a title.
func TestUntitledIsDimmed(t *testing.T) {
	f := fakeFeed(2)
	f.Items[1].Title = ""
	m := newTestModel(t, f, 80, 8)
	m.setStyle(render.StyleDark)
	line := strings.Split(screen(m), "\n")[2]
	if !strings.Contains(line, m.styles.lead.on+"본문 1") {
		t.Errorf("the lead is not in the lead style: %q", line)
	}
}

// TestFlagsAndFutureDates: unread and starred show together; a date more
// than a day ahead, or in another year, shows its year.
func TestFlagsAndFutureDates(t *testing.T) {
	f := fakeFeed(4)
	f.Items[0].Published = testNow.Add(3 * time.Minute)
	f.Items[1].Published = time.Date(2099, 1, 2, 3, 4, 0, 0, time.UTC)
	f.Items[2].Published = time.Date(2023, 12, 30, 9, 0, 0, 0, time.UTC)
	f.Items[3].Published = testNow.Add(-2 * time.Hour)
	m := newTestModel(t, f, 80, 10)
	m = press(t, m, "s") // star the first, still unread
	s := screen(m)
	for _, want := range []string{">N* 1번 속보", "오늘 12:03", "2099-01-02", "2023-12-30", "2시간 전"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	m = press(t, m, "m") // read: only the star is left
	if !strings.Contains(screen(m), "> * 1번 속보") {
		t.Errorf("a read starred item:\n%s", screen(m))
	}
	checkScreen(t, screen(m), 80, 10)
}

// TestHeaderNumbersApart: the unread count and the number of items never
// run together, at any width, and counts have thousands separators.
func TestHeaderNumbersApart(t *testing.T) {
	m := newTestModel(t, fakeFeed(6), 30, 8)
	header := strings.Split(screen(m), "\n")[0]
	if !strings.Contains(header, "안 읽음 6 · 6건") {
		t.Errorf("at 30 columns the header reads %q", header)
	}
	for w := 10; w <= 120; w++ {
		m = update(t, m, tea.WindowSizeMsg{Width: w, Height: 8})
		header := strings.Split(screen(m), "\n")[0]
		if strings.Contains(header, "6 6") || strings.Contains(header, "66") {
			t.Errorf("at %d columns two numbers touch: %q", w, header)
		}
		if got := render.Width(header); got > w {
			t.Errorf("at %d columns the header is %d cells: %q", w, got, header)
		}
	}

	big := fakeFeed(20000)
	m = newTestModel(t, big, 80, 8)
	s := screen(m)
	if !strings.Contains(s, "안 읽음 20,000 · 20,000건") || !strings.Contains(s, "1/20,000") {
		t.Errorf("counts without separators:\n%s", s)
	}
}

// TestTimeColumnFitsItsTimes: the time column is as wide as the widest
// time the list can show, so that a list of dates within the year
// ("11-24") gives its titles the cells a full date would take, and one
// with another year's date has room for it.
func TestTimeColumnFitsItsTimes(t *testing.T) {
	f := &feed.Feed{Title: "가람일보"}
	for i := range 5 {
		f.Items = append(f.Items, &feed.Item{ID: fmt.Sprint(i), Title: fmt.Sprintf("%d번 기사: 수도권 집중 호우로 동부간선도로 전면 통제", i),
			Published: testNow.Add(-time.Duration(10+i) * 24 * time.Hour), Source: "fake"})
	}
	m := newTestModel(t, f, 40, 8)
	rows := strings.Split(screen(m), "\n")[1:3]
	for _, r := range rows {
		if !strings.HasSuffix(r, "  07-05") && !strings.HasSuffix(r, "  07-04") {
			t.Errorf("row %q does not end in its date after two spaces", r)
		}
		if w := render.Width(r); w != 40 {
			t.Errorf("row %q is %d cells, want 40", r, w)
		}
	}
	f.Items[4].Published = testNow.AddDate(-1, 0, 0)
	m = newTestModel(t, f, 40, 8)
	if s := screen(m); !strings.Contains(s, "  2023-07-15") || !strings.Contains(s, "       07-05") {
		t.Errorf("with another year's date the column does not hold it:\n%s", s)
	}

	// A time between the newest and the oldest that says more than
	// either: "yesterday", between "2h ago" and "2d ago".
	for i, ago := range []time.Duration{2 * time.Hour, 25 * time.Hour, 26 * time.Hour, 49 * time.Hour, 50 * time.Hour} {
		f.Items[i].Published = testNow.Add(-ago)
	}
	cfg := testConfig(t, f)
	cfg.Lang = lang.En
	m = update(t, New(cfg), tea.WindowSizeMsg{Width: 40, Height: 8})
	m = runCmds(t, m, m.loadLocalCmd("fake"))
	if s := screen(m); !strings.Contains(s, "  yesterday\n") {
		t.Errorf("yesterday is cut:\n%s", s)
	}
}

// TestUndatedListHasNoTimeColumn: a list none of whose items is dated
// keeps no time column: its titles take the room (QA: "제목 24~31℃ 오전
// 10시54…" cut at 40 columns beside an empty column).
func TestUndatedListHasNoTimeColumn(t *testing.T) {
	f := &feed.Feed{Title: "가람일보"}
	for i, title := range []string{"제목 24~31℃ 오전 10시54분", "폭염 특보 전국 확대, 서울 낮 35℃"} {
		f.Items = append(f.Items, &feed.Item{ID: fmt.Sprint(i), Title: title, Source: "fake"})
	}
	m := newTestModel(t, f, 40, 8)
	s := screen(m)
	for _, title := range []string{"제목 24~31℃ 오전 10시54분", "폭염 특보 전국 확대, 서울 낮 35℃"} {
		if !strings.Contains(s, title) {
			t.Errorf("the undated title %q is cut:\n%s", title, s)
		}
	}
	checkScreen(t, s, 40, 8)

	// One dated item brings the column back.
	f.Items[1].Published = testNow.Add(-2 * 24 * time.Hour)
	m = newTestModel(t, f, 40, 8)
	if s := screen(m); !strings.Contains(s, "  2일 전\n") {
		t.Errorf("a dated item shows no time:\n%s", s)
	}
}
