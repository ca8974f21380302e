package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/feed/opml"
	"sokbo/feed/refresh"
	"sokbo/render"
	"sokbo/render/lang"
)

// refreshAll is `sokbo refresh`: every subscription, one line per feed,
// in the order of the subscriptions.
func (c *command) refreshAll(a *app) int {
	if a.set.offline {
		a.say(a.lang.RefreshCmdOffline())
		return 2
	}
	ctx := a.context()
	subs, err := a.lib.Subscriptions(ctx)
	if err != nil {
		a.fail(err)
		return 1
	}
	results, err := a.lib.Refresh(ctx, subs, nil)
	if err != nil {
		a.fail(err)
		return 1
	}
	// Feeds that share a name are told apart by where they are.
	names, urls := make([]string, len(results)), make([]string, len(results))
	for i, r := range results {
		names[i], urls[i] = r.Name, r.URL
	}
	names = library.DistinctNames(names, urls)
	ok := false
	for i, r := range results {
		r.Name = names[i]
		w := a.out
		if r.Err != nil {
			w = a.std.err
		} else {
			ok = true
		}
		fmt.Fprintf(w, "%s\n", a.refreshLine(r))
	}
	a.fetchFullTexts(subs)
	if !ok {
		return 1
	}
	return 0
}

// feeds is `sokbo feeds ls|add|rm|rename` (feeds_add.go: add, rename).
func (c *command) feeds(a *app) int {
	ctx := a.context()
	switch c.sub {
	case "add":
		return c.addFeed(ctx, a)
	case "rename":
		return c.renameFeed(ctx, a)
	case "rm":
		return c.removeFeed(ctx, a)
	}
	return c.listFeeds(ctx, a)
}

func (c *command) removeFeed(ctx context.Context, a *app) int {
	key := c.args[0]
	f, starred, err := a.lib.Unsubscribe(ctx, key)
	switch {
	case errors.Is(err, library.ErrInConfig):
		a.say(a.lang.InConfigRemove("feeds rm", clean.Name(key), clean.Name(a.set.configPath)))
		return 1
	case errors.Is(err, library.ErrNoFeed):
		a.say(a.lang.NoFeedNamed("feeds rm", key))
		return 1
	case err != nil:
		a.say("feeds rm: " + a.errLine(err))
		return 1
	}
	fmt.Fprintln(a.out, a.lang.Removed(f.URL, f.Items, starred))
	return 0
}

// listFeeds prints the subscriptions: name, URL, items, unread, last
// fetch and status. On a terminal the columns are aligned by display
// width and fit its width (render.Columns); piped, they are separated by
// tabs.
func (c *command) listFeeds(ctx context.Context, a *app) int {
	status, err := a.lib.Status(ctx)
	if err != nil {
		a.fail(err)
		return 1
	}
	now := time.Now()
	rows := [][]string{}
	// With mute rules, MUTED counts what they hide, and ITEMS and UNREAD
	// count the rest.
	muting := len(a.set.mutes) > 0
	if a.std.outTTY {
		rows = append(rows, a.lang.FeedsHeader(muting))
	}
	for _, s := range status {
		items, unread, size, fetched, state := "0", "0", "0 B", a.lang.Never(), a.lang.NotFetchedYet()
		if s.Known {
			info := s.Info
			items, unread = strconv.Itoa(info.Items), strconv.Itoa(info.Unread)
			size = byteSize(s.Size.Bytes)
			fetched = ago(a.lang, now, info.LastFetch)
			switch {
			case info.LastError != "":
				state = a.lang.StatusError(a.storedError(info))
			case !info.LastSuccess.IsZero():
				state = a.lang.StatusOK()
			}
			if info.RetryAt.After(now) {
				state += a.lang.RetryAt(string(render.AppendStamp(nil, info.RetryAt, now, time.Local)))
			}
		}
		if !a.std.outTTY {
			// Piped, SIZE and FETCHED are what a script reads: bytes,
			// and the time of the last fetch (RFC 3339, "" for none),
			// not "1.2 MB" and "5분 전", which change with the language
			// and with the minute.
			size, fetched = "0", ""
			if s.Known {
				size = strconv.FormatInt(s.Size.Bytes, 10)
				if t := s.Info.LastFetch; !t.IsZero() {
					fetched = t.Local().Format(time.RFC3339)
				}
			}
		}
		row := []string{s.Name(), clean.URL(s.URL), items, unread, size, fetched, state}
		switch {
		case !a.std.outTTY:
			// Piped, the fields stay where scripts read them: MUTED
			// last, 0 without mute rules.
			row = append(row, strconv.Itoa(s.Muted))
		case muting:
			row = slices.Insert(row, 4, strconv.Itoa(s.Muted))
		}
		rows = append(rows, row)
	}
	if dups, err := a.lib.Duplicates(ctx); err == nil {
		for _, d := range dups {
			a.say(a.lang.Spellings(d))
		}
	}
	if !a.std.outTTY {
		for _, r := range rows {
			fmt.Fprintln(a.out, strings.Join(r, "\t"))
		}
		return 0
	}
	// Fitted to the terminal: a name is cut first, and a terminal too
	// narrow for the columns gets a block per feed, nothing cut.
	width := a.std.width
	if width <= 0 {
		width = 1 << 20
	}
	for _, l := range render.Columns(rows, width, 0, 12) {
		fmt.Fprintln(a.out, l)
	}
	return 0
}

// importOPML is `sokbo import FILE.opml`.
func (c *command) importOPML(a *app) int {
	path := c.args[0]
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		a.say(a.lang.FolderNotOPML(path))
		return 1
	}
	// A FIFO or a device is refused before it is opened: reading one
	// could block past any signal.
	f, err := feed.OpenRegular(path)
	if err != nil {
		a.say(path + ": " + library.Cause(a.lang, err))
		return 1
	}
	defer f.Close()
	subs, err := opml.Read(f)
	var warn *opml.Warnings
	if errors.As(err, &warn) {
		a.opmlWarnings(path, warn)
	} else if err != nil {
		a.say(path + ": " + library.Cause(a.lang, err))
		return 1
	} else {
		warn = &opml.Warnings{}
	}
	refused, skipped := warn.Refused, warn.Skipped
	if len(subs) == 0 && len(refused) == 0 && len(skipped) == 0 {
		// Well-formed, and nothing to import: say so rather than
		// "imported 0 feeds", which reads as if something had worked.
		a.say(path + ": " + a.lang.OPMLNoFeeds())
		return 1
	}
	conflicts, err := a.lib.NameConflicts(a.context(), subs)
	if err != nil {
		a.say(path + ": " + library.Cause(a.lang, err))
		return 1
	}
	added, renamed, err := a.lib.Import(a.context(), subs)
	if err != nil {
		a.say(path + ": " + library.Cause(a.lang, err))
		return 1
	}
	fmt.Fprintln(a.out, a.lang.Imported(len(subs), path, added, len(refused), len(skipped), len(conflicts), len(renamed)))
	for _, k := range conflicts {
		fmt.Fprintln(a.out, a.lang.KeptName(k.Kept, k.URL, path, k.Offered))
	}
	for _, r := range renamed {
		fmt.Fprintln(a.out, a.lang.GaveName(r.Name, r.URL, path, r.Offered, r.Taken))
	}
	if len(subs) == 0 {
		return 1
	}
	return 0
}

// opmlWarnings says what Read said of the OPML file at path: its charset,
// and each entry refused or skipped, a line each, as many as a folder's
// files are said one by one (feed.MaxSkipWarnings); the rest are counted
// on one last line, so that a file of a million bad outlines is not a
// million lines.
func (a *app) opmlWarnings(path string, w *opml.Warnings) {
	if w.Charset != nil {
		a.say(path + ": " + library.Cause(a.lang, w.Charset))
	}
	said := 0
	for _, r := range w.Refused {
		if said++; said <= feed.MaxSkipWarnings {
			a.say(path + ": " + a.refusedLine(r))
		}
	}
	for _, s := range w.Skipped {
		if said++; said <= feed.MaxSkipWarnings {
			a.say(path + ": " + a.skippedLine(s))
		}
	}
	if more := said - feed.MaxSkipWarnings; more > 0 {
		a.say(path + ": " + a.lang.MoreEntries(more))
	}
}

// skippedLine words an OPML outline import skipped.
func (a *app) skippedLine(s *opml.SkippedError) string {
	l := a.lang
	switch {
	case s.SameURL != "":
		return l.SkippedSame(s.Name, s.URL, cmp.Or(s.Same, s.SameURL), s.Tags)
	case s.Include:
		return l.SkippedInclude(s.Name, s.URL)
	}
	return l.SkippedNoAddress(s.Name, s.Site)
}

// exportOPML is `sokbo export`: the subscriptions under the names they
// are shown by.
func (c *command) exportOPML(a *app) int {
	subs, err := a.lib.Export(a.context())
	if err != nil {
		a.fail(err)
		return 1
	}
	if err := opml.Write(a.out, subs); err != nil {
		return a.writeFailed(err)
	}
	return 0
}

// byteSize says a size the way feeds ls shows it: 12 KB, 3.4 MB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// refusedLine words an OPML entry import refused.
func (a *app) refusedLine(r *opml.RefusedError) string {
	return a.lang.Refused(r.Name, r.URL, r.Reason)
}

// storedError words a feed's stored failure for feeds ls.
func (a *app) storedError(info library.FeedInfo) string {
	if a.lang == lang.En {
		return info.LastError
	}
	return library.StoredCause(a.lang, info)
}

// refreshLine is the line `sokbo refresh` prints for one feed, cleaned
// as a whole: the name, the URL and the cause may all come from outside.
func (a *app) refreshLine(r refresh.Result) string {
	l := a.lang
	name := r.Name
	if name == "" {
		name = r.URL
	}
	var s string
	switch {
	case r.Busy:
		s = l.RefreshBusy(name)
	case !r.Deferred.IsZero():
		s = l.RefreshDeferred(name, r.Deferred.Local().Format(l.ClockDayLayout()), r.Cached)
	case r.Err != nil:
		s = l.RefreshFailed(name, library.Cause(l, r.Err), r.Cached)
	case r.NotModified:
		s = l.RefreshNotModified(name)
	default:
		found := ""
		if r.Discovered {
			found = r.FeedURL
		}
		s = l.RefreshDone(name, r.New, r.Updated, r.Unchanged, found)
	}
	return clean.OneLine(s)
}
