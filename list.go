package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/feed/store"
	"sokbo/render"
	"sokbo/render/lang"
)

// itemEntry is an item's metadata as JSON, with its time in the local
// zone.
type itemEntry struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Link       string     `json:"link,omitempty"`
	Published  *time.Time `json:"published,omitempty"`
	Author     string     `json:"author,omitempty"`
	Categories []string   `json:"categories"`
	Source     string     `json:"source"`
	// Feed is the feed's name and Tags its tags (OPML folders); Read and
	// Starred are the item's marks.
	Feed    string   `json:"feed"`
	Tags    []string `json:"tags"`
	Read    bool     `json:"read"`
	Starred bool     `json:"starred"`
}

func entryOf(it *feed.Item) itemEntry {
	e := itemEntry{ID: it.ID, Title: it.Title, Link: it.Link, Author: it.Author, Categories: it.Categories, Source: cmp.Or(it.SourceName, it.Source)}
	if e.Categories == nil {
		e.Categories = []string{} // an array, as in every other item
	}
	if !it.Published.IsZero() {
		// A time that names only a day keeps Seoul's offset, so that
		// its date reads the same everywhere.
		t := it.Published.Local()
		if feed.DateOnly(it.Published) {
			t = it.Published.In(feed.Seoul)
		}
		e.Published = &t
	}
	return e
}

// listEntry is one line of `sokbo list --json`.
type listEntry struct {
	N int `json:"n"`
	itemEntry
	// Body is the body read would print: "feed", or "fulltext" when the
	// full text is kept.
	Body string `json:"body"`
	// Group is the story a folded row stands for; nil for an item of
	// its own.
	Group *groupEntry `json:"group,omitempty"`
}

// groupEntry is a folded row's story: every report, the row's own first.
type groupEntry struct {
	// Others is how many outlets besides the first reported it.
	Others  int           `json:"others"`
	Members []memberEntry `json:"members"`
}

// memberEntry is one report of a folded story; N is "3.2" for the
// second of row 3, what `sokbo read` takes.
type memberEntry struct {
	N string `json:"n"`
	itemEntry
}

func (c *command) list(a *app) int {
	ctx := a.context()
	src, err := a.lib.Sources(ctx, c.args)
	if err != nil {
		a.fail(err)
		return 1
	}
	// One write per 64 KiB, not one per headline.
	out := bufio.NewWriterSize(a.out, 64<<10)
	enc := json.NewEncoder(jsonWriter{out})
	enc.SetEscapeHTML(false)
	var line []byte
	detail := library.TitlesOnly
	if c.json {
		detail = library.Everything
	}
	problems, err := a.lib.List(ctx, src, detail, func(r *library.Row) error {
		if c.json {
			var ok bool
			if line, ok = appendListJSON(line[:0], r); !ok {
				return enc.Encode(listJSON(r))
			}
			_, err := out.Write(line)
			return err
		}
		if w := a.rowWidth(); w > 0 {
			line = appendRowTTY(a.lang, line[:0], r, w)
		} else {
			line = appendRowLine(a.lang, line[:0], r)
		}
		_, err := out.Write(line)
		return err
	})
	if err == nil {
		err = out.Flush()
	}
	complete := a.report(problems)
	if err != nil {
		return a.writeFailed(err)
	}
	if !complete {
		return 1 // a source failed: said on stderr, after listing the others
	}
	return 0
}

// appendRowLine appends one line of list's plain format for row r, as
// appendListLine does, with what a folded row stands for after its title.
func appendRowLine(l lang.Lang, line []byte, r *library.Row) []byte {
	line = strconv.AppendInt(line, int64(r.N), 10)
	line = append(line, '\t')
	if !r.Published.IsZero() {
		line = render.AppendDate(line, r.Published, time.Local)
	}
	line = append(line, '\t')
	line = append(line, r.Headline()...)
	line = appendFolded(l, line, r)
	line = append(line, '\t')
	line = append(line, clean.URL(r.Link)...)
	return append(line, '\n')
}

// rowWidth is the width list and search lay their rows out at on a
// terminal, or 0 for their tab-separated lines: into a pipe or a file,
// or where the terminal's width is not known.
func (a *app) rowWidth() int {
	if !a.std.outTTY {
		return 0
	}
	return a.std.width
}

// appendRowTTY appends row r laid out for a terminal of width cells
// (render.HeadlineRow), with what a folded row stands for after its
// title.
func appendRowTTY(l lang.Lang, line []byte, r *library.Row, width int) []byte {
	var tails []string
	if r.Folded() {
		// Its outlets, and where they do not fit how many: the row
		// keeps saying it is a story, as the reader's does.
		tails = []string{string(appendFolded(l, nil, r))}
		if r.Others > 0 {
			tails = append(tails, " · "+l.FoldedOthers("", r.Others))
		} else {
			tails = append(tails, " · "+l.FoldedReports("", len(r.Members)))
		}
	}
	return append(append(line, render.HeadlineRowWith(strconv.Itoa(r.N), dateOf(r.Entry), r.Headline(), tails, clean.URL(r.Link), width)...), '\n')
}

// dateOf is an entry's date as list prints it, or "" for none.
func dateOf(e *library.Entry) string {
	if e.Published.IsZero() {
		return ""
	}
	return string(render.AppendDate(nil, e.Published, time.Local))
}

// appendFolded adds what a folded row stands for to its title: the
// outlets, " · 가람일보 외 4곳" (" · 가람일보 and 4 more"), or the reports
// of one outlet, " · 가람일보 3건". An item of its own adds nothing.
func appendFolded(l lang.Lang, line []byte, r *library.Row) []byte {
	if !r.Folded() {
		return line
	}
	line = append(line, " · "...)
	if r.Others > 0 {
		return append(line, l.FoldedOthers(r.FeedName, r.Others)...)
	}
	return append(line, l.FoldedReports(r.FeedName, len(r.Members))...)
}

// listJSON is a row as `sokbo list --json` prints it.
func listJSON(r *library.Row) listEntry {
	e := listEntry{N: r.N, itemEntry: markedEntryOf(r.Entry, r.Item), Body: bodyOf(r.Entry)}
	if r.Folded() {
		g := &groupEntry{Others: r.Others, Members: make([]memberEntry, len(r.Members))}
		for i, m := range r.Members {
			g.Members[i] = memberEntry{N: fmt.Sprintf("%d.%d", r.N, i+1), itemEntry: markedEntryOf(m, m.Item)}
		}
		e.Group = g
	}
	return e
}

func (a *app) writeFailed(err error) int {
	var re *store.ReadError
	switch {
	case errors.Is(err, os.ErrClosed) || strings.Contains(err.Error(), "broken pipe"):
		return 0 // the reader went away, as `sokbo list | head` does
	case errors.Is(err, context.Canceled):
		return 1 // a signal: the sources it stopped said so
	case errors.As(err, &re):
		a.fail(err) // "reading the offline cache failed: …"
		return 1
	}
	a.say(a.lang.WritingOutput(library.Cause(a.lang, err)))
	return 1
}
