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
	// Kept bytes go on in runs: data[run:i] is kept and not yet in out,
	// so clean text, all of a list's output, is written as it came,
	// without a copy.
	out := c.buf[:0]
	run, end := 0, len(data)
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			if b >= ' ' && b != 0x7f || b == '\n' || b == '\t' {
				i++
				continue
			}
			out = append(out, data[run:i]...)
			i++
			run = i
			continue
		}
		if b >= 0xea && b <= 0xed && i+2 < len(data) && data[i+1]&0xc0 == 0x80 && data[i+2]&0xc0 == 0x80 {
			// A Hangul syllable, U+AC00–U+D7A3, is kept: the common
			// case, without decoding it.
			if r := rune(b&0x0f)<<12 | rune(data[i+1]&0x3f)<<6 | rune(data[i+2]&0x3f); r >= 0xac00 && r <= 0xd7a3 {
				i += 3
				continue
			}
		}
		if !utf8.FullRune(data[i:]) {
			if len(data)-i < utf8.UTFMax {
				c.carry = append(c.carry, data[i:]...)
				end = i
				break
			}
			out = append(out, data[run:i]...) // not UTF-8: dropped
			i++
			run = i
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 || r <= 0x9f || isBidiControl(r) {
			out = append(out, data[run:i]...)
			i += size
			run = i
			continue
		}
		i += size
	}
	if run == 0 {
		out = data[:end] // nothing dropped
	} else {
		out = append(out, data[run:end]...)
		c.buf = out
	}
	if _, err := c.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
