package render_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"sokbo/render"
)

const (
	family = "👨‍👩‍👧‍👦"      // a ZWJ sequence of four people
	krFlag = "🇰🇷"           // a regional-indicator pair
	thumb  = "👍🏽"           // a skin-tone modifier
	sun    = "☀️"           // VS16 turns a text symbol into an emoji
	keycap = "1️⃣"          // digit, VS16, combining keycap
	nfdKa  = "\u110f\u1161" // 카, decomposed into two jamo
)

func TestWidth(t *testing.T) {
	tests := map[string]struct {
		in   string
		want int
	}{
		"empty":          {"", 0},
		"ascii":          {"abc", 3},
		"hangul":         {"카카오톡", 8},
		"mixed":          {"PC버전", 6},
		"sgr ignored":    {"\x1b[1;38;5;39m장애\x1b[m", 4},
		"osc 8 ignored":  {"\x1b]8;;https://newsdao.kr\x07속보\x1b]8;;\x07", 4},
		"zwj family":     {family, 2},
		"flag":           {krFlag, 2},
		"skin tone":      {thumb, 2},
		"vs16":           {sun, 2},
		"keycap":         {keycap, 2},
		"nfd syllable":   {nfdKa, 2},
		"combining mark": {"e\u0301", 1},
		"compat jamo":    {"ㄱㄴㄷ", 6},
		// A modifier after anything but an emoji is a swatch of its
		// own, as terminals draw it, though Unicode joins it to a
		// space or a letter; a tab is laid out as one space.
		"stray modifier":        {" 🏽", 3},
		"modifier after letter": {"x🏽", 3},
		"modifier alone":        {"🏽", 2},
		"modifier twice":        {thumb + "🏽", 4},
		"tab":                   {"a\tb", 3},
		"tab, modifier":         {"\t🏽", 3},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := render.Width(tt.in); got != tt.want {
				t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
	narrow := map[string]int{"·": 1, "…": 1, "※": 1, "○": 1, "①": 1, "“”": 2, "│": 1}
	for s, w := range narrow {
		if render.AmbiguousWide() {
			w *= 2
		}
		if got := render.Width(s); got != w {
			t.Errorf("Width(%q) = %d, want %d (wide mode %v)", s, got, w, render.AmbiguousWide())
		}
	}
}

func TestTruncate(t *testing.T) {
	if render.AmbiguousWide() {
		t.Skip("expectations assume a one-cell ellipsis")
	}
	tests := map[string]struct {
		in   string
		w    int
		want string
	}{
		"fits":             {"카카오톡", 8, "카카오톡"},
		"cut syllables":    {"카카오톡", 7, "카카오…"},
		"no half syllable": {"카카오톡", 6, "카카…"},
		"one cell":         {"카카오톡", 1, "…"},
		"zero":             {"카카오톡", 0, ""},
		"negative":         {"abc", -3, ""},
		"ascii":            {"breaking news", 8, "breakin…"},
		"family whole":     {"a" + family + "b", 3, "a…"},
		"family kept":      {"a" + family + "bc", 4, "a" + family + "…"},
		"flag whole":       {krFlag + krFlag, 3, krFlag + "…"},
		"keeps sgr reset":  {"\x1b[1m카카오톡\x1b[m", 5, "\x1b[1m카카…\x1b[m"},
		"newline cuts":     {"첫 줄\n둘째 줄", 20, "첫 줄…"},
		"nfd whole":        {nfdKa + nfdKa + nfdKa, 5, nfdKa + nfdKa + "…"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := render.Truncate(tt.in, tt.w); got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	tests := map[string]struct {
		in   string
		w    int
		want []string
	}{
		"empty":            {"", 10, []string{""}},
		"fits":             {"카카오톡 장애", 20, []string{"카카오톡 장애"}},
		"at eojeol":        {"카카오톡 접속 장애 발생", 10, []string{"카카오톡", "접속 장애", "발생"}},
		"word kept whole":  {"오전 10시54분부터", 12, []string{"오전", "10시54분부터"}},
		"explicit newline": {"가나\n\n다라", 10, []string{"가나", "", "다라"}},
		"zero width":       {"가 나", 0, []string{"가", "나"}},
		"spaces at break":  {"가나   다라", 4, []string{"가나", "다라"}},
		"inner spaces":     {"a  b", 10, []string{"a  b"}},
		"indent kept":      {"  가나 다라", 7, []string{"  가나", "다라"}},
		"long run":         {"가나다라마바사", 6, []string{"가나다", "라마바", "사"}},
		"url":              {"see https://ab.cd/efgh", 8, []string{"see", "https://", "ab.cd/", "efgh"}},
		"kinsoku":          {"가나다라.", 4, []string{"가나", "다", "라."}},
		"family whole":     {family + family + family, 5, []string{family + family, family}},
		"wide at one cell": {"가나", 1, []string{"가", "나"}},
		"sgr carried":      {"\x1b[1m가나 다라\x1b[m", 4, []string{"\x1b[1m가나\x1b[m", "\x1b[1m다라\x1b[m"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := render.Wrap(tt.in, tt.w); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
		})
	}
}

func TestPad(t *testing.T) {
	tests := map[string]struct {
		got, want string
	}{
		"pad":          {render.Pad("속보", 6), "속보  "},
		"pad exact":    {render.Pad("속보", 4), "속보"},
		"pad cuts":     {render.Pad("카카오톡", 6), "카카… "},
		"pad left":     {render.PadLeft("87", 5), "   87"},
		"pad left kr":  {render.PadLeft("속보", 5), " 속보"},
		"center":       {render.Center("속보", 7), " 속보  "},
		"center exact": {render.Center("속보", 4), "속보"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if render.AmbiguousWide() && strings.Contains(tt.want, "…") {
				t.Skip("one-cell ellipsis assumed")
			}
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestParseStyle(t *testing.T) {
	tests := map[string]struct {
		want    render.Style
		wantErr bool
	}{
		"plain": {render.StylePlain, false},
		"notty": {render.StylePlain, false},
		"dark":  {render.StyleDark, false},
		"Light": {render.StyleLight, false},
		"auto":  {render.StylePlain, true},
		"":      {render.StylePlain, true},
	}
	for in, tt := range tests {
		got, err := render.ParseStyle(in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseStyle(%q) = %v, %v; want %v, error %v", in, got, err, tt.want, tt.wantErr)
		}
	}
	for _, s := range []render.Style{render.StylePlain, render.StyleDark, render.StyleLight} {
		if got, err := render.ParseStyle(s.String()); err != nil || got != s {
			t.Errorf("ParseStyle(%v.String()) = %v, %v", s, got, err)
		}
	}
}

func TestTruncateEllipsisEdges(t *testing.T) {
	tests := map[string]struct {
		in   string
		w    int
		want string
	}{
		"no space before the ellipsis": {"남해안 상륙 가능성", 14, "남해안 상륙…"},
		"no second ellipsis":           {"예산 3조 원 증액… 차세대 메모리", 18, "예산 3조 원 증액…"},
		"spaces inside kept":           {"가 나 다 라 마 바", 10, "가 나 다…"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := render.Truncate(tt.in, tt.w)
			if got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
			if render.Width(got) > tt.w {
				t.Errorf("%q is %d cells, over %d", got, render.Width(got), tt.w)
			}
		})
	}
}

func TestTruncateLeft(t *testing.T) {
	for _, tt := range []struct {
		in   string
		w    int
		want string
	}{
		{"/work/main/testdata/atom.xml", 12, "…ta/atom.xml"},
		{"testdata/속보.xml", 10, "…/속보.xml"},
		{"짧음", 10, "짧음"},
		{"가나다라", 4, "…라"},
	} {
		got := render.TruncateLeft(tt.in, tt.w)
		if render.AmbiguousWide() {
			if render.Width(got) > tt.w {
				t.Errorf("TruncateLeft(%q, %d) = %q, %d cells", tt.in, tt.w, got, render.Width(got))
			}
			continue
		}
		if got != tt.want {
			t.Errorf("TruncateLeft(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
}

// TestWrapKorean pins Korean line breaking inside a run with no spaces:
// numbers stay whole, a number keeps its unit where it can, marks keep
// to their word, a soft hyphen breaks with "-" and otherwise shows
// nothing, and a no-break space never breaks.
func TestWrapKorean(t *testing.T) {
	tests := map[string]struct {
		s    string
		w    int
		want []string
	}{
		"decimal":      {"평균182.5㎜", 10, []string{"평균", "182.5㎜"}},
		"thousands":    {"누적1,250㎜", 8, []string{"누적", "1,250㎜"}},
		"phone":        {"신고02-123-4567로", 14, []string{"신고", "02-123-4567로"}},
		"unit":         {"가나다241㎜", 9, []string{"가나다", "241㎜"}},
		"counter":      {"가나다라24시간", 12, []string{"가나다라", "24시간"}},
		"percent":      {"투표율은92%", 9, []string{"투표율은", "92%"}},
		"opening":      {"」며「이번", 7, []string{"」며", "「이번"}},
		"bracket":      {"과「법」", 6, []string{"과", "「법」"}},
		"soft hyphen":  {"재난\u00ad안전 본부", 6, []string{"재난-", "안전", "본부"}},
		"shy unbroken": {"재난\u00ad안전", 10, []string{"재난안전"}},
		"shy at space": {"가 재난\u00ad안전", 8, []string{"가 재난-", "안전"}},
		"nbsp":         {"제\u00a01\u00a0조 다음", 7, []string{"제\u00a01\u00a0조", "다음"}},
		"ideographic":  {"가나\u3000다라 마", 10, []string{"가나\u3000다라", "마"}},
		// A sign keeps its number, a range its two ends, and a
		// percentage point its p (QA: 기온은-⏎3.2℃, 24~⏎31℃, 3.5%⏎p).
		"minus":         {"기온은-3.2℃까지", 10, []string{"기온은", "-3.2℃까지"}},
		"unicode minus": {"기온은\u22123.2℃", 10, []string{"기온은", "\u22123.2℃"}},
		"range":         {"기온은24~31℃", 10, []string{"기온은", "24~31℃"}},
		"range wide":    {"풍속은3〜5m/s", 10, []string{"풍속은", "3〜5m/s"}},
		"unit slash":    {"가나다라마바3〜5m/s도", 16, []string{"가나다라마바", "3〜5m/s도"}},
		"speed":         {"가나다라마바60km/h로", 16, []string{"가나다라마바", "60km/h로"}},
		"range units":   {"강수량10~20mm", 12, []string{"강수량", "10~20mm"}},
		"point":         {"금리는3.5%p올라", 10, []string{"금리는", "3.5%p올라"}},
		"clock":         {"어제오전10시54분에", 14, []string{"어제오전", "10시54분에"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := render.Wrap(tc.s, tc.w); !slices.Equal(got, tc.want) {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tc.s, tc.w, got, tc.want)
			}
		})
	}
}

// TestWrapLongRun: a paragraph with no space, as Korean text or a hostile
// feed can hold, breaks into lines that each fit and together hold all of
// it, however long it is and wherever in it a line starts.
func TestWrapLongRun(t *testing.T) {
	tests := map[string]string{
		"hangul":  strings.Repeat("가", 50_000),
		"letters": strings.Repeat("abcdefghij", 5_000),
		"digits":  strings.Repeat("1234567890", 5_000),
		"mixed":   strings.Repeat("가나다.“라”(마)24~31℃,", 2_500),
		// Word joiners take no room: a line may hold many of them.
		"joiners": strings.Repeat("\u2060", 50_000) + strings.Repeat("가\u2060", 5_000),
	}
	for name, s := range tests {
		for _, w := range []int{40, 41, 80} {
			t.Run(fmt.Sprintf("%s/%d", name, w), func(t *testing.T) {
				lines := render.Wrap(s, w)
				for i, line := range lines {
					if got := render.Width(line); got > w {
						t.Fatalf("line %d is %d cells wide, more than %d: %q", i, got, w, line)
					}
				}
				if got := strings.Join(lines, ""); got != s {
					t.Errorf("the lines hold %d bytes of the run's %d", len(got), len(s))
				}
			})
		}
	}
}

// TestPageTitleSpaces: a title keeps its no-break and ideographic spaces.
func TestPageTitleSpaces(t *testing.T) {
	title := "제\u00a01\u00a0조\u3000집중호우 대비"
	out, err := render.Page(render.Doc{Title: title}, 40, render.StylePlain)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, title) {
		t.Errorf("title lost its spaces: %q", out)
	}
}
