package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/spf13/cobra"

	"sokbo/render/rendertest"
	"sokbo/ui"
)

// TestReaderEndToEnd drives the real reader on the bundled Atom feed: move
// down, open the seed article, see its table, go back, quit.
func TestReaderEndToEnd(t *testing.T) {
	for _, size := range []struct{ w, h int }{{40, 25}, {60, 25}, {120, 40}} {
		tm, out := startReader(t, size.w, size.h, "--lang", "ko", "--style", "plain", "testdata/atom.xml")
		out.waitFor("카카오톡 네트워크 오류")
		out.reset()
		tm.Send(tea.KeyPressMsg{Code: 'j', Text: "j"})
		tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
		out.waitFor("카카오톡 접속 장애와 해결 과정")
		// The table is below the first screen at 60x25; at 120x40 it is
		// already drawn, so the log is kept across the scroll.
		tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
		// At 40 columns the header cell wraps inside its column.
		header := "복구 소요 시간"
		if size.w < 60 {
			header = "복구 소요"
		}
		out.waitFor(header)
		out.reset()
		tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
		out.waitFor("2/6 · ?")
		tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

		final := tm.FinalModel(t).(ui.Model)
		frame := final.View().Content
		rendertest.CheckLayout(t, frame, size.w)
	}
}

// startReader starts the reader as the command line would for args, in a
// test terminal of w×h cells, and returns it with a log of its output.
func startReader(t *testing.T, w, h int, args ...string) (*teatest.TestModel, *outputLog) {
	t.Helper()
	std := &streams{env: testEnv(t), err: io.Discard, out: io.Discard}
	c := &command{}
	root := newRootCmd(context.Background(), std, c, earlyLang(args, std.env))
	var cfg ui.Config
	// The reader as the root command would start it, minus the terminal.
	root.RunE = func(_ *cobra.Command, args []string) error {
		c.args = args
		s, err := loadSettings(c.global, std.env)
		if err != nil {
			return err
		}
		a := newApp(context.Background(), std, c, s)
		t.Cleanup(a.close)
		cfg, err = c.uiConfig(a, func(error) {})
		return err
	}
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, ui.New(cfg), teatest.WithInitialTermSize(w, h))
	return tm, &outputLog{t: t, tm: tm}
}

// outputLog accumulates what the program wrote since the last reset, so a
// wait can see text drawn before the key that preceded it.
type outputLog struct {
	t    *testing.T
	tm   *teatest.TestModel
	seen bytes.Buffer
}

func (o *outputLog) reset() { o.seen.Reset() }

// waitFor reads the program's output until the log holds want.
func (o *outputLog) waitFor(want string) {
	o.t.Helper()
	teatest.WaitFor(o.t, o.tm.Output(), func(b []byte) bool {
		o.seen.Write(b)
		return strings.Contains(rendertest.StripANSI(o.seen.String()), want)
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestReaderWideTable opens the five-column table post in the reader at 40
// and 120 columns: the table reads there (as blocks at 40, as a grid at
// 120), and every frame passes the layout check.
func TestReaderWideTable(t *testing.T) {
	for _, size := range []struct {
		w, h int
		want string
	}{{40, 30, "이재민(명): 1,240"}, {120, 40, "강원특별자치도"}} {
		tm, out := startReader(t, size.w, size.h, "--style", "plain", "testdata/wide-table.html")
		out.waitFor("전국 폭우 피해 집계")
		tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
		out.waitFor("시도별 피해 현황")
		out.waitFor(size.want)
		// ctrl+c quits from the article, so the final frame is the
		// article with its table.
		tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
		frame := tm.FinalModel(t).(ui.Model).View().Content
		if !strings.Contains(frame, "시도") {
			t.Errorf("the final frame is not the article with its table:\n%s", frame)
		}
		rendertest.CheckLayout(t, frame, size.w)
	}
}
