package ingest

import (
	"cmp"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// pageMeta is what a page says about itself in JSON-LD, meta tags and
// <link rel="canonical">. JSON-LD fills a field first, meta tags second:
// publishers fill both in for search engines and social networks, so they
// are more reliable than what readability guesses from the layout.
type pageMeta struct {
	title, outlet, author string
	published             time.Time
	canonical, ogURL      string // as the page writes them, maybe relative
}

// readMeta collects a page's metadata. It reads the tree before readability
// mutates it and discards the scripts that hold the JSON-LD.
func readMeta(doc *html.Node) pageMeta {
	var m pageMeta
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
		if a := FindLinkedArticle([]byte(src)); a != nil {
			m.title = metaLine(a.Text("headline"))
			m.author = metaLine(names(a, "author"))
			m.outlet = metaLine(names(a, "publisher"))
			if t, ok := ParseDate(strings.TrimSpace(a.Text("datePublished"))); ok {
				m.published = t
			}
			break
		}
	}
	m.title = cmp.Or(m.title, metaLine(ogTitle))
	m.outlet = cmp.Or(m.outlet, metaLine(ogSite))
	m.author = cmp.Or(m.author, metaLine(metaAuthor))
	if t, ok := ParseDate(metaDate); ok && m.published.IsZero() {
		m.published = t
	}
	return m
}

// address is the page's own address, from <link rel="canonical"> or
// og:url, if one is an absolute http(s) URL: it lets the library recognise
// the same article saved twice. A fetched page's claims are judged against
// where it was fetched from instead (see fetch).
func (m pageMeta) address() string {
	for _, s := range []string{m.canonical, m.ogURL} {
		if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return s
		}
	}
	return ""
}

// names is the names in field key of a, as metadata is stored, joined
// with commas.
func names(a *LinkedArticle, key string) string {
	var kept []string
	for _, s := range a.Names(key) {
		if s = metaLine(s); s != "" {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, ", ")
}

// metaLine is a metadata value as stored: entities decoded, then on one line
// without control characters ("&#27;" is an ESC a terminal would obey).
func metaLine(s string) string { return OneLine(html.UnescapeString(s)) }

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
