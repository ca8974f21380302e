package ui

import (
	"context"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
)

// reloader is r on local sources: it reads every local file and folder
// again and adds up what changed until the last is back.
type reloader struct {
	lang    lang.Lang
	pending int
	sum     library.Changes
	failed  []error
}

// localReloadedMsg carries one local source, read again.
type localReloadedMsg struct {
	source  string
	batch   *library.Batch
	err     error
	stories stories
}

func (m Model) reloadLocalCmd(src string) tea.Cmd {
	lib, seq, log := m.lib, m.view.Seq(), m.cfg.Log
	return func() tea.Msg {
		b, err := lib.LoadLocal(context.Background(), src)
		logWarnings(log, b)
		if b != nil {
			b.Seq = seq
		}
		return localReloadedMsg{source: src, batch: b, err: err, stories: groupBatch(lib, b)}
	}
}

// refreshKey is r: local sources are read again, and subscriptions
// refreshed in the background.
func (m Model) refreshKey() (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	if locals := m.cfg.Sources.Locals; len(locals) > 0 && m.reload.pending == 0 {
		m.reload = reloader{lang: m.lang, pending: len(locals)}
		for _, src := range locals {
			cmds = append(cmds, m.reloadLocalCmd(src))
		}
		m.status = info(m.lang.Reloading())
	}
	if len(m.cfg.Sources.Feeds) > 0 && !m.refresher.running {
		if m.lib.Offline() {
			if len(cmds) == 0 {
				m.status = info(m.lang.OfflineNoReload())
			}
		} else {
			cmds = append(cmds, m.refresher.restart())
		}
	}
	return m, tea.Batch(cmds...)
}

// reloaded applies one local source read again. A source that cannot be
// read keeps what it showed, and the warnings of the read that showed
// it (or, when it showed nothing, its error, now this one); the footer
// says why once all are back. A source read again replaces its warnings
// with this read's: those of files gone or mended go.
func (m Model) reloaded(msg localReloadedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.reload.failed = append(m.reload.failed, msg.err)
		if i := slices.Index(m.cfg.Sources.Locals, msg.source); i >= 0 && i < len(m.localNotes) &&
			slices.ContainsFunc(m.localNotes[i], func(n notice) bool { return n.kind == noticeError }) {
			m.setLocalNotes(msg.source, []notice{m.problem(noticeError, "", msg.err)})
			m.layout()
		}
	} else {
		m.setLocalNotes(msg.source, m.warnings(msg.batch))
		c := m.view.Reload(msg.batch)
		for _, k := range c.Stale {
			m.cache.dropItem(k)
		}
		m.setStories(msg.source, msg.stories)
		m.reload.sum.Add(c)
		m.rebuild()
	}
	fold := m.foldAllCmd()
	if m.reload.pending--; m.reload.pending > 0 {
		return m, fold
	}
	m.status = m.reload.notice()
	if m.state == stateArticle {
		// The open article may have changed: lay it out from the new load.
		if e := m.view.Lookup(m.article.entry.Key()); e != nil && e != m.article.entry {
			m.article.entry = e
			return m, tea.Batch(fold, m.renderCurrent())
		}
	}
	return m, fold
}

// notice says what a finished reload found.
func (r reloader) notice() notice {
	if len(r.failed) > 0 {
		n := problemIn(r.lang, noticeError, r.lang.ReloadFailed(), r.failed[0])
		if len(r.failed) > 1 {
			n.text += r.lang.AndMore(len(r.failed) - 1)
		}
		return n
	}
	if r.sum.None() {
		return info(r.lang.ReloadNone())
	}
	var parts []string
	for _, p := range []struct {
		n   int
		msg func(string) string
	}{{r.sum.New, r.lang.ReloadNew}, {r.sum.Changed, r.lang.ReloadChanged}, {r.sum.Gone, r.lang.ReloadGone}} {
		if p.n > 0 {
			parts = append(parts, p.msg(render.Thousands(p.n)))
		}
	}
	return info(r.lang.ReloadCounts(strings.Join(parts, " · ")))
}
