// Package ui provides sokbo's interactive reader: a Bubble Tea program with
// a headline list, an article pager and a help view.
package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
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

	status string // a one-line note in the footer, e.g. a link that would not open

	spinner spinner.Model
	pending int // sources still loading
	errs    []error
	feeds   []*feed.Feed

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
		spinner:  spinner.New(spinner.WithSpinner(spinner.Line)),
		markdown: make(map[itemKey]string),
		rendered: make(map[renderKey][]string),
	}
	m.styles = newStyles(m.style)
	return m
}

// NewProgram returns a Bubble Tea program running the reader in the
// alternate screen.
func NewProgram(cfg Config, opts ...tea.ProgramOption) *tea.Program {
	return tea.NewProgram(New(cfg), opts...)
}

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
		if m.pending == 0 {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd

	case loadedMsg:
		m.pending--
		if msg.err != nil {
			m.errs = append(m.errs, msg.err)
		} else {
			m.feeds = append(m.feeds, msg.feed)
			m.list.setItems(feed.Merge(m.feeds...))
		}
		m.layoutList()
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
		m.showHelp = !m.showHelp
		return m, nil
	}
	if m.showHelp {
		if key.Matches(msg, m.keys.Back) {
			m.showHelp = false
		}
		return m, nil
	}

	if key.Matches(msg, m.keys.OpenLink) {
		it := m.list.current()
		if m.state == stateArticle {
			it = m.article.item
		}
		if it == nil || it.Link == "" {
			return m, nil
		}
		return m, m.openCmd(it.Link)
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
	case key.Matches(msg, m.keys.Open):
		it := m.list.current()
		if it == nil {
			return m, nil
		}
		m.state = stateArticle
		m.article = articleModel{item: it}
		m.article.setSize(m.width, m.articleHeight())
		return m, m.renderCurrent()
	}
	m.list.handleKey(msg, m.keys)
	return m, nil
}

// renderCurrent makes sure the open article is rendered at the current
// width and style: from the cache at once, or by a command.
func (m *Model) renderCurrent() tea.Cmd {
	if m.state != stateArticle || m.article.item == nil || m.width <= 0 {
		return nil
	}
	m.article.setSize(m.width, m.articleHeight())
	it := m.article.item
	rk := renderKey{item: keyOf(it), width: m.width, style: m.style}
	m.article.want = rk
	if lines, ok := m.rendered[rk]; ok {
		m.article.setContent(lines, nil)
		return nil
	}
	m.article.rendering = true
	md, haveMD := m.markdown[rk.item]
	loc := m.cfg.Now().Location()
	return func() tea.Msg {
		var err error
		if !haveMD {
			md, err = feed.Markdown(it)
			if err != nil {
				return renderedMsg{key: rk, err: err}
			}
		}
		lines, err := articleLines(it, md, rk.width, rk.style, loc)
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
