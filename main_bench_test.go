package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sokbo/bench/feedgen"
	"sokbo/feed"
	"sokbo/feed/fetch"
	"sokbo/feed/store"
)

// BenchmarkRead is `sokbo read` of the seed post piped to a file, in
// process: every format the command prints.
func BenchmarkRead(b *testing.B) {
	dir := b.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": dir, "XDG_DATA_HOME": dir, "HOME": dir}
	for _, format := range []string{"markdown", "text", "ansi", "json"} {
		b.Run(format, func(b *testing.B) {
			var out, errb bytes.Buffer
			std := &streams{in: strings.NewReader(""), out: &out, err: &errb, env: func(k string) string { return env[k] }}
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				if status := run(context.Background(), []string{"read", "--format", format, seed}, std); status != 0 {
					b.Fatalf("status %d: %s", status, errb.String())
				}
			}
		})
	}
}

// BenchmarkList is `sokbo list --offline` of a cache of the generator's
// feed, in process, to a pipe that discards it: folded (as it prints by
// default), --no-group and --json. Beside the wall time it reports the
// CPU time of a list (user and system, every goroutine's), which swings
// less with a shared machine's load. SOKBO_BENCH_LARGE=1 adds 50k items.
func BenchmarkList(b *testing.B) {
	for _, n := range feedgen.Sizes() {
		dir := b.TempDir()
		cfg, db := filepath.Join(dir, "sokbo.toml"), filepath.Join(dir, "sokbo.db")
		const u = "http://127.0.0.1/feed.xml"
		if err := os.WriteFile(cfg, []byte("[[feed]]\nurl = \""+u+"\"\n"), 0o600); err != nil {
			b.Fatal(err)
		}
		fillCache(b, db, u, n)
		env := map[string]string{"XDG_CONFIG_HOME": dir, "XDG_DATA_HOME": dir, "HOME": dir}
		for _, c := range []struct{ name, flag string }{{"folded", ""}, {"no-group", "--no-group"}, {"json", "--json"}} {
			args := []string{"--config", cfg, "--db", db, "list", "--offline"}
			if c.flag != "" {
				args = append(args, c.flag)
			}
			b.Run(fmt.Sprintf("%s/items=%d", c.name, n), func(b *testing.B) {
				b.ReportAllocs()
				var errb strings.Builder
				std := &streams{in: strings.NewReader(""), out: io.Discard, err: &errb, env: func(k string) string { return env[k] }}
				cpu := cpuTime()
				for b.Loop() {
					if status := run(context.Background(), args, std); status != 0 {
						b.Fatalf("status %d: %s", status, errb.String())
					}
				}
				b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// fillCache saves the generator's feed of n items into a new cache at db
// under the URL u, as a refresh of it would.
func fillCache(b *testing.B, db, u string, n int) {
	b.Helper()
	ctx := context.Background()
	f, err := feed.Load(ctx, u, feed.Options{Fetcher: bytesFetcher(feedgen.Bytes(n))})
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(ctx, store.Options{Path: db})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SaveFeed(ctx, u, f, store.FetchResult{}); err != nil {
		b.Fatal(err)
	}
}

// bytesFetcher answers every fetch with its bytes, as RSS.
type bytesFetcher []byte

func (f bytesFetcher) Fetch(_ context.Context, url string) (*fetch.Response, error) {
	return &fetch.Response{URL: url, ContentType: "application/rss+xml", Body: f}, nil
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
