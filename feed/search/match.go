package search

import (
	"slices"
	"strings"
	"time"
)

// Doc is a document as a query sees it: an item's text, where it comes
// from and its state. Text fields are as the feed package cleaned them;
// Match folds them itself.
type Doc struct {
	Title   string
	Summary string
	// Body is the plain text of the item's body: HTMLText of an HTML
	// body, the text of a Markdown one. A caller that must load or
	// convert it can leave it "" and set LoadBody instead.
	Body string
	// LoadBody, when not nil, supplies Body; Match calls it at most once,
	// and only when the title and summary cannot decide.
	LoadBody func() string

	FeedURL  string
	FeedName string
	Tags     []string // the item's categories
	Read     bool
	Starred  bool
	// Published is when the item was published, or zero when unknown.
	// Date filters then use FirstSeen, when sokbo first stored it.
	Published time.Time
	FirstSeen time.Time
}

// time returns the time date filters judge d by, or zero.
func (d *Doc) time() time.Time {
	if !d.Published.IsZero() {
		return d.Published
	}
	return d.FirstSeen
}

// docText holds a document's fields folded, each folded once and only when
// a clause first needs it.
type docText struct {
	d                    *Doc
	title, summary, body string
	haveTitle, haveSum   bool
	haveBody             bool
}

func (t *docText) titleText() string {
	if !t.haveTitle {
		t.title, t.haveTitle = Fold(t.d.Title), true
	}
	return t.title
}

func (t *docText) summaryText() string {
	if !t.haveSum {
		t.summary, t.haveSum = Fold(t.d.Summary), true
	}
	return t.summary
}

func (t *docText) bodyText() string {
	if !t.haveBody {
		b := t.d.Body
		if b == "" && t.d.LoadBody != nil {
			b = t.d.LoadBody()
		}
		t.body, t.haveBody = Fold(b), true
	}
	return t.body
}

// Match reports whether d matches every clause of the query. Clauses that
// need no text are judged first, then words against the title and summary,
// and the body is read last, only for a word they do not decide.
func (q *Query) Match(d *Doc) bool {
	for i := range q.clauses {
		if c := &q.clauses[i]; c.kind != clauseText && c.matchMeta(d) == c.neg {
			return false
		}
	}
	t := docText{d: d}
	// Words found in the title or summary need no body.
	var buf [8]*clause
	undecided := buf[:0]
	for i := range q.clauses {
		c := &q.clauses[i]
		if c.kind != clauseText {
			continue
		}
		if c.term.in(t.titleText()) || (!c.term.TitleOnly && c.term.in(t.summaryText())) {
			if c.neg {
				return false
			}
			continue
		}
		if c.term.TitleOnly {
			if !c.neg {
				return false
			}
			continue
		}
		undecided = append(undecided, c)
	}
	// Positive words first: one that fails ends the match.
	slices.SortStableFunc(undecided, func(a, b *clause) int {
		switch {
		case a.neg == b.neg:
			return 0
		case !a.neg:
			return -1
		}
		return 1
	})
	for _, c := range undecided {
		if c.term.in(t.bodyText()) == c.neg {
			return false
		}
	}
	return true
}

func (c *clause) matchMeta(d *Doc) bool {
	switch c.kind {
	case clauseFeed:
		return strings.Contains(Fold(d.FeedName), c.value) || strings.Contains(Fold(d.FeedURL), c.value)
	case clauseTag:
		for _, tag := range d.Tags {
			f := Fold(tag)
			if f == c.value || (c.prefix && strings.HasPrefix(f, c.value)) {
				return true
			}
		}
		return false
	case clauseUnread:
		return !d.Read
	case clauseRead:
		return d.Read
	case clauseStarred:
		return d.Starred
	case clauseAfter:
		t := d.time()
		return !t.IsZero() && !t.Before(c.at) && (c.until.IsZero() || !t.After(c.until))
	case clauseBefore:
		t := d.time()
		return !t.IsZero() && t.Before(c.at)
	}
	return false
}

// Span is a byte range [Start, End) of a string.
type Span struct{ Start, End int }

// Highlights returns where the query's words and phrases match in s, a
// title or an article's text: byte ranges of s, sorted, not overlapping,
// and on character boundaries, for the reader to highlight. Negated words
// and filters are not shown.
func (q *Query) Highlights(s string) []Span {
	var spans []Span
	var text string
	var m *mapped // nil while s folds to itself, as cleaned text mostly does
	folded := false
	for i := range q.clauses {
		c := &q.clauses[i]
		if c.kind != clauseText || c.neg {
			continue
		}
		if !folded {
			if text, folded = Fold(s), true; text != s {
				fm := foldMapped(s)
				m, text = &fm, fm.text
			}
		}
		finders := c.term.finders()
		for k := range finders {
			sq := &finders[k]
			for from := 0; from < len(text); {
				st, e, ok := sq.find(text, from)
				if !ok {
					break
				}
				if m != nil {
					spans = append(spans, Span{int(m.start[st]), int(m.end[e-1])})
				} else {
					spans = append(spans, Span{st, e})
				}
				from = e
			}
		}
	}
	return mergeSpans(spans)
}

// mergeSpans sorts spans and joins those that overlap or touch.
func mergeSpans(spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if sp.Start <= last.End {
			last.End = max(last.End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}
