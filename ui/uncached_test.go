package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
)

// TestUncachedFailureAboveRows (QA): a feed with nothing cached whose
// fetch failed is named, with its cause, in a note above the other
// feeds' rows, after a key too; started again before its retry, the
// stored failure says when it was tried and when it is tried next, as
// `sokbo list` does. A feed with items cached that fails is left to the
// header and the footer.
func TestUncachedFailureAboveRows(t *testing.T) {
	fx := newLiveFixture(t)
	fx.serve("/a", "가람일보", numbered("가람", 3)...)
	fx.serve("/b", "누리신문", numbered("누리", 2)...)
	fx.save("/b")
	fx.mu.Lock()
	delete(fx.feeds, "/b") // cached, and now failing
	fx.mu.Unlock()
	cfg := fx.config(fx.library(), "/a", "/b", "/gone")
	m := startLive(t, cfg, 80, 14)
	m = runCmds(t, m, m.refresher.start(false))
	m = press(t, m, "j")
	s := screen(m)
	lines := strings.Split(s, "\n")
	if want := "오류: " + fx.url("/gone") + ": 서버 응답 404 (찾을 수 없음)"; strings.TrimRight(lines[1], " ") != want {
		t.Errorf("after a key, the line under the header is %q; want %q:\n%s", lines[1], want, s)
	}
	if strings.Contains(strings.Join(lines[:len(lines)-1], "\n"), "누리신문:") {
		t.Errorf("a feed with items cached is noted above the rows:\n%s", s)
	}
	if !strings.Contains(lines[0], lang.Ko.RefreshFailures(2)) {
		t.Errorf("the header does not count both failures: %q", lines[0])
	}
	checkScreen(t, s, 80, 14)

	fx.advance(10 * time.Second) // within the retry wait: nothing is due
	// The schedule's interval, which the reader's config always has; the
	// first run had none, so that no tick waited for it.
	cfg.Library = fx.library(func(o *library.Options) { o.Interval = 10 * time.Minute })
	for l, want := range map[lang.Lang]string{
		lang.Ko: "오류: " + fx.url("/gone") + ": 마지막 가져오기 실패: 서버 응답 404 (찾을 수 없음) (12:00에 시도; 다음은 12:01)",
		lang.En: "error: " + fx.url("/gone") + ": last fetch failed: http 404 Not Found (tried at 12:00; next at 12:01)",
	} {
		cfg.Lang = l
		again := startLive(t, cfg, 120, 14)
		s := screen(again)
		if lines := strings.Split(s, "\n"); strings.TrimRight(lines[1], " ") != want {
			t.Errorf("%v: started again, the line under the header is %q; want %q:\n%s", l, lines[1], want, s)
		}
		if strings.Contains(s, "누리신문:") {
			t.Errorf("%v: a feed with items cached is noted above the rows:\n%s", l, s)
		}
		checkScreen(t, s, 120, 14)
	}
}

// TestOfflineNoteOverLocalRows: offline with no feed ever saved, the
// header says "nothing saved" over an empty list, and only "offline"
// over rows of local sources, which that would seem to deny.
func TestOfflineNoteOverLocalRows(t *testing.T) {
	saved := testNow.Add(-3 * time.Hour)
	for name, tc := range map[string]struct {
		last   time.Time
		listed bool
		want   string
	}{
		"empty, nothing saved":  {want: "오프라인 · 저장된 기사 없음"},
		"local rows":            {listed: true, want: "오프라인"},
		"saved, local rows too": {last: saved, listed: true, want: "오프라인 · 3시간 전 저장"},
		"saved":                 {last: saved, want: "오프라인 · 3시간 전 저장"},
	} {
		t.Run(name, func(t *testing.T) {
			if got := offlineNote(lang.Ko, testNow, tc.last, tc.listed); got != tc.want {
				t.Errorf("offlineNote = %q; want %q", got, tc.want)
			}
		})
	}
}

// TestPipeHintFitsResize (QA): the pipe's hint is laid out for the width
// of now, after a resize too, and cut with an ellipsis when it does not
// fit; a Korean one is not followed by NULs.
func TestPipeHintFitsResize(t *testing.T) {
	for name, tc := range map[string]struct {
		l        lang.Lang
		open     int
		resized  int
		wantTail string
	}{
		"en 60 to 80": {lang.En, 60, 80, "esc cancel"},
		"en 80 to 60": {lang.En, 80, 60, "esc ca…"},
		"en 40":       {lang.En, 40, 40, "text)…"},
		"ko 40":       {lang.Ko, 40, 40, "· e…"},
		"ko 60 to 80": {lang.Ko, 60, 80, "esc 취소"},
		"ko 80 to 40": {lang.Ko, 80, 40, "· e…"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig(t, fakeFeed(3))
			cfg.Lang = tc.l
			m := New(cfg)
			m = update(t, m, tea.WindowSizeMsg{Width: tc.open, Height: 12})
			m = runCmds(t, m, m.loadLocalCmd("fake"))
			m = press(t, m, "|")
			m = update(t, m, tea.WindowSizeMsg{Width: tc.resized, Height: 12})
			foot := lastLine(screen(m))
			plain := strings.TrimRight(ansi.Strip(foot), " ")
			if !strings.HasPrefix(plain, "| ") || !strings.HasSuffix(plain, tc.wantTail) || render.Width(ansi.Strip(foot)) != tc.resized || strings.ContainsRune(foot, 0) {
				t.Errorf("the footer is %q (%d cells); want %d cells ending in %q", foot, render.Width(ansi.Strip(foot)), tc.resized, tc.wantTail)
			}
			checkScreen(t, screen(m), tc.resized, 12)
		})
	}
}
