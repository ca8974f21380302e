// Package ui provides sokbo's interactive reader: a Bubble Tea program
// whose root model routes to its components (the headline list, the
// article pager and help), each with its own Update and View, and draws
// the frame around them. Everything it shows comes from feed/library.
package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/alert"
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
)

// Config is everything the reader needs from the command line. Now and
// OpenURL are injected so tests can run without a clock or a browser.
type Config struct {
	// Library answers every question about items; required.
	Library *library.Library
	// Sources are what to show: subscriptions through the cache, local
	// files and folders read directly.
	Sources library.Sources
	// Style is the article and chrome style. AutoStyle asks the terminal
	// for its background and picks StyleDark or StyleLight from the answer.
	Style     render.Style
	AutoStyle bool
	// Now returns the current time; nil means time.Now. Its Location is
	// the zone times are shown in.
	Now func() time.Time
	// TypedAhead is input the user typed before the reader took the
	// terminal (while its width was probed): the reader reads it first,
	// as if typed after it started.
	TypedAhead string
	// OpenURL opens an http(s) link in a browser; nil means OpenURL.
	OpenURL func(link string) error
	// Env reads the environment ($BROWSER, $DISPLAY); nil means
	// os.Getenv.
	Env func(string) string
	// TerminalBrowsers name more programs that run in the terminal, as
	// w3m and lynx do (see TerminalBrowsers): o hands them the terminal.
	TerminalBrowsers []string
	// PipeCommand is the command | offers before one is typed (the
	// config's pipe); "" offers none.
	PipeCommand string
	// SaveDir is the folder S saves articles to, as Markdown posts.
	SaveDir string
	// Mouse turns the mouse on: the wheel scrolls, a click selects and a
	// double click opens a headline, a click opens a link (mouse.go).
	Mouse bool
	// Keys are the key bindings; nil means DefaultKeyMap. See
	// KeyMap.Rebind.
	Keys *KeyMap
	// Split starts the reader with the list and the article side by
	// side, from 120 columns up (split.go); the Split key toggles it.
	Split bool
	// WindowTitle is the terminal window's title while the reader runs;
	// "" leaves the title alone. Set one only where it can be restored
	// on exit: Bubble Tea clears it when the reader quits.
	WindowTitle string
	// Lang is the language the reader speaks; the zero value is Korean.
	Lang lang.Lang
	// Terminal is how an alert's notification reaches the terminal (an
	// OSC 9, 777 or 99 sequence, through tmux when needed), written
	// between frames; its zero value sends none. Desktop, if set, sends
	// it too (notify-send).
	Terminal alert.Terminal
	Desktop  Notifier
	// Log, if set, is told each warning of reading a local source, as
	// the read that found it finishes (sokbo.log): the notes above the
	// rows show a few. It is called from the reader's commands, one at a
	// time or concurrently.
	Log func(error)
	// LogPath is the log's path, as opened; "" when there is none. The
	// notes above the rows name it when they show only a few (home as
	// ~, cleaned for the screen: it comes from the environment).
	LogPath string
}

// state is which screen is in front.
type state uint8

const (
	stateList state = iota
	stateArticle
	stateOutput // a pipe command's output (output.go)
	stateFeeds  // the feed list (feeds.go)
	stateLinks  // the article's links to choose from (links.go)
)

// Model is the root model of the reader. Create it with New.
type Model struct {
	cfg    Config
	lang   lang.Lang // cfg.Lang
	lib    *library.Library
	keys   KeyMap
	styles styles
	style  render.Style

	width, height int
	state         state
	showHelp      bool
	// split is on when the list and the article stand side by side on a
	// screen wide enough (split.go).
	split bool
	// laidSplit is whether the components were last laid out split;
	// banner whether an alert's notice then stood above both panes.
	laidSplit bool
	banner    bool

	// view is every item on show, as it arrives; filter narrows it.
	view   *library.View
	filter library.Filter

	spinner spinner.Model
	pending int // sources (and the cache) still loading
	// quiet is true for the first moment of the reader (quietStart):
	// while nothing is on show yet, the screen stays blank rather than
	// flashing "loading…" before a list that comes at once.
	quiet bool
	// held is the input that came while the list held only the cache's
	// head (hold).
	held []tea.Msg
	// loadNotes are the errors of loading the cache and the warnings the
	// program sent (Warning), shown above the rows after localNotes.
	loadNotes []notice
	// localNotes are, for each local source (by its index in
	// cfg.Sources.Locals), the notes of its last read: its error, or the
	// warnings of reading it. Each read replaces them, so a warning lasts
	// as long as its cause.
	localNotes [][]notice
	// logShown is cfg.LogPath as the notes name it, or "".
	logShown string
	// status is the footer's note of what the last key did, or of the
	// last refresh.
	status notice

	refresher refresher
	reload    reloader
	// pipe is |'s input line; output the pager over what the command
	// wrote, shown over outputFrom.
	pipe pipeModel
	// jobs are the pipe commands running, ended when the reader quits.
	jobs       *jobs
	output     outputModel
	outputFrom state
	// stopRender ends the context of the article's render in progress,
	// when the reader leaves the article or opens another.
	stopRender context.CancelFunc
	list       listModel
	article    articleModel
	links      linksModel
	help       helpModel
	cache      *renderCache
	full       fullText
	find       findState // search, the feed list's choice, mark all (find.go)
	lastClick  lastClick // to tell a double click (mouse.go)
	live       liveState // stories, the reader's mark, alerts (live.go)
}

// New returns a reader model for cfg.
func New(cfg Config) Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	keys := DefaultKeyMap()
	if cfg.Keys != nil {
		keys = *cfg.Keys
	}
	keys = keys.In(cfg.Lang)
	m := Model{
		cfg:        cfg,
		lang:       cfg.Lang,
		lib:        cfg.Library,
		keys:       keys,
		style:      cfg.Style,
		split:      cfg.Split,
		view:       library.NewView(),
		pending:    len(cfg.Sources.Locals),
		localNotes: make([][]notice, len(cfg.Sources.Locals)),
		logShown:   clean.Name(homePath(cfg.LogPath)),
		spinner:    spinner.New(spinner.WithSpinner(spinner.Line)),
		refresher:  newRefresher(cfg.Library, cfg.Sources.Feeds, cfg.Now),
		cache:      newRenderCache(defaultRenderCache),
		full:       newFullText(),
		list:       newList(keys, styles{}, cfg.Now),
		article:    newArticle(keys, styles{}, nil),
		help:       newHelp(keys, styles{}),
		pipe:       newPipe(cfg.Style, cfg.Lang),
		jobs:       newJobs(),
	}
	// Undated items stand source by source as the command line gave
	// them, as `sokbo list` numbers them, whichever loads first.
	m.view.SetOrder(cfg.Sources.Locals)
	if len(cfg.Sources.Feeds) > 0 {
		m.pending++
	}
	m.quiet = m.pending > 0
	m.list.lang, m.refresher.lang, m.reload.lang, m.full.lang = cfg.Lang, cfg.Lang, cfg.Lang, cfg.Lang
	m.setStyle(cfg.Style)
	return m
}

// setStyle sets the style of the chrome and of the components.
func (m *Model) setStyle(s render.Style) {
	m.style = s
	m.styles = newStyles(s)
	m.styles.lang = m.lang
	m.list.styles, m.article.styles, m.help.styles, m.links.styles = m.styles, m.styles, m.styles, m.styles
	m.pipe.setStyle(s)
}

// Warning is a message the program that runs the reader sends with a
// warning the library said to its Warn (a feed's charset declared
// wrongly, a search index it could not update): the list shows it above
// the rows, as it shows errors, until the reader quits. A local source's
// warnings come with its read instead (library.Batch.Warnings) and go
// with the next.
type Warning struct{ Err error }

// quietStart is how long the reader's screen may stay blank while its
// first source loads, before it says it is loading: about what a reader
// takes for "at once". A cache of 50,000 items shows its first screen in
// a small part of it, with no "loading…" flashed before.
const quietStart = 100 * time.Millisecond

// quietOverMsg ends the quiet start: a source still loading says so.
type quietOverMsg struct{}

// Init starts loading every source and, for AutoStyle, asks the terminal
// for its background colour.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.spinner.Tick}
	if m.quiet {
		cmds = append(cmds, tea.Tick(quietStart, func(time.Time) tea.Msg { return quietOverMsg{} }))
	}
	if m.cfg.AutoStyle {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for _, src := range m.cfg.Sources.Locals {
		cmds = append(cmds, m.loadLocalCmd(src))
	}
	if len(m.cfg.Sources.Feeds) > 0 {
		m.live.loading = true
		// Only the feeds that are due: a cron refresh a minute ago, or the
		// reader closed and opened again, fetches nothing.
		// The search index catches up once the list is in (cachedMsg):
		// before, it would take the CPU and the store from the first
		// screen.
		cmds = append(cmds, m.firstCacheCmd(), m.refresher.start(true), m.refresher.tick())
	}
	return tea.Batch(cmds...)
}

// Update routes messages: the loading and refreshing of items here, keys
// to the screen in front. After each, a split pane shows the article
// under the list's cursor.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.hold(msg) {
		return m, nil
	}
	next, cmd := m.update(msg)
	nm := next.(Model)
	if len(nm.held) > 0 && !nm.view.Head() && !nm.firstReadPending() {
		replayed, more := nm.replay()
		next, cmd, nm = replayed, tea.Batch(cmd, more), replayed.(Model)
	}
	if nm.full.busy && !nm.fullTextWanted() {
		// The reader left the article whose full text x fetches.
		nm.stopFullText()
		next = nm
	}
	if nm.laidSplit == nm.splitOn() && !nm.previewBehind() && !nm.staleArticle() {
		// Most messages: next as it is, for a Model is large to box
		// again.
		return next, cmd
	}
	if nm.laidSplit != nm.splitOn() {
		// The screen split or joined: the list's width changed.
		nm.layout()
	}
	if c := nm.syncPreview(); c != nil {
		cmd = tea.Batch(cmd, c)
	} else if nm.staleArticle() {
		// Back to an article laid out for another size of screen, from
		// a screen in front of it that took the resize.
		cmd = tea.Batch(cmd, nm.renderCurrent())
	}
	if nm.full.busy && !nm.fullTextWanted() {
		nm.stopFullText() // the split pane moved on to another item
	}
	return nm, cmd
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		// A resize lays the screen out anew: notes that wrap on more
		// lines or fewer are not news arriving under the reader, so the
		// window fills the screen rather than stand past the list's end.
		m.list.fill()
		return m, m.renderCurrent()

	case tea.BackgroundColorMsg:
		if m.cfg.AutoStyle && m.style != render.StylePlain {
			s := render.StyleLight
			if msg.IsDark() {
				s = render.StyleDark
			}
			m.setStyle(s)
			return m, m.renderCurrent()
		}
		return m, nil

	case quietOverMsg:
		m.quiet = false
		return m, nil

	case spinner.TickMsg:
		if m.pending == 0 && !m.refresher.running && !m.full.spinning() {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd

	case Warning:
		if msg.Err != nil && m.addLoadNote(m.problem(noticeWarning, "", msg.Err)) {
			m.layout()
		}
		return m, nil

	case localLoadedMsg:
		m.pending--
		if msg.err != nil {
			m.setLocalNotes(msg.source, []notice{m.problem(noticeError, "", msg.err)})
		} else {
			m.setLocalNotes(msg.source, m.warnings(msg.batch))
			m.view.Add(msg.batch)
			m.setStories(msg.source, msg.stories)
		}
		m.rebuild()
		return m, m.foldAllCmd()

	case localReloadedMsg:
		return m.reloaded(msg)

	case allFoldedMsg:
		if msg.gen == m.live.foldGen {
			m.live.stories = msg.stories
			m.rebuild()
		}
		return m, nil

	case cachedMsg:
		if msg.batch != nil && msg.batch.Head {
			return m.headLoaded(msg)
		}
		if m.pending > 0 && !m.view.Loaded() {
			m.pending--
		}
		m.live.loading = false
		if msg.err != nil {
			m.addLoadNote(m.problem(noticeError, "", msg.err))
			// An empty cache stands in, so the reader counts it loaded.
			msg.batch = &library.Batch{Seq: m.view.Seq()}
		}
		m.view.Add(msg.batch)
		m.setStories("", msg.stories)
		arrivals := m.applyArrivals(msg)
		if msg.refreshed {
			m.countStoredBeside(msg)
		}
		if !m.live.indexing {
			m.live.indexing = true
			arrivals = tea.Batch(arrivals, m.indexCmd())
		}
		m.rebuild()
		var again tea.Cmd
		if m.live.again {
			since, done := m.live.againSince, m.live.againDone
			m.live.again, m.live.againDone, m.live.againSince = false, false, time.Time{}
			again = m.loadCache(since, done)
		}
		return m, tea.Batch(m.research(), arrivals, again, m.foldAllCmd())

	case notifiedMsg:
		if msg.err != nil && !m.live.desktopFailed {
			// Said once: the reader goes on without the desktop.
			m.live.desktopFailed = true
			m.status = newNotice(noticeError, msg.err.Error())
		}
		return m, nil

	case searchResultMsg, viewCountsMsg, indexedMsg:
		return m.updateFind(msg)

	case refreshStartedMsg, refreshProgressMsg, autoRefreshMsg:
		var cmd tea.Cmd
		m.refresher, cmd, _ = m.refresher.Update(msg)
		switch msg := msg.(type) {
		case refreshStartedMsg:
			cmd = tea.Batch(cmd, m.spinner.Tick)
			m.layout()
		case refreshProgressMsg:
			// Each feed's items show as soon as it answers.
			if msg.New > 0 {
				cmd = tea.Batch(cmd, m.loadCache(m.refresher.started, false))
			}
			m.layout()
		}
		return m, cmd

	case storedBesideMsg:
		// No feed was due: another process fetched them. What it stored
		// since the reader last looked is read as a round's would be,
		// marked new and its alerts shown, and left to that process to
		// notify (applyArrivals: it came before this reader's "round").
		m.refresher.busy = nil
		if !msg.last.After(m.live.mark) || !msg.last.After(m.live.besideLast) {
			return m, nil // nothing new, or only of feeds not on show
		}
		m.live.besideLast = msg.last
		now := m.cfg.Now()
		m.refresher.started = now
		return m, m.loadCache(m.arrivalsSince(now), true)

	case refreshDoneMsg:
		var next tea.Cmd // the next auto-refresh
		var n notice
		m.refresher, next, n = m.refresher.Update(msg)
		m.showRound(n)
		m.live.roundStarted, m.live.roundNote = msg.started, notice{}
		if !n.empty() {
			m.live.roundNote = m.status
		}
		m.layout()
		return m, tea.Batch(m.loadCache(m.arrivalsSince(msg.started), true), m.backgroundFullTextCmd(), next)

	case fullTextMsg, fullTextStartedMsg, fullTextProgressMsg, fullTextDoneMsg:
		return m.updateFullText(msg)

	case markSavedMsg:
		if msg.err != nil {
			m.status = m.problem(noticeError, m.lang.SaveStateFailed(), msg.err)
		}
		return m, nil

	case renderedMsg:
		if errors.Is(msg.err, context.Canceled) {
			return m, nil // a render the reader walked away from
		}
		if msg.err == nil {
			m.cache.put(msg.key, msg.laid)
			m.full.meta[msg.key.item] = msg.meta
		}
		if (m.state == stateArticle || m.splitOn()) && m.article.want == msg.key {
			m.article.setContent(msg.laid, msg.err)
		}
		return m, nil

	case linkChosenMsg:
		return m.linkChosen(msg)

	case execMsg:
		// Run without the screen (as tests run the model), Bubble Tea
		// hands the terminal over.
		return m, tea.ExecProcess(msg.cmd, msg.fn)

	case linksClosedMsg:
		if m.state != stateLinks {
			return m, nil
		}
		m.state = stateArticle
		return m, m.renderCurrent() // the screen may have changed size

	case openedMsg:
		if msg.err != nil {
			m.status = m.problem(noticeError, m.lang.CannotOpen(), msg.err)
		} else {
			m.status = info(m.lang.Opening())
		}
		return m, nil

	case browserClosedMsg:
		if msg.err != nil {
			m.status = m.problem(noticeError, m.lang.BrowserFailed(), msg.err)
		}
		return m, nil

	case tea.KeyPressMsg:
		m.status = notice{}
		m.lib.NoteInput()
		return m.handleKey(msg)

	case tea.MouseClickMsg, tea.MouseWheelMsg:
		m.lib.NoteInput()
		return m.mouse(msg.(tea.MouseMsg))

	case tea.PasteMsg:
		if m.pipe.active {
			return m.pipeInput(msg)
		}
		return m.updateFind(msg)

	case pipedMsg:
		return m.piped(msg)

	case savedMsg:
		if msg.err != nil {
			m.status = m.problem(noticeError, m.lang.SaveFailed(), msg.err)
		} else {
			m.status = savedNotice(m.lang, filepath.Base(msg.path), homePath(filepath.Dir(msg.path)))
		}
		return m, nil
	}
	return m, nil
}

// showRound puts in the footer n, what a refresh round found. The
// answer to r always shows. An automatic round's notice (n.background)
// shows only over an empty footer or over another automatic round's,
// never over what a key brought, which stands until the next key; news
// over an automatic round's news adds up, so that feeds a round split
// in two (a host's pacing) are counted together, and a round that found
// nothing (n empty) leaves the footer as it is.
func (m *Model) showRound(n notice) {
	if n.empty() {
		return
	}
	if n.background && !m.status.empty() {
		if !m.status.background {
			return
		}
		if n.kind == noticeInfo && m.status.kind == noticeInfo && m.status.news > 0 {
			sum := m.status.news + n.news
			n = info(m.lang.RefreshedNew(sum))
			n.background, n.news = true, sum
		}
	}
	m.status = n
}

// addLoadNote puts n above the rows, unless the same note stands there
// already. It reports whether n was added.
func (m *Model) addLoadNote(n notice) bool {
	if slices.Contains(m.loadNotes, n) {
		return false
	}
	m.loadNotes = append(m.loadNotes, n)
	return true
}

// setLocalNotes makes notes the local source src's, in place of those of
// its last read. The slice is replaced, not written to: a Model is a
// value, and older copies keep theirs.
func (m *Model) setLocalNotes(src string, notes []notice) {
	i := slices.Index(m.cfg.Sources.Locals, src)
	if i < 0 || i >= len(m.localNotes) {
		return
	}
	all := slices.Clone(m.localNotes)
	all[i] = notes
	m.localNotes = all
}

// warnings are the notes of a local source's read: one a warning.
func (m Model) warnings(b *library.Batch) []notice {
	if b == nil {
		return nil
	}
	var notes []notice
	for _, err := range b.Warnings {
		if n := m.problem(noticeWarning, "", err); !slices.Contains(notes, n) {
			notes = append(notes, n)
		}
	}
	return notes
}

// current is the entry the item keys act on: the open article's, or the
// one under the list's cursor.
func (m Model) current() *library.Entry {
	if m.state == stateArticle || m.state == stateOutput && m.outputFrom == stateArticle {
		return m.article.entry
	}
	return m.list.current()
}

func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	m.list.held = true // the reader has taken over the cursor
	if m.pipe.active {
		return m.pipeInput(msg)
	}
	if next, cmd, ok := m.linkKey(msg); ok {
		return next, cmd
	}
	if next, cmd, ok := m.findKey(msg); ok {
		return next, cmd
	}
	switch {
	case key.Matches(msg, m.keys.ForceQuit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Suspend):
		return m, tea.Suspend
	case key.Matches(msg, m.keys.Help):
		m.showHelp = !m.showHelp
		m.help = newHelp(m.keys, m.styles)
		m.help.mouse = m.cfg.Mouse
		m.help.setSize(m.width, m.bodyHeight())
		return m, nil
	}
	if m.showHelp {
		if key.Matches(msg, m.keys.Back) {
			m.showHelp = false
			return m, nil
		}
		var cmd tea.Cmd
		m.help, cmd = m.help.Update(msg)
		return m, cmd
	}

	// Keys on the current item, in the list and in an article.
	cur := m.current()
	switch {
	case key.Matches(msg, m.keys.OpenLink):
		if cur == nil {
			return m, nil
		}
		if cur.Link == "" {
			// The feed gave none, or an unsafe one that was dropped.
			m.status = info(m.lang.NoLinkToOpen())
			return m, nil
		}
		return m, m.openCmd(cur.Link)
	case key.Matches(msg, m.keys.ToggleRead) && cur != nil && m.state == stateList && len(m.currentFold().items) > 1:
		// A folded story is one row: m marks all of it, read while
		// any of it is unread, as its row's N says.
		f := m.currentFold()
		mark, changed := m.view.SetReadAll(f.items, f.unread)
		cmd := m.saveMarkCmd(mark, changed)
		n := 0
		if changed {
			n = mark.Count()
		}
		m.status = info(m.lang.MarkedStoryUnread(render.Thousands(n)))
		if f.unread {
			m.status = info(m.lang.MarkedStoryRead(render.Thousands(n)))
		}
		m.refilter()
		return m, cmd
	case key.Matches(msg, m.keys.ToggleRead) && cur != nil:
		cmd := m.saveMarkCmd(m.view.SetRead(cur, !cur.Read))
		m.status = info(m.lang.MarkedUnread())
		if cur.Read {
			m.status = info(m.lang.MarkedRead())
		}
		m.refilter()
		return m, cmd
	case key.Matches(msg, m.keys.Star) && cur != nil && m.state == stateList && len(m.currentFold().items) > 1:
		// As m: a folded story's row stars all of it, or, when its *
		// says one of it is starred, unstars all of it.
		f := m.currentFold()
		var marks []library.Mark
		for _, x := range f.items {
			if mark, changed := m.view.SetStarred(x, !f.starred); changed {
				marks = append(marks, mark)
			}
		}
		cmd := m.saveMarksCmd(marks)
		m.status = info(m.lang.StarredStory(render.Thousands(len(marks))))
		if f.starred {
			m.status = info(m.lang.UnstarredStory(render.Thousands(len(marks))))
		}
		m.refilter()
		return m, cmd
	case key.Matches(msg, m.keys.Star) && cur != nil:
		cmd := m.saveMarkCmd(m.view.SetStarred(cur, !cur.Starred))
		m.status = info(m.lang.Unstarred())
		if cur.Starred {
			m.status = info(m.lang.Starred())
		}
		m.refilter() // a folded story's * follows its items'
		return m, cmd
	case key.Matches(msg, m.keys.Refresh):
		return m.refreshKey()
	case key.Matches(msg, m.keys.Split) && (m.state == stateList || m.state == stateArticle):
		return m.toggleSplit()
	case key.Matches(msg, m.keys.Pipe) && cur != nil:
		return m.pipeKey()
	case key.Matches(msg, m.keys.Save) && cur != nil:
		return m, m.saveCmd(cur)
	}

	if m.state == stateOutput {
		if key.Matches(msg, m.keys.Back) {
			m.state = m.outputFrom
			return m, nil
		}
		var cmd tea.Cmd
		m.output, cmd = m.output.Update(msg)
		return m, cmd
	}

	if m.state == stateArticle {
		if key.Matches(msg, m.keys.Back) {
			m.state = stateList
			if !m.splitOn() {
				m.cancelRender()
			}
			m.layout()
			return m, nil
		}
		if key.Matches(msg, m.keys.FullText) {
			return m.fetchFullText()
		}
		var cmd tea.Cmd
		m.article, cmd = m.article.Update(msg)
		return m, cmd
	}

	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.UnreadOnly):
		m.filter.UnreadOnly = !m.filter.UnreadOnly
		m.refilter()
		return m, nil
	case key.Matches(msg, m.keys.Open):
		e := m.list.current()
		if e == nil {
			return m, nil
		}
		if f := m.currentFold(); f.story != nil && !f.member && !f.expanded {
			m, _ = m.toggleStory() // Enter on a folded story expands it
			return m, nil
		}
		return m.openEntry(e)
	case key.Matches(msg, m.keys.Fold):
		m, _ = m.toggleStory()
		return m, nil
	}
	m.find.toEnd = false // another key: the cursor is the reader's again
	if key.Matches(msg, m.keys.Bottom) {
		if next, cmd, ok := m.toLastMatch(); ok {
			return next, cmd
		}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	return m, tea.Batch(cmd, m.moreHits())
}

// openEntry opens e's article and marks it read.
func (m Model) openEntry(e *library.Entry) (Model, tea.Cmd) {
	m.state = stateArticle
	if !m.splitOn() || m.article.entry == nil || m.article.entry.Key() != e.Key() {
		m.article = newArticle(m.keys, m.styles, e)
		m.article.setQuery(m.articleQuery())
	}
	m.article.entry = e
	cmd := m.saveMarkCmd(m.view.SetRead(e, true))
	m.layout() // an alert's notice goes once its item is read
	return m, tea.Batch(m.renderCurrent(), cmd)
}

// rebuild shows what the view holds after a source or the cache arrived.
func (m *Model) rebuild() {
	m.list.multiFeed = len(m.view.Feeds()) > 1
	m.applyFilter(true)
}

// refilter applies the filter again after the reader changed it, or
// changed what it keeps (a mark, a story folded). The entry under the
// cursor stays while it is read, so marking it does not make the list
// jump.
func (m *Model) refilter() { m.applyFilter(false) }

// applyFilter shows the view's items the filter keeps. arrived says the
// items changed under the reader (a source, the cache, a refresh): the
// cursor's row then keeps its line, and what came above stays above the
// window. Otherwise the reader changed the list, and the window fills
// the screen around the cursor's item.
func (m *Model) applyFilter(arrived bool) {
	f := m.filter
	if f.UnreadOnly {
		f.Keep = m.list.current()
	}
	items := m.view.Items(f)
	m.list.flat = items
	m.list.setItems(m.fold(items))
	m.layout()
	if !arrived {
		m.list.fill()
	}
}

// feedName is the name of a feed on show.
func (m Model) feedName(source string) string {
	for _, c := range m.view.Feeds() {
		if c.Source == source {
			return c.Name
		}
	}
	return source
}

// renderCurrent makes sure the open article is rendered at the current
// width and style: from the cache at once, or by a command.
func (m *Model) renderCurrent() tea.Cmd {
	preview := m.state == stateList && m.splitOn()
	if m.state != stateArticle && !preview || m.article.entry == nil || m.width <= 0 {
		return nil
	}
	a := m.articleArea()
	m.article.setSize(a.w, a.h)
	e := m.article.entry
	rk := m.articleKey(e)
	m.article.want = rk
	if laid, ok := m.cache.get(rk); ok {
		m.article.setContent(laid, nil)
		return nil
	}
	m.article.rendering = true
	m.cancelRender()
	var ctx context.Context
	ctx, m.stopRender = context.WithCancel(context.Background())
	return m.renderCmd(ctx, e, rk)
}

// articleKey is the rendering of e the article's area wants now.
func (m Model) articleKey(e *library.Entry) renderKey {
	return renderKey{item: e.Key(), width: min(m.articleArea().w, render.ReadingWidth), style: m.style}
}

// staleArticle reports whether the article on show, full screen or in
// the split pane, was laid out for another width or style than now.
func (m Model) staleArticle() bool {
	shown := m.state == stateArticle || m.state == stateList && m.splitOn()
	return shown && m.article.entry != nil && m.width > 0 && m.article.want != m.articleKey(m.article.entry)
}

// cancelRender stops the render in progress, if any.
func (m *Model) cancelRender() {
	if m.stopRender != nil {
		m.stopRender()
		m.stopRender = nil
	}
}

// bodyHeight is the rows above the footer.
func (m Model) bodyHeight() int { return max(m.height-1, 1) }

// layout gives every component its size, and the list its notes.
func (m *Model) layout() {
	m.laidSplit = m.splitOn()
	m.list.setSize(m.listRowWidth(), max(m.height-2, 1)) // header + footer
	notes := m.notes()
	// Split, an alert's notice, the first of the list's notes, stands
	// over both panes: the list keeps it as a note, so that its rows
	// stay on their lines as they do unsplit, and the article starts
	// under it.
	_, alerted := m.alertLine()
	m.banner = m.laidSplit && alerted && len(notes) > 0
	m.list.setNotes(notes)
	a := m.articleArea()
	m.article.setSize(a.w, a.h)
	m.help.setSize(m.width, m.bodyHeight())
	m.output.setSize(m.width, m.bodyHeight())
	m.find.feeds.setSize(m.width, m.bodyHeight())
	m.links.setSize(m.width, m.bodyHeight())
	m.pipe.setWidth(m.width)
}

// maxNotes is how many errors and warnings stand above the rows.
const maxNotes = 3

// maxNoteLines is how many lines one error or warning takes above the
// rows while there are rows to show: it wraps, and one longer still ends
// in an ellipsis (the log has a warning whole).
const maxNoteLines = 3

// notes are the lines above the rows: load errors and warnings, the
// spinner, or a note that there is nothing to show. They never push every
// row off the screen.
func (m Model) notes() []string {
	rows, w := max(m.height-2, 1), m.listRowWidth()
	empty := len(m.list.items) == 0
	var all []notice
	for _, notes := range m.localNotes {
		all = append(all, notes...)
	}
	all = append(all, m.loadNotes...)
	if empty {
		all = append(all, m.refresher.failures...)
	} else {
		// Rows of other sources: a feed that failed with nothing cached
		// is missing from them, and says why. One with items cached is
		// listed from them; the header and the footer say it failed.
		all = append(all, m.refresher.uncached...)
	}
	all = append(all, m.storedFailures(all, !empty)...)
	more := 0 // notes left out, said on one line
	if !empty && len(all) > maxNotes {
		// Rows are waiting: a few notes, and how many more.
		more = len(all) - maxNotes + 1
		all = all[: maxNotes-1 : maxNotes-1]
	}
	var lines []string
	if l, ok := m.alertLine(); ok {
		lines = append(lines, l)
	}
	if empty {
		// Nothing else to show: each message whole, wrapped.
		for _, n := range all {
			lines = wrapLines(lines, n.line(m.lang), w, m.styles.err)
		}
	} else {
		// Rows are waiting below: the notes take half of them at most
		// (three lines on a short screen), each wrapped on a few lines.
		var cut bool
		lines, more, cut = m.noteLines(lines, all, more, min(rows-1, max(rows/2, maxNotes)), w)
		switch {
		case more > 0:
			lines = append(lines, m.styles.err.Render(m.moreNotes(more, w)))
		case cut && m.logShown != "":
			before, after := m.lang.WholeNotesIn()
			lines = append(lines, m.styles.err.Render(render.PathLine(before, m.logShown, after, w)))
		}
	}
	// Then what is under way, or what to do about an empty list: a note
	// over one has the screen, so it wraps rather than being cut.
	switch {
	case m.pending > 0:
		lines = append(lines, render.Truncate(m.spinner.View()+" "+m.lang.Loading(), w))
	case empty && m.refresher.running:
		lines = append(lines, render.Truncate(m.spinner.View()+" "+m.lang.Refreshing(), w))
		for _, l := range m.refresher.progressLines(m.feedName) {
			lines = append(lines, m.styles.dim.Render(render.Truncate("  "+l, w)))
		}
	case empty && m.find.badQuery():
		lines = wrapLines(lines, m.findNote(), w, m.styles.err)
	case empty && m.findNote() != "":
		lines = wrapLines(lines, m.findNote(), w, m.styles.dim)
	case empty && m.filter.UnreadOnly:
		lines = wrapLines(lines, m.lang.NoUnread(hint(m.keys.UnreadOnly)), w, m.styles.dim)
	case empty && len(all) == 0:
		lines = wrapLines(lines, m.lang.NoItemsHere(), w, m.styles.dim)
	case empty && slices.ContainsFunc(all, func(n notice) bool { return n.kind == noticeError }):
		// What to do about it.
		lines = wrapLines(lines, m.lang.RetryKey(hint(m.keys.Refresh)), w, m.styles.dim)
	}
	if !empty {
		lines = lines[:min(len(lines), rows-1)]
	}
	return lines[:min(len(lines), rows)]
}

// noteLines adds notes to lines, in w cells, within budget lines in all,
// one of them kept for the line that says how many were left out (more
// counts those left out already). A note is shown whole, or on
// maxNoteLines lines when it is longer (cut says so of a warning, which
// the log has whole; an error is not logged). One that the lines
// left would cut is counted in more instead, unless it is the first:
// then it is cut to what is left, one line at least.
func (m Model) noteLines(lines []string, notes []notice, more, budget, w int) (_ []string, _ int, cut bool) {
	for i, n := range notes {
		room := budget - len(lines)
		if more > 0 || i < len(notes)-1 {
			room-- // for the line that says how many more
		}
		if i == 0 {
			room = max(room, 1)
		}
		ls, c := render.SourceLines(n.head(m.lang, true), n.source, n.separator(), n.text, w, min(room, maxNoteLines))
		if i > 0 && (room < 1 || c && room < maxNoteLines) {
			more += len(notes) - i
			break
		}
		for _, l := range ls {
			lines = append(lines, m.styles.err.Render(l))
		}
		cut = cut || c && n.kind == noticeWarning
	}
	return lines, more, cut
}

// wrapLines adds s to lines, wrapped to w cells, each line in style p.
func wrapLines(lines []string, s string, w int, p paint) []string {
	for _, l := range render.Wrap(s, w) {
		lines = append(lines, p.Render(l))
	}
	return lines
}

// moreNotes is the line that stands for n notes left out, in w cells:
// how many, and the log that has them all, its path cut in its folders
// when the line is too narrow.
func (m Model) moreNotes(n, w int) string {
	if m.logShown == "" {
		return render.Truncate(m.lang.MoreNotes(n), w)
	}
	before, after := m.lang.MoreNotesIn(n)
	return render.PathLine(before, m.logShown, after, w)
}

// storedFailures are the last fetch errors of the cached feeds an empty
// list would show: the feed it is narrowed to, or, with no search and no
// unread-only filter, every feed on show. A reader started on a cache
// whose feeds failed then says why they have no items, not just that
// there are none. With bare, the list has rows of other sources: only
// the feeds with nothing cached, missing from every filter's rows, say
// so. Each says when it was tried and when it is tried next, as `sokbo
// list` does. A feed this session's refresh reported is left to that
// note.
func (m Model) storedFailures(already []notice, bare bool) []notice {
	if !bare && m.filter.Feed == "" && (m.filter.UnreadOnly || m.findNote() != "") {
		return nil
	}
	var out []notice
	for _, f := range m.view.CachedFeeds() {
		// Items come of a fetch that succeeded: one that never did has
		// none (the count is not always read with the records).
		hasItems := f.Items > 0 || !f.LastSuccess.IsZero()
		if f.LastError == "" || bare && hasItems || m.filter.Feed != "" && f.URL != m.filter.Feed {
			continue
		}
		sub := feed.Subscription{URL: f.URL}
		if i := slices.IndexFunc(m.refresher.feeds, func(s feed.Subscription) bool { return s.URL == f.URL }); i >= 0 {
			sub = m.refresher.feeds[i]
		}
		n := notice{kind: noticeError, source: clean.OneLine(f.DisplayName()),
			text: m.lang.LastFetchFailed(clean.OneLine(m.lib.StoredFailure(m.lang, sub, f, m.cfg.Now())))}
		if !slices.ContainsFunc(already, func(o notice) bool { return o.source == n.source || o.source == clean.OneLine(f.URL) }) {
			out = append(out, n)
		}
	}
	return out
}

// View assembles the screen from cached strings; it never renders Markdown.
func (m Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = m.cfg.WindowTitle
	if m.cfg.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	if m.width <= 0 || m.height <= 0 {
		return v
	}
	if m.quiet && m.firstReadPending() && len(m.loadNotes) == 0 {
		return v // blank for a moment: the list is on its way
	}
	pos := ""
	if n := len(m.list.items); n > 0 {
		pos = render.Thousands(m.list.cursor+1) + "/" + render.Thousands(n)
		if m.view.Head() {
			// How many rows the rest folds into is known once it is in.
			pos = render.Thousands(m.list.cursor+1) + "/…"
		}
	}
	var b strings.Builder
	var foot string
	switch {
	case m.showHelp:
		b.WriteString(m.help.View())
		foot = m.footerLine(m.lang.HelpTitle(), false, m.help.scroll())
	case m.state == stateArticle && m.splitOn():
		b.WriteString(m.header())
		b.WriteByte('\n')
		// The article has the keys: the list's cursor row says so.
		list := m.list
		list.blurred = true
		b.WriteString(m.splitPanes(list.View()))
		foot = m.articleFooter(pos, fmt.Sprintf("%d%%", m.article.scrollPercent()))
	case m.state == stateArticle:
		b.WriteString(m.article.View(m.spinner.View()))
		foot = m.articleFooter(pos, fmt.Sprintf("%d%%", m.article.scrollPercent()))
	case m.state == stateOutput:
		b.WriteString(m.output.View())
		foot = m.footerLine(m.output.title, false, fmt.Sprintf("%d%%", m.output.scrollPercent()))
	case m.state == stateFeeds:
		b.WriteString(m.find.feeds.View())
		foot = m.footerLine(m.lang.FeedListKeys(hint(m.keys.Open), hint(m.keys.Back)), false)
	case m.state == stateLinks:
		b.WriteString(m.links.View())
		foot = m.footerLine(m.lang.LinksFooter(hint(m.keys.Open), hint(m.keys.Copy), hint(m.keys.Back)), false)
	default:
		b.WriteString(m.header())
		b.WriteByte('\n')
		if m.splitOn() {
			b.WriteString(m.splitPanes(m.list.View()))
		} else {
			b.WriteString(m.list.View())
		}
		if m.find.typing {
			// The field, with the terminal's cursor where the next
			// character goes: there the IME draws what it composes.
			var x int
			foot, x = m.searchLine()
			v.Cursor = tea.NewCursor(x, m.height-1)
		} else {
			hint := ""
			if m.list.newAbove() > 0 {
				hint = m.lang.ToNewest(m.keys.Newest.Help().Key)
			}
			foot = m.footer(m.sourceLabel(), hint, pos)
		}
	}
	if m.pipe.active {
		foot = m.pipe.View(m.width)
	}
	b.WriteByte('\n')
	b.WriteString(foot)
	if m.height == 1 && (m.find.typing || m.pipe.active) {
		// One line, and the reader is typing: the field, with its cursor.
		v.SetContent(foot)
		return v
	}
	v.SetContent(fitHeight(b.String(), m.height))
	return v
}

// fitHeight keeps a screen to h lines, since the list and the article
// keep a row of their own however short the window: what goes first is
// the body, then the footer; the header (the first line) stays longest.
func fitHeight(s string, h int) string {
	if strings.Count(s, "\n") < h {
		return s
	}
	lines := strings.Split(s, "\n")
	if h == 1 {
		return lines[0]
	}
	return strings.Join(append(lines[:h-1:h-1], lines[len(lines)-1]), "\n")
}
