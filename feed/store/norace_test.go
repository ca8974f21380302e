//go:build !race

package store

// raceEnabled is true under -race, which slows the transpiled SQLite
// about twentyfold; timing tests scale down.
const raceEnabled = false
