package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/alert"
	"sokbo/feed/fetch"
	"sokbo/feed/library"
	"sokbo/feed/store"
	"sokbo/render"
	"sokbo/render/lang"
)

// newsroom serves RSS feeds on 127.0.0.1 whose items a test adds as it
// goes; a path with no feed answers 404, and one given a status answers
// with it.
type newsroom struct {
	mu     sync.Mutex
	feeds  map[string][]string // path → items, newest first, as <item> XML
	status map[string]int      // path → the status it answers with instead
	srv    *httptest.Server
	addr   string
}

func newNewsroom(t *testing.T) *newsroom {
	t.Helper()
	n := &newsroom{feeds: map[string][]string{}}
	n.srv = httptest.NewServer(n)
	n.addr = n.srv.Listener.Addr().String()
	t.Cleanup(n.srv.Close)
	return n
}

func (n *newsroom) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	items, ok := n.feeds[r.URL.Path]
	status := n.status[r.URL.Path]
	n.mu.Unlock()
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%s</title><link>http://%s/</link>%s</channel></rss>`,
		strings.Trim(r.URL.Path, "/"), n.addr, strings.Join(items, ""))
}

// add puts a new item on top of the feed at path.
func (n *newsroom) add(path, id, title string, at time.Time) {
	n.mu.Lock()
	defer n.mu.Unlock()
	item := fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>http://%s%s/%s</link><pubDate>%s</pubDate></item>`,
		id, title, n.addr, path, id, at.Format(time.RFC1123Z))
	n.feeds[path] = append([]string{item}, n.feeds[path]...)
}

func (n *newsroom) url(path string) string { return "http://" + n.addr + path }

// answer makes path answer with status from now on; 0 serves its feed
// again.
func (n *newsroom) answer(path string, status int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.status == nil {
		n.status = map[string]int{}
	}
	n.status[path] = status
}

// down stops answering, as a lost network does (connection refused);
// up answers again on the same address.
func (n *newsroom) down(t *testing.T) {
	n.srv.Close()
}

func (n *newsroom) up(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", n.addr)
	if err != nil {
		t.Fatal(err)
	}
	n.srv = &httptest.Server{Listener: ln, Config: &http.Server{Handler: n}}
	n.srv.Start()
	t.Cleanup(n.srv.Close)
}

// watchClock is the watch's fake clock: each of its sleeps moves it on
// and runs the test's next step, until there is none.
type watchClock struct {
	mu     sync.Mutex
	now    time.Time
	steps  []func()
	cancel context.CancelFunc
	slept  []time.Duration
	p      *fetch.Pacer
}

// recorder records when each URL was asked for.
type recorder struct {
	fetch.ConditionalFetcher
	clk *watchClock
	mu  sync.Mutex
	at  map[string][]time.Time
}

func (r *recorder) FetchConditional(ctx context.Context, url string, v fetch.Validators) (*fetch.Response, error) {
	r.mu.Lock()
	r.at[url] = append(r.at[url], r.clk.Now())
	r.mu.Unlock()
	return r.ConditionalFetcher.FetchConditional(ctx, url, v)
}

func (r *recorder) Fetch(ctx context.Context, url string) (*fetch.Response, error) {
	return r.FetchConditional(ctx, url, fetch.Validators{})
}

func (c *watchClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *watchClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func (c *watchClock) pace(ctx context.Context, d time.Duration) error {
	if d > 0 {
		c.advance(d)
	}
	return ctx.Err()
}

func (c *watchClock) pacer() *fetch.Pacer {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.p == nil {
		c.p = fetch.NewPacer(fetch.PacerOptions{Now: c.Now, Sleep: c.pace})
	}
	return c.p
}

// sleep is the watch's wait between polls.
func (c *watchClock) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.slept = append(c.slept, d)
	c.mu.Unlock()
	c.advance(d)
	if len(c.steps) == 0 {
		c.cancel()
		return context.Canceled
	}
	step := c.steps[0]
	c.steps = c.steps[1:]
	step()
	return ctx.Err()
}

// watchFixture is a library on a fresh cache whose clock and pacing are
// the test's.
func watchFixture(t *testing.T, clk *watchClock, subs []feed.Subscription, rules []*alert.Rule) *library.Library {
	t.Helper()
	return watchFixtureWith(t, clk, subs, rules, nil)
}

func watchFixtureWith(t *testing.T, clk *watchClock, subs []feed.Subscription, rules []*alert.Rule, f fetch.ConditionalFetcher) *library.Library {
	t.Helper()
	return watchLibrary(t, clk, filepath.Join(t.TempDir(), "sokbo.db"), subs, rules, f)
}

// watchLibrary is watchFixtureWith's library on the cache at path: two of
// them are two sokbos on one cache.
func watchLibrary(t *testing.T, clk *watchClock, path string, subs []feed.Subscription, rules []*alert.Rule, f fetch.ConditionalFetcher) *library.Library {
	t.Helper()
	lib := library.New(library.Options{
		Fetcher:   f,
		StorePath: path,
		Feeds:     subs,
		Interval:  time.Minute,
		Now:       clk.Now,
		Pacer:     clk.pacer(),
		Alerts:    rules,
		Timeout:   5 * time.Second,
	})
	t.Cleanup(func() { lib.Close() })
	return lib
}

var watchStart = time.Date(2024, 7, 15, 9, 0, 0, 0, time.FixedZone("KST", 9*3600))

// TestWatchLines: a watch prints nothing of what the feeds had when it
// started, then one line per new item, oldest first; another outlet's
// report of a story already printed is printed too, a ticker misses
// nothing, marked by a fifth field +; the lines are tab-separated when
// piped.
func TestWatchLines(t *testing.T) {
	room := newNewsroom(t)
	room.add("/garam", "g1", "국회, 예산안 처리 합의", watchStart.Add(-time.Hour))
	room.add("/narae", "n1", "코스피 2% 급락 마감", watchStart.Add(-30*time.Minute))
	subs := []feed.Subscription{{Name: "가람일보", URL: room.url("/garam")}, {Name: "나래신문", URL: room.url("/narae")}}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	clk := &watchClock{now: watchStart, cancel: cancel}
	clk.steps = []func(){
		func() {},
		func() {
			room.add("/garam", "g2", "[속보] 가람시 전역 정전… 지하철 운행 중단", clk.Now().Add(-time.Minute))
			room.add("/garam", "g3", "태풍 북상에 남해안 비상", clk.Now())
		},
		func() {
			room.add("/narae", "n2", "가람시 전역에 정전, 지하철 운행도 중단돼", clk.Now())
		},
		func() { room.add("/narae", "n3", "서울 첫눈 관측", clk.Now()) },
	}
	lib := watchFixture(t, clk, subs, nil)
	src, err := lib.Sources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	w := newWatcher(lib, src, watchOptions{lang: lang.En, group: true, out: &out, errw: &errb, now: clk.Now, sleep: clk.sleep, loc: watchStart.Location()})
	if status := w.run(ctx); status != 0 {
		t.Fatalf("status %d, stderr %q", status, errb.String())
	}
	g, n := room.url("/garam"), room.url("/narae")
	want := "09:01\t가람일보\t[속보] 가람시 전역 정전… 지하철 운행 중단\t" + g + "/g2\n" +
		"09:02\t가람일보\t태풍 북상에 남해안 비상\t" + g + "/g3\n" +
		"09:03\t나래신문\t가람시 전역에 정전, 지하철 운행도 중단돼\t" + n + "/n2\t+\n" +
		"09:04\t나래신문\t서울 첫눈 관측\t" + n + "/n3\n"
	if out.String() != want {
		t.Errorf("lines:\n%s\nwant:\n%s", out.String(), want)
	}
	if errb.Len() > 0 {
		t.Errorf("stderr %q", errb.String())
	}
	noEscapes(t, out.String())
	// It woke when the feeds fell due: a minute after the first was
	// fetched, the second two seconds after it (paced).
	for _, d := range clk.slept {
		if d < time.Minute-3*time.Second || d > time.Minute {
			t.Errorf("slept %v, want about 1m: %v", d, clk.slept)
			break
		}
	}
}

// TestWatchJoinsStory: a report joining a story printed already is
// printed, never hidden: with --json it names the story's first report in
// "story"; on a terminal it is marked with a +.
func TestWatchJoinsStory(t *testing.T) {
	t.Setenv("RUNEWIDTH_EASTASIAN", "0")
	for _, mode := range []string{"json", "tty"} {
		t.Run(mode, func(t *testing.T) {
			room := newNewsroom(t)
			room.add("/garam", "g1", "국회, 예산안 처리 합의", watchStart.Add(-time.Hour))
			room.add("/narae", "n1", "코스피 2% 급락 마감", watchStart.Add(-30*time.Minute))
			subs := []feed.Subscription{{Name: "가람일보", URL: room.url("/garam")}, {Name: "나래신문", URL: room.url("/narae")}}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			clk := &watchClock{now: watchStart, cancel: cancel}
			clk.steps = []func(){
				func() {},
				func() {
					room.add("/garam", "g2", "[속보] 가람시 전역 정전… 지하철 운행 중단", clk.Now())
				},
				func() {
					room.add("/narae", "n2", "가람시 전역에 정전, 지하철 운행도 중단돼", clk.Now())
				},
			}
			lib := watchFixture(t, clk, subs, nil)
			src, err := lib.Sources(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			opts := watchOptions{lang: lang.En, group: true, out: &out, errw: &errb, now: clk.Now, sleep: clk.sleep, loc: watchStart.Location()}
			opts.json = mode == "json"
			opts.tty, opts.plain, opts.width = mode == "tty", true, func() int { return 60 }
			w := newWatcher(lib, src, opts)
			if status := w.run(ctx); status != 0 {
				t.Fatalf("status %d, stderr %q", status, errb.String())
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(lines) != 2 {
				t.Fatalf("%d lines, want 2:\n%s", len(lines), out.String())
			}
			if mode == "tty" {
				if !strings.HasPrefix(lines[0], "09:02   가람일보  [속보]") || !strings.HasPrefix(lines[1], "09:03 + 나래신문  가람시 전역에") {
					t.Errorf("lines:\n%s", out.String())
				}
				return
			}
			var first, joined struct {
				Title string `json:"title"`
				Story *struct {
					Feed  string `json:"feed"`
					Title string `json:"title"`
				} `json:"story"`
			}
			if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.Story != nil {
				t.Errorf("first report %s (%v)", lines[0], err)
			}
			if err := json.Unmarshal([]byte(lines[1]), &joined); err != nil || joined.Story == nil ||
				joined.Title != "가람시 전역에 정전, 지하철 운행도 중단돼" || joined.Story.Feed != "가람일보" || joined.Story.Title != "[속보] 가람시 전역 정전… 지하철 운행 중단" {
				t.Errorf("joining report %s (%v)", lines[1], err)
			}
		})
	}
}

// TestWatchConnection: a 404 beside healthy feeds is that feed's failure,
// said once, never "offline"; losing the network is said once however
// many polls fail, and its return once.
func TestWatchConnection(t *testing.T) {
	room := newNewsroom(t)
	room.add("/garam", "g1", "국회, 예산안 처리 합의", watchStart.Add(-time.Hour))
	subs := []feed.Subscription{{Name: "가람일보", URL: room.url("/garam"), Interval: 10 * time.Minute}, {Name: "없는 피드", URL: room.url("/gone")}}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	clk := &watchClock{now: watchStart, cancel: cancel}
	var steps []func()
	for range 3 {
		steps = append(steps, func() {}) // the 404 stays, healthy beside it
	}
	var downAt time.Time
	steps = append(steps, func() { room.down(t); downAt = clk.Now() })
	for range 40 {
		steps = append(steps, func() {}) // offline for a while
	}
	steps = append(steps, func() { room.up(t); room.add("/garam", "g2", "서울 첫눈 관측", clk.Now()) })
	for range 12 {
		steps = append(steps, func() {}) // the 10m feed's next try comes
	}
	clk.steps = steps
	rec := &recorder{clk: clk, at: map[string][]time.Time{},
		ConditionalFetcher: &fetch.HTTPFetcher{Timeout: 5 * time.Second, Pacer: clk.pacer(), Now: clk.Now, Sleep: clk.pace}}
	lib := watchFixtureWith(t, clk, subs, nil, rec)
	src, err := lib.Sources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	w := newWatcher(lib, src, watchOptions{lang: lang.En, group: true, out: &out, errw: &errb, now: clk.Now, sleep: clk.sleep, loc: watchStart.Location()})
	if status := w.run(ctx); status != 0 {
		t.Fatalf("status %d", status)
	}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if len(lines) != 3 ||
		!strings.HasPrefix(lines[0], "sokbo: watch: 없는 피드: failed at 09:00: http 404 Not Found") ||
		!strings.HasPrefix(lines[1], "sokbo: watch: offline at ") || !strings.Contains(lines[1], "cannot connect to "+room.addr+": connection refused; retrying") ||
		!strings.HasPrefix(lines[2], "sokbo: watch: back online at ") {
		t.Errorf("stderr:\n%s", errb.String())
	}
	if !strings.Contains(out.String(), "서울 첫눈 관측") {
		t.Errorf("no line after the network came back: %q", out.String())
	}
	// Offline, the 10m feed was asked after 1, 2, 4 and 8 minutes, then
	// every 10: never more often than when it was healthy, once its
	// backoff reached its interval.
	var failed []time.Time
	for _, at := range rec.at[room.url("/garam")] {
		if at.After(downAt) {
			failed = append(failed, at)
		}
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 10 * time.Minute}
	if len(failed) < len(want)+1 {
		t.Fatalf("asked %d times while offline: %v", len(failed), failed)
	}
	for i, d := range want {
		if gap := failed[i+1].Sub(failed[i]); gap < d-3*time.Second || gap > d+5*time.Second {
			t.Errorf("attempt %d came %v after the one before, want %v", i+2, gap, d)
		}
	}
}

// TestWatchSinceAndTTY: --since replays the last hour first, oldest
// first; on a terminal the lines are laid out by display width, each
// within the width, the title starting in one column, and an alert is
// starred.
func TestWatchSinceAndTTY(t *testing.T) {
	t.Setenv("RUNEWIDTH_EASTASIAN", "0")
	room := newNewsroom(t)
	room.add("/garam", "g0", "어제 일", watchStart.Add(-3*time.Hour))
	room.add("/garam", "g1", "[속보] 가람시 전역 정전… 지하철 운행 중단되고 시민들 귀가 서둘러", watchStart.Add(-50*time.Minute))
	room.add("/narae", "n1", "Seoul markets close lower", watchStart.Add(-10*time.Minute))
	subs := []feed.Subscription{{Name: "가람일보", URL: room.url("/garam")}, {Name: "Narae", URL: room.url("/narae")}}
	rules, err := alert.Compile([]alert.Config{{Name: "정전", Query: "정전"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{40, 60, 120} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			clk := &watchClock{now: watchStart, cancel: cancel}
			lib := watchFixture(t, clk, subs, rules)
			src, err := lib.Sources(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			w := newWatcher(lib, src, watchOptions{lang: lang.En, watchFlags: watchFlags{since: time.Hour}, group: true, out: &out, errw: &errb, tty: true, plain: true,
				width: func() int { return width }, now: clk.Now, sleep: clk.sleep, loc: watchStart.Location()})
			w.run(ctx)
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "08:10 * 가람일보  ") || !strings.HasPrefix(lines[1], "08:50   Narae     ") {
				t.Fatalf("lines:\n%s", out.String())
			}
			for _, l := range lines {
				if render.Width(l) > width {
					t.Errorf("line wider than %d: %q", width, l)
				}
				if got := render.Width(l[:strings.Index(l, "  [")+2]); strings.Contains(l, "[속보]") && got != 5+2+1+8+2 {
					t.Errorf("title starts at column %d: %q", got, l)
				}
			}
			if hasLink := strings.Contains(out.String(), room.url("/narae")); hasLink != (width >= 120) {
				t.Errorf("at %d columns the link is shown: %v\n%s", width, hasLink, out.String())
			}
		})
	}
}

// TestWatchNotifications: an alert sends one notification with the
// outlet, the headline and `sokbo read`: OSC 777 to the terminal with no
// byte of the feed's own controls, and notify-send through argv; another
// outlet's report of the story sends none.
func TestWatchNotifications(t *testing.T) {
	room := newNewsroom(t)
	room.add("/garam", "g0", "국회, 예산안 처리 합의", watchStart.Add(-time.Hour))
	room.add("/narae", "n0", "코스피 마감", watchStart.Add(-time.Hour))
	subs := []feed.Subscription{{Name: "가람일보", URL: room.url("/garam")}, {Name: "나래신문", URL: room.url("/narae")}}
	rules, err := alert.Compile([]alert.Config{{Name: "정전", Tag: "속보"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	argv := filepath.Join(dir, "argv")
	stub := filepath.Join(dir, "notify-send")
	if err := os.WriteFile(stub, []byte("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n--\\n' \"$a\"; done >> "+argv+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	ns, err := alert.FindNotifySend(func(k string) string { return map[string]string{"DISPLAY": ":0"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	clk := &watchClock{now: watchStart, cancel: cancel}
	hostile := "[속보] 가람시 \x1b]0;pwned\x07정전\u009b31m;\u202e 발생 \\033[2J <b>x</b>"
	clk.steps = []func(){
		func() {
			room.add("/garam", "g1", strings.NewReplacer("\x1b", "&#27;", "\x07", "&#7;", "<", "&lt;").Replace(hostile), clk.Now())
		},
		// The same story in words alike enough for a short title (0.6).
		func() { room.add("/narae", "n1", "[속보] 가람시 정전 발생 x", clk.Now()) },
		func() {},
	}
	lib := watchFixture(t, clk, subs, rules)
	src, err := lib.Sources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb, tty bytes.Buffer
	w := newWatcher(lib, src, watchOptions{lang: lang.En, watchFlags: watchFlags{alertsOnly: true}, group: true, out: &out, errw: &errb, now: clk.Now, sleep: clk.sleep, loc: watchStart.Location()})
	w.notify = &notifier{term: alert.Terminal{Protocol: alert.OSC777, Tmux: true}, tty: &tty, desktop: ns, bell: true, warned: map[string]bool{}}
	w.run(ctx)

	// The second outlet's report joins the story: printed, marked, but
	// not notified again.
	if n := strings.Count(out.String(), "\n"); n != 2 || !strings.Contains(out.String(), "가람일보\t[속보] 가람시") ||
		!strings.HasSuffix(out.String(), "나래신문\t[속보] 가람시 정전 발생 x\t"+room.url("/narae")+"/n1\t+\n") {
		t.Errorf("alerts-only printed %d lines:\n%s", n, out.String())
	}
	// The terminal got one notification, in tmux's passthrough, and a bell.
	seq := tty.String()
	const open, close = "\x1bPtmux;\x1b\x1b]777;notify;", "\a\x1b\\\a"
	if !strings.HasPrefix(seq, open) || !strings.HasSuffix(seq, close) || strings.Count(seq, open) != 1 {
		t.Fatalf("tty got %q", seq)
	}
	body := strings.TrimSuffix(strings.TrimPrefix(seq, open), close)
	if bad := controls(body, false); len(bad) > 0 {
		t.Errorf("the notification carries control characters: %v", bad)
	}
	if !strings.HasPrefix(body, "가람일보;[속보] 가람시") || !strings.HasSuffix(body, "— sokbo read "+room.url("/garam")+"/g1") {
		t.Errorf("notification %q", body)
	}
	// notify-send was run once, with argv.
	got, err := os.ReadFile(argv)
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Split(strings.TrimSuffix(string(got), "\n--\n"), "\n--\n")
	if len(args) != 4 || args[0] != "--app-name=sokbo" || args[1] != "--" || args[2] != "가람일보" {
		t.Fatalf("notify-send argv %q", args)
	}
	if bad := controls(strings.ReplaceAll(args[3], "\n", " "), false); len(bad) > 0 || strings.Contains(args[3], "<b>") || !strings.Contains(args[3], `\\033`) {
		t.Errorf("notify-send body %q (%v)", args[3], bad)
	}
}

// TestWatchNoSequenceInPipe: with stdout piped and no terminal, nothing
// but lines reaches stdout, whatever the config asks.
func TestWatchNoSequenceInPipe(t *testing.T) {
	var out bytes.Buffer
	std := &streams{out: &out, env: func(k string) string { return map[string]string{"TERM": "xterm-kitty"}[k] }}
	set := &settings{alertSettings: alertSettings{notify: alert.OSC9}}
	n := newNotifier(std, set, true, func() (io.WriteCloser, error) { return nil, os.ErrNotExist }, nil)
	if n.tty != nil {
		t.Fatal("a notifier writes to a pipe")
	}
	n.Notify(t.Context(), alert.NewMessage("가람일보", "[속보] 정전", "x"))
	if out.Len() != 0 {
		t.Errorf("stdout got %q", out.String())
	}
	var tty bytes.Buffer
	n = newNotifier(std, set, false, func() (io.WriteCloser, error) { return nopCloser{&tty}, nil }, nil)
	n.Notify(t.Context(), alert.NewMessage("가람일보", "[속보] 정전", "x"))
	if !strings.HasPrefix(tty.String(), "\x1b]9;") || out.Len() != 0 {
		t.Errorf("tty %q, stdout %q", tty.String(), out.String())
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// TestWatchReplayDates: a line replayed by --since of an item not from
// today has its date before its time, piped and on a terminal, as list
// prints dates; today's items keep the time alone (QA 14: "03:17 …" of
// an item days old said nothing of its day).
func TestWatchReplayDates(t *testing.T) {
	room := newNewsroom(t)
	room.add("/garam", "g0", "사흘 전 일", watchStart.Add(-50*time.Hour))
	room.add("/garam", "g1", "오늘 일", watchStart.Add(-10*time.Minute))
	subs := []feed.Subscription{{Name: "가람일보", URL: room.url("/garam")}}
	for name, tty := range map[string]bool{"piped": false, "tty": true} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			clk := &watchClock{now: watchStart, cancel: cancel}
			lib := watchFixture(t, clk, subs, nil)
			src, err := lib.Sources(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			w := newWatcher(lib, src, watchOptions{lang: lang.En, watchFlags: watchFlags{since: 72 * time.Hour}, group: true, out: &out, errw: &errb, tty: tty, plain: true,
				width: func() int { return 80 }, now: clk.Now, sleep: clk.sleep, loc: watchStart.Location()})
			w.run(ctx)
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if tty {
				// Times alone, under a line for each day: the rows
				// of both days line up.
				want := []string{"-- 2024-07-13 --", "07:00   가람일보  사흘 전 일", "-- 2024-07-15 --", "08:50   가람일보  오늘 일"}
				if len(lines) != len(want) {
					t.Fatalf("lines:\n%s", out.String())
				}
				for i, w := range want {
					if !strings.HasPrefix(lines[i], w) {
						t.Errorf("line %d is %q, want it to start %q", i, lines[i], w)
					}
				}
				return
			}
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "2024-07-13 07:00\t가람일보") || !strings.HasPrefix(lines[1], "08:50\t가람일보") {
				t.Errorf("lines:\n%s", out.String())
			}
			if !tty && (strings.Count(lines[0], "\t") != 3 || strings.Count(lines[1], "\t") != 3) {
				t.Errorf("not four tab-separated fields:\n%s", out.String())
			}
		})
	}
}

// TestWatchColumnsFitTheBatch: on a terminal, a feed fetched for the
// first time, whose name the start could not know, gets an outlet column
// that holds its name from its first rows (QA: "가…" on every row of a
// first run), and the rows of a replay line up whatever their dates
// (QA: a dated row stood 11 cells right of today's).
func TestWatchColumnsFitTheBatch(t *testing.T) {
	t.Setenv("RUNEWIDTH_EASTASIAN", "0")
	room := newNewsroom(t)
	room.add("/가람일보뉴스", "g0", "사흘 전 일", watchStart.Add(-50*time.Hour))
	room.add("/가람일보뉴스", "g1", "오늘 일", watchStart.Add(-10*time.Minute))
	subs := []feed.Subscription{{URL: room.url("/가람일보뉴스")}}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	clk := &watchClock{now: watchStart, cancel: cancel}
	lib := watchFixture(t, clk, subs, nil)
	src, err := lib.Sources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	w := newWatcher(lib, src, watchOptions{lang: lang.En, watchFlags: watchFlags{since: 72 * time.Hour}, group: true, out: &out, errw: &errb, tty: true, plain: true,
		width: func() int { return 40 }, now: clk.Now, sleep: clk.sleep, loc: watchStart.Location()})
	w.run(ctx)
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		if !strings.HasPrefix(l, "-- ") { // a day's line
			lines = append(lines, l)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("lines:\n%s", out.String())
	}
	for _, l := range lines {
		if !strings.Contains(l, "가람일보뉴스") {
			t.Errorf("the outlet is cut: %q", l)
		}
		if render.Width(l) > 40 {
			t.Errorf("line wider than 40: %q", l)
		}
	}
	if a, b := render.Width(lines[0][:strings.Index(lines[0], "가람")]), render.Width(lines[1][:strings.Index(lines[1], "가람")]); a != b {
		t.Errorf("the outlet starts at column %d and %d:\n%s", a, b, out.String())
	}
}

// TestWatchOldestFirst: a replay and a poll's news go out oldest first,
// and items of one time that came in at once, which a feed lists newest
// first, go out in the reverse of the feed's order: a burst of breaking
// news dated to the minute replays as it broke.
func TestWatchOldestFirst(t *testing.T) {
	now := time.Date(2026, 12, 3, 15, 15, 0, 0, time.UTC)
	at := now.Add(-time.Hour)
	seen := now.Add(-30 * time.Minute)
	e := func(id string, pub, first time.Time) *library.Entry {
		return &library.Entry{Item: &feed.Item{ID: id, Published: pub}, FirstSeen: first}
	}
	entries := []*library.Entry{
		e("later", at.Add(time.Minute), seen),
		e("3", at, seen), e("2", at, seen), e("1", at, seen), // feed order: newest first
		e("came-later", at, seen.Add(time.Minute)),
		e("earlier", at.Add(-time.Minute), seen),
	}
	oldestFirst(entries)
	var got []string
	for _, x := range entries {
		got = append(got, x.ID)
	}
	if want := []string{"earlier", "1", "2", "3", "came-later", "later"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// TestWatchSaysOthersFailures (QA): a watch that leaves the feeds to
// another sokbo on the cache, which fetches them first each time, says
// what that one says: when a feed starts failing (a 500), once however
// often it fails, and when it works again; and it prints what came in,
// having fetched nothing itself.
func TestWatchSaysOthersFailures(t *testing.T) {
	room := newNewsroom(t)
	room.add("/garam", "g1", "국회, 예산안 처리 합의", watchStart.Add(-time.Hour))
	subs := []feed.Subscription{{Name: "가람일보", URL: room.url("/garam")}}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	clk := &watchClock{now: watchStart, cancel: cancel}
	path := filepath.Join(t.TempDir(), "sokbo.db")
	// The other sokbo asks once, on the test's clock: no retry of the 500.
	other := watchLibrary(t, clk, path, subs, nil, &fetch.HTTPFetcher{Timeout: 5 * time.Second, Retries: -1, Pacer: clk.pacer(), Now: clk.Now, Sleep: clk.pace})
	fetchOther := func() {
		if _, err := other.Refresh(ctx, subs, nil); err != nil {
			t.Error(err)
		}
	}
	fetchOther()
	clk.steps = []func(){
		func() { room.answer("/garam", http.StatusInternalServerError); fetchOther() },
		func() { fetchOther() },
		func() {
			room.answer("/garam", 0)
			room.add("/garam", "g2", "서울 첫눈 관측", clk.Now())
			fetchOther()
		},
	}
	rec := &recorder{clk: clk, at: map[string][]time.Time{},
		ConditionalFetcher: &fetch.HTTPFetcher{Timeout: 5 * time.Second, Pacer: clk.pacer(), Now: clk.Now, Sleep: clk.pace}}
	lib := watchLibrary(t, clk, path, subs, nil, rec)
	src, err := lib.Sources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	w := newWatcher(lib, src, watchOptions{lang: lang.En, group: true, out: &out, errw: &errb, now: clk.Now, sleep: clk.sleep, loc: watchStart.Location()})
	if status := w.run(ctx); status != 0 {
		t.Fatalf("status %d", status)
	}
	want := "sokbo: watch: 가람일보: failed at 09:01: http 500 Internal Server Error; retrying later\n" +
		"sokbo: watch: 가람일보: working again at 09:03\n"
	if errb.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errb.String(), want)
	}
	if !strings.Contains(out.String(), "서울 첫눈 관측") {
		t.Errorf("no line of what the other fetched: %q", out.String())
	}
	if n := len(rec.at[room.url("/garam")]); n > 0 {
		t.Errorf("the watch fetched the feed %d times; the other fetched it first each time", n)
	}
}

// TestWatchLooksAgainSoonAfterAnother (QA): a watch whose poll left a feed
// to another sokbo fetching it looks again a moment later, not an
// interval later, though the other has saved by the time the watch goes
// to sleep and the feed is no longer due; then it waits for the next feed
// to fall due, as before.
func TestWatchLooksAgainSoonAfterAnother(t *testing.T) {
	room := newNewsroom(t)
	room.add("/garam", "g1", "국회, 예산안 처리 합의", watchStart.Add(-time.Hour))
	subs := []feed.Subscription{{Name: "가람일보", URL: room.url("/garam")}}
	ctx := t.Context()
	clk := &watchClock{now: watchStart}
	path := filepath.Join(t.TempDir(), "sokbo.db")
	other := watchLibrary(t, clk, path, subs, nil, nil)
	if _, err := other.Refresh(ctx, subs, nil); err != nil {
		t.Fatal(err)
	}
	lib := watchLibrary(t, clk, path, subs, nil, nil)
	src, err := lib.Sources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	w := newWatcher(lib, src, watchOptions{lang: lang.En, group: true, out: &out, errw: &errb, now: clk.Now, loc: watchStart.Location()})
	if err := w.start(ctx); err != nil {
		t.Fatal(err)
	}
	w.poll(ctx)
	clk.advance(w.nextWait())

	// The other sokbo's claim, as its refresh holds it while it fetches.
	st, err := store.Open(ctx, store.Options{Path: path, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if ok, err := st.Claim(ctx, room.url("/garam"), time.Hour); err != nil || !ok {
		t.Fatalf("claim: %v, %v", ok, err)
	}
	room.add("/garam", "g2", "서울 첫눈 관측", clk.Now())
	w.poll(ctx)
	if out.Len() > 0 {
		t.Fatalf("printed before the other stored anything: %q", out.String())
	}
	// The other is done before the watch asks how long to sleep.
	if err := st.Release(ctx, room.url("/garam")); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Refresh(ctx, subs, nil); err != nil {
		t.Fatal(err)
	}
	d := w.nextWait()
	if d > watchBusy {
		t.Errorf("slept %v after a poll left the feed to another sokbo, want at most %v", d, watchBusy)
	}
	clk.advance(d)
	w.poll(ctx)
	if !strings.Contains(out.String(), "서울 첫눈 관측") {
		t.Errorf("what the other fetched is not printed: %q", out.String())
	}
	if d := w.nextWait(); d < time.Minute-3*time.Second {
		t.Errorf("with nothing left to another, the watch sleeps %v, want about 1m", d)
	}
	if errb.Len() > 0 {
		t.Errorf("stderr %q", errb.String())
	}
}
