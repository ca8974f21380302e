package ui

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
	"sokbo/render"
	"sokbo/render/lang"
)

// msgPipePrompt is the prompt of |'s input line.
const msgPipePrompt = "| "

// Bounds of a pipe command: how long it may run and how much of its
// output is kept.
const (
	pipeTimeout   = time.Minute
	maxPipeOutput = 1 << 20
)

// textPrefix starts a pipe command that gets the article as plain text,
// as `sokbo read --format text` prints it; without it the command gets
// the Markdown post `sokbo read --format markdown` prints.
const textPrefix = "text:"

// pipeModel is the footer's input line of |: the command to pipe the
// current article to. Use newPipe.
type pipeModel struct {
	active bool
	input  textinput.Model
	// last is the command run last, offered again the next time.
	last string
	// hint is what the empty line says (lang.PipeHint), which View lays
	// out, not textinput: its placeholder is cut by runes, once, at
	// open, so that it ended mid-word after a resize, with no ellipsis,
	// and a Korean one was followed by NULs.
	hint string
}

func newPipe(style render.Style, l lang.Lang) pipeModel {
	in := textinput.New()
	in.Prompt = msgPipePrompt
	in.CharLimit = 4096
	p := pipeModel{input: in, hint: l.PipeHint()}
	p.setStyle(style)
	return p
}

// setStyle styles the input line for a render style: none at all for
// StylePlain. The cursor does not blink: a blinking one ticks a timer
// for as long as the line is open.
func (p *pipeModel) setStyle(style render.Style) {
	st := textinput.DefaultStyles(style != render.StyleLight)
	if style == render.StylePlain {
		st.Focused, st.Blurred = textinput.StyleState{}, textinput.StyleState{}
	}
	st.Cursor.Blink = false
	p.input.SetStyles(st)
}

// open shows the input line with value in it, ready for typing.
func (p *pipeModel) open(value string, width int) tea.Cmd {
	p.active = true
	p.input.SetValue(value)
	p.input.CursorEnd()
	p.setWidth(width)
	return p.input.Focus()
}

// setWidth fits the input line to a footer of width cells: at open and
// at every resize, so that a command longer than the line scrolls
// within the width of now.
func (p *pipeModel) setWidth(width int) {
	p.input.SetWidth(max(width-render.Width(msgPipePrompt)-1, 1))
}

func (p *pipeModel) close() {
	p.active = false
	p.input.Blur()
}

// View is the input line, width cells. Empty, it is the prompt and the
// hint, cut with an ellipsis to width, the cursor on its first character
// as textinput draws a placeholder.
func (p pipeModel) View(width int) string {
	line := p.input.View()
	if p.input.Value() == "" {
		st := p.input.Styles()
		hint := render.Truncate(p.hint, max(width-render.Width(msgPipePrompt), 0))
		_, n := utf8.DecodeRuneInString(hint) // the hint's first character is one rune
		cursor := lipgloss.NewStyle().Foreground(st.Cursor.Color).Inline(true).Reverse(true)
		line = st.Focused.Prompt.Render(msgPipePrompt) + cursor.Render(hint[:n]) + st.Focused.Placeholder.Render(hint[n:])
	}
	return render.Pad(render.Truncate(line, width), width)
}

// pipeKey is |: the input line opens with the command run last, or the
// config's pipe.
func (m Model) pipeKey() (tea.Model, tea.Cmd) {
	value := m.pipe.last
	if value == "" {
		value = m.cfg.PipeCommand
	}
	return m, m.pipe.open(value, m.width)
}

// pipeInput handles a key while the input line is open: enter runs the
// command on the current article, esc closes the line.
func (m Model) pipeInput(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case k.Code == tea.KeyEscape:
			m.pipe.close()
			return m, nil
		case k.Code == tea.KeyEnter:
			line := strings.TrimSpace(m.pipe.input.Value())
			m.pipe.close()
			if line == "" {
				return m, nil
			}
			m.pipe.last = line
			cur := m.current()
			if cur == nil {
				return m, nil
			}
			req, err := parsePipe(line)
			if err != nil {
				m.status = m.problem(noticeError, m.lang.PipeFailed(), err)
				return m, nil
			}
			m.status = info(m.lang.Piping(req.line))
			return m, m.pipeCmd(cur, req)
		case key.Matches(k, m.keys.ForceQuit):
			return m, tea.Quit
		}
	}
	var cmd tea.Cmd
	m.pipe.input, cmd = m.pipe.input.Update(msg)
	return m, cmd
}

// pipeRequest is a parsed pipe command.
type pipeRequest struct {
	line string // as typed, for the footer
	argv []string
	text bool // plain text, not Markdown
}

// parsePipe reads a pipe command: an optional text: prefix, then a
// command line split by SplitCommand (no shell).
func parsePipe(line string) (pipeRequest, error) {
	req := pipeRequest{line: line}
	if rest, ok := strings.CutPrefix(line, textPrefix); ok {
		req.text, line = true, rest
	} else if rest, ok := strings.CutPrefix(line, "md:"); ok {
		line = rest
	}
	argv, err := SplitCommand(line)
	if err != nil {
		return req, err
	}
	req.argv = argv
	return req, nil
}

// pipedMsg is a pipe command's end: what it wrote, or why it failed.
type pipedMsg struct {
	req    pipeRequest
	output string
	err    error
}

// pipeCmd runs a pipe command with the entry's article on its stdin, as
// the reader shows it (its full text when one is kept), and collects its
// output. The command runs directly, never through a shell, with no
// terminal, for at most pipeTimeout.
func (m Model) pipeCmd(e *library.Entry, req pipeRequest) tea.Cmd {
	lib, loc, l, jobs, width := m.lib, m.cfg.Now().Location(), m.lang, m.jobs, m.pipeTextWidth()
	entry := *e
	return func() tea.Msg {
		ctx, ok := jobs.start()
		if !ok {
			return nil // the reader has quit
		}
		defer jobs.done()
		a, err := lib.Article(ctx, &entry)
		if err != nil {
			return pipedMsg{req: req, err: err}
		}
		in, err := articleAs(a, req.text, width, loc, l)
		if err != nil {
			return pipedMsg{req: req, err: err}
		}
		out, err := runPipe(ctx, req.argv, in, l)
		return pipedMsg{req: req, output: out, err: err}
	}
}

// pipeTextWidth is the width of the plain text a text: pipe command gets:
// 80 columns, as `sokbo read` prints into a pipe, or the reader's width
// when it is narrower, so that what a command gives back as it came
// (cat, tr) fits the output pager, which wraps at the reader's width,
// and is not wrapped a second time into lines long and short by turns.
func (m Model) pipeTextWidth() int {
	if m.width <= 0 || m.width >= 80 {
		return 80
	}
	return max(m.width, 20)
}

// articleAs is the article as the pipe gives it: the Markdown post, or
// plain text at width, as `sokbo read` prints them into a pipe.
func articleAs(a *library.Article, text bool, width int, loc *time.Location, l lang.Lang) ([]byte, error) {
	if text {
		doc := render.ArticleDoc(a.Item, a.Markdown, loc)
		doc.Lang = l
		out, err := render.Page(doc, width, render.StylePlain)
		return []byte(out), err
	}
	var b bytes.Buffer
	err := feed.WritePost(&b, a.Item, a.Markdown)
	return b.Bytes(), err
}

// runPipe runs argv with in on its stdin and returns what it wrote to
// stdout, cut at maxPipeOutput; a failure carries the first line of its
// stderr. The command and all it starts are killed after pipeTimeout, or
// when parent ends (the reader quits: jobs.stop).
func runPipe(parent context.Context, argv []string, in []byte, l lang.Lang) (string, error) {
	ctx, cancel := context.WithTimeout(parent, pipeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	inGroup(cmd)
	cmd.Stdin = bytes.NewReader(in)
	var out, errOut capped
	out.limit, errOut.limit = maxPipeOutput, 4<<10
	cmd.Stdout, cmd.Stderr = &out, &errOut
	// A command that leaves a child holding its output open is not
	// waited for past the deadline.
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if err := parent.Err(); err != nil {
		return "", err
	}
	if ctx.Err() != nil {
		return "", &readerError{kind: errPipeTimeout, d: pipeTimeout}
	}
	if err != nil {
		var ee *exec.ExitError
		if first, _, _ := strings.Cut(strings.TrimSpace(errOut.String()), "\n"); first != "" && errors.As(err, &ee) {
			return "", &readerError{kind: errCommandFailed, arg: clean.OneLine(first), err: err}
		}
		return "", err
	}
	s := out.String()
	if out.cut {
		s += "\n" + cutNote(l, maxPipeOutput)
	}
	return s, nil
}

// capped is a buffer that keeps the first limit bytes written to it.
type capped struct {
	bytes.Buffer
	limit int
	cut   bool
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.limit - c.Len(); room < len(p) {
		c.cut = true
		c.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return c.Buffer.Write(p)
}

// piped shows a pipe command's end: nothing or one line in the footer,
// more in the output pager.
func (m Model) piped(msg pipedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.status = m.problem(noticeError, m.lang.PipeFailed(), msg.err)
		return m, nil
	}
	lines := outputLines(msg.output)
	switch len(lines) {
	case 0:
		m.status = info(m.lang.PipeNoOutput(msg.req.line))
		return m, nil
	case 1:
		m.status = info(msg.req.line + ": " + lines[0])
		return m, nil
	}
	m.status = notice{}
	m.output = newOutput(m.keys, m.styles, "| "+msg.req.line, lines)
	m.output.setSize(m.width, m.bodyHeight())
	if m.state != stateOutput {
		m.outputFrom = m.state
	}
	m.state = stateOutput
	return m, nil
}

// outputLines are a command's output as lines the terminal may show: each
// cleaned of control and escape sequences (a command's output is outside
// text, and may be a feed's), without the trailing blank ones.
func outputLines(out string) []string {
	out = strings.TrimRight(strings.ReplaceAll(out, "\r\n", "\n"), "\n \t")
	if strings.TrimSpace(out) == "" {
		return nil
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(clean.Sanitize(strings.ReplaceAll(l, "\t", "    ")), " ")
	}
	return lines
}

// CheckPipeCommand reports whether line is a command | can run: an
// optional text: prefix, then a command line SplitCommand accepts.
func CheckPipeCommand(line string) error {
	_, err := parsePipe(line)
	return err
}
