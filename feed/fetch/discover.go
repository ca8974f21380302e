package fetch

import (
	"bytes"
	"errors"
	"mime"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/feed/clean"
)

// discoverLimit bounds how much of a page Discover reads: feed links sit in
// the head, and a 20 MiB page must not cost a full tokenisation.
const discoverLimit = 1 << 20

// feedLinkTypes ranks the link types Discover accepts, best first.
// application/json comes last: WordPress also uses it for its REST API.
var feedLinkTypes = map[string]int{
	"application/rss+xml":   0,
	"application/atom+xml":  0,
	"application/rdf+xml":   0,
	"application/feed+json": 1,
	"application/json":      2,
}

// Discover returns the feeds an HTML page announces with
// <link rel="alternate" type="application/rss+xml"> (or atom+xml,
// feed+json, json), as absolute http(s) URLs resolved against pageURL and
// any <base href>. RSS and Atom come before JSON Feed, then document order;
// duplicates are dropped. It returns nil when the page names no feed.
func Discover(page []byte, pageURL string) []string {
	if len(page) > discoverLimit {
		page = page[:discoverLimit]
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		base = &url.URL{}
	}
	var links []feedLink
	baseSet := false
	z := html.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(discoverLimit)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return rankLinks(links, base)
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		switch atom.Lookup(name) {
		case atom.Base:
			attrs := tagAttrs(z)
			if href := strings.TrimSpace(attrs["href"]); href != "" && !baseSet {
				// Only the first <base href> counts, resolved against the
				// page's own address.
				if u, err := base.Parse(href); err == nil {
					base, baseSet = u, true
				}
			}
		case atom.Link:
			attrs := tagAttrs(z)
			if !hasToken(attrs["rel"], "alternate") {
				continue
			}
			typ, _, err := mime.ParseMediaType(attrs["type"])
			if err != nil {
				continue
			}
			rank, ok := feedLinkTypes[typ]
			href := strings.TrimSpace(attrs["href"])
			if !ok || href == "" {
				continue
			}
			links = append(links, feedLink{href, rank})
		}
	}
}

// feedLink is an alternate link as found, before resolution.
type feedLink struct {
	href string
	rank int // index into the preference order of feedLinkTypes
}

// rankLinks resolves, filters, orders and de-duplicates the found links.
// The base is applied at the end because <base> may follow a <link>.
func rankLinks(links []feedLink, base *url.URL) []string {
	var out []feedLink
	seen := map[string]bool{}
	for _, l := range links {
		// A link written with controls or bidi characters is refused
		// as written, before resolving could percent-encode some of
		// them and keep the rest.
		if errors.Is(clean.CheckURL(l.href, clean.Fetch), clean.ErrUnprintableURL) {
			continue
		}
		u, err := base.Parse(l.href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			continue
		}
		u.Fragment = ""
		s := u.String()
		if clean.CheckURL(s, clean.Fetch) != nil {
			continue
		}
		if seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, feedLink{s, l.rank})
	}
	slices.SortStableFunc(out, func(a, b feedLink) int { return a.rank - b.rank })
	var urls []string
	for _, l := range out {
		urls = append(urls, l.href)
	}
	return urls
}

// tagAttrs returns the current tag's attributes, keys lower-cased, values
// entity-decoded by the tokenizer. The first occurrence of a key wins.
func tagAttrs(z *html.Tokenizer) map[string]string {
	attrs := map[string]string{}
	for {
		k, v, more := z.TagAttr()
		key := strings.ToLower(string(k))
		if _, dup := attrs[key]; !dup {
			attrs[key] = string(v)
		}
		if !more {
			return attrs
		}
	}
}

// hasToken reports whether a space-separated list holds tok, ignoring case.
func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// CommonFeedPaths are where sites that announce no feed usually keep one,
// tried in order when a page has no alternate link: the feed path of the
// Korean news CMSs (newsdao.kr serves numbered article pages such as
// /4082, in that CMS's style), then the Jekyll and WordPress paths.
var CommonFeedPaths = []string{"/rss/allArticle.xml", "/feed.xml", "/feed", "/rss.xml", "/atom.xml"}

// CommonFeedURLs returns CommonFeedPaths on the host of pageURL, for a page
// that announces no feed of its own.
func CommonFeedURLs(pageURL string) []string {
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	out := make([]string, 0, len(CommonFeedPaths))
	for _, p := range CommonFeedPaths {
		out = append(out, (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: p}).String())
	}
	return out
}
