// Package cleantest provides test helpers for text that must be clean:
// nothing in it a terminal could act on.
package cleantest

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// AssertClean fails t when s holds a C0 or C1 control other than tab and
// newline, DEL, a bidi control, or is not NFC.
func AssertClean(t testing.TB, s string) {
	t.Helper()
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n':
		case r < 0x20 || r == 0x7f:
			t.Fatalf("control %U at %d in %q", r, i, s)
		case r >= 0x80 && r <= 0x9f:
			t.Fatalf("C1 control %U at %d in %q", r, i, s)
		case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			t.Fatalf("bidi control %U at %d in %q", r, i, s)
		}
	}
	if !norm.NFC.IsNormalString(s) {
		t.Fatalf("not NFC: %q", s)
	}
}
