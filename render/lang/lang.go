// Package lang provides sokbo's one catalogue of what it says to the
// user, in Korean and in English, and the choice between them.
//
// Every message is a method of Lang that holds both wordings side by side,
// so that a message cannot exist in one language only: a missing wording
// does not compile, and a reviewer reads the pair together. Formatted
// messages take typed arguments, not a format string a caller could get
// wrong. Two languages, a few hundred messages and no translators outside
// the code did not justify a gettext-style library (go-i18n,
// x/text/message): their message files are checked at run time, and their
// plural machinery is more than two languages with simple plurals need.
//
// The package is a leaf, so that render, ui and main import it alike;
// feed/ stays free of words for people and reports typed causes, which
// render words (render.Cause).
package lang

import (
	"fmt"
	"strconv"
	"strings"
)

// Lang is the language sokbo speaks to the user. The zero value is
// Korean, sokbo's own language; an English run must ask for English (see
// FromEnv).
type Lang uint8

const (
	Ko Lang = iota // 한국어
	En             // English
)

// Parse reads a language setting: "ko" or "en" (a locale such as
// "ko_KR.UTF-8" or "en-US" counts by its language). ok is false for
// anything else.
func Parse(s string) (l Lang, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	code, _, _ := strings.Cut(s, ".")
	code, _, _ = strings.Cut(code, "@")
	code = strings.ReplaceAll(code, "-", "_")
	code, _, _ = strings.Cut(code, "_")
	switch code {
	case "ko", "kor", "korean":
		return Ko, true
	case "en", "eng", "english":
		return En, true
	}
	return En, false
}

// FromEnv is the language of the locale: Korean when the locale's
// language for messages is Korean, English otherwise. As POSIX orders
// them, LC_ALL wins over LC_MESSAGES, which wins over LANG; the first of
// them that is set and not empty decides.
func FromEnv(env func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := env(name); v != "" {
			if l, ok := Parse(v); ok && l == Ko {
				return Ko
			}
			return En
		}
	}
	return En
}

// String returns "ko" or "en", what --lang and the config take.
func (l Lang) String() string { return l.pick("ko", "en") }

// pick returns the wording for l.
func (l Lang) pick(ko, en string) string {
	if l == En {
		return en
	}
	return ko
}

// f formats the wording for l. Each language's format takes the same
// arguments, in the same order.
func (l Lang) f(ko, en string, a ...any) string { return fmt.Sprintf(l.pick(ko, en), a...) }

// count says n things, with the thousands separated: "20,000건",
// "1 item", "3 items". unit is the Korean counter word (건, 개, 곳);
// one and many are the English nouns.
func (l Lang) count(n int, unit, one, many string) string {
	if l == En {
		if n == 1 {
			return Thousands(n) + " " + one
		}
		return Thousands(n) + " " + many
	}
	return Thousands(n) + unit
}

// Thousands writes n with a comma between each group of three digits, as
// Korean and English both write counts: 20,000건, 20,000 items.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		b = append(b, '-')
	}
	first := len(s) % 3
	if first == 0 {
		first = 3
	}
	b = append(b, s[:first]...)
	for i := first; i < len(s); i += 3 {
		b = append(b, ',')
		b = append(b, s[i:i+3]...)
	}
	return string(b)
}

// Or joins words as "a, b or c" / "a, b 또는 c".
func (l Lang) Or(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + l.pick(" 또는 ", " or ") + words[len(words)-1]
}
