package fastrss

import (
	"reflect"
	"testing"
)

// An image is found where gofeed's full HTML parse finds it, whichever
// way firstImage takes.
func TestFirstImageMatchesParse(t *testing.T) {
	for _, doc := range imageDocs {
		if got, want := firstImage(doc), firstImageParsed(doc); !reflect.DeepEqual(got, want) {
			t.Errorf("firstImage(%q) = %v, want %v", doc, got, want)
		}
	}
}

var imageDocs = []string{
	"", "text", `<p><img src="a.png"></p>`, `<IMG SRC="A.png">`, `<img alt="x"><img src="b">`,
	`<table><tr><td><img src="in"></td></tr><img src="out"></table>`, `<p>x</p><image src="i">`,
	`<template><img src="t"></template><img src="u">`, `<noscript><img src="n"></noscript><img src="m">`,
	`<svg><image href="s"/><img src="h"></svg>`, `<title><img src="t"></title><img src="x">`,
	`<a href="x"><b><img src="ab"></a></b>`, `<img src="1" src="2">`, `<img src=&quot;q&quot;>`,
	`<!-- <img src="c"> --><img src="d">`, `<script><img src="s"></script><img src="e">`,
	`<p><b>a<i>b</b>c</i><img src="f"></p>`, "<img src=\"\x00\">", `<select><img src="sel"></select>`,
}

func FuzzFirstImage(f *testing.F) {
	for _, doc := range imageDocs {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if got, want := firstImage(doc), firstImageParsed(doc); !reflect.DeepEqual(got, want) {
			t.Errorf("firstImage(%q) = %v, want %v", doc, got, want)
		}
	})
}
