package ui

import (
	"errors"
	"fmt"
	"slices"
	"sokbo/render/lang"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
)

// Rebinding: the config's [keys] table names actions and the keys they
// take instead of their own (open = ["enter", "l"]). Rebind checks every
// key, refuses a name that is no action and two actions that would share
// a key where both act, and relabels the help, which the footers' hints
// read too, so that what the screen says is what the keys do.

// keyPlace is where an action acts: the screens whose keys it is one of.
type keyPlace uint8

const (
	inList     keyPlace = 1 << iota
	inArticle           // an article, full screen or in the split pane
	inPager             // help and a pipe's output
	inLinks             // the link list (L)
	inFeeds             // the feed list (F)
	everywhere = inList | inArticle | inPager | inLinks | inFeeds
)

// keyAction is one action of the [keys] table: its name there, where it
// acts and its binding in a KeyMap.
type keyAction struct {
	name    string
	where   keyPlace
	binding func(*KeyMap) *key.Binding
}

// moving is where the moving keys act.
const moving = inList | inArticle | inPager | inLinks | inFeeds

// keyActions are the actions a [keys] table may rebind, in the order the
// help lists them. LinkNumber is not one: its keys are the digits.
func keyActions() []keyAction {
	return []keyAction{
		{"up", moving, func(k *KeyMap) *key.Binding { return &k.Up }},
		{"down", moving, func(k *KeyMap) *key.Binding { return &k.Down }},
		{"page_up", moving, func(k *KeyMap) *key.Binding { return &k.PageUp }},
		{"page_down", moving, func(k *KeyMap) *key.Binding { return &k.PageDown }},
		{"top", moving, func(k *KeyMap) *key.Binding { return &k.Top }},
		{"bottom", moving, func(k *KeyMap) *key.Binding { return &k.Bottom }},
		{"newest", inList, func(k *KeyMap) *key.Binding { return &k.Newest }},
		{"open", inList | inLinks | inFeeds, func(k *KeyMap) *key.Binding { return &k.Open }},
		{"fold", inList, func(k *KeyMap) *key.Binding { return &k.Fold }},
		{"search", inList, func(k *KeyMap) *key.Binding { return &k.Search }},
		{"feed_list", inList | inFeeds, func(k *KeyMap) *key.Binding { return &k.FeedList }},
		{"unread_only", inList, func(k *KeyMap) *key.Binding { return &k.UnreadOnly }},
		{"mark_all", inList, func(k *KeyMap) *key.Binding { return &k.MarkAll }},
		{"clear", inList, func(k *KeyMap) *key.Binding { return &k.Clear }},
		{"quit", inList, func(k *KeyMap) *key.Binding { return &k.Quit }},
		{"back", inArticle | inPager | inLinks | inFeeds, func(k *KeyMap) *key.Binding { return &k.Back }},
		{"next_article", inArticle, func(k *KeyMap) *key.Binding { return &k.NextArticle }},
		{"prev_article", inArticle, func(k *KeyMap) *key.Binding { return &k.PrevArticle }},
		{"full_text", inArticle, func(k *KeyMap) *key.Binding { return &k.FullText }},
		{"links", inArticle | inLinks, func(k *KeyMap) *key.Binding { return &k.Links }},
		{"next", inList | inArticle, func(k *KeyMap) *key.Binding { return &k.Next }},
		{"prev", inList | inArticle, func(k *KeyMap) *key.Binding { return &k.Prev }},
		{"open_link", inList | inArticle | inLinks, func(k *KeyMap) *key.Binding { return &k.OpenLink }},
		{"copy", inList | inArticle | inLinks, func(k *KeyMap) *key.Binding { return &k.Copy }},
		{"toggle_read", inList | inArticle, func(k *KeyMap) *key.Binding { return &k.ToggleRead }},
		{"star", inList | inArticle, func(k *KeyMap) *key.Binding { return &k.Star }},
		{"pipe", inList | inArticle, func(k *KeyMap) *key.Binding { return &k.Pipe }},
		{"save", inList | inArticle, func(k *KeyMap) *key.Binding { return &k.Save }},
		{"refresh", inList | inArticle | inPager | inFeeds, func(k *KeyMap) *key.Binding { return &k.Refresh }},
		{"split", inList | inArticle, func(k *KeyMap) *key.Binding { return &k.Split }},
		{"help", everywhere, func(k *KeyMap) *key.Binding { return &k.Help }},
		{"suspend", everywhere, func(k *KeyMap) *key.Binding { return &k.Suspend }},
		{"force_quit", everywhere, func(k *KeyMap) *key.Binding { return &k.ForceQuit }},
	}
}

// Actions returns the names of the actions a [keys] table may rebind, in
// the order the help lists them.
func Actions() []string {
	var names []string
	for _, a := range keyActions() {
		names = append(names, a.name)
	}
	return names
}

// Rebind returns k with each action of binds bound to the keys given for
// it instead of its own, as the config's [keys] table asks. A name that is
// no action, a key that is none (see CheckKey), an action given no key
// and two actions that share a key on a screen where both act are
// refused, all in one error of one line. An action not in binds keeps its
// keys.
func (k KeyMap) Rebind(binds map[string][]string) (KeyMap, error) {
	byName := map[string]keyAction{}
	for _, a := range keyActions() {
		byName[a.name] = a
	}
	var unknown []string
	var bad []badKey
	for _, name := range sortedKeys(binds) {
		a, ok := byName[name]
		if !ok {
			unknown = append(unknown, fmt.Sprintf("%q", name))
			continue
		}
		keys := binds[name]
		if len(keys) == 0 {
			bad = append(bad, badKey{action: name})
			continue
		}
		var uniq []string
		for _, s := range keys {
			if err := CheckKey(s); err != nil {
				bad = append(bad, badKey{action: name, key: s, err: err})
				continue
			}
			if !slices.Contains(uniq, s) {
				uniq = append(uniq, s)
			}
		}
		b := a.binding(&k)
		b.SetKeys(uniq...)
		b.SetHelp(keyLabel(uniq), b.Help().Desc)
	}
	switch {
	case len(unknown) > 0:
		return k, &KeysError{Unknown: unknown}
	case len(bad) > 0:
		return k, &KeysError{bad: bad}
	}
	if err := k.conflicts(); err != nil {
		return k, err
	}
	_, o := binds["open_link"]
	_, y := binds["copy"]
	if o || y {
		k.relabelCount()
	}
	return k, nil
}

// conflicts reports every key two actions share on a screen where both
// act, and every key that takes a digit from the link numbers of an
// article.
func (k KeyMap) conflicts() error {
	var found []keyConflict
	acts := keyActions()
	for i, a := range acts {
		for _, s := range a.binding(&k).Keys() {
			for _, b := range acts[i+1:] {
				if a.where&b.where != 0 && slices.Contains(b.binding(&k).Keys(), s) {
					found = append(found, keyConflict{key: s, a: a.name, b: b.name})
				}
			}
			if a.where&inArticle != 0 && slices.Contains(k.LinkNumber.Keys(), s) {
				found = append(found, keyConflict{key: s, a: a.name})
			}
		}
	}
	if len(found) > 0 {
		return &KeysError{conflicts: found}
	}
	return nil
}

// KeysError is a [keys] table Rebind refuses: names that are no action,
// keys it cannot read, or keys two actions would share. Words says it in
// a language; Error is the English.
type KeysError struct {
	Unknown   []string // the names, quoted
	bad       []badKey
	conflicts []keyConflict
}

// badKey is an action given no key (key == "") or one CheckKey refuses.
type badKey struct {
	action, key string
	err         error
}

// keyConflict is a key bound to actions a and b on one screen, or (b ==
// "") to a and in an article a link's number.
type keyConflict struct{ key, a, b string }

func (e *KeysError) Error() string { return e.Words(lang.En) }

// Words says what is wrong with the table in l: "keys: …".
func (e *KeysError) Words(l lang.Lang) string {
	if len(e.Unknown) > 0 {
		return "keys: " + l.NoAction(strings.Join(e.Unknown, ", "), strings.Join(Actions(), ", "))
	}
	var parts []string
	for _, b := range e.bad {
		switch {
		case b.key == "":
			parts = append(parts, l.GiveItAKey(b.action))
		default:
			parts = append(parts, fmt.Sprintf("%s = %q: %s", b.action, b.key, keyWhy(l, b.err)))
		}
	}
	for _, c := range e.conflicts {
		if c.b == "" {
			parts = append(parts, l.KeyIsLinkNumber(fmt.Sprintf("%q", c.key), c.a))
		} else {
			parts = append(parts, l.KeyBoundTwice(fmt.Sprintf("%q", c.key), c.a, c.b))
		}
	}
	return "keys: " + strings.Join(parts, "; ")
}

// keyWhy words why CheckKey refused a key.
func keyWhy(l lang.Lang, err error) string {
	if errors.Is(err, errShiftChar) {
		return l.ShiftChar()
	}
	return l.NotAKey()
}

// Errors of CheckKey.
var (
	errShiftChar = errors.New(`shift+ goes before a named key only ("shift+tab"); write the character itself ("L")`)
	errNotAKey   = errors.New(`not a key; write a character ("l", "?"), a named key ("enter", "pgdown", "f2") or either after "ctrl+" or "alt+"`)
)

// relabelCount names the count keys by the keys that follow them.
func (k *KeyMap) relabelCount() {
	o, y := k.OpenLink.Keys()[0], k.Copy.Keys()[0]
	k.LinkNumber.SetHelp("3"+keyName(o)+"/3"+keyName(y), k.LinkNumber.Help().Desc)
}

// isKeyName reports whether s names a key that is not a character, as
// Bubble Tea spells it.
func isKeyName(s string) bool {
	switch s {
	case "enter", "tab", "backspace", "esc", "space", "up", "down", "left", "right",
		"home", "end", "pgup", "pgdown", "insert", "delete":
		return true
	}
	if n, ok := strings.CutPrefix(s, "f"); ok && n != "" && n[0] != '0' && len(n) <= 2 {
		i := 0
		for _, c := range n {
			if c < '0' || c > '9' {
				return false
			}
			i = i*10 + int(c-'0')
		}
		return i >= 1 && i <= 20
	}
	return false
}

// CheckKey reports whether s names a key as the [keys] table takes it:
// one printable character ("l", "L", "?", "ㅂ"), or a named key ("enter",
// "pgdown", "f2"), after any of "ctrl+" and "alt+" (and "shift+" before a
// named key: "shift+tab"), spelt as Bubble Tea spells a key press.
func CheckKey(s string) error {
	base, shift := s, false
	for {
		var ok bool
		if rest, cut := strings.CutPrefix(base, "ctrl+"); cut && rest != "" {
			base, ok = rest, true
		}
		if rest, cut := strings.CutPrefix(base, "alt+"); cut && rest != "" {
			base, ok = rest, true
		}
		if rest, cut := strings.CutPrefix(base, "shift+"); cut && rest != "" {
			base, ok, shift = rest, true, true
		}
		if !ok {
			break
		}
	}
	switch {
	case isKeyName(base):
		return nil
	case shift:
		return errShiftChar
	case isChar(base):
		return nil
	}
	return errNotAKey
}

// isChar reports whether s is one printable character other than space.
func isChar(s string) bool {
	if utf8.RuneCountInString(s) != 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r != utf8.RuneError && unicode.IsGraphic(r) && !unicode.IsSpace(r)
}

// keyLabel is the help's name for a binding of keys.
func keyLabel(keys []string) string {
	names := make([]string, len(keys))
	for i, s := range keys {
		names[i] = keyName(s)
	}
	return strings.Join(names, "/")
}

// keyName is how the help writes one key.
func keyName(s string) string {
	switch s {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "pgdown":
		return "pgdn"
	}
	return s
}

// hint is a footer's name for a binding: its first key.
func hint(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return keyName(ks[0])
	}
	return ""
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
