package render_test

import (
	"strings"
	"testing"
	"unicode"

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
	if got, want := squeeze(ansi.Strip(strings.Join(lines, ""))), squeeze(plain); got != want {
		t.Fatalf("Wrap(%q, %d) lost text: %q", s, w, lines)
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
	got := render.Truncate(s, w)
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\t", " ") // what Truncate cuts
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
	})
}

// checkTable lays out a table and checks that it fits, that its borders
// line up, and that every cell's text is still there.
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
				got[c] += squeeze(p)
			}
		}
		for c := range ncols {
			want := squeeze(cell(header, c))
			for _, r := range rows {
				want += squeeze(cell(r, c))
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
	got, all := squeeze(strings.Join(text, "")), squeeze(out)
	var column, stacked strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		column.WriteString(squeeze(cell(r, 0)))
	}
	for _, r := range rows {
		for c := range max(len(r), len(header)) {
			label, value := squeeze(cell(header, c)), squeeze(cell(r, c))
			if label != "" {
				stacked.WriteString(label + ":")
			}
			stacked.WriteString(value)
		}
	}
	if len(rows) == 0 {
		for _, h := range header {
			stacked.WriteString(squeeze(h))
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
