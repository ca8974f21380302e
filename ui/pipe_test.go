package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"sokbo/render"
	"sokbo/render/rendertest"
)

// typeText types s into the reader, one key a character.
func typeText(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		k := tea.KeyPressMsg{Code: r, Text: string(r)}
		if r == ' ' {
			k.Code = tea.KeySpace
		}
		m = update(t, m, k)
	}
	return m
}

// pipeStub writes a command named name into a folder put first on PATH:
// it saves its arguments and its stdin in that folder, then runs body.
func pipeStub(t *testing.T, name, body string) (dir string) {
	t.Helper()
	dir = t.TempDir()
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + dir + "/got.args\"\ncat > \"" + dir + "/got.stdin\"\n" + body
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return dir
}

func readGot(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "got."+name))
	if err != nil {
		t.Fatalf("the command did not run: %v", err)
	}
	return string(b)
}

// runPipeLine presses | in m, types line over what is offered, and
// presses enter.
func runPipeLine(t *testing.T, m Model, line string) Model {
	t.Helper()
	m = press(t, m, "|")
	if !m.pipe.active {
		t.Fatal("| opened no input line")
	}
	m.pipe.input.SetValue("")
	m = typeText(t, m, line)
	return press(t, m, "enter")
}

func TestPipeMarkdownByArgv(t *testing.T) {
	dir := pipeStub(t, "keep", "")
	m := newTestModel(t, fakeFeed(3), 80, 12)
	m = press(t, m, "j")
	m = press(t, m, "|")
	if !strings.Contains(screen(m), "| ") || !strings.Contains(screen(m), "esc 취소") {
		t.Errorf("no input line in the footer:\n%s", screen(m))
	}
	checkScreen(t, screen(m), 80, 12)
	m = typeText(t, m, `keep --title "속보 제목" 'a b'`)
	m = press(t, m, "enter")
	if m.pipe.active {
		t.Error("the input line stayed open")
	}
	if got := readGot(t, dir, "args"); got != "--title\n속보 제목\na b\n" {
		t.Errorf("argv %q", got)
	}
	in := readGot(t, dir, "stdin")
	if !strings.HasPrefix(in, "---\ntitle: '2번 속보:") || !strings.Contains(in, "| 시작 시간     | 복구 소요 시간 |") {
		t.Errorf("the command did not get the Markdown post:\n%q", in)
	}
	if got := m.status.body(); got != `keep --title "속보 제목" 'a b': 끝남 (출력 없음)` {
		t.Errorf("status %q", got)
	}
	// | again offers the command run last.
	m = press(t, m, "|")
	if got := m.pipe.input.Value(); got != `keep --title "속보 제목" 'a b'` {
		t.Errorf("| offers %q", got)
	}
	m = press(t, m, "esc")
	if m.pipe.active || !strings.Contains(screen(m), "? 도움말") {
		t.Errorf("esc did not close the input line:\n%s", screen(m))
	}
}

func TestPipeTextAndOutput(t *testing.T) {
	dir := pipeStub(t, "shout", `printf 'line one\n\033[2Jcleared\033]52;c;aGk=\007 two\n'; i=0; while [ $i -lt 40 ]; do echo "줄 $i"; i=$((i+1)); done`+"\n")
	m := newTestModel(t, fakeFeed(2), 60, 12)
	m = press(t, m, "enter") // from the article
	m = runPipeLine(t, m, "text: shout")
	in := readGot(t, dir, "stdin")
	if strings.HasPrefix(in, "---") || !strings.Contains(in, "1번 속보") || !strings.Contains(in, "오전 10시54분") {
		t.Errorf("text: did not give plain text:\n%s", in)
	}
	if m.state != stateOutput {
		t.Fatalf("many lines of output are not in a pager; status %q", m.status.body())
	}
	s := screen(m)
	if strings.ContainsAny(s, "\x1b\a") || !strings.Contains(s, "clearedhi two") && !strings.Contains(s, "cleared two") {
		t.Errorf("the output is not cleaned:\n%q", s)
	}
	if !strings.Contains(s, "| text: shout") {
		t.Errorf("the footer does not name the command:\n%s", s)
	}
	checkScreen(t, s, 60, 12)
	m = press(t, m, "G")
	if !strings.Contains(screen(m), "줄 39") || !strings.Contains(screen(m), "100%") {
		t.Errorf("G did not scroll to the end:\n%s", screen(m))
	}
	m = press(t, m, "esc")
	if m.state != stateArticle {
		t.Errorf("esc went to %v, not back to the article", m.state)
	}
	if !strings.Contains(rendertest.StripANSI(screen(m)), "1번 속보") {
		t.Errorf("not the article:\n%s", screen(m))
	}
}

func TestPipeOneLineAndFailures(t *testing.T) {
	pipeStub(t, "count", "echo '1,234자'\n")
	pipeStub(t, "fail", "echo 'boom: 없음' >&2; exit 3\n")
	m := newTestModel(t, fakeFeed(2), 80, 10)
	m = runPipeLine(t, m, "count")
	if got := m.status.body(); got != "count: 1,234자" {
		t.Errorf("one line of output: %q", got)
	}
	m = runPipeLine(t, m, "fail -x")
	if got := m.status.body(); got != "명령 실패: 종료 상태 3: boom: 없음" {
		t.Errorf("a failing command: %q", got)
	}
	m = runPipeLine(t, m, "count | head")
	if got := m.status.body(); !strings.Contains(got, "셸이 필요함") {
		t.Errorf("a shell line: %q", got)
	}
	m = runPipeLine(t, m, "nosuchcommand")
	if got := m.status.body(); !strings.HasPrefix(got, "명령 실패: ") || !strings.Contains(got, "nosuchcommand") {
		t.Errorf("a command not installed: %q", got)
	}
	checkScreen(t, screen(m), 80, 10)
}

// TestPipeFromConfig: | offers the config's command; enter runs it.
func TestPipeFromConfig(t *testing.T) {
	dir := pipeStub(t, "keep", "")
	m := newTestModel(t, fakeFeed(1), 80, 10)
	m.cfg.PipeCommand = "keep --from-config"
	m = press(t, m, "|")
	if got := m.pipe.input.Value(); got != "keep --from-config" {
		t.Fatalf("| offers %q", got)
	}
	press(t, m, "enter")
	if got := readGot(t, dir, "args"); got != "--from-config\n" {
		t.Errorf("argv %q", got)
	}
}

// TestPipeBackslashInDoubleQuotes: `printf "\033[31mred"` gives printf
// the backslash, as sh does, and the escape it prints never reaches the
// terminal.
func TestPipeBackslashInDoubleQuotes(t *testing.T) {
	dir := pipeStub(t, "pf", `printf "$1"`+"\n")
	m := newTestModel(t, fakeFeed(2), 80, 10)
	m = runPipeLine(t, m, `pf "\033[31mred"`)
	if got := readGot(t, dir, "args"); got != "\\033[31mred\n" {
		t.Errorf("the command got %q, not \\033[31mred", got)
	}
	if got := m.status.body(); got != "pf \"\\033[31mred\": red" {
		t.Errorf("status %q", got)
	}
	if s := screen(m); strings.Contains(s, "\x1b[31m") {
		t.Errorf("the escape reached the screen:\n%q", s)
	}
	checkScreen(t, screen(m), 80, 10)
}

// TestPipeTextFitsTheReader: at 80 columns and wider a text: command gets
// the article at 80, as `sokbo read` prints it into a pipe; narrower, at
// the reader's width, so that what cat gives back shows in the output
// pager line for line as it came, not wrapped again into lines long and
// short by turns.
func TestPipeTextFitsTheReader(t *testing.T) {
	for _, tc := range []struct{ width, want int }{{40, 40}, {60, 60}, {120, 80}} {
		dir := pipeStub(t, "echoback", `cat "$(dirname "$0")/got.stdin"`+"\n")
		m := newTestModel(t, fakeFeed(2), tc.width, 30)
		m = press(t, m, "enter")
		m = runPipeLine(t, m, "text: echoback")
		in := readGot(t, dir, "stdin")
		widest := 0
		for _, l := range strings.Split(in, "\n") {
			widest = max(widest, render.Width(l))
		}
		if widest > tc.want || widest < tc.want-12 {
			t.Errorf("at %d columns the text's widest line is %d; want it wrapped at %d", tc.width, widest, tc.want)
		}
		if m.state != stateOutput {
			t.Fatalf("at %d: no output pager; status %q", tc.width, m.status.body())
		}
		// Line for line: the pager holds the command's lines as they came.
		got := m.output.lines
		want := outputLines(in)
		if len(got) != len(want) {
			t.Errorf("at %d columns the pager has %d lines for the %d the command wrote: wrapped again", tc.width, len(got), len(want))
		}
	}
}
