// Package feedgen provides a deterministic generator of large Korean RSS 2.0
// feeds for sokbo's benchmarks and its side-by-side comparison with other
// readers (bench/compare.sh).
//
// Each item looks like one of a Korean news CMS's feed (newsdao.kr's
// allArticle.xml): a title, a link, a GUID, an RFC 1123 date in KST, an
// author, one or two categories, a plain summary in <description>, and the
// article in <content:encoded> as entity-escaped HTML of about 3 KB:
// headings, paragraphs, a list and a table. The same n and seed always give
// the same bytes.
package feedgen

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// start is the date of the newest item; each older item is 7 minutes
// earlier.
var start = time.Date(2026, 11, 24, 18, 30, 0, 0, time.FixedZone("KST", 9*3600))

// Generate writes an RSS 2.0 feed of n items to w. seed picks the words;
// Generate(w, n, seed) always writes the same bytes.
func Generate(w io.Writer, n int, seed uint64) error {
	return GenerateFrom(w, n, seed, firstID)
}

// firstID is the article number of Generate's newest item; each older one
// is numbered one less.
const firstID = 90000

// GenerateFrom is Generate with the newest item numbered first: feeds of
// one site with items of their own (bench/compare.sh's hundred feeds),
// where Generate's would share their GUIDs.
func GenerateFrom(w io.Writer, n int, seed uint64, first int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	g := &gen{rnd: rand.New(rand.NewPCG(seed, seed^0x5eed)), w: bw, first: first}
	g.header()
	for i := range n {
		g.item(i)
	}
	g.str("</channel>\n</rss>\n")
	return bw.Flush()
}

type gen struct {
	rnd   *rand.Rand
	w     *bufio.Writer
	first int // the newest item's number
}

func (g *gen) str(s string) { g.w.WriteString(s) }

func (g *gen) pick(words []string) string { return words[g.rnd.IntN(len(words))] }

func (g *gen) header() {
	g.str(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>뉴스다오 - 전체기사</title>
<link>https://newsdao.kr</link>
<description>뉴스다오 속보와 전체 기사</description>
<language>ko</language>
<copyright>Copyright 뉴스다오. All rights reserved.</copyright>
`)
}

// item writes one <item>. The order of the random draws is fixed; Item
// repeats it.
func (g *gen) item(i int) {
	id := g.first - i
	title := fmt.Sprintf("[속보] %s %s (%d)", g.pick(titleHeads), g.pick(titleTails), i+1)
	author := g.pick(reporters) + " 기자"
	sec := g.rnd.IntN(len(sections))
	summary := g.summary()
	body := g.body()
	when := start.Add(-time.Duration(i) * 7 * time.Minute)

	g.str("<item>\n<title>")
	g.str(html.EscapeString(title))
	g.str("</title>\n<link>https://newsdao.kr/news/articleView.html?idxno=")
	fmt.Fprint(g.w, id)
	g.str("</link>\n<guid isPermaLink=\"false\">newsdao-")
	fmt.Fprint(g.w, id)
	g.str("</guid>\n<category>")
	g.str(sections[sec])
	g.str("</category>\n")
	if sec%3 == 0 {
		g.str("<category>속보</category>\n")
	}
	g.str("<author>")
	g.str(author)
	g.str("</author>\n<pubDate>")
	g.str(when.Format(time.RFC1123Z))
	g.str("</pubDate>\n<description><![CDATA[")
	g.str(summary)
	g.str("]]></description>\n<content:encoded>")
	g.str(html.EscapeString(body))
	g.str("</content:encoded>\n</item>\n")
}

// summary is two sentences of plain text.
func (g *gen) summary() string {
	return g.sentence() + " " + g.sentence()
}

func (g *gen) sentence() string {
	return g.pick(subjects) + " " + g.pick(middles) + " " + g.pick(ends)
}

// body is about 3 KB of HTML: a lead paragraph, two sections each with a
// heading and paragraphs, a list and a table.
func (g *gen) body() string {
	var b strings.Builder
	b.Grow(3300)
	para := func(k int) {
		b.WriteString("<p>")
		for j := range k {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(g.sentence())
		}
		b.WriteString("</p>\n")
	}
	b.WriteString(`<p><img src="https://newsdao.kr/news/photo/` + fmt.Sprint(g.rnd.IntN(900)+100) + `.jpg" alt="속보 사진" /></p>` + "\n")
	para(4)
	b.WriteString("<h3>" + g.pick(headings) + "</h3>\n")
	para(3)
	para(3)
	b.WriteString("<ul>\n")
	for range 3 {
		b.WriteString("  <li>" + g.pick(listItems) + "</li>\n")
	}
	b.WriteString("</ul>\n")
	b.WriteString("<h3>" + g.pick(headings) + "</h3>\n")
	para(3)
	b.WriteString("<table>\n  <tr><td><b>구분</b></td><td><b>시각</b></td><td><b>상태</b></td></tr>\n")
	for range 3 {
		fmt.Fprintf(&b, "  <tr><td>%s</td><td>오전 %d시%d분</td><td>%s</td></tr>\n",
			g.pick(regions), g.rnd.IntN(12)+1, g.rnd.IntN(60), g.pick(states))
	}
	b.WriteString("</table>\n")
	para(2)
	b.WriteString(`<p>&lt;저작권자 © 뉴스다오, 무단 전재 및 재배포 금지&gt;</p>` + "\n")
	return b.String()
}

var (
	titleHeads = []string{
		"카카오톡 접속 장애", "수도권 집중 호우", "코스피 급등", "한국은행 기준금리 동결",
		"서울 지하철 운행 지연", "태풍 북상", "반도체 수출 증가", "국회 본회의",
		"대형 산불 진화", "전기요금 인상", "프로야구 개막전", "의대 정원 확대",
	}
	titleTails = []string{
		"두 시간 만에 복구", "정부 긴급 대책 발표", "시민 불편 이어져", "전문가들 \"장기화 우려\"",
		"피해 규모 집계 중", "오후 발표 예정", "여야 공방 계속", "현장 상황 점검",
	}
	reporters = []string{"김민준", "이서연", "박지호", "최수아", "정하준", "강지우", "윤서준", "임하은"}
	sections  = []string{"사회", "경제", "정치", "IT·과학", "국제", "스포츠", "문화", "생활"}
	subjects  = []string{
		"카카오는 이날", "정부 관계자는", "서울시는 오전", "기상청에 따르면 이번 호우는",
		"업계에서는", "경찰은 현장에서", "한국은행은 회의 직후", "시민들은 출근길에",
		"과학기술정보통신부는", "전문가들은 이번 사태가",
	}
	middles = []string{
		"서비스 장애의 원인을 네트워크 오류로 밝혔으며", "피해 상황을 실시간으로 집계하고 있으며",
		"관계 부처와 긴급 회의를 열어", "추가 피해를 막기 위해 비상 근무 체제에 들어갔고",
		"재발 방지 대책을 마련하겠다고 밝히며", "이용자들에게 보상 방안을 검토하고 있다며",
		"현장 복구에 인력 300여 명을 투입해", "지난 5월에 이어 두 달 만에 같은 문제가 반복돼",
	}
	ends = []string{
		"오후 12시20분께 기능이 완전히 복구됐다.", "3개월 안에 시정 결과를 제출하도록 요구했다.",
		"이용자들의 혼란이 커졌다.", "사태가 장기화할 수 있다고 내다봤다.",
		"자세한 경위를 조사하고 있다.", "내일 오전 추가 브리핑을 열 예정이다.",
		"시민들의 각별한 주의를 당부했다.", "재발 방지에 총력을 기울이겠다고 밝혔다.",
	}
	headings = []string{
		"장애 발생 시점", "장애 해결 과정", "피해 현황", "정부 대응", "향후 전망", "전문가 분석",
	}
	listItems = []string{
		"PC버전, 포털 '다음' 등에서 로그인 불가능", "장애 지역: 서울 및 수도권",
		"복구 소요 시간: 약 1시간 26분", "대체 교통편: 버스 증편 운행",
		"문의: 고객센터 1577-3754", "피해 신고: 구청 재난안전과",
	}
	regions = []string{"서울 강남구", "경기 성남시", "인천 연수구", "부산 해운대구", "대전 유성구", "광주 북구"}
	states  = []string{"복구 완료", "부분 복구", "조사 중", "통제 중", "정상 운영"}
)

// LargeEnv is the environment variable that adds the 50k-item size to
// Sizes. CI runs every benchmark once and leaves it unset.
const LargeEnv = "SOKBO_BENCH_LARGE"

// Sizes are the item counts the scaling benchmarks run at: 1k and 10k,
// and 50k as well when SOKBO_BENCH_LARGE=1.
func Sizes() []int {
	if os.Getenv(LargeEnv) == "1" {
		return []int{1_000, 10_000, 50_000}
	}
	return []int{1_000, 10_000}
}

// Bytes returns the feed Generate writes for n items and seed 1.
func Bytes(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 3900)
	Generate(&b, n, 1) // a bytes.Buffer never fails
	return b.Bytes()
}

// WriteFile writes the feed of n items and seed 1 to a file in dir and
// returns its path.
func WriteFile(dir string, n int) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("feed%d.xml", n))
	return path, os.WriteFile(path, Bytes(n), 0o644)
}
