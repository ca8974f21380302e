package feed

import (
	"strings"
	"time"
)

// seoul is the zone of a date written without one by a Korean source.
var seoul = time.FixedZone("KST", 9*60*60)

var dateLayouts = []string{
	time.RFC3339Nano,
	time.RFC3339,
	time.RFC1123Z,
	time.RFC1123,
	time.RFC822Z,
	time.RFC822,
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// ParseDate reads a date leniently. A date with no zone is taken to be in
// Asia/Seoul. ok is false when s holds no readable date.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, seoul); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
