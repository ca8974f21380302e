package refresh

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"sokbo/feed"

	"sokbo/feed/fetch"
	"sokbo/feed/opml"
)

// hostileTransport answers every request with the status line and
// headers a fuzzer chose, without a network.
type hostileTransport struct {
	code            int
	status          string
	location, retry string
	contentType     string
	body            string
}

func (h *hostileTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	hdr := http.Header{}
	if h.location != "" {
		hdr["Location"] = []string{h.location}
	}
	if h.retry != "" {
		hdr["Retry-After"] = []string{h.retry}
	}
	if h.contentType != "" {
		hdr["Content-Type"] = []string{h.contentType}
	}
	return &http.Response{
		StatusCode: h.code, Status: h.status, Header: hdr, Request: req,
		Body: io.NopCloser(strings.NewReader(h.body)), ContentLength: int64(len(h.body)),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
	}, nil
}

// hasControl reports whether s holds anything a terminal could act on: a
// C0 or C1 control, DEL or a bidi control. Newlines too, since every
// path fuzzed here is one line.
func hasControl(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return true
		}
	}
	return false
}

// FuzzOutputPaths feeds arbitrary status lines, headers and addresses
// through every feed-side path that ends on a terminal: the fetch error,
// feed.Load's error, refresh's summary line and error, the error stored
// for `feeds ls`, and OPML import and export. None may carry a control.
func FuzzOutputPaths(f *testing.F) {
	f.Add(503, "503 \x1b]52;c;cHdu\a\x1b]0;PWN\a", "", "3600", "http://example.com/feed", "이름")
	f.Add(302, "302 Found", "/next\x1b[2J\u009b", "", "https://example.com/\u202eevil", "\u0085name")
	f.Add(301, "301 \u009d0;x\u009c", "http://exa\u0085mple.com/", "", "HTTP://Example.com:80/#x", "")
	f.Add(200, "200 OK", "", "", "https://example.com/a\u2066b", "\x1b[31mred")
	f.Add(304, "304 \x1b\\", "", "", "http://example.com/", "")
	f.Add(429, "429 \r\nX: y", "", "Wed, 21 Oct 2015 07:28:00 GMT", "http://example.com/\x00", "a\tb\nc")

	st := openStore(f)
	f.Fuzz(func(t *testing.T, code int, status, location, retry, rawURL, name string) {
		if code < 100 || code > 999 {
			code = 500
		}
		if !strings.HasPrefix(strings.ToLower(rawURL), "http") {
			rawURL = "http://" + rawURL // never a local path
		}
		ht := &hostileTransport{code: code, status: status, location: location, retry: retry,
			contentType: "text/html", body: "<html><head><title>" + name + "</title></head></html>"}
		fetcher := &fetch.HTTPFetcher{Client: &http.Client{Transport: ht}, Timeout: time.Second, Retries: -1,
			Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }}
		ctx := context.Background()

		if _, err := fetcher.Fetch(ctx, rawURL); err != nil && hasControl(err.Error()) {
			t.Fatalf("fetch error %q", err)
		}
		if _, err := feed.Load(ctx, rawURL, feed.Options{Fetcher: fetcher}); err != nil && hasControl(err.Error()) {
			t.Fatalf("Load error %q", err)
		}
		results, err := Run(ctx, st, []feed.Subscription{{URL: rawURL, Name: name}}, Options{Fetcher: fetcher, FeedTimeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		if s := r.String(); hasControl(s) {
			t.Fatalf("Result.String() = %q", s)
		}
		if r.Err != nil && hasControl(r.Err.Error()) {
			t.Fatalf("Result.Err = %q", r.Err)
		}
		if info, err := st.Feed(ctx, rawURL); err == nil {
			if hasControl(info.LastError) || hasControl(info.DisplayName()) {
				t.Fatalf("stored: error %q, name %q", info.LastError, info.DisplayName())
			}
		} else if hasControl(err.Error()) {
			t.Fatalf("Feed error %q", err)
		}

		doc := `<opml version="2.0"><body><outline text="` + xmlAttr(name) + `" xmlUrl="` + xmlAttr(rawURL) + `"/></body></opml>`
		subs, err := opml.Read(strings.NewReader(doc))
		if err != nil && hasControl(err.Error()) {
			t.Fatalf("OPML import error %q", err)
		}
		for _, s := range subs {
			if hasControl(s.URL) {
				t.Fatalf("OPML imported %q", s.URL)
			}
		}
		var out bytes.Buffer
		err = opml.Write(&out, []feed.Subscription{{Name: name, URL: rawURL}})
		if err != nil && hasControl(err.Error()) {
			t.Fatalf("OPML export error %q", err)
		}
		if hasControl(strings.ReplaceAll(out.String(), "\n", "")) {
			t.Fatalf("OPML export %q", out.String())
		}
	})
}

// xmlAttr escapes s for an XML attribute, keeping its characters.
func xmlAttr(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
