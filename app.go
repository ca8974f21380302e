package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
	"sokbo/render/lang"
)

// context is the run's context, which a signal ends: every command's
// fetches, reads and waits take it, so that SIGTERM or Ctrl-C stops any
// command promptly.
func (a *app) context() context.Context {
	if a.ctx == nil {
		return context.Background()
	}
	return a.ctx
}

// app is what the commands share: the streams, the parsed command, the
// config file, and the library, which opens the offline cache on first use
// so that reading a local file never touches the database.
type app struct {
	ctx  context.Context // ends on SIGINT, SIGTERM or SIGHUP
	lang lang.Lang       // what sokbo speaks (settings.lang)
	std  *streams
	cmd  *command
	set  *settings
	lib  *library.Library
	// out is stdout for plain text: cleaned on its way, as stderr is.
	// Only sokbo's own styled output (read --format ansi) skips it.
	out io.Writer
	// warn says a warning from loading a source: on stderr, or in the
	// reader's list while it runs.
	warn func(error)
	// typed is what the user typed while the width probe read the
	// terminal's answers, for the reader to take as its first keys.
	typed string
}

func newApp(ctx context.Context, std *streams, cmd *command, set *settings) *app {
	a := &app{ctx: ctx, lang: set.lang, std: std, cmd: cmd, set: set, out: clean.Writer(std.out)}
	a.warn = func(err error) {
		if cmd.name == "read" && errors.Is(err, feed.ErrNoItems) {
			return // read's own error says the source has no items
		}
		a.say(a.lang.Warning(a.errLine(err)))
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

// say writes one line of sokbo's own on stderr: "sokbo: msg".
func (a *app) say(msg string) { fmt.Fprintf(a.std.err, "sokbo: %s\n", msg) }

// fail says err on stderr, as errLine words it.
func (a *app) fail(err error) { a.say(a.errLine(err)) }

// errLine is err as one line in the chosen language: the source it
// names, if any, then its cause (library.Describe).
func (a *app) errLine(err error) string {
	source, cause := a.describe(err)
	if source == "" {
		return cause
	}
	return source + ": " + cause
}

// describe is library.Describe, with the cache's file and what to do
// for a damaged cache, whose error from SQLite names neither.
func (a *app) describe(err error) (source, cause string) {
	return a.lib.DescribeCache(a.lang, err)
}

// report says each problem on one line of stderr, and whether every source
// is in what was shown (a feed that fell back to its cached items is).
func (a *app) report(problems []library.Problem) (complete bool) {
	l := a.lang
	complete = true
	var subscribed map[string]bool // read once, for a feed not fetched in time
	for _, p := range problems {
		switch {
		case p.Busy:
			a.say(l.BusyNotCached(p.Source))
		case errors.As(p.Err, new(*refresh.LookingError)) && p.Missing():
			// A page: its feed was being looked for, a few paths a
			// couple of seconds apart, when the wait ran out.
			a.say(l.StillLooking(p.Source, a.set.wait.String()))
		case errors.Is(p.Err, refresh.ErrDeadline) && p.Missing():
			if subscribed == nil {
				subscribed = a.subscribed()
			}
			a.say(l.NotFetchedWithin(p.Source, a.set.wait.String(), subscribed[p.Source]))
		case errors.Is(p.Err, refresh.ErrDeadline):
			a.say(l.NotFetchedShowing(p.Source, a.set.wait.String(), p.Cached, ago(l, time.Now(), p.SavedAt)))
		case p.NotCached && p.Stored.LastError != "":
			a.say(l.NotCachedFailed(p.Source, clean.OneLine(library.StoredCause(l, p.Stored))))
		case p.NotCached:
			a.say(l.NotCached(p.Source))
		case p.Source == "":
			a.fail(p.Err)
		case p.Missing():
			line := a.problemLine(p)
			if p.Offline {
				// On the command line, what to run instead.
				line += l.ReadFileInstead()
			}
			a.say(line)
		default:
			// "offline" only when the server was not reached: a 404 is
			// the feed's own trouble.
			a.say(l.ShowingCached(a.problemLine(p), p.Cached, p.Offline, ago(l, time.Now(), p.SavedAt)))
		}
		if p.Missing() {
			complete = false
		}
	}
	return complete
}

// subscribed is the URLs subscribed to; none when the cache cannot say.
func (a *app) subscribed() map[string]bool {
	m := map[string]bool{}
	subs, err := a.lib.Subscriptions(a.context())
	if err != nil {
		return m
	}
	for _, s := range subs {
		m[s.URL] = true
	}
	return m
}

// problemLine is a problem's error as one line that names its source.
func (a *app) problemLine(p library.Problem) string {
	source, cause := a.describe(p.Err)
	if source == "" {
		source = p.Source
	}
	return source + ": " + cause
}

// ago says how long ago t was, for the command line.
func ago(l lang.Lang, now, t time.Time) string {
	if t.IsZero() {
		return l.Never()
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return l.JustNow()
	case d < time.Hour:
		return l.MinutesAgo(int(d / time.Minute))
	case d < 48*time.Hour:
		return l.HoursAgo(int(d / time.Hour))
	}
	return l.DaysAgo(int(d / (24 * time.Hour)))
}
