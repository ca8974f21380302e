package ui

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sokbo/feed"
	"sokbo/feed/alert"
	"sokbo/feed/fetch"
	"sokbo/feed/library"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
	"sokbo/render"
	"sokbo/render/lang"
)

// liveFixture serves feeds on 127.0.0.1 whose items a test changes while
// the reader runs, over a cache on a clock the test moves.
type liveFixture struct {
	t   testing.TB
	srv *httptest.Server
	db  string
	st  *store.Store // the cache as another process sees it

	mu    sync.Mutex
	now   time.Time
	feeds map[string]*feed.Feed // by path
	gate  map[string]chan struct{}
	gets  map[string]int // requests, by path
}

func newLiveFixture(t testing.TB) *liveFixture {
	t.Helper()
	fx := &liveFixture{t: t, now: testNow, feeds: map[string]*feed.Feed{}, gate: map[string]chan struct{}{}, gets: map[string]int{}}
	fx.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fx.mu.Lock()
		fx.gets[r.URL.Path]++
		gate := fx.gate[r.URL.Path]
		fx.mu.Unlock()
		if gate != nil {
			<-gate
		}
		fx.mu.Lock()
		f := fx.feeds[r.URL.Path]
		var body string
		if f != nil {
			body = rssOf(f)
		}
		fx.mu.Unlock()
		if f == nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body)
	}))
	t.Cleanup(fx.srv.Close)
	fx.db = filepath.Join(t.TempDir(), "sokbo.db")
	st, err := store.Open(context.Background(), store.Options{Path: fx.db, Now: fx.clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fx.st = st
	return fx
}

func (fx *liveFixture) clock() time.Time {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	return fx.now
}

func (fx *liveFixture) advance(d time.Duration) {
	fx.mu.Lock()
	fx.now = fx.now.Add(d)
	fx.mu.Unlock()
}

func (fx *liveFixture) url(path string) string { return fx.srv.URL + path }

// serve sets what path serves: a feed called title with these titles,
// newest first, an hour apart from the clock's now.
func (fx *liveFixture) serve(path, title string, titles ...string) *feed.Feed {
	now := fx.clock()
	f := &feed.Feed{Title: title, Source: fx.url(path)}
	for i, tt := range titles {
		f.Items = append(f.Items, &feed.Item{
			ID: fmt.Sprintf("%s-%d", path, len(titles)-i), Title: tt, Link: fmt.Sprintf("https://example.com%s/%d", path, len(titles)-i),
			Published: now.Add(-time.Duration(i) * time.Hour), Body: "<p>본문</p>", Source: fx.url(path),
		})
	}
	fx.mu.Lock()
	fx.feeds[path] = f
	fx.mu.Unlock()
	return f
}

// prepend adds items to the top of what path serves, published now.
func (fx *liveFixture) prepend(path string, titles ...string) {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	f := fx.feeds[path]
	var add []*feed.Item
	for i, tt := range titles {
		id := fmt.Sprintf("%s-new-%d-%d", path, len(f.Items), i)
		add = append(add, &feed.Item{ID: id, Title: tt, Link: "https://example.com/" + id, Published: fx.now.Add(-time.Duration(i) * time.Second), Body: "<p>새 본문</p>", Source: f.Source})
	}
	f.Items = append(add, f.Items...)
}

// hold makes path wait to answer until the returned function is called.
func (fx *liveFixture) hold(path string) (release func()) {
	ch := make(chan struct{})
	fx.mu.Lock()
	fx.gate[path] = ch
	fx.mu.Unlock()
	var once sync.Once
	release = func() { once.Do(func() { close(ch) }) }
	fx.t.Cleanup(release)
	return release
}

// save stores what path serves in the cache, as a refresh would.
func (fx *liveFixture) save(path string) {
	fx.mu.Lock()
	f := *fx.feeds[path]
	fx.mu.Unlock()
	if _, err := fx.st.SaveFeed(context.Background(), f.Source, &f, store.FetchResult{}); err != nil {
		fx.t.Fatal(err)
	}
}

// library is a library on the fixture's cache. It folds no stories
// unless grouped is among opts: numbered titles are alike enough to fold.
func (fx *liveFixture) library(opts ...func(*library.Options)) *library.Library {
	o := library.Options{StorePath: fx.db, Now: fx.clock, Pacer: fetch.NewPacer(fetch.PacerOptions{Gap: -1}), NoGroup: true}
	for _, opt := range opts {
		opt(&o)
	}
	lib := library.New(o)
	fx.t.Cleanup(func() { lib.Close() })
	return lib
}

// grouped folds stories, as the reader does by default.
func grouped(o *library.Options) { o.NoGroup = false }

func (fx *liveFixture) config(lib *library.Library, paths ...string) Config {
	var subs []feed.Subscription
	for _, p := range paths {
		subs = append(subs, feed.Subscription{URL: fx.url(p)})
	}
	return Config{Library: lib, Sources: library.Sources{Feeds: subs}, Style: render.StylePlain, Now: fx.clock}
}

// start runs the reader's first read of the cache, as Init does, without
// the timers and the refresh.
func startLive(t testing.TB, cfg Config, w, h int) Model {
	t.Helper()
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return runCmds(t, m, m.firstCacheCmd())
}

// cursorLine is the line of the screen the cursor's row is drawn on, and
// that row.
func cursorLine(t testing.TB, s string) (int, string) {
	t.Helper()
	for i, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, ">") {
			return i, l
		}
	}
	t.Fatalf("no cursor on screen:\n%s", s)
	return 0, ""
}

func numbered(prefix string, n int) []string {
	// Titles unlike each other, so that nothing folds.
	words := []string{"정전", "지진", "산불", "폭우", "선거", "파업", "환율", "증시", "태풍", "폭염", "한파", "가뭄", "홍수", "화재", "사고", "개막", "폐막", "인사", "판결", "수사"}
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("%s %s %s 소식 %d", prefix, words[i%len(words)], words[(i*7+3)%len(words)], i))
	}
	return out
}

// TestLiveRefreshKeepsWindow: with the cursor mid-list and the window
// scrolled, items that a background refresh brings stay above the window:
// the cursor's row is the same row on the same line, the header counts
// them and the footer names the key, which goes to the newest.
func TestLiveRefreshKeepsWindow(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 40)...)
	fx.save("/a")
	m := startLive(t, fx.config(fx.library(), "/a"), 80, 12)
	m = press(t, m, "space", "j", "j", "j")
	beforeLine, beforeRow := cursorLine(t, screen(m))
	offset := m.list.offset
	if offset == 0 {
		t.Fatalf("the window did not scroll:\n%s", screen(m))
	}

	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 가람시 대규모 정전", "누리군 규모 4.1 지진", "다온강 홍수 경보")
	m = runCmds(t, m, m.refresher.start(false))
	s := screen(m)
	line, row := cursorLine(t, s)
	if line != beforeLine || row != beforeRow {
		t.Errorf("the cursor's row moved from line %d %q to line %d %q:\n%s", beforeLine, beforeRow, line, row, s)
	}
	if m.list.offset != offset+3 {
		t.Errorf("offset %d, want %d: the window moved", m.list.offset, offset+3)
	}
	header := strings.Split(s, "\n")[0]
	if !strings.Contains(header, "↑ 새 기사 3건") {
		t.Errorf("the header does not count what came above:\n%s", s)
	}
	if foot := s[strings.LastIndex(s, "\n")+1:]; !strings.Contains(foot, "t 새 기사로") {
		t.Errorf("the footer does not name the key: %q", foot)
	}
	checkScreen(t, s, 80, 12)

	m = press(t, m, "t")
	s = screen(m)
	if e := m.list.current(); e == nil || e.Title != "[속보] 가람시 대규모 정전" {
		t.Fatalf("t went to %v, want the newest arrival:\n%s", e, s)
	}
	if !strings.Contains(s, ">+  [속보] 가람시 대규모 정전") || !strings.Contains(s, " +  다온강 홍수 경보") {
		t.Errorf("the arrivals are not marked new:\n%s", s)
	}
	if strings.Contains(strings.Split(s, "\n")[0], "새 기사") {
		t.Errorf("the header still counts arrivals above:\n%s", s)
	}
}

// TestLiveShortListKeepsRow: in a list shorter than the screen, an
// arrival does not push the cursor's row down either.
func TestLiveShortListKeepsRow(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 4)...)
	fx.save("/a")
	m := startLive(t, fx.config(fx.library(), "/a"), 60, 12)
	m = press(t, m, "j")
	beforeLine, beforeRow := cursorLine(t, screen(m))
	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 가람시 대규모 정전")
	m = runCmds(t, m, m.refresher.start(false))
	s := screen(m)
	if line, row := cursorLine(t, s); line != beforeLine || row != beforeRow {
		t.Errorf("the cursor's row moved from line %d to %d:\n%s", beforeLine, line, s)
	}
	if !strings.Contains(s, "↑ 새 기사 1건") {
		t.Errorf("no count of the arrival:\n%s", s)
	}
	// k walks up into it: the window follows the cursor as ever.
	m = press(t, m, "k", "k")
	if s := screen(m); !strings.Contains(s, "[속보] 가람시 대규모 정전") || m.list.offset != 0 {
		t.Errorf("k did not reach the arrival (offset %d):\n%s", m.list.offset, s)
	}
}

// TestNewSinceLastLooked: what came in while the reader was not running
// is marked new when it starts again, and only that.
func TestNewSinceLastLooked(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 5)...)
	fx.save("/a")
	m := startLive(t, fx.config(fx.library(), "/a"), 80, 12)
	for _, e := range m.list.items {
		if e.Fresh {
			t.Fatalf("on the first run %q is marked new", e.Title)
		}
	}

	// A cron refresh in another process, an hour later.
	fx.advance(time.Hour)
	fx.prepend("/a", "[속보] 가람시 대규모 정전", "누리군 규모 4.1 지진")
	fx.save("/a")
	m = startLive(t, fx.config(fx.library(), "/a"), 80, 12)
	var fresh []string
	for _, e := range m.list.items {
		if e.Fresh {
			fresh = append(fresh, e.Title)
		}
	}
	if strings.Join(fresh, "|") != "[속보] 가람시 대규모 정전|누리군 규모 4.1 지진" {
		t.Errorf("marked new: %q", fresh)
	}
	if s := screen(m); !strings.Contains(s, ">+  [속보] 가람시 대규모 정전") || !strings.Contains(s, " N  가람 정전") {
		t.Errorf("the arrivals are not marked, or the rest is:\n%s", s)
	}

	// Seen now: the next start marks nothing.
	m = startLive(t, fx.config(fx.library(), "/a"), 80, 12)
	for _, e := range m.list.items {
		if e.Fresh {
			t.Errorf("%q is new again", e.Title)
		}
	}
}

// TestRefreshCountsStoredBeside: what another process (sokbo watch
// beside, a cron refresh) stored before the reader's refresh is marked
// new by it, and its footer counts it: "새 기사 2건", never "새 기사 없음"
// over two rows marked new. With nothing stored beside, nothing changes.
func TestRefreshCountsStoredBeside(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 5)...)
	fx.save("/a")
	startLive(t, fx.config(fx.library(), "/a"), 80, 12) // the reader has run before
	m := startLive(t, fx.config(fx.library(), "/a"), 80, 12)
	fx.advance(time.Minute)
	m = runCmds(t, m, m.refresher.start(false))
	if s := screen(m); !strings.Contains(s, "새로 고침: 새 기사 없음") || strings.Contains(s, "+  가람") {
		t.Fatalf("a refresh that found nothing:\n%s", s)
	}

	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 가람시 대규모 정전", "누리군 축제 개막")
	fx.save("/a") // the watcher beside stores them
	fx.advance(time.Minute)
	m = runCmds(t, m, m.refresher.start(false))
	s := screen(m)
	if !strings.Contains(s, "새로 고침: 새 기사 2건") {
		t.Errorf("the footer does not count the items stored beside:\n%s", s)
	}
	if !strings.Contains(s, "+  [속보] 가람시 대규모 정전") || !strings.Contains(s, "+  누리군 축제 개막") {
		t.Errorf("the items stored beside are not marked new:\n%s", s)
	}

	// One more beside, and one the reader's own refresh brings.
	fx.advance(time.Minute)
	fx.prepend("/a", "누리군 규모 4.1 지진")
	fx.save("/a")
	fx.advance(time.Minute)
	fx.prepend("/a", "가람시 버스 노선 개편")
	m = runCmds(t, m, m.refresher.start(false))
	if s := screen(m); !strings.Contains(s, "새로 고침: 새 기사 2건") {
		t.Errorf("one stored beside and one fetched:\n%s", s)
	}

	m = runCmds(t, m, m.refresher.start(false))
	if s := screen(m); !strings.Contains(s, "새로 고침: 새 기사 없음") {
		t.Errorf("a refresh after them:\n%s", s)
	}
}

// TestLiveHonestFailure: a 404 beside a healthy feed is that feed's
// failure, in the header's count, the footer and the feed list, never
// offline.
func TestLiveHonestFailure(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 3)...)
	m := startLive(t, fx.config(fx.library(), "/a", "/gone"), 80, 12)
	m = runCmds(t, m, m.refresher.start(false))
	s := screen(m)
	if strings.Contains(s, "오프라인") {
		t.Errorf("a 404 made the reader say offline:\n%s", s)
	}
	if !strings.Contains(s, "피드 1개 새로 고침 실패") || !strings.Contains(s, "404") || !strings.Contains(s, "가람 정전") {
		t.Errorf("the failure is not the feed's own:\n%s", s)
	}
	m = press(t, m, "F")
	if s := screen(m); !strings.Contains(s, "404") {
		t.Errorf("the feed list does not say why the feed failed:\n%s", s)
	}
}

// TestFirstRunEachFeedAsItAnswers: with nothing cached, each feed's
// items show as soon as it answers, and until then the list says feed by
// feed what it waits for.
func TestFirstRunEachFeedAsItAnswers(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 3)...)
	fx.serve("/b", "나래뉴스", numbered("나래", 2)...)
	releaseA, releaseB := fx.hold("/a"), fx.hold("/b")
	cfg := fx.config(fx.library(), "/a", "/b")
	cfg.Sources.Feeds[0].Name, cfg.Sources.Feeds[1].Name = "가람일보", "나래뉴스"
	m := startLive(t, cfg, 80, 14)

	msgs := make(chan tea.Msg, 1024)
	spawn(t, m.refresher.start(false), msgs)
	step := func(until func(Model) bool) {
		t.Helper()
		for !until(m) {
			var msg tea.Msg
			select {
			case msg = <-msgs:
			case <-time.After(10 * time.Second):
				t.Fatalf("the reader never got there:\n%s", screen(m))
			}
			switch msg.(type) {
			case spinner.TickMsg, autoRefreshMsg:
				continue
			}
			next, cmd := m.Update(msg)
			m = next.(Model)
			spawn(t, cmd, msgs)
		}
	}
	step(func(m Model) bool { return m.refresher.running })
	s := screen(m)
	if !strings.Contains(s, "가람일보 · 기다리는 중") || !strings.Contains(s, "나래뉴스 · 기다리는 중") {
		t.Errorf("the empty list does not say what it waits for:\n%s", s)
	}
	releaseA()
	step(func(m Model) bool { return len(m.list.items) == 3 })
	s = screen(m)
	if !strings.Contains(s, "가람 정전") || !strings.Contains(s, "새로 고침 1/2") {
		t.Errorf("the first feed's items are not shown while the second is waited for:\n%s", s)
	}
	releaseB()
	step(func(m Model) bool { return !m.refresher.running && len(m.list.items) == 5 })
	if s := screen(m); !strings.Contains(s, "나래 정전") {
		t.Errorf("the second feed's items:\n%s", s)
	}
}

// spawn runs cmd and the commands of its batches, each in a goroutine,
// and sends what they return to out: the runtime's loop, for a test that
// holds a server's answer back. When the test ends it waits for them,
// for a while, so that none writes to the cache as it is removed (one
// still waiting then waits on a timer, for the next auto-refresh).
func spawn(t testing.TB, cmd tea.Cmd, out chan<- tea.Msg) {
	wg := spawned(t)
	var run func(tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch msg := cmd().(type) {
			case nil:
			case tea.BatchMsg:
				for _, c := range msg {
					run(c)
				}
			default:
				select {
				case out <- msg:
				default: // the test is done with them
				}
			}
		}()
	}
	run(cmd)
}

var spawnedBy sync.Map // testing.TB → *sync.WaitGroup

func spawned(t testing.TB) *sync.WaitGroup {
	wg, loaded := spawnedBy.LoadOrStore(t, &sync.WaitGroup{})
	if !loaded {
		t.Cleanup(func() {
			done := make(chan struct{})
			go func() { wg.(*sync.WaitGroup).Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
			}
			spawnedBy.Delete(t)
		})
	}
	return wg.(*sync.WaitGroup)
}

// sentNotes records the desktop notifications.
type sentNotes struct {
	mu   sync.Mutex
	sent []alert.Message
}

func (n *sentNotes) Send(_ context.Context, m alert.Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sent = append(n.sent, m)
	return nil
}

// collect runs cmd and every command of its batches, and returns every
// message, of any kind.
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, collect(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// alertReader is a reader on one feed, /a, of n numbered items already
// cached, with the alert rule 속보 (tag 속보).
func alertReader(t *testing.T, n int) (*liveFixture, Config) {
	t.Helper()
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", n)...)
	fx.save("/a")
	rules, err := alert.Compile([]alert.Config{{Name: "속보", Tag: "속보"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return fx, fx.config(fx.library(func(o *library.Options) { o.Alerts = rules }), "/a")
}

// TestAlertInReader: an arrival an [[alert]] rule matches is marked ! and
// highlighted, the header area names it, and it is announced once per
// story, with the terminal's sequence and on the desktop; the text of
// both is cleaned. What a refresh brings that matches no rule, or what
// came while the reader was away, is not announced.
func TestAlertInReader(t *testing.T) {
	fx, cfg := alertReader(t, 5)
	cfg.Terminal = alert.Terminal{Protocol: alert.OSC9}
	desk := &sentNotes{}
	cfg.Desktop = desk
	startLive(t, cfg, 80, 12) // the reader has run before
	m := startLive(t, cfg, 80, 12)
	m = press(t, m, "j")

	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 가람시 대규모 정전\x1b]0;pwned\x07", "누리군 축제 개막")
	// The refresh, then the cache read by hand, to see its commands.
	m = runCmds(t, m, m.refresher.start(false))
	if len(desk.sent) != 1 {
		t.Fatalf("%d desktop notifications, want 1: %+v", len(desk.sent), desk.sent)
	}
	n := desk.sent[0]
	if n.Outlet != "가람일보" || !strings.HasPrefix(n.Headline, "[속보] 가람시 대규모 정전") || strings.ContainsAny(n.Headline, "\x1b\x07") {
		t.Errorf("notification %+v", n)
	}
	if !strings.HasPrefix(n.Command, "sokbo read ") {
		t.Errorf("no command to read it: %+v", n)
	}
	s := screen(m)
	if !strings.Contains(s, "알림 · 가람일보: [속보] 가람시 대규모 정전") {
		t.Errorf("no notice of the alert under the header:\n%s", s)
	}
	m = press(t, m, "t")
	if s := screen(m); !strings.Contains(s, ">!  [속보] 가람시 대규모 정전") || strings.Contains(s, "!  누리군 축제") {
		t.Errorf("the match is not marked !, or more is:\n%s", s)
	}

	// The sequence for the terminal, built from the same message (and
	// the desktop's again).
	var raws []string
	for _, msg := range collect(m.notifyCmd(n)) {
		if r, ok := msg.(tea.RawMsg); ok {
			raws = append(raws, fmt.Sprint(r.Msg))
		}
	}
	if len(raws) != 1 || !strings.HasPrefix(raws[0], "\x1b]9;가람일보: [속보] 가람시 대규모 정전") || strings.Count(raws[0], "\x1b") != 1 || strings.Count(raws[0], "\a") != 1 {
		t.Errorf("terminal sequence %q", raws)
	}

	// Opening it clears the notice.
	m = press(t, m, "enter", "esc")
	if s := screen(m); strings.Contains(s, "알림 ·") {
		t.Errorf("the notice outlived reading the item:\n%s", s)
	}
	// Another refresh with nothing new announces nothing.
	m = runCmds(t, m, m.refresher.start(false))
	if len(desk.sent) != 2 {
		t.Errorf("%d notifications after a refresh that brought nothing: %+v", len(desk.sent), desk.sent)
	}
}

// TestAlertStoredBeside: an alert that another process (sokbo watch in
// the pane beside) stored before the reader's refresh shows its notice
// under the header and its !, marked new, and is not notified again:
// that process did.
func TestAlertStoredBeside(t *testing.T) {
	fx, cfg := alertReader(t, 5)
	desk := &sentNotes{}
	cfg.Desktop = desk
	startLive(t, cfg, 80, 12) // the reader has run before
	m := startLive(t, cfg, 80, 12)
	m = runCmds(t, m, m.refresher.start(false)) // its own refresh: nothing new

	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 가람시 대규모 정전", "누리군 축제 개막")
	fx.save("/a") // the watcher beside stores them
	fx.advance(time.Minute)
	m = runCmds(t, m, m.refresher.start(false)) // and the reader's refresh finds them stored
	s := screen(m)
	if !strings.Contains(s, "알림 · 가람일보: [속보] 가람시 대규모 정전") {
		t.Errorf("no notice of the alert stored beside:\n%s", s)
	}
	if !strings.Contains(s, "!  [속보] 가람시 대규모 정전") {
		t.Errorf("the alert stored beside is not marked !:\n%s", s)
	}
	if len(desk.sent) != 0 {
		t.Errorf("notified again what the watcher notified: %+v", desk.sent)
	}
}

// TestAlertRefreshSendsOSC: the notification of a refresh's alert goes
// to the terminal as the program's raw output, between frames, through
// tmux's passthrough.
func TestAlertRefreshSendsOSC(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 3)...)
	fx.save("/a")
	rules, err := alert.Compile([]alert.Config{{Query: "대규모 정전"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	cfg := fx.config(fx.library(func(o *library.Options) { o.Alerts = rules }), "/a")
	cfg.Terminal = alert.Terminal{Protocol: alert.OSC777, Tmux: true}
	startLive(t, cfg, 80, 12) // the reader has run before
	m := startLive(t, cfg, 80, 12)
	fx.advance(time.Minute)
	fx.prepend("/a", "가람시 대규모 정전")
	var raw []string
	msgs := make(chan tea.Msg, 1024)
	spawn(t, m.refresher.start(false), msgs)
	for started := false; !started || m.refresher.running || m.live.loading || len(raw) == 0; {
		var msg tea.Msg
		select {
		case msg = <-msgs:
		case <-time.After(10 * time.Second):
			t.Fatalf("no notification (raw %q):\n%s", raw, screen(m))
		}
		switch msg := msg.(type) {
		case spinner.TickMsg, autoRefreshMsg:
			continue
		case tea.RawMsg:
			raw = append(raw, fmt.Sprint(msg.Msg))
			continue
		case refreshStartedMsg:
			started = true
		}
		next, cmd := m.Update(msg)
		m = next.(Model)
		spawn(t, cmd, msgs)
	}
	want := alert.TmuxPassthrough("\x1b]777;notify;가람일보;가람시 대규모 정전 — sokbo read https://example.com//a-new-3-0\a")
	if len(raw) != 1 || raw[0] != want {
		t.Errorf("raw output %q\nwant %q", raw, want)
	}
}

// storyFeeds serves one story from three outlets beside other news.
func storyFeeds(fx *liveFixture) {
	fx.serve("/a", "가람일보", "[속보] 가람시 대규모 정전…지하철 멈춰", "누리군 축제 개막 앞두고 준비 한창")
	fx.serve("/b", "나래뉴스", "가람시 대규모 정전으로 지하철 멈춰", "다온시 새 시장 취임식 열려")
	fx.serve("/c", "다온방송", "가람시 전역 대규모 정전 지하철 운행 멈춰")
	for _, p := range []string{"/a", "/b", "/c"} {
		fx.save(p)
	}
}

// TestFoldedStory: one story from three outlets is one row, "· 가람일보
// 외 2곳"; Enter expands it to its items, which Enter opens; z folds it
// again. --no-group shows every item.
func TestFoldedStory(t *testing.T) {
	fx := newLiveFixture(t)
	storyFeeds(fx)
	m := startLive(t, fx.config(fx.library(grouped), "/a", "/b", "/c"), 100, 14)
	s := screen(m)
	if len(m.list.items) != 3 || len(m.list.flat) != 5 {
		t.Fatalf("%d rows of %d items, want 3 of 5:\n%s", len(m.list.items), len(m.list.flat), s)
	}
	if !strings.Contains(s, "[속보] 가람시 대규모 정전…지하철 멈춰 · 가람일보 외 2곳") {
		t.Errorf("the story's row:\n%s", s)
	}
	checkScreen(t, s, 100, 14)
	// Both numbers count items, the folded ones too: 5 unread of 5, not
	// of 3 rows; the position is the row's, 1/3.
	if header := strings.Split(s, "\n")[0]; !strings.Contains(header, "안 읽음 5 · 5건") {
		t.Errorf("the header's counts are not both of items: %q", header)
	}
	if !strings.Contains(s, "1/3") {
		t.Errorf("the position is not of rows:\n%s", s)
	}

	m = press(t, m, "enter")
	s = screen(m)
	if m.state != stateList || len(m.list.items) != 5 {
		t.Fatalf("enter did not expand the story (state %v, %d rows):\n%s", m.state, len(m.list.items), s)
	}
	if !strings.Contains(s, " N    가람시 대규모 정전으로 지하철 멈춰") || !strings.Contains(s, " N    가람시 전역 대규모 정전") {
		t.Errorf("the story's items are not indented under it:\n%s", s)
	}
	m = press(t, m, "j", "enter")
	if m.state != stateArticle || m.article.entry.FeedName == "가람일보" {
		t.Fatalf("enter on an item of the story did not open it: %v %+v", m.state, m.article.entry)
	}
	m = press(t, m, "esc", "z")
	if len(m.list.items) != 3 || m.list.cursor != 0 {
		t.Errorf("z did not fold the story back, the cursor on its row: %d rows, cursor %d", len(m.list.items), m.list.cursor)
	}
	for _, w := range []int{40, 50, 60, 61, 77, 120} {
		m = update(t, m, tea.WindowSizeMsg{Width: w, Height: 14})
		s := screen(m)
		checkScreen(t, s, w, 14)
		// The outlets follow the title, cut or not, after one space.
		if strings.Contains(s, "  · ") || w >= 50 && !strings.Contains(s, " · 가람일보 외 2곳") || w < 50 && !strings.Contains(s, " · 3곳") {
			t.Errorf("at %d columns the story's row:\n%s", w, s)
		}
	}

	m = startLive(t, fx.config(fx.library(), "/a", "/b", "/c"), 100, 14)
	if s := screen(m); len(m.list.items) != 5 || strings.Contains(s, "외 2곳") {
		t.Errorf("--no-group folded:\n%s", s)
	}
}

// TestFoldedStoryStarred: a folded story's row is starred when one of its
// items is, whichever: the star put on a report of it, in its expanded
// rows, stays in sight once it is folded again.
func TestFoldedStoryStarred(t *testing.T) {
	fx := newLiveFixture(t)
	storyFeeds(fx)
	m := startLive(t, fx.config(fx.library(grouped), "/a", "/b", "/c"), 100, 14)
	if top := strings.Split(screen(m), "\n")[1]; !strings.HasPrefix(top, ">N  ") {
		t.Fatalf("the story's row before any star: %q", top)
	}
	m = press(t, m, "enter", "j", "s", "z")
	s := screen(m)
	if len(m.list.items) != 3 || m.list.cursor != 0 {
		t.Fatalf("z did not fold the story back:\n%s", s)
	}
	if top := strings.Split(s, "\n")[1]; !strings.HasPrefix(top, ">N* ") {
		t.Errorf("the story holds a starred report, its row does not say so: %q", top)
	}
	// s on the row: one of it is starred, so it unstars all of it; s
	// again stars all of it, as m marks all of it.
	m = press(t, m, "s")
	s = screen(m)
	if top := strings.Split(s, "\n")[1]; !strings.HasPrefix(top, ">N  ") || !strings.Contains(s, "묶음 1건 별표 해제") {
		t.Errorf("s on the starred story's row:\n%s", s)
	}
	m = press(t, m, "s")
	s = screen(m)
	if top := strings.Split(s, "\n")[1]; !strings.HasPrefix(top, ">N* ") || !strings.Contains(s, "묶음 3건에 별표") {
		t.Errorf("s on the story's row again:\n%s", s)
	}
	m = press(t, m, "enter")
	for i, l := range strings.Split(screen(m), "\n")[1:4] {
		if !strings.HasPrefix(l[1:], "N* ") {
			t.Errorf("row %d of the expanded story is not starred: %q", i, l)
		}
	}
}

// TestFoldedStoryMarkRead: m on a folded story's row marks all its items
// read, as its row's N stands for all of them, and m again marks them
// unread; on an expanded story's item, m marks that item alone.
func TestFoldedStoryMarkRead(t *testing.T) {
	fx := newLiveFixture(t)
	storyFeeds(fx)
	m := startLive(t, fx.config(fx.library(grouped), "/a", "/b", "/c"), 100, 14)
	m = press(t, m, "m")
	s := screen(m)
	if header := strings.Split(s, "\n")[0]; !strings.Contains(header, "안 읽음 2 · 5건") {
		t.Errorf("m on the story's row did not mark its 3 items read: %q", header)
	}
	if top := strings.Split(s, "\n")[1]; !strings.HasPrefix(top, ">   ") || !strings.Contains(s, "묶음 3건을 읽음으로 표시") {
		t.Errorf("the story's row after m:\n%s", s)
	}
	m = press(t, m, "m")
	if header := strings.Split(screen(m), "\n")[0]; !strings.Contains(header, "안 읽음 5 · 5건") {
		t.Errorf("m again did not mark the story unread: %q", header)
	}
	m = press(t, m, "enter", "j", "m")
	if header := strings.Split(screen(m), "\n")[0]; !strings.Contains(header, "안 읽음 4 · 5건") {
		t.Errorf("m on an item of the expanded story: %q", header)
	}
}

// TestFoldedStoryMembersNamed: where no feed column shows, an expanded
// story's items, whose titles are often one, name their outlets.
func TestFoldedStoryMembersNamed(t *testing.T) {
	fx := newLiveFixture(t)
	storyFeeds(fx)
	m := startLive(t, fx.config(fx.library(grouped), "/a", "/b", "/c"), 60, 14)
	m = press(t, m, "enter")
	s := screen(m)
	checkScreen(t, s, 60, 14)
	for _, outlet := range []string{"나래뉴스", "다온방송"} {
		if !strings.Contains(s, " · "+outlet) {
			t.Errorf("the expanded story's items do not name %s:\n%s", outlet, s)
		}
	}
}

// TestFoldedStoryGrows: a report of a story that arrives in a refresh
// joins the story's row; the row moves to where its newest report sits,
// while the cursor's row stays.
func TestFoldedStoryGrows(t *testing.T) {
	fx := newLiveFixture(t)
	storyFeeds(fx)
	m := startLive(t, fx.config(fx.library(grouped), "/a", "/b", "/c"), 100, 14)
	m = press(t, m, "j")
	line, row := cursorLine(t, screen(m))
	fx.advance(time.Minute)
	fx.serve("/c", "다온방송", "가람시 대규모 정전 지하철 멈춰 시민 불편", "가람시 전역 대규모 정전 지하철 운행 멈춰")
	m = runCmds(t, m, m.refresher.start(false))
	s := screen(m)
	if l, r := cursorLine(t, s); l != line || r != row {
		t.Errorf("the cursor's row moved from %d %q to %d %q:\n%s", line, row, l, r, s)
	}
	if len(m.list.flat) != 6 || len(m.list.items) != 3 {
		t.Errorf("%d rows of %d items, want 3 of 6:\n%s", len(m.list.items), len(m.list.flat), s)
	}
	// The old story's row is new now: one of its reports is.
	if top := strings.Split(s, "\n")[1]; !strings.HasPrefix(top, " +  ") || !strings.Contains(top, "외 2곳") {
		t.Errorf("the story's row is not marked new:\n%s", s)
	}
	m = press(t, m, "t")
	if m.list.cursor != 0 {
		t.Errorf("t went to row %d, want the story's", m.list.cursor)
	}
}

// TestLiveEndToEnd runs the reader under teatest on a feed served on
// 127.0.0.1: while the reader is open the feed gains an item, a refresh
// brings it, and the frame counts it above the window without moving the
// selected row; t shows it, marked new.
func TestLiveEndToEnd(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 30)...)
	fx.save("/a")
	m := New(fx.config(fx.library(), "/a"))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 14))
	var seen bytes.Buffer
	// The feed was fetched just now: the reader shows the cache and
	// fetches nothing until r.
	waitScreen(t, tm, &seen, "1/30")
	for range 5 {
		tm.Send(keyPress("j"))
	}
	waitScreen(t, tm, &seen, "6/30")
	seen.Reset()

	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 가람시 대규모 정전")
	tm.Send(keyPress("r"))
	waitScreen(t, tm, &seen, "↑ 새 기사 1건")
	waitScreen(t, tm, &seen, "7/31")
	tm.Send(keyPress("t"))
	waitScreen(t, tm, &seen, "[속보] 가람시 대규모 정전")
	tm.Send(keyPress("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(Model)
	if e := final.list.current(); e == nil || e.Title != "[속보] 가람시 대규모 정전" || !e.Fresh {
		t.Errorf("t did not reach the new item: %+v", e)
	}
}

// TestReaderFetchesDueAtStart: the reader fetches at start only the feeds
// that are due: one a refresh fetched a moment ago is not asked, one never
// fetched is.
func TestReaderFetchesDueAtStart(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 3)...)
	fx.serve("/b", "나래신문", "나래시 새 소식")
	fx.save("/a") // as `sokbo refresh` leaves it
	fx.advance(time.Minute)
	m := New(fx.config(fx.library(), "/a", "/b"))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 14))
	var seen bytes.Buffer
	waitScreen(t, tm, &seen, "나래시 새 소식")
	tm.Send(keyPress("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	fx.mu.Lock()
	defer fx.mu.Unlock()
	if fx.gets["/a"] != 0 || fx.gets["/b"] != 1 {
		t.Errorf("requests at start: %v, want none of /a (fetched a minute ago) and one of /b", fx.gets)
	}
}

// TestLiveEndToEndKeepsRow checks the frame of the reader under teatest
// just after the refresh: the selected row is on the line it was.
func TestLiveEndToEndKeepsRow(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 30)...)
	fx.save("/a")
	m := New(fx.config(fx.library(), "/a"))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(60, 12))
	var seen bytes.Buffer
	waitScreen(t, tm, &seen, "1/30")
	for range 4 {
		tm.Send(keyPress("j"))
	}
	waitScreen(t, tm, &seen, "5/30")
	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 가람시 대규모 정전", "누리군 규모 4.1 지진")
	tm.Send(keyPress("r"))
	waitScreen(t, tm, &seen, "↑ 새 기사 2건")
	tm.Send(keyPress("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(Model)
	s := screen(final)
	line, row := cursorLine(t, s)
	// The header, then rows 1 to 4 above the cursor's: line 5, on the
	// fifth of the thirty.
	if line != 5 || !strings.Contains(row, numbered("가람", 30)[4]) {
		t.Errorf("the selected row is %q on line %d, want %q on line 5:\n%s", row, line, numbered("가람", 30)[4], s)
	}
	checkScreen(t, s, 60, 12)
}

// TestFirstRunAnnouncesNothing: the first refresh of a reader that has
// never run brings everything it will ever have seen: its matches are
// marked, not announced; what the next refresh brings is.
func TestFirstRunAnnouncesNothing(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", "[속보] 가람시 대규모 정전", "누리군 축제 개막")
	rules, err := alert.Compile([]alert.Config{{Tag: "속보"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	cfg := fx.config(fx.library(func(o *library.Options) { o.Alerts = rules }), "/a")
	desk := &sentNotes{}
	cfg.Desktop = desk
	m := startLive(t, cfg, 80, 12)
	m = runCmds(t, m, m.refresher.start(false))
	if len(desk.sent) != 0 || !strings.Contains(screen(m), "!  [속보] 가람시 대규모 정전") {
		t.Errorf("first run: %d notifications, want 0; the match marked:\n%s", len(desk.sent), screen(m))
	}
	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 다온강 홍수 경보")
	m = runCmds(t, m, m.refresher.start(false))
	if len(desk.sent) != 1 || !strings.Contains(desk.sent[0].Headline, "다온강") {
		t.Errorf("the next refresh's alert: %+v", desk.sent)
	}
}

// TestFirstRunOverFilledCache: a reader that has never run, over a cache
// that a watch or a cron refresh filled, has a past: what the cache held
// is marked, not announced, and the alert its first refresh brings is
// announced, with its notice under the header. It was quiet, as if the
// cache were empty (QA).
func TestFirstRunOverFilledCache(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", "[속보] 가람시 대규모 정전", "누리군 축제 개막")
	fx.save("/a") // sokbo watch, or a cron refresh, stored them
	rules, err := alert.Compile([]alert.Config{{Tag: "속보"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	cfg := fx.config(fx.library(func(o *library.Options) { o.Alerts = rules }), "/a")
	desk := &sentNotes{}
	cfg.Desktop = desk
	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 다온강 홍수 경보")
	m := startLive(t, cfg, 80, 12)
	m = runCmds(t, m, m.refresher.start(false))
	if len(desk.sent) != 1 || !strings.Contains(desk.sent[0].Headline, "다온강") {
		t.Errorf("the first refresh's alert: %+v, want the one of 다온강", desk.sent)
	}
	if s := screen(m); !strings.Contains(s, "알림 · 가람일보: [속보] 다온강 홍수 경보") {
		t.Errorf("no notice of the alert under the header:\n%s", s)
	}
}

// TestAlertsKeptAcrossRestart: the reader opened again highlights the
// unread alerts of the last day it showed before, without announcing
// them again; read ones and older ones are not highlighted.
func TestAlertsKeptAcrossRestart(t *testing.T) {
	fx, cfg := alertReader(t, 3)
	desk := &sentNotes{}
	cfg.Desktop = desk
	startLive(t, cfg, 80, 12) // the reader has run before
	m := startLive(t, cfg, 80, 12)
	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 가람시 대규모 정전", "[속보] 누리군 산불 진화")
	m = runCmds(t, m, m.refresher.start(false))
	if len(desk.sent) == 0 {
		t.Fatal("the refresh announced no alert")
	}
	sent := len(desk.sent)
	// Read one of the two.
	for i, e := range m.list.items {
		if strings.Contains(e.Title, "누리군") {
			m.list.cursor = i
		}
	}
	m = press(t, m, "enter", "esc")

	fx.advance(time.Hour)
	again := startLive(t, cfg, 80, 12)
	s := screen(again)
	if !strings.Contains(s, "!  [속보] 가람시 대규모 정전") {
		t.Errorf("the unread alert is not highlighted after a restart:\n%s", s)
	}
	if strings.Contains(s, "!  [속보] 누리군") {
		t.Errorf("a read alert is highlighted after a restart:\n%s", s)
	}
	if len(desk.sent) != sent {
		t.Errorf("a restart announced %d alerts again", len(desk.sent)-sent)
	}

	fx.advance(24 * time.Hour)
	if s := screen(startLive(t, cfg, 80, 12)); strings.Contains(s, "!  [속보] 가람시") {
		t.Errorf("an alert older than a day is still highlighted:\n%s", s)
	}
}

// TestStartOnFailedFeed: a reader started on a cache whose only feed
// failed says why the list is empty, the stored failure, and what to do;
// after r fails again, the refresh's note says it, once.
func TestStartOnFailedFeed(t *testing.T) {
	fx := newLiveFixture(t)
	m := startLive(t, fx.config(fx.library(), "/gone"), 80, 12)
	m = runCmds(t, m, m.refresher.start(false)) // stores the 404

	for l, want := range map[lang.Lang][]string{
		lang.Ko: {"오류: " + fx.url("/gone") + ": 마지막 가져오기 실패: 서버 응답 404 (찾을 수 없음) (12:00에 시도)", "기사가 없습니다. r: 다시 가져오기"},
		lang.En: {"error: " + fx.url("/gone") + ": last fetch failed: http 404 Not Found (tried at 12:00)", "No items. r: fetch again"},
	} {
		cfg := fx.config(fx.library(), "/gone")
		cfg.Lang = l
		m = startLive(t, cfg, 100, 12)
		lines := strings.Split(screen(m), "\n")
		if len(lines) < 3 || strings.TrimRight(lines[1], " ") != want[0] || strings.TrimRight(lines[2], " ") != want[1] {
			t.Errorf("%v: the empty list does not say why:\n%s", l, screen(m))
		}
		checkScreen(t, screen(m), 100, 12)
	}
	m = startLive(t, fx.config(fx.library(), "/gone"), 100, 12)
	m = runCmds(t, m, m.refresher.start(false))
	if s := screen(m); strings.Count(s, "서버 응답 404") != 2 || !strings.Contains(s, "기사가 없습니다. r: 다시 가져오기") {
		t.Errorf("after r the failure is not said once above the rows (and once in the footer):\n%s", s)
	}
}

// TestFooterNamesChosenFeed (QA 4): the list narrowed to one feed of two
// names that feed in the footer, not "피드 2개".
func TestFooterNamesChosenFeed(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 3)...)
	fx.serve("/b", "누리신문", numbered("누리", 3)...)
	fx.save("/a")
	fx.save("/b")
	m := startLive(t, fx.config(fx.library(), "/a", "/b"), 60, 12)
	if f := lastLine(screen(m)); !strings.HasPrefix(f, "피드 2개") {
		t.Fatalf("footer %q", f)
	}
	m.find.scope = scope{kind: scopeFeed, value: fx.url("/b")}
	m.applyFind(true, false)
	f := lastLine(screen(m))
	if !strings.HasPrefix(f, fx.url("/b")) || render.Width(f) > 60 {
		t.Errorf("footer %q", f)
	}
}

// TestFoldedStoryNextUnread (QA): a folded story whose first report was
// read and whose other outlets' are not is still N, and a stop of n and
// N: in the list the cursor goes to its row; in an article, N opens the
// first unread report, the story expanded so that J and K go on from it.
func TestFoldedStoryNextUnread(t *testing.T) {
	fx := newLiveFixture(t)
	storyFeeds(fx)
	m := startLive(t, fx.config(fx.library(grouped), "/a", "/b", "/c"), 100, 14)
	// Read the story's first report, then fold the story again.
	m = press(t, m, "enter", "enter", "esc", "z")
	if len(m.list.items) != 3 || m.list.cursor != 0 || !m.list.items[0].Read {
		t.Fatalf("the story's first report is not read, folded: %d rows, cursor %d\n%s", len(m.list.items), m.list.cursor, screen(m))
	}
	if top := strings.Split(screen(m), "\n")[1]; !strings.HasPrefix(top, ">N  ") {
		t.Fatalf("the story's row, two reports unread: %q", top)
	}
	m = press(t, m, "j", "N")
	if m.list.cursor != 0 {
		t.Errorf("N in the list went to row %d, want the story's, 0:\n%s", m.list.cursor, screen(m))
	}
	m = press(t, m, "j", "enter", "N")
	if m.state != stateArticle || m.article.entry.FeedName == "가람일보" || !strings.Contains(m.article.entry.Title, "가람시") {
		t.Fatalf("N in an article opened %q of %q, want a report of the story by another outlet", m.article.entry.Title, m.article.entry.FeedName)
	}
	if len(m.list.items) != 5 {
		t.Errorf("the story was not expanded: %d rows", len(m.list.items))
	}
	first := m.article.entry
	m = press(t, m, "n")
	if m.article.entry == first || !strings.Contains(m.article.entry.Title, "가람시") {
		t.Errorf("n after it opened %q, want the story's other unread report", m.article.entry.Title)
	}
}

// TestReaderShowsWhatWatchBesideStores: with sokbo watch beside keeping
// the feeds fresh, no feed of the reader's ever falls due, and its
// rounds found nothing to do and read nothing: what the watch stored
// showed only when the reader fetched again itself, an interval late or
// never. An automatic round with nothing due now reads what the other
// stored: marked new, its alert's notice shown, and not notified again
// (the watch did). A tick with nothing stored since reads nothing.
func TestReaderShowsWhatWatchBesideStores(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 3)...)
	fx.save("/a")
	rules, err := alert.Compile([]alert.Config{{Tag: "속보"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	cfg := fx.config(fx.library(func(o *library.Options) { o.Alerts = rules; o.Interval = 10 * time.Minute }), "/a")
	desk := &sentNotes{}
	cfg.Desktop = desk
	startLive(t, cfg, 80, 12) // the reader has run before
	m := startLive(t, cfg, 80, 12)

	fx.advance(time.Minute)
	fx.prepend("/a", "[속보] 다온강 홍수 경보")
	fx.save("/a") // the watch beside fetched and stored it
	fx.advance(time.Minute)
	m = runCmds(t, m, m.refresher.start(true)) // the reader's tick: nothing due
	s := screen(m)
	if !strings.Contains(s, "[속보] 다온강 홍수 경보") || !strings.Contains(s, "알림 · 가람일보: [속보] 다온강 홍수 경보") {
		t.Errorf("what the watch beside stored is not shown, or its alert's notice:\n%s", s)
	}
	if len(desk.sent) != 0 {
		t.Errorf("notified again what the watch notified: %+v", desk.sent)
	}
	if msgs := runCmd(m.refresher.start(true)); len(msgs) != 1 {
		t.Fatalf("the next tick: %#v", msgs)
	} else if _, cmd := m.Update(msgs[0]); cmd != nil {
		t.Errorf("a tick with nothing stored since reads the cache again")
	}
}

// TestReaderLooksAgainSoonAfterBusy: a round that left a feed to another
// sokbo fetching it looks again within busyTick, not when the feed next
// falls due; with none left to another, it waits for the next feed due.
func TestReaderLooksAgainSoonAfterBusy(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 3)...)
	fx.serve("/b", "나래신문", numbered("나래", 3)...)
	fx.save("/a")
	fx.save("/b")
	cfg := fx.config(fx.library(func(o *library.Options) { o.Interval = 10 * time.Minute }), "/a", "/b")
	m := startLive(t, cfg, 80, 12)
	if d := m.refresher.nextTick(); d != 10*time.Minute && d != time.Minute {
		t.Fatalf("with nothing busy the next tick is in %v", d)
	}
	r := m.refresher
	r, _, _ = r.Update(refreshDoneMsg{results: []refresh.Result{{URL: fx.url("/a"), Busy: true}, {URL: fx.url("/b")}}})
	if d := r.nextTick(); d != busyTick {
		t.Errorf("after a round that left /a to another sokbo the next tick is in %v, want %v", d, busyTick)
	}
	r, _, _ = r.Update(refreshDoneMsg{results: []refresh.Result{{URL: fx.url("/a")}, {URL: fx.url("/b")}}})
	if d := r.nextTick(); d <= busyTick {
		t.Errorf("with nothing left to another the next tick is in %v", d)
	}
}
