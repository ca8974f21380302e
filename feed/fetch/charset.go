package fetch

import (
	"bytes"
	"mime"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/unicode"
)

// charsetAliases are labels for Korean code pages that the WHATWG and IANA
// indexes do not know. golang.org/x/text's korean.EUCKR decodes the whole
// CP949 (Unified Hangul Code) superset, so all of them map to it.
var charsetAliases = map[string]encoding.Encoding{
	"cp949":         korean.EUCKR,
	"ms949":         korean.EUCKR,
	"uhc":           korean.EUCKR,
	"x-windows-949": korean.EUCKR,
	"windows-949":   korean.EUCKR,
	"x-uhc":         korean.EUCKR,
	"ksc5601":       korean.EUCKR,
	"ks_c_5601":     korean.EUCKR,
	"korean":        korean.EUCKR,
}

var (
	xmlDeclRe      = regexp.MustCompile(`^\s*<\?xml[^>]*?\?>`)
	xmlEncodingRe  = regexp.MustCompile(`(?i)(\sencoding\s*=\s*)(?:"([^"]*)"|'([^']*)')`)
	metaCharsetRe  = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)`)
	ctCharsetRe    = regexp.MustCompile(`(?i)charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)`)
	utf8BOM        = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM     = []byte{0xFF, 0xFE}
	utf16BEBOM     = []byte{0xFE, 0xFF}
	metaPrescanLen = 4096
)

// DecodeCharset returns body as UTF-8. It never fails: the encoding is taken
// from, in order, a byte-order mark, the charset of the HTTP contentType
// (which may be ""), the XML declaration and, for HTML, a <meta charset>.
// EUC-KR, CP949 and their aliases (ks_c_5601-1987, x-windows-949, …) are
// understood, and so are KS X 1001's 8-byte combination sequences for the
// syllables it has no code for. A body that is valid UTF-8 is read as UTF-8
// whatever it declares, since a mislabelled UTF-8 feed is far more common
// than legacy bytes that happen to form valid UTF-8. A body that is not
// UTF-8, undeclared or declared UTF-8, is read as CP949 when every byte of
// it is CP949 (Korean sites forget the label or copy a template's), else
// as UTF-8. Invalid bytes become U+FFFD. An XML declaration in the result
// says encoding="utf-8", so that an XML parser does not decode the bytes a
// second time.
//
// Call it on fetched or read bytes before parsing them as a feed or post;
// DecodeCharsetNote says also when a declaration was wrong.
func DecodeCharset(body []byte, contentType string) []byte {
	out, _ := DecodeCharsetNote(body, contentType)
	return out
}

// AsUTF8 returns what DecodeCharsetNote makes of body and contentType,
// its note too, and true, when that depends on body's first bytes alone,
// on the condition that body is valid UTF-8 with no NUL byte: the caller
// checks that (utf8.Valid), and may do so while it reads the result,
// which DecodeCharsetNote cannot let it. It returns false for a body with
// a byte-order mark, which is decoded by the mark. The result is body
// with its XML declaration, if any, made to say utf-8.
func AsUTF8(body []byte, contentType string) (out []byte, note error, ok bool) {
	if bytes.HasPrefix(body, utf8BOM) || bytes.HasPrefix(body, utf16LEBOM) || bytes.HasPrefix(body, utf16BEBOM) {
		return nil, nil, false
	}
	enc, _ := declaredEncoding(body, contentType)
	return fixXMLDecl(body), unknownNote(enc, body, contentType, false), true
}

// DecodeCharsetNote is DecodeCharset, and a *MislabelledError when body was
// declared UTF-8 and was read as CP949 instead, an *InvalidBytesError
// when bytes of it no charset reads are shown as U+FFFD, an
// *UnknownCharsetError when the charset it declares is none sokbo
// knows, or nil. The cost is one
// pass over body to check it is UTF-8, and for one that is not, one to
// decode it.
func DecodeCharsetNote(body []byte, contentType string) ([]byte, error) {
	switch {
	case bytes.HasPrefix(body, utf8BOM):
		return fixXMLDecl(bytes.ToValidUTF8(body[len(utf8BOM):], []byte("\uFFFD"))), nil
	case bytes.HasPrefix(body, utf16LEBOM), bytes.HasPrefix(body, utf16BEBOM):
		// The BOM override strips the mark and picks the byte order.
		return fixXMLDecl(decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), body)), nil
	}

	enc, by := declaredEncoding(body, contentType)
	if utf8.Valid(body) {
		// UTF-16 without a BOM is valid UTF-8 too when it is mostly
		// ASCII, but then it is full of NUL bytes, which no feed has.
		if by != DeclaredNone && isUTF16(enc) && bytes.IndexByte(body, 0) >= 0 {
			return fixXMLDecl(decodeWith(enc, body)), nil
		}
		return fixXMLDecl(body), unknownNote(enc, body, contentType, false)
	}
	if enc == nil || enc == encoding.Nop || isUTF8(enc) {
		// Undeclared or claiming UTF-8, but not valid UTF-8: Korean
		// sites that forget the label, or keep a template's "utf-8",
		// almost always serve CP949. Only a body CP949 reads whole is
		// taken for it; else the UTF-8 it claims, with what is broken
		// replaced.
		if out, ok := decodeStrict(korean.EUCKR, body); ok {
			note := unknownNote(enc, body, contentType, true)
			if by != DeclaredNone {
				note = &MislabelledError{By: by}
			}
			return fixXMLDecl(composeHangul(out)), note
		}
		return fixXMLDecl(bytes.ToValidUTF8(body, []byte("\uFFFD"))), &InvalidBytesError{Runs: invalidRuns(body)}
	}
	if name, ok := westernName(enc); ok {
		// Declared Latin-1 (a server's default, or an old template's)
		// but Korean: a body CP949 reads whole, and as Korean text, is
		// CP949. Western text almost never reads as CP949 at all (an
		// accented letter before a space or an ASCII letter is no
		// CP949 pair), and Korean text read as Latin-1 is all mojibake.
		if out, ok := decodeStrict(korean.EUCKR, body); ok && mostlyHangul(out) {
			return fixXMLDecl(composeHangul(out)), &MislabelledError{By: by, Label: name}
		}
	}
	out := decodeWith(enc, body)
	if enc == korean.EUCKR {
		out = composeHangul(out)
	}
	return fixXMLDecl(out), nil
}

// Declared says where a body's charset was declared.
type Declared uint8

// The places a charset is declared, in the order DecodeCharset reads them.
const (
	DeclaredNone   Declared = iota // not declared, or not in a known label
	DeclaredHeader                 // the HTTP Content-Type header
	DeclaredXML                    // the XML declaration's encoding
	DeclaredMeta                   // an HTML <meta charset> or http-equiv
)

func (d Declared) String() string {
	switch d {
	case DeclaredHeader:
		return "the Content-Type header"
	case DeclaredXML:
		return "the XML declaration"
	case DeclaredMeta:
		return "<meta charset>"
	}
	return "nothing"
}

// MislabelledError is the note for a body declared UTF-8 that is not,
// or declared a Western single-byte charset (Latin-1, windows-1252) but
// Korean, and that was read as CP949 (EUC-KR), which it is whole. It is a
// warning, not a failure: the text read is right.
type MislabelledError struct {
	By Declared // what declared the charset
	// Label is the charset declared, as the WHATWG names it
	// ("windows-1252"), or "" for UTF-8.
	Label string
}

func (e *MislabelledError) Error() string {
	if e.Label != "" {
		return "read as CP949 (EUC-KR): declared " + e.Label + " by " + e.By.String() + " but is Korean"
	}
	return "read as CP949 (EUC-KR): declared UTF-8 by " + e.By.String() + " but is not"
}

// UnknownCharsetError is the note for a body whose declared charset is
// none sokbo knows ("klingon-9"), and that no other declaration names
// one it does: the body was read as UTF-8, which it is, or, not being
// UTF-8, as the CP949 it is whole. A warning, not a failure.
type UnknownCharsetError struct {
	By    Declared // where the label was declared
	Label string   // the label, printable ASCII only and cut to 40 bytes
	CP949 bool     // read as CP949 (EUC-KR), not UTF-8
}

func (e *UnknownCharsetError) Error() string {
	as := "UTF-8"
	if e.CP949 {
		as = "CP949 (EUC-KR)"
	}
	return "read as " + as + ": declared " + e.Label + " by " + e.By.String() + ", a charset sokbo does not know"
}

// maxLabel caps the label an UnknownCharsetError quotes.
const maxLabel = 40

// unknownNote is the *UnknownCharsetError for body when enc, what
// declaredEncoding found, is none and a declaration names a label no
// index knows; else nil.
func unknownNote(enc encoding.Encoding, body []byte, contentType string, cp949 bool) error {
	if enc != nil {
		return nil
	}
	label, by := unknownLabel(body, contentType)
	if label == "" {
		return nil
	}
	return &UnknownCharsetError{By: by, Label: label, CP949: cp949}
}

// unknownLabel is the first charset label body or contentType declares
// in declaredEncoding's order that no index knows, made printable
// (printable ASCII kept, anything else a "?", cut to maxLabel bytes with
// "…"), and where; "" when every label declared is known or none is.
// It is called only when declaredEncoding found none it knows.
func unknownLabel(body []byte, contentType string) (string, Declared) {
	var label string
	by := DeclaredNone
	if l := contentTypeCharset(contentType); strings.TrimSpace(l) != "" {
		label, by = l, DeclaredHeader
	} else if decl := xmlDeclRe.Find(body); decl != nil {
		if m := xmlEncodingRe.FindSubmatch(decl); m != nil {
			label, by = string(m[2])+string(m[3]), DeclaredXML
		}
	} else {
		head := body[:min(len(body), metaPrescanLen)]
		if m := metaCharsetRe.FindSubmatch(head); m != nil {
			label, by = string(m[1]), DeclaredMeta
		}
	}
	label = strings.Trim(strings.TrimSpace(label), `"'`)
	if label == "" {
		return "", DeclaredNone
	}
	var b strings.Builder
	for _, r := range label {
		if b.Len() >= maxLabel {
			b.WriteString("…")
			break
		}
		if r > ' ' && r < 0x7f {
			b.WriteRune(r)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String(), by
}

// InvalidBytesError is the note for a body read as UTF-8 (declared so,
// or not declared) that holds bytes UTF-8 cannot read and CP949 cannot
// either: each run of them is shown as one U+FFFD, and the note says
// how many there were, so that the reader knows the text is not whole.
type InvalidBytesError struct {
	Runs int // runs of invalid bytes, each now one U+FFFD
}

func (e *InvalidBytesError) Error() string {
	if e.Runs == 1 {
		return "1 run of bytes that are not UTF-8 (nor CP949) shown as \uFFFD"
	}
	return strconv.Itoa(e.Runs) + " runs of bytes that are not UTF-8 (nor CP949) shown as \uFFFD"
}

// invalidRuns counts the runs of bytes of b that are not UTF-8, as
// bytes.ToValidUTF8 replaces them.
func invalidRuns(b []byte) int {
	n, in := 0, false
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		bad := r == utf8.RuneError && size == 1
		if bad && !in {
			n++
		}
		in = bad
		b = b[size:]
	}
	return n
}

// westernName is the WHATWG name of enc when it is one of the Western
// single-byte encodings a Korean server is wrongly set to (Latin-1 and
// US-ASCII are windows-1252 there).
func westernName(enc encoding.Encoding) (string, bool) {
	if enc == nil {
		return "", false
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return "", false
	}
	switch name {
	case "windows-1252", "iso-8859-15", "iso-8859-2", "macintosh":
		return name, true
	}
	return "", false
}

// mostlyHangul reports whether text, decoded, is Korean: some Hangul
// syllables, and at least half its non-ASCII characters Hangul.
func mostlyHangul(text []byte) bool {
	hangul, other := 0, 0
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		switch {
		case r < utf8.RuneSelf:
		case r >= 0xAC00 && r <= 0xD7A3, r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F:
			hangul++
		default:
			other++
		}
	}
	return hangul > 0 && hangul >= other
}

// declaredEncoding finds the encoding body declares, in precedence order,
// and where.
func declaredEncoding(body []byte, contentType string) (encoding.Encoding, Declared) {
	if label := contentTypeCharset(contentType); label != "" {
		if enc := lookupEncoding(label); enc != nil {
			return enc, DeclaredHeader
		}
	}
	if decl := xmlDeclRe.Find(body); decl != nil {
		if m := xmlEncodingRe.FindSubmatch(decl); m != nil {
			if enc := lookupEncoding(string(m[2]) + string(m[3])); enc != nil {
				return enc, DeclaredXML
			}
		}
		return nil, DeclaredNone
	}
	head := body
	if len(head) > metaPrescanLen {
		head = head[:metaPrescanLen]
	}
	if m := metaCharsetRe.FindSubmatch(head); m != nil {
		if enc := lookupEncoding(string(m[1])); enc != nil {
			return enc, DeclaredMeta
		}
	}
	return nil, DeclaredNone
}

func contentTypeCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return params["charset"]
	}
	// A malformed header still often carries a readable charset.
	if m := ctCharsetRe.FindStringSubmatch(contentType); m != nil {
		return m[1]
	}
	return ""
}

// lookupEncoding resolves a charset label, or returns nil.
func lookupEncoding(label string) encoding.Encoding {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if label == "" {
		return nil
	}
	if enc, ok := charsetAliases[label]; ok {
		return enc
	}
	if enc, err := htmlindex.Get(label); err == nil && enc != nil {
		return enc
	}
	if enc, err := ianaindex.IANA.Encoding(label); err == nil && enc != nil {
		return enc
	}
	return nil
}

func isUTF8(enc encoding.Encoding) bool {
	name, err := htmlindex.Name(enc)
	return err == nil && name == "utf-8"
}

func isUTF16(enc encoding.Encoding) bool {
	name, err := htmlindex.Name(enc)
	return err == nil && strings.HasPrefix(name, "utf-16")
}

// decodeWith decodes body, replacing what enc cannot read with U+FFFD.
func decodeWith(enc encoding.Encoding, body []byte) []byte {
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		// x/text decoders replace bad input themselves; an error here is
		// a transformer failure, and the raw bytes are the best we have.
		out = body
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD"))
}

// decodeStrict decodes body and reports whether it did so without a single
// replacement character.
func decodeStrict(enc encoding.Encoding, body []byte) ([]byte, bool) {
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return nil, false
	}
	return out, true
}

// fixXMLDecl rewrites the encoding of an XML declaration to utf-8.
func fixXMLDecl(body []byte) []byte {
	loc := xmlDeclRe.FindIndex(body)
	if loc == nil {
		return body
	}
	decl := body[loc[0]:loc[1]]
	m := xmlEncodingRe.FindSubmatchIndex(decl)
	if m == nil {
		return body
	}
	value := string(decl[m[0]:m[1]])
	if strings.Contains(strings.ToLower(value), "utf-8") {
		return body
	}
	var out bytes.Buffer
	out.Grow(len(body))
	out.Write(body[:loc[0]+m[0]])
	out.Write(decl[m[2]:m[3]]) // the " encoding=" part
	out.WriteString(`"utf-8"`)
	out.Write(body[loc[0]+m[1]:])
	return out.Bytes()
}
