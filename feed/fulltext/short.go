package fulltext

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"

	"sokbo/feed"
)

// TextLen counts the characters of text in a feed body, white space and
// markup aside (an HTML body's tags, comments, scripts and styles), up to
// limit: it stops reading once it has counted limit. It tells a feed that
// carries only a summary from one that carries its articles. A Markdown
// body, or plain text, counts every character but white space.
func TextLen(body string, format feed.BodyFormat, limit int) int {
	if format == feed.FormatMarkdown {
		n := 0
		for _, r := range body {
			if !unicode.IsSpace(r) {
				if n++; n >= limit {
					break
				}
			}
		}
		return n
	}
	z := html.NewTokenizer(strings.NewReader(body))
	n, skip := 0, 0
	for n < limit {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.TextToken:
			if skip == 0 {
				n += countText(html.UnescapeString(string(z.Raw())))
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); isRawText(string(name)) {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); isRawText(string(name)) && skip > 0 {
				skip--
			}
		}
	}
	return min(n, limit)
}

func isRawText(tag string) bool {
	switch tag {
	case "script", "style", "template", "noscript":
		return true
	}
	return false
}
