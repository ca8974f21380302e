package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"sokbo/feed/clean"
	"sokbo/feed/opml"
	"sokbo/feed/store"
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
	if c.global.offline {
		fmt.Fprintln(a.std.err, "sokbo: refresh fetches; --offline fetches nothing")
		return 2
	}
	ctx := context.Background()
	subs, err := a.subscriptions(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	results, err := a.refresh(ctx, subs, nil)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	ok := false
	for _, r := range results {
		w := a.std.out
		if r.Err != nil {
			w = a.std.err
		} else {
			ok = true
		}
		fmt.Fprintf(w, "%s\n", strings.ReplaceAll(r.String(), "\n", " "))
	}
	if !ok {
		return 1
	}
	return 0
}

// feeds is `sokbo feeds ls|add|rm`.
func (c *command) feeds(a *app) int {
	ctx := context.Background()
	st, err := a.openStore(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	switch c.sub {
	case "add":
		u := c.args[0]
		if err := checkFeedURL(u); err != nil {
			fmt.Fprintf(a.std.err, "sokbo: feeds add: %v\n", err)
			return 1
		}
		subs, err := a.subscriptions(ctx)
		if err != nil {
			fmt.Fprintf(a.std.err, "sokbo: feeds add: %v\n", err)
			return 1
		}
		for _, s := range subs {
			if s.URL == u && c.feedName == "" {
				fmt.Fprintf(a.std.out, "already subscribed to %s\n", u)
				return 0
			}
		}
		if err := st.Subscribe(ctx, u, clean.PlainText(c.feedName)); err != nil {
			fmt.Fprintf(a.std.err, "sokbo: feeds add: %v\n", err)
			return 1
		}
		fmt.Fprintf(a.std.out, "subscribed to %s; `sokbo refresh` fetches it\n", u)
		return 0
	case "rm":
		return c.removeFeed(ctx, a)
	}
	return c.listFeeds(ctx, a)
}

func (c *command) removeFeed(ctx context.Context, a *app) int {
	key := c.args[0]
	for _, s := range a.cfg.feeds {
		if s.URL == key || (s.Name != "" && s.Name == key) {
			fmt.Fprintf(a.std.err, "sokbo: feeds rm: %s is listed in %s; remove it there\n", key, a.cfg.path)
			return 1
		}
	}
	st, _ := a.openStore(ctx)
	infos, err := st.Feeds(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: feeds rm: %v\n", err)
		return 1
	}
	var match []store.FeedInfo
	for _, f := range infos {
		if f.URL == key {
			match = []store.FeedInfo{f}
			break
		}
		if f.Subscribed && f.DisplayName() == key {
			match = append(match, f)
		}
	}
	switch len(match) {
	case 0:
		fmt.Fprintf(a.std.err, "sokbo: feeds rm: no feed %q; see sokbo feeds ls\n", key)
		return 1
	case 1:
	default:
		urls := make([]string, len(match))
		for i, f := range match {
			urls[i] = f.URL
		}
		fmt.Fprintf(a.std.err, "sokbo: feeds rm: %q names %d feeds (%s); give the URL\n", key, len(match), strings.Join(urls, ", "))
		return 1
	}
	f := match[0]
	if counted, err := st.Feed(ctx, f.URL); err == nil {
		f = counted
	}
	if err := st.RemoveFeed(ctx, f.URL); err != nil {
		fmt.Fprintf(a.std.err, "sokbo: feeds rm: %v\n", err)
		return 1
	}
	fmt.Fprintf(a.std.out, "removed %s and its %d cached %s\n", f.URL, f.Items, plural(f.Items, "item", "items"))
	return 0
}

// listFeeds prints the subscriptions: name, URL, items, unread, last
// fetch and status. On a terminal the columns are aligned by display
// width; piped, they are separated by tabs.
func (c *command) listFeeds(ctx context.Context, a *app) int {
	subs, err := a.subscriptions(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	st, _ := a.openStore(ctx)
	now := time.Now()
	rows := [][]string{}
	if a.std.outTTY {
		rows = append(rows, []string{"NAME", "URL", "ITEMS", "UNREAD", "FETCHED", "STATUS"})
	}
	for _, s := range subs {
		name, items, unread, fetched, status := s.Name, "0", "0", "never", "not fetched yet"
		if info, err := st.Feed(ctx, s.URL); err == nil {
			if name == "" {
				name = info.DisplayName()
			}
			items, unread = strconv.Itoa(info.Items), strconv.Itoa(info.Unread)
			fetched = ago(now, info.LastFetch)
			switch {
			case info.LastError != "":
				status = "error: " + info.LastError
			case !info.LastSuccess.IsZero():
				status = "ok"
			}
		}
		if name == "" {
			name = s.URL
		}
		rows = append(rows, []string{name, s.URL, items, unread, fetched, status})
	}
	if !a.std.outTTY {
		for _, r := range rows {
			fmt.Fprintln(a.std.out, strings.Join(r, "\t"))
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
		fmt.Fprintln(a.std.out, strings.TrimRight(b.String(), " "))
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
	ctx := context.Background()
	st, err := a.openStore(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	had, err := a.subscriptions(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	known := make(map[string]bool, len(had))
	for _, s := range had {
		known[s.URL] = true
	}
	added := 0
	for _, s := range subs {
		if s.Name == s.URL {
			s.Name = "" // an outline with no text: keep the name the feed has
		}
		if !known[s.URL] {
			added++
		}
		if err := st.Subscribe(ctx, s.URL, s.Name); err != nil {
			fmt.Fprintf(a.std.err, "sokbo: %s: %v\n", path, err)
			return 1
		}
	}
	fmt.Fprintf(a.std.out, "imported %d %s from %s, %d new", len(subs), plural(len(subs), "feed", "feeds"), path, added)
	if len(refused) > 0 {
		fmt.Fprintf(a.std.out, " (%d refused)", len(refused))
	}
	fmt.Fprintln(a.std.out)
	if len(subs) == 0 && len(refused) > 0 {
		return 1
	}
	return 0
}

// exportOPML is `sokbo export`: the subscriptions under the names they
// are shown by.
func (c *command) exportOPML(a *app) int {
	ctx := context.Background()
	subs, err := a.subscriptions(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return 1
	}
	st, _ := a.openStore(ctx)
	for i, s := range subs {
		if info, err := st.Feed(ctx, s.URL); err == nil && s.Name == "" {
			subs[i].Name = info.DisplayName()
		}
	}
	if err := opml.Write(a.std.out, subs); err != nil {
		return writeFailed(a.std, err)
	}
	return 0
}
