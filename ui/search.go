package ui

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"sokbo/feed/clean"
	"sokbo/render"
)

// searchModel is the search field of / : one line of text with a cursor,
// edited by grapheme cluster and laid out by display width.
//
// It is written here rather than taken from bubbles' textinput. The
// field must hand the terminal a real cursor (tea.View.Cursor) at the
// cell where the next character goes, because that is where a Korean
// IME draws the syllable it is still composing. textinput v2.2.1 puts
// that cursor at the prompt's width plus the cursor's index in runes
// (bubbles#906, open), so every syllable before it puts the pre-edit
// one cell further left; it also ignores its own horizontal scroll
// there (bubbles#1001). Its scroll offset is private, so a wrapper
// cannot correct the position once the text is wider than the field, and
// it edits by rune, so a backspace after a decomposed syllable or an
// emoji sequence leaves half a character. This field keeps its text as
// grapheme clusters, measures them with render.Width (the layout's one
// measure) and reports the cursor's cell itself. Use newSearch.
type searchModel struct {
	prompt string
	value  []string // grapheme clusters
	pos    int      // the cursor: an index into value
	offset int      // the first cluster on show, when the text is wider than the field (scroll)
	width  int      // the whole line, prompt included
}

// searchEvent is what a key did to the field.
type searchEvent uint8

const (
	searchNone    searchEvent = iota // moved the cursor, or nothing
	searchChanged                    // the text changed
	searchSubmit                     // enter: keep the results
	searchCancel                     // esc: drop the search
	searchPass                       // not the field's: the list's (up, down…)
)

// maxSearchBytes bounds the field; a longer query is refused by the parser.
const maxSearchBytes = 1024

func newSearch(prompt string) searchModel { return searchModel{prompt: prompt} }

// Value is the text in the field.
func (s searchModel) Value() string { return strings.Join(s.value, "") }

// SetValue replaces the text and puts the cursor at its end.
func (s *searchModel) SetValue(v string) {
	s.value, s.pos, s.offset = nil, 0, 0
	s.insert(v)
}

func (s *searchModel) setWidth(w int) {
	s.width = w
	s.scroll()
}

// lineBreaks become spaces in the field. A terminal sends a pasted line
// break as CR (bracketed paste), which Sanitize would drop as a control
// and so join the lines; CRLF is one break, not two spaces.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")

// insert puts text at the cursor: cleaned as feed text is (no control or
// escape sequence, NFC), on one line, and bounded.
func (s *searchModel) insert(text string) {
	text = clean.Sanitize(lineBreaks.Replace(text))
	text = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, text)
	room := maxSearchBytes - len(s.Value())
	var add []string
	for text != "" && room > 0 {
		c, _ := ansi.FirstGraphemeCluster(text, ansi.GraphemeWidth)
		if c == "" || len(c) > room {
			break
		}
		text, room = text[len(c):], room-len(c)
		add = append(add, c)
	}
	if len(add) == 0 {
		return
	}
	// A mark that combines with the cluster before the cursor (a jamo
	// after a syllable-less lead, a combining accent) joins it.
	if s.pos > 0 {
		joined := s.value[s.pos-1] + add[0]
		if c, _ := ansi.FirstGraphemeCluster(joined, ansi.GraphemeWidth); c == joined {
			s.value[s.pos-1] = joined
			add = add[1:]
		}
	}
	tail := append([]string(nil), s.value[s.pos:]...)
	s.value = append(append(s.value[:s.pos], add...), tail...)
	s.pos += len(add)
	s.scroll()
}

// Update edits the field by one key or paste and says what it did.
func (s searchModel) Update(msg tea.Msg) (searchModel, searchEvent) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		before := s.Value()
		s.insert(msg.Content)
		return s, changedIf(before != s.Value())
	case tea.KeyPressMsg:
		return s.key(msg)
	}
	return s, searchNone
}

func changedIf(changed bool) searchEvent {
	if changed {
		return searchChanged
	}
	return searchNone
}

func (s searchModel) key(k tea.KeyPressMsg) (searchModel, searchEvent) {
	before := s.Value()
	switch k.String() {
	case "enter":
		return s, searchSubmit
	case "esc", "ctrl+g":
		return s, searchCancel
	case "up", "down", "pgup", "pgdown", "ctrl+p", "ctrl+n":
		return s, searchPass
	case "backspace", "ctrl+h":
		if s.pos == 0 && len(s.value) == 0 {
			return s, searchCancel // backspace on an empty field leaves it, as in less
		}
		if s.pos > 0 {
			s.value = append(s.value[:s.pos-1], s.value[s.pos:]...)
			s.pos--
		}
	case "delete", "ctrl+d":
		if s.pos < len(s.value) {
			s.value = append(s.value[:s.pos], s.value[s.pos+1:]...)
		}
	case "left", "ctrl+b":
		s.pos = max(s.pos-1, 0)
	case "right", "ctrl+f":
		s.pos = min(s.pos+1, len(s.value))
	case "home", "ctrl+a":
		s.pos = 0
	case "end", "ctrl+e":
		s.pos = len(s.value)
	case "alt+left", "ctrl+left", "alt+b":
		s.pos = s.wordStart()
	case "alt+right", "ctrl+right", "alt+f":
		s.pos = s.wordEnd()
	case "ctrl+w", "alt+backspace":
		start := s.wordStart()
		s.value = append(s.value[:start], s.value[s.pos:]...)
		s.pos = start
	case "ctrl+u":
		s.value = s.value[s.pos:]
		s.pos = 0
	case "ctrl+k":
		s.value = s.value[:s.pos]
	default:
		if k.Text != "" && k.Mod&^tea.ModShift == 0 {
			s.insert(k.Text)
		}
	}
	s.scroll()
	return s, changedIf(before != s.Value())
}

// wordStart is where the word before the cursor starts.
func (s searchModel) wordStart() int {
	i := s.pos
	for i > 0 && s.value[i-1] == " " {
		i--
	}
	for i > 0 && s.value[i-1] != " " {
		i--
	}
	return i
}

// wordEnd is where the word after the cursor ends.
func (s searchModel) wordEnd() int {
	i := s.pos
	for i < len(s.value) && s.value[i] == " " {
		i++
	}
	for i < len(s.value) && s.value[i] != " " {
		i++
	}
	return i
}

// room is the cells the text has: the line less the prompt and the cell
// the cursor stands on after the last character.
func (s searchModel) room() int { return max(s.width-render.Width(s.prompt)-1, 0) }

// scroll keeps the cursor's cell inside the field, with as much of the
// text before it on show as fits. It walks back from the cursor only as
// far as the field is wide, so a key costs the same in a long query.
func (s *searchModel) scroll() {
	s.pos = min(max(s.pos, 0), len(s.value))
	room, used, o := s.room(), 0, s.pos
	for o > 0 {
		w := render.Width(s.value[o-1])
		if used+w > room {
			break
		}
		used += w
		o--
	}
	s.offset = o
}

// cells is the width of value[from:to].
func (s searchModel) cells(from, to int) int {
	w := 0
	for _, c := range s.value[from:to] {
		w += render.Width(c)
	}
	return w
}

// View draws the prompt and the text on show, width cells in all.
func (s searchModel) View() string {
	var b strings.Builder
	b.WriteString(s.prompt)
	used, room := 0, s.room()
	for _, c := range s.value[s.offset:] {
		w := render.Width(c)
		if used+w > room {
			break
		}
		b.WriteString(c)
		used += w
	}
	return render.Pad(b.String(), s.width)
}

// CursorX is the cell the cursor stands on, counted from the field's
// left edge: where the terminal draws what the IME is composing.
func (s searchModel) CursorX() int {
	return render.Width(s.prompt) + s.cells(s.offset, s.pos)
}
