package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// reboundModel is the reader on fakeFeed(n) at w×h with binds rebound.
func reboundModel(t *testing.T, n, w, h int, binds map[string][]string) Model {
	t.Helper()
	km, err := DefaultKeyMap().Rebind(binds)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, fakeFeed(n))
	cfg.Keys = &km
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return runCmds(t, m, m.loadLocalCmd("fake"))
}

// TestDefaultKeysDoNotConflict: the defaults share keys only between
// actions that never act on the same screen (esc: clear in the list, back
// elsewhere; q: quit in the list, back elsewhere).
func TestDefaultKeysDoNotConflict(t *testing.T) {
	if err := DefaultKeyMap().conflicts(); err != nil {
		t.Fatal(err)
	}
	km, err := DefaultKeyMap().Rebind(nil)
	if err != nil || !slices.Equal(km.Open.Keys(), []string{"enter"}) {
		t.Fatalf("an empty table changed the keys: %v %v", km.Open.Keys(), err)
	}
	// Every action a table may name has a binding with keys and help.
	for _, a := range keyActions() {
		b := a.binding(&km)
		if len(b.Keys()) == 0 || b.Help().Desc == "" {
			t.Errorf("%s: keys %q, help %+v", a.name, b.Keys(), b.Help())
		}
	}
}

// TestRebindKeys: a rebound action answers to its new keys, and only to
// them; the others keep theirs.
func TestRebindKeys(t *testing.T) {
	m := reboundModel(t, 5, 60, 12, map[string][]string{"open": {"enter", "l"}, "quit": {"Q"}, "down": {"ctrl+n", "ㅓ"}, "back": {"h"}})
	m = press(t, m, "ㅓ")
	if m.list.cursor != 1 {
		t.Fatalf("ㅓ (down) left the cursor on %d", m.list.cursor)
	}
	m = update(t, m, tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
	if m.list.cursor != 2 {
		t.Fatalf("ctrl+n (down) left the cursor on %d", m.list.cursor)
	}
	m = press(t, m, "j")
	if m.list.cursor != 2 {
		t.Errorf("j moved the cursor though down is rebound")
	}
	m = press(t, m, "l")
	if m.state != stateArticle || m.article.entry.ID != "id-2" {
		t.Fatalf("l did not open the article: %v", m.state)
	}
	m = press(t, m, "esc")
	if m.state != stateArticle {
		t.Error("esc went back though back is rebound to h")
	}
	m = press(t, m, "h", "enter")
	if m.state != stateArticle {
		t.Fatalf("h then enter: %v", m.state)
	}
	m = press(t, m, "h")
	if _, cmd := m.Update(keyPress("q")); cmd != nil && cmd() == tea.Quit() {
		t.Error("q quits though quit is rebound to Q")
	}
	if _, cmd := m.Update(keyPress("Q")); cmd == nil || cmd() != tea.Quit() {
		t.Error("Q does not quit")
	}
}

// TestRebindHelpAndFooters: the help lists the keys in force, and the
// footers' hints name them.
func TestRebindHelpAndFooters(t *testing.T) {
	m := reboundModel(t, 3, 100, 50, map[string][]string{
		"open": {"enter", "l"}, "help": {"f1"}, "copy": {"c"}, "back": {"esc", "h"}, "up": {"up", "ㅏ"}, "full_text": {"X"},
	})
	if foot := footLine(m); !strings.HasSuffix(foot, "f1 도움말") {
		t.Errorf("the footer's help hint: %q", foot)
	}
	m = update(t, m, tea.KeyPressMsg{Code: tea.KeyF1})
	help := ansi.Strip(screen(m))
	for _, want := range []string{"enter/l", "기사 열기", "↑/ㅏ", "3o/3c", "esc/h", "f1 닫기"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	for _, stale := range []string{"↑/k", "? 도움말", "3o/3y"} {
		if strings.Contains(help, stale) {
			t.Errorf("help still says %q:\n%s", stale, help)
		}
	}
	m = update(t, m, tea.KeyPressMsg{Code: tea.KeyF1})
	m = press(t, m, "l")
	if foot := footLine(m); !strings.Contains(foot, "X: 전문 보기") {
		t.Errorf("the article's footer: %q", foot)
	}
	m = press(t, m, "L")
	if foot := footLine(m); !strings.HasPrefix(foot, "enter 열기 · c 복사 · esc 뒤로") {
		t.Errorf("the link list's footer: %q", foot)
	}
}

// footLine is the footer of m's screen, plain.
func footLine(m Model) string { return ansi.Strip(lastLine(screen(m))) }

// TestRebindCountHint: the footer of a link count names the keys that
// follow it.
func TestRebindCountHint(t *testing.T) {
	km, err := DefaultKeyMap().Rebind(map[string][]string{"open_link": {"O"}, "copy": {"c"}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, linksFeed())
	cfg.Keys = &km
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 20})
	m = runCmds(t, m, m.loadLocalCmd("fake"))
	m = press(t, m, "enter", "3")
	if foot := footLine(m); !strings.Contains(foot, "링크 3 · O 열기 · c 복사 · esc 취소") {
		t.Errorf("the count's footer: %q", foot)
	}
}

// TestRebindRefused: a name that is no action, a key that is none, an
// action with no key and keys two actions share where both act are
// refused, in one line that names them.
func TestRebindRefused(t *testing.T) {
	for name, tc := range map[string]struct {
		binds map[string][]string
		want  []string
	}{
		"unknown":      {map[string][]string{"opne": {"l"}}, []string{`no action "opne"`, "open,"}},
		"two unknown":  {map[string][]string{"opne": {"l"}, "qiut": {"Q"}}, []string{`"opne", "qiut"`}},
		"conflict":     {map[string][]string{"open_link": {"enter"}}, []string{`"enter" is bound to both open and open_link`}},
		"new conflict": {map[string][]string{"star": {"l"}, "open": {"l"}}, []string{`"l" is bound to both open and star`}},
		"everywhere":   {map[string][]string{"help": {"q"}}, []string{`"q" is bound to both quit and help`, `"q" is bound to both back and help`}},
		"digit":        {map[string][]string{"top": {"1"}}, []string{`"1" is bound to top`, "link's number"}},
		"empty":        {map[string][]string{"open": {}}, []string{"open = []"}},
		"not a key":    {map[string][]string{"open": {"enter", "ctrl+"}}, []string{`open = "ctrl+"`, "not a key"}},
		"words":        {map[string][]string{"open": {"open it"}}, []string{`open = "open it"`}},
		"shift letter": {map[string][]string{"open": {"shift+l"}}, []string{`open = "shift+l"`, `"L"`}},
		"escape":       {map[string][]string{"open": {"\x1b[2J"}}, []string{`open = "\x1b[2J"`}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := DefaultKeyMap().Rebind(tc.binds)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || strings.ContainsRune(msg, 0x1b) {
				t.Errorf("not one clean line: %q", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
		})
	}
	// Keys shared between screens that never meet are fine: q backs out
	// of an article and quits the list; a digit in the list alone.
	if _, err := DefaultKeyMap().Rebind(map[string][]string{"quit": {"q", "x"}, "unread_only": {"1"}}); err != nil {
		t.Errorf("refused: %v", err)
	}
}

// TestCheckKey: the spellings of keys a [keys] table takes.
func TestCheckKey(t *testing.T) {
	for _, ok := range []string{"l", "L", "?", "/", "ㅂ", "enter", "esc", "space", "pgdown", "f1", "f12", "ctrl+n", "alt+x", "ctrl+alt+x", "shift+tab", "ctrl+up", "+"} {
		if err := CheckKey(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", " ", "ll", "ctrl+", "enterr", "f0", "f99", "shift+l", "\t", "\x00", "a b", "\u200b"} {
		if CheckKey(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// FuzzRebind: for any action name and keys, Rebind either refuses them
// in one line with no escape in it, or gives a key map whose actions
// share no key where they meet, with the keys asked for.
func FuzzRebind(f *testing.F) {
	f.Add("open", "l", "enter")
	f.Add("help", "q", "")
	f.Add("top", "1", "g")
	f.Add("opne", "x", "ctrl+x")
	f.Add("down", "ㅓ", "\x1b[B")
	f.Fuzz(func(t *testing.T, action, k1, k2 string) {
		binds := map[string][]string{action: {k1}}
		if k2 != "" {
			binds[action] = append(binds[action], k2)
		}
		km, err := DefaultKeyMap().Rebind(binds)
		if err != nil {
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r\x1b") {
				t.Fatalf("not one clean line: %q", msg)
			}
			return
		}
		if err := km.conflicts(); err != nil {
			t.Fatalf("accepted a conflict: %v", err)
		}
		for _, a := range keyActions() {
			if a.name == action && !slices.Contains(a.binding(&km).Keys(), k1) {
				t.Fatalf("%s has keys %q, not %q", action, a.binding(&km).Keys(), k1)
			}
		}
	})
}
