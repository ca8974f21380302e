package refresh

import (
	"context"
	"errors"
	"strings"

	"sokbo/feed/clean"
	"sokbo/feed/fetch"
)

// Failure is the kind of a feed's failure to refresh: whether the network
// is to blame or the feed itself. Only network failures say a reader is
// offline; the others are that feed's own and belong in its row.
type Failure uint8

// The kinds of failure. Their String words are stored with the feed
// (store.FeedInfo.Failure) and read back by ParseFailure: never renumber
// or rename one.
const (
	// FailNone: the feed was refreshed, answered 304, or was deferred.
	FailNone Failure = iota
	// FailNetwork: the host could not be reached: its name did not
	// resolve, no connection could be made, or TLS failed.
	FailNetwork
	// FailTimeout: no answer in time. Whether the network or the server
	// is slow cannot be told; it counts toward being offline.
	FailTimeout
	// FailHTTP: the server answered with an error status (404, 500, a
	// 429 with no Retry-After) or a broken redirect.
	FailHTTP
	// FailFeed: the answer is not a feed sokbo can read (a parse error,
	// a page without a feed, too large), or the feed a page announces
	// failed.
	FailFeed
	// FailCache: the feed was fetched but the offline cache could not
	// be written.
	FailCache
	// FailStopped: the refresh was stopped (the program is quitting) or
	// ran out of its time before this feed's turn.
	FailStopped
)

var failureWords = [...]string{"", "network", "timeout", "http", "feed", "cache", "stopped"}

// String returns the kind in a word: "network", "timeout", "http",
// "feed", "cache", "stopped", or "" for FailNone.
func (f Failure) String() string {
	if int(f) < len(failureWords) {
		return failureWords[f]
	}
	return ""
}

// ParseFailure reads a word String returned; an unknown word is FailFeed
// when not empty, so that a failure stays a failure.
func ParseFailure(s string) Failure {
	for i, w := range failureWords {
		if w == s {
			return Failure(i)
		}
	}
	return FailFeed
}

// Network reports whether the failure is one of reaching the server:
// FailNetwork or FailTimeout.
func (f Failure) Network() bool { return f == FailNetwork || f == FailTimeout }

// Classify tells the kind of a refresh error. Errors of the offline
// cache are told by Run, which knows where they came from; Classify
// calls what it does not know a feed's failure.
func Classify(err error) Failure {
	var ae *AnnouncedError
	var he *fetch.HTTPError
	switch {
	case err == nil:
		return FailNone
	case errors.As(err, &ae):
		// The page was reached: whatever became of its feed is the
		// subscription's own trouble, not the network's.
		if k := Classify(ae.Err); !k.Network() && k != FailStopped {
			return k
		}
		return FailFeed
	case errors.Is(err, ErrDeadline), errors.Is(err, context.Canceled),
		errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, fetch.ErrTimeout):
		return FailStopped
	}
	if _, ok := fetch.AsNetError(err); ok {
		return FailNetwork
	}
	switch {
	case errors.Is(err, fetch.ErrTimeout):
		return FailTimeout
	case errors.As(err, &he), errors.Is(err, fetch.ErrUnconditional304), errors.Is(err, fetch.ErrBadRedirect),
		errors.Is(err, fetch.ErrTooManyRedirects), errors.Is(err, fetch.ErrRedirectLoop),
		errors.Is(err, fetch.ErrHeadersTooLarge):
		return FailHTTP
	}
	return FailFeed
}

// Offline reports whether results say the network is down: at least one
// feed was tried, and every feed tried failed to reach its server (DNS,
// connect, TLS or a timeout). A feed that answered anything, even a 404
// or a page that is not a feed, shows the network works. Feeds deferred
// by a Retry-After, fetched by another sokbo, or stopped before their
// turn, were not tried.
func Offline(results []Result) bool {
	tried := 0
	for _, r := range results {
		switch {
		case !r.Deferred.IsZero() || r.Busy || r.Failure == FailStopped:
			continue
		case !r.Failure.Network():
			return false
		}
		tried++
	}
	return tried > 0
}

// AnnouncedError is the failure of the feed a web page announces (its
// <link rel="alternate">): the page was reached, and the feed it names
// was not, or was no feed. Its message names the feed's address and the
// cause, so that the subscription's line says where the trouble is.
type AnnouncedError struct {
	URL string // the announced feed
	Err error  // its failure
}

// Error returns "its feed <URL>: <cause>".
func (e *AnnouncedError) Error() string {
	cause := causeOf(e.Err)
	// The page answered, so "offline?" is no likely reason, and reading
	// a saved file instead is no answer to a page that moved its feed.
	cause = strings.TrimSuffix(cause, " (offline?)")
	return "its feed " + clean.OneLine(e.URL) + ": " + cause
}

// Unwrap returns the feed's failure.
func (e *AnnouncedError) Unwrap() error { return e.Err }
