package ui

import (
	"errors"
	"fmt"
	"sokbo/render"
	"strings"
	"testing"
	"time"

	"sokbo/feed/fetch"
	"sokbo/feed/refresh"
)

// TestConnState: the header says offline only when no feed's server
// answered; a 404 beside a healthy feed, or beside an unreachable one,
// is that feed's failure.
func TestConnState(t *testing.T) {
	ok := refresh.Result{URL: "https://a.example/", New: 1}
	notFound := refresh.Result{URL: "https://b.example/", Err: &fetch.HTTPError{StatusCode: 404}, Failure: refresh.FailHTTP}
	down := refresh.Result{URL: "https://c.example/", Err: &fetch.NetError{Op: fetch.OpDNS, Host: "c.example", Err: errors.New("no such host")}, Failure: refresh.FailNetwork}
	slow := refresh.Result{URL: "https://d.example/", Err: &fetch.TimeoutError{After: 15 * time.Second}, Failure: refresh.FailTimeout}
	deferred := refresh.Result{URL: "https://e.example/", Deferred: time.Now().Add(time.Hour)}
	tests := map[string]struct {
		results []refresh.Result
		want    connState
	}{
		"all well":               {[]refresh.Result{ok}, connOnline},
		"404 beside healthy":     {[]refresh.Result{ok, notFound}, connPartial},
		"404 alone":              {[]refresh.Result{notFound}, connPartial},
		"404 beside unreachable": {[]refresh.Result{notFound, down}, connPartial},
		"unreachable":            {[]refresh.Result{down, slow}, connOffline},
		"unreachable, deferred":  {[]refresh.Result{down, deferred}, connOffline},
	}
	for name, tt := range tests {
		r := refresher{now: time.Now}
		r, _, _ = r.Update(refreshDoneMsg{results: tt.results})
		if r.conn != tt.want {
			t.Errorf("%s: conn %v, want %v", name, r.conn, tt.want)
		}
	}
}

// TestRefreshFooter (QA 1): an automatic refresh that finds nothing says
// nothing; its news adds up over the rounds a host's pacing splits a
// refresh into; it never replaces what a key brought; the answer to r
// always shows, "nothing new" too.
func TestRefreshFooter(t *testing.T) {
	round := func(manual bool, news ...int) refreshDoneMsg {
		msg := refreshDoneMsg{started: testNow, manual: manual}
		for i, n := range news {
			msg.results = append(msg.results, refresh.Result{URL: fmt.Sprintf("http://127.0.0.1:1/%d.xml", i), New: n})
		}
		return msg
	}
	footer := func(m Model) string { return lastLine(screen(m)) }
	m := newTestModel(t, fakeFeed(3), 60, 12)

	m = update(t, m, round(false, 1))
	if f := footer(m); !strings.Contains(f, "새로 고침: 새 기사 1건") {
		t.Fatalf("news not said: %q", f)
	}
	m = update(t, m, round(false, 0))
	if f := footer(m); !strings.Contains(f, "새로 고침: 새 기사 1건") {
		t.Errorf("an automatic round with nothing new replaced the news: %q", f)
	}
	m = update(t, m, round(false, 0, 2))
	if f := footer(m); !strings.Contains(f, "새로 고침: 새 기사 3건") {
		t.Errorf("the second round's news does not add up: %q", f)
	}

	m = press(t, m, "j")
	if f := footer(m); strings.Contains(f, "새로 고침") {
		t.Fatalf("a key left the refresh's note: %q", f)
	}
	m = update(t, m, round(false, 0))
	if f := footer(m); strings.Contains(f, "새 기사 없음") {
		t.Errorf("an automatic round said nothing new: %q", f)
	}

	m = update(t, m, openedMsg{link: "https://example.com/"})
	m = update(t, m, round(false, 4))
	if f := footer(m); !strings.Contains(f, m.lang.Opening()) {
		t.Errorf("an automatic round replaced the o footer: %q", f)
	}
	m = update(t, m, round(true, 0, 0))
	if f := footer(m); !strings.Contains(f, "새로 고침: 새 기사 없음") {
		t.Errorf("r's answer not shown: %q", f)
	}
	m = update(t, m, round(false, 1))
	if f := footer(m); !strings.Contains(f, "새로 고침: 새 기사 없음") {
		t.Errorf("an automatic round replaced r's answer: %q", f)
	}
	for _, l := range strings.Split(screen(m), "\n") {
		if w := render.Width(l); w > 60 {
			t.Errorf("line %d cells wide: %q", w, l)
		}
	}
}

// TestRefreshProgressHeader (QA 4): at 60 columns the header's progress
// follows the unread count cleanly, its spinner after it, no separator
// left hanging before the spinner's | or -.
func TestRefreshProgressHeader(t *testing.T) {
	m := newTestModel(t, fakeFeed(16), 60, 12)
	m.refresher.running = true
	m.refresher.progress = refresh.Progress{Done: 1, Total: 2}
	head := strings.Split(screen(m), "\n")[0]
	if !strings.HasSuffix(head, "안 읽음 16 · 새로 고침 1/2 |") {
		t.Errorf("header %q", head)
	}
	if w := render.Width(head); w > 60 {
		t.Errorf("header %d cells wide", w)
	}
}

// TestRefreshFooterBusy (QA): r answered while another sokbo on the cache
// fetches the feeds says so, not just "nothing new": those feeds were not
// asked.
func TestRefreshFooterBusy(t *testing.T) {
	m := newTestModel(t, fakeFeed(3), 60, 12)
	msg := refreshDoneMsg{started: testNow, manual: true, results: []refresh.Result{
		{URL: "http://127.0.0.1:1/a.xml", Busy: true},
		{URL: "http://127.0.0.1:1/b.xml", Busy: true},
		{URL: "http://127.0.0.1:1/c.xml"},
	}}
	m = update(t, m, msg)
	if f := lastLine(screen(m)); !strings.Contains(f, "새로 고침: 새 기사 없음 · 2개는 다른 sokbo가 가져오는 중") {
		t.Errorf("footer %q does not say 2 feeds are being fetched by another sokbo\n%s", f, screen(m))
	}
	msg.results[2].New = 4
	m = update(t, m, msg)
	if f := lastLine(screen(m)); !strings.Contains(f, "새로 고침: 새 기사 4건 · 2개는 다른 sokbo가 가져오는 중") {
		t.Errorf("footer %q", f)
	}
	for _, l := range strings.Split(screen(m), "\n") {
		if w := render.Width(l); w > 60 {
			t.Errorf("line %d cells wide: %q", w, l)
		}
	}
}
