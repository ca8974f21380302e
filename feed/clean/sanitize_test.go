package clean

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sokbo/feed/clean/cleantest"
)

func TestSanitize(t *testing.T) {
	tests := map[string]struct {
		in, want string
	}{
		"plain korean":          {"카카오톡 접속 장애", "카카오톡 접속 장애"},
		"emoji kept":            {"속보 🚨👩‍👩‍👧 🇰🇷", "속보 🚨👩‍👩‍👧 🇰🇷"},
		"zero-width space":      {"카카오\u200b톡 \u200b장애\u200b", "카카오톡 장애"},
		"bom":                   {"\ufeff속보 \ufeff", "속보 "},
		"stray joiner":          {"국\u200d회 a\u200db \u200d🚨", "국회 ab 🚨"},
		"joiner at the end":     {"🚨\u200d", "🚨"},
		"joiner in emoji kept":  {"👩\u200d💻 🏳\ufe0f\u200d🌈 👍🏽\u200d", "👩\u200d💻 🏳\ufe0f\u200d🌈 👍🏽"},
		"two joiners, one kept": {"👩\u200d\u200d💻", "👩\u200d💻"},
		"joiner after a virama": {"क्\u200dष", "क्\u200dष"},
		"tab and newline kept":  {"a\tb\nc", "a\tb\nc"},
		"crlf to lf":            {"a\r\nb", "a\nb"},
		"lone cr removed":       {"a\rb", "ab"},
		"csi clear screen":      {"a\x1b[2Jb", "ab"},
		"csi sgr":               {"\x1b[1;31m빨강\x1b[0m", "빨강"},
		"csi private mode":      {"x\x1b[?1049hy", "xy"},
		"osc 52 clipboard bel":  {"a\x1b]52;c;ZXZpbA==\x07b", "ab"},
		"osc 52 clipboard st":   {"a\x1b]52;c;ZXZpbA==\x1b\\b", "ab"},
		"osc 8 hyperlink":       {"\x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\", "click"},
		"osc title":             {"\x1b]0;pwned\x07제목", "제목"},
		"osc unterminated":      {"앞\x1b]0;title\n뒤", "앞\n뒤"},
		"dcs":                   {"a\x1bP1$qm\x1b\\b", "ab"},
		"apc":                   {"a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		"pm":                    {"a\x1b^privacy\x1b\\b", "ab"},
		"sos":                   {"a\x1bXstring\x1b\\b", "ab"},
		"esc c reset":           {"a\x1bcb", "ab"},
		"esc charset":           {"a\x1b(Bb", "ab"},
		"esc 7":                 {"a\x1b7b", "ab"},
		"lone esc at end":       {"a\x1b", "a"},
		"esc before korean":     {"a\x1b한", "a한"},
		"8-bit csi":             {"a\u009b2Jb", "ab"},
		"8-bit osc":             {"a\u009d52;c;AAAA\u009cb", "ab"},
		"8-bit dcs":             {"a\u0090q\u009cb", "ab"},
		"8-bit apc":             {"a\u009fx\u009cb", "ab"},
		"c1 alone":              {"a\u0085b\u0080c", "abc"},
		"raw 0x9b byte":         {"a\x9b2Jb", "a\uFFFD2Jb"},
		"bel":                   {"ding\x07", "ding"},
		"nul and del":           {"a\x00b\x7fc", "abc"},
		"c0 mix":                {"\x01\x02\x08\x0b\x0c\x0e\x1f", ""},
		"bidi override":         {"abc\u202edcba\u202c", "abcdcba"},
		"bidi embeddings":       {"\u202a\u202b\u202d", ""},
		"bidi isolates":         {"\u2066a\u2067b\u2068c\u2069", "abc"},
		"marks kept":            {"a\u200eb", "a\u200eb"},
		"invalid utf-8":         {"a\xffb\xc3", "a\uFFFDb\uFFFD"},
		"nfd hangul":            {norm.NFD.String("한국어"), "한국어"},
		"compatibility jamo":    {"ㄱㅏ ㅎㅏㄴ", "ㄱㅏ ㅎㅏㄴ"},
		"old hangul":            {"ᄀᆞ", "ᄀᆞ"},
		"nfd latin":             {"e\u0301", "é"},
		"esc between combining": {"한\x1b[0m", "한"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := Sanitize(tc.in)
			if got != tc.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if again := Sanitize(got); again != got {
				t.Errorf("not idempotent: %q then %q", got, again)
			}
		})
	}
}

// TestSanitizeEntities checks attacks written as entities: they are only
// characters after decoding, and must go then.
func TestSanitizeEntities(t *testing.T) {
	tests := map[string]string{
		"esc as decimal":    "a&#27;[2Jb",
		"esc as hex":        "a&#x1b;]52;c;ZXZpbA==&#7;b",
		"csi as hex":        "a&#x9b;2Jb",
		"bidi override":     "a&#x202e;b",
		"bidi isolate":      "a&#x2066;b",
		"bel":               "a&#7;b",
		"named entity text": "R&amp;D &lt;b&gt;",
	}
	// Zero-width characters written as entities go too.
	if got := PlainText("카카오&#x200b;톡&#xFEFF; 국&#8205;회"); got != "카카오톡 국회" {
		t.Errorf("PlainText kept zero-width characters: %q", got)
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			for _, got := range []string{PlainText(in), Sanitize(html.UnescapeString(in))} {
				cleantest.AssertClean(t, got)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := map[string]struct {
		in, want string
	}{
		"jekyll-feed title once decoded": {"R&amp;D", "R&D"},
		"plain ampersand":                {"R&D", "R&D"},
		"tags stripped":                  {"<b>속보</b> 카카오톡 <i>장애</i>", "속보 카카오톡 장애"},
		"script dropped":                 {"제목<script>alert(1)</script>", "제목"},
		"style dropped":                  {"<style>b{}</style>제목", "제목"},
		"whitespace collapsed":           {"  카카오톡\n\t 장애  ", "카카오톡 장애"},
		"nbsp kept":                      {"a&nbsp;&nbsp;b", "a\u00a0\u00a0b"},
		"less than is text":              {"3 < 5 and 7 > 2", "3 < 5 and 7 > 2"},
		"block tags separate":            {"<p>one</p><p>two</p>", "one two"},
		"escape removed":                 {"a\x1b[31mb", "ab"},
		"entity escape removed":          {"a&#27;[31mb", "ab"},
		"nfd":                            {norm.NFD.String("속보"), "속보"},
		"quotes":                         {"&quot;인용&quot; &#39;따옴표&#39;", "\"인용\" '따옴표'"},
		// The number a script says stays that number (ScriptText).
		"superscript number":     {"오차 10<sup>-3</sup> 이하", "오차 10⁻³ 이하"},
		"subscript":              {"H<sub>2</sub>O 농도", "H₂O 농도"},
		"note mark":              {"평년 수준<sup>1</sup>", "평년 수준¹"},
		"marked note":            {"평년 수준<sup>주1</sup>", "평년 수준^(주1)"},
		"reference as it is":     {"문서<sup>[1]</sup>", "문서[1]"},
		"footnote mark":          {"가격<sup>*</sup>", "가격*"},
		"link inside":            {"값<sup><a href=\"#fn1\">2</a></sup>", "값²"},
		"entity inside":          {"x<sup>&minus;1</sup>", "x⁻¹"},
		"unclosed at the end":    {"면적 m<sup>2", "면적 m²"},
		"script inside a script": {"e<sup>x<sup>2</sup></sup>", "e^(x²)"},
		"script in a script tag": {"<script>a<sup>1</sup></script>b", "b"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := PlainText(tc.in); got != tc.want {
				t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"카카오톡 접속 장애", "\x1b[2J", "\x1b]52;c;AAAA\x07", "\x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\",
		"\u009b31m", "\u202ebidi", "a\r\nb\rc", norm.NFD.String("한국어"), "ᄀᆞ", "\xff\xfe", "\x1bP\x1b\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		cleantest.AssertClean(t, got)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		if again := Sanitize(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", s, got, again)
		}
		plain := PlainText(s)
		cleantest.AssertClean(t, plain)
		if strings.Contains(plain, "\n") {
			t.Fatalf("PlainText(%q) has a newline", s)
		}
	})
}

// samePlainTextCases are bodies and the texts compared with them: equal,
// differing early or late, shorter and longer, and bodies whose cleaning
// changes them (controls, NFD, a combining mark after a tag).
var samePlainTextCases = [][2]string{
	{"<p>카카오톡 접속 장애</p>", "카카오톡 접속 장애"},
	{"<p>카카오톡 접속 장애</p><p>복구</p>", "카카오톡 접속 장애"},
	{"<p>카카오톡</p><p>복구</p>", "카카오톡 복구"},
	{"<p>카카오톡</p>\n\n<p> 복구 </p>", "카카오톡 복구"},
	{"<p>a</p>", "a b"},
	{"<b>a</b>b", "ab"},
	{"a&nbsp;&nbsp;b<br>", "a b"},
	{"<script>x</script>제목", "제목"},
	{"<p>a\x1b[31mb</p>", "ab"},
	{"<p>a&#27;[31mb</p>", "ab"},
	{"<p>" + norm.NFD.String("속보") + "</p>", "속보"},
	{"<p>" + norm.NFD.String("속보") + "</p>", norm.NFD.String("속보")},
	{"e<b>\u0301</b>", "é"},
	{"<i>가</i>\u11a8", "각"},
	{"<p>x\r\ny</p>", "x y"},
	{"<p></p>", ""},
	{"", ""},
	{"plain text", "plain text"},
	{"<p>a</p>", ""},
}

// TestSamePlainText checks samePlainText against the comparison it
// replaces.
func TestSamePlainText(t *testing.T) {
	for _, tc := range samePlainTextCases {
		body, want := tc[0], tc[1]
		if got, exp := SamePlainText(body, want), PlainText(body) == want; got != exp {
			t.Errorf("samePlainText(%q, %q) = %v; PlainText gives %q", body, want, got, PlainText(body))
		}
	}
}

func FuzzSamePlainText(f *testing.F) {
	for _, tc := range samePlainTextCases {
		f.Add(tc[0], tc[1])
	}
	f.Fuzz(func(t *testing.T, body, want string) {
		plain := PlainText(body)
		if got := SamePlainText(body, want); got != (plain == want) {
			t.Fatalf("samePlainText(%q, %q) = %v; PlainText gives %q", body, want, got, plain)
		}
		// The fuzzer rarely guesses the equal text: check it too, and
		// prefixes of it.
		if !SamePlainText(body, plain) {
			t.Fatalf("samePlainText(%q, PlainText) = false", body)
		}
		for _, i := range []int{0, len(plain) / 2, len(plain) - 1} {
			if i >= 0 && i < len(plain) && SamePlainText(body, plain[:i]) {
				t.Fatalf("samePlainText(%q, %q) = true; PlainText gives %q", body, plain[:i], plain)
			}
		}
	})
}
