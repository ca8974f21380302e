// Package library provides what both of sokbo's front ends ask of the
// feeds: which items to show, from which sources, merged newest first with
// their read and starred state; one article, converted and cached; refresh
// with progress; subscriptions; and marks. The command line and the reader
// only ask and show: neither filters, merges or loads items of its own.
//
// A source is a subscription (an http(s) URL, read through the offline
// cache in feed/store and refreshed by feed/refresh) or a local file or
// folder, read directly by feed.Load. Marks on local items are kept in the
// store too, by item ID, so they outlive the process.
package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"sokbo/feed"
	"sokbo/feed/alert"
	"sokbo/feed/clean"
	"sokbo/feed/fetch"
	"sokbo/feed/fulltext"
	"sokbo/feed/store"
)

// DefaultName is the name of the default subscription, newsdao.kr.
const DefaultName = "뉴스다오"

// Options configure a Library. The zero value reads the cache at the
// store's default path and fetches with fetch's default limits.
type Options struct {
	// StorePath is the offline cache's file; "" means the store's default.
	StorePath string
	// Feeds are the subscriptions listed in the config file. They come
	// before those added with Subscribe, and cannot be removed here.
	Feeds []feed.Subscription
	// Interval is the default refresh interval; 0 (off) means a feed is
	// fetched when asked for by name (Refresh, RefreshAll) or when it has
	// never been, and not otherwise.
	Interval time.Duration
	// Offline reads the cache only: nothing is ever fetched.
	Offline bool
	// RefreshAll makes Prepare (list, read) fetch every feed, due or not:
	// `--refresh`.
	RefreshAll bool
	// NoGroup lists every item on its own row: no story is folded from
	// several outlets' items (`--no-group`, `group = false`).
	NoGroup bool
	// Alerts are the compiled [[alert]] rules of the config file.
	Alerts []*alert.Rule
	// Pacer paces every request to one host, feeds and pages alike; nil
	// means one of fetch's defaults (2 s between requests to a host) on
	// the wall clock, made by New.
	Pacer *fetch.Pacer
	// UserAgent, Timeout and MaxBody set up the HTTP fetcher; zero values
	// mean fetch's defaults.
	UserAgent string
	Timeout   time.Duration
	MaxBody   int64
	// Fetcher, if set, replaces the HTTP fetcher (tests).
	Fetcher fetch.ConditionalFetcher
	// Retention bounds what the cache keeps of each feed; the zero value
	// is the store's default (90 days, 5000 items, starred items always).
	Retention store.Retention
	// Wait bounds how long Prepare refreshes before the cache answers;
	// 0 means no bound (as for `sokbo refresh`).
	Wait time.Duration
	// Saved, if set, is told of every mark Save wrote, after the store
	// answered (the soak test's reader keeps a journal with it).
	Saved func(Mark)
	// Load reads a local source; nil means feed.Load (tests).
	Load func(ctx context.Context, src string, opts feed.Options) (*feed.Feed, error)
	// Now reads the clock; nil means time.Now.
	Now func() time.Time
	// Warn receives non-fatal problems: from loading local sources for
	// Each and the walks built on it (a file in a post folder that is not
	// a post, a cap that was hit; LoadLocal's are in its Batch instead),
	// and a feed's charset declared wrongly, once a feed; nil drops them.
	// It is called from one goroutine at a time.
	Warn func(error)
	// Rules are the site rules for full text (the built-in ones and the
	// config's [[rule]] tables); nil means fulltext.DefaultRules.
	Rules *fulltext.Rules
	// FullTextGap is the least time between two page fetches from one
	// host; 0 means fulltext.DefaultGap and a negative value no pacing
	// (tests).
	FullTextGap time.Duration
	// Views are the saved views of the config file (search.go).
	Views []SavedView
	// Mute are the queries of the config's mute rules: an item any of
	// them matches is hidden everywhere (search.go). The caller has
	// checked their syntax; one that does not parse is skipped.
	Mute []string
}

// Library is the feeds as the front ends see them. Create it with New and
// release it with Close. A Library is safe for concurrent use: the reader
// calls it from its commands.
type Library struct {
	opts Options
	now  func() time.Time

	// The cache is opened read-only for what only reads it (list, read,
	// feeds ls, export), which then works on a read-only file system, on
	// a full disk and beside a writer, and for writing on the first
	// refresh, mark or subscription. Reads go to the writer once it is
	// open. A failure is kept and returned again, so a cache that cannot
	// be opened is reported once per use, not retried on every keypress;
	// an open its caller gave up on (its context ended) is not kept.
	mu           sync.Mutex
	ro, rw       *store.Store
	roErr, rwErr error

	// noted are the feeds whose wrong charset was said to Warn in a
	// refresh (refresh.go), under notedMu: said once, not every round.
	notedMu sync.Mutex
	noted   map[string]bool

	md *markdownCache // conversions of local items, bounded
	// bodies are the text of local items' bodies as search reads them,
	// bounded (search.go).
	bodies *markdownCache

	// Marks wait in queue, in the order they were made, until Flush
	// writes them; flushMu keeps one Flush at a time.
	qmu     sync.Mutex
	queue   []Mark
	flushMu sync.Mutex

	// ft is what full text keeps: the client, the pacer, local full texts.
	ft fullTexts
	// indexing is held while UpdateIndex runs; bg ends when Close is
	// called, and stops an index build in the background.
	indexing sync.Mutex
	bg       context.Context
	stopBg   context.CancelFunc
	// lastInput is when the user last pressed a key (NoteInput), as
	// the time since epoch, or 0.
	lastInput atomic.Int64

	pacer   *fetch.Pacer
	alerter *alert.Alerter // nil without rules
}

// New returns a Library. It opens nothing yet: the cache is opened on
// first use, so reading a local file needs no database.
func New(opts Options) *Library {
	l := &Library{opts: opts, now: opts.Now, md: newMarkdownCache(8 << 20), bodies: newMarkdownCache(32 << 20), pacer: opts.Pacer}
	l.bg, l.stopBg = context.WithCancel(context.Background())
	if l.now == nil {
		l.now = time.Now
	}
	if l.pacer == nil {
		l.pacer = fetch.NewPacer(fetch.PacerOptions{})
	}
	if len(opts.Alerts) > 0 {
		l.alerter = alert.New(opts.Alerts, nil)
	}
	return l
}

// Pacer is the per-host pacing every fetch of the library goes through.
// Its Wait is a fulltext.Pace, for a full-text fetcher that does not use
// HTTPFetcher; one that does is paced already.
func (l *Library) Pacer() *fetch.Pacer { return l.pacer }

// HTTPFetcher is the fetcher feeds are fetched with, paced, with the
// config's limits and User-Agent, for a full-text client to share.
func (l *Library) HTTPFetcher() *fetch.HTTPFetcher {
	return &fetch.HTTPFetcher{UserAgent: l.opts.UserAgent, Timeout: l.opts.Timeout, MaxBytes: l.opts.MaxBody, Pacer: l.pacer, Now: l.opts.Now}
}

// Alerter applies the config's [[alert]] rules to new items, with one
// rate count per rule for the whole process; nil when there are none.
func (l *Library) Alerter() *alert.Alerter { return l.alerter }

// Grouping reports whether lists fold one story's items from several
// outlets into one row (the default; off with NoGroup).
func (l *Library) Grouping() bool { return !l.opts.NoGroup }

// Close closes the cache if it was opened. A refresh or a full-text
// fetch still running is stopped first, and given a moment to end: a
// refresh the reader quit during gives up its claims on its feeds,
// rather than leaving every other sokbo on the cache to skip them ("being
// fetched by another sokbo") until the claims lapse, a minute later.
func (l *Library) Close() error {
	l.stopBackground()
	l.waitBackground()
	l.stopBg()
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []error
	for _, st := range []**store.Store{&l.ro, &l.rw} {
		if *st != nil {
			errs = append(errs, (*st).Close())
			*st = nil
		}
	}
	return errors.Join(errs...)
}

// Offline reports whether the library never fetches.
func (l *Library) Offline() bool { return l.opts.Offline }

// Interval is the default refresh interval.
func (l *Library) Interval() time.Duration { return l.opts.Interval }

// ErrCache wraps every failure to open the offline cache.
var ErrCache = errors.New("offline cache")

// store is the cache for reading.
func (l *Library) store(ctx context.Context) (*store.Store, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.rw != nil:
		return l.rw, nil
	case l.ro != nil:
		return l.ro, nil
	case l.roErr != nil:
		return nil, l.roErr
	}
	if _, err := os.Stat(l.path()); errors.Is(err, os.ErrNotExist) {
		// Nothing to read yet: a cache that will be written is made now,
		// so that its first use says what it lacks, not that it is
		// missing.
		return l.writerLocked(ctx)
	}
	// A FIFO or a device as the cache is refused before SQLite opens
	// it: that open would block past any signal.
	if err := feed.CheckRegular(l.path()); err != nil {
		l.roErr = fmt.Errorf("%w: %w", ErrCache, err)
		return nil, l.roErr
	}
	st, err := store.Open(ctx, l.storeOptions(true))
	if err != nil {
		err = fmt.Errorf("%w: %w", ErrCache, err)
		if ctx.Err() == nil {
			l.roErr = err
		}
		return nil, err
	}
	l.ro = st
	return st, nil
}

// writer is the cache for writing.
func (l *Library) writer(ctx context.Context) (*store.Store, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.writerLocked(ctx)
}

func (l *Library) writerLocked(ctx context.Context) (*store.Store, error) {
	if l.rw != nil {
		return l.rw, nil
	}
	if l.rwErr != nil {
		return nil, l.rwErr
	}
	if err := feed.CheckRegular(l.path()); err != nil {
		l.rwErr = fmt.Errorf("%w: %w", ErrCache, err)
		return nil, l.rwErr
	}
	st, err := store.Open(ctx, l.storeOptions(false))
	if err != nil {
		err = fmt.Errorf("%w: %w", ErrCache, err)
		// An open the caller gave up on says nothing of the cache: the
		// next caller opens it again.
		if ctx.Err() == nil {
			l.rwErr = err
		}
		return nil, err
	}
	l.rw = st
	// Subscriptions an older sokbo kept twice for one feed become one.
	if err := l.repair(ctx, st); err != nil && l.opts.Warn != nil {
		l.opts.Warn(err)
	}
	return st, nil
}

// CachePath is the offline cache's file, as a message names it.
func (l *Library) CachePath() string { return l.path() }

func (l *Library) path() string {
	if l.opts.StorePath != "" {
		return l.opts.StorePath
	}
	p, _ := store.DefaultPath()
	return p
}

func (l *Library) storeOptions(readOnly bool) store.Options {
	listed := make([]store.ListedFeed, len(l.opts.Feeds))
	for i, s := range l.opts.Feeds {
		listed[i] = store.ListedFeed{URL: s.URL, Name: s.Name}
	}
	return store.Options{Path: l.opts.StorePath, Now: l.opts.Now, ReadOnly: readOnly, Retention: l.opts.Retention, Listed: listed}
}

// existingStore is the cache if it is open or exists on disk, else nil:
// reading a local file's marks must not create a database for a user who
// has never had one.
func (l *Library) existingStore(ctx context.Context) *store.Store {
	l.mu.Lock()
	open := l.ro != nil || l.rw != nil
	l.mu.Unlock()
	if !open {
		if _, err := os.Stat(l.path()); err != nil {
			return nil
		}
	}
	st, err := l.store(ctx)
	if err != nil {
		return nil
	}
	return st
}

// fetcher is the fetcher every fetch of this library goes through.
func (l *Library) fetcher() fetch.ConditionalFetcher {
	if l.opts.Fetcher != nil {
		return l.opts.Fetcher
	}
	return l.HTTPFetcher()
}

// loadOptions are the options for reading a local source.
func (l *Library) loadOptions() feed.Options {
	return feed.Options{Fetcher: l.fetcher(), Warn: l.opts.Warn}
}

// IsURL reports whether a source is a URL, read through the cache, rather
// than a local file or folder, read directly. An address that CheckURL
// refuses for fetching (a control character, another scheme) is not a
// URL, and then fails as a file that does not exist.
func IsURL(src string) bool { return clean.URLOK(src, clean.Fetch) }
