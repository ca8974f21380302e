package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestSuspendKey: ctrl+z suspends from the list, an article and help,
// and the reader's state is as it was when it resumes.
func TestSuspendKey(t *testing.T) {
	ctrlZ := tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	for name, keys := range map[string][]string{"list": {"j"}, "article": {"j", "enter"}, "help": {"?"}} {
		t.Run(name, func(t *testing.T) {
			m := press(t, newTestModel(t, fakeFeed(5), 60, 12), keys...)
			before := screen(m)
			next, cmd := m.Update(ctrlZ)
			if cmd == nil {
				t.Fatal("ctrl+z returned no command")
			}
			if _, ok := cmd().(tea.SuspendMsg); !ok {
				t.Fatalf("ctrl+z gave %T, want tea.SuspendMsg", cmd())
			}
			m = update(t, next.(Model), tea.ResumeMsg{})
			if after := screen(m); after != before {
				t.Errorf("after resuming the screen changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

// TestWindowTitle: the reader sets the title it is given, and none when
// given none (a terminal that cannot restore it).
func TestWindowTitle(t *testing.T) {
	m := newTestModel(t, fakeFeed(1), 60, 10)
	if got := m.View().WindowTitle; got != "" {
		t.Errorf("no title configured, the view sets %q", got)
	}
	m.cfg.WindowTitle = "sokbo"
	if got := m.View().WindowTitle; got != "sokbo" {
		t.Errorf("title = %q", got)
	}
}
