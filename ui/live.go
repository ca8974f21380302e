package ui

import (
	"context"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed/alert"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
)

// This file is the live side of the list: the stories folded from several
// outlets' items, the mark of what the reader has seen across runs, and
// the alerts of the [[alert]] rules.

// readerMark names the reader's mark of the newest arrival it has shown
// (Library.WatchMark), for one set of sources: what came in after it is
// new the next time the reader starts.
func readerMark(src library.Sources) string { return "reader\x1f" + src.Key() }

// story is one event that several items report, folded into one row.
type story struct {
	// members are the story's items in the order they were published,
	// its first report, the lead, first.
	members []*library.Entry
}

// stories maps each item of a folded story to its story.
type stories map[*library.Entry]*story

// groupBatch folds the stories of a batch's entries, newest first. It
// runs in the command that loaded them, off the Update loop: grouping ten
// thousand headlines takes tens of milliseconds.
func groupBatch(lib *library.Library, b *library.Batch) stories {
	if b == nil || len(b.Entries) < 2 || !lib.Grouping() {
		return nil
	}
	var rows []library.Row
	if b.Source == "" && !b.Head {
		// The whole cache: folded as it was last time, when nothing came
		// in since.
		rows = lib.Fold(context.Background(), "reader", b.Entries)
	} else {
		rows = library.GroupEntries(b.Entries)
	}
	return storiesOf(rows)
}

// storiesOf maps the items of the folded rows to their stories.
func storiesOf(rows []library.Row) stories {
	var out stories
	for _, r := range rows {
		if !r.Folded() {
			continue
		}
		if out == nil {
			out = stories{}
		}
		s := &story{members: r.Members}
		for _, e := range r.Members {
			out[e] = s
		}
	}
	return out
}

// rowFold is what a row of the list shows of its story.
type rowFold struct {
	story *story
	// size is how many of the story's items the row holds; others how
	// many outlets besides the row's reported it.
	size, others int
	// member is an item of an expanded story, drawn indented under its
	// row; expanded marks the row itself.
	member, expanded bool
	// items are the story's items on show, its row's first, when it is
	// folded: what m marks.
	items []*library.Entry
	// A folded row is new, an alert, unread or starred when one of its
	// items is: a report that joins an old story shows on the story's
	// row, and so does a star put on a report in the expanded rows.
	fresh, alerted, unread, starred bool
}

// suffix follows a folded row's title in a column w cells wide: " · 가람일보
// 외 4곳", or " · 3건" for one outlet's several reports; " · 5곳" where
// the title would keep less than half the column, and "" where it would
// keep less than 6 cells even so.
//
// An item of an expanded story, whose reports often share one title, is
// told apart by its outlet, " · 가람일보", where no feed column shows it
// (feedShown false).
func (f rowFold) suffix(l lang.Lang, e *library.Entry, w int, feedShown bool) string {
	if f.member && !feedShown && e.FeedName != "" {
		if c := " · " + e.FeedName; w-render.Width(c) >= w/2 {
			return c
		}
		return ""
	}
	if f.member || f.size < 2 {
		return ""
	}
	var choices []string
	if f.others > 0 {
		if e.FeedName != "" {
			choices = append(choices, l.FoldSuffix(e.FeedName, f.others, f.size))
		}
		choices = append(choices, " · "+l.FoldedOthers("", f.others))
	} else {
		choices = append(choices, l.FoldSuffix("", 0, f.size))
	}
	for i, c := range choices {
		left := w - render.Width(c)
		if left >= w/2 || i == len(choices)-1 && left >= 6 {
			return c
		}
	}
	return ""
}

// allFoldedMsg carries the stories of every entry on show, folded
// across the loads that brought them (foldAllCmd); gen is the fold's.
type allFoldedMsg struct {
	gen     uint64
	stories stories
}

// foldAllCmd folds the stories of every entry on show when they came
// from more than one load (several local files, or local files beside
// the cache): each load folds its own entries as it arrives, and this
// folds them together, so that a story two files report is one row, as
// `sokbo list` folds it. A load that lands meanwhile makes the result
// stale: only the last one asked for is applied.
func (m *Model) foldAllCmd() tea.Cmd {
	m.live.foldGen++
	if !m.lib.Grouping() || m.view.Head() || m.view.Loads() < 2 {
		return nil
	}
	gen, lib, entries := m.live.foldGen, m.lib, m.view.Items(library.Filter{})
	return func() tea.Msg {
		return allFoldedMsg{gen: gen, stories: storiesOf(lib.Fold(context.Background(), "reader, all loads", entries))}
	}
}

// setStories keeps the stories of a load: the cache's (source "") or a
// local source's, in place of those of its last load.
func (m *Model) setStories(source string, s stories) {
	if source == "" {
		m.live.cachedStories = s
	} else {
		if m.live.localStories == nil {
			m.live.localStories = map[string]stories{}
		}
		m.live.localStories[source] = s
	}
	all := stories{}
	for e, st := range m.live.cachedStories {
		all[e] = st
	}
	for _, ls := range m.live.localStories {
		for e, st := range ls {
			all[e] = st
		}
	}
	m.live.stories = all
}

// fold turns the entries that pass the filter, newest first, into the
// rows of the list: each story with more than one item on show is one
// row where its newest item on show sits, holding its first report on
// show; an expanded story's other items follow it in the order they were
// published. Stories are folded when loaded, so this costs a map lookup
// per entry.
func (m *Model) fold(items []*library.Entry) ([]*library.Entry, []rowFold) {
	if len(m.live.stories) == 0 {
		return items, nil
	}
	shown := map[*story]int{}
	for _, e := range items {
		if s := m.live.stories[e]; s != nil {
			shown[s]++
		}
	}
	folded := false
	for _, n := range shown {
		folded = folded || n > 1
	}
	if !folded {
		return items, nil
	}
	out := make([]*library.Entry, 0, len(items))
	folds := make([]rowFold, 0, len(items))
	done := map[*story]bool{}
	var on map[*library.Entry]bool
	for _, e := range items {
		s := m.live.stories[e]
		if s == nil || shown[s] < 2 {
			out = append(out, e)
			folds = append(folds, rowFold{})
			continue
		}
		if done[s] {
			continue
		}
		done[s] = true
		// The members on show, in the order they were published.
		ms := s.members
		if shown[s] < len(s.members) {
			if on == nil {
				on = make(map[*library.Entry]bool, len(items))
				for _, x := range items {
					on[x] = true
				}
			}
			ms = make([]*library.Entry, 0, shown[s])
			for _, x := range s.members {
				if on[x] {
					ms = append(ms, x)
				}
			}
		}
		lead := ms[0]
		outlets := map[string]bool{}
		for _, x := range ms[1:] {
			if x.FeedName != lead.FeedName && x.FeedName != "" {
				outlets[x.FeedName] = true
			}
		}
		open := m.live.expanded[s.members[0].Key()]
		f := rowFold{story: s, size: len(ms), others: len(outlets), expanded: open}
		if !open {
			f.items = ms
			for _, x := range ms {
				f.fresh = f.fresh || x.Fresh
				f.unread = f.unread || !x.Read
				f.alerted = f.alerted || !x.Read && m.list.alerts[x.Key()]
				f.starred = f.starred || x.Starred
			}
		}
		out = append(out, lead)
		folds = append(folds, f)
		if open {
			for _, x := range ms[1:] {
				out = append(out, x)
				folds = append(folds, rowFold{story: s, member: true})
			}
		}
	}
	return out, folds
}

// currentFold is the fold of the row under the cursor.
func (m Model) currentFold() rowFold {
	if c := m.list.cursor; c >= 0 && c < len(m.list.folds) {
		return m.list.folds[c]
	}
	return rowFold{}
}

// toggleStory expands the story of the row under the cursor, or folds it
// again, the cursor then on its row.
func (m Model) toggleStory() (Model, bool) {
	f := m.currentFold()
	if f.story == nil {
		return m, false
	}
	k := f.story.members[0].Key()
	if m.live.expanded == nil {
		m.live.expanded = map[library.Key]bool{}
	}
	if m.live.expanded[k] {
		delete(m.live.expanded, k)
		// The cursor goes back to the story's row.
		for i := m.list.cursor; i >= 0; i-- {
			if i < len(m.list.folds) && m.list.folds[i].story == f.story && !m.list.folds[i].member {
				m.list.cursor = i
				break
			}
		}
	} else {
		m.live.expanded[k] = true
	}
	m.refilter()
	return m, true
}

// liveState is what the live list keeps besides the View.
type liveState struct {
	// stories are the folded stories of every load on show, by entry.
	stories       stories
	cachedStories stories
	localStories  map[string]stories
	// expanded are the stories the reader expanded, by their lead.
	expanded map[library.Key]bool

	// mark is the newest arrival the reader has shown, kept across runs.
	mark time.Time
	// besideLast is the cache's last arrival when the reader last read
	// what another process stored (storedBesideMsg): one of a feed not
	// on show reads the cache once, not at every tick.
	besideLast time.Time
	// announce is set once arrivals are news to the reader: from the
	// start when it has run before or the cache held items, else after
	// its first refresh, whose items are all it has ever seen and are
	// marked, not announced.
	announce bool
	// loading is set while the cache is being read; again asks for one
	// more read when it is back, of the items since againSince.
	loading    bool
	again      bool
	againDone  bool
	againSince time.Time
	// roundStarted is when the refresh round that ended last began, and
	// roundNote the notice showRound put in the footer for it, until the
	// read after it is back (countStoredBeside).
	roundStarted time.Time
	roundNote    notice

	// foldGen numbers the folds across loads (foldAllCmd).
	foldGen uint64
	// indexing is set once the search index's background catch-up has
	// started, after the first whole read of the cache.
	indexing bool

	// checked are the arrivals the alert rules have seen; alerted the
	// stories notified, by their lead.
	checked map[library.Key]bool
	alerted map[library.Key]bool
	// recalled is set once the first whole read of the cache has
	// highlighted the recent unread matches of the alert rules.
	recalled bool
	lastNote notice
	noteKey  library.Key
	hasNote  bool
	// desktopFailed is set once a desktop notification failed, which
	// the footer says once.
	desktopFailed bool
}

// arrivalsSince is where the arrivals a refresh that began at started
// brings to the reader begin: at started, or earlier, just after the
// newest arrival the reader has shown, when another process (sokbo watch
// beside it, a cron refresh) stored items meanwhile. Those are news to
// this reader too: marked new, and an alert's notice shows (see
// applyArrivals, which leaves their notifying to that process).
func (m Model) arrivalsSince(started time.Time) time.Time {
	if mark := m.live.mark; !mark.IsZero() && mark.Add(time.Nanosecond).Before(started) {
		return mark.Add(time.Nanosecond)
	}
	return started
}

// countStoredBeside adds to the footer's count of a refresh round the
// items another process (sokbo watch beside, a cron refresh) stored after
// the reader last showed the cache and before the round began. The read
// after the round marks them new with the round's own (arrivalsSince),
// and the footer says as many as the list marks: "새 기사 2건", not "새
// 기사 없음". msg is that read.
func (m *Model) countStoredBeside(msg cachedMsg) {
	started := m.live.roundStarted
	if msg.batch == nil || !msg.since.Before(started) {
		return
	}
	round := m.live.roundNote
	m.live.roundStarted, m.live.roundNote = time.Time{}, notice{}
	beside := 0
	for _, e := range msg.batch.Entries {
		if !e.FirstSeen.Before(msg.since) && e.FirstSeen.Before(started) {
			beside++
		}
	}
	if beside == 0 || len(m.refresher.failures) > 0 {
		return
	}
	n := info(m.lang.RefreshedNew(round.news + beside))
	n.background, n.news = !m.refresher.manual, round.news+beside
	switch {
	case round.empty():
		m.showRound(n) // a round that found nothing said nothing
	case m.status == round:
		m.status = n
	}
}

// loadCache asks for the cache, marking the items first stored since
// since new; one read at a time, and one more after it when asked again
// meanwhile (a refresh's feeds answer faster than the cache is read).
// done says a refresh has ended.
func (m *Model) loadCache(since time.Time, done bool) tea.Cmd {
	if m.live.loading {
		m.live.again = true
		m.live.againDone = m.live.againDone || done
		if m.live.againSince.IsZero() || since.Before(m.live.againSince) {
			m.live.againSince = since
		}
		return nil
	}
	m.live.loading = true
	read := m.cacheReader()
	return func() tea.Msg {
		msg := read(since)
		msg.refreshed = done
		return msg
	}
}

// firstCacheCmd reads the cache when the reader starts: the items that
// came in since the reader last showed them are marked new.
func (m Model) firstCacheCmd() tea.Cmd {
	lib, name := m.lib, readerMark(m.cfg.Sources)
	read := m.headReader(headRows)
	return func() tea.Msg {
		mark, ok, err := lib.WatchMark(context.Background(), name)
		if err != nil || !ok {
			// Never run, or an unreadable mark: nothing is new, rather
			// than everything. But a cache that a watch or a cron
			// refresh filled is the reader's past, as a mark would be:
			// what its refresh brings is news, announced.
			msg := read(time.Time{})
			msg.marked = msg.batch != nil && len(msg.batch.Entries) > 0
			return msg
		}
		msg := read(mark.Add(time.Nanosecond))
		msg.first, msg.marked = true, true
		return msg
	}
}

// alertMemory is how far back the reader, when it starts, highlights the
// unread items the alert rules match: breaking news of the last day.
const alertMemory = 24 * time.Hour

// recallAlerts highlights, without announcing them, the unread entries
// first stored within alertMemory that an alert rule matches, so that a
// reader opened again shows the alerts it showed before. It runs once, on
// the first whole read of the cache.
func (m *Model) recallAlerts(entries []*library.Entry) {
	rules := m.lib.Alerter().Rules()
	if len(rules) == 0 {
		return
	}
	if m.list.alerts == nil {
		m.list.alerts = map[library.Key]bool{}
	}
	since := m.cfg.Now().Add(-alertMemory)
	for _, e := range entries {
		if e.Read || !e.Cached || e.FirstSeen.Before(since) {
			continue
		}
		it := library.AlertItem(e)
		if slices.ContainsFunc(rules, func(r *alert.Rule) bool { return r.Match(it) }) {
			m.list.alerts[e.Key()] = true
		}
	}
}

// headRows is how many of the newest headlines the reader reads first, to
// draw its first screen from: more than a tall terminal shows.
const headRows = 200

// headLoaded applies the first read of the cache when it read only its
// newest headlines: the first screen shows them, with the counts of the
// whole cache, while the rest is read. Input waits (see hold) until the
// rest is in, so that scrolling, G, the filters and search act on every
// item. The rest is read as the head was, since the same mark, and its
// cachedMsg does what the first read of a small cache does.
func (m Model) headLoaded(msg cachedMsg) (tea.Model, tea.Cmd) {
	if m.pending > 0 && !m.view.Loaded() {
		m.pending--
	}
	m.view.Add(msg.batch)
	m.setStories("", msg.stories)
	m.rebuild()
	read := m.cacheReader()
	return m, func() tea.Msg {
		rest := read(msg.since)
		rest.first, rest.marked = msg.first, msg.marked
		return rest
	}
}

// hold keeps an input message while the list holds only the cache's
// head, or while the screen says it is loading (firstReadPending), to be
// applied once there is a list to act on (replay); quitting and
// suspending never wait.
func (m *Model) hold(msg tea.Msg) bool {
	if !m.view.Head() && !m.firstReadPending() {
		return false
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Quit, m.keys.ForceQuit, m.keys.Suspend) {
			return false
		}
	case tea.MouseClickMsg, tea.MouseWheelMsg, tea.PasteMsg:
	default:
		return false
	}
	m.held = append(m.held, msg)
	return true
}

// firstReadPending reports whether the screen says it is loading: no
// source has been read yet (a local file, or the cache of the
// subscriptions), and nothing is on show. Once something is, keys act on
// what is on show, and sources that come later do not move the cursor's
// row.
func (m *Model) firstReadPending() bool {
	return m.pending > 0 && m.view.Len() == 0
}

// replay applies the input held while the list held only the cache's
// head, in the order it came.
func (m Model) replay() (tea.Model, tea.Cmd) {
	held := m.held
	m.held = nil
	var next tea.Model = m
	var cmds []tea.Cmd
	for _, msg := range held {
		var cmd tea.Cmd
		next, cmd = next.Update(msg)
		cmds = append(cmds, cmd)
	}
	return next, tea.Sequence(cmds...)
}

// applyArrivals follows up a cache read: it moves the reader's mark up to
// the newest arrival shown, and runs the alert rules over the items that
// came in since the read's since (notifying for a refresh's, only
// highlighting for those that came while the reader was away).
func (m *Model) applyArrivals(msg cachedMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.newest.After(m.live.mark) {
		m.live.mark = msg.newest
		lib, name, seen := m.lib, readerMark(m.cfg.Sources), msg.newest
		cmds = append(cmds, func() tea.Msg {
			if err := lib.SetWatchMark(context.Background(), name, seen); err != nil {
				return markSavedMsg{err: err}
			}
			return nil
		})
	}
	if msg.marked {
		m.live.announce = true
	}
	quiet := msg.first || !m.live.announce
	if msg.refreshed {
		// After the first refresh what comes is news.
		m.live.announce = true
	}
	alerter := m.lib.Alerter()
	if alerter != nil && msg.batch != nil && !m.live.recalled {
		m.live.recalled = true
		m.recallAlerts(msg.batch.Entries)
	}
	if alerter == nil || msg.since.IsZero() || msg.batch == nil {
		return tea.Batch(cmds...)
	}
	if m.live.checked == nil {
		m.live.checked, m.live.alerted = map[library.Key]bool{}, map[library.Key]bool{}
	}
	if m.list.alerts == nil {
		m.list.alerts = map[library.Key]bool{}
	}
	now := m.cfg.Now()
	var newest *library.Entry
	// Oldest arrival first, so that the rate limit lets the first through.
	for i := len(msg.batch.Entries) - 1; i >= 0; i-- {
		e := msg.batch.Entries[i]
		if e.FirstSeen.Before(msg.since) || e.Read {
			continue
		}
		k := e.Key()
		if m.live.checked[k] {
			continue
		}
		m.live.checked[k] = true
		it := library.AlertItem(e)
		if quiet {
			// Old news: highlighted, not announced.
			if slices.ContainsFunc(alerter.Rules(), func(r *alert.Rule) bool { return r.Match(it) }) {
				m.list.alerts[k] = true
			}
			continue
		}
		v := alerter.Check(it, now)
		if len(v.Matched) == 0 {
			continue
		}
		m.list.alerts[k] = true
		newest = e
		lead := k
		if s := m.live.stories[e]; s != nil {
			lead = s.members[0].Key()
		}
		if v.Notify == "" || m.live.alerted[lead] {
			continue
		}
		if !m.refresher.started.IsZero() && e.FirstSeen.Before(m.refresher.started) {
			// Stored by another process before this reader's refresh:
			// it shows the notice, and that process notified.
			m.live.alerted[lead] = true
			continue
		}
		m.live.alerted[lead] = true
		cmds = append(cmds, m.notifyCmd(alert.NewMessage(e.FeedName, e.Title, it.Key)))
	}
	if newest != nil {
		m.live.lastNote = newNotice(noticeInfo, m.lang.AlertNote(newest.FeedName, newest.Title))
		m.live.noteKey, m.live.hasNote = newest.Key(), true
	}
	return tea.Batch(cmds...)
}

// Notifier sends a desktop notification (alert.NotifySend does).
type Notifier interface {
	Send(ctx context.Context, m alert.Message) error
}

// notifiedMsg reports a desktop notification sent, or why not.
type notifiedMsg struct{ err error }

// notifyCmd sends an alert's notification: the terminal's sequence,
// written between frames, and the desktop's, off the loop. Both carry
// only what alert.NewMessage cleaned.
func (m Model) notifyCmd(msg alert.Message) tea.Cmd {
	var cmds []tea.Cmd
	if seq := m.cfg.Terminal.Sequence(msg); seq != "" {
		cmds = append(cmds, tea.Raw(seq))
	}
	if d := m.cfg.Desktop; d != nil {
		cmds = append(cmds, func() tea.Msg {
			return notifiedMsg{err: d.Send(context.Background(), msg)}
		})
	}
	return tea.Batch(cmds...)
}

// alertLine is the notice of the last alert under the header, until its
// item is read.
func (m Model) alertLine() (string, bool) {
	if !m.live.hasNote {
		return "", false
	}
	if e := m.view.Lookup(m.live.noteKey); e == nil || e.Read {
		return "", false
	}
	return m.styles.alert.Render(render.TruncateTitle(m.live.lastNote.text, m.width)), true
}

// newLabel is the header's count of new items above the window:
// "↑ 새 기사 3건".
func (m Model) newLabel() string {
	if n := m.list.newAbove(); n > 0 {
		return m.lang.NewAbove(n)
	}
	return ""
}
