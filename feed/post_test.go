package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestSeedPost(t *testing.T) {
	it := loadOne(t, "testdata/seed.txt")
	if it.Title != "카카오톡 네트워크 오류 두 달 만에 접속 장애" {
		t.Errorf("title = %q", it.Title)
	}
	if !slices.Equal(it.Categories, []string{"News"}) {
		t.Errorf("categories = %q", it.Categories)
	}
	if !strings.HasPrefix(it.Summary, "카카오톡 및 포털 다음에 접속 장애가 발생한 가운데,") ||
		!strings.HasSuffix(it.Summary, "요구한 바 있다.") {
		t.Errorf("summary = %q, want the excerpt", it.Summary)
	}
	if it.Image != "/assets/img/newsdao_breakingnews.jpg" {
		t.Errorf("image = %q, want it relative: the seed has no link", it.Image)
	}
	if it.Link != "" || it.ID != "post:seed.txt" || !it.Published.IsZero() || it.Format != FormatHTML {
		t.Errorf("link %q, id %q, date %v, format %v", it.Link, it.ID, it.Published, it.Format)
	}
}

func TestParsePost(t *testing.T) {
	tests := map[string]struct {
		name, text string
		want       Item // the fields compared: Title, Link, Published, Categories, Image, Summary, Author, Format, ID
	}{
		"minimal": {
			name: "a.md", text: "---\ntitle: 제목\n---\n본문\n",
			want: Item{Title: "제목", ID: "post:a.md", Format: FormatMarkdown},
		},
		"empty front matter, title from the file name": {
			name: "2023-08-08-kakao-outage.md", text: "---\n---\n본문",
			want: Item{Title: "kakao outage", ID: "post:2023-08-08-kakao-outage.md", Published: Day(2023, 8, 8), Format: FormatMarkdown},
		},
		"date from front matter beats the file name": {
			name: "2023-08-08-x.html", text: "---\ntitle: x\ndate: 2023-08-09 10:54:00 +0900\n---\n<p>본문</p>",
			want: Item{Title: "x", ID: "post:2023-08-08-x.html", Published: kst("2023-08-09 10:54"), Format: FormatHTML},
		},
		"categories as a string are split, category is one": {
			name: "a.md", text: "---\ntitle: x\ncategories: 속보 경제\ncategory: 국제 뉴스\n---\n",
			want: Item{Title: "x", ID: "post:a.md", Categories: []string{"속보", "경제", "국제 뉴스"}, Format: FormatMarkdown},
		},
		"tags follow the categories, repeats dropped": {
			name: "a.md", text: "---\ntitle: x\ntags: [호우, 대피, 속보]\ncategories:\n  - 속보\n  - 날씨\n---\n",
			want: Item{Title: "x", ID: "post:a.md", Categories: []string{"속보", "날씨", "호우", "대피"}, Format: FormatMarkdown},
		},
		"tags as a string are split, tag is one": {
			name: "a.md", text: "---\ntitle: x\ntags: 호우 대피\ntag: 집중 호우\ncategory: 사회\n---\n",
			want: Item{Title: "x", ID: "post:a.md", Categories: []string{"사회", "호우", "대피", "집중 호우"}, Format: FormatMarkdown},
		},
		"tags are cleaned; empty and null ones dropped": {
			name: "a.md", text: "---\ntitle: x\ntags: [\"R&amp;D\", \"\\e[31m경제\", \"\", ~, {a: 1}, " + norm.NFD.String("한국") + "]\n---\n",
			want: Item{Title: "x", ID: "post:a.md", Categories: []string{"R&D", "경제", "한국"}, Format: FormatMarkdown},
		},
		"link makes the image absolute and is the ID": {
			name: "a.md", text: "---\ntitle: x\nlink: https://newsdao.kr/4082\nimage: /assets/a.jpg\n---\n",
			want: Item{Title: "x", Link: "https://newsdao.kr/4082", ID: "https://newsdao.kr/4082", Image: "https://newsdao.kr/assets/a.jpg", Format: FormatMarkdown},
		},
		"relative permalink is no link": {
			name: "a.md", text: "---\ntitle: x\npermalink: /4082\nimage: /assets/a.jpg\n---\n",
			want: Item{Title: "x", ID: "post:a.md", Image: "/assets/a.jpg", Format: FormatMarkdown},
		},
		"absolute permalink": {
			name: "a.md", text: "---\ntitle: x\npermalink: https://newsdao.kr/1\n---\n",
			want: Item{Title: "x", Link: "https://newsdao.kr/1", ID: "https://newsdao.kr/1", Format: FormatMarkdown},
		},
		"javascript link is dropped": {
			name: "a.md", text: "---\ntitle: x\nlink: javascript:alert(1)\n---\n",
			want: Item{Title: "x", ID: "post:a.md", Format: FormatMarkdown},
		},
		"image mapping, author mapping, feature_text": {
			name: "a.md", text: "---\ntitle: x\nimage:\n  path: https://x.kr/a.jpg\nauthor:\n  name: 김기자\nfeature_text: 요약\n---\n",
			want: Item{Title: "x", ID: "post:a.md", Image: "https://x.kr/a.jpg", Author: "김기자", Summary: "요약", Format: FormatMarkdown},
		},
		"minimal-mistakes header teaser": {
			name: "a.md", text: "---\ntitle: x\nheader:\n  teaser: /t.jpg\n---\n",
			want: Item{Title: "x", ID: "post:a.md", Image: "/t.jpg", Format: FormatMarkdown},
		},
		"unknown keys and odd types ignored": {
			name: "a.md", text: "---\ntitle:\n  - 두\n  - 줄\nlayout: single\nfoo: {a: 1}\ndate: {y: 2024}\nexcerpt: ~\n---\n",
			want: Item{Title: "두 줄", ID: "post:a.md", Format: FormatMarkdown},
		},
		"text is cleaned": {
			name: "a\x1b[2J.md", text: "---\ntitle: \"R&amp;D \\e[2J \\u202e \"\nexcerpt: \"  여러\\n 줄 \"\n---\n",
			want: Item{Title: "R&D", ID: "post:a.md", Summary: "여러 줄", Format: FormatMarkdown},
		},
		"nfd title": {
			name: "a.md", text: "---\ntitle: " + norm.NFD.String("한국어") + "\n---\n",
			want: Item{Title: "한국어", ID: "post:a.md", Format: FormatMarkdown},
		},
		"crlf and bom": {
			name: "a.html", text: "\ufeff---\r\ntitle: 윈도\r\n---\r\n<p>본문</p>\r\n",
			want: Item{Title: "윈도", ID: "post:a.html", Format: FormatHTML},
		},
		"dots close the front matter": {
			name: "a.md", text: "---\ntitle: x\n...\n본문",
			want: Item{Title: "x", ID: "post:a.md", Format: FormatMarkdown},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			it, err := parsePost([]byte(tc.text), tc.name)
			if err != nil {
				t.Fatal(err)
			}
			got := Item{Title: it.Title, Link: it.Link, Published: it.Published, Categories: it.Categories,
				Image: it.Image, Summary: it.Summary, Author: it.Author, Format: it.Format, ID: it.ID}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestBracketTitles: a title written unquoted the way Korean news titles
// begin, with a bracketed tag (`[속보]`, `[단독]`, `{포토}`), which YAML
// reads as the start of a flow collection, is read as it is written, with
// no warning, whether YAML then fails on it or reads a list of one; a
// quoted one, lists of tags, and a list over several lines read as
// before.
func TestBracketTitles(t *testing.T) {
	const date = "date: 2023-08-09 10:00:00 +0900\n"
	tests := map[string]struct {
		front string // the lines between the "---" lines
		want  Item   // the fields compared: Title, Published, Categories, Summary, Author
	}{
		"breaking news": {
			front: "title: [속보] 서울 전역 정전… 지하철 운행 중단\n" + date,
			want:  Item{Title: "[속보] 서울 전역 정전… 지하철 운행 중단", Published: kst("2023-08-09 10:00")},
		},
		"a list of one": {
			front: "title: [속보]\n" + date,
			want:  Item{Title: "[속보]", Published: kst("2023-08-09 10:00")},
		},
		"a list of two, as written": {
			front: "title: [두, 줄]\n",
			want:  Item{Title: "[두, 줄]"},
		},
		"two tags": {
			front: "title: [속보] [단독] 제목\n",
			want:  Item{Title: "[속보] [단독] 제목"},
		},
		"braces": {
			front: "title: {포토} 제목\n",
			want:  Item{Title: "{포토} 제목"},
		},
		"a mapping of one": {
			front: "title: {포토}\n",
			want:  Item{Title: "{포토}"},
		},
		"the numbered and the editorial": {
			front: "title: [종합2보] 국회, 예산안 처리\nexcerpt: [사설] 요약\n",
			want:  Item{Title: "[종합2보] 국회, 예산안 처리", Summary: "[사설] 요약"},
		},
		"quoted, unchanged": {
			front: "title: \"[속보] 제목\"\n" + date,
			want:  Item{Title: "[속보] 제목", Published: kst("2023-08-09 10:00")},
		},
		"a comment after a list of one is a comment": {
			front: "title: [속보]   # 메모\n",
			want:  Item{Title: "[속보]"},
		},
		"a # in text that is not YAML is text": {
			front: "title: [속보] 제목 #1\n",
			want:  Item{Title: "[속보] 제목 #1"},
		},
		"tags stay a list": {
			front: "title: [속보] 호우 경보\ntags: [a, b]\ncategories: [날씨]\n",
			want:  Item{Title: "[속보] 호우 경보", Categories: []string{"날씨", "a", "b"}},
		},
		"a list over two lines is its words": {
			front: "title: [두,\n  줄]\n",
			want:  Item{Title: "두 줄"},
		},
		"a key in capitals, a space before the colon, crlf": {
			front: "Title : [단독] 제목\r\n" + "description: [1보] 설명\r\n",
			want:  Item{Title: "[단독] 제목", Summary: "[1보] 설명"},
		},
		"author: text as written, a mapping by its name": {
			front: "title: x\nauthor: [사진] 김기자\n",
			want:  Item{Title: "x", Author: "[사진] 김기자"},
		},
		"author mapping on one line": {
			front: "title: x\nauthor: {name: 김기자}\n",
			want:  Item{Title: "x", Author: "김기자"},
		},
		"a comment line under it": {
			front: "title: [속보] 제목\n# 메모\n  # 둘째 메모\n" + date,
			want:  Item{Title: "[속보] 제목", Published: kst("2023-08-09 10:00")},
		},
		"cleaned as any title": {
			front: "title: [속보] \x1b]0;owned\x07제목 \u202e<b>굵게</b> &amp; 끝\x7f\n",
			want:  Item{Title: "[속보] 제목 굵게 & 끝"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for _, text := range []string{"---\n" + tc.front + "---\n본문\n", "---\n" + tc.front + "\n본문\n"} {
				it, note := parsePost([]byte(text), "2020-01-01-slug.md")
				if tc.want.Published.IsZero() {
					tc.want.Published = Day(2020, 1, 1)
				}
				if strings.Count(text, "---") == 2 && note != nil {
					t.Errorf("note %v, want none", note)
				}
				assertItemClean(t, it)
				got := Item{Title: it.Title, Published: it.Published, Categories: it.Categories, Summary: it.Summary, Author: it.Author}
				if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tc.want) {
					t.Errorf("%q:\ngot  %+v\nwant %+v", text, got, tc.want)
				}
			}
		})
	}
}

// TestBracketTitleRoundTrip: a title read as it is written is written by
// WritePost quoted, and reads back the same.
func TestBracketTitleRoundTrip(t *testing.T) {
	for _, title := range []string{"[속보] 서울 전역 정전… 지하철 운행 중단", "[속보]", "{포토} 제목", "[속보] 제목 #1", "[단독] 👍 제목"} {
		it, note := parsePost([]byte("---\ntitle: "+title+"\n---\n본문\n"), "a.md")
		if note != nil || it.Title != title {
			t.Fatalf("%q: read as %q (%v)", title, it.Title, note)
		}
		var buf bytes.Buffer
		if err := WritePost(&buf, it, it.Body); err != nil {
			t.Fatal(err)
		}
		back, note := parsePost(buf.Bytes(), "b.md")
		if note != nil || back.Title != title {
			t.Errorf("%q: written\n%s\nread back as %q (%v)", title, buf.String(), back.Title, note)
		}
	}
}

func TestFrontMatterLimits(t *testing.T) {
	bomb := "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" +
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" +
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n" +
		"title: *g\n---\n"
	tests := map[string]struct {
		text, wantErr string
	}{
		"alias bomb":          {bomb, "a.md:3: bad front matter: YAML aliases are not allowed; read without line 3 and 6 more keys"},
		"one alias":           {"---\nx: &t 제목\ntitle: *t\n---\n", "a.md:3: bad front matter: YAML aliases are not allowed; read without line 3"},
		"huge front matter":   {"---\n" + strings.Repeat("k: v\n", 20_000) + "---\n", "a.md:2: front matter larger than 64 KiB; read without it"},
		"never closed":        {"---\n" + strings.Repeat("k: v\n", 20_000), "a.md:1: front matter is not closed by a --- line; all read as the body"},
		"deep flow nesting":   {"---\nx: " + strings.Repeat("[", 20_000) + "\n---\n", "a.md:2: bad front matter: exceeded max depth of 10000; read without line 2"},
		"scalar document":     {"---\njust text\n---\n", "a.md:2: bad front matter: not a mapping of keys to values; read without line 2"},
		"tab indentation":     {"---\ntitle:\n\t- x\n---\n", "a.md:3: bad front matter: found character that cannot start any token; read without lines 2–3"},
		"only the first line": {"---", "a.md:1: front matter is not closed by a --- line; all read as the body"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			it, note := parsePost([]byte(tc.text), "a.md")
			if err := (&SourceError{Source: "a.md", Err: note}); note == nil || err.Error() != tc.wantErr {
				t.Errorf("note = %v, want %q", err, tc.wantErr)
			}
			if it == nil || it.Title != "a" {
				t.Errorf("item %+v, want one titled by its file name", it)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestBodyFormat(t *testing.T) {
	tests := map[string]struct {
		body string
		want BodyFormat
	}{
		"html paragraphs":         {"<p>하나</p>\n<p>둘</p>", FormatHTML},
		"html after blank lines":  {"\n\n  <div class=\"x\">본문</div>", FormatHTML},
		"seed-like":               {"<p><img src=\"/a.jpg\"></p>\n\n<h2>제목</h2>\n\n텍스트", FormatHTML},
		"text then table":         {"첫 줄\n\n<table><tr><td>x</td></tr></table>", FormatHTML},
		"markdown":                {"# 제목\n\n본문 **굵게**", FormatMarkdown},
		"markdown with html":      {"첫 줄\n\n- 목록\n\n<p>끼워 넣은 HTML</p>", FormatMarkdown},
		"markdown table":          {"| a | b |\n| - | - |\n| 1 | 2 |", FormatMarkdown},
		"plain text":              {"그냥 텍스트", FormatMarkdown},
		"inline html only":        {"텍스트 <b>굵게</b>", FormatMarkdown},
		"markdown after an image": {"<img src=\"a.jpg\">\n\n## 제목\n\n<p>문단</p>", FormatMarkdown},
		"html after an image":     {"<img src=\"a.jpg\">\n\n<p>문단</p>", FormatHTML},
		"empty":                   {"", FormatMarkdown},
		"one inline br":           {"낮 기온은 24~31℃.<br>둘째 줄\n\n다음 문단", FormatMarkdown},
		"brs only":                {"첫 줄<br>\n둘째 줄<br>\n셋째 줄", FormatMarkdown},
		"br and a block tag":      {"첫 줄<br>둘째 줄\n<p>문단</p>", FormatHTML},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := bodyFormat(tc.body); got != tc.want {
				t.Errorf("bodyFormat = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWritePost(t *testing.T) {
	it := &Item{
		Title:      "정부, 반도체 R&D 예산: \"3조 원\" 증액",
		Link:       "https://newsdao.kr/4085",
		Published:  kst("2023-08-08 16:40"),
		Author:     "뉴스다오 편집국",
		Categories: []string{"Economy", "기술 정책"},
		Image:      "https://newsdao.kr/a.jpg",
		Summary:    "요약 &amp; 설명",
	}
	var buf bytes.Buffer
	if err := WritePost(&buf, it, "본문\n\n| a | b |\n"); err != nil {
		t.Fatal(err)
	}
	want := `---
title: '정부, 반도체 R&D 예산: "3조 원" 증액'
date: 2023-08-08 16:40:00 +0900
link: https://newsdao.kr/4085
author: 뉴스다오 편집국
categories:
  - Economy
  - 기술 정책
image: https://newsdao.kr/a.jpg
excerpt: 요약 &amp;amp; 설명
---

본문

| a | b |
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if err := WritePost(&buf, nil, ""); err == nil {
		t.Error("no error for a nil item")
	}
}

// TestWritePostEmoji: characters outside the BMP (an emoji with its skin
// tone, a flag) are written literally, not as \U escapes, and the post
// reads back the same (QA 10: title: "… \U0001F44D\U0001F3FD …").
func TestWritePostEmoji(t *testing.T) {
	it := &Item{
		Title:      "한국은행 발표 👍🏽 🇰🇷 *주의* \"인용\" \\ 끝",
		Published:  kst("2023-08-08 16:40"),
		Author:     "기자 😀",
		Categories: []string{"🇰🇷 국내", "Economy", "sokbo-literal-0-"},
		Summary:    "요약 👍🏽 둘째 줄",
	}
	var buf bytes.Buffer
	if err := WritePost(&buf, it, "본문\n"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\ntitle: \"한국은행 발표 👍🏽 🇰🇷 *주의* \\\"인용\\\" \\\\ 끝\"\n",
		"\nauthor: \"기자 😀\"\n",
		"\n  - \"🇰🇷 국내\"\n  - Economy\n  - sokbo-literal-0-\n",
		"\nexcerpt: \"요약 👍🏽 둘째 줄\"\n",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("front matter lacks %q:\n%s", want, buf.String())
		}
	}
	if strings.Contains(buf.String(), `\U`) {
		t.Errorf("escaped:\n%s", buf.String())
	}
	back, err := parsePost(buf.Bytes(), "2023-08-08-emoji.md")
	if err != nil {
		t.Fatal(err)
	}
	if back.Title != it.Title || back.Author != it.Author || back.Summary != it.Summary || !slices.Equal(back.Categories, it.Categories) {
		t.Errorf("read back as\n%+v\nwant\n%+v\n%s", back, it, buf.String())
	}
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"2023-08-08-first.md":               "---\ntitle: 첫째\n---\n본문",
		"2023-08-09-second.html":            "---\ntitle: 둘째\ndate: 2023-08-09 09:00:00 +0900\n---\n<p>본문</p>",
		"undated.md":                        "---\ntitle: 날짜 없음\n---\n본문",
		"notes.txt":                         "메모",
		"late.md":                           "메모\n---\ntitle: 늦은 머리말\n---\n본문",
		"feed.xml":                          "<rss version=\"2.0\"><channel></channel></rss>",
		"image.png":                         "\x89PNG\r\n\x1a\n\x00\x00",
		"broken.md":                         "---\ntitle: [\n---\n",
		".hidden.md":                        "---\ntitle: 숨김\n---\n",
		"backup.md~":                        "---\ntitle: 백업\n---\n",
		"sub/2023-08-10-nested.md":          "---\ntitle: 하위 폴더\n---\n",
		norm.NFD.String("2023-08-07-한글.md"): "---\n---\n본문",
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var warns warnings
	f, err := Load(context.Background(), dir, warns.opts())
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, it := range f.Items {
		titles = append(titles, it.Title)
		if it.Source != dir {
			t.Errorf("item source = %q, want the folder", it.Source)
		}
		assertItemClean(t, it)
	}
	// Sorted by name: 2023-08-07-한글, 2023-08-08-first, 2023-08-09-second,
	// undated; the undated posts (broken.md, read without its broken
	// front matter, and undated.md) follow the dated ones.
	want := []string{"둘째", "첫째", "한글", "broken", "날짜 없음"}
	if !slices.Equal(titles, want) {
		t.Errorf("titles = %q, want %q", titles, want)
	}
	if f.Items[2].ID != "post:2023-08-07-한글.md" {
		t.Errorf("NFD file name not composed: %q", f.Items[2].ID)
	}
	wantWarns := []string{
		filepath.Join(dir, "broken.md") + ":2: bad front matter: did not find expected node content; read without line 2",
		filepath.Join(dir, "feed.xml") + ": not a post (a feed); skipped",
		filepath.Join(dir, "image.png") + ": not a post (looks like binary data); skipped",
		filepath.Join(dir, "late.md") + ": not a post (front matter must begin on the first line, not at line 2); skipped",
		filepath.Join(dir, "notes.txt") + ": not a post (plain text with no front matter); skipped",
	}
	if !slices.Equal(warns, wantWarns) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warns, "\n"), strings.Join(wantWarns, "\n"))
	}
	if f.Title != filepath.Base(dir) {
		t.Errorf("title = %q", f.Title)
	}
}

// TestLoadFolderSameNameIDs: files whose names are one name once cleaned
// (NFC and NFD spellings, a control character) are different posts, with
// different IDs, so that each can be read and marked: the one named as
// it is shown keeps the ID a lone file of that name has, the others take
// a suffix from their own bytes, stable from one read to the next.
func TestLoadFolderSameNameIDs(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"2024-07-01-한국.md":                  norm.NFC.String("---\ntitle: 조합형\n---\n하나"),
		norm.NFD.String("2024-07-01-한국.md"): "---\ntitle: 분해형\n---\n둘",
		"2024-07-02-a\x01b.md":              "---\ntitle: 제어 문자\n---\n셋",
		"2024-07-02-a\x02b.md":              "---\ntitle: 다른 제어 문자\n---\n넷",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func() map[string]string {
		f, err := Load(context.Background(), dir, (&warnings{}).opts())
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]string{}
		for _, it := range f.Items {
			assertItemClean(t, it)
			if other, ok := ids[it.ID]; ok {
				t.Errorf("%s and %s share the ID %q", other, it.Title, it.ID)
			}
			ids[it.ID] = it.Title
		}
		return ids
	}
	ids := read()
	if len(ids) != len(files) {
		t.Fatalf("%d IDs for %d posts: %q", len(ids), len(files), ids)
	}
	if ids["post:2024-07-01-한국.md"] != "조합형" {
		t.Errorf("the NFC file does not keep its plain ID: %q", ids)
	}
	for id := range ids {
		if !strings.HasPrefix(id, "post:2024-07-0") {
			t.Errorf("ID %q does not start from the file's name", id)
		}
	}
	if again := read(); !maps.Equal(again, ids) {
		t.Errorf("IDs changed from one read to the next:\n%q\n%q", ids, again)
	}
}

func TestLoadFolderEmpty(t *testing.T) {
	dir := t.TempDir()
	var warns warnings
	f, err := Load(context.Background(), dir, warns.opts())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 0 || !slices.Equal(warns, []string{dir + ": no posts in this folder"}) {
		t.Errorf("%d items, warnings %q", len(f.Items), warns)
	}
}

// TestLoadFolderNoPosts: the files of a folder with no posts at all are
// said in one warning, a *NoPostsError counting them and naming the first
// and why; in a folder with posts, each skipped file keeps its warning,
// in the order of the files, those before the first post too.
func TestLoadFolderNoPosts(t *testing.T) {
	write := func(t *testing.T, dir string, files map[string]string) {
		t.Helper()
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	many := map[string]string{}
	for i := range MaxSkipWarnings + 5 {
		many[fmt.Sprintf("conf%02d", i)] = "key = value\n"
	}
	tests := map[string]struct {
		files map[string]string
		want  []string // the warnings, after the folder's or a file's name
	}{
		"one file": {map[string]string{"notes.txt": "메모"},
			[]string{": no posts in this folder (1 file skipped; notes.txt: plain text with no front matter)"}},
		"three files": {map[string]string{"a.txt": "", "b.xml": "<rss version=\"2.0\"><channel></channel></rss>", "c.txt": "메모"},
			[]string{": no posts in this folder (3 files skipped; the first, a.txt: empty file)"}},
		"past the cap": {many,
			[]string{": no posts in this folder (25 files skipped; the first, conf00: plain text with no front matter)"}},
		"a post among them": {map[string]string{"a.txt": "메모", "b.md": "---\ntitle: 글\n---\n", "c.txt": ""},
			[]string{"/a.txt: not a post (plain text with no front matter); skipped", "/c.txt: not a post (empty file); skipped"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tc.files)
			var got []error
			f, err := Load(context.Background(), dir, Options{Warn: func(err error) { got = append(got, err) }})
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, w := range got {
				msgs = append(msgs, strings.TrimPrefix(w.Error(), dir))
			}
			if !slices.Equal(msgs, tc.want) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(f.Items) > 0 {
				return
			}
			var np *NoPostsError
			if len(got) != 1 || !errors.As(got[0], &np) || !errors.Is(got[0], ErrNoPosts) || !errors.Is(got[0], ErrNoItems) {
				t.Errorf("warning %v is no *NoPostsError matching ErrNoPosts and ErrNoItems", got)
			} else if np.Skipped != len(tc.files) {
				t.Errorf("%d skipped, want %d", np.Skipped, len(tc.files))
			}
		})
	}
}

// TestLoadFolderCap fills a folder past MaxPostFiles: the newest posts by
// name are read, with one warning, and the skip warnings are capped.
func TestLoadFolderCap(t *testing.T) {
	// Hard links: creating 10,030 files one by one takes seconds on
	// some file systems; linking them takes milliseconds.
	src := t.TempDir()
	post, text := filepath.Join(src, "post.md"), filepath.Join(src, "note.txt")
	if err := os.WriteFile(post, []byte("---\ntitle: t\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(text, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range MaxPostFiles + 5 {
		name := start.AddDate(0, 0, i).Format("2006-01-02") + "-post.md"
		if err := os.Link(post, filepath.Join(dir, name)); err != nil {
			t.Skipf("cannot hard-link: %v", err)
		}
	}
	for i := range 25 {
		if err := os.Link(text, filepath.Join(dir, fmt.Sprintf("zz-%02d.txt", i))); err != nil {
			t.Fatal(err)
		}
	}
	var warns warnings
	f, err := Load(context.Background(), dir, warns.opts())
	if err != nil {
		t.Fatal(err)
	}
	// The 25 text files sort last and are among the files read.
	if got, want := len(f.Items), MaxPostFiles-25; got != want {
		t.Errorf("%d items, want %d", got, want)
	}
	if warns[0] != dir+": read the last 10000 of 10030 files by name" {
		t.Errorf("first warning = %q", warns[0])
	}
	if len(warns) != 1+MaxSkipWarnings+1 || warns[len(warns)-1] != dir+": skipped 5 more files that are not posts" {
		t.Errorf("%d warnings, last %q", len(warns), warns[len(warns)-1])
	}
	newest := start.AddDate(0, 0, MaxPostFiles+4).Add(-9 * time.Hour)
	if !f.Items[0].Published.Equal(newest) {
		t.Errorf("newest = %v, want %v", f.Items[0].Published, newest)
	}
}

func TestLoadFolderCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Load(ctx, "../testdata/posts", Options{})
	assertSourceError(t, err, "../testdata/posts", "context canceled")
}

func FuzzFrontMatter(f *testing.F) {
	for _, path := range []string{"testdata/seed.txt", "../testdata/posts/2023-08-09-heavy-rain-evacuation.md", "../testdata/posts/2023-08-07-typhoon-khanun-path.html"} {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		fm, _, err := splitFrontMatter(string(b))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(fm)
	}
	for _, s := range []string{"", "title: x", "a: &a [1]\nb: *a", "- x", "title: !!binary aGk=", "date: 2023-08-08\ncategories: a b c",
		"image: {path: x}", "title: \"\\e[2J\"", "title: \"👍🏽 \\\" 🇰🇷\"\nexcerpt: \"a 😀\\nb\\\\ \\u2028 c\"\ncategories: [\"🇰🇷 국내\", x]", "? [a]\n: b", "x: " + strings.Repeat("[", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		it, note := parsePost([]byte("---\n"+fm+"\n---\n본문"), "2023-08-08-fuzz.md")
		if note != nil {
			if strings.ContainsFunc(note.Error(), func(r rune) bool { return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
				t.Fatalf("note holds a control: %q", note)
			}
			if pe := (*PostError)(nil); !errors.As(note, &pe) || pe.Line < 1 || pe.Line > strings.Count(fm, "\n")+3 {
				t.Fatalf("note %v names no line of the file", note)
			}
		}
		if it == nil || !strings.HasSuffix(it.Body, "본문") {
			t.Fatalf("body lost: %+v", it)
		}
		assertItemClean(t, it)
		if note != nil {
			return
		}
		var buf bytes.Buffer
		if err := WritePost(&buf, it, "본문\n"); err != nil {
			t.Fatal(err)
		}
		back, note := parsePost(buf.Bytes(), "2023-08-08-fuzz.md")
		if note != nil {
			t.Fatalf("written post does not load whole: %v\n%s", note, buf.String())
		}
		if back.Title != it.Title || back.Summary != it.Summary || !slices.Equal(back.Categories, it.Categories) ||
			back.Link != it.Link || back.Image != it.Image || back.Author != it.Author ||
			back.Published.Unix() != it.Published.Unix() {
			t.Fatalf("round trip changed the item:\n got %+v\nwant %+v\n%s", back, it, buf.String())
		}
	})
}

// loadOne loads a source that must hold exactly one item.
func loadOne(t *testing.T, src string) *Item {
	t.Helper()
	f, err := Load(context.Background(), src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 1 {
		t.Fatalf("%s: %d items, want 1", src, len(f.Items))
	}
	return f.Items[0]
}

// TestPostReadAsFarAsItCan: a post whose date is no date, whose front
// matter is not closed or does not read as YAML, is read as far as it
// can be, its body whole, with one warning naming the file, the line and
// the cause; alone or in a folder.
func TestPostReadAsFarAsItCan(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, text string
		title      string
		date       string // YYYY-MM-DD, or "" for undated
		cats       []string
		body       string
		warning    string // after the file's path
	}{
		{"post.md", "---\ntitle: 날짜 틀림\ndate: 2024-13-45\n---\n\n<p>본문입니다.</p>\n", "날짜 틀림", "", nil, "<p>본문입니다.</p>",
			":3: date 2024-13-45 is no date; shown undated"},
		{"2024-05-06-named.md", "---\ntitle: 이름에 날짜\ndate: 2024-13-45\n---\n본문\n", "이름에 날짜", "2024-05-06", nil, "본문",
			":3: date 2024-13-45 is no date; dated by its file name"},
		{"open.md", "---\ntitle: 닫히지 않음\ndate: 2024-01-02\n\n<p>본문 유지.</p>\n", "닫히지 않음", "2024-01-02", nil, "<p>본문 유지.</p>",
			":1: front matter is not closed by a --- line; taken to end at line 4"},
		{"open-html.md", "---\n<p>머리말 없는 글</p>\n\n<p>둘째</p>\n", "open-html", "", nil, "<p>머리말 없는 글</p>\n\n<p>둘째</p>",
			":1: front matter is not closed by a --- line; all read as the body"},
		{"yaml.md", "\n---\ntitle: [깨진 yaml\ncategories:\n- 속보\n- 정치\ndate: 2024-01-02\n---\n<p>본문 yaml.</p>\n", "yaml", "2024-01-02", []string{"속보", "정치"}, "<p>본문 yaml.</p>",
			":3: bad front matter: did not find expected ',' or ']'; read without line 3"},
		{"bracket.md", "---\ntitle: [속보] 제목은 읽힘\ntags: [속보, 정치\ndate: 2024-01-02\n---\n본문\n", "[속보] 제목은 읽힘", "2024-01-02", nil, "본문",
			":3: bad front matter: did not find expected ',' or ']'; read without line 3"},
		{"unclosed.md", "---\ntitle: [속보 제목\ndate: 2024-01-02\n---\n본문\n", "unclosed", "2024-01-02", nil, "본문",
			":2: bad front matter: did not find expected ',' or ']'; read without line 2"},
		{"bracket-list.md", "---\ntitle: [속보] 제목\ncategories: [속보] 정치\n---\n본문\n", "[속보] 제목", "", nil, "본문",
			":3: bad front matter: did not find expected key; read without line 3"},
		{"colon.md", "---\ntitle: 제목\nexcerpt: 요약: 그리고: 또\n  이어짐: x\ndate: 2024-13-45\n---\n본문\n", "제목", "", nil, "본문",
			":3: bad front matter: mapping values are not allowed in this context; read without lines 3–4"},
	}
	for _, tc := range tests {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		var warns warnings
		f, err := Load(context.Background(), path, warns.opts())
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		it := f.Items[0]
		date := ""
		if !it.Published.IsZero() {
			date = it.Published.In(Seoul).Format("2006-01-02")
		}
		if it.Title != tc.title || date != tc.date || !slices.Equal(it.Categories, tc.cats) || strings.TrimSpace(it.Body) != tc.body {
			t.Errorf("%s: read as %q, %q, %q, body %q; want %q, %q, %q, %q", tc.name, it.Title, date, it.Categories, it.Body, tc.title, tc.date, tc.cats, tc.body)
		}
		if want := []string{path + tc.warning}; !slices.Equal(warns, want) {
			t.Errorf("%s: warnings %q, want %q", tc.name, warns, want)
		}
		var pe *PostError
		if len(warns) == 0 {
			continue
		}
		if _, note := parsePost([]byte(tc.text), path); !errors.As(note, &pe) || errors.Is(note, ErrFrontMatter) == (pe.Problem == PostBadDate) {
			t.Errorf("%s: note %v is not a PostError matching ErrFrontMatter for front matter alone", tc.name, note)
		}
	}
	var warns warnings
	f, err := Load(context.Background(), dir, warns.opts())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != len(tests) || len(warns) != len(tests) {
		t.Errorf("folder: %d items, warnings %q; want %d of each", len(f.Items), warns, len(tests))
	}
}

// FuzzPost: any text that starts a post is read, never refused: an item
// that is clean, and at most one note, which names a line of the file.
func FuzzPost(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\nbody", "---\ntitle: x\n\nbody", "---\ntitle: [\n---\n", "---\ndate: 2024-13-45\n---\n",
		"---\n- a\n---\n", "---\na: &a 1\nb: *a\n---\n", "---", "\ufeff\n\n---\r\ntitle: 윈도\r\n\r\n본문", "---\nx: " + strings.Repeat("[", 50),
		"---\ntitle: [속보] 정전 #1\ntags: [a, b]\n---\n", "---\nTitle : [속보] # c\r\nexcerpt: {포토}\n\n본문", "---\nauthor: [\n  a]\ntitle: {a: [b] c\n---\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		it, note := parsePost([]byte(text), "post.md")
		if it == nil {
			t.Fatal("no item")
		}
		assertItemClean(t, it)
		if note == nil {
			return
		}
		var pe *PostError
		if !errors.As(note, &pe) || pe.Line < 1 || pe.Line > strings.Count(text, "\n")+1 {
			t.Fatalf("note %v names no line of the file", note)
		}
		if strings.ContainsFunc(note.Error(), func(r rune) bool { return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
			t.Fatalf("note holds a control: %q", note)
		}
	})
}

// TestFolderNotesPastTheCap: the notes of a folder's posts (a date that
// is no date) are said for the first MaxSkipWarnings files, and the files
// past them are counted in one last warning, not dropped unsaid.
func TestFolderNotesPastTheCap(t *testing.T) {
	dir := t.TempDir()
	const n = MaxSkipWarnings + 7
	for i := range n {
		post := fmt.Sprintf("---\ntitle: 글 %d\ndate: 2024-13-45\n---\n본문\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("post-%02d.md", i)), []byte(post), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var warns warnings
	f, err := Load(context.Background(), dir, warns.opts())
	if err != nil || len(f.Items) != n {
		t.Fatalf("Load = %v, %v; want %d posts", f, err, n)
	}
	if len(warns) != MaxSkipWarnings+1 {
		t.Fatalf("%d warnings, want %d and one for the rest:\n%s", len(warns), MaxSkipWarnings+1, strings.Join(warns, "\n"))
	}
	if last := warns[len(warns)-1]; last != dir+": read 7 more files with notes of their own, not said one by one" {
		t.Errorf("last warning = %q", last)
	}
}

// TestPostTagsCapped checks that a post's categories and tags together
// are capped as a feed item's categories are.
func TestPostTagsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: x\ncategories: [속보]\ntags:\n")
	for i := range MaxCategories + 50 {
		fmt.Fprintf(&b, "  - t%d\n", i)
	}
	b.WriteString("---\n")
	it, err := parsePost([]byte(b.String()), "a.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Categories) != MaxCategories || it.Categories[0] != "속보" || it.Categories[1] != "t0" {
		t.Errorf("%d categories, first %q", len(it.Categories), it.Categories[:2])
	}
}

// TestLoadSiteRoot: a Jekyll site's root is read as its _posts folder,
// under the site's name: its pages (index.md, about.md) have front
// matter too, and are not posts.
func TestLoadSiteRoot(t *testing.T) {
	site := filepath.Join(t.TempDir(), "blog")
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("_config.yml", "title: 가람일보\n")
	write("index.md", "---\nlayout: home\ntitle: 첫 화면\n---\n")
	write("about.md", "---\ntitle: 소개\n---\n소개 글\n")
	write("_posts/2024-01-01-first.md", "---\ntitle: 첫 기사\n---\n본문\n")
	write("_posts/2024-01-02-second.md", "---\ntitle: 둘째 기사\n---\n본문\n")
	var warned []error
	f, err := Load(context.Background(), site, Options{Warn: func(err error) { warned = append(warned, err) }})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, it := range f.Items {
		titles = append(titles, it.Title)
	}
	if f.Title != "blog" || !slices.Equal(titles, []string{"둘째 기사", "첫 기사"}) || len(warned) != 0 {
		t.Errorf("site root: %q %q, warnings %v; want blog's two posts", f.Title, titles, warned)
	}
}
