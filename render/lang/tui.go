package lang

// What the reader says. Arguments named key are the keys in force, as
// the footer names them ("esc", "/").

// Brand is sokbo's name in the header.
func (l Lang) Brand() string { return l.pick("속보", "sokbo") }

// The list's header and notes.
func (l Lang) Unread(n string) string { return l.f("안 읽음 %s", "%s unread", n) }
func (l Lang) UnreadOnlyTag() string  { return l.pick("[안 읽음만]", "[unread only]") }
func (l Lang) Items(n string) string {
	if n == "1" {
		return l.f("%s건", "%s item", n)
	}
	return l.f("%s건", "%s items", n)
}
func (l Lang) FeedCount(n int) string     { return l.f("피드 %s개", "%s feeds", Thousands(n)) }
func (l Lang) SourceCount(n int) string   { return l.f("소스 %s개", "%s sources", Thousands(n)) }
func (l Lang) HelpKey(key string) string  { return l.f("%s 도움말", "%s help", key) }
func (l Lang) CloseKey(key string) string { return l.f("%s 닫기", "%s close", key) }
func (l Lang) Loading() string            { return l.pick("불러오는 중…", "loading…") }

// SourcesShown is the footer's count of local sources when only shown
// of total brought items: "소스 3개 중 2개".
func (l Lang) SourcesShown(shown, total int) string {
	return l.f("소스 %[2]s개 중 %[1]s개", "%[1]s of %[2]s sources", Thousands(shown), Thousands(total))
}

func (l Lang) Refreshing() string { return l.pick("새로 고치는 중…", "refreshing…") }
func (l Lang) NoUnread(key string) string {
	return l.f("안 읽은 기사가 없습니다. %s: 모두 보기", "No unread items. %s: show all", key)
}
func (l Lang) NoItemsHere() string { return l.pick("기사가 없습니다.", "No items.") }

// LastFetchFailed is a feed's stored failure, the cause of an empty list.
func (l Lang) LastFetchFailed(cause string) string {
	return l.f("마지막 가져오기 실패: %s", "last fetch failed: %s", cause)
}

// RetryKey is what to do about an empty list whose feeds failed.
func (l Lang) RetryKey(key string) string {
	return l.f("기사가 없습니다. %s: 다시 가져오기", "No items. %s: fetch again", key)
}

// MoreNotes stands for the n notes above the rows that do not fit, when
// there is no log that has them.
func (l Lang) MoreNotes(n int) string { return l.f("… 외 %d건", "… and %d more", n) }

// MoreNotesIn stands for the n notes above the rows that do not fit, all
// of them in the log: the path of the log goes between before and after,
// "… 외 18건 (모두 ~/.cache/sokbo/sokbo.log에)".
func (l Lang) MoreNotesIn(n int) (before, after string) {
	return l.f("… 외 %d건 (모두 ", "… and %d more (all in ", n), l.pick("에)", ")")
}
func (l Lang) HelpTitle() string     { return l.pick("sokbo 도움말", "sokbo help") }
func (l Lang) FeedListTitle() string { return l.pick("피드 목록", "feeds") }
func (l Lang) Rendering() string     { return l.pick("렌더링 중…", "rendering…") }
func (l Lang) ErrorLabel() string    { return l.pick("오류", "error") }
func (l Lang) WarningLabel() string  { return l.pick("경고", "warning") }
func (l Lang) SaveStateFailed() string {
	return l.pick("상태 저장 실패", "could not save the marks")
}
func (l Lang) MarkedUnread() string { return l.pick("안 읽음으로 표시", "marked unread") }
func (l Lang) MarkedRead() string   { return l.pick("읽음으로 표시", "marked read") }
func (l Lang) MarkedStoryRead(n string) string {
	return l.f("묶음 %s건을 읽음으로 표시", "marked the story's %s items read", n)
}
func (l Lang) MarkedStoryUnread(n string) string {
	return l.f("묶음 %s건을 안 읽음으로 표시", "marked the story's %s items unread", n)
}
func (l Lang) StarredStory(n string) string {
	return l.f("묶음 %s건에 별표", "starred the story's %s items", n)
}
func (l Lang) UnstarredStory(n string) string {
	return l.f("묶음 %s건 별표 해제", "unstarred the story's %s items", n)
}
func (l Lang) Unstarred() string { return l.pick("별표 해제", "unstarred") }
func (l Lang) Starred() string   { return l.pick("별표", "starred") }
func (l Lang) FeedListKeys(open, close string) string {
	return l.f("%s 열기 · %s 닫기", "%s open · %s close", open, close)
}

// Search, the feed list and marking all read.
func (l Lang) Searching() string { return l.pick("검색 중…", "searching…") }
func (l Lang) NoMatch(key string) string {
	return l.f("일치하는 기사가 없습니다. %s: 검색 지우기", "No items match. %s: clear the search", key)
}
func (l Lang) NoneInScope(key string) string {
	return l.f("이 보기에는 기사가 없습니다. %s: 전체 보기", "Nothing in this view. %s: show all", key)
}
func (l Lang) AllRead() string { return l.pick("안 읽은 기사가 없습니다", "no unread items") }
func (l Lang) MarkedAllRead(n string) string {
	return l.f("%s건을 읽음으로 표시", "marked %s read", n)
}

// ConfirmMarkAll is A's question, without its answer keys (YesNo): the
// footer shortens the question, never the keys.
func (l Lang) ConfirmMarkAll(n string) string {
	return l.f("안 읽은 기사 %s건을 모두 읽음으로 표시할까요?", "Mark all %s unread items read?", n)
}

// YesNo is the answer keys of a question in the footer.
func (l Lang) YesNo() string     { return "(y/n)" }
func (l Lang) Cancelled() string { return l.pick("취소함", "cancelled") }
func (l Lang) FindingAll() string {
	return l.pick("모든 일치를 찾는 중…", "finding every match…")
}
func (l Lang) NoMoreUnread() string {
	return l.pick("안 읽은 기사가 더 없습니다", "no more unread items")
}

// WrappedUnread says that n went round from the list's end to its top
// (down) or N from its top to its end.
func (l Lang) WrappedUnread(down bool) string {
	if down {
		return l.pick("끝에서 맨 위로 돌아옴", "wrapped round to the top")
	}
	return l.pick("맨 위에서 맨 아래로 돌아옴", "wrapped round to the bottom")
}
func (l Lang) LastArticle() string {
	return l.pick("마지막 기사입니다", "this is the last item")
}
func (l Lang) FirstArticle() string { return l.pick("첫 기사입니다", "this is the first item") }
func (l Lang) NoMatchHere() string {
	return l.pick("이 기사에서 찾지 못함 (줄을 넘는 구절은 찾지 못합니다)", "not found in this article (a phrase across lines is not found)")
}
func (l Lang) MatchAt(i, n int) string { return l.f("일치 %d/%d", "match %d/%d", i, n) }
func (l Lang) IndexFailed() string     { return l.pick("검색 색인 실패", "search index failed") }
func (l Lang) ScopeAll() string        { return l.pick("전체", "All") }
func (l Lang) ScopeStarred() string    { return l.pick("별표", "Starred") }
func (l Lang) ScopeViews() string      { return l.pick("보기", "Views") }
func (l Lang) ScopeTags() string       { return l.pick("태그", "Tags") }
func (l Lang) ScopeFeeds() string      { return l.pick("피드", "Feeds") }
func (l Lang) TagErrors(n int) string  { return l.f("피드 %d개 오류", "%d feeds failing", n) }

// Links: numbered, listed, copied.
func (l Lang) LinkCount(n int, open, copy, cancel string) string {
	return l.f("링크 %d · %s 열기 · %s 복사 · %s 취소", "link %d · %s open · %s copy · %s cancel", n, open, copy, cancel)
}
func (l Lang) NoSuchLink(n, max int) string {
	return l.f("링크 %d 없음 (1–%d)", "no link %d (1–%d)", n, max)
}
func (l Lang) NoLinks() string {
	return l.pick("이 기사에는 번호 붙은 링크가 없습니다", "this article has no numbered links")
}
func (l Lang) Copied(url string) string { return l.f("복사함: %s", "copied: %s", url) }
func (l Lang) CannotCopy() string       { return l.pick("복사할 수 없음", "cannot copy") }
func (l Lang) LinksTitle(n int) string  { return l.f("링크 %d개", "%d links", n) }
func (l Lang) LinksNone() string        { return l.pick("번호 붙은 링크 없음", "no numbered links") }
func (l Lang) ItemLink() string         { return l.pick("기사 주소", "the item's link") }
func (l Lang) LinksFooter(open, copy, back string) string {
	return l.f("%s 열기 · %s 복사 · %s 뒤로", "%s open · %s copy · %s back", open, copy, back)
}
func (l Lang) AddressTooLong() string {
	return l.pick("주소가 4 KiB보다 긺", "the address is longer than 4 KiB")
}

// Opening links.
func (l Lang) Opening() string       { return l.pick("브라우저로 여는 중", "opening in the browser") }
func (l Lang) CannotOpen() string    { return l.pick("열 수 없음", "cannot open") }
func (l Lang) BrowserFailed() string { return l.pick("브라우저 오류", "browser failed") }
func (l Lang) NoLinkToOpen() string {
	return l.pick("이 기사에는 열 링크가 없습니다", "this item has no link to open")
}
func (l Lang) NoLinkToCopy() string {
	return l.pick("이 기사에는 복사할 링크가 없습니다", "this item has no link to copy")
}
func (l Lang) NoBrowser(tried string) string {
	return l.f("BROWSER의 브라우저를 찾을 수 없음: %s", "no browser of BROWSER found: %s", tried)
}
func (l Lang) NoLauncher(name string) string {
	return l.f("%s 없음; BROWSER 환경 변수로 브라우저를 정하세요", "no %s; set the BROWSER environment variable to a browser", name)
}
func (l Lang) BadBrowser(entry string) string {
	return l.f("BROWSER의 %q: %%s는 따로 한 단어로만 쓸 수 있습니다", "%q in BROWSER: %%s may only stand as a word of its own", entry)
}
func (l Lang) NotOpenable() string {
	return l.pick("http와 https 링크만 브라우저로 엽니다", "only http and https links open in a browser")
}

// Piping an article to a command.
func (l Lang) PipeHint() string {
	return l.pick("명령 (text: 로 시작하면 텍스트로) · enter 실행 · esc 취소", "command (text: first for plain text) · enter run · esc cancel")
}
func (l Lang) Piping(cmd string) string { return l.f("실행 중: %s", "running: %s", cmd) }
func (l Lang) PipeNoOutput(cmd string) string {
	return l.f("%s: 끝남 (출력 없음)", "%s: done (no output)", cmd)
}
func (l Lang) PipeFailed() string { return l.pick("명령 실패", "command failed") }
func (l Lang) PipeTimeout(d string) string {
	return l.f("%s 안에 끝나지 않아 멈춤", "stopped: not done within %s", d)
}
func (l Lang) PipeCut(n string) string {
	return l.f("… (출력이 %s바이트를 넘어 잘림)", "… (output cut at %s bytes)", n)
}
func (l Lang) ShellSyntax() string {
	return l.pick("셸이 필요함 (| ; & < > ` $( )); sokbo는 셸 없이 명령을 실행합니다", "needs a shell (| ; & < > ` $( )), and sokbo runs commands without one")
}
func (l Lang) EmptyCommand() string { return l.pick("명령이 없음", "no command") }
func (l Lang) UnbalancedQuotes() string {
	return l.pick("따옴표가 짝이 맞지 않음", "unbalanced quotes")
}
func (l Lang) ExitStatus(code int) string {
	return l.f("종료 상태 %d", "exit status %d", code)
}
func (l Lang) NoSuchProgram(name string) string {
	return l.f("%s: 프로그램이 없음", "%s: no such program", name)
}

// Saving an article.

// SavedLabel heads the notice of a saved article, "저장함: name · dir".
func (l Lang) SavedLabel() string { return l.pick("저장함", "saved") }
func (l Lang) SaveFailed() string { return l.pick("저장 실패", "save failed") }
func (l Lang) NoSaveDir() string {
	return l.pick("저장할 폴더가 없습니다 (save_dir)", "no folder to save to (save_dir)")
}
func (l Lang) FileNameTaken(path string) string {
	return l.f("%s: 같은 이름의 파일이 너무 많습니다", "%s: too many files of that name", path)
}

// The split pane.
func (l Lang) SplitNarrow() string {
	return l.pick("120칸부터 나란히", "side by side from 120 columns")
}
func (l Lang) SplitOn() string {
	return l.pick("목록과 기사를 나란히", "list and article side by side")
}
func (l Lang) SplitOff() string { return l.pick("한 화면씩", "one at a time") }

// Refreshing and reloading.
func (l Lang) RefreshedNew(n int) string {
	return l.f("새로 고침: 새 기사 %s건", "refreshed: %s new", Thousands(n))
}
func (l Lang) RefreshedNone() string {
	return l.pick("새로 고침: 새 기사 없음", "refreshed: nothing new")
}

// RefreshedBusy follows RefreshedNew or RefreshedNone when n feeds were
// not fetched because another sokbo on the cache was fetching them.
func (l Lang) RefreshedBusy(n int) string {
	return l.f(" · %s는 다른 sokbo가 가져오는 중", "; %s left to another sokbo", l.count(n, "개", "feed", "feeds"))
}
func (l Lang) RefreshProgress(done, total int) string {
	return l.f("새로 고침 %d/%d", "refreshing %d/%d", done, total)
}
func (l Lang) RefreshFailures(n int) string {
	return l.f("피드 %s 새로 고침 실패", "%s failed to refresh", l.count(n, "개", "feed", "feeds"))
}

// OfflineAlone is the header's offline note over rows of local sources
// when no feed was ever saved.
func (l Lang) OfflineAlone() string { return l.pick("오프라인", "offline") }
func (l Lang) OfflineNothingSaved() string {
	return l.pick("오프라인 · 저장된 기사 없음", "offline · nothing saved")
}
func (l Lang) OfflineSaved(ago string) string {
	return l.f("오프라인 · %s 저장", "offline · saved %s", ago)
}
func (l Lang) Reloading() string {
	return l.pick("파일 다시 읽는 중…", "reading the files again…")
}
func (l Lang) ReloadNone() string {
	return l.pick("파일 다시 읽음: 바뀐 기사 없음", "files read again: nothing changed")
}
func (l Lang) ReloadCounts(s string) string {
	return l.f("파일 다시 읽음: %s", "files read again: %s", s)
}
func (l Lang) ReloadNew(n string) string { return l.f("새 기사 %s건", "%s new", n) }
func (l Lang) ReloadChanged(n string) string {
	return l.f("바뀜 %s건", "%s changed", n)
}
func (l Lang) ReloadGone(n string) string { return l.f("없어짐 %s건", "%s gone", n) }
func (l Lang) ReloadFailed() string       { return l.pick("다시 읽지 못함", "could not read again") }
func (l Lang) OfflineNoReload() string {
	return l.pick("--offline: 새로 고치지 않음", "--offline: no refresh")
}
func (l Lang) AndMore(n int) string { return l.f(" (외 %d개)", " (and %d more)", n) }

// The full text.
func (l Lang) FullTextProgress(done, total int) string {
	return l.f("전문 %d/%d", "full text %d/%d", done, total)
}

// FullTextFailedLabel heads the reader's notice of a failed full text:
// "full text failed: news.example.kr: http 404 Not Found".
func (l Lang) FullTextFailedLabel() string { return l.pick("전문 실패", "full text failed") }
func (l Lang) FullTextGot() string         { return l.pick("전문 가져옴", "full text fetched") }
func (l Lang) FullTextFetching() string {
	return l.pick("전문 받는 중…", "fetching the full text…")
}
func (l Lang) FullTextFrom(page string) string { return l.f("전문 · %s", "full text · %s", page) }
func (l Lang) FullText() string                { return l.pick("전문", "full text") }

// FullTextRetry is the footer of an article whose full text could not be
// fetched: the key, what failed, why. FullTextRetried and FullTextRetryKey
// are it shorter, for a narrow footer.
func (l Lang) FullTextRetry(key, why string) string {
	return l.FullTextRetried(key) + ": " + why
}
func (l Lang) FullTextRetried(key string) string {
	return l.FullTextRetryKey(key) + l.pick(" · 전문 실패", " · full text failed")
}
func (l Lang) FullTextRetryKey(key string) string { return l.f("%s: 다시", "%s: retry", key) }

// FullTextOffer is the footer of an article of a feed of summaries: the
// key that fetches the full text, then why.
func (l Lang) FullTextOffer(key string) string {
	return l.f("%s: 전문 보기 · 요약만 있는 피드", "%s: full text · the feed has summaries only", key)
}

// Help's sections and each key's action.
func (l Lang) SectionMove() string       { return l.pick("이동", "Move") }
func (l Lang) SectionList() string       { return l.pick("목록", "List") }
func (l Lang) SectionArticle() string    { return l.pick("기사", "Article") }
func (l Lang) SectionBoth() string       { return l.pick("목록과 기사", "List and article") }
func (l Lang) SectionEverywhere() string { return l.pick("공통", "Everywhere") }

// KeyHelp is what the key bound to action does, for help and the footer;
// "" for an action it does not know.
func (l Lang) KeyHelp(action string) string {
	h, ok := keyHelp[action]
	if !ok {
		return ""
	}
	return l.pick(h[0], h[1])
}

var keyHelp = map[string][2]string{
	"newest":       {"새 기사로", "to the newest"},
	"fold":         {"묶음 펼치기/접기", "unfold/fold a story"},
	"up":           {"위로", "up"},
	"down":         {"아래로", "down"},
	"page_up":      {"이전 화면", "page up"},
	"page_down":    {"다음 화면", "page down"},
	"top":          {"맨 위", "top"},
	"bottom":       {"맨 아래", "bottom"},
	"open":         {"기사 열기", "open the item"},
	"open_link":    {"브라우저로 열기", "open in the browser"},
	"toggle_read":  {"읽음/안 읽음", "read/unread"},
	"star":         {"별표", "star"},
	"unread_only":  {"안 읽은 기사만", "unread only"},
	"feed_list":    {"피드 목록", "feed list"},
	"search":       {"검색", "search"},
	"clear":        {"검색·보기 지우기", "clear the search or view"},
	"mark_all":     {"모두 읽음으로", "mark all read"},
	"next":         {"다음 일치 / 다음 안 읽은 기사", "next match / next unread"},
	"prev":         {"이전 일치 / 이전 안 읽은 기사", "previous match / previous unread"},
	"next_article": {"다음 기사", "next item"},
	"prev_article": {"이전 기사", "previous item"},
	"refresh":      {"새로 고침", "refresh"},
	"full_text":    {"전문 가져오기", "fetch the full text"},
	"back":         {"목록으로", "back to the list"},
	"help":         {"도움말", "help"},
	"quit":         {"끝내기", "quit"},
	"force_quit":   {"어디서나 끝내기", "quit from anywhere"},
	"pipe":         {"명령으로 보내기", "pipe to a command"},
	"save":         {"마크다운으로 저장", "save as Markdown"},
	"link_number":  {"3번 링크 열기/복사", "open/copy link 3"},
	"links":        {"링크 목록", "list the links"},
	"copy":         {"링크 복사 (OSC 52)", "copy the link (OSC 52)"},
	"suspend":      {"멈춤 (셸에서 fg로 재개)", "suspend (fg resumes)"},
	"split":        {"목록과 기사 나란히 (120칸 이상)", "list and article side by side (120+ columns)"},
}

// NoSuchProgramHere is a program that is not installed, after its name.
func (l Lang) NoSuchProgramHere() string {
	return l.pick("그런 프로그램이 없음", "no such program")
}

// The live list: arrivals, folded stories, alerts.
func (l Lang) ToNewest(key string) string { return l.f("%s 새 기사로", "%s to the newest", key) }
func (l Lang) NewAbove(n int) string {
	return l.f("↑ 새 기사 %s건", "↑ %s new", Thousands(n))
}
func (l Lang) AlertNote(feed, title string) string {
	return l.f("알림 · %s: %s", "alert · %s: %s", feed, title)
}

// FoldSuffix follows a folded row's title: " · 가람일보 외 4곳", or
// " · 3건" for one outlet's several reports.
func (l Lang) FoldSuffix(outlet string, others, size int) string {
	if others > 0 && outlet != "" {
		return " · " + l.FoldedOthers(outlet, others)
	}
	return " · " + l.FoldedReports("", size)
}

// The refresh's line per feed while the list waits for it.
func (l Lang) FeedWaiting(name string) string {
	return l.f("%s · 기다리는 중", "%s · waiting", name)
}
func (l Lang) FeedFailed(name, why string) string {
	return l.f("%s · 실패: %s", "%s · failed: %s", name, why)
}
func (l Lang) FeedNew(name string, n int) string {
	return l.f("%s · 새 기사 %s건", "%s · %s new", name, Thousands(n))
}

// What the mouse does, in help.
func (l Lang) SectionMouse() string { return l.pick("마우스", "Mouse") }
func (l Lang) MouseWheel() string   { return l.pick("휠", "wheel") }
func (l Lang) MouseScroll() string  { return l.pick("스크롤", "scroll") }
func (l Lang) MouseClick() string   { return l.pick("클릭", "click") }
func (l Lang) MouseClickDoes() string {
	return l.pick("제목 고르기 · 링크 열기", "choose a headline · open a link")
}
func (l Lang) MouseDoubleClick() string { return l.pick("더블 클릭", "double click") }
func (l Lang) MouseDoubleClickDoes() string {
	return l.pick("기사 열기", "open the item")
}

// WholeNotesIn follows a note above the rows too long to be shown whole:
// the path of the log that has it goes between before and after, "… 전체
// 내용은 ~/.cache/sokbo/sokbo.log에".
func (l Lang) WholeNotesIn() (before, after string) {
	return l.pick("… 전체 내용은 ", "… in full in "), l.pick("에", "")
}
