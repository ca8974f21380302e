package ui

import (
	"context"
	"net/url"
	"strings"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/render/lang"
)

// articleMeta is what the reader knows of an article's body besides its
// lines: which body it is and what the footer offers.
type articleMeta struct {
	body        library.Body
	summaryOnly bool
	// page is the host the full text came from; failed is why the last
	// attempt to get it failed.
	page, failed string
}

func metaOf(a *library.Article, l lang.Lang) articleMeta {
	// Stored in English by an earlier fetch: said in l by its kind.
	m := articleMeta{body: a.Body, summaryOnly: a.SummaryOnly, failed: clean.OneLine(library.StoredFullTextCause(l, a.FullTextErr()))}
	if a.Body == library.BodyFullText && a.FullText != nil {
		if u, err := url.Parse(a.FullText.URL); err == nil {
			m.page = u.Hostname()
		}
	}
	return m
}

// Messages of full text: one fetched on x, and the background fetch that
// follows a refresh of feeds with fulltext = true.
type (
	// fullTextMsg carries the full text fetched on x, laid out at the
	// width and style the article had, or why it failed. gen tags it.
	fullTextMsg struct {
		item library.Key
		gen  int
		rk   renderKey
		laid laidArticle
		meta articleMeta
		err  error
	}
	fullTextStartedMsg struct {
		progress <-chan library.FullTextProgress
		done     <-chan fullTextDoneMsg
	}
	fullTextProgressMsg library.FullTextProgress
	fullTextDoneMsg     struct {
		sum library.FullTextSummary
		err error
	}
)

// fullText is the reader's state of full text. Use newFullText.
type fullText struct {
	lang lang.Lang
	// meta is by item, set by every rendering; a map, so that the
	// model's copies share it, like the render cache.
	meta map[library.Key]articleMeta

	// The fetch on x: busy while it runs for item; gen drops a result a
	// later x, or leaving the article, has overtaken. stop cancels it.
	busy bool
	item library.Key
	gen  int
	stop context.CancelFunc

	// The background fetch.
	running     bool
	done, total int
	progressCh  <-chan library.FullTextProgress
	doneCh      <-chan fullTextDoneMsg
}

func newFullText() fullText { return fullText{meta: map[library.Key]articleMeta{}} }

// spinning reports whether a fetch is under way that the spinner shows.
func (f fullText) spinning() bool { return f.busy || f.running }

// header is the background fetch's progress for the list's header, or "";
// the spinner follows it, as in the refresh's (refresher.header).
func (f fullText) header(spin spinner.Model) string {
	if !f.running || f.total == 0 {
		return ""
	}
	return f.lang.FullTextProgress(f.done, f.total) + " " + spin.View()
}

// fetchFullText starts fetching the open article's full text: x.
func (m Model) fetchFullText() (tea.Model, tea.Cmd) {
	e := m.article.entry
	if e == nil {
		return m, nil
	}
	if e.Link == "" {
		m.status = info(m.lang.NoLink())
		return m, nil
	}
	if m.full.busy && m.full.item == e.Key() {
		return m, nil // already on its way
	}
	force := m.full.meta[e.Key()].body == library.BodyFullText
	m.stopFullText() // another article's: its result would be dropped
	ctx, stop := context.WithCancel(context.Background())
	m.full.busy, m.full.item, m.full.stop = true, e.Key(), stop
	m.full.gen++
	lib, loc, gen, rk, l := m.lib, m.cfg.Now().Location(), m.full.gen, m.article.want, m.lang
	if rk.width <= 0 {
		rk = renderKey{item: e.Key(), width: max(m.width, 1), style: m.style}
	}
	entry := *e
	fetch := func() tea.Msg {
		defer stop()
		a, err := lib.FullText(ctx, &entry, force)
		msg := fullTextMsg{item: entry.Key(), gen: gen, rk: rk, err: err}
		if err != nil {
			return msg
		}
		msg.meta = metaOf(a, l)
		msg.laid, msg.err = articleLines(a.Item, a.Markdown, rk.width, rk.style, loc, l)
		return msg
	}
	return m, tea.Batch(fetch, m.spinner.Tick)
}

// stopFullText cancels the fetch on x, if one runs: its page holds the
// host's one request at a time, and the page the reader asks for next
// must not wait behind it for the timeout. Its result, if it still comes,
// is dropped, and the article shows no failure: nothing failed, and x
// there starts it again.
func (m *Model) stopFullText() {
	if !m.full.busy {
		return
	}
	m.full.stop()
	m.full.busy, m.full.stop = false, nil
	m.full.gen++
}

// fullTextWanted reports whether the article x fetches the full text of
// is still on show, or behind a screen that goes back to it: open full
// screen, under its links, help or a command's output, or in the split
// pane beside the list. The background fetch of fulltext = true feeds
// fetches pages of its own and does not need this one.
func (m Model) fullTextWanted() bool {
	e := m.article.entry
	if !m.full.busy || e == nil || e.Key() != m.full.item {
		return false
	}
	// Not splitOn: help in front of the list turns that off.
	split := m.split && m.width >= splitMinWidth
	switch m.state {
	case stateArticle, stateLinks:
		return true
	case stateList:
		return split
	case stateOutput:
		return m.outputFrom == stateArticle || m.outputFrom == stateList && split
	}
	return false
}

// backgroundFullTextCmd starts fetching the full text of the new items of
// feeds with fulltext = true, after a refresh, unless one runs already.
// Progress and the end arrive as messages, read from channels one at a
// time, like a refresh's.
func (m Model) backgroundFullTextCmd() tea.Cmd {
	if m.full.running || m.lib.Offline() {
		return nil
	}
	lib, feeds := m.lib, m.cfg.Sources.Feeds
	wanted := false
	for _, s := range feeds {
		wanted = wanted || lib.FullTextFeed(s)
	}
	if !wanted {
		return nil
	}
	return func() tea.Msg {
		progress := make(chan library.FullTextProgress, 16)
		done := make(chan fullTextDoneMsg, 1)
		go func() {
			sum, err := lib.FetchFullTexts(context.Background(), feeds, func(p library.FullTextProgress) { progress <- p })
			close(progress)
			done <- fullTextDoneMsg{sum: sum, err: err}
		}()
		return fullTextStartedMsg{progress: progress, done: done}
	}
}

func waitFullText(progress <-chan library.FullTextProgress, done <-chan fullTextDoneMsg) tea.Cmd {
	return func() tea.Msg {
		if p, ok := <-progress; ok {
			return fullTextProgressMsg(p)
		}
		return <-done
	}
}

// updateFullText applies the messages of full text.
func (m Model) updateFullText(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case fullTextMsg:
		if msg.gen != m.full.gen {
			if msg.err == nil {
				m.cache.dropItem(msg.item) // kept; shown when next opened
			}
			return m, nil
		}
		m.full.busy, m.full.stop = false, nil
		open := m.state == stateArticle && m.article.entry != nil && m.article.entry.Key() == msg.item
		if msg.err != nil {
			_, reason := library.Describe(m.lang, msg.err)
			if meta, ok := m.full.meta[msg.item]; ok && meta.body == library.BodyFeed {
				meta.failed = reason
				m.full.meta[msg.item] = meta
			}
			if open {
				m.status = m.fullTextFailed(m.article.entry.Link, reason)
			}
			return m, nil
		}
		m.cache.dropItem(msg.item)
		m.cache.put(msg.rk, msg.laid)
		m.full.meta[msg.item] = msg.meta
		if !open {
			return m, nil
		}
		m.status = info(m.lang.FullTextGot())
		m.article.offset = 0
		if m.article.want == msg.rk {
			m.article.setContent(msg.laid, nil)
			return m, nil
		}
		return m, m.renderCurrent()

	case fullTextStartedMsg:
		m.full.running, m.full.done, m.full.total = true, 0, 0
		m.full.progressCh, m.full.doneCh = msg.progress, msg.done
		return m, tea.Batch(waitFullText(m.full.progressCh, m.full.doneCh), m.spinner.Tick)

	case fullTextProgressMsg:
		m.full.done, m.full.total = msg.Done, msg.Total
		next := waitFullText(m.full.progressCh, m.full.doneCh)
		if msg.Err != nil {
			return m, next
		}
		m.cache.dropItem(msg.Key)
		delete(m.full.meta, msg.Key)
		// The open article, or the one the split pane shows, was the
		// summary: the full text takes its place.
		shown := m.state == stateArticle || m.state == stateList && m.splitOn()
		if shown && m.article.entry != nil && m.article.entry.Key() == msg.Key {
			m.article.offset = 0
			return m, tea.Batch(next, m.renderCurrent())
		}
		return m, next

	case fullTextDoneMsg:
		m.full.running = false
		m.full.progressCh, m.full.doneCh = nil, nil
		return m, nil
	}
	return m, nil
}

// articleFooter is the article's status line: what the footer offers of
// full text, or the source, then the position and scroll.
func (m Model) articleFooter(extra ...string) string {
	if labels, ok := m.retryLabels(); ok {
		return m.footerChoices(labels, 1, false, extra...)
	}
	label, isSource := m.articleLabel()
	return m.footerLine(label, isSource, extra...)
}

// retryLabels are the ways to say, longest first, that the article's
// full text could not be fetched and which key tries again: the cause
// goes first, then what failed (which stays while it can), then all
// but the key. ok is false when the footer says something else.
func (m Model) retryLabels() (_ []string, ok bool) {
	e := m.article.entry
	if e == nil || m.full.busy && m.full.item == e.Key() {
		return nil, false
	}
	meta := m.full.meta[e.Key()]
	if meta.body == library.BodyFullText || meta.failed == "" || m.lib.Offline() {
		return nil, false
	}
	k := hint(m.keys.FullText)
	return []string{m.lang.FullTextRetry(k, meta.failed), m.lang.FullTextRetried(k), m.lang.FullTextRetryKey(k)}, true
}

func (m Model) articleLabel() (string, bool) {
	e := m.article.entry
	if e == nil {
		return m.sourceLabel(), true
	}
	if m.full.busy && m.full.item == e.Key() {
		return m.spinner.View() + " " + m.lang.FullTextFetching(), false
	}
	meta, ok := m.full.meta[e.Key()]
	switch {
	case !ok:
	case meta.body == library.BodyFullText:
		if meta.page != "" {
			return m.lang.FullTextFrom(meta.page), false
		}
		return m.lang.FullText(), false
	case meta.failed != "" && !m.lib.Offline():
		return m.lang.FullTextRetry(hint(m.keys.FullText), meta.failed), false
	case meta.summaryOnly && !m.lib.Offline():
		return m.lang.FullTextOffer(hint(m.keys.FullText)), false
	}
	return m.sourceLabel(), true
}

// dropItem forgets every layout of one item, at every width and style:
// its body changed.
func (c *renderCache) dropItem(k library.Key) {
	for el := c.order.Front(); el != nil; {
		next := el.Next()
		if e := el.Value.(*renderEntry); e.key.item == k {
			c.order.Remove(el)
			delete(c.byKey, e.key)
			c.size -= e.size
		}
		el = next
	}
}

// fullTextFailed is the notice of a failed full text: the host of the
// page's address, which the footer cuts in its middle when it is long,
// then the cause, so that a failure says where it went wrong. A cause
// that names the host already ("cannot connect to 127.0.0.1:9: ...") is
// not headed by it again.
func (m Model) fullTextFailed(link, reason string) notice {
	n := notice{kind: noticeError, label: m.lang.FullTextFailedLabel(), text: clean.OneLine(reason)}
	if u, err := url.Parse(link); err == nil && u.Host != "" && !strings.Contains(reason, u.Host) {
		n.source = clean.OneLine(u.Host)
	}
	return n
}
