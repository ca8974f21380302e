package alert

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"sokbo/feed/clean"
)

// Bounds of a notification's parts, in bytes. A headline is rarely more
// than 150 bytes; the bounds keep a hostile one from filling the screen
// or passing kitty's 2048-byte payload limit, and tmux's passthrough.
const (
	maxOutlet   = 80
	maxHeadline = 400
	maxKey      = 120
)

// Message is the text of one notification: the outlet, the headline and
// the command that opens the item. Make it with NewMessage, which cleans
// and bounds every part; the zero value is an empty notification.
type Message struct {
	Outlet   string // one line, at most maxOutlet bytes
	Headline string // one line, at most maxHeadline bytes
	Command  string // "sokbo read KEY", KEY quoted for a shell; "" if none
}

// NewMessage builds the notification for an item. Every part is feed text
// and is sanitised (clean.OneLine: no control or escape sequence, one
// line) and cut to a bound at a character boundary. The item's key is
// quoted for a POSIX shell in the command, so that pasting it runs
// `sokbo read` and nothing else; a key too long to quote within the
// bound gives no command.
func NewMessage(outlet, headline, key string) Message {
	m := Message{
		Outlet:   clean.CutBytes(clean.OneLine(outlet), maxOutlet),
		Headline: clean.CutBytes(clean.OneLine(headline), maxHeadline),
	}
	if k := clean.OneLine(key); k != "" && len(k) <= maxKey {
		m.Command = "sokbo read " + shellQuote(k)
	}
	return m
}

// Title is the notification's title: the outlet, or "sokbo" without one.
func (m Message) Title() string {
	if m.Outlet == "" {
		return "sokbo"
	}
	return m.Outlet
}

// Text is the notification on one line, for protocols with one field:
// the outlet, the headline and the command.
func (m Message) Text() string {
	var b strings.Builder
	if m.Outlet != "" {
		b.WriteString(m.Outlet)
		b.WriteString(": ")
	}
	b.WriteString(m.Headline)
	if m.Command != "" {
		b.WriteString(" — ")
		b.WriteString(m.Command)
	}
	return b.String()
}

// Body is the notification's body, the headline then the command, one
// per line, for protocols with a title.
func (m Message) Body() string {
	if m.Command == "" {
		return m.Headline
	}
	return m.Headline + "\n" + m.Command
}

// shellQuote quotes s for a POSIX shell, leaving it bare when it has only
// characters no shell treats specially.
func shellQuote(s string) string {
	plain := s != ""
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("-_.,:/@%+=", c) >= 0
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Protocol is an escape sequence that asks the terminal to show a desktop
// notification.
type Protocol int

// The notification protocols.
const (
	// NoProtocol: the terminal is not known to show notifications.
	NoProtocol Protocol = iota
	// OSC9 is iTerm2's ESC ] 9 ; text BEL, one field.
	OSC9
	// OSC777 is ESC ] 777 ; notify ; title ; body BEL, from urxvt, with
	// a title: foot, WezTerm, Ghostty, and VTE where patched.
	OSC777
	// OSC99 is kitty's ESC ] 99 ; metadata ; payload ST, with a title and
	// base64 payloads.
	OSC99
)

// String returns the protocol's config name: "osc9", "osc777", "osc99"
// or "off".
func (p Protocol) String() string {
	switch p {
	case OSC9:
		return "osc9"
	case OSC777:
		return "osc777"
	case OSC99:
		return "osc99"
	}
	return "off"
}

// ParseProtocol reads a protocol by its config name; "auto" (or "")
// reports auto, for DetectTerminal to choose.
func ParseProtocol(s string) (p Protocol, auto bool, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return NoProtocol, true, nil
	case "osc9":
		return OSC9, false, nil
	case "osc777":
		return OSC777, false, nil
	case "osc99":
		return OSC99, false, nil
	case "off", "none":
		return NoProtocol, false, nil
	}
	return NoProtocol, false, fmt.Errorf(`want "auto", "osc9", "osc777", "osc99" or "off"`)
}

// Terminal is how to put a notification on the user's terminal: the
// protocol, and whether it must pass through tmux.
type Terminal struct {
	Protocol Protocol
	// Tmux wraps the sequence in tmux's passthrough (DCS tmux; … ST), which
	// reaches the outer terminal when tmux has allow-passthrough on
	// (tmux 3.3 and later; off by default).
	Tmux bool
}

// DetectTerminal chooses the protocol from the environment (getenv is
// os.Getenv outside tests). Inside tmux, TERM and TERM_PROGRAM name tmux,
// so it looks at what the outer terminal leaves in the environment of the
// tmux server (KITTY_WINDOW_ID, LC_TERMINAL, WEZTERM_PANE, …); a client
// attached later from another terminal is not seen, which is what a
// config override is for. A terminal not known to show notifications gets
// NoProtocol: an unknown OSC is not printed by any terminal this knows of,
// but sending nothing is the safe guess.
func DetectTerminal(getenv func(string) string) Terminal {
	t := Terminal{Tmux: getenv("TMUX") != ""}
	term := getenv("TERM")
	prog := getenv("TERM_PROGRAM")
	switch {
	case getenv("KITTY_WINDOW_ID") != "" || term == "xterm-kitty":
		t.Protocol = OSC99
	case prog == "iTerm.app" || getenv("LC_TERMINAL") == "iTerm2" || getenv("ITERM_SESSION_ID") != "":
		t.Protocol = OSC9
	case prog == "WezTerm" || getenv("WEZTERM_PANE") != "":
		t.Protocol = OSC777
	case prog == "ghostty" || term == "xterm-ghostty" || getenv("GHOSTTY_RESOURCES_DIR") != "":
		t.Protocol = OSC777
	case strings.HasPrefix(term, "foot"):
		t.Protocol = OSC777
	case strings.HasPrefix(term, "rxvt-unicode"):
		t.Protocol = OSC777 // shown by the notify extension; ignored without it
	case getenv("VTE_VERSION") != "":
		t.Protocol = OSC777 // shown where VTE is patched (Fedora); ignored elsewhere
	}
	return t
}

// Sequence returns the escape sequence that shows m on t, or "" for
// NoProtocol. Its only control bytes are its own framing: the text is
// cleaned by NewMessage, and a ';', which would split a field or start an
// OSC 9 subcommand (ConEmu, Windows Terminal: 9;4 is progress), becomes
// the full-width '；'.
func (t Terminal) Sequence(m Message) string {
	var seq string
	switch t.Protocol {
	case OSC9:
		seq = "\x1b]9;" + field(m.Text()) + "\a"
	case OSC777:
		body := m.Headline
		if m.Command != "" {
			body += " — " + m.Command
		}
		seq = "\x1b]777;notify;" + field(m.Title()) + ";" + field(body) + "\a"
	case OSC99:
		// Base64 payloads (e=1) carry any text; the title goes first and
		// waits (d=0) for the body, under one identifier.
		enc := base64.StdEncoding.EncodeToString
		seq = "\x1b]99;i=sokbo:d=0:e=1;" + enc([]byte(field(m.Title()))) + "\x1b\\" +
			"\x1b]99;i=sokbo:d=1:e=1:p=body;" + enc([]byte(field(m.Body()))) + "\x1b\\"
	default:
		return ""
	}
	if t.Tmux {
		return TmuxPassthrough(seq)
	}
	return seq
}

// field makes text safe inside one OSC field. NewMessage has removed every
// control and escape sequence already; a newline (in a body) becomes a
// space, and ';' the full-width '；'.
func field(s string) string {
	return strings.NewReplacer("\n", " ", "\t", " ", ";", "；").Replace(clean.OneLine(s))
}

// TmuxPassthrough wraps seq for tmux: DCS "tmux;", seq with every ESC
// doubled, ST. tmux hands what it wraps to the terminal it runs in when
// allow-passthrough is on (tmux 3.3 and later; off by default), and drops
// it otherwise.
func TmuxPassthrough(seq string) string {
	return "\x1bPtmux;" + strings.ReplaceAll(seq, "\x1b", "\x1b\x1b") + "\x1b\\"
}

// DefaultNotifyTimeout is how long notify-send may take. It talks to the
// notification daemon over D-Bus; a missing daemon can make it wait for
// D-Bus activation, which must not hold up the reader.
const DefaultNotifyTimeout = 5 * time.Second

// ErrNoDesktop is returned by FindNotifySend when there is no desktop
// session to notify: no DISPLAY, WAYLAND_DISPLAY or D-Bus session bus.
var ErrNoDesktop = errors.New("no desktop session")

// NotifySend sends desktop notifications with the notify-send program. It
// runs the program directly with an argument list, never through a
// shell, so no text of a feed is ever parsed as a command. Make it with
// FindNotifySend.
type NotifySend struct {
	// Path is the program, an absolute path found on PATH.
	Path string
	// Timeout bounds one run; 0 means DefaultNotifyTimeout.
	Timeout time.Duration
}

// FindNotifySend looks for notify-send on PATH when the environment
// (getenv) has a desktop session. The error says which is missing: it
// wraps ErrNoDesktop, or exec.ErrNotFound.
func FindNotifySend(getenv func(string) string) (*NotifySend, error) {
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" && getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return nil, &ProgramError{Program: "notify-send", Err: ErrNoDesktop}
	}
	// LookPath refuses a notify-send found through a relative PATH entry
	// such as ".", which would run whatever the current directory holds.
	path, err := exec.LookPath("notify-send")
	if err != nil {
		return nil, &ProgramError{Program: "notify-send", Err: exec.ErrNotFound}
	}
	return &NotifySend{Path: path}, nil
}

// Args returns the arguments Send passes to notify-send for m: options,
// then "--" so that a title starting with '-' stays a title, then the
// title and the body. notify-send reads C escapes in the body (\n, \033:
// it calls g_strcompress), so the body's backslashes are doubled; and
// notification daemons read markup in it (<b>, <a href>, <img>), so that
// is escaped too. A headline is shown as the text it is and can add no
// link, image or control character.
func (n *NotifySend) Args(m Message) []string {
	return []string{"--app-name=sokbo", "--", m.Title(), bodyText.Replace(m.Body())}
}

// bodyText escapes a notify-send body: backslashes for g_strcompress, then
// the markup of the Desktop Notifications body.
var bodyText = strings.NewReplacer(`\`, `\\`, "&", "&amp;", "<", "&lt;", ">", "&gt;")

// Send runs notify-send for m and waits for it, for at most the timeout
// (or ctx's deadline, if sooner); the program is killed when time is up.
// A failure is one line naming notify-send and the cause, with the
// program's own first line of error output, cleaned.
func (n *NotifySend) Send(ctx context.Context, m Message) error {
	timeout := n.Timeout
	if timeout <= 0 {
		timeout = DefaultNotifyTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, n.Path, n.Args(m)...)
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	// Should the program leave a child holding stderr open, Wait would
	// wait for it; WaitDelay bounds that too.
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return &ProgramError{Program: "notify-send", Err: context.DeadlineExceeded, Timeout: timeout}
	}
	return &ProgramError{Program: "notify-send", Err: err, Stderr: firstLine(stderr.String())}
}

// ProgramError is a program sokbo runs that failed: missing (Err is
// exec.ErrNotFound), with no desktop to talk to (ErrNoDesktop), out of
// time (context.DeadlineExceeded, after Timeout) or ended in error, with
// the first line of what it said on stderr.
type ProgramError struct {
	Program string
	Err     error
	Timeout time.Duration
	Stderr  string // cleaned
}

func (e *ProgramError) Error() string {
	switch {
	case errors.Is(e.Err, context.DeadlineExceeded):
		return fmt.Sprintf("%s: no answer within %s", e.Program, e.Timeout)
	case e.Stderr != "":
		return fmt.Sprintf("%s: %s: %s", e.Program, firstLine(e.Err.Error()), e.Stderr)
	}
	return fmt.Sprintf("%s: %s", e.Program, firstLine(e.Err.Error()))
}

// Unwrap returns the cause.
func (e *ProgramError) Unwrap() error { return e.Err }

// firstLine is the first line of s, cleaned, cut to a readable length.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return clean.CutBytes(clean.OneLine(s), 200)
}

// limitedBuffer keeps the first 1 KiB written to it and drops the rest,
// so a program that floods stderr costs no memory.
type limitedBuffer struct{ b bytes.Buffer }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 1024 - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string { return l.b.String() }
