package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"sokbo/render"
	"sokbo/render/rendertest"
)

const seed = "testdata/seed.txt"

// testEnv is an environment whose config and data directories are fresh
// temporary folders, so no test reads or writes the user's own.
func testEnv(t *testing.T, vars ...string) func(string) string {
	t.Helper()
	env := map[string]string{
		"XDG_CONFIG_HOME": t.TempDir(),
		"XDG_DATA_HOME":   t.TempDir(),
		"HOME":            t.TempDir(),
	}
	for i := 0; i+1 < len(vars); i += 2 {
		env[vars[i]] = vars[i+1]
	}
	return func(k string) string { return env[k] }
}

// sokbo runs the command line in-process with piped (non-terminal) output
// and a fresh environment.
func sokbo(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	return sokboEnv(t, testEnv(t), args...)
}

// sokboEnv runs the command line in-process in env.
func sokboEnv(t *testing.T, env func(string) string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	std := &streams{in: strings.NewReader(""), out: &out, err: &errb, env: env}
	status = run(context.Background(), args, std)
	return out.String(), errb.String(), status
}

// noEscapes fails if s holds any ESC, C1 or BEL byte: piped output is plain.
func noEscapes(t *testing.T, s string) {
	t.Helper()
	for i, r := range s {
		if r == 0x1b || r == 0x07 || (r >= 0x80 && r <= 0x9f) {
			t.Fatalf("control character %U at byte %d of output", r, i)
		}
	}
}

func TestReadSeedMarkdown(t *testing.T) {
	out, stderr, status := sokbo(t, "read", seed)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	noEscapes(t, out)
	if !strings.HasPrefix(out, "---\n") {
		t.Errorf("markdown does not start with front matter:\n%s", out)
	}
	for _, want := range []string{"title: 카카오톡 네트워크 오류 두 달 만에 접속 장애", "시작 시간", "완전 복구 시간", "복구 소요 시간", "오전 10시54분", "낮 12시20분", "약 1시간 26분", "https://newsdao.kr"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, bad := range []string{"<p", "<td", "<b>", "&nbsp;", "\u00a0"} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds %q", bad)
		}
	}
	// The table's header row is the bold first row, and its data row
	// follows; cells are on one line each.
	var header, row string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "시작 시간") && strings.Contains(l, "복구 소요 시간") {
			header = l
		}
		if strings.Contains(l, "오전 10시54분") && strings.Contains(l, "약 1시간 26분") {
			row = l
		}
	}
	if header == "" || row == "" {
		t.Fatalf("table rows not found:\n%s", out)
	}
	golden.RequireEqual(t, []byte(out))
}

// TestReadSeedText: the article as text, in each language: the words
// sokbo adds (the heading of the links) are the run's, the article's its
// own.
func TestReadSeedText(t *testing.T) {
	for _, w := range []int{40, 60, 80, 120} {
		for _, l := range []string{"ko", "en"} {
			t.Run(l+"/"+fmt.Sprint(w), func(t *testing.T) {
				out, stderr, status := sokboEnv(t, testEnv(t, "LANG", map[string]string{"ko": "ko_KR.UTF-8", "en": "C.UTF-8"}[l]), "read", "--format", "text", "--width", fmt.Sprint(w), seed)
				if status != 0 {
					t.Fatalf("status %d, stderr %q", status, stderr)
				}
				noEscapes(t, out)
				rendertest.CheckLayout(t, out, w)
				// Cells may wrap at narrow widths, but at spaces only: every
				// word of the table stands whole somewhere.
				words := map[string]bool{}
				for _, w := range strings.Fields(out) {
					words[w] = true
				}
				for _, want := range strings.Fields("시작 완전 복구 소요 시간 오전 10시54분 낮 12시20분 약 1시간 26분") {
					if !words[want] {
						t.Errorf("text lacks the word %q", want)
					}
				}
				if strings.Contains(out, "…") {
					t.Errorf("text at %d truncates something with …:\n%s", w, out)
				}
				golden.RequireEqual(t, []byte(out))
			})
		}
	}
}

func TestReadRoundTrip(t *testing.T) {
	first, _, status := sokbo(t, "read", "--format", "markdown", seed)
	if status != 0 {
		t.Fatal("first read failed")
	}
	path := filepath.Join(t.TempDir(), "again.md")
	if err := os.WriteFile(path, []byte(first), 0o600); err != nil {
		t.Fatal(err)
	}
	second, stderr, status := sokbo(t, "read", "--format", "markdown", path)
	if status != 0 {
		t.Fatalf("reading the printed post back failed: %s", stderr)
	}
	if first != second {
		t.Errorf("reading the printed article back changed it:\nfirst:\n%s\nsecond:\n%s", first, second)
	}
}

// TestBracketTitleCLI: a post whose title is written unquoted the way
// Korean news titles begin (`title: [속보] …`, which YAML does not read)
// lists under that title with no warning, and read --format markdown
// writes it quoted, so that the output lists under it too.
func TestBracketTitleCLI(t *testing.T) {
	const title = "[속보] 서울 전역 정전… 지하철 운행 중단"
	dir := filepath.Join(t.TempDir(), "posts")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	post := "---\ntitle: " + title + "\ndate: 2023-08-09 10:00:00 +0900\n---\n본문\n"
	if err := os.WriteFile(filepath.Join(dir, "2023-08-09-outage.md"), []byte(post), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, status := sokbo(t, "list", dir)
	if row := strings.Split(strings.TrimSuffix(out, "\n"), "\t"); status != 0 || stderr != "" || len(row) != 4 || row[2] != title {
		t.Errorf("list: %d %q\n%s", status, stderr, out)
	}
	md, stderr, status := sokbo(t, "read", "--format", "markdown", dir)
	if status != 0 || stderr != "" || !strings.HasPrefix(md, "---\ntitle: '"+title+"'\n") {
		t.Fatalf("read: %d %q\n%s", status, stderr, md)
	}
	again := filepath.Join(t.TempDir(), "x.md")
	if err := os.WriteFile(again, []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, status = sokbo(t, "list", again)
	if row := strings.Split(strings.TrimSuffix(out, "\n"), "\t"); status != 0 || stderr != "" || len(row) != 4 || row[2] != title {
		t.Errorf("list of the markdown written: %d %q\n%s", status, stderr, out)
	}
	if second, stderr, _ := sokbo(t, "read", "--format", "markdown", again); second != md {
		t.Errorf("reading the printed post back changed it (%s):\nfirst:\n%s\nsecond:\n%s", stderr, md, second)
	}
}

// TestReadPostTags: a post's Jekyll tags are its categories, after its
// categories, on every format, and read --format markdown reads back to
// the same article.
func TestReadPostTags(t *testing.T) {
	first, stderr, status := sokbo(t, "read", "--format", "markdown", "testdata/posts", "1")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if !strings.Contains(first, "categories:\n  - News\n  - 날씨\n  - 호우\n  - 대피\n") {
		t.Errorf("tags are not among the categories:\n%s", first)
	}
	path := filepath.Join(t.TempDir(), "again.md")
	if err := os.WriteFile(path, []byte(first), 0o600); err != nil {
		t.Fatal(err)
	}
	if second, stderr, _ := sokbo(t, "read", "--format", "markdown", path); second != first {
		t.Errorf("reading the printed post back changed it (%s):\nfirst:\n%s\nsecond:\n%s", stderr, first, second)
	}
	out, _, _ := sokbo(t, "read", "--format", "json", "testdata/posts", "1")
	var e struct{ Categories []string }
	if err := json.Unmarshal([]byte(out), &e); err != nil || strings.Join(e.Categories, ",") != "News,날씨,호우,대피" {
		t.Errorf("json categories %q (%v)", e.Categories, err)
	}
	text, _, _ := sokbo(t, "read", "--format", "text", "testdata/posts", "1")
	if !strings.Contains(text, " · News, 날씨, 호우, 대피") {
		t.Errorf("the article's header lacks the tags:\n%s", text)
	}
}

func TestReadJSON(t *testing.T) {
	out, stderr, status := sokbo(t, "read", "--format", "json", seed)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	var e readEntry
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if e.Title != "카카오톡 네트워크 오류 두 달 만에 접속 장애" || !strings.Contains(e.Markdown, "복구 소요 시간") {
		t.Errorf("unexpected object: %+v", e)
	}
}

func TestListAtom(t *testing.T) {
	out, stderr, status := sokbo(t, "list", "testdata/atom.xml")
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	noEscapes(t, out)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("want several headlines, got:\n%s", out)
	}
	prev := "9999"
	for i, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			t.Fatalf("line %d has %d fields, want 4: %q", i+1, len(f), l)
		}
		if f[0] != fmt.Sprint(i+1) {
			t.Errorf("line %d numbered %q", i+1, f[0])
		}
		if f[1] != "" && f[1] > prev {
			t.Errorf("line %d (%s) is newer than the line before (%s)", i+1, f[1], prev)
		}
		if f[1] != "" {
			prev = f[1]
		}
	}
	if !strings.Contains(out, "R&D") || strings.Contains(out, "&amp;") {
		t.Errorf("entities not decoded exactly once:\n%s", out)
	}
}

func TestListJSON(t *testing.T) {
	out, _, status := sokbo(t, "list", "--json", "testdata/rss.xml")
	if status != 0 {
		t.Fatal("list --json failed")
	}
	for i, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var e listEntry
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		if e.N != i+1 || e.Title == "" {
			t.Errorf("line %d: %+v", i+1, e)
		}
	}
}

func TestPipedDefaultIsList(t *testing.T) {
	a, _, _ := sokbo(t, "testdata/atom.xml")
	b, _, _ := sokbo(t, "list", "testdata/atom.xml")
	if a != b || a == "" {
		t.Errorf("sokbo SOURCE piped should print the list:\n%s\nvs\n%s", a, b)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	notFeed := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notFeed, []byte("just some notes,\nnot a feed and not a post\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	late := filepath.Join(dir, "late.md")
	if err := os.WriteFile(late, []byte("편집 메모\n\n---\ntitle: 카눈\n---\n본문\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, "damaged.db")
	if err := os.WriteFile(damaged, []byte("SQLite format 3\x00 this is not a database at all, just bytes"+string(make([]byte, 4096))), 0o600); err != nil {
		t.Fatal(err)
	}
	// Damaged through its header, where a cache names its application.
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("SQLite format 3\x00"+strings.Repeat("junk", 2000)), 0o600); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "places.sqlite")
	if db, err := sql.Open("sqlite", foreign); err != nil {
		t.Fatal(err)
	} else if _, err := db.Exec(`CREATE TABLE places (url TEXT)`); err != nil {
		t.Fatal(err)
	} else {
		db.Close()
	}
	tests := map[string]struct {
		args   []string
		status int
		stderr string // a part of the one-line message
	}{
		"foreign cache":     {[]string{"--db", foreign, "refresh"}, 1, "offline cache " + foreign + ": not a sokbo cache (another program's SQLite database, left untouched); give --db another path"},
		"feeds add ftp":     {[]string{"feeds", "add", "ftp://x"}, 1, "feeds add: ftp://x: not an http(s) URL"},
		"not a cache":       {[]string{"--db", notFeed, "list"}, 1, "offline cache " + notFeed + ": not a sokbo cache (not an SQLite database); move it away"},
		"damaged cache":     {[]string{"--db", damaged, "list"}, 1, "offline cache " + damaged + ": damaged; move it aside (mv " + damaged},
		"damaged header":    {[]string{"--db", junk, "list"}, 1, "offline cache " + junk + ": damaged; move it aside (mv " + junk},
		"missing file":      {[]string{"read", filepath.Join(dir, "nope.xml")}, 1, "nope.xml"},
		"not a feed":        {[]string{"list", notFeed}, 1, "notes.txt"},
		"late front matter": {[]string{"list", late}, 1, late + ": not a feed or a post (front matter must begin on the first line, not at line 3)"},
		"bad item":          {[]string{"read", seed, "99"}, 1, "99"},
		"unknown flag":      {[]string{"list", "--bogus"}, 2, "unknown flag --bogus"},
		"dash word":         {[]string{"search", "-속보", seed}, 2, "unknown flag -속보 (put -- before an argument that starts with -: -- -속보)"},
		"dash letter":       {[]string{"list", "-q"}, 2, "unknown flag -q (put -- before"},
		"mistyped command":  {[]string{"lsit"}, 2, "lsit: no such command or file (did you mean list?)"},
		"no command near":   {[]string{"xyzzy"}, 2, "xyzzy: no such command or file (the commands are list,"},
		"help of nothing":   {[]string{"help", "xyzzy"}, 2, "help xyzzy: no such command (the commands: sokbo --help)"},
		"help mistyped":     {[]string{"help", "feeds", "lsit"}, 2, "help feeds lsit: no such command (did you mean ls?)"},
		"bad number":        {[]string{"read", "--width", "abc", seed}, 2, "--width=abc: not a valid value"},
		"missing value":     {[]string{"read", seed, "--width"}, 2, "--width needs a value"},
		"bad format":        {[]string{"read", "--format", "pdf", seed}, 2, "pdf"},
		"too many args":     {[]string{"read", seed, "1", "2"}, 2, "read takes"},
		"bad style":         {[]string{"--style", "neon", seed}, 2, "neon"},
		"bad ambiguous":     {[]string{"--ambiguous", "maybe", seed}, 2, "maybe"},
		"negative width":    {[]string{"read", "--width", "-3", seed}, 2, "width"},
		"tiny width":        {[]string{"read", "--width", "5", seed}, 2, "at least 20"},
		"zero width":        {[]string{"read", "--width", "0", seed}, 2, "--width 0: want at least 20"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			out, stderr, status := sokbo(t, tt.args...)
			if status != tt.status {
				t.Errorf("status %d, want %d (stderr %q)", status, tt.status, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.stderr)
			}
			if tt.status == 1 && strings.Count(stderr, "\n") != 1 {
				t.Errorf("runtime error is not one line: %q", stderr)
			}
			for _, bad := range []string{"panic", "goroutine", ".go:"} {
				if strings.Contains(stderr, bad) {
					t.Errorf("stderr holds %q: %s", bad, stderr)
				}
			}
			noEscapes(t, out+stderr)
		})
	}
}

// TestFolderWithNoPosts: a folder with no posts that is the only
// source, or beside sources that all failed, is an error: one line
// naming the folder and why (how many files were skipped, the first and
// why), status 1, as for an empty file; read says the same, not that
// there is no item 1. Beside a source that works it is one warning.
func TestFolderWithNoPosts(t *testing.T) {
	empty, notes := t.TempDir(), t.TempDir()
	for i := range 30 {
		if err := os.WriteFile(filepath.Join(notes, fmt.Sprintf("a%02d.txt", i)), []byte("메모\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	notesLine := "sokbo: " + notes + ": no posts in this folder (30 files skipped; the first, a00.txt: plain text with no front matter)\n"
	missing := filepath.Join(empty, "nope.xml")
	tests := map[string]struct {
		args   []string
		status int
		stderr string // all of it
		listed bool   // stdout lists the seed
	}{
		"empty folder":      {[]string{"list", empty}, 1, "sokbo: " + empty + ": no posts in this folder\n", false},
		"folder of notes":   {[]string{"list", notes}, 1, notesLine, false},
		"as json":           {[]string{"list", "--json", notes}, 1, notesLine, false},
		"read":              {[]string{"read", notes}, 1, notesLine, false},
		"read empty":        {[]string{"read", empty, "1"}, 1, "sokbo: " + empty + ": no posts in this folder\n", false},
		"search":            {[]string{"search", "메모", notes}, 1, notesLine, false},
		"all others failed": {[]string{"list", notes, missing}, 1, notesLine + "sokbo: " + missing + ": no such file\n", false},
		"beside a good one": {[]string{"list", notes, seed}, 0, "sokbo: warning: " + strings.TrimPrefix(notesLine, "sokbo: "), true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			out, stderr, status := sokbo(t, tt.args...)
			if status != tt.status || stderr != tt.stderr {
				t.Errorf("status %d, stderr:\n%s\nwant %d:\n%s", status, stderr, tt.status, tt.stderr)
			}
			if listed := strings.Contains(out, "카카오톡"); listed != tt.listed {
				t.Errorf("seed listed %v, want %v:\n%s", listed, tt.listed, out)
			}
		})
	}
	t.Run("read after a list", func(t *testing.T) {
		// A list kept of the folder does not stand in for its cause.
		env := testEnv(t)
		sokboEnv(t, env, "list", notes)
		if _, stderr, status := sokboEnv(t, env, "read", notes, "1"); status != 1 || stderr != notesLine {
			t.Errorf("status %d, stderr %q; want %q", status, stderr, notesLine)
		}
	})
	t.Run("hostile names", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "evil\x1b[2J")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "\x1b]0;pwned\x07.txt"), []byte("메모\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, stderr, status := sokbo(t, "list", dir)
		if status != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "1 file skipped; ") {
			t.Errorf("status %d, stderr %q", status, stderr)
		}
		noEscapes(t, stderr)
	})
	t.Run("korean", func(t *testing.T) {
		_, stderr, status := sokboEnv(t, testEnv(t, "LANG", "ko_KR.UTF-8"), "list", notes)
		if want := "sokbo: " + notes + ": 이 폴더에 글이 없습니다 (파일 30개 건너뜀; 첫 파일 a00.txt: 머리말 없는 텍스트)\n"; status != 1 || stderr != want {
			t.Errorf("status %d, stderr %q; want %q", status, stderr, want)
		}
	})
}

func TestHelpAndVersion(t *testing.T) {
	for use, args := range map[string][]string{
		"sokbo [command] [SOURCE...]": {"--help"}, "sokbo [command] [SOURCE...] ": {"-h"},
		"sokbo [command] [SOURCE...]  ": {"help"}, "sokbo list [SOURCE...]": {"list", "--help"},
		"sokbo read [SOURCE [ITEM]]": {"read", "-h"}, "sokbo read [SOURCE [ITEM]] ": {"help", "read"},
	} {
		out, _, status := sokbo(t, args...)
		if use = strings.TrimSpace(use); status != 0 || !strings.Contains(out, "USAGE") || !strings.Contains(out, use) {
			t.Errorf("%v: status %d, output lacks %q:\n%s", args, status, use, out)
		}
		noEscapes(t, out)
	}
	out, _, status := sokbo(t, "--version")
	if status != 0 || out != "sokbo "+version+"\n" {
		t.Errorf("--version printed %q", out)
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	a, _, _ := sokbo(t, "read", seed, "--format", "json")
	b, _, _ := sokbo(t, "read", "--format", "json", seed)
	if a != b || !strings.HasPrefix(a, "{") {
		t.Errorf("flags after the source are not honoured: %q", a)
	}
}

// TestPartialFailure: one bad source among good ones is reported on one
// line and the status says so, but the good sources are still listed.
func TestPartialFailure(t *testing.T) {
	out, stderr, status := sokbo(t, "list", "testdata/nope.xml", "testdata/rss.xml")
	if status != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "nope.xml") {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
	if strings.Count(out, "\n") != 6 {
		t.Errorf("the good source is not listed:\n%s", out)
	}
}

// TestBadAmbiguousEnv: a bad SOKBO_AMBIGUOUS is one line naming the
// variable, its value escaped and what it takes; a variable is no
// argument, so no usage line follows.
func TestBadAmbiguousEnv(t *testing.T) {
	want := map[string]string{
		"en": `sokbo: SOKBO_AMBIGUOUS="bo\x1bgus": want auto, narrow or wide` + "\n",
		"ko": `sokbo: SOKBO_AMBIGUOUS="bo\x1bgus": 바른 값: auto, narrow 또는 wide` + "\n",
	}
	for l, line := range want {
		_, stderr, status := sokboEnv(t, testEnv(t, "SOKBO_AMBIGUOUS", "bo\x1bgus"), "--lang", l, "list", seed)
		if status != 1 || stderr != line {
			t.Errorf("%s: status %d, stderr %q\nwant %q", l, status, stderr, line)
		}
	}
}

// TestHelpLayout: piped, the help has no line padded with spaces (fang
// pads to 120 columns) and none wider than 80 cells, a description too
// long for its line wrapped under its column (QA 3), and a command's
// prose reflowed to 80.
func TestHelpLayout(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		for _, args := range [][]string{{"--help"}, {"watch", "--help"}, {"read", "--help"}, {"feeds", "--help"}, {"search", "--help"}, {"completion", "--help"}, {"completion", "bash", "--help"}, {"man", "--help"}} {
			out, stderr, status := sokbo(t, append([]string{"--lang", lang}, args...)...)
			if status != 0 || stderr != "" {
				t.Fatalf("%s %v: %d %q", lang, args, status, stderr)
			}
			for i, l := range strings.Split(out, "\n") {
				if strings.TrimRight(l, " \t") != l || render.Width(l) > 80 {
					t.Errorf("%s %v line %d: %q", lang, args, i+1, l)
				}
			}
		}
	}
	// Every command's headings are in its language: completion's and
	// man's help too, not only their scripts, which stay as they are.
	for _, args := range [][]string{{"completion", "--help"}, {"man", "--help"}} {
		out, _, _ := sokbo(t, append([]string{"--lang", "ko"}, args...)...)
		if !strings.Contains(out, "\n  사용법\n") || !strings.Contains(out, "\n  플래그\n") || strings.Contains(out, "USAGE") || strings.Contains(out, "FLAGS") {
			t.Errorf("%v: headings not in Korean:\n%s", args, out)
		}
	}
	if out, _, _ := sokbo(t, "--lang", "ko", "completion", "bash"); !strings.HasPrefix(out, "# bash completion V2 for sokbo") {
		t.Errorf("completion bash: %.80q", out)
	}
	// The prose is reflowed to the width, as on a terminal: a line of the
	// catalogue a little wider than 78 was broken again, its last word
	// alone on a line below, indented as a flag's description.
	out, _, _ := sokbo(t, "--lang", "en", "feeds", "--help")
	if !strings.Contains(out, "\n  Lists, adds, removes or renames subscriptions. Feeds listed in the config file\n  are subscriptions too;") {
		t.Errorf("the description of feeds is not reflowed:\n%s", out)
	}
	out, _, _ = sokbo(t, "--lang", "en", "--help")
	if !strings.Contains(out, "    --ambiguous                         Width of East Asian ambiguous characters\n                                        such as") {
		t.Errorf("the description of --ambiguous is not wrapped under its column:\n%s", out)
	}
}

// TestHelpWrapsAtTerminal: on a terminal, a line of fang's help wider than
// the terminal is wrapped at a space, never cut mid-word by the terminal,
// and the catalogue's prose is reflowed to the width, not broken again
// at it line by line.
// TestHelpUsageKeepsFlags: fang wraps the usage line with lipgloss, which
// breaks after the hyphens of "[--flags]"; such a block is one line
// again, wrapped at the terminal's width at spaces only, in the block's
// indentation and styles. A block fang broke at a space is left alone.
func TestHelpUsageKeepsFlags(t *testing.T) {
	for name, tc := range map[string]struct {
		fang string
		w    int
		want string
	}{
		"broken after a hyphen": {"    sokbo read [SOURCE [ITEM]] [--\n    flags]\n", 40,
			"    sokbo read [SOURCE [ITEM]] [--flags]\n"},
		"broken after a hyphen, narrower": {"    sokbo read [SOURCE\n    [ITEM]] [--\n    flags]\n", 24,
			"    sokbo read [SOURCE\n    [ITEM]] [--flags]\n"},
		"styled": {"  \x1b[48;5;17m  \x1b[38;5;63msokbo\x1b[38;5;59m [A] [--  \n  \x1b[48;5;17m  \x1b[38;5;59mflags]  \n", 40,
			"  \x1b[48;5;17m  \x1b[38;5;63msokbo\x1b[38;5;59m [A] [--flags]\n"},
		"broken at a space": {"    sokbo feeds rename URL|NAME\n    NEWNAME [--flags]\n", 40,
			"    sokbo feeds rename URL|NAME\n    NEWNAME [--flags]\n"},
		"piped": {"    sokbo read [SOURCE [ITEM]] [--flags]\n", 0,
			"    sokbo read [SOURCE [ITEM]] [--flags]\n"},
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			hw := &headingWriter{w: &b, width: tc.w}
			fmt.Fprint(hw, "\n  USAGE\n\n"+tc.fang+"\n  FLAGS\n\n    --db  The cache\n")
			if err := hw.Flush(); err != nil {
				t.Fatal(err)
			}
			want := "\n  USAGE\n\n" + tc.want + "\n  FLAGS\n\n    --db  The cache\n"
			if got := rendertest.StripANSI(b.String()); got != rendertest.StripANSI(want) {
				t.Errorf("got\n%s\nwant\n%s", got, rendertest.StripANSI(want))
			}
			if strings.Contains(tc.fang, "\x1b[48;5;17m") {
				// The joined line keeps the block's background.
				usage := strings.Split(b.String(), "\n")[3]
				if !strings.Contains(usage, "\x1b[48;5;17m") || !strings.Contains(usage, "\x1b[38;5;63msokbo") {
					t.Errorf("the usage line lost its styles: %q", usage)
				}
			}
		})
	}
}

func TestHelpWrapsAtTerminal(t *testing.T) {
	t.Setenv("RUNEWIDTH_EASTASIAN", "0")
	var b bytes.Buffer
	hw := &headingWriter{w: &b, width: 60}
	fmt.Fprint(hw, "    --ambiguous                         Width of East Asian ambiguous characters such as · … ※ ○: auto, narrow or wide   \n")
	if err := hw.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "    --ambiguous                         Width of East Asian\n" +
		"                                        ambiguous characters\n" +
		"                                        such as · … ※ ○:\n" +
		"                                        auto, narrow or wide\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	prose := "It opens the interactive reader on a terminal and prints the headline list\nwhen stdout is not one.\n\n    HH:MM  outlet  title  link\n\nEnd."
	got := reflowProse(prose, 40)
	wantProse := "It opens the interactive reader on a\nterminal and prints the headline list\nwhen stdout is not one.\n\n    HH:MM  outlet  title  link\n\nEnd."
	if got != wantProse {
		t.Errorf("reflowed:\n%s\nwant\n%s", got, wantProse)
	}
	// A table of an indented block keeps its columns: a row too wide
	// goes on under its second column, or its indent without one.
	table := "Formats:\n  auto      ansi on a terminal, markdown when piped (default)\n  text      plain\n    a sample line with no second column at all, too long"
	got = reflowProse(table, 40)
	wantTable := "Formats:\n  auto      ansi on a terminal, markdown\n            when piped (default)\n  text      plain\n    a sample line with no second column\n    at all, too long"
	if got != wantTable {
		t.Errorf("reflowed table:\n%s\nwant\n%s", got, wantTable)
	}
	// The second column is found in cells, not bytes: a Hangul key.
	got = reflowProse("형식:\n  형식      터미널에서는 ansi, 파이프에서는 markdown", 34)
	wantKo := "형식:\n  형식      터미널에서는 ansi,\n            파이프에서는 markdown"
	if got != wantKo {
		t.Errorf("reflowed Korean table:\n%s\nwant\n%s", got, wantKo)
	}
}

// TestDidYouMean: a word within two edits of a command, or the start of
// one, is offered as that command, in either language, unless a file of
// that name exists: then it is a source. So is a word given to feeds
// that is close to one of its commands; a two-letter word is not offered
// every two-letter command.
func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct{ words, lang, want string }{
		{"lsit", "en", "sokbo: lsit: no such command or file (did you mean list?)\n"},
		{"lsit", "ko", "sokbo: lsit: 그런 명령이나 파일이 없음 (혹시 list?)\n"},
		{"serach", "en", "sokbo: serach: no such command or file (did you mean search?)\n"},
		{"improt", "ko", "sokbo: improt: 그런 명령이나 파일이 없음 (혹시 import?)\n"},
		{"r", "en", "sokbo: r: no such command or file (did you mean read or refresh?)\n"},
		{"r", "ko", "sokbo: r: 그런 명령이나 파일이 없음 (혹시 read 또는 refresh?)\n"},
		{"feeds lsit", "en", "sokbo: feeds lsit: no such command (did you mean ls?)\n"},
		{"feeds lsit", "ko", "sokbo: feeds lsit: 그런 명령이 없음 (혹시 ls?)\n"},
		{"feeds ad https://a.example/rss", "en", "sokbo: feeds ad: no such command (did you mean add?)\n"},
		{"feeds r", "ko", "sokbo: feeds r: 그런 명령이 없음 (혹시 rename 또는 rm?)\n"},
		{"feeds list", "en", "sokbo: feeds list: no such command (did you mean ls?)\n"},
		{"feeds remove x", "ko", "sokbo: feeds remove: 그런 명령이 없음 (혹시 rm?)\n"},
		{"feeds zzzz", "en", "sokbo: feeds zzzz: want ls, add URL, rm URL|NAME or rename URL|NAME NEWNAME\n"},
	} {
		_, stderr, status := sokbo(t, append([]string{"--lang", tc.lang}, strings.Fields(tc.words)...)...)
		if first, _, _ := strings.Cut(stderr, "\n"); status != 2 || first+"\n" != tc.want {
			t.Errorf("sokbo --lang %s %s: status %d, %q; want %q", tc.lang, tc.words, status, stderr, tc.want)
		}
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("lsit", []byte("not a feed\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, _ := sokbo(t, "lsit"); strings.Contains(stderr, "did you mean") || !strings.Contains(stderr, "lsit: not a feed") {
		t.Errorf("a file named lsit: %q", stderr)
	}
}
