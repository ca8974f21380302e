package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/feed/search"
	"sokbo/render"
	"sokbo/render/lang"
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
// N<TAB>date<TAB>title<TAB>link, the title an untitled item's first words.
func appendListLine(line []byte, n int, e *library.Entry) []byte {
	it := e.Item
	line = strconv.AppendInt(line, int64(n), 10)
	line = append(line, '\t')
	if !it.Published.IsZero() {
		line = render.AppendDate(line, it.Published, time.Local)
	}
	line = append(line, '\t')
	line = append(line, e.Headline()...)
	line = append(line, '\t')
	line = append(line, clean.URL(it.Link)...)
	return append(line, '\n')
}

// search is `sokbo search QUERY [SOURCE...]`: the items of the sources
// (default: the subscriptions) that the query matches, newest first, in
// list's format, each with its N among all the items, unfolded, which it
// keeps as list does, so that `sokbo read N` opens it.
func (c *command) search(a *app) int {
	std := a.std
	ctx := a.context()
	q, err := a.lib.ParseQuery(c.args[0], false)
	if err != nil {
		a.say(a.lang.SearchProblem(library.Cause(a.lang, err)))
		return 2
	}
	src, err := a.lib.Sources(ctx, c.args[1:])
	if err != nil {
		a.fail(err)
		return 1
	}
	out := bufio.NewWriterSize(a.out, 64<<10)
	enc := json.NewEncoder(jsonWriter{out})
	enc.SetEscapeHTML(false)
	var line []byte
	found := 0
	problems, err := a.lib.EachMatch(ctx, src, q, func(n int, e *library.Entry) error {
		found++
		if c.json {
			if err := enc.Encode(listEntry{N: n, itemEntry: markedEntryOf(e, e.Item), Body: bodyOf(e)}); err != nil {
				return err
			}
		} else {
			if w := a.rowWidth(); w > 0 {
				line = append(append(line[:0], render.HeadlineRow(strconv.Itoa(n), dateOf(e), e.Headline(), clean.URL(e.Link), w)...), '\n')
			} else {
				line = appendListLine(line[:0], n, e)
			}
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
		return a.writeFailed(err)
	}
	// Matches exit 0 though a source could not be read (said above):
	// a script tells "no match" apart from a broken feed beside matches.
	if found == 0 {
		if std.outTTY && complete {
			a.say(a.lang.NothingMatches(describeQuery(q)))
		}
		return 1
	}
	return 0
}

// errLimit ends a search at --limit.
var errLimit = errors.New("limit reached")

// describeQuery quotes a query for a message.
func describeQuery(q *search.Query) string { return strconv.Quote(clean.OneLine(q.String())) }

// newSearchCmd is `sokbo search`.
func newSearchCmd(c *command, runWith func(string, func(*command, *app) int) func(*cobra.Command, []string) error, l lang.Lang) *cobra.Command {
	h := l.SearchHelp()
	cmd := &cobra.Command{
		Use:     "search QUERY [SOURCE...]",
		Short:   h.Short,
		Long:    h.Long,
		Example: h.Example,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return &usageErr{msg: l.TakesArgs("search"), cmd: cmd}
			case c.limit < 0:
				return &usageErr{msg: l.LimitAtLeast(c.limit), cmd: cmd}
			}
			return nil
		},
		RunE: runWith("search", (*command).search),
	}
	cmd.Flags().BoolVar(&c.json, "json", false, l.FlagUsage("json"))
	cmd.Flags().IntVar(&c.limit, "limit", 0, l.FlagUsage("limit"))
	return cmd
}
