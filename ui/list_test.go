package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"sokbo/feed"
	"sokbo/render"
	"sokbo/render/rendertest"
)

// checkFilled fails when the list hides rows above its window while it
// leaves rows blank below: the screen then shows less than it could, and
// nothing says what is above.
func checkFilled(t *testing.T, m Model, what string) {
	t.Helper()
	l := m.list
	if l.offset > 0 && l.offset+l.rows() > len(l.items) {
		t.Errorf("%s: %d rows hidden above, %d blank below (cursor %d of %d):\n%s",
			what, l.offset, l.offset+l.rows()-len(l.items), l.cursor, len(l.items), screen(m))
	}
}

// TestListRefillsAfterFilter: when the reader narrows the list and widens
// it again (a search typed then cleared, the unread-only view on and
// off), the cursor stays on its item and the window shows the top rows
// of a list that fits the screen, rather than keep the cursor's line and
// hide the rows above a blank screen (QA, build ce61e37).
func TestListRefillsAfterFilter(t *testing.T) {
	t.Run("search cleared", func(t *testing.T) {
		m, _ := findModel(t, 6, 0, 120, 40, render.StylePlain)
		m = press(t, m, "j", "j")
		want := m.list.current()
		m = press(t, m, "/")
		m = typeText(t, m, "국회")
		m = press(t, m, "enter")
		if len(m.list.items) != 1 || m.list.current().Key() != want.Key() {
			t.Fatalf("the search kept %q", listTitles(m))
		}
		m = press(t, m, "esc")
		if len(m.list.items) != 6 || m.list.current().Key() != want.Key() {
			t.Fatalf("esc: %d items, cursor on %q, want %q", len(m.list.items), m.list.current().Title, want.Title)
		}
		checkFilled(t, m, "esc")
		s := rendertest.StripANSI(screen(m))
		// Under the header and the note of the feed that failed with
		// nothing cached (다 뉴스).
		if lines := strings.Split(s, "\n"); !strings.HasPrefix(lines[1], "오류: 다 뉴스") || !strings.Contains(lines[2], listTitles(m)[0]) {
			t.Errorf("the first row is not at the top:\n%s", s)
		}
		if !strings.Contains(s, "3/6") {
			t.Errorf("the footer does not say 3/6:\n%s", s)
		}
		checkScreen(t, screen(m), 120, 40)
	})
	t.Run("unread only twice", func(t *testing.T) {
		m, _ := findModel(t, 14, 0, 120, 40, render.StylePlain)
		m = press(t, m, "m", "j", "j") // the top row read, the cursor on the third
		want := m.list.current()
		m = press(t, m, "u")
		if len(m.list.items) != 13 || m.list.current().Key() != want.Key() {
			t.Fatalf("u: %d items, cursor on %q", len(m.list.items), m.list.current().Title)
		}
		checkFilled(t, m, "u")
		m = press(t, m, "u")
		if len(m.list.items) != 14 || m.list.current().Key() != want.Key() || m.list.cursor != 2 {
			t.Fatalf("u u: %d items, cursor %d on %q", len(m.list.items), m.list.cursor, m.list.current().Title)
		}
		checkFilled(t, m, "u u")
		if m.list.offset != 0 {
			t.Errorf("u u: the window starts at row %d:\n%s", m.list.offset, screen(m))
		}
	})
	t.Run("long list keeps the cursor's line", func(t *testing.T) {
		// A list longer than the screen: the cursor's item stays at its
		// line when the list widens again, as far as the list allows.
		m, _ := findModel(t, 60, 0, 80, 12, render.StylePlain)
		m = press(t, m, "m")
		m = press(t, m, strings.Split(strings.Repeat("j", 20), "")...)
		row := m.list.cursor - m.list.offset
		want := m.list.current()
		m = press(t, m, "u", "u")
		if m.list.current().Key() != want.Key() || m.list.cursor-m.list.offset != row {
			t.Errorf("u u: cursor on %q at line %d, want %q at %d", m.list.current().Title, m.list.cursor-m.list.offset, want.Title, row)
		}
		checkFilled(t, m, "u u")
		// At the end of the list the window stops at its last row.
		m = press(t, m, "G", "/")
		m = typeText(t, m, "라면")
		m = press(t, m, "enter", "G", "esc")
		checkFilled(t, m, "G, a search, G, esc")
	})
}

// TestListTitleCutAtABreak: a title cut to fit its row ends where a line
// could break, never inside a number or a range (QA: 연 3.… at 41
// columns, 서울 24~3… at 47, 민생 법안 32… at 49, R&D 예산 3… where the
// source says 3조, at 40).
func TestListTitleCutAtABreak(t *testing.T) {
	if render.AmbiguousWide() {
		t.Skip("expectations assume a one-cell ellipsis")
	}
	f := &feed.Feed{Title: "테스트 속보", Source: "fake"}
	for i, title := range []string{
		"한국은행, 기준금리 연 3.50% 다섯 번째 동결",
		"폭염특보 확대… 서울 24~31℃ 열대야 계속",
		"[속보] 국회 본회의, 민생 법안 32건 처리",
		"정부, 반도체 R&D 예산 3조 원 증액… 차세대 메모리·AI 반도체 집중 지원",
	} {
		f.Items = append(f.Items, &feed.Item{
			ID: fmt.Sprint(i), Title: title, Link: fmt.Sprintf("https://newsdao.kr/%d", i),
			Published: testNow.Add(-time.Duration(i) * time.Hour), Source: "fake",
		})
	}
	for w := 40; w <= 79; w++ {
		m := newTestModel(t, f, w, 12)
		for i, line := range strings.Split(screen(m), "\n")[1:5] {
			title := f.Items[i].Title
			shown := strings.TrimLeft(line[1:], "N ") // after the cursor and the flag
			// n is how many bytes of the title the row shows.
			n := 0
			for n < len(shown) && n < len(title) && shown[n] == title[n] {
				n++
			}
			if n == len(title) || !strings.HasPrefix(shown[n:], render.Ellipsis) {
				continue // whole
			}
			digit := func(c byte) bool { return c >= '0' && c <= '9' }
			if b, a := title[n-1], title[n]; digit(b) && a != ' ' || digit(a) && b != ' ' {
				t.Errorf("at %d columns, a title is cut inside a number: %q", w, line)
			}
		}
	}
}
