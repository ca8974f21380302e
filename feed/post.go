package feed

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"sokbo/feed/clean"
	"sokbo/feed/fetch"
)

// Limits for posts.
const (
	// MaxFrontMatterBytes caps a post's front matter. Front matter is small
	// by nature; the cap, together with refusing YAML aliases, rules out
	// alias bombs and runaway documents.
	MaxFrontMatterBytes = 64 << 10
	// MaxPostFiles caps the files read from one folder. With more, the
	// last ones by name are read: with Jekyll's date-prefixed names, the
	// newest.
	MaxPostFiles = 10_000
	// MaxSkipWarnings caps the warnings of one source said one by one,
	// a line each: a folder's files, an OPML file's entries. The rest are
	// counted in one last warning.
	MaxSkipWarnings = 20
)

// postDateLayout is how WritePost writes dates, as Jekyll does.
const postDateLayout = "2006-01-02 15:04:05 -0700"

// errNotPost marks a file in a folder that is not a post.
var errNotPost = errors.New("not a post")

// frontMatter is what sokbo reads from a post's YAML front matter.
type frontMatter struct {
	title, excerpt, featureText, description string
	image, date, link, author                string
	// categories and tags are Jekyll's, which both become the item's
	// categories: categories first, then tags.
	categories, tags []string
	dateLine         int // the file's line of the date
	// noLiquid is Jekyll's render_with_liquid: false, which WritePost
	// writes: the body is shown as written, Liquid's tags and all.
	noLiquid bool
}

// hasFrontMatter reports whether text starts with a "---" line.
func hasFrontMatter(text []byte) bool {
	line, _, _ := bytes.Cut(text, []byte("\n"))
	return string(bytes.TrimRight(line, " \t\r")) == "---"
}

// splitFrontMatter splits a post into its front matter and its body. The
// front matter ends at a line "---" or "...".
func splitFrontMatter(text string) (fm, body string, err error) {
	_, fm, body, closed := splitFrontMatterAt(text)
	if !closed {
		return "", "", errors.New("front matter is not closed by a --- line")
	}
	return fm, body, nil
}

// splitFrontMatterAt is splitFrontMatter that also returns the file's
// line of the opening "---", so that problems can give line numbers of
// the file, and whether a line closed the front matter: when none does,
// fm is "" and body all that follows the opening line.
func splitFrontMatterAt(text string) (line int, fm, body string, closed bool) {
	trimmed := strings.TrimLeft(text, "\ufeff \t\r\n")
	line = strings.Count(text[:len(text)-len(trimmed)], "\n") + 1
	_, rest, _ := strings.Cut(trimmed, "\n")
	for pos := 0; pos < len(rest); {
		end := strings.IndexByte(rest[pos:], '\n')
		l, next := rest[pos:], len(rest)
		if end >= 0 {
			l, next = rest[pos:pos+end], pos+end+1
		}
		if l = strings.TrimRight(l, " \t\r"); l == "---" || l == "..." {
			return line, rest[:pos], rest[next:], true
		}
		pos = next
	}
	return line, "", rest, false
}

// readFrontMatter reads a post's front matter and finds its body, as
// far as they can be read: a post is never refused, nor its body lost.
// note is the first problem found, or nil.
//
// A front matter no line closes is taken to end at its first blank line
// when what comes before that is YAML of keys; else the whole file after
// the opening line is the body.
func readFrontMatter(text string) (fm *frontMatter, body string, note *PostError) {
	line, fmText, body, closed := splitFrontMatterAt(text)
	if closed {
		fm, note = parseFrontMatter(clean.Sanitize(fmText), line)
		return fm, body, note
	}
	head, tail, blank := cutBlankLine(body)
	if blank && strings.TrimSpace(head) != "" {
		if fm, n := parseFrontMatter(clean.Sanitize(head), line); n == nil {
			return fm, tail, &PostError{Line: line, Problem: PostNotClosed, Ends: line + strings.Count(head, "\n") + 1}
		}
	}
	return &frontMatter{}, body, &PostError{Line: line, Problem: PostNotClosed}
}

// cutBlankLine cuts text at its first line of white space alone.
func cutBlankLine(text string) (before, after string, found bool) {
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			break
		}
		if strings.TrimSpace(text[pos:pos+end]) == "" {
			return text[:pos], text[pos+end+1:], true
		}
		pos += end + 1
	}
	return text, "", false
}

// parseFrontMatter reads the keys sokbo knows from YAML front matter.
// Unknown keys are ignored. Aliases are refused, so that no alias bomb is
// ever expanded.
//
// line is the file's line of the opening "---"; problems are reported
// with the file's line numbers. Front matter that is not all YAML of keys
// is read key by key, each top-level key with the lines under it: those
// that read are kept, and note says the first that does not. A text key
// whose value starts with a bracketed tag YAML does not read (`title:
// [속보] 정전`, the way Korean news titles begin) is read as it is
// written, and is no problem: that is what its author meant, and a
// warning that the line was left out would be false. Front matter
// larger than MaxFrontMatterBytes is not read.
func parseFrontMatter(src string, line int) (fm *frontMatter, note *PostError) {
	fm = &frontMatter{}
	if len(src) > MaxFrontMatterBytes {
		return fm, &PostError{Line: line + 1, Problem: PostFrontTooLarge}
	}
	if strings.TrimSpace(src) == "" {
		return fm, nil
	}
	root, note := parseYAMLKeys(src, line+1, line+lineCount(src))
	if note == nil {
		fm.read(root, src, line)
		return fm, nil
	}
	note = nil
	for _, e := range topLevelEntries(src) {
		from, to := line+1+e.line, line+e.line+lineCount(e.text)
		text := e.text
		root, n := parseYAMLKeys(text, from, to)
		if n != nil {
			if quoted, ok := quoteWrittenText(text); ok {
				if r, qn := parseYAMLKeys(quoted, from, to); qn == nil {
					root, n, text = r, nil, quoted
				}
			}
		}
		if n != nil {
			if note == nil {
				note = n
			} else {
				note.More++
			}
			continue
		}
		fm.read(root, text, line+e.line)
	}
	return fm, note
}

// writtenKeys are the keys whose value is one line of text, for which a
// value YAML does not read is read as it is written: sokbo takes them as
// text, and a title such as `[속보] 서울 전역 정전` is text, however YAML
// reads its bracket. author is among them, but a list or mapping that
// does read is an author's name all the same (`author: {name: 김기자}`).
var writtenKeys = map[string]bool{"title": true, "excerpt": true, "feature_text": true, "description": true, "author": true}

// quoteWrittenText is entry, one top-level key of front matter that YAML
// does not read, with its value double-quoted, when the key is one of
// writtenKeys and its value, all on the key's line, starts with a
// bracketed tag ("[속보]", "{포토}"): such a value is not YAML, and its
// author meant the text. The value is kept whole, a " #…" in it too: in
// text that is not YAML, nothing says it begins a comment. A bracket
// the line never closes (`title: [`) is no tag but a list or a mapping
// gone wrong, whose author's intent is not known: it stays a problem,
// as do lines under the key other than blank ones and comments.
func quoteWrittenText(entry string) (string, bool) {
	first, rest, _ := strings.Cut(entry, "\n")
	for l := range strings.SplitSeq(rest, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return "", false
		}
	}
	key, value, ok := strings.Cut(first, ":")
	if !ok || !writtenKeys[strings.ToLower(strings.TrimRight(key, " \t"))] || !strings.HasPrefix(value, " ") && !strings.HasPrefix(value, "\t") {
		return "", false
	}
	value = strings.TrimSpace(value)
	if !strings.HasPrefix(value, "[") && !strings.HasPrefix(value, "{") {
		return "", false
	}
	closer := "]"
	if value[0] == '{' {
		closer = "}"
	}
	if !strings.Contains(value[1:], closer) {
		return "", false
	}
	return key + ": " + literalScalar(value) + "\n", true
}

// writtenFlow is the text of n, the value of a key that is text alone
// (title, excerpt, feature_text, description). A flow collection YAML
// reads there (`title: [속보]`, a list of one) is read as it is written
// on its line, brackets and all, without the comment YAML reads after
// it: its author wrote a title, not a list. A list or mapping over
// several lines is the text of its scalars (nodeText).
func writtenFlow(n *yaml.Node, lines *sourceLines) string {
	if n.Style&yaml.FlowStyle == 0 || n.Kind != yaml.SequenceNode && n.Kind != yaml.MappingNode {
		return nodeText(n)
	}
	l, ok := lines.line(n.Line)
	if !ok {
		return nodeText(n)
	}
	// The yaml package counts columns in characters, from 1.
	i := 0
	for c := 1; c < n.Column && i < len(l); c++ {
		_, w := utf8.DecodeRuneInString(l[i:])
		i += w
	}
	value := strings.TrimSpace(l[i:])
	if !strings.HasPrefix(value, "[") && !strings.HasPrefix(value, "{") {
		return nodeText(n)
	}
	// Read alone, the value is whole on its line only if YAML reads it as
	// the same kind of collection; what follows it is a comment, if
	// anything, as YAML read it the first time.
	root, note := parseYAMLKeys("k: "+value, 1, 1)
	if note != nil || len(root.Content) != 2 || root.Content[1].Kind != n.Kind {
		return nodeText(n)
	}
	if c := root.Content[1].LineComment; c != "" {
		if !strings.HasSuffix(value, c) {
			return nodeText(n)
		}
		value = strings.TrimSpace(strings.TrimSuffix(value, c))
	}
	return value
}

// sourceLines gives the lines of a text by number, indexing them once,
// when first asked: each key's lookup costs no more than its line.
type sourceLines struct {
	text   string
	starts []int
}

// line is line n of the text (1 the first), without its line break.
func (s *sourceLines) line(n int) (string, bool) {
	if s.starts == nil {
		s.starts = []int{0}
		for i := range len(s.text) {
			if s.text[i] == '\n' {
				s.starts = append(s.starts, i+1)
			}
		}
	}
	if n < 1 || n > len(s.starts) {
		return "", false
	}
	l := s.text[s.starts[n-1]:]
	if end := strings.IndexByte(l, '\n'); end >= 0 {
		l = l[:end]
	}
	return strings.TrimRight(l, "\r"), true
}

// lineCount is how many lines text holds, a last one without "\n" too.
func lineCount(text string) int {
	return max(strings.Count(strings.TrimSuffix(text, "\n"), "\n")+1, 1)
}

// parseYAMLKeys parses src, lines from to to of the file, as a YAML
// mapping of keys, refusing aliases.
func parseYAMLKeys(src string, from, to int) (root *yaml.Node, note *PostError) {
	defer func() {
		if r := recover(); r != nil {
			root, note = nil, &PostError{Line: from, From: from, To: to, Problem: PostBadYAML, Reason: fmt.Sprintf("yaml parser failed: %v", r)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		at, reason := from, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(reason); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil && n >= 1 && from+n-1 <= to {
				at = from + n - 1
			}
			reason = reason[len(m[0]):]
		}
		if strings.HasPrefix(reason, "unknown anchor") {
			// Read key by key, an alias to another key's anchor.
			return nil, &PostError{Line: at, From: from, To: to, Problem: PostYAMLAlias}
		}
		return nil, &PostError{Line: at, From: from, To: to, Problem: PostBadYAML, Reason: reason}
	}
	// Walk with a stack: the YAML parser allows 10,000 levels.
	stack := []*yaml.Node{&doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.AliasNode {
			return nil, &PostError{Line: min(from+max(n.Line, 1)-1, to), From: from, To: to, Problem: PostYAMLAlias}
		}
		stack = append(stack, n.Content...)
	}
	root = &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return &yaml.Node{Kind: yaml.MappingNode}, nil
		}
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return &yaml.Node{Kind: yaml.MappingNode}, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &PostError{Line: from, From: from, To: to, Problem: PostNotKeys}
	}
	return root, nil
}

// yamlLine matches the line the yaml package's errors begin with.
var yamlLine = regexp.MustCompile(`^line (\d+): `)

// frontEntry is one top-level key of front matter with the lines under
// it, from its line (0 for the first line of the front matter).
type frontEntry struct {
	line int
	text string
}

// topLevelEntries cuts front matter into its top-level keys: an entry
// starts at a line that starts with neither white space, nor "#", nor a
// list's "- " (which YAML allows under a key without indent).
func topLevelEntries(src string) []frontEntry {
	var out []frontEntry
	start, startLine, n := 0, 0, 0
	for pos := 0; pos < len(src); n++ {
		end := strings.IndexByte(src[pos:], '\n')
		next := len(src)
		if end >= 0 {
			next = pos + end + 1
		}
		l := strings.TrimRight(src[pos:next], "\r\n")
		if l != "" && pos > start && !strings.ContainsAny(l[:1], " \t#") && l != "-" && !strings.HasPrefix(l, "- ") && !strings.HasPrefix(l, "-\t") {
			out = append(out, frontEntry{startLine, src[start:pos]})
			start, startLine = pos, n
		}
		pos = next
	}
	return append(out, frontEntry{startLine, src[start:]})
}

// read takes the keys sokbo knows from root, a mapping of the front
// matter read from src, whose line 1 is the file's line+1.
func (fm *frontMatter) read(root *yaml.Node, src string, line int) {
	lines := &sourceLines{text: src}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := strings.ToLower(root.Content[i].Value), root.Content[i+1]
		switch key {
		case "title":
			fm.title = writtenFlow(val, lines)
		case "excerpt":
			fm.excerpt = writtenFlow(val, lines)
		case "feature_text":
			fm.featureText = writtenFlow(val, lines)
		case "description":
			fm.description = writtenFlow(val, lines)
		case "date":
			fm.date, fm.dateLine = nodeText(val), line+val.Line
		case "link", "url", "canonical_url":
			if fm.link == "" || key == "link" {
				fm.link = nodeText(val)
			}
		case "permalink":
			// Only an absolute permalink names the article; a path
			// such as /4082 needs the site's address, which a post
			// does not carry.
			if p := nodeText(val); isURL(p) && fm.link == "" {
				fm.link = p
			}
		case "author":
			fm.author = mapText(val, "name")
		case "image":
			fm.image = mapText(val, "path", "url", "feature", "image", "teaser")
		case "header":
			if fm.image == "" {
				fm.image = mapField(val, "image", "teaser", "overlay_image", "og_image")
			}
		case "categories", "category":
			fm.categories = append(fm.categories, nodeList(val, key == "categories")...)
		case "tags", "tag":
			fm.tags = append(fm.tags, nodeList(val, key == "tags")...)
		case "render_with_liquid":
			fm.noLiquid = val.Kind == yaml.ScalarNode && strings.EqualFold(val.Value, "false")
		}
	}
}

// PostProblem is what is wrong with a post that was read anyway.
type PostProblem uint8

// What a PostError says.
const (
	PostBadDate       PostProblem = iota // its date is no date (Value)
	PostNotClosed                        // no line closes its front matter
	PostBadYAML                          // lines of its front matter are not YAML (Reason)
	PostYAMLAlias                        // lines of its front matter hold a YAML alias
	PostNotKeys                          // lines of its front matter are not keys with values
	PostFrontTooLarge                    // its front matter is larger than MaxFrontMatterBytes
)

// PostError is the warning for a post read as far as it could be: its
// item stands, and this says what was left out. Line is the file's line
// it is about (1 the first). It matches ErrFrontMatter, but for
// PostBadDate.
type PostError struct {
	Line    int
	Problem PostProblem
	// From and To are the lines left out, for PostBadYAML, PostYAMLAlias
	// and PostNotKeys, and More how many keys after them were left out
	// too, each for a problem of its own.
	From, To, More int
	// Ends is, for PostNotClosed, the line the front matter was taken to
	// end at (a blank one), or 0 when the whole file is read as the body.
	Ends int
	// Value is the date as written, for PostBadDate, printable and cut;
	// Named is that the file's name dates the post instead.
	Value string
	Named bool
	// Reason is the YAML parser's message, for PostBadYAML.
	Reason string
}

func (e *PostError) Error() string {
	lines := "line " + strconv.Itoa(e.From)
	if e.From != e.To {
		lines = "lines " + strconv.Itoa(e.From) + "–" + strconv.Itoa(e.To)
	}
	switch e.More {
	case 0:
	case 1:
		lines += " and 1 more key"
	default:
		lines += " and " + strconv.Itoa(e.More) + " more keys"
	}
	switch e.Problem {
	case PostBadDate:
		if e.Named {
			return "date " + e.Value + " is no date; dated by its file name"
		}
		return "date " + e.Value + " is no date; shown undated"
	case PostNotClosed:
		if e.Ends > 0 {
			return "front matter is not closed by a --- line; taken to end at line " + strconv.Itoa(e.Ends)
		}
		return "front matter is not closed by a --- line; all read as the body"
	case PostBadYAML:
		return "bad front matter: " + e.Reason + "; read without " + lines
	case PostYAMLAlias:
		return "bad front matter: YAML aliases are not allowed; read without " + lines
	case PostNotKeys:
		return "bad front matter: not a mapping of keys to values; read without " + lines
	}
	return fmt.Sprintf("front matter larger than %d KiB; read without it", MaxFrontMatterBytes>>10)
}

// Is reports whether target is ErrFrontMatter, for a problem of the
// front matter.
func (e *PostError) Is(target error) bool {
	return target == ErrFrontMatter && e.Problem != PostBadDate
}

// maxDateShown caps the date a PostError quotes, in characters.
const maxDateShown = 40

// nodeText is the text of a scalar, or the scalars of a list joined by
// spaces; a mapping gives "".
func nodeText(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return ""
		}
		return n.Value
	case yaml.SequenceNode:
		var parts []string
		for _, c := range n.Content {
			if c.Kind == yaml.ScalarNode {
				parts = append(parts, c.Value)
			}
		}
		return strings.Join(parts, " ")
	}
	return ""
}

// mapText is the text of a scalar, or of the first of keys found in a
// mapping.
func mapText(n *yaml.Node, keys ...string) string {
	if n.Kind == yaml.MappingNode {
		return mapField(n, keys...)
	}
	return nodeText(n)
}

func mapField(n *yaml.Node, keys ...string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for _, want := range keys {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if strings.ToLower(n.Content[i].Value) == want {
				if s := nodeText(n.Content[i+1]); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// nodeList reads a list of categories or tags. As in Jekyll, a string
// of categories or tags is split at spaces; a single `category` or `tag`
// is one value.
func nodeList(n *yaml.Node, split bool) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		if split {
			return strings.Fields(n.Value)
		}
		return []string{n.Value}
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			if c.Kind == yaml.ScalarNode && c.Tag != "!!null" {
				out = append(out, c.Value)
			}
		}
		return out
	}
	return nil
}

// postName matches Jekyll's YYYY-MM-DD-slug.ext file names.
var postName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.+?)(?:\.[A-Za-z0-9]+)?$`)

// parsePost reads a post file: YAML front matter, then an HTML or Markdown
// body. path is its file name, used for the ID and for a date or title the
// front matter lacks. Liquid's highlight, raw and comment blocks in the
// body are read as Jekyll reads them (see liquidBody), unless the front
// matter says render_with_liquid: false.
//
// A post is read as far as it can be, and never refused: note is a
// *PostError saying what was left out (front matter that does not read,
// a date that is no date), or nil.
//
// A relative image resolves against the post's link when the front matter
// gives an absolute one (link, url, canonical_url or permalink); otherwise
// it stays relative.
func parsePost(data []byte, path string) (_ *Item, note error) {
	fm, body, pe := readFrontMatter(string(data))
	name := clean.Sanitize(filepath.Base(path))
	it := &Item{
		Title:      limitTitle(clean.PlainText(fm.title)),
		Link:       cleanURL(fm.link),
		Author:     clean.PlainText(fm.author),
		Categories: cleanCategories(append(fm.categories, fm.tags...)),
		Summary:    limitSummary(clean.PlainText(cmp.Or(fm.excerpt, fm.featureText, fm.description))),
		Body:       clean.Sanitize(body),
		Source:     clean.OneLine(path),
	}
	if !isURL(it.Link) {
		it.Link = ""
	}
	it.Image = resolveURL(it.Link, cleanURL(fm.image))
	if fm.noLiquid {
		it.Format = bodyFormat(it.Body)
	} else {
		it.Body, it.Format = liquidBody(it.Body)
	}
	badDate := false
	if t, ok := ParseDate(fm.date); ok {
		it.Published = t
	} else if strings.TrimSpace(fm.date) != "" && pe == nil {
		badDate = true
		pe = &PostError{Line: fm.dateLine, Problem: PostBadDate, Value: shownDate(fm.date)}
	}
	if m := postName.FindStringSubmatch(name); m != nil {
		if t, ok := ParseDate(m[1]); ok && it.Published.IsZero() {
			it.Published = t
			if badDate {
				pe.Named = true
			}
		}
		if it.Title == "" {
			it.Title = limitTitle(clean.CollapseSpace(strings.ReplaceAll(m[2], "-", " ")))
		}
	}
	if it.Title == "" {
		it.Title = limitTitle(clean.CollapseSpace(strings.TrimSuffix(name, filepath.Ext(name))))
	}
	it.ID = it.Link
	if it.ID == "" {
		// The file name, not its path: the same post keeps its ID on
		// another machine or in another folder.
		it.ID = "post:" + name
	}
	defangItem(it)
	if pe != nil {
		return it, pe
	}
	return it, nil
}

// shownDate is a date as a warning quotes it: on one line, printable,
// cut to maxDateShown characters.
func shownDate(s string) string {
	s = clean.OneLine(s)
	if utf8.RuneCountInString(s) <= maxDateShown {
		return s
	}
	r := []rune(s)
	return string(r[:maxDateShown-1]) + "…"
}

// blockStart matches a line that opens a block-level HTML element.
var blockStart = regexp.MustCompile(`(?i)^<(?:p|div|h[1-6]|ul|ol|li|table|blockquote|pre|figure|section|article|header|footer|aside|hr|dl|center)[\s/>]`)

// blockTag matches a block-level HTML tag anywhere.
var blockTag = regexp.MustCompile(`(?i)<(?:p|div|h[1-6]|ul|ol|table|blockquote|pre|figure|section|article|hr)[\s/>]`)

// markdownLine matches a line that only Markdown starts this way.
var markdownLine = regexp.MustCompile("^(?:#{1,6}\\s|[-*+]\\s|\\d{1,9}[.)]\\s|>|```|~~~|\\|)")

// bodyFormat tells an HTML body from a Markdown one by its content: it is
// HTML when its first line opens a block-level element, or when it holds
// block-level tags and no line of Markdown block syntax (a heading, list
// item, quote, fence or table row). Markdown may embed HTML, so an inline
// tag, or a block tag among Markdown, does not make a body HTML.
func bodyFormat(body string) BodyFormat {
	first := ""
	markdown := false
	for line := range strings.SplitSeq(body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if first == "" {
			first = line
		}
		if markdownLine.MatchString(line) {
			markdown = true
			break
		}
	}
	switch {
	case blockStart.MatchString(first):
		return FormatHTML
	case !markdown && blockTag.MatchString(body):
		return FormatHTML
	}
	return FormatMarkdown
}

// loadFolder reads a folder of posts, such as a Jekyll _posts folder. Each
// regular file that is a post becomes an item; any other file is skipped
// with a warning. Hidden files (".…") and subfolders are skipped silently.
func loadFolder(ctx context.Context, dir string, opts *Options) (*Feed, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && len(entries) == 0 {
		return nil, &SourceError{Source: dir, Err: fileError(err)}
	}
	// A Jekyll site's root holds its posts in _posts, beside pages
	// (index.md, about.md) whose front matter would read as posts: the
	// site is read as its _posts folder, under the site's name.
	from := dir
	if sitePosts(dir, entries) {
		from = filepath.Join(dir, "_posts")
		if entries, err = os.ReadDir(from); err != nil && len(entries) == 0 {
			return nil, &SourceError{Source: from, Err: fileError(err)}
		}
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
			continue
		}
		if e.IsDir() {
			continue
		}
		if e.Type()&os.ModeSymlink != 0 {
			info, err := os.Stat(filepath.Join(from, name))
			if err != nil || info.IsDir() {
				continue
			}
		}
		// A FIFO, socket or device is never opened: readPost refuses it
		// by name (ReadRegularFile) without waiting on it.
		names = append(names, name)
	}
	if len(names) > MaxPostFiles {
		opts.warn(dir, &CapError{Kept: MaxPostFiles, Total: len(names), Files: true})
		names = names[len(names)-MaxPostFiles:]
	}
	f := &Feed{Title: clean.OneLine(filepath.Base(filepath.Clean(dir))), Source: clean.OneLine(dir)}
	skipped, noted := 0, 0
	// The files skipped before the first post is read wait here: in a
	// folder with no posts at all (the wrong folder: a site's root,
	// /etc), one warning says them all (a *NoPostsError).
	type skip struct {
		path string
		err  error
	}
	var held []skip
	var raw []string // each item's file name, as the folder has it
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, &SourceError{Source: dir, Err: err}
		}
		path := filepath.Join(from, name)
		it, notes, err := readPost(path)
		if len(notes) > 0 {
			// A line a note, as for skipped files, for a few files.
			if noted++; noted <= MaxSkipWarnings {
				for _, note := range notes {
					opts.warn(path, note)
				}
			}
		}
		if err != nil {
			skipped++
			switch {
			case skipped > MaxSkipWarnings:
			case len(f.Items) == 0:
				held = append(held, skip{path, err})
			default:
				opts.warn(path, &SkippedError{Err: err})
			}
			continue
		}
		if len(f.Items) == 0 {
			for _, h := range held {
				opts.warn(h.path, &SkippedError{Err: h.err})
			}
			held = nil
		}
		it.Source = f.Source
		f.Items = append(f.Items, it)
		raw = append(raw, name)
	}
	distinctPostIDs(f.Items, raw)
	if len(f.Items) == 0 {
		np := &NoPostsError{Skipped: skipped}
		if len(held) > 0 {
			np.First, np.FirstName = held[0].err, clean.Name(filepath.Base(held[0].path))
		}
		opts.warn(dir, np)
		return f, nil
	}
	if skipped > MaxSkipWarnings {
		opts.warn(dir, &SkippedError{More: skipped - MaxSkipWarnings})
	}
	if noted > MaxSkipWarnings {
		opts.warn(dir, &MoreNotesError{Files: noted - MaxSkipWarnings})
	}
	sortItems(f.Items)
	warnCutTitles(f, dir, opts)
	return f, nil
}

// distinctPostIDs gives each post of a folder an ID of its own, where the
// IDs of files named ("post:" and the file name, cleaned) are one: names
// that differ only in their Unicode form (NFC, and the NFD of a macOS
// file name) or in characters cleaning drops are different files. A
// post whose file name is as it is shown keeps its ID, which a lone file
// of that name has; each of the others adds "~" and a hash of its name's
// bytes, stable from one read to the next. names are the items' file
// names as the folder has them.
func distinctPostIDs(items []*Item, names []string) {
	seen := make(map[string]int, len(items))
	for _, it := range items {
		seen[it.ID]++
	}
	for i, it := range items {
		if seen[it.ID] > 1 && strings.HasPrefix(it.ID, "post:") && it.ID != "post:"+names[i] {
			sum := sha256.Sum256([]byte(names[i]))
			it.ID += "~" + hex.EncodeToString(sum[:4])
		}
	}
}

// sitePosts reports whether dir, whose entries are given, is a Jekyll
// site's root: it holds a _posts folder (or a link to one).
func sitePosts(dir string, entries []os.DirEntry) bool {
	for _, e := range entries {
		if e.Name() != "_posts" {
			continue
		}
		if e.IsDir() {
			return true
		}
		info, err := os.Stat(filepath.Join(dir, e.Name()))
		return err == nil && info.IsDir()
	}
	return false
}

// readPost reads one file of a folder as a post. notes are what
// fetch.DecodeCharsetNote says of its charset and what parsePost says
// of the post, if anything.
func readPost(path string) (it *Item, notes []error, err error) {
	data, err := readFile(path)
	if err != nil {
		return nil, nil, err
	}
	if looksBinary(data) {
		return nil, nil, &NotPostError{Kind: NotFeedBinary}
	}
	data, note := fetch.DecodeCharsetNote(data, "")
	kind, why := detect(data)
	switch kind {
	case kindPost:
		it, pnote := parsePost(data, path)
		for _, n := range []error{note, pnote} {
			if n != nil {
				notes = append(notes, n)
			}
		}
		return it, notes, nil
	case kindFeed:
		return nil, nil, &NotPostError{Feed: true}
	}
	if why == NotFeedText {
		if line := lateFrontMatter(data); line > 0 {
			return nil, nil, &NotPostError{Kind: NotFeedLateFront, Line: line}
		}
	}
	return nil, nil, &NotPostError{Kind: why}
}

// ErrFrontMatter is matched by the warning (a *PostError) of a post whose
// front matter cannot be read whole: not closed, too large, or not YAML
// sokbo reads.
var ErrFrontMatter = errors.New("bad front matter")

// NotPostError is the error of a file in a folder of posts that is not a
// post: a feed, or what NotFeedError would say it is.
type NotPostError struct {
	Kind NotFeedKind
	Feed bool // the file is a feed
	// Line is, for NotFeedLateFront, the line of the "---" that opens
	// the front matter.
	Line int
}

func (e *NotPostError) Error() string {
	return errNotPost.Error() + " (" + e.what() + ")"
}

// what is what the file is instead of a post, in English.
func (e *NotPostError) what() string {
	if e.Feed {
		return "a feed"
	}
	why := (&NotFeedError{Kind: e.Kind, Line: e.Line}).Error()
	return strings.TrimSuffix(strings.TrimPrefix(why, ErrNotFeed.Error()+" ("), ")")
}

// Unwrap returns the sentinel errNotPost.
func (e *NotPostError) Unwrap() error { return errNotPost }

// SkippedError is the warning for a file of a folder that is not read
// (Err says why), or for More such files not named one by one.
type SkippedError struct {
	Err  error
	More int
}

func (e *SkippedError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("skipped %d more files that are not posts", e.More)
	}
	return e.Err.Error() + "; skipped"
}

// Unwrap returns why the file was skipped.
func (e *SkippedError) Unwrap() error { return e.Err }

// MoreNotesError is the warning for the files of a folder read with
// notes of their own (a bad date, front matter read in part) past the
// first MaxSkipWarnings, whose notes are not said one by one.
type MoreNotesError struct{ Files int }

func (e *MoreNotesError) Error() string {
	return fmt.Sprintf("read %d more files with notes of their own, not said one by one", e.Files)
}

// CapError is the warning for a source cut to a cap: the newest Kept of
// Total items, or for a folder (Files) the last Kept of Total files by
// name.
type CapError struct {
	Kept, Total int
	Files       bool
}

func (e *CapError) Error() string {
	if e.Files {
		return fmt.Sprintf("read the last %d of %d files by name", e.Kept, e.Total)
	}
	return fmt.Sprintf("kept the first %d of %d items", e.Kept, e.Total)
}

// ErrNoPosts is matched by the warning for a folder with no posts (a
// *NoPostsError); it matches ErrNoItems.
var ErrNoPosts error = &causeError{"no posts in this folder", ErrNoItems}

// NoPostsError is the warning for a folder with no posts. It stands for
// the warnings of the files skipped, which are not said one by one: how
// many were skipped, and the first, by its name in the folder, and why.
// It matches ErrNoPosts, and so ErrNoItems.
//
// A caller that has nothing else to show makes it its failure: the
// command line does, for a folder that is its only source.
type NoPostsError struct {
	Skipped   int
	FirstName string // cleaned; "" when no file was skipped
	First     error  // why FirstName was skipped: a *NotPostError, or why it could not be read
}

func (e *NoPostsError) Error() string {
	msg := ErrNoPosts.Error()
	if e.First == nil {
		return msg
	}
	why := e.First.Error()
	var np *NotPostError
	if errors.As(e.First, &np) {
		why = np.what()
	}
	if e.Skipped == 1 {
		return msg + " (1 file skipped; " + e.FirstName + ": " + why + ")"
	}
	return fmt.Sprintf("%s (%d files skipped; the first, %s: %s)", msg, e.Skipped, e.FirstName, why)
}

// Unwrap returns ErrNoPosts.
func (e *NoPostsError) Unwrap() error { return ErrNoPosts }

// WritePost writes it as a Jekyll post: YAML front matter with title, date,
// link, author, categories and image, and excerpt when the item has a
// summary, then the Markdown body. Loading the output gives the same
// article back: the same title, date (to the second), link, categories,
// summary, image and Markdown. A body that holds "{%" or "{{" is written
// with render_with_liquid: false: it is what Liquid left already, so
// neither sokbo nor Jekyll is to read a tag in it a second time (a raw
// block's {% highlight %} would become code).
func WritePost(w io.Writer, it *Item, markdown string) error {
	if it == nil {
		return errors.New("no item")
	}
	front := postFront{
		Title:  escapeText(it.Title),
		Link:   it.Link,
		Author: escapeText(it.Author),
		Image:  it.Image,
	}
	switch {
	case DateOnly(it.Published):
		// Only the day, which ParseDate reads back as only the day.
		front.Date = it.Published.Format("2006-01-02")
	case !it.Published.IsZero():
		front.Date = it.Published.In(Seoul).Format(postDateLayout)
	}
	for _, c := range it.Categories {
		front.Categories = append(front.Categories, escapeText(c))
	}
	if it.Summary != "" {
		front.Excerpt = escapeText(it.Summary)
	}
	if strings.Contains(markdown, "{%") || strings.Contains(markdown, "{{") {
		front.RenderWithLiquid = new(bool)
	}
	var buf bytes.Buffer
	buf.WriteString("---\n")
	if err := writeFront(&buf, front); err != nil {
		return fmt.Errorf("writing front matter: %w", err)
	}
	buf.WriteString("---\n\n")
	markdown = strings.TrimRight(markdown, "\n")
	if markdown != "" {
		buf.WriteString(markdown)
		buf.WriteString("\n")
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// postFront is the front matter WritePost writes, in this order.
type postFront struct {
	Title      string   `yaml:"title"`
	Date       string   `yaml:"date,omitempty"`
	Link       string   `yaml:"link,omitempty"`
	Author     string   `yaml:"author,omitempty"`
	Categories []string `yaml:"categories,omitempty"`
	Image      string   `yaml:"image,omitempty"`
	Excerpt    string   `yaml:"excerpt,omitempty"`
	// RenderWithLiquid is Jekyll's key, written false or not at all.
	RenderWithLiquid *bool `yaml:"render_with_liquid,omitempty"`
}

// writeFront writes front as YAML, the way the yaml package lays it out,
// except that a value holding a character outside the Basic Multilingual
// Plane (an emoji, a flag, a skin tone) is written literally in double
// quotes: the yaml emitter counts every such character as unprintable
// and escapes it (\U0001F44D), which is valid YAML but shows people
// escape codes. Such values stand in the encoding as placeholders that
// no value holds, replaced after by literalScalar.
func writeFront(w *bytes.Buffer, front postFront) error {
	values := []*string{&front.Title, &front.Date, &front.Link, &front.Author, &front.Image, &front.Excerpt}
	for i := range front.Categories {
		values = append(values, &front.Categories[i])
	}
	mark := "sokbo-literal-"
	for slices.ContainsFunc(values, func(v *string) bool { return strings.Contains(*v, mark) }) {
		mark += "x"
	}
	var literal []string
	for _, v := range values {
		if strings.ContainsFunc(*v, func(r rune) bool { return r > 0xffff }) {
			literal = append(literal, literalScalar(*v))
			*v = mark + strconv.Itoa(len(literal)-1) + "-"
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(front); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	out := buf.String()
	for i, s := range literal {
		out = strings.Replace(out, mark+strconv.Itoa(i)+"-", s, 1)
	}
	w.WriteString(out)
	return nil
}

// literalScalar is s as a YAML double-quoted scalar on one line: every
// character YAML reads as it is stays literal, and only the quote, the
// backslash, line breaks (YAML's too: NEL, U+2028, U+2029) and what
// YAML does not allow in a stream (controls, a BOM, U+FFFE and U+FFFF)
// are escaped.
func literalScalar(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20, r >= 0x7f && r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// escapeText writes plain text so that clean.PlainText reads it back unchanged:
// most text is written as it is, and only text clean.PlainText would change
// (say, a literal "&amp;" or "<b>") is HTML-escaped.
func escapeText(s string) string {
	if clean.PlainText(s) == s {
		return s
	}
	return html.EscapeString(s)
}

// sortItems orders items newest first, in place and stably; the undated
// items follow the dated ones in source order. An undated item has no
// place in time, so it never sorts to the top as year 1, nor between two
// dated items it says nothing about.
func sortItems(items []*Item) {
	slices.SortStableFunc(items, newestFirst)
}

// newestFirst is the order of sortItems, a cmp function.
func newestFirst(a, b *Item) int {
	switch az, bz := a.Published.IsZero(), b.Published.IsZero(); {
	case az && bz:
		return 0
	case az:
		return 1
	case bz:
		return -1
	}
	return b.Published.Compare(a.Published)
}
