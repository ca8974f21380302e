// Package hostiletest provides test servers that misbehave as no server
// library would let them: raw status lines and headers on 127.0.0.1.
package hostiletest

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"
)

// Text is what a hostile server puts in status text and headers: an OSC
// 52 clipboard write, a title change, CSI, C1 CSI, OSC and NEL, and a
// right-to-left override.
const Text = "\x1b]52;c;cHdu\a\x1b]0;PWN\a\x1b[31mred\u009b2J\u009d0;x\u009c\u202eevil\u0085"

// RawServer answers every request on 127.0.0.1 with the bytes respond
// returns for its path, written as they are, and returns its base URL.
// It stops when the test ends.
func RawServer(t testing.TB, respond func(path string) string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				req, err := http.ReadRequest(bufio.NewReader(c))
				if err != nil {
					return
				}
				fmt.Fprint(c, respond(req.URL.Path))
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// Trickle is a handler that sends b once every 20 ms and never finishes,
// so no single read ever times out: only an overall deadline ends it. It
// paces itself; a test using it needs no sleep of its own.
func Trickle(contentType string, b []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			if _, err := w.Write(b); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
			}
		}
	}
}
