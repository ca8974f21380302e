package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// TestWidthPolicy: the terminal's answer decides how characters are
// measured, the settings override it for ambiguous characters, and with no
// answer (or no terminal) ambiguous characters are narrow, whatever the
// locale.
func TestWidthPolicy(t *testing.T) {
	tmux := render.ProbeResult{Answered: true, Ambiguous: 1, TextEmoji: 1, ZWJ: 2}
	cjk := render.ProbeResult{Answered: true, Ambiguous: 2, TextEmoji: 2, ZWJ: 2}
	tests := map[string]struct {
		tty       bool
		answer    *render.ProbeResult
		ambiguous ambiguousChoice
		env       string // SOKBO_WIDTH_POLICY
		tui       bool
		want      render.WidthPolicy
	}{
		"pipe":                 {want: render.WidthPolicy{}},
		"pipe, wide":           {ambiguous: ambiguousWide, want: render.WidthPolicy{AmbiguousWide: true}},
		"no answer":            {tty: true, want: render.WidthPolicy{}},
		"tmux, print":          {tty: true, answer: &tmux, want: tmux.Policy()},
		"tmux, reader":         {tty: true, answer: &tmux, tui: true, want: tmux.TUIPolicy()},
		"cjk terminal":         {tty: true, answer: &cjk, want: render.WidthPolicy{AmbiguousWide: true}},
		"cjk, narrow by flag":  {tty: true, answer: &cjk, ambiguous: ambiguousNarrow, want: render.WidthPolicy{}},
		"inherited from exec":  {tty: true, answer: &tmux, env: "true,false,true,true", want: render.WidthPolicy{AmbiguousWide: true, ZWJSplit: true, ModifierSplit: true}},
		"bad inherited policy": {tty: true, answer: &tmux, env: "yes", want: tmux.Policy()},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			std := &streams{outTTY: tt.tty, env: func(k string) string {
				if k == policyEnv {
					return tt.env
				}
				return ""
			}}
			if tt.answer != nil {
				std.probe = func() (render.ProbeResult, error) { return *tt.answer, nil }
			} else if tt.tty {
				std.probe = func() (render.ProbeResult, error) { return render.ProbeResult{}, render.ErrNoAnswer }
			}
			amb := tt.ambiguous
			if amb == "" {
				amb = ambiguousAuto
			}
			a := &app{std: std, set: &settings{ambiguous: amb}}
			if got := a.widthPolicy(tt.tui); got != tt.want {
				t.Errorf("policy = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAmbiguousWide runs sokbo in a child process started the way
// --ambiguous wide starts the reader, with RUNEWIDTH_EASTASIAN=1, so that
// lipgloss, glamour and render/ all measure ambiguous characters as two
// cells. There every line of text and ansi output fits at every width by
// that measure, and tables are drawn in ASCII, which stays one cell.
func TestAmbiguousWide(t *testing.T) {
	if os.Getenv("SOKBO_WIDE_CHILD") == "1" {
		wideChild(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAmbiguousWide$", "-test.v")
	cmd.Env = append(os.Environ(), "SOKBO_WIDE_CHILD=1", "RUNEWIDTH_EASTASIAN=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestAmbiguousWide") {
		t.Fatalf("wide-mode child failed: %v\n%s", err, out)
	}
}

func wideChild(t *testing.T) {
	if !render.AmbiguousWide() {
		t.Fatal("RUNEWIDTH_EASTASIAN=1 did not switch render to wide mode")
	}
	if render.Width("…·※○①“”") != 14 {
		t.Fatalf("ambiguous characters measure %d cells, want 14", render.Width("…·※○①“”"))
	}
	for _, path := range []string{seed, "testdata/wide-table.html", "testdata/atom.xml"} {
		for _, format := range []string{"text", "ansi"} {
			for w := 30; w <= 120; w += 3 {
				out, stderr, status := sokbo(t, "read", "--format", format, "--style", "dark", "--width", fmt.Sprint(w), path, "1")
				if status != 0 {
					t.Fatalf("%s: %s", path, stderr)
				}
				if err := rendertest.Layout(out, w); err != nil {
					t.Fatalf("%s as %s at %d: %v\n%s", path, format, w, err, out)
				}
				if strings.ContainsAny(rendertest.StripANSI(out), "│─┼") {
					t.Fatalf("%s as %s at %d draws box characters in wide mode:\n%s", path, format, w, out)
				}
			}
		}
	}
}
