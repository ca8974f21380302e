package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadJekyllCode: a Jekyll post's {% highlight %} block reads as
// code on every format: its lines in the text, a fenced block in the
// Markdown and the JSON, and the Markdown read again is the same post.
// The text was one line, "{% highlight ruby %} puts "안녕" x = 1
// {% endhighlight %}" (a new user's test).
func TestReadJekyllCode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "post.md")
	post := "---\ntitle: 코드\ndate: 2026-12-01 10:00:00 +0900\n---\n본문\n\n" +
		"{% highlight ruby %}\nputs \"안녕\"\nx = 1\n{% endhighlight %}\n\n끝 {{ page.title }}\n"
	if err := os.WriteFile(path, []byte(post), 0o600); err != nil {
		t.Fatal(err)
	}
	text, stderr, status := sokbo(t, "read", "--format", "text", path)
	if status != 0 || stderr != "" {
		t.Fatalf("text: status %d, stderr %q", status, stderr)
	}
	if want := "\n  본문\n\n    puts \"안녕\"\n    x = 1\n\n  끝 {{ page.title }}\n"; !strings.HasSuffix(text, want) {
		t.Errorf("text:\n%s\nwant it to end\n%s", text, want)
	}
	const body = "본문\n\n```ruby\nputs \"안녕\"\nx = 1\n```\n\n끝 {{ page.title }}\n"
	md, stderr, status := sokbo(t, "read", "--format", "markdown", path)
	if status != 0 || stderr != "" {
		t.Fatalf("markdown: status %d, stderr %q", status, stderr)
	}
	if !strings.HasSuffix(md, "\nrender_with_liquid: false\n---\n\n"+body) {
		t.Errorf("markdown:\n%s\nwant it to end\n%s", md, body)
	}
	out, _, _ := sokbo(t, "read", "--format", "json", path)
	var e struct{ Markdown string }
	if err := json.Unmarshal([]byte(out), &e); err != nil || e.Markdown != body {
		t.Errorf("json markdown %q (%v), want %q", e.Markdown, err, body)
	}
	again := filepath.Join(t.TempDir(), "again.md")
	if err := os.WriteFile(again, []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	if second, stderr, _ := sokbo(t, "read", "--format", "markdown", again); second != md {
		t.Errorf("reading the printed post back changed it (%s):\nfirst:\n%s\nsecond:\n%s", stderr, md, second)
	}
	if second, _, _ := sokbo(t, "read", "--format", "text", again); second != text {
		t.Errorf("the printed post reads\n%s\nnot\n%s", second, text)
	}
}
