package ui

import (
	"errors"
	"testing"
	"time"

	"sokbo/feed/fetch"
	"sokbo/feed/refresh"
)

// TestConnState: the header says offline only when no feed's server
// answered; a 404 beside a healthy feed, or beside an unreachable one,
// is that feed's failure.
func TestConnState(t *testing.T) {
	ok := refresh.Result{URL: "https://a.example/", New: 1}
	notFound := refresh.Result{URL: "https://b.example/", Err: &fetch.HTTPError{StatusCode: 404}, Failure: refresh.FailHTTP}
	down := refresh.Result{URL: "https://c.example/", Err: &fetch.NetError{Op: fetch.OpDNS, Host: "c.example", Err: errors.New("no such host")}, Failure: refresh.FailNetwork}
	slow := refresh.Result{URL: "https://d.example/", Err: &fetch.TimeoutError{After: 15 * time.Second}, Failure: refresh.FailTimeout}
	deferred := refresh.Result{URL: "https://e.example/", Deferred: time.Now().Add(time.Hour)}
	tests := map[string]struct {
		results []refresh.Result
		want    connState
	}{
		"all well":               {[]refresh.Result{ok}, connOnline},
		"404 beside healthy":     {[]refresh.Result{ok, notFound}, connPartial},
		"404 alone":              {[]refresh.Result{notFound}, connPartial},
		"404 beside unreachable": {[]refresh.Result{notFound, down}, connPartial},
		"unreachable":            {[]refresh.Result{down, slow}, connOffline},
		"unreachable, deferred":  {[]refresh.Result{down, deferred}, connOffline},
	}
	for name, tt := range tests {
		r := refresher{now: time.Now}
		r, _, _ = r.Update(refreshDoneMsg{results: tt.results})
		if r.conn != tt.want {
			t.Errorf("%s: conn %v, want %v", name, r.conn, tt.want)
		}
	}
}
