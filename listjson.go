package main

import (
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"sokbo/feed/library"
)

// appendListJSON appends the line `sokbo list --json` prints for row r:
// what encoding/json's Encoder, without HTML escapes, writes of
// listJSON(r), written field by field instead of through reflection,
// which took a third of a list's time. ok is false for a row it cannot
// write so (a time outside RFC 3339's years), which the Encoder then
// writes, or fails on, itself. TestListJSONAsEncoder holds the two to
// the same bytes.
func appendListJSON(b []byte, r *library.Row) (_ []byte, ok bool) {
	e := listJSON(r)
	b = append(b, `{"n":`...)
	b = strconv.AppendInt(b, int64(e.N), 10)
	if b, ok = appendItemJSON(b, &e.itemEntry); !ok {
		return b, false
	}
	b = append(b, `,"body":`...)
	b = appendJSONString(b, e.Body)
	if g := e.Group; g != nil {
		b = append(b, `,"group":{"others":`...)
		b = strconv.AppendInt(b, int64(g.Others), 10)
		b = append(b, `,"members":`...)
		if g.Members == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for i := range g.Members {
				m := &g.Members[i]
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"n":`...)
				b = appendJSONString(b, m.N)
				if b, ok = appendItemJSON(b, &m.itemEntry); !ok {
					return b, false
				}
				b = append(b, '}')
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	return append(b, "}\n"...), true
}

// appendItemJSON appends the fields of e, each after a comma.
func appendItemJSON(b []byte, e *itemEntry) (_ []byte, ok bool) {
	b = append(b, `,"id":`...)
	b = appendJSONString(b, e.ID)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, e.Title)
	if e.Link != "" {
		b = append(b, `,"link":`...)
		b = appendJSONString(b, e.Link)
	}
	if e.Published != nil {
		b = append(b, `,"published":`...)
		if b, ok = appendJSONTime(b, *e.Published); !ok {
			return b, false
		}
	}
	if e.Author != "" {
		b = append(b, `,"author":`...)
		b = appendJSONString(b, e.Author)
	}
	b = append(b, `,"categories":`...)
	b = appendJSONStrings(b, e.Categories)
	b = append(b, `,"source":`...)
	b = appendJSONString(b, e.Source)
	b = append(b, `,"feed":`...)
	b = appendJSONString(b, e.Feed)
	b = append(b, `,"tags":`...)
	b = appendJSONStrings(b, e.Tags)
	b = append(b, `,"read":`...)
	b = strconv.AppendBool(b, e.Read)
	b = append(b, `,"starred":`...)
	return strconv.AppendBool(b, e.Starred), true
}

// appendJSONTime appends t as time.Time's MarshalJSON writes it.
func appendJSONTime(b []byte, t time.Time) ([]byte, bool) {
	if y := t.Year(); y < 0 || y > 9999 {
		return b, false
	}
	if _, off := t.Zone(); off <= -24*60*60 || off >= 24*60*60 {
		return b, false
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), true
}

func appendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString appends s quoted as encoding/json writes a string
// without HTML escapes: \" \\ \b \f \n \r \t, \u00XX for the other
// control characters, \ufffd for a byte that is not UTF-8, and \u2028
// and \u2029 escaped; and then as escapeJSONControls makes it, DEL and
// the C1 controls escaped too.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		if r >= 0x80 && r <= 0x9f {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '0', '0', hex[r>>4], hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// escapeJSONControls rewrites the controls encoding/json leaves as they
// are, DEL and the C1 controls (U+0080–U+009F, which a terminal may read
// as ESC sequences), as \u007f and \u0080–\u009f, in place of b when it
// holds none. b is JSON that encoding/json wrote: valid UTF-8, where those
// bytes occur only inside strings, so that the JSON reads the same.
func escapeJSONControls(b []byte) []byte {
	const hex = "0123456789abcdef"
	var out []byte
	start := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != 0x7f && (c != 0xc2 || i+1 >= len(b) || b[i+1] < 0x80 || b[i+1] > 0x9f) {
			continue
		}
		r := c
		if c == 0xc2 {
			r = b[i+1]
		}
		out = append(out, b[start:i]...)
		out = append(out, '\\', 'u', '0', '0', hex[r>>4], hex[r&0xf])
		if c == 0xc2 {
			i++
		}
		start = i + 1
	}
	if out == nil {
		return b
	}
	return append(out, b[start:]...)
}

// jsonWriter is w for an encoding/json Encoder, with what each value
// writes passed through escapeJSONControls: the Encoder writes a value
// in one Write.
type jsonWriter struct{ w io.Writer }

func (j jsonWriter) Write(b []byte) (int, error) {
	if _, err := j.w.Write(escapeJSONControls(b)); err != nil {
		return 0, err
	}
	return len(b), nil
}
