package library

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/fetch"
	"sokbo/feed/opml"
	"sokbo/feed/refresh"
	"sokbo/feed/search"
	"sokbo/render/lang"
)

// TestDescribe: each typed cause of feed/ is worded in both languages,
// with the source apart, and no Korean line holds the English of the
// error's own message.
func TestDescribe(t *testing.T) {
	src := "https://news.example.kr/rss"
	refused := &fetch.NetError{Op: fetch.OpConnect, Host: "news.example.kr:443",
		Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}
	_, badQuery := search.Parse(`is:maybe`, search.Options{})
	tests := map[string]struct {
		err    error
		source string
		ko, en string
	}{
		"no items": {&feed.SourceError{Source: src, Err: feed.ErrNoItems}, src,
			"피드에 기사가 없습니다", "the feed has no items"},
		"http": {&feed.SourceError{Source: src, Err: fmt.Errorf("get: %w", &fetch.HTTPError{StatusCode: 404, Status: clean.Outside("404 Not Found")})}, src,
			"서버 응답 404 (찾을 수 없음)", "http 404 Not Found"},
		"refused": {&feed.SourceError{Source: src, Err: refused}, src,
			"news.example.kr:443에 연결할 수 없음: 연결 거부 (오프라인?)", "cannot connect to news.example.kr:443: connection refused (offline?)"},
		"timeout": {&feed.SourceError{Source: src, Err: &fetch.TimeoutError{After: 15 * time.Second}}, src,
			"서버가 15s 안에 응답을 끝내지 않음", "the server did not finish answering within 15s"},
		"connect timeout": {&feed.SourceError{Source: src, Err: &fetch.NetError{Op: fetch.OpConnect, Host: "news.example.kr:443", Err: &fetch.TimeoutError{After: 15 * time.Second}}}, src,
			"news.example.kr:443에 연결할 수 없음: 15s 안에 응답 없음 (오프라인?)", "cannot connect to news.example.kr:443: timed out after 15s (offline?)"},
		"html page": {&feed.SourceError{Source: src, Err: &feed.NotFeedError{Kind: feed.NotFeedHTML, FeedAt: "https://news.example.kr/feed"}}, src,
			"피드도 글도 아닙니다 (HTML 페이지; 피드 주소는 https://news.example.kr/feed)", "not a feed or a post (an HTML page; its feed is at https://news.example.kr/feed)"},
		"no file": {&feed.SourceError{Source: "nope.xml", Err: fmt.Errorf("open: %w", fs.ErrNotExist)}, "nope.xml",
			"파일이 없음", "no such file"},
		"skipped": {&feed.SourceError{Source: "_posts/a.md", Err: &feed.SkippedError{Err: &feed.NotPostError{Feed: true}}}, "_posts/a.md",
			"글이 아닙니다 (피드); 건너뜀", "not a post (a feed); skipped"},
		"late front matter": {&feed.SourceError{Source: "_posts/notes.txt", Err: &feed.SkippedError{Err: &feed.NotPostError{Kind: feed.NotFeedLateFront, Line: 5}}}, "_posts/notes.txt",
			"글이 아닙니다 (머리말(front matter)은 5행이 아니라 첫 줄에서 시작해야 함); 건너뜀", "not a post (front matter must begin on the first line, not at line 5); skipped"},
		"late front matter file": {&feed.SourceError{Source: "notes.txt", Err: &feed.NotFeedError{Kind: feed.NotFeedLateFront, Line: 5}}, "notes.txt",
			"피드도 글도 아닙니다 (머리말(front matter)은 5행이 아니라 첫 줄에서 시작해야 함)", "not a feed or a post (front matter must begin on the first line, not at line 5)"},
		"no posts": {&feed.SourceError{Source: "site", Err: &feed.NoPostsError{}}, "site",
			"이 폴더에 글이 없습니다", "no posts in this folder"},
		"no posts, one skipped": {&feed.SourceError{Source: "site", Err: &feed.NoPostsError{Skipped: 1, FirstName: "notes.txt", First: &feed.NotPostError{Kind: feed.NotFeedText}}}, "site",
			"이 폴더에 글이 없습니다 (파일 1개 건너뜀; notes.txt: 머리말 없는 텍스트)", "no posts in this folder (1 file skipped; notes.txt: plain text with no front matter)"},
		"no posts, many skipped": {&feed.SourceError{Source: "/etc", Err: &feed.NoPostsError{Skipped: 1069, FirstName: "adduser.conf", First: &feed.NotPostError{Kind: feed.NotFeedLateFront, Line: 5}}}, "/etc",
			"이 폴더에 글이 없습니다 (파일 1,069개 건너뜀; 첫 파일 adduser.conf: 머리말(front matter)은 5행이 아니라 첫 줄에서 시작해야 함)",
			"no posts in this folder (1,069 files skipped; the first, adduser.conf: front matter must begin on the first line, not at line 5)"},
		"no posts, unreadable": {&feed.SourceError{Source: "d", Err: &feed.NoPostsError{Skipped: 2, FirstName: "a.md", First: fmt.Errorf("open: %w", fs.ErrPermission)}}, "d",
			"이 폴더에 글이 없습니다 (파일 2개 건너뜀; 첫 파일 a.md: 권한이 없음)", "no posts in this folder (2 files skipped; the first, a.md: permission denied)"},
		"command url": {clean.ErrCommandURL, "",
			"주소가 아니라 명령; sokbo는 명령을 실행하지 않습니다", "a command, not an address; sokbo never runs commands"},
		"too large": {&feed.SourceError{Source: src, Err: fmt.Errorf("get: %w", &fetch.LimitError{Err: fetch.ErrTooLarge, Limit: 20 << 20})}, src,
			"응답이 크기 제한(20 MiB)을 넘음", "response body exceeds size limit (20 MiB)"},
		"headers too large": {&feed.SourceError{Source: src, Err: &fetch.LimitError{Err: fetch.ErrHeadersTooLarge, Limit: 1 << 20}}, src,
			"응답 헤더가 크기 제한(1 MiB)을 넘음", "response headers exceed size limit (1 MiB)"},
		"canceled": {&feed.SourceError{Source: src, Err: context.Canceled}, src, "취소됨", "canceled"},
		"query":    {badQuery, "", `검색어 오류 "is:maybe": is:에는 unread, read, starred만 씀`, `bad query at "is:maybe": is: takes unread, read or starred`},
		// The operating system's common failures, in Korean words too.
		"permission": {&fs.PathError{Op: "open", Path: "/x/a.db", Err: syscall.EACCES}, "/x/a.db", "권한이 없음", "permission denied"},
		"disk full":  {&fs.PathError{Op: "write", Path: "/x/a.db", Err: syscall.ENOSPC}, "/x/a.db", "디스크가 가득 참", "the disk is full"},
		"read-only":  {&fs.PathError{Op: "open", Path: "/x/a.db", Err: syscall.EROFS}, "/x/a.db", "읽기 전용 파일 시스템", "read-only file system"},
		"open files": {&fs.PathError{Op: "open", Path: "/x/a.db", Err: syscall.EMFILE}, "/x/a.db",
			"열린 파일이 너무 많음 (ulimit -n)", "too many open files (ulimit -n)"},
		"reset": {fmt.Errorf("read body: %w", &net.OpError{Op: "read", Net: "tcp", Err: &os.SyscallError{Syscall: "read", Err: syscall.ECONNRESET}}), "",
			"연결이 끊김 (상대가 재설정)", "connection reset by peer"},
		"quota": {fmt.Errorf("save: %w", &os.SyscallError{Syscall: "write", Err: syscall.EDQUOT}), "", "디스크 할당량 초과", "disk quota exceeded"},
		"other errno": {&os.SyscallError{Syscall: "ioctl", Err: syscall.ENOTTY}, "",
			"시스템 오류: inappropriate ioctl for device", "inappropriate ioctl for device"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for l, want := range map[lang.Lang]string{lang.Ko: tc.ko, lang.En: tc.en} {
				source, cause := Describe(l, tc.err)
				if source != tc.source || cause != want {
					t.Errorf("%v: Describe = %q, %q; want %q, %q", l, source, cause, tc.source, want)
				}
			}
		})
	}
	if !errors.Is(&feed.NotFeedError{}, feed.ErrNotFeed) {
		t.Error("NotFeedError does not match ErrNotFeed")
	}
}

// TestDescribeOPMLTooLarge: an OPML file over the size cap is told in
// the user's language, as every other import error is.
func TestDescribeOPMLTooLarge(t *testing.T) {
	_, err := opml.Read(io.LimitReader(spaces{}, opml.MaxBytes+1))
	if !errors.Is(err, opml.ErrTooLarge) {
		t.Fatalf("Read of %d bytes: %v; want ErrTooLarge", opml.MaxBytes+1, err)
	}
	for l, want := range map[lang.Lang]string{lang.Ko: "OPML 파일이 너무 큼 (10 MiB 넘음)", lang.En: "the OPML file is too large (over 10 MiB)"} {
		if _, cause := Describe(l, err); cause != want {
			t.Errorf("%v: %q\nwant %q", l, cause, want)
		}
	}
}

// spaces reads as an endless run of spaces.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// TestDescribeNotOPML: a file import cannot read says why, in the
// user's language, with the XML error's line, and no character of the
// file's reaches the line: not the escape of &#27;, not a raw one, not
// a tag's name.
func TestDescribeNotOPML(t *testing.T) {
	head := "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head/>\n"
	tests := map[string]struct{ doc, ko, en string }{
		"reference": {head + `<body><outline text="a&#27;[2Jb" xmlUrl="https://a.example/rss"/></body></opml>`,
			"OPML 파일이 아님: 3번째 줄: XML에서 쓸 수 없는 제어 문자 (U+001B)", "not an OPML file: line 3: a control character XML forbids (U+001B)"},
		"raw escape": {head + "\n<body><outline text=\"a\x1b[2Jb\"/></body></opml>",
			"OPML 파일이 아님: 4번째 줄: XML에서 쓸 수 없는 제어 문자 (U+001B)", "not an OPML file: line 4: a control character XML forbids (U+001B)"},
		"noncharacter": {head + `<body><outline text="&#xFFFE;"/></body></opml>`,
			"OPML 파일이 아님: 3번째 줄: XML에서 쓸 수 없는 문자 (U+FFFE)", "not an OPML file: line 3: a character XML forbids (U+FFFE)"},
		"truncated": {head + `<body><outline text="x"`,
			"OPML 파일이 아님: 3번째 줄: 요소가 닫히기 전에 파일이 끝남", "not an OPML file: line 3: the file ends before its elements close"},
		"bad entity": {head + "<body>&bo\x1bgus;</body></opml>",
			"OPML 파일이 아님: 3번째 줄: XML에서 쓸 수 없는 제어 문자 (U+001B)", "not an OPML file: line 3: a control character XML forbids (U+001B)"},
		"stray end tag": {head + "<body>\n</outline>\n<outline text=\"x\" xmlUrl=\"https://a.example/rss\"/></body></opml>",
			"OPML 파일이 아님: 4번째 줄: 여는 태그 없는 닫는 태그 </outline>", "not an OPML file: line 4: </outline> closes no open element"},
		"no </body>": {head + "<body>\n<outline text=\"x\" xmlUrl=\"https://a.example/rss\"/>\n</opml>",
			"OPML 파일이 아님: 3번째 줄: 5번째 줄의 </opml> 앞까지 닫히지 않은 <body>", "not an OPML file: line 3: <body> is not closed before </opml> on line 5"},
		"ends open": {head + "<body>\n<outline text=\"x\" xmlUrl=\"https://a.example/rss\"/>\n",
			"OPML 파일이 아님: 3번째 줄: 파일 끝까지 닫히지 않은 <body>", "not an OPML file: line 3: <body> is not closed before the file ends"},
		"root":  {"<html><body/></html>", "OPML 파일이 아님: 최상위 요소가 <opml>이 아니라 <html>", "not an OPML file: the root element is <html>, not <opml>"},
		"empty": {" \n", "OPML 파일이 아님: 빈 파일", "not an OPML file: an empty file"},
		"text":  {"this is not xml", "OPML 파일이 아님: XML 요소가 하나도 없음", "not an OPML file: no XML element in it"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := opml.Read(strings.NewReader(tc.doc))
			if !errors.Is(err, opml.ErrNotOPML) {
				t.Fatalf("Read: %v; want ErrNotOPML", err)
			}
			for l, want := range map[lang.Lang]string{lang.Ko: tc.ko, lang.En: tc.en} {
				if _, cause := Describe(l, err); cause != want {
					t.Errorf("%v: %q\nwant %q", l, cause, want)
				}
			}
		})
	}
}

// TestStoredCauseByKind: a failure a previous run stored is worded by its
// kind in Korean, as the English run quotes it: a redirect loop is not
// just "fetch failed".
func TestStoredCauseByKind(t *testing.T) {
	for stored, want := range map[string]string{
		"redirect loop":                                       lang.Ko.RedirectLoop(),
		"too many redirects (10)":                             lang.Ko.TooManyRedirects(),
		"redirect to a non-http address refused (file:)":      lang.Ko.RedirectScheme(),
		`Get "file:///x": unsupported protocol scheme "file"`: lang.Ko.RedirectScheme(),
		"http 404 Not Found":                                  lang.Ko.HTTPStatus(404, "", 0, false),
		"response body exceeds size limit (1 KiB)":            lang.Ko.TooLarge("1 KiB"),
		"response headers exceed size limit (1 MiB)":          lang.Ko.HeadersTooLarge("1 MiB"),
		"timed out after 2s":                                  lang.Ko.ServerSlow(2 * time.Second),
	} {
		info := FeedInfo{LastError: stored, Failure: "http"}
		if got := StoredCause(lang.Ko, info); got != want {
			t.Errorf("StoredCause(Ko, %q) = %q, want %q", stored, got, want)
		}
		if got := StoredCause(lang.En, info); got != stored {
			t.Errorf("StoredCause(En, %q) = %q", stored, got)
		}
	}
	// Fetching the redirect to file: says so in both languages.
	err := fmt.Errorf("wrap: %w", fetch.ErrRedirectScheme)
	if _, c := Describe(lang.Ko, err); c != lang.Ko.RedirectScheme() {
		t.Errorf("Describe(Ko) = %q", c)
	}
}

// TestLastTriedNamesTheDay: a stored failure whose next try is tomorrow
// (a Retry-After of a day) says the date of it, not a time that reads
// as now; the live cause says the wait in words, and that it was capped.
func TestLastTriedNamesTheDay(t *testing.T) {
	now := time.Date(2026, 12, 2, 20, 11, 0, 0, time.UTC)
	he := &fetch.HTTPError{StatusCode: 503, Status: clean.Outside("503 Service Unavailable"), RetryAfter: fetch.MaxRetryAfter, RetryCapped: true}
	le := &lastError{
		info: FeedInfo{LastError: he.Error(), Failure: "http", LastFetch: now, Failures: 1, RetryAt: now.Add(fetch.MaxRetryAfter)},
		sub:  feed.Subscription{URL: "https://example.com/feed"}, def: 10 * time.Minute, now: now.Add(time.Minute),
	}
	const enCause = "http 503 Service Unavailable (retry after 24 hours: the server asked for longer; 24 hours is the most sokbo waits)"
	for l, want := range map[lang.Lang]string{
		lang.En: enCause + " (tried at 20:11; next at 2026-12-03 20:11)",
		lang.Ko: "서버 응답 503 (서비스를 쓸 수 없음) (20:11에 시도; 다음은 2026-12-03 20:11)",
	} {
		if _, got := Describe(l, le); got != want {
			t.Errorf("%v: %q, want %q", l, got, want)
		}
	}
	if got, want := le.Error(), "https://example.com/feed: "+enCause+" (tried at 20:11; next at 2026-12-03 20:11)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	for l, want := range map[lang.Lang]string{
		lang.En: enCause,
		lang.Ko: "서버 응답 503 (서비스를 쓸 수 없음), 24시간 뒤에 다시 (서버는 더 오래 기다리라 했으나 sokbo는 24시간까지만 기다림)",
	} {
		if _, got := Describe(l, he); got != want {
			t.Errorf("live %v: %q, want %q", l, got, want)
		}
	}
	if got := lang.En.Span(90*time.Minute + 5*time.Second); got != "1 hour 30 minutes 5 seconds" {
		t.Errorf("Span = %q", got)
	}
}

// TestDescribePost: a post read as far as it could be is said with the
// file and line as source, "post.md:3", and what was left out, in both
// languages; the YAML parser's English is worded in Korean.
func TestDescribePost(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ text, en, ko string }{
		{"---\ntitle: x\ndate: 2024-13-45\n---\n본문\n",
			"post.md:3: date 2024-13-45 is no date; shown undated",
			"post.md:3: 날짜를 읽을 수 없음(2024-13-45); 날짜 없이 표시함"},
		{"---\ntitle: x\n\n본문\n",
			"post.md:1: front matter is not closed by a --- line; taken to end at line 3",
			"post.md:1: 머리말(front matter)을 닫는 --- 줄이 없음; 3행에서 끝난 것으로 읽음"},
		{"---\ntitle: [x\ndate: 2024-01-02\n---\n본문\n",
			"post.md:2: bad front matter: did not find expected ',' or ']'; read without line 2",
			"post.md:2: 글의 머리말(front matter)이 잘못됨: YAML에 있어야 할 ',' 또는 ']'이(가) 없음; 2행을 빼고 읽음"},
		{"---\na: &a 1\nb: *a\nc: *a\n---\n본문\n",
			"post.md:3: bad front matter: YAML aliases are not allowed; read without line 3 and 1 more key",
			"post.md:3: 글의 머리말(front matter)이 잘못됨: YAML 별칭(alias)은 쓸 수 없음; 3행과 다른 키 1개를 빼고 읽음"},
	} {
		path := dir + "/post.md"
		if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		var warned []error
		if _, err := feed.Load(context.Background(), path, feed.Options{Warn: func(err error) { warned = append(warned, err) }}); err != nil {
			t.Fatal(err)
		}
		if len(warned) != 1 {
			t.Fatalf("%q: warnings %v, want one", tc.text, warned)
		}
		for l, want := range map[lang.Lang]string{lang.En: tc.en, lang.Ko: tc.ko} {
			source, cause := Describe(l, warned[0])
			if got := strings.TrimPrefix(source, dir+"/") + ": " + cause; got != want {
				t.Errorf("%v: %q, want %q", l, got, want)
			}
		}
		if got, want := strings.TrimPrefix(warned[0].Error(), dir+"/"), tc.en; got != want {
			t.Errorf("Error() = %q, want %q", got, want)
		}
	}
}

// TestDescribeMalformed (QA 3): a feed the parser cannot read says where
// it stopped and why, a line of XML or a byte of JSON, not just
// "malformed feed".
func TestDescribeMalformed(t *testing.T) {
	tests := map[string]struct{ name, doc, ko, en string }{
		"truncated rss": {"cut.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel><item><title>가람시",
			"피드의 형식이 잘못됨: 3번째 줄: 요소가 닫히기 전에 파일이 끝남", "malformed feed: line 3: the file ends before its elements close"},
		"json syntax": {"bad.json", `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1",}]}`,
			"피드의 형식이 잘못됨: 66번째 바이트에 JSON 문법 오류", "malformed feed: a JSON syntax error at byte 66"},
		"truncated json": {"cut.json", `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","ti`,
			"피드의 형식이 잘못됨: 값이 닫히기 전에 JSON이 끝남", "malformed feed: the JSON ends before its values close"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			path := t.TempDir() + "/" + tc.name
			if err := os.WriteFile(path, []byte(tc.doc), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := feed.Load(context.Background(), path, feed.Options{})
			if !errors.Is(err, feed.ErrMalformed) {
				t.Fatalf("Load: %v; want ErrMalformed", err)
			}
			for l, want := range map[lang.Lang]string{lang.Ko: tc.ko, lang.En: tc.en} {
				if _, cause := Describe(l, err); cause != want {
					t.Errorf("%v: %q\nwant %q", l, cause, want)
				}
			}
		})
	}
}

// TestDescribeNotHTTP: a server whose answer net/http cannot read (a
// header line with a control character in it) is said in words, in
// either language, not in net/http's.
func TestDescribeNotHTTP(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 4096)
			c.Read(buf)
			io.WriteString(c, "HTTP/1.1 302 Found\r\nLocation: /x\x1b[31mred\r\nContent-Length: 0\r\n\r\n")
			c.Close()
		}
	}()
	src := "http://" + ln.Addr().String() + "/feed"
	_, err = feed.Load(t.Context(), src, feed.Options{Fetcher: &fetch.HTTPFetcher{Timeout: 5 * time.Second}})
	if err == nil {
		t.Fatal("no error")
	}
	for l, want := range map[lang.Lang]string{
		lang.Ko: "서버의 응답이 HTTP가 아님 (헤더가 잘못됨)",
		lang.En: "the server's answer is not HTTP (a malformed header)",
	} {
		if source, cause := Describe(l, err); source != src || cause != want {
			t.Errorf("%v: %q: %q, want %q", l, source, cause, want)
		}
	}
}

// TestStoredNetCause: a network failure read back on a later run keeps
// its host and cause in Korean, as the attempt that stored it said them:
// "127.0.0.1:9에 연결할 수 없음: 연결 거부", not only "네트워크 오류".
func TestStoredNetCause(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.Listener.Addr().String()
	srv.Close() // nothing listens there now: the connection is refused
	_, err := (&fetch.HTTPFetcher{}).Fetch(context.Background(), "http://"+addr+"/a.xml")
	if _, ok := fetch.AsNetError(err); !ok {
		t.Fatalf("Fetch of a closed port: %v; want a network error", err)
	}
	_, live := Describe(lang.Ko, &feed.SourceError{Source: "http://" + addr + "/a.xml", Err: err})
	if want := lang.Ko.CannotConnect(addr, lang.Ko.ConnRefused()) + lang.Ko.Offline(); live != want {
		t.Fatalf("live cause %q, want %q", live, want)
	}
	for stored, want := range map[string]string{
		"cannot connect to " + addr + ": connection refused (offline?)":        live,
		"cannot connect to h:80: connection reset by peer (offline?)":          lang.Ko.CannotConnect("h:80", lang.Ko.ConnReset()) + lang.Ko.Offline(),
		"cannot connect to h:80: timed out after 10s (offline?)":               lang.Ko.CannotConnect("h:80", lang.Ko.TimedOut(10*time.Second)) + lang.Ko.Offline(),
		"cannot resolve nowhere.invalid: no such host (offline?)":              lang.Ko.CannotResolve("nowhere.invalid", lang.Ko.NoSuchHost()) + lang.Ko.Offline(),
		"TLS with h:443 failed: x509: certificate signed by unknown authority": lang.Ko.TLSFailed("h:443", lang.Ko.CertUntrusted()),
		"cannot connect to h:80: something new (offline?)":                     lang.Ko.CannotConnect("h:80", lang.Ko.NetFailed()) + lang.Ko.Offline(),
	} {
		info := FeedInfo{LastError: stored, Failure: refresh.FailNetwork.String()}
		if got := StoredCause(lang.Ko, info); got != want {
			t.Errorf("StoredCause(Ko, %q) = %q, want %q", stored, got, want)
		}
		if got := StoredCause(lang.En, info); got != stored {
			t.Errorf("StoredCause(En, %q) = %q", stored, got)
		}
		if got := StoredFullTextCause(lang.Ko, strings.TrimSuffix(stored, " (offline?)")); got != strings.TrimSuffix(want, lang.Ko.Offline()) {
			t.Errorf("StoredFullTextCause(Ko, %q) = %q", stored, got)
		}
	}
}
