package clean

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriter(t *testing.T) {
	in := "속보\t1\n\x1b]0;PWN\x07\u009b31m\u202e끝\x7f 24~31℃\n"
	want := "속보\t1\n]0;PWN31m끝 24~31℃\n"
	// Every split of the input between two writes gives the same output.
	for cut := range len(in) + 1 {
		var b bytes.Buffer
		w := Writer(&b)
		for _, part := range []string{in[:cut], in[cut:]} {
			if n, err := w.Write([]byte(part)); err != nil || n != len(part) {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		if b.String() != want {
			t.Fatalf("cut at %d: %q, want %q", cut, b.String(), want)
		}
	}
}

func FuzzWriter(f *testing.F) {
	f.Add("\x1b[2J속보\u0085\u2066x", 3)
	f.Fuzz(func(t *testing.T, s string, cut int) {
		if cut < 0 || cut > len(s) {
			cut = len(s)
		}
		var b bytes.Buffer
		w := Writer(&b)
		w.Write([]byte(s[:cut]))
		w.Write([]byte(s[cut:]))
		for _, r := range b.String() {
			if r < ' ' && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiControl(r) {
				t.Fatalf("%U passed: %q", r, b.String())
			}
		}
		if IsCleanLine(s) && !strings.ContainsAny(s, "\x00") && b.String() != s {
			t.Fatalf("clean text changed: %q -> %q", s, b.String())
		}
	})
}
