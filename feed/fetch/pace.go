package fetch

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DefaultPaceGap is the least time between the starts of two requests to
// one host: a news site with ten section feeds is asked for them one by
// one, two seconds apart, not all at once.
const DefaultPaceGap = 2 * time.Second

// Pacer keeps requests to one host polite: at most one at a time, and
// their starts at least Gap apart. It is shared by everything one process
// fetches (feeds, discovery probes, retries, article pages), so that
// they draw on one budget per host. Make it with NewPacer; a nil *Pacer
// paces nothing. It is safe for concurrent use.
type Pacer struct {
	gap   time.Duration
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu    sync.Mutex
	hosts map[string]*hostPace
}

type hostPace struct {
	busy chan struct{} // holds one token while a request is in flight
	next time.Time     // the earliest start of the next request
	refs int           // callers waiting for or holding the host, under Pacer.mu
}

// PacerOptions configure NewPacer. The zero value is DefaultPaceGap on
// the wall clock.
type PacerOptions struct {
	// Gap is the least time between two starts on one host; 0 means
	// DefaultPaceGap, a negative value no gap (one at a time only).
	Gap time.Duration
	// Now reads the clock; nil means time.Now.
	Now func() time.Time
	// Sleep waits d or until ctx ends; nil means a timer. Tests inject
	// one that advances a fake clock.
	Sleep func(ctx context.Context, d time.Duration) error
}

// NewPacer returns a Pacer.
func NewPacer(opts PacerOptions) *Pacer {
	p := &Pacer{gap: opts.Gap, now: opts.Now, sleep: opts.Sleep, hosts: map[string]*hostPace{}}
	switch {
	case p.gap == 0:
		p.gap = DefaultPaceGap
	case p.gap < 0:
		p.gap = 0
	}
	if p.now == nil {
		p.now = time.Now
	}
	if p.sleep == nil {
		p.sleep = sleepCtx
	}
	return p
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// maxIdleHosts bounds the hosts a Pacer remembers; past it, hosts whose
// gap has passed are forgotten, which costs them nothing.
const maxIdleHosts = 512

// Acquire waits until a request to host may start: no other request to it
// is in flight, and Gap has passed since the last one started. It
// returns the function that ends the request, to be called exactly once,
// or ctx's error (and nothing to release) if ctx ends first.
func (p *Pacer) Acquire(ctx context.Context, host string) (release func(), err error) {
	if p == nil {
		return func() {}, nil
	}
	host = strings.ToLower(host)
	p.mu.Lock()
	hp := p.hosts[host]
	if hp == nil {
		if len(p.hosts) >= maxIdleHosts {
			p.forgetIdleLocked()
		}
		hp = &hostPace{busy: make(chan struct{}, 1)}
		p.hosts[host] = hp
	}
	hp.refs++
	p.mu.Unlock()
	done := func() {
		p.mu.Lock()
		hp.refs--
		p.mu.Unlock()
	}

	select {
	case hp.busy <- struct{}{}:
	case <-ctx.Done():
		done()
		return nil, ctx.Err()
	}
	p.mu.Lock()
	now := p.now()
	start := hp.next
	if start.Before(now) {
		start = now
	}
	hp.next = start.Add(p.gap)
	p.mu.Unlock()
	if err := p.sleep(ctx, start.Sub(now)); err != nil {
		p.mu.Lock()
		// The slot was not used: the next request need not wait for it.
		if hp.next.Equal(start.Add(p.gap)) {
			hp.next = now
		}
		p.mu.Unlock()
		<-hp.busy
		done()
		return nil, err
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-hp.busy
			done()
		})
	}, nil
}

// Wait waits until a request to host may start, as Acquire does, and
// counts one starting now, but does not hold the host while it runs. It is
// a fulltext.Pace, for a fetcher that is not itself paced.
func (p *Pacer) Wait(ctx context.Context, host string) error {
	release, err := p.Acquire(ctx, host)
	if err != nil {
		return err
	}
	release()
	return nil
}

// ReadyAt is the earliest time a request to host may start, as far as the
// gap goes, or zero when that is now: a scheduler picks the host that is ready
// first rather than wait for one just used.
func (p *Pacer) ReadyAt(host string) time.Time {
	if p == nil {
		return time.Time{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if hp := p.hosts[strings.ToLower(host)]; hp != nil && hp.next.After(p.now()) {
		return hp.next
	}
	return time.Time{}
}

// forgetIdleLocked drops the hosts no request waits for or holds whose
// gap has passed.
func (p *Pacer) forgetIdleLocked() {
	now := p.now()
	for h, hp := range p.hosts {
		if hp.refs == 0 && !hp.next.After(now) {
			delete(p.hosts, h)
		}
	}
}

// paceHost is the key a URL is paced under: its host and port, lower-cased.
func paceHost(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Host)
}
