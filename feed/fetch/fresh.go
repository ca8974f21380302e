package fetch

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxFreshFor bounds what a response may say of its own freshness: a
// server's Cache-Control or Expires is read as at most a week. A refresh
// schedule bounds it further (see feed/refresh).
const MaxFreshFor = 7 * 24 * time.Hour

// NotModifiedError is the error of a 304 answer to a conditional GET. It
// matches ErrNotModified with errors.Is, and carries how long the server
// says the resource stays fresh, which a 304 may renew.
type NotModifiedError struct {
	// FreshFor is the freshness lifetime the 304's headers state, or 0.
	FreshFor time.Duration
}

// Error returns "not modified".
func (e *NotModifiedError) Error() string { return ErrNotModified.Error() }

// Is reports whether target is ErrNotModified.
func (e *NotModifiedError) Is(target error) bool { return target == ErrNotModified }

// freshFor reads how long a response says it stays fresh, as an HTTP
// cache would (RFC 9111 §4.2.1): Cache-Control max-age less Age, or else
// Expires less Date. no-store and no-cache give 0: the server wants
// every use checked. A date that does not parse counts for nothing, as
// does a time already past. The result is at most MaxFreshFor.
func freshFor(h http.Header, now time.Time) time.Duration {
	cc := strings.ToLower(strings.Join(h.Values("Cache-Control"), ","))
	maxAge, haveMaxAge := time.Duration(0), false
	for _, d := range strings.Split(cc, ",") {
		name, val, _ := strings.Cut(strings.TrimSpace(d), "=")
		switch strings.TrimSpace(name) {
		case "no-store", "no-cache":
			return 0
		case "max-age":
			n, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(val), `"`), 10, 64)
			if err != nil || n < 0 {
				continue
			}
			haveMaxAge = true
			maxAge = secondsCapped(n)
		}
	}
	var d time.Duration
	switch {
	case haveMaxAge:
		d = maxAge
		if age, err := strconv.ParseInt(strings.TrimSpace(h.Get("Age")), 10, 64); err == nil && age > 0 {
			d -= secondsCapped(age)
		}
	case h.Get("Expires") != "":
		exp, err := http.ParseTime(h.Get("Expires"))
		if err != nil {
			return 0
		}
		// Against the server's own clock when it gives one, so that a
		// skewed clock here does not stretch or cut the lifetime.
		base := now
		if date, err := http.ParseTime(h.Get("Date")); err == nil {
			base = date
		}
		d = exp.Sub(base)
	}
	return max(0, min(d, MaxFreshFor))
}

func secondsCapped(n int64) time.Duration {
	if n > int64(MaxFreshFor/time.Second) {
		return MaxFreshFor
	}
	return time.Duration(n) * time.Second
}
