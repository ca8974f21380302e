// Package fulltext provides the full text of articles whose feed carries
// only a summary: it fetches the article's page and extracts its body.
//
// Extraction tries site rules first. They are data, not code: rules.toml,
// embedded in the binary, maps a host or a CMS detected by its markup (the
// ND소프트 CMS that hundreds of Korean outlets run) to CSS selectors for
// the body and for widgets to drop; users add rules of their own (see
// Rule, ParseRules and NewRules). A page no rule fits goes to readability
// (codeberg.org/readeck/go-readability). Either way Korean widget noise is
// removed afterwards: text-to-speech prompts (기사 읽어주기), font-size and
// share buttons, related-article and most-read lists, comment and login
// prompts, ad blocks and portal blurbs. The reporter's byline and e-mail
// stay, and the copyright line (무단전재 및 재배포 금지) ends the article,
// once.
//
// The result is an HTML fragment, Article.HTML. It is not clean yet: like
// every feed body it goes through the feed's HTML→Markdown conversion,
// which sanitises it and lays out its tables (Article.Markdown does that).
// Nothing here bypasses that sanitiser. A page that yields no article is an
// error with a one-line reason, never an empty article: the caller keeps
// the summary it had.
//
// A program keeps one Client, built on the fetcher its feeds use and, by
// Pace, on their per-host pacing. Client.Fetch returns an Article;
// Article.Item puts it in place of an item's summary for the reader and
// the printer, and its HTML, URL, Fetched and Via are what a store keeps
// beside the summary. Extract does the same for a page already in hand.
package fulltext

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/feed"
	"sokbo/feed/convert"
	"sokbo/feed/fetch"
)

// Extraction limits. They bound what one hostile page can cost.
const (
	// MinReadabilityText is the least text, in characters other than
	// white space, that readability's result must hold: a generic guess
	// that short is more often a stray caption or footer than an
	// article. A site rule's body has no such minimum, since a rule says
	// where the article is and a breaking-news item may be one sentence:
	// any text it holds once cleaned is the article.
	MinReadabilityText = 80
	// MaxElements caps the elements of a page; a bigger page is refused
	// rather than handed to readability, whose cost grows faster than
	// the page.
	MaxElements = 60_000
)

// Errors an extraction or fetch may return, to test with errors.Is. The
// message of the error returned is one line and says more.
var (
	// ErrNoArticle is returned when no article text is found on a page.
	ErrNoArticle = errors.New("no article text found")
	// ErrNotHTML is returned for a page that is not HTML (a PDF, an
	// image, a feed).
	ErrNotHTML = errors.New("not an HTML page")
	// ErrScheme is returned for an address, or a redirect to one, whose
	// scheme is not http or https.
	ErrScheme = errors.New("only http and https pages are fetched")
)

// Error is the error of one page: its address and the cause. Its message
// is one line, sanitised, such as
// "https://example.com/news/1: no article text found (12 characters)".
type Error struct {
	URL string
	Err error
}

// Error returns the page's address, then the cause.
func (e *Error) Error() string {
	return oneLine(e.URL, 120) + ": " + oneLine(e.Err.Error(), 200)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Article is the extracted full text of one page. The store keeps it
// beside the item's summary: HTML (in the item's Body format, FormatHTML),
// URL and Fetched say what it is and where and when it came from.
type Article struct {
	// URL is the page's address after redirects. Links and images in
	// HTML are already absolute, resolved against it.
	URL string
	// Fetched is when the page was fetched; the zero time when the page
	// was handed to Extract rather than fetched.
	Fetched time.Time
	// HTML is the article body: an HTML fragment with widgets removed,
	// the byline kept and the copyright line last. It is not sanitised:
	// render it only through Markdown or the feed's HTML→Markdown
	// conversion, like any feed body.
	HTML string
	// Title is the page's title (og:title, else <title>), clean plain
	// text, or "".
	Title string
	// Byline is the reporter's line a site rule found outside the body,
	// clean plain text, or "".
	Byline string
	// Via says how the body was found: "rule:" and the rule's name, or
	// "readability".
	Via string
	// TextLen is the characters of article text, white space and the
	// copyright line not counted.
	TextLen int
}

// Markdown converts a's body as every feed body is converted: the same
// HTML→Markdown conversion, sanitiser and table layout.
func (a *Article) Markdown() (string, error) {
	return convert.Markdown(a.Item(nil))
}

// Item returns a copy of it with a's body in place of its own: what the
// reader shows and the printer prints for an extracted article, with the
// item's own title, date and link in the header. A nil it gives an item
// with a's title and URL.
func (a *Article) Item(it *feed.Item) *feed.Item {
	var out feed.Item
	if it != nil {
		out = *it
	} else {
		out.Title, out.Link = a.Title, a.URL
	}
	out.Body, out.Format = a.HTML, feed.FormatHTML
	return &out
}

// Extract finds the article in page, the bytes of the HTML page at
// pageURL as fetched (any charset: it is decoded as feeds are, from the
// Content-Type header, a <meta charset> or the bytes themselves; EUC-KR
// and CP949 pages are understood). contentType may be "". rs chooses the
// site rules; nil means DefaultRules.
//
// The error is an *Error wrapping ErrNoArticle, ErrNotHTML or another
// cause; it is never a panic and never an empty article.
func Extract(page []byte, contentType, pageURL string, rs *Rules) (*Article, error) {
	a, err := extract(page, contentType, pageURL, rs.orDefault())
	if err != nil {
		return nil, &Error{URL: pageURL, Err: err}
	}
	return a, nil
}

func extract(page []byte, contentType, pageURL string, rs *Rules) (a *Article, err error) {
	defer func() {
		// cascadia and readability are well used, but a page is hostile
		// and one bug there must not take the reader down.
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("extractor failed: %v", r)
		}
	}()
	if !isHTML(page, contentType) {
		return nil, notHTML(contentType)
	}
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("bad address: %w", err)
	}
	doc, err := html.Parse(bytes.NewReader(fetch.DecodeCharset(page, contentType)))
	if err != nil {
		return nil, fmt.Errorf("%w: the page does not parse (%v)", ErrNoArticle, err)
	}
	if n := countElements(doc, MaxElements+1); n > MaxElements {
		return nil, fmt.Errorf("page too large to extract (more than %d elements)", MaxElements)
	}
	x := &extraction{rs: rs, doc: doc, base: u}
	return x.run()
}

// extraction is the state of one Extract.
type extraction struct {
	rs   *Rules
	doc  *html.Node
	base *url.URL
	rule *rule
	// body are the elements the rule found, kept from the noise pass.
	body []*html.Node
}

func (x *extraction) run() (*Article, error) {
	n := x.rs.noise
	a := &Article{URL: x.base.String(), Title: pageTitle(x.doc)}
	copyright := n.findCopyright(x.doc)

	x.rule = x.rs.match(x.doc, x.base)
	if x.rule != nil {
		x.body = x.rule.findBody(x.doc)
		a.Byline = x.rule.findByline(x.doc)
	}
	n.dropWidgets(x.doc, x.body)

	var content []*html.Node
	if x.rule != nil && len(x.body) > 0 {
		// The rule's body is cleaned before it is judged: a body that
		// held only widgets, the title or the copyright line is not
		// found here, and readability gets the page.
		for _, b := range x.body {
			dropAll(b, x.rule.drop)
			n.dropText(b, x.rule.dropText)
		}
		dropTitle(x.body[0], a.Title)
		if inBody := n.takeCopyright(x.body); inBody != "" {
			copyright = inBody
		}
		if textLen(x.body) > 0 {
			content, a.Via = x.body, "rule:"+x.rule.name
		}
	}
	if content == nil {
		p := readability.NewParser()
		p.MaxElemsToParse = MaxElements
		p.DisableJSONLD = true // scripts are gone by now
		r, err := p.ParseAndMutate(x.doc, x.base)
		if err != nil {
			return nil, fmt.Errorf("%w (%v)", ErrNoArticle, err)
		}
		if r.Node == nil {
			return nil, ErrNoArticle
		}
		fixAtoms(r.Node)
		content, a.Via = []*html.Node{r.Node}, "readability"
		n.dropText(r.Node, nil)
		dropTitle(r.Node, a.Title)
		if inBody := n.takeCopyright(content); inBody != "" {
			copyright = inBody
		}
		if k := textLen(content); k < MinReadabilityText {
			if k == 0 {
				return nil, ErrNoArticle
			}
			return nil, fmt.Errorf("%w (%d characters)", ErrNoArticle, k)
		}
	}

	a.TextLen = textLen(content)
	if linkShare(content) >= 0.5 {
		return nil, fmt.Errorf("%w (the page holds mostly links)", ErrNoArticle)
	}

	var out bytes.Buffer
	for _, c := range content {
		x.tidy(c)
		if err := renderContent(&out, c); err != nil {
			return nil, err
		}
	}
	if a.Byline != "" && !mentions(content, a.Byline) {
		out.WriteString("<p>")
		out.WriteString(html.EscapeString(a.Byline))
		out.WriteString("</p>\n")
	}
	if copyright != "" {
		out.WriteString("<p>")
		out.WriteString(html.EscapeString(copyright))
		out.WriteString("</p>\n")
	}
	a.HTML = out.String()
	return a, nil
}

func notHTML(contentType string) error {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "" {
		return ErrNotHTML
	}
	return fmt.Errorf("%w (%s)", ErrNotHTML, oneLine(mt, 60))
}

// isHTML reports whether a page is HTML by its Content-Type, or by its
// bytes when the header is missing or generic.
func isHTML(page []byte, contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || contentType == "" {
		mt = ""
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "application/octet-stream", "text/plain":
		sniff := http.DetectContentType(page)
		if strings.HasPrefix(sniff, "text/html") {
			return true
		}
		// DetectContentType wants the markup at the very start; a page
		// that opens with a comment or a BOM is still HTML.
		head := bytes.ToLower(page[:min(len(page), 1024)])
		return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html"))
	}
	return false
}

// countElements counts the elements of doc, stopping at limit.
func countElements(doc *html.Node, limit int) int {
	n := 0
	for c := range doc.Descendants() {
		if c.Type == html.ElementNode {
			n++
			if n >= limit {
				break
			}
		}
	}
	return n
}

// pageTitle returns og:title or <title>, clean plain text.
func pageTitle(doc *html.Node) string {
	var title string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Meta:
			if attr(n, "property") == "og:title" {
				if t := oneLine(attr(n, "content"), 300); t != "" {
					return t
				}
			}
		case atom.Title:
			if title == "" {
				title = oneLine(nodeText(n), 300)
			}
		case atom.Body:
			// og:title lives in the head.
			return title
		}
	}
	return title
}

// findBody returns the elements of the first body selector that matches
// elements holding any text, without the ones nested in another match.
func (r *rule) findBody(doc *html.Node) []*html.Node {
	for _, sel := range r.body {
		found := sel.MatchAll(doc)
		if len(found) == 0 {
			continue
		}
		var out []*html.Node
		for _, n := range found {
			if len(out) > 0 && isAncestor(out[len(out)-1], n) {
				continue
			}
			out = append(out, n)
		}
		if textLen(out) > 0 {
			return out
		}
	}
	return nil
}

// fixAtoms gives every element under root the atom of its name.
// Readability renames elements (a <td> or <div> becomes a <p> or <div>)
// and leaves the old atom, which would make a paragraph a table cell to
// every check that goes by atom.
func fixAtoms(root *html.Node) {
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.Namespace == "" {
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
	}
	if root.Type == html.ElementNode {
		root.DataAtom = atom.Lookup([]byte(root.Data))
	}
}

// dropTitle removes the first line of root when it repeats the page's
// title, as a body found by a selector often does, and as readability
// leaves an <h1> when the page's title runs on past it ("제목 - 가람일보",
// "제목 < 사회 < 기사본문 - 가람일보"); the reader shows the title in the
// header already.
func dropTitle(root *html.Node, title string) {
	if title == "" {
		return
	}
	var first *html.Node
	var walk func(p *html.Node) bool
	walk = func(p *html.Node) bool {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			// readability's result wraps the article in a <div> or
			// two: the title is the first line inside them.
			if isCandidate(c) && countText(nodeText(c)) > 0 && !holdsBlock(c) {
				first = c
				return true
			}
			if c.Type == html.ElementNode && !isTablePart(c) && walk(c) {
				return true
			}
		}
		return false
	}
	if !walk(root) {
		return
	}
	if first.DataAtom == atom.Img || first.DataAtom == atom.Figure {
		return
	}
	t := blockText(first)
	if utf8.RuneCountInString(t) >= 8 && strings.HasPrefix(title, t) && first.Parent != nil {
		first.Parent.RemoveChild(first)
	}
}

// holdsBlock reports whether n has a block element among its children.
func holdsBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && isBlock(c) {
			return true
		}
	}
	return false
}

// findByline returns the text of the first byline match, without a
// "기자명" label.
func (r *rule) findByline(doc *html.Node) string {
	for _, sel := range r.byline {
		n := sel.MatchFirst(doc)
		if n == nil {
			continue
		}
		t := oneLine(nodeText(n), 200)
		t = strings.TrimSpace(strings.TrimPrefix(t, "기자명"))
		t = strings.TrimLeft(t, ":： ")
		if t != "" && utf8.RuneCountInString(t) <= 100 {
			return t
		}
	}
	return ""
}

// mentions reports whether content already names the reporter of byline:
// whether its text holds the byline's first word, the name.
func mentions(content []*html.Node, byline string) bool {
	name, _, _ := strings.Cut(byline, " ")
	if name == "" {
		return true
	}
	for _, c := range content {
		if strings.Contains(nodeText(c), name) {
			return true
		}
	}
	return false
}

// keptAttrs are the attributes that mean something to the Markdown
// conversion; the rest (classes, styles, event handlers, data-*) go, so
// the stored body is small and inert.
var keptAttrs = map[string]bool{
	"href": true, "src": true, "alt": true, "title": true,
	"colspan": true, "rowspan": true, "align": true, "scope": true,
}

// tidy makes links and images absolute, gives lazy images their real
// source and drops attributes the conversion does not use.
func (x *extraction) tidy(root *html.Node) {
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.DataAtom == atom.Img {
			src := attr(n, "src")
			if src == "" || strings.HasPrefix(src, "data:") {
				for _, k := range []string{"data-src", "data-original", "data-lazy-src"} {
					if v := attr(n, k); v != "" {
						setAttr(n, "src", v)
						break
					}
				}
			}
		}
		kept := n.Attr[:0]
		for _, a := range n.Attr {
			if a.Namespace != "" || !keptAttrs[a.Key] {
				continue
			}
			if a.Key == "href" || a.Key == "src" {
				a.Val = x.resolve(a.Val)
			}
			kept = append(kept, a)
		}
		n.Attr = kept
	}
}

// resolve makes ref absolute against the page. A reference that does not
// parse is left as it is; the conversion judges its scheme either way.
func (x *extraction) resolve(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ref
	}
	u, err := x.base.Parse(ref)
	if err != nil {
		return ref
	}
	return u.String()
}

// renderContent writes the inside of one content element, in a div of its
// own so that two bodies' text does not run together. A table is written
// whole, since its rows mean nothing without it.
func renderContent(w *bytes.Buffer, n *html.Node) error {
	if n.DataAtom == atom.Table {
		if err := html.Render(w, n); err != nil {
			return err
		}
		w.WriteByte('\n')
		return nil
	}
	w.WriteString("<div>")
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(w, c); err != nil {
			return err
		}
	}
	w.WriteString("</div>\n")
	return nil
}
