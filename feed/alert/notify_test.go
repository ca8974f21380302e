package alert

import (
	"context"
	"encoding/base64"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"sokbo/feed/clean/cleantest"
)

// TestMain lets the test binary stand in for notify-send: run under the
// name notify-send with SOKBO_STUB set, it does what the test asks
// instead of running tests.
func TestMain(m *testing.M) {
	switch os.Getenv("SOKBO_STUB") {
	case "":
		os.Exit(m.Run())
	case "record":
		// The arguments, NUL-separated, exactly as received.
		data := strings.Join(os.Args[1:], "\x00")
		if err := os.WriteFile(os.Getenv("SOKBO_STUB_OUT"), []byte(data), 0o600); err != nil {
			os.Exit(3)
		}
		os.Exit(0)
	case "fail":
		os.Stderr.WriteString("GDBus.Error: \x1b]0;pwned\a\x1b[2Jno notification daemon\nsecond line\n")
		os.Exit(1)
	case "hang":
		// Hang until killed. (This is the stub's process, not the test's:
		// the test waits for Send's deadline, not for this.)
		time.Sleep(time.Hour)
	}
	os.Exit(4)
}

// stubNotifySend puts the test binary on PATH as notify-send, acting as
// mode says, and returns the file a "record" run writes its arguments to.
func stubNotifySend(t *testing.T, mode string) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(self, filepath.Join(dir, "notify-send")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "argv")
	t.Setenv("PATH", dir)
	t.Setenv("SOKBO_STUB", mode)
	t.Setenv("SOKBO_STUB_OUT", out)
	return out
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestNotifySendArgv(t *testing.T) {
	out := stubNotifySend(t, "record")
	n, err := FindNotifySend(env(map[string]string{"DISPLAY": ":0"}))
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(n.Path) {
		t.Errorf("path %q is not absolute", n.Path)
	}
	// A hostile item: a title that looks like an option, shell
	// metacharacters, markup and escape sequences.
	m := NewMessage("--help; rm -rf ~", "[속보] $(reboot) `id` <a href=\"x\">가람시</a> & \x1b]52;c;ZXZpbA==\a정전 \\033[2J\\n", "id'; rm -rf ~ #")
	if err := n.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(string(data), "\x00")
	if len(got) != 4 || !slices.Equal(got[:3], []string{"--app-name=sokbo", "--", "--help; rm -rf ~"}) {
		t.Fatalf("argv %q", got)
	}
	// What the daemon receives is the body after notify-send's
	// g_strcompress: it must be the headline and the command as text,
	// markup escaped, with no control character but the one newline.
	want := "[속보] $(reboot) `id` &lt;a href=\"x\"&gt;가람시&lt;/a&gt; &amp; 정전 \\033[2J\\n\nsokbo read 'id'\\''; rm -rf ~ #'"
	if body := gStrcompress(got[3]); body != want {
		t.Errorf("body as shown\n%q\nwant\n%q", body, want)
	}
}

// gStrcompress is GLib's g_strcompress, which notify-send applies to the
// body: C escapes become the bytes they stand for.
func gStrcompress(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; {
		case c >= '0' && c <= '7':
			v, n := 0, 0
			for n < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7' {
				v = v*8 + int(s[i]-'0')
				i++
				n++
			}
			i--
			b.WriteByte(byte(v))
		case strings.IndexByte("bfnrtv", c) >= 0:
			b.WriteByte("\b\f\n\r\t\v"[strings.IndexByte("bfnrtv", c)])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func TestNotifySendErrors(t *testing.T) {
	t.Run("failure names the cause, cleaned", func(t *testing.T) {
		stubNotifySend(t, "fail")
		n, err := FindNotifySend(env(map[string]string{"WAYLAND_DISPLAY": "wayland-0"}))
		if err != nil {
			t.Fatal(err)
		}
		err = n.Send(context.Background(), NewMessage("가람일보", "가람시 정전", "1"))
		want := "notify-send: exit status 1: GDBus.Error: no notification daemon"
		if err == nil || err.Error() != want {
			t.Errorf("error %q, want %q", err, want)
		}
	})
	t.Run("a hung program is killed at the deadline", func(t *testing.T) {
		stubNotifySend(t, "hang")
		n, err := FindNotifySend(env(map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}))
		if err != nil {
			t.Fatal(err)
		}
		n.Timeout = 50 * time.Millisecond // a deadline, not a sleep: Send returns when it passes
		err = n.Send(context.Background(), NewMessage("가람일보", "가람시 정전", "1"))
		if err == nil || err.Error() != "notify-send: no answer within 50ms" {
			t.Errorf("error %v", err)
		}
	})
	t.Run("no desktop", func(t *testing.T) {
		stubNotifySend(t, "record")
		if _, err := FindNotifySend(env(nil)); !errors.Is(err, ErrNoDesktop) {
			t.Errorf("error %v, want ErrNoDesktop", err)
		}
	})
	t.Run("not on PATH", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		if _, err := FindNotifySend(env(map[string]string{"DISPLAY": ":0"})); !errors.Is(err, exec.ErrNotFound) {
			t.Errorf("error %v, want exec.ErrNotFound", err)
		}
	})
	t.Run("relative PATH entry refused", func(t *testing.T) {
		dir := t.TempDir()
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(self, filepath.Join(dir, "notify-send")); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		t.Setenv("PATH", ".")
		if _, err := FindNotifySend(env(map[string]string{"DISPLAY": ":0"})); err == nil {
			t.Error("found notify-send through PATH=.")
		}
	})
}

func TestNewMessage(t *testing.T) {
	tests := map[string]struct {
		outlet, headline, key string
		want                  Message
	}{
		"plain": {"가람일보", "[속보] 가람시 정전", "42",
			Message{"가람일보", "[속보] 가람시 정전", "sokbo read 42"}},
		"url key bare": {"가람일보", "가람시 정전", "https://garam.example/a/1?x=1",
			Message{"가람일보", "가람시 정전", "sokbo read 'https://garam.example/a/1?x=1'"}},
		"controls removed": {"가람\x1b[31m일보", "가람시\x07 정전\n\t속보\u202e", "a\x1bb",
			Message{"가람일보", "가람시 정전 속보", "sokbo read a"}}, // ESC b is a sequence
		"no key": {"", "가람시 정전", "", Message{"", "가람시 정전", ""}},
		"long key dropped": {"가람일보", "가람시 정전", strings.Repeat("k", 200),
			Message{"가람일보", "가람시 정전", ""}},
		"long headline cut": {"가람일보", strings.Repeat("가", 200), "1",
			Message{"가람일보", strings.Repeat("가", 133) + "…", "sokbo read 1"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := NewMessage(tc.outlet, tc.headline, tc.key); got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDetectTerminal(t *testing.T) {
	tests := map[string]struct {
		env  map[string]string
		want Terminal
	}{
		"kitty":             {map[string]string{"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"}, Terminal{Protocol: OSC99}},
		"kitty in tmux":     {map[string]string{"TERM": "tmux-256color", "TERM_PROGRAM": "tmux", "TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "3"}, Terminal{Protocol: OSC99, Tmux: true}},
		"iterm2":            {map[string]string{"TERM_PROGRAM": "iTerm.app", "TERM": "xterm-256color"}, Terminal{Protocol: OSC9}},
		"iterm2 over ssh":   {map[string]string{"LC_TERMINAL": "iTerm2", "TERM": "xterm-256color"}, Terminal{Protocol: OSC9}},
		"wezterm":           {map[string]string{"TERM_PROGRAM": "WezTerm"}, Terminal{Protocol: OSC777}},
		"ghostty":           {map[string]string{"TERM": "xterm-ghostty", "TERM_PROGRAM": "ghostty"}, Terminal{Protocol: OSC777}},
		"ghostty in tmux":   {map[string]string{"TMUX": "x", "TERM": "screen-256color", "GHOSTTY_RESOURCES_DIR": "/usr/share/ghostty"}, Terminal{Protocol: OSC777, Tmux: true}},
		"foot":              {map[string]string{"TERM": "foot"}, Terminal{Protocol: OSC777}},
		"urxvt":             {map[string]string{"TERM": "rxvt-unicode-256color"}, Terminal{Protocol: OSC777}},
		"vte":               {map[string]string{"TERM": "xterm-256color", "VTE_VERSION": "7600"}, Terminal{Protocol: OSC777}},
		"unknown":           {map[string]string{"TERM": "xterm-256color"}, Terminal{}},
		"linux console":     {map[string]string{"TERM": "linux"}, Terminal{}},
		"unknown in tmux":   {map[string]string{"TERM": "tmux-256color", "TMUX": "x"}, Terminal{Tmux: true}},
		"nothing":           {nil, Terminal{}},
		"apple terminal":    {map[string]string{"TERM_PROGRAM": "Apple_Terminal"}, Terminal{}},
		"kitty beats vte":   {map[string]string{"KITTY_WINDOW_ID": "1", "VTE_VERSION": "7600"}, Terminal{Protocol: OSC99}},
		"wezterm multiplex": {map[string]string{"WEZTERM_PANE": "0", "TERM": "xterm-256color"}, Terminal{Protocol: OSC777}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := DetectTerminal(env(tc.env)); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestSequence(t *testing.T) {
	m := NewMessage("가람일보", "[속보] 가람시 정전; 지하철 멈춰", "42")
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	tests := map[string]struct {
		t    Terminal
		want string
	}{
		"osc 9": {Terminal{Protocol: OSC9},
			"\x1b]9;가람일보: [속보] 가람시 정전； 지하철 멈춰 — sokbo read 42\a"},
		"osc 777": {Terminal{Protocol: OSC777},
			"\x1b]777;notify;가람일보;[속보] 가람시 정전； 지하철 멈춰 — sokbo read 42\a"},
		"osc 99": {Terminal{Protocol: OSC99},
			"\x1b]99;i=sokbo:d=0:e=1;" + b64("가람일보") + "\x1b\\" +
				"\x1b]99;i=sokbo:d=1:e=1:p=body;" + b64("[속보] 가람시 정전； 지하철 멈춰 sokbo read 42") + "\x1b\\"},
		"osc 9 in tmux": {Terminal{Protocol: OSC9, Tmux: true},
			"\x1bPtmux;\x1b\x1b]9;가람일보: [속보] 가람시 정전； 지하철 멈춰 — sokbo read 42\a\x1b\\"},
		"osc 99 in tmux": {Terminal{Protocol: OSC99, Tmux: true},
			"\x1bPtmux;" +
				"\x1b\x1b]99;i=sokbo:d=0:e=1;" + b64("가람일보") + "\x1b\x1b\\" +
				"\x1b\x1b]99;i=sokbo:d=1:e=1:p=body;" + b64("[속보] 가람시 정전； 지하철 멈춰 sokbo read 42") + "\x1b\x1b\\" +
				"\x1b\\"},
		"none": {Terminal{}, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.t.Sequence(m); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestSequenceDigitStart(t *testing.T) {
	// "4;3;50" after OSC 9 would be a progress bar in ConEmu and Windows
	// Terminal; the ';' are replaced so it stays text.
	m := NewMessage("", "4;3;50", "")
	if got, want := (Terminal{Protocol: OSC9}).Sequence(m), "\x1b]9;4；3；50\a"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseProtocol(t *testing.T) {
	for _, p := range []Protocol{OSC9, OSC777, OSC99} {
		got, auto, err := ParseProtocol(p.String())
		if err != nil || auto || got != p {
			t.Errorf("ParseProtocol(%q) = %v, %v, %v", p.String(), got, auto, err)
		}
	}
	if _, auto, err := ParseProtocol("auto"); !auto || err != nil {
		t.Errorf("auto: %v %v", auto, err)
	}
	if p, auto, err := ParseProtocol("off"); p != NoProtocol || auto || err != nil {
		t.Errorf("off: %v %v %v", p, auto, err)
	}
	if _, _, err := ParseProtocol("osc8"); err == nil {
		t.Error("osc8 accepted")
	}
}

// FuzzSequence checks that, whatever a feed puts in the outlet, headline
// or key, the only control bytes in the output are the framing of the
// protocol, for every protocol, in and out of tmux, and that
// notify-send's arguments are clean too.
func FuzzSequence(f *testing.F) {
	f.Add("가람일보", "[속보] 가람시 정전", "42")
	f.Add("\x1b]0;x\a", "\x1b[2J\x9b31m\u009d8;;x\u009c", "\x00\x1b\\")
	f.Add("a;b", "\xff\xfe\x1bP", strings.Repeat("'", 50))
	f.Add("\u202e", "\r\n\t\v\f", "$(id)")
	f.Add("-", `\033[2J\x1b\\`, `\`)
	f.Fuzz(func(t *testing.T, outlet, headline, key string) {
		m := NewMessage(outlet, headline, key)
		for _, s := range []string{m.Outlet, m.Headline, m.Command} {
			cleantest.AssertClean(t, s)
			if strings.ContainsAny(s, "\n\t") {
				t.Fatalf("not one line: %q", s)
			}
		}
		if len(m.Outlet) > maxOutlet+len("…") || len(m.Headline) > maxHeadline+len("…") {
			t.Fatalf("unbounded: %d, %d bytes", len(m.Outlet), len(m.Headline))
		}
		for _, p := range []Protocol{OSC9, OSC777, OSC99} {
			for _, tmux := range []bool{false, true} {
				seq := Terminal{Protocol: p, Tmux: tmux}.Sequence(m)
				for _, payload := range payloads(t, p, tmux, seq) {
					assertPayload(t, payload)
				}
			}
		}
		n := &NotifySend{Path: "/bin/notify-send"}
		args := n.Args(m)
		for _, a := range args {
			cleantest.AssertClean(t, a)
		}
		// The body as notify-send hands it on, after g_strcompress.
		cleantest.AssertClean(t, gStrcompress(args[len(args)-1]))
	})
}

// payloads takes a sequence apart by the framing of its protocol, failing
// t if it is not framed so, and returns the texts it carries (decoded,
// for OSC 99).
func payloads(t *testing.T, p Protocol, tmux bool, seq string) []string {
	t.Helper()
	cut := func(s, prefix, suffix string) string {
		t.Helper()
		if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, suffix) || len(s) < len(prefix)+len(suffix) {
			t.Fatalf("%q is not framed by %q … %q", s, prefix, suffix)
		}
		return s[len(prefix) : len(s)-len(suffix)]
	}
	if tmux {
		inner := cut(seq, "\x1bPtmux;", "\x1b\\")
		// Every ESC inside is doubled; undo that, and a lone ESC left is
		// an escape from the passthrough.
		var b strings.Builder
		for i := 0; i < len(inner); i++ {
			if inner[i] == 0x1b {
				if i+1 >= len(inner) || inner[i+1] != 0x1b {
					t.Fatalf("lone ESC in tmux passthrough: %q", seq)
				}
				i++
			}
			b.WriteByte(inner[i])
		}
		seq = b.String()
	}
	switch p {
	case OSC9:
		return []string{cut(seq, "\x1b]9;", "\a")}
	case OSC777:
		body := cut(seq, "\x1b]777;notify;", "\a")
		fields := strings.Split(body, ";")
		if len(fields) != 2 {
			t.Fatalf("OSC 777 with %d fields: %q", len(fields), seq)
		}
		return fields
	case OSC99:
		title, body, ok := strings.Cut(seq, "\x1b\\\x1b]99;i=sokbo:d=1:e=1:p=body;")
		if !ok {
			t.Fatalf("OSC 99 not in two parts: %q", seq)
		}
		var out []string
		for _, part := range []string{cut(title+"\x1b\\", "\x1b]99;i=sokbo:d=0:e=1;", "\x1b\\"), cut(body, "", "\x1b\\")} {
			text, err := base64.StdEncoding.DecodeString(part)
			if err != nil {
				t.Fatalf("OSC 99 payload %q: %v", part, err)
			}
			if len(part) > 4096 {
				t.Fatalf("OSC 99 payload of %d bytes", len(part))
			}
			out = append(out, part, string(text))
		}
		return out
	}
	t.Fatalf("protocol %v", p)
	return nil
}

// assertPayload fails t when a payload has a byte a terminal would act on:
// any C0 control, DEL, a C1 control, invalid UTF-8, or a ';' that would
// add a field.
func assertPayload(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8 in payload %q", s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == ';' {
			t.Fatalf("%U in payload %q", r, s)
		}
	}
	cleantest.AssertClean(t, s)
}
