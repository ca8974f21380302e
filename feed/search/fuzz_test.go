package search

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzQueries = []string{
	"북한", "ㅂㅎ", "국ㅎ의장", "라ㅁ", "북ㅎ", `"국회 의장"`, "-속보 북한", "feed:연합 tag:경제",
	"is:unread is:starred", "after:2024-07-01 before:2024-07-31", "within:6h", "within:1d12h",
	`feed:"연합 뉴스"`, `"unterminated`, "-", "- x", "is:", "after:2024-13-01", "12:30", "ＫＢＳ",
	"\u1107\u1112", "닭", "달ㄱ", "ㄳ", "a\u0301", "\x00\x1b[31m", "\xff", `""`, `-""`, "tag:\"",
	"서울지하철", "지하철2호선", `"급락 마감"`, "ㄱㅎㅇㅈ", "서울지ㅎ",
}

// FuzzParseQuery checks that no query makes Parse, Match or Highlights
// panic or hang, that every error is a one-line SyntaxError, and that for
// a single word Match and Highlights agree.
func FuzzParseQuery(f *testing.F) {
	for _, q := range fuzzQueries {
		f.Add(q, false, "[속보] 북한, 동해상으로 탄도미사일 발사 — 국회의장 라면 람 ＫＢＳ")
		f.Add(q, true, "북한 부기 닭갈비 달걀")
		f.Add(q, false, "서울 지하철 2호선 급락 마감 · 국회 의장 ㄱ ㅎ 1 000")
	}
	f.Fuzz(func(t *testing.T, query string, incremental bool, title string) {
		q, err := Parse(query, Options{Now: now, Location: seoul, Incremental: incremental})
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) {
				t.Fatalf("Parse(%q): error %v is not a SyntaxError", query, err)
			}
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r\x1b") {
				t.Fatalf("Parse(%q): error %q is not one clean line", query, msg)
			}
			return
		}
		d := Doc{Title: title, Summary: title, Body: title, FeedName: title, Tags: []string{title}}
		matched := q.Match(&d)
		spans := q.Highlights(title)
		end := 0
		for _, sp := range spans {
			if sp.Start < end || sp.End <= sp.Start || sp.End > len(title) {
				t.Fatalf("%q in %q: bad spans %v", query, title, spans)
			}
			if utf8.ValidString(title) && (!boundary(title, sp.Start) || !boundary(title, sp.End)) {
				t.Fatalf("%q in %q: span %v splits a character", query, title, sp)
			}
			end = sp.End
		}
		if len(q.clauses) == 1 && q.clauses[0].kind == clauseText && !q.clauses[0].neg {
			if matched != (len(spans) > 0) {
				t.Fatalf("%q in %q: Match %v but highlights %v", query, title, matched, spans)
			}
		}
	})
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

// FuzzFold checks that folding is idempotent and that the folded text the
// highlighter maps back to the original is the text Fold returns.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"북한", "  A\tB  ", "ＡＢＣ", "\u1107\u116e\u11a8", "a\u0301 b", "ㆍ∼–“", "x\u200by", "\x00a\x7f", "10⁻³ H₂O ¹²³ ⁱⁿ", "1,300원 1,,2 1,\u200b2 １，３ ,1 1,", "서울 · 부산ㆍ대구"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // cleaned text is valid UTF-8
		}
		folded := Fold(s)
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, folded, again)
		}
		m := foldMapped(s)
		if m.text != folded {
			t.Fatalf("foldMapped(%q) = %q, Fold = %q", s, m.text, folded)
		}
		for i := range m.text {
			if m.start[i] < 0 || m.end[i] > int32(len(s)) || m.start[i] >= m.end[i] {
				t.Fatalf("foldMapped(%q): byte %d maps to [%d,%d)", s, i, m.start[i], m.end[i])
			}
		}
	})
}
