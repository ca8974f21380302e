package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/feed/search"
	"sokbo/render"
)

// markedEntryOf is an item's metadata as JSON with what the library knows
// of it: its marks, its feed's name and its feed's tags.
func markedEntryOf(e *library.Entry, it *feed.Item) itemEntry {
	out := entryOf(it)
	out.Read, out.Starred, out.Feed = e.Read, e.Starred, e.FeedName
	out.Tags = e.Tags
	if out.Tags == nil {
		out.Tags = []string{}
	}
	return out
}

// appendListLine appends one line of list's plain format for entry n:
// N<TAB>date<TAB>title<TAB>link.
func appendListLine(line []byte, n int, it *feed.Item) []byte {
	line = strconv.AppendInt(line, int64(n), 10)
	line = append(line, '\t')
	if !it.Published.IsZero() {
		line = render.AppendDate(line, it.Published, time.Local)
	}
	line = append(line, '\t')
	line = append(line, it.Title...)
	line = append(line, '\t')
	line = append(line, it.Link...)
	return append(line, '\n')
}

// search is `sokbo search QUERY [SOURCE...]`: the items of the sources
// (default: the subscriptions) that the query matches, newest first, in
// list's format, each with its N among all the items, unfolded, which it
// keeps as list does, so that `sokbo read N` opens it.
func (c *command) search(a *app) int {
	std := a.std
	ctx := context.Background()
	q, err := a.lib.ParseQuery(c.args[0], false)
	if err != nil {
		fmt.Fprintf(std.err, "sokbo: search: %s\n", clean.OneLine(err.Error()))
		return 2
	}
	src, err := a.lib.Sources(ctx, c.args[1:])
	if err != nil {
		fmt.Fprintf(std.err, "sokbo: %v\n", err)
		return 1
	}
	out := bufio.NewWriterSize(a.out, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var line []byte
	found := 0
	problems, err := a.lib.EachMatch(ctx, src, q, func(n int, e *library.Entry) error {
		found++
		if c.json {
			if err := enc.Encode(listEntry{N: n, itemEntry: markedEntryOf(e, e.Item)}); err != nil {
				return err
			}
		} else {
			line = appendListLine(line[:0], n, e.Item)
			if _, err := out.Write(line); err != nil {
				return err
			}
		}
		if c.limit > 0 && found == c.limit {
			return errLimit
		}
		return nil
	})
	if errors.Is(err, errLimit) {
		err = nil
	}
	if err == nil {
		err = out.Flush()
	}
	complete := a.report(problems)
	if err != nil {
		return writeFailed(std, err)
	}
	switch {
	case !complete:
		return 1
	case found == 0:
		if std.outTTY {
			fmt.Fprintf(std.err, "sokbo: nothing matches %s\n", describeQuery(q))
		}
		return 1
	}
	return 0
}

// errLimit ends a search at --limit.
var errLimit = errors.New("limit reached")

// describeQuery quotes a query for a message.
func describeQuery(q *search.Query) string { return strconv.Quote(clean.OneLine(q.String())) }

const searchLong = `Prints the items of every SOURCE (default: the subscriptions) that QUERY
matches, newest first, in list's format: N<TAB>YYYY-MM-DD HH:MM<TAB>title<TAB>link,
where N is the item's number among all the items, each on its own row;
sokbo read N opens it until the next list or search. With
--json, one JSON object per line. Exits 1 when nothing matches.

QUERY is one argument (quote it) in the query language of the reader's /,
saved views and mute rules:
  북한 미사일        both words, in the title, summary or body
  "국회 의장"        a phrase
  ㅂㅎ  국ㅎ의장     initial consonants (초성), alone or mixed
  -속보              not this word, phrase or filter
  feed:연합  tag:경제  is:unread  is:read  is:starred
  after:2024-07-01  before:2024-07-31  within:6h (m, h, d, w; 분, 시간, 일, 주)`

// newSearchCmd is `sokbo search`.
func newSearchCmd(c *command, runWith func(string, func(*command, *app) int) func(*cobra.Command, []string) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "search QUERY [SOURCE...]",
		Short: "Print the items a query matches, in list's format",
		Long:  searchLong,
		Example: `  sokbo search 북한
  sokbo search 'ㄱㅎ is:unread within:24h' --json
  sokbo search '"집중 호우" -속보' testdata/atom.xml`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return &usageErr{msg: "search takes a QUERY", cmd: cmd}
			case c.limit < 0:
				return &usageErr{msg: fmt.Sprintf("--limit %d: want 0 (all) or more", c.limit), cmd: cmd}
			}
			return nil
		},
		RunE: runWith("search", (*command).search),
	}
	cmd.Flags().BoolVar(&c.json, "json", false, "one JSON object per line")
	cmd.Flags().IntVar(&c.limit, "limit", 0, "at most this many matches, the newest (0: all)")
	return cmd
}
