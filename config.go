package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"sokbo/feed"
	"sokbo/feed/clean"
)

// fileConfig is sokbo's TOML config file. Every key is optional; nothing in
// it is ever executed.
//
//	style = "auto"          # auto, dark, light or plain
//	ambiguous = "auto"      # auto, narrow or wide
//	refresh = "10m"         # auto-refresh interval; "off" turns it off
//	timeout = "15s"         # per fetch
//	max_body = "20MiB"      # per fetch
//
//	[[feed]]
//	name = "뉴스다오"
//	url = "https://newsdao.kr/rss/allArticle.xml"
//	refresh = "5m"          # optional, this feed only
type fileConfig struct {
	Style     string       `toml:"style"`
	Ambiguous string       `toml:"ambiguous"`
	Refresh   string       `toml:"refresh"`
	Timeout   string       `toml:"timeout"`
	MaxBody   string       `toml:"max_body"`
	Feeds     []feedConfig `toml:"feed"`
}

// feedConfig is one [[feed]] of the config file.
type feedConfig struct {
	Name    string `toml:"name"`
	URL     string `toml:"url"`
	Refresh string `toml:"refresh"`
}

// config is the checked form of the file, with defaults applied.
type config struct {
	path      string
	style     string
	ambiguous string
	refresh   time.Duration // 0: auto-refresh off
	timeout   time.Duration
	maxBody   int64
	feeds     []feed.Subscription
}

const defaultRefresh = 10 * time.Minute

// defaultConfigPath is $XDG_CONFIG_HOME/sokbo/config.toml, or
// ~/.config/sokbo/config.toml.
func defaultConfigPath(getenv func(string) string) string {
	if dir := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "sokbo", "config.toml")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".config", "sokbo", "config.toml")
}

// loadConfig reads the config file at path. A missing file at the default
// path is no error; a missing file named by --config is.
func loadConfig(path string, explicit bool) (*config, error) {
	c := &config{path: path, refresh: defaultRefresh}
	if path == "" {
		return c, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, unwrapPathError(err))
	}
	var fc fileConfig
	md, err := toml.Decode(string(data), &fc)
	if err != nil {
		return nil, fmt.Errorf("config %s: %s", path, firstLine(err.Error()))
	}
	if undec := md.Undecoded(); len(undec) > 0 {
		return nil, fmt.Errorf("config %s: unknown key %q", path, undec[0].String())
	}
	bad := func(key, val, want string) error {
		return fmt.Errorf("config %s: %s = %q: want %s", path, key, val, want)
	}
	if fc.Style != "" && !oneOf(fc.Style, "auto", "dark", "light", "plain") {
		return nil, bad("style", fc.Style, "auto, dark, light or plain")
	}
	c.style = fc.Style
	if fc.Ambiguous != "" && !oneOf(fc.Ambiguous, "auto", "narrow", "wide") {
		return nil, bad("ambiguous", fc.Ambiguous, "auto, narrow or wide")
	}
	c.ambiguous = fc.Ambiguous
	if fc.Refresh != "" {
		if c.refresh, err = parseInterval(fc.Refresh); err != nil {
			return nil, bad("refresh", fc.Refresh, `a duration such as "10m", or "off"`)
		}
	}
	if fc.Timeout != "" {
		if c.timeout, err = time.ParseDuration(fc.Timeout); err != nil || c.timeout <= 0 {
			return nil, bad("timeout", fc.Timeout, `a duration such as "15s"`)
		}
	}
	if fc.MaxBody != "" {
		if c.maxBody, err = parseSize(fc.MaxBody); err != nil {
			return nil, bad("max_body", fc.MaxBody, `a size such as "20MiB"`)
		}
	}
	for i, f := range fc.Feeds {
		if err := checkFeedURL(f.URL); err != nil {
			return nil, fmt.Errorf("config %s: feed %d: %w", path, i+1, err)
		}
		s := feed.Subscription{Name: clean.PlainText(f.Name), URL: f.URL}
		if f.Refresh != "" {
			if s.Interval, err = parseInterval(f.Refresh); err != nil {
				return nil, bad("feed.refresh", f.Refresh, `a duration such as "10m", or "off"`)
			}
		}
		c.feeds = append(c.feeds, s)
	}
	return c, nil
}

// checkFeedURL accepts only absolute http(s) URLs as subscriptions. A feed
// reader that runs `exec:` or `filter:` entries runs code from whoever
// wrote the file; sokbo refuses them.
func checkFeedURL(raw string) error {
	u, err := url.Parse(raw)
	if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return nil
	}
	if err == nil && (u.Scheme == "exec" || u.Scheme == "filter") {
		return fmt.Errorf("%q is a command; sokbo never runs commands from feeds", raw)
	}
	return fmt.Errorf("%q is not an http(s) URL", raw)
}

func parseInterval(s string) (time.Duration, error) {
	if s == "off" || s == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Minute {
		return 0, errors.New("bad interval")
	}
	return d, nil
}

func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			var n int64
			if _, err := fmt.Sscanf(strings.TrimSpace(num), "%d", &n); err != nil || n <= 0 {
				return 0, errors.New("bad size")
			}
			return n * u.mult, nil
		}
	}
	return 0, errors.New("bad size")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// unwrapPathError drops the path that *fs.PathError repeats, since the
// message already names the file.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
