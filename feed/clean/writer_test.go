package clean

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// writeRef is what Writer does, byte by byte: the writer as it was before
// it passed kept runs on whole.
func writeRef(carry *[]byte, p []byte) []byte {
	data := append(*carry, p...)
	*carry = nil
	var out []byte
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			if b >= ' ' && b != 0x7f || b == '\n' || b == '\t' {
				out = append(out, b)
			}
			i++
			continue
		}
		if !utf8.FullRune(data[i:]) {
			if len(data)-i < utf8.UTFMax {
				*carry = append([]byte(nil), data[i:]...)
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if !(r == utf8.RuneError && size == 1 || r <= 0x9f || isBidiControl(r)) {
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	return out
}

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
	f.Add("속보 \xed\x9f\xbf\xed\xa0\x80\xea\xb0", 12) // past the syllables, a surrogate, a cut one
	f.Add("가\xea\xb0\x80\x80\u202e", 1)
	f.Fuzz(func(t *testing.T, s string, cut int) {
		if cut < 0 || cut > len(s) {
			cut = len(s)
		}
		var b bytes.Buffer
		w := Writer(&b)
		var carry, want []byte
		for _, part := range []string{s[:cut], s[cut:]} {
			if n, err := w.Write([]byte(part)); err != nil || n != len(part) {
				t.Fatalf("Write = %d, %v", n, err)
			}
			want = append(want, writeRef(&carry, []byte(part))...)
		}
		if b.String() != string(want) {
			t.Fatalf("%q cut at %d: %q, want %q", s, cut, b.String(), want)
		}
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

// BenchmarkWriter is a list's worth of clean headlines through Writer.
func BenchmarkWriter(b *testing.B) {
	line := []byte("1234\t2026-12-02 09:41\t[속보] 서울 아침 기온 영하 5도…한파 특보 · 가람일보 외 3곳\thttps://news.example.com/article/20261202/12345\n")
	p := bytes.Repeat(line, (64<<10)/len(line))
	w := Writer(io.Discard)
	b.SetBytes(int64(len(p)))
	for b.Loop() {
		if _, err := w.Write(p); err != nil {
			b.Fatal(err)
		}
	}
}
