package render

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestThousands(t *testing.T) {
	tests := map[int]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 20000: "20,000", 123456: "123,456",
		1234567: "1,234,567", -1240: "-1,240", -12: "-12",
		math.MinInt64: "-9,223,372,036,854,775,808",
	}
	for n, want := range tests {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
		if back, err := strconv.Atoi(strings.ReplaceAll(Thousands(n), ",", "")); err != nil || back != n {
			t.Errorf("Thousands(%d) does not read back: %v", n, err)
		}
	}
}
