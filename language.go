package main

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/render"
	"sokbo/render/lang"
)

// earlyLang is the language of a command line before it is parsed, for
// its help and its usage errors: --lang as given, else the config file's
// lang, else the locale's. loadSettings decides the same way once the
// flags are parsed; this reads only what it needs, and a config it cannot
// read counts as none (loadSettings says why).
func earlyLang(args []string, env func(string) string) lang.Lang {
	config := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		for _, name := range []string{"--lang", "--config"} {
			var v string
			switch {
			case a == name && i+1 < len(args):
				v = args[i+1]
			case strings.HasPrefix(a, name+"="):
				v = a[len(name)+1:]
			default:
				continue
			}
			if name == "--config" {
				config = v
			} else if l, ok := lang.Parse(v); ok && (v == "ko" || v == "en") {
				return l
			}
		}
	}
	if config == "" {
		config = defaultConfigPath(env)
	}
	if l, ok := configLang(config); ok {
		return l
	}
	return lang.FromEnv(env)
}

// configLang reads only the lang key of the config file at path.
func configLang(path string) (lang.Lang, bool) {
	if path == "" {
		return 0, false
	}
	data, err := feed.ReadRegularFile(path, maxConfigBytes)
	if err != nil {
		return 0, false
	}
	var fc struct {
		Lang string `toml:"lang"`
	}
	if _, err := toml.Decode(string(data), &fc); err != nil || (fc.Lang != "ko" && fc.Lang != "en") {
		return 0, false
	}
	return lang.Parse(fc.Lang)
}

// localizeCobra words what cobra adds to every command in l: the --help
// and --version flags and the completion command.
func localizeCobra(root *cobra.Command, l lang.Lang) {
	root.Flags().BoolP("version", "v", false, l.FlagUsage("version"))
	root.InitDefaultCompletionCmd()
	root.InitDefaultHelpCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		if f := c.Flags().Lookup("help"); f != nil {
			f.Usage = l.HelpFor(c.Name())
		}
		if f := c.Flags().Lookup("no-descriptions"); f != nil {
			f.Usage = l.NoDescriptions()
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	for _, c := range root.Commands() {
		if c.Name() == "help" {
			c.Short = l.HelpCommand()
			// cobra's help of a word that is no command prints the
			// root's help, exit 0: a usage error that says so instead.
			run := c.Run
			c.Run = nil
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if len(args) > 0 {
					target, rest, err := cmd.Root().Find(args)
					if err != nil || target == nil || target == cmd.Root() || len(rest) > 0 {
						last := args[len(args)-1]
						parent := cmd.Root()
						if target != nil && err == nil {
							parent = target
						}
						return &usageErr{msg: l.NoHelpTopic(clean.OneLine(strings.Join(args, " ")), commandsNear(parent, last)), cmd: cmd}
					}
				}
				run(cmd, args)
				return nil
			}
		}
		if c.Name() != "completion" {
			continue
		}
		h := l.CompletionHelp("")
		c.Short, c.Long = h.Short, h.Long
		// cobra's completion command prints its help, exit 0, for a
		// shell it has no script for (tcsh): a usage error instead.
		var shells []string
		for _, sh := range c.Commands() {
			shells = append(shells, sh.Name())
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return &usageErr{msg: l.UnknownShell(args[0], strings.Join(shells, ", ")), cmd: cmd}
		}
		for _, sh := range c.Commands() {
			h := l.CompletionHelp(sh.Name())
			sh.Short = h.Short
			if l != lang.En {
				sh.Long = h.Short + "."
			}
		}
	}
	walk(root)
}

// headingWriter writes the help with fang's English headings ("USAGE")
// in l: fang offers no way to name them. A line is rewritten only when
// its text, without styles, is one heading alone.
//
// It also mends fang's layout, which has no option for either: fang pads
// every line with spaces to its width (120 columns when piped), which
// headingWriter trims; and it does not wrap a command's or a flag's
// description, so on a terminal narrower than the line the terminal
// broke it mid-word. With width > 0 a line wider than width is wrapped
// at spaces, its continuation indented under the description's column.
type headingWriter struct {
	w        io.Writer
	headings map[string]string
	width    int // the terminal's, or 0: no wrapping
	line     []byte
	// inUsage says the lines are fang's usage block's, kept in usage
	// until the blank line that ends it (see writeUsage).
	inUsage bool
	usage   []string
}

// helpFile is headingWriter standing for a terminal's file, so that fang
// still sees a terminal and styles the help for it.
type helpFile struct {
	*headingWriter
	f term.File
}

func (h helpFile) Read(p []byte) (int, error) { return h.f.Read(p) }
func (h helpFile) Close() error               { return nil }
func (h helpFile) Fd() uintptr                { return h.f.Fd() }

// trailingBlank is the spaces at the end of a line, among the styles
// that close it.
var trailingBlank = regexp.MustCompile(`(?:[ \t]|\x1b\[[0-9;:]*m)+$`)

// dropBlank removes spaces and tabs.
var dropBlank = strings.NewReplacer(" ", "", "\t", "")

// trimTrailingBlank trims the spaces at the end of line (without its
// newline), keeping the styles among them.
func trimTrailingBlank(line string) string {
	if m := trailingBlank.FindString(line); m != "" {
		return strings.TrimSuffix(line, m) + dropBlank.Replace(m)
	}
	return line
}

// descColumn finds a two-column line of the help, "    --db   The offline
// cache…": its key, then two spaces or more, then the description.
var descColumn = regexp.MustCompile(`^(\s+\S(?:\S| \S)*\s{2,})\S`)

func (h *headingWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			h.line = append(h.line, p...)
			break
		}
		h.line = append(h.line, p[:i+1]...)
		p = p[i+1:]
		if err := h.flushLine(); err != nil {
			return 0, err
		}
	}
	return n, nil
}

func (h *headingWriter) flushLine() error {
	line := string(h.line)
	h.line = h.line[:0]
	text := strings.TrimSpace(ansi.Strip(line))
	if h.inUsage {
		if text != "" {
			h.usage = append(h.usage, line)
			return nil
		}
		if len(h.usage) > 0 {
			if err := h.writeUsage(); err != nil {
				return err
			}
		}
	}
	if text == usageHeading {
		h.inUsage = true
	}
	return h.writeLine(line)
}

// usageHeading is fang's heading over the usage block.
const usageHeading = "USAGE"

// writeUsage writes the usage block's lines. Fang wraps the block with
// lipgloss at its own measure, narrower than the terminal, and lipgloss
// breaks after a hyphen too: "sokbo read [SOURCE [ITEM]] [--" and then
// "flags]". A block broken so is joined into the one line it was (with no
// space after the hyphen) and wrapped again at spaces at the terminal's
// width, each line in the block's indentation and styles; a block broken
// only at spaces is left as fang laid it out.
func (h *headingWriter) writeUsage() error {
	block := h.usage
	h.inUsage, h.usage = false, nil
	if len(block) > 1 && h.width > 0 && slices.ContainsFunc(block[:len(block)-1], func(l string) bool {
		return strings.HasSuffix(strings.TrimRight(ansi.Strip(l), " \n"), "-")
	}) {
		block = h.joinUsage(block)
	}
	for _, l := range block {
		if err := h.writeLine(l); err != nil {
			return err
		}
	}
	return nil
}

// joinUsage joins the lines of a usage block and wraps them again at
// the terminal's width at spaces only; see writeUsage.
func (h *headingWriter) joinUsage(block []string) []string {
	plain := ansi.Strip(block[0])
	indent := len(plain) - len(strings.TrimLeft(plain, " "))
	prefix := ansi.Truncate(block[0], indent, "") // the margin, and the block's styles
	var joined, last string
	for _, l := range block {
		l = trimTrailingBlank(strings.TrimSuffix(l, "\n"))
		p := ansi.Strip(l)
		content := ansi.TruncateLeft(l, len(p)-len(strings.TrimLeft(p, " ")), "")
		if joined != "" && !strings.HasSuffix(last, "-") {
			joined += " "
		}
		joined += content
		last = strings.TrimRight(p, " ")
	}
	lines := render.Wrap(joined, max(h.width-indent, 1))
	for i, l := range lines {
		lines[i] = prefix + l + "\n"
	}
	return lines
}

// writeLine writes one line of the help: its heading named in the
// language, its padding trimmed, wrapped at the width.
func (h *headingWriter) writeLine(line string) error {
	if text := strings.TrimSpace(ansi.Strip(line)); text != "" {
		for en, ko := range h.headings {
			if text == strings.TrimSpace(en) {
				if !strings.Contains(line, en) {
					line = ansi.Strip(line) // styled in pieces on a terminal
				}
				line = strings.Replace(line, en, ko, 1)
				break
			}
		}
	}
	nl := strings.HasSuffix(line, "\n")
	line = strings.TrimSuffix(line, "\n")
	line = trimTrailingBlank(line)
	if h.width > 0 && render.Width(line) > h.width {
		line = wrapHelpLine(line, h.width)
	}
	if nl {
		line += "\n"
	}
	_, err := io.WriteString(h.w, line)
	return err
}

// wrapHelpLine wraps a line of the help at w, each continuation indented
// to where the description starts, or to the line's own indentation. The
// continuations lose the line's styles: fang styles keys, not prose.
func wrapHelpLine(line string, w int) string {
	plain := ansi.Strip(line)
	indent := len(plain) - len(strings.TrimLeft(plain, " "))
	if m := descColumn.FindStringSubmatch(plain); m != nil && w-render.Width(m[1]) >= minHelpDesc {
		indent = render.Width(m[1])
	} else {
		indent += 4 // below the key, set off from the next key
	}
	lines := render.Wrap(line, w)
	head := strings.TrimRight(ansi.Strip(lines[0]), " ")
	tail, ok := strings.CutPrefix(plain, head)
	if len(lines) < 2 || !ok || indent >= w {
		return strings.Join(lines, "\n")
	}
	out := []string{strings.TrimRight(lines[0], " ")}
	for _, l := range render.Wrap(strings.TrimLeft(tail, " "), w-indent) {
		out = append(out, strings.Repeat(" ", indent)+l)
	}
	return strings.Join(out, "\n")
}

// Flush writes what is left of the last line.
func (h *headingWriter) Flush() error {
	if len(h.line) > 0 {
		if err := h.flushLine(); err != nil {
			return err
		}
	}
	if len(h.usage) > 0 {
		return h.writeUsage()
	}
	return nil
}

// maxHelpWidth is the widest fang lays the help out.
const maxHelpWidth = 120

// minHelpDesc is the narrowest a description's column is kept beside its
// key; narrower, the description goes below the key.
const minHelpDesc = 20

// helpIndent is how far fang indents a command's description.
const helpIndent = 2

// reflowLong wraps each command's description to w cells: a terminal's
// width, or pipedHelpWidth. The catalogue breaks its prose at about 78
// columns, but not exactly; a line of it wider than the width was broken
// again by headingWriter, and fang would break each line again at a
// narrower terminal's width, leaving every other line a word or two. A
// paragraph with an indented line (a sample line of output) is left as
// it is.
func reflowLong(root *cobra.Command, w int) {
	w = min(w, maxHelpWidth) - helpIndent
	if w < 20 {
		return
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Long = reflowProse(c.Long, w)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func reflowProse(s string, w int) string {
	paras := strings.Split(s, "\n\n")
	for i, p := range paras {
		lines := strings.Split(p, "\n")
		if slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") }) {
			for j, l := range lines {
				lines[j] = hangLine(l, w)
			}
			paras[i] = strings.Join(lines, "\n")
			continue
		}
		paras[i] = strings.Join(render.Wrap(strings.Join(lines, " "), w), "\n")
	}
	return strings.Join(paras, "\n\n")
}

// hangLine wraps one line of an indented block (a table of formats, a
// sample) that is wider than w, each further line under where its text
// began: under its second column ("  auto      ansi on a terminal…"),
// when it has one that leaves room, else under its indent. fang would
// wrap it flat, at the left margin, which breaks the table's columns.
func hangLine(l string, w int) string {
	if render.Width(l) <= w || strings.Contains(l, "\t") {
		return l
	}
	head := l[:len(l)-len(strings.TrimLeft(l, " "))]
	if m := descColumn.FindStringSubmatch(l); m != nil && w-render.Width(m[1]) >= minHelpDesc {
		head = m[1]
	}
	col := render.Width(head)
	if w-col < minHelpDesc {
		return l
	}
	wrapped := render.Wrap(l[len(head):], w-col)
	pad := strings.Repeat(" ", col)
	for j := range wrapped {
		if j == 0 {
			wrapped[j] = head + wrapped[j]
		} else {
			wrapped[j] = pad + wrapped[j]
		}
	}
	return strings.Join(wrapped, "\n")
}
