//go:build !unix

package store

// diskFull cannot tell here; SQLite's own SQLITE_FULL still says it.
func diskFull(string) bool { return false }
