package alert

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"sokbo/feed/clean"
	"sokbo/feed/search"
)

// Config is one [[alert]] table of the config file, as written; Compile
// checks it. Every key is optional but a rule needs at least one of query,
// tag and feed.
//
//	[[alert]]
//	name = "가람시"          # shown in the TUI notice; default "alert N"
//	query = "가람시 정전"     # feed/search syntax: words, "phrases", 초성 (ㄱㄹㅅ)
//	tag = "속보"             # a label in the title: [속보], 【속보】, 속보: …
//	feed = "가람일보"         # a subscription's name or URL, or an outlet
//	quiet = "23:00-07:00"    # no notification then (local time)
//	rate = "5/h"             # at most 5 notifications in any hour
//
// tag is a label of the headline itself, as outlets write it; the item's
// categories are the query's tag: filter.
type Config struct {
	Name  string `toml:"name"`
	Query string `toml:"query"`
	Tag   string `toml:"tag"`
	Feed  string `toml:"feed"`
	Quiet string `toml:"quiet"`
	Rate  string `toml:"rate"`
}

// ErrConfig is wrapped by every error Compile returns.
var ErrConfig = errors.New("bad alert")

// Item is what a rule looks at in a new item. It is independent of the
// store so that the TUI and `sokbo watch` can both fill it. Text fields
// are as feed cleaned them.
type Item struct {
	// Key identifies the item to `sokbo read`.
	Key string
	// Title is the headline; Summary the item's summary, which a query's
	// words are looked for in too, as everywhere in sokbo. The body is
	// not read: an alert is decided when the item arrives.
	Title, Summary string
	// Outlet is the publisher or the feed's own title.
	Outlet string
	// Feed is the subscription's name, FeedURL its address.
	Feed, FeedURL string
	// Tags are the item's categories, for a query's tag: filter.
	Tags []string
	// Published is when the item was published (zero if unknown), for a
	// query's after: and before:.
	Published time.Time
}

// Rule is one compiled alert rule. Make it with Compile; it is safe for
// concurrent use, and holds no state: an [Alerter] keeps the rate counts.
type Rule struct {
	name  string
	query *search.Query // nil: any item
	tag   string        // "": any
	feed  string        // "": any; lower-cased unless a URL
	quiet Quiet
	rate  Rate
}

// Name returns the rule's name: its name key, or "alert N" for the Nth
// [[alert]] without one.
func (r *Rule) Name() string { return r.name }

// Quiet returns the rule's quiet hours.
func (r *Rule) Quiet() Quiet { return r.quiet }

// Rate returns the rule's rate limit.
func (r *Rule) Rate() Rate { return r.rate }

// Match reports whether it meets every condition of the rule. Quiet hours
// and the rate limit play no part: they decide whether a match is
// announced, not whether it is one (the TUI highlights it either way).
// The cheap conditions go first, the query last.
func (r *Rule) Match(it Item) bool {
	if r.tag != "" && !HasTag(it.Title, r.tag) {
		return false
	}
	if r.feed != "" && !r.matchFeed(it) {
		return false
	}
	return r.query == nil || r.query.Match(&search.Doc{
		Title: it.Title, Summary: it.Summary,
		FeedName: it.Feed, FeedURL: it.FeedURL,
		Tags: it.Tags, Published: it.Published,
	})
}

func (r *Rule) matchFeed(it Item) bool {
	if isURL(r.feed) {
		return it.FeedURL == r.feed
	}
	return strings.EqualFold(strings.TrimSpace(it.Feed), r.feed) ||
		strings.EqualFold(strings.TrimSpace(it.Outlet), r.feed)
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Compile checks and compiles the [[alert]] tables in order. A query's
// after: and before: dates start at midnight in loc (nil means
// time.Local). An error names the rule and the key in one line, such as
//
//	bad alert: alert "가람시": rate = "5/x": want a count per period such as "5/h" or "1/10m"
//
// and wraps ErrConfig; the caller adds the file.
func Compile(cfgs []Config, loc *time.Location) ([]*Rule, error) {
	rules := make([]*Rule, 0, len(cfgs))
	names := make(map[string]int, len(cfgs))
	for i, c := range cfgs {
		r, err := compileOne(i+1, c, loc)
		if err != nil {
			return nil, err
		}
		if first, dup := names[r.name]; dup {
			return nil, &ConfigError{N: i + 1, Name: r.name, Why: NameTaken, Dup: first}
		}
		names[r.name] = i + 1
		rules = append(rules, r)
	}
	return rules, nil
}

func compileOne(n int, c Config, loc *time.Location) (*Rule, error) {
	// The name is shown in the TUI and in logs: it is cleaned like feed
	// text, since a config file is text from outside too.
	r := &Rule{name: clean.OneLine(c.Name)}
	named := r.name
	if r.name == "" {
		r.name = fmt.Sprintf("alert %d", n)
	}
	bad := func(key, val string, why ConfigWhy, err error) error {
		return &ConfigError{N: n, Name: named, Key: key, Val: val, Why: why, Err: err}
	}
	// The query is cleaned as a search typed in is (library.ParseQuery):
	// one of nothing but a control or an invisible character is no
	// query, and without a tag or a feed the rule would match every item.
	if q := strings.TrimSpace(clean.Sanitize(c.Query)); q != "" {
		if relativeFilter(q) {
			return nil, bad("query", c.Query, WithinInRule, nil)
		}
		sq, err := search.Parse(q, search.Options{Location: loc})
		if err != nil {
			return nil, bad("query", c.Query, BadValue, err)
		}
		if !sq.Empty() {
			r.query = sq
		}
	}
	if strings.TrimSpace(c.Tag) != "" {
		tag, ok := NormalizeTag(c.Tag)
		if !ok {
			return nil, bad("tag", c.Tag, BadTag, nil)
		}
		r.tag = tag
	}
	if f := strings.TrimSpace(c.Feed); f != "" {
		if !isURL(f) {
			f = strings.ToLower(f)
		}
		r.feed = f
	}
	if r.query == nil && r.tag == "" && r.feed == "" {
		return nil, &ConfigError{N: n, Name: named, Why: MatchesAll}
	}
	var err error
	if r.quiet, err = ParseQuiet(c.Quiet); err != nil {
		return nil, bad("quiet", c.Quiet, BadValue, err)
	}
	if r.rate, err = ParseRate(c.Rate); err != nil {
		return nil, bad("rate", c.Rate, BadValue, err)
	}
	return r, nil
}

// relativeFilter reports whether the query has a within: filter outside
// its phrases. search.Parse fixes within: to the time it parses, which
// suits a search typed now but not a rule that lives as long as the
// process.
func relativeFilter(q string) bool {
	quoted := false
	word := 0 // where the current word starts
	for i, r := range q + " " {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && unicode.IsSpace(r):
			w := strings.TrimPrefix(q[word:min(i, len(q))], "-")
			if len(w) >= len("within:") && strings.EqualFold(w[:len("within:")], "within:") {
				return true
			}
			word = i + utf8.RuneLen(r)
		}
	}
	return false
}

// Hold says why a match is not announced.
type Hold int

// The reasons a match is held.
const (
	NotHeld   Hold = iota
	HeldQuiet      // the rule's quiet hours
	HeldRate       // the rule's rate limit is spent
)

// String returns the hold in a word, for logs.
func (h Hold) String() string {
	switch h {
	case HeldQuiet:
		return "quiet"
	case HeldRate:
		return "rate"
	}
	return ""
}

// Verdict is what the rules make of one item.
type Verdict struct {
	// Matched names the rules the item meets, in config order; none
	// means it is no alert.
	Matched []string
	// Notify is the rule the notification is charged to: the first
	// matched rule that is neither quiet nor out of rate. "" means no
	// notification now.
	Notify string
	// Held is, when the item matched but Notify is "", why: the hold of
	// the first matched rule.
	Held Hold
}

// Alerter applies rules to new items, keeping each rule's rate count.
// Make it with New; it is safe for concurrent use.
type Alerter struct {
	rules []*Rule
	loc   *time.Location

	mu   sync.Mutex
	sent []window // by rule
}

// New returns an Alerter for rules, reading quiet hours on the wall clock
// of loc (nil means time.Local).
func New(rules []*Rule, loc *time.Location) *Alerter {
	if loc == nil {
		loc = time.Local
	}
	return &Alerter{rules: rules, loc: loc, sent: make([]window, len(rules))}
}

// Rules returns the rules, in config order.
func (a *Alerter) Rules() []*Rule { return a.rules }

// Check applies the rules to it, a new item, at now (the caller's clock),
// and records the notification it allows against that rule's rate. One
// item is one notification however many rules it meets.
func (a *Alerter) Check(it Item, now time.Time) Verdict {
	var v Verdict
	for k, r := range a.rules {
		if !r.Match(it) {
			continue
		}
		v.Matched = append(v.Matched, r.name)
		if v.Notify != "" {
			continue
		}
		hold := NotHeld
		if r.quiet.Contains(now, a.loc) {
			hold = HeldQuiet
		} else {
			a.mu.Lock()
			ok := a.sent[k].allow(r.rate, now)
			a.mu.Unlock()
			if !ok {
				hold = HeldRate
			}
		}
		if hold == NotHeld {
			v.Notify, v.Held = r.name, NotHeld
		} else if len(v.Matched) == 1 {
			v.Held = hold
		}
	}
	return v
}

// ConfigError is an [[alert]] table Compile refuses: the table (N, from
// 1, and its Name, or ""), the key and value at fault, and why. It
// matches ErrConfig; the front ends word it (Why), and its Error is the
// English.
type ConfigError struct {
	N    int
	Name string
	Key  string
	Val  string
	Why  ConfigWhy
	Dup  int   // NameTaken: the table that has the name
	Err  error // BadValue: what the value's parser said
}

// ConfigWhy says what is wrong with an [[alert]] table.
type ConfigWhy uint8

const (
	BadValue     ConfigWhy = iota // Key's value does not parse (Err)
	WithinInRule                  // a within: filter in a rule's query
	BadTag                        // a tag that is no label
	MatchesAll                    // no query, tag or feed
	NameTaken                     // the name of an earlier table (Dup)
)

// MaxTag is the longest tag a rule takes.
const MaxTag = maxLabel

func (e *ConfigError) Error() string {
	label := fmt.Sprintf("alert %d", e.N)
	if e.Name != "" {
		label = "alert " + strconv.Quote(e.Name)
	}
	var why string
	switch e.Why {
	case NameTaken:
		return fmt.Sprintf("%s %d: name %s is taken by alert %d", ErrConfig, e.N, strconv.Quote(e.Name), e.Dup)
	case MatchesAll:
		return fmt.Sprintf("%s: %s: needs a query, a tag or a feed, or it would match every item", ErrConfig, label)
	case WithinInRule:
		why = "within: counts back from when the config was read, not from each new item; use after: or leave it out"
	case BadTag:
		why = fmt.Sprintf("want a label of letters or digits such as \"속보\" or \"[단독]\", at most %d", maxLabel)
	default:
		why = e.Err.Error()
	}
	return fmt.Sprintf("%s: %s: %s = %s: %s", ErrConfig, label, e.Key, strconv.Quote(e.Val), why)
}

// Is reports whether target is ErrConfig.
func (e *ConfigError) Is(target error) bool { return target == ErrConfig }

// Unwrap returns what the value's parser said, if anything.
func (e *ConfigError) Unwrap() error { return e.Err }
