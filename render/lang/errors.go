package lang

import (
	"fmt"
	"strings"
	"time"
)

// Why things failed: the causes front ends put after the source they
// name (see library.Describe). Each is a clause that reads after
// "source: ".

// Unknown is a failure with nothing said about it.
func (l Lang) Unknown() string { return l.pick("알 수 없는 오류", "unknown error") }

// Canceled is work stopped because sokbo is quitting.
func (l Lang) Canceled() string { return l.pick("취소됨", "canceled") }

// Internal is a bug caught before it could crash sokbo.
func (l Lang) Internal() string { return l.pick("내부 오류", "internal error") }

// NoItems is a feed with no items.
func (l Lang) NoItems() string {
	return l.pick("피드에 기사가 없습니다", "the feed has no items")
}

// NoPosts is a folder with no posts.
func (l Lang) NoPosts() string {
	return l.pick("이 폴더에 글이 없습니다", "no posts in this folder")
}

// NoPostsSkipped is a folder with no posts whose n files were all
// skipped: the first, by its name, for why.
func (l Lang) NoPostsSkipped(n int, first, why string) string {
	if n == 1 {
		return l.f("%s (파일 1개 건너뜀; %s: %s)", "%s (1 file skipped; %s: %s)", l.NoPosts(), first, why)
	}
	return l.f("%s (파일 %s개 건너뜀; 첫 파일 %s: %s)", "%s (%s files skipped; the first, %s: %s)", l.NoPosts(), Thousands(n), first, why)
}

// NotFeed is a source that is neither a feed nor a post; what says what
// it is (NotFeedWhat).
func (l Lang) NotFeed(what string) string {
	return l.f("피드도 글도 아닙니다 (%s)", "not a feed or a post (%s)", what)
}

// NotPost is a file in a folder of posts that is not a post.
func (l Lang) NotPost(what string) string {
	return l.f("글이 아닙니다 (%s)", "not a post (%s)", what)
}

// What a source that is not a feed is instead.
func (l Lang) WhatText() string {
	return l.pick("머리말 없는 텍스트", "plain text with no front matter")
}
func (l Lang) WhatBinary() string {
	return l.pick("이진 데이터로 보임", "looks like binary data")
}
func (l Lang) WhatEmpty() string { return l.pick("빈 파일", "empty file") }
func (l Lang) WhatJSON() string {
	return l.pick("JSON Feed가 아닌 JSON", "JSON, but not a JSON Feed")
}
func (l Lang) WhatXML() string {
	return l.pick("rss, feed, rdf 루트 요소가 없는 XML 또는 HTML", "XML or HTML, but no rss, feed or rdf root element")
}
func (l Lang) WhatFeed() string { return l.pick("피드", "a feed") }

// WhatLateFront is text whose front matter opens at line, not on its
// first line, where alone Jekyll (and sokbo) reads it.
func (l Lang) WhatLateFront(line int) string {
	return l.f("머리말(front matter)은 %d행이 아니라 첫 줄에서 시작해야 함", "front matter must begin on the first line, not at line %d", line)
}

// WhatHTML is an HTML page; feedAt is the feed it announces, or "".
func (l Lang) WhatHTML(feedAt string) string {
	if feedAt != "" {
		return l.f("HTML 페이지; 피드 주소는 %s", "an HTML page; its feed is at %s", feedAt)
	}
	return l.pick("HTML 페이지; RSS나 Atom 피드의 주소를 주세요", "an HTML page; give the address of its RSS or Atom feed")
}

// Skipped is a file of a folder left unread, and why.
func (l Lang) Skipped(why string) string { return l.f("%s; 건너뜀", "%s; skipped", why) }

// SkippedMore is n more files left unread, not named one by one.
func (l Lang) SkippedMore(n int) string {
	return l.f("글이 아닌 파일 %s개를 더 건너뜀", "skipped %s more files that are not posts", Thousands(n))
}

// NotedMore is n more files read with notes of their own, not said one
// by one.
func (l Lang) NotedMore(n int) string {
	return l.f("알릴 것이 있는 파일 %s개를 더 읽음(하나하나 말하지 않음)", "read %s more files with notes of their own, not said one by one", Thousands(n))
}

// Declared names where a charset was declared, for Mislabelled:
// 0 the HTTP Content-Type header, 1 the XML declaration, 2 a <meta charset>.
func (l Lang) Declared(where int) string {
	switch where {
	case 0:
		return l.pick("HTTP 헤더", "the Content-Type header")
	case 1:
		return l.pick("XML 선언", "the XML declaration")
	}
	return l.pick("<meta charset>", "<meta charset>")
}

// Mislabelled is a source whose by (see Declared) says UTF-8 but whose
// bytes are not, and were read as CP949 (EUC-KR); what was done comes
// first, so that a line cut to a narrow screen still says it.
func (l Lang) Mislabelled(by string) string {
	return l.f("CP949(EUC-KR)로 읽음: %s에는 UTF-8로 되어 있으나 UTF-8이 아님", "read as CP949 (EUC-KR): declared UTF-8 by %s but is not", by)
}

// MislabelledAs is a source whose by (see Declared) says the Western
// charset label but whose bytes are Korean, and were read as CP949.
func (l Lang) MislabelledAs(label, by string) string {
	return l.f("CP949(EUC-KR)로 읽음: %s에는 %s로 되어 있으나 한국어임", "read as CP949 (EUC-KR): declared %[2]s by %[1]s but is Korean", by, label)
}

// UnknownCharset is a source whose by (see Declared) declares label, a
// charset sokbo does not know, read as UTF-8, or as CP949 when cp949.
func (l Lang) UnknownCharset(label, by string, cp949 bool) string {
	if cp949 {
		return l.f("CP949(EUC-KR)로 읽음: %s에는 %s로 되어 있으나 알 수 없는 문자 인코딩임", "read as CP949 (EUC-KR): declared %[2]s by %[1]s, a charset sokbo does not know", by, label)
	}
	return l.f("UTF-8로 읽음: %s에는 %s로 되어 있으나 알 수 없는 문자 인코딩임", "read as UTF-8: declared %[2]s by %[1]s, a charset sokbo does not know", by, label)
}

// InvalidBytes is a body read as UTF-8 with n runs of bytes neither
// UTF-8 nor CP949 could read, each shown as U+FFFD.
func (l Lang) InvalidBytes(n int) string {
	if l == En && n == 1 {
		return "1 run of bytes that are not UTF-8 (nor CP949) shown as \uFFFD"
	}
	return l.f("UTF-8도 CP949도 아닌 바이트 %s곳을 \uFFFD로 표시함", "%s runs of bytes that are not UTF-8 (nor CP949) shown as \uFFFD", Thousands(n))
}

// CappedItems is a feed cut to its first kept items.
func (l Lang) CappedItems(kept, total int) string {
	return l.f("기사 %s건 중 처음 %s건만 읽음", "kept the first %[2]s of %[1]s items", Thousands(total), Thousands(kept))
}

// BadDates is a feed whose n items give dates that are no dates, the
// first date; they are shown undated.
func (l Lang) BadDates(n int, first string) string {
	if n == 1 {
		return l.f("기사 1건의 날짜를 읽을 수 없음(%s); 날짜 없이 표시함", "an item's date %s is no date; shown undated", first)
	}
	return l.f("기사 %s건의 날짜를 읽을 수 없음(처음 것: %s); 날짜 없이 표시함", "%s items' dates are no dates (the first: %s); shown undated", Thousands(n), first)
}

// NameCut is a feed whose name (its <title>) longer than kib KiB was
// cut there, marked with "…".
func (l Lang) NameCut(kib int) string {
	return l.f("피드 이름이 %d KiB보다 길어 잘림", "cut the feed's name longer than %d KiB", kib)
}

// TitlesCut is a source whose n titles longer than kib KiB were cut
// there, marked with "…".
func (l Lang) TitlesCut(n, kib int) string {
	if n == 1 {
		return l.f("제목 %[1]s개가 %[2]d KiB보다 길어 잘림", "cut a title longer than %[2]d KiB", Thousands(n), kib)
	}
	return l.f("제목 %s개가 %d KiB보다 길어 잘림", "cut %s titles longer than %d KiB", Thousands(n), kib)
}

// CappedFiles is a folder cut to the last kept files by name.
func (l Lang) CappedFiles(kept, total int) string {
	return l.f("파일 %s개 중 이름순으로 마지막 %s개만 읽음", "read the last %[2]s of %[1]s files by name", Thousands(total), Thousands(kept))
}

// Malformed is a feed that could not be parsed.
func (l Lang) Malformed() string { return l.pick("피드의 형식이 잘못됨", "malformed feed") }

// MalformedBecause is a feed that could not be parsed, and where and why
// (XMLAt, JSONAt, JSONUnexpectedEnd).
func (l Lang) MalformedBecause(why string) string { return l.Malformed() + ": " + why }

// JSONAt is a JSON feed's syntax error at a byte of it, counted from 1.
func (l Lang) JSONAt(offset int64) string {
	return l.f("%s번째 바이트에 JSON 문법 오류", "a JSON syntax error at byte %s", Thousands(int(offset)))
}

// JSONUnexpectedEnd is a JSON feed cut off before its values close.
func (l Lang) JSONUnexpectedEnd() string {
	return l.pick("값이 닫히기 전에 JSON이 끝남", "the JSON ends before its values close")
}

// PostBadDate is a post whose date is no date: it is shown undated, or
// named, by the date in its file's name.
func (l Lang) PostBadDate(date string, named bool) string {
	if named {
		return l.f("날짜를 읽을 수 없음(%s); 파일 이름의 날짜로 표시함", "date %s is no date; dated by its file name", date)
	}
	return l.f("날짜를 읽을 수 없음(%s); 날짜 없이 표시함", "date %s is no date; shown undated", date)
}

// PostNotClosed is a post whose front matter no --- line closes: taken
// to end at line ends, a blank one, or when ends is 0 all read as its
// body.
func (l Lang) PostNotClosed(ends int) string {
	if ends > 0 {
		return l.f("머리말(front matter)을 닫는 --- 줄이 없음; %d행에서 끝난 것으로 읽음", "front matter is not closed by a --- line; taken to end at line %d", ends)
	}
	return l.pick("머리말(front matter)을 닫는 --- 줄이 없음; 모두 본문으로 읽음", "front matter is not closed by a --- line; all read as the body")
}

// PostLinesLeftOut is a post read without lines from to to of its
// front matter, and why (YAMLExpected and the like), and without more
// keys after them.
func (l Lang) PostLinesLeftOut(why string, from, to, more int) string {
	lines := l.f("%d행을", "line %d", from)
	if from != to {
		lines = l.f("%d–%d행을", "lines %d–%d", from, to)
	}
	switch {
	case more == 1 && l == En:
		lines += " and 1 more key"
	case more > 0:
		lines = l.f("%s과 다른 키 %s개를", "%s and %s more keys", strings.TrimSuffix(lines, "을"), Thousands(more))
	}
	return l.f("글의 머리말(front matter)이 잘못됨: %s; %s 빼고 읽음", "bad front matter: %s; read without %s", why, lines)
}

// PostFrontTooLarge is a post read without its front matter, larger
// than kib KiB.
func (l Lang) PostFrontTooLarge(kib int) string {
	return l.f("머리말(front matter)이 %d KiB보다 큼; 머리말 없이 읽음", "front matter larger than %d KiB; read without it", kib)
}

// YAMLExpected is YAML that lacks what, as the parser says it ("',' or
// ']'", "key").
func (l Lang) YAMLExpected(what string) string {
	return l.f("YAML에 있어야 할 %s이(가) 없음", "did not find expected %s", what)
}

// YAMLBadChar is YAML with a character no token starts with, a tab
// among them.
func (l Lang) YAMLBadChar() string {
	return l.pick("YAML에 쓸 수 없는 문자(탭 등)가 있음", "found a character that cannot start any token (a tab?)")
}

// YAMLColon is a value holding ": " where YAML does not allow it.
func (l Lang) YAMLColon() string {
	return l.pick("값에 따옴표 없이 \": \"가 있음", "a value holds \": \" without quotes")
}

// YAMLEnd is YAML that ends in the middle of something.
func (l Lang) YAMLEnd() string {
	return l.pick("YAML이 중간에 끝남", "found unexpected end of stream")
}

// YAMLDeep is YAML nested too deep.
func (l Lang) YAMLDeep() string { return l.pick("YAML이 너무 깊이 중첩됨", "nested too deep") }

// YAMLAlias is YAML with an alias (*name), which sokbo does not read.
func (l Lang) YAMLAlias() string {
	return l.pick("YAML 별칭(alias)은 쓸 수 없음", "YAML aliases are not allowed")
}

// YAMLNotKeys is YAML that is not keys with values.
func (l Lang) YAMLNotKeys() string {
	return l.pick("키: 값 목록이 아님", "not a mapping of keys to values")
}

// BadFrontMatter is a post whose YAML front matter is broken.
func (l Lang) BadFrontMatter() string {
	return l.pick("글의 머리말(front matter)이 잘못됨", "bad front matter")
}

// Scheme is an address of a kind sokbo does not read (ftp://, file://).
func (l Lang) Scheme(scheme string) string {
	return l.f("%s: 지원하지 않는 주소; sokbo는 http(s) 주소와 로컬 파일을 읽습니다", "%s: addresses are not supported; sokbo reads http(s) URLs and local files", scheme)
}

// NoSuchFile is a file that is not there.
func (l Lang) NoSuchFile() string { return l.pick("파일이 없음", "no such file") }

// PermissionDenied is a file sokbo may not read or write.
func (l Lang) PermissionDenied() string { return l.pick("권한이 없음", "permission denied") }

// CacheAt names the offline cache's file as the source of an error.
func (l Lang) CacheAt(path string) string {
	return l.f("오프라인 캐시 %s", "offline cache %s", path)
}

// CacheNotFile is the cause of a cache path that is not a regular file,
// with what to do.
func (l Lang) CacheNotFile(why string) string {
	return l.f("%s; --db에는 파일 경로를 주세요", "%s; --db takes the path of a file", why)
}

// NotRegular is a FIFO, device or socket given as a file.
func (l Lang) NotRegular() string { return l.pick("보통 파일이 아님", "not a regular file") }

// NotRegularKind is NotRegular saying what the path is instead: kind is
// feed.NotRegularError's ("folder", "FIFO", "socket", "device").
func (l Lang) NotRegularKind(kind string) string {
	ko, en := "특수 파일", "a special file"
	switch kind {
	case "folder":
		ko, en = "폴더", "a folder"
	case "FIFO":
		ko, en = "FIFO", "a FIFO"
	case "socket":
		ko, en = "소켓", "a socket"
	case "device":
		ko, en = "장치", "a device"
	}
	return l.f("보통 파일이 아님 (%s)", "not a regular file (%s)", l.pick(ko, en))
}

// FileTooLarge is a file over the size sokbo reads.
func (l Lang) FileTooLarge(limit string) string {
	return l.f("파일이 너무 큼 (%s 넘음)", "file too large (over %s)", limit)
}

// HTTPStatus is an error answer from a server: its code and, in English,
// the server's own status line.
func (l Lang) HTTPStatus(code int, status string, retryAfter time.Duration, capped bool) string {
	var s string
	if l == En {
		s = "http " + status
	} else {
		s = fmt.Sprintf("서버 응답 %d", code)
		if w := koStatus[code]; w != "" {
			s += " (" + w + ")"
		}
	}
	return s + l.RetryAfter(retryAfter, capped)
}

// RetryAfter is the wait a server asked for, said after its status:
// " (retry after 30 seconds)", ", 30초 뒤에 다시"; capped when it asked for
// longer than the most sokbo waits, which d then is; "" for none.
func (l Lang) RetryAfter(d time.Duration, capped bool) string {
	switch {
	case d <= 0:
		return ""
	case capped:
		return l.f(", %s 뒤에 다시 (서버는 더 오래 기다리라 했으나 sokbo는 %s까지만 기다림)",
			" (retry after %s: the server asked for longer; %s is the most sokbo waits)", l.Span(d), l.Span(d))
	}
	return l.f(", %s 뒤에 다시", " (retry after %s)", l.Span(d))
}

// Span says a duration in words, to the second: "24 hours", "1 hour 30
// minutes", "45 seconds"; "24시간", "1시간 30분", "45초".
func (l Lang) Span(d time.Duration) string {
	d = d.Round(time.Second)
	if d < time.Second {
		return l.count(0, "초", "second", "seconds")
	}
	var parts []string
	if h := int(d / time.Hour); h > 0 {
		parts = append(parts, l.count(h, "시간", "hour", "hours"))
	}
	if m := int(d % time.Hour / time.Minute); m > 0 {
		parts = append(parts, l.count(m, "분", "minute", "minutes"))
	}
	if s := int(d % time.Minute / time.Second); s > 0 {
		parts = append(parts, l.count(s, "초", "second", "seconds"))
	}
	return strings.Join(parts, " ")
}

// koStatus words the HTTP statuses a feed reader meets.
var koStatus = map[int]string{
	400: "잘못된 요청", 401: "인증 필요", 403: "접근 거부", 404: "찾을 수 없음",
	405: "허용되지 않는 요청", 406: "받아들일 수 없음", 408: "요청 시간 초과",
	410: "없어짐", 429: "요청이 너무 많음", 451: "법적 사유로 차단",
	500: "서버 내부 오류", 501: "구현되지 않음", 502: "게이트웨이 오류",
	503: "서비스를 쓸 수 없음", 504: "게이트웨이 시간 초과",
}

// Truncated is a body that ended before the length its server said:
// got of want bytes, when known (want > 0).
func (l Lang) Truncated(got, want int64) string {
	s := l.pick("서버가 응답을 다 보내기 전에 연결을 끊음", "the server closed the connection before the whole answer came")
	if want <= 0 || got < 0 {
		return s
	}
	return s + l.truncCount(got, want)
}

func (l Lang) truncCount(got, want int64) string {
	if l == En {
		return " (" + Thousands(int(got)) + " of " + l.count(int(want), "", "byte", "bytes") + ")"
	}
	return " (" + Thousands(int(want)) + "바이트 중 " + Thousands(int(got)) + "바이트)"
}

// TimedOut is a fetch that got no answer in time; after may be 0.
// ServerSlow is a server reached that did not finish answering within
// after.
func (l Lang) ServerSlow(after time.Duration) string {
	return l.f("서버가 %s 안에 응답을 끝내지 않음", "the server did not finish answering within %s", after)
}

func (l Lang) TimedOut(after time.Duration) string {
	if after <= 0 {
		return l.pick("시간 초과", "timed out")
	}
	return l.f("%s 안에 응답 없음", "timed out after %s", after)
}

// CannotResolve is a host name that did not resolve.
func (l Lang) CannotResolve(host, why string) string {
	return l.f("%s의 주소를 찾을 수 없음: %s", "cannot resolve %s: %s", host, why)
}

// CannotConnect is a host that took no connection.
func (l Lang) CannotConnect(host, why string) string {
	return l.f("%s에 연결할 수 없음: %s", "cannot connect to %s: %s", host, why)
}

// TLSFailed is a TLS handshake or certificate that failed.
func (l Lang) TLSFailed(host, why string) string {
	return l.f("%s: TLS 연결 실패: %s", "TLS with %s failed: %s", host, why)
}

// Offline is the guess added to a network failure.
func (l Lang) Offline() string { return l.pick(" (오프라인?)", " (offline?)") }

// ReadFileInstead is the command line's advice after a network failure.
func (l Lang) ReadFileInstead() string {
	return l.pick("; 저장한 피드나 글을 읽으려면: sokbo FILE", "; to read a saved feed or post instead: sokbo FILE")
}

// The causes of a network failure, as the system reports them.
func (l Lang) ConnRefused() string { return l.pick("연결 거부", "connection refused") }
func (l Lang) ConnReset() string {
	return l.pick("연결이 끊김 (상대가 재설정)", "connection reset by peer")
}
func (l Lang) NetUnreachable() string {
	return l.pick("네트워크에 닿을 수 없음", "network is unreachable")
}
func (l Lang) HostUnreachable() string {
	return l.pick("호스트에 닿을 수 없음", "no route to host")
}
func (l Lang) NoSuchHost() string { return l.pick("그런 호스트 없음", "no such host") }
func (l Lang) NetFailed() string  { return l.pick("네트워크 오류", "network error") }
func (l Lang) CertUntrusted() string {
	return l.pick("인증서를 믿을 수 없음", "certificate signed by unknown authority")
}
func (l Lang) CertWrongHost() string {
	return l.pick("인증서가 다른 호스트의 것임", "certificate is for another host")
}
func (l Lang) CertInvalid() string {
	return l.pick("인증서가 유효하지 않음", "certificate is not valid")
}

// TooLarge is a response over the size cap, limit ("20 MiB").
func (l Lang) TooLarge(limit string) string {
	return l.f("응답이 크기 제한(%s)을 넘음", "response body exceeds size limit (%s)", limit)
}

// HeadersTooLarge is a response whose headers are over the cap.
func (l Lang) HeadersTooLarge(limit string) string {
	return l.f("응답 헤더가 크기 제한(%s)을 넘음", "response headers exceed size limit (%s)", limit)
}

// TooManyRedirects is a fetch sent on too many times.
func (l Lang) TooManyRedirects() string {
	return l.pick("리디렉션이 너무 많음", "too many redirects")
}

// RedirectLoop is a redirect back to an address already visited.
func (l Lang) RedirectLoop() string { return l.pick("리디렉션이 되돌아옴", "redirect loop") }

// RedirectScheme is a redirect to an address that is not http(s).
func (l Lang) RedirectScheme() string {
	return l.pick("http가 아닌 주소로의 리디렉션을 거부함", "redirect to a non-http address refused")
}

// BadHTTPAnswer is an answer net/http cannot read as HTTP.
func (l Lang) BadHTTPAnswer() string {
	return l.pick("서버의 응답이 HTTP가 아님 (헤더가 잘못됨)", "the server's answer is not HTTP (a malformed header)")
}

// BadRedirect is a redirect to an address sokbo does not fetch.
func (l Lang) BadRedirect() string {
	return l.pick("sokbo가 가져오지 않는 주소로 리디렉션함", "redirect to an address sokbo does not fetch")
}

// Unconditional304 is a 304 to a request that compared nothing.
func (l Lang) Unconditional304() string {
	return l.pick("비교할 것 없는 요청에 서버가 304로 답함", "server answered 304 Not Modified to a request with nothing to compare")
}

// The reasons an address is refused (clean.CheckURL).
func (l Lang) CommandURL() string {
	return l.pick("주소가 아니라 명령; sokbo는 명령을 실행하지 않습니다", "a command, not an address; sokbo never runs commands")
}
func (l Lang) NotHTTP() string { return l.pick("http(s) 주소가 아님", "not an http(s) URL") }
func (l Lang) UnprintableURL() string {
	return l.pick("제어 문자나 보이지 않는 문자가 있음", "holds control or invisible characters")
}
func (l Lang) UnsafeLink() string {
	return l.pick("http, https, mailto 주소가 아님", "not an http, https or mailto address")
}
func (l Lang) OptionURL() string { return l.pick("'-'로 시작함", "starts with '-'") }

// The offline cache's troubles.
func (l Lang) CacheReadOnly() string {
	return l.pick("오프라인 캐시가 읽기 전용으로 열림", "the offline cache is open read-only")
}
func (l Lang) CacheNeedsUpgrade() string {
	return l.pick("이 버전의 형식으로 바꿔야 하는데 쓰기 권한이 없음", "needs an upgrade to this version's format, which needs write access")
}
func (l Lang) CacheNotSokbo() string {
	return l.pick("sokbo 캐시가 아님(SQLite 데이터베이스가 아님); 이 파일을 옮기거나 --db에 다른 경로를 주세요", "not a sokbo cache (not an SQLite database); move it away, or give --db another path")
}

// CacheForeign is a cache file that is another program's SQLite database.
func (l Lang) CacheForeign() string {
	return l.pick("sokbo 캐시가 아님(다른 프로그램의 SQLite 데이터베이스라 건드리지 않음); --db에 다른 경로를 주세요", "not a sokbo cache (another program's SQLite database, left untouched); give --db another path")
}

// CacheDamaged is a damaged cache at path, with what to do.
func (l Lang) CacheDamaged(path string) string {
	return l.f("손상됨; 옆으로 옮기면(mv %s %s.bad) 새 캐시로 시작함(피드는 다시 받고, 읽음·별표 표시는 잃음)",
		"damaged; move it aside (mv %s %s.bad) and sokbo starts a new one (the feeds are fetched again; read and starred marks are lost)", path, path)
}
func (l Lang) CacheCorrupt() string {
	return l.pick("오프라인 캐시가 손상됨", "the offline cache is damaged")
}
func (l Lang) CacheBusy() string {
	return l.pick("다른 프로세스가 오프라인 캐시를 계속 잠그고 있음", "the offline cache stayed locked by another process")
}
func (l Lang) DiskFull() string { return l.pick("디스크가 가득 참", "the disk is full") }

// The operating system's common failures (library.errnoCause).
func (l Lang) TooManyOpenFiles() string {
	return l.pick("열린 파일이 너무 많음 (ulimit -n)", "too many open files (ulimit -n)")
}
func (l Lang) QuotaExceeded() string {
	return l.pick("디스크 할당량 초과", "disk quota exceeded")
}
func (l Lang) IOError() string {
	return l.pick("입출력 오류 (디스크나 장치 문제)", "input/output error (a disk or device fault)")
}
func (l Lang) BrokenPipe() string { return l.pick("읽는 쪽이 닫힘", "broken pipe") }
func (l Lang) FileNameTooLong() string {
	return l.pick("파일 이름이 너무 김", "file name too long")
}
func (l Lang) TooManyLinks() string {
	return l.pick("심볼릭 링크가 너무 여러 번 이어짐", "too many levels of symbolic links")
}
func (l Lang) OutOfMemory() string { return l.pick("메모리 부족", "out of memory") }
func (l Lang) FileBusy() string {
	return l.pick("다른 프로그램이 쓰는 중", "device or resource busy")
}

// SystemError is a failure of the operating system the catalogue does
// not word, in the system's words.
func (l Lang) SystemError(msg string) string { return l.f("시스템 오류: %s", "%s", msg) }
func (l Lang) CacheRead() string {
	return l.pick("오프라인 캐시를 읽지 못함", "reading the offline cache failed")
}

// The library's refusals.
func (l Lang) NoLink() string {
	return l.pick("링크가 없어 전문을 가져올 수 없습니다", "the item has no link to fetch its full text from")
}
func (l Lang) NotStored() string {
	return l.pick("오프라인 캐시에 없음", "not in the offline cache")
}
func (l Lang) InConfig() string {
	return l.pick("설정 파일에 있는 피드", "listed in the config file")
}
func (l Lang) NoFeed() string { return l.pick("그런 피드 없음", "no such feed") }

// Ambiguous is a name several feeds share.
func (l Lang) Ambiguous(name string, urls string, n int) string {
	return l.f("이름이 %q인 피드가 %d개 (%s); 주소로 주세요", "%q names %d feeds (%s); give the URL", name, n, urls)
}

// The full text's failures.
func (l Lang) NoArticle() string {
	return l.pick("기사 본문을 찾지 못함", "no article text found")
}
func (l Lang) NotHTML() string { return l.pick("HTML 페이지가 아님", "not an HTML page") }
func (l Lang) WebOnly() string {
	return l.pick("http와 https 페이지만 가져옵니다", "only http and https pages are fetched")
}

// Deadline is a feed not refreshed within the wait.
func (l Lang) Deadline() string {
	return l.pick("제때 새로 고치지 못함; 저장된 기사를 보여 줌", "not refreshed in time; its cached items stand")
}

// Announced is the failure of the feed a web page announces.
func (l Lang) Announced(url, why string) string {
	return l.f("피드 %s: %s", "its feed %s: %s", url, why)
}

// LastTried is a stored failure: when it was, and when the next try is
// ("" for none).
func (l Lang) LastTried(why, at, next string) string {
	if next == "" {
		return l.f("%s (%s에 시도)", "%s (tried at %s)", why, at)
	}
	return l.f("%s (%s에 시도; 다음은 %s)", "%s (tried at %s; next at %s)", why, at, next)
}

// The kinds of a stored failure, for a Korean line that cannot quote the
// English a previous run stored.
func (l Lang) FailedNetwork() string { return l.pick("네트워크 오류", "network error") }
func (l Lang) FailedTimeout() string { return l.pick("시간 초과", "timed out") }
func (l Lang) FailedFeed() string    { return l.pick("피드를 읽지 못함", "not a readable feed") }
func (l Lang) FailedCache() string {
	return l.pick("오프라인 캐시에 쓰지 못함", "could not write the offline cache")
}
func (l Lang) FailedOther() string { return l.pick("가져오지 못함", "fetch failed") }

// BadQuery is a search query sokbo cannot read; token is "" when the
// whole query is at fault.
func (l Lang) BadQuery(token, why string) string {
	if token == "" {
		return l.f("검색어 오류: %s", "bad query: %s", why)
	}
	return l.f("검색어 오류 %q: %s", "bad query at %q: %s", token, why)
}

// The keys that find no item (read N, read ID, read LINK).
func (l Lang) NoItem(key string) string {
	return l.f("그런 기사 없음: %s", "no such item: %s", key)
}
func (l Lang) NoItemEmpty(key string) string {
	return l.f("그런 기사 없음: %s (소스에 기사가 없음)", "no such item: %s (the source has no items)", key)
}
func (l Lang) NoItemRange(key string, n int) string {
	return l.f("그런 기사 없음: %s (1부터 %d까지 고르세요)", "no such item: %s (choose 1 to %d)", key, n)
}
func (l Lang) NoItemKey(key string) string {
	return l.f("그런 기사 없음: %s (번호, ID나 링크를 주세요)", "no such item: %s (give its number, ID or link)", key)
}
func (l Lang) NoItemRow(key string, row, n int) string {
	return l.f("그런 기사 없음: %s (%d번 줄에는 %d건)", "no such item: %s (row %d holds %d)", key, row, n)
}
func (l Lang) NoItemListRow(key string, row int, at string, n int) string {
	return l.f("그런 기사 없음: %s (%[3]s에 만든 목록의 %[2]d번 줄에는 %[4]d건)", "no such item: %s (row %d of the list made at %s holds %d)", key, row, at, n)
}

// LinkNotItem is a link read alone that no cached item has and that
// could not be read as a feed, for the reason given.
func (l Lang) LinkNotItem(why string) string {
	return l.f("캐시에 이 링크의 기사가 없고, 피드로 읽지도 못함: %s", "no item in the cache has this link, and reading it as a feed failed: %s", why)
}
func (l Lang) NoItemMember(key string, row int) string {
	return l.f("그런 기사 없음: %s (%d번 줄의 기사는 1부터 셉니다: %[2]d.1)", "no such item: %s (the reports of row %d count from 1: %[2]d.1)", key, row)
}

// NoItemNotListed is a row number the list made at at did not number;
// rows is how many it did, 0 when that is not known.
func (l Lang) NoItemNotListed(key, at string, rows int) string {
	if rows > 0 {
		return l.f("그런 기사 없음: %s (%s에 만든 목록은 1부터 %d까지)", "no such item: %s (the list made at %s numbers 1 to %d)", key, at, rows)
	}
	return l.f("그런 기사 없음: %s (%s에 만든 목록에 없음)", "no such item: %s (not in the list made at %s)", key, at)
}

// What is wrong with a query (search.SyntaxKind), in Korean; English
// says it as search does.
func (l Lang) QueryTooLong(limit int) string {
	return fmt.Sprintf("%s바이트보다 긺", Thousands(limit))
}
func (l Lang) QueryNotUTF8() string { return "올바른 UTF-8이 아님" }
func (l Lang) QueryTooMany(limit int) string {
	return fmt.Sprintf("낱말과 필터가 %d개보다 많음", limit)
}
func (l Lang) QueryBareMinus() string {
	return "'-' 뒤에는 낱말, 구절이나 필터가 와야 함"
}
func (l Lang) QueryEmptyPhrase() string { return "빈 구절" }
func (l Lang) QueryOpenPhrase() string  { return "구절이 닫히지 않음: '\"'가 빠짐" }
func (l Lang) QueryNoValue(key string) string {
	return key + ": 값이 필요함"
}
func (l Lang) QueryIs() string { return "is:에는 unread, read, starred만 씀" }
func (l Lang) QueryDate(key string) string {
	return key + ": 날짜를 읽을 수 없음 (예: 2024-07-01)"
}
func (l Lang) QuerySpan(key string) string {
	return key + ": 기간을 읽을 수 없음 (예: 6h, 2d, 3일)"
}
func (l Lang) QueryOther() string { return "읽을 수 없는 검색어" }

// The file system's refusals.
func (l Lang) NotADir() string { return l.pick("폴더가 아님", "not a directory") }
func (l Lang) IsADir() string  { return l.pick("파일이 아니라 폴더", "is a directory") }
func (l Lang) ReadOnlyFS() string {
	return l.pick("읽기 전용 파일 시스템", "read-only file system")
}
func (l Lang) FileExists() string { return l.pick("파일이 이미 있음", "file exists") }

// NotOPML is a file import cannot read as OPML.
func (l Lang) NotOPML() string { return l.pick("OPML 파일이 아님", "not an OPML file") }

// NotOPMLBecause is NotOPML with its cause: why, from the Not* and XML*
// words below.
func (l Lang) NotOPMLBecause(why string) string {
	return l.f("OPML 파일이 아님: %s", "not an OPML file: %s", why)
}

// NotOPMLRoot is an XML document whose root element is name, not opml.
func (l Lang) NotOPMLRoot(name string) string {
	return l.f("최상위 요소가 <opml>이 아니라 <%s>", "the root element is <%s>, not <opml>", name)
}

// EmptyFile is a file with nothing in it to read.
func (l Lang) EmptyFile() string { return l.pick("빈 파일", "an empty file") }

// OPMLTooLarge is an OPML file over the size import reads, limitMiB.
func (l Lang) OPMLTooLarge(limitMiB int) string {
	return l.f("OPML 파일이 너무 큼 (%d MiB 넘음)", "the OPML file is too large (over %d MiB)", limitMiB)
}

// ImportTooMany is an OPML file with n feeds, over the max one import
// takes; nothing was subscribed.
func (l Lang) ImportTooMany(n, max int) string {
	return l.f("피드가 %s개로 한 번에 가져오는 한도 %s개를 넘음; 아무것도 구독하지 않음",
		"%s feeds, over the %s one import takes; nothing was subscribed", Thousands(n), Thousands(max))
}

// OPMLNoFeeds is a well-formed OPML file with no feed in it.
func (l Lang) OPMLNoFeeds() string {
	return l.pick("피드가 하나도 없는 OPML 파일", "an OPML file with no feeds in it")
}

// NoXMLElement is a file with text but no XML element in it.
func (l Lang) NoXMLElement() string {
	return l.pick("XML 요소가 하나도 없음", "no XML element in it")
}

// XMLAt is an XML error why at a line of the file.
func (l Lang) XMLAt(line int, why string) string {
	return l.f("%d번째 줄: %s", "line %d: %s", line, why)
}

// The XML errors of a file, each after XMLAt. code is a character as
// U+001B.
func (l Lang) XMLControlChar(code string) string {
	return l.f("XML에서 쓸 수 없는 제어 문자 (%s)", "a control character XML forbids (%s)", code)
}
func (l Lang) XMLForbiddenChar(code string) string {
	return l.f("XML에서 쓸 수 없는 문자 (%s)", "a character XML forbids (%s)", code)
}
func (l Lang) XMLBadUTF8() string {
	return l.pick("UTF-8이 아닌 바이트", "bytes that are not UTF-8")
}
func (l Lang) XMLUnexpectedEnd() string {
	return l.pick("요소가 닫히기 전에 파일이 끝남", "the file ends before its elements close")
}
func (l Lang) XMLStrayEnd(name string) string {
	return l.f("여는 태그 없는 닫는 태그 </%s>", "</%s> closes no open element", name)
}
func (l Lang) XMLNotClosedBefore(name, before string, beforeLine int) string {
	return l.f("%[3]d번째 줄의 </%[2]s> 앞까지 닫히지 않은 <%[1]s>", "<%s> is not closed before </%s> on line %d", name, before, beforeLine)
}
func (l Lang) XMLNotClosedAtEnd(name string) string {
	return l.f("파일 끝까지 닫히지 않은 <%s>", "<%s> is not closed before the file ends", name)
}
func (l Lang) XMLBadEntity() string {
	return l.pick("잘못된 문자 참조나 엔터티 (&…;)", "a bad character reference or entity (&…;)")
}
func (l Lang) XMLSyntax() string { return l.pick("XML 문법 오류", "an XML syntax error") }

// The troubles of a program sokbo runs (notify-send).
func (l Lang) NoDesktop() string {
	return l.pick("데스크톱 세션이 없음", "no desktop session")
}
func (l Lang) NoAnswer(d string) string {
	return l.f("%s 안에 답이 없음", "no answer within %s", d)
}
