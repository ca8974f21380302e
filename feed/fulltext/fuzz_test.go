package fulltext_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokbo/feed/clean/cleantest"
	"sokbo/feed/fulltext"
)

// FuzzExtract feeds arbitrary pages to the extractor. It must not fail
// inside (a recovered panic is reported as "extractor failed"), and what
// it returns must be a real article that converts to clean Markdown.
func FuzzExtract(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html")
	}
	f.Add([]byte(`<article id="article-view-content-div"><p>기사 읽어주기</p>`+strings.Repeat("<div>", 600)+`본문`), "")
	f.Add([]byte("<table><tr><td colspan=99999>관련기사</td></tr></table>"), "text/html; charset=euc-kr")
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		a, err := fulltext.Extract(page, contentType, "https://www.sokbo-news.test/news/articleView.html?idxno=1", nil)
		if err != nil {
			if strings.Contains(err.Error(), "extractor failed") {
				t.Fatal(err)
			}
			if strings.ContainsAny(err.Error(), "\n\x1b") {
				t.Fatalf("error %q is not one clean line", err)
			}
			return
		}
		if a.TextLen == 0 || a.Via == "readability" && a.TextLen < fulltext.MinReadabilityText || a.HTML == "" {
			t.Fatalf("an article with %d characters: %q", a.TextLen, a.HTML)
		}
		md, err := a.Markdown()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{md, a.Title, a.Byline} {
			cleantest.AssertClean(t, s)
		}
	})
}
