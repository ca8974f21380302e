package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"sokbo/render/lang"
	"sokbo/ui"
)

// readerSettings are the config's keys for how the reader is worked: the
// mouse, the split pane and the keys.
type readerSettings struct {
	// mouse turns the mouse on in the reader; on unless the config says
	// mouse = false.
	mouse bool
	// split starts the reader with the list and the article side by
	// side, from 120 columns up.
	split bool
	// keys are the key bindings, the defaults rebound by [keys]; nil
	// for the defaults.
	keys *ui.KeyMap
}

// readerConfig are those keys in the config file:
//
//	mouse = false   # no mouse: the terminal selects text as it does without sokbo
//	split = true    # the list and the article side by side from 120 columns
//
//	[keys]          # an action = a key or a list of keys, instead of its own
//	open = ["enter", "l"]
//	back = ["esc", "h"]
type readerConfig struct {
	Mouse *bool    `toml:"mouse"`
	Split bool     `toml:"split"`
	Keys  keyTable `toml:"keys"`
}

// keyTable is [keys]: each action's keys, a string or an array of them.
// An action given a value of another type, or a keys that is no table,
// is kept in bad, for read to refuse by name.
type keyTable struct {
	binds map[string][]string
	bad   string // the action whose value is no key, or "keys" itself
}

// UnmarshalTOML reads the table as it is, for read to check.
func (t *keyTable) UnmarshalTOML(v any) error {
	table, ok := v.(map[string]any)
	if !ok {
		t.bad = "keys"
		return nil
	}
	t.binds = map[string][]string{}
	for _, action := range slices.Sorted(maps.Keys(table)) {
		switch v := table[action].(type) {
		case string:
			t.binds[action] = []string{v}
		case []any:
			keys := []string{}
			for _, e := range v {
				s, ok := e.(string)
				if !ok {
					t.bad = action
					return nil
				}
				keys = append(keys, s)
			}
			t.binds[action] = keys
		default:
			t.bad = action
			return nil
		}
	}
	return nil
}

func defaultReaderSettings() readerSettings { return readerSettings{mouse: true} }

// read checks the keys into r; name is the config file's, for errors.
func (r *readerSettings) read(l lang.Lang, name string, c readerConfig) error {
	if c.Mouse != nil {
		r.mouse = *c.Mouse
	}
	r.split = c.Split
	switch {
	case c.Keys.bad == "keys":
		return &configError{l.ConfigProblem(name, "keys: "+l.WantIs(l.WantKeysTable()))}
	case c.Keys.bad != "":
		return &configError{l.ConfigProblem(name, "keys: "+quoteKey(c.Keys.bad)+": "+l.WantIs(l.WantKeyList()))}
	case len(c.Keys.binds) == 0:
		return nil
	}
	km, err := ui.DefaultKeyMap().Rebind(c.Keys.binds)
	if err != nil {
		var ke *ui.KeysError
		if errors.As(err, &ke) {
			return &configError{l.ConfigProblem(name, ke.Words(l))}
		}
		return &configError{l.ConfigProblem(name, err.Error())}
	}
	r.keys = &km
	return nil
}

// quoteKey writes a TOML key as the file would: bare when it can be, and
// quoted, with its escapes, when not.
func quoteKey(k string) string {
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return fmt.Sprintf("%q", k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}
