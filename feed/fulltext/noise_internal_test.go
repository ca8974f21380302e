package fulltext

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// TestNoiseMatcher: the sorted noise matcher agrees with cascadia on the
// whole selector list, element by element, over every fixture and a page
// of attribute edge cases.
func TestNoiseMatcher(t *testing.T) {
	var f ruleFile
	if _, err := toml.Decode(string(builtinRules), &f); err != nil {
		t.Fatal(err)
	}
	want := cascadia.MustCompile(strings.Join(f.Noise.Selectors, ", "))
	n := defaultRules().noise
	pages, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	var docs [][]byte
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, b)
	}
	docs = append(docs, []byte(`<div class="AD"></div><div class="ad"></div><div class="x ad"></div><div class="x ad-y"></div>
<div class="head-ad-box"></div><div class="sub_ad"></div><div class="Share"></div><div id="ad"></div><div id="adx"></div>
<div hidden></div><div aria-hidden="false"></div><div aria-hidden="true"></div><div style="display: none"></div>
<ins class="adsbygoogle"></ins><span class="adsbygoogle"></span><div xml:class="share"></div><p class="">x</p>`))
	count := 0
	for _, b := range docs {
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for d := range doc.Descendants() {
			if d.Type != html.ElementNode {
				continue
			}
			count++
			if got, w := n.matches(d), want.Match(d); got != w {
				var buf bytes.Buffer
				html.Render(&buf, &html.Node{Type: html.ElementNode, Data: d.Data, Attr: d.Attr})
				t.Errorf("%s: matches %v, cascadia %v", buf.String(), got, w)
			}
		}
	}
	if count < 200 {
		t.Errorf("only %d elements compared", count)
	}
}
