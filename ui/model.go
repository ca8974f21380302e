// Package ui provides sokbo's interactive reader: a Bubble Tea program with
// a headline list, an article pager and a help view.
package ui

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
	"sokbo/render"
)

// Config is everything the reader needs from the command line. Load and
// Now are injected so tests can run without files, network or a clock.
type Config struct {
	// Sources are the source strings to load, in the order given.
	Sources []string
	// Load reads one source. main passes a function calling feed.Load.
	Load func(ctx context.Context, src string) (*feed.Feed, error)
	// Style is the article and chrome style. AutoStyle asks the terminal
	// for its background and picks StyleDark or StyleLight from the answer.
	Style     render.Style
	AutoStyle bool
	// Now returns the current time; nil means time.Now. Its Location is
	// the zone times are shown in.
	Now func() time.Time
	// OpenURL opens an http(s) link in a browser; nil means OpenURL.
	OpenURL func(link string) error
	// Library is the offline cache and its subscriptions; nil means none.
	Library *Library
}

// state is which screen is in front.
type state uint8

const (
	stateList state = iota
	stateArticle
)

// Model is the root model of the reader. Create it with New.
type Model struct {
	cfg    Config
	keys   KeyMap
	styles styles
	style  render.Style

	width, height int
	state         state
	showHelp      bool
	helpOffset    int

	status string // a one-line note in the footer, e.g. a link that would not open

	spinner spinner.Model
	pending int // sources (and the cache) still loading
	errs    []error
	warns   []error      // warnings from loading sources, shown like errors
	feeds   []*feed.Feed // loaded from Config.Sources

	// The cache: headlines of the subscriptions, the feeds' records, and
	// what the list knows of every item (read, starred, new, feed name).
	cached     []*feed.Item
	cacheFeeds []store.FeedInfo
	rows       map[itemKey]*rowState

	// Filters of the list: unread only, and one feed (an item's Source).
	unreadOnly bool
	feedOnly   string
	unread     int          // unread items on show, counted by rebuildList
	all        []*feed.Item // every item, merged; the list shows them filtered
	allState   []*rowState  // the state of each of all, in step

	// Refresh in the background: progress, a generation tag for the
	// auto-refresh timer, and a note when the last refresh failed.
	refreshing bool
	progress   refresh.Progress
	progressCh <-chan refresh.Progress
	doneCh     <-chan refreshDoneMsg
	refreshGen int
	note       string
	// refreshErrs are the last refresh's failures, shown when the list
	// has nothing else to show.
	refreshErrs []error

	list    listModel
	article articleModel

	// markdown caches each item's converted body; rendered caches whole
	// article screens by (item, width, style). Both are filled by commands.
	markdown map[itemKey]string
	rendered map[renderKey][]string
}

// itemKey names an item across sources; IDs are only unique per source.
type itemKey struct{ source, id string }

// renderKey is the cache key of a rendered article.
type renderKey struct {
	item  itemKey
	width int
	style render.Style
}

func keyOf(it *feed.Item) itemKey { return itemKey{it.Source, it.ID} }

// New returns a reader model for cfg.
func New(cfg Config) Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	m := Model{
		cfg:      cfg,
		keys:     DefaultKeyMap(),
		style:    cfg.Style,
		pending:  len(cfg.Sources),
		rows:     make(map[itemKey]*rowState),
		spinner:  spinner.New(spinner.WithSpinner(spinner.Line)),
		markdown: make(map[itemKey]string),
		rendered: make(map[renderKey][]string),
	}
	if cfg.Library != nil {
		m.pending++
	}
	m.styles = newStyles(m.style)
	return m
}

// NewProgram returns a Bubble Tea program running the reader in the
// alternate screen.
func NewProgram(cfg Config, opts ...tea.ProgramOption) *tea.Program {
	return tea.NewProgram(New(cfg), opts...)
}

// Warning is a message the program that runs the reader sends with a
// warning from loading a source (an empty folder of posts, a feed cut to
// its first items): the list shows it above the rows, as it shows errors.
type Warning struct{ Err error }

// Messages produced by the reader's commands.
type (
	loadedMsg struct {
		source string
		feed   *feed.Feed
		err    error
	}
	renderedMsg struct {
		key      renderKey
		markdown string
		lines    []string
		err      error
	}
)

// Init starts loading every source and, for AutoStyle, asks the terminal
// for its background colour.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.spinner.Tick}
	if m.cfg.AutoStyle {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for _, src := range m.cfg.Sources {
		cmds = append(cmds, m.loadCmd(src))
	}
	if m.cfg.Library != nil {
		cmds = append(cmds, m.cachedCmd(time.Time{}), m.refreshCmd(), m.autoRefreshCmd())
	}
	return tea.Batch(cmds...)
}

func (m Model) loadCmd(src string) tea.Cmd {
	load := m.cfg.Load
	return func() tea.Msg {
		f, err := load(context.Background(), src)
		return loadedMsg{source: src, feed: f, err: err}
	}
}

// Update routes messages: a few global keys here, the rest to the screen in
// front.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layoutList()
		return m, m.renderCurrent()

	case tea.BackgroundColorMsg:
		if m.cfg.AutoStyle && m.style != render.StylePlain {
			if msg.IsDark() {
				m.style = render.StyleDark
			} else {
				m.style = render.StyleLight
			}
			m.styles = newStyles(m.style)
			return m, m.renderCurrent()
		}
		return m, nil

	case spinner.TickMsg:
		if m.pending == 0 && !m.refreshing {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd

	case Warning:
		if msg.Err != nil {
			m.warns = append(m.warns, msg.Err)
			m.layoutList()
		}
		return m, nil

	case loadedMsg:
		m.pending--
		if msg.err != nil {
			m.errs = append(m.errs, msg.err)
		} else {
			m.feeds = append(m.feeds, msg.feed)
			name := msg.feed.Title
			if name == "" {
				name = msg.source
			}
			for _, it := range msg.feed.Items {
				m.rows[keyOf(it)] = &rowState{feedName: name}
			}
		}
		m.rebuildList()
		return m, nil

	case cachedMsg:
		if m.pending > 0 && m.cached == nil {
			m.pending--
		}
		if msg.err != nil {
			m.errs = append(m.errs, msg.err)
		} else {
			for _, it := range m.cached {
				if _, ok := msg.state[keyOf(it)]; !ok {
					delete(m.rows, keyOf(it))
				}
			}
			for k, st := range msg.state {
				if old := m.rows[k]; old != nil && old.fresh && !st.read {
					st.fresh = true
				}
				m.rows[k] = st
			}
			m.cached, m.cacheFeeds = msg.items, msg.feeds
			if m.cached == nil {
				m.cached = []*feed.Item{}
			}
		}
		m.rebuildList()
		return m, nil

	case refreshStartedMsg:
		m.refreshing = true
		m.progress = refresh.Progress{Total: msg.total}
		m.progressCh, m.doneCh = msg.progress, msg.done
		return m, tea.Batch(waitRefresh(m.progressCh, m.doneCh), m.spinner.Tick)

	case refreshProgressMsg:
		m.progress = refresh.Progress(msg)
		return m, waitRefresh(m.progressCh, m.doneCh)

	case refreshDoneMsg:
		m.refreshing = false
		failed := 0
		m.refreshErrs = nil
		for _, r := range msg.results {
			if r.Err != nil {
				failed++
				m.refreshErrs = append(m.refreshErrs, fmt.Errorf("%s", r.String()))
			}
		}
		switch {
		case failed > 0 && failed == len(msg.results):
			m.note = "offline"
		case failed > 0:
			m.note = fmt.Sprintf("피드 %d개 새로 고침 실패", failed)
		default:
			m.note = ""
		}
		fresh := 0
		for _, r := range msg.results {
			fresh += r.New
		}
		switch {
		case failed > 0:
			// The header says how many failed; the footer says why.
			m.status = m.refreshErrs[0].Error()
		case fresh > 0:
			m.status = fmt.Sprintf("새로 고침: 새 기사 %d건", fresh)
		default:
			m.status = "새로 고침: 새 기사 없음"
		}
		return m, m.cachedCmd(msg.started)

	case autoRefreshMsg:
		if msg.gen != m.refreshGen || m.refreshing {
			return m, nil
		}
		return m, tea.Batch(m.refreshCmd(true), m.autoRefreshCmd())

	case stateSavedMsg:
		if msg.err != nil {
			m.status = "상태 저장 실패: " + msg.err.Error()
		}
		return m, nil

	case renderedMsg:
		if msg.err == nil {
			m.markdown[msg.key.item] = msg.markdown
			m.rendered[msg.key] = msg.lines
		}
		if m.state == stateArticle && m.article.want == msg.key {
			m.article.setContent(msg.lines, msg.err)
		}
		return m, nil

	case openedMsg:
		if msg.err != nil {
			m.status = "열 수 없음: " + msg.err.Error()
		} else {
			m.status = "브라우저로 여는 중"
		}
		return m, nil

	case tea.KeyPressMsg:
		m.status = ""
		return m.handleKey(msg)
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.ForceQuit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.showHelp, m.helpOffset = !m.showHelp, 0
		return m, nil
	}
	if m.showHelp {
		if key.Matches(msg, m.keys.Back) {
			m.showHelp = false
		}
		m.scrollHelp(msg)
		return m, nil
	}

	if key.Matches(msg, m.keys.OpenLink) {
		it := m.list.current()
		if m.state == stateArticle {
			it = m.article.item
		}
		if it == nil {
			return m, nil
		}
		if it.Link == "" {
			// The feed gave none, or an unsafe one that was dropped.
			m.status = "이 기사에는 열 링크가 없습니다"
			return m, nil
		}
		return m, m.openCmd(it.Link)
	}

	// Keys on the current item, in the list and in an article.
	cur := m.list.current()
	if m.state == stateArticle {
		cur = m.article.item
	}
	switch {
	case key.Matches(msg, m.keys.ToggleRead) && cur != nil:
		cmd := m.setRead(cur, !m.rowOf(cur).read)
		m.status = "안 읽음으로 표시"
		if m.rowOf(cur).read {
			m.status = "읽음으로 표시"
		}
		if m.unreadOnly {
			m.filterList()
		}
		return m, cmd
	case key.Matches(msg, m.keys.Star) && cur != nil:
		st := m.rowOf(cur)
		st.starred = !st.starred
		m.status = "별표 해제"
		if st.starred {
			m.status = "별표"
		}
		return m, m.saveStateCmd(cur, *st)
	case key.Matches(msg, m.keys.Refresh):
		if m.refreshing || m.cfg.Library == nil {
			return m, nil
		}
		if m.cfg.Library.Offline {
			m.status = "--offline: 새로 고치지 않음"
			return m, nil
		}
		m.refreshGen++
		return m, tea.Batch(m.refreshCmd(), m.autoRefreshCmd())
	}

	if m.state == stateArticle {
		if key.Matches(msg, m.keys.Back) {
			m.state = stateList
			return m, nil
		}
		m.article.handleKey(msg, m.keys)
		return m, nil
	}

	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.UnreadOnly):
		m.unreadOnly = !m.unreadOnly
		m.filterList() // the unread count stays as it is
		return m, nil
	case key.Matches(msg, m.keys.NextFeed):
		m.feedOnly = m.nextFeed()
		m.unread = m.unreadCount()
		m.filterList()
		return m, nil
	case key.Matches(msg, m.keys.Open):
		it := m.list.current()
		if it == nil {
			return m, nil
		}
		m.state = stateArticle
		m.article = articleModel{item: it}
		m.article.setSize(m.width, m.articleHeight())
		return m, tea.Batch(m.renderCurrent(), m.setRead(it, true))
	}
	m.list.handleKey(msg, m.keys)
	return m, nil
}

// setRead marks an item read or unread, keeps the unread count in step
// and saves the state.
func (m *Model) setRead(it *feed.Item, read bool) tea.Cmd {
	st := m.rowOf(it)
	if st.read == read {
		return nil
	}
	st.read, st.fresh = read, false
	if m.feedOnly == "" || it.Source == m.feedOnly {
		if read {
			m.unread--
		} else {
			m.unread++
		}
	}
	return m.saveStateCmd(it, *st)
}

// rowOf returns the list's state of an item, creating it if needed.
func (m *Model) rowOf(it *feed.Item) *rowState {
	k := keyOf(it)
	st := m.rows[k]
	if st == nil {
		st = &rowState{}
		m.rows[k] = st
	}
	return st
}

// rebuildList merges the loaded sources and the cache, newest first,
// counts the unread items and applies the filters.
func (m *Model) rebuildList() {
	feeds := m.feeds
	if m.cached != nil {
		feeds = append(feeds[:len(feeds):len(feeds)], &feed.Feed{Items: m.cached})
	}
	all := feed.Merge(feeds...)
	m.all = all
	// Look each item's state up once here, so filtering by it is a walk
	// of a slice, not ten thousand map lookups per key.
	m.allState = make([]*rowState, len(all))
	for i, it := range all {
		m.allState[i] = m.rowOf(it)
	}
	m.unread = m.unreadCount()
	m.filterList()
}

// filterList shows the merged items that pass the filters. The cursor
// stays on its item when it can.
func (m *Model) filterList() {
	all := m.all
	if m.unreadOnly || m.feedOnly != "" {
		cur := m.list.current()
		kept := make([]*feed.Item, 0, len(all))
		for i, it := range all {
			if m.feedOnly != "" && it.Source != m.feedOnly {
				continue
			}
			// The item under the cursor stays while it is read, so
			// marking it does not make the list jump.
			if m.unreadOnly && m.allState[i].read && it != cur {
				continue
			}
			kept = append(kept, it)
		}
		all = kept
	}
	m.list.setItems(all)
	m.layoutList()
}

// feedChoice is one feed the list can be narrowed to.
type feedChoice struct{ source, name string }

// feedChoices lists the feeds on show, in the order they were given.
func (m Model) feedChoices() []feedChoice {
	var out []feedChoice
	for _, f := range m.feeds {
		if len(f.Items) > 0 {
			name := f.Title
			if name == "" {
				name = f.Source
			}
			out = append(out, feedChoice{f.Items[0].Source, name})
		}
	}
	for _, f := range m.cacheFeeds {
		out = append(out, feedChoice{f.URL, f.DisplayName()})
	}
	return out
}

// nextFeed is the feed after the one the list is narrowed to, then all.
func (m Model) nextFeed() string {
	choices := m.feedChoices()
	if m.feedOnly == "" {
		if len(choices) < 2 {
			return ""
		}
		return choices[0].source
	}
	for i, c := range choices {
		if c.source == m.feedOnly && i+1 < len(choices) {
			return choices[i+1].source
		}
	}
	return ""
}

// feedName is the name of the feed the list is narrowed to.
func (m Model) feedName(source string) string {
	for _, c := range m.feedChoices() {
		if c.source == source {
			return c.name
		}
	}
	return source
}

// renderCurrent makes sure the open article is rendered at the current
// width and style: from the cache at once, or by a command that loads
// the body (from the store for a cached item), converts it to Markdown and
// renders it.
func (m *Model) renderCurrent() tea.Cmd {
	if m.state != stateArticle || m.article.item == nil || m.width <= 0 {
		return nil
	}
	m.article.setSize(m.width, m.articleHeight())
	it := m.article.item
	rk := renderKey{item: keyOf(it), width: min(m.width, render.ReadingWidth), style: m.style}
	m.article.want = rk
	if lines, ok := m.rendered[rk]; ok {
		m.article.setContent(lines, nil)
		return nil
	}
	m.article.rendering = true
	md, haveMD := m.markdown[rk.item]
	stored := m.rows[rk.item] != nil && m.rows[rk.item].stored
	var st *store.Store
	if m.cfg.Library != nil {
		st = m.cfg.Library.Store
	}
	loc := m.cfg.Now().Location()
	return func() tea.Msg {
		full, md, err := loadArticle(st, it, stored, md, haveMD)
		if err != nil {
			return renderedMsg{key: rk, err: err}
		}
		lines, err := articleLines(full, md, rk.width, rk.style, loc)
		return renderedMsg{key: rk, markdown: md, lines: lines, err: err}
	}
}

func (m Model) listHeight() int    { return max(m.height-2, 1) } // header + footer
func (m Model) articleHeight() int { return max(m.height-1, 1) } // footer

// View assembles the screen from cached strings; it never renders Markdown.
func (m Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "sokbo"
	if m.width <= 0 || m.height <= 0 {
		return v
	}
	var body string
	switch {
	case m.showHelp:
		body = m.helpView()
	case m.state == stateArticle:
		body = m.articleView()
	default:
		body = m.listView()
	}
	v.SetContent(body)
	return v
}
