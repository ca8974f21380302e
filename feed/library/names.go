package library

import (
	"net/url"
	"strings"

	"sokbo/feed/clean"
)

// DistinctNames returns names, the names of the feeds at sources, with
// each name that two or more of them share told apart by where its feed
// is: "뉴스다오 - 전체기사 (newsdao.kr/rss/politics.xml)". The sections
// of one site often all carry the site's title, and two sites can both
// be "Latest News": listed alike, one could not be told from the other.
// Where the feeds' hosts differ the host is enough; where they share
// one, its path follows. A name no other shares is left as it is, and so
// is "".
func DistinctNames(names, sources []string) []string {
	type onHost struct{ name, host string }
	seen := make(map[string]int, len(names))
	for _, n := range names {
		seen[n]++
	}
	var out, hosts []string
	var shared map[onHost]int
	for i, n := range names {
		if seen[n] < 2 || n == "" {
			continue // a feed with no name is shown by its address
		}
		if out == nil {
			// Only when a name is shared: parse each source once.
			out = append([]string(nil), names...)
			hosts = make([]string, len(sources))
			shared = map[onHost]int{}
			for j, src := range sources {
				hosts[j] = hostOf(src)
				if seen[names[j]] > 1 {
					shared[onHost{names[j], hosts[j]}]++
				}
			}
		}
		out[i] = n + " (" + whereFrom(sources[i], shared[onHost{n, hosts[i]}] > 1) + ")"
	}
	if out == nil {
		return names
	}
	return out
}

// whereFrom is a source's place, shortly: its host without "www.", with
// its path when full; a source that is not a web address (a file) as
// clean.Name shows a name from outside.
func whereFrom(source string, full bool) string {
	u, err := url.Parse(source)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return clean.Name(source)
	}
	host := strings.TrimPrefix(u.Host, "www.")
	if !full {
		return host
	}
	place := host + u.EscapedPath()
	if u.RawQuery != "" {
		place += "?" + u.RawQuery
	}
	return place
}

// hostOf is a source's host, or the source itself when it has none.
func hostOf(source string) string {
	if u, err := url.Parse(source); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	return source
}
