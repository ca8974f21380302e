package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/korean"
)

// TestListMidnight: a time given as 00:00:00 KST is a time, printed in
// local time like any other, in text and JSON; a date with no time is
// that day, wherever the reader is.
func TestListMidnight(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mid.xml")
	if err := os.WriteFile(path, []byte(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>t</title><link>https://example.com/</link>
<item><title>자정</title><link>https://example.com/1</link><pubDate>Wed, 02 Dec 2026 00:00:00 +0900</pubDate></item>
<item><title>날짜만</title><link>https://example.com/2</link><pubDate>Tue, 01 Dec 2026</pubDate></item>
</channel></rss>`), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Local
	t.Cleanup(func() { time.Local = old })
	for _, tc := range []struct {
		loc            *time.Location
		midnight, json string
	}{
		{time.UTC, "2026-12-01 15:00", `"published":"2026-12-01T15:00:00Z"`},
		{time.FixedZone("EST", -5*3600), "2026-12-01 10:00", `"published":"2026-12-01T10:00:00-05:00"`},
		{time.FixedZone("KST", 9*3600), "2026-12-02 00:00", `"published":"2026-12-02T00:00:00+09:00"`},
	} {
		time.Local = tc.loc
		out, stderr, status := sokbo(t, "list", path)
		if status != 0 || stderr != "" {
			t.Fatalf("%v: status %d, stderr %q", tc.loc, status, stderr)
		}
		want := "1\t" + tc.midnight + "\t자정\thttps://example.com/1\n2\t2026-12-01\t날짜만\thttps://example.com/2\n"
		if out != want {
			t.Errorf("%v: list\n%s\nwant\n%s", tc.loc, out, want)
		}
		out, _, _ = sokbo(t, "list", "--json", path)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 2 || !strings.Contains(lines[0], tc.json) || !strings.Contains(lines[1], `"published":"2026-12-01T00:00:00+09:00"`) {
			t.Errorf("%v: list --json\n%s\nwant %s, then the day at +09:00", tc.loc, out, tc.json)
		}
	}
}

// TestListMislabelled: CP949 bytes declared UTF-8 list right, with one
// warning line naming the file.
func TestListMislabelled(t *testing.T) {
	body, err := korean.EUCKR.NewEncoder().String(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>t</title><link>https://example.com/</link>
<item><title>서울 전역 호우 경보</title><link>https://example.com/1</link></item>
<item><title>` + "\u3164" + `ㄸㅗㅁ방각하</title><link>https://example.com/2</link></item>
</channel></rss>`)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "lie.xml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, status := sokbo(t, "list", path)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	if want := "1\t\t서울 전역 호우 경보\thttps://example.com/1\n2\t\t똠방각하\thttps://example.com/2\n"; out != want {
		t.Errorf("list\n%s\nwant\n%s", out, want)
	}
	if want := "sokbo: warning: " + path + ": read as CP949 (EUC-KR): declared UTF-8 by the XML declaration but is not\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}
