package feed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// manyCategories is one item with n categories, half of them repeats.
func manyCategories(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title><guid>g</guid>`)
	for i := range n {
		fmt.Fprintf(&b, "<category>분류 %d</category>", i/2)
	}
	b.WriteString(`</item></channel></rss>`)
	return []byte(b.String())
}

// TestManyCategories: 100k categories were 18.6 s when de-duplication
// was quadratic. The item keeps the first MaxCategories, in order, once
// each, and the whole parse takes well under a second.
func TestManyCategories(t *testing.T) {
	data := manyCategories(100_000)
	start := time.Now()
	f, err := parse(data, "", "cats.xml", "", &Options{})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	cats := f.Items[0].Categories
	if len(cats) != MaxCategories || cats[0] != "분류 0" || cats[MaxCategories-1] != fmt.Sprintf("분류 %d", MaxCategories-1) {
		t.Fatalf("%d categories: %q … %q", len(cats), cats[0], cats[len(cats)-1])
	}
	// Quadratic de-duplication took 18.6 s here; the margin over the
	// measured ~50 ms is for a loaded machine and the race detector.
	if elapsed > 5*time.Second {
		t.Fatalf("100k categories took %v", elapsed)
	}
	t.Logf("100k categories: %v", elapsed)
}

func BenchmarkManyCategories(b *testing.B) {
	data := manyCategories(100_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parse(data, "", "cats.xml", "", &Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCleanCategoriesDistinct(b *testing.B) {
	in := make([]string, 100_000)
	for i := range in {
		in[i] = fmt.Sprintf("c%d", i)
	}
	for b.Loop() {
		cleanCategories(in)
	}
}

// TestLongTitlesSaid: a title past MaxTitleBytes is cut there, marked
// with "…", and the source warns once of how many were, as of every other
// cap it reaches.
func TestLongTitlesSaid(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("가", 3000)
	rss := filepath.Join(dir, "long.xml")
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>` +
		`<item><title>` + long + `</title><guid>a</guid></item>` +
		`<item><title>짧은 제목…</title><guid>b</guid></item>` +
		`<item><title>` + long + `</title><guid>c</guid></item></channel></rss>`
	post := filepath.Join(dir, "2024-01-02-long.md")
	if err := os.WriteFile(rss, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(post, []byte("---\ntitle: "+long+"\n---\n본문\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "posts")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"2024-01-02-a.md", "2024-01-03-b.md"} {
		if err := os.WriteFile(filepath.Join(folder, name), []byte("---\ntitle: "+long+"\n---\n본문\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for src, want := range map[string]int{rss: 2, post: 1, folder: 2} {
		var warned []error
		f, err := Load(context.Background(), src, Options{Warn: func(err error) { warned = append(warned, err) }})
		if err != nil {
			t.Fatal(err)
		}
		var cut *TitlesCutError
		if len(warned) != 1 || !errors.As(warned[0], &cut) || cut.Count != want {
			t.Errorf("%s: warnings %v; want one of %d titles cut", src, warned, want)
		}
		for _, it := range f.Items {
			if len(it.Title) > MaxTitleBytes+len("…") {
				t.Errorf("%s: a title of %d bytes", src, len(it.Title))
			}
		}
	}
}

// TestLongFeedNameSaid (QA): a feed whose own <title> is over 1 KiB has
// it cut, and says so once, as it says of its items' titles; a post's
// name is its title, said once as a title.
func TestLongFeedNameSaid(t *testing.T) {
	path := filepath.Join(t.TempDir(), "name.xml")
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>` + strings.Repeat("나", 2400) +
		`</title><item><title>짧은 제목</title><guid>a</guid></item></channel></rss>`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	var warned []error
	f, err := Load(context.Background(), path, Options{Warn: func(err error) { warned = append(warned, err) }})
	if err != nil {
		t.Fatal(err)
	}
	var cut *NameCutError
	if len(warned) != 1 || !errors.As(warned[0], &cut) {
		t.Errorf("warnings %v; want one of the name cut", warned)
	}
	if len(f.Title) > MaxTitleBytes+len("…") || !strings.HasSuffix(f.Title, "…") {
		t.Errorf("a name of %d bytes, %q at its end", len(f.Title), f.Title[len(f.Title)-6:])
	}
}

// TestGivenName: a name a person or an OPML file gives keeps its tags
// and entities as written, loses its controls, and is cut as a title is,
// at a character boundary.
func TestGivenName(t *testing.T) {
	long := strings.Repeat("가", MaxTitleBytes) // three bytes each
	cut := strings.Repeat("가", MaxTitleBytes/3) + "…"
	for in, want := range map[string]string{
		"AT&T <b>굵게</b> 1<2":  "AT&T <b>굵게</b> 1<2",
		"<script>x</script>":  "<script>x</script>",
		"&amp;  \t둘\x1b[31m셋": "&amp; 둘셋",
		"\u200b\x1b]0;x\x07":  "",
		long:                  cut,
		"a" + long:            "a" + strings.Repeat("가", (MaxTitleBytes-1)/3) + "…",
	} {
		if got := GivenName(in); got != want {
			t.Errorf("GivenName(%.30q) = %.30q (%d bytes), want %.30q (%d bytes)", in, got, len(got), want, len(want))
		}
	}
}
