package search

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

var (
	seoul = time.FixedZone("KST", 9*3600)
	now   = time.Date(2024, 7, 15, 12, 0, 0, 0, seoul)
)

func parse(t *testing.T, q string, incremental bool) *Query {
	t.Helper()
	pq, err := Parse(q, Options{Now: now, Location: seoul, Incremental: incremental})
	if err != nil {
		t.Fatalf("Parse(%q): %v", q, err)
	}
	return pq
}

// TestMatchTitle covers the matching a Korean reader expects, word by word,
// against titles; each case names the rule it checks.
func TestMatchTitle(t *testing.T) {
	tests := map[string]struct {
		query       string
		incremental bool
		title       string
		want        bool
	}{
		// Substrings: particles do not matter.
		"particle 은":          {"대통령", false, "대통령은 오늘 국무회의를 열었다", true},
		"particle 이":          {"대통령", false, "윤 대통령이 말했다", true},
		"inside a word":       {"회의", false, "국무회의 개최", true},
		"absent":              {"국회", false, "대통령은 오늘", false},
		"two-syllable 북한":     {"북한", false, "[속보] 북한, 동해상으로 탄도미사일 발사", true},
		"one syllable":        {"북", false, "북한 도발", true},
		"one syllable absent": {"남", false, "북한 도발", false},

		// Numbers grouped or not, and the middle dot spaced or not, as
		// a reader types them (QA).
		"1300원 finds 1,300원":   {"1300원", false, "라면 1,300원으로 인상", true},
		"1,300원 finds 1300원":   {"1,300원", false, "라면 1300원으로 인상", true},
		"１，３００ finds 1,300":    {"１，３００", false, "1,300명 대피", true},
		"a list of numbers":    {"123", false, "1,2,3위 발표", true},
		"a comma after a word": {"서울부산", false, "서울, 부산 폭우", false},
		"13 not in 1, 3":       {"13", false, "1, 3호선 운행", false},
		"서울·지하철 finds spaced":  {"서울·지하철", false, "서울 · 지하철 운행 재개", true},
		"spaced finds 서울·지하철":  {"서울 · 지하철", false, "서울·지하철 운행 재개", true},
		"ㆍ finds ·":            {"여야ㆍ정부", false, "여야 · 정부 협의체", true},
		"서울지하철 not 서울·지하철":     {"서울지하철", false, "서울·지하철 운행", false},

		// 초성 (initial consonants).
		"초성 ㅂㅎ":                       {"ㅂㅎ", false, "[속보] 북한, 동해상으로 탄도미사일 발사", true},
		"초성 ㄱㅎㅇㅈ":                     {"ㄱㅎㅇㅈ", false, "국회의장 선출 임박", true},
		"초성 ㅂㅎ in 부하직원":               {"ㅂㅎ", false, "부하직원 폭행 논란", true},
		"초성 ㅂㅎㅈㅇ is 부하직원":             {"ㅂㅎㅈㅇ", false, "부하직원 폭행 논란", true},
		"초성 ㅂㅎㅈ across a space":       {"ㅂㅎㅈ", false, "부하 직원", true},
		"초성 ㅂㅎ not across a space":    {"ㅂㅎ", false, "부 하", false},
		"초성 must not reverse":         {"ㅂㅎ", false, "한복 입고 출근", false},
		"초성 ㅂㅎ vs ㅂㄱ":                 {"ㅂㅎ", false, "보건복지부 발표", false},
		"초성 across a space":           {"ㅂㅎ", false, "국립 부 한강", false},
		"초성 ㅂ is not ㅃ":               {"ㅂㅎ", false, "빨간 하늘", false},
		"초성 ㄱㅎㅇㅈ vs 국회 의장":            {"ㄱㅎㅇㅈ", false, "국회 의장단", true},
		"초성 one":                      {"ㅂ", false, "북한", true},
		"초성 literal jamo":             {"ㅋㅋ", false, "ㅋㅋ 웃긴 영상", true},
		"초성 ㅋㅋ as 키코":                 {"ㅋㅋ", false, "키코 사태", true},
		"compound final jamo literal": {"ㄳ", false, "닭", false},

		// Mixed syllables and initials.
		"mixed 국ㅎ의장":            {"국ㅎ의장", false, "국회의장 선출", true},
		"mixed 국ㅎ의장 with space": {"국ㅎ의장", false, "국회 의장", true},
		"mixed 국ㅎ의장 wrong":      {"국ㅎ의장", false, "국가의장", false},
		"mixed ㄱ회":              {"ㄱ회", false, "국회 본회의", true},

		// A trailing jamo is the next syllable's initial, in any query.
		"북ㅎ finds 북한":       {"북ㅎ", false, "북한 미사일", true},
		"북ㅎ not 북부":         {"북ㅎ", false, "북부 지방", false},
		"라ㅁ finds 라면":       {"라ㅁ", false, "라면 값 인상", true},
		"라ㅁ not 라디오":        {"라ㅁ", false, "라디오 방송", false},
		"라ㅁ finished not 람": {"라ㅁ", false, "람보르기니", false},
		"부 finished not 북한": {"부", false, "북한", false},

		// While typing (Incremental) the last syllable may grow.
		"typing ㅂ":               {"ㅂ", true, "북한 미사일", true},
		"typing 부 → 북한":          {"부", true, "북한 미사일", true},
		"typing 부 → 붜 (ㅝ)":       {"부", true, "붜", true},
		"typing 부 not 보":         {"부", true, "보도", false},
		"typing 북":               {"북", true, "북한 미사일", true},
		"typing 북 → 부기":          {"북", true, "부기 회계", true},
		"typing 북 → 붃":           {"북", true, "붃", true},
		"typing 북 not 부사":        {"북", true, "부사관", false},
		"typing 북ㅎ":              {"북ㅎ", true, "북한 미사일", true},
		"typing 북하":              {"북하", true, "북한 미사일", true},
		"typing 북한":              {"북한", true, "북한 미사일", true},
		"typing 북한 → 북하나":        {"북한", true, "북하나", true},
		"typing 라ㅁ → 라면":         {"라ㅁ", true, "라면 값 인상", true},
		"typing 라ㅁ → 람":          {"라ㅁ", true, "람보르기니", true},
		"typing 라ㄹ → 랆":          {"라ㄹ", true, "랆", true},
		"typing 라ㅁ not 랆":        {"라ㅁ", true, "랆", false},
		"typing 라ㅁ not 라디오":      {"라ㅁ", true, "라디오 방송", false},
		"typing 라ㅁ not 랄":        {"라ㅁ", true, "랄라", false},
		"typing 달ㄱ → 닭":          {"달ㄱ", true, "닭갈비", true},
		"typing 닭 → 달걀":          {"닭", true, "달걀 값", true},
		"typing 닭 → 닭":           {"닭", true, "닭갈비", true},
		"typing 닭 not 달라":        {"닭", true, "달라진", false},
		"typing 국회의 → 국회의장":      {"국회의", true, "국회의장", true},
		"typing mixed 국ㅎ의":       {"국ㅎ의", true, "국회의장", true},
		"typing 초성 ㄱㅎㅇ":          {"ㄱㅎㅇ", true, "국회의장", true},
		"typing ends with space": {"부 ", true, "북한", false},
		"typing only last word":  {"부 미사일", true, "북한 미사일", false},

		// NFC and NFD alike.
		"NFD title":             {"북한", false, norm.NFD.String("북한 미사일"), true},
		"NFD query":             {norm.NFD.String("북한"), false, "북한 미사일", true},
		"NFD 초성 on NFD title":   {"ㅂㅎ", false, norm.NFD.String("북한"), true},
		"conjoining jamo query": {"\u1107\u1112", false, "북한", true},

		// Latin and other folding.
		"Latin case":       {"SEOUL", false, "Seoul 시장", true},
		"Latin case lower": {"kbs", false, "KBS 뉴스", true},
		"full-width":       {"ＫＢＳ", false, "kbs 뉴스", true},
		"middle dot":       {"it·과학", false, "IT\u318D과학 소식", true},
		"tilde":            {"24~31℃", false, "기온 24∼31℃", true},
		"zero width":       {"북한", false, "북\u200b한", true},
		"spaces collapse":  {`"국회 의장"`, false, "국회\u00a0\u00a0의장", true},
		"curly quotes":     {"'다음'", false, "‘다음’ 접속 장애", true},
		"digits":           {"2024", false, "2024년 7월", true},
		"superscript":      {"10-3", false, "오차 10⁻³ 이하", true},
		"subscript":        {"h2o", false, "H₂O 농도", true},
		"raised query":     {"m²", false, "면적 100m2", true},
		"note number":      {"수준1", false, "평년 수준¹", true},

		// Spacing (띄어쓰기): a term of three or more characters matches
		// with one space or none between its syllables and digits.
		"spacing 서울지하철":          {"서울지하철", false, "[속보] 서울 지하철 운행 중단", true},
		"spacing 정전지하철":          {"정전지하철", false, "정전 지하철 멈춰", true},
		"spacing 급락마감":           {"급락마감", false, "코스피 급락 마감", true},
		"spacing 지하철2호선":         {"지하철2호선", false, "지하철 2호선 지연", true},
		"spacing phrase joined":  {`"서울 지하철"`, false, "서울지하철 파업", true},
		"spacing words joined":   {"서울 지하철", false, "서울지하철 파업", true},
		"spacing one space only": {"서울지하철", false, "서울 · 지하철", false},
		"spacing not Latin":      {"kbs뉴스", false, "kb s뉴스", false},
		"spacing Latin kept":     {"kbs 뉴스", false, "kbs뉴스", true},
		"spacing other letters":  {"서울지하철", false, "서울 지하 1호선", false},
		"spacing short term":     {"한국", false, "대한 국민", false},
		"spacing incremental":    {"서울지하", true, "서울 지하철", true},
		"spacing incremental 초성": {"서울지ㅎ", true, "서울 지하철", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			q := parse(t, tc.query, tc.incremental)
			if got := q.Match(&Doc{Title: tc.title}); got != tc.want {
				t.Errorf("%q (incremental %v) against %q = %v, want %v", tc.query, tc.incremental, tc.title, got, tc.want)
			}
		})
	}
}

// TestMatchFields covers AND, phrases, NOT and which fields a word looks
// at.
func TestMatchFields(t *testing.T) {
	doc := Doc{
		Title:   "[속보] 북한, 동해상으로 탄도미사일 발사",
		Summary: "합동참모본부는 북한이 오전 7시께 미사일을 쐈다고 밝혔다.",
		Body:    "국회 의장은 긴급 회의를 소집했다. 정부는 대응 방안을 논의했다.",
	}
	tests := map[string]struct {
		query string
		want  bool
	}{
		"AND both in title":       {"북한 발사", true},
		"AND title and summary":   {"북한 합동참모본부", true},
		"AND title and body":      {"북한 소집", true},
		"AND one missing":         {"북한 남한", false},
		"phrase in body":          {`"국회 의장"`, true},
		"phrase order":            {`"의장 국회"`, false},
		"phrase joined":           {`"국회의장"`, true},
		"phrase not two spaces":   {`"국회긴급"`, false},
		"phrase across fields":    {`"발사 합동참모본부는"`, false},
		"NOT absent":              {"북한 -남한", true},
		"NOT in title":            {"-북한", false},
		"NOT in body":             {"북한 -소집", false},
		"NOT phrase":              {`-"긴급 회의"`, false},
		"NOT phrase absent":       {`-"회의 긴급"`, true},
		"초성 title only":           {"ㅂㅎ", true},
		"초성 not in body":          {"ㄱㄱㅎㅇ", false}, // 긴급 회의, in the body only
		"NOT 초성":                  {"-ㅂㅎ", false},
		"NOT 초성 of body":          {"-ㄱㄱㅎㅇ", true},
		"mixed searches the body": {"긴ㄱ", true},
		"empty query":             {"", true},
		"only spaces":             {"   ", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			q := parse(t, tc.query, false)
			d := doc
			if got := q.Match(&d); got != tc.want {
				t.Errorf("%q = %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

// TestMatchLoadsBodyLast checks that the body is loaded only when the title
// and summary cannot decide, and at most once.
func TestMatchLoadsBodyLast(t *testing.T) {
	tests := map[string]struct {
		query string
		loads int
		want  bool
	}{
		"title decides":        {"북한", 0, true},
		"filter decides":       {"몰라 is:starred", 0, false},
		"초성 needs no body":     {"ㅈㅂ", 0, false},
		"body decides":         {"정부", 1, true},
		"body read once":       {"정부 대응 -없는말", 1, true},
		"positive fails first": {"없는말 -정부", 1, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			loads := 0
			d := Doc{Title: "북한 미사일", LoadBody: func() string { loads++; return "정부 대응" }}
			if got := parse(t, tc.query, false).Match(&d); got != tc.want || loads != tc.loads {
				t.Errorf("%q = %v with %d loads, want %v with %d", tc.query, got, loads, tc.want, tc.loads)
			}
		})
	}
}

func TestMatchFilters(t *testing.T) {
	doc := Doc{
		Title:     "코스피 급등",
		FeedURL:   "https://www.yna.co.kr/rss/economy.xml",
		FeedName:  "연합뉴스 경제",
		Tags:      []string{"경제", "IT·과학"},
		Starred:   true,
		Published: time.Date(2024, 7, 15, 9, 0, 0, 0, seoul),
	}
	undated := Doc{Title: "날짜 없는 글", FirstSeen: time.Date(2024, 7, 15, 11, 0, 0, 0, seoul)}
	never := Doc{Title: "시각 없음"}
	future := Doc{Title: "미래의 글", Published: time.Date(2024, 7, 17, 12, 0, 0, 0, seoul)}
	fast := Doc{Title: "시계가 빠른 서버의 글", Published: now.Add(7 * time.Minute)}
	later := Doc{Title: "한 시간 뒤의 글", Published: now.Add(time.Hour)}
	tests := map[string]struct {
		query string
		doc   *Doc
		want  bool
	}{
		"feed name":               {"feed:연합", &doc, true},
		"feed name case":          {"FEED:연합뉴스", &doc, true},
		"feed quoted":             {`feed:"연합뉴스 경제"`, &doc, true},
		"feed URL":                {"feed:yna.co.kr", &doc, true},
		"feed other":              {"feed:조선", &doc, false},
		"NOT feed":                {"-feed:연합", &doc, false},
		"tag":                     {"tag:경제", &doc, true},
		"tag is whole":            {"tag:경", &doc, false},
		"tag folded":              {"tag:it·과학", &doc, true},
		"tag other":               {"tag:정치", &doc, false},
		"is:unread":               {"is:unread", &doc, true},
		"is:read":                 {"is:read", &doc, false},
		"is:starred":              {"is:starred", &doc, true},
		"NOT is:starred":          {"-is:starred", &doc, false},
		"after the day":           {"after:2024-07-15", &doc, true},
		"after dots":              {"after:2024.07.14", &doc, true},
		"after next day":          {"after:2024-07-16", &doc, false},
		"after time":              {"after:2024-07-15T09:30", &doc, false},
		"before the day":          {"before:2024-07-15", &doc, false},
		"before next day":         {"before:2024/07/16", &doc, true},
		"within 6h":               {"within:6h", &doc, true},
		"within 2h":               {"within:2h", &doc, false},
		"within 180m":             {"within:180m", &doc, true},
		"within 1d12h":            {"within:1d12h", &doc, true},
		"within Korean units":     {"within:3시간", &doc, true},
		"within 2시간":              {"within:2시간", &doc, false},
		"undated uses first seen": {"within:2h", &undated, true},
		"no time at all":          {"within:2h", &never, false},
		"no time NOT":             {"-within:2h", &never, true},
		"future not within":       {"within:1h", &future, false},
		"future NOT within":       {"-within:1h", &future, true},
		"a fast clock is within":  {"within:10m", &fast, true},
		"an hour ahead is not":    {"within:1h", &later, false},
		"all together":            {"코스피 feed:연합 tag:경제 is:starred within:1d", &doc, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := parse(t, tc.query, false).Match(tc.doc); got != tc.want {
				t.Errorf("%q = %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

func TestHighlights(t *testing.T) {
	nfd := norm.NFD.String("북한 미사일")
	tests := map[string]struct {
		query       string
		incremental bool
		title       string
		want        []string // the highlighted text, in order
	}{
		"word":              {"미사일", false, "북한 미사일 발사", []string{"미사일"}},
		"every occurrence":  {"북", false, "북한 북부", []string{"북", "북"}},
		"초성":                {"ㅂㅎ", false, "[속보] 북한, 발사", []string{"북한"}},
		"mixed":             {"국ㅎ의장", false, "새 국회의장 선출", []string{"국회의장"}},
		"typing 부":          {"부", true, "북한 정부", []string{"북", "부"}},
		"typing 북":          {"북", true, "부기 북한", []string{"부기", "북"}},
		"typing 라ㅁ":         {"라ㅁ", true, "라면과 람", []string{"라면", "람"}},
		"two words merged":  {"북한 한 미사일", false, "북한 미사일", []string{"북한", "미사일"}},
		"overlap merged":    {"북한 한미", false, "북한미사일", []string{"북한미"}},
		"Latin case":        {"seoul", false, "SEOUL 시장", []string{"SEOUL"}},
		"NOT not shown":     {"북한 -미사일", false, "북한 미사일", []string{"북한"}},
		"NFD title":         {"미사일", false, nfd, []string{norm.NFD.String("미사일")}},
		"NFD title 초성":      {"ㅂㅎ", false, nfd, []string{norm.NFD.String("북한")}},
		"zero width inside": {"북한", false, "북\u200b한 발사", []string{"북\u200b한"}},
		"filters only":      {"is:unread", false, "북한", nil},
		"none":              {"남한", false, "북한", nil},
		"spacing":           {"서울지하철", false, "서울 지하철과 서울지하철", []string{"서울 지하철", "서울지하철"}},
		"spacing phrase":    {`"급락 마감"`, false, "코스피 급락마감", []string{"급락마감"}},
		"grouped number":    {"1300원", false, "라면 1,300원 인상", []string{"1,300원"}},
		"spaced dot":        {"서울·부산", false, "서울 · 부산 폭우", []string{"서울 · 부산"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			spans := parse(t, tc.query, tc.incremental).Highlights(tc.title)
			var got []string
			for _, sp := range spans {
				got = append(got, tc.title[sp.Start:sp.End])
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%q in %q: %q (%v), want %q", tc.query, tc.title, got, spans, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]struct {
		query  string
		reason string // part of the message
	}{
		"unterminated phrase": {`북한 "국회 의장`, "unterminated phrase"},
		"empty phrase":        {`""`, "empty phrase"},
		"lone dash":           {"북한 -", "'-' must be followed"},
		"dash then space":     {"- 북한", "'-' must be followed"},
		"is: unknown":         {"is:new", "is: takes unread, read or starred"},
		"is: empty":           {"is:", "is: needs a value"},
		"feed: empty":         {"feed: 북한", "feed: needs a value"},
		"tag: quoted empty":   {`tag:""`, "tag: needs a value"},
		"bad date":            {"after:2024-13-01", "not a date"},
		"bad date words":      {"before:yesterday", "not a date"},
		"within no unit":      {"within:6", "not a time span"},
		"within bad unit":     {"within:6y", "not a time span"},
		"within zero":         {"within:0h", "more than zero"},
		"within huge":         {"within:999999w999999w", "longer than 100 years"},
		"too long":            {strings.Repeat("가", MaxQueryBytes), "longer than"},
		"too many words":      {strings.Repeat("가 ", maxClauses+1), "more than 64"},
		"invalid UTF-8":       {"북\xff한", "not valid UTF-8"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(tc.query, Options{Now: now})
			var se *SyntaxError
			if !errors.Is(err, ErrSyntax) || !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error = %v, want a SyntaxError", tc.query, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.reason) || strings.Contains(msg, "\n") {
				t.Errorf("Parse(%q) error = %q, want one line with %q", tc.query, msg, tc.reason)
			}
		})
	}
}

// TestParseIncremental checks that what is still being typed is not an
// error, and what is complete still is.
func TestParseIncremental(t *testing.T) {
	tests := map[string]struct {
		query string
		ok    bool
		title string // matched when ok
		want  bool
	}{
		"open phrase":          {`"국회 의`, true, "국회 의장", true},
		"open phrase 초성 end":   {`"국회 ㅇ`, true, "국회 의장", true},
		"just a quote":         {`북한 "`, true, "북한", true},
		"trailing dash":        {"북한 -", true, "북한", true},
		"half a filter":        {"북한 is:unr", true, "북한", true},
		"filter without value": {"북한 feed:", true, "북한", true},
		"half a date":          {"북한 after:2024-0", true, "북한", true},
		"tag prefix":           {"tag:경", true, "북한", true},
		"bad filter not last":  {"is:unr 북한", false, "", false},
		"is: no word begins":   {"is:later", false, "", false},
		"is: prefix of read":   {"is:rea", true, "북한", true},
		"date with letters":    {"after:yesterday", false, "", false},
		"half a span unit":     {"북한 within:6시", true, "북한", true},
		"span number":          {"북한 within:12", true, "북한", true},
		"span bad unit":        {"within:6x", false, "", false},
		"unterminated inside":  {`"국회 의장 북한`, true, "국회 의장 북한", true},
		"NOT last not prefix":  {"북한 -부", true, "북한 정부", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			q, err := Parse(tc.query, Options{Now: now, Incremental: true})
			if (err == nil) != tc.ok {
				t.Fatalf("Parse(%q) error = %v, want ok %v", tc.query, err, tc.ok)
			}
			if err != nil {
				return
			}
			d := Doc{Title: tc.title, Tags: []string{"경제"}}
			if got := q.Match(&d); got != tc.want {
				t.Errorf("%q against %q = %v, want %v", tc.query, tc.title, got, tc.want)
			}
		})
	}
}

func TestWordsWithColons(t *testing.T) {
	q := parse(t, "12:30 http://x.kr 속보:", false)
	if terms := q.Terms(); len(terms) != 3 {
		t.Fatalf("Terms = %+v, want three words", terms)
	}
	if !q.Match(&Doc{Title: "12:30 속보: http://x.kr 장애"}) {
		t.Error("words with colons did not match as words")
	}
}

func TestTerms(t *testing.T) {
	q := parse(t, `북한 -미사일 "국회 의장" ㅂㅎ is:unread`, false)
	terms := q.Terms()
	if len(terms) != 3 {
		t.Fatalf("Terms = %d, want 3 (negated and filters left out)", len(terms))
	}
	if terms[0].TitleOnly || terms[1].TitleOnly || !terms[2].TitleOnly || terms[2].Initials != "ㅂㅎ" {
		t.Errorf("TitleOnly/Initials wrong: %+v", terms)
	}
	typing := parse(t, "북한", true).Terms()
	if len(typing) != 1 || len(typing[0].Seqs) != 2 {
		t.Errorf("incremental 북한: %d sequences, want 2 (한… and 하 ㄴ…)", len(typing[0].Seqs))
	}
}
