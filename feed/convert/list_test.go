package convert

import (
	"fmt"
	"strings"
	"testing"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"sokbo/feed"
)

// gfmLists describes the lists of md as a GFM parser reads them, one per
// line, nested lists indented under their item: the kind ("ol 3)" for an
// ordered list from 3 with ")", "ul"), whether it is tight, and its items'
// text.
func gfmLists(md string) string {
	src := []byte(md)
	doc := gfm.Parser().Parse(text.NewReader(src))
	var b strings.Builder
	var walk func(n gast.Node, depth int)
	walk = func(n gast.Node, depth int) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			l, ok := c.(*gast.List)
			if !ok {
				walk(c, depth)
				continue
			}
			kind := "ul"
			if l.IsOrdered() {
				kind = fmt.Sprintf("ol %d%c", l.Start, l.Marker)
			}
			tight := "loose"
			if l.IsTight {
				tight = "tight"
			}
			fmt.Fprintf(&b, "%s%s %s:", strings.Repeat("  ", depth), kind, tight)
			for item := l.FirstChild(); item != nil; item = item.NextSibling() {
				var words []string
				for p := item.FirstChild(); p != nil; p = p.NextSibling() {
					if _, ok := p.(*gast.List); !ok {
						words = append(words, string(p.Lines().Value(src)))
					}
				}
				fmt.Fprintf(&b, " [%s]", strings.TrimSpace(strings.Join(words, " ")))
			}
			b.WriteByte('\n')
			for item := l.FirstChild(); item != nil; item = item.NextSibling() {
				walk(item, depth+1)
			}
		}
	}
	walk(doc, 0)
	return b.String()
}

// TestLists converts lists as QA found them written (issue C1, C3): each
// list keeps its own numbers, two lists in a row stay two, and a tight
// list stays tight, in the Markdown as a GFM renderer reads it.
func TestLists(t *testing.T) {
	tests := map[string]struct {
		html, md, lists string
	}{
		"two ordered lists": {
			html:  `<ol start="3"><li>셋째</li><li>넷째</li></ol><ol><li>하나</li><li>둘</li></ol>`,
			md:    "3. 셋째\n4. 넷째\n\n<!-- -->\n\n1. 하나\n2. 둘\n",
			lists: "ol 3. tight: [셋째] [넷째]\nol 1. tight: [하나] [둘]\n",
		},
		"two bullet lists": {
			html:  "<ul><li>가</li></ul>\n<ul><li>나</li></ul>",
			md:    "- 가\n\n<!-- -->\n\n- 나\n",
			lists: "ul tight: [가]\nul tight: [나]\n",
		},
		"a list in a block after a list": {
			html:  `<ol><li>가</li></ol><div><ol start="2"><li>나</li></ol></div>`,
			md:    "1. 가\n\n<!-- -->\n\n2. 나\n",
			lists: "ol 1. tight: [가]\nol 2. tight: [나]\n",
		},
		"bullets then numbers": {
			html:  `<ul><li>가</li></ul><ol><li>나</li></ol>`,
			md:    "- 가\n\n1. 나\n",
			lists: "ul tight: [가]\nol 1. tight: [나]\n",
		},
		"a paragraph between": {
			html:  `<ol><li>가</li></ol><p>문단</p><ol><li>나</li></ol>`,
			md:    "1. 가\n\n문단\n\n1. 나\n",
			lists: "ol 1. tight: [가]\nol 1. tight: [나]\n",
		},
		"nested, tight": {
			html:  `<ol><li>첫째<ol><li>하위 가</li><li>하위 나<ul><li>더 깊은 항목</li></ul></li></ol></li><li>둘째</li></ol>`,
			md:    "1. 첫째\n   1. 하위 가\n   2. 하위 나\n      - 더 깊은 항목\n2. 둘째\n",
			lists: "ol 1. tight: [첫째] [둘째]\n  ol 1. tight: [하위 가] [하위 나]\n    ul tight: [더 깊은 항목]\n",
		},
		"nested list from 3": {
			// No list but one from 1 may follow text on the next line:
			// "3." there would be the item's text.
			html:  `<ul><li>가<ol start="3"><li>셋</li></ol></li></ul>`,
			md:    "- 가\n\n  3. 셋\n",
			lists: "ul loose: [가]\n  ol 3. tight: [셋]\n",
		},
		"nested after a paragraph": {
			html:  `<ul><li><p>가</p><ul><li>나</li></ul></li></ul>`,
			md:    "- 가\n\n  - 나\n",
			lists: "ul loose: [가]\n  ul tight: [나]\n",
		},
		"two lists in an item": {
			html:  `<ul><li>가<ul><li>a</li></ul><ul><li>b</li></ul></li></ul>`,
			md:    "- 가\n  - a\n\n  <!-- -->\n\n  - b\n",
			lists: "ul loose: [가 <!-- -->]\n  ul tight: [a]\n  ul tight: [b]\n",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			md := mustMarkdown(t, &feed.Item{Body: tc.html})
			if md != tc.md {
				t.Errorf("markdown:\n got %q\nwant %q", md, tc.md)
			}
			if got := gfmLists(md); got != tc.lists {
				t.Errorf("a GFM renderer reads\n%s\nwant\n%s", got, tc.lists)
			}
			assertNoUnsafeMarkdown(t, md)
			// Read back as a post, it is passed through as written.
			if back := mustMarkdown(t, &feed.Item{Format: feed.FormatMarkdown, Body: md}); back != md {
				t.Errorf("read back as a post:\n got %q\nwant %q", back, md)
			}
		})
	}
}

// TestListsInPosts converts the lists of Markdown posts that hold raw
// HTML, and so go through HTML and back (issue C2): a list numbered "1)"
// after one numbered "3." is a list of its own, from 1, and keeps its
// delimiter.
func TestListsInPosts(t *testing.T) {
	tests := map[string]struct {
		post, md, lists string
	}{
		"a change of delimiter, then raw HTML": {
			post:  "3. 셋째\n4. 넷째\n\n1) 괄호\n2) 둘\n\n<ol start=\"7\"><li>일곱</li></ol>\n",
			md:    "3. 셋째\n4. 넷째\n\n1) 괄호\n2) 둘\n\n7. 일곱\n",
			lists: "ol 3. tight: [셋째] [넷째]\nol 1) tight: [괄호] [둘]\nol 7. tight: [일곱]\n",
		},
		"two lists of one delimiter": {
			post:  "1) 가\n2) 나\n\n<!-- 끝 -->\n\n1) 다\n\n<b>굵게</b>\n",
			md:    "1) 가\n2) 나\n\n<!-- -->\n\n1) 다\n\n**굵게**\n",
			lists: "ol 1) tight: [가] [나]\nol 1) tight: [다]\n",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			md := mustMarkdown(t, &feed.Item{Format: feed.FormatMarkdown, Body: tc.post})
			if md != tc.md {
				t.Errorf("markdown:\n got %q\nwant %q", md, tc.md)
			}
			if got := gfmLists(md); got != tc.lists {
				t.Errorf("a GFM renderer reads\n%s\nwant\n%s", got, tc.lists)
			}
			assertNoUnsafeMarkdown(t, md)
		})
	}
}
