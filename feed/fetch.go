package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Fetch limits for a plain GET. A later store-backed fetcher adds
// validators and retries behind the same interface.
const (
	DefaultTimeout  = 15 * time.Second
	DefaultMaxBytes = 20 << 20 // 20 MiB
)

// ErrTooLarge is returned when a response body exceeds the size cap.
var ErrTooLarge = errors.New("response body exceeds size limit")

// Response is what a Fetcher hands back: the final URL after redirects, the
// Content-Type header and the body bytes.
type Response struct {
	URL         string
	ContentType string
	Body        []byte
}

// Fetcher gets the bytes behind a URL. It is an interface so that caching
// and conditional GET can be added without changing callers.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (*Response, error)
}

// HTTPFetcher is a Fetcher doing a plain GET. The zero value is usable and
// applies DefaultTimeout, DefaultMaxBytes and a sokbo User-Agent.
type HTTPFetcher struct {
	Client    *http.Client // nil means http.DefaultClient
	UserAgent string       // "" means "sokbo"
	Timeout   time.Duration
	MaxBytes  int64
}

// HTTPError is returned for a response with a non-2xx status.
type HTTPError struct {
	StatusCode int
	Status     string
}

func (e *HTTPError) Error() string { return "http " + e.Status }

// Fetch implements Fetcher.
func (f *HTTPFetcher) Fetch(ctx context.Context, url string) (*Response, error) {
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	limit := f.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

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

	client := f.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w (%d MiB)", ErrTooLarge, limit>>20)
	}
	return &Response{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}
