package feed

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/korean"
)

// bigRSS is an RSS feed of n items, larger than cleanMin, with late (the
// last item's title and body) put in as it is.
func bigRSS(decl string, n int, late string) []byte {
	var b strings.Builder
	b.WriteString(decl + "<rss version=\"2.0\"><channel><title>속보</title><link>https://newsdao.kr/</link>\n")
	for i := range n {
		title, body := fmt.Sprintf("서울 지하철 %d호선 운행 재개", i), "<p>오전 10시54분 신호 장애로 24~31℃ 폭염 속 운행 중단.</p>"
		if i == n-1 {
			title, body = late+title, body+late
		}
		fmt.Fprintf(&b, "<item><title>%s</title><link>https://newsdao.kr/%d</link><guid>n%d</guid>"+
			"<pubDate>Tue, 01 Dec 2026 09:%02d:00 +0900</pubDate><description><![CDATA[%s]]></description></item>\n",
			title, i, i, i%60, body)
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

// TestParseCleanIsSerial: a large body parsed while it is checked comes
// out as the serial path makes it, whether it needed no repair (the parse
// done meanwhile stands) or needed some (escape sequences, references to
// controls, a NUL, CP949 labelled UTF-8, a byte-order mark), when the
// serial path's result is the one returned, warnings and all.
func TestParseCleanIsSerial(t *testing.T) {
	cp949, err := korean.EUCKR.NewEncoder().Bytes(bigRSS(`<?xml version="1.0" encoding="utf-8"?>`, 400, ""))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"clean":             bigRSS(`<?xml version="1.0" encoding="utf-8"?>`, 400, ""),
		"declared euc-kr":   bigRSS(`<?xml version="1.0" encoding="euc-kr"?>`, 400, ""),
		"escape sequence":   bigRSS("", 400, "\x1b]8;;https://evil.example/\x07\x1b[2J"),
		"control reference": bigRSS("", 400, "&#27;[31m"),
		"nul":               bigRSS("", 400, "\x00"),
		"invalid utf-8":     bigRSS("", 400, "\xff\xfe"),
		"cp949 as utf-8":    cp949,
		"bom":               append([]byte("\uFEFF"), bigRSS("", 400, "")...),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if len(data) < cleanMin {
				t.Fatalf("the body is %d bytes, under cleanMin", len(data))
			}
			var gotWarn, wantWarn []string
			got, gotErr := parse(data, "", "test", "https://newsdao.kr/", &Options{Warn: func(err error) { gotWarn = append(gotWarn, err.Error()) }})
			want, wantErr := parseSerial(data, "", "test", "https://newsdao.kr/", &Options{Warn: func(err error) { wantWarn = append(wantWarn, err.Error()) }})
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("error %v, serially %v", gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("parse and the serial path differ")
			}
			if !reflect.DeepEqual(gotWarn, wantWarn) {
				t.Errorf("warnings %q, serially %q", gotWarn, wantWarn)
			}
			if gotErr != nil {
				return
			}
			last := got.Items[0]
			for _, it := range got.Items {
				if it.ID == "n399" {
					last = it
				}
			}
			for _, s := range []string{last.Title, last.Body} {
				if strings.ContainsAny(s, "\x1b\x00\x07") || !strings.Contains(s, "운행") {
					t.Errorf("the last item reads %q", s)
				}
			}
			if !strings.Contains(last.Body, "24~31℃") {
				t.Errorf("the last body lost its range: %q", last.Body)
			}
		})
	}
}

// FuzzParseCleanIsSerial: whatever the last item holds, a large body
// parses as the serial path parses it.
func FuzzParseCleanIsSerial(f *testing.F) {
	for _, s := range []string{"", "\x1b[2J", "&#27;", "\x00", "\xff", "]]>", "</item></channel>", "&#x1F;", "\uFEFF", "가\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, late string) {
		data := bigRSS("", 400, late)
		var gotWarn, wantWarn []string
		got, gotErr := parse(data, "", "test", "https://newsdao.kr/", &Options{Warn: func(err error) { gotWarn = append(gotWarn, err.Error()) }})
		want, wantErr := parseSerial(data, "", "test", "https://newsdao.kr/", &Options{Warn: func(err error) { wantWarn = append(wantWarn, err.Error()) }})
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("error %v, serially %v", gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotWarn, wantWarn) {
			t.Fatalf("parse and the serial path differ for %q", late)
		}
	})
}

// TestJSONFeedPlainText: what JSON Feed says is plain text (titles,
// summary, content_text) is read as the text it is, markup characters,
// line breaks and paragraphs kept; content_html stays HTML.
func TestJSONFeedPlainText(t *testing.T) {
	data := []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"시험 <피드>","items":[
{"id":"1","url":"https://j.example/1","title":"제목 <a>링크</a> & 기호","summary":"요약 <b>굵게</b>","content_text":"본문 ‹속보> <b>그대로</b>\n둘째 줄 24~31℃\n\n새 문단"},
{"id":"2","url":"https://j.example/2","title":"HTML","content_html":"<p>진짜 <b>굵게</b></p>"}]}`)
	f, err := parse(data, "application/feed+json", "test.json", "", &Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "시험 <피드>" {
		t.Errorf("feed title %q", f.Title)
	}
	byID := map[string]*Item{}
	for _, it := range f.Items {
		byID[it.ID] = it
	}
	it := byID["1"]
	if it.Title != "제목 <a>링크</a> & 기호" || it.Summary != "요약 <b>굵게</b>" {
		t.Errorf("title %q, summary %q", it.Title, it.Summary)
	}
	if want := "<p>본문 ‹속보&gt; &lt;b&gt;그대로&lt;/b&gt;<br>\n둘째 줄 24~31℃</p>\n<p>새 문단</p>\n"; it.Body != want {
		t.Errorf("body %q, want %q", it.Body, want)
	}
	if b := byID["2"].Body; !strings.Contains(b, "<b>굵게</b>") {
		t.Errorf("content_html became %q", b)
	}
}
