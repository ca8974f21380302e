package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"sokbo/render"
)

// FuzzSearchField types and pastes arbitrary text into the search field
// between arbitrary editing keys, at arbitrary widths: the line is always
// exactly the field's width, the cursor stays inside it and stands after
// exactly the cells drawn before it, and the text stays valid, clean and
// bounded.
func FuzzSearchField(f *testing.F) {
	f.Add("북한", "ㅂㅎ 국ㅎ의장", uint8(40), []byte{0, 1, 2, 3})
	f.Add("a\x1b[2J\u200b\u0301e", "👩‍👩‍👧 가\u11a8", uint8(5), []byte{4, 5, 6, 7, 8, 9})
	f.Add(strings.Repeat("가나다", 50), "\n\t", uint8(1), []byte{10, 11, 12, 0, 0})
	keys := []string{"left", "right", "home", "end", "backspace", "delete", "ctrl+w", "ctrl+u", "ctrl+k", "alt+b", "alt+f", "ctrl+a", "ctrl+e"}
	f.Fuzz(func(t *testing.T, typed, pasted string, width uint8, ops []byte) {
		s := newSearch("/")
		w := int(width%120) + 1
		s.setWidth(w)
		for _, r := range typed {
			s, _ = s.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		s, _ = s.Update(tea.PasteMsg{Content: pasted})
		for _, op := range ops {
			k := keys[int(op)%len(keys)]
			s, _ = s.Update(keyMsg(k))
			check(t, s, w)
		}
		check(t, s, w)
	})
}

func check(t *testing.T, s searchModel, w int) {
	t.Helper()
	v := s.Value()
	if !utf8.ValidString(v) || len(v) > maxSearchBytes || strings.ContainsAny(v, "\x1b\n\t\r") {
		t.Fatalf("value %q", v)
	}
	line := s.View()
	if got := render.Width(line); got != w {
		t.Fatalf("line %q is %d cells, want %d", line, got, w)
	}
	x := s.CursorX()
	if x < 0 || (x > w-1 && w > 1) {
		t.Fatalf("cursor at %d in a field of %d", x, w)
	}
	if w > render.Width(s.prompt)+2 {
		if drawn := render.Width(s.prompt) + s.cells(s.offset, s.pos); drawn != x {
			t.Fatalf("cursor at %d, text before it %d cells", x, drawn)
		}
	}
}

// keyMsg is the key press k names.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "delete":
		return tea.KeyPressMsg{Code: tea.KeyDelete}
	}
	mod, r := tea.ModCtrl, rune(k[len(k)-1])
	if strings.HasPrefix(k, "alt+") {
		mod = tea.ModAlt
	}
	return tea.KeyPressMsg{Code: r, Mod: mod}
}

// TestSearchFieldEditing: the editing keys act on whole syllables and
// words, and the field scrolls to keep the cursor on screen.
func TestSearchFieldEditing(t *testing.T) {
	s := newSearch("/")
	s.setWidth(30)
	s.SetValue("국회 의장 선출")
	for _, step := range []struct {
		key, want string
		x         int
	}{
		{"ctrl+w", "국회 의장 ", 11},
		{"backspace", "국회 의장", 10},
		{"alt+b", "국회 의장", 6},
		{"delete", "국회 장", 6},
		{"home", "국회 장", 1},
		{"ctrl+k", "", 1},
	} {
		s, _ = s.Update(keyMsg(step.key))
		if s.Value() != step.want || s.CursorX() != step.x {
			t.Errorf("%s: %q at %d, want %q at %d", step.key, s.Value(), s.CursorX(), step.want, step.x)
		}
	}
	// A decomposed syllable is one character: one backspace removes it.
	s.SetValue("가\u1100\u1161")
	if s, _ = s.Update(keyMsg("backspace")); s.Value() != "가" {
		t.Errorf("backspace after a decomposed syllable left %q", s.Value())
	}
	// Backspace on an empty field leaves it.
	s.SetValue("")
	if _, ev := s.Update(keyMsg("backspace")); ev != searchCancel {
		t.Errorf("backspace on an empty field: %v", ev)
	}
}

// TestSearchPasteLines: a pasted line break, as the terminal sends it (CR,
// or LF, or CRLF), becomes one space, and escapes are still stripped (QA
// 12: "줄1\n줄2" read "줄1줄2").
func TestSearchPasteLines(t *testing.T) {
	for name, tc := range map[string]struct{ paste, want string }{
		"cr":     {"줄1\r줄2", "줄1 줄2"},
		"lf":     {"줄1\n줄2", "줄1 줄2"},
		"crlf":   {"줄1\r\n줄2", "줄1 줄2"},
		"escape": {"줄1\x1b[2J\r줄2\x1b]0;t\x07", "줄1 줄2"},
	} {
		t.Run(name, func(t *testing.T) {
			s := newSearch("/")
			s.setWidth(40)
			s, ev := s.Update(tea.PasteMsg{Content: tc.paste})
			if got := s.Value(); got != tc.want || ev != searchChanged {
				t.Errorf("pasted %q: field %q (%v), want %q", tc.paste, got, ev, tc.want)
			}
		})
	}
}
