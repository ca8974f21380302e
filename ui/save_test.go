package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
)

// TestSaveAndReadBack: S writes the article as a post that sokbo reads
// back to the same article, under a name from its date and title, and
// never over another file.
func TestSaveAndReadBack(t *testing.T) {
	f := fakeFeed(2)
	f.Items[0].Summary = "요약: 24~31℃, <b>굵게</b>가 아닌 글자 👍🏽 🇰🇷 *주의*"
	f.Items[0].Image = "https://newsdao.kr/a.png"
	f.Items[0].Author = "김기자 😀"
	f.Items[0].Categories = []string{"News", "날씨", "🇰🇷 국내"}
	dir := filepath.Join(t.TempDir(), "saved", "deeper") // made on the first save
	m := newTestModel(t, f, 80, 10)
	m.cfg.SaveDir = dir
	m = press(t, m, "S")
	want := filepath.Join(dir, "2024-07-15-1번-속보-카카오톡-네트워크-오류로-두-달-만에-다시-접속-장애,-수도권-집중-호우까지-겹쳐.md")
	if got := m.status.body(); got != "저장함: "+filepath.Base(want)+" · "+homePath(dir) {
		t.Fatalf("status %q, want the file %s", got, want)
	}
	back, err := feed.Load(context.Background(), want, feed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Emoji are written as they are, not as \U escapes (QA 10).
	if raw, err := os.ReadFile(want); err != nil || strings.Contains(string(raw), `\U`) || !strings.Contains(string(raw), "👍🏽 🇰🇷") {
		t.Errorf("front matter escapes emoji (%v):\n%s", err, raw)
	}
	got, orig := back.Items[0], f.Items[0]
	if got.Title != orig.Title || !got.Published.Equal(orig.Published) || got.Link != orig.Link || got.Summary != orig.Summary ||
		got.Image != orig.Image || got.Author != orig.Author || !slices.Equal(got.Categories, orig.Categories) {
		t.Errorf("read back as\n%+v\nwant\n%+v", got, orig)
	}
	lib := library.New(library.Options{StorePath: filepath.Join(t.TempDir(), "db")})
	defer lib.Close()
	a1, err := lib.Article(context.Background(), &library.Entry{Item: orig})
	if err != nil {
		t.Fatal(err)
	}
	a2, err := lib.Article(context.Background(), &library.Entry{Item: got})
	if err != nil {
		t.Fatal(err)
	}
	if a1.Markdown != a2.Markdown {
		t.Errorf("Markdown read back:\n%s\nwant:\n%s", a2.Markdown, a1.Markdown)
	}

	// Again, from the article: a second file, the first untouched.
	before, _ := os.ReadFile(want)
	m = press(t, m, "enter", "S")
	second := strings.TrimSuffix(want, ".md") + "-2.md"
	if m.status.body() != "저장함: "+filepath.Base(second)+" · "+homePath(dir) {
		t.Errorf("second save: %q", m.status.body())
	}
	// The footer cuts a long name in its middle, by display width, so
	// that its end, the -2 of a save that did not overwrite, shows (QA
	// 11: it was cut at its end, "…-다섯-번째-동…").
	for _, w := range []int{40, 60, 80, 120} {
		m := update(t, m, tea.WindowSizeMsg{Width: w, Height: 10})
		foot := lastLine(screen(m))
		if !strings.HasPrefix(foot, "저장함: 2024") || !strings.Contains(foot, "…") || !strings.Contains(foot, "-2.md · ") || render.Width(foot) != w {
			t.Errorf("footer at %d columns: %q", w, foot)
		}
	}
	if after, _ := os.ReadFile(want); string(after) != string(before) {
		t.Error("the second save wrote over the first")
	}
}

func TestSaveUndatedAndFailures(t *testing.T) {
	f := fakeFeed(1)
	f.Items[0].Published = time.Time{}
	f.Items[0].Title = "../../.bashrc"
	dir := t.TempDir()
	m := newTestModel(t, f, 80, 10)
	m.cfg.SaveDir = dir
	m = press(t, m, "S")
	want := filepath.Join(dir, "bashrc.md")
	if m.status.body() != "저장함: bashrc.md · "+homePath(dir) {
		t.Errorf("status %q, want %s", m.status.body(), want)
	}
	back, err := feed.Load(context.Background(), want, feed.Options{})
	if err != nil || !back.Items[0].Published.IsZero() || back.Items[0].Title != "../../.bashrc" {
		t.Errorf("read back: %+v, %v", back, err)
	}

	// A folder that cannot be made.
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	m.cfg.SaveDir = filepath.Join(blocker, "sub")
	m = press(t, m, "S")
	if !strings.HasPrefix(m.status.body(), "저장 실패: ") {
		t.Errorf("status %q", m.status.body())
	}
	checkScreen(t, screen(m), 80, 10)
}

func TestSafeName(t *testing.T) {
	long := strings.Repeat("가", 100)
	tests := map[string]string{
		"서울 호우 경보":                           "서울-호우-경보",
		"../../etc/passwd":                   "etcpasswd",
		"...숨김":                              "숨김",
		"a/b\\c:d*e?f\"g<h>i|j":              "abcdefghij",
		"제목\x1b[2J 끝\a":                      "제목-끝",
		"  앞뒤 공백  ":                          "앞뒤-공백",
		"끝에 점...":                            "끝에-점",
		"---":                                "",
		"R&D 예산 3조 원 - 속보":                   "R&D-예산-3조-원-속보",
		long:                                 strings.Repeat("가", 50),
		"e\u0301" + long:                     "é" + strings.Repeat("가", 49),
		strings.Repeat("a", 149) + "e\u0301": strings.Repeat("a", 149),
		"\u202e숨은 방향":                        "숨은-방향",
	}
	for in, want := range tests {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSavedFooterGap (QA 4): the save's notice keeps two cells before the
// position, so the folder does not run into it ("…/saved 1/93"); where
// that does not fit, the name is cut.
func TestSavedFooterGap(t *testing.T) {
	m := newTestModel(t, fakeFeed(3), 60, 10)
	for w := 36; w <= 70; w++ {
		m := update(t, m, tea.WindowSizeMsg{Width: w, Height: 10})
		m.status = savedNotice(m.lang, "2024-07-15-etc-passwd-다섯-번째-동네-소식.md", "/tmp/qa2/saved")
		foot := lastLine(screen(m))
		if render.Width(foot) > w {
			t.Errorf("footer at %d columns is %d cells: %q", w, render.Width(foot), foot)
		}
		if i := strings.Index(foot, "1/3"); i >= 0 && !strings.HasSuffix(foot[:i], "  ") {
			t.Errorf("footer at %d columns: %q", w, foot)
		}
	}
}

// TestShortNoticeKeepsPosition (QA 3): at 40 columns "opening in the
// browser" and "marked unread" both keep the article's position beside
// them; the help key is what gives way, as it does for any label.
func TestShortNoticeKeepsPosition(t *testing.T) {
	for _, l := range []lang.Lang{lang.Ko, lang.En} {
		for w := 30; w <= 60; w++ {
			m := langModel(t, fakeFeed(3), l, w, 10)
			m = press(t, m, "enter")
			for _, text := range []string{l.Opening(), l.MarkedUnread()} {
				m.status = info(text)
				foot := lastLine(screen(m))
				if render.Width(foot) > w {
					t.Errorf("%s at %d columns: footer is %d cells: %q", l, w, render.Width(foot), foot)
				}
				if !strings.Contains(foot, text) {
					t.Errorf("%s at %d columns: footer lost its notice: %q", l, w, foot)
				}
				fits := render.Width(text)+footerGap+render.Width("1/3 · 100%") <= w
				if fits && !strings.Contains(foot, "1/3") {
					t.Errorf("%s at %d columns: footer lost the position: %q", l, w, foot)
				}
			}
		}
	}
}

// TestFullTextHostFooterGap (QA 3): the footer of a full text names the
// host it came from two cells before the position, so that
// "127.0.0.1 4/6" does not read as one address; the help key gives way.
func TestFullTextHostFooterGap(t *testing.T) {
	for _, l := range []lang.Lang{lang.Ko, lang.En} {
		for w := 30; w <= 60; w++ {
			m := langModel(t, fakeFeed(3), l, w, 10)
			m = press(t, m, "enter")
			m.full.meta[m.article.entry.Key()] = articleMeta{body: library.BodyFullText, page: "127.0.0.1"}
			foot := lastLine(screen(m))
			if render.Width(foot) > w {
				t.Errorf("%s at %d columns: footer is %d cells: %q", l, w, render.Width(foot), foot)
			}
			if strings.Contains(foot, "127.0.0.1 ") && !strings.Contains(foot, "127.0.0.1  ") {
				t.Errorf("%s at %d columns: the host runs into the position: %q", l, w, foot)
			}
		}
	}
}
