package feed

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// jekyllCode is the new-user test's post: Liquid's highlight block, the
// way code is written in a Jekyll _posts folder. Its lines were joined
// into one ("{% highlight ruby %} puts "안녕" x = 1 {% endhighlight %}").
const jekyllCode = "---\ntitle: 코드\ndate: 2026-12-01 10:00:00 +0900\n---\n본문\n\n" +
	"{% highlight ruby %}\nputs \"안녕\"\nx = 1\n{% endhighlight %}\n\n끝\n"

// TestLiquidBody: a post's highlight blocks are fenced code, byte for
// byte, raw blocks are their content and comments are gone, as Jekyll
// shows them; every other tag, and a block no end tag closes, stays as
// written.
func TestLiquidBody(t *testing.T) {
	tests := map[string]struct {
		body, want string
		html       bool // the body is HTML, not Markdown
	}{
		"the new user's post": {
			body: "본문\n\n{% highlight ruby %}\nputs \"안녕\"\nx = 1\n{% endhighlight %}\n\n끝\n",
			want: "본문\n\n```ruby\nputs \"안녕\"\nx = 1\n```\n\n끝\n",
		},
		"blank lines, indentation and tabs are kept": {
			body: "{% highlight go %}\n\tif x {\n\n    y()\n\t}  \n{% endhighlight %}\n",
			want: "```go\n\tif x {\n\n    y()\n\t}  \n```\n",
		},
		"options are left out": {
			body: "{% highlight ruby linenos %}\na\n{% endhighlight %}\n{% highlight ruby mark_lines=\"1 2\" %}\nb\n{% endhighlight %}\n",
			want: "```ruby\na\n```\n```ruby\nb\n```\n",
		},
		"no language": {
			body: "{% highlight %}\na\n{% endhighlight %}\n",
			want: "```\na\n```\n",
		},
		"no spaces inside the braces": {
			body: "{%highlight c++%}\na\n{%endhighlight%}\n",
			want: "```c++\na\n```\n",
		},
		"spaces and line breaks inside the braces": {
			body: "{%   highlight\n  ruby   %}\na\n{%\tendhighlight  %}\n",
			want: "```ruby\na\n```\n",
		},
		// Liquid strips the white space on the dash's side: the blank
		// lines around the block, and the first line's indentation.
		"whitespace control": {
			body: "가\n\n{%- highlight ruby -%}\n  a\n  b  \n{%- endhighlight -%}\n\n나\n",
			want: "가\n```ruby\na\n  b\n```\n나\n",
		},
		"backticks in the code get a longer fence": {
			body: "{% highlight markdown %}\n```go\nx\n```\n`` ` ``\n{% endhighlight %}\n",
			want: "````markdown\n```go\nx\n```\n`` ` ``\n````\n",
		},
		"mid-line, the fence gets lines of its own": {
			body: "코드: {% highlight sh %}ls -l{% endhighlight %} 끝\n",
			want: "코드: \n```sh\nls -l\n```\n 끝\n",
		},
		"empty": {
			body: "{% highlight ruby %}\n{% endhighlight %}\n",
			want: "```ruby\n```\n",
		},
		"raw in the code is its content": {
			body: "{% highlight liquid %}\n{% raw %}{{ page.title }} {% if x %}{% endraw %}\n{% endhighlight %}\n",
			want: "```liquid\n{{ page.title }} {% if x %}\n```\n",
		},
		"a comment in the code is left out": {
			body: "{% highlight ruby %}\na{% comment %}숨김{% endcomment %}\n{% endhighlight %}\n",
			want: "```ruby\na\n```\n",
		},
		"raw is its content, as written": {
			body: "가 {% raw %}{{ page.title }} {% highlight ruby %}{% endraw %} 나\n",
			want: "가 {{ page.title }} {% highlight ruby %} 나\n",
		},
		"an endhighlight in raw does not end the code": {
			body: "{% highlight liquid %}\n{% raw %}{% endhighlight %}{% endraw %}\n{% endhighlight %}\n",
			want: "```liquid\n{% endhighlight %}\n```\n",
		},
		"a comment is not shown": {
			body: "가\n\n{% comment %}\n초안: **아직**\n{% endcomment %}\n\n나 {% comment %}메모{% endcomment %}다\n",
			want: "가\n\n\n\n나 다\n",
		},
		"a raw endcomment does not end a comment": {
			body: "가{% comment %}{% raw %}{% endcomment %}{% endraw %}숨김{% endcomment %}나\n",
			want: "가나\n",
		},
		"other tags and outputs stay as written": {
			body: "{{ page.title }} {% include note.html %} {%- if a -%}b{% endif %}\n",
			want: "{{ page.title }} {% include note.html %} {%- if a -%}b{% endif %}\n",
		},
		"an unclosed highlight stays as written": {
			body: "가\n\n{% highlight ruby %}\nputs 1\n\n나 {% comment %}x{% endcomment %}\n",
			want: "가\n\n{% highlight ruby %}\nputs 1\n\n나 \n",
		},
		"an unclosed raw and comment stay as written": {
			body: "{% comment %}가 {% raw %}나\n",
			want: "{% comment %}가 {% raw %}나\n",
		},
		"a language Jekyll does not read stays as written": {
			body: "{% highlight `ruby` %}\na\n{% endhighlight %}\n",
			want: "{% highlight `ruby` %}\na\n{% endhighlight %}\n",
		},
		"a tag not closed with %} is text": {
			body: "{% highlight ruby\na\n{% endhighlight\n",
			want: "{% highlight ruby\na\n{% endhighlight\n",
		},
		// Code is neither HTML nor Markdown: HTML written in a highlight
		// block does not make the post HTML.
		"markdown post with html code": {
			body: "글\n\n{% highlight html %}\n<div>\n<p>x</p>\n</div>\n{% endhighlight %}\n",
			want: "글\n\n```html\n<div>\n<p>x</p>\n</div>\n```\n",
		},
		"html post": {
			body: "<p>글</p>\n{% highlight html %}\n<b>a & b</b>\n{% endhighlight %}\n<p>{% raw %}{{ x }}{% endraw %}{% comment %}<p>숨김</p>{% endcomment %}</p>\n",
			want: "<p>글</p>\n<pre><code class=\"language-html\">&lt;b&gt;a &amp; b&lt;/b&gt;</code></pre>\n<p>{{ x }}</p>\n",
			html: true,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, format := liquidBody(tc.body)
			if got != tc.want {
				t.Errorf("body\n%s\nreads\n%s\nwant\n%s", tc.body, got, tc.want)
			}
			if want := map[bool]BodyFormat{false: FormatMarkdown, true: FormatHTML}[tc.html]; format != want {
				t.Errorf("format %v, want %v", format, want)
			}
		})
	}
}

// TestPostLiquid: a post's Body is what Liquid leaves, where the text
// enters, so every output reads the same; render_with_liquid: false,
// which WritePost writes for a body that holds Liquid, shows it as
// written, and a post written and read again is the same.
func TestPostLiquid(t *testing.T) {
	it, note := parsePost([]byte(jekyllCode), "post.md")
	if note != nil {
		t.Fatal(note)
	}
	if want := "본문\n\n```ruby\nputs \"안녕\"\nx = 1\n```\n\n끝\n"; it.Body != want || it.Format != FormatMarkdown {
		t.Errorf("body %q (format %v), want %q", it.Body, it.Format, want)
	}

	as := "---\ntitle: x\nrender_with_liquid: false\n---\n{% highlight ruby %}\na\n{% endhighlight %}\n"
	it, note = parsePost([]byte(as), "as.md")
	if note != nil {
		t.Fatal(note)
	}
	if want := "{% highlight ruby %}\na\n{% endhighlight %}\n"; it.Body != want {
		t.Errorf("render_with_liquid: false: body %q, want %q", it.Body, want)
	}

	raw := "---\ntitle: x\n---\n```liquid\n{% raw %}{% highlight ruby %}\na\n{% endhighlight %}{% endraw %}\n```\n"
	it, note = parsePost([]byte(raw), "raw.md")
	if note != nil {
		t.Fatal(note)
	}
	var buf bytes.Buffer
	if err := WritePost(&buf, it, it.Body); err != nil {
		t.Fatal(err)
	}
	written := buf.String()
	if !strings.Contains(written, "\nrender_with_liquid: false\n") {
		t.Errorf("written without render_with_liquid: false:\n%s", written)
	}
	again, note := parsePost(buf.Bytes(), "again.md")
	if note != nil {
		t.Fatal(note)
	}
	// WritePost puts a blank line after the front matter.
	if strings.TrimPrefix(again.Body, "\n") != it.Body {
		t.Errorf("read again, the body is\n%s\nnot\n%s", again.Body, it.Body)
	}

	buf.Reset()
	if err := WritePost(&buf, it, "본문\n"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "render_with_liquid") {
		t.Errorf("a body without Liquid is written with render_with_liquid:\n%s", buf.String())
	}
}

// TestLiquidBounded: blocks no end tag closes, many times over, cost a
// few passes over the body, not one per block.
func TestLiquidBounded(t *testing.T) {
	for name, unit := range map[string]string{
		"highlight":       "{% highlight ruby %}x{% raw %}{% comment %}",
		"trimming tags":   "  {%- raw -%}{%- endraw -%}  ",
		"open braces":     "{%{%{%",
		"comment in code": "{% highlight a %}{% comment %}{% endcomment %}",
	} {
		t.Run(name, func(t *testing.T) {
			body := strings.Repeat(unit, 200_000/len(unit))
			start := time.Now()
			got, _ := liquidBody(body)
			elapsed := time.Since(start)
			if len(got) > len(body)+len(body)/2 {
				t.Errorf("%d bytes became %d", len(body), len(got))
			}
			// A pass per block took minutes; a few passes take
			// milliseconds, with a margin for a loaded machine and
			// the race detector.
			if elapsed > 5*time.Second {
				t.Fatalf("%d bytes took %v", len(body), elapsed)
			}
		})
	}
}
