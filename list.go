package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/feed/store"
)

// itemEntry is an item's metadata as JSON, with its time in the local
// zone.
type itemEntry struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Link       string     `json:"link,omitempty"`
	Published  *time.Time `json:"published,omitempty"`
	Author     string     `json:"author,omitempty"`
	Categories []string   `json:"categories,omitempty"`
	Source     string     `json:"source"`
	// Feed is the feed's name and Tags its tags (OPML folders); Read and
	// Starred are the item's marks.
	Feed    string   `json:"feed"`
	Tags    []string `json:"tags"`
	Read    bool     `json:"read"`
	Starred bool     `json:"starred"`
}

func entryOf(it *feed.Item) itemEntry {
	e := itemEntry{ID: it.ID, Title: it.Title, Link: it.Link, Author: it.Author, Categories: it.Categories, Source: it.Source}
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
}

func (c *command) list(a *app) int {
	std := a.std
	ctx := context.Background()
	src, err := a.lib.Sources(ctx, c.args)
	if err != nil {
		fmt.Fprintf(std.err, "sokbo: %v\n", err)
		return 1
	}
	// One write per 64 KiB, not one per headline.
	out := bufio.NewWriterSize(a.out, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var line []byte
	n := 0
	problems, err := a.lib.Each(ctx, src, func(e *library.Entry) error {
		n++
		if c.json {
			return enc.Encode(listEntry{N: n, itemEntry: markedEntryOf(e, e.Item), Body: bodyOf(e)})
		}
		line = appendListLine(line[:0], n, e.Item)
		_, err := out.Write(line)
		return err
	})
	if err == nil {
		err = out.Flush()
	}
	complete := a.report(problems)
	if err != nil {
		return writeFailed(std, err)
	}
	if !complete {
		return 1 // a source failed: said on stderr, after listing the others
	}
	return 0
}

func writeFailed(std *streams, err error) int {
	var re *store.ReadError
	switch {
	case errors.Is(err, os.ErrClosed) || strings.Contains(err.Error(), "broken pipe"):
		return 0 // the reader went away, as `sokbo list | head` does
	case errors.As(err, &re):
		fmt.Fprintf(std.err, "sokbo: %v\n", err) // "reading the offline cache: …"
		return 1
	}
	fmt.Fprintf(std.err, "sokbo: writing output: %v\n", err)
	return 1
}
