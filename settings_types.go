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
	return l.Mistyped(line, clean.OneLine(key), clean.OneLine(got), want, valueExamples[name]), true
}

// decodeLine finds the line in the TOML decoder's message.
var decodeLine = regexp.MustCompile(`^toml: line (\d+) `)

// valueExamples are values the string keys that take a duration or a
// size take, for a message about a number given bare.
var valueExamples = map[string]string{
	"refresh": "10m", "timeout": "15s", "wait": "5s", "keep": "90d", "max_body": "20MiB", "rate": "5/h", "quiet": "23:00-07:00",
}

// mistyped finds the first key of m whose value t's field (by its toml
// tag) cannot take: its path as written (feed[2].refresh), its value in
// TOML, and the TOML type wanted ("string", "integer" or "boolean").
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
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch ft.Kind() {
		case reflect.String:
			if _, ok := v.(string); !ok {
				return key, tomlValue(v), "string", true
			}
		case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Uint32:
			if _, ok := v.(int64); !ok {
				return key, tomlValue(v), "integer", true
			}
		case reflect.Bool:
			if _, ok := v.(bool); !ok {
				return key, tomlValue(v), "boolean", true
			}
		case reflect.Struct:
			if sub, ok := v.(map[string]any); ok {
				if k, g, w, ok := mistyped(sub, ft, key+"."); ok {
					return k, g, w, true
				}
			}
		case reflect.Slice:
			et := ft.Elem()
			for et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() != reflect.Struct {
				continue
			}
			tables, _ := v.([]map[string]any)
			for i, sub := range tables {
				if k, g, w, ok := mistyped(sub, et, fmt.Sprintf("%s[%d].", key, i+1)); ok {
					return k, g, w, true
				}
			}
		}
	}
	return "", "", "", false
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
