package feed

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// postMarkdown reads the Markdown of posts as GitHub does. Its renderer
// keeps raw HTML, which htmlToMarkdown then cleans like any feed's HTML.
// A goldmark.Markdown is safe for concurrent use.
var postMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// markdownPost cleans the body of a Markdown post. Most posts are plain
// Markdown and come back as they are, sanitized. A post that holds raw
// HTML, or a link or image whose address is unsafe (javascript:, data:,
// file:…), in any of Markdown's forms (inline, reference-style, autolink,
// inside raw HTML), is rendered to HTML and converted back like a feed's
// article: the same cleaner drops what is unsafe, HTML tables become
// sokbo's tables, and no later step meets HTML.
func markdownPost(md string) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("markdown parser failed: %v", r)
		}
	}()
	// Clean first: removing a control can make markup ("<A0\x7f>"
	// becomes the tag "<A0>").
	md = finishMarkdown(md)
	src := []byte(md)
	doc := postMarkdown.Parser().Parse(text.NewReader(src))
	if !needsHTMLPass(doc, src) {
		return md, nil
	}
	var buf bytes.Buffer
	if err := postMarkdown.Renderer().Render(&buf, src, doc); err != nil {
		return "", fmt.Errorf("rendering markdown: %w", err)
	}
	// Relative addresses stay relative, as in posts that need no pass.
	return htmlToMarkdown(buf.String(), "")
}

// needsHTMLPass reports whether a parsed post holds raw HTML or a link
// that is not safe to keep.
func needsHTMLPass(doc gast.Node, src []byte) bool {
	found := false
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gast.HTMLBlock, *gast.RawHTML:
			found = true
		case *gast.Link:
			found = !safeURL(string(n.Destination), true)
		case *gast.Image:
			found = !safeURL(string(n.Destination), false)
		case *gast.AutoLink:
			found = n.AutoLinkType == gast.AutoLinkURL && !safeURL(string(n.URL(src)), true)
		}
		if found {
			return gast.WalkStop, nil
		}
		return gast.WalkContinue, nil
	})
	return found
}
