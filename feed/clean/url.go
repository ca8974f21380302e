package clean

import (
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// A URLUse is what an address is wanted for. Each use has one rule, and
// every place that fetches, opens or links an address asks CheckURL with
// its use, so the rules cannot drift apart.
type URLUse uint8

const (
	// Fetch is an address sokbo fetches: a subscription, a page, a feed
	// found by discovery, an article's page for its full text. It must be
	// an absolute http or https URL with a host, written in printable
	// characters: no controls, no bidi controls, no invisible or unusual
	// spaces. Korean (IRI) addresses are fine.
	Fetch URLUse = iota
	// Open is an address handed to a browser: the Fetch rule, and it may
	// not start with "-", which a launcher could take for an option.
	Open
	// Link is the address of a link in an article: relative, or http,
	// https or mailto, judged as a Markdown renderer or a browser decodes
	// it ("java\nscript:", "&#106;avascript:" are javascript:).
	Link
	// Media is the address of an image: relative, http or https, judged as
	// Link is.
	Media
	// Hyperlink is the target of a terminal hyperlink (OSC 8): an
	// absolute http or https URL with a host, or a mailto: address.
	Hyperlink
)

// Errors CheckURL wraps, for errors.Is.
var (
	// ErrCommandURL is an exec: or filter: address: newsboat runs those as
	// commands, and sokbo never runs anything from a feed or a file.
	ErrCommandURL = errors.New("a command, not an address; sokbo never runs commands")
	// ErrNotHTTP is an address that is not an absolute http(s) URL.
	ErrNotHTTP = errors.New("not an http(s) URL")
	// ErrUnprintableURL is an address holding control, bidi or space
	// characters, which could rewrite the terminal or hide its real form.
	ErrUnprintableURL = errors.New("holds control or invisible characters")
	// ErrUnsafeLink is a link or image address with another scheme
	// (javascript:, data:, file:, ...).
	ErrUnsafeLink = errors.New("not an http, https or mailto address")
	// ErrOptionURL is an address starting with "-".
	ErrOptionURL = errors.New("starts with '-'")
)

// CheckURL returns nil when raw may be used for use, or an error wrapping
// one of the Err values above. The error's text never holds raw itself, so
// a caller may print it beside OneLine(raw) without letting the address's
// bytes through.
func CheckURL(raw string, use URLUse) error {
	switch use {
	case Hyperlink:
		u, err := url.Parse(raw)
		if err != nil || !printableURL(raw) {
			return ErrUnsafeLink
		}
		switch strings.ToLower(u.Scheme) {
		case "http", "https":
			if u.Host != "" {
				return nil
			}
		case "mailto":
			if u.Opaque != "" {
				return nil
			}
		}
		return ErrUnsafeLink
	case Link, Media:
		if !linkOK(raw, use == Link) {
			return ErrUnsafeLink
		}
		return nil
	}
	if scheme, _, ok := strings.Cut(raw, ":"); ok && (strings.EqualFold(scheme, "exec") || strings.EqualFold(scheme, "filter")) {
		return ErrCommandURL
	}
	if !printableURL(raw) {
		return ErrUnprintableURL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w (malformed)", ErrNotHTTP)
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return ErrNotHTTP
	}
	if u.Host == "" || u.Opaque != "" {
		return ErrNotHTTP
	}
	if use == Open && strings.HasPrefix(raw, "-") {
		return ErrOptionURL
	}
	return nil
}

// URLOK reports whether raw may be used for use: CheckURL(raw, use) == nil.
func URLOK(raw string, use URLUse) bool { return CheckURL(raw, use) == nil }

// printableURL reports whether raw holds only characters that show as
// themselves: no C0 or C1 controls, DEL, bidi controls, other invisible
// format characters, white space other than the plain space, or invalid
// UTF-8.
func printableURL(raw string) bool {
	if raw == "" {
		return false
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(raw[i:])
		if r == utf8.RuneError && size <= 1 || unicode.IsControl(r) || unicode.IsSpace(r) ||
			unicode.Is(unicode.Cf, r) || isBidiControl(r) {
			return false
		}
		i += size
	}
	return true
}

// linkOK reports whether an address may stay a link: relative, or http,
// https, and mailto when allowed. The scheme is read as a browser reads
// it (WHATWG URL): tabs and newlines anywhere are ignored ("java\nscript:"
// is javascript:), as are controls and spaces around it; a ":" before any
// "/", "?" or "#" ends a scheme. A scheme with other characters is
// refused. An address that is otherwise malformed but has a safe scheme
// ("https://%28") stays: it can do no harm.
func linkOK(raw string, mailto bool) bool {
	// A Markdown renderer decodes backslash escapes and entities in an
	// address ("&#106;avascript:", "javascript&colon;"), and an address
	// html-to-markdown writes is read that way too: judge both forms.
	if d := markdownUnescape(raw); d != raw && !safeScheme(d, mailto) {
		return false
	}
	return safeScheme(raw, mailto)
}

// asciiPunct is what a backslash escapes in CommonMark.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// markdownUnescape decodes an address as a Markdown renderer does:
// backslash escapes of ASCII punctuation, then entity references.
func markdownUnescape(s string) string {
	if strings.ContainsRune(s, '\\') {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(asciiPunct, s[i+1]) >= 0 {
				continue
			}
			b.WriteByte(s[i])
		}
		s = b.String()
	}
	if strings.ContainsRune(s, '&') {
		s = html.UnescapeString(s)
	}
	return s
}

// safeScheme is linkOK on one form of an address.
func safeScheme(raw string, mailto bool) bool {
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, raw)
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return true // no scheme: relative
	}
	scheme := s[:i]
	if scheme == "" || !isSchemeChars(scheme) {
		return false
	}
	switch strings.ToLower(scheme) {
	case "http", "https":
		return true
	case "mailto":
		return mailto
	}
	return false
}

// isSchemeChars reports whether s has only the characters of a URL scheme
// (RFC 3986: a letter, then letters, digits, "+", "-" and ".").
func isSchemeChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// CanonicalURL returns the form of an http(s) address that sokbo
// subscribes by and compares with: the scheme and host lower-cased, a
// default port (:80 for http, :443 for https) dropped, the fragment
// dropped, an empty query ("feed.xml?") dropped, and an empty path
// written "/". The rest (userinfo, path, query) is kept exactly as
// written, so a Korean path stays readable. Repeated slashes in the path
// are kept: "//a.xml" and "/a.xml" are different resources under RFC 3986
// and are served differently by object stores and some servers, so
// collapsing them could merge two feeds. An
// address that is not an absolute http(s) URL is returned unchanged.
//
// Two spellings of one feed ("HTTP://Example.com:80", "http://example.com/#top")
// have the same CanonicalURL; see SameURL.
func CanonicalURL(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	scheme = strings.ToLower(scheme)
	if !ok || scheme != "http" && scheme != "https" {
		return raw
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	auth, path := rest[:end], rest[end:]
	user, host := "", auth
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		user, host = auth[:i+1], auth[i+1:]
	}
	if host == "" {
		return raw
	}
	host = strings.ToLower(host)
	if h, port, ok := cutPort(host); ok && (port == "" || scheme == "http" && port == "80" || scheme == "https" && port == "443") {
		host = h
	}
	path = strings.TrimSuffix(path, "?")
	if path == "" || path[0] == '?' {
		path = "/" + path
	}
	return scheme + "://" + user + host + path
}

// cutPort splits "host:port" (or "[v6]:port"); ok is false when there is
// no port.
func cutPort(host string) (h, port string, ok bool) {
	i := strings.LastIndexByte(host, ':')
	if i < 0 || strings.IndexByte(host[i:], ']') >= 0 {
		return host, "", false
	}
	return host[:i], host[i+1:], true
}

// SameURL reports whether a and b are spellings of one address:
// CanonicalURL(a) == CanonicalURL(b).
func SameURL(a, b string) bool { return a == b || CanonicalURL(a) == CanonicalURL(b) }

// DecodeIRI decodes each run of percent escapes in an address that spells
// printable UTF-8 other than ASCII, as a browser shows an address
// (https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B5%AD%EC%9D%80%ED%96%89 is
// https://ko.wikipedia.org/wiki/한국은행); every other escape stays, so
// the address reads back to the same one, and so does anything that is
// not printable (see PrintableIRI).
func DecodeIRI(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != '%' || !percentAt(s, i) {
			b.WriteByte(s[i])
			i++
			continue
		}
		// A run of escapes.
		j := i
		var raw []byte
		for j < len(s) && percentAt(s, j) {
			raw = append(raw, unhex(s[j+1])<<4|unhex(s[j+2]))
			j += 3
		}
		// Decode each character that is whole, printable and not ASCII;
		// keep the escapes of the rest.
		k := 0
		for k < len(raw) {
			r, size := utf8.DecodeRune(raw[k:])
			if r != utf8.RuneError && r >= utf8.RuneSelf && PrintableIRI(string(r)) {
				b.WriteRune(r)
			} else {
				size = max(size, 1)
				if r == utf8.RuneError {
					size = 1
				}
				b.WriteString(s[i+3*k : i+3*(k+size)])
			}
			k += size
		}
		i = j
	}
	return b.String()
}

// PrintableIRI reports whether s holds only characters that may show in a
// decoded address: no controls, no format characters (bidi controls, zero
// width joiners), no spaces of any kind, no Hangul fillers.
func PrintableIRI(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) ||
			unicode.Is(unicode.Zs, r) || r == utf8.RuneError || r == '\u3164' || r == '\u115f' || r == '\u1160' {
			return false
		}
	}
	return true
}

func percentAt(s string, i int) bool {
	return i+2 < len(s) && s[i] == '%' && isHexByte(s[i+1]) && isHexByte(s[i+2])
}

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// URL cleans an address where it enters sokbo (a feed, a post, a
// subscription): Sanitize, the white space around it trimmed, and every
// character left inside that an address may not hold as it is (a control,
// white space of any kind, an invisible format character, and " < > `)
// percent-encoded, as a browser does when it parses an address. Korean
// stays as it is. A link cleaned so never splits a tab-separated line
// and never carries a control; URL is idempotent.
func URL(s string) string {
	if plainURL(s) {
		return s // nearly every address, read from a cache that cleaned it
	}
	return escapeURL(strings.TrimSpace(Sanitize(s)), false)
}

// plainURL reports whether s is printable ASCII without white space or
// any of " < > `: what URL returns as it is. One look-up a byte: `sokbo
// list` prints fifty thousand addresses.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		if !urlByte[s[i]] {
			return false
		}
	}
	return true
}

// urlByte holds the bytes plainURL lets by.
var urlByte = func() (t [256]bool) {
	for c := '!'; c <= '~'; c++ {
		t[c] = !escapeASCII(byte(c))
	}
	return t
}()

// ASCIIURL returns address raw as a browser copies it: its host in
// punycode (https://한국.kr → https://xn--3e0b707e.kr), and every byte
// outside printable ASCII, white space, and " < > ` percent-encoded
// (https://ko.wikipedia.org/wiki/한국은행 →
// https://ko.wikipedia.org/wiki/%ED%95%9C…). Every program reads it
// whole, so it is the form sokbo copies, opens, makes terminal hyperlinks
// to and prints for machines. Escapes already in raw stay as they are.
func ASCIIURL(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" && !isASCII(u.Host) {
		host := u.Hostname()
		if ascii, err := idna.ToASCII(host); err == nil {
			raw = strings.Replace(raw, host, ascii, 1)
		}
	}
	return escapeURL(raw, true)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// escapeURL percent-encodes in s the bytes of ASCII controls, the space,
// " < > and `, and of every non-ASCII character that is white space, a
// control or an invisible format character; with all, every non-ASCII
// byte.
func escapeURL(s string, all bool) string {
	if !needsEscape(s, all) {
		return s
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		esc := false
		if c < utf8.RuneSelf {
			esc = escapeASCII(c)
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			esc = all || escapeRune(r, size)
		}
		if !esc {
			b.WriteString(s[i : i+size])
		} else {
			for _, c := range []byte(s[i : i+size]) {
				b.WriteByte('%')
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0x0f])
			}
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string, all bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if escapeASCII(c) {
				return true
			}
			i++
			continue
		}
		if all {
			return true
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if escapeRune(r, size) {
			return true
		}
		i += size
	}
	return false
}

func escapeASCII(c byte) bool {
	return c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '`'
}

func escapeRune(r rune, size int) bool {
	return r == utf8.RuneError && size <= 1 || unicode.IsControl(r) || unicode.IsSpace(r) ||
		unicode.Is(unicode.Cf, r) || isBidiControl(r)
}
