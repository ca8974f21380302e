package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
)

// Messages of the reader's commands. Each command asks the library or the
// renderer and returns one of these; Update applies it.
type (
	// localLoadedMsg carries one local source, read.
	localLoadedMsg struct {
		source  string
		batch   *library.Batch
		err     error
		stories stories
	}
	// cachedMsg carries the cache's headlines, read with the items first
	// stored since since marked new; stories are their folded stories,
	// newest the newest arrival among them. first is the read when the
	// reader starts, marked when what comes after it is news (the reader
	// had a mark, since being it, or the cache held items); refreshed the
	// read after a refresh ended.
	cachedMsg struct {
		batch     *library.Batch
		err       error
		since     time.Time
		newest    time.Time
		stories   stories
		first     bool
		marked    bool
		refreshed bool
	}
	// markSavedMsg reports a mark written to the store.
	markSavedMsg struct{ err error }
	// renderedMsg carries an article laid out at one width and style.
	renderedMsg struct {
		key  renderKey
		laid laidArticle
		meta articleMeta
		err  error
	}
)

func (m Model) loadLocalCmd(src string) tea.Cmd {
	lib, log := m.lib, m.cfg.Log
	return func() tea.Msg {
		b, err := lib.LoadLocal(context.Background(), src)
		logWarnings(log, b)
		return localLoadedMsg{source: src, batch: b, err: err, stories: groupBatch(lib, b)}
	}
}

// logWarnings tells log (Config.Log) the warnings of b, a local source's
// read.
func logWarnings(log func(error), b *library.Batch) {
	if log == nil || b == nil {
		return
	}
	for _, err := range b.Warnings {
		log(err)
	}
}

// cachedCmd reads the headlines of every subscription from the store, with
// no bodies, so the list of ten thousand items shows at once, and folds
// their stories. Items first seen since since (a refresh's start; zero for
// none) are marked fresh.
func (m Model) cachedCmd(since time.Time) tea.Cmd {
	read := m.cacheReader()
	return func() tea.Msg { return read(since) }
}

// cacheReader returns what reads the cache from a command, with the
// View's mark counter as it is now.
func (m Model) cacheReader() func(since time.Time) cachedMsg { return m.headReader(0) }

// headReader is cacheReader reading only the newest head headlines and
// the counts of the rest (Library.LoadHead), or all with 0.
func (m Model) headReader(head int) func(since time.Time) cachedMsg {
	lib, feeds, seq := m.lib, m.cfg.Sources.Feeds, m.view.Seq()
	return func(since time.Time) cachedMsg {
		var b *library.Batch
		var err error
		if head > 0 {
			b, err = lib.LoadHead(context.Background(), feeds, head, since)
		} else {
			b, err = lib.LoadCached(context.Background(), feeds, since)
		}
		msg := cachedMsg{batch: b, err: err, since: since}
		if b != nil {
			b.Seq = seq
			for _, e := range b.Entries {
				if e.FirstSeen.After(msg.newest) {
					msg.newest = e.FirstSeen
				}
			}
			msg.stories = groupBatch(lib, b)
		}
		return msg
	}
}

// saveMarkCmd queues one changed mark, here in Update where keys come in
// order, and writes the queue to the store from a command.
func (m Model) saveMarkCmd(mark library.Mark, changed bool) tea.Cmd {
	if !changed {
		return nil
	}
	lib := m.lib
	lib.Queue(mark)
	return func() tea.Msg {
		return markSavedMsg{err: lib.Flush(context.Background())}
	}
}

// saveMarksCmd is saveMarkCmd for several marks, queued in order and
// saved by one flush.
func (m Model) saveMarksCmd(marks []library.Mark) tea.Cmd {
	if len(marks) == 0 {
		return nil
	}
	lib := m.lib
	for _, mark := range marks {
		lib.Queue(mark)
	}
	return func() tea.Msg {
		return markSavedMsg{err: lib.Flush(context.Background())}
	}
}

// renderCmd loads an entry's article (from the store for a cached one),
// converts it to Markdown and lays it out, off the Update loop. It stops
// between steps once ctx ends: the reader left the article.
func (m Model) renderCmd(ctx context.Context, e *library.Entry, rk renderKey) tea.Cmd {
	lib, loc, l := m.lib, m.cfg.Now().Location(), m.lang
	entry := *e
	return func() tea.Msg {
		a, err := lib.Article(ctx, &entry)
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			return renderedMsg{key: rk, err: err}
		}
		laid, err := articleLines(a.Item, a.Markdown, rk.width, rk.style, loc, l)
		return renderedMsg{key: rk, laid: laid, meta: metaOf(a, l), err: err}
	}
}

// laidArticle is an article laid out at one width and style: its lines,
// its numbered links and the spots where they stand on the lines.
type laidArticle struct {
	lines []string
	links []render.Link
	spots []render.LinkSpot
}

// articleLines lays out a whole article at width: the header and the body,
// by render.RenderPage. It runs in a command, never in View.
func articleLines(it *feed.Item, md string, width int, style render.Style, loc *time.Location, l lang.Lang) (laidArticle, error) {
	doc := render.ArticleDoc(it, md, loc)
	doc.Lang = l
	p, err := render.RenderPage(doc, width, style)
	if err != nil {
		return laidArticle{}, err
	}
	return laidArticle{lines: strings.Split(strings.TrimRight(p.Text, "\n"), "\n"), links: p.Links, spots: p.Spots}, nil
}
