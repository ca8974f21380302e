//go:build soak

package ui

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render"
)

// TestSoakReader is the reader's role in bench/soak.sh, which builds this
// test with -tags soak and runs it beside refresh and marking processes
// against one store: the real reader, under teatest, moves, stars, marks
// and refreshes at random until the deadline, and journals every mark the
// store took, in the soak's form ("star|read FEED ID 0|1"), in order; the
// soak checks the store still holds them.
func TestSoakReader(t *testing.T) {
	db, journal := os.Getenv("SOKBO_SOAK_DB"), os.Getenv("SOKBO_SOAK_JOURNAL")
	ns, err := strconv.ParseInt(os.Getenv("SOKBO_SOAK_DEADLINE"), 10, 64)
	if db == "" || journal == "" || err != nil {
		t.Fatal("run by bench/soak.sh, which sets SOKBO_SOAK_DB, SOKBO_SOAK_JOURNAL, SOKBO_SOAK_DEADLINE and SOKBO_SOAK_FEEDS")
	}
	var feeds []feed.Subscription
	for _, u := range strings.Split(os.Getenv("SOKBO_SOAK_FEEDS"), ",") {
		feeds = append(feeds, feed.Subscription{URL: u})
	}
	f, err := os.Create(journal)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	var mu sync.Mutex
	saved := 0
	lib := library.New(library.Options{StorePath: db, Saved: func(m library.Mark) {
		mu.Lock()
		defer mu.Unlock()
		kind := "read"
		if m.Star() {
			kind = "star"
		}
		fmt.Fprintf(w, "%s %s %s %d\n", kind, m.Source(), m.ID(), b2i(m.On()))
		saved++
	}})
	defer lib.Close()
	tm := teatest.NewTestModel(t, New(Config{Library: lib, Sources: library.Sources{Feeds: feeds}, Style: render.StylePlain}),
		teatest.WithInitialTermSize(100, 30))
	deadline := time.Unix(0, ns)
	keys := []string{"j", "j", "j", "k", "s", "m", "enter", "esc", "G", "g", "r"}
	presses := 0
	for time.Now().Before(deadline) {
		k := keys[rand.IntN(len(keys))]
		tm.Send(keyPress(k))
		presses++
		// A person's pace, faster: a key every 2 ms leaves the refreshes
		// and the saves room to interleave with the keys.
		time.Sleep(2 * time.Millisecond)
	}
	tm.Send(keyPress("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	// A save the last keys started may still be running: wait for it, so
	// that its journal lines are written before the journal is closed.
	if err := lib.Flush(context.Background()); err != nil {
		t.Log(err)
	}
	mu.Lock()
	defer mu.Unlock()
	fmt.Printf("reader: %d keys, %d marks saved\n", presses, saved)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
