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

func TestWantWideAmbiguous(t *testing.T) {
	tests := map[string]struct {
		flag string
		env  map[string]string
		want bool
	}{
		"default C locale":      {"", map[string]string{"LANG": "C.UTF-8"}, false},
		"korean locale":         {"", map[string]string{"LANG": "ko_KR.UTF-8"}, true},
		"japanese LC_CTYPE":     {"", map[string]string{"LANG": "en_US.UTF-8", "LC_CTYPE": "ja_JP.UTF-8"}, true},
		"LC_ALL wins":           {"", map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, false},
		"flag narrow over ko":   {"narrow", map[string]string{"LANG": "ko_KR.UTF-8"}, false},
		"flag wide":             {"wide", nil, true},
		"env over locale":       {"", map[string]string{"SOKBO_AMBIGUOUS": "narrow", "LANG": "ko_KR.UTF-8"}, false},
		"flag over env":         {"wide", map[string]string{"SOKBO_AMBIGUOUS": "narrow"}, true},
		"auto flag uses locale": {"auto", map[string]string{"LANG": "ko_KR.UTF-8", "SOKBO_AMBIGUOUS": "narrow"}, true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := wantWideAmbiguous(tt.flag, func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAmbiguousWide runs sokbo in a child process started the way
// --ambiguous wide starts it, with RUNEWIDTH_EASTASIAN=1, so that
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
