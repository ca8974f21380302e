package feed

// Merge merges feeds into one list, newest first. Each feed is already in
// that order, its undated items after the dated ones in source order (see
// Load). The dated items of every feed are merged by time; the undated
// ones follow them, feed by feed in the order given, each in its source
// order. No undated item jumps to the top or sits among dated ones.
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
	// The newest dated head, until none is left.
	for {
		best := -1
		for i, f := range feeds {
			if heads[i] >= len(f.Items) {
				continue
			}
			it := f.Items[heads[i]]
			if it.Published.IsZero() {
				continue
			}
			if best < 0 || it.Published.After(feeds[best].Items[heads[best]].Published) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out = append(out, feeds[best].Items[heads[best]])
		heads[best]++
	}
	// What is left of each feed is undated.
	for i, f := range feeds {
		out = append(out, f.Items[heads[i]:]...)
	}
	return out
}
