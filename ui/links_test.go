package ui

import (
	"bytes"
	"encoding/base64"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/render"
)

// linksFeed is one item whose body has links in a paragraph, a list, a
// quote, a table cell and an image, one address twice, and hostile ones.
func linksFeed() *feed.Feed {
	f := fakeFeed(1)
	it := f.Items[0]
	it.Link = "https://news.example.kr/기사/1"
	it.Body = `<p>한국은행이 <a href="https://ko.wikipedia.org/wiki/%EA%B8%B0%EC%A4%80%EA%B8%88%EB%A6%AC">기준금리</a>를 동결했다. <a href="javascript:alert(1)">스크립트</a>, <a href="data:text/html,x">데이터</a>.</p>` +
		`<p><img src="https://img.example.kr/bok.jpg" alt="한국은행 본관"></p>` +
		`<ul><li><a href="https://news.example.kr/list">목록 링크</a></li></ul>` +
		`<blockquote><p><a href="https://kostat.go.kr/보도자료/2024">통계청 발표</a></p></blockquote>` +
		`<table><tr><th>지표</th><th>출처</th></tr><tr><td>기준금리</td><td><a href="https://www.bok.or.kr">한국은행</a></td></tr>` +
		`<tr><td>해설</td><td><a href="https://ko.wikipedia.org/wiki/기준금리">위키백과</a></td></tr></table>`
	return f
}

// wantLinks are linksFeed's numbered links.
var wantLinks = []string{
	"https://ko.wikipedia.org/wiki/%EA%B8%B0%EC%A4%80%EA%B8%88%EB%A6%AC",
	"https://img.example.kr/bok.jpg",
	"https://news.example.kr/list",
	"https://kostat.go.kr/%EB%B3%B4%EB%8F%84%EC%9E%90%EB%A3%8C/2024", // as feed/convert writes it
	"https://www.bok.or.kr",
}

// openArticle opens the first item of a reader on f with a recording
// browser, and returns the model and where the links opened go.
func openArticle(t *testing.T, f *feed.Feed, w, h int) (Model, *[]string) {
	t.Helper()
	var opened []string
	m := newTestModel(t, f, w, h)
	m.cfg.OpenURL = func(link string) error { opened = append(opened, link); return nil }
	m = press(t, m, "enter")
	if m.state != stateArticle || len(m.article.lines) == 0 {
		t.Fatalf("the article did not open:\n%s", screen(m))
	}
	return m, &opened
}

// TestArticleLinksNumbered: the reader numbers the article's links as
// read --format text does, the same address sharing one number, and
// never a hostile one.
func TestArticleLinksNumbered(t *testing.T) {
	m, _ := openArticle(t, linksFeed(), 60, 80)
	var got []string
	for _, l := range m.article.links {
		got = append(got, l.URL)
	}
	if !slices.Equal(got, wantLinks) {
		t.Fatalf("links %q, want %q", got, wantLinks)
	}
	text := strings.Join(m.article.lines, "\n")
	for _, want := range []string{"기준금리[1]를", "한국은행 본관[2]", "목록 링크[3]", "통계청 발표[4]", "한국은행[5]", "위키백과[1]", "[4] https://kostat.go.kr/보도자료/2024"} {
		if !strings.Contains(text, want) {
			t.Errorf("the article lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"javascript", "data:"} {
		if strings.Contains(text, bad) {
			t.Errorf("the article shows %q:\n%s", bad, text)
		}
	}
	// The same as read --format text at that width.
	a, err := m.lib.Article(t.Context(), m.article.entry)
	if err != nil {
		t.Fatal(err)
	}
	page, err := render.Page(render.ArticleDoc(a.Item, a.Markdown, testNow.Location()), 60, render.StylePlain)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimRight(page, "\n") != text {
		t.Errorf("the reader and read --format text differ:\n%s\n---\n%s", text, page)
	}
}

// TestCountThenO: 3o opens link 3, 1 then 2 then o link 12 where there
// is one, and o alone the item's own link, as always.
func TestCountThenO(t *testing.T) {
	m, opened := openArticle(t, linksFeed(), 60, 20)
	m = press(t, m, "3")
	if !strings.Contains(screen(m), "링크 3 · o 열기") {
		t.Errorf("the footer does not say what 3 waits for:\n%s", screen(m))
	}
	m = press(t, m, "o")
	m = press(t, m, "o")
	m = press(t, m, "2", "j", "o") // j drops the count
	m = press(t, m, "9", "o")
	want := []string{"https://news.example.kr/list", "https://news.example.kr/%EA%B8%B0%EC%82%AC/1", "https://news.example.kr/%EA%B8%B0%EC%82%AC/1"}
	if !slices.Equal(*opened, want) {
		t.Fatalf("opened %q, want %q", *opened, want)
	}
	if !strings.Contains(screen(m), "링크 9 없음 (1–5)") {
		t.Errorf("9o does not say there is no link 9:\n%s", screen(m))
	}
	m = press(t, m, "1", "esc")
	if m.state != stateArticle || m.article.count != 0 {
		t.Errorf("esc after a count left the article or kept the count: state %v, count %d", m.state, m.article.count)
	}
}

// TestOThenDigit: o opens the item's link at once; a digit after it
// starts a count of its own, it does not choose a link of that o.
func TestOThenDigit(t *testing.T) {
	m, opened := openArticle(t, linksFeed(), 60, 20)
	m = press(t, m, "o", "3")
	if !slices.Equal(*opened, []string{"https://news.example.kr/%EA%B8%B0%EC%82%AC/1"}) {
		t.Fatalf("o 3 opened %q", *opened)
	}
	if m.article.count != 3 {
		t.Errorf("the 3 after o is no count: %d", m.article.count)
	}
	m = press(t, m, "o")
	if !slices.Equal(*opened, []string{"https://news.example.kr/%EA%B8%B0%EC%82%AC/1", "https://news.example.kr/list"}) {
		t.Fatalf("o 3 o opened %q", *opened)
	}
}

// TestLinkListEnter: L lists the item's link and the numbered ones, with
// their text and decoded address; j/k move, enter opens, y copies, esc
// goes back to the article.
func TestLinkListEnter(t *testing.T) {
	m, opened := openArticle(t, linksFeed(), 60, 20)
	m = press(t, m, "L")
	if m.state != stateLinks {
		t.Fatalf("L did not open the link list")
	}
	s := screen(m)
	checkScreen(t, s, 60, 20)
	for _, want := range []string{"링크 5개", "기사 주소", "[1] 기준금리", "https://ko.wikipedia.org/wiki/기준금리", "[4] 통계청 발표", "https://kostat.go.kr/보도자료/2024"} {
		if !strings.Contains(s, want) {
			t.Errorf("the list lacks %q:\n%s", want, s)
		}
	}
	if !strings.Contains(s, "> [1] 기준금리") {
		t.Errorf("the cursor is not on the first numbered link:\n%s", s)
	}
	m = press(t, m, "j", "j", "enter")
	m = press(t, m, "k", "k", "k", "o") // the item's own link, at the top
	want := []string{"https://news.example.kr/list", "https://news.example.kr/%EA%B8%B0%EC%82%AC/1"}
	if !slices.Equal(*opened, want) {
		t.Fatalf("opened %q, want %q", *opened, want)
	}
	m = press(t, m, "G")
	m, cmd := copyKey(t, m, "y")
	if seq := clipboardOf(t, cmd); seq != "https://www.bok.or.kr" {
		t.Errorf("y in the list copied %q", seq)
	}
	if !strings.Contains(screen(m), "복사함: https://www.bok.or.kr") {
		t.Errorf("the footer does not say what was copied:\n%s", screen(m))
	}
	m = press(t, m, "esc")
	if m.state != stateArticle {
		t.Errorf("esc did not go back to the article: %v", m.state)
	}
}

// TestLinkListNarrowAndWide: the list fits 30, 40, 60, 80 and 120
// columns, entries cut by display width.
func TestLinkListNarrowAndWide(t *testing.T) {
	for _, w := range []int{30, 40, 60, 80, 120} {
		m, _ := openArticle(t, linksFeed(), w, 12)
		m = press(t, m, "L")
		checkScreen(t, screen(m), w, 12)
		m = press(t, m, "G")
		if s := screen(m); !strings.Contains(s, "[5]") {
			t.Errorf("at %d the cursor's entry is off screen:\n%s", w, s)
		}
	}
}

// copyKey presses k and returns the model and the commands that copy,
// through the link list's choice where it makes one.
func copyKey(t *testing.T, m Model, k string) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(keyPress(k))
	m = next.(Model)
	if cmd != nil {
		if chosen, ok := cmd().(linkChosenMsg); ok {
			next, cmd = m.Update(chosen)
			m = next.(Model)
		}
	}
	return m, cmd
}

// clipboardOf runs the commands y returned and returns what they put on
// the clipboard, checking every sequence sokbo writes for it.
func clipboardOf(t *testing.T, cmd tea.Cmd) string {
	t.Helper()
	var got []string
	for _, msg := range flatten(cmd) {
		switch msg := msg.(type) {
		case tea.RawMsg:
			got = append(got, osc52Payload(t, msg.Msg.(string)))
		default:
			// tea.SetClipboard's message is the text itself, a string
			// type Bubble Tea writes as OSC 52 (tested end to end in
			// TestCopyOSC52).
			if s, ok := stringMsg(msg); ok {
				got = append(got, s)
			}
		}
	}
	if len(got) == 0 {
		t.Fatal("y put nothing on the clipboard")
	}
	for _, g := range got[1:] {
		if g != got[0] {
			t.Fatalf("the sequences disagree: %q", got)
		}
	}
	return got[0]
}

// flatten runs cmd and every command it batches or sequences.
func flatten(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range batch {
		out = append(out, flatten(c)...)
	}
	return out
}

// stringMsg returns the text of a message whose type is a string, as
// Bubble Tea's SetClipboard message is.
func stringMsg(msg tea.Msg) (string, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.String {
		return "", false
	}
	return v.String(), true
}

// osc52 matches an OSC 52 sequence setting the clipboard.
var osc52 = regexp.MustCompile("^\x1b\\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\\\)$")

// osc52Payload decodes seq, an OSC 52 sequence, perhaps in tmux's
// passthrough, checking that it holds nothing else.
func osc52Payload(t *testing.T, seq string) string {
	t.Helper()
	if inner, ok := strings.CutPrefix(seq, "\x1bPtmux;"); ok {
		inner, ok = strings.CutSuffix(inner, "\x1b\\")
		if !ok {
			t.Fatalf("an unterminated tmux passthrough: %q", seq)
		}
		seq = strings.ReplaceAll(inner, "\x1b\x1b", "\x1b")
	}
	m := osc52.FindStringSubmatch(seq)
	if m == nil {
		t.Fatalf("not an OSC 52 sequence: %q", seq)
	}
	b, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	return checkCopied(t, string(b))
}

// checkCopied checks text copied to the clipboard: a CheckURL-clean
// address, printable ASCII only.
func checkCopied(t *testing.T, text string) string {
	t.Helper()
	if err := clean.CheckURL(text, clean.Hyperlink); err != nil {
		t.Fatalf("copied %q: %v", text, err)
	}
	for _, c := range []byte(text) {
		if c <= ' ' || c >= 0x7f {
			t.Fatalf("copied %q, with byte %#x", text, c)
		}
	}
	return text
}

// TestCopyKeys: y copies the item's link in the list and in an article,
// 3y link 3, in the ASCII form a browser copies; inside tmux a second,
// passthrough copy says the same.
func TestCopyKeys(t *testing.T) {
	m := newTestModel(t, linksFeed(), 60, 20)
	m, cmd := copyKey(t, m, "y")
	if got := clipboardOf(t, cmd); got != "https://news.example.kr/%EA%B8%B0%EC%82%AC/1" {
		t.Errorf("y in the list copied %q", got)
	}
	if s := screen(m); !strings.Contains(s, "복사함: https://news.example.kr/기사/1") {
		t.Errorf("the footer does not show the address decoded:\n%s", s)
	}
	m = press(t, m, "enter")
	_, cmd = copyKey(t, m, "y")
	if got := clipboardOf(t, cmd); got != "https://news.example.kr/%EA%B8%B0%EC%82%AC/1" {
		t.Errorf("y in the article copied %q", got)
	}
	m = press(t, m, "4")
	m.cfg.Env = func(k string) string {
		if k == "TMUX" {
			return "/tmp/tmux-1000/default,1,0"
		}
		return ""
	}
	_, cmd = copyKey(t, m, "y")
	msgs := flatten(cmd)
	raw := 0
	for _, msg := range msgs {
		if _, ok := msg.(tea.RawMsg); ok {
			raw++
		}
	}
	if len(msgs) != 2 || raw != 1 {
		t.Fatalf("in tmux, y gave %d messages (%d raw), want the plain OSC 52 and tmux's passthrough", len(msgs), raw)
	}
	if got := clipboardOf(t, cmd); got != "https://kostat.go.kr/%EB%B3%B4%EB%8F%84%EC%9E%90%EB%A3%8C/2024" {
		t.Errorf("4y copied %q", got)
	}
}

// TestCopyRefuses: an address that is not a printable http(s) or mailto
// one, or too long, is never copied.
func TestCopyRefuses(t *testing.T) {
	m := newTestModel(t, linksFeed(), 60, 20)
	for _, link := range []string{
		"javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/relative",
		"https://x.kr/\x1b]52;c;AAAA\x07", "https://x.kr/\u202eevil", "https://x.kr/a\u0085b",
		"https://x.kr/" + strings.Repeat("가", 2000),
	} {
		next, cmd, ok := m.copyLink(link)
		if !ok || cmd != nil {
			t.Errorf("%q was copied", link)
		}
		if s := screen(next); !strings.Contains(s, "복사할 수 없음") || strings.ContainsAny(s, "\x07\u202e\u0085") {
			t.Errorf("%q: the refusal is missing or shows the address raw:\n%q", link, s)
		}
	}
	for link, want := range map[string]string{
		"mailto:kim@news.example.kr": "mailto:kim@news.example.kr",
		"https://x.kr/a b":           "https://x.kr/a%20b",
		"https://한국.kr/기사":           "https://xn--3e0b707e.kr/%EA%B8%B0%EC%82%AC",
	} {
		_, cmd, _ := m.copyLink(link)
		if got := clipboardOf(t, cmd); got != want {
			t.Errorf("%q copied as %q, want %q", link, got, want)
		}
	}
}

// TestHostileLinksNotNumbered: a hostile feed's links (javascript:,
// data:, vbscript:, file:, an entity-spelt javascript:, control and bidi
// characters) never get a number, so no count opens or copies them.
func TestHostileLinksNotNumbered(t *testing.T) {
	f := fakeFeed(1)
	f.Items[0].Body = `<p><a href="javascript:alert(1)">하나</a> <a href="data:text/html,&lt;script&gt;">둘</a> ` +
		`<a href="vbscript:x">셋</a> <a href="file:///etc/passwd">넷</a> <a href="&#106;avascript:alert(2)">다섯</a> ` +
		`<a href="https://x.kr/` + "\u202e" + `evil">여섯</a> <a href="https://x.kr/` + "\x1b[31m" + `">일곱</a> ` +
		`<img src="javascript:alert(3)" alt="그림"> <a href="https://x.kr/ok">정상</a></p>`
	m, opened := openArticle(t, f, 60, 20)
	for _, l := range m.article.links {
		if err := clean.CheckURL(l.URL, clean.Hyperlink); err != nil || strings.ContainsAny(l.URL, "\x1b\u202e") {
			t.Errorf("link %d %q is numbered: %v", l.N, l.URL, err)
		}
	}
	for _, k := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		m = press(t, m, k, "o")
	}
	for _, o := range *opened {
		if err := clean.CheckURL(o, clean.Open); err != nil {
			t.Errorf("opened %q: %v", o, err)
		}
	}
	text := strings.Join(m.article.lines, "\n")
	if strings.ContainsAny(text, "\x1b\u202e") || strings.Contains(text, "javascript") {
		t.Errorf("the article shows a hostile address:\n%q", text)
	}
}

// TestLinkAt: the mouse's way in. linkAt finds the link drawn at a cell
// of the screen, as the scroll moves it, and openLink opens it as 3o
// does.
func TestLinkAt(t *testing.T) {
	m, opened := openArticle(t, linksFeed(), 60, 12)
	find := func(m Model, marker string) (x, y int, ok bool) {
		for y, line := range strings.Split(screen(m), "\n") {
			plain := ansi.Strip(line)
			if i := strings.Index(plain, marker); i >= 0 {
				return render.Width(plain[:i]), y, true
			}
		}
		return 0, 0, false
	}
	x, y, ok := find(m, "[1]")
	if !ok {
		t.Fatalf("[1] is not on the first screen:\n%s", screen(m))
	}
	if n, ok := m.article.linkAt(x+1, y); !ok || n != 1 {
		t.Errorf("linkAt on [1] = %d %v", n, ok)
	}
	if n, ok := m.article.linkAt(0, y); ok {
		t.Errorf("linkAt on the margin = %d", n)
	}
	hx, hy, _ := find(m, "https://news.example.kr/기사/1")
	if n, ok := m.article.linkAt(hx+3, hy); !ok || n != 0 {
		t.Errorf("linkAt on the header's link = %d %v\n%s", n, ok, screen(m))
	}
	m = press(t, m, "G")
	x, y, ok = find(m, "[5]")
	if !ok {
		t.Fatalf("[5] is not on the last screen:\n%s", screen(m))
	}
	n, ok := m.article.linkAt(x, y)
	if !ok || n != 5 {
		t.Fatalf("linkAt on [5] after scrolling = %d %v", n, ok)
	}
	m, cmd := m.openLink(n)
	m = runCmds(t, m, cmd)
	m, cmd = m.openLink(0)
	runCmds(t, m, cmd)
	if !slices.Equal(*opened, []string{"https://www.bok.or.kr", "https://news.example.kr/%EA%B8%B0%EC%82%AC/1"}) {
		t.Errorf("opened %q", *opened)
	}
}

// TestLinkKeysInHelp: the help lists 3o, L and y.
func TestLinkKeysInHelp(t *testing.T) {
	m := newTestModel(t, linksFeed(), 80, 60)
	m = press(t, m, "?")
	s := screen(m)
	for _, want := range []string{"3o/3y", "링크 목록", "링크 복사"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
}

// TestCopyOSC52 runs the reader under teatest: 4y writes an OSC 52 to the
// terminal, and its payload, decoded, is link 4's address in ASCII, a
// CheckURL-clean one; nothing else in the output is an OSC 52.
func TestCopyOSC52(t *testing.T) {
	for _, tmux := range []bool{false, true} {
		cfg := testConfig(t, linksFeed())
		cfg.Style = render.StyleDark
		cfg.Env = func(k string) string {
			if k == "TMUX" && tmux {
				return "/tmp/tmux-1000/default,1,0"
			}
			return ""
		}
		m := New(cfg)
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(60, 20))
		var seen bytes.Buffer
		waitScreen(t, tm, &seen, "1건")
		tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
		waitScreen(t, tm, &seen, "기준금리[1]")
		tm.Send(tea.KeyPressMsg{Code: '4', Text: "4"})
		tm.Send(tea.KeyPressMsg{Code: 'y', Text: "y"})
		waitScreen(t, tm, &seen, "복사함")
		tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
		out := seen.String()
		rest, _ := io.ReadAll(tm.FinalOutput(t))
		out += string(rest)
		var seqs []string
		for _, m := range regexp.MustCompile("\x1bPtmux;.*?\x1b\\\\|\x1b\\]52;[^\x07\x1b]*(?:\x07|\x1b\\\\)").FindAllString(out, -1) {
			if strings.HasPrefix(m, "\x1bPtmux;") && !strings.Contains(m, "52;") {
				continue
			}
			seqs = append(seqs, m)
		}
		want := 1
		if tmux {
			want = 2
		}
		if len(seqs) != want {
			t.Fatalf("tmux %v: %d OSC 52 sequences in the output, want %d: %q", tmux, len(seqs), want, seqs)
		}
		for _, seq := range seqs {
			if got := osc52Payload(t, seq); got != "https://kostat.go.kr/%EB%B3%B4%EB%8F%84%EC%9E%90%EB%A3%8C/2024" {
				t.Errorf("tmux %v: OSC 52 copied %q", tmux, got)
			}
		}
	}
}

// TestLinkListAt: the mouse's way into the link list: at finds the entry
// drawn on a screen row, one row per entry at 80 columns and up, two
// below.
func TestLinkListAt(t *testing.T) {
	for _, w := range []int{60, 100} {
		m, _ := openArticle(t, linksFeed(), w, 20)
		m = press(t, m, "L")
		rows := strings.Split(screen(m), "\n")
		for y, row := range rows {
			e, ok := m.links.at(y)
			if y < 2 {
				if ok {
					t.Errorf("at %d: the title's row %d is entry %+v", w, y, e)
				}
				continue
			}
			if !ok {
				continue
			}
			if e.n > 0 && strings.Contains(row, "]") && !strings.Contains(row, "["+strconv.Itoa(e.n)+"]") {
				t.Errorf("at %d: row %d %q is entry %d", w, y, row, e.n)
			}
		}
		first := 3 // the item's link takes rows 2 and 3
		if w >= 80 {
			first = 2
		}
		if e, ok := m.links.at(first); !ok || e.n != 0 {
			t.Errorf("at %d: row %d is %+v %v, want the item's link", w, first, e, ok)
		}
		if e, ok := m.links.at(first + 1); !ok || e.n != 1 {
			t.Errorf("at %d: row %d is %+v %v, want link 1", w, first+1, e, ok)
		}
	}
}

// TestLinkListItemOnly: an article with no numbered links still lists
// the item's own link, and says there are none.
func TestLinkListItemOnly(t *testing.T) {
	m, opened := openArticle(t, fakeFeed(1), 60, 20)
	m = press(t, m, "L")
	if s := screen(m); m.state != stateLinks || !strings.Contains(s, "번호 붙은 링크 없음") || !strings.Contains(s, "> ") {
		t.Fatalf("L on an article without links:\n%s", s)
	}
	m = press(t, m, "enter")
	if !slices.Equal(*opened, []string{"https://newsdao.kr/4000"}) {
		t.Errorf("opened %q", *opened)
	}
	m = press(t, m, "esc", "3")
	if !strings.Contains(screen(m), "번호 붙은 링크가 없습니다") {
		t.Errorf("3 on an article without links says nothing:\n%s", screen(m))
	}
}

// TestCopyOldLinkEncoded: a link stored before links were cleaned at
// entry, with a space, a quote and angle brackets, is copied and shown in
// the form a browser copies, percent-encoded.
func TestCopyOldLinkEncoded(t *testing.T) {
	m := newTestModel(t, linksFeed(), 60, 20)
	next, cmd, ok := m.copyLink(`https://x.example/a b"c<d>`)
	if !ok {
		t.Fatal("not handled")
	}
	if got := clipboardOf(t, cmd); got != "https://x.example/a%20b%22c%3Cd%3E" {
		t.Errorf("copied %q", got)
	}
	if s := screen(next); !strings.Contains(s, "https://x.example/a%20b%22c%3Cd%3E") {
		t.Errorf("the footer does not show the copied address:\n%s", s)
	}
}
