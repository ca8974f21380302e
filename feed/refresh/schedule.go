package refresh

import (
	"time"

	"sokbo/feed"
	"sokbo/feed/fetch"
	"sokbo/feed/store"
)

// The schedule's constants.
const (
	// Slack is how early a feed counts as due: feeds falling due within
	// a few seconds of each other are fetched in one run, not in one run
	// each. A Retry-After is never cut short by it.
	Slack = 2 * time.Second
	// FirstBackoff is the wait after a first failure; it doubles with
	// each further failure in a row, up to the feed's interval.
	FirstBackoff = time.Minute
	// MaxStretch bounds how far a server's own word (RSS <ttl>,
	// Cache-Control max-age, Expires) stretches a feed's interval: a
	// feed that says "cache me for a day" is still asked every hour, with
	// a conditional GET, so that a breaking story is not a day late. It
	// never shrinks an interval longer than it.
	MaxStretch = time.Hour
)

// Backoff is how long to wait after failures failed attempts in a row
// before the next: 1, 2, 4 … minutes, never more than interval, so that a
// failing feed is never asked less often than a healthy one would be,
// and once its backoff reaches the interval, never more often either.
func Backoff(failures int, interval time.Duration) time.Duration {
	if failures < 1 {
		failures = 1
	}
	d := FirstBackoff
	for i := 1; i < failures && d < interval; i++ {
		d *= 2
	}
	if interval > 0 && d > interval {
		d = interval
	}
	return d
}

// Next returns when a feed is next due: never fetched, at once (the zero
// time); after a failure, its backoff after the last attempt; else its
// interval (the subscription's, else def) after the last fetch, stretched
// by what the server said of its freshness (up to MaxStretch); and never
// before a Retry-After. ok is false when the feed is never due: its
// interval is off and it has been fetched.
func Next(sub feed.Subscription, info store.FeedInfo, def time.Duration) (next time.Time, ok bool) {
	if info.LastFetch.IsZero() {
		return time.Time{}, true
	}
	interval := sub.Interval
	if interval <= 0 {
		interval = def
	}
	if interval <= 0 {
		return time.Time{}, false
	}
	failures := info.Failures
	if failures == 0 && info.LastError != "" {
		failures = 1 // recorded by a sokbo that did not count them
	}
	if failures > 0 {
		next = info.LastFetch.Add(Backoff(failures, interval))
	} else {
		wait := interval
		if !info.FreshUntil.IsZero() && !info.LastSuccess.IsZero() {
			if said := min(info.FreshUntil.Sub(info.LastSuccess), MaxStretch); said > wait {
				wait = said
			}
		}
		next = info.LastFetch.Add(wait)
	}
	if info.RetryAt.After(next) {
		next = info.RetryAt
	}
	return next, true
}

// Due reports whether a feed should be refreshed at now: Next has come,
// give or take Slack. A feed whose server asked (Retry-After) to be left
// alone until later is not due before then.
func Due(sub feed.Subscription, info store.FeedInfo, def time.Duration, now time.Time) bool {
	if info.RetryAt.After(now) {
		return false
	}
	next, ok := Next(sub, info, def)
	return ok && !now.Before(next.Add(-Slack))
}

// DueRound returns the feeds of subs to refresh at now, in their order:
// none when none is Due; else those Due, and with them every healthy feed
// (no failure, no Retry-After ahead) of the same host as one of them that
// falls due within one pacing gap per feed of that host. A host's feeds
// are fetched a pacing gap apart (fetch.Pacer), so each falls due a gap
// after the one before it; Slack, as wide as one gap, let them drift,
// round by round, into a round each. info gives each feed's stored state
// and def the interval of a feed with none of its own.
func DueRound(subs []feed.Subscription, info func(url string) store.FeedInfo, def time.Duration, now time.Time) []feed.Subscription {
	due := make([]bool, len(subs))
	hosts := map[string]int{} // feeds per host
	dueHost := map[string]bool{}
	some := false
	for i, s := range subs {
		in := info(s.URL)
		h := hostOf(fetchURL(s, in))
		hosts[h]++
		if Due(s, in, def, now) {
			due[i], dueHost[h], some = true, true, true
		}
	}
	if !some {
		return nil
	}
	var out []feed.Subscription
	for i, s := range subs {
		in := info(s.URL)
		h := hostOf(fetchURL(s, in))
		if !due[i] && dueHost[h] && in.RetryAt.Before(now) && in.Failures == 0 && in.LastError == "" {
			next, ok := Next(s, in, def)
			due[i] = ok && !now.Before(next.Add(-Slack-time.Duration(hosts[h])*fetch.DefaultPaceGap))
		}
		if due[i] {
			out = append(out, s)
		}
	}
	return out
}

// fetchURL is where a feed is fetched from: where it was found or moved
// to, else its subscription.
func fetchURL(s feed.Subscription, info store.FeedInfo) string {
	if info.URL == "" {
		return s.URL
	}
	return info.FetchURL()
}
