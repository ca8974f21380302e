package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sokbo/feed/clean/cleantest"
	"sokbo/feed/internal/hostiletest"
)

func TestHostileStatusText(t *testing.T) {
	for _, code := range []int{404, 429, 500, 503} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			url := hostiletest.RawServer(t, func(string) string {
				return fmt.Sprintf("HTTP/1.1 %d %s\r\nRetry-After: 3600\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", code, hostiletest.Text)
			})
			f := newFetcher(&fakeSleeper{})
			_, err := f.Fetch(t.Context(), url)
			var he *HTTPError
			if !errors.As(err, &he) || he.StatusCode != code {
				t.Fatalf("err = %v, want an HTTPError %d", err, code)
			}
			cleantest.AssertClean(t, err.Error())
			cleantest.AssertClean(t, he.Status.String())
			if strings.ContainsAny(err.Error(), "\n\t") || !strings.Contains(err.Error(), "evil") {
				t.Fatalf("err = %q, want the status text cleaned to one line", err)
			}
		})
	}
}

func TestHostileLocation(t *testing.T) {
	tests := map[string]string{
		"ESC":        "/next\x1b]0;PWN\a",
		"C1":         "/next\u009b2J",
		"C1 host":    "http://exa\u0085mple.com/",
		"RLO":        "/\u202eevil",
		"javascript": "javascript:alert(1)",
		"file":       "file:///etc/passwd",
	}
	for name, loc := range tests {
		t.Run(name, func(t *testing.T) {
			url := hostiletest.RawServer(t, func(path string) string {
				if path != "/" {
					return "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nfeed"
				}
				return "HTTP/1.1 302 Found\r\nLocation: " + loc + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
			})
			f := newFetcher(&fakeSleeper{})
			resp, err := f.Fetch(t.Context(), url+"/")
			if err == nil {
				t.Fatalf("followed the redirect to %q: %q", resp.URL, resp.Body)
			}
			cleantest.AssertClean(t, err.Error())
		})
	}
}

func TestUnprintableURLNotFetched(t *testing.T) {
	hit := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit = true }))
	defer srv.Close()
	f := newFetcher(&fakeSleeper{})
	for _, u := range []string{srv.URL + "/\u0085", srv.URL + "/\u202eevil", srv.URL + "/\x1b[2J"} {
		_, err := f.Fetch(t.Context(), u)
		if err == nil || hit {
			t.Fatalf("%q: fetched (err %v)", u, err)
		}
		cleantest.AssertClean(t, err.Error())
	}
}

func TestUnconditional304IsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}))
	defer srv.Close()
	f := newFetcher(&fakeSleeper{})
	_, err := f.Fetch(t.Context(), srv.URL)
	if !errors.Is(err, ErrUnconditional304) || errors.Is(err, ErrNotModified) {
		t.Fatalf("err = %v, want ErrUnconditional304", err)
	}
	_, err = f.FetchConditional(t.Context(), srv.URL, Validators{ETag: `"x"`})
	if !errors.Is(err, ErrNotModified) {
		t.Fatalf("conditional: err = %v, want ErrNotModified", err)
	}
}

func TestHugeHeadersHaveTheirOwnError(t *testing.T) {
	url := hostiletest.RawServer(t, func(string) string {
		return "HTTP/1.1 200 OK\r\nX-Pad: " + strings.Repeat("a", MaxHeaderBytes+10) + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
	})
	f := newFetcher(&fakeSleeper{})
	_, err := f.Fetch(t.Context(), url)
	if !errors.Is(err, ErrHeadersTooLarge) || errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrHeadersTooLarge", err)
	}
	if err.Error() != "response headers exceed size limit (1 MiB)" {
		t.Fatalf("err = %q", err)
	}
}

// TestDeadlineCoversEveryAttempt fetches from a server that trickles its
// body a byte every 20 ms, never finishing, so no read ever times out:
// the fetch as a whole, with five retries allowed, must end at its
// timeout.
func TestDeadlineCoversEveryAttempt(t *testing.T) {
	srv := httptest.NewServer(hostiletest.Trickle("application/rss+xml", []byte("<")))
	defer srv.Close()
	f := &HTTPFetcher{Timeout: time.Second, Retries: 5}
	start := time.Now()
	_, err := f.Fetch(t.Context(), srv.URL)
	elapsed := time.Since(start)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	// Per attempt, six attempts of a trickle would take six seconds and
	// more; one deadline for all of them ends near one. The margin is for
	// a loaded CI machine, not for the fetcher.
	if elapsed > 4*time.Second {
		t.Fatalf("took %v with a 1s timeout for all 6 attempts", elapsed)
	}
}

// TestRedirectOffHTTPWorded: a redirect to file: or ftp: is refused with
// ErrRedirectScheme, naming the scheme, not net/http's "unsupported
// protocol scheme" quoting the address.
func TestRedirectOffHTTPWorded(t *testing.T) {
	for scheme, loc := range map[string]string{"file": "file:///etc/passwd", "ftp": "ftp://example.com/feed.xml"} {
		url := hostiletest.RawServer(t, func(path string) string {
			return "HTTP/1.1 302 Found\r\nLocation: " + loc + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
		})
		_, err := newFetcher(&fakeSleeper{}).Fetch(t.Context(), url+"/")
		want := "redirect to a non-http address refused (" + scheme + ":)"
		if !errors.Is(err, ErrRedirectScheme) || err.Error() != want {
			t.Errorf("%s: err = %v, want %q", scheme, err, want)
		}
	}
}
