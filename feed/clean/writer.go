package clean

import (
	"io"
	"unicode/utf8"
)

// Writer returns a writer that passes text on to w without anything a
// terminal could act on: C0 controls other than tab and newline, DEL, C1
// controls and bidi controls are dropped, byte by byte, however the text
// is split between writes. It is the last step before a terminal for every
// stream sokbo writes plain text to (stderr, and stdout except for its own
// styled output), so that text that skipped cleaning where it entered
// still cannot reach the terminal raw. Clean text passes unchanged.
func Writer(w io.Writer) io.Writer { return &writer{w: w} }

type writer struct {
	w     io.Writer
	carry []byte // the start of a character the last write cut
	buf   []byte
}

func (c *writer) Write(p []byte) (int, error) {
	data := p
	if len(c.carry) > 0 {
		data = append(c.carry, p...)
		c.carry = nil
	}
	out := c.buf[:0]
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
				c.carry = append(c.carry, data[i:]...)
				break
			}
			i++ // not UTF-8: dropped
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 || r <= 0x9f || isBidiControl(r) {
			i += size
			continue
		}
		out = append(out, data[i:i+size]...)
		i += size
	}
	c.buf = out
	if _, err := c.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
