package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"sokbo/feed/clean"
	"sokbo/feed/fetch"
)

// DefaultSource is where sokbo reads from when no source is given: the
// home page of newsdao.kr. Its feed's exact address cannot be checked from
// here, so the refresh starts at the page, follows its alternate link, and
// remembers where the feed was found; a page without one falls back to
// fetch.CommonFeedPaths.
const DefaultSource = "https://newsdao.kr/"

// MaxFileBytes caps a local file read as a source. It is well above
// fetch.DefaultMaxBytes for URLs, so a large archived feed still loads, yet it
// bounds the memory one file can take.
const MaxFileBytes = 64 << 20

// MaxItems caps the items kept from one source; the rest are dropped with a
// warning.
const MaxItems = 100_000

// ErrNoItems is the warning (Options.Warn) for a feed or a folder with no
// items. A caller whose own error will say so (`read SOURCE 1` on it:
// "no such item: 1 (the source has no items)") drops it, so the user
// reads one line, not two.
var ErrNoItems = errors.New("the feed has no items")

// ErrNotFeed is wrapped by the error for input that is neither a feed nor a
// post, such as an HTML page, a binary file or an empty file.
var ErrNotFeed = errors.New("not a feed or a post")

// SourceError is the error of a source that failed to load. Its message is
// one line, "<source>: <cause>".
type SourceError struct {
	Source string
	Err    error
}

// Error returns "<source>: <cause>" on one line, cleaned for a terminal
// since it may quote text from the source.
func (e *SourceError) Error() string {
	msg := "unknown error"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	return clean.Name(e.Source) + atLine(e.Err) + ": " + clean.OneLine(msg)
}

// atLine is ":N" for a cause about line N of its source (a *PostError),
// else "".
func atLine(err error) string {
	var pe *PostError
	if errors.As(err, &pe) && pe.Line > 0 {
		return ":" + strconv.Itoa(pe.Line)
	}
	return ""
}

// Unwrap returns the cause.
func (e *SourceError) Unwrap() error { return e.Err }

// causeError is a cause with a short message of its own that still
// unwraps to the error behind it, so that "no such file" can stand for a
// *fs.PathError that errors.Is(err, fs.ErrNotExist) still finds.
type causeError struct {
	msg string
	err error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.err }

// SchemeError is the error of an address of a kind sokbo does not read:
// ftp://, feed://, file://.
type SchemeError struct{ Scheme string }

func (e *SchemeError) Error() string {
	return clean.OneLine(e.Scheme) + ": addresses are not supported; sokbo reads http(s) URLs and local files"
}

// Options for Load. The zero value works: fetch.HTTPFetcher{} fetches URLs and
// warnings are dropped.
type Options struct {
	// Fetcher gets URLs; nil means &fetch.HTTPFetcher{}.
	Fetcher fetch.Fetcher
	// Warn receives non-fatal problems, each a *SourceError naming the
	// file or source it is about: a file in a post folder that is not a
	// post, a cap that was hit, a feed with no items, a folder with no
	// posts (one *NoPostsError, not a warning a file), a charset declared
	// wrongly (*fetch.MislabelledError). nil drops them.
	Warn func(err error)
	// Items, if set, is given the items of a large fetched feed (an
	// http(s) source of streamMin bytes or more, in the common shape of
	// RSS 2.0) while the rest of it is read, so that the caller can begin
	// storing them before Load returns: in batches, in order, from one
	// goroutine, never after Load returns. Each item is given as the
	// returned feed holds it and is not changed afterwards. Load gives
	// items only while their order is the feed's final one; the feed it
	// returns holds exactly the items given, the same *Item values in
	// the same order, or else what the caller did with them is void: a
	// body that turned out to need repair or another parser was read
	// again, and its items are others. An error voids them too.
	Items func(batch []*Item)
}

func (o *Options) warn(src string, err error) {
	if o.Warn != nil {
		o.Warn(&SourceError{Source: src, Err: err})
	}
}

// Load reads one source: an http(s) URL, a feed file (RSS 0.9x/1.0/2.0,
// Atom or JSON Feed), a Jekyll post file whatever its extension, or a
// folder of posts. Files are told apart by their content, not their name.
//
// The feed's items are newest first; items with no date follow the dated
// ones, in source order (see sortItems). Every text field is sanitized.
//
// An error is a *SourceError naming src; a source that is not a feed or a
// post wraps ErrNotFeed.
func Load(ctx context.Context, src string, opts Options) (f *Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, &SourceError{Source: src, Err: fmt.Errorf("internal error: %v", r)}
		}
	}()
	if isURL(src) {
		return loadURL(ctx, src, &opts)
	}
	opts.Items = nil // a file's items are named after it once parsed
	info, err := os.Stat(src)
	if err != nil {
		if scheme, _, ok := strings.Cut(src, "://"); ok && !strings.ContainsAny(scheme, "/\\.") {
			// ftp://, feed://, file:// and the like: not a path either.
			return nil, &SourceError{Source: src, Err: &SchemeError{Scheme: scheme}}
		}
		return nil, &SourceError{Source: src, Err: fileError(err)}
	}
	if info.IsDir() {
		f, err = loadFolder(ctx, src, &opts)
		return nameItems(f, src), err
	}
	data, err := readFile(src)
	if err != nil {
		return nil, &SourceError{Source: src, Err: err}
	}
	f, err = parse(data, "", src, "", &opts)
	if err != nil {
		return nil, &SourceError{Source: src, Err: err}
	}
	return nameItems(f, src), nil
}

// nameItems sets the SourceName of f's items to src when cleaning it
// changed it: a local file's name may hold anything.
func nameItems(f *Feed, src string) *Feed {
	if f == nil || clean.OneLine(src) == src {
		return f
	}
	for _, it := range f.Items {
		it.SourceName = src
	}
	return f
}

// isURL reports whether src is an http or https address.
func isURL(src string) bool {
	s := strings.ToLower(src)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func loadURL(ctx context.Context, src string, opts *Options) (*Feed, error) {
	fetcher := opts.Fetcher
	if fetcher == nil {
		fetcher = &fetch.HTTPFetcher{}
	}
	resp, err := fetcher.Fetch(ctx, src)
	if err != nil {
		return nil, &SourceError{Source: src, Err: netError(ctx, err)}
	}
	base := resp.URL
	if base == "" {
		base = src
	}
	f, err := parse(resp.Body, resp.ContentType, src, base, opts)
	if err != nil {
		return nil, &SourceError{Source: src, Err: err}
	}
	return f, nil
}

// netError turns a fetch error into a short cause.
func netError(ctx context.Context, err error) error {
	var httpErr *fetch.HTTPError
	var opErr *net.OpError
	ne, isNet := fetch.AsNetError(err)
	switch {
	case errors.As(err, &httpErr):
		return err
	case errors.Is(err, fetch.ErrTooLarge), errors.As(err, new(*fetch.TruncatedError)):
		return err
	case ctx.Err() == context.Canceled:
		return &causeError{"canceled", err}
	case isNet && ne.Op == fetch.OpTLS:
		// Reached, but not trusted: no hint of being offline.
		return &causeError{ne.Error(), err}
	case isNet:
		// Which host and why, so that a page whose announced feed is
		// elsewhere says where it could not go.
		return &causeError{ne.Error() + " (offline?)", err}
	case errors.Is(err, context.DeadlineExceeded) || netTimedOut(err):
		return &causeError{"timed out (offline?)", err}
	case errors.As(err, &opErr):
		return &causeError{"cannot connect (offline?)", err}
	}
	// A *url.Error repeats the method and the URL; keep only its cause.
	if inner := errors.Unwrap(err); inner != nil {
		return &causeError{inner.Error(), err}
	}
	return err
}

func netTimedOut(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// fileError turns a file system error into a short cause without the
// operation and path, which the SourceError already names.
func fileError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &causeError{"no such file", err}
	case errors.Is(err, fs.ErrPermission):
		return &causeError{"permission denied", err}
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return &causeError{pathErr.Err.Error(), err}
	}
	return err
}

// readFile reads at most MaxFileBytes of a regular file: a FIFO, a
// device or a socket (or a symlink to one, such as /dev/tty in a cloned
// _posts folder) is refused at once instead of blocking or reading the
// terminal.
func readFile(path string) ([]byte, error) {
	data, err := ReadRegularFile(path, MaxFileBytes)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && errors.Is(err, ErrNotRegular) {
			return nil, &causeError{clean.OneLine(pe.Err.Error()), err}
		}
		if errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) && pe.Op == "read" {
			return nil, &causeError{clean.OneLine(pe.Err.Error()), err}
		}
		return nil, fileError(err)
	}
	return data, nil
}

// parse reads the bytes of one source, telling its kind from its content.
// contentType is the HTTP header, if any, for the charset. src names the
// source in the items; base is the address relative links resolve against
// ("" for a local file). Errors are causes, without src.
func parse(data []byte, contentType, src, base string, opts *Options) (*Feed, error) {
	if looksBinary(data) {
		return nil, &NotFeedError{Kind: NotFeedBinary}
	}
	if f, note, err, ok := parseClean(data, contentType, src, base, opts.Items); ok {
		if note != nil {
			opts.warn(src, note)
		}
		return finishFeed(f, err, src, opts)
	}
	return parseSerial(data, contentType, src, base, opts)
}

// parseSerial is parse for a body that looksBinary passed, one step
// after the other: its charset, its kind, and the parse of that kind.
func parseSerial(data []byte, contentType, src, base string, opts *Options) (*Feed, error) {
	data, note := fetch.DecodeCharsetNote(data, contentType)
	if note != nil {
		opts.warn(src, note)
	}
	kind, why := detect(data)
	switch kind {
	case kindPost:
		it, note := parsePost(data, src)
		if note != nil {
			opts.warn(src, note)
		}
		f := &Feed{Title: it.Title, Link: it.Link, Source: clean.OneLine(src), Items: []*Item{it}}
		warnCutTitles(f, src, opts)
		return f, nil
	case kindFeed:
		f, err := parseFeed(data, src, base)
		return finishFeed(f, err, src, opts)
	}
	nf := &NotFeedError{Kind: why}
	if why == NotFeedText {
		if line := lateFrontMatter(data); line > 0 {
			nf.Kind, nf.Line = NotFeedLateFront, line
		}
	}
	if why == NotFeedHTML {
		if links := fetch.Discover(data, base); len(links) > 0 {
			nf.FeedAt = links[0]
		}
	}
	return nil, nf
}

// finishFeed makes a parsed feed ready: warned of when it holds no items
// or more than MaxItems (those past it dropped), defanged and sorted.
func finishFeed(f *Feed, err error, src string, opts *Options) (*Feed, error) {
	if err != nil {
		return nil, err
	}
	if len(f.Items) == 0 {
		opts.warn(src, ErrNoItems)
	}
	if len(f.Items) > MaxItems {
		opts.warn(src, &CapError{Kept: MaxItems, Total: len(f.Items)})
		f.Items = f.Items[:MaxItems]
	}
	for _, it := range f.Items {
		defangItem(it)
	}
	if titleCut(f.Title) {
		// A feed's own <title>; a post's name is its title, said below.
		opts.warn(src, &NameCutError{})
	}
	warnCutTitles(f, src, opts)
	if f.badDates > 0 {
		opts.warn(src, &BadDatesError{Count: f.badDates, First: f.badDate})
	}
	sortItems(f.Items)
	return f, nil
}

// BadDatesError is the warning for a feed whose items give dates that do
// not read (2024-13-45 99:99): Count of them, shown undated; First is the
// first such date, on one line and cut short.
type BadDatesError struct {
	Count int
	First string
}

func (e *BadDatesError) Error() string {
	if e.Count == 1 {
		return fmt.Sprintf("an item's date %s is no date; shown undated", e.First)
	}
	return fmt.Sprintf("%d items' dates are no dates (the first: %s); shown undated", e.Count, e.First)
}

// warnCutTitles warns once of the titles of f that were cut at
// MaxTitleBytes, if any.
func warnCutTitles(f *Feed, src string, opts *Options) {
	cut := 0
	for _, it := range f.Items {
		if titleCut(it.Title) {
			cut++
		}
	}
	if cut > 0 {
		opts.warn(src, &TitlesCutError{Count: cut})
	}
}

// titleCut reports whether t is a title limitTitle cut: as long as the
// cap allows, ending in the mark of the cut. A title the source wrote so
// long with an ellipsis at its end counts too; it is at the cap anyway.
func titleCut(t string) bool {
	return len(t) > MaxTitleBytes-utf8.UTFMax && strings.HasSuffix(t, "…")
}

// TitlesCutError is the warning for a source whose titles were cut at
// MaxTitleBytes: Count of them.
type TitlesCutError struct{ Count int }

func (e *TitlesCutError) Error() string {
	return fmt.Sprintf("cut %d titles longer than %d bytes", e.Count, MaxTitleBytes)
}

// NameCutError is the warning for a source whose own name (a feed's
// <title>) was cut at MaxTitleBytes.
type NameCutError struct{}

func (e *NameCutError) Error() string {
	return fmt.Sprintf("cut the feed's name longer than %d bytes", MaxTitleBytes)
}

// cleanMin is the size from which parseClean checks a body while it
// parses it; below it, the checks cost less than starting them.
const cleanMin = 64 << 10

// parseClean parses a large feed body that needs no repair, the common
// case, while it checks that it needs none: valid UTF-8 (with no
// byte-order mark), and no C0 control or reference to one. The checks
// and the parse are independent reads of data, so they run at once, on
// two cores; when the checks pass, the parse stands, being what parse's
// serial path makes of the body (fetch.DecodeCharsetNote and
// cleanFeedBytes would change nothing). Else ok is false and the serial
// path starts over, the parse's work lost. At 10k items the checks take
// 55–60 ms, hidden behind a parse of 70 ms and more.
//
// give, if set, is Options.Items: a body of streamMin bytes or more gives
// its items to it while it is parsed (parseFeedStream).
func parseClean(data []byte, contentType, src, base string, give func([]*Item)) (f *Feed, note, err error, ok bool) {
	if len(data) < cleanMin {
		return nil, nil, nil, false
	}
	body, note, ok := fetch.AsUTF8(data, contentType)
	if !ok {
		return nil, nil, nil, false
	}
	if kind, _ := detect(body); kind != kindFeed {
		return nil, nil, nil, false
	}
	clean := make(chan bool, 1)
	go func() {
		clean <- utf8.Valid(data) && !hasControl(body) && !hasControlRef(body)
	}()
	if give != nil && len(body) >= streamMin {
		f, err = parseFeedStream(body, src, base, give)
	} else {
		f, err = parseFeedBytes(body, src, base)
	}
	if !<-clean {
		return nil, nil, nil, false
	}
	return f, note, err, true
}

// NotFeedKind says what a source that is not a feed or a post is instead.
type NotFeedKind uint8

// What detect finds in a source that is neither a feed nor a post.
const (
	NotFeedText      NotFeedKind = iota // plain text with no front matter
	NotFeedBinary                       // binary data
	NotFeedEmpty                        // nothing but white space
	NotFeedJSON                         // JSON that is not a JSON Feed
	NotFeedHTML                         // an HTML page
	NotFeedXML                          // XML with no rss, feed or rdf root
	NotFeedLateFront                    // text whose front matter starts below its first line (Line)
)

// NotFeedError is the error of a source that is neither a feed nor a
// post: what it is instead, and for an HTML page the feed it announces,
// if any. It matches ErrNotFeed; the front ends word it (Kind), and its
// Error is the English for logs.
type NotFeedError struct {
	Kind   NotFeedKind
	FeedAt string // the feed an HTML page announces, or ""
	// Line is, for NotFeedLateFront, the line of the "---" that opens
	// the front matter.
	Line int
}

func (e *NotFeedError) Error() string {
	why := [...]string{
		NotFeedText:      "plain text with no front matter",
		NotFeedBinary:    "looks like binary data",
		NotFeedEmpty:     "empty file",
		NotFeedJSON:      "JSON, but not a JSON Feed",
		NotFeedHTML:      "an HTML page; give the address of its RSS or Atom feed",
		NotFeedXML:       "XML or HTML, but no rss, feed or rdf root element",
		NotFeedLateFront: "front matter must begin on the first line",
	}[e.Kind]
	switch {
	case e.Kind == NotFeedHTML && e.FeedAt != "":
		why = "an HTML page; its feed is at " + e.FeedAt
	case e.Kind == NotFeedLateFront:
		why += ", not at line " + strconv.Itoa(e.Line)
	}
	return ErrNotFeed.Error() + " (" + why + ")"
}

// Is reports whether target is ErrNotFeed.
func (e *NotFeedError) Is(target error) bool { return target == ErrNotFeed }

// sourceKind is what detect found.
type sourceKind uint8

const (
	kindUnknown sourceKind = iota
	kindFeed
	kindPost
)

// detect tells a feed from a post from anything else by content. For
// anything else it says what it is instead, which ends up in the error.
func detect(data []byte) (sourceKind, NotFeedKind) {
	if looksBinary(data) {
		return kindUnknown, NotFeedBinary
	}
	text := bytes.TrimLeft(data, "\ufeff \t\r\n")
	if len(text) == 0 {
		return kindUnknown, NotFeedEmpty
	}
	if hasFrontMatter(text) {
		return kindPost, 0
	}
	switch text[0] {
	case '{':
		if bytes.Contains(text[:min(len(text), 4096)], []byte("jsonfeed.org")) {
			return kindFeed, 0
		}
		return kindUnknown, NotFeedJSON
	case '<':
		head := bytes.ToLower(text[:min(len(text), 4096)])
		switch rootName(head) {
		case "rss", "rdf", "feed":
			return kindFeed, 0
		}
		switch {
		case bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) ||
			bytes.Contains(head, []byte("<body")) || bytes.Contains(head, []byte("<head")):
			return kindUnknown, NotFeedHTML
		}
		return kindUnknown, NotFeedXML
	}
	return kindUnknown, NotFeedText
}

// lateFrontScan bounds how much of a text file lateFrontMatter looks
// through: front matter put below a first line or two is near the top.
const lateFrontScan = 64 << 10

// frontKey matches a line that starts a YAML key, as front matter's
// lines do: "title: …", "date:".
var frontKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*:(?:[ \t]|$)`)

// lateFrontMatter is the line (1 the first) of a "---" line that opens
// front matter below the first line of text, which is therefore no post:
// Jekyll reads front matter only at the very start. A "---" line counts
// when the next line starts a YAML key, so that a Markdown rule or a
// heading's underline does not. It is 0 when there is none in the first
// lateFrontScan bytes.
func lateFrontMatter(text []byte) int {
	text = text[:min(len(text), lateFrontScan)]
	dashes := 0 // the line of the last "---" line, or 0
	for n := 1; len(text) > 0; n++ {
		line, rest, _ := bytes.Cut(text, []byte("\n"))
		line = bytes.TrimRight(line, " \t\r")
		switch {
		case dashes > 0 && frontKey.Match(line):
			return dashes
		case string(line) == "---":
			dashes = n
		default:
			dashes = 0
		}
		text = rest
	}
	return 0
}

// rootName returns the local name of the first element of the lower-cased
// XML head ("rss" for <rss version="2.0">, "feed" for <atom:feed>),
// skipping the declaration, comments, processing instructions and a
// doctype. It returns "" when there is none.
func rootName(head []byte) string {
	rest := head
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		var skipTo string
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			skipTo = "?>"
		case bytes.HasPrefix(rest, []byte("<!--")):
			skipTo = "-->"
		case bytes.HasPrefix(rest, []byte("<!")):
			skipTo = ">"
		case bytes.HasPrefix(rest, []byte("<")):
			name := rest[1:]
			if end := bytes.IndexAny(name, " \t\r\n/>"); end >= 0 {
				name = name[:end]
			}
			if _, local, ok := bytes.Cut(name, []byte(":")); ok {
				name = local
			}
			return string(name)
		default:
			return ""
		}
		end := bytes.Index(rest, []byte(skipTo))
		if end < 0 {
			return ""
		}
		rest = rest[end+len(skipTo):]
	}
}

// looksBinary reports whether data is not text: it has a NUL byte (and no
// UTF-16 byte-order mark), or many control bytes in its first 8 KiB.
func looksBinary(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return false
	}
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	controls := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			controls++
		}
	}
	if controls*10 > len(head) {
		return true
	}
	// Mostly invalid UTF-8 that is not a legacy Korean encoding either
	// (fetch.DecodeCharset handles those) is also binary.
	if !utf8.Valid(head) {
		bad := 0
		for i := 0; i < len(head); {
			r, size := utf8.DecodeRune(head[i:])
			if r == utf8.RuneError && size == 1 && (head[i] < 0x81 || head[i] == 0xff) {
				bad++
			}
			i += size
		}
		return bad*4 > len(head)
	}
	return false
}
