package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed/clean/cleantest"
	"sokbo/render"
	"sokbo/render/lang"
)

// TestManyWarningsNameTheLog: the line that stands for the warnings left
// out names the log that has them all, its path as the user would type
// it (home as ~), in both languages and at 40, 60 and 120 columns; where
// the line is too narrow, the path loses the end of its folders, never
// its file name. A path from the environment brings no terminal control
// to the screen. It said "(all in sokbo.log)", not where that is (QA).
func TestManyWarningsNameTheLog(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	inHome := filepath.Join(home, ".cache", "sokbo", "sokbo.log")
	tests := map[string]struct {
		lang lang.Lang
		w    int
		path string
		want string
	}{
		"ko 120":        {lang.Ko, 120, inHome, "… 외 23건 (모두 ~/.cache/sokbo/sokbo.log에)"},
		"en 120":        {lang.En, 120, inHome, "… and 23 more (all in ~/.cache/sokbo/sokbo.log)"},
		"ko 60":         {lang.Ko, 60, inHome, "… 외 23건 (모두 ~/.cache/sokbo/sokbo.log에)"},
		"en 60":         {lang.En, 60, inHome, "… and 23 more (all in ~/.cache/sokbo/sokbo.log)"},
		"ko 40":         {lang.Ko, 40, inHome, "… 외 23건 (모두 ~/.cache/s…/sokbo.log에)"},
		"en 40":         {lang.En, 40, inHome, "… and 23 more (all in ~/.cac…/sokbo.log)"},
		"outside home":  {lang.En, 60, "/var/cache/sokbo/sokbo.log", "… and 23 more (all in /var/cache/sokbo/sokbo.log)"},
		"long, at 40":   {lang.En, 40, "/srv/users/kim/cache/sokbo/sokbo.log", "… and 23 more (all in /srv/u…/sokbo.log)"},
		"hostile":       {lang.En, 120, "/tmp/\x1b]52;c;aGk=\x07x\x1b[2J\u202e\r\n/sokbo/sokbo.log", `… and 23 more (all in "/tmp/\x1b]52;c;aGk=\x07x\x1b[2J\u202e\r\n/sokbo/sokbo.log")`},
		"no log, ko 40": {lang.Ko, 40, "", "… 외 23건"},
		"no log, en 40": {lang.En, 40, "", "… and 23 more"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig(t, fakeFeed(20))
			cfg.Lang, cfg.LogPath = tc.lang, tc.path
			m := New(cfg)
			m = update(t, m, tea.WindowSizeMsg{Width: tc.w, Height: 12})
			m = runCmds(t, m, m.loadLocalCmd("fake"))
			for i := range 25 {
				m = update(t, m, Warning{Err: fmt.Errorf("posts/%d.txt: not a post", i)})
			}
			s := screen(m)
			var got string
			for _, l := range strings.Split(s, "\n") {
				if strings.HasPrefix(l, "… ") {
					got = l
				}
			}
			if got != tc.want {
				t.Errorf("the line for the rest is %q (%d cells), want %q (%d):\n%s", got, render.Width(got), tc.want, render.Width(tc.want), s)
			}
			cleantest.AssertClean(t, s)
			checkScreen(t, s, tc.w, 12)
		})
	}
}
