package library

import (
	"container/list"
	"sync"
)

// markdownCache is an LRU of Markdown conversions, bounded by bytes.
type markdownCache struct {
	mu    sync.Mutex
	limit int
	size  int
	order *list.List // of *mdEntry, most recent first
	byKey map[Key]*list.Element
}

type mdEntry struct {
	key Key
	md  string
}

func newMarkdownCache(limit int) *markdownCache {
	return &markdownCache{limit: limit, order: list.New(), byKey: map[Key]*list.Element{}}
}

func (c *markdownCache) get(k Key) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[k]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(el)
	return el.Value.(*mdEntry).md, true
}

func (c *markdownCache) put(k Key, md string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(md) > c.limit {
		return
	}
	if el, ok := c.byKey[k]; ok {
		c.size -= len(el.Value.(*mdEntry).md)
		c.order.Remove(el)
	}
	c.byKey[k] = c.order.PushFront(&mdEntry{k, md})
	c.size += len(md)
	for c.size > c.limit {
		el := c.order.Back()
		e := el.Value.(*mdEntry)
		c.order.Remove(el)
		delete(c.byKey, e.key)
		c.size -= len(e.md)
	}
}
