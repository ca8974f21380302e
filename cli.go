package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render"
)

// streams are the process's standard streams and what is known about the
// terminal behind stdout, injectable for tests.
type streams struct {
	in       io.Reader
	out, err io.Writer
	// outTTY says stdout is a terminal; width is its width in cells, or 0.
	outTTY bool
	width  int
	env    func(string) string
	// setWide switches the ambiguous-width mode of the process (by
	// re-executing it) and reports a failure; nil in tests.
	setWide func(wide bool) (failed bool)
}

func systemStreams() *streams {
	s := &streams{in: os.Stdin, out: os.Stdout, err: os.Stderr, env: os.Getenv, setWide: reexecForAmbiguous}
	if term.IsTerminal(os.Stdout.Fd()) {
		s.outTTY = true
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil {
			s.width = w
		}
	}
	return s
}

// globalFlags are accepted by every command.
type globalFlags struct {
	style     string // auto, dark, light or plain; "" means not given
	ambiguous string // auto, narrow or wide; "" means not given
	offline   bool   // read the cache only
	db        string // the cache's path; "" means the default
	config    string // the config file's path; "" means the default
	version   bool
}

// command is a parsed command line.
type command struct {
	name     string // "", "list", "read", "refresh", "feeds", "import" or "export"
	sub      string // feeds: "add", "rm" or "ls"
	feedName string // feeds add --name
	global   globalFlags
	json     bool   // list --json
	format   string // read --format
	width    int    // read --width
	args     []string
	help     bool
	usage    string
}

type usageErr struct {
	msg   string
	usage string
}

func (e *usageErr) Error() string { return e.msg }

const (
	rootUsage = `usage: sokbo [flags] [SOURCE...]
       sokbo list [--json] [flags] [SOURCE...]
       sokbo read [--format auto|markdown|text|ansi|json] [--width N] [flags] [SOURCE [ITEM]]
       sokbo refresh [flags]
       sokbo feeds ls | add URL [--name N] | rm URL|NAME
       sokbo import FILE.opml
       sokbo export

sokbo opens the interactive reader on a terminal and prints the headline
list when stdout is not one. A SOURCE is an http(s) URL, a feed file (RSS,
Atom, JSON Feed), a post file or a folder of posts. With no SOURCE, sokbo
reads your subscriptions (newsdao.kr until you add any). URLs are kept in
an offline cache.

commands:
  list     print one headline per line: N, date, title, link
  read     print one article (ITEM is N from list, an ID or a link; default 1)
  refresh  fetch every subscription into the cache, one line per feed
  feeds    list, add or remove subscriptions
  import   subscribe to the feeds of an OPML file
  export   print the subscriptions as OPML 2.0

flags:
  --offline                       read the cache only; fetch nothing
  --db PATH                       the offline cache (default $XDG_DATA_HOME/sokbo/sokbo.db)
  --config PATH                   the config file (default $XDG_CONFIG_HOME/sokbo/config.toml)
  --style auto|dark|light|plain   colours of the reader and of ansi output (default auto)
  --ambiguous auto|narrow|wide    width of East Asian ambiguous characters such as · … ※ ○
                                  (default auto: wide in ko, ja and zh locales; env SOKBO_AMBIGUOUS)
  --version                       print the version
  -h, --help                      show help`
	listUsage = `usage: sokbo list [--json] [flags] [SOURCE...]

Prints the headlines of every SOURCE (default: the subscriptions) merged,
newest first, one per line: N<TAB>YYYY-MM-DD HH:MM<TAB>title<TAB>link
(local time; the date is empty when the source gives none). With --json,
one JSON object per line. A URL that cannot be fetched falls back to the
cache with a note on stderr.

flags:
  --json                          one JSON object per line
  --offline, --db, --config, --style, --ambiguous   as for sokbo (see sokbo --help)`
	readUsage = `usage: sokbo read [--format F] [--width N] [flags] [SOURCE [ITEM]]

Prints one article. ITEM is the N printed by sokbo list, the item's ID or
its link, and defaults to 1, the newest.

flags:
  --format auto|markdown|text|ansi|json
        auto: ansi on a terminal, markdown when piped (default auto)
        markdown: YAML front matter and the Markdown body, itself a post
        text: plain text wrapped to the width, no escape codes
        ansi: styled for the terminal
        json: one object with the metadata and the Markdown
  --width N    wrap width in cells (default: the terminal's, or 80)
  --offline, --db, --config, --style, --ambiguous   as for sokbo (see sokbo --help)`
	refreshUsage = `usage: sokbo refresh [flags]

Fetches every subscription into the offline cache, four at a time, with
conditional GET, and prints one line per feed. Exits 1 when every feed
failed. Suits cron.

flags:
  --db, --config   as for sokbo (see sokbo --help)`
	feedsUsage = `usage: sokbo feeds ls
       sokbo feeds add URL [--name NAME]
       sokbo feeds rm URL|NAME

Lists, adds or removes subscriptions. Feeds listed in the config file are
subscriptions too; remove those from the file.

flags:
  --name NAME      the name shown for the feed (feeds add)
  --db, --config   as for sokbo (see sokbo --help)`
	importUsage = `usage: sokbo import FILE.opml

Subscribes to every http(s) feed of an OPML file. Entries that would run a
command (exec:, filter:) or read a local file are refused and named.

flags:
  --db, --config   as for sokbo (see sokbo --help)`
	exportUsage = `usage: sokbo export

Prints the subscriptions as OPML 2.0.

flags:
  --db, --config   as for sokbo (see sokbo --help)`
)

// parseArgs parses a command line. Flags may stand before or after the
// positional arguments.
func parseArgs(args []string) (*command, error) {
	c := &command{usage: rootUsage}
	usages := map[string]string{"list": listUsage, "read": readUsage, "refresh": refreshUsage,
		"feeds": feedsUsage, "import": importUsage, "export": exportUsage}
	// The command is the first argument that is not a flag, so global
	// flags may come before it: sokbo --db x.db refresh.
	if i := firstPositional(args); i >= 0 {
		if _, ok := usages[args[i]]; ok || args[i] == "help" {
			args = append(append([]string{args[i]}, args[:i]...), args[i+1:]...)
		}
	}
	if len(args) > 0 {
		if u, ok := usages[args[0]]; ok {
			c.name, c.usage, args = args[0], u, args[1:]
		} else if args[0] == "help" {
			c.help = true
			if len(args) > 1 {
				if u, ok := usages[args[1]]; ok {
					c.usage = u
				}
			}
			return c, nil
		}
	}
	fs := flag.NewFlagSet("sokbo "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.global.style, "style", "", "")
	fs.StringVar(&c.global.ambiguous, "ambiguous", "", "")
	fs.BoolVar(&c.global.offline, "offline", false, "")
	fs.StringVar(&c.global.db, "db", "", "")
	fs.StringVar(&c.global.config, "config", "", "")
	fs.BoolVar(&c.global.version, "version", false, "")
	switch c.name {
	case "list":
		fs.BoolVar(&c.json, "json", false, "")
	case "read":
		fs.StringVar(&c.format, "format", "auto", "")
		fs.IntVar(&c.width, "width", 0, "")
	case "feeds":
		fs.StringVar(&c.feedName, "name", "", "")
	}
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			c.help = true
			return c, nil
		}
		if err != nil {
			return nil, &usageErr{msg: flagMessage(err), usage: c.usage}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		c.args = append(c.args, args[0])
		args = args[1:]
	}
	if c.global.style != "" && !oneOf(c.global.style, "auto", "dark", "light", "plain") {
		return nil, &usageErr{msg: fmt.Sprintf("--style %q: want auto, dark, light or plain", c.global.style), usage: c.usage}
	}
	if c.global.ambiguous != "" && !oneOf(c.global.ambiguous, "auto", "narrow", "wide") {
		return nil, &usageErr{msg: fmt.Sprintf("--ambiguous %q: want auto, narrow or wide", c.global.ambiguous), usage: c.usage}
	}
	switch c.name {
	case "read":
		if !oneOf(c.format, "auto", "markdown", "md", "text", "ansi", "json") {
			return nil, &usageErr{msg: fmt.Sprintf("--format %q: want auto, markdown, text, ansi or json", c.format), usage: c.usage}
		}
		if c.width < 0 || (c.width > 0 && c.width < minWidth) {
			return nil, &usageErr{msg: fmt.Sprintf("--width %d: want at least %d", c.width, minWidth), usage: c.usage}
		}
		if len(c.args) > 2 {
			return nil, &usageErr{msg: "read takes one SOURCE and at most one ITEM", usage: c.usage}
		}
	case "refresh", "export":
		if len(c.args) > 0 {
			return nil, &usageErr{msg: c.name + " takes no arguments", usage: c.usage}
		}
	case "import":
		if len(c.args) != 1 {
			return nil, &usageErr{msg: "import takes one OPML file", usage: c.usage}
		}
	case "feeds":
		if len(c.args) == 0 {
			c.args = []string{"ls"}
		}
		c.sub, c.args = c.args[0], c.args[1:]
		switch {
		case c.sub == "ls" && len(c.args) == 0:
		case c.sub == "add" && len(c.args) == 1:
		case c.sub == "rm" && len(c.args) == 1:
		default:
			return nil, &usageErr{msg: "feeds takes ls, add URL or rm URL|NAME", usage: c.usage}
		}
	}
	return c, nil
}

// minWidth is the narrowest --width: below it a line holds a word or two.
const minWidth = 20

// valueFlags are the flags that take a value as the next argument.
var valueFlags = map[string]bool{"style": true, "ambiguous": true, "db": true, "config": true,
	"format": true, "width": true, "name": true}

// firstPositional returns the index of the first argument that is neither
// a flag nor a flag's value, or -1.
func firstPositional(args []string) int {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			if i+1 < len(args) {
				return i + 1
			}
			return -1
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return i
		}
		name := strings.TrimLeft(a, "-")
		if valueFlags[name] && !strings.Contains(name, "=") {
			i++ // skip the value
		}
	}
	return -1
}

func oneOf(s string, choices ...string) bool {
	for _, c := range choices {
		if s == c {
			return true
		}
	}
	return false
}

// flagMessages rewrites the flag package's errors, which name a flag with
// one dash ("-width"), in the form the usage and the README use.
var flagMessages = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "unknown flag --$1"},
	{regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*): .*$`), "--$2=$1: not a valid value"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "--$1 needs a value"},
}

func flagMessage(err error) string {
	msg := err.Error()
	for _, m := range flagMessages {
		if m.re.MatchString(msg) {
			return m.re.ReplaceAllString(msg, m.with)
		}
	}
	return msg
}

func usageError(std *streams, err error) int {
	var ue *usageErr
	if errors.As(err, &ue) {
		fmt.Fprintf(std.err, "sokbo: %s\n", ue.msg)
		fmt.Fprintf(std.err, "%s\n", strings.SplitN(ue.usage, "\n\n", 2)[0])
		return 2
	}
	fmt.Fprintf(std.err, "sokbo: %v\n", err)
	return 2
}

func (c *command) run(a *app) int {
	std := a.std
	switch {
	case c.help:
		fmt.Fprintln(std.out, c.usage)
		return 0
	case c.global.version:
		fmt.Fprintf(std.out, "sokbo %s\n", version)
		return 0
	}
	defer a.close()
	switch c.name {
	case "list":
		return c.list(a)
	case "read":
		return c.read(a)
	case "refresh":
		return c.refreshAll(a)
	case "feeds":
		return c.feeds(a)
	case "import":
		return c.importOPML(a)
	case "export":
		return c.exportOPML(a)
	}
	if w := mistypedCommand(c.args); w != "" {
		return usageError(std, &usageErr{
			msg:   fmt.Sprintf("%s: no such command or file (the commands are list, read, refresh, feeds, import and export)", w),
			usage: c.usage,
		})
	}
	if !std.outTTY {
		return c.list(a)
	}
	return c.tui(a)
}

// mistypedCommand returns the first source when it is a word of
// lower-case letters that names no file ("sokbo lsit"): more likely a
// mistyped command than a source, and worth saying so.
func mistypedCommand(args []string) string {
	if len(args) == 0 {
		return ""
	}
	w := args[0]
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	if _, err := os.Stat(w); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	return w
}

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
	out := bufio.NewWriterSize(std.out, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var line []byte
	n := 0
	problems, err := a.lib.Each(ctx, src, func(e *library.Entry) error {
		n++
		it := e.Item
		if c.json {
			return enc.Encode(listEntry{N: n, itemEntry: entryOf(it)})
		}
		line = strconv.AppendInt(line[:0], int64(n), 10)
		line = append(line, '\t')
		if !it.Published.IsZero() {
			line = render.AppendDate(line, it.Published, time.Local)
		}
		line = append(line, '\t')
		line = append(line, it.Title...)
		line = append(line, '\t')
		line = append(line, it.Link...)
		line = append(line, '\n')
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
	if errors.Is(err, os.ErrClosed) || strings.Contains(err.Error(), "broken pipe") {
		return 0 // the reader went away, as `sokbo list | head` does
	}
	fmt.Fprintf(std.err, "sokbo: writing output: %v\n", err)
	return 1
}

// readEntry is the object printed by `sokbo read --format json`.
type readEntry struct {
	itemEntry
	Summary  string `json:"summary,omitempty"`
	Image    string `json:"image,omitempty"`
	Markdown string `json:"markdown"`
}

func (c *command) read(a *app) int {
	std := a.std
	ctx := context.Background()
	key, args := "1", c.args
	switch {
	case len(args) > 1:
		key, args = args[1], args[:1]
	case len(args) == 1 && a.lib.IsItemRef(ctx, args[0]):
		// `sokbo read 3` or `sokbo read LINK` after `sokbo list`: an item
		// of the subscriptions, not a source.
		key, args = args[0], nil
	}
	name := "your subscriptions"
	if len(args) > 0 {
		name = args[0]
	}
	src, err := a.lib.Sources(ctx, args)
	if err != nil {
		fmt.Fprintf(std.err, "sokbo: %v\n", err)
		return 1
	}
	e, problems, err := a.lib.Find(ctx, src, key)
	a.report(problems)
	if e == nil && err == nil {
		return 1 // the source's error is already said
	}
	if err != nil {
		fmt.Fprintf(std.err, "sokbo: %s: %v\n", name, err)
		return 1
	}
	it, md, err := a.lib.Article(ctx, e)
	if err != nil {
		fmt.Fprintf(std.err, "sokbo: %s: %v\n", name, err)
		return 1
	}

	format := c.format
	if format == "auto" {
		format = "markdown"
		if std.outTTY {
			format = "ansi"
		}
	}
	var out string
	switch format {
	case "markdown", "md":
		var b strings.Builder
		if err := feed.WritePost(&b, it, md); err != nil {
			fmt.Fprintf(std.err, "sokbo: %s: %v\n", name, err)
			return 1
		}
		out = b.String()
	case "json":
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // R&D, not R\u0026D
		enc.SetIndent("", "  ")
		if err := enc.Encode(readEntry{itemEntry: entryOf(it), Summary: it.Summary, Image: it.Image, Markdown: md}); err != nil {
			fmt.Fprintf(std.err, "sokbo: %s: %v\n", name, err)
			return 1
		}
		out = b.String()
	default: // text, ansi
		style := render.StylePlain
		if format == "ansi" {
			style = c.colorStyle(std)
		}
		// --width is taken as given; the terminal's width is capped like
		// the reader's, and a pipe gets 80.
		width := c.width
		if width == 0 {
			width = min(std.width, render.ReadingWidth)
		}
		if width <= 0 {
			width = 80
		}
		out, err = render.Page(render.ArticleDoc(it, md, time.Local), width, style)
		if err != nil {
			fmt.Fprintf(std.err, "sokbo: %s: %v\n", name, err)
			return 1
		}
	}
	if _, err := std.out.Write([]byte(out)); err != nil {
		return writeFailed(std, err)
	}
	return 0
}

// colorStyle resolves --style (or the config's style) for coloured
// output. NO_COLOR always wins.
func (c *command) colorStyle(std *streams) render.Style {
	if std.env("NO_COLOR") != "" {
		return render.StylePlain
	}
	switch c.global.style {
	case "dark":
		return render.StyleDark
	case "light":
		return render.StyleLight
	case "plain":
		return render.StylePlain
	}
	// auto: ask the terminal for its background, as the reader does.
	if std.outTTY && !lipgloss.HasDarkBackground(os.Stdin, os.Stdout) {
		return render.StyleLight
	}
	return render.StyleDark
}
