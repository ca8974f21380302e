package main

import (
	"strings"
	"testing"
)

func TestTitleStack(t *testing.T) {
	tests := map[string]struct {
		env  map[string]string
		want bool
	}{
		"tmux":            {map[string]string{"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen-256color"}, true},
		"screen":          {map[string]string{"STY": "1.pts-0", "TERM": "screen"}, false},
		"xterm":           {map[string]string{"XTERM_VERSION": "XTerm(390)", "TERM": "xterm-256color"}, true},
		"vte new":         {map[string]string{"VTE_VERSION": "7600", "TERM": "xterm-256color"}, true},
		"vte old":         {map[string]string{"VTE_VERSION": "5202", "TERM": "xterm-256color"}, false},
		"kitty":           {map[string]string{"TERM": "xterm-kitty"}, true},
		"foot":            {map[string]string{"TERM": "foot-extra"}, true},
		"wezterm":         {map[string]string{"TERM_PROGRAM": "WezTerm", "TERM": "xterm-256color"}, true},
		"unknown xterm":   {map[string]string{"TERM": "xterm-256color"}, false},
		"linux console":   {map[string]string{"TERM": "linux"}, false},
		"nothing at all":  {map[string]string{}, false},
		"apple terminal":  {map[string]string{"TERM_PROGRAM": "Apple_Terminal", "TERM": "xterm-256color"}, false},
		"tmux in screen?": {map[string]string{"TMUX": "x", "STY": "y"}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := titleStack(func(k string) string { return tc.env[k] }); got != tc.want {
				t.Errorf("titleStack = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestClaimTitle: where the stack is kept the title is pushed before the
// reader runs and popped after it, after Bubble Tea has cleared its own;
// elsewhere nothing is written and no title is set.
func TestClaimTitle(t *testing.T) {
	var out strings.Builder
	title, restore := claimTitle(&out, func(k string) string { return map[string]string{"TMUX": "x"}[k] })
	if title != "sokbo" || out.String() != "\x1b[22;0t" {
		t.Fatalf("title %q, wrote %q", title, out.String())
	}
	out.WriteString("\x1b]2;\a") // what Bubble Tea writes on exit
	restore()
	if got := out.String(); got != "\x1b[22;0t\x1b]2;\a\x1b[23;0t" {
		t.Errorf("wrote %q", got)
	}

	out.Reset()
	title, restore = claimTitle(&out, func(string) string { return "" })
	restore()
	if title != "" || out.Len() != 0 {
		t.Errorf("unknown terminal: title %q, wrote %q", title, out.String())
	}
}
