package feed

// Merge merges feeds into one list, newest first. Each feed is already
// newest first with undated items in source order, so a k-way merge keeps
// every undated item right after the item it followed in its own feed, and
// no undated item jumps to the top.
func Merge(feeds ...*Feed) []*Item {
	if len(feeds) == 1 {
		return feeds[0].Items
	}
	total := 0
	for _, f := range feeds {
		total += len(f.Items)
	}
	out := make([]*Item, 0, total)
	heads := make([]int, len(feeds))
	for len(out) < total {
		best := -1
		for i, f := range feeds {
			if heads[i] >= len(f.Items) {
				continue
			}
			it := f.Items[heads[i]]
			if it.Published.IsZero() {
				best = i
				break
			}
			if best < 0 || it.Published.After(feeds[best].Items[heads[best]].Published) {
				best = i
			}
		}
		out = append(out, feeds[best].Items[heads[best]])
		heads[best]++
	}
	return out
}
