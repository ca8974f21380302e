package render

import (
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/render/lang"
)

func TestRelativeTime(t *testing.T) {
	utc := time.UTC
	now := time.Date(2024, 7, 14, 12, 0, 0, 0, utc) // 21:00 in Seoul
	day := feed.Day
	tests := []struct {
		t      time.Time
		ko, en string
	}{
		{time.Time{}, "", ""},
		{now.Add(-30 * time.Second), "방금", "just now"},
		{now.Add(-5 * time.Minute), "5분 전", "5m ago"},
		{now.Add(-3 * time.Hour), "3시간 전", "3h ago"},
		{now.Add(-30 * time.Hour), "어제", "yesterday"},
		{now.Add(-4 * 24 * time.Hour), "4일 전", "4d ago"},
		{time.Date(2024, 3, 1, 8, 0, 0, 0, utc), "03-01", "03-01"},
		{time.Date(2023, 3, 1, 8, 0, 0, 0, utc), "2023-03-01", "2023-03-01"},
		// Only a day, in Seoul: counted in Seoul's calendar, never hours.
		{day(2024, 7, 14), "오늘", "today"},
		{day(2024, 7, 13), "어제", "yesterday"},
		{day(2024, 7, 10), "4일 전", "4d ago"},
		{day(2024, 2, 1), "02-01", "02-01"},
		{day(2023, 2, 1), "2023-02-01", "2023-02-01"},
		// Ahead of now: a fast clock, a scheduled post, a typo for 2099.
		{now.Add(30 * time.Second), "방금", "just now"},
		{now.Add(5 * time.Minute), "오늘 21:05", "at 21:05"},
		{now.Add(4 * time.Hour), "내일 01:00", "tmrw 01:00"},
		{now.Add(25 * time.Hour), "2024-07-15", "2024-07-15"},
		{time.Date(2099, 7, 14, 12, 0, 0, 0, utc), "2099-07-14", "2099-07-14"},
		{day(2024, 7, 15), "내일", "tomorrow"},
		{day(2024, 7, 20), "2024-07-20", "2024-07-20"},
		{day(2099, 1, 1), "2099-01-01", "2099-01-01"},
		// A time given as 00:00 in Seoul is a time, not a day.
		{time.Date(2024, 7, 14, 0, 0, 0, 0, feed.Seoul), "21시간 전", "21h ago"},
		{time.Date(2024, 7, 15, 0, 0, 0, 0, feed.Seoul), "내일 00:00", "tmrw 00:00"},
	}
	for _, tc := range tests {
		for l, want := range map[lang.Lang]string{lang.Ko: tc.ko, lang.En: tc.en} {
			got := RelativeTime(l, now.In(feed.Seoul), tc.t)
			if got != want {
				t.Errorf("RelativeTime(%v, %v) = %q, want %q", l, tc.t, got, want)
			}
			if w := Width(got); w > 10 {
				t.Errorf("RelativeTime(%v, %v) = %q: %d cells, more than 10", l, tc.t, got, w)
			}
		}
	}
}

// TestAppendDate checks that a time naming only a day prints as that day
// in Seoul, wherever the reader is: as a clock time in UTC, 2024-02-01
// would be 2024-01-31 15:00.
func TestAppendDate(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	if la == nil {
		la = time.FixedZone("PST", -8*60*60)
	}
	for loc, midnight := range map[*time.Location]string{time.UTC: "2024-01-31 15:00", la: "2024-01-31 07:00", feed.Seoul: "2024-02-01 00:00"} {
		if got := string(AppendDate(nil, feed.Day(2024, 2, 1), loc)); got != "2024-02-01" {
			t.Errorf("date only in %v: %q", loc, got)
		}
		// 00:00:00 +0900 is a time like any other.
		if got := string(AppendDate(nil, time.Date(2024, 2, 1, 0, 0, 0, 0, feed.Seoul), loc)); got != midnight {
			t.Errorf("midnight in Seoul, in %v: %q, want %q", loc, got, midnight)
		}
	}
	if got := string(AppendDate(nil, time.Date(2024, 2, 1, 1, 30, 0, 0, feed.Seoul), time.UTC)); got != "2024-01-31 16:30" {
		t.Errorf("a clock time: %q", got)
	}
}

// TestAppendStamp: the time alone on now's day in loc (its midnight
// counted in loc, not UTC), the date with it on any other day.
func TestAppendStamp(t *testing.T) {
	now := time.Date(2024, 7, 15, 0, 30, 0, 0, feed.Seoul) // 15:30 the day before in UTC
	for name, tc := range map[string]struct {
		t    time.Time
		loc  *time.Location
		want string
	}{
		"today":              {now.Add(-20 * time.Minute), feed.Seoul, "00:10"},
		"yesterday":          {now.Add(-40 * time.Minute), feed.Seoul, "2024-07-14 23:50"},
		"days ago":           {now.Add(-72 * time.Hour), feed.Seoul, "2024-07-12 00:30"},
		"today in UTC":       {now.Add(-40 * time.Minute), time.UTC, "14:50"},
		"date only, today":   {feed.Day(2024, 7, 15), feed.Seoul, "2024-07-15"},
		"date only, earlier": {feed.Day(2024, 7, 1), feed.Seoul, "2024-07-01"},
		"midnight, today":    {time.Date(2024, 7, 15, 0, 0, 0, 0, feed.Seoul), feed.Seoul, "00:00"},
	} {
		if got := string(AppendStamp(nil, tc.t, now, tc.loc)); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}

// TestRelativeTimeChanges: what RelativeTime says of t stays the same
// from now until RelativeTimeChanges, and the change comes when the age
// reaches its next unit, when t comes near, or at midnight.
func TestRelativeTimeChanges(t *testing.T) {
	now := time.Date(2024, 7, 14, 12, 0, 0, 0, time.UTC).In(feed.Seoul) // 21:00 in Seoul
	midnight := now.Add(3 * time.Hour)
	day := feed.Day
	tests := map[string]struct {
		t, want time.Time
	}{
		"just now":          {now.Add(-30 * time.Second), now.Add(30 * time.Second)},
		"5 minutes":         {now.Add(-5 * time.Minute), now.Add(time.Minute)},
		"5 minutes 20 s":    {now.Add(-5*time.Minute - 20*time.Second), now.Add(40 * time.Second)},
		"59 minutes":        {now.Add(-59 * time.Minute), now.Add(time.Minute)},
		"3 hours":           {now.Add(-3 * time.Hour), now.Add(time.Hour)},
		"23 hours 30":       {now.Add(-23*time.Hour - 30*time.Minute), now.Add(30 * time.Minute)},
		"yesterday":         {now.Add(-30 * time.Hour), midnight},
		"a date":            {time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC), midnight},
		"only a day":        {day(2024, 7, 14), midnight},
		"00:00 in Seoul":    {time.Date(2024, 7, 14, 0, 0, 0, 0, feed.Seoul), now.Add(time.Hour)}, // 21h ago, then 22h
		"today at, ahead":   {now.Add(5 * time.Minute), now.Add(4*time.Minute + time.Nanosecond)},
		"tomorrow at":       {now.Add(4 * time.Hour), midnight},
		"a day ahead":       {now.Add(25 * time.Hour), now.Add(time.Hour + time.Nanosecond)},
		"just now, ahead":   {now.Add(30 * time.Second), now.Add(90 * time.Second)},
		"a year ago":        {time.Date(2023, 3, 1, 8, 0, 0, 0, time.UTC), midnight},
		"another zone, UTC": {now.Add(-2 * time.Hour).UTC(), now.Add(time.Hour)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := RelativeTimeChanges(now, tc.t)
			if !got.Equal(tc.want) {
				t.Fatalf("RelativeTimeChanges = %v, want %v", got, tc.want)
			}
			said := RelativeTime(lang.Ko, now, tc.t)
			span := got.Sub(now)
			for k := range 64 {
				at := now.Add(span * time.Duration(k) / 64)
				if s := RelativeTime(lang.Ko, at, tc.t); s != said {
					t.Fatalf("at %v it says %q, before the change; at now %q", at, s, said)
				}
			}
			if s := RelativeTime(lang.Ko, got.Add(-time.Nanosecond), tc.t); s != said {
				t.Fatalf("just before the change it says %q; at now %q", s, said)
			}
			if s := RelativeTime(lang.Ko, got, tc.t); s == said && !got.Equal(midnight) {
				t.Fatalf("at the change it still says %q", s)
			}
		})
	}
	if got := RelativeTimeChanges(now, time.Time{}); !got.IsZero() {
		t.Errorf("a zero time changes at %v", got)
	}
}

// TestAppendDateAsFormat: AppendDate writes what AppendFormat does, over
// years, months, days and times of day, in two zones.
func TestAppendDateAsFormat(t *testing.T) {
	utc := time.UTC
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("X", -5*3600)
	}
	for _, loc := range []*time.Location{utc, ny} {
		for _, tm := range []time.Time{
			time.Date(2026, 12, 2, 9, 41, 7, 5, utc),
			time.Date(1, 1, 1, 0, 1, 0, 1, utc),
			time.Date(999, 10, 31, 23, 59, 59, 0, utc),
			time.Date(9999, 12, 31, 23, 59, 0, 3, utc),
			time.Date(10000, 1, 1, 12, 0, 0, 1, utc),
			time.Date(-5, 1, 1, 12, 0, 0, 1, utc),
			time.Date(1988, 5, 8, 2, 30, 0, 7, utc),
		} {
			want := tm.In(loc).AppendFormat([]byte("x"), "2006-01-02 15:04")
			if got := AppendDate([]byte("x"), tm, loc); string(got) != string(want) {
				t.Errorf("AppendDate(%v, %v) = %q, want %q", tm, loc, got, want)
			}
		}
	}
}
