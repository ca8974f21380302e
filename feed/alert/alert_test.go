package alert

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestHasTag(t *testing.T) {
	tests := map[string]struct {
		title, tag string
		want       bool
	}{
		"square":                 {"[속보] 가람시 정전", "속보", true},
		"lenticular":             {"【속보】 가람시 정전", "속보", true},
		"paren":                  {"(속보) 가람시 정전", "속보", true},
		"angle":                  {"<속보> 가람시 정전", "속보", true},
		"double angle":           {"《속보》 가람시 정전", "속보", true},
		"fullwidth":              {"［속보］가람시 정전", "속보", true},
		"mismatched":             {"[속보} 가람시 정전", "속보", true},
		"mismatched cjk":         {"【속보] 가람시 정전", "속보", true},
		"spaces inside":          {"[ 속보 ] 가람시 정전", "속보", true},
		"no space after":         {"[속보]가람시 정전", "속보", true},
		"two labels dot":         {"[속보·단독] 가람시 정전", "단독", true},
		"two labels slash":       {"[단독/속보] 가람시 정전", "속보", true},
		"two brackets":           {"[단독][속보] 가람시 정전", "속보", true},
		"words in bracket":       {"[긴급 속보] 가람시 정전", "속보", true},
		"compound ends in tag":   {"[긴급속보] 가람시 정전", "속보", true},
		"at the end":             {"가람시 정전 (속보)", "속보", true},
		"after ornament":         {"■[속보] 가람시 정전", "속보", true},
		"colon":                  {"속보: 가람시 정전", "속보", true},
		"fullwidth colon":        {"속보：가람시 정전", "속보", true},
		"equals":                 {"속보=가람시 정전", "속보", true},
		"bar":                    {"속보 | 가람시 정전", "속보", true},
		"arrow":                  {"속보▶가람시 정전", "속보", true},
		"ornament then colon":    {"◆속보: 가람시 정전", "속보", true},
		"closer without opener":  {"속보) 가람시 정전", "속보", true},
		"label after bracket":    {"[단독] 속보: 가람시 정전", "속보", true},
		"unclosed at start":      {"[속보 가람시 정전", "속보", true},
		"latin any case":         {"[LIVE] 가람시 정전 브리핑", "live", true},
		"latin tag mixed":        {"[Breaking] 가람시 정전", "BREAKING", true},
		"compound starts":        {"김가람 단독선두…2위와 3타 차", "단독", false},
		"compound starts at top": {"단독선두 김가람, 2위와 3타 차", "단독", false},
		"compound in bracket":    {"[단독선두] 김가람", "단독", false},
		"running text":           {"가람시 속보 경쟁 치열", "속보", false},
		"running text at start":  {"속보 경쟁 치열해진 방송가", "속보", false},
		"other tag":              {"[단독] 가람시 정전", "속보", false},
		"longer word in bracket": {"[속보들] 가람시", "속보", false},
		"bracket far away":       {"(가람시 정전으로 지하철과 버스 모두 멈춘 오늘 아침의 속보)", "속보", false},
		"comma in running text":  {"김가람, 단독 선두", "단독", false},
		"empty tag":              {"[속보] 가람시", "", false},
		"empty title":            {"", "속보", false},
		"tag only":               {"[속보]", "속보", true},
		"repeated occurrence":    {"속보 경쟁 속 [속보] 가람시", "속보", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := HasTag(tc.title, tc.tag); got != tc.want {
				t.Errorf("HasTag(%q, %q) = %v, want %v", tc.title, tc.tag, got, tc.want)
			}
		})
	}
}

func TestNormalizeTag(t *testing.T) {
	tests := map[string]struct {
		in   string
		want string
		ok   bool
	}{
		"bare":      {"속보", "속보", true},
		"bracketed": {"[속보]", "속보", true},
		"cjk":       {"【단독】", "단독", true},
		"spaced":    {" 긴급 속보 ", "긴급속보", true},
		"empty":     {"[]", "", false},
		"symbol":    {"속보!", "", false},
		"too long":  {strings.Repeat("가", 17), "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := NormalizeTag(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("NormalizeTag(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseQuiet(t *testing.T) {
	tests := map[string]struct {
		in, want, err string
	}{
		"across midnight": {in: "23:00-07:00", want: "23:00-07:00"},
		"same day":        {in: "12:30-13:30", want: "12:30-13:30"},
		"tilde, short":    {in: "9:05 ~ 12:00", want: "09:05-12:00"},
		"to midnight":     {in: "22:00-24:00", want: "22:00-24:00"},
		"empty":           {in: "", want: ""},
		"no span":         {in: "23:00", err: `want a span of hours such as "23:00-07:00"`},
		"bad hour":        {in: "25:00-07:00", err: `"25:00" is not a time of day`},
		"bad minute":      {in: "23:60-07:00", err: `"23:60" is not a time of day`},
		"24 as start":     {in: "24:00-07:00", err: `"24:00" is not a time of day`},
		"no minutes":      {in: "23-7", err: `"23" is not a time of day`},
		"same times":      {in: "07:00-07:00", err: "start and end are the same"},
		"midnight both":   {in: "00:00-24:00", err: "start and end are the same"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			q, err := ParseQuiet(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseQuiet(%q) error %v, want one containing %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || q.String() != tc.want {
				t.Fatalf("ParseQuiet(%q) = %q, %v; want %q", tc.in, q, err, tc.want)
			}
		})
	}
}

func TestQuietContains(t *testing.T) {
	seoul := time.FixedZone("KST", 9*3600)
	at := func(h, m int) time.Time { return time.Date(2025, 6, 10, h, m, 0, 0, seoul) }
	night, _ := ParseQuiet("23:00-07:00")
	lunch, _ := ParseQuiet("12:00-13:00")
	tests := map[string]struct {
		q    Quiet
		t    time.Time
		loc  *time.Location
		want bool
	}{
		"before start":        {night, at(22, 59), seoul, false},
		"at start":            {night, at(23, 0), seoul, true},
		"after midnight":      {night, at(0, 30), seoul, true},
		"just before end":     {night, at(6, 59), seoul, true},
		"at end":              {night, at(7, 0), seoul, false},
		"midday":              {night, at(12, 0), seoul, false},
		"same-day span":       {lunch, at(12, 30), seoul, true},
		"same-day span after": {lunch, at(13, 0), seoul, false},
		"read in local time":  {night, at(23, 30).UTC(), seoul, true},
		"other location":      {night, at(23, 30), time.UTC, false}, // 14:30 UTC
		"zero is never quiet": {Quiet{}, at(23, 30), seoul, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.q.Contains(tc.t, tc.loc); got != tc.want {
				t.Errorf("%v.Contains(%v) = %v, want %v", tc.q, tc.t, got, tc.want)
			}
		})
	}
}

func TestQuietAcrossClockChange(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	q, _ := ParseQuiet("01:00-03:00")
	// 2025-03-09 02:00 does not exist in New York: 01:59 EST is followed
	// by 03:00 EDT. An instant at 01:30 EST is quiet; one hour later it
	// is 03:30 EDT, which is not.
	first := time.Date(2025, 3, 9, 1, 30, 0, 0, ny)
	if !q.Contains(first, ny) {
		t.Errorf("01:30 not quiet")
	}
	if q.Contains(first.Add(time.Hour), ny) {
		t.Errorf("%v is quiet", first.Add(time.Hour).In(ny))
	}
}

func TestParseRate(t *testing.T) {
	tests := map[string]struct {
		in  string
		n   int
		per time.Duration
		err string
	}{
		"per hour":      {in: "5/h", n: 5, per: time.Hour},
		"per hour long": {in: "5 / hour", n: 5, per: time.Hour},
		"per minutes":   {in: "1/10m", n: 1, per: 10 * time.Minute},
		"per min":       {in: "2/15min", n: 2, per: 15 * time.Minute},
		"per day":       {in: "20/d", n: 20, per: 24 * time.Hour},
		"go duration":   {in: "3/1h30m", n: 3, per: 90 * time.Minute},
		"empty":         {in: ""},
		"no slash":      {in: "5", err: `want a count per period such as "5/h"`},
		"bad unit":      {in: "5/x", err: `want a count per period such as "5/h"`},
		"bad count":     {in: "many/h", err: `want a count per period`},
		"zero":          {in: "0/h", err: "the count must be 1 to 1000"},
		"too many":      {in: "5000/h", err: "the count must be 1 to 1000"},
		"too short":     {in: "5/30s", err: "the period must be one minute to seven days"},
		"too long":      {in: "5/30d", err: "the period must be one minute to seven days"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r, err := ParseRate(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseRate(%q) error %v, want one containing %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || r.N != tc.n || r.Per != tc.per {
				t.Fatalf("ParseRate(%q) = %+v, %v; want %d per %v", tc.in, r, err, tc.n, tc.per)
			}
			if again, _ := ParseRate(r.String()); again != r {
				t.Errorf("%q does not read back: %+v", r.String(), again)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := map[string]struct {
		cfgs []Config
		want string
	}{
		"no condition": {[]Config{{Name: "전부"}},
			`bad alert: alert "전부": needs a query, a tag or a feed, or it would match every item`},
		"unnamed": {[]Config{{Tag: "속보"}, {Quiet: "23:00-07:00"}},
			`bad alert: alert 2: needs a query, a tag or a feed, or it would match every item`},
		"invisible query": {[]Config{{Name: "x", Query: "\u200b"}},
			`bad alert: alert "x": needs a query, a tag or a feed, or it would match every item`},
		"control query": {[]Config{{Name: "x", Query: "\x1b"}, {Name: "y", Query: "\a"}},
			`bad alert: alert "x": needs a query, a tag or a feed, or it would match every item`},
		"bad tag": {[]Config{{Name: "x", Tag: "속보!"}},
			`bad alert: alert "x": tag = "속보!": want a label of letters or digits such as "속보" or "[단독]", at most 16`},
		"bad quiet": {[]Config{{Name: "x", Tag: "속보", Quiet: "11pm-7am"}},
			`bad alert: alert "x": quiet = "11pm-7am": "11pm" is not a time of day (want HH:MM, 00:00 to 24:00)`},
		"bad rate": {[]Config{{Name: "x", Tag: "속보", Rate: "5/x"}},
			`bad alert: alert "x": rate = "5/x": want a count per period such as "5/h" or "1/10m"`},
		"bad query": {[]Config{{Name: "x", Query: `is:new`}},
			`bad alert: alert "x": query = "is:new": bad query at "is:new": is: takes unread, read or starred`},
		"within refused": {[]Config{{Name: "x", Query: `정전 -within:6h`}},
			`bad alert: alert "x": query = "정전 -within:6h": within: counts back from when the config was read, not from each new item; use after: or leave it out`},
		"duplicate name": {[]Config{{Name: "x", Tag: "속보"}, {Name: "x", Tag: "단독"}},
			`bad alert 2: name "x" is taken by alert 1`},
		"control characters": {[]Config{{Name: "a\x1b[2Jb", Tag: "속보", Rate: "\x1b]0;x\a"}},
			`bad alert: alert "ab": rate = "\x1b]0;x\a": want a count per period such as "5/h" or "1/10m"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Compile(tc.cfgs, time.UTC)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error\n%v\nwant\n%s", err, tc.want)
			}
			if !errors.Is(err, ErrConfig) {
				t.Errorf("%v does not wrap ErrConfig", err)
			}
			if strings.ContainsAny(err.Error(), "\x1b\a\n") {
				t.Errorf("error holds a control character: %q", err)
			}
		})
	}
}

func TestRuleMatch(t *testing.T) {
	items := []Item{
		{Key: "1", Title: "[속보] 가람시 정전", Outlet: "가람일보", Feed: "가람일보 전체", FeedURL: "https://garam.example/rss"},
		{Key: "2", Title: "가람시 정전 복구", Outlet: "한빛뉴스", Feed: "한빛", FeedURL: "https://hanbit.example/rss"},
		{Key: "3", Title: "누리군 산불", Summary: "가람시 인근까지 번져", Outlet: "누리방송", Feed: "누리", FeedURL: "https://nuri.example/feed", Tags: []string{"사회"}},
		{Key: "4", Title: "[단독] KBS 새 사장 선임", Outlet: "미르TV", Feed: "미르", FeedURL: "https://mir.example/atom"},
	}
	tests := map[string]struct {
		cfg  Config
		want []string // keys matched
	}{
		"keyword":            {Config{Query: "정전"}, []string{"1", "2"}},
		"two keywords":       {Config{Query: "가람시 복구"}, []string{"2"}},
		"phrase":             {Config{Query: `"가람시 정전"`}, []string{"1", "2"}},
		"phrase order":       {Config{Query: `"정전 가람시"`}, nil},
		"in the summary":     {Config{Query: "번져"}, []string{"3"}},
		"not":                {Config{Query: "가람시 -복구"}, []string{"1", "3"}},
		"latin any case":     {Config{Query: "kbs"}, []string{"4"}},
		"초성":                 {Config{Query: "ㄱㄹㅅ ㅈㅈ"}, []string{"1", "2"}},
		"초성 title only":      {Config{Query: "ㄱㄹㅅ"}, []string{"1", "2"}},
		"syllables and 초성":   {Config{Query: "누ㄹㄱ"}, []string{"3"}},
		"category filter":    {Config{Query: "tag:사회"}, []string{"3"}},
		"tag":                {Config{Tag: "[속보]"}, []string{"1"}},
		"tag and keyword":    {Config{Tag: "속보", Query: "복구"}, nil},
		"feed name any case": {Config{Feed: "한빛"}, []string{"2"}},
		"outlet":             {Config{Feed: "누리방송"}, []string{"3"}},
		"feed url":           {Config{Feed: "https://mir.example/atom"}, []string{"4"}},
		"feed and tag":       {Config{Feed: "가람일보", Tag: "속보"}, []string{"1"}},
		"feed and other tag": {Config{Feed: "가람일보", Tag: "단독"}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rules, err := Compile([]Config{tc.cfg}, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range items {
				if rules[0].Match(it) {
					got = append(got, it.Key)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("matched %v, want %v", got, tc.want)
			}
		})
	}
}

// clock is the injected time of a test: it moves only when told.
type clock struct{ t time.Time }

func (c *clock) advance(d time.Duration) time.Time { c.t = c.t.Add(d); return c.t }

func TestAlerterCheck(t *testing.T) {
	seoul := time.FixedZone("KST", 9*3600)
	rules, err := Compile([]Config{
		{Name: "속보", Tag: "속보", Quiet: "23:00-07:00", Rate: "2/h"},
		{Name: "가람시", Query: "가람시"},
	}, seoul)
	if err != nil {
		t.Fatal(err)
	}
	a := New(rules, seoul)
	c := &clock{time.Date(2025, 6, 10, 21, 0, 0, 0, seoul)}
	breaking := Item{Title: "[속보] 누리군 산불"}
	both := Item{Title: "[속보] 가람시 정전"}
	steps := []struct {
		name string
		it   Item
		step time.Duration
		want Verdict
	}{
		{"first", breaking, 0, Verdict{Matched: []string{"속보"}, Notify: "속보"}},
		{"second within the hour", breaking, 10 * time.Minute, Verdict{Matched: []string{"속보"}, Notify: "속보"}},
		{"third: rate spent", breaking, 10 * time.Minute, Verdict{Matched: []string{"속보"}, Held: HeldRate}},
		{"another rule takes it", both, time.Minute, Verdict{Matched: []string{"속보", "가람시"}, Notify: "가람시"}},
		{"no match", Item{Title: "누리군 관광객 100만 명"}, time.Minute, Verdict{}},
		{"an hour after the first: room again", breaking, 38 * time.Minute, Verdict{Matched: []string{"속보"}, Notify: "속보"}},
		{"quiet hours", breaking, 2 * time.Hour, Verdict{Matched: []string{"속보"}, Held: HeldQuiet}},
		{"quiet past midnight", breaking, 3 * time.Hour, Verdict{Matched: []string{"속보"}, Held: HeldQuiet}},
		{"quiet rule, other rule free", both, 0, Verdict{Matched: []string{"속보", "가람시"}, Notify: "가람시"}},
		{"morning", breaking, 5 * time.Hour, Verdict{Matched: []string{"속보"}, Notify: "속보"}},
	}
	for _, s := range steps {
		now := c.advance(s.step)
		got := a.Check(s.it, now)
		if !slices.Equal(got.Matched, s.want.Matched) || got.Notify != s.want.Notify || got.Held != s.want.Held {
			t.Errorf("%s (%s): %+v, want %+v", s.name, now.Format("15:04"), got, s.want)
		}
	}
}

func TestWindowClockBack(t *testing.T) {
	r := Rate{N: 1, Per: time.Hour}
	var w window
	t0 := time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)
	if !w.allow(r, t0) {
		t.Fatal("first refused")
	}
	if w.allow(r, t0.Add(time.Minute)) {
		t.Fatal("second within the hour allowed")
	}
	// The clock goes back a day: counting starts again instead of
	// staying silent for a day and an hour.
	if !w.allow(r, t0.Add(-24*time.Hour)) {
		t.Error("after the clock went back, refused")
	}
}

// BenchmarkRuleMatch measures a rule against one item: the figure the
// issue bounds at 1 µs per item per rule. The titles are the group
// package's fixture-like headlines, most without the tag.
func BenchmarkRuleMatch(b *testing.B) {
	titles := []string{
		"[속보] 가람시 전역 대규모 정전…지하철 운행 중단",
		"가람시에 대규모 정전 발생, 지하철 멈춰",
		"누리군 산불 진화율 60%…헬기 12대 투입 (2보)",
		"한국은행 기준금리 3.25% 동결…3회 연속",
		"김가람 단독선두…2위와 3타 차",
		"속보: 누리대교 10중 추돌, 3명 부상",
		"【단독】 한빛제약, 누리바이오 1조 원에 인수",
		"배우 서도윤 결혼 발표…\"평생 함께할 사람 만나\"",
	}
	items := make([]Item, len(titles))
	for i, t := range titles {
		items[i] = Item{Key: fmt.Sprint(i), Title: t, Outlet: "가람일보", Feed: "가람일보 전체", FeedURL: "https://garam.example/rss"}
	}
	cases := map[string]Config{
		"tag":          {Tag: "속보"},
		"keyword":      {Query: "정전"},
		"tag+keyword":  {Tag: "속보", Query: "가람시 정전"},
		"feed+tag":     {Feed: "가람일보", Tag: "단독"},
		"latin phrase": {Query: `"KBS live"`},
		"초성":           {Query: "ㄱㄹㅅ ㅈㅈ"},
	}
	for name, cfg := range cases {
		rules, err := Compile([]Config{cfg}, time.UTC)
		if err != nil {
			b.Fatal(err)
		}
		r := rules[0]
		b.Run(name, func(b *testing.B) {
			n := 0
			for i := 0; b.Loop(); i++ {
				if r.Match(items[i%len(items)]) {
					n++
				}
			}
			_ = n
		})
	}
	// Check with 10 rules, per item: divide by 10 for per item per rule.
	var cfgs []Config
	for i := range 10 {
		cfgs = append(cfgs, Config{Name: fmt.Sprint(i), Tag: []string{"속보", "단독"}[i%2], Query: []string{"정전", "산불", "금리", "인수", "부상"}[i%5], Rate: "5/h"})
	}
	rules, err := Compile(cfgs, time.UTC)
	if err != nil {
		b.Fatal(err)
	}
	a := New(rules, time.UTC)
	now := time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)
	b.Run("Check/10rules", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			a.Check(items[i%len(items)], now)
		}
	})
}

// FuzzHasTag checks HasTag on any title: no panic, and a tag found is in
// the title.
func FuzzHasTag(f *testing.F) {
	f.Add("[속보] 가람시 정전", "속보")
	f.Add("【속보]", "속보")
	f.Add("속보:", "속보")
	f.Add("\xff[속보\xfe", "속보")
	f.Add("[LIVE} x", "live")
	f.Fuzz(func(t *testing.T, title, tag string) {
		norm, ok := NormalizeTag(tag)
		if !ok {
			return
		}
		if HasTag(title, norm) && indexFold(title, norm) < 0 {
			t.Fatalf("HasTag(%q, %q) without the tag in the title", title, norm)
		}
	})
}

// FuzzCompile checks that any config either compiles or is refused with
// one line that holds no control character.
func FuzzCompile(f *testing.F) {
	f.Add("정전", "가람시 정전", "속보", "가람일보", "23:00-07:00", "5/h")
	f.Add("\x1b[2J", "\"", "[", "\n", "24:00-00:00", "0/h")
	f.Fuzz(func(t *testing.T, name, query, tag, feed, quiet, rate string) {
		_, err := Compile([]Config{{name, query, tag, feed, quiet, rate}}, time.UTC)
		if err != nil && strings.ContainsFunc(err.Error(), func(r rune) bool { return r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f }) {
			t.Fatalf("error with a control character: %q", err)
		}
	})
}

func TestRelativeFilter(t *testing.T) {
	tests := map[string]bool{
		"정전 within:6h":        true,
		"-within:1d 정전":       true,
		"WITHIN:2h":           true,
		`"within:6h" 정전`:      false, // a phrase
		`"가람시 정전" within:1h`:  true,
		"정전 after:2025-06-01": false,
		"withinx 정전":          false,
		"":                    false,
	}
	for q, want := range tests {
		if got := relativeFilter(q); got != want {
			t.Errorf("relativeFilter(%q) = %v, want %v", q, got, want)
		}
	}
}
