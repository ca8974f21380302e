package ui

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// waitScreen reads the program's output until what it drew since the
// last call holds want, and returns the raw bytes read.
func waitScreen(t *testing.T, tm *teatest.TestModel, seen *bytes.Buffer, want string) {
	t.Helper()
	// WaitFor hands the condition all it has read so far in this call,
	// not what is new: only the new part goes into seen, or output read
	// before the screen settled (an OSC 52, say) is counted twice.
	written := 0
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen.Write(b[written:])
		written = len(b)
		return strings.Contains(rendertest.StripANSI(seen.String()), want)
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// TestSearchEndToEnd runs the reader under teatest: / ㅂ ㅎ narrows the
// list as each key arrives, Enter keeps the matches, and Enter again opens
// the first of them.
func TestSearchEndToEnd(t *testing.T) {
	m, _ := findModel(t, 12, 0, 80, 20, render.StylePlain)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 20))
	var seen bytes.Buffer
	waitScreen(t, tm, &seen, "12건")
	seen.Reset()
	tm.Send(tea.KeyPressMsg{Code: '/', Text: "/"})
	tm.Send(tea.KeyPressMsg{Code: 'ㅂ', Text: "ㅂ"})
	waitScreen(t, tm, &seen, "/ㅂ")
	tm.Send(tea.KeyPressMsg{Code: 'ㅎ', Text: "ㅎ"})
	waitScreen(t, tm, &seen, "4건")
	seen.Reset()
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitScreen(t, tm, &seen, "/ㅂㅎ") // now in the header
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitScreen(t, tm, &seen, "평양 발 소식")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(Model)
	if final.state != stateArticle || !strings.HasPrefix(final.article.entry.Title, "북한, 동해상으로") || final.article.entry.ID != "속보채널-0" {
		t.Errorf("the first match is not open: %v %+v", final.state, final.article.entry)
	}
	if len(final.list.items) != 4 {
		t.Errorf("the list behind the article holds %d items", len(final.list.items))
	}
}

// cursorAt matches the absolute cursor moves a frame ends with.
var cursorAt = regexp.MustCompile(`\x1b\[(\d+);(\d+)H`)

// TestSearchCursorEndToEnd: after Hangul input the terminal's cursor is
// at the display column after the text, as the program draws it.
func TestSearchCursorEndToEnd(t *testing.T) {
	m, _ := findModel(t, 6, 0, 60, 12, render.StylePlain)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(60, 12))
	var seen bytes.Buffer
	waitScreen(t, tm, &seen, "6건")
	seen.Reset()
	tm.Send(tea.KeyPressMsg{Code: '/', Text: "/"})
	tm.Send(tea.KeyPressMsg{Code: '북', Text: "북"})
	tm.Send(tea.KeyPressMsg{Code: '한', Text: "한"})
	waitScreen(t, tm, &seen, "/북한")
	waitScreen(t, tm, &seen, "6건")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	c := tm.FinalModel(t).(Model).View().Cursor
	if c == nil || c.Position.X != 5 || c.Position.Y != 11 {
		t.Fatalf("the model's cursor is %+v, want column 5 of row 11", c)
	}
	// The last absolute move in what was drawn puts the cursor there
	// too (1-based): row 12, column 6.
	moves := cursorAt.FindAllStringSubmatch(seen.String(), -1)
	if len(moves) == 0 {
		t.Logf("no absolute cursor move in the output; the model's cursor is checked above")
		return
	}
	last := moves[len(moves)-1]
	row, _ := strconv.Atoi(last[1])
	col, _ := strconv.Atoi(last[2])
	if row != 12 || col != 6 {
		t.Errorf("the drawn cursor is at row %d, column %d; want 12, 6", row, col)
	}
}
