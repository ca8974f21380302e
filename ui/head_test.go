package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed/library"
	"sokbo/feed/store"
	"sokbo/render"
	"sokbo/render/lang"
)

// TestFirstScreenFromTheHead: a cache far larger than a screen draws its
// first screen from the newest headlines alone, with the whole cache's
// counts; keys pressed before the rest is in act on the whole list once
// it is.
func TestFirstScreenFromTheHead(t *testing.T) {
	fx := newLibrary(t)
	big := cacheFeed(fx.a, "가", 3*headRows, testNow.Add(-time.Hour))
	if _, err := fx.st.SaveFeed(context.Background(), fx.a, big, store.FetchResult{}); err != nil {
		t.Fatal(err)
	}
	total := len(big.Items) + 2
	m := New(Config{Library: fx.lib, Sources: library.Sources{Feeds: fx.feeds()}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 12})

	first, ok := m.firstCacheCmd()().(cachedMsg)
	if !ok || first.batch == nil || !first.batch.Head {
		t.Fatalf("the first read of a cache of %d items is not its head: %#v", total, first.batch)
	}
	nm, rest := m.Update(first)
	m = nm.(Model)
	s := screen(m)
	count := render.Thousands(total)
	if !strings.Contains(s, count+"건") || !strings.Contains(s, "안 읽음 "+count) {
		t.Errorf("the first screen does not count the whole cache (%s items):\n%s", count, s)
	}
	if !strings.Contains(s, "가 기사 0:") || !strings.Contains(s, "1/…") {
		t.Errorf("the first screen does not show the newest row, or claims a row count:\n%s", s)
	}
	checkScreen(t, s, 80, 12)

	// G before the rest is in: held, then applied to the whole list.
	m = press(t, m, "G")
	if m.list.cursor != 0 {
		t.Fatalf("G moved the cursor to %d within the head", m.list.cursor)
	}
	if rest == nil {
		t.Fatal("no read of the rest after the head")
	}
	m = runCmds(t, m, rest)
	if m.view.Head() {
		t.Fatal("the rest did not replace the head")
	}
	s = screen(m)
	if want := count + "/" + count; !strings.Contains(s, want) || m.list.cursor != total-1 {
		t.Errorf("G held during the head did not reach the last of %d rows (cursor %d):\n%s", total, m.list.cursor, s)
	}
	if !strings.Contains(s, count+"건") {
		t.Errorf("the count changed once the rest was in:\n%s", s)
	}
}

// TestSmallCacheReadOnce: a cache that fits in the head is read once.
func TestSmallCacheReadOnce(t *testing.T) {
	fx := newLibrary(t)
	m := New(Config{Library: fx.lib, Sources: library.Sources{Feeds: fx.feeds()}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 12})
	first := m.firstCacheCmd()().(cachedMsg)
	if first.batch == nil || first.batch.Head {
		t.Fatalf("a cache of 5 items read as a head")
	}
	nm, cmd := m.Update(first)
	m = nm.(Model)
	for _, msg := range runCmd(cmd) {
		if c, ok := msg.(cachedMsg); ok {
			t.Fatalf("a small cache was read twice: %d entries", len(c.batch.Entries))
		}
	}
	if s := screen(m); !strings.Contains(s, "1/5") {
		t.Errorf("footer:\n%s", s)
	}
}

// TestKeysBeforeTheFirstScreenWait: a key pressed while the screen still
// says it is loading, before the cache's head is in, acts once the whole
// cache is.
func TestKeysBeforeTheFirstScreenWait(t *testing.T) {
	fx := newLibrary(t)
	big := cacheFeed(fx.a, "가", 3*headRows, testNow.Add(-time.Hour))
	if _, err := fx.st.SaveFeed(context.Background(), fx.a, big, store.FetchResult{}); err != nil {
		t.Fatal(err)
	}
	total := len(big.Items) + 2
	m := New(Config{Library: fx.lib, Sources: library.Sources{Feeds: fx.feeds()}, Style: render.StylePlain, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 12})
	first := m.firstCacheCmd()
	m = press(t, m, "G") // the screen says it is loading
	m = runCmds(t, m, first)
	if m.view.Head() || m.list.cursor != total-1 {
		t.Errorf("G pressed before the first screen: cursor %d of %d rows (head %v)", m.list.cursor, total, m.view.Head())
	}
}

// TestKeysBeforeALocalFileWait: a key pressed before a local file's first
// read is in acts on its items once they are.
func TestKeysBeforeALocalFileWait(t *testing.T) {
	m := New(testConfig(t, fakeFeed(5)))
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 12})
	load := m.loadLocalCmd("fake")
	m = press(t, m, "j", "j")
	m = runCmds(t, m, load)
	if m.list.cursor != 2 {
		t.Errorf("j j pressed while the file loaded: cursor %d, want 2", m.list.cursor)
	}
}

// TestQuietStart: while the cache is read, the screen stays blank for a
// moment (quietStart) rather than flashing "loading…" before the list;
// the list shows as soon as its head is in, and a cache slower than the
// moment says it is loading.
func TestQuietStart(t *testing.T) {
	fx := newLibrary(t)
	m := New(Config{Library: fx.lib, Sources: library.Sources{Feeds: fx.feeds()}, Style: render.StylePlain, Lang: lang.En, Now: func() time.Time { return testNow }})
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 12})
	if s := screen(m); s != "" {
		t.Errorf("the screen is not blank while the cache is read:\n%s", s)
	}
	if v := m.View(); !v.AltScreen {
		t.Error("the blank screen is not the alternate screen")
	}

	slow := update(t, m, quietOverMsg{})
	if s := screen(slow); !strings.Contains(s, "loading…") {
		t.Errorf("a cache read slower than the quiet start does not say it is loading:\n%s", s)
	}

	m = runCmds(t, m, m.firstCacheCmd())
	if s := screen(m); !strings.Contains(s, "1/5") {
		t.Errorf("the list does not show once the cache is in, within the quiet start:\n%s", s)
	}
	checkScreen(t, screen(m), 80, 12)
}
