package ui

import (
	"strings"
	"testing"
	"time"

	"sokbo/render"
)

// TestSplitAlertKeepsCursorLine (QA 2): an alert's banner that comes in
// while the screen is split leaves the cursor's row on its line, as it
// does unsplit, and stands over the whole width, above both panes.
func TestSplitAlertKeepsCursorLine(t *testing.T) {
	for name, keys := range map[string][]string{"unsplit": {"j", "j", "j"}, "split": {"v", "j", "j", "j"}, "split, article": {"v", "j", "j", "j", "enter"}} {
		t.Run(name, func(t *testing.T) {
			fx, cfg := alertReader(t, 30)
			startLive(t, cfg, 120, 20) // the reader has run before
			m := startLive(t, cfg, 120, 20)
			m = press(t, m, keys...)
			line, row := cursorLine(t, screen(m))
			row, _, _ = strings.Cut(row, splitRule)

			fx.advance(time.Minute)
			fx.prepend("/a", "[속보] 가람시 대규모 정전")
			m = runCmds(t, m, m.refresher.start(false))
			s := screen(m)
			l, r := cursorLine(t, s)
			if r, _, _ = strings.Cut(r, splitRule); l != line || r != row {
				t.Errorf("cursor row moved from line %d %q to line %d %q", line, row, l, r)
			}
			lines := strings.Split(s, "\n")
			if !strings.HasPrefix(lines[1], "알림 · 가람일보: [속보] 가람시 대규모 정전") || strings.Contains(lines[1], splitRule) {
				t.Errorf("the alert's notice does not span the screen: %q", lines[1])
			}
			for i, l := range lines {
				if w := render.Width(l); w > 120 {
					t.Errorf("line %d is %d cells: %q", i, w, l)
				}
			}
			if len(lines) != 20 {
				t.Errorf("%d lines, want 20", len(lines))
			}
		})
	}
}
