package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"sokbo/render/lang"
)

// TestPipeEndsWithTheReader: a pipe command still running when the reader
// quits is killed with every process it started (jobs.stop, which
// Program.Run defers), not left to run on to its one-minute deadline;
// and no pipe command starts after.
func TestPipeEndsWithTheReader(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pids")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// The script starts a child of its own, says both process IDs, and
	// waits.
	script := "sleep 600 & echo $$ $! > " + fifo + "; wait"
	j := newJobs()
	ran := make(chan error, 1)
	go func() {
		ctx, ok := j.start()
		if !ok {
			ran <- errors.New("not started")
			return
		}
		defer j.done()
		_, err := runPipe(ctx, []string{"sh", "-c", script}, nil, lang.En)
		ran <- err
	}()
	b, err := os.ReadFile(fifo) // until the script has written its pids
	if err != nil {
		t.Fatal(err)
	}
	var shell, child int
	if _, err := fmt.Sscan(string(b), &shell, &child); err != nil {
		t.Fatalf("pids %q: %v", b, err)
	}
	j.stop()
	select {
	case err := <-ran:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("runPipe after quitting = %v; want context.Canceled", err)
		}
	default:
		t.Fatal("stop returned with the job still running")
	}
	for _, pid := range []int{shell, child} {
		if !gone(pid, 10*time.Second) {
			t.Errorf("process %d still runs after the reader quit", pid)
		}
	}
	if _, ok := j.start(); ok {
		t.Error("a job started after stop")
	}
}

// gone reports whether process pid has ended, or ends within wait: a
// SIGKILL sent is pending until the process next runs, so a grandchild
// the kill reached may still be on its way out. It waits on the
// process's pidfd, which is readable once it has ended.
func gone(pid int, wait time.Duration) bool {
	fd, err := unix.PidfdOpen(pid, 0)
	if err != nil {
		return !alive(pid) // gone already, or no pidfd: ask /proc
	}
	defer unix.Close(fd)
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	for {
		n, err := unix.Poll(fds, int(wait.Milliseconds()))
		if err == unix.EINTR {
			continue
		}
		return n == 1 || !alive(pid)
	}
}

// alive reports whether process pid runs: it exists and is not a zombie
// waiting for a parent (the killed script's child is reparented).
func alive(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// pid (comm) state …: the state follows the last ')'.
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}
