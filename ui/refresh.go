package ui

import (
	"cmp"
	"context"
	"slices"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/feed/refresh"
	"sokbo/render"
	"sokbo/render/lang"
)

// Messages of a background refresh.
type (
	// refreshStartedMsg hands the refresher the channels progress and the
	// end arrive on.
	refreshStartedMsg struct {
		progress <-chan refresh.Progress
		done     <-chan refreshDoneMsg
		started  time.Time
		total    int
		manual   bool
	}
	refreshProgressMsg refresh.Progress
	refreshDoneMsg     struct {
		results []refresh.Result
		err     error
		started time.Time
		// manual is set for a refresh the reader asked for (r).
		manual bool
	}
	// autoRefreshMsg is the auto-refresh timer; gen tags it, so that a
	// manual refresh restarts the period and stale ticks are dropped.
	autoRefreshMsg struct{ gen int }
	// storedBesideMsg is an automatic round with no feed due: when
	// another process (sokbo watch beside, a cron refresh) fetched them,
	// last is when the cache last stored a new item, for the reader to
	// read what that process stored.
	storedBesideMsg struct{ last time.Time }
)

// refresher runs the background refresh of the subscriptions: it starts
// one on r or when feeds fall due, follows its progress, and keeps what
// the last one said of the network. Use newRefresher.
type refresher struct {
	lib   *library.Library
	feeds []feed.Subscription
	now   func() time.Time
	lang  lang.Lang

	running    bool
	progress   refresh.Progress
	progressCh <-chan refresh.Progress
	doneCh     <-chan refreshDoneMsg
	gen        int

	conn connState
	// failures are the last refresh's failed feeds, one line each;
	// uncached are those of them that have nothing cached, which a list
	// of other sources' rows would otherwise leave out without a word.
	failures, uncached []notice
	// started is when the refresh running began; answered what each of
	// its feeds has said so far, by URL.
	started  time.Time
	answered map[string]refresh.Result
	// manual is set while (and after) a refresh the reader asked for
	// runs, clear for one that fell due; fresh is how many new items the
	// last refresh brought.
	manual bool
	fresh  int
	// busy are the feeds the last round left to another sokbo fetching
	// them, by URL: the reader looks again within busyTick, not when they
	// next fall due, to show what that one stores a moment after.
	busy map[string]bool
}

// busyTick is how soon the reader looks again at feeds another sokbo was
// fetching: their claims last a minute or so at most, so this costs few
// wake-ups, and none once the claims are gone.
const busyTick = 2 * time.Second

func newRefresher(lib *library.Library, feeds []feed.Subscription, now func() time.Time) refresher {
	return refresher{lib: lib, feeds: feeds, now: now}
}

// enabled reports whether there is anything to refresh.
func (r refresher) enabled() bool { return len(r.feeds) > 0 && !r.lib.Offline() }

// start begins a refresh of every feed, or with onlyDue of those whose
// interval has passed. Progress and the end arrive as messages, read from
// channels one at a time. A refresh of every feed is the reader's own (r);
// one of the due feeds is automatic.
func (r refresher) start(onlyDue bool) tea.Cmd {
	if !r.enabled() || r.running {
		return nil
	}
	lib, feeds, now := r.lib, r.feeds, r.now
	return func() tea.Msg {
		subs := feeds
		if onlyDue {
			if subs = lib.Due(context.Background(), feeds, now()); len(subs) == 0 {
				// Another process keeps them fresh: what it stored is
				// news here too, as soon as this reader would have
				// fetched it.
				last, err := lib.LastArrival(context.Background())
				if err != nil || last.IsZero() {
					return nil
				}
				return storedBesideMsg{last: last}
			}
		}
		progress := make(chan refresh.Progress, len(subs))
		done := make(chan refreshDoneMsg, 1)
		started := now()
		go func() {
			results, err := lib.Refresh(context.Background(), subs, func(p refresh.Progress) { progress <- p })
			close(progress)
			done <- refreshDoneMsg{results: results, err: err, started: started, manual: !onlyDue}
		}()
		return refreshStartedMsg{progress: progress, done: done, started: started, total: len(subs), manual: !onlyDue}
	}
}

// busyNote is what a refresh's notice adds for n feeds another sokbo
// was fetching: "" for none.
func (r refresher) busyNote(n int) string {
	if n == 0 {
		return ""
	}
	return r.lang.RefreshedBusy(n)
}

// tick fires when the first feed falls due (library.TickInterval, read
// from the cache in the command, not in Update).
func (r refresher) tick() tea.Cmd {
	if !r.enabled() {
		return nil
	}
	gen, wait := r.gen, r.nextTick
	return func() tea.Msg {
		d := wait()
		if d <= 0 {
			return nil
		}
		t := time.NewTimer(d)
		defer t.Stop()
		<-t.C
		return autoRefreshMsg{gen: gen}
	}
}

// nextTick is how long the reader waits for its next automatic round:
// until the first feed falls due (library.TickInterval, which reads the
// cache: call it from a command), or 0 for never; at most busyTick while
// the last round left feeds to another sokbo, whose claims keep them due
// meanwhile and whose saves make them not due before this is asked.
func (r refresher) nextTick() time.Duration {
	feeds := r.feeds
	if len(r.busy) > 0 {
		feeds = slices.DeleteFunc(slices.Clone(feeds), func(s feed.Subscription) bool { return r.busy[s.URL] })
	}
	d := r.lib.TickInterval(feeds)
	if len(r.busy) > 0 && (d <= 0 || d > busyTick) {
		d = busyTick
	}
	return d
}

// restart starts a refresh of every feed now and the auto-refresh period
// anew.
func (r *refresher) restart() tea.Cmd {
	if !r.enabled() || r.running {
		return nil
	}
	r.gen++
	return tea.Batch(r.start(false), r.tick())
}

func waitRefresh(progress <-chan refresh.Progress, done <-chan refreshDoneMsg) tea.Cmd {
	return func() tea.Msg {
		if p, ok := <-progress; ok {
			return refreshProgressMsg(p)
		}
		return <-done
	}
}

// Update follows a refresh. It returns the notice to show when one ended.
func (r refresher) Update(msg tea.Msg) (refresher, tea.Cmd, notice) {
	switch msg := msg.(type) {
	case refreshStartedMsg:
		r.running = true
		r.started = msg.started
		r.manual = msg.manual
		r.answered = map[string]refresh.Result{}
		r.progress = refresh.Progress{Total: msg.total}
		r.progressCh, r.doneCh = msg.progress, msg.done
		return r, waitRefresh(r.progressCh, r.doneCh), notice{}

	case refreshProgressMsg:
		r.progress = refresh.Progress(msg)
		if r.answered != nil {
			r.answered[msg.URL] = msg.Result
		}
		return r, waitRefresh(r.progressCh, r.doneCh), notice{}

	case refreshDoneMsg:
		r.running = false
		r.manual = msg.manual
		r.failures, r.uncached = nil, nil
		fresh, busy := 0, 0
		r.busy = nil
		for _, res := range msg.results {
			if res.Err != nil {
				f := r.failure(res)
				r.failures = append(r.failures, f)
				if res.Cached == 0 {
					r.uncached = append(r.uncached, f)
				}
			}
			if res.Busy {
				busy++
				if r.busy == nil {
					r.busy = map[string]bool{}
				}
				r.busy[res.URL] = true
			}
			fresh += res.New
		}
		r.fresh = fresh
		// Offline only when no feed's server could be reached: a 404 or a
		// page that is no feed came from a server that answered.
		switch failed := len(r.failures); {
		case refresh.Offline(msg.results):
			r.conn = connOffline
		case failed > 0:
			r.conn = connPartial
		default:
			r.conn = connOnline
		}
		// The schedule starts again from what this refresh stored, and
		// what the round left queued for search (the most of a first
		// refresh of a large feed) is indexed behind it.
		r.gen++
		next := tea.Batch(r.tick(), indexCmd(r.lib))
		var n notice
		switch {
		case len(r.failures) > 0:
			// The header says how many failed; the footer says why.
			n = r.failures[0]
		case fresh > 0:
			n = info(r.lang.RefreshedNew(fresh) + r.busyNote(busy))
		case msg.manual:
			// Nothing new, and where other sokbos were fetching feeds,
			// not "nothing": those feeds were not asked.
			n = info(r.lang.RefreshedNone() + r.busyNote(busy))
		default:
			// An automatic refresh that found nothing says nothing.
			return r, next, notice{}
		}
		n.background, n.news = !msg.manual, fresh
		return r, next, n

	case autoRefreshMsg:
		if msg.gen != r.gen || r.running {
			return r, nil, notice{}
		}
		return r, tea.Batch(r.start(true), r.tick()), notice{}
	}
	return r, nil, notice{}
}

// header is what the refresh puts at the right of the list's header: the
// progress (3/7), or what the last refresh found, or "" for nothing. The
// spinner follows the progress: after the " · " that joins it to the
// unread count, the Line spinner's | or - would read as another
// separator, the count's dangling ("안 읽음 16 · | 새로 고침 1/2").
// listed says the reader has items (of local sources, when no feed's
// are saved).
func (r refresher) header(spin spinner.Model, s styles, cached []library.FeedInfo, listed bool) string {
	switch {
	case r.running:
		return r.lang.RefreshProgress(r.progress.Done, r.progress.Total) + " " + spin.View()
	case r.conn == connOffline:
		return s.err.Render(offlineNote(r.lang, r.now(), library.LastSaved(cached), listed))
	case r.conn == connPartial:
		return s.err.Render(r.lang.RefreshFailures(len(r.failures)))
	}
	return ""
}

// progressLines are the refresh's progress feed by feed, for a list that
// has nothing to show yet: each feed's name, then how many items it
// brought, that it failed and why, or that it has not answered.
func (r refresher) progressLines(name func(url string) string) []string {
	if !r.running {
		return nil
	}
	var lines []string
	for _, s := range r.feeds {
		n := s.Name
		if n == "" {
			n = name(s.URL)
		}
		res, ok := r.answered[s.URL]
		if ok && s.Name == "" && res.Name != "" {
			n = res.Name
		}
		switch {
		case !ok:
			lines = append(lines, r.lang.FeedWaiting(clean.OneLine(n)))
		case res.Err != nil:
			lines = append(lines, r.lang.FeedFailed(clean.OneLine(n), clean.OneLine(library.Cause(r.lang, res.Err))))
		default:
			lines = append(lines, r.lang.FeedNew(clean.OneLine(n), res.New))
		}
	}
	return lines
}

// offlineNote says the list shows the cache because a refresh failed:
// "오프라인 · 3시간 전 저장". With no feed ever saved it says so, but not
// over the rows of local sources (listed), which "저장된 기사 없음"
// would seem to deny: then it is "오프라인" alone, and the notes above
// the rows name the feeds missing and why.
func offlineNote(l lang.Lang, now, last time.Time, listed bool) string {
	switch {
	case last.IsZero() && listed:
		return l.OfflineAlone()
	case last.IsZero():
		return l.OfflineNothingSaved()
	}
	return l.OfflineSaved(render.RelativeTime(l, now, last))
}

// failure is the notice of a feed the refresh could not fetch: its name,
// and why, in the reader's language.
func (r refresher) failure(res refresh.Result) notice {
	n := problemOf(r.lib, r.lang, noticeError, "", res.Err)
	n.source = clean.OneLine(cmp.Or(res.Name, res.URL))
	return n
}
