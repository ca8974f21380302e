package lang

// What render says: the shared presentation of the list, the article and
// the command line.

// LinksHeading heads the list of an article's links at its end.
func (l Lang) LinksHeading() string { return l.pick("링크", "Links") }

// Today is a date that names only a day: today.
func (l Lang) Today() string { return l.pick("오늘", "today") }

// Yesterday is the calendar day before today.
func (l Lang) Yesterday() string { return l.pick("어제", "yesterday") }

// Tomorrow is the calendar day after today.
func (l Lang) Tomorrow() string { return l.pick("내일", "tomorrow") }

// TodayAt is a time later today: "오늘 15:04", "at 15:04". Both fit 10
// cells.
func (l Lang) TodayAt(clock string) string { return l.f("오늘 %s", "at %s", clock) }

// TomorrowAt is a time tomorrow: "내일 09:00", "tmrw 09:00".
func (l Lang) TomorrowAt(clock string) string { return l.f("내일 %s", "tmrw %s", clock) }

// JustNow is a time less than a minute ago.
func (l Lang) JustNow() string { return l.pick("방금", "just now") }

// MinutesAgo is n minutes ago, n < 60.
func (l Lang) MinutesAgo(n int) string { return l.f("%d분 전", "%dm ago", n) }

// HoursAgo is n hours ago, n < 24.
func (l Lang) HoursAgo(n int) string { return l.f("%d시간 전", "%dh ago", n) }

// DaysAgo is n calendar days ago.
func (l Lang) DaysAgo(n int) string { return l.f("%d일 전", "%dd ago", n) }

// ImageLabel labels an image in an article and in its link list:
// "이미지: 사진".
func (l Lang) ImageLabel() string { return l.pick("이미지:", "Image:") }

// FoldedOthers is what a folded row adds for a story several outlets
// reported: "가람일보 외 4곳", "가람일보 and 4 more"; without the first
// outlet's name, how many outlets reported it in all, "5곳", "5 outlets":
// "외 4곳" alone leaves the reader asking besides whom.
func (l Lang) FoldedOthers(first string, others int) string {
	if first == "" {
		return l.count(others+1, "곳", "outlet", "outlets")
	}
	return first + l.pick(" 외 ", " and ") + Thousands(others) + l.pick("곳", " more")
}

// FoldedReports is what a folded row adds for several reports of one
// outlet: "가람일보 3건", "가람일보, 3 reports".
func (l Lang) FoldedReports(outlet string, n int) string {
	if outlet == "" {
		return l.count(n, "건", "report", "reports")
	}
	return outlet + l.pick(" ", ", ") + l.count(n, "건", "report", "reports")
}

// ClockDayLayout is the time.Format layout of a time and its day: "1월 2일
// 15:04", "15:04 Jan 2".
func (l Lang) ClockDayLayout() string { return l.pick("1월 2일 15:04", "15:04 Jan 2") }
