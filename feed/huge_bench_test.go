package feed

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkLoadHugeFeed loads a 50 MB RSS file, the largest bad input the
// hostile-feed issue names, and reports the peak live heap next to the
// file's size: memory for one huge feed stays proportional to its size.
func BenchmarkLoadHugeFeed(b *testing.B) {
	size := 50 << 20
	if os.Getenv("SOKBO_BENCH_LARGE") == "" && testing.Short() {
		size = 5 << 20
	}
	path := filepath.Join(b.TempDir(), "huge.xml")
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>큰 피드</title>`)
	para := strings.Repeat("수도권 집중 호우로 동부간선도로가 통제됐다. ", 40)
	for i := 0; buf.Len() < size; i++ {
		fmt.Fprintf(&buf, `<item><title>기사 %d</title><link>https://newsdao.kr/%d</link><guid>%d</guid>`+
			`<pubDate>Tue, 08 Aug 2023 10:%02d:00 +0900</pubDate><description><![CDATA[<p>%s</p>]]></description></item>`, i, i, i, i%60, para)
	}
	buf.WriteString(`</channel></rss>`)
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	fileMiB := float64(buf.Len()) / (1 << 20)
	buf = bytes.Buffer{}

	var peak atomic.Uint64
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	stop := make(chan struct{})
	done := make(chan struct{})
	runtime.GC()
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	b.ResetTimer()
	for b.Loop() {
		f, err := Load(context.Background(), path, Options{})
		if err != nil || len(f.Items) == 0 {
			b.Fatalf("load: %v", err)
		}
	}
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(fileMiB, "file-MiB")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(peak.Load())/(1<<20)/fileMiB, "heap/file")
}
