package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFilesRefusedByCLI gives a FIFO to `import` and to --db, and
// /dev/zero to `import`: each is refused at once with one line naming the
// file and what it is, instead of blocking in open (a FIFO) or reading
// until the size limit (a device). A hang here fails by the test timeout.
func TestSpecialFilesRefusedByCLI(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "subs.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		name string
		want string
	}{
		{[]string{"import", fifo}, fifo, "not a regular file (a FIFO)"},
		{[]string{"import", "/dev/zero"}, "/dev/zero", "not a regular file (a device)"},
		{[]string{"--db", fifo, "feeds"}, fifo, "not a regular file (a FIFO)"},
		{[]string{"--db", fifo, "list"}, fifo, "not a regular file (a FIFO)"},
	} {
		out, stderr, status := sokbo(t, tc.args...)
		if status != 1 || out != "" {
			t.Errorf("%v: status %d, stdout %q", tc.args, status, out)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tc.name+": "+tc.want) {
			t.Errorf("%v: stderr %q, want one line with %q", tc.args, stderr, tc.name+": "+tc.want)
		}
	}
	// The cache is named as that, with what --db takes.
	for l, want := range map[string]string{
		"en": "sokbo: offline cache /dev/null: not a regular file (a device); --db takes the path of a file\n",
		"ko": "sokbo: 오프라인 캐시 /dev/null: 보통 파일이 아님 (장치); --db에는 파일 경로를 주세요\n",
	} {
		for _, cmd := range [][]string{{"list"}, {"feeds", "ls"}} {
			if _, stderr, status := sokbo(t, append([]string{"--lang", l, "--db", "/dev/null"}, cmd...)...); status != 1 || stderr != want {
				t.Errorf("--db /dev/null %v (%s): %d %q, want %q", cmd, l, status, stderr, want)
			}
		}
	}
	// A file that is not an SQLite database is no sokbo cache, named so:
	// /proc/version's size reads 0, as a new cache's would, but its bytes
	// are text, not a cache needing an upgrade.
	if _, err := os.Stat("/proc/version"); err == nil {
		for l, want := range map[string]string{
			"en": "sokbo: offline cache /proc/version: not a sokbo cache (not an SQLite database); move it away, or give --db another path\n",
			"ko": "sokbo: 오프라인 캐시 /proc/version: sokbo 캐시가 아님(SQLite 데이터베이스가 아님); 이 파일을 옮기거나 --db에 다른 경로를 주세요\n",
		} {
			if _, stderr, status := sokbo(t, "--lang", l, "--db", "/proc/version", "list"); status != 1 || stderr != want {
				t.Errorf("--db /proc/version (%s): %d %q, want %q", l, status, stderr, want)
			}
		}
	}
	_, stderr, _ := sokboEnv(t, testEnv(t, "LANG", "ko_KR.UTF-8"), "import", "/dev/zero")
	if !strings.Contains(stderr, "/dev/zero: 보통 파일이 아님 (장치)") {
		t.Errorf("Korean import /dev/zero: %q", stderr)
	}
}

// TestCompletionUnknownShell: a shell cobra has no script for is a usage
// error, exit 2, naming it and the shells there are; not the help, exit 0.
func TestCompletionUnknownShell(t *testing.T) {
	out, stderr, status := sokbo(t, "completion", "tcsh")
	if status != 2 || out != "" || !strings.Contains(stderr, `no script for shell "tcsh" (there are: bash, fish, powershell, zsh)`) {
		t.Errorf("tcsh: %d %q %q", status, out, stderr)
	}
	_, stderr, status = sokbo(t, "completion", "t\x1b[2Jcsh")
	noEscapes(t, stderr)
	if status != 2 {
		t.Errorf("escape: %d %q", status, stderr)
	}
	if out, _, status := sokbo(t, "completion", "bash"); status != 0 || !strings.Contains(out, "bash completion") {
		t.Errorf("bash: %d", status)
	}
}

// TestSignalEndsFetch: the run's context (which SIGTERM, SIGINT and
// SIGHUP end) reaches a command's fetch: `list URL` on a server that
// never answers returns once it is cancelled, not after the fetch's own
// timeout.
func TestSignalEndsFetch(t *testing.T) {
	got := make(chan struct{}, 1)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-got; cancel() }()
	var out, errb bytes.Buffer
	std := &streams{in: strings.NewReader(""), out: &out, err: &errb, env: testEnv(t)}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"list", srv.URL + "/feed.xml"}, std) }()
	select {
	case status := <-done:
		// Ended by the cancel, not by the fetch's own timeout.
		if status == 0 || !strings.Contains(errb.String(), "canceled") {
			t.Errorf("status %d after the signal; stderr %q", status, errb.String())
		}
		// One line says so, naming the source it stopped: not a second
		// "sokbo: canceled" with no source.
		if want := "sokbo: " + srv.URL + "/feed.xml: canceled\n"; errb.String() != want {
			t.Errorf("stderr %q, want %q", errb.String(), want)
		}
	case <-time.After(time.Minute):
		t.Fatal("list did not end when its context was cancelled")
	}
}
