package render

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkWrapLongRun: a run with no space and no slash, as hostile feed
// text can hold, wrapped at 80: the cost per break must not grow with
// how far into the run it is.
func BenchmarkWrapLongRun(b *testing.B) {
	s := "https://a.kr/" + strings.Repeat("abcdefghij", 2000)
	for b.Loop() {
		Wrap(s, 80)
	}
}

// BenchmarkWrapHangulRun: a paragraph of Hangul with no space, which may
// break between any two syllables, at two lengths: the time per rune
// must stay the same from one to the other. Each break used to measure
// the rest of the run again, and four times the run took thirteen
// times as long.
func BenchmarkWrapHangulRun(b *testing.B) {
	for _, n := range []int{100_000, 400_000} {
		s := strings.Repeat("가", n)
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Wrap(s, 80)
			}
		})
	}
}
