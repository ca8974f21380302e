package fastrss

import (
	"maps"
	"reflect"
	"slices"
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
