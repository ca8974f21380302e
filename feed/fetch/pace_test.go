package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock whose Sleep moves it on at once.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		c.mu.Lock()
		c.now = c.now.Add(d)
		c.mu.Unlock()
	}
	return ctx.Err()
}

// TestPacerOneHost: eight fetches of one host at once are made one at a
// time, their starts two seconds apart on the pacer's clock; another host
// is not held up by them.
func TestPacerOneHost(t *testing.T) {
	clk := &fakeClock{now: time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)}
	var inflight, peak atomic.Int32
	var mu sync.Mutex
	starts := map[string][]time.Time{}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inflight.Add(1)
		defer inflight.Add(-1)
		if n > peak.Load() {
			peak.Store(n)
		}
		mu.Lock()
		starts[r.Host] = append(starts[r.Host], clk.Now())
		mu.Unlock()
		fmt.Fprint(w, "<rss/>")
	})
	a := httptest.NewServer(handler)
	defer a.Close()
	b := httptest.NewServer(handler)
	defer b.Close()
	f := &HTTPFetcher{Pacer: NewPacer(PacerOptions{Now: clk.Now, Sleep: clk.Sleep}), Sleep: clk.Sleep}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := f.Fetch(t.Context(), fmt.Sprintf("%s/f%d", a.URL, i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Go(func() {
		if _, err := f.Fetch(t.Context(), b.URL+"/other"); err != nil {
			t.Error(err)
		}
	})
	wg.Wait()
	hostA := strings.TrimPrefix(a.URL, "http://")
	got := starts[hostA]
	slices.SortFunc(got, func(x, y time.Time) int { return x.Compare(y) })
	if len(got) != 8 {
		t.Fatalf("%d requests to one host", len(got))
	}
	for i := 1; i < len(got); i++ {
		if gap := got[i].Sub(got[i-1]); gap < DefaultPaceGap {
			t.Errorf("requests %d and %d to one host %v apart, want at least %v", i, i+1, gap, DefaultPaceGap)
		}
	}
	if len(starts[strings.TrimPrefix(b.URL, "http://")]) != 1 {
		t.Error("the other host was not fetched")
	}
	// Two hosts may overlap; one host never does. Peak counts both.
	if p := peak.Load(); p > 2 {
		t.Errorf("%d requests at once across two hosts", p)
	}
}

// TestPacerNoOverlap: a request holds its host until it has ended, however
// long it takes; the next waits for it.
func TestPacerNoOverlap(t *testing.T) {
	clk := &fakeClock{now: time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)}
	p := NewPacer(PacerOptions{Now: clk.Now, Sleep: clk.Sleep})
	release, err := p.Acquire(t.Context(), "news.example")
	if err != nil {
		t.Fatal(err)
	}
	// While it is held, a request to the host can only give up: with
	// its context already done, Acquire returns that at once.
	done, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := p.Acquire(done, "NEWS.example"); !errors.Is(err, context.Canceled) {
		t.Fatalf("a second request to a held host: %v", err)
	}
	if r, err := p.Acquire(t.Context(), "other.example"); err != nil {
		t.Fatal(err)
	} else {
		r()
	}
	t0 := clk.Now()
	release()
	release() // a second call is harmless
	r, err := p.Acquire(t.Context(), "news.example")
	if err != nil {
		t.Fatal(err)
	}
	r()
	if d := clk.Now().Sub(t0); d != DefaultPaceGap {
		t.Errorf("the next request waited %v, want %v", d, DefaultPaceGap)
	}
	var nilPacer *Pacer
	if r, err := nilPacer.Acquire(t.Context(), "x"); err != nil {
		t.Error(err)
	} else {
		r()
	}
}

// TestPacerWait is the full-text fetcher's Pace: starts spaced, nothing
// held.
func TestPacerWait(t *testing.T) {
	clk := &fakeClock{now: time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)}
	p := NewPacer(PacerOptions{Now: clk.Now, Sleep: clk.Sleep})
	t0 := clk.Now()
	for range 3 {
		if err := p.Wait(t.Context(), "news.example"); err != nil {
			t.Fatal(err)
		}
	}
	if d := clk.Now().Sub(t0); d != 2*DefaultPaceGap {
		t.Errorf("three starts took %v, want %v", d, 2*DefaultPaceGap)
	}
}

// TestPacerForgets: a pacer of many hosts forgets the idle ones.
func TestPacerForgets(t *testing.T) {
	clk := &fakeClock{now: time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)}
	p := NewPacer(PacerOptions{Now: clk.Now, Sleep: clk.Sleep})
	for i := range 3 * maxIdleHosts {
		if err := p.Wait(t.Context(), fmt.Sprintf("h%d.example", i)); err != nil {
			t.Fatal(err)
		}
		if i%100 == 0 {
			_ = clk.Sleep(t.Context(), DefaultPaceGap)
		}
	}
	if n := len(p.hosts); n > maxIdleHosts+100 {
		t.Errorf("remembers %d hosts", n)
	}
}

func TestFreshFor(t *testing.T) {
	now := time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)
	date := now.Add(-10 * time.Minute).Format(http.TimeFormat)
	tests := map[string]struct {
		h    http.Header
		want time.Duration
	}{
		"none":               {http.Header{}, 0},
		"max-age":            {http.Header{"Cache-Control": {"public, max-age=300"}}, 5 * time.Minute},
		"max-age less age":   {http.Header{"Cache-Control": {"max-age=300"}, "Age": {"100"}}, 200 * time.Second},
		"no-cache":           {http.Header{"Cache-Control": {"max-age=300, no-cache"}}, 0},
		"no-store":           {http.Header{"Cache-Control": {"no-store"}}, 0},
		"max-age over":       {http.Header{"Cache-Control": {"max-age=99999999999"}}, MaxFreshFor},
		"bad max-age":        {http.Header{"Cache-Control": {"max-age=soon"}}, 0},
		"expires by date":    {http.Header{"Date": {date}, "Expires": {now.Add(20 * time.Minute).Format(http.TimeFormat)}}, 30 * time.Minute},
		"expires by now":     {http.Header{"Expires": {now.Add(20 * time.Minute).Format(http.TimeFormat)}}, 20 * time.Minute},
		"expired":            {http.Header{"Expires": {"0"}}, 0},
		"max-age over expir": {http.Header{"Cache-Control": {"max-age=60"}, "Expires": {now.Add(time.Hour).Format(http.TimeFormat)}}, time.Minute},
	}
	for name, tt := range tests {
		if got := freshFor(tt.h, now); got != tt.want {
			t.Errorf("%s: %v, want %v", name, got, tt.want)
		}
	}
}

// TestNetErrors: the failures that never reach a server's HTTP are
// *NetError, each with its step and a short cause naming the host.
func TestNetErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := ln.Addr().String()
	ln.Close()
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	dialer := func(fn func(ctx context.Context) (net.Conn, error)) *http.Client {
		return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) { return fn(ctx) }}}
	}
	tests := map[string]struct {
		f    *HTTPFetcher
		url  string
		op   string
		want string
	}{
		"refused": {&HTTPFetcher{}, "http://" + refused + "/", OpConnect, "cannot connect to " + refused + ": connection refused"},
		"dns": {&HTTPFetcher{Client: dialer(func(context.Context) (net.Conn, error) {
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "newsdao.kr", IsNotFound: true}}
		})}, "http://newsdao.kr/", OpDNS, "cannot resolve newsdao.kr: no such host"},
		"tls": {&HTTPFetcher{}, tlsSrv.URL + "/", OpTLS, "TLS with " + strings.TrimPrefix(tlsSrv.URL, "https://") + " failed: "},
		"connect timeout": {&HTTPFetcher{Timeout: 50 * time.Millisecond, Retries: -1, Client: dialer(func(ctx context.Context) (net.Conn, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		})}, "http://slow.example/", OpConnect, "cannot connect to slow.example: timed out after 50ms"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := tt.f.Fetch(t.Context(), tt.url)
			var ne *NetError
			if !errors.As(err, &ne) || ne.Op != tt.op {
				t.Fatalf("err %v (%T), want a NetError %s", err, err, tt.op)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("message %q, want it to start %q", err, tt.want)
			}
		})
	}
	// A slow server is reached: its timeout is no NetError.
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer slow.Close()
	_, err = (&HTTPFetcher{Timeout: 50 * time.Millisecond, Retries: -1}).Fetch(t.Context(), slow.URL)
	if _, ok := AsNetError(err); ok || !errors.Is(err, ErrTimeout) {
		t.Errorf("a server that does not answer: %v", err)
	}
	// An HTTP error is no network error either.
	if _, ok := AsNetError(&HTTPError{StatusCode: 404}); ok {
		t.Error("a 404 is a network error")
	}
}
