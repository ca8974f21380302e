package opml

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/korean"

	"sokbo/feed"
	"sokbo/feed/fetch"
)

func TestOPMLRoundTrip(t *testing.T) {
	subs := []feed.Subscription{
		{Name: "뉴스다오", URL: "https://newsdao.kr/rss/allArticle.xml", Interval: 10 * time.Minute},
		{Name: `R&D "속보" <긴급>`, URL: "https://example.com/feed?a=1&b=2"},
		{Name: "", URL: "http://example.org/atom.xml", Interval: 90 * time.Second},
	}
	var buf bytes.Buffer
	if err := Write(&buf, subs); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`<?xml version="1.0" encoding="UTF-8"?>`, `<opml version="2.0">`, `xmlUrl="https://example.com/feed?a=1&amp;b=2"`, `type="rss"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// An unnamed subscription comes back named after its URL, which is
	// what the outline's required text attribute holds.
	want := slices.Clone(subs)
	want[2].Name = want[2].URL
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestReadOPML(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
<head><title>exported</title></head>
<body>
  <outline text="뉴스" title="뉴스">
    <outline type="rss" text="  속보   채널 " xmlUrl="https://a.example/rss"/>
    <outline text="Deeper">
      <outline type="rss" text="Atom" xmlurl="http://b.example/atom.xml" htmlUrl="http://b.example/"/>
    </outline>
  </outline>
  <outline type="rss" text="Dup" xmlUrl="https://a.example/rss"/>
  <outline type="link" text="A page" url="https://c.example/"/>
  <outline type="rss" text="Command" xmlUrl="exec:~/bin/make-feed.sh"/>
  <outline type="rss" text="Filtered" xmlUrl="filter:~/bin/f.sh:https://d.example/rss"/>
  <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="Pipe" xmlUrl="| rm -rf ~"/>
  <outline type="rss" text="Gopher" xmlUrl="gopher://e.example/"/>
  <outline type="rss" text="Entity &amp;amp; nbsp&nbsp;here" xmlUrl="https://f.example/rss" sokboInterval="bogus"/>
</body>
</opml>`
	subs, err := Read(strings.NewReader(doc))
	wantSubs := []feed.Subscription{
		{Name: "속보 채널", URL: "https://a.example/rss", Tags: []string{"뉴스"}},
		{Name: "Atom", URL: "http://b.example/atom.xml", Tags: []string{"뉴스", "Deeper"}},
		// A url for want of an xmlUrl is the address, as newsboat reads it;
		// a page's feed is found when it is fetched.
		{Name: "A page", URL: "https://c.example/"},
		{Name: "Entity &amp; nbsp\u00a0here", URL: "https://f.example/rss"},
	}
	if !reflect.DeepEqual(subs, wantSubs) {
		t.Errorf("subscriptions:\n got %+v\nwant %+v", subs, wantSubs)
	}
	var refused RefusedEntries
	if !errors.As(err, &refused) {
		t.Fatalf("err = %v, want RefusedEntries", err)
	}
	if !errors.Is(err, ErrRefused) {
		t.Errorf("errors.Is(err, ErrRefused) = false")
	}
	wantMsgs := []string{
		`refused "Command" (exec:~/bin/make-feed.sh): commands are never run`,
		`refused "Filtered" (filter:~/bin/f.sh:https://d.example/rss): filters are never run`,
		`refused "Local" (file:///etc/passwd): local files are not imported`,
		`refused "Pipe" (| rm -rf ~): commands are never run`,
		`refused "Gopher" (gopher://e.example/): only http and https feeds are imported`,
	}
	var msgs []string
	for _, r := range refused {
		msgs = append(msgs, r.Error())
	}
	if !slices.Equal(msgs, wantMsgs) {
		t.Errorf("refusals:\n got %q\nwant %q", msgs, wantMsgs)
	}
	if !strings.HasSuffix(refused.Error(), "(and 4 more refused)") {
		t.Errorf("summary = %q", refused.Error())
	}
	var warn *Warnings
	if !errors.As(err, &warn) || len(warn.Skipped) != 1 {
		t.Fatalf("err = %#v, want Warnings with one skipped", err)
	}
	if got, want := warn.Skipped[0].Error(), `skipped "Dup" (https://a.example/rss): the same feed as "속보 채널"`; got != want {
		t.Errorf("skipped: %q, want %q", got, want)
	}
	if !strings.HasSuffix(err.Error(), "(and 5 more)") {
		t.Errorf("summary = %q", err.Error())
	}
}

// TestReadOPMLSkipped (QA): no outline vanishes without a word. One
// with no feed address and one whose feed an earlier entry is, spelt
// the same or otherwise, are each a SkippedError, in the file's order;
// a folder, even an empty one, is none.
func TestReadOPMLSkipped(t *testing.T) {
	const doc = `<?xml version="1.0"?>
<opml version="2.0"><body>
  <outline type="rss" text="하나" xmlUrl="http://host.example/rss.xml"/>
  <outline type="rss" text="url 속성" url="https://url.example/rss"/>
  <outline type="rss" text="사이트만" htmlUrl="https://site.example/"/>
  <outline type="rss" text="no url"/>
  <outline type="rss" xmlUrl=""/>
  <outline type="include" text="다른 목록" url="https://lists.example/more.opml"/>
  <outline text="폴더">
    <outline type="rss" text="둘" xmlUrl="HTTP://host.example/rss.xml#frag"/>
  </outline>
  <outline type="rss" text="셋" xmlUrl="http://host.example/rss.xml"/>
  <outline text="빈 폴더"/>
  <outline text="빈 폴더 둘"></outline>
</body></opml>`
	subs, err := Read(strings.NewReader(doc))
	wantSubs := []feed.Subscription{
		{Name: "하나", URL: "http://host.example/rss.xml", Tags: []string{"폴더"}},
		{Name: "url 속성", URL: "https://url.example/rss"},
	}
	if !reflect.DeepEqual(subs, wantSubs) {
		t.Errorf("subscriptions:\n got %+v\nwant %+v", subs, wantSubs)
	}
	var warn *Warnings
	if !errors.As(err, &warn) {
		t.Fatalf("err = %v, want *Warnings", err)
	}
	var got []string
	for _, s := range warn.Skipped {
		got = append(got, s.Error())
	}
	want := []string{
		`skipped "사이트만": no feed address (xmlUrl), only its site's, https://site.example/`,
		`skipped "no url": no feed address (xmlUrl)`,
		`skipped "(untitled)": no feed address (xmlUrl)`,
		`skipped "다른 목록" (https://lists.example/more.opml): an OPML file to include, not a feed`,
		`skipped "둘" (HTTP://host.example/rss.xml#frag): the same feed as "하나"; its folders are added to that one's tags`,
		`skipped "셋" (http://host.example/rss.xml): the same feed as "하나"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("skipped:\n got %q\nwant %q", got, want)
	}
	if len(warn.Refused) != 0 {
		t.Errorf("refused %v", warn.Refused)
	}
}

func TestReadOPMLErrors(t *testing.T) {
	tests := map[string]string{
		"not xml":    "this is not xml",
		"wrong root": `<rss version="2.0"><channel/></rss>`,
		"truncated":  `<opml><body><outline text="x"`,
		"empty":      ``,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			subs, err := Read(strings.NewReader(in))
			if err == nil || subs != nil {
				t.Fatalf("ReadOPML = %v, %v; want an error", subs, err)
			}
			var refused RefusedEntries
			if errors.As(err, &refused) {
				t.Fatalf("a broken document reported as refusals: %v", err)
			}
		})
	}
}

func TestReadOPMLEUCKR(t *testing.T) {
	doc := eucKR(t, `<?xml version="1.0" encoding="euc-kr"?><opml version="2.0"><body><outline text="똠방 뉴스" xmlUrl="https://a.example/rss"/></body></opml>`)
	subs, err := Read(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Name != "똠방 뉴스" {
		t.Fatalf("subs = %+v", subs)
	}
}

// TestReadOPMLUnknownCharset (QA): a charset no one knows is read as
// the CP949 (or UTF-8) the bytes are, with the note a feed gets, naming
// the label; a charset known and right gives none.
func TestReadOPMLUnknownCharset(t *testing.T) {
	body := `<opml version="2.0"><body><outline text="똠방 뉴스" xmlUrl="https://a.example/rss"/></body></opml>`
	for name, tc := range map[string]struct {
		doc   []byte
		cp949 bool
	}{
		"EUC-KR bytes": {eucKR(t, `<?xml version="1.0" encoding="klingon-9"?>`+body), true},
		"UTF-8 bytes":  {[]byte(`<?xml version="1.0" encoding="klingon-9"?>` + body), false},
	} {
		t.Run(name, func(t *testing.T) {
			subs, err := Read(bytes.NewReader(tc.doc))
			if len(subs) != 1 || subs[0].Name != "똠방 뉴스" {
				t.Fatalf("subs = %+v", subs)
			}
			var warn *Warnings
			var unk *fetch.UnknownCharsetError
			if !errors.As(err, &warn) || !errors.As(warn.Charset, &unk) || unk.Label != "klingon-9" || unk.By != fetch.DeclaredXML || unk.CP949 != tc.cp949 {
				t.Fatalf("err = %v, want the unknown charset klingon-9 noted", err)
			}
			if len(warn.Refused)+len(warn.Skipped) != 0 || err.Error() != unk.Error() {
				t.Errorf("err = %q", err)
			}
		})
	}
	if _, err := Read(bytes.NewReader(eucKR(t, `<?xml version="1.0" encoding="euc-kr"?>`+body))); err != nil {
		t.Errorf("declared euc-kr: %v", err)
	}
}

func eucKR(t testing.TB, s string) []byte {
	t.Helper()
	b, err := korean.EUCKR.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q as EUC-KR: %v", s, err)
	}
	return b
}

// TestFoldersRoundTrip: folders become tags on the way in, and tags
// folders on the way out, nested in the tags' order; a feed in two
// folders is one subscription with both tags.
func TestFoldersRoundTrip(t *testing.T) {
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>x</title></head><body>
  <outline text="경제">
    <outline type="rss" text="한경" xmlUrl="https://hk.example/rss"/>
    <outline title="증권" text="ignored">
      <outline type="rss" text="증권사" xmlUrl="https://st.example/rss"/>
    </outline>
  </outline>
  <outline text="속보">
    <outline type="rss" text="한경 again" xmlUrl="https://HK.example/rss#top"/>
  </outline>
  <outline type="rss" text="맨 위" xmlUrl="https://top.example/rss"/>
  <outline text="빈 폴더"></outline>
</body></opml>`
	subs, err := Read(strings.NewReader(doc))
	var warn *Warnings
	if !errors.As(err, &warn) || len(warn.Skipped) != 1 || warn.Skipped[0].Same != "한경" || !warn.Skipped[0].Tags {
		t.Fatalf("err = %v, want 한경 again said to join 한경", err)
	}
	want := []feed.Subscription{
		{Name: "한경", URL: "https://hk.example/rss", Tags: []string{"경제", "속보"}},
		{Name: "증권사", URL: "https://st.example/rss", Tags: []string{"경제", "증권"}},
		{Name: "맨 위", URL: "https://top.example/rss"},
	}
	if !reflect.DeepEqual(subs, want) {
		t.Fatalf("read:\n got %+v\nwant %+v", subs, want)
	}
	var buf bytes.Buffer
	if err := Write(&buf, subs); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// 경제 holds 증권 and 속보, each holding its feed; 맨 위 stands alone.
	for _, frag := range []string{`<outline text="경제" title="경제">`, `<outline text="속보" title="속보">`, `<outline text="증권" title="증권">`} {
		if !strings.Contains(out, frag) {
			t.Errorf("export lacks %s:\n%s", frag, out)
		}
	}
	again, err := Read(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v\n%s", again, want, out)
	}
}

// TestReadOPMLNotWellFormed: a file whose elements do not nest is no
// OPML file, named by the line at fault, and yields no subscription at
// all, where the lenient decoder would close the elements itself and
// read on, losing the feeds after the fault or filing them in the wrong
// folder. What real files get wrong that does not break the nesting (a
// bare & in a URL, an unquoted attribute, an undeclared prefix) is still
// read.
func TestReadOPMLNotWellFormed(t *testing.T) {
	const head = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">\n<head><title>x</title></head>\n<body>\n"
	const feeds = "  <outline type=\"rss\" text=\"A\" xmlUrl=\"https://a.example/rss\"/>\n  <outline type=\"rss\" text=\"B\" xmlUrl=\"https://b.example/rss\"/>\n"
	tests := map[string]struct {
		doc  string
		want TagError
	}{
		"stray end tag in body": {head + "  </outline>\n" + feeds + "</body>\n</opml>\n",
			TagError{Line: 5, Name: "outline", Stray: true}},
		"stray end tag after a folder": {head + "  <outline text=\"F\">\n" + feeds + "  </outline>\n  </outline>\n" + feeds + "</body>\n</opml>\n",
			TagError{Line: 9, Name: "outline", Stray: true}},
		"stray end tag after the root": {head + feeds + "</body>\n</opml>\n</outline>\n",
			TagError{Line: 9, Name: "outline", Stray: true}},
		"no </body>": {head + feeds + "</opml>\n",
			TagError{Line: 4, Name: "body", Before: "opml", BeforeLine: 7}},
		"folder never closed": {head + "  <outline text=\"F\">\n" + feeds + "</body>\n</opml>\n",
			TagError{Line: 5, Name: "outline", Before: "body", BeforeLine: 8}},
		"file ends in body": {head + feeds,
			TagError{Line: 4, Name: "body"}},
		"end tag in another case": {head + "  <outline type=\"rss\" text=\"A\" xmlUrl=\"https://a.example/rss\"></OUTLINE>\n" + feeds + "</body>\n</opml>\n",
			TagError{Line: 5, Name: "OUTLINE", Stray: true}},
		"a name too long to show": {head + "</" + strings.Repeat("x", 100) + ">\n</body></opml>",
			TagError{Line: 5, Name: strings.Repeat("x", maxTagName) + "…", Stray: true}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			subs, err := Read(strings.NewReader(tc.doc))
			if subs != nil {
				t.Errorf("subscriptions read from a broken file: %+v", subs)
			}
			var te *TagError
			if !errors.As(err, &te) || !errors.Is(err, ErrNotOPML) {
				t.Fatalf("err = %v; want a TagError, not OPML", err)
			}
			if *te != tc.want {
				t.Errorf("err = %+v\nwant %+v", *te, tc.want)
			}
		})
	}

	lenient := head + "  <outline type=\"rss\" text=\"Q\" xmlUrl=\"https://q.example/rss?a=1&b=2\"></outline>\n" +
		"  <outline type=rss text=\"R\" xmlUrl=\"https://r.example/rss\"/>\n" +
		"  <x:outline>ignored</x:outline>\n</body>\n</opml>\n"
	subs, err := Read(strings.NewReader(lenient))
	want := []feed.Subscription{{Name: "Q", URL: "https://q.example/rss?a=1&b=2"}, {Name: "R", URL: "https://r.example/rss"}}
	if err != nil || !reflect.DeepEqual(subs, want) {
		t.Errorf("lenient file: %+v, %v\nwant %+v", subs, err, want)
	}

	// A well-formed file with no feed is no error: Read gives none.
	if subs, err := Read(strings.NewReader(head + "  <outline text=\"empty folder\"></outline>\n</body>\n</opml>\n")); err != nil || len(subs) != 0 {
		t.Errorf("a file with no feeds: %+v, %v", subs, err)
	}

	// An HTML page is named by its root, not by the first of its
	// unclosed <meta>s.
	_, err = Read(strings.NewReader("<!doctype html>\n<html><head><meta charset=utf-8><title>x</title></head><body><p>hi</body></html>"))
	var root *RootError
	if !errors.As(err, &root) || root.Name != "html" {
		t.Errorf("an HTML page: %v; want a RootError for <html>", err)
	}
}

// FuzzRead: Read never panics, and what it reads, written out again,
// reads back as the same feeds with the same tags (an unnamed one comes
// back named after its URL, as TestOPMLRoundTrip says).
func FuzzRead(f *testing.F) {
	const head = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head/>\n<body>\n"
	for _, s := range []string{
		head + `<outline text="F"><outline type="rss" text="A" xmlUrl="https://a.example/rss"/></outline></body></opml>`,
		head + `</outline><outline text="B" xmlUrl="https://b.example/rss"/></body></opml>`,
		head + `<outline text="C" xmlUrl="https://c.example/rss?a=1&b=2"/></opml>`,
		head + `<outline text="D" xmlUrl="https://d.example/rss">`,
		"<html><body><p>hi</body></html>",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := Read(bytes.NewReader(data))
		if err != nil {
			var warn *Warnings
			if !errors.As(err, &warn) {
				return
			}
		}
		if len(subs) == 0 {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, subs); err != nil {
			return // a name or URL Write will not write
		}
		again, err := Read(&buf)
		for i := range subs {
			if subs[i].Name == "" {
				subs[i].Name = subs[i].URL
			}
		}
		if err != nil || !reflect.DeepEqual(again, subs) {
			t.Fatalf("read back %+v, %v\nwant %+v\n%s", again, err, subs, buf.String())
		}
	})
}
