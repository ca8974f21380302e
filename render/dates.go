package render

import (
	"time"

	"sokbo/feed"
	"sokbo/render/lang"
)

// RelativeTime says how long ago t was, in l, the way a news reader
// shows it: 방금, 5분 전, 3시간 전, 어제, 4일 전 (just now, 5m ago, 3h ago,
// yesterday, 4d ago), then the local date, with
// its year when that is not this year's. A time that names only a day in
// Seoul (see feed.DateOnly) is counted in Seoul's calendar, never in
// hours: 오늘, 어제, 4일 전. A time ahead of now (a clock that runs fast, a
// feed that schedules its posts) says when: 오늘 15:04 or 내일 09:00 within
// a day, the whole date after that. A zero time (no date in the source)
// gives "". Every answer fits in 10 cells.
func RelativeTime(l lang.Lang, now, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if feed.DateOnly(t) {
		t, now = t.In(feed.Seoul), now.In(feed.Seoul)
		if daysBetween(t, now) == 0 {
			return l.Today()
		}
		return relativeDays(l, now, t)
	}
	t = t.In(now.Location())
	d := now.Sub(t)
	switch {
	case d <= -24*time.Hour:
		return t.Format("2006-01-02")
	case d <= -time.Minute:
		if daysBetween(t, now) == 0 {
			return l.TodayAt(t.Format("15:04"))
		}
		return l.TomorrowAt(t.Format("15:04"))
	case d < time.Minute:
		return l.JustNow()
	case d < time.Hour:
		return l.MinutesAgo(int(d / time.Minute))
	case d < 24*time.Hour:
		return l.HoursAgo(int(d / time.Hour))
	}
	return relativeDays(l, now, t)
}

// relativeDays names the calendar day of t, in now's zone, from now: 어제,
// 4일 전, 내일, then the date (month and day within the year; with the year
// for another year, or for a day after tomorrow).
func relativeDays(l lang.Lang, now, t time.Time) string {
	days := daysBetween(t, now)
	switch {
	case days == 1:
		return l.Yesterday()
	case days > 1 && days < 7:
		return l.DaysAgo(days)
	case days == -1:
		return l.Tomorrow()
	case days < -1:
		return t.Format("2006-01-02")
	case t.Year() == now.Year():
		return t.Format("01-02")
	}
	return t.Format("2006-01-02")
}

// AppendDate appends t as sokbo prints a date: "2006-01-02 15:04" in loc,
// or only the day in Seoul for a time that names only a day (see
// feed.DateOnly).
func AppendDate(b []byte, t time.Time, loc *time.Location) []byte {
	if feed.DateOnly(t) {
		return t.In(feed.Seoul).AppendFormat(b, "2006-01-02")
	}
	t = t.In(loc)
	y, mo, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, "2006-01-02 15:04")
	}
	// As AppendFormat writes it, without reading the layout: a list of
	// fifty thousand writes as many.
	h, mi, _ := t.Clock()
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(mo)/10), byte('0'+int(mo)%10), '-', byte('0'+d/10), byte('0'+d%10), ' ',
		byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10))
}

// AppendStamp appends t as a line of a running log shows it: only its
// time, "15:04", when it is of now's day in loc, and otherwise as
// AppendDate writes it, "2006-01-02 15:04", so that a line of days ago
// says which day. A time that names only a day in Seoul (feed.DateOnly)
// is always its date: it has no time of day to show.
func AppendStamp(b []byte, t, now time.Time, loc *time.Location) []byte {
	if !feed.DateOnly(t) && daysBetween(t, now.In(loc)) == 0 {
		return t.In(loc).AppendFormat(b, "15:04")
	}
	return AppendDate(b, t, loc)
}

// daysBetween counts calendar days from a to b in b's zone.
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.In(b.Location()).Date()
	by, bm, bd := b.Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da) / (24 * time.Hour))
}

// RelativeTimeChanges is the first instant after now at which
// RelativeTime may say otherwise of t: when its age reaches the next
// minute or hour, when it comes within a day or a minute ahead, or at the
// next midnight, whichever comes first. A screen that shows the answer
// is drawn again then, and not before. A zero t never changes: it gives
// the zero time.
func RelativeTimeChanges(now, t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	if feed.DateOnly(t) {
		return nextMidnight(now.In(feed.Seoul))
	}
	t = t.In(now.Location())
	d := now.Sub(t)
	midnight := nextMidnight(now)
	switch {
	case d <= -24*time.Hour:
		return t.Add(-24*time.Hour + time.Nanosecond)
	case d <= -time.Minute:
		return earliest(midnight, t.Add(-time.Minute+time.Nanosecond))
	case d < time.Minute:
		return t.Add(time.Minute)
	case d < time.Hour:
		return t.Add((d/time.Minute + 1) * time.Minute)
	case d < 24*time.Hour:
		return t.Add((d/time.Hour + 1) * time.Hour)
	}
	return midnight
}

// nextMidnight is the start of the day after now's, in now's zone.
func nextMidnight(now time.Time) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
