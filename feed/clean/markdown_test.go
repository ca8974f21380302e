package clean

import "testing"

func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		`속보 24~31℃`:              `속보 24~31℃`,
		`&lt;태그&gt; &amp; 설명`:    `<태그> & 설명`,
		`\&lt;태그\&gt; 사진`:        `&lt;태그&gt; 사진`,
		`&amp;lt;하나&amp;gt;`:     `&lt;하나&gt;`,
		`\&amp;`:                 `&amp;`,
		`\\&lt;`:                 `\<`,
		`\[1\] \*별\* \~`:         `[1] *별* ~`,
		`&#54620;&#xAE00; \&#1;`: `한글 &#1;`,
		`끝\`:                     `끝\`,
		`\가 \ `:                  `\가 \ `,
	} {
		if got := string(MarkdownText([]byte(in))); got != want {
			t.Errorf("MarkdownText(%q) = %q, want %q", in, got, want)
		}
	}
}
