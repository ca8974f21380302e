package convert

import (
	"strings"
	"testing"

	"sokbo/feed"
)

// TestScripts: a superscript or subscript still reads as one, in the
// characters Unicode has for it or with ^ or _ before it, and is never
// run into the text beside it as another number (10<sup>-3</sup> is not
// 10-3). A footnote's link inside keeps its address.
func TestScripts(t *testing.T) {
	for in, want := range map[string]string{
		"<p>농도는 10<sup>-3</sup>이다.</p>":                             "농도는 10⁻³이다.",
		"<p>H<sub>2</sub>O와 CO<sub>2</sub></p>":                     "H₂O와 CO₂",
		"<p>평년 수준<sup>1</sup>이며</p>":                                "평년 수준¹이며",
		"<p>넓이 30m<sup>2</sup>, x<sup>n</sup></p>":                  "넓이 30m², xⁿ",
		"<p>E = mc<sup>2</sup> (x<sub>(i+1)</sub>)</p>":             "E = mc² (x\\_((i+1)))",
		"<p>평년 수준<sup>주1)</sup>이며</p>":                              "평년 수준^(주1))이며",
		"<p>x<sub>i</sub>와 x<sub>max</sub></p>":                     "x\\_i와 x\\_(max)",
		"<p>이름<sup>*</sup>과 이름<sup>†</sup></p>":                     "이름\\*과 이름†",
		"<p>이미 위 첨자²<sup>²</sup>와 빈 <sup> </sup>끝</p>":              "이미 위 첨자²²와 빈 끝",
		`<p>발표했다<sup><a href="https://e.kr/n#fn1">1</a></sup>.</p>`: "발표했다[¹](https://e.kr/n#fn1).",
		"<p>1<sup>st</sup> 제품<sup>TM</sup></p>":                     "1^(st) 제품^(TM)",
	} {
		got, err := Markdown(&feed.Item{Body: in})
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(got) != want {
			t.Errorf("Markdown(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}

// TestScriptReference: a reference already in brackets, as Wikipedia
// writes one inside <sup>, gets no ^ of its own.
func TestScriptReference(t *testing.T) {
	got, err := Markdown(&feed.Item{Body: `<p>문서<sup><a href="https://e.kr/w#cite-1">[1]</a></sup></p>`})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "^") || !strings.Contains(got, "[1") {
		t.Errorf("a bracketed reference: %q", got)
	}
}
