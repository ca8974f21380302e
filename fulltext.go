package main

import (
	"context"
	"fmt"
	"time"

	"sokbo/feed"
	"sokbo/feed/library"
)

// fullTextEntry is what `read --format json` says of the body it holds:
// "feed" or "fulltext", and for a full text where and when it came from
// and how it was found; for the feed's body, why the last attempt to get
// the full text failed, if it did.
type fullTextEntry struct {
	Body          string     `json:"body"`
	FullTextURL   string     `json:"fulltext_url,omitempty"`
	FullTextAt    *time.Time `json:"fulltext_at,omitempty"`
	FullTextVia   string     `json:"fulltext_via,omitempty"`
	FullTextError string     `json:"fulltext_error,omitempty"`
}

func fullTextOf(a *library.Article) fullTextEntry {
	out := fullTextEntry{Body: string(a.Body), FullTextError: a.FullTextErr()}
	if a.Body == library.BodyFullText && a.FullText != nil {
		at := a.FullText.Fetched.Local()
		out.FullTextURL, out.FullTextAt, out.FullTextVia = a.FullText.URL, &at, a.FullText.Via
	}
	return out
}

// bodyOf is list --json's "body".
func bodyOf(e *library.Entry) string {
	if e.HasFullText {
		return string(library.BodyFullText)
	}
	return string(library.BodyFeed)
}

// article is the article read prints: the kept full text or the feed's
// body; with full, the full text, fetched when it is not kept (offline:
// only a kept one). A full text that cannot be had leaves the feed's
// body, with a line on stderr saying why.
func (a *app) article(ctx context.Context, e *library.Entry, full bool) (*library.Article, error) {
	art, err := a.lib.Article(ctx, e)
	if err != nil || !full || art.Body == library.BodyFullText {
		return art, err
	}
	if a.ctx != nil {
		ctx = a.ctx // a signal stops the fetch
	}
	fa, err := a.lib.FullText(ctx, e, false)
	if err != nil {
		what := e.Link
		if what == "" {
			what = e.Title
		}
		a.say(a.lang.FullTextFailed(what, library.Cause(a.lang, err)))
		return art, nil
	}
	return fa, nil
}

// fetchFullTexts fetches, after `sokbo refresh`, the full text of the new
// items of feeds with fulltext = true, and says on one line what it did.
func (a *app) fetchFullTexts(subs []feed.Subscription) {
	ctx := a.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	sum, err := a.lib.FetchFullTexts(ctx, subs, nil)
	if sum != (library.FullTextSummary{}) {
		fmt.Fprintln(a.out, a.lang.FullTextSummary(sum.Fetched, sum.Failed))
	}
	if err != nil && ctx.Err() == nil {
		a.say(a.lang.FullTextProblem(a.errLine(err)))
	}
}
