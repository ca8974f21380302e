package main

import (
	"strings"
	"testing"
)

// TestManPage: `sokbo man` writes a page whose paragraphs are the help's
// paragraphs, not one a wrapped line, in the run's language.
func TestManPage(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		out, errs, status := sokbo(t, "--lang", lang, "man")
		if status != 0 || errs != "" {
			t.Fatalf("%s: status %d, stderr %q", lang, status, errs)
		}
		if !strings.HasPrefix(out, ".TH SOKBO 1") {
			t.Fatalf("%s: not a man page:\n%.200s", lang, out)
		}
		if strings.Contains(out, ".PP\n.PP") {
			t.Errorf("%s: an empty paragraph:\n%s", lang, out)
		}
		desc := out[strings.Index(out, ".SH DESCRIPTION"):strings.Index(out, ".SH OPTIONS")]
		// Every line of the description is a paragraph mark or a whole
		// paragraph that ends a sentence.
		for _, line := range strings.Split(strings.TrimSpace(desc), "\n")[1:] {
			if line != ".PP" && !strings.HasSuffix(line, `\&.`) {
				t.Errorf("%s: a paragraph broken off mid-sentence: %q", lang, line)
			}
		}
	}
	// Flags as flags are written, each global one once, and the
	// environment and files.
	out, _, _ := sokbo(t, "--lang", "en", "man")
	if strings.Contains(out, "--h --help") || !strings.Contains(out, `\fB-h, --help\fP`) || !strings.Contains(out, `\fB-v, --version\fP`) {
		t.Errorf("shorthands are not written -h, --help:\n%s", out)
	}
	for _, flag := range []string{`\fB--offline\fP`, `\fB-h, --help\fP`} {
		if n := strings.Count(out, flag); n != 1 {
			t.Errorf("%s is listed %d times, not once", flag, n)
		}
	}
	for _, want := range []string{".SH ENVIRONMENT", "SOKBO_PAGER", "BROWSER", "NO_COLOR", ".SH FILES", `sokbo\&.db`, `config\&.toml`} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	out, _, _ = sokbo(t, "--lang", "ko", "man", "--help")
	if strings.Contains(out, "Generates manpages") {
		t.Errorf("the Korean help of man is in English:\n%s", out)
	}
}

func TestUnwrap(t *testing.T) {
	in := "첫 문단은\n두 줄로 감쌌다.\n\n둘째 문단.\n  예: sokbo list\n  예: sokbo read 3\n- 항목 하나\n- 항목 둘"
	want := "첫 문단은 두 줄로 감쌌다.\n둘째 문단.\n  예: sokbo list\n  예: sokbo read 3\n- 항목 하나\n- 항목 둘"
	if got := unwrap(in); got != want {
		t.Errorf("unwrap:\n got %q\nwant %q", got, want)
	}
}
