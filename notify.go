package main

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"

	"golang.org/x/sys/unix"

	"sokbo/feed/alert"
)

// notifier sends the notification of an alert: an OSC sequence to the
// terminal, or notify-send on a desktop, and the bell if asked. A
// notification is never written into a pipe: with stdout piped, OSC and
// BEL go to the controlling terminal (/dev/tty), or nowhere when there is
// none (cron, a service), so the data on stdout stays data.
type notifier struct {
	term    alert.Terminal
	tty     io.Writer         // where OSC and BEL go; nil: no terminal
	desktop *alert.NotifySend // nil: none
	bell    bool              // ring the bell with each notification
	warn    func(error)       // said once per kind of failure
	warned  map[string]bool
	mu      sync.Mutex
	closeFn func() error
}

// newNotifier chooses how to notify from the settings and the
// environment. With notify = "auto" the terminal's protocol is used when
// the terminal is known to show notifications, notify-send otherwise; a
// protocol named in the config is used as named; "off" sends none (the
// bell still rings with --bell).
// openTTY opens the controlling terminal, or fails when there is none.
func newNotifier(std *streams, set *settings, bell bool, openTTY func() (io.WriteCloser, error), warn func(error)) *notifier {
	n := &notifier{bell: bell, warn: warn, warned: map[string]bool{}}
	n.term, n.desktop = notifyTargets(std.env, &set.alertSettings)
	if n.term.Protocol != alert.NoProtocol || bell {
		// Sequences for the terminal go to stdout when it is the
		// terminal, else to the controlling terminal, else nowhere.
		switch {
		case std.outTTY:
			n.tty = std.out
		case openTTY != nil:
			if f, err := openTTY(); err == nil {
				n.tty, n.closeFn = f, f.Close
			}
		}
	}
	return n
}

// notifyTargets chooses how alerts are shown, from the settings and the
// environment: the terminal's protocol (none with NoProtocol), and
// notify-send where the terminal shows none and a desktop exists (nil
// otherwise). The reader and watch choose alike.
func notifyTargets(getenv func(string) string, set *alertSettings) (alert.Terminal, *alert.NotifySend) {
	switch {
	case set.notifyOff:
		return alert.Terminal{}, nil
	case set.notifyAuto:
		t := alert.DetectTerminal(getenv)
		if t.Protocol == alert.NoProtocol {
			if ns, err := alert.FindNotifySend(getenv); err == nil {
				return t, ns
			}
		}
		return t, nil
	}
	return alert.Terminal{Protocol: set.notify, Tmux: getenv("TMUX") != ""}, nil
}

// controllingTTY opens /dev/tty for writing, without making it the
// process's controlling terminal.
func controllingTTY() (io.WriteCloser, error) {
	return os.OpenFile("/dev/tty", os.O_WRONLY|unix.O_NOCTTY, 0)
}

// active reports whether any notification can be sent.
func (n *notifier) active() bool {
	return n != nil && ((n.tty != nil && (n.term.Protocol != alert.NoProtocol || n.bell)) || n.desktop != nil)
}

// Notify sends m every way it can. Failures are said once each, not once
// per alert.
func (n *notifier) Notify(ctx context.Context, m alert.Message) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.tty != nil {
		seq := n.term.Sequence(m)
		if n.bell {
			seq += "\a"
		}
		if seq != "" {
			if _, err := io.WriteString(n.tty, seq); err != nil {
				n.once("tty", err)
			}
		}
	}
	if n.desktop != nil {
		if err := n.desktop.Send(ctx, m); err != nil && !errors.Is(err, context.Canceled) {
			n.once("notify-send", err)
		}
	}
}

func (n *notifier) once(kind string, err error) {
	if n.warned[kind] || n.warn == nil {
		return
	}
	n.warned[kind] = true
	n.warn(err)
}

func (n *notifier) close() {
	if n != nil && n.closeFn != nil {
		n.closeFn()
	}
}
