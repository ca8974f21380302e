// Command sokbo (속보, "breaking news") is a terminal news reader for Korean
// breaking news. It reads newsdao.kr by default, any RSS, Atom or JSON feed,
// Jekyll-style post files and folders of posts, lays Korean text out by
// display width, and prints articles as Markdown, text or JSON.
//
// This file owns the process: the exit status, signals and the garbage
// collector's settings. Everything else is in run, which tests call.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/unix"

	"sokbo/feed/clean"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	name := commandWord(os.Args[1:])
	if name == "" && !term.IsTerminal(os.Stdout.Fd()) {
		name = "list" // sokbo SOURCE | head lists
	}
	tuneGC(name, os.Getenv)
	log.SetFlags(0)
	log.SetOutput(cleanLines{os.Stderr})
	ctx, caught, stop := signalContext()
	status := run(ctx, os.Args[1:], systemStreams())
	stop()
	if sig := caught(); sig != 0 {
		status = 128 + int(sig) // as a shell reports a process a signal ended
	}
	os.Exit(status)
}

// signalContext returns a context that ends on SIGINT, SIGTERM or SIGHUP,
// so that a fetch stops, the reader restores the terminal (a closed
// terminal sends SIGHUP) and the process exits cleanly; caught says which
// signal ended it, or 0.
func signalContext() (ctx context.Context, caught func() syscall.Signal, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	var got atomic.Int32
	go func() {
		select {
		case s := <-ch:
			if sig, ok := s.(syscall.Signal); ok {
				got.Store(int32(sig))
			}
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, func() syscall.Signal { return syscall.Signal(got.Load()) }, func() {
		signal.Stop(ch)
		cancel()
	}
}

// commandWord is the command a command line runs, found the cheap way for
// tuneGC before anything is parsed: the first word that is a command's.
func commandWord(args []string) string {
	for _, a := range args {
		switch a {
		case "list", "read", "refresh", "feeds", "import", "export", "watch":
			return a
		}
	}
	return ""
}

// tuneGC sets the garbage collector for the command, unless the user set
// GOGC or GOMEMLIMIT. Measured on 10,000 cached items: a list or read is a
// short process whose heap stays small, and collecting less often saves a
// quarter of its time; a refresh holds a whole feed while it parses it,
// and collecting often keeps its peak under newsboat's for the same feed.
// The limits are soft: a larger cache still loads, with more collections.
func tuneGC(name string, env func(string) string) {
	if env("GOGC") != "" || env("GOMEMLIMIT") != "" {
		return
	}
	switch name {
	case "list", "read", "export", "feeds", "import":
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(128 << 20)
	case "refresh":
		// Collecting at 30% growth, with no limit: the heap's peak
		// stays in proportion to the feed, and so does the collector's
		// work. A fixed 96 MiB soft limit kept a 10k refresh at 122 MiB
		// but made the collector run without pause once a feed's live
		// heap passed it: 50k items took 8.9-9.1 s (7.5-9.9 s of CPU)
		// where they now take 4.2 s (3.6 s), and 582 MiB at the peak
		// (newsboat: 753). 10k: 0.94 s and 149 MiB (newsboat: 153).
		//
		// Until the heap first reaches refreshFloor, nothing is
		// collected at all: at 30% growth from a few MiB, a refresh of
		// a thousand items collected a dozen times for a heap that never
		// passed 40 MiB. The first collection, at the floor, sets the
		// 30% from then on.
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(refreshFloor)
		afterGC(func() {
			debug.SetGCPercent(30)
			debug.SetMemoryLimit(math.MaxInt64)
		})
	case "watch":
		// Long-running and idle most of the time: a small heap, given
		// back to the system between polls (see watch.go).
		debug.SetGCPercent(50)
		debug.SetMemoryLimit(32 << 20)
	default: // the reader: long-running, refreshing in the background
		debug.SetMemoryLimit(128 << 20)
	}
}

// refreshFloor is the heap a refresh reaches before its first collection.
const refreshFloor = 64 << 20

// afterGC calls fn once, after the next garbage collection: an object
// nothing refers to is cleaned up when a collection finds it so.
func afterGC(fn func()) {
	runtime.AddCleanup(new([16]byte), func(struct{}) { fn() }, struct{}{})
}

// divertOutput sends what the process writes to stderr, and Go's log and
// slog output, to f until restore is called: while the reader draws the
// terminal, nothing else may write to it. Bubble Tea writes its report of
// a panic straight to os.Stderr, and net/http logs through the log
// package, so the file descriptor itself is redirected. With no file, the
// output is dropped.
func divertOutput(f *os.File) (restore func()) {
	if f == nil {
		var err error
		if f, err = os.OpenFile(os.DevNull, os.O_WRONLY, 0); err != nil {
			return func() {}
		}
		defer f.Close()
	}
	logOut, slogDefault := log.Writer(), slog.Default()
	log.SetOutput(f)
	slog.SetDefault(slog.New(slog.NewTextHandler(f, nil)))
	saved, err := unix.Dup(2)
	if err == nil {
		if err = unix.Dup2(int(f.Fd()), 2); err != nil {
			unix.Close(saved)
		}
	}
	return func() {
		if err == nil {
			unix.Dup2(saved, 2)
			unix.Close(saved)
		}
		log.SetOutput(logOut)
		slog.SetDefault(slogDefault)
	}
}

// cleanLines is where Go's log package writes outside the reader: stderr,
// with each line cleaned, since a log line can quote what a server sent
// (net/http logs an unsolicited response's first bytes).
type cleanLines struct{ w io.Writer }

func (c cleanLines) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		if _, err := fmt.Fprintf(c.w, "sokbo: %s\n", clean.OneLine(line)); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
