package ui

import (
	"container/list"

	"sokbo/feed/library"
	"sokbo/render"
)

// renderKey is the cache key of a rendered article: the item, the width
// and the style it was laid out at.
type renderKey struct {
	item  library.Key
	width int
	style render.Style
}

// renderCache keeps laid-out articles, most recently used first, up to a
// number of bytes: going back to an article, or resizing back, costs no
// layout, and a long session does not grow without bound. It is used from
// Update only, never from a command.
type renderCache struct {
	limit, size int
	order       *list.List // of *renderEntry
	byKey       map[renderKey]*list.Element
}

type renderEntry struct {
	key  renderKey
	laid laidArticle
	size int
}

// defaultRenderCache is about 32 MiB of laid-out lines: a few hundred
// articles at several widths.
const defaultRenderCache = 32 << 20

func newRenderCache(limit int) *renderCache {
	return &renderCache{limit: limit, order: list.New(), byKey: map[renderKey]*list.Element{}}
}

func (c *renderCache) get(k renderKey) (laidArticle, bool) {
	el, ok := c.byKey[k]
	if !ok {
		return laidArticle{}, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*renderEntry).laid, true
}

func (c *renderCache) put(k renderKey, laid laidArticle) {
	size := 0
	for _, l := range laid.lines {
		size += len(l) + 16 // the string header too
	}
	for _, l := range laid.links {
		size += len(l.Text) + len(l.URL) + 48
	}
	size += len(laid.spots) * 32
	if size > c.limit {
		return
	}
	if el, ok := c.byKey[k]; ok {
		c.size -= el.Value.(*renderEntry).size
		c.order.Remove(el)
	}
	c.byKey[k] = c.order.PushFront(&renderEntry{k, laid, size})
	c.size += size
	for c.size > c.limit {
		el := c.order.Back()
		e := el.Value.(*renderEntry)
		c.order.Remove(el)
		delete(c.byKey, e.key)
		c.size -= e.size
	}
}
