package feedgen

import (
	"bytes"
	"encoding/xml"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	var a, b, c bytes.Buffer
	for _, w := range []*bytes.Buffer{&a, &b} {
		if err := Generate(w, 50, 1); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs with the same seed differ")
	}
	if err := Generate(&c, 50, 2); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("two seeds give the same feed")
	}
}

func TestGenerateIsWellFormedRSS(t *testing.T) {
	var buf bytes.Buffer
	const n = 200
	if err := Generate(&buf, n, 7); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Items []struct {
			Title   string `xml:"title"`
			GUID    string `xml:"guid"`
			Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) != n {
		t.Fatalf("got %d items, want %d", len(doc.Items), n)
	}
	seen := map[string]bool{}
	total := 0
	for _, it := range doc.Items {
		if seen[it.GUID] {
			t.Errorf("GUID %s repeats", it.GUID)
		}
		seen[it.GUID] = true
		total += len(it.Content)
		for _, tag := range []string{"<p>", "<ul>", "<table>", "<h3>"} {
			if !bytes.Contains([]byte(it.Content), []byte(tag)) {
				t.Errorf("%s: content has no %s", it.GUID, tag)
			}
		}
	}
	// Like a real feed of the Korean news CMS: about 3 KB of HTML each.
	if avg := total / n; avg < 2500 || avg > 4000 {
		t.Errorf("average content is %d bytes, want about 3 KB", avg)
	}
}
