package search

import (
	"testing"
	"time"
)

func TestHangulArithmetic(t *testing.T) {
	tests := map[rune]struct {
		l, v, t int
		initial rune
		open    rune // WithoutFinal, or 0
	}{
		'가': {0, 0, 0, 'ㄱ', 0},
		'각': {0, 0, 1, 'ㄱ', '가'},
		'북': {7, 13, 1, 'ㅂ', '부'},
		'한': {18, 0, 4, 'ㅎ', '하'},
		'닭': {3, 0, 9, 'ㄷ', '다'},
		'힣': {18, 20, 27, 'ㅎ', '히'},
		'뷁': {7, 15, 9, 'ㅂ', '붸'}, // ㅂ ㅞ ㄺ
	}
	for r, want := range tests {
		l, v, tt := decompose(r)
		if l != want.l || v != want.v || tt != want.t || compose(l, v, tt) != r {
			t.Errorf("%c: decompose = %d %d %d, want %d %d %d", r, l, v, tt, want.l, want.v, want.t)
		}
		if got := InitialOf(r); got != want.initial {
			t.Errorf("InitialOf(%c) = %c, want %c", r, got, want.initial)
		}
		open, ok := WithoutFinal(r)
		if ok != (want.open != 0) || open != want.open {
			t.Errorf("WithoutFinal(%c) = %c %v, want %c", r, open, ok, want.open)
		}
	}
	for _, r := range []rune{'a', 'ㄱ', '一', 0xD7A4} {
		if InitialOf(r) != 0 {
			t.Errorf("InitialOf(%U) is not 0", r)
		}
		if _, ok := WithoutFinal(r); ok {
			t.Errorf("WithoutFinal(%U) is ok", r)
		}
	}
	// Every compatibility consonant maps to the initial or final it
	// names, and back.
	for i, j := range initialJamo {
		if initialIndex(j) != i {
			t.Errorf("initialIndex(%c) = %d, want %d", j, initialIndex(j), i)
		}
	}
	for ti, j := range finalJamo[1:] {
		if finalIndex(j) != ti+1 {
			t.Errorf("finalIndex(%c) = %d, want %d", j, finalIndex(j), ti+1)
		}
	}
	for _, j := range []rune{'ㄸ', 'ㅃ', 'ㅉ'} {
		if finalIndex(j) != -1 {
			t.Errorf("%c ends a syllable", j)
		}
	}
	if initialIndex('ㄳ') != -1 || initialIndex('ㅏ') != -1 {
		t.Error("ㄳ or ㅏ starts a syllable")
	}
	if compatJamo('\u1100') != 'ㄱ' || compatJamo('\u1161') != 'ㅏ' || compatJamo('\u11a8') != 'ㄱ' || compatJamo('\u11c2') != 'ㅎ' {
		t.Error("conjoining jamo map wrong")
	}
}

func TestInitials(t *testing.T) {
	if got := Initials("국회의장 it·과학 ㅋㅋ"); got != "ㄱㅎㅇㅈ it·ㄱㅎ ㅋㅋ" {
		t.Errorf("Initials = %q", got)
	}
}

func TestNeedsTextAndFilters(t *testing.T) {
	if parse(t, "ㅂㅎ is:unread", false).NeedsText() {
		t.Error("a query of initials and filters needs text")
	}
	if !parse(t, "ㅂㅎ 북", false).NeedsText() {
		t.Error("a word does not need text")
	}
	f := parse(t, "is:starred -is:unread feed:연합 FEED:경제 after:2024-07-01 after:2024-07-03 before:2024-07-10 -before:2024-07-02 -feed:x", false).Filters()
	day := func(d int) time.Time { return time.Date(2024, 7, d, 0, 0, 0, 0, seoul) }
	if !f.Starred || !f.Read || f.Unread || !f.After.Equal(day(3)) || !f.Before.Equal(day(10)) ||
		len(f.Feeds) != 2 || f.Feeds[0] != "연합" || f.Feeds[1] != "경제" {
		t.Errorf("Filters = %+v", f)
	}
	if f := parse(t, "-is:read within:6h", false).Filters(); !f.Unread || !f.After.Equal(now.Add(-6*time.Hour)) || !f.Before.Equal(now.Add(withinAhead+1)) {
		t.Errorf("Filters = %+v", f)
	}
}

func TestRelative(t *testing.T) {
	for q, want := range map[string]bool{
		"within:6h":        true,
		"-within:1d 북한":    true,
		"after:2024-07-01": false,
		`"within:6h"`:      false, // a phrase, not a filter
		"북한 within:6":      false, // incremental: half a filter, ignored
	} {
		if got := parse(t, q, true).Relative(); got != want {
			t.Errorf("Relative(%q) = %v, want %v", q, got, want)
		}
	}
}
