// Package fulltexttest provides an invented Korean news site for tests of
// full text and for trying sokbo by hand: an ND소프트-style site whose RSS
// feed (/rss/allArticle.xml) carries one sentence of each article, and
// whose article pages (/news/articleView.html?idxno=N) hold the whole
// article among the usual widgets (text to speech, share and font-size
// buttons, related articles, an ad block, a comment prompt). Every name
// and sentence on it is made up.
package fulltexttest

import (
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// FeedPath is where the site's feed is, as on every ND소프트 site.
const FeedPath = "/rss/allArticle.xml"

// Kind is what an article's page holds.
type Kind uint8

const (
	// KindArticle is an ND소프트 article page.
	KindArticle Kind = iota
	// KindEmpty is a page with no article text: a photo and widgets.
	KindEmpty
	// KindGone answers 404.
	KindGone
	// KindHostile is an article page carrying terminal attacks (Attack),
	// raw and as entities, scripts and javascript: links in its body.
	KindHostile
)

// Attack is what a hostile page puts in its text: a screen clear, a title
// change, an OSC 52 clipboard write, an OSC 8 link to javascript:, DCS,
// APC, C1 CSI and bidi overrides.
const Attack = "\x1b[2J\x1b]0;pwned\a\x1b]52;c;ZXZpbA==\a\x1b]8;;javascript:alert(1)\x1b\\클릭\x1b]8;;\x1b\\\x1bP1$q\x1b\\\x1b_APC\x1b\\\u009b31m\u202eRLO\u202c\u2066iso\u2069"

// Article is one article of the site.
type Article struct {
	ID        int
	Title     string
	Published time.Time
	Reporter  string
	// Paragraphs are the body; the feed's description is the first
	// sentence of the first.
	Paragraphs []string
	// Table, if set, is a table after the second paragraph: a header row
	// and data rows.
	Table [][]string
	Kind  Kind
}

// Summary is the article's first sentence, what the feed carries.
func (a Article) Summary() string {
	if len(a.Paragraphs) == 0 {
		return ""
	}
	p := a.Paragraphs[0]
	if i := strings.Index(p, "다. "); i >= 0 {
		return p[:i+len("다.")]
	}
	return p
}

// Site is the news site. Create it with NewSite; serve it with Start or as
// an http.Handler. It is safe for concurrent use.
type Site struct {
	mu       sync.Mutex
	articles []Article // newest first
	hits     map[string]int
	// Base, if set, is the address links are written with; otherwise
	// the request's own host.
	Base string
	// Pad, if set, makes every article page about this many bytes long
	// with a menu of links, as a portal's page is: 200 KB is common.
	Pad int
}

// seoul is the site's time zone.
var seoul = time.FixedZone("KST", 9*3600)

// NewSite returns a site of n articles, the newest published at newest
// and one every 40 minutes before it. The first five are written out; the
// rest are made from them.
func NewSite(n int, newest time.Time) *Site {
	s := &Site{hits: map[string]int{}}
	for i := range n {
		a := sample(i)
		a.ID = 20417 - i
		a.Published = newest.Add(-time.Duration(i) * 40 * time.Minute).In(seoul)
		s.articles = append(s.articles, a)
	}
	return s
}

// Start serves s on 127.0.0.1 until the test ends and returns its base
// URL. Its port always has five digits, so that output holding the URL
// has the same width in every run.
func Start(t testing.TB, s *Site) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(s)
	ln, err := listenFiveDigits()
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}

// listenFiveDigits listens on 127.0.0.1 on a port from 10000 up.
func listenFiveDigits() (net.Listener, error) {
	var last error
	for range 20 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		if ln.Addr().(*net.TCPAddr).Port >= 10000 {
			return ln, nil
		}
		ln.Close()
		last = fmt.Errorf("port %d has fewer than five digits", ln.Addr().(*net.TCPAddr).Port)
	}
	for port := 47000; port < 47100; port++ {
		ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			return ln, nil
		}
		last = err
	}
	return nil, last
}

// Update changes the article with the given ID, as an editor would.
func (s *Site) Update(id int, change func(*Article)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.articles {
		if s.articles[i].ID == id {
			change(&s.articles[i])
		}
	}
}

// Publish adds a as the newest article.
func (s *Site) Publish(a Article) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.Published.IsZero() && len(s.articles) > 0 {
		a.Published = s.articles[0].Published.Add(10 * time.Minute)
	}
	s.articles = append([]Article{a}, s.articles...)
}

// Articles returns the site's articles, newest first.
func (s *Site) Articles() []Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Article(nil), s.articles...)
}

// Hits is how many times path (with its query) was asked for.
func (s *Site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// PageHits is how many article pages were asked for in all.
func (s *Site) PageHits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, k := range s.hits {
		if strings.HasPrefix(p, "/news/") {
			n += k
		}
	}
	return n
}

// Link is the address of the article id on a site at base.
func Link(base string, id int) string {
	return fmt.Sprintf("%s/news/articleView.html?idxno=%d", base, id)
}

// ServeHTTP serves the feed and the article pages.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.RequestURI()]++
	base, pad := s.Base, s.Pad
	articles := append([]Article(nil), s.articles...)
	s.mu.Unlock()
	if base == "" {
		base = "http://" + r.Host
	}
	switch r.URL.Path {
	case FeedPath:
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		fmt.Fprint(w, feedXML(base, articles))
		return
	case "/news/articleView.html":
		id, _ := strconv.Atoi(r.URL.Query().Get("idxno"))
		for _, a := range articles {
			if a.ID != id {
				continue
			}
			if a.Kind == KindGone {
				break
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, padded(pageHTML(base, a), pad))
			return
		}
	}
	http.NotFound(w, r)
}

func feedXML(base string, articles []Article) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>속보신문</title>
<link>` + base + `</link>
<description>속보신문 전체기사</description>
`)
	for _, a := range articles {
		fmt.Fprintf(&b, `<item>
<title>%s</title>
<link>%s</link>
<description>%s</description>
<dc:creator>%s</dc:creator>
<pubDate>%s</pubDate>
</item>
`, html.EscapeString(a.Title), html.EscapeString(Link(base, a.ID)), html.EscapeString(a.Summary()),
			html.EscapeString(a.Reporter), a.Published.Format(time.RFC1123Z))
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.String()
}

func pageHTML(base string, a Article) string {
	esc := html.EscapeString
	var body strings.Builder
	if a.Kind == KindHostile {
		body.WriteString("<p>원문 그대로 " + Attack + " 이 문단의 글은 남고 제어 문자만 빠져야 한다.</p>\n")
		body.WriteString("<p>엔티티로 &#27;[2J &#x9b;31m &#x202e;역방향 &#7; 이 문단도 글은 남아야 한다.</p>\n")
		body.WriteString(`<p><a href="javascript:alert(1)">자바스크립트 링크</a>와 <a href="java&#x0A;script:alert(2)">숨긴 링크</a>는 글만 남는다.</p>` + "\n")
		body.WriteString(`<p><img src="javascript:alert(6)" alt="악성 그림" onerror="alert(7)"> 그림 주소도 걸러진다.</p>` + "\n")
		body.WriteString(`<script>document.write("본문 속 스크립트")</script><iframe src="https://evil.example/frame"></iframe>` + "\n")
		body.WriteString("<p>공격 기사의 마지막 문단이다. 이 문장은 그대로 나와야 한다.</p>\n")
	} else if a.Kind == KindEmpty {
		body.WriteString(`<figure class="photo-layout image"><img src="/news/photo/` + strconv.Itoa(a.ID) + `.jpg" alt=""></figure>` + "\n")
	} else {
		for i, p := range a.Paragraphs {
			fmt.Fprintf(&body, "<p>%s</p>\n", esc(p))
			if i == 0 {
				body.WriteString(`<div class="ad-template"><ins class="adsbygoogle"></ins><p>광고</p></div>` + "\n")
			}
			if i == 1 && len(a.Table) > 0 {
				body.WriteString("<table>\n")
				for r, row := range a.Table {
					body.WriteString("<tr>")
					for _, c := range row {
						if r == 0 {
							fmt.Fprintf(&body, "<th>%s</th>", esc(c))
						} else {
							fmt.Fprintf(&body, "<td>%s</td>", esc(c))
						}
					}
					body.WriteString("</tr>\n")
				}
				body.WriteString("</table>\n")
			}
		}
		fmt.Fprintf(&body, "<p>%s sky@sokbo-news.test</p>\n", esc(a.Reporter))
	}
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>%[1]s - 속보신문</title>
<meta property="og:title" content="[속보신문] %[1]s">
<script>document.write("추적 스크립트");</script>
</head>
<body>
<div id="user-wrap">
<header id="user-header">
  <nav class="gnb"><ul><li><a href="/news/articleList.html?sc_section_code=S1N1">정치</a></li><li><a href="/news/articleList.html?sc_section_code=S1N2">사회</a></li></ul></nav>
  <div class="header-login"><a href="/member/login.html">로그인</a></div>
</header>
<div id="user-container">
<header class="article-view-header">
  <div class="article-head-title">%[1]s</div>
  <ul class="infomation"><li>기자명 %[2]s</li><li>입력 %[3]s</li></ul>
  <ul class="sns-share"><li><a href="#">페이스북</a></li><li><a href="#">카카오톡</a></li><li><a href="#">URL복사</a></li></ul>
  <ul class="font-size-control"><li><button>가</button></li><li><button>가</button></li></ul>
</header>
<section class="article-veiw-body view-page font-size17">
<div class="article-tts"><span>기사 읽어주기</span></div>
<article id="article-view-content-div" class="article-veiw-body view-page font-size17" itemprop="articleBody">
<p>기사 읽어주기 서비스는 크롬 브라우저에 최적화되어 있습니다.</p>
%[4]s<div class="relation-news"><strong>관련기사</strong><ul><li><a href="/news/articleView.html?idxno=1">다른 기사 제목</a></li></ul></div>
<p>로그인 후 댓글을 남길 수 있습니다.</p>
</article>
</section>
<div class="view-copyright">저작권자 © 속보신문 무단전재 및 재배포 금지</div>
<section id="comment" class="comment-wrap"><h3>댓글</h3><p>댓글을 작성하려면 로그인하세요.</p></section>
<aside class="popular-news"><h3>많이 본 뉴스</h3><ol><li><a href="/news/articleView.html?idxno=2">많이 본 기사</a></li></ol></aside>
</div>
</div>
</body>
</html>
`, esc(a.Title), esc(a.Reporter), a.Published.Format("2006.01.02 15:04"), body.String())
}

// padded grows page to about n bytes with a site menu before </body>.
func padded(page string, n int) string {
	if len(page) >= n {
		return page
	}
	var b strings.Builder
	b.WriteString(`<footer class="site-map"><ul>`)
	for i := 0; len(page)+b.Len() < n; i++ {
		fmt.Fprintf(&b, `<li class="menu-item"><a href="/news/articleList.html?sc_sub_section_code=S2N%d">전체 메뉴 항목 %d</a></li>`, i, i)
	}
	b.WriteString("</ul></footer>\n")
	return strings.Replace(page, "</body>", b.String()+"</body>", 1)
}

// samples are the articles written out; sample makes the rest from them.
var samples = []Article{
	{
		Title:    "한강 다리 세 곳 야간 통행 제한…안전 점검 앞당겨",
		Reporter: "김하늘 기자",
		Paragraphs: []string{
			"서울시는 한강 다리 세 곳의 야간 차량 통행을 다음 달 1일부터 제한한다고 14일 밝혔다. 대상은 동호대교, 잠실철교 보행로, 행주대교 남단 진입로로, 밤 11시부터 이튿날 오전 5시까지 통행이 막힌다.",
			"시는 당초 하반기로 잡았던 정밀 안전 점검을 석 달 앞당겼다. 지난겨울 기온이 영하 15~18℃까지 떨어지면서 이음매 일부가 벌어진 것이 확인됐기 때문이다.",
			"점검 기간 동안 버스 14개 노선이 우회한다. 시 관계자는 \"출퇴근 시간대에는 통행을 막지 않는다\"며 \"우회 안내는 교통정보 누리집에 올리겠다\"고 말했다.",
		},
		Table: [][]string{
			{"구간", "통제 시간", "우회 노선"},
			{"동호대교", "23:00~05:00", "4개"},
			{"잠실철교 보행로", "23:00~05:00", "없음"},
			{"행주대교 남단", "00:00~04:30", "10개"},
		},
	},
	{
		Title:    "수도권 밤사이 최대 80㎜ 비…출근길 안전 유의",
		Reporter: "이서준 기자",
		Paragraphs: []string{
			"기상청은 15일 밤부터 16일 아침까지 수도권에 30~80㎜의 비가 내리겠다고 예보했다. 강한 비구름대가 서해상에서 빠르게 들어오면서 시간당 20㎜ 안팎의 비가 집중될 것으로 보인다.",
			"기상청은 하천변 산책로와 지하차도 이용을 자제해 달라고 당부했다. 서울 동부간선도로 일부 구간은 수위에 따라 통제될 수 있다.",
		},
	},
	{
		Title:    "카카오톡 접속 장애 1시간 26분 만에 복구",
		Reporter: "박민지 기자",
		Paragraphs: []string{
			"카카오톡 메시지 전송이 16일 오전 10시54분부터 약 1시간 26분 동안 원활하지 않았다. 카카오는 낮 12시20분 모든 기능이 복구됐다고 밝혔다.",
			"회사 측은 데이터센터 네트워크 장비 한 대의 설정 오류를 원인으로 꼽았다. 피해 보상 기준은 다음 주 중 공지할 예정이다.",
		},
	},
	{
		Title:    "전통시장 온누리상품권 환급 행사 이번 주말까지",
		Reporter: "최유진 기자",
		Paragraphs: []string{
			"중소벤처기업부는 전국 전통시장 120곳에서 국산 농축수산물을 산 소비자에게 온누리상품권을 최대 2만 원까지 돌려준다고 밝혔다. 행사는 이번 주 일요일까지 이어진다.",
			"구매 금액이 3만 4천 원 이상이면 1만 원, 6만 7천 원 이상이면 2만 원을 환급받을 수 있다. 영수증과 신분증을 챙겨 시장 안 환급 부스를 찾으면 된다.",
		},
	},
	{
		Title:    "국립중앙도서관 야간 개관 시간 밤 10시까지 연장",
		Reporter: "정도윤 기자",
		Paragraphs: []string{
			"국립중앙도서관이 다음 달부터 평일 열람실 운영 시간을 밤 10시까지 한 시간 늘린다. 시험 기간에 좌석이 모자란다는 이용자 의견을 반영한 조치다.",
			"도서관은 야간 이용자를 위해 정문 앞 셔틀버스를 두 차례 더 운행한다. 주말 운영 시간은 지금처럼 오후 6시까지다.",
		},
	},
}

func sample(i int) Article {
	a := samples[i%len(samples)]
	a.Paragraphs = append([]string(nil), a.Paragraphs...)
	if i >= len(samples) {
		a.Title = fmt.Sprintf("%s (%d보)", a.Title, i/len(samples)+1)
		a.Table = nil
	}
	return a
}
