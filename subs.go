package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"sokbo/feed/library"
	"sokbo/feed/opml"
	"sokbo/render"
)

// plural picks the English word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// refreshAll is `sokbo refresh`: every subscription, one line per feed,
// in the order of the subscriptions.
func (c *command) refreshAll(a *app) int {
	if a.set.offline {
		fmt.Fprintln(a.std.err, "sokbo: refresh fetches; --offline fetches nothing")
		return 2
	}
	ctx := context.Background()
	subs, err := a.lib.Subscriptions(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	results, err := a.lib.Refresh(ctx, subs, nil)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	ok := false
	for _, r := range results {
		w := a.out
		if r.Err != nil {
			w = a.std.err
		} else {
			ok = true
		}
		fmt.Fprintf(w, "%s\n", strings.ReplaceAll(r.String(), "\n", " "))
	}
	a.fetchFullTexts(subs)
	if !ok {
		return 1
	}
	return 0
}

// feeds is `sokbo feeds ls|add|rm|rename` (feeds_add.go: add, rename).
func (c *command) feeds(a *app) int {
	ctx := context.Background()
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
	f, err := a.lib.Unsubscribe(ctx, key)
	switch {
	case errors.Is(err, library.ErrInConfig):
		fmt.Fprintf(a.std.err, "sokbo: feeds rm: %s is listed in %s; remove it there\n", key, a.set.configPath)
		return 1
	case errors.Is(err, library.ErrNoFeed):
		fmt.Fprintf(a.std.err, "sokbo: feeds rm: no feed %q; see sokbo feeds ls\n", key)
		return 1
	case err != nil:
		fmt.Fprintf(a.std.err, "sokbo: feeds rm: %v\n", err)
		return 1
	}
	fmt.Fprintf(a.out, "removed %s and its %d cached %s\n", f.URL, f.Items, plural(f.Items, "item", "items"))
	return 0
}

// listFeeds prints the subscriptions: name, URL, items, unread, last
// fetch and status. On a terminal the columns are aligned by display
// width; piped, they are separated by tabs.
func (c *command) listFeeds(ctx context.Context, a *app) int {
	status, err := a.lib.Status(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	now := time.Now()
	rows := [][]string{}
	// With mute rules, MUTED counts what they hide, and ITEMS and UNREAD
	// count the rest.
	muting := len(a.set.mutes) > 0
	if a.std.outTTY {
		head := []string{"NAME", "URL", "ITEMS", "UNREAD", "SIZE", "FETCHED", "STATUS"}
		if muting {
			head = slices.Insert(head, 4, "MUTED")
		}
		rows = append(rows, head)
	}
	for _, s := range status {
		items, unread, size, fetched, state := "0", "0", "0 B", "never", "not fetched yet"
		if s.Known {
			info := s.Info
			items, unread = strconv.Itoa(info.Items), strconv.Itoa(info.Unread)
			size = byteSize(s.Size.Bytes)
			fetched = ago(now, info.LastFetch)
			switch {
			case info.LastError != "":
				state = "error: " + info.LastError
			case !info.LastSuccess.IsZero():
				state = "ok"
			}
			if info.RetryAt.After(now) {
				state += fmt.Sprintf(" (the server asked for no fetch before %s)", info.RetryAt.Local().Format("15:04"))
			}
		}
		row := []string{s.Name(), s.URL, items, unread, size, fetched, state}
		if muting {
			row = slices.Insert(row, 4, strconv.Itoa(s.Muted))
		}
		rows = append(rows, row)
	}
	if dups, err := a.lib.Duplicates(ctx); err == nil {
		for _, d := range dups {
			fmt.Fprintf(a.std.err, "sokbo: %s are one feed under %d spellings; keep one with sokbo feeds rm\n", strings.Join(d, " and "), len(d))
		}
	}
	if !a.std.outTTY {
		for _, r := range rows {
			fmt.Fprintln(a.out, strings.Join(r, "\t"))
		}
		return 0
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], render.Width(cell))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, cell := range r {
			if i == len(r)-1 {
				b.WriteString(cell)
				break
			}
			b.WriteString(render.Pad(cell, widths[i]) + "  ")
		}
		fmt.Fprintln(a.out, strings.TrimRight(b.String(), " "))
	}
	return 0
}

// importOPML is `sokbo import FILE.opml`.
func (c *command) importOPML(a *app) int {
	path := c.args[0]
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %s: %v\n", path, unwrapPathError(err))
		return 1
	}
	if info, err := f.Stat(); err == nil && info.IsDir() {
		fmt.Fprintf(a.std.err, "sokbo: %s: a folder, not an OPML file\n", path)
		return 1
	}
	defer f.Close()
	subs, err := opml.Read(f)
	var refused opml.RefusedEntries
	if errors.As(err, &refused) {
		for _, r := range refused {
			fmt.Fprintf(a.std.err, "sokbo: %s: %v\n", path, r)
		}
	} else if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %s: %v\n", path, err)
		return 1
	}
	conflicts, err := a.lib.NameConflicts(context.Background(), subs)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %s: %v\n", path, err)
		return 1
	}
	added, err := a.lib.Import(context.Background(), subs)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %s: %v\n", path, err)
		return 1
	}
	fmt.Fprintf(a.out, "imported %d %s from %s, %d new", len(subs), plural(len(subs), "feed", "feeds"), path, added)
	if len(refused) > 0 {
		fmt.Fprintf(a.out, " (%d refused)", len(refused))
	}
	if len(conflicts) > 0 {
		fmt.Fprintf(a.out, ", %d %s kept", len(conflicts), plural(len(conflicts), "name", "names"))
	}
	fmt.Fprintln(a.out)
	for _, k := range conflicts {
		fmt.Fprintf(a.out, "kept the name %q for %s (%s calls it %q; sokbo feeds rename changes it)\n", k.Kept, k.URL, path, k.Offered)
	}
	if len(subs) == 0 && len(refused) > 0 {
		return 1
	}
	return 0
}

// exportOPML is `sokbo export`: the subscriptions under the names they
// are shown by.
func (c *command) exportOPML(a *app) int {
	subs, err := a.lib.Export(context.Background())
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	if err := opml.Write(a.out, subs); err != nil {
		return writeFailed(a.std, err)
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
