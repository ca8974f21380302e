package lang

// The command line's help: each command's summary, description, examples
// and flags.

// Help is the text of one command's help.
type Help struct {
	Short, Long, Example string
}

// RootHelp is sokbo's own.
func (l Lang) RootHelp() Help {
	if l == En {
		return Help{
			Short: "A terminal news reader for Korean breaking news",
			Long: `sokbo (속보) is a terminal news reader for Korean breaking news.

It opens the interactive reader on a terminal and prints the headline list
when stdout is not one. A SOURCE is an http(s) URL, a feed file (RSS, Atom,
JSON Feed), a post file or a folder of posts. With no SOURCE, sokbo reads
your subscriptions (newsdao.kr until you add any). URLs are kept in an
offline cache.

The language is Korean when the locale (LC_ALL, LC_MESSAGES, LANG) is
Korean and English otherwise; --lang or the config's lang chooses.`,
			Example: `  # Your subscriptions, in the reader:
  sokbo
  # A feed file:
  sokbo testdata/atom.xml
  # The newest headlines; the third one as text:
  sokbo list | head
  sokbo read 3 --format text`,
		}
	}
	return Help{
		Short: "한국 속보를 읽는 터미널 뉴스 리더",
		Long: `sokbo(속보)는 한국 속보를 읽는 터미널 뉴스 리더입니다.

터미널에서는 리더를 열고, 표준 출력이 터미널이 아니면 제목 목록을
출력합니다. SOURCE는 http(s) 주소, 피드 파일(RSS, Atom, JSON Feed), 글
파일이나 글 폴더입니다. SOURCE가 없으면 구독한 피드를 읽습니다(구독이
없으면 newsdao.kr). 주소에서 받은 기사는 오프라인 캐시에 둡니다.

로캘(LC_ALL, LC_MESSAGES, LANG)이 한국어면 한국어로, 아니면 영어로
말합니다. --lang이나 설정의 lang으로 고를 수 있습니다.`,
		Example: `  # 구독한 피드를 리더로:
  sokbo
  # 피드 파일 하나:
  sokbo testdata/atom.xml
  # 최신 제목들, 그리고 세 번째 기사를 텍스트로:
  sokbo list | head
  sokbo read 3 --format text`,
	}
}

// ListHelp is `sokbo list`'s.
func (l Lang) ListHelp() Help {
	if l == En {
		return Help{
			Short: "Print one headline per line: N, date, title, link",
			Long: `Prints the headlines of every SOURCE (default: the subscriptions) merged,
newest first, one per line: N<TAB>YYYY-MM-DD HH:MM<TAB>title<TAB>link
(local time; the date is empty when the source gives none). With --json,
one JSON object per line. A URL that cannot be fetched falls back to the
cache with a note on stderr.`,
		}
	}
	return Help{
		Short: "제목을 한 줄에 하나씩 출력: 번호, 날짜, 제목, 링크",
		Long: `모든 SOURCE(기본: 구독한 피드)의 제목을 합쳐 최신 순으로 한 줄에 하나씩
출력합니다: N<TAB>YYYY-MM-DD HH:MM<TAB>제목<TAB>링크 (지역 시간; 소스에
날짜가 없으면 날짜는 비어 있음). --json이면 한 줄에 JSON 객체 하나.
가져오지 못한 주소는 캐시의 기사로 대신하고 표준 오류에 알립니다.`,
	}
}

// ReadHelp is `sokbo read`'s.
func (l Lang) ReadHelp() Help {
	if l == En {
		return Help{
			Short: "Print one article (ITEM is N from list, an ID or a link; default 1)",
			Long: `Prints one article. ITEM is the N printed by sokbo list, the item's ID or
its link, and defaults to 1, the newest.

Formats:
  auto      ansi on a terminal, markdown when piped (default)
  markdown  YAML front matter and the Markdown body, itself a post
  text      plain text wrapped to the width, no escape codes
  ansi      styled for the terminal
  json      one object with the metadata and the Markdown

An article whose full text was fetched (read --full, x in the reader, or a
feed with fulltext = true in the config) prints its full text; JSON says
which body it holds ("body": "feed" or "fulltext").`,
		}
	}
	return Help{
		Short: "기사 하나를 출력 (ITEM은 list의 번호, ID나 링크; 기본 1)",
		Long: `기사 하나를 출력합니다. ITEM은 sokbo list가 출력한 번호, 기사의 ID나
링크이고, 기본은 가장 최신인 1입니다.

형식:
  auto      터미널에서는 ansi, 파이프에서는 markdown (기본)
  markdown  YAML 머리말과 마크다운 본문, 그 자체로 글 파일
  text      폭에 맞춰 줄을 바꾼 평문, 이스케이프 코드 없음
  ansi      터미널용 스타일
  json      메타데이터와 마크다운을 담은 객체 하나

전문을 가져온 기사(read --full, 리더의 x, 설정에서 fulltext = true인
피드)는 전문을 출력합니다. JSON은 어느 본문인지 알려 줍니다("body":
"feed" 또는 "fulltext").`,
	}
}

// RefreshHelp is `sokbo refresh`'s.
func (l Lang) RefreshHelp() Help {
	if l == En {
		return Help{
			Short: "Fetch every subscription into the cache, one line per feed",
			Long: `Fetches every subscription into the offline cache, four at a time, with
conditional GET, and prints one line per feed. Exits 1 when every feed
failed. Suits cron.`,
		}
	}
	return Help{
		Short: "구독한 피드를 모두 캐시로 가져옴, 피드마다 한 줄",
		Long: `구독한 피드를 모두 오프라인 캐시로 가져옵니다. 한 번에 넷씩, 조건부
GET으로 가져오고 피드마다 한 줄을 출력합니다. 모든 피드가 실패하면 1로
끝납니다. cron에 알맞습니다.`,
	}
}

// FeedsHelp is `sokbo feeds`'s.
func (l Lang) FeedsHelp() Help {
	if l == En {
		return Help{
			Short: "List, add, remove or rename subscriptions",
			Long: `Lists, adds, removes or renames subscriptions. Feeds listed in the config file are
subscriptions too; remove those from the file.`,
		}
	}
	return Help{
		Short: "구독 목록 보기, 추가, 삭제, 이름 바꾸기",
		Long: `구독을 보고, 더하고, 지우고, 이름을 바꿉니다. 설정 파일에 적은 피드도
구독입니다. 그런 피드는 파일에서 지우세요.`,
	}
}

// FeedsLsHelp is `sokbo feeds ls`'s.
func (l Lang) FeedsLsHelp() Help {
	return Help{Short: l.pick("구독 목록: 기사 수, 마지막으로 가져온 때, 상태", "List the subscriptions with their counts, last fetch and status")}
}

// FeedsAddHelp is `sokbo feeds add`'s.
func (l Lang) FeedsAddHelp() Help {
	if l == En {
		return Help{
			Short: "Subscribe to a feed",
			Long: `Subscribes to a feed. The URL is fetched once first (as sokbo refresh
would, into the cache) and sokbo says what it found: the feed's title and
how many items it holds. A URL that cannot be fetched, or is no feed, is
not subscribed unless --force. With --offline nothing is fetched.`,
		}
	}
	return Help{
		Short: "피드 구독",
		Long: `피드를 구독합니다. 먼저 주소를 한 번 가져와(sokbo refresh처럼, 캐시로)
찾은 것을 알려 줍니다: 피드의 제목과 기사 수. 가져올 수 없거나 피드가
아닌 주소는 --force가 없으면 구독하지 않습니다. --offline이면 아무것도
가져오지 않습니다.`,
	}
}

// FeedsRenameHelp is `sokbo feeds rename`'s.
func (l Lang) FeedsRenameHelp() Help {
	return Help{Short: l.pick("구독의 이름을 바꿈", "Give a subscription another name")}
}

// FeedsRmHelp is `sokbo feeds rm`'s.
func (l Lang) FeedsRmHelp() Help {
	return Help{Short: l.pick("구독을 끊고 캐시의 기사를 지움", "Unsubscribe and drop the feed's cached items")}
}

// ImportHelp is `sokbo import`'s.
func (l Lang) ImportHelp() Help {
	if l == En {
		return Help{
			Short: "Subscribe to the feeds of an OPML file",
			Long: `Subscribes to every http(s) feed of an OPML file. Entries that would run a
command (exec:, filter:) or read a local file are refused and named, and so
are outlines skipped: one with no feed address, or a feed listed again.`,
		}
	}
	return Help{
		Short: "파일에 든 피드를 구독 (OPML)",
		Long: `OPML 파일의 http(s) 피드를 모두 구독합니다. 명령을 실행하거나(exec:,
filter:) 로컬 파일을 읽을 항목은 거부하고, 피드 주소가 없거나 앞에 나온
피드와 같은 항목은 건너뛰고, 그 이름을 알려 줍니다.`,
	}
}

// ExportHelp is `sokbo export`'s.
func (l Lang) ExportHelp() Help {
	return Help{Short: l.pick("구독을 출력 (OPML 2.0)", "Print the subscriptions as OPML 2.0")}
}

// SearchHelp is `sokbo search`'s.
func (l Lang) SearchHelp() Help {
	if l == En {
		return Help{
			Short: "Print the items a query matches, in list's format",
			Long: `Prints the items of every SOURCE (default: the subscriptions) that QUERY
matches, newest first, in list's format: N<TAB>YYYY-MM-DD HH:MM<TAB>title<TAB>link,
where N is the item's number among all the items, each on its own row;
sokbo read N opens it until the next list or search. With
--json, one JSON object per line. Exits 1 when nothing matches.

QUERY is one argument (quote it) in the query language of the reader's /,
saved views and mute rules:
  북한 미사일        both words, in the title, summary or body
  "국회 의장"        a phrase
  ㅂㅎ  국ㅎ의장     initial consonants (초성), alone or mixed
  -속보              not this word, phrase or filter
  feed:연합  tag:경제  is:unread  is:read  is:starred
  after:2024-07-01  before:2024-07-31  within:6h (m, h, d, w; 분, 시간, 일, 주)`,
			Example: `  sokbo search 북한
  sokbo search 'ㄱㅎ is:unread within:24h' --json
  sokbo search '"집중 호우" -속보' testdata/atom.xml`,
		}
	}
	return Help{
		Short: "검색어에 맞는 기사를 list 형식으로 출력",
		Long: `모든 SOURCE(기본: 구독한 피드)에서 QUERY에 맞는 기사를 최신 순으로 list
형식으로 출력합니다: N<TAB>YYYY-MM-DD HH:MM<TAB>제목<TAB>링크. N은 모든
기사 가운데 그 기사의 번호이고, 다음 list나 search 전까지 sokbo read N이
그 기사를 엽니다. --json이면 한 줄에 JSON 객체 하나. 맞는 기사가 없으면
1로 끝납니다.

QUERY는 인자 하나이고(따옴표로 묶으세요) 리더의 /, 저장한 보기, 숨김
규칙과 같은 검색어 문법을 씁니다:
  북한 미사일        두 낱말 모두, 제목, 요약, 본문에서
  "국회 의장"        구절
  ㅂㅎ  국ㅎ의장     초성만, 또는 섞어서
  -속보              이 낱말, 구절, 필터는 빼고
  feed:연합  tag:경제  is:unread  is:read  is:starred
  after:2024-07-01  before:2024-07-31  within:6h (m, h, d, w; 분, 시간, 일, 주)`,
		Example: `  sokbo search 북한
  sokbo search 'ㄱㅎ is:unread within:24h' --json
  sokbo search '"집중 호우" -속보' testdata/atom.xml`,
	}
}

// WatchHelp is `sokbo watch`'s.
func (l Lang) WatchHelp() Help {
	if l == En {
		return Help{
			Short: "Print each new item as it arrives: a ticker for tmux, a status bar or a pipe",
			Long: `Prints one line per new item of every SOURCE (default: the subscriptions)
as it arrives, oldest first, for a tmux split, a status bar or a pipe:

  HH:MM  outlet  title  link

aligned by display width on a terminal (the link is left out where it
does not fit), tab-separated when piped, or one JSON object per line with
--json. It fetches on the reader's schedule, with conditional GET, and
also shows what another sokbo fetched meanwhile. One story from several
outlets prints once, unless --no-group. A change of the connection is
said in one line on stderr ("offline", "back online"); a feed of its own
failing is said once, and once again when it works.

With [[alert]] rules in the config, an item that matches one is sent as a
notification (OSC 9, 777 or 99 to the terminal, else notify-send);
--alerts-only prints only those. Notifications never go into a pipe: with
stdout piped they go to the controlling terminal, if there is one.

--once prints what is new since the last --once (or the last watch) of
the same sources and exits; its first run only marks where it starts.
SIGINT or SIGTERM end it after the line it is printing, with the status a
shell reports for the signal (130, 143).`,
			Example: `  # A ticker in a tmux split:
  tmux split-window -l 5 'sokbo watch'
  # What came in during the last hour, then follow:
  sokbo watch --since 1h
  # What came in since the last run, for cron:
  sokbo watch --once --alerts-only`,
		}
	}
	return Help{
		Short: "새 기사가 들어오는 대로 출력: tmux 띠, 상태 표시줄, 파이프용",
		Long: `모든 SOURCE(기본: 구독한 피드)의 새 기사를 들어오는 대로, 오래된 것부터
한 줄에 하나씩 출력합니다. tmux 분할 창, 상태 표시줄, 파이프에 알맞습니다:

  HH:MM  언론사  제목  링크

터미널에서는 표시 폭으로 줄을 맞추고(링크는 들어갈 자리가 없으면 뺌),
파이프에서는 탭으로 나누고, --json이면 한 줄에 JSON 객체 하나입니다.
리더와 같은 일정으로 조건부 GET으로 가져오고, 그사이 다른 sokbo가
가져온 기사도 보여 줍니다. 여러 언론사의 같은 기사는 --no-group이 없으면
한 번만 출력합니다. 연결이 바뀌면 표준 오류에 한 줄로 알리고("오프라인",
"다시 온라인"), 피드 하나가 실패하면 한 번, 다시 되면 또 한 번 알립니다.

설정에 [[alert]] 규칙이 있으면, 규칙에 맞는 기사를 알림으로 보냅니다
(터미널에 OSC 9, 777, 99, 아니면 notify-send). --alerts-only면 그런
기사만 출력합니다. 알림은 파이프로 가지 않습니다: 표준 출력이 파이프면
제어 터미널이 있을 때 그리로 보냅니다.

--once는 같은 소스의 지난 --once(또는 지난 watch) 뒤로 새로 들어온 것을
출력하고 끝납니다. 처음 실행하면 시작점만 표시합니다. SIGINT나 SIGTERM을
받으면 출력하던 줄을 마치고, 셸이 그 신호에 알리는 상태(130, 143)로
끝납니다.`,
		Example: `  # tmux 분할 창의 뉴스 띠:
  tmux split-window -l 5 'sokbo watch'
  # 지난 한 시간 동안 들어온 것, 그리고 계속 따라가기:
  sokbo watch --since 1h
  # 상태 표시줄이나 cron용, 지난 실행 뒤의 새 제목:
  sokbo watch --once --alerts-only`,
	}
}

// CompletionHelp is the completion command's, for shell sh ("" for the
// command itself).
func (l Lang) CompletionHelp(sh string) Help {
	if sh == "" {
		return Help{
			Short: l.pick("셸 자동 완성 스크립트를 만듦", "Generate the autocompletion script for the specified shell"),
			Long: l.pick("지정한 셸을 위한 sokbo의 자동 완성 스크립트를 만듭니다.\n셸마다 쓰는 법은 하위 명령의 도움말을 보세요.",
				"Generate the autocompletion script for sokbo for the specified shell.\nSee each sub-command's help for details on how to use the generated script."),
		}
	}
	return Help{Short: l.f("%s용 자동 완성 스크립트를 만듦", "Generate the autocompletion script for %s", sh)}
}

// ManHelp is the man command's.
func (l Lang) ManHelp() Help {
	return Help{Short: l.pick("man 페이지를 만듦", "Generates manpages")}
}

// HelpFor is the usage of a command's --help. (The help shows it with
// its first letter upper-cased, so the Korean starts with no name.)
func (l Lang) HelpFor(name string) string {
	if l == En {
		return "help for " + name
	}
	return "도움말"
}

// HelpCommand is the help command's summary.
func (l Lang) HelpCommand() string { return l.pick("명령의 도움말", "Help about any command") }

// Headings are the help's headings, in place of fang's English ones:
// each Korean one is as wide as the English with one space after it.
func (l Lang) Headings() map[string]string {
	if l == En {
		return nil
	}
	return map[string]string{"USAGE ": "사용법", "EXAMPLES ": "사용 예시", "COMMANDS ": "명령     ", "FLAGS ": "플래그"}
}

// NoDescriptions is the usage of completion's --no-descriptions.
func (l Lang) NoDescriptions() string {
	return l.pick("자동 완성에서 설명을 뺌", "disable completion descriptions")
}

// FlagUsage is the usage of the flag called name.
func (l Lang) FlagUsage(name string) string {
	u, ok := flagUsage[name]
	if !ok {
		return name
	}
	return l.pick(u[0], u[1])
}

// flagUsage holds each flag's usage, Korean then English. A flag a
// command defines with another meaning has its own key, "command:flag".
var flagUsage = map[string][2]string{
	"lang":           {"말할 언어: ko 또는 en (기본: 로캘을 따름)", "the language sokbo speaks: ko or en (default: the locale's)"},
	"offline":        {"캐시만 읽음; 아무것도 가져오지 않음", "read the cache only; fetch nothing"},
	"db":             {"오프라인 캐시 (기본 $XDG_DATA_HOME/sokbo/sokbo.db)", "the offline cache (default $XDG_DATA_HOME/sokbo/sokbo.db)"},
	"config":         {"설정 파일 (기본 $XDG_CONFIG_HOME/sokbo/config.toml)", "the config file (default $XDG_CONFIG_HOME/sokbo/config.toml)"},
	"style":          {"리더와 ansi 출력의 색: auto, dark, light, plain", "colours of the reader and of ansi output: auto, dark, light or plain"},
	"ambiguous":      {"· … ※ ○ 같은 동아시아 모호 폭 문자의 폭: auto, narrow, wide (환경 변수 SOKBO_AMBIGUOUS)", "width of East Asian ambiguous characters such as · … ※ ○: auto, narrow or wide (env SOKBO_AMBIGUOUS)"},
	"version":        {"버전", "version for sokbo"},
	"json":           {"한 줄에 JSON 객체 하나", "one JSON object per line"},
	"no-group":       {"기사마다 한 줄: 여러 언론사의 같은 기사를 한 줄로 접지 않음", "one row per item: fold no story from several outlets into one row"},
	"refresh":        {"먼저 모든 피드를 가져옴, 때가 됐든 안 됐든", "fetch every feed first, due or not"},
	"format":         {"형식: auto, markdown, text, ansi, json", "auto, markdown, text, ansi or json"},
	"width":          {"줄 바꿈 폭, 20칸 이상 (기본: 터미널의 폭, 아니면 80)", "wrap width in cells, at least 20 (default: the terminal's, or 80)"},
	"no-pager":       {"터미널에 바로 출력 (페이저 $PAGER를 거치지 않음)", "print straight to the terminal, never through $PAGER"},
	"full":           {"기사 페이지에서 가져온 전문, 한 번 가져와 보관 (--offline: 보관한 것만)", "the full text from the article's page, fetched once and kept (--offline: only a kept one)"},
	"name":           {"피드에 보일 이름", "the name shown for the feed"},
	"force":          {"지금 가져올 수 없어도 구독", "subscribe even when the feed cannot be fetched now"},
	"limit":          {"최신 것부터 이만큼만 (0: 모두)", "at most this many matches, the newest (0: all)"},
	"since":          {"먼저 이만큼 전부터의 기사를 출력, 예: 1h, 30m", "first print the items of this long ago, such as 1h or 30m"},
	"once":           {"지난 실행 뒤로 새로 들어온 것을 출력하고 끝냄", "print what is new since the last run and exit"},
	"alerts-only":    {"알림 규칙 [[alert]]에 맞는 기사만 출력", "print only the items that match an [[alert]] rule"},
	"bell":           {"알림마다 터미널 벨을 울림", "ring the terminal's bell with each alert"},
	"watch:no-group": {"같은 사건의 보도를 묶지 않음: 이어지는 보도에 + 표시 없음", "group no reports into stories: mark none as joining one (+)"},
}

// The man page's sections after the commands, one paragraph a line.
func (l Lang) ManEnvironmentTitle() string { return l.pick("환경 변수", "Environment") }
func (l Lang) ManEnvironment() string {
	return l.pick(`LC_ALL, LC_MESSAGES, LANG: 로캘이 한국어면 한국어로 말함 (--lang이나 설정의 lang이 우선)
SOKBO_PAGER, PAGER: read가 긴 기사를 보여 줄 페이저; 없으면 less -R (LESS=FRX, LESSCHARSET=utf-8을 비어 있을 때 설정)
BROWSER: o가 링크를 여는 프로그램, 콜론으로 나눈 목록에서 설치된 첫 번째; 없으면 xdg-open (macOS는 open)
NO_COLOR: 모든 색을 끔
SOKBO_AMBIGUOUS: --ambiguous의 기본값 (auto, narrow, wide)
XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME: 설정 파일, 오프라인 캐시, 로그가 있는 곳`,
		`LC_ALL, LC_MESSAGES, LANG: a Korean locale makes sokbo speak Korean (--lang or the config's lang comes first)
SOKBO_PAGER, PAGER: the pager read shows a long article in; else less -R (with LESS=FRX and LESSCHARSET=utf-8 set when unset)
BROWSER: what o opens a link with, the first installed of a colon-separated list; else xdg-open (open on macOS)
NO_COLOR: turns off every colour
SOKBO_AMBIGUOUS: the default of --ambiguous (auto, narrow or wide)
XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME: where the config file, the offline cache and the log are`)
}

func (l Lang) ManFilesTitle() string { return l.pick("파일", "Files") }
func (l Lang) ManFiles() string {
	return l.pick(`$XDG_CONFIG_HOME/sokbo/config.toml (~/.config/sokbo/config.toml): 설정 파일 (구독, 키, 알림 규칙)
$XDG_DATA_HOME/sokbo/sokbo.db (~/.local/share/sokbo/sokbo.db): 오프라인 캐시 (기사, 읽음, 별표)
$XDG_CACHE_HOME/sokbo/sokbo.log (~/.cache/sokbo/sokbo.log): 리더가 화면에 다 보이지 못한 경고와 내부 오류의 자세한 내용`,
		`$XDG_CONFIG_HOME/sokbo/config.toml (~/.config/sokbo/config.toml): the config file (subscriptions, keys, alert rules)
$XDG_DATA_HOME/sokbo/sokbo.db (~/.local/share/sokbo/sokbo.db): the offline cache (items, read and starred marks)
$XDG_CACHE_HOME/sokbo/sokbo.log (~/.cache/sokbo/sokbo.log): the warnings the reader could not show in full, and the details of an internal error`)
}
