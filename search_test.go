package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sokbo/feed/store"
	"sokbo/render"
)

// TestSearchCommand: search prints list's lines for the matches, with
// list's N, after refresh has indexed the cache; a bad query is a usage
// error; nothing found is status 1.
func TestSearchCommand(t *testing.T) {
	srv, _ := feedServer(t)
	env := testEnv(t)
	url := srv.URL + "/atom.xml"
	if _, stderr, status := sokboEnv(t, env, "feeds", "add", url); status != 0 {
		t.Fatalf("feeds add: %d %q", status, stderr)
	}
	if _, stderr, status := sokboEnv(t, env, "refresh"); status != 0 {
		t.Fatalf("refresh: %d %q", status, stderr)
	}
	// refresh indexed what it fetched.
	st, err := store.Open(context.Background(), store.Options{Path: filepath.Join(env("XDG_DATA_HOME"), "sokbo", "sokbo.db"), ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	pending, err := st.PendingIndex(context.Background())
	st.Close()
	if err != nil || pending != 0 {
		t.Errorf("after refresh %d items wait for the index (%v)", pending, err)
	}

	list, _, _ := sokboEnv(t, env, "list", "--offline")
	lines := strings.Split(strings.TrimSpace(list), "\n")
	tests := map[string][]int{ // query → the N of list's lines it matches
		"카카오톡":         {2},
		"ㅋㅋㅇㅌ":         {2},
		"서울":           {2, 3, 4}, // in the bodies of 2 and 4
		"동부간선도로":       {3},
		"카카오톡 -네트워크":   {},
		`"집중 호우"`:      {2, 3},
		"태풍 OR":        {},
		"is:unread 카ㄴ": {5},
		// A query is cleaned as it enters, as feed text is: an escape
		// sequence in it is no part of what is searched for (QA: it
		// matched nothing, and the message named the cleaned query).
		"서울\x1b[31m":       {2, 3, 4},
		"\x1b]0;x\x07카카오톡": {2},
	}
	for query, want := range tests {
		out, stderr, status := sokboEnv(t, env, "search", "--offline", query)
		var wantOut strings.Builder
		for _, n := range want {
			wantOut.WriteString(lines[n-1] + "\n")
		}
		wantStatus := 0
		if len(want) == 0 {
			wantStatus = 1
		}
		if out != wantOut.String() || status != wantStatus || stderr != "" {
			t.Errorf("search %q: status %d, stderr %q\n got %q\nwant %q", query, status, stderr, out, wantOut.String())
		}
	}
	out, _, status := sokboEnv(t, env, "search", "--offline", "--limit", "1", "ㅅ")
	if status != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("--limit 1: %d %q", status, out)
	}
	_, stderr, status := sokboEnv(t, env, "search", "--offline", "is:later")
	if status != 2 || stderr != "sokbo: search: bad query at \"is:later\": is: takes unread, read or starred\n" {
		t.Errorf("bad query: %d %q", status, stderr)
	}
	_, stderr, status = sokboEnv(t, env, "search")
	if status != 2 || !strings.Contains(stderr, "search takes a QUERY") {
		t.Errorf("no query: %d %q", status, stderr)
	}
	// A local source is searched in memory, with the same N as list.
	out, stderr, status = sokbo(t, "search", "ㅋㅋㅇㅌ", "testdata/atom.xml")
	if status != 0 || !strings.HasPrefix(out, "2\t") || !strings.Contains(out, "카카오톡") {
		t.Errorf("local search: %d %q %q", status, stderr, out)
	}
	// A source that cannot be read is said on stderr, but a search that
	// found something exits 0: a script tells "no match" (1) apart from
	// a broken feed beside the matches.
	out, stderr, status = sokbo(t, "search", "ㅋㅋㅇㅌ", "testdata/atom.xml", "testdata/nosuch.xml")
	if status != 0 || !strings.Contains(out, "카카오톡") || !strings.Contains(stderr, "nosuch.xml: no such file") {
		t.Errorf("a match beside a missing source: %d %q %q", status, stderr, out)
	}
	_, stderr, status = sokbo(t, "search", "없는말없는말", "testdata/atom.xml", "testdata/nosuch.xml")
	if status != 1 || !strings.Contains(stderr, "nosuch.xml") {
		t.Errorf("no match beside a missing source: %d %q", status, stderr)
	}
}

// TestJSONCarriesMarks: list --json, search --json and read --format json
// carry read, starred, feed and tags.
func TestJSONCarriesMarks(t *testing.T) {
	srv, _ := feedServer(t)
	env := testEnv(t)
	url := srv.URL + "/atom.xml"
	opml := filepath.Join(t.TempDir(), "subs.opml")
	doc := `<?xml version="1.0"?><opml version="2.0"><body><outline text="경제"><outline text="속보">` +
		`<outline type="rss" text="뉴스다오" xmlUrl="` + url + `"/></outline></outline></body></opml>`
	if err := os.WriteFile(opml, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, status := sokboEnv(t, env, "import", opml); status != 0 {
		t.Fatalf("import: %d %q", status, stderr)
	}
	if _, stderr, status := sokboEnv(t, env, "refresh"); status != 0 {
		t.Fatalf("refresh: %d %q", status, stderr)
	}
	type entry struct {
		N       int      `json:"n"`
		Title   string   `json:"title"`
		Feed    string   `json:"feed"`
		Tags    []string `json:"tags"`
		Read    *bool    `json:"read"`
		Starred *bool    `json:"starred"`
	}
	decode := func(name, out string) []entry {
		var all []entry
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var e entry
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("%s: %v in %q", name, err, line)
			}
			all = append(all, e)
		}
		return all
	}
	check := func(name string, e entry) {
		t.Helper()
		if e.Feed != "뉴스다오" || strings.Join(e.Tags, ",") != "경제,속보" || e.Read == nil || e.Starred == nil || *e.Read || *e.Starred {
			t.Errorf("%s: %+v", name, e)
		}
	}
	out, stderr, status := sokboEnv(t, env, "list", "--offline", "--json")
	if status != 0 {
		t.Fatalf("list --json: %d %q", status, stderr)
	}
	all := decode("list", out)
	if len(all) != 6 {
		t.Fatalf("list --json gave %d items", len(all))
	}
	for _, e := range all {
		check("list", e)
	}
	out, _, _ = sokboEnv(t, env, "search", "--offline", "--json", "tag:속보 카카오톡")
	found := decode("search", out)
	if len(found) != 1 || found[0].N != 2 {
		t.Fatalf("search --json tag:속보 카카오톡 = %+v", found)
	}
	check("search", found[0])
	out, stderr, status = sokboEnv(t, env, "read", "--offline", "--format", "json", "2")
	if status != 0 {
		t.Fatalf("read --format json: %d %q", status, stderr)
	}
	var read entry
	if err := json.Unmarshal([]byte(out), &read); err != nil {
		t.Fatal(err)
	}
	check("read", read)
	// export writes the folders back.
	out, _, _ = sokboEnv(t, env, "export")
	if !strings.Contains(out, `<outline text="경제" title="경제">`) || !strings.Contains(out, `<outline text="속보" title="속보">`) {
		t.Errorf("export lost the folders:\n%s", out)
	}
}

// TestConfigViewsAndMutes: bad views and mute rules are refused in one
// line naming the key and the query's error; a mute rule hides items from
// list and search, and feeds ls counts them.
func TestConfigViewsAndMutes(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.toml")
	bad := map[string]string{
		"[[view]]\nname = \"속보\"\nquery = \"is:later\"":                                `view 1: query = "is:later": bad query at "is:later": is: takes unread, read or starred`,
		"[[view]]\nquery = \"북한\"":                                                     "view 1: name is missing",
		"[[view]]\nname = \"a\"\nquery = \"x\"\n[[view]]\nname = \"a\"\nquery = \"y\"": `view 2: name "a" is taken`,
		"[[view]]\nname = \"a\"":                                                       `view 1 ("a"): query is missing`,
		"[[mute]]\nquery = \"\\\"열린 구절\"":                                              `mute 1: query = "\"열린 구절": bad query at`,
		"[[mute]]\nquery = \" \"":                                                      "mute 1: query is missing",
		"[[mute]]\nwhat = \"x\"":                                                       `unknown key "mute.what"`,
		"[[view]]\nname = \"a\"\nquery = \"\\u001b\"":                                  `view 1 ("a"): query is missing`,
		"[[view]]\nname = \"a\"\nquery = \"\\u200b \\u0007\"":                          `view 1 ("a"): query is missing`,
		"[[mute]]\nquery = \"\\u0007\"":                                                "mute 1: query is missing",
		"[[mute]]\nquery = \"\\u200b\"":                                                "mute 1: query is missing",
		"[[mute]]\nquery = \"\"":                                                       "mute 1: query is missing",
	}
	for body, want := range bad {
		if err := os.WriteFile(cfg, []byte(body+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, stderr, status := sokbo(t, "--config", cfg, "list", seed)
		if status != 1 || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s:\n status %d, stderr %q\n want %q", body, status, stderr, want)
		}
		noEscapes(t, stderr)
	}

	srv, _ := feedServer(t)
	env := testEnv(t)
	url := srv.URL + "/atom.xml"
	good := "[[feed]]\nurl = \"" + url + "\"\n[[view]]\nname = \"속보\"\nquery = \"[속보] within:24h\"\n[[mute]]\nquery = \"카카오톡\"\n[[mute]]\nquery = \"휘발유 가격\"\n"
	if err := os.WriteFile(cfg, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, status := sokboEnv(t, env, "--config", cfg, "refresh"); status != 0 {
		t.Fatalf("refresh: %d %q", status, stderr)
	}
	list, _, _ := sokboEnv(t, env, "--config", cfg, "list", "--offline")
	if strings.Count(list, "\n") != 4 || strings.Contains(list, "카카오톡") || strings.Contains(list, "휘발유") {
		t.Errorf("list with mutes:\n%s", list)
	}
	if out, _, status := sokboEnv(t, env, "--config", cfg, "search", "--offline", "ㅋ"); status != 0 || strings.Contains(out, "카카오톡") {
		t.Errorf("search with mutes: %d\n%s", status, out)
	}
	ls, _, _ := sokboEnv(t, env, "--config", cfg, "feeds", "ls")
	cols := strings.Split(strings.TrimSpace(ls), "\t")
	// Piped, MUTED is the last field, where it is without rules too.
	if len(cols) != 8 || cols[2] != "4" || cols[7] != "2" {
		t.Errorf("feeds ls with mutes: %q", ls)
	}
}

// FuzzConfigQueries: whatever a view's name or a mute rule's query holds,
// reading the config never panics and refuses in one clean line.
func FuzzConfigQueries(f *testing.F) {
	for _, seed := range [][2]string{{"속보", "[속보] within:24h"}, {"", "is:"}, {"a\x1b[2J", "\"열린"}, {"x", "after:2024-13-01 -"}} {
		f.Add(seed[0], seed[1])
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, name, query string) {
		cfg := filepath.Join(dir, "config.toml")
		body := "[[view]]\nname = " + strconvQuote(name) + "\nquery = " + strconvQuote(query) + "\n[[mute]]\nquery = " + strconvQuote(query) + "\n"
		if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := loadSettings(flagValues{config: cfg}, func(string) string { return "" })
		if err != nil {
			msg := err.Error()
			if strings.ContainsAny(msg, "\n\r\x1b\x07") {
				t.Fatalf("error is not one clean line: %q", msg)
			}
			return
		}
		if len(s.views) != 1 || len(s.mutes) != 1 {
			t.Fatalf("read %d views and %d mutes", len(s.views), len(s.mutes))
		}
	})
}

// strconvQuote quotes s as a TOML basic string.
func strconvQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// TestListOnTerminal: on a terminal, list and search lay each headline
// out at its width, N, date, title and link, with no tab; into a pipe
// they print their tab-separated lines as before.
func TestListOnTerminal(t *testing.T) {
	env := testEnv(t)
	for _, args := range [][]string{{"list", "testdata/atom.xml"}, {"search", "지하철", "testdata/atom.xml"}} {
		piped, _, _ := sokboEnv(t, env, args...)
		if !strings.Contains(piped, "\t") {
			t.Errorf("%s piped: no tabs:\n%s", args[0], piped)
		}
		for _, w := range []int{40, 60, 120} {
			var out, errb bytes.Buffer
			std := &streams{in: strings.NewReader(""), out: &out, err: &errb, env: env, outTTY: true, width: w, height: 40}
			if status := run(context.Background(), args, std); status != 0 {
				t.Fatalf("%s at %d: %d %s", args[0], w, status, errb.String())
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(lines) != strings.Count(piped, "\n") {
				t.Errorf("%s at %d: %d lines, piped %d", args[0], w, len(lines), strings.Count(piped, "\n"))
			}
			for _, l := range lines {
				if strings.Contains(l, "\t") || render.Width(l) > w || !strings.HasPrefix(l, "   ") {
					t.Errorf("%s at %d: %q (%d cells)", args[0], w, l, render.Width(l))
				}
			}
			if w == 120 && !strings.Contains(out.String(), "https://newsdao.kr/") {
				t.Errorf("%s at 120: no link:\n%s", args[0], out.String())
			}
		}
	}
}
