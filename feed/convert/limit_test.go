package convert

import (
	"strings"
	"testing"

	"sokbo/feed"
)

// TestMaxElements converts a body of many small elements: the first
// MaxElements convert as HTML, the rest is one plain paragraph after a
// note, and no text is lost.
func TestMaxElements(t *testing.T) {
	n := MaxElements/2 + 1000 // two elements each
	body := strings.Repeat("<p><b>가</b></p>", n) + "<p>끝</p>"
	md, err := Markdown(&feed.Item{Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(md, "가") != n || !strings.HasSuffix(md, "끝\n") {
		t.Fatalf("text lost: %d of %d, ends %q", strings.Count(md, "가"), n, md[len(md)-20:])
	}
	note := "(article simplified: past 50000 elements, the rest is shown as plain text)"
	if strings.Count(md, note) != 1 || strings.Count(md, "**가**") != MaxElements/2 {
		t.Fatalf("note %d times, %d bold", strings.Count(md, note), strings.Count(md, "**가**"))
	}
	// The note stands in a paragraph of its own even when the cut falls
	// deep inside nested elements.
	deep := strings.Repeat("<b>", MaxElements+5) + "깊은 글" + strings.Repeat("</b>", MaxElements+5)
	md, err = Markdown(&feed.Item{Body: deep})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, note+"\n\n깊은 글") {
		t.Fatalf("deep: %q", md[max(0, len(md)-200):])
	}
	// Under the cap nothing changes.
	small := strings.Repeat("<p>a</p>", 100)
	if head, rest := capElements(small, MaxElements); head != small || rest != "" {
		t.Fatal("a small body was cut")
	}
}
