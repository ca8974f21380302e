package main

import (
	"bytes"
	"io"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"sokbo/feed"
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
// its text, without styles, is one heading alone; every other line, and
// all output in English, passes as it is.
type headingWriter struct {
	w        io.Writer
	headings map[string]string
	line     []byte
}

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
	if text := strings.TrimSpace(ansi.Strip(line)); text != "" {
		for en, ko := range h.headings {
			if text == strings.TrimSpace(en) && strings.Contains(line, en) {
				line = strings.Replace(line, en, ko, 1)
				break
			}
		}
	}
	_, err := io.WriteString(h.w, line)
	return err
}

// Flush writes what is left of the last line.
func (h *headingWriter) Flush() error {
	if len(h.line) == 0 {
		return nil
	}
	return h.flushLine()
}
