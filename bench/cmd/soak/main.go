// Command soak runs sokbo's store under the load a reader's machine puts
// on it: several refresh processes at once, against one store, while
// other processes toggle stars and read marks at random, for a while. It
// then checks that no mark was lost and that SQLite's integrity check
// passes. It is not part of `go test`; bench/soak.sh runs it.
//
// Every role is this same binary, started again with -role:
//
//	soak -duration 60s                  the parent: serves feeds, starts the rest, checks
//	soak -role refresh -db F -feeds URL refreshes in a loop until the deadline
//	soak -role mark -db F -journal J    toggles marks, writing each one's outcome to J
//
// With -reader BIN, the parent also runs the reader: BIN is ui's test
// binary built with -tags soak, whose TestSoakReader drives the real
// reader under teatest (moving, starring, marking, refreshing at random)
// and then writes the same journal lines, "star|read FEED ID 0|1", for the
// marks its screen shows.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sokbo/feed"
	"sokbo/feed/fetch"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
)

func main() {
	var (
		role     = flag.String("role", "", "refresh or mark; empty for the parent")
		duration = flag.Duration("duration", 20*time.Second, "how long the load runs")
		db       = flag.String("db", "", "the store (children)")
		feeds    = flag.String("feeds", "", "comma-separated feed URLs (refresh)")
		journal  = flag.String("journal", "", "where a marker writes its marks")
		deadline = flag.Int64("deadline", 0, "unix ns when children stop")
		refreshN = flag.Int("refreshers", 3, "refresh processes")
		markN    = flag.Int("markers", 2, "mark processes")
		keep     = flag.Bool("keep", false, "keep the work folder")
		reader   = flag.String("reader", "", "ui's soak test binary, to run the reader too (parent)")
	)
	flag.Parse()
	var err error
	switch *role {
	case "":
		err = parent(*duration, *refreshN, *markN, *keep, *reader)
	case "refresh":
		err = refresher(*db, strings.Split(*feeds, ","), time.Unix(0, *deadline))
	case "mark":
		err = marker(*db, *journal, time.Unix(0, *deadline))
	default:
		err = fmt.Errorf("unknown role %q", *role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// feedServer serves four feeds: two steady, one whose items change each
// time, and one whose GUIDs rotate on every fetch, which keeps retention
// busy.
func feedServer() *httptest.Server {
	var n atomic.Int64
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		round := n.Add(1)
		name := strings.Trim(r.URL.Path, "/")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%s</title><link>http://soak/</link>`, name)
		for i := range 60 {
			guid := fmt.Sprintf("%s-%d", name, i)
			title := fmt.Sprintf("%s 기사 %d", name, i)
			switch name {
			case "rotating":
				guid = fmt.Sprintf("%s-%d-%d", name, round, i)
			case "changing":
				title += fmt.Sprintf(" (고침 %d)", round)
			}
			fmt.Fprintf(&b, `<item><guid>%s</guid><title>%s</title><link>http://soak/%s</link><pubDate>%s</pubDate><description>본문 %s %s</description></item>`,
				guid, title, guid, time.Now().Add(-time.Duration(i)*time.Minute).UTC().Format(time.RFC1123Z), guid, strings.Repeat("가", 500))
		}
		b.WriteString(`</channel></rss>`)
		fmt.Fprint(w, b.String())
	}))
}

func parent(duration time.Duration, refreshN, markN int, keep bool, reader string) error {
	dir, err := os.MkdirTemp("", "sokbo-soak-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(dir)
	}
	db := filepath.Join(dir, "sokbo.db")
	srv := feedServer()
	defer srv.Close()
	var urls []string
	for _, name := range []string{"steady-a", "steady-b", "changing", "rotating"} {
		urls = append(urls, srv.URL+"/"+name)
	}
	// One refresh first, so the markers have items.
	if err := refreshOnce(context.Background(), db, urls); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	deadline := time.Now().Add(duration).UnixNano()
	var cmds []*exec.Cmd
	var journals []string
	start := func(args ...string) error {
		cmd := exec.Command(self, append(args, "-db", db, "-deadline", fmt.Sprint(deadline))...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		cmds = append(cmds, cmd)
		return cmd.Start()
	}
	for range refreshN {
		if err := start("-role", "refresh", "-feeds", strings.Join(urls, ",")); err != nil {
			return err
		}
	}
	for i := range markN {
		j := filepath.Join(dir, fmt.Sprintf("marks-%d.log", i))
		journals = append(journals, j)
		if err := start("-role", "mark", "-journal", j); err != nil {
			return err
		}
	}
	if reader != "" {
		j := filepath.Join(dir, "marks-reader.log")
		journals = append(journals, j)
		cmd := exec.Command(reader, "-test.run=^TestSoakReader$", "-test.timeout=10m")
		cmd.Env = append(os.Environ(), "SOKBO_SOAK_DB="+db, "SOKBO_SOAK_JOURNAL="+j,
			"SOKBO_SOAK_DEADLINE="+fmt.Sprint(deadline), "SOKBO_SOAK_FEEDS="+strings.Join(urls, ","))
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		cmds = append(cmds, cmd)
		if err := cmd.Start(); err != nil {
			return err
		}
	}
	var failed []string
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", strings.Join(cmd.Args[1:3], " "), err))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("children failed: %s", strings.Join(failed, "; "))
	}
	return check(db, journals)
}

func refreshOnce(ctx context.Context, db string, urls []string) error {
	st, err := store.Open(ctx, store.Options{Path: db})
	if err != nil {
		return err
	}
	defer st.Close()
	var subs []feed.Subscription
	for _, u := range urls {
		subs = append(subs, feed.Subscription{URL: u})
	}
	results, err := refresh.Run(ctx, st, subs, refresh.Options{Fetcher: &fetch.HTTPFetcher{Timeout: 10 * time.Second}})
	if err != nil {
		return err
	}
	for _, r := range results {
		if r.Err != nil {
			return fmt.Errorf("refresh: %s", r)
		}
	}
	return nil
}

func refresher(db string, urls []string, deadline time.Time) error {
	runs := 0
	for time.Now().Before(deadline) {
		if err := refreshOnce(context.Background(), db, urls); err != nil {
			return err
		}
		runs++
	}
	fmt.Printf("refresher %d: %d runs\n", os.Getpid(), runs)
	return nil
}

// marker toggles stars and read marks of random items until the
// deadline. Each line of its journal is a mark as the store said it now
// is, written after the store's answer.
func marker(db, journal string, deadline time.Time) error {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Path: db})
	if err != nil {
		return err
	}
	defer st.Close()
	out, err := os.Create(journal)
	if err != nil {
		return err
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	defer w.Flush()
	marks := 0
	for time.Now().Before(deadline) {
		hs, err := st.Headlines(ctx, store.Query{})
		if err != nil {
			return err
		}
		for range 20 {
			h := hs[rand.IntN(len(hs))]
			if rand.IntN(2) == 0 {
				on, err := st.ToggleStarred(ctx, h.Feed, h.ID)
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "star %s %s %d\n", h.Feed, h.ID, b2i(on))
			} else {
				read := rand.IntN(2) == 0
				if err := st.SetRead(ctx, h.Feed, h.ID, read); err != nil {
					return err
				}
				fmt.Fprintf(w, "read %s %s %d\n", h.Feed, h.ID, b2i(read))
			}
			marks++
		}
	}
	fmt.Printf("marker %d: %d marks\n", os.Getpid(), marks)
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// check replays the journals: for each item, the last mark any marker
// made must be in the store, except the read mark of an item retention
// dropped (only unstarred items are dropped). Two markers may mark one
// item; their journals are merged by order of writing only within each
// journal, so an item marked by both is checked only when they agree.
func check(db string, journals []string) error {
	type key struct{ kind, feed, id string }
	last := map[key]map[int]string{} // key → journal index → value
	for i, j := range journals {
		f, err := os.Open(j)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var k key
			var v string
			if _, err := fmt.Sscan(sc.Text(), &k.kind, &k.feed, &k.id, &v); err != nil {
				f.Close()
				return fmt.Errorf("%s: %q: %w", j, sc.Text(), err)
			}
			if last[k] == nil {
				last[k] = map[int]string{}
			}
			last[k][i] = v
		}
		f.Close()
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{Path: db, ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		return err
	}
	states := map[string]map[string]store.State{}
	var mu sync.Mutex
	stateOf := func(f, id string) store.State {
		mu.Lock()
		defer mu.Unlock()
		if states[f] == nil {
			states[f], _ = st.States(ctx, f)
		}
		return states[f][id]
	}
	checked, lost, ambiguous, dropped := 0, 0, 0, 0
	for k, byJournal := range last {
		want := ""
		for _, v := range byJournal {
			if want != "" && v != want {
				want = "?"
			}
			if want == "" {
				want = v
			}
		}
		if want == "?" {
			ambiguous++
			continue
		}
		s := stateOf(k.feed, k.id)
		got := s.Read
		if k.kind == "star" {
			got = s.Starred
		} else if _, err := st.Article(ctx, k.feed, k.id); errors.Is(err, store.ErrNotFound) {
			// Dropped by retention, with its read mark; a star made
			// after that (from a marker's older list) stays on its own.
			dropped++
			continue
		}
		checked++
		if (want == "1") != got {
			lost++
			fmt.Printf("lost: %s %s %s: want %s\n", k.kind, k.feed, k.id, want)
		}
	}
	fmt.Printf("checked %d marks (skipped: %d marked differently by two markers, %d read marks of items retention dropped); integrity ok\n", checked, ambiguous, dropped)
	if lost > 0 {
		return fmt.Errorf("%d of %d marks lost", lost, checked)
	}
	return nil
}
