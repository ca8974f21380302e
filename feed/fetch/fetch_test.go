package fetch

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
)

// fakeSleeper records the waits a fetcher asks for and returns at once.
type fakeSleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *fakeSleeper) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, d)
	return ctx.Err()
}

func (s *fakeSleeper) Waits() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

func newFetcher(s *fakeSleeper) *HTTPFetcher {
	return &HTTPFetcher{UserAgent: "sokbo/test", Timeout: 5 * time.Second, Sleep: s.Sleep}
}

func TestFetchConditional(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Sun, 14 Jul 2024 03:20:00 GMT"
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if ua := r.Header.Get("User-Agent"); ua != "sokbo/test" {
			t.Errorf("User-Agent = %q", ua)
		}
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()

	f := newFetcher(&fakeSleeper{})
	resp, err := f.Fetch(t.Context(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "<rss/>" || resp.ETag != etag || resp.LastModified != lastMod ||
		resp.ContentType != "application/rss+xml; charset=utf-8" || resp.URL != srv.URL {
		t.Fatalf("first fetch = %+v", resp)
	}
	for name, v := range map[string]Validators{
		"etag":          {ETag: etag},
		"last-modified": {LastModified: lastMod},
		"both":          resp.Validators(),
	} {
		resp, err := f.FetchConditional(t.Context(), srv.URL, v)
		if !errors.Is(err, ErrNotModified) || resp != nil {
			t.Errorf("%s: FetchConditional = %v, %v; want ErrNotModified", name, resp, err)
		}
	}
	if n := hits.Load(); n != 4 {
		t.Errorf("server hits = %d, want 4 (a 304 must not be retried)", n)
	}
}

func TestValidatorFetcher(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"x"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"x"`)
		fmt.Fprint(w, "body")
	}))
	defer srv.Close()

	stored := map[string]Validators{}
	vf := &ValidatorFetcher{
		Fetcher: newFetcher(&fakeSleeper{}),
		Lookup:  func(url string) Validators { return stored[url] },
		Record:  func(url string, resp *Response) { stored[url] = resp.Validators() },
	}
	var plain Fetcher = vf
	if _, err := plain.Fetch(t.Context(), srv.URL); err != nil {
		t.Fatal(err)
	}
	if stored[srv.URL].ETag != `"x"` {
		t.Fatalf("validators not recorded: %+v", stored)
	}
	if _, err := plain.Fetch(t.Context(), srv.URL); !errors.Is(err, ErrNotModified) {
		t.Fatalf("second fetch err = %v, want ErrNotModified", err)
	}
}

func TestFetchGzip(t *testing.T) {
	const body = "<rss><channel><title>속보</title></channel></rss>"
	gz := func(s string) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		if _, err := zw.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	tests := map[string]struct {
		encoding string
		payload  []byte
	}{
		"content-encoding gzip": {"gzip", gz(body)},
		"x-gzip":                {"x-gzip", gz(body)},
		"unlabelled .gz file":   {"", gz(body)},
		"identity":              {"", []byte(body)},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
					t.Errorf("Accept-Encoding = %q", r.Header.Get("Accept-Encoding"))
				}
				if tt.encoding != "" {
					w.Header().Set("Content-Encoding", tt.encoding)
				}
				w.Write(tt.payload)
			}))
			defer srv.Close()
			resp, err := newFetcher(&fakeSleeper{}).Fetch(t.Context(), srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != body {
				t.Fatalf("body = %q", resp.Body)
			}
		})
	}

	t.Run("bomb over the cap", func(t *testing.T) {
		bomb := gz(strings.Repeat("a", 1<<20))
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		}))
		defer srv.Close()
		f := newFetcher(&fakeSleeper{})
		f.MaxBytes = 64 << 10
		_, err := f.Fetch(t.Context(), srv.URL)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
	})
}

func TestFetchRedirects(t *testing.T) {
	mux := http.NewServeMux()
	// /chain/N redirects to /chain/N-1; /chain/0 is the feed.
	mux.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			fmt.Fprint(w, "feed")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusMovedPermanently) })
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusMovedPermanently) })
	mux.HandleFunc("/self", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/self", http.StatusFound) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := newFetcher(&fakeSleeper{})

	resp, err := f.Fetch(t.Context(), srv.URL+"/chain/5")
	if err != nil {
		t.Fatalf("5 redirects: %v", err)
	}
	if resp.URL != srv.URL+"/chain/0" || string(resp.Body) != "feed" {
		t.Fatalf("5 redirects: URL %q body %q", resp.URL, resp.Body)
	}

	tests := map[string]struct {
		path string
		want error
		msg  string
	}{
		"6 redirects": {"/chain/6", ErrTooManyRedirects, "too many redirects (5)"},
		"loop":        {"/a", ErrRedirectLoop, "redirect loop"},
		"self":        {"/self", ErrRedirectLoop, "redirect loop"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := f.Fetch(t.Context(), srv.URL+tt.path)
			if !errors.Is(err, tt.want) || err.Error() != tt.msg {
				t.Fatalf("err = %v, want %q", err, tt.msg)
			}
		})
	}
}

// TestFetchMoved: a fetch says the resource moved only when it was
// redirected and every redirect on the way was permanent.
func TestFetchMoved(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "feed") })
	for path, code := range map[string]int{"/301": 301, "/308": 308, "/302": 302, "/303": 303, "/307": 307} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/feed", code) })
	}
	mux.HandleFunc("/301-then-302", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/302", http.StatusMovedPermanently) })
	mux.HandleFunc("/308-then-301", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/301", http.StatusPermanentRedirect)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := newFetcher(&fakeSleeper{})
	for path, want := range map[string]bool{
		"/feed": false, "/301": true, "/308": true, "/302": false, "/303": false, "/307": false,
		"/301-then-302": false, "/308-then-301": true,
	} {
		resp, err := f.Fetch(t.Context(), srv.URL+path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if resp.URL != srv.URL+"/feed" || resp.Moved != want {
			t.Errorf("%s: URL %q, Moved %v; want %s/feed, %v", path, resp.URL, resp.Moved, srv.URL, want)
		}
	}
}

func TestFetchRetries(t *testing.T) {
	now := time.Date(2024, 7, 14, 3, 20, 0, 0, time.UTC)
	tests := map[string]struct {
		statuses  []int    // answered in turn; the last one repeats
		retryAft  []string // Retry-After per answer
		wantErr   string
		wantHits  int
		wantWaits []time.Duration
		timeout   time.Duration // of the whole fetch; 0 means 30s
	}{
		"500 then 200": {
			statuses: []int{500, 200}, wantHits: 2,
			wantWaits: []time.Duration{DefaultBackoff},
		},
		"503 twice then 200": {
			statuses: []int{503, 503, 200}, wantHits: 3,
			wantWaits: []time.Duration{DefaultBackoff, 2 * DefaultBackoff},
		},
		"500 forever": {
			statuses: []int{500}, wantHits: 3, wantErr: "http 500 Internal Server Error",
			wantWaits: []time.Duration{DefaultBackoff, 2 * DefaultBackoff},
		},
		"404 never retried": {
			statuses: []int{404}, wantHits: 1, wantErr: "http 404 Not Found",
		},
		"403 never retried": {
			statuses: []int{403, 200}, wantHits: 1, wantErr: "http 403 Forbidden",
		},
		"429 retry-after seconds": {
			statuses: []int{429, 200}, retryAft: []string{"7"}, wantHits: 2,
			wantWaits: []time.Duration{7 * time.Second},
		},
		"429 retry-after date": {
			statuses: []int{429, 200}, retryAft: []string{now.Add(12 * time.Second).Format(http.TimeFormat)}, wantHits: 2,
			wantWaits: []time.Duration{12 * time.Second},
		},
		"429 without retry-after backs off": {
			statuses: []int{429, 200}, wantHits: 2,
			wantWaits: []time.Duration{DefaultBackoff},
		},
		"429 asking too long is not retried": {
			statuses: []int{429, 200}, retryAft: []string{"3600"}, wantHits: 1,
			wantErr: "http 429 Too Many Requests (retry after 1 hour)",
		},
		"429 asking past the deadline is not waited for": {
			statuses: []int{429, 200}, retryAft: []string{"25"}, wantHits: 1, timeout: 20 * time.Second,
			wantErr: "http 429 Too Many Requests (retry after 25 seconds)",
		},
		"503 asking for years is asked again after a day": {
			statuses: []int{503, 200}, retryAft: []string{"999999999"}, wantHits: 1,
			wantErr: "http 503 Service Unavailable (retry after 24 hours: the server asked for longer; 24 hours is the most sokbo waits)",
		},
		"503 asking by date for years is asked again after a day": {
			statuses: []int{503, 200}, retryAft: []string{now.AddDate(5, 0, 0).Format(http.TimeFormat)}, wantHits: 1,
			wantErr: "http 503 Service Unavailable (retry after 24 hours: the server asked for longer; 24 hours is the most sokbo waits)",
		},
		"503 asking past the deadline is not waited for": {
			statuses: []int{503, 200}, retryAft: []string{"20"}, wantHits: 1, timeout: 15 * time.Second,
			wantErr: "http 503 Service Unavailable (retry after 20 seconds)",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := int(hits.Add(1)) - 1
				if i < len(tt.retryAft) {
					w.Header().Set("Retry-After", tt.retryAft[i])
				}
				status := tt.statuses[min(i, len(tt.statuses)-1)]
				w.WriteHeader(status)
				fmt.Fprint(w, "ok")
			}))
			defer srv.Close()
			sl := &fakeSleeper{}
			f := newFetcher(sl)
			f.Timeout = cmp.Or(tt.timeout, 30*time.Second)
			f.Now = func() time.Time { return now }
			resp, err := f.Fetch(t.Context(), srv.URL)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("err = %v", err)
			case tt.wantErr == "" && string(resp.Body) != "ok":
				t.Fatalf("body = %q", resp.Body)
			case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if got := int(hits.Load()); got != tt.wantHits {
				t.Errorf("hits = %d, want %d", got, tt.wantHits)
			}
			if got := sl.Waits(); fmt.Sprint(got) != fmt.Sprint(tt.wantWaits) && !(len(got) == 0 && len(tt.wantWaits) == 0) {
				t.Errorf("waits = %v, want %v", got, tt.wantWaits)
			}
		})
	}
}

func TestFetchTimeout(t *testing.T) {
	release := make(chan struct{})
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss>")
		w.(http.Flusher).Flush()
		// The body never finishes: hold until the client gives up.
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	sl := &fakeSleeper{}
	f := newFetcher(sl)
	f.Timeout = 200 * time.Millisecond
	f.Retries = 1
	_, err := f.Fetch(t.Context(), srv.URL)
	if !errors.Is(err, ErrTimeout) || err.Error() != "timed out after 200ms" {
		t.Fatalf("err = %v, want timed out after 200ms", err)
	}
	// The timeout is the whole fetch's: once it has passed there is no
	// time left for a retry.
	if n := hits.Load(); n != 1 {
		t.Errorf("hits = %d, want 1 (the deadline covers every attempt)", n)
	}
	if got := sl.Waits(); len(got) != 0 {
		t.Errorf("waits = %v, want none", got)
	}
}

func TestFetchCancelledIsNotATimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	f := newFetcher(&fakeSleeper{})
	go cancel()
	_, err := f.Fetch(ctx, srv.URL)
	if err == nil || errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want a cancellation", err)
	}
}

func TestFetchTooLarge(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("x"), 4096))
	}))
	defer srv.Close()
	f := newFetcher(&fakeSleeper{})
	f.MaxBytes = 1024
	_, err := f.Fetch(t.Context(), srv.URL)
	if !errors.Is(err, ErrTooLarge) || err.Error() != "response body exceeds size limit (1 KiB)" {
		t.Fatalf("err = %v", err)
	}
	f.MaxBytes = 4096
	if _, err := f.Fetch(t.Context(), srv.URL); err != nil {
		t.Fatalf("body at the cap: %v", err)
	}
}

func TestFetchKoreanCharsets(t *testing.T) {
	const title = "속보: " + cp949Title
	tests := map[string]struct {
		contentType string
		body        []byte
	}{
		"euc-kr header": {
			"application/rss+xml; charset=EUC-KR",
			eucKR(t, `<?xml version="1.0"?><rss><channel><title>`+title+`</title></channel></rss>`),
		},
		"cp949 declaration, wrong content type": {
			"text/html",
			eucKR(t, `<?xml version="1.0" encoding="ks_c_5601-1987"?><rss><channel><title>`+title+`</title></channel></rss>`),
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.Write(tt.body)
			}))
			defer srv.Close()
			resp, err := newFetcher(&fakeSleeper{}).Fetch(t.Context(), srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			got := DecodeCharset(resp.Body, resp.ContentType)
			if !bytes.Contains(got, []byte("<title>"+title+"</title>")) {
				t.Fatalf("decoded %q", got)
			}
		})
	}
}

// TestReadAllSized: a body read into a buffer sized from its declared
// length is the body, whether the length was right, short or long, and
// iotest's one-byte reads change nothing.
func TestReadAllSized(t *testing.T) {
	body := strings.Repeat("속보 ", 1000)
	for _, size := range []int64{-1, 0, 1, int64(len(body)) - 1, int64(len(body)), int64(len(body)) + 1, 10 * int64(len(body))} {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = strings.NewReader(body)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			got, err := readAll(r, size, nil)
			if err != nil || string(got) != body {
				t.Errorf("readAll(size %d, one byte %v) = %d bytes, %v", size, oneByte, len(got), err)
			}
		}
	}
	if _, err := readAll(iotest.ErrReader(io.ErrUnexpectedEOF), 10, nil); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("readAll of a failing reader: %v", err)
	}
}

// TestDigestAsRead: the digest HTTPFetcher makes as it reads a body, plain
// or gzip, is Digest of the body it returns; a changed body has another.
func TestDigestAsRead(t *testing.T) {
	body := strings.Repeat("<item>속보</item>", 5000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := body
		if r.URL.Path == "/changed" {
			b = strings.Replace(body, "속보", "단독", 1)
		}
		if r.URL.Path == "/gzip" {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write([]byte(b))
			zw.Close()
			return
		}
		fmt.Fprint(w, b)
	}))
	defer srv.Close()
	f := &HTTPFetcher{}
	digests := map[string]string{}
	for _, path := range []string{"/plain", "/gzip", "/changed"} {
		resp, err := f.Fetch(t.Context(), srv.URL+path)
		if err != nil {
			t.Fatal(path, err)
		}
		if resp.Digest == "" || resp.Digest != Digest(resp.Body) {
			t.Errorf("%s: digest %q, of the body %q", path, resp.Digest, Digest(resp.Body))
		}
		digests[path] = resp.Digest
	}
	if digests["/plain"] != digests["/gzip"] || digests["/plain"] == digests["/changed"] {
		t.Errorf("digests: %v", digests)
	}
}
