// Package newssite is a news site on 127.0.0.1 for tests and benchmarks:
// article pages in the shapes news sites use (JSON-LD, Open Graph, AMP,
// canonical links, boilerplate around the story), an RSS and an Atom feed
// that answer conditional requests, paywall stubs, and syndicated copies
// of one story on several outlets. Its stories come from internal/synth.
package newssite

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/synth"
)

// Site is a running news site. Its methods are safe for concurrent use.
type Site struct {
	*httptest.Server
	seed int64

	mu        sync.Mutex
	first, n  int            // the feeds list stories first … first+n-1
	requests  map[string]int // by path
	notModded int            // 304s answered
	failFeeds bool           // feeds answer 500
}

// Outlets are the sites that publish copies of a wire story (/wire/SLUG/I).
var Outlets = map[string]string{"ap": "Associated Press", "courier": "The Daily Courier", "herald": "Lakeside Herald"}

// Start starts a site whose stories are those of synth's corpus for seed;
// its feeds list stories 0–19. Close it when done.
func Start(seed int64) *Site {
	s := &Site{seed: seed, n: 20, requests: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /story/{i}", s.story)
	mux.HandleFunc("GET /amp/story/{i}", s.story)
	mux.HandleFunc("GET /wire/{outlet}/{i}", s.wire)
	mux.HandleFunc("GET /paywall/{i}", s.paywall)
	mux.HandleFunc("GET /rss.xml", s.feed(rss))
	mux.HandleFunc("GET /atom.xml", s.feed(atom))
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests[r.URL.Path]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	return s
}

// Story is story i as the site publishes it.
func (s *Site) Story(i int) parley.Article {
	a := synth.Article(s.seed, i)
	a.URL = s.StoryURL(i)
	return a
}

// StoryURL is the address of story i.
func (s *Site) StoryURL(i int) string { return s.URL + "/story/" + strconv.Itoa(i) }

// SetFeed makes the feeds list n stories from first, newest first.
func (s *Site) SetFeed(first, n int) {
	s.mu.Lock()
	s.first, s.n = first, n
	s.mu.Unlock()
}

// FailFeeds makes the feeds answer 500 (or stop doing so).
func (s *Site) FailFeeds(fail bool) {
	s.mu.Lock()
	s.failFeeds = fail
	s.mu.Unlock()
}

// Requests is how many requests the path has had.
func (s *Site) Requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

// NotModified is how many conditional requests got 304.
func (s *Site) NotModified() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.notModded
}

func (s *Site) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Example News</title>
<link rel="alternate" type="application/rss+xml" title="Example News" href="/rss.xml">
</head><body><h1>Example News</h1><ul>`)
	for i := range 5 {
		fmt.Fprintf(w, `<li><a href="/story/%d">%s</a></li>`, i, html.EscapeString(s.Story(i).Title))
	}
	fmt.Fprint(w, `</ul></body></html>`)
}

func index(r *http.Request) (int, bool) {
	i, err := strconv.Atoi(r.PathValue("i"))
	return i, err == nil && i >= 0
}

// story serves a story page: JSON-LD, Open Graph, a canonical link, and
// the navigation, share buttons and footer that surround real stories.
func (s *Site) story(w http.ResponseWriter, r *http.Request) {
	i, ok := index(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	a := s.Story(i)
	writePage(w, a, "Example News", s.StoryURL(i), "")
}

// wire serves story i as published by another outlet: the same text with
// that outlet's boilerplate and a dateline of its own.
func (s *Site) wire(w http.ResponseWriter, r *http.Request) {
	i, ok := index(r)
	name := Outlets[r.PathValue("outlet")]
	if !ok || name == "" {
		http.NotFound(w, r)
		return
	}
	a := s.Story(i)
	a.Outlet = name
	writePage(w, a, name, s.URL+r.URL.Path, "<p>This story was distributed by a wire service and published by "+name+".</p>")
}

func (s *Site) paywall(w http.ResponseWriter, r *http.Request) {
	i, ok := index(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	a := s.Story(i)
	a.Body = firstSentence(a.Body) + "\n\nSubscribe to keep reading. Already a subscriber? Sign in."
	writePage(w, a, "Example News", s.StoryURL(i)+"?paywall", "")
}

func firstSentence(body string) string {
	if i := strings.Index(body, ". "); i > 0 {
		return body[:i+1]
	}
	return body
}

func writePage(w http.ResponseWriter, a parley.Article, site, canonical, extra string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	esc := html.EscapeString
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>
<link rel="canonical" href="%s">
<meta property="og:title" content="%s"><meta property="og:site_name" content="%s">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":%q,
"datePublished":%q,"author":{"@type":"Person","name":%q},"publisher":{"@type":"Organization","name":%q}}</script>
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a>
<a href="/subscribe">Subscribe to %s</a></nav></header><main><article><h1>%s</h1><p class="byline">By %s</p>
`, esc(a.Title), esc(site), esc(canonical), esc(a.Title), esc(site), a.Title, a.Published.Format(time.RFC3339), a.Author, a.Outlet, esc(site), esc(a.Title), esc(a.Author))
	for _, para := range strings.Split(a.Body, "\n") {
		if para = strings.TrimSpace(para); para != "" {
			fmt.Fprintf(w, "<p>%s</p>\n", esc(para))
		}
	}
	fmt.Fprintf(w, `%s<div class="share">Share on social media</div></article></main>
<footer><p>© 2025 %s. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`, extra, esc(site))
}

type feedKind int

const (
	rss feedKind = iota
	atom
)

// feed serves a feed of the current stories, with an ETag and a
// Last-Modified that change when the list does, and 304 to a conditional
// request for the version the client has.
func (s *Site) feed(kind feedKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		first, n, fail := s.first, s.n, s.failFeeds
		s.mu.Unlock()
		if fail {
			http.Error(w, "feed generator down", http.StatusInternalServerError)
			return
		}
		etag := fmt.Sprintf(`"%d-%d-%d"`, kind, first, n)
		modified := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(first+n) * time.Hour).Format(http.TimeFormat)
		if r.Header.Get("If-None-Match") == etag || (r.Header.Get("If-None-Match") == "" && r.Header.Get("If-Modified-Since") == modified) {
			s.mu.Lock()
			s.notModded++
			s.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified)
		var b strings.Builder
		if kind == rss {
			s.writeRSS(&b, first, n)
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		} else {
			s.writeAtom(&b, first, n)
			w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
		}
		fmt.Fprint(w, b.String())
	}
}

// writeRSS lists the stories with a summary each: the reader must fetch
// the page for the text. Links carry tracking parameters, as real feeds'
// do.
func (s *Site) writeRSS(b *strings.Builder, first, n int) {
	esc := html.EscapeString
	fmt.Fprintf(b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News: Ukraine talks</title><link>%s/</link><description>Latest</description>
`, s.URL)
	for i := first + n - 1; i >= first; i-- {
		a := s.Story(i)
		fmt.Fprintf(b, `<item><title>%s</title><link>%s?utm_source=rss&amp;utm_medium=feed</link><guid isPermaLink="false">story-%d</guid>
<pubDate>%s</pubDate><description>%s</description></item>
`, esc(a.Title), s.StoryURL(i), i, a.Published.Format(time.RFC1123Z), esc(firstSentence(a.Body)))
	}
	b.WriteString("</channel></rss>\n")
}

// writeAtom carries each story's whole text, so no page needs fetching.
func (s *Site) writeAtom(b *strings.Builder, first, n int) {
	esc := html.EscapeString
	fmt.Fprintf(b, `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example News (full text)</title><id>%s/atom.xml</id>
<updated>2025-09-01T00:00:00Z</updated>
`, s.URL)
	for i := first + n - 1; i >= first; i-- {
		a := s.Story(i)
		var content strings.Builder
		for _, para := range strings.Split(a.Body, "\n") {
			if para = strings.TrimSpace(para); para != "" {
				content.WriteString("<p>" + esc(para) + "</p>")
			}
		}
		fmt.Fprintf(b, `<entry><title>%s</title><link rel="alternate" href="/story/%d"/><id>urn:example:story:%d</id>
<published>%s</published><updated>%s</updated><author><name>%s</name></author>
<content type="html">%s</content></entry>
`, esc(a.Title), i, i, a.Published.Format(time.RFC3339), a.Published.Format(time.RFC3339), esc(a.Author), esc(content.String()))
	}
	b.WriteString("</feed>\n")
}
