package library

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"sokbo/feed"
	"sokbo/feed/convert"
	"sokbo/feed/fetch"
	"sokbo/feed/fulltext"
	"sokbo/feed/store"
)

// Body says which body an Article holds.
type Body string

const (
	// BodyFeed is the body the feed gave: a summary or the article.
	BodyFeed Body = "feed"
	// BodyFullText is the full text extracted from the item's page.
	BodyFullText Body = "fulltext"
)

// FullTextInfo is where and when an article's full text came from, or why
// the last attempt to get it failed (Err).
type FullTextInfo = store.FullText

// Full-text defaults.
const (
	// SummaryLen is the text, in characters other than white space, that
	// a feed's newest items all fall short of when the feed carries only
	// summaries; the reader then offers to fetch the full text.
	SummaryLen = 200
	// summarySample is how many of a feed's newest items are measured.
	summarySample = 20
	// FullTextWindow is how many of a fulltext = true feed's newest
	// items have their full text fetched after a refresh: the items a
	// refresh brings are among them, and items older than that are never
	// fetched by themselves.
	FullTextWindow = 50
	// FullTextConcurrency is the most pages a background fetch works on
	// at once, over all hosts; each host is paced on its own too. It is
	// always a core less than the machine has: on two cores a reader
	// key waited up to 80 ms behind four extractions of 200 KB pages,
	// and under 20 ms behind one (BenchmarkKeypressDuringFullText).
	FullTextConcurrency = 4
	// maxLocalFullTexts bounds the full texts of local items kept in
	// memory; they are not stored.
	maxLocalFullTexts = 128
)

// Errors of FullText, for errors.Is.
var (
	// ErrNoLink is the error of an item that has no link to fetch.
	ErrNoLink = errors.New("the item has no link to fetch its full text from")
	// ErrNotStored is the error of an offline FullText for an item whose
	// full text is not in the cache.
	ErrNotStored = errors.New("not in the offline cache (run without --offline to fetch it)")
)

// Article is an entry's article as a front end shows it: the item with the
// body shown, its Markdown, and which body that is.
type Article struct {
	// Item is the entry's item with the body shown: its own title, date
	// and link, and the feed's body or the full text.
	Item *feed.Item
	// Markdown is the body shown, converted and cleaned.
	Markdown string
	// Body says which body Item and Markdown hold.
	Body Body
	// FullText is where the full text came from, with BodyFullText; with
	// BodyFeed it is the last failed attempt to get it, or nil.
	FullText *FullTextInfo
	// SummaryOnly reports, with BodyFeed, that the entry's feed carries
	// only summaries (its newest items all hold less than SummaryLen
	// characters of text) and that the item has a link: a front end
	// offers the full text.
	SummaryOnly bool
}

// FullTextErr is why the last attempt to get the full text failed, or "".
func (a *Article) FullTextErr() string {
	if a.Body == BodyFeed && a.FullText != nil {
		return a.FullText.Err
	}
	return ""
}

// fullTexts is what a Library keeps for full text: the client, the per-host
// pacer, and the full texts of local items, which the store does not hold.
type fullTexts struct {
	once   sync.Once
	client *fulltext.Client

	mu sync.Mutex
	// closed is set by Close: background fetches end, and no more start.
	closed bool
	stops  map[*int]context.CancelFunc
	// running counts the work begun in a backgroundContext, so that
	// Close lets it end: a refresh releases its claims as it ends.
	running sync.WaitGroup
	local   map[Key]*localFullText
	order   []Key // oldest first
	// short says, by local source, whether its items all hold less than
	// SummaryLen characters of text.
	short map[string]bool
}

type localFullText struct {
	link, body string // the item's, when fetched
	art        *Article
}

// fullTextClient is the client every page fetch of this library goes
// through: the feeds' fetcher (its timeout, size cap, User-Agent and
// transport), the site rules, and one pacer for all.
func (l *Library) fullTextClient() *fulltext.Client {
	l.ft.once.Do(func() {
		c := &fulltext.Client{Rules: l.opts.Rules, Now: l.opts.Now}
		if hf, ok := l.fetcher().(*fetch.HTTPFetcher); ok {
			if l.opts.FullTextGap < 0 {
				hf.Pacer = nil // unpaced, as asked: not even by the feeds' pacer
			}
			c.HTTP = hf
		}
		if l.opts.FullTextGap >= 0 {
			c.Pace = fulltext.NewHostPacer(l.opts.FullTextGap).Wait
		}
		l.ft.client = c
	})
	return l.ft.client
}

// Article returns an entry's article: its full text when one is kept,
// else the body its feed gave. A cached entry's comes from the store,
// which converts once and keeps the conversion; a local one's is
// converted now, or taken from a bounded memory cache.
func (l *Library) Article(ctx context.Context, e *Entry) (*Article, error) {
	if !e.Cached {
		if a := l.localFullText(e); a != nil {
			return a, nil
		}
		it, md, err := l.localArticle(e)
		if err != nil {
			return nil, err
		}
		return &Article{Item: it, Markdown: md, Body: BodyFeed, SummaryOnly: l.localShort(e)}, nil
	}
	st, err := l.store(ctx)
	if err != nil {
		return nil, err
	}
	it, md, ft, err := st.ReadFullText(ctx, e.Source, e.ID)
	switch {
	case err == nil:
		return &Article{Item: it, Markdown: md, Body: BodyFullText, FullText: ft}, nil
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	it, md, err = st.ReadArticle(ctx, e.Source, e.ID)
	if err != nil {
		return nil, err
	}
	a := &Article{Item: it, Markdown: md, Body: BodyFeed, FullText: ft}
	a.SummaryOnly = it.Link != "" && l.summaryOnly(ctx, st, e.Source)
	return a, nil
}

// localArticle is a local entry's own body, converted.
func (l *Library) localArticle(e *Entry) (*feed.Item, string, error) {
	k := e.Key()
	if md, ok := l.md.get(k, e.Item); ok {
		return e.Item, md, nil
	}
	md, err := convert.Markdown(e.Item)
	if err != nil {
		return nil, "", err
	}
	l.md.put(k, e.Item, md)
	return e.Item, md, nil
}

// summaryOnly reports whether a cached feed's newest items all hold less
// than SummaryLen characters of text.
func (l *Library) summaryOnly(ctx context.Context, st *store.Store, feedURL string) bool {
	short, n := true, 0
	err := st.RecentBodies(ctx, feedURL, summarySample, func(body string, format feed.BodyFormat) bool {
		n++
		short = fulltext.TextLen(body, format, SummaryLen) < SummaryLen
		return short
	})
	return err == nil && n > 0 && short
}

// noteLocalShort records whether a local source's items are all short.
func (l *Library) noteLocalShort(src string, items []*feed.Item) {
	short := len(items) > 0
	for i, it := range items {
		if i == summarySample {
			break
		}
		body, format := it.Body, it.Format
		if body == "" {
			body, format = it.Summary, feed.FormatMarkdown
		}
		if fulltext.TextLen(body, format, SummaryLen) >= SummaryLen {
			short = false
			break
		}
	}
	l.ft.mu.Lock()
	defer l.ft.mu.Unlock()
	if l.ft.short == nil {
		l.ft.short = map[string]bool{}
	}
	l.ft.short[src] = short
}

func (l *Library) localShort(e *Entry) bool {
	l.ft.mu.Lock()
	defer l.ft.mu.Unlock()
	return e.Link != "" && l.ft.short[e.Source]
}

// localFullText is the full text fetched for a local entry, if its link
// and body are still what they were.
func (l *Library) localFullText(e *Entry) *Article {
	l.ft.mu.Lock()
	defer l.ft.mu.Unlock()
	lf := l.ft.local[e.Key()]
	if lf == nil || lf.link != e.Link || lf.body != e.Body {
		return nil
	}
	return lf.art
}

func (l *Library) keepLocalFullText(e *Entry, a *Article) {
	l.ft.mu.Lock()
	defer l.ft.mu.Unlock()
	if l.ft.local == nil {
		l.ft.local = map[Key]*localFullText{}
	}
	k := e.Key()
	if _, ok := l.ft.local[k]; !ok {
		l.ft.order = append(l.ft.order, k)
	}
	l.ft.local[k] = &localFullText{link: e.Link, body: e.Body, art: a}
	for len(l.ft.order) > maxLocalFullTexts {
		delete(l.ft.local, l.ft.order[0])
		l.ft.order = l.ft.order[1:]
	}
}

// FullText returns an entry's article with its full text, fetched from
// the item's link and extracted (feed/fulltext), converted and cleaned as
// every feed body is. A full text already kept is returned as it is
// unless force is set; offline, only a kept one is, else the error wraps
// ErrNotStored. A cached entry's full text is kept in the store, beside
// the feed's body, and a failed attempt is kept with its reason; a local
// entry's is kept in memory.
//
// The error of a fetch or extraction is a one-line *fulltext.Error; the
// caller keeps showing the feed's body.
func (l *Library) FullText(ctx context.Context, e *Entry, force bool) (*Article, error) {
	if e.Link == "" {
		return nil, ErrNoLink
	}
	if !force || l.opts.Offline {
		a, err := l.Article(ctx, e)
		if err != nil {
			return nil, err
		}
		if a.Body == BodyFullText {
			return a, nil
		}
	}
	if l.opts.Offline {
		return nil, ErrNotStored
	}
	// A reader waits for this one: it goes before background fetches.
	art, ferr := l.fullTextClient().Fetch(fulltext.Urgent(ctx), e.Link)
	if !e.Cached {
		if ferr != nil {
			return nil, ferr
		}
		item := art.Item(e.Item)
		md, err := convert.Markdown(item)
		if err != nil {
			return nil, err
		}
		a := &Article{Item: item, Markdown: md, Body: BodyFullText,
			FullText: &FullTextInfo{URL: art.URL, Fetched: art.Fetched, Via: art.Via, HTML: art.HTML}}
		l.keepLocalFullText(e, a)
		return a, nil
	}
	if err := l.keepFullText(ctx, e.Source, e.ID, e.Link, art, ferr); err != nil {
		return nil, err
	}
	if ferr != nil {
		return nil, ferr
	}
	return l.Article(ctx, e)
}

// keepFullText stores a fetch's outcome for a cached item: the full text,
// or the failure's reason. A fetch cut short by ctx is not an outcome.
func (l *Library) keepFullText(ctx context.Context, feedURL, id, link string, art *fulltext.Article, ferr error) error {
	if ferr != nil && ctx.Err() != nil {
		return nil
	}
	st, err := l.writer(ctx)
	if err != nil {
		return err
	}
	var ft store.FullText
	if ferr != nil {
		ft = store.FullText{URL: link, Err: FullTextReason(ferr)}
	} else {
		ft = store.FullText{URL: art.URL, Fetched: art.Fetched, Via: art.Via, HTML: art.HTML}
	}
	err = st.SaveFullText(ctx, feedURL, id, link, ft)
	if ferr != nil {
		return nil // the fetch's error says more than a failure to note it
	}
	return err
}

// FullTextReason is the one-line reason of a FullText error without the
// page's address, which the item's link already says: "no article text
// found (12 characters)", "http 404 Not Found".
func FullTextReason(err error) string {
	var fe *fulltext.Error
	if errors.As(err, &fe) && fe.Err != nil {
		return fe.Err.Error()
	}
	return err.Error()
}

// FullTextFeed reports whether a subscription fetches its full text at
// refresh: it says so, or the config file's feed of the same URL does.
func (l *Library) FullTextFeed(s feed.Subscription) bool {
	if s.FullText {
		return true
	}
	for _, c := range l.opts.Feeds {
		if c.URL == s.URL && c.FullText {
			return true
		}
	}
	return false
}

// FullTextProgress reports one page of a background fetch: Done of Total
// are finished; Key is the item, Err why it failed or nil.
type FullTextProgress struct {
	Done, Total int
	Key         Key
	Err         error
}

// FullTextSummary counts what FetchFullTexts did.
type FullTextSummary struct {
	Fetched, Failed int
}

// String says it on one line for `sokbo refresh`.
func (s FullTextSummary) String() string {
	return fmt.Sprintf("full text: %d fetched, %d failed", s.Fetched, s.Failed)
}

// FetchFullTexts fetches, in the background of a refresh, the full text
// of the newest items (up to FullTextWindow a feed) of every feed of
// feeds that asks for it (FullTextFeed) whose full text is not kept yet,
// nor a failed attempt: after each refresh, that is the items it brought
// and the ones it changed. At most FullTextConcurrency pages are fetched
// at once, and a core less than there are (one on two cores), feeds
// taking turns, and each host is paced (Options.FullTextGap)
// together with the pages a reader asks for, which go first. progress, if
// set, is called after each page, never concurrently. It returns when all
// are done or ctx ends; it never fetches offline.
func (l *Library) FetchFullTexts(ctx context.Context, feeds []feed.Subscription, progress func(FullTextProgress)) (FullTextSummary, error) {
	var sum FullTextSummary
	if l.opts.Offline {
		return sum, nil
	}
	var wanted []feed.Subscription
	for _, s := range feeds {
		if l.FullTextFeed(s) {
			wanted = append(wanted, s)
		}
	}
	if len(wanted) == 0 {
		return sum, nil
	}
	ctx, done, ok := l.backgroundContext(ctx)
	if !ok {
		return sum, ErrClosed
	}
	defer done()
	st, err := l.writer(ctx)
	if err != nil {
		return sum, err
	}
	type job struct {
		feed string
		store.FullTextJob
	}
	var queues [][]job
	seen := map[string]bool{}
	for _, s := range wanted {
		info, err := st.Feed(ctx, s.URL)
		if err != nil || seen[info.URL] {
			continue // never fetched: nothing to do
		}
		seen[info.URL] = true
		missing, err := st.MissingFullText(ctx, info.URL, FullTextWindow)
		if err != nil {
			return sum, err
		}
		q := make([]job, len(missing))
		for i, m := range missing {
			q[i] = job{info.URL, m}
		}
		queues = append(queues, q)
	}
	// Feeds take turns, so that one site's pacing does not hold up the
	// others.
	var jobs []job
	for i := 0; ; i++ {
		added := false
		for _, q := range queues {
			if i < len(q) {
				jobs = append(jobs, q[i])
				added = true
			}
		}
		if !added {
			break
		}
	}

	client := l.fullTextClient()
	ch := make(chan job)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range min(fullTextWorkers(), len(jobs)) {
		wg.Go(func() {
			for j := range ch {
				art, ferr := client.Fetch(ctx, j.Link)
				if ctx.Err() != nil {
					continue
				}
				err := l.keepFullText(ctx, j.feed, j.ID, j.Link, art, ferr)
				if ferr != nil {
					err = ferr
				}
				mu.Lock()
				if err != nil {
					sum.Failed++
				} else {
					sum.Fetched++
				}
				if progress != nil {
					progress(FullTextProgress{Done: sum.Fetched + sum.Failed, Total: len(jobs), Key: Key{j.feed, j.ID}, Err: err})
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, j := range jobs {
		select {
		case ch <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(ch)
	wg.Wait()
	return sum, ctx.Err()
}

// fullTextEntries marks the entries whose full text is kept. A cache that
// cannot say leaves them unmarked.
func fullTextEntries(ctx context.Context, st *store.Store) func(e *Entry) {
	kept, err := st.FullTextItems(ctx)
	if err != nil || len(kept) == 0 {
		return func(*Entry) {}
	}
	return func(e *Entry) { e.HasFullText = kept[e.Source][e.ID] }
}

// fullTextWorkers is how many pages a background fetch works on at once:
// FullTextConcurrency, but always a core less than there are, so that the
// extraction of large pages never takes every core from the reader.
func fullTextWorkers() int {
	return max(1, min(FullTextConcurrency, runtime.GOMAXPROCS(0)-1))
}

// ErrClosed is the error of a background fetch or a refresh asked of a
// closed Library.
var ErrClosed = errors.New("the library is closed")

// backgroundContext is ctx, ended too when the library closes, so that a
// background fetch or refresh does not outlive the reader that started
// it; Close waits a little for it to end (closeWait). The func returned
// must be called when the work ends.
func (l *Library) backgroundContext(ctx context.Context) (context.Context, func(), bool) {
	l.ft.mu.Lock()
	defer l.ft.mu.Unlock()
	if l.ft.closed {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithCancel(ctx)
	if l.ft.stops == nil {
		l.ft.stops = map[*int]context.CancelFunc{}
	}
	key := new(int)
	l.ft.stops[key] = cancel
	l.ft.running.Add(1) // under mu, before closed is set: never after Wait began
	return ctx, func() {
		cancel()
		l.ft.mu.Lock()
		delete(l.ft.stops, key)
		l.ft.mu.Unlock()
		l.ft.running.Done()
	}, true
}

// closeWait bounds how long Close waits for the background work it
// ended. A refresh stopped by its context ends in milliseconds (its
// fetches are cancelled, its save rolled back) and then releases its
// claims; one that does not end by then is left, and its claims lapse
// with their lease.
const closeWait = 2 * time.Second

// waitBackground waits, up to closeWait, for the work begun in a
// backgroundContext to end, once stopBackground has ended it.
func (l *Library) waitBackground() {
	ended := make(chan struct{})
	go func() {
		l.ft.running.Wait()
		close(ended)
	}()
	t := time.NewTimer(closeWait)
	defer t.Stop()
	select {
	case <-ended:
	case <-t.C:
	}
}

// stopBackground ends the background fetches and refreshes, for Close.
func (l *Library) stopBackground() {
	l.ft.mu.Lock()
	defer l.ft.mu.Unlock()
	l.ft.closed = true
	for _, cancel := range l.ft.stops {
		cancel()
	}
}
