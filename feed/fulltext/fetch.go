package fulltext

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sokbo/feed/clean"
	"sokbo/feed/fetch"
)

// DefaultMaxBytes caps an article page when the Client's fetcher sets no
// smaller cap. A news page with its markup is well under 1 MiB; the cap
// keeps one page's extraction within bounds.
const DefaultMaxBytes = 5 << 20 // 5 MiB

// UserAgent is sent when the fetcher names none. Callers set
// "sokbo/" + version on the fetcher they share with feeds.
const UserAgent = "sokbo (full text)"

// Pace waits until host may be asked for a page, or ctx ends. The refresh
// scheduler passes the per-host pacing it keeps for feeds, so that article
// pages and feeds of one site share one budget. nil means no pacing.
type Pace func(ctx context.Context, host string) error

// Client fetches article pages and extracts their full text. The zero value
// is usable: it fetches with a fetch.HTTPFetcher of its own (timeout, size
// cap, retries and charset handling as for feeds) and the built-in rules.
// A Client is safe for concurrent use as long as its fields are not changed.
type Client struct {
	// HTTP is the fetcher feeds use; its timeout, retries, transport and
	// User-Agent apply to pages too. Its size cap applies when it is
	// below DefaultMaxBytes. nil means a fetch.HTTPFetcher{} with
	// UserAgent.
	HTTP *fetch.HTTPFetcher
	// Rules are the site rules; nil means DefaultRules.
	Rules *Rules
	// Pace is called before each fetch with the page's host.
	Pace Pace
	// Now reads the clock for Article.Fetched; nil means time.Now.
	Now func() time.Time
}

// Fetch gets the page at pageURL and extracts its article. Only http and
// https pages are fetched, and a redirect to any other scheme is refused,
// whatever the fetcher's transport could reach. The error is an *Error
// with a one-line cause: the fetcher's ("http 404 Not Found", "timed out
// after 15s", "response body exceeds size limit (5 MiB)"), ErrScheme,
// ErrNotHTML or ErrNoArticle.
func (c *Client) Fetch(ctx context.Context, pageURL string) (*Article, error) {
	fail := func(err error) (*Article, error) { return nil, &Error{URL: pageURL, Err: err} }
	pageURL = strings.TrimSpace(pageURL)
	u, err := url.Parse(pageURL)
	if cerr := clean.CheckURL(pageURL, clean.Fetch); cerr != nil {
		switch {
		case err != nil:
			return fail(errors.New("not a valid address"))
		case !webScheme(u.Scheme):
			return fail(schemeError(u.Scheme, false))
		case u.Host == "":
			return fail(errors.New("not a valid address: no host"))
		}
		return fail(fmt.Errorf("not an address sokbo fetches: %w", cerr))
	}
	if c.Pace != nil {
		if err := c.Pace(ctx, u.Hostname()); err != nil {
			return fail(err)
		}
	}
	resp, err := c.fetcher().Fetch(ctx, u.String())
	if err != nil {
		return fail(fetchError(err))
	}
	// The guard has refused such a hop already; this holds whatever a
	// future fetcher does with redirects.
	if fu, err := url.Parse(resp.URL); err != nil || !clean.URLOK(resp.URL, clean.Fetch) {
		scheme := ""
		if fu != nil {
			scheme = fu.Scheme
		}
		return fail(schemeError(scheme, true))
	}
	a, err := extract(resp.Body, resp.ContentType, resp.URL, c.Rules.orDefault())
	if err != nil {
		return fail(err)
	}
	a.Fetched = c.now()
	return a, nil
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now().UTC()
	}
	return time.Now().UTC()
}

// fetcher returns a copy of c.HTTP whose transport refuses any request,
// redirects included, that is not http or https, and whose size cap is at
// most DefaultMaxBytes. The copy is made per fetch: cheap, and the shared
// fetcher is never changed.
func (c *Client) fetcher() *fetch.HTTPFetcher {
	var f fetch.HTTPFetcher
	if c.HTTP != nil {
		f = *c.HTTP
	}
	if f.UserAgent == "" {
		f.UserAgent = UserAgent
	}
	if f.MaxBytes <= 0 || f.MaxBytes > DefaultMaxBytes {
		f.MaxBytes = DefaultMaxBytes
	}
	var hc http.Client
	if f.Client != nil {
		hc = *f.Client
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	hc.Transport = schemeGuard{next}
	f.Client = &hc
	return &f
}

// schemeGuard is a RoundTripper that sends only http and https requests.
// It sits under the fetcher's redirect policy, so it sees every hop.
type schemeGuard struct{ next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (g schemeGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if !webScheme(req.URL.Scheme) {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, &refusedError{scheme: req.URL.Scheme}
	}
	return g.next.RoundTrip(req)
}

// refusedError is what schemeGuard returns; fetchError turns it into a
// clean message.
type refusedError struct{ scheme string }

func (e *refusedError) Error() string { return schemeError(e.scheme, true).Error() }
func (e *refusedError) Unwrap() error { return ErrScheme }

func webScheme(s string) bool {
	s = strings.ToLower(s)
	return s == "http" || s == "https"
}

// schemeError says which scheme was refused: "file address refused: only
// http and https pages are fetched", or for a redirect "redirect to a file
// address refused: ...".
func schemeError(scheme string, redirect bool) error {
	what := "address without a scheme"
	if scheme = oneLine(strings.ToLower(scheme), 20); scheme != "" {
		what = scheme + " address"
	}
	if redirect {
		what = "redirect to a " + what
	}
	return fmt.Errorf("%s refused: %w", what, ErrScheme)
}

// fetchError gives the one-line cause of a fetch error. net/http wraps a
// transport's error in a *url.Error that quotes the whole address; the
// address is said once, by Error, so the cause is taken from inside. A
// failure to reach the server stays the *fetch.NetError that names the
// host and what the system said ("cannot connect to 127.0.0.1:9:
// connection refused"), as a feed's fetch does: the *url.Error it wraps
// would leave only a bare *net.OpError, a vague "network error".
func fetchError(err error) error {
	var re *refusedError
	if errors.As(err, &re) {
		return schemeError(re.scheme, true)
	}
	if ne, ok := fetch.AsNetError(err); ok {
		if errors.As(err, new(*fetch.NetError)) {
			return err
		}
		return ne
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}
