package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"sokbo/feed"
	"sokbo/feed/convert"
	"sokbo/feed/fetch"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
)

// app is what the commands share: the streams, the parsed command, the
// config file, and the offline cache, opened on first use so that reading
// a local file never touches the database.
type app struct {
	std   *streams
	cmd   *command
	cfg   *config
	store *store.Store
}

func (a *app) close() {
	if a.store != nil {
		a.store.Close()
	}
}

// dataPath is where the cache lives: --db, else
// $XDG_DATA_HOME/sokbo/sokbo.db, else ~/.local/share/sokbo/sokbo.db.
func (a *app) dataPath() string {
	if a.cmd.global.db != "" {
		return a.cmd.global.db
	}
	if dir := a.std.env("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "sokbo", "sokbo.db")
	}
	home := a.std.env("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return filepath.Join(home, ".local", "share", "sokbo", "sokbo.db")
}

// openStore opens the cache once.
func (a *app) openStore(ctx context.Context) (*store.Store, error) {
	if a.store != nil {
		return a.store, nil
	}
	st, err := store.Open(ctx, store.Options{Path: a.dataPath()})
	if err != nil {
		return nil, fmt.Errorf("offline cache: %w", err)
	}
	a.store = st
	return st, nil
}

// fetcher is the HTTP fetcher with the config's limits.
func (a *app) fetcher() *fetch.HTTPFetcher {
	return &fetch.HTTPFetcher{UserAgent: "sokbo/" + version, Timeout: a.cfg.timeout, MaxBytes: a.cfg.maxBody}
}

// loadOptions are the options for loading a source directly.
func (a *app) loadOptions() feed.Options {
	return feed.Options{
		Fetcher: a.fetcher(),
		Warn:    func(err error) { fmt.Fprintf(a.std.err, "sokbo: warning: %v\n", err) },
	}
}

// subscriptions are the feeds followed by default: those in the config
// file, then those added with `sokbo feeds add` or `sokbo import`, and
// newsdao.kr when there are none. A subscription whose feed is another's
// (a page whose alternate link is a feed also subscribed) counts once, so
// no headline is listed twice.
func (a *app) subscriptions(ctx context.Context) ([]feed.Subscription, error) {
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, err
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	info := make(map[string]store.FeedInfo, len(feeds))
	for _, f := range feeds {
		info[f.URL] = f
	}
	var subs []feed.Subscription
	seen := map[string]bool{}
	add := func(s feed.Subscription) {
		fetch := s.URL
		if f, ok := info[s.URL]; ok {
			fetch = f.FetchURL()
		}
		if seen[s.URL] || seen[fetch] {
			return
		}
		seen[s.URL], seen[fetch] = true, true
		subs = append(subs, s)
	}
	for _, s := range a.cfg.feeds {
		add(s)
	}
	for _, f := range feeds {
		if f.Subscribed {
			add(feed.Subscription{Name: f.Name, URL: f.URL})
		}
	}
	if len(subs) == 0 {
		subs = []feed.Subscription{{Name: "뉴스다오", URL: feed.DefaultSource}}
	}
	return subs, nil
}

// refresh fetches subs into the cache.
func (a *app) refresh(ctx context.Context, subs []feed.Subscription, progress func(refresh.Progress)) ([]refresh.Result, error) {
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, err
	}
	f := a.fetcher()
	return refresh.Run(ctx, st, subs, refresh.Options{
		Fetcher:  f,
		Progress: progress,
		Parse: func(ctx context.Context, src string, fetcher fetch.Fetcher) (*feed.Feed, error) {
			return feed.Load(ctx, src, feed.Options{Fetcher: fetcher})
		},
	})
}

// isCachedItem reports whether the one argument of `sokbo read` names an
// item of the subscriptions rather than a source: a number that is not a
// file, or the link or ID of a cached item that is not itself a feed.
func (a *app) isCachedItem(ctx context.Context, arg string) bool {
	if _, err := os.Stat(arg); err == nil {
		return false
	}
	if _, err := strconv.Atoi(arg); err == nil {
		return true
	}
	if !isURL(arg) {
		return false
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return false
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return false
	}
	for _, f := range feeds {
		if f.URL == arg || f.FeedURL == arg {
			return false
		}
	}
	found := errors.New("found")
	err = st.EachHeadline(ctx, store.Query{}, func(h *store.Headline) error {
		if h.Link == arg || h.ID == arg {
			return found
		}
		return nil
	})
	return errors.Is(err, found)
}

// isURL reports whether a source is an http(s) URL, which goes through the
// cache, rather than a local file or folder, which is read directly.
func isURL(src string) bool {
	u, err := url.Parse(src)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// splitSources separates URLs (cached subscriptions for this run) from
// local sources.
func splitSources(args []string) (subs []feed.Subscription, locals []string) {
	for _, a := range args {
		if isURL(a) {
			subs = append(subs, feed.Subscription{URL: a})
		} else {
			locals = append(locals, a)
		}
	}
	return subs, locals
}

// gathered is what list and read work on: the items of the command's
// sources, newest first, walked by each. A cached item has no body; its
// stored flag says to read it from the cache.
type gathered struct {
	each func(fn func(it *feed.Item, stored bool) error) error
	// complete is false when a source failed and is missing.
	complete bool
}

// all collects the items each walks.
func (g gathered) all() (items []*feed.Item, stored map[*feed.Item]bool, err error) {
	stored = map[*feed.Item]bool{}
	err = g.each(func(it *feed.Item, s bool) error {
		items = append(items, it)
		stored[it] = s
		return nil
	})
	return items, stored, err
}

// gather loads the command's sources: local ones directly, URLs (or, with
// no arguments, the subscriptions) through the cache, refreshed first
// unless --offline. A URL that cannot be fetched falls back to its cached
// items with a one-line note. When every source is in the cache, the items
// stream from it without being collected, which is what makes a list of
// ten thousand headlines quick.
func (a *app) gather(ctx context.Context) gathered {
	subs, locals := splitSources(a.cmd.args)
	if len(a.cmd.args) == 0 {
		var err error
		if subs, err = a.subscriptions(ctx); err != nil {
			fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
			return gathered{each: func(func(*feed.Item, bool) error) error { return nil }}
		}
	}

	var (
		feeds  []*feed.Feed
		failed bool
		wg     sync.WaitGroup
		local  = make([]*feed.Feed, len(locals))
		errs   = make([]error, len(locals))
	)
	opts := a.loadOptions()
	for i, src := range locals {
		wg.Go(func() { local[i], errs[i] = feed.Load(ctx, src, opts) })
	}
	var st *store.Store
	if len(subs) > 0 {
		var ok bool
		st, ok = a.prepareCache(ctx, subs)
		failed = !ok
	}
	wg.Wait()
	for i := range locals {
		if errs[i] != nil {
			fmt.Fprintf(a.std.err, "sokbo: %v\n", errs[i])
			failed = true
			continue
		}
		feeds = append(feeds, local[i])
	}
	cached := func(fn func(*feed.Item, bool) error) error {
		if st == nil {
			return nil
		}
		return eachCached(ctx, st, subs, func(it *feed.Item) error { return fn(it, true) })
	}
	if len(feeds) == 0 {
		return gathered{each: cached, complete: !failed}
	}
	// Local sources too: merge them with the cache by date.
	c := &feed.Feed{}
	err := cached(func(it *feed.Item, _ bool) error {
		c.Items = append(c.Items, it)
		return nil
	})
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		failed = true
	}
	stored := make(map[*feed.Item]bool, len(c.Items))
	for _, it := range c.Items {
		stored[it] = true
	}
	items := feed.Merge(append(feeds, c)...)
	return gathered{complete: !failed, each: func(fn func(*feed.Item, bool) error) error {
		for _, it := range items {
			if err := fn(it, stored[it]); err != nil {
				return err
			}
		}
		return nil
	}}
}

// prepareCache opens the cache and refreshes subs, unless offline. Each
// feed that cannot be fetched is reported on one line; ok is false when
// one of them has nothing cached either.
func (a *app) prepareCache(ctx context.Context, subs []feed.Subscription) (*store.Store, bool) {
	st, err := a.openStore(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return nil, false
	}
	ok := true
	if !a.cmd.global.offline {
		results, err := a.refresh(ctx, subs, nil)
		if err != nil {
			fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		}
		for _, r := range results {
			if r.Err == nil {
				continue
			}
			info, ferr := st.Feed(ctx, r.URL)
			if ferr != nil || info.Items == 0 {
				fmt.Fprintf(a.std.err, "sokbo: %s\n", oneLineError(r.Err, r.URL))
				ok = false
				continue
			}
			fmt.Fprintf(a.std.err, "sokbo: %s; showing %d cached %s (offline, saved %s)\n",
				strings.TrimSuffix(oneLineError(r.Err, r.URL), feed.OfflineHint), info.Items, plural(info.Items, "item", "items"), ago(time.Now(), info.LastSuccess))
		}
		return st, ok
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		fmt.Fprintf(a.std.err, "sokbo: %v\n", err)
		return nil, false
	}
	fetched := make(map[string]bool, len(feeds))
	for _, f := range feeds {
		fetched[f.URL] = !f.LastSuccess.IsZero()
	}
	for _, s := range subs {
		if !fetched[s.URL] {
			fmt.Fprintf(a.std.err, "sokbo: %s: not in the offline cache; run without --offline to fetch it\n", s.URL)
			ok = false
		}
	}
	return st, ok
}

// eachCached calls fn with the cached headlines of subs, newest first, as
// items without bodies.
func eachCached(ctx context.Context, st *store.Store, subs []feed.Subscription, fn func(*feed.Item) error) error {
	want := make(map[string]bool, len(subs))
	for _, s := range subs {
		want[s.URL] = true
	}
	return st.EachHeadline(ctx, store.Query{}, func(h *store.Headline) error {
		if !want[h.Feed] {
			return nil
		}
		return fn(&feed.Item{ID: h.ID, Title: h.Title, Link: h.Link, Published: h.Published, Categories: h.Categories, Source: h.Feed})
	})
}

// article returns the full item and its Markdown: from the cache for a
// cached item (converting and caching on first read), or converted from
// the item.
func (a *app) article(ctx context.Context, it *feed.Item, stored bool) (*feed.Item, string, error) {
	if !stored {
		md, err := convert.Markdown(it)
		return it, md, err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, "", err
	}
	return st.ReadArticle(ctx, it.Source, it.ID)
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
