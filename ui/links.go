package ui

import (
	"errors"
	"os"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"sokbo/feed/alert"
	"sokbo/feed/clean"
	"sokbo/render"
)

// The article's links, by number: render numbers them in reading order
// ("기사[3]", listed at the end). In an article a count typed before o or y
// opens or copies that link: 3o, 3y. The count is typed first, as in vi
// and less, so that o alone still opens the item's link at once, as it
// always has: "o, then 3" would make every o wait to see whether a digit
// follows. L shows the links to choose from (linksModel); y copies the
// item's link, or the one chosen, with OSC 52.
//
// For the mouse: articleModel.linkAt(x, y) is the link drawn at a cell
// of the article's screen, and Model.openLink(n) opens link n (0: the
// item's own link) as 3o does.

// maxCopy is the longest address y copies, in bytes: a terminal takes an
// OSC 52 of a few kilobytes, and no address a reader copies is longer.
const maxCopy = 4096

// errTooLong is the error of an address too long to copy.
var errTooLong = errors.New("the address is longer than 4 KiB")

// maxCountDigits is how many digits a link count holds.
const maxCountDigits = 4

// linkEntry is one row of the link list: a numbered link of the
// article, or (n 0) the item's own link.
type linkEntry struct {
	n    int
	text string
	url  string
}

// linksModel is the link list, L in an article: the item's link, then the
// numbered links, each with its number, its text and its address as a
// reader reads it, cut to the width. Create it with newLinks.
type linksModel struct {
	keys    KeyMap
	styles  styles
	title   string
	entries []linkEntry
	cursor  int
	offset  int
	width   int
	height  int
}

// Messages of the link list.
type (
	// linkChosenMsg asks for the chosen link to be opened, or copied.
	linkChosenMsg struct {
		n    int
		url  string
		copy bool
	}
	// linksClosedMsg leaves the list for the article.
	linksClosedMsg struct{}
)

func newLinks(keys KeyMap, s styles, title, itemLink string, links []render.Link) linksModel {
	l := linksModel{keys: keys, styles: s, title: title}
	if itemLink != "" {
		l.entries = append(l.entries, linkEntry{n: 0, text: s.lang.ItemLink(), url: itemLink})
	}
	for _, k := range links {
		text := k.Text
		if k.Image {
			text = s.lang.ImageLabel() + " " + text
		}
		l.entries = append(l.entries, linkEntry{n: k.N, text: text, url: k.URL})
	}
	if itemLink != "" && len(links) > 0 {
		l.cursor = 1 // the article's first link: the item's own is o
	}
	return l
}

func (l *linksModel) setSize(w, h int) {
	l.width, l.height = w, h
	l.clamp()
}

// rows is how many screen rows an entry takes: one beside its address
// where the screen is wide enough, else its text and its address on two.
func (l linksModel) rows() int {
	if l.width >= 80 {
		return 1
	}
	return 2
}

// visible is how many entries fit under the title.
func (l linksModel) visible() int { return max((l.height-2)/l.rows(), 1) }

func (l *linksModel) clamp() {
	l.cursor = min(max(l.cursor, 0), max(len(l.entries)-1, 0))
	v := l.visible()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+v {
		l.offset = l.cursor - v + 1
	}
	l.offset = min(max(l.offset, 0), max(len(l.entries)-v, 0))
}

// selected is the entry under the cursor.
func (l linksModel) selected() (linkEntry, bool) {
	if l.cursor < 0 || l.cursor >= len(l.entries) {
		return linkEntry{}, false
	}
	return l.entries[l.cursor], true
}

// Update moves the cursor with the moving keys; enter or o opens the
// entry under it, y copies it, and Back (esc, q, backspace) closes the
// list.
func (l linksModel) Update(msg tea.Msg) (linksModel, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return l, nil
	}
	switch {
	case key.Matches(k, l.keys.Open), key.Matches(k, l.keys.OpenLink), key.Matches(k, l.keys.Copy):
		e, ok := l.selected()
		if !ok {
			return l, nil
		}
		chosen := linkChosenMsg{n: e.n, url: e.url, copy: key.Matches(k, l.keys.Copy)}
		return l, func() tea.Msg { return chosen }
	case key.Matches(k, l.keys.Back), key.Matches(k, l.keys.Links):
		return l, func() tea.Msg { return linksClosedMsg{} }
	}
	// The moving keys move the cursor as they scroll a pager: a page
	// is a screen of entries.
	l.cursor = scroll(l.keys, k, l.cursor, l.visible()+1, max(len(l.entries)-1, 0))
	l.clamp()
	return l, nil
}

// at returns the entry drawn on screen row y of the list (0 is its title
// line), for a click.
func (l linksModel) at(y int) (linkEntry, bool) {
	if y < 2 {
		return linkEntry{}, false
	}
	i := l.offset + (y-2)/l.rows()
	if i >= len(l.entries) || i >= l.offset+l.visible() {
		return linkEntry{}, false
	}
	return l.entries[i], true
}

// View draws the title, a blank line and the entries, height lines in
// all.
func (l linksModel) View() string {
	count := l.styles.lang.LinksTitle(len(l.entries) - l.itemRows())
	if len(l.entries) == l.itemRows() {
		count = l.styles.lang.LinksNone()
	}
	lines := []string{l.styles.title.Render(render.TruncateTitle(" "+count+" · "+l.title, l.width)), ""}
	numW := render.Width("[" + strconv.Itoa(len(l.entries)) + "]")
	textW := 0
	for _, e := range l.entries {
		textW = max(textW, render.Width(e.text))
	}
	end := min(l.offset+l.visible(), len(l.entries))
	for i := l.offset; i < end; i++ {
		e := l.entries[i]
		cursor := "  "
		if i == l.cursor {
			cursor = "> "
		}
		num := ""
		if e.n > 0 {
			num = "[" + strconv.Itoa(e.n) + "]"
		}
		lead := cursor + render.PadLeft(num, numW) + " "
		text, addr := e.text, render.DisplayURL(e.url)
		textStyle := l.styles.plain
		if i == l.cursor {
			textStyle = l.styles.selected
		}
		if e.n == 0 {
			textStyle = l.styles.dim
		}
		if l.rows() == 1 {
			tw := min(textW, max((l.width-render.Width(lead))/3, 8))
			aw := l.width - render.Width(lead) - tw - 2
			lines = append(lines, lead+textStyle.Render(render.Pad(text, tw))+"  "+l.styles.category.Render(render.Truncate(addr, max(aw, 0))))
			continue
		}
		indent := strings.Repeat(" ", render.Width(lead))
		lines = append(lines,
			lead+textStyle.Render(render.Truncate(text, max(l.width-render.Width(lead), 0))),
			indent+l.styles.category.Render(render.Truncate(addr, max(l.width-render.Width(indent), 0))))
	}
	var b strings.Builder
	for i := range l.height {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(lines[i])
		}
	}
	return b.String()
}

// itemRows is 1 when the list starts with the item's own link.
func (l linksModel) itemRows() int {
	if len(l.entries) > 0 && l.entries[0].n == 0 {
		return 1
	}
	return 0
}

// linkAt returns the number of the link drawn at cell x of screen row y
// of the article (row 0 is the top of the screen, the article's first
// line on show): a numbered link's text, number or entry in the list at
// the end, or, as 0, the item's own link in the header. A click there
// opens it with Model.openLink.
func (a articleModel) linkAt(x, y int) (n int, ok bool) {
	if y < 0 || y >= a.height || x < 0 {
		return 0, false
	}
	return render.SpotAt(a.spots, a.offset+y, x)
}

// link returns link n of the article, 0 the item's own.
func (a articleModel) link(n int) (render.Link, bool) {
	if n == 0 {
		if a.entry == nil || a.entry.Link == "" {
			return render.Link{}, false
		}
		return render.Link{URL: a.entry.Link, Text: a.entry.Title}, true
	}
	if n < 1 || n > len(a.links) {
		return render.Link{}, false
	}
	return a.links[n-1], true
}

// linkKey handles the link keys: in the link list, every key; in an
// article, a count and what it is for (3o, 3y), L and y; in the list, y.
// ok is false for a key that is not one of them.
func (m Model) linkKey(msg tea.KeyPressMsg) (_ Model, _ tea.Cmd, ok bool) {
	if m.find.typing || m.find.confirm > 0 || m.showHelp ||
		key.Matches(msg, m.keys.ForceQuit) || key.Matches(msg, m.keys.Suspend) || key.Matches(msg, m.keys.Help) {
		return m, nil, false
	}
	switch m.state {
	case stateLinks:
		var cmd tea.Cmd
		m.links, cmd = m.links.Update(msg)
		return m, cmd, true
	case stateArticle:
		return m.articleLinkKey(msg)
	case stateList:
		if key.Matches(msg, m.keys.Copy) {
			if cur := m.list.current(); cur != nil {
				return m.copyLink(cur.Link)
			}
			return m, nil, true
		}
	}
	return m, nil, false
}

// articleLinkKey is linkKey in an article.
func (m Model) articleLinkKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	count := m.article.count
	m.article.count = 0
	switch {
	case key.Matches(msg, m.keys.LinkNumber):
		d := msg.String()
		if len(d) != 1 || d[0] < '0' || d[0] > '9' || count == 0 && d == "0" {
			return m, nil, false
		}
		if len(m.article.links) == 0 {
			m.status = info(m.lang.NoLinks())
			return m, nil, true
		}
		if len(strconv.Itoa(count)) < maxCountDigits || count == 0 {
			count = count*10 + int(d[0]-'0')
		}
		m.article.count = count
		if count > len(m.article.links) {
			m.status = info(m.lang.NoSuchLink(count, len(m.article.links)))
		} else {
			m.status = info(m.lang.LinkCount(count, hint(m.keys.OpenLink), hint(m.keys.Copy), hint(m.keys.Back)))
		}
		return m, nil, true
	case count > 0 && key.Matches(msg, m.keys.OpenLink):
		next, cmd := m.openLink(count)
		return next, cmd, true
	case count > 0 && key.Matches(msg, m.keys.Copy):
		l, ok := m.article.link(count)
		if !ok {
			m.status = info(m.lang.NoSuchLink(count, len(m.article.links)))
			return m, nil, true
		}
		return m.copyLink(l.URL)
	case count > 0 && key.Matches(msg, m.keys.Back):
		return m, nil, true // the count goes, the article stays
	case key.Matches(msg, m.keys.Copy):
		link := ""
		if m.article.entry != nil {
			link = m.article.entry.Link
		}
		return m.copyLink(link)
	case count > 0:
		// Any other key drops the count and does what it does.
		next, cmd := m.handleKey(msg)
		return next.(Model), cmd, true
	case key.Matches(msg, m.keys.Links):
		if len(m.article.links) == 0 && (m.article.entry == nil || m.article.entry.Link == "") {
			m.status = info(m.lang.NoLinks())
			return m, nil, true
		}
		title := ""
		if m.article.entry != nil {
			title = m.article.entry.Title
		}
		link := ""
		if m.article.entry != nil {
			link = m.article.entry.Link
		}
		m.links = newLinks(m.keys, m.styles, title, link, m.article.links)
		m.links.setSize(m.width, m.bodyHeight())
		m.state = stateLinks
		return m, nil, true
	}
	return m, nil, false
}

// openLink opens link n of the open article as 3o does, 0 the item's own
// link as o does: in a browser, through the same checks (clean.Open).
func (m Model) openLink(n int) (Model, tea.Cmd) {
	l, ok := m.article.link(n)
	switch {
	case !ok && n == 0:
		m.status = info(m.lang.NoLinkToOpen())
		return m, nil
	case !ok:
		m.status = info(m.lang.NoSuchLink(n, len(m.article.links)))
		return m, nil
	}
	return m, m.openCmd(l.URL)
}

// linkChosen opens or copies what the link list chose.
func (m Model) linkChosen(msg linkChosenMsg) (Model, tea.Cmd) {
	if msg.copy {
		next, cmd, _ := m.copyLink(msg.url)
		return next, cmd
	}
	if msg.url == "" {
		m.status = info(m.lang.NoLinkToOpen())
		return m, nil
	}
	return m, m.openCmd(msg.url)
}

// copyLink puts link on the terminal's clipboard with OSC 52, sokbo's own
// sequence, which reaches the terminal sokbo's output goes to, over ssh
// too. Only a printable http, https or mailto address of bounded length
// is copied, in its ASCII form (render.ASCIIURL), as a browser copies an
// address: every program it is pasted into reads it whole. Inside tmux the
// sequence also goes in tmux's passthrough, for a tmux with
// allow-passthrough on; the plain one serves set-clipboard on.
func (m Model) copyLink(link string) (Model, tea.Cmd, bool) {
	if link == "" {
		m.status = info(m.lang.NoLinkToCopy())
		return m, nil, true
	}
	if err := clean.CheckURL(link, clean.Hyperlink); err != nil {
		m.status = m.problem(noticeError, m.lang.CannotCopy(), err)
		return m, nil, true
	}
	text := render.ASCIIURL(link)
	if len(text) > maxCopy || !clean.URLOK(text, clean.Hyperlink) {
		m.status = m.problem(noticeError, m.lang.CannotCopy(), errTooLong)
		return m, nil, true
	}
	m.status = info(m.lang.Copied(render.DisplayURL(text)))
	cmds := []tea.Cmd{tea.SetClipboard(text)}
	env := m.cfg.Env
	if env == nil {
		env = os.Getenv
	}
	if env("TMUX") != "" {
		cmds = append(cmds, tea.Raw(alert.TmuxPassthrough(ansi.SetSystemClipboard(text))))
	}
	return m, tea.Batch(cmds...), true
}
