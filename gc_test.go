package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestRefreshGCFloor: a refresh collects nothing until its heap first
// reaches refreshFloor, and at 30% growth, with no limit, from the first
// collection on.
func TestRefreshGCFloor(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	tuneGC("refresh", func(string) string { return "" })
	if p := gcPercent(); p != -1 {
		t.Errorf("before the first collection GOGC is %d, want off", p)
	}
	if l := debug.SetMemoryLimit(-1); l != refreshFloor { // -1 reads it
		t.Errorf("before the first collection the limit is %d, want %d", l, refreshFloor)
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != 30 {
		if time.Now().After(deadline) {
			t.Fatal("after a collection GOGC is still off")
		}
		runtime.GC() // the cleanup runs on a goroutine of its own
		runtime.Gosched()
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("after the first collection the limit is %d, want none", l)
	}
}

// gcPercent is GOGC as it is set now.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}
