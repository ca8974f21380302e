package fastrss

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
)

// scan is gofeed's own image scan of doc: its translator's, on an item
// whose content is doc.
func scan(t testing.TB, doc string) *gofeed.Image {
	t.Helper()
	f, err := (&gofeed.DefaultRSSTranslator{}).Translate(&rss.Feed{Items: []*rss.Item{{Content: doc}}})
	if err != nil {
		t.Fatal(err)
	}
	return f.Items[0].Image
}

// firstImage finds what gofeed's scan finds wherever it says it can tell,
// and it can tell for a common news body.
func TestFirstImage(t *testing.T) {
	for doc, known := range imageDocs {
		got, ok := firstImage(doc)
		if ok != known {
			t.Errorf("firstImage(%q) can tell: %v, want %v", doc, ok, known)
		}
		if want := scan(t, doc); ok && !reflect.DeepEqual(got, want) {
			t.Errorf("firstImage(%q) = %v, gofeed's scan = %v", doc, got, want)
		}
	}
}

// imageDocs maps a document to whether firstImage can tell its image.
var imageDocs = map[string]bool{
	"":                         true,
	"text":                     true,
	"<p>글 &lt;img&gt; 없음</p>":  true,
	`<p><img src="a.png"></p>`: true,
	"<figure>\n<IMG SRC=\"A.png\" alt=\"사진\" />\n<figcaption>x</figcaption></figure>": true,
	`<img alt="x"><img src="b">`:                                     true,
	`<img alt="x"><p>no src</p>`:                                     true,
	`<img src="">`:                                                   true,
	`<!-- <img src="c"> --><img src="d">`:                            true,
	`<p><b>a<i>b</b>c</i><img src="f"></p>`:                          true,
	`<a href="x"><b><img src="ab"></a></b>`:                          true,
	`<img src="1" src="2">`:                                          true,
	`<img src=&quot;q&quot;>`:                                        true,
	`<p>x</p><img src="unterminated`:                                 true,
	`<table><tr><td><img src="in"></td></tr><img src="out"></table>`: false,
	`<p>x</p><image src="i">`:                                        false,
	`<template><img src="t"></template><img src="u">`:                false,
	`<noscript><img src="n"></noscript><img src="m">`:                false,
	`<svg><image href="s"/><img src="h"></svg>`:                      false,
	`<title><img src="t"></title><img src="x">`:                      false,
	`<script><img src="s"></script><img src="e">`:                    false,
	"<img src=\"\x00\">":                                             false,
	`<select><img src="sel"></select>`:                               false,
	`<!DOCTYPE html><img src="d">`:                                   false,
}

// Translate builds what gofeed's translator builds, image scan and all,
// for every pair of content and description.
func TestTranslateMatchesTranslator(t *testing.T) {
	docs := slices.Sorted(maps.Keys(imageDocs))
	f := &rss.Feed{Title: "t", Description: `<p><img src="feed.png"></p>`, Items: []*rss.Item{}}
	for _, content := range docs {
		for _, desc := range docs {
			f.Items = append(f.Items, &rss.Item{Content: content, Description: desc})
		}
	}
	f.Items = append(f.Items, &rss.Item{
		Content:    `<img src="scanned.png">`,
		Enclosures: []*rss.Enclosure{{URL: "https://x/enclosed.jpg", Type: "image/jpeg"}},
	})
	if got, want := translateBoth(t, f); !reflect.DeepEqual(got, want) {
		for i := range want.Items {
			if !reflect.DeepEqual(got.Items[i], want.Items[i]) {
				t.Errorf("item %d: got image %v, want %v", i, got.Items[i].Image, want.Items[i].Image)
			}
		}
		t.Fatalf("feeds differ; feed image %v, want %v", got.Image, want.Image)
	}
	for _, desc := range docs {
		f := &rss.Feed{Description: desc, Items: []*rss.Item{}}
		if got, want := translateBoth(t, f); !reflect.DeepEqual(got, want) {
			t.Errorf("feed with description %q: image %v, want %v", desc, got.Image, want.Image)
		}
	}
}

// translateBoth translates f by Translate and by gofeed's translator.
func translateBoth(t *testing.T, f *rss.Feed) (got, want *gofeed.Feed) {
	t.Helper()
	got, err := Translate(f)
	if err != nil {
		t.Fatal(err)
	}
	want, err = (&gofeed.DefaultRSSTranslator{}).Translate(f)
	if err != nil {
		t.Fatal(err)
	}
	return got, want
}

func FuzzFirstImage(f *testing.F) {
	for doc := range imageDocs {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if got, ok := firstImage(doc); ok {
			if want := scan(t, doc); !reflect.DeepEqual(got, want) {
				t.Errorf("firstImage(%q) = %v, gofeed's scan = %v", doc, got, want)
			}
		}
	})
}

// quickDocs are bodies quickImage reads, or leaves to the tokenizer, with
// whether it can tell.
var quickDocs = map[string]bool{
	`<p><img src="https://x/a.jpg" alt="속보 사진" /></p><p>본문</p>`: true,
	`<p>본문</p><h3>제목</h3><ul><li>a</li></ul>`:                   true,
	`<IMG SRC='A.png'>`:                           true,
	`<img alt="x" src="1" src="2">`:               true,
	`<img data-src="no" src="yes">`:               true,
	"<img\n\tsrc=\"tab\"\n>":                      true,
	`<img src="">`:                                true,
	`<p class="a b">텍스트 &amp; 더</p><img src="z">`: true,
	`<img alt="x"><img src="b">`:                  true,
	`</p><img src="after-end">`:                   true,
	`<img src="a&amp;b">`:                         false,
	"<img src=\"a\rb\">":                          false,
	`<img src=a.png>`:                             false,
	`<img src = "spaced">`:                        false,
	`<img src="a"alt="b">`:                        false,
	`<img/src="a">`:                               false,
	`<img src>`:                                   false,
	`<p>x<!-- c --><img src="d">`:                 false,
	`<p>a < b<img src="lt">`:                      false,
	`<p></p ><img src="e">`:                       false,
	`<p-x><img src="f">`:                          false,
	`<img src="open`:                              false,
	`<p`:                                          false,
	`<table><img src="t">`:                        false,
	`<p title='>'><img src="q">`:                  true,
	`<p title=">"`:                                false,
}

// TestQuickImage: wherever quickImage can tell, it tells what the
// tokenizer does; and it can tell for the generator's news bodies.
func TestQuickImage(t *testing.T) {
	docs := maps.Clone(quickDocs)
	for doc := range imageDocs {
		if _, ok := docs[doc]; !ok {
			docs[doc] = false // either way
		}
	}
	for doc, tells := range docs {
		if strings.IndexByte(doc, 0) >= 0 {
			continue // firstImage leaves these to gofeed before either
		}
		got, ok := quickImage(doc)
		if tells && !ok {
			t.Errorf("quickImage(%q) cannot tell", doc)
		}
		if want, listed := quickDocs[doc]; listed && !want && ok {
			t.Errorf("quickImage(%q) tells; it was to leave it to the tokenizer", doc)
		}
		if !ok {
			continue
		}
		want, known := tokenImage(doc)
		if !known || !reflect.DeepEqual(got, want) {
			t.Errorf("quickImage(%q) = %v, the tokenizer: %v (can tell: %v)", doc, got, want, known)
		}
	}
}

func FuzzQuickImage(f *testing.F) {
	for doc := range quickDocs {
		f.Add(doc)
	}
	for doc := range imageDocs {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if strings.IndexByte(doc, 0) >= 0 {
			return // firstImage leaves these to gofeed before either
		}
		if got, ok := quickImage(doc); ok {
			if want, known := tokenImage(doc); !known || !reflect.DeepEqual(got, want) {
				t.Errorf("quickImage(%q) = %v, the tokenizer: %v (can tell: %v)", doc, got, want, known)
			}
		}
	})
}
