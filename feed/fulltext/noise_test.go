package fulltext_test

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokbo/feed/fulltext"
)

// body is a long enough article paragraph for a page to be extracted.
const body = "<p>시의회는 내년 예산안을 두고 밤늦게까지 논의를 이어 갔다. 의원들은 교통과 복지 예산의 배분을 두고 의견이 갈렸다.</p>"

// extractBlocks extracts an ND소프트-style page whose body is body plus
// blocks and returns the Markdown of the article.
func extractBlocks(t *testing.T, blocks ...string) string {
	t.Helper()
	page := `<html><head><title>시의회 예산 논의</title></head><body>
<article id="article-view-content-div">` + body + strings.Join(blocks, "\n") + `</article></body></html>`
	a, err := fulltext.Extract([]byte(page), "text/html; charset=utf-8", "https://news.example/news/articleView.html?idxno=1", nil)
	if err != nil {
		t.Fatal(err)
	}
	md, err := a.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	return md
}

// TestNoiseDropped lists widget text, as Korean outlets print it, that
// never reaches the article.
func TestNoiseDropped(t *testing.T) {
	for name, block := range map[string]string{
		"tts":             `<p>기사 읽어주기 서비스는 크롬 브라우저에 최적화되어 있습니다.</p>`,
		"tts button":      `<div><span>기사 읽어주기</span> <span>재생</span> <span>정지</span></div>`,
		"listen":          `<p>이 기사를 음성으로 듣기</p>`,
		"font size":       `<div>본문 글자크기 <a href="#">가</a> <a href="#">가</a> <a href="#">가</a></div>`,
		"font buttons":    `<ul><li>가</li><li>가+</li><li>가-</li></ul>`,
		"share bar":       `<ul><li><a href="#">페이스북</a></li><li><a href="#">트위터</a></li><li><a href="#">카카오톡</a></li><li><a href="#">URL복사</a></li></ul>`,
		"share words":     `<p>공유 · 스크랩 · 인쇄</p>`,
		"recommend":       `<p>이 기사를 추천합니다</p>`,
		"related":         `<h4>관련기사</h4><ul><li><a href="/1">예산안 처리 늦어져</a></li><li><a href="/2">시의회 임시회 열려</a></li></ul>`,
		"related bracket": `<p>[관련기사]</p><p><a href="/3">복지 예산 늘린다</a></p>`,
		"related inline":  `<p>▶ 관련기사: <a href="/4">교통 예산 줄어</a></p>`,
		"most read":       `<div><strong>많이 본 뉴스</strong><ol><li><a href="/5">버스 요금 동결</a></li><li><a href="/6">지하철 연장</a></li></ol></div>`,
		"comment count":   `<p>댓글 0</p>`,
		"comment prompt":  `<p>로그인 후 댓글을 남길 수 있습니다.</p>`,
		"comment write":   `<p>댓글을 작성하려면 로그인하세요</p>`,
		"comment policy":  `<p>댓글 운영 원칙에 어긋나는 게시물은 삭제됩니다.</p>`,
		"login bar":       `<p>로그인 | 회원가입</p>`,
		"ad":              `<div><p>광고</p></div>`,
		"ad english":      `<p>ADVERTISEMENT</p>`,
		"ad class":        `<div class="ad-box"><a href="https://ad.example/c"><img src="/ad.gif" alt="배너"></a><p>봄맞이 특가 행사 진행 중</p></div>`,
		"portal naver":    `<p>▶ 네이버에서 속보신문을 구독하세요!</p>`,
		"portal daum":     `<p>다음 뉴스에서 속보신문 채널을 추가하세요</p>`,
		"jebo":            `<p>제보는 카카오톡 sokbojebo</p>`,
		"other articles":  `<p>김하늘 기자의 다른기사 보기</p>`,
		"nav":             `<p><a href="/p">이전 기사</a></p>`,
		"br line":         `<div>기사 읽어주기<br><br>` + `</div>`,
		"site footer":     `<p>Copyright © 2025 속보신문. All rights reserved.</p>`,
	} {
		t.Run(name, func(t *testing.T) {
			md := extractBlocks(t, block)
			if !strings.Contains(md, "시의회는 내년 예산안을") {
				t.Fatalf("the body is gone:\n%s", md)
			}
			if got := strings.TrimSpace(md[strings.Index(md, "갈렸다.")+len("갈렸다."):]); got != "" {
				t.Errorf("widget text left after the body: %q", got)
			}
		})
	}
}

// TestNoiseKept lists article text that reads like a widget word by word
// but is prose, and must stay.
func TestNoiseKept(t *testing.T) {
	for name, block := range map[string]string{
		"comments":      `<p>한편 해당 게시물에는 비판 댓글이 쏟아졌다.</p>`,
		"login outage":  `<p>카카오톡과 포털 다음의 일부 이용자에게 로그인이 불가능한 상태가 오전 10시 54분부터 이어졌습니다.</p>`,
		"login narrate": `<p>로그인 후 이용할 수 있다는 공지가 떴지만 접속은 되지 않았다.</p>`,
		"share news":    `<p>두 회사는 기술을 공유하기로 했다.</p>`,
		"ad news":       `<p>광고 시장 규모는 지난해 18조원을 넘었다.</p>`,
		"naver news":    `<p>네이버는 다음 달부터 유료 구독 서비스를 확대한다.</p>`,
		"quote":         `<p>"로그인 후 댓글을 남길 수 있게 하겠습니다"</p>`,
		"copyright":     `<p>언론사 기사를 무단 전재한 업체가 적발됐다.</p>`,
		"jebo narrate":  `<p>제보자 A씨는 경찰에 사진을 넘겼다.</p>`,
		"byline":        `<p>김하늘 기자 sky@sokbo-news.test</p>`,
		"list":          `<ul><li>교통 예산 3% 삭감</li><li>복지 예산 5% 증액</li></ul>`,
		"range":         `<p>기온은 24~31℃를 오르내렸다.</p>`,
		"short":         `<p>다음 회의는 20일 열린다.</p>`,
		"table": `<table><tr><th>항목</th><th>예산</th></tr><tr><td>공유</td><td>12억원</td></tr>` +
			`<tr><td>광고</td><td>3억원</td></tr></table>`,
	} {
		t.Run(name, func(t *testing.T) {
			md := extractBlocks(t, block)
			texts := textsOf(block)
			if len(texts) == 0 {
				t.Fatal("no text in the case")
			}
			for _, text := range texts {
				if !strings.Contains(strings.ReplaceAll(md, `\`, ""), text) {
					t.Errorf("%q was dropped:\n%s", text, md)
				}
			}
		})
	}
}

// textsOf returns the text runs of an HTML snippet.
func textsOf(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '<' || r == '>' }) {
		if strings.ContainsAny(part, "=/") && !strings.ContainsAny(part, " ") || strings.HasPrefix(part, "/") || part == "p" || part == "ul" || part == "li" || part == "tr" || part == "td" || part == "th" || part == "table" {
			continue
		}
		if t := strings.TrimSpace(html.UnescapeString(part)); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// TestCopyrightOnce: a copyright line inside the body and another after it
// give one line, at the end.
func TestCopyrightOnce(t *testing.T) {
	md := extractBlocks(t,
		`<p>저작권자 © 속보신문 무단전재 및 재배포 금지</p>`,
		`<p>예산안은 다음 주 본회의에 오른다.</p>`,
		`<p>&lt;저작권자 © 속보신문, 무단 전재-재배포 금지&gt;</p>`)
	if n := strings.Count(md, "무단"); n != 1 {
		t.Fatalf("copyright lines: %d, want 1:\n%s", n, md)
	}
	lines := strings.Split(strings.TrimSpace(md), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "무단전재 및 재배포 금지") {
		t.Errorf("last line %q, want the copyright line", last)
	}
	if !strings.Contains(md, "본회의에 오른다.") {
		t.Errorf("body paragraph lost:\n%s", md)
	}
}

// TestNoiseAfterReadability: readability renames elements (the EUC-KR
// page's <td> becomes a <div>); the noise filters still see its blocks
// for what they are now.
func TestNoiseAfterReadability(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "euckr.html"))
	if err != nil {
		t.Fatal(err)
	}
	// No user rule: readability alone finds the body.
	a, err := fulltext.Extract(b, "text/html", "http://www.goeul.test/news/read.php?no=311", nil)
	if err != nil {
		t.Fatal(err)
	}
	md, err := a.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	if a.Via != "readability" || !strings.Contains(md, "옛 창고 터를 사들여") || !strings.Contains(md, "최은비 기자") {
		t.Fatalf("Via %q, body:\n%s", a.Via, md)
	}
	for _, widget := range []string{"글자크기", "확대", "축소", "많이 본 뉴스"} {
		if strings.Contains(md, widget) {
			t.Errorf("%q left in:\n%s", widget, md)
		}
	}
}

// TestNoiseLines: bodies written as lines between <br>s, as older CMS
// pages are, lose their widget lines and related-article lines too, and a
// widget word inside a sentence stays.
func TestNoiseLines(t *testing.T) {
	md := extractBlocks(t, `<div>기사 읽어주기<br>예산안은 다음 주 본회의에 오른다.<br><br>관련기사<br>`+
		`<a href="/1">예산안 처리 늦어져</a><br><a href="/2">임시회 열려</a><br><br>`+
		`<b>광고</b> 예산도 줄었다. 홍길동 기자 hong@sokbo-news.test</div>`)
	for _, want := range []string{"예산안은 다음 주 본회의에 오른다.", "**광고** 예산도 줄었다.", "홍길동 기자 hong@sokbo-news.test"} {
		if !strings.Contains(md, want) {
			t.Errorf("%q lost:\n%s", want, md)
		}
	}
	for _, widget := range []string{"읽어주기", "관련기사", "처리 늦어져", "임시회"} {
		if strings.Contains(md, widget) {
			t.Errorf("%q left in:\n%s", widget, md)
		}
	}
}

// TestNoiseOneLetter: font-size buttons come in twos and threes; a list
// item of one letter is a choice, not a widget.
func TestNoiseOneLetter(t *testing.T) {
	md := extractBlocks(t, `<ul><li>가</li><li>가</li><li>가</li></ul>`, `<ol><li>가</li><li>나</li><li>다</li></ol>`, `<p>가</p>`)
	if got := strings.Count(md, "가"); got != 2 {
		t.Errorf("가 appears %d times, want 2 (the choice and the paragraph):\n%s", got, md)
	}
	if !strings.Contains(md, "1. 가") || !strings.Contains(md, "나") {
		t.Errorf("the list of choices lost an item:\n%s", md)
	}
}
