package fetch

import (
	"bytes"
	"encoding/json"
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

// articleTypes are the schema.org types whose JSON-LD describes the article
// itself rather than the site, a breadcrumb or a video.
var articleTypes = map[string]bool{
	"NewsArticle": true, "Article": true, "ReportageNewsArticle": true,
	"AnalysisNewsArticle": true, "OpinionNewsArticle": true, "BackgroundNewsArticle": true,
	"ReviewNewsArticle": true, "BlogPosting": true, "LiveBlogPosting": true,
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
		if a := findArticle([]byte(src)); a != nil {
			m.title = oneLine(str(a.ldNode["headline"]))
			m.author = oneLine(a.names("author"))
			m.outlet = oneLine(a.names("publisher"))
			if t, ok := ingest.ParseDate(strings.TrimSpace(str(a.ldNode["datePublished"]))); ok {
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

// ldNode is one JSON-LD object, with the other objects of its document by
// @id, since @graph documents name an author or publisher by reference.
type ldNode map[string]any

type ldArticle struct {
	ldNode
	ids map[string]ldNode
}

// findArticle returns the first article object in a JSON-LD document: the
// document itself, an element of an array, or a node of an @graph.
func findArticle(src []byte) *ldArticle {
	var doc any
	if json.Unmarshal(src, &doc) != nil {
		return nil
	}
	var nodes []ldNode
	var collect func(v any)
	collect = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				collect(e)
			}
		case map[string]any:
			nodes = append(nodes, v)
			collect(v["@graph"])
		}
	}
	collect(doc)
	ids := map[string]ldNode{}
	for _, n := range nodes {
		if id := str(n["@id"]); id != "" {
			ids[id] = n
		}
	}
	for _, n := range nodes {
		if isArticle(n["@type"]) {
			return &ldArticle{n, ids}
		}
	}
	return nil
}

func isArticle(t any) bool {
	switch t := t.(type) {
	case string:
		return articleTypes[t]
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && articleTypes[s] {
				return true
			}
		}
	}
	return false
}

// names returns the names in field key, which JSON-LD writes as a string,
// an object with a name, a reference by @id, or an array of those.
func (a *ldArticle) names(key string) string {
	var out []string
	var add func(v any)
	add = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				add(e)
			}
		case map[string]any:
			if name := str(v["name"]); name != "" {
				out = append(out, name)
			} else if ref, ok := a.ids[str(v["@id"])]; ok && str(ref["name"]) != "" {
				out = append(out, str(ref["name"]))
			}
		}
	}
	add(a.ldNode[key])
	var kept []string
	for _, s := range out {
		if s = oneLine(s); s != "" {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, ", ")
}

func str(v any) string {
	s, _ := v.(string)
	return s
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
