package search

import (
	"testing"

	"sokbo/feed/clean"
)

var benchQueries = map[string]struct {
	query       string
	incremental bool
}{
	"2 syllables":        {"국회", false},
	"3+ syllables":       {"카카오톡", false},
	"초성":                 {"ㄱㅎㅂㅎㅇ", false},
	"mixed":              {"국ㅎ본회의", false},
	"typing 북ㅎ":          {"북ㅎ", true},
	"words, NOT, filter": {`"두 시간" -복구 is:unread within:1d`, false},
}

func BenchmarkParse(b *testing.B) {
	for name, bq := range benchQueries {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(bq.query, Options{Now: now, Incremental: bq.incremental}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMatchTitles matches a query against 10,000 titles, as a reader
// narrowing a list it holds in memory would on each keystroke, and
// highlights it in a screenful of them.
func BenchmarkMatchTitles(b *testing.B) {
	items := loadItems(b, 10_000)
	for name, bq := range benchQueries {
		q, err := Parse(bq.query, Options{Now: now, Incremental: bq.incremental})
		if err != nil {
			b.Fatal(err)
		}
		b.Run("match/"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, it := range items {
					q.Match(&Doc{Title: it.Title})
				}
			}
		})
		// A screenful of titles is highlighted, not the list.
		b.Run("highlight-50/"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, it := range items[:50] {
					q.Highlights(it.Title)
				}
			}
		})
	}
}

// BenchmarkMatchDoc verifies one whole document whose title does not
// decide, so the body is folded and searched: the store's cost per
// candidate, beside the cost of getting the body's text.
func BenchmarkMatchDoc(b *testing.B) {
	it := loadItems(b, 1)[0]
	body := BodyText(it.Body)
	q, err := Parse("없는말", Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("match", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			q.Match(&Doc{Title: it.Title, Summary: it.Summary, Body: body})
		}
	})
	b.Run("BodyText", func(b *testing.B) {
		b.SetBytes(int64(len(it.Body)))
		b.ReportAllocs()
		for b.Loop() {
			BodyText(it.Body)
		}
	})
	b.Run("clean.PlainText", func(b *testing.B) {
		b.SetBytes(int64(len(it.Body)))
		b.ReportAllocs()
		for b.Loop() {
			clean.PlainText(it.Body)
		}
	})
	b.Run("Fold", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			Fold(body)
		}
	})
}
