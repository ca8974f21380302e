package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestJSONShape: list --json, search --json, read --format json and
// watch --json describe an item with the same fields, of the same names
// and meaning: an array is [] when empty, never null or left out, and
// each command adds only its own fields (README, JSON).
func TestJSONShape(t *testing.T) {
	room := newNewsroom(t)
	now := time.Now()
	room.add("/garam", "g1", "국회, 예산안 처리 합의", now.Add(-time.Hour))
	cfg := configWith(t, room, "", [2]string{"가람일보", "/garam"})
	env := testEnv(t)
	if _, stderr, status := sokboEnv(t, env, "--config", cfg, "refresh"); status != 0 {
		t.Fatal(stderr)
	}
	objects := func(name, out string) []map[string]any {
		t.Helper()
		var all []map[string]any
		dec := json.NewDecoder(strings.NewReader(out))
		for dec.More() {
			var o map[string]any
			if err := dec.Decode(&o); err != nil {
				t.Fatalf("%s: %v in %q", name, err, out)
			}
			all = append(all, o)
		}
		if len(all) != 1 {
			t.Fatalf("%s: %d objects in %q", name, len(all), out)
		}
		return all
	}
	run := func(args ...string) string {
		t.Helper()
		out, stderr, status := sokboEnv(t, env, append([]string{"--config", cfg}, args...)...)
		if status != 0 {
			t.Fatalf("%v: %d %q", args, status, stderr)
		}
		return out
	}
	got := map[string]map[string]any{
		"list":   objects("list", run("list", "--offline", "--json"))[0],
		"search": objects("search", run("search", "--offline", "--json", "국회"))[0],
		"read":   objects("read", run("read", "--offline", "--format", "json", "1"))[0],
		"watch":  objects("watch", run("watch", "--once", "--offline", "--json", "--since", "2h"))[0],
	}
	common := []string{"id", "title", "link", "published", "categories", "source", "feed", "tags", "read", "starred"}
	own := map[string][]string{
		"list":   {"n", "body"},
		"search": {"n", "body"},
		"read":   {"markdown", "body"},
		"watch":  {"time", "first_seen", "alerts", "replay"},
	}
	for name, o := range got {
		for _, k := range append(append([]string{}, common...), own[name]...) {
			if _, ok := o[k]; !ok {
				t.Errorf("%s: no %q in %v", name, k, keys(o))
			}
		}
		for _, k := range []string{"categories", "tags", "alerts"} {
			if v, ok := o[k]; ok && !reflect.DeepEqual(v, []any{}) {
				t.Errorf("%s: %q is %#v, want []", name, k, v)
			}
		}
		if v, ok := o["body"]; ok && v != "feed" {
			t.Errorf("%s: body %#v, want \"feed\"", name, v)
		}
		for _, k := range common {
			if !reflect.DeepEqual(o[k], got["list"][k]) {
				t.Errorf("%s: %q is %#v, list says %#v", name, k, o[k], got["list"][k])
			}
		}
	}
}

func keys(o map[string]any) []string {
	var ks []string
	for k := range o {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestJSONSourceExact: a local file's name, controls and all, is the
// "source" of every JSON output exactly, escaped (\u001b, \u007f,
// \u009b), with no raw control byte written; text output keeps cleaning
// it.
func TestJSONSourceExact(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "folder\x1b]0;x\a")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "evil\x1b[31mred\a\x01\x7f\u009b\t.md")
	post := "---\ntitle: 국회 예산안\ndate: 2024-01-02\n---\n\n<p>본문</p>\n"
	if err := os.WriteFile(path, []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	env := testEnv(t)
	for _, args := range [][]string{
		{"list", "--json", path},
		{"read", "--format", "json", path},
		{"search", "--json", "국회", path},
		{"list", "--json", dir},
	} {
		out, stderr, status := sokboEnv(t, env, args...)
		if status != 0 {
			t.Fatalf("%q: %d %q", args, status, stderr)
		}
		for i := 0; i < len(out); i++ {
			if c := out[i]; (c < 0x20 && c != '\n') || c == 0x7f || (c == 0xc2 && i+1 < len(out) && out[i+1] >= 0x80 && out[i+1] <= 0x9f) {
				t.Errorf("%q: raw control %#x at %d in %q", args, c, i, out)
			}
		}
		var o struct{ Source string }
		if err := json.Unmarshal([]byte(out), &o); err != nil {
			t.Fatalf("%q: %v in %q", args, err, out)
		}
		want := path
		if args[len(args)-1] == dir {
			want = dir
		}
		if o.Source != want {
			t.Errorf("%q: source = %q, want %q", args, o.Source, want)
		}
	}
	out, _, _ := sokboEnv(t, env, "read", "--format", "text", path)
	noEscapes(t, out)
}
