package feed

import (
	"bytes"
	"strconv"
	"time"
)

// MaxTTL bounds a feed's <ttl>: a day. A feed that asks for more is read
// as asking for a day.
const MaxTTL = 24 * time.Hour

// channelTTL reads an RSS channel's <ttl>, minutes to cache the feed, or 0.
// gofeed's universal model drops it, and parsing the feed again for one
// element would double the cost of a refresh, so it is looked for in the
// bytes: <ttl> is a child of <channel>, before the first <item> in every
// feed seen, and only there is it read. A value that is not a whole
// number of minutes from 1 counts for nothing.
func channelTTL(data []byte) time.Duration {
	head := data
	if i := bytes.Index(head, []byte("<item")); i >= 0 {
		head = head[:i]
	}
	i := bytes.Index(head, []byte("<ttl>"))
	if i < 0 {
		return 0
	}
	rest := head[i+len("<ttl>"):]
	j := bytes.Index(rest, []byte("</ttl>"))
	if j < 0 || j > 32 {
		return 0
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(rest[:j])))
	if err != nil || n < 1 {
		return 0
	}
	if n > int(MaxTTL/time.Minute) {
		return MaxTTL
	}
	return time.Duration(n) * time.Minute
}
