package feed

import (
	"strings"
	"unicode/utf8"

	"sokbo/feed/clean"
)

// Bounds of a Lead: it stands in for a title, so a line's worth.
const (
	leadRunes = 80
	leadWords = 12
	// leadScan is how much of a body Lead reads: the first words are in
	// the first few KiB, and a megabyte body costs no more than that.
	leadScan = 4 << 10
)

// Lead is the line that stands in for an untitled item's title: the first
// words of its summary, or else of its body, as plain text, ending in "…"
// when cut. The reader's list and its article header, and `sokbo read`,
// show the same line. It returns "" when the item has no text at all.
func Lead(it *Item) string {
	return LeadOf(it.Summary, it.Body, it.Format)
}

// LeadOf is Lead for an item's parts, as the store holds them: summary is
// plain text; body is in format, and may be cut.
func LeadOf(summary, body string, format BodyFormat) string {
	text := summary
	if strings.TrimSpace(text) == "" {
		text = bodyText(body, format)
	}
	return firstWords(clean.CollapseSpace(text))
}

// bodyText is the start of a body as plain text: HTML stripped of its
// tags, Markdown of its markup.
func bodyText(body string, format BodyFormat) string {
	if len(body) > leadScan {
		cut := leadScan
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
		body = body[:cut]
	}
	if format == FormatMarkdown {
		return clean.PlainText(markdownText(body))
	}
	return clean.PlainText(body)
}

// markdownText drops the markup a Markdown body starts its lines with and
// the syntax of its links and emphasis, keeping the words: enough for a
// line that stands in for a title, not a Markdown parser.
func markdownText(md string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(md, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimLeft(line, "#>*-+ \t")
		if line == "" || strings.HasPrefix(line, "```") || strings.HasPrefix(line, "|") || strings.HasPrefix(line, "![") {
			continue
		}
		b.WriteString(line)
		b.WriteByte(' ')
	}
	s := b.String()
	// [text](url) → text
	var out strings.Builder
	for {
		open := strings.IndexByte(s, '[')
		if open < 0 {
			break
		}
		mid := strings.Index(s[open:], "](")
		if mid < 0 {
			break
		}
		end := strings.IndexByte(s[open+mid:], ')')
		if end < 0 {
			break
		}
		out.WriteString(s[:open])
		out.WriteString(s[open+1 : open+mid])
		s = s[open+mid+end+1:]
	}
	out.WriteString(s)
	return strings.NewReplacer("**", "", "__", "", "`", "", "\\", "").Replace(out.String())
}

// firstWords keeps the first leadWords words of s, at most leadRunes
// runes, cut at a space where there is one, with "…" when anything was
// cut.
func firstWords(s string) string {
	words, runes := 0, 0
	for i, r := range s {
		if r == ' ' {
			words++
			if words == leadWords {
				return s[:i] + "…"
			}
		}
		runes++
		if runes > leadRunes {
			cut := s[:i]
			if sp := strings.LastIndexByte(cut, ' '); sp > 0 {
				cut = cut[:sp]
			}
			return cut + "…"
		}
	}
	return s
}
