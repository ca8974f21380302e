package render_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"pgregory.net/rapid"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// pieces are the clusters random text is made of: Hangul, ASCII, emoji
// sequences, punctuation and spaces.
var pieces = []string{
	"a", "Z", "7", "-", "/", ".", ",", "(", ")", ":",
	"카", "톡", "장", "애", "복", "구", "시", "간", "분", "ㄱ",
	family, krFlag, thumb, sun, keycap, "🚨",
	" ", " ", " ", "  ",
}

// textGen draws a random mix of up to n pieces, Hangul syllables from the
// whole block among them.
func textGen(n int) *rapid.Generator[string] {
	piece := rapid.OneOf(
		rapid.SampledFrom(pieces),
		rapid.Map(rapid.IntRange(0xAC00, 0xD7A3), func(r int) string { return string(rune(r)) }),
	)
	return rapid.Map(rapid.SliceOfN(piece, 0, n), func(ps []string) string { return strings.Join(ps, "") })
}

// squeeze removes all whitespace.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// clusters counts the grapheme clusters of s that are not spaces, with the
// segmentation Width uses.
func clusters(s string) int {
	n := 0
	for len(s) > 0 {
		c, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		if c == "" {
			break
		}
		if strings.TrimSpace(c) != "" {
			n++
		}
		s = s[len(c):]
	}
	return n
}

// checkWrap holds for any text and any width of at least two cells: lines
// fit, and apart from the breaks (and the styles reopened after them) the
// text is unchanged, with no cluster split. Invalid UTF-8, which feed/
// never lets through, is compared as Wrap lays it out, with U+FFFD.
func checkWrap(t interface {
	Helper()
	Fatalf(string, ...any)
}, s string, w int) {
	t.Helper()
	lines := render.Wrap(s, w)
	plain := ansi.Strip(strings.ToValidUTF8(s, "\uFFFD"))
	total := 0
	for _, l := range lines {
		if lw := render.Width(l); lw > w {
			t.Fatalf("Wrap(%q, %d): line %q is %d cells", s, w, l, lw)
		}
		total += clusters(ansi.Strip(l))
	}
	got, want := squeeze(ansi.Strip(strings.Join(lines, ""))), squeeze(plain)
	if strings.Contains(plain, "\u00ad") {
		// A soft hyphen is drawn as nothing, or as "-" where a line
		// breaks at it.
		got = strings.ReplaceAll(got, "-", "")
		want = strings.NewReplacer("\u00ad", "", "-", "").Replace(want)
		plain = strings.ReplaceAll(plain, "\u00ad", "")
	}
	if got != want {
		t.Fatalf("Wrap(%q, %d) lost text: %q", s, w, lines)
	}
	if strings.Contains(s, "\u00ad") {
		// Each line broken at a soft hyphen ends with a "-" of its own.
		total -= strings.Count(strings.Join(lines, ""), "-") - strings.Count(plain, "-")
	}
	if want := clusters(plain); total != want && !strings.Contains(s, "\x1b") {
		// (An escape sequence between two clusters parts them, so the
		// count only holds without one.)
		t.Fatalf("Wrap(%q, %d) split a cluster: %d clusters, want %d: %q", s, w, total, want, lines)
	}
}

func TestWrapProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := textGen(60).Draw(t, "s")
		w := rapid.IntRange(2, 40).Draw(t, "w")
		checkWrap(t, s, w)
	})
}

// checkTruncate holds for any text and any width.
func checkTruncate(t interface {
	Helper()
	Fatalf(string, ...any)
}, s string, w int) {
	t.Helper()
	checkTruncateWith(t, render.Truncate, s, w)
}

// checkTruncateTitle holds for any text and any width: what holds for
// Truncate, and the title keeps a prefix of what Truncate keeps, half of
// its room at least unless Truncate keeps less.
func checkTruncateTitle(t interface {
	Helper()
	Fatalf(string, ...any)
}, s string, w int) {
	t.Helper()
	checkTruncateWith(t, render.TruncateTitle, s, w)
	got, cut := render.TruncateTitle(s, w), render.Truncate(s, w)
	if got == cut || strings.Contains(s, "\x1b") {
		return
	}
	// Controls after the cut are kept, as Truncate keeps them.
	controls := func(r rune) bool { return r < 0x20 || r == 0x7f }
	kept := strings.TrimSuffix(strings.TrimRightFunc(got, controls), render.Ellipsis)
	was := strings.TrimSuffix(strings.TrimRightFunc(cut, controls), render.Ellipsis)
	if !strings.HasPrefix(was, kept) {
		t.Fatalf("TruncateTitle(%q, %d) = %q: not a prefix of Truncate's %q", s, w, got, cut)
	}
	if room := w - render.Width(render.Ellipsis); 2*render.Width(kept) < room {
		t.Fatalf("TruncateTitle(%q, %d) = %q: backs off past half its room from %q", s, w, got, cut)
	}
}

// checkTruncateWith holds for truncate, Truncate or TruncateTitle, for
// any text and any width.
func checkTruncateWith(t interface {
	Helper()
	Fatalf(string, ...any)
}, truncate func(string, int) string, s string, w int) {
	t.Helper()
	got := truncate(s, w)
	// What Truncate cuts: tabs become spaces, soft hyphens go.
	s = strings.NewReplacer("\t", " ", "\u00ad", "").Replace(strings.ToValidUTF8(s, "\uFFFD"))
	if gw := render.Width(got); gw > max(w, 0) {
		t.Fatalf("Truncate(%q, %d) = %q, %d cells", s, w, got, gw)
	}
	if w < 1 || strings.Contains(s, "\x1b") {
		// Text with escape sequences, which feed/ strips, is only held to
		// the width: a stray ESC may swallow what follows it.
		return
	}
	if render.Width(s) <= w && !strings.Contains(s, "\n") {
		if got != s {
			t.Fatalf("Truncate(%q, %d) = %q, changed text that fits", s, w, got)
		}
		return
	}
	// Escape sequences and controls after the cut are kept on purpose (a
	// style's reset must survive); compare what is visible.
	visible := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return -1
			}
			return r
		}, ansi.Strip(s))
	}
	shown := visible(got)
	kept := strings.TrimSuffix(shown, render.Ellipsis)
	if kept == shown && render.Width(render.Ellipsis) <= w {
		t.Fatalf("Truncate(%q, %d) = %q: cut without an ellipsis", s, w, got)
	}
	orig := s
	kept = strings.TrimSuffix(strings.TrimRightFunc(got, func(r rune) bool { return r < 0x20 || r == 0x7f }), render.Ellipsis)
	if !strings.HasPrefix(orig, kept) {
		t.Fatalf("Truncate(%q, %d) = %q: not a prefix", s, w, got)
	}
	if rest := orig[len(kept):]; rest != "" && clusters(kept)+clusters(rest) != clusters(orig) {
		t.Fatalf("Truncate(%q, %d) = %q: split a cluster", s, w, got)
	}
}

func TestTruncateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := textGen(30).Draw(t, "s")
		w := rapid.IntRange(0, 40).Draw(t, "w")
		checkTruncate(t, s, w)
		checkTruncateTitle(t, s, w)
	})
}

// checkTitleNumbers holds for a headline made of what breakWordGen
// writes, at any width at which half the room holds a piece: a title cut
// to fit never ends, before its ellipsis, inside a number or a range, or
// between a sign and its number.
func checkTitleNumbers(t interface {
	Helper()
	Fatalf(string, ...any)
}, s string, w int) {
	t.Helper()
	got := render.TruncateTitle(s, w)
	kept := strings.TrimSuffix(got, render.Ellipsis)
	if kept == got || !strings.HasPrefix(s, kept) {
		return // whole, or its own ellipsis kept
	}
	before, after := clusterList(kept), clusterList(s[len(kept):])
	if len(before) == 0 || len(after) == 0 {
		return
	}
	at := func(cs []string, i int) string {
		if i < 0 || i >= len(cs) {
			return ""
		}
		return cs[i]
	}
	a, b := before[len(before)-1], after[0]
	beforeA, afterB := at(before, len(before)-2), at(after, 1)
	switch {
	case isDigit(a) && isDigit(b),
		isDigit(a) && strings.Contains(".,-:~〜", b) && isDigit(afterB),
		strings.Contains(".,-:~〜", a) && isDigit(beforeA) && isDigit(b):
		t.Fatalf("TruncateTitle(%q, %d) = %q: ends inside a number or a range", s, w, got)
	case strings.Contains("−±", a) && isDigit(b):
		t.Fatalf("TruncateTitle(%q, %d) = %q: ends between a sign and its number", s, w, got)
	}
}

// titleGen draws a headline of breakWordGen's pieces, some with a space
// between them and some without.
func titleGen() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		var b strings.Builder
		for i := range rapid.IntRange(1, 10).Draw(t, "pieces") {
			if i > 0 && rapid.Bool().Draw(t, "space") {
				b.WriteString(" ")
			}
			b.WriteString(breakWordGen().Draw(t, "piece"))
		}
		return b.String()
	})
}

func TestTruncateTitleProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := titleGen().Draw(t, "s")
		w := rapid.IntRange(40, 80).Draw(t, "w")
		checkTruncateTitle(t, s, w)
		checkTitleNumbers(t, s, w)
	})
}

// checkTable lays out a table and checks that it fits, that its borders
// line up, and that every cell's text is still there.
// tableText is a table's text as checkTable compares it: squeezed, and
// without soft hyphens, which the layout draws as nothing where it does
// not break a line at them (terminals draw U+00AD differently: as a
// hyphen, or not at all).
func tableText(s string) string {
	return strings.ReplaceAll(squeeze(s), "\u00ad", "")
}

func checkTable(t interface {
	Helper()
	Fatalf(string, ...any)
}, header []string, rows [][]string, width int) {
	t.Helper()
	out := render.Table(header, rows, nil, width, render.StylePlain)
	if err := rendertest.Layout(out, width); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	ncols := len(header)
	for _, r := range rows {
		ncols = max(ncols, len(r))
	}
	// A soft hyphen the layout breaks a line at is drawn as "-", as Wrap
	// draws it; where a cell has one, hyphens are left out of the
	// comparison on both sides.
	plain := tableText
	for _, r := range append([][]string{header}, rows...) {
		if strings.Contains(strings.Join(r, ""), "\u00ad") {
			plain = func(s string) string { return tableText(strings.ReplaceAll(s, "-", "")) }
		}
	}
	cell := func(r []string, c int) string {
		if c < len(r) {
			return r[c]
		}
		return ""
	}
	vert, rules := "│", "─┼"
	if render.AmbiguousWide() {
		vert, rules = "|", "-+"
	}
	var text []string // the lines that are not rules
	for _, l := range strings.Split(out, "\n") {
		if l == "" || strings.Trim(l, rules) != "" {
			text = append(text, l)
		}
	}
	if ncols > 1 && len(text) > 0 && strings.Contains(text[0], vert) {
		// A grid: each column, read top to bottom, is its cells in order.
		got := make([]string, ncols)
		for _, l := range text {
			parts := strings.Split(l, vert)
			if len(parts) != ncols {
				t.Fatalf("line %q has %d columns, want %d:\n%s", l, len(parts), ncols, out)
			}
			for c, p := range parts {
				got[c] += plain(p)
			}
		}
		for c := range ncols {
			want := plain(cell(header, c))
			for _, r := range rows {
				want += plain(cell(r, c))
			}
			if got[c] != want {
				t.Fatalf("column %d reads %q, want %q:\n%s", c, got[c], want, out)
			}
		}
		return
	}
	// One column, or stacked: the text in reading order. A stacked table
	// has no rules, and a cell may look like one ("-" in wide mode), so
	// the text with and without rule-like lines both count.
	got, all := plain(strings.Join(text, "")), plain(out)
	var column, stacked strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		column.WriteString(plain(cell(r, 0)))
	}
	records := 0
	for _, r := range rows {
		if plain(strings.Join(r, "")) == "" {
			continue // a row of blank cells is no record
		}
		records++
		for c := range max(len(r), len(header)) {
			label, value := plain(cell(header, c)), plain(cell(r, c))
			if label != "" {
				stacked.WriteString(label + ":")
			}
			stacked.WriteString(value)
		}
	}
	if records == 0 {
		for _, h := range header {
			stacked.WriteString(plain(h))
		}
	}
	if (ncols > 1 || got != column.String()) && got != stacked.String() && all != stacked.String() {
		t.Fatalf("table text is %q, want %q (stacked) or %q (one column):\n%s", got, stacked.String(), column.String(), out)
	}
}

func TestTableProperties(t *testing.T) {
	cellGen := rapid.Map(textGen(12), func(s string) string { return strings.TrimSpace(s) })
	rapid.Check(t, func(t *rapid.T) {
		ncols := rapid.IntRange(1, 6).Draw(t, "ncols")
		header := rapid.SliceOfN(cellGen, ncols, ncols).Draw(t, "header")
		rows := rapid.SliceOfN(rapid.SliceOfN(cellGen, 0, ncols), 0, 5).Draw(t, "rows")
		width := rapid.IntRange(8, 120).Draw(t, "width")
		checkTable(t, header, rows, width)
	})
}

// breakWordGen draws one piece of Korean news text as it is written
// without spaces: an optional opening mark, a few syllables, an optional
// number with its unit, an optional closing mark.
func breakWordGen() *rapid.Generator[string] {
	syllable := rapid.Map(rapid.IntRange(0xAC00, 0xD7A3), func(r int) string { return string(rune(r)) })
	return rapid.Custom(func(t *rapid.T) string {
		var b strings.Builder
		if rapid.Bool().Draw(t, "open") {
			b.WriteString(rapid.SampledFrom([]string{"“", "‘", "「", "『", "(", "[", "〈", "《"}).Draw(t, "opening"))
		}
		for range rapid.IntRange(1, 3).Draw(t, "syllables") {
			b.WriteString(syllable.Draw(t, "syllable"))
		}
		if rapid.Bool().Draw(t, "number") {
			b.WriteString(rapid.SampledFrom([]string{"182.5", "1,250", "02-123-4567", "92", "10:54", "3.14", "2024.7.18", "24~31", "3〜5", "−3.2", "±0.5"}).Draw(t, "digits"))
			b.WriteString(rapid.SampledFrom([]string{"㎜", "℃", "%", "명", "시간", "원", ""}).Draw(t, "unit"))
			b.WriteString(syllable.Draw(t, "particle"))
		}
		if rapid.Bool().Draw(t, "close") {
			b.WriteString(rapid.SampledFrom([]string{"”", "’", "」", "』", ")", "]", ".", ",", "%", "。", "、", "〉"}).Draw(t, "closing"))
		}
		return b.String()
	})
}

// checkLineBreaks holds for text written without spaces, at any width at
// which every piece of it fits: no line starts with a closing mark or ends
// with an opening one unless it holds nothing else, and no number is
// split.
func checkLineBreaks(t interface {
	Helper()
	Fatalf(string, ...any)
}, s string, w int) {
	t.Helper()
	lines := render.Wrap(s, w)
	for i, l := range lines {
		cs := clusterList(l)
		// The text's own first and last marks are where they are.
		if i > 0 && len(cs) > 1 && strings.Contains(noLineStart, cs[0]) {
			t.Fatalf("Wrap(%q, %d): line %d starts with %q: %q", s, w, i, cs[0], lines)
		}
		if i < len(lines)-1 && len(cs) > 1 && strings.Contains(noLineEnd, cs[len(cs)-1]) {
			t.Fatalf("Wrap(%q, %d): line %d ends with %q: %q", s, w, i, cs[len(cs)-1], lines)
		}
		if i == 0 || len(cs) == 0 {
			continue
		}
		prev := clusterList(lines[i-1])
		if len(prev) == 0 {
			continue
		}
		a, b := prev[len(prev)-1], cs[0]
		var beforeA, afterB string
		if len(prev) > 1 {
			beforeA = prev[len(prev)-2]
		}
		if len(cs) > 1 {
			afterB = cs[1]
		}
		if isDigit(a) && isDigit(b) ||
			isDigit(a) && strings.Contains(".,-:", b) && isDigit(afterB) ||
			strings.Contains(".,-:", a) && a != "" && isDigit(beforeA) && isDigit(b) {
			t.Fatalf("Wrap(%q, %d) splits a number between lines %d and %d: %q", s, w, i-1, i, lines)
		}
		// A range keeps its ends, and a sign its number.
		if isDigit(b) && strings.Contains("~〜−±", a) ||
			isDigit(a) && strings.Contains("~〜", b) && isDigit(afterB) {
			t.Fatalf("Wrap(%q, %d) splits a range or a sign from its number between lines %d and %d: %q", s, w, i-1, i, lines)
		}
	}
}

// noLineStart and noLineEnd are the marks of Korean and Chinese line
// breaking that the layout keeps from the start and end of a line.
const (
	noLineStart = ".,!?:;)]}>%…·、。，．！？：；」』”’〉》】"
	noLineEnd   = "([{<“‘「『〈《【"
)

func isDigit(s string) bool { return len(s) == 1 && s[0] >= '0' && s[0] <= '9' }

// clusterList splits s into grapheme clusters.
func clusterList(s string) []string {
	var cs []string
	for len(s) > 0 {
		c, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		if c == "" {
			break
		}
		cs = append(cs, c)
		s = s[len(c):]
	}
	return cs
}

func TestLineBreakProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pieces := rapid.SliceOfN(breakWordGen(), 1, 12).Draw(t, "pieces")
		w := rapid.IntRange(26, 60).Draw(t, "w")
		checkLineBreaks(t, strings.Join(pieces, ""), w)
	})
}

func FuzzLineBreaks(f *testing.F) {
	f.Add("집중호우로평균182.5㎜의비가내렸고누적강수량은1,250㎜를넘어섰다", 30)
	f.Add("그는“이번호우는이례적”이며“대비가필요하다”고말했고「재난안전법」과", 26)
	f.Fuzz(func(t *testing.T, s string, w int) {
		// Only text a piece at a time fits: each break has somewhere to go.
		w = 26 + abs(w)%40
		if strings.ContainsAny(s, " \t\n\x1b") || !utf8.ValidString(s) || len(s) > 400 {
			return
		}
		for _, p := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.Is(unicode.Hangul, r) && !unicode.IsDigit(r) }) {
			if render.Width(p) > 20 {
				return
			}
		}
		if !isBreakText(s) {
			return
		}
		checkLineBreaks(t, s, w)
	})
}

// isBreakText reports whether s is made of what breakWordGen writes: a
// Hangul syllable at least every few clusters, so that a break is always
// allowed somewhere in a line.
func isBreakText(s string) bool {
	run := 0
	for _, c := range clusterList(s) {
		r, _ := utf8.DecodeRuneInString(c)
		if r >= 0xAC00 && r <= 0xD7A3 {
			run = 0
			continue
		}
		if run++; run > 14 || !strings.ContainsRune("0123456789.,-:%℃㎜“”‘’「」『』()[]〈〉《》。、~〜−±", r) {
			return false
		}
	}
	return true
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1)
	}
	return n
}
