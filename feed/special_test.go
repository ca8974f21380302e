package feed

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"sokbo/feed/clean/cleantest"
)

// TestSpecialFilesRefused puts a FIFO and symlinks to /dev/tty and
// /dev/stdin in a post folder, beside a real post: the post loads, each
// special file is skipped with one warning naming it, and nothing waits
// on them. Given as the source itself, each is refused with one line.
func TestSpecialFilesRefused(t *testing.T) {
	dir := t.TempDir()
	post := "---\ntitle: 진짜 글\ndate: 2024-07-14\n---\n\n본문\n"
	if err := os.WriteFile(filepath.Join(dir, "2024-07-14-real.md"), []byte(post), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "2024-07-15-fifo.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"2024-07-16-tty.md": "/dev/tty", "2024-07-17-stdin.md": "/dev/stdin"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	var warnings []string
	f, err := Load(context.Background(), dir, Options{Warn: func(err error) { warnings = append(warnings, err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 1 || f.Items[0].Title != "진짜 글" {
		t.Fatalf("items = %d", len(f.Items))
	}
	for _, name := range []string{"fifo", "tty", "stdin"} {
		found := false
		for _, w := range warnings {
			if strings.Contains(w, name) && strings.Contains(w, "skipped") {
				found = true
				cleantest.AssertClean(t, w)
			}
		}
		if !found {
			t.Errorf("no warning names the %s: %q", name, warnings)
		}
	}
	for _, src := range []string{fifo, filepath.Join(dir, "2024-07-16-tty.md"), "/dev/null"} {
		_, err := Load(context.Background(), src, Options{})
		if !errors.Is(err, ErrNotRegular) || strings.Count(err.Error(), "\n") != 0 {
			t.Errorf("Load(%s) = %v, want a one-line ErrNotRegular", src, err)
		}
	}
}
