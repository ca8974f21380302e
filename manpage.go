package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/muesli/mango"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"sokbo/render/lang"
)

// newManCmd is `sokbo man`: the man page, made by mango from the commands
// as fang's own man command makes it, but in the run's language and with
// the help text's paragraphs as paragraphs. The help is wrapped for a
// terminal, and mango starts a new paragraph at every line break, so each
// sentence came out broken over paragraphs.
func newManCmd(l lang.Lang) *cobra.Command {
	return &cobra.Command{
		Use:                   "man",
		Short:                 l.ManHelp().Short,
		SilenceUsage:          true,
		DisableFlagsInUseLine: true,
		Hidden:                true,
		Args:                  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			root := cmd.Root()
			defer unwrapLongs(root)()
			page := mango.NewManPage(1, root.Name(), root.Short).WithLongDescription(root.Long)
			if err := addManCommand(page, root, nil); err != nil {
				return err
			}
			page.WithSection(l.ManEnvironmentTitle(), l.ManEnvironment())
			page.WithSection(l.ManFilesTitle(), l.ManFiles())
			_, err := fmt.Fprint(cmd.OutOrStdout(), shortFlags(page.Build(roff.NewDocument())))
			return err
		},
	}
}

// addManCommand adds c and the commands under it to page, as mango-cobra
// does, but with each command's own flags only: the global ones are
// listed once, under the root, not again under every command.
func addManCommand(page *mango.ManPage, c *cobra.Command, parent *mango.Command) error {
	item := mango.NewCommand(c.Name(), c.Short, c.Use)
	flags := c.LocalFlags()
	if parent == nil {
		item = mango.NewCommand(c.Name(), "", "")
		flags = c.Flags()
	}
	flags.VisitAll(func(f *pflag.Flag) {
		// Every command has -h; the root's says so once.
		if !f.Hidden && (parent == nil || f.Name != "help") {
			_ = item.AddFlag(mango.Flag{Name: f.Name, Short: f.Shorthand, Usage: f.Usage, PFlag: true})
		}
	})
	if parent == nil {
		page.Root = *item
		item = &page.Root
	} else if err := parent.AddCommand(item); err != nil {
		return err
	}
	for _, sub := range c.Commands() {
		if sub.Hidden || !sub.IsAvailableCommand() {
			continue
		}
		if err := addManCommand(page, sub, item); err != nil {
			return err
		}
	}
	return nil
}

// mangoShort is how mango writes a flag with a shorthand: "--h --help".
var mangoShort = regexp.MustCompile(`\\fB--([[:alnum:]]) --([[:alnum:]-]+)\\fP`)

// shortFlags writes the shorthand of each flag as a flag is written:
// "-h, --help".
func shortFlags(page string) string {
	return mangoShort.ReplaceAllString(page, `\fB-$1, --$2\fP`)
}

// unwrapLongs joins the wrapped lines of every command's Long text into
// one line a paragraph, and returns what puts them back.
func unwrapLongs(root *cobra.Command) (restore func()) {
	saved := map[*cobra.Command]string{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		saved[c] = c.Long
		c.Long = unwrap(c.Long)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return func() {
		for c, long := range saved {
			c.Long = long
		}
	}
}

// unwrap joins the lines of each paragraph of s (paragraphs are apart by
// a blank line) with spaces, and leaves one line break between
// paragraphs, which mango makes one paragraph break. A line that is indented, or starts a list
// item, starts a line of its own: those are examples and lists.
func unwrap(s string) string {
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case i == 0:
		case trimmed == "", strings.HasPrefix(line, " "), strings.HasPrefix(line, "\t"),
			strings.HasPrefix(trimmed, "- "), strings.HasPrefix(trimmed, "* "):
			b.WriteByte('\n')
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "\n"):
			b.WriteByte(' ')
		}
		if trimmed == "" {
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}
