package library

import (
	"container/list"
	"sync"

	"sokbo/feed"
)

// markdownCache is an LRU of Markdown conversions, bounded by bytes. An
// entry is the conversion of one item as loaded: a local file read again
// gives new items, whose conversions are made again.
type markdownCache struct {
	mu    sync.Mutex
	limit int
	size  int
	order *list.List // of *mdEntry, most recent first
	byKey map[Key]*list.Element
}

type mdEntry struct {
	key  Key
	item *feed.Item
	md   string
}

func newMarkdownCache(limit int) *markdownCache {
	return &markdownCache{limit: limit, order: list.New(), byKey: map[Key]*list.Element{}}
}

func (c *markdownCache) get(k Key, it *feed.Item) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[k]
	if !ok || el.Value.(*mdEntry).item != it {
		return "", false
	}
	c.order.MoveToFront(el)
	return el.Value.(*mdEntry).md, true
}

func (c *markdownCache) put(k Key, it *feed.Item, md string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(md) > c.limit {
		return
	}
	if el, ok := c.byKey[k]; ok {
		c.size -= len(el.Value.(*mdEntry).md)
		c.order.Remove(el)
	}
	c.byKey[k] = c.order.PushFront(&mdEntry{k, it, md})
	c.size += len(md)
	for c.size > c.limit {
		el := c.order.Back()
		e := el.Value.(*mdEntry)
		c.order.Remove(el)
		delete(c.byKey, e.key)
		c.size -= len(e.md)
	}
}
