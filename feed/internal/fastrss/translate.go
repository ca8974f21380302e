package fastrss

import (
	"io"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
	xhtml "golang.org/x/net/html"
)

// Translate turns an RSS feed into the gofeed.Feed that gofeed's parser
// returns for it: it is gofeed's DefaultRSSTranslator, with the
// translator's image scan, an HTML parse of every item's content and
// description, done only where firstImage cannot tell its result: on a
// feed whose every body holds an image, that scan takes as long as all
// the rest of a parse and allocates more.
//
// The translator runs with DisableContentImageScan, which leaves nil
// exactly the images the scan would look for. Those are then found as the
// scan finds them, in the content and then the description: by firstImage
// where it can tell, and otherwise by a second translator with the scan
// on, over the undecided items in one batch.
func Translate(f *rss.Feed) (*gofeed.Feed, error) {
	gf, err := (&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}).Translate(f)
	if err != nil {
		return nil, err
	}
	undecided := &rss.Feed{Items: []*rss.Item{}}
	var index []int // the index in f.Items of each undecided item
	if gf.Image == nil {
		var known bool
		if gf.Image, known = firstImage(f.Description); !known {
			undecided.Description = f.Description
		}
	}
	for i, it := range gf.Items {
		if it.Image != nil {
			continue
		}
		src := f.Items[i]
		img, known := firstImage(src.Content)
		if !known {
			undecided.Items = append(undecided.Items, &rss.Item{Content: src.Content, Description: src.Description})
			index = append(index, i)
			continue
		}
		if img == nil {
			if img, known = firstImage(src.Description); !known {
				undecided.Items = append(undecided.Items, &rss.Item{Description: src.Description})
				index = append(index, i)
				continue
			}
		}
		it.Image = img
	}
	if undecided.Description == "" && len(index) == 0 {
		return gf, nil
	}
	uf, err := (&gofeed.DefaultRSSTranslator{}).Translate(undecided)
	if err != nil {
		return nil, err
	}
	if undecided.Description != "" {
		gf.Image = uf.Image
	}
	for k, i := range index {
		gf.Items[i].Image = uf.Items[k].Image
	}
	return gf, nil
}

// firstImage returns what gofeed's image scan finds in doc, the src of the
// first <img> with one in the document order of the parsed HTML, where a
// cheaper reading can tell, and reports false where only the scan can:
//
//   - no image when doc has no tag starting "<im" in any case, so no img
//     element (HTML parsing turns an <image> tag into an img, hence "<im");
//   - the first img with a src, or no image, when only text, comments and
//     simple tags come before it: those leave every element where it
//     stands, so no later img can come before it in the parsed document.
//
// That is a tokenizer pass that stops at the first img with a src, which
// in a news body is usually near the top. TestFirstImage and
// FuzzFirstImage check it against gofeed's scan.
func firstImage(doc string) (*gofeed.Image, bool) {
	if !containsFold(doc, "<im") {
		return nil, true
	}
	if strings.IndexByte(doc, 0) >= 0 {
		return nil, false // the tokenizer and the parser treat NUL differently
	}
	z := xhtml.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return nil, z.Err() == io.EOF
		case xhtml.TextToken, xhtml.CommentToken:
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			name, hasAttr := z.TagName()
			if tt != xhtml.EndTagToken && string(name) == "img" {
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "src" {
						return &gofeed.Image{URL: string(v)}, true
					}
				}
				continue
			}
			if !simpleTag(string(name)) {
				return nil, false
			}
		default: // a doctype
			return nil, false
		}
	}
}

// simpleTag reports whether the HTML parser places an element of this name
// where it stands, so that it cannot move an image ahead of an earlier one.
func simpleTag(name string) bool {
	switch name {
	case "p", "div", "span", "a", "b", "i", "u", "s", "em", "strong", "br", "hr",
		"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
		"figure", "figcaption", "sub", "sup", "small", "code", "pre", "mark":
		return true
	}
	return false
}

// containsFold reports whether s holds a '<' followed by sub, in any case.
func containsFold(s, sub string) bool {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		if len(s)-i >= len(sub) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
		i++
	}
}
