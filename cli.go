package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"sokbo/feed/clean"
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
	height int // the terminal's height in lines, or 0
	env    func(string) string
	// probe asks the terminal behind stdout how wide it draws the
	// characters terminals disagree on (render.ProbeTerminal); nil when
	// there is none to ask, as in tests.
	probe func() (render.ProbeResult, error)
}

func systemStreams() *streams {
	s := &streams{in: os.Stdin, out: os.Stdout, err: os.Stderr, env: os.Getenv}
	if term.IsTerminal(os.Stdout.Fd()) {
		s.outTTY = true
		s.probe = func() (render.ProbeResult, error) {
			return render.ProbeTTY(os.Stdin, os.Stdout, render.ProbeTimeout)
		}
		if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil {
			s.width, s.height = w, h
		}
	}
	return s
}

// command is one parsed command line: which command, its arguments, and
// the flags that belong to it. The global flags are in global.
type command struct {
	name     string // "", "list", "read", "refresh", "feeds", "import" or "export"
	sub      string // feeds: "add", "rm", "rename" or "ls"
	feedName string // feeds add --name
	force    bool   // feeds add --force
	global   flagValues
	json     bool   // list --json, search --json
	limit    int    // search --limit
	format   string // read --format
	width    int    // read --width
	full     bool   // read --full
	noPager  bool   // read --no-pager
	fetchAll bool   // list, read --refresh
	noGroup  bool   // list, watch --no-group
	watch    watchFlags
	args     []string
}

// usageErr is a command line sokbo cannot run: exit status 2, the message
// and the command's usage line.
type usageErr struct {
	msg string
	cmd *cobra.Command
}

func (e *usageErr) Error() string { return e.msg }

// exitStatus is a command that failed after saying why on stderr.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// minWidth is the narrowest --width: below it a line holds a word or two.
const minWidth = 20

const rootLong = `sokbo (속보) is a terminal news reader for Korean breaking news.

It opens the interactive reader on a terminal and prints the headline list
when stdout is not one. A SOURCE is an http(s) URL, a feed file (RSS, Atom,
JSON Feed), a post file or a folder of posts. With no SOURCE, sokbo reads
your subscriptions (newsdao.kr until you add any). URLs are kept in an
offline cache.`

// newRootCmd builds the command tree for one run. Every command runs its
// method of c on the app made from the settings; run gives the exit status.
func newRootCmd(ctx context.Context, std *streams, c *command) *cobra.Command {
	root := &cobra.Command{
		Use:   "sokbo [SOURCE...]",
		Short: "A terminal news reader for Korean breaking news",
		Long:  rootLong,
		Example: `  # Your subscriptions, in the reader:
  sokbo
  # A feed file:
  sokbo testdata/atom.xml
  # The newest headlines, then the third one's article as text:
  sokbo list | head
  sokbo read 3 --format text`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	root.SetIn(std.in)
	root.SetOut(std.out)
	root.SetErr(std.err)
	root.SetVersionTemplate("sokbo {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageErr{msg: flagMessage(err), cmd: cmd}
	})
	// A mistyped flag is a usage error wherever it stands.
	root.FParseErrWhitelist.UnknownFlags = false

	gf := root.PersistentFlags()
	gf.BoolVar(&c.global.offline, "offline", false, "read the cache only; fetch nothing")
	gf.StringVar(&c.global.db, "db", "", "the offline cache (default $XDG_DATA_HOME/sokbo/sokbo.db)")
	gf.StringVar(&c.global.config, "config", "", "the config file (default $XDG_CONFIG_HOME/sokbo/config.toml)")
	gf.Var(&choiceValue{&c.global.style, []string{"auto", "dark", "light", "plain"}}, "style", "colours of the reader and of ansi output: auto, dark, light or plain")
	gf.Var(&choiceValue{&c.global.ambiguous, []string{"auto", "narrow", "wide"}}, "ambiguous", "width of East Asian ambiguous characters such as · … ※ ○: auto, narrow or wide (env SOKBO_AMBIGUOUS)")

	// runWith makes a command's RunE: settings, the app, then the command.
	runWith := func(name string, fn func(c *command, a *app) int) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			c.name, c.args = name, args
			s, err := loadSettings(c.global, std.env)
			if err != nil {
				var ue *usageErr
				if errors.As(err, &ue) {
					ue.cmd = cmd
				}
				return err
			}
			if c.fetchAll && s.offline {
				return &usageErr{msg: "--refresh fetches; --offline fetches nothing", cmd: cmd}
			}
			a := newApp(ctx, std, c, s)
			defer a.close()
			if status := fn(c, a); status != 0 {
				return exitStatus(status)
			}
			return nil
		}
	}

	root.RunE = func(cmd *cobra.Command, args []string) error {
		if w := mistypedCommand(args); w != "" {
			return &usageErr{msg: fmt.Sprintf("%s: no such command or file (the commands are list, read, search, watch, refresh, feeds, import and export)", clean.OneLine(w)), cmd: cmd}
		}
		name := ""
		if !std.outTTY {
			name = "list"
		}
		return runWith(name, func(c *command, a *app) int {
			if !std.outTTY {
				return c.list(a)
			}
			return c.tui(a)
		})(cmd, args)
	}

	list := &cobra.Command{
		Use:   "list [SOURCE...]",
		Short: "Print one headline per line: N, date, title, link",
		Long: `Prints the headlines of every SOURCE (default: the subscriptions) merged,
newest first, one per line: N<TAB>YYYY-MM-DD HH:MM<TAB>title<TAB>link
(local time; the date is empty when the source gives none). With --json,
one JSON object per line. A URL that cannot be fetched falls back to the
cache with a note on stderr.`,
		Args: cobra.ArbitraryArgs,
		RunE: runWith("list", (*command).list),
	}
	list.Flags().BoolVar(&c.json, "json", false, "one JSON object per line")
	list.Flags().BoolVar(&c.noGroup, "no-group", false, "one row per item: fold no story from several outlets into one row")
	list.Flags().BoolVar(&c.fetchAll, "refresh", false, "fetch every feed first, due or not")

	read := &cobra.Command{
		Use:   "read [SOURCE [ITEM]]",
		Short: "Print one article (ITEM is N from list, an ID or a link; default 1)",
		Long: `Prints one article. ITEM is the N printed by sokbo list, the item's ID or
its link, and defaults to 1, the newest.

Formats:
  auto      ansi on a terminal, markdown when piped (default)
  markdown  YAML front matter and the Markdown body, itself a post
  text      plain text wrapped to the width, no escape codes
  ansi      styled for the terminal
  json      one object with the metadata and the Markdown

An article whose full text was fetched (read --full, x in the reader, or a
feed with fulltext = true in the config) prints its full text; JSON says
which body it holds ("body": "feed" or "fulltext").`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 2 {
				return &usageErr{msg: "read takes one SOURCE and at most one ITEM", cmd: cmd}
			}
			switch {
			case c.width < 0 || (c.width > 0 && c.width < minWidth):
				return &usageErr{msg: fmt.Sprintf("--width %d: want at least %d", c.width, minWidth), cmd: cmd}
			}
			return nil
		},
		RunE: runWith("read", (*command).read),
	}
	read.Flags().Var(&choiceValue{&c.format, []string{"auto", "markdown", "md", "text", "ansi", "json"}}, "format", "auto, markdown, text, ansi or json")
	read.Flags().IntVar(&c.width, "width", 0, "wrap width in cells (default: the terminal's, or 80)")
	read.Flags().BoolVar(&c.noPager, "no-pager", false, "print straight to the terminal, never through $PAGER")
	read.Flags().BoolVar(&c.full, "full", false, "the full text from the article's page, fetched once and kept (--offline: only a kept one)")
	read.Flags().BoolVar(&c.fetchAll, "refresh", false, "fetch every feed first, due or not")
	c.format = "auto"

	refresh := &cobra.Command{
		Use:   "refresh",
		Short: "Fetch every subscription into the cache, one line per feed",
		Long: `Fetches every subscription into the offline cache, four at a time, with
conditional GET, and prints one line per feed. Exits 1 when every feed
failed. Suits cron.`,
		Args: noArgs,
		RunE: runWith("refresh", (*command).refreshAll),
	}

	feeds := &cobra.Command{
		Use:   "feeds",
		Short: "List, add, remove or rename subscriptions",
		Long: `Lists, adds, removes or renames subscriptions. Feeds listed in the config file are
subscriptions too; remove those from the file.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return &usageErr{msg: fmt.Sprintf("feeds %s: want ls, add URL, rm URL|NAME or rename URL|NAME NEWNAME", clean.OneLine(args[0])), cmd: cmd}
			}
			return nil
		},
		RunE: runWith("feeds", func(c *command, a *app) int { c.sub = "ls"; return c.feeds(a) }),
	}
	feedsLs := &cobra.Command{
		Use:   "ls",
		Short: "List the subscriptions with their counts, last fetch and status",
		Args:  noArgs,
		RunE:  runWith("feeds", func(c *command, a *app) int { c.sub = "ls"; return c.feeds(a) }),
	}
	feedsAdd := &cobra.Command{
		Use:   "add URL",
		Short: "Subscribe to a feed",
		Args:  exactArgs(1, "feeds add takes one URL"),
		RunE:  runWith("feeds", func(c *command, a *app) int { c.sub = "add"; return c.feeds(a) }),
	}
	feedsAdd.Flags().StringVar(&c.feedName, "name", "", "the name shown for the feed")
	feedsAdd.Flags().BoolVar(&c.force, "force", false, "subscribe even when the feed cannot be fetched now")
	feedsAdd.Long = feedsAddLong
	feedsRename := &cobra.Command{
		Use:   "rename URL|NAME NEWNAME",
		Short: "Give a subscription another name",
		Args:  exactArgs(2, "feeds rename takes a URL or NAME and the new name"),
		RunE:  runWith("feeds", func(c *command, a *app) int { c.sub = "rename"; return c.feeds(a) }),
	}
	feedsRm := &cobra.Command{
		Use:   "rm URL|NAME",
		Short: "Unsubscribe and drop the feed's cached items",
		Args:  exactArgs(1, "feeds rm takes one URL or NAME"),
		RunE:  runWith("feeds", func(c *command, a *app) int { c.sub = "rm"; return c.feeds(a) }),
	}
	feeds.AddCommand(feedsLs, feedsAdd, feedsRm, feedsRename)

	imp := &cobra.Command{
		Use:   "import FILE.opml",
		Short: "Subscribe to the feeds of an OPML file",
		Long: `Subscribes to every http(s) feed of an OPML file. Entries that would run a
command (exec:, filter:) or read a local file are refused and named.`,
		Args: exactArgs(1, "import takes one OPML file"),
		RunE: runWith("import", (*command).importOPML),
	}
	exp := &cobra.Command{
		Use:   "export",
		Short: "Print the subscriptions as OPML 2.0",
		Args:  noArgs,
		RunE:  runWith("export", (*command).exportOPML),
	}
	root.AddCommand(list, read, newSearchCmd(c, runWith), refresh, feeds, imp, exp, newWatchCmd(c, runWith))
	return root
}

// run is the whole program minus the process: it runs one command line and
// returns the exit status (0 ok, 1 runtime error, 2 usage error), and
// never lets a panic out as a stack trace.
func run(ctx context.Context, args []string, std *streams) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(std.err, "sokbo: internal error: %s\n", clean.OneLine(fmt.Sprint(r)))
			status = 1
		}
	}()
	// Every error, warning and note goes through one cleaning writer, so
	// no text from outside reaches the terminal raw, whatever path it took.
	cleaned := *std
	cleaned.err = clean.Writer(std.err)
	std = &cleaned
	root := newRootCmd(ctx, std, &command{})
	root.SetArgs(args)
	err := fang.Execute(ctx, root,
		fang.WithVersion(version),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) { reportError(w, err) }),
	)
	var es exitStatus
	var ue *usageErr
	switch {
	case err == nil:
		return 0
	case errors.As(err, &es):
		return int(es)
	case errors.As(err, &ue):
		return 2
	case errors.As(err, new(*configError)):
		return 1
	case isCobraUsage(err):
		return 2
	}
	return 1
}

// reportError writes a failed command line's error: one line, with the
// usage line after a usage error. A command that failed has said why.
func reportError(w io.Writer, err error) {
	var es exitStatus
	var ue *usageErr
	switch {
	case errors.As(err, &es):
	case errors.As(err, &ue):
		fmt.Fprintf(w, "sokbo: %s\n", clean.OneLine(ue.msg))
		if ue.cmd != nil {
			fmt.Fprintf(w, "usage: %s (see %s --help)\n", ue.cmd.UseLine(), ue.cmd.CommandPath())
		}
	default:
		fmt.Fprintf(w, "sokbo: %s\n", clean.OneLine(flagMessage(err)))
	}
}

// isCobraUsage reports whether err is cobra's own word for a bad command
// line (too many arguments, an unknown subcommand).
func isCobraUsage(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "accepts ") ||
		strings.Contains(msg, "unknown flag") || strings.Contains(msg, "flag needs an argument")
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageErr{msg: cmd.Name() + " takes no arguments", cmd: cmd}
	}
	return nil
}

func exactArgs(n int, msg string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return &usageErr{msg: msg, cmd: cmd}
		}
		return nil
	}
}

// choiceValue is a string flag that takes one of a few words.
type choiceValue struct {
	value   *string
	choices []string
}

func (v *choiceValue) String() string { return *v.value }
func (v *choiceValue) Type() string   { return "string" }

func (v *choiceValue) Set(s string) error {
	for _, c := range v.choices {
		if s == c {
			*v.value = s
			return nil
		}
	}
	return fmt.Errorf("want %s", orList(v.choices))
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

var _ pflag.Value = (*choiceValue)(nil)

// flagMessages rewrites the flag package's errors in the form the usage
// and the README use.
var flagMessages = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`^unknown flag: (--?\S+)$`), "unknown flag $1"},
	{regexp.MustCompile(`^unknown shorthand flag: '(.)' in .*$`), "unknown flag -$1"},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(--[^"]+)" flag: want (.*)$`), `$2 "$1": want $3`},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(--[^"]+)" flag: .*$`), "$2=$1: not a valid value"},
	{regexp.MustCompile(`^flag needs an argument: (?:'.' in -.|(--\S+))$`), "$1 needs a value"},
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
