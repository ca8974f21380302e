package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/unicode"
)

// cp949Title holds 똠 and 햏, which exist in CP949 but not in KS X 1001,
// the EUC-KR repertoire, so only a CP949-aware decoder reads them.
const cp949Title = "똠방각하와 햏자의 속보"

func eucKR(t testing.TB, s string) []byte {
	t.Helper()
	b, err := korean.EUCKR.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q as CP949: %v", s, err)
	}
	return b
}

func TestDecodeCharset(t *testing.T) {
	const title = "속보: 서울 전역 호우 경보"
	rss := func(decl string) string {
		return decl + "<rss version=\"2.0\"><channel><title>" + title + "</title></channel></rss>"
	}
	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(rss(`<?xml version="1.0" encoding="utf-16"?>`)))
	if err != nil {
		t.Fatal(err)
	}

	tests := map[string]struct {
		body        []byte
		contentType string
		want        string // a substring of the result
		wantDecl    bool   // the result must declare utf-8
	}{
		"utf-8 plain": {
			body: []byte(rss(`<?xml version="1.0"?>`)), want: title,
		},
		"utf-8 bom": {
			body: append([]byte{0xEF, 0xBB, 0xBF}, rss(`<?xml version="1.0" encoding="UTF-8"?>`)...), want: "<?xml", wantDecl: true,
		},
		"utf-16 bom": {
			body: utf16le, want: title, wantDecl: true,
		},
		"euc-kr from xml declaration": {
			body: eucKR(t, rss(`<?xml version="1.0" encoding="EUC-KR"?>`)), want: title, wantDecl: true,
		},
		"euc-kr from content type": {
			body: eucKR(t, rss(`<?xml version="1.0"?>`)), contentType: "application/rss+xml; charset=euc-kr", want: title,
		},
		"ks_c_5601-1987 label": {
			body: eucKR(t, rss(`<?xml version="1.0" encoding="ks_c_5601-1987"?>`)), want: title, wantDecl: true,
		},
		"cp949 only syllables": {
			body: eucKR(t, rss(`<?xml version="1.0" encoding="cp949"?>`)+cp949Title), want: cp949Title, wantDecl: true,
		},
		"x-windows-949 label": {
			body: eucKR(t, cp949Title), contentType: "text/xml; charset=x-windows-949", want: cp949Title,
		},
		"content type wins over declaration": {
			body: eucKR(t, rss(`<?xml version="1.0" encoding="iso-8859-1"?>`)), contentType: "text/xml; charset=\"EUC-KR\"", want: title, wantDecl: true,
		},
		"says euc-kr but is utf-8": {
			body: []byte(rss(`<?xml version="1.0" encoding="euc-kr"?>`)), want: title, wantDecl: true,
		},
		"content type says euc-kr but is utf-8": {
			body: []byte(rss(`<?xml version="1.0"?>`)), contentType: "text/xml; charset=euc-kr", want: title,
		},
		"undeclared cp949": {
			body: eucKR(t, rss(`<?xml version="1.0"?>`)), want: title,
		},
		"wrong content type": {
			body: eucKR(t, rss(`<?xml version="1.0" encoding="euc-kr"?>`)), contentType: "text/plain", want: title, wantDecl: true,
		},
		"malformed content type": {
			body: eucKR(t, title), contentType: "text/xml;; charset=euc-kr;;", want: title,
		},
		"html meta charset": {
			body: eucKR(t, `<html><head><meta charset="euc-kr"><title>`+title+`</title>`), want: title,
		},
		"html http-equiv": {
			body: eucKR(t, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">`+title), want: title,
		},
		"unknown label falls back": {
			body: []byte(rss(`<?xml version="1.0" encoding="x-no-such-charset"?>`)), want: title,
		},
		"invalid bytes in declared utf-8": {
			body: []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>a\xffb</t>"), want: "a\uFFFDb",
		},
		"invalid bytes in euc-kr": {
			body: append(eucKR(t, `<?xml version="1.0" encoding="euc-kr"?><t>`+title), 0xFF, 0xFF, '<'), want: title, wantDecl: true,
		},
		"cp949 declared utf-8": {
			body: eucKR(t, rss(`<?xml version="1.0" encoding="utf-8"?>`)), want: title,
		},
		"cp949 with utf-8 meta": {
			body: eucKR(t, `<html><head><meta charset="utf-8"><title>`+title+`</title>`), want: title,
		},
		"cp949 with utf-8 header": {
			body: eucKR(t, title), contentType: "text/xml; charset=UTF-8", want: title,
		},
		"8-byte sequence": {
			body: eucKR(t, `<?xml version="1.0" encoding="euc-kr"?><t>ㅤㄸㅗㅁ방각하</t>`), want: "<t>똠방각하</t>", wantDecl: true,
		},
		"8-byte sequence, undeclared": {
			body: eucKR(t, `<t>ㅤㄸㅗㅁ방각하</t>`), want: "<t>똠방각하</t>",
		},
		"empty": {body: nil, want: ""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := DecodeCharset(tt.body, tt.contentType)
			if !utf8.Valid(got) {
				t.Fatalf("result is not valid UTF-8: %q", got)
			}
			if !bytes.Contains(got, []byte(tt.want)) {
				t.Fatalf("result %q does not contain %q", got, tt.want)
			}
			if bytes.HasPrefix(got, []byte{0xEF, 0xBB, 0xBF}) {
				t.Fatalf("result keeps the BOM")
			}
			decl := xmlDeclRe.Find(got)
			if tt.wantDecl && !bytes.Contains(decl, []byte(`encoding="utf-8"`)) && !bytes.Contains(bytes.ToLower(decl), []byte(`encoding="utf-8"`)) {
				t.Fatalf("declaration %q does not say utf-8", decl)
			}
			if m := xmlEncodingRe.FindSubmatch(decl); m != nil {
				if label := strings.ToLower(string(m[2]) + string(m[3])); label != "utf-8" && label != "utf8" {
					t.Fatalf("declaration still claims %q", label)
				}
			}
		})
	}
}

func TestFixXMLDecl(t *testing.T) {
	tests := map[string]string{
		`<?xml version="1.0" encoding="EUC-KR"?><rss/>`:                  `<?xml version="1.0" encoding="utf-8"?><rss/>`,
		`<?xml version='1.0' encoding='euc-kr' standalone='yes'?><rss/>`: `<?xml version='1.0' encoding="utf-8" standalone='yes'?><rss/>`,
		"\n  <?xml version=\"1.0\" encoding = \"cp949\" ?>\n<rss/>":      "\n  <?xml version=\"1.0\" encoding = \"utf-8\" ?>\n<rss/>",
		`<?xml version="1.0"?><rss encoding="euc-kr"/>`:                  `<?xml version="1.0"?><rss encoding="euc-kr"/>`,
		`<rss><title>encoding="euc-kr"</title></rss>`:                    `<rss><title>encoding="euc-kr"</title></rss>`,
		`<?xml version="1.0" encoding="UTF-8"?><rss/>`:                   `<?xml version="1.0" encoding="UTF-8"?><rss/>`,
	}
	for in, want := range tests {
		if got := string(fixXMLDecl([]byte(in))); got != want {
			t.Errorf("fixXMLDecl(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDecodeCharsetNote: bytes declared UTF-8 that are not, and that are
// CP949 whole, are read as CP949 with a note naming the declaration; no
// other body has a note.
func TestDecodeCharsetNote(t *testing.T) {
	const title = "속보: 코드 잘못 선언"
	tests := map[string]struct {
		body        []byte
		contentType string
		want        string
		by          Declared // DeclaredNone: no MislabelledError
		invalid     int      // runs of invalid bytes an InvalidBytesError counts, or 0 for none
	}{
		"xml declaration": {
			body: eucKR(t, `<?xml version="1.0" encoding="utf-8"?><t>`+title+`</t>`), want: "<t>" + title + "</t>", by: DeclaredXML,
		},
		"header": {
			body: eucKR(t, `<t>`+title+`</t>`), contentType: "application/rss+xml; charset=utf-8", want: title, by: DeclaredHeader,
		},
		"header over a right declaration": {
			body: eucKR(t, `<?xml version="1.0" encoding="euc-kr"?><t>`+title+`</t>`), contentType: "text/xml; charset=utf-8", want: title, by: DeclaredHeader,
		},
		"meta": {
			body: eucKR(t, `<html><meta http-equiv="content-type" content="text/html; charset=UTF-8">`+title), want: title, by: DeclaredMeta,
		},
		"undeclared": {
			body: eucKR(t, `<t>`+title+`</t>`), want: title,
		},
		"declared euc-kr": {
			body: eucKR(t, `<?xml version="1.0" encoding="euc-kr"?><t>`+title+`</t>`), want: title,
		},
		"utf-8 as declared": {
			body: []byte(`<?xml version="1.0" encoding="utf-8"?><t>` + title + `</t>`), want: title,
		},
		// Broken UTF-8 that CP949 does not read whole stays UTF-8: the
		// declaration was right and a byte or two is bad.
		"broken utf-8": {
			body: []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>" + title + "\xed\x95</t>"), want: title + "\uFFFD", invalid: 1,
		},
		"latin-1 byte in utf-8": {
			body: []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>caf\xe9 " + title + "</t>"), want: "caf\uFFFD", invalid: 1,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, note := DecodeCharsetNote(tt.body, tt.contentType)
			if !bytes.Contains(got, []byte(tt.want)) {
				t.Errorf("result %q does not contain %q", got, tt.want)
			}
			if !bytes.Equal(got, DecodeCharset(tt.body, tt.contentType)) {
				t.Errorf("DecodeCharsetNote and DecodeCharset differ")
			}
			var me *MislabelledError
			var ie *InvalidBytesError
			switch {
			case tt.invalid > 0 && (!errors.As(note, &ie) || ie.Runs != tt.invalid):
				t.Errorf("note %v, want %d runs of invalid bytes", note, tt.invalid)
			case tt.invalid > 0:
			case tt.by == DeclaredNone && note != nil:
				t.Errorf("note %v, want none", note)
			case tt.by != DeclaredNone && (!errors.As(note, &me) || me.By != tt.by):
				t.Errorf("note %v, want one naming %v", note, tt.by)
			case note != nil && strings.ContainsAny(note.Error(), "\n\r"):
				t.Errorf("note %q is not one line", note)
			}
		})
	}
}

// TestComposeHangul: KS X 1001's 8-byte combination sequences, as
// korean.EUCKR decodes them, become the syllable or jamo they write.
func TestComposeHangul(t *testing.T) {
	const f = "\u3164"
	for in, want := range map[string]string{
		f + "ㄸㅗㅁ방각하":          "똠방각하",
		f + "ㅎㅐㅎ자":            "햏자",
		f + "ㄱㅏ" + f:          "가",
		f + "ㅎㅣㅎ":             "힣",
		f + "ㄱㅏㄳ":             "갃",
		f + "ㄱ" + f + f:       "ㄱ",
		f + f + "ㅏ" + f:       "ㅏ",
		f + f + f + "ㄳ":       "ㄳ",
		"앞 " + f + "ㅃㅝㄹ 뒤":    "앞 뿰 뒤",
		f + "ㄸㅗㅁ" + f + "ㄸㅗㅁ": "똠똠",
		// Not combination sequences: left as they are.
		f:                 f,
		f + "ㄱㅏ":          f + "ㄱㅏ",
		f + "ㅏㄱㄱ":         f + "ㅏㄱㄱ", // a vowel is no initial
		f + "ㄱㄴㄱ":         f + "ㄱㄴㄱ", // a consonant is no medial
		f + "ㄱㅏㄸ":         f + "ㄱㅏㄸ", // ㄸ is no final
		f + "ㄱ" + f + "ㄱ": f + "ㄱ" + f + "ㄱ",
		f + f + f + f:     f + f + f + f,
		f + "가나다":         f + "가나다",
		f + "ㄱㅏ\xff":      f + "ㄱㅏ\xff",
		"속보":              "속보",
		"":                "",
	} {
		if got := string(composeHangul([]byte(in))); got != want {
			t.Errorf("composeHangul(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecodeCharset(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0" encoding="euc-kr"?><a>`), "")
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>\xbc\xd3\xba\xb8</a>"), "")
	f.Add([]byte("<a>\xbc\xd3\xba\xb8</a>"), "text/xml; charset=utf-8")
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"euc-kr\"?><a>\xa4\xd4\xa4\xa8\xa4\xc7\xa4\xb1</a>"), "")
	f.Add([]byte("\xa4\xd4\xa4\xa8\xa4\xd4\xa4\xd4\xa4\xd4"), "text/html; charset=euc-kr")
	f.Add([]byte{0xFF, 0xFE, 'a', 0}, "text/xml; charset=utf-16")
	f.Add([]byte{0xB5, 0xFB, 0xFF}, "text/html; charset=cp949")
	f.Add([]byte(`<?xml version="1.0" encoding="klingon-9"?><a>속보</a>`), "")
	f.Add([]byte(`<meta charset="klingon-9">속보`), "text/html; charset=x\x1b")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		got, note := DecodeCharsetNote(body, contentType)
		if !utf8.Valid(got) {
			t.Fatalf("DecodeCharset(%q, %q) = %q, not UTF-8", body, contentType, got)
		}
		if note != nil && utf8.Valid(body) && !errors.As(note, new(*UnknownCharsetError)) {
			t.Fatalf("DecodeCharset(%q, %q): valid UTF-8 with a note %v", body, contentType, note)
		}
		if note != nil && strings.ContainsFunc(note.Error(), func(r rune) bool { return r < ' ' || (r >= 0x7f && r < 0xa0) }) {
			t.Fatalf("note %q holds a control", note)
		}
		if utf8.Valid(body) && !bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}) && bytes.IndexByte(body, 0) < 0 {
			if !bytes.Equal(got, fixXMLDecl(body)) {
				t.Fatalf("valid UTF-8 %q changed to %q", body, got)
			}
			out, fast, ok := AsUTF8(body, contentType)
			if !ok || !bytes.Equal(out, got) || fmt.Sprint(fast) != fmt.Sprint(note) {
				t.Fatalf("AsUTF8(%q, %q) = %q, %v, %v; DecodeCharsetNote = %q, %v", body, contentType, out, fast, ok, got, note)
			}
		}
	})
}

// TestWesternDeclaredKorean: CP949 bytes declared Latin-1 (a server's
// default) are read as the Korean they are, with a note naming what
// declared what; Western text so declared is read as declared.
func TestWesternDeclaredKorean(t *testing.T) {
	cp949, err := korean.EUCKR.NewEncoder().Bytes([]byte("[속보] 서울 지하철 2호선 운행 중단… 24~31℃ 폭염"))
	if err != nil {
		t.Fatal(err)
	}
	latin1, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte("Été à Paris : la Seine à 24 °C, déjà « trop chaud »"))
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		body        []byte
		contentType string
		want        string
		by          Declared // DeclaredNone: no note
		label       string
	}{
		"cp949, header latin-1": {
			body: append([]byte("<rss><title>"), cp949...), contentType: "application/rss+xml; charset=ISO-8859-1",
			want: "[속보] 서울 지하철 2호선 운행 중단… 24~31℃ 폭염", by: DeclaredHeader, label: "windows-1252",
		},
		"cp949, xml declaration windows-1252": {
			body: append([]byte(`<?xml version="1.0" encoding="windows-1252"?><rss><title>`), cp949...),
			want: "서울 지하철", by: DeclaredXML, label: "windows-1252",
		},
		"cp949, header us-ascii": {
			body: append([]byte("<rss><title>"), cp949...), contentType: "text/xml; charset=us-ascii",
			want: "폭염", by: DeclaredHeader, label: "windows-1252",
		},
		"latin-1 text, header latin-1": {
			body: append([]byte("<rss><title>"), latin1...), contentType: "text/xml; charset=iso-8859-1",
			want: "Été à Paris : la Seine à 24 °C, déjà « trop chaud »",
		},
		"windows-1252 quotes": {
			body: []byte("<rss><title>\x93quoted\x94 \x96 caf\xe9</title>"), contentType: "text/xml; charset=windows-1252",
			want: "\u201cquoted\u201d \u2013 café",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, note := DecodeCharsetNote(tt.body, tt.contentType)
			if !bytes.Contains(got, []byte(tt.want)) {
				t.Errorf("result %q does not contain %q", got, tt.want)
			}
			var me *MislabelledError
			switch {
			case tt.by == DeclaredNone && note != nil:
				t.Errorf("note %v, want none", note)
			case tt.by != DeclaredNone && (!errors.As(note, &me) || me.By != tt.by || me.Label != tt.label):
				t.Errorf("note %#v, want one naming %v and %s", note, tt.by, tt.label)
			}
		})
	}
}

// TestUnknownCharset: a body that declares a charset no index knows, and
// no other it does, is read as what it is (UTF-8, or CP949 when it is that
// whole) with one *UnknownCharsetError naming the label, printable, and
// where it was declared; a known declaration after the unknown one is the
// one followed, without a note.
func TestUnknownCharset(t *testing.T) {
	const title = "속보: 모르는 문자 인코딩"
	tests := map[string]struct {
		body        []byte
		contentType string
		want        string
		label       string // "" for no note
		by          Declared
		cp949       bool
	}{
		"xml declaration": {
			body: []byte(`<?xml version="1.0" encoding="klingon-9"?><t>` + title + `</t>`), want: title, label: "klingon-9", by: DeclaredXML,
		},
		"header": {
			body: []byte(`<t>` + title + `</t>`), contentType: "application/rss+xml; charset=klingon-9", want: title, label: "klingon-9", by: DeclaredHeader,
		},
		"meta": {
			body: []byte(`<html><meta charset="klingon-9">` + title), want: title, label: "klingon-9", by: DeclaredMeta,
		},
		"hostile label": {
			body: []byte("<?xml version=\"1.0\" encoding=\"k\x1b[2J\u009b" + strings.Repeat("x", 60) + "\"?><t>" + title + "</t>"), want: title,
			label: "k?[2J?" + strings.Repeat("x", 34) + "…", by: DeclaredXML,
		},
		"cp949 bytes": {
			body: eucKR(t, `<?xml version="1.0" encoding="klingon-9"?><t>`+title+`</t>`), want: title, label: "klingon-9", by: DeclaredXML, cp949: true,
		},
		"unknown header, known xml": {
			body: []byte(`<?xml version="1.0" encoding="utf-8"?><t>` + title + `</t>`), contentType: "text/xml; charset=klingon-9", want: title,
		},
		"empty label": {
			body: []byte(`<?xml version="1.0" encoding=""?><t>` + title + `</t>`), want: title,
		},
		"known label": {
			body: []byte(`<?xml version="1.0" encoding="euc-kr"?><t>` + title + `</t>`), want: title,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, note := DecodeCharsetNote(tt.body, tt.contentType)
			if !bytes.Contains(got, []byte(tt.want)) {
				t.Errorf("result %q does not contain %q", got, tt.want)
			}
			var ue *UnknownCharsetError
			switch {
			case tt.label == "" && note != nil:
				t.Errorf("note %v, want none", note)
			case tt.label != "" && !errors.As(note, &ue):
				t.Errorf("note %v, want an UnknownCharsetError", note)
			case tt.label != "" && (ue.Label != tt.label || ue.By != tt.by || ue.CP949 != tt.cp949):
				t.Errorf("note %+v, want label %q by %v, CP949 %v", ue, tt.label, tt.by, tt.cp949)
			}
			if utf8.Valid(tt.body) {
				out, fast, ok := AsUTF8(tt.body, tt.contentType)
				if !ok || !bytes.Equal(out, got) || (fast == nil) != (note == nil) || (note != nil && fast.Error() != note.Error()) {
					t.Errorf("AsUTF8 = %q, %v, %v; DecodeCharsetNote = %q, %v", out, fast, ok, got, note)
				}
			}
		})
	}
}
