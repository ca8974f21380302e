package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// TestReaderUnderTmux asks a fake terminal that answers as tmux 3.3 does
// (ambiguous characters and VS16 emoji in one cell, no mode 2027), sets
// the policy its answers call for, as sokbo does before the reader
// starts, and runs the reader under teatest: the list of headlines full of
// · ⚠️ 🌧️ 👨‍👩‍👧, and an article with a table, pass the width checker
// measured the same way, at 40, 60 and 120 columns.
func TestReaderUnderTmux(t *testing.T) {
	term := rendertest.NewFakeTerminal(rendertest.Tmux33, -1)
	res, err := render.ProbeTerminal(render.ProbeIO{In: term, Out: term, Cancel: term.Cancel,
		After: func(time.Duration) <-chan time.Time { return nil }}, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	old := render.CurrentWidthPolicy()
	render.SetWidthPolicy(res.TUIPolicy())
	t.Cleanup(func() { render.SetWidthPolicy(old) })

	f := fakeFeed(30)
	titles := []string{"⚠️ 호우 경보 · 서울 전역", "🌧️ 장맛비 “24~31℃” 이어져", "👨‍👩‍👧 가족 단위 대피… ※ 안내", "속보 · 2일 전 ①"}
	for i, it := range f.Items {
		it.Title = fmt.Sprintf("%s %d", titles[i%len(titles)], i)
		it.Categories = []string{"날씨·재난"}
		it.Body = `<p>경보 · 시각</p><table><tr><th>지역 · 구분</th><th>⚠️ 경보</th></tr><tr><td>서울 · 경기</td><td>🌧️ 호우</td></tr></table>`
	}
	for _, w := range []int{40, 60, 120} {
		m := newTestModel(t, f, w, 20)
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, 20))
		tm.Send(tea.KeyPressMsg{Code: 'j', Text: "j"})
		tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		list := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
		checkScreen(t, screen(list), w, 20)
		// Every row ends at the right edge, where the time column ends.
		for _, line := range strings.Split(rendertest.StripANSI(screen(list)), "\n")[1:19] {
			if got := render.Width(line); got != w {
				t.Fatalf("at %d a row is %d cells: %q\n%s", w, got, line, screen(list))
			}
		}
		article := press(t, m, "enter")
		checkScreen(t, screen(article), w, 20)
		if !strings.Contains(rendertest.StripANSI(screen(article)), "서울 · 경기") {
			t.Errorf("at %d the table is not drawn:\n%s", w, screen(article))
		}
	}
}
