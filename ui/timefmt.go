package ui

import (
	"fmt"
	"time"
)

// relativeTime says how long ago t was, in Korean, the way a news reader
// shows it: 방금, 5분 전, 3시간 전, 어제, 4일 전, then the local date. A zero
// time (no date in the source) gives "".
func relativeTime(now, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(now.Location())
	d := now.Sub(t)
	switch {
	case d < 0:
		return t.Format("01-02 15:04")
	case d < time.Minute:
		return "방금"
	case d < time.Hour:
		return fmt.Sprintf("%d분 전", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d시간 전", int(d/time.Hour))
	}
	days := daysBetween(t, now)
	switch {
	case days == 1:
		return "어제"
	case days < 7:
		return fmt.Sprintf("%d일 전", days)
	case t.Year() == now.Year():
		return t.Format("01-02")
	}
	return t.Format("2006-01-02")
}

// daysBetween counts calendar days from a to b in b's zone.
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.In(b.Location()).Date()
	by, bm, bd := b.Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da) / (24 * time.Hour))
}
