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

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/rendertest"
)

var testNow = time.Date(2024, 7, 15, 12, 0, 0, 0, time.FixedZone("KST", 9*3600))

// fakeFeed builds a feed of n items with long Korean titles.
func fakeFeed(n int) *feed.Feed {
	f := &feed.Feed{Title: "테스트 속보", Source: "fake"}
	for i := range n {
		f.Items = append(f.Items, &feed.Item{
			ID:         fmt.Sprintf("id-%d", i),
			Title:      fmt.Sprintf("%d번 속보: 카카오톡 네트워크 오류로 두 달 만에 다시 접속 장애, 수도권 집중 호우까지 겹쳐", i+1),
			Link:       fmt.Sprintf("https://newsdao.kr/%d", 4000+i),
			Published:  testNow.Add(-time.Duration(i) * 37 * time.Minute),
			Categories: []string{"News"},
			Body:       "<p>본문 " + fmt.Sprint(i) + "</p><table><tr><td><b>시작 시간</b></td><td><b>복구 소요 시간</b></td></tr><tr><td>오전 10시54분</td><td>약 1시간 26분</td></tr></table>",
			Format:     feed.FormatHTML,
			Source:     "fake",
		})
	}
	return f
}

// newTestModel is the reader on one local source, "fake", that holds f,
// with a cache of its own for the marks.
func newTestModel(t testing.TB, f *feed.Feed, w, h int) Model {
	t.Helper()
	m := New(testConfig(t, f))
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = runCmds(t, m, m.loadLocalCmd("fake"))
	return m
}

// testConfig is the reader's config for one local source, "fake", that
// holds f, with a cache of its own for the marks.
func testConfig(t testing.TB, f *feed.Feed) Config {
	t.Helper()
	lib := library.New(library.Options{
		StorePath: filepath.Join(t.TempDir(), "sokbo.db"),
		Load:      func(context.Context, string, feed.Options) (*feed.Feed, error) { return f, nil },
		Now:       func() time.Time { return testNow },
		// The fake feed's titles differ by a number: they would fold.
		NoGroup: true,
	})
	t.Cleanup(func() { lib.Close() })
	return Config{
		Library: lib,
		Sources: library.Sources{Locals: []string{"fake"}},
		Style:   render.StylePlain,
		Now:     func() time.Time { return testNow },
	}
}

// update runs one message through the model and every command it returns
// that produces a reader message (loading, rendering, the cache and its
// refresh), like the runtime would, minus the timers.
func update(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, cmd := m.Update(msg)
	return runCmds(t, next.(Model), cmd)
}

// runCmds runs cmd and feeds every reader message it produces back in.
func runCmds(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	for _, msg := range runCmd(cmd) {
		m = update(t, m, msg)
	}
	return m
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	case renderedMsg, localLoadedMsg, localReloadedMsg, pipedMsg, savedMsg, openedMsg, cachedMsg, refreshStartedMsg, refreshProgressMsg, refreshDoneMsg, markSavedMsg,
		fullTextMsg, fullTextStartedMsg, fullTextProgressMsg, fullTextDoneMsg,
		searchResultMsg, viewCountsMsg, indexedMsg, linkChosenMsg, linksClosedMsg, allFoldedMsg, storedBesideMsg:
		return []tea.Msg{msg}
	}
	return nil
}

func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m = update(t, m, keyPress(k))
	}
	return m
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func screen(m Model) string { return m.View().Content }

// checkScreen asserts the frame is exactly h lines, each within w cells,
// with tables lined up.
func checkScreen(t *testing.T, s string, w, h int) {
	t.Helper()
	if n := strings.Count(s, "\n") + 1; n != h {
		t.Errorf("screen has %d lines, want %d", n, h)
	}
	rendertest.CheckLayout(t, s, w)
}

func TestListNavigation(t *testing.T) {
	m := newTestModel(t, fakeFeed(100), 60, 12)
	m = press(t, m, "j", "j", "down")
	if got := m.list.cursor; got != 3 {
		t.Fatalf("cursor after 3 downs = %d, want 3", got)
	}
	m = press(t, m, "k")
	if got := m.list.cursor; got != 2 {
		t.Fatalf("cursor after up = %d, want 2", got)
	}
	m = press(t, m, "G")
	if got := m.list.cursor; got != 99 {
		t.Fatalf("cursor after G = %d, want 99", got)
	}
	if !strings.Contains(screen(m), "100/100") {
		t.Errorf("footer does not show 100/100:\n%s", screen(m))
	}
	m = press(t, m, "g")
	if got := m.list.cursor; got != 0 {
		t.Fatalf("cursor after g = %d, want 0", got)
	}
	m = press(t, m, "pgdown")
	if got := m.list.cursor; got != 9 {
		t.Fatalf("cursor after pgdown = %d, want 9 (one screen of 10 rows, less one)", got)
	}
	checkScreen(t, screen(m), 60, 12)
}

func TestListFitsEveryWidth(t *testing.T) {
	f := fakeFeed(30)
	for w := 30; w <= 250; w++ {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			m := newTestModel(t, f, w, 20)
			s := screen(m)
			checkScreen(t, s, w, 20)
			if !strings.Contains(s, "1번 속보") {
				t.Errorf("first headline missing:\n%s", s)
			}
			if w >= 64 && !strings.Contains(s, "News") {
				t.Errorf("category column missing at %d:\n%s", w, s)
			}
			if w >= 40 && !strings.Contains(s, "37분 전") {
				t.Errorf("time column missing at %d:\n%s", w, s)
			}
		})
	}
}

func TestOpenArticleAndBack(t *testing.T) {
	m := newTestModel(t, fakeFeed(5), 60, 25)
	m = press(t, m, "j", "enter")
	if m.state != stateArticle {
		t.Fatal("enter did not open the article")
	}
	s := screen(m)
	for _, want := range []string{"2번 속보", "복구 소요 시간", "오전 10시54분", "https://newsdao.kr/4001"} {
		if !strings.Contains(strings.ReplaceAll(rendertest.StripANSI(s), "\n", ""), want) {
			t.Errorf("article screen lacks %q:\n%s", want, s)
		}
	}
	checkScreen(t, s, 60, 25)

	// A resize re-renders at the new width, from a command.
	m = update(t, m, tea.WindowSizeMsg{Width: 40, Height: 20})
	checkScreen(t, screen(m), 40, 20)
	if _, ok := m.cache.get(renderKey{item: m.article.entry.Key(), width: 40, style: render.StylePlain}); !ok {
		t.Error("resize did not render and cache the article at 40 columns")
	}

	for _, k := range []string{"esc", "backspace", "q"} {
		m = press(t, m, "enter")
		if m.state != stateArticle {
			t.Fatalf("enter did not open the article before %s", k)
		}
		m = press(t, m, k)
		if m.state != stateList {
			t.Errorf("%s did not go back to the list", k)
		}
	}
}

func TestQuitKeys(t *testing.T) {
	m := newTestModel(t, fakeFeed(3), 60, 10)
	if _, cmd := m.Update(keyPress("q")); cmd == nil || cmd() != tea.Quit() {
		t.Error("q in the list does not quit")
	}
	m = press(t, m, "enter")
	if _, cmd := m.Update(keyPress("ctrl+c")); cmd == nil || cmd() != tea.Quit() {
		t.Error("ctrl+c in an article does not quit")
	}
}

func TestHelpFromKeyMap(t *testing.T) {
	// Tall enough for every binding: help scrolls on a shorter screen
	// (TestHelpScrolls).
	m := newTestModel(t, fakeFeed(3), 80, 50)
	m = press(t, m, "?")
	s := screen(m)
	checkScreen(t, s, 80, 50)
	for _, sec := range m.keys.helpSections(m.lang) {
		for _, b := range sec.bindings {
			if !strings.Contains(s, b.Help().Desc) {
				t.Errorf("help lacks %q", b.Help().Desc)
			}
		}
	}
	m = press(t, m, "?")
	if m.showHelp {
		t.Error("? did not close help")
	}
}

func TestLoadErrorShownInUI(t *testing.T) {
	lib := library.New(library.Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db")})
	t.Cleanup(func() { lib.Close() })
	m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{"nope.xml"}}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 50, Height: 10})
	m = update(t, m, localLoadedMsg{source: "nope.xml", err: fmt.Errorf("nope.xml: no such file")})
	s := screen(m)
	if !strings.Contains(s, "nope.xml: no such file") {
		t.Errorf("error not shown:\n%s", s)
	}
	checkScreen(t, s, 50, 10)
}

// TestWarningShownInUI checks that a warning from loading a source shows
// above the rows, which stay.
func TestWarningShownInUI(t *testing.T) {
	f := fakeFeed(5)
	m := newTestModel(t, f, 50, 10)
	m = update(t, m, Warning{Err: fmt.Errorf("posts/: no posts in this folder")})
	s := screen(m)
	if !strings.Contains(s, "경고: posts/: no posts in this folder") {
		t.Errorf("warning not shown:\n%s", s)
	}
	if !strings.Contains(s, "1번 속보") {
		t.Errorf("the rows are gone:\n%s", s)
	}
	checkScreen(t, s, 50, 10)
}

func TestArticleScroll(t *testing.T) {
	f := fakeFeed(1)
	f.Items[0].Body = strings.Repeat("<p>카카오톡은 긴급 점검을 거쳐 낮 12시20분에 기능을 완전히 복구하였습니다.</p>", 40)
	m := newTestModel(t, f, 40, 10)
	m = press(t, m, "enter", "space")
	if m.article.offset != 8 {
		t.Errorf("space scrolled to %d, want 8", m.article.offset)
	}
	m = press(t, m, "b")
	if m.article.offset != 0 {
		t.Errorf("b scrolled to %d, want 0", m.article.offset)
	}
	m = press(t, m, "G")
	if !strings.Contains(screen(m), "100%") {
		t.Errorf("footer lacks 100%% at the end:\n%s", screen(m))
	}
}

// TestArticleEveryWidth opens the seed and a five-column table in the
// reader at every width from 30 to 200: every frame fills the screen,
// every line fits, and table borders line up.
func TestArticleEveryWidth(t *testing.T) {
	for _, path := range []string{"../testdata/seed.txt", "../testdata/wide-table.html"} {
		f, err := feed.Load(context.Background(), path, feed.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m := newTestModel(t, f, 30, 40)
		m = press(t, m, "enter")
		for w := 30; w <= 200; w++ {
			m = update(t, m, tea.WindowSizeMsg{Width: w, Height: 40})
			s := screen(m)
			if n := strings.Count(s, "\n") + 1; n != 40 {
				t.Fatalf("%s at %d: %d lines", path, w, n)
			}
			if err := rendertest.Layout(s, w); err != nil {
				t.Fatalf("%s at %d: %v\n%s", path, w, err, s)
			}
			m = press(t, m, "G") // the table of the seed is near the end
			if err := rendertest.Layout(screen(m), w); err != nil {
				t.Fatalf("%s at %d, bottom: %v\n%s", path, w, err, screen(m))
			}
			m = press(t, m, "g")
		}
	}
}

// TestHelpScrolls: on a short terminal the help scrolls with the moving
// keys and every binding can be reached.
func TestHelpScrolls(t *testing.T) {
	m := newTestModel(t, fakeFeed(3), 30, 12)
	m = press(t, m, "?")
	seen := map[string]bool{}
	for range 80 {
		s := screen(m)
		checkScreen(t, s, 30, 12)
		// A description may wrap beside its key; compare without spaces.
		flat := strings.Join(strings.Fields(s), "")
		for _, sec := range m.keys.helpSections(m.lang) {
			for _, b := range sec.bindings {
				if strings.Contains(flat, strings.Join(strings.Fields(b.Help().Desc), "")) {
					seen[b.Help().Desc] = true
				}
			}
		}
		m = press(t, m, "j")
	}
	for _, sec := range m.keys.helpSections(m.lang) {
		for _, b := range sec.bindings {
			if !seen[b.Help().Desc] {
				t.Errorf("help never shows %q", b.Help().Desc)
			}
		}
	}
	if m = press(t, m, "G"); !strings.Contains(screen(m), "100%") {
		t.Errorf("G does not reach the end of help:\n%s", screen(m))
	}
	if m = press(t, m, "q"); m.showHelp {
		t.Error("q does not close help")
	}
}

// TestManyWarnings checks that many warnings leave the rows on screen.
func TestManyWarnings(t *testing.T) {
	m := newTestModel(t, fakeFeed(20), 60, 12)
	for i := range 25 {
		m = update(t, m, Warning{Err: fmt.Errorf("posts/%d.txt: not a post", i)})
	}
	s := screen(m)
	if !strings.Contains(s, "외 23건") {
		t.Errorf("the rest of the warnings are not counted:\n%s", s)
	}
	if strings.Count(s, "번 속보") < 5 {
		t.Errorf("warnings pushed the rows off:\n%s", s)
	}
	checkScreen(t, s, 60, 12)
}

// TestLeavingCancelsRender: leaving an article before it is laid out stops
// its render, and the stopped render's message changes nothing.
func TestLeavingCancelsRender(t *testing.T) {
	m := newTestModel(t, fakeFeed(3), 60, 20)
	next, cmd := m.Update(keyPress("enter"))
	m = next.(Model)
	next, _ = m.Update(keyPress("esc"))
	m = next.(Model)
	for _, msg := range runCmd(cmd) {
		if r, ok := msg.(renderedMsg); ok && !errors.Is(r.err, context.Canceled) {
			t.Errorf("the render went on after the reader left: %v", r.err)
		}
		m = update(t, m, msg)
	}
	m = press(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "복구 소요 시간") {
		t.Errorf("the article does not open again after a stopped render:\n%s", s)
	}
}
