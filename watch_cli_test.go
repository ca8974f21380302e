package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// configWith writes a config file listing the newsroom's feeds and
// returns its path.
func configWith(t *testing.T, room *newsroom, extra string, feeds ...[2]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(extra + "\n")
	for _, f := range feeds {
		b.WriteString("[[feed]]\nname = \"" + f[0] + "\"\nurl = \"" + room.url(f[1]) + "\"\n")
	}
	cfg := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(cfg, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestStableN: `read N` reads what the last `list` printed as N, though a
// refresh brought news in between; the next `list` numbers afresh.
func TestStableN(t *testing.T) {
	room := newNewsroom(t)
	now := time.Now()
	room.add("/garam", "g1", "국회, 예산안 처리 합의", now.Add(-2*time.Hour))
	room.add("/garam", "g2", "코스피 2% 급락 마감", now.Add(-time.Hour))
	cfg := configWith(t, room, "", [2]string{"가람일보", "/garam"})
	env := testEnv(t)
	list, stderr, status := sokboEnv(t, env, "--config", cfg, "list")
	if status != 0 || !strings.HasPrefix(list, "1\t") || !strings.Contains(strings.Split(list, "\n")[0], "코스피") {
		t.Fatalf("list: %d %q\n%s", status, stderr, list)
	}
	room.add("/garam", "g3", "[속보] 서울 첫눈 관측", now)
	if out, stderr, status := sokboEnv(t, env, "--config", cfg, "refresh"); status != 0 || !strings.Contains(out, "1 new") {
		t.Fatalf("refresh: %q %q", out, stderr)
	}
	read := func(n string) string {
		t.Helper()
		out, stderr, status := sokboEnv(t, env, "--config", cfg, "read", "--offline", n, "--format", "json")
		if status != 0 {
			t.Fatalf("read %s: %d %q", n, status, stderr)
		}
		var e readEntry
		if err := json.Unmarshal([]byte(out), &e); err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	if id := read("1"); id != "g2" {
		t.Errorf("read 1 after news came in: %s, want g2, which list printed as 1", id)
	}
	if id := read("2"); id != "g1" {
		t.Errorf("read 2: %s, want g1", id)
	}
	if _, stderr, status := sokboEnv(t, env, "--config", cfg, "read", "--offline", "3"); status != 1 || !regexp.MustCompile(`no such item: 3 \(the list made at \d\d:\d\d numbers 1 to 2\)`).MatchString(stderr) {
		t.Errorf("read 3 of a list of 2: %d %q", status, stderr)
	}
	if list, _, _ = sokboEnv(t, env, "--config", cfg, "list", "--offline"); !strings.Contains(strings.Split(list, "\n")[0], "첫눈") {
		t.Fatalf("second list:\n%s", list)
	}
	if id := read("1"); id != "g3" {
		t.Errorf("read 1 after the second list: %s, want g3", id)
	}
}

// TestListFolds: one story from two outlets is one row with the outlets
// named; read N.M reads each report; --no-group and group = false list
// every item; --json carries the members.
func TestListFolds(t *testing.T) {
	room := newNewsroom(t)
	now := time.Now()
	room.add("/garam", "g1", "[속보] 가람시 전역 정전… 지하철 운행 중단", now.Add(-20*time.Minute))
	room.add("/narae", "n1", "가람시 전역에 정전, 지하철 운행도 중단돼", now.Add(-10*time.Minute))
	room.add("/narae", "n2", "코스피 2% 급락 마감", now.Add(-5*time.Minute))
	feeds := [][2]string{{"가람일보", "/garam"}, {"나래신문", "/narae"}}
	cfg := configWith(t, room, "", feeds...)
	env := testEnv(t)
	list, stderr, status := sokboEnv(t, env, "--config", cfg, "list")
	lines := strings.Split(strings.TrimSuffix(list, "\n"), "\n")
	if status != 0 || len(lines) != 2 || !strings.Contains(lines[1], "\t[속보] 가람시 전역 정전… 지하철 운행 중단 · 가람일보 and 1 more\t"+room.url("/garam")+"/g1") {
		t.Fatalf("list: %d %q\n%s", status, stderr, list)
	}
	for n, want := range map[string]string{"2": "가람시 전역 정전… 지하철", "2.2": "가람시 전역에 정전, 지하철"} {
		out, stderr, _ := sokboEnv(t, env, "--config", cfg, "read", "--offline", n, "--format", "text")
		if !strings.Contains(out, want) {
			t.Errorf("read %s: %q\n%s", n, stderr, out)
		}
	}
	js, _, _ := sokboEnv(t, env, "--config", cfg, "list", "--offline", "--json")
	var rows []listEntry
	for _, l := range strings.Split(strings.TrimSpace(js), "\n") {
		var e listEntry
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, e)
	}
	if len(rows) != 2 || rows[1].Group == nil || rows[1].Group.Others != 1 || len(rows[1].Group.Members) != 2 || rows[1].Group.Members[1].N != "2.2" {
		t.Errorf("json rows %+v", rows)
	}
	if all, _, _ := sokboEnv(t, env, "--config", cfg, "list", "--offline", "--no-group"); strings.Count(all, "\n") != 3 || strings.Contains(all, "and 1 more") {
		t.Errorf("--no-group:\n%s", all)
	}
	off := configWith(t, room, "group = false", feeds...)
	if all, _, _ := sokboEnv(t, env, "--config", off, "list", "--offline"); strings.Count(all, "\n") != 3 {
		t.Errorf("group = false:\n%s", all)
	}
}

// TestWatchOnce: the first --once marks where it starts; after news
// comes in (fetched by another command), --once prints it, once.
func TestWatchOnce(t *testing.T) {
	room := newNewsroom(t)
	now := time.Now()
	room.add("/garam", "g1", "국회, 예산안 처리 합의", now.Add(-time.Hour))
	cfg := configWith(t, room, "", [2]string{"가람일보", "/garam"})
	env := testEnv(t)
	out, stderr, status := sokboEnv(t, env, "--config", cfg, "watch", "--once")
	if status != 0 || out != "" || !strings.Contains(stderr, "first run") {
		t.Fatalf("first --once: %d %q %q", status, out, stderr)
	}
	room.add("/garam", "g2", "서울 첫눈 관측", now)
	if _, stderr, status := sokboEnv(t, env, "--config", cfg, "refresh"); status != 0 {
		t.Fatal(stderr)
	}
	out, stderr, status = sokboEnv(t, env, "--config", cfg, "watch", "--once")
	want := now.Format("15:04") + "\t가람일보\t서울 첫눈 관측\t" + room.url("/garam") + "/g2\n"
	if status != 0 || out != want || stderr != "" {
		t.Errorf("second --once: %d %q %q, want %q", status, out, stderr, want)
	}
	if out, _, _ = sokboEnv(t, env, "--config", cfg, "watch", "--once", "--offline"); out != "" {
		t.Errorf("third --once printed again: %q", out)
	}
	out, _, _ = sokboEnv(t, env, "--config", cfg, "watch", "--once", "--offline", "--json", "--since", "2h")
	var e watchEntry
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || json.Unmarshal([]byte(lines[1]), &e) != nil || e.ID != "g2" || !e.Replay || e.Feed != "가람일보" {
		t.Errorf("--since 2h --json: %q", out)
	}
}

func TestWatchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"watch", "testdata/atom.xml"},
		{"watch", "--alerts-only"},
		{"list", "--refresh", "--offline"},
	} {
		_, stderr, status := sokbo(t, args...)
		if status != 2 || strings.Count(stderr, "\n") > 2 || stderr == "" {
			t.Errorf("%v: %d %q", args, status, stderr)
		}
	}
}

// TestWatchSinceNotDuration: a --since that is no duration is answered
// with the form it takes, in either language.
func TestWatchSinceNotDuration(t *testing.T) {
	for l, want := range map[string]string{"en": `--since "bogus": want 30m, 1h, 2h30m`, "ko": `--since "bogus": 바른 값: 30m, 1h, 2h30m`} {
		_, stderr, status := sokbo(t, "--lang", l, "watch", "--once", "--since", "bogus")
		if status != 2 || !strings.Contains(stderr, want) {
			t.Errorf("%s: %d %q", l, status, stderr)
		}
	}
}

// TestWatchSinceRangeEchoes: the error echoes --since as typed, not
// time.Duration's normal form (QA 13: "1000000h0m0s").
func TestWatchSinceRangeEchoes(t *testing.T) {
	for _, v := range []string{"1000000h", "-1m", "721h"} {
		_, stderr, status := sokbo(t, "watch", "--once", "--since", v)
		if status != 2 || !strings.Contains(stderr, "--since "+v+":") || strings.Contains(stderr, "0m0s") {
			t.Errorf("--since %s: %d %q", v, status, stderr)
		}
	}
}
