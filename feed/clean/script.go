package clean

import (
	"strings"
	"unicode/utf8"
)

// Plain text has no superscript or subscript, and text read as if <sup>
// and <sub> were not there changes what it says: 10<sup>-3</sup> is
// "10-3", another number, and 평년 수준<sup>1</sup> runs its note's
// number into the word ("수준1"). A script's text is written so that it
// still reads as what it is:
//
//   - in the characters Unicode has for them, where the text is all
//     digits, signs and parentheses (and, raised, n and i), whose raised
//     and lowered forms every terminal font has: 10⁻³, H₂O, 수준¹;
//   - otherwise with the mark plain text uses, ^ or _, before the text,
//     which is put in parentheses when it is more than one character:
//     수준^(주1), x_i stays x_i, x_(max). A footnote mark such as * or †
//     that is its own superscript stays as it is, and so does a
//     reference in brackets ([1]).
//
// Titles and summaries are written so here (PlainText); article bodies by
// the converter, which keeps a link inside the script.

var superscripts = strings.NewReplacer(
	"0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹",
	"+", "⁺", "-", "⁻", "−", "⁻", "=", "⁼", "(", "⁽", ")", "⁾", "n", "ⁿ", "i", "ⁱ",
)

var subscripts = strings.NewReplacer(
	"0", "₀", "1", "₁", "2", "₂", "3", "₃", "4", "₄", "5", "₅", "6", "₆", "7", "₇", "8", "₈", "9", "₉",
	"+", "₊", "-", "₋", "−", "₋", "=", "₌", "(", "₍", ")", "₎",
)

// Script is how the text of a <sup> or <sub> is written.
type Script int

const (
	// ScriptAsIs: the text as it is, for it is empty or a mark set off
	// already.
	ScriptAsIs Script = iota
	// ScriptChars: in Unicode's raised or lowered characters
	// (ScriptChars).
	ScriptChars
	// ScriptMarked: after ^ or _ (ScriptMarks).
	ScriptMarked
)

// ScriptOf says how text, the whole text of a superscript (super) or a
// subscript, is written.
func ScriptOf(text string, super bool) Script {
	text = strings.TrimSpace(text)
	switch {
	case text == "" || ownMark(text):
		return ScriptAsIs
	case scriptable(text, super):
		return ScriptChars
	}
	return ScriptMarked
}

// RaiseOrLower writes s, part of a text ScriptOf gave ScriptChars, in
// raised (super) or lowered characters.
func RaiseOrLower(s string, super bool) string {
	if super {
		return superscripts.Replace(s)
	}
	return subscripts.Replace(s)
}

// ScriptMarks are what go before and after text, the whole text of a
// script ScriptOf gave ScriptMarked: "^(" and ")", or "^" and "" for a
// single character.
func ScriptMarks(text string, super bool) (before, after string) {
	before = "_"
	if super {
		before = "^"
	}
	if utf8.RuneCountInString(strings.TrimSpace(text)) > 1 {
		return before + "(", ")"
	}
	return before, ""
}

// ScriptText is text, the whole text of a script, as plain text writes
// it.
func ScriptText(text string, super bool) string {
	switch ScriptOf(text, super) {
	case ScriptChars:
		return RaiseOrLower(text, super)
	case ScriptMarked:
		before, after := ScriptMarks(text, super)
		return before + text + after
	}
	return text
}

// scriptable reports whether every character of s has a form in the
// script (super or sub), and s has one at least.
func scriptable(s string, super bool) bool {
	chars := "0123456789+-−=()"
	if super {
		chars += "ni"
	}
	return s != "" && strings.Trim(s, chars) == ""
}

// ownMark reports whether s is a mark that is written raised already, or
// set off: a footnote's asterisk or dagger, a superscript character
// itself, or a reference in brackets.
func ownMark(s string) bool {
	if len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' {
		return true // a reference set off already: [1], as Wikipedia writes it
	}
	return s != "" && strings.Trim(s, "*†‡§¶#⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎™®©") == ""
}
