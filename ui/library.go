package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/convert"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
	"sokbo/render"
)

// Library is the offline cache as the reader uses it: the subscriptions to
// show and refresh, the store they live in, and how to refresh them. main
// builds it; a nil Library means articles come only from Config.Sources.
type Library struct {
	Store *store.Store
	// Feeds are the subscriptions shown in the list, all merged.
	Feeds []feed.Subscription
	// Refresh fetches subs into the store, reporting each finished feed.
	Refresh func(ctx context.Context, subs []feed.Subscription, progress func(refresh.Progress)) ([]refresh.Result, error)
	// Interval is the auto-refresh period; 0 turns auto-refresh off.
	Interval time.Duration
	// Offline shows the cache only and never fetches.
	Offline bool
}

// rowState is what the list knows of an item beyond the item itself.
type rowState struct {
	feedName string
	stored   bool // in the cache: the body loads from the store on open
	read     bool
	starred  bool
	fresh    bool // arrived with the last refresh
}

type (
	// cachedMsg carries the cache's headlines.
	cachedMsg struct {
		items []*feed.Item
		state map[itemKey]*rowState
		feeds []store.FeedInfo
		err   error
	}
	// refreshStartedMsg hands the model the channel progress arrives on.
	refreshStartedMsg struct {
		progress <-chan refresh.Progress
		done     <-chan refreshDoneMsg
		started  time.Time
		total    int
	}
	refreshProgressMsg refresh.Progress
	refreshDoneMsg     struct {
		results []refresh.Result
		err     error
		started time.Time
	}
	autoRefreshMsg struct{ gen int }
	stateSavedMsg  struct{ err error }
)

// cachedCmd reads the headlines of every subscription from the store, with
// no bodies, so the list of ten thousand items shows at once. Items first
// seen since since (a refresh's start; zero for none) are marked new.
func (m Model) cachedCmd(since time.Time) tea.Cmd {
	lib := m.cfg.Library
	return func() tea.Msg {
		ctx := context.Background()
		feeds, err := lib.Store.Feeds(ctx)
		if err != nil {
			return cachedMsg{err: err}
		}
		want := make(map[string]bool, len(lib.Feeds))
		for _, s := range lib.Feeds {
			want[s.URL] = true
		}
		var shown []store.FeedInfo
		for _, f := range feeds {
			if want[f.URL] {
				shown = append(shown, f)
			}
		}
		hs, err := lib.Store.Headlines(ctx, store.Query{})
		if err != nil {
			return cachedMsg{err: err}
		}
		msg := cachedMsg{feeds: shown, state: make(map[itemKey]*rowState, len(hs)), items: make([]*feed.Item, 0, len(hs))}
		for _, h := range hs {
			if !want[h.Feed] {
				continue
			}
			it := &feed.Item{ID: h.ID, Title: h.Title, Link: h.Link, Published: h.Published, Categories: h.Categories, Source: h.Feed}
			msg.items = append(msg.items, it)
			msg.state[keyOf(it)] = &rowState{
				feedName: h.FeedName, stored: true, read: h.Read, starred: h.Starred,
				fresh: !since.IsZero() && !h.Read && !h.FirstSeen.Before(since),
			}
		}
		return msg
	}
}

// refreshCmd starts a background refresh of every subscription, or with
// onlyDue of those whose interval has passed. Progress and the end arrive
// as messages, read from channels one at a time.
func (m Model) refreshCmd(onlyDue ...bool) tea.Cmd {
	lib := m.cfg.Library
	if lib == nil || lib.Offline || lib.Refresh == nil || len(lib.Feeds) == 0 {
		return nil
	}
	now := m.cfg.Now
	due := len(onlyDue) > 0 && onlyDue[0]
	return func() tea.Msg {
		subs := lib.Feeds
		if due {
			subs = dueFeeds(lib, now())
			if len(subs) == 0 {
				return nil
			}
		}
		progress := make(chan refresh.Progress, len(subs))
		done := make(chan refreshDoneMsg, 1)
		started := now()
		go func() {
			results, err := lib.Refresh(context.Background(), subs, func(p refresh.Progress) { progress <- p })
			close(progress)
			done <- refreshDoneMsg{results: results, err: err, started: started}
		}()
		return refreshStartedMsg{progress: progress, done: done, started: started, total: len(subs)}
	}
}

// dueFeeds are the subscriptions whose own interval, or the library's,
// has passed since their last fetch. A feed whose interval is off is
// never due.
func dueFeeds(lib *Library, now time.Time) []feed.Subscription {
	infos, err := lib.Store.Feeds(context.Background())
	if err != nil {
		return lib.Feeds
	}
	byURL := make(map[string]store.FeedInfo, len(infos))
	for _, f := range infos {
		byURL[f.URL] = f
	}
	var due []feed.Subscription
	for _, s := range lib.Feeds {
		if s.Interval <= 0 && lib.Interval <= 0 {
			continue
		}
		if refresh.Due(s, byURL[s.URL], lib.Interval, now) {
			due = append(due, s)
		}
	}
	return due
}

// tickInterval is how often auto-refresh looks for due feeds: the
// shortest interval in use, at least once a minute, or 0 when every
// interval is off. Checking often costs one small query, and a feed
// another process fetched meanwhile is then due again on time, not a
// whole interval late.
func (lib *Library) tickInterval() time.Duration {
	d := lib.Interval
	for _, s := range lib.Feeds {
		if s.Interval > 0 && (d <= 0 || s.Interval < d) {
			d = s.Interval
		}
	}
	if d > time.Minute {
		d = time.Minute
	}
	return d
}

// waitRefresh waits for the next progress report, or the end.
func waitRefresh(progress <-chan refresh.Progress, done <-chan refreshDoneMsg) tea.Cmd {
	return func() tea.Msg {
		if p, ok := <-progress; ok {
			return refreshProgressMsg(p)
		}
		return <-done
	}
}

// autoRefreshCmd fires after the auto-refresh interval. gen tags it so a
// manual refresh restarts the period and stale ticks are dropped.
func (m Model) autoRefreshCmd() tea.Cmd {
	lib := m.cfg.Library
	if lib == nil || lib.Offline || lib.tickInterval() <= 0 {
		return nil
	}
	gen := m.refreshGen
	return tea.Tick(lib.tickInterval(), func(time.Time) tea.Msg { return autoRefreshMsg{gen: gen} })
}

// saveStateCmd writes an item's read and starred state to the store.
func (m Model) saveStateCmd(it *feed.Item, st rowState) tea.Cmd {
	if m.cfg.Library == nil || !st.stored {
		return nil
	}
	s := m.cfg.Library.Store
	return func() tea.Msg {
		ctx := context.Background()
		err := s.SetRead(ctx, it.Source, it.ID, st.read)
		if err == nil {
			err = s.SetStarred(ctx, it.Source, it.ID, st.starred)
		}
		return stateSavedMsg{err: err}
	}
}

// loadArticle returns an item with its body and its Markdown: from the
// store for a cached row, or converted from the item itself (md, when
// haveMD, is its earlier conversion).
func loadArticle(s *store.Store, it *feed.Item, stored bool, md string, haveMD bool) (*feed.Item, string, error) {
	if stored && s != nil {
		return s.ReadArticle(context.Background(), it.Source, it.ID)
	}
	if haveMD {
		return it, md, nil
	}
	md, err := convert.Markdown(it)
	return it, md, err
}

// offlineNote says the list shows the cache because a refresh failed:
// "오프라인 · 3시간 전 저장".
func offlineNote(now time.Time, feeds []store.FeedInfo) string {
	var last time.Time
	for _, f := range feeds {
		if f.LastSuccess.After(last) {
			last = f.LastSuccess
		}
	}
	if last.IsZero() {
		return "오프라인 · 저장된 기사 없음"
	}
	when := render.RelativeTime(now, last)
	if when == "방금" {
		return "오프라인 · 방금 저장"
	}
	if len(when) > 0 && when[len(when)-1] >= '0' && when[len(when)-1] <= '9' {
		return "오프라인 · " + when + " 저장" // a date
	}
	return "오프라인 · " + when + " 저장"
}
