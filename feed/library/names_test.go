package library

import (
	"context"
	"slices"
	"testing"
	"time"

	"sokbo/feed/store"
)

func TestDistinctNames(t *testing.T) {
	tests := map[string]struct {
		names, sources, want []string
	}{
		"all apart": {
			[]string{"연합뉴스", "뉴스다오"},
			[]string{"https://yna.co.kr/rss", "https://newsdao.kr/rss"},
			[]string{"연합뉴스", "뉴스다오"},
		},
		"sections of one site": {
			[]string{"뉴스다오 - 전체기사", "뉴스다오 - 전체기사", "연합뉴스"},
			[]string{"https://www.newsdao.kr/rss/politics.xml", "https://newsdao.kr/rss/economy.xml?x=1", "https://yna.co.kr/rss"},
			[]string{"뉴스다오 - 전체기사 (newsdao.kr/rss/politics.xml)", "뉴스다오 - 전체기사 (newsdao.kr/rss/economy.xml?x=1)", "연합뉴스"},
		},
		"two sites": {
			[]string{"Latest News", "Latest News"},
			[]string{"https://a.example/feed", "https://b.example/feed"},
			[]string{"Latest News (a.example)", "Latest News (b.example)"},
		},
		"two on a host, one elsewhere": {
			[]string{"News", "News", "News"},
			[]string{"https://a.example/1", "https://a.example/2", "https://b.example/"},
			[]string{"News (a.example/1)", "News (a.example/2)", "News (b.example)"},
		},
		"files": {
			[]string{"posts", "posts"},
			[]string{"/home/u/a/posts", "/home/u/b/posts\x1b[2J"},
			[]string{"posts (/home/u/a/posts)", `posts ("/home/u/b/posts\x1b[2J")`},
		},
		"no name": {
			[]string{"", ""},
			[]string{"https://a.example/1", "https://a.example/2"},
			[]string{"", ""},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := DistinctNames(tc.names, tc.sources); !slices.Equal(got, tc.want) {
				t.Errorf("DistinctNames = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestViewFeedsDistinct: the reader's feed list tells feeds of one title
// apart.
func TestViewFeedsDistinct(t *testing.T) {
	ctx := context.Background()
	l, st := newTestLibrary(t, nil)
	for _, src := range []string{"https://a.example/", "https://b.example/"} {
		f := items(src, "x", 1, testNow)
		f.Title = "뉴스다오 - 전체기사"
		if _, err := st.SaveFeed(ctx, src, f, store.FetchResult{}); err != nil {
			t.Fatal(err)
		}
	}
	b, err := l.LoadCached(ctx, bothFeeds, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	v := NewView()
	v.Add(b)
	var names []string
	for _, c := range v.Feeds() {
		names = append(names, c.Name)
	}
	if want := []string{"뉴스다오 - 전체기사 (a.example)", "뉴스다오 - 전체기사 (b.example)"}; !slices.Equal(names, want) {
		t.Errorf("Feeds names %q, want %q", names, want)
	}
}
