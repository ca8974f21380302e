// Package fetch provides how sokbo gets bytes from the web: an HTTP
// fetcher with conditional GET, gzip, a size cap, timeouts, retries and
// safe redirects; charset detection and decoding to UTF-8 (EUC-KR and
// CP949 included); and feed discovery from an HTML page.
package fetch

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	neturl "net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"sokbo/feed/clean"
	"sokbo/render/lang"
)

// Fetch limits and retry policy of an HTTPFetcher left at its zero value.
const (
	// DefaultTimeout bounds all the work for one URL: every attempt,
	// redirect and wait between attempts.
	DefaultTimeout  = 15 * time.Second
	DefaultMaxBytes = 20 << 20 // 20 MiB
	// DefaultRetries is how many times a timeout, a 5xx or a 429 is retried.
	DefaultRetries = 2
	// DefaultBackoff is the wait before the first retry; it doubles after
	// each further attempt.
	DefaultBackoff = 500 * time.Millisecond
	// DefaultMaxRetryAfter caps how long a Retry-After header may make a
	// fetch wait. A server asking for longer gets no retry at all: polling
	// it again sooner than it asked would be rude, and blocking a refresh
	// for minutes would be worse.
	DefaultMaxRetryAfter = 30 * time.Second
	// MaxRedirects is how many redirects a fetch follows.
	MaxRedirects = 5
)

// Errors a Fetch may return. Test for them with errors.Is.
var (
	// ErrNotModified reports a 304 answer to a conditional GET: the cached
	// copy is still current and there is no body.
	ErrNotModified = errors.New("not modified")
	// ErrTooLarge is returned when a response body exceeds the size cap.
	ErrTooLarge = errors.New("response body exceeds size limit")
	// ErrHeadersTooLarge is returned when a response's headers exceed
	// MaxHeaderBytes, before any of the body is read.
	ErrHeadersTooLarge = errors.New("response headers exceed size limit")
	// ErrUnconditional304 is returned for a 304 Not Modified answer to a
	// request that sent no validators: there is nothing it could mean,
	// and taking it for "unchanged" would show an empty feed as current.
	ErrUnconditional304 = errors.New("server answered 304 Not Modified to a request with nothing to compare")
	// ErrBadRedirect is returned for a redirect to an address holding
	// control or invisible characters.
	ErrBadRedirect = errors.New("redirect to an address sokbo does not fetch")
	// ErrTimeout matches a *TimeoutError: an attempt outlived the timeout.
	ErrTimeout = errors.New("timed out")
	// ErrTooManyRedirects is returned after MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrRedirectLoop is returned when a redirect leads back to a URL
	// already visited.
	ErrRedirectLoop = errors.New("redirect loop")
	// ErrRedirectScheme is returned for a redirect to an address that is
	// not http or https (file:, ftp:), which is never followed.
	ErrRedirectScheme = errors.New("redirect to a non-http address refused")
)

// Validators are the HTTP cache validators of one URL, sent back on the next
// fetch so that an unchanged resource costs a 304 and no body, and the
// digest of the body last fetched from it, for a server that sends no
// validator: ValidatorFetcher answers a body with the same digest as a
// 304, so that it is not parsed or saved again.
type Validators struct {
	ETag         string
	LastModified string
	Digest       string
}

// IsZero reports whether v holds no HTTP validator (Digest aside: it is
// never sent).
func (v Validators) IsZero() bool { return v.ETag == "" && v.LastModified == "" }

// Digest is what Validators.Digest holds for body: its length, two
// CRC-32s of it (Castagnoli and IEEE), 64 bits of checksum that both run
// in hardware, at over 20 GB/s, and the Castagnoli CRC of its first
// digestHead bytes, by which a large body that is not the last one is
// told early (see readBody); SHA-256 took 26 ms for a 38 MB feed, as long
// as the rest of an unchanged refresh. A server can make two bodies
// collide only to have its own feed look unchanged, which it can do by
// serving the old body.
func Digest(body []byte) string {
	d := newDigester()
	d.Write(body)
	return d.sum()
}

// digestHead is how much of a body the head sum of its Digest covers: a
// feed's channel header, with its lastBuildDate, and its newest items,
// where a feed changes.
const digestHead = 64 << 10

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// digester is Digest as the body is read, each piece while it is still in
// the processor's cache: after the body is read whole, the two sums took
// 12 ms for 38 MB, read back from memory.
type digester struct {
	n       int
	c, i, h uint32
}

func newDigester() *digester { return &digester{} }

func (d *digester) Write(p []byte) (int, error) {
	if d.n < digestHead {
		d.h = crc32.Update(d.h, castagnoli, p[:min(len(p), digestHead-d.n)])
	}
	d.n += len(p)
	d.c = crc32.Update(d.c, castagnoli, p)
	d.i = crc32.Update(d.i, crc32.IEEETable, p)
	return len(p), nil
}

func (d *digester) sum() string { return fmt.Sprintf("%d-%08x-%08x-%08x", d.n, d.c, d.i, d.h) }

// storedDigest is a Digest read back: the body's length and its head sum.
// ok is false for anything else, such as the three-part digest sokbo
// stored before the head sum, which is then never matched.
type storedDigest struct {
	n    int64
	head uint32
	ok   bool
}

func parseDigest(s string) storedDigest {
	parts := strings.Split(s, "-")
	if len(parts) != 4 {
		return storedDigest{}
	}
	n, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || n < 0 {
		return storedDigest{}
	}
	h, err := strconv.ParseUint(parts[3], 16, 32)
	if err != nil {
		return storedDigest{}
	}
	return storedDigest{n: n, head: uint32(h), ok: true}
}

// Response is what a Fetcher hands back: the final URL after redirects, the
// Content-Type header, the body bytes as received (not yet charset-decoded;
// see DecodeCharset), and the validators to send on the next fetch.
type Response struct {
	URL          string
	ContentType  string
	Body         []byte
	ETag         string
	LastModified string
	// FreshFor is how long the server says the body stays fresh
	// (Cache-Control max-age, or Expires), or 0. A refresh schedule may
	// wait that long before asking again, never less than it would.
	FreshFor time.Duration
	// Digest is Digest(Body): HTTPFetcher's, made as it read the body, or
	// ValidatorFetcher's.
	Digest string
	// Moved is true when the fetch was redirected to URL and every
	// redirect on the way was permanent (301 Moved Permanently, 308
	// Permanent Redirect): the resource lives at URL now. A temporary
	// redirect (302, 303, 307) on the way leaves it false, as does none.
	Moved bool
}

// Validators returns the validators r carries.
func (r *Response) Validators() Validators {
	return Validators{ETag: r.ETag, LastModified: r.LastModified, Digest: r.Digest}
}

// Fetcher gets the bytes behind a URL. It is an interface so that caching
// and conditional GET can be added without changing callers.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (*Response, error)
}

// ConditionalFetcher is a Fetcher that can also send validators. When the
// resource is unchanged, FetchConditional returns ErrNotModified.
type ConditionalFetcher interface {
	Fetcher
	FetchConditional(ctx context.Context, url string, v Validators) (*Response, error)
}

// HTTPFetcher is a ConditionalFetcher over HTTP. The zero value is usable:
// it applies DefaultTimeout, DefaultMaxBytes, DefaultRetries, a User-Agent
// of "sokbo" and http.DefaultClient's transport. An HTTPFetcher is safe for
// concurrent use as long as its fields are not changed.
type HTTPFetcher struct {
	// Client sends the requests; nil means http.DefaultClient. Its
	// CheckRedirect is replaced by the fetcher's own redirect policy.
	Client *http.Client
	// UserAgent is sent with every request; "" means "sokbo". Callers set
	// "sokbo/" + version.
	UserAgent string
	// Timeout bounds everything one fetch does: every attempt with its
	// body, every redirect and every wait between attempts. A retry that
	// would not fit is not made. 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes caps the body after decompression; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Retries is how many times a timeout, a 5xx or a 429 is retried;
	// 0 means DefaultRetries and a negative value disables retrying.
	// A 4xx other than 429 is never retried.
	Retries int
	// Backoff is the wait before the first retry, doubled for each
	// further one; 0 means DefaultBackoff.
	Backoff time.Duration
	// MaxRetryAfter caps the wait a Retry-After header may ask for;
	// 0 means DefaultMaxRetryAfter.
	MaxRetryAfter time.Duration
	// Sleep waits between attempts; nil means a timer that stops early
	// when ctx is done. Tests inject one that returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now reads the clock, for Retry-After given as an HTTP date; nil
	// means time.Now.
	Now func() time.Time
	// Pacer, if set, paces every attempt by its URL's host: one at a
	// time, a gap apart. The wait for the first attempt is not counted
	// in Timeout; a queue of fetches to one host does not time out in it.
	Pacer *Pacer
}

// MaxHeaderBytes caps the response headers an HTTPFetcher with no Client
// of its own accepts; a feed's headers are a few kilobytes.
const MaxHeaderBytes = 1 << 20

// TimeoutError is returned when a fetch outlives its timeout. It
// matches ErrTimeout with errors.Is, and reports Timeout() like a net.Error.
type TimeoutError struct {
	After time.Duration
}

// Error returns "timed out after 15s".
func (e *TimeoutError) Error() string { return fmt.Sprintf("timed out after %s", e.After) }

// Is reports whether target is ErrTimeout.
func (e *TimeoutError) Is(target error) bool { return target == ErrTimeout }

// Timeout reports true, as net.Error does for a timeout.
func (e *TimeoutError) Timeout() bool { return true }

// HTTPError is returned for a response with a non-2xx status.
type HTTPError struct {
	StatusCode int
	// Status is the server's status line, "404 Not Found", cleaned: a
	// server may put escape sequences in it.
	Status clean.Text
	// RetryAfter is the wait a 429 or 503 asked for, or 0. When it is
	// longer than the fetch's timeout allows, the fetch returns at once
	// with this error instead of waiting; the caller may try again after
	// RetryAfter.
	RetryAfter time.Duration
	// RetryCapped is true when the server asked for longer than
	// MaxRetryAfter, and RetryAfter is that cap.
	RetryCapped bool
}

// MaxRetryAfter is the longest wait a Retry-After header is honoured
// for: a server asking for longer (a year, by a typo or on purpose) is
// asked again after a day.
const MaxRetryAfter = 24 * time.Hour

// Error returns "http 404 Not Found", with the wait a 429 asked for.
func (e *HTTPError) Error() string {
	status := e.Status.String()
	if status == "" {
		status = strings.TrimSpace(strconv.Itoa(e.StatusCode) + " " + http.StatusText(e.StatusCode))
	}
	if e.RetryAfter > 0 {
		return "http " + status + lang.En.RetryAfter(e.RetryAfter, e.RetryCapped)
	}
	return "http " + status
}

// Fetch implements Fetcher with an unconditional GET.
func (f *HTTPFetcher) Fetch(ctx context.Context, url string) (*Response, error) {
	return f.FetchConditional(ctx, url, Validators{})
}

// FetchConditional implements ConditionalFetcher: it sends v as
// If-None-Match and If-Modified-Since and returns ErrNotModified on a 304.
// Timeouts, 5xx and 429 are retried with exponential backoff, all within
// one Timeout; errors are one line, such as "http 404 Not Found" or "timed
// out after 15s", cleaned of anything the server or the OS put in them.
// An address that clean.CheckURL refuses for clean.Fetch is not fetched.
func (f *HTTPFetcher) FetchConditional(ctx context.Context, url string, v Validators) (*Response, error) {
	if err := clean.CheckURL(url, clean.Fetch); err != nil {
		return nil, fmt.Errorf("not fetched: %w", err)
	}
	resp, err := f.fetch(ctx, url, v)
	return resp, clean.Error(err)
}

// fetch is FetchConditional on an address already checked.
func (f *HTTPFetcher) fetch(parent context.Context, url string, v Validators) (*Response, error) {
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	// One deadline for the whole fetch: a slow server costs Timeout, not
	// Timeout for each of three attempts.
	host := paceHost(url)
	release, err := f.Pacer.Acquire(parent, host)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	deadline, _ := ctx.Deadline()
	timedOut := func(err error) error {
		if parent.Err() == nil && (ctx.Err() != nil || isTimeout(err)) {
			te := &TimeoutError{After: timeout}
			if ne, ok := err.(*NetError); ok {
				// Timed out before the server was reached: the network's.
				return &NetError{Op: ne.Op, Host: ne.Host, Err: te}
			}
			return te
		}
		return err
	}
	retries := f.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	if retries < 0 {
		retries = 0
	}
	backoff := f.Backoff
	if backoff <= 0 {
		backoff = DefaultBackoff
	}
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			if release, err = f.Pacer.Acquire(ctx, host); err != nil {
				return nil, timedOut(err)
			}
		}
		resp, err := f.fetchOnce(ctx, url, v)
		if errors.Is(err, errChangedLate) {
			// The body was read without being kept, as the last one
			// again, and was not: ask for it once more, to keep.
			resp, err = f.fetchOnce(ctx, url, Validators{ETag: v.ETag, LastModified: v.LastModified})
		}
		release()
		if err != nil {
			err = timedOut(err)
		}
		if err == nil || attempt >= retries || ctx.Err() != nil {
			return resp, err
		}
		wait, retry := f.retryWait(err, backoff<<attempt)
		if !retry || time.Until(deadline) <= wait {
			// A wait that would outlast the deadline is not begun: the
			// caller has the error, with any Retry-After, at once.
			return nil, err
		}
		if serr := f.sleep(ctx, wait); serr != nil {
			if parent.Err() != nil {
				return nil, serr
			}
			return nil, err
		}
	}
}

// retryWait decides whether err is worth another attempt and how long to
// wait first.
func (f *HTTPFetcher) retryWait(err error, backoff time.Duration) (time.Duration, bool) {
	if errors.Is(err, ErrTimeout) {
		return backoff, true
	}
	var he *HTTPError
	if !errors.As(err, &he) {
		return 0, false
	}
	if he.StatusCode != http.StatusTooManyRequests && he.StatusCode < 500 {
		return 0, false
	}
	if he.RetryAfter > 0 {
		limit := f.MaxRetryAfter
		if limit <= 0 {
			limit = DefaultMaxRetryAfter
		}
		if he.RetryAfter > limit {
			return 0, false
		}
		return he.RetryAfter, true
	}
	return backoff, true
}

func (f *HTTPFetcher) sleep(ctx context.Context, d time.Duration) error {
	if f.Sleep != nil {
		return f.Sleep(ctx, d)
	}
	return sleepCtx(ctx, d)
}

// fetchOnce makes one attempt, redirects included, within ctx.
func (f *HTTPFetcher) fetchOnce(ctx context.Context, url string, v Validators) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	ua := f.UserAgent
	if ua == "" {
		ua = "sokbo"
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	// Asking for gzip ourselves turns off the transport's transparent
	// decompression, so the body is decompressed below, where the size
	// cap applies to the decompressed bytes.
	req.Header.Set("Accept-Encoding", "gzip")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}

	client := http.Client{CheckRedirect: checkRedirect, Transport: defaultTransport}
	if f.Client != nil {
		client = *f.Client
		client.CheckRedirect = checkRedirect
	}
	// Whether a connection was made tells a timeout of the network (no
	// server reached) from one of a slow server.
	var connected atomic.Bool
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { connected.Store(true) },
	}))
	resp, err := client.Do(req)
	if err != nil {
		var re *redirectError
		if errors.As(err, &re) {
			return nil, re
		}
		// net/http sends no request off http(s); its error for that
		// quotes the address and is not exported.
		var ue *neturl.Error
		if errors.As(err, &ue) && strings.Contains(ue.Err.Error(), "unsupported protocol scheme") {
			scheme := "?"
			if u, perr := neturl.Parse(ue.URL); perr == nil && u.Scheme != "" {
				scheme = clean.OneLine(strings.ToLower(u.Scheme))
			}
			return nil, &redirectError{err: ErrRedirectScheme, msg: ErrRedirectScheme.Error() + " (" + scheme + ":)"}
		}
		if strings.Contains(err.Error(), "server response headers exceeded") {
			// net/http's own error for it is not exported.
			return nil, &LimitError{Err: ErrHeadersTooLarge, Limit: MaxHeaderBytes}
		}
		if op := classifyNet(err); op != "" {
			return nil, &NetError{Op: op, Host: req.URL.Host, Err: err}
		}
		if !connected.Load() && isTimeout(err) {
			return nil, &NetError{Op: OpConnect, Host: req.URL.Host, Err: err}
		}
		return nil, err
	}
	defer resp.Body.Close()

	switch {
	case resp.StatusCode == http.StatusNotModified && v.IsZero():
		return nil, ErrUnconditional304
	case resp.StatusCode == http.StatusNotModified:
		return nil, &NotModifiedError{FreshFor: freshFor(resp.Header, f.now())}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		he := &HTTPError{StatusCode: resp.StatusCode, Status: clean.Outside(resp.Status)}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			he.RetryAfter, he.RetryCapped = parseRetryAfter(resp.Header.Get("Retry-After"), f.now())
		}
		return nil, he
	}

	limit := f.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	body, digest, err := readBody(resp, limit, v.Digest)
	if errors.Is(err, errSameBody) {
		return nil, &NotModifiedError{FreshFor: freshFor(resp.Header, f.now())}
	}
	if err != nil {
		return nil, err
	}
	return &Response{
		URL:          resp.Request.URL.String(),
		Moved:        movedPermanently(resp.Request),
		ContentType:  resp.Header.Get("Content-Type"),
		Body:         body,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FreshFor:     freshFor(resp.Header, f.now()),
		Digest:       digest,
	}, nil
}

func (f *HTTPFetcher) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

// streamFrom is the size from which a body that may be the last one
// again (its Digest given) is read without being kept until it proves not
// to be: the 192 MB of a 50k feed, read into memory only to be found
// unchanged, took twice the time of the rest of the refresh, faulting in
// and zeroing fresh pages, and its peak RSS. A smaller body is kept as
// it is read.
const streamFrom = 1 << 20

// errSameBody is readBody's answer for a body with the digest it was given.
var errSameBody = errors.New("the same body as the last")

// errChangedLate is readBody's answer for a body read without being kept
// that turned out not to be the last one after its head: the caller
// fetches it again.
var errChangedLate = errors.New("the body changed after its head")

// readBody reads at most limit decompressed bytes of resp's body. A gzip
// body is recognised by its Content-Encoding or, for servers that serve a
// .gz file without saying so, by its magic number.
//
// last is the Digest of the body fetched last time, or "". When that body
// was large (streamFrom) and this one may be the same (its length is not
// known to differ), it is read in pieces into one small buffer and
// checked as it goes: a head unlike the last one's is kept and the rest
// read after it, as any body; a body the same as the last returns
// errSameBody without having been kept; one that differs only after its
// head returns errChangedLate.
func readBody(resp *http.Response, limit int64, last string) (body []byte, digest string, err error) {
	raw := bufio.NewReader(io.LimitReader(resp.Body, limit+1))
	var r io.Reader = raw
	// The body's length, when the server said it and it is what will be
	// read: the buffer is made that size at once, not grown by doubling
	// (a 38 MB body was copied 30 times over and peaked at 64 MB).
	size := resp.ContentLength
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	magic, _ := raw.Peek(2)
	if enc == "gzip" || enc == "x-gzip" || (enc == "" && len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return nil, "", fmt.Errorf("reading gzip body: %w", err)
		}
		defer zr.Close()
		r, size = zr, -1
	}
	d := newDigester()
	in := io.TeeReader(io.LimitReader(r, limit+1), d)
	var head []byte
	if want := parseDigest(last); want.ok && want.n >= streamFrom && want.n <= limit && (size < 0 || size == want.n) {
		var same bool
		head, same, err = readSame(in, d, want, last)
		switch {
		case err != nil:
			return nil, "", bodyError(err)
		case same:
			return nil, "", errSameBody
		case head == nil:
			return nil, "", errChangedLate
		}
		if size < 0 {
			size = want.n // a guess, for a gzip body
		}
	}
	body, err = readAll(in, min(size, limit), head)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		te := &TruncatedError{Got: -1, Want: -1}
		if size == resp.ContentLength && size > 0 {
			te.Got, te.Want = int64(len(body)), size
		}
		return nil, "", te
	}
	if err != nil {
		return nil, "", bodyError(err)
	}
	if int64(len(body)) > limit {
		return nil, "", &LimitError{Err: ErrTooLarge, Limit: limit}
	}
	return body, d.sum(), nil
}

// readSame reads in as the body whose digest is last (want): its head
// first, kept; when the head differs from the last one's it returns it,
// for the caller to read the rest after it. Otherwise it reads the rest
// into the head's buffer, keeping nothing, and reports whether the whole
// body was the last one (same), or not (neither head nor same). d is the
// digester in reads.
func readSame(in io.Reader, d *digester, want storedDigest, last string) (head []byte, same bool, err error) {
	head = make([]byte, digestHead)
	n, err := io.ReadFull(in, head)
	head = head[:n]
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		// Shorter than a head, and so not the last body: it is all here.
		return head, false, nil
	case err != nil:
		return nil, false, err
	case d.h != want.head:
		return head, false, nil
	}
	buf := head[:cap(head)]
	for {
		_, err := in.Read(buf)
		if int64(d.n) > want.n {
			return nil, false, nil
		}
		if err == io.EOF {
			return nil, d.sum() == last, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
}

// bodyError is an error reading a body, as fetchOnce returns it.
func bodyError(err error) error {
	if isTimeout(err) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("reading body: %w", err)
}

// readAll is io.ReadAll after start, into a buffer of size bytes and one
// more, so that a body of that size is read without growing it; a longer
// one grows as io.ReadAll's would. A size of 0 or less says nothing.
func readAll(r io.Reader, size int64, start []byte) ([]byte, error) {
	if size <= 0 {
		size = 512 // as io.ReadAll starts
	}
	b := make([]byte, 0, max(size, int64(len(start)))+1)
	b = append(b, start...)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// TruncatedError is a body that ended before the length its server
// said: the connection closed early. Got and Want are the bytes read and
// the bytes announced, or -1 when not known (a gzip body).
type TruncatedError struct {
	Got, Want int64
}

func (e *TruncatedError) Error() string { return lang.En.Truncated(e.Got, e.Want) }

// Unwrap returns io.ErrUnexpectedEOF, as the body's read did.
func (e *TruncatedError) Unwrap() error { return io.ErrUnexpectedEOF }

// LimitError is a response over a size cap: Err is ErrTooLarge or
// ErrHeadersTooLarge, and Limit the cap in bytes.
type LimitError struct {
	Err   error
	Limit int64
}

func (e *LimitError) Error() string { return fmt.Sprintf("%v (%s)", e.Err, FormatBytes(e.Limit)) }
func (e *LimitError) Unwrap() error { return e.Err }

// FormatBytes says a byte count in the largest binary unit that divides
// it, for a message about a limit: "20 MiB", "64 KiB", "100 bytes".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// redirectError names the redirect policy that stopped a fetch. It unwraps
// to ErrTooManyRedirects, ErrRedirectLoop, ErrBadRedirect or
// ErrRedirectScheme.
type redirectError struct {
	err error
	msg string
}

func (e *redirectError) Error() string { return e.msg }
func (e *redirectError) Unwrap() error { return e.err }

// defaultTransport is http.DefaultTransport with MaxHeaderBytes, for an
// HTTPFetcher with no Client. It is made once, so that its connections
// are reused across fetches.
var defaultTransport = func() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport
	}
	t = t.Clone()
	t.MaxResponseHeaderBytes = MaxHeaderBytes
	return t
}()

// movedPermanently reports whether req, the last request of a fetch, was
// made after redirects that were all permanent: each request a redirect
// made carries the response that made it.
func movedPermanently(req *http.Request) bool {
	if req.Response == nil {
		return false
	}
	for r := req; r != nil && r.Response != nil; r = r.Response.Request {
		if c := r.Response.StatusCode; c != http.StatusMovedPermanently && c != http.StatusPermanentRedirect {
			return false
		}
	}
	return true
}

// checkRedirect follows at most MaxRedirects redirects and stops at the
// first one that leads back to a URL already visited, and at a Location
// holding controls or bidi characters, which url.Parse lets through when
// they are not ASCII.
func checkRedirect(req *http.Request, via []*http.Request) error {
	next := req.URL.String()
	if req.Response != nil {
		if loc := req.Response.Header.Get("Location"); loc != "" && clean.CheckURL(loc, clean.Fetch) == clean.ErrUnprintableURL {
			return &redirectError{err: ErrBadRedirect, msg: "redirect to an address with control or invisible characters"}
		}
	}
	if errors.Is(clean.CheckURL(next, clean.Fetch), clean.ErrUnprintableURL) {
		return &redirectError{err: ErrBadRedirect, msg: "redirect to an address with control or invisible characters"}
	}
	// A redirect off http(s) is left to the transport, which sends none
	// (net/http: unsupported protocol scheme), or to a caller's own guard
	// under it (feed/fulltext names the scheme).
	for _, prev := range via {
		if prev.URL.String() == next {
			return &redirectError{err: ErrRedirectLoop, msg: "redirect loop"}
		}
	}
	if len(via) > MaxRedirects {
		return &redirectError{err: ErrTooManyRedirects, msg: fmt.Sprintf("too many redirects (%d)", MaxRedirects)}
	}
	return nil
}

// parseRetryAfter reads a Retry-After value, delay-seconds or an HTTP date.
// It returns 0 when the header is absent or unreadable, and at most
// MaxRetryAfter, with capped true when the server asked for longer.
func parseRetryAfter(s string, now time.Time) (d time.Duration, capped bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n <= 0 {
			return 0, false
		}
		if n > int64(MaxRetryAfter/time.Second) {
			return MaxRetryAfter, true
		}
		return time.Duration(n) * time.Second, false
	}
	t, err := http.ParseTime(s)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > MaxRetryAfter {
		return MaxRetryAfter, true
	} else if d > 0 {
		return d, false
	}
	return 0, false
}

// ValidatorFetcher adapts a ConditionalFetcher to the plain Fetcher
// interface, so that code written against Fetcher (feed.Load) makes
// conditional requests without knowing it. Use a composite literal; Lookup
// and Record may be nil.
type ValidatorFetcher struct {
	Fetcher ConditionalFetcher
	// Lookup returns the validators to send for url.
	Lookup func(url string) Validators
	// Record is called with the requested url and every successful
	// response, so the caller can keep the new validators and see what
	// was fetched.
	Record func(url string, resp *Response)
}

// Fetch implements Fetcher. A body whose digest is the one Lookup gave
// is answered as a 304 would be: ErrNotModified, with the freshness its
// response stated.
func (vf *ValidatorFetcher) Fetch(ctx context.Context, url string) (*Response, error) {
	var v Validators
	if vf.Lookup != nil {
		v = vf.Lookup(url)
	}
	resp, err := vf.Fetcher.FetchConditional(ctx, url, v)
	if err != nil {
		return resp, err
	}
	if resp.Digest == "" {
		resp.Digest = Digest(resp.Body)
	}
	if v.Digest != "" && resp.Digest == v.Digest {
		return nil, &NotModifiedError{FreshFor: resp.FreshFor}
	}
	if vf.Record != nil {
		vf.Record(url, resp)
	}
	return resp, nil
}
