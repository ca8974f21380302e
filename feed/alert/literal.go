package alert

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Literal is a stand-in CompileFunc until feed/search, the team's Korean
// matcher, lands; then the caller passes a feed/search adapter instead
// and Literal goes. A query is words and "quoted phrases", all of which
// must occur in the title (particles do not matter: 정전 finds 정전으로),
// ASCII letters in any case.
//
// It knows nothing of Hangul: a 초성 pattern such as ㄱㄹㅅ is refused,
// with a message that says so, rather than matched as literal jamo.
func Literal(query string) (TextMatcher, error) {
	var terms []string
	rest := strings.TrimSpace(query)
	for rest != "" {
		var term string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, errors.New("a phrase is not closed with \"")
			}
			term, rest = rest[1:1+end], rest[2+end:]
			term = strings.Join(strings.Fields(term), " ")
		} else {
			i := strings.IndexAny(rest, " \t")
			if i < 0 {
				i = len(rest)
			}
			term, rest = rest[:i], rest[i:]
		}
		rest = strings.TrimSpace(rest)
		if term == "" {
			continue
		}
		if hasInitials(term) {
			return nil, errors.New("초성 patterns need the search matcher, which this build does not have yet")
		}
		terms = append(terms, term)
	}
	if len(terms) == 0 {
		return nil, errors.New("the query has no words")
	}
	return literal{terms: terms}, nil
}

type literal struct{ terms []string }

func (m literal) MatchTitle(title string) bool {
	for _, t := range m.terms {
		if indexFold(title, t) < 0 {
			return false
		}
	}
	return true
}

// hasInitials reports whether s has a Hangul compatibility consonant
// (ㄱ to ㅎ), the way 초성 are typed.
func hasInitials(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x3131 && r <= 0x314e {
			return true
		}
		i += size
	}
	return false
}
