package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/fulltext"
	"sokbo/feed/library"
	"sokbo/feed/search"
	"sokbo/render"
	"sokbo/render/lang"
)

// settings are every setting of one run, from the command line, the
// environment and the config file, parsed into typed values and checked
// once, here. Nothing after this reads a flag, a variable or a key again.
type settings struct {
	configPath string // the config file read, or ""
	// lang is the language sokbo speaks: --lang, else the config's
	// lang, else the locale's (lang.FromEnv).
	lang      lang.Lang
	langFlag  bool   // --lang was given
	dbPath    string // the offline cache
	offline   bool
	style     styleChoice
	noColor   bool // NO_COLOR: no colour anywhere
	ambiguous ambiguousChoice
	refresh   time.Duration // the reader's auto-refresh; 0 is off
	timeout   time.Duration // per fetch
	maxBody   int64         // per fetch, in bytes
	wait      time.Duration // how long list and read wait for a refresh
	keep      time.Duration // retention: items newer than this
	maxItems  int           // retention: at most this many items a feed
	feeds     []feed.Subscription
	// rules are the full-text site rules: the config's, then the
	// built-in ones; nil for the built-in ones alone.
	rules *fulltext.Rules
	// hands are the settings of what the reader does with an article:
	// browsers, pipe, save (settings_hands.go).
	hands handsSettings
	// reader are the settings of how the reader is worked: the mouse,
	// the split pane, the keys (settings_reader.go).
	reader readerSettings
	views  []library.SavedView // [[view]]
	mutes  []string            // [[mute]] queries
	alertSettings
}

// styleChoice is --style and the config's style.
type styleChoice string

const (
	styleAuto  styleChoice = "auto"
	styleDark  styleChoice = "dark"
	styleLight styleChoice = "light"
	stylePlain styleChoice = "plain"
)

// ambiguousChoice is --ambiguous, SOKBO_AMBIGUOUS and the config's
// ambiguous.
type ambiguousChoice string

const (
	ambiguousAuto   ambiguousChoice = "auto"
	ambiguousNarrow ambiguousChoice = "narrow"
	ambiguousWide   ambiguousChoice = "wide"
)

func parseStyle(s string) (styleChoice, bool) {
	switch c := styleChoice(s); c {
	case styleAuto, styleDark, styleLight, stylePlain:
		return c, true
	}
	return "", false
}

func parseAmbiguous(s string) (ambiguousChoice, bool) {
	switch c := ambiguousChoice(s); c {
	case ambiguousAuto, ambiguousNarrow, ambiguousWide:
		return c, true
	}
	return "", false
}

// renderStyle is the style of coloured output for a fixed choice; auto is
// the caller's to resolve against the terminal.
func (s *settings) renderStyle() (render.Style, bool) {
	if s.noColor {
		return render.StylePlain, true
	}
	switch s.style {
	case styleDark:
		return render.StyleDark, true
	case styleLight:
		return render.StyleLight, true
	case stylePlain:
		return render.StylePlain, true
	}
	return render.StyleDark, false
}

// Defaults and bounds of the config's values.
const (
	defaultRefresh = 10 * time.Minute
	// minRefresh is the shortest refresh interval: a feed fetched more
	// often than this gains nothing a reader can see, and costs its
	// server.
	minRefresh = 30 * time.Second
	maxTimeout = 10 * time.Minute
	maxMaxBody = 1 << 30
	// defaultWait is how long list and read wait for the network before
	// they answer from the cache; the refresh goes on in `sokbo refresh`
	// and the reader.
	defaultWait = 5 * time.Second
)

// flagValues are the global flags as given; "" means not given.
type flagValues struct {
	lang      string // --lang: "ko", "en" or ""
	style     string
	ambiguous string
	offline   bool
	db        string
	config    string
}

// configError is a bad config file or value, or a bad variable of the
// environment: one line, exit status 1.
type configError struct{ msg string }

func (e *configError) Error() string { return e.msg }

// loadSettings builds the settings of a run: flags win over the
// environment, which wins over the config file, which wins over the
// defaults.
func loadSettings(f flagValues, env func(string) string) (*settings, error) {
	s := &settings{style: styleAuto, ambiguous: ambiguousAuto, refresh: defaultRefresh, wait: defaultWait, noColor: env("NO_COLOR") != "", reader: defaultReaderSettings()}
	s.lang = lang.FromEnv(env)
	if l, ok := lang.Parse(f.lang); ok {
		// --lang wins over the config's lang, and the config's errors
		// are said in its language.
		s.lang, s.langFlag = l, true
	}
	s.alertSettings = defaultAlertSettings()
	s.configPath = f.config
	explicit := f.config != ""
	if !explicit {
		s.configPath = defaultConfigPath(env)
	}
	if err := s.readConfig(explicit); err != nil {
		return nil, err
	}
	s.hands.defaults(env)
	if v := env("SOKBO_AMBIGUOUS"); v != "" {
		c, ok := parseAmbiguous(v)
		if !ok {
			// A variable is no argument: one line, without the usage.
			return nil, &configError{s.lang.EnvValue("SOKBO_AMBIGUOUS", v, s.lang.Or([]string{"auto", "narrow", "wide"}))}
		}
		s.ambiguous = c
	}
	if f.style != "" {
		s.style, _ = parseStyle(f.style) // checked by the flag
	}
	if f.ambiguous != "" {
		s.ambiguous, _ = parseAmbiguous(f.ambiguous)
	}
	s.offline = f.offline
	s.dbPath = f.db
	if s.dbPath == "" {
		s.dbPath = defaultDataPath(env)
	}
	return s, nil
}

// defaultConfigPath is $XDG_CONFIG_HOME/sokbo/config.toml, or
// ~/.config/sokbo/config.toml.
func defaultConfigPath(env func(string) string) string {
	if dir := env("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "sokbo", "config.toml")
	}
	home := env("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return ""
		}
	}
	return filepath.Join(home, ".config", "sokbo", "config.toml")
}

// defaultDataPath is $XDG_DATA_HOME/sokbo/sokbo.db, or
// ~/.local/share/sokbo/sokbo.db.
func defaultDataPath(env func(string) string) string {
	if dir := env("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "sokbo", "sokbo.db")
	}
	home := env("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return filepath.Join(home, ".local", "share", "sokbo", "sokbo.db")
}

// fileConfig is sokbo's TOML config file. Every key is optional; nothing in
// it is ever executed.
//
//	lang = "ko"             # ko or en; the default follows the locale
//	style = "auto"          # auto, dark, light or plain
//	ambiguous = "auto"      # auto, narrow or wide
//	refresh = "10m"         # auto-refresh interval; "off" turns it off
//	timeout = "15s"         # per fetch
//	max_body = "20MiB"      # per fetch
//	wait = "5s"             # list and read answer from the cache after this
//	keep = "90d"            # the cache keeps items newer than this...
//	max_items = 5000        # ...and at most this many a feed (starred: all)
//
//	[[feed]]
//	name = "뉴스다오"
//	url = "https://newsdao.kr/rss/allArticle.xml"
//	refresh = "5m"          # optional, this feed only
//	fulltext = true         # optional: fetch new items' full text at refresh
//
//	[[rule]]                # a full-text site rule (see fulltext.Rule)
//	name = "우리 동네 신문"
//	hosts = ["dongne.example"]
//	body = ["#article-body"]
//
//	[[view]]                # a saved search beside the feeds
//	name = "속보"
//	query = "[속보] within:24h"
//
//	[[mute]]                # hides what it matches, everywhere
//	query = "feed:연합 광고"
type fileConfig struct {
	Lang      string       `toml:"lang"`
	Style     string       `toml:"style"`
	Ambiguous string       `toml:"ambiguous"`
	Refresh   string       `toml:"refresh"`
	Timeout   string       `toml:"timeout"`
	MaxBody   string       `toml:"max_body"`
	Wait      string       `toml:"wait"`
	Keep      string       `toml:"keep"`
	MaxItems  *int         `toml:"max_items"`
	Feeds     []feedConfig `toml:"feed"`

	// Rules are [[rule]] tables, checked as fulltext.NewRules does.
	Rules []fulltext.Rule `toml:"rule"`

	handsConfig
	readerConfig
	Views []viewConfig `toml:"view"`
	Mutes []muteConfig `toml:"mute"`
	alertConfig
}

// feedConfig is one [[feed]] of the config file.
type feedConfig struct {
	Name    string `toml:"name"`
	URL     string `toml:"url"`
	Refresh string `toml:"refresh"`

	// FullText fetches new items' full text at refresh.
	FullText bool `toml:"fulltext"`
}

// maxConfigBytes caps the config file: a real one is a few KiB.
const maxConfigBytes = 1 << 20

// readConfig reads the config file into s. A missing file at the default
// path is no error; a missing file named by --config is.
func (s *settings) readConfig(explicit bool) error {
	path := s.configPath
	if path == "" {
		return nil
	}
	name := clean.Name(path)
	if path == os.DevNull {
		return nil // --config /dev/null: no config at all
	}
	data, err := feed.ReadRegularFile(path, maxConfigBytes)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		s.configPath = ""
		return nil
	}
	l := s.lang
	problem := func(why string) error { return &configError{l.ConfigProblem(name, why)} }
	if err != nil {
		return problem(library.Cause(l, err))
	}
	var fc fileConfig
	md, err := toml.Decode(string(data), &fc)
	if err != nil {
		if msg, ok := mistypedValue(l, string(data), err); ok {
			return problem(msg)
		}
		var pe toml.ParseError
		line := 0
		if errors.As(err, &pe) {
			line = pe.Position.Line
		}
		cause := firstLine(err.Error())
		if pe.Message != "" {
			cause = pe.Message
		}
		return problem(l.ConfigSyntax(line, clean.Visible(firstLine(err.Error())), clean.Visible(firstLine(cause))))
	}
	if undec := md.Undecoded(); len(undec) > 0 {
		return problem(l.UnknownKey(keyLine(string(data), undec[0]), strings.Join(undec[0], "."), keysNear(undec[0])))
	}
	if fc.Lang != "" {
		switch fc.Lang {
		case "ko", "en":
			if !s.langFlag {
				s.lang, _ = lang.Parse(fc.Lang)
				l = s.lang
			}
		default:
			return problem(l.BadValue("lang", fc.Lang, l.Or([]string{"ko", "en"})))
		}
	}
	// A value is quoted as written, its controls escaped (BadValue's %q):
	// what OneLine left of it would not be the value refused.
	bad := func(key, val, want string) error {
		return problem(l.BadValue(key, val, want))
	}
	var ok bool
	if fc.Style != "" {
		if s.style, ok = parseStyle(fc.Style); !ok {
			return bad("style", fc.Style, l.Or([]string{"auto", "dark", "light", "plain"}))
		}
	}
	if fc.Ambiguous != "" {
		if s.ambiguous, ok = parseAmbiguous(fc.Ambiguous); !ok {
			return bad("ambiguous", fc.Ambiguous, l.Or([]string{"auto", "narrow", "wide"}))
		}
	}
	intervalWant := l.WantInterval(minRefresh.String())
	if fc.Refresh != "" {
		if s.refresh, err = parseInterval(fc.Refresh); err != nil {
			return bad("refresh", fc.Refresh, intervalWant)
		}
	}
	if fc.Timeout != "" {
		if s.timeout, err = parseDuration(fc.Timeout, time.Second, maxTimeout); err != nil {
			return bad("timeout", fc.Timeout, l.WantTimeout(maxTimeout.String()))
		}
	}
	if fc.MaxBody != "" {
		if s.maxBody, err = parseSize(fc.MaxBody, 1<<10, maxMaxBody); err != nil {
			return bad("max_body", fc.MaxBody, l.WantSize())
		}
	}
	if fc.Wait != "" {
		if s.wait, err = parseDuration(fc.Wait, 0, maxTimeout); err != nil {
			return bad("wait", fc.Wait, l.WantWait())
		}
		if s.wait == 0 {
			s.wait = time.Nanosecond // 0 would mean no bound
		}
	}
	if fc.Keep != "" {
		if s.keep, err = parseAge(fc.Keep); err != nil {
			return bad("keep", fc.Keep, l.WantAge())
		}
	}
	if fc.MaxItems != nil {
		if n := *fc.MaxItems; n < 100 || n > feed.MaxItems {
			return problem(l.BadNumber("max_items", n, l.WantItems(feed.MaxItems)))
		}
		s.maxItems = *fc.MaxItems
	}
	if err := s.hands.read(l, fc.handsConfig, bad); err != nil {
		return err
	}
	if err := s.reader.read(l, name, fc.readerConfig); err != nil {
		return err
	}
	// A name or a feed the file gives twice is refused, as an alert's
	// name is: `feeds rm NAME` and `feed =` in a rule could reach one
	// of the two only, and one of two entries of a feed would be dropped
	// unread. One feed is one address however it is spelt.
	named, at := map[string]int{}, map[string]int{}
	for i, f := range fc.Feeds {
		if strings.TrimSpace(f.URL) == "" {
			return problem(l.URLMissing(l.Entry("feed", i+1)))
		}
		if err := clean.CheckURL(f.URL, clean.Fetch); err != nil {
			return problem(l.FeedEntry(i+1, clean.Name(f.URL), library.Cause(l, err)))
		}
		sub := feed.Subscription{Name: feed.LimitName(clean.PlainText(f.Name)), URL: f.URL, FullText: f.FullText}
		if f.Refresh != "" {
			if sub.Interval, err = parseInterval(f.Refresh); err != nil {
				// Which feed: "feed 2: https://…: refresh = "abc": …".
				return problem(l.FeedEntry(i+1, clean.Name(f.URL), l.BadValue("refresh", f.Refresh, intervalWant)))
			}
		}
		if first, ok := at[clean.CanonicalURL(sub.URL)]; ok {
			return problem(l.FeedEntry(i+1, clean.Name(f.URL), l.FeedSameAs(first)))
		}
		at[clean.CanonicalURL(sub.URL)] = i + 1
		if first, ok := named[sub.Name]; ok && sub.Name != "" {
			return problem(l.FeedNameTwice(i+1, sub.Name, first))
		}
		named[sub.Name] = i + 1
		s.feeds = append(s.feeds, sub)
	}
	if len(fc.Rules) > 0 {
		// "rule 2 "name": body selector "div[": …": the rule and its key.
		if s.rules, err = fulltext.NewRules(fc.Rules); err != nil {
			return problem(library.Cause(l, err))
		}
	}
	if err := s.readQueries(name, fc.Views, fc.Mutes); err != nil {
		return err
	}
	return s.readAlertConfig(name, &fc.alertConfig)
}

// parseInterval reads a refresh interval: a duration of at least
// minRefresh, or "off" (also "0") for none.
func parseInterval(v string) (time.Duration, error) {
	if v = strings.TrimSpace(v); v == "off" || v == "0" {
		return 0, nil
	}
	return parseDuration(v, minRefresh, 30*24*time.Hour)
}

// parseDuration reads a Go duration ("15s", "1m30s", "1.5h") within
// [lo, hi].
func parseDuration(v string, lo, hi time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		return 0, err
	}
	if d < lo || d > hi {
		return 0, fmt.Errorf("%s is out of range", d)
	}
	return d, nil
}

// parseAge reads a retention age: days ("90d"), weeks ("12w") or a Go
// duration ("2160h"), of at least one day.
func parseAge(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if num, ok := strings.CutSuffix(v, suffix); ok {
			n, err := strconv.ParseFloat(num, 64)
			if err != nil || n < 1 || n > 3650 {
				return 0, fmt.Errorf("bad age %q", v)
			}
			return time.Duration(n * float64(unit)), nil
		}
	}
	return parseDuration(v, 24*time.Hour, 3650*24*time.Hour)
}

// sizeUnits are the units parseSize reads, decimal and binary.
var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// parseSize reads a size such as "20MiB", "1.5 MB" or "4096" (bytes)
// within [lo, hi]. Units are case-insensitive; a fraction is rounded down
// to whole bytes.
func parseSize(v string, lo, hi int64) (int64, error) {
	v = strings.TrimSpace(v)
	i := strings.IndexFunc(v, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := v, ""
	if i >= 0 {
		num, unit = v[:i], strings.ToLower(strings.TrimSpace(v[i:]))
	}
	mult, ok := sizeUnits[unit]
	if !ok || num == "" {
		return 0, fmt.Errorf("unknown size %q", v)
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, fmt.Errorf("bad number in %q", v)
	}
	bytes := n * mult
	if bytes < float64(lo) || bytes > float64(hi) {
		return 0, fmt.Errorf("%q is out of range", v)
	}
	return int64(bytes), nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// viewConfig is one [[view]]: a saved search shown beside the feeds.
type viewConfig struct {
	Name  string `toml:"name"`
	Query string `toml:"query"`
}

// muteConfig is one [[mute]]: a query whose matches are hidden.
type muteConfig struct {
	Query string `toml:"query"`
}

// maxViewName bounds a view's name, which the feed list shows on a line.
const maxViewName = 200

// readQueries checks the queries of the saved views and mute rules, as
// search.Parse reads them, and keeps them as written: they are parsed
// again where they are used, so that within: counts from then.
func (s *settings) readQueries(name string, views []viewConfig, mutes []muteConfig) error {
	l := s.lang
	problem := func(why string) error { return &configError{l.ConfigProblem(name, why)} }
	bad := func(key string, i int, query string, err error) error {
		return problem(l.QueryProblem(l.Entry(key, i+1), query, library.Cause(l, err)))
	}
	seen := map[string]bool{}
	for i, v := range views {
		title := clean.PlainText(v.Name)
		switch {
		case strings.TrimSpace(title) == "":
			return problem(l.NameMissing(l.Entry("view", i+1)))
		case len(title) > maxViewName:
			return problem(l.NameTooLong(l.Entry("view", i+1), maxViewName))
		case seen[title]:
			return problem(l.NameTaken(l.Entry("view", i+1), title))
		}
		seen[title] = true
		q, err := parseConfigQuery(v.Query)
		switch {
		case err != nil:
			return bad("view", i, v.Query, err)
		case q.Empty():
			return problem(l.QueryMissing(l.Entry("view", i+1), title))
		}
		s.views = append(s.views, library.SavedView{Name: title, Query: v.Query})
	}
	for i, m := range mutes {
		q, err := parseConfigQuery(m.Query)
		switch {
		case err != nil:
			return bad("mute", i, m.Query, err)
		case q.Empty():
			return problem(l.QueryMissing(l.Entry("mute", i+1), ""))
		}
		s.mutes = append(s.mutes, m.Query)
	}
	return nil
}

// parseConfigQuery parses a view's or a mute rule's query as
// library.ParseQuery will where it is used: cleaned first, so that a
// query of nothing but a control or an invisible character is the empty
// query it is there (which matches every item), not a word.
func parseConfigQuery(query string) (*search.Query, error) {
	return search.Parse(clean.Sanitize(query), search.Options{})
}
