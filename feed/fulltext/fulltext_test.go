package fulltext_test

import (
	"context"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"sokbo/feed"
	"sokbo/feed/convert"
	"sokbo/feed/fetch"
	"sokbo/feed/fulltext"
	"sokbo/render"
	"sokbo/render/rendertest"
)

// site serves the fixture pages on 127.0.0.1. Its client dials the test
// server whatever host a URL names, so that pages can be asked for under
// the hosts site rules match (www.yna.co.kr) without any network.
type site struct {
	srv    *httptest.Server
	client *fulltext.Client

	mu     sync.Mutex
	agents []string
}

// page is how site serves one path.
type page struct {
	file        string // in testdata
	contentType string
	body        []byte // instead of file
}

func newSite(t *testing.T, pages map[string]page, handlers map[string]http.HandlerFunc) *site {
	t.Helper()
	s := &site{}
	mux := http.NewServeMux()
	for path, p := range pages {
		body := p.body
		if p.file != "" {
			b, err := os.ReadFile(filepath.Join("testdata", p.file))
			if err != nil {
				t.Fatal(err)
			}
			body = b
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			s.mu.Lock()
			s.agents = append(s.agents, r.UserAgent())
			s.mu.Unlock()
			if p.contentType != "" {
				w.Header().Set("Content-Type", p.contentType)
			}
			w.Write(body)
		})
	}
	for path, h := range handlers {
		mux.HandleFunc(path, h)
	}
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	addr := s.srv.Listener.Addr().String()
	tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}
	t.Cleanup(tr.CloseIdleConnections)
	s.client = &fulltext.Client{
		HTTP: &fetch.HTTPFetcher{
			Client:  &http.Client{Transport: tr},
			Timeout: 5 * time.Second,
			Retries: -1,
		},
		Now: func() time.Time { return time.Date(2025, 3, 14, 1, 2, 3, 0, time.UTC) },
	}
	return s
}

// userRules are the rules a config file might add: one for an old local
// paper laid out with tables.
const userRules = `
[[rule]]
name = "goeul"
hosts = ["goeul.test"]
body = ["td.article"]
drop = [".banner"]
`

// fixtures are the pages of the golden tests: where each is served, what
// must come out and what must not. Text is compared with white space
// removed, so that wrapping does not matter.
var fixtures = map[string]struct {
	url  string
	page page
	via  string
	want []string
	not  []string
}{
	"ndsoft": {
		// No rule names this host: the CMS is known by its markup alone.
		url:  "http://www.sokbo-news.test/news/articleView.html?idxno=20417",
		page: page{file: "ndsoft.html", contentType: "text/html; charset=utf-8"},
		via:  "rule:ndsoft",
		want: []string{
			"서울시는 한강 다리 세 곳의 야간 차량 통행을",
			"오전 5시까지 통행이 막힌다.",
			"야간 점검 중인 한강 다리 모습. (사진=속보신문 DB)",
			"영하 15~18℃까지 떨어지면서",
			"버스 14개 노선이 우회한다.",
			"교통정보 누리집에 올리겠다",
			"찬반 댓글이 쏟아졌다.", "로그인 없이 쓸 수 있게 바꿨다.",
			"김하늘 기자 sky@sokbo-news.test",
			"저작권자 © 속보신문 무단전재 및 재배포 금지",
		},
		not: []string{
			"기사 읽어주기", "재생", "페이스북", "트위터", "URL복사", "인쇄",
			"광고", "관련기사", "이음매 균열", "야간 공사", "안전등급",
			"네이버에서", "구독", "로그인 후 댓글", "작성하려면", "운영 원칙",
			"많이 본 뉴스", "전세가", "SNS", "기사보내기", "다른기사", "#한강",
			"All rights reserved", "등록번호", "회원가입", "정치",
			"기사 추적", "_gaq", "margin",
		},
	},
	"euckr": {
		url:  "http://www.goeul.test/news/read.php?no=311",
		page: page{file: "euckr.html", contentType: "text/html"},
		via:  "rule:goeul",
		want: []string{
			"군은 읍내 전통시장 공영주차장을 현재 60면에서 120면으로",
			"옛 창고 터를 사들여 주차장으로 쓰기로 했다.",
			"발길을 돌리는 일이 줄어들 것",
			"최은비 기자 eunbi@goeul.test",
			"Copyright (c) 고을신문 무단전재 및 재배포 금지",
		},
		not: []string{"광고", "글자크기", "많이 본 뉴스", "민원실", "게시판", "\uFFFD"},
	},
	"table": {
		url:  "http://www.yna.co.kr/view/AKR20250228000000001",
		page: page{file: "table.html", contentType: "text/html; charset=utf-8"},
		via:  "rule:yonhap",
		want: []string{
			"(서울=속보통신) 이서준 기자 = 올겨울 전국 주요 도시의",
			"평년(영하 4.0도)보다 1.9도 높았다.",
			"지역별 겨울철 평균 최저기온 (단위: ℃)",
			"서울 │ -2.1 │ -4.0 │ +1.9", "제주 │ 4.9 │ 4.1 │ +0.8",
			"평년의 절반에 그쳤다.", "가능성이 크다",
			"sjlee@sokbo-tongsin.test",
			"<저작권자(c) 속보통신, 무단 전재-재배포, AI 학습 및 활용 금지>",
		},
		not: []string{"AD", "공유", "스크랩", "글자크기", "제보", "많이 본 뉴스", "황사", "#날씨", "송고"},
	},
	"readability": {
		url:  "http://dongne.test/2025/02/03/bookshops",
		page: page{file: "readability.html", contentType: "text/html; charset=utf-8"},
		via:  "readability",
		want: []string{
			"동네 책방이 빠르게 줄고 있다.",
			"서점 412곳을 대상으로 했다.",
			"임대료를 감당하기 어렵다",
			"동네 작가의 독립출판물만 모아 판다.",
			"장기 계획을 세우기 어렵다는 지적도 나온다.",
			"함께 가야 한다",
			"박도윤 기자 doyun@dongne.test",
			"ⓒ 동네소식. 무단전재 및 재배포 금지",
		},
		not: []string{"공유하기", "페이스북", "이전 기사", "다음 기사", "인기 기사", "마을버스", "태그", "hello@", "소개"},
	},
}

// TestFetchGolden fetches each fixture page from 127.0.0.1 and renders the
// extracted article as `sokbo read` renders an article in plain text, at
// 60 and 100 columns: every body paragraph and table is there, no widget
// text is, and the layout fits.
func TestFetchGolden(t *testing.T) {
	if render.AmbiguousWide() {
		t.Skip("the goldens are for narrow ambiguous width")
	}
	pages := map[string]page{}
	for _, f := range fixtures {
		u, err := url.Parse(f.url)
		if err != nil {
			t.Fatal(err)
		}
		pages[u.Path] = f.page
	}
	s := newSite(t, pages, nil)
	user, err := fulltext.ParseRules([]byte(userRules))
	if err != nil {
		t.Fatal(err)
	}
	if s.client.Rules, err = fulltext.NewRules(user); err != nil {
		t.Fatal(err)
	}
	for name, f := range fixtures {
		t.Run(name, func(t *testing.T) {
			u := f.url
			a, err := s.client.Fetch(context.Background(), u)
			if err != nil {
				t.Fatal(err)
			}
			if a.Via != f.via {
				t.Errorf("Via = %q, want %q", a.Via, f.via)
			}
			if a.URL != u {
				t.Errorf("URL = %q, want %q", a.URL, u)
			}
			if !a.Fetched.Equal(time.Date(2025, 3, 14, 1, 2, 3, 0, time.UTC)) {
				t.Errorf("Fetched = %v", a.Fetched)
			}
			md, err := a.Markdown()
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []int{60, 100} {
				t.Run(fmt.Sprint(w), func(t *testing.T) {
					out, err := render.Page(render.ArticleDoc(a.Item(nil), md, time.UTC), w, render.StylePlain)
					if err != nil {
						t.Fatal(err)
					}
					rendertest.CheckLayout(t, out, w)
					flat := squeeze(out)
					for _, want := range f.want {
						if !strings.Contains(flat, squeeze(want)) {
							t.Errorf("missing %q", want)
						}
					}
					body := flat[strings.Index(flat, squeeze(a.URL))+len(squeeze(a.URL)):]
					for _, not := range f.not {
						if strings.Contains(body, squeeze(not)) {
							t.Errorf("widget text %q is in the article", not)
						}
					}
					if n := strings.Count(flat, "무단"); n != 1 {
						t.Errorf("the copyright line appears %d times, want once", n)
					}
					golden.RequireEqual(t, []byte(out))
				})
			}
		})
	}
}

// squeeze removes all white space, so that wrapped text compares with the
// text as written.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// TestArticleItem: an extracted article takes the item's place as its
// body, so the reader and the printer show it with the item's own header,
// and converts as any feed body does.
func TestArticleItem(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "ndsoft.html"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := fulltext.Extract(b, "", "https://www.sokbo-news.test/news/articleView.html?idxno=20417", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Fetched.IsZero() {
		t.Errorf("Fetched = %v for a page not fetched", a.Fetched)
	}
	if a.Byline != "김하늘 기자" || a.Title != "한강 다리 세 곳 야간 통행 제한…안전 점검 앞당겨" {
		t.Errorf("Byline %q, Title %q", a.Byline, a.Title)
	}
	it := &feed.Item{ID: "20417", Title: "한강 다리 야간 통행 제한", Link: "https://www.sokbo-news.test/news/articleView.html?idxno=20417",
		Summary: "서울시는 한강 다리 세 곳의…", Body: "<p>서울시는 한강 다리 세 곳의…</p>", Published: time.Date(2025, 3, 14, 0, 12, 0, 0, time.UTC)}
	full := a.Item(it)
	if full.ID != it.ID || full.Title != it.Title || full.Link != it.Link || !full.Published.Equal(it.Published) || full.Summary != it.Summary {
		t.Errorf("Item changed the header fields: %+v", full)
	}
	if full.Body != a.HTML || full.Format != feed.FormatHTML || it.Body != "<p>서울시는 한강 다리 세 곳의…</p>" {
		t.Errorf("Item: body %q, format %v; the original item changed: %v", full.Body, full.Format, it.Body != "<p>서울시는 한강 다리 세 곳의…</p>")
	}
	want, err := convert.Markdown(full)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := a.Markdown(); err != nil || got != want {
		t.Errorf("Markdown differs from the feed conversion of Item (err %v)", err)
	}
}

// TestReadabilityDropsTitle (QA 3): a page readability reads, whose
// <title> runs on past the article's heading as Korean outlets write it
// ("제목 - 가람일보", ND소프트's "제목 < 사회 < 기사본문 - 가람일보"), gives
// the article without that heading, which the reader shows above it
// already; a heading that is not the title stays.
func TestReadabilityDropsTitle(t *testing.T) {
	const heading = "[속보] 가람시 전역 정전… 지하철 운행 중단"
	article := `<article><h1>` + heading + `</h1>
<p>3일 오후 4시 50분께 가람시 전역에서 정전이 발생해 지하철 1~3호선 운행이 중단됐다. 한국전력은 변전소 설비 고장이 원인이라고 밝혔다.</p>
<p>정전 구역은 가람시 12개 구 가운데 9개 구로, 약 38만 가구가 피해를 입었다. 복구는 오후 7시께 완료될 전망이다.</p>
<p>기온은 24~31℃로, 냉방 기기 사용이 늘어 전력 수요가 급증했다. 엘리베이터 갇힘 신고는 119로 하면 된다.</p>
</article>`
	for title, kept := range map[string]bool{
		heading + " - 가람일보":             false,
		heading + " < 사회 < 기사본문 - 가람일보": false,
		heading: false,
		"가람일보":  true,
	} {
		page := `<html><head><title>` + html.EscapeString(title) + `</title></head><body><nav>홈 | 정치 | 사회</nav>` + article + `</body></html>`
		a, err := fulltext.Extract([]byte(page), "text/html; charset=utf-8", "https://garam.example/news/1", nil)
		if err != nil {
			t.Fatalf("%s: %v", title, err)
		}
		md, err := a.Markdown()
		if err != nil {
			t.Fatal(err)
		}
		if a.Via != "readability" || !strings.Contains(md, "24\\~31℃") {
			t.Fatalf("%s: via %q, body:\n%s", title, a.Via, md)
		}
		if got := strings.Contains(md, "가람시 전역 정전…"); got != kept {
			t.Errorf("title %q: heading kept %v, want %v:\n%s", title, got, kept, md)
		}
	}
}
