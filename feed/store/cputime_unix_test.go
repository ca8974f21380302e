//go:build unix

package store

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system. On
// a shared machine a benchmark's wall time swings with the load; its CPU
// time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
