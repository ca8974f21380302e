package feed

import (
	"fmt"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"

	"sokbo/feed/internal/fastrss"
)

// streamMin is the smallest fetched body whose items Load gives to
// Options.Items while it reads the rest: below it (about 250 items of a
// news feed), the whole parse takes less than beginning a save early
// would gain.
const streamMin = 1 << 20

// streamFirst and streamBatch are how many items the first batch given
// to Options.Items holds, and each one after it: the first is small, so
// that storing begins soon after the first items are read.
const (
	streamFirst = 64
	streamBatch = 256
)

// parseFeedStream is parseFeedBytes that gives the feed's items to give
// while it reads the rest, as Options.Items says. Three goroutines work at
// once: the scanner (fastrss) on this one, the translation and cleaning
// of each batch the scanner read on another, and whatever give starts
// (storing the items before). Items are given while their order is the
// feed's final one (newest first, undated last, as sortItems leaves
// them), up to MaxItems. The items were translated with the channel as
// it stood at the first item; if the whole channel says otherwise of
// what an item reads of it (its link, its author), or the fast path
// turns out not to read the feed, the feed is translated again the
// usual way, and the items given are not its items.
func parseFeedStream(data []byte, src, base string, give func([]*Item)) (f *Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	var head feedHead
	headOK := false
	chunks := make(chan []*rss.Item, 2)
	done := make(chan streamed, 1)
	go func() { done <- translateStream(chunks, &head, give) }()
	var pending []*rss.Item
	size := streamFirst
	rf, ok := fastrss.ParseStream(data, dateOK, func(ch *rss.Feed, it *rss.Item) {
		if !headOK {
			hf := *ch
			hf.Items = nil
			if gh, err := fastrss.Translate(&hf); err == nil {
				head = translateHead(gh, src, base)
				headOK = true
			}
		}
		if !headOK {
			return
		}
		pending = append(pending, it)
		if len(pending) == size {
			chunks <- pending
			pending, size = nil, streamBatch
		}
	})
	if len(pending) > 0 {
		chunks <- pending
	}
	close(chunks)
	out := <-done
	if out.panicked != nil {
		panic(out.panicked)
	}
	var gf *gofeed.Feed
	if !ok {
		gf, err = parseGofeed(data)
	} else {
		hf := *rf
		hf.Items = nil
		gf, err = fastrss.Translate(&hf)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if h := translateHead(gf, src, base); ok && headOK && out.err == nil && h.sameItems(head) && len(out.items) == len(rf.Items) {
		f = h.feed
		f.Items = out.items
	} else {
		if ok {
			if gf, err = fastrss.Translate(rf); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
			}
		}
		f = translate(gf, src, base)
	}
	f.TTL = channelTTL(data)
	return f, nil
}

// streamed is what translateStream made of the items it was sent.
type streamed struct {
	items    []*Item // every item, in the feed's order
	err      error
	panicked any
}

// translateStream translates the batches of raw items it receives as
// parseFeedStream's head says, and gives them on while their order is
// final. It reads chunks to the end whatever happens, so that the
// scanner never blocks.
func translateStream(chunks <-chan []*rss.Item, head *feedHead, give func([]*Item)) (out streamed) {
	defer func() {
		if r := recover(); r != nil {
			out.panicked = r
			for range chunks {
			}
		}
	}()
	giving := true
	var last *Item // the last item given
	for raw := range chunks {
		if out.err != nil {
			continue
		}
		gf, err := fastrss.Translate(&rss.Feed{Items: raw})
		if err != nil {
			out.err = err
			continue
		}
		var batch []*Item
		for _, gi := range gf.Items {
			if gi == nil {
				continue
			}
			it := head.item(gi)
			out.items = append(out.items, it)
			if !giving {
				continue
			}
			if len(out.items) > MaxItems || last != nil && newestFirst(it, last) < 0 {
				giving = false
				continue
			}
			defangItem(it)
			batch = append(batch, it)
			last = it
		}
		if len(batch) > 0 {
			give(batch)
		}
	}
	return out
}
