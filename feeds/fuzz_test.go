package feeds

import (
	"net/url"
	"testing"
)

// FuzzFeedInput: whatever a server sends as a feed or a page, reading it
// gives a feed or an error, never a panic.
func FuzzFeedInput(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title><link>/a</link><guid>1</guid></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title><link href="/a"/><content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","url":"/a","content_html":"<p>x</p>"}]}`))
	f.Add([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>`))
	base, _ := url.Parse("https://news.example/section/")
	f.Fuzz(func(t *testing.T, b []byte) {
		if feed, err := parse(b); err == nil {
			for _, it := range feed.Items {
				_ = itemLink(it)
				_ = text(it.Content)
			}
		}
		if link := discover(b, base); link != "" {
			if _, err := url.Parse(link); err != nil {
				t.Errorf("discover gave %q, not a URL", link)
			}
		}
	})
}
