package feed

import (
	"html"
	"strings"
)

// Jekyll runs a post through Liquid before its converter sees it, so a
// post written for Jekyll holds Liquid's tags, and three of them say what
// the page shows: highlight (a block of code), raw (text shown as
// written, Liquid or not) and comment (text not shown). sokbo reads those
// three as Jekyll does, where the post's text enters, so that every
// output shows the same thing. Every other tag ({% if %}, {% include %})
// and every output ({{ page.title }}) stays as written: there is no site
// to evaluate them against, and text shown as written loses nothing.

// liquidSpace is the white space Liquid's whitespace control strips, and
// what may stand around a tag's name.
const liquidSpace = " \t\n\v\f\r"

// liquidTag is one {% … %} of a post: body[start:end].
type liquidTag struct {
	start, end   int
	name, markup string
	// trimLeft and trimRight are the whitespace control of {%- and -%}:
	// Liquid strips the white space before or after the tag.
	trimLeft, trimRight bool
}

// nextTag finds the first tag at or after from. Like Liquid's tokenizer,
// a tag runs from "{%" to the first "%}" after it, and scanning goes on
// after it, so that finding every tag of a body takes one pass. ok is
// false when no tag is left.
func nextTag(s string, from int) (t liquidTag, ok bool) {
	i := strings.Index(s[from:], "{%")
	if i < 0 {
		return t, false
	}
	t.start = from + i
	j := strings.Index(s[t.start+2:], "%}")
	if j < 0 {
		return t, false
	}
	t.end = t.start + 2 + j + 2
	inner := s[t.start+2 : t.end-2]
	if strings.HasPrefix(inner, "-") {
		t.trimLeft, inner = true, inner[1:]
	}
	if strings.HasSuffix(inner, "-") {
		t.trimRight, inner = true, inner[:len(inner)-1]
	}
	inner = strings.TrimLeft(inner, liquidSpace)
	n := 0
	for n < len(inner) && isWordByte(inner[n]) {
		n++
	}
	t.name, t.markup = inner[:n], strings.Trim(inner[n:], liquidSpace)
	return t, true
}

// isWordByte reports whether c may stand in a tag's name (Liquid's \w).
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// highlightLang reads a highlight tag's markup: a language, as Jekyll
// spells one, then options (linenos, mark_lines="1 2"), which change how
// Jekyll draws the code, not the code, and are left out. A tag with no
// language is code without one; ok is false for markup that Jekyll does
// not read as a highlight, and that tag stays as written.
func highlightLang(markup string) (lang string, ok bool) {
	lang, _, _ = strings.Cut(markup, " ")
	lang, _, _ = strings.Cut(lang, "\t")
	lang, _, _ = strings.Cut(lang, "\n")
	for i := 0; i < len(lang); i++ {
		if c := lang[i]; !isWordByte(c) && !strings.ContainsRune(".+#-", rune(c)) {
			return "", false
		}
	}
	return lang, true
}

// liquidRun collects text with Liquid's whitespace control: a tag's {%-
// strips the white space the run ends with, and its -%} the white space
// the next text starts with.
type liquidRun struct {
	b        []byte
	trimNext bool
}

func (r *liquidRun) text(s string) {
	if r.trimNext {
		s = strings.TrimLeft(s, liquidSpace)
		r.trimNext = false
	}
	r.b = append(r.b, s...)
}

func (r *liquidRun) tag(t liquidTag) {
	if t.trimLeft {
		// In place: trimming costs what was appended, however many
		// tags trim.
		for len(r.b) > 0 && strings.IndexByte(liquidSpace, r.b[len(r.b)-1]) >= 0 {
			r.b = r.b[:len(r.b)-1]
		}
	}
	r.trimNext = t.trimRight
}

// liquidPiece is a run of a post's body after its Liquid: text as it
// stands in the post (raw's content in, comments out), or, when code is
// set, a highlight block's code in lang ("" for none).
type liquidPiece struct {
	text string
	code bool
	lang string
}

// liquidReader reads the Liquid of one body. A block whose end tag is
// missing stays as written (Jekyll refuses the post; sokbo never loses a
// body), and once one search for an end tag has failed, no later one of
// its kind is made: a search from further on cannot find one. So the
// cost stays a few passes over the body, whatever it holds.
type liquidReader struct {
	s                              string
	noEndRaw, noEndComment, noCode bool
}

// endOf finds the first tag named name at or after from.
func (lr *liquidReader) endOf(from int, name string) (liquidTag, bool) {
	for {
		t, ok := nextTag(lr.s, from)
		if !ok || t.name == name {
			return t, ok
		}
		from = t.end
	}
}

// raw reads the raw block whose tag t is, into r: its content as
// written. ok is false when no endraw closes it.
func (lr *liquidReader) raw(t liquidTag, r *liquidRun) (end int, ok bool) {
	if lr.noEndRaw {
		return 0, false
	}
	e, ok := lr.endOf(t.end, "endraw")
	if !ok {
		lr.noEndRaw = true
		return 0, false
	}
	r.tag(t)
	r.text(lr.s[t.end:e.start])
	r.tag(e)
	return e.end, true
}

// comment skips the comment block whose tag t is: what it holds is not
// shown, raw blocks in it included. The first endcomment outside a raw
// block ends it. ok is false when none does.
func (lr *liquidReader) comment(t liquidTag, r *liquidRun) (end int, ok bool) {
	if lr.noEndComment {
		return 0, false
	}
	from := t.end
	for {
		e, found := nextTag(lr.s, from)
		switch {
		case !found:
			lr.noEndComment = true
			return 0, false
		case e.name == "endcomment":
			r.tag(t)
			r.tag(e)
			return e.end, true
		case e.name == "raw" && !lr.noEndRaw:
			if re, ok := lr.endOf(e.end, "endraw"); ok {
				from = re.end
				continue
			}
			lr.noEndRaw = true
		}
		from = e.end
	}
}

// highlight reads the highlight block whose tag t is: its code, with
// raw blocks in it as written and comments left out, as Jekyll renders
// the block's content, and without the line breaks it starts and ends
// with, as Jekyll strips them. ok is false when no endhighlight closes
// it.
func (lr *liquidReader) highlight(t liquidTag, out *liquidRun) (p liquidPiece, end int, ok bool) {
	lang, ok := highlightLang(t.markup)
	if !ok || lr.noCode {
		return p, 0, false
	}
	var code liquidRun
	code.trimNext = t.trimRight
	from := t.end
	for {
		e, found := nextTag(lr.s, from)
		if !found {
			lr.noCode = true
			return p, 0, false
		}
		code.text(lr.s[from:e.start])
		next, ok := 0, false
		switch e.name {
		case "endhighlight":
			code.tag(e)
			out.tag(t)
			out.trimNext = e.trimRight
			return liquidPiece{text: strings.Trim(string(code.b), "\r\n"), code: true, lang: lang}, e.end, true
		case "raw":
			next, ok = lr.raw(e, &code)
		case "comment":
			next, ok = lr.comment(e, &code)
		}
		if !ok {
			code.text(lr.s[e.start:e.end])
			next = e.end
		}
		from = next
	}
}

// readLiquid splits body at its highlight blocks, with raw and comment
// blocks read; nil when it holds none of the three.
func readLiquid(body string) []liquidPiece {
	if !strings.Contains(body, "{%") {
		return nil
	}
	lr := &liquidReader{s: body}
	var pieces []liquidPiece
	var run liquidRun
	read := false
	from := 0
	for {
		t, found := nextTag(body, from)
		if !found {
			break
		}
		run.text(body[from:t.start])
		var next int
		var ok bool
		switch t.name {
		case "highlight":
			var p liquidPiece
			if p, next, ok = lr.highlight(t, &run); ok {
				trimNext := run.trimNext
				pieces = append(pieces, liquidPiece{text: string(run.b)}, p)
				run = liquidRun{trimNext: trimNext}
			}
		case "raw":
			next, ok = lr.raw(t, &run)
		case "comment":
			next, ok = lr.comment(t, &run)
		}
		if !ok {
			run.text(body[t.start:t.end])
			next = t.end
		}
		read = read || ok
		from = next
	}
	if !read {
		return nil
	}
	run.text(body[from:])
	return append(pieces, liquidPiece{text: string(run.b)})
}

// liquidBody reads a post's body as Jekyll's Liquid would leave it, and
// tells its format by what is left, code apart: code in a highlight
// block is neither HTML nor Markdown. In a Markdown body a highlight
// block becomes a fenced code block, its code byte for byte, behind a
// fence longer than any run of backticks in it; in an HTML body, a
// <pre><code> element.
func liquidBody(body string) (string, BodyFormat) {
	pieces := readLiquid(body)
	if pieces == nil {
		return body, bodyFormat(body)
	}
	var text strings.Builder
	for _, p := range pieces {
		if p.code {
			text.WriteString("\n")
		} else {
			text.WriteString(p.text)
		}
	}
	format := bodyFormat(text.String())
	var b strings.Builder
	b.Grow(len(body))
	afterCode := false
	for _, p := range pieces {
		switch {
		case !p.code:
			t := p.text
			if afterCode && format == FormatMarkdown {
				// The end tag's line break ends the fence's line.
				t = strings.TrimPrefix(t, "\n")
			}
			b.WriteString(t)
		case format == FormatHTML:
			b.WriteString("<pre><code")
			if p.lang != "" {
				b.WriteString(` class="language-` + html.EscapeString(p.lang) + `"`)
			}
			b.WriteString(">" + html.EscapeString(p.text) + "</code></pre>")
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteString("\n") // a fence opens a line
			}
			fence := strings.Repeat("`", max(3, longestRun(p.text, '`')+1))
			b.WriteString(fence + p.lang + "\n")
			if p.text != "" {
				b.WriteString(p.text + "\n")
			}
			b.WriteString(fence + "\n")
		}
		afterCode = p.code
	}
	return b.String(), format
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			longest = max(longest, n)
		} else {
			n = 0
		}
	}
	return longest
}
