// Command sokbo (속보, "breaking news") is a terminal news reader for Korean
// breaking news. It reads newsdao.kr by default, any RSS, Atom or JSON feed,
// Jekyll-style post files and folders of posts, lays Korean text out by
// display width, and prints articles as Markdown, text or JSON.
package main

import (
	"fmt"
	"os"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], systemStreams()))
}

// run is the whole program minus the process: it returns the exit status
// (0 ok, 1 runtime error, 2 usage error) and never lets a panic out as a
// stack trace.
func run(args []string, std *streams) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(std.err, "sokbo: internal error: %v\n", r)
			status = 1
		}
	}()
	cmd, err := parseArgs(args)
	if err != nil {
		return usageError(std, err)
	}
	cfgPath := cmd.global.config
	if cfgPath == "" {
		cfgPath = defaultConfigPath(std.env)
	}
	cfg, err := loadConfig(cfgPath, cmd.global.config != "")
	if err != nil {
		fmt.Fprintf(std.err, "sokbo: %v\n", err)
		return 1
	}
	// Flags win over the config file.
	if cmd.global.style == "" {
		cmd.global.style = cfg.style
	}
	if v := std.env("SOKBO_AMBIGUOUS"); v != "" && !oneOf(v, "auto", "narrow", "wide") {
		fmt.Fprintf(std.err, "sokbo: SOKBO_AMBIGUOUS=%q: want auto, narrow or wide\n", v)
		return 2
	}
	if cmd.global.ambiguous == "" && std.env("SOKBO_AMBIGUOUS") == "" {
		cmd.global.ambiguous = cfg.ambiguous
	}
	if std.setWide != nil && std.setWide(wantWideAmbiguous(cmd.global.ambiguous, std.env)) {
		// Only reached when the re-exec failed; carry on in the mode the
		// process started with.
		fmt.Fprintln(std.err, "sokbo: cannot switch ambiguous-width mode; continuing")
	}
	name := cmd.name
	if name == "" && !std.outTTY {
		name = "list"
	}
	tuneGC(name, std.env)
	return cmd.run(newApp(std, cmd, cfg))
}
