package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
)

// app is what the commands share: the streams, the parsed command, the
// config file, and the library, which opens the offline cache on first use
// so that reading a local file never touches the database.
type app struct {
	ctx context.Context // ends on SIGINT, SIGTERM or SIGHUP
	std *streams
	cmd *command
	set *settings
	lib *library.Library
	// out is stdout for plain text: cleaned on its way, as stderr is.
	// Only sokbo's own styled output (read --format ansi) skips it.
	out io.Writer
	// warn says a warning from loading a source: on stderr, or in the
	// reader's list while it runs.
	warn func(error)
}

func newApp(ctx context.Context, std *streams, cmd *command, set *settings) *app {
	a := &app{ctx: ctx, std: std, cmd: cmd, set: set, out: clean.Writer(std.out)}
	a.warn = func(err error) {
		if cmd.name == "read" && errors.Is(err, feed.ErrNoItems) {
			return // read's own error says the source has no items
		}
		fmt.Fprintf(std.err, "sokbo: warning: %v\n", err)
	}
	opts := library.Options{
		StorePath: set.dbPath,
		Feeds:     set.feeds,
		Interval:  set.refresh,
		Offline:   set.offline,
		UserAgent: "sokbo/" + version,
		Timeout:   set.timeout,
		MaxBody:   set.maxBody,
		Wait:      set.wait,
		Retention: store.Retention{Keep: set.keep, MaxItems: set.maxItems},
		Rules:     set.rules,
		Warn:      func(err error) { a.warn(err) },
		Views:     set.views,
		Mute:      set.mutes,
	}
	// What this command asks of the refresh and the lists.
	opts.RefreshAll, opts.NoGroup, opts.Alerts = cmd.fetchAll, cmd.noGroup || !set.group, set.alerts
	a.lib = library.New(opts)
	return a
}

func (a *app) close() { a.lib.Close() }

// report says each problem on one line of stderr, and whether every source
// is in what was shown (a feed that fell back to its cached items is).
func (a *app) report(problems []library.Problem) (complete bool) {
	complete = true
	for _, p := range problems {
		switch {
		case errors.Is(p.Err, refresh.ErrDeadline) && p.Missing():
			fmt.Fprintf(a.std.err, "sokbo: %s: not fetched within %s; `sokbo refresh` waits for it\n", p.Source, a.set.wait)
		case errors.Is(p.Err, refresh.ErrDeadline):
			fmt.Fprintf(a.std.err, "sokbo: %s: not fetched within %s; showing %d cached %s (saved %s)\n",
				p.Source, a.set.wait, p.Cached, plural(p.Cached, "item", "items"), ago(time.Now(), p.SavedAt))
		case p.NotCached:
			fmt.Fprintf(a.std.err, "sokbo: %s: not in the offline cache; run without --offline to fetch it\n", p.Source)
		case p.Source == "":
			fmt.Fprintf(a.std.err, "sokbo: %v\n", p.Err)
		case p.Missing():
			fmt.Fprintf(a.std.err, "sokbo: %s\n", oneLineError(p.Err, p.Source))
		default:
			// "offline" only when the server was not reached: a 404 is
			// the feed's own trouble.
			state := "saved"
			if p.Offline {
				state = "offline, saved"
			}
			fmt.Fprintf(a.std.err, "sokbo: %s; showing %d cached %s (%s %s)\n",
				strings.TrimSuffix(oneLineError(p.Err, p.Source), feed.OfflineHint), p.Cached, plural(p.Cached, "item", "items"), state, ago(time.Now(), p.SavedAt))
		}
		if p.Missing() {
			complete = false
		}
	}
	return complete
}

// oneLineError is an error as one line that names its source.
func oneLineError(err error, source string) string {
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	var se *feed.SourceError
	if errors.As(err, &se) {
		return msg
	}
	if strings.HasPrefix(msg, source) {
		return msg
	}
	return source + ": " + msg
}

// ago says how long ago t was, in English, for the command line.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d/time.Hour))
	}
	return fmt.Sprintf("%dd ago", int(d/(24*time.Hour)))
}
