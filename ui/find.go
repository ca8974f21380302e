package ui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/feed/search"
	"sokbo/render"
)

// Finding things: the search field (/), the feed list's choice (F), and
// what they narrow the list to; marking all of it read (A); and moving
// from match to match, article to article and unread to unread (n N J K).
//
// A search runs in a tea.Cmd that asks the library, tagged with a
// generation so that the results of a keystroke the reader has already
// typed past are dropped. It fetches the first searchLimit cached matches
// (two screens; the store answers that in a few milliseconds even for
// 50k items) and more as the cursor nears the end of them.

// Messages of finding.
type (
	// searchResultMsg carries the results of search gen.
	searchResultMsg struct {
		gen   int
		hits  *library.Hits
		err   error
		first bool // a new query, not more of the one on show
		// again: the same query, run again because the cache changed
		// under it; what it adds arrived, as a refresh's items do.
		again bool
	}
	// viewCountsMsg carries each saved view's matches, for its unread
	// count in the feed list; nil where its search failed.
	viewCountsMsg struct {
		gen  int
		hits []*library.Hits
	}
	// indexedMsg reports an index build in the background: at the
	// reader's start, and after a refresh round.
	indexedMsg struct {
		n   int
		err error
	}
)

// msgSearchPrompt is the prompt of the search field.
const msgSearchPrompt = "/"

// markAllAsk is how many unread items A marks without asking first.
const markAllAsk = 50

// findState is the root's state of finding. The zero value is no search
// and the whole list.
type findState struct {
	input  searchModel
	typing bool   // the search field has the keys
	text   string // the search on show, as typed; "" for none
	scope  scope  // the feed list's choice
	// gen tags searches; stop ends the one in flight.
	gen  int
	stop context.CancelFunc
	// limit is how many cached matches the search on show asked for (0:
	// all); hits are what it found, query its query; pending says a
	// search is under way.
	limit   int
	hits    *library.Hits
	query   *search.Query
	pending bool
	err     error // the query's syntax error, shown while typing
	// markAll: A waits for every match before it counts them.
	markAll bool
	// toEnd: G (end) waits for every match, then goes to the last.
	toEnd bool
	// confirm is how many unread items A asks about; 0 when it does not.
	confirm int

	feeds    feedListModel
	countGen int
	counts   map[string]int // saved views' unread counts, by name
}

// badQuery reports whether the search on show cannot be read.
func (f *findState) badQuery() bool {
	var se *search.SyntaxError
	return errors.As(f.err, &se)
}

// searching reports whether the list shows a query's matches: a saved
// view or a search.
func (f *findState) searching() bool { return f.text != "" || f.scope.kind == scopeView }

// queryText is the query the list shows: the saved view's and the
// search's, both of which must match; incremental when there is typed
// text, whose last word may still be composing.
func (f *findState) queryText() (text string, incremental bool) {
	var parts []string
	if f.scope.kind == scopeView {
		parts = append(parts, f.scope.value)
	}
	if f.text != "" {
		parts = append(parts, f.text)
	}
	return strings.Join(parts, " "), f.text != ""
}

// searchLimit is how many cached matches a new search fetches: two
// screens, which the store finds in a few milliseconds; moreHits asks for
// more as the cursor goes down them.
func (m Model) searchLimit() int { return max(50, 2*m.list.rows()) }

// searchCmd starts the search the list should show, dropping any in
// flight. first is a new query (the cursor goes to its first match);
// otherwise it fetches more of the one on show, up to m.find.limit.
func (m *Model) searchCmd(first bool) tea.Cmd { return m.startSearch(first, false) }

// startSearch is searchCmd; again runs the search on show again because
// the cache changed under it (research).
func (m *Model) startSearch(first, again bool) tea.Cmd {
	m.find.gen++
	if m.find.stop != nil {
		m.find.stop()
		m.find.stop = nil
	}
	text, incremental := m.find.queryText()
	if text == "" {
		m.find.hits, m.find.query, m.find.err, m.find.pending = nil, nil, nil, false
		m.applyFind(first, again)
		return nil
	}
	if first {
		m.find.limit = m.searchLimit()
		m.find.toEnd = false
	}
	ctx, stop := context.WithCancel(context.Background())
	m.find.stop, m.find.pending = stop, true
	gen, lib, src, limit := m.find.gen, m.lib, m.cfg.Sources, m.find.limit
	// Local entries are matched in the command too, from a copy taken
	// here: a folder of thousands of posts takes a while to match.
	locals := m.view.LocalSnapshot(m.lib)
	return func() tea.Msg {
		defer stop()
		q, err := lib.ParseQuery(text, incremental)
		if err != nil {
			return searchResultMsg{gen: gen, err: err, first: first, again: again}
		}
		hits, err := lib.Search(ctx, src, q, limit)
		if err == nil {
			err = hits.MatchLocal(ctx, locals)
		}
		return searchResultMsg{gen: gen, hits: hits, err: err, first: first, again: again}
	}
}

// research runs the search on show again, as the cache changed under it,
// and counts the open feed list's rows again.
func (m *Model) research() tea.Cmd {
	if m.state == stateFeeds {
		m.find.feeds.setRows(m.feedRows())
	}
	if !m.find.searching() {
		return nil
	}
	return m.startSearch(false, true)
}

// applyFind narrows the list to the scope and the search's hits; first
// puts the cursor on the first row. again says the hits are the search on
// show run again as the cache changed: the list keeps the cursor's row
// as it does for any arrival.
func (m *Model) applyFind(first, again bool) {
	f := &m.filter
	f.Feed, f.Tag, f.Starred, f.Hits = "", "", false, nil
	switch m.find.scope.kind {
	case scopeFeed:
		f.Feed = m.find.scope.value
	case scopeTag:
		f.Tag = m.find.scope.value
	case scopeStarred:
		f.Starred = true
	}
	m.list.highlight = nil
	if m.find.searching() {
		f.Hits = m.find.hits
		m.list.highlight = m.find.query
	}
	m.article.setQuery(m.articleQuery())
	m.applyFilter(again)
	if first {
		m.list.cursor, m.list.offset = 0, 0
		m.list.clamp()
	}
}

// updateFind handles the messages of finding.
func (m Model) updateFind(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case searchResultMsg:
		if msg.gen != m.find.gen {
			return m, nil // a keystroke typed past
		}
		m.find.pending = false
		if msg.err != nil {
			if !errors.Is(msg.err, context.Canceled) {
				m.find.err = msg.err
				var se *search.SyntaxError
				if errors.As(msg.err, &se) {
					// A query that cannot be read matches nothing: the
					// list empties and says why, rather than keep the
					// last good query's rows as if they were its.
					m.find.hits, m.find.query = library.NoHits(), nil
					m.applyFind(msg.first, msg.again)
					// Submitted before the parse said it was bad: the
					// field comes back to say so.
					if m.find.text != "" {
						m.find.typing = true
					}
				}
			}
			m.layout()
			return m, nil
		}
		m.find.err = nil
		m.find.hits, m.find.query = msg.hits, msg.hits.Query()
		m.applyFind(msg.first, msg.again)
		if m.find.toEnd && msg.hits.Complete() {
			m.find.toEnd = false
			m.list.cursor = len(m.list.items) - 1
			m.list.clamp()
		}
		if m.find.markAll && msg.hits.Complete() {
			m.find.markAll = false
			return m.markAll()
		}
		return m, nil

	case viewCountsMsg:
		if msg.gen != m.find.countGen {
			return m, nil
		}
		m.find.counts = map[string]int{}
		for i, v := range m.lib.Views() {
			if i < len(msg.hits) && msg.hits[i] != nil {
				m.find.counts[v.Name] = len(m.view.Items(library.Filter{Hits: msg.hits[i], UnreadOnly: true}))
			}
		}
		if m.state == stateFeeds {
			m.find.feeds.setRows(m.feedRows())
		}
		return m, nil

	case indexedMsg:
		if msg.err != nil && !errors.Is(msg.err, library.ErrCache) && !errors.Is(msg.err, context.Canceled) {
			m.status = m.problem(noticeError, m.lang.IndexFailed(), msg.err)
		}
		return m, nil

	case tea.PasteMsg:
		if m.find.typing {
			var ev searchEvent
			m.find.input, ev = m.find.input.Update(msg)
			if ev == searchChanged {
				m.find.text = m.find.input.Value()
				return m, m.searchCmd(true)
			}
		}
		return m, nil
	}
	return m, nil
}

// indexCmd indexes, in the background, what the cache has queued for
// search: all of it after the migration that made the index, which takes
// a while for a large cache; searches are exact meanwhile, only slower.
func (m Model) indexCmd() tea.Cmd { return indexCmd(m.lib) }

func indexCmd(lib *library.Library) tea.Cmd {
	return func() tea.Msg {
		n, err := lib.IndexPending(context.Background())
		return indexedMsg{n: n, err: err}
	}
}

// findKey handles the keys of finding. ok is false for a key it leaves
// to the root.
func (m Model) findKey(msg tea.KeyPressMsg) (_ Model, _ tea.Cmd, ok bool) {
	if key.Matches(msg, m.keys.ForceQuit) {
		return m, nil, false
	}
	switch {
	case m.find.typing:
		return m.typingKey(msg)
	case m.find.confirm > 0:
		return m.confirmKey(msg)
	case m.showHelp:
		return m, nil, false
	case m.state == stateFeeds:
		return m.feedListKey(msg)
	case m.state == stateArticle:
		return m.articleFindKey(msg)
	}
	return m.listFindKey(msg)
}

// typingKey edits the search field; the list narrows as the text changes.
func (m Model) typingKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	var ev searchEvent
	m.find.input, ev = m.find.input.Update(msg)
	switch ev {
	case searchChanged:
		m.find.text = m.find.input.Value()
		return m, m.searchCmd(true), true
	case searchSubmit:
		if m.find.err != nil {
			// A query that does not parse matched nothing: the field
			// stays, with what is wrong at its right, to be mended.
			return m, nil, true
		}
		// The narrowed list stays, and the keys are the list's again.
		m.find.typing = false
		m.find.err = nil
		m.layout()
		return m, nil, true
	case searchCancel:
		m.find.typing = false
		return m, m.clearSearch(), true
	case searchPass:
		var k tea.KeyPressMsg
		switch msg.String() {
		case "ctrl+p":
			k = tea.KeyPressMsg{Code: tea.KeyUp}
		case "ctrl+n":
			k = tea.KeyPressMsg{Code: tea.KeyDown}
		default:
			k = msg
		}
		m.list, _ = m.list.Update(k)
		return m, m.moreHits(), true
	}
	return m, nil, true
}

// clearSearch drops the typed search; the scope stays, and the cursor
// stays on the item it was on.
func (m *Model) clearSearch() tea.Cmd {
	m.find.text, m.find.err = "", nil
	m.find.input.SetValue("")
	m.layout()
	return m.searchCmd(false)
}

// listFindKey handles /, F, A, n, N and esc in the list.
func (m Model) listFindKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Search):
		m.find.typing = true
		m.find.input = newSearch(msgSearchPrompt)
		m.find.input.SetValue(m.find.text)
		m.layout()
		return m, nil, true
	case key.Matches(msg, m.keys.FeedList):
		return m.openFeedList()
	case key.Matches(msg, m.keys.MarkAll):
		m, cmd := m.markAll()
		return m, cmd, true
	case key.Matches(msg, m.keys.Next), key.Matches(msg, m.keys.Prev):
		dir := 1
		if key.Matches(msg, m.keys.Prev) {
			dir = -1
		}
		i := m.list.cursor
		j, ok := m.unreadFrom(i, dir)
		if !ok {
			m.status = info(m.lang.NoMoreUnread())
			return m, nil, true
		}
		m.list.cursor = j
		m.list.clamp()
		m.noteWrap(i, j, dir)
		return m, m.moreHits(), true
	case key.Matches(msg, m.keys.Clear):
		switch {
		case m.find.text != "":
			return m, m.clearSearch(), true
		case m.find.scope.kind != scopeAll:
			m.find.scope = scope{}
			return m, m.searchCmd(true), true
		}
	}
	return m, nil, false
}

// moreHits fetches more matches when the cursor nears the end of those
// the search has, and the store has more.
func (m *Model) moreHits() tea.Cmd {
	h := m.find.hits
	if h == nil || h.Complete() || m.find.pending || !m.find.searching() {
		return nil
	}
	if m.list.cursor < len(m.list.items)-2*m.list.rows() {
		return nil
	}
	m.find.limit *= 4
	return m.searchCmd(false)
}

// toLastMatch is G (end) on a search that has fetched only its first
// matches: it fetches every match (the cache bounds them) and then goes
// to the last, so that one G reaches the end, not the end of a page.
func (m Model) toLastMatch() (Model, tea.Cmd, bool) {
	h := m.find.hits
	if !m.find.searching() || (!m.find.pending && (h == nil || h.Complete())) {
		return m, nil, false
	}
	m.list.cursor = len(m.list.items) - 1 // the last fetched, meanwhile
	m.list.clamp()
	m.find.toEnd, m.find.limit = true, 0
	return m, m.searchCmd(false), true
}

// unreadFrom is the next unread row after row i in dir, wrapping round.
func (m Model) unreadFrom(i, dir int) (int, bool) {
	n := len(m.list.items)
	for k := 1; k < n; k++ {
		j := ((i+dir*k)%n + n) % n
		if m.rowUnread(j) {
			return j, true
		}
	}
	return 0, false
}

// noteWrap says in the footer when n (dir 1) or N (dir -1) from row i
// went round the end of the list to reach row j, as less and vim say a
// search that wrapped: the list's top is not the next item down.
func (m *Model) noteWrap(i, j, dir int) {
	if dir > 0 && j <= i || dir < 0 && j >= i {
		m.status = info(m.lang.WrappedUnread(dir > 0))
	}
}

// rowUnread reports whether row j is unread: its item, or, for a folded
// story, any of the reports folded into it, as its N says. A story whose
// first report was read and another outlet's is not is a stop of n and
// N (QA: it was skipped).
func (m Model) rowUnread(j int) bool {
	return !m.list.items[j].Read || j < len(m.list.folds) && m.list.folds[j].unread
}

// foldedUnread is the first unread report, in the order they were
// published, of the folded story at row j whose first report is read;
// nil for any other row.
func (m Model) foldedUnread(j int) *library.Entry {
	if j < 0 || j >= len(m.list.folds) || !m.list.items[j].Read {
		return nil
	}
	f := m.list.folds[j]
	if f.story == nil || f.member || f.expanded {
		return nil
	}
	for _, x := range f.items {
		if !x.Read {
			return x
		}
	}
	return nil
}

// openUnread opens the unread item of row j: its own, or, in a folded
// story whose first report is read, the first report that is not, the
// story expanded so that J and K go on from it.
func (m Model) openUnread(j int) (Model, tea.Cmd) {
	first := m.foldedUnread(j)
	if first == nil {
		return m.openAt(j)
	}
	m.list.cursor = j
	m, _ = m.toggleStory()
	if i := m.listIndex(first); i >= 0 {
		return m.openAt(i)
	}
	return m.openAt(m.list.cursor)
}

// markAll marks every item of the list on show read, asking first when
// more than markAllAsk are unread. An incomplete search first fetches
// every match, so that A marks what the search finds, not what it had
// fetched.
func (m Model) markAll() (Model, tea.Cmd) {
	if m.find.searching() && (m.find.pending || (m.find.hits != nil && !m.find.hits.Complete())) {
		m.find.markAll, m.find.limit = true, 0
		m.status = info(m.lang.FindingAll())
		return m, m.searchCmd(false)
	}
	n := 0
	for _, e := range m.list.flat {
		if !e.Read {
			n++
		}
	}
	switch {
	case n == 0:
		m.status = info(m.lang.AllRead())
		return m, nil
	case n > markAllAsk:
		m.find.confirm = n
		m.status = question(m.lang.ConfirmMarkAll(render.Thousands(n)), m.lang.YesNo())
		return m, nil
	}
	return m.doMarkAll()
}

func (m Model) doMarkAll() (Model, tea.Cmd) {
	mark, changed := m.view.SetReadAll(m.list.flat, true)
	cmd := m.saveMarkCmd(mark, changed)
	if changed {
		m.status = info(m.lang.MarkedAllRead(render.Thousands(mark.Count())))
	}
	m.refilter()
	// A view of unread items is empty now: ask again once the marks
	// are saved, which saveMarkCmd's command does before it returns.
	again := m.research()
	if cmd == nil || again == nil {
		return m, cmd
	}
	return m, func() tea.Msg {
		saved := cmd()
		return tea.BatchMsg{func() tea.Msg { return saved }, again}
	}
}

// confirmKey answers A's question: y or enter marks, anything else not.
func (m Model) confirmKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	m.find.confirm = 0
	switch msg.String() {
	case "y", "Y", "enter":
		m, cmd := m.doMarkAll()
		return m, cmd, true
	}
	m.status = info(m.lang.Cancelled())
	return m, nil, true
}

// articleFindKey handles n, N, J and K in an article.
func (m Model) articleFindKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	dir := 1
	switch {
	case key.Matches(msg, m.keys.Prev), key.Matches(msg, m.keys.PrevArticle):
		dir = -1
	case key.Matches(msg, m.keys.Next), key.Matches(msg, m.keys.NextArticle):
	default:
		return m, nil, false
	}
	i := m.listIndex(m.article.entry)
	if key.Matches(msg, m.keys.NextArticle) || key.Matches(msg, m.keys.PrevArticle) {
		j := i + dir
		if i < 0 || j < 0 || j >= len(m.list.items) {
			m.status = info(m.lang.LastArticle())
			if dir < 0 {
				m.status = info(m.lang.FirstArticle())
			}
			return m, nil, true
		}
		next, cmd := m.openAt(j)
		return next, cmd, true
	}
	if m.articleQuery() != nil {
		return m.matchJump(dir), nil, true
	}
	if dir > 0 && m.foldedUnread(i) != nil {
		// The story on show has an unread report after the one read.
		next, cmd := m.openUnread(i)
		return next, cmd, true
	}
	j, ok := m.unreadFrom(max(i, 0), dir)
	if !ok {
		m.status = info(m.lang.NoMoreUnread())
		return m, nil, true
	}
	next, cmd := m.openUnread(j)
	next.noteWrap(max(i, 0), j, dir)
	return next, cmd, true
}

// listIndex is e's row in the list, or -1.
func (m Model) listIndex(e *library.Entry) int {
	if e == nil {
		return -1
	}
	if i := slices.Index(m.list.items, e); i >= 0 {
		return i
	}
	k := e.Key()
	return slices.IndexFunc(m.list.items, func(x *library.Entry) bool { return x.Key() == k })
}

// openAt puts the list's cursor on row j and opens its article.
func (m Model) openAt(j int) (Model, tea.Cmd) {
	m.list.cursor = j
	m.list.clamp()
	next, cmd := m.openEntry(m.list.items[j])
	return next, tea.Batch(cmd, next.moreHits())
}

// matchJump makes the next match of the search in the article (dir 1)
// or the previous one (dir -1) the current one, wrapping round as less
// does, and says which it is.
func (m Model) matchJump(dir int) Model {
	if len(m.article.lines) == 0 {
		return m
	}
	if !m.article.nextMatch(dir) {
		m.status = info(m.lang.NoMatchHere())
		return m
	}
	m.status = info(m.lang.MatchAt(m.article.current+1, len(m.article.matches)))
	return m
}

// articleQuery is the search whose matches the article marks: the one
// typed, while it is on show.
func (m Model) articleQuery() *search.Query {
	if m.find.text == "" {
		return nil
	}
	return m.find.query
}

// openFeedList shows the feed list, and counts the saved views' unread
// items in the background.
func (m Model) openFeedList() (Model, tea.Cmd, bool) {
	m.state = stateFeeds
	m.find.feeds = newFeedList(m.keys, m.styles, m.feedRows(), m.find.scope)
	m.find.feeds.setSize(m.width, m.bodyHeight())
	return m, m.viewCountsCmd(), true
}

// viewCountsCmd searches every saved view, for its unread count.
func (m *Model) viewCountsCmd() tea.Cmd {
	views := m.lib.Views()
	if len(views) == 0 {
		return nil
	}
	m.find.countGen++
	gen, lib, src := m.find.countGen, m.lib, m.cfg.Sources
	locals := m.view.LocalSnapshot(m.lib)
	return func() tea.Msg {
		out := make([]*library.Hits, len(views))
		for i, v := range views {
			q, err := lib.ParseQuery(v.Query, false)
			if err != nil {
				continue
			}
			if h, err := lib.Search(context.Background(), src, q, 0); err == nil && h.MatchLocal(context.Background(), locals) == nil {
				out[i] = h
			}
		}
		return viewCountsMsg{gen: gen, hits: out}
	}
}

// feedListKey routes a key to the feed list.
func (m Model) feedListKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	if key.Matches(msg, m.keys.Help) || key.Matches(msg, m.keys.Suspend) || key.Matches(msg, m.keys.Refresh) {
		return m, nil, false
	}
	var ev feedListEvent
	m.find.feeds, ev = m.find.feeds.Update(msg)
	switch ev {
	case feedListOpen:
		m, cmd := m.openScope()
		return m, cmd, true
	case feedListClose:
		m.state = stateList
		m.layout()
	}
	return m, nil, true
}

// openScope narrows the list to the feed list's row under the cursor.
func (m Model) openScope() (Model, tea.Cmd) {
	m.state = stateList
	m.find.scope = m.find.feeds.current()
	m.find.text = ""
	m.find.hits, m.find.query = nil, nil
	m.layout()
	return m, m.searchCmd(true)
}

// feedRows are the feed list's rows: everything, the starred items, the
// saved views, the tags and the feeds.
func (m Model) feedRows() []feedRow {
	rows := []feedRow{{scope: scope{kind: scopeAll, name: m.lang.ScopeAll()}, unread: m.view.Unread(""), counted: true}}
	starred := 0
	for _, e := range m.view.Items(library.Filter{Starred: true, UnreadOnly: true}) {
		if !e.Read {
			starred++
		}
	}
	rows = append(rows, feedRow{scope: scope{kind: scopeStarred, name: m.lang.ScopeStarred()}, unread: starred, counted: true})
	if views := m.lib.Views(); len(views) > 0 {
		rows = append(rows, feedRow{scope: scope{name: m.lang.ScopeViews()}, title: true})
		for _, v := range views {
			n, ok := m.find.counts[v.Name]
			rows = append(rows, feedRow{scope: scope{kind: scopeView, name: v.Name, value: v.Query}, unread: n, counted: ok})
		}
	}
	cached := m.view.CachedFeeds()
	lastErr := map[string]string{}
	var tags []string
	tagFeeds := map[string][]string{}
	for _, f := range cached {
		if f.LastError != "" {
			// In the reader's language: a stored failure is English text.
			lastErr[f.URL] = library.StoredCause(m.lang, f)
		}
		for _, t := range f.Tags {
			if tagFeeds[t] == nil {
				tags = append(tags, t)
			}
			tagFeeds[t] = append(tagFeeds[t], f.URL)
		}
	}
	if len(tags) > 0 {
		slices.Sort(tags)
		rows = append(rows, feedRow{scope: scope{name: m.lang.ScopeTags()}, title: true})
		for _, t := range tags {
			r := feedRow{scope: scope{kind: scopeTag, name: t, value: t}, counted: true}
			failed := 0
			for _, u := range tagFeeds[t] {
				r.unread += m.view.Unread(u)
				if lastErr[u] != "" {
					failed++
				}
			}
			if failed > 0 {
				r.err = m.lang.TagErrors(failed)
			}
			rows = append(rows, r)
		}
	}
	if feeds := m.view.Feeds(); len(feeds) > 0 {
		rows = append(rows, feedRow{scope: scope{name: m.lang.ScopeFeeds()}, title: true})
		for _, c := range feeds {
			rows = append(rows, feedRow{scope: scope{kind: scopeFeed, name: c.Name, value: c.Source}, unread: m.view.Unread(c.Source), counted: true, err: lastErr[c.Source]})
		}
	}
	return rows
}

// findTitle names the scope and the search for the header: "#경제 /북한".
func (m Model) findTitle() string {
	var parts []string
	switch s := m.find.scope; s.kind {
	case scopeFeed:
		parts = append(parts, m.feedName(s.value))
	case scopeTag:
		parts = append(parts, "#"+s.name)
	case scopeStarred, scopeView:
		parts = append(parts, s.name)
	}
	if m.find.text != "" && !m.find.typing {
		parts = append(parts, "/"+m.find.text)
	}
	return strings.Join(parts, " ")
}

// countLabel is the header's number of items: "1,234건", or "200+건"
// while a search has more matches than it fetched.
func (m Model) countLabel(n int) string { return m.lang.Items(m.moreLabel(render.Thousands(n))) }

// moreLabel is a count of the list with "+" after it while a search has
// more matches than it fetched.
func (m Model) moreLabel(count string) string {
	if m.find.searching() && m.find.hits != nil && !m.find.hits.Complete() {
		return count + "+"
	}
	return count
}

// unreadOnShow counts the unread items the header speaks of: of the feed
// or everything from the View's counts, of anything narrower by counting
// the list.
func (m Model) unreadOnShow() int {
	if !m.find.searching() && m.find.scope.kind != scopeTag && m.find.scope.kind != scopeStarred {
		return m.view.Unread(m.filter.Feed)
	}
	n := 0
	for _, e := range m.list.flat {
		if !e.Read {
			n++
		}
	}
	return n
}

// findNote is the note of an empty list that a search or the feed list's
// choice emptied, or "".
func (m Model) findNote() string {
	var se *search.SyntaxError
	switch {
	case errors.As(m.find.err, &se):
		return library.Cause(m.lang, m.find.err) // all of it: the footer has room for little
	case m.find.pending && m.find.hits == nil:
		return m.lang.Searching()
	case m.find.text != "":
		return m.lang.NoMatch(hint(m.keys.Clear))
	case m.find.scope.kind != scopeAll:
		return m.lang.NoneInScope(hint(m.keys.Clear))
	}
	return ""
}

// searchLine is the footer while the search field has the keys: the
// field, and at the right what the search found or what is wrong with
// it. x is the cell of the field's cursor.
func (m *Model) searchLine() (line string, x int) {
	right := ""
	switch {
	case m.find.err != nil:
		var se *search.SyntaxError
		_, msg := describe(m.lang, m.find.err)
		token := ""
		if errors.As(m.find.err, &se) {
			msg, token = library.SyntaxReason(m.lang, se), clean.OneLine(se.Token)
		}
		// The reason may take all the line the query leaves, and at
		// least half of it: it is what the reader needs to mend it. The
		// word at fault stays whole, and the reason is what is cut; the
		// list above says all of it.
		room := max(m.width-render.Width(m.find.input.prompt+m.find.input.Value())-2, m.width/2, 1)
		right = m.styles.err.Render(render.Truncate(msg, room))
		if token != "" && render.Width(token)+2 < room {
			right = m.styles.err.Render(token + ": " + render.Truncate(msg, room-render.Width(token)-2))
		}
	case m.find.pending:
		right = m.lang.Searching()
	case m.find.text != "":
		right = m.countLabel(len(m.list.flat))
	}
	rw := render.Width(right)
	if rw > 0 {
		rw++
	}
	m.find.input.setWidth(max(m.width-rw, 1))
	line = m.find.input.View()
	if rw > 0 {
		line += " " + right
	}
	return render.Truncate(line, m.width), min(m.find.input.CursorX(), m.width-1)
}

// highlighted draws a title cut to w cells with the query's matches in
// the match style, the rest in base.
func (l listModel) highlighted(title string, w int, base paint) string {
	cut := render.Pad(render.TruncateTitle(title, w), w)
	if l.highlight == nil {
		return base.Render(cut)
	}
	spans := l.highlight.Highlights(title)
	if len(spans) == 0 {
		return base.Render(cut)
	}
	// The cut text is a prefix of the title, then perhaps an ellipsis
	// and padding; matches past the prefix are not shown.
	shown := strings.TrimRight(cut, " ")
	shown = strings.TrimSuffix(shown, render.Ellipsis)
	if !strings.HasPrefix(title, shown) {
		return base.Render(cut)
	}
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		s, e := min(sp.Start, len(shown)), min(sp.End, len(shown))
		if s >= e {
			continue
		}
		b.WriteString(base.Render(cut[at:s]))
		b.WriteString(l.styles.match.Render(cut[s:e]))
		at = e
	}
	b.WriteString(base.Render(cut[at:]))
	return b.String()
}
