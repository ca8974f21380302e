package main

import "runtime/debug"

// tuneGC sets the garbage collector for the command, unless the user set
// GOGC or GOMEMLIMIT. Measured on 10,000 cached items: a list or read is a
// short process whose heap stays small, and collecting less often saves a
// quarter of its time; a refresh holds a whole feed while it parses it,
// and a soft limit keeps its peak well under newsboat's for the same feed.
// The limits are soft: a larger feed still loads, with more collections.
func tuneGC(name string, env func(string) string) {
	if env("GOGC") != "" || env("GOMEMLIMIT") != "" {
		return
	}
	switch name {
	case "list", "read", "export", "feeds", "import":
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(128 << 20)
	case "refresh":
		debug.SetMemoryLimit(96 << 20)
	default: // the reader: long-running, refreshing in the background
		debug.SetMemoryLimit(128 << 20)
	}
}
