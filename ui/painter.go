package ui

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// painter draws the reader's frames on the terminal the moment they change.
//
// Bubble Tea v2.1.1 draws from a 60 fps ticker that runs for the whole life
// of the program (tea.go startRenderer): a key waits for the next tick,
// 8 ms on average, and an idle reader wakes 60 times a second to find
// nothing changed. Its renderer is unexported, so it cannot be swapped;
// the reader runs Bubble Tea without one (screen.go) and the painter draws
// each View as Bubble Tea asks for it, after every Update. It is Bubble
// Tea's cursed renderer (cursed_renderer.go, MIT, Copyright (c) 2020-2026
// Charmbracelet, Inc.; see NOTICE) on the same public ultraviolet
// renderer, drawing the same screens, driven by change instead of a
// clock, and sending only the rows that changed (draw): a frame that differs from the last is written at
// once; one that comes within gap of the last written waits for a single
// one-shot timer, so a burst of messages costs one frame per gap, and
// nothing at all is scheduled while the screen stands still.
//
// Of tea.View it applies what Bubble Tea's renderer applies except the
// program status report (OSC 7501), which the reader never sets. Use
// newPainter.
type painter struct {
	mu       sync.Mutex
	w        io.Writer
	env      []string
	buf      bytes.Buffer // the renderer's output, flushed to w per frame
	scr      *uv.TerminalRenderer
	cellbuf  uv.ScreenBuffer
	scratch  uv.ScreenBuffer // the next frame, drawn whole (draw)
	lastView *tea.View
	view     tea.View // the newest view, drawn or not

	width, height int
	profile       colorprofile.Profile
	hardTabs      bool // the terminal expands tabs: use them to move
	backspace     bool // and backspace
	syncdUpdates  bool // wrap frames in mode 2026
	starting      bool // the next frame redraws the modes, after start
	pendingErase  bool // a resize or clear waits for the next frame
	away          bool // the terminal is another program's: draw nothing

	clock     frameClock
	gap       time.Duration
	lastFrame time.Time
	timer     func() bool // stops the pending frame's timer; nil: none
	err       error       // the first write error, for Run to return
}

// frameClock is the painter's time: now, and a one-shot timer that calls
// f after d and returns a function that stops it. Tests pass a fake.
type frameClock struct {
	now       func() time.Time
	afterFunc func(d time.Duration, f func()) (stop func() bool)
}

// realClock is the wall clock and time.AfterFunc.
var realClock = frameClock{
	now: time.Now,
	afterFunc: func(d time.Duration, f func()) func() bool {
		return time.AfterFunc(d, f).Stop
	},
}

// frameGap is the least time between two frames: a burst of messages
// (a refresh's progress, keys held down) is drawn at most 120 times a
// second, twice Bubble Tea's rate, and a lone change is drawn at once.
const frameGap = time.Second / 120

// newPainter returns a painter drawing on w, a terminal of width × height
// cells described by env, which TERM names.
func newPainter(w io.Writer, env []string, width, height int, clock frameClock) *painter {
	p := &painter{w: w, env: env, width: width, height: height, clock: clock, gap: frameGap}
	p.profile = profileOf(w, env)
	p.cellbuf = uv.NewScreenBuffer(width, height)
	p.reset()
	return p
}

// profileOf is the colour profile of the terminal w, described by env:
// lipgloss's, detected when it loaded, when w is its stdout and env the
// process's, since detecting again costs a `tmux info` in tmux (10 to
// 20 ms before the first frame); else detected now.
func profileOf(w io.Writer, env []string) colorprofile.Profile {
	if f, ok := w.(*os.File); ok && f == os.Stdout && slices.Equal(env, os.Environ()) {
		return lipgloss.Writer.Profile
	}
	return colorprofile.Detect(w, env)
}

// setOptimizations sets the cursor movements the terminal allows.
func (p *painter) setOptimizations(hardTabs, backspace bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hardTabs, p.backspace = hardTabs, backspace
	p.applyOptimizations()
}

func (p *painter) applyOptimizations() {
	if p.hardTabs {
		p.scr.SetTabStops(p.width)
	} else {
		p.scr.SetTabStops(-1)
	}
	p.scr.SetBackspace(p.backspace)
	// The terminal is in raw mode: a newline does not return the carriage.
	p.scr.SetMapNewline(false)
}

// reset forgets what the terminal shows: the next frame is drawn whole.
func (p *painter) reset() {
	p.buf.Reset()
	scr := uv.NewTerminalRenderer(&p.buf, p.env)
	scr.SetColorProfile(p.profile)
	scr.SetRelativeCursor(true) // inline until a view asks for the alt screen
	scr.SetFullscreen(false)
	scr.SetScrollOptim(runtime.GOOS != "windows")
	p.scr = scr
	p.applyOptimizations()
}

// render takes the view of the model after an Update: drawn now if it
// changed and the last frame is gap old, else drawn by the pending timer.
func (p *painter) render(v tea.View) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.view = v
	if p.away || p.timer != nil || !p.changed() {
		return
	}
	if wait := p.gap - p.clock.now().Sub(p.lastFrame); wait > 0 && !p.lastFrame.IsZero() {
		p.timer = p.clock.afterFunc(wait, p.deferred)
		return
	}
	p.flush(false)
}

// deferred draws the view that waited for the gap.
func (p *painter) deferred() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.timer = nil
	if !p.away {
		p.flush(false)
	}
}

// pending reports whether a frame waits for its timer.
func (p *painter) pending() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.timer != nil
}

// frameArea is the part of the terminal the view covers.
func (p *painter) frameArea(content *uv.StyledString) uv.Rectangle {
	area := uv.Rect(0, 0, p.width, p.height)
	if len(p.view.Content) == 0 {
		area.Max.Y = 0
	}
	if !p.view.AltScreen {
		// Inline, the frame is as high as its content.
		if h := content.Height(); h != area.Dy() {
			area.Max.Y = h
		}
	}
	return area
}

// changed reports whether the view differs from what the terminal shows.
func (p *painter) changed() bool {
	if p.starting || p.pendingErase || p.lastView == nil || !viewEquals(p.lastView, &p.view) {
		return true
	}
	return p.frameArea(uv.NewStyledString(p.view.Content)) != p.cellbuf.Bounds()
}

// flush writes what turns the terminal's screen into the view. closing
// is the last frame before the terminal is given back.
func (p *painter) flush(closing bool) {
	view := p.view
	content := uv.NewStyledString(view.Content)
	frameArea := p.frameArea(content)

	if p.starting && p.hardTabs {
		_, _ = p.scr.WriteString(ansi.SetTabEvery8Columns)
	}
	if !p.starting && !closing && !p.pendingErase && p.lastView != nil && viewEquals(p.lastView, &view) && frameArea == p.cellbuf.Bounds() {
		return
	}
	p.starting, p.pendingErase = false, false

	if frameArea != p.cellbuf.Bounds() {
		p.scr.Erase() // a full redraw, with no artifacts of the old size
		p.cellbuf.Touched = nil
		p.cellbuf.Resize(frameArea.Dx(), frameArea.Dy())
	}
	p.draw(content)
	if frameHeight := frameArea.Dy(); frameHeight > p.height {
		p.cellbuf.Lines = p.cellbuf.Lines[frameHeight-p.height:]
	}

	last := p.lastView
	// The alt screen's sequence is written after the modes below, in
	// front of the frame: terminals keep the cursor's visibility per
	// screen.
	switchScreen := (last == nil && view.AltScreen) || (last != nil && last.AltScreen != view.AltScreen)
	if switchScreen {
		p.setAltScreen(view.AltScreen, false)
	}
	if last == nil || view.DisableBracketedPasteMode != last.DisableBracketedPasteMode {
		if !view.DisableBracketedPasteMode {
			_, _ = p.scr.WriteString(ansi.SetModeBracketedPaste)
		} else if last != nil {
			_, _ = p.scr.WriteString(ansi.ResetModeBracketedPaste)
		}
	}
	if last == nil || last.ReportFocus != view.ReportFocus {
		if view.ReportFocus {
			_, _ = p.scr.WriteString(ansi.SetModeFocusEvent)
		} else if last != nil {
			_, _ = p.scr.WriteString(ansi.ResetModeFocusEvent)
		}
	}
	if last == nil || view.MouseMode != last.MouseMode {
		p.setMouseMode(last, view.MouseMode)
	}
	if last == nil || view.WindowTitle != last.WindowTitle {
		if last != nil || view.WindowTitle != "" {
			_, _ = p.scr.WriteString(ansi.SetWindowTitle(view.WindowTitle))
		}
	}
	if last == nil || view.KeyboardEnhancements != last.KeyboardEnhancements || view.AltScreen != last.AltScreen {
		// Each screen has its own keyboard mode: a new screen gets a
		// fresh entry on the kitty stack, the same screen an update.
		_, _ = p.scr.WriteString(ansi.SetModifyOtherKeys2)
		flags := keyboardFlags(view.KeyboardEnhancements)
		if last == nil || view.AltScreen != last.AltScreen {
			_, _ = p.scr.WriteString(ansi.PushKittyKeyboard(flags))
		} else {
			_, _ = p.scr.WriteString(ansi.KittyKeyboard(flags, 1))
		}
		if !closing {
			_, _ = p.scr.WriteString(ansi.RequestKittyKeyboard)
		}
	}
	p.setColors(last, &view)
	p.setCursorStyle(last, view.Cursor)
	if progressChanged(last, &view) {
		p.setProgressBar(view.ProgressBar)
	}

	p.scr.Render(p.cellbuf.RenderBuffer)
	if cur := view.Cursor; cur != nil {
		// After Render, which moves the cursor.
		p.scr.MoveTo(cur.X, cur.Y)
	} else if !view.AltScreen {
		// Inline, a cursor left at the end of a line would wrap it.
		if x, y := p.scr.Position(); x >= p.width-1 {
			p.scr.MoveTo(0, y)
		}
	}
	if err := p.scr.Flush(); err != nil {
		p.fail(err)
		return
	}
	p.write(p.frame(last, &view, switchScreen))
	p.lastView = &view
	if len(view.Content) == 0 {
		// A frame with nothing on it (the screen set up and cleared)
		// holds no next frame back: the first with something on it is
		// drawn as soon as it comes.
		p.lastFrame = time.Time{}
	}
}

// draw puts the frame into cellbuf, marking only the rows that change
// as touched. The renderer rewrites every touched row that holds a wide
// character whole (TerminalRenderer.paintLine), and Bubble Tea clears the
// buffer first, which touches every row: a j that moves the cursor sent
// all 40 rows of Hangul headlines again, 7.9 KB at 120×40. Rows left as
// they were are not sent.
//
// Measuring by codepoint (the terminal without mode 2027), x/ansi counts
// each medial vowel and final consonant of a syllable written in
// conjoining jamo (ᄒᆞᆫ, old Hangul) as a cell, where terminals draw
// them on the leading consonant's two cells: such a line is drawn on a
// scratch wide enough to hold it whole and its cells given the widths the
// terminal draws (conjoinedCells), as the layout measured them.
func (p *painter) draw(content *uv.StyledString) {
	b := p.cellbuf.Bounds()
	sb := b
	jamo := p.cellbuf.Method != ansi.GraphemeWidth && hasConjoiningJamo(content.Text)
	if jamo {
		sb = uv.Rect(0, 0, 2*b.Dx(), b.Dy())
	}
	if p.scratch.RenderBuffer == nil || p.scratch.Bounds() != sb {
		p.scratch = uv.NewScreenBuffer(sb.Dx(), sb.Dy())
	}
	p.scratch.Method = p.cellbuf.Method
	p.scratch.Clear()
	content.Draw(p.scratch, sb)
	if jamo {
		for y := range b.Dy() {
			p.scratch.Lines[y] = conjoinedCells(p.scratch.Lines[y], b.Dx())
		}
	}
	for y := range b.Dy() {
		src, dst := p.scratch.Lines[y], p.cellbuf.Lines[y]
		src = src[:min(len(src), len(dst))]
		if slices.Equal(src, dst) {
			continue
		}
		copy(dst, src)
		p.cellbuf.TouchLine(0, y, len(dst))
	}
}

// hasConjoiningJamo reports whether s holds a Hangul medial vowel or
// final consonant jamo (U+1160–U+11FF, U+D7B0–U+D7FF), which terminals
// draw on the cells of the consonant before it.
func hasConjoiningJamo(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		switch {
		case s[i] == 0xe1 && s[i+1] >= 0x85 && s[i+1] <= 0x87:
			// U+1140–U+11FF; the leading consonants below U+1160
			// are full cells, and what follows them here is cheap.
			if s[i+1] > 0x85 || s[i+2] >= 0xa0 {
				return true
			}
		case s[i] == 0xed && (s[i+1] == 0x9e && s[i+2] >= 0xb0 || s[i+1] == 0x9f):
			return true
		}
	}
	return false
}

// conjoinedCells is line, measured by codepoint, with each cell's width
// less one for every conjoining vowel or final consonant in it (none is
// less than one cell), laid out again from the left into width cells.
func conjoinedCells(line uv.Line, width int) uv.Line {
	out := make(uv.Line, width)
	for i := range out {
		out[i] = uv.EmptyCell
	}
	x := 0
	for i := 0; i < len(line) && x < width; {
		c := line[i]
		step := max(c.Width, 1)
		if c.Width > 0 {
			c.Width = max(c.Width-conjoiningJamo(c.Content), 1)
			out.Set(x, &c)
			x += c.Width
		}
		i += step
	}
	return out
}

// conjoiningJamo counts the runes of s that hasConjoiningJamo looks for.
func conjoiningJamo(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1160 && r <= 0x11ff || r >= 0xd7b0 && r <= 0xd7ff {
			n++
		}
	}
	return n
}

// frame wraps the renderer's output in the screen switch, the cursor's
// visibility and, where the terminal has it, synchronized output.
func (p *painter) frame(last, view *tea.View, switchScreen bool) []byte {
	hasUpdates := p.buf.Len() > 0
	didShow := last != nil && last.Cursor != nil
	show := view.Cursor != nil
	updateVis := last == nil || didShow != show || switchScreen

	var out bytes.Buffer
	if switchScreen {
		// A new screen starts with the terminal's own keyboard mode.
		_, _ = out.WriteString(ansi.ResetModifyOtherKeys)
		if last != nil {
			_, _ = out.WriteString(ansi.PopKittyKeyboard(1))
		}
		if view.AltScreen {
			_, _ = out.WriteString(ansi.SetModeAltScreenSaveCursor)
		} else {
			_, _ = out.WriteString(ansi.ResetModeAltScreenSaveCursor)
		}
	}
	if p.syncdUpdates {
		if hasUpdates {
			_, _ = out.WriteString(ansi.SetModeSynchronizedOutput)
		}
		if updateVis && !show {
			_, _ = out.WriteString(ansi.ResetModeTextCursorEnable)
		}
	} else if (updateVis && !show) || (hasUpdates && show && didShow) {
		_, _ = out.WriteString(ansi.ResetModeTextCursorEnable)
	}
	_, _ = out.Write(p.buf.Bytes())
	if p.syncdUpdates {
		if updateVis && show {
			_, _ = out.WriteString(ansi.SetModeTextCursorEnable)
		}
		if hasUpdates {
			_, _ = out.WriteString(ansi.ResetModeSynchronizedOutput)
		}
	} else if (updateVis && show) || (hasUpdates && show && didShow) {
		_, _ = out.WriteString(ansi.SetModeTextCursorEnable)
	}
	p.buf.Reset()
	return out.Bytes()
}

// write sends b to the terminal; a frame written counts for the gap.
func (p *painter) write(b []byte) {
	if len(b) == 0 {
		return
	}
	if _, err := p.w.Write(b); err != nil {
		p.fail(err)
		return
	}
	p.lastFrame = p.clock.now()
}

func (p *painter) fail(err error) {
	if p.err == nil {
		p.err = fmt.Errorf("drawing the screen: %w", err)
	}
}

// writeRaw writes seq (a notification, a clipboard copy, a query)
// between two frames.
func (p *painter) writeRaw(seq string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if seq == "" {
		return
	}
	if _, err := io.WriteString(p.w, seq); err != nil {
		p.fail(err)
	}
}

// setAltScreen enters or leaves the alt screen; with write, the sequence
// goes out now, else frame writes it.
func (p *painter) setAltScreen(on, write bool) {
	if on {
		p.scr.SaveCursor()
		if write {
			_, _ = p.buf.WriteString(ansi.SetModeAltScreenSaveCursor)
		}
		p.scr.SetFullscreen(true)
		p.scr.SetRelativeCursor(false)
		p.scr.Erase()
		return
	}
	p.scr.Erase()
	p.scr.SetRelativeCursor(true)
	p.scr.SetFullscreen(false)
	if write {
		_, _ = p.buf.WriteString(ansi.ResetModeAltScreenSaveCursor)
	}
	p.scr.RestoreCursor()
}

func (p *painter) setMouseMode(last *tea.View, mode tea.MouseMode) {
	const off = ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr
	switch mode {
	case tea.MouseModeNone:
		if last != nil && last.MouseMode != tea.MouseModeNone {
			_, _ = p.scr.WriteString(off)
		}
	case tea.MouseModeCellMotion:
		if last != nil && last.MouseMode == tea.MouseModeAllMotion {
			_, _ = p.scr.WriteString(ansi.ResetModeMouseAnyEvent)
		}
		_, _ = p.scr.WriteString(ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr)
	case tea.MouseModeAllMotion:
		if last != nil && last.MouseMode == tea.MouseModeCellMotion {
			_, _ = p.scr.WriteString(ansi.ResetModeMouseButtonEvent)
		}
		_, _ = p.scr.WriteString(ansi.SetModeMouseAnyEvent + ansi.SetModeMouseExtSgr)
	}
}

// setColors sets or resets the cursor's, the text's and the background's
// colours where they changed.
func (p *painter) setColors(last, view *tea.View) {
	var cc, lcc, lfg, lbg color.Color
	if view.Cursor != nil {
		cc = view.Cursor.Color
	}
	if last != nil {
		if last.Cursor != nil {
			lcc = last.Cursor.Color
		}
		lfg, lbg = last.ForegroundColor, last.BackgroundColor
	}
	for _, c := range []struct {
		now, was color.Color
		reset    string
		set      func(string) string
	}{
		{cc, lcc, ansi.ResetCursorColor, ansi.SetCursorColor},
		{view.ForegroundColor, lfg, ansi.ResetForegroundColor, ansi.SetForegroundColor},
		{view.BackgroundColor, lbg, ansi.ResetBackgroundColor, ansi.SetBackgroundColor},
	} {
		switch {
		case c.now == c.was:
		case c.now == nil:
			_, _ = p.scr.WriteString(c.reset)
		default:
			_, _ = p.scr.WriteString(c.set(hexColor(c.now)))
		}
	}
}

// hexColor is c as #rrggbb.
func hexColor(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

func (p *painter) setCursorStyle(last *tea.View, cur *tea.Cursor) {
	var now, was int
	if cur != nil {
		now = cursorStyle(cur.Shape, cur.Blink)
	}
	if last != nil && last.Cursor != nil {
		was = cursorStyle(last.Cursor.Shape, last.Cursor.Blink)
	}
	if now != was {
		_, _ = p.scr.WriteString(ansi.SetCursorStyle(now))
	}
}

// cursorStyle is DECSCUSR's number for a shape.
func cursorStyle(shape tea.CursorShape, blink bool) int {
	s := int(shape)*2 + 1
	if !blink {
		s++
	}
	return s
}

func progressChanged(last, view *tea.View) bool {
	switch {
	case last == nil:
		return view.ProgressBar != nil && view.ProgressBar.State != tea.ProgressBarNone
	case (last.ProgressBar == nil) != (view.ProgressBar == nil):
		return true
	}
	return last.ProgressBar != nil && *last.ProgressBar != *view.ProgressBar
}

func (p *painter) setProgressBar(pb *tea.ProgressBar) {
	if pb == nil {
		_, _ = p.scr.WriteString(ansi.ResetProgressBar)
		return
	}
	switch pb.State {
	case tea.ProgressBarNone:
		_, _ = p.scr.WriteString(ansi.ResetProgressBar)
	case tea.ProgressBarDefault:
		_, _ = p.scr.WriteString(ansi.SetProgressBar(pb.Value))
	case tea.ProgressBarError:
		_, _ = p.scr.WriteString(ansi.SetErrorProgressBar(pb.Value))
	case tea.ProgressBarIndeterminate:
		_, _ = p.scr.WriteString(ansi.SetIndeterminateProgressBar)
	case tea.ProgressBarWarning:
		_, _ = p.scr.WriteString(ansi.SetWarningProgressBar(pb.Value))
	}
}

// keyboardFlags are the kitty keyboard flags for ke; keys are always
// disambiguated.
func keyboardFlags(ke tea.KeyboardEnhancements) int {
	flags := ansi.KittyDisambiguateEscapeCodes
	if ke.ReportEventTypes {
		flags |= ansi.KittyReportEventTypes
	}
	if ke.ReportAlternateKeys {
		flags |= ansi.KittyReportAlternateKeys
	}
	if ke.ReportAllKeysAsEscapeCodes {
		flags |= ansi.KittyReportAllKeysAsEscapeCodes
	}
	if ke.ReportAssociatedText {
		flags |= ansi.KittyReportAssociatedKeys
	}
	return flags
}

// start takes the terminal back after it was handed away: the modes of
// the last view again, and the whole frame at the next render.
func (p *painter) start() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.away = false
	p.starting = true
	lv := p.lastView
	if lv == nil {
		return
	}
	if lv.AltScreen {
		p.setAltScreen(true, true)
	}
	if lv.Cursor != nil {
		_, _ = p.scr.WriteString(ansi.SetModeTextCursorEnable)
		if lv.Cursor.Color != nil {
			_, _ = p.scr.WriteString(ansi.SetCursorColor(hexColor(lv.Cursor.Color)))
		}
		if s := cursorStyle(lv.Cursor.Shape, lv.Cursor.Blink); s != 0 && s != 1 {
			_, _ = p.scr.WriteString(ansi.SetCursorStyle(s))
		}
	} else {
		_, _ = p.scr.WriteString(ansi.ResetModeTextCursorEnable)
	}
	if lv.ForegroundColor != nil {
		_, _ = p.scr.WriteString(ansi.SetForegroundColor(hexColor(lv.ForegroundColor)))
	}
	if lv.BackgroundColor != nil {
		_, _ = p.scr.WriteString(ansi.SetBackgroundColor(hexColor(lv.BackgroundColor)))
	}
	if !lv.DisableBracketedPasteMode {
		_, _ = p.scr.WriteString(ansi.SetModeBracketedPaste)
	}
	if lv.ReportFocus {
		_, _ = p.scr.WriteString(ansi.SetModeFocusEvent)
	}
	p.setMouseMode(nil, lv.MouseMode)
	if lv.WindowTitle != "" {
		_, _ = p.scr.WriteString(ansi.SetWindowTitle(lv.WindowTitle))
	}
	if lv.ProgressBar != nil {
		p.setProgressBar(lv.ProgressBar)
	}
	_, _ = p.scr.WriteString(ansi.SetModifyOtherKeys2)
	_, _ = p.scr.WriteString(ansi.PushKittyKeyboard(keyboardFlags(lv.KeyboardEnhancements)))
	p.flush(false)
}

// stop hands the terminal back as it was: the last frame drawn (unless
// kill), then every mode the views set undone, the alt screen left and
// the cursor shown. Nothing is drawn until start.
func (p *painter) stop(kill bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer()
		p.timer = nil
	}
	if !kill && !p.away {
		p.flush(true)
	}
	p.away = true
	if lv := p.lastView; lv != nil {
		_, _ = p.buf.WriteString(ansi.ResetModifyOtherKeys)
		_, _ = p.buf.WriteString(ansi.PopKittyKeyboard(1))
		// To the bottom, so that a terminal without the alt screen keeps
		// the frame above the prompt.
		p.scr.MoveTo(0, p.cellbuf.Height()-1)
		_ = p.scr.Flush()
		if lv.AltScreen {
			p.setAltScreen(false, true)
		} else {
			_, _ = p.scr.WriteString(ansi.EraseScreenBelow)
		}
		if lv.Cursor == nil {
			_, _ = p.scr.WriteString(ansi.SetModeTextCursorEnable)
		}
		if !lv.DisableBracketedPasteMode {
			_, _ = p.scr.WriteString(ansi.ResetModeBracketedPaste)
		}
		if lv.ReportFocus {
			_, _ = p.scr.WriteString(ansi.ResetModeFocusEvent)
		}
		if lv.MouseMode != tea.MouseModeNone {
			_, _ = p.scr.WriteString(ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr)
		}
		if lv.WindowTitle != "" {
			_, _ = p.scr.WriteString(ansi.SetWindowTitle(""))
		}
		if lc := lv.Cursor; lc != nil {
			if s := cursorStyle(lc.Shape, lc.Blink); s != 0 && s != 1 {
				_, _ = p.scr.WriteString(ansi.SetCursorStyle(0))
			}
			if lc.Color != nil {
				_, _ = p.scr.WriteString(ansi.ResetCursorColor)
			}
		}
		if lv.BackgroundColor != nil {
			_, _ = p.scr.WriteString(ansi.ResetBackgroundColor)
		}
		if lv.ForegroundColor != nil {
			_, _ = p.scr.WriteString(ansi.ResetForegroundColor)
		}
		if lv.ProgressBar != nil && lv.ProgressBar.State != tea.ProgressBarNone {
			_, _ = p.scr.WriteString(ansi.ResetProgressBar)
		}
	}
	if p.cellbuf.Method == ansi.GraphemeWidth {
		_, _ = p.scr.WriteString(ansi.ResetModeUnicodeCore)
	}
	if err := p.scr.Flush(); err != nil {
		p.fail(err)
	}
	if p.buf.Len() > 0 {
		if _, err := p.w.Write(p.buf.Bytes()); err != nil {
			p.fail(err)
		}
		p.buf.Reset()
	}
	// The cursor stays where it is: a program run in between, or the
	// shell after a suspend, carries on from there.
	x, y := p.scr.Position()
	p.reset()
	p.scr.SetPosition(x, y)
	return p.err
}

// resize takes the terminal's new size; the next frame is drawn whole.
func (p *painter) resize(w, h int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.scr.Erase()
	p.width, p.height = w, h
	p.scr.Resize(w, h)
	p.pendingErase = true
}

// clearScreen erases the screen; the next frame is drawn whole.
func (p *painter) clearScreen() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.scr.MoveTo(0, 0)
	p.scr.Erase()
	p.pendingErase = true
}

// setColorProfile sets the colours the terminal can show.
func (p *painter) setColorProfile(profile colorprofile.Profile) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.profile = profile
	p.scr.SetColorProfile(profile)
}

// setSyncdUpdates wraps frames in synchronized output (mode 2026).
func (p *painter) setSyncdUpdates(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.syncdUpdates = on
}

// setWidthMethod measures cells by method; grapheme clusters turn the
// terminal's Unicode core mode (2027) on.
func (p *painter) setWidthMethod(method ansi.Method) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if method == ansi.GraphemeWidth {
		_, _ = p.scr.WriteString(ansi.SetModeUnicodeCore)
	} else if p.cellbuf.Method == ansi.GraphemeWidth {
		_, _ = p.scr.WriteString(ansi.ResetModeUnicodeCore)
	}
	p.cellbuf.Method = method
}

// onMouse is the last view's OnMouse handler's command for msg, if any.
func (p *painter) onMouse(msg tea.MouseMsg) tea.Cmd {
	p.mu.Lock()
	var f func(tea.MouseMsg) tea.Cmd
	if p.lastView != nil {
		f = p.lastView.OnMouse
	}
	p.mu.Unlock()
	if f == nil {
		return nil
	}
	return f(msg)
}

// viewEquals reports whether two views draw the same (Bubble Tea's
// viewEquals, less the program status the painter does not report).
func viewEquals(a, b *tea.View) bool {
	if a.Content != b.Content ||
		a.AltScreen != b.AltScreen ||
		a.DisableBracketedPasteMode != b.DisableBracketedPasteMode ||
		a.ReportFocus != b.ReportFocus ||
		a.MouseMode != b.MouseMode ||
		a.WindowTitle != b.WindowTitle ||
		a.ForegroundColor != b.ForegroundColor ||
		a.BackgroundColor != b.BackgroundColor ||
		a.KeyboardEnhancements != b.KeyboardEnhancements {
		return false
	}
	if (a.Cursor == nil) != (b.Cursor == nil) {
		return false
	}
	if a.Cursor != nil && *a.Cursor != *b.Cursor {
		return false
	}
	if (a.ProgressBar == nil) != (b.ProgressBar == nil) {
		return false
	}
	return a.ProgressBar == nil || *a.ProgressBar == *b.ProgressBar
}
