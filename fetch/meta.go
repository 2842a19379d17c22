package fetch

import (
	"bytes"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/parley-bot/parley/ingest"
)

// pageMeta is what a page says about itself in JSON-LD, meta tags and
// <link rel="canonical">. JSON-LD fills a field first, meta tags second.
type pageMeta struct {
	title, outlet, author string
	published             time.Time
	canonical, ogURL      string
}

// readMeta collects a page's metadata. It parses the page separately from
// readability, which mutates its tree and discards scripts.
func readMeta(page []byte) pageMeta {
	var m pageMeta
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return m
	}
	var ogTitle, ogSite, metaAuthor, metaDate string
	var ld []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ld = append(ld, n.FirstChild.Data)
				}
			case "link":
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "meta":
				content := strings.TrimSpace(attr(n, "content"))
				key := attr(n, "property")
				if key == "" {
					key = attr(n, "name")
				}
				switch strings.ToLower(key) {
				case "og:title":
					setOnce(&ogTitle, content)
				case "og:site_name":
					setOnce(&ogSite, content)
				case "og:url":
					setOnce(&m.ogURL, content)
				case "article:published_time":
					setOnce(&metaDate, content)
				case "author":
					setOnce(&metaAuthor, content)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, src := range ld {
		if a := ingest.FindLinkedArticle([]byte(src)); a != nil {
			m.title = oneLine(a.Text("headline"))
			m.author = oneLine(names(a, "author"))
			m.outlet = oneLine(names(a, "publisher"))
			if t, ok := ingest.ParseDate(strings.TrimSpace(a.Text("datePublished"))); ok {
				m.published = t
			}
			break
		}
	}
	m.title = firstNonEmpty(m.title, oneLine(ogTitle))
	m.outlet = firstNonEmpty(m.outlet, oneLine(ogSite))
	m.author = firstNonEmpty(m.author, oneLine(metaAuthor))
	if t, ok := ingest.ParseDate(metaDate); ok && m.published.IsZero() {
		m.published = t
	}
	return m
}

// names is the names in field key of a, as metadata is stored, joined
// with commas.
func names(a *ingest.LinkedArticle, key string) string {
	var kept []string
	for _, s := range a.Names(key) {
		if s = oneLine(s); s != "" {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, ", ")
}

// oneLine is a metadata value as stored: entities decoded, then on one line
// without control characters ("&#27;" is an ESC a terminal would obey).
func oneLine(s string) string { return ingest.OneLine(html.UnescapeString(s)) }

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func hasToken(list, token string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, token) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
