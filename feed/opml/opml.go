// Package opml reads and writes subscription lists in OPML 2.0. Entries
// that would run a command (exec:, filter:) or read a local file are
// refused and named, never followed.
package opml

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/fetch"
)

// MaxBytes caps an OPML file Read reads; a real subscription list is kilobytes.
const MaxBytes = 10 << 20

// intervalAttr is the outline attribute sokbo keeps a refresh interval in.
// OPML 2.0 allows any attribute on an outline; other readers ignore it.
const intervalAttr = "sokboInterval"

// ErrRefused is wrapped by every RefusedError.
var ErrRefused = errors.New("refused")

// ErrTooLarge is returned by Read for a file over MaxBytes; a real
// subscription list is kilobytes.
var ErrTooLarge = errors.New("the OPML file is too large")

// ErrNotOPML is wrapped by Read's error for input that is not OPML.
var ErrNotOPML = errors.New("not an OPML file")

// ErrEmpty and ErrNoElement are wrapped, with ErrNotOPML, by Read's
// error for a file with nothing in it (white space at most), and for one
// with text but no XML element.
var (
	ErrEmpty     = errors.New("empty")
	ErrNoElement = errors.New("no XML element")
)

// RootError is Read's error for an XML document whose root element is
// not <opml>. It wraps ErrNotOPML.
type RootError struct {
	Name string // the root element's local name, as written
}

func (e *RootError) Error() string {
	return fmt.Sprintf("%v: root element is <%s>, not <opml>", ErrNotOPML, e.Name)
}

func (e *RootError) Unwrap() error { return ErrNotOPML }

// TagError is Read's error for an XML document whose elements do not
// nest: an end tag that closes no open element (Stray), or an element
// left open when its parent closes or the file ends. It wraps
// ErrNotOPML. Nothing of such a file is imported: the decoder would
// close the elements itself and read on, so a feed after the fault
// would be lost or land in the wrong folder without a word.
type TagError struct {
	Line  int    // of the stray end tag, or of the open element's start tag
	Name  string // the element, as written (prefix:local), cut to a few dozen characters
	Stray bool   // an end tag that closes no open element
	// Before is the end tag that came while Name was open, "" when the
	// file ended; BeforeLine is its line.
	Before     string
	BeforeLine int
}

func (e *TagError) Error() string {
	switch {
	case e.Stray:
		return fmt.Sprintf("%v: line %d: </%s> closes no open element", ErrNotOPML, e.Line, e.Name)
	case e.Before != "":
		return fmt.Sprintf("%v: line %d: <%s> is not closed before </%s> on line %d", ErrNotOPML, e.Line, e.Name, e.Before, e.BeforeLine)
	}
	return fmt.Sprintf("%v: line %d: <%s> is not closed before the file ends", ErrNotOPML, e.Line, e.Name)
}

func (e *TagError) Unwrap() error { return ErrNotOPML }

// maxTagName is how much of an element's name a TagError keeps.
const maxTagName = 40

// RefusedError names one OPML entry that was not imported, and why.
type RefusedError struct {
	Name   string
	URL    string
	Reason string
}

// Error returns `refused "name" (url): reason`.
func (e *RefusedError) Error() string {
	name := e.Name
	if name == "" {
		name = "(untitled)"
	}
	return fmt.Sprintf("refused %q (%s): %s", name, e.URL, e.Reason)
}

// Unwrap returns ErrRefused.
func (e *RefusedError) Unwrap() error { return ErrRefused }

// RefusedEntries is the error Read returns beside its subscriptions
// when it refused some entries. Each element is one warning line.
type RefusedEntries []*RefusedError

// Error returns the first refusal and how many more there are; range
// over r to show each.
func (r RefusedEntries) Error() string {
	if len(r) == 1 {
		return r[0].Error()
	}
	return fmt.Sprintf("%s (and %d more refused)", r[0].Error(), len(r)-1)
}

// Unwrap returns the individual refusals, for errors.Is and errors.As.
func (r RefusedEntries) Unwrap() []error {
	errs := make([]error, len(r))
	for i, e := range r {
		errs[i] = e
	}
	return errs
}

// SkippedError names an outline Read did not import that it did not
// refuse either: one with no feed address (Same and SameURL ""), or one
// whose feed an earlier entry is, under any spelling of its address.
type SkippedError struct {
	Name string // the outline's title or text, cleaned
	URL  string // its feed address, cleaned; "" for none
	// Site is, for an outline with no feed address, the site's page it
	// names (htmlUrl), cleaned, or "".
	Site string
	// Include is true for an outline of type "include": another OPML
	// file, which is not read.
	Include bool
	// Same and SameURL are the earlier entry's name and address; Tags is
	// true when this outline's folders were added to its tags.
	Same, SameURL string
	Tags          bool
}

// Error returns `skipped "name" (url): why`.
func (e *SkippedError) Error() string {
	name := e.Name
	if name == "" {
		name = "(untitled)"
	}
	switch {
	case e.SameURL != "":
		s := fmt.Sprintf("skipped %q (%s): the same feed as %q", name, e.URL, cmp.Or(e.Same, e.SameURL))
		if e.Tags {
			s += "; its folders are added to that one's tags"
		}
		return s
	case e.Include:
		return fmt.Sprintf("skipped %q (%s): an OPML file to include, not a feed", name, e.URL)
	case e.Site != "":
		return fmt.Sprintf("skipped %q: no feed address (xmlUrl), only its site's, %s", name, e.Site)
	}
	return fmt.Sprintf("skipped %q: no feed address (xmlUrl)", name)
}

// Warnings is the error Read returns beside its subscriptions when it read
// the file, but not all of it as written; each is a line to show.
type Warnings struct {
	// Charset is what fetch.DecodeCharsetNote said of the file's charset
	// (a *fetch.UnknownCharsetError for encoding="klingon-9"), or nil.
	Charset error
	Refused RefusedEntries  // entries that would run a command or read a file
	Skipped []*SkippedError // outlines with no feed, or an earlier entry's
}

// Error returns the first warning and how many more there are; range
// over the fields to show each.
func (w *Warnings) Error() string {
	var first error
	switch {
	case w.Charset != nil:
		first = w.Charset
	case len(w.Refused) > 0:
		first = w.Refused[0]
	case len(w.Skipped) > 0:
		first = w.Skipped[0]
	default:
		return "no warnings"
	}
	n := len(w.Refused) + len(w.Skipped)
	if w.Charset != nil {
		n++
	}
	if n == 1 {
		return first.Error()
	}
	return fmt.Sprintf("%s (and %d more)", first.Error(), n-1)
}

// Unwrap returns the charset note, the RefusedEntries and each
// SkippedError, those there are, for errors.Is and errors.As.
func (w *Warnings) Unwrap() []error {
	var errs []error
	if w.Charset != nil {
		errs = append(errs, w.Charset)
	}
	if len(w.Refused) > 0 {
		errs = append(errs, w.Refused)
	}
	for _, s := range w.Skipped {
		errs = append(errs, s)
	}
	return errs
}

// Read reads the subscriptions of an OPML 1.0 or 2.0 document. Nested
// outlines (folders) are flattened, and the folders a feed is in become
// its tags, outermost first; a feed listed twice is one subscription with
// the tags of both. A feed's address is its xmlUrl, or, as newsboat reads
// it, its url when it has none. Only http(s) feed URLs are accepted:
// nothing in the file is ever executed or opened, and exec:, filter:,
// file: and other entries are refused.
//
// When some entries were refused or skipped, or the file's charset was
// not what it says, the other subscriptions are returned with a
// *Warnings: a RefusedError per entry refused, a SkippedError per outline
// skipped (a feed listed again, one with no feed address), and the
// charset's note. Any other error means the document could not be read.
func Read(r io.Reader) ([]feed.Subscription, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading opml: %w", err)
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w (over %d MiB)", ErrTooLarge, MaxBytes>>20)
	}
	var doc struct {
		XMLName xml.Name
		Body    struct {
			Outlines []outline `xml:"outline"`
		} `xml:"body"`
	}
	text, charset := fetch.DecodeCharsetNote(data, "")
	if err := checkNesting(text); err != nil {
		return nil, err
	}
	if err := newDecoder(text).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			if len(bytes.TrimSpace(data)) == 0 {
				return nil, fmt.Errorf("%w: %w", ErrNotOPML, ErrEmpty)
			}
			return nil, fmt.Errorf("%w: %w", ErrNotOPML, ErrNoElement)
		}
		return nil, fmt.Errorf("%w: %w", ErrNotOPML, err)
	}
	if !strings.EqualFold(doc.XMLName.Local, "opml") {
		return nil, &RootError{Name: doc.XMLName.Local}
	}
	var subs []feed.Subscription
	var refused RefusedEntries
	var skipped []*SkippedError
	seen := map[string]int{} // canonical URL → index in subs
	add := func(o outline, folders []string) {
		raw := feedAddress(o)
		name := feed.GivenName(cmp.Or(o.attr("title"), o.attr("text")))
		if raw == "" {
			if isFeedish(o) {
				skipped = append(skipped, &SkippedError{Name: name, Site: clean.OneLine(strings.TrimSpace(o.attr("htmlurl")))})
			}
			return // a folder
		}
		if strings.EqualFold(strings.TrimSpace(o.attr("type")), "include") {
			skipped = append(skipped, &SkippedError{Name: name, URL: clean.OneLine(raw), Include: true})
			return
		}
		if reason := refuseURL(raw); reason != "" {
			refused = append(refused, &RefusedError{Name: name, URL: clean.OneLine(raw), Reason: reason})
			return
		}
		// Spellings of one address ("HTTP://x", "http://x/#top") are one
		// subscription, with the folders of each.
		key := clean.CanonicalURL(raw)
		if i, ok := seen[key]; ok {
			before := len(subs[i].Tags)
			subs[i].Tags = addTags(subs[i].Tags, folders)
			skipped = append(skipped, &SkippedError{Name: name, URL: clean.OneLine(raw),
				Same: subs[i].Name, SameURL: clean.OneLine(subs[i].URL), Tags: len(subs[i].Tags) > before})
			return
		}
		seen[key] = len(subs)
		interval, _ := time.ParseDuration(o.attr(strings.ToLower(intervalAttr)))
		subs = append(subs, feed.Subscription{Name: name, URL: raw, Interval: max(interval, 0), Tags: addTags(nil, folders)})
	}
	var walk func([]outline, []string)
	walk = func(outlines []outline, folders []string) {
		for _, o := range outlines {
			add(o, folders)
			inner := folders
			if len(o.children) > 0 && len(folders) < maxDepth {
				if name := folderName(o); name != "" {
					inner = append(slices.Clip(folders), name)
				}
			}
			walk(o.children, inner)
		}
	}
	walk(doc.Body.Outlines, nil)
	if charset != nil || len(refused) > 0 || len(skipped) > 0 {
		return subs, &Warnings{Charset: charset, Refused: refused, Skipped: skipped}
	}
	return subs, nil
}

// feedAddress is an outline's feed address as written: its xmlUrl, else
// its url, which newsboat reads too and some files write for a feed.
func feedAddress(o outline) string {
	return cmp.Or(strings.TrimSpace(o.attr("xmlurl")), strings.TrimSpace(o.attr("url")))
}

// isFeedish reports whether o, an outline with no feed address, reads as
// a feed whose address is missing, not as a folder: it has a type
// (type="rss"), or names a site (htmlUrl), and no outlines inside it. A
// folder, even an empty one, has neither.
func isFeedish(o outline) bool {
	if len(o.children) > 0 {
		return false
	}
	return strings.TrimSpace(o.attr("type")) != "" || strings.TrimSpace(o.attr("htmlurl")) != ""
}

// newDecoder reads OPML as real files are written: not strictly, so a
// bare & in a URL or an unquoted attribute is read as meant, with HTML's
// entities (&nbsp;) known.
func newDecoder(text []byte) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(text))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	return dec
}

// checkNesting reads the whole of text for elements that do not nest,
// which the lenient decoder would mend by itself, closing elements where
// the file does not and dropping what follows (a stray </outline> in
// <body> closes the body and every feed after it is gone). It returns a
// TagError for the first such fault, a RootError when the root element is
// not <opml>, the XML error wrapped in ErrNotOPML, or nil; a file with
// no element at all is Decode's to name. An end tag matches its start
// tag exactly, case and prefix, as the decoder matches them: </OUTLINE>
// does not close <outline>.
func checkNesting(text []byte) error {
	type open struct {
		name string
		line int
	}
	var stack []open
	root := false
	dec := newDecoder(text)
	for {
		line, _ := dec.InputPos()
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				return &TagError{Line: top.line, Name: top.name}
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrNotOPML, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !root {
				if !strings.EqualFold(t.Name.Local, "opml") {
					return &RootError{Name: t.Name.Local}
				}
				root = true
			}
			stack = append(stack, open{tagName(t.Name), line})
		case xml.EndElement:
			name := tagName(t.Name)
			i := len(stack) - 1
			for i >= 0 && stack[i].name != name {
				i--
			}
			switch {
			case i < 0:
				return &TagError{Line: line, Name: name, Stray: true}
			case i < len(stack)-1:
				top := stack[len(stack)-1]
				return &TagError{Line: top.line, Name: top.name, Before: name, BeforeLine: line}
			}
			stack = stack[:i]
		}
	}
}

// tagName is an element's name as written, prefix:local, cut to
// maxTagName characters.
func tagName(n xml.Name) string {
	s := n.Local
	if n.Space != "" {
		s = n.Space + ":" + s
	}
	if r := []rune(s); len(r) > maxTagName {
		s = string(r[:maxTagName]) + "…"
	}
	return s
}

// maxDepth bounds the folders a feed takes tags from; deeper ones are
// still read, and their feeds take the outer folders' tags.
const maxDepth = 8

// folderName is the tag a folder gives its feeds: its title or text, on
// one line.
func folderName(o outline) string {
	if feedAddress(o) != "" {
		return "" // a feed with outlines inside it is no folder
	}
	return clean.OneLine(cmp.Or(o.attr("title"), o.attr("text")))
}

// addTags appends the tags of more that tags lacks.
func addTags(tags, more []string) []string {
	for _, t := range more {
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

// refuseURL returns why a feed URL from an OPML file is not imported, or "".
func refuseURL(raw string) string {
	if strings.HasPrefix(raw, "|") {
		return "commands are never run"
	}
	if errors.Is(clean.CheckURL(raw, clean.Fetch), clean.ErrUnprintableURL) {
		return "the URL holds control or invisible characters"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "not a valid URL"
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "the URL has no host"
		}
		if err := clean.CheckURL(raw, clean.Fetch); err != nil {
			return "not a URL sokbo fetches (" + err.Error() + ")"
		}
		return ""
	case "exec":
		return "commands are never run"
	case "filter":
		return "filters are never run"
	case "file":
		return "local files are not imported"
	case "query":
		return "query feeds are not supported"
	}
	return "only http and https feeds are imported"
}

// outline is an OPML outline with its attributes keyed in lower case,
// since real files spell xmlUrl every way.
type outline struct {
	attrs    map[string]string
	children []outline
}

func (o *outline) attr(name string) string { return o.attrs[name] }

// UnmarshalXML implements xml.Unmarshaler.
func (o *outline) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	o.attrs = make(map[string]string, len(start.Attr))
	for _, a := range start.Attr {
		key := strings.ToLower(a.Name.Local)
		if _, dup := o.attrs[key]; !dup {
			o.attrs[key] = a.Value
		}
	}
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !strings.EqualFold(t.Name.Local, "outline") {
				if err := d.Skip(); err != nil {
					return err
				}
				continue
			}
			var child outline
			if err := child.UnmarshalXML(d, t); err != nil {
				return err
			}
			o.children = append(o.children, child)
		case xml.EndElement:
			return nil
		}
	}
}

// outlineOut is an outline as Write writes it: a feed, or a folder of
// them (no type, no xmlUrl).
type outlineOut struct {
	Type     string        `xml:"type,attr,omitempty"`
	Text     string        `xml:"text,attr,omitempty"`
	Title    string        `xml:"title,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	Interval string        `xml:"sokboInterval,attr,omitempty"`
	Children []*outlineOut `xml:"outline"`
}

// folder returns the folder named tag among o's children, made at the end
// when there is none.
func (o *outlineOut) folder(tag string) *outlineOut {
	for _, c := range o.Children {
		if c.XMLURL == "" && c.Text == tag {
			return c
		}
	}
	f := &outlineOut{Text: tag, Title: tag}
	o.Children = append(o.Children, f)
	return f
}

// Write writes subs as an OPML 2.0 document, one outline per
// subscription, in the given order. A subscription with tags is written
// inside folders named after them, the first outermost, which Read turns
// back into the same tags. A subscription whose URL sokbo would not fetch
// (clean.CheckURL), as an older sokbo could have stored, is left out, and
// named in a RefusedEntries error returned after the rest is written;
// names are cleaned to one line.
func Write(w io.Writer, subs []feed.Subscription) error {
	doc := struct {
		XMLName xml.Name `xml:"opml"`
		Version string   `xml:"version,attr"`
		Head    struct {
			Title string `xml:"title"`
		} `xml:"head"`
		Body *outlineOut `xml:"body"`
	}{Version: "2.0", Body: &outlineOut{}}
	doc.Head.Title = "sokbo subscriptions"
	var refused RefusedEntries
	for _, s := range subs {
		name := clean.OneLine(s.Name)
		if err := clean.CheckURL(s.URL, clean.Fetch); err != nil {
			refused = append(refused, &RefusedError{Name: name, URL: clean.OneLine(s.URL), Reason: "not exported: the URL " + err.Error()})
			continue
		}
		o := &outlineOut{Type: "rss", Text: cmp.Or(name, s.URL), Title: name, XMLURL: s.URL}
		if s.Interval > 0 {
			o.Interval = s.Interval.String()
		}
		parent := doc.Body
		for _, tag := range s.Tags {
			if tag = clean.OneLine(tag); tag != "" {
				parent = parent.folder(tag)
			}
		}
		parent.Children = append(parent.Children, o)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing opml: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing opml: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing opml: %w", err)
	}
	if len(refused) > 0 {
		return refused
	}
	return nil
}
