package ui

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"sokbo/feed"
	"sokbo/render/lang"
	"sokbo/render/rendertest"
)

// hangul matches a Hangul syllable or letter.
var hangul = regexp.MustCompile(`[\x{AC00}-\x{D7A3}\x{3131}-\x{318E}]`)

// englishFeed is a feed with no Korean in it: what an English reader
// shows of it is all its own words and sokbo's.
func englishFeed(n int) *feed.Feed {
	f := &feed.Feed{Title: "Test wire", Source: "fake"}
	for i := range n {
		f.Items = append(f.Items, &feed.Item{
			ID:        fmt.Sprintf("id-%d", i),
			Title:     fmt.Sprintf("Story %d: the network fails for the second time in two months", i+1),
			Link:      fmt.Sprintf("https://news.example.com/%d", 4000+i),
			Published: testNow.Add(-time.Duration(i) * 37 * time.Minute),
			Body: `<p>Body of the story, with a <a href="https://example.com/source">source</a> and a picture:</p>` +
				`<p><img src="https://example.com/p.jpg" alt="a picture"></p>`,
			Format: feed.FormatHTML,
			Source: "fake",
		})
	}
	return f
}

// langModel is newTestModel speaking l.
func langModel(t *testing.T, f *feed.Feed, l lang.Lang, w, h int) Model {
	t.Helper()
	cfg := testConfig(t, f)
	cfg.Lang = l
	m := New(cfg)
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return runCmds(t, m, m.loadLocalCmd("fake"))
}

// readerScreens walks the reader's screens: the list, an article, its
// links, help, the feed list, a search that matches nothing, marking all
// read, and a failing pipe command, each as it is drawn.
func readerScreens(t *testing.T, m Model) map[string]string {
	t.Helper()
	out := map[string]string{"list": screen(m)}
	m = press(t, m, "enter")
	out["article"] = screen(m)
	m = press(t, m, "L")
	out["links"] = screen(m)
	m = press(t, m, "esc", "?")
	out["help"] = screen(m)
	m = press(t, m, "?", "esc", "F")
	out["feeds"] = screen(m)
	m = press(t, m, "esc", "/")
	m = typeText(t, m, "zzzz")
	m = press(t, m, "enter")
	out["no match"] = screen(m)
	m = press(t, m, "esc", "A")
	out["mark all"] = screen(m)
	m = press(t, m, "n", "|")
	m = typeText(t, m, "no-such-program-anywhere")
	m = press(t, m, "enter")
	out["pipe failed"] = screen(m)
	return out
}

// TestReaderEnglish: an English reader says no word of Korean on any
// screen, at every width, and every screen fits.
func TestReaderEnglish(t *testing.T) {
	for _, w := range []int{40, 60, 120} {
		m := langModel(t, englishFeed(3), lang.En, w, 14)
		for name, s := range readerScreens(t, m) {
			if loc := hangul.FindStringIndex(s); loc != nil {
				line := s[strings.LastIndex(s[:loc[0]], "\n")+1:]
				line, _, _ = strings.Cut(line, "\n")
				t.Errorf("%d, %s: Korean in an English reader: %q", w, name, line)
			}
			checkScreen(t, s, w, 14)
		}
	}
}

// TestReaderLanguages keeps the list, an article and help in each
// language at 60 columns: the same feed, sokbo's words in Korean or in
// English.
func TestReaderLanguages(t *testing.T) {
	for _, l := range []lang.Lang{lang.Ko, lang.En} {
		screens := readerScreens(t, langModel(t, englishFeed(3), l, 60, 14))
		for _, name := range []string{"list", "article", "help", "feeds", "pipe failed"} {
			t.Run(l.String()+"/"+strings.ReplaceAll(name, " ", "-"), func(t *testing.T) {
				golden.RequireEqual(t, []byte(screens[name]))
			})
		}
	}
}

// TestReaderEndToEndLanguages runs the reader under teatest in each
// language, split at 120 columns, and keeps its final frame, with the
// second article open, as a golden: the program as it runs says sokbo's
// words in one language only.
func TestReaderEndToEndLanguages(t *testing.T) {
	for _, l := range []lang.Lang{lang.Ko, lang.En} {
		t.Run(l.String(), func(t *testing.T) {
			cfg := testConfig(t, englishFeed(4))
			cfg.Lang, cfg.Split = l, true
			tm := teatest.NewTestModel(t, New(cfg), teatest.WithInitialTermSize(120, 16))
			var seen bytes.Buffer
			waitScreen(t, tm, &seen, "Story 1")
			seen.Reset()
			tm.Send(tea.KeyPressMsg{Code: 'j', Text: "j"})
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			// "2/4" is on the status bar while the article still renders
			// in the background; the hint that replaces the feed's name
			// on the status bar is drawn only once it has. (The body's
			// lines are no test: the first article, drawn before, has
			// the same, and the renderer skips lines that have not
			// changed.)
			waitScreen(t, tm, &seen, "2/4")
			waitScreen(t, tm, &seen, l.FullTextOffer("x"))
			tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
			tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
			final := tm.FinalModel(t).(Model)
			frame := rendertest.StripANSI(screen(final))
			if l == lang.En && hangul.MatchString(frame) {
				t.Errorf("Korean in an English reader:\n%s", frame)
			}
			checkSplit(t, screen(final), 120, 16, final.listWidth())
			golden.RequireEqual(t, []byte(frame))
		})
	}
}
