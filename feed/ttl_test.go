package feed

import (
	"testing"
	"time"
)

func TestChannelTTL(t *testing.T) {
	tests := map[string]struct {
		feed string
		want time.Duration
	}{
		"ttl":          {`<rss><channel><title>t</title><ttl>30</ttl><item><title>a</title></item></channel></rss>`, 30 * time.Minute},
		"spaces":       {`<rss><channel><ttl> 15 </ttl></channel></rss>`, 15 * time.Minute},
		"none":         {`<rss><channel><title>t</title></channel></rss>`, 0},
		"in an item":   {`<rss><channel><item><ttl>30</ttl></item></channel></rss>`, 0},
		"not a number": {`<rss><channel><ttl>soon</ttl></channel></rss>`, 0},
		"zero":         {`<rss><channel><ttl>0</ttl></channel></rss>`, 0},
		"a year":       {`<rss><channel><ttl>525600</ttl></channel></rss>`, MaxTTL},
		"unclosed":     {`<rss><channel><ttl>30`, 0},
	}
	for name, tt := range tests {
		if got := channelTTL([]byte(tt.feed)); got != tt.want {
			t.Errorf("%s: %v, want %v", name, got, tt.want)
		}
	}
	f, err := parseFeed([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><ttl>45</ttl><item><guid>1</guid><title>a</title></item></channel></rss>`), "x", "")
	if err != nil || f.TTL != 45*time.Minute {
		t.Errorf("parsed TTL %v, %v", f.TTL, err)
	}
}
