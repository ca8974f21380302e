package convert

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Markdown has no superscript or subscript, and the converter writes the
// text of <sup> and <sub> as if they were not there: 10<sup>-3</sup> was
// "10-3", another number, and 평년 수준<sup>1</sup> ran its note's number
// into the word ("수준1"). markScripts writes them so that they still
// read as what they are:
//
//   - in the characters Unicode has for them, where the text is all
//     digits, signs and parentheses (and, raised, n and i), whose raised
//     and lowered forms every terminal font has: 10⁻³, H₂O, 수준¹;
//   - otherwise with the mark plain text uses, ^ or _, before the text,
//     which is put in parentheses when it is more than one character:
//     수준^(주1), x_i stays x_i, x_(max). A footnote mark such as * or †
//     that is its own superscript stays as it is.
//
// A link inside (<sup><a href="#fn1">1</a></sup>, the common footnote
// reference) keeps its address: text nodes are rewritten in place, and
// the element is replaced by its children.

var superscripts = strings.NewReplacer(
	"0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹",
	"+", "⁺", "-", "⁻", "−", "⁻", "=", "⁼", "(", "⁽", ")", "⁾", "n", "ⁿ", "i", "ⁱ",
)

var subscripts = strings.NewReplacer(
	"0", "₀", "1", "₁", "2", "₂", "3", "₃", "4", "₄", "5", "₅", "6", "₆", "7", "₇", "8", "₈", "9", "₉",
	"+", "₊", "-", "₋", "−", "₋", "=", "₌", "(", "₍", ")", "₎",
)

// scriptable reports whether every character of s has a form in the
// script (super or sub), and s has one at least.
func scriptable(s string, super bool) bool {
	chars := "0123456789+-−=()"
	if super {
		chars += "ni"
	}
	return strings.TrimSpace(s) != "" && strings.Trim(s, chars) == ""
}

// ownMark reports whether s is a mark that is written raised already, or
// set off: a footnote's asterisk or dagger, a superscript character
// itself, or a reference in brackets.
func ownMark(s string) bool {
	if len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' {
		return true // a reference set off already: [1], as Wikipedia writes it
	}
	return s != "" && strings.Trim(s, "*†‡§¶#⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎™®©") == ""
}

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
	text := strings.TrimSpace(all.String())
	switch {
	case text == "" || ownMark(text):
	case scriptable(text, super):
		r := subscripts
		if super {
			r = superscripts
		}
		for _, t := range texts {
			t.Data = r.Replace(t.Data)
		}
	default:
		mark := "_"
		if super {
			mark = "^"
		}
		if len([]rune(text)) > 1 {
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: mark + "("}, n.FirstChild)
			n.AppendChild(&html.Node{Type: html.TextNode, Data: ")"})
		} else {
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: mark}, n.FirstChild)
		}
	}
	unwrap(n)
}
