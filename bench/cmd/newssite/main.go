// Command newssite serves fulltexttest's invented ND소프트-style news site
// on 127.0.0.1, for trying full text in sokbo by hand:
//
//	go run ./bench/cmd/newssite -addr 127.0.0.1:8081 -n 30 -every 1m
//	sokbo http://127.0.0.1:8081/rss/allArticle.xml
//
// Its feed carries one sentence of each article; the pages hold the
// articles among widgets. The third article's page has no article text
// and the fourth's is gone (404), to see how a failure reads.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"time"

	"sokbo/feed/fulltext/fulltexttest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	n := flag.Int("n", 30, "articles")
	pad := flag.Int("pad", 0, "pad every page to this many bytes")
	every := flag.Duration("every", 0, "publish a new article this often (0: never)")
	flag.Parse()

	site := fulltexttest.NewSite(*n, time.Now().Add(-10*time.Minute))
	site.Pad = *pad
	if arts := site.Articles(); len(arts) > 3 {
		site.Update(arts[2].ID, func(a *fulltexttest.Article) { a.Kind = fulltexttest.KindEmpty })
		site.Update(arts[3].ID, func(a *fulltexttest.Article) { a.Kind = fulltexttest.KindGone })
	}
	if *every > 0 {
		go func() {
			for i := 1; ; i++ {
				time.Sleep(*every)
				site.Publish(fulltexttest.Article{
					ID: 40000 + i, Title: fmt.Sprintf("새로 들어온 속보 %d호", i), Reporter: "한결 기자", Published: time.Now(),
					Paragraphs: []string{
						fmt.Sprintf("속보 %d호의 첫 문장이다. 이 문장부터는 피드에 없고 기사 페이지에만 있다.", i),
						"둘째 문단은 전문을 가져와야 보인다. 기온은 24~31℃로 예보됐다.",
					},
				})
				log.Printf("published %d", 40000+i)
			}
		}()
	}
	log.Printf("feed at http://%s%s", *addr, fulltexttest.FeedPath)
	log.Fatal(http.ListenAndServe(*addr, logged(site)))
}

func logged(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Printf("%s %s (%s)", r.Method, r.URL.RequestURI(), r.UserAgent())
		h.ServeHTTP(w, r)
	})
}
