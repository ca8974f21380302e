package feed

import (
	"context"
	"errors"
	"golang.org/x/text/unicode/norm"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"sokbo/feed/clean"
	"sokbo/feed/clean/cleantest"
	"sokbo/feed/fetch"
)

// kst builds a time in Korea, as the fixtures write them.
func kst(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04 -0700", s+" +0900")
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// warnings collects the warnings of a Load.
type warnings []string

func (w *warnings) opts() Options {
	return Options{Warn: func(err error) { *w = append(*w, err.Error()) }}
}

func TestLoad(t *testing.T) {
	type want struct {
		title    string
		n        int
		first    string // title of the newest item
		ids      []string
		warnings []string
	}
	tests := map[string]want{
		"testdata/seed.txt": {
			title: "카카오톡 네트워크 오류 두 달 만에 접속 장애", n: 1,
			first: "카카오톡 네트워크 오류 두 달 만에 접속 장애", ids: []string{"post:seed.txt"},
		},
		"testdata/atom-seed.xml": {
			title: "뉴스다오 | 실시간 뉴스 속보", n: 1,
			first: "카카오톡 네트워크 오류 두 달 만에 접속 장애", ids: []string{"https://newsdao.kr/4082"},
		},
		"testdata/jsonfeed.json": {
			title: "뉴스다오 JSON", n: 2, first: "정부, 반도체 R&D 예산 3조 원 증액", ids: []string{"4085", "4082"},
		},
		"testdata/rss091.xml": {
			title: "옛 형식 속보", n: 2, first: "장마 시작… 제주 첫 비",
			ids: []string{"https://newsdao.kr/3001", "https://newsdao.kr/3002"},
		},
		"testdata/rss1.rdf": {
			title: "RSS 1.0 속보", n: 2, first: "열대야 열흘째",
			ids: []string{"https://newsdao.kr/3011", "https://newsdao.kr/3010"},
		},
		"testdata/noitems.xml": {
			title: "빈 채널", n: 0, warnings: []string{"testdata/noitems.xml: the feed has no items"},
		},
		"testdata/hostile.xml": {
			title: "악성 피드 클릭RLOiso", n: 2, first: "제목 ›31mRLO", ids: []string{"hostile-entity", "hostile-raw"},
		},
	}
	for src, w := range tests {
		t.Run(src, func(t *testing.T) {
			var warns warnings
			f, err := Load(context.Background(), src, warns.opts())
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != w.title {
				t.Errorf("title = %q, want %q", f.Title, w.title)
			}
			if f.Source != src {
				t.Errorf("source = %q, want %q", f.Source, src)
			}
			if len(f.Items) != w.n {
				t.Fatalf("%d items, want %d", len(f.Items), w.n)
			}
			if w.n > 0 && f.Items[0].Title != w.first {
				t.Errorf("newest = %q, want %q", f.Items[0].Title, w.first)
			}
			var ids []string
			for _, it := range f.Items {
				ids = append(ids, it.ID)
				if it.Source != src {
					t.Errorf("item source = %q, want %q", it.Source, src)
				}
				assertItemClean(t, it)
			}
			if w.ids != nil && !slices.Equal(ids, w.ids) {
				t.Errorf("ids = %q, want %q", ids, w.ids)
			}
			if !slices.Equal(warns, w.warnings) {
				t.Errorf("warnings = %q, want %q", warns, w.warnings)
			}
		})
	}
}

// assertItemClean checks every text field of it. The Markdown made from
// it is checked by feed/convert's tests on the same fixtures.
func assertItemClean(t *testing.T, it *Item) {
	t.Helper()
	fields := []string{it.ID, it.Title, it.Link, it.Author, it.Summary, it.Image, it.Body, it.Source}
	fields = append(fields, it.Categories...)
	for _, s := range fields {
		cleantest.AssertClean(t, s)
	}
	for _, s := range []string{it.Title, it.Author, it.Summary} {
		if strings.ContainsAny(s, "\n\t") || s != strings.TrimSpace(s) {
			t.Errorf("not one collapsed line: %q", s)
		}
	}
}

// TestSharedSamples checks the samples in the repository's testdata/, which
// the CLI and TUI tests and the README use.
func TestSharedSamples(t *testing.T) {
	t.Run("atom", func(t *testing.T) {
		f, err := Load(context.Background(), "../testdata/atom.xml", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) < 5 {
			t.Fatalf("%d items", len(f.Items))
		}
		if got := f.Items[0].Title; !strings.Contains(got, "R&D") || strings.Contains(got, "&amp;") {
			t.Errorf("newest title %q: want R&D decoded exactly once", got)
		}
		seed := f.Items[1]
		if seed.Title != "카카오톡 네트워크 오류 두 달 만에 접속 장애" || seed.Link != "https://newsdao.kr/4082" {
			t.Errorf("second newest is %q %q, want the seed", seed.Title, seed.Link)
		}
		if !slices.Equal(seed.Categories, []string{"News"}) || seed.Published != kst("2023-08-08 13:05") {
			t.Errorf("seed categories %q, date %v", seed.Categories, seed.Published)
		}
		assertNewestFirst(t, f.Items)
		long := false
		for _, it := range f.Items {
			long = long || len([]rune(it.Title)) > 30 // over 60 cells in Hangul
		}
		if !long {
			t.Error("no long title")
		}
	})
	t.Run("rss", func(t *testing.T) {
		f, err := Load(context.Background(), "../testdata/rss.xml", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) < 5 {
			t.Fatalf("%d items", len(f.Items))
		}
		assertNewestFirst(t, f.Items)
		for _, it := range f.Items {
			if strings.Contains(it.Title, "&amp;") || strings.Contains(it.Title, "&quot;") {
				t.Errorf("entity left in %q", it.Title)
			}
		}
	})
	t.Run("posts", func(t *testing.T) {
		var warns warnings
		f, err := Load(context.Background(), "../testdata/posts", warns.opts())
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) != 4 {
			t.Fatalf("%d items, want 4", len(f.Items))
		}
		if !slices.Equal(warns, []string{"../testdata/posts/notes.txt: not a post (plain text with no front matter); skipped"}) {
			t.Errorf("warnings = %q", warns)
		}
		assertNewestFirst(t, f.Items)
	})
}

func assertNewestFirst(t *testing.T, items []*Item) {
	t.Helper()
	for i := 1; i < len(items); i++ {
		if items[i].Published.After(items[i-1].Published) && !items[i-1].Published.IsZero() {
			t.Errorf("item %d (%v) is newer than item %d (%v)", i+1, items[i].Published, i, items[i-1].Published)
		}
	}
}

// TestLoadBadInput runs the bad inputs of issues 2 and 5: each fails with
// one line that names the source, or loads as a best effort.
func TestLoadBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	tests := map[string]struct {
		src     string
		wantErr string // the cause after "<src>: "; "" means it loads
		is      error
		items   int
		check   func(t *testing.T, f *Feed)
	}{
		"missing file":        {src: filepath.Join(dir, "nope.xml"), wantErr: "no such file", is: fs.ErrNotExist},
		"empty file":          {src: write("empty.xml", nil), wantErr: "not a feed or a post (empty file)", is: ErrNotFeed},
		"blank file":          {src: write("blank.txt", []byte("\n\n  \n")), wantErr: "not a feed or a post (empty file)", is: ErrNotFeed},
		"binary file":         {src: write("x.bin", png), wantErr: "not a feed or a post (looks like binary data)", is: ErrNotFeed},
		"html page":           {src: "testdata/page.html", wantErr: "not a feed or a post (an HTML page; give the address of its RSS or Atom feed)", is: ErrNotFeed},
		"html page with feed": {src: "testdata/page-with-feed.html", wantErr: "not a feed or a post (an HTML page; give the address of its RSS or Atom feed)", is: ErrNotFeed},
		"json not a feed":     {src: "testdata/notfeed.json", wantErr: "not a feed or a post (JSON, but not a JSON Feed)", is: ErrNotFeed},
		"plain text":          {src: "feed.go", wantErr: "not a feed or a post (plain text with no front matter)", is: ErrNotFeed},
		"late front matter":   {src: write("late.md", []byte("편집 메모: 태풍 카눈 후속 기사\n- 제주 항공편\n- 양식장 피해\n\n---\ntitle: 카눈 상륙\n---\n본문\n")), wantErr: "not a feed or a post (front matter must begin on the first line, not at line 5)", is: ErrNotFeed},
		"xml not a feed":      {src: write("pom.xml", []byte(`<?xml version="1.0"?><project><name>x</name></project>`)), wantErr: "not a feed or a post (XML or HTML, but no rss, feed or rdf root element)", is: ErrNotFeed},
		"truncated feed":      {src: "testdata/truncated.xml", wantErr: "malformed feed: XML syntax error on line 35: unexpected EOF"},
		"truncated json":      {src: write("cut.json", []byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "ti`)), wantErr: "malformed feed: unexpected end of JSON input"},
		"invalid utf-8 feed":  {src: write("bad-utf8.xml", []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t\xff\xfe</title><item><title>제목\xc3</title></item></channel></rss>")), items: 1, check: replaced},
		"invalid utf-8 post":  {src: write("bad-utf8.md", []byte("---\ntitle: 제목\xff\n---\n본문\xfe\n")), items: 1, check: replaced},
		"1 MB title": {src: write("long.xml", []byte("<rss version=\"2.0\"><channel><item><title>"+strings.Repeat("가", 1<<20/3)+"</title></item></channel></rss>")), items: 1,
			check: func(t *testing.T, f *Feed) {
				if n := len(f.Items[0].Title); n > MaxTitleBytes+len("…") || !strings.HasSuffix(f.Items[0].Title, "가…") {
					t.Errorf("title of %d bytes, ends %q", n, f.Items[0].Title[n-10:])
				}
			}},
		"prefixed atom root": {src: write("ns.xml", []byte(`<?xml version="1.0"?><atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>접두사</atom:title><atom:entry><atom:title>항목</atom:title><atom:id>urn:1</atom:id></atom:entry></atom:feed>`)), items: 1},
		"too large":          {src: sparse(t, filepath.Join(dir, "huge.xml"), MaxFileBytes+1), wantErr: "file too large (over 64 MiB)"},
		"name with escape":   {src: write("evil\x1b[2J.xml", nil), wantErr: "not a feed or a post (empty file)", is: ErrNotFeed},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f, err := Load(context.Background(), tc.src, Options{})
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(f.Items) != tc.items {
					t.Errorf("%d items, want %d", len(f.Items), tc.items)
				}
				for _, it := range f.Items {
					assertItemClean(t, it)
				}
				if tc.check != nil {
					tc.check(t, f)
				}
				return
			}
			assertSourceError(t, err, tc.src, tc.wantErr)
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
		})
	}
}

// replaced checks that the invalid bytes of a title became U+FFFD.
func replaced(t *testing.T, f *Feed) {
	if !strings.Contains(f.Items[0].Title, "\uFFFD") {
		t.Errorf("title %q: invalid bytes should become U+FFFD", f.Items[0].Title)
	}
}

// sparse makes a file of size bytes without writing them.
func sparse(t *testing.T, path string, size int64) string {
	t.Helper()
	file, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := file.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := file.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// assertSourceError checks that err is a one-line *SourceError naming src.
func assertSourceError(t *testing.T, err error, src, cause string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var se *SourceError
	if !errors.As(err, &se) {
		t.Fatalf("%T is not a *SourceError", err)
	}
	msg := err.Error()
	want := clean.Name(src) + ": " + cause
	if msg != want {
		t.Errorf("error = %q, want %q", msg, want)
	}
	if strings.ContainsAny(msg, "\n\r\x1b") {
		t.Errorf("error is not one clean line: %q", msg)
	}
}

// TestSourceErrorNamesTheFile: a file whose name holds an escape sequence
// is named by its error as the file it is, quoted, the sequence escaped,
// not as a name no file has.
func TestSourceErrorNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad\x1b]0;t.txt")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(context.Background(), path, Options{})
	want := `"` + filepath.Dir(path) + `/bad\x1b]0;t.txt": not a feed or a post (empty file)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestLoadPermissionDenied(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		// Root reads any file; the mapping is still tested below.
		t.Log("running as root: only the error mapping is tested")
	} else {
		dir := t.TempDir()
		path := filepath.Join(dir, "secret.xml")
		if err := os.WriteFile(path, []byte("<rss/>"), 0o000); err != nil {
			t.Fatal(err)
		}
		_, err := Load(context.Background(), path, Options{})
		assertSourceError(t, err, path, "permission denied")
	}
	err := &SourceError{Source: "x.xml", Err: fileError(&fs.PathError{Op: "open", Path: "x.xml", Err: fs.ErrPermission})}
	if err.Error() != "x.xml: permission denied" || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("error = %q", err)
	}
}

func TestLoadURL(t *testing.T) {
	atom, err := os.ReadFile("testdata/atom-seed.xml")
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	serve := func(path, ctype string, body []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			_, _ = w.Write(body)
		})
	}
	serve("/feed.xml", "application/atom+xml", atom)
	serve("/post", "text/plain; charset=utf-8", seed)
	serve("/", "text/html; charset=utf-8", page)
	withFeed, err := os.ReadFile("testdata/page-with-feed.html")
	if err != nil {
		t.Fatal(err)
	}
	serve("/home", "text/html", withFeed)
	serve("/euc-kr.xml", "application/rss+xml; charset=euc-kr",
		[]byte("<?xml version=\"1.0\" encoding=\"euc-kr\"?><rss version=\"2.0\"><channel><title>\xbc\xd3\xba\xb8</title><item><title>\xbc\xd3\xba\xb8</title><link>/1</link></item></channel></rss>"))
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	t.Run("atom", func(t *testing.T) {
		src := srv.URL + "/feed.xml"
		f, err := Load(context.Background(), src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) != 1 || f.Items[0].Link != "https://newsdao.kr/4082" || f.Source != src || f.Items[0].Source != src {
			t.Errorf("got %+v", f)
		}
	})
	t.Run("post", func(t *testing.T) {
		f, err := Load(context.Background(), srv.URL+"/post", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Items) != 1 || f.Items[0].Title != "카카오톡 네트워크 오류 두 달 만에 접속 장애" {
			t.Errorf("got %+v", f.Items)
		}
	})
	t.Run("euc-kr", func(t *testing.T) {
		f, err := Load(context.Background(), srv.URL+"/euc-kr.xml", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if f.Title != "속보" || len(f.Items) != 1 || f.Items[0].Title != "속보" {
			t.Errorf("got %q %+v", f.Title, f.Items)
		}
	})
	t.Run("html page", func(t *testing.T) {
		src := srv.URL + "/"
		_, err := Load(context.Background(), src, Options{})
		assertSourceError(t, err, src, "not a feed or a post (an HTML page; give the address of its RSS or Atom feed)")
	})
	t.Run("html page announcing a feed", func(t *testing.T) {
		src := srv.URL + "/home"
		_, err := Load(context.Background(), src, Options{})
		assertSourceError(t, err, src, "not a feed or a post (an HTML page; its feed is at "+srv.URL+"/feed.xml)")
	})
	t.Run("404", func(t *testing.T) {
		src := srv.URL + "/gone"
		_, err := Load(context.Background(), src, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), src+": http 404") {
			t.Errorf("error = %v", err)
		}
		var httpErr *fetch.HTTPError
		if !errors.As(err, &httpErr) || httpErr.StatusCode != http.StatusNotFound {
			t.Errorf("error %v does not unwrap to a 404 *fetch.HTTPError", err)
		}
	})
	t.Run("offline", func(t *testing.T) {
		// A port nothing listens on: connection refused, as offline.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		src := "http://" + ln.Addr().String() + "/rss/allArticle.xml"
		if err := ln.Close(); err != nil {
			t.Fatal(err)
		}
		_, err = Load(context.Background(), src, Options{})
		assertSourceError(t, err, src, "cannot connect to "+ln.Addr().String()+": connection refused (offline?)")
	})
	t.Run("fake fetcher", func(t *testing.T) {
		var got string
		fetcher := fetcherFunc(func(_ context.Context, url string) (*fetch.Response, error) {
			got = url
			return &fetch.Response{URL: url, ContentType: "application/atom+xml", Body: atom}, nil
		})
		f, err := Load(context.Background(), DefaultSource, Options{Fetcher: fetcher})
		if err != nil {
			t.Fatal(err)
		}
		if got != DefaultSource || len(f.Items) != 1 {
			t.Errorf("fetched %q, %d items", got, len(f.Items))
		}
	})
	t.Run("dns failure", func(t *testing.T) {
		fetcher := fetcherFunc(func(context.Context, string) (*fetch.Response, error) {
			return nil, &net.DNSError{Err: "no such host", Name: "newsdao.kr", IsNotFound: true}
		})
		_, err := Load(context.Background(), DefaultSource, Options{Fetcher: fetcher})
		assertSourceError(t, err, DefaultSource, "cannot resolve newsdao.kr: no such host (offline?)")
	})
	t.Run("timeout", func(t *testing.T) {
		fetcher := fetcherFunc(func(context.Context, string) (*fetch.Response, error) {
			return nil, context.DeadlineExceeded
		})
		_, err := Load(context.Background(), DefaultSource, Options{Fetcher: fetcher})
		assertSourceError(t, err, DefaultSource, "timed out (offline?)")
	})
	t.Run("canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		fetcher := fetcherFunc(func(ctx context.Context, _ string) (*fetch.Response, error) { return nil, ctx.Err() })
		_, err := Load(ctx, DefaultSource, Options{Fetcher: fetcher})
		assertSourceError(t, err, DefaultSource, "canceled")
	})
	t.Run("fetcher panics", func(t *testing.T) {
		fetcher := fetcherFunc(func(context.Context, string) (*fetch.Response, error) { panic("boom") })
		_, err := Load(context.Background(), DefaultSource, Options{Fetcher: fetcher})
		assertSourceError(t, err, DefaultSource, "internal error: boom")
	})
}

type fetcherFunc func(ctx context.Context, url string) (*fetch.Response, error)

func (f fetcherFunc) Fetch(ctx context.Context, url string) (*fetch.Response, error) {
	return f(ctx, url)
}

func TestSortItems(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2023, 8, day, 0, 0, 0, 0, time.UTC) }
	tests := map[string]struct {
		in   []time.Time
		want []string // item names in the sorted order
	}{
		"dated":            {[]time.Time{d(1), d(3), d(2)}, []string{"b", "c", "a"}},
		"ties keep order":  {[]time.Time{d(1), d(1), d(2)}, []string{"c", "a", "b"}},
		"undated last":     {[]time.Time{d(1), {}, d(3)}, []string{"c", "a", "b"}},
		"all undated":      {[]time.Time{{}, {}, {}}, []string{"a", "b", "c"}},
		"undated first":    {[]time.Time{{}, d(1), d(2)}, []string{"c", "b", "a"}},
		"undated in order": {[]time.Time{{}, d(1), {}, d(2), {}}, []string{"d", "b", "a", "c", "e"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var items []*Item
			for i, p := range tc.in {
				items = append(items, &Item{ID: string(rune('a' + i)), Published: p})
			}
			sortItems(items)
			var got []string
			for _, it := range items {
				got = append(got, it.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("order = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	f := &Feed{Source: "s", Items: []*Item{
		{ID: "https://newsdao.kr/2", Link: "https://newsdao.kr/2"},
		{ID: "guid-1", Link: "https://newsdao.kr/1"},
		{ID: "guid-3", Link: "https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD%EC%9D%80%ED%96%89"},
		{ID: "https://x.kr/한국", Link: ""},
	}}
	tests := map[string]struct {
		key     string
		want    int // index, or -1 for an error
		wantErr string
	}{
		"index 1":      {key: "1", want: 0},
		"index 2":      {key: " 2 ", want: 1},
		"id":           {key: "guid-1", want: 1},
		"link":         {key: "https://newsdao.kr/1", want: 1},
		"decoded link": {key: "https://ko.wikipedia.org/wiki/한국은행", want: 2},
		"encoded link": {key: "https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD%EC%9D%80%ED%96%89", want: 2},
		"NFD link":     {key: norm.NFD.String("https://ko.wikipedia.org/wiki/한국은행"), want: 2},
		"encoded id":   {key: "https://x.kr/%ED%95%9C%EA%B5%AD", want: 3},
		"index 0":      {key: "0", want: -1, wantErr: "no such item: 0 (choose 1 to 4)"},
		"index 5":      {key: "5", want: -1, wantErr: "no such item: 5 (choose 1 to 4)"},
		"unknown":      {key: "nope", want: -1, wantErr: "no such item: nope (give its number, ID or link)"},
		"escape in it": {key: "x\x1b[2J", want: -1, wantErr: "no such item: x (give its number, ID or link)"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			it, err := Find(f, tc.key)
			if tc.want < 0 {
				if err == nil || err.Error() != tc.wantErr || !errors.Is(err, ErrNoItem) {
					t.Errorf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if it != f.Items[tc.want] {
				t.Errorf("found %q, want %q", it.ID, f.Items[tc.want].ID)
			}
		})
	}
	if _, err := Find(&Feed{}, "1"); err == nil || err.Error() != "no such item: 1 (the source has no items)" {
		t.Errorf("empty feed: %v", err)
	}
}

func FuzzLoad(f *testing.F) {
	for _, dir := range []string{"testdata", "../testdata", "../testdata/posts"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte{})
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("<rss><channel><item><title>&#27;[2J"))
	// Liquid's blocks, closed and not, nested, with whitespace control.
	f.Add([]byte(jekyllCode))
	f.Add([]byte("---\n---\n{%- highlight go -%}\n```\n{% raw %}{% endhighlight %}{% endraw %}{% comment %}x{%- endcomment -%}\n{%endhighlight%}\n{% highlight %}"))
	f.Add([]byte("---\n---\n<p>{% highlight html %}<b>{% comment %}{% raw %}</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var opts Options
		feed, err := parse(data, "", "fuzz.xml", "https://newsdao.kr/", &opts)
		if err != nil {
			if msg := (&SourceError{Source: "fuzz.xml", Err: err}).Error(); strings.ContainsAny(msg, "\n\x1b") {
				t.Fatalf("error is not one clean line: %q", msg)
			}
			return
		}
		assertNewestFirst(t, feed.Items)
		cleantest.AssertClean(t, feed.Title)
		cleantest.AssertClean(t, feed.Link)
		for _, it := range feed.Items {
			assertItemClean(t, it)
		}
	})
}

// TestLateFrontMatter: a "---" line below the first line of text is
// said to open front matter only when a YAML key follows it, so that a
// Markdown rule or a heading's underline is not taken for one.
func TestLateFrontMatter(t *testing.T) {
	tests := map[string]struct {
		text string
		want int
	}{
		"below a note":       {"메모\n\n---\ntitle: x\n---\n", 3},
		"crlf and spaces":    {"메모\r\n---  \r\ndate: 2023-08-09\r\n", 2},
		"key with no value":  {"메모\n---\ncategories:\n  - a\n", 2},
		"markdown rule":      {"첫 문단\n\n---\n\n둘째 문단: 끝\n", 0},
		"heading underline":  {"제목\n---\n본문\n", 0},
		"text after dashes":  {"메모\n---\n주의: 한글 키는 YAML 키로 보지 않음\n", 0},
		"url is not a key":   {"메모\n---\nhttps://newsdao.kr\n", 0},
		"dashes at the end":  {"메모\n---", 0},
		"no dashes":          {"메모\ntitle: x\n", 0},
		"past the scan":      {strings.Repeat("x\n", lateFrontScan/2) + "---\ntitle: x\n", 0},
		"last of two dashes": {"메모\n---\n---\ntitle: x\n", 3},
	}
	for name, tc := range tests {
		if got := lateFrontMatter([]byte(tc.text)); got != tc.want {
			t.Errorf("%s: line %d, want %d", name, got, tc.want)
		}
	}
}
