package fetch

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// bigBody is a body past streamFrom, of n items, and the same with
// "속보" in item k made "단독", the same length in bytes.
func bigBody(n, k int) string {
	var b strings.Builder
	b.WriteString("<rss><channel><title>t</title>")
	for i := range n {
		word := "속보"
		if i == k {
			word = "단독"
		}
		fmt.Fprintf(&b, "<item><title>%s %07d</title><description>%s</description></item>", word, i, strings.Repeat("가", 100))
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// TestSameBodyNotKept: given the digest of the last body, a large body
// that is the same again is read without being kept and answered as a
// 304, plain, gzip or chunked; one that differs (in its head, after its
// head, in its length; a digest of the old three-part form) comes back
// whole, with its own digest, fetched twice only when it differed after
// its head and was not kept.
func TestSameBodyNotKept(t *testing.T) {
	const items = 5000
	last := bigBody(items, -1)
	if len(last) < streamFrom {
		t.Fatalf("the body is %d bytes, under streamFrom", len(last))
	}
	bodies := map[string]string{
		"same":        last,
		"head":        bigBody(items, 1),
		"late":        bigBody(items, items-2),
		"longer":      last + "<!-- -->",
		"shorter":     last[:len(last)-20],
		"tiny":        "<rss></rss>",
		"old-digest":  last,
		"late-gzip":   bigBody(items, items-2),
		"same-gzip":   last,
		"same-chunks": last,
		"late-chunks": bigBody(items, items-2),
		"long-chunks": last + "<!-- -->",
	}
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		mu.Lock()
		hits[name]++
		mu.Unlock()
		b := bodies[name]
		switch {
		case strings.HasSuffix(name, "-gzip"):
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write([]byte(b))
			zw.Close()
		case strings.HasSuffix(name, "-chunks"):
			// No Content-Length: written in pieces with flushes, chunked.
			for len(b) > 0 {
				n := min(len(b), 100_000)
				io.WriteString(w, b[:n])
				w.(http.Flusher).Flush()
				b = b[n:]
			}
		default:
			w.Header().Set("Content-Length", fmt.Sprint(len(b)))
			io.WriteString(w, b)
		}
	}))
	defer srv.Close()
	digest := Digest([]byte(last))
	f := &HTTPFetcher{}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			v := Validators{Digest: digest}
			if name == "old-digest" {
				v.Digest = strings.Join(strings.Split(digest, "-")[:3], "-")
			}
			resp, err := f.FetchConditional(t.Context(), srv.URL+"/"+name, v)
			mu.Lock()
			got := hits[name]
			mu.Unlock()
			if body == last && name != "old-digest" {
				var nm *NotModifiedError
				if !errors.As(err, &nm) || resp != nil || got != 1 {
					t.Fatalf("the same body: %v, %v, %d requests; want not modified in one", resp != nil, err, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != body || resp.Digest != Digest([]byte(body)) {
				t.Errorf("got %d bytes, digest %s; want %d, %s", len(resp.Body), resp.Digest, len(body), Digest([]byte(body)))
			}
			want := 1
			if strings.HasPrefix(name, "late") || name == "long-chunks" {
				want = 2
			}
			if got != want {
				t.Errorf("%d requests, want %d", got, want)
			}
		})
	}
}

// rawServer answers every connection with head (status line and headers)
// and body as written, whatever they say of each other: a server whose
// Content-Length lies.
func rawServer(t *testing.T, head, body string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for { // the request's head
					line, err := r.ReadString('\n')
					if err != nil || line == "\r\n" {
						break
					}
				}
				io.WriteString(c, head+"\r\n"+body)
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/feed.xml"
}

// TestContentLengthLies: a Content-Length smaller than the body gives the
// body that long, as net/http reads it; a larger one, with the server
// gone before it is reached, is an error and not a short body; one past
// the size cap is refused, with the cap, whether the body is there or not;
// and none of it holds a buffer the lying length asked for.
func TestContentLengthLies(t *testing.T) {
	body := strings.Repeat("<item>속보</item>", 1000)
	tests := map[string]struct {
		length   int
		maxBytes int64
		want     string // the body, or "" for an error
		err      error
	}{
		"right":             {length: len(body), want: body},
		"smaller":           {length: 100, want: body[:100]},
		"larger":            {length: len(body) + 1000},
		"far larger":        {length: 1 << 40},
		"over the cap":      {length: len(body), maxBytes: 1000, err: ErrTooLarge},
		"cap, lying small":  {length: 500, maxBytes: 1000, want: body[:500]},
		"cap, lying larger": {length: 1 << 40, maxBytes: 1000, err: ErrTooLarge},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: %d\r\nConnection: close\r\n", tc.length)
			f := &HTTPFetcher{MaxBytes: tc.maxBytes, Retries: -1}
			resp, err := f.Fetch(t.Context(), rawServer(t, head, body))
			switch {
			case tc.err != nil:
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
			case tc.want == "":
				if err == nil {
					t.Fatalf("a body shorter than its Content-Length came back as %d bytes", len(resp.Body))
				}
			case err != nil:
				t.Fatal(err)
			default:
				if string(resp.Body) != tc.want || resp.Digest != Digest(resp.Body) {
					t.Errorf("got %d bytes, want %d", len(resp.Body), len(tc.want))
				}
				if c := cap(resp.Body); c > len(tc.want)+1 {
					t.Errorf("a buffer of %d bytes for a body of %d", c, len(tc.want))
				}
			}
		})
	}
}

// TestReadSameStopsAtLength: a body that runs past the last one's length
// is given up as soon as it does, not read to its end, and an error in
// the middle is the error.
func TestReadSameStopsAtLength(t *testing.T) {
	last := bigBody(5000, -1)
	want := parseDigest(Digest([]byte(last)))
	endless := io.MultiReader(strings.NewReader(last), &repeatReader{})
	d := newDigester()
	head, same, err := readSame(io.TeeReader(endless, d), d, want, Digest([]byte(last)))
	if head != nil || same || err != nil {
		t.Errorf("past the length: %v, %v, %v", head != nil, same, err)
	}
	if int64(d.n) > want.n+digestHead {
		t.Errorf("read %d bytes of a body known different at %d", d.n, want.n)
	}
	broken := io.MultiReader(strings.NewReader(last[:len(last)/2]), &failReader{})
	d = newDigester()
	if _, _, err := readSame(io.TeeReader(broken, d), d, want, Digest([]byte(last))); !errors.Is(err, errBroken) {
		t.Errorf("a read failing midway: %v", err)
	}
}

type repeatReader struct{}

func (repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

var errBroken = errors.New("connection reset")

type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errBroken }
