package lang

import (
	"fmt"
	"strings"
)

// What the command line says: usage errors, and the lines of its
// commands.

// Usage is the usage line after a usage error.
func (l Lang) Usage(useLine, path string) string {
	return l.f("사용법: %s (%s --help 참고)", "usage: %s (see %s --help)", useLine, path)
}

// NoSuchCommand is a first word that is no command and no file.
func (l Lang) NoSuchCommand(w string) string {
	return l.f("%s: 그런 명령이나 파일이 없음 (명령은 list, read, search, watch, refresh, feeds, import, export)",
		"%s: no such command or file (the commands are list, read, search, watch, refresh, feeds, import and export)", w)
}

// NoSuchCommandNear is NoSuchCommand for a word close to the commands
// near: "did you mean list?".
func (l Lang) NoSuchCommandNear(w string, near []string) string {
	return l.f("%s: 그런 명령이나 파일이 없음 (혹시 %s?)", "%s: no such command or file (did you mean %s?)",
		w, strings.Join(near, l.pick(" 또는 ", " or ")))
}

// UnknownShell is `sokbo completion SHELL` for a shell with no script;
// shells lists those there are.
func (l Lang) UnknownShell(shell, shells string) string {
	return l.f("completion: %q 셸의 스크립트는 없음 (있는 것: %s)", "completion: no script for shell %q (there are: %s)", shell, shells)
}

// NoHelpTopic is `sokbo help WORD` for a word that is no command, with
// the commands near it, if any.
func (l Lang) NoHelpTopic(w string, near []string) string {
	if len(near) > 0 {
		return l.f("help %s: 그런 명령이 없음 (혹시 %s?)", "help %s: no such command (did you mean %s?)",
			w, strings.Join(near, l.pick(" 또는 ", " or ")))
	}
	return l.f("help %s: 그런 명령이 없음 (명령 목록: sokbo --help)", "help %s: no such command (the commands: sokbo --help)", w)
}

// UnknownCommand is cobra's unknown subcommand.
func (l Lang) UnknownCommand(w, of string) string {
	return l.f("%s: %s에 그런 명령이 없음", "unknown command %q for %q", w, of)
}

// UnknownFlag is a flag no command has.
func (l Lang) UnknownFlag(f string) string {
	return l.f("모르는 플래그 %s", "unknown flag %s", f)
}

// UnknownDashWord is a word starting with a single "-" that is no flag:
// perhaps a query's -word or a file's name, which go after "--".
func (l Lang) UnknownDashWord(w string) string {
	return l.f("모르는 플래그 %s (-로 시작하는 인자는 -- 뒤에: -- %s)", "unknown flag %s (put -- before an argument that starts with -: -- %s)", w, w)
}

// FlagWant is a flag given a value it does not take.
func (l Lang) FlagWant(flag, val, want string) string {
	return l.f("%s %q: 바른 값: %s", "%s %q: want %s", flag, val, want)
}

// FlagNotValid is a flag's value that does not parse.
func (l Lang) FlagNotValid(flag, val string) string {
	return l.f("%s=%s: 올바른 값이 아님", "%s=%s: not a valid value", flag, val)
}

// FlagNeedsValue is a flag given without its value.
func (l Lang) FlagNeedsValue(flag string) string {
	return l.f("%s에는 값이 필요함", "%s needs a value", flag)
}

// NoArgs is a command given arguments it takes none of.
func (l Lang) NoArgs(cmd string) string {
	return l.f("%s: 인자를 받지 않음", "%s takes no arguments", cmd)
}

// TakesArgs says what a command takes.
func (l Lang) TakesArgs(cmd string) string {
	switch cmd {
	case "feeds add":
		return l.pick("feeds add: URL을 하나 받음", "feeds add takes one URL")
	case "feeds rename":
		return l.pick("feeds rename: URL이나 NAME, 그리고 새 이름을 받음", "feeds rename takes a URL or NAME and the new name")
	case "feeds rm":
		return l.pick("feeds rm: URL이나 NAME을 하나 받음", "feeds rm takes one URL or NAME")
	case "import":
		return l.pick("import: OPML 파일을 하나 받음", "import takes one OPML file")
	case "search":
		return l.pick("search: QUERY가 필요함", "search takes a QUERY")
	}
	return cmd
}

// ReadArgs is read given too many arguments.
func (l Lang) ReadArgs() string {
	return l.pick("read: SOURCE 하나와, 많아야 ITEM 하나를 받음", "read takes one SOURCE and at most one ITEM")
}

// WidthAtLeast is a --width too narrow.
func (l Lang) WidthAtLeast(w, min int) string {
	return l.f("--width %d: %d 이상이어야 함", "--width %d: want at least %d", w, min)
}

// LimitAtLeast is a negative --limit.
func (l Lang) LimitAtLeast(n int) string {
	return l.f("--limit %d: 0(모두) 이상이어야 함", "--limit %d: want 0 (all) or more", n)
}

// FeedsArgs is feeds given a word that is none of its commands.
func (l Lang) FeedsArgs(w string) string {
	return l.f("feeds %s: ls, add URL, rm URL|NAME, rename URL|NAME NEWNAME 가운데 하나여야 함",
		"feeds %s: want ls, add URL, rm URL|NAME or rename URL|NAME NEWNAME", w)
}

// FeedsArgsNear is FeedsArgs for a word close to the feeds commands
// near: "did you mean ls?".
func (l Lang) FeedsArgsNear(w string, near []string) string {
	return l.f("feeds %s: 그런 명령이 없음 (혹시 %s?)", "feeds %s: no such command (did you mean %s?)",
		w, strings.Join(near, l.pick(" 또는 ", " or ")))
}

// RefreshOffline is a command told both to fetch and not to.
func (l Lang) RefreshOffline() string {
	return l.pick("--refresh는 가져오고, --offline은 아무것도 가져오지 않음", "--refresh fetches; --offline fetches nothing")
}

// RefreshCmdOffline is sokbo refresh --offline.
func (l Lang) RefreshCmdOffline() string {
	return l.pick("refresh는 가져오고, --offline은 아무것도 가져오지 않음", "refresh fetches; --offline fetches nothing")
}

// Warning prefixes a warning.
func (l Lang) Warning(msg string) string { return l.f("경고: %s", "warning: %s", msg) }

// InternalAt is a crash of the reader, whose details are in the log.
func (l Lang) InternalAt(log string) string {
	return l.f("내부 오류; 자세한 내용은 %s에", "internal error; details in %s", log)
}

// WritingOutput is a failure to write stdout.
func (l Lang) WritingOutput(why string) string {
	return l.f("출력을 쓰지 못함: %s", "writing output: %s", why)
}

// YourSubscriptions names the subscriptions as a source.
func (l Lang) YourSubscriptions() string { return l.pick("구독한 피드", "your subscriptions") }

// The report of a source that failed, on the command line. A feed not
// subscribed to is not one `sokbo refresh` fetches: what gives it time is
// the config's wait, or subscribing, whose fetch waits for it.
func (l Lang) NotFetchedWithin(source, wait string, subscribed bool) string {
	if !subscribed {
		return l.f("%s: %s 안에 가져오지 못함 (설정 파일의 wait로 늘릴 수 있음); `sokbo feeds add`는 기다립니다",
			"%s: not fetched within %s (wait in the config file gives it longer); `sokbo feeds add` waits for it", source, wait)
	}
	return l.f("%s: %s 안에 가져오지 못함; `sokbo refresh`는 기다립니다", "%s: not fetched within %s; `sokbo refresh` waits for it", source, wait)
}

// StillLooking is a page given as a source whose feed was still being
// looked for when the wait ran out.
func (l Lang) StillLooking(source, wait string) string {
	return l.f("%s: HTML 페이지라 피드를 찾는 중에 기다리는 시간(%s)이 끝남 (흔히 쓰는 경로를 차례로 물어봄); `sokbo feeds add`는 끝까지 찾습니다",
		"%s: an HTML page; its feed was still being looked for when %s ran out (the usual paths, asked in turn); `sokbo feeds add` looks to the end", source, wait)
}

// StillLookingCause is StillLooking as a cause, without the source.
func (l Lang) StillLookingCause() string {
	return l.pick("HTML 페이지라 피드를 찾는 중에 시간이 다 됨", "an HTML page; its feed was still being looked for when the time ran out")
}

func (l Lang) NotFetchedShowing(source, wait string, cached int, saved string) string {
	return l.f("%s: %s 안에 가져오지 못함; 캐시의 기사 %s을 보여 줌 (%s 저장)", "%s: not fetched within %s; showing %s (saved %s)",
		source, wait, l.cachedItems(cached), saved)
}

// NotCachedFailed is a feed not in the offline cache because its last
// fetch failed, with the stored cause.
func (l Lang) NotCachedFailed(source, cause string) string {
	return l.f("%s: 오프라인 캐시에 없음, 마지막으로 가져오기에 실패함: %s; --offline 없이 실행하면 다시 가져옵니다",
		"%s: not in the offline cache: its last fetch failed: %s; run without --offline to retry", source, cause)
}
func (l Lang) NotCached(source string) string {
	return l.f("%s: 오프라인 캐시에 없음; --offline 없이 실행하면 가져옵니다", "%s: not in the offline cache; run without --offline to fetch it", source)
}

// BusyNotCached is a feed left out of the list because another sokbo on
// the cache was making its first fetch, in refresh's words (RefreshBusy).
func (l Lang) BusyNotCached(source string) string {
	return l.f("%s: 다른 sokbo가 가져오는 중; 아직 캐시에 없음", "%s: being fetched by another sokbo; nothing of it is cached yet", source)
}

// ShowingCached is a feed that failed and stands in the list by its
// cached items; offline says the server was not reached.
func (l Lang) ShowingCached(problem string, cached int, offline bool, saved string) string {
	if offline {
		return l.f("%s; 캐시의 기사 %s을 보여 줌 (오프라인, %s 저장)", "%s; showing %s (offline, saved %s)", problem, l.cachedItems(cached), saved)
	}
	return l.f("%s; 캐시의 기사 %s을 보여 줌 (%s 저장)", "%s; showing %s (saved %s)", problem, l.cachedItems(cached), saved)
}

func (l Lang) cachedItems(n int) string {
	if l == En {
		return l.count(n, "", "cached item", "cached items")
	}
	return l.count(n, "건", "", "")
}

// Never is a time that has not come: a feed never fetched.
func (l Lang) Never() string { return l.pick("없음", "never") }

// AgoCLI says how long ago a time was, on the command line.
func (l Lang) AgoCLI(minutes, hours, days int) string {
	switch {
	case days > 0:
		return l.DaysAgo(days)
	case hours > 0:
		return l.HoursAgo(hours)
	case minutes > 0:
		return l.MinutesAgo(minutes)
	}
	return l.JustNow()
}

// The lines of `sokbo refresh`, one per feed.
func (l Lang) RefreshBusy(name string) string {
	return l.f("%s: 다른 sokbo가 가져오는 중", "%s: being fetched by another sokbo", name)
}
func (l Lang) RefreshDeferred(name, until string, cached int) string {
	if l == En {
		return fmt.Sprintf("%s: deferred: the server asked not to be fetched before %s (%s kept)", name, until, l.cachedItems(cached))
	}
	return fmt.Sprintf("%s: 미룸: 서버가 %s 전에는 가져가지 말라고 함 (캐시의 기사 %s 보관)", name, until, l.cachedItems(cached))
}
func (l Lang) RefreshFailed(name, why string, cached int) string {
	if cached == 0 {
		return l.f("%s: 실패: %s", "%s: failed: %s", name, why)
	}
	return l.f("%s: 실패: %s (캐시의 기사 %s 보관)", "%s: failed: %s (%s kept)", name, why, l.cachedItems(cached))
}
func (l Lang) RefreshNotModified(name string) string {
	return l.f("%s: 바뀐 것 없음", "%s: not modified", name)
}
func (l Lang) RefreshDone(name string, fresh, updated, unchanged int, foundAt string) string {
	s := l.f("%s: 새 기사 %s, 바뀜 %s, 그대로 %s", "%s: %s new, %s updated, %s unchanged", name, Thousands(fresh), Thousands(updated), Thousands(unchanged))
	if foundAt != "" {
		s += l.f(" (피드는 %s에 있음)", " (feed found at %s)", foundAt)
	}
	return s
}

// FullTextSummary is the line after a refresh that fetched full texts.
func (l Lang) FullTextSummary(fetched, failed int) string {
	return l.f("전문: %s건 가져옴, %s건 실패", "full text: %s fetched, %s failed", Thousands(fetched), Thousands(failed))
}

// FullTextFailed is read --full that could not get the full text.
func (l Lang) FullTextFailed(what, why string) string {
	return l.f("%s: 전문 없음: %s; 피드의 본문을 출력함", "%s: no full text: %s; printing the feed's text", what, why)
}

// FullTextProblem is the full text's own failure after a refresh.
func (l Lang) FullTextProblem(why string) string { return l.f("전문: %s", "full text: %s", why) }

// Pager troubles: the article is printed without it.
func (l Lang) PagerFailed(why string) string {
	return l.f("페이저: %s; 바로 출력함", "pager: %s; printing directly", why)
}

// PagerNotFound is a pager that is not installed.
func (l Lang) PagerNotFound(name string) string {
	return l.f("페이저 %s 없음: 기사를 페이저 없이 출력함", "pager %s not found: the article is printed without it", name)
}
func (l Lang) PagerNotStarted(name, why string) string {
	return l.f("페이저 %s: %s; 바로 출력함", "pager %s: %s; printing directly", name, why)
}

// The subscriptions' commands.
func (l Lang) InConfigRemove(cmd, key, file string) string {
	return l.f("%s: %s: 설정 파일 %s에 있는 피드; 거기서 지우세요", "%s: %s is listed in %s; remove it there", cmd, key, file)
}
func (l Lang) InConfigRename(cmd, key, file string) string {
	return l.f("%s: %s: 설정 파일 %s에 있는 피드; 거기서 이름을 바꾸세요", "%s: %s is listed in %s; rename it there", cmd, key, file)
}
func (l Lang) EmptyName(cmd string) string {
	return l.f("%s: 새 이름이 비어 있음", "%s: the new name is empty", cmd)
}

// EmptyNameFlag is a --name given that is empty once cleaned.
func (l Lang) EmptyNameFlag(cmd string) string {
	return l.f("%s: --name 값이 비어 있음; 피드 제목을 그대로 쓰려면 --name을 빼세요",
		"%s: --name is empty; leave it out to keep the feed's title", cmd)
}

func (l Lang) NoFeedNamed(cmd, key string) string {
	return l.f("%s: 그런 피드 없음: %q; sokbo feeds ls를 보세요", "%s: no feed %q; see sokbo feeds ls", cmd, key)
}

// Removed says a feed was unsubscribed and its cached items dropped,
// and how many of those were starred: a star goes with its item.
func (l Lang) Removed(url string, items, starred int) string {
	if l == En {
		s := fmt.Sprintf("removed %s and its %s", url, l.cachedItems(items))
		if starred > 0 {
			s += fmt.Sprintf(", %s of them starred", Thousands(starred))
		}
		return s
	}
	s := fmt.Sprintf("구독을 끊음: %s, 캐시의 기사 %s 지움", url, l.cachedItems(items))
	if starred > 0 {
		s += fmt.Sprintf(" (별표한 기사 %s건 포함)", Thousands(starred))
	}
	return s
}

// FeedNameTaken is a rename to the name another feed (url) is shown by.
func (l Lang) FeedNameTaken(name, url string) string {
	return l.f("%q은(는) 이미 %s의 이름입니다", "%q is already the name of %s", name, url)
}
func (l Lang) Renamed(old, url, name string) string {
	return l.f("이름을 바꿈: %s (%s) → %s", "renamed %s (%s) to %s", old, url, name)
}
func (l Lang) Spellings(urls []string) string {
	if l == En {
		return fmt.Sprintf("%s are one feed under %d spellings; keep one with sokbo feeds rm", strings.Join(urls, " and "), len(urls))
	}
	return fmt.Sprintf("같은 피드를 %[2]d가지로 씀: %[1]s; sokbo feeds rm으로 하나만 남기세요", strings.Join(urls, ", "), len(urls))
}

// FeedsHeader is the header of feeds ls on a terminal.
func (l Lang) FeedsHeader(muted bool) []string {
	h := []string{l.pick("이름", "NAME"), "URL", l.pick("기사", "ITEMS"), l.pick("안 읽음", "UNREAD"), l.pick("크기", "SIZE"), l.pick("가져옴", "FETCHED"), l.pick("상태", "STATUS")}
	if muted {
		h = append(h[:4], append([]string{l.pick("숨김", "MUTED")}, h[4:]...)...)
	}
	return h
}
func (l Lang) NotFetchedYet() string { return l.pick("아직 가져오지 않음", "not fetched yet") }
func (l Lang) StatusOK() string      { return l.pick("정상", "ok") }
func (l Lang) StatusError(why string) string {
	return l.f("오류: %s", "error: %s", why)
}

// RetryAt follows a feed's state in feeds ls, whose error may end in a
// parenthesis of its own: "; the server asked for no fetch before 01:24".
func (l Lang) RetryAt(at string) string {
	return l.f("; 서버가 %s 전에는 가져가지 말라고 함", "; the server asked for no fetch before %s", at)
}

// feeds add.
func (l Lang) NotSubscribed(cmd, problem string) string {
	return l.f("%s: %s; 구독하지 않음 (--force면 그래도 구독)", "%s: %s; not subscribed (--force subscribes anyway)", cmd, problem)
}

// AlreadyAs is feeds add of url, which is the subscription name (as): a
// page whose feed it is, the feed the page url announces, or another
// spelling of url. A subscription with no name of its own is named by
// its address, said once.
func (l Lang) AlreadyAs(url, name, as string) string {
	if name == "" || name == as {
		return l.f("이미 구독 중: %s → %s", "already subscribed to %s, as %s", url, as)
	}
	return l.f("이미 구독 중: %s → %s (%s)", "already subscribed to %s, as %s (%s)", url, name, as)
}

// Already is feeds add of url, a subscription as it is spelt, named
// name ("" or url itself when it has no name of its own).
func (l Lang) Already(url, name string) string {
	if name == "" || name == url {
		return l.f("이미 구독 중: %s", "already subscribed to %s", url)
	}
	return l.f("이미 구독 중: %s → %s", "already subscribed to %s, as %s", url, name)
}

// Subscribed is feeds add of url, fetched: the feed's title and its
// items. A feed with no title is named by its address, said once.
func (l Lang) Subscribed(title, url string, items int) string {
	named := title + " (" + url + ")"
	if title == "" || title == url {
		named = url
	}
	if l == En {
		return fmt.Sprintf("subscribed to %s: %s", named, l.count(items, "", "item", "items"))
	}
	return fmt.Sprintf("구독함: %s, 기사 %s건", named, Thousands(items))
}
func (l Lang) SubscribedForced(url string) string {
	return l.f("그래도 구독함 (--force): %s; `sokbo refresh`가 다시 시도합니다", "subscribed to %s all the same (--force); `sokbo refresh` tries again", url)
}
func (l Lang) SubscribedOffline(url string) string {
	return l.f("구독함: %s; 가져오지 않음 (--offline), `sokbo refresh`가 가져옵니다", "subscribed to %s; not fetched (--offline), `sokbo refresh` fetches it", url)
}

// import.
func (l Lang) FolderNotOPML(path string) string {
	return l.f("%s: OPML 파일이 아니라 폴더", "%s: a folder, not an OPML file", path)
}
func (l Lang) Imported(n int, path string, added, refused, skipped, kept, renamed int) string {
	var s string
	if l == En {
		s = fmt.Sprintf("imported %s from %s, %d new", l.count(n, "", "feed", "feeds"), path, added)
		switch {
		case refused > 0 && skipped > 0:
			s += fmt.Sprintf(" (%d refused, %d skipped)", refused, skipped)
		case refused > 0:
			s += fmt.Sprintf(" (%d refused)", refused)
		case skipped > 0:
			s += fmt.Sprintf(" (%d skipped)", skipped)
		}
		if kept > 0 {
			s += fmt.Sprintf(", %s kept", l.count(kept, "", "name", "names"))
		}
		if renamed > 0 {
			s += fmt.Sprintf(", %s renamed", l.count(renamed, "", "feed", "feeds"))
		}
		return s
	}
	s = fmt.Sprintf("%s에서 피드 %s개를 가져옴, 새 피드 %s개", path, Thousands(n), Thousands(added))
	switch {
	case refused > 0 && skipped > 0:
		s += fmt.Sprintf(" (거부 %s개, 건너뜀 %s개)", Thousands(refused), Thousands(skipped))
	case refused > 0:
		s += fmt.Sprintf(" (거부 %s개)", Thousands(refused))
	case skipped > 0:
		s += fmt.Sprintf(" (건너뜀 %s개)", Thousands(skipped))
	}
	if kept > 0 {
		s += fmt.Sprintf(", 이름 %s개는 그대로 둠", Thousands(kept))
	}
	if renamed > 0 {
		s += fmt.Sprintf(", 피드 %s개는 이름을 바꿈", Thousands(renamed))
	}
	return s
}
func (l Lang) KeptName(kept, url, path, offered string) string {
	return l.f("이름을 그대로 둠: %[2]s → %[1]q (%[3]s에서는 %[4]q; sokbo feeds rename으로 바꿀 수 있음)",
		"kept the name %q for %s (%s calls it %q; sokbo feeds rename changes it)", kept, url, path, offered)
}

// GaveName is a feed import named name, where the file (path) calls it
// offered, the name of the feed at taken.
func (l Lang) GaveName(name, url, path, offered, taken string) string {
	return l.f("이름을 바꿈: %[2]s → %[1]q (%[3]s에서는 %[4]q인데, 이미 %[5]s의 이름임; sokbo feeds rename으로 바꿀 수 있음)",
		"named %[2]s %[1]q (%[3]s calls it %[4]q, the name of %[5]s; sokbo feeds rename changes it)", name, url, path, offered, taken)
}

// search.
func (l Lang) NothingMatches(q string) string {
	return l.f("맞는 기사가 없음: %s", "nothing matches %s", q)
}
func (l Lang) SearchProblem(why string) string { return l.f("search: %s", "search: %s", why) }

// watch.
func (l Lang) SinceRange(d string) string {
	return l.f("--since %s: 0부터 720h까지의 시간이어야 함", "--since %s: want a duration from 0 to 720h", d)
}
func (l Lang) WatchLocal(src string) string {
	return l.f("watch는 주소로 피드를 따라갑니다; 로컬 파일이나 폴더는 sokbo list로 읽으세요: %s", "watch follows feeds by URL; %s is a local file or folder (sokbo list reads it)", src)
}
func (l Lang) NoAlertRules() string {
	return l.pick("--alerts-only: 설정에 [[alert]] 규칙이 없음", "--alerts-only: the config has no [[alert]] rules")
}
func (l Lang) Watch(msg string) string { return "watch: " + msg }
func (l Lang) WatchFirstRun() string {
	return l.pick("처음 실행; 이제부터 --once는 지난 실행 뒤로 새로 들어온 것을 출력합니다", "first run; from now on --once prints what is new since the run before")
}
func (l Lang) WatchOffline(at, why string) string {
	return l.f("%s에 오프라인%s; 다시 시도 중", "offline at %s%s; retrying", at, why)
}
func (l Lang) WatchOnline(at string) string {
	return l.f("%s에 다시 온라인", "back online at %s", at)
}
func (l Lang) WatchWorking(name, at string) string {
	return l.f("%s: %s에 다시 됨", "%s: working again at %s", name, at)
}
func (l Lang) WatchFailed(name, at, why string) string {
	return l.f("%s: %s에 실패: %s; 나중에 다시 시도", "%s: failed at %s: %s; retrying later", name, at, why)
}

// Refused is an OPML entry import refused: its name, address and why.
func (l Lang) Refused(name, url, why string) string {
	if name == "" {
		name = l.pick("(제목 없음)", "(untitled)")
	}
	return l.f("%q (%s) 거부: %s", "refused %q (%s): %s", name, url, l.refusal(why))
}

// SkippedSame is an OPML entry import skipped as the feed an earlier
// one (same) is, under this or another spelling of its address; tags is
// true when its folders were added to that one's tags.
func (l Lang) SkippedSame(name, url, same string, tags bool) string {
	name = l.untitled(name)
	s := l.f("%q (%s) 건너뜀: %q와(과) 같은 피드", "skipped %q (%s): the same feed as %q", name, url, same)
	if tags {
		s += l.pick("; 폴더는 그 피드의 태그로 더함", "; its folders are added to that one's tags")
	}
	return s
}

// SkippedInclude is an OPML outline of type "include", another OPML
// file, which import does not read.
func (l Lang) SkippedInclude(name, url string) string {
	return l.f("%q (%s) 건너뜀: 피드가 아니라 포함할 OPML 파일", "skipped %q (%s): an OPML file to include, not a feed", l.untitled(name), url)
}

// SkippedNoAddress is an OPML outline that reads as a feed (it has a
// type, or names its site) but has no feed address; site is the page it
// names, or "".
func (l Lang) SkippedNoAddress(name, site string) string {
	if site != "" {
		return l.f("%q 건너뜀: 피드 주소(xmlUrl)가 없고 사이트 주소 %s만 있음", "skipped %q: no feed address (xmlUrl), only its site's, %s", l.untitled(name), site)
	}
	return l.f("%q 건너뜀: 피드 주소(xmlUrl)가 없음", "skipped %q: no feed address (xmlUrl)", l.untitled(name))
}

// MoreEntries counts the entries of an OPML file refused or skipped past
// those said one by one.
func (l Lang) MoreEntries(n int) string {
	return l.f("가져오지 않은 항목 %s개 더, 하나하나 말하지 않음", "%s more entries not imported, not said one by one", Thousands(n))
}

// untitled is name, or "(untitled)" for none.
func (l Lang) untitled(name string) string {
	if name == "" {
		return l.pick("(제목 없음)", "(untitled)")
	}
	return name
}

// refusal words import's English reason for refusing an entry.
func (l Lang) refusal(why string) string {
	if l == En {
		return why
	}
	if ko, ok := koRefusals[why]; ok {
		return ko
	}
	if strings.HasPrefix(why, "not a URL sokbo fetches") {
		return "sokbo가 가져오는 주소가 아님"
	}
	return "가져오지 않음"
}

var koRefusals = map[string]string{
	"commands are never run":                        "명령은 절대 실행하지 않음",
	"the URL holds control or invisible characters": "주소에 제어 문자나 보이지 않는 문자가 있음",
	"not a valid URL":                               "올바른 주소가 아님",
	"the URL has no host":                           "주소에 호스트가 없음",
	"filters are never run":                         "필터는 절대 실행하지 않음",
	"local files are not imported":                  "로컬 파일은 가져오지 않음",
	"query feeds are not supported":                 "query 피드는 지원하지 않음",
	"only http and https feeds are imported":        "http와 https 피드만 가져옴",
}
