package ui

import (
	"bytes"
	"fmt"
	"sokbo/feed/library"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sokbo/render"
	"sokbo/render/lang"
	"sokbo/render/rendertest"
)

// checkSplit checks a split frame of w×h cells: every line fits w; the
// body's lines have the pane rule at cell lw, and each pane, cut out of
// the frame, passes the width and table checks at its own width, so a
// table in the article lines up within its pane.
func checkSplit(t *testing.T, s string, w, h, lw int) {
	t.Helper()
	lines := strings.Split(rendertest.StripANSI(s), "\n")
	if len(lines) != h {
		t.Fatalf("the frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if cw := render.Width(l); cw > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i, cw, w, l)
		}
	}
	var left, right []string
	for i, l := range lines[1 : h-1] {
		a, rule, b := cutAt(l, lw)
		if rule != splitRule {
			t.Fatalf("body line %d has %q at cell %d, not the pane rule: %q", i+1, rule, lw, l)
		}
		if a != "" && !strings.HasSuffix(a, " ") {
			t.Errorf("body line %d runs into the pane rule: %q", i+1, l)
		}
		left, right = append(left, a), append(right, b)
	}
	rendertest.CheckLayout(t, strings.Join(left, "\n"), lw)
	rendertest.CheckLayout(t, strings.Join(right, "\n"), w-lw-ruleWidth())
}

// cutAt cuts plain line l at display cell c: what stands before it, the
// character at it and the rest.
func cutAt(l string, c int) (before, at, after string) {
	col := 0
	for i, r := range l {
		if col == c {
			n := len(string(r))
			return l[:i], l[i : i+n], l[i+n:]
		}
		col += render.Width(string(r))
		if col > c {
			return l[:i], "", l[i:] // a wide character across the cut
		}
	}
	return l, "", ""
}

// TestSplitPane: from 120 columns the split key puts the list on the left
// and the article under the cursor on the right; moving shows the next
// one without marking it read; enter gives the article the keys and
// marks it; esc gives them back. Every frame fits, pane by pane.
func TestSplitPane(t *testing.T) {
	for _, w := range []int{120, 160, 200} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			m := newTestModel(t, fakeFeed(30), w, 16)
			m = press(t, m, "v")
			if !m.splitOn() {
				t.Fatal("v did not split the screen")
			}
			lw := m.listWidth()
			if aw := w - lw - ruleWidth(); aw > render.ReadingWidth || lw < (w-1)*2/5 {
				t.Errorf("panes %d and %d", lw, aw)
			}
			checkSplit(t, screen(m), w, 16, lw)
			if !strings.Contains(screen(m), "본문 0") {
				t.Errorf("the first article is not on the right:\n%s", screen(m))
			}
			m = press(t, m, "j", "j")
			if m.state != stateList || m.article.entry.ID != "id-2" || !strings.Contains(screen(m), "본문 2") {
				t.Fatalf("after j j the right pane shows %v:\n%s", m.article.entry.ID, screen(m))
			}
			if m.list.items[2].Read || m.list.items[1].Read {
				t.Error("showing an article in the pane marked it read")
			}
			checkSplit(t, screen(m), w, 16, lw)
			m = press(t, m, "enter", "j")
			if m.state != stateArticle || !m.list.items[2].Read {
				t.Fatalf("enter: state %v, read %v", m.state, m.list.items[2].Read)
			}
			if m.list.cursor != 2 {
				t.Errorf("j in the article moved the list's cursor to %d", m.list.cursor)
			}
			checkSplit(t, screen(m), w, 16, lw)
			m = press(t, m, "esc", "k")
			if m.state != stateList || m.article.entry.ID != "id-1" {
				t.Fatalf("esc k: state %v, pane %v", m.state, m.article.entry.ID)
			}
			m = press(t, m, "v")
			if m.splitOn() || strings.Contains(screen(m), "본문") {
				t.Errorf("v again did not go back to one pane:\n%s", screen(m))
			}
			checkScreen(t, screen(m), w, 16)
		})
	}
}

// TestSplitNarrow: below 120 columns the split falls back to one pane,
// says so when asked for, and comes back when the screen widens.
func TestSplitNarrow(t *testing.T) {
	cfg := testConfig(t, fakeFeed(10))
	cfg.Split = true
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: 119, Height: 12})
	m = runCmds(t, m, m.loadLocalCmd("fake"))
	if m.splitOn() || strings.Contains(screen(m), "│") {
		t.Fatalf("split at 119 columns:\n%s", screen(m))
	}
	checkScreen(t, screen(m), 119, 12)
	m = press(t, m, "enter")
	checkScreen(t, screen(m), 119, 12)
	m = update(t, m, tea.WindowSizeMsg{Width: 130, Height: 12})
	if !m.splitOn() || m.state != stateArticle {
		t.Fatalf("at 130 columns: split %v, state %v", m.splitOn(), m.state)
	}
	checkSplit(t, screen(m), 130, 12, m.listWidth())
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 12})
	checkScreen(t, screen(m), 80, 12)
	m = press(t, m, "esc", "v", "v")
	if !strings.Contains(screen(m), lang.Ko.SplitNarrow()) {
		t.Errorf("v at 80 columns does not say why nothing split:\n%s", screen(m))
	}
}

// TestSplitMouse: in a split pane a click on a headline shows it on the
// right, a click on the right opens it there with the keys, a click on
// a link in it opens the link, and the wheel scrolls the pane under it.
func TestSplitMouse(t *testing.T) {
	f := linksFeed()
	f.Items = append(f.Items, fakeFeed(3).Items[1:]...)
	f.Items[0].Body += "<p>" + strings.Repeat("장마가 길어진다. ", 300) + "</p>"
	m, clock, opened := mouseModel(t, f, 160, 20)
	m = press(t, m, "v")
	lw := m.listWidth()
	m = click(t, m, 10, 2)
	if m.article.entry.ID != "id-1" || m.state != stateList {
		t.Fatalf("a click on the second headline shows %v, state %v", m.article.entry.ID, m.state)
	}
	clock.tick(time.Second)
	m = click(t, m, 10, 1)
	clock.tick(time.Second)
	m = wheel(t, m, lw+10, 5, tea.MouseWheelDown)
	if m.article.offset != 3 || m.state != stateList {
		t.Fatalf("the wheel on the right pane: offset %d, state %v", m.article.offset, m.state)
	}
	m = wheel(t, m, lw+10, 5, tea.MouseWheelUp)
	var x, y int
	for i, l := range strings.Split(rendertest.StripANSI(screen(m)), "\n") {
		if j := strings.Index(l, "기준금리[1]"); j >= 0 {
			x, y = render.Width(l[:j]), i
		}
	}
	if y == 0 {
		t.Fatalf("link 1 is not on screen:\n%s", screen(m))
	}
	m = click(t, m, x+1, y)
	if m.state != stateArticle || !m.list.items[0].Read {
		t.Errorf("a click on the right pane did not open the article: %v", m.state)
	}
	if len(*opened) != 1 || (*opened)[0] != wantLinks[0] {
		t.Errorf("opened %q", *opened)
	}
	checkSplit(t, screen(m), 160, 20, lw)
	clock.tick(time.Second)
	m = click(t, m, 10, 3)
	if m.state != stateList || m.article.entry.ID != "id-2" {
		t.Errorf("a click on the list from the article: state %v, pane %v", m.state, m.article.entry.ID)
	}
}

// TestSplitEndToEnd runs the reader under teatest with split = true at
// 120 and 200 columns on a feed whose article has a table: the final
// frames, with the cursor moved and the article opened, pass the width
// checker pane by pane and are kept as goldens.
func TestSplitEndToEnd(t *testing.T) {
	for _, w := range []int{120, 200} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			cfg := testConfig(t, fakeFeed(12))
			cfg.Split = true
			tm := teatest.NewTestModel(t, New(cfg), teatest.WithInitialTermSize(w, 18))
			var seen bytes.Buffer
			waitScreen(t, tm, &seen, "본문 0")
			seen.Reset()
			tm.Send(tea.KeyPressMsg{Code: 'j', Text: "j"})
			waitScreen(t, tm, &seen, "본문 1")
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			waitScreen(t, tm, &seen, "2/12 · 100%")
			// The status bar says 2/12 while the article still renders;
			// the offer of full text replaces the feed's name once it has.
			waitScreen(t, tm, &seen, "x: 전문 보기")
			tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
			tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
			final := tm.FinalModel(t).(Model)
			frame := screen(final)
			checkSplit(t, frame, w, 18, final.listWidth())
			golden.RequireEqual(t, []byte(rendertest.StripANSI(frame)))
		})
	}
}

// TestSplitAroundOtherScreens: help, the link list and the feed list
// fill the screen, and the panes come back as they were, laid out for
// the size of the screen then, however it changed meanwhile.
func TestSplitAroundOtherScreens(t *testing.T) {
	m := newTestModel(t, linksFeed(), 160, 20)
	m = press(t, m, "v", "enter", "L")
	if m.splitOn() || strings.Contains(screen(m), "│ ") {
		t.Fatalf("the link list is split:\n%s", screen(m))
	}
	checkScreen(t, screen(m), 160, 20)
	m = update(t, m, tea.WindowSizeMsg{Width: 130, Height: 20})
	m = press(t, m, "esc")
	if !m.splitOn() || m.state != stateArticle {
		t.Fatalf("back from the link list: split %v, state %v", m.splitOn(), m.state)
	}
	checkSplit(t, screen(m), 130, 20, m.listWidth())
	if m.list.width != m.listWidth()-splitGap {
		t.Errorf("the list is %d wide in a pane of %d", m.list.width, m.listWidth())
	}
	m = press(t, m, "?")
	m = update(t, m, tea.WindowSizeMsg{Width: 150, Height: 20})
	checkScreen(t, screen(m), 150, 20)
	m = press(t, m, "?", "esc", "F")
	checkScreen(t, screen(m), 150, 20)
	m = update(t, m, tea.WindowSizeMsg{Width: 125, Height: 20})
	m = press(t, m, "esc")
	checkSplit(t, screen(m), 125, 20, m.listWidth())
	if m.list.width != m.listWidth()-splitGap {
		t.Errorf("the list is %d wide in a pane of %d", m.list.width, m.listWidth())
	}
}

// TestArticleResizedBehind: an article the screen was resized behind (a
// pipe's output in front) is laid out again for the new width when it is
// back in front.
func TestArticleResizedBehind(t *testing.T) {
	m := newTestModel(t, fakeFeed(3), 80, 16)
	m = press(t, m, "enter")
	m.output, m.outputFrom, m.state = newOutput(m.keys, m.styles, "wc", []string{"1 2 3"}), stateArticle, stateOutput
	m = update(t, m, tea.WindowSizeMsg{Width: 40, Height: 16})
	m = press(t, m, "esc")
	if m.state != stateArticle {
		t.Fatalf("state %v", m.state)
	}
	checkScreen(t, screen(m), 40, 16)
}

// TestSplitFitsEveryWidth: from 120 to 250 columns, the split list and
// article fit pane by pane, the list's columns within the left pane.
func TestSplitFitsEveryWidth(t *testing.T) {
	f := fakeFeed(30)
	for w := splitMinWidth; w <= 250; w++ {
		m := newTestModel(t, f, w, 20)
		m = press(t, m, "v", "j")
		checkSplit(t, screen(m), w, 20, m.listWidth())
		if w%10 == 0 {
			m = press(t, m, "enter")
			checkSplit(t, screen(m), w, 20, m.listWidth())
		}
		if t.Failed() {
			t.Fatalf("at %d:\n%s", w, screen(m))
		}
	}
}

// TestSplitSaysWhichPaneHasKeys: the list's cursor row is drawn in the
// accent while the list has the keys, and dimmed while the article
// beside it has them.
func TestSplitSaysWhichPaneHasKeys(t *testing.T) {
	cfg := testConfig(t, fakeFeed(5))
	cfg.Style = render.StyleDark
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: 130, Height: 12})
	m = runCmds(t, m, m.loadLocalCmd("fake"))
	m = press(t, m, "v")
	cursorRow := func() string {
		for _, l := range strings.Split(screen(m), "\n") {
			if strings.Contains(l, ">") {
				return l
			}
		}
		t.Fatalf("no cursor row:\n%s", screen(m))
		return ""
	}
	if row := cursorRow(); !strings.Contains(row, m.styles.selected.on) || strings.Contains(row, m.styles.blurred.on) {
		t.Errorf("with the keys in the list, the cursor row is not in the accent: %q", row)
	}
	m = press(t, m, "enter")
	if row := cursorRow(); !strings.Contains(row, m.styles.blurred.on) || strings.Contains(row, m.styles.selected.on) {
		t.Errorf("with the keys in the article, the list's cursor row is not dimmed: %q", row)
	}
	m = press(t, m, "esc")
	if row := cursorRow(); !strings.Contains(row, m.styles.selected.on) {
		t.Errorf("esc did not give the list its accent back: %q", row)
	}
}

// TestSplitPreviewTakesBackgroundFullText: full text fetched in the
// background for the item the split pane shows replaces its summary
// there, without moving the cursor.
func TestSplitPreviewTakesBackgroundFullText(t *testing.T) {
	m := newTestModel(t, fakeFeed(5), 130, 12)
	m = press(t, m, "v")
	m = runCmds(t, m, m.renderCurrent())
	shown := m.article.entry.Key()
	if _, ok := m.cache.get(m.articleKey(m.article.entry)); !ok {
		t.Fatal("the preview was not laid out")
	}
	nm, cmd := m.Update(fullTextProgressMsg(library.FullTextProgress{Done: 1, Total: 1, Key: shown}))
	m = nm.(Model)
	if _, ok := m.cache.get(m.articleKey(m.article.entry)); ok || !m.article.rendering || cmd == nil {
		t.Fatalf("the preview of %v was not laid out again for its full text (rendering %v)", shown, m.article.rendering)
	}
}
