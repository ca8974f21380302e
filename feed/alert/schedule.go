package alert

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quiet is a daily span of quiet hours in wall-clock time, such as
// 23:00–07:00, which crosses midnight. Its start is in the span and its
// end is not. The zero value is no quiet hours; make one with ParseQuiet.
type Quiet struct {
	start, end int // minutes since midnight; start != end when set
	set        bool
}

// ParseQuiet reads quiet hours written "HH:MM-HH:MM" ("23:00-07:00",
// "9:30~12:00"; the end may be 24:00). An empty string is no quiet hours.
func ParseQuiet(s string) (Quiet, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Quiet{}, nil
	}
	a, b, ok := cutAny(s, "-", "~", "–")
	if !ok {
		return Quiet{}, &ScheduleError{Kind: WantSpan}
	}
	start, err := parseClock(a, false)
	if err != nil {
		return Quiet{}, err
	}
	end, err := parseClock(b, true)
	if err != nil {
		return Quiet{}, err
	}
	if start == end%(24*60) {
		return Quiet{}, &ScheduleError{Kind: SameTime}
	}
	return Quiet{start: start, end: end, set: true}, nil
}

func cutAny(s string, seps ...string) (before, after string, ok bool) {
	for _, sep := range seps {
		if before, after, ok = strings.Cut(s, sep); ok {
			return strings.TrimSpace(before), strings.TrimSpace(after), true
		}
	}
	return "", "", false
}

// parseClock reads "H:MM" or "HH:MM" as minutes since midnight; 24:00 is
// allowed as an end.
func parseClock(s string, end bool) (int, error) {
	hs, ms, ok := strings.Cut(s, ":")
	h, errH := strconv.Atoi(hs)
	m, errM := strconv.Atoi(ms)
	if !ok || errH != nil || errM != nil || len(hs) < 1 || len(hs) > 2 || len(ms) != 2 ||
		h < 0 || m < 0 || m > 59 || h > 24 || h == 24 && (m != 0 || !end) {
		return 0, &ScheduleError{Kind: NotClock, Val: s}
	}
	return h*60 + m, nil
}

// IsZero reports whether q is no quiet hours.
func (q Quiet) IsZero() bool { return !q.set }

// Contains reports whether t falls in the quiet hours, read on the wall
// clock of loc (nil means time.Local). On a day that a clock change
// shortens or lengthens, the span follows the wall clock.
func (q Quiet) Contains(t time.Time, loc *time.Location) bool {
	if !q.set {
		return false
	}
	if loc == nil {
		loc = time.Local
	}
	h, m, _ := t.In(loc).Clock()
	now := h*60 + m
	if q.start < q.end {
		return q.start <= now && now < q.end
	}
	return now >= q.start || now < q.end // across midnight
}

// String returns q as ParseQuiet reads it, or "" for no quiet hours.
func (q Quiet) String() string {
	if !q.set {
		return ""
	}
	return fmt.Sprintf("%02d:%02d-%02d:%02d", q.start/60, q.start%60, q.end/60, q.end%60)
}

// Rate is a per-rule limit: at most N notifications in any span of Per.
// The zero value is no limit.
type Rate struct {
	N   int
	Per time.Duration
}

// Bounds of a rate: a limit of more than maxRateN is no limit worth
// keeping timestamps for, and a span outside [minPer, maxPer] is a typo.
const (
	maxRateN = 1000
	minPer   = time.Minute
	maxPer   = 7 * 24 * time.Hour
)

// ParseRate reads a rate written "N/PERIOD": "5/h", "5/hour", "1/10m",
// "20/d", "3/90m". PERIOD is m, min, h, hour, d or day, optionally after a
// count, or a Go duration, from one minute to seven days. An empty string
// is no limit.
func ParseRate(s string) (Rate, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Rate{}, nil
	}
	want := &ScheduleError{Kind: WantRate}
	ns, ps, ok := strings.Cut(s, "/")
	if !ok {
		return Rate{}, want
	}
	n, err := strconv.Atoi(strings.TrimSpace(ns))
	if err != nil {
		return Rate{}, want
	}
	if n < 1 || n > maxRateN {
		return Rate{}, &ScheduleError{Kind: RateCount, Limit: maxRateN}
	}
	per, ok := parsePeriod(strings.TrimSpace(ps))
	if !ok {
		return Rate{}, want
	}
	if per < minPer || per > maxPer {
		return Rate{}, &ScheduleError{Kind: RatePeriod}
	}
	return Rate{N: n, Per: per}, nil
}

func parsePeriod(s string) (time.Duration, bool) {
	units := []struct {
		name string
		d    time.Duration
	}{
		{"min", time.Minute}, {"m", time.Minute}, {"hour", time.Hour}, {"h", time.Hour},
		{"day", 24 * time.Hour}, {"d", 24 * time.Hour},
	}
	for _, u := range units {
		if count, ok := strings.CutSuffix(s, u.name); ok {
			if count == "" {
				return u.d, true
			}
			if k, err := strconv.Atoi(count); err == nil && k > 0 && k <= 10000 {
				return time.Duration(k) * u.d, true
			}
			break
		}
	}
	d, err := time.ParseDuration(s)
	return d, err == nil
}

// IsZero reports whether r is no limit.
func (r Rate) IsZero() bool { return r.N == 0 }

// String returns r as ParseRate reads it, or "" for no limit.
func (r Rate) String() string {
	if r.N == 0 {
		return ""
	}
	switch r.Per {
	case time.Minute:
		return fmt.Sprintf("%d/m", r.N)
	case time.Hour:
		return fmt.Sprintf("%d/h", r.N)
	case 24 * time.Hour:
		return fmt.Sprintf("%d/d", r.N)
	}
	return fmt.Sprintf("%d/%s", r.N, r.Per)
}

// window is the send times of one rule within its rate: a ring of the
// last N.
type window struct {
	times []time.Time
	next  int
}

// allow reports whether a notification may go at now under r, and
// records it if so.
func (w *window) allow(r Rate, now time.Time) bool {
	if r.N == 0 {
		return true
	}
	if len(w.times) < r.N {
		w.times = append(w.times, now)
		return true
	}
	oldest := w.times[w.next]
	if now.Before(w.times[(w.next+r.N-1)%r.N]) {
		// The clock went back (a suspended laptop, a corrected clock):
		// start counting again rather than stay silent until it
		// catches up.
		w.times = append(w.times[:0], now)
		w.next = 0
		return true
	}
	if now.Sub(oldest) < r.Per {
		return false
	}
	w.times[w.next] = now
	w.next = (w.next + 1) % r.N
	return true
}

// ScheduleError is a quiet or rate value ParseQuiet or ParseRate cannot
// take: Kind says why, for a front end to word; Error is the English.
type ScheduleError struct {
	Kind  ScheduleKind
	Val   string // NotClock's time
	Limit int    // RateCount's highest count
}

// ScheduleKind says what is wrong with a quiet or rate value.
type ScheduleKind uint8

const (
	WantSpan   ScheduleKind = iota // quiet is no span of hours
	SameTime                       // quiet starts and ends alike
	NotClock                       // a time of day that is none
	WantRate                       // rate is no count per period
	RateCount                      // the count is out of 1..Limit
	RatePeriod                     // the period is out of a minute..seven days
)

func (e *ScheduleError) Error() string {
	switch e.Kind {
	case WantSpan:
		return `want a span of hours such as "23:00-07:00"`
	case SameTime:
		return `start and end are the same time; give a span such as "23:00-07:00"`
	case NotClock:
		return strconv.Quote(e.Val) + " is not a time of day (want HH:MM, 00:00 to 24:00)"
	case WantRate:
		return `want a count per period such as "5/h" or "1/10m"`
	case RateCount:
		return fmt.Sprintf("the count must be 1 to %d", e.Limit)
	}
	return "the period must be one minute to seven days"
}
