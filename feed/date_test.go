package feed

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	// want is the UTC instant; "" means the date must be unreadable.
	tests := map[string]struct {
		in   string
		want string
	}{
		"rfc1123 gmt":            {"Sun, 14 Jul 2024 03:20:00 GMT", "2024-07-14T03:20:00Z"},
		"rfc1123z":               {"Sun, 14 Jul 2024 12:20:00 +0900", "2024-07-14T03:20:00Z"},
		"rfc822":                 {"14 Jul 24 12:20 KST", "2024-07-14T03:20:00Z"},
		"rfc822z":                {"14 Jul 24 12:20 +0900", "2024-07-14T03:20:00Z"},
		"rfc1123 ut":             {"Sun, 14 Jul 2024 03:20:00 UT", "2024-07-14T03:20:00Z"},
		"rfc1123 utc":            {"Sun, 14 Jul 2024 03:20:00 UTC", "2024-07-14T03:20:00Z"},
		"rfc1123 z":              {"Sun, 14 Jul 2024 03:20:00 Z", "2024-07-14T03:20:00Z"},
		"rfc1123 kst":            {"Sun, 14 Jul 2024 12:20:00 KST", "2024-07-14T03:20:00Z"},
		"rfc1123 est":            {"Sun, 14 Jul 2024 12:20:00 EST", "2024-07-14T17:20:00Z"},
		"single digit day":       {"Fri, 5 Jul 2024 09:05:00 +0900", "2024-07-05T00:05:00Z"},
		"missing seconds":        {"Sun, 14 Jul 2024 12:20 +0900", "2024-07-14T03:20:00Z"},
		"missing weekday":        {"14 Jul 2024 12:20:00 +0900", "2024-07-14T03:20:00Z"},
		"wrong weekday":          {"Mon, 14 Jul 2024 12:20:00 +0900", "2024-07-14T03:20:00Z"},
		"full weekday and month": {"Sunday, 14 July 2024 12:20:00 +0900", "2024-07-14T03:20:00Z"},
		"lowercase month":        {"Sun, 14 jul 2024 12:20:00 +0900", "2024-07-14T03:20:00Z"},
		"upper case":             {"SUN, 14 JUL 2024 12:20:00 GMT", "2024-07-14T12:20:00Z"},
		"no zone rfc1123":        {"Sun, 14 Jul 2024 12:20:00", "2024-07-14T03:20:00Z"},
		"offset with colon":      {"Sun, 14 Jul 2024 12:20:00 +09:00", "2024-07-14T03:20:00Z"},
		"negative offset":        {"Sun, 14 Jul 2024 12:20:00 -0500", "2024-07-14T17:20:00Z"},
		"gmt plus hours":         {"Sun, 14 Jul 2024 12:20:00 GMT+9", "2024-07-14T03:20:00Z"},
		"dashed rfc850":          {"Sunday, 14-Jul-24 03:20:00 GMT", "2024-07-14T03:20:00Z"},
		"ansic":                  {"Sun Jul 14 12:20:00 2024", "2024-07-14T03:20:00Z"},
		"us style":               {"Jul 14, 2024 3:20 PM", "2024-07-14T06:20:00Z"},
		"rfc3339 z":              {"2024-07-14T03:20:00Z", "2024-07-14T03:20:00Z"},
		"rfc3339 offset":         {"2024-07-14T12:20:00+09:00", "2024-07-14T03:20:00Z"},
		"rfc3339 nano":           {"2024-07-14T12:20:00.123456789+09:00", "2024-07-14T03:20:00.123456789Z"},
		"rfc3339 lowercase t z":  {"2024-07-14t03:20:00z", "2024-07-14T03:20:00Z"},
		"rfc3339 no seconds":     {"2024-07-14T12:20+09:00", "2024-07-14T03:20:00Z"},
		"rfc3339 compact offset": {"2024-07-14T12:20:00+0900", "2024-07-14T03:20:00Z"},
		"rfc3339 no zone":        {"2024-07-14T12:20:00", "2024-07-14T03:20:00Z"},
		"space no zone":          {"2024-07-14 12:20:00", "2024-07-14T03:20:00Z"},
		"space kst":              {"2024-07-14 12:20:00 KST", "2024-07-14T03:20:00Z"},
		"jekyll":                 {"2024-07-14 12:20:00 +0900", "2024-07-14T03:20:00Z"},
		"jekyll utc":             {"2024-07-14 03:20:00 +0000", "2024-07-14T03:20:00Z"},
		"go time string":         {"2024-07-14 12:20:00 +0900 KST", "2024-07-14T03:20:00Z"},
		"date only":              {"2024-07-14", "2024-07-13T15:00:00Z"},
		"single digit iso":       {"2024-7-5 9:05", "2024-07-05T00:05:00Z"},
		"dotted":                 {"2024.07.15 09:05", "2024-07-15T00:05:00Z"},
		"dotted with seconds":    {"2024.07.15 09:05:30", "2024-07-15T00:05:30Z"},
		"dotted spaced":          {"2024. 7. 15. 오후 3:05", "2024-07-15T06:05:00Z"},
		"slashed":                {"2024/07/15 09:05", "2024-07-15T00:05:00Z"},
		"european":               {"15.07.2024 09:05", "2024-07-15T00:05:00Z"},
		"korean pm":              {"2024년 7월 15일 오후 3:05", "2024-07-15T06:05:00Z"},
		"korean am":              {"2024년 7월 15일 오전 9:05", "2024-07-15T00:05:00Z"},
		"korean noon":            {"2024년 7월 15일 오후 12:20", "2024-07-15T03:20:00Z"},
		"korean midnight":        {"2024년 7월 15일 오전 12:20", "2024-07-14T15:20:00Z"},
		"korean weekday":         {"2024년 7월 15일 (월) 오후 3:05", "2024-07-15T06:05:00Z"},
		"korean units":           {"2024년 7월 15일 오후 3시 5분", "2024-07-15T06:05:00Z"},
		"korean date only":       {"2024년 7월 15일", "2024-07-14T15:00:00Z"},
		"korean 24h":             {"2024년 07월 15일 15:05", "2024-07-15T06:05:00Z"},
		"meridiem after":         {"2024-07-15 03:05 오후", "2024-07-15T06:05:00Z"},
		"iso pm":                 {"2024-07-15 3:05 pm", "2024-07-15T06:05:00Z"},
		"iso p.m.":               {"2024-07-15 3:05 p.m.", "2024-07-15T06:05:00Z"},
		"iso am noon":            {"2024-07-15 12:05 AM", "2024-07-14T15:05:00Z"},
		"leading space":          {"  2024-07-14 12:20:00  ", "2024-07-14T03:20:00Z"},
		"leap second":            {"2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"},
		"unknown zone as utc":    {"Sun, 14 Jul 2024 12:20:00 CEST", "2024-07-14T12:20:00Z"},

		"empty":          {"", ""},
		"spaces":         {"   ", ""},
		"word":           {"yesterday", ""},
		"zero time":      {"0001-01-01T00:00:00Z", ""},
		"year only":      {"2024", ""},
		"no day":         {"Jul 2024", ""},
		"31 june":        {"2024-06-31", ""},
		"29 feb 2023":    {"2023-02-29", ""},
		"month 13":       {"2024-13-01", ""},
		"hour 25":        {"2024-07-14 25:00", ""},
		"minute 60":      {"2024-07-14 12:60", ""},
		"two times":      {"2024-07-14 12:20 13:20", ""},
		"two months":     {"14 Jul Aug 2024", ""},
		"unix timestamp": {"1720927200", ""},
		"garbage word":   {"2024-07-14 banana", ""},
		"bad offset":     {"2024-07-14 12:20 +99", ""},
		"ambiguous us":   {"07/14/2024", ""},
		"far future":     {"9999-12-31", ""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if tt.want == "" {
				if ok {
					t.Fatalf("ParseDate(%q) = %s, want unreadable", tt.in, got.Format(time.RFC3339Nano))
				}
				if !got.IsZero() {
					t.Fatalf("ParseDate(%q) returned %s with ok=false", tt.in, got)
				}
				return
			}
			if !ok {
				t.Fatalf("ParseDate(%q) unreadable, want %s", tt.in, tt.want)
			}
			want, err := time.Parse(time.RFC3339Nano, tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(want) {
				t.Fatalf("ParseDate(%q) = %s, want %s", tt.in, got.Format(time.RFC3339Nano), tt.want)
			}
			if !DateOnly(got) && got.Location() != time.UTC {
				t.Fatalf("ParseDate(%q) location = %s, want UTC", tt.in, got.Location())
			}
		})
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"Sun, 14 Jul 2024 12:20:00 +0900",
		"2024-07-14T12:20:00.5+09:00",
		"2024년 7월 15일 오후 3:05",
		"2024. 7. 15. 오전 12:00",
		"14-Jul-24 03:20 GMT+9",
		"Jul 14, 2024 3:20 p.m. KST",
		"Wed, 02 Dec 2026 00:00:00 +0900",
		"Wed, 02 Dec 2026",
		"2026-12-02 +0900",
		"2026년 12월 2일 0시",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseDate(s)
		if !ok {
			if !got.IsZero() {
				t.Fatalf("ParseDate(%q) = %s with ok=false", s, got)
			}
			return
		}
		if DateOnly(got) {
			// Only a day: its midnight in Seoul, and it stays a day
			// when written as one.
			if h, m, sec := got.Clock(); h != 0 || m != 0 || sec != 0 || got.Nanosecond() != 0 {
				t.Fatalf("ParseDate(%q) = %s, a day that is not a midnight", s, got)
			}
			if again, ok := ParseDate(got.Format("2006-01-02")); !ok || again != got {
				t.Fatalf("ParseDate(%q) = %s; its day read back as %s, %v", s, got, again, ok)
			}
		} else if got.Location() != time.UTC {
			t.Fatalf("ParseDate(%q) location = %s", s, got.Location())
		}
		// An offset of up to 14 hours may move the year across a boundary.
		if y := got.Year(); y < minYear-1 || y > maxYear+1 {
			t.Fatalf("ParseDate(%q) year = %d", s, y)
		}
		if y := got.Year(); y <= minYear || y >= maxYear {
			return // an offset may have pushed it just out of range
		}
		// Whatever sokbo prints, it reads back, as a time.
		for _, layout := range []string{time.RFC1123Z, time.RFC3339Nano, "2006-01-02 15:04:05 -0700"} {
			again, ok := ParseDate(got.Format(layout))
			if !ok || !again.Equal(got.Truncate(precision(layout))) || DateOnly(again) {
				t.Fatalf("ParseDate(%q) = %s; re-reading %q gave %s, %v", s, got, got.Format(layout), again, ok)
			}
		}
	})
}

func precision(layout string) time.Duration {
	if layout == time.RFC3339Nano {
		return 0
	}
	return time.Second
}

func TestDateOnly(t *testing.T) {
	// A date that gives no time of day is a day; one that gives a time
	// is a time, 00:00:00 in Seoul included. want is the UTC instant.
	for s, want := range map[string]struct {
		day     bool
		instant string
	}{
		"2024-02-01":                      {true, "2024-01-31T15:00:00Z"},
		"2024년 2월 1일":                     {true, "2024-01-31T15:00:00Z"},
		"2024.02.01":                      {true, "2024-01-31T15:00:00Z"},
		"Thu, 01 Feb 2024":                {true, "2024-01-31T15:00:00Z"},
		"01 Feb 2024":                     {true, "2024-01-31T15:00:00Z"},
		"2024-02-01 +0000":                {true, "2024-01-31T15:00:00Z"}, // a day names no zone's midnight
		"2024년 2월 1일 (목)":                 {true, "2024-01-31T15:00:00Z"},
		"2024-02-01 00:00:00 +0900":       {false, "2024-01-31T15:00:00Z"},
		"Wed, 02 Dec 2026 00:00:00 +0900": {false, "2026-12-01T15:00:00Z"},
		"Wed, 02 Dec 2026 00:00:00 KST":   {false, "2026-12-01T15:00:00Z"},
		"2026-12-02T00:00:00+09:00":       {false, "2026-12-01T15:00:00Z"},
		"2026-12-02 00:00":                {false, "2026-12-01T15:00:00Z"},
		"2026년 12월 2일 0시":                 {false, "2026-12-01T15:00:00Z"},
		"2026년 12월 2일 오전 12:00":           {false, "2026-12-01T15:00:00Z"},
		"2024-02-01 09:00:00 +0900":       {false, "2024-02-01T00:00:00Z"},
		"2024-02-01T00:00:00Z":            {false, "2024-02-01T00:00:00Z"},
		"Thu, 01 Feb 2024 00:00:01 +0900": {false, "2024-01-31T15:00:01Z"},
	} {
		d, ok := ParseDate(s)
		if !ok {
			t.Fatalf("ParseDate(%q) failed", s)
		}
		if got := DateOnly(d); got != want.day {
			t.Errorf("DateOnly(%q) = %v, want %v", s, got, want.day)
		}
		if got := d.UTC().Format(time.RFC3339); got != want.instant {
			t.Errorf("ParseDate(%q) = %s, want %s", s, got, want.instant)
		}
	}
	if DateOnly(time.Time{}) {
		t.Error("the zero time names a day")
	}
	if DateOnly(time.Date(2024, 2, 1, 0, 0, 0, 0, Seoul)) {
		t.Error("a midnight in Seoul names a day")
	}
	if d := Day(2024, 2, 1); !DateOnly(d) || !d.Equal(time.Date(2024, 2, 1, 0, 0, 0, 0, Seoul)) {
		t.Errorf("Day(2024, 2, 1) = %s, DateOnly %v", d, DateOnly(d))
	}
}
