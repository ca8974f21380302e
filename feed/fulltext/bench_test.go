package fulltext_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokbo/feed/fulltext"
)

// bigPage grows a fixture to about size bytes the way real news pages are
// big: a script blob in the head, long menus and sidebars of links around
// the body, and a longer body.
func bigPage(tb testing.TB, file string, size int) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		tb.Fatal(err)
	}
	page := string(b)
	var script, menu, body strings.Builder
	script.WriteString("<script>var config = {")
	for i := 0; script.Len() < size/5; i++ {
		fmt.Fprintf(&script, "k%d: 'value %d', ", i, i)
	}
	script.WriteString("};</script>")
	for i := 0; body.Len() < size/5; i++ {
		fmt.Fprintf(&body, "<p>%d번째 덧붙인 문단이다. 시는 점검 결과를 누리집에 올리고 주민 설명회를 열 계획이라고 밝혔다. 설명회는 구청 강당에서 열린다.</p>\n", i)
	}
	menu.WriteString(`<div class="side-box"><ul>`)
	for i := 0; len(page)+script.Len()+body.Len()+menu.Len() < size; i++ {
		fmt.Fprintf(&menu, `<li class="item"><a href="/news/articleView.html?idxno=%d"><span class="thumb"><img src="/t/%d.jpg" alt=""></span><span class="tit">덧붙인 목록의 %d번째 기사 제목</span></a></li>`+"\n", i, i, i)
	}
	menu.WriteString("</ul></div>")
	page = strings.Replace(page, "</head>", script.String()+"</head>", 1)
	page = strings.Replace(page, "</body>", menu.String()+"</body>", 1)
	if i := strings.LastIndex(page, "<p>김하늘 기자"); i >= 0 {
		page = page[:i] + body.String() + page[i:]
	} else if i := strings.LastIndex(page, "<p>박도윤 기자"); i >= 0 {
		page = page[:i] + body.String() + page[i:]
	}
	return []byte(page)
}

// BenchmarkExtract extracts a 200 KB page by the ND소프트 rule and by the
// readability fallback. The target is 20 ms a page.
func BenchmarkExtract(b *testing.B) {
	for _, bc := range []struct{ name, file, url string }{
		{"rule-200KB", "ndsoft.html", "https://www.sokbo-news.test/news/articleView.html?idxno=20417"},
		{"readability-200KB", "readability.html", "https://dongne.test/2025/02/03/bookshops"},
	} {
		page := bigPage(b, bc.file, 200<<10)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := fulltext.Extract(page, "text/html; charset=utf-8", bc.url, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBigPage checks what the benchmark measures: the grown pages still
// extract by the intended path, with the whole body.
func TestBigPage(t *testing.T) {
	for file, via := range map[string]string{"ndsoft.html": "rule:ndsoft", "readability.html": "readability"} {
		page := bigPage(t, file, 200<<10)
		if len(page) < 200<<10 || len(page) > 210<<10 {
			t.Errorf("%s grew to %d bytes", file, len(page))
		}
		a, err := fulltext.Extract(page, "text/html", "https://www.sokbo-news.test/news/1", nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Via != via || !strings.Contains(a.HTML, "0번째 덧붙인 문단") || strings.Contains(a.HTML, "덧붙인 목록") {
			t.Errorf("%s: Via %q, %d bytes of HTML", file, a.Via, len(a.HTML))
		}
	}
}
