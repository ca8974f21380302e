package main

import (
	"context"
	"errors"
	"fmt"

	"sokbo/feed/library"
)

const feedsAddLong = `Subscribes to a feed. The URL is fetched once first (as sokbo refresh
would, into the cache) and sokbo says what it found: the feed's title and
how many items it holds. A URL that cannot be fetched, or is no feed, is
not subscribed unless --force. With --offline nothing is fetched.`

// addFeed is `sokbo feeds add URL [--name NAME] [--force]`.
func (c *command) addFeed(ctx context.Context, a *app) int {
	u := c.args[0]
	res, err := a.lib.AddFeed(ctx, u, c.feedName, c.force)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: feeds add: %v\n", err)
		return 1
	}
	if res.FetchErr != nil {
		msg := oneLineError(res.FetchErr, u)
		if !res.Subscribed {
			fmt.Fprintf(a.std.err, "sokbo: feeds add: %s; not subscribed (--force subscribes anyway)\n", msg)
			return 1
		}
		fmt.Fprintf(a.std.err, "sokbo: feeds add: %s\n", msg)
	}
	switch {
	case res.Already && res.URL != "" && res.URL != u:
		fmt.Fprintf(a.out, "already subscribed to %s, as %s\n", u, res.URL)
	case res.Already:
		fmt.Fprintf(a.out, "already subscribed to %s\n", u)
	case res.Fetched:
		title := res.Title
		if c.feedName != "" {
			title = c.feedName
		}
		if title == "" {
			title = u
		}
		fmt.Fprintf(a.out, "subscribed to %s (%s): %d %s\n", title, u, res.Items, plural(res.Items, "item", "items"))
	case res.FetchErr != nil:
		fmt.Fprintf(a.out, "subscribed to %s all the same (--force); `sokbo refresh` tries again\n", u)
	default:
		fmt.Fprintf(a.out, "subscribed to %s; not fetched (--offline), `sokbo refresh` fetches it\n", u)
	}
	return 0
}

// renameFeed is `sokbo feeds rename URL|NAME NEWNAME`.
func (c *command) renameFeed(ctx context.Context, a *app) int {
	key, name := c.args[0], c.args[1]
	f, err := a.lib.Rename(ctx, key, name)
	switch {
	case errors.Is(err, library.ErrInConfig):
		fmt.Fprintf(a.std.err, "sokbo: feeds rename: %s is listed in %s; rename it there\n", key, a.set.configPath)
		return 1
	case errors.Is(err, library.ErrNoFeed):
		fmt.Fprintf(a.std.err, "sokbo: feeds rename: no feed %q; see sokbo feeds ls\n", key)
		return 1
	case err != nil:
		fmt.Fprintf(a.std.err, "sokbo: feeds rename: %v\n", err)
		return 1
	}
	fmt.Fprintf(a.out, "renamed %s (%s) to %s\n", f.DisplayName(), f.URL, name)
	return 0
}
