package fulltext_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/fulltext"
)

// fakeClock is a clock whose timers fire only when the test moves it.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	timers []fakeTimer
	// armed receives one value per timer set, so that a test knows a
	// waiter is waiting.
	armed chan time.Duration
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC), armed: make(chan time.Duration, 64)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) after(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	ch := make(chan time.Time, 1)
	c.timers = append(c.timers, fakeTimer{c.t.Add(d), ch})
	c.mu.Unlock()
	c.armed <- d
	return ch
}

// advance moves the clock and fires the timers that are due.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	kept := c.timers[:0]
	for _, tm := range c.timers {
		if !tm.at.After(c.t) {
			tm.ch <- c.t
			continue
		}
		kept = append(kept, tm)
	}
	c.timers = kept
}

func waitAsync(p *fulltext.HostPacer, ctx context.Context, host string) <-chan error {
	done := make(chan error, 1)
	go func() { done <- p.Wait(ctx, host) }()
	return done
}

func blocked(t *testing.T, done <-chan error, what string) {
	t.Helper()
	select {
	case err := <-done:
		t.Fatalf("%s returned (%v) before its turn", what, err)
	default:
	}
}

// TestHostPacer: the second fetch from a host waits out the gap; another
// host does not wait; an urgent fetch goes before a queued background one.
func TestHostPacer(t *testing.T) {
	c := newFakeClock()
	p := fulltext.NewHostPacer(time.Second, fulltext.WithClock(c.now, c.after))
	ctx := context.Background()
	if err := p.Wait(ctx, "news.example"); err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(ctx, "other.example"); err != nil {
		t.Fatalf("another host waited: %v", err)
	}
	second := waitAsync(p, ctx, "NEWS.example")
	if d := <-c.armed; d != time.Second {
		t.Errorf("waits %v, want the gap", d)
	}
	blocked(t, second, "the second fetch")
	c.advance(time.Second)
	if err := <-second; err != nil {
		t.Fatal(err)
	}

	// A background fetch queues for the next slot; an urgent one comes
	// after it and still goes first.
	background := waitAsync(p, ctx, "news.example")
	<-c.armed
	urgent := waitAsync(p, fulltext.Urgent(ctx), "news.example")
	<-c.armed
	c.advance(time.Second)
	if err := <-urgent; err != nil {
		t.Fatal(err)
	}
	<-c.armed // the background fetch waits for the slot after
	blocked(t, background, "the background fetch")
	c.advance(time.Second)
	if err := <-background; err != nil {
		t.Fatal(err)
	}
}

// TestHostPacerCancel: a wait ends with its context.
func TestHostPacerCancel(t *testing.T) {
	c := newFakeClock()
	p := fulltext.NewHostPacer(time.Minute, fulltext.WithClock(c.now, c.after))
	if err := p.Wait(context.Background(), "news.example"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := waitAsync(p, fulltext.Urgent(ctx), "news.example")
	<-c.armed
	cancel()
	if err := <-done; err != context.Canceled {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	// The urgent waiter that left holds nobody back.
	c.advance(time.Minute)
	if err := p.Wait(context.Background(), "news.example"); err != nil {
		t.Fatal(err)
	}
}

func TestTextLen(t *testing.T) {
	for name, tc := range map[string]struct {
		body   string
		format feed.BodyFormat
		limit  int
		want   int
	}{
		"html":      {`<p>서울 <b>속보</b></p><img src="x.jpg" alt="사진">`, feed.FormatHTML, 100, 4},
		"entities":  {`<p>R&amp;D&nbsp;센터</p>`, feed.FormatHTML, 100, 5},
		"script":    {`<p>한 줄</p><script>var x = "긴 스크립트";</script><style>p{}</style>`, feed.FormatHTML, 100, 2},
		"limit":     {"<p>가나다라마바사아자차</p>", feed.FormatHTML, 4, 4},
		"markdown":  {"**굵게** 쓴 글\n\n- 목록", feed.FormatMarkdown, 100, 11},
		"md limit":  {"가나다라마바사", feed.FormatMarkdown, 3, 3},
		"empty":     {"", feed.FormatHTML, 100, 0},
		"unclosed":  {"<p>열린 <b>태그", feed.FormatHTML, 100, 4},
		"comment":   {"<!-- 주석은 -->본문", feed.FormatHTML, 100, 2},
		"long html": {"<p>" + repeat("가", 10000) + "</p>", feed.FormatHTML, 200, 200},
	} {
		t.Run(name, func(t *testing.T) {
			if got := fulltext.TextLen(tc.body, tc.format, tc.limit); got != tc.want {
				t.Errorf("TextLen = %d, want %d", got, tc.want)
			}
		})
	}
}

func repeat(s string, n int) string {
	b := make([]byte, 0, len(s)*n)
	for range n {
		b = append(b, s...)
	}
	return string(b)
}
