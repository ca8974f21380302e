//go:build !unix

package store

import "time"

// cpuTime is not measured here; benchmarks then leave out their CPU time.
func cpuTime() time.Duration { return 0 }
