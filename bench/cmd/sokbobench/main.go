// Command sokbobench is the helper of bench/compare.sh: it writes the
// generated feeds and serves them over 127.0.0.1.
//
//	sokbobench gen -n 10000 [-seed 1] -o feed10k.xml
//	sokbobench gen -n 50 -seed 7 -first 70050 -o feed7.xml
//	sokbobench serve -dir DIR [-addr 127.0.0.1:0] [-ports N] [-port-file FILE]
//
// serve answers conditional GETs (If-Modified-Since) with 304, as a real
// feed server does, so a second refresh of an unchanged feed costs no body;
// under /plain/ it serves the same files with no Last-Modified, as a
// server that sends no validator does.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"

	"sokbo/bench/feedgen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "sokbobench: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: sokbobench gen|serve [flags]")
	}
	fs := flag.NewFlagSet("sokbobench "+args[0], flag.ContinueOnError)
	switch args[0] {
	case "gen":
		n := fs.Int("n", 1000, "items")
		seed := fs.Uint64("seed", 1, "seed of the generator")
		first := fs.Int("first", 90000, "article number of the newest item")
		out := fs.String("o", "", "output file (default stdout)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		w := os.Stdout
		if *out != "" {
			f, err := os.Create(*out)
			if err != nil {
				return err
			}
			defer f.Close()
			w = f
		}
		if err := feedgen.GenerateFrom(w, *n, *seed, *first); err != nil {
			return err
		}
		return w.Sync()
	case "serve":
		dir := fs.String("dir", ".", "folder to serve")
		addr := fs.String("addr", "127.0.0.1:0", "address to listen on")
		portFile := fs.String("port-file", "", "write the chosen port to this file once listening")
		ports := fs.Int("ports", 1, "listen on this many ports (of -addr's host), one a line in the port file: sokbo paces requests per host and port")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		var lns []net.Listener
		var list strings.Builder
		for i := range *ports {
			a := *addr
			if i > 0 {
				a = net.JoinHostPort(lns[0].Addr().(*net.TCPAddr).IP.String(), "0")
			}
			ln, err := net.Listen("tcp", a)
			if err != nil {
				return err
			}
			lns = append(lns, ln)
			fmt.Fprintln(&list, ln.Addr().(*net.TCPAddr).Port)
		}
		if *portFile != "" {
			// Written whole and renamed, so that a reader waiting for
			// it never sees a part.
			tmp := *portFile + ".tmp"
			if err := os.WriteFile(tmp, []byte(list.String()), 0o644); err != nil {
				return err
			}
			if err := os.Rename(tmp, *portFile); err != nil {
				return err
			}
		} else {
			fmt.Print(list.String())
		}
		files := http.FileServer(http.Dir(*dir))
		mux := http.NewServeMux()
		mux.Handle("/", files)
		// /plain/NAME is NAME from a server that sends no validator
		// and answers every GET with the whole body, as many do.
		mux.Handle("/plain/", http.StripPrefix("/plain", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.Header.Del("If-Modified-Since")
			r.Header.Del("If-None-Match")
			files.ServeHTTP(noValidators{w}, r)
		})))
		errs := make(chan error, len(lns))
		for _, ln := range lns {
			go func() { errs <- http.Serve(ln, mux) }()
		}
		return <-errs
	}
	return fmt.Errorf("unknown command %q: want gen or serve", args[0])
}

// noValidators drops the Last-Modified header http.FileServer sets.
type noValidators struct{ http.ResponseWriter }

func (w noValidators) WriteHeader(code int) {
	w.Header().Del("Last-Modified")
	w.Header().Del("ETag")
	w.ResponseWriter.WriteHeader(code)
}

func (w noValidators) Write(b []byte) (int, error) {
	w.Header().Del("Last-Modified")
	w.Header().Del("ETag")
	return w.ResponseWriter.Write(b)
}
