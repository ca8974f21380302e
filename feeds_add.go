package main

import (
	"context"
	"errors"
	"fmt"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
)

// addFeed is `sokbo feeds add URL [--name NAME] [--force]`.
func (c *command) addFeed(ctx context.Context, a *app) int {
	u := c.args[0]
	if c.nameSet && feed.GivenName(c.feedName) == "" {
		a.say(a.lang.EmptyNameFlag("feeds add"))
		return 1
	}
	res, err := a.lib.AddFeed(ctx, u, c.feedName, c.force)
	if errors.Is(err, library.ErrInConfig) {
		// A rename of a subscription the config file lists.
		a.say(a.lang.InConfigRename("feeds add", clean.Name(u), clean.Name(a.set.configPath)))
		return 1
	}
	if err != nil {
		a.say("feeds add: " + a.errLine(err))
		return 1
	}
	if res.FetchErr != nil {
		msg := a.problemLine(library.Problem{Source: u, Err: res.FetchErr})
		if !res.Subscribed {
			a.say(a.lang.NotSubscribed("feeds add", msg))
			return 1
		}
		a.say("feeds add: " + msg)
	}
	switch {
	case res.Renamed:
		fmt.Fprintln(a.out, a.lang.Renamed(res.Was, res.URL, res.Name))
	case res.Already && res.URL != "" && res.URL != u:
		fmt.Fprintln(a.out, a.lang.AlreadyAs(u, res.Name, res.URL))
	case res.Already:
		fmt.Fprintln(a.out, a.lang.Already(u, res.Name))
	case res.Fetched:
		title := res.Title
		if res.Name != "" {
			title = res.Name // the name given, as it was stored
		}
		if title == "" {
			title = u
		}
		fmt.Fprintln(a.out, a.lang.Subscribed(title, u, res.Items))
	case res.FetchErr != nil:
		fmt.Fprintln(a.out, a.lang.SubscribedForced(u))
	default:
		fmt.Fprintln(a.out, a.lang.SubscribedOffline(u))
	}
	return 0
}

// renameFeed is `sokbo feeds rename URL|NAME NEWNAME`.
func (c *command) renameFeed(ctx context.Context, a *app) int {
	key, name := c.args[0], c.args[1]
	f, stored, err := a.lib.Rename(ctx, key, name)
	switch {
	case errors.Is(err, library.ErrInConfig):
		a.say(a.lang.InConfigRename("feeds rename", clean.Name(key), clean.Name(a.set.configPath)))
		return 1
	case errors.Is(err, library.ErrNoFeed):
		a.say(a.lang.NoFeedNamed("feeds rename", key))
		return 1
	case errors.Is(err, library.ErrNoName):
		a.say(a.lang.EmptyName("feeds rename"))
		return 1
	case err != nil:
		a.say("feeds rename: " + a.errLine(err))
		return 1
	}
	fmt.Fprintln(a.out, a.lang.Renamed(f.DisplayName(), f.URL, stored))
	return 0
}
