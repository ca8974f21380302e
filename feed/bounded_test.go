package feed

import (
	"fmt"
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
