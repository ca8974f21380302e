package lang

import (
	"fmt"
	"strings"
)

// What the command line says of the config file and the environment.

// ConfigProblem is a bad config file: "config FILE: why".
func (l Lang) ConfigProblem(file, why string) string {
	return l.f("설정 %s: %s", "config %s: %s", file, why)
}

// ConfigSyntax is a config file that is not TOML; line is 0 when unknown.
// detail is the parser's English ("toml: line 1: ..."), and cause its
// cause alone, said after the language's own words, as a mistyped or an
// unknown key's line is: "line 1: TOML syntax error: …". Without a cause,
// English gives the parser's detail as it is.
func (l Lang) ConfigSyntax(line int, detail, cause string) string {
	if l == En && cause == "" {
		return detail
	}
	msg := l.pick("TOML 문법 오류", "TOML syntax error")
	if cause != "" {
		msg += ": " + cause
	}
	if line > 0 {
		return l.f("%d번째 줄: %s", "line %d: %s", line, msg)
	}
	return msg
}

// Mistyped is a key whose value has another TOML type than the key takes:
// want is "string", "integer" or "boolean", a list of one ("list of
// string"), "table" or "tables" (an array of tables); got is the value as
// written, example a value of the key ("" for none; a list as TOML writes
// it; for a table, its name) and line its line (0: unknown).
func (l Lang) Mistyped(line int, key, got, want, example string) string {
	var ko, en string
	name := key[strings.LastIndexByte(key, '.')+1:]
	switch want {
	case "string":
		ko, en = "따옴표로 싼 문자열이어야 합니다", "want a string in quotes"
		if example != "" {
			ko, en = ko+fmt.Sprintf(". 예: %s = %q", name, example), en+fmt.Sprintf(", such as %s = %q", name, example)
		}
	case "integer":
		ko, en = "따옴표 없는 정수여야 합니다", "want a whole number, without quotes"
	case "boolean":
		ko, en = "따옴표 없이 true나 false여야 합니다", "want true or false, without quotes"
	case "list of string", "list of integer", "list of boolean":
		switch want {
		case "list of string":
			ko, en = "따옴표로 싼 문자열의 목록이어야 합니다", "want a list of strings in quotes"
		case "list of integer":
			ko, en = "정수의 목록이어야 합니다", "want a list of whole numbers"
		default:
			ko, en = "true나 false의 목록이어야 합니다", "want a list of true or false"
		}
		if example != "" {
			ko, en = ko+fmt.Sprintf(". 예: %s = %s", name, example), en+fmt.Sprintf(", such as %s = %s", name, example)
		}
	case "table":
		ko, en = fmt.Sprintf("[%s] 표여야 합니다", example), fmt.Sprintf("want a table [%s]", example)
	default:
		ko, en = fmt.Sprintf("[[%s]] 표여야 합니다", example), fmt.Sprintf("want a table [[%s]]", example)
	}
	msg := l.f("%s = %s: %s", "%s = %s: %s", key, got, l.pick(ko, en))
	if line > 0 {
		return l.f("%d번째 줄: %s", "line %d: %s", line, msg)
	}
	return msg
}

// UnknownKey is a key the config file may not hold, on line (0: unknown),
// and the keys near it that it may be a mistyping of, if any: "did you
// mean mouse?".
func (l Lang) UnknownKey(line int, key string, near []string) string {
	msg := l.f("모르는 키 %q", "unknown key %q", key)
	if len(near) > 0 {
		msg += l.f(" (혹시 %s?)", " (did you mean %s?)", strings.Join(near, l.pick(" 또는 ", " or ")))
	}
	if line > 0 {
		return l.f("%d번째 줄: %s", "line %d: %s", line, msg)
	}
	return msg
}

// BadValue is a key whose value sokbo cannot take, and what it wants.
// val is the value as the file gives it, not cleaned: %q quotes it with
// its controls escaped, so the message names the value refused.
func (l Lang) BadValue(key, val, want string) string {
	return l.f("%s = %q: %s", "%s = %q: %s", key, val, l.WantIs(want))
}

// BadNumber is BadValue for a key whose value is a number, shown bare as
// the file writes it.
func (l Lang) BadNumber(key string, n int, want string) string {
	return l.f("%s = %d: %s", "%s = %d: %s", key, n, l.WantIs(want))
}

// ValueProblem is a key whose value is wrong, and why; val as BadValue's.
func (l Lang) ValueProblem(key, val, why string) string {
	return l.f("%s = %q: %s", "%s = %q: %s", key, val, why)
}

// WantIs is what a setting takes: "want X", "바른 값: X".
func (l Lang) WantIs(what string) string { return l.f("바른 값: %s", "want %s", what) }

// What the settings take.
func (l Lang) WantInterval(min string) string {
	return l.f(`%s 이상의 시간 (서버를 아끼려고 그보다 자주 묻지 않습니다). 예: "10m", 또는 "off"`,
		`a duration of at least %s (sokbo asks no server more often, to spare it), such as "10m", or "off"`, min)
}
func (l Lang) WantTimeout(max string) string {
	return l.f(`1s부터 %s까지의 시간. 예: "15s"`, `a duration from 1s to %s, such as "15s"`, max)
}
func (l Lang) WantSize() string {
	return l.pick(`1KiB부터 1GiB까지의 크기. 예: "20MiB", "1.5MB"`, `a size from 1KiB to 1GiB, such as "20MiB" or "1.5MB"`)
}
func (l Lang) WantWait() string {
	return l.pick(`10m까지의 시간. 예: "5s"; "0s"는 바로 캐시에서 답합니다`, `a duration up to 10m, such as "5s"; "0s" answers from the cache at once`)
}
func (l Lang) WantAge() string {
	return l.pick(`하루 이상의 기간. 예: "90d", "12w", "2160h"`, `an age of at least one day, such as "90d", "12w" or "2160h"`)
}
func (l Lang) WantItems(max int) string {
	return l.f("100부터 %s까지의 기사 수", "a number of items from 100 to %s", Thousands(max))
}
func (l Lang) WantBrowsers() string {
	return l.pick(`프로그램 이름. 예: ["w3m", "mybrowser"]`, `program names, such as ["w3m", "mybrowser"]`)
}
func (l Lang) WantPipe() string {
	return l.pick(`셸 없이 실행할 명령. 예: "glow -", "text: wc -m"`, `a command run without a shell, such as "glow -" or "text: wc -m"`)
}
func (l Lang) WantSaveDirHome() string {
	return l.pick("폴더; 그 아래에 둘 홈 폴더가 없습니다", "a folder; there is no home folder to put it under")
}
func (l Lang) WantSaveDir() string {
	return l.pick(`절대 경로 폴더나 ~/ 아래 폴더. 예: "~/sokbo"`, `an absolute folder or one under ~/, such as "~/sokbo"`)
}

// FeedEntry is the config's [[feed]] number n (from 1) and its address,
// as clean.Name shows it.
func (l Lang) FeedEntry(n int, url, why string) string {
	return l.f("%d번째 feed: %s: %s", "feed %d: %s: %s", n, url, why)
}

// FeedSameAs is why a [[feed]] is refused whose feed an earlier one is
// (FeedEntry's why).
func (l Lang) FeedSameAs(first int) string {
	return l.f("%d번째 feed와 같은 피드", "the same feed as feed %d", first)
}

// FeedNameTwice is a [[feed]] whose name an earlier one has.
func (l Lang) FeedNameTwice(n int, name string, first int) string {
	return l.f("%d번째 feed: name %q: %d번째 feed가 이미 씀", "feed %d: name %q is taken by feed %d", n, name, first)
}

// URLMissing is a [[feed]] with no url.
func (l Lang) URLMissing(entry string) string {
	return l.f("%s: url이 없음", "%s: url is missing", entry)
}

// Entry is the config's n-th table of a kind ("view", "mute").
func (l Lang) Entry(kind string, n int) string { return l.f("%d번째 %s", "%[2]s %[1]d", n, kind) }

// Views' and mutes' troubles. QueryProblem's query is as BadValue's val.
func (l Lang) QueryProblem(entry, query, why string) string {
	return l.f("%s: query = %q: %s", "%s: query = %q: %s", entry, query, why)
}
func (l Lang) NameMissing(entry string) string {
	return l.f("%s: name이 없음", "%s: name is missing", entry)
}
func (l Lang) NameTooLong(entry string, max int) string {
	return l.f("%s: name이 %d바이트보다 긺", "%s: name is longer than %d bytes", entry, max)
}
func (l Lang) NameTaken(entry, name string) string {
	return l.f("%s: name %q: 다른 view가 이미 씀", "%s: name %q is taken by another view", entry, name)
}
func (l Lang) QueryMissing(entry, name string) string {
	if name == "" {
		return l.f("%s: query가 없음", "%s: query is missing", entry)
	}
	return l.f("%s (%q): query가 없음", "%s (%q): query is missing", entry, name)
}

// EnvValue is a variable of the environment sokbo cannot take; val as
// BadValue's.
func (l Lang) EnvValue(name, val, want string) string {
	return l.f("%s=%q: %s", "%s=%q: %s", name, val, l.WantIs(want))
}

// The [keys] table's troubles.
func (l Lang) NoAction(names, actions string) string {
	return l.f("그런 동작 없음: %s; 동작은 %s", "no action %s; the actions are %s", names, actions)
}
func (l Lang) GiveItAKey(action string) string {
	return l.f("%s = []: 키를 하나 주세요", "%s = []: give it a key", action)
}
func (l Lang) KeyBoundTwice(key, a, b string) string {
	return l.f("%s: %s, %s 둘 다에 묶임", "%s is bound to both %s and %s", key, a, b)
}
func (l Lang) KeyIsLinkNumber(key, a string) string {
	return l.f("%s: %s에 묶였는데, 기사에서는 링크 번호(3o)임", "%s is bound to %s, and in an article it is a link's number (3o)", key, a)
}
func (l Lang) ShiftChar() string {
	return l.pick(`shift+는 이름 있는 키 앞에만 씀 ("shift+tab"); 글자는 그대로 쓰세요 ("L")`, `shift+ goes before a named key only ("shift+tab"); write the character itself ("L")`)
}
func (l Lang) NotAKey() string {
	return l.pick(`키가 아님; 글자("l", "?"), 이름 있는 키("enter", "pgdown", "f2"), 또는 그 앞에 "ctrl+"나 "alt+"를 쓰세요`, `not a key; write a character ("l", "?"), a named key ("enter", "pgdown", "f2") or either after "ctrl+" or "alt+"`)
}
func (l Lang) WantKeysTable() string {
	return l.pick(`동작과 그 키의 표. 예: [keys] open = ["enter", "l"]`, `a table of actions and their keys, such as [keys] open = ["enter", "l"]`)
}
func (l Lang) WantKeyList() string {
	return l.pick(`키 하나나 키의 목록. 예: ["enter", "l"]`, `a key or a list of keys, such as ["enter", "l"]`)
}

// The [[alert]] tables' troubles.
func (l Lang) AlertTable(n int, name string) string {
	if name != "" {
		return l.f("alert %q", "alert %q", name)
	}
	return l.f("%d번째 alert", "alert %d", n)
}
func (l Lang) AlertNameTaken(table string, first int) string {
	return l.f("%s: 이름이 %d번째 alert와 같음", "%s: the name is taken by alert %d", table, first)
}
func (l Lang) AlertMatchesAll(table string) string {
	return l.f("%s: query, tag, feed 가운데 하나가 필요함; 없으면 모든 기사에 맞음", "%s: needs a query, a tag or a feed, or it would match every item", table)
}
func (l Lang) AlertWithin() string {
	return l.pick("within:은 새 기사마다가 아니라 설정을 읽은 때부터 셉니다; after:를 쓰거나 빼세요", "within: counts back from when the config was read, not from each new item; use after: or leave it out")
}
func (l Lang) AlertTag(max int) string {
	return l.f(`바른 값: 글자나 숫자로 된 %d자 이하의 표지. 예: "속보", "[단독]"`, `want a label of letters or digits such as "속보" or "[단독]", at most %d`, max)
}
func (l Lang) QuietSpan() string {
	return l.pick(`시간의 범위. 예: "23:00-07:00"`, `a span of hours such as "23:00-07:00"`)
}
func (l Lang) QuietSame() string {
	return l.pick(`시작과 끝이 같은 시각; 범위를 주세요. 예: "23:00-07:00"`, `start and end are the same time; give a span such as "23:00-07:00"`)
}
func (l Lang) NotClock(v string) string {
	return l.f("%q: 시각이 아님 (HH:MM, 00:00부터 24:00까지)", "%q is not a time of day (want HH:MM, 00:00 to 24:00)", v)
}
func (l Lang) RateWant() string {
	return l.pick(`기간당 횟수. 예: "5/h", "1/10m"`, `a count per period such as "5/h" or "1/10m"`)
}
func (l Lang) RateCount(max int) string {
	return l.f("횟수는 1부터 %d까지", "the count must be 1 to %d", max)
}
func (l Lang) RatePeriod() string {
	return l.pick("기간은 1분부터 7일까지", "the period must be one minute to seven days")
}

// The full-text [[rule]] tables' troubles. English says them as fulltext
// does; these are the Korean.
func (l Lang) RuleAt(n int, name, why string) string {
	if name == "" {
		return l.f("%d번째 rule: %s", "rule %d: %s", n, why)
	}
	return l.f("%d번째 rule %q: %s", "rule %d %q: %s", n, name, why)
}
func (l Lang) RuleNoName() string { return "name이 없음" }
func (l Lang) RuleNeverApplies() string {
	return "hosts도 detect 선택자도 없음: 어디에도 쓰이지 않음"
}
func (l Lang) RuleNoBody() string { return "body 선택자가 없음" }
func (l Lang) RuleTooMany(field string, max int) string {
	return fmt.Sprintf("%s: %d개보다 많음", field, max)
}
func (l Lang) RuleEmpty(field string) string { return field + ": 비어 있음" }
func (l Lang) RuleTooLong(field, val string, max int) string {
	return fmt.Sprintf("%s %q: %d바이트보다 긺", field, val, max)
}
func (l Lang) RuleSyntax(field, val string) string {
	return fmt.Sprintf("%s %q: 읽을 수 없음", field, val)
}

// RuleHost words a bad host pattern; why counts from fulltext.HostEmpty.
func (l Lang) RuleHost(host string, why int) string {
	words := []string{
		"비어 있음",
		"스킴 없이 호스트 이름만 주세요",
		"경로 없이 호스트 이름만 주세요",
		`호스트는 하위 도메인까지 덮습니다; "*."를 빼세요`,
		"포트 없이 호스트 이름만 주세요",
		"올바른 호스트 이름이 아님",
	}
	w := "올바른 호스트 이름이 아님"
	if why >= 0 && why < len(words) {
		w = words[why]
	}
	return fmt.Sprintf("host %q: %s", host, w)
}
