package store

import (
	"context"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"sokbo/feed/fetch"
)

// TestClaimFeeds: ClaimFeeds adds and claims feeds in one go, as AddFeed
// and Claim one by one would: not a feed another process holds, nor one
// whose server asked to be left alone past now, nor an unprintable
// address; Reclaim renews this process's own claim, and ReleaseClaims
// releases only claims that are still the ones it made.
func TestClaimFeeds(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sokbo.db")
	clk := newClock()
	open := func() *Store {
		s, err := Open(ctx, Options{Path: path, Now: clk.Now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	one, other := open(), open()
	const lease = time.Hour
	const a, b, c, d = "https://a.example/feed", "https://b.example/feed", "https://c.example/feed", "https://d.example/feed"
	if err := other.AddFeed(ctx, d, ""); err != nil {
		t.Fatal(err)
	}
	if err := other.SaveError(ctx, d, &fetch.HTTPError{StatusCode: http.StatusServiceUnavailable, RetryAfter: 10 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	got, err := one.ClaimFeeds(ctx, []FeedName{{URL: a, Name: "에이"}, {URL: b}, {URL: "https://x.example/\x1b[2J"}, {URL: d}}, lease, clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Key != a || got[0].At.IsZero() || got[1].Key != b || got[1].At.IsZero() {
		t.Errorf("claims of new feeds: %+v", got[:2])
	}
	if got[2].Err == nil || !got[2].At.IsZero() {
		t.Errorf("an unprintable address: %+v", got[2])
	}
	if !got[3].At.IsZero() || got[3].Key != d {
		t.Errorf("a feed deferred for 10 hours was claimed: %+v", got[3])
	}
	if info, err := one.Feed(ctx, a); err != nil || info.Name != "에이" {
		t.Errorf("feed a: %+v, %v", info, err)
	}
	if ok, err := other.Claim(ctx, a, lease); err != nil || ok {
		t.Errorf("another process claimed a held feed: %v, %v", ok, err)
	}
	theirs, err := other.ClaimFeeds(ctx, []FeedName{{URL: a}, {URL: c}}, lease, clk.Now())
	if err != nil || !theirs[0].At.IsZero() || theirs[1].At.IsZero() {
		t.Errorf("the other's claims: %+v, %v", theirs, err)
	}
	if later, err := one.ClaimFeeds(ctx, []FeedName{{URL: d}}, lease, clk.Now().Add(11*time.Hour)); err != nil || later[0].At.IsZero() {
		t.Errorf("feed d once its deferral passed: %+v, %v", later, err)
	}

	renewed, err := one.Reclaim(ctx, a, got[0].At, lease)
	if err != nil || !renewed.After(got[0].At) {
		t.Errorf("Reclaim of one's own claim = %v, %v", renewed, err)
	}
	if at, err := one.Reclaim(ctx, c, got[0].At, lease); err != nil || !at.IsZero() {
		t.Errorf("Reclaim of the other's claim = %v, %v; want zero", at, err)
	}
	// b's claim as made, and a's as it was before the renewal: only b's
	// is still the one made.
	if err := one.ReleaseClaims(ctx, map[string]time.Time{a: got[0].At, b: got[1].At}); err != nil {
		t.Fatal(err)
	}
	if ok, err := other.Claim(ctx, b, lease); err != nil || !ok {
		t.Errorf("feed b after its release: %v, %v", ok, err)
	}
	if ok, err := other.Claim(ctx, a, lease); err != nil || ok {
		t.Errorf("feed a after the release of a claim it no longer had: %v, %v", ok, err)
	}
	if err := one.ReleaseClaims(ctx, map[string]time.Time{a: renewed}); err != nil {
		t.Fatal(err)
	}
	if ok, err := other.Claim(ctx, a, lease); err != nil || !ok {
		t.Errorf("feed a after its release: %v, %v", ok, err)
	}
	if err := one.ReleaseClaims(ctx, nil); err != nil {
		t.Error(err)
	}
}

// TestClaimFeedsFindsSpellings: a feed claimed under another spelling of
// a stored feed's address is claimed under the stored one, and so is the
// second of two spellings of a new feed in one claim, as resolveFeed
// finds them.
func TestClaimFeedsFindsSpellings(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, "")
	const stored = "https://e.example/feed"
	if err := s.AddFeed(ctx, stored, ""); err != nil {
		t.Fatal(err)
	}
	got, err := s.ClaimFeeds(ctx, []FeedName{{URL: "HTTPS://E.EXAMPLE/feed"}, {URL: "https://f.example/x"}, {URL: "https://F.Example:443/x"}}, time.Hour, s.now())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{stored, "https://f.example/x", "https://f.example/x"}
	for i, w := range want {
		if got[i].Key != w {
			t.Errorf("claim %d: key %q, want %q", i, got[i].Key, w)
		}
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 {
		t.Errorf("%d feeds stored, want 2: %+v", len(feeds), feeds)
	}
}
