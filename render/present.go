package render

import (
	"strings"
	"time"

	"sokbo/feed"
)

// ArticleDoc turns an item and its Markdown body into the document that
// render.Page lays out: the reader's article view and `sokbo read` show the
// same header, with times in loc.
func ArticleDoc(it *feed.Item, md string, loc *time.Location) Doc {
	var meta []string
	if !it.Published.IsZero() {
		meta = append(meta, string(AppendDate(nil, it.Published, loc)))
	}
	if len(it.Categories) > 0 {
		meta = append(meta, strings.Join(it.Categories, ", "))
	}
	if it.Author != "" {
		meta = append(meta, it.Author)
	}
	// An untitled item is headed by the line the list shows for it.
	title := it.Title
	if title == "" {
		title = feed.Lead(it)
	}
	return Doc{Title: title, Meta: meta, Link: it.Link, Markdown: md}
}

// ReadingWidth caps the width articles are laid out at, by the reader and
// by `sokbo read` on a terminal: past it, lines grow too long to read
// comfortably, so a wide screen keeps a margin on the right instead.
const ReadingWidth = 100
