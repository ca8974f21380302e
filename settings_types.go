package main

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"sokbo/feed/clean"
	"sokbo/render/lang"
)

// mistypedValue words a config whose TOML is well formed but gives a key
// a value of another type than it takes (refresh = 5, where a duration
// goes in quotes): the line, the key as written, its value and what it
// wants. The TOML decoder says this only in its own English, naming Go's
// types; ok is false when the error is something else.
func mistypedValue(l lang.Lang, data string, err error) (msg string, ok bool) {
	var m map[string]any
	if _, perr := toml.Decode(data, &m); perr != nil {
		return "", false
	}
	key, got, want, ok := mistyped(m, reflect.TypeFor[fileConfig](), "")
	if !ok {
		return "", false
	}
	line := 0
	if sub := decodeLine.FindStringSubmatch(err.Error()); sub != nil {
		line, _ = strconv.Atoi(sub[1])
	}
	name := key[strings.LastIndexByte(key, '.')+1:]
	example := valueExamples[name]
	switch {
	case strings.HasPrefix(want, "list of "):
		example = listExamples[name]
	case want == "table" || want == "tables":
		example = name
	}
	return l.Mistyped(line, clean.OneLine(key), clean.OneLine(got), want, example), true
}

// decodeLine finds the line in the TOML decoder's message.
var decodeLine = regexp.MustCompile(`^toml: line (\d+) `)

// valueExamples are values the string keys that take a duration or a
// size take, for a message about a number given bare.
var valueExamples = map[string]string{
	"refresh": "10m", "timeout": "15s", "wait": "5s", "keep": "90d", "max_body": "20MiB", "rate": "5/h", "quiet": "23:00-07:00",
}

// listExamples are lists the keys that take one take, as TOML writes
// them, for a message about a value that is no list.
var listExamples = map[string]string{
	"terminal_browsers": `["w3m"]`, "hosts": `["dongne.example"]`,
	"detect": `["#article-view-content-div"]`, "body": `["#article-view-content-div"]`,
	"drop": `[".ad"]`, "byline": `[".byline"]`, "drop_text": `["^Copyright"]`,
}

// mistyped finds the first key of m whose value t's field (by its toml
// tag) cannot take: its path as written (feed[2].refresh), its value in
// TOML, and the TOML type wanted: "string", "integer", "boolean", a list
// of one of them ("list of string"), "table" ([keys]) or "tables"
// ([[feed]]). A field whose type reads TOML itself (toml.Unmarshaler)
// says what it takes on its own.
func mistyped(m map[string]any, t reflect.Type, prefix string) (key, got, want string, ok bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			// An embedded struct's keys are the table's own.
			if k, g, w, ok := mistyped(m, f.Type, prefix); ok {
				return k, g, w, true
			}
			continue
		}
		v, present := m[name]
		if name == "" || name == "-" || !present {
			continue
		}
		key := prefix + name
		ft := derefType(f.Type)
		if reflect.PointerTo(ft).Implements(unmarshalerType) {
			continue
		}
		switch ft.Kind() {
		case reflect.Struct:
			sub, ok := v.(map[string]any)
			if !ok {
				return key, tomlValue(v), "table", true
			}
			if k, g, w, ok := mistyped(sub, ft, key+"."); ok {
				return k, g, w, true
			}
		case reflect.Slice:
			et := derefType(ft.Elem())
			if et.Kind() != reflect.Struct {
				list, ok := v.([]any)
				if !ok || slices.ContainsFunc(list, func(e any) bool { return !scalarFits(e, et) }) {
					return key, tomlValue(v), "list of " + scalarWant(et), true
				}
				continue
			}
			tables, ok := asTables(v)
			if !ok {
				return key, tomlValue(v), "tables", true
			}
			for i, sub := range tables {
				if k, g, w, ok := mistyped(sub, et, fmt.Sprintf("%s[%d].", key, i+1)); ok {
					return k, g, w, true
				}
			}
		default:
			if !scalarFits(v, ft) {
				return key, tomlValue(v), scalarWant(ft), true
			}
		}
	}
	return "", "", "", false
}

// unmarshalerType is toml.Unmarshaler, for the fields that read
// themselves.
var unmarshalerType = reflect.TypeFor[toml.Unmarshaler]()

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// scalarWant is the TOML type of a string, number or boolean field.
func scalarWant(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Uint32:
		return "integer"
	case reflect.Bool:
		return "boolean"
	}
	return "string"
}

// scalarFits reports whether a decoded value v fits a field of type t; a
// field of a kind this does not know takes anything.
func scalarFits(v any, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String:
		_, ok := v.(string)
		return ok
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Uint32:
		_, ok := v.(int64)
		return ok
	case reflect.Bool:
		_, ok := v.(bool)
		return ok
	}
	return true
}

// asTables is v as an array of tables: [[feed]] headers, or an inline
// array of inline tables (feed = [{url = "…"}]).
func asTables(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		tables := make([]map[string]any, 0, len(v))
		for _, e := range v {
			sub, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			tables = append(tables, sub)
		}
		return tables, true
	}
	return nil, false
}

// tomlValue writes a decoded value back as TOML would: 5, 1.5, true, "x".
func tomlValue(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.Format(time.RFC3339)
	case []any:
		// A short list as it is written ([5], ["a", 1]), so that a
		// message about its items shows them.
		items := make([]string, len(v))
		for i, e := range v {
			items[i] = tomlValue(e)
		}
		if list := "[" + strings.Join(items, ", ") + "]"; len(list) <= 40 {
			return list
		}
		return "[…]"
	case map[string]any:
		return "{…}"
	}
	return fmt.Sprint(v)
}

// keyLine is the line of data that key is first written on, as a key or
// a table header, or 0. The TOML decoder keeps no position of an
// undecoded key, so the file is scanned once for it: headers set the
// table, and a dotted or quoted key is read as TOML reads it.
func keyLine(data string, key []string) int {
	var table []string
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		var full []string
		switch {
		case line == "" || line[0] == '#':
			continue
		case line[0] == '[':
			name := strings.Trim(strings.TrimSpace(strings.SplitN(line, "#", 2)[0]), "[]")
			table = splitKey(name)
			full = table
		default:
			k, _, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			full = append(slices.Clip(table), splitKey(k)...)
		}
		if len(full) >= len(key) && slices.Equal(full[:len(key)], key) {
			return i + 1
		}
	}
	return 0
}

// splitKey splits a dotted TOML key into its parts, unquoted.
func splitKey(k string) []string {
	var parts []string
	for _, p := range strings.Split(k, ".") {
		parts = append(parts, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return parts
}

// keysNear are the keys of key's table that its last part is likely a
// mistyping of (mous for mouse), as commandsNear finds commands: one
// within two edits, or one it starts with three letters or more.
func keysNear(key toml.Key) []string {
	if len(key) == 0 {
		return nil
	}
	t := reflect.TypeFor[fileConfig]()
	for _, part := range key[:len(key)-1] {
		f, ok := tomlField(t, part)
		if !ok {
			return nil
		}
		t = derefType(f.Type)
		if t.Kind() == reflect.Slice {
			t = derefType(t.Elem())
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
	}
	w := strings.ToLower(key[len(key)-1])
	var near []string
	for _, name := range tomlNames(t) {
		d := editDistance(w, name)
		if d <= 2 && d < len(name) || len(w) >= 3 && strings.HasPrefix(name, w) {
			near = append(near, name)
		}
	}
	return near
}

// tomlNames are the keys of a table of type t, an embedded struct's
// among them, in the order of the fields.
func tomlNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		switch {
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			names = append(names, tomlNames(f.Type)...)
		case name != "" && name != "-":
			names = append(names, name)
		}
	}
	return names
}

// tomlField is the field of t, or of a struct it embeds, that the key
// name decodes into.
func tomlField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			if sf, ok := tomlField(f.Type, name); ok {
				return sf, true
			}
			continue
		}
		if tag == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
