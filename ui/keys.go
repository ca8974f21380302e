package ui

import (
	"sokbo/render/lang"

	"charm.land/bubbles/v2/key"
)

// KeyMap holds every key binding of the reader. The help view is built from
// it, so the help never drifts from what the keys do. Use DefaultKeyMap.
type KeyMap struct {
	// Up and Down move the cursor in the list and scroll one line in an
	// article.
	Up   key.Binding
	Down key.Binding
	// PageUp and PageDown move by a screen in the list and in an article;
	// in an article, space and b do the same.
	PageUp   key.Binding
	PageDown key.Binding
	// Top and Bottom jump to the first and the last row or line.
	Top    key.Binding
	Bottom key.Binding
	// Newest jumps to the newest arrival, the first row marked new,
	// which a refresh put above the window (list only).
	Newest key.Binding
	// Fold expands a folded story into its items, or folds it again
	// (list only); Enter expands one too.
	Fold key.Binding
	// Open opens the article under the cursor (list only).
	Open key.Binding
	// OpenLink opens the article's link in a browser (list and article);
	// only http and https links open.
	OpenLink key.Binding
	// ToggleRead marks the current item read or unread, Star stars it
	// (list and article).
	ToggleRead key.Binding
	Star       key.Binding
	// UnreadOnly shows unread items only (list only).
	UnreadOnly key.Binding
	// FeedList opens the feed list: every feed, tag and saved view, and
	// the starred items, to narrow the list to one (list only; in the
	// feed list it closes it). f, which used to cycle through the feeds,
	// opens it too.
	FeedList key.Binding
	// Search opens the search field; Clear drops the search, then the
	// feed list's choice (list only).
	Search key.Binding
	Clear  key.Binding
	// MarkAll marks every item of the list on show read, asking first
	// when there are more than 50 (list only).
	MarkAll key.Binding
	// Next and Prev go to the next and previous match of the search in
	// an article, and without a search to the next and previous unread
	// item (list and article).
	Next key.Binding
	Prev key.Binding
	// NextArticle and PrevArticle open the article after or before the
	// open one in the list (article only).
	NextArticle key.Binding
	PrevArticle key.Binding
	// Refresh fetches every subscription in the background and reads
	// local files and folders again (everywhere).
	Refresh key.Binding
	// FullText fetches the full text of the article's page and shows it
	// in place of the feed's summary; again, it fetches it anew (article
	// only).
	FullText key.Binding
	// Back returns from an article or from help to the list.
	Back key.Binding
	// Help toggles the help view (everywhere).
	Help key.Binding
	// Quit leaves sokbo from the list; ForceQuit leaves from anywhere.
	Quit      key.Binding
	ForceQuit key.Binding
	// Pipe opens an input line for a command to pipe the current
	// article to; Save saves it as a Markdown post (list and article).
	Pipe key.Binding
	Save key.Binding
	// LinkNumber keys are digits: a count before OpenLink or Copy in an
	// article, the number of one of its links (3o opens link 3, 3y
	// copies it).
	LinkNumber key.Binding
	// Links lists the article's links to choose from (article only);
	// Copy copies the item's link, a numbered one (3y) or the one
	// chosen in that list to the terminal's clipboard with OSC 52
	// (list, article and the link list).
	Links key.Binding
	Copy  key.Binding
	// Suspend stops sokbo and gives the terminal back to the shell,
	// where fg resumes it (everywhere).
	Suspend key.Binding
	// Split puts the list and the article side by side from 120
	// columns up, or back one at a time (list and article).
	Split key.Binding
}

// DefaultKeyMap returns sokbo's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "위로")),
		Down:        key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "아래로")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "b", "ctrl+b"), key.WithHelp("pgup/b", "이전 화면")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "space", "ctrl+f"), key.WithHelp("pgdn/space", "다음 화면")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "맨 위")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "맨 아래")),
		Newest:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "새 기사로")),
		Fold:        key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "묶음 펼치기/접기")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "기사 열기 (묶음은 펼치기)")),
		OpenLink:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "브라우저로 열기")),
		ToggleRead:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "읽음/안 읽음")),
		Star:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "별표")),
		UnreadOnly:  key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "안 읽은 기사만")),
		FeedList:    key.NewBinding(key.WithKeys("F", "tab", "f"), key.WithHelp("F/tab/f", "피드 목록")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "검색")),
		Clear:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "검색·보기 지우기")),
		MarkAll:     key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "모두 읽음으로")),
		Next:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "다음 일치 / 다음 안 읽은 기사")),
		Prev:        key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "이전 일치 / 이전 안 읽은 기사")),
		NextArticle: key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "다음 기사")),
		PrevArticle: key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "이전 기사")),
		Refresh:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "새로 고침")),
		FullText:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "전문 가져오기")),
		Back:        key.NewBinding(key.WithKeys("esc", "backspace", "q"), key.WithHelp("esc/backspace/q", "목록으로")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "도움말")),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "끝내기")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "어디서나 끝내기")),
		Pipe:        key.NewBinding(key.WithKeys("|"), key.WithHelp("|", "명령으로 보내기")),
		Save:        key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "마크다운으로 저장")),
		LinkNumber:  key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"), key.WithHelp("3o/3y", "3번 링크 열기/복사")),
		Links:       key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "링크 목록")),
		Copy:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "링크 복사 (OSC 52)")),
		Suspend:     key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "멈춤 (셸에서 fg로 재개)")),
		Split:       key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "목록과 기사 나란히 (120칸 이상)")),
	}
}

// helpSection is one titled column of the help view.
type helpSection struct {
	title    string
	bindings []key.Binding
}

// helpSections groups the bindings for the help view, titled in l.
func (k KeyMap) helpSections(l lang.Lang) []helpSection {
	return []helpSection{
		{l.SectionMove(), []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Newest}},
		{l.SectionList(), []key.Binding{k.Open, k.Fold, k.Search, k.FeedList, k.UnreadOnly, k.MarkAll, k.Clear, k.Quit}},
		{l.SectionArticle(), []key.Binding{k.Back, k.NextArticle, k.PrevArticle, k.FullText, k.LinkNumber, k.Links}},
		{l.SectionBoth(), []key.Binding{k.Next, k.Prev, k.OpenLink, k.Copy, k.ToggleRead, k.Star, k.Pipe, k.Save, k.Refresh, k.Split}},
		{l.SectionEverywhere(), []key.Binding{k.Help, k.Suspend, k.ForceQuit}},
	}
}

// In returns k with every binding's help in l: what help and the footers
// say of each key, the keys themselves unchanged.
func (k KeyMap) In(l lang.Lang) KeyMap {
	for _, a := range keyActions() {
		b := a.binding(&k)
		if desc := l.KeyHelp(a.name); desc != "" {
			b.SetHelp(b.Help().Key, desc)
		}
	}
	k.LinkNumber.SetHelp(k.LinkNumber.Help().Key, l.KeyHelp("link_number"))
	return k
}
