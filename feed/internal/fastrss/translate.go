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
// in a news body is usually near the top, or for the plainest bodies a
// reading by hand (quickImage). TestFirstImage and FuzzFirstImage check
// it against gofeed's scan, TestQuickImage and FuzzQuickImage quickImage
// against the tokenizer.
func firstImage(doc string) (*gofeed.Image, bool) {
	if !containsFold(doc, "<im") {
		return nil, true
	}
	if strings.IndexByte(doc, 0) >= 0 {
		return nil, false // the tokenizer and the parser treat NUL differently
	}
	if img, ok := quickImage(doc); ok {
		return img, true
	}
	return tokenImage(doc)
}

// tokenImage is firstImage by the tokenizer.
func tokenImage(doc string) (*gofeed.Image, bool) {
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

// quickImage is firstImage's answer for the common news body, read
// without a tokenizer (whose 4 KB buffer, made for each item, cost a 10k
// feed 17 ms): text, and simple tags with plain attributes (a name; a
// value quoted, holding no '&'), up to the first img with a src. It
// reports false at anything else (a comment, an unquoted value, an
// entity in a value, a tag it does not know, a tag left open), where the
// tokenizer decides.
func quickImage(doc string) (*gofeed.Image, bool) {
	for i := 0; ; {
		j := strings.IndexByte(doc[i:], '<')
		if j < 0 {
			return nil, true // text to the end: no img
		}
		i += j + 1
		end := false
		if i < len(doc) && doc[i] == '/' {
			end = true
			i++
		}
		start := i
		for i < len(doc) && isASCIIAlnum(doc[i]) {
			i++
		}
		if i == start || !isASCIILetter(doc[start]) {
			return nil, false // not a tag: "< ", "<!", "<?", "</ "
		}
		name := strings.ToLower(doc[start:i])
		if end {
			if i >= len(doc) || doc[i] != '>' || !simpleTag(name) {
				return nil, false
			}
			i++
			continue
		}
		img := name == "img"
		if !img && !simpleTag(name) {
			return nil, false
		}
		var src string
		found := false
		for {
			// Between attributes: white space, then the tag's end or
			// the next attribute.
			for i < len(doc) && isHTMLSpace(doc[i]) {
				i++
			}
			if i >= len(doc) {
				return nil, false // left open
			}
			if doc[i] == '>' {
				i++
				break
			}
			if doc[i] == '/' {
				if i+1 < len(doc) && doc[i+1] == '>' {
					i += 2
					break
				}
				return nil, false
			}
			if !isHTMLSpace(doc[i-1]) {
				return nil, false // an attribute must follow white space
			}
			k := i
			for i < len(doc) && isAttrNameByte(doc[i]) {
				i++
			}
			if i == k || i >= len(doc) || doc[i] != '=' {
				return nil, false // no name, or no value: the tokenizer's
			}
			key := strings.ToLower(doc[k:i])
			i++
			if i >= len(doc) || (doc[i] != '"' && doc[i] != '\'') {
				return nil, false
			}
			q := doc[i]
			v := strings.IndexByte(doc[i+1:], q)
			if v < 0 {
				return nil, false
			}
			val := doc[i+1 : i+1+v]
			if strings.ContainsAny(val, "&\r") {
				return nil, false // an entity or a CR, which the tokenizer rewrites
			}
			i += v + 2
			if i < len(doc) && !isHTMLSpace(doc[i]) && doc[i] != '>' && doc[i] != '/' {
				return nil, false
			}
			if img && key == "src" && !found {
				src, found = val, true
			}
		}
		if found {
			return &gofeed.Image{URL: src}, true
		}
	}
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || '0' <= c && c <= '9' }

// isAttrNameByte is what quickImage reads in an attribute's name: a
// subset of what the tokenizer takes, enough for real bodies.
func isAttrNameByte(c byte) bool { return isASCIIAlnum(c) || c == '-' || c == '_' || c == ':' }

// isHTMLSpace is HTML's white space, as the tokenizer skips it in a tag.
func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
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
