package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stubPager writes a pager named name into a folder put first on PATH:
// it saves its arguments, its LESS and its stdin to files in that folder.
func stubPager(t *testing.T, name string) (dir string) {
	t.Helper()
	dir = t.TempDir()
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + dir + "/got.args\"\nprintf '%s' \"$LESS\" > \"" + dir + "/got.less\"\ncat > \"" + dir + "/got.stdin\"\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("LESS", "")
	return dir
}

// readOnTerminal runs sokbo read as on a terminal of 80×height cells;
// the TTY-ness is injected.
func readOnTerminal(t *testing.T, env func(string) string, height int, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	std := &streams{in: strings.NewReader(""), out: &out, err: &errb, env: env, outTTY: true, width: 80, height: height}
	status = run(context.Background(), append([]string{"read", "--style", "plain"}, args...), std)
	return out.String(), errb.String(), status
}

func TestReadPager(t *testing.T) {
	dir := stubPager(t, "mypager")
	stubPager(t, "less") // the default, in a folder of its own
	lessDir := filepath.Dir(mustLook(t, "less"))
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, "got."+name))
		if err != nil {
			return ""
		}
		return string(b)
	}
	reset := func() {
		for _, f := range []string{"args", "less", "stdin"} {
			os.Remove(filepath.Join(dir, "got."+f))
			os.Remove(filepath.Join(lessDir, "got."+f))
		}
	}

	t.Run("a long article on a terminal goes through $PAGER", func(t *testing.T) {
		reset()
		out, stderr, status := readOnTerminal(t, testEnv(t, "PAGER", "mypager --quit-at-eof"), 10, seed)
		if status != 0 || out != "" || stderr != "" {
			t.Fatalf("status %d, stdout %d bytes, stderr %q", status, len(out), stderr)
		}
		if got := read("stdin"); !strings.Contains(got, "카카오톡") || strings.Count(got, "\n") < 10 {
			t.Errorf("the pager got %q", got)
		}
		if got := read("args"); got != "--quit-at-eof\n" {
			t.Errorf("the pager's arguments: %q", got)
		}
		if got := read("less"); got != "FRX" {
			t.Errorf("LESS = %q, want FRX", got)
		}
	})
	t.Run("SOKBO_PAGER wins", func(t *testing.T) {
		reset()
		_, _, status := readOnTerminal(t, testEnv(t, "PAGER", "nosuchpager", "SOKBO_PAGER", "mypager"), 10, seed)
		if status != 0 || read("stdin") == "" {
			t.Errorf("status %d; SOKBO_PAGER was not run", status)
		}
	})
	t.Run("the default is less -R", func(t *testing.T) {
		reset()
		out, stderr, status := readOnTerminal(t, testEnv(t), 10, seed)
		b, err := os.ReadFile(filepath.Join(lessDir, "got.args"))
		if status != 0 || err != nil || string(b) != "-R\n" {
			t.Errorf("status %d, less got %q, %v; stdout %d bytes, stderr %q", status, b, err, len(out), stderr)
		}
	})
	for name, tc := range map[string]struct {
		env    []string
		height int
		args   []string
		stderr string
	}{
		"--no-pager":              {[]string{"PAGER", "mypager"}, 10, []string{"--no-pager", seed}, ""},
		"shorter than the screen": {[]string{"PAGER", "mypager"}, 10000, []string{seed}, ""},
		"PAGER=cat":               {[]string{"PAGER", "cat"}, 10, []string{seed}, ""},
		"a pager not installed":   {[]string{"PAGER", "nosuchpager -R"}, 10, []string{seed}, "sokbo: pager nosuchpager not found: the article is printed without it\n"},
		"SOKBO_PAGER not installed, short article": {[]string{"SOKBO_PAGER", "nosuchpager\x1b[31m"}, 10000, []string{seed}, "sokbo: pager \"nosuchpager\\x1b[31m\" not found: the article is printed without it\n"},
		"a pager line for a shell":                 {[]string{"PAGER", "less | tee x"}, 10, []string{seed}, "needs a shell"},
	} {
		t.Run(name, func(t *testing.T) {
			reset()
			out, stderr, status := readOnTerminal(t, testEnv(t, tc.env...), tc.height, tc.args...)
			if status != 0 || !strings.Contains(out, "카카오톡") || read("stdin") != "" {
				t.Errorf("status %d, stdout %d bytes, the pager ran: %v", status, len(out), read("stdin") != "")
			}
			if tc.stderr == "" && stderr != "" || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q, want %q", stderr, tc.stderr)
			}
		})
	}
	t.Run("a pipe never pages", func(t *testing.T) {
		reset()
		out, _, status := sokboEnv(t, testEnv(t, "PAGER", "mypager"), "read", seed)
		if status != 0 || !strings.Contains(out, "카카오톡") || read("stdin") != "" {
			t.Errorf("status %d; piped output went to the pager", status)
		}
	})
}

func mustLook(t *testing.T, name string) string {
	t.Helper()
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	t.Fatalf("%s not on PATH", name)
	return ""
}
