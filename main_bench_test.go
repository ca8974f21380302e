package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
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
