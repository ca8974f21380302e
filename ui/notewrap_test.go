package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/fulltext/fulltexttest"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
)

// postsFolder is a folder of n posts and one file that is not a post,
// testdata/posts under a fresh working directory, as the QA repro named
// it.
func postsFolder(t *testing.T, n int) string {
	t.Helper()
	t.Chdir(t.TempDir())
	posts := filepath.Join("testdata", "posts")
	if err := os.MkdirAll(posts, 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(posts, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		write(fmt.Sprintf("2024-07-%02d-a.md", i+1), fmt.Sprintf("---\ntitle: 가람시 속보 %d호\ndate: 2024-07-%02d\n---\n\n본문.\n", i+1, i+1))
	}
	write("notes.txt", "편집 메모: 후속 기사 3건 준비 중.\n")
	return posts
}

// cursorShown says whether the cursor's row is on the screen.
func cursorShown(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, ">") {
			return true
		}
	}
	return false
}

// TestWarningWraps: a warning above the rows wraps, as it does over an
// empty list, so that its file and its cause can both be read at 40 and
// 60 columns, in both languages; every line within the width, Hangul two
// cells. The rows below give way by as many lines, the screen stays its
// height, and the cursor's row stays on it, at the bottom of the window
// too and through a resize. At 40 columns it was one line,
// "경고: test…s.txt: 글이 아닙니다 (머리말…" (QA).
func TestWarningWraps(t *testing.T) {
	const h = 12
	tests := map[string]struct {
		lang  lang.Lang
		cause string
		lines map[int]int // width → lines the warning takes
	}{
		"ko": {lang.Ko, "글이 아닙니다 (머리말 없는 텍스트); 건너뜀", map[int]int{40: 2, 60: 2, 120: 1}},
		"en": {lang.En, "not a post (plain text with no front matter); skipped", map[int]int{40: 3, 60: 2, 120: 1}},
	}
	for name, tc := range tests {
		for _, w := range []int{40, 60, 120} {
			t.Run(fmt.Sprintf("%s %d", name, w), func(t *testing.T) {
				posts := postsFolder(t, 30)
				lib := library.New(library.Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Now: func() time.Time { return testNow }})
				t.Cleanup(func() { lib.Close() })
				m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{posts}}, Style: render.StylePlain, Now: func() time.Time { return testNow }, Lang: tc.lang})
				m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
				m = runCmds(t, m, m.loadLocalCmd(posts))
				s := screen(m)
				notes := m.list.notes
				if len(notes) != tc.lines[w] {
					t.Errorf("the warning takes %d lines, want %d: %q", len(notes), tc.lines[w], notes)
				}
				whole := tc.lang.WarningLabel() + ": testdata/posts/notes.txt: " + tc.cause
				if got := strings.Join(notes, " "); got != whole {
					t.Errorf("the warning reads %q, want %q", got, whole)
				}
				if got, want := m.list.rows(), h-2-len(notes); got != want {
					t.Errorf("%d rows under the warning, want %d", got, want)
				}
				checkScreen(t, s, w, h)

				// The cursor at the bottom of the window, then down once
				// more: its row stays on the screen.
				for range m.list.rows() {
					m = press(t, m, "j")
				}
				if s := screen(m); !cursorShown(s) {
					t.Errorf("the cursor went off the screen:\n%s", s)
				}
				// Narrower and wider: the warning takes more lines or
				// fewer, and the cursor's row is still there.
				for _, rw := range []int{40, 120, w} {
					m = update(t, m, tea.WindowSizeMsg{Width: rw, Height: h})
					s := screen(m)
					if !cursorShown(s) {
						t.Errorf("after a resize to %d the cursor is off the screen:\n%s", rw, s)
					}
					if got, want := len(m.list.notes), tc.lines[rw]; got != want {
						t.Errorf("at %d the warning takes %d lines, want %d: %q", rw, got, want, m.list.notes)
					}
					checkScreen(t, s, rw, h)
				}
			})
		}
	}
}

// notPost is the cause of the warning of a file that is not a post.
const notPost = "글이 아닙니다 (머리말 없는 텍스트); 건너뜀"

// warnOf is a warning about source, as the library words one.
func warnOf(source, cause string) error {
	return &feed.SourceError{Source: source, Err: errors.New(cause)}
}

// TestWarningLinesCapped: a warning too long for maxNoteLines lines keeps
// its cause whole, its source cut in the middle (to the first line, or
// as the one-line warning cut it); a cause too long for them ends in an
// ellipsis, and a line names the log that has it whole (an error, which
// is not logged, has no such line). Several warnings stand whole while
// they fit half the rows, then the rest are counted. Nothing pushes the
// cursor's row off.
func TestWarningLinesCapped(t *testing.T) {
	deep := "testdata/" + strings.Repeat("아주/깊은/폴더/", 6) + "notes.txt"
	long := warnOf(deep, strings.Repeat("원인이 아주 긴 경고 ", 12))
	tests := map[string]struct {
		warnings []error
		w, h     int
		want     []string // the lines above the rows
		err      error    // a load error, which is not logged
	}{
		"deep folder, 40": {[]error{warnOf(deep, notPost)}, 40, 12, []string{
			"경고: testdata/아주/…은/폴더/notes.txt:",
			"글이 아닙니다 (머리말 없는 텍스트);",
			"건너뜀",
		}, nil},
		"long cause, 40": {[]error{long}, 40, 12, []string{
			"경고: test…s.txt: 원인이 아주 긴 경고",
			"원인이 아주 긴 경고 원인이 아주 긴 경고",
			"원인이 아주 긴 경고 원인이 아주 긴 경고…",
			"… 전체 내용은 ~/.cache/sokbo/sokbo.log에",
		}, nil},
		"long error, 40": {w: 40, h: 12, err: long, want: []string{
			"오류: test…s.txt: 원인이 아주 긴 경고",
			"원인이 아주 긴 경고 원인이 아주 긴 경고",
			"원인이 아주 긴 경고 원인이 아주 긴 경고…",
		}},
		"three, 40": {[]error{
			warnOf("a.md", notPost),
			warnOf("b.md", notPost),
			warnOf("c.md", notPost),
		}, 40, 12, []string{
			"경고: a.md: 글이 아닙니다 (머리말 없는",
			"텍스트); 건너뜀",
			"경고: b.md: 글이 아닙니다 (머리말 없는",
			"텍스트); 건너뜀",
			"… 외 1건 (모두 ~/.cache/so…/sokbo.log에)",
		}, nil},
		"three, 120": {[]error{
			warnOf("a.md", notPost),
			warnOf("b.md", notPost),
			warnOf("c.md", notPost),
		}, 120, 12, []string{
			"경고: a.md: 글이 아닙니다 (머리말 없는 텍스트); 건너뜀",
			"경고: b.md: 글이 아닙니다 (머리말 없는 텍스트); 건너뜀",
			"경고: c.md: 글이 아닙니다 (머리말 없는 텍스트); 건너뜀",
		}, nil},
		"low window": {[]error{warnOf(deep, notPost)}, 40, 5, []string{
			"경고: test…s.txt: 글이 아닙니다 (머리말",
			"없는 텍스트); 건너뜀",
		}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("HOME", home)
			cfg := testConfig(t, fakeFeed(20))
			cfg.LogPath = filepath.Join(home, ".cache", "sokbo", "sokbo.log")
			m := New(cfg)
			m = update(t, m, tea.WindowSizeMsg{Width: tc.w, Height: tc.h})
			m = runCmds(t, m, m.loadLocalCmd("fake"))
			for _, err := range tc.warnings {
				m = update(t, m, Warning{Err: err})
			}
			if tc.err != nil {
				m.loadNotes = append(m.loadNotes, m.problem(noticeError, "", tc.err))
				m.layout()
			}
			m = press(t, m, "G")
			s := screen(m)
			if got := m.list.notes; strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("the lines above the rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if !cursorShown(s) {
				t.Errorf("the cursor is off the screen:\n%s", s)
			}
			checkScreen(t, s, tc.w, tc.h)
		})
	}
}

// TestEmptyListHintWraps: over a list a search left empty, what to do
// next wraps, as a bad query's message does, in
// both languages at 40, 60 and 120 columns: the key and what it does are
// read whole. At 40 columns it was "일치하는 기사가 없습니다. esc: 검색
// 지…" with nine empty rows below (QA).
func TestEmptyListHintWraps(t *testing.T) {
	const h = 12
	for _, l := range []lang.Lang{lang.Ko, lang.En} {
		for _, w := range []int{40, 60, 120} {
			t.Run(fmt.Sprintf("%s %d", l, w), func(t *testing.T) {
				m := langModel(t, fakeFeed(5), l, w, h)
				m = press(t, m, "/")
				m = typeText(t, m, "지하철2호선")
				m = press(t, m, "enter")
				checkHint(t, m, l.NoMatch("esc"), w, h)
			})
		}
	}
}

// checkHint asserts that the list is empty and the lines above its rows
// are want, wrapped to w cells.
func checkHint(t *testing.T, m Model, want string, w, h int) {
	t.Helper()
	s := screen(m)
	if len(m.list.items) != 0 {
		t.Fatalf("%d items on show, want none:\n%s", len(m.list.items), s)
	}
	if got, lines := strings.Join(m.list.notes, "\n"), strings.Join(render.Wrap(want, w), "\n"); got != lines {
		t.Errorf("over the empty list:\n%s\nwant\n%s", got, lines)
	}
	if !strings.Contains(strings.Join(m.list.notes, " "), want) {
		t.Errorf("the hint %q is not whole: %q", want, m.list.notes)
	}
	checkScreen(t, s, w, h)
}

// TestArticleFooterDropsHints: the article footer's hints give way whole,
// the last first, as the list's footer drops its parts, rather than a
// word cut in the middle: "x: full text · the…" at 40 columns was
// neither (QA). The full text's failure keeps its key and what failed
// before its cause. Every footer fits its width; none ends a hint in an
// ellipsis.
func TestArticleFooterDropsHints(t *testing.T) {
	want := map[lang.Lang]map[int][2]string{
		lang.Ko: {
			30:  {"x: 전문 보기        1/3 · 100%", "x: 다시 · 전문 실패 1/3 · 100%"},
			40:  {"x: 전문 보기       1/3 · 100% · ? 도움말", "x: 다시 · 전문 실패           1/3 · 100%"},
			60:  {"x: 전문 보기 · 요약만 있는 피드        1/3 · 100% · ? 도움말", "x: 다시 · 전문 실패                    1/3 · 100% · ? 도움말"},
			120: {"x: 전문 보기 · 요약만 있는 피드" + strings.Repeat(" ", 68) + "1/3 · 100% · ? 도움말", "x: 다시 · 전문 실패: 서버 응답 404 (찾을 수 없음)" + strings.Repeat(" ", 50) + "1/3 · 100% · ? 도움말"},
		},
		lang.En: {
			// "x: retry · full text failed" does not fit beside the
			// position: the key alone, and the help key stays.
			30:  {"x: full text        1/3 · 100%", "x: retry   1/3 · 100% · ? help"},
			40:  {"x: full text         1/3 · 100% · ? help", "x: retry · full text failed   1/3 · 100%"},
			60:  {"x: full text                             1/3 · 100% · ? help", "x: retry · full text failed              1/3 · 100% · ? help"},
			120: {"x: full text · the feed has summaries only" + strings.Repeat(" ", 59) + "1/3 · 100% · ? help", "x: retry · full text failed: http 404 Not Found" + strings.Repeat(" ", 54) + "1/3 · 100% · ? help"},
		},
	}
	for l, widths := range want {
		for w, foots := range widths {
			t.Run(fmt.Sprintf("%s %d", l, w), func(t *testing.T) {
				fx := newSiteFixture(t, 3, false)
				m := New(Config{Library: fx.lib, Sources: library.Sources{Feeds: []feed.Subscription{fx.sub}}, Style: render.StylePlain, Now: func() time.Time { return testNow }, Lang: l})
				m = update(t, m, tea.WindowSizeMsg{Width: w, Height: 20})
				m = runCmds(t, m, m.cachedCmd(time.Time{}))
				m = press(t, m, "enter")
				offer := footerOf(m)
				for _, a := range fx.site.Articles() {
					fx.site.Update(a.ID, func(a *fulltexttest.Article) { a.Kind = fulltexttest.KindGone })
				}
				m = press(t, m, "x")
				m = press(t, m, "j") // the notice of the failure goes
				failed := footerOf(m)
				for i, got := range []string{offer, failed} {
					if got != foots[i] {
						t.Errorf("footer %q, want %q", got, foots[i])
					}
					if render.Width(got) > w {
						t.Errorf("footer %q is %d cells, wider than %d", got, render.Width(got), w)
					}
				}
			})
		}
	}
}

// TestResizeHidesNoRow: a list shorter than the screen, the cursor two
// rows down, then narrower, so that the warning above it wraps on more
// lines, then wider again: every row stays on the screen, the first one
// too. A resize is not a note arriving under the reader, so the window
// does not stand past the end of the list, hiding rows above a blank
// screen. At 120 → 40 columns it hid the first two headlines with seven
// lines blank below, and back at 120 the first one stayed hidden (QA).
func TestResizeHidesNoRow(t *testing.T) {
	const h = 25
	posts := postsFolder(t, 10)
	lib := library.New(library.Options{StorePath: filepath.Join(t.TempDir(), "sokbo.db"), Now: func() time.Time { return testNow }})
	t.Cleanup(func() { lib.Close() })
	m := New(Config{Library: lib, Sources: library.Sources{Locals: []string{posts}}, Style: render.StylePlain, Now: func() time.Time { return testNow }, Lang: lang.En})
	m = update(t, m, tea.WindowSizeMsg{Width: 120, Height: h})
	m = runCmds(t, m, m.loadLocalCmd(posts))
	m = press(t, m, "j")
	m = press(t, m, "j")
	for _, w := range []int{40, 60, 120, 30, 120} {
		m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		s := screen(m)
		checkScreen(t, s, w, h)
		if m.list.offset != 0 {
			t.Errorf("at %d columns the window starts at row %d, hiding rows above a blank screen:\n%s", w, m.list.offset, s)
		}
		if !strings.Contains(s, "10호") || !cursorShown(s) {
			t.Errorf("at %d columns the newest headline or the cursor is off the screen:\n%s", w, s)
		}
		if got := m.list.current().Title; got != "가람시 속보 8호" {
			t.Errorf("at %d columns the cursor is on %q, want 가람시 속보 8호", w, got)
		}
	}
}
