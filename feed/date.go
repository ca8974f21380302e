package feed

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// seoulOffset is the UTC offset of Asia/Seoul, which has kept no daylight
// saving time since 1988. A fixed offset needs no tzdata on the machine.
const seoulOffset = 9 * 60 * 60

// Seoul is Asia/Seoul, as a fixed zone.
var Seoul = time.FixedZone("KST", seoulOffset)

// seoulDay is the zone of a time that names only a day: Seoul's offset
// under a *time.Location of its own, so that the time itself carries
// "this has no time of day" wherever it is copied, and a time given as
// 00:00:00 KST, which is a time, stays one. See Day and DateOnly.
var seoulDay = time.FixedZone("KST", seoulOffset)

// Day returns the day y-m-d in Seoul's calendar as a time that names only
// that day: its midnight in Seoul, marked so that DateOnly reports true.
// ParseDate returns one for a date with no time ("2024-02-01",
// "2024년 2월 1일", "Thu, 01 Feb 2024").
func Day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, seoulDay)
}

// DateOnly reports whether t names only a day (see Day), as a post's
// front matter often gives it. Such a time is best shown as that day: as
// a clock time in another zone it would be the evening before. It is the
// source's word, not the clock's: a time given as 00:00:00 KST is a time
// like any other. The mark is t's Location, so t.UTC(), t.In and t.Local
// drop it; keep such a time as it is, and convert only to show it.
func DateOnly(t time.Time) bool {
	return t.Location() == seoulDay && !t.IsZero()
}

// Years outside this range are taken as garbage, so that a zero date or a
// stray number never shows up as year 0001 or sorts to the top.
const (
	minYear = 1900
	maxYear = 2200
)

// fastLayouts are tried before the lenient scanner; they cover well-formed
// feeds at the cost of one time.Parse each.
var fastLayouts = []string{
	time.RFC3339Nano,
	time.RFC1123Z,
	// Not time.RFC1123: Parse reads an unknown zone name such as KST as
	// UTC. The scanner below knows the names.
}

// ParseDate reads a date leniently. It accepts
// RFC 822, 1123 and 3339 and their common corruptions (a single-digit day,
// no seconds, no or a wrong weekday, lower-case months, GMT, UT, Z), zone
// abbreviations such as KST, numeric offsets (+0900, +09:00), ISO dates
// with a space (2024-07-14 12:20:00), dotted dates (2024.07.15 09:05) and
// Korean dates (2024년 7월 15일 오후 3:05) with 오전/오후, AM/PM. A date with
// no zone is taken to be in Asia/Seoul. ok is false when s holds no readable
// date; the caller then keeps the item with no date. A date with no time
// of day, whatever zone it names, is that day (see Day): in Seoul, and
// DateOnly; any other date is returned in UTC.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 128 {
		return time.Time{}, false
	}
	for _, layout := range fastLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return checkYear(t.UTC())
		}
	}
	var p dateScanner
	p.s = s
	if !p.scan() {
		return time.Time{}, false
	}
	return p.time()
}

func checkYear(t time.Time) (time.Time, bool) {
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, false
	}
	return t, true
}

// meridiem is AM or PM as written by "오전"/"오후" or "am"/"pm".
type meridiem uint8

const (
	noMeridiem meridiem = iota
	am
	pm
)

// dateScanner pulls the fields of a date out of free-form text, token by
// token. Any token it cannot place makes the whole date unreadable.
type dateScanner struct {
	s   string
	pos int

	year, month, day         int
	hour, min, sec, nsec     int
	hasDate, hasTime         bool
	hasYear, hasMonth, hasDy bool
	offset                   int
	hasZone                  bool
	mer                      meridiem
}

var monthNames = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

var weekdayNames = map[string]bool{
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true,
	"월": true, "화": true, "수": true, "목": true, "금": true, "토": true, "일": true,
	"월요일": true, "화요일": true, "수요일": true, "목요일": true, "금요일": true, "토요일": true, "일요일": true,
}

// zoneOffsets are the zone names RFC 822 defines plus the ones Korean and
// nearby feeds write. Offsets in seconds east of UTC.
var zoneOffsets = map[string]int{
	"z": 0, "ut": 0, "utc": 0, "gmt": 0,
	"kst": seoulOffset, "jst": seoulOffset,
	"est": -5 * 3600, "edt": -4 * 3600,
	"cst": -6 * 3600, "cdt": -5 * 3600,
	"mst": -7 * 3600, "mdt": -6 * 3600,
	"pst": -8 * 3600, "pdt": -7 * 3600,
}

func (p *dateScanner) peek() rune {
	if p.pos >= len(p.s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(p.s[p.pos:])
	return r
}

func (p *dateScanner) next() rune {
	if p.pos >= len(p.s) {
		return 0
	}
	r, n := utf8.DecodeRuneInString(p.s[p.pos:])
	p.pos += n
	return r
}

func (p *dateScanner) digits() string {
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		p.pos++
	}
	return p.s[start:p.pos]
}

func (p *dateScanner) skipSpace() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// scan reads every token; it reports false on anything it cannot place.
func (p *dateScanner) scan() bool {
	for p.pos < len(p.s) {
		r := p.peek()
		switch {
		case r == ' ' || r == ',' || r == '(' || r == ')' || r == '\t' || r == '.' || r == '/':
			p.next()
		case isDigit(r):
			if !p.number() {
				return false
			}
		case r == '+' || r == '-':
			p.next()
			// A sign before digits is a UTC offset once a time (or a zone
			// name, "GMT+9") has been read; '+' never appears in a date.
			if isDigit(p.peek()) && (p.hasTime || p.hasZone || r == '+' && p.hasDate) {
				if !p.zoneOffset(r) {
					return false
				}
			}
			// Otherwise a dash between words and numbers: "14-Jul-2024".
		case unicode.IsLetter(r):
			if !p.word() {
				return false
			}
		default:
			return false
		}
	}
	return p.hasYear && p.hasMonth && p.hasDy
}

// number reads a run of digits and whatever it introduces.
func (p *dateScanner) number() bool {
	n := p.digits()
	v, err := strconv.Atoi(n)
	if err != nil || len(n) > 4 {
		return false
	}
	switch p.peek() {
	case ':':
		return p.clock(v)
	case '-', '.', '/':
		sep := p.peek()
		if len(n) == 4 {
			return p.isoDate(v, sep)
		}
		// DD.MM.YYYY: only with a four-digit year last, which leaves no
		// doubt about the order.
		save := p.pos
		p.next()
		if isDigit(p.peek()) {
			mo := p.digits()
			if p.peek() == sep {
				p.next()
				y := p.digits()
				if len(y) == 4 && len(mo) <= 2 {
					yv, _ := strconv.Atoi(y)
					mv, _ := strconv.Atoi(mo)
					return p.setDate(yv, mv, v)
				}
			}
			return false
		}
		p.pos = save
	}
	// Korean unit suffixes: 2024년 7월 15일 3시 5분 7초.
	switch {
	case strings.HasPrefix(p.s[p.pos:], "년"):
		p.pos += len("년")
		return p.setYear(v, len(n))
	case strings.HasPrefix(p.s[p.pos:], "월"):
		p.pos += len("월")
		return p.setMonth(v)
	case strings.HasPrefix(p.s[p.pos:], "일"):
		p.pos += len("일")
		return p.setDay(v)
	case strings.HasPrefix(p.s[p.pos:], "시"):
		p.pos += len("시")
		if p.hasTime || v > 24 {
			return false
		}
		p.hour, p.hasTime = v, true
		return true
	case strings.HasPrefix(p.s[p.pos:], "분"):
		p.pos += len("분")
		if !p.hasTime || v > 59 {
			return false
		}
		p.min = v
		return true
	case strings.HasPrefix(p.s[p.pos:], "초"):
		p.pos += len("초")
		if !p.hasTime || v > 60 {
			return false
		}
		p.sec = v
		return true
	}
	// A bare number: a day beside a month name, or a year.
	switch {
	case len(n) >= 3:
		return p.setYear(v, len(n))
	case !p.hasDy:
		return p.setDay(v)
	case !p.hasYear && p.hasMonth:
		return p.setYear(v, len(n))
	}
	return false
}

// isoDate reads the rest of YYYY-MM-DD (or with . or /) and a "T" time.
func (p *dateScanner) isoDate(y int, sep rune) bool {
	// Korean sites write "2024. 7. 15." with spaces after the dots.
	p.next()
	p.skipSpace()
	mo := p.digits()
	if mo == "" || len(mo) > 2 || p.peek() != sep {
		return false
	}
	p.next()
	p.skipSpace()
	d := p.digits()
	if d == "" || len(d) > 2 {
		return false
	}
	mv, _ := strconv.Atoi(mo)
	dv, _ := strconv.Atoi(d)
	if !p.setDate(y, mv, dv) {
		return false
	}
	if r := p.peek(); (r == 'T' || r == 't') && p.pos+1 < len(p.s) && isDigit(rune(p.s[p.pos+1])) {
		p.next()
	}
	return true
}

// clock reads the rest of H:MM[:SS[.fff]].
func (p *dateScanner) clock(h int) bool {
	if p.hasTime || h > 24 {
		return false
	}
	p.next() // ':'
	m := p.digits()
	if len(m) != 2 {
		return false
	}
	p.hour, p.hasTime = h, true
	p.min, _ = strconv.Atoi(m)
	if p.peek() == ':' {
		p.next()
		sec := p.digits()
		if len(sec) != 2 {
			return false
		}
		p.sec, _ = strconv.Atoi(sec)
		if p.peek() == '.' || p.peek() == ',' {
			p.next()
			frac := p.digits()
			if frac == "" {
				return false
			}
			if len(frac) > 9 {
				frac = frac[:9]
			}
			ns, _ := strconv.Atoi(frac + strings.Repeat("0", 9-len(frac)))
			p.nsec = ns
		}
	}
	return p.min <= 59 && p.sec <= 60
}

// zoneOffset reads +HHMM, +HH:MM, +HH or +H after the sign.
func (p *dateScanner) zoneOffset(sign rune) bool {
	if p.hasZone && p.offset != 0 {
		// "GMT+0900 (KST)" and "+0900 KST" repeat the zone; a second
		// number after a named zone other than GMT is suspicious.
		return false
	}
	h := p.digits()
	var hv, mv int
	switch len(h) {
	case 1, 2:
		hv, _ = strconv.Atoi(h)
		if p.peek() == ':' {
			p.next()
			m := p.digits()
			if len(m) != 2 {
				return false
			}
			mv, _ = strconv.Atoi(m)
		}
	case 4:
		hv, _ = strconv.Atoi(h[:2])
		mv, _ = strconv.Atoi(h[2:])
	default:
		return false
	}
	if hv > 14 || mv > 59 {
		return false
	}
	off := hv*3600 + mv*60
	if sign == '-' {
		off = -off
	}
	p.offset, p.hasZone = off, true
	return true
}

// word reads a run of letters: a month, a weekday, a zone, or a meridiem.
func (p *dateScanner) word() bool {
	start := p.pos
	for p.pos < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.pos:])
		if !unicode.IsLetter(r) {
			break
		}
		p.pos += n
	}
	w := strings.ToLower(p.s[start:p.pos])
	// "a.m." and "p.m."
	if (w == "a" || w == "p") && strings.HasPrefix(p.s[p.pos:], ".m") {
		p.pos += 2
		if p.peek() == '.' {
			p.next()
		}
		w += "m"
	}
	switch {
	case w == "t" && isDigit(p.peek()):
		return true
	case w == "am" || w == "오전" || w == "새벽" || w == "아침":
		return p.setMeridiem(am)
	case w == "pm" || w == "오후" || w == "낮" || w == "저녁" || w == "밤":
		return p.setMeridiem(pm)
	case weekdayNames[w]:
		return true
	}
	if m, ok := monthNames[w]; ok {
		return p.setMonth(m)
	}
	if off, ok := zoneOffsets[w]; ok {
		if p.hasZone {
			// "+0900 KST": the number already said it.
			return true
		}
		p.offset, p.hasZone = off, true
		return true
	}
	// Other zone abbreviations (CEST, AEST, …) are read as UTC, as
	// time.Parse does, rather than losing the whole date.
	if p.hasTime && !p.hasZone && len(w) >= 3 && len(w) <= 5 && isUpperASCII(p.s[start:p.pos]) {
		p.hasZone = true
		return true
	}
	return false
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func (p *dateScanner) setMeridiem(m meridiem) bool {
	if p.mer != noMeridiem {
		return false
	}
	p.mer = m
	return true
}

func (p *dateScanner) setDate(y, m, d int) bool {
	return p.setYear(y, 4) && p.setMonth(m) && p.setDay(d)
}

func (p *dateScanner) setYear(y, ndigits int) bool {
	if p.hasYear {
		return false
	}
	if ndigits <= 2 {
		// RFC 822 two-digit years.
		if y < 70 {
			y += 2000
		} else {
			y += 1900
		}
	}
	p.year, p.hasYear, p.hasDate = y, true, true
	return true
}

func (p *dateScanner) setMonth(m int) bool {
	if p.hasMonth || m < 1 || m > 12 {
		return false
	}
	p.month, p.hasMonth, p.hasDate = m, true, true
	return true
}

func (p *dateScanner) setDay(d int) bool {
	if p.hasDy || d < 1 || d > 31 {
		return false
	}
	p.day, p.hasDy, p.hasDate = d, true, true
	return true
}

// time assembles the fields, checking what time.Date would silently
// normalise (31 June, 25 o'clock).
func (p *dateScanner) time() (time.Time, bool) {
	if p.year < minYear || p.year > maxYear {
		return time.Time{}, false
	}
	if p.day > daysIn(time.Month(p.month), p.year) {
		return time.Time{}, false
	}
	h := p.hour
	switch p.mer {
	case am:
		if h == 12 {
			h = 0
		}
	case pm:
		if h < 12 {
			h += 12
		}
	}
	if h > 24 || h == 24 && (p.min != 0 || p.sec != 0) {
		return time.Time{}, false
	}
	sec := p.sec
	if sec == 60 {
		sec = 59 // a leap second; time.Time cannot hold one
	}
	if !p.hasTime {
		// Only a day: not a midnight anywhere, whatever zone it names.
		return Day(p.year, time.Month(p.month), p.day), true
	}
	off := seoulOffset
	if p.hasZone {
		off = p.offset
	}
	t := time.Date(p.year, time.Month(p.month), p.day, h, p.min, sec, p.nsec, time.UTC)
	return t.Add(-time.Duration(off) * time.Second), true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
