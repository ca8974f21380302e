package feed

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
	jsonfeed "github.com/mmcdole/gofeed/json"

	"sokbo/feed/clean"
	"sokbo/feed/internal/fastrss"
)

// MaxTitleBytes bounds a title, so that a hostile 1 MB title costs no more
// than a long one. Longer titles are cut at a character boundary with "…".
const MaxTitleBytes = 1024

// parseFeed parses an RSS, Atom or JSON feed and translates it into
// sokbo's model: a plain RSS 2.0 feed by fastrss's scanner and gofeed's
// RSS translator, anything else by gofeed.
// base is the address the feed came from, if any. data must be valid
// UTF-8, as fetch.DecodeCharset makes it.
// ErrMalformed is wrapped by the error of a feed the parser cannot read.
var ErrMalformed = errors.New("malformed feed")

func parseFeed(data []byte, src, base string) (f *Feed, err error) {
	return parseFeedBytes(cleanFeedBytes(data), src, base)
}

// parseFeedBytes is parseFeed for data that cleanFeedBytes would leave
// as it is.
func parseFeedBytes(data []byte, src, base string) (f *Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	var gf *gofeed.Feed
	if rf, ok := fastrss.ParseUTF8(data, dateOK); ok {
		gf, err = fastrss.Translate(rf)
	} else {
		gf, err = parseGofeed(data)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	f = translate(gf, src, base)
	f.TTL = channelTTL(data)
	return f, nil
}

// parseGofeed is gofeed's parser, for what the fast path does not read.
func parseGofeed(data []byte) (*gofeed.Feed, error) {
	p := gofeed.NewParser()
	p.JSONTranslator = &jsonTranslator{}
	return p.Parse(bytes.NewReader(data))
}

// dateOK reports whether ParseDate reads a feed's date field; the fast
// path leaves items it would not to gofeed.
func dateOK(s string) bool {
	_, ok := ParseDate(clean.Sanitize(s))
	return ok
}

// controlRef matches an XML character reference to a C0 control, which
// XML forbids and gofeed rejects, failing the whole feed.
var controlRef = regexp.MustCompile(`&#(?:0*(?:[0-9]|[12][0-9]|3[01])|[xX]0*[01]?[0-9a-fA-F]);`)

// cleanFeedBytes removes from a feed what would make the XML parser fail
// or leave the debris of an escape sequence behind: character references
// to C0 controls, and raw escape sequences and C0 controls. A sequence is
// removed whole only when it does not reach into markup ("<"); otherwise
// just its ESC goes. Everything else is left to clean.Sanitize, field by field.
func cleanFeedBytes(data []byte) []byte {
	if !hasControl(data) && !hasControlRef(data) {
		return data
	}
	data = controlRef.ReplaceAllFunc(data, func(ref []byte) []byte {
		digits := string(ref[2 : len(ref)-1])
		base := 10
		if digits[0] == 'x' || digits[0] == 'X' {
			digits, base = digits[1:], 16
		}
		n, err := strconv.ParseUint(digits, base, 8)
		if err != nil || n == '\t' || n == '\n' || n == '\r' {
			return ref
		}
		return []byte{byte(n)}
	})
	out := make([]byte, 0, len(data))
	s := string(data)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			end := clean.SkipEscape(s, i+1)
			if strings.Contains(s[i:end], "<") {
				end = i + 1
			}
			i = end
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			i++
		default:
			out = append(out, c)
			i++
		}
	}
	return out
}

// hasControl reports whether data holds a C0 control other than TAB, LF
// and CR. A byte below 0x20 is never part of a longer UTF-8 sequence, so
// bytes are enough; they are read eight at a time, and only a word with a
// byte below 0x20 in it (a line's end, mostly) is looked at byte by byte:
// 3 ms for a 38 MB feed, where a loop over every byte took 11 ms.
func hasControl(data []byte) bool {
	const below = 0x2020202020202020 // a byte under 0x20 borrows
	const high = 0x8080808080808080
	i := 0
	for ; i+8 <= len(data); i += 8 {
		x := binary.LittleEndian.Uint64(data[i:])
		if (x-below)&^x&high == 0 {
			continue
		}
		if isControlIn(data[i : i+8]) {
			return true
		}
	}
	return isControlIn(data[i:])
}

func isControlIn(data []byte) bool {
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

// hasControlRef reports whether controlRef matches in data, without the
// regular expression's pass over it (19 ms for a 38 MB feed, whose HTML
// bodies are full of &#34;): every match starts "&#", which is looked for
// as two bytes, and ends at the first ';' after it.
func hasControlRef(data []byte) bool {
	for {
		i := bytes.Index(data, []byte("&#"))
		if i < 0 {
			return false
		}
		data = data[i+2:]
		if isControlRef(data) {
			return true
		}
	}
}

// isControlRef reports whether ref, what follows a "&#", is the rest of a
// reference to a C0 control, as controlRef reads one: decimal digits, or
// an x and hexadecimal ones, of a value below 32, and a ';'.
func isControlRef(ref []byte) bool {
	base := 10
	if len(ref) > 0 && (ref[0] == 'x' || ref[0] == 'X') {
		base, ref = 16, ref[1:]
	}
	n, digits := 0, 0
	for _, c := range ref {
		d := 0
		switch {
		case c >= '0' && c <= '9':
			d = int(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = int(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = int(c-'A') + 10
		case c == ';':
			return digits > 0 && n < 0x20
		default:
			return false
		}
		digits++
		if n = n*base + d; n >= 0x20 {
			return false
		}
	}
	return false
}

// translate turns a gofeed.Feed into a Feed, cleaning every field. Items
// keep the feed's order; the caller sorts them.
func translate(gf *gofeed.Feed, src, base string) *Feed {
	h := translateHead(gf, src, base)
	f := h.feed
	// Items are cleaned independently, so a large feed is spread over the
	// cores: cleaning is most of a refresh's time.
	items := make([]*Item, len(gf.Items))
	workers := min(runtime.GOMAXPROCS(0), len(gf.Items)/500+1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(gf.Items); i += workers {
				if gf.Items[i] != nil {
					items[i] = h.item(gf.Items[i])
				}
			}
		})
	}
	wg.Wait()
	for i, it := range items {
		if it != nil && it.Published.IsZero() {
			if raw := givenDate(gf.Items[i]); raw != "" {
				if f.badDates++; f.badDate == "" {
					f.badDate = shownDate(raw)
				}
			}
		}
	}
	f.Items = slices.DeleteFunc(items, func(it *Item) bool { return it == nil })
	return f
}

// givenDate is the first date an item gives, read or not, or "".
func givenDate(gi *gofeed.Item) string {
	for _, d := range []string{gi.Published, gi.Updated} {
		if d = strings.TrimSpace(d); d != "" {
			return d
		}
	}
	if gi.DublinCoreExt != nil && len(gi.DublinCoreExt.Date) > 0 {
		return strings.TrimSpace(gi.DublinCoreExt.Date[0])
	}
	return ""
}

// feedHead is what translate makes of a feed's channel, and all that
// translating an item reads of it.
type feedHead struct {
	feed       *Feed // with no items
	feedAuthor string
	idBase     string
}

func translateHead(gf *gofeed.Feed, src, base string) feedHead {
	f := &Feed{
		Title:  limitTitle(clean.PlainText(gf.Title)),
		Link:   resolveURL(base, cleanURL(gf.Link)),
		Source: clean.OneLine(src),
	}
	if f.Link == "" {
		f.Link = cleanURL(base)
	}
	idBase := f.Link
	if idBase == "" {
		idBase = src
	}
	return feedHead{feed: f, feedAuthor: personName(gf.Authors, gf.Author), idBase: idBase}
}

// item translates one item of the feed h heads.
func (h feedHead) item(gi *gofeed.Item) *Item {
	return translateItem(gi, h.feed, h.feedAuthor, h.idBase)
}

// sameItems reports whether items translated under h and under o come
// out the same: every field of the head an item reads is equal.
func (h feedHead) sameItems(o feedHead) bool {
	return h.feed.Link == o.feed.Link && h.feed.Source == o.feed.Source &&
		h.feedAuthor == o.feedAuthor && h.idBase == o.idBase
}

// translateItem turns one gofeed.Item of f into an Item, cleaning every
// field. feedAuthor stands in for an item without an author; idBase
// derives an ID for an item with neither a GUID nor a link.
func translateItem(gi *gofeed.Item, f *Feed, feedAuthor, idBase string) *Item {
	it := &Item{
		Title:      limitTitle(clean.PlainText(gi.Title)),
		Link:       resolveURL(f.Link, cleanURL(gi.Link)),
		Published:  itemDate(gi),
		Author:     personName(gi.Authors, gi.Author),
		Categories: cleanCategories(gi.Categories),
		Format:     FormatHTML,
		Source:     f.Source,
	}
	if it.Author == "" && gi.DublinCoreExt != nil && len(gi.DublinCoreExt.Creator) > 0 {
		it.Author = clean.PlainText(gi.DublinCoreExt.Creator[0])
	}
	if it.Author == "" {
		it.Author = feedAuthor
	}
	body := gi.Content
	if strings.TrimSpace(body) == "" {
		body = gi.Description
	} else if d := clean.PlainText(gi.Description); d != "" && !clean.SamePlainText(body, d) {
		it.Summary = limitSummary(d)
	}
	it.Body = clean.Sanitize(textToHTML(body))
	it.Image = resolveURL(cmp.Or(it.Link, f.Link), cleanURL(itemImage(gi)))
	it.ID = clean.OneLine(gi.GUID)
	if it.ID == "" {
		it.ID = it.Link
	}
	if it.ID == "" {
		it.ID = hashID(idBase, it.Title)
	}
	return it
}

// itemDate prefers sokbo's own date reader, which knows KST and Korean
// formats, over gofeed's, and takes the published date before the
// updated one. A date outside 1900–2200 counts as none.
func itemDate(gi *gofeed.Item) time.Time {
	for _, c := range []struct {
		raw    string
		parsed *time.Time
	}{{gi.Published, gi.PublishedParsed}, {gi.Updated, gi.UpdatedParsed}} {
		if t, ok := ParseDate(clean.Sanitize(c.raw)); ok {
			return t
		}
		if c.parsed != nil && plausibleDate(*c.parsed) {
			return c.parsed.UTC()
		}
	}
	if gi.DublinCoreExt != nil && len(gi.DublinCoreExt.Date) > 0 {
		if t, ok := ParseDate(clean.Sanitize(gi.DublinCoreExt.Date[0])); ok {
			return t
		}
	}
	return time.Time{}
}

func plausibleDate(t time.Time) bool {
	return t.Year() >= 1900 && t.Year() <= 2200
}

// itemImage finds an item's image: its own, an image enclosure, or a
// media:thumbnail or media:content.
func itemImage(gi *gofeed.Item) string {
	if gi.Image != nil && strings.TrimSpace(gi.Image.URL) != "" {
		return gi.Image.URL
	}
	for _, e := range gi.Enclosures {
		if e != nil && strings.HasPrefix(strings.ToLower(e.Type), "image/") && e.URL != "" {
			return e.URL
		}
	}
	if media, ok := gi.Extensions["media"]; ok {
		for _, name := range []string{"thumbnail", "content"} {
			for _, e := range media[name] {
				if u := e.Attrs["url"]; u != "" && (name == "thumbnail" || e.Attrs["medium"] == "image" ||
					strings.HasPrefix(e.Attrs["type"], "image/")) {
					return u
				}
			}
		}
	}
	return ""
}

func personName(people []*gofeed.Person, one *gofeed.Person) string {
	for _, p := range append(slices.Clone(people), one) {
		if p == nil {
			continue
		}
		if name := clean.PlainText(p.Name); name != "" {
			return name
		}
		if email := clean.PlainText(p.Email); email != "" {
			return email
		}
	}
	return ""
}

// MaxCategories caps an item's categories. A real item has a handful;
// a hostile one with 800,000 would otherwise be stored, and listed, on
// every refresh.
const MaxCategories = 256

// cleanCategories makes each category plain text, dropping empty ones and
// repeats, and keeps the first MaxCategories. Repeats are found with a
// set, so the cost is linear in the number of categories.
func cleanCategories(in []string) []string {
	var out []string
	var seen map[string]bool
	for _, c := range in {
		if len(out) == MaxCategories {
			break
		}
		c = clean.PlainText(c)
		if c == "" {
			continue
		}
		if len(out) < 8 {
			// A handful: a scan beats a map.
			if slices.Contains(out, c) {
				continue
			}
		} else {
			if seen == nil {
				seen = make(map[string]bool, 16)
				for _, o := range out {
					seen[o] = true
				}
			}
			if seen[c] {
				continue
			}
			seen[c] = true
		}
		out = append(out, c)
	}
	return out
}

// jsonTranslator is gofeed's JSON Feed translator, with the fields JSON
// Feed says are plain text (the titles, the descriptions and summaries,
// content_text) given as HTML that says that text: sokbo reads every
// feed field as HTML, and "<b>" in a JSON Feed title is the three
// characters the feed means, not markup. content_text keeps its line
// breaks and paragraphs.
type jsonTranslator struct{ gofeed.DefaultJSONTranslator }

func (t *jsonTranslator) Translate(f any) (*gofeed.Feed, error) {
	out, err := t.DefaultJSONTranslator.Translate(f)
	if err != nil {
		return nil, err
	}
	jf := f.(*jsonfeed.Feed) // as the default translator checked
	out.Title, out.Description = html.EscapeString(jf.Title), html.EscapeString(jf.Description)
	for i, ji := range jf.Items {
		if i >= len(out.Items) || ji == nil || out.Items[i] == nil {
			break
		}
		it := out.Items[i]
		it.Title, it.Description = html.EscapeString(ji.Title), html.EscapeString(ji.Summary)
		if ji.ContentHTML == "" && ji.ContentText != "" {
			it.Content = plainTextHTML(ji.ContentText)
		}
	}
	return out, nil
}

// plainTextHTML is plain text as HTML: escaped, a paragraph for each
// run of lines between blank lines, a line break for each line break.
func plainTextHTML(s string) string {
	var b strings.Builder
	for para := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(strings.Trim(para, "\n"), "\n") {
			if i > 0 {
				b.WriteString("<br>\n")
			}
			b.WriteString(html.EscapeString(line))
		}
		b.WriteString("</p>\n")
	}
	return b.String()
}

// textToHTML wraps a body with no markup at all in paragraphs, so the
// blank lines of a plain-text description survive the HTML converter.
func textToHTML(s string) string {
	if strings.ContainsAny(s, "<&") || !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	for para := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			b.WriteString("<p>" + html.EscapeString(para) + "</p>\n")
		}
	}
	return b.String()
}

// defangItem drops an item's link or image address when it is not http or
// https: nothing would open it, and printed as a post it would be live.
func defangItem(it *Item) {
	if !clean.URLOK(it.Link, clean.Media) {
		it.Link = ""
	}
	if !clean.URLOK(it.Image, clean.Media) {
		it.Image = ""
	}
}

// cleanURL cleans an address where it enters (clean.URL): sanitized,
// trimmed, and no white space or control left inside it.
func cleanURL(s string) string { return clean.URL(s) }

// resolveURL resolves ref against base. A ref that does not parse, or any
// ref with no base, is returned as it is: the caller never loses a link.
func resolveURL(base, ref string) string {
	if ref == "" || base == "" {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil || r.IsAbs() {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return ref
	}
	return b.ResolveReference(r).String()
}

// hashID derives a stable ID from where an item came from and its title,
// for items with neither a GUID nor a link.
func hashID(source, title string) string {
	sum := sha256.Sum256([]byte(source + "\n" + title))
	return "sha256:" + hex.EncodeToString(sum[:8])
}

// limitTitle cuts a title longer than MaxTitleBytes.
func limitTitle(s string) string {
	return clean.CutBytes(s, MaxTitleBytes)
}

// limitSummary cuts a summary longer than 4 KiB; the body holds the rest.
func limitSummary(s string) string {
	return clean.CutBytes(s, 4<<10)
}
