package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFeedsLsRetryAt: a feed whose server asked for a wait says its error
// and the time before which it is not fetched, in one reading: not two
// parentheses in a row, "(retry after 2 minutes) (the server asked for no
// fetch before 01:24)" (QA).
func TestFeedsLsRetryAt(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	t.Cleanup(srv.Close)
	env := testEnv(t)
	u := srv.URL + "/rss.xml"
	sokboEnv(t, env, "feeds", "add", u, "--name", "가람일보", "--force")
	sokboEnv(t, env, "refresh")
	for _, l := range []string{"en", "ko"} {
		ls, stderr, _ := sokboEnv(t, env, "--lang", l, "feeds", "ls")
		f := strings.Split(strings.TrimSuffix(ls, "\n"), "\t")
		if len(f) != 8 {
			t.Fatalf("%s: feeds ls: %q %q", l, ls, stderr)
		}
		state := f[6]
		if !strings.Contains(state, "429") || strings.Contains(state, ") (") {
			t.Errorf("%s: state %q", l, state)
		}
		if want := map[string]string{"en": "; the server asked for no fetch before ", "ko": "; 서버가 "}[l]; !strings.Contains(state, want) {
			t.Errorf("%s: state %q does not say %q", l, state, want)
		}
	}
}
