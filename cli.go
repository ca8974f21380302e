package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"sokbo/feed/clean"
	"sokbo/render"
	"sokbo/render/lang"
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
	nameSet  bool   // feeds add --name was given, perhaps empty
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

// newRootCmd builds the command tree for one run. Every command runs its
// method of c on the app made from the settings; run gives the exit status.
func newRootCmd(ctx context.Context, std *streams, c *command, l lang.Lang) *cobra.Command {
	h := l.RootHelp()
	root := &cobra.Command{
		Use:               "sokbo [SOURCE...]",
		Short:             h.Short,
		Long:              h.Long,
		Example:           h.Example,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	root.SetIn(std.in)
	root.SetOut(std.out)
	root.SetErr(std.err)
	root.SetVersionTemplate("sokbo {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageErr{msg: flagMessage(l, err), cmd: cmd}
	})
	// A mistyped flag is a usage error wherever it stands.
	root.FParseErrWhitelist.UnknownFlags = false

	use := l.FlagUsage
	gf := root.PersistentFlags()
	gf.Var(&choiceValue{&c.global.lang, []string{"ko", "en"}, l}, "lang", use("lang"))
	gf.BoolVar(&c.global.offline, "offline", false, use("offline"))
	gf.StringVar(&c.global.db, "db", "", use("db"))
	gf.StringVar(&c.global.config, "config", "", use("config"))
	gf.Var(&choiceValue{&c.global.style, []string{"auto", "dark", "light", "plain"}, l}, "style", use("style"))
	gf.Var(&choiceValue{&c.global.ambiguous, []string{"auto", "narrow", "wide"}, l}, "ambiguous", use("ambiguous"))

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
				return &usageErr{msg: s.lang.RefreshOffline(), cmd: cmd}
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
			// As git and cobra do: a word within two edits of a command
			// (or the start of one) is likely that command.
			if near := commandsNear(cmd, w); len(near) > 0 {
				return &usageErr{msg: l.NoSuchCommandNear(clean.OneLine(w), near), cmd: cmd}
			}
			return &usageErr{msg: l.NoSuchCommand(clean.OneLine(w)), cmd: cmd}
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

	h = l.ListHelp()
	list := &cobra.Command{
		Use:   "list [SOURCE...]",
		Short: h.Short,
		Long:  h.Long,
		Args:  cobra.ArbitraryArgs,
		RunE:  runWith("list", (*command).list),
	}
	list.Flags().BoolVar(&c.json, "json", false, use("json"))
	list.Flags().BoolVar(&c.noGroup, "no-group", false, use("no-group"))
	list.Flags().BoolVar(&c.fetchAll, "refresh", false, use("refresh"))

	h = l.ReadHelp()
	read := &cobra.Command{
		Use:   "read [SOURCE [ITEM]]",
		Short: h.Short,
		Long:  h.Long,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 2 {
				return &usageErr{msg: l.ReadArgs(), cmd: cmd}
			}
			// A --width given is at least minWidth, 0 too, as the help
			// says; the default is the flag left out.
			if cmd.Flags().Changed("width") && c.width < minWidth {
				return &usageErr{msg: l.WidthAtLeast(c.width, minWidth), cmd: cmd}
			}
			return nil
		},
		RunE: runWith("read", (*command).read),
	}
	read.Flags().Var(&choiceValue{&c.format, []string{"auto", "markdown", "md", "text", "ansi", "json"}, l}, "format", use("format"))
	read.Flags().IntVar(&c.width, "width", 0, use("width"))
	read.Flags().BoolVar(&c.noPager, "no-pager", false, use("no-pager"))
	read.Flags().BoolVar(&c.full, "full", false, use("full"))
	read.Flags().BoolVar(&c.fetchAll, "refresh", false, use("refresh"))
	c.format = "auto"

	h = l.RefreshHelp()
	refresh := &cobra.Command{
		Use:   "refresh",
		Short: h.Short,
		Long:  h.Long,
		Args:  noArgs(l),
		RunE:  runWith("refresh", (*command).refreshAll),
	}

	h = l.FeedsHelp()
	feeds := &cobra.Command{
		Use:   "feeds",
		Short: h.Short,
		Long:  h.Long,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			// A word that is none of feeds' commands is, as at the top, a
			// mistyped one when it is close to one.
			if near := commandsNear(cmd, args[0]); len(near) > 0 {
				return &usageErr{msg: l.FeedsArgsNear(clean.Name(args[0]), near), cmd: cmd}
			}
			return &usageErr{msg: l.FeedsArgs(clean.Name(args[0])), cmd: cmd}
		},
		SuggestionsMinimumDistance: 2,
		RunE:                       runWith("feeds", func(c *command, a *app) int { c.sub = "ls"; return c.feeds(a) }),
	}
	feedsLs := &cobra.Command{
		Use:        "ls",
		Short:      l.FeedsLsHelp().Short,
		SuggestFor: []string{"list"},
		Args:       noArgs(l),
		RunE:       runWith("feeds", func(c *command, a *app) int { c.sub = "ls"; return c.feeds(a) }),
	}
	h = l.FeedsAddHelp()
	feedsAdd := &cobra.Command{
		Use:   "add URL",
		Short: h.Short,
		Long:  h.Long,
		Args:  exactArgs(1, l.TakesArgs("feeds add")),
	}
	addRun := runWith("feeds", func(c *command, a *app) int { c.sub = "add"; return c.feeds(a) })
	feedsAdd.RunE = func(cmd *cobra.Command, args []string) error {
		// --name "" is a name given, and refused; no --name keeps the
		// feed's title.
		c.nameSet = cmd.Flags().Changed("name")
		return addRun(cmd, args)
	}
	feedsAdd.Flags().StringVar(&c.feedName, "name", "", use("name"))
	feedsAdd.Flags().BoolVar(&c.force, "force", false, use("force"))
	feedsRename := &cobra.Command{
		Use:        "rename URL|NAME NEWNAME",
		Short:      l.FeedsRenameHelp().Short,
		SuggestFor: []string{"mv"},
		Args:       exactArgs(2, l.TakesArgs("feeds rename")),
		RunE:       runWith("feeds", func(c *command, a *app) int { c.sub = "rename"; return c.feeds(a) }),
	}
	feedsRm := &cobra.Command{
		Use:        "rm URL|NAME",
		Short:      l.FeedsRmHelp().Short,
		SuggestFor: []string{"remove", "delete", "del"},
		Args:       exactArgs(1, l.TakesArgs("feeds rm")),
		RunE:       runWith("feeds", func(c *command, a *app) int { c.sub = "rm"; return c.feeds(a) }),
	}
	feeds.AddCommand(feedsLs, feedsAdd, feedsRm, feedsRename)

	h = l.ImportHelp()
	imp := &cobra.Command{
		Use:   "import FILE.opml",
		Short: h.Short,
		Long:  h.Long,
		Args:  exactArgs(1, l.TakesArgs("import")),
		RunE:  runWith("import", (*command).importOPML),
	}
	exp := &cobra.Command{
		Use:   "export",
		Short: l.ExportHelp().Short,
		Args:  noArgs(l),
		RunE:  runWith("export", (*command).exportOPML),
	}
	root.AddCommand(list, read, newSearchCmd(c, runWith, l), refresh, feeds, imp, exp, newWatchCmd(c, runWith, l), newManCmd(l))
	localizeCobra(root, l)
	return root
}

// run is the whole program minus the process: it runs one command line and
// returns the exit status (0 ok, 1 runtime error, 2 usage error), and
// never lets a panic out as a stack trace.
func run(ctx context.Context, args []string, std *streams) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(std.err, "sokbo: %s: %s\n", earlyLang(args, std.env).Internal(), clean.OneLine(fmt.Sprint(r)))
			status = 1
		}
	}()
	// Every error, warning and note goes through one cleaning writer, so
	// no text from outside reaches the terminal raw, whatever path it took.
	cleaned := *std
	cleaned.err = clean.Writer(std.err)
	std = &cleaned
	l := earlyLang(args, std.env)
	root := newRootCmd(ctx, std, &command{}, l)
	// The help goes through headingWriter, which names fang's headings in
	// l and mends its layout; a terminal's file stays one for fang's
	// styles. Completion scripts and the man page are written as they are.
	hw := &headingWriter{w: std.out, headings: l.Headings()}
	if f, ok := std.out.(term.File); ok && std.outTTY && std.width > 0 {
		hw.width = min(std.width, maxHelpWidth)
		reflowLong(root, std.width)
		root.SetOut(helpFile{hw, f})
	} else {
		hw.width = pipedHelpWidth
		reflowLong(root, pipedHelpWidth)
		root.SetOut(hw)
	}
	defer hw.Flush()
	// The scripts and the page, not their commands' help: cobra's
	// completion commands took std.out when they were made; man takes it
	// when it runs, so that `man --help` is help like any other.
	for _, c := range root.Commands() {
		if run := c.RunE; c.Name() == "man" && run != nil {
			c.RunE = func(cmd *cobra.Command, args []string) error {
				cmd.SetOut(std.out)
				return run(cmd, args)
			}
		}
	}
	root.SetArgs(args)
	err := fang.Execute(ctx, root,
		fang.WithVersion(version),
		fang.WithoutManpage(),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) { reportError(w, l, err) }),
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
func reportError(w io.Writer, l lang.Lang, err error) {
	var es exitStatus
	var ue *usageErr
	var ce *configError
	switch {
	case errors.As(err, &es):
	case errors.As(err, &ue):
		fmt.Fprintf(w, "sokbo: %s\n", clean.OneLine(ue.msg))
		if ue.cmd != nil {
			fmt.Fprintf(w, "%s\n", l.Usage(ue.cmd.UseLine(), ue.cmd.CommandPath()))
		}
	case errors.As(err, &ce):
		fmt.Fprintf(w, "sokbo: %s\n", clean.OneLine(ce.msg))
	default:
		fmt.Fprintf(w, "sokbo: %s\n", clean.OneLine(flagMessage(l, err)))
	}
}

// isCobraUsage reports whether err is cobra's own word for a bad command
// line (too many arguments, an unknown subcommand).
func isCobraUsage(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "accepts ") ||
		strings.Contains(msg, "unknown flag") || strings.Contains(msg, "flag needs an argument")
}

func noArgs(l lang.Lang) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return &usageErr{msg: l.NoArgs(cmd.Name()), cmd: cmd}
		}
		return nil
	}
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
	lang    lang.Lang // of the error
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
	return errors.New(v.lang.WantIs(v.lang.Or(v.choices)))
}

var _ pflag.Value = (*choiceValue)(nil)

// pipedHelpWidth is the width of the help when stdout is not a terminal,
// where fang lays it out at 120 columns: the width the catalogue's prose
// is written to.
const pipedHelpWidth = 80

// typedDuration is a duration flag that also keeps the value as typed,
// so an error about it echoes what the user wrote ("1000000h"), not
// time.Duration's normal form ("1000000h0m0s").
type typedDuration struct {
	value *time.Duration
	text  *string
}

func (v *typedDuration) String() string { return v.value.String() }
func (v *typedDuration) Type() string   { return "duration" }

func (v *typedDuration) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		// Worded for flagMessages, which says it in the run's language;
		// the examples read the same in either.
		return errors.New("want 30m, 1h, 2h30m")
	}
	*v.value, *v.text = d, s
	return nil
}

var _ pflag.Value = (*typedDuration)(nil)

// flagMessages rewrite the flag package's and cobra's errors in the form
// the usage and the README use, in the chosen language.
var flagMessages = []struct {
	re   *regexp.Regexp
	with func(l lang.Lang, m []string) string
}{
	{regexp.MustCompile(`^unknown flag: (--?\S+)$`), func(l lang.Lang, m []string) string { return l.UnknownFlag(m[1]) }},
	// pflag names the first byte of the word, which splits a Korean one
	// (-속보 → -Ã): the whole word is named instead, with how to pass it
	// as an argument, as search's -word.
	{regexp.MustCompile(`(?s)^unknown shorthand flag: '.*?' in (-.*)$`), func(l lang.Lang, m []string) string { return l.UnknownDashWord(m[1]) }},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(--[^"]+)" flag: (?:want|바른 값:) (.*)$`), func(l lang.Lang, m []string) string { return l.FlagWant(m[2], m[1], m[3]) }},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(--[^"]+)" flag: .*$`), func(l lang.Lang, m []string) string { return l.FlagNotValid(m[2], m[1]) }},
	{regexp.MustCompile(`^flag needs an argument: (?:'.' in -.|(--\S+))$`), func(l lang.Lang, m []string) string { return l.FlagNeedsValue(m[1]) }},
	{regexp.MustCompile(`^unknown command "(.*)" for "(.*)"$`), func(l lang.Lang, m []string) string { return l.UnknownCommand(m[1], m[2]) }},
}

func flagMessage(l lang.Lang, err error) string {
	msg := err.Error()
	for _, fm := range flagMessages {
		if m := fm.re.FindStringSubmatch(msg); m != nil {
			return fm.with(l, m)
		}
	}
	return msg
}

// commandsNear are the subcommands of cmd that w is likely a mistyping
// of, in cmd's order: a command w starts, or that starts w ("lsit" for
// ls), one within two edits of w, or one that lists w in its SuggestFor.
// cobra's SuggestionsFor takes any name within two edits, which offers
// every two-letter command (ls, rm) for any two-letter word; an edit
// distance as long as the name says nothing, so it is not taken.
func commandsNear(cmd *cobra.Command, w string) []string {
	w = strings.ToLower(w)
	if w == "" {
		return nil
	}
	var near []string
	for _, c := range cmd.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		name := c.Name()
		d := editDistance(w, name)
		if strings.HasPrefix(name, w) || strings.HasPrefix(w, name) || (d <= 2 && d < len(name)) || slices.Contains(c.SuggestFor, w) {
			near = append(near, name)
		}
	}
	return near
}

// editDistance is the Levenshtein distance between a and b, in bytes:
// command names are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
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
