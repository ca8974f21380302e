// Package feed provides sokbo's article model and the sources articles come
// from: http(s) URLs, RSS/Atom/JSON feed files, Jekyll-style post files and
// folders of posts, read into one Item type whatever the source.
//
// Text is cleaned here, once, where it enters (by feed/clean): control and
// escape sequences are removed, entities are decoded exactly once and
// everything is normalised to NFC. Every later step (the renderer, the UI,
// the printers) trusts it.
//
// Below feed: clean (the cleaner and the address rules), fetch (HTTP,
// charsets, discovery), convert (HTML and Markdown posts to Markdown), opml,
// store (the offline cache), refresh (many feeds at once) and library (what
// both front ends ask).
package feed

import (
	"time"

	"sokbo/feed/clean"
)

// BodyFormat says what markup an Item's Body holds.
type BodyFormat uint8

const (
	// FormatHTML is an HTML fragment, as found in feeds and most posts.
	FormatHTML BodyFormat = iota
	// FormatMarkdown is Markdown, as found in some posts and in sokbo's own
	// markdown output.
	FormatMarkdown
)

// String returns "html" or "markdown".
func (f BodyFormat) String() string {
	if f == FormatMarkdown {
		return "markdown"
	}
	return "html"
}

// Item is one article. Use the zero value only in tests; sources build Items
// with every text field already cleaned.
type Item struct {
	// ID is stable across loads of the same source: the feed's GUID or
	// Atom id when it has one, otherwise derived from the link or the file.
	ID    string
	Title string // plain text, entities decoded, whitespace collapsed, NFC
	Link  string // absolute URL, or "" when the source gives none
	// Published is the zero time when the source gives no readable date.
	Published  time.Time
	Author     string
	Categories []string
	Summary    string // plain text
	Image      string // absolute URL, or ""
	Body       string
	Format     BodyFormat
	Source     string // the source string the item was loaded from, cleaned
	// SourceName is the source string exactly as given to Load, controls
	// and all, for output that escapes them (JSON); "" when it is Source.
	// Never show it on a terminal as it is.
	SourceName string
}

// Feed is a titled list of items, newest first. Items with no date follow
// the dated ones, in source order.
type Feed struct {
	Title  string
	Link   string
	Source string
	Items  []*Item
	// TTL is how long the feed says it may be cached (RSS <ttl>), or 0.
	TTL time.Duration
	// badDates counts the items whose date the feed gives but ParseDate
	// cannot read, shown undated; badDate is the first of those dates.
	badDates int
	badDate  string
}

// Subscription is one feed a user follows.
type Subscription struct {
	Name string // the user's name for it; may be ""
	URL  string
	// Interval is how often to refresh it; 0 means the default.
	Interval time.Duration
	// FullText fetches the full text of its new items' pages after each
	// refresh, in the background (the config's fulltext = true).
	FullText bool
	// Tags group it with others (OPML folders): the reader's feed list
	// shows each tag, and a query's tag: matches them.
	Tags []string
	// FeedOnly reads URL only as a feed: a web page is not searched for
	// the feed it announces. An article's page announces its site's
	// feed, and `sokbo read LINK` would read another article from it.
	FeedOnly bool
}

// GivenName is a feed's name as a person types it (feeds add --name,
// feeds rename) or an OPML file gives it: plain text, not HTML, so
// "AT&T <b>1<2</b>" stays as typed, where a feed's title has its tags
// stripped and its entities decoded. It is cleaned as every text is, of
// control and invisible characters, onto one line, and cut as a title is
// at MaxTitleBytes, so that a 6 MB name costs no more than a long one;
// "" means nothing was left.
func GivenName(s string) string { return LimitName(clean.OneLine(s)) }

// LimitName cuts a feed's name, cleaned, longer than MaxTitleBytes at a
// character boundary with "…", as a title is cut.
func LimitName(s string) string { return limitTitle(s) }
