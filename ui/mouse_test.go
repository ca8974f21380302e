package ui

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sokbo/feed"
	"sokbo/render"
)

// testClock is a clock the test moves by hand: a double click is two
// clicks without a tick between them.
type testClock struct{ now time.Time }

func (c *testClock) Now() time.Time       { return c.now }
func (c *testClock) tick(d time.Duration) { c.now = c.now.Add(d) }

// mouseModel is the reader on f at w×h with the mouse on, a clock of its
// own and a recording browser.
func mouseModel(t *testing.T, f *feed.Feed, w, h int) (Model, *testClock, *[]string) {
	t.Helper()
	clock := &testClock{now: testNow}
	cfg := testConfig(t, f)
	cfg.Mouse, cfg.Now = true, clock.Now
	var opened []string
	cfg.OpenURL = func(link string) error { opened = append(opened, link); return nil }
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = runCmds(t, m, m.loadLocalCmd("fake"))
	return m, clock, &opened
}

func click(t *testing.T, m Model, x, y int) Model {
	t.Helper()
	return update(t, m, tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
}

func wheel(t *testing.T, m Model, x, y int, b tea.MouseButton) Model {
	t.Helper()
	return update(t, m, tea.MouseWheelMsg{X: x, Y: y, Button: b})
}

// TestMouseMode: the view asks for the mouse when the config has it on,
// and not when it is off, so the terminal selects text as usual.
func TestMouseMode(t *testing.T) {
	m, _, _ := mouseModel(t, fakeFeed(3), 60, 10)
	if got := m.View().MouseMode; got != tea.MouseModeCellMotion {
		t.Errorf("mouse on: mode %v", got)
	}
	m = newTestModel(t, fakeFeed(3), 60, 10)
	if got := m.View().MouseMode; got != tea.MouseModeNone {
		t.Errorf("mouse off: mode %v", got)
	}
	if m = press(t, m, "?"); strings.Contains(strings.Join(m.help.lines(), "\n"), "마우스") {
		t.Error("with the mouse off the help says what it does")
	}
}

// TestWheelList: the wheel scrolls the rows three at a time; the cursor
// stays put while it is on screen, and is carried at the edge.
func TestWheelList(t *testing.T) {
	m, _, _ := mouseModel(t, fakeFeed(100), 60, 12) // 10 rows
	m = press(t, m, "j", "j", "j", "j", "j")        // cursor 5
	m = wheel(t, m, 10, 5, tea.MouseWheelDown)
	if m.list.offset != 3 || m.list.cursor != 5 {
		t.Fatalf("after a notch down: offset %d cursor %d, want 3 5", m.list.offset, m.list.cursor)
	}
	m = wheel(t, m, 10, 5, tea.MouseWheelDown)
	if m.list.offset != 6 || m.list.cursor != 6 {
		t.Fatalf("after two notches: offset %d cursor %d, want 6 6 (carried)", m.list.offset, m.list.cursor)
	}
	for range 50 {
		m = wheel(t, m, 10, 5, tea.MouseWheelDown)
	}
	if m.list.offset != 90 || m.list.cursor != 90 {
		t.Fatalf("at the end: offset %d cursor %d, want 90 90", m.list.offset, m.list.cursor)
	}
	m = wheel(t, m, 10, 5, tea.MouseWheelUp)
	if m.list.offset != 87 || m.list.cursor != 90 {
		t.Fatalf("a notch up from the end: offset %d cursor %d, want 87 90", m.list.offset, m.list.cursor)
	}
	if s := screen(m); !strings.Contains(s, ">N  91번 속보") {
		t.Errorf("the cursor's row is not drawn:\n%s", s)
	}
	checkScreen(t, screen(m), 60, 12)
}

// TestClickHeadline: a click selects the headline under it; a second
// click on it within the double-click time opens it; two clicks further
// apart, or on two rows, only select.
func TestClickHeadline(t *testing.T) {
	m, clock, _ := mouseModel(t, fakeFeed(20), 60, 12)
	m = click(t, m, 20, 4) // row 0 is the header: the fourth headline
	if m.list.cursor != 3 || m.state != stateList {
		t.Fatalf("click on row 4: cursor %d state %v", m.list.cursor, m.state)
	}
	clock.tick(time.Second)
	m = click(t, m, 20, 4)
	if m.state != stateList {
		t.Fatal("two clicks a second apart opened the article")
	}
	clock.tick(100 * time.Millisecond)
	m = click(t, m, 20, 5)
	if m.state != stateList || m.list.cursor != 4 {
		t.Fatalf("a click on the next row: state %v cursor %d", m.state, m.list.cursor)
	}
	clock.tick(300 * time.Millisecond)
	m = click(t, m, 30, 5)
	if m.state != stateArticle || m.article.entry.ID != "id-4" {
		t.Fatalf("double click did not open the fifth article: state %v", m.state)
	}
	if !m.view.Items(m.filter)[4].Read {
		t.Error("the article opened by a double click is not marked read")
	}
	checkScreen(t, screen(m), 60, 12)

	// The header, the footer, a right click and a row past the last
	// item select nothing.
	m, clock, _ = mouseModel(t, fakeFeed(3), 60, 12)
	for _, c := range []tea.MouseClickMsg{{X: 5, Y: 0, Button: tea.MouseLeft}, {X: 5, Y: 11, Button: tea.MouseLeft}, {X: 5, Y: 8, Button: tea.MouseLeft}, {X: 5, Y: 2, Button: tea.MouseRight}} {
		clock.tick(time.Second)
		m = update(t, m, c)
		if m.list.cursor != 0 || m.state != stateList {
			t.Errorf("%v moved the cursor to %d, state %v", c, m.list.cursor, m.state)
		}
	}
}

// TestClickUnderNotes: with notes above the rows, a click finds the
// headline drawn under it, not the one the row would be without them.
func TestClickUnderNotes(t *testing.T) {
	m, _, _ := mouseModel(t, fakeFeed(20), 60, 12)
	m = update(t, m, Warning{Err: errString("a warning")})
	if len(m.list.notes) != 1 {
		t.Fatalf("notes: %q", m.list.notes)
	}
	m = click(t, m, 20, 1) // the note
	if m.list.cursor != 0 {
		t.Errorf("a click on the note moved the cursor to %d", m.list.cursor)
	}
	m = click(t, m, 20, 3)
	lines := strings.Split(ansi.Strip(screen(m)), "\n")
	if m.list.cursor != 1 || !strings.HasPrefix(lines[3], ">") {
		t.Errorf("a click on row 3 put the cursor on %d:\n%s", m.list.cursor, screen(m))
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestWheelArticle: the wheel scrolls an open article three lines a
// notch, within its ends.
func TestWheelArticle(t *testing.T) {
	f := fakeFeed(1)
	f.Items[0].Body = "<p>" + strings.Repeat("장마가 길어진다. ", 200) + "</p>"
	m, _, _ := mouseModel(t, f, 60, 12)
	m = press(t, m, "enter")
	m = wheel(t, m, 10, 5, tea.MouseWheelDown)
	m = wheel(t, m, 10, 5, tea.MouseWheelDown)
	if m.article.offset != 6 {
		t.Fatalf("offset after two notches %d, want 6", m.article.offset)
	}
	m = wheel(t, m, 10, 5, tea.MouseWheelUp)
	if m.article.offset != 3 {
		t.Fatalf("offset after a notch up %d, want 3", m.article.offset)
	}
	for range 100 {
		m = wheel(t, m, 10, 5, tea.MouseWheelDown)
	}
	if m.article.offset != m.article.maxOffset() {
		t.Errorf("the wheel ran past the end: %d of %d", m.article.offset, m.article.maxOffset())
	}
	checkScreen(t, screen(m), 60, 12)
}

// TestClickLink: a click on a numbered link opens it, on the item's link
// in the header opens that, and on plain text opens nothing.
func TestClickLink(t *testing.T) {
	m, clock, opened := mouseModel(t, linksFeed(), 60, 14)
	m = press(t, m, "enter")
	find := func(marker string) (x, y int) {
		t.Helper()
		for y, line := range strings.Split(ansi.Strip(screen(m)), "\n") {
			if i := strings.Index(line, marker); i >= 0 {
				return render.Width(line[:i]), y
			}
		}
		t.Fatalf("%q is not on screen:\n%s", marker, screen(m))
		return 0, 0
	}
	x, y := find("기준금리[1]")
	m = click(t, m, x+2, y) // on the link's text
	m = click(t, m, x+2, y) // a double click opens it once
	clock.tick(time.Second)
	hx, hy := find("https://news.example.kr/기사/1")
	m = click(t, m, hx+4, hy)
	clock.tick(time.Second)
	m = click(t, m, 0, y) // the margin
	clock.tick(time.Second)
	m = wheel(t, m, 0, 0, tea.MouseWheelDown)
	m = press(t, m, "G")
	x, y = find("[5]")
	m = click(t, m, x, y)
	want := []string{wantLinks[0], "https://news.example.kr/%EA%B8%B0%EC%82%AC/1", wantLinks[4]}
	if !slices.Equal(*opened, want) {
		t.Errorf("opened %q, want %q", *opened, want)
	}
	if m.state != stateArticle {
		t.Errorf("a click on a link left the article: %v", m.state)
	}
}

// TestClickLinkList: in the link list a click selects an entry and a
// double click opens it.
func TestClickLinkList(t *testing.T) {
	m, clock, opened := mouseModel(t, linksFeed(), 100, 20)
	m = press(t, m, "enter", "L")
	m = click(t, m, 10, 4) // row 2 is the item's link, 3 link 1, 4 link 2
	if e, _ := m.links.selected(); e.n != 2 {
		t.Fatalf("the click selected %+v", e)
	}
	if len(*opened) != 0 {
		t.Fatalf("one click opened %q", *opened)
	}
	clock.tick(200 * time.Millisecond)
	m = click(t, m, 10, 4)
	if !slices.Equal(*opened, []string{wantLinks[1]}) {
		t.Errorf("double click opened %q", *opened)
	}
	m = wheel(t, m, 10, 4, tea.MouseWheelDown)
	if e, _ := m.links.selected(); e.n != 5 {
		t.Errorf("a notch of the wheel moved to %+v, want link 5", e)
	}
}

// TestWheelHelp: the wheel scrolls the help when it is taller than the
// screen.
func TestWheelHelp(t *testing.T) {
	m, _, _ := mouseModel(t, fakeFeed(3), 40, 10)
	m = press(t, m, "?")
	m = wheel(t, m, 5, 5, tea.MouseWheelDown)
	if m.help.offset != 3 {
		t.Errorf("help offset %d, want 3", m.help.offset)
	}
	m = click(t, m, 5, 5)
	if !m.showHelp {
		t.Error("a click closed the help")
	}
	for _, want := range []string{"마우스", "더블 클릭"} {
		if !strings.Contains(strings.Join(m.help.lines(), "\n"), want) {
			t.Errorf("the help lacks %q", want)
		}
	}
	checkScreen(t, screen(m), 40, 10)
}

// TestClickFeedList: in the feed list a click selects a feed, not a
// section's title, and a double click narrows the list to it.
func TestClickFeedList(t *testing.T) {
	m, clock, _ := mouseModel(t, fakeFeed(3), 60, 12)
	m = press(t, m, "F")
	lines := strings.Split(ansi.Strip(screen(m)), "\n")
	row := -1
	for y, l := range lines {
		if strings.Contains(l, "테스트 속보") {
			row = y
		}
	}
	if row < 0 {
		t.Fatalf("the feed is not in the feed list:\n%s", screen(m))
	}
	m = click(t, m, 5, row)
	if m.find.feeds.current().kind != scopeFeed {
		t.Fatalf("the click selected %+v", m.find.feeds.current())
	}
	clock.tick(time.Second)
	before, titles := m.find.feeds.cursor, 0
	for i, r := range m.find.feeds.rows {
		if y := i - m.find.feeds.offset + 1; r.title && y > 0 && y < 11 {
			m = click(t, m, 5, y)
			clock.tick(time.Second)
			titles++
		}
	}
	if titles == 0 {
		t.Fatalf("no section title on screen:\n%s", screen(m))
	}
	if m.find.feeds.cursor != before {
		t.Errorf("a click on a title moved the cursor to %d", m.find.feeds.cursor)
	}
	m = click(t, m, 5, row)
	m = click(t, m, 5, row)
	if m.state != stateList || m.find.scope.kind != scopeFeed {
		t.Errorf("double click did not narrow the list: state %v scope %+v", m.state, m.find.scope)
	}
}

// TestWheelOutputAndFeedList: the wheel scrolls a pipe's output and moves
// the feed list's cursor, within their ends.
func TestWheelOutputAndFeedList(t *testing.T) {
	m, _, _ := mouseModel(t, fakeFeed(3), 60, 12)
	var lines []string
	for i := range 40 {
		lines = append(lines, fmt.Sprintf("출력 %d번째 줄", i+1))
	}
	m.output, m.outputFrom, m.state = newOutput(m.keys, m.styles, "wc", lines), stateList, stateOutput
	m.layout()
	m = wheel(t, m, 5, 5, tea.MouseWheelDown)
	if m.output.offset != 3 || !strings.Contains(screen(m), "출력 4번째 줄") {
		t.Errorf("output offset %d:\n%s", m.output.offset, screen(m))
	}
	for range 20 {
		m = wheel(t, m, 5, 5, tea.MouseWheelDown)
	}
	if m.output.offset != m.output.maxOffset() {
		t.Errorf("output offset %d of %d", m.output.offset, m.output.maxOffset())
	}
	m = press(t, m, "esc", "F")
	start := m.find.feeds.cursor
	m = wheel(t, m, 5, 5, tea.MouseWheelDown)
	if m.find.feeds.cursor == start || m.find.feeds.rows[m.find.feeds.cursor].title {
		t.Errorf("the wheel left the feed list's cursor on row %d", m.find.feeds.cursor)
	}
	for range 10 {
		m = wheel(t, m, 5, 5, tea.MouseWheelUp)
	}
	if c := m.find.feeds.cursor; c != start || m.find.feeds.rows[c].title {
		t.Errorf("back up, the cursor is on row %d, want %d", c, start)
	}
	checkScreen(t, screen(m), 60, 12)
}

// TestMouseEndToEnd runs the reader under teatest with the mouse on: it
// asks the terminal for mouse reports (cell motion, SGR), and a double
// click sent to the program opens the headline under it.
func TestMouseEndToEnd(t *testing.T) {
	cfg := testConfig(t, fakeFeed(5))
	cfg.Mouse = true
	tm := teatest.NewTestModel(t, New(cfg), teatest.WithInitialTermSize(60, 12))
	var seen bytes.Buffer
	waitScreen(t, tm, &seen, "5건")
	for _, seq := range []string{"\x1b[?1002h", "\x1b[?1006h"} {
		if !strings.Contains(seen.String(), seq) {
			t.Errorf("the program did not send %q", seq)
		}
	}
	seen.Reset()
	tm.Send(tea.MouseClickMsg{X: 10, Y: 3, Button: tea.MouseLeft})
	tm.Send(tea.MouseReleaseMsg{X: 10, Y: 3, Button: tea.MouseLeft})
	tm.Send(tea.MouseClickMsg{X: 10, Y: 3, Button: tea.MouseLeft})
	waitScreen(t, tm, &seen, "본문 2")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if final := tm.FinalModel(t).(Model); final.state != stateArticle || final.article.entry.ID != "id-2" {
		t.Errorf("the double click opened %v in state %v", final.article.entry, final.state)
	}
}
