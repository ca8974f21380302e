//go:build unix

package store

import (
	"path/filepath"
	"syscall"
)

// diskFull reports whether the file system holding path has no room
// left for an unprivileged writer.
func diskFull(path string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return false
	}
	return st.Bavail == 0
}
