// Package search provides sokbo's Korean-aware query language and matcher:
// the one meaning of a search shared by the reader's /, `sokbo search`,
// saved views, mute rules and alerts, and by the store's index, which
// only narrows down what this package decides.
//
// A query is words, all of which must match (AND), and a few operators:
//
//	북한 미사일          both words, anywhere in the title, summary or body
//	"국회 의장"          a phrase: the words together, in this order
//	-속보                NOT: no match for the word (or phrase, or filter)
//	ㅂㅎ, ㄱㅎㅇㅈ       initial consonants (초성) of the title's syllables
//	국ㅎ의장             syllables and initials mixed
//	feed:연합            the feed's name or address holds 연합
//	tag:경제             one of the item's tags (categories) is 경제
//	is:unread is:read is:starred
//	after:2024-07-01     published that day or later (in Options.Location)
//	before:2024-07-31    published before that day
//	within:6h            published in the last 6 hours: m, h, d, w, or 분,
//	                     시간, 일, 주, and combined (1d12h)
//
// Words match as substrings, so particles do not matter (대통령 finds
// 대통령은), after Fold: NFC and NFD alike, Latin in any case. A word of
// initials only is looked for in the title alone; a word with a syllable
// in it anywhere. Parse with Options.Incremental treats the query as
// still being typed: its last syllable or jamo may be incomplete under the
// IME, so 부, 북 and 북ㅎ find what 북한 will find, and 라ㅁ finds 라면
// and 람.
package search

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxQueryBytes bounds a query; a longer one is refused rather than
// matched at a cost that grows with it.
const MaxQueryBytes = 4096

// maxClauses bounds the words and filters of a query.
const maxClauses = 64

// ErrSyntax is wrapped by every error Parse returns.
var ErrSyntax = errors.New("bad query")

// SyntaxError says what is wrong with a query and where.
type SyntaxError struct {
	Offset int    // byte offset in the query of the offending token
	Token  string // the token, cut to a readable length
	Reason string // in English; Kind says it for other words
	Kind   SyntaxKind
	// Key is the filter of a SyntaxNoValue; Limit the bound of a
	// SyntaxTooLong or SyntaxTooMany.
	Key   string
	Limit int
}

// SyntaxKind says what is wrong with a query, for a front end to word.
type SyntaxKind uint8

const (
	SyntaxOther       SyntaxKind = iota
	SyntaxTooLong                // longer than Limit bytes
	SyntaxNotUTF8                // not valid UTF-8
	SyntaxTooMany                // more than Limit words and filters
	SyntaxBareMinus              // '-' followed by nothing to exclude
	SyntaxEmptyPhrase            // ""
	SyntaxOpenPhrase             // a '"' never closed
	SyntaxNoValue                // Key: with no value
	SyntaxIs                     // is: with a value it does not take
	SyntaxDate                   // after:/before: with no date
	SyntaxSpan                   // within: with no span
)

// Error returns a one-line message, the token quoted.
func (e *SyntaxError) Error() string {
	if e.Token == "" {
		return fmt.Sprintf("bad query: %s", e.Reason)
	}
	return fmt.Sprintf("bad query at %s: %s", strconv.Quote(e.Token), e.Reason)
}

// Unwrap returns ErrSyntax.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }

// Options change how Parse reads a query. The zero value is a finished
// query read at time.Now in time.Local.
type Options struct {
	// Now is the time within: counts back from; zero means time.Now().
	// A query keeps it: parse again to move the window.
	Now time.Time
	// Location is where after: and before: dates start at midnight;
	// nil means time.Local.
	Location *time.Location
	// Incremental says the query is still being typed, as in the
	// reader's search field: the last word's end may still change under
	// the IME and matches as a prefix (see the package comment), an
	// unterminated final phrase is a phrase, and a final '-' or filter
	// with no value yet is ignored rather than refused.
	Incremental bool
}

// Query is a parsed query. Create it with Parse; it is safe for
// concurrent use.
type Query struct {
	source  string
	clauses []clause
}

type clauseKind uint8

const (
	clauseText clauseKind = iota
	clauseFeed
	clauseTag
	clauseUnread
	clauseRead
	clauseStarred
	clauseAfter  // time ≥ at
	clauseBefore // time < at
)

type clause struct {
	kind  clauseKind
	neg   bool
	term  *compiled // clauseText
	value string    // clauseFeed, clauseTag: folded
	// prefix makes a clauseTag match tags starting with value: the
	// incremental query's last filter, still being typed.
	prefix bool
	at     time.Time // clauseAfter, clauseBefore
	// relative marks a clauseAfter made by within:, counted back from
	// Options.Now.
	relative bool
	// until is, for within:, the moment it counts back from, and
	// withinAhead after: an item dated later (in the future, past a
	// server's clock that runs a little fast) is not within the window.
	until time.Time
}

// Parse reads a query. An empty query matches everything. Bad syntax
// gives an error wrapping ErrSyntax, as a *SyntaxError.
func Parse(s string, opts Options) (*Query, error) {
	if len(s) > MaxQueryBytes {
		return nil, &SyntaxError{Reason: fmt.Sprintf("longer than %d bytes", MaxQueryBytes), Kind: SyntaxTooLong, Limit: MaxQueryBytes}
	}
	if !utf8.ValidString(s) {
		return nil, &SyntaxError{Reason: "not valid UTF-8", Kind: SyntaxNotUTF8}
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	p := parser{src: s, opts: opts}
	q := &Query{source: s}
	for {
		c, ok, err := p.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if len(q.clauses) == maxClauses {
			return nil, &SyntaxError{Reason: fmt.Sprintf("more than %d words and filters", maxClauses), Kind: SyntaxTooMany, Limit: maxClauses}
		}
		q.clauses = append(q.clauses, c)
	}
	return q, nil
}

type parser struct {
	src  string
	i    int
	opts Options
}

// filterKeys are the words before a colon that make a filter; any other
// word with a colon (12:30, http://…) is a word.
var filterKeys = map[string]bool{"feed": true, "tag": true, "is": true, "after": true, "before": true, "within": true}

func (p *parser) skipSpace() {
	for p.i < len(p.src) {
		r, size := utf8.DecodeRuneInString(p.src[p.i:])
		if !unicode.IsSpace(r) {
			return
		}
		p.i += size
	}
}

// atEnd reports whether the token ending at byte i ends the query, so that
// it may still be being typed.
func (p *parser) atEnd(i int) bool { return p.opts.Incremental && i == len(p.src) }

// tokenEnd returns where a bare token starting at byte i ends: at white
// space or the end.
func (p *parser) tokenEnd(i int) int {
	for i < len(p.src) {
		r, size := utf8.DecodeRuneInString(p.src[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

func (p *parser) fail(start, end int, kind SyntaxKind, key, reason string) error {
	tok := p.src[start:end]
	if utf8.RuneCountInString(tok) > 40 {
		r := []rune(tok)
		tok = string(r[:40]) + "…"
	}
	return &SyntaxError{Offset: start, Token: tok, Reason: reason, Kind: kind, Key: key}
}

// next reads one clause; ok is false at the end of the query.
func (p *parser) next() (c clause, ok bool, err error) {
	for {
		p.skipSpace()
		if p.i >= len(p.src) {
			return clause{}, false, nil
		}
		start := p.i
		if p.src[p.i] == '-' {
			c.neg = true
			p.i++
			if p.i == len(p.src) || p.isSpaceAt(p.i) {
				if p.atEnd(p.i) {
					return clause{}, false, nil
				}
				return clause{}, false, p.fail(start, p.i, SyntaxBareMinus, "", "'-' must be followed by a word, a phrase or a filter")
			}
		}
		if p.src[p.i] == '"' {
			text, open, err := p.quoted(start)
			if err != nil {
				return clause{}, false, err
			}
			if text == "" {
				if open {
					c = clause{}
					continue // an opening quote just typed
				}
				return clause{}, false, p.fail(start, p.i, SyntaxEmptyPhrase, "", "empty phrase")
			}
			c.kind = clauseText
			c.term = compileTerm(text, open && !c.neg)
			return c, true, nil
		}
		if key, ok := p.filterKey(); ok {
			done, err := p.filter(&c, key, start)
			if err != nil {
				return clause{}, false, err
			}
			if !done {
				c = clause{}
				continue
			}
			return c, true, nil
		}
		end := p.tokenEnd(p.i)
		word := Fold(p.src[p.i:end])
		p.i = end
		if word == "" {
			c = clause{}
			continue // only zero-width characters
		}
		c.kind = clauseText
		c.term = compileTerm(word, p.atEnd(end) && !c.neg)
		return c, true, nil
	}
}

func (p *parser) isSpaceAt(i int) bool {
	r, _ := utf8.DecodeRuneInString(p.src[i:])
	return unicode.IsSpace(r)
}

// quoted reads a phrase from the '"' at p.i and returns it folded; open
// is true for an incremental query's unterminated last phrase.
func (p *parser) quoted(start int) (text string, open bool, err error) {
	body := p.i + 1
	k := strings.IndexByte(p.src[body:], '"')
	if k < 0 {
		if !p.opts.Incremental {
			return "", false, p.fail(start, len(p.src), SyntaxOpenPhrase, "", "unterminated phrase: a '\"' is missing")
		}
		p.i = len(p.src)
		return Fold(p.src[body:]), true, nil
	}
	p.i = body + k + 1
	return Fold(p.src[body : body+k]), false, nil
}

// filterKey returns the key of a filter starting at p.i, in lower case,
// and moves past its colon.
func (p *parser) filterKey() (string, bool) {
	j := p.i
	for j < len(p.src) && j-p.i < 8 && (p.src[j]|0x20 >= 'a' && p.src[j]|0x20 <= 'z') {
		j++
	}
	if j == p.i || j >= len(p.src) || p.src[j] != ':' {
		return "", false
	}
	key := strings.ToLower(p.src[p.i:j])
	if !filterKeys[key] {
		return "", false
	}
	p.i = j + 1
	return key, true
}

// filter reads a filter's value into c; done is false for an incremental
// query's last filter, which has no value yet and is ignored.
func (p *parser) filter(c *clause, key string, start int) (done bool, err error) {
	var value string
	if p.i < len(p.src) && p.src[p.i] == '"' {
		v, open, err := p.quoted(start)
		if err != nil {
			return false, err
		}
		if open && v == "" {
			return false, nil
		}
		value = v
	} else {
		end := p.tokenEnd(p.i)
		value = p.src[p.i:end]
		p.i = end
	}
	end := p.i
	if strings.TrimSpace(value) == "" {
		if p.atEnd(end) {
			return false, nil
		}
		return false, p.fail(start, end, SyntaxNoValue, key, key+": needs a value")
	}
	// A filter still being typed (is:unr, after:2024-0) is ignored,
	// not refused, until it reads as one.
	lenient := p.atEnd(end)
	switch key {
	case "feed", "tag":
		c.kind = clauseTag
		if key == "feed" {
			c.kind = clauseFeed
		}
		c.value = Fold(value)
		c.prefix = lenient
		if c.value == "" {
			if lenient {
				return false, nil
			}
			return false, p.fail(start, end, SyntaxNoValue, key, key+": needs a value")
		}
	case "is":
		switch strings.ToLower(value) {
		case "unread":
			c.kind = clauseUnread
		case "read":
			c.kind = clauseRead
		case "starred":
			c.kind = clauseStarred
		default:
			if lenient && isPrefix(value) {
				return false, nil
			}
			return false, p.fail(start, end, SyntaxIs, "is", "is: takes unread, read or starred")
		}
	case "after", "before":
		t, err := parseDate(value, p.opts.Location)
		if err != nil {
			if lenient && onlyOf(value, "0123456789-:T+Z") {
				return false, nil
			}
			return false, p.fail(start, end, SyntaxDate, key, err.Error())
		}
		c.kind, c.at = clauseAfter, t
		if key == "before" {
			c.kind = clauseBefore
		}
	case "within":
		d, err := parseSpan(value)
		if err != nil {
			if lenient && spanPrefix(value) {
				return false, nil
			}
			return false, p.fail(start, end, SyntaxSpan, key, err.Error())
		}
		c.kind, c.at, c.until, c.relative = clauseAfter, p.opts.Now.Add(-d), p.opts.Now.Add(withinAhead), true
	}
	return true, nil
}

// isPrefix reports whether an is: value still being typed can become
// one is: takes; "is:later" cannot, and is refused at once.
func isPrefix(value string) bool {
	v := strings.ToLower(value)
	for _, w := range []string{"unread", "read", "starred"} {
		if strings.HasPrefix(w, v) {
			return true
		}
	}
	return false
}

// onlyOf reports whether every byte of s is one of chars: a date still
// being typed is digits and its separators.
func onlyOf(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(chars, s[i]) < 0 {
			return false
		}
	}
	return true
}

// spanPrefix reports whether a within: value still being typed can
// become a span: numbers, each followed by a unit or the start of one.
func spanPrefix(s string) bool {
	for s != "" {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 {
			return false
		}
		s = s[n:]
		if s == "" {
			return true
		}
		matched := false
		for _, u := range spanUnits {
			switch {
			case len(s) >= len(u.name) && strings.EqualFold(s[:len(u.name)], u.name):
				s, matched = s[len(u.name):], true
			case len(s) < len(u.name) && strings.EqualFold(s, u.name[:len(s)]):
				return true // the unit is being typed: 6시 of 6시간
			}
			if matched {
				break
			}
		}
		if !matched {
			return false
		}
	}
	return true
}

// dateLayouts are the dates after: and before: take, in the reader's
// zone: a day (midnight), or a day and a time.
var dateLayouts = []string{
	"2006-01-02", "2006.01.02", "2006/01/02",
	"2006-01-02T15:04", "2006-01-02T15:04:05",
}

func parseDate(s string, loc *time.Location) (time.Time, error) {
	if len(s) <= 32 {
		for _, layout := range dateLayouts {
			if t, err := time.ParseInLocation(layout, s, loc); err == nil {
				return t, nil
			}
		}
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("not a date: want YYYY-MM-DD, or YYYY-MM-DDTHH:MM")
}

// spanUnits are within:'s units, in English and Korean.
var spanUnits = []struct {
	name string
	d    time.Duration
}{
	{"시간", time.Hour}, {"분", time.Minute}, {"일", 24 * time.Hour}, {"주", 7 * 24 * time.Hour},
	{"m", time.Minute}, {"h", time.Hour}, {"d", 24 * time.Hour}, {"w", 7 * 24 * time.Hour},
}

// maxSpan bounds within: so that now minus it stays a sensible time.
const maxSpan = 100 * 365 * 24 * time.Hour

// parseSpan reads within:'s value: one or more numbers each with a unit,
// 90m, 6h, 1d12h, 2w, 6시간, 3일.
func parseSpan(s string) (time.Duration, error) {
	bad := errors.New("not a time span: want a number and m, h, d or w (6h, 90m, 3d, 1w, 6시간)")
	var total time.Duration
	for s != "" {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n > 6 {
			return 0, bad
		}
		num, _ := strconv.Atoi(s[:n]) // at most six digits
		s = s[n:]
		unit := time.Duration(0)
		for _, u := range spanUnits {
			if len(s) >= len(u.name) && strings.EqualFold(s[:len(u.name)], u.name) {
				unit, s = u.d, s[len(u.name):]
				break
			}
		}
		if unit == 0 {
			return 0, bad
		}
		if time.Duration(num) > (maxSpan-total)/unit {
			return 0, errors.New("time span longer than 100 years")
		}
		total += time.Duration(num) * unit
	}
	if total <= 0 {
		return 0, errors.New("time span must be more than zero")
	}
	return total, nil
}

// String returns the query as it was given to Parse.
func (q *Query) String() string { return q.source }

// Empty reports whether the query has no words or filters, and so
// matches every document.
func (q *Query) Empty() bool { return len(q.clauses) == 0 }

// Relative reports whether the query has a within: filter, whose window
// was fixed at Options.Now: a saved view or a rule that outlives the
// moment must parse such a query again each time it applies it.
func (q *Query) Relative() bool {
	for _, c := range q.clauses {
		if c.relative {
			return true
		}
	}
	return false
}

// Terms returns the query's words and phrases that a document must match,
// for an index to narrow its candidates by; negated ones, which an index
// cannot narrow by, are left out. The terms share memory with q and must
// not be changed.
func (q *Query) Terms() []Term {
	var out []Term
	for _, c := range q.clauses {
		if c.kind == clauseText && !c.neg {
			out = append(out, c.term.Term)
		}
	}
	return out
}

// NeedsText reports whether Match may read a document's summary or body:
// whether the query has a word that is not of initials only. When it
// does not, Match reads only the title and what the filters ask for.
func (q *Query) NeedsText() bool {
	for _, c := range q.clauses {
		if c.kind == clauseText && !c.term.TitleOnly {
			return true
		}
	}
	return false
}

// Filters are the conditions every document a query matches meets that a
// store can test in its own terms, to narrow its candidates before Match
// decides. They are implied by the query, never the whole of it.
type Filters struct {
	Starred bool // is:starred
	Read    bool // is:read or -is:unread
	Unread  bool // is:unread or -is:read
	// After and Before bound the time date filters judge by (Published,
	// or FirstSeen when that is zero): After ≤ t < Before. Zero means no
	// bound. Only after:, before: and within: make them; their negations,
	// which a document with no time at all meets, do not.
	After, Before time.Time
	// Feeds are folded feed: values; the feed's folded name or address
	// holds each of them.
	Feeds []string
}

// Filters returns what the query's filters require.
func (q *Query) Filters() Filters {
	var f Filters
	for _, c := range q.clauses {
		switch {
		case c.kind == clauseStarred && !c.neg:
			f.Starred = true
		case c.kind == clauseRead && !c.neg, c.kind == clauseUnread && c.neg:
			f.Read = true
		case c.kind == clauseUnread && !c.neg, c.kind == clauseRead && c.neg:
			f.Unread = true
		case c.kind == clauseAfter && !c.neg:
			if f.After.IsZero() || c.at.After(f.After) {
				f.After = c.at
			}
			if b := c.until.Add(1); !c.until.IsZero() && (f.Before.IsZero() || b.Before(f.Before)) {
				f.Before = b
			}
		case c.kind == clauseBefore && !c.neg:
			if f.Before.IsZero() || c.at.Before(f.Before) {
				f.Before = c.at
			}
		case c.kind == clauseFeed && !c.neg:
			f.Feeds = append(f.Feeds, c.value)
		}
	}
	return f
}

// withinAhead is how far ahead of now within: still counts an item as
// just in: a feed's server whose clock runs some minutes fast dates its
// newest items that far ahead, and within:10m must find them; an item
// dated hours or days ahead (a scheduled post, a time zone written
// wrong) is not within the last hour.
const withinAhead = 10 * time.Minute
