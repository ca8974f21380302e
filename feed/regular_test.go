package feed

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestReadRegularFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(file, []byte("style = \"dark\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	linkToFile, linkToFifo, linkToTTY := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "c")
	for link, target := range map[string]string{linkToFile: file, linkToFifo: fifo, linkToTTY: "/dev/tty"} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range []string{file, linkToFile} {
		if data, err := ReadRegularFile(path, 1<<10); err != nil || string(data) != "style = \"dark\"\n" {
			t.Errorf("ReadRegularFile(%s) = %q, %v", path, data, err)
		}
	}
	for _, path := range []string{fifo, linkToFifo, linkToTTY, "/dev/null", dir} {
		if _, err := ReadRegularFile(path, 1<<10); !errors.Is(err, ErrNotRegular) && !errors.Is(err, os.ErrNotExist) {
			t.Errorf("ReadRegularFile(%s) = %v, want ErrNotRegular", path, err)
		}
	}
	if _, err := ReadRegularFile(file, 4); err == nil {
		t.Error("a file over the limit was read")
	}
}
