package render

import (
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
