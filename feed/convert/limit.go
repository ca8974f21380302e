package convert

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/feed/clean"
)

// MaxElements caps the elements of one article converted as HTML. A long
// real article has a few thousand; past the cap, the rest of the body is
// kept as plain text after a note, so a hostile body of a million
// elements costs a parse of its text instead of a tree, a Markdown
// document and a layout of a million blocks.
const MaxElements = 50_000

// capElements splits body before its (limit+1)th element: head is the
// HTML to convert, and rest the plain text of what follows, "" when body
// has no more than limit elements. It is one pass of the tokenizer,
// linear in the body.
func capElements(body string, limit int) (head, rest string) {
	if strings.Count(body, "<") <= limit {
		return body, "" // no more elements than '<'s
	}
	z := html.NewTokenizer(strings.NewReader(body))
	offset, elements := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return body, ""
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if elements++; elements > limit {
				break
			}
		}
		offset += len(z.Raw())
	}
	return body[:offset], clean.PlainText(body[offset:])
}

// appendPlain adds to the end of the document's body, outside any element
// the cut left open, a note saying the article was simplified and the
// rest of its text as one paragraph.
func appendPlain(doc *html.Node, rest string, limit int) {
	body := doc
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			body = n
			break
		}
	}
	note := fmt.Sprintf("(article simplified: past %d elements, the rest is shown as plain text)", limit)
	for _, text := range []string{note, rest} {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: text})
		body.AppendChild(p)
	}
}
