package convert

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sokbo/feed/clean"
)

// Markdown has no superscript or subscript, and the converter writes the
// text of <sup> and <sub> as if they were not there: 10<sup>-3</sup> was
// "10-3", another number. markScripts writes them as plain text does
// (clean.ScriptOf): 10⁻³, H₂O, 수준¹, 수준^(주1). A link inside
// (<sup><a href="#fn1">1</a></sup>, the common footnote reference) keeps
// its address: text nodes are rewritten in place, and the element is
// replaced by its children.

// markScripts rewrites every <sup> and <sub> of doc; see above. Its depth
// is bounded by prepareDOM (MaxDepth).
func markScripts(doc *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			walk(c)
			if c.Type == html.ElementNode && (c.DataAtom == atom.Sup || c.DataAtom == atom.Sub) {
				markScript(c)
			}
			c = next
		}
	}
	walk(doc)
}

// markScript writes one <sup> or <sub>, whose own scripts are written,
// and puts its children in its place.
func markScript(n *html.Node) {
	super := n.DataAtom == atom.Sup
	var texts []*html.Node
	var all strings.Builder
	var collect func(*html.Node)
	collect = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				texts = append(texts, c)
				all.WriteString(c.Data)
			case c.Type == html.ElementNode:
				collect(c)
			}
		}
	}
	collect(n)
	text := all.String()
	switch clean.ScriptOf(text, super) {
	case clean.ScriptChars:
		for _, t := range texts {
			t.Data = clean.RaiseOrLower(t.Data, super)
		}
	case clean.ScriptMarked:
		before, after := clean.ScriptMarks(text, super)
		n.InsertBefore(&html.Node{Type: html.TextNode, Data: before}, n.FirstChild)
		if after != "" {
			n.AppendChild(&html.Node{Type: html.TextNode, Data: after})
		}
	}
	unwrap(n)
}
