package group

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// labelled is a fixture headline with the story it truly belongs to.
type labelled struct {
	Story string // "" for a headline that belongs to no story
	Headline
}

// loadFixture reads a testdata/*.tsv fixture: story, time in Asia/Seoul,
// outlet, title, tab-separated; # starts a comment line.
func loadFixture(t testing.TB, name string) []labelled {
	t.Helper()
	seoul := time.FixedZone("KST", 9*3600)
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 4 {
			t.Fatalf("%s:%d: %d columns, want 4", name, line, len(cols))
		}
		at, err := time.ParseInLocation("2006-01-02 15:04", cols[1], seoul)
		if err != nil {
			t.Fatalf("%s:%d: %v", name, line, err)
		}
		story := cols[0]
		if story == "-" {
			story = ""
		}
		out = append(out, labelled{story, Headline{
			Key: fmt.Sprintf("%s:%d", name, line), Outlet: cols[2], Title: cols[3], Published: at,
		}})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// pairScore is pairwise precision and recall: of the pairs Fold put in one
// group, how many are one story (precision), and of the pairs that are
// one story, how many Fold put in one group (recall).
type pairScore struct {
	tp, fp, fn         int
	precision, recall  float64
	falsePairs, missed []string
}

func score(fx []labelled, groups []Group) pairScore {
	group := make([]int, len(fx))
	for k, g := range groups {
		for _, i := range g.Members {
			group[i] = k
		}
	}
	var s pairScore
	for i := range fx {
		for j := i + 1; j < len(fx); j++ {
			same := fx[i].Story != "" && fx[i].Story == fx[j].Story
			together := group[i] == group[j]
			pair := fmt.Sprintf("%.2f %q ~ %q", Similarity(fx[i].Headline, fx[j].Headline), fx[i].Title, fx[j].Title)
			switch {
			case same && together:
				s.tp++
			case together:
				s.fp++
				s.falsePairs = append(s.falsePairs, pair)
			case same:
				s.fn++
				s.missed = append(s.missed, pair)
			}
		}
	}
	s.precision = ratio(s.tp, s.tp+s.fp)
	s.recall = ratio(s.tp, s.tp+s.fn)
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func headlines(fx []labelled) []Headline {
	hs := make([]Headline, len(fx))
	for i, l := range fx {
		hs[i] = l.Headline
	}
	return hs
}

// TestFixturePrecisionRecall measures grouping on the fixtures at the
// default threshold and holds it to the level reached. Run with -v to see
// the figures, the pairs grouped wrongly and the pairs missed.
func TestFixturePrecisionRecall(t *testing.T) {
	tests := map[string]struct {
		file                    string
		minPrecision, minRecall float64
	}{
		"tune":    {"tune.tsv", 1, 0.93},
		"holdout": {"holdout.tsv", 1, 0.92},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fx := loadFixture(t, tc.file)
			s := score(fx, Fold(headlines(fx), Options{}))
			t.Logf("threshold %.2f: precision %.3f (%d/%d pairs), recall %.3f (%d/%d pairs)",
				DefaultThreshold, s.precision, s.tp, s.tp+s.fp, s.recall, s.tp, s.tp+s.fn)
			for _, p := range s.falsePairs {
				t.Logf("grouped wrongly: %s", p)
			}
			for _, p := range s.missed {
				t.Logf("missed: %s", p)
			}
			if s.precision < tc.minPrecision || s.recall < tc.minRecall {
				t.Errorf("precision %.3f, recall %.3f; want at least %.3f and %.3f",
					s.precision, s.recall, tc.minPrecision, tc.minRecall)
			}
		})
	}
}

// TestThresholdSweep shows, with -v, precision and recall on both fixtures
// across thresholds: the figures DefaultThreshold was chosen from. It
// asserts what the choice rests on: from the default up, no fold is
// wrong. (Recall need not fall as the threshold rises: a headline joins
// one group, and at a lower threshold it may choose another.)
func TestThresholdSweep(t *testing.T) {
	for _, file := range []string{"tune.tsv", "holdout.tsv"} {
		fx := loadFixture(t, file)
		hs := headlines(fx)
		for th := 0.10; th <= 0.501; th += 0.025 {
			s := score(fx, Fold(hs, Options{Threshold: th}))
			t.Logf("%s threshold %.3f: precision %.3f recall %.3f", file, th, s.precision, s.recall)
			if th >= DefaultThreshold && s.precision < 1 {
				t.Errorf("%s: precision %.3f at threshold %.3f", file, s.precision, th)
			}
		}
	}
}
