package main

import (
	"fmt"
	"strings"

	"github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"

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
			page, err := mcobra.NewManPage(1, root)
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	}
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
