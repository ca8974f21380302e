package fulltext

import (
	"context"
	"strings"
	"sync"
	"time"
)

// DefaultGap is how long a HostPacer leaves between the starts of two
// page fetches from one host: a refresh that brings fifty articles of one
// site asks for them over fifty seconds, not at once.
const DefaultGap = time.Second

// maxPacedHosts bounds the hosts a HostPacer remembers; past it, hosts
// whose gap has passed and that nobody waits for are forgotten.
const maxPacedHosts = 1024

// HostPacer spaces out the page fetches of each host: one starts at least
// a gap after the one before it from the same host started, whichever
// goroutine asks. A fetch a reader waits for (see Urgent) goes before the
// background ones queued for its host. Its Wait is a Pace. Create one with
// NewHostPacer; it is safe for concurrent use.
type HostPacer struct {
	gap   time.Duration
	now   func() time.Time
	after func(time.Duration) <-chan time.Time

	mu    sync.Mutex
	hosts map[string]*hostSlot
}

type hostSlot struct {
	next    time.Time // the earliest start of the next fetch
	urgent  int       // urgent waiters
	waiters int
	// changed is closed, and replaced, whenever a fetch starts or an
	// urgent waiter leaves, so that waiters look again.
	changed chan struct{}
}

// PacerOption configures a HostPacer.
type PacerOption func(*HostPacer)

// WithClock makes a HostPacer read the time from now and wait with after
// (as time.After does); tests pass a fake clock.
func WithClock(now func() time.Time, after func(time.Duration) <-chan time.Time) PacerOption {
	return func(p *HostPacer) { p.now, p.after = now, after }
}

// NewHostPacer returns a HostPacer leaving gap between the fetches of one
// host; 0 or less means DefaultGap.
func NewHostPacer(gap time.Duration, opts ...PacerOption) *HostPacer {
	if gap <= 0 {
		gap = DefaultGap
	}
	p := &HostPacer{gap: gap, now: time.Now, after: time.After, hosts: map[string]*hostSlot{}}
	for _, o := range opts {
		o(p)
	}
	return p
}

type urgentKey struct{}

// Urgent returns ctx marked as a fetch a reader is waiting for: a
// HostPacer lets it go before the background fetches of its host.
func Urgent(ctx context.Context) context.Context {
	return context.WithValue(ctx, urgentKey{}, true)
}

func isUrgent(ctx context.Context) bool {
	v, _ := ctx.Value(urgentKey{}).(bool)
	return v
}

// Wait returns when host may be fetched from, or with ctx's error when
// ctx ends first.
func (p *HostPacer) Wait(ctx context.Context, host string) error {
	host = strings.ToLower(host)
	urgent := isUrgent(ctx)
	p.mu.Lock()
	h := p.slot(host)
	h.waiters++
	if urgent {
		h.urgent++
	}
	leave := func() {
		h.waiters--
		if urgent {
			h.urgent--
			h.broadcast()
		}
		p.mu.Unlock()
	}
	for {
		now := p.now()
		due := !now.Before(h.next)
		if due && (urgent || h.urgent == 0) {
			h.next = now.Add(p.gap)
			h.broadcast()
			leave()
			return nil
		}
		changed := h.changed
		var timer <-chan time.Time
		if !due {
			timer = p.after(h.next.Sub(now))
		}
		p.mu.Unlock()
		select {
		case <-ctx.Done():
			p.mu.Lock()
			leave()
			return ctx.Err()
		case <-timer:
		case <-changed:
		}
		p.mu.Lock()
	}
}

// slot returns host's slot, forgetting idle hosts when there are many.
// p.mu is held.
func (p *HostPacer) slot(host string) *hostSlot {
	if h, ok := p.hosts[host]; ok {
		return h
	}
	if len(p.hosts) >= maxPacedHosts {
		now := p.now()
		for k, h := range p.hosts {
			if h.waiters == 0 && !now.Before(h.next) {
				delete(p.hosts, k)
			}
		}
	}
	h := &hostSlot{changed: make(chan struct{})}
	p.hosts[host] = h
	return h
}

func (h *hostSlot) broadcast() {
	close(h.changed)
	h.changed = make(chan struct{})
}
